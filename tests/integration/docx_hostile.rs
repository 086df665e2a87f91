//! `bscore verify` given a DOCX evaluation report: the result it carries
//! is checked (exit 0, or 1 when it was altered) whatever was done to
//! the text, and a hostile DOCX — one that unpacks to gigabytes, holds
//! a thousand parts, two results, a result part broken or missing, or
//! is no archive at all — is refused with a message in either language
//! (exit 2), in bounded time and memory. Each DOCX is the one `bscore
//! report` writes for the example, with parts replaced or added.

use crate::common::{bscore, example, stdout};
use crate::form_hostile::{Parts, write, write_bomb};
use std::path::{Path, PathBuf};
use std::process::Output;

const AUDIT: &str = "gold-supply-chain-finance.toml";
const DOCUMENT: &str = "word/document.xml";
const RESULT_PART: &str = "customXml/item1.xml";

/// The JSON result of the example, as `bscore evaluate --format json`
/// writes it (in `lang`).
fn result_json(lang: &str) -> String {
    let output = bscore(&[
        "--lang",
        lang,
        "evaluate",
        &example(AUDIT),
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    stdout(&output)
}

/// `text` as XML character data.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The custom XML part holding `json`, as bscore writes it.
fn result_part(json: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><bscore-result xmlns="urn:x-bscore:evaluation-result">{}</bscore-result>"#,
        escaped(json)
    )
}

/// The parts of the example's DOCX evaluation report, as `bscore report`
/// writes it in `lang`.
fn report_parts(lang: &str) -> Parts {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("report.docx");
    let output = bscore(&[
        "--lang",
        lang,
        "report",
        &example(AUDIT),
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let bytes = std::fs::read(&docx).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).unwrap();
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// The text of part `name`.
fn part(parts: &Parts, name: &str) -> String {
    let (_, bytes) = parts.iter().find(|(part, _)| part == name).unwrap();
    String::from_utf8(bytes.clone()).unwrap()
}

fn without(mut parts: Parts, name: &str) -> Parts {
    parts.retain(|(part, _)| part != name);
    parts
}

fn replaced(mut parts: Parts, name: &str, text: String) -> Parts {
    let (_, bytes) = parts.iter_mut().find(|(part, _)| part == name).unwrap();
    *bytes = text.into_bytes();
    parts
}

fn written(dir: &Path, name: &str, parts: &Parts) -> PathBuf {
    let path = dir.join(name);
    write(&path, parts);
    path
}

/// `bscore verify DOCX AUDIT` in `lang` under a 1 GiB address-space cap
/// and a minute's time: an unbounded allocation fails, as does a hang.
fn verified(docx: &Path, lang: &str) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576; exec timeout 60 \"$0\" verify \"$@\"")
        .arg(env!("CARGO_BIN_EXE_bscore"))
        .arg(docx)
        .arg(example(AUDIT))
        .env("BSCORE_LANG", lang)
        .env_remove("COLUMNS")
        .env_remove("BSCORE_RULES")
        .output()
        .unwrap()
}

/// `docx` is refused (exit 2), the messages holding `zh`'s words in
/// Chinese and `en`'s in English.
fn refused(docx: &Path, zh: &[&str], en: &[&str]) {
    for (lang, words) in [("zh", zh), ("en", en)] {
        let output = verified(docx, lang);
        let errors = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{lang}: {errors}");
        for word in words {
            assert!(errors.contains(word), "{lang}: no {word:?} in:\n{errors}");
        }
    }
}

#[test]
fn a_docx_report_as_handed_over_is_verified_and_its_text_not_compared() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        let docx = written(dir.path(), &format!("{lang}.docx"), &report_parts(lang));
        let output = verified(&docx, lang);
        let said = stdout(&output);
        assert_eq!(output.status.code(), Some(0), "{lang}: {output:?}");
        let note = match lang {
            "zh" => "DOCX 评价报告的正文可由认证机构编辑，未与重新生成的报告比对",
            _ => "the DOCX evaluation report's text is the certification body's to edit",
        };
        assert!(said.contains(note), "{lang}: {said}");
        // The score of the example, 94.64, as the verdict states it.
        assert!(said.contains("94.64"), "{lang}: {said}");
    }
}

