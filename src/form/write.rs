//! Writing the form: empty (`template --format xlsx`) or filled from an
//! audit (`convert`). Input cells are unlocked and guided by data
//! validation; the computed columns are live formulas, locked, that show
//! every figure cut as bscore's reports do (see `render::xlsx`).

use super::{ADJUSTMENT_COLUMNS, COLUMNS, FIELDS, READ_COLUMNS, SHEETS};
use crate::audit::{Audit, AuditKind, Measure, Status};
use crate::checklist::Checklist;
use crate::message::Lang;
use crate::number::{Exact, SCORE_PLACES, trimmed};
use crate::render::xlsx::{grade_formula, snapped_cut};
use crate::render::{Labels, Words};
use crate::text::{spreadsheet_safe, visible};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula,
    Workbook, Worksheet, XlsxError,
};

/// Row of the column headings (0-based); the rows above hold the title,
/// the audit's fields and a note.
pub(super) const HEADING_ROW: u32 = 9;

/// Widths of the form's columns, in digit widths.
const WIDTHS: [f64; COLUMNS.len()] = [
    10.0, 50.0, 8.0, 10.0, 8.0, 9.0, 22.0, 22.0, 26.0, 22.0, 10.0, 10.0,
];

/// Rows of the second sheet that the formulas count.
const ADJUSTMENT_ROWS: u32 = 100;

/// The hidden column that computes each row's earned points exactly.
const EXACT: u16 = COLUMNS.len() as u16;

fn column(key: &str) -> u16 {
    COLUMNS.iter().position(|(k, _, _)| *k == key).unwrap_or(0) as u16
}

fn cell(row: u32, column: u16) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, column)
}

fn text(value: &str) -> String {
    spreadsheet_safe(&visible(value, true)).into_owned()
}

struct Styles {
    title: Format,
    label: Format,
    heading: Format,
    locked: Format,
    figure: Format,
    input: Format,
    date: Format,
    hidden: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = Format::new()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::Top)
            .set_text_wrap();
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            label: border.clone().set_bold().set_background_color("#EEF1F5"),
            heading: border.clone().set_bold().set_background_color("#EEF1F5"),
            locked: border.clone().set_background_color("#F2F2F2"),
            figure: border
                .clone()
                .set_background_color("#F2F2F2")
                .set_num_format("0.00"),
            input: border.clone().set_unlocked(),
            date: border.clone().set_unlocked().set_num_format("yyyy-mm-dd"),
            hidden: Format::new().set_num_format("General"),
        }
    }
}

/// The form as an XLSX workbook: empty when `audit` is `None`.
pub fn form_workbook(
    checklist: &Checklist,
    audit: Option<&Audit>,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let words = Words::new(lang, checklist);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let (first, second) = match lang {
        Lang::Zh => (SHEETS[0].0, SHEETS[1].0),
        Lang::En => (SHEETS[0].1, SHEETS[1].1),
    };
    let sheet = workbook.add_worksheet().set_name(first)?;
    write_checklist_sheet(sheet, checklist, audit, &words, &styles, second)?;
    let adjustments = workbook.add_worksheet().set_name(second)?;
    write_adjustments(adjustments, checklist, audit, lang, &styles)?;
    workbook.save_to_buffer()
}

fn label(lang: Lang, entry: &(&str, &'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Zh => entry.1,
        Lang::En => entry.2,
    }
}

