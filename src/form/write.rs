//! Writing the form: empty (`template --format xlsx`) or filled from an
//! audit (`convert`). Input cells are unlocked and guided by data
//! validation; the computed columns are live formulas, locked, that show
//! every figure cut as bscore's reports do, with the spreadsheet toolkit
//! the XLSX report is written with too (`crate::spreadsheet`).

use super::{ADJUSTMENT_COLUMNS, COLUMNS, FIELDS, READ_COLUMNS, SHEETS};
use crate::audit::{Audit, AuditKind, Measure, Status};
use crate::checklist::Checklist;
use crate::engine::{Evaluation, IndicatorScore, Subtotal};
use crate::message::Lang;
use crate::message::Text;
use crate::number::{Exact, SCORE_PLACES, fixed, trimmed};
use crate::render::{Labels, Words};
use crate::spreadsheet::{
    CELL_LIMIT, COMPUTED_FILL, FIGURE_FORMAT, HEADING_FILL, PAGE_NUMBER_FOOTER, Page, bold_width,
    bordered, cached, cell, clamped_score, cut_formula, full_precision, grade_formula, kept_text,
    over_cell_limit, page_footer, print_setup, snapped_cut, title_style, to_f64, total_figures,
    widest_word, wrapped_height,
};
use crate::t;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Format, FormatAlign, Formula,
    ProtectionOptions, Workbook, Worksheet, XlsxError,
};

/// Row of the column headings (0-based); the rows above hold the title,
/// the audit's fields and a note.
pub(super) const HEADING_ROW: u32 = 9;

/// Widths of the form's columns, in digit widths.
const WIDTHS: [f64; COLUMNS.len()] = [
    10.0, 50.0, 8.0, 10.0, 8.0, 9.0, 22.0, 22.0, 26.0, 22.0, 10.0, 10.0,
];

/// Widths of the second sheet's columns: the kind, the finding.
const ADJUSTMENT_WIDTHS: [f64; 2] = [16.0, 80.0];

/// Rows of the second sheet that the formulas count and data validation
/// guides: far more items than an evaluation has (bscore itself reads every
/// row).
const ADJUSTMENT_ROWS: u32 = 1000;

/// The hidden column that computes each row's earned points exactly.
const EXACT: u16 = COLUMNS.len() as u16;

/// The hidden column that tells what a row's inputs amount to: a
/// [`RowState`] as a number, which the totals count.
const STATE: u16 = EXACT + 1;

/// The hidden column that counts the placeholders left in a row's texts
/// (exclusion reason, rejection, record, note), which bscore refuses: its
/// own column, as the state's formula is near a spreadsheet's length limit.
const PLACEHOLDERS: u16 = STATE + 1;

/// What a row's input cells amount to, as its hidden state cell says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowState {
    /// Assessed by exactly one valid measure (a rejected exclusion too).
    Assessed = 0,
    /// Excluded with a reason, not rejected: counts nothing.
    Excluded = 1,
    /// Nothing filled in yet.
    Unassessed = 2,
    /// Filled in in a way bscore refuses (a coefficient above 1, two
    /// measures, a rejection without an exclusion, …).
    Invalid = 3,
}

impl RowState {
    /// The state as the formula writes it.
    fn code(self) -> u8 {
        self as u8
    }

    /// The state of a row bscore writes from an audit's entry, or of an
    /// empty row. bscore writes only valid audits, so never `Invalid`.
    fn of(entry: Option<&crate::audit::Entry>) -> RowState {
        match entry.map(|entry| &entry.status) {
            None => RowState::Unassessed,
            Some(Status::Excluded { .. }) => RowState::Excluded,
            // The form has every indicator: an unassessed one is written
            // as coefficient 0.
            Some(_) => RowState::Assessed,
        }
    }
}

/// What the form's formulas give for the audit written, stored in each
/// formula cell as its result: a program that shows stored values
/// instead of recalculating (LibreOffice by default, previewers, mail
/// clients, libraries that read values) then shows bscore's own figures,
/// cut as displayed, and an empty form shows what its formulas give for
/// an empty form.
struct Stored<'a> {
    audit: Option<&'a Audit>,
    evaluation: Option<Evaluation>,
}

