//! Inputs the fuzzers found (fuzz/, README "Fuzzing"), kept as regression
//! tests: each once broke a rule the fuzz target asserts.

use crate::common::bscore;

/// A `[bonus]` table holding the audit's fields and an indicator: the
/// toml crate refused it while bscore's syntax pass found nothing, and
/// the file was refused with "0 errors", saying nothing of why.
#[test]
fn a_refused_audit_always_says_why() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fuzzed/audit-refused-with-no-reason.toml"
    );
    for lang in ["zh", "en"] {
        let output = bscore(&["validate", file, "--lang", lang]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(!stderr.contains(" 0 处错误"), "{stderr}");
        assert!(!stderr.contains(": 0 errors"), "{stderr}");
        assert!(stderr.contains("-->"), "a problem at its place: {stderr}");
        let said = match lang {
            "zh" => "同一个键或表写了两次",
            _ => "a key or table is written twice",
        };
        assert!(stderr.contains(said), "in the assessor's words: {stderr}");
    }
}
