//! Sections 3 to 6 of the evaluation report: the results per category,
//! every nonconformity with its record and its 细则 level, the special
//! deductions (each to be rectified immediately) and the bonus, and the
//! score and grade. Every figure is evaluate's, cut (never rounded) to two
//! decimals as every report shows it.

use super::context::{Context, table};
use super::document::{Block, Section};
use crate::audit::Measure;
use crate::engine::Subtotal;
use crate::number::{Exact, SCORE_PLACES, fixed, trimmed};
use crate::render::{Content, Row, rate, rows};
use num_traits::Zero;

/// Section 3: each category's points, applicable points, points lost,
/// points earned and rate, then the total.
pub(super) fn categories(context: &Context<'_>) -> Section {
    let (words, labels, own) = (&context.words, context.labels, context.own);
    let report = context.report;
    let row = |name: &str, points: &Exact, subtotal: &Subtotal| {
        vec![
            name.to_string(),
            fixed(points, SCORE_PLACES),
            fixed(&subtotal.applicable, SCORE_PLACES),
            fixed(&(&subtotal.applicable - &subtotal.earned), SCORE_PLACES),
            fixed(&subtotal.earned, SCORE_PLACES),
            rate(subtotal.rate().as_ref()),
        ]
    };
    let mut rows: Vec<Vec<String>> = (report.checklist.categories.iter())
        .zip(&report.evaluation.categories)
        .map(|(category, subtotal)| row(words.category(category), &category.total, subtotal))
        .collect();
    let total = report.evaluation.total();
    rows.push(row(labels.total, &report.checklist.full_score, &total));
    let headers = [
        labels.category,
        labels.category_points,
        labels.applicable,
        own.lost,
        labels.earned,
        labels.rate,
    ];
    let table = table(&headers, &[30, 14, 14, 14, 14, 14], &[1, 2, 3, 4, 5], rows);
    context.section(2, vec![Block::Table(table)])
}

/// Section 4: every indicator assessed with a coefficient above 0 (or a
/// sample with an item that does not conform), in checklist order: its
/// check, coefficient, points lost, the record the audit carries and,
/// with the 细则, the level whose condition the finding meets.
pub(super) fn nonconformities(context: &Context<'_>) -> Section {
    let own = context.own;
    let report = context.report;
    let found: Vec<Vec<String>> = (rows(report).enumerate())
        .filter(|(_, row)| is_nonconforming(row))
        .map(|(index, row)| finding_cells(context, index, &row))
        .collect();
    if found.is_empty() {
        return context.section(
            3,
            vec![Block::Paragraph(own.no_nonconformities.to_string())],
        );
    }
    let mut headers = own.finding_columns.to_vec();
    let widths: &[u8] = match report.rules {
        Some(_) => {
            headers.push(own.rule_level);
            &[9, 21, 14, 8, 28, 20]
        }
        None => &[10, 30, 14, 9, 37],
    };
    context.section(
        3,
        vec![Block::Table(table(&headers, widths, &[2, 3], found))],
    )
}

/// Whether the indicator counts and was found wanting: a coefficient
/// above 0, or a sample with an item that does not conform.
fn is_nonconforming(row: &Row<'_>) -> bool {
    row.score.applicable
        && row
            .entry
            .measure()
            .is_some_and(|measure| !measure.coefficient().is_zero())
}

/// The cells of one nonconformity.
fn finding_cells(context: &Context<'_>, index: usize, row: &Row<'_>) -> Vec<String> {
    let (words, labels) = (&context.words, context.labels);
    let lost = &row.score.points - &row.score.earned;
    let (_, rejection) = row.exclusion();
    let record: Vec<String> = (row.record_lines(words).into_iter())
        .chain(rejection.map(|text| context.labelled(labels.exclusion_rejected, &words.free(text))))
        .chain(
            (row.entry.note.as_deref())
                .map(|note| context.labelled(labels.note, &words.free(note))),
        )
        .chain(row.team_lines(words))
        .collect();
    let mut cells = vec![
        row.indicator.id.clone(),
        words.indicator(row.indicator).to_string(),
        row.coefficient_text(words),
        fixed(&lost, SCORE_PLACES),
        record.join("\n"),
    ];
    if context.report.rules.is_some() {
        cells.push(level(context, index, row));
    }
    cells
}

