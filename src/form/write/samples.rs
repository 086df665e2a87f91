//! The sites sheet and the samples sheet: a site per row, a sampled item
//! per row (docs/form.md, "Sites and sampled items"); and the checklist's
//! 抽样数 and 不符合数 of an indicator with items, live counts of them.

use super::layout::{Styles, column, label};
use super::state::Stored;
use crate::audit::{Audit, Measure, Samples};
use crate::checklist::Checklist;
use crate::form::cells::sheet_reference;
use crate::form::samples::nonconforming_words;
use crate::form::{SAMPLE_COLUMNS, SITE_SHEET_COLUMNS};
use crate::message::{Lang, Text, t};
use crate::spreadsheet::{
    Page, cell, kept_text, print_setup, widest_word, wrapped_height, write_formula,
};
use rust_xlsxwriter::utility::row_col_to_cell_absolute;
use rust_xlsxwriter::{DataValidation, DataValidationErrorStyle, Formula, Worksheet, XlsxError};

/// Widths of the sites sheet's columns: the id, the name, the site's
/// items and nonconforming items.
const SITE_WIDTHS: [f64; SITE_SHEET_COLUMNS.len()] = [14.0, 48.0, 10.0, 10.0];

/// Widths of the samples sheet's columns: 编号, 样本, 现场, 符合, 记录, then
/// the draw's seed, list file and SHA-256 (64 digits, on three lines).
const SAMPLE_WIDTHS: [f64; SAMPLE_COLUMNS.len()] = [10.0, 22.0, 10.0, 8.0, 40.0, 16.0, 20.0, 24.0];

/// Rows of the sites sheet that data validation guides and the samples
/// sheet's list of sites reads.
const SITE_ROWS: u32 = 1000;

/// Rows of the samples sheet that data validation guides and the
/// checklist's live counts count: more items than an audit samples by
/// hand (bscore reads every row).
const SAMPLE_ROWS: u32 = 20_000;

/// The sites sheet: its headings, then a row per site of the audit with
/// its part of every sample, live counts of the samples sheet (the split
/// by site on the printed form; locked, for people, not read). Only the
/// audit's sites have them: counts down a thousand empty rows would cost
/// a spreadsheet seconds to recalculate.
pub(super) fn write_sites(
    sheet: &mut Worksheet,
    (audit, sites): (Option<&Audit>, &[crate::audit::Site]),
    samples_sheet: &str,
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    headings(sheet, &SITE_SHEET_COLUMNS, &SITE_WIDTHS, lang, styles)?;
    let totals = audit.map(site_totals).unwrap_or_default();
    for (row, site) in (1u32..).zip(sites) {
        sheet.write_string_with_format(row, 0, kept_text(&site.id), &styles.input)?;
        sheet.write_string_with_format(row, 1, kept_text(&site.name), &styles.input)?;
        let site_cell = row_col_to_cell_absolute(row, 0);
        let (sampled, nonconforming) = counts_of(samples_sheet, "C", &site_cell);
        let (sampled, nonconforming) = (format!("={sampled}"), format!("={nonconforming}"));
        let (items, failed) = totals.get(site.id.as_str()).copied().unwrap_or_default();
        let totals = [(2, sampled, items), (3, nonconforming, failed)];
        for (column, formula, value) in totals {
            write_formula(
                sheet,
                (row, column),
                &formula,
                value.to_string(),
                &styles.locked,
            )?;
        }
        let height = wrapped_height(&[(&site.name, SITE_WIDTHS[1])]);
        sheet.set_row_height(row, height)?;
    }
    Ok(())
}

/// The items sampled at each site in every indicator of `audit`, and
/// those that did not conform, by site: the totals' stored results, in
/// one pass over the items.
fn site_totals(audit: &Audit) -> std::collections::HashMap<&str, (u64, u64)> {
    let mut totals: std::collections::HashMap<&str, (u64, u64)> = Default::default();
    let items = (audit.entries.iter())
        .filter_map(|entry| entry.samples.as_ref())
        .flat_map(|samples| &samples.items);
    for item in items {
        if let Some(site) = item.site.as_deref() {
            let (sampled, failed) = totals.entry(site).or_default();
            *sampled += 1;
            *failed += u64::from(!item.conforms);
        }
    }
    totals
}

