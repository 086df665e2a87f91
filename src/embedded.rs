//! The JSON result that HTML and XLSX reports carry, so that `bscore
//! verify` checks a report handed over as it checks the JSON
//! (docs/json.md): written and read here, the one place that knows where.
//!
//! - HTML: each report's `section` ends with a `<script
//!   type="application/json">` element holding its result, with the id
//!   `bscore-result` for a single report, the class `bscore-result` for
//!   each report of a batch (ids are unique in a page). `<`, `>` and `&`
//!   are written `\u003c` …, so no text an assessor typed (`</script>`,
//!   `<!--`) can end the element early; control and bidi characters are
//!   escaped too, as everywhere in the report.
//! - XLSX: a very hidden sheet named `bscore-result` holds the result
//!   (an array for several reports) in column A, split into cells of at
//!   most 32,767 characters, the most a spreadsheet cell holds, in order.

use crate::diagnostic::InputError;
use crate::t;
use crate::text::is_unsafe;

/// The id (single report) and class (each report of a batch) of the HTML
/// element, and the name of the XLSX sheet.
pub const RESULT_NAME: &str = "bscore-result";

/// The most UTF-16 units a spreadsheet cell holds (Excel's limit, which
/// rust_xlsxwriter enforces in characters).
const CELL_UNITS: usize = 32_767;

/// The `<script>` element holding `json` (a result as compact JSON) in an
/// HTML report; `several` says whether the report is one of a batch.
pub fn html_script(json: &str, several: bool) -> String {
    let name = if several { "class" } else { "id" };
    format!(
        "<script type=\"application/json\" {name}=\"{RESULT_NAME}\">{}</script>",
        script_safe(json)
    )
}

