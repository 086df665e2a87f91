//! bscore scores a blockchain service against the Appendix A checklist of
//! T/STIC130010-2022 《区块链服务认证规范》 and grades it.
//!
//! The stages are separate modules, each doing one thing
//! (docs/architecture.md says which module owns which stage):
//! [`checklist`] loads and validates the checklist, [`audit`] the audit
//! file (raw → validated), [`engine`] scores and grades (pure, exact),
//! [`analysis`] and [`gap`] say what the score means next, and [`render`]
//! draws a result in one output format. [`batch`] runs them over many
//! audits; the binary in `main.rs` only wires them to the command line
//! ([`cli`]).
//!
//! This library exists for the `bscore` binary, its tests and its
//! benchmarks. Its API carries **no stability promise**: it exposes only
//! what those use, and changes whenever the tool needs it to. The stable
//! interfaces are the command line, the audit file format, the JSON result
//! and the exit codes, described in `docs/`.

pub mod analysis;
pub mod audit;
pub mod batch;
pub mod checklist;
pub mod cli;
mod compare;
pub mod diagnostic;
mod embedded;
pub mod engine;
mod exact;
mod failure;
mod files;
pub mod form;
pub mod gap;
mod input;
mod manual;
pub mod message;
pub mod number;
pub mod render;
pub mod rules;
mod schedule;
pub mod schema;
mod shown;
mod spreadsheet;
mod stored;
pub mod template;
mod text;
pub mod trace;
pub mod verify;
