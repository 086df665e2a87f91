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
        bscore(&[
            "evaluate", &audit, "--lang", "zh", "--format", "xlsx", "-o", xlsx
        ])
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

/// A result file and its audit, in a temporary directory.
struct Stored {
    _dir: tempfile::TempDir,
    audit: String,
    result: String,
}

fn stored(args: &[&str]) -> Stored {
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("audit.toml");
    std::fs::copy(example("gold-supply-chain-finance.toml"), &audit).unwrap();
    let result = dir.path().join("result.json");
    let (audit, result) = (
        audit.to_str().unwrap().to_string(),
        result.to_str().unwrap().to_string(),
    );
    let mut command = vec!["evaluate", &audit];
    command.extend(args);
    command.extend(["--format", "json", "--output", &result]);
    assert_eq!(bscore(&command).status.code(), Some(0));
    Stored {
        _dir: dir,
        audit,
        result,
    }
}

fn verify_after(stored: &Stored, edit: impl Fn(String) -> String) -> std::process::Output {
    let text = std::fs::read_to_string(&stored.result).unwrap();
    let edited = edit(text.clone());
    assert_ne!(edited, text, "the edit changed nothing");
    std::fs::write(&stored.result, edited).unwrap();
    bscore(&["verify", &stored.result, &stored.audit])
}

/// Names are part of the result: a changed grade name or category name,
/// in either language, does not follow from the audit.
#[test]
fn a_changed_name_does_not_verify() {
    for (lang, from, to) in [
        (
            "zh",
            "\"grade_name\": \"四星级（金牌）\"",
            "\"grade_name\": \"五星级（铂金）\"",
        ),
        ("zh", "\"name\": \"服务要求\"", "\"name\": \"技术要求\""),
        (
            "en",
            "\"grade_name\": \"Four-star (Gold)\"",
            "\"grade_name\": \"Five-star (Platinum)\"",
        ),
    ] {
        let stored = stored(&["--lang", lang]);
        let untouched = bscore(&["verify", &stored.result, &stored.audit]);
        assert_eq!(
            untouched.status.code(),
            Some(0),
            "{lang}: {}",
            stdout(&untouched)
        );
        let output = verify_after(&stored, |text| text.replacen(from, to, 1));
        assert_eq!(
            output.status.code(),
            Some(1),
            "{lang} {from}: {}",
            stdout(&output)
        );
    }
}

/// In a batch, every entry of the audit is checked: a second, tampered
/// copy of its result is caught, and the entries checked are named.
#[test]
fn every_batch_entry_of_the_audit_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("audit.toml");
    std::fs::copy(example("gold-supply-chain-finance.toml"), &audit).unwrap();
    let result = dir.path().join("batch.json");
    let audit = audit.to_str().unwrap();
    let output = bscore(&[
        "evaluate",
        audit,
        audit,
        "--format",
        "json",
        "-o",
        result.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let result = result.to_str().unwrap();
    let verified = bscore(&["verify", result, audit]);
    assert_eq!(verified.status.code(), Some(0));
    assert!(
        stdout(&verified).contains("checked entry [0], entry [1]"),
        "{}",
        stdout(&verified)
    );

    let text = std::fs::read_to_string(result).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[2] = lines[2]
        .replace("\"score\":94.64", "\"score\":99.99")
        .replace("\"grade\":\"gold\"", "\"grade\":\"platinum\"");
    std::fs::write(result, lines.join("\n")).unwrap();
    let tampered = bscore(&["verify", result, audit]);
    assert_eq!(tampered.status.code(), Some(1));
    let report = stdout(&tampered);
    assert!(
        report.contains("[1].grade: recorded \"platinum\""),
        "{report}"
    );
    assert!(report.contains("[1].score: recorded 99.99"), "{report}");
}

/// A key given twice could hide a change behind the copy a reader keeps.
#[test]
fn a_result_with_a_key_given_twice_is_refused() {
    let stored = stored(&[]);
    let output = verify_after(&stored, |text| {
        text.replacen(
            "\"grade\": \"gold\",",
            "\"grade\": \"gold\",\n  \"grade\": \"platinum\",",
            1,
        )
    });
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("the key `grade` is given twice"),
        "{message}"
    );
}