fn write_checklist_sheet(
    sheet: &mut Worksheet,
    checklist: &Checklist,
    audit: Option<&Audit>,
    words: &Words<'_>,
    styles: &Styles,
    adjustments: &str,
) -> Result<(), XlsxError> {
    let lang = words.lang;
    for (index, width) in (0u16..).zip(WIDTHS) {
        sheet.set_column_width(index, width)?;
    }
    sheet.set_column_hidden(EXACT)?;
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(HEADING_ROW, HEADING_ROW)?;
    let footer = match audit {
        Some(audit) => {
            let organization = visible(&audit.meta.organization, true).replace('&', "&&");
            format!("&L{organization}  {}&R&P / &N", audit.meta.date)
        }
        None => "&R&P / &N".to_string(),
    };
    sheet.set_footer(footer);
    let title = format!("{} — {}", words.standard(), words.labels.appendix_title);
    sheet.merge_range(0, 0, 0, column("applicable"), &title, &styles.title)?;
    write_fields(sheet, audit, lang, styles)?;
    let note = match lang {
        Lang::Zh => {
            "白色单元格由评价人员填写；灰色单元格为公式，按两位小数截断显示。bscore 的精确评价为准：bscore evaluate 本文件。"
        }
        Lang::En => {
            "Fill in the white cells; grey cells are formulas, shown cut to two decimals. bscore's exact evaluation is authoritative: run bscore evaluate on this file."
        }
    };
    sheet.merge_range(
        HEADING_ROW - 1,
        0,
        HEADING_ROW - 1,
        column("applicable"),
        note,
        &Format::new().set_italic(),
    )?;
    for (index, entry) in (0u16..).zip(COLUMNS.iter()) {
        sheet.write_string_with_format(HEADING_ROW, index, label(lang, entry), &styles.heading)?;
    }
    sheet.write_string(HEADING_ROW, EXACT, "exact")?;
    let first = HEADING_ROW + 1;
    let mut row = first;
    for (category_index, category) in checklist.categories.iter().enumerate() {
        let start = row;
        for (index, indicator) in checklist.indicators.iter().enumerate() {
            if indicator.category != category_index {
                continue;
            }
            let entry = audit.map(|audit| &audit.entries[index]);
            write_indicator_row(sheet, row, checklist, index, entry, words, styles)?;
            row += 1;
        }
        write_subtotal(sheet, row, start, words.category(category), words, styles)?;
        row += 1;
    }
    let last = row - 1;
    validations(sheet, first, last, lang)?;
    write_totals(sheet, checklist, first, last, words, styles, adjustments)?;
    sheet.protect();
    Ok(())
}

fn write_fields(
    sheet: &mut Worksheet,
    audit: Option<&Audit>,
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let meta = audit.map(|audit| &audit.meta);
    for (offset, entry) in (1u32..).zip(FIELDS.iter()) {
        sheet.write_string_with_format(offset, 0, label(lang, entry), &styles.label)?;
        let date = |date: Option<jiff::civil::Date>| {
            date.map(|d| ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8))
        };
        match entry.0 {
            "date" | "cycle_start" => {
                let value = match entry.0 {
                    "date" => date(meta.map(|m| m.date)),
                    _ => date(meta.and_then(|m| m.cycle_start.filter(|start| *start != m.date))),
                };
                match value {
                    Some(value) => {
                        sheet.write_datetime_with_format(offset, 1, &value?, &styles.date)?;
                    }
                    None => {
                        sheet.write_blank(offset, 1, &styles.date)?;
                    }
                }
            }
            key => {
                let value = meta.map(|meta| match key {
                    "organization" => text(&meta.organization),
                    "service" => text(&meta.service),
                    "assessors" => text(&meta.assessors.join("、")),
                    _ => kind_name(meta.kind, lang).to_string(),
                });
                sheet.write_string_with_format(
                    offset,
                    1,
                    value.unwrap_or_default(),
                    &styles.input,
                )?;
            }
        }
    }
    let kinds = Labels::of(lang).kinds;
    let row = 1 + FIELDS
        .iter()
        .position(|(key, _, _)| *key == "kind")
        .unwrap_or(0) as u32;
    sheet.add_data_validation(
        row,
        1,
        row,
        1,
        &DataValidation::new().allow_list_strings(&kinds)?,
    )?;
    Ok(())
}

/// The kind's name as the reports write it (重新评价, the standard's word).
fn kind_name(kind: AuditKind, lang: Lang) -> &'static str {
    Labels::of(lang).kind(kind)
}

