//! Forms are bounded input. A 4 MiB workbook can unpack to gigabytes (a
//! deflate stream of one repeated byte shrinks a thousandfold), declare a
//! cell at XFD1048576 or claim a billion shared strings; a reader that
//! trusts any of this allocates until the process is killed, taking every
//! other audit of a batch with it. So a form is checked as it unpacks,
//! every part counted byte by byte before its contents are kept, and its
//! sheets are read cell by cell into a sparse store ([`Cells`]) that
//! holds only the cells that hold something, within a cell count and a
//! text budget. Every limit is far above what Excel, WPS or LibreOffice
//! write for a real form (docs/form.md, "Limits"), and a form within all
//! of them reads in well under a second.

use crate::diagnostic::{Diagnostic, InputError};
use crate::message::t;
use calamine::{Data, Xlsx, XlsxError};
use quick_xml::events::Event;
use std::io::{BufReader, Cursor, Read};

/// Parts (files) a workbook may hold: a form has about a dozen.
pub(crate) const MAX_PARTS: usize = 1_000;
/// What one sheet's XML may unpack to: a form's first sheet is about
/// 100 KiB, and a sheet styled down to row 100,000 a few MiB.
pub(crate) const MAX_SHEET_BYTES: u64 = 32 * MIB;
/// What the shared strings (the text of every cell, kept once) may unpack to.
pub(crate) const MAX_STRINGS_BYTES: u64 = 32 * MIB;
/// Distinct texts the shared strings may hold, counted as read.
pub(crate) const MAX_STRINGS: u64 = 500_000;
/// What any other part (styles, the workbook, a theme) may unpack to.
pub(crate) const MAX_PART_BYTES: u64 = 8 * MIB;
/// What the whole workbook may unpack to.
pub(crate) const MAX_TOTAL_BYTES: u64 = 96 * MIB;
/// Cells one sheet may hold, empty styled ones included.
pub(crate) const MAX_CELLS: u64 = 1_000_000;
/// Cells of one sheet that hold a value or a formula: a form fills about
/// a thousand. Every one is read and written out, so this, not
/// [`MAX_CELLS`], bounds the time a form takes (a sheet at this limit is
/// read in a fraction of a second).
pub(crate) const MAX_FILLED_CELLS: usize = 100_000;
/// Characters one cell may hold: Excel's own limit.
pub(crate) const MAX_CELL_CHARS: usize = 32_767;
/// Text (values and formulas) kept of one sheet: a text shared by many
/// cells is kept once per cell, so this is what bounds memory.
pub(crate) const MAX_SHEET_TEXT: usize = 64 * 1024 * 1024;

const MIB: u64 = 1024 * 1024;

/// The error for bytes that are no workbook at all.
pub(crate) fn unreadable(file: &str) -> InputError {
    InputError::whole_file(
        file,
        t!(
            "不是可读取的 XLSX 工作簿（请用 Excel、WPS 或 LibreOffice 另存为 .xlsx）",
            "not a readable XLSX workbook (save it as .xlsx from Excel, WPS or LibreOffice)"
        ),
    )
}

/// What a part of the workbook is, for its limit and for a message in
/// the form's words.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    /// A sheet, by its name on the tab (or its path, if not listed).
    Sheet(String),
    /// The shared strings: the text of the cells.
    Strings,
    /// Anything else, by its path in the workbook.
    Other(String),
}

impl Part {
    fn limit(&self) -> u64 {
        match self {
            Part::Sheet(_) => MAX_SHEET_BYTES,
            Part::Strings => MAX_STRINGS_BYTES,
            Part::Other(_) => MAX_PART_BYTES,
        }
    }
}

