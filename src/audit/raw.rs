//! The audit file as written, one type per table: the JSON Schema of audit
//! files is derived from them (`bscore schema`). Validation reads the same
//! keys from the parsed document itself ([`super::fields`] lists them with
//! the assessor's words for each), so that every problem is reported in
//! those words; the schema tests check that the two agree.

use super::AuditKind;
use crate::number::NumberLiteral;
use schemars::JsonSchema;
use toml::Spanned;

/// The top-level tables an audit may have.
pub(super) const SECTIONS: [&str; 4] = ["audit", "indicators", "special_deductions", "bonus"];

/// How indicators that the audit does not list are treated.
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)] // Described, not read: see the module's comment.
pub(super) enum Unassessed {
    /// Score them as conforming (coefficient 0).
    Conform,
}

/// The `[audit]` table.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Audit")]
#[allow(dead_code)] // Described, not read: see the module's comment.
pub(super) struct RawMeta {
    /// The standard's code; if present it must equal the checklist's.
    #[schemars(with = "Option<String>")]
    pub(super) standard: Option<Spanned<String>>,
    /// 经营者: the operator of the service.
    #[schemars(with = "String")]
    pub(super) organization: Spanned<String>,
    /// The service audited.
    #[schemars(with = "String")]
    pub(super) service: Spanned<String>,
    /// 评价人员: at least one assessor.
    #[schemars(with = "Vec<String>", length(min = 1))]
    pub(super) assessors: Spanned<Vec<Spanned<String>>>,
    /// 评价日期, a TOML date such as 2026-03-15.
    #[schemars(with = "TomlDate")]
    pub(super) date: Spanned<toml::value::Datetime>,
    /// Date of the initial evaluation or last re-evaluation (§8.1 b);
    /// defaults to `date` for initial and recertification audits.
    #[schemars(with = "Option<TomlDate>")]
    pub(super) cycle_start: Option<Spanned<toml::value::Datetime>>,
    /// initial 初次评价 | surveillance 监督评价 | recertification 重新评价.
    pub(super) kind: AuditKind,
    /// `"conform"`: indicators not listed score as coefficient 0.
    pub(super) unassessed: Option<Unassessed>,
}

/// A special deduction (§8.3 c 3): −1 point, and the evaluation fails.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "SpecialDeduction")]
#[allow(dead_code)] // Described, not read: see the module's comment.
pub(super) struct RawSpecialDeduction {
    /// law | whitepaper | deception | risk (the checklist's kinds).
    #[schemars(with = "String")]
    pub(super) kind: Spanned<String>,
    /// What the assessor found.
    #[schemars(with = "String")]
    pub(super) finding: Spanned<String>,
}

/// The best-practice bonus (§8.3 c 4): +1 point, at most one.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Bonus")]
#[allow(dead_code)] // Described, not read: see the module's comment.
pub(super) struct RawBonus {
    /// The practice observed.
    #[schemars(with = "String")]
    pub(super) practice: Spanned<String>,
}

/// An indicator as a table: exactly one of `coefficient`, `sampled` +
/// `nonconforming`, or `excluded` (with `rejected` and an assessment for a
/// rejected exclusion), plus optional `record` and `note`.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "IndicatorTable")]
pub(super) struct RawIndicatorTable {
    /// 扣分系数, 0 (conforms) to 1 (does not).
    #[schemars(with = "Option<f64>", range(min = 0, max = 1))]
    pub(super) coefficient: Option<Spanned<NumberLiteral>>,
    /// Samples examined (§8.3 c 2), at least 1.
    #[schemars(with = "Option<u64>", range(min = 1))]
    pub(super) sampled: Option<Spanned<NumberLiteral>>,
    /// Samples that did not conform, at most `sampled`.
    #[schemars(with = "Option<u64>")]
    pub(super) nonconforming: Option<Spanned<NumberLiteral>>,
    /// Why the indicator does not apply (§8.2 a, §8.3 c 5).
    #[schemars(with = "Option<String>")]
    pub(super) excluded: Option<Spanned<String>>,
    /// Why the assessor rejected the exclusion (§8.3 c 6).
    #[schemars(with = "Option<String>")]
    pub(super) rejected: Option<Spanned<String>>,
    /// 现场评审记录.
    #[schemars(with = "Option<String>")]
    pub(super) record: Option<Spanned<String>>,
    /// 说明.
    #[schemars(with = "Option<String>")]
    pub(super) note: Option<Spanned<String>>,
}

/// A TOML local date, as editors and JSON see it.
pub(super) struct TomlDate;

impl JsonSchema for TomlDate {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "format": "date" })
    }
}

/// An audit file (docs/audit-format.md), as its JSON Schema describes it. The parser
/// reads the same four tables (`SECTIONS`) with the types below, one by
/// one so that every problem is reported.
#[derive(JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "bscore audit file")]
pub struct AuditFile {
    /// Who was audited, when and by whom.
    #[allow(dead_code)]
    audit: RawMeta,
    /// One key per indicator id (Appendix A label or body alias).
    #[allow(dead_code)]
    indicators: Option<std::collections::BTreeMap<String, RawIndicatorValue>>,
    /// Special deductions (§8.3 c 3), as `[[special_deductions]]`.
    #[allow(dead_code)]
    special_deductions: Option<Vec<RawSpecialDeduction>>,
    /// The best-practice bonus (§8.3 c 4), as one `[bonus]` table.
    #[allow(dead_code)]
    bonus: Option<RawBonus>,
}

/// An indicator's value: a bare coefficient, a table, or the template's
/// `"?"` placeholder (accepted by the schema while typing).
pub(super) struct RawIndicatorValue;

impl JsonSchema for RawIndicatorValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Indicator".into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let table = generator.subschema_for::<RawIndicatorTable>();
        schemars::json_schema!({
            "description": "A deduction coefficient from 0 to 1, or a table. \"?\" is the template's placeholder: accepted while typing, refused by `bscore validate` until filled in.",
            "oneOf": [
                { "type": "number", "minimum": 0, "maximum": 1 },
                table,
                { "const": "?" }
            ]
        })
    }
}
