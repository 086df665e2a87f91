//! The XLSX form reader on hostile workbooks: a real form, as bscore
//! writes it from an example audit, with some of its parts (sheets, shared
//! strings, styles, the workbook's own list of sheets) replaced by or
//! extended with fuzzed bytes, zipped again. Whatever the parts hold, the
//! reader and the validation after it must answer — an audit or located
//! problems — never panic, never spend memory beyond the form limits.
//!
//! Input layout: each part is `[index byte][mode byte][length: u16 LE][bytes]`,
//! repeated; the index picks a part of the real form (modulo their count), the
//! mode replaces it (even) or appends to it (odd). Short or ragged input is
//! used as far as it goes.

#![no_main]

use bscore::Audit;
use bscore::Checklist;
use bscore::{form_workbook, read_form};
use bscore::Lang;
use libfuzzer_sys::fuzz_target;
use std::io::{Cursor, Read, Write};
use std::sync::LazyLock;

static CHECKLIST: LazyLock<Checklist> = LazyLock::new(Checklist::builtin);

/// The parts of a real form: the gold example, written in Chinese.
static PARTS: LazyLock<Vec<(String, Vec<u8>)>> = LazyLock::new(|| {
    let text = include_str!("../../examples/gold-supply-chain-finance.toml");
    let audit = Audit::parse("gold.toml", text, &CHECKLIST).expect("the example is valid");
    let bytes =
        form_workbook(&CHECKLIST, Some(&audit), None, Lang::Zh).expect("the form is written");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|at| {
            let mut entry = archive.by_index(at).expect("an entry");
            let mut content = Vec::new();
            entry.read_to_end(&mut content).expect("readable");
            (entry.name().expect("a name").to_string(), content)
        })
        .collect()
});

/// The real form's parts with the fuzzed changes applied, zipped again.
fn workbook(data: &[u8]) -> Vec<u8> {
    let mut parts = PARTS.clone();
    let mut rest = data;
    while let [index, mode, low, high, tail @ ..] = rest {
        let length = usize::from(u16::from_le_bytes([*low, *high])).min(tail.len());
        let (bytes, after) = tail.split_at(length);
        let part = &mut parts[usize::from(*index) % PARTS.len()].1;
        if mode % 2 == 0 {
            part.clear();
        }
        part.extend_from_slice(bytes);
        rest = after;
    }
    let mut zipped = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    for (name, content) in &parts {
        zipped.start_file(name.as_str(), options).expect("zip entry");
        zipped.write_all(content).expect("zip write");
    }
    zipped.finish().expect("zip finish").into_inner()
}

fuzz_target!(|data: &[u8]| {
    let bytes = workbook(data);
    let Ok(form) = read_form("fuzz.xlsx", &bytes) else {
        return;
    };
    match form.audit("fuzz.xlsx", &CHECKLIST, None) {
        // Every problem is rendered: messages slice the TOML around each.
        Err(error) => assert!(error.to_string().starts_with("error: ")),
        Ok(audit) => {
            // The audit read back is written as a form again.
            form_workbook(&CHECKLIST, Some(&audit), None, Lang::En).expect("written again");
        }
    }
});
