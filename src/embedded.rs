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
//! - DOCX (the evaluation report, `bscore report`): a custom XML part
//!   (`customXml/item1.xml`, with its properties part) whose one element
//!   `bscore-result`, in the namespace
//!   [`RESULT_NAMESPACE`](crate::report::docx::RESULT_NAMESPACE), holds the
//!   JSON as its text. Custom XML is the package's place for data that is
//!   not the document's text: a word processor keeps it when the
//!   certification body edits the report and saves it (LibreOffice's is
//!   tested), and no edit of the text reaches it.

use crate::diagnostic::{Diagnostic, InputError};
use crate::message::t;
use crate::text::is_unsafe;

/// The id (single report) and class (each report of a batch) of the HTML
/// element, and the name of the XLSX sheet: held where what a report
/// shows is read, which passes over that sheet, so that the two modules
/// do not import each other.
pub use crate::shown::RESULT_NAME;

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
        if matches!(c, '<' | '>' | '&') || is_unsafe(c) {
            // Format characters outside the Basic Multilingual Plane (tags,
            // musical symbols' controls) take a surrogate pair.
            crate::text::push_json_escape(c, &mut out);
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

/// A result element of an HTML report: where it starts, where its JSON
/// starts, the JSON, and whether it is one of a batch.
struct Element<'a> {
    tag: usize,
    body: usize,
    json: &'a str,
    batch: bool,
}

/// The JSON result an HTML report carries: one object, or the array of
/// a batch's. A page holding more than one single result, or a single
/// result beside a batch's, is refused: which one is genuine cannot be
/// told, and a forged one could hide beside it (even in a comment).
pub fn from_html(name: &str, html: &str) -> Result<String, InputError> {
    let elements = result_elements(name, html)?;
    readable(name, html, &elements)?;
    let singles: Vec<&Element> = elements.iter().filter(|e| !e.batch).collect();
    match (singles.as_slice(), elements.len()) {
        (_, 0) => Err(no_result_in_html(name)),
        ([one], 1) => Ok(one.json.to_string()),
        ([], _) => {
            let jsons: Vec<&str> = elements.iter().map(|e| e.json).collect();
            Ok(format!("[{}]", jsons.join(",")))
        }
        _ => Err(ambiguous(name, html, &elements)),
    }
}

fn no_result_in_html(name: &str) -> InputError {
    InputError::whole_file(
        name,
        t!(
            "这份 HTML 中没有 bscore 的结果（<script id=\"{RESULT_NAME}\">）：它不是 bscore evaluate 生成的报告，或由旧版本生成",
            "this HTML holds no bscore result (<script id=\"{RESULT_NAME}\">): it is not a report of bscore evaluate, or one of an older version"
        ),
    )
    .with_help(t!(
        "请重新生成报告（bscore evaluate 评价文件 -o 报告.html），或核验 JSON 结果（-o 结果.json）",
        "write the report again (bscore evaluate AUDIT -o report.html), or verify the JSON result (-o result.json)"
    ))
}

/// Every element's JSON read strictly, each problem placed at its line
/// and column in the page, not in the JSON cut out of it.
fn readable(name: &str, html: &str, elements: &[Element]) -> Result<(), InputError> {
    let problems: Vec<Diagnostic> = (elements.iter())
        .filter_map(|element| {
            let (reason, at) = crate::stored::read_json(element.json).err()?;
            let at = element.body + at;
            Some(Diagnostic::new(crate::stored::not_a_result(&reason)).at(at..at))
        })
        .collect();
    match problems.is_empty() {
        true => Ok(()),
        false => Err(InputError::new(name, html, problems)),
    }
}

/// Every result element after the first, each at its place.
fn ambiguous(name: &str, html: &str, elements: &[Element]) -> InputError {
    let count = elements.len();
    let problems = (elements.iter().skip(1))
        .map(|element| {
            Diagnostic::new(t!(
                "又一个 bscore 结果元素：这份页面带有 {count} 个结果（id 或 class 为 {RESULT_NAME}），无法确定哪个是真的；页面被改过或拼接过",
                "another bscore result element: the page holds {count} results (id or class {RESULT_NAME}), and which is genuine cannot be told; the page was edited or pieced together"
            ))
            .at(element.tag..element.tag + "<script".len())
            .help(t!(
                "请核验由 bscore evaluate 直接生成的报告，或核验 JSON 结果（-o 结果.json）",
                "verify the report as bscore evaluate wrote it, or the JSON result (-o result.json)"
            ))
        })
        .collect();
    InputError::new(name, html, problems)
}

