//! The plan loader on its own: what it accepts (the words audits accept,
//! categories by name, aliases in `[assign]`) and the plan it gives.

use super::parse;
use crate::checklist::Checklist;
use crate::message::Lang;

/// The example plan, with `from` replaced by `to`.
fn example(from: &str, to: &str) -> String {
    let text = include_str!("../../../examples/team/plan.toml");
    assert!(text.contains(from), "{from}");
    text.replacen(from, to, 1)
}

#[test]
fn the_example_plan_loads_with_every_indicator_assigned() {
    let checklist = Checklist::builtin();
    let plan = parse("plan.toml", &example("", ""), &checklist).unwrap();
    assert_eq!(plan.team.len(), 2);
    assert_eq!(plan.leader, 0);
    assert_eq!(plan.sites.len(), 1);
    let d = checklist.lookup("6.2.d").unwrap();
    assert_eq!(plan.assigned[d], Some(0));
    assert_eq!(plan.assignment.assessor[d], 0);
    assert_eq!(plan.assignment.assessor.len(), checklist.indicators.len());
    let total: usize = plan.assignment.counts.iter().sum();
    assert_eq!(total, checklist.indicators.len());
}

#[test]
fn categories_kinds_and_ids_are_read_as_audits_read_them() {
    let checklist = Checklist::builtin();
    let text = example(
        "[\"service\", \"management\"]",
        "[\"服务要求\", \"Management requirements\"]",
    )
    .replacen("kind = \"initial\"", "kind = \"监督评价\"", 1);
    let plan = parse("plan.toml", &text, &checklist).unwrap();
    assert_eq!(plan.team[0].categories, vec![0, 3]);
    assert_eq!(plan.kind, crate::audit::AuditKind::Surveillance);
    // An alias in [assign] names the indicator it stands for.
    let indicator = (checklist.indicators.iter())
        .find(|indicator| !indicator.aliases.is_empty())
        .expect("the built-in checklist has aliases");
    let alias = &indicator.aliases[0];
    let text = example("\"6.2.d\" = \"王五\"", &format!("\"{alias}\" = \"赵六\""));
    let plan = parse("plan.toml", &text, &checklist).unwrap();
    let index = checklist.lookup(&indicator.id).unwrap();
    assert_eq!(plan.assignment.assessor[index], 1);
}

#[test]
fn an_audit_given_as_the_plan_is_named_as_one() {
    let checklist = Checklist::builtin();
    let audit = "[audit]\norganization = \"x\"\n";
    let error = parse("audit.toml", audit, &checklist).unwrap_err();
    let told = error.render(Lang::En);
    assert!(told.contains("this is an audit"), "{told}");
}

#[test]
fn a_member_with_no_categories_and_no_assignment_leaves_nothing_out() {
    // A member who may assess nothing is allowed: the others cover all.
    let checklist = Checklist::builtin();
    let text = example("", "").replacen(
        "[[sites]]",
        "[[team]]\nname = \"孙七\"\ncategories = []\n\n[[sites]]",
        1,
    );
    let plan = parse("plan.toml", &text, &checklist).unwrap();
    assert_eq!(plan.assignment.counts[2], 0);
}

#[test]
fn an_indicator_assigned_by_its_id_and_an_alias_is_refused() {
    let checklist = Checklist::builtin();
    let indicator = (checklist.indicators.iter())
        .find(|indicator| !indicator.aliases.is_empty())
        .expect("the built-in checklist has aliases");
    let (id, alias) = (&indicator.id, &indicator.aliases[0]);
    let text = example(
        "\"6.2.d\" = \"王五\"",
        &format!("\"{id}\" = \"王五\"\n\"{alias}\" = \"赵六\""),
    );
    let error = parse("plan.toml", &text, &checklist).unwrap_err();
    let told = error.render(Lang::En);
    assert!(
        told.contains(&format!(
            "indicator {id} is given an assessor on line 26 already"
        )),
        "{told}"
    );
    assert!(told.contains("plan.toml:27:1"), "{told}");
}
