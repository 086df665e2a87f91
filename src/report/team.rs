//! Section 2 of the evaluation report: the team and the methods — the
//! assessors the audit names and who assessed how many indicators; with
//! the plan (`--plan`), its team, each indicator's planned assessor, the
//! 细则's methods, evidence and sample beside who assessed it and what was
//! sampled, and every way the work departed from the plan.

use super::context::{Context, PlanInput, table};
use super::document::{Block, Section};
use crate::audit::{Entry, Measure};
use crate::message::t;
use crate::team::plan::document::Document;

/// The team, the methods and the departures from the plan.
pub(super) fn section(context: &Context<'_>) -> Section {
    let (words, labels) = (&context.words, context.labels);
    let report = context.report;
    let meta = &report.audit.meta;
    let mut fields = vec![(
        labels.assessors.to_string(),
        words
            .free(&meta.assessors.join(labels.list_separator))
            .into_owned(),
    )];
    if let Some(division) = crate::render::division(report, words) {
        fields.push((labels.division.to_string(), division));
    }
    let mut blocks = vec![Block::Fields(fields)];
    match context.plan {
        None => blocks.push(Block::Paragraph(context.own.no_plan.to_string())),
        Some(plan) => blocks.extend(planned(context, plan)),
    }
    context.section(1, blocks)
}

/// The plan's team, each indicator's methods, and the departures.
fn planned(context: &Context<'_>, input: PlanInput<'_>) -> Vec<Block> {
    let (own, report) = (context.own, context.report);
    let plan = input.plan;
    let whole = |text: &str| text.to_string();
    let document = Document::of(plan, report.checklist, report.rules, context.lang(), &whole);
    let plan_labels = &document.labels;
    let separator = document.separator();
    let dates = match plan.from == plan.to {
        true => plan.from.to_string(),
        false => format!("{} — {}", plan.from, plan.to),
    };
    let team_headers: Vec<&str> = plan_labels.team.iter().map(String::as_str).collect();
    let none = plan_labels.none.as_str();
    // Who assessed each indicator is a column only when the audit says
    // (`by`, a merged audit's): else it would be a column of dashes.
    let said_by = (report.audit.entries.iter()).any(|entry| !entry.by.is_empty());
    let methods: Vec<Vec<String>> = (document.rows().zip(&report.audit.entries))
        .map(|(row, entry)| {
            let by = context.words.assessors_of(&entry.by);
            let mut cells = vec![row.id.clone(), row.assessor_line(plan_labels)];
            if said_by {
                cells.push(by.unwrap_or_else(|| none.to_string()));
            }
            cells.extend([
                row.methods_line(plan_labels, separator),
                row.evidence_line(plan_labels, document.item_separator()),
                sample_cell(context, &row.sample_line(plan_labels), entry),
            ]);
            cells
        })
        .collect();
    let [id, planned, assessed, methods_column, evidence, sample] = own.method_columns;
    let (headers, widths): (Vec<&str>, &[u8]) = match said_by {
        true => (
            vec![id, planned, assessed, methods_column, evidence, sample],
            &[10, 14, 14, 18, 28, 16],
        ),
        false => (
            vec![id, planned, methods_column, evidence, sample],
            &[10, 14, 20, 38, 18],
        ),
    };
    let mut blocks = vec![
        Block::Subheading(own.plan.to_string()),
        Block::Fields(vec![
            (
                own.leader.to_string(),
                context
                    .words
                    .free(&plan.team[plan.leader].name)
                    .into_owned(),
            ),
            (own.plan_dates.to_string(), dates),
        ]),
        Block::Table(table(
            &team_headers,
            &[20, 14, 38, 14, 14],
            &[3, 4],
            document.member_rows(separator),
        )),
        Block::Subheading(own.methods.to_string()),
        Block::Table(table(&headers, widths, &[], methods)),
        Block::Subheading(own.departures.to_string()),
    ];
    let departures = departures(context, input);
    match departures.is_empty() {
        true => blocks.push(Block::Paragraph(own.no_departures.to_string())),
        false => blocks.extend(departures.into_iter().map(Block::Paragraph)),
    }
    blocks
}

/// The 细则's sample (`需求变更记录 ≥ 5`) and, when the audit sampled, how
/// many items it did.
fn sample_cell(context: &Context<'_>, asked: &str, entry: &Entry) -> String {
    match entry.measure() {
        Some(Measure::Sample { sampled, .. }) => {
            let taken = context.labelled(context.labels.sampled, &sampled.to_string());
            format!("{asked}\n{taken}")
        }
        _ => asked.to_string(),
    }
}

