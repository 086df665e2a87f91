//! `--format html`: one self-contained, print-ready file (A4) to hand to the
//! customer. No external fonts, scripts, styles or images; maud escapes
//! every interpolated string, so user text is always inert. The one script
//! element is data that no browser runs: the JSON result, for `bscore
//! verify`.

use super::content::{Adjustment, Content};
use super::labels::Lang;
use super::report::{Line, RenderOptions, Report, Streamed, Summary};
use super::sections::Section;
use super::view::{Row, cut_sum_notes, provenance, rows};
use super::words::Words;
use crate::checklist::Checklist;
use crate::checklist::Grade;
use crate::number::{Exact, SCORE_PLACES, fixed, trimmed};
use crate::text::visible;
use maud::{Markup, PreEscaped, html};
use num_traits::Zero;
use std::io::{self, Write};

/// The record column is the wider of the two text columns: it holds a
/// sample's split by site, a site's name and its `k/n` on one line.
pub(super) const STYLE: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #1d1d1f; margin: 0 auto; max-width: 190mm; line-height: 1.45; }
h1 { font-size: 17pt; margin: 0 0 4mm; }
h2 { font-size: 12.5pt; margin: 7mm 0 2.5mm; border-bottom: 1px solid #999; padding-bottom: 1mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0; }
th, td { border: 1px solid #b8b8b8; padding: 1.2mm 1.8mm; vertical-align: top; text-align: left; }
th { background: #eef1f5; }
/* Words are never broken: a column grows to its longest word, and a
   heading or a category keeps its Chinese words whole too.
   Only the assessor's own text, which may hold a long link or digest,
   breaks anywhere, so that it never widens the page. */
td { overflow-wrap: break-word; white-space: pre-line; }
th, td.category { word-break: keep-all; }
td.text { overflow-wrap: anywhere; }
td.num, th.num { text-align: right; white-space: nowrap; }
h2 { break-after: avoid; page-break-after: avoid; }
.keep { break-inside: avoid; page-break-inside: avoid; }
tr { page-break-inside: avoid; break-inside: avoid; }
thead { display: table-header-group; }
tr.subtotal td { background: #f6f6f6; font-weight: bold; }
tr.excluded td { color: #666; font-style: italic; }
tr.lost td.num.earned { color: #b00020; }
.meta th { width: 28mm; }
.badge { display: inline-block; padding: 2.5mm 6mm; border-radius: 3mm; font-size: 15pt; font-weight: bold; color: #fff; margin: 1mm 0 3mm; }
.grade-fail { background: #b00020; } .grade-compliant { background: #2e7d32; } .grade-silver { background: #607d8b; }
.grade-gold { background: #b8860b; } .grade-platinum { background: #4b4f8c; }
.score { font-size: 13pt; margin-left: 4mm; }
.chart { width: 100%; height: auto; }
.footnote { font-size: 8.5pt; color: #444; }
table.appendix { font-size: 8.5pt; }
table.appendix th.num { white-space: normal; }
col.category { width: 22mm; } col.points { width: 15mm; } col.coefficient { width: 19mm; }
col.earned { width: 16mm; } col.record { width: 31mm; } col.note { width: 23mm; }
.footnote li { margin-bottom: 1mm; }
section.report + section.report { page-break-before: always; break-before: page; }
.page-break { page-break-before: always; break-before: page; }
@media screen { body { padding: 8mm; } }
"#;

/// Words never broken inside, in a cell of text that otherwise breaks
/// anywhere (`td.text`): set on the labels and names of a team's lines
/// only, so that every other report's page is as it was.
const KEEP_WORDS: &str = "word-break: keep-all; overflow-wrap: normal";

pub(super) struct HtmlRenderer {
    pub options: RenderOptions,
}

impl Streamed for HtmlRenderer {
    fn piece(&self, report: &Report<'_>, several: bool) -> io::Result<Vec<u8>> {
        // maud escapes markup; control and bidi characters are shown too.
        let html = self.report(report).into_string();
        let html = with_result(html, report, self.options.lang, several)?;
        Ok(visible(&html, true).into_owned().into_bytes())
    }

    fn head(
        &self,
        checklist: &Checklist,
        first: &Summary,
        _several: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let words = Words::new(self.options.lang, checklist);
        let lang = match self.options.lang {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        };
        let head = html! {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (words.labels.title) " — " (first.organization) }
                style { (PreEscaped(STYLE)) }
            }
        };
        // The document's frame around the reports, which are markup already.
        write!(
            out,
            "<!DOCTYPE html><html lang=\"{lang}\">{}<body>",
            visible(&head.into_string(), true)
        )
    }

    fn tail(
        &self,
        _checklist: &Checklist,
        _lines: &[Line],
        _several: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        out.write_all(b"</body></html>\n")
    }
}

/// A report's section with its JSON result (docs/json.md) as the last
/// element inside it, for `bscore verify` (see `crate::embedded`). Inside
/// the section, so that sections stay adjacent for the page breaks.
fn with_result(html: String, report: &Report<'_>, lang: Lang, several: bool) -> io::Result<String> {
    let json = serde_json::to_string(&super::json::json_result(report, lang))?;
    let script = crate::embedded::html_script(&json, several);
    let end = html.rfind("</section>").unwrap_or(html.len());
    Ok(format!("{}{script}{}", &html[..end], &html[end..]))
}

impl HtmlRenderer {
    fn report(&self, report: &Report<'_>) -> Markup {
        let words = Words::new(self.options.lang, report.checklist);
        let labels = words.labels;
        let content = Content::of(report, &words, false);
        html! {
            section.report {
                h1 { (content.title) }
                table.meta {
                    @for (label, value) in &content.header {
                        tr { th { (label) } td.text { (value) } }
                    }
                }
                div {
                    span class={ "badge grade-" (content.grade_id.id()) } { (content.grade.1) }
                    span.score { (content.score.0) (labels.colon) strong { (content.score.1) } }
                }
                (grid(&content.categories))
                h2 { (labels.chart_title) }
                (chart(report, &words))
                h2.page-break { (labels.appendix_title) }
                (self.appendix(report, &words))
                @for note in cut_sum_notes(report, &words) {
                    p.footnote { (note) }
                }
                (self.exclusions(report, &words))
                div.keep {
                    h2 { (labels.adjustments_title) }
                    (adjustments(&content, &words))
                }
                div.keep {
                h2 { (labels.score) }
                table {
                    tr { th { (content.normalized.0) } td.num { (content.normalized.1) } }
                    @for (label, value) in [&content.score, &content.grade] {
                        tr { th { (label) } td.num { strong { (value) } } }
                    }
                    @for (label, value) in &content.outlook {
                        tr { th { (label) } td.num { (value) } }
                    }
                }
                }
                (readings(report, &words))
                div.keep {
                    h2 { (labels.provenance) }
                    table.footnote {
                        @for (label, value) in provenance(report, &words) {
                            tr { th { (label) } td { code { (value) } } }
                        }
                    }
                }
            }
        }
    }

    /// The full Appendix A form, filled in, with a subtotal per category.
    fn appendix(&self, report: &Report<'_>, words: &Words<'_>) -> Markup {
        let labels = words.labels;
        let all: Vec<Row<'_>> = rows(report).collect();
        let checklist = report.checklist;
        html! {
            table.appendix {
                colgroup {
                    col.category; col.check; col.points; col.coefficient; col.earned; col.record; col.note;
                }
                thead { tr {
                    th { (labels.category) } th { (labels.check_text) } th.num { (labels.points) }
                    th.num { (labels.coefficient) } th.num { (labels.earned) }
                    th { (labels.record) } th { (labels.note) }
                } }
                tbody {
                    @for (index, category) in checklist.categories.iter().enumerate() {
                        @for row in all.iter().filter(|row| row.indicator.category == index) {
                            (appendix_row(row, words))
                        }
                        @let subtotal = &report.evaluation.categories[index];
                        tr.subtotal {
                            td colspan="2" { (words.category(category)) " " (labels.total) }
                            td.num { (fixed(&subtotal.applicable, SCORE_PLACES)) }
                            td {}
                            td.num { (fixed(&subtotal.earned, SCORE_PLACES)) }
                            td {} td {}
                        }
                    }
                }
            }
        }
    }

    fn exclusions(&self, report: &Report<'_>, words: &Words<'_>) -> Markup {
        let labels = words.labels;
        let excluded: Vec<Row<'_>> = rows(report)
            .filter(|row| row.exclusion().0.is_some())
            .collect();
        html! {
            @if !excluded.is_empty() {
                div.keep {
                h2 { (labels.exclusion_reason) }
                table {
                    thead { tr { th { (labels.id) } th { (labels.exclusion_reason) } th { (labels.exclusion_rejected) } } }
                    tbody {
                        @for row in &excluded {
                            @let (reason, rejection) = row.exclusion();
                            tr { td { (row.indicator.id) } td.text { (reason.unwrap_or_default()) } td.text { (rejection.unwrap_or("-")) } }
                        }
                    }
                }
                }
            }
        }
    }
}

fn appendix_row(row: &Row<'_>, words: &Words<'_>) -> Markup {
    let class = if !row.score.applicable {
        "excluded"
    } else if row.score.earned < row.score.points {
        "lost"
    } else {
        ""
    };
    let labels = words.labels;
    html! {
        tr class=(class) {
            td.category { (words.category(words.category_of(row.indicator))) }
            td { strong { (row.indicator.id) } " " (words.indicator(row.indicator)) }
            td.num { (trimmed(&row.indicator.points, SCORE_PLACES)) }
            td.num { (row.coefficient_text(words)) }
            td.num.earned { (row.earned_text()) }
            td.text { (row.record_lines(words).join("\n")) }
            td.text {
                @for line in row.note_lines(words) { div { (line) } }
                // In the narrow column, the names are kept whole (the line
                // breaks after the colon or between names, never inside
                // one, as the column's Chinese text otherwise may) and so
                // are the labels' words (Disagreement, 分歧已解决): the
                // column grows to them, as it does to any word of ours.
                @if let Some(names) = row.assessors(words) {
                    div style=(KEEP_WORDS) { span style=(KEEP_WORDS) { (labels.assessed_by) (labels.colon) } (names) }
                }
                @if let Some(resolution) = row.resolution(words) {
                    div { span style=(KEEP_WORDS) { (labels.resolved) (labels.colon) } (resolution) }
                }
            }
        }
    }
}

/// A section as a table: figures right-aligned, a total row set apart.
/// A section's table: a label/value table when it has no heading row.
pub(super) fn grid_or_pairs(section: &Section) -> Markup {
    if !section.header.is_empty() {
        return grid(section);
    }
    html! {
        table.meta { tbody {
            @for row in &section.rows {
                tr { th { (row[0]) } td.text { (row.get(1).map(String::as_str).unwrap_or_default()) } }
            }
        } }
    }
}

fn grid(section: &Section) -> Markup {
    let class = |column: usize| section.right.contains(&column).then_some("num");
    let last = section.rows.len().saturating_sub(1);
    html! {
        table {
            thead { tr {
                @for (column, title) in section.header.iter().enumerate() { th class=[class(column)] { (title) } }
            } }
            tbody {
                @for (index, row) in section.rows.iter().enumerate() {
                    tr class=(if section.total_last && index == last { "subtotal" } else { "" }) {
                        @for (column, cell) in row.iter().enumerate() { td class=[class(column)] { (cell) } }
                    }
                }
            }
        }
    }
}

fn adjustments(content: &Content, words: &Words<'_>) -> Markup {
    let labels = words.labels;
    let (deductions, bonus): (Vec<&Adjustment>, Vec<&Adjustment>) =
        content.adjustments.iter().partition(|a| a.deducts);
    html! {
        table {
            tr {
                th { (labels.special_deduction) }
                td.text {
                    @if deductions.is_empty() { (labels.none) }
                    @for deduction in &deductions {
                        div {
                            "−" (deduction.points) " "
                            strong { (deduction.kind.as_deref().unwrap_or_default()) } (labels.colon) (deduction.text)
                            @for line in &deduction.team { div { (line) } }
                        }
                    }
                }
            }
            tr {
                th { (labels.bonus) }
                td.text {
                    @match bonus.first() {
                        Some(bonus) => {
                            "+" (bonus.points) " " (bonus.text)
                            @for line in &bonus.team { div { (line) } }
                        },
                        None => { (labels.none) },
                    }
                }
            }
        }
    }
}

/// An inline SVG bar chart: per category, the applicable points as a light
/// bar and the earned points as a dark bar over it.
fn chart(report: &Report<'_>, words: &Words<'_>) -> Markup {
    const WIDTH: f64 = 640.0;
    const LABEL: f64 = 170.0;
    const BAR: f64 = 22.0;
    const GAP: f64 = 14.0;
    let scale_max = report
        .checklist
        .categories
        .iter()
        .map(|c| c.total.clone())
        .max()
        .unwrap_or_else(Exact::zero);
    // Chart geometry only: no score or grade depends on these floats.
    let length = |value: &Exact| -> f64 {
        if scale_max.is_zero() {
            return 0.0;
        }
        (value / &scale_max).to_f64().unwrap_or(0.0) * (WIDTH - LABEL - 110.0)
    };
    let count = report.checklist.categories.len() as f64;
    let height = count * (BAR + GAP) + GAP;
    let categories = report
        .checklist
        .categories
        .iter()
        .zip(&report.evaluation.categories)
        .enumerate();
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (height) } role="img" aria-label=(words.labels.chart_title) {
            @for (index, (category, subtotal)) in categories {
                @let y = GAP + index as f64 * (BAR + GAP);
                text x="0" y=(y + BAR * 0.7) font-size="13" { (words.category(category)) }
                rect x=(LABEL) y=(y) width=(length(&subtotal.applicable)) height=(BAR) fill="#d7dde6" {}
                rect x=(LABEL) y=(y) width=(length(&subtotal.earned)) height=(BAR) fill="#34568b" {}
                text x=(LABEL + length(&subtotal.applicable) + 6.0) y=(y + BAR * 0.7) font-size="12" {
                    (fixed(&subtotal.earned, SCORE_PLACES)) " / " (fixed(&subtotal.applicable, SCORE_PLACES))
                }
            }
        }
    }
}

fn readings(report: &Report<'_>, words: &Words<'_>) -> Markup {
    let labels = words.labels;
    let band = |grade: Grade| {
        report
            .checklist
            .band(grade)
            .min_score
            .as_ref()
            .map(|min| trimmed(min, SCORE_PLACES))
            .unwrap_or_default()
    };
    let bands = [
        Grade::Platinum,
        Grade::Gold,
        Grade::Silver,
        Grade::Compliant,
    ]
    .map(|grade| format!("≥ {} {}", band(grade), words.grade(grade)))
    .join(labels.clause_separator);
    html! {
        h2 { (labels.readings_title) }
        ol.footnote {
            @for rule in words.rules() { li { (rule) } }
            li { (bands) }
            @for erratum in &report.checklist.errata {
                @let (clause, text) = words.erratum(erratum);
                li { strong { (clause) } (labels.colon) (text) }
            }
        }
    }
}