/// A sheet's heading row, its columns' widths (never narrower than a
/// heading's longest word), A4 portrait one page wide, the headings on
/// every page.
fn headings(
    sheet: &mut Worksheet,
    columns: &[(&str, &'static str, &'static str)],
    widths: &[f64],
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let page = match columns.len() > 4 {
        true => Page::Landscape,
        false => Page::Portrait,
    };
    print_setup(sheet, page, 0)?;
    for ((index, entry), width) in (0u16..).zip(columns).zip(widths) {
        let heading = label(lang, entry);
        sheet.set_column_width(index, width.max(widest_word(heading)))?;
        sheet.write_string_with_format(0, index, heading, &styles.heading)?;
    }
    Ok(())
}

/// Where the samples sheet's lists come from: the checklist's ids and the
/// sites sheet's.
pub(super) struct Lists<'a> {
    /// The checklist sheet's name, and its first and last table rows.
    pub(super) checklist: (&'a str, u32, u32),
    /// The sites sheet's name.
    pub(super) sites: &'a str,
}

/// Why the samples sheet cannot hold `audit`'s items, if it cannot: more
/// rows than its live counts count, or more filled cells than bscore
/// reads back from a sheet. `convert` refuses such an audit rather than
/// write a form that counts wrong or that bscore itself refuses.
pub(crate) fn too_many_items(audit: &Audit) -> Option<Text> {
    let samples = audit
        .entries
        .iter()
        .filter_map(|entry| entry.samples.as_ref());
    let (mut items, mut cells) = (0usize, SAMPLE_COLUMNS.len());
    for samples in samples {
        items += samples.items.len();
        cells += 3 * usize::from(samples.drawn.is_some());
        for item in &samples.items {
            cells += 3 + usize::from(item.site.is_some()) + usize::from(item.record.is_some());
        }
    }
    let rows = SAMPLE_ROWS as usize;
    let filled = crate::form::MAX_FILLED_CELLS;
    (items > rows || cells > filled).then(|| {
        t!(
            "这份评价共列出 {items} 个样本（{cells} 格）：评分表的样本工作表最多容纳 {rows} 行、{filled} 格，请直接使用 TOML 评价文件",
            "the audit lists {items} sampled items ({cells} cells): a form's samples sheet holds at most {rows} rows and {filled} cells, so keep the audit as TOML"
        )
    })
}

/// The samples sheet: its headings, a row per item of the audit (the
/// draw on the first row of its indicator's items), and its lists.
pub(super) fn write_samples(
    sheet: &mut Worksheet,
    checklist: &Checklist,
    audit: Option<&Audit>,
    lists: &Lists<'_>,
    (lang, styles): (Lang, &Styles),
) -> Result<(), XlsxError> {
    headings(sheet, &SAMPLE_COLUMNS, &SAMPLE_WIDTHS, lang, styles)?;
    let mut row = 1;
    if let Some(audit) = audit {
        for (indicator, entry) in checklist.indicators.iter().zip(&audit.entries) {
            if let Some(samples) = &entry.samples {
                row = write_items(sheet, row, &indicator.id, samples, (lang, styles))?;
            }
        }
    }
    sample_lists(sheet, lists, lang)
}

/// The items of one indicator from `row`; the row after them.
fn write_items(
    sheet: &mut Worksheet,
    mut row: u32,
    id: &str,
    samples: &Samples,
    (lang, styles): (Lang, &Styles),
) -> Result<u32, XlsxError> {
    let (yes, no) = yes_no(lang);
    for (index, item) in samples.items.iter().enumerate() {
        let mut cells = vec![
            (0, id.to_string()),
            (1, kept_text(&item.item)),
            (3, (if item.conforms { yes } else { no }).to_string()),
        ];
        cells.extend(item.site.as_ref().map(|site| (2, kept_text(site))));
        cells.extend(item.record.as_ref().map(|record| (4, kept_text(record))));
        if let (0, Some(drawn)) = (index, &samples.drawn) {
            cells.push((5, kept_text(&drawn.seed)));
            cells.push((6, kept_text(&drawn.from)));
            cells.push((7, drawn.sha256.clone()));
        }
        for column in 0..SAMPLE_COLUMNS.len() as u16 {
            sheet.write_blank(row, column, &styles.input)?;
        }
        for (column, text) in &cells {
            sheet.write_string_with_format(row, *column, text, &styles.input)?;
        }
        let texts: Vec<(&str, f64)> = (cells.iter())
            .map(|(column, text)| (text.as_str(), SAMPLE_WIDTHS[*column as usize]))
            .collect();
        sheet.set_row_height(row, wrapped_height(&texts))?;
        row += 1;
    }
    Ok(row)
}

