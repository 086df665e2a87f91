//! `bscore rules show`: the 细则 as the document a certification body
//! publishes (docs/rules.md). Per indicator: its id, check text and points, the
//! coefficients it may take and when (the levels), how it is sampled, how
//! it is examined (methods, evidence), whether it may be excluded, and the
//! guidance; an indicator the file does not name says whether it follows
//! the file's `[defaults]` or Appendix A alone.
//!
//! What the document says is decided once, as data ([`Document`]); each
//! format draws it: the terminal grid (`table.rs`), the Markdown grid and
//! its escaping (`markdown.rs`), a print-ready A4 page (below, in the
//! style of the HTML report), and one sheet of XLSX (`xlsx/rules.rs`,
//! with the shared spreadsheet toolkit). Every figure is exact: points
//! and coefficients are written as the decimals they are, never through
//! a double.

use super::labels::{Labels, Lang, RuleLabels};
use super::markdown::{escape, markdown_grid};
use super::report::TableLook;
use super::sections::Section;
use super::table::{heading, terminal_grid};
use super::words::Words;
use crate::checklist::Checklist;
use crate::rules::Rules;
use crate::text::{shortened_to, visible};
use maud::{Markup, PreEscaped, html};
use std::io::{self, Write};

pub(super) mod document;

use document::{CategoryPart, Document, Entry, Source};

/// Output formats of `bscore rules show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RulesFormat {
    /// Terminal tables, fitted to the width (the default).
    Table,
    /// GitHub-flavoured Markdown, a table per group.
    Markdown,
    /// A self-contained, print-ready A4 page.
    Html,
    /// One sheet of XLSX, printed on A4 landscape.
    Xlsx,
}

/// Writes the printed 细则 of `rules`, for the indicators of `checklist`,
/// to `out` in `format` and `lang`. `look` is the terminal's (width and
/// characters); the other formats ignore it. A cell too long for Excel is
/// an error (in both languages) that names the indicator, as the XLSX
/// report's are; nothing is written then.
pub fn rules_document(
    rules: &Rules,
    checklist: &Checklist,
    format: RulesFormat,
    look: TableLook,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    let words = Words::new(lang, checklist);
    // A terminal table shows the file's text on one bounded line, as it
    // shows an assessor's; the other formats show it whole.
    let terminal = words.on_one_line();
    let bounded = |text: &str| terminal.free(text).into_owned();
    let whole = |text: &str| text.to_string();
    let shown: &dyn Fn(&str) -> String = match format {
        RulesFormat::Table => &bounded,
        _ => &whole,
    };
    let document = Document::of(rules, checklist, &words, shown);
    match format {
        RulesFormat::Table => out.write_all(terminal_document(&document, look).as_bytes()),
        RulesFormat::Markdown => out.write_all(markdown_document(&document).as_bytes()),
        RulesFormat::Html => out.write_all(html_document(&document, lang).as_bytes()),
        RulesFormat::Xlsx => out.write_all(&super::xlsx::rules::workbook(&document)?),
    }
}

/// A figure exactly as the decimal it is: a checklist's points and a
/// 细则's coefficients are decimals of at most [`MAX_DECIMAL_DIGITS`]
/// digits, so this many places hold every one of them whole.
/// The document as terminal tables: the title, a label/value block with
/// the digest cut short, then a table per category, each group a row
/// above its indicators.
fn terminal_document(document: &Document, look: TableLook) -> String {
    let digest = shortened_to(&document.sha256, 16);
    let mut out = format!("{}\n", heading(&document.title, look));
    out.push_str(&terminal_grid(
        &Section::pairs(None, document.header(digest)),
        look,
    ));
    out.push_str(&format!("\n{}\n", heading(&document.coverage, look)));
    for category in &document.categories {
        out.push_str(&format!("\n{}\n", heading(&category.heading, look)));
        out.push_str(&terminal_grid(&category_section(document, category), look));
        out.push('\n');
    }
    out
}

/// A category's table: a row per group (its id, name and points), then a
/// row per indicator.
fn category_section(document: &Document, category: &CategoryPart) -> Section {
    let mut rows = Vec::new();
    for group in &category.groups {
        let group_row = [&group.id, &group.name, &group.points, "", ""];
        rows.push(group_row.map(String::from).to_vec());
        rows.extend(group.entries.iter().map(|e| e.cells(document.labels)));
    }
    Section {
        title: None,
        header: document.headings.to_vec(),
        rows,
        right: vec![2],
        total_last: false,
    }
}

