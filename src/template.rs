//! `bscore template`: an audit skeleton listing every indicator with its
//! check text, to fill in. Placeholders (`""` and `"?"`) fail validation
//! until they are filled, so an unfinished audit can never be scored.
//! Its comments are in the language of messages (Chinese by default); the
//! keys and values are the same in both, as the file format has them.

use crate::audit::format::{AUDIT, Key, Shape};
use crate::checklist::Checklist;
use crate::message::Lang;
use crate::number::{Exact, SCORE_PLACES, trimmed};
use crate::text::{one_line_visible, toml_string};
use std::fmt::Write;

/// The audit skeleton for `checklist`, dated `date` (`YYYY-MM-DD`), its
/// comments in `lang`, whose first line points TOML language servers
/// (taplo, VS Code's Even Better TOML) to the JSON Schema file `schema`
/// (a path relative to the audit).
///
/// A custom checklist's text is data, never TOML: in a comment it is kept
/// on one line with its invisible characters shown escaped
/// ([`one_line_visible`]), and as a key or value it is a TOML string that
/// reads back as written ([`toml_string`]), so no checklist can add a
/// live line to the audit.
pub fn audit_template(checklist: &Checklist, date: &str, schema: &str, lang: Lang) -> String {
    skeleton(checklist, date, schema, lang, Fill::Blank)
}

/// What the skeleton is filled in with: nothing, a team member's part
/// from the plan, or the next evaluation from the last one.
#[derive(Clone, Copy)]
enum Fill<'a> {
    /// The blank audit skeleton.
    Blank,
    /// A team member's part.
    Part(&'a PartHead<'a>),
    /// The next evaluation's skeleton.
    Next(&'a NextHead<'a>),
}

impl<'a> Fill<'a> {
    fn part(self) -> Option<&'a PartHead<'a>> {
        match self {
            Fill::Part(part) => Some(part),
            _ => None,
        }
    }

    fn next(self) -> Option<&'a NextHead<'a>> {
        match self {
            Fill::Next(next) => Some(next),
            _ => None,
        }
    }
}

/// What the next evaluation's skeleton is filled in with (`bscore next`,
/// drawn from `next::Skeleton`): `[audit]` carried over, a comment block
/// of what to re-check first, each indicator's last result beside it and
/// the last nonconformities listed first.
pub struct NextHead<'a> {
    /// 经营者.
    pub organization: &'a str,
    /// The service.
    pub service: &'a str,
    /// The assessors, carried over.
    pub assessors: &'a [String],
    /// The kind's id (`surveillance`, `recertification`).
    pub kind: &'a str,
    /// The hint beside `date`.
    pub date_hint: String,
    /// `cycle_start`'s value, or `None` to write it commented out (a
    /// re-evaluation's new cycle starts on its date).
    pub cycle_start: Option<String>,
    /// The hint beside `cycle_start`.
    pub cycle_start_hint: String,
    /// The lines of the comment block above `[audit]`, without `# `.
    pub intro: Vec<String>,
    /// The heading of the indicators written first, and them, by
    /// checklist index.
    pub first: (String, Vec<usize>),
    /// Each indicator's last result, by checklist index, without `# `.
    pub last: Vec<String>,
    /// The sites, `(id, name)`, carried over.
    pub sites: Vec<(&'a str, &'a str)>,
}

/// The next evaluation's skeleton (`bscore next`): the audit skeleton of
/// [`audit_template`] with `[audit]` and `[[sites]]` carried over from
/// the last audit, dated `date`, each indicator's value `"?"` with its
/// last result in a comment, the ones `head.first` names first.
pub fn next_template(
    checklist: &Checklist,
    head: &NextHead<'_>,
    date: &str,
    schema: &str,
    lang: Lang,
) -> String {
    skeleton(checklist, date, schema, lang, Fill::Next(head))
}

/// What a team member's part is filled in with, from the evaluation plan
/// (docs/team.md): its `[audit]` and `[[sites]]`, and which indicators
/// (by checklist index) it lists.
pub struct PartHead<'a> {
    /// 经营者.
    pub organization: &'a str,
    /// The service.
    pub service: &'a str,
    /// The kind's id (`initial` …).
    pub kind: &'a str,
    /// The member whose part it is: the assessor, and `part`.
    pub assessor: &'a str,
    /// The plan's sites, `(id, name)`.
    pub sites: Vec<(&'a str, &'a str)>,
    /// Whether each indicator of the checklist is in the part.
    pub indicators: Vec<bool>,
}

