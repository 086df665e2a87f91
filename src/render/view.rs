//! What every format shows of an indicator, decided once: which rows are
//! losses, how a coefficient is written, which reasons go with it.

use super::report::Report;
use super::words::Words;
use crate::audit::{Entry, Measure, Site, Status};
use crate::checklist::{Checklist, Indicator};
use crate::engine::IndicatorScore;
use crate::number::{COEFFICIENT_PLACES, Exact, SCORE_PLACES, fixed, trimmed};

/// One indicator with its finding and its score.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// The checklist row.
    pub indicator: &'a Indicator,
    /// The audit's finding.
    pub entry: &'a Entry,
    /// Its contribution to the score.
    pub score: &'a IndicatorScore,
    /// The 评分细则's condition of the level the assessor chose (its
    /// `when`), when the audit was checked against a 细则 that has one.
    pub condition: Option<&'a str>,
    /// The audit's sites, which a sample's items name by id.
    pub sites: &'a [Site],
}

/// What a report says of a sample beyond its `k/n`, each part worded
/// once here so that every format shows the same: the population, each
/// site's part, the items that did not conform and how it was drawn.
/// What the audit does not record is `None` or empty.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SampleView {
    /// "抽样 6 / 总体 48", when the population is given.
    pub population: Option<String>,
    /// Each site's part, "上海数据中心 3/5", in the audit's order of sites.
    pub by_site: Vec<String>,
    /// Each item that did not conform, "CR-2026-007（变更未经批准即上线）".
    pub nonconforming: Vec<String>,
    /// The seed and list of a reproducible draw, when the audit records one.
    pub drawn: Option<String>,
}

impl SampleView {
    /// The sites' parts on one line: "上海数据中心 3/5、北京运营中心 1/4".
    pub fn by_site_text(&self, words: &Words<'_>) -> Option<String> {
        joined(&self.by_site, words.labels.list_separator)
    }

    /// The nonconforming items on one line, "；" between them.
    pub fn nonconforming_text(&self, words: &Words<'_>) -> Option<String> {
        joined(&self.nonconforming, words.labels.clause_separator)
    }

    /// The parts as labelled lines, in the order a reader checks them: how
    /// big, where (on one line), what failed (an item a line: a list of
    /// them on one line would be cut mid-item by a terminal's line limit,
    /// found by a newcomer's run), how drawn.
    pub fn lines(&self, words: &Words<'_>) -> Vec<String> {
        let labels = words.labels;
        let by_site = (self.by_site_text(words))
            .map(|text| format!("{}{}{text}", labels.by_site, labels.colon));
        self.shown(words, by_site.into_iter().collect())
    }

    /// The same for a narrow column of the printed form (HTML, XLSX):
    /// each site's part on a line of its own under its label too, so that
    /// no name is parted from its figure.
    pub fn column_lines(&self, words: &Words<'_>) -> Vec<String> {
        let by_site = listed(words.labels.by_site, &self.by_site, words);
        self.shown(words, by_site)
    }

    /// The population, the sites' lines `by_site`, the nonconforming items
    /// under their label and the draw, each made safe to show.
    fn shown(&self, words: &Words<'_>, by_site: Vec<String>) -> Vec<String> {
        let failed = listed(words.labels.nonconforming_items, &self.nonconforming, words);
        (self.population.iter().cloned())
            .chain(by_site)
            .chain(failed)
            .chain(self.drawn.iter().cloned())
            .map(|line| words.free(&line).into_owned())
            .collect()
    }
}

/// `parts` under their label, one a line; none without parts.
fn listed(label: &str, parts: &[String], words: &Words<'_>) -> Vec<String> {
    match parts.is_empty() {
        true => Vec::new(),
        false => std::iter::once(format!("{label}{}", words.labels.colon.trim_end()))
            .chain(parts.iter().cloned())
            .collect(),
    }
}

/// `parts` joined by `separator`; `None` when there are none.
fn joined(parts: &[String], separator: &str) -> Option<String> {
    (!parts.is_empty()).then(|| parts.join(separator))
}

