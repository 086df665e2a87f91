//! A merged team evaluation (§8.2 b 1–2) in every report: who assessed
//! each indicator (`by`), how the team settled a disagreement on it
//! (`resolved`), who found the special deduction and observed the bonus,
//! and the files the merge joined (`[[merged]]`) by digest; the JSON
//! result's fields for them, and `bscore verify` of such a result.

use crate::common::{bscore, example, stdout};
use bscore::has_cjk;
use serde_json::{Value, json};

/// A merged audit: 4.1.a (conforming) by 王五, 4.1.c (conforming) by both
/// with 王五's assessment taken, 4.2.c by 赵六 with his
/// assessment taken, 4.4.e by both with a coefficient agreed, 5.9
/// excluded by 王五; the special deduction by 赵六, the bonus by 王五 with
/// his taken; the two parts and the resolutions file it was merged from.
/// It fails by its special deduction: `evaluate` exits 1.
const AUDIT: &str = r#"[audit]
standard = "T/STIC130010-2022"
organization = "示例科技有限公司"
service = "供应链金融区块链服务"
assessors = ["王五", "赵六"]
date = 2026-05-20
kind = "initial"
unassessed = "conform"

[indicators]
"4.1.a" = { coefficient = 0, by = "王五" }
"4.1.c" = { coefficient = 0, by = ["王五", "赵六"], resolved = { take = "王五", why = "王五补充了咨询记录" } }
"4.2.c" = { coefficient = 0.5, record = "可行性方案未写明知识产权归属", by = "赵六", resolved = { take = "赵六", why = "赵六查阅了可行性方案原件" } }
"4.4.e" = { coefficient = 0.5, by = ["王五", "赵六"], resolved = { value = 0.5, why = "双方复核样本后商定" } }
"5.9" = { excluded = "未提供跨链服务", by = "王五" }

[[special_deductions]]
kind = "law"
finding = "未完成区块链信息服务备案"
by = "赵六"

[bonus]
practice = "链上数据采用国密算法全链路加密"
by = "王五"
resolved = { take = "王五", why = "王五现场核验了加密配置" }

[[merged]]
part = "王五"
file = "wang.toml"
sha256 = "1111111111111111111111111111111111111111111111111111111111111111"

[[merged]]
part = "赵六"
file = "zhao.toml"
sha256 = "2222222222222222222222222222222222222222222222222222222222222222"

[[merged]]
file = "resolutions.toml"
sha256 = "3333333333333333333333333333333333333333333333333333333333333333"
"#;

const WANG: &str = "1111111111111111111111111111111111111111111111111111111111111111";
const ZHAO: &str = "2222222222222222222222222222222222222222222222222222222222222222";
const RESOLUTIONS: &str = "3333333333333333333333333333333333333333333333333333333333333333";

/// The words a report shows them in, in one language.
struct Lang {
    code: &'static str,
    /// Who assessed 4.2.c (and found the special deduction).
    by_zhao: &'static str,
    /// Who assessed 4.4.e.
    by_both: &'static str,
    /// Who assessed 5.9 and 4.1.a, and observed the bonus.
    by_wang: &'static str,
    /// 4.2.c's resolution.
    taken: &'static str,
    /// 4.4.e's resolution.
    agreed: &'static str,
    /// The bonus's resolution.
    bonus_taken: &'static str,
    /// The provenance line of 赵六's part, and of the resolutions file.
    zhao_part: (&'static str, &'static str),
    resolutions_file: (&'static str, &'static str),
    /// The CSV's last two headings.
    csv_headings: [&'static str; 2],
    /// The header's line of who assessed how many indicators.
    division: (&'static str, &'static str),
}

const ZH: Lang = Lang {
    code: "zh",
    by_zhao: "评价人：赵六",
    by_both: "评价人：王五、赵六",
    by_wang: "评价人：王五",
    taken: "分歧已解决：采纳赵六的评价——赵六查阅了可行性方案原件",
    agreed: "分歧已解决：商定扣分系数 0.5——双方复核样本后商定",
    bonus_taken: "分歧已解决：采纳王五的评价——王五现场核验了加密配置",
    zhao_part: ("分工 赵六", "zhao.toml SHA-256 "),
    resolutions_file: ("分歧解决文件", "resolutions.toml SHA-256 "),
    csv_headings: ["评价人", "分歧的解决"],
    // 王五: 4.1.a, 4.1.c, 4.4.e, 5.9; 赵六: 4.1.c, 4.2.c, 4.4.e.
    division: ("评价分工", "王五 4 项；赵六 3 项"),
};

const EN: Lang = Lang {
    code: "en",
    by_zhao: "Assessed by: 赵六",
    by_both: "Assessed by: 王五, 赵六",
    by_wang: "Assessed by: 王五",
    taken: "Disagreement resolved: 赵六's assessment taken — 赵六查阅了可行性方案原件",
    agreed: "Disagreement resolved: coefficient 0.5 agreed — 双方复核样本后商定",
    bonus_taken: "Disagreement resolved: 王五's assessment taken — 王五现场核验了加密配置",
    zhao_part: ("Part of 赵六", "zhao.toml SHA-256 "),
    resolutions_file: ("Resolutions file", "resolutions.toml SHA-256 "),
    csv_headings: ["Assessed by", "Resolution"],
    division: ("Indicators assessed", "王五 4; 赵六 3"),
};

/// The audit written in a directory of its own.
fn written(dir: &std::path::Path) -> String {
    let path = dir.join("team.toml");
    std::fs::write(&path, AUDIT).unwrap();
    path.to_str().unwrap().to_string()
}

/// `bscore evaluate` of `audit` in `format` and `lang`, wide enough that
/// no line wraps, with `more` arguments; it fails by its special
/// deduction.
fn evaluated(audit: &str, format: &str, lang: &str, more: &[&str]) -> String {
    let mut args = vec![
        "evaluate", audit, "--format", format, "--lang", lang, "--width", "400",
    ];
    args.extend(more);
    let output = bscore(&args);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stderr.is_empty(), "{output:?}");
    stdout(&output)
}