/// Every `<script>` element whose id is, or whose class list holds,
/// [`RESULT_NAME`], in comments too; tags and names in any case.
fn result_elements<'a>(name: &str, html: &'a str) -> Result<Vec<Element<'a>>, InputError> {
    // ASCII lowercase keeps every byte offset.
    let lower = html.to_ascii_lowercase();
    let mut elements = Vec::new();
    let mut from = 0;
    while let Some(found) = lower[from..].find("<script") {
        let tag = from + found;
        let tag_end = tag + crate::shown::tag_end(&html[tag..]);
        let attributes = attributes(&html[tag + "<script".len()..tag_end]);
        let Some(end) = lower[tag_end..].find("</script") else {
            return Err(InputError::new(
                name,
                html,
                vec![Diagnostic::new(t!(
                    "<script> 元素没有结束（缺少 </script>）：页面不完整或被改过",
                    "a <script> element is never closed (no </script>): the page is cut short or was edited"
                ))
                .at(tag..tag + "<script".len())],
            ));
        };
        let value = |key: &str| {
            (attributes.iter())
                .find(|(name, _)| name.eq_ignore_ascii_case(key))
                .map(|(_, value)| value.as_str())
        };
        let single = value("id") == Some(RESULT_NAME);
        let batch = value("class")
            .is_some_and(|classes| classes.split_ascii_whitespace().any(|c| c == RESULT_NAME));
        if single || batch {
            elements.push(Element {
                tag,
                body: tag_end,
                json: &html[tag_end..tag_end + end],
                batch: !single,
            });
        }
        from = tag_end + end;
    }
    Ok(elements)
}

/// A start tag's attributes (what follows its name), as name and value:
/// values quoted with `"` or `'`, or not at all.
fn attributes(tag: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = tag.trim_end_matches('>').trim_end_matches('/');
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=')
            .unwrap_or(rest.len());
        if name_end == 0 {
            return found;
        }
        let name = rest[..name_end].to_string();
        rest = rest[name_end..].trim_start();
        let Some(after) = rest.strip_prefix('=') else {
            found.push((name, String::new()));
            continue;
        };
        let after = after.trim_start();
        let (value, next) = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let inner = &after[1..];
                let end = inner.find(quote).unwrap_or(inner.len());
                (&inner[..end], inner.get(end + 1..).unwrap_or(""))
            }
            _ => {
                let end = after
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(after.len());
                (&after[..end], &after[end..])
            }
        };
        found.push((name, value.to_string()));
        rest = next;
    }
}

/// The JSON result an XLSX report carries on its result sheet.
pub fn from_xlsx(name: &str, bytes: &[u8]) -> Result<String, InputError> {
    use calamine::{Data, Reader, Xlsx};
    // What it unpacks to is bounded before calamine reads a part, as for
    // the form: a report is as hostile an input as any.
    crate::form::unpack::check_unpacked(name, bytes)?;
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
    let named = (workbook.sheet_names().iter())
        .filter(|sheet| sheet.eq_ignore_ascii_case(RESULT_NAME))
        .count();
    if named > 1 {
        return Err(InputError::whole_file(
            name,
            t!(
                "这份 XLSX 中有 {named} 张名为 {RESULT_NAME} 的工作表，无法确定哪个结果是真的：工作簿被改过或拼接过",
                "this XLSX has {named} sheets named {RESULT_NAME}, and which result is genuine cannot be told: the workbook was edited or pieced together"
            ),
        ));
    }
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
    let (top, left) = sheet.start().unwrap_or((0, 0));
    let mut json = String::new();
    // Where each cell's text starts in the JSON, and its name.
    let mut starts: Vec<(usize, String)> = Vec::new();
    for (row, column, value) in sheet.used_cells() {
        let (row, column) = (top as usize + row, left as usize + column);
        let cell = format!(
            "{RESULT_NAME}!{}",
            crate::shown::cell_name(row as u32, column as u32)
        );
        match value {
            Data::Empty => {}
            Data::String(text) if text.is_empty() => {}
            Data::String(text) if column == 0 => {
                starts.push((json.len(), cell));
                json.push_str(text);
            }
            _ if column == 0 => {
                return Err(InputError::whole_file(
                    name,
                    t!(
                        "结果工作表已被改动：{cell} 不是文本",
                        "the result sheet was changed: {cell} is not text"
                    ),
                ));
            }
            _ => {
                return Err(InputError::whole_file(
                    name,
                    t!(
                        "结果工作表已被改动：{cell} 有内容，而结果只写在 A 列",
                        "the result sheet was changed: {cell} holds a value, and the result is only ever in column A"
                    ),
                ));
            }
        }
    }
    if let Err((reason, at)) = crate::stored::read_json(&json) {
        return Err(InputError::whole_file(
            name,
            unreadable_cell(&json, &starts, at, &reason),
        ));
    }
    Ok(json)
}