impl<'a> Row<'a> {
    /// Lost points, was excluded, had its exclusion rejected, or had the
    /// team's disagreement on it settled: the rows an assessor must be
    /// able to explain.
    pub fn is_notable(&self) -> bool {
        let lost = self.score.applicable && self.score.earned < self.score.points;
        lost || self.entry.resolved.is_some()
            || matches!(
                self.entry.status,
                Status::Excluded { .. } | Status::ExclusionRejected { .. }
            )
    }

    /// The coefficient as the assessor gave it — a sample as `k/n`, a number
    /// cut to four decimals — or the excluded mark.
    pub fn coefficient_text(&self, words: &Words<'_>) -> String {
        match self.entry.measure() {
            Some(Measure::Sample {
                sampled,
                nonconforming,
            }) => format!("{nonconforming}/{sampled}{}", words.labels.sample_mark),
            Some(Measure::Coefficient(value)) => trimmed(value, COEFFICIENT_PLACES),
            None if self.entry.is_excluded() => words.labels.excluded.to_string(),
            None => "0".to_string(),
        }
    }

    /// Id, group, points and coefficient: the cells every list of
    /// indicators starts with.
    pub fn leading_cells(&self, checklist: &Checklist, words: &Words<'_>) -> Vec<String> {
        vec![
            self.indicator.id.clone(),
            words
                .group(&checklist.groups[self.indicator.group])
                .to_string(),
            fixed(&self.indicator.points, SCORE_PLACES),
            self.coefficient_text(words),
        ]
    }

    /// Earned points as shown, or `-` for an excluded indicator.
    pub fn earned_text(&self) -> String {
        if self.score.applicable {
            fixed(&self.score.earned, SCORE_PLACES)
        } else {
            "-".to_string()
        }
    }

    /// The exclusion reason and its rejection, if any.
    pub fn exclusion(&self) -> (Option<&'a str>, Option<&'a str>) {
        match &self.entry.status {
            Status::Excluded { reason } => (Some(reason), None),
            Status::ExclusionRejected {
                reason, rejection, ..
            } => (Some(reason), Some(rejection)),
            Status::Assessed(_) | Status::Unassessed => (None, None),
        }
    }

    /// The sample, if the coefficient comes from one.
    pub fn sample(&self) -> Option<(u64, u64)> {
        match self.entry.measure() {
            Some(Measure::Sample {
                sampled,
                nonconforming,
            }) => Some((*sampled, *nonconforming)),
            _ => None,
        }
    }

    /// What the report says of the sample beyond its `k/n`; `None` when
    /// the coefficient comes from no sample.
    pub fn sample_view(&self, words: &Words<'_>) -> Option<SampleView> {
        let (sampled, _) = self.sample()?;
        let samples = self.entry.samples.as_ref();
        Some(SampleView {
            population: (self.entry.population).map(|total| words.sample_size(sampled, total)),
            by_site: samples.map_or_else(Vec::new, |samples| self.by_site(samples, words)),
            nonconforming: samples.map_or_else(Vec::new, |samples| {
                nonconforming(samples, self.sites, words)
            }),
            drawn: samples
                .and_then(|samples| samples.drawn.as_ref())
                .map(|drawn| words.drawn(drawn)),
        })
    }

    /// Each site's part of `samples` by the site's name, in the audit's
    /// order of sites, a site without items left out.
    /// Items that name no site make a part of their own, so that the
    /// parts add up to the sample; without any site named, there are no
    /// parts.
    fn by_site(&self, samples: &crate::audit::Samples, words: &Words<'_>) -> Vec<String> {
        // by_site keeps the order of `sites`, a site without items left
        // out: the names are found by walking both in step.
        let mut names = self.sites.iter();
        let mut parts: Vec<String> = (samples.by_site(self.sites).iter())
            .filter_map(|tally| {
                let site = names.find(|site| site.id == tally.site)?;
                Some(words.site_part(&site.name, tally.sampled, tally.nonconforming))
            })
            .collect();
        let (sampled, failed) = samples.without_site();
        if !parts.is_empty() && sampled > 0 {
            parts.push(words.site_part(words.labels.no_site, sampled, failed));
        }
        parts
    }

