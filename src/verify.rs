//! `bscore verify`: does a stored JSON result follow from an audit file?
//! The result is computed again and compared field by field, after the
//! inputs' digests are checked.

use serde_json::Value;

/// Fields that do not depend on the inputs: the file's name as given on
/// the command line, the report language's names, and the bscore version.
const INCIDENTAL: [&str; 3] = ["file", "grade_name", "name"];

/// One way a stored result disagrees with the recomputed one.
#[derive(Debug, Clone, PartialEq)]
pub struct Difference {
    /// JSON path of the field, such as `indicators[3].earned_exact`.
    pub path: String,
    /// The stored value.
    pub recorded: Value,
    /// The recomputed value.
    pub recomputed: Value,
}

/// The stored result among `document` (one object, or an array of them)
/// whose provenance names the audit digest `audit_sha256`.
pub fn find_result<'a>(document: &'a Value, audit_sha256: &str) -> Option<&'a Value> {
    let candidates: Vec<&Value> = match document {
        Value::Array(items) => items.iter().collect(),
        single => vec![single],
    };
    candidates
        .into_iter()
        .find(|result| result["provenance"]["audit_sha256"] == audit_sha256)
}

/// Every difference between a stored and a recomputed result, ignoring
/// incidental fields and the bscore version.
pub fn differences(recorded: &Value, recomputed: &Value) -> Vec<Difference> {
    let mut found = Vec::new();
    walk("", recorded, recomputed, &mut found);
    found.retain(|difference| difference.path != "provenance.bscore_version");
    found
}

fn walk(path: &str, recorded: &Value, recomputed: &Value, found: &mut Vec<Difference>) {
    match (recorded, recomputed) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys
                .into_iter()
                .filter(|k| !INCIDENTAL.contains(&k.as_str()))
            {
                let child = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(
                    &child,
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                    found,
                );
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                walk(&format!("{path}[{index}]"), x, y, found);
            }
        }
        _ if recorded != recomputed => found.push(Difference {
            path: path.to_string(),
            recorded: recorded.clone(),
            recomputed: recomputed.clone(),
        }),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn names_file_and_version_are_incidental() {
        let a = json!({"file": "a.toml", "grade_name": "四星级（金牌）", "score_exact": "90", "provenance": {"bscore_version": "0.1.0"}});
        let b = json!({"file": "b.toml", "grade_name": "Four-star (Gold)", "score_exact": "90", "provenance": {"bscore_version": "0.2.0"}});
        assert!(differences(&a, &b).is_empty());
    }

    #[test]
    fn differences_name_their_path() {
        let a = json!({"indicators": [{"id": "4.1.a", "earned_exact": "1"}], "grade": "gold"});
        let b = json!({"indicators": [{"id": "4.1.a", "earned_exact": "0"}], "grade": "silver"});
        let paths: Vec<String> = differences(&a, &b).into_iter().map(|d| d.path).collect();
        assert_eq!(paths, ["grade", "indicators[0].earned_exact"]);
    }

    #[test]
    fn a_result_is_found_by_its_audit_digest() {
        let document =
            json!([{"provenance": {"audit_sha256": "aa"}}, {"provenance": {"audit_sha256": "bb"}}]);
        assert_eq!(find_result(&document, "bb"), Some(&document[1]));
        assert_eq!(find_result(&document, "cc"), None);
    }
}
