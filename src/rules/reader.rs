//! What reading a 细则 needs, and every problem found so far: one context,
//! as the audit's `Context`, that the readers of the file's tables
//! (`load`) and of each rule (`rule`) take, a leaf that knows no check.

use super::words::meant;
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, Expected, LineIndex, MAX_REPORTED, unknown};
use crate::message::t;
use std::ops::Range;

/// What reading a 细则 needs, and everything found so far.
pub(super) struct Reader<'a> {
    /// The file's text (broken lines blanked), for literals and lines.
    pub(super) source: &'a str,
    /// Where its lines start.
    pub(super) lines: LineIndex,
    /// The checklist the 细则 is for.
    pub(super) checklist: &'a Checklist,
    /// Every error found.
    pub(super) errors: Vec<Diagnostic>,
    /// Every warning found.
    pub(super) warnings: Vec<Diagnostic>,
    /// Keys on lines set aside for their syntax errors: already reported,
    /// so not missing.
    pub(super) set_aside: Vec<String>,
    /// How many problems have been given a suggestion or slip
    /// ([`Reader::worth_detail`]).
    detailed: usize,
}

impl Reader<'_> {
    /// The text of `span` as written.
    pub(super) fn written(&self, span: Range<usize>) -> &str {
        self.source.get(span).unwrap_or_default()
    }

    /// The line holding `span`, and `span` within it, for the first
    /// [`MAX_REPORTED`] slips sought on lines of at most
    /// [`MAX_SLIP_LINE_BYTES`]: a slip is corrected on a copy of its line,
    /// and a hostile file of a million quoted numbers on one line would
    /// otherwise copy that line a million times.
    pub(super) fn line_for_slip(&mut self, span: &Range<usize>) -> Option<(&str, Range<usize>)> {
        if !self.worth_detail() {
            return None;
        }
        let line = self.lines.line(span.start);
        let start = self.lines.start(line);
        let next = self.lines.start(line + 1);
        let end = if next > start {
            next
        } else {
            self.source.len()
        };
        if end - start > MAX_SLIP_LINE_BYTES {
            return None;
        }
        let text = self.source.get(start..end)?.trim_end_matches(['\n', '\r']);
        let local = span.start - start..(span.end - start).min(text.len());
        Some((text, local))
    }
}

impl Reader<'_> {
    /// Whether a problem found now is worth its suggestion or slip: the
    /// first [`MAX_REPORTED`] are (a file lists no more), the rest are told
    /// plainly, so that a hostile file of a million mistakes costs a
    /// million short messages, not a million searches.
    pub(super) fn worth_detail(&mut self) -> bool {
        self.detailed += 1;
        self.detailed <= MAX_REPORTED
    }
}

/// The longest line a slip is sought on (the longest an error shows).
const MAX_SLIP_LINE_BYTES: usize = 64 * 1024;

impl<'a> Reader<'a> {
    pub(super) fn start(source: &'a str, checklist: &'a Checklist) -> Self {
        Reader {
            source,
            lines: LineIndex::new(source),
            checklist,
            errors: Vec::new(),
            warnings: Vec::new(),
            set_aside: Vec::new(),
            detailed: 0,
        }
    }
}

/// "unknown {what} `{name}`" with the name meant: by the words people
/// write for the 细则's keys ([`meant`]), else as
/// [`crate::diagnostic::unknown`] finds it.
pub(super) fn unknown_name(what: (&str, &str), name: &str, known: &[&'static str]) -> Diagnostic {
    let problem = unknown(what, name, known.iter().copied(), &[], Expected::OneOf);
    match meant(name, known) {
        Some(meant) => problem.help(t!("是否应为 `{meant}`？", "did you mean `{meant}`?")),
        None => problem,
    }
}