/// Every text cell of the XLSX report of `audit` in `lang`, one a line;
/// not the hidden sheet of the JSON result.
fn xlsx_cells(audit: &str, lang: &str) -> String {
    use calamine::{DataType, Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    let path = path.to_str().unwrap();
    let output = bscore(&["evaluate", audit, "--lang", lang, "-o", path]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let mut workbook = open_workbook_auto(path).unwrap();
    let mut cells = Vec::new();
    for name in workbook.sheet_names() {
        if name == "bscore-result" {
            continue;
        }
        let sheet = workbook.worksheet_range(&name).unwrap();
        cells.extend(
            sheet
                .cells()
                .filter_map(|(_, _, v)| v.get_string().map(String::from)),
        );
    }
    cells.join("\n")
}

/// What a report shows: an HTML report without the JSON result it
/// carries for `bscore verify`.
fn shown<'a>(format: &str, report: &'a str) -> &'a str {
    match format {
        "html" => &report[..report.find("<script").expect("the embedded result")],
        _ => report,
    }
}

/// The text of an HTML page, its elements' tags taken out (a label may
/// be an element of its own inside its line).
fn text_of(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// The drawn reports of the audit in `lang` (the streamed formats but
/// CSV and JSON, then the XLSX report's cells).
fn drawn_reports(audit: &str, lang: &str) -> Vec<(&'static str, String)> {
    let mut reports: Vec<(&str, String)> = (["table", "markdown", "html"].iter())
        .map(|format| (*format, evaluated(audit, format, lang, &[])))
        .collect();
    reports.push(("xlsx", xlsx_cells(audit, lang)));
    reports
}

#[test]
fn every_drawn_report_names_who_assessed_and_how_disagreements_were_settled() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    for lang in [ZH, EN] {
        for (format, report) in drawn_reports(&audit, lang.code) {
            let report = match format {
                "html" => text_of(shown(format, &report)),
                _ => report,
            };
            for line in [
                lang.by_zhao,
                lang.by_both,
                lang.by_wang,
                lang.taken,
                lang.agreed,
                lang.bonus_taken,
                lang.division.0,
                lang.division.1,
            ] {
                // HTML's text is escaped as any other (an apostrophe
                // is not).
                assert!(
                    report.contains(line),
                    "{format} {}: no {line:?} in\n{report}",
                    lang.code
                );
            }
        }
    }
}

