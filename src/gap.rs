//! What it takes to reach a better grade: the smallest set of indicators
//! whose full remediation (coefficient 0) lifts the score into a target
//! band, found by exact search, and the sensitivity of the grade to the
//! audit's exclusions (§8.3 c 6). Pure functions, exact arithmetic.

use crate::checklist::{Checklist, Grade};
use crate::engine::{Evaluation, final_score, grade};
use crate::number::Exact;
use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::Zero;

/// The band above `grade`, if any.
pub fn next_grade(grade: Grade) -> Option<Grade> {
    Grade::ALL.into_iter().find(|candidate| *candidate > grade)
}

/// The band a remediation plan aims at: the one asked for (`--target`, a
/// passing grade: [`Checklist::passing_grade`] refuses `fail`), else the
/// next band above the grade the score earns with every special
/// deduction rectified (where remediation starts from), else, at the top
/// or for `fail`, the top band itself.
pub fn target_band(checklist: &Checklist, evaluation: &Evaluation, asked: Option<Grade>) -> Grade {
    let (_, reached) = rectified(checklist, evaluation);
    match asked.or_else(|| next_grade(reached)) {
        Some(Grade::Fail) | None => Grade::Platinum,
        Some(target) => target,
    }
}

/// The score with every special deduction rectified (§8.3 d 2: they fail
/// the evaluation until they are, and take their points until then), and
/// the grade that score earns: what remediation plans start from.
pub fn rectified(checklist: &Checklist, evaluation: &Evaluation) -> (Exact, Grade) {
    let score = final_score(
        checklist,
        &evaluation.normalized,
        &Exact::zero(),
        &evaluation.bonus_points,
    );
    let grade = grade(checklist, &score, 0);
    (score, grade)
}

/// One indicator to remediate, and what its remediation recovers.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    /// The indicator's index in the checklist.
    pub index: usize,
    /// Its current deduction coefficient.
    pub coefficient: Exact,
    /// Points its remediation (coefficient 0) recovers: coefficient × points.
    pub recovered: Exact,
}

/// A plan to reach a target grade.
#[derive(Debug, Clone, PartialEq)]
pub struct GapPlan {
    /// The band aimed at.
    pub target: Grade,
    /// Its inclusive minimum score.
    pub target_score: Exact,
    /// Special deductions fail every score until rectified (§8.3 d 2); the
    /// plan below assumes they have been.
    pub blocked_by_special_deductions: bool,
    /// Whether remediating indicators can reach the target.
    pub reachable: bool,
    /// Indicators to remediate, in checklist order: the fewest, then those
    /// recovering the fewest points, then the first in checklist order.
    /// Empty when already reached or unreachable. Their number is always
    /// the fewest; the tie-break among plans of that many is searched
    /// within [`SEARCH_BUDGET`], see `proven_smallest`.
    pub fixes: Vec<Fix>,
    /// Whether the search ran to its end, so that no plan of as many fixes
    /// recovers fewer points (or as few, earlier in checklist order). When
    /// it is false the plan is still as short as any, and the best the
    /// search found in its budget.
    pub proven_smallest: bool,
    /// The exact score after the fixes; when unreachable, the best score
    /// that remediating every indicator gives.
    pub score_after: Exact,
}

/// The smallest remediation that reaches `target`.
pub fn plan(checklist: &Checklist, evaluation: &Evaluation, target: Grade) -> GapPlan {
    let blocked = evaluation.failed_by_special_deduction();
    let target_score = checklist
        .band(target)
        .min_score
        .clone()
        .unwrap_or_else(Exact::zero);
    // Score with the special deductions rectified, after recovering `gain` points.
    let score_with = |gain: &Exact| {
        let normalized =
            (&evaluation.earned + gain) / &evaluation.applicable * &checklist.full_score;
        final_score(
            checklist,
            &normalized,
            &Exact::zero(),
            &evaluation.bonus_points,
        )
    };
    let candidates: Vec<Fix> = evaluation
        .indicators
        .iter()
        .enumerate()
        .filter_map(|(index, score)| {
            let coefficient = score.coefficient.clone()?;
            let recovered = &coefficient * &score.points;
            (!recovered.is_zero()).then_some(Fix {
                index,
                coefficient,
                recovered,
            })
        })
        .collect();
    let gains: Vec<(usize, Exact)> = candidates
        .iter()
        .map(|fix| (fix.index, fix.recovered.clone()))
        .collect();
    // Points to recover: (target − bonus) × applicable / full − earned.
    let need = (&target_score - &evaluation.bonus_points) * &evaluation.applicable
        / &checklist.full_score
        - &evaluation.earned;
    if need <= Exact::zero() {
        return GapPlan {
            target,
            target_score,
            blocked_by_special_deductions: blocked,
            reachable: true,
            fixes: Vec::new(),
            proven_smallest: true,
            score_after: score_with(&Exact::zero()),
        };
    }
    match minimal_fixes(&gains, &need) {
        Some(Minimal {
            positions: fixes,
            proven_smallest,
        }) => {
            let recovered: Exact = fixes.iter().map(|&index| gains[index].1.clone()).sum();
            GapPlan {
                target,
                target_score,
                blocked_by_special_deductions: blocked,
                reachable: true,
                fixes: fixes
                    .into_iter()
                    .map(|position| candidates[position].clone())
                    .collect(),
                proven_smallest,
                score_after: score_with(&recovered),
            }
        }
        None => {
            let everything: Exact = gains.iter().map(|(_, gain)| gain.clone()).sum();
            GapPlan {
                target,
                target_score,
                blocked_by_special_deductions: blocked,
                reachable: false,
                fixes: Vec::new(),
                proven_smallest: true,
                score_after: score_with(&everything),
            }
        }
    }
}

