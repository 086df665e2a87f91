//! The slips a Chinese keyboard and a spreadsheet habit make in a TOML
//! audit, recognised and corrected: full-width digits, points, commas,
//! equals signs and quotes; a comma as the decimal point; `50%`; `3/8`
//! for a sample; a quoted number; `"excluded"` with no reason; a date
//! written `2026/11/20` or `2026年11月20日`; text without quotes.
//!
//! Each slip is named in both languages and comes with the line as it
//! should be written, which is checked to be valid TOML before it is
//! offered.

pub(crate) use super::value_slips::Expecting;
use super::value_slips::{is_bare_text, is_iso_date, known_slip, text_as_note};
use crate::message::Text;
use crate::message::t;
use crate::text::toml_string;

/// A slip found on one line: what it is, and the line corrected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slip {
    /// What was typed wrong, in both languages.
    pub(crate) message: Text,
    /// The whole line as it should be written.
    pub(crate) corrected: Text,
}

impl Slip {
    /// "改为 …" / "write …": the help line that shows the corrected line.
    pub(crate) fn help(&self) -> Text {
        let (zh, en) = (self.corrected.zh.trim(), self.corrected.en.trim());
        t!("改为 {zh}", "write {en}")
    }
}

/// The slip on a line the TOML parser could not read, under the table
/// header `section`, if it is one of those this module knows; `None`
/// leaves the parser's own message.
pub(crate) fn on_broken_line(line: &str, section: Option<&str>) -> Option<Slip> {
    let (half, full_width) = half_width(line);
    let mut names = Vec::new();
    if !full_width.is_empty() {
        let chars: String = full_width.iter().map(|c| format!("「{c}」")).collect();
        let listed: Vec<String> = full_width.iter().map(|c| format!("`{c}`")).collect();
        let listed = listed.join(", ");
        names.push(t!(
            "用了全角字符 {chars}（中文输入法）：数字、小数点、等号、引号和逗号须为半角（英文）字符",
            "full-width characters {listed} (typed with a Chinese input method): numbers, points, `=`, quotes and commas must be half-width (ASCII)"
        ));
    }
    let (corrected, value_slip) = match split_assignment(&half) {
        Some((head, value, tail)) => {
            let in_table = section.is_some_and(|table| table.starts_with("indicators."));
            let renamed = in_table.then(|| indicator_key_meant(head)).flatten();
            let head = match &renamed {
                Some((head, message)) => {
                    names.push(message.clone());
                    head.as_str()
                }
                None => head,
            };
            let expecting = expecting_after(section, head);
            let fixed = (fix_value(value.trim(), expecting))
                .or_else(|| unquoted_value(value.trim(), expecting));
            match fixed {
                Some((fixed, message)) => {
                    names.push(message);
                    (fixed.map(|f| format!("{head}{f}{tail}")), true)
                }
                None if renamed.is_some() => (Text::verbatim(format!("{head}{value}{tail}")), true),
                None => (Text::verbatim(half.clone()), false),
            }
        }
        None => (Text::verbatim(half.clone()), false),
    };
    if full_width.is_empty() && !value_slip {
        return None;
    }
    let corrected = Text {
        zh: corrected.zh.trim_end().to_string(),
        en: corrected.en.trim_end().to_string(),
    };
    if !parses(&corrected.en) {
        return None;
    }
    let message = names
        .into_iter()
        .reduce(|all, next| all.joined(("；", "; "), &next))?;
    Some(Slip { message, corrected })
}

/// A line that ends with a full-width comma after a list's element
/// (`  { coefficient = 0, when = "…" }，`): the line with `,` instead.
pub(crate) fn full_width_comma_at_end(line: &str) -> Option<String> {
    let trimmed = line.trim_end();
    let element = trimmed.strip_suffix('，')?;
    element
        .trim_end()
        .ends_with(['}', '"', ']'])
        .then(|| format!("{},", element.trim()))
}

