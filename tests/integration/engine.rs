//! The engine against the scoring rules (docs/scoring.md): band edges
//! pinned exactly, cut display, special deductions, bonus, clamping,
//! exclusions and the float trap.

use crate::common::*;
use bscore::evaluate;
use bscore::{Checklist, Grade};
use bscore::{Exact, fixed};
use bscore::{Measure, Status};

/// (points lost out of 100, expected display, expected grade)
fn band_cases() -> Vec<(Exact, &'static str, Grade)> {
    let tiny = ratio(1, 1_000_000);
    vec![
        (Exact::from_integer(0), "100.00", Grade::Platinum),
        (Exact::from_integer(5), "95.00", Grade::Platinum),
        (Exact::from_integer(5) + &tiny, "94.99", Grade::Gold),
        (Exact::from_integer(10), "90.00", Grade::Gold),
        (Exact::from_integer(10) + &tiny, "89.99", Grade::Silver),
        (Exact::from_integer(20), "80.00", Grade::Silver),
        (Exact::from_integer(20) + &tiny, "79.99", Grade::Compliant),
        (Exact::from_integer(30), "70.00", Grade::Compliant),
        (Exact::from_integer(30) + &tiny, "69.99", Grade::Fail),
        // Cut, never rounded (docs/scoring.md): exact 69.996 shows 69.99 and fails; it is never rounded to 70.00.
        (ratio(30_004, 1000), "69.99", Grade::Fail),
        (Exact::from_integer(100), "0.00", Grade::Fail),
    ]
}

#[test]
fn band_edges_are_exact_and_inclusive() {
    let checklist = Checklist::builtin();
    for (lost, shown, grade) in band_cases() {
        let evaluation = evaluate(&checklist, &losing(&checklist, &lost)).unwrap();
        assert_eq!(
            evaluation.score,
            Exact::from_integer(100) - &lost,
            "score after losing {lost}"
        );
        assert_eq!(
            fixed(&evaluation.score, 2),
            shown,
            "display after losing {lost}"
        );
        assert_eq!(evaluation.grade, grade, "grade after losing {lost}");
    }
}

/// Eight nonconforming indicators and three samples (5/7, 13/21, 2/3) lose
/// exactly 10 points: exact score 90, gold. Summed naively in `f64`, in
/// checklist order, the same findings give 89.99999999999999.
#[test]
fn exact_ninety_grades_gold_where_f64_gives_89_99999999999999() {
    let checklist = Checklist::builtin();
    let mut audit = conforming(&checklist);
    for id in [
        "4.1.a", "4.1.b", "4.1.c", "4.1.d", "4.2.a", "4.2.b", "4.2.c", "4.2.d",
    ] {
        set(&mut audit, &checklist, id, coefficient(one()));
    }
    set(&mut audit, &checklist, "4.5.a", sample(7, 5));
    set(&mut audit, &checklist, "4.6.c", sample(21, 13));
    set(&mut audit, &checklist, "7.2.d-1", sample(3, 2));

    let naive_earned: f64 = checklist
        .indicators
        .iter()
        .zip(&audit.entries)
        .map(|(indicator, entry)| {
            let points: f64 = fixed(&indicator.points, 2).parse().unwrap();
            let coefficient = match entry.measure() {
                Some(Measure::Sample {
                    sampled,
                    nonconforming,
                }) => *nonconforming as f64 / *sampled as f64,
                Some(Measure::Coefficient(c)) => fixed(c, 2).parse().unwrap(),
                None => 0.0,
            };
            (1.0 - coefficient) * points
        })
        .sum();
    let naive_score = naive_earned / 100.0 * 100.0;
    assert_eq!(
        naive_score, 89.999_999_999_999_99,
        "the float trap this test guards against"
    );
    assert!(naive_score < 90.0);

    let evaluation = evaluate(&checklist, &audit).unwrap();
    assert_eq!(evaluation.score, Exact::from_integer(90));
    assert_eq!(fixed(&evaluation.score, 2), "90.00");
    assert_eq!(evaluation.grade, Grade::Gold);
}

#[test]
fn a_special_deduction_fails_even_a_full_score() {
    let checklist = Checklist::builtin();
    let evaluation = evaluate(&checklist, &with_deductions(conforming(&checklist), 1)).unwrap();
    assert_eq!(evaluation.score, Exact::from_integer(99));
    assert_eq!(evaluation.grade, Grade::Fail);
    assert!(!evaluation.passed());
}

#[test]
fn each_special_deduction_subtracts_one_point() {
    let checklist = Checklist::builtin();
    let audit = with_deductions(losing(&checklist, &Exact::from_integer(10)), 3);
    let evaluation = evaluate(&checklist, &audit).unwrap();
    assert_eq!(evaluation.normalized, Exact::from_integer(90));
    assert_eq!(evaluation.score, Exact::from_integer(87));
}

