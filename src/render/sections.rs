//! Format-neutral tables for the smaller commands (`gap`, `compare`), drawn
//! either as terminal tables or as Markdown, so the content is decided once.

use super::markdown::escape;
use crate::text::visible;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

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

/// An empty terminal table: condensed, wrapping to the terminal's width,
/// drawn in UTF-8 or (for terminals that draw box characters double-width)
/// ASCII.
pub fn terminal_table(ascii: bool) -> Table {
    let mut table = Table::new();
    table.load_style(if ascii {
        presets::ASCII_FULL_CONDENSED
    } else {
        presets::UTF8_FULL_CONDENSED
    });
    table.set_content_arrangement(ContentArrangement::Dynamic);
    table
}

/// A section's table for the terminal (its title is the caller's).
pub fn terminal_grid(section: &Section, ascii: bool) -> Table {
    let mut table = terminal_table(ascii);
    let cell = |text: &String| Cell::new(visible(text, true));
    if !section.header.is_empty() {
        table.set_header(section.header.iter().map(cell));
    }
    for row in &section.rows {
        table.add_row(row.iter().map(cell));
    }
    for column in &section.right {
        if let Some(column) = table.column_mut(*column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table
}

/// Sections as terminal tables.
pub fn to_terminal(sections: &[Section], ascii: bool) -> String {
    let mut out = String::new();
    for section in sections.iter().filter(|s| !s.rows.is_empty()) {
        if let Some(title) = &section.title {
            out.push_str(&visible(title, false));
            out.push('\n');
        }
        out.push_str(&terminal_grid(section, ascii).to_string());
        out.push('\n');
    }
    out
}

/// A section's table as GitHub-flavoured Markdown (its title is the
/// caller's), every cell escaped; a total row's label is set in bold.
pub fn markdown_grid(section: &Section) -> String {
    let columns = section
        .rows
        .iter()
        .map(Vec::len)
        .chain([section.header.len()])
        .max()
        .unwrap_or(0);
    let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    let escaped = |row: &[String]| -> Vec<String> { row.iter().map(|c| escape(c)).collect() };
    let mut out = match section.header.is_empty() {
        true => line(&vec![String::new(); columns]),
        false => line(&escaped(&section.header)),
    };
    let rule: Vec<String> = (0..columns)
        .map(|c| match section.right.contains(&c) {
            true => "---:".to_string(),
            false => "---".to_string(),
        })
        .collect();
    out.push_str(&line(&rule));
    let last = section.rows.len().saturating_sub(1);
    for (index, row) in section.rows.iter().enumerate() {
        let mut cells = escaped(row);
        if section.total_last
            && index == last
            && let Some(label) = cells.first_mut()
        {
            *label = format!("**{label}**");
        }
        out.push_str(&line(&cells));
    }
    out
}

/// Sections as GitHub-flavoured Markdown, every cell escaped.
pub fn to_markdown(sections: &[Section]) -> String {
    let mut out = String::new();
    for section in sections.iter().filter(|s| !s.rows.is_empty()) {
        if let Some(title) = &section.title {
            out.push_str(&format!("### {}\n\n", escape(title)));
        }
        out.push_str(&markdown_grid(section));
        out.push('\n');
    }
    out
}
