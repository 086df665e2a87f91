//! `bscore verify`: does a stored JSON result follow from an audit file?
//! The result is computed again and compared field by field, after the
//! inputs' digests are checked.

use crate::batch::{Source, evaluate_source};
use crate::checklist::Checklist;
use crate::diagnostic::{Diagnostic, InputError};
use crate::render::{Lang, json_result};
use serde_json::Value;
use std::fmt;

/// Whether a stored result follows from an audit file, and if not, why.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The result follows from the audit and the checklist.
    Verified {
        /// The result file.
        result: String,
        /// The audit file.
        audit: String,
        /// The audit's digest.
        audit_sha256: String,
        /// The checklist's digest.
        checklist_sha256: String,
        /// The score, as the result states it.
        score: Value,
        /// The grade, as the result states it.
        grade: String,
    },
    /// No result in the file names the audit's digest: the audit changed,
    /// or the result is another audit's.
    NoResultForAudit {
        /// The result file.
        result: String,
        /// The audit file.
        audit: String,
        /// The audit's digest now.
        audit_sha256: String,
    },
    /// The result was computed with another checklist.
    OtherChecklist {
        /// The checklist digest the result names.
        recorded: String,
        /// The digest of the checklist in use.
        used: String,
    },
    /// Computed again, the result differs.
    Differs {
        /// The result file.
        result: String,
        /// The audit file.
        audit: String,
        /// Every difference.
        differences: Vec<Difference>,
    },
}

impl Verdict {
    /// Whether the result follows from the inputs.
    pub fn holds(&self) -> bool {
        matches!(self, Verdict::Verified { .. })
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Verdict::Verified {
                result,
                audit,
                audit_sha256,
                checklist_sha256,
                score,
                grade,
            } => writeln!(
                f,
                "verified: {result} follows from {audit} (audit SHA-256 {audit_sha256}, checklist SHA-256 {checklist_sha256}): score {score}, grade {grade}"
            ),
            Verdict::NoResultForAudit {
                result,
                audit,
                audit_sha256,
            } => writeln!(
                f,
                "differs: no result in {result} comes from {audit} as it is now (SHA-256 {audit_sha256}); the file was changed, or the result is of another audit"
            ),
            Verdict::OtherChecklist { recorded, used } => writeln!(
                f,
                "differs: the result was computed with the checklist of SHA-256 {recorded}, not this one ({used}); name that checklist with --checklist"
            ),
            Verdict::Differs {
                result,
                audit,
                differences,
            } => {
                writeln!(f, "differs: {result} does not follow from {audit}:")?;
                for difference in differences {
                    writeln!(
                        f,
                        "  {}: recorded {}, recomputed {}",
                        difference.path, difference.recorded, difference.recomputed
                    )?;
                }
                Ok(())
            }
        }
    }
}

/// Checks whether the result stored in `stored` follows from `audit` and
/// `checklist`: finds the result by the audit's digest, checks the
/// checklist's digest, computes the result again and compares them.
pub fn verify(
    checklist: &Checklist,
    stored: &Source,
    audit: &Source,
) -> Result<Verdict, InputError> {
    let document: Value = serde_json::from_str(&stored.text).map_err(|error| {
        InputError::new(
            &stored.name,
            &stored.text,
            vec![Diagnostic::new(format!("not JSON: {error}"))],
        )
    })?;
    let audit_sha256 = crate::trace::sha256(&audit.text);
    let Some(recorded) = find_result(&document, &audit_sha256) else {
        return Ok(Verdict::NoResultForAudit {
            result: stored.name.clone(),
            audit: audit.name.clone(),
            audit_sha256,
        });
    };
    let recorded_checklist = recorded["provenance"]["checklist_sha256"]
        .as_str()
        .unwrap_or_default();
    if recorded_checklist != checklist.sha256 {
        return Ok(Verdict::OtherChecklist {
            recorded: recorded_checklist.to_string(),
            used: checklist.sha256.clone(),
        });
    }
    let evaluated = evaluate_source(checklist, audit)?;
    let report = evaluated.report(&audit.name, checklist);
    let recomputed = serde_json::to_value(json_result(&report, Lang::Zh)).map_err(|error| {
        InputError::whole_file(&audit.name, format!("cannot build its result: {error}"))
    })?;
    let differences = differences(recorded, &recomputed);
    if !differences.is_empty() {
        return Ok(Verdict::Differs {
            result: stored.name.clone(),
            audit: audit.name.clone(),
            differences,
        });
    }
    Ok(Verdict::Verified {
        result: stored.name.clone(),
        audit: audit.name.clone(),
        audit_sha256,
        checklist_sha256: checklist.sha256.clone(),
        score: recomputed["score"].clone(),
        grade: recomputed["grade"].as_str().unwrap_or_default().to_string(),
    })
}

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
