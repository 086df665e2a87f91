//! `[audit]`: who was audited, when, by whom and why, every problem of
//! the table reported.

use super::context::Context;
use super::fields::{self, Fields, written_text};
use super::format::{AUDIT, form_label};
use super::model::{AuditKind, AuditMeta};
use crate::diagnostic::Diagnostic;
use crate::message::t;
use jiff::civil::Date;
use std::ops::Range;
use toml::Spanned;
use toml::de::DeValue;

/// The `[audit]` table `value` (named at `name`), or `None` with its
/// problems recorded.
pub(super) fn meta(
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
    name: Range<usize>,
) -> Option<AuditMeta> {
    let fields = fields::table(cx, value, "audit", name, AUDIT.keys)?;
    let organization = written(cx, &fields, "organization");
    let service = written(cx, &fields, "service");
    let assessors = fields.get("assessors").map(|list| assessors(cx, list));
    let date = fields
        .get("date")
        .and_then(|date| date_of(cx, date, "audit.date"));
    let kind = (fields.text("kind")).and_then(|kind| {
        AuditKind::ALL
            .into_iter()
            .find(|k| k.id() == kind.get_ref().as_str())
    });
    let cycle_start = cycle_start(cx, &fields, date, kind);
    let standard = standard(cx, &fields);
    let ok = fields.complete && cycle_start.is_ok() && standard.is_ok();
    let meta = AuditMeta {
        standard: standard.ok()?,
        organization: organization?,
        service: service?,
        assessors: assessors??,
        date: date?,
        cycle_start: cycle_start.ok()?,
        kind: kind?,
        unassessed_conform: fields.get("unassessed").is_some(),
        part: match fields.get("part") {
            Some(_) => Some(written(cx, &fields, "part")?),
            None => None,
        },
    };
    ok.then_some(meta)
}

/// The text of `key`, written (not empty, not a placeholder), in the
/// assessor's term for it.
fn written(cx: &mut Context<'_>, fields: &Fields<'_, '_>, key: &str) -> Option<String> {
    let value = fields.text(key)?;
    let term = AUDIT.key(key).map_or(("", ""), |key| key.term);
    written_text(&value, &format!("audit.{key}"), term)
        .map_err(|problem| cx.problems.push(problem))
        .ok()
}

/// The start of the certification cycle: as written, not after the
/// audit's `date`; else the audit's date, but for a surveillance audit.
/// `Err` when a problem was recorded.
fn cycle_start(
    cx: &mut Context<'_>,
    fields: &Fields<'_, '_>,
    date: Option<Date>,
    kind: Option<AuditKind>,
) -> Result<Option<Date>, ()> {
    let Some(value) = fields.get("cycle_start") else {
        return Ok(date.filter(|_| kind != Some(AuditKind::Surveillance)));
    };
    let start = date_of(cx, value, "audit.cycle_start").ok_or(())?;
    if let (Some(date), Some(kind)) = (date, kind)
        && kind != AuditKind::Surveillance
        && start != date
    {
        let problem = opening_start(cx, value.span(), start, date);
        cx.problems.push(problem);
        return Err(());
    }
    let Some(date) = date.filter(|date| start > *date) else {
        return Ok(Some(start));
    };
    let (label, label_en) = form_label(&AUDIT, "cycle_start");
    let help = cx.told(
        t!(
            "cycle_start 是初次评价或上次重新评价的日期",
            "cycle_start is the date of the initial evaluation or the last re-evaluation"
        ),
        t!(
            "{label}是初次评价或上次重新评价的日期",
            "{label_en} is the date of the initial evaluation or the last re-evaluation"
        ),
    );
    cx.problems.push(
        Diagnostic::new(t!(
            "认证周期起始日期 {start} 晚于评价日期 {date}",
            "the cycle starts on {start}, after the audit's date {date}"
        ))
        .at(value.span())
        .key("audit.cycle_start")
        .help(help),
    );
    Err(())
}

/// An initial evaluation or a re-evaluation declaring another cycle start
/// than its own date: it opens a new cycle (§8.1 b), so the start is its
/// date; another would put the cycle's end (and the next re-evaluation)
/// where the standard does not.
fn opening_start(cx: &Context<'_>, span: Range<usize>, start: Date, date: Date) -> Diagnostic {
    let (label, label_en) = form_label(&AUDIT, "cycle_start");
    let help = cx.told(
        t!(
            "初次评价和重新评价即开始新的认证周期：删去 cycle_start，或写成评价日期 cycle_start = {date}；监督评价才写上次初次评价或重新评价的日期",
            "an initial evaluation or a re-evaluation opens a new cycle: remove cycle_start, or write the audit's date, cycle_start = {date}; only a surveillance gives the date of the last initial evaluation or re-evaluation"
        ),
        t!(
            "初次评价和重新评价即开始新的认证周期：清空{label}，或填评价日期 {date}",
            "an initial evaluation or a re-evaluation opens a new cycle: clear {label_en}, or fill in the audit's date, {date}"
        ),
    );
    Diagnostic::new(t!(
        "认证周期起始日期 {start} 与评价日期 {date} 不同，而本次评价开始新的认证周期",
        "the cycle starts on {start}, not on the audit's date {date}, though this evaluation opens a new cycle"
    ))
    .at(span)
    .key("audit.cycle_start")
    .help(help)
}

