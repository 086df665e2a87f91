//! Invariants of the engine over random audits (proptest), generated as
//! audit *text* and read by bscore's own parser, like a file an assessor
//! writes (the generator is the reference scorer's, in reference.rs).

use crate::common::*;
use crate::reference::{AuditParts, audit_parts, decimal_text};
use bscore::Audit;
use bscore::Exact;
use bscore::{Checklist, Grade};
use bscore::{Evaluation, evaluate, grade};
use proptest::prelude::*;
use std::sync::LazyLock;

static CHECKLIST: LazyLock<Checklist> = LazyLock::new(Checklist::builtin);

/// bscore's evaluation of the audit written from `parts`, or `None` if no
/// points are left to assess (every indicator excluded).
fn evaluated(parts: &AuditParts) -> Option<Evaluation> {
    let text = parts.text();
    let audit = Audit::parse("audit.toml", &text, &CHECKLIST)
        .unwrap_or_else(|error| panic!("{error}\n{text}"));
    evaluate(&CHECKLIST, &audit).ok()
}

/// A coefficient from 0 to 1 in thousandths, and another at least as large.
fn raise() -> impl Strategy<Value = (u32, u32)> {
    (0u32..=1000).prop_flat_map(|low| (Just(low), low..=1000))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn score_stays_within_0_and_100(parts in audit_parts()) {
        let Some(evaluation) = evaluated(&parts) else { return Ok(()) };
        let (zero, hundred) = (Exact::from_integer(0), Exact::from_integer(100));
        prop_assert!(evaluation.score >= zero && evaluation.score <= hundred);
        prop_assert!(evaluation.normalized >= zero && evaluation.normalized <= hundred);
    }

    #[test]
    fn raising_a_coefficient_never_raises_the_score(
        parts in audit_parts(),
        index in 0usize..86,
        (low, high) in raise(),
    ) {
        let mut better = parts.clone();
        better.findings[index] = Some(decimal_text(low, 1000));
        let mut worse = parts;
        worse.findings[index] = Some(decimal_text(high, 1000));
        let (Some(before), Some(after)) = (evaluated(&better), evaluated(&worse)) else {
            return Ok(());
        };
        prop_assert!(after.score <= before.score);
        prop_assert!(after.grade <= before.grade);
    }

    #[test]
    fn a_special_deduction_always_fails(parts in audit_parts(), kind in 0usize..8) {
        let mut parts = parts;
        parts.deductions.push(kind);
        let Some(evaluation) = evaluated(&parts) else { return Ok(()) };
        prop_assert_eq!(evaluation.grade, Grade::Fail);
        prop_assert!(!evaluation.passed());
    }

    #[test]
    fn the_grade_never_falls_when_the_score_rises(
        a in 0i64..=1_000_000,
        b in 0i64..=1_000_000,
    ) {
        let (low, high) = (ratio(a.min(b), 10_000), ratio(a.max(b), 10_000));
        prop_assert!(grade(&CHECKLIST, &low, 0) <= grade(&CHECKLIST, &high, 0));
    }
}

/// An exact number from a random small or huge fraction.
fn exact_operand() -> impl Strategy<Value = (i128, i128)> {
    prop_oneof![
        (-1000i128..=1000, 1i128..=200),
        (any::<i128>(), 1i128..=i128::MAX),
    ]
}

proptest! {
    /// Exact's small fast path and its big fallback give exactly what
    /// BigRational gives, whatever the sizes.
    #[test]
    fn exact_arithmetic_matches_big_rationals(
        (a_n, a_d) in exact_operand(),
        (b_n, b_d) in exact_operand(),
    ) {
        use num_bigint::BigInt;
        use num_rational::BigRational;
        let (a, b) = (Exact::ratio(a_n, a_d), Exact::ratio(b_n, b_d));
        let big = |n: i128, d: i128| BigRational::new(BigInt::from(n), BigInt::from(d));
        let (x, y) = (big(a_n, a_d), big(b_n, b_d));
        prop_assert_eq!((&a + &b).to_big(), &x + &y);
        prop_assert_eq!((&a - &b).to_big(), &x - &y);
        prop_assert_eq!((&a * &b).to_big(), &x * &y);
        if b_n != 0 {
            prop_assert_eq!((&a / &b).to_big(), &x / &y);
        }
        prop_assert_eq!(a.cmp(&b), x.cmp(&y));
    }
}
