//! The form's layout: where its rows and columns are, how wide, and its
//! styles.

use crate::form::COLUMNS;
use crate::message::Lang;
use crate::number::{Exact, SCORE_PLACES, fixed};
use crate::spreadsheet::{
    COMPUTED_FILL, FIGURE_FORMAT, HEADING_FILL, bordered, full_precision, title_style,
};
use rust_xlsxwriter::{Format, FormatAlign};

/// Row of the column headings (0-based); the rows above hold the title,
/// the audit's fields and a note.
pub(super) const HEADING_ROW: u32 = 10;

/// Widths of the form's columns, in digit widths.
pub(super) const WIDTHS: [f64; COLUMNS.len()] = [
    10.0, 50.0, 8.0, 10.0, 8.0, 9.0, 9.0, 22.0, 22.0, 26.0, 22.0, 10.0, 10.0,
];

/// Widths of the second sheet's columns: the kind, the finding.
pub(super) const ADJUSTMENT_WIDTHS: [f64; 2] = [16.0, 80.0];

/// Rows of the second sheet that the formulas count and data validation
/// guides: far more items than an evaluation has (bscore itself reads every
/// row).
pub(super) const ADJUSTMENT_ROWS: u32 = 1000;

/// The hidden column that computes each row's earned points exactly.
pub(super) const EXACT: u16 = COLUMNS.len() as u16;

/// The hidden column that tells what a row's inputs amount to: a
/// [`RowState`] as a number, which the totals count. Beside a field above
/// the table, whether bscore requires it and it is empty; beside the
/// totals, the counts they are built from (`totals.rs`), each computed
/// once so that no total's formula outgrows Excel's limit.
pub(super) const STATE: u16 = EXACT + 1;

/// The hidden column that counts the placeholders left in a row's texts
/// (exclusion reason, rejection, record, note), which bscore refuses: its
/// own column, as the state's formula is near a spreadsheet's length limit.
/// Beside a name above the table, whether it is left a placeholder.
pub(super) const PLACEHOLDERS: u16 = STATE + 1;

/// The column of a 细则's conditions (`template --rules`), visible and
/// printed: after the hidden ones, so that every column the form has
/// without a 细则 stays where it is.
pub(super) const RULE_CONDITIONS: u16 = PLACEHOLDERS + 1;

/// The conditions column's width, in digit widths: a level's condition
/// on two or three lines, the page still readable when fitted to A4.
pub(super) const CONDITIONS_WIDTH: f64 = 36.0;

/// The first of the hidden cells that hold a row's levels when its list
/// is longer than Excel keeps in a data validation (255 characters).
pub(super) const LEVELS: u16 = RULE_CONDITIONS + 1;

/// A stored result as it is shown: cut to two places.
pub(super) fn shown_result(value: &Exact) -> String {
    fixed(value, SCORE_PLACES)
}

pub(super) fn column(key: &str) -> u16 {
    COLUMNS.iter().position(|(k, _, _)| *k == key).unwrap_or(0) as u16
}

pub(super) fn label(lang: Lang, entry: &(&str, &'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Zh => entry.1,
        Lang::En => entry.2,
    }
}

pub(super) struct Styles {
    pub(super) title: Format,
    pub(super) label: Format,
    pub(super) heading: Format,
    pub(super) locked: Format,
    pub(super) figure: Format,
    pub(super) input: Format,
    pub(super) date: Format,
    pub(super) hidden: Format,
    /// Text of the 细则, for people: locked, not grey (not a formula).
    pub(super) rule: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        let border = bordered().set_align(FormatAlign::Top).set_text_wrap();
        Styles {
            title: title_style(),
            label: border.clone().set_bold().set_background_color(HEADING_FILL),
            heading: border.clone().set_bold().set_background_color(HEADING_FILL),
            locked: border.clone().set_background_color(COMPUTED_FILL),
            figure: border
                .clone()
                .set_background_color(COMPUTED_FILL)
                .set_num_format(FIGURE_FORMAT),
            input: border.clone().set_unlocked(),
            date: border.clone().set_unlocked().set_num_format("yyyy-mm-dd"),
            hidden: full_precision(),
            rule: border,
        }
    }
}
