//! User text made safe to show. An audit's author controls its strings and
//! its file name; written raw, an escape sequence could recolour or
//! overwrite the grade on a terminal, a bidi override or an invisible mark
//! could reorder or hide it, a line separator could start a new line where
//! none is seen, and a cell starting with `=` would become a live formula
//! in a spreadsheet. Everything else in user text — Chinese included — is
//! kept as written.

use crate::message::Lang;
use std::borrow::Cow;
use unicode_general_category::{GeneralCategory, get_general_category};

/// Whether `c` must not reach an output raw: the controls (Unicode's
/// general category Cc: C0, DEL, C1), the invisible format characters
/// (Cf: bidi marks, embeddings, overrides and isolates, zero-width space
/// and joiners, the byte order mark, soft hyphen, tags, …) and the line
/// and paragraph separators (Zl, Zp), by the Unicode 16.0 tables of the
/// `unicode-general-category` crate. A zero-width joiner inside an emoji
/// is Cf too, and so is shown escaped.
pub(crate) fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control()
        || matches!(
            get_general_category(c),
            GeneralCategory::Format
                | GeneralCategory::LineSeparator
                | GeneralCategory::ParagraphSeparator
        )
}

/// Whether `c` starts a new line somewhere: a line feed, carriage return,
/// vertical tab, form feed, next line (U+0085), line or paragraph
/// separator.
pub(crate) fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// `c` as it is shown escaped: `\u{1b}`.
fn escaped(c: char) -> String {
    format!("\\u{{{:x}}}", u32::from(c))
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
            c if is_unsafe(c) => out.push_str(&escaped(c)),
            c => out.push(c),
        }
    }
    map[text.len()] = out.len();
    (out, map)
}

/// What a line break becomes where text must stay on one line: a mark a
/// reader sees, between spaces so that the text still wraps there.
pub const LINE_BREAK_MARK: &str = " ⏎ ";

/// `text` on one line: every line break (`\r\n` as one) shown as
/// [`LINE_BREAK_MARK`]. Other unsafe characters are left for [`visible`].
pub fn on_one_line(text: &str) -> Cow<'_, str> {
    if !text.contains(is_line_break) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if !is_line_break(c) {
            out.push(c);
            continue;
        }
        if c == '\r' && chars.peek() == Some(&'\n') {
            chars.next();
        }
        out.push_str(LINE_BREAK_MARK);
    }
    Cow::Owned(out)
}

/// Characters of free text a terminal table shows; the rest is cut and
/// counted, and stays whole in JSON, HTML and Markdown.
pub const TERMINAL_CHARS: usize = 200;

/// Free text as one line of a terminal table: on one line
/// ([`on_one_line`]), and cut after [`TERMINAL_CHARS`] characters with
/// how long it was, in `lang`: `…（共 4096 字）`, `… (4096 characters)`.
/// A 4 MiB record would otherwise draw a table of millions of lines.
pub fn terminal_line(text: &str, lang: Lang) -> Cow<'_, str> {
    let Some((cut, _)) = text.char_indices().nth(TERMINAL_CHARS) else {
        return on_one_line(text);
    };
    let count = text.chars().count();
    let more = match lang {
        Lang::Zh => format!("…（共 {count} 字）"),
        Lang::En => format!("… ({count} characters)"),
    };
    Cow::Owned(format!("{}{more}", on_one_line(&text[..cut])))
}

/// `text` for a comment, which ends at the end of its line: on one line
/// and with every unsafe character shown escaped, so that a checklist's
/// text can never start a line of live TOML.
pub fn one_line_visible(text: &str) -> Cow<'_, str> {
    match on_one_line(text) {
        Cow::Borrowed(text) => visible(text, false),
        Cow::Owned(text) => Cow::Owned(visible(&text, false).into_owned()),
    }
}

