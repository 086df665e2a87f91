//! `--format markdown`: GitHub-flavoured Markdown for CI step summaries and
//! pull requests. Every user text is escaped so it renders as plain text.

use super::labels::Words;
use super::view::{PLACES, audit_header, outlook, rate, rows};
use super::{RenderOptions, Report, Streamed};
use crate::number::{Exact, fixed, trimmed};
use std::io::{self, Write};

pub(super) struct MarkdownRenderer {
    pub options: RenderOptions,
}

impl Streamed for MarkdownRenderer {
    fn piece(&self, report: &Report<'_>, _several: bool) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        self.render_one(report, &mut out)?;
        Ok(out)
    }

    fn separator(&self, _several: bool, out: &mut dyn Write) -> io::Result<()> {
        writeln!(out)
    }
}

/// Escapes text for a Markdown table cell or paragraph: table pipes,
/// inline markup, HTML and line breaks all come out literally.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\n' => escaped.push_str("<br>"),
            '\r' => {}
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                escaped.push('\\');
                escaped.push(c);
            }
            _ => escaped.push(c),
        }
    }
    escaped
}

fn table_row(out: &mut dyn Write, cells: &[String]) -> io::Result<()> {
    writeln!(out, "| {} |", cells.join(" | "))
}

impl MarkdownRenderer {
    fn render_one(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let words = Words::new(self.options.lang, report.checklist);
        let labels = words.labels;
        let evaluation = report.evaluation;
        writeln!(out, "## {} — {}\n", labels.title, escape(report.file))?;
        table_row(out, &[labels.standard.into(), escape(&words.standard())])?;
        writeln!(out, "| --- | --- |")?;
        let header = audit_header(report, &words);
        for (label, value) in header {
            table_row(out, &[label.into(), escape(&value)])?;
        }

        writeln!(out)?;
        let columns = [
            labels.category,
            labels.category_points,
            labels.applicable,
            labels.earned,
            labels.rate,
        ];
        table_row(out, &columns.map(String::from))?;
        writeln!(out, "| --- | ---: | ---: | ---: | ---: |")?;
        let categories = report
            .checklist
            .categories
            .iter()
            .zip(&evaluation.categories);
        for (category, subtotal) in categories {
            let name = words.category(category);
            figures_row(
                out,
                name,
                &category.total,
                &subtotal.applicable,
                &subtotal.earned,
            )?;
        }
        let total = format!("**{}**", labels.total);
        let full = &report.checklist.full_score;
        figures_row(
            out,
            &total,
            full,
            &evaluation.applicable,
            &evaluation.earned,
        )?;

        self.indicators(report, &words, out)?;

        writeln!(out, "\n### {}\n", labels.adjustments_title)?;
        let points = |value: &Exact| trimmed(value, PLACES);
        if report.audit.special_deductions.is_empty() && report.audit.bonus.is_none() {
            writeln!(out, "{}", labels.none)?;
        }
        for deduction in &report.audit.special_deductions {
            let kind = escape(words.deduction_kind(&deduction.kind));
            let deducted = points(&report.checklist.special_deduction_points);
            let finding = escape(&deduction.finding);
            let colon = labels.colon;
            writeln!(
                out,
                "- {} (−{deducted}, {kind}){colon}{finding}",
                labels.special_deduction
            )?;
        }
        if let Some(bonus) = &report.audit.bonus {
            let added = points(&report.checklist.bonus_points);
            writeln!(
                out,
                "- {} (+{added}){}{}",
                labels.bonus,
                labels.colon,
                escape(&bonus.practice)
            )?;
        }

        writeln!(out)?;
        writeln!(
            out,
            "{}{}**{}**  ",
            labels.normalized,
            labels.colon,
            fixed(&evaluation.normalized, PLACES)
        )?;
        writeln!(
            out,
            "{}{}**{}**  ",
            labels.score,
            labels.colon,
            fixed(&evaluation.score, PLACES)
        )?;
        let mut grade = words.grade(evaluation.grade).to_string();
        if evaluation.special_deductions > 0 {
            grade.push_str(labels.failed_by_deduction);
        }
        writeln!(
            out,
            "{}{}**{}**\n",
            labels.grade,
            labels.colon,
            escape(&grade)
        )?;
        for (label, value) in outlook(report, &words) {
            writeln!(
                out,
                "- {}{}{}",
                escape(&label),
                labels.colon,
                escape(&value)
            )?;
        }
        Ok(())
    }

    fn indicators(
        &self,
        report: &Report<'_>,
        words: &Words<'_>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let labels = words.labels;
        let shown: Vec<_> = rows(report)
            .filter(|row| self.options.detail || row.is_notable())
            .collect();
        if shown.is_empty() {
            return Ok(());
        }
        let title = if self.options.detail {
            labels.detail_title
        } else {
            labels.losses_title
        };
        writeln!(out, "\n### {title}\n")?;
        let columns = [
            labels.id,
            labels.group,
            labels.points,
            labels.coefficient,
            labels.earned,
            labels.reasons,
        ];
        table_row(out, &columns.map(String::from))?;
        writeln!(out, "| --- | --- | ---: | ---: | ---: | --- |")?;
        for row in shown {
            let earned = if row.score.applicable {
                fixed(&row.score.earned, PLACES)
            } else {
                "-".into()
            };
            table_row(
                out,
                &[
                    escape(&row.indicator.id),
                    escape(words.group(&report.checklist.groups[row.indicator.group])),
                    fixed(&row.indicator.points, PLACES),
                    escape(&row.coefficient_text(words)),
                    earned,
                    escape(&row.reasons(words).join("\n")),
                ],
            )?;
        }
        Ok(())
    }
}

fn figures_row(
    out: &mut dyn Write,
    label: &str,
    points: &Exact,
    applicable: &Exact,
    earned: &Exact,
) -> io::Result<()> {
    let rate = rate(earned, applicable);
    table_row(
        out,
        &[
            label.to_string(),
            fixed(points, PLACES),
            fixed(applicable, PLACES),
            fixed(earned, PLACES),
            rate,
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_in_user_text_is_inert() {
        assert_eq!(escape("a|b"), "a\\|b");
        assert_eq!(
            escape("<script>x</script>"),
            "&lt;script&gt;x&lt;/script&gt;"
        );
        assert_eq!(escape("line\nnext"), "line<br>next");
        assert_eq!(escape("**bold** [l](u)"), "\\*\\*bold\\*\\* \\[l\\](u)");
    }
}