/// A slip on a line that is one element of a list written over several
/// lines (`  { coefficient = 0。5, when = "…" },`, as a 细则 writes its
/// levels, an audit its samples): the slips are found on `key = value`
/// lines, so the
/// element is read as the one value of such a line, and the slip named
/// with the element corrected (found by a hostile probe: the example's
/// own layout got only "a value that cannot be read").
pub(crate) fn on_element_line(line: &str) -> Option<Slip> {
    let trimmed = line.trim();
    if !trimmed.starts_with(['{', '｛', '"', '“', '”']) {
        return None;
    }
    let (element, comma) = match trimmed.strip_suffix([',', '，']) {
        Some(element) => (element.trim_end(), ","),
        None => (trimmed, ""),
    };
    let slip = on_broken_line(&format!("x = [{element}]"), None)?;
    let shown = |corrected: &str| {
        let inner = corrected.trim().strip_prefix("x = [")?.strip_suffix(']')?;
        Some(format!("{inner}{comma}"))
    };
    let (zh, en) = (shown(&slip.corrected.zh)?, shown(&slip.corrected.en)?);
    Some(Slip {
        message: slip.message,
        corrected: Text { zh, en },
    })
}

/// The slip in a string written where `expecting` says something else
/// belongs (`"4.3.b" = "0.5"`, `date = "2026/11/20"`): `line` is the line
/// holding it and `value` the byte range of the string, quotes included,
/// within that line.
pub(crate) fn in_string(
    line: &str,
    value: std::ops::Range<usize>,
    text: &str,
    expecting: Expecting,
) -> Option<Slip> {
    let (half, full_width) = half_width_all(text.trim());
    let (fixed, mut message, half_width_matters) = if is_plain_value(&half, expecting) {
        let message = t!(
            "数字和日期不加引号",
            "numbers and dates are written without quotes"
        );
        (Text::verbatim(half.clone()), message, true)
    } else if let Some((fixed, message)) = known_slip(&half, expecting) {
        (fixed, message, true)
    } else if expecting == Expecting::Indicator {
        // The assessor's own words become the note, as written.
        let (fixed, message) = text_as_note(text.trim());
        (fixed, message, false)
    } else {
        return None;
    };
    if half_width_matters && !full_width.is_empty() {
        message = t!("用了全角字符；", "full-width characters; ").joined(("", ""), &message);
    }
    let head = line.get(..value.start)?;
    let tail = line.get(value.end..)?;
    let corrected = fixed.map(|f| format!("{head}{f}{tail}").trim_end().to_string());
    parses(&corrected.en).then_some(Slip { message, corrected })
}

/// A value a broken line holds in quotes (typed as full-width quotes,
/// say) that is not text where `expecting` says: the same correction as
/// for a quoted value on a line that parses ([`in_string`]), so that the
/// line offered is right at once, not only half-width.
fn unquoted_value(value: &str, expecting: Expecting) -> Option<(Text, Text)> {
    let inner = (value.strip_prefix('"').and_then(|v| v.strip_suffix('"')))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))?;
    if inner.contains(['"', '\'', '\\']) {
        return None;
    }
    if is_plain_value(inner.trim(), expecting) {
        let message = t!(
            "数字和日期不加引号",
            "numbers and dates are written without quotes"
        );
        return Some((Text::verbatim(inner.trim()), message));
    }
    (known_slip(inner.trim(), expecting))
        .or_else(|| (expecting == Expecting::Indicator).then(|| text_as_note(inner.trim())))
}

/// What belongs after `head`, the part of a line up to its value
/// (`"4.3.b" = `), under the table header `section`.
fn expecting_after(section: Option<&str>, head: &str) -> Expecting {
    let key = head.trim_end();
    Expecting::at(section, key.strip_suffix('=').unwrap_or(key))
}

/// Whether `value`, unquoted, is already what `expecting` wants.
fn is_plain_value(value: &str, expecting: Expecting) -> bool {
    let decimal = |v: &str| {
        let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "0"));
        !whole.is_empty()
            && !fraction.is_empty()
            && whole
                .bytes()
                .chain(fraction.bytes())
                .all(|b| b.is_ascii_digit())
    };
    match expecting {
        Expecting::Indicator | Expecting::Coefficient => decimal(value),
        Expecting::Count => !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()),
        Expecting::Date => is_iso_date(value),
        Expecting::Text | Expecting::Any => false,
    }
}

