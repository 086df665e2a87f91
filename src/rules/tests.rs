//! Tests of [`super::breaches`] and of the model's look-ups, on rules
//! built by hand: each expected breach is worked out from docs/rules.md ("What an audit may give, under a 细则").

use super::*;
use crate::audit::{Measure, Status};
use crate::number::Exact;

fn level(numerator: i128, denominator: i128, written: &str) -> Level {
    Level {
        coefficient: Exact::ratio(numerator, denominator),
        written: written.to_string(),
        when: None,
    }
}

/// Levels 0, 0.5, 1; no sample; exclusion as given.
fn graded(exclusion: bool) -> Rule {
    Rule {
        methods: vec![Method::Document],
        evidence: Vec::new(),
        levels: Some(vec![level(0, 1, "0"), level(1, 2, "0.5"), level(1, 1, "1")]),
        sample: None,
        exclusion,
        guidance: None,
    }
}

/// No levels; a sample of at least 5.
fn sampled() -> Rule {
    Rule {
        methods: vec![Method::Sampling],
        evidence: Vec::new(),
        levels: None,
        sample: Some(Sampling {
            unit: "需求变更记录".to_string(),
            minimum: 5,
        }),
        exclusion: true,
        guidance: None,
    }
}

/// Nothing restricted: Appendix A alone.
fn open() -> Rule {
    Rule {
        methods: Vec::new(),
        evidence: Vec::new(),
        levels: None,
        sample: None,
        exclusion: true,
        guidance: None,
    }
}

fn coefficient(numerator: i128, denominator: i128) -> Status {
    Status::Assessed(Measure::Coefficient(Exact::ratio(numerator, denominator)))
}

fn sample(sampled: u64, nonconforming: u64) -> Status {
    Status::Assessed(Measure::Sample {
        sampled,
        nonconforming,
    })
}

fn excluded() -> Status {
    Status::Excluded {
        reason: "采用公有链".to_string(),
    }
}

#[test]
fn a_listed_coefficient_passes_and_another_is_a_breach() {
    let rule = graded(true);
    assert_eq!(breaches(&rule, &coefficient(1, 2), None), vec![]);
    // 0.50 is the level 0.5: equal as numbers.
    assert_eq!(breaches(&rule, &coefficient(50, 100), None), vec![]);
    assert_eq!(
        breaches(&rule, &coefficient(1, 4), None),
        vec![Breach::Coefficient {
            given: Exact::ratio(1, 4)
        }]
    );
}

#[test]
fn a_sample_where_the_rule_lists_levels_and_no_sample_is_a_breach() {
    assert_eq!(
        breaches(&graded(true), &sample(8, 3), None),
        vec![Breach::SampleNotAllowed]
    );
    // Without levels nor sample (Appendix A alone) a sample is fine.
    assert_eq!(breaches(&open(), &sample(8, 3), None), vec![]);
}

#[test]
fn a_coefficient_where_the_rule_asks_for_a_sample_is_a_breach() {
    assert_eq!(
        breaches(&sampled(), &coefficient(0, 1), None),
        vec![Breach::SampleRequired]
    );
}

#[test]
fn a_sample_below_the_minimum_is_a_breach_unless_it_is_the_whole_population() {
    let rule = sampled();
    assert_eq!(
        breaches(&rule, &sample(4, 1), None),
        vec![Breach::SampleTooSmall {
            sampled: 4,
            minimum: 5
        }]
    );
    assert_eq!(breaches(&rule, &sample(5, 1), None), vec![]);
    // Four items of a population of four: all of them.
    assert_eq!(breaches(&rule, &sample(4, 1), Some(4)), vec![]);
    assert_eq!(
        breaches(&rule, &sample(4, 1), Some(40)),
        vec![Breach::SampleTooSmall {
            sampled: 4,
            minimum: 5
        }]
    );
}

#[test]
fn an_exclusion_is_a_breach_only_where_the_rule_forbids_it() {
    assert_eq!(breaches(&graded(true), &excluded(), None), vec![]);
    assert_eq!(
        breaches(&graded(false), &excluded(), None),
        vec![Breach::ExclusionForbidden]
    );
}

#[test]
fn a_rejected_exclusion_is_judged_by_its_assessment() {
    let rejected = |measure| Status::ExclusionRejected {
        reason: "不适用".to_string(),
        rejection: "实际使用".to_string(),
        measure,
    };
    let rule = graded(false);
    let listed = rejected(Measure::Coefficient(Exact::ratio(1, 1)));
    assert_eq!(breaches(&rule, &listed, None), vec![]);
    let unlisted = rejected(Measure::Coefficient(Exact::ratio(3, 10)));
    assert_eq!(
        breaches(&rule, &unlisted, None),
        vec![Breach::Coefficient {
            given: Exact::ratio(3, 10)
        }]
    );
}

#[test]
fn an_unassessed_indicator_breaks_nothing() {
    assert_eq!(breaches(&graded(false), &Status::Unassessed, None), vec![]);
    assert_eq!(breaches(&sampled(), &Status::Unassessed, None), vec![]);
}

#[test]
fn a_rule_with_levels_and_a_sample_takes_either_a_listed_level_or_a_sample() {
    let mut rule = graded(true);
    rule.sample = sampled().sample;
    assert_eq!(breaches(&rule, &coefficient(1, 2), None), vec![]);
    assert_eq!(breaches(&rule, &sample(6, 1), None), vec![]);
    assert_eq!(
        breaches(&rule, &coefficient(1, 3), None),
        vec![Breach::Coefficient {
            given: Exact::ratio(1, 3)
        }]
    );
}

#[test]
fn the_conforming_level_is_the_level_of_zero() {
    let mut rule = graded(true);
    rule.levels = Some(vec![
        Level {
            when: Some("齐全".to_string()),
            ..level(0, 1, "0")
        },
        level(1, 1, "1"),
    ]);
    assert_eq!(
        rule.conforming().and_then(|level| level.when.as_deref()),
        Some("齐全")
    );
    assert!(open().conforming().is_none());
}

#[test]
fn an_unnamed_indicator_takes_the_defaults_and_a_named_one_its_own() {
    let rules = Rules {
        title: "t".to_string(),
        version: "1".to_string(),
        standard: None,
        sha256: String::new(),
        defaults: Some(graded(true)),
        named: vec![None, Some(sampled())],
    };
    assert_eq!(rules.rule(0), Some(&graded(true)));
    assert_eq!(rules.rule(1), Some(&sampled()));
    assert!(!rules.names(0) && rules.names(1));
    let without = Rules {
        defaults: None,
        ..rules
    };
    assert_eq!(without.rule(0), None);
}
