//! The printed 细则 (`bscore rules show --format xlsx`) as one sheet:
//! the title, version, standard and the file's full SHA-256 above a table
//! of the indicators, a bold row per category and per group, printed on
//! A4 landscape one page wide with the headings repeated on every page and
//! the title and digest in every page's footer. Points and coefficients
//! are written as text, exactly as the decimals they are.

use crate::message::Text;
use crate::message::t;
use crate::render::rules::document::{CategoryPart, Document, Entry};
use crate::spreadsheet::{
    CELL_LIMIT, COMPUTED_FILL, HEADING_FILL, Page, bordered, over_cell_limit, page_footer,
    print_setup, shown_text, title_style, wrapped_height,
};
use rust_xlsxwriter::{Format, FormatAlign, Workbook, Worksheet, XlsxError};
use std::io;

/// Widths of the five columns (id, check text, points, coefficients, how
/// it is examined), in the widths of a digit.
const WIDTHS: [f64; 5] = [11.0, 38.0, 10.0, 52.0, 52.0];

/// The last column.
const LAST: u16 = 4;

/// The sheet's styles.
struct Styles {
    title: Format,
    label: Format,
    text: Format,
    number: Format,
    heading: Format,
    category: Format,
    category_number: Format,
    group: Format,
    group_number: Format,
}

impl Styles {
    fn new() -> Styles {
        let text = bordered().set_text_wrap().set_align(FormatAlign::Top);
        // Right-aligned, a digit clear of the coefficients beside it.
        let number = text.clone().set_align(FormatAlign::Right).set_indent(1);
        let heading = bordered().set_bold().set_background_color(HEADING_FILL);
        Styles {
            title: title_style(),
            label: heading.clone().set_align(FormatAlign::Top),
            heading: heading
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            category: text.clone().set_bold().set_background_color(COMPUTED_FILL),
            category_number: number
                .clone()
                .set_bold()
                .set_background_color(COMPUTED_FILL),
            group: text.clone().set_bold().set_background_color(HEADING_FILL),
            group_number: number.clone().set_bold().set_background_color(HEADING_FILL),
            text,
            number,
        }
    }
}

/// The workbook of `document`, or why Excel cannot hold one of its cells.
pub(in crate::render) fn workbook(document: &Document) -> io::Result<Vec<u8>> {
    cells_fit(document).map_err(io::Error::other)?;
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    write_sheet(sheet, document).map_err(io::Error::other)?;
    workbook.save_to_buffer().map_err(io::Error::other)
}

/// Refuses a cell longer than Excel holds (rust_xlsxwriter's own error
/// names no cell), naming the indicator, or the header, it belongs to.
fn cells_fit(document: &Document) -> Result<(), Text> {
    let too_long = |place: &str, cell: &str| match over_cell_limit(&shown_text(cell)) {
        None => Ok(()),
        Some(length) => Err(t!(
            "细则中 {place} 的内容有 {length} 个字符，超过了 Excel 单元格最多能存的 {CELL_LIMIT} 个：请缩短它，或改用 html、markdown 格式",
            "the rules' text of {place} has {length} characters, more than the {CELL_LIMIT} an Excel cell holds: shorten it, or use html or markdown"
        )),
    };
    too_long("[rules]", &document.title)?;
    too_long("[rules]", &document.version)?;
    let entries = (document.categories.iter())
        .flat_map(|category| &category.groups)
        .flat_map(|group| &group.entries);
    for entry in entries {
        for cell in entry.cells(document.labels) {
            too_long(&entry.id, &cell)?;
        }
    }
    Ok(())
}