/// Checks, before calamine reads anything, that every part of the
/// workbook `bytes` unpacks within its limit and the whole within
/// [`MAX_TOTAL_BYTES`], that there are at most [`MAX_PARTS`] parts and
/// [`MAX_STRINGS`] shared strings, counting what is unpacked, never what
/// the archive or a count attribute declares. Bytes that are no ZIP
/// archive pass, for the workbook reader to refuse as it always has.
pub(crate) fn check_unpacked(file: &str, bytes: &[u8]) -> Result<(), InputError> {
    let Ok(mut archive) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if archive.len() > MAX_PARTS {
        return Err(too_many_parts(file, archive.len()));
    }
    let sheets = sheet_paths(&mut archive);
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(entry) = archive.by_index(index) else {
            return Err(unreadable(file));
        };
        if entry.is_dir() {
            continue;
        }
        let path = entry
            .name()
            .map(|name| name.into_owned())
            .unwrap_or_default();
        let part = part_of(&path, &sheets);
        let left = MAX_TOTAL_BYTES.saturating_sub(total);
        let budget = part.limit().min(left);
        let mut counted = Counted::new(entry, budget);
        let outcome = if part == Part::Strings {
            count_strings(&mut counted)
        } else {
            std::io::copy(&mut counted, &mut std::io::sink()).map(|_| Strings::Within)
        };
        if counted.over {
            return Err(if part.limit() <= left {
                part_too_large(file, &part)
            } else {
                total_too_large(file)
            });
        }
        match outcome {
            Ok(Strings::Within) => {}
            Ok(Strings::TooMany) => return Err(too_many_strings(file)),
            Ok(Strings::Declared(count)) => return Err(declared_strings(file, &count)),
            Err(_) => return Err(unreadable(file)),
        }
        total = total.saturating_add(counted.read);
    }
    Ok(())
}

/// A reader that stops with an error once more than `limit` bytes came
/// through, remembering that it did: what a part unpacks to is counted
/// as it is unpacked, not taken from the archive's header. The DOCX
/// report's reader (`embedded::from_docx`) counts with it too.
pub(crate) struct Counted<R> {
    inner: R,
    /// The bytes that came through.
    pub(crate) read: u64,
    limit: u64,
    /// Whether more than the limit came.
    pub(crate) over: bool,
}

impl<R> Counted<R> {
    pub(crate) fn new(inner: R, limit: u64) -> Self {
        Counted {
            inner,
            read: 0,
            limit,
            over: false,
        }
    }
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        // Never more than one byte past the limit is asked for.
        let room = self.limit.saturating_sub(self.read).saturating_add(1);
        let most = usize::try_from(room).unwrap_or(usize::MAX).min(buf.len());
        let Some(buf) = buf.get_mut(..most) else {
            return Ok(0);
        };
        let read = self.inner.read(buf)?;
        self.read = self.read.saturating_add(read as u64);
        if self.read > self.limit {
            self.over = true;
            return Err(std::io::Error::other("over the limit"));
        }
        Ok(read)
    }
}

/// What counting the shared strings found.
enum Strings {
    Within,
    /// More than [`MAX_STRINGS`] strings.
    TooMany,
    /// A `uniqueCount` over [`MAX_STRINGS`], which calamine would reserve
    /// memory for before reading a string: the count as written.
    Declared(String),
}

