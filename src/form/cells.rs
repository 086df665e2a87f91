//! Naming cells as spreadsheets do (`评分表!D23`, `'Sheet 1'!A1`), and
//! ordering problems by the cell they name, as the sheets are read.

use std::fmt::Write;

pub(super) fn cell_order(key: Option<&str>, first_sheet: Option<&str>) -> (bool, u32, u32) {
    let Some(key) = key else {
        return (false, 0, 0);
    };
    let (sheet, reference) = split_reference(key);
    let letters = reference.trim_end_matches(|c: char| c.is_ascii_digit());
    let column = if letters.bytes().all(|b| b.is_ascii_uppercase()) {
        (letters.bytes()).fold(0u32, |column, letter| {
            column
                .saturating_mul(26)
                .saturating_add(u32::from(letter - b'A') + 1)
        })
    } else {
        0
    };
    let row = reference[letters.len()..].parse().unwrap_or(0);
    (Some(sheet) != first_sheet, row, column)
}

/// A reference's sheet, as written (quoted or not), and its cell: the
/// cell follows the quoted name's closing quote, else the last `!`.
pub(super) fn split_reference(key: &str) -> (&str, &str) {
    if let Some(quoted) = key.strip_prefix('\'') {
        // The closing quote is one not followed by another ('' is a quote).
        let mut chars = quoted.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c != '\'' {
                continue;
            }
            if chars.peek().is_some_and(|(_, next)| *next == '\'') {
                chars.next();
                continue;
            }
            let end = 1 + at + 1;
            let cell = key[end..].strip_prefix('!').unwrap_or("");
            return (&key[..end], cell);
        }
        return (key, "");
    }
    key.rsplit_once('!').unwrap_or((key, ""))
}

/// A sheet's name as a reference writes it: quoted as Excel quotes it
/// (`'评分!表'`, a quote in it doubled) unless it is only letters, digits,
/// `_` and `.`, not starting with a digit nor looking like a cell.
pub(super) fn sheet_reference(name: &str) -> String {
    let plain = name
        .chars()
        .all(|c| c.is_alphanumeric() || c == '_' || c == '.')
        && !name.starts_with(|c: char| c.is_ascii_digit())
        && !looks_like_a_cell(name);
    if plain && !name.is_empty() {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// Whether `name` reads as a cell reference (`A1`, `r1c1`, `R`, `C`).
pub(super) fn looks_like_a_cell(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let letters = upper.trim_end_matches(|c: char| c.is_ascii_digit());
    let a1 = !letters.is_empty()
        && letters.len() < upper.len()
        && letters.len() <= 3
        && letters.bytes().all(|b| b.is_ascii_uppercase());
    a1 || upper == "R"
        || upper == "C"
        || upper.starts_with('R')
            && upper[1..].starts_with(|c: char| c.is_ascii_digit() || c == 'C')
}

/// `评分表!D23` for a 0-based row and column. Called for every cell read
/// (the TOML remembers each one's cell), so the sheet's reference is
/// kept from the last call rather than worked out again.
pub(super) fn cell_name(sheet: &str, row: u32, column: u32) -> String {
    thread_local! {
        static LAST: std::cell::RefCell<(String, String)> = const {
            std::cell::RefCell::new((String::new(), String::new()))
        };
    }
    LAST.with_borrow_mut(|(name, reference)| {
        if name != sheet || reference.is_empty() {
            *reference = sheet_reference(sheet);
            sheet.clone_into(name);
        }
        let mut cell = String::with_capacity(reference.len() + 12);
        cell.push_str(reference);
        cell.push('!');
        push_column_letters(&mut cell, column);
        let _ = write!(cell, "{}", u64::from(row) + 1);
        cell
    })
}

/// Column `column` (0-based) as a spreadsheet names it: A, Z, AA, XFD.
pub(super) fn push_column_letters(out: &mut String, column: u32) {
    let mut letters = [0u8; 8];
    let mut at = letters.len();
    let mut left = u64::from(column) + 1;
    while left > 0 && at > 0 {
        at -= 1;
        let digit = (left - 1) % 26;
        letters[at] = b'A' + digit as u8;
        left = (left - 1) / 26;
    }
    out.extend(letters[at..].iter().map(|b| char::from(*b)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_ordered_by_sheet_then_row_then_column() {
        let first = Some("评分表");
        let order = |key: &str| cell_order(Some(key), first);
        assert!(order("评分表!B2") < order("评分表!A3"));
        assert!(order("评分表!A3") < order("评分表!B3"));
        assert!(order("评分表!Z9") < order("评分表!AA9"));
        assert!(order("评分表!A100") < order("特别扣分与加分!A2"));
        assert!(cell_order(None, first) < order("评分表!A1"));
        assert!(order("评分表") < order("评分表!A1"));
        // Whatever the sheet's name or the reference, never an overflow.
        let first = Some("'评分!表'");
        let order = |key: &str| cell_order(Some(key), first);
        assert!(order("'评分!表'!D9") < order("'评分!表'!D11"));
        assert!(order("'评分!表'!Z99") < order("特别扣分与加分!A1"));
        for odd in [
            "x!",
            "!",
            "'",
            "''!a1",
            "评分表!zz9",
            "a!b!c",
            "评分表!XFDXFDXFD1",
        ] {
            let _ = order(odd);
        }
    }

    #[test]
    fn a_sheet_is_quoted_in_a_reference_as_excel_quotes_it() {
        assert_eq!(cell_name("评分表", 10, 3), "评分表!D11");
        assert_eq!(cell_name("Sheet2", 0, 0), "Sheet2!A1");
        assert_eq!(cell_name("评分!表", 10, 3), "'评分!表'!D11");
        assert_eq!(
            cell_name("Deductions and bonus", 0, 0),
            "'Deductions and bonus'!A1"
        );
        assert_eq!(cell_name("it's", 0, 0), "'it''s'!A1");
        assert_eq!(cell_name("A1", 0, 0), "'A1'!A1");
        assert_eq!(split_reference("'it''s'!B2"), ("'it''s'", "B2"));
    }
}
