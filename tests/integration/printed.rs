//! What an assessor hands over, on paper: the XLSX report and the form
//! printed by LibreOffice with its default settings, the HTML report
//! printed by Chromium, each read back with pdftotext. Every grade, every
//! figure of the totals and every digest must be there whole (no cell
//! cuts its text, nothing overprints), and no English word is broken
//! inside.
//!
//! Without those programs the tests are ignored (see build.rs), except in
//! CI, which installs them (`.ci/run`).

use crate::common::{EXAMPLES, evaluated, example, grade_name, lang_code, written};
use crate::opened::program;
use bscore::Checklist;
use bscore::fixed;
use bscore::{Lang, Words};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `xlsx` printed to PDF by LibreOffice, as set up out of the box.
fn printed_by_libreoffice(xlsx: &Path) -> PathBuf {
    let dir = xlsx.parent().unwrap();
    let output = Command::new(program(&["soffice", "libreoffice"]))
        .arg(crate::opened::Profile::AsInstalled.argument(dir))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(xlsx)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    xlsx.with_extension("pdf")
}

/// The text of a PDF in the order it is drawn: a cell's lines follow one
/// another.
pub(crate) fn text_of(pdf: &Path) -> String {
    let output = Command::new(program(&["pdftotext"]))
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// The text of a PDF as laid out on the page, columns side by side: no
/// line of one cell is joined to another's.
fn laid_out_text_of(pdf: &Path) -> String {
    let output = Command::new(program(&["pdftotext"]))
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

/// Text with every space and line break taken out, so that a text wrapped
/// inside its cell still reads whole, and one cut does not.
pub(crate) fn joined(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Every example's XLSX report, in both languages, printed: the grade,
/// bscore's exact evaluation, the score and every total, what the next
/// band needs and both digests, each whole.
#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui poppler-utils) to run this test"
)]
fn every_report_prints_its_grade_figures_and_digests_whole() {
    for lang in [Lang::Zh, Lang::En] {
        for name in EXAMPLES {
            let (checklist, audit, evaluation) = evaluated(name);
            let words = Words::new(lang, &checklist);
            let dir = tempfile::tempdir().unwrap();
            let args = ["--lang", lang_code(lang), "evaluate", &example(name)];
            let xlsx = written(&args, dir.path().join("report.xlsx"));
            let text = joined(&text_of(&printed_by_libreoffice(&xlsx)));
            let grade = grade_name(&words, &evaluation);
            let score = fixed(&evaluation.score, 2);
            let text_bytes = std::fs::read(example(name)).unwrap();
            let mut wanted = vec![
                grade.clone(),
                format!("{score} {grade}"),
                fixed(&evaluation.normalized, 2),
                bscore::sha256_bytes(&text_bytes),
                checklist.sha256.clone(),
            ];
            let analysis = bscore::analyze(&checklist, &audit, &evaluation);
            if let Some(next) = &analysis.next_band {
                wanted.push(words.grade(next.grade).to_string());
            }
            for wanted in wanted {
                assert!(
                    text.contains(&joined(&wanted)),
                    "{lang:?} {name}: {wanted} is not printed whole"
                );
            }
        }
    }
}

/// The fill-in form, printed, shows its grade and score whole, filled in
/// and empty, in both languages.
#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui poppler-utils) to run this test"
)]
fn the_form_prints_its_grade_and_what_is_left_whole() {
    for lang in [Lang::Zh, Lang::En] {
        for name in EXAMPLES {
            let (checklist, _, evaluation) = evaluated(name);
            let words = Words::new(lang, &checklist);
            let dir = tempfile::tempdir().unwrap();
            let args = ["--lang", lang_code(lang), "convert", &example(name)];
            let xlsx = written(&args, dir.path().join("form.xlsx"));
            let text = joined(&text_of(&printed_by_libreoffice(&xlsx)));
            for wanted in [grade_name(&words, &evaluation), fixed(&evaluation.score, 2)] {
                let found = text.contains(&joined(&wanted));
                assert!(found, "{lang:?} {name}: {wanted} is not printed whole");
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let xlsx = written(
            &["--lang", lang_code(lang), "template"],
            dir.path().join("empty.xlsx"),
        );
        let text = joined(&text_of(&printed_by_libreoffice(&xlsx)));
        let count = Checklist::builtin().indicators.len();
        let fields = crate::opened::REQUIRED_FIELDS.len();
        let left = match lang {
            Lang::Zh => format!("未完成：{count} 个指标未评价，{fields} 栏未填写"),
            Lang::En => format!("Incomplete: {count} not assessed, {fields} fields empty"),
        };
        assert!(text.contains(&joined(&left)), "{lang:?}: {left}");
    }
}

/// The English HTML report, printed by Chromium, breaks no word inside:
/// every word on the pages is a word of the report (a column too narrow
/// for a word grows instead).
#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "no chromium on this machine: install it (apt-get install chromium fonts-noto-cjk) to run this test"
)]
fn the_english_html_report_breaks_no_word() {
    for name in EXAMPLES {
        let dir = tempfile::tempdir().unwrap();
        let html = written(
            &[
                "--lang",
                "en",
                "evaluate",
                &example(name),
                "--format",
                "html",
            ],
            dir.path().join("report.html"),
        );
        let source = std::fs::read_to_string(&html).unwrap();
        let words = words_of(&visible_text(&source));
        let printed = laid_out_text_of(&printed_by_chromium(&html));
        let broken: Vec<&str> = (printed.split_whitespace())
            .filter(|word| word.is_ascii() && !is_list_number(word))
            .filter(|word| !words.contains(*word) && !two_cells(word, &words))
            .collect();
        assert!(
            broken.is_empty(),
            "{name}: words broken on paper: {broken:?}"
        );
    }
}

