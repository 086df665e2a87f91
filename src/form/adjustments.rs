//! The second sheet: special deductions and the bonus, each a row of a
//! kind and a finding.

use super::builder::{Writer, filled_cells};
use super::cells::{cell_name, sheet_reference};
use super::unpack::Cells;
use super::values::{quoted, text_at, text_of};
use super::{ADJUSTMENT_COLUMNS, adjustment_label, key_of};
use crate::message::Lang;
use crate::message::t;
use crate::render::Labels;
use calamine::Data;

/// The words that name the bonus on the second sheet: `bonus`, and the
/// reports' word in each language (加分).
pub(super) fn is_bonus(kind: &str) -> bool {
    let kind = kind.trim();
    kind.eq_ignore_ascii_case("bonus")
        || [Lang::Zh, Lang::En]
            .iter()
            .any(|lang| kind.eq_ignore_ascii_case(Labels::of(*lang).bonus_kind))
}

/// One row of the second sheet: its kind and finding, and their cells.
pub(super) struct Adjustment {
    kind: String,
    kind_cell: String,
    finding: String,
    finding_cell: String,
}

/// Reads the second sheet; returns its heading row and the kind's and
/// finding's columns, if it has them.
pub(super) fn adjustment_rows(
    sheet: &Cells<Data>,
    name: &str,
    out: &mut Writer,
) -> Option<(u32, u32, u32)> {
    let heading = sheet.rows().find_map(|row| {
        let find = |key: &str| {
            (sheet.row(row).iter())
                .find(|(_, _, value)| {
                    text_of(value).and_then(|label| key_of(&ADJUSTMENT_COLUMNS, &label))
                        == Some(key)
                })
                .map(|(_, column, _)| *column)
        };
        Some((row, find("kind")?, find("finding")?))
    });
    let Some((heading, kind_column, finding_column)) = heading else {
        no_adjustment_heading(sheet, name, out);
        return None;
    };
    for (row, column) in filled_cells(sheet.in_rows(0..heading)) {
        above_adjustment_heading(cell_name(name, row, column), out);
    }
    let mut rows = Vec::new();
    let below = heading.saturating_add(1);
    for row in sheet.rows().skip_while(|row| *row < below) {
        for (_, column) in filled_cells(sheet.row(row)) {
            if ![kind_column, finding_column].contains(&column) {
                not_an_adjustment_column(cell_name(name, row, column), out);
            }
        }
        let kind = text_at(sheet, row, kind_column);
        let finding = text_at(sheet, row, finding_column);
        let (kind_cell, finding_cell) = (
            cell_name(name, row, kind_column),
            cell_name(name, row, finding_column),
        );
        match (kind, finding) {
            (Some(kind), Some(finding)) => rows.push(Adjustment {
                kind,
                kind_cell,
                finding,
                finding_cell,
            }),
            (Some(kind), None) => finding_missing(&kind, finding_cell, out),
            (None, Some(_)) => kind_missing(kind_cell, out),
            (None, None) => {}
        }
    }
    write_adjustments(rows, out);
    Some((heading, kind_column, finding_column))
}

/// A second sheet without its heading row (a heading renamed or deleted):
/// nothing on it can be read, so the heading is asked for, naming what a
/// row lacks when one holds one of the two headings, and every cell that
/// holds something is reported, never dropped.
pub(super) fn no_adjustment_heading(sheet: &Cells<Data>, name: &str, out: &mut Writer) {
    let cells = filled_cells(sheet.all());
    if cells.is_empty() {
        return;
    }
    let (kind_zh, kind_en) = adjustment_label("kind");
    let (finding_zh, finding_en) = adjustment_label("finding");
    let half = cells.iter().find_map(|(row, column)| {
        let key = key_of(&ADJUSTMENT_COLUMNS, &text_at(sheet, *row, *column)?)?;
        let missing = if key == "kind" { "finding" } else { "kind" };
        Some((cell_name(name, *row, *column), adjustment_label(missing)))
    });
    let help = Some(t!(
        "在第一行写上表头：A 列“{kind_zh}”，B 列“{finding_zh}”，其下每行一项",
        "write the headings on the first row: \"{kind_en}\" in column A, \"{finding_en}\" in column B, one item per row below"
    ));
    match half {
        Some((cell, (zh, en))) => out.refuse(
            cell,
            t!(
                "找不到表头行：这一行有表头，但缺少“{zh}”",
                "no heading row: this row has a heading, but no \"{en}\""
            ),
            help,
        ),
        None => out.refuse(
            sheet_reference(name),
            t!(
                "找不到表头行：需要一行包含“{kind_zh}”和“{finding_zh}”",
                "no heading row: a row must hold \"{kind_en}\" and \"{finding_en}\""
            ),
            help,
        ),
    }
    for (row, column) in cells {
        out.refuse(
            cell_name(name, row, column),
            t!(
                "本表没有“{kind_zh}”“{finding_zh}”表头行，bscore 无法读取此处的内容",
                "this sheet has no \"{kind_en}\" and \"{finding_en}\" heading row, so bscore cannot read this cell"
            ),
            None,
        );
    }
}

