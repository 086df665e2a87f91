//! The follow-up section of the evaluation report (`--history DIR`): the
//! previous evaluation of the service, and what became of each of its
//! nonconformities and special deductions in this one — resolved, still
//! open, or not assessed again ([`crate::history::followup`] decides).

use super::context::{Context, Previous, table};
use super::document::{Block, Section};
use crate::history::followup::followup;

use crate::number::{SCORE_PLACES, fixed};

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
    let rows: Vec<Vec<String>> = (lines.iter())
        .map(|line| crate::render::followup_cells(line, words))
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
