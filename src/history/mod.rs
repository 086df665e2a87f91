//! One service's evaluations over the certification cycle (§8.1 b): the
//! series in date order, each result tied to the one before, the cycle's
//! rules checked (`crate::cycle`), the indicators that got worse, and what
//! became of each of the previous evaluation's nonconformities. Pure: the
//! audits come scored, and each format draws what this returns.

pub mod chart;
pub mod followup;

use crate::audit::{Audit, AuditKind, AuditMeta};
use crate::checklist::{Checklist, Grade};
use crate::cycle::{Breach, Dated, breaches};
use crate::engine::Evaluation;
use crate::exact::Exact;
use crate::schedule::{Next, schedule};
use jiff::civil::Date;

pub use followup::{Finding, Followup, FollowupStatus, Regression, Subject};

/// One evaluation of the series, as scored.
#[derive(Debug, Clone, Copy)]
pub struct Scored<'a> {
    /// The file it was read from.
    pub file: &'a str,
    /// The audit.
    pub audit: &'a Audit,
    /// Its score and grade.
    pub evaluation: &'a Evaluation,
}

/// One evaluation's line of the history.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The file it was read from.
    pub file: String,
    /// The evaluation's date.
    pub date: Date,
    /// Its kind.
    pub kind: AuditKind,
    /// Its score, exact.
    pub score: Exact,
    /// Its grade.
    pub grade: Grade,
    /// The score less the previous evaluation's; `None` for the first.
    pub change: Option<Exact>,
    /// Each category's 得分率, in checklist order (`None`: nothing of it
    /// applies).
    pub category_rates: Vec<Option<Exact>>,
    /// How many special deductions it found.
    pub special_deductions: usize,
}

/// A service's history: its evaluations, the cycle's breaches, and the
/// latest evaluation set against the one before.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    /// The organisation, as the audits name it.
    pub organization: String,
    /// The service.
    pub service: String,
    /// Every evaluation, in date order.
    pub steps: Vec<Step>,
    /// Every breach of the cycle, in the order they happen.
    pub breaches: Vec<Breach>,
    /// The indicators worse in an evaluation than in the one before: the
    /// latest evaluation's first, then the one before it …; in each, the
    /// most points lost first.
    pub regressions: Vec<Regression>,
    /// What became of each nonconformity and special deduction of an
    /// evaluation in the one after it, the latest first.
    pub followup: Vec<Followup>,
    /// The evaluation that must come after the latest, and by when.
    pub next: Option<Next>,
}

/// Why evaluations make no history: none, two that cannot be told apart
/// by date, or two not of the same service.
#[derive(Debug, Clone, PartialEq)]
pub enum Mixed {
    /// No evaluation at all.
    Empty,
    /// Two services (or organisations): the positions of the first
    /// evaluation and of one of another service.
    Services(usize, usize),
    /// Two evaluations on the same date (a TOML audit and the form it was
    /// converted to, most likely).
    SameDate(usize, usize),
}

/// The positions of `series` (audits' headers, in any order) in date
/// order: all of one organisation's one service (as written, spaces
/// around aside), no two on one date. `history` and `next` read a folder
/// by it. Else every reason they are no series, each audit of another
/// service and each later audit of a date, so that all are put right at
/// once.
pub fn date_order(series: &[&AuditMeta]) -> Result<Vec<usize>, Vec<Mixed>> {
    let Some(first) = series.first() else {
        return Err(vec![Mixed::Empty]);
    };
    fn service(meta: &AuditMeta) -> (&str, &str) {
        (meta.organization.trim(), meta.service.trim())
    }
    let mut mixed: Vec<Mixed> = (series.iter().enumerate())
        .filter(|(_, meta)| service(meta) != service(first))
        .map(|(other, _)| Mixed::Services(0, other))
        .collect();
    let mut order: Vec<usize> = (0..series.len()).collect();
    order.sort_by_key(|&at| series[at].date);
    // An audit of another service is told as such, not again for its date.
    let of_the_service: Vec<usize> = (order.iter().copied())
        .filter(|&at| service(series[at]) == service(first))
        .collect();
    let mut same_dates = Vec::new();
    for same in of_the_service.chunk_by(|a, b| series[*a].date == series[*b].date) {
        let mut at = same.to_vec();
        at.sort_unstable();
        same_dates.extend(at[1..].iter().map(|later| Mixed::SameDate(at[0], *later)));
    }
    // In the order the audits were named, as their other problems are.
    same_dates.sort_by_key(|mixed| match mixed {
        Mixed::SameDate(_, later) => *later,
        _ => 0,
    });
    mixed.extend(same_dates);
    match mixed.is_empty() {
        true => Ok(order),
        false => Err(mixed),
    }
}

/// The history of `series` (in any order), scored against `checklist`;
/// or every reason it makes none ([`date_order`]).
pub fn history(checklist: &Checklist, series: &[Scored<'_>]) -> Result<History, Vec<Mixed>> {
    let metas: Vec<&AuditMeta> = series.iter().map(|scored| &scored.audit.meta).collect();
    let ordered: Vec<Scored<'_>> = (date_order(&metas)?.into_iter())
        .map(|at| series[at])
        .collect();
    let dated: Vec<Dated> = (ordered.iter())
        .map(|scored| Dated::of(&scored.audit.meta))
        .collect();
    let steps = steps(&ordered);
    let latest = ordered[ordered.len() - 1];
    let mut regressions = Vec::new();
    let mut followup = Vec::new();
    // The latest change first: it is the one the next evaluation acts on.
    for (at, pair) in ordered.windows(2).enumerate().rev() {
        let before = (pair[0].audit, pair[0].evaluation);
        let after = (pair[1].audit, pair[1].evaluation);
        regressions.extend(
            followup::regressions(checklist, before, after)
                .into_iter()
                .map(|regression| Regression {
                    step: at + 1,
                    ..regression
                }),
        );
        followup.extend(
            followup::followup(checklist, before, after)
                .into_iter()
                .map(|line| Followup {
                    step: at + 1,
                    ..line
                }),
        );
    }
    Ok(History {
        organization: latest.audit.meta.organization.clone(),
        service: latest.audit.meta.service.clone(),
        steps,
        breaches: breaches(checklist, &dated),
        regressions,
        followup,
        next: schedule(checklist, &opened_on_its_date(&latest.audit.meta)).next(),
    })
}

/// `meta` as the cycle reads it: an initial evaluation or re-evaluation
/// starts its cycle on its own date, whatever `cycle_start` it declares
/// (`crate::cycle`), so that the next evaluation is never due before it.
fn opened_on_its_date(meta: &AuditMeta) -> AuditMeta {
    let mut meta = meta.clone();
    if meta.kind != AuditKind::Surveillance {
        meta.cycle_start = Some(meta.date);
    }
    meta
}

/// Each evaluation's line, with its change from the one before.
fn steps(ordered: &[Scored<'_>]) -> Vec<Step> {
    let mut previous: Option<&Exact> = None;
    let mut lines = Vec::with_capacity(ordered.len());
    for scored in ordered {
        let evaluation = scored.evaluation;
        lines.push(Step {
            file: scored.file.to_owned(),
            date: scored.audit.meta.date,
            kind: scored.audit.meta.kind,
            score: evaluation.score.clone(),
            grade: evaluation.grade,
            change: previous.map(|before| &evaluation.score - before),
            category_rates: evaluation.categories.iter().map(|c| c.rate()).collect(),
            special_deductions: evaluation.special_deductions,
        });
        previous = Some(&evaluation.score);
    }
    lines
}
