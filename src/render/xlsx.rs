//! `--format xlsx`: the Appendix A scoring form as assessors know it, with
//! real formulas — 实际得分 = (1-扣分系数) x 小类分值, category subtotals,
//! the score — so a reviewer can follow the computation in Excel. Each
//! formula also stores bscore's exact result as its cached value, and a
//! second sheet records every figure as an exact fraction.

use super::content::grade_text;
use super::labels::Words;
use super::view::{Row, audit_header, outlook, provenance, rows};
use super::{RenderOptions, Report};
use crate::audit::Measure;
use crate::number::{Exact, SCORE_PLACES, fixed, trimmed};
use crate::text::{spreadsheet_safe, visible};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};
use std::io::{self, Write};

/// Decimal places of the cached results of formulas.
const CACHED_PLACES: u32 = 12;

/// Columns of the form: Appendix A's seven, then the applicable points
/// each row contributes, which the subtotals add up.
const CATEGORY: u16 = 0;
const CHECK: u16 = 1;
const POINTS: u16 = 2;
const COEFFICIENT: u16 = 3;
const EARNED: u16 = 4;
const RECORD: u16 = 5;
const NOTE: u16 = 6;
const APPLICABLE: u16 = 7;

/// First row of the indicator rows, below the header block.
const HEADER_ROWS: u32 = 9;

pub(super) struct XlsxRenderer {
    pub options: RenderOptions,
}

impl XlsxRenderer {
    /// The workbook of `reports`, written whole.
    pub fn render(&self, reports: &[Report<'_>], out: &mut dyn Write) -> io::Result<()> {
        let bytes = self.workbook(reports).map_err(io::Error::other)?;
        out.write_all(&bytes)
    }
}

/// Text the assessor wrote, as a cell: control characters shown, and never
/// taken for a formula.
fn user_text(text: &str) -> String {
    spreadsheet_safe(&visible(text, true)).into_owned()
}

/// A spreadsheet cell reference such as `E12` (row and column 0-based).
fn cell(row: u32, column: u16) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, column)
}

/// A number for display in a cell. Spreadsheets hold doubles; the exact
/// value is on the exact sheet, and nothing is decided from this one.
fn display(value: &Exact) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

fn formula(text: String, result: &Exact) -> Formula {
    Formula::new(text).set_result(trimmed(result, CACHED_PLACES))
}

struct Styles {
    title: Format,
    header: Format,
    text: Format,
    number: Format,
    subtotal_text: Format,
    subtotal_number: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = Format::new().set_border(FormatBorder::Thin);
        let text = border.clone().set_text_wrap().set_align(FormatAlign::Top);
        let number = border
            .clone()
            .set_num_format("0.00##")
            .set_align(FormatAlign::Top);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            header: border
                .clone()
                .set_bold()
                .set_background_color("#EEF1F5")
                .set_text_wrap(),
            subtotal_text: text.clone().set_bold().set_background_color("#F2F2F2"),
            subtotal_number: number.clone().set_bold().set_background_color("#F2F2F2"),
            text,
            number,
        }
    }
}

