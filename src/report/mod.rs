//! The evaluation report (评价报告) handed to the customer: its content,
//! built from the exact result, the 细则, the plan and the history, as a
//! [`document::ReportDocument`] that each format draws.

pub mod document;
pub mod docx;
