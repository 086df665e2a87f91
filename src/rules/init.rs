//! The starter 细则 `bscore rules init` writes: every indicator of the
//! checklist, in its order, with its check text and points as a comment,
//! for a certification body to fill in.
//!
//! Each indicator gets its own `[indicators."ID"]` table that constrains
//! nothing yet: the keys an assessor fills in — `methods`, `evidence`,
//! `levels` with their conditions, `guidance`, `exclusion = false` — are
//! there as commented lines to uncomment and complete (no `levels` on an
//! indicator worth 0 points, which the loader would warn of). Active `levels = [0, 1]` or
//! `methods = ["document"]` would be decisions the body has not taken,
//! and would be printed by `rules show` and enforced on audits as if it
//! had: a starter that loads to "Appendix A alone" is honest until it is
//! edited. The placeholders left in it (the title, `……` in the commented
//! lines) are warned of by the loader once they are live, never refused,
//! so the starter loads cleanly as written.
//!
//! Written as TOML 1.0 (no multi-line inline tables, nothing of 1.1), so
//! any TOML tool reads it; comments in the user's language.

use crate::checklist::{Checklist, Indicator};
use crate::message::Lang;
use crate::text::{one_line_visible, toml_string};
use num_traits::Zero;
use std::fmt::Write;

/// The starter's title, which the body replaces with its own.
const TITLE: [&str; 2] = [
    "（请填写认证机构名称）区块链服务认证评分细则",
    "(Certification body) blockchain service certification scoring rules",
];

/// The starter's placeholders for what the body writes (conditions,
/// evidence, guidance).
const PLACEHOLDERS: [&str; 3] = ["……", "…", "..."];

/// Whether `title` is the starter's placeholder title.
pub(super) fn is_placeholder_title(title: &str) -> bool {
    TITLE.contains(&title.trim())
}

/// Whether `text` is one of the starter's placeholders.
pub(super) fn is_placeholder(text: &str) -> bool {
    PLACEHOLDERS.contains(&text.trim())
}

/// The starter 细则 for `checklist`, its comments in `lang`.
pub fn starter(checklist: &Checklist, lang: Lang) -> String {
    let mut out = head(checklist, lang);
    let mut group = None;
    for indicator in &checklist.indicators {
        if group != Some(indicator.group) {
            group = Some(indicator.group);
            out.push_str(&group_line(checklist, indicator.group, lang));
        }
        out.push_str(&indicator_table(indicator, lang));
    }
    out
}

/// The file's opening comments, `[rules]` and the explanation of
/// `[defaults]` and of an indicator's keys.
fn head(checklist: &Checklist, lang: Lang) -> String {
    let code = toml_string(&checklist.code);
    let (title, version) = match lang {
        Lang::Zh => (toml_string(TITLE[0]), toml_string("草案")),
        Lang::En => (toml_string(TITLE[1]), toml_string("draft")),
    };
    let text = match lang {
        Lang::Zh => HEAD_ZH,
        Lang::En => HEAD_EN,
    };
    text.replace("{code_text}", &one_line_visible(&checklist.code))
        .replace("{code}", &code)
        .replace("{title}", &title)
        .replace("{version}", &version)
        .replace("{standard}", &one_line_visible(&checklist.title))
}

/// Opening of a Chinese starter; `{code}`, `{title}`, `{version}` and
/// `{standard}` are filled in.
const HEAD_ZH: &str = r#"# 评分细则（§8.3 b：“应根据本规范附录A规定的评分检查表制定有关细则”）
# 依据 {code_text}《{standard}》附录 A，由 `bscore rules init` 生成。
# 改好后用 `bscore rules check 本文件` 检查，用 `bscore rules show 本文件` 打印。

[rules]
# 请改为认证机构的细则名称和发布的版本号（如 "2026.1"）。
title = {title}
version = {version}
standard = {code}

# [defaults] 只适用于本文件没有列出的指标；列出的指标不继承它，
# 它们没写的键不加限制。本文件列出了全部指标：要让某个指标按 [defaults]
# 评分，删去它的 [indicators."编号"] 表。
# [defaults]
# levels = [0, 1]      # §8.3 c 1：定性评价，符合得满分，不符合不得分
# exclusion = true     # 是否允许删减（§8.2 a）

# 每个指标可以写（去掉行首的 # 并填写 …… 处）：
#   methods   检查方法：document 查阅文件和记录 | interview 访谈 |
#             inspection 实地勘查 | observation 现场观察操作演示 | sampling 抽样
#   evidence  查阅的证据，如 ["服务合同", "可行性方案"]
#   levels    允许的扣分系数及其条件 when，须含 0，每个系数只写一次；
#             不写则可给 0 到 1 之间的任何系数（仅按附录 A）
#   sample    抽样要求 { unit = "抽样单位", minimum = 最少抽样数 }，按比例扣分（§8.3 c 2），
#             methods 中须有 "sampling"
#   exclusion 是否允许删减：false 为不允许；不写则允许
#   guidance  给评价人员的评分指导
"#;

