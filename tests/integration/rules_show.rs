//! `bscore rules show`: the 细则 printed as the document a certification
//! body publishes, in each format and both languages, from a `Rules` made
//! in code: a few indicators named with their levels, conditions,
//! sampling and exclusion, a `[defaults]`, and hostile text in the file's
//! own strings (markup, pipes, line breaks) that no format may obey.

use crate::common::ratio;
use bscore::Checklist;
use bscore::Exact;
use bscore::{Lang, TableLook};
use bscore::{Level, Method, Rule, Rules, Sampling};
use bscore::{RulesFormat, rules_document};
use unicode_width::UnicodeWidthStr;

/// Markup, a Markdown pipe and a line break, as a hostile 细则 writes them.
const HOSTILE: &str = "</td><script>alert(1)</script>|x\n1 — 伪造的一级\u{202e}";

const SHA: &str = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

fn level(coefficient: Exact, written: &str, when: Option<&str>) -> Level {
    Level {
        coefficient,
        written: written.to_string(),
        when: when.map(str::to_string),
    }
}

/// A rule examined by `methods`, with nothing else said.
fn rule(methods: Vec<Method>) -> Rule {
    Rule {
        methods,
        evidence: Vec::new(),
        levels: None,
        sample: None,
        exclusion: true,
        guidance: None,
    }
}

/// The 细则 of docs/rules.md's example: 4.2.c by three levels with their
/// conditions and not excludable, 4.4.e by a sample of at least 5, 4.1.a
/// with hostile text and a level without a condition; the others by
/// `defaults`.
fn rules(checklist: &Checklist, defaults: Option<Rule>) -> Rules {
    let mut named: Vec<Option<Rule>> = vec![None; checklist.indicators.len()];
    let mut name = |id: &str, rule: Rule| {
        let index = checklist
            .indicators
            .iter()
            .position(|i| i.id == id)
            .unwrap();
        named[index] = Some(rule);
    };
    name(
        "4.2.c",
        Rule {
            evidence: vec!["可行性方案".into(), "服务合同".into()],
            levels: Some(vec![
                level(Exact::from_integer(0), "0", Some("权利义务齐全")),
                level(ratio(1, 2), "0.5", Some("缺少其中一至两项")),
                level(Exact::from_integer(1), "1", Some("未说明各方权利义务")),
            ]),
            exclusion: false,
            ..rule(vec![Method::Document, Method::Interview])
        },
    );
    name(
        "4.4.e",
        Rule {
            sample: Some(Sampling {
                unit: "需求变更记录".into(),
                minimum: 5,
            }),
            ..rule(vec![Method::Sampling])
        },
    );
    name(
        "4.1.a",
        Rule {
            evidence: vec![HOSTILE.into()],
            levels: Some(vec![
                level(Exact::from_integer(0), "0", Some(HOSTILE)),
                level(ratio(123_456_789, 1_000_000_000), "0.123456789", None),
            ]),
            guidance: Some(HOSTILE.into()),
            ..rule(vec![Method::Observation])
        },
    );
    Rules {
        title: "示例认证有限公司 区块链服务认证评分细则 <b>&amp;</b>".into(),
        version: "2026.1".into(),
        standard: Some(checklist.code.clone()),
        sha256: SHA.into(),
        defaults,
        named,
    }
}

/// `[defaults]`: all points or none, excludable.
fn defaults() -> Rule {
    Rule {
        levels: Some(vec![
            level(Exact::from_integer(0), "0", None),
            level(Exact::from_integer(1), "1", None),
        ]),
        ..rule(Vec::new())
    }
}

fn shown(rules: &Rules, format: RulesFormat, lang: Lang, width: u16) -> Vec<u8> {
    let checklist = &Checklist::builtin();
    let look = TableLook {
        ascii: false,
        width,
    };
    let mut out = Vec::new();
    rules_document(rules, checklist, format, look, lang, &mut out).unwrap();
    out
}

fn text(rules: &Rules, format: RulesFormat, lang: Lang, width: u16) -> String {
    String::from_utf8(shown(rules, format, lang, width)).unwrap()
}

/// The example 细则 with `[defaults]`, shown.
fn example_bytes(format: RulesFormat, lang: Lang, width: u16) -> Vec<u8> {
    let rules = rules(&Checklist::builtin(), Some(defaults()));
    shown(&rules, format, lang, width)
}

fn example(format: RulesFormat, lang: Lang, width: u16) -> String {
    String::from_utf8(example_bytes(format, lang, width)).unwrap()
}

