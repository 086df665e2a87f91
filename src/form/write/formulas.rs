//! The formulas that read the assessor's inputs as bscore reads them: a
//! blank, a placeholder, a number, a row's state. Every one is guarded, so
//! that no input makes it an error that would spread to the totals.

use super::layout::{PLACEHOLDERS, column};
use super::state::RowState;
use crate::spreadsheet::cell;

/// Whether a cell is empty as bscore reads it: nothing, or only spaces
/// (the ordinary, the no-break and the ideographic space).
pub(super) fn blank(cell: &str) -> String {
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
pub(super) fn placeholder(cell: &str) -> String {
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
pub(super) fn exclusion_word(cell: &str) -> String {
    let text = trimmed_text(cell);
    let words: Vec<String> = (crate::audit::PLACEHOLDER_RULES.exclusion_words.iter())
        .map(|word| format!("{text}=\"{}\"", word.replace('"', "\"\"")))
        .collect();
    format!("OR({})*1", words.join(","))
}

/// Whether a cell holds something, as bscore reads it.
pub(super) fn filled(cell: &str) -> String {
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
pub(super) fn coefficient_value(coefficient: &str, sampled: &str, nonconforming: &str) -> String {
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
pub(super) fn state_formula(row: u32, id: &str) -> String {
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
    // A coefficient left "?" (as `bscore next` writes it) is not filled
    // in yet, as bscore reads it: the row is still to assess, not wrong.
    let c_to_fill = format!("OR({c_blank},{}=\"?\")", trimmed_text(&c));
    format!(
        "IF(OR(NOT({id_kept}),{placeholders}>0),{invalid},IF(AND({c_to_fill},{s_blank},{n_blank},{e_blank},{r_blank}),{unassessed},IF({valid},IF(AND(NOT({e_blank}),{r_blank}),{excluded},{assessed}),{invalid})))",
        unassessed = RowState::Unassessed.code(),
        excluded = RowState::Excluded.code(),
        assessed = RowState::Assessed.code(),
        invalid = RowState::Invalid.code(),
    )
}
