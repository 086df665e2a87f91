//! A sample's items in every report: each site's part by its name, the
//! items that did not conform with their records, the population and a
//! reproducible draw; the JSON result's fields for them; and `compare`'s
//! items whose verdict changed. The expected figures are worked out by
//! hand from the items of examples/gold-multi-site.toml (its header
//! comment lists them), not taken from the program.

use crate::common::{bscore, example, stdout};
use bscore::has_cjk;
use serde_json::{Value, json};

const MULTI_SITE: &str = "gold-multi-site.toml";

/// The formats written to standard output, as `--format` names them.
const STREAMED: [&str; 5] = ["table", "markdown", "html", "csv", "json"];

/// Each site's part of the three samples, counted by hand from the items:
/// 4.4.e has five items at 上海 (three nonconforming), four at 北京 (one)
/// and three at 深圳 (one); 4.5.c two at each (1, 0, 1); 7.2.d-3 two at
/// 上海 (none) and two at 北京 (one), none at 深圳.
const SPLIT: [&[&str]; 3] = [
    &["上海数据中心 3/5", "北京运营中心 1/4", "深圳灾备中心 1/3"],
    &["上海数据中心 1/2", "北京运营中心 0/2", "深圳灾备中心 1/2"],
    &["上海数据中心 0/2", "北京运营中心 1/2"],
];

/// The nonconforming items with their sites' names and records, in the
/// order written, as (item, site, record).
const NONCONFORMING: [&[(&str, &str, &str)]; 3] = [
    &[
        ("CR-2026-007", "上海数据中心", "变更未经批准即上线"),
        ("CR-2026-015", "上海数据中心", "缺少影响评估"),
        ("CR-2026-019", "上海数据中心", "审批单无签字"),
        ("CR-2026-030", "北京运营中心", "变更文档未归档"),
        ("CR-2026-037", "深圳灾备中心", "回退方案缺失"),
    ],
    &[
        ("TC-2026-030", "上海数据中心", "测试报告缺少边界用例"),
        ("TC-2026-037", "深圳灾备中心", "缺陷未关闭即验收"),
    ],
    &[("应急预案-网络中断", "北京运营中心", "未做有效性验证")],
];

/// The words of a language that the expected lines are made of.
struct Lang {
    code: &'static str,
    list: &'static str,
    clauses: &'static str,
    brackets: (&'static str, &'static str),
    by_site: &'static str,
    nonconforming: &'static str,
    colon: &'static str,
}

const ZH: Lang = Lang {
    code: "zh",
    list: "、",
    clauses: "；",
    brackets: ("（", "）"),
    by_site: "分现场（不符合/抽样）",
    nonconforming: "不符合",
    colon: "：",
};

const EN: Lang = Lang {
    code: "en",
    list: ", ",
    clauses: "; ",
    brackets: (" (", ")"),
    by_site: "By site (nonconforming / sampled)",
    nonconforming: "Nonconforming",
    colon: ": ",
};

impl Lang {
    fn items(&self, items: &[(&str, &str, &str)]) -> Vec<String> {
        let (open, close) = self.brackets;
        (items.iter())
            .map(|(item, site, record)| {
                format!("{item}{open}{site}{}{record}{close}", self.clauses)
            })
            .collect()
    }

    /// Sample `index`'s sites' parts on one line: "上海数据中心 3/5、…".
    fn split(&self, index: usize) -> String {
        SPLIT[index].join(self.list)
    }

    /// Sample `index`'s nonconforming items on one line.
    fn nonconforming(&self, index: usize) -> String {
        self.items(NONCONFORMING[index]).join(self.clauses)
    }

    /// What a line-per-kind report (table, Markdown) shows of sample
    /// `index`: the sites' parts on one line, then the nonconforming items
    /// under their label, a line each (one line would be cut mid-item by a
    /// terminal's line limit).
    fn one_line(&self, index: usize) -> Vec<String> {
        let by_site = format!("{}{}{}", self.by_site, self.colon, self.split(index));
        let label = format!("{}{}", self.nonconforming, self.colon.trim_end());
        [by_site, label]
            .into_iter()
            .chain(self.items(NONCONFORMING[index]))
            .collect()
    }

