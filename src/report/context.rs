//! What the report's sections share: the inputs they are built from (the
//! plan, the previous evaluation), the report and its words, and the
//! table every section draws. A leaf: `content.rs` and each section's
//! module stand on it, none on another.

use super::document::{Block, Section, Table};
use crate::audit::Audit;
use crate::engine::Evaluation;
use crate::message::Lang;
use crate::render::{Labels, Report, ReportLabels, Words};
use crate::team::plan::Plan;

/// The plan the evaluation followed (`--plan`), with the SHA-256 of its
/// file as read.
#[derive(Debug, Clone, Copy)]
pub struct PlanInput<'a> {
    /// The checked plan.
    pub plan: &'a Plan,
    /// SHA-256 of the plan file.
    pub sha256: &'a str,
}

/// The previous evaluation of the service (`--history`): the latest of
/// the folder's audits of the same organisation and service dated before
/// this one.
#[derive(Debug, Clone, Copy)]
pub struct Previous<'a> {
    /// Its file, as named.
    pub file: &'a str,
    /// The audit.
    pub audit: &'a Audit,
    /// Its evaluation.
    pub evaluation: &'a Evaluation,
    /// SHA-256 of its file.
    pub sha256: &'a str,
}

/// What the sections' builders share: the report and its words.
pub(super) struct Context<'a> {
    /// The evaluated audit.
    pub report: &'a Report<'a>,
    /// The plan, if given.
    pub plan: Option<PlanInput<'a>>,
    /// The previous evaluation, if given.
    pub previous: Option<Previous<'a>>,
    /// The report's words.
    pub words: Words<'a>,
    /// The fixed words every report uses.
    pub labels: &'static Labels,
    /// The evaluation report's own.
    pub own: &'static ReportLabels,
}

impl Context<'_> {
    /// The language.
    pub fn lang(&self) -> Lang {
        self.words.lang
    }

    /// `label：value` in the report's language.
    pub fn labelled(&self, label: &str, value: &str) -> String {
        format!("{label}{}{value}", self.labels.colon)
    }

    /// A section headed by the `index`th of the report's headings (its
    /// number is given once every section is known).
    pub fn section(&self, index: usize, blocks: Vec<Block>) -> Section {
        Section {
            heading: self.own.sections[index].to_string(),
            blocks,
        }
    }
}

/// A table of `headers` whose columns take `widths` percent of the page
/// each, the columns `numeric` names aligned right.
pub(super) fn table(
    headers: &[&str],
    widths: &[u8],
    numeric: &[usize],
    rows: Vec<Vec<String>>,
) -> Table {
    Table {
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows,
        widths: widths.to_vec(),
        numeric: (0..headers.len()).map(|c| numeric.contains(&c)).collect(),
        signing: false,
    }
}
