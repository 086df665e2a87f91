//! The XLSX form in a real spreadsheet program: LibreOffice recalculates
//! every formula (the values bscore caches are removed first, so nothing
//! passes on them) and exports what a person sees, cell by cell and
//! printed. Every figure shown must be bscore's figure cut, never rounded;
//! no score or grade may show a band the exact score has not reached; the
//! form prints one page wide with no indicator's text cut.
//!
//! Without LibreOffice these tests are ignored (see build.rs), except in
//! CI, which installs it (`.ci/run`).

use crate::common::{EXAMPLES, example};
use bscore::Audit;
use bscore::evaluate;
use bscore::{Checklist, Grade};
use bscore::{Exact, fixed};
use bscore::{Format, Lang, RenderOptions, Report, Words, render};
use std::path::{Path, PathBuf};
use std::process::Command;

/// LibreOffice's command, from PATH.
fn soffice() -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| ["soffice", "libreoffice"].map(|name| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .expect("CI must install LibreOffice (.ci/run does)")
}

/// A LibreOffice profile that recalculates every formula of every file it
/// opens (its default for XLSX is to trust the cached values).
fn profile(dir: &Path) -> String {
    crate::opened::Profile::Recalculating.argument(dir)
}

/// The workbook with every formula's cached value removed, so that what
/// LibreOffice shows can only come from its own recalculation.
fn without_cached_values(xlsx: &Path) {
    let script = r#"
import re, sys, zipfile
path = sys.argv[1]
source = zipfile.ZipFile(path)
items = [(item, source.read(item.filename)) for item in source.infolist()]
source.close()
removed = 0
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
    for item, data in items:
        if item.filename.startswith("xl/worksheets/"):
            data, count = re.subn(rb"(</f>)<v>[^<]*</v>", rb"\1", data)
            removed += count
        target.writestr(item, data)
assert removed > 50, removed
"#;
    let status = Command::new("python3")
        .args(["-c", script, xlsx.to_str().unwrap()])
        .status()
        .expect("python3 strips the cached values");
    assert!(status.success());
}

/// Runs LibreOffice headless on `input`, converting to `filter`; returns
/// the file written.
fn convert(input: &Path, filter: &str, extension: &str) -> PathBuf {
    let dir = input.parent().unwrap();
    let out = dir.join("out");
    let status = Command::new(soffice())
        .arg(profile(dir))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(&out)
        .arg(input)
        .output()
        .unwrap();
    assert!(status.status.success(), "{status:?}");
    let written = out.join(input.with_extension(extension).file_name().unwrap());
    assert!(written.is_file(), "LibreOffice wrote nothing: {status:?}");
    written
}

/// The first sheet as LibreOffice shows it after recalculating: each cell's
/// text as displayed ("save cell contents as shown"), UTF-8.
fn shown_cells(audit: &str, lang: Lang) -> (Vec<Vec<String>>, Checklist, Audit) {
    let (bytes, checklist, parsed) = workbook(audit, lang);
    let temporary = tempfile::tempdir().unwrap();
    let dir = temporary.path();
    let xlsx = dir.join("form.xlsx");
    std::fs::write(&xlsx, bytes).unwrap();
    without_cached_values(&xlsx);
    let csv = convert(
        &xlsx,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
        "csv",
    );
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(&csv)
        .unwrap();
    let rows = reader
        .records()
        .map(|record| record.unwrap().iter().map(String::from).collect())
        .collect();
    (rows, checklist, parsed)
}

fn workbook(audit: &str, lang: Lang) -> (Vec<u8>, Checklist, Audit) {
    let checklist = Checklist::builtin();
    let parsed = Audit::parse("audit.toml", audit, &checklist).unwrap_or_else(|e| panic!("{e}"));
    let evaluation = evaluate(&checklist, &parsed).unwrap();
    let analysis = bscore::analyze(&checklist, &parsed, &evaluation);
    let report = Report {
        file: "audit.toml",
        checklist: &checklist,
        rules: None,
        audit: &parsed,
        evaluation: &evaluation,
        analysis: &analysis,
        audit_sha256: "0000",
    };
    let options = RenderOptions {
        lang,
        ascii: false,
        detail: false,
        bom: false,
        width: 100,
    };
    let mut bytes = Vec::new();
    render(Format::Xlsx, options, &[report], &mut bytes).unwrap();
    (bytes, checklist.clone(), parsed)
}