/// A JSON problem at byte `at` of the joined text, placed at its cell of
/// the result sheet and the character within it.
fn unreadable_cell(
    json: &str,
    starts: &[(usize, String)],
    at: usize,
    reason: &crate::message::Text,
) -> crate::message::Text {
    let (start, cell) = (starts.iter().rev())
        .find(|(start, _)| *start <= at)
        .map_or((0, RESULT_NAME.to_string()), |(start, cell)| {
            (*start, cell.clone())
        });
    let character = json.get(start..at).map_or(0, |text| text.chars().count()) + 1;
    let (zh, en) = (&reason.zh, &reason.en);
    t!(
        "结果工作表中的 JSON 无法读取：{cell} 第 {character} 个字符处：{zh}",
        "the JSON on the result sheet cannot be read: {cell}, character {character}: {en}"
    )
}

/// What a DOCX may unpack to, each part and in all, and how many parts
/// it may hold: far above any evaluation report (a dozen parts, the
/// document a few hundred KiB), so that only a hostile file meets them.
const MAX_DOCX_PARTS: usize = 1_000;
const MAX_DOCX_PART_BYTES: u64 = 32 * MIB;
const MAX_DOCX_TOTAL_BYTES: u64 = 96 * MIB;
const MIB: u64 = 1024 * 1024;

/// The content type of a word-processing document's main part, which
/// `[Content_Types].xml` names in every DOCX (and in no workbook).
const DOCX_MAIN_TYPE: &str = "wordprocessingml.document.main+xml";

/// Whether the ZIP archive `bytes`, read from `name`, is a DOCX rather
/// than a workbook: its parts name a document (`word/document.xml`, or
/// the document's content type in `[Content_Types].xml`, read within the
/// part limit), not a workbook; an archive that cannot be opened is
/// taken for what its name says. Only names and that one part are looked
/// at: every part is counted when [`from_docx`] reads it.
pub fn is_docx(name: &str, bytes: &[u8]) -> bool {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return name.to_ascii_lowercase().ends_with(".docx");
    };
    if archive.index_for_name("xl/workbook.xml").is_some() {
        return false;
    }
    if archive.index_for_name("word/document.xml").is_some() {
        return true;
    }
    let Ok(entry) = archive.by_name("[Content_Types].xml") else {
        return false;
    };
    let mut types = Vec::new();
    let mut counted = crate::form::unpack::Counted::new(entry, MAX_DOCX_PART_BYTES);
    std::io::Read::read_to_end(&mut counted, &mut types).is_ok()
        && String::from_utf8_lossy(&types).contains(DOCX_MAIN_TYPE)
}

