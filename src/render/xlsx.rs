//! `--format xlsx`: the Appendix A scoring form as assessors know it, with
//! real formulas — 实际得分 = （1 − 扣分系数）× 小类分值, category subtotals,
//! the score, the grade — so a reviewer can follow the computation in Excel.
//! Each formula also stores bscore's result as its cached value, and a
//! second sheet records every figure as an exact fraction.
//!
//! A spreadsheet's number formats round, and its doubles miss band edges
//! (exact 90 sums to 89.99999999999999). So the computation runs in two
//! hidden columns at full precision, and every figure a person sees is a
//! formula that snaps the double to nine places and then cuts it, as
//! bscore's table does: `TRUNC(ROUND(x, 9), 2)`. The grade formula compares
//! the snapped score. The form says that bscore's exact evaluation, shown
//! beside it, is the authoritative one.

use super::content::grade_text;
use super::labels::{Lang, Words};
use super::report::{RenderOptions, Report};
use super::view::{Row, audit_header, cut_sum_notes, outlook, provenance, rows};
use crate::audit::Measure;
use crate::message::Text;
use crate::number::{COEFFICIENT_PLACES, Exact, SCORE_PLACES, fixed, trimmed};
use crate::t;
use crate::text::{on_one_line, spreadsheet_safe, visible};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError};
use std::io::{self, Write};

/// Decimal places of the cached results of formulas.
pub(crate) const CACHED_PLACES: u32 = 12;

/// Columns of the form: Appendix A's seven, then the applicable points
/// each row contributes, which the subtotals add up, then the two hidden
/// columns that compute at full precision.
const CATEGORY: u16 = 0;
const CHECK: u16 = 1;
const POINTS: u16 = 2;
const COEFFICIENT: u16 = 3;
const EARNED: u16 = 4;
const RECORD: u16 = 5;
const NOTE: u16 = 6;
const APPLICABLE: u16 = 7;
const COEFFICIENT_EXACT: u16 = 8;
const EARNED_EXACT: u16 = 9;

/// Places a displayed figure is snapped to before it is cut: far below
/// any difference the rules make, far above a double's error.
const SNAP_PLACES: u32 = 9;

/// A figure as shown, as a formula expression: the full-precision value
/// of `expression` snapped and cut to `places`. The report and the form
/// both show every figure through this.
pub(crate) fn snapped_cut(expression: &str, places: u32) -> String {
    format!("TRUNC(ROUND({expression},{SNAP_PLACES}),{places})")
}

/// [`snapped_cut`] as a whole formula.
fn shown(expression: &str, places: u32) -> String {
    format!("={}", snapped_cut(expression, places))
}

/// A formula showing `value` cut to `places`, computed from `source`.
fn cut_formula(source: &str, value: &Exact, places: u32) -> Formula {
    Formula::new(shown(source, places)).set_result(fixed(value, places))
}

/// First row of the indicator rows, below the header block.
const HEADER_ROWS: u32 = 9;

pub(super) struct XlsxRenderer {
    pub options: RenderOptions,
}