/// The row whose check text (column B) starts with `label`.
fn row<'a>(rows: &'a [Vec<String>], label: &str) -> &'a [String] {
    rows.iter()
        .find(|row| {
            row.get(1)
                .is_some_and(|cell| cell == label || cell.starts_with(&format!("{label} ")))
        })
        .unwrap_or_else(|| panic!("no row {label}"))
}

/// `value` cut to `places` and written as a spreadsheet's General format
/// writes it: no trailing zeros, no trailing point.
fn general(value: &Exact, places: u32) -> String {
    let text = fixed(value, places);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui python3) to run this test"
)]
fn every_figure_libreoffice_shows_is_bscores_figure_cut() {
    for name in EXAMPLES {
        let source = std::fs::read_to_string(example(name)).unwrap();
        let (rows, checklist, audit) = shown_cells(&source, Lang::Zh);
        let evaluation = evaluate(&checklist, &audit).unwrap();
        for (indicator, score) in checklist.indicators.iter().zip(&evaluation.indicators) {
            let cells = row(&rows, &indicator.id);
            match &score.coefficient {
                Some(coefficient) => {
                    assert_eq!(cells[3], general(coefficient, 4), "{name} {}", indicator.id);
                }
                None => assert_eq!(cells[3], "删减", "{name} {}", indicator.id),
            }
            if score.applicable {
                assert_eq!(cells[4], fixed(&score.earned, 2), "{name} {}", indicator.id);
            }
        }
        let words = Words::new(Lang::Zh, &checklist);
        let labels = words.labels;
        assert_eq!(
            row(&rows, labels.earned)[4],
            fixed(&evaluation.earned, 2),
            "{name}"
        );
        assert_eq!(
            row(&rows, labels.applicable)[4],
            fixed(&evaluation.applicable, 2),
            "{name}"
        );
        assert_eq!(
            row(&rows, labels.score)[4],
            fixed(&evaluation.score, 2),
            "{name}"
        );
        let grade = &row(&rows, labels.grade)[4];
        assert!(
            grade.starts_with(words.grade(evaluation.grade)),
            "{name}: {grade}"
        );
    }
}

/// Findings that lose exactly `loss` points of 100: whole indicators in
/// checklist order, the last of them as a sample for what is left, all
/// other indicators conforming.
fn audit_losing(loss: &Exact, tiny: Option<(u64, u64)>) -> String {
    let checklist = Checklist::builtin();
    let mut lines = vec![
        "[audit]".to_string(),
        "organization = \"测试科技有限公司\"".into(),
        "service = \"测试服务\"".into(),
        "assessors = [\"张三\"]".into(),
        "date = 2026-03-15".into(),
        "kind = \"initial\"".into(),
        "unassessed = \"conform\"".into(),
        "[indicators]".into(),
    ];
    let mut left = loss.clone();
    let mut indicators = checklist.indicators.iter();
    while left > Exact::from_integer(0) {
        let indicator = indicators.next().unwrap();
        if indicator.points <= left {
            lines.push(format!("\"{}\" = 1", indicator.id));
            left = &left - &indicator.points;
        } else {
            // What is left as a sample of the indicator: left / points.
            let ratio = &left / &indicator.points;
            lines.push(format!(
                "\"{}\" = {{ sampled = {}, nonconforming = {} }}",
                indicator.id,
                ratio.denom(),
                ratio.numer()
            ));
            left = Exact::from_integer(0);
        }
    }
    if let Some((nonconforming, sampled)) = tiny {
        let indicator = indicators
            .find(|i| i.points == Exact::from_integer(1))
            .unwrap();
        lines.push(format!(
            "\"{}\" = {{ sampled = {sampled}, nonconforming = {nonconforming} }}",
            indicator.id
        ));
    }
    lines.join("\n") + "\n"
}