#[test]
fn the_bonus_adds_one_point_and_can_lift_a_band() {
    let checklist = Checklist::builtin();
    let evaluation =
        evaluate(&checklist, &with_bonus(losing(&checklist, &ratio(105, 10)))).unwrap();
    assert_eq!(evaluation.normalized, ratio(895, 10));
    assert_eq!(evaluation.score, ratio(905, 10));
    assert_eq!(evaluation.grade, Grade::Gold);
}

#[test]
fn scores_are_clamped_to_zero_and_one_hundred() {
    let checklist = Checklist::builtin();
    let top = evaluate(&checklist, &with_bonus(conforming(&checklist))).unwrap();
    assert_eq!(top.score, Exact::from_integer(100));
    assert_eq!(top.grade, Grade::Platinum);

    let bottom = evaluate(
        &checklist,
        &with_deductions(losing(&checklist, &Exact::from_integer(100)), 2),
    )
    .unwrap();
    assert_eq!(bottom.score, Exact::from_integer(0));
}

#[test]
fn exclusions_leave_points_out_of_both_sides() {
    let checklist = Checklist::builtin();
    let mut audit = conforming(&checklist);
    set(
        &mut audit,
        &checklist,
        "5.4",
        Status::Excluded {
            reason: "公有链".into(),
        },
    );
    set(&mut audit, &checklist, "4.1.a", coefficient(one()));
    let evaluation = evaluate(&checklist, &audit).unwrap();
    assert_eq!(evaluation.applicable, Exact::from_integer(98));
    assert_eq!(evaluation.earned, Exact::from_integer(97));
    assert_eq!(evaluation.normalized, ratio(9700, 98));
    let technical = &evaluation.categories[1];
    assert_eq!(
        (technical.earned.clone(), technical.applicable.clone()),
        (Exact::from_integer(23), Exact::from_integer(23))
    );
}

#[test]
fn a_rejected_exclusion_counts_like_any_other_indicator() {
    let checklist = Checklist::builtin();
    let mut audit = conforming(&checklist);
    set(
        &mut audit,
        &checklist,
        "5.7.a",
        Status::ExclusionRejected {
            reason: "不使用数字证书".into(),
            rejection: "使用 CA 证书".into(),
            measure: Measure::Coefficient(one()),
        },
    );
    let evaluation = evaluate(&checklist, &audit).unwrap();
    assert_eq!(evaluation.applicable, Exact::from_integer(100));
    assert_eq!(evaluation.score, Exact::from_integer(99));
}

#[test]
fn zero_point_indicators_never_change_a_score() {
    let checklist = Checklist::builtin();
    let mut audit = conforming(&checklist);
    for id in ["7.1.a-1", "7.1.a-2", "7.1.a-3"] {
        set(&mut audit, &checklist, id, coefficient(one()));
    }
    let evaluation = evaluate(&checklist, &audit).unwrap();
    assert_eq!(evaluation.score, Exact::from_integer(100));
}

#[test]
fn samples_use_the_nonconforming_proportion() {
    let checklist = Checklist::builtin();
    let mut audit = conforming(&checklist);
    set(&mut audit, &checklist, "6.3", sample(8, 3));
    let evaluation = evaluate(&checklist, &audit).unwrap();
    let index = checklist.lookup("6.3").unwrap();
    assert_eq!(evaluation.indicators[index].coefficient, Some(ratio(3, 8)));
    assert_eq!(evaluation.indicators[index].earned, ratio(25, 8));
    assert_eq!(evaluation.score, Exact::from_integer(100) - ratio(15, 8));
}

#[test]
fn group_and_category_subtotals_add_up() {
    let checklist = Checklist::builtin();
    let evaluation = evaluate(&checklist, &losing(&checklist, &ratio(777, 10))).unwrap();
    let by_groups: Exact = evaluation.groups.iter().map(|g| g.earned.clone()).sum();
    let by_categories: Exact = evaluation.categories.iter().map(|c| c.earned.clone()).sum();
    assert_eq!(by_groups, evaluation.earned);
    assert_eq!(by_categories, evaluation.earned);
    assert_eq!(evaluation.earned, ratio(223, 10));
}

#[test]
fn an_audit_excluding_everything_has_no_applicable_points() {
    let checklist = Checklist::builtin();
    let mut audit = conforming(&checklist);
    for entry in &mut audit.entries {
        entry.status = Status::Excluded {
            reason: "不适用".into(),
        };
    }
    let error = evaluate(&checklist, &audit).expect_err("nothing is left to score");
    assert_eq!(
        error.to_string(),
        "no applicable points: every indicator that carries points is excluded"
    );
}

#[test]
fn each_special_deduction_takes_the_checklists_points() {
    // A checklist that takes 2.5 points a deduction: three take 7.5.
    let source = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/checklists/t-stic-130010-2022.toml"
    ))
    .replacen(
        "special_deduction_points = 1",
        "special_deduction_points = 2.5",
        1,
    );
    assert!(source.contains("special_deduction_points = 2.5"));
    let checklist = Checklist::parse("custom.toml", &source).unwrap();
    let audit = with_deductions(conforming(&checklist), 3);
    let evaluation = evaluate(&checklist, &audit).unwrap();
    assert_eq!(evaluation.score, ratio(925, 10));
}
