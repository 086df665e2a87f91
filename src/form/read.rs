//! Reading a form: the audit it holds, written as TOML, with the cell each
//! value came from, so that the TOML's problems can be named by sheet and
//! cell (`评分表!D23`), in the form's own words; and whatever was typed
//! into the form that the audit cannot hold, named by its cell, so that
//! nothing typed in is dropped in silence.

use super::unpack::{self, Cells, NotRead, read_sheet};
use super::{
    ADJUSTMENT_COLUMNS, COLUMNS, FIELDS, READ_COLUMNS, adjustment_label, column_label, key_of,
};
use crate::audit::{Audit, AuditKind};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, InputError, Located, MAX_REPORTED};
use crate::files::MAX_INPUT_BYTES;
use crate::message::{Lang, Text};
use crate::render::Labels;
use crate::t;
use calamine::{Data, Reader, Xlsx};
use rustc_hash::FxHashMap;
use std::fmt::Write;
use std::io::Cursor;
use std::ops::Range;

/// The audit a form holds, as TOML, and where each value came from.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormAudit {
    /// The audit as TOML.
    pub toml: String,
    /// Byte ranges of the TOML and the cells they came from
    /// (`评分表!D23`), in order; a range of 0..0 names a sheet.
    pub cells: Vec<(Range<usize>, String)>,
    /// The cells of the audit's fields by key (`audit.organization` →
    /// `评分表!B2`), so that a field left empty is named by its own cell.
    pub places: Vec<(String, String)>,
    /// What was typed into the form but cannot be part of its audit (a
    /// finding without a kind, inputs in a row without an id, text where
    /// bscore reads nothing), each named by its cell: reported with the
    /// audit's own problems, never dropped in silence.
    pub problems: Vec<Diagnostic>,
    /// The byte ranges of the special deductions' kinds, as the form
    /// names them (法律法规): the checklist turns them into ids.
    pub kinds: Vec<Range<usize>>,
    /// The rows with an id but nothing read: the indicator's id, the cell
    /// to fill in (its 扣分系数, or the cell holding only spaces), and
    /// whether that cell holds only spaces; so that "not assessed" names
    /// where to fill each one in.
    pub blank_rows: Vec<(String, String, bool)>,
    /// Problems of the form counted past [`MAX_FORM_PROBLEMS`], not built:
    /// a hostile form's million cells on a sheet bscore does not read
    /// cost a count, not a million messages.
    pub unlisted: usize,
    /// Each indicator row written to the TOML: its id and its line's bytes,
    /// so that rows of unknown ids past those that can be listed are
    /// dropped before the TOML is parsed ([`FormAudit::audit`]).
    pub indicator_rows: Vec<(String, Range<usize>)>,
}

/// Problems of the form built, in the cells' order; past these they are
/// counted. Far more than are shown ([`crate::diagnostic::MAX_REPORTED`]).
const MAX_FORM_PROBLEMS: usize = 10_000;

impl FormAudit {
    /// The cell a byte of the TOML came from; for a byte between cells (a
    /// table header, a missing key), the last cell or sheet before it.
    /// The cells are written one after another in the TOML's order, so
    /// the last one starting at or before the byte, found by binary
    /// search, is the one holding it, if any holds it.
    fn cell_at(&self, offset: usize) -> Option<&str> {
        let after = self
            .cells
            .partition_point(|(range, _)| range.start <= offset);
        let last = after.checked_sub(1)?;
        self.cells.get(last).map(|(_, cell)| cell.as_str())
    }

    /// The audit the form holds, validated against `checklist` in the
    /// form's words; every problem, the form's own ones included, named
    /// by sheet and cell and ordered as the sheets are.
    pub fn audit(&self, file: &str, checklist: &Checklist) -> Result<Audit, InputError> {
        match self.without_unlistable_rows(checklist) {
            Some((pruned, dropped)) => {
                (pruned.bounded_audit(file, checklist)).map_err(|error| error.with_omitted(dropped))
            }
            None => self.bounded_audit(file, checklist),
        }
    }

    /// [`FormAudit::audit_as_read`] of a form no larger, written as TOML,
    /// than a TOML audit may be: the limits of the workbook allow some
    /// 64 MiB of text a sheet, which as 50,000 special deductions would
    /// cost seconds and most of a gigabyte to check, and `convert` would
    /// write a TOML audit that bscore itself refuses.
    fn bounded_audit(&self, file: &str, checklist: &Checklist) -> Result<Audit, InputError> {
        let limit = MAX_INPUT_BYTES as usize;
        if self.toml.len() > limit {
            let problem = form_too_large(self.toml.len(), self.cell_at(limit));
            return Err(InputError::new(file, "", vec![problem]));
        }
        self.audit_as_read(file, checklist)
    }

    /// The form without the rows of unknown ids past the first
    /// [`MAX_REPORTED`], and how many were dropped; `None` when there are
    /// no more than that. Those rows can never be among the problems
    /// listed (the first by place), yet a form of 250,000 of them would
    /// make TOML twice the size a TOML audit may be, and seconds and
    /// half a gigabyte to parse: they are counted instead.
    fn without_unlistable_rows(&self, checklist: &Checklist) -> Option<(FormAudit, usize)> {
        let dropped: Vec<&Range<usize>> = (self.indicator_rows.iter())
            .filter(|(id, _)| checklist.lookup(id).is_none())
            .map(|(_, line)| line)
            .skip(MAX_REPORTED)
            .collect();
        if dropped.is_empty() {
            return None;
        }
        let kept = |offset: usize| {
            let after = dropped.partition_point(|line| line.start <= offset);
            after == 0 || !dropped[after - 1].contains(&offset)
        };
        // Bytes removed before `offset`: the dropped lines are in order.
        let removed_before = |offset: usize| -> usize {
            let before = dropped.partition_point(|line| line.end <= offset);
            dropped[..before].iter().map(|line| line.len()).sum()
        };
        let shifted = |range: &Range<usize>| {
            let by = removed_before(range.start);
            range.start - by..range.end - by
        };
        let mut toml = String::with_capacity(self.toml.len());
        let mut from = 0;
        for line in &dropped {
            toml.push_str(&self.toml[from..line.start]);
            from = line.end;
        }
        toml.push_str(&self.toml[from..]);
        let cells = (self.cells.iter())
            .filter(|(range, _)| range.is_empty() || kept(range.start))
            .map(|(range, cell)| (shifted(range), cell.clone()))
            .collect();
        let pruned = FormAudit {
            toml,
            cells,
            places: self.places.clone(),
            problems: self.problems.clone(),
            kinds: self.kinds.iter().map(shifted).collect(),
            blank_rows: self.blank_rows.clone(),
            unlisted: self.unlisted,
            indicator_rows: Vec::new(),
        };
        Some((pruned, dropped.len()))
    }

    /// [`FormAudit::audit`] of the TOML as it was read.
    fn audit_as_read(&self, file: &str, checklist: &Checklist) -> Result<Audit, InputError> {
        let parsed = Audit::parse_form(file, &self.toml, checklist);
        if self.problems.is_empty() {
            return parsed.map_err(|error| self.relocate(error));
        }
        let mut error = match parsed {
            Ok(_) => InputError::new(file, "", Vec::new()),
            Err(error) => self.relocate(error),
        };
        let own = InputError::new(file, "", self.problems.clone()).with_omitted(self.unlisted);
        error.omitted += own.omitted;
        error.problems.extend(own.problems);
        let first_sheet = self.cells.first().map(|(_, sheet)| sheet.as_str());
        error
            .problems
            .sort_by_key(|problem| cell_order(problem.diagnostic.key.as_deref(), first_sheet));
        // Each list holds its first problems by cell; of the two, the
        // first by cell are listed and the rest counted, as for a TOML audit.
        let unlisted = error.problems.len().saturating_sub(MAX_REPORTED);
        error.problems.truncate(MAX_REPORTED);
        Err(error.with_omitted(unlisted))
    }

