//! `--format csv`: one row per indicator, RFC 4180 through the `csv` crate;
//! its last two columns say who assessed it and how a team's disagreement
//! on it was settled, empty when the audit does not say.
//! UTF-8, with a byte order mark unless `--no-bom`, so that Excel and WPS
//! open the Chinese text correctly.

use super::report::{RenderOptions, Report, Streamed, Summary};
use super::view::rows;
use super::words::Words;
use crate::checklist::Checklist;
use crate::number::{COEFFICIENT_PLACES, SCORE_PLACES, trimmed};
use crate::text::{spreadsheet_safe, visible};
use std::io::{self, Write};

/// A cell as written: control characters shown, and no cell that a
/// spreadsheet would take for a formula.
fn safe_cell(field: &str) -> String {
    spreadsheet_safe(&visible(field, true)).into_owned()
}

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

pub(super) struct CsvRenderer {
    pub options: RenderOptions,
}

impl Streamed for CsvRenderer {
    fn piece(&self, report: &Report<'_>, _several: bool) -> io::Result<Vec<u8>> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        let words = Words::new(self.options.lang, report.checklist);
        for row in rows(report) {
            let (reason, rejection) = row.exclusion();
            let sample = row.sample();
            let view = row.sample_view(&words).unwrap_or_default();
            let coefficient = row.score.coefficient.as_ref();
            let excluded = if row.score.applicable {
                words.labels.no
            } else {
                words.labels.yes
            };
            let record = [
                report.file,
                &row.indicator.id,
                words.category(&report.checklist.categories[row.indicator.category]),
                words.group(&report.checklist.groups[row.indicator.group]),
                &trimmed(&row.indicator.points, SCORE_PLACES),
                &coefficient
                    .map(|c| trimmed(c, COEFFICIENT_PLACES))
                    .unwrap_or_default(),
                &sample
                    .map(|(sampled, _)| sampled.to_string())
                    .unwrap_or_default(),
                &sample
                    .map(|(_, nonconforming)| nonconforming.to_string())
                    .unwrap_or_default(),
                &trimmed(&row.score.earned, SCORE_PLACES),
                &row.score.earned.to_string(),
                excluded,
                reason.unwrap_or_default(),
                rejection.unwrap_or_default(),
                row.entry.record.as_deref().unwrap_or_default(),
                row.entry.note.as_deref().unwrap_or_default(),
                row.condition.unwrap_or_default(),
                &(row.entry.population)
                    .map(|total| total.to_string())
                    .unwrap_or_default(),
                &view.by_site_text(&words).unwrap_or_default(),
                &view.nonconforming_text(&words).unwrap_or_default(),
                view.drawn.as_deref().unwrap_or_default(),
                &words.assessors_of(&row.entry.by).unwrap_or_default(),
                &(row.entry.resolved.as_ref())
                    .map(|resolved| words.resolution(resolved))
                    .unwrap_or_default(),
            ];
            writer.write_record(record.iter().map(|field| safe_cell(field)))?;
        }

        writer.into_inner().map_err(|error| error.into_error())
    }

    fn head(
        &self,
        checklist: &Checklist,
        _first: &Summary,
        _several: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if self.options.bom {
            out.write_all(BOM)?;
        }
        let labels = Words::new(self.options.lang, checklist).labels;
        let mut writer = csv::Writer::from_writer(out);
        writer.write_record([
            labels.file,
            labels.id,
            labels.category,
            labels.group,
            labels.points,
            labels.coefficient,
            labels.sampled,
            labels.nonconforming,
            labels.earned,
            labels.exact,
            labels.excluded,
            labels.exclusion_reason,
            labels.exclusion_rejected,
            labels.record,
            labels.note,
            labels.rule_condition,
            labels.population,
            labels.by_site,
            labels.nonconforming_list,
            labels.drawn,
            labels.assessed_by,
            labels.resolution,
        ])?;
        writer.flush()
    }
}
