//! What every format is given and gives back: one evaluated audit
//! ([`Report`]), the options that change how it looks, what a batch keeps
//! of each report, and the trait a format streamed report by report
//! implements. Every format and the dispatch in `mod.rs` take these from
//! here, so no format reaches back up to `mod.rs`.

use crate::analysis::Analysis;
use crate::audit::Audit;
use crate::checklist::Checklist;
use crate::checklist::Grade;
use crate::engine::Evaluation;
use crate::message::Lang;
use crate::number::Exact;
use crate::rules::Rules;
use std::io::{self, Write};

/// One evaluated audit, everything a renderer needs.
#[derive(Debug, Clone, Copy)]
pub struct Report<'a> {
    /// The audit file as the user named it.
    pub file: &'a str,
    /// The checklist the audit was scored against.
    pub checklist: &'a Checklist,
    /// The 评分细则 the audit was checked against, if any: reports explain
    /// each lost point by the condition of the level chosen.
    pub rules: Option<&'a Rules>,
    /// The validated audit.
    pub audit: &'a Audit,
    /// Its evaluation.
    pub evaluation: &'a Evaluation,
    /// Next band, exclusion sensitivity and schedule.
    pub analysis: &'a Analysis,
    /// SHA-256 of the audit file as read.
    pub audit_sha256: &'a str,
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

/// How terminal tables are drawn: the characters, and the width to fit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableLook {
    /// ASCII only, for terminals that draw box characters double-width.
    pub ascii: bool,
    /// Columns available (a terminal's, `COLUMNS`, `--width` or 100).
    pub width: u16,
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
    /// Held after its re-evaluation was due, if it was.
    pub overdue: Option<crate::cycle::Overdue>,
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
            overdue: report.analysis.overdue,
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
pub(super) trait Streamed: Sync {
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