impl<'a> Stored<'a> {
    fn new(checklist: &Checklist, audit: Option<&'a Audit>) -> Stored<'a> {
        let evaluation = audit.and_then(|audit| crate::engine::evaluate(checklist, audit).ok());
        Stored { audit, evaluation }
    }

    /// The number of indicator rows and of required fields not filled in:
    /// every one of an empty form, none of a form written from an audit
    /// (which bscore validated; an indicator it did not list is written
    /// as conforming).
    fn unfilled(&self, checklist: &Checklist) -> (usize, usize) {
        let rows = (0..checklist.indicators.len())
            .filter(|index| {
                let entry = self.audit.map(|audit| &audit.entries[*index]);
                RowState::of(entry) == RowState::Unassessed
            })
            .count();
        let fields = match self.audit {
            Some(_) => 0,
            None => (FIELDS.iter())
                .filter(|(key, _, _)| crate::audit::audit_field_is_required(key))
                .count(),
        };
        (rows, fields)
    }
}

/// A stored result as it is shown: cut to two places.
fn shown_result(value: &Exact) -> String {
    fixed(value, SCORE_PLACES)
}

fn column(key: &str) -> u16 {
    COLUMNS.iter().position(|(k, _, _)| *k == key).unwrap_or(0) as u16
}

/// Refuses, before anything is written, an audit whose text will not fit
/// in a form's cell, naming the field: the form must hold the text whole,
/// so it cannot be cut.
fn form_cells_fit(audit: &Audit, checklist: &Checklist) -> Result<(), Text> {
    let fits = |field: &str, value: &str| match over_cell_limit(&kept_text(value)) {
        None => Ok(()),
        Some(length) => Err(t!(
            "{field} 有 {length} 个字符，超过了 Excel 单元格最多能存的 {CELL_LIMIT} 个：请缩短它，或继续使用 TOML 评价文件（它保留全文）",
            "{field} has {length} characters, more than the {CELL_LIMIT} an Excel cell holds: shorten it, or keep the audit in TOML, which holds the whole text"
        )),
    };
    let meta = &audit.meta;
    fits("audit.organization", &meta.organization)?;
    fits("audit.service", &meta.service)?;
    fits("audit.assessors", &meta.assessors.join("、"))?;
    for (indicator, entry) in checklist.indicators.iter().zip(&audit.entries) {
        let key = format!("indicators.{}", crate::text::toml_string(&indicator.id));
        for (value, field) in entry_texts(entry) {
            fits(&format!("{key}.{field}"), &value)?;
        }
    }
    for deduction in &audit.special_deductions {
        fits("special_deductions.finding", &deduction.finding)?;
    }
    if let Some(bonus) = &audit.bonus {
        fits("bonus.practice", &bonus.practice)?;
    }
    Ok(())
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
        let border = bordered().set_align(FormatAlign::Top).set_text_wrap();
        Styles {
            title: title_style(),
            label: border.clone().set_bold().set_background_color(HEADING_FILL),
            heading: border.clone().set_bold().set_background_color(HEADING_FILL),
            locked: border.clone().set_background_color(COMPUTED_FILL),
            figure: border
                .clone()
                .set_background_color(COMPUTED_FILL)
                .set_num_format(FIGURE_FORMAT),
            input: border.clone().set_unlocked(),
            date: border.clone().set_unlocked().set_num_format("yyyy-mm-dd"),
            hidden: full_precision(),
        }
    }
}

/// The form as an XLSX workbook: empty when `audit` is `None`. An audit
/// text too long for a cell is refused, the field named, in both
/// languages (a [`Text`] inside the error).
pub fn form_workbook(
    checklist: &Checklist,
    audit: Option<&Audit>,
    lang: Lang,
) -> Result<Vec<u8>, std::io::Error> {
    if let Some(audit) = audit {
        form_cells_fit(audit, checklist).map_err(std::io::Error::other)?;
    }
    filled_workbook(checklist, audit, lang).map_err(std::io::Error::other)
}