/// `html` printed to PDF by headless Chromium, without the browser's own
/// header and footer.
pub(crate) fn printed_by_chromium(html: &Path) -> PathBuf {
    let dir = html.parent().unwrap();
    let pdf = html.with_extension("pdf");
    let output = Command::new(program(&["chromium", "chromium-browser", "google-chrome"]))
        .args(["--headless", "--no-sandbox", "--disable-gpu"])
        .args(["--no-pdf-header-footer", "--no-first-run"])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap();
    assert!(pdf.exists(), "{output:?}");
    pdf
}

/// The Chinese HTML report, printed, keeps each heading of the Appendix A
/// table and each category's name whole on its line (小类分值 broke as
/// 小类分 / 值).
#[test]
#[cfg_attr(
    not(has_browser),
    ignore = "no chromium on this machine: install it (apt-get install chromium fonts-noto-cjk) to run this test"
)]
fn the_chinese_html_reports_headings_and_categories_stay_whole() {
    let checklist = Checklist::builtin();
    let words = Words::new(Lang::Zh, &checklist);
    let labels = words.labels;
    let headings = [
        labels.category,
        labels.points,
        labels.coefficient,
        labels.earned,
        labels.record,
    ];
    let dir = tempfile::tempdir().unwrap();
    let gold = example("gold-supply-chain-finance.toml");
    let html = written(
        &["--lang", "zh", "evaluate", &gold, "--format", "html"],
        dir.path().join("report.html"),
    );
    let printed = laid_out_text_of(&printed_by_chromium(&html));
    // The Appendix A table's heading row, on every page it starts (the
    // category table's starts alike, but has no check text).
    let heading_lines: Vec<&str> = (printed.lines())
        .filter(|line| line.trim_start().starts_with(labels.category))
        .filter(|line| line.contains(labels.check_text))
        .collect();
    assert!(!heading_lines.is_empty());
    for line in &heading_lines {
        for heading in headings {
            assert!(line.contains(heading), "{heading} is broken: {line}");
        }
    }
    // In the Appendix A table, no row's category cell (a line's start,
    // where the check text's continued lines are indented) holds its name
    // cut short.
    let table = &printed[printed.find(heading_lines[0]).unwrap()..];
    for line in table.lines().filter(|line| !line.starts_with(' ')) {
        let first = line.split_whitespace().next().unwrap_or_default();
        for category in &checklist.categories {
            let name = words.category(category);
            let cut = name.starts_with(first) && first != name && !first.is_empty();
            assert!(!cut, "{name} is broken: {line}");
        }
    }
}

