//! Results carry their provenance, and `bscore verify` re-derives them:
//! it agrees with an untouched result and names what differs otherwise.

use crate::common::{bscore, example, stdout};

#[test]
fn a_result_verifies_against_its_audit_and_fails_against_changes() {
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("audit.toml");
    let result = dir.path().join("result.json");
    std::fs::copy(example("gold-supply-chain-finance.toml"), &audit).unwrap();
    let (audit, result) = (audit.to_str().unwrap(), result.to_str().unwrap());

    let evaluated = bscore(&["evaluate", audit, "--format", "json", "--output", result]);
    assert_eq!(evaluated.status.code(), Some(0));
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(result).unwrap()).unwrap();
    let provenance = &json["provenance"];
    assert_eq!(provenance["standard"], "T/STIC130010-2022");
    assert_eq!(provenance["bscore_version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(provenance["audit_sha256"].as_str().unwrap().len(), 64);
    assert_eq!(provenance["checklist_sha256"].as_str().unwrap().len(), 64);

    let verified = bscore(&["verify", result, audit]);
    assert_eq!(verified.status.code(), Some(0), "{}", stdout(&verified));
    assert!(stdout(&verified).starts_with("verified: "));

    // The same audit with one finding changed is another audit.
    let text = std::fs::read_to_string(audit).unwrap();
    std::fs::write(audit, text.replacen("\"4.1.a\" = 0", "\"4.1.a\" = 1", 1)).unwrap();
    let changed_audit = bscore(&["verify", result, audit]);
    assert_eq!(changed_audit.status.code(), Some(1));
    assert!(
        stdout(&changed_audit).contains("no result"),
        "{}",
        stdout(&changed_audit)
    );
    std::fs::write(audit, &text).unwrap();

    // A result edited by hand no longer follows from the audit.
    let edited = std::fs::read_to_string(result)
        .unwrap()
        .replace("\"grade\": \"gold\"", "\"grade\": \"platinum\"");
    std::fs::write(result, edited).unwrap();
    let tampered = bscore(&["verify", result, audit]);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(
        stdout(&tampered).contains("grade: recorded \"platinum\", recomputed \"gold\""),
        "{}",
        stdout(&tampered)
    );
}

#[test]
fn a_result_from_another_checklist_is_refused_with_its_digest() {
    let dir = tempfile::tempdir().unwrap();
    let checklist = dir.path().join("checklist.toml");
    let source = std::fs::read_to_string(format!(
        "{}/checklists/t-stic-130010-2022.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    std::fs::write(&checklist, format!("{source}\n# a local copy\n")).unwrap();
    let result = dir.path().join("result.json");
    let (checklist, result) = (checklist.to_str().unwrap(), result.to_str().unwrap());
    let audit = example("silver-traceability.toml");
    let evaluated = bscore(&[
        "evaluate",
        &audit,
        "--checklist",
        checklist,
        "--format",
        "json",
        "-o",
        result,
    ]);
    assert_eq!(evaluated.status.code(), Some(0));
    let builtin = bscore(&["verify", result, &audit]);
    assert_eq!(builtin.status.code(), Some(1));
    assert!(
        stdout(&builtin).contains("--checklist"),
        "{}",
        stdout(&builtin)
    );
    let same = bscore(&["verify", result, &audit, "--checklist", checklist]);
    assert_eq!(same.status.code(), Some(0), "{}", stdout(&same));
}

#[test]
fn a_batch_result_verifies_each_of_its_audits() {
    let dir = tempfile::tempdir().unwrap();
    let result = dir.path().join("batch.json");
    let result = result.to_str().unwrap();
    let (a, b) = (
        example("platinum-notary.toml"),
        example("compliant-baas-startup.toml"),
    );
    assert_eq!(
        bscore(&["evaluate", &a, &b, "--format", "json", "-o", result])
            .status
            .code(),
        Some(0)
    );
    for audit in [&a, &b] {
        let verified = bscore(&["verify", result, audit]);
        assert_eq!(verified.status.code(), Some(0), "{}", stdout(&verified));
    }
}

#[test]
fn html_and_xlsx_reports_carry_the_digests() {
    let dir = tempfile::tempdir().unwrap();
    let audit = example("platinum-notary.toml");
    let json = bscore(&["evaluate", &audit, "--format", "json"]);
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let digest = value["provenance"]["audit_sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let html = bscore(&["evaluate", &audit, "--format", "html"]);
    assert!(stdout(&html).contains(&digest));
    let xlsx = dir.path().join("r.xlsx");
    let xlsx = xlsx.to_str().unwrap();
    assert_eq!(
        bscore(&["evaluate", &audit, "--format", "xlsx", "-o", xlsx])
            .status
            .code(),
        Some(0)
    );
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let mut workbook: Xlsx<_> = open_workbook(xlsx).unwrap();
    let exact = workbook.worksheet_range("精确值").unwrap();
    assert!(
        exact
            .used_cells()
            .any(|(_, _, cell)| matches!(cell, Data::String(s) if *s == digest))
    );
}
