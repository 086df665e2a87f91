//! bscore scores a blockchain service against the Appendix A checklist of
//! T/STIC130010-2022 《区块链服务认证规范》 and grades it.
//!
//! The stages are separate modules, each doing one thing
//! (docs/architecture.md says which module owns which stage): `checklist`
//! loads and validates the checklist, `audit` the audit file, `engine`
//! scores and grades (pure, exact), `analysis` and `gap` say what the score
//! means next, and `render` draws a result in one output format; `rules`
//! holds the certification body's 评分细则. `batch` runs them over many
//! audits; the binary in `main.rs` only wires them to the command line
//! ([`cli`]).
//!
//! This library exists for the `bscore` binary, its tests, its benchmarks
//! and its fuzz targets. Its API carries **no stability promise**: the
//! modules are private and only what those use is re-exported below, so
//! that the dead-code lint sees every item nothing calls. The stable
//! interfaces are the command line, the audit file format, the JSON result
//! and the exit codes, described in `docs/`.

mod analysis;
mod audit;
mod batch;
mod checklist;
pub mod cli;
mod compare;
mod cycle;
mod diagnostic;
mod embedded;
mod engine;
mod exact;
mod failure;
mod files;
mod form;
mod gap;
mod history;
mod input;
mod manual;
mod message;
mod next;
mod number;
mod render;
mod report;
mod rules;
mod samples;
mod schedule;
mod schema;
mod shown;
mod spreadsheet;
mod stored;
mod team;
mod template;
mod text;
mod trace;
mod verify;

// What the binary's tests, the benchmarks and the fuzz targets use. Every
// other item is private to the crate, so the dead-code lint sees it.
pub use analysis::analyze;
pub use audit::{
    Audit, AuditKind, AuditMeta, Bonus, Checks, DrawCheck, DrawPart, DrawProblem, Drawn, Entry,
    Measure, SampleItem, Samples, Site, SiteTally, SpecialDeduction, Status,
};
pub use batch::{Basis, Source, evaluate_batch};
pub use checklist::{BUILTIN_SOURCE, Checklist, Grade};
pub use diagnostic::InputError;
pub use engine::{Evaluation, evaluate, grade};
pub use form::{form_workbook, read_form};
pub use gap::{Fix, exclusion_sensitivity, next_band, next_grade, plan};
pub use history::{History, Scored, history};
pub use message::{Lang, has_cjk};
pub use number::{Exact, fixed, parse_decimal, trimmed};
pub use render::rules::{RulesFormat, rules_document};
pub use render::{
    Format, HistoryFormat, RenderOptions, Rendering, Report, TableLook, Words, render,
    render_history,
};
pub use rules::{Level, Method, Rule, Rules, Sampling};
pub use samples::{drawn, listed_items, sample_size};
pub use schema::audit_schema;
pub use team::merge::{Outcome as MergeOutcome, Part, merge as merge_parts, merged_toml};
pub use template::audit_template;
pub use trace::{sha256, sha256_bytes};
pub use verify::verify;