/// Every field a certificate rests on is compared: changing any one of
/// them, or dropping the last indicator, makes `verify` exit 1 and name
/// the field.
#[test]
fn verify_notices_each_field_edited_alone() {
    let dir = tempfile::tempdir().unwrap();
    let audit = example("gold-supply-chain-finance.toml");
    let result = dir.path().join("result.json");
    let result = result.to_str().unwrap();
    let evaluated = bscore(&["evaluate", &audit, "--format", "json", "--output", result]);
    assert_eq!(evaluated.status.code(), Some(0));
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(result).unwrap()).unwrap();
    type Edit = fn(&mut serde_json::Value);
    let edits: [(&str, Edit); 11] = [
        ("score", |v| v["score"] = 99.0.into()),
        ("score_exact", |v| v["score_exact"] = "99".into()),
        ("normalized_score_exact", |v| {
            v["normalized_score_exact"] = "99".into()
        }),
        ("special_deductions", |v| {
            v["special_deductions"] = serde_json::json!([{"kind": "law", "finding": "x"}])
        }),
        ("indicators[0].coefficient", |v| {
            v["indicators"][0]["coefficient"] = 0.5.into()
        }),
        ("indicators[0].coefficient_exact", |v| {
            v["indicators"][0]["coefficient_exact"] = "1/2".into()
        }),
        ("indicators", |v| {
            v["indicators"].as_array_mut().unwrap().pop();
        }),
        ("grade", |v| v["grade"] = "platinum".into()),
        // Keys added or removed are differences even when null.
        ("anything", |v| {
            v["indicators"][3]["anything"] = serde_json::Value::Null
        }),
        ("provenance.anything", |v| {
            v["provenance"]["anything"] = serde_json::Value::Null
        }),
        ("coefficient", |v| {
            let indicators = v["indicators"].as_array_mut().unwrap();
            let excluded = (indicators.iter_mut())
                .find(|indicator| indicator["coefficient"].is_null())
                .expect("the gold example excludes an indicator");
            excluded.as_object_mut().unwrap().remove("coefficient");
        }),
    ];
    for (field, edit) in edits {
        let mut edited = original.clone();
        edit(&mut edited);
        std::fs::write(result, serde_json::to_string_pretty(&edited).unwrap()).unwrap();
        let verdict = bscore(&["verify", result, &audit]);
        assert_eq!(
            verdict.status.code(),
            Some(1),
            "{field}: {}",
            stdout(&verdict)
        );
        assert!(
            stdout(&verdict).contains(field.split('.').next().unwrap().split('[').next().unwrap()),
            "{field}: {}",
            stdout(&verdict)
        );
    }
}

/// A batch array holding something besides results is refused whole
/// (exit 2, the entry named), not verified for the entries that are.
#[test]
fn a_batch_holding_anything_but_results_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let audit = example("gold-supply-chain-finance.toml");
    let result = dir.path().join("result.json");
    let result = result.to_str().unwrap();
    let evaluated = bscore(&["evaluate", &audit, "--format", "json", "--output", result]);
    assert_eq!(evaluated.status.code(), Some(0));
    let original: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(result).unwrap()).unwrap();
    let batch = serde_json::json!([original.clone(), original]);
    std::fs::write(result, batch.to_string()).unwrap();
    assert_eq!(bscore(&["verify", result, &audit]).status.code(), Some(0));
    for stranger in [serde_json::json!(5), serde_json::json!({"score": 90})] {
        let mut batch = batch.clone();
        batch.as_array_mut().unwrap().insert(1, stranger);
        std::fs::write(result, batch.to_string()).unwrap();
        let verdict = bscore(&["verify", result, &audit, "--lang", "en"]);
        let stderr = String::from_utf8_lossy(&verdict.stderr);
        assert_eq!(verdict.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("entry [1] is not a result"), "{stderr}");
    }
}

/// A result that is not JSON is refused with the place it breaks: the
/// line and column serde_json names, and that line under them.
#[test]
fn a_broken_result_is_refused_at_its_line_and_column() {
    let stored = stored(&[]);
    let output = verify_after(&stored, |text| {
        text.replacen("\"grade\": \"gold\",", "\"grade\": gold,", 1)
    });
    assert_eq!(output.status.code(), Some(2));
    let text = std::fs::read_to_string(&stored.result).unwrap();
    let line = 1 + text
        .lines()
        .position(|line| line.contains("\"grade\": gold,"))
        .unwrap();
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains(&format!("result.json:{line}:12\n"))
            && message.contains(&format!("{line} |   \"grade\": gold,")),
        "{message}"
    );
}

