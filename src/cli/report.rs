//! `bscore report`: the evaluation report (评价报告) handed to the
//! customer. It reads the audit (and the checklist, the 细则 and the
//! plan), calls the library and writes the HTML page or the DOCX file
//! the `--output` name asks for.

use super::args::ReportArgs;
use super::exit::Exit;
use super::scoring::audit_problems;
use crate::batch::evaluate_all;
use crate::batch::{Basis, Evaluated, Source, evaluate_source};
use crate::checklist::Checklist;
use crate::diagnostic::InputError;
use crate::failure::Failure;
use crate::files::{
    Audits, Output, Writes, Written, emit, read_audits, read_plan_text, read_source,
};
use crate::input::shortened;
use crate::message::{Lang, t};
use crate::report::content::{PlanInput, Previous, ReportInputs, evaluation_report};
use crate::team::plan::Plan;
use std::path::Path;

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
    let ((source, evaluated), plan, earlier) = every_input_read(args, basis)?;
    let previous = (earlier.as_ref())
        .map(|earlier| previous_of(earlier, &evaluated, args))
        .transpose()?;
    let inputs = ReportInputs {
        report: evaluated.report(&source.name, basis),
        plan: (plan.as_ref()).map(|(plan, sha256)| PlanInput { plan, sha256 }),
        previous,
    };
    emit(output, &drawn(&inputs, lang, kind)?)?;
    Ok(Exit::Passed)
}

/// The report of `inputs` in `lang`, as the file of `kind`.
fn drawn(inputs: &ReportInputs<'_>, lang: Lang, kind: Written) -> Result<Vec<u8>, Failure> {
    let document = evaluation_report(inputs, lang).map_err(|error| Failure::Internal {
        doing: t!("无法生成评价报告", "cannot build the evaluation report"),
        cause: t!("{error}", "{error}"),
    })?;
    Ok(match kind {
        Written::Docx => crate::report::docx::docx_bytes(&document)?,
        _ => crate::report::html::html(&document).into_bytes(),
    })
}

/// An audit read and evaluated.
type AuditRead = (Source, Evaluated);

/// A plan read, with the SHA-256 of its file.
type PlanRead = (Plan, String);

/// The plan at `path`, checked against `checklist`, with the SHA-256 of
/// its file.
fn read_plan(path: &std::path::Path, checklist: &Checklist) -> Result<PlanRead, InputError> {
    let source = read_plan_text(path)?;
    let plan = crate::team::plan::load::parse(&source.name, &source.text, checklist)?;
    Ok((plan, source.digest))
}

/// The audits of `--history`'s folder, each read and scored.
type HistoryRead = (Vec<Source>, Vec<Evaluated>);

/// Every audit in the folder `dir`, scored as this one is, or every
/// problem of every one that cannot be.
fn read_history(basis: Basis<'_>, dir: &Path) -> Result<HistoryRead, Vec<InputError>> {
    let Audits {
        sources,
        mut errors,
        ..
    } = read_audits(&[dir.to_path_buf()]);
    let mut evaluated = Vec::with_capacity(sources.len());
    for result in evaluate_all(basis, &sources) {
        match result {
            Ok(one) => evaluated.push(one),
            Err(error) => errors.push(error),
        }
    }
    match errors.is_empty() {
        true => Ok((sources, evaluated)),
        false => Err(errors),
    }
}

/// The previous evaluation in the folder: the latest dated before this
/// one. The folder is read by the rule `history` and `next` read one by
/// (one organisation's one service, no two on a date); a folder of
/// another service than this audit's, or with none before it, is an input
/// error at the folder.
fn previous_of<'a>(
    (sources, earlier): &'a HistoryRead,
    evaluated: &Evaluated,
    args: &ReportArgs,
) -> Result<Previous<'a>, Failure> {
    let order = super::history::in_date_order(sources, earlier)?;
    let meta = &evaluated.audit.meta;
    let dir = (args.history.as_deref().unwrap_or(Path::new("")))
        .display()
        .to_string();
    let (organization, service) = (shortened(&meta.organization), shortened(&meta.service));
    let theirs = &earlier[order[0]].audit.meta;
    if theirs.organization.trim() != meta.organization.trim()
        || theirs.service.trim() != meta.service.trim()
    {
        let (its_organization, its_service) =
            (shortened(&theirs.organization), shortened(&theirs.service));
        let error = InputError::whole_file(
            &dir,
            t!(
                "这里的评价是“{its_organization}”的“{its_service}”，而本次评价是“{organization}”的“{service}”：只能跟踪同一经营者同一服务的上次评价",
                "the audits here are of {its_service} by {its_organization}, this one of {service} by {organization}: only the same service's previous evaluation is followed up"
            ),
        );
        return Err(Failure::Input(vec![error]));
    }
    let Some(&latest) = (order.iter())
        .rev()
        .find(|&&at| earlier[at].audit.meta.date < meta.date)
    else {
        let date = meta.date;
        let error = InputError::whole_file(
            &dir,
            t!(
                "这里没有“{organization}”“{service}”早于 {date} 的评价，找不到上次评价",
                "no audit of {organization}, {service} here is dated before {date}: there is no previous evaluation to follow up"
            ),
        )
        .with_help(t!(
            "--history 给出存放该服务历次评价文件（.toml 或 .xlsx 表单）的文件夹；初次评价无需 --history",
            "--history names the folder of the service's earlier audits (.toml, or the .xlsx form); an initial evaluation needs none"
        ));
        return Err(Failure::Input(vec![error]));
    };
    let one = &earlier[latest];
    Ok(Previous {
        file: &sources[latest].name,
        audit: &one.audit,
        evaluation: &one.evaluation,
        sha256: &one.sha256,
    })
}

/// The audit evaluated, the plan and the earlier audits read, or every
/// problem of all of them.
fn every_input_read(
    args: &ReportArgs,
    basis: Basis<'_>,
) -> Result<(AuditRead, Option<PlanRead>, Option<HistoryRead>), Failure> {
    let audit = read_source(&args.audit).and_then(|source| {
        let evaluated = evaluate_source(basis, &source)?;
        Ok((source, evaluated))
    });
    let plan = (args.plan.as_deref()).map(|path| read_plan(path, basis.checklist));
    let earlier = (args.history.as_deref()).map(|dir| read_history(basis, dir));
    match (audit, plan.transpose(), earlier.transpose()) {
        (Ok(audit), Ok(plan), Ok(earlier)) => Ok((audit, plan, earlier)),
        (audit, plan, earlier) => {
            let mut errors: Vec<InputError> =
                [audit.err(), plan.err()].into_iter().flatten().collect();
            errors.extend(earlier.err().into_iter().flatten());
            Err(Failure::Input(errors))
        }
    }
}
