//! Reading a form: the audit it holds, written as TOML, with the cell each
//! value came from, so that the TOML's problems can be named by sheet and
//! cell (`评分表!D23`), in the form's own words; and whatever was typed
//! into the form that the audit cannot hold, named by its cell, so that
//! nothing typed in is dropped in silence.
//!
//! This file reads the workbook and its first sheet's rows; the pieces it
//! uses are modules of their own, each below it: `cells` names cells,
//! `values` reads a cell's value, `headings` finds the heading row,
//! `builder` writes the TOML, `adjustments` reads the second sheet, and
//! `held` is what comes out, validated and named by cell.

use super::adjustments::adjustment_rows;
use super::builder::{Writer, filled_cells};
use super::cells::{cell_name, sheet_reference};
use super::headings::{Heading, heading_row, read_headings, twice_in_heading};
use super::held::FormAudit;
use super::samples::{self, Sampled, counts_samples, is_sheet};
use super::unpack::{self, Cells, NotRead, read_sheet};
use super::values::{date, is_blank, number, quoted, text_at, text_of, written_text};
use super::{FIELDS, READ_COLUMNS, SHEETS, column_label, is_required_column, key_of};
use crate::audit::AuditKind;
use crate::diagnostic::{Diagnostic, InputError};
use crate::message::Lang;
use crate::message::t;
use crate::render::Labels;
use calamine::{Data, Reader, Xlsx};
use rustc_hash::FxHashMap;
use std::fmt::Write;
use std::io::Cursor;

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
    let (mut sampled, read_sheets) = sites_and_samples(&mut workbook, file, &names, &mut out)?;
    out.toml.push('\n');
    out.put("[indicators]", &sheet_reference(&first));
    out.toml.push('\n');
    indicators(sheet, formulas, &first, &heading, &mut sampled, &mut out);
    // A part's rows are its member's indicators: items of one without a
    // row there are no one's to take.
    let part = super::held::holds_part(&out.toml);
    sampled.write_rest(&mut out, part);
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
        .filter(|sheet| !is_result_sheet(sheet) && !read_sheets.contains(&sheet.name))
    {
        if let Some(cells) = other_sheet(&mut workbook, file, &sheet.name)? {
            unread_sheet(&cells.values, &sheet.name, read, &mut out);
        }
    }
    Ok(out.finish())
}

/// The sites sheet and the samples sheet, by name, wherever they are
/// after the first two: `[[sites]]` written, and the items read for
/// their indicators' rows; and the names of the sheets read. A second
/// sheet of either name (现场 and Sites both) is not one of them, and is
/// told as a sheet bscore does not read, never passed over.
fn sites_and_samples<RS: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<RS>,
    file: &str,
    names: &[String],
    out: &mut Writer,
) -> Result<(Sampled, Vec<String>), InputError> {
    let named = |which: (&str, &str)| {
        (names.iter().skip(2))
            .find(|name| is_sheet(name, which))
            .cloned()
    };
    let mut read = Vec::new();
    let mut sites = samples::Sites::default();
    if let Some(name) = named(SHEETS[2])
        && let Some(cells) = other_sheet(workbook, file, &name)?
    {
        sites = samples::read_sites(&cells.values, &name, out);
        samples::write_sites(&sites, out);
        unstored_formulas(&cells.values, &cells.formulas, &name, |_, _| true, out);
        read.push(name);
    }
    let mut sampled = Sampled::default();
    if let Some(name) = named(SHEETS[3])
        && let Some(cells) = other_sheet(workbook, file, &name)?
    {
        sampled = samples::read_samples(&cells.values, &name, &sites, out);
        unstored_formulas(&cells.values, &cells.formulas, &name, |_, _| true, out);
        read.push(name);
    }
    Ok((sampled, read))
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

/// A sheet after the first two, but the sites and samples sheets: bscore
/// reads nothing there, so every cell that holds something is reported (a 法律法规 row typed on a third
/// sheet would otherwise be dropped).
fn unread_sheet(sheet: &Cells<Data>, name: &str, read: [&str; 2], out: &mut Writer) {
    let [first, second] = read;
    // The sites and samples sheets named in the first sheet's language.
    let english = first.eq_ignore_ascii_case(SHEETS[0].1);
    let [sites, samples] = [SHEETS[2], SHEETS[3]].map(|(zh, en)| if english { en } else { zh });
    for (row, column) in filled_cells(sheet.all()) {
        out.refuse(
            cell_name(name, row, column),
            t!(
                "bscore 只读取“{first}”“{second}”“{sites}”“{samples}”四张工作表，不读取此处的内容",
                "bscore reads only the sheets \"{first}\", \"{second}\", \"{sites}\" and \"{samples}\", not this cell"
            ),
            Some(t!(
                "把它移到这四张工作表中相应的一张（同名的工作表只读第一张），或删除",
                "move it to the one of these sheets it belongs on (of two sheets of one name, the first is read), or delete it"
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
                .filter(|key| is_required_column(key))
                .filter(|key| !found.iter().any(|(k, _)| k == key))
                .collect()
        }
        None => (READ_COLUMNS.iter().copied())
            .filter(|key| is_required_column(key))
            .collect(),
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

fn indicators(
    sheet: &Cells<Data>,
    formulas: &Cells<String>,
    name: &str,
    heading: &Heading,
    sampled: &mut Sampled,
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
            if is_live_count(key, formulas.get(row, column)) {
                continue;
            }
            let literal = match *key {
                "coefficient" | "sampled" | "nonconforming" | "population" => number(value),
                "record" | "note" => written_text(value).map(|text| quoted(&text)),
                _ => text_of(value).map(|text| quoted(&text)),
            };
            if let Some(literal) = literal {
                parts.push((*key, literal, cell_name(name, row, column)));
            }
        }
        let id = text_at(sheet, row, id_column);
        let listed = id.as_ref().is_some_and(|id| sampled.has(id));
        if parts.is_empty() && !listed {
            blank_row(sheet, name, heading, row, out);
            continue;
        }
        let id_cell = cell_name(name, row, id_column);
        let Some(id) = id else {
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
        let count = heading
            .column_of("sampled")
            .map_or(id_cell, |c| cell_name(name, row, c));
        sampled.write_into(&id, parts.is_empty(), &count, out);
        out.toml.push_str(" }\n");
        out.indicator_rows.push((id, line_start..out.toml.len()));
    }
}

/// Whether a checklist cell is the live count of the samples sheet that
/// bscore writes in 抽样数 and 不符合数: the items are read, not the count.
fn is_live_count(key: &str, formula: Option<&String>) -> bool {
    ["sampled", "nonconforming"].contains(&key) && formula.is_some_and(|f| counts_samples(f))
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
        // A live count of the samples sheet is not read, whatever it holds.
        let not_read = !read(row, column) || counts_samples(formula);
        if formula.trim().is_empty() || stored || not_read {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
