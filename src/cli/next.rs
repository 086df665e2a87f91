//! `bscore next`: reads the last audit (or a folder of one service's
//! audits, the latest by date), and writes the next evaluation's skeleton
//! (`next.rs`) as TOML or as the form.

use super::args::NextArgs;
use super::exit::Exit;
use super::values::{self, AuditFormat};
use crate::batch::Basis;
use crate::failure::Failure;
use crate::files::{Output, Writes, Written, emit, write_beside};
use crate::message::{Lang, io_reason, t};
use jiff::civil::Date;
use std::io::Write as _;

use super::writing::SCHEMA_FILE;

/// What `next` writes.
fn next_writes() -> Writes {
    Writes {
        command: t!("bscore next ", "bscore next"),
        kinds: &[Written::Toml, Written::Xlsx],
        example: t!(
            "bscore next 上次评价.toml -o 下次.toml（或 -o 下次.xlsx）",
            "bscore next last.toml -o next.toml (or -o next.xlsx)"
        ),
    }
}

pub(super) fn next(args: &NextArgs, lang: Lang, output: &Output) -> Result<Exit, Failure> {
    let format = values::chosen(output, &next_writes(), None, AuditFormat::Toml)?;
    let planned = args.date.as_deref().map(planned_date).transpose()?;
    let checklist = args.checklist.load()?;
    let given = [args.audit.clone()];
    let rules = (args.rules).load(&checklist, lang, |c| {
        super::scoring::audit_problems(c, &given)
    })?;
    let basis = Basis::new(&checklist, rules.as_ref());
    let (sources, evaluated) = super::history::every_audit_scored(basis, &given)?;
    let order = super::history::in_date_order(&sources, &evaluated)?;
    let latest = order[order.len() - 1];
    let (from, last) = (sources[latest].name.as_str(), &evaluated[latest]);
    let skeleton = crate::next::skeleton(&checklist, &last.audit, &last.evaluation, planned, lang)
        .map_err(Failure::Usage)?;
    if planned.is_some_and(|planned| planned > skeleton.by) {
        late(planned.unwrap_or(skeleton.by), skeleton.by, lang);
    }
    if format == AuditFormat::Xlsx {
        output.refuse_binary_to_terminal()?;
        let bytes = crate::form::next_workbook(&checklist, &skeleton, rules.as_ref(), lang)
            .map_err(|error| Failure::Internal {
                doing: t!("无法生成表单", "cannot build the form"),
                cause: io_reason(&error),
            })?;
        emit(output, &bytes)?;
        return Ok(Exit::Passed);
    }
    let text = crate::next::toml(&checklist, &skeleton, from, SCHEMA_FILE, lang);
    emit(output, text.as_bytes())?;
    if let Some(path) = &output.file {
        let schema = super::writing::schema_text(&checklist);
        write_beside(path, SCHEMA_FILE, schema.as_bytes(), lang)?;
    }
    Ok(Exit::Passed)
}

/// `--date`'s value, a calendar date written `YYYY-MM-DD`.
fn planned_date(text: &str) -> Result<Date, Failure> {
    text.trim().parse::<Date>().map_err(|_| {
        let shown = crate::text::shortened(text);
        Failure::Usage(t!(
            "--date 应为日期，如 2027-05-20，实际为“{shown}”",
            "--date expects a date such as 2027-05-20, found \"{shown}\""
        ))
    })
}

/// Says on standard error that the planned date is later than the cycle
/// allows: the skeleton is still written, dated as planned.
fn late(planned: Date, by: Date, lang: Lang) {
    let warning = t!(
        "警告：计划日期 {planned} 晚于最迟日期 {by}（§8.1 b：每年至少一次监督评价，每三年重新评价）",
        "warning: the planned date {planned} is after the latest date allowed, {by} (§8.1 b: a surveillance at least yearly, a re-evaluation every three years)"
    );
    // Nothing sensible is left to do if standard error itself is gone.
    let _ = writeln!(std::io::stderr().lock(), "{}", warning.get(lang));
}