/// A report (`evaluate -o FILE`) of the gold example, in `dir`, with
/// `note` on 4.1.a; returns the audit and the report's paths.
fn report_of(dir: &std::path::Path, note: &str, file: &str, lang: &str) -> (String, String) {
    let audit = dir.join("audit.toml");
    let text = std::fs::read_to_string(example("gold-supply-chain-finance.toml")).unwrap();
    let quoted = note.replace('\\', "\\\\").replace('"', "\\\"");
    let noted = format!("\"4.1.a\" = {{ coefficient = 0, note = \"{quoted}\" }}");
    std::fs::write(&audit, text.replacen("\"4.1.a\" = 0", &noted, 1)).unwrap();
    let (audit, report) = (
        audit.to_str().unwrap().to_string(),
        dir.join(file).to_str().unwrap().to_string(),
    );
    let evaluated = bscore(&["evaluate", &audit, "--lang", lang, "-o", &report, "--force"]);
    assert_eq!(evaluated.status.code(), Some(0), "{evaluated:?}");
    (audit, report)
}

/// The old code read an XLSX given to `verify` as a form ("no header
/// row") and an HTML one as broken JSON.
#[test]
fn html_and_xlsx_reports_verify_as_json_does() {
    let dir = tempfile::tempdir().unwrap();
    // Text that would end a script element, or be read back as another
    // character from a spreadsheet cell, must come back as it was.
    let hostile = "</script><!-- & > _x0041_ \u{202e}";
    for (file, lang) in [
        ("r.html", "zh"),
        ("r.html", "en"),
        ("r.xlsx", "zh"),
        ("r.xlsx", "en"),
    ] {
        let (audit, report) = report_of(dir.path(), hostile, file, lang);
        let verified = bscore(&["verify", &report, &audit]);
        assert_eq!(
            verified.status.code(),
            Some(0),
            "{file} {lang}: {verified:?}"
        );
        assert!(stdout(&verified).starts_with("verified: "));
    }
    let (audit, html) = report_of(dir.path(), hostile, "r.html", "zh");
    let text = std::fs::read_to_string(&html).unwrap();
    assert_eq!(
        text.matches("</script").count(),
        1,
        "only the element's own end"
    );
    assert!(!text.contains("<!-- &"));
    // Standard input is told apart by content too.
    let piped = crate::common::bscore_command()
        .args(["verify", "-", &audit])
        .stdin(std::fs::File::open(&html).unwrap())
        .output()
        .unwrap();
    assert_eq!(piped.status.code(), Some(0), "{piped:?}");
}

#[test]
fn an_html_report_edited_by_hand_does_not_verify() {
    let dir = tempfile::tempdir().unwrap();
    let (audit, html) = report_of(dir.path(), "ok", "r.html", "en");
    let text = std::fs::read_to_string(&html).unwrap();
    let edited = text.replacen("\"grade\":\"gold\"", "\"grade\":\"platinum\"", 1);
    assert_ne!(edited, text);
    std::fs::write(&html, edited).unwrap();
    let tampered = bscore(&["verify", &html, &audit]);
    assert_eq!(tampered.status.code(), Some(1));
    assert!(
        stdout(&tampered).contains("grade: recorded \"platinum\", recomputed \"gold\""),
        "{}",
        stdout(&tampered)
    );
}

/// A batch's HTML and XLSX carry the batch's results, in order; the XLSX
/// one is longer than a cell holds, so it is split across cells.
#[test]
fn batch_reports_verify_each_of_their_audits() {
    use calamine::{Reader, Xlsx, open_workbook};
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        example("platinum-notary.toml"),
        example("compliant-baas-startup.toml"),
    );
    for file in ["batch.html", "batch.xlsx"] {
        let report = dir.path().join(file);
        let report = report.to_str().unwrap();
        assert_eq!(
            bscore(&["evaluate", &a, &b, "-o", report]).status.code(),
            Some(0)
        );
        for (audit, entry) in [(&a, "entry [0]"), (&b, "entry [1]")] {
            let verified = bscore(&["verify", report, audit]);
            assert_eq!(verified.status.code(), Some(0), "{file}: {verified:?}");
            assert!(stdout(&verified).contains(entry), "{}", stdout(&verified));
        }
    }
    let mut workbook: Xlsx<_> = open_workbook(dir.path().join("batch.xlsx")).unwrap();
    let cells = workbook.worksheet_range("bscore-result").unwrap();
    assert!(cells.height() > 1, "{} cell(s)", cells.height());
    let json: String = (cells.rows())
        .map(|row| match &row[0] {
            calamine::Data::String(text) => text.clone(),
            other => panic!("not text: {other:?}"),
        })
        .collect();
    assert!(serde_json::from_str::<serde_json::Value>(&json).unwrap()[1].is_object());
}

