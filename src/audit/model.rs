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
}

/// The best-practice bonus (§8.3 c 4).
#[derive(Debug, Clone, PartialEq)]
pub struct Bonus {
    /// The practice observed.
    pub practice: String,
}

/// A validated audit: one [`Entry`] per checklist indicator, in checklist order.
#[derive(Debug, Clone, PartialEq)]
pub struct Audit {
    /// The `[audit]` table.
    pub meta: AuditMeta,
    /// Entries in checklist order.
    pub entries: Vec<Entry>,
    /// Special deductions in file order.
    pub special_deductions: Vec<SpecialDeduction>,
    /// The bonus, if any.
    pub bonus: Option<Bonus>,
}
