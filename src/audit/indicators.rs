//! `[indicators]`: one entry per checklist indicator, from a bare
//! coefficient or a table, with every problem of every indicator reported.

use super::context::Context;
use super::entry::{entry, labels, plain_coefficient};
use super::model::{Entry, Measure, Status};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, Expected, MAX_REPORTED, quote_key, suggestion, unknown};
use crate::input::shortened;
use crate::message::t;
use num_traits::Zero;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

// Which indicators are listed, and where.
/// One entry per checklist indicator, from the `[indicators]` table.
pub(super) fn entries<'a>(
    cx: &mut Context<'a>,
    indicators: Option<&Spanned<DeValue<'_>>>,
    unassessed_conform: bool,
) -> Option<Vec<Entry>> {
    let mut entries: Vec<Option<Entry>> = vec![None; cx.checklist.indicators.len()];
    // Where each indicator is listed, valid or not: a listed indicator
    // with a bad value is reported as such, not also as missing.
    let mut listed_at: Vec<Option<Range<usize>>> = vec![None; cx.checklist.indicators.len()];
    let table = indicators_table(cx, indicators).ok()?;
    // The parser's map is sorted by key; file order makes "listed twice"
    // point at the second occurrence.
    let mut listed: Vec<_> = table.iter().flat_map(|(table, _)| table.iter()).collect();
    listed.sort_by_key(|(key, _)| key.span().start);
    let mut unknown_ids = Vec::new();
    for (key, value) in listed {
        let id = key.get_ref().as_ref();
        let Some(index) = cx.checklist.lookup(id) else {
            unknown_ids.push(key);
            continue;
        };
        // Only messages need the key path: build it only for them.
        let key_path = || format!("indicators.{}", quote_key(id));
        if let Some(first) = &listed_at[index] {
            listed_twice(cx, index, first.start, key.span(), key_path());
            continue;
        }
        listed_at[index] = Some(key.span());
        entries[index] = match plain_coefficient(value.get_ref()) {
            Some(coefficient) => Some(Entry::of(Status::Assessed(Measure::Coefficient(
                coefficient,
            )))),
            None => explained_entry(cx, value, &key_path(), key.span()),
        };
        if let Some(entry) = &entries[index] {
            checked_further(cx, index, entry, value, &key_path);
        }
    }
    let mut missing = missing(cx, &listed_at, unassessed_conform);
    report_unknown(cx, unknown_ids, &mut missing);
    report_missing(cx, &missing, table.map(|(_, span)| span));
    Some(
        entries
            .into_iter()
            .map(|entry| entry.unwrap_or(Entry::of(Status::Unassessed)))
            .collect(),
    )
}

/// The entry `value` holds ([`entry`]), or `None` with at least one
/// problem recorded: an entry refused in silence would score as
/// unassessed, so one that gives no reason is reported as such (found
/// when an item without a site was dropped so).
fn explained_entry(
    cx: &mut Context<'_>,
    value: &Spanned<DeValue<'_>>,
    key: &str,
    key_span: Range<usize>,
) -> Option<Entry> {
    let before = cx.problems.len() + cx.unlisted;
    let read = entry(cx, value, key, key_span);
    let explained =
        cx.problems.len() + cx.unlisted > before || cx.has_problem_within(&value.span());
    if read.is_none() && !explained {
        debug_assert!(false, "an entry refused without a problem: {key}");
        cx.problems.push(
            Diagnostic::new(t!(
                "无法读取这个指标（bscore 未能说明原因，请报告此问题）",
                "this indicator cannot be read (bscore could not say why: please report this)"
            ))
            .at(value.span())
            .key(key),
        );
    }
    read
}

/// Puts the finding of the indicator at `index` to the further check (the
/// 细则's), each problem placed at the value it is about: the coefficient,
/// the sample or the exclusion of the indicator's table, else the
/// indicator's value itself (a bare coefficient).
fn checked_further(
    cx: &mut Context<'_>,
    index: usize,
    entry: &Entry,
    value: &Spanned<DeValue<'_>>,
    key_path: &dyn Fn() -> String,
) {
    let Some(further) = cx.checks.further else {
        return;
    };
    for problem in further.problems(index, entry) {
        let parts = problem.part.keys();
        let (span, key) = match value.get_ref() {
            DeValue::Table(table) => match parts
                .iter()
                .find_map(|part| Some((part, table.get(*part)?)))
            {
                Some((part, part_value)) => (part_value.span(), format!("{}.{part}", key_path())),
                None => (value.span(), key_path()),
            },
            _ => (value.span(), key_path()),
        };
        let mut diagnostic = Diagnostic::new(problem.message).at(span).key(key);
        if let Some(help) = problem.help {
            diagnostic = diagnostic.help(help);
        }
        cx.problems.push(diagnostic);
    }
}

