//! `bscore rules show`: the 细则 as the document a certification body
//! publishes (SPEC §7). Per indicator: its id, check text and points, the
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
use crate::checklist::{Checklist, Indicator};
use crate::number::{Exact, MAX_DECIMAL_DIGITS, trimmed};
use crate::rules::{Level, Rule, Rules, Sampling};
use crate::text::{on_one_line, shortened_to, visible};
use maud::{Markup, PreEscaped, html};
use std::io::{self, Write};

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
fn exact_figure(value: &Exact) -> String {
    trimmed(value, MAX_DECIMAL_DIGITS as u32)
}

/// Where an indicator's rule comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// The file names the indicator.
    Named,
    /// The file's `[defaults]`.
    Defaults,
    /// No rule: Appendix A alone, any coefficient.
    Unspecified,
}

/// One coefficient an indicator may take, and when.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct LevelLine {
    /// The coefficient, exact (`0.5`).
    pub coefficient: String,
    /// Its condition, as the format shows the 细则's text.
    pub when: Option<String>,
}

impl LevelLine {
    /// `0.5 — 缺少其中一至两项`, or the coefficient alone.
    pub fn line(&self, labels: &RuleLabels) -> String {
        match &self.when {
            Some(when) => format!("{}{}{when}", self.coefficient, labels.condition_dash),
            None => self.coefficient.clone(),
        }
    }
}

/// One indicator of the printed 细则.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Entry {
    /// Its id, with its aliases (`4.2.c` over `(= …)`).
    pub id: String,
    /// Appendix A's check text.
    pub check: String,
    /// Its points, exact.
    pub points: String,
    /// Where its rule comes from.
    pub source: Source,
    /// The coefficients it may take, lowest first (empty: any).
    pub levels: Vec<LevelLine>,
    /// How it is sampled, one line each (the unit and minimum, then how
    /// the coefficient follows), if it is.
    pub sampling: Vec<String>,
    /// How it is examined, one line each: where the rule comes from when
    /// the file does not name it, methods, evidence, exclusion, guidance.
    pub examined: Vec<String>,
}

impl Entry {
    /// The lines of the coefficients column: each level with its
    /// condition, the sampling, or that any coefficient may be given.
    pub fn level_lines(&self, labels: &RuleLabels) -> Vec<String> {
        let mut lines: Vec<String> = self.levels.iter().map(|l| l.line(labels)).collect();
        lines.extend(self.sampling.iter().cloned());
        if lines.is_empty() {
            lines.push(labels.any_coefficient.to_string());
        }
        lines
    }

    /// The entry as a row of text cells: id, check text, points, the
    /// coefficients, how it is examined.
    pub fn cells(&self, labels: &RuleLabels) -> Vec<String> {
        vec![
            self.id.clone(),
            self.check.clone(),
            self.points.clone(),
            self.level_lines(labels).join("\n"),
            self.examined.join("\n"),
        ]
    }
}

/// A group of Appendix A and its indicators.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct GroupPart {
    /// `4.1`.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its heading: `4.1 服务咨询（分值 4）`.
    pub heading: String,
    /// Its total points, exact.
    pub points: String,
    /// Its indicators, in checklist order.
    pub entries: Vec<Entry>,
}

/// A category of Appendix A and its groups.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CategoryPart {
    /// Its name.
    pub name: String,
    /// Its heading: `服务要求（分值 33）`.
    pub heading: String,
    /// Its total points, exact.
    pub points: String,
    /// Its groups, in checklist order.
    pub groups: Vec<GroupPart>,
}

/// The printed 细则, as data every format draws.
#[derive(Debug, Clone)]
pub(super) struct Document {
    /// The fixed words.
    pub labels: &'static RuleLabels,
    /// The 细则's title.
    pub title: String,
    /// Its version.
    pub version: String,
    /// The standard it applies to: the checklist's code and title.
    pub standard: String,
    /// SHA-256 of the file, whole.
    pub sha256: String,
    /// How many indicators it names, defaults, leaves to Appendix A.
    pub coverage: String,
    /// The headings of the indicators' columns.
    pub headings: [String; 5],
    /// Appendix A's categories, in order.
    pub categories: Vec<CategoryPart>,
}

impl Document {
    /// The document of `rules` over `checklist`, in `words`' language;
    /// `shown` is how this format shows the 细则 file's own text.
    ///
    /// That text is put on one line first, its line breaks shown as ⏎, in
    /// every format: a cell lists one item a line (a level, the exclusion),
    /// and a line break in a condition or a guidance must not print as a
    /// level or an exclusion of its own.
    pub fn of(
        rules: &Rules,
        checklist: &Checklist,
        words: &Words<'_>,
        shown: &dyn Fn(&str) -> String,
    ) -> Document {
        let shown = &|text: &str| shown(&on_one_line(text));
        let labels = RuleLabels::of(words.lang);
        let entries: Vec<Entry> = (checklist.indicators.iter().enumerate())
            .map(|(index, indicator)| entry(rules, index, indicator, words, shown))
            .collect();
        let count = |source: Source| entries.iter().filter(|e| e.source == source).count();
        let coverage = words.rules_coverage(
            count(Source::Named),
            count(Source::Defaults),
            count(Source::Unspecified),
        );
        Document {
            labels,
            title: shown(&rules.title),
            version: shown(&rules.version),
            standard: words.standard(),
            sha256: shown(&rules.sha256),
            coverage,
            headings: [
                words.labels.id,
                words.labels.check_text,
                words.labels.points,
                labels.levels,
                labels.examined,
            ]
            .map(String::from),
            categories: categories(checklist, words, entries),
        }
    }

