//! Who assesses which indicator (docs/team.md, "The assignment"): pure, no
//! I/O, exact. An indicator goes to the member `[assign]` names; else to a
//! member whose categories hold its category, the points balanced among
//! them greedily: largest points first (ties in checklist order), each to
//! the eligible member with the fewest points so far (ties: the member
//! listed first), the loads starting from the points `[assign]` gave.
//!
//! Greedy "largest first to the least loaded" is the classic LPT rule: two
//! members who may take the same indicators end within the largest
//! indicator's points of each other, and the same plan always gives the
//! same assignment, so a part template written twice is the same part.

use crate::checklist::Indicator;
use crate::number::Exact;

/// Every indicator's assessor, and what each member was given.
#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    /// The member (index into the team) of each indicator, in checklist order.
    pub assessor: Vec<usize>,
    /// The points each member assesses, exact.
    pub points: Vec<Exact>,
    /// How many indicators each member assesses.
    pub counts: Vec<usize>,
}

/// The assignment of `indicators` (a checklist's, in its order) to a team whose members may
/// assess the categories (checklist indices) `categories[member]`, over the
/// members `fixed` names (by indicator); or the indicators no member may
/// assess, in checklist order.
pub fn assign(
    indicators: &[Indicator],
    categories: &[Vec<usize>],
    fixed: &[Option<usize>],
) -> Result<Assignment, Vec<usize>> {
    let eligible = |index: usize| {
        let category = indicators[index].category;
        (0..categories.len()).filter(move |member| categories[*member].contains(&category))
    };
    let orphans: Vec<usize> = (0..indicators.len())
        .filter(|index| fixed.get(*index).copied().flatten().is_none())
        .filter(|index| eligible(*index).next().is_none())
        .collect();
    if !orphans.is_empty() {
        return Err(orphans);
    }
    let mut points = vec![Exact::from_integer(0); categories.len()];
    let mut counts = vec![0; categories.len()];
    let mut assessor = vec![usize::MAX; indicators.len()];
    for (index, member) in fixed.iter().enumerate() {
        if let Some(member) = *member {
            assessor[index] = member;
            give(&mut points, &mut counts, &indicators[index], member);
        }
    }
    let mut open: Vec<usize> = (0..indicators.len())
        .filter(|index| assessor[*index] == usize::MAX)
        .collect();
    // Stable: indicators of equal points stay in checklist order.
    open.sort_by(|a, b| indicators[*b].points.cmp(&indicators[*a].points));
    for index in open {
        // `min_by` keeps the first of equal loads: the member listed first.
        let member = eligible(index)
            .min_by(|a, b| points[*a].cmp(&points[*b]))
            .expect("every open indicator has an eligible member");
        assessor[index] = member;
        give(&mut points, &mut counts, &indicators[index], member);
    }
    Ok(Assignment {
        assessor,
        points,
        counts,
    })
}

/// Adds `indicator` to what `member` assesses.
fn give(points: &mut [Exact], counts: &mut [usize], indicator: &Indicator, member: usize) {
    points[member] += &indicator.points;
    counts[member] += 1;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Indicators of one category with `points`.
    fn checklist(points: &[&str]) -> Vec<Indicator> {
        (points.iter().enumerate())
            .map(|(n, p)| Indicator {
                id: format!("4.1.{n}"),
                aliases: Vec::new(),
                category: 0,
                group: 0,
                points: exact(p),
                text: String::new(),
                text_en: String::new(),
                note: None,
            })
            .collect()
    }

    fn exact(text: &str) -> Exact {
        crate::number::parse_decimal(text).unwrap()
    }

    #[test]
    fn largest_first_to_the_least_loaded() {
        // 5 → A (0 vs 0: first listed), 3 → B, 2 → B (3 < 5), 2 → A (5 = 5: first), 1 → B (5 < 7).
        let list = checklist(&["2", "5", "3", "1", "2"]);
        let got = assign(&list, &[vec![0], vec![0]], &[None; 5]).unwrap();
        assert_eq!(got.assessor, vec![1, 0, 1, 1, 0]);
        assert_eq!(got.points, vec![exact("7"), exact("6")]);
        assert_eq!(got.counts, vec![2, 3]);
    }

    #[test]
    fn assigned_points_count_from_the_start() {
        // A holds 5 by [assign]; 3 → B, 2 → B (3 < 5), 1 → A (5 = 5: first).
        let list = checklist(&["5", "3", "2", "1"]);
        let got = assign(&list, &[vec![0], vec![0]], &[Some(0), None, None, None]).unwrap();
        assert_eq!(got.assessor, vec![0, 1, 1, 0]);
        assert_eq!(got.points, vec![exact("6"), exact("5")]);
    }

    #[test]
    fn exact_halves_are_balanced_exactly() {
        // 2.5 → A, 2.5 → B, 1.5 → A (2.5 = 2.5: first), 1 → B.
        let list = checklist(&["2.5", "1.5", "2.5", "1"]);
        let got = assign(&list, &[vec![0], vec![0]], &[None; 4]).unwrap();
        assert_eq!(got.assessor, vec![0, 0, 1, 1]);
        assert_eq!(got.points, vec![exact("4"), exact("3.5")]);
    }

    #[test]
    fn an_indicator_no_member_may_assess_is_named() {
        let list = checklist(&["1", "2"]);
        assert_eq!(assign(&list, &[vec![1]], &[None, Some(0)]), Err(vec![0]));
    }

    #[test]
    fn members_of_the_same_indicators_end_within_the_largest() {
        // Pseudo-random lists, deterministic: the LPT bound holds for each.
        let mut seed: u64 = 7;
        for _ in 0..200 {
            let count = 1 + (seed % 12) as usize;
            let points: Vec<String> = (0..count)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    format!("{}.{}", (seed >> 33) % 6, (seed >> 20) % 2 * 5)
                })
                .collect();
            let refs: Vec<&str> = points.iter().map(String::as_str).collect();
            let list = checklist(&refs);
            let members = 1 + (seed % 3) as usize;
            let got = assign(&list, &vec![vec![0]; members], &vec![None; count]).unwrap();
            let largest = list.iter().map(|i| i.points.clone()).max().unwrap();
            for a in &got.points {
                for b in &got.points {
                    let mut gap = a.clone();
                    gap -= b.clone();
                    assert!(gap <= largest, "{points:?}: {:?}", got.points);
                }
            }
        }
    }
}
