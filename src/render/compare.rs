//! `bscore compare`: two audits side by side, as tables, Markdown or JSON.

use super::json::{
    JsonIndicator, JsonResult, JsonSpecialDeduction, deductions_json, indicator_json, json_result,
};
use super::markdown::to_markdown;
use super::report::{RenderOptions, Report};
use super::sections::Section;
use super::table::to_terminal;
use super::view::{Row, rows};
use super::words::Words;
use crate::audit::SpecialDeduction;
use crate::checklist::Grade;
use crate::compare::{Comparison, Delta};
use crate::number::{Exact, ExactText, Figure, SCORE_PLACES, fixed};
use num_traits::Zero;
use serde::Serialize;
use std::io::{self, Write};

/// Output formats of `bscore compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareFormat {
    /// Terminal tables (default).
    Table,
    /// A JSON object with both results and the changes.
    Json,
    /// GitHub-flavoured Markdown.
    Markdown,
}

/// The JSON form of a comparison.
#[derive(Debug, Serialize)]
pub struct CompareJson<'a> {
    /// The earlier audit's result (docs/json.md).
    pub old: JsonResult<'a>,
    /// The later audit's result (docs/json.md).
    pub new: JsonResult<'a>,
    /// new − old score, cut to two decimals.
    pub score_delta: Figure,
    /// The same, exact.
    pub score_delta_exact: ExactText,
    /// Old and new grade.
    pub grade_change: GradeChange,
    /// Earned points per category, old and new.
    pub categories: Vec<CategoryDelta>,
    /// Every indicator whose finding, record or note differs.
    pub changes: Vec<IndicatorChange<'a>>,
    /// Special deductions only in the new audit.
    pub special_deductions_added: Vec<JsonSpecialDeduction<'a>>,
    /// Special deductions only in the old audit.
    pub special_deductions_removed: Vec<JsonSpecialDeduction<'a>>,
    /// Whether the bonus was added, removed or changed.
    pub bonus_changed: bool,
    /// Whether both audits were checked against the same 评分细则 (or
    /// both against none): when not, a changed coefficient may reflect
    /// the rules, not the service. Each side's is in its `provenance`.
    pub same_rules: bool,
}

/// Old and new grade.
#[derive(Debug, Serialize)]
pub struct GradeChange {
    /// Grade of the earlier audit.
    pub old: Grade,
    /// Grade of the later audit.
    pub new: Grade,
    /// Whether they differ.
    pub changed: bool,
}

/// One category's earned points, old and new.
#[derive(Debug, Serialize)]
pub struct CategoryDelta {
    /// Category id.
    pub id: String,
    /// Earned before, cut to two decimals.
    pub old_earned: Figure,
    /// Earned after, cut to two decimals.
    pub new_earned: Figure,
    /// Change, cut to two decimals.
    pub delta: Figure,
}

/// One indicator that differs.
#[derive(Debug, Serialize)]
pub struct IndicatorChange<'a> {
    /// Indicator id.
    pub id: String,
    /// Its state in the earlier audit.
    pub old: JsonIndicator<'a>,
    /// Its state in the later audit.
    pub new: JsonIndicator<'a>,
    /// Change in earned points, cut to two decimals.
    pub earned_delta: Figure,
    /// The same, exact.
    pub earned_delta_exact: ExactText,
    /// Change in the points it counts towards the applicable total: its
    /// points when an exclusion is dropped or rejected, minus them when it
    /// becomes excluded, else zero. A positive `earned_delta` with a larger
    /// one here lowers the score.
    pub applicable_delta: Figure,
    /// Its sampled items whose verdict changed or that only one audit
    /// sampled; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<ItemChangeJson<'a>>,
}

/// A sampled item whose verdict changed.
#[derive(Debug, Serialize)]
pub struct ItemChangeJson<'a> {
    /// What was sampled.
    pub item: &'a str,
    /// The id of its site, when the audits name one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<&'a str>,
    /// The id of its site in the earlier audit, when it moved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moved_from: Option<&'a str>,
    /// Whether it conformed in the earlier audit; `null` when not sampled there.
    pub old_conforms: Option<bool>,
    /// Whether it conforms in the later audit; `null` when not sampled there.
    pub new_conforms: Option<bool>,
}

