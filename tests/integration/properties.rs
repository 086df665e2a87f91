//! Invariants of the engine over random audits (proptest).

use crate::common::*;
use bscore::audit::{Audit, Measure, Status};
use bscore::checklist::{Checklist, Grade};
use bscore::engine::{evaluate, grade};
use bscore::number::Exact;
use num_traits::Zero;
use proptest::prelude::*;
use std::sync::LazyLock;

static CHECKLIST: LazyLock<Checklist> = LazyLock::new(Checklist::builtin);

/// One indicator's finding: mostly coefficients and samples up to 200, now
/// and then an exclusion or a rejected one.
fn finding() -> impl Strategy<Value = Status> {
    let coefficient = (1u64..=200)
        .prop_flat_map(|d| (0..=d, Just(d)))
        .prop_map(|(n, d)| Status::Assessed(Measure::Coefficient(ratio(n as i64, d as i64))));
    let sampled = (1u64..=200)
        .prop_flat_map(|s| (0..=s, Just(s)))
        .prop_map(|(k, s)| {
            Status::Assessed(Measure::Sample {
                sampled: s,
                nonconforming: k,
            })
        });
    prop_oneof![
        4 => Just(Status::Assessed(Measure::Coefficient(Exact::zero()))),
        3 => coefficient,
        3 => sampled,
        1 => Just(Status::Excluded { reason: "不适用".into() }),
        1 => Just(Status::ExclusionRejected {
            reason: "不适用".into(),
            rejection: "理由不成立".into(),
            measure: Measure::Coefficient(Exact::from_integer(1)),
        }),
    ]
}

fn audit() -> impl Strategy<Value = Audit> {
    let count = CHECKLIST.indicators.len();
    (
        prop::collection::vec(finding(), count),
        0usize..3,
        any::<bool>(),
    )
        .prop_map(|(findings, deductions, bonus)| {
            let mut audit = conforming(&CHECKLIST);
            for (entry, status) in audit.entries.iter_mut().zip(findings) {
                entry.status = status;
            }
            let audit = with_deductions(audit, deductions);
            if bonus { with_bonus(audit) } else { audit }
        })
}

fn has_applicable_points(audit: &Audit) -> bool {
    audit
        .entries
        .iter()
        .zip(&CHECKLIST.indicators)
        .any(|(entry, indicator)| !entry.is_excluded() && !indicator.points.is_zero())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn score_stays_within_0_and_100(audit in audit()) {
        prop_assume!(has_applicable_points(&audit));
        let evaluation = evaluate(&CHECKLIST, &audit).unwrap();
        prop_assert!(evaluation.score >= Exact::from_integer(0) && evaluation.score <= Exact::from_integer(100));
        prop_assert!(evaluation.normalized >= Exact::from_integer(0) && evaluation.normalized <= Exact::from_integer(100));
    }

    #[test]
    fn raising_a_coefficient_never_raises_the_score(
        audit in audit(),
        index in 0usize..86,
        (raise_n, raise_d) in (1u64..=100).prop_flat_map(|d| (0..=d, Just(d))),
    ) {
        prop_assume!(has_applicable_points(&audit));
        let Some(measure) = audit.entries[index].measure() else {
            return Ok(());
        };
        let before = evaluate(&CHECKLIST, &audit).unwrap();
        let current = measure.coefficient();
        // Move the coefficient part of the way towards 1.
        let raised = &current + (Exact::from_integer(1) - &current) * ratio(raise_n as i64, raise_d as i64);
        let mut worse = audit.clone();
        worse.entries[index].status = Status::Assessed(Measure::Coefficient(raised));
        let after = evaluate(&CHECKLIST, &worse).unwrap();
        prop_assert!(after.score <= before.score);
        prop_assert!(after.grade <= before.grade);
    }

    #[test]
    fn a_special_deduction_always_fails(audit in audit(), extra in 1usize..4) {
        prop_assume!(has_applicable_points(&audit));
        let audit = with_deductions(audit, extra);
        let evaluation = evaluate(&CHECKLIST, &audit).unwrap();
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
