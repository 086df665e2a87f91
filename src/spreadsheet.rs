//! The spreadsheet toolkit both workbooks are written with: the XLSX
//! report (`render::xlsx`, the scoring form of an evaluation) and the
//! Appendix A form assessors fill in (`form::write`). What makes a figure,
//! a cell, a row or a page look the same in both lives here once:
//!
//! - figures: a spreadsheet's number formats round and its doubles miss
//!   band edges (exact 90 sums to 89.99999999999999), so every figure a
//!   person sees is a formula that snaps the double to nine places and
//!   then cuts it, as bscore's table does ([`snapped_cut`]); the grade
//!   formula compares the snapped score ([`grade_formula`]); each formula
//!   stores bscore's own result ([`cached_formula`], [`cut_formula`]);
//! - cells: references, Excel's limits on a cell's text and a formula's
//!   length (every formula of the form is written through
//!   [`write_formula`], which refuses one Excel would drop), the
//!   assessor's text as each workbook writes it, page footers within
//!   Excel's limit;
//! - layout: row heights from wrapped text (LibreOffice does not fit rows
//!   when it opens a file), column widths for bold headings, A4 printing;
//! - styles: the borders, fills and number formats both share;
//! - totals: the figures of the totals block, in the order both write them.
//!
//! It knows workbooks, checklists and evaluations, never a report's or a
//! form's layout, and nothing of `render` or `form`.

use crate::checklist::{Checklist, Grade};
use crate::engine::Evaluation;
use crate::number::{Exact, fixed, trimmed};
use crate::text::{on_one_line, spreadsheet_safe, visible};
use rust_xlsxwriter::{Format, FormatBorder, Formula, Worksheet, XlsxError};

/// Decimal places of the cached results of formulas.
pub(crate) const CACHED_PLACES: u32 = 12;

/// Places a displayed figure is snapped to before it is cut: far below
/// any difference the rules make, far above a double's error.
const SNAP_PLACES: u32 = 9;

/// A figure as shown, as a formula expression: the full-precision value
/// of `expression` snapped and cut to `places`. The report and the form
/// both show every figure through this.
pub(crate) fn snapped_cut(expression: &str, places: u32) -> String {
    format!("TRUNC(ROUND({expression},{SNAP_PLACES}),{places})")
}

/// A formula showing `value` cut to `places`, computed from `source`, with
/// `value` so cut as its stored result.
pub(crate) fn cut_formula(source: &str, value: &Exact, places: u32) -> Formula {
    Formula::new(format!("={}", snapped_cut(source, places))).set_result(fixed(value, places))
}

/// A stored result at full precision, for the hidden columns that compute.
pub(crate) fn cached(value: &Exact) -> String {
    trimmed(value, CACHED_PLACES)
}

/// A formula with `result`, at full precision, as its stored result.
pub(crate) fn cached_formula(text: String, result: &Exact) -> Formula {
    Formula::new(text).set_result(cached(result))
}

/// The grade as a formula: failed when `failed` (a condition on the
/// special deductions) holds, else the best band whose minimum the
/// snapped `score` reaches, the bands read from the checklist. Each
/// grade's name is `name`'s; a fail by special deductions adds
/// `failed_by_deduction` to a fail's.
pub(crate) fn grade_formula(
    checklist: &Checklist,
    name: impl Fn(Grade) -> String,
    failed_by_deduction: &str,
    failed: &str,
    score: &str,
) -> String {
    let name = |grade: Grade| name(grade).replace('"', "\"\"");
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
    let failed_name = format!("{}{failed_by_deduction}", name(Grade::Fail));
    format!(
        "=IF({failed},\"{}\",{formula})",
        failed_name.replace('"', "\"\"")
    )
}

/// The final score as a formula: `sum` (the normalized score with the
/// special deductions and the bonus) kept between 0 and `full`.
pub(crate) fn clamped_score(full: &str, sum: &str) -> String {
    format!("MIN({full},MAX(0,{sum}))")
}

