//! `bscore next`: the next evaluation's skeleton (§8.1 b), as data. From
//! the last audit and its evaluation it decides the kind and the date by
//! the cycle ([`Schedule::next`]), carries the header and the sites over,
//! and puts every indicator's last result beside it, the last
//! nonconformities and special deductions first, to be re-checked. Pure:
//! the TOML writer (`template::next_template`) and the form writer
//! (`form::next_workbook`) draw it.

use crate::audit::{Audit, AuditKind, Entry, Measure, SpecialDeduction, Status};
use crate::checklist::Checklist;
use crate::engine::Evaluation;
use crate::message::{Lang, t};
use crate::number::{Exact, MAX_DECIMAL_DIGITS, trimmed};
use crate::schedule::schedule;
use crate::text::{one_line_visible, shortened_to};
use jiff::civil::Date;

/// How the next evaluation's `cycle_start` is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CycleStart {
    /// A surveillance: the cycle goes on from this start, carried over.
    CarriedOver(Date),
    /// A re-evaluation starts a new cycle on its own date: `cycle_start`
    /// is left out (an audit of that kind defaults it to its date).
    NewCycle,
    /// A surveillance whose cycle's start the last audit does not say:
    /// written `"?"`, to be filled in.
    ToFill,
}

/// The next evaluation's skeleton, drawn as TOML or as the form.
#[derive(Debug, Clone)]
pub struct Skeleton<'a> {
    /// The audit the next one follows: its header and sites are carried
    /// over.
    pub previous: &'a Audit,
    /// A surveillance, or a re-evaluation when the cycle ends first.
    pub kind: AuditKind,
    /// The date written: the planned one (`--date`), else the latest the
    /// next evaluation may take place.
    pub date: Date,
    /// The latest date the next evaluation may take place (§8.1 b).
    pub by: Date,
    /// Whether `date` is that deadline (no date was planned).
    pub date_is_deadline: bool,
    /// How `cycle_start` is written.
    pub cycle_start: CycleStart,
    /// The indicators, by checklist index, in the order written: the last
    /// nonconformities first, then the others in checklist order.
    pub order: Vec<usize>,
    /// How many of `order`'s first indicators are last nonconformities.
    pub rechecks: usize,
    /// Each indicator's last result, in the skeleton's language, by
    /// checklist index: "上次：0.5（不符合：…）".
    pub last: Vec<String>,
    /// The last audit's special deductions, to be re-checked (a deduction
    /// rectified is not written again).
    pub special_deductions: &'a [SpecialDeduction],
}

/// The skeleton of the evaluation that follows `previous` (scored as
/// `evaluation`), on the `planned` date if given; its last results worded
/// in `lang`. `Err` says why none follows: a planned date not after the
/// last one, or dates beyond the calendar.
pub fn skeleton<'a>(
    checklist: &Checklist,
    previous: &'a Audit,
    evaluation: &Evaluation,
    planned: Option<Date>,
    lang: Lang,
) -> Result<Skeleton<'a>, crate::message::Text> {
    let meta = &previous.meta;
    let next = schedule(checklist, meta).next().ok_or_else(|| {
        let date = meta.date;
        t!(
            "无法推算下一次评价的日期：上次评价日期 {date} 之后的日期超出了日历范围",
            "cannot work out the next evaluation's date: the dates after {date} are beyond the calendar"
        )
    })?;
    if let Some(planned) = planned.filter(|planned| *planned <= meta.date) {
        let last = meta.date;
        return Err(t!(
            "--date {planned} 不晚于上次评价的日期 {last}：请写下一次评价计划的日期",
            "--date {planned} is not after the last evaluation's date {last}: give the next evaluation's planned date"
        ));
    }
    let cycle_start = match (next.kind, meta.cycle_start) {
        (AuditKind::Recertification, _) => CycleStart::NewCycle,
        (_, Some(start)) => CycleStart::CarriedOver(start),
        (_, None) => CycleStart::ToFill,
    };
    let nonconforming = |index: &usize| is_nonconforming(&previous.entries[*index]);
    let all = 0..checklist.indicators.len();
    let mut order: Vec<usize> = all.clone().filter(nonconforming).collect();
    let rechecks = order.len();
    order.extend(all.filter(|index| !nonconforming(index)));
    let last = (previous.entries.iter().zip(&evaluation.indicators))
        .map(|(entry, score)| last_result(entry, score.coefficient.as_ref(), lang))
        .collect();
    Ok(Skeleton {
        previous,
        kind: next.kind,
        date: planned.unwrap_or(next.by),
        by: next.by,
        date_is_deadline: planned.is_none(),
        cycle_start,
        order,
        rechecks,
        last,
        special_deductions: &previous.special_deductions,
    })
}