/// Work the tie-break search may do, in branches of numbers of one machine
/// word; a branch over wider numbers (the common denominator of large
/// samples) counts as many words as they have. The fewest number of fixes
/// is found directly and is always exact; only the choice among equally
/// short plans is searched, and with many nearly equal gains (86 four-place
/// coefficients) that search is a subset-sum problem with no useful bound.
/// This much work takes well under a second (a branch of small numbers
/// takes some 40 ns) and settles every bundled example, the hardest of
/// which takes about 480,000 branches.
pub const SEARCH_BUDGET: u64 = 8_000_000;

/// The fewest items that reach a need, and whether they are proven the
/// best tie-break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Minimal {
    /// Positions into the gains, in order.
    pub positions: Vec<usize>,
    /// Whether the search ran to its end within [`SEARCH_BUDGET`].
    pub proven_smallest: bool,
}

/// Positions (into `gains`) of the fewest items whose gains add up to at
/// least `need`; among those, the smallest total; among those, the first in
/// order. `None` when all of them together fall short.
///
/// Exact branch and bound. The number of items is fixed first (the largest
/// gains reach `need` in the fewest steps); the search then goes through
/// the items in order, taking before leaving, so the first subset found
/// with a given total is also the first in order, and prunes a branch when
/// even its largest remaining gains cannot reach `need`, or its smallest
/// cannot beat the best total found. It stops after [`SEARCH_BUDGET`]
/// branches with the best plan found so far, or, if it found none yet,
/// the largest gains (which reach `need` with the fewest items).
pub fn minimal_fixes(gains: &[(usize, Exact)], need: &Exact) -> Option<Minimal> {
    let (values, need) = on_common_denominator(gains, need);
    let values: Vec<&BigInt> = values.iter().collect();
    let count = fewest_items(&values, &need)?;
    let bounds = SuffixBounds::new(&values);
    let mut search = Search {
        values: &values,
        bounds: &bounds,
        need: &need,
        count,
        chosen: Vec::with_capacity(count),
        best: None,
        budget: SEARCH_BUDGET / words_of(&need),
        cut_short: false,
    };
    search.run(0, &BigInt::zero());
    let proven_smallest = !search.cut_short;
    let positions = match search.best {
        Some((_, chosen)) => chosen,
        None => largest(&values, count),
    };
    Some(Minimal {
        positions,
        proven_smallest,
    })
}

/// The gains and the need as whole numbers over their least common
/// denominator: the search then only adds and compares integers, whose
/// size stays that of the denominator, where fractions of large samples
/// (3/999999999999999989 and the like) would grow with every sum.
fn on_common_denominator(gains: &[(usize, Exact)], need: &Exact) -> (Vec<BigInt>, BigInt) {
    let denominator = (gains.iter().map(|(_, gain)| gain.denom()))
        .fold(need.denom(), |common, next| common.lcm(&next));
    let scaled = |value: &Exact| value.numer() * (&denominator / value.denom());
    let values = gains.iter().map(|(_, gain)| scaled(gain)).collect();
    (values, scaled(need))
}

/// The machine words of the widest number the search adds: sums stay below
/// twice the need's size, or the branch is cut.
fn words_of(need: &BigInt) -> u64 {
    1 + need.bits() / 64
}

/// Positions of the `count` largest values, in order (the first of equal
/// values first).
fn largest(values: &[&BigInt], count: usize) -> Vec<usize> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|a, b| values[*b].cmp(values[*a]).then(a.cmp(b)));
    let mut chosen: Vec<usize> = order.into_iter().take(count).collect();
    chosen.sort_unstable();
    chosen
}

