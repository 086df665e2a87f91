//! A reproducible draw (consistent sampling): each item ranked by the
//! SHA-256 of `SEED:item`, lowest digest first, and the first n taken.
//! The same seed draws the same items, and a larger sample keeps every
//! item of a smaller one, so a draw can be repeated and checked by anyone
//! with the list and the seed, with any SHA-256 tool.

use crate::diagnostic::{Diagnostic, InputError, MAX_REPORTED};
use crate::message::t;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The items a list file names, one a line, in file order: each line
/// trimmed, blank lines passed over, a byte order mark at the start
/// dropped (Notepad and Excel write one; kept, it would become part of
/// the first item and of its digest). An item listed twice, or holding
/// a control character (a NUL of a UTF-16 file, a bare carriage return
/// of an old Mac file), is an error at its line, the first
/// [`MAX_REPORTED`] listed and the rest counted; a list of no item is one
/// too.
pub fn listed_items(file: &str, text: &str) -> Result<Vec<String>, InputError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let skipped = text.len() - body.len();
    let mut items = Vec::new();
    let mut first_line: HashMap<String, (usize, &str)> = HashMap::new();
    let (mut problems, mut unlisted) = (Vec::new(), 0);
    let mut offset = skipped;
    for (index, line) in body.split('\n').enumerate() {
        let start = offset;
        offset += line.len() + 1;
        let item = line.trim();
        if item.is_empty() {
            continue;
        }
        let at = start + (line.len() - line.trim_start().len());
        let key = crate::text::half_width(item);
        let problem = match first_line.get(&key) {
            _ if item.chars().any(char::is_control) => Some(t!(
                "这一项含控制字符（如 NUL 或单独的回车）：清单应为 UTF-8 文本，每行一项",
                "this item holds a control character (a NUL, a lone carriage return): a list is UTF-8 text, one item a line"
            )),
            Some((first, written)) if *written == item => Some(t!(
                "“{item}”已在第 {first} 行列出：每个样本只列一次",
                "\"{item}\" is listed on line {first} already: list each item once"
            )),
            Some((first, written)) => Some(t!(
                "“{item}”就是第 {first} 行的“{written}”，只是用了全角字符：每个样本只列一次",
                "\"{item}\" is \"{written}\" of line {first} typed in full-width characters: list each item once"
            )),
            None => {
                first_line.insert(key, (index + 1, item));
                items.push(item.to_string());
                None
            }
        };
        match (problem, problems.len() < MAX_REPORTED) {
            (Some(message), true) => {
                problems.push(Diagnostic::new(message).at(at..at + item.len()))
            }
            (Some(_), false) => unlisted += 1,
            (None, _) => {}
        }
    }
    if !problems.is_empty() || unlisted > 0 {
        return Err(InputError::new(file, text, problems).with_omitted(unlisted));
    }
    if items.is_empty() {
        return Err(InputError::whole_file(
            file,
            t!(
                "清单中没有任何项：每行写一项（如一条记录的编号）",
                "the list holds no item: write one a line (a record's number, say)"
            ),
        ));
    }
    Ok(items)
}

/// The first `size` of `items` ranked by the SHA-256 of `SEED:item` (its
/// UTF-8 bytes), lowest digest first as a big-endian number; all of them
/// when `size` is larger than the list.
pub fn drawn<'a>(seed: &str, items: &'a [String], size: usize) -> Vec<&'a str> {
    (ranking(seed, items).into_iter())
        .take(size)
        .map(|at| items[at].as_str())
        .collect()
}

/// The places of `items` in the order `seed` ranks them (see [`drawn`]).
/// The seed's part is hashed once and its state reused for each item, so
/// a long seed costs once, not once an item.
pub(crate) fn ranking(seed: &str, items: &[String]) -> Vec<usize> {
    let mut prefix = Sha256::new();
    prefix.update(seed.as_bytes());
    prefix.update(b":");
    let mut ranked: Vec<([u8; 32], usize)> = (items.iter().enumerate())
        .map(|(at, item)| {
            let mut hasher = prefix.clone();
            hasher.update(item.as_bytes());
            (hasher.finalize().into(), at)
        })
        .collect();
    // Digests of distinct items differ; ties would need a SHA-256 collision.
    ranked.sort_unstable();
    ranked.into_iter().map(|(_, at)| at).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(count: usize) -> Vec<String> {
        (1..=count).map(|n| format!("CR-{n:03}")).collect()
    }

    #[test]
    fn the_draw_ranks_by_the_sha256_of_seed_and_item() {
        // Ranked independently (Python's hashlib, sha256("2026-audit:CR-007")…).
        let expected = ["CR-007", "CR-006", "CR-001", "CR-002", "CR-003"];
        assert_eq!(drawn("2026-audit", &items(10), 5), expected);
    }

    #[test]
    fn a_larger_draw_keeps_the_smaller_and_another_seed_draws_otherwise() {
        let list = items(200);
        let small = drawn("s", &list, 10);
        let large = drawn("s", &list, 50);
        assert_eq!(&large[..10], &small[..]);
        assert_ne!(drawn("t", &list, 10), small);
        assert_eq!(drawn("s", &list, 500).len(), 200);
    }

    #[test]
    fn a_list_passes_blank_lines_over_and_refuses_an_item_twice() {
        let text = "CR-001\n\n  CR-002 \r\nCR-001\n";
        let error = listed_items("pool.txt", text).unwrap_err();
        assert_eq!(error.problems.len(), 1);
        assert_eq!(error.problems[0].position, Some((4, 1)));
        assert_eq!(
            error.problems[0].diagnostic.message.en,
            "\"CR-001\" is listed on line 1 already: list each item once"
        );
        let fine = listed_items("pool.txt", "CR-001\n\n  CR-002 \r\n").unwrap();
        assert_eq!(fine, ["CR-001", "CR-002"]);
    }

    #[test]
    fn a_byte_order_mark_is_no_part_of_the_first_item() {
        let items = listed_items("pool.txt", "\u{feff}CR-001\nCR-002\n").unwrap();
        assert_eq!(items, ["CR-001", "CR-002"]);
        let twice = listed_items("pool.txt", "\u{feff}CR-001\nCR-001\n").unwrap_err();
        assert_eq!(twice.count(), 1);
    }

    #[test]
    fn control_characters_an_empty_list_and_many_duplicates_are_refused() {
        let utf16 = listed_items("pool.txt", "C\0R\0-\0\x31\0\n").unwrap_err();
        assert!(
            utf16.problems[0]
                .diagnostic
                .message
                .en
                .contains("control character")
        );
        let old_mac = listed_items("pool.txt", "CR-001\rCR-002\r").unwrap_err();
        assert_eq!(old_mac.count(), 1);
        let empty = listed_items("pool.txt", "\n  \n\t\r\n").unwrap_err();
        assert!(
            empty.problems[0]
                .diagnostic
                .message
                .en
                .starts_with("the list holds no item")
        );
        // A million of one item: the first 100 listed, the rest counted.
        let million = "A\n".repeat(1_000_000);
        let error = listed_items("pool.txt", &million).unwrap_err();
        assert_eq!(error.problems.len(), MAX_REPORTED);
        assert_eq!(error.count(), 999_999);
    }
}
