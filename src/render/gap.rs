//! `bscore gap`: the plan to reach a better grade, as a table or JSON.

use super::report::{RenderOptions, Report};
use super::sections::Section;
use super::table::to_terminal;
use super::view::{rows, target_condition};
use super::words::Words;
use crate::checklist::Grade;
use crate::gap::GapPlan;
use crate::number::{COEFFICIENT_PLACES, ExactText, Figure, SCORE_PLACES, fixed, trimmed};
use serde::Serialize;
use std::io::{self, Write};

/// Output formats of `bscore gap`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GapFormat {
    /// Terminal tables (default).
    Table,
    /// A JSON object.
    Json,
}

/// The JSON form of a gap plan.
#[derive(Debug, Serialize)]
pub struct GapJson<'a> {
    /// The audit file.
    pub file: String,
    /// Current score, cut to two decimals.
    pub current_score: Figure,
    /// Current grade.
    pub current_grade: Grade,
    /// The band aimed at.
    pub target: Grade,
    /// Its name in the report language.
    pub target_name: String,
    /// Its inclusive minimum.
    pub target_score: Figure,
    /// Special deductions fail every score until rectified (§8.3 d 2); the
    /// plan assumes they have been.
    pub special_deductions_block: bool,
    /// The special deductions to rectify first, in file order.
    pub special_deductions: Vec<DeductionJson>,
    /// Whether remediating indicators reaches the target.
    pub reachable: bool,
    /// Ids of the indicators to remediate, in checklist order.
    pub fixes: Vec<String>,
    /// Each fix with the points it recovers.
    pub fix_details: Vec<FixJson>,
    /// Whether no plan of as many fixes recovers fewer points: false when
    /// the tie-break search stopped at its budget (the number of fixes is
    /// the fewest either way).
    pub proven_smallest: bool,
    /// Score after the fixes (or the best reachable), cut to two decimals.
    pub score_after: Figure,
    /// The same, exact.
    pub score_after_exact: ExactText,
    /// The 评分细则 the audit was checked against, if any (as a result's
    /// `provenance.rules`): the fixes' targets are its conditions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<super::json::JsonRules<'a>>,
}

/// A special deduction to rectify.
#[derive(Debug, Serialize)]
pub struct DeductionJson {
    /// Its kind's id.
    pub kind: String,
    /// What the assessor found.
    pub finding: String,
    /// Who found it; absent when the audit does not say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<String>,
}

/// One indicator to remediate.
#[derive(Debug, Serialize)]
pub struct FixJson {
    /// Indicator id.
    pub id: String,
    /// 小类分值.
    pub points: Figure,
    /// Its current coefficient, cut to four decimals.
    pub coefficient: Figure,
    /// Points its remediation recovers, cut to two decimals.
    pub recovered: Figure,
    /// The same, exact.
    pub recovered_exact: ExactText,
    /// What the fix must achieve by the 评分细则 (its condition for
    /// coefficient 0), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
    /// Who assessed it, to follow the fix up with; absent when the audit
    /// does not say.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by: Vec<String>,
}

/// Writes a gap plan in `format`.
pub fn render_gap(
    format: GapFormat,
    options: RenderOptions,
    report: &Report<'_>,
    plan: &GapPlan,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        GapFormat::Json => {
            super::json::write_json(&mut *out, &gap_json(report, plan, options), true)?;
            writeln!(out)
        }
        GapFormat::Table => out.write_all(
            to_terminal(&gap_sections(report, plan, options), options.look()).as_bytes(),
        ),
    }
}

fn gap_json<'a>(report: &Report<'a>, plan: &GapPlan, options: RenderOptions) -> GapJson<'a> {
    let words = Words::new(options.lang, report.checklist);
    let indicators = &report.checklist.indicators;
    let fix_details = plan
        .fixes
        .iter()
        .map(|fix| FixJson {
            id: indicators[fix.index].id.clone(),
            points: Figure::cut(&indicators[fix.index].points, SCORE_PLACES),
            coefficient: Figure::cut(&fix.coefficient, COEFFICIENT_PLACES),
            recovered: Figure::cut(&fix.recovered, SCORE_PLACES),
            recovered_exact: ExactText(fix.recovered.clone()),
            target: target_condition(report, fix.index).map(str::to_string),
            by: report.audit.entries[fix.index].by.clone(),
        })
        .collect();
    GapJson {
        file: report.file.to_string(),
        current_score: Figure::cut(&report.evaluation.score, SCORE_PLACES),
        current_grade: report.evaluation.grade,
        target: plan.target,
        target_name: words.grade(plan.target).to_string(),
        target_score: Figure::cut(&plan.target_score, SCORE_PLACES),
        special_deductions_block: plan.blocked_by_special_deductions,
        special_deductions: (report.audit.special_deductions.iter())
            .map(|deduction| DeductionJson {
                kind: deduction.kind.clone(),
                finding: deduction.finding.clone(),
                by: deduction.by.clone(),
            })
            .collect(),
        reachable: plan.reachable,
        fixes: plan
            .fixes
            .iter()
            .map(|fix| indicators[fix.index].id.clone())
            .collect(),
        fix_details,
        proven_smallest: plan.proven_smallest,
        score_after: Figure::cut(&plan.score_after, SCORE_PLACES),
        score_after_exact: ExactText(plan.score_after.clone()),
        rules: report.rules.map(|rules| super::json::JsonRules {
            title: &rules.title,
            version: &rules.version,
            sha256: &rules.sha256,
        }),
    }
}