    /// The header lines: version, standard, digest (as `digest` shows
    /// it), coverage.
    pub fn header(&self, digest: String) -> Vec<(String, String)> {
        let labels = self.labels;
        [
            (labels.version, self.version.clone()),
            (labels.applies_to, self.standard.clone()),
            (labels.digest, digest),
        ]
        .map(|(label, value)| (label.to_string(), value))
        .into_iter()
        .collect()
    }
}

/// The entries sorted into Appendix A's categories and groups, in order.
fn categories(checklist: &Checklist, words: &Words<'_>, entries: Vec<Entry>) -> Vec<CategoryPart> {
    let labels = words.labels;
    let (open, close) = labels.brackets;
    let heading = |name: &str, points: &Exact| {
        let points = exact_figure(points);
        format!("{name}{open}{} {points}{close}", labels.category_points)
    };
    let mut parts: Vec<CategoryPart> = (checklist.categories.iter())
        .map(|category| CategoryPart {
            name: words.category(category).to_string(),
            heading: heading(words.category(category), &category.total),
            points: exact_figure(&category.total),
            groups: Vec::new(),
        })
        .collect();
    let mut groups: Vec<GroupPart> = (checklist.groups.iter())
        .map(|group| GroupPart {
            id: group.id.clone(),
            name: words.group(group).to_string(),
            heading: heading(
                &format!("{} {}", group.id, words.group(group)),
                &group.total,
            ),
            points: exact_figure(&group.total),
            entries: Vec::new(),
        })
        .collect();
    for (indicator, entry) in checklist.indicators.iter().zip(entries) {
        if let Some(group) = groups.get_mut(indicator.group) {
            group.entries.push(entry);
        }
    }
    for (group, part) in checklist.groups.iter().zip(groups) {
        if let Some(category) = parts.get_mut(group.category) {
            category.groups.push(part);
        }
    }
    parts
}

/// The entry of the indicator at `index`.
fn entry(
    rules: &Rules,
    index: usize,
    indicator: &Indicator,
    words: &Words<'_>,
    shown: &dyn Fn(&str) -> String,
) -> Entry {
    let labels = RuleLabels::of(words.lang);
    let rule = rules.rule(index);
    let source = match (rules.names(index), rule) {
        (true, _) => Source::Named,
        (false, Some(_)) => Source::Defaults,
        (false, None) => Source::Unspecified,
    };
    let mut id = indicator.id.clone();
    if !indicator.aliases.is_empty() {
        id = format!("{id}\n(= {})", indicator.aliases.join(", "));
    }
    let mut examined = match source {
        Source::Named => Vec::new(),
        Source::Defaults => vec![labels.from_defaults.to_string()],
        Source::Unspecified => vec![labels.unspecified.to_string()],
    };
    examined.extend(
        rule.map(|rule| examined_lines(rule, words, shown))
            .into_iter()
            .flatten(),
    );
    Entry {
        id,
        check: words.indicator(indicator).to_string(),
        points: exact_figure(&indicator.points),
        source,
        levels: (rule
            .and_then(|rule| rule.levels.as_deref())
            .unwrap_or_default())
        .iter()
        .map(|level| level_line(level, shown))
        .collect(),
        sampling: (rule.and_then(|rule| rule.sample.as_ref()))
            .map(|sample| sampling_lines(sample, labels, words, shown))
            .unwrap_or_default(),
        examined,
    }
}

fn level_line(level: &Level, shown: &dyn Fn(&str) -> String) -> LevelLine {
    LevelLine {
        coefficient: exact_figure(&level.coefficient),
        when: level.when.as_deref().map(shown),
    }
}

/// `抽样单位：需求变更记录，至少 5 个`, then how the coefficient follows.
fn sampling_lines(
    sample: &Sampling,
    labels: &RuleLabels,
    words: &Words<'_>,
    shown: &dyn Fn(&str) -> String,
) -> Vec<String> {
    let separator = match words.lang {
        Lang::Zh => "，",
        Lang::En => ", ",
    };
    vec![
        format!(
            "{}{}{}{separator}{}{}{}",
            labels.sampling_unit,
            words.labels.colon,
            shown(&sample.unit),
            labels.at_least,
            sample.minimum,
            labels.items
        ),
        labels.sample_coefficient.to_string(),
    ]
}

/// Methods, evidence, exclusion and guidance, a labelled line each.
fn examined_lines(rule: &Rule, words: &Words<'_>, shown: &dyn Fn(&str) -> String) -> Vec<String> {
    let labels = RuleLabels::of(words.lang);
    let (colon, separator) = (words.labels.colon, words.labels.list_separator);
    let mut lines = Vec::new();
    if !rule.methods.is_empty() {
        let methods: Vec<String> = (rule.methods.iter())
            .map(|method| method.name().get(words.lang).to_string())
            .collect();
        lines.push(format!(
            "{}{colon}{}",
            labels.methods,
            methods.join(separator)
        ));
    }
    if !rule.evidence.is_empty() {
        let evidence: Vec<String> = rule.evidence.iter().map(|item| shown(item)).collect();
        lines.push(format!(
            "{}{colon}{}",
            labels.evidence,
            evidence.join(separator)
        ));
    }
    lines.push(
        match rule.exclusion {
            true => labels.excludable,
            false => labels.not_excludable,
        }
        .to_string(),
    );
    if let Some(guidance) = &rule.guidance {
        lines.push(format!("{}{colon}{}", labels.guidance, shown(guidance)));
    }
    lines
}

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
