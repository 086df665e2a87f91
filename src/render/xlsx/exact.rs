//! The exact sheet: every figure of the report as an exact fraction, for
//! re-checking without rounding, and the provenance of the result.

use super::layout::Styles;
use crate::render::report::Report;
use crate::render::view::{provenance, rows};
use crate::render::words::Words;
use crate::spreadsheet::{Page, print_setup, wrapped_height};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Every figure as an exact fraction, for re-checking without rounding.
pub(super) fn write_exact(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    for (column, width) in (0u16..).zip(EXACT_WIDTHS) {
        sheet.set_column_width(column, width)?;
    }
    // A4 portrait, one page wide, the headings on every page.
    print_setup(sheet, Page::Portrait, 0)?;
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
    // Each total's label across the first three columns, its value in the
    // fourth.
    let label_width: f64 = EXACT_WIDTHS[..3].iter().sum();
    for (offset, (label, value)) in (1u32..).zip(totals) {
        sheet.merge_range(row + offset, 0, row + offset, 2, label, &styles.header)?;
        sheet.write_string(row + offset, 3, value.to_string())?;
        sheet.set_row_height(row + offset, wrapped_height(&[(label, label_width)]))?;
    }
    let start = row + 6;
    let title = words.labels.provenance;
    let all: f64 = EXACT_WIDTHS.iter().sum();
    sheet.merge_range(start, 0, start, 3, title, &styles.header)?;
    sheet.set_row_height(start, wrapped_height(&[(title, all)]))?;
    // Each record's label in the first column, its value (a SHA-256 digest
    // among them, on one line) across the other three.
    let value_width: f64 = EXACT_WIDTHS[1..].iter().sum();
    for (offset, (label, value)) in (1u32..).zip(provenance(report, words)) {
        sheet.write_string_with_format(start + offset, 0, &label, &styles.header)?;
        // A merged part's file name is the assessor's text.
        let value = crate::spreadsheet::shown_text(&value);
        sheet.merge_range(start + offset, 1, start + offset, 3, &value, &styles.text)?;
        let height = wrapped_height(&[(&label, EXACT_WIDTHS[0]), (&value, value_width)]);
        sheet.set_row_height(start + offset, height)?;
    }
    Ok(())
}

/// Widths of the exact sheet's columns: the id (and the labels below),
/// the points, the coefficient, the earned points. The last three, merged,
/// hold a SHA-256 digest on one line.
const EXACT_WIDTHS: [f64; 4] = [24.0, 16.0, 16.0, 48.0];
