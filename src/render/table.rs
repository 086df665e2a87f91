//! `--format table`: terminal tables with comfy-table, which measures display
//! width so Chinese and mixed text stay aligned, in a terminal and piped.
//! The terminal grid every command draws its [`Section`]s with is here:
//! fitted to the width, wrapped by Unicode's line breaking rules.

use super::content::{Adjustment, Content};
use super::labels::Labels;
use super::report::{Line, RenderOptions, Report, Streamed, TableLook};
use super::sections::{Section, batch_count, batch_summary};
use super::words::Words;
use crate::checklist::Checklist;
use crate::text::visible;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use std::io::{self, Write};
use unicode_width::UnicodeWidthStr;

pub(super) struct TableRenderer {
    pub options: RenderOptions,
}

impl Streamed for TableRenderer {
    fn piece(&self, report: &Report<'_>, _several: bool) -> io::Result<Vec<u8>> {
        let words = Words::new(self.options.lang, report.checklist).on_one_line();
        let content = Content::of(report, &words, self.options.detail);
        let mut out = Vec::new();
        self.draw(&content, words.labels, &mut out)?;
        Ok(out)
    }

    fn separator(&self, _several: bool, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out)
    }

    fn tail(
        &self,
        checklist: &Checklist,
        lines: &[Line],
        several: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if several {
            writeln!(out)?;
            let words = Words::new(self.options.lang, checklist).on_one_line();
            writeln!(out, "{}", self.grid(&batch_summary(&words, lines)))?;
            let count = batch_count(&words, lines);
            writeln!(out, "{}", heading(&count, self.options.look()))?;
        }
        Ok(())
    }
}

impl TableRenderer {
    fn grid(&self, section: &Section) -> String {
        terminal_grid(section, self.options.look())
    }

    fn draw(&self, content: &Content, labels: &Labels, out: &mut dyn Write) -> io::Result<()> {
        let look = self.options.look();
        let title = format!("{} — {}", content.title, content.file);
        writeln!(out, "{}", heading(&title, look))?;
        let header = Section::pairs(None, content.header.clone());
        writeln!(out, "{}", self.grid(&header))?;
        writeln!(out, "{}", self.grid(&content.categories))?;
        if let (Some(title), false) = (
            &content.indicators.title,
            content.indicators.rows.is_empty(),
        ) {
            writeln!(out, "{}", heading(title, look))?;
            writeln!(out, "{}", self.grid(&content.indicators))?;
            for note in &content.cut_sum_notes {
                // Wrapped to the width like a heading.
                writeln!(out, "{}", heading(note, look))?;
            }
        }
        writeln!(out, "{}", self.grid(&summary(content, labels)))
    }
}

/// Normalized score, special deductions and bonus, score, grade and what
/// the score means next, as one label/value table.
fn summary(content: &Content, labels: &Labels) -> Section {
    let mut rows = vec![content.normalized.clone()];
    rows.extend(
        content
            .adjustments
            .iter()
            .map(|adjustment| adjustment_row(adjustment, labels)),
    );
    rows.push(content.score.clone());
    rows.push(content.grade.clone());
    rows.extend(content.outlook.iter().cloned());
    let mut section = Section::pairs(None, rows);
    section.right = vec![1];
    section
}

fn adjustment_row(adjustment: &Adjustment, labels: &Labels) -> (String, String) {
    let kind = adjustment
        .kind
        .as_ref()
        .map(|kind| format!(" ({kind})"))
        .unwrap_or_default();
    let sign = if adjustment.deducts { "-" } else { "+" };
    // Who found it and how it was settled, on lines of their own below.
    let team: String = (adjustment.team.iter())
        .map(|line| format!("\n{line}"))
        .collect();
    (
        format!(
            "{}{kind}{}{}{team}",
            adjustment.label, labels.colon, adjustment.text
        ),
        format!("{sign}{}", adjustment.points),
    )
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
