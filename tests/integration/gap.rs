//! `gap` finds the same plan as brute force on small synthetic checklists,
//! and known plans on the bundled examples are pinned.

use crate::common::*;
use bscore::evaluate;
use bscore::{Audit, Measure, Status};
use bscore::{Checklist, Grade};
use bscore::{Exact, fixed};
use bscore::{Fix, exclusion_sensitivity, next_band, plan};
use num_rational::BigRational;
use num_traits::Zero;
use proptest::prelude::*;

/// A checklist of one category and one group holding `points` (in
/// quarters), then one filler indicator that brings the total to 100; the
/// audits exclude the filler, so the score is decided by the others.
fn synthetic(points: &[u32]) -> Checklist {
    let mut points = points.to_vec();
    points.push(400 - points.iter().sum::<u32>());
    let total: u32 = points.iter().sum();
    let quarters = |q: u32| format!("{}", q as f64 / 4.0);
    let mut text = format!(
        r#"[standard]
code = "SYNTHETIC"
title = "合成"
title_en = "Synthetic"
full_score = 100
[scoring]
special_deduction_points = 1
bonus_points = 1
[cycle]
surveillance_interval_years = 1
recertification_interval_years = 3
[[grades]]
id = "fail"
name = "不合格"
name_en = "Fail"
[[grades]]
id = "compliant"
name = "达标级"
name_en = "Compliant"
min_score = 70
[[grades]]
id = "silver"
name = "三星级"
name_en = "Silver"
min_score = 80
[[grades]]
id = "gold"
name = "四星级"
name_en = "Gold"
min_score = 90
[[grades]]
id = "platinum"
name = "五星级"
name_en = "Platinum"
min_score = 95
[[special_deduction_kinds]]
id = "law"
text = "法"
text_en = "law"
[[categories]]
id = "all"
name = "全部"
name_en = "All"
clause = "1"
total = 100
[[groups]]
id = "1.1"
category = "all"
name = "组"
name_en = "Group"
total = {}
"#,
        quarters(total)
    );
    for (index, q) in points.iter().enumerate() {
        text.push_str(&format!(
            "[[indicators]]\nid = \"1.1.{index}\"\ncategory = \"all\"\ngroup = \"1.1\"\npoints = {}\ntext = \"t\"\ntext_en = \"t\"\n",
            quarters(*q)
        ));
    }
    Checklist::parse("synthetic.toml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// One synthetic finding: `Some((k, n))` loses k/n of the points, `None`
/// is an exclusion.
type Finding = Option<(u64, u64)>;

fn finding() -> impl Strategy<Value = Finding> {
    prop_oneof![
        3 => Just(Some((0, 1))),
        3 => (1u64..=12).prop_flat_map(|n| (0..=n, Just(n))).prop_map(Some),
        2 => Just(Some((1, 1))),
        1 => Just(None),
    ]
}

fn status(finding: Finding) -> Status {
    match finding {
        Some((k, 1)) => Status::Assessed(Measure::Coefficient(ratio(k as i64, 1))),
        Some((k, n)) => Status::Assessed(Measure::Sample {
            sampled: n,
            nonconforming: k,
        }),
        None => Status::Excluded {
            reason: "不适用".into(),
        },
    }
}

/// The band minimums of `synthetic`, as the test wrote them there.
fn minimum(target: Grade) -> BigRational {
    let score = match target {
        Grade::Compliant => 70,
        Grade::Silver => 80,
        Grade::Gold => 90,
        Grade::Platinum => 95,
        Grade::Fail => unreachable!("gap refuses fail as a target"),
    };
    BigRational::from_integer(score.into())
}

/// Every subset of the indicators with something to recover, smallest
/// first, then least recovered, then first in order: the first that
/// reaches the target. Scored here with num-rational from the points (in
/// quarters) and the findings alone, not with bscore's engine.
fn brute_force(
    points: &[u32],
    findings: &[Finding],
    bonus: bool,
    target: Grade,
) -> Option<(Vec<usize>, BigRational)> {
    let q = |n: u64, d: u64| BigRational::new(n.into(), d.into());
    let assessed: Vec<(usize, BigRational, BigRational)> = (points.iter().zip(findings))
        .enumerate()
        .filter_map(|(i, (&p, f))| f.map(|(k, n)| (i, q(p.into(), 4), q(k, n))))
        .collect();
    let applicable: BigRational = assessed.iter().map(|(_, points, _)| points).sum();
    let earned: BigRational = (assessed.iter())
        .map(|(_, points, lost)| points * (q(1, 1) - lost))
        .sum();
    let candidates: Vec<(usize, BigRational)> = (assessed.iter())
        .filter(|(_, _, lost)| !lost.is_zero())
        .map(|(i, points, lost)| (*i, points * lost))
        .collect();
    let mut best: Option<(usize, BigRational, Vec<usize>, BigRational)> = None;
    for mask in 0u32..(1 << candidates.len()) {
        let chosen: Vec<usize> = (0..candidates.len())
            .filter(|b| mask & (1 << b) != 0)
            .collect();
        let gain: BigRational = chosen.iter().map(|&b| &candidates[b].1).sum();
        let bonus = if bonus { q(1, 1) } else { q(0, 1) };
        let score = ((&earned + &gain) / &applicable * q(100, 1) + bonus).min(q(100, 1));
        if score < minimum(target) {
            continue;
        }
        let ids: Vec<usize> = chosen.iter().map(|&b| candidates[b].0).collect();
        let key = (ids.len(), gain.clone(), ids.clone());
        let better = match &best {
            None => true,
            Some((count, best_gain, best_ids, _)) => {
                key < (*count, best_gain.clone(), best_ids.clone())
            }
        };
        if better {
            best = Some((ids.len(), gain, ids, score));
        }
    }
    best.map(|(_, _, ids, score)| (ids, score))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_search_agrees_with_brute_force(
        points in prop::collection::vec(1u32..=12, 3..=10),
        findings in prop::collection::vec(finding(), 10),
        bonus in any::<bool>(),
        target in prop::sample::select(vec![Grade::Compliant, Grade::Silver, Grade::Gold, Grade::Platinum]),
    ) {
        let checklist = synthetic(&points);
        let findings = &findings[..points.len()];
        let mut audit = conforming(&checklist);
        for (entry, finding) in audit.entries.iter_mut().zip(findings) {
            entry.status = status(*finding);
        }
        audit.entries[points.len()].status = Status::Excluded { reason: "filler".into() };
        prop_assume!(findings.iter().any(Option::is_some));
        prop_assume!(findings.iter().flatten().any(|(k, _)| *k > 0));
        let audit = if bonus { with_bonus(audit) } else { audit };
        let evaluation = evaluate(&checklist, &audit).unwrap();
        let found = plan(&checklist, &evaluation, target);
        match brute_force(&points, findings, bonus, target) {
            Some((fixes, score)) => {
                prop_assert!(found.reachable);
                prop_assert_eq!(found.fixes.iter().map(|fix| fix.index).collect::<Vec<_>>(), fixes);
                prop_assert_eq!(found.score_after.to_big(), score);
            }
            None => prop_assert!(!found.reachable),
        }
    }
}

fn parsed_example(name: &str) -> (Checklist, Audit) {
    let checklist = Checklist::builtin();
    let text =
        std::fs::read_to_string(format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let audit = Audit::parse(name, &text, &checklist).unwrap();
    (checklist, audit)
}

fn ids(checklist: &Checklist, fixes: &[Fix]) -> Vec<String> {
    fixes
        .iter()
        .map(|fix| checklist.indicators[fix.index].id.clone())
        .collect()
}

#[test]
fn silver_to_gold_takes_two_fixes() {
    let (checklist, audit) = parsed_example("silver-traceability.toml");
    let evaluation = evaluate(&checklist, &audit).unwrap();
    let gap = plan(&checklist, &evaluation, Grade::Gold);
    assert!(gap.reachable && !gap.blocked_by_special_deductions);
    assert_eq!(ids(&checklist, &gap.fixes), ["4.1.d", "7.1.b"]);
    assert_eq!(fixed(&gap.score_after, 2), "90.15");
}

#[test]
fn a_special_deduction_blocks_every_band() {
    let (checklist, audit) = parsed_example("fail-special-deduction.toml");
    let evaluation = evaluate(&checklist, &audit).unwrap();
    let gap = plan(&checklist, &evaluation, Grade::Platinum);
    assert!(gap.blocked_by_special_deductions);
    assert!(
        gap.reachable && gap.fixes.is_empty(),
        "96.93 + 1 reaches platinum once rectified"
    );
    assert_eq!(next_band(&checklist, &evaluation), None);
}

#[test]
fn a_target_already_reached_needs_no_fixes() {
    let checklist = Checklist::builtin();
    let mut audit = conforming(&checklist);
    set(
        &mut audit,
        &checklist,
        "4.1.a",
        Status::Excluded { reason: "x".into() },
    );
    for id in ["7.1.a-1", "7.1.a-2"] {
        set(
            &mut audit,
            &checklist,
            id,
            coefficient(Exact::from_integer(1)),
        );
    }
    let evaluation = evaluate(&checklist, &audit).unwrap();
    // Platinum is already reached; aim at it with a score that cannot move.
    let gap = plan(&checklist, &evaluation, Grade::Platinum);
    assert!(gap.reachable && gap.fixes.is_empty());
    assert_eq!(gap.score_after, Exact::from_integer(100));
}

#[test]
fn the_next_band_names_the_points_missing() {
    let (checklist, audit) = parsed_example("silver-traceability.toml");
    let evaluation = evaluate(&checklist, &audit).unwrap();
    let next = next_band(&checklist, &evaluation).unwrap();
    assert_eq!(next.grade, Grade::Gold);
    assert_eq!(next.missing, Exact::from_integer(90) - &evaluation.score);
    assert_eq!(fixed(&next.missing, 2), "2.84");
}

#[test]
fn exclusion_sensitivity_rejects_every_exclusion_both_ways() {
    let (checklist, audit) = parsed_example("gold-supply-chain-finance.toml");
    let evaluation = evaluate(&checklist, &audit).unwrap();
    let sensitivity = exclusion_sensitivity(&checklist, &evaluation).unwrap();
    assert_eq!(sensitivity.exclusions, 1);
    // 5.9 (2 points) excluded: 92.75 of 98 today.
    assert_eq!(sensitivity.all_nonconforming.score, ratio(9275, 100));
    assert_eq!(sensitivity.all_nonconforming.grade, Grade::Gold);
    assert_eq!(sensitivity.all_conforming.score, ratio(9475, 100));
    assert_eq!(sensitivity.all_conforming.grade, Grade::Gold);
    let (checklist, audit) = parsed_example("silver-traceability.toml");
    let evaluation = evaluate(&checklist, &audit).unwrap();
    assert_eq!(exclusion_sensitivity(&checklist, &evaluation), None);
}

/// An audit whose every indicator has its own four-place coefficient:
/// the plan has the fewest fixes there are (the largest losses first reach
/// the target in as many), reaches the target, and says whether the
/// tie-break among equally short plans was searched to the end.
#[test]
fn a_plan_among_many_equal_ones_has_the_fewest_fixes_and_says_if_it_is_proven() {
    let checklist = &Checklist::builtin();
    let mut state: u64 = 11;
    let lines: String = (checklist.indicators.iter())
        .map(|indicator| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1)
                >> 1;
            let sampled = 1_000_000_000_000_000_000 - state % 1_000_000;
            let nonconforming = state % 200_000_000_000_000_000;
            format!(
                "\"{}\" = {{ sampled = {sampled}, nonconforming = {nonconforming} }}\n",
                indicator.id
            )
        })
        .collect();
    let gold =
        std::fs::read_to_string(crate::common::example("gold-supply-chain-finance.toml")).unwrap();
    let header = &gold[..gold.find("[indicators]").unwrap()];
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("samples.toml");
    std::fs::write(&path, format!("{header}[indicators]\n{lines}")).unwrap();
    let output = crate::common::bscore(&[
        "gap",
        path.to_str().unwrap(),
        "--target",
        "platinum",
        "--format",
        "json",
    ]);
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["reachable"], true, "{result}");
    assert!(result["proven_smallest"].is_boolean(), "{result}");
    assert!(result["score_after"].as_f64().unwrap() >= 95.0, "{result}");
    // The fewest: the largest losses, taken in turn, need as many.
    let audit = Audit::parse(
        "samples.toml",
        &std::fs::read_to_string(&path).unwrap(),
        checklist,
    )
    .unwrap();
    let evaluation = evaluate(checklist, &audit).unwrap();
    let mut losses: Vec<Exact> = (evaluation.indicators.iter())
        .map(|score| &score.points - &score.earned)
        .collect();
    losses.sort_by(|a, b| b.cmp(a));
    let target = plan(checklist, &evaluation, Grade::Platinum);
    let mut recovered = Exact::from_integer(0);
    let fewest = 1
        + (losses.iter())
            .position(|loss| {
                recovered = &recovered + loss;
                let normalized = (&evaluation.earned + &recovered) / &evaluation.applicable
                    * &checklist.full_score;
                normalized + &evaluation.bonus_points >= target.target_score
            })
            .unwrap();
    assert_eq!(result["fixes"].as_array().unwrap().len(), fewest);
    // The table says when the plan is not proven the smallest.
    let table = crate::common::bscore(&["gap", path.to_str().unwrap(), "--target", "platinum"]);
    let said = String::from_utf8_lossy(&table.stdout).contains("未能逐一比较");
    assert_eq!(said, result["proven_smallest"] == false);
}