/// The JSON result a DOCX report carries in its custom XML part. Every
/// part is unpacked within [`MAX_DOCX_PART_BYTES`] and all of them within
/// [`MAX_DOCX_TOTAL_BYTES`], counting what comes out, never what the
/// archive declares; only the custom XML parts are kept.
pub fn from_docx(name: &str, bytes: &[u8]) -> Result<String, InputError> {
    let items = custom_xml_items(name, bytes)?;
    let mut found = Vec::new();
    for (path, xml) in &items {
        if let Some(json) = result_in_item(name, path, xml)? {
            found.push((path.as_str(), json));
        }
    }
    let json = match found.len() {
        0 => return Err(no_result_in_docx(name)),
        1 => found.swap_remove(0).1,
        count => {
            let parts: Vec<&str> = found.iter().map(|(path, _)| *path).collect();
            let parts = parts.join(", ");
            return Err(InputError::whole_file(
                name,
                t!(
                    "这份 DOCX 中有 {count} 个 bscore 结果（{parts}），无法确定哪个是真的：文件被改过或拼接过",
                    "this DOCX holds {count} bscore results ({parts}), and which is genuine cannot be told: the file was edited or pieced together"
                ),
            )
            .with_help(rewrite_docx()));
        }
    };
    if let Err((reason, at)) = crate::stored::read_json(&json) {
        let character = json.get(..at).map_or(0, |text| text.chars().count()) + 1;
        let (zh, en) = (&reason.zh, &reason.en);
        return Err(InputError::whole_file(
            name,
            t!(
                "DOCX 中记录的结果已被改动，无法读取：第 {character} 个字符处：{zh}",
                "the result the DOCX carries was changed and cannot be read: character {character}: {en}"
            ),
        )
        .with_help(rewrite_docx()));
    }
    Ok(json)
}

/// Every custom XML part of the DOCX (`customXml/item1.xml` …) with its
/// path, after checking that the archive is a DOCX and that every part
/// unpacks within the limits.
fn custom_xml_items(name: &str, bytes: &[u8]) -> Result<Vec<(String, Vec<u8>)>, InputError> {
    let Ok(mut archive) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Err(not_a_docx(name));
    };
    if archive.index_for_name("xl/workbook.xml").is_some() {
        return Err(InputError::whole_file(
            name,
            t!(
                "这是 XLSX 工作簿，不是 DOCX 评价报告",
                "this is an XLSX workbook, not a DOCX evaluation report"
            ),
        ));
    }
    if archive.len() > MAX_DOCX_PARTS {
        let parts = archive.len();
        return Err(InputError::whole_file(
            name,
            t!(
                "这份 DOCX 由 {parts} 个部分组成，超过 {MAX_DOCX_PARTS} 个的上限（评价报告只有十来个）",
                "this DOCX holds {parts} parts, over the limit of {MAX_DOCX_PARTS} (an evaluation report has about a dozen)"
            ),
        )
        .with_help(rewrite_docx()));
    }
    let mut items = Vec::new();
    let mut total: u64 = 0;
    let mut is_document = false;
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index(index) else {
            return Err(not_a_docx(name));
        };
        if entry.is_dir() {
            continue;
        }
        let path = (entry.name()).map_or_else(|_| String::new(), |path| path.into_owned());
        let lower = path.to_ascii_lowercase();
        let keep = lower.starts_with("customxml/item") && !lower.contains("props");
        is_document |= lower == "word/document.xml" || lower == "[content_types].xml";
        let left = MAX_DOCX_TOTAL_BYTES.saturating_sub(total);
        let mut counted = crate::form::unpack::Counted::new(entry, MAX_DOCX_PART_BYTES.min(left));
        let mut kept = Vec::new();
        let read = match keep {
            true => std::io::Read::read_to_end(&mut counted, &mut kept).map(|_| ()),
            false => std::io::copy(&mut counted, &mut std::io::sink()).map(|_| ()),
        };
        if counted.over {
            return Err(docx_too_large(name, &path, MAX_DOCX_PART_BYTES <= left));
        }
        if read.is_err() {
            return Err(not_a_docx(name));
        }
        total = total.saturating_add(counted.read);
        if keep && lower.ends_with(".xml") {
            items.push((path, kept));
        }
    }
    if !is_document {
        return Err(not_a_docx(name));
    }
    Ok(items)
}

