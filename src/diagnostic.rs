//! Problems found in input files, collected rather than stopping at the
//! first, and printed like the compiler's and the toml crate's own errors:
//! the message, `--> file:line:column`, the source line and a caret under
//! the place, then a suggestion (rendered by annotate-snippets, which
//! aligns carets under Chinese text).

use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::fmt;
use std::ops::Range;

/// Longest parser message kept: they can quote a whole (huge) line.
const MAX_PARSER_MESSAGE_CHARS: usize = 400;

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Byte range in the file where the problem is, when known.
    pub span: Option<Range<usize>>,
    /// The TOML key path the problem concerns, such as `indicators."4.1.a"`.
    pub key: Option<String>,
    /// What is wrong and what was expected.
    pub message: String,
    /// A suggestion, such as the nearest valid id.
    pub help: Option<String>,
}

impl Diagnostic {
    /// A problem with no location yet.
    pub fn new(message: impl Into<String>) -> Self {
        Diagnostic {
            span: None,
            key: None,
            message: message.into(),
            help: None,
        }
    }

    /// Places the problem at a byte range of the file.
    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    /// Places the problem at a byte range of the file, when one is known.
    pub fn at_opt(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    /// Names the key the problem concerns.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Adds a suggestion.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// A [`Diagnostic`] with its line and column resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// 1-based line and character column, when the span is known.
    pub position: Option<(usize, usize)>,
    /// The source line the problem starts on, and the problem's byte range
    /// within it (kept so the error can be shown without the whole file).
    pub excerpt: Option<(String, Range<usize>)>,
    /// The problem.
    pub diagnostic: Diagnostic,
}

/// Longest source line kept for a message; longer ones are cut around the
/// problem (the renderer itself shortens what it shows of long lines, and
/// gets the column right as long as it has the line from its start).
const MAX_EXCERPT_BYTES: usize = 1024 * 1024;

/// The line holding `span.start`, and the span's range within it (cut to
/// the line, and to a window around the problem on very long lines).
fn excerpt(source: &str, span: &Range<usize>) -> Option<(String, Range<usize>)> {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |at| at + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |at| start + at);
    let mut from = line_start;
    let mut to = line_end;
    if to - from > MAX_EXCERPT_BYTES {
        from = floor_char_boundary(
            source,
            start.saturating_sub(MAX_EXCERPT_BYTES / 2).max(line_start),
        );
        to = floor_char_boundary(source, (from + MAX_EXCERPT_BYTES).min(line_end));
    }
    let line = source.get(from..to)?.trim_end_matches('\r').to_string();
    let local_start = start - from;
    let local_end = span
        .end
        .clamp(start, to)
        .saturating_sub(from)
        .max(local_start);
    let local_end = floor_char_boundary(&line, local_end.min(line.len()));
    let local_start = local_start.min(local_end);
    // The line is shown, not obeyed: control characters become visible, and
    // the caret moves with the text they turn into.
    let (line, map) = crate::text::visible_mapped(&line, false);
    Some((line, map[local_start]..map[local_end]))
}

/// Every problem found in one input file. Exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file as the user named it (`-` for standard input).
    pub file: String,
    /// The problems, in the order they occur in the file: the first
    /// [`MAX_REPORTED`] of them.
    pub problems: Vec<Located>,
    /// How many more problems the file has.
    pub omitted: usize,
}

/// Problems reported per file; past these a file is counted, not listed,
/// so that a broken or hostile file cannot flood the terminal or take
/// time in proportion to its problems squared.
pub const MAX_REPORTED: usize = 100;

impl InputError {
    /// Orders the problems by position and resolves the spans of the first
    /// [`MAX_REPORTED`] against `source`; the rest are only counted. Work is
    /// linear in the file's size whatever the number of problems.
    pub fn new(file: impl Into<String>, source: &str, mut diagnostics: Vec<Diagnostic>) -> Self {
        // By byte offset: line, then column. Problems without a place first.
        diagnostics.sort_by_key(|d| d.span.as_ref().map(|span| span.start));
        // The parser can report one unclosed bracket once per nesting level.
        diagnostics.dedup_by(|a, b| {
            a.span.as_ref().map(|s| s.start) == b.span.as_ref().map(|s| s.start)
                && a.key == b.key
                && a.message == b.message
        });
        let omitted = diagnostics.len().saturating_sub(MAX_REPORTED);
        diagnostics.truncate(MAX_REPORTED);
        let lines = LineIndex::new(source);
        let problems = diagnostics
            .into_iter()
            .map(|diagnostic| Located {
                position: (diagnostic.span.as_ref())
                    .map(|span| lines.line_column(source, span.start)),
                excerpt: (diagnostic.span.as_ref()).and_then(|span| excerpt(source, span)),
                diagnostic,
            })
            .collect();
        InputError {
            file: file.into(),
            problems,
            omitted,
        }
    }

    /// Adds problems that were counted but never built.
    pub fn with_omitted(mut self, more: usize) -> Self {
        self.omitted += more;
        self
    }