#[test]
fn the_printed_reports_name_every_merged_file_by_digest() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    for lang in [ZH, EN] {
        let html = evaluated(&audit, "html", lang.code, &[]);
        let html = shown("html", &html);
        let xlsx = xlsx_cells(&audit, lang.code);
        for (format, report) in [("html", html), ("xlsx", xlsx.as_str())] {
            let (label, value) = lang.zhao_part;
            assert!(report.contains(label), "{format}: {label}");
            assert!(report.contains(&format!("{value}{ZHAO}")), "{format}");
            let (label, value) = lang.resolutions_file;
            assert!(report.contains(label), "{format}: {label}");
            assert!(
                report.contains(&format!("{value}{RESOLUTIONS}")),
                "{format}"
            );
            assert!(report.contains(&format!("wang.toml SHA-256 {WANG}")));
        }
    }
}

#[test]
fn detail_lists_a_conforming_indicator_with_its_assessor() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    for format in ["table", "markdown"] {
        let listed = |more: &[&str]| {
            let report = evaluated(&audit, format, "zh", more);
            let line = (report.lines()).find(|line| line.contains("4.1.a"));
            line.map(String::from)
        };
        // Only the rows that lost points or were excluded, by default.
        assert_eq!(listed(&[]), None, "{format}");
        let row = listed(&["--detail"]).unwrap();
        assert!(row.contains(ZH.by_wang), "{format}: {row}");
    }
}

#[test]
fn csv_gives_who_assessed_and_the_resolution_their_own_last_columns() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    let cases = [
        (ZH, "王五、赵六", "商定扣分系数 0.5——双方复核样本后商定"),
        (
            EN,
            "王五, 赵六",
            "coefficient 0.5 agreed — 双方复核样本后商定",
        ),
    ];
    for (lang, both, agreed) in cases {
        let csv = evaluated(&audit, "csv", lang.code, &[]);
        let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        assert_eq!(header[header.len() - 2..], lang.csv_headings);
        let rows: Vec<Vec<String>> = (reader.records().map(Result::unwrap))
            .map(|record| record.iter().map(String::from).collect())
            .collect();
        let last_two = |id: &str| {
            let row = rows.iter().find(|row| row[1] == id).unwrap();
            row[row.len() - 2..].to_vec()
        };
        assert_eq!(last_two("4.4.e"), [both, agreed]);
        assert_eq!(last_two("4.1.a"), ["王五", ""]);
        assert_eq!(last_two("4.1.b"), ["", ""]);
        let taken = last_two("4.2.c");
        assert_eq!(taken[0], "赵六");
        assert!(taken[1].ends_with("赵六查阅了可行性方案原件"), "{taken:?}");
    }
}

/// The indicator `id` of a JSON result.
fn indicator<'a>(result: &'a Value, id: &str) -> &'a Value {
    (result["indicators"].as_array().unwrap().iter())
        .find(|indicator| indicator["id"] == id)
        .unwrap_or_else(|| panic!("no indicator {id}"))
}

#[test]
fn json_gives_by_resolved_and_the_merged_files() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    for lang in ["zh", "en"] {
        let result: Value = serde_json::from_str(&evaluated(&audit, "json", lang, &[])).unwrap();
        assert_eq!(indicator(&result, "4.1.a")["by"], json!(["王五"]));
        assert!(indicator(&result, "4.1.a").get("resolved").is_none());
        let taken = indicator(&result, "4.2.c");
        assert_eq!(taken["by"], json!(["赵六"]));
        assert_eq!(
            taken["resolved"],
            json!({"take": "赵六", "why": "赵六查阅了可行性方案原件"})
        );
        let agreed = indicator(&result, "4.4.e");
        assert_eq!(agreed["by"], json!(["王五", "赵六"]));
        assert_eq!(
            agreed["resolved"],
            json!({"value": 0.5, "value_exact": "1/2", "why": "双方复核样本后商定"})
        );
        // An indicator the audit does not say who assessed has neither key.
        let unsaid = indicator(&result, "4.1.b");
        assert!(unsaid.get("by").is_none() && unsaid.get("resolved").is_none());
        assert_eq!(
            result["special_deductions"][0]["by"],
            json!(["赵六"]),
            "{lang}"
        );
        assert_eq!(result["bonus"]["by"], json!(["王五"]));
        assert_eq!(
            result["bonus"]["resolved"],
            json!({"take": "王五", "why": "王五现场核验了加密配置"})
        );
        assert_eq!(
            result["provenance"]["merged"],
            json!([
                {"part": "王五", "file": "wang.toml", "sha256": WANG},
                {"part": "赵六", "file": "zhao.toml", "sha256": ZHAO},
                {"file": "resolutions.toml", "sha256": RESOLUTIONS},
            ])
        );
    }
}

