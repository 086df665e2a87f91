//! What a row's inputs amount to ([`RowState`], the hidden state cell's
//! codes), and what the form's formulas give for the audit written
//! ([`Stored`], each formula's stored result).

use crate::audit::{Audit, Status};
use crate::checklist::Checklist;
use crate::engine::Evaluation;
use crate::form::FIELDS;
use crate::rules::Rules;

/// What a row's input cells amount to, as its hidden state cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowState {
    /// Assessed by exactly one valid measure (a rejected exclusion too).
    Assessed = 0,
    /// Excluded with a reason, not rejected: counts nothing.
    Excluded = 1,
    /// Nothing filled in yet.
    Unassessed = 2,
    /// Filled in in a way bscore refuses (a coefficient above 1, two
    /// measures, a rejection without an exclusion, …).
    Invalid = 3,
}

impl RowState {
    /// The state as the formula writes it.
    pub(super) fn code(self) -> u8 {
        self as u8
    }

    /// The state of a row bscore writes from an audit's entry, or of an
    /// empty row. bscore writes only valid audits, so never `Invalid`.
    pub(super) fn of(entry: Option<&crate::audit::Entry>) -> RowState {
        match entry.map(|entry| &entry.status) {
            None => RowState::Unassessed,
            Some(Status::Excluded { .. }) => RowState::Excluded,
            // The form has every indicator: an unassessed one is written
            // as coefficient 0.
            Some(_) => RowState::Assessed,
        }
    }
}

/// What the form's formulas give for the audit written, stored in each
/// formula cell as its result: a program that shows stored values
/// instead of recalculating (LibreOffice by default, previewers, mail
/// clients, libraries that read values) then shows bscore's own figures,
/// cut as displayed, and an empty form shows what its formulas give for
/// an empty form.
pub(super) struct Stored<'a> {
    pub(super) audit: Option<&'a Audit>,
    pub(super) evaluation: Option<Evaluation>,
    /// The 细则 the form is written under, if any: it guides the input
    /// cells and changes no figure.
    pub(super) rules: Option<&'a Rules>,
    /// A team member's part to fill in (docs/team.md), if the form is one.
    pub(super) part: Option<&'a super::PartForm<'a>>,
    /// The next evaluation to fill in (`bscore next`), if the form is one.
    pub(super) next: Option<&'a super::NextForm<'a>>,
}

impl<'a> Stored<'a> {
    pub(super) fn new(
        checklist: &Checklist,
        audit: Option<&'a Audit>,
        rules: Option<&'a Rules>,
    ) -> Stored<'a> {
        let evaluation = audit.and_then(|audit| crate::engine::evaluate(checklist, audit).ok());
        Stored {
            audit,
            evaluation,
            rules,
            part: None,
            next: None,
        }
    }

    /// Whether the form has a row for the indicator at `index`: every
    /// one, but in a part only the member's.
    pub(super) fn lists(&self, index: usize) -> bool {
        self.part.is_none_or(|part| part.listed[index])
    }

    /// The `[audit]` the header shows: the audit's, or the part's.
    pub(super) fn meta(&self) -> Option<&'a crate::audit::AuditMeta> {
        (self.audit.map(|audit| &audit.meta))
            .or(self.part.map(|part| part.meta))
            .or(self.next.map(|next| &next.meta))
    }

    /// The sites the sites sheet lists: the audit's, or the part's.
    pub(super) fn sites(&self) -> &'a [crate::audit::Site] {
        match (self.audit, self.part) {
            (Some(audit), _) => &audit.sites,
            (None, Some(part)) => part.sites,
            (None, None) => self
                .next
                .map_or(&[], |next| next.skeleton.previous.sites.as_slice()),
        }
    }

    /// The number of indicator rows and of required fields not filled in:
    /// every one of an empty form, none of a form written from an audit
    /// (which bscore validated; an indicator it did not list is written
    /// as conforming).
    pub(super) fn unfilled(&self, checklist: &Checklist) -> (usize, usize) {
        let rows = (0..checklist.indicators.len())
            .filter(|index| self.lists(*index))
            .filter(|index| {
                let entry = self.audit.map(|audit| &audit.entries[*index]);
                RowState::of(entry) == RowState::Unassessed
            })
            .count();
        let fields = match self.meta() {
            Some(_) => 0,
            None => (FIELDS.iter())
                .filter(|(key, _, _)| crate::audit::audit_field_is_required(key))
                .count(),
        };
        (rows, fields)
    }
}