/// JSON that cannot end a script element nor show an unsafe character:
/// the characters that could are written as JSON escapes, which any JSON
/// reader turns back into them. Outside strings, compact JSON has none
/// of them, so every escape lands inside a string.
fn script_safe(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if matches!(c, '<' | '>' | '&' | '\u{2028}' | '\u{2029}') || is_unsafe(c) {
            // Every such character is in the Basic Multilingual Plane.
            out.push_str(&format!("\\u{:04x}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

/// `json` cut into the cells of the result sheet, in order, each within
/// a cell's limit and cut between characters.
pub fn sheet_cells(json: &str) -> Vec<&str> {
    let mut cells = Vec::new();
    let (mut start, mut units) = (0, 0);
    for (at, c) in json.char_indices() {
        if units + c.len_utf16() > CELL_UNITS {
            cells.push(&json[start..at]);
            (start, units) = (at, 0);
        }
        units += c.len_utf16();
    }
    if start < json.len() {
        cells.push(&json[start..]);
    }
    cells
}

/// Whether `bytes` are a ZIP archive, as every XLSX workbook is.
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Whether `text` is markup rather than JSON: JSON never starts with `<`.
pub fn is_html(text: &str) -> bool {
    text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n'])
        .starts_with('<')
}

/// The JSON result an HTML report carries: one object, or the array of
/// a batch's.
pub fn from_html(name: &str, html: &str) -> Result<String, InputError> {
    let mut single = None;
    let mut batch = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<script") {
        rest = &rest[at..];
        let Some(tag_end) = rest.find('>') else { break };
        let tag = &rest[..tag_end];
        let body = &rest[tag_end + 1..];
        let body_end = body.find("</script").unwrap_or(body.len());
        if tag.contains("application/json") {
            if tag.contains(&format!("id=\"{RESULT_NAME}\"")) {
                single.get_or_insert(&body[..body_end]);
            } else if tag.contains(&format!("class=\"{RESULT_NAME}\"")) {
                batch.push(&body[..body_end]);
            }
        }
        rest = &body[body_end..];
    }
    match (single, batch.is_empty()) {
        (Some(result), true) => Ok(result.to_string()),
        (_, false) => Ok(format!("[{}]", batch.join(","))),
        (None, true) => Err(InputError::whole_file(
            name,
            t!(
                "这份 HTML 中没有 bscore 的结果（<script id=\"{RESULT_NAME}\">）：它不是 bscore evaluate 生成的报告，或由旧版本生成",
                "this HTML holds no bscore result (<script id=\"{RESULT_NAME}\">): it is not a report of bscore evaluate, or one of an older version"
            ),
        )
        .with_help(t!(
            "请重新生成报告（bscore evaluate 评价文件 -o 报告.html），或核验 JSON 结果（-o 结果.json）",
            "write the report again (bscore evaluate AUDIT -o report.html), or verify the JSON result (-o result.json)"
        ))),
    }
}

/// The JSON result an XLSX report carries on its result sheet.
pub fn from_xlsx(name: &str, bytes: &[u8]) -> Result<String, InputError> {
    use calamine::{Data, Reader, Xlsx};
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
        .map_err(|error| {
            InputError::whole_file(
                name,
                t!(
                    "无法作为 XLSX 工作簿读取：{error}",
                    "cannot be read as an XLSX workbook: {error}"
                ),
            )
        })?;
    let Ok(sheet) = workbook.worksheet_range(RESULT_NAME) else {
        return Err(InputError::whole_file(
            name,
            t!(
                "这份 XLSX 中没有 bscore 的结果（工作表 {RESULT_NAME}）：它是评分表单（template、convert 生成的），或不是 bscore evaluate 生成的报告",
                "this XLSX holds no bscore result (sheet {RESULT_NAME}): it is a form (of template or convert), or not a report of bscore evaluate"
            ),
        )
        .with_help(t!(
            "verify 核验 bscore evaluate 生成的 JSON、HTML 或 XLSX 报告（bscore evaluate 评价文件 -o 报告.xlsx）",
            "verify checks a JSON, HTML or XLSX report of bscore evaluate (bscore evaluate AUDIT -o report.xlsx)"
        )));
    };
    let mut json = String::new();
    for (row, cells) in sheet.rows().enumerate() {
        match cells.first() {
            Some(Data::String(text)) => json.push_str(text),
            Some(Data::Empty) | None => {}
            Some(_) => {
                let first = sheet.start().map_or(0, |(row, _)| row as usize);
                let cell = format!("{RESULT_NAME}!A{}", first + row + 1);
                return Err(InputError::whole_file(
                    name,
                    t!(
                        "结果工作表已被改动：{cell} 不是文本",
                        "the result sheet was changed: {cell} is not text"
                    ),
                ));
            }
        }
    }
    Ok(json)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_typed_can_end_the_script_element() {
        let json = r#"{"note":"</script><!-- & \u202e","n":1}"#;
        let script = html_script(json, false);
        assert_eq!(script.matches("</script").count(), 1);
        assert!(!script.contains("<!--") && !script.contains('\u{202e}'));
        let read = from_html("r.html", &format!("<html><body>{script}</body></html>")).unwrap();
        let value: serde_json::Value = serde_json::from_str(&read).unwrap();
        assert_eq!(value["note"], "</script><!-- & \u{202e}");
    }

    #[test]
    fn a_batch_reads_back_as_an_array_in_order() {
        let html = format!(
            "<script src=\"x.js\"></script>{}{}",
            html_script(r#"{"a":1}"#, true),
            html_script(r#"{"a":2}"#, true)
        );
        assert_eq!(from_html("r.html", &html).unwrap(), r#"[{"a":1},{"a":2}]"#);
        assert!(from_html("r.html", "<html></html>").is_err());
    }

    #[test]
    fn cells_stay_within_the_limit_and_join_back() {
        let json = "中".repeat(CELL_UNITS + 10) + &"😀".repeat(5);
        let cells = sheet_cells(&json);
        assert_eq!(cells.len(), 2);
        assert!(cells.iter().all(|c| c.encode_utf16().count() <= CELL_UNITS));
        assert_eq!(cells.concat(), json);
        assert!(sheet_cells("").is_empty());
    }

    #[test]
    fn markup_and_archives_are_told_from_json() {
        assert!(is_html("\u{feff}\n<!DOCTYPE html>"));
        assert!(!is_html("  {\"a\": 1}"));
        assert!(is_zip(b"PK\x03\x04rest"));
        assert!(!is_zip(b"{}"));
    }
}
