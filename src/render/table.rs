//! `--format table`: terminal tables with comfy-table, which measures display
//! width so Chinese and mixed text stay aligned, in a terminal and piped.

use super::labels::Words;
use super::sections::terminal_table;
use super::view::{PLACES, Row, audit_header, outlook, rate, rows};
use super::{RenderOptions, Report, Streamed, Summary};
use crate::checklist::Checklist;
use crate::number::{Exact, fixed, trimmed};
use comfy_table::{Cell, CellAlignment, Table};
use std::io::{self, Write};

pub(super) struct TableRenderer {
    pub options: RenderOptions,
}

impl Streamed for TableRenderer {
    fn piece(&self, report: &Report<'_>, _several: bool) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        self.render_one(report, &mut out)?;
        Ok(out)
    }

    fn separator(&self, _several: bool, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out)
    }

    fn tail(
        &self,
        checklist: &Checklist,
        summaries: &[Summary],
        several: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if several {
            writeln!(out)?;
            writeln!(out, "{}", self.batch_summary(checklist, summaries))?;
        }
        Ok(())
    }
}

impl TableRenderer {
    fn new_table(&self, header: &[&str]) -> Table {
        let mut table = terminal_table(self.options.ascii);
        if !header.is_empty() {
            table.set_header(header.iter().map(|h| Cell::new(*h)));
        }
        table
    }

    fn render_one(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let words = Words::new(self.options.lang, report.checklist);
        writeln!(out, "{} — {}", words.labels.title, report.file)?;
        writeln!(out, "{}", self.header(report, &words))?;
        writeln!(out, "{}", self.categories(report, &words))?;
        let title = if self.options.detail {
            words.labels.detail_title
        } else {
            words.labels.losses_title
        };
        if let Some(indicators) = self.indicators(report, &words) {
            writeln!(out, "{title}")?;
            writeln!(out, "{indicators}")?;
        }
        writeln!(out, "{}", self.summary(report, &words))
    }

    fn header(&self, report: &Report<'_>, words: &Words<'_>) -> Table {
        let labels = words.labels;
        let mut table = self.new_table(&[]);
        let mut rows = vec![(labels.standard, words.standard())];
        rows.extend(audit_header(report, words));
        for (label, value) in rows {
            table.add_row(vec![Cell::new(label), Cell::new(value)]);
        }
        table
    }

    fn categories(&self, report: &Report<'_>, words: &Words<'_>) -> Table {
        let labels = words.labels;
        let mut table = self.new_table(&[
            labels.category,
            labels.category_points,
            labels.applicable,
            labels.earned,
            labels.rate,
        ]);
        let evaluation = report.evaluation;
        let categories = report.checklist.categories.iter();
        for (category, subtotal) in categories.zip(&evaluation.categories) {
            table.add_row(figures_row(
                words.category(category),
                &category.total,
                &subtotal.applicable,
                &subtotal.earned,
            ));
        }
        table.add_row(figures_row(
            labels.total,
            &report.checklist.full_score,
            &evaluation.applicable,
            &evaluation.earned,
        ));
        right_align(&mut table, 1..5);
        table
    }

    /// The indicators that lost points, were excluded or had their
    /// exclusion rejected (every indicator with `--detail`), with reasons.
    fn indicators(&self, report: &Report<'_>, words: &Words<'_>) -> Option<Table> {
        let labels = words.labels;
        let mut table = self.new_table(&[
            labels.id,
            labels.group,
            labels.points,
            labels.coefficient,
            labels.earned,
            labels.reasons,
        ]);
        let shown = rows(report).filter(|row| self.options.detail || row.is_notable());
        for row in shown {
            table.add_row(indicator_row(report, words, &row));
        }
        right_align(&mut table, 2..5);
        (table.row_count() > 0).then_some(table)
    }

    fn summary(&self, report: &Report<'_>, words: &Words<'_>) -> Table {
        let checklist = report.checklist;
        let evaluation = report.evaluation;
        let labels = words.labels;
        let mut table = self.new_table(&[]);
        table.add_row(vec![
            Cell::new(labels.normalized),
            Cell::new(fixed(&evaluation.normalized, PLACES)),
        ]);
        for deduction in &report.audit.special_deductions {
            let kind = words.deduction_kind(&deduction.kind);
            table.add_row(vec![
                Cell::new(format!(
                    "{} ({kind}){}{}",
                    labels.special_deduction, labels.colon, deduction.finding
                )),
                Cell::new(format!(
                    "-{}",
                    trimmed(&checklist.special_deduction_points, PLACES)
                )),
            ]);
        }
        if let Some(bonus) = &report.audit.bonus {
            table.add_row(vec![
                Cell::new(format!(
                    "{}{}{}",
                    labels.bonus, labels.colon, bonus.practice
                )),
                Cell::new(format!("+{}", trimmed(&checklist.bonus_points, PLACES))),
            ]);
        }
        table.add_row(vec![
            Cell::new(labels.score),
            Cell::new(fixed(&evaluation.score, PLACES)),
        ]);
        let mut grade = words.grade(evaluation.grade).to_string();
        if evaluation.special_deductions > 0 {
            grade.push_str(labels.failed_by_deduction);
        }
        table.add_row(vec![Cell::new(labels.grade), Cell::new(grade)]);
        right_align(&mut table, 1..2);
        for (label, value) in outlook(report, words) {
            table.add_row(vec![Cell::new(label), Cell::new(value)]);
        }
        table
    }

    /// One line per audit, after the reports of several.
    fn batch_summary(&self, checklist: &Checklist, summaries: &[Summary]) -> Table {
        let words = Words::new(self.options.lang, checklist);
        let labels = words.labels;
        let mut table = self.new_table(&[
            labels.file,
            labels.organization,
            labels.service,
            labels.score,
            labels.grade,
        ]);
        for summary in summaries {
            table.add_row(vec![
                Cell::new(&summary.file),
                Cell::new(&summary.organization),
                Cell::new(&summary.service),
                Cell::new(fixed(&summary.score, PLACES)),
                Cell::new(words.grade(summary.grade)),
            ]);
        }
        right_align(&mut table, 3..4);
        table
    }
}

fn indicator_row(report: &Report<'_>, words: &Words<'_>, row: &Row<'_>) -> Vec<Cell> {
    let earned = if row.score.applicable {
        fixed(&row.score.earned, PLACES)
    } else {
        "-".to_string()
    };
    vec![
        Cell::new(&row.indicator.id),
        Cell::new(words.group(&report.checklist.groups[row.indicator.group])),
        Cell::new(fixed(&row.indicator.points, PLACES)),
        Cell::new(row.coefficient_text(words)),
        Cell::new(earned),
        Cell::new(row.reasons(words).join("\n")),
    ]
}

fn figures_row(label: &str, points: &Exact, applicable: &Exact, earned: &Exact) -> Vec<Cell> {
    let rate = rate(earned, applicable);
    vec![
        Cell::new(label),
        Cell::new(fixed(points, PLACES)),
        Cell::new(fixed(applicable, PLACES)),
        Cell::new(fixed(earned, PLACES)),
        Cell::new(rate),
    ]
}

fn right_align(table: &mut Table, columns: std::ops::Range<usize>) {
    for index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}
