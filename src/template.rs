//! `bscore template`: an audit skeleton listing every indicator with its
//! check text, to fill in. Placeholders (`""` and `"?"`) fail validation
//! until they are filled, so an unfinished audit can never be scored.

use crate::checklist::Checklist;
use crate::number::{SCORE_PLACES, trimmed};
use std::fmt::Write;

/// The audit skeleton for `checklist`, dated `date` (`YYYY-MM-DD`), whose
/// first line points TOML language servers (taplo, VS Code's Even Better
/// TOML) to the JSON Schema file `schema` (a path relative to the audit).
pub fn audit_template(checklist: &Checklist, date: &str, schema: &str) -> String {
    let mut out = String::new();
    let kinds: Vec<&str> = checklist
        .special_deduction_kinds
        .iter()
        .map(|k| k.id.as_str())
        .collect();
    // Writing to a String cannot fail.
    let _ = write!(
        out,
        r#"#:schema ./{schema}
# bscore audit — {code} 《{title}》
# Fill in every "" and every "?", then check with: bscore validate THIS_FILE
# Each indicator takes one of:
#   0.25                                    deduction coefficient 扣分系数, 0 (conforms) to 1 (does not)
#   {{ sampled = 8, nonconforming = 3 }}      sampled indicators: coefficient 3/8 (§8.3 c 2)
#   {{ excluded = "reason" }}                 not applicable, left out (§8.2 a, §8.3 c 5)
#   {{ excluded = "…", rejected = "why", coefficient = 1 }}   exclusion rejected (§8.3 c 6)
# and, in a table, optional record = "现场评审记录" and note = "说明".

[audit]
standard = "{code}"
organization = ""              # 经营者
service = ""                   # 区块链服务名称
assessors = [""]               # 评价人员
date = {date}                # 评价日期
kind = "initial"               # initial 初次评价 | surveillance 监督评价 | recertification 重新评价
# cycle_start = 2025-06-01     # surveillance: date of the initial evaluation or last re-evaluation (§8.1 b)
# unassessed = "conform"       # score indicators not listed below as conforming

[indicators]
"#,
        code = checklist.code,
        title = checklist.title,
    );
    for (category_index, category) in checklist.categories.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n# ══ {} {} ({} points) ══",
            category.clause,
            category.name,
            trimmed(&category.total, SCORE_PLACES)
        );
        for (group_index, group) in checklist
            .groups
            .iter()
            .enumerate()
            .filter(|(_, g)| g.category == category_index)
        {
            let _ = writeln!(
                out,
                "\n# ── {} {} ({} points) ──",
                group.id,
                group.name,
                trimmed(&group.total, SCORE_PLACES)
            );
            for indicator in checklist
                .indicators
                .iter()
                .filter(|i| i.group == group_index)
            {
                let _ = writeln!(
                    out,
                    "# [{}] {}",
                    trimmed(&indicator.points, SCORE_PLACES),
                    indicator.text
                );
                let _ = writeln!(out, "\"{}\" = \"?\"", indicator.id);
            }
        }
    }
    let _ = write!(
        out,
        r#"
# Special deductions (§8.3 c 3): each subtracts {deduction} point(s) and fails the evaluation.
# kind is one of: {kinds}
# [[special_deductions]]
# kind = "law"
# finding = ""

# Best-practice bonus (§8.3 c 4): at most one, adds {bonus} point(s).
# [bonus]
# practice = ""
"#,
        deduction = trimmed(&checklist.special_deduction_points, SCORE_PLACES),
        bonus = trimmed(&checklist.bonus_points, SCORE_PLACES),
        kinds = kinds.join(" | "),
    );
    out
}