/// Writes a comparison in `format`.
pub fn render_comparison(
    format: CompareFormat,
    options: RenderOptions,
    (old, new): (&Report<'_>, &Report<'_>),
    comparison: &Comparison,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        CompareFormat::Json => {
            super::json::write_json(
                &mut *out,
                &compare_json(old, new, comparison, options),
                true,
            )?;
            writeln!(out)
        }
        CompareFormat::Table => out.write_all(
            to_terminal(
                &sections(old, new, comparison, options, true),
                options.look(),
            )
            .as_bytes(),
        ),
        CompareFormat::Markdown => {
            let words = Words::new(options.lang, old.checklist);
            writeln!(
                out,
                "## {}\n",
                super::markdown::escape(words.labels.compare_title)
            )?;
            out.write_all(to_markdown(&sections(old, new, comparison, options, false)).as_bytes())
        }
    }
}

fn compare_json<'a>(
    old: &Report<'a>,
    new: &Report<'a>,
    comparison: &'a Comparison,
    options: RenderOptions,
) -> CompareJson<'a> {
    let old_rows: Vec<Row<'a>> = rows(old).collect();
    let new_rows: Vec<Row<'a>> = rows(new).collect();
    CompareJson {
        old: json_result(old, options.lang),
        new: json_result(new, options.lang),
        score_delta: Figure::cut(&comparison.score.shown, SCORE_PLACES),
        score_delta_exact: ExactText(comparison.score.exact.clone()),
        grade_change: GradeChange {
            old: old.evaluation.grade,
            new: new.evaluation.grade,
            changed: old.evaluation.grade != new.evaluation.grade,
        },
        categories: old
            .checklist
            .categories
            .iter()
            .zip(
                old.evaluation
                    .categories
                    .iter()
                    .zip(&new.evaluation.categories),
            )
            .zip(&comparison.categories)
            .map(|((category, (before, after)), delta)| CategoryDelta {
                id: category.id.clone(),
                old_earned: Figure::cut(&before.earned, SCORE_PLACES),
                new_earned: Figure::cut(&after.earned, SCORE_PLACES),
                delta: Figure::cut(&delta.shown, SCORE_PLACES),
            })
            .collect(),
        changes: comparison
            .changed
            .iter()
            .map(|change| {
                let (before, after) = (&old_rows[change.index], &new_rows[change.index]);
                IndicatorChange {
                    id: before.indicator.id.clone(),
                    old: indicator_json(old.checklist, before),
                    new: indicator_json(new.checklist, after),
                    earned_delta: Figure::cut(&change.earned.shown, SCORE_PLACES),
                    earned_delta_exact: ExactText(change.earned.exact.clone()),
                    applicable_delta: Figure::cut(&applicable_change(before, after), SCORE_PLACES),
                    items: (change.items.iter())
                        .map(|item| ItemChangeJson {
                            item: &item.item,
                            site: item.site.as_deref(),
                            moved_from: item.moved_from.as_deref(),
                            old_conforms: item.old,
                            new_conforms: item.new,
                        })
                        .collect(),
                }
            })
            .collect(),
        special_deductions_added: deductions_json(&comparison.deductions_added),
        special_deductions_removed: deductions_json(&comparison.deductions_removed),
        bonus_changed: comparison.bonus_change.is_some(),
        same_rules: same_rules(old, new),
    }
}

/// A signed change as shown: `+1.50`, `-0.25`, `0.00`.
fn signed(delta: &Delta) -> String {
    signed_figure(&delta.shown)
}

fn signed_figure(value: &Exact) -> String {
    let text = fixed(value, SCORE_PLACES);
    if value.is_positive() {
        format!("+{text}")
    } else {
        text
    }
}

/// The points an indicator counts towards the applicable total.
fn applicable_points(row: &Row<'_>) -> Exact {
    if row.score.applicable {
        row.score.points.clone()
    } else {
        Exact::zero()
    }
}

/// How the applicable points changed from `was` to `is`.
fn applicable_change(was: &Row<'_>, is: &Row<'_>) -> Exact {
    applicable_points(is) - applicable_points(was)
}

