//! `--format json`: the result object of docs/json.md, built from a documented
//! output struct so that internal types can change without breaking it.

use super::labels::Lang;
use super::report::{Line, Report, Streamed, Summary};
use super::view::rows;
use super::words::Words;
use crate::audit::{AuditKind, Site, SpecialDeduction, Status};
use crate::checklist::Grade;
use crate::number::{COEFFICIENT_PLACES, Exact, ExactText, Figure, SCORE_PLACES, ceil_to};
use serde::Serialize;
use std::io::{self, Write};

/// The result of evaluating one audit (docs/json.md). Figures are cut, never
/// rounded; each has an `_exact` companion holding the exact value as `p/q`.
#[derive(Debug, Serialize)]
pub struct JsonResult<'a> {
    /// Standard code of the checklist used.
    pub standard: &'a str,
    /// The audit file as named on the command line.
    pub file: &'a str,
    /// 经营者.
    pub organization: &'a str,
    /// The service audited.
    pub service: &'a str,
    /// Assessors.
    pub assessors: &'a [String],
    /// Audit date, `YYYY-MM-DD`.
    pub date: String,
    /// `initial`, `surveillance` or `recertification`.
    pub kind: AuditKind,
    /// Final score, cut to two decimals.
    pub score: Figure,
    /// Final score, exact, `p/q` in lowest terms (`"95"` when whole).
    pub score_exact: ExactText,
    /// `fail`, `compliant`, `silver`, `gold` or `platinum`.
    pub grade: Grade,
    /// The grade's name in the report language (四星级（金牌）, Four-star (Gold) …).
    pub grade_name: &'a str,
    /// Whether the evaluation passed (grade is not `fail`).
    pub passed: bool,
    /// earned / applicable × 100, cut to two decimals.
    pub normalized_score: Figure,
    /// The normalized score, exact.
    pub normalized_score_exact: ExactText,
    /// Σ earned points (实际得分), cut to two decimals.
    pub earned_points: Figure,
    /// Σ earned points, exact.
    pub earned_points_exact: ExactText,
    /// Σ applicable points (涉及项总分值), cut to two decimals.
    pub applicable_points: Figure,
    /// Σ applicable points, exact.
    pub applicable_points_exact: ExactText,
    /// Special deductions, in audit order; empty when none.
    pub special_deductions: Vec<JsonSpecialDeduction<'a>>,
    /// The bonus, or `null`.
    pub bonus: Option<JsonBonus<'a>>,
    /// Subtotals per category, in checklist order.
    pub categories: Vec<JsonSubtotal<'a>>,
    /// Subtotals per Table 1 group, in checklist order.
    pub groups: Vec<JsonSubtotal<'a>>,
    /// Every indicator, in checklist order.
    pub indicators: Vec<JsonIndicator<'a>>,
    /// The sites in the audit's scope, in its order; absent when it
    /// declares none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sites: Vec<JsonSite<'a>>,
    /// The next band and the points missing to it; `null` at the top band
    /// or while special deductions fail the evaluation.
    pub next_band: Option<JsonNextBand<'a>>,
    /// Score and grade if every exclusion were rejected (§8.3 c 6); `null`
    /// when nothing is excluded.
    pub exclusion_sensitivity: Option<JsonSensitivity>,
    /// Latest dates of the next evaluations (§8.1 b).
    pub schedule: JsonSchedule,
    /// What the result was computed from, for `bscore verify`.
    pub provenance: JsonProvenance<'a>,
}

/// What a result was computed from.
#[derive(Debug, Serialize)]
pub struct JsonProvenance<'a> {
    /// The bscore version that computed it.
    pub bscore_version: &'static str,
    /// The standard code of the checklist.
    pub standard: &'a str,
    /// SHA-256 of the checklist file as read.
    pub checklist_sha256: &'a str,
    /// SHA-256 of the audit file as read.
    pub audit_sha256: &'a str,
    /// The 评分细则 the audit was checked against, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<JsonRules<'a>>,
    /// The files `bscore merge` joined into the audit (its `[[merged]]`),
    /// in its order; absent when the audit was not merged.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub merged: Vec<JsonMerged<'a>>,
}