/// Every way the audit departs from the plan, one sentence each: the
/// organisation, service, kind or dates not the plan's, a site planned
/// and not in the audit (or the reverse), an indicator assessed by
/// someone other than planned (its `by`), a sample smaller than the
/// 细则 asks.
fn departures(context: &Context<'_>, input: PlanInput<'_>) -> Vec<String> {
    let (words, lang) = (&context.words, context.lang());
    let report = context.report;
    let (plan, audit) = (input.plan, report.audit);
    let meta = &audit.meta;
    let mut said = Vec::new();
    let mut say = |text: crate::message::Text| said.push(text.get(lang).to_string());
    for (planned, written) in [
        (&plan.organization, &meta.organization),
        (&plan.service, &meta.service),
    ] {
        if planned.trim() != written.trim() {
            let (planned, written) = (words.free(planned), words.free(written));
            say(t!(
                "计划写的是“{planned}”，评价文件写的是“{written}”",
                "the plan names \"{planned}\", the audit \"{written}\""
            ));
        }
    }
    if plan.kind != meta.kind {
        let (planned, written) = (words.audit_kind(plan.kind), words.audit_kind(meta.kind));
        say(t!(
            "计划为{planned}，评价文件为{written}",
            "the plan is for {planned}, the audit is {written}"
        ));
    }
    if meta.date < plan.from || meta.date > plan.to {
        let (date, from, to) = (meta.date, plan.from, plan.to);
        say(t!(
            "评价日期 {date} 不在计划的 {from} — {to} 之内",
            "the audit's date {date} is outside the planned {from} — {to}"
        ));
    }
    for site in &plan.sites {
        if audit.site(&site.id).is_none() {
            let (name, id) = (words.free(&site.name), words.free(&site.id));
            say(t!(
                "现场“{name}”（{id}）在计划中，评价文件未列出",
                "site {name} ({id}) is in the plan but not in the audit"
            ));
        }
    }
    for site in &audit.sites {
        if !plan.sites.iter().any(|planned| planned.id == site.id) {
            let (name, id) = (words.free(&site.name), words.free(&site.id));
            say(t!(
                "现场“{name}”（{id}）不在计划中",
                "site {name} ({id}) is not in the plan"
            ));
        }
    }
    let indicators = report.checklist.indicators.iter();
    for (index, (indicator, entry)) in indicators.zip(&audit.entries).enumerate() {
        let id = &indicator.id;
        let planned = &plan.team[plan.assignment.assessor[index]].name;
        if !entry.by.is_empty() {
            let others: Vec<&str> = (entry.by.iter())
                .map(String::as_str)
                .filter(|name| name.trim() != planned.trim())
                .collect();
            let planned_took_part = others.len() < entry.by.len();
            let others = words
                .free(&others.join(context.labels.list_separator))
                .into_owned();
            let planned = words.free(planned);
            match (planned_took_part, others.is_empty()) {
                (false, _) => say(t!(
                    "{id}：计划由{planned}评价，实际由{others}评价",
                    "{id}: planned for {planned}, assessed by {others}"
                )),
                (true, false) => say(t!(
                    "{id}：计划由{planned}评价，{others}也作了评价",
                    "{id}: planned for {planned}, also assessed by {others}"
                )),
                (true, true) => {}
            }
        }
        if let Some(shortfall) = sample_shortfall(context, index, entry) {
            say(shortfall);
        }
    }
    said
}

/// A sample smaller than the 细则's minimum, and not of the whole
/// population. Validation against the 细则 refuses such an audit, so
/// this is said only of one that was not checked against it alike.
fn sample_shortfall(
    context: &Context<'_>,
    index: usize,
    entry: &Entry,
) -> Option<crate::message::Text> {
    let Some(Measure::Sample { sampled, .. }) = entry.measure() else {
        return None;
    };
    let sampling = context.report.rules?.rule(index)?.sample.as_ref()?;
    let whole = entry
        .population
        .is_some_and(|population| *sampled >= population);
    if *sampled >= sampling.minimum || whole {
        return None;
    }
    let id = &context.report.checklist.indicators[index].id;
    let (minimum, unit) = (sampling.minimum, context.words.free(&sampling.unit));
    Some(t!(
        "{id}：细则要求抽样至少 {minimum} 个（{unit}），实际抽样 {sampled} 个",
        "{id}: the scoring rules ask for a sample of at least {minimum} ({unit}), {sampled} were sampled"
    ))
}