/// An indicator's state in one audit, each figure labelled so that the
/// cell does not read as a change (`1 -> 0.00` did): its coefficient and
/// the points it earns, or that it is excluded; then its reasons.
fn finding(row: &Row<'_>, words: &Words<'_>) -> String {
    let labels = words.labels;
    let mut lines = if row.score.applicable {
        vec![
            format!(
                "{}{}{}",
                labels.coefficient,
                labels.colon,
                row.coefficient_text(words)
            ),
            format!("{}{}{}", labels.earned, labels.colon, row.earned_text()),
        ]
    } else {
        vec![labels.excluded.to_string()]
    };
    lines.extend(row.reasons(words));
    lines.join("\n")
}

/// The change of an indicator: its earned points, and when it entered or
/// left the applicable total, that change too, each labelled. An
/// exclusion rejected gains the points earned but adds all of the
/// indicator's points to the total, so "+1.00" alone would mislead.
fn change_cell(
    change: &crate::compare::IndicatorChange,
    was: &Row<'_>,
    is: &Row<'_>,
    words: &Words<'_>,
) -> String {
    let grew = applicable_change(was, is);
    if grew.is_zero() {
        return signed(&change.earned);
    }
    let labels = words.labels;
    format!(
        "{}{}{}\n{}{}{}",
        labels.earned,
        labels.colon,
        signed(&change.earned),
        labels.applicable,
        labels.colon,
        signed_figure(&grew)
    )
}

/// The comparison's tables: the overview, the indicators that changed,
/// and the special deductions and bonus added or removed. A terminal's
/// words are on one line each.
fn sections(
    old: &Report<'_>,
    new: &Report<'_>,
    comparison: &Comparison,
    options: RenderOptions,
    terminal: bool,
) -> Vec<Section> {
    let words = match terminal {
        true => Words::new(options.lang, old.checklist).on_one_line(),
        false => Words::new(options.lang, old.checklist),
    };
    let mut sections = vec![
        overview((old, new), comparison, &words),
        changes((old, new), comparison, &words),
    ];
    sections.extend(item_changes((old, new), comparison, &words));
    sections.push(Section::pairs(
        Some(words.labels.adjustments_title.to_string()),
        adjustments(comparison, &words),
    ));
    sections
}

/// The sampled items whose verdict changed, by indicator, each with its
/// site's name; no section when none did.
fn item_changes(
    (old, new): (&Report<'_>, &Report<'_>),
    comparison: &Comparison,
    words: &Words<'_>,
) -> Option<Section> {
    let labels = words.labels;
    // Looked up, not searched for: thousands of changed items at
    // thousands of sites stay linear.
    let names: std::collections::HashMap<&str, &str> = (old.audit.sites.iter())
        .chain(&new.audit.sites)
        .map(|site| (site.id.as_str(), site.name.as_str()))
        .collect();
    let site_name = |id: &str| names.get(id).copied().unwrap_or(id).to_string();
    let rows: Vec<Vec<String>> = (comparison.changed.iter())
        .flat_map(|change| {
            let id = &old.checklist.indicators[change.index].id;
            change.items.iter().map(move |item| (id, item))
        })
        .map(|(id, item)| {
            let (open, close) = labels.brackets;
            let shown = match (&item.moved_from, &item.site) {
                (Some(from), Some(site)) => format!(
                    "{}{open}{} → {}{close}",
                    item.item,
                    site_name(from),
                    site_name(site)
                ),
                (None, Some(site)) => format!("{}{open}{}{close}", item.item, site_name(site)),
                (_, None) => item.item.clone(),
            };
            vec![
                id.clone(),
                words.free(&shown).into_owned(),
                words.verdict(item.old).to_string(),
                words.verdict(item.new).to_string(),
            ]
        })
        .collect();
    (!rows.is_empty()).then(|| Section {
        title: Some(labels.items_changed_title.to_string()),
        header: [labels.id, labels.sample_item, labels.old, labels.new]
            .map(String::from)
            .to_vec(),
        rows,
        right: Vec::new(),
        total_last: false,
    })
}

/// Whether both reports were checked against the same 评分细则, by its
/// digest (or both against none).
fn same_rules(old: &Report<'_>, new: &Report<'_>) -> bool {
    let digest = |rules: Option<&crate::rules::Rules>| rules.map(|rules| rules.sha256.clone());
    digest(old.rules) == digest(new.rules)
}

