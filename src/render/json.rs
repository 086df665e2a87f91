//! `--format json`: the result object of SPEC §5, built from a documented
//! output struct so that internal types can change without breaking it.

use super::labels::{Lang, Words};
use super::view::{COEFFICIENT_PLACES, PLACES as SCORE_PLACES, rows};
use super::{Renderer, Report};
use crate::audit::{AuditKind, Status};
use crate::checklist::Grade;
use crate::number::{Exact, fraction, trimmed};
use serde::Serialize;
use serde_json::Number;
use std::io::{self, Write};

/// The result of evaluating one audit (SPEC §5). Figures are cut, never
/// rounded; each has an `_exact` companion holding the exact value as `p/q`.
#[derive(Debug, Serialize)]
pub struct JsonResult {
    /// Standard code of the checklist used.
    pub standard: String,
    /// The audit file as named on the command line.
    pub file: String,
    /// 经营者.
    pub organization: String,
    /// The service audited.
    pub service: String,
    /// Assessors.
    pub assessors: Vec<String>,
    /// Audit date, `YYYY-MM-DD`.
    pub date: String,
    /// `initial`, `surveillance` or `recertification`.
    pub kind: AuditKind,
    /// Final score, cut to two decimals.
    pub score: Number,
    /// Final score, exact, `p/q` in lowest terms (`"95"` when whole).
    pub score_exact: String,
    /// `fail`, `compliant`, `silver`, `gold` or `platinum`.
    pub grade: Grade,
    /// The grade's name in the report language (四星级（金牌）, Four-star (Gold) …).
    pub grade_name: String,
    /// Whether the evaluation passed (grade is not `fail`).
    pub passed: bool,
    /// earned / applicable × 100, cut to two decimals.
    pub normalized_score: Number,
    /// The normalized score, exact.
    pub normalized_score_exact: String,
    /// Σ earned points (实际得分), cut to two decimals.
    pub earned_points: Number,
    /// Σ earned points, exact.
    pub earned_points_exact: String,
    /// Σ applicable points (涉及项总分值), cut to two decimals.
    pub applicable_points: Number,
    /// Σ applicable points, exact.
    pub applicable_points_exact: String,
    /// Special deductions, in audit order; empty when none.
    pub special_deductions: Vec<JsonSpecialDeduction>,
    /// The bonus, or `null`.
    pub bonus: Option<JsonBonus>,
    /// Subtotals per category, in checklist order.
    pub categories: Vec<JsonSubtotal>,
    /// Subtotals per Table 1 group, in checklist order.
    pub groups: Vec<JsonSubtotal>,
    /// Every indicator, in checklist order.
    pub indicators: Vec<JsonIndicator>,
    /// The next band and the points missing to it; `null` at the top band
    /// or while special deductions fail the evaluation.
    pub next_band: Option<JsonNextBand>,
    /// Score and grade if every exclusion were rejected (§8.3 c 6); `null`
    /// when nothing is excluded.
    pub exclusion_sensitivity: Option<JsonSensitivity>,
    /// Latest dates of the next evaluations (§8.1 b).
    pub schedule: JsonSchedule,
}

/// The next band.
#[derive(Debug, Serialize)]
pub struct JsonNextBand {
    /// The band's id.
    pub grade: Grade,
    /// Its name in the report language.
    pub name: String,
    /// Its inclusive minimum score.
    pub min_score: Number,
    /// Points missing, rounded up to two decimals (so that gaining them
    /// reaches the band).
    pub missing: Number,
    /// Points missing, exact.
    pub missing_exact: String,
}

/// A what-if score and grade.
#[derive(Debug, Serialize)]
pub struct JsonScenario {
    /// Score, cut to two decimals.
    pub score: Number,
    /// Score, exact.
    pub score_exact: String,
    /// Grade.
    pub grade: Grade,
}

/// The grade's dependence on the exclusions.
#[derive(Debug, Serialize)]
pub struct JsonSensitivity {
    /// How many indicators are excluded.
    pub exclusions: usize,
    /// Every exclusion rejected and scored nonconforming (coefficient 1).
    pub all_nonconforming: JsonScenario,
    /// Every exclusion rejected and scored conforming (coefficient 0).
    pub all_conforming: JsonScenario,
}