#[allow(clippy::too_many_arguments)]
fn write_indicator_row(
    sheet: &mut Worksheet,
    row: u32,
    checklist: &Checklist,
    index: usize,
    entry: Option<&crate::audit::Entry>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let indicator = &checklist.indicators[index];
    sheet.write_string_with_format(row, column("id"), &indicator.id, &styles.locked)?;
    sheet.write_string_with_format(
        row,
        column("check"),
        words.indicator(indicator),
        &styles.locked,
    )?;
    sheet.write_number_with_format(
        row,
        column("points"),
        to_f64(&indicator.points),
        &styles.locked,
    )?;
    // Every column read, but the id: the assessor's input cells.
    for key in &READ_COLUMNS[1..] {
        sheet.write_blank(row, column(key), &styles.input)?;
    }
    if let Some(entry) = entry {
        write_entry(sheet, row, entry, styles)?;
    }
    // Tall enough for every line of the check text and what is filled in
    // (LibreOffice does not fit rows when it opens a file).
    let mut cells = vec![(
        words.indicator(indicator).to_string(),
        WIDTHS[column("check") as usize],
    )];
    for (text, key) in entry.map(entry_texts).unwrap_or_default() {
        cells.push((text, WIDTHS[column(key) as usize]));
    }
    let cells: Vec<(&str, f64)> = (cells.iter())
        .map(|(text, width)| (text.as_str(), *width))
        .collect();
    sheet.set_row_height(row, crate::render::xlsx::wrapped_height(&cells))?;
    // Live: a row left empty counts as conforming, as bscore reads an
    // unassessed indicator; an exclusion not rejected counts nothing.
    let at = |key: &str| cell(row, column(key));
    let excluded = format!("AND({}<>\"\",{}=\"\")", at("excluded"), at("rejected"));
    let coefficient = format!(
        "IF({c}<>\"\",{c},IF(AND(ISNUMBER({s}),{s}>0),{n}/{s},0))",
        c = at("coefficient"),
        s = at("sampled"),
        n = at("nonconforming")
    );
    sheet.write_formula_with_format(
        row,
        EXACT,
        Formula::new(format!(
            "=IF({excluded},\"\",(1-{coefficient})*{})",
            at("points")
        )),
        &styles.hidden,
    )?;
    let exact = cell(row, EXACT);
    sheet.write_formula_with_format(
        row,
        column("earned"),
        Formula::new(format!("=IF({exact}=\"\",\"\",{})", snapped_cut(&exact, 2))),
        &styles.figure,
    )?;
    sheet.write_formula_with_format(
        row,
        column("applicable"),
        Formula::new(format!("=IF({excluded},0,{})", at("points"))),
        &styles.figure,
    )?;
    Ok(())
}

/// A category's subtotal row: its earned and applicable points, live.
fn write_subtotal(
    sheet: &mut Worksheet,
    row: u32,
    start: u32,
    name: &str,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let label = format!("{name} {}", words.labels.total);
    for column_index in 0..EXACT {
        sheet.write_blank(row, column_index, &styles.label)?;
    }
    sheet.write_string_with_format(row, column("check"), label, &styles.label)?;
    let range =
        |key_column: u16| format!("{}:{}", cell(start, key_column), cell(row - 1, key_column));
    sheet.write_formula_with_format(
        row,
        column("earned"),
        Formula::new(format!(
            "={}",
            snapped_cut(&format!("SUM({})", range(EXACT)), 2)
        )),
        &styles.figure,
    )?;
    sheet.write_formula_with_format(
        row,
        column("applicable"),
        Formula::new(format!(
            "={}",
            snapped_cut(&format!("SUM({})", range(column("applicable"))), 2)
        )),
        &styles.figure,
    )?;
    Ok(())
}

/// The texts an entry fills in, with their columns' keys.
fn entry_texts(entry: &crate::audit::Entry) -> Vec<(String, &'static str)> {
    let mut texts = Vec::new();
    if let Status::Excluded { reason } | Status::ExclusionRejected { reason, .. } = &entry.status {
        texts.push((reason.clone(), "excluded"));
    }
    if let Status::ExclusionRejected { rejection, .. } = &entry.status {
        texts.push((rejection.clone(), "rejected"));
    }
    texts.extend(entry.record.clone().map(|text| (text, "record")));
    texts.extend(entry.note.clone().map(|text| (text, "note")));
    texts
}