/// `value` corrected, with what was wrong with it, when it is a slip of
/// the kinds [`Expecting`] allows: those of [`known_slip`], and words
/// typed without quotes.
fn fix_value(value: &str, expecting: Expecting) -> Option<(Text, Text)> {
    if let Some(found) = known_slip(value, expecting) {
        return Some(found);
    }
    match expecting {
        Expecting::Indicator if value.starts_with('{') => in_inline_table(value),
        Expecting::Indicator if is_bare_text(value) => Some(text_as_note(value)),
        Expecting::Any if is_bare_text(value) => Some((
            Text::verbatim(toml_string(value)),
            t!(
                "文字须用英文双引号括起来",
                "text must be written in double quotes"
            ),
        )),
        Expecting::Text if !value.starts_with(['"', '\'', '[', '{']) => Some((
            Text::verbatim(toml_string(value)),
            t!(
                "文字须用英文双引号括起来",
                "text must be written in double quotes"
            ),
        )),
        _ => None,
    }
}

/// An indicator's inline table (`{ coefficient = 50%, note = 抽查 }`)
/// with the slips of its values corrected, each for the key it is under.
fn in_inline_table(table: &str) -> Option<(Text, Text)> {
    let inner = table.strip_prefix('{')?.strip_suffix('}')?;
    let mut fixed = Vec::new();
    let mut messages: Vec<Text> = Vec::new();
    for entry in outside_quotes_split(inner, ',') {
        let (head, value, tail) = split_assignment(entry)?;
        let renamed = indicator_key_meant(head);
        let head = match &renamed {
            Some((head, message)) => {
                messages.push(message.clone());
                head.as_str()
            }
            None => head,
        };
        let expecting = expecting_after(Some("indicators.\"\""), head);
        match fix_value(value, expecting) {
            Some((value, message)) => {
                fixed.push(value.map(|value| format!("{head}{value}{tail}")));
                messages.push(message);
            }
            None => fixed.push(Text::verbatim(format!("{head}{value}{tail}"))),
        }
    }
    let message = messages
        .into_iter()
        .reduce(|all, next| all.joined(("；", "; "), &next))?;
    let joined = |pick: fn(&Text) -> &str| {
        let entries: Vec<&str> = fixed.iter().map(pick).collect();
        format!("{{{}}}", entries.join(","))
    };
    let corrected = Text::new(joined(|t| &t.zh), joined(|t| &t.en));
    Some((corrected, message))
}

/// `head` (`删减 = `, the part of an indicator table's entry up to its
/// value) with its key replaced by the key it means, when it is a word
/// written without quotes that names one (`删减` → `excluded`, the form's
/// and the template's words), and the message that says so. Only a
/// bare word is renamed: a quoted key is read as written and reported as
/// unknown, with the same suggestion.
fn indicator_key_meant(head: &str) -> Option<(String, Text)> {
    let key = head.trim_end().strip_suffix('=')?.trim();
    let bare = !key.is_empty() && !key.contains(['"', '\'', '.', ' ']) && !key.is_ascii();
    if !bare {
        return None;
    }
    let meant = crate::diagnostic::meant(key, super::format::indicator_keys())?;
    let message = t!(
        "键名「{key}」须写成英文键名 {meant}（不加引号的中文不能作键名）",
        "the key `{key}` is written `{meant}` (an unquoted Chinese word is not a key)"
    );
    Some((head.replacen(key, meant, 1), message))
}

/// `text` split at each `separator` outside quoted strings.
fn outside_quotes_split(text: &str, separator: char) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut quote = None;
    let mut start = 0;
    for (at, c) in text.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, c) if c == separator => {
                parts.push(&text[start..at]);
                start = at + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

/// `key = value # comment` split into the part up to the value, the
/// value and the rest (the comment), outside quoted strings.
fn split_assignment(line: &str) -> Option<(&str, &str, &str)> {
    let mut quote = None;
    let mut equals = None;
    let mut comment = line.len();
    for (at, c) in line.char_indices() {
        // Inside quotes only the closing quote counts.
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '=') if equals.is_none() => equals = Some(at),
            (None, '#') => {
                comment = at;
                break;
            }
            _ => {}
        }
    }
    let equals = equals?;
    let value = &line[equals + 1..comment];
    let leading = value.len() - value.trim_start().len();
    let trailing = value.len() - value.trim_end().len();
    let start = equals + 1 + leading;
    let end = comment - trailing;
    (start < end).then(|| (&line[..start], &line[start..end], &line[end..]))
}

