//! The evaluation team's work (§8.2 b 1–2 of the standard: an evaluation
//! is done by a team following a plan that covers every indicator),
//! docs/team.md: the plan file loaded and checked ([`plan::load`]), every
//! indicator given to one assessor ([`plan::assign`]), the plan printed
//! ([`plan::render`]) and each assessor's part written as an audit to fill
//! in ([`plan::part`]); the parts joined by [`merge`], every disagreement
//! shown and settled on record.
//!
//! A capability on top of the stages: `team` imports `audit`, `checklist`,
//! `rules` and the render helpers; none of them imports `team`.

pub mod merge;
pub mod plan;
