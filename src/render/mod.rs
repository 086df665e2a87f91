//! Output formats. Each format is one module implementing [`Renderer`]; they
//! all render the same [`Report`], and none of them scores anything.

mod checklist;
mod compare;
mod csv;
mod gap;
mod html;
mod json;
mod labels;
mod markdown;
mod sections;
mod table;
mod view;
mod xlsx;

pub use checklist::{ChecklistFormat, checklist_json, checklist_table};
pub use compare::{CompareFormat, CompareJson, render_comparison};
pub use gap::{GapFormat, GapJson, render_gap};
pub use json::{JsonResult, json_result};
pub use labels::{Labels, Lang, Words};

use crate::analysis::Analysis;
use crate::audit::Audit;
use crate::checklist::Checklist;
use crate::engine::Evaluation;
use std::io::{self, Write};

/// One evaluated audit, everything a renderer needs.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The audit file as the user named it.
    pub file: &'a str,
    /// The checklist the audit was scored against.
    pub checklist: &'a Checklist,
    /// The validated audit.
    pub audit: &'a Audit,
    /// Its evaluation.
    pub evaluation: &'a Evaluation,
    /// Next band, exclusion sensitivity and schedule.
    pub analysis: &'a Analysis,
}

/// Output formats of `bscore evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Terminal tables (default).
    Table,
    /// The JSON result of SPEC §5: an object, or an array for several audits.
    Json,
    /// GitHub-flavoured Markdown, for CI summaries and pull requests.
    Markdown,
    /// One row per indicator (RFC 4180, UTF-8).
    Csv,
    /// A self-contained, print-ready HTML report.
    Html,
    /// The Appendix A scoring form as an Excel workbook (needs --output).
    Xlsx,
}

impl Format {
    /// Whether the format is binary and so must go to a file, never a terminal.
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
}

/// Options that change how a report looks, not what it says.
#[derive(Debug, Clone, Copy)]
pub struct RenderOptions {
    /// Report language.
    pub lang: Lang,
    /// Draw tables with ASCII characters only (for terminals that draw box
    /// characters double-width).
    pub ascii: bool,
    /// List every indicator in the table, not only those that lost points.
    pub detail: bool,
    /// Start CSV output with a UTF-8 byte order mark.
    pub bom: bool,
}

/// One output format.
trait Renderer {
    fn render(&self, reports: &[Report<'_>], out: &mut dyn Write) -> io::Result<()>;
}

/// Writes `reports` to `out` in `format`.
pub fn render(
    format: Format,
    options: RenderOptions,
    reports: &[Report<'_>],
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer: Box<dyn Renderer> = match format {
        Format::Table => Box::new(table::TableRenderer { options }),
        Format::Json => Box::new(json::JsonRenderer { lang: options.lang }),
        Format::Markdown => Box::new(markdown::MarkdownRenderer { options }),
        Format::Csv => Box::new(csv::CsvRenderer { options }),
        Format::Html => Box::new(html::HtmlRenderer { options }),
        Format::Xlsx => Box::new(xlsx::XlsxRenderer { options }),
    };
    renderer.render(reports, out)
}
