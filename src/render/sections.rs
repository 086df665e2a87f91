//! Format-neutral tables for the smaller commands (`gap`, `compare`), drawn
//! either as terminal tables or as Markdown, so the content is decided once.

use super::markdown::escape;
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

/// Sections as terminal tables.
pub fn to_terminal(sections: &[Section], ascii: bool) -> String {
    let mut out = String::new();
    for section in sections.iter().filter(|s| !s.rows.is_empty()) {
        if let Some(title) = &section.title {
            out.push_str(title);
            out.push('\n');
        }
        let mut table = terminal_table(ascii);
        if !section.header.is_empty() {
            table.set_header(&section.header);
        }
        for row in &section.rows {
            table.add_row(row.iter().map(Cell::new));
        }
        for column in &section.right {
            if let Some(column) = table.column_mut(*column) {
                column.set_cell_alignment(CellAlignment::Right);
            }
        }
        out.push_str(&table.to_string());
        out.push('\n');
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
        let columns = section.rows.iter().map(Vec::len).max().unwrap_or(0);
        let header: Vec<String> = if section.header.is_empty() {
            vec![String::new(); columns]
        } else {
            section.header.iter().map(|h| escape(h)).collect()
        };
        out.push_str(&format!("| {} |\n", header.join(" | ")));
        let rule: Vec<&str> = (0..columns)
            .map(|c| {
                if section.right.contains(&c) {
                    "---:"
                } else {
                    "---"
                }
            })
            .collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &section.rows {
            let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push('\n');
    }
    out
}
