//! `bscore report`: the evaluation report (评价报告) handed to the
//! customer. It reads the audit (and the checklist, the 细则 and the
//! plan), calls the library and writes the HTML page or the DOCX file
//! the `--output` name asks for.

use super::args::ReportArgs;
use super::exit::Exit;
use super::scoring::audit_problems;
use crate::batch::{Basis, Evaluated, Source, evaluate_source};
use crate::checklist::Checklist;
use crate::diagnostic::InputError;
use crate::failure::Failure;
use crate::files::{Output, Writes, Written, emit, read_plan_text, read_source};
use crate::message::{Lang, t};
use crate::report::content::{PlanInput, ReportInputs, evaluation_report};
use crate::team::plan::Plan;

/// What `report` writes.
fn writes() -> Writes {
    Writes {
        command: t!("bscore report ", "bscore report"),
        kinds: &[Written::Html, Written::Docx],
        example: t!(
            "bscore report 评价文件 -o 评价报告.html",
            "bscore report AUDIT -o report.html"
        ),
    }
}

/// Writes the evaluation report of the audit: every problem of the audit
/// and the plan is told at once (exit 2), nothing is written then.
pub(super) fn report(args: &ReportArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let kind = output.checked_kind(&writes(), None, Written::Html)?;
    let checklist = args.checklist.load()?;
    let rules = args.rules.load(&checklist, lang, |checklist| {
        let mut problems = audit_problems(checklist, std::slice::from_ref(&args.audit));
        let plan = args.plan.as_deref().map(|path| read_plan(path, checklist));
        problems.extend(plan.and_then(Result::err));
        problems
    })?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let audit = read_source(&args.audit).and_then(|source| {
        let evaluated = evaluate_source(basis, &source)?;
        Ok((source, evaluated))
    });
    let plan = args.plan.as_deref().map(|path| read_plan(path, &checklist));
    let ((source, evaluated), plan) = every_input_read(audit, plan)?;
    let inputs = ReportInputs {
        report: evaluated.report(&source.name, basis),
        plan: plan
            .as_ref()
            .map(|(plan, sha256)| PlanInput { plan, sha256 }),
    };
    let document = evaluation_report(&inputs, lang).map_err(|error| Failure::Internal {
        doing: t!("无法生成评价报告", "cannot build the evaluation report"),
        cause: t!("{error}", "{error}"),
    })?;
    let bytes = match kind {
        Written::Docx => crate::report::docx::docx_bytes(&document)?,
        _ => crate::report::html::html(&document).into_bytes(),
    };
    emit(output, &bytes)?;
    Ok(Exit::Passed)
}

/// The plan at `path`, checked against `checklist`, with the SHA-256 of
/// its file.
fn read_plan(path: &std::path::Path, checklist: &Checklist) -> Result<(Plan, String), InputError> {
    let source = read_plan_text(path)?;
    let plan = crate::team::plan::load::parse(&source.name, &source.text, checklist)?;
    Ok((plan, source.digest))
}

/// The audit evaluated and the plan read, or every problem of both.
fn every_input_read(
    audit: Result<(Source, Evaluated), InputError>,
    plan: Option<Result<(Plan, String), InputError>>,
) -> Result<((Source, Evaluated), Option<(Plan, String)>), Failure> {
    match (audit, plan.transpose()) {
        (Ok(audit), Ok(plan)) => Ok((audit, plan)),
        (audit, plan) => {
            let errors = [audit.err(), plan.err()].into_iter().flatten().collect();
            Err(Failure::Input(errors))
        }
    }
}
