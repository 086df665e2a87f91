//! A team evaluation (§8.2 b 1–2 of the standard): the parts each member
//! fills in, and the merge that joins them with every disagreement shown
//! (docs/team.md). Stands on `audit` (each part is an audit); no stage
//! imports it.

pub mod merge;
