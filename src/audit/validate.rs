//! The audit file → the validated [`Audit`]: syntax first ([`super::syntax`]),
//! then one [`Context`] walks the document and collects every problem, so
//! a file with five mistakes gets five messages. The document's tables are
//! here; each is checked by its own module: `[audit]` by [`super::meta`],
//! `[indicators]` by [`super::indicators`], the adjustments by
//! [`super::adjustments`], and the keys and kinds of values of every table
//! by [`super::fields`].

use super::context::{Context, Dialect};
use super::format::SECTIONS;
use super::further::Checks;
use super::model::Audit;
use super::{adjustments, indicators, meta, samples};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, Expected, InputError, MAX_REPORTED, quote_key, unknown};
use crate::message::t;
use toml::Spanned;
use toml::de::DeTable;

/// Files larger than this are checked for broken syntax before they are
/// parsed in full (an audit is a few dozen KiB).
const LARGE_FILE_BYTES: usize = 1024 * 1024;

/// The error for a file with more syntax problems than are listed. The
/// syntax pass lists at most one problem a line and counts every one, and
/// the list may run past [`MAX_REPORTED`] (errors only the toml crate
/// finds come after the grammar's): `InputError::new` counts what it cuts
/// from the list, so only those never listed are added here.
fn too_many_problems(file: &str, source: &str, syntax: super::syntax::Syntax) -> InputError {
    let never_listed = syntax.count.saturating_sub(syntax.problems.len());
    InputError::new(file, source, syntax.problems).with_omitted(never_listed)
}

/// Whether a file goes to the bounded syntax pass first: the toml crate's
/// recoverable parse of a file of a million broken lines costs seconds
/// and gigabytes. Both passes find the same problems.
fn is_large(source: &str) -> bool {
    source.len() > LARGE_FILE_BYTES
}

/// Parses and validates an audit against `checklist`.
pub(super) fn parse(
    file: &str,
    source: &str,
    checklist: &Checklist,
    dialect: Dialect,
    checks: Checks<'_>,
) -> Result<Audit, InputError> {
    if is_large(source)
        && let Some(syntax) = super::syntax::too_many(source)
    {
        return Err(too_many_problems(file, source, syntax));
    }
    let (document, errors) = DeTable::parse_recoverable(source);
    if errors.is_empty() {
        let mut cx = Context::new(source, checklist, Vec::new(), Vec::new(), dialect);
        cx.checks = checks;
        return validate(cx, file, source, document);
    }
    drop(document);
    let syntax = super::syntax::check(source);
    if syntax.count > MAX_REPORTED {
        return Err(too_many_problems(file, source, syntax));
    }
    let Some(repaired) = &syntax.repaired else {
        // The syntax pass names nothing the toml crate refused (found by
        // fuzzing: an input refused with "0 errors"): its own errors are
        // reported then, so a refusal always says why.
        let problems = match syntax.problems.is_empty() {
            true => errors.iter().map(toml_error).collect(),
            false => syntax.problems,
        };
        return Err(InputError::new(file, source, problems));
    };
    drop(errors);
    let (document, errors) = DeTable::parse_recoverable(repaired);
    let mut problems = syntax.problems;
    if !errors.is_empty() {
        // The syntax pass set aside every line the toml crate cannot read;
        // this is a fault of that pass, reported rather than hidden.
        problems.push(Diagnostic::new(t!(
            "无法读取此文件的 TOML 语法",
            "the file's TOML syntax cannot be read"
        )));
        return Err(InputError::new(file, source, problems));
    }
    let mut cx = Context::new(repaired, checklist, problems, syntax.set_aside, dialect);
    cx.checks = checks;
    validate(cx, file, source, document)
}

/// An error of the toml crate as a problem at its place: the fallback
/// when bscore's own syntax pass finds nothing to say.
pub(crate) fn toml_error(error: &toml::de::Error) -> Diagnostic {
    let message = error.message().trim();
    // In the assessor's words: the toml crate's own are English.
    let problem = Diagnostic::new(match message.contains("duplicate") {
        true => t!(
            "同一个键或表写了两次：每个名字只能写一次",
            "a key or table is written twice: write each name once"
        ),
        false => t!("此处不符合 TOML 语法", "TOML syntax error: {message}"),
    });
    match error.span() {
        Some(span) => problem.at(span),
        None => problem,
    }
}

/// The audit `document` holds, or every problem of `file` (whose text,
/// `original`, is what the problems are shown against).
fn validate(
    mut cx: Context<'_>,
    file: &str,
    original: &str,
    document: Spanned<DeTable<'_>>,
) -> Result<Audit, InputError> {
    let audit = tables(&mut cx, document);
    if !cx.problems.is_empty() || cx.unlisted > 0 {
        let error = InputError::new(file, original, cx.problems);
        return Err(error.with_omitted(cx.unlisted));
    }
    audit.ok_or_else(|| unexplained_refusal(file, original))
}

