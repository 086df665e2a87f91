//! Finding a sheet's heading row and the column of each heading, in
//! either language, and saying so when one is missing or given twice.

use super::builder::filled_cells;
use super::cells::cell_name;
use super::unpack::Cells;
use super::values::text_of;
use super::{COLUMNS, READ_COLUMNS, column_label, is_required_column, key_of};
use crate::diagnostic::Diagnostic;
use crate::message::t;
use calamine::Data;
use rustc_hash::FxHashMap;

/// The heading row, the column of each key read, and every column that
/// has a heading (the table's extent: a cell under no heading is not read).
pub(super) struct Heading {
    pub(super) row: u32,
    pub(super) columns: Vec<(&'static str, u32)>,
    pub(super) headed: Vec<u32>,
    /// The columns the form computes (得分, 适用分值), with their keys:
    /// worked out once, not for every cell of every row.
    pub(super) computed: Vec<(&'static str, u32)>,
}

impl Heading {
    pub(super) fn column_of(&self, key: &str) -> Option<u32> {
        self.columns
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, column)| *column)
    }
}

/// The read columns' headings on `row`, with their columns, in order.
pub(super) fn read_headings(sheet: &Cells<Data>, row: u32) -> Vec<(&'static str, u32)> {
    (sheet.row(row).iter())
        .filter_map(|(_, column, value)| {
            let key = key_of(&COLUMNS, &text_of(value)?)?;
            READ_COLUMNS.contains(&key).then_some((key, *column))
        })
        .collect()
}

/// The first row holding every read column's heading (but those a form
/// written before them lacks); else the row holding most of them, if any, for the error to say which are missing.
pub(super) fn heading_row(sheet: &Cells<Data>) -> Result<Heading, Option<u32>> {
    let mut best: Option<(usize, u32)> = None;
    for row in sheet.rows() {
        let columns = read_headings(sheet, row);
        let mut distinct: Vec<&str> = (columns.iter().map(|(key, _)| *key))
            .filter(|key| is_required_column(key))
            .collect();
        distinct.sort_unstable();
        distinct.dedup();
        let required = READ_COLUMNS.iter().filter(|key| is_required_column(key));
        if distinct.len() == required.count() {
            // A heading twice is reported; its first column is read.
            let mut first = Vec::new();
            for (key, column) in columns {
                if !first.iter().any(|(k, _)| *k == key) {
                    first.push((key, column));
                }
            }
            // In column order: a column is looked up by binary search.
            let headed = filled_cells(sheet.row(row))
                .into_iter()
                .map(|(_, column)| column)
                .collect();
            let computed = (sheet.row(row).iter())
                .filter_map(|(_, column, value)| {
                    let key = key_of(&COLUMNS, &text_of(value)?)?;
                    ["earned", "applicable"]
                        .contains(&key)
                        .then_some((key, *column))
                })
                .collect();
            return Ok(Heading {
                row,
                columns: first,
                headed,
                computed,
            });
        }
        if distinct.len() > best.map_or(0, |(count, _)| count) {
            best = Some((distinct.len(), row));
        }
    }
    Err(best.map(|(_, row)| row))
}

/// Every heading that appears twice on the heading row, at each of its
/// cells: which column holds the values is unknown (现场评审记录 relabelled
/// 说明 would drop every record).
pub(super) fn twice_in_heading(
    sheet: &Cells<Data>,
    name: &str,
    row: u32,
    problems: &mut Vec<Diagnostic>,
) {
    let headings: Vec<(&str, u32)> = (sheet.row(row).iter())
        .filter_map(|(_, column, value)| Some((key_of(&COLUMNS, &text_of(value)?)?, *column)))
        .collect();
    let mut columns_of: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (key, column) in &headings {
        columns_of.entry(key).or_default().push(*column);
    }
    for (key, column) in &headings {
        let columns = columns_of.get(key).map_or(&[][..], Vec::as_slice);
        if columns.len() < 2 {
            continue;
        }
        // A hostile row may hold a heading thousands of times: the others
        // are listed up to a few, then counted.
        const LISTED: usize = 5;
        let others: Vec<String> = (columns.iter())
            .filter(|c| *c != column)
            .take(LISTED)
            .map(|c| cell_name(name, row, *c))
            .collect();
        let more = (columns.len() - 1).saturating_sub(LISTED);
        let (zh, en) = column_label(key);
        let others = match more {
            0 => others.join("、"),
            more => format!("{} … (+{more})", others.join("、")),
        };
        problems.push(
            Diagnostic::new(t!(
                "表头“{zh}”出现了不止一次（又见 {others}）：无法确定读取哪一列",
                "the heading \"{en}\" appears more than once (also at {others}): which column to read is unknown"
            ))
            .key(cell_name(name, row, *column))
            .help(t!(
                "每个表头只留一列：把多出的一个改回它原来的表头，或删除",
                "keep one column per heading: give the extra one back its own heading, or delete it"
            )),
        );
    }
}