/// The skeleton as a TOML audit to fill in, its comments in `lang`, its
/// first line pointing editors to the JSON Schema `schema`; `from` is the
/// last audit's file.
pub fn toml(
    checklist: &Checklist,
    skeleton: &Skeleton<'_>,
    from: &str,
    schema: &str,
    lang: Lang,
) -> String {
    let meta = &skeleton.previous.meta;
    let by = skeleton.by;
    let date_hint = match skeleton.date_is_deadline {
        true => t!(
            "最迟日期（§8.1 b）：改为计划的评价日期",
            "the latest date allowed (§8.1 b): change it to the planned date"
        ),
        false => t!(
            "计划的评价日期；最迟 {by}（§8.1 b）",
            "the planned date; at the latest {by} (§8.1 b)"
        ),
    };
    let (cycle_start, cycle_start_hint) = match skeleton.cycle_start {
        CycleStart::CarriedOver(start) => (
            Some(start.to_string()),
            t!(
                "认证周期起始日期，沿用上次评价",
                "the cycle's start, carried over from the last audit"
            ),
        ),
        CycleStart::NewCycle => (
            None,
            t!(
                "重新评价开始新的认证周期：不写即为本次评价日期",
                "a re-evaluation starts a new cycle: left out, it is this evaluation's date"
            ),
        ),
        CycleStart::ToFill => (
            Some("\"?\"".to_string()),
            t!(
                "上次评价未写明：填写初次评价或上次重新评价的日期",
                "the last audit does not say: fill in the date of the initial evaluation or the last re-evaluation"
            ),
        ),
    };
    let first: Vec<usize> = skeleton.order[..skeleton.rechecks].to_vec();
    let head = crate::template::NextHead {
        organization: &meta.organization,
        service: &meta.service,
        assessors: &meta.assessors,
        kind: skeleton.kind.id(),
        date_hint: date_hint.get(lang).to_string(),
        cycle_start,
        cycle_start_hint: cycle_start_hint.get(lang).to_string(),
        intro: intro(checklist, skeleton, from, lang),
        first: (
            t!(
                "上次的不符合项：先复核",
                "last nonconformities: re-check first"
            )
            .get(lang)
            .to_string(),
            first,
        ),
        last: skeleton.last.clone(),
        sites: (skeleton.previous.sites.iter())
            .map(|site| (site.id.as_str(), site.name.as_str()))
            .collect(),
    };
    let date = skeleton.date.to_string();
    crate::template::next_template(checklist, &head, &date, schema, lang)
}