/// Counts the shared strings as they unpack: at most [`MAX_STRINGS`] of
/// them, and a `uniqueCount` attribute no larger.
fn count_strings(part: &mut impl Read) -> std::io::Result<Strings> {
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(part));
    let mut buf = Vec::new();
    let mut count: u64 = 0;
    loop {
        buf.clear();
        match reader
            .read_event_into(&mut buf)
            .map_err(std::io::Error::other)?
        {
            Event::Start(element) | Event::Empty(element) => match element.local_name().as_ref() {
                "si" => {
                    count = count.saturating_add(1);
                    if count > MAX_STRINGS {
                        return Ok(Strings::TooMany);
                    }
                }
                "sst" => {
                    let declared = (element.attributes().flatten())
                        .find(|attribute| attribute.key.local_name().as_ref() == "uniqueCount")
                        .map(|attribute| attribute.value.into_owned());
                    if let Some(declared) = declared {
                        let trimmed = declared.trim();
                        let within =
                            (trimmed.parse::<u64>().ok()).is_some_and(|n| n <= MAX_STRINGS);
                        // calamine reserves only for a count it parses.
                        if !within
                            && trimmed.bytes().all(|b| b.is_ascii_digit())
                            && !trimmed.is_empty()
                        {
                            return Ok(Strings::Declared(crate::input::shortened(trimmed)));
                        }
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(Strings::Within),
            _ => {}
        }
    }
}

/// Which part a path in the archive is.
fn part_of(path: &str, sheets: &[(String, String)]) -> Part {
    let lower = path.to_ascii_lowercase();
    if let Some((_, name)) = sheets.iter().find(|(p, _)| p.eq_ignore_ascii_case(path)) {
        return Part::Sheet(name.clone());
    }
    if lower.ends_with("sharedstrings.xml") {
        return Part::Strings;
    }
    if lower.contains("worksheets/") && lower.ends_with(".xml") {
        return Part::Sheet(path.to_string());
    }
    Part::Other(path.to_string())
}

/// The sheets' parts and names as the workbook lists them
/// (`xl/worksheets/sheet1.xml`, 评分表), read within [`MAX_PART_BYTES`];
/// empty if the workbook does not say, the parts then named by path.
fn sheet_paths<R: Read + std::io::Seek>(archive: &mut zip::ZipArchive<R>) -> Vec<(String, String)> {
    let mut read = |path: &str| -> Option<Vec<u8>> {
        let entry = archive.by_name(path).ok()?;
        let mut bytes = Vec::new();
        let mut counted = Counted::new(entry, MAX_PART_BYTES);
        counted.read_to_end(&mut bytes).ok()?;
        Some(bytes)
    };
    let (Some(workbook), Some(relations)) =
        (read("xl/workbook.xml"), read("xl/_rels/workbook.xml.rels"))
    else {
        return Vec::new();
    };
    let targets = elements(&relations, "Relationship", &["Id", "Target"]);
    elements(&workbook, "sheet", &["name", "id"])
        .into_iter()
        .filter_map(|mut found| {
            let id = found.pop()?;
            let name = found.pop()?;
            let target = targets.iter().find(|t| t.first() == Some(&id))?.get(1)?;
            let path = match target.strip_prefix('/') {
                Some(absolute) => absolute.to_string(),
                None => format!("xl/{target}"),
            };
            Some((path, name))
        })
        .collect()
}

/// The values of `attributes` (by local name) of every `element` in `xml`
/// that has them all.
fn elements(xml: &[u8], element: &str, attributes: &[&str]) -> Vec<Vec<String>> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut found = Vec::new();
    loop {
        buf.clear();
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == element => {
                let values: Option<Vec<String>> = (attributes.iter())
                    .map(|wanted| {
                        let attribute = (e.attributes().flatten())
                            .find(|a| a.key.local_name().as_ref() == *wanted)?;
                        (attribute
                            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .ok())
                        .map(|value| value.into_owned())
                    })
                    .collect();
                found.extend(values);
            }
            Ok(Event::Eof) | Err(_) => return found,
            Ok(_) => {}
        }
    }
}

fn mib(bytes: u64) -> u64 {
    bytes / MIB
}

fn save_again() -> crate::message::Text {
    t!(
        "请在 Excel、WPS 或 LibreOffice 中删除多余的行列后另存；评分表通常只有几十 KiB",
        "delete the extra rows and columns in Excel, WPS or LibreOffice and save it again; a form is usually a few dozen KiB"
    )
}

fn part_too_large(file: &str, part: &Part) -> InputError {
    let limit = mib(part.limit());
    let message = match part {
        Part::Sheet(name) => t!(
            "工作表“{name}”解压后超过 {limit} MiB 的上限（多半是大量空行、空列或超长的文字）",
            "the sheet \"{name}\" unpacks to more than {limit} MiB, the limit (most likely many empty rows or columns, or very long text)"
        ),
        Part::Strings => t!(
            "评分表中的文字（共享字符串）解压后超过 {limit} MiB 的上限",
            "the form's text (its shared strings) unpacks to more than {limit} MiB, the limit"
        ),
        Part::Other(path) => t!(
            "工作簿的组成部分 {path} 解压后超过 {limit} MiB 的上限",
            "the workbook's part {path} unpacks to more than {limit} MiB, the limit"
        ),
    };
    InputError::whole_file(file, message).with_help(save_again())
}