/// The figures of a totals block, in the order both workbooks write them:
/// earned and applicable points, the normalized score, the special
/// deductions (taken off, so negative), the bonus and the final score.
pub(crate) fn total_figures(evaluation: &Evaluation) -> [Exact; 6] {
    [
        evaluation.earned.clone(),
        evaluation.applicable.clone(),
        evaluation.normalized.clone(),
        -evaluation.deducted.clone(),
        evaluation.bonus_points.clone(),
        evaluation.score.clone(),
    ]
}

/// A spreadsheet cell reference such as `E12` (row and column 0-based).
pub(crate) fn cell(row: u32, column: u16) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, column)
}

/// A number for a cell. Spreadsheets hold doubles; nothing is decided from
/// one (the report's exact sheet has every figure as a fraction, and the
/// form writes a decimal a double cannot hold as text).
pub(crate) fn to_f64(value: &Exact) -> f64 {
    value.to_f64().unwrap_or(0.0)
}

/// Text the assessor wrote, as a report shows it in a cell: control
/// characters shown, and never taken for a formula.
pub(crate) fn shown_text(text: &str) -> String {
    spreadsheet_safe(&visible(text, true)).into_owned()
}

/// Text the assessor wrote, as the form holds it: exactly as written, as
/// the form is read back as the audit, and a string cell is text, never a
/// formula, so nothing is prefixed or escaped for show. rust_xlsxwriter
/// writes the controls XML cannot hold as OOXML's `_xHHHH_` escapes, and a
/// literal `_xHHHH_` with its underscore escaped (`_x005F_`), as Excel
/// does; calamine and Excel read both back as written.
pub(crate) fn kept_text(value: &str) -> String {
    value.to_string()
}

/// Excel's limit on the text of one cell, counted as Excel counts it (and
/// rust_xlsxwriter, which refuses longer ones): in UTF-16 code units.
pub(crate) const CELL_LIMIT: usize = 32_767;

/// Excel's limit on a page header or footer, its `&` codes included, in
/// UTF-16 code units; rust_xlsxwriter drops a longer one with a warning
/// in English on standard error.
const HEADER_FOOTER_LIMIT: usize = 255;

/// Excel's limit on the length of a formula: 8,192 characters (Microsoft,
/// "Excel specifications and limits": length of formula contents),
/// counted as the file holds the formula (without its `=`) in UTF-16 code
/// units, as Excel counts text. Excel, and WPS after it, refuses or
/// "repairs" a workbook holding a longer one, removing the formula;
/// LibreOffice and Gnumeric take it, so only this limit keeps the form
/// whole where most assessors fill it in ([`write_formula`]).
pub(crate) const FORMULA_LIMIT: usize = 8_192;

/// Length as Excel counts it.
fn excel_length(text: &str) -> usize {
    text.encode_utf16().count()
}

/// The length of a formula (with its `=` or not) when it is over Excel's
/// limit ([`FORMULA_LIMIT`]).
pub(crate) fn over_formula_limit(formula: &str) -> Option<usize> {
    let contents = formula.strip_prefix('=').unwrap_or(formula);
    Some(excel_length(contents)).filter(|length| *length > FORMULA_LIMIT)
}

/// Writes the formula `text` at `row` and `column` with `result` stored,
/// refusing one longer than Excel takes ([`FORMULA_LIMIT`]): a fault of
/// bscore's, returned as an error naming the cell (in both languages, a
/// [`crate::message::Text`] inside an I/O error, see [`io_error`]) rather
/// than a workbook Excel would repair.
pub(crate) fn write_formula(
    sheet: &mut Worksheet,
    (row, column): (u32, u16),
    text: &str,
    result: impl Into<String>,
    format: &Format,
) -> Result<(), XlsxError> {
    if let Some(length) = over_formula_limit(text) {
        let at = cell(row, column);
        let reason = crate::message::t!(
            "{at} 格的公式有 {length} 个字符，超过了 Excel 允许的 {FORMULA_LIMIT} 个（这是 bscore 的错误，请报告）",
            "the formula of cell {at} has {length} characters, more than the {FORMULA_LIMIT} Excel allows (a fault of bscore's: please report it)"
        );
        return Err(XlsxError::IoError(std::io::Error::other(reason)));
    }
    let formula = Formula::new(text).set_result(result);
    sheet.write_formula_with_format(row, column, formula, format)?;
    Ok(())
}

