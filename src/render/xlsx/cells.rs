//! The report's cells of the assessor's text, and the check, before
//! anything is written, that Excel can hold each of them.

use crate::message::Text;
use crate::message::t;
use crate::render::report::Report;
use crate::render::view::{Row, audit_header, rows};
use crate::render::words::Words;
use crate::spreadsheet::{CELL_LIMIT, over_cell_limit, shown_text};

/// Refuses the text of a report cell that Excel cannot hold, naming the
/// field of `file` it comes from (`indicators."4.1.a".record`).
fn fits_in_a_cell(file: &str, field: &str, cell: &str) -> Result<(), Text> {
    let Some(length) = over_cell_limit(cell) else {
        return Ok(());
    };
    Err(t!(
        "{file}：{field} 有 {length} 个字符，超过了 Excel 单元格最多能存的 {CELL_LIMIT} 个：请缩短它，或改用保留全文的格式（json、html、markdown）",
        "{file}: {field} has {length} characters, more than the {CELL_LIMIT} an Excel cell holds: shorten it, or use a format that keeps the whole text (json, html, markdown)"
    ))
}

/// Checks every cell of the assessor's text in `report`'s form, as it is
/// written, against [`CELL_LIMIT`].
pub(super) fn report_cells_fit(report: &Report<'_>, words: &Words<'_>) -> Result<(), Text> {
    let fits = |field: &str, cell: &str| fits_in_a_cell(report.file, field, cell);
    let keys = ["audit.organization", "audit.service", "audit.assessors"];
    for (key, (_, value)) in keys.into_iter().zip(audit_header(report, words)) {
        fits(key, &shown_text(&value))?;
    }
    for line in rows(report) {
        let key = format!(
            "indicators.{}",
            crate::text::toml_string(&line.indicator.id)
        );
        fits(&format!("{key}.record"), &record_cell(&line, words))?;
        fits(&format!("{key}.note"), &note_cell(&line, words))?;
    }
    fits("special_deductions.finding", &findings_cell(report, words))?;
    if let Some(bonus) = &report.audit.bonus {
        fits("bonus.practice", &practice_cell(bonus, words))?;
    }
    Ok(())
}

/// The record column of an indicator's row: the record, then what the
/// sample's items say ([`Row::record_lines`]).
pub(super) fn record_cell(line: &Row<'_>, words: &Words<'_>) -> String {
    shown_text(&line.record_lines(words).join("\n"))
}

/// The note column of an indicator's row: the exclusion, its rejection
/// and the note, each on its line, then who assessed it and how a
/// disagreement was settled ([`Row::note_lines`], [`Row::team_lines`]).
pub(super) fn note_cell(line: &Row<'_>, words: &Words<'_>) -> String {
    let lines: Vec<String> = (line.note_lines(words).into_iter())
        .chain(line.team_lines(words))
        .collect();
    shown_text(&lines.join("\n"))
}

/// The special deductions' findings, one a line, each followed by who
/// found it, beside their total.
pub(super) fn findings_cell(report: &Report<'_>, words: &Words<'_>) -> String {
    let findings: Vec<String> = (report.audit.special_deductions.iter())
        .flat_map(|d| std::iter::once(words.deduction(d)).chain(words.team_lines(&d.by, None)))
        .collect();
    shown_text(&findings.join("\n"))
}

/// The bonus's practice beside its points, followed by who observed it
/// and how two parts' different bonuses were settled.
pub(super) fn practice_cell(bonus: &crate::audit::Bonus, words: &Words<'_>) -> String {
    let team = words.team_lines(&bonus.by, bonus.resolved.as_ref());
    let lines: Vec<String> = std::iter::once(bonus.practice.clone())
        .chain(team)
        .collect();
    shown_text(&lines.join("\n"))
}
