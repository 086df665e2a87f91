//! The follow-up section of the evaluation report (`--history DIR`): the
//! previous evaluation of the service, and what became of each of its
//! nonconformities and special deductions in this one — resolved, still
//! open, or not assessed again ([`crate::history::followup`] decides).

use super::context::{Context, Previous, table};
use super::document::{Block, Section};
use crate::history::followup::followup;
use crate::history::{Finding, FollowupStatus, Subject};
use crate::number::{COEFFICIENT_PLACES, SCORE_PLACES, fixed, trimmed};

/// The previous evaluation in brief, then each of its nonconformities
/// with its finding then and now and what became of it.
pub(super) fn section(context: &Context<'_>, previous: Previous<'_>) -> Section {
    let (words, labels, own) = (&context.words, context.labels, context.own);
    let report = context.report;
    let meta = &previous.audit.meta;
    let fields = vec![
        (
            own.previous.to_string(),
            words.free(previous.file).into_owned(),
        ),
        (labels.date.to_string(), meta.date.to_string()),
        (
            labels.kind.to_string(),
            words.audit_kind(meta.kind).to_string(),
        ),
        (
            labels.score.to_string(),
            fixed(&previous.evaluation.score, SCORE_PLACES),
        ),
        (labels.grade.to_string(), words.graded(previous.evaluation)),
    ];
    let lines = followup(
        report.checklist,
        (previous.audit, previous.evaluation),
        (report.audit, report.evaluation),
    );
    let finding = |finding: &Option<Finding>| match finding {
        Some(Finding::Coefficient(value)) => trimmed(value, COEFFICIENT_PLACES),
        Some(Finding::Excluded) => labels.excluded.to_string(),
        None => "—".to_string(),
    };
    let [resolved, open, not_assessed] = own.statuses;
    let rows: Vec<Vec<String>> = (lines.iter())
        .map(|line| {
            let status = match line.status {
                FollowupStatus::Resolved => resolved,
                FollowupStatus::Open => open,
                FollowupStatus::NotAssessed => not_assessed,
            };
            match &line.subject {
                Subject::Indicator(index) => vec![
                    report.checklist.indicators[*index].id.clone(),
                    finding(&line.before),
                    finding(&line.after),
                    status.to_string(),
                ],
                Subject::SpecialDeduction(kind) => {
                    let now = match line.status {
                        FollowupStatus::Open => labels.special_deduction,
                        _ => labels.none,
                    };
                    vec![
                        context.labelled(labels.special_deduction, words.deduction_kind(kind)),
                        labels.special_deduction.to_string(),
                        now.to_string(),
                        status.to_string(),
                    ]
                }
            }
        })
        .collect();
    let mut blocks = vec![Block::Fields(fields)];
    blocks.push(match rows.is_empty() {
        true => Block::Paragraph(own.no_previous_findings.to_string()),
        false => Block::Table(table(
            &own.followup_columns,
            &[40, 20, 20, 20],
            &[1, 2],
            rows,
        )),
    });
    context.section(7, blocks)
}
