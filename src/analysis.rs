//! What the score means beyond itself: the next band, the grade's
//! dependence on exclusions, and the dates of the next evaluations.

use crate::audit::Audit;
use crate::checklist::Checklist;
use crate::cycle::{Overdue, overdue};
use crate::engine::Evaluation;
use crate::gap::{ExclusionSensitivity, NextBand, exclusion_sensitivity, next_band};
use crate::schedule::{Schedule, schedule};

/// Derived facts every report shows next to the score.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    /// The next band and the points missing; `None` at the top or while
    /// special deductions fail the evaluation.
    pub next_band: Option<NextBand>,
    /// Score and grade if the exclusions were rejected; `None` without exclusions.
    pub sensitivity: Option<ExclusionSensitivity>,
    /// Latest dates of the next surveillance and re-evaluation.
    pub schedule: Schedule,
    /// Whether this audit is a surveillance held after its cycle's end,
    /// when the re-evaluation was due.
    pub overdue: Option<Overdue>,
}

/// Analyses one evaluated audit.
pub fn analyze(checklist: &Checklist, audit: &Audit, evaluation: &Evaluation) -> Analysis {
    Analysis {
        next_band: next_band(checklist, evaluation),
        sensitivity: exclusion_sensitivity(checklist, evaluation),
        schedule: schedule(checklist, &audit.meta),
        overdue: overdue(checklist, &audit.meta),
    }
}
