//! The evaluation report as DOCX, for the certification body to edit in
//! Word, WPS or LibreOffice.
//!
//! The package is written part by part, as WordprocessingML without
//! anything a word processor could read otherwise: an A4 section, the
//! built-in styles `heading 1` and `heading 2` (so that Word's navigation
//! pane and a table of contents find the sections), headings kept with
//! what follows, heading rows repeated on every page, fixed column
//! widths, and page numbers as `PAGE` and `NUMPAGES` fields in the footer.
//! The JSON result is carried as a custom XML part (docs/json.md), which
//! a word processor keeps with the document when it is edited and saved
//! (LibreOffice's is tested: tests/integration/evaluation_docx.rs).

use super::document::{Block, ReportDocument, Section, Table};
use crate::failure::Failure;
use crate::message::{Lang, t};
use std::fmt::Write as _;
use std::io::Write as _;

/// A4 portrait, in twentieths of a point.
const PAGE_WIDTH: u32 = 11_906;
const PAGE_HEIGHT: u32 = 16_838;
/// 2.54 cm above and below, 2.2 cm at the sides: Word's Chinese default
/// is 3.17 cm at the sides, narrowed so that a six-column table keeps
/// its figures on one line.
const MARGIN_TOP: u32 = 1_440;
const MARGIN_SIDE: u32 = 1_247;
/// The width text and tables are laid out in.
const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN_SIDE;
/// A sign-off row's least height: 1.4 cm, room for a handwritten name
/// and date (at least 1.2 cm is asked for).
const SIGNING_ROW_HEIGHT: u32 = 794;

/// The namespace of the custom XML part holding the result: how the
/// reader tells it from any other custom XML a word processor adds.
pub const RESULT_NAMESPACE: &str = "urn:x-bscore:evaluation-result";
/// The local name of that part's root element.
pub const RESULT_ELEMENT: &str = "bscore-result";
/// The part's path in the package.
const RESULT_PART: &str = "customXml/item1.xml";
/// The part's data store id, fixed so that the same report is the same
/// file byte for byte.
const RESULT_ITEM_ID: &str = "{6F1C2B7E-4E0A-4C55-9B3D-2A1E8B0C5D71}";

/// The DOCX file of `document`, with its JSON result carried inside so
/// that `bscore verify` accepts it.
pub fn docx_bytes(document: &ReportDocument) -> Result<Vec<u8>, Failure> {
    let parts: [(&str, String); 12] = [
        ("[Content_Types].xml", content_types()),
        ("_rels/.rels", package_relationships()),
        ("docProps/core.xml", core_properties(document)),
        ("docProps/app.xml", app_properties()),
        ("word/document.xml", body(document)),
        ("word/_rels/document.xml.rels", document_relationships()),
        ("word/styles.xml", styles(document.lang)),
        ("word/settings.xml", settings()),
        ("word/footer1.xml", footer(document)),
        (RESULT_PART, result_part(&document.result_json)),
        ("customXml/itemProps1.xml", result_properties()),
        ("customXml/_rels/item1.xml.rels", result_relationships()),
    ];
    packed(&parts).map_err(|error| Failure::Internal {
        doing: t!("无法生成 DOCX 报告", "cannot build the DOCX report"),
        cause: t!("{error}", "{error}"),
    })
}

/// The parts zipped, deflated, each dated 1980-01-01 so that the same
/// report is the same file.
fn packed(parts: &[(&str, String)]) -> zip::result::ZipResult<Vec<u8>> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    for (name, text) in parts {
        writer.start_file(*name, options)?;
        writer.write_all(text.as_bytes())?;
    }
    Ok(writer.finish()?.into_inner())
}

const XML_DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const RELATIONSHIPS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

fn content_types() -> String {
    let main = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        r#"{XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="{main}.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="{main}.styles+xml"/><Override PartName="/word/settings.xml" ContentType="{main}.settings+xml"/><Override PartName="/word/footer1.xml" ContentType="{main}.footer+xml"/><Override PartName="/customXml/itemProps1.xml" ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>"#
    )
}

fn package_relationships() -> String {
    format!(
        r#"{XML_DECLARATION}<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" Type="{R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/><Relationship Id="rId3" Type="{R}/extended-properties" Target="docProps/app.xml"/></Relationships>"#
    )
}