/// One team member's part: the audit skeleton of [`audit_template`] with
/// `[audit]` filled from the plan (`part` naming the member), the plan's
/// `[[sites]]`, and only the indicators the plan gives the member.
pub fn part_template(
    checklist: &Checklist,
    head: &PartHead<'_>,
    date: &str,
    schema: &str,
    lang: Lang,
) -> String {
    skeleton(checklist, date, schema, lang, Fill::Part(head))
}

/// The skeleton, whole or a part's.
fn skeleton(checklist: &Checklist, date: &str, schema: &str, lang: Lang, fill: Fill<'_>) -> String {
    let part = fill.part();
    let next = fill.next();
    let mut out = header(checklist, date, schema, lang, fill);
    // Written first, so not again in their category.
    let mut first = vec![false; checklist.indicators.len()];
    for index in next.iter().flat_map(|next| &next.first.1) {
        first[*index] = true;
    }
    let listed = |index: usize| part.is_none_or(|part| part.indicators[index]) && !first[index];
    let indicator_lines = |out: &mut String, index: usize| {
        let indicator = &checklist.indicators[index];
        let text = one_line_visible(pick(lang, &indicator.text, &indicator.text_en));
        let points = trimmed(&indicator.points, SCORE_PLACES);
        // Writing to a String cannot fail.
        let _ = writeln!(out, "# [{points}] {text}");
        if let Some(next) = next {
            let _ = writeln!(out, "# {}", one_line_visible(&next.last[index]));
        }
        let _ = writeln!(out, "{} = \"?\"", toml_string(&indicator.id));
    };
    if let Some(next) = next.filter(|next| !next.first.1.is_empty()) {
        let _ = writeln!(out, "\n# ══ {} ══", one_line_visible(&next.first.0));
        for index in &next.first.1 {
            // The group it belongs to, as the categories below name it.
            let group = &checklist.groups[checklist.indicators[*index].group];
            let name = one_line_visible(pick(lang, &group.name, &group.name_en));
            let _ = writeln!(out, "# ── {} {name} ──", one_line_visible(&group.id));
            indicator_lines(&mut out, *index);
        }
    }
    for (category_index, category) in checklist.categories.iter().enumerate() {
        let any = (checklist.indicators.iter().enumerate())
            .any(|(index, i)| i.category == category_index && listed(index));
        if !any {
            continue;
        }
        let name = one_line_visible(pick(lang, &category.name, &category.name_en));
        let total = in_brackets(points(&category.total, lang), lang);
        let clause = one_line_visible(&category.clause);
        // Writing to a String cannot fail.
        let _ = writeln!(out, "\n# ══ {clause} {name}{total} ══");
        for (group_index, group) in (checklist.groups.iter().enumerate())
            .filter(|(_, group)| group.category == category_index)
        {
            let indicators: Vec<usize> = (checklist.indicators.iter().enumerate())
                .filter(|(index, i)| i.group == group_index && listed(*index))
                .map(|(index, _)| index)
                .collect();
            if indicators.is_empty() {
                continue;
            }
            let name = one_line_visible(pick(lang, &group.name, &group.name_en));
            let total = in_brackets(points(&group.total, lang), lang);
            let id = one_line_visible(&group.id);
            let _ = writeln!(out, "\n# ── {id} {name}{total} ──");
            for index in indicators {
                indicator_lines(&mut out, index);
            }
        }
    }
    if let Some(part) = part {
        out.push_str(&sites(&part.sites));
    }
    if let Some(next) = next {
        out.push_str(&sites(&next.sites));
    }
    out.push_str(&adjustments(checklist, lang));
    out
}

/// A part's `[[sites]]`, the plan's (or those carried over to the next
/// evaluation).
fn sites(sites: &[(&str, &str)]) -> String {
    let mut out = String::new();
    for (id, name) in sites {
        let (id, name) = (toml_string(id), toml_string(name));
        // Writing to a String cannot fail.
        let _ = write!(out, "\n[[sites]]\nid = {id}\nname = {name}\n");
    }
    out
}

