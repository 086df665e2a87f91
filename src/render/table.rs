//! `--format table`: terminal tables with comfy-table, which measures display
//! width so Chinese and mixed text stay aligned, in a terminal and piped.

use super::labels::{grade_name, kind_name};
use super::{RenderOptions, Renderer, Report};
use crate::audit::{Measure, Status};
use crate::number::{Exact, fixed, percent, trimmed};
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};
use num_traits::Zero;
use std::io::{self, Write};

/// Decimal places shown for points and scores (SPEC §3.5).
const PLACES: u32 = 2;

pub(super) struct TableRenderer {
    pub options: RenderOptions,
}

impl Renderer for TableRenderer {
    fn render(&self, reports: &[Report<'_>], out: &mut dyn Write) -> io::Result<()> {
        for (index, report) in reports.iter().enumerate() {
            if index > 0 {
                writeln!(out)?;
            }
            self.render_one(report, out)?;
        }
        Ok(())
    }
}

impl TableRenderer {
    fn new_table(&self, header: &[&str]) -> Table {
        let mut table = Table::new();
        table.load_style(if self.options.ascii {
            presets::ASCII_FULL_CONDENSED
        } else {
            presets::UTF8_FULL_CONDENSED
        });
        table.set_content_arrangement(ContentArrangement::Dynamic);
        if !header.is_empty() {
            table.set_header(header.iter().map(|h| Cell::new(*h)));
        }
        table
    }

    fn render_one(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out, "区块链服务评分结果 — {}", report.file)?;
        writeln!(out, "{}", self.header(report))?;
        writeln!(out, "{}", self.categories(report))?;
        if let Some(losses) = self.losses(report) {
            writeln!(out, "失分与删减明细")?;
            writeln!(out, "{losses}")?;
        }
        writeln!(out, "{}", self.summary(report))
    }

    fn header(&self, report: &Report<'_>) -> Table {
        let meta = &report.audit.meta;
        let mut table = self.new_table(&[]);
        let rows = [
            (
                "标准",
                format!("{} 《{}》", report.checklist.code, report.checklist.title),
            ),
            ("经营者", meta.organization.clone()),
            ("服务", meta.service.clone()),
            ("评价人员", meta.assessors.join("、")),
            ("评价日期", meta.date.to_string()),
            ("评价类型", kind_name(meta.kind).to_string()),
        ];
        for (label, value) in rows {
            table.add_row(vec![Cell::new(label), Cell::new(value)]);
        }
        table
    }

    fn categories(&self, report: &Report<'_>) -> Table {
        let mut table = self.new_table(&["指标大类", "分值", "涉及项分值", "实际得分", "得分率"]);
        let evaluation = report.evaluation;
        for (category, subtotal) in report
            .checklist
            .categories
            .iter()
            .zip(&evaluation.categories)
        {
            table.add_row(figures_row(
                &category.name,
                &category.total,
                &subtotal.applicable,
                &subtotal.earned,
            ));
        }
        table.add_row(figures_row(
            "合计",
            &report.checklist.full_score,
            &evaluation.applicable,
            &evaluation.earned,
        ));
        right_align(&mut table, 1..5);
        table
    }

