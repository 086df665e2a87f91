//! Writing the form: empty (`template --format xlsx`) or filled from an
//! audit (`convert`). Input cells are unlocked and guided by data
//! validation; the computed columns are live formulas, locked, that show
//! every figure cut as bscore's reports do, with the spreadsheet toolkit
//! the XLSX report is written with too (`crate::spreadsheet`).

mod formulas;
mod guided;
mod inputs;
mod layout;
mod rows;
mod samples;

pub(crate) use samples::too_many_items;
mod state;
mod totals;

use crate::audit::Audit;
use crate::checklist::Checklist;
use crate::engine::Subtotal;
use crate::form::{ADJUSTMENT_COLUMNS, COLUMNS, FIELDS, SHEETS};
use crate::message::Lang;
use crate::number::Exact;
use crate::render::{Labels, Words};
use crate::rules::Rules;
use crate::spreadsheet::{
    PAGE_NUMBER_FOOTER, Page, bold_width, io_error, kept_text, page_footer, print_setup,
    widest_word, wrapped_height,
};
use inputs::{Rows, form_cells_fit, validations, write_fields};
use layout::{
    ADJUSTMENT_ROWS, ADJUSTMENT_WIDTHS, CONDITIONS_WIDTH, EXACT, HEADING_ROW, PLACEHOLDERS,
    RULE_CONDITIONS, STATE, Styles, WIDTHS, column, label,
};
use rows::{write_indicator_row, write_subtotal};
use rust_xlsxwriter::{
    DataValidation, Format, FormatAlign, ProtectionOptions, Workbook, Worksheet, XlsxError,
};
use state::Stored;
use totals::{Table, write_totals};

/// A team member's part (docs/team.md) as a form to fill in: its
/// `[audit]` (with `part`) and sites, and which indicators it holds.
pub struct PartForm<'a> {
    /// The part's `[audit]`, filled from the evaluation plan.
    pub meta: &'a crate::audit::AuditMeta,
    /// The plan's sites.
    pub sites: &'a [crate::audit::Site],
    /// Whether each indicator of the checklist is the member's.
    pub listed: &'a [bool],
}

/// A member's part as the empty form (docs/team.md): the header and the
/// sites filled from the plan, a row only for each of the member's
/// indicators (and a subtotal only for a category holding one), guided
/// by `rules` as [`form_workbook`]'s. Its totals are the part's earned
/// and applicable points alone: a part is never scored nor graded (the
/// merged audit is), so the score and grade lines are left out.
pub fn part_workbook(
    checklist: &Checklist,
    part: &PartForm<'_>,
    rules: Option<&Rules>,
    lang: Lang,
) -> Result<Vec<u8>, std::io::Error> {
    let mut stored = Stored::new(checklist, None, rules);
    stored.part = Some(part);
    filled_workbook(checklist, &stored, lang).map_err(io_error)
}

/// The next evaluation's form (`bscore next`): the header and the sites
/// carried over, each coefficient `?` to fill in, each row's last result
/// beside it.
pub struct NextForm<'a> {
    /// The skeleton drawn.
    pub skeleton: &'a crate::next::Skeleton<'a>,
    /// Its `[audit]`, as the header shows it.
    meta: crate::audit::AuditMeta,
}

/// The next evaluation's skeleton as the form: the header filled in (a
/// cycle start to fill in written `?`), the sites carried over, every
/// coefficient cell `?`, so that the form is refused, cell by cell, until
/// it is filled in; each indicator's last result in a column beside its
/// row (under a 细则, above its conditions), and the last nonconformities
/// and special deductions named in the note above the table, to be
/// re-checked first.
pub fn next_workbook(
    checklist: &Checklist,
    skeleton: &crate::next::Skeleton<'_>,
    rules: Option<&Rules>,
    lang: Lang,
) -> Result<Vec<u8>, std::io::Error> {
    let previous = &skeleton.previous.meta;
    let cycle_start = match skeleton.cycle_start {
        crate::next::CycleStart::CarriedOver(start) => Some(start),
        _ => None,
    };
    let next = NextForm {
        skeleton,
        meta: crate::audit::AuditMeta {
            date: skeleton.date,
            kind: skeleton.kind,
            cycle_start,
            part: None,
            unassessed_conform: false,
            ..previous.clone()
        },
    };
    let mut stored = Stored::new(checklist, None, rules);
    stored.next = Some(&next);
    filled_workbook(checklist, &stored, lang).map_err(io_error)
}

