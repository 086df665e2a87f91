//! Many audits at once: each is parsed, validated, scored and analysed on
//! its own, on every core, and an invalid audit does not stop the others.

use crate::analysis::{Analysis, analyze};
use crate::audit::Audit;
use crate::checklist::Checklist;
use crate::diagnostic::InputError;
use crate::engine::{Evaluation, evaluate};
use rayon::prelude::*;

/// An audit file's name, as the user gave it, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name shown in messages and reports.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// One audit, evaluated.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    /// The validated audit.
    pub audit: Audit,
    /// Its score and grade.
    pub evaluation: Evaluation,
    /// Next band, exclusion sensitivity, schedule.
    pub analysis: Analysis,
}

/// Parses, validates, scores and analyses one audit.
pub fn evaluate_source(checklist: &Checklist, source: &Source) -> Result<Evaluated, InputError> {
    let audit = Audit::parse(&source.name, &source.text, checklist)?;
    let evaluation = evaluate(checklist, &audit)
        .map_err(|error| InputError::whole_file(&source.name, error.to_string()))?;
    let analysis = analyze(checklist, &audit, &evaluation);
    Ok(Evaluated {
        audit,
        evaluation,
        analysis,
    })
}

/// Evaluates every source in parallel; results keep the sources' order.
pub fn evaluate_all(
    checklist: &Checklist,
    sources: &[Source],
) -> Vec<Result<Evaluated, InputError>> {
    sources
        .par_iter()
        .map(|source| evaluate_source(checklist, source))
        .collect()
}
