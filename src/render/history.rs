//! `bscore history` drawn: the same tables for the terminal, Markdown and
//! HTML (with the score over time as an SVG against the grade bands), and
//! the JSON result (docs/json.md, "history").

use super::markdown::to_markdown;
use super::report::RenderOptions;
use super::sections::Section;
use super::table::to_terminal;
use super::words::Words;
use crate::checklist::{Checklist, Grade};
use crate::cycle::{Breach, Rule};
use crate::history::chart::{ChartBand, ChartPoint, floor_cents, score_cents, sparkline, svg};
use crate::history::{Finding, Followup, FollowupStatus, History, Regression, Step, Subject};
use crate::message::{Lang, Text, t};
use crate::number::{
    COEFFICIENT_PLACES, Exact, ExactText, Figure, SCORE_PLACES, cut, fixed, trimmed,
};
use crate::text::visible;
use maud::{PreEscaped, html};
use serde::Serialize;
use std::io::{self, Write};

/// The formats `history` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryFormat {
    /// Tables for the terminal, with a sparkline of the scores.
    Table,
    /// Markdown tables.
    Markdown,
    /// The JSON result.
    Json,
    /// A print-ready page with the score chart.
    Html,
}

/// Writes `history` in `format`.
pub fn render_history(
    format: HistoryFormat,
    options: RenderOptions,
    checklist: &Checklist,
    history: &History,
    out: &mut dyn Write,
) -> io::Result<()> {
    let words = Words::new(options.lang, checklist);
    match format {
        HistoryFormat::Json => {
            super::json::write_json(&mut *out, &history_json(checklist, history), true)?;
            writeln!(out)
        }
        HistoryFormat::Table => {
            let words = words.on_one_line();
            // The sparklines' blocks (▁…█) are of ambiguous width, drawn
            // double-width where box characters are: --ascii leaves them out.
            let sections = sections(history, &words, !options.ascii, options.ascii);
            out.write_all(to_terminal(&sections, options.look()).as_bytes())
        }
        HistoryFormat::Markdown => {
            let title = super::markdown::escape(&title(history, &words));
            writeln!(out, "## {title}\n")?;
            out.write_all(to_markdown(&sections(history, &words, false, false)).as_bytes())
        }
        HistoryFormat::Html => out.write_all(page(history, &words).as_bytes()),
    }
}

/// `服务名 — 评价历史`.
fn title(history: &History, words: &Words<'_>) -> String {
    let service = words.free(&history.service);
    t!("{service} 评价历史", "{service}: evaluation history")
        .get(words.lang)
        .to_owned()
}

fn said(text: Text, lang: Lang) -> String {
    text.get(lang).to_owned()
}

/// Every table of the history, in the order an assessor reads them: the
/// series and its cycle, the categories' trends, the indicators that got
/// worse, then what became of the earlier nonconformities. Sparklines
/// are drawn in text on the terminal; a page has its chart.
/// `ascii`: no sign of ambiguous width (→, —) in what the tables add.
fn sections(history: &History, words: &Words<'_>, sparklines: bool, ascii: bool) -> Vec<Section> {
    let mut sections = vec![
        overview(history, words, sparklines),
        evaluations(history, words),
        breaches(history, words, ascii),
        categories(history, words, sparklines, ascii),
        regressions(history, words),
        followups(history, words),
    ];
    sections.retain(|section| !section.rows.is_empty());
    sections
}

fn overview(history: &History, words: &Words<'_>, sparklines: bool) -> Section {
    let lang = words.lang;
    let mut rows = vec![
        (
            said(t!("经营者", "Organization"), lang),
            words.free(&history.organization).into_owned(),
        ),
        (
            said(t!("服务", "Service"), lang),
            words.free(&history.service).into_owned(),
        ),
        (
            said(t!("评价次数", "Evaluations"), lang),
            history.steps.len().to_string(),
        ),
    ];
    if sparklines {
        rows.push((said(t!("得分走势", "Score trend"), lang), {
            let points = points(history, words);
            let floor = floor_cents(&points, &bands(words.checklist(), words));
            latest_sparkline(&points, floor)
        }));
    }
    rows.push((
        said(t!("认证周期", "Certification cycle"), lang),
        cycle_verdict(history, lang),
    ));
    if let Some(next) = history.next {
        let kind = words.audit_kind(next.kind);
        let by = next.by;
        rows.push((
            said(t!("下一次评价", "Next evaluation"), lang),
            said(t!("{kind}，最迟 {by}", "{kind}, by {by}"), lang),
        ));
    }
    Section::pairs(None, rows)
}