/// The text an HTML page shows: its body without tags, entities decoded;
/// the end of a block (a cell, a row, a heading, a list item) parts words,
/// inline tags do not.
fn visible_text(html: &str) -> String {
    const BLOCKS: [&str; 12] = [
        "td", "th", "tr", "div", "li", "p", "h1", "h2", "br", "table", "section", "span",
    ];
    let body = &html[html.find("<body").unwrap_or(0)..];
    let mut text = String::new();
    let mut tag: Option<String> = None;
    for c in body.chars() {
        match (&mut tag, c) {
            (None, '<') => tag = Some(String::new()),
            (Some(name), '>') => {
                let name = name.trim_start_matches('/');
                let name = name.split([' ', '/']).next().unwrap_or_default();
                if BLOCKS.contains(&name) {
                    text.push(' ');
                }
                tag = None;
            }
            (Some(name), c) => name.push(c),
            (None, c) => text.push(c),
        }
    }
    text.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
}

/// The words of a text, and the parts of each hyphenated word on either
/// side of a hyphen (`on-` and `chain`): a browser may break a line there.
fn words_of(text: &str) -> std::collections::HashSet<String> {
    let mut words = std::collections::HashSet::new();
    for word in text.split_whitespace() {
        words.insert(word.to_string());
        for (index, _) in word.match_indices('-') {
            words.insert(word[..=index].to_string());
            words.insert(word[index + 1..].to_string());
        }
    }
    words
}

/// Whether `word` is two words of the report side by side, as pdftotext
/// lays out two cells of a row that nearly touch (`PointsDeduction`).
fn two_cells(word: &str, words: &std::collections::HashSet<String>) -> bool {
    (1..word.len())
        .filter(|index| word.is_char_boundary(*index))
        .any(|index| words.contains(&word[..index]) && words.contains(&word[index..]))
}

/// A list item's number, which the browser draws and the page's text
/// does not hold.
fn is_list_number(word: &str) -> bool {
    word.strip_suffix('.')
        .is_some_and(|number| !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()))
}

/// The fill-in form, printed, keeps every word of its headings and every
/// label of the audit's fields whole on its line, in both languages (the
/// English form broke Organization and Nonconforming inside).
#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui poppler-utils) to run this test"
)]
fn the_forms_headings_and_labels_print_without_a_broken_word() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().unwrap();
        let args = ["--lang", lang_code(lang), "convert"];
        let gold = example("gold-supply-chain-finance.toml");
        let xlsx = written(
            &[&args[..], &[&gold]].concat(),
            dir.path().join("form.xlsx"),
        );
        let mut workbook: Xlsx<_> = open_workbook(&xlsx).unwrap();
        let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
        let text_at = |row: u32, column: u32| match sheet.get_value((row, column)) {
            Some(Data::String(text)) => text.clone(),
            _ => String::new(),
        };
        // The audit's fields, a label a row under the title; then the
        // headings' row, the one that starts with the id's heading.
        let labels: Vec<String> = (1..=6).map(|row| text_at(row, 0)).collect();
        let heading_row = (0..20)
            .find(|row| ["编号", "Id"].contains(&text_at(*row, 0).as_str()))
            .unwrap();
        let headings: Vec<String> = (0..12).map(|column| text_at(heading_row, column)).collect();
        let printed = laid_out_text_of(&printed_by_libreoffice(&xlsx));
        let lines: Vec<&str> = printed.lines().collect();
        let on_a_line = |text: &str| lines.iter().any(|line| line.contains(text));
        for label in labels.iter().filter(|label| !label.is_empty()) {
            assert!(on_a_line(label), "{lang:?}: the label {label} is broken");
        }
        for word in headings
            .iter()
            .flat_map(|heading| heading.split_whitespace())
        {
            assert!(
                on_a_line(word),
                "{lang:?}: the heading word {word} is broken"
            );
        }
    }
}