/// Opening of an English starter.
const HEAD_EN: &str = r#"# Detailed scoring rules (§8.3 b: the certification body draws up rules from Appendix A)
# For Appendix A of {code_text}, written by `bscore rules init`.
# Check it with `bscore rules check FILE`; print it with `bscore rules show FILE`.

[rules]
# Write the certification body's title and the published version (such as "2026.1").
title = {title}
version = {version}
standard = {code}

# [defaults] applies only to indicators this file does not name; a named
# indicator does not inherit it, and the keys it omits are unrestricted. This
# file names every indicator: to score one by [defaults], delete its
# [indicators."ID"] table.
# [defaults]
# levels = [0, 1]      # §8.3 c 1: qualitative, all points or none
# exclusion = true     # may an indicator be excluded (§8.2 a)

# Each indicator may have (remove the leading # and fill in the ...):
#   methods   document | interview | inspection | observation | sampling
#   evidence  what to look at, such as ["service contract", "feasibility plan"]
#   levels    the coefficients allowed and when each is given; 0 among them,
#             each once; without levels any coefficient from 0 to 1 may be given
#   sample    { unit = "what one item is", minimum = N }: proportional deduction
#             (§8.3 c 2); methods then list "sampling"
#   exclusion false: the indicator may not be excluded; without it, it may
#   guidance  guidance for the assessor
"#;

/// The comment that opens a group of indicators.
fn group_line(checklist: &Checklist, group: usize, lang: Lang) -> String {
    let Some(group) = checklist.groups.get(group) else {
        return String::new();
    };
    let total = crate::number::trimmed(&group.total, 2);
    let (id, name) = (&group.id, one_line_visible(&group.name));
    match lang {
        Lang::Zh => format!("\n# ── {id} {name}（{total} 分）──\n"),
        Lang::En => {
            let name = one_line_visible(&group.name_en);
            format!("\n# ── {id} {name} ({total} points) ──\n")
        }
    }
}