/// Scores just below 70, 80, 90 and 95 (by a hundred-thousandth of a
/// point) show 69.99 … 94.99 and the band below; a score of exactly 90
/// that doubles sum to 89.99999999999999 shows 90.00 and gold.
#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui python3) to run this test"
)]
fn no_score_libreoffice_shows_crosses_a_band() {
    let cases = [
        (30, "69.99", Grade::Fail),
        (20, "79.99", Grade::Compliant),
        (10, "89.99", Grade::Silver),
        (5, "94.99", Grade::Gold),
    ];
    for (loss, shown, grade) in cases {
        // One more indicator of one point, one item in 100,000 failing.
        let audit = audit_losing(&Exact::from_integer(loss), Some((1, 100_000)));
        check_score(&audit, shown, grade);
    }
    let ninety = "[audit]\norganization = \"测试科技有限公司\"\nservice = \"测试服务\"\nassessors = [\"张三\"]\ndate = 2026-03-15\nkind = \"initial\"\nunassessed = \"conform\"\n[indicators]\n\"4.1.a\" = 1\n\"4.1.b\" = 1\n\"4.1.c\" = 1\n\"4.1.d\" = 1\n\"4.2.a\" = 1\n\"4.2.b\" = 1\n\"4.2.c\" = 1\n\"4.2.d\" = 1\n\"4.5.a\" = { sampled = 7, nonconforming = 5 }\n\"4.6.c\" = { sampled = 21, nonconforming = 13 }\n\"7.2.d-1\" = { sampled = 3, nonconforming = 2 }\n";
    check_score(ninety, "90.00", Grade::Gold);
}

fn check_score(audit: &str, shown: &str, grade: Grade) {
    let (rows, checklist, parsed) = shown_cells(audit, Lang::Zh);
    let evaluation = evaluate(&checklist, &parsed).unwrap();
    assert_eq!(evaluation.grade, grade, "the audit is built as meant");
    assert_eq!(
        fixed(&evaluation.score, 2),
        shown,
        "the audit is built as meant"
    );
    let words = Words::new(Lang::Zh, &checklist);
    let labels = words.labels;
    assert_eq!(row(&rows, labels.score)[4], shown, "{audit}");
    assert_eq!(row(&rows, labels.normalized)[4], shown, "{audit}");
    assert_eq!(row(&rows, labels.grade)[4], words.grade(grade), "{audit}");
    // The fill-in form's live score and grade, recalculated, the same.
    let form = bscore::form_workbook(&checklist, Some(&parsed), None, Lang::Zh).unwrap();
    let temporary = tempfile::tempdir().unwrap();
    let xlsx = temporary.path().join("form.xlsx");
    std::fs::write(&xlsx, form).unwrap();
    let totals = form_totals(&xlsx);
    assert_eq!(totals(labels.score), shown, "form: {audit}");
    assert_eq!(totals(labels.grade), words.grade(grade), "form: {audit}");
}

/// The fill-in form's totals as LibreOffice shows them after
/// recalculating: the value of the row a label starts.
fn form_totals(xlsx: &Path) -> impl Fn(&str) -> String {
    let csv = convert(
        xlsx,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
        "csv",
    );
    let text = std::fs::read_to_string(csv).unwrap();
    move |label: &str| {
        let line = (text.lines())
            .find(|line| line.starts_with(&format!("{label},")))
            .unwrap_or_else(|| panic!("the form has no {label} row"));
        let value = line.split(',').rfind(|cell| !cell.is_empty()).unwrap();
        value.to_string()
    }
}