/// The form as an XLSX workbook: empty when `audit` is `None`. Under a
/// 细则 (`rules`), each coefficient cell offers only its rule's levels,
/// the conditions are printed beside each row and the header names the
/// 细则; the cells bscore reads are the same, so the form reads back as
/// the same audit. An audit text too long for a cell is refused, the
/// field named, in both languages (a [`crate::message::Text`] inside the
/// error).
pub fn form_workbook(
    checklist: &Checklist,
    audit: Option<&Audit>,
    rules: Option<&Rules>,
    lang: Lang,
) -> Result<Vec<u8>, std::io::Error> {
    if let Some(audit) = audit {
        form_cells_fit(audit, checklist).map_err(std::io::Error::other)?;
    }
    let mut stored = Stored::new(checklist, audit, rules);
    // A part's form holds the part's rows alone: written with a row for
    // every indicator, those it leaves to others would read as
    // conforming (found by a hostile probe: 27 indicators no one
    // assessed merged as 0).
    let listed: Option<Vec<bool>> = audit.filter(|audit| audit.is_part()).map(|audit| {
        (audit.entries.iter())
            .map(|entry| entry.status != crate::audit::Status::Unassessed)
            .collect()
    });
    let part = audit
        .zip(listed.as_deref())
        .map(|(audit, listed)| PartForm {
            meta: &audit.meta,
            sites: &audit.sites,
            listed,
        });
    stored.part = part.as_ref();
    filled_workbook(checklist, &stored, lang).map_err(io_error)
}

/// [`form_workbook`], its texts known to fit.
fn filled_workbook(
    checklist: &Checklist,
    stored: &Stored<'_>,
    lang: Lang,
) -> Result<Vec<u8>, XlsxError> {
    let words = Words::new(lang, checklist);
    let styles = Styles::new();
    let mut workbook = Workbook::new();
    let [first, second, sites, items] = SHEETS.map(|(zh, en)| match lang {
        Lang::Zh => zh,
        Lang::En => en,
    });
    let sheet = workbook.add_worksheet().set_name(first)?;
    let names = SheetNames {
        adjustments: second,
        samples: items,
    };
    let rows = write_checklist_sheet(sheet, checklist, stored, &words, &styles, &names)?;
    let adjustments = workbook.add_worksheet().set_name(second)?;
    write_adjustments(adjustments, checklist, stored.audit, lang, &styles)?;
    let sheet = workbook.add_worksheet().set_name(sites)?;
    samples::write_sites(sheet, (stored.audit, stored.sites()), items, lang, &styles)?;
    let sheet = workbook.add_worksheet().set_name(items)?;
    let lists = samples::Lists {
        checklist: (first, rows.0, rows.1),
        sites,
    };
    samples::write_samples(sheet, checklist, stored.audit, &lists, (lang, &styles))?;
    workbook.save_to_buffer()
}

/// The names of the sheets the checklist's formulas read.
struct SheetNames<'a> {
    adjustments: &'a str,
    samples: &'a str,
}