/// A workbook's error as an I/O error: one of bscore's own (a formula over
/// Excel's limit, [`write_formula`]) unwrapped, so that its message is said
/// in either language, any other wrapped.
pub(crate) fn io_error(error: XlsxError) -> std::io::Error {
    match error {
        XlsxError::IoError(error) => error,
        error => std::io::Error::other(error),
    }
}

/// The length of a cell's text when it is over Excel's limit, which
/// rust_xlsxwriter refuses with an error that names no cell: checked
/// before anything is written, so that the field can be named.
pub(crate) fn over_cell_limit(cell: &str) -> Option<usize> {
    Some(excel_length(cell)).filter(|length| *length > CELL_LIMIT)
}

/// The page number, right of every page's footer.
pub(crate) const PAGE_NUMBER_FOOTER: &str = "&R&P / &N";

/// A page footer `&L{text}  {date}&R&P / &N` (the assessor's `text` on the
/// left, the page number on the right) within Excel's limit: `text` is
/// put on one line, its invisible characters shown, its `&` doubled (a
/// literal ampersand), and cut with "…" where the whole would not fit.
pub(crate) fn page_footer(text: &str, date: &str) -> String {
    let footer = |left: &str| format!("&L{left}  {date}{PAGE_NUMBER_FOOTER}");
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

/// How a sheet is printed on A4.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Page {
    /// Landscape: the wide table of indicators.
    Landscape,
    /// Portrait: a narrow sheet.
    Portrait,
}

/// Excel's code for A4 paper.
const A4: u8 = 9;

/// Prints `sheet` on A4 as `page`, one page wide, `heading_row` repeated
/// at the top of every page.
pub(crate) fn print_setup(
    sheet: &mut Worksheet,
    page: Page,
    heading_row: u32,
) -> Result<(), XlsxError> {
    if page == Page::Landscape {
        sheet.set_landscape();
    }
    sheet
        .set_paper_size(A4)
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(heading_row, heading_row)?;
    Ok(())
}

/// Points per line of wrapped text at the default font size, with the
/// spacing LibreOffice, Excel and WPS all leave.
const LINE_HEIGHT: f64 = 15.0;

/// Points per line of Chinese text: LibreOffice and Gnumeric set it in a
/// CJK font whose lines are a sixth taller (about 17 points, seen in
/// their printed pages: with 15, the last line of a tall Chinese cell was
/// cut off in the printed 细则 and the form's conditions).
const CJK_LINE_HEIGHT: f64 = 17.5;

/// The height a row needs to show every line of its wrapped cells, given
/// as (text, column width in digit widths): spreadsheets autofit only when
/// they lay a sheet out themselves, and LibreOffice does not when it opens
/// one, so the height is written. A Chinese character takes two digit
/// widths; a cell holds its width less one of them (the padding), and a
/// sixth is spared because words wrap whole and bold is wider. A line of
/// Chinese is taller ([`CJK_LINE_HEIGHT`]).
pub(crate) fn wrapped_height(cells: &[(&str, f64)]) -> f64 {
    let points = cells
        .iter()
        .map(|(text, width)| {
            let capacity = ((width - 1.0) * 0.85).max(1.0);
            text.split('\n')
                .map(|line| {
                    let width = unicode_width::UnicodeWidthStr::width(line) as f64;
                    let lines = (width / capacity).ceil().max(1.0);
                    match crate::message::has_cjk(line) {
                        true => lines * CJK_LINE_HEIGHT,
                        false => lines * LINE_HEIGHT,
                    }
                })
                .sum::<f64>()
        })
        .fold(LINE_HEIGHT, f64::max);
    points + 2.0
}