/// A 评分细则 given where an audit is read (one kept in the audits'
/// folder, say): said as what it is, not as a hundred unknown keys (found
/// by a newcomer's run).
fn rules_given(document: &DeTable<'_>) -> Option<Diagnostic> {
    let rules = document.get("rules")?;
    if document.contains_key("audit") {
        return None;
    }
    Some(
        Diagnostic::new(t!(
            "这是评分细则文件（有 [rules] 表），不是评价文件",
            "this is a scoring rules file, with a [rules] table, not an audit"
        ))
        .at(rules.span())
        .help(t!(
            "用 --rules 指定评分细则；若它在评价文件的目录中，请移到别处，或逐个列出评价文件",
            "name it with --rules; if it is in the audits' folder, move it, or name the audits one by one"
        )),
    )
}

/// The error for an audit refused without a recorded problem. Every path
/// that gives up records why; should one not, the file is still refused,
/// never passed in silence.
fn unexplained_refusal(file: &str, original: &str) -> InputError {
    debug_assert!(false, "an audit refused without a problem");
    let problem = Diagnostic::new(t!(
        "无法读取此文件（bscore 未能说明原因，请报告此问题）",
        "this file cannot be read (bscore could not say why: please report this)"
    ));
    InputError::new(file, original, vec![problem])
}

// The document and its tables.
fn tables(cx: &mut Context<'_>, document: Spanned<DeTable<'_>>) -> Option<Audit> {
    if let Some(problem) = rules_given(document.get_ref()) {
        cx.problems.push(problem);
        return None;
    }
    let mut meta = None;
    let mut indicators = None;
    let mut special_deductions = Vec::new();
    let mut bonus = None;
    let mut sites = Vec::new();
    let mut merged = Vec::new();
    let mut unknown_tables = Vec::new();
    for (key, value) in document.get_ref() {
        match key.get_ref().as_ref() {
            "audit" => meta = meta::meta(cx, value, key.span()),
            "sites" => sites = samples::sites(cx, value),
            "indicators" => indicators = Some(value),
            "special_deductions" => special_deductions = adjustments::special_deductions(cx, value),
            "bonus" => bonus = adjustments::bonus(cx, value, key.span()),
            "merged" => merged = super::team::merged(cx, value),
            _ => unknown_tables.push(key),
        }
    }
    for key in cx.first_listable(unknown_tables, |key| key.span().start) {
        let name = key.get_ref().as_ref();
        // None is preferred: preferring the tables the file lacks
        // would change no suggestion, as no name is within the
        // spelling limit of two of these five.
        let known = SECTIONS.iter().map(|section| section.name);
        cx.problems.push(
            unknown(("表名", "table"), name, known, &[], Expected::OneOf)
                .at(key.span())
                .key(quote_key(name)),
        );
    }
    if !document.get_ref().contains_key("audit") {
        cx.problems.push(
            Diagnostic::new(t!(
                "缺少 [audit] 表（经营者、服务名称、评价人员、评价日期、评价类型）",
                "missing the [audit] table (organization, service, assessors, date, kind)"
            ))
            .at(0..0)
            .help(t!(
                "在文件开头写上 [audit]，再逐行写 organization、service、assessors、date、kind；`bscore template` 给出完整的模板",
                "start the file with [audit] and a line each for organization, service, assessors, date and kind; `bscore template` writes a complete skeleton"
            )),
        );
    }
    // A part lists only its member's indicators: the others are not missing.
    let part = super::team::is_part(document.get_ref());
    let unlisted_allowed = unassessed_conform(document.get_ref()) || part;
    let entries = indicators::entries(cx, indicators, unlisted_allowed)?;
    let meta = meta?;
    if !part {
        indicators::check_applicable_points(cx, &entries, indicators.map(Spanned::span));
    }
    Some(Audit {
        meta,
        sites,
        entries,
        special_deductions,
        bonus,
        merged,
    })
}

/// Whether `[audit] unassessed = "conform"`, read from the document itself
/// so that it holds even when another key of `[audit]` is wrong (otherwise
/// one typo there would also report every unlisted indicator as missing).
fn unassessed_conform(document: &DeTable<'_>) -> bool {
    document
        .get("audit")
        .and_then(|audit| audit.get_ref().as_table())
        .and_then(|audit| audit.get("unassessed"))
        .and_then(|value| value.get_ref().as_str())
        == Some("conform")
}