/// The line with every full-width character outside quoted text and
/// comments made half-width, and the characters that were.
fn half_width(line: &str) -> (String, Vec<char>) {
    let mut out = String::with_capacity(line.len());
    let mut changed = Vec::new();
    let mut note = |c: char, half: char| {
        if half != c && !changed.contains(&c) {
            changed.push(c);
        }
    };
    // The characters that close the string being read, if any: a string
    // opened with a full-width quote may be closed by either quote.
    let mut closing: Option<&[char]> = None;
    for (at, c) in line.char_indices() {
        if let Some(closers) = closing {
            let half = if closers.contains(&c) {
                closing = None;
                match c {
                    '」' | '』' => '"',
                    c => ascii_of(c).unwrap_or(c),
                }
            } else {
                c
            };
            note(c, half);
            out.push(half);
            continue;
        }
        if c == '#' {
            out.push_str(&line[at..]);
            break;
        }
        let opens_value = out.trim_end().ends_with(['=', '[', ',', '{']);
        if opens_value && let Some(closer) = corner_closer(c) {
            closing = Some(closer);
            note(c, '"');
            out.push('"');
            continue;
        }
        closing = match c {
            '"' => Some(&['"']),
            '\'' => Some(&['\'']),
            '“' | '”' | '＂' => Some(&['”', '“', '"', '＂']),
            '‘' | '’' | '＇' => Some(&['’', '‘', '\'', '＇']),
            _ => None,
        };
        let half = ascii_of(c).unwrap_or(c);
        note(c, half);
        out.push(half);
    }
    (out, changed)
}

/// The closing corner bracket of a value opened with `c` (`「0.5」`,
/// `『…』`): Chinese quotation marks, read as double quotes.
fn corner_closer(c: char) -> Option<&'static [char]> {
    match c {
        '「' => Some(&['」']),
        '『' => Some(&['』']),
        _ => None,
    }
}

/// Every full-width character of `text` made half-width (for a value
/// already inside quotes, where nothing is user text).
fn half_width_all(text: &str) -> (String, Vec<char>) {
    let mut changed = Vec::new();
    // ascii_of maps only full-width characters, never one to itself.
    let half = text
        .chars()
        .map(|c| match ascii_of(c) {
            Some(half) => {
                changed.push(c);
                half
            }
            None => c,
        })
        .collect();
    (half, changed)
}

/// The half-width character a Chinese input method's full-width one
/// stands for in TOML.
fn ascii_of(c: char) -> Option<char> {
    Some(match c {
        '\u{FF10}'..='\u{FF19}' => char::from(b'0' + (c as u32 - 0xFF10) as u8),
        '．' | '。' => '.',
        '，' | '、' => ',',
        '＝' => '=',
        '“' | '”' | '＂' => '"',
        '‘' | '’' | '＇' => '\'',
        '［' | '【' => '[',
        '］' | '】' => ']',
        '｛' => '{',
        '｝' => '}',
        '－' => '-',
        '＋' => '+',
        '％' => '%',
        '／' => '/',
        '＃' => '#',
        '\u{3000}' => ' ',
        _ => return None,
    })
}