/// A file a merge joined: a member's part, or the resolutions file.
#[derive(Debug, Serialize)]
pub struct JsonMerged<'a> {
    /// The member whose part it is; absent for the resolutions file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub part: Option<&'a str>,
    /// Its name as given to the merge.
    pub file: &'a str,
    /// Its SHA-256.
    pub sha256: &'a str,
}

/// How the team settled a disagreement: whose assessment was taken
/// (`take`), or the coefficient agreed (`value`, `value_exact`), and why.
#[derive(Debug, Serialize)]
pub struct JsonResolved<'a> {
    /// The member whose assessment was taken.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub take: Option<&'a str>,
    /// The coefficient agreed, cut to four decimals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<Figure>,
    /// The coefficient agreed, exact.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_exact: Option<ExactText>,
    /// Why, as the team wrote it.
    pub why: &'a str,
}

fn resolved_json(resolved: &crate::audit::Resolved) -> JsonResolved<'_> {
    use crate::audit::Taken;
    let (take, value) = match &resolved.taken {
        Taken::Member(name) => (Some(name.as_str()), None),
        Taken::Value(value, _) => (None, Some(value)),
    };
    JsonResolved {
        take,
        value: value.map(|value| Figure::cut(value, COEFFICIENT_PLACES)),
        value_exact: value.map(|value| ExactText(value.clone())),
        why: &resolved.why,
    }
}

/// The 评分细则 a result was checked against: enough to find the very file.
#[derive(Debug, Serialize)]
pub struct JsonRules<'a> {
    /// Its title.
    pub title: &'a str,
    /// Its version.
    pub version: &'a str,
    /// SHA-256 of the file as read.
    pub sha256: &'a str,
}

/// The 细则's word on an indicator's finding.
#[derive(Debug, Serialize)]
pub struct JsonRule<'a> {
    /// The condition of the level the assessor chose.
    pub when: &'a str,
}

/// The next band.
#[derive(Debug, Serialize)]
pub struct JsonNextBand<'a> {
    /// The band's id.
    pub grade: Grade,
    /// Its name in the report language.
    pub name: &'a str,
    /// Its inclusive minimum score.
    pub min_score: Figure,
    /// Points missing, rounded up to two decimals (so that gaining them
    /// reaches the band).
    pub missing: Figure,
    /// Points missing, exact.
    pub missing_exact: ExactText,
}

/// A what-if score and grade.
#[derive(Debug, Serialize)]
pub struct JsonScenario {
    /// Score, cut to two decimals.
    pub score: Figure,
    /// Score, exact.
    pub score_exact: ExactText,
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
    /// The evaluation that comes next: the earlier of the two above.
    pub next: Option<JsonNext>,
    /// This audit held after its cycle's end, when the re-evaluation was
    /// due; `null` when it is not late.
    pub overdue: Option<JsonOverdue>,
}

/// The next evaluation: `surveillance` or `recertification`, and its
/// latest date.
#[derive(Debug, Serialize)]
pub struct JsonNext {
    /// `surveillance` or `recertification`.
    pub kind: &'static str,
    /// Its latest date.
    pub by: String,
}

/// A surveillance held after the re-evaluation was due.
#[derive(Debug, Serialize)]
pub struct JsonOverdue {
    /// The re-evaluation's latest date, passed.
    pub due: String,
    /// The cycle's start.
    pub cycle_start: String,
}

fn scenario_json(scenario: &crate::gap::Scenario) -> JsonScenario {
    JsonScenario {
        score: Figure::cut(&scenario.score, SCORE_PLACES),
        score_exact: ExactText(scenario.score.clone()),
        grade: scenario.grade,
    }
}

fn is_true(value: &bool) -> bool {
    *value
}

