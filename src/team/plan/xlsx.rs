//! The printed plan (`bscore plan --format xlsx`) as one sheet, built as
//! the 细则's (`render/xlsx/rules.rs`) with the shared spreadsheet
//! toolkit: the title and header, the team with each member's indicators
//! and points, the sites, then the indicators with a bold row per
//! category, printed on A4 landscape one page wide with the headings
//! repeated on every page. Points are written as text, exactly as the
//! decimals they are: the plan sums nothing a reader could change.

use super::document::{CategoryRows, Document};
use crate::message::{Text, t};
use crate::spreadsheet::{
    CELL_LIMIT, COMPUTED_FILL, HEADING_FILL, Page, bordered, over_cell_limit, page_footer,
    print_setup, shown_text, title_style, wrapped_height,
};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::io;

/// Widths of the eight columns (id, check, points, assessor, methods,
/// evidence, sample, sites), in the widths of a digit.
const WIDTHS: [f64; 8] = [9.0, 40.0, 8.0, 14.0, 18.0, 34.0, 18.0, 12.0];

/// The last column.
const LAST: u16 = 7;

/// The sheet's styles.
struct Styles {
    title: Format,
    label: Format,
    text: Format,
    number: Format,
    /// A count in the team's table, centred.
    count: Format,
    heading: Format,
    category: Format,
}

impl Styles {
    fn new() -> Styles {
        let text = bordered().set_text_wrap().set_align(FormatAlign::Top);
        let heading = bordered().set_bold().set_background_color(HEADING_FILL);
        Styles {
            title: title_style(),
            label: heading.clone().set_align(FormatAlign::Top),
            heading: heading
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            category: text.clone().set_bold().set_background_color(COMPUTED_FILL),
            number: text.clone().set_align(FormatAlign::Right),
            count: text.clone().set_align(FormatAlign::Center),
            text,
        }
    }
}

/// The workbook of `document`, or why Excel cannot hold one of its cells.
pub(super) fn workbook(document: &Document) -> io::Result<Vec<u8>> {
    cells_fit(document).map_err(io::Error::other)?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_sheet(sheet, document).map_err(io::Error::other)?;
    workbook.save_to_buffer().map_err(io::Error::other)
}

/// Refuses a cell longer than Excel holds, naming the indicator.
fn cells_fit(document: &Document) -> Result<(), Text> {
    for row in document.rows() {
        let evidence = row.evidence_line(&document.labels, "\n");
        if let Some(length) = over_cell_limit(&shown_text(&evidence)) {
            let id = &row.id;
            return Err(t!(
                "指标 {id} 的查阅材料有 {length} 个字符，超过了 Excel 单元格最多能存的 {CELL_LIMIT} 个：请缩短它，或改用 html、markdown 格式",
                "the evidence of {id} has {length} characters, more than the {CELL_LIMIT} an Excel cell holds: shorten it, or use html or markdown"
            ));
        }
    }
    Ok(())
}

fn write_sheet(sheet: &mut Worksheet, document: &Document) -> Result<(), XlsxError> {
    let styles = Styles::new();
    sheet.set_name(&document.labels.plan)?;
    for (column, width) in (0..).zip(WIDTHS) {
        sheet.set_column_width(column, width)?;
    }
    let mut row = write_header(sheet, document, &styles)?;
    row = write_team(sheet, document, row, &styles)?;
    row += 1;
    let headings_row = row;
    for (column, text) in (0..).zip(&document.labels.headings) {
        sheet.write_string_with_format(row, column, text, &styles.heading)?;
    }
    print_setup(sheet, Page::Landscape, headings_row)?;
    sheet.set_freeze_panes(headings_row + 1, 0)?;
    sheet.set_footer(page_footer(&document.title, ""));
    row += 1;
    for category in &document.categories {
        row = write_category(sheet, document, category, row, &styles)?;
    }
    Ok(())
}

