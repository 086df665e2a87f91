//! The built-in checklist is Appendix A, and loading any checklist checks it.

use bscore::Exact;
use bscore::{BUILTIN_SOURCE, Checklist, Grade};
use num_traits::Zero;

fn total_of(checklist: &Checklist, category: &str) -> Exact {
    let index = checklist
        .categories
        .iter()
        .position(|c| c.id == category)
        .unwrap();
    checklist
        .indicators
        .iter()
        .filter(|i| i.category == index)
        .map(|i| i.points.clone())
        .sum()
}

#[test]
fn builtin_has_86_rows_in_appendix_order() {
    let checklist = Checklist::builtin();
    assert_eq!(checklist.code, "T/STIC130010-2022");
    assert_eq!(checklist.indicators.len(), 86);
    let ids: Vec<&str> = checklist.indicators.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.first(), Some(&"4.1.a"));
    assert_eq!(ids.last(), Some(&"7.2.d-3"));
    for label in [
        "4.3.d.1", "5.1", "5.5.d", "5.8.1", "5.9", "6.1.a", "6.3", "6.4.b", "7.1.a-1", "7.1.a-9",
        "7.1.b", "7.2.a", "7.2.b-1", "7.2.d-3",
    ] {
        assert!(ids.contains(&label), "{label} missing");
    }
    let position = |id: &str| ids.iter().position(|i| *i == id).unwrap();
    assert!(position("4.7.d") < position("5.1"));
    assert!(position("5.9") < position("6.1.a"));
    assert!(position("6.4.b") < position("7.1.a-1"));
}

#[test]
fn category_totals_are_33_25_25_17_and_100() {
    let checklist = Checklist::builtin();
    assert_eq!(total_of(&checklist, "service"), Exact::from_integer(33));
    assert_eq!(total_of(&checklist, "technical"), Exact::from_integer(25));
    assert_eq!(total_of(&checklist, "compliance"), Exact::from_integer(25));
    assert_eq!(total_of(&checklist, "management"), Exact::from_integer(17));
    let all: Exact = checklist.indicators.iter().map(|i| i.points.clone()).sum();
    assert_eq!(all, Exact::from_integer(100));
    assert_eq!(checklist.full_score, Exact::from_integer(100));
}

#[test]
fn unprinted_points_are_zero_and_5_9_has_two() {
    let checklist = Checklist::builtin();
    let points = |id: &str| {
        checklist.indicators[checklist.lookup(id).unwrap()]
            .points
            .clone()
    };
    for id in ["7.1.a-1", "7.1.a-2", "7.1.a-3"] {
        assert!(points(id).is_zero(), "{id}");
    }
    assert_eq!(points("5.9"), Exact::from_integer(2));
    assert_eq!(
        checklist.groups[checklist.indicators[checklist.lookup("5.9").unwrap()].group].name,
        "开发工具包"
    );
}

#[test]
fn body_clause_aliases_resolve_to_appendix_labels() {
    let checklist = Checklist::builtin();
    let id = |alias: &str| {
        checklist.indicators[checklist.lookup(alias).unwrap()]
            .id
            .clone()
    };
    assert_eq!(id("5.5.c"), "5.5.d");
    assert_eq!(id("5.8.a"), "5.8.1");
    assert_eq!(id("5.8.b"), "5.8.2");
    assert_eq!(id("5.8.c"), "5.8.3");
    assert_eq!(id("5.8.d"), "5.8.4");
    assert_eq!(checklist.lookup("5.5.x"), None);
}

#[test]
fn grade_bands_are_70_80_90_95() {
    let checklist = Checklist::builtin();
    let min = |grade| checklist.band(grade).min_score.clone();
    assert_eq!(min(Grade::Fail), None);
    assert_eq!(min(Grade::Compliant), Some(Exact::from_integer(70)));
    assert_eq!(min(Grade::Silver), Some(Exact::from_integer(80)));
    assert_eq!(min(Grade::Gold), Some(Exact::from_integer(90)));
    assert_eq!(min(Grade::Platinum), Some(Exact::from_integer(95)));
    assert_eq!(checklist.band(Grade::Gold).name, "四星级（金牌）");
}

#[test]
fn errata_record_the_8_3_a_prose_totals() {
    let checklist = Checklist::builtin();
    assert!(
        checklist
            .errata
            .iter()
            .any(|e| e.clause.starts_with("8.3 a") && e.text.contains("40"))
    );
}

/// The built-in file with one edit, which must be found.
fn broken(from: &str, to: &str) -> String {
    assert!(
        BUILTIN_SOURCE.contains(from),
        "fixture edit `{from}` does not apply"
    );
    BUILTIN_SOURCE.replacen(from, to, 1)
}

fn problems(source: &str) -> String {
    Checklist::parse("bad.toml", source)
        .expect_err("checklist should be rejected")
        .to_string()
}

#[test]
fn a_duplicate_id_is_rejected() {
    let text = problems(&broken("id = \"4.1.b\"", "id = \"4.1.a\""));
    assert!(
        text.contains("duplicate indicator id or alias `4.1.a`"),
        "{text}"
    );
}