/// One indicator's JSON form.
pub fn indicator_json<'a>(
    checklist: &'a crate::checklist::Checklist,
    row: &super::view::Row<'a>,
) -> JsonIndicator<'a> {
    let (reason, rejection) = row.exclusion();
    let score = row.score;
    let samples = row.entry.samples.as_ref();
    JsonIndicator {
        id: &row.indicator.id,
        category: &checklist.categories[row.indicator.category].id,
        group: &checklist.groups[row.indicator.group].id,
        points: Figure::cut(&row.indicator.points, SCORE_PLACES),
        coefficient: score
            .coefficient
            .as_ref()
            .map(|c| Figure::cut(c, COEFFICIENT_PLACES)),
        coefficient_exact: score.coefficient.as_ref().map(|c| ExactText(c.clone())),
        sampled: row.sample().map(|(sampled, _)| sampled),
        nonconforming: row.sample().map(|(_, nonconforming)| nonconforming),
        population: row.entry.population,
        samples: samples.map(samples_json),
        by_site: samples.map_or_else(Vec::new, |samples| by_site_json(samples, row.sites)),
        drawn: samples
            .and_then(|samples| samples.drawn.as_ref())
            .map(drawn_json),
        earned: Figure::cut(&score.earned, SCORE_PLACES),
        earned_exact: ExactText(score.earned.clone()),
        excluded: !score.applicable,
        exclusion_reason: reason,
        exclusion_rejected: rejection,
        assessed: row.entry.status != Status::Unassessed,
        record: row.entry.record.as_deref(),
        note: row.entry.note.as_deref(),
        rule: row.condition.map(|when| JsonRule { when }),
        by: &row.entry.by,
        resolved: row.entry.resolved.as_ref().map(resolved_json),
    }
}

/// A site in the audit's scope.
#[derive(Debug, Serialize)]
pub struct JsonSite<'a> {
    /// The id its items name it by.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
}

/// One sampled item, as the audit gives it.
#[derive(Debug, Serialize)]
pub struct JsonSampleItem<'a> {
    /// What was sampled.
    pub item: &'a str,
    /// The id of the site it was sampled at, when the audit names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub site: Option<&'a str>,
    /// Whether it conforms.
    pub conforms: bool,
    /// Why it does not, or what was seen, when recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<&'a str>,
}

/// One site's part of a sample.
#[derive(Debug, Serialize)]
pub struct JsonSiteTally {
    /// The site's id.
    pub site: String,
    /// Items sampled there.
    pub sampled: u64,
    /// Those that did not conform.
    pub nonconforming: u64,
}

/// How a sample was drawn, so that it can be drawn again.
#[derive(Debug, Serialize)]
pub struct JsonDrawn<'a> {
    /// The seed.
    pub seed: &'a str,
    /// The list's file, relative to the audit's.
    pub from: &'a str,
    /// The list's SHA-256.
    pub sha256: &'a str,
}

fn samples_json(samples: &crate::audit::Samples) -> Vec<JsonSampleItem<'_>> {
    (samples.items.iter())
        .map(|item| JsonSampleItem {
            item: &item.item,
            site: item.site.as_deref(),
            conforms: item.conforms,
            record: item.record.as_deref(),
        })
        .collect()
}

fn by_site_json(samples: &crate::audit::Samples, sites: &[Site]) -> Vec<JsonSiteTally> {
    (samples.by_site(sites).into_iter())
        .map(|tally| JsonSiteTally {
            site: tally.site,
            sampled: tally.sampled,
            nonconforming: tally.nonconforming,
        })
        .collect()
}

fn drawn_json(drawn: &crate::audit::Drawn) -> JsonDrawn<'_> {
    JsonDrawn {
        seed: &drawn.seed,
        from: &drawn.from,
        sha256: &drawn.sha256,
    }
}

/// A special deduction.
#[derive(Debug, Serialize)]
pub struct JsonSpecialDeduction<'a> {
    /// `law`, `whitepaper`, `deception` or `risk`.
    pub kind: &'a str,
    /// What the assessor found.
    pub finding: &'a str,
    /// Who found it; absent when the audit does not say.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub by: &'a [String],
}

/// The best-practice bonus.
#[derive(Debug, Serialize)]
pub struct JsonBonus<'a> {
    /// The practice observed.
    pub practice: &'a str,
    /// Who observed it; absent when the audit does not say.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub by: &'a [String],
    /// How two parts' different bonuses were settled, when they were.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<JsonResolved<'a>>,
}

