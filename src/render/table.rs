//! `--format table`: terminal tables with comfy-table, which measures display
//! width so Chinese and mixed text stay aligned, in a terminal and piped.

use super::content::{Adjustment, Content};
use super::labels::{Labels, Words};
use super::report::{Line, RenderOptions, Report, Streamed};
use super::sections::{Section, batch_count, batch_summary, heading, terminal_grid};
use crate::checklist::Checklist;
use std::io::{self, Write};

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
    (
        format!(
            "{}{kind}{}{}",
            adjustment.label, labels.colon, adjustment.text
        ),
        format!("{sign}{}", adjustment.points),
    )
}