    /// The TOML of the form's audit with each special deduction's kind as
    /// its checklist id (the form may write 法律法规 for `law`), for
    /// `convert`: a TOML audit that reads back as the same audit.
    pub fn toml_of(&self, audit: &Audit) -> String {
        // Built in one pass: replacing each kind in place would move the
        // rest of the text once a deduction, quadratic in their number.
        let mut toml = String::with_capacity(self.toml.len());
        let mut from = 0;
        for (range, deduction) in self.kinds.iter().zip(&audit.special_deductions) {
            toml.push_str(&self.toml[from..range.start]);
            toml.push_str(&quoted(&deduction.kind));
            from = range.end;
        }
        toml.push_str(&self.toml[from..]);
        toml
    }

    /// The problems of the TOML named by sheet and cell. Validated in the
    /// form's words, they speak of the form's labels, never of TOML keys;
    /// a field left empty is named by its own cell.
    pub fn relocate(&self, error: InputError) -> InputError {
        let problems = (error.problems.into_iter())
            .map(|problem| {
                let mut diagnostic = problem.diagnostic;
                let place = (diagnostic.key.as_deref())
                    .and_then(|key| self.places.iter().find(|(k, _)| k == key))
                    .map(|(_, cell)| cell.as_str());
                let cell = place.or_else(|| {
                    (diagnostic.span.as_ref()).and_then(|span| self.cell_at(span.start))
                });
                if diagnostic.key.as_deref() == Some("indicators") {
                    diagnostic.message = self.with_blank_cells(diagnostic.message);
                }
                diagnostic.message = form_quotes(diagnostic.message);
                diagnostic.help = diagnostic.help.map(|help| Box::new(form_quotes(*help)));
                diagnostic.key = cell.map(str::to_string);
                diagnostic.span = None;
                Located {
                    position: None,
                    excerpt: None,
                    diagnostic,
                }
            })
            .collect();
        InputError { problems, ..error }
    }
}

impl FormAudit {
    /// A message listing indicators not assessed, each blank row's id
    /// followed by the cell to fill in (`4.1.a（评分表!D11）`), and said to
    /// hold only spaces when it does.
    fn with_blank_cells(&self, message: Text) -> Text {
        let mut message = message;
        for (id, cell, spaces) in &self.blank_rows {
            let (zh, en) = if *spaces {
                (
                    format!("{id}（{cell} 只有空格）"),
                    format!("{id} ({cell} holds only spaces)"),
                )
            } else {
                (format!("{id}（{cell}）"), format!("{id} ({cell})"))
            };
            message.zh = with_listed(&message.zh, id, &zh);
            message.en = with_listed(&message.en, id, &en);
        }
        message
    }
}

/// A message of the audit's validation in the form's quotes: what TOML
/// messages set in backticks (`４.1.a`) in “” (Chinese) or "" (English),
/// as the form's other messages quote what was typed.
fn form_quotes(text: Text) -> Text {
    // Chinese sets full-width quotes without the spaces around backticks.
    let quote = |text: &str, open: &str, close: &str, spaced: bool| {
        let parts: Vec<&str> = text.split('`').collect();
        if parts.len().is_multiple_of(2) {
            return text.to_string(); // an unpaired backtick: left as written
        }
        let mut out = String::with_capacity(text.len());
        for (index, part) in parts.iter().enumerate() {
            let mut part = *part;
            if index > 0 && index % 2 == 1 {
                if !spaced && out.ends_with(' ') {
                    out.pop();
                }
                out.push_str(open);
            } else if index > 0 {
                out.push_str(close);
                if !spaced {
                    part = part.strip_prefix(' ').unwrap_or(part);
                }
            }
            out.push_str(part);
        }
        out
    };
    Text::new(
        quote(&text.zh, "“", "”", false),
        quote(&text.en, "\"", "\"", true),
    )
}

