//! The evaluation report as DOCX, for the certification body to edit in
//! Word, WPS or LibreOffice.

use super::document::ReportDocument;

/// The DOCX file of `document`, with its JSON result carried inside so
/// that `bscore verify` accepts it.
pub fn docx_bytes(document: &ReportDocument) -> Vec<u8> {
    let _ = document;
    unimplemented!("the DOCX drawer is being written on the report-docx branch")
}
