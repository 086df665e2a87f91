//! The totals below the table: earned and applicable points, the score
//! and the grade, live, with bscore's authority said; while the form is
//! unfinished, what is left to fill in instead of a figure or a band.

use super::formulas::{blank, placeholder};
use super::layout::{
    ADJUSTMENT_ROWS, EXACT, PLACEHOLDERS, STATE, Styles, WIDTHS, column, shown_result,
};
use super::state::{RowState, Stored};
use crate::checklist::Checklist;
use crate::form::FIELDS;
use crate::message::Lang;
use crate::number::{Exact, SCORE_PLACES, trimmed};
use crate::render::{Labels, Words};
use crate::spreadsheet::{
    cell, clamped_score, grade_formula, snapped_cut, total_figures, wrapped_height, write_formula,
};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Where the table and the second sheet lie, for the totals' formulas.
pub(super) struct Table<'a> {
    /// The first indicator row.
    pub(super) first: u32,
    /// The last row of the table (the last subtotal).
    pub(super) last: u32,
    /// The name of the sheet of special deductions and the bonus.
    pub(super) adjustments: &'a str,
}

/// The counts the totals are built from. Each is computed once, in a
/// hidden cell of its own ([`Counts::write`]), and the totals refer to
/// that cell: what is left to fill in names each count several times, and
/// with the counts' formulas written out each time the grade's formula
/// was twice as long as Excel takes ([`crate::spreadsheet::FORMULA_LIMIT`]).
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
    /// The counts' formulas, over the table's states, the field checks
    /// ([`write_field_checks`]) and the second sheet.
    fn formulas(table: &Table<'_>, checklist: &Checklist) -> Counts {
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
        let fields = |column: u16| {
            format!(
                "SUM({}:{})",
                cell(FIRST_FIELD_ROW, column),
                cell(FIRST_FIELD_ROW + FIELDS.len() as u32 - 1, column)
            )
        };
        Counts {
            unassessed: format!("COUNTIF({states},{})", RowState::Unassessed.code()),
            empty_fields: fields(STATE),
            invalid: format!(
                "COUNTIF({states},{})+{adjustment_problems}+{}",
                RowState::Invalid.code(),
                fields(PLACEHOLDERS)
            ),
            deductions,
            bonuses,
        }
    }

    /// Writes each count's formula in its hidden cell, the totals' hidden
    /// column from the totals' first row down, each with what it gives
    /// for the audit written; returns the counts as those cells.
    fn write(
        self,
        sheet: &mut Worksheet,
        start: u32,
        stored: &Stored<'_>,
        checklist: &Checklist,
        styles: &Styles,
    ) -> Result<Counts, XlsxError> {
        let (rows, fields) = stored.unfilled(checklist);
        let audit = stored.audit;
        let deductions = audit.map_or(0, |audit| audit.special_deductions.len());
        let bonuses = audit.map_or(0, |audit| usize::from(audit.bonus.is_some()));
        let mut row = start;
        let mut write = |formula: String, result: usize| {
            let at = (row, STATE);
            row += 1;
            write_formula(
                sheet,
                at,
                &format!("={formula}"),
                result.to_string(),
                &styles.hidden,
            )?;
            Ok::<String, XlsxError>(cell(at.0, at.1))
        };
        Ok(Counts {
            unassessed: write(self.unassessed, rows)?,
            empty_fields: write(self.empty_fields, fields)?,
            // bscore writes only valid audits: nothing it refuses.
            invalid: write(self.invalid, 0)?,
            deductions: write(self.deductions, deductions)?,
            bonuses: write(self.bonuses, bonuses)?,
        })
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

/// The first row of the audit's fields above the table (0-based), as
/// [`super::inputs::write_fields`] writes them, one a row.
const FIRST_FIELD_ROW: u32 = 1;

/// Beside each of the audit's fields, in the hidden columns, what the
/// totals count of it: in the state column, 1 when bscore requires the
/// field and it is empty; in the placeholders column, 1 when a name
/// (organization, service, assessors) is left a placeholder. One cell
/// each, so that the counts sum them rather than repeat every test. Each
/// with what it gives for the audit written: an empty form's required
/// fields are empty, an audit's are filled, and no name bscore wrote is a
/// placeholder.
fn write_field_checks(
    sheet: &mut Worksheet,
    stored: &Stored<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let empty = usize::from(stored.meta().is_none());
    for (row, (key, _, _)) in (FIRST_FIELD_ROW..).zip(FIELDS.iter()) {
        let value = cell(row, 1);
        if crate::audit::audit_field_is_required(key) {
            let formula = format!("=({})*1", blank(&value));
            write_formula(
                sheet,
                (row, STATE),
                &formula,
                empty.to_string(),
                &styles.hidden,
            )?;
        }
        if ["organization", "service", "assessors"].contains(key) {
            let formula = format!("={}", placeholder(&value));
            write_formula(sheet, (row, PLACEHOLDERS), &formula, "0", &styles.hidden)?;
        }
    }
    Ok(())
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
pub(super) fn write_totals(
    sheet: &mut Worksheet,
    checklist: &Checklist,
    table: &Table<'_>,
    stored: &Stored<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let start = table.last + 2;
    let value = column("earned");
    let mut results = total_results(stored, checklist, words).to_vec();
    let formulas = match stored.part {
        // A part is neither scored nor graded: its own earned and
        // applicable points only (docs/team.md), which count nothing.
        Some(_) => {
            results.truncate(2);
            part_formulas(table, words.labels).to_vec()
        }
        None => {
            write_field_checks(sheet, stored, styles)?;
            let counts = Counts::formulas(table, checklist);
            let counts = counts.write(sheet, start, stored, checklist, styles)?;
            total_formulas(checklist, table, &counts, words).to_vec()
        }
    };
    let grade_row = start + formulas.len() as u32 - 1;
    let height = total_height(checklist, words);
    for (offset, ((label, formula), result)) in (0u32..).zip(formulas.into_iter().zip(&results)) {
        let row = start + offset;
        let style = match row == grade_row {
            true => &styles.locked,
            false => &styles.figure,
        };
        sheet.merge_range(row, 0, row, value - 1, label, &styles.label)?;
        // The value across both figure columns, so that a grade or what
        // is left to fill in prints whole.
        sheet.merge_range(row, value, row, column("applicable"), "", style)?;
        write_formula(sheet, (row, value), &formula, result, style)?;
        sheet.set_row_height(row, height)?;
    }
    Ok(())
}

/// The sums of earned points (at full precision) and of applicable
/// points over the indicator rows (they have an id), not the subtotals.
fn sums(table: &Table<'_>) -> (String, String) {
    let (first, last) = (table.first, table.last);
    let ids = format!("{}:{}", cell(first, column("id")), cell(last, column("id")));
    let over = |key_column: u16| {
        format!(
            "SUMIF({ids},\"<>\",{}:{})",
            cell(first, key_column),
            cell(last, key_column)
        )
    };
    (over(EXACT), over(column("applicable")))
}

/// A figure's formula: `formula` shown cut to two places.
fn shown(formula: &str) -> String {
    format!("={}", snapped_cut(formula, 2))
}

/// A part's totals: its earned and applicable points alone.
fn part_formulas(table: &Table<'_>, labels: &Labels) -> [(&'static str, String); 2] {
    let (exact_sum, applicable_sum) = sums(table);
    [
        (labels.earned, shown(&exact_sum)),
        (labels.applicable, shown(&applicable_sum)),
    ]
}

/// Each total's label and live formula, in the order they are written:
/// earned, applicable, normalized, special deductions, bonus, score and
/// grade, over the `counts`' cells.
fn total_formulas(
    checklist: &Checklist,
    table: &Table<'_>,
    counts: &Counts,
    words: &Words<'_>,
) -> [(&'static str, String); 7] {
    let labels = words.labels;
    let lang = words.lang;
    let (exact_sum, applicable_sum) = sums(table);
    let full_score = trimmed(&checklist.full_score, SCORE_PLACES);
    let per_deduction = trimmed(&checklist.special_deduction_points, SCORE_PLACES);
    let bonus_points = trimmed(&checklist.bonus_points, SCORE_PLACES);
    let (deductions, bonuses) = (&counts.deductions, &counts.bonuses);
    let normalized = format!("IF({applicable_sum}=0,0,{exact_sum}/{applicable_sum}*{full_score})");
    let score = clamped_score(
        &full_score,
        &format!("{normalized}-{deductions}*{per_deduction}+MIN(1,{bonuses})*{bonus_points}"),
    );
    let finished =
        |formula: &str| format!("={}", counts.when_finished(lang, &snapped_cut(formula, 2)));
    let failed = format!("{deductions}>0");
    let grade = grade_formula(
        checklist,
        |grade| words.grade(grade).to_string(),
        labels.failed_by_deduction,
        &failed,
        &score,
    );
    [
        (labels.earned, shown(&exact_sum)),
        (labels.applicable, shown(&applicable_sum)),
        (labels.normalized, finished(&normalized)),
        (
            labels.special_deduction,
            format!("=-{deductions}*{per_deduction}"),
        ),
        (labels.bonus, format!("=MIN(1,{bonuses})*{bonus_points}")),
        (labels.score, finished(&score)),
        (
            labels.grade,
            format!("={}", counts.when_finished(lang, &grade[1..])),
        ),
    ]
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
