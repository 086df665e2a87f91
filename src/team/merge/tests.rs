//! The merge's rules, each on parts small enough to work by hand.

use super::*;
use crate::audit::Measure;
use crate::number::Exact;

/// A part of `member` listing `indicators` (TOML lines), every other
/// indicator left to others.
fn part(member: &str, indicators: &str, more: &str) -> Part {
    let text = format!(
        "[audit]\norganization = \"示例\"\nservice = \"服务\"\nassessors = [\"{member}\"]\n\
         date = 2026-05-18\nkind = \"initial\"\npart = \"{member}\"\n\n[indicators]\n{indicators}\n{more}"
    );
    let checklist = Checklist::builtin();
    let audit = Audit::parse("part.toml", &text, &checklist)
        .unwrap_or_else(|e| panic!("{}", e.render(crate::message::Lang::En)));
    Part {
        file: format!("{member}.toml"),
        sha256: crate::trace::sha256(&text),
        audit,
    }
}

/// Every indicator but those in `skip`, conforming: the rest of a team's
/// work, so that the merge is complete.
fn the_rest(skip: &[&str]) -> String {
    (Checklist::builtin().indicators.iter())
        .filter(|indicator| !skip.contains(&indicator.id.as_str()))
        .map(|indicator| format!("\"{}\" = 0\n", indicator.id))
        .collect()
}

fn merged(parts: &[Part]) -> Merged {
    match merge(&Checklist::builtin(), parts, None, None).unwrap() {
        Outcome::Merged(merged) => *merged,
        Outcome::Unmerged(unmerged) => panic!("{unmerged:?}"),
    }
}

fn unmerged(parts: &[Part]) -> Unmerged {
    match merge(&Checklist::builtin(), parts, None, None).unwrap() {
        Outcome::Merged(_) => panic!("merged"),
        Outcome::Unmerged(unmerged) => *unmerged,
    }
}

fn entry<'a>(merged: &'a Merged, id: &str) -> &'a Entry {
    &merged.audit.entries[Checklist::builtin().lookup(id).unwrap()]
}

#[test]
fn three_members_agreeing_are_all_named_and_get_no_kappa() {
    let rest = the_rest(&["4.1.a"]);
    let parts = [
        part("甲", &format!("\"4.1.a\" = 0.5\n{rest}"), ""),
        part("乙", "\"4.1.a\" = 0.50", ""),
        part("丙", "\"4.1.a\" = { coefficient = 0.5 }", ""),
    ];
    let merged = merged(&parts);
    let taken = entry(&merged, "4.1.a");
    assert_eq!(taken.by, ["甲", "乙", "丙"]);
    assert_eq!(
        taken.measure(),
        Some(&Measure::Coefficient(Exact::ratio(1, 2)))
    );
    assert_eq!((merged.agreement.shared, merged.agreement.agreed), (1, 1));
    assert_eq!(merged.agreement.kappa, None);
    assert_eq!(merged.audit.meta.assessors, ["甲", "乙", "丙"]);
}

#[test]
fn an_exclusion_against_an_assessment_is_a_disagreement_with_both_sides() {
    let rest = the_rest(&["4.1.a"]);
    let parts = [
        part(
            "甲",
            &format!("\"4.1.a\" = {{ excluded = \"不提供咨询服务\" }}\n{rest}"),
            "",
        ),
        part(
            "乙",
            "\"4.1.a\" = { coefficient = 1, record = \"有咨询但无人员\" }",
            "",
        ),
    ];
    let unmerged = unmerged(&parts);
    let [conflict] = &unmerged.conflicts[..] else {
        panic!("{unmerged:?}")
    };
    assert_eq!(conflict.subject, Subject::Indicator(0));
    assert_eq!(conflict.sides[0].value.zh, "删减：不提供咨询服务");
    assert_eq!(conflict.sides[1].value.en, "coefficient 1");
    assert_eq!(conflict.sides[1].record.as_deref(), Some("有咨询但无人员"));
}

#[test]
fn special_deductions_are_joined_and_two_bonuses_disagree() {
    let rest = the_rest(&[]);
    let deduction = "[[special_deductions]]\nkind = \"law\"\nfinding = \"未备案\"\n";
    let parts = [
        part(
            "甲",
            &rest,
            &format!("{deduction}\n[bonus]\npractice = \"国密\"\n"),
        ),
        part(
            "乙",
            "",
            &format!(
                "{deduction}\n[[special_deductions]]\nkind = \"risk\"\nfinding = \"无预案\"\n\n[bonus]\npractice = \"零信任\"\n"
            ),
        ),
    ];
    let unmerged = unmerged(&parts);
    assert_eq!(unmerged.conflicts.len(), 1);
    assert_eq!(unmerged.conflicts[0].subject, Subject::Bonus);
    let deductions = special_deductions(&parts);
    assert_eq!(deductions.len(), 2);
    assert_eq!(deductions[0].by, ["甲", "乙"]);
    assert_eq!(deductions[1].by, ["乙"]);
}

