//! `bscore history`: reads a service's audits, scores each against the one
//! checklist (and 细则) given, and writes their history; exit 1 when the
//! certification cycle was not kept.

use super::args::HistoryArgs;
use super::exit::Exit;
use super::scoring::audit_problems;
use super::values::{self, HistoryFormat};
use crate::audit::AuditMeta;
use crate::batch::{Basis, Evaluated, Source, at_audit_key, evaluate_all};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, InputError};
use crate::failure::Failure;
use crate::files::{Audits, Output, Writes, Written, emit_with, read_audits};
use crate::history::{History, Mixed, Scored};
use crate::input::shortened;
use crate::message::{Lang, t};
use crate::render;
use crate::text::{is_unsafe, shortened_to};

/// What `history` writes.
fn history_writes() -> Writes {
    Writes {
        command: t!("bscore history ", "bscore history"),
        kinds: &[
            Written::Text,
            Written::Markdown,
            Written::Json,
            Written::Html,
        ],
        example: t!(
            "bscore history 历次评价/ -o 评价历史.html",
            "bscore history evaluations/ -o history.html"
        ),
    }
}

pub(super) fn history(args: &HistoryArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let format = values::chosen(output, &history_writes(), args.format, HistoryFormat::Table)?;
    let checklist = args.checklist.load()?;
    let rules = args
        .rules
        .load(&checklist, lang, |c| audit_problems(c, &args.audits))?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let (sources, evaluated) = every_audit_scored(basis, &args.audits)?;
    let history = series_history(&checklist, &sources, &evaluated)?;
    let options = args.look.render_options(lang);
    emit_with(output, |out| {
        render::render_history(format.into(), options, &checklist, &history, out).map(|()| true)
    })?;
    Ok(Exit::of(false, !history.breaches.is_empty()))
}

/// Every audit read and scored, or every problem of every one that cannot
/// be.
pub(super) fn every_audit_scored(
    basis: Basis<'_>,
    paths: &[std::path::PathBuf],
) -> Result<(Vec<Source>, Vec<Evaluated>), Failure> {
    let Audits {
        sources,
        mut errors,
        ..
    } = read_audits(paths);
    let mut evaluated = Vec::with_capacity(sources.len());
    for result in evaluate_all(basis, &sources) {
        match result {
            Ok(one) => evaluated.push(one),
            Err(error) => errors.push(error),
        }
    }
    if !errors.is_empty() {
        return Err(Failure::Input(errors));
    }
    if sources.is_empty() {
        let names = paths.iter().map(|path| path.display().to_string());
        return Err(Failure::Input(vec![no_audits(names.collect())]));
    }
    Ok((sources, evaluated))
}

fn no_audits(names: Vec<String>) -> InputError {
    let named = names.join(", ");
    InputError::whole_file(&named, t!("这里没有评价文件", "no audit files here")).with_help(t!(
        "给出同一服务历次评价的文件（.toml 或 .xlsx 表单），或存放它们的文件夹",
        "name the service's audit files (.toml, or the .xlsx form), or the folder that holds them"
    ))
}

/// The history of the scored audits, or why they make none (another
/// service, two on one date), placed at the second audit's key.
fn series_history(
    checklist: &Checklist,
    sources: &[Source],
    evaluated: &[Evaluated],
) -> Result<History, Failure> {
    let series: Vec<Scored<'_>> = (sources.iter().zip(evaluated))
        .map(|(source, one)| Scored {
            file: &source.name,
            audit: &one.audit,
            evaluation: &one.evaluation,
        })
        .collect();
    crate::history::history(checklist, &series)
        .map_err(|mixed| mixed_errors(mixed, sources, evaluated))
}

/// The audits of a folder in date order (positions in `evaluated`), or
/// why they are not one service's series: what `next` follows.
pub(super) fn in_date_order(
    sources: &[Source],
    evaluated: &[Evaluated],
) -> Result<Vec<usize>, Failure> {
    let metas: Vec<&AuditMeta> = evaluated.iter().map(|one| &one.audit.meta).collect();
    crate::history::date_order(&metas).map_err(|mixed| mixed_errors(mixed, sources, evaluated))
}

/// Every reason the audits make no series, each at its audit.
fn mixed_errors(mixed: Vec<Mixed>, sources: &[Source], evaluated: &[Evaluated]) -> Failure {
    let errors = mixed
        .into_iter()
        .map(|one| mixed_error(one, sources, evaluated));
    Failure::Input(errors.collect())
}