/// The samples sheet's items whose column `by` (A the indicator's id, C
/// the site) holds what `cell` does, counted: all of them, and those
/// whose 符合 is a word for no. The rows data validation guides, not
/// whole columns: Gnumeric computes a whole column's million cells, 770
/// times a form. One formula for the checklist's live counts and the
/// sites' totals.
fn counts_of(samples_sheet: &str, by: &str, cell: &str) -> (String, String) {
    let sheet = sheet_reference(samples_sheet);
    let range_of = |letter: &str| format!("{sheet}!${letter}$2:${letter}${}", SAMPLE_ROWS + 1);
    let matching = format!("{},{cell}", range_of(by));
    let items = format!("COUNTIFS({matching},{},\"<>\")", range_of("B"));
    let no: Vec<String> = (nonconforming_words().iter())
        .map(|word| format!("COUNTIFS({matching},{},\"{word}\")", range_of("D")))
        .collect();
    (items, no.join("+"))
}

/// The words the form writes in 符合 and offers in its list.
fn yes_no(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Zh => ("是", "否"),
        Lang::En => ("yes", "no"),
    }
}

/// The samples sheet's lists: 编号 from the checklist's ids, 现场 from the
/// sites sheet's, 符合 yes or no (a warning only: √, ×, true and false
/// typed instead are read too).
fn sample_lists(sheet: &mut Worksheet, lists: &Lists<'_>, lang: Lang) -> Result<(), XlsxError> {
    let (name, first, last) = lists.checklist;
    let ids = format!(
        "={}!{}:{}",
        sheet_reference(name),
        row_col_to_cell_absolute(first, column("id")),
        row_col_to_cell_absolute(last, column("id"))
    );
    let ids = DataValidation::new().allow_list_formula(Formula::new(ids));
    sheet.add_data_validation(1, 0, SAMPLE_ROWS, 0, &ids)?;
    let sites = format!(
        "={}!$A$2:$A${}",
        sheet_reference(lists.sites),
        SITE_ROWS + 1
    );
    let sites = DataValidation::new().allow_list_formula(Formula::new(sites));
    sheet.add_data_validation(1, 2, SAMPLE_ROWS, 2, &sites)?;
    let (yes, no) = yes_no(lang);
    let conforms = DataValidation::new()
        .allow_list_strings(&[yes, no])?
        .set_error_style(DataValidationErrorStyle::Warning);
    sheet.add_data_validation(1, 3, SAMPLE_ROWS, 3, &conforms)?;
    Ok(())
}

/// The checklist's 抽样数 and 不符合数 of every indicator row but one
/// whose sample is typed as counts: live counts of the samples sheet's
/// rows of its id (the nonconforming ones by the words bscore reads as
/// no), empty while it has none, so the form's state, totals and grade
/// follow items added, removed or changed in the spreadsheet, in the
/// empty form too. Locked where the audit lists items (the items are the
/// input), their stored results the audit's counts; elsewhere an input
/// cell still, a count typed over the formula read as before.
pub(super) fn write_live_counts(
    sheet: &mut Worksheet,
    rows: &[(u32, usize)],
    stored: &Stored<'_>,
    samples_sheet: &str,
    styles: &Styles,
) -> Result<(), XlsxError> {
    for &(row, index) in rows {
        let entry = stored.audit.map(|audit| &audit.entries[index]);
        let counted = entry.is_some_and(|entry| {
            entry.samples.is_none() && matches!(entry.measure(), Some(Measure::Sample { .. }))
        });
        if counted {
            continue;
        }
        let samples = entry.and_then(|entry| entry.samples.as_ref());
        let id = format!("${}", cell(row, column("id")));
        let (items, no) = counts_of(samples_sheet, "A", &id);
        let counts = [
            ("sampled", items.clone(), samples.map(Samples::sampled)),
            ("nonconforming", no, samples.map(Samples::nonconforming)),
        ];
        let style = if samples.is_some() {
            &styles.locked
        } else {
            &styles.input
        };
        for (key, count, value) in counts {
            let formula = format!("=IF({items}=0,\"\",{count})");
            let result = value.map(|value| value.to_string()).unwrap_or_default();
            write_formula(sheet, (row, column(key)), &formula, result, style)?;
        }
    }
    Ok(())
}