/// `text` with `id`, where it stands as an item of a list (after `：`,
/// `: `, `、` or `, `, before a separator or the end), replaced by `with`.
fn with_listed(text: &str, id: &str, with: &str) -> String {
    let boundary_before =
        |before: &str| before.is_empty() || before.ends_with(['：', '、', ' ', ',']);
    let boundary_after =
        |after: &str| after.is_empty() || after.starts_with(['、', ',', '；', ';', '\n']);
    let mut out = String::with_capacity(text.len() + with.len());
    let mut rest = text;
    while let Some(at) = rest.find(id) {
        let (before, after) = (&rest[..at], &rest[at + id.len()..]);
        out.push_str(before);
        let whole = boundary_before(&out) && boundary_after(after);
        out.push_str(if whole { with } else { id });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// Where a problem's cell (`评分表!D23`) comes: the first sheet before the
/// second, then by row and column; a problem of a whole sheet first. Any
/// reference is ordered, whatever the sheet's name (`'评分!表'!D11`).
/// A form whose audit, written as TOML, is over the size of a TOML audit;
/// `cell` is where the limit is passed.
fn form_too_large(bytes: usize, cell: Option<&str>) -> Diagnostic {
    // Shown to one decimal: a size, not a figure that decides anything.
    let size = format!("{:.1}", bytes as f64 / (1024.0 * 1024.0));
    let limit = MAX_INPUT_BYTES / (1024 * 1024);
    let problem = Diagnostic::new(t!(
        "表单里的评价内容写成评价文件有 {size} MiB，超过评价文件 {limit} MiB 的上限（算到这一格时超出；一份评价通常只有几十 KiB）",
        "the audit this form holds is {size} MiB written as an audit file, over the limit of {limit} MiB an audit file may be (passed at this cell; an audit is a few dozen KiB)"
    ))
    .help(t!(
        "把很长的记录和问题描述缩短，详细内容另附文件，表单里只写要点和文件名",
        "shorten the long records and findings: keep the details in a separate document and write the gist and the document's name here"
    ));
    match cell {
        Some(cell) => problem.key(cell),
        None => problem,
    }
}

fn cell_order(key: Option<&str>, first_sheet: Option<&str>) -> (bool, u32, u32) {
    let Some(key) = key else {
        return (false, 0, 0);
    };
    let (sheet, reference) = split_reference(key);
    let letters = reference.trim_end_matches(|c: char| c.is_ascii_digit());
    let column = if letters.bytes().all(|b| b.is_ascii_uppercase()) {
        (letters.bytes()).fold(0u32, |column, letter| {
            column
                .saturating_mul(26)
                .saturating_add(u32::from(letter - b'A') + 1)
        })
    } else {
        0
    };
    let row = reference[letters.len()..].parse().unwrap_or(0);
    (Some(sheet) != first_sheet, row, column)
}

/// A reference's sheet, as written (quoted or not), and its cell: the
/// cell follows the quoted name's closing quote, else the last `!`.
fn split_reference(key: &str) -> (&str, &str) {
    if let Some(quoted) = key.strip_prefix('\'') {
        // The closing quote is one not followed by another ('' is a quote).
        let mut chars = quoted.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c != '\'' {
                continue;
            }
            if chars.peek().is_some_and(|(_, next)| *next == '\'') {
                chars.next();
                continue;
            }
            let end = 1 + at + 1;
            let cell = key[end..].strip_prefix('!').unwrap_or("");
            return (&key[..end], cell);
        }
        return (key, "");
    }
    key.rsplit_once('!').unwrap_or((key, ""))
}

/// A sheet's name as a reference writes it: quoted as Excel quotes it
/// (`'评分!表'`, a quote in it doubled) unless it is only letters, digits,
/// `_` and `.`, not starting with a digit nor looking like a cell.
fn sheet_reference(name: &str) -> String {
    let plain = name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !looks_like_a_cell(name);
    if plain && !name.is_empty() {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// Whether `name` reads as a cell reference (`A1`, `r1c1`, `R`, `C`).
fn looks_like_a_cell(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let letters = upper.trim_end_matches(|c: char| c.is_ascii_digit());
    let a1 = !letters.is_empty()
        && letters.len() < upper.len()
        && letters.len() <= 3
        && letters.bytes().all(|b| b.is_ascii_uppercase());
    a1 || upper == "R"
        || upper == "C"
        || upper.starts_with('R')
            && upper[1..].starts_with(|c: char| c.is_ascii_digit() || c == 'C')
}

/// The audit the XLSX form `bytes` holds. The form is checked to unpack
/// within bounds before anything of it is read ([`unpack`]), and its
/// sheets are read cell by cell, keeping only the cells that hold
/// something: what a form may make bscore spend is bounded whatever it
/// declares.
pub fn read_form(file: &str, bytes: &[u8]) -> Result<FormAudit, InputError> {
    unpack::check_unpacked(file, bytes)?;
    let mut workbook: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|_| unpack::unreadable(file))?;
    let names = workbook.sheet_names();
    let Some(first) = names.first().cloned() else {
        return Err(InputError::whole_file(
            file,
            t!("工作簿中没有工作表", "the workbook has no sheet"),
        ));
    };
    let first_sheet = match read_sheet(&mut workbook, file, &first) {
        Ok(sheet) => sheet,
        Err(NotRead::Refused(error)) => return Err(error),
        Err(NotRead::Unreadable) => {
            return Err(InputError::whole_file(
                file,
                t!("无法读取第一张工作表", "the first sheet cannot be read"),
            ));
        }
    };
    let (sheet, formulas) = (&first_sheet.values, &first_sheet.formulas);
    let mut out = Writer::default();
    // Problems of the audit or indicators as a whole name the sheet.
    out.put("[audit]", &sheet_reference(&first));
    out.toml.push('\n');
    let heading = match heading_row(sheet) {
        Ok(heading) => heading,
        Err(best) => return Err(no_heading_row(file, sheet, &first, &names, best)),
    };
    twice_in_heading(sheet, &first, heading.row, &mut out.problems);
    fields(sheet, &first, heading.row, &mut out);
    out.toml.push('\n');
    out.put("[indicators]", &sheet_reference(&first));
    out.toml.push('\n');
    indicators(sheet, formulas, &first, &heading, &mut out);
    let field_value = |row: u32, column: u32| {
        row < heading.row
            && column == 1
            && text_at(sheet, row, 0).is_some_and(|label| key_of(&FIELDS, &label).is_some())
    };
    let read_value = |row: u32, column: u32| {
        field_value(row, column)
            || (row > heading.row && heading.columns.iter().any(|(_, c)| *c == column))
    };
    unstored_formulas(sheet, formulas, &first, read_value, &mut out);
    if let Some(second) = names.get(1)
        && let Some(adjustments) = other_sheet(&mut workbook, file, second)?
    {
        let read = adjustment_rows(&adjustments.values, second, &mut out);
        if let Some((heading, kind, finding)) = read {
            let read_value =
                |row: u32, column: u32| row > heading && [kind, finding].contains(&column);
            let (values, formulas) = (&adjustments.values, &adjustments.formulas);
            unstored_formulas(values, formulas, second, read_value, &mut out);
        }
    }
    let metadata = workbook.sheets_metadata().to_vec();
    let read = [first.as_str(), names.get(1).map_or("", String::as_str)];
    for sheet in metadata
        .iter()
        .skip(2)
        .filter(|sheet| !is_result_sheet(sheet))
    {
        if let Some(cells) = other_sheet(&mut workbook, file, &sheet.name)? {
            unread_sheet(&cells.values, &sheet.name, read, &mut out);
        }
    }
    Ok(out.finish())
}

/// A sheet after the first, if it can be read: one calamine cannot read
/// is passed over, as it always was; one over a limit refuses the form.
fn other_sheet<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    file: &str,
    name: &str,
) -> Result<Option<unpack::Sheet>, InputError> {
    match read_sheet(workbook, file, name) {
        Ok(sheet) => Ok(Some(sheet)),
        Err(NotRead::Unreadable) => Ok(None),
        Err(NotRead::Refused(error)) => Err(error),
    }
}

/// Whether a sheet is the very hidden one a bscore report keeps its
/// result in (reports are refused as such when read as a form).
fn is_result_sheet(sheet: &calamine::Sheet) -> bool {
    sheet.name == crate::embedded::RESULT_NAME
        && sheet.visible == calamine::SheetVisible::VeryHidden
}

/// A sheet after the first two: bscore reads nothing there, so every cell
/// that holds something is reported (a 法律法规 row typed on a third
/// sheet would otherwise be dropped).
fn unread_sheet(sheet: &Cells<Data>, name: &str, read: [&str; 2], out: &mut Writer) {
    let [first, second] = read;
    for (row, column) in filled_cells(sheet.all()) {
        out.refuse(
            cell_name(name, row, column),
            t!(
                "bscore 只读取“{first}”和“{second}”两张工作表，不读取此处的内容",
                "bscore reads only the sheets \"{first}\" and \"{second}\", not this cell"
            ),
            Some(t!(
                "把它移到“{first}”或“{second}”，或删除",
                "move it there or delete it"
            )),
        );
    }
}

/// The error for a first sheet without the form's headings: a bscore
/// report (its exact values' sheet gives it away) is said to be one, with
/// how to get the form; anything else is told which headings it lacks.
fn no_heading_row(
    file: &str,
    sheet: &Cells<Data>,
    first: &str,
    sheets: &[String],
    best: Option<u32>,
) -> InputError {
    if sheets.iter().any(|name| is_report_sheet(name)) {
        return InputError::whole_file(
            file,
            t!(
                "这是 bscore 的评价报告，不是评分表：报告不能再作为评价输入",
                "this is a bscore report, not a form: a report cannot be read as an audit"
            ),
        )
        .with_help(t!(
            "评价的输入是 TOML 评价文件或评分表：用 `bscore convert audit.toml -o form.xlsx` 由评价文件生成评分表，或用 `bscore template -o form.xlsx` 得到空白评分表；核验这份报告用 `bscore verify 报告.xlsx 评价文件`",
            "an audit is a TOML audit file or a form: `bscore convert audit.toml -o form.xlsx` writes the form of an audit, `bscore template -o form.xlsx` an empty one; to check this report: `bscore verify report.xlsx AUDIT`"
        ));
    }
    let mut problems = Vec::new();
    let missing: Vec<&str> = match best {
        Some(row) => {
            twice_in_heading(sheet, first, row, &mut problems);
            let found = read_headings(sheet, row);
            (READ_COLUMNS.iter().copied())
                .filter(|key| !found.iter().any(|(k, _)| k == key))
                .collect()
        }
        None => READ_COLUMNS.to_vec(),
    };
    let labels: Vec<(&str, &str)> = missing.iter().map(|key| column_label(key)).collect();
    let zh: Vec<&str> = labels.iter().map(|(zh, _)| *zh).collect();
    let en: Vec<&str> = labels.iter().map(|(_, en)| *en).collect();
    let (zh, en) = (zh.join("、"), en.join(", "));
    let message = match best {
        Some(row) => Diagnostic::new(t!(
            "表头行缺少{zh}",
            "the heading row has no {en}"
        ))
        .key(cell_name(first, row, 0))
        .help(t!(
            "在表头行补上这些表头（与 bscore 生成的评分表一致），或用 `bscore template -o form.xlsx` 取得空白评分表",
            "add these headings to the heading row (as in the form bscore writes), or get an empty form with `bscore template -o form.xlsx`"
        )),
        None => Diagnostic::new(t!(
            "找不到表头行：需要一行包含 {zh}",
            "no heading row: a row must hold {en}"
        ))
        .key(sheet_reference(first)),
    };
    problems.insert(0, message);
    InputError::new(file, "", problems)
}

/// Whether a sheet is the exact values' sheet of a bscore XLSX report
/// (精确值, or 精确值 2 for the second audit of a batch).
fn is_report_sheet(name: &str) -> bool {
    let base = name
        .trim_end_matches(|c: char| c.is_ascii_digit())
        .trim_end();
    [Lang::Zh, Lang::En]
        .iter()
        .any(|lang| Labels::of(*lang).exact == base)
}

/// The TOML being written, the cells behind it, and what the form holds
/// that it cannot.
#[derive(Default)]
struct Writer {
    toml: String,
    cells: Vec<(Range<usize>, String)>,
    places: Vec<(String, String)>,
    problems: Vec<Diagnostic>,
    kinds: Vec<Range<usize>>,
    blank_rows: Vec<(String, String, bool)>,
    unlisted: usize,
    indicator_rows: Vec<(String, Range<usize>)>,
}

impl Writer {
    fn line(&mut self, text: &str) {
        self.toml.push_str(text);
        self.toml.push('\n');
    }

    /// Writes `text`, which came from `cell`.
    fn put(&mut self, text: &str, cell: &str) {
        let start = self.toml.len();
        self.toml.push_str(text);
        self.cells.push((start..self.toml.len(), cell.to_string()));
    }

    /// Records what `cell` holds that the audit cannot; past
    /// [`MAX_FORM_PROBLEMS`], only counts it.
    fn refuse(&mut self, cell: String, message: Text, help: Option<Text>) {
        if self.problems.len() >= MAX_FORM_PROBLEMS {
            self.unlisted = self.unlisted.saturating_add(1);
            return;
        }
        let mut diagnostic = Diagnostic::new(message).key(cell);
        if let Some(help) = help {
            diagnostic = diagnostic.help(help);
        }
        self.problems.push(diagnostic);
    }

    fn finish(self) -> FormAudit {
        FormAudit {
            toml: self.toml,
            cells: self.cells,
            places: self.places,
            problems: self.problems,
            kinds: self.kinds,
            blank_rows: self.blank_rows,
            unlisted: self.unlisted,
            indicator_rows: self.indicator_rows,
        }
    }
}

/// `评分表!D23` for a 0-based row and column. Called for every cell read
/// (the TOML remembers each one's cell), so the sheet's reference is
/// kept from the last call rather than worked out again.
pub(super) fn cell_name(sheet: &str, row: u32, column: u32) -> String {
    thread_local! {
        static LAST: std::cell::RefCell<(String, String)> = const {
            std::cell::RefCell::new((String::new(), String::new()))
        };
    }
    LAST.with_borrow_mut(|(name, reference)| {
        if name != sheet || reference.is_empty() {
            *reference = sheet_reference(sheet);
            sheet.clone_into(name);
        }
        let mut cell = String::with_capacity(reference.len() + 12);
        cell.push_str(reference);
        cell.push('!');
        push_column_letters(&mut cell, column);
        let _ = write!(cell, "{}", u64::from(row) + 1);
        cell
    })
}

/// Column `column` (0-based) as a spreadsheet names it: A, Z, AA, XFD.
fn push_column_letters(out: &mut String, column: u32) {
    let mut letters = [0u8; 8];
    let mut at = letters.len();
    let mut left = u64::from(column) + 1;
    while left > 0 && at > 0 {
        at -= 1;
        let digit = (left - 1) % 26;
        letters[at] = b'A' + digit as u8;
        left = (left - 1) / 26;
    }
    out.extend(letters[at..].iter().map(|b| char::from(*b)));
}

/// A cell's text as a person would read it.
fn text_of(data: &Data) -> Option<String> {
    match data {
        _ if is_blank(data) => None,
        Data::Empty => None,
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Some(text.trim().to_string())
        }
        Data::Float(number) => Some(shown_number(*number)),
        Data::Int(number) => Some(number.to_string()),
        // As a spreadsheet shows them: TRUE, #N/A.
        Data::Bool(value) => Some(value.to_string().to_uppercase()),
        Data::DateTime(date) => Some(shown_number(date.as_f64())),
        Data::Error(error) => Some(error.to_string()),
    }
}