/// The width `text` needs on one line in bold, in digit widths with the
/// cell's padding.
pub(crate) fn bold_width(text: &str) -> f64 {
    unicode_width::UnicodeWidthStr::width(text) as f64 * 1.15 + 2.0
}

/// The width a heading's longest word needs in bold, in digit widths with
/// the cell's padding: a column is never narrower, so that a spreadsheet
/// never breaks a heading's word (Nonconforming) across lines.
pub(crate) fn widest_word(heading: &str) -> f64 {
    (heading.split_whitespace())
        .map(bold_width)
        .fold(0.0, f64::max)
}

/// The fill of headings and labels.
pub(crate) const HEADING_FILL: &str = "#EEF1F5";

/// The fill of what is computed, never typed: subtotals, totals, and the
/// form's locked cells.
pub(crate) const COMPUTED_FILL: &str = "#F2F2F2";

/// The number format of a figure its formula has already cut to two places.
pub(crate) const FIGURE_FORMAT: &str = "0.00";

/// A sheet's title.
pub(crate) fn title_style() -> Format {
    Format::new().set_bold().set_font_size(14)
}

/// A cell of a table: a thin border.
pub(crate) fn bordered() -> Format {
    Format::new().set_border(FormatBorder::Thin)
}

/// A hidden full-precision value: every digit a double shows.
pub(crate) fn full_precision() -> Format {
    Format::new().set_num_format("General")
}

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

    /// A formula of 8,192 characters (its `=` not counted, as the file
    /// holds none) is written; one more is refused, naming the cell, as
    /// bscore's fault in both languages.
    #[test]
    fn a_formula_longer_than_excel_takes_is_refused() {
        let mut sheet = Worksheet::new();
        let format = Format::new();
        // "11" then 4,095 times "+1": 2 + 2 × 4,095 = 8,192 characters;
        // "111" and the same, 8,193.
        let fits = format!("=11{}", "+1".repeat(4_095));
        let over = format!("=111{}", "+1".repeat(4_095));
        assert_eq!(over_formula_limit(&fits), None);
        assert!(write_formula(&mut sheet, (0, 0), &fits, "4106", &format).is_ok());
        assert_eq!(over_formula_limit(&over), Some(8_193));
        let error = write_formula(&mut sheet, (104, 11), &over, "4206", &format)
            .expect_err("a formula over the limit");
        let reason = crate::message::io_reason(&io_error(error));
        assert!(
            (reason.get(crate::message::Lang::En))
                .starts_with("the formula of cell L105 has 8193 characters, more than the 8192"),
            "{reason:?}"
        );
        assert!(
            reason
                .get(crate::message::Lang::Zh)
                .starts_with("L105 格的公式有 8193 个字符")
        );
    }

    /// Heights worked by hand from the rule in [`wrapped_height`]: a cell
    /// of width w holds (w − 1) × 0.85 digit widths a line, a Chinese
    /// character takes two, and a row is 15 points a line (17.5 a line of
    /// Chinese) plus 2.
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
        // 50.15 a line: 2 lines of Chinese, 2 × 17.5 + 2.
        assert_eq!(wrapped_height(&[(&"链".repeat(40), 60.0)]), 37.0);
        // A cell of a Chinese line and a line of digits: 17.5 + 15 + 2.
        assert_eq!(
            wrapped_height(&[(
                "链
9", 60.0
            )]),
            34.5
        );
        // The tallest cell decides.
        assert_eq!(wrapped_height(&[("a", 60.0), ("a\nb", 60.0)]), 32.0);
        // A column too narrow for anything holds one digit a line.
        assert_eq!(wrapped_height(&[("abc", 1.0)]), 47.0);
    }
}