#[test]
fn a_docx_whose_text_the_certification_body_edited_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let parts = report_parts("zh");
    // The organisation's name as the report shows it, and a conclusion
    // written in by the certification body.
    let document = part(&parts, DOCUMENT);
    assert!(document.contains("示例科技有限公司"));
    let edited = document
        .replace("示例科技有限公司", "示例科技股份有限公司")
        .replacen(
            "</w:body>",
            "<w:p><w:r><w:t>认证机构意见：同意推荐认证。</w:t></w:r></w:p></w:body>",
            1,
        );
    let docx = written(
        dir.path(),
        "edited.docx",
        &replaced(parts, DOCUMENT, edited),
    );
    let output = verified(&docx, "en");
    assert_eq!(output.status.code(), Some(0), "{output:?}");
}

#[test]
fn a_docx_whose_result_was_altered_differs() {
    let dir = tempfile::tempdir().unwrap();
    for lang in ["zh", "en"] {
        let parts = report_parts(lang);
        let item = part(&parts, RESULT_PART);
        // The example scores 94.64 (compact JSON, quotes escaped in the
        // XML); the altered result claims 99.64.
        assert!(item.contains("&quot;score&quot;:94.64,"), "{item}");
        let altered = item.replacen("&quot;score&quot;:94.64,", "&quot;score&quot;:99.64,", 1);
        let parts = replaced(parts, RESULT_PART, altered);
        let docx = written(dir.path(), &format!("altered-{lang}.docx"), &parts);
        let output = verified(&docx, lang);
        let said = stdout(&output);
        assert_eq!(output.status.code(), Some(1), "{lang}: {output:?}");
        assert!(
            said.contains("99.64") && said.contains("94.64"),
            "{lang}: {said}"
        );
    }
    // A result spliced in from another report (the JSON file bscore
    // evaluate writes) verifies: the part is the result, wherever it came from.
    let parts = replaced(
        report_parts("zh"),
        RESULT_PART,
        result_part(&result_json("zh")),
    );
    let docx = written(dir.path(), "spliced.docx", &parts);
    assert_eq!(verified(&docx, "zh").status.code(), Some(0));
}

#[test]
fn a_docx_holding_no_result_is_said_to_hold_none() {
    let dir = tempfile::tempdir().unwrap();
    let plain = without(report_parts("zh"), RESULT_PART);
    let docx = written(dir.path(), "plain.docx", &plain);
    refused(
        &docx,
        &[
            "这份 DOCX 中没有 bscore 的结果",
            "bscore report 评价文件 -o 报告.docx",
        ],
        &[
            "this DOCX holds no bscore result",
            "bscore report AUDIT -o report.docx",
        ],
    );
    // Another program's custom XML is not a result either.
    let other = replaced(
        report_parts("zh"),
        RESULT_PART,
        r#"<?xml version="1.0"?><b:Sources xmlns:b="http://schemas.openxmlformats.org/officeDocument/2006/bibliography"/>"#.to_string(),
    );
    let docx = written(dir.path(), "other.docx", &other);
    refused(&docx, &["没有 bscore 的结果"], &["holds no bscore result"]);
}

#[test]
fn a_document_unpacking_to_a_gibibyte_is_refused_as_it_unpacks() {
    let dir = tempfile::tempdir().unwrap();
    let parts = report_parts("zh");
    let docx = dir.path().join("bomb.docx");
    let head = r#"<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>a"#;
    write_bomb(
        &docx,
        &parts,
        DOCUMENT,
        head,
        1,
        "</w:t></w:r></w:p></w:body></w:document>",
    );
    assert!(std::fs::metadata(&docx).unwrap().len() < 4 << 20);
    refused(
        &docx,
        &["DOCX 的组成部分 word/document.xml 解压后超过 32 MiB 的上限"],
        &["the DOCX's part word/document.xml unpacks to more than 32 MiB, the limit"],
    );
}

