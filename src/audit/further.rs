//! A further check of each indicator's finding, beyond what the audit
//! format itself requires: the certification body's 评分细则 (`rules`).
//!
//! The audit module defines the check and the rules module gives it, so
//! that validation, which knows where each value was written, can place
//! each problem at its key, line and column (or its form cell) without
//! the audit knowing what a 细则 is.

use super::model::Status;
use crate::message::Text;

/// Which value of an indicator's finding a problem is told at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingPart {
    /// The deduction coefficient.
    Coefficient,
    /// The sample (`sampled`).
    Sample,
    /// The exclusion (`excluded`).
    Exclusion,
}

impl FindingPart {
    /// The key of the indicator's table the part is written under.
    pub(super) fn key(self) -> &'static str {
        match self {
            FindingPart::Coefficient => "coefficient",
            FindingPart::Sample => "sampled",
            FindingPart::Exclusion => "excluded",
        }
    }
}

/// One problem a further check finds in a finding.
#[derive(Debug, Clone, PartialEq)]
pub struct FindingProblem {
    /// Which value it is told at.
    pub part: FindingPart,
    /// What is wrong.
    pub message: Text,
    /// What is allowed.
    pub help: Option<Text>,
}

/// A check of each indicator's finding, given by a caller that knows more
/// than Appendix A.
pub trait FindingCheck: Sync {
    /// The problems of the finding `status` of the checklist indicator at
    /// `index`.
    fn problems(&self, index: usize, status: &Status) -> Vec<FindingProblem>;
}