impl XlsxRenderer {
    fn workbook(&self, reports: &[Report<'_>]) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let styles = Styles::new();
        for (index, report) in reports.iter().enumerate() {
            let words = Words::new(self.options.lang, report.checklist);
            let suffix = if reports.len() > 1 {
                format!(" {}", index + 1)
            } else {
                String::new()
            };
            let sheet = workbook.add_worksheet();
            sheet.set_name(format!("{}{suffix}", sheet_name(&words)))?;
            write_form(sheet, report, &words, &styles)?;
            let exact = workbook.add_worksheet();
            exact.set_name(format!("{}{suffix}", words.labels.exact))?;
            write_exact(exact, report, &words, &styles)?;
        }
        workbook.save_to_buffer()
    }
}

fn sheet_name(words: &Words<'_>) -> &'static str {
    match words.lang {
        super::Lang::Zh => "评分表",
        super::Lang::En => "Scoring",
    }
}

fn write_form(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_repeat_rows(HEADER_ROWS - 1, HEADER_ROWS - 1)?;
    for (column, width) in [
        (CATEGORY, 12.0),
        (CHECK, 60.0),
        (POINTS, 9.0),
        (COEFFICIENT, 11.0),
        (EARNED, 16.0),
        (RECORD, 28.0),
        (NOTE, 28.0),
        (APPLICABLE, 11.0),
    ] {
        sheet.set_column_width(column, width)?;
    }
    sheet.write_string_with_format(
        0,
        0,
        format!("{} — {}", words.standard(), labels.appendix_title),
        &styles.title,
    )?;
    let mut header = audit_header(report, words);
    header.push((labels.file, report.file.to_string()));
    for (offset, (label, value)) in (1u32..).zip(header) {
        sheet.write_string_with_format(offset, CATEGORY, label, &styles.header)?;
        sheet.write_string(offset, CHECK, user_text(&value))?;
    }
    let earned_header = format!(
        "{} = (1-{}) x {}",
        labels.earned, labels.coefficient, labels.points
    );
    let columns = [
        labels.category,
        labels.check_text,
        labels.points,
        labels.coefficient,
        &earned_header,
        labels.record,
        labels.note,
        labels.applicable,
    ];
    for (column, title) in (0u16..).zip(columns) {
        sheet.write_string_with_format(HEADER_ROWS - 1, column, title, &styles.header)?;
    }
    sheet.set_freeze_panes(HEADER_ROWS, 0)?;

    let all: Vec<Row<'_>> = rows(report).collect();
    let mut row = HEADER_ROWS;
    let mut subtotal_rows = Vec::new();
    for (index, category) in report.checklist.categories.iter().enumerate() {
        let first = row;
        for indicator_row in all.iter().filter(|r| r.indicator.category == index) {
            write_indicator(sheet, row, indicator_row, words, styles)?;
            row += 1;
        }
        let subtotal = &report.evaluation.categories[index];
        let sum = |column: u16| format!("=SUM({}:{})", cell(first, column), cell(row - 1, column));
        sheet.write_string_with_format(
            row,
            CATEGORY,
            words.category(category),
            &styles.subtotal_text,
        )?;
        sheet.write_string_with_format(row, CHECK, labels.total, &styles.subtotal_text)?;
        sheet.write_formula_with_format(
            row,
            POINTS,
            formula(sum(POINTS), &category.total),
            &styles.subtotal_number,
        )?;
        sheet.write_formula_with_format(
            row,
            EARNED,
            formula(sum(EARNED), &subtotal.earned),
            &styles.subtotal_number,
        )?;
        sheet.write_formula_with_format(
            row,
            APPLICABLE,
            formula(sum(APPLICABLE), &subtotal.applicable),
            &styles.subtotal_number,
        )?;
        for column in [COEFFICIENT, RECORD, NOTE] {
            sheet.write_blank(row, column, &styles.subtotal_text)?;
        }
        subtotal_rows.push(row);
        row += 1;
    }
    write_totals(sheet, row + 1, &subtotal_rows, report, words, styles)
}

fn write_indicator(
    sheet: &mut Worksheet,
    row: u32,
    line: &Row<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let category = words.category(words.category_of(line.indicator));
    sheet.write_string_with_format(row, CATEGORY, category, &styles.text)?;
    let check = format!("{} {}", line.indicator.id, words.indicator(line.indicator));
    sheet.write_string_with_format(row, CHECK, check, &styles.text)?;
    sheet.write_number_with_format(row, POINTS, display(&line.indicator.points), &styles.number)?;
    match (line.entry.measure(), &line.score.coefficient) {
        (
            Some(Measure::Sample {
                sampled,
                nonconforming,
            }),
            Some(coefficient),
        ) => {
            let sample = formula(format!("={nonconforming}/{sampled}"), coefficient);
            sheet.write_formula_with_format(row, COEFFICIENT, sample, &styles.number)?;
        }
        (_, Some(coefficient)) => {
            sheet.write_number_with_format(
                row,
                COEFFICIENT,
                display(coefficient),
                &styles.number,
            )?;
        }
        (_, None) => {
            sheet.write_string_with_format(
                row,
                COEFFICIENT,
                words.labels.excluded,
                &styles.text,
            )?;
        }
    }
    if line.score.applicable {
        let earned = format!("=(1-{})*{}", cell(row, COEFFICIENT), cell(row, POINTS));
        sheet.write_formula_with_format(
            row,
            EARNED,
            formula(earned, &line.score.earned),
            &styles.number,
        )?;
        let applicable = format!("={}", cell(row, POINTS));
        sheet.write_formula_with_format(
            row,
            APPLICABLE,
            formula(applicable, &line.indicator.points),
            &styles.number,
        )?;
    } else {
        sheet.write_blank(row, EARNED, &styles.number)?;
        sheet.write_number_with_format(row, APPLICABLE, 0.0, &styles.number)?;
    }
    sheet.write_string_with_format(
        row,
        RECORD,
        user_text(line.entry.record.as_deref().unwrap_or_default()),
        &styles.text,
    )?;
    let labels = words.labels;
    let (reason, rejection) = line.exclusion();
    let note: Vec<String> = [
        reason.map(|r| format!("{}{}{r}", labels.exclusion_reason, labels.colon)),
        rejection.map(|r| format!("{}{}{r}", labels.exclusion_rejected, labels.colon)),
        line.entry.note.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    sheet.write_string_with_format(row, NOTE, user_text(&note.join("\n")), &styles.text)?;
    Ok(())
}

/// The totals block: earned and applicable points, the normalized score,
/// special deductions, bonus, final score (formulas) and grade (bscore's).
fn write_totals(
    sheet: &mut Worksheet,
    start: u32,
    subtotals: &[u32],
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    let checklist = report.checklist;
    let evaluation = report.evaluation;
    let audit = report.audit;
    let add = |column: u16| -> String {
        let cells: Vec<String> = subtotals.iter().map(|row| cell(*row, column)).collect();
        format!("={}", cells.join("+"))
    };
    let (earned, applicable, normalized, deductions, bonus, score, grade) = (
        start,
        start + 1,
        start + 2,
        start + 3,
        start + 4,
        start + 5,
        start + 6,
    );
    let full = trimmed(&checklist.full_score, SCORE_PLACES);
    let formulas = [
        (
            earned,
            labels.earned,
            add(EARNED),
            evaluation.earned.clone(),
        ),
        (
            applicable,
            labels.applicable,
            add(APPLICABLE),
            evaluation.applicable.clone(),
        ),
        (
            normalized,
            labels.normalized,
            format!(
                "={}/{}*{full}",
                cell(earned, EARNED),
                cell(applicable, EARNED)
            ),
            evaluation.normalized.clone(),
        ),
        (
            deductions,
            labels.special_deduction,
            format!(
                "=-{}*{}",
                audit.special_deductions.len(),
                trimmed(&checklist.special_deduction_points, SCORE_PLACES)
            ),
            -evaluation.deducted.clone(),
        ),
        (
            bonus,
            labels.bonus,
            format!("={}", trimmed(&evaluation.bonus_points, SCORE_PLACES)),
            evaluation.bonus_points.clone(),
        ),
        (
            score,
            labels.score,
            format!(
                "=MIN({full},MAX(0,{}+{}+{}))",
                cell(normalized, EARNED),
                cell(deductions, EARNED),
                cell(bonus, EARNED)
            ),
            evaluation.score.clone(),
        ),
    ];
    for (row, label, text, value) in formulas {
        sheet.write_string_with_format(row, CHECK, label, &styles.subtotal_text)?;
        sheet.write_formula_with_format(
            row,
            EARNED,
            formula(text, &value),
            &styles.subtotal_number,
        )?;
    }
    let findings: Vec<String> = audit
        .special_deductions
        .iter()
        .map(|d| words.deduction(d))
        .collect();
    sheet.write_string_with_format(
        deductions,
        RECORD,
        user_text(&findings.join("\n")),
        &styles.text,
    )?;
    if let Some(practice) = &audit.bonus {
        sheet.write_string_with_format(
            bonus,
            RECORD,
            user_text(&practice.practice),
            &styles.text,
        )?;
    }
    sheet.write_string_with_format(
        score,
        RECORD,
        fixed(&evaluation.score, SCORE_PLACES),
        &styles.text,
    )?;
    let grade_name = grade_text(report, words);
    sheet.write_string_with_format(grade, CHECK, labels.grade, &styles.subtotal_text)?;
    sheet.write_string_with_format(grade, EARNED, grade_name, &styles.subtotal_text)?;
    for (row, (label, value)) in (grade + 1..).zip(outlook(report, words)) {
        sheet.write_string_with_format(row, CHECK, label, &styles.subtotal_text)?;
        sheet.write_string_with_format(row, EARNED, value, &styles.text)?;
    }
    Ok(())
}

/// Every figure as an exact fraction, for re-checking without rounding.
fn write_exact(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    sheet.set_column_width(0, 12.0)?;
    for column in 1..4 {
        sheet.set_column_width(column, 16.0)?;
    }
    for (column, title) in
        (0u16..).zip([labels.id, labels.points, labels.coefficient, labels.earned])
    {
        sheet.write_string_with_format(0, column, title, &styles.header)?;
    }
    let mut row = 1;
    for line in rows(report) {
        sheet.write_string(row, 0, &line.indicator.id)?;
        sheet.write_string(row, 1, line.indicator.points.to_string())?;
        let coefficient = line
            .score
            .coefficient
            .as_ref()
            .map_or_else(|| labels.excluded.to_string(), ToString::to_string);
        sheet.write_string(row, 2, coefficient)?;
        sheet.write_string(row, 3, line.score.earned.to_string())?;
        row += 1;
    }
    let evaluation = report.evaluation;
    let totals = [
        (labels.earned, &evaluation.earned),
        (labels.applicable, &evaluation.applicable),
        (labels.normalized, &evaluation.normalized),
        (labels.score, &evaluation.score),
    ];
    for (offset, (label, value)) in (1u32..).zip(totals) {
        sheet.write_string_with_format(row + offset, 0, label, &styles.header)?;
        sheet.write_string(row + offset, 3, value.to_string())?;
    }
    let start = row + 6;
    sheet.write_string_with_format(start, 0, words.labels.provenance, &styles.header)?;
    for (offset, (label, value)) in (1u32..).zip(provenance(report, words)) {
        sheet.write_string_with_format(start + offset, 0, label, &styles.header)?;
        sheet.write_string(start + offset, 1, value)?;
    }
    Ok(())
}