/// A form or a page that carries no result is an input error that says
/// what `verify` needs, not "no header row".
#[test]
fn a_file_without_a_result_says_what_verify_needs() {
    let dir = tempfile::tempdir().unwrap();
    let audit = example("gold-supply-chain-finance.toml");
    let form = dir.path().join("form.xlsx");
    let form = form.to_str().unwrap();
    assert_eq!(
        bscore(&["convert", &audit, "-o", form]).status.code(),
        Some(0)
    );
    let page = dir.path().join("page.html");
    std::fs::write(&page, "<!DOCTYPE html><html><body>report</body></html>").unwrap();
    for (file, expected) in [
        (form, "holds no bscore result (sheet bscore-result)"),
        (page.to_str().unwrap(), "holds no bscore result (<script"),
    ] {
        let refused = bscore(&["verify", file, &audit]);
        assert_eq!(refused.status.code(), Some(2));
        let message = String::from_utf8_lossy(&refused.stderr);
        assert!(message.contains(expected), "{message}");
    }
}

/// `verify` names the checklist as the reports do (检查表) and the grade
/// by its name in the message's language; it said 评分表 and `gold`.
#[test]
fn verify_names_the_checklist_and_the_grade_as_reports_do() {
    let dir = tempfile::tempdir().unwrap();
    let (audit, html) = report_of(dir.path(), "ok", "r.html", "zh");
    let chinese = crate::common::bscore_command()
        .env_remove("BSCORE_LANG")
        .args(["verify", &html, &audit])
        .output()
        .unwrap();
    assert_eq!(chinese.status.code(), Some(0));
    let said = stdout(&chinese);
    assert!(
        said.contains("检查表 SHA-256") && said.contains("评级 四星级（金牌）"),
        "{said}"
    );
    assert!(!said.contains("评分表") && !said.contains("gold"), "{said}");
    let english = stdout(&bscore(&["verify", &html, &audit]));
    assert!(english.contains("grade Four-star (Gold);"), "{english}");
}

/// A report given where a form is read says so and how to get the form;
/// the old code said it found no header row.
#[test]
fn evaluate_on_a_report_says_it_is_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let (_, report) = report_of(dir.path(), "ok", "report.xlsx", "zh");
    for command in ["evaluate", "validate", "convert"] {
        let refused = bscore(&[command, &report]);
        assert_eq!(refused.status.code(), Some(2), "{command}");
        let message = String::from_utf8_lossy(&refused.stderr);
        assert!(
            message.contains("this is a bscore report, not a form")
                && message.contains("bscore convert audit.toml -o form.xlsx")
                && message.contains("bscore verify report.xlsx AUDIT"),
            "{command}: {message}"
        );
    }
}

/// An XLSX report opened and saved again in LibreOffice (as an assessor
/// does before handing it over) still carries its result.
#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui) to run this test"
)]
fn an_xlsx_report_saved_again_by_libreoffice_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (audit, report) = report_of(dir.path(), "</script> _x0041_", "report.xlsx", "zh");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.path().join("profile").display()
    );
    let saved = dir.path().join("saved");
    let converted = std::process::Command::new("soffice")
        .args([
            &profile,
            "--headless",
            "--norestore",
            "--convert-to",
            "xlsx",
            "--outdir",
        ])
        .arg(&saved)
        .arg(&report)
        .output()
        .unwrap();
    assert!(converted.status.success(), "{converted:?}");
    let again = saved.join("report.xlsx");
    let verified = bscore(&["verify", again.to_str().unwrap(), &audit]);
    assert_eq!(verified.status.code(), Some(0), "{verified:?}");
    assert!(
        stdout(&verified).contains("what the page itself shows was compared"),
        "{}",
        stdout(&verified)
    );
}

/// An XLSX workbook with `edit` applied to each of its members' text.
fn rewritten(xlsx: &str, target: &std::path::Path, mut edit: impl FnMut(&str, String) -> String) {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(target).unwrap());
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = String::new();
        entry.read_to_string(&mut data).unwrap();
        writer
            .start_file(&name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(edit(&name, data).as_bytes()).unwrap();
    }
    writer.finish().unwrap();
}