    /// A problem with the file as a whole (unreadable, not found).
    pub fn whole_file(file: impl Into<String>, message: impl Into<String>) -> Self {
        InputError::new(file, "", vec![Diagnostic::new(message)])
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let renderer = Renderer::plain();
        for (index, problem) in self.problems.iter().enumerate() {
            if index > 0 {
                // A blank line between problems, as compilers print them.
                write!(f, "\n\n")?;
            }
            let diagnostic = &problem.diagnostic;
            let title = match &diagnostic.key {
                Some(key) => format!("{key}: {}", diagnostic.message.trim_end()),
                None => diagnostic.message.trim_end().to_string(),
            };
            let mut group = Group::with_title(Level::ERROR.primary_title(title));
            group = match (&problem.position, &problem.excerpt) {
                (Some((line, _)), Some((text, range))) => group.element(
                    Snippet::source(text.as_str())
                        .line_start(*line)
                        .path(self.file.as_str())
                        .annotation(AnnotationKind::Primary.span(range.clone())),
                ),
                (Some((line, column)), None) => group.element(
                    Origin::path(self.file.as_str())
                        .line(*line)
                        .char_column(*column),
                ),
                (None, _) => group.element(Origin::path(self.file.as_str())),
            };
            if let Some(help) = &diagnostic.help {
                group = group.element(Level::HELP.message(help.as_str()));
            }
            write!(f, "{}", renderer.render(&[group]))?;
        }
        if self.omitted > 0 {
            write!(
                f,
                "\n\nerror: … and {} more problem(s) in {} (the first {MAX_REPORTED} are shown)",
                self.omitted, self.file
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for InputError {}

/// Where each line of a file starts, found once, so that placing a problem
/// costs a binary search rather than a scan from the file's start.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `source`'s lines.
    pub fn new(source: &str) -> LineIndex {
        let after_newlines = source.match_indices('\n').map(|(at, _)| at + 1);
        LineIndex {
            starts: std::iter::once(0).chain(after_newlines).collect(),
        }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|start| *start <= offset)
    }

    /// 1-based line and column (in characters, as editors count) of a byte
    /// offset of `source`.
    pub fn line_column(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.line(offset);
        let start = self.starts[line - 1];
        (line, source[start..offset].chars().count() + 1)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A parser's message on one line and of bounded length.
pub fn shorten_parser_message(message: &str) -> String {
    let single_line = message.trim_end().replace('\n', " ");
    if single_line.chars().count() <= MAX_PARSER_MESSAGE_CHARS {
        return single_line;
    }
    let kept: String = single_line.chars().take(MAX_PARSER_MESSAGE_CHARS).collect();
    format!("{kept}…")
}

/// Quotes a TOML key when it is not a bare key, as it would be written in
/// the file: `indicators."4.1.a"`.
pub fn quote_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_string()
    } else {
        format!("{key:?}")
    }
}

/// What an "unknown name" message says was expected.
#[derive(Debug, Clone, Copy)]
pub enum Expected<'a> {
    /// List the known names after this phrase (`"a top-level table, "` →
    /// "expected a top-level table, one of `a`, `b`").
    OneOf(&'a str),
    /// Too many to list: say where to find them when none is close.
    ListedBy(&'a str),
}

/// The one message for a name that is not among the known ones:
/// "unknown {what} `{name}`", what was expected, and the closest known
/// name as a suggestion.
pub fn unknown<'a>(
    what: &str,
    name: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
    expected: Expected<'_>,
) -> Diagnostic {
    let message = match expected {
        Expected::OneOf(phrase) => {
            let list: Vec<String> = known
                .clone()
                .into_iter()
                .map(|k| format!("`{k}`"))
                .collect();
            format!(
                "unknown {what} `{name}`: expected {phrase}one of {}",
                list.join(", ")
            )
        }
        Expected::ListedBy(_) => format!("unknown {what} `{name}`"),
    };
    let diagnostic = Diagnostic::new(message);
    match (did_you_mean(name, known), expected) {
        (Some(suggestion), _) => diagnostic.help(format!("did you mean `{suggestion}`?")),
        (None, Expected::ListedBy(where_listed)) => diagnostic.help(where_listed),
        (None, Expected::OneOf(_)) => diagnostic,
    }
}

/// The candidate closest to `input` by edit distance, if it is close enough
/// to be a plausible typo.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (input.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .map(|candidate| (strsim::levenshtein(input, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let source = "a = 1\n经营者 = 2\n";
        let offset = source.find('2').unwrap();
        assert_eq!(LineIndex::new(source).line_column(source, offset), (2, 7));
    }

    #[test]
    fn problems_are_ordered_by_position() {
        let source = "a\nb\nc\n";
        let error = InputError::new(
            "f.toml",
            source,
            vec![
                Diagnostic::new("third").at(4..5),
                Diagnostic::new("first").at(0..1),
            ],
        );
        let text = error.to_string();
        assert!(
            text.find("first").unwrap() < text.find("third").unwrap(),
            "{text}"
        );
        assert!(text.starts_with("error: first\n --> f.toml:1:1"), "{text}");
    }

    #[test]
    fn suggestions_are_close_ids_only() {
        let ids = ["4.1.a", "4.3.d.1", "5.8.1"];
        assert_eq!(did_you_mean("4.3.d1", ids), Some("4.3.d.1"));
        assert_eq!(did_you_mean("4.1.A", ids), Some("4.1.a"));
        assert_eq!(did_you_mean("zzzzzz", ids), None);
    }

    #[test]
    fn keys_are_quoted_when_not_bare() {
        assert_eq!(quote_key("organization"), "organization");
        assert_eq!(quote_key("4.1.a"), "\"4.1.a\"");
    }
}
