//! The validated audit: what the assessor found for each indicator, the
//! special deductions and the bonus, as scoring reads them.

use super::format;
use crate::number::Exact;

/// Why the audit was carried out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditKind {
    /// 初次评价.
    Initial,
    /// 监督评价 (at least yearly, §8.1 b).
    Surveillance,
    /// 重新评价 (at least every three years, §8.1 b).
    Recertification,
}

impl AuditKind {
    /// Every kind, in the order the reports list them.
    pub const ALL: [AuditKind; 3] = [
        AuditKind::Initial,
        AuditKind::Surveillance,
        AuditKind::Recertification,
    ];

    /// The id an audit file writes: `initial`, `surveillance`,
    /// `recertification`.
    pub fn id(self) -> &'static str {
        match self {
            AuditKind::Initial => "initial",
            AuditKind::Surveillance => "surveillance",
            AuditKind::Recertification => "recertification",
        }
    }

    /// The kind `text` names: its id, its name in the reports in either
    /// language (重新评价, Re-evaluation), or another word people write for
    /// it (再认证评价), case aside.
    pub fn named(text: &str) -> Option<AuditKind> {
        let id = format::AUDIT_KINDS.named(text)?;
        AuditKind::ALL.into_iter().find(|kind| kind.id() == id)
    }
}

/// The `[audit]` table.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditMeta {
    /// The standard code, if the audit names one (it must match the checklist).
    pub standard: Option<String>,
    /// 经营者.
    pub organization: String,
    /// The service audited.
    pub service: String,
    /// Assessors, at least one.
    pub assessors: Vec<String>,
    /// Date of the audit.
    pub date: jiff::civil::Date,
    /// Start of the certification cycle: the initial evaluation or the last
    /// re-evaluation (§8.1 b). Defaults to `date` for initial and
    /// recertification audits; unknown for a surveillance audit without it.
    pub cycle_start: Option<jiff::civil::Date>,
    /// Initial, surveillance or recertification.
    pub kind: AuditKind,
    /// Whether unlisted indicators score as conforming.
    pub unassessed_conform: bool,
    /// A team evaluation's part: the member whose indicators the file
    /// holds. A part lists only those; it is merged, never scored.
    pub part: Option<String>,
}

#[cfg(test)]
impl AuditMeta {
    /// A header with only its dates and kind of interest, for the tests of
    /// the certification cycle.
    pub(crate) fn dated(
        date: jiff::civil::Date,
        kind: AuditKind,
        cycle_start: Option<jiff::civil::Date>,
    ) -> AuditMeta {
        AuditMeta {
            standard: None,
            organization: "某公司".into(),
            service: "某服务".into(),
            assessors: vec!["张三".into()],
            date,
            cycle_start,
            kind,
            unassessed_conform: false,
            part: None,
        }
    }
}

/// An assessment of an indicator that counts.
#[derive(Debug, Clone, PartialEq)]
pub enum Measure {
    /// The assessor's deduction coefficient, 0..=1 (§8.3 c 1).
    Coefficient(Exact),
    /// A sample: the coefficient is nonconforming / sampled (§8.3 c 2).
    Sample {
        /// Samples examined, at least 1.
        sampled: u64,
        /// Samples that did not conform, at most `sampled`.
        nonconforming: u64,
    },
}

impl Measure {
    /// The deduction coefficient.
    pub fn coefficient(&self) -> Exact {
        match self {
            Measure::Coefficient(value) => value.clone(),
            Measure::Sample {
                sampled,
                nonconforming,
            } => Exact::ratio((*nonconforming).into(), (*sampled).into()),
        }
    }
}

/// What the audit says of one indicator.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    /// Not listed, and `[audit] unassessed = "conform"`: coefficient 0.
    Unassessed,
    /// Assessed.
    Assessed(Measure),
    /// Excluded as not applicable (§8.2 a, §8.3 c 5): not counted at all.
    Excluded {
        /// Why it does not apply.
        reason: String,
    },
    /// An exclusion the assessor rejected (§8.3 c 6): counted like any other.
    ExclusionRejected {
        /// The operator's claimed reason.
        reason: String,
        /// Why the assessor rejected it.
        rejection: String,
        /// The assessment.
        measure: Measure,
    },
}

/// One indicator's entry in an audit.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The finding.
    pub status: Status,
    /// 现场评审记录.
    pub record: Option<String>,
    /// 说明.
    pub note: Option<String>,
    /// How many items the sample was drawn from, when the audit says.
    pub population: Option<u64>,
    /// Each sampled item, when the audit records them (the sample's
    /// counts are then theirs).
    pub samples: Option<Samples>,
    /// Who assessed it (`by`), in the order written; empty when the
    /// audit does not say.
    pub by: Vec<String>,
    /// How the team's disagreement on it was settled, if there was one.
    pub resolved: Option<Resolved>,
}

/// How `bscore merge --resolutions` settled a disagreement between parts.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    /// What was taken.
    pub taken: Taken,
    /// Why, as the team wrote it.
    pub why: String,
}

/// What a resolution takes.
#[derive(Debug, Clone, PartialEq)]
pub enum Taken {
    /// The assessment of the member named.
    Member(String),
    /// A coefficient agreed on, exact, with the text it was written as.
    Value(Exact, String),
}

/// A file `bscore merge` joined: a part, or the resolutions file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergedFile {
    /// The member whose part it is; `None` for the resolutions file.
    pub part: Option<String>,
    /// Its name, as given to the merge.
    pub file: String,
    /// Its SHA-256, lowercase hexadecimal.
    pub sha256: String,
}

