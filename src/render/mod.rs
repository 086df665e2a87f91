//! Output formats, one module each. They all draw the same [`Report`]
//! (`report.rs`, with the options and what a batch keeps of each report);
//! none of them computes a figure. Evaluate's content is decided once in
//! `content.rs`, the smaller commands' tables in `sections.rs`, as data;
//! each format draws those rows in its own syntax (`table.rs` the terminal
//! grid, `markdown.rs` the Markdown grid and its escaping). This module
//! only picks the format; `assembly.rs` writes a format streamed report by
//! report or whole.

mod assembly;
mod checklist;
mod compare;
mod content;
mod csv;
mod gap;
mod history;
mod html;
mod json;
mod labels;
mod markdown;
mod report;
pub mod rules;
mod sections;
mod table;
mod view;
mod words;
mod xlsx;

pub use assembly::{Assembler, Rendering, WholeRenderer};
pub use checklist::{checklist_json, checklist_table};
pub use compare::{CompareFormat, render_comparison};
pub use gap::{GapFormat, render_gap};
pub(crate) use history::followup_cells;
pub use history::{HistoryFormat, render_history};
pub use json::json_result;
pub(crate) use json::json_string;
pub use labels::{Labels, Lang};
pub use report::{Piece, RenderOptions, Report, Summary, TableLook};
pub use words::Words;

// The drawing helpers a capability on top of the stages (`team`) draws
// its own documents with, as `rules` draws the 细则.
pub(crate) use markdown::{escape as markdown_escape, markdown_grid};
pub(crate) use sections::Section;
pub(crate) use table::{heading, terminal_grid};

// What the evaluation report (`src/report/`) builds its content from:
// evaluate's own content and rows, worded as every report words them.
pub(crate) use content::Content;
pub(crate) use labels::{ReportLabels, RuleLabels};
pub(crate) use view::{Row, division, provenance, rate, rows};

use crate::checklist::Checklist;
use report::Streamed;
use std::io::Write;

/// Output formats of `bscore evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Terminal tables (the default, unless the --output file's extension
    /// names another format).
    Table,
    /// The JSON result (docs/json.md): an object, or an array for several audits.
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
    /// How to write `format`; `several` says whether the reports are a batch,
    /// decided once by whoever knows how many audits were named.
    pub fn rendering(
        self,
        options: RenderOptions,
        checklist: &Checklist,
        several: bool,
    ) -> Rendering<'_> {
        let streamed: Box<dyn Streamed> = match self {
            Format::Table => Box::new(table::TableRenderer { options }),
            Format::Json => Box::new(json::JsonRenderer { lang: options.lang }),
            Format::Markdown => Box::new(markdown::MarkdownRenderer { options }),
            Format::Csv => Box::new(csv::CsvRenderer { options }),
            Format::Html => Box::new(html::HtmlRenderer { options }),
            Format::Xlsx => return Rendering::Whole(WholeRenderer::xlsx(options)),
        };
        Rendering::Streamed(Assembler::new(streamed, checklist, several))
    }
}

/// Writes `reports` to `out` in `format`: one report as one, several as a batch.
pub fn render(
    format: Format,
    options: RenderOptions,
    reports: &[Report<'_>],
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let Some(first) = reports.first() else {
        return Ok(());
    };
    match format.rendering(options, first.checklist, reports.len() > 1) {
        Rendering::Whole(renderer) => renderer.render(reports, out),
        Rendering::Streamed(mut assembler) => {
            for report in reports {
                let piece = assembler.piece(report)?;
                assembler.push(piece, out)?;
            }
            assembler.finish(out)
        }
    }
}