    /// The sample's lines ([`SampleView::lines`]); none without a sample.
    pub fn sample_lines(&self, words: &Words<'_>) -> Vec<String> {
        (self.sample_view(words)).map_or_else(Vec::new, |view| view.lines(words))
    }

    /// The record column of the printed form (HTML, XLSX): the assessor's
    /// record, then what the sample's items say
    /// ([`SampleView::column_lines`]), one per line.
    pub fn record_lines(&self, words: &Words<'_>) -> Vec<String> {
        let record = self
            .entry
            .record
            .as_deref()
            .map(|r| words.free(r).into_owned());
        let sample = self.sample_view(words);
        let sample = sample.map_or_else(Vec::new, |view| view.column_lines(words));
        record.into_iter().chain(sample).collect()
    }

    /// Who assessed the indicator, labelled ([`Words::assessed_by`]);
    /// `None` when the audit does not say.
    pub fn assessed_by(&self, words: &Words<'_>) -> Option<String> {
        words.assessed_by(&self.entry.by)
    }

    /// How the team's disagreement on the indicator was settled, labelled
    /// ([`Words::resolved`]); `None` when there was none.
    pub fn resolved(&self, words: &Words<'_>) -> Option<String> {
        words.resolved(self.entry.resolved.as_ref())
    }

    /// Who assessed the indicator, the names alone
    /// ([`Words::assessors_of`]).
    pub fn assessors(&self, words: &Words<'_>) -> Option<String> {
        words.assessors_of(&self.entry.by)
    }

    /// How the team's disagreement was settled, unlabelled
    /// ([`Words::resolution`]).
    pub fn resolution(&self, words: &Words<'_>) -> Option<String> {
        (self.entry.resolved.as_ref()).map(|resolved| words.resolution(resolved))
    }

    /// Who assessed the indicator and how the team's disagreement on it
    /// was settled, a line each; none when the audit says neither.
    pub fn team_lines(&self, words: &Words<'_>) -> Vec<String> {
        (self.assessed_by(words).into_iter())
            .chain(self.resolved(words))
            .collect()
    }

    /// The note column of the printed form (HTML, XLSX): the 细则's
    /// condition, the exclusion and its rejection, labelled, and the note
    /// as written, one per line; [`Row::team_lines`] follow them there.
    pub fn note_lines(&self, words: &Words<'_>) -> Vec<String> {
        let labels = words.labels;
        let (reason, rejection) = self.exclusion();
        let label = |label: &str, text: Option<&str>| {
            text.map(|text| format!("{label}{}{}", labels.colon, words.free(text)))
        };
        let note = (self.entry.note.as_deref()).map(|note| words.free(note).into_owned());
        [
            label(labels.rule_condition, self.condition),
            label(labels.exclusion_reason, reason),
            label(labels.exclusion_rejected, rejection),
            note,
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Labelled reasons, record and note, one per line; a sample's lines
    /// follow the record, who assessed it and how a disagreement was
    /// settled come last.
    pub fn reasons(&self, words: &Words<'_>) -> Vec<String> {
        let labels = words.labels;
        let (reason, rejection) = self.exclusion();
        let label = |label: &str, text: Option<&str>| {
            text.map(|text| format!("{label}{}{}", labels.colon, words.free(text)))
        };
        let before = [
            label(labels.rule_condition, self.condition),
            label(labels.exclusion_reason, reason),
            label(labels.exclusion_rejected, rejection),
            label(labels.record, self.entry.record.as_deref()),
        ];
        let note = label(labels.note, self.entry.note.as_deref());
        (before.into_iter().flatten())
            .chain(self.sample_lines(words))
            .chain(note)
            .chain(self.team_lines(words))
            .collect()
    }
}

/// Every indicator of a report, in checklist order.
pub fn rows<'a>(report: &Report<'a>) -> impl Iterator<Item = Row<'a>> + 'a {
    let report = *report;
    (report.checklist.indicators.iter())
        .zip(&report.audit.entries)
        .zip(&report.evaluation.indicators)
        .enumerate()
        .map(move |(index, ((indicator, entry), score))| Row {
            indicator,
            entry,
            score,
            condition: condition(&report, index, entry),
            sites: &report.audit.sites,
        })
}

/// The 评分细则's condition of coefficient 0 for the indicator at `index`:
/// what remediating it must achieve.
pub fn target_condition<'a>(report: &Report<'a>, index: usize) -> Option<&'a str> {
    let rule = report.rules?.rule(index)?;
    rule.conforming()?.when.as_deref()
}