/// Latest dates of the next evaluations, `YYYY-MM-DD`.
#[derive(Debug, Serialize)]
pub struct JsonSchedule {
    /// Start of the certification cycle; `null` when unknown.
    pub cycle_start: Option<String>,
    /// Latest date of the next surveillance.
    pub next_surveillance: Option<String>,
    /// Latest date of re-evaluation; `null` when the cycle start is unknown.
    pub recertification: Option<String>,
}

fn scenario_json(scenario: &crate::gap::Scenario) -> JsonScenario {
    JsonScenario {
        score: number(&scenario.score, SCORE_PLACES),
        score_exact: fraction(&scenario.score),
        grade: scenario.grade,
    }
}

/// `value` rounded up to the JSON's two places.
fn ceil(value: &Exact) -> Exact {
    let scale = crate::number::int(100);
    (value * &scale).ceil() / scale
}

/// One indicator's JSON form.
pub fn indicator_json(
    checklist: &crate::checklist::Checklist,
    row: &super::view::Row<'_>,
) -> JsonIndicator {
    let (reason, rejection) = row.exclusion();
    let score = row.score;
    JsonIndicator {
        id: row.indicator.id.clone(),
        category: checklist.categories[row.indicator.category].id.clone(),
        group: checklist.groups[row.indicator.group].id.clone(),
        points: number(&row.indicator.points, SCORE_PLACES),
        coefficient: score
            .coefficient
            .as_ref()
            .map(|c| number(c, COEFFICIENT_PLACES)),
        coefficient_exact: score.coefficient.as_ref().map(fraction),
        sampled: row.sample().map(|(sampled, _)| sampled),
        nonconforming: row.sample().map(|(_, nonconforming)| nonconforming),
        earned: number(&score.earned, SCORE_PLACES),
        earned_exact: fraction(&score.earned),
        excluded: !score.applicable,
        exclusion_reason: reason.map(str::to_string),
        exclusion_rejected: rejection.map(str::to_string),
        assessed: row.entry.status != Status::Unassessed,
        record: row.entry.record.clone(),
        note: row.entry.note.clone(),
    }
}

/// A special deduction.
#[derive(Debug, Serialize)]
pub struct JsonSpecialDeduction {
    /// `law`, `whitepaper`, `deception` or `risk`.
    pub kind: String,
    /// What the assessor found.
    pub finding: String,
}

/// The best-practice bonus.
#[derive(Debug, Serialize)]
pub struct JsonBonus {
    /// The practice observed.
    pub practice: String,
}

/// Earned against applicable points of a category or group.
#[derive(Debug, Serialize)]
pub struct JsonSubtotal {
    /// Category id (`service` …) or group clause (`4.1` …).
    pub id: String,
    /// Its name in the report language.
    pub name: String,
    /// Declared points.
    pub points: Number,
    /// Earned points, cut to two decimals.
    pub earned: Number,
    /// Earned points, exact.
    pub earned_exact: String,
    /// Applicable points (declared less exclusions), cut to two decimals.
    pub applicable: Number,
    /// Applicable points, exact.
    pub applicable_exact: String,
}

/// One indicator's result.
#[derive(Debug, Serialize)]
pub struct JsonIndicator {
    /// Appendix A label.
    pub id: String,
    /// Category id.
    pub category: String,
    /// Group clause.
    pub group: String,
    /// 小类分值.
    pub points: Number,
    /// Deduction coefficient cut to four decimals; `null` when excluded.
    pub coefficient: Option<Number>,
    /// Deduction coefficient, exact; `null` when excluded.
    pub coefficient_exact: Option<String>,
    /// Samples examined, when the coefficient comes from a sample.
    pub sampled: Option<u64>,
    /// Nonconforming samples, when the coefficient comes from a sample.
    pub nonconforming: Option<u64>,
    /// (1 − coefficient) × points, cut to two decimals; 0 when excluded.
    pub earned: Number,
    /// Earned points, exact.
    pub earned_exact: String,
    /// Whether the indicator is excluded (not counted at all).
    pub excluded: bool,
    /// The exclusion reason, for excluded and rejected exclusions.
    pub exclusion_reason: Option<String>,
    /// Why the assessor rejected the exclusion, if they did.
    pub exclusion_rejected: Option<String>,
    /// False when the audit did not list it and `unassessed = "conform"` applied.
    pub assessed: bool,
    /// 现场评审记录.
    pub record: Option<String>,
    /// 说明.
    pub note: Option<String>,
}

