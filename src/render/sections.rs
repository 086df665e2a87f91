//! Format-neutral tables, as data: a [`Section`] is a title, headings and
//! rows of plain text, which the smaller commands (`gap`, `compare`,
//! `checklist`) and a batch's summary decide once and each format draws in
//! its own syntax (`table.rs` as a terminal grid, `markdown.rs` as a
//! Markdown table).

use super::report::Line;
use super::words::Words;
use crate::number::{SCORE_PLACES, fixed};

/// One line per audit after the reports of several, in the order named,
/// the ones not evaluated marked as such.
pub fn batch_summary(words: &Words<'_>, lines: &[Line]) -> Section {
    let labels = words.labels;
    Section {
        title: None,
        header: [
            labels.file,
            labels.organization,
            labels.service,
            labels.score,
            labels.grade,
        ]
        .map(String::from)
        .to_vec(),
        rows: lines
            .iter()
            .map(|line| match line {
                Line::Evaluated(summary) => vec![
                    summary.file.clone(),
                    words.free(&summary.organization).into_owned(),
                    words.free(&summary.service).into_owned(),
                    fixed(&summary.score, SCORE_PLACES),
                    words.grade(summary.grade).to_string(),
                ],
                Line::Refused(file) => vec![
                    file.clone(),
                    "-".to_string(),
                    "-".to_string(),
                    "-".to_string(),
                    labels.refused.to_string(),
                ],
            })
            .collect(),
        right: vec![3],
        total_last: false,
    }
}

/// The line under a batch summary: how many audits, how many refused.
pub fn batch_count(words: &Words<'_>, lines: &[Line]) -> String {
    let refused = lines
        .iter()
        .filter(|line| matches!(line, Line::Refused(_)))
        .count();
    words.batch_count(lines.len() - refused, refused)
}

/// A titled table of text cells.
#[derive(Debug, Clone, Default)]
pub struct Section {
    /// Heading above the table, if any.
    pub title: Option<String>,
    /// Column names; empty for a two-column label/value table.
    pub header: Vec<String>,
    /// Rows of cells.
    pub rows: Vec<Vec<String>>,
    /// Columns aligned right (figures).
    pub right: Vec<usize>,
    /// Whether the last row is a total, set apart where the format can.
    pub total_last: bool,
}

impl Section {
    /// A label/value table.
    pub fn pairs(title: Option<String>, rows: Vec<(String, String)>) -> Section {
        Section {
            title,
            header: Vec::new(),
            rows: rows
                .into_iter()
                .map(|(label, value)| vec![label, value])
                .collect(),
            right: Vec::new(),
            total_last: false,
        }
    }
}
