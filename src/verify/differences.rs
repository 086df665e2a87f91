//! Where a stored result and the one computed again differ: every key
//! added or dropped, null or not, and every value, each shown shortened.

use serde_json::Value;

/// Fields that may legitimately differ: the audit's path as typed on the
/// command line, and the version of bscore that computed the result.
pub const MAY_DIFFER: [&str; 2] = ["file", "provenance.bscore_version"];

/// One way a stored result disagrees with the recomputed one.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// JSON path of the field, such as `[1].indicators[3].earned_exact`.
    pub path: String,
    /// The stored value as compact JSON, shortened ([`shown_value`]);
    /// `None` when the stored result has no such key.
    pub recorded: Option<String>,
    /// The recomputed value, likewise; `None` when the recomputed result
    /// has no such key (the stored one added it).
    pub recomputed: Option<String>,
}

/// Longest value a difference shows, in bytes of its JSON. A value added
/// to a result may be megabytes: shown whole, it would be copied and
/// printed whole (an 8 MB array: seconds, a gigabyte, 5 MB of verdict).
pub(super) const VALUE_SHOWN_BYTES: usize = 120;

/// `value` as compact JSON, cut after [`VALUE_SHOWN_BYTES`] (where a
/// character starts) with `…`. Written through a writer that stops
/// there, so that a huge value is never copied or written out whole.
pub(super) fn shown_value(value: &Value) -> String {
    let mut shown = Capped(Vec::with_capacity(VALUE_SHOWN_BYTES));
    let cut = serde_json::to_writer(&mut shown, value).is_err();
    let bytes = shown.0;
    let whole = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        // Cut inside a character: up to where it starts.
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or_default(),
    };
    match cut {
        true => format!("{whole}…"),
        false => whole.to_string(),
    }
}

/// Bytes, up to [`VALUE_SHOWN_BYTES`]; a write past them fails, which
/// stops the serializer.
pub(super) struct Capped(Vec<u8>);

impl std::io::Write for Capped {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let room = VALUE_SHOWN_BYTES - self.0.len();
        if bytes.len() > room {
            self.0.extend_from_slice(&bytes[..room]);
            return Err(std::io::Error::other("value shown in part"));
        }
        self.0.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Every difference between a stored and a recomputed result, but for the
/// fields that may differ; paths start with `prefix`.
pub fn differences(prefix: &str, recorded: &Value, recomputed: &Value) -> Vec<Difference> {
    let mut found = Vec::new();
    walk(prefix, "", recorded, recomputed, &mut found);
    found
}

pub(super) fn walk(
    prefix: &str,
    path: &str,
    recorded: &Value,
    recomputed: &Value,
    found: &mut Vec<Difference>,
) {
    // Equal values hold no difference: compared without building a path
    // for every field (a batch of 3,000 results has millions).
    if MAY_DIFFER.contains(&path) || recorded == recomputed {
        return;
    }
    match (recorded, recomputed) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let child = match path.is_empty() {
                    true => key.clone(),
                    false => format!("{path}.{key}"),
                };
                match (a.get(key), b.get(key)) {
                    (Some(x), Some(y)) => walk(prefix, &child, x, y, found),
                    (x, y) if !MAY_DIFFER.contains(&child.as_str()) => found.push(Difference {
                        path: joined(prefix, &child),
                        recorded: x.map(shown_value),
                        recomputed: y.map(shown_value),
                    }),
                    _ => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                walk(prefix, &format!("{path}[{index}]"), x, y, found);
            }
        }
        _ if recorded != recomputed => found.push(Difference {
            path: joined(prefix, path),
            recorded: Some(shown_value(recorded)),
            recomputed: Some(shown_value(recomputed)),
        }),
        _ => {}
    }
}

/// A field's path within an entry, after the entry's own (`[2]` +
/// `grade` → `[2].grade`).
pub(super) fn joined(prefix: &str, path: &str) -> String {
    match (prefix.is_empty(), path.starts_with('[')) {
        (true, _) | (false, true) => format!("{prefix}{path}"),
        (false, false) => format!("{prefix}.{path}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_the_file_and_the_version_may_differ() {
        let a = json!({"file": "a.toml", "grade_name": "四星级（金牌）", "score_exact": "90", "provenance": {"bscore_version": "0.1.0"}});
        let b = json!({"file": "b.toml", "grade_name": "四星级（金牌）", "score_exact": "90", "provenance": {"bscore_version": "0.2.0"}});
        assert!(differences("", &a, &b).is_empty());
        let renamed = json!({"file": "a.toml", "grade_name": "五星级（铂金）", "score_exact": "90", "provenance": {"bscore_version": "0.1.0"}});
        let paths: Vec<String> = differences("", &renamed, &b)
            .into_iter()
            .map(|d| d.path)
            .collect();
        assert_eq!(paths, ["grade_name"]);
    }

    #[test]
    fn differences_name_their_path() {
        let a = json!({"indicators": [{"id": "4.1.a", "earned_exact": "1"}], "grade": "gold"});
        let b = json!({"indicators": [{"id": "4.1.a", "earned_exact": "0"}], "grade": "silver"});
        let paths: Vec<String> = differences("[2]", &a, &b)
            .into_iter()
            .map(|d| d.path)
            .collect();
        assert_eq!(paths, ["[2].grade", "[2].indicators[0].earned_exact"]);
    }

    #[test]
    fn a_key_added_or_removed_differs_even_when_null() {
        let recomputed = json!({"bonus": null, "indicators": [{"coefficient": null}]});
        let removed = json!({"indicators": [{"coefficient": null}]});
        let added = json!({"bonus": null, "indicators": [{"coefficient": null, "x": null}]});
        let found = differences("", &removed, &recomputed);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].path.as_str(), &found[0].recorded),
            ("bonus", &None)
        );
        let found = differences("", &added, &recomputed);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, "indicators[0].x");
        assert_eq!(found[0].recomputed, None);
        assert!(differences("", &recomputed, &recomputed).is_empty());
    }

    #[test]
    fn a_huge_value_is_shown_cut_where_a_character_starts() {
        let huge = json!({"x": vec![[0, 1]; 1_000_000], "grade": "gold"});
        let found = differences("", &huge, &json!({"grade": "gold"}));
        let shown = found[0].recorded.as_deref().unwrap();
        assert!(
            shown.starts_with("[[0,1],[0,1]") && shown.ends_with('…'),
            "{shown}"
        );
        assert!(shown.len() <= VALUE_SHOWN_BYTES + '…'.len_utf8());
        let chinese = json!("评".repeat(100));
        let shown = shown_value(&chinese);
        assert!(
            shown.starts_with("\"评评") && shown.ends_with("评…"),
            "{shown}"
        );
        assert_eq!(shown_value(&json!({"a": [1, "b"]})), r#"{"a":[1,"b"]}"#);
    }

    #[test]
    fn arrays_of_different_lengths_differ_whole() {
        let a = json!({"special_deductions": [{"kind": "law"}]});
        let b = json!({"special_deductions": []});
        assert_eq!(differences("", &a, &b).len(), 1);
    }
}