/// The 评分细则 row of the overview, when either audit was checked against
/// one: each side's title and version, and whether they differ.
fn rules_row((old, new): (&Report<'_>, &Report<'_>), words: &Words<'_>) -> Option<Vec<String>> {
    if old.rules.is_none() && new.rules.is_none() {
        return None;
    }
    let labels = words.labels;
    let named = |report: &Report<'_>| match report.rules {
        Some(rules) => words.free(&rules.name()).into_owned(),
        None => labels.no_rules.to_string(),
    };
    let differ = match same_rules(old, new) {
        true => String::new(),
        false => labels.rules_differ.to_string(),
    };
    Some(vec![labels.rules.into(), named(old), named(new), differ])
}

/// Both audits, their scores and grades, then each category's earned
/// points, old, new and the change.
fn overview(
    (old, new): (&Report<'_>, &Report<'_>),
    comparison: &Comparison,
    words: &Words<'_>,
) -> Section {
    let labels = words.labels;
    let (before, after) = (old.evaluation, new.evaluation);
    let describe = |report: &Report<'_>| {
        format!(
            "{} ({}, {})",
            report.file,
            report.audit.meta.date,
            words.audit_kind(report.audit.meta.kind)
        )
    };
    let mut overview = Section {
        title: Some(format!("{} — {}", labels.compare_title, words.standard())),
        header: ["", labels.old, labels.new, labels.delta]
            .map(String::from)
            .to_vec(),
        rows: vec![
            vec![
                labels.file.into(),
                describe(old),
                describe(new),
                String::new(),
            ],
            vec![
                labels.score.into(),
                fixed(&before.score, SCORE_PLACES),
                fixed(&after.score, SCORE_PLACES),
                signed(&comparison.score),
            ],
            vec![
                labels.grade.into(),
                words.grade(before.grade).into(),
                words.grade(after.grade).into(),
                String::new(),
            ],
        ],
        right: Vec::new(),
        total_last: false,
    };
    overview.rows.extend(rules_row((old, new), words));
    let categories = old
        .checklist
        .categories
        .iter()
        .zip(before.categories.iter().zip(&after.categories))
        .zip(&comparison.categories);
    for ((category, (was, is)), delta) in categories {
        overview.rows.push(vec![
            words.category(category).into(),
            fixed(&was.earned, SCORE_PLACES),
            fixed(&is.earned, SCORE_PLACES),
            signed(delta),
        ]);
    }
    overview
}

/// Each indicator that changed, as it was, as it is, and the change; a
/// line saying so when none did.
fn changes(
    (old, new): (&Report<'_>, &Report<'_>),
    comparison: &Comparison,
    words: &Words<'_>,
) -> Section {
    let labels = words.labels;
    let old_rows: Vec<Row<'_>> = rows(old).collect();
    let new_rows: Vec<Row<'_>> = rows(new).collect();
    let mut changes = Section {
        title: Some(labels.changed_title.to_string()),
        header: [labels.id, labels.old, labels.new, labels.delta]
            .map(String::from)
            .to_vec(),
        rows: comparison
            .changed
            .iter()
            .map(|change| {
                let (was, is) = (&old_rows[change.index], &new_rows[change.index]);
                vec![
                    was.indicator.id.clone(),
                    finding(was, words),
                    finding(is, words),
                    change_cell(change, was, is, words),
                ]
            })
            .collect(),
        right: vec![3],
        total_last: false,
    };
    if changes.rows.is_empty() {
        changes.rows.push(vec![
            labels.no_changes.into(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    changes
}

/// The special deductions added and removed, and the bonus's change.
fn adjustments(comparison: &Comparison, words: &Words<'_>) -> Vec<(String, String)> {
    let labels = words.labels;
    let listed = |list: &[SpecialDeduction]| {
        list.iter()
            .map(|d| words.deduction(d))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut adjustments = Vec::new();
    if !comparison.deductions_added.is_empty() {
        adjustments.push((
            labels.deductions_added.to_string(),
            listed(&comparison.deductions_added),
        ));
    }
    if !comparison.deductions_removed.is_empty() {
        adjustments.push((
            labels.deductions_removed.to_string(),
            listed(&comparison.deductions_removed),
        ));
    }
    if let Some((was, is)) = &comparison.bonus_change {
        let practice = |bonus: &Option<crate::audit::Bonus>| {
            bonus.as_ref().map_or_else(
                || labels.none.to_string(),
                |b| words.free(&b.practice).into_owned(),
            )
        };
        adjustments.push((
            labels.bonus.to_string(),
            format!("{} -> {}", practice(was), practice(is)),
        ));
    }
    adjustments
}
