//! Hostile forms: a workbook within the 4 MiB input limit that unpacks to
//! gigabytes, declares a cell at XFD1048576 or a billion shared strings,
//! or holds a date serial no calendar has, is refused with a located
//! message (exit 2) in bounded time and memory, and never takes the other
//! audits of a batch with it. Each form is a real one, as bscore writes
//! it, with parts spliced in; the binary runs under a memory cap, so that
//! an unbounded allocation fails the test instead of eating the machine.

use crate::common::example;
use bscore::Checks;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The first sheet's part in the forms bscore writes.
const SHEET: &str = "xl/worksheets/sheet1.xml";

/// A workbook's parts, by name, in order.
pub(crate) type Parts = Vec<(String, Vec<u8>)>;

/// The parts of the form of the gold example, as `bscore convert` writes it.
fn real_form() -> Parts {
    let checklist = bscore::Checklist::builtin();
    let name = example("gold-supply-chain-finance.toml");
    let text = std::fs::read_to_string(&name).unwrap();
    let audit = bscore::Audit::parse(&name, &text, &checklist).unwrap();
    let bytes = bscore::form_workbook(&checklist, Some(&audit), None, bscore::Lang::Zh).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect()
}

/// The text of part `name`.
fn part(parts: &Parts, name: &str) -> String {
    let (_, bytes) = parts.iter().find(|(n, _)| n == name).unwrap();
    String::from_utf8(bytes.clone()).unwrap()
}

/// `parts` with part `name` replaced by `text`.
fn with_part(mut parts: Parts, name: &str, text: String) -> Parts {
    let (_, bytes) = parts.iter_mut().find(|(n, _)| n == name).unwrap();
    *bytes = text.into_bytes();
    parts
}

/// The first sheet with `rows` (whole `<row>` elements) after its own.
fn with_rows(parts: Parts, rows: &str) -> Parts {
    let sheet = part(&parts, SHEET);
    let sheet = sheet.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1);
    with_part(parts, SHEET, sheet)
}

/// The workbook of `parts`, deflated by the zip crate.
pub(crate) fn write(path: &Path, parts: &Parts) {
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
}

/// The workbook of `parts`, stored, with part `name` replaced by `head`,
/// then `gib` GiB of the byte `head` ends with, then `tail`, deflated by
/// hand ([`bomb`]) without its CRC (never reached: the reader stops at
/// its limit), so that no test holds a gibibyte in memory or spends
/// seconds compressing one.
pub(crate) fn write_bomb(path: &Path, parts: &Parts, name: &str, head: &str, gib: u64, tail: &str) {
    let mut zip = Vec::new();
    let mut central = Vec::new();
    let mut count: u16 = 0;
    let mut entry = |zip: &mut Vec<u8>, name: &str, method: u16, data: &[u8], size: u32| {
        let offset = u32::try_from(zip.len()).unwrap();
        let crc = if method == 0 { crc32(data) } else { 0 };
        let fields = |out: &mut Vec<u8>| {
            out.extend(20u16.to_le_bytes()); // version needed
            out.extend(0u16.to_le_bytes()); // flags
            out.extend(method.to_le_bytes());
            out.extend([0u8; 4]); // time, date
            out.extend(crc.to_le_bytes());
            out.extend(u32::try_from(data.len()).unwrap().to_le_bytes());
            out.extend(size.to_le_bytes());
            out.extend(u16::try_from(name.len()).unwrap().to_le_bytes());
            out.extend(0u16.to_le_bytes()); // extra
        };
        zip.extend(0x0403_4b50u32.to_le_bytes());
        fields(zip);
        zip.extend(name.as_bytes());
        zip.extend(data);
        central.extend(0x0201_4b50u32.to_le_bytes());
        central.extend(20u16.to_le_bytes()); // made by
        fields(&mut central);
        central.extend([0u8; 6]); // comment, disk, internal attributes
        central.extend([0u8; 4]); // external attributes
        central.extend(offset.to_le_bytes());
        central.extend(name.as_bytes());
        count += 1;
    };
    // The size it unpacks to, as a ZIP writer would declare it.
    let size = u32::try_from(head.len() as u64 + (gib << 30) / 258 * 258 + tail.len() as u64)
        .unwrap_or(u32::MAX);
    for (part, bytes) in parts {
        if part != name {
            let size = u32::try_from(bytes.len()).unwrap();
            entry(&mut zip, part, 0, bytes, size);
        }
    }
    entry(
        &mut zip,
        name,
        8,
        &bomb(head.as_bytes(), gib, tail.as_bytes()),
        size,
    );
    let at = u32::try_from(zip.len()).unwrap();
    let size = u32::try_from(central.len()).unwrap();
    zip.extend(central);
    zip.extend(0x0605_4b50u32.to_le_bytes());
    zip.extend([0u8; 4]); // disks
    zip.extend(count.to_le_bytes());
    zip.extend(count.to_le_bytes());
    zip.extend(size.to_le_bytes());
    zip.extend(at.to_le_bytes());
    zip.extend([0u8; 2]); // comment
    std::fs::write(path, zip).unwrap();
}