/// How many of the largest gains it takes to reach `need`.
fn fewest_items(values: &[&BigInt], need: &BigInt) -> Option<usize> {
    let mut sorted: Vec<&BigInt> = values.to_vec();
    sorted.sort_by(|a, b| b.cmp(a));
    let mut total = BigInt::zero();
    for (taken, value) in sorted.into_iter().enumerate() {
        total += value;
        if &total >= need {
            return Some(taken + 1);
        }
    }
    None
}

/// For each start position, the sums of the r largest and r smallest of
/// the remaining values, for every r.
struct SuffixBounds {
    largest: Vec<Vec<BigInt>>,
    smallest: Vec<Vec<BigInt>>,
}

impl SuffixBounds {
    fn new(values: &[&BigInt]) -> SuffixBounds {
        let prefix_sums = |sorted: Vec<&BigInt>| {
            let mut sums = vec![BigInt::zero()];
            for value in sorted {
                let next = sums.last().cloned().unwrap_or_default() + value;
                sums.push(next);
            }
            sums
        };
        let mut largest = Vec::new();
        let mut smallest = Vec::new();
        for start in 0..=values.len() {
            let mut rest: Vec<&BigInt> = values[start..].to_vec();
            rest.sort();
            smallest.push(prefix_sums(rest.clone()));
            rest.reverse();
            largest.push(prefix_sums(rest));
        }
        SuffixBounds { largest, smallest }
    }
}

struct Search<'a> {
    values: &'a [&'a BigInt],
    bounds: &'a SuffixBounds,
    need: &'a BigInt,
    count: usize,
    chosen: Vec<usize>,
    best: Option<(BigInt, Vec<usize>)>,
    /// Branches still to visit; at 0 the search stops.
    budget: u64,
    /// Whether a branch was left unvisited for want of budget.
    cut_short: bool,
}

impl Search<'_> {
    fn run(&mut self, position: usize, total: &BigInt) {
        if self.budget == 0 {
            self.cut_short = true;
            return;
        }
        self.budget -= 1;
        let missing = self.count - self.chosen.len();
        if missing == 0 {
            let better = self.best.as_ref().is_none_or(|(best, _)| total < best);
            if total >= self.need && better {
                self.best = Some((total.clone(), self.chosen.clone()));
            }
            return;
        }
        if self.values.len() - position < missing {
            return;
        }
        if total + &self.bounds.largest[position][missing] < *self.need {
            return;
        }
        let lowest = self.lowest_reachable(position, missing, total);
        if self.best.as_ref().is_some_and(|(best, _)| &lowest >= best) {
            return;
        }
        self.chosen.push(position);
        self.run(position + 1, &(total + self.values[position]));
        self.chosen.pop();
        self.run(position + 1, total);
    }

    /// The least total that choosing `missing` more values from `position`
    /// on can reach while still meeting the need. A branch whose least is no
    /// better than the best plan found so far is cut. This bound only prunes:
    /// a lower one finds the same plan, more slowly.
    fn lowest_reachable(&self, position: usize, missing: usize, total: &BigInt) -> BigInt {
        let floor = total + &self.bounds.smallest[position][missing];
        floor.max(self.need.clone())
    }
}

/// A what-if result.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Exact score.
    pub score: Exact,
    /// Grade.
    pub grade: Grade,
}

/// The grade's dependence on the exclusions (§8.3 c 6): the result if every
/// exclusion were rejected and scored nonconforming, and if every exclusion
/// were rejected and scored conforming.
#[derive(Debug, Clone, PartialEq)]
pub struct ExclusionSensitivity {
    /// Number of exclusions.
    pub exclusions: usize,
    /// Every exclusion rejected, coefficient 1.
    pub all_nonconforming: Scenario,
    /// Every exclusion rejected, coefficient 0.
    pub all_conforming: Scenario,
}

/// How the result would change if the exclusions were rejected; `None` when
/// the audit excludes nothing. Rejected exclusions count their points as
/// applicable, earned in full (conforming) or not at all (nonconforming).
pub fn exclusion_sensitivity(
    checklist: &Checklist,
    evaluation: &Evaluation,
) -> Option<ExclusionSensitivity> {
    let excluded: Vec<&Exact> = evaluation
        .indicators
        .iter()
        .filter(|score| !score.applicable)
        .map(|score| &score.points)
        .collect();
    if excluded.is_empty() {
        return None;
    }
    let excluded_points: Exact = excluded.iter().copied().sum();
    let applicable = &evaluation.applicable + &excluded_points;
    let scenario = |earned: Exact| {
        let normalized = earned / &applicable * &checklist.full_score;
        let score = final_score(
            checklist,
            &normalized,
            &evaluation.deducted,
            &evaluation.bonus_points,
        );
        Scenario {
            grade: grade(checklist, &score, evaluation.special_deductions),
            score,
        }
    };
    Some(ExclusionSensitivity {
        exclusions: excluded.len(),
        all_nonconforming: scenario(evaluation.earned.clone()),
        all_conforming: scenario(&evaluation.earned + &excluded_points),
    })
}

