//! One assessor's part of the plan (`bscore template --plan PLAN
//! --assessor NAME`, docs/team.md): an audit holding the plan's header,
//! `part = NAME`, the plan's sites and only the indicators the plan gives
//! NAME, written by the template (`crate::template::part_template`) or as
//! the form.

use super::Plan;
use crate::diagnostic::did_you_mean;
use crate::message::{Text, t};
use crate::template::PartHead;

/// The member of `plan` called `name`, or why there is none: the team's
/// names, and the one meant when one is close.
pub fn member_named(plan: &Plan, name: &str) -> Result<usize, (Text, Text)> {
    if let Some(member) = plan.member(name) {
        return Ok(member);
    }
    let names = plan.team.iter().map(|member| member.name.as_str());
    let listed: Vec<String> = names.clone().map(|name| format!("`{name}`")).collect();
    let (zh, en) = (listed.join("、"), listed.join(", "));
    let shown = crate::text::shortened(name);
    let message = t!(
        "评价组中没有“{shown}”：组员为 {zh}",
        "\"{shown}\" is not a member of the team: the members are {en}"
    );
    let help = match did_you_mean(name, names) {
        Some(meant) => t!(
            "是否应为 --assessor {meant}？",
            "did you mean --assessor {meant}?"
        ),
        None => t!(
            "--assessor 写计划 [[team]] 中某位组员的 name",
            "give --assessor the name of a member of the plan's [[team]]"
        ),
    };
    Err((message, help))
}

/// What `member`'s part is filled in with.
pub fn part_head(plan: &Plan, member: usize) -> PartHead<'_> {
    PartHead {
        organization: &plan.organization,
        service: &plan.service,
        kind: plan.kind.id(),
        assessor: &plan.team[member].name,
        sites: (plan.sites.iter())
            .map(|site| (site.id.as_str(), site.name.as_str()))
            .collect(),
        indicators: (plan.assignment.assessor.iter())
            .map(|assessor| *assessor == member)
            .collect(),
    }
}

/// `member`'s part of `plan` as the form to fill in: the header and the
/// sites filled, a row only for each of the member's indicators, and the
/// part's own points as its totals (`crate::form::part_workbook`).
pub fn part_form(
    checklist: &crate::checklist::Checklist,
    plan: &Plan,
    member: usize,
    rules: Option<&crate::rules::Rules>,
    lang: crate::message::Lang,
) -> std::io::Result<Vec<u8>> {
    let head = part_head(plan, member);
    let meta = crate::audit::AuditMeta {
        standard: Some(checklist.code.clone()),
        organization: plan.organization.clone(),
        service: plan.service.clone(),
        assessors: vec![plan.team[member].name.clone()],
        date: plan.from,
        cycle_start: None,
        kind: plan.kind,
        unassessed_conform: false,
        part: Some(plan.team[member].name.clone()),
    };
    let part = crate::form::PartForm {
        meta: &meta,
        sites: &plan.sites,
        listed: &head.indicators,
    };
    crate::form::part_workbook(checklist, &part, rules, lang)
}