/// The items of `samples` that did not conform, each with its record.
fn nonconforming(
    samples: &crate::audit::Samples,
    sites: &[crate::audit::Site],
    words: &Words<'_>,
) -> Vec<String> {
    let names: std::collections::HashMap<&str, &str> = (sites.iter())
        .map(|site| (site.id.as_str(), site.name.as_str()))
        .collect();
    let site_name = |id: &str| names.get(id).copied();
    let mut shown: Vec<String> = (samples.nonconforming_items())
        .take(SHOWN_NONCONFORMING)
        .map(|item| {
            let site = item.site.as_deref().and_then(site_name);
            words.nonconforming_item(&item.item, site, item.record.as_deref())
        })
        .collect();
    let more = samples.nonconforming() as usize - shown.len();
    if more > 0 {
        shown.push(words.more_items(more));
    }
    shown
}

/// The nonconforming items a report lists by name, the rest counted: a
/// sample's failures are read one by one up to here, and past it a cell
/// of a printed form (and an Excel cell's 32,767 characters) would hold a
/// list nobody reads. The JSON result lists every item.
const SHOWN_NONCONFORMING: usize = 100;

/// The condition of the level the finding `entry` of the indicator at
/// `index` chose, by the report's 细则, when it lost points: only a
/// coefficient given directly chooses a level (a sample's coefficient is
/// its proportion), and a full mark needs no explaining (the condition of
/// 0 on every conforming row would bury the ones that matter).
fn condition<'a>(report: &Report<'a>, index: usize, entry: &Entry) -> Option<&'a str> {
    let Some(Measure::Coefficient(coefficient)) = entry.measure() else {
        return None;
    };
    if num_traits::Zero::is_zero(coefficient) {
        return None;
    }
    let rule = report.rules?.rule(index)?;
    rule.level_of(coefficient)?.when.as_deref()
}

/// What the score means next: the next band, the exclusion sensitivity and
/// the schedule, as label/value lines every format shows.
pub fn outlook(report: &Report<'_>, words: &Words<'_>) -> Vec<(String, String)> {
    let labels = words.labels;
    let analysis = report.analysis;
    let failed_by_deduction = report.evaluation.failed_by_special_deduction();
    let mut lines = vec![(
        labels.next_band.to_string(),
        words.next_band(analysis, failed_by_deduction),
    )];
    if let Some(sensitivity) = &analysis.sensitivity {
        lines.push((
            labels.if_nonconforming.to_string(),
            words.scenario(&sensitivity.all_nonconforming),
        ));
        lines.push((
            labels.if_conforming.to_string(),
            words.scenario(&sensitivity.all_conforming),
        ));
    }
    lines.extend(
        words
            .schedule(
                &analysis.schedule,
                analysis.overdue.as_ref(),
                crate::input::is_form(std::path::Path::new(report.file)),
            )
            .into_iter()
            .map(|(label, value)| (label.to_string(), value)),
    );
    lines
}