fn total_too_large(file: &str) -> InputError {
    let limit = mib(MAX_TOTAL_BYTES);
    InputError::whole_file(
        file,
        t!(
            "工作簿解压后合计超过 {limit} MiB 的上限",
            "the workbook unpacks to more than {limit} MiB in all, the limit"
        ),
    )
    .with_help(save_again())
}

fn too_many_parts(file: &str, parts: usize) -> InputError {
    InputError::whole_file(
        file,
        t!(
            "工作簿由 {parts} 个部分组成，超过 {MAX_PARTS} 个的上限（评分表只有十来个）",
            "the workbook holds {parts} parts, over the limit of {MAX_PARTS} (a form has about a dozen)"
        ),
    )
    .with_help(t!(
        "请在 Excel、WPS 或 LibreOffice 中打开，删除多余的工作表、图片后另存为 .xlsx",
        "open it in Excel, WPS or LibreOffice, delete the extra sheets and pictures, and save it as .xlsx"
    ))
}

fn too_many_strings(file: &str) -> InputError {
    InputError::whole_file(
        file,
        t!(
            "评分表中不同的文字超过 {MAX_STRINGS} 条的上限",
            "the form holds more than {MAX_STRINGS} distinct texts, the limit"
        ),
    )
    .with_help(save_again())
}

fn declared_strings(file: &str, declared: &str) -> InputError {
    InputError::whole_file(
        file,
        t!(
            "工作簿声称有 {declared} 条不同的文字（共享字符串的 uniqueCount），超过 {MAX_STRINGS} 条的上限：这不像 Excel、WPS 或 LibreOffice 保存的评分表",
            "the workbook claims {declared} distinct texts (its shared strings' uniqueCount), over the limit of {MAX_STRINGS}: not as Excel, WPS or LibreOffice save a form"
        ),
    )
    .with_help(t!(
        "请在 Excel、WPS 或 LibreOffice 中打开并另存为 .xlsx",
        "open it in Excel, WPS or LibreOffice and save it as .xlsx"
    ))
}

/// A sheet's cells that hold something, sorted by row then column, each
/// once (the last one written, as a spreadsheet keeps it), with where
/// each row starts: a row's cells are a slice found by binary search over
/// the rows, a cell one more search within its row, and memory is in
/// proportion to the cells written, never to the rectangle they span.
#[derive(Debug, Clone)]
pub(crate) struct Cells<T> {
    cells: Vec<(u32, u32, T)>,
    /// Each row holding a cell, in order, and the index of its first cell.
    rows: Vec<(u32, usize)>,
}

impl<T> Default for Cells<T> {
    fn default() -> Self {
        Cells {
            cells: Vec::new(),
            rows: Vec::new(),
        }
    }
}

impl<T> Cells<T> {
    /// The store of `cells` in any order; of two at one place, the later.
    fn new(mut cells: Vec<(u32, u32, T)>) -> Self {
        cells.reverse();
        // Stable: of cells at one place, the last written comes first.
        cells.sort_by_key(|(row, column, _)| (*row, *column));
        cells.dedup_by_key(|(row, column, _)| (*row, *column));
        let mut rows: Vec<(u32, usize)> = Vec::new();
        for (index, (row, _, _)) in cells.iter().enumerate() {
            if rows.last().is_none_or(|(last, _)| last != row) {
                rows.push((*row, index));
            }
        }
        Cells { cells, rows }
    }

    /// The value at (`row`, `column`), if the cell holds one.
    pub(crate) fn get(&self, row: u32, column: u32) -> Option<&T> {
        let cells = self.row(row);
        let at = cells.binary_search_by_key(&column, |(_, c, _)| *c).ok()?;
        cells.get(at).map(|(_, _, value)| value)
    }