/// The JSON held by the custom XML part `xml` if it is bscore's result
/// part (its root is [`crate::report::docx::RESULT_ELEMENT`] in bscore's
/// namespace), `None` for any other custom XML.
fn result_in_item(name: &str, path: &str, xml: &[u8]) -> Result<Option<String>, InputError> {
    use crate::report::docx::RESULT_ELEMENT;
    use quick_xml::events::Event;
    let mut reader = quick_xml::reader::NsReader::from_reader(xml);
    let mut buf = Vec::new();
    let mut json = String::new();
    // 0 before the root, 1 inside it, 2 after it.
    let mut depth = 0;
    let changed =
        |what: crate::message::Text| InputError::whole_file(name, what).with_help(rewrite_docx());
    loop {
        buf.clear();
        let event = match reader.read_resolved_event_into(&mut buf) {
            Ok(event) => event,
            // Not bscore's part unless its root was: another program's
            // custom XML is none of verify's business.
            Err(_) if depth == 0 => return Ok(None),
            Err(error) => {
                return Err(changed(t!(
                    "DOCX 中记录结果的部分 {path} 已被改动，不是完好的 XML：{error}",
                    "the DOCX's result part {path} was changed and is no longer well-formed XML: {error}"
                )));
            }
        };
        match event {
            (namespace, Event::Start(element)) if depth == 0 => {
                if !is_result_root(&namespace, element.local_name().as_ref()) {
                    return Ok(None);
                }
                depth = 1;
            }
            (namespace, Event::Empty(element)) if depth == 0 => {
                if !is_result_root(&namespace, element.local_name().as_ref()) {
                    return Ok(None);
                }
                return Ok(Some(String::new()));
            }
            (_, Event::Start(_) | Event::Empty(_)) if depth == 1 => {
                return Err(changed(t!(
                    "DOCX 中记录结果的部分 {path} 已被改动：结果元素中多了别的元素",
                    "the DOCX's result part {path} was changed: its result element holds another element"
                )));
            }
            (_, Event::Text(text)) if depth == 1 => json.push_str(&text.xml10_content()),
            (_, Event::CData(text)) if depth == 1 => json.push_str(&text.xml10_content()),
            (_, Event::GeneralRef(reference)) if depth == 1 => {
                let resolved = match reference.is_char_ref() {
                    true => reference.resolve_char_ref().ok().flatten(),
                    false => {
                        quick_xml::escape::resolve_predefined_entity(&reference.xml10_content())
                            .and_then(|text| text.chars().next())
                    }
                };
                let Some(c) = resolved else {
                    let reference = crate::text::shortened(&reference.xml10_content());
                    return Err(changed(t!(
                        "DOCX 中记录结果的部分 {path} 已被改动：未知的实体 &{reference};",
                        "the DOCX's result part {path} was changed: an unknown entity &{reference};"
                    )));
                };
                json.push(c);
            }
            (_, Event::End(_)) if depth == 1 => depth = 2,
            (_, Event::Eof) => {
                return match depth {
                    0 => Ok(None),
                    1 => Err(changed(t!(
                        "DOCX 中记录结果的部分 {path} 已被改动：结果元素没有结束（缺少 </{RESULT_ELEMENT}>）",
                        "the DOCX's result part {path} was changed: its result element is never closed (no </{RESULT_ELEMENT}>)"
                    ))),
                    _ => Ok(Some(json)),
                };
            }
            _ => {}
        }
    }
}

/// Whether an element named `local` in `namespace` is the root of
/// bscore's result part.
fn is_result_root(namespace: &quick_xml::name::ResolveResult, local: &str) -> bool {
    use crate::report::docx::{RESULT_ELEMENT, RESULT_NAMESPACE};
    let in_ours = matches!(namespace,
        quick_xml::name::ResolveResult::Bound(ns) if ns.as_ref() == RESULT_NAMESPACE);
    in_ours && local == RESULT_ELEMENT
}

fn not_a_docx(name: &str) -> InputError {
    InputError::whole_file(
        name,
        t!(
            "不是可读取的 DOCX 文档（文件不完整、已损坏，或不是 Word 文档）",
            "not a readable DOCX document (cut short, damaged, or not a Word document)"
        ),
    )
    .with_help(rewrite_docx())
}