/// Earned against applicable points of a category or group.
#[derive(Debug, Serialize)]
pub struct JsonSubtotal<'a> {
    /// Category id (`service` …) or group clause (`4.1` …).
    pub id: &'a str,
    /// Its name in the report language.
    pub name: &'a str,
    /// Declared points.
    pub points: Figure,
    /// Earned points, cut to two decimals.
    pub earned: Figure,
    /// Earned points, exact.
    pub earned_exact: ExactText,
    /// Applicable points (declared less exclusions), cut to two decimals.
    pub applicable: Figure,
    /// Applicable points, exact.
    pub applicable_exact: ExactText,
}

/// One indicator's result.
#[derive(Debug, Serialize)]
pub struct JsonIndicator<'a> {
    /// Appendix A label.
    pub id: &'a str,
    /// Category id.
    pub category: &'a str,
    /// Group clause.
    pub group: &'a str,
    /// 小类分值.
    pub points: Figure,
    /// Deduction coefficient cut to four decimals; `null` when excluded.
    pub coefficient: Option<Figure>,
    /// Deduction coefficient, exact; `null` when excluded.
    pub coefficient_exact: Option<ExactText>,
    /// Samples examined, when the coefficient comes from a sample (absent
    /// otherwise; so are the other optional fields below when empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sampled: Option<u64>,
    /// Nonconforming samples, when the coefficient comes from a sample.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nonconforming: Option<u64>,
    /// How many items the sample was drawn from, when the audit says.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub population: Option<u64>,
    /// Each sampled item as the audit gives it, when it records them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samples: Option<Vec<JsonSampleItem<'a>>>,
    /// Each site's part of the sample, in the audit's order of sites;
    /// only sites with items, and absent when no item names a site.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub by_site: Vec<JsonSiteTally>,
    /// How the sample was drawn, when the audit records a reproducible draw.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub drawn: Option<JsonDrawn<'a>>,
    /// (1 − coefficient) × points, cut to two decimals; 0 when excluded.
    pub earned: Figure,
    /// Earned points, exact.
    pub earned_exact: ExactText,
    /// Whether the indicator is excluded (not counted at all).
    pub excluded: bool,
    /// The exclusion reason, for excluded and rejected exclusions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusion_reason: Option<&'a str>,
    /// Why the assessor rejected the exclusion, if they did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusion_rejected: Option<&'a str>,
    /// Present, and false, only when the audit did not list the indicator
    /// and `unassessed = "conform"` scored it as conforming.
    #[serde(skip_serializing_if = "is_true")]
    pub assessed: bool,
    /// 现场评审记录.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<&'a str>,
    /// 说明.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<&'a str>,
    /// The 评分细则's condition of the level chosen, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<JsonRule<'a>>,
    /// Who assessed it, in the audit's order; absent when it does not say.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub by: &'a [String],
    /// How the team settled a disagreement on it, when there was one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<JsonResolved<'a>>,
}

