//! The totals block below the scoring sheet's table: earned and
//! applicable points, the normalized score, special deductions, bonus and
//! final score, each computed at full precision in the hidden column and
//! shown cut; the grade, a formula over the snapped score; bscore's own
//! exact evaluation, which decides; then what the score means next.

use super::cells::{findings_cell, practice_cell};
use super::layout::{
    APPLICABLE, CHECK, EARNED, EARNED_EXACT, RECORD, Styles, column_width, row_height,
};
use crate::number::{Exact, SCORE_PLACES, fixed, trimmed};
use crate::render::report::Report;
use crate::render::view::{cut_sum_notes, outlook};
use crate::render::words::Words;
use crate::spreadsheet::{
    cached_formula, cell, clamped_score, cut_formula, grade_formula, total_figures, wrapped_height,
};
use rust_xlsxwriter::{Format, Formula, Worksheet, XlsxError};

/// The rows of the totals, from `start`: the six figures, then the grade.
struct TotalRows {
    earned: u32,
    applicable: u32,
    normalized: u32,
    deductions: u32,
    bonus: u32,
    score: u32,
    grade: u32,
}

impl TotalRows {
    fn from(start: u32) -> TotalRows {
        TotalRows {
            earned: start,
            applicable: start + 1,
            normalized: start + 2,
            deductions: start + 3,
            bonus: start + 4,
            score: start + 5,
            grade: start + 6,
        }
    }
}

/// The totals block from row `start`, the category subtotals at
/// `subtotals`.
pub(super) fn write_totals(
    sheet: &mut Worksheet,
    start: u32,
    subtotals: &[u32],
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let rows = TotalRows::from(start);
    for (row, label, text, value) in total_formulas(&rows, subtotals, report, words) {
        sheet.write_string_with_format(row, CHECK, label, &styles.subtotal_text)?;
        let exact = cached_formula(text, &value);
        sheet.write_formula_with_format(row, EARNED_EXACT, exact, &styles.exact)?;
        sheet.write_formula_with_format(
            row,
            EARNED,
            cut_formula(&cell(row, EARNED_EXACT), &value, SCORE_PLACES),
            &styles.subtotal_figure,
        )?;
    }
    write_adjustment_texts(sheet, &rows, report, words, styles)?;
    write_grade(sheet, &rows, report, words, styles)?;
    write_outlook(sheet, rows.grade + 2, report, words, styles)
}