/// A deflate stream of `head`, `gib` GiB repeating its last byte, and
/// `tail`: the two texts in stored blocks, the repeats in one block of
/// Huffman codes of one bit each, a match of 258 bytes at distance 1
/// costing two bits (a thousandth of what it unpacks to).
fn bomb(head: &[u8], gib: u64, tail: &[u8]) -> Vec<u8> {
    let mut bits = Bits::default();
    stored(&mut bits, head, false);
    bits.put(0, 1); // not final
    bits.put(2, 2); // dynamic Huffman codes
    bits.put(29, 5); // HLIT: 286 literal/length codes
    bits.put(0, 5); // HDIST: 1 distance code
    bits.put(14, 4); // HCLEN: 18 code length codes
    // The code length codes in their order; only 0 and 1 are used.
    for symbol in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1] {
        bits.put(u32::from(symbol <= 1), 3);
    }
    // Literal/length code lengths: 256 (end) and 285 (258 bytes) only;
    // each length is written with its one-bit code (0 → 0, 1 → 1).
    for symbol in 0..286 {
        bits.put(u32::from(symbol == 256 || symbol == 285), 1);
    }
    bits.put(1, 1); // the one distance code (1 byte back)
    for _ in 0..(gib << 30) / 258 {
        bits.put(1, 1); // 285: 258 bytes
        bits.put(0, 1); // distance 1
    }
    bits.put(0, 1); // 256: end of block
    stored(&mut bits, tail, true);
    bits.bytes
}

/// `data` as stored blocks of at most 65,535 bytes.
fn stored(bits: &mut Bits, data: &[u8], last: bool) {
    let chunks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (index, chunk) in chunks.iter().enumerate() {
        bits.put(u32::from(last && index + 1 == chunks.len()), 1);
        bits.put(0, 2);
        bits.align();
        let length = u16::try_from(chunk.len()).unwrap();
        bits.bytes.extend(length.to_le_bytes());
        bits.bytes.extend((!length).to_le_bytes());
        bits.bytes.extend(*chunk);
    }
}

/// Bits packed as deflate packs them: from each byte's lowest bit.
#[derive(Default)]
struct Bits {
    bytes: Vec<u8>,
    used: u32,
}

impl Bits {
    fn put(&mut self, value: u32, count: u32) {
        for bit in 0..count {
            if self.used.is_multiple_of(8) {
                self.bytes.push(0);
            }
            if value >> bit & 1 == 1 {
                *self.bytes.last_mut().unwrap() |= 1 << (self.used % 8);
            }
            self.used += 1;
        }
    }

    fn align(&mut self) {
        self.used = self.used.next_multiple_of(8);
    }
}

