//! What `evaluate` shows of one audit, decided once: the header, the
//! category table, the list of lost points, the special deductions and
//! bonus, the score lines and what the score means next. Every format
//! (terminal, Markdown, HTML, XLSX) draws these same rows in its own syntax;
//! none of them picks figures or words again.

use super::report::Report;
use super::sections::Section;
use super::view::{Row, audit_header, cut_sum_notes, outlook, rate, rows};
use super::words::Words;
use crate::checklist::Grade;
use crate::engine::Subtotal;
use crate::number::{Exact, SCORE_PLACES, fixed, trimmed};

/// The content of one audit's evaluation report.
#[derive(Debug, Clone)]
pub struct Content {
    /// The report's title, such as 区块链服务评分结果.
    pub title: &'static str,
    /// The audit file as the user named it.
    pub file: String,
    /// Standard, organization, service, assessors, date and kind.
    pub header: Vec<(String, String)>,
    /// A row per category, then the total row (`total_last`).
    pub categories: Section,
    /// The indicators that lost points, were excluded or had their exclusion
    /// rejected (every indicator with `--detail`), titled; no rows when none.
    pub indicators: Section,
    /// Special deductions, then the bonus.
    pub adjustments: Vec<Adjustment>,
    /// The normalized score line.
    pub normalized: (String, String),
    /// The final score line.
    pub score: (String, String),
    /// The grade line, saying when special deductions failed it.
    pub grade: (String, String),
    /// The grade itself (for a badge's colour).
    pub grade_id: Grade,
    /// Next band, exclusion sensitivity and schedule.
    pub outlook: Vec<(String, String)>,
    /// Why a category's rows, each cut as shown, add up to less than its
    /// subtotal; shown where every row is listed, empty otherwise.
    pub cut_sum_notes: Vec<String>,
}

/// A special deduction or the bonus, as every format lists it.
#[derive(Debug, Clone)]
pub struct Adjustment {
    /// 特别扣分项 or 特别加分项.
    pub label: &'static str,
    /// For a special deduction, its kind's wording.
    pub kind: Option<String>,
    /// Whether the points are taken off (a deduction) or added (the bonus).
    pub deducts: bool,
    /// The points, unsigned (`1`).
    pub points: String,
    /// The finding or the practice, as the assessor wrote it.
    pub text: String,
    /// Who found it and, for the bonus, how the team settled two parts'
    /// different ones ([`Words::team_lines`]); empty when the audit says
    /// neither.
    pub team: Vec<String>,
}

impl Content {
    /// The content of `report`; `detail` lists every indicator.
    pub fn of(report: &Report<'_>, words: &Words<'_>, detail: bool) -> Content {
        let labels = words.labels;
        let evaluation = report.evaluation;
        let mut header = vec![(labels.standard.to_string(), words.standard())];
        header.extend(
            audit_header(report, words)
                .into_iter()
                .map(|(label, value)| (label.to_string(), value)),
        );
        Content {
            title: labels.title,
            file: report.file.to_string(),
            header,
            categories: categories(report, words),
            indicators: indicators(report, words, detail),
            adjustments: adjustments(report, words),
            normalized: (
                labels.normalized.to_string(),
                fixed(&evaluation.normalized, SCORE_PLACES),
            ),
            score: (
                labels.score.to_string(),
                fixed(&evaluation.score, SCORE_PLACES),
            ),
            grade: (labels.grade.to_string(), words.graded(evaluation)),
            grade_id: evaluation.grade,
            outlook: outlook(report, words),
            cut_sum_notes: match detail {
                true => cut_sum_notes(report, words),
                false => Vec::new(),
            },
        }
    }
}

/// Category name, declared points, applicable, earned and rate.
fn figures_row(label: &str, points: &Exact, subtotal: &Subtotal) -> Vec<String> {
    vec![
        label.to_string(),
        fixed(points, SCORE_PLACES),
        fixed(&subtotal.applicable, SCORE_PLACES),
        fixed(&subtotal.earned, SCORE_PLACES),
        rate(subtotal.rate().as_ref()),
    ]
}

fn categories(report: &Report<'_>, words: &Words<'_>) -> Section {
    let labels = words.labels;
    let evaluation = report.evaluation;
    let categories = report.checklist.categories.iter();
    let mut rows: Vec<Vec<String>> = categories
        .zip(&evaluation.categories)
        .map(|(category, subtotal)| {
            figures_row(words.category(category), &category.total, subtotal)
        })
        .collect();
    rows.push(figures_row(
        labels.total,
        &report.checklist.full_score,
        &evaluation.total(),
    ));
    Section {
        title: None,
        header: [
            labels.category,
            labels.category_points,
            labels.applicable,
            labels.earned,
            labels.rate,
        ]
        .map(String::from)
        .to_vec(),
        rows,
        right: vec![1, 2, 3, 4],
        total_last: true,
    }
}

fn indicators(report: &Report<'_>, words: &Words<'_>, detail: bool) -> Section {
    let labels = words.labels;
    // A settled disagreement is listed too, and then named in the title.
    let settled = (report.audit.entries.iter()).any(|entry| entry.resolved.is_some());
    let title = match (detail, settled) {
        (true, _) => labels.detail_title,
        (false, false) => labels.losses_title,
        (false, true) => labels.losses_and_resolved_title,
    };
    Section {
        title: Some(title.to_string()),
        header: [
            labels.id,
            labels.group,
            labels.points,
            labels.coefficient,
            labels.earned,
            labels.reasons,
        ]
        .map(String::from)
        .to_vec(),
        rows: rows(report)
            .filter(|row| detail || row.is_notable())
            .map(|row| indicator_cells(report, words, &row))
            .collect(),
        right: vec![2, 3, 4],
        total_last: false,
    }
}

fn indicator_cells(report: &Report<'_>, words: &Words<'_>, row: &Row<'_>) -> Vec<String> {
    let mut cells = row.leading_cells(report.checklist, words);
    cells.push(row.earned_text());
    cells.push(row.reasons(words).join("\n"));
    cells
}

fn adjustments(report: &Report<'_>, words: &Words<'_>) -> Vec<Adjustment> {
    let labels = words.labels;
    let checklist = report.checklist;
    let mut adjustments: Vec<Adjustment> = report
        .audit
        .special_deductions
        .iter()
        .map(|deduction| Adjustment {
            label: labels.special_deduction,
            kind: Some(words.deduction_kind(&deduction.kind).to_string()),
            deducts: true,
            points: trimmed(&checklist.special_deduction_points, SCORE_PLACES),
            text: words.free(&deduction.finding).into_owned(),
            team: words.team_lines(&deduction.by, None),
        })
        .collect();
    if let Some(bonus) = &report.audit.bonus {
        adjustments.push(Adjustment {
            label: labels.bonus,
            kind: None,
            deducts: false,
            points: trimmed(&checklist.bonus_points, SCORE_PLACES),
            text: words.free(&bonus.practice).into_owned(),
            team: words.team_lines(&bonus.by, bonus.resolved.as_ref()),
        });
    }
    adjustments
}