/// Each figure's row, label, formula at full precision and value.
fn total_formulas<'w>(
    rows: &TotalRows,
    subtotals: &[u32],
    report: &Report<'_>,
    words: &Words<'w>,
) -> [(u32, &'w str, String, Exact); 6] {
    let labels = words.labels;
    let checklist = report.checklist;
    let add = |column: u16| -> String {
        let cells: Vec<String> = subtotals.iter().map(|row| cell(*row, column)).collect();
        format!("={}", cells.join("+"))
    };
    let exact = |row: u32| cell(row, EARNED_EXACT);
    let full = trimmed(&checklist.full_score, SCORE_PLACES);
    let deductions = format!(
        "=-{}*{}",
        report.audit.special_deductions.len(),
        trimmed(&checklist.special_deduction_points, SCORE_PLACES)
    );
    let bonus = trimmed(&report.evaluation.bonus_points, SCORE_PLACES);
    let sum = format!(
        "{}+{}+{}",
        exact(rows.normalized),
        exact(rows.deductions),
        exact(rows.bonus)
    );
    let [
        earned,
        applicable,
        normalized,
        deducted,
        bonus_points,
        score,
    ] = total_figures(report.evaluation);
    [
        (rows.earned, labels.earned, add(EARNED_EXACT), earned),
        (
            rows.applicable,
            labels.applicable,
            add(APPLICABLE),
            applicable,
        ),
        (
            rows.normalized,
            labels.normalized,
            format!("={}/{}*{full}", exact(rows.earned), exact(rows.applicable)),
            normalized,
        ),
        (
            rows.deductions,
            labels.special_deduction,
            deductions,
            deducted,
        ),
        (rows.bonus, labels.bonus, format!("={bonus}"), bonus_points),
        (
            rows.score,
            labels.score,
            format!("={}", clamped_score(&full, &sum)),
            score,
        ),
    ]
}

/// The special deductions' findings beside their total, and the bonus's
/// practice beside it.
fn write_adjustment_texts(
    sheet: &mut Worksheet,
    rows: &TotalRows,
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let findings = findings_cell(report, words);
    if !findings.is_empty() {
        sheet.write_string_with_format(rows.deductions, RECORD, &findings, &styles.text)?;
        sheet.set_row_height(rows.deductions, row_height(&[(&findings, RECORD)]))?;
    }
    if let Some(bonus) = &report.audit.bonus {
        let practice = practice_cell(bonus, words);
        sheet.write_string_with_format(rows.bonus, RECORD, &practice, &styles.text)?;
        sheet.set_row_height(rows.bonus, row_height(&[(&practice, RECORD)]))?;
    }
    Ok(())
}

/// The grade, live over the snapped score, and below it bscore's own
/// exact evaluation, which decides.
fn write_grade(
    sheet: &mut Worksheet,
    rows: &TotalRows,
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    let exact = |row: u32| cell(row, EARNED_EXACT);
    let grade_name = words.graded(report.evaluation);
    let failed = format!("{}<0", exact(rows.deductions));
    let live_grade = grade_formula(
        report.checklist,
        |grade| words.grade(grade).to_string(),
        labels.failed_by_deduction,
        &failed,
        &exact(rows.score),
    );
    let statement = Statement {
        label: labels.grade,
        value: &grade_name,
        style: &styles.subtotal_text,
    };
    write_statement(sheet, rows.grade, &statement, styles)?;
    sheet.write_formula_with_format(
        rows.grade,
        EARNED,
        Formula::new(live_grade).set_result(grade_name.clone()),
        &styles.subtotal_text,
    )?;
    let score = fixed(&report.evaluation.score, SCORE_PLACES);
    let authoritative = format!("{score} {grade_name}");
    let statement = Statement {
        label: labels.authoritative,
        value: &authoritative,
        style: &styles.subtotal_text,
    };
    write_statement(sheet, rows.grade + 1, &statement, styles)
}

/// What the score means next, then why a category's rows add up to less
/// than its subtotal, one statement a row from `first`.
fn write_outlook(
    sheet: &mut Worksheet,
    first: u32,
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let note = words.labels.note;
    let notes = (cut_sum_notes(report, words).into_iter()).map(|text| (note.to_string(), text));
    for (row, (label, value)) in (first..).zip(outlook(report, words).into_iter().chain(notes)) {
        let statement = Statement {
            label: &label,
            value: &value,
            style: &styles.text,
        };
        write_statement(sheet, row, &statement, styles)?;
    }
    Ok(())
}

/// A row below the totals that says something in words: the grade,
/// bscore's own evaluation, the next band, what an exclusion would
/// change.
struct Statement<'a> {
    label: &'a str,
    value: &'a str,
    style: &'a Format,
}

/// A [`Statement`]'s label in the check column and its value across the
/// columns from 实际得分 to the last, the row as tall as both need, so
/// that nothing is cut on screen or on paper.
fn write_statement(
    sheet: &mut Worksheet,
    row: u32,
    statement: &Statement<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let label_style = &styles.subtotal_text;
    sheet.write_string_with_format(row, CHECK, statement.label, label_style)?;
    sheet.merge_range(
        row,
        EARNED,
        row,
        APPLICABLE,
        statement.value,
        statement.style,
    )?;
    let across: f64 = (EARNED..=APPLICABLE).map(column_width).sum();
    let height = wrapped_height(&[
        (statement.label, column_width(CHECK)),
        (statement.value, across),
    ]);
    sheet.set_row_height(row, height)?;
    Ok(())
}