#[test]
fn json_of_an_audit_that_says_nothing_of_a_team_has_none_of_its_keys() {
    let output = bscore(&[
        "evaluate",
        &example("gold-supply-chain-finance.toml"),
        "--format",
        "json",
    ]);
    let result: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert!(result["provenance"].get("merged").is_none(), "{result}");
    assert!(result["bonus"].is_null());
    for indicator in result["indicators"].as_array().unwrap() {
        assert!(indicator.get("by").is_none(), "{indicator}");
        assert!(indicator.get("resolved").is_none(), "{indicator}");
    }
}

/// Every text of the audit that the assessors wrote, longest first: what
/// an English report may show in Chinese.
fn user_text() -> Vec<&'static str> {
    let mut texts = vec![
        "示例科技有限公司",
        "供应链金融区块链服务",
        "王五",
        "赵六",
        "可行性方案未写明知识产权归属",
        "赵六查阅了可行性方案原件",
        "双方复核样本后商定",
        "未提供跨链服务",
        "未完成区块链信息服务备案",
        "链上数据采用国密算法全链路加密",
        "王五现场核验了加密配置",
        "王五补充了咨询记录",
    ];
    texts.sort_by_key(|text| std::cmp::Reverse(text.chars().count()));
    texts
}

#[test]
fn english_reports_hold_no_chinese_beyond_the_assessors_text() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    let mut reports = drawn_reports(&audit, "en");
    for format in ["csv", "json"] {
        reports.push((format, evaluated(&audit, format, "en", &[])));
    }
    for (format, report) in reports {
        let mut left = report.clone();
        for text in user_text() {
            left = left.replace(text, "");
        }
        let chinese: Vec<&str> = left.lines().filter(|line| has_cjk(line)).collect();
        assert!(chinese.is_empty(), "{format}: {chinese:#?}");
    }
}

#[test]
fn verify_rederives_the_result_of_a_merged_audit_in_every_form() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    for name in ["r.json", "r.html", "r.xlsx"] {
        let path = dir.path().join(name);
        let path = path.to_str().unwrap();
        let written = bscore(&["evaluate", &audit, "-o", path]);
        assert_eq!(written.status.code(), Some(1), "{written:?}");
        let verified = bscore(&["verify", path, &audit]);
        assert_eq!(verified.status.code(), Some(0), "{name}: {verified:?}");
    }
}

#[test]
fn verify_refuses_a_result_whose_assessors_resolutions_or_merged_files_were_edited() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    let path = dir.path().join("r.json");
    let path = path.to_str().unwrap();
    assert_eq!(
        bscore(&["evaluate", &audit, "-o", path]).status.code(),
        Some(1)
    );
    let stored: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let position = |id: &str| {
        (stored["indicators"].as_array().unwrap().iter())
            .position(|indicator| indicator["id"] == id)
            .unwrap()
    };
    let (taken, agreed, unsaid) = (position("4.2.c"), position("4.4.e"), position("4.1.b"));
    type Edit = Box<dyn Fn(&mut Value)>;
    let edits: Vec<(String, Edit)> = vec![
        (
            format!("indicators[{taken}].by"),
            Box::new(move |r| r["indicators"][taken]["by"] = json!(["王五"])),
        ),
        (
            format!("indicators[{unsaid}].by"),
            Box::new(move |r| r["indicators"][unsaid]["by"] = json!(["赵六"])),
        ),
        (
            format!("indicators[{taken}].resolved.take"),
            Box::new(move |r| r["indicators"][taken]["resolved"]["take"] = json!("王五")),
        ),
        (
            format!("indicators[{agreed}].resolved.value_exact"),
            Box::new(move |r| r["indicators"][agreed]["resolved"]["value_exact"] = json!("1/3")),
        ),
        (
            format!("indicators[{agreed}].resolved"),
            Box::new(move |r| {
                r["indicators"][agreed]
                    .as_object_mut()
                    .unwrap()
                    .remove("resolved");
            }),
        ),
        (
            "special_deductions[0].by".to_string(),
            Box::new(|r| r["special_deductions"][0]["by"] = json!(["王五"])),
        ),
        (
            "bonus.resolved.why".to_string(),
            Box::new(|r| r["bonus"]["resolved"]["why"] = json!("另有理由")),
        ),
        (
            "provenance.merged[1].sha256".to_string(),
            Box::new(|r| r["provenance"]["merged"][1]["sha256"] = json!(WANG)),
        ),
        (
            "provenance.merged".to_string(),
            Box::new(|r| {
                r["provenance"].as_object_mut().unwrap().remove("merged");
            }),
        ),
    ];
    for (path_edited, edit) in edits {
        let mut tampered = stored.clone();
        edit(&mut tampered);
        let file = dir.path().join("tampered.json");
        std::fs::write(&file, serde_json::to_string_pretty(&tampered).unwrap()).unwrap();
        let verdict = bscore(&["verify", file.to_str().unwrap(), &audit]);
        assert_eq!(verdict.status.code(), Some(1), "{path_edited}: {verdict:?}");
        let said = stdout(&verdict) + &String::from_utf8_lossy(&verdict.stderr);
        assert!(said.contains(&path_edited), "{path_edited}: {said}");
    }
}

