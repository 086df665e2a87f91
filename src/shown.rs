//! What an HTML or XLSX report shows a person, so that `bscore verify`
//! checks the page and not only the JSON it carries: a report whose
//! figures were edited by hand, with its hidden result left alone, must
//! not verify. The report is written again from the audit and what both
//! show is compared: for HTML the visible text (tags dropped, whitespace
//! collapsed, so that a page saved again by a browser still compares
//! equal), for XLSX the values of every visible sheet's cells (so that a
//! workbook saved again by a spreadsheet still does).

use crate::message::Lang;
use calamine::{Data, Reader, SheetVisible, Xlsx};
use std::collections::{BTreeMap, BTreeSet};

/// A report as handed over, besides the JSON result it carries.
#[derive(Debug, Clone)]
pub enum Page {
    /// An HTML report's text.
    Html(String),
    /// An XLSX report's bytes.
    Xlsx(Vec<u8>),
    /// A DOCX evaluation report: its text is the certification body's to
    /// edit, so only the result it carries is checked, never its text.
    Docx,
}

/// Where a page and the report written again first differ.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// In an HTML page, after this text (the words just before, as the
    /// report written again has them).
    After(String),
    /// At a cell, as `sheet!A1`.
    Cell(String),
    /// A visible sheet the report written again does not have.
    ExtraSheet(String),
    /// A sheet the page lacks.
    MissingSheet(String),
}

/// The first difference between a page and the report written again.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// Where.
    pub place: Place,
    /// What the page shows there ("" for nothing).
    pub shown: String,
    /// What the report written again shows there.
    pub expected: String,
}

/// The id (single report) and class (each report of a batch) of the HTML
/// element holding a report's JSON result, and the name of the XLSX sheet
/// holding it ([`crate::embedded`] writes and reads them); a sheet of that
/// name is not part of what a report shows.
pub const RESULT_NAME: &str = "bscore-result";

/// The language a page is written in: the HTML's `lang` attribute, or the
/// XLSX's sheet names (评分表 or Scoring).
pub fn language(page: &Page) -> Lang {
    match page {
        Page::Html(html) => {
            // Cut where a character starts: a page may hold Chinese text
            // anywhere, the 4096th byte included.
            let head = &html[..crate::text::floor_char_boundary(html, html.len().min(4096))]
                .to_ascii_lowercase();
            match head.contains("<html lang=\"en") || head.contains("<html lang='en") {
                true => Lang::En,
                false => Lang::Zh,
            }
        }
        Page::Xlsx(bytes) => match workbook(bytes) {
            Some(book) if book.sheet_names().iter().any(|n| n.starts_with("Scoring")) => Lang::En,
            _ => Lang::Zh,
        },
        // Never compared, so never written again in any language.
        Page::Docx => Lang::Zh,
    }
}

/// The visible text of an HTML document, word by word: tags (and the
/// contents of `script` and `style`), comments dropped, character
/// references read, whitespace of any kind and tag boundaries alike.
pub fn html_words(html: &str) -> Vec<String> {
    let mut text = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        text.push_str(&decode(&rest[..at]));
        text.push(' ');
        rest = skip_markup(&rest[at..]);
    }
    text.push_str(&decode(rest));
    // A byte order mark, which an editor or a browser may add, shows nothing.
    (text.split(|c: char| c.is_whitespace() || c == '\u{feff}'))
        .filter(|word| !word.is_empty())
        .map(str::to_string)
        .collect()
}

/// `rest` (which starts with `<`) after its comment, or its tag and, for
/// `script` and `style`, everything up to their end tag.
fn skip_markup(rest: &str) -> &str {
    if let Some(comment) = rest.strip_prefix("<!--") {
        return comment.find("-->").map_or("", |end| &comment[end + 3..]);
    }
    let end = tag_end(rest);
    let name: String = (rest[1..].chars())
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase();
    let after = &rest[end..];
    if name == "script" || name == "style" {
        let closing = format!("</{name}");
        let lower = after.to_ascii_lowercase();
        return lower
            .find(&closing)
            .map_or("", |at| skip_markup(&after[at..]));
    }
    after
}

/// The byte just after a tag's `>`, outside quoted attribute values.
pub(crate) fn tag_end(tag: &str) -> usize {
    let mut quote = None;
    for (at, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(open), _) if c == open => quote = None,
            (None, '>') => return at + 1,
            _ => {}
        }
    }
    tag.len()
}

/// Text with its character references (`&amp;`, `&#39;`, `&#x4e2d;`, `&nbsp;` …) read.
fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|end| *end <= 10);
        let read = end.and_then(|end| reference(&rest[1..end]).map(|c| (c, end)));
        match read {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn reference(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    let code = match name {
        "amp" => Some('&' as u32),
        "lt" => Some('<' as u32),
        "gt" => Some('>' as u32),
        "quot" => Some('"' as u32),
        "apos" => Some('\'' as u32),
        "nbsp" => Some(0xa0),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
            Some(decimal) => number(decimal, 10),
            None => None,
        },
    };
    code.and_then(char::from_u32)
}

/// The first place where the words of two HTML texts differ.
pub fn compare_html(shown: &str, expected: &str) -> Option<Mismatch> {
    let (shown, expected) = (html_words(shown), html_words(expected));
    let at = (0..shown.len().max(expected.len())).find(|&at| shown.get(at) != expected.get(at))?;
    let before = expected[at.saturating_sub(3)..at].join(" ");
    let word = |words: &[String]| words.get(at).map(|w| shortened(w)).unwrap_or_default();
    Some(Mismatch {
        place: Place::After(shortened(&before)),
        shown: word(&shown),
        expected: word(&expected),
    })
}