fn document_relationships() -> String {
    format!(
        r#"{XML_DECLARATION}<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" Type="{R}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="{R}/settings" Target="settings.xml"/><Relationship Id="rId3" Type="{R}/footer" Target="footer1.xml"/><Relationship Id="rId4" Type="{R}/customXml" Target="../customXml/item1.xml"/></Relationships>"#
    )
}

fn result_relationships() -> String {
    format!(
        r#"{XML_DECLARATION}<Relationships xmlns="{RELATIONSHIPS}"><Relationship Id="rId1" Type="{R}/customXmlProps" Target="itemProps1.xml"/></Relationships>"#
    )
}

/// The title (shown in File > Properties and by Windows Explorer) and the
/// language; no dates, so that the same report is the same file.
fn core_properties(document: &ReportDocument) -> String {
    let title = escaped(&document.title);
    let language = language_tag(document.lang);
    format!(
        r#"{XML_DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{title}</dc:title><dc:creator>bscore</dc:creator><dc:language>{language}</dc:language></cp:coreProperties>"#
    )
}

fn app_properties() -> String {
    format!(
        r#"{XML_DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>bscore</Application></Properties>"#
    )
}

fn language_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en-US",
    }
}

/// The part holding the result: the JSON as the text of one element.
fn result_part(json: &str) -> String {
    let json = escaped(&xml_safe_json(json));
    format!(
        r#"{XML_DECLARATION}<{RESULT_ELEMENT} xmlns="{RESULT_NAMESPACE}">{json}</{RESULT_ELEMENT}>"#
    )
}

fn result_properties() -> String {
    format!(
        r#"{XML_DECLARATION}<ds:datastoreItem ds:itemID="{RESULT_ITEM_ID}" xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"><ds:schemaRefs><ds:schemaRef ds:uri="{RESULT_NAMESPACE}"/></ds:schemaRefs></ds:datastoreItem>"#
    )
}

/// `json` with the characters XML cannot hold (U+FFFE, U+FFFF; controls
/// are escaped by every JSON writer already) written as JSON escapes:
/// outside strings JSON is ASCII, so each lands in a string and reads back
/// as itself.
fn xml_safe_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if is_xml_char(c) {
            out.push(c);
        } else {
            crate::text::push_json_escape(c, &mut out);
        }
    }
    out
}

