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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::Measure;
    use crate::engine::evaluate;

    /// The bundled initial evaluation: every indicator listed, one special
    /// deduction (`risk`).
    const INITIAL: &str = include_str!("../../examples/surveillance/2025-initial.toml");

    fn audit(checklist: &Checklist) -> Audit {
        Audit::parse("initial.toml", INITIAL, checklist).unwrap()
    }

    fn with(mut audit: Audit, checklist: &Checklist, id: &str, status: Status) -> Audit {
        let index = checklist.lookup(id).unwrap();
        audit.entries[index].status = status;
        audit
    }

    fn coefficient(numerator: i128, denominator: i128) -> Status {
        Status::Assessed(Measure::Coefficient(Exact::ratio(numerator, denominator)))
    }

    fn excluded() -> Status {
        Status::Excluded {
            reason: "不适用".into(),
        }
    }

    fn scored(checklist: &Checklist, audit: Audit) -> (Audit, Evaluation) {
        let evaluation = evaluate(checklist, &audit).unwrap();
        (audit, evaluation)
    }

    fn ids(checklist: &Checklist, regressions: &[Regression]) -> Vec<(String, Exact)> {
        (regressions.iter())
            .map(|r| (checklist.indicators[r.index].id.clone(), r.lost.clone()))
            .collect()
    }

    #[test]
    fn worse_is_a_higher_coefficient_or_a_deduction_where_it_was_excluded() {
        let checklist = Checklist::builtin();
        // 4.1.a (1 point) 0 → 1/2 loses 1/2; 4.2.a excluded → 1 loses its
        // points; 4.1.b excluded afterwards is no longer judged, not worse.
        let before = audit(&checklist);
        let before = with(before, &checklist, "4.2.a", excluded());
        let after = with(audit(&checklist), &checklist, "4.1.a", coefficient(1, 2));
        let after = with(after, &checklist, "4.2.a", coefficient(1, 1));
        let after = with(after, &checklist, "4.1.b", excluded());
        let (before, after) = (scored(&checklist, before), scored(&checklist, after));
        let found = regressions(&checklist, (&before.0, &before.1), (&after.0, &after.1));
        let points = |id: &str| {
            checklist.indicators[checklist.lookup(id).unwrap()]
                .points
                .clone()
        };
        let half = &points("4.1.a") * &Exact::ratio(1, 2);
        let mut expected = vec![
            ("4.2.a".to_owned(), points("4.2.a")),
            ("4.1.a".to_owned(), half),
        ];
        expected.sort_by(|a, b| b.1.cmp(&a.1));
        assert_eq!(ids(&checklist, &found), expected);
        assert_eq!(
            found
                .iter()
                .find(|r| r.before == Finding::Excluded)
                .map(|r| r.index),
            checklist.lookup("4.2.a")
        );
    }

    #[test]
    fn equal_losses_keep_the_checklist_s_order() {
        let checklist = Checklist::builtin();
        let after = with(audit(&checklist), &checklist, "4.1.b", coefficient(1, 1));
        let after = with(after, &checklist, "4.1.a", coefficient(1, 1));
        let before = scored(&checklist, audit(&checklist));
        let after = scored(&checklist, after);
        let found = regressions(&checklist, (&before.0, &before.1), (&after.0, &after.1));
        let order: Vec<&str> = found
            .iter()
            .map(|r| checklist.indicators[r.index].id.as_str())
            .collect();
        assert_eq!(
            &order[..2],
            ["4.1.a", "4.1.b"],
            "both 1 point, in checklist order"
        );
    }

    #[test]
    fn a_nonconformity_is_resolved_open_or_not_re_assessed() {
        let checklist = Checklist::builtin();
        let before = with(audit(&checklist), &checklist, "4.1.a", coefficient(1, 1));
        let before = with(before, &checklist, "4.1.b", coefficient(1, 2));
        let before = with(before, &checklist, "4.1.c", coefficient(1, 2));
        let before = with(before, &checklist, "4.1.d", coefficient(1, 2));
        // Now: 4.1.a 0 (resolved), 4.1.b 1/4 (still open), 4.1.c excluded
        // and 4.1.d not listed (neither looked at again); the special
        // deduction's kind found again: still open.
        let mut after = with(audit(&checklist), &checklist, "4.1.b", coefficient(1, 4));
        after = with(after, &checklist, "4.1.c", excluded());
        after = with(after, &checklist, "4.1.d", Status::Unassessed);
        let (before, after) = (scored(&checklist, before), scored(&checklist, after));
        let lines = followup(&checklist, (&before.0, &before.1), (&after.0, &after.1));
        // The example's own nonconformities, the same in both, are open
        // too; those set here are 4.1.a to 4.1.d.
        let at = |id: &str| Subject::Indicator(checklist.lookup(id).unwrap());
        let set: Vec<Subject> = ["4.1.a", "4.1.b", "4.1.c", "4.1.d"].map(at).into();
        let said: Vec<(Subject, FollowupStatus, Option<Finding>)> = (lines.into_iter())
            .filter(|line| {
                set.contains(&line.subject) || !matches!(line.subject, Subject::Indicator(_))
            })
            .map(|line| (line.subject, line.status, line.after))
            .collect();
        let zero = Some(Finding::Coefficient(Exact::default()));
        let quarter = Some(Finding::Coefficient(Exact::ratio(1, 4)));
        assert_eq!(
            said,
            [
                (at("4.1.a"), FollowupStatus::Resolved, zero),
                (at("4.1.b"), FollowupStatus::Open, quarter),
                (
                    at("4.1.c"),
                    FollowupStatus::NotAssessed,
                    Some(Finding::Excluded)
                ),
                (at("4.1.d"), FollowupStatus::NotAssessed, None),
                (
                    Subject::SpecialDeduction("risk".into()),
                    FollowupStatus::Open,
                    None
                ),
            ]
        );
    }

    #[test]
    fn a_special_deduction_not_found_again_is_resolved() {
        let checklist = Checklist::builtin();
        let mut after = audit(&checklist);
        after.special_deductions.clear();
        let (before, after) = (
            scored(&checklist, audit(&checklist)),
            scored(&checklist, after),
        );
        let lines = followup(&checklist, (&before.0, &before.1), (&after.0, &after.1));
        assert_eq!(
            lines.last().map(|line| (&line.subject, line.status)),
            Some((
                &Subject::SpecialDeduction("risk".into()),
                FollowupStatus::Resolved
            ))
        );
    }
}
