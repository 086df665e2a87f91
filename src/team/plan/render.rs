//! `bscore plan`: the evaluation plan printed (docs/team.md), drawn as the
//! 细则 is (`render::rules`): what it says is decided once
//! ([`super::document::Document`]) and each format draws it — terminal
//! tables fitted to the width, Markdown, a print-ready A4 page, one sheet
//! of XLSX (`xlsx.rs`) — and JSON, written from the plan itself with
//! points as the result writes them (a figure cut to two places, and the
//! exact value as text).

use super::Plan;
use super::document::{CategoryRows, Document, Row};
use crate::checklist::Checklist;
use crate::message::Lang;
use crate::number::{ExactText, Figure, SCORE_PLACES};
use crate::render::{Section, TableLook, heading, markdown_escape, markdown_grid, terminal_grid};
use crate::rules::Rules;
use crate::text::{shortened_to, visible};
use maud::{Markup, PreEscaped, html};
use serde::Serialize;
use std::io::{self, Write};

/// Output formats of `bscore plan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanFormat {
    /// Terminal tables, fitted to the width (the default).
    Table,
    /// GitHub-flavoured Markdown.
    Markdown,
    /// A self-contained, print-ready A4 page.
    Html,
    /// The plan as data.
    Json,
    /// One sheet of XLSX, printed on A4 landscape.
    Xlsx,
}

/// How many characters of a check text a terminal row shows: the table
/// has eight columns, and the full text is in every other format.
const TERMINAL_CHECK_CHARS: usize = 40;

/// Writes the plan to `out` in `format` and `lang`; `rules` adds each
/// indicator's methods, evidence and sample. `look` is the terminal's.
pub fn plan_document(
    plan: &Plan,
    checklist: &Checklist,
    rules: Option<&Rules>,
    format: PlanFormat,
    look: TableLook,
    lang: Lang,
    out: &mut dyn Write,
) -> io::Result<()> {
    // A terminal table shows the files' text on one bounded line, as it
    // shows an assessor's; the other formats show it whole.
    let bounded = |text: &str| crate::text::terminal_line(text, lang).into_owned();
    let whole = |text: &str| text.to_string();
    let document =
        |shown: &dyn Fn(&str) -> String| Document::of(plan, checklist, rules, lang, shown);
    match format {
        PlanFormat::Table => out.write_all(terminal_document(&document(&bounded), look).as_bytes()),
        PlanFormat::Markdown => out.write_all(markdown_document(&document(&whole)).as_bytes()),
        PlanFormat::Html => out.write_all(html_document(&document(&whole)).as_bytes()),
        PlanFormat::Xlsx => out.write_all(&super::xlsx::workbook(&document(&whole))?),
        PlanFormat::Json => {
            let mut text = crate::render::json_string(&json(plan, checklist, rules), true)
                .map_err(io::Error::other)?;
            text.push('\n');
            out.write_all(text.as_bytes())
        }
    }
}

/// The team's table.
fn team_section(document: &Document, separator: &str) -> Section {
    let mut rows = document.member_rows(separator);
    let count: usize = document.members.iter().map(|m| m.indicators).sum();
    let total = document.labels.total.clone();
    rows.push(vec![
        total,
        String::new(),
        String::new(),
        count.to_string(),
        document.total_points.clone(),
    ]);
    Section {
        title: None,
        header: document.labels.team.to_vec(),
        rows,
        right: vec![3, 4],
        total_last: true,
    }
}

/// The sites' table.
fn sites_section(document: &Document) -> Section {
    Section {
        title: None,
        header: document.labels.sites.to_vec(),
        rows: (document.sites.iter())
            .map(|(id, name)| vec![id.clone(), name.clone()])
            .collect(),
        right: Vec::new(),
        total_last: false,
    }
}

