//! `--format markdown`: GitHub-flavoured Markdown for CI step summaries and
//! pull requests. Every user text is escaped so it renders as plain text.
//! The Markdown table every command draws its [`Section`]s with is here.

use super::content::Content;
use super::report::{Line, RenderOptions, Report, Streamed};
use super::sections::{Section, batch_count, batch_summary};
use super::words::Words;
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
            for line in &adjustment.team {
                writeln!(out, "  - {}", escape(line))?;
            }
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

/// A section's table as GitHub-flavoured Markdown (its title is the
/// caller's), every cell escaped; a total row's label is set in bold.
pub fn markdown_grid(section: &Section) -> String {
    let columns = section
        .rows
        .iter()
        .map(Vec::len)
        .chain([section.header.len()])
        .max()
        .unwrap_or(0);
    let line = |cells: &[String]| format!("| {} |\n", cells.join(" | "));
    let escaped = |row: &[String]| -> Vec<String> { row.iter().map(|c| escape(c)).collect() };
    let mut out = match section.header.is_empty() {
        true => line(&vec![String::new(); columns]),
        false => line(&escaped(&section.header)),
    };
    let rule: Vec<String> = (0..columns)
        .map(|c| match section.right.contains(&c) {
            true => "---:".to_string(),
            false => "---".to_string(),
        })
        .collect();
    out.push_str(&line(&rule));
    let last = section.rows.len().saturating_sub(1);
    for (index, row) in section.rows.iter().enumerate() {
        let mut cells = escaped(row);
        if section.total_last
            && index == last
            && let Some(label) = cells.first_mut()
        {
            *label = format!("**{label}**");
        }
        out.push_str(&line(&cells));
    }
    out
}

/// Sections as GitHub-flavoured Markdown, every cell escaped.
pub fn to_markdown(sections: &[Section]) -> String {
    let mut out = String::new();
    for section in sections.iter().filter(|s| !s.rows.is_empty()) {
        if let Some(title) = &section.title {
            out.push_str(&format!("### {}\n\n", escape(title)));
        }
        out.push_str(&markdown_grid(section));
        out.push('\n');
    }
    out
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