/// Evaluations a sparkline draws at most: the latest, so that it stays on
/// one line of a table (a longer history is read on the page's chart).
const SPARKLINE_POINTS: usize = 40;

/// The sparkline of the latest [`SPARKLINE_POINTS`] points, after `…`
/// when there are more.
fn latest_sparkline(points: &[ChartPoint], floor: u32) -> String {
    match points.len().checked_sub(SPARKLINE_POINTS) {
        Some(skipped) if skipped > 0 => format!("…{}", sparkline(&points[skipped..], floor)),
        _ => sparkline(points, floor),
    }
}

/// The floor of the categories' sparklines: one for all, so that their
/// bars compare (60%, or lower to a ten to show the lowest rate).
fn rates_floor(history: &History) -> u32 {
    let points: Vec<ChartPoint> = (history.steps.iter())
        .flat_map(|step| step.category_rates.iter().flatten())
        .map(|rate| ChartPoint {
            label: String::new(),
            score_cents: score_cents(rate),
            grade: String::new(),
        })
        .collect();
    floor_cents(&points, &[])
}

fn cycle_verdict(history: &History, lang: Lang) -> String {
    match history.breaches.len() {
        0 => said(
            t!(
                "符合（按年度监督评价，三年内重新评价）",
                "kept (yearly surveillance, re-evaluation within three years)"
            ),
            lang,
        ),
        1 => said(
            t!("1 处不符合周期要求，见下表", "1 breach, listed below"),
            lang,
        ),
        count => said(
            t!(
                "{count} 处不符合周期要求，见下表",
                "{count} breaches, listed below"
            ),
            lang,
        ),
    }
}

/// The score shown: cut to two decimals, never rounded up.
fn score(value: &Exact) -> String {
    fixed(value, SCORE_PLACES)
}

/// The change between two figures as shown: the difference of the figures
/// shown (each cut to two decimals), so that the table's arithmetic adds
/// up, signed.
fn shown_change(before: &Exact, after: &Exact) -> String {
    signed(&(cut(after, SCORE_PLACES) - cut(before, SCORE_PLACES)))
}

/// A signed change as shown: `+1.50`, `-0.25`, `0.00`.
fn signed(value: &Exact) -> String {
    let text = fixed(value, SCORE_PLACES);
    if value.is_positive() {
        format!("+{text}")
    } else {
        text
    }
}

fn evaluations(history: &History, words: &Words<'_>) -> Section {
    let lang = words.lang;
    Section {
        title: Some(said(t!("历次评价", "Evaluations"), lang)),
        header: vec![
            said(t!("日期", "Date"), lang),
            said(t!("评价类型", "Kind"), lang),
            said(t!("得分", "Score"), lang),
            said(t!("等级", "Grade"), lang),
            said(t!("变化", "Change"), lang),
            said(t!("文件", "File"), lang),
        ],
        rows: (history.steps.iter().enumerate())
            .map(|(at, step)| {
                let change = (at.checked_sub(1))
                    .map(|before| shown_change(&history.steps[before].score, &step.score));
                vec![
                    step.date.to_string(),
                    words.audit_kind(step.kind).to_owned(),
                    score(&step.score),
                    words.grade(step.grade).to_owned(),
                    change.unwrap_or_default(),
                    file_name(&step.file, words).into_owned(),
                ]
            })
            .collect(),
        right: vec![2, 4],
        total_last: false,
    }
}

fn breaches(history: &History, words: &Words<'_>, ascii: bool) -> Section {
    let lang = words.lang;
    Section {
        title: Some(said(t!("周期不符合项", "Breaches of the cycle"), lang)),
        header: vec![
            said(t!("规则", "Rule"), lang),
            said(t!("评价", "Evaluations"), lang),
            said(t!("说明", "What"), lang),
        ],
        rows: (history.breaches.iter())
            .map(|breach| {
                let (first, second) = (
                    &history.steps[breach.between.0],
                    &history.steps[breach.between.1],
                );
                let between = if breach.between.0 == breach.between.1 {
                    format!("{} {}", first.date, file_name(&first.file, words))
                } else {
                    format!(
                        "{} {} {} {} {}",
                        first.date,
                        file_name(&first.file, words),
                        if ascii { "->" } else { "→" },
                        second.date,
                        file_name(&second.file, words)
                    )
                };
                vec![
                    rule_named(breach.rule, lang),
                    between,
                    breach_said(breach, first, second, words),
                ]
            })
            .collect(),
        right: Vec::new(),
        total_last: false,
    }
}

