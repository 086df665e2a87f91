//! Many audits at once: each is parsed, validated, scored and analysed on
//! its own, on every core, and an invalid audit does not stop the others.

use crate::analysis::{Analysis, analyze};
use crate::audit::Audit;
use crate::checklist::Checklist;
use crate::diagnostic::InputError;
use crate::engine::{Evaluation, evaluate};
use crate::render::{self, Format, Piece, RenderOptions, Report};
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
    /// SHA-256 of the audit file as read.
    pub sha256: String,
}

impl Evaluated {
    /// The report of this audit, read from `file`.
    pub fn report<'a>(&'a self, file: &'a str, checklist: &'a Checklist) -> Report<'a> {
        Report {
            file,
            checklist,
            audit: &self.audit,
            evaluation: &self.evaluation,
            analysis: &self.analysis,
            audit_sha256: &self.sha256,
        }
    }
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
        sha256: crate::trace::sha256(&source.text),
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

/// Audits rendered in parallel before their output is written: enough to
/// keep every core busy, few enough that the memory is reused.
const CHUNK: usize = 1024;

/// Evaluates and renders one source to a piece of `format`.
fn render_source(
    checklist: &Checklist,
    source: &Source,
    format: Format,
    options: RenderOptions,
    several: bool,
) -> Result<Piece, InputError> {
    let evaluated = evaluate_source(checklist, source)?;
    let report = evaluated.report(&source.name, checklist);
    match render::piece(format, options, &report, several) {
        Some(Ok(piece)) => Ok(piece),
        Some(Err(error)) => Err(InputError::whole_file(
            &source.name,
            format!("cannot render: {error}"),
        )),
        None => Err(InputError::whole_file(
            &source.name,
            "this format is written whole, not audit by audit",
        )),
    }
}

/// Evaluates and renders every source, chunk by chunk on every core, and
/// hands each outcome to `each` in the sources' order: for batches of
/// thousands, whose output is written as it comes and never held whole.
/// XLSX, a workbook written whole, is reported as an error for each source.
pub fn render_each<E>(
    checklist: &Checklist,
    sources: &[Source],
    format: Format,
    options: RenderOptions,
    mut each: impl FnMut(Result<Piece, InputError>) -> Result<(), E>,
) -> Result<(), E> {
    let several = sources.len() > 1;
    for chunk in sources.chunks(CHUNK) {
        let outcomes: Vec<_> = chunk
            .par_iter()
            .map(|source| render_source(checklist, source, format, options, several))
            .collect();
        outcomes.into_iter().try_for_each(&mut each)?;
    }
    Ok(())
}
