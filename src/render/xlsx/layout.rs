//! The layout of the report's scoring sheet: its columns, their widths,
//! the rows' heights, and its styles.

use crate::spreadsheet::{
    COMPUTED_FILL, FIGURE_FORMAT, HEADING_FILL, bordered, full_precision, title_style,
    wrapped_height,
};
use rust_xlsxwriter::{Format, FormatAlign};

/// Columns of the form: Appendix A's seven, then the applicable points
/// each row contributes, which the subtotals add up, then the two hidden
/// columns that compute at full precision.
pub(super) const CATEGORY: u16 = 0;
pub(super) const CHECK: u16 = 1;
pub(super) const POINTS: u16 = 2;
pub(super) const COEFFICIENT: u16 = 3;
pub(super) const EARNED: u16 = 4;
pub(super) const RECORD: u16 = 5;
pub(super) const NOTE: u16 = 6;
pub(super) const APPLICABLE: u16 = 7;
pub(super) const COEFFICIENT_EXACT: u16 = 8;
pub(super) const EARNED_EXACT: u16 = 9;

/// First row of the indicator rows, below the header block, when the
/// header leaves room for the column headings above it (one more line of
/// header moves them lower, `scoring::first_row`).
pub(super) const HEADER_ROWS: u32 = 9;

/// Widths of the form's columns, in the widths of a digit.
pub(super) fn column_width(column: u16) -> f64 {
    match column {
        CATEGORY => 12.0,
        CHECK => 60.0,
        POINTS => 9.0,
        COEFFICIENT => 11.0,
        EARNED => 16.0,
        RECORD | NOTE => 28.0,
        _ => 14.0,
    }
}

/// The height of a row of the form, from its wrapped cells and their
/// columns (see [`wrapped_height`]).
pub(super) fn row_height(cells: &[(&str, u16)]) -> f64 {
    let widths: Vec<(&str, f64)> = (cells.iter())
        .map(|(text, column)| (*text, column_width(*column)))
        .collect();
    wrapped_height(&widths)
}

/// The styles of the report's sheets.
pub(super) struct Styles {
    pub title: Format,
    pub header: Format,
    pub text: Format,
    /// Points: exact inputs of at most four places.
    pub number: Format,
    /// A figure already cut to two places by its formula.
    pub figure: Format,
    /// A coefficient already cut to four places by its formula.
    pub coefficient: Format,
    /// A hidden full-precision value: every digit a double shows.
    pub exact: Format,
    pub subtotal_text: Format,
    pub subtotal_number: Format,
    pub subtotal_figure: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let border = bordered();
        let text = border.clone().set_text_wrap().set_align(FormatAlign::Top);
        let number = border
            .clone()
            .set_num_format("0.00##")
            .set_align(FormatAlign::Top);
        let figure = border
            .clone()
            .set_num_format(FIGURE_FORMAT)
            .set_align(FormatAlign::Top);
        Styles {
            title: title_style(),
            coefficient: border
                .clone()
                .set_num_format("General")
                .set_align(FormatAlign::Top),
            exact: full_precision(),
            subtotal_figure: figure
                .clone()
                .set_bold()
                .set_background_color(COMPUTED_FILL),
            figure,
            header: border
                .clone()
                .set_bold()
                .set_background_color(HEADING_FILL)
                .set_text_wrap(),
            subtotal_text: text.clone().set_bold().set_background_color(COMPUTED_FILL),
            subtotal_number: number
                .clone()
                .set_bold()
                .set_background_color(COMPUTED_FILL),
            text,
            number,
        }
    }
}