/// The standard's code, if written: the checklist's. `Err` when it is
/// another's, with the problem recorded.
fn standard(cx: &mut Context<'_>, fields: &Fields<'_, '_>) -> Result<Option<String>, ()> {
    let Some(standard) = fields.text("standard") else {
        return Ok(None);
    };
    let code = &cx.checklist.code;
    if standard.get_ref().trim() == code {
        return Ok(Some(standard.into_inner().trim().to_string()));
    }
    let written = crate::input::shortened(standard.get_ref());
    cx.problems.push(
        Diagnostic::new(t!(
            "本评价文件对应的标准是 `{written}`，而评分表对应 `{code}`",
            "this audit is for `{written}` but the checklist is for `{code}`"
        ))
        .at(standard.span())
        .key("audit.standard")
        .help(t!(
            "用 --checklist 指定该标准的评分表，或改正标准编号",
            "use the checklist of the audit's standard with --checklist, or correct the code"
        )),
    );
    Err(())
}

/// The assessors' names: at least one, none empty.
fn assessors(cx: &mut Context<'_>, list: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
    let items = list.get_ref().as_array()?;
    if items.is_empty() {
        cx.problems.push(
            Diagnostic::new(t!(
                "至少要写一位评价人员",
                "at least one assessor must be named"
            ))
            .at(list.span())
            .key("audit.assessors"),
        );
        return None;
    }
    let names: Vec<Option<String>> = items
        .iter()
        .map(|item| {
            let name = Spanned::new(item.span(), item.get_ref().as_str()?.to_string());
            written_text(
                &name,
                "audit.assessors",
                ("评价人员姓名", "an assessor's name"),
            )
            .map_err(|problem| cx.problems.push(problem))
            .ok()
        })
        .collect();
    names.into_iter().collect()
}

fn date_of(cx: &mut Context<'_>, value: &Spanned<DeValue<'_>>, key: &str) -> Option<Date> {
    let DeValue::Datetime(datetime) = value.get_ref() else {
        return None;
    };
    let problem = match (datetime.date, datetime.time, datetime.offset) {
        (Some(date), None, None) => match calendar_date(date) {
            Some(date) => return Some(date),
            None => t!("日历上没有 {date} 这一天", "{date} is not a calendar date"),
        },
        _ => t!(
            "应为日期（如 2026-03-15），不带时间，实际为 `{datetime}`",
            "expected a date such as 2026-03-15 without a time, found `{datetime}`"
        ),
    };
    cx.problems
        .push(Diagnostic::new(problem).at(value.span()).key(key));
    None
}

/// The calendar day a TOML date names, or `None` if there is no such day.
///
/// The toml parser already refuses 2026-02-30 and 2026-02-29 (its grammar
/// pass reports them at their line, see `syntax.rs`), so through an audit
/// file this only ever succeeds; it is kept, and tested on its own, so that
/// bscore never relies on another crate's calendar to stay sound.
fn calendar_date(date: toml::value::Date) -> Option<Date> {
    let year = i16::try_from(date.year).ok()?;
    let month = i8::try_from(date.month).ok()?;
    let day = i8::try_from(date.day).ok()?;
    Date::new(year, month, day).ok()
}

#[cfg(test)]
mod tests {
    use super::calendar_date;
    use toml::value::Date;

    fn day(year: u16, month: u8, day: u8) -> Option<String> {
        calendar_date(Date { year, month, day }).map(|date| date.to_string())
    }

    #[test]
    fn only_days_in_the_calendar_are_dates() {
        assert_eq!(day(2026, 3, 15).as_deref(), Some("2026-03-15"));
        assert_eq!(day(2024, 2, 29).as_deref(), Some("2024-02-29"));
        assert_eq!(day(2000, 2, 29).as_deref(), Some("2000-02-29"));
        assert_eq!(day(2026, 2, 29), None);
        assert_eq!(day(1900, 2, 29), None);
        assert_eq!(day(2026, 4, 31), None);
        assert_eq!(day(2026, 13, 1), None);
        assert_eq!(day(2026, 1, 0), None);
        // Beyond what jiff (or any audit) can name: refused, not wrapped.
        assert_eq!(day(40_000, 1, 1), None);
        assert_eq!(day(2026, 1, 200), None);
    }
}