/// Free text (a record, a note) as the assessor wrote it: a cell holding
/// only white space is empty, any other is kept whole, its spaces at
/// either end included, as a TOML audit keeps them.
fn written_text(data: &Data) -> Option<String> {
    match data {
        Data::String(text) if !text.trim().is_empty() => Some(text.clone()),
        other => text_of(other),
    }
}

/// A numeric cell's number: the shortest decimal that reads back as the
/// same double (what a spreadsheet shows for 0.3); a whole number too
/// large for an exact integer in exponent form, as a spreadsheet shows
/// it (1E+308), so that it reads as the number it is, not as a
/// 309-digit integer.
fn shown_number(number: f64) -> String {
    if number.is_finite() && number.fract() == 0.0 && number.abs() >= 1e15 {
        format!("{number:E}").replace('E', "E+")
    } else {
        number.to_string()
    }
}

/// The text of the cell at (`row`, `column`), if it holds any.
fn text_at(sheet: &Cells<Data>, row: u32, column: u32) -> Option<String> {
    sheet.get(row, column).and_then(text_of)
}

/// Whether a cell holds nothing: empty, or only spaces.
fn is_blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    // Ids and numbers typed as text, the most of what a form holds, are
    // written as the toml crate writes them, without its machinery.
    let plain = |c: char| c.is_ascii_alphanumeric() || " .-_+:/".contains(c);
    if text.chars().all(plain) {
        return format!("\"{text}\"");
    }
    toml::Value::String(text.to_string()).to_string()
}

/// A number as written in a cell: numbers as they are, text holding a
/// number by the form's own rules ([`plain_number`]) as that number,
/// anything else as text, which validation then explains; never read as
/// a TOML literal (`1_0`, `0x1`, `inf` are not numbers in a form).
fn number(data: &Data) -> Option<String> {
    let text = text_of(data)?;
    let finite = |number: &f64| number.is_finite();
    if matches!(data, Data::Int(_)) || matches!(data, Data::Float(number) if finite(number)) {
        return Some(text);
    }
    Some(plain_number(&text).unwrap_or_else(|| quoted(&text)))
}