impl XlsxRenderer {
    /// The workbook of `reports`, written whole.
    pub fn render(&self, reports: &[Report<'_>], out: &mut dyn Write) -> io::Result<()> {
        for report in reports {
            let words = Words::new(self.options.lang, report.checklist);
            report_cells_fit(report, &words).map_err(io::Error::other)?;
        }
        let bytes = self.workbook(reports).map_err(io::Error::other)?;
        out.write_all(&bytes)
    }
}

/// Excel's limit on the text of one cell, counted as Excel counts it (and
/// rust_xlsxwriter, which refuses longer ones): in UTF-16 code units.
pub(crate) const CELL_LIMIT: usize = 32_767;

/// Excel's limit on a page header or footer, its `&` codes included, in
/// UTF-16 code units; rust_xlsxwriter drops a longer one with a warning
/// in English on standard error.
const HEADER_FOOTER_LIMIT: usize = 255;

/// Length as Excel counts it.
fn excel_length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The length of a cell's text when it is over Excel's limit, which
/// rust_xlsxwriter refuses with an error that names no cell: checked
/// before anything is written, so that the field can be named.
pub(crate) fn over_cell_limit(cell: &str) -> Option<usize> {
    Some(excel_length(cell)).filter(|length| *length > CELL_LIMIT)
}

/// Refuses the text of a report cell that Excel cannot hold, naming the
/// field of `file` it comes from (`indicators."4.1.a".record`).
fn fits_in_a_cell(file: &str, field: &str, cell: &str) -> Result<(), Text> {
    let Some(length) = over_cell_limit(cell) else {
        return Ok(());
    };
    Err(t!(
        "{file}：{field} 有 {length} 个字符，超过了 Excel 单元格最多能存的 {CELL_LIMIT} 个：请缩短它，或改用保留全文的格式（json、html、markdown）",
        "{file}: {field} has {length} characters, more than the {CELL_LIMIT} an Excel cell holds: shorten it, or use a format that keeps the whole text (json, html, markdown)"
    ))
}

/// Checks every cell of the assessor's text in `report`'s form, as it is
/// written, against [`CELL_LIMIT`].
fn report_cells_fit(report: &Report<'_>, words: &Words<'_>) -> Result<(), Text> {
    let fits = |field: &str, cell: &str| fits_in_a_cell(report.file, field, cell);
    let keys = ["audit.organization", "audit.service", "audit.assessors"];
    for (key, (_, value)) in keys.into_iter().zip(audit_header(report, words)) {
        fits(key, &user_text(&value))?;
    }
    for line in rows(report) {
        let key = format!(
            "indicators.{}",
            crate::text::toml_string(&line.indicator.id)
        );
        fits(&format!("{key}.record"), &record_cell(&line))?;
        fits(&format!("{key}.note"), &note_cell(&line, words))?;
    }
    fits("special_deductions.finding", &findings_cell(report, words))?;
    if let Some(bonus) = &report.audit.bonus {
        fits("bonus.practice", &user_text(&bonus.practice))?;
    }
    Ok(())
}

/// The record column of an indicator's row.
fn record_cell(line: &Row<'_>) -> String {
    user_text(line.entry.record.as_deref().unwrap_or_default())
}

/// The note column of an indicator's row: the exclusion, its rejection
/// and the note, each on its line.
fn note_cell(line: &Row<'_>, words: &Words<'_>) -> String {
    let labels = words.labels;
    let (reason, rejection) = line.exclusion();
    let note: Vec<String> = [
        reason.map(|r| format!("{}{}{r}", labels.exclusion_reason, labels.colon)),
        rejection.map(|r| format!("{}{}{r}", labels.exclusion_rejected, labels.colon)),
        line.entry.note.clone(),
    ]
    .into_iter()
    .flatten()
    .collect();
    user_text(&note.join("\n"))
}

/// The special deductions' findings, one a line, beside their total.
fn findings_cell(report: &Report<'_>, words: &Words<'_>) -> String {
    let findings: Vec<String> = (report.audit.special_deductions.iter())
        .map(|d| words.deduction(d))
        .collect();
    user_text(&findings.join("\n"))
}

/// A page footer `&L{text}  {date}&R&P / &N` (the assessor's `text` on the
/// left, the page number on the right) within Excel's limit: `text` is
/// put on one line, its invisible characters shown, its `&` doubled (a
/// literal ampersand), and cut with "…" where the whole would not fit.
pub(crate) fn page_footer(text: &str, date: &str) -> String {
    let footer = |left: &str| format!("&L{left}  {date}&R&P / &N");
    let one_line = on_one_line(text);
    let shown = visible(&one_line, false);
    let whole = footer(&shown.replace('&', "&&"));
    if excel_length(&whole) <= HEADER_FOOTER_LIMIT {
        return whole;
    }
    let budget = HEADER_FOOTER_LIMIT.saturating_sub(excel_length(&footer("…")));
    let mut kept = String::new();
    // Character by character, so that a doubled `&&` is never split.
    for c in shown.chars() {
        let piece = match c {
            '&' => "&&".to_string(),
            c => c.to_string(),
        };
        if excel_length(&kept) + excel_length(&piece) > budget {
            break;
        }
        kept.push_str(&piece);
    }
    footer(&format!("{kept}…"))
}

/// Text the assessor wrote, as a cell: control characters shown, and never
/// taken for a formula.
fn user_text(text: &str) -> String {
    spreadsheet_safe(&visible(text, true)).into_owned()
}

/// A spreadsheet cell reference such as `E12` (row and column 0-based).
fn cell(row: u32, column: u16) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, column)
}

