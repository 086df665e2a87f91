//! The commands that score audits: `evaluate`, `validate`, `gap`,
//! `compare` and `verify`. Each reads its inputs, calls the library,
//! writes what it returns and says how the run ends.

use super::args::{CompareArgs, EvaluateArgs, GapArgs, ValidateArgs, VerifyArgs, load_rules};
use super::exit::Exit;
use super::said::{report_input_errors, to_stderr};
use super::values::{self, CompareFormat, EvaluateFormat};
use crate::batch::{
    Basis, BatchOutcome, Evaluated, Source, evaluate_batch, evaluate_source, validate_all,
};
use crate::checklist::{Checklist, Grade};
use crate::compare::compare;
use crate::diagnostic::InputError;
use crate::failure::Failure;
use crate::files::{
    Audits, Output, Writes, Written, emit, emit_with, read_audits, read_result, read_source,
};
use crate::gap::{plan, target_band};
use crate::message::Lang;
use crate::message::t;
use crate::number::{SCORE_PLACES, fixed};
use crate::render::{self, RenderOptions, Report, Summary, Words};
use crate::shown::Page;
use crate::text::visible;
use std::path::Path;

/// What `evaluate` writes.
fn evaluate_writes() -> Writes {
    Writes {
        command: t!("bscore evaluate ", "bscore evaluate"),
        kinds: &[
            Written::Text,
            Written::Json,
            Written::Markdown,
            Written::Csv,
            Written::Html,
            Written::Xlsx,
        ],
        example: t!(
            "bscore evaluate 评价文件 -o 报告.html",
            "bscore evaluate AUDIT -o report.html"
        ),
    }
}

/// Evaluates every audit it can: invalid ones are reported on stderr and
/// make the exit code 2, the others are still evaluated and rendered.
pub(super) fn evaluate(args: &EvaluateArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let format = values::chosen(
        output,
        &evaluate_writes(),
        args.format,
        EvaluateFormat::Table,
    )?;
    let checklist = args.checklist.load()?;
    let rules = args
        .rules
        .load(&checklist, lang, |c| audit_problems(c, &args.audits))?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let minimum = (args.min_grade.as_deref())
        .map(|name| passing_grade(&checklist, "--min-grade", name))
        .transpose()?;
    let Audits {
        sources,
        mut errors,
        several,
        names,
    } = read_audits(&args.audits);
    let options = RenderOptions {
        lang,
        ascii: args.look.ascii,
        detail: args.detail,
        bom: !args.no_bom,
        width: args.look.width(),
    };
    let mut outcome = BatchOutcome::default();
    emit_with(output, |out| {
        let format = format.into();
        outcome = evaluate_batch(basis, &sources, &names, several, format, options, out)?;
        Ok(!outcome.summaries.is_empty())
    })?;
    errors.append(&mut outcome.errors);
    report_input_errors(&errors, lang);
    let below = outcome.below(minimum);
    let words = Words::new(lang, &checklist);
    if errors.is_empty()
        && let Some(required) = minimum
    {
        say_below(&below, required, &words);
    }
    let late = say_overdue(&outcome.summaries, &words);
    let strictly_late = args.strict_cycle && late;
    Ok(Exit::of(
        !errors.is_empty(),
        !below.is_empty() || strictly_late,
    ))
}

/// Names on standard error each audit held after its re-evaluation was
/// due (逾期), whatever the format written; whether there was one.
fn say_overdue(summaries: &[Summary], words: &Words<'_>) -> bool {
    let lines: Vec<String> = (summaries.iter())
        .filter_map(|summary| {
            let overdue = summary.overdue.as_ref()?;
            let (file, late) = (
                crate::input::shortened(&summary.file),
                words.overdue(overdue),
            );
            Some(match words.lang {
                Lang::Zh => format!("逾期：{file}：{late}"),
                Lang::En => format!("overdue: {file}: {late}"),
            })
        })
        .collect();
    if !lines.is_empty() {
        to_stderr(&lines.join("\n"));
    }
    !lines.is_empty()
}

/// Names on standard error each audit below `--min-grade`.
fn say_below(below: &[&Summary], required: Grade, words: &Words<'_>) {
    if below.is_empty() {
        return;
    }
    let lines: Vec<String> = (below.iter())
        .map(|s| words.below_minimum(&s.file, required, s.grade, &fixed(&s.score, SCORE_PLACES)))
        .collect();
    to_stderr(&lines.join("\n"));
}

/// The grade `--min-grade` or `--target` (`option`) names, in either
/// language (see [`Checklist::passing_grade`]).
fn passing_grade(checklist: &Checklist, option: &str, name: &str) -> Result<Grade, Failure> {
    (checklist.passing_grade(option, name)).map_err(Failure::Usage)
}

pub(super) fn validate(args: &ValidateArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let checklist = args.checklist.load()?;
    let rules = args
        .rules
        .load(&checklist, lang, |c| audit_problems(c, &args.audits))?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let Audits {
        sources,
        mut errors,
        ..
    } = read_audits(&args.audits);
    let mut out = String::new();
    for outcome in validate_all(basis, &sources) {
        match outcome {
            Ok(valid) => out.push_str(&format!("{}\n", visible(valid.text().get(lang), false))),
            Err(error) => errors.push(error),
        }
    }
    report_input_errors(&errors, lang);
    emit(stdout, out.as_bytes())?;
    Ok(Exit::of(!errors.is_empty(), false))
}