/// The document as Markdown: the title, a label/value table, then a
/// heading per category and a table per group, every text escaped.
fn markdown_document(document: &Document) -> String {
    let mut out = format!("# {}\n\n", escape(&document.title));
    let mut header = document.header(document.sha256.clone()).into_iter();
    // A Markdown table needs a heading row: the version's line is it.
    let first = header.next().map(|(l, v)| vec![l, v]).unwrap_or_default();
    let pairs = Section {
        header: first,
        rows: header.map(|(l, v)| vec![l, v]).collect(),
        ..Section::default()
    };
    out.push_str(&markdown_grid(&pairs));
    out.push_str(&format!("\n{}\n", escape(&document.coverage)));
    for category in &document.categories {
        out.push_str(&format!("\n## {}\n", escape(&category.heading)));
        for group in &category.groups {
            out.push_str(&format!("\n### {}\n\n", escape(&group.heading)));
            let section = Section {
                title: None,
                header: document.headings.to_vec(),
                rows: group
                    .entries
                    .iter()
                    .map(|e| e.cells(document.labels))
                    .collect(),
                right: vec![2],
                total_last: false,
            };
            out.push_str(&markdown_grid(&section));
        }
    }
    out
}

/// The page's style: the HTML report's family (A4, the same fonts and
/// borders), landscape for five columns; a table's heading row repeats on
/// every page and no row is split across two.
const STYLE: &str = r#"
@page { size: A4 landscape; margin: 12mm 12mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 273mm; color: #1d1d1f; line-height: 1.45; font-size: 9.5pt;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 16pt; margin: 0 0 3mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; padding-bottom: 1mm; border-bottom: 1px solid #999; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; }
th, td { padding: 1.2mm 1.8mm; border: 1px solid #b8b8b8; text-align: left; vertical-align: top; }
th { background: #eef1f5; word-break: keep-all; }
td { white-space: pre-line; overflow-wrap: anywhere; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.id { white-space: pre; overflow-wrap: normal; }
tr.group td { background: #f6f6f6; font-weight: bold; }
tbody.lead { break-inside: avoid; page-break-inside: avoid; }
table.meta th { width: 40mm; }
col.id { width: 18mm; } col.check { width: 76mm; } col.points { width: 16mm; } col.levels { width: 80mm; }
td div + div { margin-top: 0.8mm; }
.coefficient { font-weight: bold; }
.source { font-style: italic; color: #555; }
footer { margin-top: 5mm; font-size: 8.5pt; color: #444; }
code { overflow-wrap: anywhere; }
@media screen { body { padding: 8mm; } }
"#;

/// The document as one self-contained HTML page; maud escapes every
/// string, and control and bidi characters are shown, not obeyed.
fn html_document(document: &Document, lang: Lang) -> String {
    let code = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let page = html! {
        (maud::DOCTYPE)
        html lang=(code) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (document.title) }
                style { (PreEscaped(STYLE)) }
            }
            body {
                h1 { (document.title) }
                table.meta {
                    @for (label, value) in document.header(document.sha256.clone()) {
                        tr { th { (label) } td { (value) } }
                    }
                }
                p { (document.coverage) }
                @for category in &document.categories { (html_category(document, category)) }
                footer {
                    div { (document.title) " · " (document.labels.version) " " (document.version) }
                    div { (document.labels.digest) (Labels::of(lang).colon) code { (document.sha256) } }
                }
            }
        }
    };
    let mut text = visible(&page.into_string(), true).into_owned();
    text.push('\n');
    text
}

/// A category's heading and table, a bold row per group.
fn html_category(document: &Document, category: &CategoryPart) -> Markup {
    let [id, check, points, levels, examined] = &document.headings;
    html! {
        h2 { (category.heading) }
        table {
            colgroup { col.id; col.check; col.points; col.levels; col.examined; }
            thead { tr {
                th { (id) } th { (check) } th.num { (points) } th { (levels) } th { (examined) }
            } }
            @for group in &category.groups {
                // A group's row and its first indicator's stay on one page.
                tbody.lead {
                    tr.group {
                        td.id { (group.id) } td { (group.name) } td.num { (group.points) } td colspan="2" {}
                    }
                    @for entry in group.entries.iter().take(1) { (html_entry(document.labels, entry)) }
                }
                tbody {
                    @for entry in group.entries.iter().skip(1) { (html_entry(document.labels, entry)) }
                }
            }
        }
    }
}

/// An indicator's row: each level on its line, its coefficient set in bold.
fn html_entry(labels: &RuleLabels, entry: &Entry) -> Markup {
    let any = entry.levels.is_empty() && entry.sampling.is_empty();
    html! {
        tr {
            td.id { (entry.id) }
            td { (entry.check) }
            td.num { (entry.points) }
            td {
                @for level in &entry.levels {
                    div {
                        span.coefficient { (level.coefficient) }
                        @if let Some(when) = &level.when { (labels.condition_dash) (when) }
                    }
                }
                @for line in &entry.sampling { div { (line) } }
                @if any { div { (labels.any_coefficient) } }
            }
            td {
                @for (index, line) in entry.examined.iter().enumerate() {
                    @let source = index == 0 && entry.source != Source::Named;
                    div class=[source.then_some("source")] { (line) }
                }
            }
        }
    }
}
