//! What validation reads against, and every problem it has found so far:
//! one context, as cargo-deny's `ValidationContext`, that the checks of
//! the keys (`fields`), of `[audit]` (`meta`), of the indicators
//! (`indicators`, `entry`) and of the adjustments (`adjustments`) take
//! as free functions. It knows no check, so each check sees only it.

use super::further::Checks;
use super::model::Site;
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, LineIndex, MAX_REPORTED};
use crate::message::Text;

/// Whose words the problems of an audit are told in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// A TOML audit file: its keys, tables and lines.
    Toml,
    /// An Appendix A form: its sheets' labels (扣分系数, 抽样数…).
    Form,
}

/// What validation reads against, and every problem found so far.
pub(super) struct Context<'a> {
    /// The file's text (broken lines blanked), for literals and lines.
    pub(super) source: &'a str,
    /// Where its lines start.
    pub(super) lines: LineIndex,
    /// The checklist the audit is validated against.
    pub(super) checklist: &'a Checklist,
    /// Every problem found, in no particular order (sorted when reported).
    pub(super) problems: Vec<Diagnostic>,
    /// Keys on lines set aside for their syntax errors: already reported,
    /// so not missing.
    pub(super) set_aside: Vec<String>,
    /// Whose words the problems are told in: the TOML file's or the form's.
    pub(super) dialect: Dialect,
    /// Problems counted but never built: past the first [`MAX_REPORTED`]
    /// of one kind by place, none can be listed (see [`Self::first_listable`]).
    pub(super) unlisted: usize,
    /// The checks beyond the format: the 细则's, each draw's.
    pub(super) checks: Checks<'a>,
    /// The sites `[[sites]]` declares, in file order.
    pub(super) sites: Vec<Site>,
    /// Every id `[[sites]]` gives, a site's whose name is wrong included
    /// (its items are not told of an unknown site as well): looked up,
    /// not searched for.
    pub(super) site_ids: std::collections::HashSet<String>,
    /// Whether `[[sites]]` was refused whole (too many): items' sites are
    /// then not checked, so as not to tell of each as unknown.
    pub(super) sites_unchecked: bool,
}

impl<'a> Context<'a> {
    /// The context of a file whose text is `source`, with the problems
    /// and the keys set aside that the syntax pass found.
    pub(super) fn new(
        source: &'a str,
        checklist: &'a Checklist,
        problems: Vec<Diagnostic>,
        set_aside: Vec<String>,
        dialect: Dialect,
    ) -> Self {
        Context {
            source,
            lines: LineIndex::new(source),
            checklist,
            problems,
            set_aside,
            dialect,
            unlisted: 0,
            checks: Checks::default(),
            sites: Vec::new(),
            site_ids: std::collections::HashSet::new(),
            sites_unchecked: false,
        }
    }

    /// The first [`MAX_REPORTED`] of `found` by place: the only ones of
    /// their kind that can be among the problems a file lists. The rest
    /// are counted, never built, so that 400,000 unknown tables cost a
    /// sort, not 400,000 messages and their suggestions.
    pub(super) fn first_listable<T>(
        &mut self,
        mut found: Vec<T>,
        start: impl Fn(&T) -> usize,
    ) -> Vec<T> {
        found.sort_by_key(&start);
        self.unlisted += found.len().saturating_sub(MAX_REPORTED);
        found.truncate(MAX_REPORTED);
        found
    }

    /// Whether a problem already found lies within `span`: a line set
    /// aside there for its syntax explains what is missing from it.
    pub(super) fn has_problem_within(&self, span: &std::ops::Range<usize>) -> bool {
        (self.problems.iter())
            .filter_map(|problem| problem.span.as_ref())
            .any(|at| span.start <= at.start && at.start < span.end)
    }

    /// Whether the audit came from a form, and is told in its words.
    pub(super) fn on_form(&self) -> bool {
        self.dialect == Dialect::Form
    }

    /// The wording for the file being read: `toml` for a TOML audit,
    /// `form` (the form's labels, no keys or syntax) for a form.
    pub(super) fn told(&self, toml: Text, form: Text) -> Text {
        match self.dialect {
            Dialect::Toml => toml,
            Dialect::Form => form,
        }
    }
}