/// The CRC-32 of a stored part (ZIP's, bit by bit: parts are small).
fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in data {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A folder for a test's files.
fn folder() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The form of `parts` written in `dir` as `name`, within the 4 MiB
/// input limit.
fn form_in(dir: &Path, name: &str, parts: &Parts) -> PathBuf {
    let path = dir.join(name);
    write(&path, parts);
    within_input_limit(&path);
    path
}

fn within_input_limit(path: &Path) {
    let size = std::fs::metadata(path).unwrap().len();
    assert!(size < 4 << 20, "{} is {size} bytes", path.display());
}

/// `bscore evaluate ARGS` in `lang` under a 1 GiB address-space cap and
/// a minute's time: an unbounded allocation fails, as does a hang.
fn capped(args: &[&Path], lang: &str) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg("ulimit -v 1048576; exec timeout 60 \"$0\" evaluate \"$@\"")
        .arg(env!("CARGO_BIN_EXE_bscore"))
        .args(args)
        .env("BSCORE_LANG", lang)
        .env_remove("COLUMNS")
        .output()
        .unwrap()
}

/// `form` is refused (exit 2), the messages holding `zh`'s words in
/// Chinese and `en`'s in English.
fn refused(form: &Path, zh: &[&str], en: &[&str]) {
    for (lang, words) in [("zh", zh), ("en", en)] {
        let output = capped(&[form], lang);
        let errors = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{lang}: {errors}");
        for word in words {
            assert!(errors.contains(word), "{lang}: no {word:?} in:\n{errors}");
        }
    }
}

/// The first sheet's XML up to its last row, and from there.
fn sheet_split(parts: &Parts) -> (String, String) {
    let sheet = part(parts, SHEET);
    let at = sheet.find("</sheetData>").unwrap();
    (sheet[..at].to_string(), sheet[at..].to_string())
}

#[test]
fn a_cell_at_xfd1048576_is_read_as_the_one_cell_it_is() {
    let dir = folder();
    let row = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
    let form = form_in(dir.path(), "far.xlsx", &with_rows(real_form(), row));
    refused(
        &form,
        &["评分表!XFD1048576", "这一列没有表头"],
        &["评分表!XFD1048576", "this column has no heading"],
    );
}

/// An XLSX report given to `verify` is unpacked within the same limits as
/// a form: one whose sheet unpacks to a gibibyte is refused as it
/// unpacks, under the memory cap, before any part is parsed.
#[test]
fn a_report_unpacking_to_a_gibibyte_is_refused_by_verify() {
    let dir = folder();
    let audit = example("gold-supply-chain-finance.toml");
    let report = dir.path().join("report.xlsx");
    let written = crate::common::bscore(&["evaluate", &audit, "-o", report.to_str().unwrap()]);
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    let bytes = std::fs::read(&report).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let parts: Parts = (0..archive.len())
        .map(|index| {
            let mut entry = archive.by_index(index).unwrap();
            let mut bytes = Vec::new();
            entry.read_to_end(&mut bytes).unwrap();
            (entry.name().unwrap().to_string(), bytes)
        })
        .collect();
    let (head, tail) = sheet_split(&parts);
    let head = format!(r#"{head}<row r="900"><c r="A900" t="inlineStr"><is><t>a"#);
    let bomb = dir.path().join("bomb.xlsx");
    write_bomb(
        &bomb,
        &parts,
        SHEET,
        &head,
        1,
        &format!("</t></is></c></row>{tail}"),
    );
    within_input_limit(&bomb);
    for (lang, words) in [
        ("zh", "解压后超过 32 MiB 的上限"),
        ("en", "unpacks to more than 32 MiB, the limit"),
    ] {
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1048576; exec timeout 60 \"$0\" verify \"$@\"")
            .arg(env!("CARGO_BIN_EXE_bscore"))
            .args([bomb.as_path(), Path::new(&audit)])
            .env("BSCORE_LANG", lang)
            .output()
            .unwrap();
        let errors = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{lang}: {errors}");
        assert!(errors.contains(words), "{lang}: {errors}");
    }
}