/// An audit's finding in the row's input cells.
fn write_entry(
    sheet: &mut Worksheet,
    row: u32,
    entry: &crate::audit::Entry,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let measure = match &entry.status {
        // The form has every indicator: an unassessed one conforms.
        Status::Unassessed => Some(Measure::Coefficient(Exact::from_integer(0))),
        Status::Assessed(measure) => Some(measure.clone()),
        Status::Excluded { reason } => {
            sheet.write_string_with_format(row, column("excluded"), text(reason), &styles.input)?;
            None
        }
        Status::ExclusionRejected {
            reason,
            rejection,
            measure,
        } => {
            sheet.write_string_with_format(row, column("excluded"), text(reason), &styles.input)?;
            sheet.write_string_with_format(
                row,
                column("rejected"),
                text(rejection),
                &styles.input,
            )?;
            Some(measure.clone())
        }
    };
    match measure {
        Some(Measure::Coefficient(value)) => write_decimal(sheet, row, &value, styles)?,
        Some(Measure::Sample {
            sampled,
            nonconforming,
        }) => {
            sheet.write_number_with_format(
                row,
                column("sampled"),
                sampled as f64,
                &styles.input,
            )?;
            sheet.write_number_with_format(
                row,
                column("nonconforming"),
                nonconforming as f64,
                &styles.input,
            )?;
        }
        None => {}
    }
    for (key, value) in [("record", &entry.record), ("note", &entry.note)] {
        if let Some(value) = value {
            sheet.write_string_with_format(row, column(key), text(value), &styles.input)?;
        }
    }
    Ok(())
}

/// A coefficient as a number cell when the double it becomes reads back
/// as the same decimal (as every decimal of up to fifteen digits does),
/// else as text, which is read exactly as written.
fn write_decimal(
    sheet: &mut Worksheet,
    row: u32,
    value: &Exact,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let decimal = trimmed(value, crate::number::MAX_DECIMAL_DIGITS as u32);
    let double = to_f64(value);
    if double.to_string() == decimal {
        sheet.write_number_with_format(row, column("coefficient"), double, &styles.input)?;
    } else {
        sheet.write_string_with_format(row, column("coefficient"), decimal, &styles.input)?;
    }
    Ok(())
}

fn to_f64(value: &Exact) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// Data validation of the input columns: a coefficient from 0 to 1, whole
/// samples of at least one, no more nonconforming than sampled.
fn validations(sheet: &mut Worksheet, first: u32, last: u32, lang: Lang) -> Result<(), XlsxError> {
    let (coefficient, sampled, nonconforming) = match lang {
        Lang::Zh => (
            "扣分系数是 0 到 1 之间的小数",
            "抽样数是不小于 1 的整数",
            "不符合数是 0 到抽样数之间的整数",
        ),
        Lang::En => (
            "a deduction coefficient is a decimal from 0 to 1",
            "the number sampled is a whole number of at least 1",
            "the number nonconforming is a whole number from 0 to the number sampled",
        ),
    };
    let rule = DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 1.0))
        .set_error_message(coefficient)?;
    sheet.add_data_validation(
        first,
        column("coefficient"),
        last,
        column("coefficient"),
        &rule,
    )?;
    let rule = DataValidation::new()
        .allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(1))
        .set_error_message(sampled)?;
    sheet.add_data_validation(first, column("sampled"), last, column("sampled"), &rule)?;
    let (n, s) = (
        cell(first, column("nonconforming")),
        cell(first, column("sampled")),
    );
    let rule = DataValidation::new()
        .allow_custom(Formula::new(format!(
            "=AND(INT({n})={n},{n}>=0,{n}<=N({s}))"
        )))
        .set_error_message(nonconforming)?;
    sheet.add_data_validation(
        first,
        column("nonconforming"),
        last,
        column("nonconforming"),
        &rule,
    )?;
    Ok(())
}