/// Why audits make no series, told at the second audit's `organization`,
/// `service` or `date` (its cell on a form), naming the first.
fn mixed_error(mixed: Mixed, sources: &[Source], evaluated: &[Evaluated]) -> InputError {
    match mixed {
        Mixed::Empty => no_audits(Vec::new()),
        Mixed::Services(first, other) => {
            let (was, is) = (&evaluated[first].audit.meta, &evaluated[other].audit.meta);
            let file = file_name(&sources[first].name);
            let key = if was.organization.trim() != is.organization.trim() {
                "organization"
            } else {
                "service"
            };
            let (organization, service) = (shortened(&was.organization), shortened(&was.service));
            let (its_organization, its_service) =
                (shortened(&is.organization), shortened(&is.service));
            let problem = Diagnostic::new(t!(
                "这份评价是“{its_organization}”的“{its_service}”，而 {file} 是“{organization}”的“{service}”：历次评价须是同一经营者同一服务的评价",
                "this audit is of {its_service} by {its_organization}, but {file} is of {service} by {organization}: a series holds one organization's one service"
            ));
            let (written, here) = match key {
                "organization" => (&was.organization, &is.organization),
                _ => (&was.service, &is.service),
            };
            let problem = if looks_alike(written, here) {
                problem.help(t!(
                    "两处名称看起来一样，但字符不同（全角与半角、空格，或看不见的字符）：把这份评价中的名称改成与 {file} 完全相同",
                    "the two names look alike but their characters differ (full-width and half-width forms, spaces, or invisible characters): write the name exactly as {file} does"
                ))
            } else {
                problem.help(t!(
                    "把其他服务的评价移出该文件夹，或分别给出各服务的评价；同一服务在各次评价中的写法须一致",
                    "move the other service's audits out of the folder, or name each service's audits on their own; write the names the same way in every audit"
                ))
            };
            at_audit_key(&sources[other], key, problem)
        }
        Mixed::SameDate(first, second) if sources[first].digest == sources[second].digest => {
            let file = file_name(&sources[first].name);
            let problem = Diagnostic::new(t!(
                "这份评价与 {file} 内容完全相同：同一份评价给了两次",
                "this audit is the same as {file}, byte for byte: one evaluation given twice"
            ))
            .help(t!(
                "每份评价只给一次：检查命令中是否把同一文件或文件夹写了两遍，或文件夹里是否有它的副本",
                "name each audit once: see whether the command names a file or folder twice, or the folder holds a copy"
            ));
            at_audit_key(&sources[second], "date", problem)
        }
        Mixed::SameDate(first, second) => {
            let file = file_name(&sources[first].name);
            let date = evaluated[first].audit.meta.date;
            let problem = Diagnostic::new(t!(
                "这份评价与 {file} 是同一天（{date}）：同一服务一天只有一次评价",
                "this audit has the same date as {file} ({date}): a service is evaluated once a day"
            ))
            .help(t!(
                "多半是同一评价的 TOML 文件和由它转换的表单：只保留其中一份",
                "most likely a TOML audit and the form converted from it: keep only one of them"
            ));
            at_audit_key(&sources[second], "date", problem)
        }
    }
}

/// A file named by its name alone (its folder is the one being read), whole
/// up to a length no real name reaches: two names differing only in their
/// ends (`.toml`, `.xlsx`) must be told apart.
fn file_name(file: &str) -> String {
    let name = std::path::Path::new(file)
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or(file);
    shortened_to(name, FILE_NAME_SHOWN)
}

/// Characters of a file name shown in a message.
const FILE_NAME_SHOWN: usize = 120;

/// Whether two names differ only in what a reader does not see: spaces
/// (of any width), invisible characters, or full-width forms of ASCII
/// letters, digits and signs (`（` for `(`).
fn looks_alike(one: &str, other: &str) -> bool {
    fn seen(name: &str) -> impl Iterator<Item = char> + '_ {
        name.chars()
            .filter(|c| !c.is_whitespace() && !is_unsafe(*c))
            .map(|c| match u32::from(c) {
                full @ 0xFF01..=0xFF5E => char::from_u32(full - 0xFEE0).unwrap_or(c),
                _ => c,
            })
    }
    one != other && seen(one).eq(seen(other))
}