/// The first sheet, block by block: the columns and the page, the title
/// and the audit's fields, the note, the headings, the table, its data
/// validation, the live counts of the sampled items and the totals;
/// locked but for the input cells. Returns the table's first and last row.
fn write_checklist_sheet(
    sheet: &mut Worksheet,
    checklist: &Checklist,
    stored: &Stored<'_>,
    words: &Words<'_>,
    styles: &Styles,
    names: &SheetNames<'_>,
) -> Result<(u32, u32), XlsxError> {
    let adjustments = names.adjustments;
    let lang = words.lang;
    set_up_columns(sheet, lang, beside_heading(stored, lang))?;
    set_up_page(sheet, stored.meta())?;
    let title = format!("{} — {}", words.standard(), words.labels.appendix_title);
    sheet.merge_range(0, 0, 0, column("applicable"), &title, &styles.title)?;
    write_fields(sheet, stored.meta(), lang, styles)?;
    if let Some(next) = stored.next {
        next_fields(sheet, next, styles)?;
    }
    if let Some(rules) = stored.rules {
        guided::write_header_line(sheet, RULES_ROW, rules, lang, styles)?;
    }
    write_note(
        sheet,
        checklist,
        (stored.rules.is_some(), stored.part.is_some()),
        (lang, stored.next),
        adjustments,
    )?;
    write_headings(
        sheet,
        (lang, beside_heading(stored, lang)),
        stored.rules,
        styles,
    )?;
    let rows = write_table(sheet, checklist, stored, words, styles)?;
    validations(sheet, &rows, stored.rules, lang)?;
    samples::write_live_counts(sheet, &rows.indicators, stored, names.samples, styles)?;
    let (first, last) = (rows.first, rows.last);
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
    Ok((first, last))
}

/// The row of the 细则 line, between the audit's fields and the note.
const RULES_ROW: u32 = HEADING_ROW - 2;
const _: () = assert!((FIELDS.len() as u32) < RULES_ROW);

/// The columns' widths, never narrower than a heading's longest word, the
/// first wide enough for the labels of the audit's fields too, each on
/// one line; the columns that compute hidden; under a 细则, its
/// conditions' column.
fn set_up_columns(
    sheet: &mut Worksheet,
    lang: Lang,
    beside: Option<&str>,
) -> Result<(), XlsxError> {
    if let Some(heading) = beside {
        sheet.set_column_width(RULE_CONDITIONS, CONDITIONS_WIDTH.max(widest_word(heading)))?;
    }
    for ((index, width), entry) in (0u16..).zip(WIDTHS).zip(&COLUMNS) {
        sheet.set_column_width(index, width.max(widest_word(label(lang, entry))))?;
    }
    let labels = FIELDS.iter().map(|entry| bold_width(label(lang, entry)));
    let first = labels
        .fold(WIDTHS[0], f64::max)
        .max(widest_word(label(lang, &COLUMNS[0])));
    sheet.set_column_width(0, first)?;
    for hidden in [EXACT, STATE, PLACEHOLDERS] {
        sheet.set_column_hidden(hidden)?;
    }
    Ok(())
}

/// A4 landscape, the headings on every page, the audit (if any) and the
/// page number in the footer; a formula whose stored result is empty
/// shows nothing, not 0.
fn set_up_page(
    sheet: &mut Worksheet,
    meta: Option<&crate::audit::AuditMeta>,
) -> Result<(), XlsxError> {
    sheet.set_formula_result_default("");
    print_setup(sheet, Page::Landscape, HEADING_ROW)?;
    let footer = match meta {
        Some(meta) => page_footer(&meta.organization, &meta.date.to_string()),
        None => PAGE_NUMBER_FOOTER.to_string(),
    };
    sheet.set_footer(footer);
    Ok(())
}