/// A note for each category whose rows, each cut to two places as shown,
/// add up to less than its subtotal, which is cut from the exact sum: a
/// reader adding up the column then knows why the figures differ. Empty
/// when every category adds up.
pub fn cut_sum_notes(report: &Report<'_>, words: &Words<'_>) -> Vec<String> {
    let checklist = report.checklist;
    let evaluation = report.evaluation;
    (checklist.categories.iter().enumerate())
        .filter_map(|(index, category)| {
            let shown_rows = (checklist.indicators.iter())
                .zip(&evaluation.indicators)
                .filter(|(indicator, score)| indicator.category == index && score.applicable)
                .map(|(_, score)| crate::number::cut(&score.earned, SCORE_PLACES))
                .fold(Exact::from_integer(0), |sum, earned| sum + earned);
            let subtotal = &evaluation.categories[index].earned;
            let shown_subtotal = crate::number::cut(subtotal, SCORE_PLACES);
            (shown_rows != shown_subtotal).then(|| {
                words.cut_sum_note(
                    words.category(category),
                    &fixed(&shown_rows, SCORE_PLACES),
                    &fixed(&shown_subtotal, SCORE_PLACES),
                )
            })
        })
        .collect()
}

/// Where the result comes from: bscore's version, the standard, and the
/// digests of the checklist and the audit file as read; for a merged
/// audit, each part a merge joined and its resolutions file, by digest.
pub fn provenance(report: &Report<'_>, words: &Words<'_>) -> Vec<(String, String)> {
    let labels = words.labels;
    let merged = (report.audit.merged.iter()).map(|merged| words.merged_file(merged));
    let mut lines = vec![
        ("bscore".to_string(), crate::trace::VERSION.to_string()),
        (labels.standard.to_string(), report.checklist.code.clone()),
        (
            labels.checklist_digest.to_string(),
            report.checklist.sha256.clone(),
        ),
        (
            labels.audit_digest.to_string(),
            report.audit_sha256.to_string(),
        ),
    ];
    lines.extend(merged);
    lines
}

/// A rate as shown, `93.18%`, or `-` when nothing applies.
pub fn rate(rate: Option<&Exact>) -> String {
    rate.map_or_else(
        || "-".to_string(),
        |rate| format!("{}%", fixed(rate, SCORE_PLACES)),
    )
}

/// Who was audited, by whom, when and why: the header every report starts
/// with (after the standard, which each format places itself).
pub fn audit_header(report: &Report<'_>, words: &Words<'_>) -> Vec<(&'static str, String)> {
    let labels = words.labels;
    let meta = &report.audit.meta;
    let mut header = vec![
        (
            labels.organization,
            words.free(&meta.organization).into_owned(),
        ),
        (labels.service, words.free(&meta.service).into_owned()),
        (
            labels.assessors,
            words
                .free(&meta.assessors.join(labels.list_separator))
                .into_owned(),
        ),
        (labels.date, meta.date.to_string()),
        (labels.kind, words.audit_kind(meta.kind).to_string()),
    ];
    if !report.audit.sites.is_empty() {
        let sites: Vec<String> = (report.audit.sites.iter())
            .map(|site| {
                format!(
                    "{}{}{}{}",
                    site.name, labels.brackets.0, site.id, labels.brackets.1
                )
            })
            .collect();
        let sites = sites.join(labels.list_separator);
        header.push((labels.sites, words.free(&sites).into_owned()));
    }
    if let Some(rules) = report.rules {
        header.push((labels.rules, words.free(&rules.name()).into_owned()));
    }
    if let Some(division) = division(report, words) {
        header.push((labels.division, division));
    }
    header
}

/// Who assessed how many indicators, by `by`, each member in the order
/// they first appear: "王五 4 项；赵六 3 项"; `None` when the audit names
/// no one (an indicator two assessed counts for both).
pub fn division(report: &Report<'_>, words: &Words<'_>) -> Option<String> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for name in (report.audit.entries.iter()).flat_map(|entry| &entry.by) {
        match counts.iter_mut().find(|(member, _)| member == name) {
            Some((_, count)) => *count += 1,
            None => counts.push((name, 1)),
        }
    }
    let shares: Vec<String> = (counts.iter())
        .map(|(member, count)| words.share(member, *count))
        .collect();
    (!shares.is_empty()).then(|| shares.join(words.labels.clause_separator))
}