fn write_sheet(sheet: &mut Worksheet, document: &Document) -> Result<(), XlsxError> {
    let styles = Styles::new();
    sheet.set_name(document.labels.sheet)?;
    for (column, width) in (0..).zip(WIDTHS) {
        sheet.set_column_width(column, width)?;
    }
    let headings_row = write_header(sheet, document, &styles)?;
    print_setup(sheet, Page::Landscape, headings_row)?;
    // On screen too, the headings stay in view.
    sheet.set_freeze_panes(headings_row + 1, 0)?;
    sheet.set_footer(page_footer(
        &document.title,
        &footer_digest(&document.sha256),
    ));
    let mut row = headings_row + 1;
    for category in &document.categories {
        row = write_category(sheet, document, category, row, &styles)?;
    }
    Ok(())
}

/// The digest for the page footer: its hex digits only, so that nothing
/// in it is read as a footer's `&` code.
fn footer_digest(sha256: &str) -> String {
    let digits: String = sha256.chars().filter(char::is_ascii_hexdigit).collect();
    format!("SHA-256 {digits}")
}

/// The title, the label/value lines, the coverage and the headings' row;
/// returns the headings' row.
fn write_header(
    sheet: &mut Worksheet,
    document: &Document,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    let title = shown_text(&document.title);
    sheet.merge_range(0, 0, 0, LAST, &title, &styles.title)?;
    let all: f64 = WIDTHS.iter().sum();
    sheet.set_row_height(0, wrapped_height(&[(&title, all * 0.7)]).max(21.0))?;
    let mut row = 1;
    for (label, value) in document.header(document.sha256.clone()) {
        let value = shown_text(&value);
        sheet.merge_range(row, 0, row, 1, &label, &styles.label)?;
        sheet.merge_range(row, 2, row, LAST, &value, &styles.text)?;
        let height = wrapped_height(&[(&label, WIDTHS[0] + WIDTHS[1]), (&value, all - 49.0)]);
        sheet.set_row_height(row, height)?;
        row += 1;
    }
    sheet.merge_range(row, 0, row, LAST, &document.coverage, &styles.text)?;
    row += 2;
    for (column, text) in (0..).zip(&document.headings) {
        sheet.write_string_with_format(row, column, text, &styles.heading)?;
    }
    let headings: Vec<(&str, f64)> = (document.headings.iter())
        .zip(WIDTHS)
        .map(|(text, width)| (text.as_str(), width))
        .collect();
    sheet.set_row_height(row, wrapped_height(&headings))?;
    Ok(row)
}

/// A category's row, then each group's row and its indicators' rows, from
/// `row`; returns the next free row.
fn write_category(
    sheet: &mut Worksheet,
    document: &Document,
    category: &CategoryPart,
    mut row: u32,
    styles: &Styles,
) -> Result<u32, XlsxError> {
    sheet.merge_range(
        row,
        0,
        row,
        1,
        &shown_text(&category.name),
        &styles.category,
    )?;
    sheet.write_string_with_format(row, 2, &category.points, &styles.category_number)?;
    sheet.merge_range(row, 3, row, LAST, "", &styles.category)?;
    row += 1;
    for group in &category.groups {
        sheet.write_string_with_format(row, 0, &group.id, &styles.group)?;
        let name = shown_text(&group.name);
        sheet.write_string_with_format(row, 1, &name, &styles.group)?;
        sheet.write_string_with_format(row, 2, &group.points, &styles.group_number)?;
        sheet.merge_range(row, 3, row, LAST, "", &styles.group)?;
        sheet.set_row_height(row, wrapped_height(&[(&name, WIDTHS[1])]))?;
        row += 1;
        for entry in &group.entries {
            write_entry(sheet, document, entry, row, styles)?;
            row += 1;
        }
    }
    Ok(row)
}

/// An indicator's row, each cell's lines wrapped and the row as tall as
/// its most wrapped cell.
fn write_entry(
    sheet: &mut Worksheet,
    document: &Document,
    entry: &Entry,
    row: u32,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let cells: Vec<String> = (entry.cells(document.labels).iter())
        .map(|cell| shown_text(cell))
        .collect();
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
    Ok(())
}