/// [`form_workbook`], its texts known to fit.
fn filled_workbook(
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
    let stored = Stored::new(checklist, audit);
    let sheet = workbook.add_worksheet().set_name(first)?;
    write_checklist_sheet(sheet, checklist, &stored, &words, &styles, second)?;
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
    stored: &Stored<'_>,
    words: &Words<'_>,
    styles: &Styles,
    adjustments: &str,
) -> Result<(), XlsxError> {
    let lang = words.lang;
    let audit = stored.audit;
    for ((index, width), entry) in (0u16..).zip(WIDTHS).zip(&COLUMNS) {
        sheet.set_column_width(index, width.max(widest_word(label(lang, entry))))?;
    }
    // The first column also holds the labels of the audit's fields, each
    // on one line.
    let labels = FIELDS.iter().map(|entry| bold_width(label(lang, entry)));
    let first = labels
        .fold(WIDTHS[0], f64::max)
        .max(widest_word(label(lang, &COLUMNS[0])));
    sheet.set_column_width(0, first)?;
    for hidden in [EXACT, STATE, PLACEHOLDERS] {
        sheet.set_column_hidden(hidden)?;
    }
    // A formula whose stored result is empty shows nothing, not 0.
    sheet.set_formula_result_default("");
    print_setup(sheet, Page::Landscape, HEADING_ROW)?;
    let footer = match audit {
        Some(audit) => page_footer(&audit.meta.organization, &audit.meta.date.to_string()),
        None => PAGE_NUMBER_FOOTER.to_string(),
    };
    sheet.set_footer(footer);
    let title = format!("{} — {}", words.standard(), words.labels.appendix_title);
    sheet.merge_range(0, 0, 0, column("applicable"), &title, &styles.title)?;
    write_fields(sheet, audit, lang, styles)?;
    let note = sheet_note(checklist, lang, adjustments);
    sheet.merge_range(
        HEADING_ROW - 1,
        0,
        HEADING_ROW - 1,
        column("applicable"),
        &note,
        &Format::new()
            .set_italic()
            .set_text_wrap()
            .set_align(FormatAlign::Top),
    )?;
    let across: f64 = WIDTHS[..=column("applicable") as usize].iter().sum();
    let height = wrapped_height(&[(&note, across)]);
    sheet.set_row_height(HEADING_ROW - 1, height)?;
    for (index, entry) in (0u16..).zip(COLUMNS.iter()) {
        sheet.write_string_with_format(HEADING_ROW, index, label(lang, entry), &styles.heading)?;
    }
    sheet.write_string(HEADING_ROW, EXACT, "exact")?;
    sheet.write_string(HEADING_ROW, STATE, "state")?;
    sheet.write_string(HEADING_ROW, PLACEHOLDERS, "placeholders")?;
    let first = HEADING_ROW + 1;
    let mut row = first;
    for (category_index, category) in checklist.categories.iter().enumerate() {
        let start = row;
        for (index, indicator) in checklist.indicators.iter().enumerate() {
            if indicator.category != category_index {
                continue;
            }
            let entry = audit.map(|audit| &audit.entries[index]);
            let score =
                (stored.evaluation.as_ref()).map(|evaluation| &evaluation.indicators[index]);
            write_indicator_row(sheet, row, checklist, index, (entry, score), words, styles)?;
            row += 1;
        }
        let subtotal = (stored.evaluation.as_ref())
            .map(|evaluation| evaluation.categories[category_index].clone())
            .unwrap_or_else(|| Subtotal {
                earned: Exact::from_integer(0),
                applicable: Exact::from_integer(0),
            });
        let name = words.category(category);
        write_subtotal(sheet, (row, start), name, &subtotal, words, styles)?;
        row += 1;
    }
    let last = row - 1;
    validations(sheet, first, last, lang)?;
    let table = Table {
        first,
        last,
        adjustments,
    };
    write_totals(sheet, checklist, &table, stored, words, styles)?;
    // Locked cells stay locked, but an assessor may make a row taller for
    // a long record, or a column wider.
    sheet.protect_with_options(&ProtectionOptions {
        format_rows: true,
        format_columns: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

/// The note above the table: what to fill in, where the special
/// deductions and the bonus go (the kinds named as the checklist and the
/// labels name them), and that bscore's evaluation decides.
fn sheet_note(checklist: &Checklist, lang: Lang, adjustments: &str) -> String {
    let labels = Labels::of(lang);
    let kinds: Vec<&str> = (checklist.special_deduction_kinds.iter())
        .map(|kind| kind.short_name(lang))
        .collect();
    let kinds = kinds.join(labels.list_separator);
    let bonus = labels.bonus_kind;
    let text = crate::t!(
        "白色单元格由评价人员填写；灰色单元格为公式，按两位小数截断显示。特别扣分与加分填在「{adjustments}」表（类型选 {kinds} 或 {bonus}）。以 bscore 的精确评价为准：bscore evaluate 本文件。",
        "Fill in the white cells; grey cells are formulas, shown cut to two decimals. Special deductions and the bonus go on the sheet \"{adjustments}\" (kind: {kinds} or {bonus}). bscore's exact evaluation is authoritative: run bscore evaluate on this file."
    );
    text.get(lang).to_string()
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
                    "organization" => kept_text(&meta.organization),
                    "service" => kept_text(&meta.service),
                    "assessors" => kept_text(&meta.assessors.join("、")),
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
    (entry, score): (Option<&crate::audit::Entry>, Option<&IndicatorScore>),
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
    sheet.set_row_height(row, wrapped_height(&cells))?;
    let state = RowState::of(entry);
    write_row_formulas(sheet, (row, &indicator.id), state, score, styles)
}

/// A row's live formulas: its state, its earned points at full precision
/// (hidden), shown cut, and its applicable points. Only an assessed row
/// counts; an empty or invalid one counts nothing and makes the totals
/// say the form is unfinished.
fn write_row_formulas(
    sheet: &mut Worksheet,
    (row, id): (u32, &str),
    state: RowState,
    score: Option<&IndicatorScore>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let at = |key: &str| cell(row, column(key));
    let points = at("points");
    sheet.write_formula_with_format(
        row,
        STATE,
        Formula::new(format!("={}", state_formula(row, id))).set_result(state.code().to_string()),
        &styles.hidden,
    )?;
    let texts = ["excluded", "rejected", "record", "note"].map(|key| {
        let text = at(key);
        match key {
            "excluded" => format!("({}+{})", placeholder(&text), exclusion_word(&text)),
            _ => placeholder(&text),
        }
    });
    sheet.write_formula_with_format(
        row,
        PLACEHOLDERS,
        Formula::new(format!("={}", texts.join("+"))).set_result("0"),
        &styles.hidden,
    )?;
    let state_cell = cell(row, STATE);
    let earned = score
        .filter(|_| state == RowState::Assessed)
        .map(|score| &score.earned);
    sheet.write_formula_with_format(
        row,
        EXACT,
        Formula::new(format!(
            "=IF({state_cell}={},(1-{})*{points},\"\")",
            RowState::Assessed.code(),
            coefficient_value(&at("coefficient"), &at("sampled"), &at("nonconforming")),
        ))
        .set_result(earned.map(cached).unwrap_or_default()),
        &styles.hidden,
    )?;
    let exact = cell(row, EXACT);
    sheet.write_formula_with_format(
        row,
        column("earned"),
        Formula::new(format!("=IF({exact}=\"\",\"\",{})", snapped_cut(&exact, 2)))
            .set_result(earned.map(shown_result).unwrap_or_default()),
        &styles.figure,
    )?;
    let applicable = match (state, score) {
        (RowState::Assessed, Some(score)) => shown_result(&score.points),
        (RowState::Excluded, _) => "0".to_string(),
        _ => String::new(),
    };
    sheet.write_formula_with_format(
        row,
        column("applicable"),
        Formula::new(format!(
            "=IF({state_cell}={},{points},IF({state_cell}={},0,\"\"))",
            RowState::Assessed.code(),
            RowState::Excluded.code()
        ))
        .set_result(applicable),
        &styles.figure,
    )?;
    Ok(())
}

/// Whether a cell is empty as bscore reads it: nothing, or only spaces
/// (the ordinary, the no-break and the ideographic space).
fn blank(cell: &str) -> String {
    format!("LEN(TRIM(SUBSTITUTE(SUBSTITUTE({cell},\"\u{3000}\",\" \"),\"\u{a0}\",\" \")))=0")
}

/// A cell's text as bscore reads it: trimmed of every kind of space.
fn trimmed_text(cell: &str) -> String {
    format!("TRIM(SUBSTITUTE(SUBSTITUTE({cell},\"\u{3000}\",\" \"),\"\u{a0}\",\" \"))")
}

/// 1 when a cell holds a placeholder bscore refuses (`?`, `…`, a bracketed
/// description such as （删减理由）, a bare label such as 删减理由), else 0,
/// from the same lists bscore's check uses. A text in brackets that holds
/// brackets inside, which bscore takes as the assessor's, counts here too:
/// the formulas err towards "有误", never towards a grade.
fn placeholder(cell: &str) -> String {
    let rules = &crate::audit::PLACEHOLDER_RULES;
    let text = trimmed_text(cell);
    let without_marks = (rules.marks.iter()).fold(text.clone(), |inner, mark| {
        format!("SUBSTITUTE({inner},\"{mark}\",\"\")")
    });
    let pairs: String = (rules.brackets.iter())
        .map(|(open, close)| format!("{open}{close}"))
        .collect();
    let labels: Vec<String> = (rules.labels.iter())
        .map(|label| format!("{text}=\"{}\"", label.replace('"', "\"\"")))
        .collect();
    format!(
        "OR(AND(LEN({text})>0,LEN({without_marks})=0),AND(LEN({text})>=2,ISNUMBER(FIND(LEFT({text},1)&RIGHT({text},1),\"{}\"))),{})*1",
        pairs.replace('"', "\"\""),
        labels.join(",")
    )
}

/// 1 when an exclusion's reason is only a word such as 不适用 or N/A,
/// which bscore refuses as no reason, else 0.
fn exclusion_word(cell: &str) -> String {
    let text = trimmed_text(cell);
    let words: Vec<String> = (crate::audit::PLACEHOLDER_RULES.exclusion_words.iter())
        .map(|word| format!("{text}=\"{}\"", word.replace('"', "\"\"")))
        .collect();
    format!("OR({})*1", words.join(","))
}

/// Whether a cell holds something, as bscore reads it.
fn filled(cell: &str) -> String {
    format!("NOT({})", blank(cell))
}

/// A cell's value as a number: a number cell as it is, a text cell holding
/// a decimal through `VALUE`.
fn number_of(cell: &str) -> String {
    format!("IF(ISNUMBER({cell}),{cell},VALUE({cell}))")
}

/// Whether a cell holds a number bscore reads: a number cell (not TRUE or
/// FALSE, which LibreOffice counts as numbers), or a text that is the plain
/// decimal of its own value (`0.5`, not `50%`, `.5`, `1.`, `4.0`, `4e0` or
/// full-width digits, which `VALUE` would take but bscore refuses). Never
/// an error, which would spread to the totals.
fn is_number(cell: &str) -> String {
    format!(
        "IF(ISLOGICAL({cell}),FALSE,IF(ISNUMBER({cell}),TRUE,IF(ISERROR(VALUE({cell})),FALSE,TRIM({cell})=VALUE({cell})&\"\")))"
    )
}

/// The coefficient a valid row's inputs give: the coefficient, else the
/// sample's nonconforming share.
fn coefficient_value(coefficient: &str, sampled: &str, nonconforming: &str) -> String {
    format!(
        "IF({},{},{}/{})",
        filled(coefficient),
        number_of(coefficient),
        number_of(nonconforming),
        number_of(sampled)
    )
}

/// The formula of a row's [`RowState`]: the checks bscore makes of the
/// row's inputs (and that its id is still the indicator's), so the live
/// totals never grade a form bscore would refuse. Every branch is guarded,
/// so no input makes it an error.
fn state_formula(row: u32, id: &str) -> String {
    let at = |key: &str| cell(row, column(key));
    let (c, s, n, e, r) = (
        at("coefficient"),
        at("sampled"),
        at("nonconforming"),
        at("excluded"),
        at("rejected"),
    );
    let (c_blank, s_blank, n_blank, e_blank, r_blank) =
        (blank(&c), blank(&s), blank(&n), blank(&e), blank(&r));
    let coefficient_ok = format!(
        "IF({},AND({v}>=0,{v}<=1),FALSE)",
        is_number(&c),
        v = number_of(&c)
    );
    let (sv, nv) = (number_of(&s), number_of(&n));
    let sample_ok = format!(
        "IF(AND(NOT({s_blank}),NOT({n_blank}),{},{}),AND({sv}>=1,INT({sv})={sv},{nv}>=0,INT({nv})={nv},{nv}<={sv}),FALSE)",
        is_number(&s),
        is_number(&n)
    );
    let measure_ok =
        format!("IF(NOT({c_blank}),AND({s_blank},{n_blank},{coefficient_ok}),{sample_ok})");
    let valid = format!(
        "IF(NOT({e_blank}),IF({r_blank},AND({c_blank},{s_blank},{n_blank}),{measure_ok}),AND({r_blank},{measure_ok}))"
    );
    let id_kept = format!("{}=\"{}\"", at("id"), id.replace('"', "\"\""));
    let placeholders = cell(row, PLACEHOLDERS);
    format!(
        "IF(OR(NOT({id_kept}),{placeholders}>0),{invalid},IF(AND({c_blank},{s_blank},{n_blank},{e_blank},{r_blank}),{unassessed},IF({valid},IF(AND(NOT({e_blank}),{r_blank}),{excluded},{assessed}),{invalid})))",
        unassessed = RowState::Unassessed.code(),
        excluded = RowState::Excluded.code(),
        assessed = RowState::Assessed.code(),
        invalid = RowState::Invalid.code(),
    )
}

/// A category's subtotal row: its earned and applicable points, live,
/// over the rows from `start` to the row before it.
fn write_subtotal(
    sheet: &mut Worksheet,
    (row, start): (u32, u32),
    name: &str,
    subtotal: &Subtotal,
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
    let figures = [
        (column("earned"), range(EXACT), &subtotal.earned),
        (
            column("applicable"),
            range(column("applicable")),
            &subtotal.applicable,
        ),
    ];
    for (figure_column, cells, value) in figures {
        sheet.write_formula_with_format(
            row,
            figure_column,
            cut_formula(&format!("SUM({cells})"), value, SCORE_PLACES),
            &styles.figure,
        )?;
    }
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
            sheet.write_string_with_format(
                row,
                column("excluded"),
                kept_text(reason),
                &styles.input,
            )?;
            None
        }
        Status::ExclusionRejected {
            reason,
            rejection,
            measure,
        } => {
            sheet.write_string_with_format(
                row,
                column("excluded"),
                kept_text(reason),
                &styles.input,
            )?;
            sheet.write_string_with_format(
                row,
                column("rejected"),
                kept_text(rejection),
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
            sheet.write_string_with_format(row, column(key), kept_text(value), &styles.input)?;
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

/// Where the table and the second sheet lie, for the totals' formulas.
struct Table<'a> {
    /// The first indicator row.
    first: u32,
    /// The last row of the table (the last subtotal).
    last: u32,
    /// The name of the sheet of special deductions and the bonus.
    adjustments: &'a str,
}

/// The counts the totals are built from, as formula expressions.
struct Counts {
    /// Indicator rows not filled in.
    unassessed: String,
    /// Fields above the table that bscore requires, left empty.
    empty_fields: String,
    /// Indicator rows and items on the second sheet that bscore refuses.
    invalid: String,
    /// Special deductions of a known kind.
    deductions: String,
    /// Bonus items.
    bonuses: String,
}

impl Counts {
    fn new(table: &Table<'_>, checklist: &Checklist) -> Counts {
        let states = format!("{}:{}", cell(table.first, STATE), cell(table.last, STATE));
        let range = |first: &str, last: &str| {
            format!(
                "'{}'!${first}$2:${last}${}",
                table.adjustments.replace('\'', "''"),
                ADJUSTMENT_ROWS + 1
            )
        };
        let (kinds, findings, beside) = (range("A", "A"), range("B", "B"), range("C", "Z"));
        // Gnumeric computes no text function over a range inside
        // SUMPRODUCT (and LibreOffice's COUNTA miscounts a block of
        // another sheet's columns), so these compare cells as written: one
        // of only spaces, or a kind with spaces around it, which bscore
        // trims, counts as wrong here (never the other way round).
        let count_of = |words: Vec<&str>| {
            let counts: Vec<String> = (words.iter())
                .map(|word| format!("COUNTIF({kinds},\"{}\")", word.replace('"', "\"\"")))
                .collect();
            format!("({})", counts.join("+"))
        };
        let (deduction_words, bonus_words) = adjustment_words(checklist);
        let (deductions, bonuses) = (count_of(deduction_words), count_of(bonus_words));
        // A row with a kind or a finding but not both, a kind bscore does
        // not know, a second bonus, anything beside the two columns.
        let adjustment_problems = format!(
            "(SUMPRODUCT((({kinds}=\"\")<>({findings}=\"\"))*1)+SUMPRODUCT(({kinds}<>\"\")*1)-{deductions}-{bonuses}+MAX(0,{bonuses}-1)+SUMPRODUCT(({beside}<>\"\")*1))"
        );
        // The audit's fields above the table that bscore requires.
        let empty_fields: Vec<String> = (1u32..)
            .zip(FIELDS.iter())
            .filter(|(_, (key, _, _))| crate::audit::audit_field_is_required(key))
            .map(|(row, _)| format!("({})*1", blank(&cell(row, 1))))
            .collect();
        // The names above the table left as placeholders.
        let placeholder_fields: Vec<String> = (1u32..)
            .zip(FIELDS.iter())
            .filter(|(_, (key, _, _))| ["organization", "service", "assessors"].contains(key))
            .map(|(row, _)| placeholder(&cell(row, 1)))
            .collect();
        Counts {
            unassessed: format!("COUNTIF({states},{})", RowState::Unassessed.code()),
            empty_fields: format!("({})", empty_fields.join("+")),
            invalid: format!(
                "(COUNTIF({states},{})+{adjustment_problems}+{})",
                RowState::Invalid.code(),
                placeholder_fields.join("+")
            ),
            deductions,
            bonuses,
        }
    }

    /// `formula` once the form is finished, else what is missing.
    fn when_finished(&self, lang: Lang, formula: &str) -> String {
        let counts = [&self.unassessed, &self.empty_fields, &self.invalid];
        format!(
            "IF({}+{}+{}>0,{},{formula})",
            counts[0],
            counts[1],
            counts[2],
            incomplete_formula(lang, counts)
        )
    }
}

/// The words the second sheet's 类型 is read by (as the form reader takes
/// them, case aside): each special deduction kind's id and names, then the
/// bonus's, each once.
fn adjustment_words(checklist: &Checklist) -> (Vec<&str>, Vec<&'static str>) {
    let mut deductions: Vec<&str> = Vec::new();
    for kind in &checklist.special_deduction_kinds {
        for word in [
            &kind.id,
            kind.short_name(Lang::Zh),
            kind.short_name(Lang::En),
        ] {
            if !deductions
                .iter()
                .any(|known| known.eq_ignore_ascii_case(word))
            {
                deductions.push(word);
            }
        }
    }
    let mut bonuses = vec!["bonus"];
    for word in [
        Labels::of(Lang::Zh).bonus_kind,
        Labels::of(Lang::En).bonus_kind,
    ] {
        if !bonuses.iter().any(|known| known.eq_ignore_ascii_case(word)) {
            bonuses.push(word);
        }
    }
    (deductions, bonuses)
}

/// What the score and grade cells say while the form is unfinished: the
/// indicators not assessed, the required fields left empty and the inputs
/// bscore refuses, each only when there are any.
struct Incomplete {
    /// 未完成： / Incomplete:
    lead: &'static str,
    /// Between two parts.
    separator: &'static str,
    /// Each part's words after its count: not assessed, fields empty,
    /// invalid.
    parts: [&'static str; 3],
}

impl Incomplete {
    fn of(lang: Lang) -> Incomplete {
        match lang {
            Lang::Zh => Incomplete {
                lead: "未完成：",
                separator: "，",
                parts: [" 个指标未评价", " 栏未填写", " 处有误"],
            },
            Lang::En => Incomplete {
                lead: "Incomplete: ",
                separator: ", ",
                parts: [" not assessed", " fields empty", " invalid"],
            },
        }
    }

    /// The text for these counts (not all zero).
    fn text(&self, counts: [usize; 3]) -> String {
        let parts: Vec<String> = (counts.iter().zip(self.parts))
            .filter(|(count, _)| **count > 0)
            .map(|(count, words)| format!("{count}{words}"))
            .collect();
        format!("{}{}", self.lead, parts.join(self.separator))
    }
}

/// The text of [`Incomplete`] as a formula over the three counts: each part
/// only when its count is not zero, a separator only between two.
fn incomplete_formula(lang: Lang, counts: [&String; 3]) -> String {
    let words = Incomplete::of(lang);
    let part = |index: usize| {
        let before: Vec<&str> = counts[..index].iter().map(|count| count.as_str()).collect();
        let separator = match before.is_empty() {
            true => "\"\"".to_string(),
            false => format!("IF({}>0,\"{}\",\"\")", before.join("+"), words.separator),
        };
        format!(
            "IF({count}>0,{separator}&{count}&\"{}\",\"\")",
            words.parts[index],
            count = counts[index]
        )
    };
    format!("\"{}\"&{}&{}&{}", words.lead, part(0), part(1), part(2))
}

/// [`Incomplete`] for a form of `unassessed` empty rows, `empty_fields`
/// empty fields and nothing refused, as stored.
fn stored_incomplete(lang: Lang, unassessed: usize, empty_fields: usize) -> String {
    Incomplete::of(lang).text([unassessed, empty_fields, 0])
}

/// Earned and applicable points, the score and the grade, live, below
/// the table, with bscore's authority said. While a row is not filled in
/// or an input is refused, the normalized score, the score and the grade
/// say so instead of a figure or a band.
fn write_totals(
    sheet: &mut Worksheet,
    checklist: &Checklist,
    table: &Table<'_>,
    stored: &Stored<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let labels = words.labels;
    let lang = words.lang;
    let start = table.last + 2;
    let value = column("earned");
    let (first, last) = (table.first, table.last);
    // Indicator rows only (they have an id), not the subtotals.
    let ids = format!("{}:{}", cell(first, column("id")), cell(last, column("id")));
    let over = |key_column: u16| {
        format!(
            "SUMIF({ids},\"<>\",{}:{})",
            cell(first, key_column),
            cell(last, key_column)
        )
    };
    let counts = Counts::new(table, checklist);
    let exact_sum = over(EXACT);
    let applicable_sum = over(column("applicable"));
    let full_score = trimmed(&checklist.full_score, SCORE_PLACES);
    let per_deduction = trimmed(&checklist.special_deduction_points, SCORE_PLACES);
    let bonus_points = trimmed(&checklist.bonus_points, SCORE_PLACES);
    let (deductions, bonuses) = (&counts.deductions, &counts.bonuses);
    let normalized = format!("IF({applicable_sum}=0,0,{exact_sum}/{applicable_sum}*{full_score})");
    let score = clamped_score(
        &full_score,
        &format!("{normalized}-{deductions}*{per_deduction}+MIN(1,{bonuses})*{bonus_points}"),
    );
    let shown = |formula: &str| format!("={}", snapped_cut(formula, 2));
    let finished =
        |formula: &str| format!("={}", counts.when_finished(lang, &snapped_cut(formula, 2)));
    let results = total_results(stored, checklist, words);
    let rows = [
        (labels.earned, shown(&exact_sum)),
        (labels.applicable, shown(&applicable_sum)),
        (labels.normalized, finished(&normalized)),
        (
            labels.special_deduction,
            format!("=-{deductions}*{per_deduction}"),
        ),
        (labels.bonus, format!("=MIN(1,{bonuses})*{bonus_points}")),
        (labels.score, finished(&score)),
    ];
    let grade_row = start + rows.len() as u32;
    let failed = format!("{deductions}>0");
    let grade = grade_formula(
        checklist,
        |grade| words.grade(grade).to_string(),
        words.labels.failed_by_deduction,
        &failed,
        &score,
    );
    let grade = format!("={}", counts.when_finished(lang, &grade[1..]));
    let all = rows.into_iter().chain([(labels.grade, grade)]);
    let height = total_height(checklist, words);
    for (offset, ((label, formula), result)) in (0u32..).zip(all.zip(&results)) {
        let row = start + offset;
        let style = match row == grade_row {
            true => &styles.locked,
            false => &styles.figure,
        };
        sheet.merge_range(row, 0, row, value - 1, label, &styles.label)?;
        // The value across both figure columns, so that a grade or what
        // is left to fill in prints whole.
        sheet.merge_range(row, value, row, column("applicable"), "", style)?;
        sheet.write_formula_with_format(
            row,
            value,
            Formula::new(formula).set_result(result),
            style,
        )?;
        sheet.set_row_height(row, height)?;
    }
    Ok(())
}

/// The height of a row of the totals: enough for the longest text its
/// formula can show (a grade failed by special deductions, or what is left
/// to fill in, with counts of up to three digits), across the two figure
/// columns.
fn total_height(checklist: &Checklist, words: &Words<'_>) -> f64 {
    let width = WIDTHS[column("earned") as usize] + WIDTHS[column("applicable") as usize];
    let failed = format!(
        "{}{}",
        words.grade(crate::checklist::Grade::Fail),
        words.labels.failed_by_deduction
    );
    let mut texts: Vec<String> = (checklist.grades.iter())
        .map(|band| words.grade(band.grade).to_string())
        .collect();
    texts.push(failed);
    texts.push(Incomplete::of(words.lang).text([100, 10, 100]));
    let cells: Vec<(&str, f64)> = texts.iter().map(|text| (text.as_str(), width)).collect();
    wrapped_height(&cells)
}

/// The stored results of the totals, in the order they are written:
/// earned, applicable, normalized, special deductions, bonus, score and
/// grade.
fn total_results(stored: &Stored<'_>, checklist: &Checklist, words: &Words<'_>) -> [String; 7] {
    let (rows, fields) = stored.unfilled(checklist);
    let evaluation = stored.evaluation.as_ref().filter(|_| rows + fields == 0);
    let Some(evaluation) = evaluation else {
        let incomplete = stored_incomplete(words.lang, rows, fields);
        let zero = shown_result(&Exact::from_integer(0));
        return [
            zero.clone(),
            zero,
            incomplete.clone(),
            "0".to_string(),
            "0".to_string(),
            incomplete.clone(),
            incomplete,
        ];
    };
    let [earned, applicable, normalized, deducted, bonus, score] = total_figures(evaluation);
    [
        shown_result(&earned),
        shown_result(&applicable),
        shown_result(&normalized),
        trimmed(&deducted, SCORE_PLACES),
        trimmed(&bonus, SCORE_PLACES),
        shown_result(&score),
        words.graded(evaluation),
    ]
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
    sheet.set_column_width(0, ADJUSTMENT_WIDTHS[0])?;
    sheet.set_column_width(1, ADJUSTMENT_WIDTHS[1])?;
    // A4 portrait, one page wide: the kind never prints apart from its
    // finding.
    print_setup(sheet, Page::Portrait, 0)?;
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
        let items = (audit.special_deductions.iter())
            .map(|deduction| (name(&deduction.kind), &deduction.finding))
            .chain((audit.bonus.iter()).map(|practice| (bonus.to_string(), &practice.practice)));
        for (kind, finding) in items {
            let finding = kept_text(finding);
            sheet.write_string_with_format(row, 0, kind, &styles.input)?;
            sheet.write_string_with_format(row, 1, &finding, &styles.input)?;
            let height = wrapped_height(&[(&finding, ADJUSTMENT_WIDTHS[1])]);
            sheet.set_row_height(row, height)?;
            row += 1;
        }
    }
    Ok(())
}