/// The title and the label/value lines; returns the next free row.
fn write_header(
    sheet: &mut Worksheet,
    document: &Document,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let title = shown_text(&document.title);
    sheet.merge_range(0, 0, 0, LAST, &title, &styles.title)?;
    sheet.set_row_height(0, 21.0)?;
    let mut row = 1;
    for (label, value) in &document.header {
        let value = shown_text(value);
        sheet.merge_range(row, 0, row, 1, label, &styles.label)?;
        sheet.merge_range(row, 2, row, LAST, &value, &styles.text)?;
        row += 1;
    }
    Ok(row + 1)
}

/// The team's table, then the sites' lines; returns the next free row.
fn write_team(
    sheet: &mut Worksheet,
    document: &Document,
    mut row: u32,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let labels = &document.labels;
    // The terminal's and the page's order (姓名, 角色, then the counts),
    // the categories last, over the wide columns; the counts centred, so
    // that a figure never runs into the categories beside it.
    let [name, role, categories, indicators, points] = &labels.team;
    sheet.write_string_with_format(row, 0, name, &styles.heading)?;
    sheet.write_string_with_format(row, 1, role, &styles.heading)?;
    sheet.write_string_with_format(row, 2, indicators, &styles.heading)?;
    sheet.write_string_with_format(row, 3, points, &styles.heading)?;
    sheet.merge_range(row, 4, row, LAST, categories, &styles.heading)?;
    row += 1;
    for member in document.member_rows(document.separator()) {
        sheet.write_string_with_format(row, 0, shown_text(&member[0]), &styles.text)?;
        sheet.write_string_with_format(row, 1, &member[1], &styles.text)?;
        sheet.write_string_with_format(row, 2, &member[3], &styles.count)?;
        sheet.write_string_with_format(row, 3, &member[4], &styles.count)?;
        sheet.merge_range(row, 4, row, LAST, &member[2], &styles.text)?;
        row += 1;
    }
    let count: usize = document.members.iter().map(|m| m.indicators).sum();
    sheet.merge_range(row, 0, row, 1, &labels.total, &styles.label)?;
    sheet.write_string_with_format(row, 2, count.to_string(), &styles.count)?;
    sheet.write_string_with_format(row, 3, &document.total_points, &styles.count)?;
    sheet.merge_range(row, 4, row, LAST, "", &styles.text)?;
    row += 1;
    sheet.merge_range(row, 0, row, LAST, &labels.rule_note, &styles.text)?;
    sheet.set_row_height(
        row,
        wrapped_height(&[(&labels.rule_note, WIDTHS.iter().sum())]),
    )?;
    row += 1;
    if !document.sites.is_empty() {
        row += 1;
        sheet.write_string_with_format(row, 0, &labels.sites[0], &styles.heading)?;
        sheet.merge_range(row, 1, row, LAST, &labels.sites[1], &styles.heading)?;
        row += 1;
        for (id, name) in &document.sites {
            sheet.write_string_with_format(row, 0, shown_text(id), &styles.text)?;
            sheet.merge_range(row, 1, row, LAST, &shown_text(name), &styles.text)?;
            row += 1;
        }
    }
    Ok(row)
}

/// A category's row, then its indicators' rows; returns the next free row.
fn write_category(
    sheet: &mut Worksheet,
    document: &Document,
    category: &CategoryRows,
    mut row: u32,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    sheet.merge_range(row, 0, row, LAST, &category.heading, &styles.category)?;
    row += 1;
    let labels = &document.labels;
    let sites = document.site_ids("\n");
    for entry in &category.rows {
        let cells = [
            entry.id.clone(),
            entry.check.clone(),
            entry.points.clone(),
            entry.assessor_line(labels),
            entry.methods_line(labels, "\n"),
            entry.evidence_line(labels, "\n"),
            entry.sample_line(labels),
            sites.clone(),
        ]
        .map(|cell| shown_text(&cell));
        for (column, cell) in (0..).zip(&cells) {
            let style = match column {
                2 => &styles.number,
                _ => &styles.text,
            };
            sheet.write_string_with_format(row, column, cell, style)?;
        }
        let sized: Vec<(&str, f64)> = (cells.iter())
            .zip(WIDTHS)
            .map(|(cell, width)| (cell.as_str(), width))
            .collect();
        sheet.set_row_height(row, wrapped_height(&sized))?;
        row += 1;
    }
    Ok(row)
}
