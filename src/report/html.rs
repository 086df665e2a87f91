//! The evaluation report as one self-contained, print-ready HTML page
//! (A4, page numbers in the margin, headings kept with what follows,
//! table heading rows repeated on every page): no external font, script,
//! style or image; maud escapes every interpolated string, so user text is
//! always inert. The one script element is data no browser runs: the JSON
//! result, for `bscore verify`.
//!
//! A `<meta name="generator" content="bscore report">` marks the page as
//! an evaluation report, which `bscore verify` checks by the sections
//! drawn from the audit alone ([`checked_parts`]).

use super::content::CHECKED;
use super::document::{Block, ReportDocument, Section, Table};
use crate::message::Lang;
use crate::text::visible;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// The generator an evaluation report names in its head.
const GENERATOR: &str = "bscore report";

/// The fonts of every page bscore writes: a CJK face first, so Chinese is
/// never drawn by a fallback of another shape.
const FONTS: &str = r#""Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif"#;

/// The page's style, the footer's text and the fonts put in.
fn style(footer: &str) -> String {
    let footer = css_string(footer);
    format!(
        r#"
@page {{ size: A4; margin: 16mm 14mm 18mm 14mm;
  @bottom-left {{ content: {footer}; font-family: {FONTS}; font-size: 8pt; color: #555; }}
  @bottom-right {{ content: counter(page) " / " counter(pages); font-family: {FONTS}; font-size: 9pt; color: #333; }}
}}
* {{ box-sizing: border-box; }}
body {{ font-family: {FONTS}; font-size: 10.5pt; color: #1d1d1f; margin: 0 auto; max-width: 182mm; line-height: 1.45; }}
header {{ margin-bottom: 6mm; border-bottom: 2px solid #34568b; padding-bottom: 3mm; }}
h1 {{ font-size: 19pt; margin: 0 0 2mm; }}
p.subtitle {{ font-size: 12pt; margin: 0; color: #333; }}
h2 {{ font-size: 13pt; margin: 7mm 0 2.5mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }}
h3 {{ font-size: 11pt; margin: 4mm 0 1.5mm; }}
h2, h3 {{ break-after: avoid; page-break-after: avoid; break-inside: avoid; }}
p {{ margin: 1.5mm 0; }}
p.notice {{ font-weight: bold; color: #8b0000; border-left: 3px solid #b00020; padding: 1mm 0 1mm 3mm; break-inside: avoid; }}
table {{ border-collapse: collapse; width: 100%; margin: 2mm 0; table-layout: fixed; }}
th, td {{ border: 1px solid #b8b8b8; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }}
th {{ background: #eef1f5; font-size: 9.5pt; word-break: keep-all; overflow-wrap: break-word; }}
td {{ white-space: pre-line; overflow-wrap: anywhere; }}
td.num, th.num {{ text-align: right; }}
td.num {{ white-space: nowrap; }}
thead {{ display: table-header-group; }}
tr {{ break-inside: avoid; page-break-inside: avoid; }}
table.keep, table.fields {{ break-inside: avoid; page-break-inside: avoid; }}
table.fields th {{ width: 34%; font-weight: normal; }}
td.digest {{ font-family: "DejaVu Sans Mono", Consolas, "Courier New", monospace; font-size: 8pt; white-space: nowrap; overflow-wrap: normal; }}
table.signing td {{ height: 15mm; vertical-align: middle; }}
.keep-with {{ break-inside: avoid; page-break-inside: avoid; }}
@media screen {{ body {{ padding: 8mm; }} }}
"#
    )
}

/// A CSS string of `text`: quoted, with quotes, backslashes and line
/// breaks escaped, and `<` too, so that no text can end the style element.
fn css_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' => {
                out.push_str(&format!("\\{:x} ", c as u32))
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Tables of at most this many rows are kept on one page.
const SHORT_TABLE: usize = 12;

/// The HTML page of `document`, its JSON result carried inside.
pub fn html(document: &ReportDocument) -> String {
    let lang = match document.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let page = html! {
        (DOCTYPE)
        html lang=(lang) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="generator" content=(GENERATOR);
                title { (document.title) " — " (document.subtitle) }
                style { (PreEscaped(style(&document.footer))) }
            }
            body {
                header {
                    h1 { (document.title) }
                    p.subtitle { (document.subtitle) }
                }
                @for section in &document.sections { (section_markup(section)) }
                (PreEscaped(crate::embedded::html_script(&document.result_json, false)))
            }
        }
    };
    // maud escapes markup; control and bidi characters are shown too.
    let mut page = visible(&page.into_string(), true).into_owned();
    page.push('\n');
    page
}

/// A section: its heading kept with its first block when that block is
/// short enough to go with it.
fn section_markup(section: &Section) -> Markup {
    let (first, rest) = match section.blocks.split_first() {
        Some((first, rest)) => (Some(first), rest),
        None => (None, &[][..]),
    };
    html! {
        section {
            @if first.is_some_and(is_short) {
                div.keep-with {
                    h2 { (section.heading) }
                    @if let Some(first) = first { (block(first)) }
                }
            } @else {
                h2 { (section.heading) }
                @if let Some(first) = first { (block(first)) }
            }
            (blocks(rest))
        }
    }
}

/// Blocks, each sub-heading kept with the block after it when that one
/// is short.
fn blocks(blocks: &[Block]) -> Markup {
    let mut index = 0;
    let mut markup = String::new();
    while index < blocks.len() {
        let next = blocks.get(index + 1);
        match (&blocks[index], next) {
            (Block::Subheading(heading), Some(next)) if is_short(next) => {
                markup.push_str(
                    &html! { div.keep-with { h3 { (heading) } (block(next)) } }.into_string(),
                );
                index += 2;
            }
            (one, _) => {
                markup.push_str(&block(one).into_string());
                index += 1;
            }
        }
    }
    PreEscaped(markup)
}

/// Whether a block fits with a heading on one page: a few rows of not
/// much text.
fn is_short(block: &Block) -> bool {
    match block {
        Block::Table(table) => is_short_table(table),
        Block::Fields(fields) => fields.len() <= SHORT_TABLE,
        Block::Subheading(_) => false,
        Block::Paragraph(_) | Block::Notice(_) => true,
    }
}

fn block(block: &Block) -> Markup {
    match block {
        Block::Subheading(text) => html! { h3 { (text) } },
        Block::Paragraph(text) => html! { p { (text) } },
        Block::Notice(text) => html! { p.notice { (text) } },
        Block::Fields(fields) => html! {
            table.fields {
                @for (label, value) in fields {
                    tr { th { (label) } td class=[is_digest(value).then_some("digest")] { (value) } }
                }
            }
        },
        Block::Table(table) => table_markup(table),
    }
}

/// The most characters a table kept on one page holds.
const SHORT_TEXT: usize = 900;

/// Whether a table is short enough to keep on one page.
fn is_short_table(table: &Table) -> bool {
    let text: usize = (table.rows.iter().flatten())
        .map(|cell| cell.chars().count())
        .sum();
    table.rows.len() <= SHORT_TABLE && text <= SHORT_TEXT
}

/// Whether a value is a SHA-256 digest, drawn whole in a smaller fixed
/// face so that it never breaks across lines.
fn is_digest(value: &str) -> bool {
    value.len() == 64 && value.bytes().all(|b| b.is_ascii_hexdigit())
}

fn table_markup(table: &Table) -> Markup {
    let mut classes = Vec::new();
    if is_short_table(table) {
        classes.push("keep");
    }
    if table.signing {
        classes.push("signing");
    }
    let numeric = |column: usize| table.numeric.get(column).copied().unwrap_or(false);
    html! {
        table class=[(!classes.is_empty()).then(|| classes.join(" "))] {
            colgroup {
                @for width in &table.widths { col style={ "width: " (width) "%" }; }
            }
            thead { tr {
                @for (column, heading) in table.headers.iter().enumerate() {
                    th class=[numeric(column).then_some("num")] { (heading) }
                }
            } }
            tbody {
                @for row in &table.rows {
                    tr {
                        @for (column, cell) in row.iter().enumerate() {
                            td class=[numeric(column).then_some("num")] { (cell) }
                        }
                    }
                }
            }
        }
    }
}

/// Whether `html` is an evaluation report (its head names this
/// generator), not evaluate's HTML report.
pub fn is_evaluation_report(html: &str) -> bool {
    let head = match html.find("<body") {
        Some(end) => &html[..end],
        None => html,
    };
    head.contains(&format!(
        "<meta name=\"generator\" content=\"{GENERATOR}\">"
    ))
}

/// The parts of an evaluation report's page that follow from the audit,
/// the checklist and the 细则 alone: the header (title, organisation and
/// service) and the sections [`CHECKED`] names. `None` when the page has
/// fewer sections than an evaluation report always has.
pub fn checked_parts(html: &str) -> Option<Vec<&str>> {
    let body = html.find("<body").map_or(html, |at| &html[at..]);
    let header = &body[..body.find("<section").unwrap_or(body.len())];
    let sections = crate::shown::html_sections(body);
    let mut parts = vec![header];
    for index in CHECKED {
        parts.push(sections.get(index)?);
    }
    Some(parts)
}
