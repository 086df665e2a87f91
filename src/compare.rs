//! Two audits of the same service, side by side: for surveillance against
//! the initial evaluation, or two assessors' audits. Pure.

use crate::audit::{Audit, Bonus, SpecialDeduction};

/// What differs between an old and a new audit of the same checklist.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Checklist indices of the indicators whose finding, record or note
    /// differ, in checklist order.
    pub changed: Vec<usize>,
    /// Special deductions in the new audit and not the old.
    pub deductions_added: Vec<SpecialDeduction>,
    /// Special deductions in the old audit and not the new.
    pub deductions_removed: Vec<SpecialDeduction>,
    /// The bonus, if it changed: (old, new).
    pub bonus_change: Option<(Option<Bonus>, Option<Bonus>)>,
}

/// Compares two audits validated against the same checklist.
pub fn compare(old: &Audit, new: &Audit) -> Comparison {
    let changed = old
        .entries
        .iter()
        .zip(&new.entries)
        .enumerate()
        .filter(|(_, (old, new))| old != new)
        .map(|(index, _)| index)
        .collect();
    Comparison {
        changed,
        deductions_added: missing_from(&new.special_deductions, &old.special_deductions),
        deductions_removed: missing_from(&old.special_deductions, &new.special_deductions),
        bonus_change: (old.bonus != new.bonus).then(|| (old.bonus.clone(), new.bonus.clone())),
    }
}

/// The items of `these` not matched in `those`, counting repeats.
fn missing_from(these: &[SpecialDeduction], those: &[SpecialDeduction]) -> Vec<SpecialDeduction> {
    let mut unmatched: Vec<&SpecialDeduction> = those.iter().collect();
    these
        .iter()
        .filter(
            |item| match unmatched.iter().position(|other| other == item) {
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

    fn deduction(kind: &str, finding: &str) -> SpecialDeduction {
        SpecialDeduction {
            kind: kind.into(),
            finding: finding.into(),
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