/// The JSON result of one report; names are in `lang`.
pub fn json_result<'a>(report: &Report<'a>, lang: Lang) -> JsonResult<'a> {
    let words = Words::new(lang, report.checklist);
    let Report {
        file,
        checklist,
        rules,
        audit,
        evaluation,
        analysis,
        audit_sha256,
    } = *report;
    let meta = &audit.meta;
    JsonResult {
        standard: &checklist.code,
        file,
        organization: &meta.organization,
        service: &meta.service,
        assessors: &meta.assessors,
        date: meta.date.to_string(),
        kind: meta.kind,
        score: Figure::cut(&evaluation.score, SCORE_PLACES),
        score_exact: ExactText(evaluation.score.clone()),
        grade: evaluation.grade,
        grade_name: words.grade(evaluation.grade),
        passed: evaluation.passed(),
        normalized_score: Figure::cut(&evaluation.normalized, SCORE_PLACES),
        normalized_score_exact: ExactText(evaluation.normalized.clone()),
        earned_points: Figure::cut(&evaluation.earned, SCORE_PLACES),
        earned_points_exact: ExactText(evaluation.earned.clone()),
        applicable_points: Figure::cut(&evaluation.applicable, SCORE_PLACES),
        applicable_points_exact: ExactText(evaluation.applicable.clone()),
        special_deductions: deductions_json(&audit.special_deductions),
        bonus: audit.bonus.as_ref().map(|b| JsonBonus {
            practice: &b.practice,
            by: &b.by,
            resolved: b.resolved.as_ref().map(resolved_json),
        }),
        categories: (checklist.categories.iter())
            .zip(&evaluation.categories)
            .map(|(category, subtotal)| {
                let name = words.category(category);
                subtotal_json(&category.id, name, &category.total, subtotal)
            })
            .collect(),
        groups: (checklist.groups.iter())
            .zip(&evaluation.groups)
            .map(|(group, subtotal)| {
                subtotal_json(&group.id, words.group(group), &group.total, subtotal)
            })
            .collect(),
        indicators: rows(report)
            .map(|row| indicator_json(checklist, &row))
            .collect(),
        sites: (audit.sites.iter())
            .map(|site| JsonSite {
                id: &site.id,
                name: &site.name,
            })
            .collect(),
        next_band: analysis.next_band.as_ref().map(|next| JsonNextBand {
            grade: next.grade,
            name: words.grade(next.grade),
            min_score: Figure::cut(&next.min_score, SCORE_PLACES),
            missing: Figure::cut(&ceil_to(&next.missing, SCORE_PLACES), SCORE_PLACES),
            missing_exact: ExactText(next.missing.clone()),
        }),
        exclusion_sensitivity: analysis.sensitivity.as_ref().map(sensitivity_json),
        schedule: schedule_json(&analysis.schedule, analysis.overdue.as_ref()),
        provenance: JsonProvenance {
            bscore_version: crate::trace::VERSION,
            standard: &checklist.code,
            checklist_sha256: &checklist.sha256,
            audit_sha256,
            rules: rules.map(|rules| JsonRules {
                title: &rules.title,
                version: &rules.version,
                sha256: &rules.sha256,
            }),
            merged: (audit.merged.iter())
                .map(|merged| JsonMerged {
                    part: merged.part.as_deref(),
                    file: &merged.file,
                    sha256: &merged.sha256,
                })
                .collect(),
        },
    }
}

/// Special deductions as the result lists them.
pub fn deductions_json(list: &[SpecialDeduction]) -> Vec<JsonSpecialDeduction<'_>> {
    list.iter()
        .map(|d| JsonSpecialDeduction {
            kind: &d.kind,
            finding: &d.finding,
            by: &d.by,
        })
        .collect()
}

fn sensitivity_json(sensitivity: &crate::gap::ExclusionSensitivity) -> JsonSensitivity {
    JsonSensitivity {
        exclusions: sensitivity.exclusions,
        all_nonconforming: scenario_json(&sensitivity.all_nonconforming),
        all_conforming: scenario_json(&sensitivity.all_conforming),
    }
}

fn schedule_json(
    schedule: &crate::schedule::Schedule,
    overdue: Option<&crate::cycle::Overdue>,
) -> JsonSchedule {
    JsonSchedule {
        cycle_start: schedule.cycle_start.map(|d| d.to_string()),
        next_surveillance: schedule.next_surveillance.map(|d| d.to_string()),
        recertification: schedule.recertification.map(|d| d.to_string()),
        next: schedule.next().map(|next| JsonNext {
            kind: next.kind.id(),
            by: next.by.to_string(),
        }),
        overdue: overdue.map(|overdue| JsonOverdue {
            due: overdue.due.to_string(),
            cycle_start: overdue.cycle_start.to_string(),
        }),
    }
}

fn subtotal_json<'a>(
    id: &'a str,
    name: &'a str,
    points: &Exact,
    subtotal: &crate::engine::Subtotal,
) -> JsonSubtotal<'a> {
    JsonSubtotal {
        id,
        name,
        points: Figure::cut(points, SCORE_PLACES),
        earned: Figure::cut(&subtotal.earned, SCORE_PLACES),
        earned_exact: ExactText(subtotal.earned.clone()),
        applicable: Figure::cut(&subtotal.applicable, SCORE_PLACES),
        applicable_exact: ExactText(subtotal.applicable.clone()),
    }
}

/// Bytes reserved for one result.
const RESULT_CAPACITY: usize = 32 * 1024;

pub(super) struct JsonRenderer {
    pub lang: Lang,
}