/// The audit as one assessor would have written it alone: the same
/// findings, without `by`, `resolved` or `[[merged]]`.
fn unmerged() -> String {
    let mut text = AUDIT[..AUDIT.find("[[merged]]").unwrap()].to_string();
    for said in [
        r#", by = "王五""#,
        r#", by = "赵六", resolved = { take = "赵六", why = "赵六查阅了可行性方案原件" }"#,
        r#", by = ["王五", "赵六"], resolved = { value = 0.5, why = "双方复核样本后商定" }"#,
        r#", by = ["王五", "赵六"], resolved = { take = "王五", why = "王五补充了咨询记录" }"#,
        "by = \"赵六\"\n",
        "by = \"王五\"\nresolved = { take = \"王五\", why = \"王五现场核验了加密配置\" }\n",
    ] {
        assert!(text.contains(said), "{said}");
        text = text.replace(said, "");
    }
    assert!(
        !text.contains("by =") && !text.contains("resolved"),
        "{text}"
    );
    text
}

#[test]
fn compare_finds_nothing_changed_where_only_who_assessed_differs() {
    let dir = tempfile::tempdir().unwrap();
    let merged = written(dir.path());
    let alone = dir.path().join("alone.toml");
    std::fs::write(&alone, unmerged()).unwrap();
    let alone = alone.to_str().unwrap();
    for (old, new) in [(alone, merged.as_str()), (merged.as_str(), alone)] {
        let output = bscore(&["compare", old, new, "--format", "json"]);
        let result: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(result["changes"], json!([]), "{result}");
        assert_eq!(result["special_deductions_added"], json!([]));
        assert_eq!(result["special_deductions_removed"], json!([]));
        assert_eq!(result["bonus_changed"], false, "{result}");
        let table = stdout(&bscore(&["compare", old, new, "--lang", "en"]));
        assert!(table.contains("no changes"), "{table}");
    }
}

#[test]
fn gap_names_who_found_each_special_deduction_to_rectify() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    let table = stdout(&bscore(&["gap", &audit, "--lang", "zh", "--width", "200"]));
    let finding = (table.lines()).position(|line| line.contains("未完成区块链信息服务备案"));
    let below = table.lines().nth(finding.unwrap() + 1).unwrap();
    assert!(below.contains(ZH.by_zhao), "{table}");
    let output = bscore(&["gap", &audit, "--format", "json"]);
    let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        plan["special_deductions"][0]["by"],
        json!(["赵六"]),
        "{plan}"
    );
}

#[test]
fn a_settled_disagreement_is_listed_with_the_lost_points_and_named_in_the_title() {
    let dir = tempfile::tempdir().unwrap();
    let audit = written(dir.path());
    let cases = [
        (
            ZH,
            "失分、删减与分歧解决明细",
            "分歧已解决：采纳王五的评价——王五补充了咨询记录",
        ),
        (
            EN,
            "Points lost, exclusions and disagreements resolved",
            "Disagreement resolved: 王五's assessment taken — 王五补充了咨询记录",
        ),
    ];
    for (lang, title, settled) in cases {
        for format in ["table", "markdown"] {
            // 4.1.c lost nothing: listed for its resolution alone.
            let report = evaluated(&audit, format, lang.code, &[]);
            assert!(report.contains(title), "{format}: {report}");
            let row = (report.lines()).find(|line| line.contains("4.1.c"));
            let row = row.unwrap_or_else(|| panic!("{format}: no 4.1.c in {report}"));
            // A Markdown row is one line; a table's cell runs on below it.
            match format {
                "markdown" => assert!(row.contains(settled), "{row}"),
                _ => assert!(report.contains(settled), "{report}"),
            }
        }
    }
    // Without a resolution the list and its title are as they were.
    let alone = dir.path().join("alone.toml");
    std::fs::write(&alone, unmerged()).unwrap();
    let report = evaluated(alone.to_str().unwrap(), "table", "zh", &[]);
    assert!(report.contains("失分与删减明细"), "{report}");
    assert!(!report.contains("4.1.c"), "{report}");
}

