//! Two audits of the same service, side by side: for surveillance against
//! the initial evaluation, or two assessors' audits. Pure.

use crate::audit::{Audit, Bonus, Entry, SampleItem, SpecialDeduction};
use crate::engine::Evaluation;
use crate::number::{Exact, SCORE_PLACES, cut};
use std::collections::HashMap;

/// How much a figure changed.
#[derive(Debug, Clone, PartialEq)]
pub struct Delta {
    /// new − old, exact.
    pub exact: Exact,
    /// The difference of the two figures as reports show them (each cut to
    /// two decimals), so that a printed delta always equals the difference
    /// of the printed figures beside it.
    pub shown: Exact,
}

impl Delta {
    /// The change from `old` to `new`.
    pub fn between(old: &Exact, new: &Exact) -> Delta {
        Delta {
            exact: new - old,
            shown: cut(new, SCORE_PLACES) - cut(old, SCORE_PLACES),
        }
    }
}

/// An indicator whose finding, record or note differ.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorChange {
    /// Its index in the checklist.
    pub index: usize,
    /// The change in its earned points.
    pub earned: Delta,
    /// Its sampled items whose verdict differs, or that only one audit
    /// sampled: the old audit's order, then the items new to the new one.
    pub items: Vec<ItemChange>,
}

/// A sampled item whose verdict or site changed between the two audits:
/// the items behind a changed `k/n` or split by site, matched by what was
/// sampled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemChange {
    /// What was sampled.
    pub item: String,
    /// The id of its site, as the new audit names it (or else the old).
    pub site: Option<String>,
    /// The id of its site in the old audit, when it moved to another.
    pub moved_from: Option<String>,
    /// Whether it conformed in the old audit; `None` when not sampled there.
    pub old: Option<bool>,
    /// Whether it conforms in the new audit; `None` when not sampled there.
    pub new: Option<bool>,
}

/// The sampled items of `old` and `new` whose verdict or site differs,
/// each looked up, not searched for: linear in the items.
fn item_changes(old: &Entry, new: &Entry) -> Vec<ItemChange> {
    let (before, after) = (sampled(old), sampled(new));
    let by_name = |items: &'_ [SampleItem]| -> HashMap<String, usize> {
        (items.iter().enumerate())
            .map(|(at, item)| (item.item.clone(), at))
            .collect()
    };
    let (was_at, is_at) = (by_name(before), by_name(after));
    let new_only = (after.iter()).filter(|item| !was_at.contains_key(&item.item));
    (before.iter().chain(new_only))
        .filter_map(|item| {
            let was = was_at.get(&item.item).map(|at| &before[*at]);
            let is = is_at.get(&item.item).map(|at| &after[*at]);
            let moved_from = match (was, is) {
                (Some(was), Some(is)) if was.site != is.site => was.site.clone(),
                _ => None,
            };
            let moved = matches!((was, is), (Some(was), Some(is)) if was.site != is.site);
            let change = ItemChange {
                item: item.item.clone(),
                site: (is.or(was)).and_then(|item| item.site.clone()),
                moved_from,
                old: was.map(|item| item.conforms),
                new: is.map(|item| item.conforms),
            };
            (change.old != change.new || moved).then_some(change)
        })
        .collect()
}

/// The items an entry's sample records; none without.
fn sampled(entry: &Entry) -> &[SampleItem] {
    entry.samples.as_ref().map_or(&[], |samples| &samples.items)
}

/// What differs between an old and a new audit of the same checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The change in the final score.
    pub score: Delta,
    /// The change in earned points per category, in checklist order.
    pub categories: Vec<Delta>,
    /// The indicators whose finding, record or note differ, in checklist order.
    pub changed: Vec<IndicatorChange>,
    /// Special deductions in the new audit and not the old.
    pub deductions_added: Vec<SpecialDeduction>,
    /// Special deductions in the old audit and not the new.
    pub deductions_removed: Vec<SpecialDeduction>,
    /// The bonus, if it changed: (old, new).
    pub bonus_change: Option<(Option<Bonus>, Option<Bonus>)>,
}