/// The note above the headings ([`sheet_note`]), across the table.
fn write_note(
    sheet: &mut Worksheet,
    checklist: &Checklist,
    (ruled, part): (bool, bool),
    (lang, next): (Lang, Option<&NextForm<'_>>),
    adjustments: &str,
) -> Result<(), XlsxError> {
    let mut note = sheet_note(checklist, lang, adjustments);
    if part {
        // A part is merged, never evaluated on its own (docs/team.md).
        note = note.replace(
            match lang {
                Lang::Zh => "以 bscore 的精确评价为准：bscore evaluate 本文件。",
                Lang::En => "bscore's exact evaluation is authoritative: run bscore evaluate on this file.",
            },
            match lang {
                Lang::Zh => "这是评价组员的分工，只含其负责的指标，不单独评分：各组员填完后用 bscore merge 合并。",
                Lang::En => "This is one team member's part, holding only their indicators, and is not scored on its own: bscore merge joins the members' parts.",
            },
        );
    }
    if ruled {
        // The column's heading, as `beside_heading` writes it.
        let column = match (next.is_some(), lang) {
            (false, _) => conditions_heading(lang),
            (true, _) => last_and_conditions_heading(lang),
        };
        note.push_str(&match lang {
            Lang::Zh => format!("扣分系数按评分细则从列表中选取，各等级的条件见“{column}”列。"),
            Lang::En => format!(" Choose each coefficient from its list, as the scoring rules allow; each level's condition is in the column {column}."),
        });
    }
    if let Some(next) = next {
        note.push_str(&next_note(checklist, next.skeleton, lang));
    }
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
    Ok(())
}

/// The heading of the column beside the table, if the form has one: the
/// 细则's conditions, the last results, or both.
fn beside_heading(stored: &Stored<'_>, lang: Lang) -> Option<&'static str> {
    match (stored.rules.is_some(), stored.next.is_some(), lang) {
        (false, false, _) => None,
        (true, false, _) => Some(conditions_heading(lang)),
        (false, true, Lang::Zh) => Some("上次结果"),
        (false, true, Lang::En) => Some("Last result"),
        (true, true, _) => Some(last_and_conditions_heading(lang)),
    }
}

/// The next evaluation's header beyond what [`write_fields`] writes: a
/// cycle start the last audit does not say, written `?` to be filled in.
fn next_fields(
    sheet: &mut Worksheet,
    next: &NextForm<'_>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    if next.skeleton.cycle_start == crate::next::CycleStart::ToFill {
        let at = FIELDS.iter().position(|(key, _, _)| *key == "cycle_start");
        if let Some(at) = at {
            sheet.write_string_with_format(1 + at as u32, 1, "?", &styles.date)?;
        }
    }
    Ok(())
}

/// What the note above the next evaluation's table adds: which comes
/// next and by when, and what to re-check first.
fn next_note(checklist: &Checklist, skeleton: &crate::next::Skeleton<'_>, lang: Lang) -> String {
    let labels = Labels::of(lang);
    let kind = labels.kind(skeleton.kind);
    let by = skeleton.by;
    let rechecks: Vec<&str> = (skeleton.order[..skeleton.rechecks].iter())
        .map(|index| checklist.indicators[*index].id.as_str())
        .collect();
    let rechecks = rechecks.join(labels.list_separator);
    let mut note = match rechecks.is_empty() {
        true => crate::message::t!(
            "\n下一次评价：{kind}，最迟于 {by}（§8.1 b）。每个“?”填写本次的结果，上次结果见表右侧一列。上次没有不符合项。",
            "\nNext evaluation: {kind}, by {by} at the latest (§8.1 b). Replace each \"?\" with this evaluation's result; the last result is in the column right of the table. The last evaluation found no nonconformity."
        ),
        false => crate::message::t!(
            "\n下一次评价：{kind}，最迟于 {by}（§8.1 b）。每个“?”填写本次的结果，上次结果见表右侧一列。先复核上次的不符合项：{rechecks}。",
            "\nNext evaluation: {kind}, by {by} at the latest (§8.1 b). Replace each \"?\" with this evaluation's result; the last result is in the column right of the table. Re-check the last nonconformities first: {rechecks}."
        ),
    }
    .get(lang)
    .to_string();
    if !skeleton.special_deductions.is_empty() {
        let kinds: Vec<&str> = (skeleton.special_deductions.iter())
            .map(|deduction| {
                (checklist.special_deduction_kind(&deduction.kind))
                    .map_or(deduction.kind.as_str(), |kind| kind.short_name(lang))
            })
            .collect();
        let kinds = kinds.join(labels.list_separator);
        note.push_str(
            crate::message::t!(
                "上次的特别扣分（{kinds}）：逐项复核是否已整改。",
                " Last special deductions ({kinds}): re-check each is rectified."
            )
            .get(lang),
        );
    }
    note
}

/// The heading of the column beside a next evaluation's form under a
/// 细则: each row's last result above its conditions.
fn last_and_conditions_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "上次结果与细则条件",
        Lang::En => "Last result and rule conditions",
    }
}

/// The heading of the conditions' column.
fn conditions_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "细则条件",
        Lang::En => "Rule conditions",
    }
}

