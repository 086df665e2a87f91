//! The evaluation report (评价报告) handed to the customer: its content,
//! built from the exact result, the 细则, the plan and the history, as a
//! [`document::ReportDocument`] (`content.rs` and the sections' modules)
//! that each format draws (`html.rs`, `docx.rs`).

pub mod content;
mod context;
pub mod document;
pub mod docx;
mod findings;
pub mod followup;
pub mod html;
mod scope;
mod signoff;
mod team;