/// The problems of the audits at `paths` read against `checklist` alone:
/// what is told with an invalid 细则's, so that every problem is said at once.
pub(super) fn audit_problems(
    checklist: &Checklist,
    paths: &[std::path::PathBuf],
) -> Vec<InputError> {
    let Audits {
        sources,
        mut errors,
        ..
    } = read_audits(paths);
    let checked = validate_all(Basis::of(checklist), &sources);
    errors.extend(checked.into_iter().filter_map(Result::err));
    errors
}

fn evaluate_one(basis: Basis<'_>, path: &Path) -> Result<(Source, Evaluated), InputError> {
    let source = read_source(path)?;
    let evaluated = evaluate_source(basis, &source)?;
    Ok((source, evaluated))
}

pub(super) fn gap(args: &GapArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let checklist = args.checklist.load()?;
    let rules = args.rules.load(&checklist, lang, |c| {
        audit_problems(c, std::slice::from_ref(&args.audit))
    })?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let asked = (args.target.as_deref())
        .map(|name| passing_grade(&checklist, "--target", name))
        .transpose()?;
    let (source, evaluated) = evaluate_one(basis, &args.audit)?;
    let target = target_band(&checklist, &evaluated.evaluation, asked);
    let gap = plan(&checklist, &evaluated.evaluation, target);
    let report = evaluated.report(&source.name, basis);
    let options = args.look.render_options(lang);
    let format = args.format.into();
    emit_with(stdout, |out| {
        render::render_gap(format, options, &report, &gap, out).map(|()| true)
    })?;
    Ok(Exit::Passed)
}

/// What `compare` writes.
fn compare_writes() -> Writes {
    Writes {
        command: t!("bscore compare ", "bscore compare"),
        kinds: &[Written::Text, Written::Markdown, Written::Json],
        example: t!(
            "bscore compare 旧评价 新评价 -o 变化.md",
            "bscore compare OLD NEW -o changes.md"
        ),
    }
}

pub(super) fn compare_two(
    args: &CompareArgs,
    lang: Lang,
    output: &Output,
) -> Result<Exit, Failure> {
    let format = values::chosen(output, &compare_writes(), args.format, CompareFormat::Table)?;
    let checklist = args.checklist.load()?;
    let both = [args.old.clone(), args.new.clone()];
    let rules = args
        .rules
        .load(&checklist, lang, |c| audit_problems(c, &both))?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let old_rules = (args.old_rules.as_deref())
        .map(|path| load_rules(path, &checklist).map(|(_, loaded)| loaded.rules))
        .transpose()?;
    let old_basis = Basis {
        rules: old_rules.as_ref().or(basis.rules),
        ..basis
    };
    let (old, new) = match (
        evaluate_one(old_basis, &args.old),
        evaluate_one(basis, &args.new),
    ) {
        (Ok(old), Ok(new)) => (old, new),
        (old, new) => {
            let errors = [old.err(), new.err()].into_iter().flatten().collect();
            return Err(Failure::Input(errors));
        }
    };
    let comparison = compare(
        (&old.1.audit, &old.1.evaluation),
        (&new.1.audit, &new.1.evaluation),
    );
    let reports: [Report<'_>; 2] = [
        old.1.report(&old.0.name, old_basis),
        new.1.report(&new.0.name, basis),
    ];
    let options = args.look.render_options(lang);
    emit_with(output, |out| {
        let pair = (&reports[0], &reports[1]);
        render::render_comparison(format.into(), options, pair, &comparison, out).map(|()| true)
    })?;
    Ok(Exit::Passed)
}

/// Recomputes the result of an audit and compares it with a stored one:
/// exit 0 when they agree, 1 with every difference when they do not.
pub(super) fn verify(args: &VerifyArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let read = (
        read_result(&args.result),
        args.checklist.load(),
        read_source(&args.audit),
    );
    let ((stored, page), checklist, audit) = every_input_read(read)?;
    let rules = args.rules.load(&checklist, lang, |c| {
        audit_problems(c, std::slice::from_ref(&args.audit))
    })?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let verdict = crate::verify::verify(basis, &stored, page.as_ref(), &audit)?;
    emit(stdout, visible(verdict.text().get(lang), true).as_bytes())?;
    Ok(Exit::of(false, !verdict.holds()))
}

/// A stored result as read, and the report it came in, if any.
type Stored = (Source, Option<Page>);

/// `verify`'s three inputs, or every problem of those that cannot be read,
/// in the order the verdict tells them (the stored file, the checklist,
/// the audit): a stored file that does not parse is said even when the
/// audit named beside it is missing.
fn every_input_read(
    read: (
        Result<Stored, InputError>,
        Result<Checklist, Failure>,
        Result<Source, InputError>,
    ),
) -> Result<(Stored, Checklist, Source), Failure> {
    let (stored, checklist, audit) = match read {
        (Ok(stored), Ok(checklist), Ok(audit)) => return Ok((stored, checklist, audit)),
        unread => unread,
    };
    let mut errors = Vec::new();
    match stored {
        Err(error) => errors.push(error),
        Ok((stored, _)) => errors.extend(crate::verify::stored_problems(&stored)),
    }
    match checklist {
        Err(Failure::Input(mut problems)) => errors.append(&mut problems),
        Err(other) => return Err(other),
        Ok(_) => {}
    }
    errors.extend(audit.err());
    Err(Failure::Input(errors))
}
