//! The scoring sheet: Appendix A's table with the audit's findings, one
//! block at a time (the page, the header, the column headings, each
//! category's rows and subtotal), then the totals (`totals.rs`).

use super::cells::{note_cell, record_cell};
use super::layout::{
    APPLICABLE, CATEGORY, CHECK, COEFFICIENT, COEFFICIENT_EXACT, EARNED, EARNED_EXACT, HEADER_ROWS,
    NOTE, POINTS, RECORD, Styles, column_width, row_height,
};
use super::totals::write_totals;
use crate::audit::Measure;
use crate::checklist::Category;
use crate::engine::Subtotal;
use crate::number::{COEFFICIENT_PLACES, SCORE_PLACES};
use crate::render::report::Report;
use crate::render::view::{Row, audit_header, rows};
use crate::render::words::Words;
use crate::spreadsheet::{
    Page, cached_formula, cell, cut_formula, page_footer, print_setup, shown_text, to_f64,
};
use crate::text::visible;
use rust_xlsxwriter::{Worksheet, XlsxError};

/// The scoring sheet of `report`.
pub(super) fn write_form(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let header = header_lines(report, words);
    let first = first_row(header.len());
    set_up_page(sheet, report, first)?;
    write_header(sheet, header, words, styles)?;
    write_column_headings(sheet, first, words, styles)?;
    let all: Vec<Row<'_>> = rows(report).collect();
    let mut row = first;
    let mut subtotal_rows = Vec::new();
    for (index, category) in report.checklist.categories.iter().enumerate() {
        let first = row;
        for indicator_row in all.iter().filter(|r| r.indicator.category == index) {
            write_indicator(sheet, row, indicator_row, words, styles)?;
            row += 1;
        }
        let subtotal = &report.evaluation.categories[index];
        let category = (category, subtotal);
        write_subtotal(sheet, (row, first), category, words, styles)?;
        subtotal_rows.push(row);
        row += 1;
    }
    write_totals(sheet, row + 1, &subtotal_rows, report, words, styles)
}

/// The audit's fields and the file, as the header lists them.
fn header_lines(report: &Report<'_>, words: &Words<'_>) -> Vec<(&'static str, String)> {
    let mut header = audit_header(report, words);
    header.push((words.labels.file, report.file.to_string()));
    header
}

/// The first row of the indicators below the title, the `lines` of the
/// header and the column headings: [`HEADER_ROWS`], or lower when the
/// header holds more lines than it leaves room for (an audit with sites,
/// checked against a 细则: its file's line was written over by the
/// column headings).
fn first_row(lines: usize) -> u32 {
    let lines = u32::try_from(lines).unwrap_or(u32::MAX - 2);
    HEADER_ROWS.max(lines + 2)
}

/// A4 landscape, one page wide, the column headings (the row above
/// `first`) on every page, the page number and the audit in the footer;
/// the columns' widths, the two that compute at full precision hidden.
fn set_up_page(sheet: &mut Worksheet, report: &Report<'_>, first: u32) -> Result<(), XlsxError> {
    print_setup(sheet, Page::Landscape, first - 1)?;
    let meta = &report.audit.meta;
    sheet.set_footer(page_footer(&meta.organization, &meta.date.to_string()));
    for column in CATEGORY..=EARNED_EXACT {
        sheet.set_column_width(column, column_width(column))?;
    }
    sheet.set_column_hidden(COEFFICIENT_EXACT)?;
    sheet.set_column_hidden(EARNED_EXACT)?;
    Ok(())
}

/// The title, then the audit's fields and the file (`header`), one a row.
fn write_header(
    sheet: &mut Worksheet,
    header: Vec<(&str, String)>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    sheet.merge_range(
        0,
        CATEGORY,
        0,
        APPLICABLE,
        &format!("{} — {}", words.standard(), labels.appendix_title),
        &styles.title,
    )?;
    sheet.set_row_height(0, 21.0)?;
    for (offset, (label, value)) in (1u32..).zip(header) {
        sheet.write_string_with_format(offset, CATEGORY, label, &styles.header)?;
        sheet.write_string(offset, CHECK, shown_text(&value))?;
        sheet.set_row_height(offset, row_height(&[(label, CATEGORY)]))?;
    }
    Ok(())
}

/// The table's column headings above row `first`, the rows from it frozen.
fn write_column_headings(
    sheet: &mut Worksheet,
    first: u32,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    let earned_header = words.earned_heading();
    let coefficient_exact = format!("{} ({})", labels.coefficient, labels.exact);
    let earned_exact = format!("{} ({})", labels.earned, labels.exact);
    let columns = [
        labels.category,
        labels.check_text,
        labels.points,
        labels.coefficient,
        &earned_header,
        labels.record,
        labels.note,
        labels.applicable,
        &coefficient_exact,
        &earned_exact,
    ];
    for (column, title) in (0u16..).zip(columns) {
        sheet.write_string_with_format(first - 1, column, title, &styles.header)?;
    }
    let headings: Vec<(&str, u16)> = (0u16..).zip(columns).map(|(c, t)| (t, c)).collect();
    sheet.set_row_height(first - 1, row_height(&headings))?;
    sheet.set_freeze_panes(first, 0)?;
    Ok(())
}

