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
use crate::message::{Lang, t};
use crate::report::content::{PlanInput, ReportInputs, evaluation_report};
use crate::report::followup::Previous;
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

/// The earlier audits of `--history`, each read and scored.
type HistoryRead = Vec<(Source, Evaluated)>;

/// Every audit in the folder `dir`, scored as this one is, or every
/// problem of every one that cannot be.
fn read_history(basis: Basis<'_>, dir: &Path) -> Result<HistoryRead, Vec<InputError>> {
    let Audits {
        sources,
        mut errors,
        ..
    } = read_audits(&[dir.to_path_buf()]);
    let scored = evaluate_all(basis, &sources);
    let mut earlier = Vec::with_capacity(sources.len());
    for (source, result) in sources.into_iter().zip(scored) {
        match result {
            Ok(evaluated) => earlier.push((source, evaluated)),
            Err(error) => errors.push(error),
        }
    }
    match errors.is_empty() {
        true => Ok(earlier),
        false => Err(errors),
    }
}

/// The previous evaluation among `earlier`: the latest of the same
/// organisation and service dated before this one. None there, or two on
/// its date, is an input error at the folder.
fn previous_of<'a>(
    earlier: &'a HistoryRead,
    evaluated: &Evaluated,
    args: &ReportArgs,
) -> Result<Previous<'a>, Failure> {
    let meta = &evaluated.audit.meta;
    let same = |other: &crate::audit::AuditMeta| {
        other.organization.trim() == meta.organization.trim()
            && other.service.trim() == meta.service.trim()
    };
    let before: Vec<&(Source, Evaluated)> = (earlier.iter())
        .filter(|(_, one)| same(&one.audit.meta) && one.audit.meta.date < meta.date)
        .collect();
    let latest = before.iter().map(|(_, one)| one.audit.meta.date).max();
    let dir = args
        .history
        .as_deref()
        .unwrap_or(Path::new(""))
        .display()
        .to_string();
    let Some(latest) = latest else {
        let (organization, service, date) = (
            crate::input::shortened(&meta.organization),
            crate::input::shortened(&meta.service),
            meta.date,
        );
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
    let on_latest: Vec<&&(Source, Evaluated)> = (before.iter())
        .filter(|(_, one)| one.audit.meta.date == latest)
        .collect();
    if let [first, second, ..] = on_latest.as_slice() {
        let (first, second) = (&first.0.name, &second.0.name);
        let error = InputError::whole_file(
            &dir,
            t!(
                "{first} 与 {second} 是同一天（{latest}）的评价，无法确定哪一份是上次评价",
                "{first} and {second} are both dated {latest}: which one is the previous evaluation cannot be told"
            ),
        )
        .with_help(t!(
            "多半是同一评价的 TOML 文件和由它转换的表单：只保留其中一份",
            "most likely a TOML audit and the form converted from it: keep only one of them"
        ));
        return Err(Failure::Input(vec![error]));
    }
    let (source, one) = on_latest[0];
    Ok(Previous {
        file: &source.name,
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