fn docx_too_large(name: &str, path: &str, part: bool) -> InputError {
    let message = match part {
        true => {
            let limit = MAX_DOCX_PART_BYTES / MIB;
            t!(
                "DOCX 的组成部分 {path} 解压后超过 {limit} MiB 的上限：这不是 bscore 生成的评价报告（报告只有几百 KiB）",
                "the DOCX's part {path} unpacks to more than {limit} MiB, the limit: not an evaluation report of bscore (a report is a few hundred KiB)"
            )
        }
        false => {
            let limit = MAX_DOCX_TOTAL_BYTES / MIB;
            t!(
                "DOCX 解压后合计超过 {limit} MiB 的上限：这不是 bscore 生成的评价报告",
                "the DOCX unpacks to more than {limit} MiB in all, the limit: not an evaluation report of bscore"
            )
        }
    };
    InputError::whole_file(name, message).with_help(rewrite_docx())
}

fn no_result_in_docx(name: &str) -> InputError {
    let element = crate::report::docx::RESULT_ELEMENT;
    InputError::whole_file(
        name,
        t!(
            "这份 DOCX 中没有 bscore 的结果（自定义 XML 部分 {element}）：它不是 bscore report 生成的评价报告，或结果在另存时被删去",
            "this DOCX holds no bscore result (the custom XML part {element}): it is not an evaluation report of bscore report, or the result was removed when it was saved"
        ),
    )
    .with_help(rewrite_docx())
}

fn rewrite_docx() -> crate::message::Text {
    t!(
        "请核验 bscore report 生成的 DOCX（bscore report 评价文件 -o 报告.docx），或核验 JSON 结果（bscore evaluate 评价文件 -o 结果.json）",
        "verify a DOCX written by bscore report (bscore report AUDIT -o report.docx), or the JSON result (bscore evaluate AUDIT -o result.json)"
    )
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

    /// A DOCX of `parts` (name, text), deflated.
    fn zipped(parts: &[(&str, &str)]) -> Vec<u8> {
        use std::io::Write;
        let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, text) in parts {
            (writer.start_file(*name, zip::write::SimpleFileOptions::default())).unwrap();
            writer.write_all(text.as_bytes()).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    fn docx_with_item(item: &str) -> Vec<u8> {
        zipped(&[
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", "<w:document/>"),
            ("customXml/item1.xml", item),
        ])
    }

    #[test]
    fn a_result_part_saved_again_in_another_spelling_reads_the_same() {
        let ns = crate::report::docx::RESULT_NAMESPACE;
        // As LibreOffice writes it back: quotes as entities; as another
        // writer might: a prefix, CDATA, character references.
        for item in [
            format!(
                r#"<?xml version="1.0"?><bscore-result xmlns="{ns}">{{&quot;a&quot;:&quot;&lt;&amp;&gt;&quot;}}</bscore-result>"#
            ),
            format!(
                r#"<b:bscore-result xmlns:b="{ns}"><![CDATA[{{"a":"<&]]>&#62;&#x22;}}</b:bscore-result>"#
            ),
        ] {
            let json = from_docx("r.docx", &docx_with_item(&item)).unwrap();
            assert_eq!(json, r#"{"a":"<&>"}"#, "{item}");
        }
    }

    #[test]
    fn a_workbook_or_another_namespace_is_no_docx_result() {
        let workbook = zipped(&[
            ("[Content_Types].xml", "<Types/>"),
            ("xl/workbook.xml", "<workbook/>"),
        ]);
        assert!(!is_docx("r.docx", &workbook));
        let error = from_docx("r.docx", &workbook)
            .unwrap_err()
            .render(crate::message::Lang::En);
        assert!(
            error.contains("this is an XLSX workbook, not a DOCX"),
            "{error}"
        );
        let other = docx_with_item(r#"<bscore-result xmlns="urn:other">{}</bscore-result>"#);
        assert!(is_docx("r.bin", &other));
        let error = from_docx("r.docx", &other)
            .unwrap_err()
            .render(crate::message::Lang::Zh);
        assert!(error.contains("这份 DOCX 中没有 bscore 的结果"), "{error}");
        // A truncated archive is what its name says.
        assert!(is_docx("R.DOCX", b"PK\x03\x04"));
        assert!(!is_docx("r.xlsx", b"PK\x03\x04"));
    }

    #[test]
    fn markup_and_archives_are_told_from_json() {
        assert!(is_html("\u{feff}\n<!DOCTYPE html>"));
        assert!(!is_html("  {\"a\": 1}"));
        assert!(is_zip(b"PK\x03\x04rest"));
        assert!(!is_zip(b"{}"));
    }
}