/// Whether a corrected line is valid TOML on its own (a line inside
/// `[indicators]` or `[audit]` is).
fn parses(line: &str) -> bool {
    toml::de::DeTable::parse(line).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::audit::value_slips::{
        comma_decimal, exact_decimal, fraction, other_date, percentage,
    };

    fn corrected(line: &str) -> String {
        on_broken_line(line, None).expect(line).corrected.en
    }

    #[test]
    fn full_width_characters_are_made_half_width() {
        assert_eq!(corrected("\"4.3.b\" = ０.５"), "\"4.3.b\" = 0.5");
        assert_eq!(corrected("\"4.3.b\" = 0.５"), "\"4.3.b\" = 0.5");
        assert_eq!(corrected("“4.3.b” = 0.5"), "\"4.3.b\" = 0.5");
        assert_eq!(corrected("\"4.3.b\" ＝ 0.5"), "\"4.3.b\" = 0.5");
        assert_eq!(corrected("\"4.3.b\" = 0。5"), "\"4.3.b\" = 0.5");
        assert_eq!(
            corrected("assessors = [\"张三\"，\"李四\"]"),
            "assessors = [\"张三\",\"李四\"]"
        );
    }

    #[test]
    fn an_unquoted_chinese_key_becomes_the_key_it_names() {
        let in_table =
            |line| on_broken_line(line, Some("indicators.\"5.4\"")).map(|s| s.corrected.en);
        assert_eq!(
            in_table("删减 = \"公有链\"").as_deref(),
            Some("excluded = \"公有链\"")
        );
        let listed = on_broken_line("\"5.4\" = { 删减 = \"公有链\" }", Some("indicators"));
        assert_eq!(
            listed.map(|slip| slip.corrected.en).as_deref(),
            Some("\"5.4\" = { excluded = \"公有链\" }")
        );
        // A word that names no key is left to the parser's message.
        assert_eq!(in_table("苹果 = \"公有链\""), None);
        assert!(on_broken_line("\"5.4\" = { 苹果 = \"x\" }", Some("indicators")).is_none());
    }

    #[test]
    fn quoted_text_keeps_its_full_width_characters() {
        assert_eq!(
            corrected("note = “抽查３份，合格”"),
            "note = \"抽查３份，合格\""
        );
    }

    #[test]
    fn numbers_written_the_spreadsheet_way_are_rewritten() {
        assert_eq!(corrected("\"4.3.b\" = 0,5"), "\"4.3.b\" = 0.5");
        assert_eq!(corrected("\"4.3.b\" = 50%"), "\"4.3.b\" = 0.5");
        assert_eq!(
            corrected("\"4.3.b\" = 12.5%  # 抽查"),
            "\"4.3.b\" = 0.125  # 抽查"
        );
        assert_eq!(corrected("\"4.3.b\" = 100%"), "\"4.3.b\" = 1");
        assert_eq!(corrected("\"4.3.b\" = 5%"), "\"4.3.b\" = 0.05");
        assert_eq!(corrected("\"4.3.b\" = 3/8"), "\"4.3.b\" = 0.375");
        assert_eq!(corrected("\"4.3.b\" = 1／2"), "\"4.3.b\" = 0.5");
        assert_eq!(
            corrected("\"4.3.b\" = 1/3"),
            "\"4.3.b\" = { sampled = 3, nonconforming = 1 }"
        );
        assert_eq!(corrected("date = 2026/11/20"), "date = 2026-11-20");
        assert_eq!(corrected("date = 2026年1月5日"), "date = 2026-01-05");
        assert_eq!(corrected("service = 测试服务"), "service = \"测试服务\"");
    }

    #[test]
    fn each_slip_is_named_in_both_languages() {
        let slip = on_broken_line("\"4.3.b\" = ０，５", Some("indicators")).unwrap();
        assert!(
            slip.message.zh.contains("全角字符 「０」「，」「５」"),
            "{}",
            slip.message.zh
        );
        assert!(
            slip.message.zh.contains("小数点写成了逗号"),
            "{}",
            slip.message.zh
        );
        assert!(
            slip.message
                .en
                .contains("a comma used as the decimal point")
        );
        assert_eq!(slip.help().zh, "改为 \"4.3.b\" = 0.5");
        assert_eq!(slip.help().en, "write \"4.3.b\" = 0.5");
    }

    #[test]
    fn strings_where_numbers_belong_are_unquoted() {
        let line = "\"4.3.b\" = \"0.5\"";
        let slip = in_string(line, 10..15, "0.5", Expecting::Coefficient).unwrap();
        assert_eq!(slip.corrected.en, "\"4.3.b\" = 0.5");
        let line = "\"5.4\" = \"excluded\"";
        let slip = in_string(line, 8..18, "excluded", Expecting::Indicator).unwrap();
        assert_eq!(
            slip.corrected.zh,
            "\"5.4\" = { excluded = \"（删减理由）\" }"
        );
        let line = "date = \"2026/11/20\"";
        let slip = in_string(line, 7..19, "2026/11/20", Expecting::Date).unwrap();
        assert_eq!(slip.corrected.en, "date = 2026-11-20");
        let line = "date = \"2026-11-20\"";
        let slip = in_string(line, 7..19, "2026-11-20", Expecting::Date).unwrap();
        assert_eq!(slip.corrected.en, "date = 2026-11-20");
    }

    #[test]
    fn lines_that_are_not_slips_are_left_to_the_parser() {
        assert_eq!(on_broken_line("\"4.3.b\" = = 0.5", None), None);
        assert_eq!(on_broken_line("[indicators", None), None);
    }

    #[test]
    fn a_string_is_unquoted_only_when_it_is_what_belongs_there() {
        let slip = |text: &str, expecting| {
            let line = format!("key = \"{text}\"");
            in_string(&line, 6..line.len(), text, expecting).map(|slip| slip.corrected.en)
        };
        assert_eq!(slip("8", Expecting::Count).as_deref(), Some("key = 8"));
        // 0.5 is no count and true no coefficient, though both would parse.
        assert_eq!(slip("0.5", Expecting::Count), None);
        assert_eq!(slip("true", Expecting::Coefficient), None);
        assert_eq!(slip("abc", Expecting::Coefficient), None);
    }

    #[test]
    fn a_quoted_full_width_number_is_named_as_such() {
        let line = "\"4.3.b\" = \"０.５\"";
        let slip = in_string(line, 10..line.len(), "０.５", Expecting::Coefficient).unwrap();
        assert_eq!(slip.corrected.en, "\"4.3.b\" = 0.5");
        assert_eq!(slip.message.zh, "用了全角字符；数字和日期不加引号");
        let line = "\"4.3.b\" = \"0.5\"";
        let slip = in_string(line, 10..line.len(), "0.5", Expecting::Coefficient).unwrap();
        assert_eq!(slip.message.zh, "数字和日期不加引号");
    }

    #[test]
    fn plain_values_are_recognised_for_what_is_expected() {
        for coefficient in ["0.5", "+0.5", "-1", "1", "0.125"] {
            assert!(
                is_plain_value(coefficient, Expecting::Coefficient),
                "{coefficient}"
            );
        }
        for not in ["", ".5", "5.", "0.5a", "1e3", "a.5", "0,5"] {
            assert!(!is_plain_value(not, Expecting::Coefficient), "{not:?}");
        }
        assert!(is_plain_value("8", Expecting::Count));
        for not in ["", "8.0", "-1", "8a"] {
            assert!(!is_plain_value(not, Expecting::Count), "{not:?}");
        }
        assert!(is_plain_value("2026-11-20", Expecting::Date));
        assert!(!is_plain_value("2026/11/20", Expecting::Date));
        assert!(!is_plain_value("0.5", Expecting::Any));
    }

    #[test]
    fn each_value_slip_applies_only_where_it_can_be_meant() {
        let fixed = |value, expecting| fix_value(value, expecting).map(|(fixed, _)| fixed.en);
        assert_eq!(fixed("0,5", Expecting::Any).as_deref(), Some("0.5"));
        assert_eq!(fixed("0,5", Expecting::Date), None);
        assert_eq!(fixed("50%", Expecting::Count), None);
        assert_eq!(fixed("3/8", Expecting::Count), None);
        assert_eq!(fixed("2026/11/20", Expecting::Coefficient), None);
        assert_eq!(fixed("abc", Expecting::Coefficient), None);
        assert_eq!(fixed("excluded", Expecting::Date), None);
        // Outside an indicator, a bare word is text.
        assert_eq!(
            fixed("excluded", Expecting::Any).as_deref(),
            Some("\"excluded\"")
        );
        assert_eq!(
            fixed("不适用", Expecting::Indicator).as_deref(),
            Some("{ excluded = \"(the reason)\" }")
        );
        assert_eq!(fixed("0.5", Expecting::Any), None);
    }

    #[test]
    fn a_comma_decimal_needs_digits_on_both_sides() {
        assert_eq!(comma_decimal("0,5").as_deref(), Some("0.5"));
        assert_eq!(comma_decimal("12,25").as_deref(), Some("12.25"));
        for not in [",5", "0,", "a,5", "0,5a", "0", "0,5,5"] {
            assert_eq!(comma_decimal(not), None, "{not:?}");
        }
    }

    #[test]
    fn a_percentage_moves_the_point_two_places() {
        let cases = [
            ("50%", "0.5"),
            ("12.5%", "0.125"),
            ("100%", "1"),
            ("150%", "1.5"),
            ("5%", "0.05"),
            ("0%", "0"),
            ("0.5%", "0.005"),
            ("1234.56%", "12.3456"),
            ("50 %", "0.5"),
        ];
        for (written, decimal) in cases {
            assert_eq!(percentage(written).as_deref(), Some(decimal), "{written}");
        }
        for not in ["%", "50", "a%", "5a%", "5.a%", ".5%", "-5%"] {
            assert_eq!(percentage(not), None, "{not:?}");
        }
    }

    #[test]
    fn a_fraction_is_nonconforming_of_sampled() {
        assert_eq!(exact_decimal(3, 8).as_deref(), Some("0.375"));
        assert_eq!(exact_decimal(1, 2).as_deref(), Some("0.5"));
        assert_eq!(exact_decimal(2, 2).as_deref(), Some("1"));
        assert_eq!(exact_decimal(0, 7).as_deref(), None);
        assert_eq!(exact_decimal(0, 8).as_deref(), Some("0"));
        assert_eq!(exact_decimal(7, 40).as_deref(), Some("0.175"));
        assert_eq!(exact_decimal(1, 3), None);
        assert_eq!(exact_decimal(1, 1 << 63).as_deref(), None);
        assert_eq!(fraction("3/8"), Some((3, 8)));
        assert_eq!(fraction(" 3 / 8 "), Some((3, 8)));
        assert_eq!(fraction("3/3"), Some((3, 3)));
        assert_eq!(fraction("0/8"), Some((0, 8)));
        for not in ["9/8", "3/0", "0/0", "a/8", "3/b", "3", "-1/8"] {
            assert_eq!(fraction(not), None, "{not:?}");
        }
    }

    #[test]
    fn a_date_written_another_way_is_rewritten_only_when_it_is_one() {
        let cases = [
            ("2026/11/20", "2026-11-20"),
            ("2026.11.20", "2026-11-20"),
            ("2026年1月5日", "2026-01-05"),
            ("2026-1-5", "2026-01-05"),
            ("1000/1/1", "1000-01-01"),
            ("2026/12/31", "2026-12-31"),
        ];
        for (written, iso) in cases {
            assert_eq!(other_date(written).as_deref(), Some(iso), "{written}");
        }
        let not_dates = [
            "2026-11-20", // already as TOML writes it
            "999/1/1",
            "2026/0/1",
            "2026/13/1",
            "2026/1/0",
            "2026/1/32",
            "02026/1/1",
            "2026/012/1",
            "2026/1/001",
            "2026//1",
            "2026/1",
            "2026/1/1/1",
            "2026/a/1",
        ];
        for not in not_dates {
            assert_eq!(other_date(not), None, "{not:?}");
        }
    }

    #[test]
    fn an_iso_date_has_the_exact_shape() {
        assert!(is_iso_date("2026-11-20"));
        for not in [
            "2026/11/20",
            "2026-1-20x",
            "2026-11-2",
            "2026-11-200",
            "20261120xx",
        ] {
            assert!(!is_iso_date(not), "{not:?}");
        }
    }

    #[test]
    fn bare_text_is_words_that_toml_would_not_read_otherwise() {
        for text in ["测试服务", "abc", "Ltd"] {
            assert!(is_bare_text(text), "{text:?}");
        }
        for not in [
            "", "1abc", "a=b", "a\"b", "it's", "true", "false", "inf", "nan",
        ] {
            assert!(!is_bare_text(not), "{not:?}");
        }
    }

    #[test]
    fn an_assignment_splits_outside_quotes_and_before_a_comment() {
        let cases = [
            ("key =  0,5  # c", ("key =  ", "0,5", "  # c")),
            ("\"a=b\" = 1", ("\"a=b\" = ", "1", "")),
            ("'a#b' = 1 # c", ("'a#b' = ", "1", " # c")),
            ("key = { sampled = 3 }", ("key = ", "{ sampled = 3 }", "")),
            ("key=x", ("key=", "x", "")),
        ];
        for (line, parts) in cases {
            assert_eq!(split_assignment(line), Some(parts), "{line}");
        }
        for not in ["key =", "key = # c", "key = ", "[audit]", "\"a=b\""] {
            assert_eq!(split_assignment(not), None, "{not:?}");
        }
    }

    #[test]
    fn full_width_characters_are_listed_once_each() {
        let (half, changed) = half_width("x = ０．０");
        assert_eq!(half, "x = 0.0");
        assert_eq!(changed, ['０', '．']);
        assert_eq!(half_width("x = 0.5"), ("x = 0.5".to_string(), vec![]));
    }

    #[test]
    fn text_in_every_kind_of_quote_and_comments_keep_full_width_characters() {
        let cases = [
            ("note = \"３份，合格\"", "note = \"３份，合格\""),
            ("note = '３份，合格'", "note = '３份，合格'"),
            ("note = “３份，合格”", "note = \"３份，合格\""),
            ("note = ‘３份，合格’", "note = '３份，合格'"),
            ("x = ０ # 注：３份", "x = 0 # 注：３份"),
        ];
        for (line, half) in cases {
            assert_eq!(half_width(line).0, half, "{line}");
        }
    }

    #[test]
    fn a_quoted_value_is_made_half_width_throughout() {
        let (half, changed) = half_width_all("０.５");
        assert_eq!((half.as_str(), changed), ("0.5", vec!['０', '５']));
        assert_eq!(half_width_all("0.5"), ("0.5".to_string(), vec![]));
    }

    #[test]
    fn every_full_width_character_has_its_half_width_one() {
        let full = "０１２３４５６７８９．。，、＝“”＂‘’＇［【］】｛｝－＋％／＃\u{3000}";
        let half: String = full.chars().map(|c| ascii_of(c).expect("mapped")).collect();
        assert_eq!(half, "0123456789..,,=\"\"\"'''[[]]{}-+%/# ");
        assert_eq!(ascii_of('a'), None);
        assert_eq!(ascii_of('中'), None);
    }

    #[test]
    fn verdict_words_are_the_coefficient_they_state() {
        let fixed = |value, expecting| fix_value(value, expecting).map(|(fixed, _)| fixed.en);
        for word in ["不符合", "不合格", "Nonconforming", "fail"] {
            assert_eq!(
                fixed(word, Expecting::Indicator).as_deref(),
                Some("1"),
                "{word}"
            );
            assert_eq!(
                fixed(word, Expecting::Coefficient).as_deref(),
                Some("1"),
                "{word}"
            );
        }
        for word in ["符合", "合格", "conforms"] {
            assert_eq!(
                fixed(word, Expecting::Indicator).as_deref(),
                Some("0"),
                "{word}"
            );
        }
        // Outside an indicator a verdict word is only text.
        assert_eq!(fixed("符合", Expecting::Any).as_deref(), Some("\"符合\""));
        assert_eq!(
            fixed("部分符合", Expecting::Indicator).as_deref(),
            Some("{ coefficient = \"?\", note = \"部分符合\" }")
        );
    }

    #[test]
    fn what_belongs_at_a_key_follows_its_table() {
        let indicators = Some("indicators");
        assert_eq!(
            Expecting::at(indicators, "\"4.3.b\" "),
            Expecting::Indicator
        );
        assert_eq!(
            Expecting::at(indicators, "\"4.3.b\".coefficient"),
            Expecting::Coefficient
        );
        assert_eq!(
            Expecting::at(Some("indicators.\"4.3.b\""), "sampled"),
            Expecting::Count
        );
        assert_eq!(Expecting::at(Some("audit"), "date"), Expecting::Date);
        assert_eq!(Expecting::at(Some("audit"), "service"), Expecting::Text);
        assert_eq!(Expecting::at(Some("bonus"), "practice"), Expecting::Text);
        assert_eq!(Expecting::at(None, "anything"), Expecting::Any);
        assert_eq!(
            on_broken_line("\"4.6.b\" = 不符合", indicators).map(|slip| slip.corrected.en),
            Some("\"4.6.b\" = 1".to_string())
        );
        assert_eq!(
            on_broken_line("\"4.6.b\" = { coefficient = 50%, note = 抽查 }", indicators)
                .map(|slip| slip.corrected.en),
            Some("\"4.6.b\" = { coefficient = 0.5, note = \"抽查\" }".to_string())
        );
    }

    #[test]
    fn a_correction_is_offered_only_when_it_parses() {
        assert!(parses("\"4.3.b\" = 0.5"));
        assert!(!parses("\"4.3.b\" = = 0.5"));
    }
}
