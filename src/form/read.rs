//! Reading a form: the audit it holds, written as TOML, with the cell each
//! value came from, so that the TOML's problems can be named by sheet and
//! cell (`评分表!D23`).

use super::{ADJUSTMENT_COLUMNS, ADJUSTMENT_KINDS, COLUMNS, FIELDS, KINDS, READ_COLUMNS, key_of};
use crate::diagnostic::{Diagnostic, InputError, Located};
use crate::t;
use calamine::{Data, Range as Sheet, Reader, Xlsx};
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
}

impl FormAudit {
    /// The cell a byte of the TOML came from; for a byte between cells (a
    /// table header, a missing key), the last cell or sheet before it.
    fn cell_at(&self, offset: usize) -> Option<&str> {
        (self.cells.iter())
            .find(|(range, _)| range.contains(&offset))
            .or_else(|| {
                self.cells
                    .iter()
                    .rev()
                    .find(|(range, _)| range.start <= offset)
            })
            .map(|(_, cell)| cell.as_str())
    }

    /// The problems of the TOML named by sheet and cell: `help` lines
    /// that show a corrected TOML line are left out, as the form has none.
    pub fn relocate(&self, error: InputError) -> InputError {
        let problems = (error.problems.into_iter())
            .map(|problem| {
                let mut diagnostic = problem.diagnostic;
                let cell = diagnostic
                    .span
                    .as_ref()
                    .and_then(|span| self.cell_at(span.start));
                diagnostic.key = cell.map(str::to_string);
                diagnostic.span = None;
                // Suggestions that show TOML lines do not apply to a form.
                if !diagnostic
                    .help
                    .as_ref()
                    .is_some_and(|help| help.en.starts_with("did you mean"))
                {
                    diagnostic.help = None;
                }
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

/// A form's problem before its audit could be written: `cell` names it.
fn problem(file: &str, cell: String, message: crate::message::Text) -> InputError {
    let mut error = InputError::new(file, "", vec![Diagnostic::new(message)]);
    if let Some(first) = error.problems.first_mut() {
        first.diagnostic.key = Some(cell);
    }
    error
}

/// The audit the XLSX form `bytes` holds.
pub fn read_form(file: &str, bytes: &[u8]) -> Result<FormAudit, InputError> {
    let mut workbook: Xlsx<_> =
        calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|_| {
            InputError::whole_file(
                file,
                t!(
                    "不是可读取的 XLSX 工作簿（请用 Excel、WPS 或 LibreOffice 另存为 .xlsx）",
                    "not a readable XLSX workbook (save it as .xlsx from Excel, WPS or LibreOffice)"
                ),
            )
        })?;
    let names = workbook.sheet_names();
    let Some(first) = names.first().cloned() else {
        return Err(InputError::whole_file(
            file,
            t!("工作簿中没有工作表", "the workbook has no sheet"),
        ));
    };
    let sheet = workbook.worksheet_range(&first).map_err(|_| {
        InputError::whole_file(
            file,
            t!("无法读取第一张工作表", "the first sheet cannot be read"),
        )
    })?;
    let mut out = Writer::default();
    // Problems of the audit or indicators as a whole name the sheet.
    out.put("[audit]", &first);
    out.toml.push('\n');
    let heading = heading_row(&sheet).ok_or_else(|| {
        let wanted: Vec<&str> = COLUMNS
            .iter()
            .filter(|(k, _, _)| READ_COLUMNS.contains(k))
            .map(|(_, zh, _)| *zh)
            .collect();
        let en: Vec<&str> = COLUMNS
            .iter()
            .filter(|(k, _, _)| READ_COLUMNS.contains(k))
            .map(|(_, _, en)| *en)
            .collect();
        let (zh, en) = (wanted.join("、"), en.join(", "));
        problem(
            file,
            first.clone(),
            t!(
                "找不到表头行：需要一行包含 {zh}",
                "no heading row: a row must hold {en}"
            ),
        )
    })?;
    fields(&sheet, &first, heading.row, &mut out);
    out.toml.push('\n');
    out.put("[indicators]", &first);
    out.toml.push('\n');
    indicators(&sheet, &first, &heading, &mut out);
    if let Some(second) = names.get(1)
        && let Ok(adjustments) = workbook.worksheet_range(second)
    {
        adjustment_rows(&adjustments, second, &mut out);
    }
    Ok(out.finish())
}

/// The TOML being written and the cells behind it.
#[derive(Default)]
struct Writer {
    toml: String,
    cells: Vec<(Range<usize>, String)>,
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

    fn finish(self) -> FormAudit {
        FormAudit {
            toml: self.toml,
            cells: self.cells,
        }
    }
}

/// `评分表!D23` for a 0-based row and column.
fn cell_name(sheet: &str, row: u32, column: u32) -> String {
    let column = u16::try_from(column).unwrap_or(u16::MAX);
    format!(
        "{sheet}!{}",
        rust_xlsxwriter::utility::row_col_to_cell(row, column)
    )
}

/// A cell's text as a person would read it.
fn text_of(data: &Data) -> Option<String> {
    match data {
        Data::Empty => None,
        Data::String(text) if text.trim().is_empty() => None,
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Some(text.trim().to_string())
        }
        // The shortest decimal that reads back as the same double: what a
        // spreadsheet shows for 0.3.
        Data::Float(number) => Some(number.to_string()),
        Data::Int(number) => Some(number.to_string()),
        Data::Bool(value) => Some(value.to_string()),
        Data::DateTime(date) => Some(date.as_f64().to_string()),
        Data::Error(error) => Some(format!("{error:?}")),
    }
}

/// A TOML string literal.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// A number as written in a cell: numbers as they are, text holding a
/// decimal exactly as written, anything else as text (which validation
/// then explains).
fn number(data: &Data) -> Option<String> {
    let text = text_of(data)?;
    let is_number = matches!(data, Data::Float(_) | Data::Int(_))
        || toml::de::DeValue::parse(&text).is_ok_and(|value| {
            matches!(
                value.get_ref(),
                toml::de::DeValue::Integer(_) | toml::de::DeValue::Float(_)
            )
        });
    Some(if is_number { text } else { quoted(&text) })
}

/// A date cell, or text written 2026-03-15, as a TOML date.
fn date(data: &Data) -> Option<String> {
    if let Data::DateTime(date) = data {
        let days = date.as_f64().floor() as i64;
        let origin = jiff::civil::date(1899, 12, 30);
        return origin
            .checked_add(jiff::Span::new().days(days))
            .ok()
            .map(|date| date.to_string());
    }
    let text = text_of(data)?;
    let iso = text.len() == 10 && jiff::civil::Date::strptime("%Y-%m-%d", &text).is_ok();
    Some(if iso { text } else { quoted(&text) })
}

fn fields(sheet: &Sheet<Data>, name: &str, heading: u32, out: &mut Writer) {
    for row in 0..heading {
        let Some(label) = sheet.get_value((row, 0)).and_then(text_of) else {
            continue;
        };
        let Some(key) = key_of(&FIELDS, &label) else {
            continue;
        };
        let Some(value) = sheet.get_value((row, 1)) else {
            continue;
        };
        let cell = cell_name(name, row, 1);
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
            "kind" => text_of(value).map(|kind| quoted(kind_id(&kind))),
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

/// The audit kind's id for what the form's list offers (初次评价,
/// Initial, initial); anything else as written, for validation to explain.
fn kind_id(kind: &str) -> &str {
    KINDS
        .iter()
        .find(|(id, zh, en)| kind == *zh || kind.eq_ignore_ascii_case(en) || kind == *id)
        .map_or(kind, |(id, _, _)| id)
}

/// The heading row and the column of each key read.
struct Heading {
    row: u32,
    columns: Vec<(&'static str, u32)>,
}

fn heading_row(sheet: &Sheet<Data>) -> Option<Heading> {
    let (height, width) = sheet.get_size();
    (0..height as u32).find_map(|row| {
        let columns: Vec<(&'static str, u32)> = (0..width as u32)
            .filter_map(|column| {
                let label = sheet.get_value((row, column)).and_then(text_of)?;
                let key = key_of(&COLUMNS, &label)?;
                READ_COLUMNS.contains(&key).then_some((key, column))
            })
            .collect();
        (columns.len() == READ_COLUMNS.len()).then_some(Heading { row, columns })
    })
}

fn indicators(sheet: &Sheet<Data>, name: &str, heading: &Heading, out: &mut Writer) {
    let (height, _) = sheet.get_size();
    let column_of = |key: &str| {
        heading
            .columns
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, c)| *c)
    };
    let Some(id_column) = column_of("id") else {
        return;
    };
    for row in heading.row + 1..height as u32 {
        let Some(id) = sheet.get_value((row, id_column)).and_then(text_of) else {
            continue;
        };
        let mut parts = Vec::new();
        for key in &READ_COLUMNS[1..] {
            let Some(column) = column_of(key) else {
                continue;
            };
            let Some(value) = sheet.get_value((row, column)) else {
                continue;
            };
            let literal = match *key {
                "coefficient" | "sampled" | "nonconforming" => number(value),
                _ => text_of(value).map(|text| quoted(&text)),
            };
            if let Some(literal) = literal {
                parts.push((*key, literal, cell_name(name, row, column)));
            }
        }
        if parts.is_empty() {
            continue;
        }
        out.put(&quoted(&id), &cell_name(name, row, id_column));
        out.toml.push_str(" = { ");
        for (index, (key, literal, cell)) in parts.iter().enumerate() {
            if index > 0 {
                out.toml.push_str(", ");
            }
            let _ = write!(out.toml, "{key} = ");
            out.put(literal, cell);
        }
        out.toml.push_str(" }\n");
    }
}

fn adjustment_rows(sheet: &Sheet<Data>, name: &str, out: &mut Writer) {
    let (height, width) = sheet.get_size();
    let heading = (0..height as u32).find_map(|row| {
        let find = |key: &str| {
            (0..width as u32).find(|column| {
                sheet
                    .get_value((row, *column))
                    .and_then(text_of)
                    .and_then(|label| key_of(&ADJUSTMENT_COLUMNS, &label))
                    == Some(key)
            })
        };
        Some((row, find("kind")?, find("finding")?))
    });
    let Some((heading, kind_column, finding_column)) = heading else {
        return;
    };
    let rows: Vec<u32> = (heading + 1..height as u32)
        .filter(|row| {
            sheet
                .get_value((*row, kind_column))
                .and_then(text_of)
                .is_some()
        })
        .collect();
    let kind_of = |row: u32| {
        let kind = sheet
            .get_value((row, kind_column))
            .and_then(text_of)
            .unwrap_or_default();
        ADJUSTMENT_KINDS
            .iter()
            .find(|(_, words)| {
                words
                    .iter()
                    .any(|word| word.eq_ignore_ascii_case(kind.trim()))
            })
            .map_or(kind.clone(), |(id, _)| id.to_string())
    };
    let bonuses = rows.iter().filter(|row| kind_of(**row) == "bonus").count();
    for row in rows {
        let kind = kind_of(row);
        let finding = sheet
            .get_value((row, finding_column))
            .and_then(text_of)
            .unwrap_or_default();
        let finding_cell = cell_name(name, row, finding_column);
        if kind == "bonus" {
            out.line(if bonuses > 1 {
                "\n[[bonus]]"
            } else {
                "\n[bonus]"
            });
            out.toml.push_str("practice = ");
        } else {
            out.line("\n[[special_deductions]]");
            out.toml.push_str("kind = ");
            out.put(&quoted(&kind), &cell_name(name, row, kind_column));
            out.toml.push_str("\nfinding = ");
        }
        out.put(&quoted(&finding), &finding_cell);
        out.toml.push('\n');
    }
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
        assert_eq!(kind_id("年度评价"), "年度评价");
    }

    #[test]
    fn dates_are_read_only_when_written_like_2026_03_15() {
        assert_eq!(
            date(&Data::String("2026-03-15".into())).as_deref(),
            Some("2026-03-15")
        );
        for other in ["2026/03/15", "2026-3-15", "15.03.2026", "2026-02-30"] {
            assert_eq!(
                date(&Data::String(other.into())),
                Some(format!("\"{other}\""))
            );
        }
    }

    #[test]
    fn only_did_you_mean_help_survives_on_a_form() {
        let form = form();
        let error = InputError::new(
            "form.xlsx",
            &form.toml,
            vec![
                Diagnostic::new(t!("未知", "unknown"))
                    .at(11..12)
                    .help(t!("是否想写 `initial`？", "did you mean `initial`?")),
                Diagnostic::new(t!("格式", "format"))
                    .at(21..22)
                    .help(t!("改为 \"4.1.a\" = 0.5", "change it to \"4.1.a\" = 0.5")),
            ],
        );
        let relocated = form.relocate(error);
        let [kept, dropped] = &relocated.problems[..] else {
            panic!("two problems expected");
        };
        assert_eq!(kept.diagnostic.key.as_deref(), Some("评分表!D8"));
        assert!(kept.diagnostic.help.is_some());
        assert_eq!(dropped.diagnostic.key.as_deref(), Some("评分表!D9"));
        assert!(dropped.diagnostic.help.is_none());
        assert!(kept.diagnostic.span.is_none() && kept.excerpt.is_none());
    }
}