/// A rule of the cycle as the table names it: in the assessor's words in
/// Chinese; in English its id, as docs/cli.md and the JSON result name it.
fn rule_named(rule: Rule, lang: Lang) -> String {
    let text = match rule {
        Rule::FirstNotInitial => t!("首次记录的评价不是初次评价", "first_not_initial"),
        Rule::SurveillanceInterval => t!("监督评价间隔超过一年", "surveillance_interval"),
        Rule::RecertificationOverdue => t!("逾期未重新评价", "recertification_overdue"),
        Rule::CycleStartMismatch => t!("认证周期起始日期不一致", "cycle_start_mismatch"),
        Rule::InitialAgain => t!("重复的初次评价", "initial_again"),
    };
    said(text, lang)
}

/// What a breach means, in the assessor's words.
fn breach_said(breach: &Breach, first: &Step, second: &Step, words: &Words<'_>) -> String {
    let due = breach.due.map(|date| date.to_string()).unwrap_or_default();
    let (was, is) = (first.date, second.date);
    let kind = words.audit_kind(second.kind);
    let text = match breach.rule {
        Rule::FirstNotInitial => t!(
            "第一次评价是{kind}，应为初次评价（或重新评价）",
            "the first evaluation is a {kind}: it should be the initial evaluation (or a re-evaluation)"
        ),
        Rule::SurveillanceInterval => t!(
            "{was} 之后最迟应在 {due} 再次评价（至少按年度监督评价），{is} 才评价",
            "after {was} the next evaluation was due by {due} (at least yearly); it came on {is}"
        ),
        Rule::RecertificationOverdue => t!(
            "重新评价最迟应在 {due} 进行（至少每三年重新评价一次），{is} 的{kind}已逾期",
            "the re-evaluation was due by {due} (at least every three years); the {kind} of {is} is overdue"
        ),
        Rule::CycleStartMismatch => t!(
            "{is} 的{kind}写的认证周期起始日期与本周期的起始日期 {due} 不同",
            "the {kind} of {is} declares another cycle start than this cycle's {due}"
        ),
        Rule::InitialAgain => t!(
            "{is} 又是初次评价：新的认证周期应以重新评价开始",
            "{is} is another initial evaluation: a new cycle opens with a re-evaluation"
        ),
    };
    said(text, words.lang)
}

/// A rate shown as a percentage, cut to two decimals; `—` when nothing
/// of the category applies.
fn rate(value: Option<&Exact>, ascii: bool) -> String {
    let none = if ascii { "-" } else { "—" };
    value
        .map(|rate| format!("{}%", fixed(rate, SCORE_PLACES)))
        .unwrap_or_else(|| none.into())
}

fn categories(history: &History, words: &Words<'_>, sparklines: bool, ascii: bool) -> Section {
    let lang = words.lang;
    let (Some(first), Some(last)) = (history.steps.first(), history.steps.last()) else {
        return Section::default();
    };
    let checklist = words.checklist();
    // One evaluation has one rate: no second date, no change.
    let many = history.steps.len() > 1;
    let first_number = if sparklines { 2 } else { 1 };
    let floor = rates_floor(history);
    Section {
        title: Some(said(
            t!("各大类得分率走势", "Each category's rate over time"),
            lang,
        )),
        header: [
            Some(said(t!("大类", "Category"), lang)),
            sparklines.then(|| said(t!("走势", "Trend"), lang)),
            Some(first.date.to_string()),
            many.then(|| last.date.to_string()),
            many.then(|| said(t!("变化", "Change"), lang)),
        ]
        .into_iter()
        .flatten()
        .collect(),
        rows: (checklist.categories.iter().enumerate())
            .map(|(index, category)| {
                let rates: Vec<Option<&Exact>> = (history.steps.iter())
                    .map(|step| step.category_rates[index].as_ref())
                    .collect();
                let trend: Vec<ChartPoint> = (history.steps.iter().zip(&rates))
                    .map(|(step, rate)| ChartPoint {
                        label: step.date.to_string(),
                        score_cents: rate.map(score_cents).unwrap_or(0),
                        grade: String::new(),
                    })
                    .collect();
                let change = match (rates[0], rates[rates.len() - 1]) {
                    (Some(was), Some(is)) => shown_change(was, is),
                    _ => String::new(),
                };
                [
                    Some(words.category(category).to_owned()),
                    sparklines.then(|| latest_sparkline(&trend, floor)),
                    Some(rate(rates[0], ascii)),
                    many.then(|| rate(rates[rates.len() - 1], ascii)),
                    many.then_some(change),
                ]
                .into_iter()
                .flatten()
                .collect()
            })
            .collect(),
        right: (first_number..first_number + if many { 3 } else { 1 }).collect(),
        total_last: false,
    }
}