/// A category's subtotal row, at `row`, over its indicators' rows from
/// `first`: the points, the earned points and the applicable points.
fn write_subtotal(
    sheet: &mut Worksheet,
    (row, first): (u32, u32),
    (category, subtotal): (&Category, &Subtotal),
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let sum = |column: u16| format!("=SUM({}:{})", cell(first, column), cell(row - 1, column));
    let name = words.category(category);
    sheet.write_string_with_format(row, CATEGORY, name, &styles.subtotal_text)?;
    sheet.write_string_with_format(row, CHECK, words.labels.total, &styles.subtotal_text)?;
    sheet.set_row_height(row, row_height(&[(name, CATEGORY)]))?;
    sheet.write_formula_with_format(
        row,
        POINTS,
        cached_formula(sum(POINTS), &category.total),
        &styles.subtotal_number,
    )?;
    sheet.write_formula_with_format(
        row,
        EARNED_EXACT,
        cached_formula(sum(EARNED_EXACT), &subtotal.earned),
        &styles.exact,
    )?;
    sheet.write_formula_with_format(
        row,
        EARNED,
        cut_formula(&cell(row, EARNED_EXACT), &subtotal.earned, SCORE_PLACES),
        &styles.subtotal_figure,
    )?;
    sheet.write_formula_with_format(
        row,
        APPLICABLE,
        cached_formula(sum(APPLICABLE), &subtotal.applicable),
        &styles.subtotal_number,
    )?;
    for column in [COEFFICIENT, RECORD, NOTE] {
        sheet.write_blank(row, column, &styles.subtotal_text)?;
    }
    Ok(())
}

/// An indicator's row: its category, check and points; its coefficient;
/// its earned and applicable points; the record and the note.
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
    let check = visible(&check, true).into_owned();
    sheet.write_string_with_format(row, CHECK, &check, &styles.text)?;
    sheet.write_number_with_format(row, POINTS, to_f64(&line.indicator.points), &styles.number)?;
    write_coefficient(sheet, row, line, words, styles)?;
    write_earned(sheet, row, line, styles)?;
    let record = record_cell(line, words);
    sheet.write_string_with_format(row, RECORD, &record, &styles.text)?;
    let note = note_cell(line, words);
    sheet.write_string_with_format(row, NOTE, &note, &styles.text)?;
    let height = row_height(&[
        (category, CATEGORY),
        (&check, CHECK),
        (&record, RECORD),
        (&note, NOTE),
    ]);
    sheet.set_row_height(row, height)?;
    Ok(())
}

/// The coefficient at full precision (hidden), and as shown: cut to four
/// places, as the table shows it; or the excluded mark.
fn write_coefficient(
    sheet: &mut Worksheet,
    row: u32,
    line: &Row<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    match (line.entry.measure(), &line.score.coefficient) {
        (
            Some(Measure::Sample {
                sampled,
                nonconforming,
            }),
            Some(coefficient),
        ) => {
            let sample = cached_formula(format!("={nonconforming}/{sampled}"), coefficient);
            sheet.write_formula_with_format(row, COEFFICIENT_EXACT, sample, &styles.exact)?;
        }
        (_, Some(coefficient)) => {
            let value = to_f64(coefficient);
            sheet.write_number_with_format(row, COEFFICIENT_EXACT, value, &styles.exact)?;
        }
        (_, None) => {
            let excluded = words.labels.excluded;
            sheet.write_string_with_format(row, COEFFICIENT, excluded, &styles.text)?;
        }
    }
    if let Some(coefficient) = &line.score.coefficient {
        let exact = cell(row, COEFFICIENT_EXACT);
        sheet.write_formula_with_format(
            row,
            COEFFICIENT,
            cut_formula(&exact, coefficient, COEFFICIENT_PLACES),
            &styles.coefficient,
        )?;
    }
    Ok(())
}

/// 实际得分 = （1 − 扣分系数）× 小类分值 at full precision (hidden) and as
/// shown, and the points the row counts towards the applicable total; an
/// excluded row earns nothing and counts nothing.
fn write_earned(
    sheet: &mut Worksheet,
    row: u32,
    line: &Row<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    if !line.score.applicable {
        sheet.write_blank(row, EARNED, &styles.number)?;
        sheet.write_number_with_format(row, APPLICABLE, 0.0, &styles.number)?;
        return Ok(());
    }
    let earned = format!(
        "=(1-{})*{}",
        cell(row, COEFFICIENT_EXACT),
        cell(row, POINTS)
    );
    sheet.write_formula_with_format(
        row,
        EARNED_EXACT,
        cached_formula(earned, &line.score.earned),
        &styles.exact,
    )?;
    sheet.write_formula_with_format(
        row,
        EARNED,
        cut_formula(&cell(row, EARNED_EXACT), &line.score.earned, SCORE_PLACES),
        &styles.figure,
    )?;
    let applicable = format!("={}", cell(row, POINTS));
    sheet.write_formula_with_format(
        row,
        APPLICABLE,
        cached_formula(applicable, &line.indicator.points),
        &styles.number,
    )?;
    Ok(())
}
