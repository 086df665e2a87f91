//! The evaluation report (评价报告) as data: a title, sections of
//! paragraphs, label–value fields and tables, in one language. Its content
//! is decided once (`src/report/`), and each format only draws it: the
//! print-ready HTML and the DOCX the certification body edits.

use crate::message::Lang;

/// The whole report, every word already in its language.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportDocument {
    /// The language the report is written in (the HTML `lang`, the DOCX's
    /// proofing language).
    pub lang: Lang,
    /// `区块链服务评价报告` / `Blockchain Service Evaluation Report`.
    pub title: String,
    /// The organisation and the service, under the title.
    pub subtitle: String,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// A short line printed in every page's footer beside the page number
    /// (the organisation, the audit's digest shortened).
    pub footer: String,
    /// The JSON result the report is drawn from, carried in the file so
    /// that `bscore verify` accepts the report.
    pub result_json: String,
}

/// One numbered section: its heading is kept on the page of what follows.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// `1 服务与评价范围`.
    pub heading: String,
    /// What it holds, in order.
    pub blocks: Vec<Block>,
}

/// One piece of a section.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A sub-heading inside a section, kept with what follows.
    Subheading(String),
    /// A paragraph of running text.
    Paragraph(String),
    /// A paragraph that must stand out (a special deduction's
    /// `应立即进行整改`, an overdue date): drawn bold.
    Notice(String),
    /// Label–value pairs, drawn as a two-column grid.
    Fields(Vec<(String, String)>),
    /// A table with a heading row.
    Table(Table),
}

/// A table: a heading row, then rows of plain text cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The heading row; every row has as many cells.
    pub headers: Vec<String>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
    /// Each column's share of the width, in percent, summing to 100.
    pub widths: Vec<u8>,
    /// Columns whose figures align right.
    pub numeric: Vec<bool>,
    /// Rows left tall and cells blank to sign and date by hand (the
    /// sign-off block).
    pub signing: bool,
}