/// How far the score is from the next band.
#[derive(Debug, Clone, PartialEq)]
pub struct NextBand {
    /// The next band.
    pub grade: Grade,
    /// Its inclusive minimum.
    pub min_score: Exact,
    /// Points the score still lacks (exact).
    pub missing: Exact,
}

/// The next band above the evaluation's grade and the points missing to it;
/// `None` at the top band or while special deductions fail the evaluation.
pub fn next_band(checklist: &Checklist, evaluation: &Evaluation) -> Option<NextBand> {
    if evaluation.failed_by_special_deduction() {
        return None;
    }
    let grade = next_grade(evaluation.grade)?;
    let min_score = checklist.band(grade).min_score.clone()?;
    Some(NextBand {
        grade,
        missing: &min_score - &evaluation.score,
        min_score,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gains(values: &[i64]) -> Vec<(usize, Exact)> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| (i, Exact::from_integer(*v)))
            .collect()
    }

    /// The positions found, when the search ran to its end.
    fn proven(gains: &[(usize, Exact)], need: i64) -> Option<Vec<usize>> {
        minimal_fixes(gains, &Exact::from_integer(need)).map(|found| {
            assert!(found.proven_smallest);
            found.positions
        })
    }

    #[test]
    fn fewest_items_first_then_least_total_then_first_in_order() {
        // Need 5: the single item 5 reaches it.
        assert_eq!(proven(&gains(&[3, 5, 2, 4]), 5), Some(vec![1]));
        // Need 6: no single item does; of the pairs, 2 + 4 = 6 recovers least.
        assert_eq!(proven(&gains(&[3, 5, 2, 4]), 6), Some(vec![2, 3]));
        // Ties on total: the first in order.
        assert_eq!(proven(&gains(&[1, 1, 1, 1]), 2), Some(vec![0, 1]));
        // Unreachable.
        assert_eq!(proven(&gains(&[1, 1]), 3), None);
    }

    /// Fractions of unlike denominators are compared exactly once put on
    /// one: 1/3 + 1/6 reaches 1/2, 1/7 + 1/3 does not.
    #[test]
    fn fractions_are_compared_exactly_on_a_common_denominator() {
        let gains: Vec<(usize, Exact)> = [(1, 7), (1, 3), (1, 6)]
            .iter()
            .enumerate()
            .map(|(i, (n, d))| (i, Exact::ratio(*n, *d)))
            .collect();
        let found = minimal_fixes(&gains, &Exact::ratio(1, 2)).unwrap();
        assert_eq!(found.positions, vec![1, 2]);
        assert!(found.proven_smallest);
    }

    /// With more equally short plans than the budget can compare, the plan
    /// is still as short as any and reaches the need, and says it is not
    /// proven the smallest.
    #[test]
    fn a_search_cut_short_still_gives_the_fewest_fixes_and_says_so() {
        // 86 gains of nine-digit precision (a linear congruential draw, as
        // fractions of large samples are), and a need just above what the
        // nineteen largest give: every set of twenty large ones reaches it,
        // and finding the one just above it is a subset-sum problem.
        let mut state: i64 = 7;
        let values: Vec<i64> = (0..86)
            .map(|_| {
                state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
                1_000_000_000 + state % 1_000_000_000
            })
            .collect();
        let gains = gains(&values);
        let mut sorted = values.clone();
        sorted.sort_unstable_by(|a, b| b.cmp(a));
        let need: i64 = sorted[..19].iter().sum::<i64>() + 1;
        let found = minimal_fixes(&gains, &Exact::from_integer(need)).unwrap();
        assert!(!found.proven_smallest);
        assert_eq!(found.positions.len(), 20);
        let total: i64 = found.positions.iter().map(|&p| values[p]).sum();
        assert!(total >= need);
    }

    #[test]
    fn next_grades_climb_one_band() {
        assert_eq!(next_grade(Grade::Fail), Some(Grade::Compliant));
        assert_eq!(next_grade(Grade::Gold), Some(Grade::Platinum));
        assert_eq!(next_grade(Grade::Platinum), None);
    }
}
