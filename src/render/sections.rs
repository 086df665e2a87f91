//! Format-neutral tables for the smaller commands (`gap`, `compare`), drawn
//! either as terminal tables or as Markdown, so the content is decided once.

use super::labels::Words;
use super::markdown::escape;
use super::report::{Line, TableLook};
use crate::number::{SCORE_PLACES, fixed};
use crate::text::visible;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use unicode_width::UnicodeWidthStr;

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

/// Below this width a table with column headings is drawn as one block
/// per row (heading: value), since six columns no longer fit.
const STACKED_BELOW: usize = 60;

/// The longest run a text cell keeps whole (a long English word or path);
/// longer ones are broken.
const LONGEST_RUN: usize = 20;

/// A text column is not narrowed below this to keep a heading whole.
const COMFORTABLE: usize = 24;

/// Characters a table adds around its cells: a border before each
/// column, one after the last, and a space either side of every cell.
fn borders(columns: usize) -> usize {
    3 * columns + 1
}

/// An empty terminal table, condensed, in UTF-8 or ASCII. Cells are
/// wrapped before they are added, so the table only draws them.
fn terminal_table(look: TableLook) -> Table {
    let mut table = Table::new();
    table.load_style(if look.ascii {
        presets::ASCII_FULL_CONDENSED
    } else {
        presets::UTF8_FULL_CONDENSED
    });
    table.set_content_arrangement(ContentArrangement::Disabled);
    table
}

