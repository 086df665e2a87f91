//! A cell's value as the audit takes it: text trimmed or kept whole,
//! numbers typed as text, dates of the calendar, TOML strings.

use super::unpack::Cells;
use calamine::Data;

/// A cell's text as a person would read it.
pub(super) fn text_of(data: &Data) -> Option<String> {
    match data {
        _ if is_blank(data) => None,
        Data::Empty => None,
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            Some(text.trim().to_string())
        }
        Data::Float(number) => Some(shown_number(*number)),
        Data::Int(number) => Some(number.to_string()),
        // As a spreadsheet shows them: TRUE, #N/A.
        Data::Bool(value) => Some(value.to_string().to_uppercase()),
        Data::DateTime(date) => Some(shown_number(date.as_f64())),
        Data::Error(error) => Some(error.to_string()),
    }
}

/// Free text (a record, a note) as the assessor wrote it: a cell holding
/// only white space is empty, any other is kept whole, its spaces at
/// either end included, as a TOML audit keeps them.
pub(super) fn written_text(data: &Data) -> Option<String> {
    match data {
        Data::String(text) if !text.trim().is_empty() => Some(text.clone()),
        other => text_of(other),
    }
}

/// A numeric cell's number: the shortest decimal that reads back as the
/// same double (what a spreadsheet shows for 0.3); a whole number too
/// large for an exact integer in exponent form, as a spreadsheet shows
/// it (1E+308), so that it reads as the number it is, not as a
/// 309-digit integer.
pub(super) fn shown_number(number: f64) -> String {
    if number.is_finite() && number.fract() == 0.0 && number.abs() >= 1e15 {
        format!("{number:E}").replace('E', "E+")
    } else {
        number.to_string()
    }
}

/// The text of the cell at (`row`, `column`), if it holds any.
pub(super) fn text_at(sheet: &Cells<Data>, row: u32, column: u32) -> Option<String> {
    sheet.get(row, column).and_then(text_of)
}

/// Whether a cell holds nothing: empty, or only spaces.
pub(super) fn is_blank(data: &Data) -> bool {
    match data {
        Data::Empty => true,
        Data::String(text) => text.trim().is_empty(),
        _ => false,
    }
}

/// A TOML string literal.
pub(super) fn quoted(text: &str) -> String {
    // Ids and numbers typed as text, the most of what a form holds, are
    // written as the toml crate writes them, without its machinery.
    let plain = |c: char| c.is_ascii_alphanumeric() || " .-_+:/".contains(c);
    if text.chars().all(plain) {
        return format!("\"{text}\"");
    }
    toml::Value::String(text.to_string()).to_string()
}

/// A number as written in a cell: numbers as they are, text holding a
/// number by the form's own rules ([`plain_number`]) as that number,
/// anything else as text, which validation then explains; never read as
/// a TOML literal (`1_0`, `0x1`, `inf` are not numbers in a form).
pub(super) fn number(data: &Data) -> Option<String> {
    let text = text_of(data)?;
    let finite = |number: &f64| number.is_finite();
    if matches!(data, Data::Int(_)) || matches!(data, Data::Float(number) if finite(number)) {
        return Some(text);
    }
    Some(plain_number(&text).unwrap_or_else(|| quoted(&text)))
}