/// Long text cut for a message, at a character.
fn shortened(text: &str) -> String {
    const MOST: usize = 80;
    match text.char_indices().nth(MOST) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

fn workbook(bytes: &[u8]) -> Option<Xlsx<std::io::Cursor<&[u8]>>> {
    calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).ok()
}

/// A sheet's non-empty cells as shown, by row and column.
type Cells = BTreeMap<(u32, u32), String>;

/// Every visible sheet's cells, by name.
fn visible_sheets(bytes: &[u8]) -> BTreeMap<String, Cells> {
    let Some(mut book) = workbook(bytes) else {
        return BTreeMap::new();
    };
    let names: Vec<String> = (book.sheets_metadata().iter())
        // The result sheet is checked as the result, even if shown.
        .filter(|sheet| sheet.visible == SheetVisible::Visible && sheet.name != RESULT_NAME)
        .map(|sheet| sheet.name.clone())
        .collect();
    let mut sheets = BTreeMap::new();
    for name in names {
        let mut cells = Cells::new();
        if let Ok(range) = book.worksheet_range(&name) {
            let (top, left) = range.start().unwrap_or((0, 0));
            for (row, column, value) in range.used_cells() {
                let text = shown_value(value);
                if !text.is_empty() {
                    cells.insert((top + row as u32, left + column as u32), text);
                }
            }
        }
        sheets.insert(name, cells);
    }
    sheets
}

fn shown_value(value: &Data) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A cell's name, such as `B12`.
pub(crate) fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        letters.push(char::from(b'A' + ((n - 1) % 26) as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// A workbook's visible sheets as shown, read once: a batch report is
/// compared with each of its audits' reports in turn.
pub struct ShownWorkbook(BTreeMap<String, Cells>);

impl ShownWorkbook {
    /// The visible sheets of the workbook in `bytes` (none if it cannot
    /// be read).
    pub fn read(bytes: &[u8]) -> ShownWorkbook {
        ShownWorkbook(visible_sheets(bytes))
    }
}

/// The first cell where the visible sheets of a workbook differ from
/// those of one written again. `suffix` is what a batch adds to each of
/// a report's sheet names (` 2`); with none, the workbook must have no
/// other visible sheet.
pub fn compare_xlsx(
    shown: &ShownWorkbook,
    expected: &[u8],
    suffix: Option<&str>,
) -> Option<Mismatch> {
    let shown = &shown.0;
    let expected = visible_sheets(expected);
    if suffix.is_none() {
        let extra: BTreeSet<&String> = shown
            .keys()
            .filter(|n| !expected.contains_key(*n))
            .collect();
        if let Some(name) = extra.into_iter().next() {
            return Some(Mismatch {
                place: Place::ExtraSheet(name.clone()),
                shown: String::new(),
                expected: String::new(),
            });
        }
    }
    for (name, cells) in &expected {
        let named = format!("{name}{}", suffix.unwrap_or_default());
        let Some(page) = shown.get(&named) else {
            return Some(Mismatch {
                place: Place::MissingSheet(named),
                shown: String::new(),
                expected: String::new(),
            });
        };
        let places: BTreeSet<&(u32, u32)> = cells.keys().chain(page.keys()).collect();
        for place in places {
            let (a, b) = (page.get(place), cells.get(place));
            if a != b {
                return Some(Mismatch {
                    place: Place::Cell(format!("{named}!{}", cell_name(place.0, place.1))),
                    shown: shortened(a.map_or("", String::as_str)),
                    expected: shortened(b.map_or("", String::as_str)),
                });
            }
        }
    }
    None
}

/// The report sections of an HTML page in order (a batch has one per
/// audit), found in one pass.
pub fn html_sections(html: &str) -> Vec<&str> {
    let mut sections = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<section") {
        let end = rest[start..]
            .find("</section>")
            .map_or(rest.len(), |end| start + end + "</section>".len());
        sections.push(&rest[start..end]);
        rest = &rest[end..];
    }
    sections
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_text_ignores_markup_and_whitespace() {
        let page = "<html><head><style>td{a:b}</style></head><body><!-- x --><p class='a>b'>总评分：<strong>94.64</strong></p>\n<td>a &amp; b&#x4e2d;</td><script>{\"score\":1}</script></body></html>";
        assert_eq!(html_words(page), ["总评分：", "94.64", "a", "&", "b中"]);
        let resaved = "<html><head></head><body><p class=\"a>b\">总评分：<strong>94.64</strong></p><table><tbody><tr><td>a &amp; b中</td></tr></tbody></table></body></html>";
        assert!(compare_html(resaved, page).is_none());
        let forged = page.replace("94.64", "99.64");
        let found = compare_html(&forged, page).unwrap();
        assert_eq!(
            (found.shown.as_str(), found.expected.as_str()),
            ("99.64", "94.64")
        );
        assert_eq!(found.place, Place::After("总评分：".to_string()));
    }

    #[test]
    fn a_character_across_the_4096th_byte_is_no_panic() {
        for padding in 0..3 {
            let page = format!(
                "<html lang=\"en\">{}{}",
                "x".repeat(4078 + padding),
                "中".repeat(10)
            );
            assert_eq!(language(&Page::Html(page)), Lang::En);
        }
        let chinese = format!("<html lang=\"zh\">{}", "中".repeat(2000));
        assert_eq!(language(&Page::Html(chinese)), Lang::Zh);
    }

    #[test]
    fn cells_are_named_as_spreadsheets_do() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(11, 27), "AB12");
    }

    #[test]
    fn sections_are_found_in_order() {
        let page = "<body><section>one</section><section>two</section></body>";
        assert_eq!(html_sections(page).get(1), Some(&"<section>two</section>"));
        assert_eq!(html_sections(page).get(2), None);
    }
}