    /// Every indicator that lost points, was excluded or had its exclusion
    /// rejected, with the reason: where the points went.
    fn losses(&self, report: &Report<'_>) -> Option<Table> {
        let mut table = self.new_table(&[
            "编号",
            "指标",
            "小类分值",
            "扣分系数",
            "实际得分",
            "理由与记录",
        ]);
        let checklist = report.checklist;
        let rows = checklist
            .indicators
            .iter()
            .zip(&report.audit.entries)
            .zip(&report.evaluation.indicators);
        for ((indicator, entry), score) in rows {
            let lost = score.applicable && score.earned < score.points;
            let notable = lost
                || matches!(
                    entry.status,
                    Status::Excluded { .. } | Status::ExclusionRejected { .. }
                );
            if !notable {
                continue;
            }
            let (coefficient, earned) = match entry.measure() {
                Some(measure) => (coefficient_text(measure), fixed(&score.earned, PLACES)),
                None => ("删减".to_string(), "-".to_string()),
            };
            let mut reasons = Vec::new();
            match &entry.status {
                Status::Excluded { reason } => reasons.push(format!("删减理由：{reason}")),
                Status::ExclusionRejected {
                    reason, rejection, ..
                } => {
                    reasons.push(format!("删减理由：{reason}"));
                    reasons.push(format!("理由不成立：{rejection}"));
                }
                Status::Assessed(_) | Status::Unassessed => {}
            }
            reasons.extend(entry.record.iter().map(|r| format!("记录：{r}")));
            reasons.extend(entry.note.iter().map(|n| format!("说明：{n}")));
            table.add_row(vec![
                Cell::new(&indicator.id),
                Cell::new(&checklist.groups[indicator.group].name),
                Cell::new(fixed(&indicator.points, PLACES)),
                Cell::new(coefficient),
                Cell::new(earned),
                Cell::new(reasons.join("\n")),
            ]);
        }
        right_align(&mut table, 2..5);
        (table.row_count() > 0).then_some(table)
    }

    fn summary(&self, report: &Report<'_>) -> Table {
        let checklist = report.checklist;
        let evaluation = report.evaluation;
        let mut table = self.new_table(&[]);
        table.add_row(vec![
            Cell::new("评分 = 实际得分 / 涉及项总分值 x 100"),
            Cell::new(fixed(&evaluation.normalized, PLACES)),
        ]);
        for deduction in &report.audit.special_deductions {
            let kind = checklist
                .special_deduction_kind(&deduction.kind)
                .map_or(deduction.kind.as_str(), |k| k.text.as_str());
            table.add_row(vec![
                Cell::new(format!("特别扣分项（{kind}）：{}", deduction.finding)),
                Cell::new(format!(
                    "-{}",
                    trimmed(&checklist.special_deduction_points, PLACES)
                )),
            ]);
        }
        if let Some(bonus) = &report.audit.bonus {
            table.add_row(vec![
                Cell::new(format!("特别加分项：{}", bonus.practice)),
                Cell::new(format!("+{}", trimmed(&checklist.bonus_points, PLACES))),
            ]);
        }
        table.add_row(vec![
            Cell::new("总评分"),
            Cell::new(fixed(&evaluation.score, PLACES)),
        ]);
        let mut grade = grade_name(checklist, evaluation.grade).to_string();
        if evaluation.special_deductions > 0 {
            grade.push_str("（存在特别扣分项，8.3 d) 2)）");
        }
        table.add_row(vec![Cell::new("评级"), Cell::new(grade)]);
        right_align(&mut table, 1..2);
        table
    }
}

fn figures_row(label: &str, points: &Exact, applicable: &Exact, earned: &Exact) -> Vec<Cell> {
    let rate = if applicable.is_zero() {
        "-".to_string()
    } else {
        format!("{}%", fixed(&percent(earned, applicable), PLACES))
    };
    vec![
        Cell::new(label),
        Cell::new(fixed(points, PLACES)),
        Cell::new(fixed(applicable, PLACES)),
        Cell::new(fixed(earned, PLACES)),
        Cell::new(rate),
    ]
}

/// A coefficient as the assessor gave it: a sample as k/n, a coefficient cut
/// to four decimals.
fn coefficient_text(measure: &Measure) -> String {
    match measure {
        Measure::Sample {
            sampled,
            nonconforming,
        } => format!("{nonconforming}/{sampled}（抽样）"),
        Measure::Coefficient(value) => trimmed(value, 4),
    }
}

fn right_align(table: &mut Table, columns: std::ops::Range<usize>) {
    for index in columns {
        if let Some(column) = table.column_mut(index) {
            column.set_cell_alignment(CellAlignment::Right);
        }
    }
}