/// A category's indicators as rows of text; `check` is how the check text
/// is shown.
fn indicator_section(
    document: &Document,
    category: &CategoryRows,
    check: &dyn Fn(&str) -> String,
    separator: &str,
) -> Section {
    let sites = document.site_ids(separator);
    let labels = &document.labels;
    Section {
        title: None,
        header: labels.headings.to_vec(),
        rows: (category.rows.iter())
            .map(|row| {
                vec![
                    row.id.clone(),
                    check(&row.check),
                    row.points.clone(),
                    row.assessor_line(labels),
                    row.methods_line(labels, separator),
                    row.evidence_line(labels, document.item_separator()),
                    row.sample_line(labels),
                    sites.clone(),
                ]
            })
            .collect(),
        right: vec![2],
        total_last: false,
    }
}

/// The plan as terminal tables: the title, the header, the team, the
/// sites, then a table per category, the check text shortened.
fn terminal_document(document: &Document, look: TableLook) -> String {
    let separator = document.separator();
    let labels = &document.labels;
    let mut out = format!("{}\n", heading(&document.title, look));
    out.push_str(&terminal_grid(
        &Section::pairs(None, document.header.clone()),
        look,
    ));
    out.push_str(&format!("\n\n{}\n", heading(&labels.sections[0], look)));
    out.push_str(&terminal_grid(&team_section(document, separator), look));
    out.push_str(&format!("\n{}\n", heading(&labels.rule_note, look)));
    if !document.sites.is_empty() {
        out.push_str(&format!("\n{}\n", heading(&labels.sections[1], look)));
        out.push_str(&terminal_grid(&sites_section(document), look));
        out.push('\n');
    }
    let check = |text: &str| shortened_to(text, TERMINAL_CHECK_CHARS);
    for category in &document.categories {
        out.push_str(&format!("\n{}\n", heading(&category.heading, look)));
        let section = indicator_section(document, category, &check, separator);
        out.push_str(&terminal_grid(&section, look));
        out.push('\n');
    }
    out
}

/// The plan as Markdown, every text escaped.
fn markdown_document(document: &Document) -> String {
    let separator = document.separator();
    let labels = &document.labels;
    let mut out = format!("# {}\n\n", markdown_escape(&document.title));
    let mut header = document.header.clone().into_iter();
    // A Markdown table needs a heading row: the first line is it.
    let first = header.next().map(|(l, v)| vec![l, v]).unwrap_or_default();
    out.push_str(&markdown_grid(&Section {
        header: first,
        rows: header.map(|(l, v)| vec![l, v]).collect(),
        ..Section::default()
    }));
    out.push_str(&format!(
        "\n## {}\n\n",
        markdown_escape(&labels.sections[0])
    ));
    out.push_str(&markdown_grid(&team_section(document, separator)));
    out.push_str(&format!("\n{}\n", markdown_escape(&labels.rule_note)));
    if !document.sites.is_empty() {
        out.push_str(&format!(
            "\n## {}\n\n",
            markdown_escape(&labels.sections[1])
        ));
        out.push_str(&markdown_grid(&sites_section(document)));
    }
    out.push_str(&format!("\n## {}\n", markdown_escape(&labels.sections[2])));
    let whole = |text: &str| text.to_string();
    for category in &document.categories {
        out.push_str(&format!("\n### {}\n\n", markdown_escape(&category.heading)));
        let section = indicator_section(document, category, &whole, separator);
        out.push_str(&markdown_grid(&section));
    }
    out
}

