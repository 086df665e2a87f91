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
mod html;
mod json;
mod labels;
mod markdown;
mod report;
mod sections;
mod table;
mod view;
mod words;
mod xlsx;

pub use assembly::{Assembler, Rendering, WholeRenderer};
pub use checklist::{ChecklistFormat, checklist_json, checklist_table};
pub use compare::{CompareFormat, CompareJson, render_comparison};
pub use gap::{GapFormat, GapJson, render_gap};
pub(crate) use json::json_string;
pub use json::{JsonResult, json_result};
pub use labels::{Labels, Lang};
pub use report::{Line, Piece, RenderOptions, Report, Summary, TableLook};
pub use words::Words;

use crate::checklist::Checklist;
use report::Streamed;
use std::io::Write;

/// Output formats of `bscore evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
    /// The format a file name implies by its extension (`.json`, `.md`,
    /// `.csv`, `.html`, `.xlsx`, in any case, read as Windows reads the
    /// name); `None` for any other.
    pub fn for_file(path: &std::path::Path) -> Option<Format> {
        use crate::files::Written;
        Some(match Written::of(path)? {
            Written::Json => Format::Json,
            Written::Markdown => Format::Markdown,
            Written::Csv => Format::Csv,
            Written::Html => Format::Html,
            Written::Xlsx => Format::Xlsx,
            Written::Text | Written::Toml => return None,
        })
    }

    /// The format to write: the one asked for, else the one the output
    /// file's extension implies, else the terminal table. Asking for one
    /// format while naming a file of another is a mistake, said as such.
    pub fn chosen(
        asked: Option<Format>,
        output: Option<&std::path::Path>,
    ) -> Result<Format, crate::message::Text> {
        let implied = output.and_then(|path| Some((path, Format::for_file(path)?)));
        match (asked, implied) {
            (Some(asked), Some((path, implied))) if asked != implied => {
                Err(crate::files::contradiction(&asked.name(), path))
            }
            (Some(format), _) | (None, Some((_, format))) => Ok(format),
            (None, None) => Ok(Format::Table),
        }
    }

    /// The format's name on the command line.
    pub fn name(self) -> String {
        use clap::ValueEnum;
        self.to_possible_value()
            .map(|value| value.get_name().to_string())
            .unwrap_or_default()
    }

    /// Whether the format is binary and so must go to a file, never a terminal.
    pub fn is_binary(self) -> bool {
        self == Format::Xlsx
    }
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
