//! bscore scores a blockchain service against the Appendix A checklist of
//! T/STIC130010-2022 《区块链服务认证规范》 and grades it.
//!
//! The stages are separate modules: [`checklist`] loads and validates the
//! checklist, [`audit`] the audit file, [`engine`] scores and grades (pure,
//! exact), and [`render`] writes a result in one output format. The binary in
//! `main.rs` only wires them to the command line ([`cli`]).

pub mod analysis;
pub mod audit;
pub mod batch;
pub mod checklist;
pub mod cli;
pub mod compare;
pub mod diagnostic;
pub mod engine;
pub mod exact;
pub mod failure;
pub mod files;
pub mod gap;
mod input;
pub mod number;
pub mod render;
pub mod schedule;
pub mod schema;
pub mod template;
pub mod trace;
pub mod verify;