/// The `[indicators]` table, if the file has one; `Err` when it is not a
/// table, with the problem recorded.
fn indicators_table<'t, 'i>(
    cx: &mut Context<'_>,
    indicators: Option<&'t Spanned<DeValue<'i>>>,
) -> Result<Option<(&'t DeTable<'i>, Range<usize>)>, ()> {
    let Some(value) = indicators else {
        return Ok(None);
    };
    match value.get_ref().as_table() {
        Some(table) => Ok(Some((table, value.span()))),
        None => {
            cx.problems.push(
                Diagnostic::new(t!(
                    "[indicators] 应为一个表：每个指标编号一行",
                    "expected a table: write [indicators] with one key per indicator id"
                ))
                .at(value.span())
                .key("indicators"),
            );
            Err(())
        }
    }
}

/// The indicator at `index` listed a second time, at `span` (by its id
/// and an alias), after the first at `first`.
fn listed_twice(
    cx: &mut Context<'_>,
    index: usize,
    first: usize,
    span: Range<usize>,
    key_path: String,
) {
    let canonical = &cx.checklist.indicators[index].id;
    let first_line = cx.lines.line(first);
    let problem = Diagnostic::new(t!(
        "指标 {canonical} 写了两次（一次用编号，一次用别名）",
        "indicator {canonical} is listed twice (as an id and an alias)"
    ))
    .at(span)
    .key(key_path)
    .help(cx.told(
        t!(
            "第一次写在第 {first_line} 行：保留一处",
            "the first entry is at line {first_line}: keep one"
        ),
        t!("保留其中一行", "keep one of the rows"),
    ));
    cx.problems.push(problem);
}

/// Every id not in the checklist that can be listed, in file order, each
/// with the missing id it stands for taken off `missing`.
fn report_unknown<'a>(
    cx: &mut Context<'a>,
    unknown_ids: Vec<&Spanned<std::borrow::Cow<'_, str>>>,
    missing: &mut Vec<&'a str>,
) {
    let unknown_ids = cx.first_listable(unknown_ids, |key| key.span().start);
    let earlier = EarlierProblems::new(&cx.problems);
    // In file order: the ones before an unknown id are listed before it.
    for (order, key) in unknown_ids.into_iter().enumerate() {
        // A suggestion is searched for only while the unknown id can
        // still be listed: a file of thousands of them would otherwise
        // take seconds for suggestions nobody sees.
        let listed = earlier.before(key.span().start) + order < MAX_REPORTED;
        // A mistyped id is reported once: as unknown, the missing id
        // it stands for suggested, not also as that id missing.
        if let Some(meant) = unknown_indicator(cx, key, missing, listed) {
            missing.retain(|id| *id != meant);
        }
    }
}

/// An id that is not in the checklist, with the id meant: one the
/// audit is missing first, since that is the one a typo took away.
/// Reports an unknown id; returns the missing id suggested for it.
/// One that cannot be `listed` (a hundred problems come before it) is
/// only counted: no suggestion is searched for.
fn unknown_indicator<'a>(
    cx: &mut Context<'a>,
    key: &Spanned<std::borrow::Cow<'_, str>>,
    missing: &[&'a str],
    listed: bool,
) -> Option<&'a str> {
    let id = key.get_ref().as_ref();
    let shown = shortened(id);
    let path = format!("indicators.{}", quote_key(id));
    if !listed {
        cx.problems.push(
            Diagnostic::new(t!(
                "未知的指标编号 `{shown}`",
                "unknown indicator id `{shown}`"
            ))
            .at(key.span())
            .key(path),
        );
        return None;
    }
    let checklist: &'a Checklist = cx.checklist;
    let known = checklist.indicators.iter().flat_map(|indicator| {
        std::iter::once(indicator.id.as_str()).chain(indicator.aliases.iter().map(String::as_str))
    });
    let listed_by = t!(
        "`bscore checklist` 列出全部指标编号",
        "`bscore checklist` lists every id"
    );
    cx.problems.push(
        unknown(
            ("指标编号", "indicator id"),
            id,
            known.clone(),
            missing,
            Expected::ListedBy(listed_by),
        )
        .at(key.span())
        .key(path),
    );
    suggestion(id, known, missing).filter(|meant| missing.contains(meant))
}