/// What every format must say, in `lang`, of docs/rules.md's example.
fn said(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::Zh => [
            "0.5 — 缺少其中一至两项",
            "1 — 未说明各方权利义务",
            "抽样单位：需求变更记录，至少 5 个",
            "不可删减",
            "可删减",
            "按默认细则",
            "检查方法：查阅文件和记录、访谈",
            "检查材料：可行性方案、服务合同",
            "0.123456789",
        ],
        Lang::En => [
            "0.5 — 缺少其中一至两项",
            "1 — 未说明各方权利义务",
            "Sampling unit: 需求变更记录, at least 5",
            "may not be excluded",
            "may be excluded",
            "by the default rule",
            "Methods: document and record review, interview",
            "Evidence: 可行性方案, 服务合同",
            "0.123456789",
        ],
    }
}

const LANGS: [Lang; 2] = [Lang::Zh, Lang::En];

/// At 200 columns every line of a level, the sampling and the markings
/// stay on their line, beside their coefficient; the digest is short.
#[test]
fn the_terminal_table_shows_each_level_beside_its_condition() {
    let checklist = &Checklist::builtin();
    for lang in LANGS {
        let table = example(RulesFormat::Table, lang, 200);
        for wanted in said(lang) {
            assert!(table.contains(wanted), "{lang:?}: {wanted}\n{table}");
        }
        assert!(table.contains("0123456789abcdef…"), "{table}");
        assert!(!table.contains(SHA), "the terminal shows the digest short");
        assert!(table.contains(&checklist.code));
        // The hostile line break is shown, and fakes no level.
        assert!(!table.lines().any(|line| line.contains("│ 1 — 伪造")));
        assert!(table.contains("⏎"));
        for line in table.lines() {
            assert!(line.width() <= 200, "{line}");
        }
    }
}

/// At 80 columns the table fits the width, and every indicator is there.
#[test]
fn the_terminal_table_fits_eighty_columns() {
    let checklist = &Checklist::builtin();
    for lang in LANGS {
        let table = example(RulesFormat::Table, lang, 80);
        for line in table.lines() {
            assert!(line.width() <= 80, "{lang:?}: {line}");
        }
        for indicator in &checklist.indicators {
            assert!(table.contains(&indicator.id), "{}", indicator.id);
        }
    }
}

/// Without `[defaults]` an indicator the file does not name is said to
/// have no rule, and to take any coefficient.
#[test]
fn an_indicator_without_a_rule_is_left_to_appendix_a() {
    let checklist = &Checklist::builtin();
    let rules = rules(checklist, None);
    let wanted = [
        (
            Lang::Zh,
            "未规定（仅按附录 A）",
            "0 至 1 之间任意扣分系数",
            "逐项规定 3 项，按默认细则 0 项，未规定 83 项",
        ),
        (
            Lang::En,
            "not specified (Appendix A alone)",
            "any coefficient from 0 to 1",
            "3 with their own rule, 0 by the default rule, 83 not specified",
        ),
    ];
    for (lang, unspecified, any, coverage) in wanted {
        for format in [RulesFormat::Table, RulesFormat::Markdown, RulesFormat::Html] {
            let document = text(&rules, format, lang, 200);
            for wanted in [unspecified, any, coverage] {
                assert!(document.contains(wanted), "{lang:?} {format:?}: {wanted}");
            }
            // The default rule is named once, in the coverage line only.
            let defaulted = document.matches(said(lang)[5]).count();
            assert_eq!(defaulted, 1, "{lang:?} {format:?}");
        }
    }
}

/// Markdown: a table per group, every text of the file escaped (a pipe
/// opens no cell, markup stays text, a line break stays in its line).
#[test]
fn markdown_escapes_the_files_text() {
    for lang in LANGS {
        let markdown = example(RulesFormat::Markdown, lang, 80);
        for wanted in said(lang) {
            assert!(markdown.contains(wanted), "{lang:?}: {wanted}");
        }
        assert!(!markdown.contains("<script>") && !markdown.contains("<b>"));
        assert!(
            markdown
                .contains("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;\\|x ⏎ 1 — 伪造的一级")
        );
        assert!(markdown.contains(SHA), "Markdown keeps the whole digest");
        assert!(markdown.contains("### 4.2 "), "a heading per group");
        // Every row of a table has the table's five columns.
        let rows = markdown.lines().filter(|line| line.starts_with("| 4."));
        for row in rows {
            let cells = row.replace("\\|", "").matches('|').count();
            assert_eq!(cells, 6, "{row}");
        }
    }
}

