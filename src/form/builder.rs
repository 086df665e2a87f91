//! The TOML being written from a form's cells: each value with the cell
//! it came from, and what the form holds that the audit cannot.

use super::held::FormAudit;
use super::values::text_of;
use crate::diagnostic::Diagnostic;
use crate::message::Text;
use calamine::Data;
use std::ops::Range;

/// Problems of the form built, in the cells' order; past these they are
/// counted. Far more than are shown ([`crate::diagnostic::MAX_REPORTED`]).
pub(super) const MAX_FORM_PROBLEMS: usize = 10_000;

/// The TOML being written, the cells behind it, and what the form holds
/// that it cannot.
#[derive(Default)]
pub(super) struct Writer {
    pub(super) toml: String,
    pub(super) cells: Vec<(Range<usize>, String)>,
    pub(super) places: Vec<(String, String)>,
    pub(super) problems: Vec<Diagnostic>,
    pub(super) kinds: Vec<Range<usize>>,
    pub(super) blank_rows: Vec<(String, String, bool)>,
    pub(super) unlisted: usize,
    pub(super) indicator_rows: Vec<(String, Range<usize>)>,
}

impl Writer {
    pub(super) fn line(&mut self, text: &str) {
        self.toml.push_str(text);
        self.toml.push('\n');
    }

    /// Writes `text`, which came from `cell`.
    pub(super) fn put(&mut self, text: &str, cell: &str) {
        let start = self.toml.len();
        self.toml.push_str(text);
        self.cells.push((start..self.toml.len(), cell.to_string()));
    }

    /// Records what `cell` holds that the audit cannot; past
    /// [`MAX_FORM_PROBLEMS`], only counts it.
    pub(super) fn refuse(&mut self, cell: String, message: Text, help: Option<Text>) {
        if self.problems.len() >= MAX_FORM_PROBLEMS {
            self.unlisted = self.unlisted.saturating_add(1);
            return;
        }
        let mut diagnostic = Diagnostic::new(message).key(cell);
        if let Some(help) = help {
            diagnostic = diagnostic.help(help);
        }
        self.problems.push(diagnostic);
    }

    pub(super) fn finish(self) -> FormAudit {
        FormAudit {
            toml: self.toml,
            cells: self.cells,
            places: self.places,
            problems: self.problems,
            kinds: self.kinds,
            blank_rows: self.blank_rows,
            unlisted: self.unlisted,
            indicator_rows: self.indicator_rows,
        }
    }
}

/// The places of the `cells` holding text, in order.
pub(super) fn filled_cells(cells: &[(u32, u32, Data)]) -> Vec<(u32, u32)> {
    (cells.iter())
        .filter(|(_, _, value)| text_of(value).is_some())
        .map(|(row, column, _)| (*row, *column))
        .collect()
}