/// A report whose shown score and grade were edited, its hidden result
/// left alone, does not verify, and the message says where; the old code
/// checked only the hidden result and said 核验通过.
#[test]
fn a_report_whose_shown_grade_was_edited_does_not_verify() {
    let dir = tempfile::tempdir().unwrap();
    let (audit, html) = report_of(dir.path(), "ok", "r.html", "zh");
    let text = std::fs::read_to_string(&html).unwrap();
    // The badge comes before the result, which is left as it was.
    let forged = text.replacen("四星级（金牌）", "五星级（铂金）", 1);
    assert_ne!(forged, text);
    std::fs::write(&html, forged).unwrap();
    for (lang, expected) in [
        (
            "zh",
            "页面显示“五星级（铂金）”，重新生成的报告为“四星级（金牌）”",
        ),
        (
            "en",
            "the page shows “五星级（铂金）”, the report written again “四星级（金牌）”",
        ),
    ] {
        let refused = bscore(&["verify", "--lang", lang, &html, &audit]);
        assert_eq!(refused.status.code(), Some(1), "{refused:?}");
        assert!(stdout(&refused).contains(expected), "{}", stdout(&refused));
    }
    let (audit, xlsx) = report_of(dir.path(), "ok", "r.xlsx", "zh");
    let shown = "<v>94.64</v>";
    let forged = dir.path().join("forged.xlsx");
    rewritten(&xlsx, &forged, |name, data| match name {
        "xl/worksheets/sheet1.xml" => {
            assert!(data.contains(shown));
            data.replace(shown, "<v>99.64</v>")
        }
        _ => data,
    });
    let refused = bscore(&["verify", forged.to_str().unwrap(), &audit]);
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    let said = stdout(&refused);
    assert!(
        said.contains("评分表!")
            && said.contains("the page shows “99.64”, the report written again “94.64”"),
        "{said}"
    );
}

/// Pages saved again by a browser (other markup, the same text) and
/// batch reports compare equal, entry by entry.
#[test]
fn a_page_saved_again_and_a_batch_report_compare_equal() {
    let dir = tempfile::tempdir().unwrap();
    let (audit, html) = report_of(dir.path(), "a < b & c", "r.html", "en");
    let text = std::fs::read_to_string(&html).unwrap();
    let resaved = text
        .replace("<tr>", "\n  <tr>")
        .replace("&amp;", "&#38;")
        .replace("<table", "<!-- saved --><table");
    std::fs::write(&html, resaved).unwrap();
    let verified = bscore(&["verify", &html, &audit]);
    assert_eq!(verified.status.code(), Some(0), "{verified:?}");
    assert!(stdout(&verified).contains("what the page itself shows was compared"));
    let (a, b) = (
        example("platinum-notary.toml"),
        example("compliant-baas-startup.toml"),
    );
    for file in ["batch.html", "batch.xlsx"] {
        let report = dir.path().join(file);
        let report = report.to_str().unwrap();
        assert_eq!(
            bscore(&["evaluate", &a, &b, "-o", report]).status.code(),
            Some(0)
        );
        let verified = bscore(&["verify", report, &b]);
        assert_eq!(verified.status.code(), Some(0), "{file}: {verified:?}");
        assert!(
            stdout(&verified).contains("was compared"),
            "{}",
            stdout(&verified)
        );
    }
}

/// A page written by another version of bscore is checked by its result
/// alone, and the message says the page itself was not compared.
#[test]
fn a_page_of_another_version_says_it_was_not_compared() {
    let dir = tempfile::tempdir().unwrap();
    let (audit, html) = report_of(dir.path(), "ok", "r.html", "zh");
    let text = std::fs::read_to_string(&html).unwrap();
    let version = format!("\"bscore_version\":\"{}\"", env!("CARGO_PKG_VERSION"));
    assert!(text.contains(&version), "{text}");
    let older = text
        .replace(&version, "\"bscore_version\":\"0.0.1\"")
        .replacen("四星级（金牌）", "五星级（铂金）", 1);
    std::fs::write(&html, older).unwrap();
    for (lang, expected) in [
        ("zh", "页面本身显示的内容未比对，因为它由 bscore 0.0.1 生成"),
        ("en", "was not compared, as it was written by bscore 0.0.1"),
    ] {
        let verified = bscore(&["verify", "--lang", lang, &html, &audit]);
        assert_eq!(verified.status.code(), Some(0), "{verified:?}");
        assert!(
            stdout(&verified).contains(expected),
            "{}",
            stdout(&verified)
        );
    }
}

