//! User text made safe to show. An audit's author controls its strings and
//! its file name; written raw, an escape sequence could recolour or
//! overwrite the grade on a terminal, a bidi override could reorder it, and
//! a cell starting with `=` would become a live formula in a spreadsheet.
//! Everything else in user text — Chinese included — is kept as written.

use std::borrow::Cow;

/// Whether `c` must not reach an output raw: C0 controls, DEL, C1
/// controls, and the bidi embedding, override and isolate controls.
pub(crate) fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `text` with every unsafe character shown as `\u{1b}`; line breaks
/// (`\n`, and `\r\n` as one) are kept when the format keeps them.
pub fn visible(text: &str, keep_newlines: bool) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(visible_mapped(text, keep_newlines).0)
}

/// [`visible`], with where each byte offset of `text` (and its end) lands
/// in the result: for carets under a line that had to be rewritten.
pub fn visible_mapped(text: &str, keep_newlines: bool) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut map = vec![0; text.len() + 1];
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        map[at..at + c.len_utf8()].fill(out.len());
        let crlf = c == '\r' && chars.peek().is_some_and(|(_, next)| *next == '\n');
        match c {
            '\n' if keep_newlines => out.push('\n'),
            '\r' if keep_newlines && crlf => {}
            c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    map[text.len()] = out.len();
    (out, map)
}

/// A spreadsheet text cell that cannot turn into a formula: OWASP's advice
/// for CSV injection, a leading `'` before `=`, `+`, `-`, `@`, a tab or a
/// carriage return. Plain numbers are left alone.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_and_bidi_overrides_are_shown_not_obeyed() {
        assert_eq!(visible("a\u{1b}[31mb", true), "a\\u{1b}[31mb");
        assert_eq!(visible("x\u{202E}y\u{2066}", false), "x\\u{202e}y\\u{2066}");
        assert_eq!(visible("\u{0}\u{7f}\u{85}", true), "\\u{0}\\u{7f}\\u{85}");
        assert_eq!(visible("line\r\nnext\rover", true), "line\nnext\\u{d}over");
        assert_eq!(visible("line\nnext", false), "line\\u{a}next");
        assert_eq!(visible("经营者：示例", true), "经营者：示例");
    }

    #[test]
    fn offsets_follow_the_rewritten_text() {
        let (text, map) = visible_mapped("a\u{1b}b", false);
        assert_eq!(text, "a\\u{1b}b");
        assert_eq!((map[0], map[1], map[2], map[3]), (0, 1, 7, 8));
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_kept() {
        assert_eq!(spreadsheet_safe("=1+1"), "'=1+1");
        assert_eq!(
            spreadsheet_safe("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        assert_eq!(spreadsheet_safe("\t=1+1"), "'\t=1+1");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("-0.5"), "-0.5");
        assert_eq!(spreadsheet_safe("-x"), "'-x");
        assert_eq!(spreadsheet_safe("现场记录"), "现场记录");
    }
}
