//! How consistently a team judged: where two or more members assessed the
//! same indicator, the share that agreed; with exactly two members,
//! Cohen's kappa over conform / partial / nonconform. Exact: the figures
//! are fractions, cut only when shown.

use crate::audit::{Entry, Status};
use crate::number::Exact;
use num_traits::{One, Zero};

/// One indicator several members assessed.
#[derive(Debug, Clone)]
pub(super) struct Shared {
    index: usize,
    /// Each member and the category of their finding, when it is a
    /// coefficient or counts (`None`: an exclusion, or items, which two
    /// members judge item by item rather than as one finding).
    judged: Vec<(String, Option<Category>)>,
    agreed: bool,
}

impl Shared {
    /// The members' entries of the indicator at `index`, and whether they
    /// agreed.
    pub(super) fn of(index: usize, given: &[(&str, &Entry)], agreed: bool) -> Shared {
        Shared {
            index,
            judged: (given.iter())
                .map(|(member, entry)| (member.to_string(), category(entry)))
                .collect(),
            agreed,
        }
    }
}

/// A finding's category for kappa.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Category {
    /// Coefficient 0.
    Conform,
    /// Between 0 and 1.
    Partial,
    /// Coefficient 1.
    Nonconform,
}

fn category(entry: &Entry) -> Option<Category> {
    if entry.samples.is_some() || matches!(entry.status, Status::Excluded { .. }) {
        return None;
    }
    let coefficient = entry.measure()?.coefficient();
    Some(match coefficient {
        c if c.is_zero() => Category::Conform,
        c if c == Exact::one() => Category::Nonconform,
        _ => Category::Partial,
    })
}

/// The team's agreement.
#[derive(Debug, Clone, PartialEq)]
pub struct Agreement {
    /// Indicators two or more members assessed.
    pub shared: usize,
    /// Of them, those on which all agreed.
    pub agreed: usize,
    /// The others, by index in the checklist.
    pub disagreed: Vec<usize>,
    /// With exactly two members on the shared indicators, Cohen's kappa.
    pub kappa: Option<Kappa>,
}

/// Cohen's kappa of two members over the shared indicators both judged by
/// a coefficient or counts.
#[derive(Debug, Clone, PartialEq)]
pub struct Kappa {
    /// The two members.
    pub members: (String, String),
    /// The indicators it is computed over.
    pub over: usize,
    /// The observed agreement, p_o.
    pub observed: Exact,
    /// The agreement expected by chance, p_e.
    pub expected: Exact,
    /// (p_o − p_e) / (1 − p_e); `None` when p_e is 1 (both gave one
    /// category throughout), where kappa is undefined.
    pub value: Option<Exact>,
}

impl Agreement {
    /// The share that agreed, `None` when nothing was shared.
    pub fn share(&self) -> Option<Exact> {
        (self.shared > 0).then(|| Exact::ratio(self.agreed as i128, self.shared as i128))
    }
}

/// The agreement over `shared`.
pub(super) fn agreement(shared: &[Shared]) -> Agreement {
    let agreed = shared.iter().filter(|s| s.agreed).count();
    Agreement {
        shared: shared.len(),
        agreed,
        disagreed: shared
            .iter()
            .filter(|s| !s.agreed)
            .map(|s| s.index)
            .collect(),
        kappa: kappa(shared),
    }
}

/// Cohen's kappa, when exactly two members assessed the shared
/// indicators and both judged at least one by a coefficient or counts.
fn kappa(shared: &[Shared]) -> Option<Kappa> {
    let mut members: Vec<&str> = Vec::new();
    for (member, _) in shared.iter().flat_map(|s| &s.judged) {
        if !members.contains(&member.as_str()) {
            members.push(member);
        }
    }
    let [first, second] = members[..] else {
        return None;
    };
    let pairs: Vec<(Category, Category)> = (shared.iter())
        .filter_map(|s| match &s.judged[..] {
            [(_, Some(a)), (_, Some(b))] => Some((*a, *b)),
            _ => None,
        })
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let n = pairs.len() as i128;
    let observed = Exact::ratio(pairs.iter().filter(|(a, b)| a == b).count() as i128, n);
    let categories = [Category::Conform, Category::Partial, Category::Nonconform];
    let count = |side: fn(&(Category, Category)) -> Category, c: Category| {
        pairs.iter().filter(|pair| side(pair) == c).count() as i128
    };
    let chance: i128 = (categories.iter())
        .map(|c| count(|p| p.0, *c) * count(|p| p.1, *c))
        .sum();
    let expected = Exact::ratio(chance, n * n);
    let value =
        (expected != Exact::one()).then(|| (&observed - &expected) / (&Exact::one() - &expected));
    Some(Kappa {
        members: (first.to_string(), second.to_string()),
        over: pairs.len(),
        observed,
        expected,
        value,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(index: usize, a: Option<Category>, b: Option<Category>, agreed: bool) -> Shared {
        Shared {
            index,
            judged: vec![("王五".into(), a), ("赵六".into(), b)],
            agreed,
        }
    }

    /// Worked by hand: ten shared indicators, both conform on 6, both
    /// nonconform on 1, partial against conform on 2, conform against
    /// nonconform on 1. p_o = 7/10. 王五: conform 7, partial 2,
    /// nonconform 1; 赵六: conform 8, partial 0, nonconform 2 (the two
    /// partials of 王五 are 赵六's conform). p_e = (7·8 + 2·0 + 1·2)/100
    /// = 58/100. kappa = (70 − 58)/(100 − 58) = 12/42 = 2/7.
    #[test]
    fn kappa_of_two_members_is_worked_by_hand() {
        use Category::*;
        let mut all = Vec::new();
        for i in 0..6 {
            all.push(shared(i, Some(Conform), Some(Conform), true));
        }
        all.push(shared(6, Some(Nonconform), Some(Nonconform), true));
        all.push(shared(7, Some(Partial), Some(Conform), false));
        all.push(shared(8, Some(Partial), Some(Conform), false));
        all.push(shared(9, Some(Conform), Some(Nonconform), false));
        let agreement = agreement(&all);
        assert_eq!((agreement.shared, agreement.agreed), (10, 7));
        assert_eq!(agreement.disagreed, [7, 8, 9]);
        assert_eq!(agreement.share(), Some(Exact::ratio(7, 10)));
        let kappa = agreement.kappa.unwrap();
        assert_eq!(kappa.observed, Exact::ratio(7, 10));
        assert_eq!(kappa.expected, Exact::ratio(58, 100));
        assert_eq!(kappa.value, Some(Exact::ratio(2, 7)));
    }

    #[test]
    fn kappa_is_undefined_when_both_give_one_category_throughout() {
        let all = [
            shared(0, Some(Category::Conform), Some(Category::Conform), true),
            shared(1, Some(Category::Conform), Some(Category::Conform), true),
        ];
        let kappa = agreement(&all).kappa.unwrap();
        assert_eq!(kappa.value, None);
        assert_eq!(kappa.observed, Exact::one());
    }

    #[test]
    fn three_members_get_the_share_and_no_kappa() {
        let mut three = shared(0, Some(Category::Conform), Some(Category::Conform), true);
        three.judged.push(("张三".into(), Some(Category::Conform)));
        let all = [three, shared(1, None, None, false)];
        let agreement = agreement(&all);
        assert_eq!(agreement.share(), Some(Exact::ratio(1, 2)));
        assert_eq!(agreement.kappa, None);
    }
}