/// A number for display in a cell. Spreadsheets hold doubles; the exact
/// value is on the exact sheet, and nothing is decided from this one.
fn display(value: &Exact) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

fn formula(text: String, result: &Exact) -> Formula {
    Formula::new(text).set_result(trimmed(result, CACHED_PLACES))
}

struct Styles {
    title: Format,
    header: Format,
    text: Format,
    /// Points: exact inputs of at most four places.
    number: Format,
    /// A figure already cut to two places by its formula.
    figure: Format,
    /// A coefficient already cut to four places by its formula.
    coefficient: Format,
    /// A hidden full-precision value: every digit a double shows.
    exact: Format,
    subtotal_text: Format,
    subtotal_number: Format,
    subtotal_figure: Format,
}

impl Styles {
    fn new() -> Styles {
        let border = Format::new().set_border(FormatBorder::Thin);
        let text = border.clone().set_text_wrap().set_align(FormatAlign::Top);
        let number = border
            .clone()
            .set_num_format("0.00##")
            .set_align(FormatAlign::Top);
        let figure = border
            .clone()
            .set_num_format("0.00")
            .set_align(FormatAlign::Top);
        Styles {
            title: Format::new().set_bold().set_font_size(14),
            coefficient: border
                .clone()
                .set_num_format("General")
                .set_align(FormatAlign::Top),
            exact: Format::new().set_num_format("General"),
            subtotal_figure: figure.clone().set_bold().set_background_color("#F2F2F2"),
            figure,
            header: border
                .clone()
                .set_bold()
                .set_background_color("#EEF1F5")
                .set_text_wrap(),
            subtotal_text: text.clone().set_bold().set_background_color("#F2F2F2"),
            subtotal_number: number.clone().set_bold().set_background_color("#F2F2F2"),
            text,
            number,
        }
    }
}

