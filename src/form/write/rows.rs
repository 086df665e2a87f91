//! The table's rows: each indicator with its input cells (an audit's
//! finding written in them) and its live formulas, and each category's
//! subtotal.

use super::formulas::{coefficient_value, exclusion_word, placeholder, state_formula};
use super::layout::{
    CONDITIONS_WIDTH, EXACT, PLACEHOLDERS, RULE_CONDITIONS, STATE, Styles, WIDTHS, column,
    shown_result,
};
use super::state::RowState;
use crate::audit::{Measure, Status};
use crate::checklist::Checklist;
use crate::engine::{IndicatorScore, Subtotal};
use crate::form::READ_COLUMNS;
use crate::number::{Exact, SCORE_PLACES, fixed, trimmed};
use crate::render::Words;
use crate::spreadsheet::{
    cached, cell, kept_text, snapped_cut, to_f64, wrapped_height, write_formula,
};
use rust_xlsxwriter::{Worksheet, XlsxError};

#[allow(clippy::too_many_arguments)]
pub(super) fn write_indicator_row(
    sheet: &mut Worksheet,
    row: u32,
    checklist: &Checklist,
    index: usize,
    (entry, score): (Option<&crate::audit::Entry>, Option<&IndicatorScore>),
    words: &Words<'_>,
    (styles, conditions): (&Styles, Option<&str>),
) -> Result<(), XlsxError> {
    let indicator = &checklist.indicators[index];
    if let Some(conditions) = conditions {
        sheet.write_string_with_format(row, RULE_CONDITIONS, conditions, &styles.rule)?;
    }
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
    let height = wrapped_height(&cells).max(conditions_height(conditions));
    sheet.set_row_height(row, height)?;
    let state = RowState::of(entry);
    write_row_formulas(sheet, (row, &indicator.id), state, score, styles)
}

/// The height the 细则's conditions need (Chinese lines are counted
/// taller by [`wrapped_height`] itself).
fn conditions_height(conditions: Option<&str>) -> f64 {
    conditions.map_or(0.0, |text| wrapped_height(&[(text, CONDITIONS_WIDTH)]))
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
    write_formula(
        sheet,
        (row, STATE),
        &format!("={}", state_formula(row, id)),
        state.code().to_string(),
        &styles.hidden,
    )?;
    let texts = ["excluded", "rejected", "record", "note"].map(|key| {
        let text = at(key);
        match key {
            "excluded" => format!("({}+{})", placeholder(&text), exclusion_word(&text)),
            _ => placeholder(&text),
        }
    });
    write_formula(
        sheet,
        (row, PLACEHOLDERS),
        &format!("={}", texts.join("+")),
        "0",
        &styles.hidden,
    )?;
    let state_cell = cell(row, STATE);
    let earned = score
        .filter(|_| state == RowState::Assessed)
        .map(|score| &score.earned);
    write_formula(
        sheet,
        (row, EXACT),
        &format!(
            "=IF({state_cell}={},(1-{})*{points},\"\")",
            RowState::Assessed.code(),
            coefficient_value(&at("coefficient"), &at("sampled"), &at("nonconforming")),
        ),
        earned.map(cached).unwrap_or_default(),
        &styles.hidden,
    )?;
    let exact = cell(row, EXACT);
    write_formula(
        sheet,
        (row, column("earned")),
        &format!("=IF({exact}=\"\",\"\",{})", snapped_cut(&exact, 2)),
        earned.map(shown_result).unwrap_or_default(),
        &styles.figure,
    )?;
    let applicable = match (state, score) {
        (RowState::Assessed, Some(score)) => shown_result(&score.points),
        (RowState::Excluded, _) => "0".to_string(),
        _ => String::new(),
    };
    write_formula(
        sheet,
        (row, column("applicable")),
        &format!(
            "=IF({state_cell}={},{points},IF({state_cell}={},0,\"\"))",
            RowState::Assessed.code(),
            RowState::Excluded.code()
        ),
        applicable,
        &styles.figure,
    )?;
    Ok(())
}

/// A category's subtotal row: its earned and applicable points, live,
/// over the rows from `start` to the row before it.
pub(super) fn write_subtotal(
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
        write_formula(
            sheet,
            (row, figure_column),
            &format!("={}", snapped_cut(&format!("SUM({cells})"), SCORE_PLACES)),
            fixed(value, SCORE_PLACES),
            &styles.figure,
        )?;
    }
    Ok(())
}

/// The texts an entry fills in, with their columns' keys.
pub(super) fn entry_texts(entry: &crate::audit::Entry) -> Vec<(String, &'static str)> {
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
    if let Some(population) = entry.population {
        let population = population as f64;
        sheet.write_number_with_format(row, column("population"), population, &styles.input)?;
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
