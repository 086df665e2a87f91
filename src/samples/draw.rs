//! A reproducible draw (consistent sampling): each item ranked by the
//! SHA-256 of `SEED:item`, lowest digest first, and the first n taken.
//! The same seed draws the same items, and a larger sample keeps every
//! item of a smaller one, so a draw can be repeated and checked by anyone
//! with the list and the seed, with any SHA-256 tool.

use crate::diagnostic::{Diagnostic, InputError};
use crate::message::t;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// The items a list file names, one a line, in file order: each line
/// trimmed, blank lines passed over; an item listed twice is an error at
/// its second line naming the first, every one at once.
pub fn listed_items(file: &str, text: &str) -> Result<Vec<String>, InputError> {
    let mut items = Vec::new();
    let mut first_line: HashMap<&str, usize> = HashMap::new();
    let mut problems = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split('\n').enumerate() {
        let start = offset;
        offset += line.len() + 1;
        let item = line.trim();
        if item.is_empty() {
            continue;
        }
        let at = start + (line.len() - line.trim_start().len());
        match first_line.get(item) {
            Some(first) => problems.push(
                Diagnostic::new(t!(
                    "“{item}”已在第 {first} 行列出：每个样本只列一次",
                    "\"{item}\" is listed on line {first} already: list each item once"
                ))
                .at(at..at + item.len()),
            ),
            None => {
                first_line.insert(item, index + 1);
                items.push(item.to_string());
            }
        }
    }
    match problems.is_empty() {
        true => Ok(items),
        false => Err(InputError::new(file, text, problems)),
    }
}

/// The first `size` of `items` ranked by the SHA-256 of `SEED:item` (its
/// UTF-8 bytes), lowest digest first as a big-endian number; all of them
/// when `size` is larger than the list.
pub fn drawn<'a>(seed: &str, items: &'a [String], size: usize) -> Vec<&'a str> {
    let mut ranked: Vec<([u8; 32], &str)> = (items.iter())
        .map(|item| {
            let digest = Sha256::digest(format!("{seed}:{item}").as_bytes());
            (digest.into(), item.as_str())
        })
        .collect();
    // Digests of distinct items differ; ties would need a SHA-256 collision.
    ranked.sort_unstable();
    ranked
        .into_iter()
        .take(size)
        .map(|(_, item)| item)
        .collect()
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
}