impl XlsxRenderer {
    fn workbook(&self, reports: &[Report<'_>]) -> Result<Vec<u8>, XlsxError> {
        let mut workbook = Workbook::new();
        let styles = Styles::new();
        for (index, report) in reports.iter().enumerate() {
            let words = Words::new(self.options.lang, report.checklist);
            let suffix = if reports.len() > 1 {
                format!(" {}", index + 1)
            } else {
                String::new()
            };
            let sheet = workbook.add_worksheet();
            sheet.set_name(format!("{}{suffix}", sheet_name(&words)))?;
            write_form(sheet, report, &words, &styles)?;
            let exact = workbook.add_worksheet();
            exact.set_name(format!("{}{suffix}", words.labels.exact))?;
            write_exact(exact, report, &words, &styles)?;
        }
        write_result(&mut workbook, reports, self.options.lang)?;
        workbook.save_to_buffer()
    }
}

/// The JSON result (docs/json.md; an array for several reports) on a
/// very hidden last sheet, for `bscore verify` (see `crate::embedded`):
/// not printed, not in the sheet tabs, and read back by any XLSX reader.
fn write_result(
    workbook: &mut Workbook,
    reports: &[Report<'_>],
    lang: Lang,
) -> Result<(), XlsxError> {
    let results: Vec<_> = reports
        .iter()
        .map(|r| super::json::json_result(r, lang))
        .collect();
    let json = match results.as_slice() {
        [one] => serde_json::to_string(one),
        several => serde_json::to_string(several),
    }
    .map_err(|error| XlsxError::ParameterError(error.to_string()))?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(crate::embedded::RESULT_NAME)?;
    for (row, cell) in (0..).zip(crate::embedded::sheet_cells(&json)) {
        sheet.write_string(row, 0, cell)?;
    }
    sheet.set_very_hidden(true);
    Ok(())
}

fn sheet_name(words: &Words<'_>) -> &'static str {
    match words.lang {
        Lang::Zh => "评分表",
        Lang::En => "Scoring",
    }
}

fn write_form(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    // A4 landscape, one page wide, the column headings on every page, the
    // page number and the audit in the footer.
    sheet
        .set_landscape()
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(HEADER_ROWS - 1, HEADER_ROWS - 1)?;
    let meta = &report.audit.meta;
    sheet.set_footer(page_footer(&meta.organization, &meta.date.to_string()));
    for column in CATEGORY..=EARNED_EXACT {
        sheet.set_column_width(column, column_width(column))?;
    }
    sheet.set_column_hidden(COEFFICIENT_EXACT)?;
    sheet.set_column_hidden(EARNED_EXACT)?;
    sheet.merge_range(
        0,
        CATEGORY,
        0,
        APPLICABLE,
        &format!("{} — {}", words.standard(), labels.appendix_title),
        &styles.title,
    )?;
    sheet.set_row_height(0, 21.0)?;
    let mut header = audit_header(report, words);
    header.push((labels.file, report.file.to_string()));
    for (offset, (label, value)) in (1u32..).zip(header) {
        sheet.write_string_with_format(offset, CATEGORY, label, &styles.header)?;
        sheet.write_string(offset, CHECK, user_text(&value))?;
        sheet.set_row_height(offset, row_height(&[(label, CATEGORY)]))?;
    }
    let earned_header = words.earned_heading();
    let coefficient_exact = format!("{} ({})", labels.coefficient, labels.exact);
    let earned_exact = format!("{} ({})", labels.earned, labels.exact);
    let columns = [
        labels.category,
        labels.check_text,
        labels.points,
        labels.coefficient,
        &earned_header,
        labels.record,
        labels.note,
        labels.applicable,
        &coefficient_exact,
        &earned_exact,
    ];
    for (column, title) in (0u16..).zip(columns) {
        sheet.write_string_with_format(HEADER_ROWS - 1, column, title, &styles.header)?;
    }
    let headings: Vec<(&str, u16)> = (0u16..).zip(columns).map(|(c, t)| (t, c)).collect();
    sheet.set_row_height(HEADER_ROWS - 1, row_height(&headings))?;
    sheet.set_freeze_panes(HEADER_ROWS, 0)?;

    let all: Vec<Row<'_>> = rows(report).collect();
    let mut row = HEADER_ROWS;
    let mut subtotal_rows = Vec::new();
    for (index, category) in report.checklist.categories.iter().enumerate() {
        let first = row;
        for indicator_row in all.iter().filter(|r| r.indicator.category == index) {
            write_indicator(sheet, row, indicator_row, words, styles)?;
            row += 1;
        }
        let subtotal = &report.evaluation.categories[index];
        let sum = |column: u16| format!("=SUM({}:{})", cell(first, column), cell(row - 1, column));
        sheet.write_string_with_format(
            row,
            CATEGORY,
            words.category(category),
            &styles.subtotal_text,
        )?;
        sheet.write_string_with_format(row, CHECK, labels.total, &styles.subtotal_text)?;
        let name = words.category(category);
        sheet.set_row_height(row, row_height(&[(name, CATEGORY)]))?;
        sheet.write_formula_with_format(
            row,
            POINTS,
            formula(sum(POINTS), &category.total),
            &styles.subtotal_number,
        )?;
        sheet.write_formula_with_format(
            row,
            EARNED_EXACT,
            formula(sum(EARNED_EXACT), &subtotal.earned),
            &styles.exact,
        )?;
        sheet.write_formula_with_format(
            row,
            EARNED,
            cut_formula(&cell(row, EARNED_EXACT), &subtotal.earned, SCORE_PLACES),
            &styles.subtotal_figure,
        )?;
        sheet.write_formula_with_format(
            row,
            APPLICABLE,
            formula(sum(APPLICABLE), &subtotal.applicable),
            &styles.subtotal_number,
        )?;
        for column in [COEFFICIENT, RECORD, NOTE] {
            sheet.write_blank(row, column, &styles.subtotal_text)?;
        }
        subtotal_rows.push(row);
        row += 1;
    }
    write_totals(sheet, row + 1, &subtotal_rows, report, words, styles)
}

fn write_indicator(
    sheet: &mut Worksheet,
    row: u32,
    line: &Row<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let category = words.category(words.category_of(line.indicator));
    sheet.write_string_with_format(row, CATEGORY, category, &styles.text)?;
    let check = format!("{} {}", line.indicator.id, words.indicator(line.indicator));
    let check = visible(&check, true).into_owned();
    sheet.write_string_with_format(row, CHECK, &check, &styles.text)?;
    sheet.write_number_with_format(row, POINTS, display(&line.indicator.points), &styles.number)?;
    // The coefficient at full precision (hidden), and as shown: cut to
    // four places, as the table shows it.
    match (line.entry.measure(), &line.score.coefficient) {
        (
            Some(Measure::Sample {
                sampled,
                nonconforming,
            }),
            Some(coefficient),
        ) => {
            let sample = formula(format!("={nonconforming}/{sampled}"), coefficient);
            sheet.write_formula_with_format(row, COEFFICIENT_EXACT, sample, &styles.exact)?;
        }
        (_, Some(coefficient)) => {
            sheet.write_number_with_format(
                row,
                COEFFICIENT_EXACT,
                display(coefficient),
                &styles.exact,
            )?;
        }
        (_, None) => {
            sheet.write_string_with_format(
                row,
                COEFFICIENT,
                words.labels.excluded,
                &styles.text,
            )?;
        }
    }
    if let Some(coefficient) = &line.score.coefficient {
        let exact = cell(row, COEFFICIENT_EXACT);
        sheet.write_formula_with_format(
            row,
            COEFFICIENT,
            cut_formula(&exact, coefficient, COEFFICIENT_PLACES),
            &styles.coefficient,
        )?;
    }
    if line.score.applicable {
        let earned = format!(
            "=(1-{})*{}",
            cell(row, COEFFICIENT_EXACT),
            cell(row, POINTS)
        );
        sheet.write_formula_with_format(
            row,
            EARNED_EXACT,
            formula(earned, &line.score.earned),
            &styles.exact,
        )?;
        sheet.write_formula_with_format(
            row,
            EARNED,
            cut_formula(&cell(row, EARNED_EXACT), &line.score.earned, SCORE_PLACES),
            &styles.figure,
        )?;
        let applicable = format!("={}", cell(row, POINTS));
        sheet.write_formula_with_format(
            row,
            APPLICABLE,
            formula(applicable, &line.indicator.points),
            &styles.number,
        )?;
    } else {
        sheet.write_blank(row, EARNED, &styles.number)?;
        sheet.write_number_with_format(row, APPLICABLE, 0.0, &styles.number)?;
    }
    let record = record_cell(line);
    sheet.write_string_with_format(row, RECORD, &record, &styles.text)?;
    let note = note_cell(line, words);
    sheet.write_string_with_format(row, NOTE, &note, &styles.text)?;
    let height = row_height(&[
        (category, CATEGORY),
        (&check, CHECK),
        (&record, RECORD),
        (&note, NOTE),
    ]);
    sheet.set_row_height(row, height)?;
    Ok(())
}

/// Widths of the form's columns, in the widths of a digit.
fn column_width(column: u16) -> f64 {
    match column {
        CATEGORY => 12.0,
        CHECK => 60.0,
        POINTS => 9.0,
        COEFFICIENT => 11.0,
        EARNED => 16.0,
        RECORD | NOTE => 28.0,
        _ => 14.0,
    }
}

/// The height of a row of the form, from its wrapped cells and their
/// columns (see [`wrapped_height`]).
fn row_height(cells: &[(&str, u16)]) -> f64 {
    let widths: Vec<(&str, f64)> = (cells.iter())
        .map(|(text, column)| (*text, column_width(*column)))
        .collect();
    wrapped_height(&widths)
}

/// Points per line of wrapped text at the default font size, with the
/// spacing LibreOffice, Excel and WPS all leave.
const LINE_HEIGHT: f64 = 15.0;

/// The height a row needs to show every line of its wrapped cells, given
/// as (text, column width in digit widths): spreadsheets autofit only when
/// they lay a sheet out themselves, and LibreOffice does not when it opens
/// one, so the height is written. A Chinese character takes two digit
/// widths; a cell holds its width less one of them (the padding), and a
/// sixth is spared because words wrap whole and bold is wider.
pub(crate) fn wrapped_height(cells: &[(&str, f64)]) -> f64 {
    let lines = cells
        .iter()
        .map(|(text, width)| {
            let capacity = ((width - 1.0) * 0.85).max(1.0);
            text.split('\n')
                .map(|line| {
                    let width = unicode_width::UnicodeWidthStr::width(line) as f64;
                    (width / capacity).ceil().max(1.0)
                })
                .sum::<f64>()
        })
        .fold(1.0, f64::max);
    lines * LINE_HEIGHT + 2.0
}

/// The totals block: earned and applicable points, the normalized score,
/// special deductions, bonus and final score, each computed at full
/// precision in the hidden column and shown cut; the grade, a formula
/// over the snapped score; and bscore's own exact evaluation, which
/// decides.
fn write_totals(
    sheet: &mut Worksheet,
    start: u32,
    subtotals: &[u32],
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    let checklist = report.checklist;
    let evaluation = report.evaluation;
    let audit = report.audit;
    let add = |column: u16| -> String {
        let cells: Vec<String> = subtotals.iter().map(|row| cell(*row, column)).collect();
        format!("={}", cells.join("+"))
    };
    let (earned, applicable, normalized, deductions, bonus, score, grade) = (
        start,
        start + 1,
        start + 2,
        start + 3,
        start + 4,
        start + 5,
        start + 6,
    );
    let exact = |row: u32| cell(row, EARNED_EXACT);
    let full = trimmed(&checklist.full_score, SCORE_PLACES);
    let formulas = [
        (
            earned,
            labels.earned,
            add(EARNED_EXACT),
            evaluation.earned.clone(),
        ),
        (
            applicable,
            labels.applicable,
            add(APPLICABLE),
            evaluation.applicable.clone(),
        ),
        (
            normalized,
            labels.normalized,
            format!("={}/{}*{full}", exact(earned), exact(applicable)),
            evaluation.normalized.clone(),
        ),
        (
            deductions,
            labels.special_deduction,
            format!(
                "=-{}*{}",
                audit.special_deductions.len(),
                trimmed(&checklist.special_deduction_points, SCORE_PLACES)
            ),
            -evaluation.deducted.clone(),
        ),
        (
            bonus,
            labels.bonus,
            format!("={}", trimmed(&evaluation.bonus_points, SCORE_PLACES)),
            evaluation.bonus_points.clone(),
        ),
        (
            score,
            labels.score,
            format!(
                "=MIN({full},MAX(0,{}+{}+{}))",
                exact(normalized),
                exact(deductions),
                exact(bonus)
            ),
            evaluation.score.clone(),
        ),
    ];
    for (row, label, text, value) in formulas {
        sheet.write_string_with_format(row, CHECK, label, &styles.subtotal_text)?;
        sheet.write_formula_with_format(row, EARNED_EXACT, formula(text, &value), &styles.exact)?;
        sheet.write_formula_with_format(
            row,
            EARNED,
            cut_formula(&exact(row), &value, SCORE_PLACES),
            &styles.subtotal_figure,
        )?;
    }
    let findings = findings_cell(report, words);
    if !findings.is_empty() {
        sheet.write_string_with_format(deductions, RECORD, &findings, &styles.text)?;
        sheet.set_row_height(deductions, row_height(&[(&findings, RECORD)]))?;
    }
    if let Some(practice) = &audit.bonus {
        let practice = user_text(&practice.practice);
        sheet.write_string_with_format(bonus, RECORD, &practice, &styles.text)?;
        sheet.set_row_height(bonus, row_height(&[(&practice, RECORD)]))?;
    }
    let grade_name = grade_text(report, words);
    let failed = format!("{}<0", exact(deductions));
    let live_grade = grade_formula(report.checklist, words, &failed, &exact(score));
    let statement = Statement {
        label: labels.grade,
        value: &grade_name,
        style: &styles.subtotal_text,
    };
    write_statement(sheet, grade, &statement, styles)?;
    sheet.write_formula_with_format(
        grade,
        EARNED,
        Formula::new(live_grade).set_result(grade_name.clone()),
        &styles.subtotal_text,
    )?;
    let decides = grade + 1;
    let authoritative = format!("{} {grade_name}", fixed(&evaluation.score, SCORE_PLACES));
    let statement = Statement {
        label: labels.authoritative,
        value: &authoritative,
        style: &styles.subtotal_text,
    };
    write_statement(sheet, decides, &statement, styles)?;
    let notes =
        (cut_sum_notes(report, words).into_iter()).map(|note| (labels.note.to_string(), note));
    for (row, (label, value)) in
        (decides + 1..).zip(outlook(report, words).into_iter().chain(notes))
    {
        let statement = Statement {
            label: &label,
            value: &value,
            style: &styles.text,
        };
        write_statement(sheet, row, &statement, styles)?;
    }
    Ok(())
}

/// A row below the totals that says something in words: the grade,
/// bscore's own evaluation, the next band, what an exclusion would
/// change.
struct Statement<'a> {
    label: &'a str,
    value: &'a str,
    style: &'a Format,
}

/// A [`Statement`]'s label in the check column and its value across the
/// columns from 实际得分 to the last, the row as tall as both need, so
/// that nothing is cut on screen or on paper.
fn write_statement(
    sheet: &mut Worksheet,
    row: u32,
    statement: &Statement<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let label_style = &styles.subtotal_text;
    sheet.write_string_with_format(row, CHECK, statement.label, label_style)?;
    sheet.merge_range(
        row,
        EARNED,
        row,
        APPLICABLE,
        statement.value,
        statement.style,
    )?;
    let across: f64 = (EARNED..=APPLICABLE).map(column_width).sum();
    let height = wrapped_height(&[
        (statement.label, column_width(CHECK)),
        (statement.value, across),
    ]);
    sheet.set_row_height(row, height)?;
    Ok(())
}

/// The grade as a formula: failed when `failed` (a condition on the
/// special deductions) holds, else the best band whose minimum the
/// snapped `score` reaches, the bands read from the checklist. Shared by
/// the report and the form.
pub(crate) fn grade_formula(
    checklist: &crate::checklist::Checklist,
    words: &Words<'_>,
    failed: &str,
    score: &str,
) -> String {
    use crate::checklist::Grade;
    let name = |grade: Grade| words.grade(grade).replace('"', "\"\"");
    let mut bands: Vec<_> = (checklist.grades.iter())
        .filter_map(|band| Some((band.min_score.as_ref()?, band.grade)))
        .collect();
    bands.sort_by(|a, b| a.0.cmp(b.0));
    let mut formula = format!("\"{}\"", name(Grade::Fail));
    // From the lowest band outwards, so the highest is tested first.
    for (minimum, grade) in bands {
        let minimum = trimmed(minimum, CACHED_PLACES);
        formula = format!(
            "IF(ROUND({score},{SNAP_PLACES})>={minimum},\"{}\",{formula})",
            name(grade)
        );
    }
    let failed_name = format!("{}{}", name(Grade::Fail), words.labels.failed_by_deduction);
    format!(
        "=IF({failed},\"{}\",{formula})",
        failed_name.replace('"', "\"\"")
    )
}

/// Every figure as an exact fraction, for re-checking without rounding.
fn write_exact(
    sheet: &mut Worksheet,
    report: &Report<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    for (column, width) in (0u16..).zip(EXACT_WIDTHS) {
        sheet.set_column_width(column, width)?;
    }
    // A4 portrait, one page wide, the headings on every page.
    sheet
        .set_paper_size(9)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(0, 0)?;
    for (column, title) in
        (0u16..).zip([labels.id, labels.points, labels.coefficient, labels.earned])
    {
        sheet.write_string_with_format(0, column, title, &styles.header)?;
    }
    let mut row = 1;
    for line in rows(report) {
        sheet.write_string(row, 0, &line.indicator.id)?;
        sheet.write_string(row, 1, line.indicator.points.to_string())?;
        let coefficient = line
            .score
            .coefficient
            .as_ref()
            .map_or_else(|| labels.excluded.to_string(), ToString::to_string);
        sheet.write_string(row, 2, coefficient)?;
        sheet.write_string(row, 3, line.score.earned.to_string())?;
        row += 1;
    }
    let evaluation = report.evaluation;
    let totals = [
        (labels.earned, &evaluation.earned),
        (labels.applicable, &evaluation.applicable),
        (labels.normalized, &evaluation.normalized),
        (labels.score, &evaluation.score),
    ];
    // Each total's label across the first three columns, its value in the
    // fourth.
    let label_width: f64 = EXACT_WIDTHS[..3].iter().sum();
    for (offset, (label, value)) in (1u32..).zip(totals) {
        sheet.merge_range(row + offset, 0, row + offset, 2, label, &styles.header)?;
        sheet.write_string(row + offset, 3, value.to_string())?;
        sheet.set_row_height(row + offset, wrapped_height(&[(label, label_width)]))?;
    }
    let start = row + 6;
    let title = words.labels.provenance;
    let all: f64 = EXACT_WIDTHS.iter().sum();
    sheet.merge_range(start, 0, start, 3, title, &styles.header)?;
    sheet.set_row_height(start, wrapped_height(&[(title, all)]))?;
    // Each record's label in the first column, its value (a SHA-256 digest
    // among them, on one line) across the other three.
    let value_width: f64 = EXACT_WIDTHS[1..].iter().sum();
    for (offset, (label, value)) in (1u32..).zip(provenance(report, words)) {
        sheet.write_string_with_format(start + offset, 0, &label, &styles.header)?;
        sheet.merge_range(start + offset, 1, start + offset, 3, &value, &styles.text)?;
        let height = wrapped_height(&[(&label, EXACT_WIDTHS[0]), (&value, value_width)]);
        sheet.set_row_height(start + offset, height)?;
    }
    Ok(())
}

/// Widths of the exact sheet's columns: the id (and the labels below),
/// the points, the coefficient, the earned points. The last three, merged,
/// hold a SHA-256 digest on one line.
const EXACT_WIDTHS: [f64; 4] = [24.0, 16.0, 16.0, 48.0];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_footer_fits_excel_and_never_splits_an_ampersand() {
        assert_eq!(
            page_footer("A&B", "2026-03-15"),
            "&LA&&B  2026-03-15&R&P / &N"
        );
        for length in 200..300 {
            let text = "&".repeat(length);
            let footer = page_footer(&text, "2026-03-15");
            assert!(
                footer.encode_utf16().count() <= HEADER_FOOTER_LIMIT,
                "{length}"
            );
            let left = &footer["&L".len()..footer.find('…').unwrap_or(footer.len())];
            assert_eq!(left.len() % 2, 0, "{footer}");
        }
        let footer = page_footer(&format!("{}\n\u{202e}", "链".repeat(300)), "2026-03-15");
        assert!(
            footer.starts_with("&L链链") && footer.contains("…  2026-03-15"),
            "{footer}"
        );
        assert_eq!(footer.encode_utf16().count(), HEADER_FOOTER_LIMIT);
    }

    /// Heights worked by hand from the rule in [`wrapped_height`]: a cell
    /// of width w holds (w − 1) × 0.85 digit widths a line, a Chinese
    /// character takes two, and a row is 15 points a line plus 2.
    #[test]
    fn a_row_is_as_tall_as_its_most_wrapped_cell() {
        // One line, even when empty.
        assert_eq!(wrapped_height(&[("", 10.0)]), 17.0);
        assert_eq!(wrapped_height(&[("abc", 12.0)]), 17.0);
        // Line breaks count.
        assert_eq!(wrapped_height(&[("a\nb\nc", 60.0)]), 47.0);
        // 100 digits in (12 − 1) × 0.85 = 9.35 a line: 11 lines.
        assert_eq!(wrapped_height(&[(&"9".repeat(100), 12.0)]), 167.0);
        // 40 Chinese characters are 80 digit widths; (60 − 1) × 0.85 =
        // 50.15 a line: 2 lines.
        assert_eq!(wrapped_height(&[(&"链".repeat(40), 60.0)]), 32.0);
        // The tallest cell decides.
        assert_eq!(wrapped_height(&[("a", 60.0), ("a\nb", 60.0)]), 32.0);
        // A column too narrow for anything holds one digit a line.
        assert_eq!(wrapped_height(&[("abc", 1.0)]), 47.0);
    }
}