#[test]
fn negative_points_are_rejected() {
    let text = problems(&broken(
        "id = \"4.1.a\"\ncategory = \"service\"\ngroup = \"4.1\"\npoints = 1",
        "id = \"4.1.a\"\ncategory = \"service\"\ngroup = \"4.1\"\npoints = -1",
    ));
    assert!(
        text.contains("indicators.points: must be 0 or more"),
        "{text}"
    );
}

#[test]
fn a_group_sum_that_misses_its_total_is_rejected() {
    let text = problems(&broken(
        "id = \"4.1.a\"\ncategory = \"service\"\ngroup = \"4.1\"\npoints = 1",
        "id = \"4.1.a\"\ncategory = \"service\"\ngroup = \"4.1\"\npoints = 2",
    ));
    assert!(
        text.contains("group 4.1 服务咨询 declares 4 points but its indicators add up to 5"),
        "{text}"
    );
}

#[test]
fn a_category_total_that_misses_its_groups_is_rejected() {
    let text = problems(&broken("total = 33", "total = 40"));
    assert!(
        text.contains("category service 服务要求 declares 40 points but its groups add up to 33"),
        "{text}"
    );
    assert!(
        text.contains("categories add up to 107 but the full score is 100"),
        "{text}"
    );
}

#[test]
fn unknown_groups_and_categories_are_all_reported_at_once() {
    let source = broken("group = \"4.1\"", "group = \"4.9\"").replacen(
        "category = \"technical\"",
        "category = \"tech\"",
        1,
    );
    let text = problems(&source);
    assert!(text.contains("unknown group `4.9`"), "{text}");
    assert!(text.contains("unknown category `tech`"), "{text}");
}

#[test]
fn an_indicator_in_another_categorys_group_is_rejected() {
    let text = problems(&broken(
        "category = \"service\"\ngroup = \"4.1\"",
        "category = \"technical\"\ngroup = \"4.1\"",
    ));
    assert!(
        text.contains("is in category `technical` but its group 4.1 is in `service`"),
        "{text}"
    );
}

#[test]
fn grade_bands_must_rise() {
    let text = problems(&broken("min_score = 90", "min_score = 75"));
    assert!(text.contains("must rise"), "{text}");
}

#[test]
fn unknown_keys_in_a_checklist_are_rejected() {
    let text = problems(&broken("points = 0.25", "pionts = 0.25"));
    assert!(text.contains("unknown field `pionts`"), "{text}");
}

#[test]
fn a_band_minimum_must_be_above_0_and_at_most_the_full_score() {
    let expected = "min_score must be above 0 and at most the full score 100";
    for wrong in ["min_score = 0", "min_score = -5", "min_score = 100.5"] {
        let text = problems(&broken("min_score = 70", wrong));
        assert!(text.contains(expected), "{wrong}: {text}");
    }
    // The full score itself is a possible minimum (only a perfect score).
    let top = broken("min_score = 95", "min_score = 100");
    assert!(Checklist::parse("top.toml", &top).is_ok());
}

#[test]
fn points_written_as_text_are_rejected_as_not_a_number() {
    let text = problems(&broken("points = 0.25", "points = \"0.25\""));
    assert!(text.contains("expected a number"), "{text}");
}

/// A grade is found however an assessor writes the name it clearly is:
/// short forms, half-width brackets, spaces, either language.
#[test]
fn a_grade_is_named_the_ways_assessors_write_it() {
    let checklist = Checklist::builtin();
    let cases = [
        ("银", Grade::Silver),
        ("银牌", Grade::Silver),
        ("三星", Grade::Silver),
        ("三星级", Grade::Silver),
        ("三星级(银牌)", Grade::Silver),
        ("三星级 （银牌）", Grade::Silver),
        ("Silver", Grade::Silver),
        ("three-star (silver)", Grade::Silver),
        ("四星级(金牌)", Grade::Gold),
        ("金牌", Grade::Gold),
        ("金", Grade::Gold),
        ("四星", Grade::Gold),
        ("铂金", Grade::Platinum),
        ("五星", Grade::Platinum),
        ("五星级（铂金）", Grade::Platinum),
        ("达标", Grade::Compliant),
        ("达标级", Grade::Compliant),
        ("不合格", Grade::Fail),
    ];
    for (name, grade) in cases {
        assert_eq!(checklist.grade_named(name), Some(grade), "{name}");
    }
    for not in ["", "best", "六星", "星", "级", "牌", "(", "银金"] {
        assert_eq!(checklist.grade_named(not), None, "{not:?}");
    }
}

#[test]
fn min_grade_takes_a_short_chinese_name() {
    let gold = crate::common::example("gold-supply-chain-finance.toml");
    for (name, code) in [("银", 0), ("四星级(金牌)", 0), ("三星", 0), ("铂金", 1)] {
        let output = crate::common::bscore(&["evaluate", "-q", &gold, "--min-grade", name]);
        assert_eq!(output.status.code(), Some(code), "{name}: {output:?}");
    }
}