/// A report holding more than one result, or a result that is cut off or
/// spread beside column A, is refused as ambiguous (exit 2): the old code
/// took the first one it found.
#[test]
fn a_report_with_more_than_one_result_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (audit, html) = report_of(dir.path(), "ok", "r.html", "en");
    let text = std::fs::read_to_string(&html).unwrap();
    let start = text.find("<script type=\"application/json\"").unwrap();
    let end = start + text[start..].find("</script>").unwrap() + "</script>".len();
    let genuine = &text[start..end];
    let forged = genuine.replace("\"grade\":\"gold\"", "\"grade\":\"platinum\"");
    let as_batch = genuine.replace("id=\"bscore-result\"", "class=\"bscore-result\"");
    let variants = [
        (
            "two.html",
            format!("{genuine}{forged}"),
            "another bscore result element",
        ),
        (
            "comment.html",
            format!("<!-- {genuine} -->{forged}"),
            "another bscore result element",
        ),
        (
            "mixed.html",
            format!("{genuine}{as_batch}"),
            "another bscore result element",
        ),
        (
            "quoted.html",
            format!(
                "{}<script type='application/json' ID='bscore-result'>{{}}</script>",
                genuine
            ),
            "another bscore result element",
        ),
        (
            "unclosed.html",
            genuine.replace("</script>", ""),
            "a <script> element is never closed",
        ),
    ];
    for (file, element, expected) in variants {
        let page = dir.path().join(file);
        std::fs::write(&page, text.replacen(genuine, &element, 1)).unwrap();
        let refused = bscore(&["verify", page.to_str().unwrap(), &audit]);
        assert_eq!(refused.status.code(), Some(2), "{file}: {refused:?}");
        let message = String::from_utf8_lossy(&refused.stderr);
        assert!(message.contains(expected), "{file}: {message}");
    }
    let (audit, xlsx) = report_of(dir.path(), "ok", "r.xlsx", "en");
    let result_sheet =
        "<sheet name=\"bscore-result\" sheetId=\"3\" state=\"veryHidden\" r:id=\"rId3\"/>";
    let twice = dir.path().join("twice.xlsx");
    rewritten(&xlsx, &twice, |name, data| match name {
        "xl/workbook.xml" => {
            assert!(data.contains(result_sheet), "{data}");
            let copy = result_sheet.replace("sheetId=\"3\"", "sheetId=\"9\"");
            data.replace(result_sheet, &format!("{result_sheet}{copy}"))
        }
        _ => data,
    });
    let beside = dir.path().join("beside.xlsx");
    rewritten(&xlsx, &beside, |name, data| match name {
        "xl/worksheets/sheet3.xml" => data.replace(
            "</c></row>",
            "</c><c r=\"B1\" t=\"inlineStr\"><is><t>{}</t></is></c></row>",
        ),
        _ => data,
    });
    for (file, expected) in [
        (twice, "has 2 sheets named bscore-result"),
        (beside, "bscore-result!B1 holds a value"),
    ] {
        let refused = bscore(&["verify", file.to_str().unwrap(), &audit]);
        assert_eq!(refused.status.code(), Some(2), "{file:?}: {refused:?}");
        let message = String::from_utf8_lossy(&refused.stderr);
        assert!(message.contains(expected), "{file:?}: {message}");
    }
}