/// One indicator's table: its check text and points as a comment, the
/// keys to fill in commented out.
fn indicator_table(indicator: &Indicator, lang: Lang) -> String {
    let points = crate::number::trimmed(&indicator.points, 2);
    let zero = indicator.points.is_zero();
    let mut out = String::new();
    let _ = writeln!(out, "\n[indicators.{}]", toml_string(&indicator.id));
    let (check, placeholder) = match lang {
        Lang::Zh => {
            let text = one_line_visible(&indicator.text);
            let _ = writeln!(out, "# 检查内容（{points} 分）：{text}");
            if zero {
                out.push_str("# 本指标在附录 A 中为 0 分：可记录评价结果，但不影响得分。\n");
            }
            (
                "# exclusion = false   # 不允许删减时改为 false 并去掉 #\n",
                "……",
            )
        }
        Lang::En => {
            let text = one_line_visible(&indicator.text_en);
            let plural = if points == "1" { "" } else { "s" };
            let _ = writeln!(out, "# Check ({points} point{plural}): {text}");
            if zero {
                out.push_str(
                    "# 0 points in Appendix A: findings are recorded but change no score.\n",
                );
            }
            (
                "# exclusion = false   # uncomment if it may not be excluded\n",
                "...",
            )
        }
    };
    let _ = writeln!(out, "# methods = [\"document\", \"interview\"]");
    let _ = writeln!(out, "# evidence = [\"{placeholder}\"]");
    if !zero {
        let _ = writeln!(out, "# levels = [");
        let _ = writeln!(out, "#   {{ coefficient = 0, when = \"{placeholder}\" }},");
        let _ = writeln!(out, "#   {{ coefficient = 1, when = \"{placeholder}\" }},");
        let _ = writeln!(out, "# ]");
    }
    let _ = writeln!(out, "# guidance = \"{placeholder}\"");
    out.push_str(check);
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::rules::load::parse;

    fn checklist() -> Checklist {
        Checklist::builtin()
    }

    /// `starter` with its placeholder title replaced, as the body's first
    /// edit is.
    pub(crate) fn titled(starter: &str) -> String {
        let start = starter.find("\ntitle = ").expect("a title") + 1;
        let end = start + starter[start..].find('\n').expect("its line's end");
        format!(
            "{}title = \"示例认证有限公司 评分细则\"{}",
            &starter[..start],
            &starter[end..]
        )
    }

    #[test]
    fn the_starter_loads_with_every_indicator_named_and_nothing_restricted() {
        let checklist = checklist();
        for lang in [Lang::Zh, Lang::En] {
            let starter = starter(&checklist, lang);
            // Refused for its placeholder title alone, as a template's "?".
            let refused = parse("rules.toml", &starter, &checklist).expect_err("the title");
            let keys: Vec<_> = (refused.problems.iter())
                .map(|p| p.diagnostic.key.as_deref())
                .collect();
            assert_eq!(keys, [Some("rules.title")], "{lang:?}");
            let loaded = match parse("rules.toml", &titled(&starter), &checklist) {
                Ok(loaded) => loaded,
                Err(error) => panic!("{}", error.render(lang)),
            };
            assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
            let rules = &loaded.rules;
            assert_eq!(rules.standard.as_deref(), Some("T/STIC130010-2022"));
            assert_eq!(rules.defaults, None);
            for (index, indicator) in checklist.indicators.iter().enumerate() {
                let rule = rules.named[index].as_ref().expect(&indicator.id);
                assert_eq!(rule.levels, None, "{}", indicator.id);
                assert!(rule.exclusion && rule.methods.is_empty() && rule.sample.is_none());
            }
        }
    }

    #[test]
    fn the_starter_is_toml_1_0() {
        for lang in [Lang::Zh, Lang::En] {
            let starter = starter(&checklist(), lang);
            let parsed = toml_v1_0::from_str::<toml_v1_0::Table>(&starter);
            assert!(parsed.is_ok(), "{parsed:?}");
        }
    }

    #[test]
    fn the_starter_names_the_indicators_in_checklist_order_with_their_check_text() {
        let checklist = checklist();
        let chinese = starter(&checklist, Lang::Zh);
        let english = starter(&checklist, Lang::En);
        let mut last = (0, 0);
        for indicator in &checklist.indicators {
            let header = format!("[indicators.\"{}\"]\n", indicator.id);
            let at = |text: &str| text.find(&header).expect(&indicator.id);
            let here = (at(&chinese), at(&english));
            assert!(here.0 > last.0 && here.1 > last.1, "{}", indicator.id);
            last = here;
            let points = crate::number::trimmed(&indicator.points, 2);
            assert!(
                chinese[here.0..]
                    .contains(&format!("# 检查内容（{points} 分）：{}\n", indicator.text))
            );
            let plural = if points == "1" { "" } else { "s" };
            let check = format!("# Check ({points} point{plural}): {}\n", indicator.text_en);
            assert!(english[here.1..].contains(&check), "{}", indicator.id);
        }
        assert!(chinese.contains("# 请改为认证机构的细则名称"));
        assert!(english.contains("# Write the certification body's title"));
    }

    #[test]
    fn a_template_uncommented_loads_with_its_placeholders_warned_of() {
        let checklist = checklist();
        let starter = starter(&checklist, Lang::Zh);
        let start = starter.find("[indicators.\"4.1.a\"]").expect("4.1.a");
        let end = start + starter[start..].find("\n\n").expect("a blank line");
        let block: String = (starter[start..end].lines())
            .map(|line| match line.strip_prefix("# ") {
                Some(rest)
                    if !line.starts_with("# 检查内容") && !line.starts_with("# exclusion") =>
                {
                    rest.to_string()
                }
                _ => line.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n");
        let edited = format!("{}{block}{}", &starter[..start], &starter[end..]);
        // The title, and "……" in evidence, both conditions and guidance.
        let refused = parse("rules.toml", &edited, &checklist).expect_err("placeholders");
        assert_eq!(refused.count(), 5, "{}", refused.render(Lang::Zh));
        let filled = titled(&edited).replace("\"……\"", "\"已填写\"");
        let loaded = match parse("rules.toml", &filled, &checklist) {
            Ok(loaded) => loaded,
            Err(error) => panic!("{}\n{block}", error.render(Lang::Zh)),
        };
        let rule = loaded.rules.named[0].as_ref().expect("4.1.a");
        assert_eq!(rule.levels.as_ref().map(Vec::len), Some(2));
        assert_eq!(
            rule.methods,
            vec![
                super::super::Method::Document,
                super::super::Method::Interview
            ]
        );
    }

    #[test]
    fn an_indicator_worth_no_points_gets_no_levels_template() {
        let starter = starter(&checklist(), Lang::Zh);
        let start = starter.find("[indicators.\"7.1.a-1\"]").expect("7.1.a-1");
        let end = start + starter[start..].find("\n\n").expect("a blank line");
        let block = &starter[start..end];
        assert!(block.contains("本指标在附录 A 中为 0 分"), "{block}");
        assert!(!block.contains("levels"), "{block}");
    }
}