impl Entry {
    /// An entry of `status` alone: no record, note or sample on record.
    pub fn of(status: Status) -> Entry {
        Entry {
            status,
            record: None,
            note: None,
            population: None,
            samples: None,
            by: Vec::new(),
            resolved: None,
        }
    }
}

/// A service area or site in the audit's scope (§8.2 b 4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The id items name it by: unique, not blank.
    pub id: String,
    /// Its name, as reports show it.
    pub name: String,
}

/// The items of an indicator's sample, as the assessor recorded them
/// (§8.3 c 2): the coefficient is the share that did not conform.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Samples {
    /// Each item, in the order written.
    pub items: Vec<SampleItem>,
    /// How the items were drawn, when the audit says.
    pub drawn: Option<Drawn>,
}

/// One sampled item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleItem {
    /// What was sampled: a record's number, a case's name.
    pub item: String,
    /// The id of the site it was sampled at, if the audit names one.
    pub site: Option<String>,
    /// Whether it conforms.
    pub conforms: bool,
    /// Why it does not, or what was seen.
    pub record: Option<String>,
}

/// How a sample was drawn: the seed and the list it was drawn from, by
/// name and SHA-256, so that anyone can draw it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Drawn {
    /// The seed of the draw.
    pub seed: String,
    /// The list's file, relative to the audit's.
    pub from: String,
    /// The list's SHA-256, in lowercase hexadecimal.
    pub sha256: String,
}

/// One site's part of a sample.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteTally {
    /// The site's id.
    pub site: String,
    /// Items sampled there.
    pub sampled: u64,
    /// Those that did not conform.
    pub nonconforming: u64,
}

impl Samples {
    /// The number of items.
    pub fn sampled(&self) -> u64 {
        self.items.len() as u64
    }

    /// The number that did not conform.
    pub fn nonconforming(&self) -> u64 {
        self.items.iter().filter(|item| !item.conforms).count() as u64
    }

    /// The sample as counts, the measure it is scored by.
    pub fn measure(&self) -> Measure {
        Measure::Sample {
            sampled: self.sampled(),
            nonconforming: self.nonconforming(),
        }
    }

    /// Each site's part, in the order `sites` declares them, a site with
    /// no item left out; items that name no site are in none. One pass
    /// over the items, whatever the number of sites.
    pub fn by_site(&self, sites: &[Site]) -> Vec<SiteTally> {
        let mut counts: std::collections::HashMap<&str, (u64, u64)> =
            std::collections::HashMap::new();
        for item in &self.items {
            if let Some(site) = &item.site {
                let (sampled, nonconforming) = counts.entry(site.as_str()).or_default();
                *sampled += 1;
                *nonconforming += u64::from(!item.conforms);
            }
        }
        (sites.iter())
            .filter_map(|site| {
                let (sampled, nonconforming) = counts.get(site.id.as_str())?;
                Some(SiteTally {
                    site: site.id.clone(),
                    sampled: *sampled,
                    nonconforming: *nonconforming,
                })
            })
            .collect()
    }

    /// The items that name no site, and those of them that did not
    /// conform: the part of the sample at no site.
    pub fn without_site(&self) -> (u64, u64) {
        (self.items.iter())
            .filter(|item| item.site.is_none())
            .fold((0, 0), |(n, k), item| {
                (n + 1, k + u64::from(!item.conforms))
            })
    }

    /// The items that did not conform, in the order written.
    pub fn nonconforming_items(&self) -> impl Iterator<Item = &SampleItem> {
        self.items.iter().filter(|item| !item.conforms)
    }
}

impl Entry {
    /// The measure that counts, if the indicator is assessed.
    pub fn measure(&self) -> Option<&Measure> {
        match &self.status {
            Status::Assessed(measure) | Status::ExclusionRejected { measure, .. } => Some(measure),
            Status::Unassessed | Status::Excluded { .. } => None,
        }
    }

    /// Whether the indicator is left out of the applicable points.
    pub fn is_excluded(&self) -> bool {
        matches!(self.status, Status::Excluded { .. })
    }
}

/// A special deduction (§8.3 c 3).
#[derive(Debug, Clone, PartialEq)]
pub struct SpecialDeduction {
    /// A kind id from the checklist.
    pub kind: String,
    /// What the assessor found.
    pub finding: String,
    /// Who found it; empty when the audit does not say.
    pub by: Vec<String>,
}

/// The best-practice bonus (§8.3 c 4).
#[derive(Debug, Clone, PartialEq)]
pub struct Bonus {
    /// The practice observed.
    pub practice: String,
    /// Who observed it; empty when the audit does not say.
    pub by: Vec<String>,
    /// How two parts' different bonuses were settled, if they were.
    pub resolved: Option<Resolved>,
}

/// A validated audit: one [`Entry`] per checklist indicator, in checklist order.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    /// The `[audit]` table.
    pub meta: AuditMeta,
    /// The sites in scope, in file order (`[[sites]]`).
    pub sites: Vec<Site>,
    /// Entries in checklist order.
    pub entries: Vec<Entry>,
    /// Special deductions in file order.
    pub special_deductions: Vec<SpecialDeduction>,
    /// The bonus, if any.
    pub bonus: Option<Bonus>,
    /// The files a merge joined, in the order it was given them
    /// (`[[merged]]`); empty for an audit written by hand.
    pub merged: Vec<MergedFile>,
}

impl Audit {
    /// Whether the audit is a team member's part, to be merged.
    pub fn is_part(&self) -> bool {
        self.meta.part.is_some()
    }

    /// The site whose id is `id`.
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|site| site.id == id)
    }
}
