//! The last sections of the evaluation report: the sign-off, a table of
//! the roles that sign it (the team leader, each assessor, the reviewer,
//! the operator's confirmation) with the names the audit and the plan
//! know, the signature and date left to write by hand; and the
//! provenance, every input's SHA-256 and bscore's version, so that the
//! result can be checked again (`bscore verify`).

use super::context::Context;
use super::document::{Block, Section, Table};
use crate::render::provenance as result_provenance;

/// The sign-off table.
pub(super) fn signoff(context: &Context<'_>) -> Section {
    let own = context.own;
    let [leader_role, assessor_role, reviewer_role, operator_role] = own.roles;
    let words = &context.words;
    let meta = &context.report.audit.meta;
    let leader = context
        .plan
        .map(|input| input.plan.team[input.plan.leader].name.trim().to_string());
    let row = |role: &str, name: &str| {
        vec![
            role.to_string(),
            words.free(name).into_owned(),
            String::new(),
            String::new(),
        ]
    };
    let mut rows = vec![row(leader_role, leader.as_deref().unwrap_or_default())];
    // The leader signs once, as the leader.
    let assessors: Vec<&String> = (meta.assessors.iter())
        .filter(|name| Some(name.trim()) != leader.as_deref())
        .collect();
    match assessors.is_empty() {
        true => rows.push(row(assessor_role, "")),
        false => rows.extend(assessors.iter().map(|name| row(assessor_role, name))),
    }
    rows.push(row(reviewer_role, ""));
    rows.push(row(operator_role, &meta.organization));
    let table = Table {
        headers: own.signoff_columns.iter().map(|h| h.to_string()).collect(),
        rows,
        widths: vec![22, 30, 28, 20],
        numeric: vec![false; 4],
        signing: true,
    };
    context.section(8, vec![Block::Table(table)])
}

/// Where the report comes from: bscore's version, the standard, the
/// digests of the checklist, the audit (and the parts a merge joined),
/// the 细则, the plan and the previous evaluation.
pub(super) fn provenance(context: &Context<'_>) -> Section {
    let (report, own, words) = (context.report, context.own, &context.words);
    let mut fields = result_provenance(report, words);
    if let Some(rules) = report.rules {
        let labels = context.labels;
        fields.push((
            labels.rules.to_string(),
            words.free(&rules.name()).into_owned(),
        ));
        fields.push((own.rules_digest.to_string(), rules.sha256.clone()));
    }
    if let Some(plan) = context.plan {
        fields.push((own.plan_digest.to_string(), plan.sha256.to_string()));
    }
    if let Some(previous) = context.previous {
        fields.push((
            own.previous.to_string(),
            words.free(previous.file).into_owned(),
        ));
        fields.push((own.previous_digest.to_string(), previous.sha256.to_string()));
    }
    context.section(9, vec![Block::Fields(fields)])
}