/// A section's table for the terminal (its title is the caller's), fitted
/// to the width: ids, figures, sample fractions and words are never
/// broken (Unicode line breaking: text breaks between words and between
/// Chinese characters); when its columns cannot fit, one block per row.
pub fn terminal_grid(section: &Section, look: TableLook) -> String {
    let rows: Vec<Vec<String>> = (section.rows.iter())
        .map(|row| {
            row.iter()
                .map(|text| visible(text, true).into_owned())
                .collect()
        })
        .collect();
    let header: Vec<String> = (section.header.iter())
        .map(|text| visible(text, true).into_owned())
        .collect();
    let width = usize::from(look.width);
    let widths = match column_widths(&header, &rows, width) {
        Some(widths) if header.is_empty() || width >= STACKED_BELOW => widths,
        _ if !header.is_empty() => return stacked(&header, &rows, look),
        // A label/value table narrower than its longest words: they break.
        _ => squeezed(&rows, width),
    };
    let mut table = terminal_table(look);
    let wrapped = |row: &[String]| -> Vec<Cell> {
        row.iter()
            .zip(&widths)
            .map(|(text, width)| Cell::new(wrap(text, *width)))
            .collect()
    };
    if !header.is_empty() {
        table.set_header(wrapped(&header));
    }
    for row in &rows {
        table.add_row(wrapped(row));
    }
    for column in &section.right {
        if let Some(column) = table.column_mut(*column) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
    table.to_string()
}

/// One block per row: a label/value table of the row's cells under the
/// column headings.
fn stacked(header: &[String], rows: &[Vec<String>], look: TableLook) -> String {
    let blocks: Vec<String> = rows
        .iter()
        .map(|row| {
            let pairs = header.iter().cloned().zip(row.iter().cloned()).collect();
            terminal_grid(&Section::pairs(None, pairs), look)
        })
        .collect();
    blocks.join("\n")
}

/// How wide each column is drawn so that the table fits in `width`, or
/// `None` when even its narrowest does not. Each column is as wide as its
/// content and heading if they fit; if not, headings wrap first (`小类`
/// over `分值`), then the widest column gives up a character at a time,
/// none below its longest unbreakable run; room left over goes back to
/// the headings.
fn column_widths(header: &[String], rows: &[Vec<String>], width: usize) -> Option<Vec<usize>> {
    let columns = rows.iter().map(Vec::len).chain([header.len()]).max()?;
    let available = width.checked_sub(borders(columns))?;
    let widest = |cells: &mut dyn Iterator<Item = &String>| {
        cells
            .flat_map(|cell| cell.lines())
            .map(UnicodeWidthStr::width)
            .max()
            .unwrap_or(0)
    };
    let body = |index: usize| rows.iter().filter_map(move |row| row.get(index));
    let minimums: Vec<usize> = (0..columns)
        .map(|index| {
            let runs = body(index)
                .chain(header.get(index))
                .map(|cell| longest_run(cell));
            runs.max().unwrap_or(0).clamp(1, LONGEST_RUN)
        })
        .collect();
    let headings: Vec<usize> = (0..columns)
        .map(|index| widest(&mut header.get(index).into_iter()))
        .collect();
    let mut widths: Vec<usize> = (0..columns)
        .map(|index| widest(&mut body(index)).max(minimums[index]))
        .collect();
    let with_headings = |widths: &[usize]| -> Vec<usize> {
        widths
            .iter()
            .zip(&headings)
            .map(|(w, h)| *w.max(h))
            .collect()
    };
    if with_headings(&widths).iter().sum::<usize>() <= available {
        return Some(with_headings(&widths));
    }
    if minimums.iter().sum::<usize>() > available {
        return None;
    }
    while widths.iter().sum::<usize>() > available {
        // The widest column that can still give up a character.
        let (index, _) = (widths.iter().enumerate())
            .filter(|(index, width)| **width > minimums[*index])
            .max_by_key(|(_, width)| **width)?;
        widths[index] -= 1;
    }
    // Whole headings, from room left over or from the widest column while
    // it stays comfortably wide.
    for index in 0..columns {
        let wanted = headings[index].saturating_sub(widths[index]);
        let spare = available - widths.iter().sum::<usize>();
        let (donor, _) = (widths.iter().enumerate())
            .filter(|(other, _)| *other != index)
            .max_by_key(|(_, width)| **width)?;
        let floor = minimums[donor].max(COMFORTABLE);
        let given = wanted.min(spare + widths[donor].saturating_sub(floor));
        let from_donor = given.saturating_sub(spare);
        widths[donor] -= from_donor;
        widths[index] += given;
    }
    Some(widths)
}

/// Widths for a table narrower than its longest words (a label/value
/// table at 20 columns): the width shared in proportion to the content,
/// at least two columns each (a Chinese character).
fn squeezed(rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let available = width.saturating_sub(borders(columns)).max(2 * columns);
    let natural: Vec<usize> = (0..columns)
        .map(|index| {
            let cells = rows.iter().filter_map(|row| row.get(index));
            cells
                .flat_map(|cell| cell.lines())
                .map(UnicodeWidthStr::width)
                .max()
                .unwrap_or(1)
                .max(1)
        })
        .collect();
    let total: usize = natural.iter().sum();
    let mut widths: Vec<usize> = (natural.iter())
        .map(|part| (available * part / total.max(1)).max(2))
        .collect();
    // Columns raised to two may leave too little for the others.
    while widths.iter().sum::<usize>() > available {
        match widths.iter_mut().filter(|width| **width > 2).max() {
            Some(widest) => *widest -= 1,
            None => break,
        }
    }
    widths
}

/// A heading or title line, wrapped to the width like the tables.
pub fn heading(text: &str, look: TableLook) -> String {
    wrap(&visible(text, false), usize::from(look.width))
}

/// Line-breaking options: Unicode's rules (UAX #14), which break between
/// words and between Chinese characters but not inside numbers or ids.
fn breaking(width: usize) -> textwrap::Options<'static> {
    textwrap::Options::new(width)
        .word_separator(textwrap::WordSeparator::UnicodeBreakProperties)
        .break_words(true)
}

/// `text` wrapped to `width`, its own line breaks kept.
fn wrap(text: &str, width: usize) -> String {
    let lines: Vec<String> = text
        .lines()
        .flat_map(|line| textwrap::wrap(line, breaking(width)))
        .map(|line| line.into_owned())
        .collect();
    lines.join("\n")
}

/// The widest run of `text` that Unicode's line breaking rules keep on
/// one line.
fn longest_run(text: &str) -> usize {
    let unbroken = breaking(1).break_words(false);
    text.lines()
        .flat_map(|line| textwrap::wrap(line, unbroken.clone()))
        .map(|run| run.trim_end().width())
        .max()
        .unwrap_or(0)
}

/// Sections as terminal tables.
pub fn to_terminal(sections: &[Section], look: TableLook) -> String {
    let mut out = String::new();
    for section in sections.iter().filter(|s| !s.rows.is_empty()) {
        if let Some(title) = &section.title {
            out.push_str(&heading(title, look));
            out.push('\n');
        }
        out.push_str(&terminal_grid(section, look));
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