/// The column headings, in `lang`; the hidden columns' in English, as the
/// reader finds them; under a 细则, the conditions' heading and those of
/// the hidden level cells a long list needs.
fn write_headings(
    sheet: &mut Worksheet,
    (lang, beside): (Lang, Option<&str>),
    rules: Option<&Rules>,
    styles: &Styles,
) -> Result<(), XlsxError> {
    if let Some(heading) = beside {
        sheet.write_string_with_format(HEADING_ROW, RULE_CONDITIONS, heading, &styles.heading)?;
    }
    if let Some(rules) = rules {
        let count = guided::level_cells(rules, rules.named.len());
        guided::write_level_headings(sheet, HEADING_ROW, count)?;
    }
    for (index, entry) in (0u16..).zip(COLUMNS.iter()) {
        sheet.write_string_with_format(HEADING_ROW, index, label(lang, entry), &styles.heading)?;
    }
    sheet.write_string(HEADING_ROW, EXACT, "exact")?;
    sheet.write_string(HEADING_ROW, STATE, "state")?;
    sheet.write_string(HEADING_ROW, PLACEHOLDERS, "placeholders")?;
    Ok(())
}

/// Each category's indicator rows, then its subtotal; the first and the
/// last row of the table, and each indicator's row with its index.
fn write_table<'c>(
    sheet: &mut Worksheet,
    checklist: &'c Checklist,
    stored: &Stored<'_>,
    words: &Words<'_>,
    styles: &Styles,
) -> Result<Rows<'c>, XlsxError> {
    let audit = stored.audit;
    let evaluation = stored.evaluation.as_ref();
    let first = HEADING_ROW + 1;
    let mut row = first;
    let mut rows = Vec::with_capacity(checklist.indicators.len());
    for (category_index, category) in checklist.categories.iter().enumerate() {
        let start = row;
        for (index, indicator) in checklist.indicators.iter().enumerate() {
            if indicator.category != category_index || !stored.lists(index) {
                continue;
            }
            let entry = audit.map(|audit| &audit.entries[index]);
            let score = evaluation.map(|evaluation| &evaluation.indicators[index]);
            let conditions =
                (stored.rules).map(|rules| guided::conditions(rules.rule(index), words.lang));
            let last = stored.next.map(|next| next.skeleton.last[index].as_str());
            let conditions = match (last, conditions) {
                (Some(last), Some(conditions)) => Some(format!("{last}\n{conditions}")),
                (Some(last), None) => Some(last.to_string()),
                (None, conditions) => conditions,
            };
            let beside = (styles, conditions.as_deref());
            write_indicator_row(sheet, row, checklist, index, (entry, score), words, beside)?;
            if stored.next.is_some() {
                // The value to fill in, refused until it is (as the TOML
                // skeleton's "?").
                sheet.write_string_with_format(row, column("coefficient"), "?", &styles.input)?;
            }
            rows.push((row, index));
            row += 1;
        }
        if row == start {
            // A part without this category's indicators: no subtotal of
            // no rows.
            continue;
        }
        let subtotal = evaluation
            .map(|evaluation| evaluation.categories[category_index].clone())
            .unwrap_or_else(|| Subtotal {
                earned: Exact::from_integer(0),
                applicable: Exact::from_integer(0),
            });
        let name = words.category(category);
        write_subtotal(sheet, (row, start), name, &subtotal, words, styles)?;
        if stored.rules.is_some() || stored.next.is_some() {
            sheet.write_blank(row, RULE_CONDITIONS, &styles.label)?;
        }
        row += 1;
    }
    Ok(Rows {
        checklist,
        first,
        last: row - 1,
        indicators: rows,
    })
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
    let text = crate::message::t!(
        "白色单元格由评价人员填写；灰色单元格为公式，按两位小数截断显示。特别扣分与加分填在「{adjustments}」表（类型选 {kinds} 或 {bonus}）。以 bscore 的精确评价为准：bscore evaluate 本文件。",
        "Fill in the white cells; grey cells are formulas, shown cut to two decimals. Special deductions and the bonus go on the sheet \"{adjustments}\" (kind: {kinds} or {bonus}). bscore's exact evaluation is authoritative: run bscore evaluate on this file."
    );
    text.get(lang).to_string()
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
