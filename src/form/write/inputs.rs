//! The assessor's inputs outside the rows: the audit's fields above the
//! table, data validation of the input columns, and the check, before
//! anything is written, that an audit's texts fit in a cell.

use super::guided::{any_coefficient, coefficient_rule};
use super::layout::{Styles, column, label};
use super::rows::entry_texts;
use crate::audit::{Audit, AuditKind};
use crate::checklist::Checklist;
use crate::form::FIELDS;
use crate::message::Lang;
use crate::message::Text;
use crate::message::t;
use crate::render::Labels;
use crate::rules::Rules;
use crate::spreadsheet::{CELL_LIMIT, cell, kept_text, over_cell_limit};
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, ExcelDateTime, Formula, Worksheet, XlsxError,
};

/// Refuses, before anything is written, an audit whose text will not fit
/// in a form's cell, naming the field: the form must hold the text whole,
/// so it cannot be cut.
pub(super) fn form_cells_fit(audit: &Audit, checklist: &Checklist) -> Result<(), Text> {
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
        for item in entry.samples.iter().flat_map(|samples| &samples.items) {
            fits(&format!("{key}.samples.item"), &item.item)?;
            fits(
                &format!("{key}.samples.site"),
                item.site.as_deref().unwrap_or(""),
            )?;
            fits(
                &format!("{key}.samples.record"),
                item.record.as_deref().unwrap_or(""),
            )?;
        }
        if let Some(drawn) = entry
            .samples
            .as_ref()
            .and_then(|samples| samples.drawn.as_ref())
        {
            fits(&format!("{key}.drawn.seed"), &drawn.seed)?;
            fits(&format!("{key}.drawn.from"), &drawn.from)?;
        }
    }
    for site in &audit.sites {
        fits("sites.id", &site.id)?;
        fits("sites.name", &site.name)?;
    }
    for deduction in &audit.special_deductions {
        fits("special_deductions.finding", &deduction.finding)?;
    }
    if let Some(bonus) = &audit.bonus {
        fits("bonus.practice", &bonus.practice)?;
    }
    Ok(())
}

pub(super) fn write_fields(
    sheet: &mut Worksheet,
    meta: Option<&crate::audit::AuditMeta>,
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
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
                    "part" => meta.part.as_deref().map(kept_text).unwrap_or_default(),
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

/// Where the table's rows lie: its first and last row, and the row of
/// each indicator with its index in the checklist.
pub(super) struct Rows<'a> {
    pub(super) checklist: &'a Checklist,
    pub(super) first: u32,
    pub(super) last: u32,
    pub(super) indicators: Vec<(u32, usize)>,
}

/// The kind's name as the reports write it (重新评价, the standard's word).
fn kind_name(kind: AuditKind, lang: Lang) -> &'static str {
    Labels::of(lang).kind(kind)
}

/// Data validation of the input columns: a coefficient from 0 to 1 (under
/// a 细则, one of its rule's levels), whole samples of at least one, no
/// more nonconforming than sampled.
pub(super) fn validations(
    sheet: &mut Worksheet,
    table: &Rows<'_>,
    rules: Option<&Rules>,
    lang: Lang,
) -> Result<(), XlsxError> {
    let (first, last) = (table.first, table.last);
    let (sampled, nonconforming) = match lang {
        Lang::Zh => ("抽样数是不小于 1 的整数", "不符合数是 0 到抽样数之间的整数"),
        Lang::En => (
            "the number sampled is a whole number of at least 1",
            "the number nonconforming is a whole number from 0 to the number sampled",
        ),
    };
    let at = column("coefficient");
    match rules {
        None => {
            sheet.add_data_validation(first, at, last, at, &any_coefficient(lang)?)?;
        }
        // Each row its own validation: validations must not overlap.
        Some(rules) => {
            for &(row, index) in &table.indicators {
                let id = &table.checklist.indicators[index].id;
                let rule = rules.rule(index);
                let validation = coefficient_rule(sheet, (row, id), rule, &rules.title, lang)?;
                sheet.add_data_validation(row, at, row, at, &validation)?;
            }
        }
    }
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
