//! What a form holds once read: the audit as TOML, the cell behind each
//! value, and the form's own problems; validated as a TOML audit is, with
//! every problem named by sheet and cell, in the form's own words.

use super::cells::cell_order;
use super::values::quoted;
use crate::audit::{Audit, Checks};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, InputError, Located, MAX_REPORTED};
use crate::input::MAX_INPUT_BYTES;
use crate::message::Text;
use crate::message::t;
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
    /// Each finding is also put to `checks` (the 细则's, each draw's).
    pub fn audit(
        &self,
        file: &str,
        checklist: &Checklist,
        checks: Checks<'_>,
    ) -> Result<Audit, InputError> {
        match self.without_unlistable_rows(checklist) {
            Some((pruned, dropped)) => (pruned.bounded_audit(file, checklist, checks))
                .map_err(|error| error.with_omitted(dropped)),
            None => self.bounded_audit(file, checklist, checks),
        }
    }

    /// [`FormAudit::audit_as_read`] of a form no larger, written as TOML,
    /// than a TOML audit may be: the limits of the workbook allow some
    /// 64 MiB of text a sheet, which as 50,000 special deductions would
    /// cost seconds and most of a gigabyte to check, and `convert` would
    /// write a TOML audit that bscore itself refuses.
    fn bounded_audit(
        &self,
        file: &str,
        checklist: &Checklist,
        checks: Checks<'_>,
    ) -> Result<Audit, InputError> {
        let limit = MAX_INPUT_BYTES as usize;
        if self.toml.len() > limit {
            let problem = form_too_large(self.toml.len(), self.cell_at(limit));
            return Err(InputError::new(file, "", vec![problem]));
        }
        self.audit_as_read(file, checklist, checks)
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
    fn audit_as_read(
        &self,
        file: &str,
        checklist: &Checklist,
        checks: Checks<'_>,
    ) -> Result<Audit, InputError> {
        let parsed = Audit::parse_form(file, &self.toml, checklist, checks);
        let mut own = self.problems.clone();
        if self.is_part() {
            own.extend(self.unfilled_rows(checklist));
        }
        if own.is_empty() {
            return parsed.map_err(|error| self.relocate(error));
        }
        let mut error = match parsed {
            Ok(_) => InputError::new(file, "", Vec::new()),
            Err(error) => self.relocate(error),
        };
        let own = InputError::new(file, "", own).with_omitted(self.unlisted);
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
    /// `convert`: a TOML audit that reads back as the same audit, refused
    /// when that is over what a TOML audit may be (a kind's id may be
    /// longer than the form's word for it: `whitepaper` for 白皮书), so
    /// that `convert` never writes an audit bscore would then refuse.
    pub fn toml_of(&self, file: &str, audit: &Audit) -> Result<String, InputError> {
        // Built in one pass: replacing each kind in place would move the
        // rest of the text once a deduction, quadratic in their number.
        let limit = MAX_INPUT_BYTES as usize;
        let mut toml = String::with_capacity(self.toml.len());
        let mut from = 0;
        // Where the limit is passed, as a byte of the form's own TOML.
        let mut passed_at = None;
        for (range, deduction) in self.kinds.iter().zip(&audit.special_deductions) {
            toml.push_str(&self.toml[from..range.start]);
            toml.push_str(&quoted(&deduction.kind));
            from = range.end;
            if toml.len() > limit && passed_at.is_none() {
                passed_at = Some(range.start);
            }
        }
        toml.push_str(&self.toml[from..]);
        if toml.len() <= limit {
            return Ok(toml);
        }
        let cell = self.cell_at(passed_at.unwrap_or(limit.min(self.toml.len())));
        Err(InputError::new(
            file,
            "",
            vec![form_too_large(toml.len(), cell)],
        ))
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
    /// Whether the form is a team member's part: its 分工 is filled in.
    fn is_part(&self) -> bool {
        holds_part(&self.toml)
    }

    /// A part's rows left blank. A part's form holds the member's rows
    /// alone, so a blank one is an indicator still to assess, not one
    /// left to others (found by a newcomer: a part's form straight from
    /// `template` passed `validate`).
    fn unfilled_rows(&self, checklist: &Checklist) -> Vec<Diagnostic> {
        // The form's own totals rows (实际得分) name no indicator.
        (self.blank_rows.iter())
            .filter(|(id, _, _)| checklist.lookup(id).is_some())
            .map(|(id, cell, _)| {
                let id = crate::input::shortened(id);
                Diagnostic::new(t!(
                    "{id} 尚未填写：分工部分的每一行都是本人负责的指标",
                    "{id} is not filled in: every row of a part is its member's to assess"
                ))
                .key(cell.clone())
                .help(t!(
                    "填上扣分系数，或抽样数与不符合数，或删减理由",
                    "fill in a coefficient, or the number sampled and nonconforming, or an exclusion reason"
                ))
            })
            .collect()
    }

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
pub(super) fn form_quotes(text: Text) -> Text {
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
pub(super) fn with_listed(text: &str, id: &str, with: &str) -> String {
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
pub(super) fn form_too_large(bytes: usize, cell: Option<&str>) -> Diagnostic {
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

/// Whether the TOML a form was read as is a team member's part: its
/// header (before `[indicators]`), which the reader writes a field a
/// line, holds `part`, the form's 分工 filled in.
pub(super) fn holds_part(toml: &str) -> bool {
    let header = toml.split("[indicators]").next().unwrap_or_default();
    header.lines().any(|line| line.starts_with("part = "))
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