/// A finding as shown: its coefficient to four decimals, or 删减.
/// A finding as shown: the coefficient to at most four places, exact
/// when it has no more (`0.4`, `1`), 删减 for an exclusion as in every
/// report, and an indicator left unlisted (counted as conforming unlooked
/// at) says so.
pub(crate) fn finding(value: Option<&Finding>, words: &Words<'_>) -> String {
    match value {
        Some(Finding::Coefficient(coefficient)) => trimmed(coefficient, COEFFICIENT_PLACES),
        Some(Finding::Excluded) => words.labels.excluded.to_string(),
        None => said(t!("未评价", "not assessed"), words.lang),
    }
}

fn regressions(history: &History, words: &Words<'_>) -> Section {
    let lang = words.lang;
    let checklist = words.checklist();
    Section {
        title: Some(said(
            t!("较上次变差的指标", "Indicators worse than last time"),
            lang,
        )),
        header: vec![
            said(t!("评价", "Evaluation"), lang),
            said(t!("指标", "Indicator"), lang),
            said(t!("上次", "Before"), lang),
            said(t!("本次", "Now"), lang),
            said(t!("多失分", "Points lost"), lang),
        ],
        rows: (history.regressions.iter())
            .map(|regression| {
                let indicator = &checklist.indicators[regression.index];
                vec![
                    step_named(&history.steps[regression.step], words),
                    format!("{} {}", indicator.id, words.indicator(indicator)),
                    finding(Some(&regression.before), words),
                    finding(Some(&regression.after), words),
                    fixed(&regression.lost, SCORE_PLACES),
                ]
            })
            .collect(),
        right: vec![2, 3, 4],
        total_last: false,
    }
}

/// An evaluation as a table names it: its date and kind.
fn step_named(step: &Step, words: &Words<'_>) -> String {
    format!("{} {}", step.date, words.audit_kind(step.kind))
}

/// A file as a table names it: its name alone, the folder left to the
/// JSON result.
fn file_name<'a>(file: &'a str, words: &Words<'_>) -> std::borrow::Cow<'a, str> {
    let name = std::path::Path::new(file)
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or(file);
    std::borrow::Cow::Owned(words.free(name).into_owned())
}

/// What became of a nonconformity, in the assessor's words.
fn status(status: FollowupStatus, lang: Lang) -> String {
    let text = match status {
        FollowupStatus::Resolved => t!("已整改", "resolved"),
        FollowupStatus::Open => t!("仍未整改", "open"),
        FollowupStatus::NotAssessed => t!("本次未再评价", "not re-assessed"),
    };
    said(text, lang)
}

fn followups(history: &History, words: &Words<'_>) -> Section {
    let lang = words.lang;
    Section {
        title: Some(said(
            t!(
                "历次评价的不符合项与特别扣分项在下一次评价时的整改情况",
                "What became of each evaluation's nonconformities and special deductions in the next"
            ),
            lang,
        )),
        header: vec![
            said(t!("评价", "Evaluation"), lang),
            said(
                t!("指标或特别扣分项", "Indicator or special deduction"),
                lang,
            ),
            said(t!("上次", "Before"), lang),
            said(t!("本次", "Now"), lang),
            said(t!("状态", "Status"), lang),
        ],
        rows: (history.followup.iter())
            .map(|followup| {
                let mut row = vec![step_named(&history.steps[followup.step], words)];
                row.extend(followup_cells(followup, words));
                row
            })
            .collect(),
        right: vec![2, 3],
        total_last: false,
    }
}

/// A follow-up's subject, before, now and status: the cells `history` and
/// the evaluation report (`--history`) both show.
pub(crate) fn followup_cells(followup: &Followup, words: &Words<'_>) -> Vec<String> {
    let (lang, labels) = (words.lang, words.labels);
    let checklist = words.checklist();
    match &followup.subject {
        Subject::Indicator(index) => {
            vec![
                checklist.indicators[*index].id.clone(),
                finding(followup.before.as_ref(), words),
                finding(followup.after.as_ref(), words),
                status(followup.status, lang),
            ]
        }
        Subject::SpecialDeduction(kind) => vec![
            format!(
                "{}{}{}",
                labels.special_deduction,
                labels.colon,
                words.deduction_kind(kind)
            ),
            labels.special_deduction.to_string(),
            match followup.status {
                FollowupStatus::Open => labels.special_deduction,
                _ => labels.none,
            }
            .to_string(),
            status(followup.status, lang),
        ],
    }
}