/// Text that is a number as an assessor writes one: decimal digits, at
/// most one point with digits on both sides, optionally a sign; as a
/// number literal without leading zeros (`010` is 10).
pub(super) fn plain_number(text: &str) -> Option<String> {
    let (sign, digits) = match text.strip_prefix(['+', '-']) {
        Some(rest) => (&text[..1], rest),
        None => ("", text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (digits, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !fraction.is_none_or(all_digits) {
        return None;
    }
    let whole = whole.trim_start_matches('0');
    let whole = if whole.is_empty() { "0" } else { whole };
    Some(match fraction {
        Some(fraction) => format!("{sign}{whole}.{fraction}"),
        None => format!("{sign}{whole}"),
    })
}

/// A date cell, or text written as people write dates (2026-03-15,
/// 2026/3/15, 2026.3.15, 2026年3月15日), as a TOML date; anything else
/// as text, which validation explains.
pub(super) fn date(data: &Data) -> Option<String> {
    if let Data::DateTime(serial) = data {
        // A serial no calendar day is (negative, huge, infinite, NaN) is
        // shown as the number it is, for validation to refuse at its cell:
        // never read as another day, nor as a date left empty.
        let serial = serial.as_f64();
        return Some(
            calendar_day(serial)
                .map_or_else(|| quoted(&shown_number(serial)), |day| day.to_string()),
        );
    }
    let text = text_of(data)?;
    Some(written_date(&text).map_or_else(|| quoted(&text), |date| date.to_string()))
}

/// The last date serial a spreadsheet shows as a date: 9999-12-31.
pub(super) const LAST_SERIAL: f64 = 2_958_465.0;

/// The day a date cell's serial is, counted from 1899-12-30 as
/// spreadsheets count (from 1 March 1900 on, where Excel's 1900 leap day
/// no longer matters); none for a serial before 0 or after 9999-12-31,
/// infinite or not a number, which no calendar day is.
pub(super) fn calendar_day(serial: f64) -> Option<jiff::civil::Date> {
    let days = serial.floor();
    if !(0.0..=LAST_SERIAL).contains(&days) {
        return None;
    }
    // Exact: a whole number from 0 to 2958465.
    let span = jiff::Span::new().try_days(days as i64).ok()?;
    jiff::civil::date(1899, 12, 30).checked_add(span).ok()
}

/// The calendar day `text` names when written year, month, day: with `-`,
/// `/` or `.` between them, or as 2026年3月15日; a date and time of
/// midnight (`2026-03-15T00:00:00`, as some programs store a date cell)
/// is its day. No other order is read: 03/04/2026 could be either month.
pub(super) fn written_date(text: &str) -> Option<jiff::civil::Date> {
    let text = text.strip_suffix("T00:00:00").unwrap_or(text);
    let parts: Vec<&str> = match text.strip_suffix('日') {
        Some(rest) => {
            let (year, rest) = rest.split_once('年')?;
            let (month, day) = rest.split_once('月')?;
            vec![year, month, day]
        }
        None => {
            let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
            text.split(separator).collect()
        }
    };
    let [year, month, day] = parts[..] else {
        return None;
    };
    let digits = |part: &str, most: usize| {
        (!part.is_empty() && part.len() <= most && part.bytes().all(|b| b.is_ascii_digit()))
            .then(|| part.parse::<i16>().ok())
            .flatten()
    };
    let (year, month, day) = (
        digits(year, 4).filter(|_| year.len() == 4)?,
        digits(month, 2)?,
        digits(day, 2)?,
    );
    jiff::civil::Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_quoted_as_the_toml_crate_quotes_it() {
        for text in [
            "4.1.a",
            "9.200.x",
            "0.5",
            "-1",
            "a b_c+d:e/f",
            "",
            "ALIAS-1",
        ] {
            assert_eq!(quoted(text), toml::Value::String(text.into()).to_string());
        }
        // Anything else goes to the toml crate, escapes and all.
        assert_eq!(
            quoted("a\"b"),
            toml::Value::String("a\"b".into()).to_string()
        );
    }

    #[test]
    fn a_blank_cell_is_empty_and_text_is_trimmed() {
        assert_eq!(text_of(&Data::String("   ".into())), None);
        assert_eq!(text_of(&Data::String(" 0.5 ".into())), Some("0.5".into()));
        assert_eq!(text_of(&Data::Empty), None);
    }

    #[test]
    fn numbers_typed_as_text_are_read_as_numbers() {
        assert_eq!(number(&Data::String("0.5".into())).as_deref(), Some("0.5"));
        assert_eq!(number(&Data::String("3".into())).as_deref(), Some("3"));
        assert_eq!(number(&Data::Float(0.25)).as_deref(), Some("0.25"));
        assert_eq!(number(&Data::Int(8)).as_deref(), Some("8"));
        assert_eq!(number(&Data::String("010".into())).as_deref(), Some("10"));
        assert_eq!(
            number(&Data::String("00.50".into())).as_deref(),
            Some("0.50")
        );
        // TOML's own writings are not the form's numbers.
        for toml_only in [
            "1_0", "0.2_5", "0x1", "1e0", "inf", "nan", ".5", "5.", "1.2.3",
        ] {
            assert_eq!(
                number(&Data::String(toml_only.into())),
                Some(quoted(toml_only)),
                "{toml_only}"
            );
        }
        // Anything else stays text, for validation to explain.
        assert_eq!(
            number(&Data::String("半".into())).as_deref(),
            Some("\"半\"")
        );
    }

    #[test]
    fn dates_are_read_when_written_year_month_day() {
        for (written, read) in [
            ("2026-03-15", "2026-03-15"),
            ("2026-3-15", "2026-03-15"),
            ("2026/03/15", "2026-03-15"),
            ("2026.3.5", "2026-03-05"),
            ("2026年11月20日", "2026-11-20"),
            ("2026年3月5日", "2026-03-05"),
            ("2026-03-15T00:00:00", "2026-03-15"),
        ] {
            assert_eq!(date(&Data::String(written.into())).as_deref(), Some(read));
        }
        // Another order, a day not in the calendar, mixed separators, a
        // time: text, for validation to explain.
        for other in [
            "15.03.2026",
            "03/15/2026",
            "2026-02-30",
            "2026年2月30日",
            "2026/03-15",
            "26-03-15",
            "2026-03-15 10:00",
            "2026年3月",
        ] {
            assert_eq!(
                date(&Data::String(other.into())),
                Some(format!("\"{other}\"")),
                "{other}"
            );
        }
    }
}
