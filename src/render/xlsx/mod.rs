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

mod cells;
mod exact;
mod layout;
pub(super) mod rules;
mod scoring;
mod totals;

use super::labels::Lang;
use super::report::{RenderOptions, Report};
use super::words::Words;
use cells::report_cells_fit;
use exact::write_exact;
use layout::Styles;
use rust_xlsxwriter::{Workbook, XlsxError};
use scoring::write_form;
use std::io::{self, Write};

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
