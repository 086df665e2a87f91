//! `--format markdown`: GitHub-flavoured Markdown for CI step summaries and
//! pull requests. Every user text is escaped so it renders as plain text.

use super::content::Content;
use super::labels::Words;
use super::report::{Line, RenderOptions, Report, Streamed};
use super::sections::{Section, batch_count, batch_summary, markdown_grid};
use crate::checklist::Checklist;
use crate::text::visible;
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

    /// After several reports, one line per audit, as the table has.
    fn tail(
        &self,
        checklist: &Checklist,
        lines: &[Line],
        several: bool,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        if several {
            let words = Words::new(self.options.lang, checklist);
            writeln!(out)?;
            out.write_all(markdown_grid(&batch_summary(&words, lines)).as_bytes())?;
            writeln!(out, "\n{}", escape(&batch_count(&words, lines)))?;
        }
        Ok(())
    }
}

/// Escapes text for a Markdown table cell or paragraph: table pipes,
/// inline markup, HTML and line breaks all come out literally.
/// Control and bidi characters are shown, not obeyed.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in visible(text, true).chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '\n' => escaped.push_str("<br>"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' => {
                escaped.push('\\');
                escaped.push(c);
            }
            _ => escaped.push(c),
        }
    }
    escaped
}

impl MarkdownRenderer {
    fn render_one(&self, report: &Report<'_>, out: &mut dyn Write) -> io::Result<()> {
        let words = Words::new(self.options.lang, report.checklist);
        let labels = words.labels;
        let content = Content::of(report, &words, self.options.detail);
        writeln!(out, "## {} — {}\n", content.title, escape(&content.file))?;
        // Markdown tables need a header row: the standard's line is it.
        let mut header = content
            .header
            .iter()
            .map(|(label, value)| vec![label.clone(), value.clone()]);
        let header = Section {
            header: header.next().unwrap_or_default(),
            rows: header.collect(),
            ..Section::default()
        };
        out.write_all(markdown_grid(&header).as_bytes())?;
        writeln!(out)?;
        out.write_all(markdown_grid(&content.categories).as_bytes())?;

        if let (Some(title), false) = (
            &content.indicators.title,
            content.indicators.rows.is_empty(),
        ) {
            writeln!(out, "\n### {title}\n")?;
            out.write_all(markdown_grid(&content.indicators).as_bytes())?;
            for note in &content.cut_sum_notes {
                writeln!(out, "\n{}", escape(note))?;
            }
        }

        writeln!(out, "\n### {}\n", labels.adjustments_title)?;
        if content.adjustments.is_empty() {
            writeln!(out, "{}", labels.none)?;
        }
        for adjustment in &content.adjustments {
            let sign = if adjustment.deducts { "−" } else { "+" };
            let kind = adjustment
                .kind
                .as_ref()
                .map(|kind| format!(", {}", escape(kind)))
                .unwrap_or_default();
            writeln!(
                out,
                "- {} ({sign}{}{kind}){}{}",
                adjustment.label,
                adjustment.points,
                labels.colon,
                escape(&adjustment.text)
            )?;
        }

        writeln!(out)?;
        for (label, value) in [&content.normalized, &content.score] {
            writeln!(out, "{label}{}**{}**  ", labels.colon, escape(value))?;
        }
        let (label, grade) = &content.grade;
        writeln!(out, "{label}{}**{}**\n", labels.colon, escape(grade))?;
        for (label, value) in &content.outlook {
            writeln!(out, "- {}{}{}", escape(label), labels.colon, escape(value))?;
        }
        Ok(())
    }
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