/// The plan's tables: the special deductions to rectify first (until they
/// are, there is no grade), the summary, and the fixes.
fn gap_sections(report: &Report<'_>, plan: &GapPlan, options: RenderOptions) -> Vec<Section> {
    let words = Words::new(options.lang, report.checklist).on_one_line();
    let labels = words.labels;
    let title = Some(format!("{} — {}", labels.gap_title, report.file));
    let mut sections = Vec::new();
    if plan.blocked_by_special_deductions {
        sections.push(rectify(report, &words));
    }
    sections.push(Section::pairs(title, summary(report, plan, &words)));
    sections.push(fixes(report, plan, &words));
    sections
}

/// Where the score is, where the plan aims, and where it gets.
fn summary(report: &Report<'_>, plan: &GapPlan, words: &Words<'_>) -> Vec<(String, String)> {
    let labels = words.labels;
    let evaluation = report.evaluation;
    let mut summary = vec![
        (
            labels.current.to_string(),
            format!(
                "{} {}",
                fixed(&evaluation.score, SCORE_PLACES),
                words.grade(evaluation.grade)
            ),
        ),
        (
            labels.target.to_string(),
            format!(
                "{}{}{}{}",
                words.grade(plan.target),
                labels.at_least.0,
                trimmed(&plan.target_score, SCORE_PLACES),
                labels.at_least.1
            ),
        ),
    ];
    if plan.blocked_by_special_deductions {
        let (score, grade) = crate::gap::rectified(report.checklist, evaluation);
        summary.push((
            labels.rectified.to_string(),
            format!("{} {}", fixed(&score, SCORE_PLACES), words.grade(grade)),
        ));
    }
    summary.push((labels.score_after.to_string(), outcome(plan, words)));
    if let Some(rules) = report.rules {
        summary.push((
            labels.rules.to_string(),
            words.free(&rules.name()).into_owned(),
        ));
    }
    if !plan.proven_smallest {
        summary.push((
            labels.note.to_string(),
            labels.not_proven_smallest.to_string(),
        ));
    }
    summary
}

/// The score after the fixes: out of reach, already reached, or the score.
fn outcome(plan: &GapPlan, words: &Words<'_>) -> String {
    let labels = words.labels;
    if !plan.reachable {
        format!(
            "{} {}",
            labels.unreachable,
            fixed(&plan.score_after, SCORE_PLACES)
        )
    } else if plan.fixes.is_empty() {
        format!(
            "{}{}{}{}",
            labels.already_reached,
            labels.brackets.0,
            fixed(&plan.score_after, SCORE_PLACES),
            labels.brackets.1
        )
    } else {
        fixed(&plan.score_after, SCORE_PLACES)
    }
}

/// The indicators to remediate, each with the points it recovers.
fn fixes(report: &Report<'_>, plan: &GapPlan, words: &Words<'_>) -> Section {
    let labels = words.labels;
    let all: Vec<_> = rows(report).collect();
    let mut header = [
        labels.id,
        labels.group,
        labels.points,
        labels.coefficient,
        labels.recoverable,
    ]
    .map(String::from)
    .to_vec();
    // Under a 评分细则, each fix says what the service must achieve.
    let targets = report.rules.is_some();
    if targets {
        header.push(labels.rule_target.to_string());
    }
    // For a team's audit, who assessed each fix, to follow it up with.
    let by = |index: usize| &report.audit.entries[index].by;
    let assessors = plan.fixes.iter().any(|fix| !by(fix.index).is_empty());
    if assessors {
        header.push(labels.assessed_by.to_string());
    }
    Section {
        title: Some(labels.fixes_title.to_string()),
        header,
        rows: plan
            .fixes
            .iter()
            .map(|fix| {
                let mut cells = all[fix.index].leading_cells(report.checklist, words);
                cells.push(fixed(&fix.recovered, SCORE_PLACES));
                if targets {
                    let target = target_condition(report, fix.index).unwrap_or_default();
                    cells.push(words.free(target).into_owned());
                }
                if assessors {
                    cells.push(words.assessors_of(by(fix.index)).unwrap_or_default());
                }
                cells
            })
            .collect(),
        right: vec![2, 3, 4],
        total_last: false,
    }
}

/// The special deductions to rectify, each with its finding and, on a
/// line below it, who found it.
fn rectify(report: &Report<'_>, words: &Words<'_>) -> Section {
    let labels = words.labels;
    Section {
        title: Some(labels.rectify_title.to_string()),
        header: [labels.special_deduction, labels.finding]
            .map(String::from)
            .to_vec(),
        rows: (report.audit.special_deductions.iter())
            .map(|d| {
                vec![
                    words.deduction_kind(&d.kind).to_string(),
                    (std::iter::once(words.free(&d.finding).into_owned()))
                        .chain(words.assessed_by(&d.by))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ]
            })
            .collect(),
        right: Vec::new(),
        total_last: false,
    }
}