#[test]
fn a_cell_unpacking_to_a_gibibyte_is_refused_as_it_unpacks() {
    let dir = folder();
    let parts = real_form();
    let (head, tail) = sheet_split(&parts);
    let head = format!(r#"{head}<row r="200"><c r="J200" t="inlineStr"><is><t>a"#);
    let tail = format!("</t></is></c></row>{tail}");
    let form = dir.path().join("gib.xlsx");
    write_bomb(&form, &parts, SHEET, &head, 1, &tail);
    within_input_limit(&form);
    refused(
        &form,
        &[
            "工作表“评分表”解压后超过 32 MiB 的上限",
            "删除多余的行列后另存",
        ],
        &["the sheet \"评分表\" unpacks to more than 32 MiB, the limit"],
    );
}

#[test]
fn shared_text_unpacking_to_a_gibibyte_is_refused_as_it_unpacks() {
    let dir = folder();
    let parts = real_form();
    let strings = part(&parts, "xl/sharedStrings.xml");
    let at = strings.find("</sst>").unwrap();
    let head = format!("{}<si><t>a", &strings[..at]);
    let tail = format!("</t></si>{}", &strings[at..]);
    let form = dir.path().join("text.xlsx");
    write_bomb(&form, &parts, "xl/sharedStrings.xml", &head, 1, &tail);
    within_input_limit(&form);
    refused(
        &form,
        &["评分表中的文字（共享字符串）解压后超过 32 MiB 的上限"],
        &["the form's text (its shared strings) unpacks to more than 32 MiB"],
    );
}

#[test]
fn a_cell_over_excels_32767_characters_is_named() {
    let dir = folder();
    let text = "长".repeat(40_000);
    let row = format!(r#"<row r="200"><c r="J200" t="inlineStr"><is><t>{text}</t></is></c></row>"#);
    let form = form_in(dir.path(), "long.xlsx", &with_rows(real_form(), &row));
    refused(
        &form,
        &["评分表!J200", "40000 个字符，超过一格 32767 个字符的上限"],
        &[
            "评分表!J200",
            "holds 40000 characters, over the limit of 32767",
        ],
    );
}

#[test]
fn a_sheet_of_a_million_rows_is_refused_at_its_limit() {
    let dir = folder();
    let rows = r#"<row><c s="3"/></row>"#.repeat(1_100_000);
    let form = form_in(dir.path(), "rows.xlsx", &with_rows(real_form(), &rows));
    refused(
        &form,
        &["工作表“评分表”的单元格超过 1000000 个的上限", "评分表!A"],
        &["the sheet \"评分表\" holds more than 1000000 cells, the limit"],
    );
}

#[test]
fn a_sheet_unpacking_past_its_limit_is_refused() {
    let dir = folder();
    // 40 MiB of rows of one empty styled cell each: under the cell limit.
    let row =
        r#"<row spans="1:15" ht="17.25" customHeight="1" x14ac:dyDescent="0.25"><c s="3"/></row>"#;
    let rows = row.repeat((40 << 20) / row.len());
    let form = form_in(dir.path(), "wide.xlsx", &with_rows(real_form(), &rows));
    refused(
        &form,
        &["工作表“评分表”解压后超过 32 MiB 的上限"],
        &["the sheet \"评分表\" unpacks to more than 32 MiB"],
    );
}

#[test]
fn too_many_shared_strings_and_a_huge_unique_count_are_refused() {
    let dir = folder();
    let parts = real_form();
    let strings = part(&parts, "xl/sharedStrings.xml");
    let many = strings.replacen(
        "</sst>",
        &format!("{}</sst>", "<si><t>a</t></si>".repeat(600_000)),
        1,
    );
    let form = form_in(
        dir.path(),
        "many.xlsx",
        &with_part(parts.clone(), "xl/sharedStrings.xml", many),
    );
    refused(
        &form,
        &["评分表中不同的文字超过 500000 条的上限"],
        &["the form holds more than 500000 distinct texts, the limit"],
    );
    let count = strings.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
    let end = count + strings[count..].find('"').unwrap();
    let claimed = format!("{}1000000000000000{}", &strings[..count], &strings[end..]);
    let form = form_in(
        dir.path(),
        "claimed.xlsx",
        &with_part(parts, "xl/sharedStrings.xml", claimed),
    );
    refused(
        &form,
        &["工作簿声称有 1000000000000000 条不同的文字（共享字符串的 uniqueCount）"],
        &["the workbook claims 1000000000000000 distinct texts"],
    );
}

/// A date cell's serial that is no day of the calendar (negative, past
/// 9999-12-31, infinite, not a number) is refused at its cell as the
/// number it is; a negative one was read as a day of 1899 or before.
#[test]
fn a_date_serial_no_calendar_holds_is_a_located_error() {
    let dir = folder();
    let parts = real_form();
    let sheet = part(&parts, SHEET);
    // 评价日期 is B5, a date cell; 周期起始 B7, empty, in the same style.
    let date = r#"<c r="B5" s="4"><v>46162</v></c>"#;
    assert!(sheet.contains(date), "the form's date cell");
    for serial in [
        "-1", "-693594", "NaN", "-7304485", "2958466", "7304485", "1e300", "INF",
    ] {
        let cell = format!(r#"<c r="B5" s="4"><v>{serial}</v></c>"#);
        let sheet = sheet.replacen(date, &cell, 1);
        let form = form_in(
            dir.path(),
            "date.xlsx",
            &with_part(parts.clone(), SHEET, sheet),
        );
        let shown = match serial {
            "1e300" => "1E+300",
            "INF" => "inf",
            other => other,
        };
        refused(
            &form,
            &["评分表!B5：评价日期应为日期", &format!("实际为“{shown}”")],
            &[
                "评分表!B5: Date must be a date",
                &format!("found \"{shown}\""),
            ],
        );
    }
    let cycle = r#"<c r="B7" s="4"/>"#;
    assert!(sheet.contains(cycle), "the form's cycle start cell");
    for serial in ["-2", "9999999"] {
        let cell = format!(r#"<c r="B7" s="4"><v>{serial}</v></c>"#);
        let sheet = sheet.replacen(cycle, &cell, 1);
        let form = form_in(
            dir.path(),
            "cycle.xlsx",
            &with_part(parts.clone(), SHEET, sheet),
        );
        refused(
            &form,
            &["评分表!B7：周期起始应为日期", &format!("实际为“{serial}”")],
            &[
                "评分表!B7: Cycle start must be a date",
                &format!("found \"{serial}\""),
            ],
        );
    }
}

#[test]
fn a_batch_with_a_hostile_form_evaluates_every_other_audit() {
    let dir = folder();
    let row = r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;
    form_in(dir.path(), "b-far.xlsx", &with_rows(real_form(), row));
    let parts = real_form();
    let strings = part(&parts, "xl/sharedStrings.xml");
    let count = strings.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
    let end = count + strings[count..].find('"').unwrap();
    let claimed = format!("{}1000000000000000{}", &strings[..count], &strings[end..]);
    form_in(
        dir.path(),
        "c-claimed.xlsx",
        &with_part(parts, "xl/sharedStrings.xml", claimed),
    );
    for name in ["gold-supply-chain-finance.toml", "platinum-notary.toml"] {
        std::fs::copy(example(name), dir.path().join(format!("a-{name}"))).unwrap();
    }
    form_in(dir.path(), "d-good.xlsx", &real_form());
    let output = capped(&[dir.path()], "en");
    let (reports, errors) = (
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr),
    );
    assert_eq!(output.status.code(), Some(2), "{errors}");
    for evaluated in [
        "a-gold-supply-chain-finance.toml",
        "a-platinum-notary.toml",
        "d-good.xlsx",
    ] {
        assert!(reports.contains(evaluated), "no {evaluated} in:\n{reports}");
    }
    assert!(
        errors.contains("b-far.xlsx") && errors.contains("c-claimed.xlsx"),
        "{errors}"
    );
    assert!(reports.contains("not evaluated"), "{reports}");
}

/// `count` rows from row 200 on, each an unknown id (9.200.x …) with a
/// coefficient: two filled cells a row.
fn unknown_id_rows(count: u32) -> String {
    (200..200 + count)
        .map(|row| {
            format!(r#"<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>9.{row}.x</t></is></c><c r="D{row}"><v>0</v></c></row>"#)
        })
        .collect()
}

#[test]
fn a_form_of_49000_unknown_ids_reports_each_of_them_and_lists_the_first() {
    let dir = folder();
    let rows = unknown_id_rows(49_000);
    let form = form_in(dir.path(), "ids.xlsx", &with_rows(real_form(), &rows));
    let bytes = std::fs::read(&form).unwrap();
    let read = bscore::read_form("ids.xlsx", &bytes).unwrap();
    assert!(read.problems.is_empty(), "{:?}", read.problems.first());
    for row in [200, 25_000, 49_199] {
        let line = format!("\"9.{row}.x\" = {{ coefficient = 0 }}\n");
        assert!(read.toml.contains(&line), "no {line:?}");
    }
    let checklist = bscore::Checklist::builtin();
    let error = read
        .audit("ids.xlsx", &checklist, Checks::default())
        .unwrap_err();
    assert_eq!(error.count(), 49_000, "one problem per unknown id");
    // The rows past those that can be listed are counted, not parsed:
    // what is listed is still the first hundred, in the rows' order.
    let cells: Vec<_> = (error.problems.iter())
        .map(|problem| problem.diagnostic.key.clone().unwrap_or_default())
        .collect();
    let expected: Vec<_> = (200..300).map(|row| format!("评分表!A{row}")).collect();
    assert_eq!(cells, expected);
    assert!(
        error.problems[99].diagnostic.message.zh.contains("9.299.x"),
        "{:?}",
        error.problems[99].diagnostic.message
    );
}

#[test]
fn a_sheet_of_more_filled_cells_than_a_form_could_need_is_refused() {
    let dir = folder();
    let rows = unknown_id_rows(50_000);
    let form = form_in(dir.path(), "filled.xlsx", &with_rows(real_form(), &rows));
    within_input_limit(&form);
    refused(
        &form,
        &[
            "工作表“评分表”中填了内容的单元格超过 100000 个的上限",
            "评分表!",
        ],
        &["the sheet \"评分表\" has more than 100000 cells holding a value or formula, the limit"],
    );
}

/// `count` rows from row `first` on, each a coefficient with no id: a
/// problem of the form's own, one a row.
fn rows_without_id(first: u32, count: u32) -> String {
    (first..first + count)
        .map(|row| format!(r#"<row r="{row}"><c r="D{row}"><v>0</v></c></row>"#))
        .collect()
}

#[test]
fn the_forms_own_problems_and_the_audits_are_listed_together_first_by_cell() {
    let dir = folder();
    // 150 rows with no id (the form's own problems), then 150 unknown ids
    // (the audit's): the first hundred by cell are all of the first kind.
    let unknown: String = (400..550)
        .map(|row| {
            format!(r#"<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>9.{row}.x</t></is></c><c r="D{row}"><v>0</v></c></row>"#)
        })
        .collect();
    let rows = rows_without_id(200, 150) + &unknown;
    let form = form_in(dir.path(), "both.xlsx", &with_rows(real_form(), &rows));
    let bytes = std::fs::read(&form).unwrap();
    let read = bscore::read_form("both.xlsx", &bytes).unwrap();
    let checklist = bscore::Checklist::builtin();
    let error = read
        .audit("both.xlsx", &checklist, Checks::default())
        .unwrap_err();
    assert_eq!(error.count(), 300, "every problem counted");
    let cells: Vec<_> = (error.problems.iter())
        .map(|problem| problem.diagnostic.key.clone().unwrap_or_default())
        .collect();
    let expected: Vec<_> = (200..300).map(|row| format!("评分表!A{row}")).collect();
    assert_eq!(cells, expected, "the first hundred by cell, and only they");
}

#[test]
fn a_form_holding_more_than_an_audit_file_may_is_refused_at_the_cell_that_passes_it() {
    let dir = folder();
    // 10,000 special deductions of 440 characters: within every limit of
    // the workbook, but 4.4 MB written as TOML, over a TOML audit's 4 MiB.
    let form = form_in(
        dir.path(),
        "long.xlsx",
        &with_deductions(10_000, &"x".repeat(440)),
    );
    within_input_limit(&form);
    refused(
        &form,
        &[
            "表单里的评价内容写成评价文件有 4.",
            "超过评价文件 4 MiB 的上限",
            "特别扣分与加分!B",
        ],
        &[
            "over the limit of 4 MiB an audit file may be",
            "特别扣分与加分!B",
        ],
    );
    // convert writes no TOML audit that bscore would then refuse.
    let toml = dir.path().join("long.toml");
    let converted = convert(&form, &toml);
    let errors = String::from_utf8_lossy(&converted.stderr);
    assert_eq!(converted.status.code(), Some(2), "{errors}");
    assert!(errors.contains("超过评价文件 4 MiB 的上限"), "{errors}");
    assert!(!toml.exists());
}

#[test]
fn convert_refuses_a_form_whose_kinds_as_ids_pass_what_an_audit_may_be() {
    // 49,000 deductions of 白皮书 with a short finding: under 4 MiB as the
    // form's TOML (白皮书 as written), over it once each kind is written
    // as its checklist id, as `convert` writes it.
    let dir = folder();
    let form = form_in(
        dir.path(),
        "kinds.xlsx",
        &with_deductions(49_000, &"A".repeat(29)),
    );
    let bytes = std::fs::read(&form).unwrap();
    let read = bscore::read_form("kinds.xlsx", &bytes).unwrap();
    assert!(
        read.toml.len() <= 4 << 20,
        "{} bytes as read",
        read.toml.len()
    );
    let checklist = bscore::Checklist::builtin();
    let audit = read
        .audit("kinds.xlsx", &checklist, Checks::default())
        .unwrap();
    let error = read.toml_of("kinds.xlsx", &audit).unwrap_err();
    let problem = &error.problems[0].diagnostic;
    assert!(
        problem.message.zh.contains("超过评价文件 4 MiB 的上限"),
        "{}",
        problem.message.zh
    );
    let cell = problem.key.as_deref().unwrap_or_default();
    assert!(
        cell.starts_with("特别扣分与加分!A"),
        "the kind that passes it: {cell}"
    );
    let toml = dir.path().join("kinds.toml");
    let converted = convert(&form, &toml);
    assert_eq!(converted.status.code(), Some(2));
    assert!(!toml.exists(), "convert wrote an audit bscore refuses");
}

/// The gold example's form with `count` special deductions of 白皮书,
/// each with `finding`, as the rows of its second sheet, 特别扣分与加分.
fn with_deductions(count: u32, finding: &str) -> Parts {
    let rows: String = (2..2 + count)
        .map(|row| {
            format!(r#"<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>白皮书</t></is></c><c r="B{row}" t="inlineStr"><is><t>{finding}</t></is></c></row>"#)
        })
        .collect();
    let deductions = "xl/worksheets/sheet2.xml";
    let parts = real_form();
    let sheet = part(&parts, deductions);
    let end = sheet.find("</sheetData>").unwrap();
    let start = sheet.find("<row r=\"2\"").unwrap_or(end);
    let sheet = format!("{}{rows}{}", &sheet[..start], &sheet[end..]);
    with_part(parts, deductions, sheet)
}

/// `bscore convert form -o toml`.
fn convert(form: &Path, toml: &Path) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_bscore"))
        .arg("convert")
        .arg(form)
        .arg("-o")
        .arg(toml)
        .output()
        .unwrap()
}