#[test]
fn a_site_named_two_ways_is_a_disagreement() {
    let rest = the_rest(&[]);
    let parts = [
        part("甲", &rest, "[[sites]]\nid = \"sh\"\nname = \"上海\"\n"),
        part(
            "乙",
            "",
            "[[sites]]\nid = \"sh\"\nname = \"上海数据中心\"\n",
        ),
    ];
    let unmerged = unmerged(&parts);
    assert_eq!(unmerged.conflicts[0].subject, Subject::Site("sh".into()));
}

#[test]
fn an_indicator_no_one_assessed_is_named_unless_every_part_scores_it_conforming() {
    let rest = the_rest(&["4.1.a", "4.1.b"]);
    let parts = [part("甲", &rest, ""), part("乙", "\"4.1.b\" = 0", "")];
    let plan = vec!["乙".to_string(); 86];
    let Outcome::Unmerged(unmerged) =
        merge(&Checklist::builtin(), &parts, None, Some(&plan)).unwrap()
    else {
        panic!("merged")
    };
    assert_eq!(unmerged.unassessed, [(0, Some("乙".to_string()))]);
    let conform = |member: &str, lines: &str| {
        let mut part = part(member, lines, "");
        part.audit.meta.unassessed_conform = true;
        part
    };
    let parts = [conform("甲", &rest), conform("乙", "\"4.1.b\" = 0")];
    let merged = merged(&parts);
    assert_eq!(entry(&merged, "4.1.a").status, Status::Unassessed);
    // With the plan, the indicator scored as conforming is named.
    let Outcome::Merged(merged) = merge(&Checklist::builtin(), &parts, None, Some(&plan)).unwrap()
    else {
        panic!("unmerged")
    };
    assert_eq!(merged.conformed, [(0, "乙".to_string())]);
}

#[test]
fn the_plan_names_who_assessed_an_indicator_given_to_another() {
    let rest = the_rest(&["4.1.a"]);
    let parts = [part("甲", &rest, ""), part("乙", "\"4.1.a\" = 0", "")];
    let plan = vec!["甲".to_string(); 86];
    let Outcome::Merged(merged) = merge(&Checklist::builtin(), &parts, None, Some(&plan)).unwrap()
    else {
        panic!("unmerged")
    };
    let off = OffPlan {
        index: 0,
        assignee: "甲".into(),
        others: vec!["乙".into()],
        assignee_assessed: false,
    };
    assert_eq!(merged.off_plan, [off]);
}

#[test]
fn a_decimal_is_written_exactly() {
    assert_eq!(write::decimal(&Exact::ratio(1, 8)), "0.125");
    assert_eq!(write::decimal(&Exact::ratio(1, 1)), "1");
    assert_eq!(write::decimal(&Exact::ratio(3, 10_000_000)), "0.0000003");
}

#[test]
fn a_part_writing_what_only_the_merge_writes_is_refused() {
    let rest = the_rest(&["4.1.a"]);
    let parts = [
        part(
            "甲",
            &format!("\"4.1.a\" = {{ coefficient = 0, by = \"孙七\" }}\n{rest}"),
            "",
        ),
        part("乙", "", ""),
    ];
    let Err(Refused::Parts(problems)) = merge(&Checklist::builtin(), &parts, None, None) else {
        panic!("merged")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].0, "甲.toml");
    assert!(
        problems[0].1.en.contains("the part writes by (4.1.a)"),
        "{}",
        problems[0].1.en
    );
}

#[test]
fn a_take_of_items_the_member_never_judged_is_refused() {
    let rest = the_rest(&["4.1.a"]);
    let parts = [
        part(
            "甲",
            &format!("\"4.1.a\" = {{ samples = [{{ item = \"X\", conforms = true }}] }}\n{rest}"),
            "",
        ),
        part(
            "乙",
            "\"4.1.a\" = { samples = [{ item = \"X\", conforms = false }, { item = \"Y\", conforms = true }] }",
            "",
        ),
        part(
            "丙",
            "\"4.1.a\" = { samples = [{ item = \"Y\", conforms = false }] }",
            "",
        ),
    ];
    let text = "[resolve.\"4.1.a\"]\ntake = \"甲\"\nwhy = \"x\"\n";
    let resolutions = Resolutions::parse("r.toml", text).unwrap();
    let Err(Refused::Resolutions(problems)) =
        merge(&Checklist::builtin(), &parts, Some(&resolutions), None)
    else {
        panic!("settled by the order of the parts")
    };
    assert!(
        problems[0]
            .message
            .en
            .contains("甲 did not judge the items Y"),
        "{:?}",
        problems[0].message
    );
}