/// Each evaluation as a point of the chart.
fn points(history: &History, words: &Words<'_>) -> Vec<ChartPoint> {
    (history.steps.iter())
        .map(|step| ChartPoint {
            label: step.date.to_string(),
            score_cents: score_cents(&step.score),
            grade: words.grade(step.grade).to_owned(),
        })
        .collect()
}

/// The grade bands' lower bounds, lowest first.
fn bands(checklist: &Checklist, words: &Words<'_>) -> Vec<ChartBand> {
    (checklist.grades.iter())
        .filter_map(|band| {
            let min = band.min_score.as_ref()?;
            Some(ChartBand {
                min_cents: score_cents(min),
                name: words.grade(band.grade).to_owned(),
            })
        })
        .collect()
}

/// The history page's own rules: a date (the first column of every table
/// but the overview) is never broken at its hyphens.
const HISTORY_STYLE: &str = "body.history table:not(.meta) td:first-child { white-space: nowrap; }";

/// The HTML page: the overview, the chart, then the tables.
fn page(history: &History, words: &Words<'_>) -> String {
    let lang = words.lang;
    let title = title(history, words);
    let checklist = words.checklist();
    let chart = svg(&points(history, words), &bands(checklist, words), &title);
    let all = sections(history, words, false, false);
    let markup = html! {
        (maud::DOCTYPE)
        html lang=(match lang { Lang::Zh => "zh-CN", Lang::En => "en" }) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(super::html::STYLE)) (PreEscaped(HISTORY_STYLE)) }
            }
            body.history {
                h1 { (title) }
                @for section in &all[..1] { (super::html::grid_or_pairs(section)) }
                h2 { (said(t!("得分走势", "Score over time"), lang)) }
                div.keep { (PreEscaped(chart)) }
                @if history.steps.iter().any(|step| step.special_deductions > 0) {
                    p.footnote { (said(t!(
                        "空心红点：该次评价有特别扣分项，虽得分达到某一等级的分数线，仍判为不合格（应立即进行整改）",
                        "a hollow red dot: that evaluation had special deductions, which fail it whatever band its score reaches (to be rectified immediately)"
                    ), lang)) }
                }
                @for section in &all[1..] {
                    @if let Some(heading) = &section.title { h2 { (heading) } }
                    (super::html::grid_or_pairs(section))
                }
            }
        }
    };
    visible(&markup.into_string(), true).into_owned()
}

/// The JSON result of `history` (docs/json.md).
#[derive(Serialize)]
struct HistoryJson<'a> {
    organization: &'a str,
    service: &'a str,
    evaluations: Vec<EvaluationJson<'a>>,
    cycle_kept: bool,
    breaches: Vec<BreachJson<'a>>,
    regressions: Vec<RegressionJson<'a>>,
    followup: Vec<FollowupJson<'a>>,
    next: Option<NextJson>,
}

#[derive(Serialize)]
struct EvaluationJson<'a> {
    file: &'a str,
    date: String,
    kind: &'static str,
    score: Figure,
    score_exact: ExactText,
    grade: Grade,
    change: Option<Figure>,
    change_exact: Option<ExactText>,
    special_deductions: usize,
    categories: Vec<CategoryRateJson<'a>>,
}

#[derive(Serialize)]
struct CategoryRateJson<'a> {
    id: &'a str,
    rate: Option<Figure>,
    rate_exact: Option<ExactText>,
}

#[derive(Serialize)]
struct BreachJson<'a> {
    rule: &'static str,
    between: [&'a str; 2],
    dates: [String; 2],
    due: Option<String>,
}

/// A finding in JSON: the coefficient cut to four decimals, or
/// `"excluded"`.
#[derive(Serialize)]
#[serde(untagged)]
enum FindingJson {
    Coefficient(Figure),
    Word(&'static str),
}

impl FindingJson {
    fn of(finding: &Finding) -> FindingJson {
        match finding {
            Finding::Coefficient(coefficient) => {
                FindingJson::Coefficient(Figure::cut(coefficient, COEFFICIENT_PLACES))
            }
            Finding::Excluded => FindingJson::Word("excluded"),
        }
    }