/// Printed by LibreOffice, the form is A4 landscape, one page wide (the
/// last column's heading on every page of the form, and only the headings
/// repeated), and every heading and every indicator's check text is there
/// whole, in both languages.
#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui poppler-utils) to run this test"
)]
fn the_form_prints_one_page_wide_with_every_text_whole() {
    for lang in [Lang::Zh, Lang::En] {
        let source = std::fs::read_to_string(example("gold-supply-chain-finance.toml")).unwrap();
        let (bytes, checklist, _) = workbook(&source, lang);
        let temporary = tempfile::tempdir().unwrap();
        let xlsx = temporary.path().join("form.xlsx");
        std::fs::write(&xlsx, bytes).unwrap();
        let pdf = convert(&xlsx, "pdf", "pdf");
        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        let info = String::from_utf8_lossy(&info.stdout);
        assert!(info.contains("841.89 x 595.3"), "A4 landscape: {info}");
        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(text.stdout).unwrap();
        let words = Words::new(lang, &checklist);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let form_pages: Vec<&&str> = pages
            .iter()
            .filter(|page| {
                page.contains(words.labels.check_text) && page.contains(words.labels.category)
            })
            .collect();
        assert!(
            form_pages.len() >= 3,
            "{lang:?}: {} pages",
            form_pages.len()
        );
        for page in &form_pages {
            assert!(
                page.contains(words.labels.applicable),
                "{lang:?} a page lacks the last column:\n{page}"
            );
        }
        for indicator in &checklist.indicators {
            let check = words.indicator(indicator);
            assert!(
                printed_whole(&text, &indicator.id, check),
                "{lang:?}: {} is cut",
                indicator.id
            );
        }
        // Each visible column's heading is printed whole (its row is as
        // tall as the longest wrapped heading).
        let labels = words.labels;
        let earned = words.earned_heading();
        let headings = [
            labels.category,
            labels.check_text,
            labels.points,
            labels.coefficient,
            &earned,
            labels.record,
            labels.note,
            labels.applicable,
        ];
        for heading in headings {
            assert!(
                printed_whole(form_pages[0], "", heading),
                "{lang:?}: the heading {heading} is cut"
            );
        }
        // Only the headings repeat: the first indicators are printed once.
        for indicator in &checklist.indicators[..2] {
            let check = words.indicator(indicator);
            let printed_on = (form_pages.iter())
                .filter(|page| printed_whole(page, &indicator.id, check))
                .count();
            assert_eq!(printed_on, 1, "{lang:?}: {} repeated", indicator.id);
        }
    }
}