/// The ids of the indicators the audit does not list, unless unlisted
/// ones count as conforming; an id on a line set aside for a syntax
/// error is listed, if wrongly.
fn missing<'a>(
    cx: &Context<'a>,
    listed_at: &[Option<Range<usize>>],
    unassessed_conform: bool,
) -> Vec<&'a str> {
    if unassessed_conform {
        return Vec::new();
    }
    let set_aside = |indicator: &crate::checklist::Indicator| {
        cx.set_aside
            .iter()
            .any(|key| *key == indicator.id || indicator.aliases.iter().any(|alias| alias == key))
    };
    let checklist: &'a Checklist = cx.checklist;
    listed_at
        .iter()
        .zip(&checklist.indicators)
        .filter(|(listed, indicator)| listed.is_none() && !set_aside(indicator))
        .map(|(_, indicator)| indicator.id.as_str())
        .collect()
}

fn report_missing(cx: &mut Context<'_>, missing: &[&str], table_span: Option<Range<usize>>) {
    if missing.is_empty() {
        return;
    }
    let (count, ids) = (missing.len(), missing.join(", "));
    let zh_ids = missing.join("、");
    cx.problems.push(
        Diagnostic::new(t!(
            "有 {count} 个指标未评价：{zh_ids}",
            "{count} indicator(s) not assessed: {ids}"
        ))
        .at(table_span.unwrap_or(0..0))
        .key("indicators")
        .help(cx.told(
            t!(
                "逐一写上这些指标；或在 [audit] 中写 unassessed = \"conform\"，未列出的指标按符合（扣分系数 0）计",
                "list every indicator, or set `unassessed = \"conform\"` in [audit] to score unlisted ones as conforming"
            ),
            {
                let [(coefficient, coefficient_en), (sampled, sampled_en), (nonconforming, nonconforming_en), (excluded, excluded_en)] =
                    labels(["coefficient", "sampled", "nonconforming", "excluded"]);
                t!(
                    "在这些指标的行中填上{coefficient}，或{sampled}与{nonconforming}，或{excluded}；符合的填{coefficient} 0",
                    "fill in these indicators' rows: {coefficient_en}, or {sampled_en} and {nonconforming_en}, or {excluded_en}; a conforming one has {coefficient_en} 0"
                )
            },
        )),
    );
}

/// §8.3 c 5: the score divides by the applicable points, so some must remain.
pub(super) fn check_applicable_points(
    cx: &mut Context<'_>,
    entries: &[Entry],
    span: Option<Range<usize>>,
) {
    let any_applicable = entries
        .iter()
        .zip(&cx.checklist.indicators)
        .any(|(entry, indicator)| !entry.is_excluded() && !indicator.points.is_zero());
    if !any_applicable && cx.problems.is_empty() {
        cx.problems.push(
            Diagnostic::new(t!(
                "没有可评分的指标：所有有分值的指标都被删减了",
                "no applicable points left: every indicator that carries points is excluded"
            ))
            .at_opt(span)
            .key("indicators"),
        );
    }
}

/// Where the problems found so far start, in order: to tell whether a
/// problem found later can still be among the ones a file lists, which are
/// the first [`MAX_REPORTED`] by place, not by when they were found.
struct EarlierProblems {
    starts: Vec<usize>,
}

impl EarlierProblems {
    fn new(problems: &[Diagnostic]) -> Self {
        // A problem without a place is listed first, as if at the start.
        let mut starts: Vec<usize> = (problems.iter())
            .map(|problem| problem.span.as_ref().map_or(0, |span| span.start))
            .collect();
        starts.sort_unstable();
        EarlierProblems { starts }
    }

    /// How many of them are listed before a problem found now at `at`:
    /// those at the same place were found first, and stay first.
    fn before(&self, at: usize) -> usize {
        self.starts.partition_point(|&start| start <= at)
    }
}