#[test]
fn hostile_names_and_reasons_are_inert_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = AUDIT
        .replace(
            r#""4.1.a" = { coefficient = 0, by = "王五" }"#,
            r#""4.1.a" = { coefficient = 1, by = "=1+1", resolved = { take = "<script>x</script>", why = "a|b<br>*c*" } }"#,
        )
        .replace(
            "part = \"王五\"\nfile = \"wang.toml\"",
            "part = \"<script>y</script>\"\nfile = \"=evil|.toml\"",
        );
    let path = dir.path().join("hostile.toml");
    std::fs::write(&path, hostile).unwrap();
    let audit = path.to_str().unwrap();
    let html = evaluated(audit, "html", "zh", &[]);
    assert!(!html.contains("<script>x") && !html.contains("<script>y"));
    assert!(text_of(&html).contains("采纳&lt;script&gt;x&lt;/script&gt;的评价——a|b&lt;br&gt;*c*"));
    assert!(html.contains("分工 &lt;script&gt;y&lt;/script&gt;"));
    let markdown = evaluated(audit, "markdown", "zh", &[]);
    let row = (markdown.lines())
        .find(|line| line.starts_with("| 4.1.a"))
        .unwrap();
    assert!(row.contains("a\\|b&lt;br&gt;\\*c\\*"), "{row}");
    let separators = |line: &str| line.matches('|').count() - line.matches("\\|").count();
    assert_eq!(separators(row), 7, "{row}");
    let csv = evaluated(audit, "csv", "zh", &[]);
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let row = (reader.records().map(Result::unwrap))
        .find(|record| &record[1] == "4.1.a")
        .unwrap();
    let by = &row[row.len() - 2];
    assert!(by.contains("=1+1") && !by.starts_with('='), "{by}");
    let xlsx = xlsx_cells(audit, "zh");
    assert!(xlsx.lines().all(|line| !line.starts_with('=')), "{xlsx}");
    assert!(xlsx.contains("=evil|.toml SHA-256"), "{xlsx}");
}

#[test]
fn gap_names_who_assessed_each_indicator_to_remediate() {
    let dir = tempfile::tempdir().unwrap();
    // 6.1.a (3 points) lost by 王五's finding, 6.2.a and 6.2.b (2.5 each)
    // too: platinum needs 4.2.c and 6.1.a fixed, the fewest points.
    let losing = AUDIT.replace(
        "\"5.9\" =",
        "\"6.1.a\" = { coefficient = 1, by = \"王五\" }\n\"6.2.a\" = { coefficient = 1, by = [\"王五\", \"赵六\"] }\n\"6.2.b\" = 1\n\"5.9\" =",
    );
    let path = dir.path().join("losing.toml");
    std::fs::write(&path, losing).unwrap();
    let audit = path.to_str().unwrap();
    let output = bscore(&["gap", audit, "--format", "json"]);
    let plan: Value = serde_json::from_slice(&output.stdout).unwrap();
    let fixes: Vec<(&str, &Value)> = (plan["fix_details"].as_array().unwrap().iter())
        .map(|fix| (fix["id"].as_str().unwrap(), &fix["by"]))
        .collect();
    assert_eq!(
        fixes,
        [("4.2.c", &json!(["赵六"])), ("6.1.a", &json!(["王五"]))],
        "{plan}"
    );
    let table = stdout(&bscore(&["gap", audit, "--lang", "en", "--width", "200"]));
    let heading = (table.lines())
        .find(|line| line.contains("Recoverable"))
        .unwrap();
    assert!(heading.contains("Assessed by"), "{table}");
    let row = (table.lines()).find(|line| line.contains("6.1.a")).unwrap();
    assert!(
        row.trim_end()
            .trim_end_matches('│')
            .trim_end()
            .ends_with("王五"),
        "{row}"
    );
    // Without anyone named, no such column.
    let alone = dir.path().join("alone.toml");
    std::fs::write(&alone, unmerged()).unwrap();
    let table = stdout(&bscore(&["gap", alone.to_str().unwrap(), "--lang", "en"]));
    assert!(!table.contains("Assessed by"), "{table}");
}
