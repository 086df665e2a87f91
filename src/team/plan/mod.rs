//! The evaluation plan (`plan.toml`, docs/team.md): who the team is, which
//! categories of Appendix A each member may assess, the sites, and who
//! assesses each indicator. This module holds the checked plan ([`Plan`]);
//! `load` reads the file, `assign` decides the assessors, `document` and
//! `render` print it, `part` writes one assessor's share as an audit.

pub mod assign;
pub mod document;
pub mod load;
pub mod part;
pub mod render;
mod values;
mod xlsx;

pub use assign::Assignment;

use crate::audit::{AuditKind, Site};
use jiff::civil::Date;

/// One member of the evaluation team.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The member's name, unique in the team.
    pub name: String,
    /// The categories (indices into the checklist's) the member may assess,
    /// in the order written, each once.
    pub categories: Vec<usize>,
}

/// A checked evaluation plan, with every indicator's assessor decided.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// 经营者.
    pub organization: String,
    /// The service evaluated.
    pub service: String,
    /// Initial, surveillance or recertification.
    pub kind: AuditKind,
    /// The first day of the evaluation.
    pub from: Date,
    /// The last day, not before `from`.
    pub to: Date,
    /// The team leader: an index into `team`.
    pub leader: usize,
    /// The team, in the order written (ties of the assignment go to the
    /// member written first).
    pub team: Vec<Member>,
    /// The sites visited, as an audit's `[[sites]]`.
    pub sites: Vec<Site>,
    /// The member `[assign]` names for each indicator (checklist order).
    pub assigned: Vec<Option<usize>>,
    /// Who assesses each indicator.
    pub assignment: Assignment,
}

impl Plan {
    /// The team member called `name`, if any.
    pub fn member(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        self.team.iter().position(|member| member.name == name)
    }
}