fn number(value: &Exact, places: u32) -> Number {
    trimmed(value, places)
        .parse()
        .expect("a decimal string is a valid JSON number")
}

/// The JSON result of one report; names are in `lang`.
pub fn json_result(report: &Report<'_>, lang: Lang) -> JsonResult {
    let words = Words::new(lang, report.checklist);
    let Report {
        file,
        checklist,
        audit,
        evaluation,
        analysis,
    } = *report;
    let meta = &audit.meta;
    JsonResult {
        standard: checklist.code.clone(),
        file: file.to_string(),
        organization: meta.organization.clone(),
        service: meta.service.clone(),
        assessors: meta.assessors.clone(),
        date: meta.date.to_string(),
        kind: meta.kind,
        score: number(&evaluation.score, SCORE_PLACES),
        score_exact: fraction(&evaluation.score),
        grade: evaluation.grade,
        grade_name: words.grade(evaluation.grade).to_string(),
        passed: evaluation.passed(),
        normalized_score: number(&evaluation.normalized, SCORE_PLACES),
        normalized_score_exact: fraction(&evaluation.normalized),
        earned_points: number(&evaluation.earned, SCORE_PLACES),
        earned_points_exact: fraction(&evaluation.earned),
        applicable_points: number(&evaluation.applicable, SCORE_PLACES),
        applicable_points_exact: fraction(&evaluation.applicable),
        special_deductions: audit
            .special_deductions
            .iter()
            .map(|d| JsonSpecialDeduction {
                kind: d.kind.clone(),
                finding: d.finding.clone(),
            })
            .collect(),
        bonus: audit.bonus.as_ref().map(|b| JsonBonus {
            practice: b.practice.clone(),
        }),
        categories: checklist
            .categories
            .iter()
            .zip(&evaluation.categories)
            .map(|(category, subtotal)| {
                subtotal_json(
                    &category.id,
                    words.category(category),
                    &category.total,
                    subtotal,
                )
            })
            .collect(),
        groups: checklist
            .groups
            .iter()
            .zip(&evaluation.groups)
            .map(|(group, subtotal)| {
                subtotal_json(&group.id, words.group(group), &group.total, subtotal)
            })
            .collect(),
        indicators: rows(report)
            .map(|row| indicator_json(checklist, &row))
            .collect(),
        next_band: analysis.next_band.as_ref().map(|next| JsonNextBand {
            grade: next.grade,
            name: words.grade(next.grade).to_string(),
            min_score: number(&next.min_score, SCORE_PLACES),
            missing: number(&ceil(&next.missing), SCORE_PLACES),
            missing_exact: fraction(&next.missing),
        }),
        exclusion_sensitivity: analysis.sensitivity.as_ref().map(|s| JsonSensitivity {
            exclusions: s.exclusions,
            all_nonconforming: scenario_json(&s.all_nonconforming),
            all_conforming: scenario_json(&s.all_conforming),
        }),
        schedule: JsonSchedule {
            cycle_start: analysis.schedule.cycle_start.map(|d| d.to_string()),
            next_surveillance: analysis.schedule.next_surveillance.map(|d| d.to_string()),
            recertification: analysis.schedule.recertification.map(|d| d.to_string()),
        },
    }
}

fn subtotal_json(
    id: &str,
    name: &str,
    points: &Exact,
    subtotal: &crate::engine::Subtotal,
) -> JsonSubtotal {
    JsonSubtotal {
        id: id.to_string(),
        name: name.to_string(),
        points: number(points, SCORE_PLACES),
        earned: number(&subtotal.earned, SCORE_PLACES),
        earned_exact: fraction(&subtotal.earned),
        applicable: number(&subtotal.applicable, SCORE_PLACES),
        applicable_exact: fraction(&subtotal.applicable),
    }
}

pub(super) struct JsonRenderer {
    pub lang: Lang,
}

impl Renderer for JsonRenderer {
    fn render(&self, reports: &[Report<'_>], out: &mut dyn Write) -> io::Result<()> {
        let results: Vec<JsonResult> = reports.iter().map(|r| json_result(r, self.lang)).collect();
        match results.as_slice() {
            [single] => serde_json::to_writer_pretty(&mut *out, single)?,
            _ => serde_json::to_writer_pretty(&mut *out, &results)?,
        }
        writeln!(out)
    }
}
