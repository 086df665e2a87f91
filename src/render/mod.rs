//! Output formats, one module each. They all draw the same [`Report`];
//! none of them computes a figure. Evaluate's content is decided once in
//! `content.rs`, the smaller commands' in `sections.rs`, and each format
//! only draws those rows in its own syntax. A format is either streamed
//! report by report (a private `Streamed` trait) or written whole
//! ([`Rendering`]).

mod checklist;
mod compare;
mod content;
mod csv;
mod gap;
mod html;
mod json;
mod labels;
mod markdown;
mod sections;
mod table;
mod view;
pub(crate) mod xlsx;

pub use checklist::{ChecklistFormat, checklist_json, checklist_table};
pub use compare::{CompareFormat, CompareJson, render_comparison};
pub use gap::{GapFormat, GapJson, render_gap};
pub(crate) use json::json_string;
pub use json::{JsonResult, json_result};
pub use labels::{Labels, Lang, Words};
pub use sections::TableLook;

use crate::analysis::Analysis;
use crate::audit::Audit;
use crate::checklist::Checklist;
use crate::checklist::Grade;
use crate::engine::Evaluation;
use crate::number::Exact;
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
    /// SHA-256 of the audit file as read.
    pub audit_sha256: &'a str,
}

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
    /// Columns terminal tables fit in.
    pub width: u16,
}

impl RenderOptions {
    /// How terminal tables are drawn.
    pub fn look(&self) -> TableLook {
        TableLook {
            ascii: self.ascii,
            width: self.width,
        }
    }
}

/// What the assembly of a batch needs to know of each report besides its
/// rendered piece: the summary line of a batch table, and the exit code.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// The audit file.
    pub file: String,
    /// 经营者.
    pub organization: String,
    /// The service.
    pub service: String,
    /// Exact final score.
    pub score: Exact,
    /// Grade.
    pub grade: Grade,
}

impl Summary {
    /// The summary of a report.
    pub fn of(report: &Report<'_>) -> Summary {
        Summary {
            file: report.file.to_string(),
            organization: report.audit.meta.organization.clone(),
            service: report.audit.meta.service.clone(),
            score: report.evaluation.score.clone(),
            grade: report.evaluation.grade,
        }
    }
}

/// One line of a batch summary, in the order the audits were named: an
/// audit evaluated, or one refused (unreadable or invalid), so that a
/// refused audit is not missed among the others.
#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    /// An audit evaluated.
    Evaluated(Summary),
    /// The file of an audit not evaluated; its errors are on standard error.
    Refused(String),
}

/// One report rendered on its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// The report's output.
    pub bytes: Vec<u8>,
    /// What the assembly and the exit code need.
    pub summary: Summary,
}

/// A format rendered report by report, so that a batch can be rendered on
/// every core and written as it goes, keeping nothing but a summary line
/// per report.
trait Streamed: Sync {
    /// One report; `several` says whether it is one of a batch.
    fn piece(&self, report: &Report<'_>, several: bool) -> io::Result<Vec<u8>>;

    /// What goes before the first piece; `first` is that piece's summary.
    fn head(
        &self,
        _checklist: &Checklist,
        _first: &Summary,
        _several: bool,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        Ok(())
    }

    /// What goes between two pieces.
    fn separator(&self, _several: bool, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }

    /// What goes after the last piece; `lines` are every audit of the
    /// batch, evaluated or refused.
    fn tail(
        &self,
        _checklist: &Checklist,
        _lines: &[Line],
        _several: bool,
        _out: &mut dyn Write,
    ) -> io::Result<()> {
        Ok(())
    }
}

/// How a format is written: report by report as they come, or whole.
pub enum Rendering<'a> {
    /// Each report is rendered on its own and written at once; a batch of
    /// thousands is never held whole.
    Streamed(Assembler<'a>),
    /// The reports are gathered and written as one file (XLSX, a workbook).
    Whole(WholeRenderer),
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
            Format::Xlsx => return Rendering::Whole(WholeRenderer { options }),
        };
        Rendering::Streamed(Assembler {
            renderer: streamed,
            checklist,
            several,
            lines: Vec::new(),
            written: false,
        })
    }
}

/// Writes the pieces of a streamed format in order, with what goes before,
/// between and after them.
pub struct Assembler<'a> {
    renderer: Box<dyn Streamed>,
    checklist: &'a Checklist,
    several: bool,
    lines: Vec<Line>,
    written: bool,
}

impl Assembler<'_> {
    /// Renders one report on its own (on any thread).
    pub fn piece(&self, report: &Report<'_>) -> io::Result<Piece> {
        let bytes = self.renderer.piece(report, self.several)?;
        Ok(Piece {
            bytes,
            summary: Summary::of(report),
        })
    }

    /// Writes the next piece.
    pub fn push(&mut self, piece: Piece, out: &mut dyn Write) -> io::Result<()> {
        match self.written {
            false => self
                .renderer
                .head(self.checklist, &piece.summary, self.several, out)?,
            true => self.renderer.separator(self.several, out)?,
        }
        out.write_all(&piece.bytes)?;
        self.written = true;
        self.lines.push(Line::Evaluated(piece.summary));
        Ok(())
    }

    /// Records, in its place, an audit that could not be evaluated.
    pub fn refuse(&mut self, file: String) {
        self.lines.push(Line::Refused(file));
    }

    /// Writes what follows the last piece, if there was any.
    pub fn finish(self, out: &mut dyn Write) -> io::Result<()> {
        if self.written {
            self.renderer
                .tail(self.checklist, &self.lines, self.several, out)?;
        }
        Ok(())
    }
}

/// A format written whole.
pub struct WholeRenderer {
    options: RenderOptions,
}

impl WholeRenderer {
    /// Writes every report as one file.
    pub fn render(&self, reports: &[Report<'_>], out: &mut dyn Write) -> io::Result<()> {
        xlsx::XlsxRenderer {
            options: self.options,
        }
        .render(reports, out)
    }
}

/// Writes `reports` to `out` in `format`: one report as one, several as a batch.
pub fn render(
    format: Format,
    options: RenderOptions,
    reports: &[Report<'_>],
    out: &mut dyn Write,
) -> io::Result<()> {
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