    /// What the printed form's narrow record column (HTML, XLSX) shows of
    /// sample `index`: each part on a line of its own under its label.
    fn column(&self, index: usize) -> [String; 2] {
        let label = |label: &str| format!("{label}{}", self.colon.trim_end());
        [
            format!("{}\n{}", label(self.by_site), SPLIT[index].join("\n")),
            format!(
                "{}\n{}",
                label(self.nonconforming),
                self.items(NONCONFORMING[index]).join("\n")
            ),
        ]
    }
}

/// `bscore evaluate` of `audit` in `format` and `lang`, its tables wide
/// enough that no line of a sample wraps.
fn evaluated(audit: &str, format: &str, lang: &str) -> String {
    let output = bscore(&[
        "evaluate", audit, "--format", format, "--lang", lang, "--width", "400",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    stdout(&output)
}

/// Every text cell of the XLSX report of `audit` in `lang`, one a line;
/// not the hidden sheet of the JSON result for `bscore verify`.
fn xlsx_cells(audit: &str, lang: &str) -> String {
    use calamine::{DataType, Reader, open_workbook_auto};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    let output = bscore(&[
        "evaluate",
        audit,
        "--lang",
        lang,
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mut workbook = open_workbook_auto(&path).unwrap();
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

/// Every report of the multi-site example in `lang`: the streamed
/// formats, then the XLSX report's cells.
fn every_report(lang: &str) -> Vec<(&'static str, String)> {
    let audit = example(MULTI_SITE);
    let mut reports: Vec<(&str, String)> = (STREAMED.iter())
        .map(|format| (*format, evaluated(&audit, format, lang)))
        .collect();
    reports.push(("xlsx", xlsx_cells(&audit, lang)));
    reports
}

/// The JSON form of `text`, as it holds in a JSON string: what a JSON
/// report contains of it.
fn in_json(text: &str) -> String {
    let quoted = serde_json::to_string(text).unwrap();
    quoted[1..quoted.len() - 1].to_string()
}

/// What a report shows: an HTML report without the JSON result it
/// carries for `bscore verify`, which lists every item as data.
fn shown<'a>(format: &str, report: &'a str) -> &'a str {
    match format {
        "html" => &report[..report.find("<script").expect("the embedded result")],
        _ => report,
    }
}

#[test]
fn every_report_shows_each_sites_part_by_name_and_the_nonconforming_items() {
    for lang in [ZH, EN] {
        for (format, report) in every_report(lang.code) {
            if format == "json" {
                continue; // the JSON result has the items as data (below)
            }
            let report = shown(format, &report);
            for index in 0..3 {
                let expected = match format {
                    "html" | "xlsx" => lang.column(index).to_vec(),
                    // CSV: the parts in their own columns (below).
                    "csv" => vec![lang.split(index), lang.nonconforming(index)],
                    _ => lang.one_line(index),
                };
                for expected in &expected {
                    assert!(
                        report.contains(expected.as_str()),
                        "{format} ({}) lacks {expected}:\n{report}",
                        lang.code
                    );
                }
            }
            // A conforming item is no finding: only the JSON lists it.
            assert!(!report.contains("CR-2026-003"), "{format} ({})", lang.code);
        }
    }
}

#[test]
fn every_report_shows_the_population_and_the_reproducible_draw() {
    let zh_draw =
        "按种子“2026-05-18 评价组”从 pools/test-cases.txt 可复现抽取（SHA-256 8420cf1a…）";
    let en_draw = "seed \"2026-05-18 评价组\" from pools/test-cases.txt (SHA-256 8420cf1a…)";
    for (format, report) in every_report("zh") {
        if matches!(format, "json" | "csv") {
            continue; // as data: below, and in its own columns
        }
        for expected in ["抽样 12 / 总体 40", "抽样 6 / 总体 48", zh_draw] {
            assert!(report.contains(expected), "{format} lacks {expected}");
        }
        // 7.2.d-3 gives no population: no line says one for it.
        assert!(!report.contains("抽样 4 / 总体"), "{format}");
    }
    for (format, report) in every_report("en") {
        if matches!(format, "json" | "csv") {
            continue;
        }
        // HTML writes a quote mark as an entity.
        let draw = match format {
            "html" => en_draw.replace('"', "&quot;"),
            _ => en_draw.to_string(),
        };
        for expected in [
            "Sampled 12 of a population of 40",
            "Sampled 6 of a population of 48",
            &draw,
        ] {
            assert!(report.contains(expected), "{format} lacks {expected}");
        }
    }
}

/// The CSV row of `id` in `csv`, as fields.
fn csv_row(csv: &str, id: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    (reader.records().map(Result::unwrap))
        .find(|record| &record[1] == id)
        .unwrap_or_else(|| panic!("no row {id}"))
        .iter()
        .map(String::from)
        .collect()
}

#[test]
fn csv_gives_the_population_split_items_and_draw_their_own_columns() {
    let csv = evaluated(&example(MULTI_SITE), "csv", "en");
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header: Vec<&str> = reader.headers().unwrap().iter().collect();
    // The sample's four columns, before the team's two (who, resolution).
    let at = header.len() - 6;
    let sample = at..at + 4;
    assert_eq!(
        header[sample.clone()],
        [
            "Population",
            "By site (nonconforming / sampled)",
            "Nonconforming items",
            "Drawn"
        ]
    );
    let row = csv_row(&csv, "4.5.c");
    let last = &row[sample.clone()];
    assert_eq!(last[0], "48");
    assert_eq!(last[1], EN.split(1));
    assert_eq!(last[2], EN.nonconforming(1));
    assert!(
        last[3].starts_with("Drawn reproducibly with seed"),
        "{last:?}"
    );
    let row = csv_row(&csv, "7.2.d-3");
    let last = &row[sample.clone()];
    assert_eq!(last, ["", &EN.split(2), &EN.nonconforming(2), ""]);
    let row = csv_row(&csv, "4.1.a");
    assert_eq!(&row[sample], ["", "", "", ""]);
}

/// Every text of the audit that the assessor wrote, longest first: what an
/// English report may show in Chinese.
fn user_text(audit: &str) -> Vec<String> {
    let checklist = bscore::Checklist::builtin().clone();
    let text = std::fs::read_to_string(audit).unwrap();
    let parsed = bscore::Audit::parse(audit, &text, &checklist).unwrap();
    let meta = &parsed.meta;
    let mut texts = vec![meta.organization.clone(), meta.service.clone()];
    texts.extend(meta.assessors.iter().cloned());
    texts.extend(parsed.sites.iter().map(|site| site.name.clone()));
    for entry in &parsed.entries {
        texts.extend(entry.record.iter().chain(&entry.note).cloned());
        if let bscore::Status::Excluded { reason } = &entry.status {
            texts.push(reason.clone());
        }
        if let bscore::Status::ExclusionRejected {
            reason, rejection, ..
        } = &entry.status
        {
            texts.extend([reason.clone(), rejection.clone()]);
        }
        if let Some(samples) = &entry.samples {
            for item in &samples.items {
                texts.extend(std::iter::once(&item.item).chain(&item.record).cloned());
            }
            texts.extend(samples.drawn.iter().map(|drawn| drawn.seed.clone()));
        }
    }
    texts.sort_by_key(|text| std::cmp::Reverse(text.chars().count()));
    texts
}

#[test]
fn english_reports_hold_no_chinese_beyond_the_assessors_text() {
    let audit = example(MULTI_SITE);
    let texts = user_text(&audit);
    for (format, report) in every_report("en") {
        let mut left = report.clone();
        for text in &texts {
            left = left.replace(text.as_str(), "").replace(&in_json(text), "");
        }
        let chinese: Vec<&str> = left.lines().filter(|line| has_cjk(line)).collect();
        assert!(chinese.is_empty(), "{format}: {chinese:#?}");
    }
}

/// The indicator `id` of a JSON result.
fn indicator<'a>(result: &'a Value, id: &str) -> &'a Value {
    (result["indicators"].as_array().unwrap().iter())
        .find(|indicator| indicator["id"] == id)
        .unwrap_or_else(|| panic!("no indicator {id}"))
}

fn json_result(audit: &str) -> Value {
    serde_json::from_str(&evaluated(audit, "json", "en")).unwrap()
}

#[test]
fn json_gives_the_items_each_sites_part_the_population_and_the_draw() {
    let result = json_result(&example(MULTI_SITE));
    assert_eq!(
        result["sites"],
        json!([
            {"id": "sh", "name": "上海数据中心"},
            {"id": "bj", "name": "北京运营中心"},
            {"id": "sz", "name": "深圳灾备中心"},
        ])
    );
    let changes = indicator(&result, "4.4.e");
    assert_eq!(
        (changes["sampled"].clone(), changes["nonconforming"].clone()),
        (json!(12), json!(5))
    );
    assert_eq!(changes["population"], 40);
    assert_eq!(
        changes["by_site"],
        json!([
            {"site": "sh", "sampled": 5, "nonconforming": 3},
            {"site": "bj", "sampled": 4, "nonconforming": 1},
            {"site": "sz", "sampled": 3, "nonconforming": 1},
        ])
    );
    let items = changes["samples"].as_array().unwrap();
    assert_eq!(items.len(), 12);
    // An item as given: a conforming one has no record, and no key for it.
    assert_eq!(
        items[0],
        json!({"item": "CR-2026-003", "site": "sh", "conforms": true})
    );
    assert_eq!(
        items[1],
        json!({"item": "CR-2026-007", "site": "sh", "conforms": false, "record": "变更未经批准即上线"})
    );
    assert!(changes.get("drawn").is_none(), "{changes}");

    let delivery = indicator(&result, "4.5.c");
    assert_eq!(delivery["population"], 48);
    assert_eq!(
        delivery["drawn"],
        json!({
            "seed": "2026-05-18 评价组",
            "from": "pools/test-cases.txt",
            "sha256": "8420cf1afb846ca3e3423eb6a9dd03a0e3017fa5b3ad9adbfff6e3742413c9d8",
        })
    );
    // 深圳 sampled no 应急预案: it is left out, not given as 0/0.
    let risk = indicator(&result, "7.2.d-3");
    assert_eq!(
        risk["by_site"],
        json!([
            {"site": "sh", "sampled": 2, "nonconforming": 0},
            {"site": "bj", "sampled": 2, "nonconforming": 1},
        ])
    );
    assert!(risk.get("population").is_none(), "{risk}");
    for key in ["samples", "by_site", "population", "drawn"] {
        assert!(indicator(&result, "4.1.a").get(key).is_none(), "{key}");
    }
}

#[test]
fn json_of_an_audit_without_items_or_sites_has_none_of_their_fields() {
    let result = json_result(&example("gold-supply-chain-finance.toml"));
    assert!(result.get("sites").is_none());
    let changes = indicator(&result, "4.4.e");
    assert_eq!(
        (changes["sampled"].clone(), changes["nonconforming"].clone()),
        (json!(12), json!(5))
    );
    for key in ["samples", "by_site", "drawn"] {
        assert!(changes.get(key).is_none(), "{key}: {changes}");
    }
}

#[test]
fn verify_rederives_the_result_of_a_multi_site_audit() {
    let dir = tempfile::tempdir().unwrap();
    let audit = example(MULTI_SITE);
    for name in ["r.json", "r.html", "r.xlsx"] {
        let path = dir.path().join(name);
        let path = path.to_str().unwrap();
        let written = bscore(&["evaluate", &audit, "-o", path]);
        assert_eq!(written.status.code(), Some(0), "{written:?}");
        let verified = bscore(&["verify", path, &audit]);
        assert_eq!(verified.status.code(), Some(0), "{name}: {verified:?}");
    }
}

/// The multi-site example again, in a directory of its own with its list
/// to draw from, with its text changed by `edits` (each a `from`, `to`).
fn edited(dir: &std::path::Path, edits: &[(&str, &str)]) -> String {
    let mut text = std::fs::read_to_string(example(MULTI_SITE)).unwrap();
    for (from, to) in edits {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, to);
    }
    std::fs::create_dir_all(dir.join("pools")).unwrap();
    std::fs::copy(
        example("pools/test-cases.txt"),
        dir.join("pools/test-cases.txt"),
    )
    .unwrap();
    let path = dir.join("new.toml");
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// The new audit of the comparison tests: CR-2026-007 conforms now,
/// CR-2026-040 was not sampled again and CR-2026-041 was, and does not
/// conform; 4.4.e stays 5/12 (上海 2/5, 深圳 2/3), so only its items tell.
fn changed_audit(dir: &std::path::Path) -> String {
    edited(
        dir,
        &[
            (
                r#"{ item = "CR-2026-007", site = "sh", conforms = false, record = "变更未经批准即上线" }"#,
                r#"{ item = "CR-2026-007", site = "sh", conforms = true }"#,
            ),
            (
                r#"{ item = "CR-2026-040", site = "sz", conforms = true },"#,
                r#"{ item = "CR-2026-041", site = "sz", conforms = false, record = "无回退方案" },"#,
            ),
        ],
    )
}

fn compared(new: &str, format: &str, lang: &str) -> String {
    let output = bscore(&[
        "compare",
        &example(MULTI_SITE),
        new,
        "--format",
        format,
        "--lang",
        lang,
        "--width",
        "400",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    stdout(&output)
}

#[test]
fn compare_lists_the_items_whose_verdict_changed() {
    let dir = tempfile::tempdir().unwrap();
    let new = changed_audit(dir.path());
    let result: Value = serde_json::from_str(&compared(&new, "json", "en")).unwrap();
    let changes = result["changes"].as_array().unwrap();
    let changed = (changes.iter())
        .find(|change| change["id"] == "4.4.e")
        .unwrap();
    assert_eq!(changed["earned_delta_exact"], "0");
    assert_eq!(
        changed["items"],
        json!([
            {"item": "CR-2026-007", "site": "sh", "old_conforms": false, "new_conforms": true},
            {"item": "CR-2026-040", "site": "sz", "old_conforms": true, "new_conforms": null},
            {"item": "CR-2026-041", "site": "sz", "old_conforms": null, "new_conforms": false},
        ])
    );
    assert_eq!(
        changed["new"]["by_site"][2],
        json!({"site": "sz", "sampled": 3, "nonconforming": 2})
    );

    let table = compared(&new, "table", "en");
    for row in [
        "CR-2026-007 (上海数据中心) ┆ does not conform ┆ conforms",
        "CR-2026-040 (深圳灾备中心) ┆ conforms         ┆ not sampled",
        "CR-2026-041 (深圳灾备中心) ┆ not sampled      ┆ does not conform",
    ] {
        assert!(table.contains(row), "lacks {row}:\n{table}");
    }
    assert!(
        table.contains("Sampled items whose verdict changed"),
        "{table}"
    );
    let markdown = compared(&new, "markdown", "zh");
    for row in [
        "| 4.4.e | CR-2026-007（上海数据中心） | 不符合 | 符合 |",
        "| 4.4.e | CR-2026-040（深圳灾备中心） | 符合 | 未抽取 |",
        "| 4.4.e | CR-2026-041（深圳灾备中心） | 未抽取 | 不符合 |",
    ] {
        assert!(markdown.contains(row), "lacks {row}:\n{markdown}");
    }
}

#[test]
fn compare_of_audits_with_the_same_items_lists_no_item() {
    let dir = tempfile::tempdir().unwrap();
    // A record reworded changes the indicator, not any item's verdict.
    let new = edited(dir.path(), &[("缺少影响评估", "缺少变更影响评估")]);
    let result: Value = serde_json::from_str(&compared(&new, "json", "en")).unwrap();
    let changes = result["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:#?}");
    assert!(changes[0].get("items").is_none(), "{}", changes[0]);
    let table = compared(&new, "table", "en");
    assert!(
        !table.contains("Sampled items whose verdict changed"),
        "{table}"
    );
}

/// Remediating a sampled indicator recovers what its sample lost, as for
/// any other: 4.4.e's 5/12 of its 1 point takes 371/4 earned points to
/// 559/6, and 559/6 ÷ 98 × 100 = 13975/147 (95.06), platinum.
#[test]
fn gap_counts_a_sampled_indicators_remediation_as_usual() {
    let output = bscore(&["gap", &example(MULTI_SITE), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let gap: Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert_eq!(gap["fixes"], json!(["4.4.e"]));
    assert_eq!(gap["fix_details"][0]["recovered_exact"], "5/12");
    assert_eq!(gap["score_after_exact"], "13975/147");
}
