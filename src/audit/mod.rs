//! The audit file (docs/audit-format.md): what the assessor found for each
//! indicator, the special deductions and the bonus.
//!
//! The format is described once, in `format`: its tables and keys, from
//! which validation, the JSON Schema, the template and the form read.
//! `validate` turns the parsed document into the model below, collecting
//! every problem in the file before giving up, so an assessor with five
//! typos sees five messages.

mod adjustments;
mod context;
mod entry;
mod fields;
pub(crate) mod format;
mod further;
mod indicators;
mod meta;
mod model;
mod placeholders;
mod samples;
pub(crate) mod slips;
pub(crate) mod syntax;
mod team;
pub(crate) use team::agreed_coefficient;
pub(crate) mod validate;
mod value_slips;

pub(crate) use context::Dialect;
pub(crate) use format::audit_field_is_required;
pub use further::{
    Checks, DrawCheck, DrawPart, DrawProblem, FindingCheck, FindingPart, FindingProblem,
};
pub use model::{
    Audit, AuditKind, AuditMeta, Bonus, Drawn, Entry, Measure, MergedFile, Resolved, SampleItem,
    Samples, Site, SiteTally, SpecialDeduction, Status, Taken,
};
pub(crate) use placeholders::{
    PLACEHOLDER_RULES, exclusion_word_pattern, is_placeholder, placeholder_patterns,
};

use crate::checklist::Checklist;
use crate::diagnostic::InputError;

impl Audit {
    /// Parses and validates an audit against `checklist`, reporting every
    /// problem in the file.
    pub fn parse(file: &str, source: &str, checklist: &Checklist) -> Result<Audit, InputError> {
        validate::parse(file, source, checklist, Dialect::Toml, Checks::default())
    }

    /// [`Audit::parse`], each finding also put to `checks` (the 细则's,
    /// each draw's), their problems reported with the others at their
    /// values.
    pub fn parse_checked(
        file: &str,
        source: &str,
        checklist: &Checklist,
        checks: Checks<'_>,
    ) -> Result<Audit, InputError> {
        validate::parse(file, source, checklist, Dialect::Toml, checks)
    }

    /// Parses and validates the TOML a form was read as (`form::read`),
    /// every problem told in the form's words: its labels, never TOML
    /// keys or syntax. The special deductions' kinds may be written as
    /// the checklist names them (法律法规 for `law`).
    pub fn parse_form(
        file: &str,
        source: &str,
        checklist: &Checklist,
        checks: Checks<'_>,
    ) -> Result<Audit, InputError> {
        validate::parse(file, source, checklist, Dialect::Form, checks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kind_is_named_by_its_id_its_names_or_the_words_people_use() {
        for (text, kind) in [
            ("initial", AuditKind::Initial),
            ("Surveillance", AuditKind::Surveillance),
            ("重新评价", AuditKind::Recertification),
            ("再认证评价", AuditKind::Recertification),
            (" re-evaluation ", AuditKind::Recertification),
            ("监督", AuditKind::Surveillance),
        ] {
            assert_eq!(AuditKind::named(text), Some(kind), "{text}");
        }
        assert_eq!(AuditKind::named("年度评价"), None);
    }
}