/// The comment block above `[audit]`: which evaluation comes next, by
/// when, after which; what to re-check first: the last nonconformities,
/// special deductions and bonus.
fn intro(checklist: &Checklist, skeleton: &Skeleton<'_>, from: &str, lang: Lang) -> Vec<String> {
    let labels = crate::render::Labels::of(lang);
    let kind = labels.kind(skeleton.kind);
    let by = skeleton.by;
    let meta = &skeleton.previous.meta;
    let (last_kind, last_date) = (labels.kind(meta.kind), meta.date);
    let from = one_line_visible(from);
    let mut lines = vec![
        t!(
            "══ 下一次评价：{kind}，最迟于 {by}（§8.1 b）；上次：{last_kind}，{last_date}（{from}）══",
            "══ next evaluation: {kind}, by {by} at the latest (§8.1 b); last: {last_kind}, {last_date} ({from}) ══"
        ),
        t!(
            "每个指标的 \"?\" 填写本次的结果；其上一行注释是上次的结果。",
            "Fill in each indicator's \"?\" with this evaluation's result; the comment above it is the last result."
        ),
    ];
    if skeleton.rechecks == 0 {
        lines.push(t!(
            "上次没有不符合项。",
            "The last evaluation found no nonconformity."
        ));
    } else {
        let count = skeleton.rechecks;
        lines.push(t!(
            "先复核上次的不符合项（共 {count} 项，列在 [indicators] 最前面）：",
            "Re-check the last nonconformities first ({count}, listed first in [indicators]):"
        ));
    }
    let mut lines: Vec<String> = lines
        .iter()
        .map(|line| line.get(lang).to_string())
        .collect();
    for index in &skeleton.order[..skeleton.rechecks] {
        let id = &checklist.indicators[*index].id;
        lines.push(format!("  {id:<9} {}", skeleton.last[*index]));
    }
    if !skeleton.special_deductions.is_empty() {
        lines.push(
            t!(
                "上次的特别扣分：逐项复核是否已整改；仍存在的，在文件末尾写入 [[special_deductions]]：",
                "Last special deductions: re-check each is rectified; one that remains goes in [[special_deductions]] at the end:"
            )
            .get(lang)
            .to_string(),
        );
        for deduction in skeleton.special_deductions {
            let kind = (checklist.special_deduction_kind(&deduction.kind))
                .map_or(deduction.kind.as_str(), |kind| kind.short_name(lang));
            let colon = match lang {
                Lang::Zh => "：",
                Lang::En => ": ",
            };
            lines.push(format!(
                "  {}{colon}{}",
                quoted(kind),
                quoted(&deduction.finding)
            ));
        }
    }
    if let Some(bonus) = &skeleton.previous.bonus {
        let practice = quoted(&bonus.practice);
        lines.push(
            t!(
                "上次的最佳实践加分：{practice}（仍适用的，在文件末尾写入 [bonus]）",
                "Last best-practice bonus: {practice} (if it still holds, write it in [bonus] at the end)"
            )
            .get(lang)
            .to_string(),
        );
    }
    lines
}

/// Whether the last audit found the indicator nonconforming: a deduction
/// coefficient above 0, or a sample with a nonconforming item (a rejected
/// exclusion too, when it lost points).
pub fn is_nonconforming(entry: &Entry) -> bool {
    entry
        .measure()
        .is_some_and(|measure| measure.coefficient() > Exact::from_integer(0))
}

/// The most characters of the assessor's text a last result shows: the
/// file it comes from holds the whole.
const SHOWN: usize = 60;

/// An assessor's text, on one line, shortened.
fn quoted(text: &str) -> String {
    shortened_to(&one_line_visible(text), SHOWN)
}

/// The last result of one indicator, in `lang`: its value, and what was
/// found.
fn last_result(entry: &Entry, coefficient: Option<&Exact>, lang: Lang) -> String {
    let finding = finding(entry);
    let verdict = |coefficient: &Exact| match (coefficient > &Exact::from_integer(0), &finding) {
        (false, _) => t!("符合", "conforms"),
        (true, Some(found)) => t!("不符合：{found}", "nonconforming: {found}"),
        (true, None) => t!("不符合", "nonconforming"),
    };
    let said = match &entry.status {
        Status::Unassessed => t!(
            "上次：未列出，按符合计",
            "last: not listed, counted as conforming"
        ),
        Status::Excluded { reason } => {
            let reason = quoted(reason);
            t!("上次：删减（{reason}）", "last: excluded ({reason})")
        }
        Status::Assessed(measure) => {
            let value = measure_said(measure, lang);
            let verdict = coefficient.map(verdict).map(|v| v.get(lang).to_string());
            let verdict = verdict.unwrap_or_default();
            t!("上次：{value}（{verdict}）", "last: {value} ({verdict})")
        }
        Status::ExclusionRejected {
            rejection, measure, ..
        } => {
            let value = measure_said(measure, lang);
            let rejection = quoted(rejection);
            let verdict = coefficient.map(verdict).map(|v| v.get(lang).to_string());
            let verdict = verdict.unwrap_or_default();
            t!(
                "上次：删减理由不成立（{rejection}），{value}（{verdict}）",
                "last: exclusion rejected ({rejection}), {value} ({verdict})"
            )
        }
    };
    said.get(lang).to_string()
}