    /// The cells of `rows`, in order.
    pub(crate) fn in_rows(&self, rows: std::ops::Range<u32>) -> &[(u32, u32, T)] {
        let start = self.first_at_or_after(rows.start);
        let end = self.first_at_or_after(rows.end);
        self.cells.get(start..end.max(start)).unwrap_or(&[])
    }

    /// The index of the first cell on `row` or a later one.
    fn first_at_or_after(&self, row: u32) -> usize {
        let at = self.rows.partition_point(|(r, _)| *r < row);
        self.rows
            .get(at)
            .map_or(self.cells.len(), |(_, start)| *start)
    }

    /// The cells of one row, in order.
    pub(crate) fn row(&self, row: u32) -> &[(u32, u32, T)] {
        let Ok(at) = self.rows.binary_search_by_key(&row, |(r, _)| *r) else {
            return &[];
        };
        let start = self.rows.get(at).map_or(0, |(_, start)| *start);
        let end = (self.rows.get(at.saturating_add(1))).map_or(self.cells.len(), |(_, end)| *end);
        self.cells.get(start..end).unwrap_or(&[])
    }

    /// Every row holding a cell, in order, each once.
    pub(crate) fn rows(&self) -> impl Iterator<Item = u32> + '_ {
        self.rows.iter().map(|(row, _)| *row)
    }

    /// Every cell, in order.
    pub(crate) fn all(&self) -> &[(u32, u32, T)] {
        &self.cells
    }
}

/// A sheet as read: its values and its formulas.
#[derive(Debug, Default)]
pub(crate) struct Sheet {
    pub(crate) values: Cells<Data>,
    pub(crate) formulas: Cells<String>,
}

/// Why a sheet was not read.
pub(crate) enum NotRead {
    /// calamine could not read it (not a worksheet, broken XML).
    Unreadable,
    /// It is over a limit: the form is refused.
    Refused(InputError),
}

/// Reads sheet `name` of `workbook` cell by cell, keeping the cells that
/// hold a value or a formula, within [`MAX_CELLS`] cells (of which
/// [`MAX_FILLED_CELLS`] filled), [`MAX_CELL_CHARS`] characters a cell and [`MAX_SHEET_TEXT`] bytes of
/// text in all.
pub(crate) fn read_sheet<RS: Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    file: &str,
    name: &str,
) -> Result<Sheet, NotRead> {
    let mut reader = match workbook.worksheet_cells_reader(name) {
        Ok(reader) => reader,
        // A chart sheet holds no cells, as calamine's ranges have it.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Sheet::default()),
        Err(_) => return Err(NotRead::Unreadable),
    };
    let (mut values, mut formulas) = (Vec::new(), Vec::new());
    let (mut cells, mut text): (u64, usize) = (0, 0);
    let mut filled: usize = 0;
    loop {
        let cell = match reader.next_cell_with_formula() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(_) => return Err(NotRead::Unreadable),
        };
        let (row, column) = cell.pos;
        let refuse =
            |problem: Diagnostic| NotRead::Refused(InputError::new(file, "", vec![problem]));
        cells = cells.saturating_add(1);
        if cells > MAX_CELLS {
            return Err(refuse(too_many_cells(name, row, column)));
        }
        let value: Data = cell.value.into();
        let length = text_length(&value);
        let formula_length = cell.formula.as_ref().map_or(0, String::len);
        if char_count(&value) > MAX_CELL_CHARS {
            return Err(refuse(cell_too_long(name, row, column, char_count(&value))));
        }
        text = text.saturating_add(length).saturating_add(formula_length);
        if text > MAX_SHEET_TEXT {
            return Err(refuse(too_much_text(name, row, column)));
        }
        let formula = cell.formula.filter(|formula| !formula.is_empty());
        if value != Data::Empty || formula.is_some() {
            filled = filled.saturating_add(1);
            if filled > MAX_FILLED_CELLS {
                return Err(refuse(too_many_filled_cells(name, row, column)));
            }
        }
        if let Some(formula) = formula {
            formulas.push((row, column, formula));
        }
        if value != Data::Empty {
            values.push((row, column, value));
        }
    }
    Ok(Sheet {
        values: Cells::new(values),
        formulas: Cells::new(formulas),
    })
}