/// Earned and applicable points, the score and the grade, live, below
/// the table, with bscore's authority said.
fn write_totals(
    sheet: &mut Worksheet,
    checklist: &Checklist,
    first: u32,
    last: u32,
    words: &Words<'_>,
    styles: &Styles,
    adjustments: &str,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    let start = last + 2;
    let value = column("earned");
    // Indicator rows only (they have an id), not the subtotals.
    let ids = format!("{}:{}", cell(first, column("id")), cell(last, column("id")));
    let over = |key_column: u16| {
        format!(
            "SUMIF({ids},\"<>\",{}:{})",
            cell(first, key_column),
            cell(last, key_column)
        )
    };
    let exact_sum = over(EXACT);
    let applicable_sum = over(column("applicable"));
    let kinds = format!("'{adjustments}'!$A$2:$A${}", ADJUSTMENT_ROWS + 1);
    let bonuses = format!("(COUNTIF({kinds},\"bonus\")+COUNTIF({kinds},\"加分\"))");
    let deductions = format!("(COUNTA({kinds})-{bonuses})");
    let full = trimmed(&checklist.full_score, SCORE_PLACES);
    let per_deduction = trimmed(&checklist.special_deduction_points, SCORE_PLACES);
    let bonus_points = trimmed(&checklist.bonus_points, SCORE_PLACES);
    let normalized = format!("IF({applicable_sum}=0,0,{exact_sum}/{applicable_sum}*{full})");
    let score = format!(
        "MIN({full},MAX(0,{normalized}-{deductions}*{per_deduction}+MIN(1,{bonuses})*{bonus_points}))"
    );
    let shown = |formula: &str| format!("={}", snapped_cut(formula, 2));
    let rows = [
        (labels.earned, shown(&exact_sum)),
        (labels.applicable, shown(&applicable_sum)),
        (labels.normalized, shown(&normalized)),
        (
            labels.special_deduction,
            format!("=-{deductions}*{per_deduction}"),
        ),
        (labels.bonus, format!("=MIN(1,{bonuses})*{bonus_points}")),
        (labels.score, shown(&score)),
    ];
    let grade_row = start + rows.len() as u32;
    for (offset, (label, formula)) in (0u32..).zip(rows) {
        sheet.merge_range(
            start + offset,
            0,
            start + offset,
            value - 1,
            label,
            &styles.label,
        )?;
        sheet.write_formula_with_format(
            start + offset,
            value,
            Formula::new(formula),
            &styles.figure,
        )?;
    }
    sheet.merge_range(
        grade_row,
        0,
        grade_row,
        value - 1,
        labels.grade,
        &styles.label,
    )?;
    let failed = format!("{deductions}>0");
    sheet.write_formula_with_format(
        grade_row,
        value,
        Formula::new(grade_formula(checklist, words, &failed, &score)),
        &styles.locked,
    )?;
    Ok(())
}

/// The second sheet: a row per special deduction, then the bonus, each
/// kind named as the checklist and the labels name it in `lang`, chosen
/// from a list of those names.
fn write_adjustments(
    sheet: &mut Worksheet,
    checklist: &Checklist,
    audit: Option<&Audit>,
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_column_width(0, 16.0)?;
    sheet.set_column_width(1, 80.0)?;
    for (index, entry) in (0u16..).zip(ADJUSTMENT_COLUMNS.iter()) {
        sheet.write_string_with_format(0, index, label(lang, entry), &styles.heading)?;
    }
    let bonus = Labels::of(lang).bonus_kind;
    let name = |id: &str| {
        (checklist.special_deduction_kind(id))
            .map_or(id.to_string(), |kind| kind.short_name(lang).to_string())
    };
    let mut words: Vec<&str> = (checklist.special_deduction_kinds.iter())
        .map(|kind| kind.short_name(lang))
        .collect();
    words.push(bonus);
    let rule = DataValidation::new().allow_list_strings(&words)?;
    sheet.add_data_validation(1, 0, ADJUSTMENT_ROWS, 0, &rule)?;
    let mut row = 1;
    if let Some(audit) = audit {
        for deduction in &audit.special_deductions {
            sheet.write_string_with_format(row, 0, name(&deduction.kind), &styles.input)?;
            sheet.write_string_with_format(row, 1, text(&deduction.finding), &styles.input)?;
            row += 1;
        }
        if let Some(practice) = &audit.bonus {
            sheet.write_string_with_format(row, 0, bonus, &styles.input)?;
            sheet.write_string_with_format(row, 1, text(&practice.practice), &styles.input)?;
        }
    }
    Ok(())
}