impl Streamed for JsonRenderer {
    /// One result is pretty-printed, for people. Each of several is one
    /// compact line of an array: for tools, and for batches of thousands.
    fn piece(&self, report: &Report<'_>, several: bool) -> io::Result<Vec<u8>> {
        let result = json_result(report, self.lang);
        // A result is some 20 KB: reserve it once rather than grow into it.
        let mut bytes = Vec::with_capacity(RESULT_CAPACITY);
        if several {
            write_json(&mut bytes, &result, false)?;
        } else {
            write_json(&mut bytes, &result, true)?;
            bytes.push(b'\n');
        }
        Ok(bytes)
    }

    fn head(
        &self,
        _checklist: &crate::checklist::Checklist,
        _first: &Summary,
        several: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if several {
            out.write_all(b"[\n")
        } else {
            Ok(())
        }
    }

    fn separator(&self, several: bool, out: &mut dyn Write) -> io::Result<()> {
        if several {
            out.write_all(b",\n")
        } else {
            Ok(())
        }
    }

    fn tail(
        &self,
        _checklist: &crate::checklist::Checklist,
        _lines: &[Line],
        several: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if several {
            out.write_all(b"\n]\n")
        } else {
            Ok(())
        }
    }
}

/// Writes `value` as JSON, pretty-printed or compact, with every unsafe
/// character of its strings ([`crate::text::is_unsafe`]: controls, bidi
/// and other invisible format characters, line and paragraph separators)
/// written as a `\uXXXX` escape. serde_json writes U+202E or U+2028 raw,
/// and a terminal or editor showing the JSON would obey them; escaped,
/// the JSON still parses to exactly the same strings.
pub(crate) fn write_json<W: Write + ?Sized, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
    pretty: bool,
) -> serde_json::Result<()> {
    use serde_json::ser::{CompactFormatter, PrettyFormatter, Serializer};
    match pretty {
        true => value.serialize(&mut Serializer::with_formatter(
            out,
            Escaping(PrettyFormatter::new()),
        )),
        false => value.serialize(&mut Serializer::with_formatter(
            out,
            Escaping(CompactFormatter),
        )),
    }
}

/// [`write_json`] into a string.
pub(crate) fn json_string<T: Serialize + ?Sized>(
    value: &T,
    pretty: bool,
) -> serde_json::Result<String> {
    let mut bytes = Vec::new();
    write_json(&mut bytes, value, pretty)?;
    // serde_json writes UTF-8, and every escape is ASCII.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// A serde_json formatter that writes as `F` does, but escapes the unsafe
/// characters of strings that serde_json leaves raw.
struct Escaping<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        if !fragment.chars().any(crate::text::is_unsafe) {
            return writer.write_all(fragment.as_bytes());
        }
        let mut out = String::with_capacity(fragment.len() + 16);
        for c in fragment.chars() {
            match crate::text::is_unsafe(c) {
                true => crate::text::push_json_escape(c, &mut out),
                false => out.push(c),
            }
        }
        writer.write_all(out.as_bytes())
    }

    // The layout is `F`'s: every method it may override is passed on.
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_array(writer)
    }
    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array(writer)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_array_value(writer, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_array_value(writer)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object(writer)
    }
    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object(writer)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.0.begin_object_key(writer, first)
    }
    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_key(writer)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.begin_object_value(writer)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod escaping_tests {
    use super::*;

    #[test]
    fn unsafe_characters_are_escaped_and_read_back() {
        let text =
            "a\u{202e}b\u{2066}c\u{2028}d\u{200b}e\u{feff}f\u{7f}\u{85}\u{e0001}经营者\"\\\n";
        for pretty in [false, true] {
            let json = json_string(&[text], pretty).unwrap();
            let raw = |c: char| c != '\n' && crate::text::is_unsafe(c);
            assert!(!json.chars().any(raw), "{json}");
            assert!(
                json.contains("\\u202e") && json.contains("\\udb40\\udc01"),
                "{json}"
            );
            assert!(json.contains("经营者"), "{json}");
            let back: Vec<String> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, [text]);
        }
        assert_eq!(
            json_string(&serde_json::json!({"a": [1]}), true).unwrap(),
            "{\n  \"a\": [\n    1\n  ]\n}"
        );
    }
}