/// Compares two audits validated against, and scored with, the same checklist.
pub fn compare(
    (old, old_evaluation): (&Audit, &Evaluation),
    (new, new_evaluation): (&Audit, &Evaluation),
) -> Comparison {
    let changed = old
        .entries
        .iter()
        .zip(&new.entries)
        .enumerate()
        .filter(|(_, (old, new))| !found_alike(old, new))
        .map(|(index, (old, new))| IndicatorChange {
            index,
            earned: Delta::between(
                &old_evaluation.indicators[index].earned,
                &new_evaluation.indicators[index].earned,
            ),
            items: item_changes(old, new),
        })
        .collect();
    Comparison {
        score: Delta::between(&old_evaluation.score, &new_evaluation.score),
        categories: old_evaluation
            .categories
            .iter()
            .zip(&new_evaluation.categories)
            .map(|(before, after)| Delta::between(&before.earned, &after.earned))
            .collect(),
        changed,
        deductions_added: missing_from(&new.special_deductions, &old.special_deductions),
        deductions_removed: missing_from(&old.special_deductions, &new.special_deductions),
        bonus_change: (!same_bonus(old.bonus.as_ref(), new.bonus.as_ref()))
            .then(|| (old.bonus.clone(), new.bonus.clone())),
    }
}

/// Whether two findings on an indicator are the same, whoever assessed
/// them: `by` and `resolved` say who and how a team settled it, not what
/// was found, and a comparison is of the service (every row of a merged
/// audit compared with a hand-written one would otherwise be "changed",
/// with nothing changed to show). Written out whole, so that a field
/// added to [`Entry`] is decided here.
fn found_alike(old: &Entry, new: &Entry) -> bool {
    let Entry {
        status,
        record,
        note,
        population,
        samples,
        by: _,
        resolved: _,
    } = old;
    (status, record, note, population, samples)
        == (
            &new.status,
            &new.record,
            &new.note,
            &new.population,
            &new.samples,
        )
}

/// Whether two special deductions are the same finding, whoever found it.
fn same_deduction(old: &SpecialDeduction, new: &SpecialDeduction) -> bool {
    let SpecialDeduction {
        kind,
        finding,
        by: _,
    } = old;
    (kind, finding) == (&new.kind, &new.finding)
}

/// Whether two bonuses (or their absence) are the same practice, whoever
/// observed it and however a team settled it.
fn same_bonus(old: Option<&Bonus>, new: Option<&Bonus>) -> bool {
    match (old, new) {
        (Some(old), Some(new)) => {
            let Bonus {
                practice,
                by: _,
                resolved: _,
            } = old;
            *practice == new.practice
        }
        (old, new) => old.is_none() && new.is_none(),
    }
}

/// The items of `these` not matched in `those`, counting repeats.
fn missing_from(these: &[SpecialDeduction], those: &[SpecialDeduction]) -> Vec<SpecialDeduction> {
    let mut unmatched: Vec<&SpecialDeduction> = those.iter().collect();
    these
        .iter()
        .filter(
            |item| match (unmatched.iter()).position(|other| same_deduction(other, item)) {
                Some(at) => {
                    unmatched.swap_remove(at);
                    false
                }
                None => true,
            },
        )
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shown_delta_is_the_difference_of_the_shown_figures() {
        // 88.899 shows 88.89 and 92.401 shows 92.40: the shown delta is
        // 3.51, though the exact difference 3.502 would cut to 3.50.
        let old = Exact::ratio(88_899, 1000);
        let new = Exact::ratio(92_401, 1000);
        let delta = Delta::between(&old, &new);
        assert_eq!(delta.exact, Exact::ratio(3502, 1000));
        assert_eq!(delta.shown, Exact::ratio(351, 100));
    }

    fn deduction(kind: &str, finding: &str) -> SpecialDeduction {
        SpecialDeduction {
            kind: kind.into(),
            finding: finding.into(),
            by: Vec::new(),
        }
    }

    #[test]
    fn deductions_are_matched_as_a_multiset() {
        let old = [
            deduction("law", "a"),
            deduction("law", "a"),
            deduction("risk", "b"),
        ];
        let new = [deduction("law", "a"), deduction("deception", "c")];
        assert_eq!(missing_from(&new, &old), vec![deduction("deception", "c")]);
        assert_eq!(
            missing_from(&old, &new),
            vec![deduction("law", "a"), deduction("risk", "b")]
        );
    }
}
