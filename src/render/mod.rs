//! Output formats. Each format is one module implementing [`Renderer`]; they
//! all render the same [`Report`], and none of them scores anything.

mod checklist;
mod json;
mod labels;
mod table;

pub use checklist::{ChecklistFormat, checklist_json, checklist_table};
pub use json::{JsonResult, json_result};
pub use labels::{grade_name, kind_name};

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
}

/// Output formats of `bscore evaluate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Terminal tables (default).
    Table,
    /// The JSON result of SPEC §5: an object, or an array for several audits.
    Json,
}

/// Options that change how a report looks, not what it says.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Draw tables with ASCII characters only (for terminals that draw box
    /// characters double-width).
    pub ascii: bool,
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
        Format::Json => Box::new(json::JsonRenderer),
    };
    renderer.render(reports, out)
}