/// A cell above the second sheet's heading row: not an item, not read.
pub(super) fn above_adjustment_heading(cell: String, out: &mut Writer) {
    let (kind_zh, kind_en) = adjustment_label("kind");
    let (finding_zh, finding_en) = adjustment_label("finding");
    out.refuse(
        cell,
        t!(
            "这一格在“{kind_zh}”“{finding_zh}”表头行的上方，bscore 不读取此处的内容",
            "this cell is above the \"{kind_en}\" and \"{finding_en}\" heading row, so bscore does not read it"
        ),
        Some(t!(
            "删除表头行上方的行，特别扣分和加分写在表头行下方",
            "delete the rows above the heading row; write special deductions and the bonus below it"
        )),
    );
}

/// The special deductions and the first bonus as TOML; a second bonus
/// is refused at its row (§8.3 c 4: at most one counts).
pub(super) fn write_adjustments(rows: Vec<Adjustment>, out: &mut Writer) {
    let mut bonus_seen = false;
    for row in rows {
        if is_bonus(&row.kind) {
            if bonus_seen {
                second_bonus(row.kind_cell, out);
                continue;
            }
            bonus_seen = true;
            out.line("\n[bonus]");
            out.toml.push_str("practice = ");
        } else {
            out.line("\n[[special_deductions]]");
            out.toml.push_str("kind = ");
            let start = out.toml.len();
            out.put(&quoted(&row.kind), &row.kind_cell);
            out.kinds.push(start..out.toml.len());
            out.toml.push_str("\nfinding = ");
        }
        out.put(&quoted(&row.finding), &row.finding_cell);
        out.toml.push('\n');
    }
}

pub(super) fn finding_missing(kind: &str, cell: String, out: &mut Writer) {
    let (zh, en) = adjustment_label("finding");
    let (kind_zh, kind_en) = adjustment_label("kind");
    let kind = crate::input::shortened(kind);
    out.refuse(
        cell,
        t!(
            "{kind_zh}为“{kind}”，但{zh}未填写",
            "{kind_en} is \"{kind}\", but {en} is empty"
        ),
        Some(t!(
            "在{zh}列写明发现的问题（加分则写所见的最佳实践），或清空这一行",
            "write what was found in the {en} column (for the bonus, the practice seen), or clear the row"
        )),
    );
}

pub(super) fn kind_missing(cell: String, out: &mut Writer) {
    let (zh, en) = adjustment_label("kind");
    let (finding_zh, finding_en) = adjustment_label("finding");
    let (bonus, bonus_en) = (
        Labels::of(Lang::Zh).bonus_kind,
        Labels::of(Lang::En).bonus_kind,
    );
    out.refuse(
        cell,
        t!(
            "这一行写了{finding_zh}，但{zh}未填写",
            "this row has a {finding_en}, but no {en}"
        ),
        Some(t!(
            "在{zh}列从列表中选择特别扣分的类型，或“{bonus}”",
            "choose the special deduction's kind from the {en} column's list, or \"{bonus_en}\""
        )),
    );
}

pub(super) fn second_bonus(cell: String, out: &mut Writer) {
    let (zh, en) = (
        Labels::of(Lang::Zh).bonus_kind,
        Labels::of(Lang::En).bonus_kind,
    );
    out.refuse(
        cell,
        t!(
            "最佳实践加分至多一项（8.3 c) 4)）：这是第二个“{zh}”行",
            "at most one best-practice bonus counts (8.3 c) 4)): this is a second \"{en}\" row"
        ),
        Some(t!(
            "只保留一行“{zh}”，其余的最佳实践写在第一行的发现里",
            "keep one \"{en}\" row; describe any other practice in its Finding"
        )),
    );
}

pub(super) fn not_an_adjustment_column(cell: String, out: &mut Writer) {
    let (kind_zh, kind_en) = adjustment_label("kind");
    let (finding_zh, finding_en) = adjustment_label("finding");
    out.refuse(
        cell,
        t!(
            "bscore 只读取{kind_zh}和{finding_zh}两列，不读取此处的内容",
            "bscore reads only the {kind_en} and {finding_en} columns, not this cell"
        ),
        Some(t!(
            "把这里的内容写进同一行的{finding_zh}",
            "move this into the row's {finding_en}"
        )),
    );
}