/// The page's style: the 细则's (A4 landscape, the same fonts and
/// borders); a table's heading row repeats on every page and no row is
/// split across two.
const STYLE: &str = r#"
@page { size: A4 landscape; margin: 12mm 12mm 14mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 273mm; color: #1d1d1f; line-height: 1.45; font-size: 9.5pt;
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 16pt; margin: 0 0 3mm; }
h2 { font-size: 12pt; margin: 6mm 0 2mm; padding-bottom: 1mm; border-bottom: 1px solid #999; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 4mm 0 1mm; break-after: avoid; page-break-after: avoid; }
table { width: 100%; border-collapse: collapse; margin: 2mm 0; }
th, td { padding: 1.2mm 1.8mm; border: 1px solid #b8b8b8; text-align: left; vertical-align: top; }
th { background: #eef1f5; word-break: keep-all; }
td { white-space: pre-line; overflow-wrap: anywhere; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
td.id { white-space: pre; overflow-wrap: normal; }
tr.total td { font-weight: bold; background: #f6f6f6; }
table.meta th { width: 40mm; }
table.narrow { width: auto; min-width: 50%; }
col.id { width: 14mm; } col.check { width: 78mm; } col.points { width: 12mm; } col.assessor { width: 22mm; }
col.methods { width: 30mm; } col.evidence { width: 56mm; } col.sample { width: 28mm; } col.sites { width: 20mm; }
p.note { font-size: 8.5pt; color: #444; }
.assigned { font-style: italic; color: #555; }
footer { margin-top: 5mm; font-size: 8.5pt; color: #444; }
@media screen { body { padding: 8mm; } }
"#;

/// The plan as one self-contained HTML page; maud escapes every string,
/// and control and bidi characters are shown, not obeyed.
fn html_document(document: &Document) -> String {
    let code = match document.lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let labels = &document.labels;
    let separator = document.separator();
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
                    @for (label, value) in &document.header {
                        tr { th { (label) } td { (value) } }
                    }
                }
                h2 { (labels.sections[0]) }
                (html_team(document, separator))
                p.note { (labels.rule_note) }
                @if !document.sites.is_empty() {
                    h2 { (labels.sections[1]) }
                    table.narrow {
                        thead { tr { th { (labels.sites[0]) } th { (labels.sites[1]) } } }
                        tbody { @for (id, name) in &document.sites { tr { td.id { (id) } td { (name) } } } }
                    }
                }
                h2 { (labels.sections[2]) }
                @for category in &document.categories { (html_category(document, category, separator)) }
                footer { div { (document.title) } }
            }
        }
    };
    let mut text = visible(&page.into_string(), true).into_owned();
    text.push('\n');
    text
}

/// The team's table, the totals last.
fn html_team(document: &Document, separator: &str) -> Markup {
    let labels = &document.labels;
    let [name, role, categories, indicators, points] = &labels.team;
    let count: usize = document.members.iter().map(|m| m.indicators).sum();
    html! {
        table {
            thead { tr {
                th { (name) } th { (role) } th { (categories) } th.num { (indicators) } th.num { (points) }
            } }
            tbody {
                @for row in document.member_rows(separator) {
                    tr {
                        td { (row[0]) } td { (row[1]) } td { (row[2]) }
                        td.num { (row[3]) } td.num { (row[4]) }
                    }
                }
                tr.total { td colspan="3" { (labels.total) } td.num { (count) } td.num { (document.total_points) } }
            }
        }
    }
}

/// A category's heading and table.
fn html_category(document: &Document, category: &CategoryRows, separator: &str) -> Markup {
    let [
        id,
        check,
        points,
        assessor,
        methods,
        evidence,
        sample,
        sites,
    ] = &document.labels.headings;
    let site_ids = document.site_ids(separator);
    html! {
        h3 { (category.heading) }
        table {
            colgroup {
                col.id; col.check; col.points; col.assessor; col.methods; col.evidence; col.sample; col.sites;
            }
            thead { tr {
                th { (id) } th { (check) } th.num { (points) } th { (assessor) }
                th { (methods) } th { (evidence) } th { (sample) } th { (sites) }
            } }
            tbody {
                @for row in &category.rows { (html_row(document, row, &site_ids)) }
            }
        }
    }
}

/// An indicator's row: each method and piece of evidence on its line.
fn html_row(document: &Document, row: &Row, sites: &str) -> Markup {
    let labels = &document.labels;
    html! {
        tr {
            td.id { (row.id) }
            td { (row.check) }
            td.num { (row.points) }
            td {
                (row.assessor)
                @if row.fixed { span.assigned { (labels.assigned) } }
            }
            td { (row.methods_line(labels, "\n")) }
            td { (row.evidence_line(labels, "\n")) }
            td { (row.sample_line(labels)) }
            td { (sites) }
        }
    }
}

/// The plan as JSON.
#[derive(Serialize)]
struct Json<'a> {
    plan: JsonHead<'a>,
    standard: &'a str,
    rules: Option<JsonRules<'a>>,
    sites: Vec<JsonSite<'a>>,
    members: Vec<JsonMember<'a>>,
    indicators: Vec<JsonIndicator<'a>>,
}

#[derive(Serialize)]
struct JsonHead<'a> {
    organization: &'a str,
    service: &'a str,
    kind: &'static str,
    from: String,
    to: String,
    leader: &'a str,
}

#[derive(Serialize)]
struct JsonRules<'a> {
    title: &'a str,
    version: &'a str,
    sha256: &'a str,
}

#[derive(Serialize)]
struct JsonSite<'a> {
    id: &'a str,
    name: &'a str,
}