/// Text that is a number as an assessor writes one: decimal digits, at
/// most one point with digits on both sides, optionally a sign; as a
/// number literal without leading zeros (`010` is 10).
fn plain_number(text: &str) -> Option<String> {
    let (sign, digits) = match text.strip_prefix(['+', '-']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !fraction.is_none_or(all_digits) {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    Some(match fraction {
        Some(fraction) => format!("{sign}{whole}.{fraction}"),
        None => format!("{sign}{whole}"),
    })
}

/// A date cell, or text written as people write dates (2026-03-15,
/// 2026/3/15, 2026.3.15, 2026年3月15日), as a TOML date; anything else
/// as text, which validation explains.
fn date(data: &Data) -> Option<String> {
    if let Data::DateTime(serial) = data {
        // A serial no calendar day is (negative, huge, infinite, NaN) is
        // shown as the number it is, for validation to refuse at its cell:
        // never read as another day, nor as a date left empty.
        let serial = serial.as_f64();
        return Some(
            calendar_day(serial)
                .map_or_else(|| quoted(&shown_number(serial)), |day| day.to_string()),
        );
    }
    let text = text_of(data)?;
    Some(written_date(&text).map_or_else(|| quoted(&text), |date| date.to_string()))
}

/// The last date serial a spreadsheet shows as a date: 9999-12-31.
const LAST_SERIAL: f64 = 2_958_465.0;

/// The day a date cell's serial is, counted from 1899-12-30 as
/// spreadsheets count (from 1 March 1900 on, where Excel's 1900 leap day
/// no longer matters); none for a serial before 0 or after 9999-12-31,
/// infinite or not a number, which no calendar day is.
fn calendar_day(serial: f64) -> Option<jiff::civil::Date> {
    let days = serial.floor();
    if !(0.0..=LAST_SERIAL).contains(&days) {
        return None;
    }
    // Exact: a whole number from 0 to 2958465.
    let span = jiff::Span::new().try_days(days as i64).ok()?;
    jiff::civil::date(1899, 12, 30).checked_add(span).ok()
}

/// The calendar day `text` names when written year, month, day: with `-`,
/// `/` or `.` between them, or as 2026年3月15日; a date and time of
/// midnight (`2026-03-15T00:00:00`, as some programs store a date cell)
/// is its day. No other order is read: 03/04/2026 could be either month.
fn written_date(text: &str) -> Option<jiff::civil::Date> {
    let text = text.strip_suffix("T00:00:00").unwrap_or(text);
    let parts: Vec<&str> = match text.strip_suffix('日') {
        Some(rest) => {
            let (year, rest) = rest.split_once('年')?;
            let (month, day) = rest.split_once('月')?;
            vec![year, month, day]
        }
        None => {
            let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
            text.split(separator).collect()
        }
    };
    let [year, month, day] = parts[..] else {
        return None;
    };
    let digits = |part: &str, most: usize| {
        (!part.is_empty() && part.len() <= most && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i16>().ok())
            .flatten()
    };
    let (year, month, day) = (
        digits(year, 4).filter(|_| year.len() == 4)?,
        digits(month, 2)?,
        digits(day, 2)?,
    );
    jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

fn fields(sheet: &Cells<Data>, name: &str, heading: u32, out: &mut Writer) {
    for row in sheet.rows().take_while(|row| *row < heading) {
        let Some(label) = text_at(sheet, row, 0) else {
            continue;
        };
        let Some(key) = key_of(&FIELDS, &label) else {
            continue;
        };
        let cell = cell_name(name, row, 1);
        let path = format!("audit.{key}");
        if let Some((_, first)) = out.places.iter().find(|(seen, _)| *seen == path) {
            let first = first.clone();
            field_twice(key, cell_name(name, row, 0), &first, out);
            continue;
        }
        out.places.push((path, cell.clone()));
        let Some(value) = sheet.get(row, 1) else {
            continue;
        };
        let literal = match key {
            "date" | "cycle_start" => date(value),
            "assessors" => text_of(value).map(|names| {
                let names: Vec<String> = names
                    .split(['、', ',', '，', ';', '；', '\n'])
                    .map(str::trim)
                    .filter(|name| !name.is_empty())
                    .map(quoted)
                    .collect();
                format!("[{}]", names.join(", "))
            }),
            "kind" => text_of(value).map(|kind| quoted(&kind_id(&kind))),
            _ => text_of(value).map(|text| quoted(&text)),
        };
        if let Some(literal) = literal {
            out.toml.push_str(key);
            out.toml.push_str(" = ");
            out.put(&literal, &cell);
            out.toml.push('\n');
        }
    }
}

/// A second row for the same field: which of the two holds is unknown.
fn field_twice(key: &str, cell: String, first: &str, out: &mut Writer) {
    let (zh, en) = super::field_label(key);
    out.refuse(
        cell,
        t!(
            "{zh}已在 {first} 填写过",
            "{en} is already filled in at {first}"
        ),
        Some(t!("只保留一行{zh}", "keep one {en} row")),
    );
}

/// The audit kind's id for what the form's list offers (初次评价,
/// Re-evaluation, recertification, 再认证评价); anything else as written,
/// for validation to explain.
fn kind_id(kind: &str) -> String {
    AuditKind::named(kind).map_or_else(|| kind.to_string(), |kind| kind.id().to_string())
}

/// The heading row, the column of each key read, and every column that
/// has a heading (the table's extent: a cell under no heading is not read).
struct Heading {
    row: u32,
    columns: Vec<(&'static str, u32)>,
    headed: Vec<u32>,
    /// The columns the form computes (得分, 适用分值), with their keys:
    /// worked out once, not for every cell of every row.
    computed: Vec<(&'static str, u32)>,
}

impl Heading {
    fn column_of(&self, key: &str) -> Option<u32> {
        self.columns
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, column)| *column)
    }
}

/// The read columns' headings on `row`, with their columns, in order.
fn read_headings(sheet: &Cells<Data>, row: u32) -> Vec<(&'static str, u32)> {
    (sheet.row(row).iter())
        .filter_map(|(_, column, value)| {
            let key = key_of(&COLUMNS, &text_of(value)?)?;
            READ_COLUMNS.contains(&key).then_some((key, *column))
        })
        .collect()
}

/// The first row holding every read column's heading; else the row
/// holding most of them, if any, for the error to say which are missing.
fn heading_row(sheet: &Cells<Data>) -> Result<Heading, Option<u32>> {
    let mut best: Option<(usize, u32)> = None;
    for row in sheet.rows() {
        let columns = read_headings(sheet, row);
        let mut distinct: Vec<&str> = columns.iter().map(|(key, _)| *key).collect();
        distinct.sort_unstable();
        distinct.dedup();
        if distinct.len() == READ_COLUMNS.len() {
            // A heading twice is reported; its first column is read.
            let mut first = Vec::new();
            for (key, column) in columns {
                if !first.iter().any(|(k, _)| *k == key) {
                    first.push((key, column));
                }
            }
            // In column order: a column is looked up by binary search.
            let headed = filled_cells(sheet.row(row))
                .into_iter()
                .map(|(_, column)| column)
                .collect();
            let computed = (sheet.row(row).iter())
                .filter_map(|(_, column, value)| {
                    let key = key_of(&COLUMNS, &text_of(value)?)?;
                    ["earned", "applicable"]
                        .contains(&key)
                        .then_some((key, *column))
                })
                .collect();
            return Ok(Heading {
                row,
                columns: first,
                headed,
                computed,
            });
        }
        if distinct.len() > best.map_or(0, |(count, _)| count) {
            best = Some((distinct.len(), row));
        }
    }
    Err(best.map(|(_, row)| row))
}

/// Every heading that appears twice on the heading row, at each of its
/// cells: which column holds the values is unknown (现场评审记录 relabelled
/// 说明 would drop every record).
fn twice_in_heading(sheet: &Cells<Data>, name: &str, row: u32, problems: &mut Vec<Diagnostic>) {
    let headings: Vec<(&str, u32)> = (sheet.row(row).iter())
        .filter_map(|(_, column, value)| Some((key_of(&COLUMNS, &text_of(value)?)?, *column)))
        .collect();
    let mut columns_of: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (key, column) in &headings {
        columns_of.entry(key).or_default().push(*column);
    }
    for (key, column) in &headings {
        let columns = columns_of.get(key).map_or(&[][..], Vec::as_slice);
        if columns.len() < 2 {
            continue;
        }
        // A hostile row may hold a heading thousands of times: the others
        // are listed up to a few, then counted.
        const LISTED: usize = 5;
        let others: Vec<String> = (columns.iter())
            .filter(|c| *c != column)
            .take(LISTED)
            .map(|c| cell_name(name, row, *c))
            .collect();
        let more = (columns.len() - 1).saturating_sub(LISTED);
        let (zh, en) = column_label(key);
        let others = match more {
            0 => others.join("、"),
            more => format!("{} … (+{more})", others.join("、")),
        };
        problems.push(
            Diagnostic::new(t!(
                "表头“{zh}”出现了不止一次（又见 {others}）：无法确定读取哪一列",
                "the heading \"{en}\" appears more than once (also at {others}): which column to read is unknown"
            ))
            .key(cell_name(name, row, *column))
            .help(t!(
                "每个表头只留一列：把多出的一个改回它原来的表头，或删除",
                "keep one column per heading: give the extra one back its own heading, or delete it"
            )),
        );
    }
}

fn indicators(
    sheet: &Cells<Data>,
    formulas: &Cells<String>,
    name: &str,
    heading: &Heading,
    out: &mut Writer,
) {
    let Some(id_column) = heading.column_of("id") else {
        return;
    };
    // The ids of the rows written, with their rows: an id twice is a
    // problem of the form (in TOML it would be a key written twice).
    // Hashed: a form of 250,000 rows is not read in quadratic time.
    let mut seen: FxHashMap<String, u32> = FxHashMap::default();
    let below = heading.row.saturating_add(1);
    for row in sheet.rows().skip_while(|row| *row < below) {
        not_read(sheet, formulas, name, heading, row, out);
        let mut parts = Vec::new();
        for key in &READ_COLUMNS[1..] {
            let Some(column) = heading.column_of(key) else {
                continue;
            };
            let Some(value) = sheet.get(row, column) else {
                continue;
            };
            let literal = match *key {
                "coefficient" | "sampled" | "nonconforming" => number(value),
                "record" | "note" => written_text(value).map(|text| quoted(&text)),
                _ => text_of(value).map(|text| quoted(&text)),
            };
            if let Some(literal) = literal {
                parts.push((*key, literal, cell_name(name, row, column)));
            }
        }
        if parts.is_empty() {
            blank_row(sheet, name, heading, row, out);
            continue;
        }
        let id_cell = cell_name(name, row, id_column);
        let Some(id) = text_at(sheet, row, id_column) else {
            without_id(id_cell, &parts, out);
            continue;
        };
        if let Some(first) = seen.get(&id) {
            twice(&id, id_cell, first.saturating_add(1), out);
            continue;
        }
        seen.insert(id.clone(), row);
        let line_start = out.toml.len();
        out.put(&quoted(&id), &id_cell);
        out.toml.push_str(" = { ");
        for (index, (key, literal, cell)) in parts.iter().enumerate() {
            if index > 0 {
                out.toml.push_str(", ");
            }
            let _ = write!(out.toml, "{key} = ");
            out.put(literal, cell);
        }
        out.toml.push_str(" }\n");
        out.indicator_rows.push((id, line_start..out.toml.len()));
    }
}

/// A row with an id and nothing read: remembered with the cell to fill
/// in, the first read cell holding only spaces (a space, a no-break space,
/// an ideographic space) if any, else its 扣分系数.
fn blank_row(sheet: &Cells<Data>, name: &str, heading: &Heading, row: u32, out: &mut Writer) {
    let Some(id) = heading
        .column_of("id")
        .and_then(|column| text_at(sheet, row, column))
    else {
        return;
    };
    let spaces = (READ_COLUMNS[1..].iter())
        .filter_map(|key| heading.column_of(key))
        .find(|column| {
            matches!(sheet.get(row, *column), Some(Data::String(text)) if !text.is_empty())
        });
    let column = spaces.or_else(|| heading.column_of("coefficient"));
    if let Some(column) = column {
        (out.blank_rows).push((id, cell_name(name, row, column), spaces.is_some()));
    }
}

/// A second row for the same id: which of the two counts is unknown.
fn twice(id: &str, cell: String, first_row: u32, out: &mut Writer) {
    let (id_zh, id_en) = column_label("id");
    let id = crate::input::shortened(id);
    out.refuse(
        cell,
        t!(
            "{id_zh} {id} 已在第 {first_row} 行填写过",
            "{id_en} {id} is already filled in on row {first_row}"
        ),
        Some(t!(
            "每个指标只填一行：保留其中一行",
            "fill in one row per indicator: keep one of the two"
        )),
    );
}

/// A row with inputs but no id: which indicator they are for is unknown.
fn without_id(id_cell: String, parts: &[(&str, String, String)], out: &mut Writer) {
    let labels: Vec<(&str, &str)> = parts.iter().map(|(key, _, _)| column_label(key)).collect();
    let zh: Vec<&str> = labels.iter().map(|(zh, _)| *zh).collect();
    let en: Vec<&str> = labels.iter().map(|(_, en)| *en).collect();
    let (zh, en) = (zh.join("、"), en.join(", "));
    let (id_zh, id_en) = column_label("id");
    out.refuse(
        id_cell,
        t!(
            "这一行填了{zh}，但{id_zh}未填写",
            "this row has {en} filled in, but no {id_en}"
        ),
        Some(t!(
            "在{id_zh}列写上这一行所评的指标编号（如 4.1.a），或清空这一行",
            "write the id of the indicator this row assesses (such as 4.1.a) in the {id_en} column, or clear the row"
        )),
    );
}

/// Cells of a row below the heading that look like input but are not
/// read: anything under no heading, and text typed over a computed
/// column's formula. The check text, points and formulas bscore writes
/// are for people, not input.
fn not_read(
    sheet: &Cells<Data>,
    formulas: &Cells<String>,
    name: &str,
    heading: &Heading,
    row: u32,
    out: &mut Writer,
) {
    let (record_zh, record_en) = column_label("record");
    let (note_zh, note_en) = column_label("note");
    for (_, column, value) in sheet.row(row) {
        let column = *column;
        if is_blank(value) {
            continue;
        }
        let cell = || cell_name(name, row, column);
        if heading.headed.binary_search(&column).is_err() {
            out.refuse(
                cell(),
                t!(
                    "这一列没有表头，bscore 不读取此处的内容",
                    "this column has no heading, so bscore does not read this cell"
                ),
                Some(t!(
                    "现场所见写在{record_zh}列，其他说明写在{note_zh}列",
                    "write what was seen in the {record_en} column, anything else in the {note_en} column"
                )),
            );
            continue;
        }
        let computed = (heading.computed.iter())
            .find(|(_, headed)| *headed == column)
            .map(|(key, _)| *key);
        let typed_text = matches!(value, Data::String(_))
            && formulas
                .get(row, column)
                .is_none_or(|formula| formula.is_empty());
        if let (Some(key), true) = (computed, typed_text) {
            let (zh, en) = column_label(key);
            out.refuse(
                cell(),
                t!(
                    "{zh}由公式计算，bscore 不读取此处填写的文字",
                    "{en} is computed: bscore does not read text typed here"
                ),
                Some(t!(
                    "说明写在{note_zh}列",
                    "write notes in the {note_en} column"
                )),
            );
        }
    }
}

/// The words that name the bonus on the second sheet: `bonus`, and the
/// reports' word in each language (加分).
fn is_bonus(kind: &str) -> bool {
    let kind = kind.trim();
    kind.eq_ignore_ascii_case("bonus")
        || [Lang::Zh, Lang::En]
            .iter()
            .any(|lang| kind.eq_ignore_ascii_case(Labels::of(*lang).bonus_kind))
}

/// One row of the second sheet: its kind and finding, and their cells.
struct Adjustment {
    kind: String,
    kind_cell: String,
    finding: String,
    finding_cell: String,
}

/// Every formula in a cell bscore reads whose value the file does not
/// hold (typed by a program that does not calculate, or saved without
/// calculating): bscore reads stored values, so such a cell would be
/// read as empty.
fn unstored_formulas(
    sheet: &Cells<Data>,
    formulas: &Cells<String>,
    name: &str,
    read: impl Fn(u32, u32) -> bool,
    out: &mut Writer,
) {
    for (row, column, formula) in formulas.all() {
        let (row, column) = (*row, *column);
        let stored = !matches!(sheet.get(row, column), None | Some(Data::Empty));
        if formula.trim().is_empty() || stored || !read(row, column) {
            continue;
        }
        let formula = crate::input::shortened(formula);
        out.refuse(
            cell_name(name, row, column),
            t!(
                "这一格是公式（={formula}），但文件中没有保存它的值：bscore 只读取保存的值",
                "this cell is a formula (={formula}) whose value the file does not hold: bscore reads stored values"
            ),
            Some(t!(
                "在 Excel、WPS 或 LibreOffice 中打开并保存评分表，使公式的值保存下来；或直接填写数值",
                "open and save the form in Excel, WPS or LibreOffice so that its value is stored, or type the value"
            )),
        );
    }
}

/// Reads the second sheet; returns its heading row and the kind's and
/// finding's columns, if it has them.
fn adjustment_rows(sheet: &Cells<Data>, name: &str, out: &mut Writer) -> Option<(u32, u32, u32)> {
    let heading = sheet.rows().find_map(|row| {
        let find = |key: &str| {
            (sheet.row(row).iter())
                .find(|(_, _, value)| {
                    text_of(value).and_then(|label| key_of(&ADJUSTMENT_COLUMNS, &label))
                        == Some(key)
                })
                .map(|(_, column, _)| *column)
        };
        Some((row, find("kind")?, find("finding")?))
    });
    let Some((heading, kind_column, finding_column)) = heading else {
        no_adjustment_heading(sheet, name, out);
        return None;
    };
    for (row, column) in filled_cells(sheet.in_rows(0..heading)) {
        above_adjustment_heading(cell_name(name, row, column), out);
    }
    let mut rows = Vec::new();
    let below = heading.saturating_add(1);
    for row in sheet.rows().skip_while(|row| *row < below) {
        for (_, column) in filled_cells(sheet.row(row)) {
            if ![kind_column, finding_column].contains(&column) {
                not_an_adjustment_column(cell_name(name, row, column), out);
            }
        }
        let kind = text_at(sheet, row, kind_column);
        let finding = text_at(sheet, row, finding_column);
        let (kind_cell, finding_cell) = (
            cell_name(name, row, kind_column),
            cell_name(name, row, finding_column),
        );
        match (kind, finding) {
            (Some(kind), Some(finding)) => rows.push(Adjustment {
                kind,
                kind_cell,
                finding,
                finding_cell,
            }),
            (Some(kind), None) => finding_missing(&kind, finding_cell, out),
            (None, Some(_)) => kind_missing(kind_cell, out),
            (None, None) => {}
        }
    }
    write_adjustments(rows, out);
    Some((heading, kind_column, finding_column))
}

/// The places of the `cells` holding text, in order.
fn filled_cells(cells: &[(u32, u32, Data)]) -> Vec<(u32, u32)> {
    (cells.iter())
        .filter(|(_, _, value)| text_of(value).is_some())
        .map(|(row, column, _)| (*row, *column))
        .collect()
}

/// A second sheet without its heading row (a heading renamed or deleted):
/// nothing on it can be read, so the heading is asked for, naming what a
/// row lacks when one holds one of the two headings, and every cell that
/// holds something is reported, never dropped.
fn no_adjustment_heading(sheet: &Cells<Data>, name: &str, out: &mut Writer) {
    let cells = filled_cells(sheet.all());
    if cells.is_empty() {
        return;
    }
    let (kind_zh, kind_en) = adjustment_label("kind");
    let (finding_zh, finding_en) = adjustment_label("finding");
    let half = cells.iter().find_map(|(row, column)| {
        let key = key_of(&ADJUSTMENT_COLUMNS, &text_at(sheet, *row, *column)?)?;
        let missing = if key == "kind" { "finding" } else { "kind" };
        Some((cell_name(name, *row, *column), adjustment_label(missing)))
    });
    let help = Some(t!(
        "在第一行写上表头：A 列“{kind_zh}”，B 列“{finding_zh}”，其下每行一项",
        "write the headings on the first row: \"{kind_en}\" in column A, \"{finding_en}\" in column B, one item per row below"
    ));
    match half {
        Some((cell, (zh, en))) => out.refuse(
            cell,
            t!(
                "找不到表头行：这一行有表头，但缺少“{zh}”",
                "no heading row: this row has a heading, but no \"{en}\""
            ),
            help,
        ),
        None => out.refuse(
            sheet_reference(name),
            t!(
                "找不到表头行：需要一行包含“{kind_zh}”和“{finding_zh}”",
                "no heading row: a row must hold \"{kind_en}\" and \"{finding_en}\""
            ),
            help,
        ),
    }
    for (row, column) in cells {
        out.refuse(
            cell_name(name, row, column),
            t!(
                "本表没有“{kind_zh}”“{finding_zh}”表头行，bscore 无法读取此处的内容",
                "this sheet has no \"{kind_en}\" and \"{finding_en}\" heading row, so bscore cannot read this cell"
            ),
            None,
        );
    }
}

/// A cell above the second sheet's heading row: not an item, not read.
fn above_adjustment_heading(cell: String, out: &mut Writer) {
    let (kind_zh, kind_en) = adjustment_label("kind");
    let (finding_zh, finding_en) = adjustment_label("finding");
    out.refuse(
        cell,
        t!(
            "这一格在“{kind_zh}”“{finding_zh}”表头行的上方，bscore 不读取此处的内容",
            "this cell is above the \"{kind_en}\" and \"{finding_en}\" heading row, so bscore does not read it"
        ),
        Some(t!(
            "删除表头行上方的行，特别扣分和加分写在表头行下方",
            "delete the rows above the heading row; write special deductions and the bonus below it"
        )),
    );
}

/// The special deductions and the first bonus as TOML; a second bonus
/// is refused at its row (§8.3 c 4: at most one counts).
fn write_adjustments(rows: Vec<Adjustment>, out: &mut Writer) {
    let mut bonus_seen = false;
    for row in rows {
        if is_bonus(&row.kind) {
            if bonus_seen {
                second_bonus(row.kind_cell, out);
                continue;
            }
            bonus_seen = true;
            out.line("\n[bonus]");
            out.toml.push_str("practice = ");
        } else {
            out.line("\n[[special_deductions]]");
            out.toml.push_str("kind = ");
            let start = out.toml.len();
            out.put(&quoted(&row.kind), &row.kind_cell);
            out.kinds.push(start..out.toml.len());
            out.toml.push_str("\nfinding = ");
        }
        out.put(&quoted(&row.finding), &row.finding_cell);
        out.toml.push('\n');
    }
}

fn finding_missing(kind: &str, cell: String, out: &mut Writer) {
    let (zh, en) = adjustment_label("finding");
    let (kind_zh, kind_en) = adjustment_label("kind");
    let kind = crate::input::shortened(kind);
    out.refuse(
        cell,
        t!(
            "{kind_zh}为“{kind}”，但{zh}未填写",
            "{kind_en} is \"{kind}\", but {en} is empty"
        ),
        Some(t!(
            "在{zh}列写明发现的问题（加分则写所见的最佳实践），或清空这一行",
            "write what was found in the {en} column (for the bonus, the practice seen), or clear the row"
        )),
    );
}

fn kind_missing(cell: String, out: &mut Writer) {
    let (zh, en) = adjustment_label("kind");
    let (finding_zh, finding_en) = adjustment_label("finding");
    let (bonus, bonus_en) = (
        Labels::of(Lang::Zh).bonus_kind,
        Labels::of(Lang::En).bonus_kind,
    );
    out.refuse(
        cell,
        t!(
            "这一行写了{finding_zh}，但{zh}未填写",
            "this row has a {finding_en}, but no {en}"
        ),
        Some(t!(
            "在{zh}列从列表中选择特别扣分的类型，或“{bonus}”",
            "choose the special deduction's kind from the {en} column's list, or \"{bonus_en}\""
        )),
    );
}

fn second_bonus(cell: String, out: &mut Writer) {
    let (zh, en) = (
        Labels::of(Lang::Zh).bonus_kind,
        Labels::of(Lang::En).bonus_kind,
    );
    out.refuse(
        cell,
        t!(
            "最佳实践加分至多一项（8.3 c) 4)）：这是第二个“{zh}”行",
            "at most one best-practice bonus counts (8.3 c) 4)): this is a second \"{en}\" row"
        ),
        Some(t!(
            "只保留一行“{zh}”，其余的最佳实践写在第一行的发现里",
            "keep one \"{en}\" row; describe any other practice in its Finding"
        )),
    );
}

fn not_an_adjustment_column(cell: String, out: &mut Writer) {
    let (kind_zh, kind_en) = adjustment_label("kind");
    let (finding_zh, finding_en) = adjustment_label("finding");
    out.refuse(
        cell,
        t!(
            "bscore 只读取{kind_zh}和{finding_zh}两列，不读取此处的内容",
            "bscore reads only the {kind_en} and {finding_en} columns, not this cell"
        ),
        Some(t!(
            "把这里的内容写进同一行的{finding_zh}",
            "move this into the row's {finding_en}"
        )),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> FormAudit {
        FormAudit {
            toml: "x".repeat(40),
            cells: vec![
                (0..0, "评分表".into()),
                (10..15, "评分表!D8".into()),
                (20..25, "评分表!D9".into()),
            ],
            ..FormAudit::default()
        }
    }

    #[test]
    fn a_byte_is_named_by_its_cell_else_the_last_one_before_it() {
        let form = form();
        assert_eq!(form.cell_at(12), Some("评分表!D8"));
        assert_eq!(form.cell_at(22), Some("评分表!D9"));
        assert_eq!(form.cell_at(17), Some("评分表!D8"));
        assert_eq!(form.cell_at(5), Some("评分表"));
        assert_eq!(form.cell_at(39), Some("评分表!D9"));
    }

    #[test]
    fn plain_text_is_quoted_as_the_toml_crate_quotes_it() {
        for text in [
            "4.1.a",
            "9.200.x",
            "0.5",
            "-1",
            "a b_c+d:e/f",
            "",
            "ALIAS-1",
        ] {
            assert_eq!(quoted(text), toml::Value::String(text.into()).to_string());
        }
        // Anything else goes to the toml crate, escapes and all.
        assert_eq!(
            quoted("a\"b"),
            toml::Value::String("a\"b".into()).to_string()
        );
    }

    #[test]
    fn a_blank_cell_is_empty_and_text_is_trimmed() {
        assert_eq!(text_of(&Data::String("   ".into())), None);
        assert_eq!(text_of(&Data::String(" 0.5 ".into())), Some("0.5".into()));
        assert_eq!(text_of(&Data::Empty), None);
    }

    #[test]
    fn numbers_typed_as_text_are_read_as_numbers() {
        assert_eq!(number(&Data::String("0.5".into())).as_deref(), Some("0.5"));
        assert_eq!(number(&Data::String("3".into())).as_deref(), Some("3"));
        assert_eq!(number(&Data::Float(0.25)).as_deref(), Some("0.25"));
        assert_eq!(number(&Data::Int(8)).as_deref(), Some("8"));
        assert_eq!(number(&Data::String("010".into())).as_deref(), Some("10"));
        assert_eq!(
            number(&Data::String("00.50".into())).as_deref(),
            Some("0.50")
        );
        // TOML's own writings are not the form's numbers.
        for toml_only in [
            "1_0", "0.2_5", "0x1", "1e0", "inf", "nan", ".5", "5.", "1.2.3",
        ] {
            assert_eq!(
                number(&Data::String(toml_only.into())),
                Some(quoted(toml_only)),
                "{toml_only}"
            );
        }
        // Anything else stays text, for validation to explain.
        assert_eq!(
            number(&Data::String("半".into())).as_deref(),
            Some("\"半\"")
        );
    }

    #[test]
    fn the_kind_is_read_in_either_language() {
        assert_eq!(kind_id("初次评价"), "initial");
        assert_eq!(kind_id("Surveillance"), "surveillance");
        assert_eq!(kind_id("recertification"), "recertification");
        assert_eq!(kind_id("重新评价"), "recertification");
        assert_eq!(kind_id("再认证评价"), "recertification");
        assert_eq!(kind_id("Re-evaluation"), "recertification");
        assert_eq!(kind_id("年度评价"), "年度评价");
    }

    #[test]
    fn dates_are_read_when_written_year_month_day() {
        for (written, read) in [
            ("2026-03-15", "2026-03-15"),
            ("2026-3-15", "2026-03-15"),
            ("2026/03/15", "2026-03-15"),
            ("2026.3.5", "2026-03-05"),
            ("2026年11月20日", "2026-11-20"),
            ("2026年3月5日", "2026-03-05"),
            ("2026-03-15T00:00:00", "2026-03-15"),
        ] {
            assert_eq!(date(&Data::String(written.into())).as_deref(), Some(read));
        }
        // Another order, a day not in the calendar, mixed separators, a
        // time: text, for validation to explain.
        for other in [
            "15.03.2026",
            "03/15/2026",
            "2026-02-30",
            "2026年2月30日",
            "2026/03-15",
            "26-03-15",
            "2026-03-15 10:00",
            "2026年3月",
        ] {
            assert_eq!(
                date(&Data::String(other.into())),
                Some(format!("\"{other}\"")),
                "{other}"
            );
        }
    }

    #[test]
    fn cells_are_ordered_by_sheet_then_row_then_column() {
        let first = Some("评分表");
        let order = |key: &str| cell_order(Some(key), first);
        assert!(order("评分表!B2") < order("评分表!A3"));
        assert!(order("评分表!A3") < order("评分表!B3"));
        assert!(order("评分表!Z9") < order("评分表!AA9"));
        assert!(order("评分表!A100") < order("特别扣分与加分!A2"));
        assert!(cell_order(None, first) < order("评分表!A1"));
        assert!(order("评分表") < order("评分表!A1"));
        // Whatever the sheet's name or the reference, never an overflow.
        let first = Some("'评分!表'");
        let order = |key: &str| cell_order(Some(key), first);
        assert!(order("'评分!表'!D9") < order("'评分!表'!D11"));
        assert!(order("'评分!表'!Z99") < order("特别扣分与加分!A1"));
        for odd in [
            "x!",
            "!",
            "'",
            "''!a1",
            "评分表!zz9",
            "a!b!c",
            "评分表!XFDXFDXFD1",
        ] {
            let _ = order(odd);
        }
    }

    #[test]
    fn a_sheet_is_quoted_in_a_reference_as_excel_quotes_it() {
        assert_eq!(cell_name("评分表", 10, 3), "评分表!D11");
        assert_eq!(cell_name("Sheet2", 0, 0), "Sheet2!A1");
        assert_eq!(cell_name("评分!表", 10, 3), "'评分!表'!D11");
        assert_eq!(
            cell_name("Deductions and bonus", 0, 0),
            "'Deductions and bonus'!A1"
        );
        assert_eq!(cell_name("it's", 0, 0), "'it''s'!A1");
        assert_eq!(cell_name("A1", 0, 0), "'A1'!A1");
        assert_eq!(split_reference("'it''s'!B2"), ("'it''s'", "B2"));
    }

    #[test]
    fn a_problem_is_named_by_its_cell_or_by_its_fields_place() {
        let mut form = form();
        form.places = vec![("audit.organization".into(), "评分表!B2".into())];
        let error = InputError::new(
            "form.xlsx",
            &form.toml,
            vec![
                Diagnostic::new(t!("未知", "unknown"))
                    .at(11..12)
                    .help(t!("从列表中选择", "choose from the list")),
                Diagnostic::new(t!("经营者未填写", "Organization is not filled in"))
                    .at(0..0)
                    .key("audit.organization"),
            ],
        );
        let relocated = form.relocate(error);
        let [missing, unknown] = &relocated.problems[..] else {
            panic!("two problems expected");
        };
        assert_eq!(unknown.diagnostic.key.as_deref(), Some("评分表!D8"));
        assert!(unknown.diagnostic.help.is_some(), "a form's help is kept");
        assert_eq!(missing.diagnostic.key.as_deref(), Some("评分表!B2"));
        assert!(unknown.diagnostic.span.is_none() && unknown.excerpt.is_none());
    }
}