/// The bytes of a value's text, for the sheet's text budget.
fn text_length(value: &Data) -> usize {
    match value {
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => text.len(),
        _ => 0,
    }
}

/// The characters of a value's text, for the cell's limit.
fn char_count(value: &Data) -> usize {
    match value {
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            text.chars().count()
        }
        _ => 0,
    }
}

/// A reference for a limit's message: the sheet's cell.
fn cell_key(sheet: &str, row: u32, column: u32) -> String {
    super::cells::cell_name(sheet, row, column)
}

fn too_many_cells(sheet: &str, row: u32, column: u32) -> Diagnostic {
    Diagnostic::new(t!(
        "工作表“{sheet}”的单元格超过 {MAX_CELLS} 个的上限（算到这一格时超出；空白但设了格式的单元格也算在内）",
        "the sheet \"{sheet}\" holds more than {MAX_CELLS} cells, the limit (passed at this cell; empty cells with a format count too)"
    ))
    .key(cell_key(sheet, row, column))
    .help(save_again())
}

fn too_many_filled_cells(sheet: &str, row: u32, column: u32) -> Diagnostic {
    Diagnostic::new(t!(
        "工作表“{sheet}”中填了内容的单元格超过 {MAX_FILLED_CELLS} 个的上限（算到这一格时超出；一张评分表约填一千格）",
        "the sheet \"{sheet}\" has more than {MAX_FILLED_CELLS} cells holding a value or formula, the limit (passed at this cell; a form fills about a thousand)"
    ))
    .key(cell_key(sheet, row, column))
    .help(t!(
        "删去不属于评分表的行和列（例如粘贴进来的大段数据），保存后重试；大量资料请另附文件",
        "delete the rows and columns that are not part of the form (data pasted in by mistake, say), save and try again; keep bulky material in a separate document"
    ))
}

fn cell_too_long(sheet: &str, row: u32, column: u32, chars: usize) -> Diagnostic {
    Diagnostic::new(t!(
        "这一格有 {chars} 个字符，超过一格 {MAX_CELL_CHARS} 个字符的上限（Excel 一格最多能存这么多）",
        "this cell holds {chars} characters, over the limit of {MAX_CELL_CHARS} a cell (as many as Excel keeps in one)"
    ))
    .key(cell_key(sheet, row, column))
    .help(t!(
        "把这一格的文字缩短：详细记录可另附文件，这里只写要点",
        "shorten this cell's text: keep the details in a separate document and write the gist here"
    ))
}

fn too_much_text(sheet: &str, row: u32, column: u32) -> Diagnostic {
    let limit = MAX_SHEET_TEXT / (1024 * 1024);
    Diagnostic::new(t!(
        "工作表“{sheet}”的文字合计超过 {limit} MiB 的上限（算到这一格时超出）",
        "the sheet \"{sheet}\" holds more than {limit} MiB of text in all, the limit (passed at this cell)"
    ))
    .key(cell_key(sheet, row, column))
    .help(save_again())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_store_keeps_the_last_cell_written_at_a_place_and_finds_rows() {
        let cells = Cells::new(vec![(2, 1, "b"), (0, 3, "a"), (2, 1, "c"), (2, 0, "d")]);
        assert_eq!(cells.get(2, 1), Some(&"c"));
        assert_eq!(cells.get(1, 1), None);
        assert_eq!(cells.rows().collect::<Vec<_>>(), [0, 2]);
        assert_eq!(cells.row(2).len(), 2);
        assert_eq!(cells.in_rows(1..3).len(), 2);
        assert!(cells.row(u32::MAX).is_empty());
    }
}