/// A broken result in a report is placed in the report (the HTML's line
/// and column, the result sheet's cell) and says why in either language;
/// the old code gave the JSON's own line and column, and in Chinese no
/// reason.
#[test]
fn a_broken_result_in_a_report_is_placed_in_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let (audit, html) = report_of(dir.path(), "ok", "r.html", "zh");
    let text = std::fs::read_to_string(&html).unwrap();
    let broken = text.replacen("\"grade\":\"gold\"", "\"grade\":gold", 1);
    std::fs::write(&html, &broken).unwrap();
    let at = broken.find("\"grade\":gold").unwrap() + "\"grade\":".len();
    let line = broken[..at].matches('\n').count() + 1;
    let line_start = broken[..at].rfind('\n').map_or(0, |start| start + 1);
    let column = broken[line_start..at].chars().count() + 1;
    let place = format!("r.html:{line}:{column}\n");
    for (lang, reason) in [
        ("zh", "此处应为一个值"),
        ("en", "not a JSON result: expected value"),
    ] {
        let refused = bscore(&["verify", "--lang", lang, &html, &audit]);
        assert_eq!(refused.status.code(), Some(2));
        let message = String::from_utf8_lossy(&refused.stderr);
        assert!(
            message.contains(reason) && message.contains(&place),
            "{place}: {message}"
        );
    }
    let twice = text.replacen(
        "\"grade\":\"gold\"",
        "\"grade\":\"gold\",\"grade\":\"gold\"",
        1,
    );
    std::fs::write(&html, twice).unwrap();
    let refused = bscore(&["verify", "--lang", "zh", &html, &audit]);
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("同一个对象中键 `grade` 出现了两次"),
        "{message}"
    );

    let (audit, xlsx) = report_of(dir.path(), "ok", "r.xlsx", "en");
    let forged = dir.path().join("broken.xlsx");
    let mut character = 0;
    rewritten(&xlsx, &forged, |name, data| match name {
        "xl/sharedStrings.xml" => {
            // The result is the last shared string.
            let last = data.rfind("<si>").unwrap();
            let json_start = last + data[last..].find("{").unwrap();
            let key = json_start + data[json_start..].find("\"grade\":\"gold\"").unwrap();
            let at = key + "\"grade\":".len();
            character = data[json_start..at].chars().count() + 1;
            format!(
                "{}{}",
                &data[..at],
                data[at..].replacen("\"gold\"", "gold", 1)
            )
        }
        _ => data,
    });
    let refused = bscore(&["verify", forged.to_str().unwrap(), &audit]);
    assert_eq!(refused.status.code(), Some(2));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains(&format!(
            "bscore-result!A1, character {character}: expected value"
        )),
        "{character}: {message}"
    );
}

/// A batch element whose class list holds bscore-result among other
/// classes is read; the old code skipped it and said the audit changed.
#[test]
fn a_batch_element_with_more_classes_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        example("platinum-notary.toml"),
        example("compliant-baas-startup.toml"),
    );
    let report = dir.path().join("batch.html");
    let report = report.to_str().unwrap();
    assert_eq!(
        bscore(&["evaluate", &a, &b, "-o", report]).status.code(),
        Some(0)
    );
    let text = std::fs::read_to_string(report).unwrap();
    let classes = text.replace("class=\"bscore-result\"", "class=\"bscore-result  x\"");
    assert_ne!(classes, text);
    std::fs::write(report, classes).unwrap();
    let verified = bscore(&["verify", report, &b]);
    assert_eq!(verified.status.code(), Some(0), "{verified:?}");
    assert!(
        stdout(&verified).contains("entry [1]"),
        "{}",
        stdout(&verified)
    );
}

/// The Chinese verdict reads as one phrase: 已核对该结果, no stray space.
#[test]
fn the_chinese_verdict_names_what_was_checked_without_a_gap() {
    let dir = tempfile::tempdir().unwrap();
    let result = dir.path().join("result.json");
    let (audit, result) = (
        example("gold-supply-chain-finance.toml"),
        result.to_str().unwrap(),
    );
    let evaluated = bscore(&["evaluate", &audit, "--format", "json", "--output", result]);
    assert_eq!(evaluated.status.code(), Some(0));
    let verified = bscore(&["verify", result, &audit, "--lang", "zh"]);
    assert_eq!(verified.status.code(), Some(0), "{}", stdout(&verified));
    let text = stdout(&verified);
    assert!(text.starts_with("核验通过："), "{text}");
    assert!(text.contains("；已核对该结果"), "{text}");
}

#[test]
fn a_broken_result_is_told_even_when_its_audit_cannot_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let result = dir.path().join("broken.json");
    std::fs::write(&result, "{\"score\": 1,").unwrap();
    let audit = dir.path().join("missing.toml");
    let output = bscore(&["verify", result.to_str().unwrap(), audit.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let errors = String::from_utf8_lossy(&output.stderr);
    let json = (errors.find("broken.json:1:")).unwrap_or_else(|| {
        panic!(
            "no problem of the result:
{errors}"
        )
    });
    let missing = errors.find("missing.toml").expect("the audit's");
    assert!(
        json < missing,
        "the stored file first, as the verdict tells them:\n{errors}"
    );
}