/// The wording of `zh` or `en` in `lang`.
fn pick<'a>(lang: Lang, zh: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// `text` in the brackets of `lang`: "（12 分）", " (12 points)".
fn in_brackets(text: String, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// "12 分", "1 point", "12 points".
fn points(value: &Exact, lang: Lang) -> String {
    let shown = trimmed(value, SCORE_PLACES);
    match lang {
        Lang::Zh => format!("{shown} 分"),
        Lang::En if shown == "1" => "1 point".to_string(),
        Lang::En => format!("{shown} points"),
    }
}

/// The schema line, how to fill the file in, and `[audit]`.
fn header(checklist: &Checklist, date: &str, schema: &str, lang: Lang, fill: Fill<'_>) -> String {
    let part = fill.part();
    let code = one_line_visible(&checklist.code);
    let standard = toml_string(&checklist.code);
    let title = match lang {
        Lang::Zh => format!("《{}》", one_line_visible(&checklist.title)),
        Lang::En => one_line_visible(&checklist.title_en).into_owned(),
    };
    let schema = one_line_visible(schema);
    let guide = match lang {
        Lang::Zh => {
            r#"# bscore 评价文件
# 填写每个 "" 和每个 "?"，然后用 bscore validate 本文件 检查
# 每个指标填写以下之一：
#   0.25                                    扣分系数，0（符合）到 1（不符合）
#   { sampled = 8, nonconforming = 3 }      抽样的指标：扣分系数为 3/8（§8.3 c 2）
#   { samples = [{ item = "CR-017", site = "sh", conforms = false, record = "变更未经批准" }, …] }
#                                           逐项记录样本（现场在文件末尾以 [[sites]] 列出，见 docs/audit-format.md）
#   { excluded = "不适用的理由" }            删减，不计分（§8.2 a、§8.3 c 5）
#   { excluded = "…", rejected = "不成立的原因", coefficient = 1 }   删减理由不成立（§8.3 c 6）
# 写成表时可另加 record = "现场评审记录" 和 note = "说明"。"#
        }
        Lang::En => {
            r#"# bscore audit
# Fill in every "" and every "?", then check with: bscore validate THIS_FILE
# Each indicator takes one of:
#   0.25                                    deduction coefficient, 0 (conforms) to 1 (does not)
#   { sampled = 8, nonconforming = 3 }      sampled indicators: coefficient 3/8 (§8.3 c 2)
#   { samples = [{ item = "CR-017", site = "sh", conforms = false, record = "not approved" }, …] }
#                                           each item on record (sites listed as [[sites]], see docs/audit-format.md)
#   { excluded = "why it does not apply" }  not applicable, left out (§8.2 a, §8.3 c 5)
#   { excluded = "…", rejected = "why", coefficient = 1 }   exclusion rejected (§8.3 c 6)
# and, in a table, optional record = "what was seen on site" and note = "a note"."#
        }
    };
    let mut guide = guide.replacen('\n', &format!(" — {code} {title}\n"), 1);
    if let Some(part) = part {
        let name = one_line_visible(part.assessor);
        guide.push_str(&match lang {
            Lang::Zh => format!("\n# 这是评价组员 {name} 的分工（bscore template --plan）：只列出评价计划分给 {name} 的指标；\n# 各组员填完后用 bscore merge 合并，合并后的评价文件才能评分。"),
            Lang::En => format!("\n# This is team member {name}'s part (bscore template --plan): it lists only the indicators the plan gives {name};\n# once every member has filled theirs in, bscore merge joins the parts, and the merged audit is scored."),
        });
    }
    if let Some(next) = fill.next() {
        guide.push('\n');
        for line in &next.intro {
            let _ = write!(guide, "\n# {}", one_line_visible(line));
        }
    }
    let audit = audit_lines(&standard, date, lang, fill);
    format!("#:schema ./{schema}\n{guide}\n\n[audit]\n{audit}\n[indicators]\n")
}

/// Where the comment beside a line of `[audit]` starts.
const HINT_COLUMN: usize = 31;

/// A date earlier than the audit's, to show how an optional date is
/// written.
const EARLIER_DATE: &str = "2025-06-01";

/// The lines of `[audit]`, one per key of the audit format: those to
/// fill in first (and the standard's code, which bscore writes), then
/// the optional ones, commented out; each with its hint beside it.
fn audit_lines(standard: &str, date: &str, lang: Lang, fill: Fill<'_>) -> String {
    let written =
        |key: &Key| key.required || matches!(key.shape, Shape::Code) || filled(key, fill).is_some();
    let keys = AUDIT.keys.iter();
    let mut out = String::new();
    for key in keys
        .clone()
        .filter(|key| written(key))
        .chain(keys.filter(|key| !written(key)))
    {
        let value = match key.shape {
            _ if filled(key, fill).is_some() => filled(key, fill).unwrap_or_default(),
            Shape::Code => standard.to_string(),
            Shape::Names => "[\"\"]".to_string(),
            // The next re-evaluation's cycle starts on its date.
            Shape::Date if key.required || fill.next().is_some() => date.to_string(),
            Shape::Date => EARLIER_DATE.to_string(),
            Shape::Choice(choice) => format!("\"{}\"", choice.options.first().map_or("", |o| o.id)),
            _ => "\"\"".to_string(),
        };
        let commented = if written(key) { "" } else { "# " };
        let line = format!("{commented}{} = {value}", key.name);
        let hint = match (key.shape, lang) {
            _ if next_hint(key, fill).is_some() => next_hint(key, fill).unwrap_or_default(),
            (Shape::Choice(choice), Lang::Zh) if key.hint.0.is_empty() => choice.described_zh(),
            (Shape::Choice(choice), Lang::En) if key.hint.1.is_empty() => choice.described_en(),
            _ => pick(lang, key.hint.0, key.hint.1).to_string(),
        };
        // Writing to a String cannot fail.
        let _ = match hint.is_empty() {
            true => writeln!(out, "{line}"),
            false => writeln!(out, "{line:<HINT_COLUMN$}# {hint}"),
        };
    }
    out
}

/// The hint beside the next evaluation's `date` and `cycle_start`.
fn next_hint(key: &Key, fill: Fill<'_>) -> Option<String> {
    let next = fill.next()?;
    match key.name {
        "date" => Some(next.date_hint.clone()),
        "cycle_start" => Some(next.cycle_start_hint.clone()),
        _ => None,
    }
}

/// The value a part's `key` is filled with from the plan, or the next
/// evaluation's from the last one, if any.
fn filled(key: &Key, fill: Fill<'_>) -> Option<String> {
    if let Some(next) = fill.next() {
        let names: Vec<String> = next
            .assessors
            .iter()
            .map(|name| toml_string(name))
            .collect();
        return match key.name {
            "organization" => Some(toml_string(next.organization)),
            "service" => Some(toml_string(next.service)),
            "assessors" => Some(format!("[{}]", names.join(", "))),
            "kind" => Some(toml_string(next.kind)),
            "cycle_start" => next.cycle_start.clone(),
            _ => None,
        };
    }
    let part = fill.part()?;
    Some(match key.name {
        "organization" => toml_string(part.organization),
        "service" => toml_string(part.service),
        "assessors" => format!("[{}]", toml_string(part.assessor)),
        "kind" => toml_string(part.kind),
        "part" => toml_string(part.assessor),
        _ => return None,
    })
}

/// The commented-out special deduction and bonus, with what each does.
fn adjustments(checklist: &Checklist, lang: Lang) -> String {
    let kinds: Vec<String> = (checklist.special_deduction_kinds.iter())
        .map(|kind| {
            let text = one_line_visible(pick(lang, &kind.text, &kind.text_en));
            format!("#   {:<12}{text}", one_line_visible(&kind.id))
        })
        .collect();
    let deduction = points(&checklist.special_deduction_points, lang);
    let first_kind = (checklist.special_deduction_kinds.first())
        .map_or_else(|| "\"\"".to_string(), |kind| toml_string(&kind.id));
    let bonus = points(&checklist.bonus_points, lang);
    let (deduction_line, kind_line, bonus_line) = match lang {
        Lang::Zh => (
            format!("# 特别扣分（§8.3 c 3）：每项扣 {deduction}，且评价不合格。"),
            format!("# kind 为以下之一：\n{}", kinds.join("\n")),
            format!("# 最佳实践加分（§8.3 c 4）：至多一项，加 {bonus}。"),
        ),
        Lang::En => (
            format!(
                "# Special deductions (§8.3 c 3): each subtracts {deduction} and fails the evaluation."
            ),
            format!("# kind is one of:\n{}", kinds.join("\n")),
            format!("# Best-practice bonus (§8.3 c 4): at most one, adds {bonus}."),
        ),
    };
    format!(
        r#"
{deduction_line}
{kind_line}
# [[special_deductions]]
# kind = {first_kind}
# finding = ""

{bonus_line}
# [bonus]
# practice = ""
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_agree_with_their_number() {
        let one = Exact::from_integer(1);
        let twelve = Exact::from_integer(12);
        assert_eq!(points(&one, Lang::En), "1 point");
        assert_eq!(points(&twelve, Lang::En), "12 points");
        assert_eq!(points(&one, Lang::Zh), "1 分");
    }
}