    fn exact(finding: &Finding) -> Option<ExactText> {
        match finding {
            Finding::Coefficient(coefficient) => Some(ExactText(coefficient.clone())),
            Finding::Excluded => None,
        }
    }
}

#[derive(Serialize)]
struct RegressionJson<'a> {
    id: &'a str,
    between: [&'a str; 2],
    date: String,
    before: FindingJson,
    after: FindingJson,
    before_exact: Option<ExactText>,
    after_exact: Option<ExactText>,
    lost: Figure,
    lost_exact: ExactText,
}

#[derive(Serialize)]
struct FollowupJson<'a> {
    id: &'a str,
    between: [&'a str; 2],
    date: String,
    subject: &'static str,
    status: &'static str,
    before: Option<FindingJson>,
    after: Option<FindingJson>,
}

#[derive(Serialize)]
struct NextJson {
    kind: &'static str,
    by: String,
}

fn history_json<'a>(checklist: &'a Checklist, history: &'a History) -> HistoryJson<'a> {
    let file = |index: usize| history.steps[index].file.as_str();
    HistoryJson {
        organization: &history.organization,
        service: &history.service,
        evaluations: (history.steps.iter().enumerate())
            .map(|(at, step)| EvaluationJson {
                file: &step.file,
                date: step.date.to_string(),
                kind: step.kind.id(),
                score: Figure::cut(&step.score, SCORE_PLACES),
                score_exact: ExactText(step.score.clone()),
                grade: step.grade,
                change: (at.checked_sub(1)).map(|before| {
                    let before = cut(&history.steps[before].score, SCORE_PLACES);
                    Figure::cut(&(cut(&step.score, SCORE_PLACES) - before), SCORE_PLACES)
                }),
                change_exact: step.change.clone().map(ExactText),
                special_deductions: step.special_deductions,
                categories: (checklist.categories.iter().zip(&step.category_rates))
                    .map(|(category, rate)| CategoryRateJson {
                        id: &category.id,
                        rate: rate.as_ref().map(|r| Figure::cut(r, SCORE_PLACES)),
                        rate_exact: rate.clone().map(ExactText),
                    })
                    .collect(),
            })
            .collect(),
        cycle_kept: history.breaches.is_empty(),
        breaches: (history.breaches.iter())
            .map(|breach| BreachJson {
                rule: breach.rule.id(),
                between: [file(breach.between.0), file(breach.between.1)],
                dates: [
                    history.steps[breach.between.0].date.to_string(),
                    history.steps[breach.between.1].date.to_string(),
                ],
                due: breach.due.map(|date| date.to_string()),
            })
            .collect(),
        regressions: (history.regressions.iter())
            .map(|r| regression_json(checklist, history, r))
            .collect(),
        followup: (history.followup.iter())
            .map(|f| followup_json(checklist, history, f))
            .collect(),
        next: history.next.map(|next| NextJson {
            kind: next.kind.id(),
            by: next.by.to_string(),
        }),
    }
}

/// The files of the evaluation at `step` and of the one before it, and
/// the later one's date.
fn between(history: &History, step: usize) -> ([&str; 2], String) {
    let (before, after) = (&history.steps[step - 1], &history.steps[step]);
    ([&before.file, &after.file], after.date.to_string())
}

fn regression_json<'a>(
    checklist: &'a Checklist,
    history: &'a History,
    regression: &Regression,
) -> RegressionJson<'a> {
    let (files, date) = between(history, regression.step);
    RegressionJson {
        id: &checklist.indicators[regression.index].id,
        between: files,
        date,
        before: FindingJson::of(&regression.before),
        after: FindingJson::of(&regression.after),
        before_exact: FindingJson::exact(&regression.before),
        after_exact: FindingJson::exact(&regression.after),
        lost: Figure::cut(&regression.lost, SCORE_PLACES),
        lost_exact: ExactText(regression.lost.clone()),
    }
}

fn followup_json<'a>(
    checklist: &'a Checklist,
    history: &'a History,
    followup: &'a Followup,
) -> FollowupJson<'a> {
    let (files, date) = between(history, followup.step);
    let (id, subject) = match &followup.subject {
        Subject::Indicator(index) => (checklist.indicators[*index].id.as_str(), "indicator"),
        Subject::SpecialDeduction(kind) => (kind.as_str(), "special_deduction"),
    };
    FollowupJson {
        id,
        between: files,
        date,
        subject,
        status: followup.status.id(),
        before: followup.before.as_ref().map(FindingJson::of),
        after: followup.after.as_ref().map(FindingJson::of),
    }
}