#[test]
fn a_docx_of_many_parts_that_unpack_to_too_much_in_all_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // Four parts of 30 MiB each: each within 32 MiB, 120 MiB in all,
    // over the 96 MiB the whole may unpack to. Deflated they are a few
    // hundred KiB.
    let mut parts = report_parts("zh");
    for index in 0..4 {
        parts.push((
            format!("word/media/filler{index}.bin"),
            vec![b'x'; 30 << 20],
        ));
    }
    let docx = written(dir.path(), "heavy.docx", &parts);
    refused(
        &docx,
        &["DOCX 解压后合计超过 96 MiB 的上限"],
        &["the DOCX unpacks to more than 96 MiB in all, the limit"],
    );
}

#[test]
fn a_docx_of_a_thousand_and_one_parts_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut parts = report_parts("zh");
    let count = 1_001 - parts.len();
    parts.extend((0..count).map(|index| (format!("word/extra{index}.xml"), b"<x/>".to_vec())));
    let docx = written(dir.path(), "parts.docx", &parts);
    refused(
        &docx,
        &["这份 DOCX 由 1001 个部分组成，超过 1000 个的上限"],
        &["this DOCX holds 1001 parts, over the limit of 1000"],
    );
}

#[test]
fn a_docx_holding_two_results_is_refused_as_pieced_together() {
    let dir = tempfile::tempdir().unwrap();
    let mut parts = report_parts("zh");
    let second = result_part(&result_json("en"));
    parts.push(("customXml/item2.xml".to_string(), second.into_bytes()));
    let docx = written(dir.path(), "two.docx", &parts);
    refused(
        &docx,
        &["这份 DOCX 中有 2 个 bscore 结果", "customXml/item2.xml"],
        &[
            "this DOCX holds 2 bscore results",
            "which is genuine cannot be told",
        ],
    );
}

#[test]
fn a_broken_result_part_or_result_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let json = result_json("zh");
    let broken_xml = result_part(&json).replace("</bscore-result>", "");
    let parts = replaced(report_parts("zh"), RESULT_PART, broken_xml);
    let docx = written(dir.path(), "broken-xml.docx", &parts);
    refused(
        &docx,
        &["DOCX 中记录结果的部分 customXml/item1.xml 已被改动"],
        &["the DOCX's result part customXml/item1.xml was changed"],
    );
    // The JSON cut after its first 10 characters.
    let cut: String = json.chars().take(10).collect();
    let parts = replaced(report_parts("zh"), RESULT_PART, result_part(&cut));
    let docx = written(dir.path(), "cut.docx", &parts);
    refused(
        &docx,
        &["DOCX 中记录的结果已被改动，无法读取"],
        &["the result the DOCX carries was changed and cannot be read"],
    );
}

#[test]
fn bytes_that_are_no_docx_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A ZIP's signature, then nothing a ZIP reader can open.
    let cut = dir.path().join("cut.docx");
    std::fs::write(&cut, b"PK\x03\x04 not an archive at all").unwrap();
    refused(
        &cut,
        &["不是可读取的 DOCX 文档"],
        &["not a readable DOCX document"],
    );
    // A real DOCX cut in half: its central directory is gone.
    let whole = written(dir.path(), "whole.docx", &report_parts("zh"));
    let bytes = std::fs::read(&whole).unwrap();
    let half = dir.path().join("half.docx");
    std::fs::write(&half, &bytes[..bytes.len() / 2]).unwrap();
    refused(
        &half,
        &["不是可读取的 DOCX 文档"],
        &["not a readable DOCX document"],
    );
}

#[test]
fn a_docx_report_given_as_the_audit_is_named_as_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let docx = written(dir.path(), "report.docx", &report_parts("zh"));
    for (lang, words) in [
        ("zh", "这是 DOCX 文档（评价报告），不是评价文件"),
        (
            "en",
            "this is a DOCX document (an evaluation report), not an audit",
        ),
    ] {
        let output = bscore(&["--lang", lang, "evaluate", docx.to_str().unwrap()]);
        let errors = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{lang}: {errors}");
        assert!(errors.contains(words), "{lang}: {errors}");
    }
}
