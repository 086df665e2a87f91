//! Section 1 of the evaluation report: the service and the scope — who
//! and what was evaluated, against which standard and 细则, at which
//! sites, and what was excluded and why (§8.2 a).

use super::context::{Context, table};
use super::document::{Block, Section};
use crate::audit::Status;

/// The service, the sites and the exclusions.
pub(super) fn section(context: &Context<'_>) -> Section {
    let (words, labels, own) = (&context.words, context.labels, context.own);
    let report = context.report;
    let meta = &report.audit.meta;
    let mut fields = vec![
        (
            labels.organization.to_string(),
            words.free(&meta.organization).into_owned(),
        ),
        (
            labels.service.to_string(),
            words.free(&meta.service).into_owned(),
        ),
        (labels.standard.to_string(), words.standard()),
        (
            labels.kind.to_string(),
            words.audit_kind(meta.kind).to_string(),
        ),
        (labels.date.to_string(), meta.date.to_string()),
    ];
    if let Some(rules) = report.rules {
        fields.push((
            labels.rules.to_string(),
            words.free(&rules.name()).into_owned(),
        ));
    }
    let mut blocks = vec![
        Block::Fields(fields),
        Block::Subheading(own.sites.to_string()),
    ];
    blocks.push(match report.audit.sites.is_empty() {
        true => Block::Paragraph(own.no_sites.to_string()),
        false => Block::Table(table(
            &own.site_columns,
            &[30, 70],
            &[],
            (report.audit.sites.iter())
                .map(|site| {
                    vec![
                        words.free(&site.id).into_owned(),
                        words.free(&site.name).into_owned(),
                    ]
                })
                .collect(),
        )),
    });
    blocks.push(Block::Subheading(own.exclusions.to_string()));
    blocks.push(exclusions(context));
    context.section(0, blocks)
}

/// Every indicator the operator asked to exclude: its reason, and whether
/// the exclusion stands or was rejected (and why), in checklist order.
fn exclusions(context: &Context<'_>) -> Block {
    let (words, labels, own) = (&context.words, context.labels, context.own);
    let report = context.report;
    let rows: Vec<Vec<String>> = (report.checklist.indicators.iter())
        .zip(&report.audit.entries)
        .filter_map(|(indicator, entry)| {
            let (reason, conclusion) = match &entry.status {
                Status::Excluded { reason } => (reason, own.exclusion_accepted.to_string()),
                Status::ExclusionRejected {
                    reason, rejection, ..
                } => (
                    reason,
                    context.labelled(labels.exclusion_rejected, &words.free(rejection)),
                ),
                Status::Assessed(_) | Status::Unassessed => return None,
            };
            Some(vec![
                indicator.id.clone(),
                words.indicator(indicator).to_string(),
                words.free(reason).into_owned(),
                conclusion,
            ])
        })
        .collect();
    match rows.is_empty() {
        true => Block::Paragraph(own.no_exclusions.to_string()),
        false => Block::Table(table(
            &[
                labels.id,
                labels.check_text,
                labels.exclusion_reason,
                own.conclusion,
            ],
            &[10, 40, 25, 25],
            &[],
            rows,
        )),
    }
}
