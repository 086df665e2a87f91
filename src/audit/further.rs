//! A further check of each indicator's finding, beyond what the audit
//! format itself requires: the certification body's 评分细则 (`rules`).
//!
//! The audit module defines the check and the rules module gives it, so
//! that validation, which knows where each value was written, can place
//! each problem at its key, line and column (or its form cell) without
//! the audit knowing what a 细则 is. A sample's draw is checked the same
//! way (`samples`), so that validation reads no file itself.

use super::model::{Drawn, Entry, SampleItem};
use crate::message::Text;

/// Which value of an indicator's finding a problem is told at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingPart {
    /// The deduction coefficient.
    Coefficient,
    /// The sample (`sampled`, or the items of `samples`).
    Sample,
    /// The exclusion (`excluded`).
    Exclusion,
}

impl FindingPart {
    /// The keys of the indicator's table the part may be written under,
    /// the first found told at.
    pub(super) fn keys(self) -> &'static [&'static str] {
        match self {
            FindingPart::Coefficient => &["coefficient"],
            FindingPart::Sample => &["sampled", "samples"],
            FindingPart::Exclusion => &["excluded"],
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
    /// The problems of the finding `entry` of the checklist indicator at
    /// `index`.
    fn problems(&self, index: usize, entry: &Entry) -> Vec<FindingProblem>;
}

/// Which value of a sample's draw a problem is told at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DrawPart {
    /// The seed (`drawn.seed`).
    Seed,
    /// The list's file (`drawn.from`).
    From,
    /// The list's digest (`drawn.sha256`).
    Sha256,
    /// The population (`population`).
    Population,
    /// The item at this index of the sample.
    Item(usize),
}

/// One problem a check of a draw finds.
#[derive(Debug, Clone, PartialEq)]
pub struct DrawProblem {
    /// Which value it is told at.
    pub part: DrawPart,
    /// What is wrong.
    pub message: Text,
    /// What to do.
    pub help: Option<Text>,
}

/// A check that a sample is the draw it says it is: given by a caller
/// that can read the list it was drawn from.
pub trait DrawCheck: Sync {
    /// The problems of the sample `items` said to be drawn as `drawn`,
    /// from a population of `population` items when the audit says.
    fn problems(
        &self,
        drawn: &Drawn,
        items: &[SampleItem],
        population: Option<u64>,
    ) -> Vec<DrawProblem>;
}

/// The checks beyond the audit format that validation puts each finding
/// to: none by default.
#[derive(Clone, Copy, Default)]
pub struct Checks<'a> {
    /// The 细则's check of each finding.
    pub further: Option<&'a dyn FindingCheck>,
    /// The check of each recorded draw.
    pub draws: Option<&'a dyn DrawCheck>,
}