/// What was found, as the last audit wrote it: its record, else its
/// note, else the nonconforming items of its sample.
fn finding(entry: &Entry) -> Option<String> {
    if let Some(text) = entry.record.as_deref().or(entry.note.as_deref()) {
        return Some(quoted(text));
    }
    let items: Vec<&str> = (entry.samples.iter())
        .flat_map(|samples| samples.nonconforming_items())
        .map(|item| item.item.as_str())
        .collect();
    (!items.is_empty()).then(|| quoted(&items.join(", ")))
}

/// A measure as the audit writes it: `0.5`, or the sample's counts.
fn measure_said(measure: &Measure, lang: Lang) -> String {
    match measure {
        Measure::Coefficient(value) => trimmed(value, MAX_DECIMAL_DIGITS as u32),
        Measure::Sample {
            sampled,
            nonconforming,
        } => t!(
            "抽样 {sampled}，不符合 {nonconforming}",
            "{nonconforming} of {sampled} sampled nonconforming"
        )
        .get(lang)
        .to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Audit;
    use crate::checklist::{BUILTIN_NAME, BUILTIN_SOURCE};
    use jiff::civil::date;

    fn checklist() -> Checklist {
        Checklist::parse(BUILTIN_NAME, BUILTIN_SOURCE).expect("the built-in checklist")
    }

    fn audit(head: &str) -> Audit {
        // 4.1.a nonconforming at 0.3, every other indicator unlisted.
        let text =
            format!("[audit]\n{head}\nunassessed = \"conform\"\n[indicators]\n\"4.1.a\" = 0.3\n");
        Audit::parse("a.toml", &text, &checklist()).expect("a valid audit")
    }

    fn next(head: &str) -> (AuditKind, Date, CycleStart) {
        let checklist = checklist();
        let audit = audit(head);
        let evaluation = crate::engine::evaluate(&checklist, &audit).expect("scored");
        let skeleton = skeleton(&checklist, &audit, &evaluation, None, Lang::En).expect("next");
        (skeleton.kind, skeleton.date, skeleton.cycle_start)
    }

    const HEAD: &str = "organization = \"o\"\nservice = \"s\"\nassessors = [\"a\"]";

    #[test]
    fn a_surveillance_keeps_its_cycle() {
        // 2026-05-28 + 1 year = 2027-05-28, before 2025-06-01 + 3 years.
        let head =
            format!("{HEAD}\ndate = 2026-05-28\nkind = \"surveillance\"\ncycle_start = 2025-06-01");
        assert_eq!(
            next(&head),
            (
                AuditKind::Surveillance,
                date(2027, 5, 28),
                CycleStart::CarriedOver(date(2025, 6, 1))
            )
        );
    }

    #[test]
    fn the_cycle_ending_first_makes_a_re_evaluation() {
        // 2024-03-01 + 3 years = 2027-03-01 ≤ 2026-05-28 + 1 year.
        let head =
            format!("{HEAD}\ndate = 2026-05-28\nkind = \"surveillance\"\ncycle_start = 2024-03-01");
        assert_eq!(
            next(&head),
            (
                AuditKind::Recertification,
                date(2027, 3, 1),
                CycleStart::NewCycle
            )
        );
    }

    #[test]
    fn an_unknown_cycle_start_is_to_fill() {
        let head = format!("{HEAD}\ndate = 2026-05-28\nkind = \"surveillance\"");
        assert_eq!(
            next(&head),
            (
                AuditKind::Surveillance,
                date(2027, 5, 28),
                CycleStart::ToFill
            )
        );
    }

    #[test]
    fn the_last_result_says_what_was_found() {
        let checklist = checklist();
        let audit = audit(&format!("{HEAD}\ndate = 2026-05-28\nkind = \"initial\""));
        let evaluation = crate::engine::evaluate(&checklist, &audit).expect("scored");
        let skeleton = skeleton(&checklist, &audit, &evaluation, None, Lang::Zh).expect("next");
        assert_eq!(skeleton.rechecks, 1);
        assert_eq!(skeleton.order[0], 0);
        assert_eq!(skeleton.last[0], "上次：0.3（不符合）");
        assert_eq!(skeleton.last[1], "上次：未列出，按符合计");
    }
}
