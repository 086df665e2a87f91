//! One evaluation set against the one before: the indicators that got
//! worse (regressions, "previously passing, now failing" first), and what
//! became of each earlier nonconformity and special deduction (resolved,
//! still open, not re-assessed). docs/cli.md (`bscore history`) says how
//! each is read.

use crate::audit::{Audit, Status};
use crate::checklist::Checklist;
use crate::engine::Evaluation;
use crate::exact::Exact;

/// An indicator's finding in one evaluation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Assessed (or counted as conforming when unassessed), with this
    /// deduction coefficient.
    Coefficient(Exact),
    /// Excluded as not applicable.
    Excluded,
}

impl Finding {
    /// The finding of indicator `index` of `evaluation`.
    fn of(evaluation: &Evaluation, index: usize) -> Finding {
        match &evaluation.indicators[index].coefficient {
            Some(coefficient) => Finding::Coefficient(coefficient.clone()),
            None => Finding::Excluded,
        }
    }

    /// Whether it is a nonconformity: a coefficient above zero.
    fn nonconforming(&self) -> bool {
        matches!(self, Finding::Coefficient(coefficient) if coefficient.is_positive())
    }

    /// The coefficient, zero for an exclusion (nothing deducted).
    fn deducted(&self) -> Exact {
        match self {
            Finding::Coefficient(coefficient) => coefficient.clone(),
            Finding::Excluded => Exact::default(),
        }
    }
}

/// An indicator worse than in the evaluation before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Regression {
    /// The position in the series of the evaluation it got worse in (0
    /// until a history places it).
    pub step: usize,
    /// Its position in the checklist.
    pub index: usize,
    /// Its finding before.
    pub before: Finding,
    /// Its finding now, a higher coefficient.
    pub after: Finding,
    /// The points it now loses beyond what it lost before: its points ×
    /// the coefficient's rise.
    pub lost: Exact,
}

/// The indicators of `after` worse than in `before`: a higher coefficient
/// than before, or a coefficient above zero where it was excluded (a
/// counted indicator becoming excluded is not worse: it is no longer
/// judged). The most points lost first; ties in checklist order.
pub fn regressions(
    checklist: &Checklist,
    (_, before): (&Audit, &Evaluation),
    (_, after): (&Audit, &Evaluation),
) -> Vec<Regression> {
    let mut found: Vec<Regression> = (0..checklist.indicators.len())
        .filter_map(|index| {
            let (was, is) = (Finding::of(before, index), Finding::of(after, index));
            let Finding::Coefficient(now) = &is else {
                return None;
            };
            let rise = now - &was.deducted();
            rise.is_positive().then(|| Regression {
                step: 0,
                index,
                lost: &checklist.indicators[index].points * &rise,
                before: was,
                after: is,
            })
        })
        .collect();
    found.sort_by(|a, b| b.lost.cmp(&a.lost).then(a.index.cmp(&b.index)));
    found
}

/// What an earlier nonconformity or special deduction is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// An indicator, by its position in the checklist.
    Indicator(usize),
    /// A special deduction, by its kind's id.
    SpecialDeduction(String),
}

/// What became of an earlier nonconformity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowupStatus {
    /// Assessed again and conforming (coefficient 0; the special deduction
    /// not found again).
    Resolved,
    /// Assessed again and still nonconforming (the same kind of special
    /// deduction found again).
    Open,
    /// Not assessed again: excluded, or not listed and counted as
    /// conforming without being looked at.
    NotAssessed,
}

impl FollowupStatus {
    /// The id the JSON result uses.
    pub fn id(self) -> &'static str {
        match self {
            FollowupStatus::Resolved => "resolved",
            FollowupStatus::Open => "open",
            FollowupStatus::NotAssessed => "not_assessed",
        }
    }
}

/// One earlier nonconformity and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followup {
    /// The position in the series of the evaluation that followed it up
    /// (0 until a history places it).
    pub step: usize,
    /// The indicator or special deduction.
    pub subject: Subject,
    /// What became of it.
    pub status: FollowupStatus,
    /// The finding before (`None` for a special deduction).
    pub before: Option<Finding>,
    /// The finding now (`None` for a special deduction, and for an
    /// indicator not listed, counted as conforming unlooked at).
    pub after: Option<Finding>,
}

/// What became of each nonconformity of `before` (indicators in checklist
/// order, then special deductions in the order `before` lists them, one
/// line per kind).
pub fn followup(
    checklist: &Checklist,
    (earlier, before): (&Audit, &Evaluation),
    (now, after): (&Audit, &Evaluation),
) -> Vec<Followup> {
    let mut found: Vec<Followup> = (0..checklist.indicators.len())
        .filter(|&index| Finding::of(before, index).nonconforming())
        .map(|index| indicator_followup(now, after, index, Finding::of(before, index)))
        .collect();
    found.extend(deduction_followup(deduction_kinds(earlier), now));
    found
}

/// The kinds of `audit`'s special deductions, each once, in the order it
/// lists them.
fn deduction_kinds(audit: &Audit) -> Vec<&str> {
    let mut kinds: Vec<&str> = Vec::new();
    for deduction in &audit.special_deductions {
        if !kinds.contains(&deduction.kind.as_str()) {
            kinds.push(&deduction.kind);
        }
    }
    kinds
}

/// What became of nonconforming indicator `index`.
fn indicator_followup(now: &Audit, after: &Evaluation, index: usize, was: Finding) -> Followup {
    let is = Finding::of(after, index);
    let status = &now.entries[index].status;
    let listed = !matches!(status, Status::Unassessed);
    let looked_at = listed && !matches!(status, Status::Excluded { .. });
    let status = match (looked_at, is.nonconforming()) {
        (false, _) => FollowupStatus::NotAssessed,
        (true, true) => FollowupStatus::Open,
        (true, false) => FollowupStatus::Resolved,
    };
    Followup {
        step: 0,
        subject: Subject::Indicator(index),
        status,
        before: Some(was),
        after: listed.then_some(is),
    }
}

/// What became of each earlier special deduction's kind.
fn deduction_followup(kinds: Vec<&str>, now: &Audit) -> Vec<Followup> {
    kinds
        .into_iter()
        .map(|kind| Followup {
            step: 0,
            subject: Subject::SpecialDeduction(kind.to_owned()),
            status: if (now.special_deductions.iter()).any(|found| found.kind == kind) {
                FollowupStatus::Open
            } else {
                FollowupStatus::Resolved
            },
            before: None,
            after: None,
        })
        .collect()
}