/// The 细则's level the finding meets: for a coefficient given, the level
/// of that coefficient with its condition; for a sample, that the
/// coefficient is the share that does not conform.
fn level(context: &Context<'_>, index: usize, row: &Row<'_>) -> String {
    let own = context.own;
    let rule = context.report.rules.and_then(|rules| rules.rule(index));
    match row.entry.measure() {
        Some(Measure::Sample { .. }) => {
            let coefficient = crate::render::RuleLabels::of(context.lang()).sample_coefficient;
            format!("{}\n{coefficient}", own.by_proportion)
        }
        Some(Measure::Coefficient(value)) => {
            let level = rule.and_then(|rule| rule.level_of(value));
            match level {
                Some(level) => match &level.when {
                    Some(when) => format!("{} — {}", level.written, context.words.free(when)),
                    None => level.written.clone(),
                },
                None => own.no_level.to_string(),
            }
        }
        None => String::new(),
    }
}

/// Section 5: each special deduction as a notice, to be rectified
/// immediately (§8.3 c 3, d 2), with who found it; then the bonus.
pub(super) fn adjustments(context: &Context<'_>) -> Section {
    let (words, labels, own) = (&context.words, context.labels, context.own);
    let report = context.report;
    let content = Content::of(report, words, false);
    let mut blocks = Vec::new();
    let (deductions, bonus): (Vec<_>, Vec<_>) = content
        .adjustments
        .iter()
        .partition(|adjustment| adjustment.deducts);
    if deductions.is_empty() {
        blocks.push(Block::Paragraph(own.no_deductions.to_string()));
    }
    for deduction in deductions {
        let kind = deduction.kind.as_deref().unwrap_or_default();
        let finding = context.labelled(kind, &deduction.text);
        let points = format!(
            "{}−{}{}",
            labels.brackets.0, deduction.points, labels.brackets.1
        );
        blocks.push(Block::Notice(format!(
            "{}{points}{}{}",
            context.labelled(labels.special_deduction, &finding),
            labels.clause_separator,
            own.rectify_now
        )));
        blocks.extend(deduction.team.iter().cloned().map(Block::Paragraph));
    }
    match bonus.first() {
        None => blocks.push(Block::Paragraph(own.no_bonus.to_string())),
        Some(bonus) => {
            let practice = format!("+{} {}", bonus.points, bonus.text);
            blocks.push(Block::Paragraph(context.labelled(labels.bonus, &practice)));
            blocks.extend(bonus.team.iter().cloned().map(Block::Paragraph));
        }
    }
    context.section(4, blocks)
}

/// Section 6: the earned and applicable points, the normalized score, the
/// points the special deductions take and the bonus adds, the score, the
/// grade and what the next band needs.
pub(super) fn score(context: &Context<'_>) -> Section {
    let (words, labels) = (&context.words, context.labels);
    let report = context.report;
    let evaluation = report.evaluation;
    let content = Content::of(report, words, false);
    let points = |sign: &str, value: &Exact| match value.is_zero() {
        true => "0".to_string(),
        false => format!("{sign}{}", trimmed(value, SCORE_PLACES)),
    };
    let mut fields = vec![
        (
            format!("{} / {}", labels.earned, labels.applicable),
            format!(
                "{} / {}",
                fixed(&evaluation.earned, SCORE_PLACES),
                fixed(&evaluation.applicable, SCORE_PLACES)
            ),
        ),
        content.normalized.clone(),
        (
            labels.special_deduction.to_string(),
            points("−", &evaluation.deducted),
        ),
        (
            labels.bonus.to_string(),
            points("+", &evaluation.bonus_points),
        ),
        content.score.clone(),
        content.grade.clone(),
        (
            labels.next_band.to_string(),
            words.next_band(report.analysis, evaluation.failed_by_special_deduction()),
        ),
    ];
    if let Some(sensitivity) = &report.analysis.sensitivity {
        fields.push((
            labels.if_nonconforming.to_string(),
            words.scenario(&sensitivity.all_nonconforming),
        ));
        fields.push((
            labels.if_conforming.to_string(),
            words.scenario(&sensitivity.all_conforming),
        ));
    }
    context.section(5, vec![Block::Fields(fields)])
}