/// `text` as a TOML basic string, quotes included, that reads back as
/// exactly `text`: quotes, backslashes and every unsafe character escaped
/// (`\u202E`), so the string can neither end early nor hide what it holds.
pub fn toml_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) && u32::from(c) > 0xFFFF => {
                out.push_str(&format!("\\U{:08X}", u32::from(c)))
            }
            c if is_unsafe(c) => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Appends `c` to JSON text as a `\uXXXX` escape (two, a surrogate pair,
/// outside the Basic Multilingual Plane), which every JSON reader turns
/// back into `c`.
pub fn push_json_escape(c: char, out: &mut String) {
    let mut units = [0u16; 2];
    for unit in c.encode_utf16(&mut units) {
        out.push_str(&format!("\\u{unit:04x}"));
    }
}

/// Whether `cell` is a plain decimal number as bscore writes one: an
/// optional leading `-`, digits, and optionally a point and digits.
fn is_plain_decimal(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    all_digits(whole) && all_digits(fraction)
}

/// A spreadsheet text cell that cannot turn into a formula: OWASP's advice
/// for CSV injection, a leading `'` before `=`, `+`, `-`, `@`, a tab or a
/// carriage return. Only a plain decimal number ([`is_plain_decimal`]) is
/// left alone: `-inf`, `+NaN` or `-infinity` read as numbers to Rust but
/// as formulas or names to Excel. The full-width `＝ ＋ － ＠` are left as
/// written: LibreOffice (7.4) imports them as text, and a prefix would
/// change Chinese text that starts with one.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_plain_decimal(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The largest offset up to `offset` where a character of `text` starts
/// (`str::floor_char_boundary`, stable only since Rust 1.91). `offset`
/// must be at most `text.len()`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// A literal as quoted in a message: a long one is cut, with `…`.
pub fn shortened(text: &str) -> String {
    shortened_to(text, 24)
}

/// `text` cut after `shown` characters, with `…`.
pub fn shortened_to(text: &str, shown: usize) -> String {
    match text.char_indices().nth(shown) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// Whether `seed` can be typed again exactly as it is, to repeat a draw:
/// not blank, no space or line break at its ends, no control or
/// invisible character. `bscore sample draw` and an audit's recorded
/// draw hold a seed to the same rule.
pub fn is_retypable(seed: &str) -> bool {
    !seed.trim().is_empty() && seed.trim() == seed && !seed.chars().any(is_unsafe)
}

/// `text` with full-width letters, digits, signs and spaces made
/// half-width: what a Chinese keyboard's full-width mode types for ASCII
/// (`ＣＲ－００１` for `CR-001`).
pub fn half_width(text: &str) -> String {
    (text.chars())
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
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
        assert_eq!(spreadsheet_safe("12.50"), "12.50");
    }

    #[test]
    fn only_plain_decimals_escape_the_formula_guard() {
        for risky in [
            "-inf",
            "+NaN",
            "-infinity",
            "+1",
            "-1e5",
            "-.5",
            "-5.",
            "-",
            "+1+cmd",
        ] {
            assert_eq!(spreadsheet_safe(risky), format!("'{risky}"), "{risky}");
        }
        for full_width in ["＝1+1", "＋1", "－1", "＠x"] {
            assert_eq!(spreadsheet_safe(full_width), full_width);
        }
        for plain in ["-0", "-12", "-0.25", "3"] {
            assert_eq!(spreadsheet_safe(plain), plain);
        }
    }

    /// Every format character (Cf) of Unicode 16.0 as UnicodeData.txt
    /// lists them, with the separators Zl and Zp, is unsafe; letters,
    /// Chinese, punctuation and spaces are not.
    #[test]
    fn invisible_and_direction_characters_are_unsafe() {
        let format_characters = [
            '\u{ad}',
            '\u{600}',
            '\u{605}',
            '\u{61c}',
            '\u{6dd}',
            '\u{70f}',
            '\u{890}',
            '\u{891}',
            '\u{8e2}',
            '\u{180e}',
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{200e}',
            '\u{200f}',
            '\u{202a}',
            '\u{202e}',
            '\u{2060}',
            '\u{2064}',
            '\u{2066}',
            '\u{2069}',
            '\u{206a}',
            '\u{206f}',
            '\u{feff}',
            '\u{fff9}',
            '\u{fffb}',
            '\u{110bd}',
            '\u{110cd}',
            '\u{13430}',
            '\u{1343f}',
            '\u{1bca0}',
            '\u{1bca3}',
            '\u{1d173}',
            '\u{1d17a}',
            '\u{e0001}',
            '\u{e0020}',
            '\u{e007f}',
        ];
        for c in format_characters
            .into_iter()
            .chain(['\u{2028}', '\u{2029}'])
        {
            assert!(is_unsafe(c), "U+{:04X}", u32::from(c));
        }
        for c in "aZ9 ~经营者：示例，。、（）《》“”—…①\u{3000}\u{a0}é😀⏎".chars()
        {
            assert!(!is_unsafe(c), "U+{:04X}", u32::from(c));
        }
        assert_eq!(
            visible("a\u{200b}b\u{2028}c", true),
            "a\\u{200b}b\\u{2028}c"
        );
    }

    #[test]
    fn a_terminal_line_is_one_line_and_bounded() {
        assert_eq!(
            terminal_line("a\nb\r\nc\u{2028}d", Lang::En),
            "a ⏎ b ⏎ c ⏎ d"
        );
        assert_eq!(terminal_line("短", Lang::Zh), "短");
        let long = "字".repeat(TERMINAL_CHARS + 1);
        let shown = terminal_line(&long, Lang::Zh);
        assert_eq!(
            shown,
            format!("{}…（共 201 字）", "字".repeat(TERMINAL_CHARS))
        );
        let shown = terminal_line(&long, Lang::En);
        assert!(shown.ends_with("… (201 characters)"), "{shown}");
        assert_eq!(
            terminal_line(&"x".repeat(TERMINAL_CHARS), Lang::En).len(),
            200
        );
    }

    #[test]
    fn a_comment_cannot_end_its_line() {
        let text = "a\nINJECT = 1\r\u{b}\u{c}\u{85}\u{2028}\u{2029}\u{1b}\u{7}\u{202e}";
        let comment = one_line_visible(text);
        assert!(
            !comment.chars().any(|c| is_unsafe(c) || is_line_break(c)),
            "{comment}"
        );
        assert!(
            comment.contains("\\u{1b}") && comment.contains("INJECT"),
            "{comment}"
        );
    }

    #[test]
    fn a_toml_string_reads_back_exactly() {
        let text = "say \"hi\" \\ \n\t\r\u{1b}\u{7f}\u{85}\u{202e}\u{2028}\u{e0001} 中文";
        let toml = format!("x = {}", toml_string(text));
        assert!(!toml.chars().any(is_unsafe), "{toml}");
        let table: toml::Table = toml.parse().unwrap();
        assert_eq!(table["x"].as_str(), Some(text));
    }

    #[test]
    fn json_escapes_are_utf16() {
        let mut out = String::new();
        push_json_escape('\u{2028}', &mut out);
        push_json_escape('\u{e0001}', &mut out);
        assert_eq!(out, "\\u2028\\udb40\\udc01");
        let back: String = serde_json::from_str(&format!("\"{out}\"")).unwrap();
        assert_eq!(back, "\u{2028}\u{e0001}");
    }
}