#[derive(Serialize)]
struct JsonMember<'a> {
    name: &'a str,
    leader: bool,
    categories: Vec<&'a str>,
    indicators: usize,
    points: Figure,
    points_exact: ExactText,
}

#[derive(Serialize)]
struct JsonIndicator<'a> {
    id: &'a str,
    category: &'a str,
    points: Figure,
    points_exact: ExactText,
    assessor: &'a str,
    assigned: bool,
    methods: Vec<&'static str>,
    evidence: Vec<&'a str>,
    sample: Option<JsonSample<'a>>,
    sites: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonSample<'a> {
    unit: &'a str,
    minimum: u64,
}

/// The plan as data: the header, the 细则 used, the sites, each member's
/// share and each indicator's assessor, methods, evidence and sample.
fn json<'a>(plan: &'a Plan, checklist: &'a Checklist, rules: Option<&'a Rules>) -> Json<'a> {
    let site_ids: Vec<&str> = plan.sites.iter().map(|site| site.id.as_str()).collect();
    let members = (plan.team.iter().enumerate())
        .map(|(index, member)| JsonMember {
            name: &member.name,
            leader: index == plan.leader,
            categories: (member.categories.iter())
                .map(|c| checklist.categories[*c].id.as_str())
                .collect(),
            indicators: plan.assignment.counts[index],
            points: Figure::cut(&plan.assignment.points[index], SCORE_PLACES),
            points_exact: ExactText(plan.assignment.points[index].clone()),
        })
        .collect();
    let indicators = (checklist.indicators.iter().enumerate())
        .map(|(index, indicator)| {
            let rule = rules.and_then(|rules| rules.rule(index));
            JsonIndicator {
                id: &indicator.id,
                category: &checklist.categories[indicator.category].id,
                points: Figure::cut(&indicator.points, SCORE_PLACES),
                points_exact: ExactText(indicator.points.clone()),
                assessor: &plan.team[plan.assignment.assessor[index]].name,
                assigned: plan.assigned[index].is_some(),
                methods: (rule.into_iter().flat_map(|rule| &rule.methods))
                    .map(|method| method.id())
                    .collect(),
                evidence: (rule.into_iter().flat_map(|rule| &rule.evidence))
                    .map(String::as_str)
                    .collect(),
                sample: (rule.and_then(|rule| rule.sample.as_ref())).map(|sample| JsonSample {
                    unit: &sample.unit,
                    minimum: sample.minimum,
                }),
                sites: site_ids.clone(),
            }
        })
        .collect();
    Json {
        plan: JsonHead {
            organization: &plan.organization,
            service: &plan.service,
            kind: plan.kind.id(),
            from: plan.from.to_string(),
            to: plan.to.to_string(),
            leader: &plan.team[plan.leader].name,
        },
        standard: &checklist.code,
        rules: rules.map(|rules| JsonRules {
            title: &rules.title,
            version: &rules.version,
            sha256: &rules.sha256,
        }),
        sites: (plan.sites.iter())
            .map(|site| JsonSite {
                id: &site.id,
                name: &site.name,
            })
            .collect(),
        members,
        indicators,
    }
}