/// Whether XML 1.0 can hold `c`.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Text as XML character data: markup escaped, characters XML cannot
/// hold left out (they cannot be shown either).
fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if is_xml_char(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// The default fonts: Times New Roman for Latin text and figures, SimSun
/// (宋体) for Chinese, which every Chinese Windows has; a word processor
/// without them substitutes its own serif.
const LATIN_FONT: &str = "Times New Roman";
const CHINESE_FONT: &str = "SimSun";
/// Headings in SimHei (黑体) and Arial, as Chinese reports set them.
const HEADING_LATIN_FONT: &str = "Arial";
const HEADING_CHINESE_FONT: &str = "SimHei";

fn fonts(latin: &str, chinese: &str) -> String {
    format!(
        r#"<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{chinese}" w:cs="{latin}"/>"#
    )
}

/// The styles: the defaults (fonts, 10.5 pt 五号, the language), Normal,
/// Title, Subtitle, the two headings under Word's built-in names (so
/// that Word shows them localised, as 标题 1, and its navigation pane and
/// table of contents find them), the footer and the tables' text.
fn styles(lang: Lang) -> String {
    let language = match lang {
        Lang::Zh => r#"<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#,
        Lang::En => r#"<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#,
    };
    let body = fonts(LATIN_FONT, CHINESE_FONT);
    let heading = fonts(HEADING_LATIN_FONT, HEADING_CHINESE_FONT);
    let mut xml = format!(
        r#"{XML_DECLARATION}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>{body}<w:kern w:val="0"/><w:sz w:val="21"/><w:szCs w:val="21"/>{language}</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="300" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#
    );
    xml.push_str(r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:jc w:val="both"/></w:pPr></w:style>"#);
    let _ = write!(
        xml,
        r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Subtitle"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="1200" w:after="240"/><w:jc w:val="center"/><w:outlineLvl w:val="9"/></w:pPr><w:rPr>{heading}<w:b/><w:bCs/><w:sz w:val="44"/><w:szCs w:val="44"/></w:rPr></w:style>"#
    );
    xml.push_str(r#"<w:style w:type="paragraph" w:styleId="Subtitle"><w:name w:val="Subtitle"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="480"/><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="28"/><w:szCs w:val="28"/></w:rPr></w:style>"#);
    for (level, size, before) in [(1, 32, 360), (2, 24, 240)] {
        let outline = level - 1;
        let _ = write!(
            xml,
            r#"<w:style w:type="paragraph" w:styleId="Heading{level}"><w:name w:val="heading {level}"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:uiPriority w:val="9"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="{before}" w:after="120"/><w:jc w:val="left"/><w:outlineLvl w:val="{outline}"/></w:pPr><w:rPr>{heading}<w:b/><w:bCs/><w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr></w:style>"#
        );
    }
    xml.push_str(r#"<w:style w:type="paragraph" w:styleId="TableText"><w:name w:val="Table Text"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:before="20" w:after="20" w:line="260" w:lineRule="auto"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#);
    let _ = write!(
        xml,
        r#"<w:style w:type="paragraph" w:styleId="Footer"><w:name w:val="footer"/><w:basedOn w:val="Normal"/><w:pPr><w:tabs><w:tab w:val="right" w:pos="{TEXT_WIDTH}"/></w:tabs><w:spacing w:after="0"/><w:jc w:val="left"/></w:pPr><w:rPr><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#
    );
    xml.push_str(r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#);
    xml.push_str("</w:styles>");
    xml
}

/// Chinese punctuation compressed at line starts and ends, as Word sets
/// Chinese documents; Word 2013's layout; the theme's fonts for Chinese.
/// The elements in the order the schema gives them: Word refuses a
/// settings part otherwise.
fn settings() -> String {
    format!(
        r#"{XML_DECLARATION}<w:settings xmlns:w="{W}"><w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/></w:settings>"#
    )
}

/// The footer: the document's footer line, then at the right margin
/// `第 1 页 / 共 3 页` or `Page 1 of 3`, the numbers as fields each word
/// processor fills in.
fn footer(document: &ReportDocument) -> String {
    let (before, between, after) = match document.lang {
        Lang::Zh => ("第 ", " 页 / 共 ", " 页"),
        Lang::En => ("Page ", " of ", ""),
    };
    let mut xml = format!(
        r#"{XML_DECLARATION}<w:ftr xmlns:w="{W}" xmlns:r="{R}"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>"#
    );
    push_runs(&mut xml, &document.footer, "");
    xml.push_str("<w:r><w:tab/></w:r>");
    push_runs(&mut xml, before, "");
    push_field(&mut xml, "PAGE");
    push_runs(&mut xml, between, "");
    push_field(&mut xml, "NUMPAGES");
    push_runs(&mut xml, after, "");
    xml.push_str("</w:p></w:ftr>");
    xml
}

/// A field (`PAGE`, `NUMPAGES`) with `1` shown until it is updated.
fn push_field(xml: &mut String, instruction: &str) {
    let _ = write!(
        xml,
        r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#
    );
}

/// `text` as runs with `properties` (`<w:b/>`), its line breaks kept as
/// breaks; nothing for empty text.
fn push_runs(xml: &mut String, text: &str, properties: &str) {
    if text.is_empty() {
        return;
    }
    xml.push_str("<w:r>");
    if !properties.is_empty() {
        let _ = write!(xml, "<w:rPr>{properties}</w:rPr>");
    }
    for (index, line) in text.split('\n').enumerate() {
        if index > 0 {
            xml.push_str("<w:br/>");
        }
        let line = line.strip_suffix('\r').unwrap_or(line);
        if !line.is_empty() {
            let _ = write!(xml, r#"<w:t xml:space="preserve">{}</w:t>"#, escaped(line));
        }
    }
    xml.push_str("</w:r>");
}

/// A paragraph of `style` (empty: Normal) with `properties` added to its
/// own (`<w:keepNext/>`, `<w:jc …/>`), its text in runs of `run`.
fn push_paragraph(xml: &mut String, style: &str, properties: &str, text: &str, run: &str) {
    xml.push_str("<w:p>");
    if !style.is_empty() || !properties.is_empty() {
        xml.push_str("<w:pPr>");
        if !style.is_empty() {
            let _ = write!(xml, r#"<w:pStyle w:val="{style}"/>"#);
        }
        xml.push_str(properties);
        xml.push_str("</w:pPr>");
    }
    push_runs(xml, text, run);
    xml.push_str("</w:p>");
}

/// The main part: the title and subtitle, each section, the A4 page.
fn body(document: &ReportDocument) -> String {
    let mut xml = format!(r#"{XML_DECLARATION}<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>"#);
    push_paragraph(&mut xml, "Title", "", &document.title, "");
    if !document.subtitle.is_empty() {
        push_paragraph(&mut xml, "Subtitle", "", &document.subtitle, "");
    }
    for section in &document.sections {
        push_section(&mut xml, section);
    }
    let _ = write!(
        xml,
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rId3"/><w:pgSz w:w="{PAGE_WIDTH}" w:h="{PAGE_HEIGHT}"/><w:pgMar w:top="{MARGIN_TOP}" w:right="{MARGIN_SIDE}" w:bottom="{MARGIN_TOP}" w:left="{MARGIN_SIDE}" w:header="851" w:footer="709" w:gutter="0"/><w:cols w:space="425"/></w:sectPr></w:body></w:document>"#
    );
    xml
}

/// A paragraph kept on the page of the next one (a heading with its table).
const KEEP_NEXT: &str = "<w:keepNext/>";

fn push_section(xml: &mut String, section: &Section) {
    // Kept with what follows in the paragraph too, not only in its style:
    // a style edited by the certification body does not undo it.
    push_paragraph(xml, "Heading1", KEEP_NEXT, &section.heading, "");
    for block in &section.blocks {
        match block {
            Block::Subheading(text) => push_paragraph(xml, "Heading2", KEEP_NEXT, text, ""),
            Block::Paragraph(text) => push_paragraph(xml, "", "", text, ""),
            Block::Notice(text) => push_paragraph(xml, "", "", text, "<w:b/><w:bCs/>"),
            Block::Fields(fields) => push_fields(xml, fields),
            Block::Table(table) => push_table(xml, table),
        }
    }
}

/// A column of a table as drawn: its width in twips and whether its
/// figures align right.
#[derive(Clone, Copy)]
struct Column {
    width: u32,
    numeric: bool,
}

/// Each column's width from its share (equal shares where none is
/// given), the last taking what rounding left so that the table fills
/// the text width exactly.
fn columns(count: usize, widths: &[u8], numeric: &[bool]) -> Vec<Column> {
    let shares: Vec<u32> = (0..count)
        .map(|at| widths.get(at).map_or(0, |&share| u32::from(share)))
        .collect();
    let total: u32 = shares.iter().sum();
    let mut columns: Vec<Column> = (0..count)
        .map(|at| Column {
            width: match total {
                0 => TEXT_WIDTH / count.max(1) as u32,
                _ => TEXT_WIDTH * shares[at] / total,
            },
            numeric: numeric.get(at).copied().unwrap_or(false),
        })
        .collect();
    let used: u32 = columns.iter().map(|c| c.width).sum();
    if let Some(last) = columns.last_mut() {
        last.width += TEXT_WIDTH.saturating_sub(used);
    }
    columns
}

/// Borders on every side and between cells, fixed layout (the widths as
/// given, whatever the text), a full-width table.
fn push_table_start(xml: &mut String, columns: &[Column]) {
    xml.push_str(r#"<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblBorders>"#);
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let _ = write!(
            xml,
            r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>"#
        );
    }
    xml.push_str(r#"</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>"#);
    for column in columns {
        let _ = write!(xml, r#"<w:gridCol w:w="{}"/>"#, column.width);
    }
    xml.push_str("</w:tblGrid>");
}

/// How a row is drawn.
#[derive(Clone, Copy, PartialEq)]
enum Row {
    /// The heading row: bold, shaded, repeated at the top of every page,
    /// kept with the first row below it.
    Heading,
    /// A row of figures and text.
    Body,
    /// A sign-off row: tall, for a hand's name and date.
    Signing,
    /// A label–value row: the label bold and shaded.
    Field,
}

fn push_row(xml: &mut String, columns: &[Column], cells: &[String], row: Row) {
    xml.push_str("<w:tr><w:trPr><w:cantSplit/>");
    match row {
        Row::Heading => xml.push_str("<w:tblHeader/>"),
        Row::Signing => {
            let _ = write!(
                xml,
                r#"<w:trHeight w:val="{SIGNING_ROW_HEIGHT}" w:hRule="atLeast"/>"#
            );
        }
        Row::Body | Row::Field => {}
    }
    xml.push_str("</w:trPr>");
    for (at, column) in columns.iter().enumerate() {
        let text = cells.get(at).map_or("", String::as_str);
        let shaded = row == Row::Heading || (row == Row::Field && at == 0);
        let _ = write!(
            xml,
            r#"<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>"#,
            column.width
        );
        if shaded {
            xml.push_str(r#"<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>"#);
        }
        xml.push_str(r#"<w:vAlign w:val="center"/></w:tcPr>"#);
        let mut properties = String::new();
        if row == Row::Heading {
            properties.push_str(KEEP_NEXT);
        }
        if column.numeric && row != Row::Field {
            properties.push_str(r#"<w:jc w:val="right"/>"#);
        }
        let run = if shaded { "<w:b/><w:bCs/>" } else { "" };
        push_paragraph(xml, "TableText", &properties, text, run);
        xml.push_str("</w:tc>");
    }
    xml.push_str("</w:tr>");
}

/// A table, then an empty paragraph: Word joins two tables that touch,
/// and a paragraph must follow the last one of a document anyway.
fn push_table(xml: &mut String, table: &Table) {
    let count = (table.rows.iter().map(Vec::len))
        .chain([table.headers.len()])
        .max()
        .unwrap_or(0);
    if count == 0 {
        return;
    }
    let columns = columns(count, &table.widths, &table.numeric);
    push_table_start(xml, &columns);
    if !table.headers.is_empty() {
        push_row(xml, &columns, &table.headers, Row::Heading);
    }
    let row = if table.signing {
        Row::Signing
    } else {
        Row::Body
    };
    for cells in &table.rows {
        push_row(xml, &columns, cells, row);
    }
    xml.push_str("</w:tbl>");
    push_spacer(xml);
}

/// Label–value pairs as a two-column table, the label's column a third
/// of the width.
fn push_fields(xml: &mut String, fields: &[(String, String)]) {
    if fields.is_empty() {
        return;
    }
    let columns = columns(2, &[30, 70], &[]);
    push_table_start(xml, &columns);
    for (label, value) in fields {
        push_row(xml, &columns, &[label.clone(), value.clone()], Row::Field);
    }
    xml.push_str("</w:tbl>");
    push_spacer(xml);
}

/// A small empty paragraph after a table.
fn push_spacer(xml: &mut String) {
    xml.push_str(
        r#"<w:p><w:pPr><w:spacing w:after="0" w:line="120" w:lineRule="exact"/></w:pPr></w:p>"#,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::document::{Block, ReportDocument, Section, Table};
    use std::io::Read as _;

    /// A report as the content builder hands one over: a section of
    /// fields, one with a table of figures, a notice and the sign-off.
    pub(crate) fn sample(lang: Lang) -> ReportDocument {
        let zh = lang == Lang::Zh;
        let pick = |chinese: &str, english: &str| match zh {
            true => chinese.to_string(),
            false => english.to_string(),
        };
        let row = |cells: &[&str]| cells.iter().map(|c| c.to_string()).collect();
        ReportDocument {
            lang,
            title: pick("区块链服务评价报告", "Blockchain Service Evaluation Report"),
            subtitle: pick(
                "示例链科技有限公司 · 供应链金融平台",
                "Example Chain Ltd · Supply chain finance",
            ),
            sections: vec![
                Section {
                    heading: pick("1 服务与评价范围", "1 Service and scope"),
                    blocks: vec![Block::Fields(vec![
                        (
                            pick("组织", "Organisation"),
                            pick("示例链科技有限公司", "Example Chain Ltd"),
                        ),
                        (
                            pick("评价类型", "Kind"),
                            pick("初次评价", "Initial evaluation"),
                        ),
                    ])],
                },
                Section {
                    heading: pick("2 不符合项", "2 Nonconformities"),
                    blocks: vec![
                        Block::Subheading(pick("2.1 扣分", "2.1 Losses")),
                        Block::Paragraph(pick(
                            "以下指标未满足要求 & <说明>。",
                            "These indicators are not met & <notes>.",
                        )),
                        Block::Table(Table {
                            headers: vec![
                                pick("指标", "Indicator"),
                                pick("结论", "Finding"),
                                pick("扣分", "Lost"),
                            ],
                            rows: vec![
                                row(&["A.1.1.2", "N", "1.50"]),
                                row(&["A.3.2.1", "P", "0.75"]),
                            ],
                            widths: vec![25, 55, 20],
                            numeric: vec![false, false, true],
                            signing: false,
                        }),
                        Block::Notice(pick("应立即进行整改", "Must be corrected at once")),
                    ],
                },
                Section {
                    heading: pick("3 签署", "3 Sign-off"),
                    blocks: vec![Block::Table(Table {
                        headers: vec![
                            pick("角色", "Role"),
                            pick("签名", "Signature"),
                            pick("日期", "Date"),
                        ],
                        rows: vec![row(&[&pick("评价组长", "Lead assessor"), "", ""])],
                        widths: vec![30, 40, 30],
                        numeric: vec![false; 3],
                        signing: true,
                    })],
                },
            ],
            footer: pick(
                "示例链科技有限公司 · 审计 5f3a…",
                "Example Chain Ltd · audit 5f3a…",
            ),
            result_json: r#"{"score":"87.50","note":"</x> & \"中\" \ufffe","n":[1,2]}"#
                .replace("\\ufffe", "\u{fffe}"),
        }
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut text = String::new();
        archive
            .by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    }

    #[test]
    fn the_document_holds_its_headings_cells_and_repeated_heading_rows() {
        for lang in [Lang::Zh, Lang::En] {
            let report = sample(lang);
            let bytes = docx_bytes(&report).unwrap();
            let document = part(&bytes, "word/document.xml");
            for section in &report.sections {
                let heading = format!(
                    r#"<w:pStyle w:val="Heading1"/><w:keepNext/></w:pPr><w:r><w:t xml:space="preserve">{}</w:t>"#,
                    section.heading
                );
                assert!(document.contains(&heading), "{lang:?}: {heading}");
            }
            assert!(document.contains(r#"<w:pStyle w:val="Heading2"/><w:keepNext/>"#));
            // Two tables with a heading row (the losses, the sign-off), the
            // fields without.
            assert_eq!(document.matches("<w:tblHeader/>").count(), 2);
            assert!(document.contains(">A.1.1.2</w:t>") && document.contains(">A.3.2.1</w:t>"));
            // The figure column is right-aligned, its heading too.
            assert!(document.contains(
                r#"<w:jc w:val="right"/></w:pPr><w:r><w:t xml:space="preserve">1.50</w:t>"#
            ));
            assert!(document.contains("&amp; &lt;"));
            // The notice is bold.
            let notice = match lang {
                Lang::Zh => "应立即进行整改",
                Lang::En => "Must be corrected at once",
            };
            assert!(document.contains(&format!(
                r#"<w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">{notice}</w:t>"#
            )));
            // The sign-off row is 794 twips (1.4 cm) tall at least.
            assert!(document.contains(r#"<w:trHeight w:val="794" w:hRule="atLeast"/>"#));
            // The widths 25/55/20 of 9,412 twips: 2,353, 5,176, and the
            // last the 1,883 that is left (9,412 - 2,353 - 5,176).
            assert!(document.contains(
                r#"<w:gridCol w:w="2353"/><w:gridCol w:w="5176"/><w:gridCol w:w="1883"/>"#
            ));
            assert!(document.contains(r#"<w:pgSz w:w="11906" w:h="16838"/>"#));
            let footer = part(&bytes, "word/footer1.xml");
            assert!(
                footer.contains(" PAGE </w:instrText>")
                    && footer.contains(" NUMPAGES </w:instrText>")
            );
            assert!(footer.contains(&escaped(&report.footer)));
            let styles = part(&bytes, "word/styles.xml");
            assert!(styles.contains(r#"<w:name w:val="heading 1"/>"#));
            assert!(styles.contains(r#"w:eastAsia="SimSun""#));
            let tag = language_tag(lang);
            assert!(styles.contains(&format!(r#"<w:lang w:val="{tag}""#)));
            let core = part(&bytes, "docProps/core.xml");
            assert!(core.contains(&format!("<dc:title>{}</dc:title>", report.title)));
        }
    }

    #[test]
    fn the_result_reads_back_exactly() {
        for lang in [Lang::Zh, Lang::En] {
            let report = sample(lang);
            let bytes = docx_bytes(&report).unwrap();
            assert!(crate::embedded::is_docx("r.docx", &bytes));
            let json = crate::embedded::from_docx("r.docx", &bytes).unwrap();
            assert_eq!(json, report.result_json.replace('\u{fffe}', "\\ufffe"));
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(value["note"], "</x> & \"中\" \u{fffe}");
        }
    }

    /// Every part of `bytes` parses as XML to its end.
    fn well_formed(bytes: &[u8]) {
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        for index in 0..archive.len() {
            let mut entry = archive.by_index(index).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            let mut reader = quick_xml::Reader::from_str(&text);
            reader.config_mut().check_end_names = true;
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(error) => panic!("{name}: {error}"),
                }
            }
        }
    }

    #[test]
    fn text_xml_cannot_hold_is_left_out_and_every_part_is_well_formed() {
        let mut report = sample(Lang::Zh);
        // A control character and a noncharacter typed in an audit, and
        // markup: none may break the document.
        report.subtitle = "组织\u{1}名称\u{ffff} </w:t> & \"x\"".to_string();
        report.footer = "页脚\u{b}".to_string();
        let bytes = docx_bytes(&report).unwrap();
        well_formed(&bytes);
        let document = part(&bytes, "word/document.xml");
        assert!(document.contains("组织名称 &lt;/w:t&gt; &amp; &quot;x&quot;"));
        assert!(part(&bytes, "word/footer1.xml").contains(">页脚</w:t>"));
        well_formed(&docx_bytes(&sample(Lang::En)).unwrap());
    }

    #[test]
    fn the_same_report_is_the_same_file() {
        let report = sample(Lang::Zh);
        assert_eq!(docx_bytes(&report).unwrap(), docx_bytes(&report).unwrap());
    }

    /// The DOCX `bytes` with part `name` holding `text` instead.
    fn with_part(bytes: &[u8], name: &str, text: &str) -> Vec<u8> {
        use std::io::Write as _;
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for index in 0..archive.len() {
            let mut entry = archive.by_index(index).unwrap();
            let part = entry.name().unwrap().to_string();
            let mut content = Vec::new();
            entry.read_to_end(&mut content).unwrap();
            if part == name {
                content = text.as_bytes().to_vec();
            }
            let options = zip::write::SimpleFileOptions::default();
            writer.start_file(part.as_str(), options).unwrap();
            writer.write_all(&content).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(128))]

        /// Any text an assessor typed comes back from the DOCX as typed.
        #[test]
        fn any_text_in_the_result_reads_back(text in proptest::prelude::any::<String>()) {
            let mut report = sample(Lang::En);
            report.result_json = serde_json::json!({ "typed": text }).to_string();
            let bytes = docx_bytes(&report).unwrap();
            let read = crate::embedded::from_docx("r.docx", &bytes).unwrap();
            let value: serde_json::Value = serde_json::from_str(&read).unwrap();
            proptest::prop_assert_eq!(value["typed"].as_str(), Some(text.as_str()));
        }

        /// Whatever the result element holds, reading answers, a result
        /// or a refusal, and never panics.
        #[test]
        fn any_result_part_is_read_or_refused(body in "[<>&;#x0-9a-f\\\"{}:,\\[\\] a-z/!-]{0,200}") {
            let item = format!(r#"<bscore-result xmlns="{RESULT_NAMESPACE}">{body}</bscore-result>"#);
            let bytes = with_part(&docx_bytes(&sample(Lang::Zh)).unwrap(), RESULT_PART, &item);
            let _ = crate::embedded::from_docx("r.docx", &bytes);
        }
    }

    /// Writes both sample reports to `BSCORE_DOCX_SAMPLES` (a directory),
    /// to open or convert by hand; nothing without it.
    #[test]
    fn samples_for_a_look_by_hand() {
        let Some(dir) = std::env::var_os("BSCORE_DOCX_SAMPLES") else {
            return;
        };
        for (lang, name) in [(Lang::Zh, "zh.docx"), (Lang::En, "en.docx")] {
            let path = std::path::Path::new(&dir).join(name);
            std::fs::write(path, docx_bytes(&sample(lang)).unwrap()).unwrap();
        }
        // A table running over three pages, to see its heading repeated.
        let mut long = sample(Lang::Zh);
        let rows = (1..=120).map(|n| {
            vec![
                format!("A.{n}"),
                "很长的说明文字".repeat(n % 4 + 1),
                format!("{n}.00"),
            ]
        });
        if let Block::Table(table) = &mut long.sections[1].blocks[2] {
            table.rows.extend(rows);
        }
        std::fs::write(
            std::path::Path::new(&dir).join("long.docx"),
            docx_bytes(&long).unwrap(),
        )
        .unwrap();
    }
}