/// Every example as a form, recalculated and re-saved by LibreOffice,
/// reads back with the identical result; the form's live score and grade,
/// as LibreOffice shows them, are bscore's.
#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui python3) to run this test"
)]
fn forms_resaved_by_libreoffice_read_the_same() {
    let checklist = Checklist::builtin();
    let words = Words::new(Lang::Zh, &checklist);
    for name in EXAMPLES {
        let temporary = tempfile::tempdir().unwrap();
        // The lists the example's draws name, beside the form and beside
        // LibreOffice's copy of it.
        crate::common::copy_pools(temporary.path());
        crate::common::copy_pools(&temporary.path().join("out"));
        let form = temporary.path().join("form.xlsx");
        let toml = example(name);
        let output = crate::common::bscore(&[
            "convert",
            &toml,
            "-o",
            form.to_str().unwrap(),
            "--lang",
            "zh",
        ]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let resaved = convert(&form, "xlsx", "xlsx");
        let json = |path: &str| -> serde_json::Value {
            let output = crate::common::bscore(&["evaluate", path, "--format", "json"]);
            serde_json::from_slice(&output.stdout).unwrap()
        };
        let (expected, read) = (json(&toml), json(resaved.to_str().unwrap()));
        for key in ["score_exact", "grade", "special_deductions", "bonus"] {
            assert_eq!(read[key], expected[key], "{name}: {key}");
        }
        let earned = |result: &serde_json::Value| -> Vec<serde_json::Value> {
            let list = result["indicators"].as_array().unwrap();
            list.iter().map(|i| i["earned_exact"].clone()).collect()
        };
        assert_eq!(earned(&read), earned(&expected), "{name}");
        // The live figures of the recalculated form.
        let value_of = form_totals(&form);
        let score = expected["score"].as_f64().unwrap();
        assert_eq!(
            value_of(words.labels.score),
            format!("{score:.2}"),
            "{name}"
        );
        let grade = value_of(words.labels.grade);
        let band = (checklist.grades.iter())
            .find(|band| expected["grade"] == band.grade.id())
            .unwrap();
        assert!(
            grade.starts_with(words.grade(band.grade)),
            "{name}: {grade}"
        );
    }
}

/// The form an assessor fills in prints like the report: A4 landscape,
/// one page wide (the last heading on every page of it), every check text
/// whole, in both languages.
#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui poppler-utils) to run this test"
)]
fn the_fill_in_form_prints_one_page_wide_with_every_text_whole() {
    let checklist = Checklist::builtin();
    let source = std::fs::read_to_string(example("gold-supply-chain-finance.toml")).unwrap();
    let audit = Audit::parse("audit.toml", &source, &checklist).unwrap();
    for (lang, marker, last) in [
        (Lang::Zh, "现场评审记录", "涉及项分值"),
        // A heading only the checklist sheet has (the sites sheet has
        // Nonconforming too, the samples sheet Record), spaces squeezed.
        (Lang::En, "Exclusionreason", "Applicable"),
    ] {
        let bytes = bscore::form_workbook(&checklist, Some(&audit), None, lang).unwrap();
        let temporary = tempfile::tempdir().unwrap();
        let xlsx = temporary.path().join("form.xlsx");
        std::fs::write(&xlsx, bytes).unwrap();
        let pdf = convert(&xlsx, "pdf", "pdf");
        let info = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        assert!(String::from_utf8_lossy(&info.stdout).contains("841.89 x 595.3"));
        let text = Command::new("pdftotext")
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8(text.stdout).unwrap();
        // Headings wrap in narrow columns: compared without spaces.
        let squeeze = |text: &str| -> String {
            text.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect()
        };
        let pages: Vec<String> = (text.split('\u{c}').map(squeeze))
            .filter(|page| page.contains(marker))
            .collect();
        assert!(!pages.is_empty(), "{lang:?}: no page of the form");
        for page in &pages {
            assert!(
                page.contains(last),
                "{lang:?}: a page lacks the last column"
            );
        }
        // The footer: the date beside the organisation, the page number.
        let date = audit.meta.date.to_string();
        assert!(
            text.contains(&format!("{}  {date}", audit.meta.organization)) || text.contains(&date),
            "{lang:?}: no footer"
        );
        let pages_count = text
            .split('\u{c}')
            .filter(|page| !page.trim().is_empty())
            .count();
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            squeezed.contains(&format!("1/{pages_count}")),
            "{lang:?}: no page number"
        );
        let words = Words::new(lang, &checklist);
        for indicator in &checklist.indicators {
            let check = words.indicator(indicator);
            assert!(
                printed_whole(&text, "", check),
                "{lang:?}: {} is cut",
                indicator.id
            );
        }
    }
}

/// Whether `check` (after `id`, when the id shares its cell) is printed
/// whole in `text`, as pdftotext gives it. A cell's lines come out with
/// the other cells of its row between them, and rows not always in
/// order, so the text must be found in order close after where it opens
/// (anywhere it opens: many texts begin alike): a line cut off by a short
/// row is not there at all. Spaces and hyphens are left out of both
/// (pdftotext joins a word hyphenated across lines).
fn printed_whole(text: &str, id: &str, check: &str) -> bool {
    let squeeze = |text: &str| -> Vec<char> {
        text.chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect()
    };
    let printed = squeeze(text);
    let check = squeeze(check);
    let opening: Vec<char> = (squeeze(id).into_iter())
        .chain(check.iter().copied().take(8))
        .collect();
    (0..printed.len())
        .filter(|at| printed[*at..].starts_with(&opening))
        .any(|start| {
            let end = (start + 3 * check.len() + 100).min(printed.len());
            let mut wanted = check.iter().peekable();
            for c in &printed[start..end] {
                if wanted.peek() == Some(&c) {
                    wanted.next();
                }
            }
            wanted.peek().is_none()
        })
}