/// HTML: one A4 page, every string of the file escaped, the title too;
/// each level a line of its own beside its coefficient; the whole digest.
#[test]
fn html_escapes_every_string_of_the_file() {
    for lang in LANGS {
        let html = example(RulesFormat::Html, lang, 80);
        assert!(html.starts_with("<!DOCTYPE html>"));
        assert!(html.contains("size: A4"));
        assert_eq!(html.matches("<script").count(), 0, "no script at all");
        assert!(!html.contains("<b>"), "the title is escaped");
        assert!(html.contains("&lt;b&gt;&amp;amp;&lt;/b&gt;"));
        assert!(
            html.contains("&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;|x ⏎ 1 — 伪造的一级")
        );
        // No line break of the file's text reaches the page: a guidance
        // prints no exclusion or level of its own.
        assert!(!html.contains("|x\n"));
        assert!(html.contains("<span class=\"coefficient\">0.5</span> — 缺少其中一至两项"));
        assert!(html.contains("<span class=\"coefficient\">0.123456789</span></div>"));
        for wanted in &said(lang)[2..] {
            assert!(html.contains(wanted), "{lang:?}: {wanted}");
        }
        assert!(html.contains(SHA));
        let code = match lang {
            Lang::Zh => "lang=\"zh-CN\"",
            Lang::En => "lang=\"en\"",
        };
        assert!(html.contains(code));
    }
}

/// XLSX: one sheet that opens, the indicators' cells as the document says
/// them, the whole digest, figures exactly as written (as text).
#[test]
fn xlsx_holds_each_indicators_rule_in_its_cells() {
    use calamine::{Data, Reader, Xlsx};
    for lang in LANGS {
        let bytes = example_bytes(RulesFormat::Xlsx, lang, 80);
        let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        assert_eq!(workbook.sheet_names().len(), 1);
        let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
        let cell = |row: usize, column: usize| match sheet.get((row, column)) {
            Some(Data::String(text)) => text.clone(),
            _ => String::new(),
        };
        let row_of = |id: &str| (0..sheet.height()).find(|row| cell(*row, 0) == id).unwrap();
        let row = row_of("4.2.c");
        let [zero_when, half, one] = ["0 — 权利义务齐全", said(lang)[0], said(lang)[1]];
        assert_eq!(cell(row, 3), format!("{zero_when}\n{half}\n{one}"));
        let examined = cell(row, 4);
        assert!(examined.contains(said(lang)[3]) && examined.contains(said(lang)[6]));
        let sampled = cell(row_of("4.4.e"), 3);
        assert!(sampled.starts_with(said(lang)[2]), "{sampled}");
        let hostile = cell(row_of("4.1.a"), 3);
        assert_eq!(
            hostile.lines().count(),
            2,
            "a line break fakes no level: {hostile}"
        );
        assert!(hostile.ends_with("\n0.123456789"));
        assert_eq!(cell(row_of("4.1.a"), 2), "1");
        let everything: Vec<String> = (0..sheet.height())
            .flat_map(|row| (0..5).map(move |column| (row, column)))
            .map(|(row, column)| cell(row, column))
            .collect();
        assert!(everything.iter().any(|text| text.contains(SHA)));
        assert!(everything.iter().any(|text| text.contains(said(lang)[5])));
        assert!(cell(0, 0).starts_with("示例认证有限公司"));
    }
}

/// A text longer than an Excel cell holds is refused, naming the
/// indicator, in both languages; the other formats keep it whole.
#[test]
fn a_cell_too_long_for_excel_is_refused_with_its_indicator() {
    let checklist = &Checklist::builtin();
    let mut rules = rules(checklist, Some(defaults()));
    let index = checklist
        .indicators
        .iter()
        .position(|i| i.id == "4.2.c")
        .unwrap();
    if let Some(rule) = rules.named[index].as_mut() {
        rule.guidance = Some("链".repeat(40_000));
    }
    let look = TableLook {
        ascii: true,
        width: 80,
    };
    let mut out = Vec::new();
    let error = rules_document(
        &rules,
        checklist,
        RulesFormat::Xlsx,
        look,
        Lang::Zh,
        &mut out,
    )
    .unwrap_err();
    assert!(out.is_empty(), "nothing is written");
    let text = error.get_ref().map(ToString::to_string).unwrap_or_default();
    assert!(text.contains("4.2.c") && text.contains("32767"), "{text}");
    let html = self::text(&rules, RulesFormat::Html, Lang::Zh, 80);
    assert!(html.contains(&"链".repeat(40_000)));
}

/// A bidi override in the file's text is shown (`\u{202e}`), never
/// obeyed, in every format and both languages.
#[test]
fn no_format_obeys_a_bidi_override() {
    use calamine::{Reader, Xlsx};
    for lang in LANGS {
        for format in [RulesFormat::Table, RulesFormat::Markdown, RulesFormat::Html] {
            let document = example(format, lang, 120);
            assert!(!document.contains('\u{202e}'), "{lang:?} {format:?}");
            assert!(document.contains("\\u{202e}"), "{lang:?} {format:?}");
        }
        let bytes = example_bytes(RulesFormat::Xlsx, lang, 120);
        let mut workbook: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
        let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
        let cells: Vec<String> = sheet.cells().map(|(_, _, data)| data.to_string()).collect();
        assert!(cells.iter().all(|cell| !cell.contains('\u{202e}')));
        assert!(cells.iter().any(|cell| cell.contains("\\u{202e}")));
    }
}
