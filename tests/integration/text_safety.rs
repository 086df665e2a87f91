//! Text is data everywhere: an audit's or a checklist's text never turns
//! into TOML, a formula or a terminal command, never hides behind an
//! invisible character, never changes on its way through the form, never
//! breaks an XLSX, and never floods a terminal.

use crate::common::{bscore, bscore_command};
use bscore::{Audit, Status};
use bscore::{BUILTIN_SOURCE, Checklist};
use calamine::{Data, Reader, Xlsx};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The invisible and direction characters of each class that must never
/// reach a human-facing output raw: separators (Zl, Zp), marks and
/// isolates (Cf), zero-width space and the byte order mark (Cf), a C1
/// control (Cc).
const INVISIBLE: [char; 11] = [
    '\u{2028}', '\u{2029}', '\u{200f}', '\u{61c}', '\u{200b}', '\u{feff}', '\u{202e}', '\u{2066}',
    '\u{2069}', '\u{ad}', '\u{85}',
];

/// Every [`INVISIBLE`] character, between letters.
fn invisible_text() -> String {
    INVISIBLE.iter().map(|c| format!("a{c}")).collect()
}

/// A TOML string literal of `text` (raw where TOML allows it).
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// The texts an audit holds, each set by a test.
struct Texts<'a> {
    organization: &'a str,
    service: &'a str,
    record: &'a str,
    note: &'a str,
    reason: &'a str,
    rejection: &'a str,
    finding: &'a str,
    practice: &'a str,
}

impl Default for Texts<'_> {
    fn default() -> Self {
        Texts {
            organization: "测试科技有限公司",
            service: "测试服务",
            record: "查看了服务咨询人员名单",
            note: "名单未写明职责",
            reason: "该服务不提供线下渠道",
            rejection: "现场发现该服务设有线下网点",
            finding: "未备案即上线服务",
            practice: "建立了完整的应急演练机制",
        }
    }
}

/// A valid audit holding `texts`: 4.1.a lost half its points with a
/// record and a note, 4.1.b excluded, 4.1.c's exclusion rejected, a
/// special deduction and the bonus; every other indicator conforms.
fn audit_source(texts: &Texts<'_>) -> String {
    format!(
        r#"[audit]
standard = "T/STIC130010-2022"
organization = {}
service = {}
assessors = ["张三"]
date = 2026-03-15
kind = "initial"
unassessed = "conform"

[indicators]
"4.1.a" = {{ coefficient = 0.5, record = {}, note = {} }}
"4.1.b" = {{ excluded = {} }}
"4.1.c" = {{ excluded = "该服务不涉及此项业务", rejected = {}, coefficient = 1 }}

[[special_deductions]]
kind = "law"
finding = {}

[bonus]
practice = {}
"#,
        quoted(texts.organization),
        quoted(texts.service),
        quoted(texts.record),
        quoted(texts.note),
        quoted(texts.reason),
        quoted(texts.rejection),
        quoted(texts.finding),
        quoted(texts.practice),
    )
}

/// A fresh directory holding `a.toml` with `source`.
fn audit_file(source: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.toml");
    std::fs::write(&path, source).unwrap();
    (dir, path)
}

fn text(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// Every string cell of every visible sheet of an XLSX workbook.
fn xlsx_strings(path: &Path) -> Vec<String> {
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names: Vec<String> = (workbook.sheets_metadata().iter())
        .filter(|sheet| sheet.visible == calamine::SheetVisible::Visible)
        .map(|sheet| sheet.name.clone())
        .collect();
    let mut strings = Vec::new();
    for name in names {
        let range = workbook.worksheet_range(&name).unwrap();
        strings.extend(range.used_cells().filter_map(|(_, _, cell)| match cell {
            Data::String(text) => Some(text.clone()),
            _ => None,
        }));
    }
    strings
}

/// A part of an XLSX package as text.
fn xlsx_part(path: &Path, part: &str) -> String {
    let mut xml = String::new();
    zip::ZipArchive::new(std::fs::File::open(path).unwrap())
        .unwrap()
        .by_name(part)
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn assert_no_raw_invisible(output: &str, what: &str) {
    for c in INVISIBLE {
        assert!(
            !output.contains(c),
            "{what}: raw U+{:04X} in the output",
            u32::from(c)
        );
    }
}

/// The built-in checklist with its first indicator's text, in both
/// languages, and its title set to `text` (given as a TOML string).
fn hostile_checklist(text: &str, title: &str) -> String {
    let source = BUILTIN_SOURCE
        .replacen(
            "text = \"配备了专业的服务咨询工作人员\"",
            &format!("text = {text}"),
            1,
        )
        .replacen(
            "text_en = \"Professional consultation staff are assigned\"",
            &format!("text_en = {text}"),
            1,
        )
        .replacen(
            "title = \"区块链服务认证规范\"",
            &format!("title = {title}"),
            1,
        )
        .replacen(
            "title_en = \"Certification Standard for Blockchain Service\"",
            &format!("title_en = {title}"),
            1,
        );
    assert_ne!(source, BUILTIN_SOURCE);
    source
}

#[test]
fn a_custom_checklist_cannot_inject_lines_into_the_template() {
    let injected = r#""x\nINJECT = 1\n\"4.1.b\" = 0\r\n[bonus]\u2028practice = \"free point\"\u000bA\u000cB\u0085C\u2029D\u001b[31m\u0007\u202e""#;
    let dir = tempfile::tempdir().unwrap();
    let checklist = dir.path().join("c.toml");
    std::fs::write(
        &checklist,
        hostile_checklist(injected, r#""T\n#:schema ./evil.json""#),
    )
    .unwrap();
    let parsed = Checklist::parse("c.toml", &std::fs::read_to_string(&checklist).unwrap())
        .expect("the hostile checklist is a valid checklist");
    for lang in ["zh", "en"] {
        let output = bscore(&["template", "--checklist", text(&checklist), "--lang", lang]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let template = String::from_utf8(output.stdout).unwrap();
        let raw = |c: char| {
            c != '\n' && (c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202e}'))
        };
        assert!(
            !template.chars().any(raw),
            "{lang}: raw control in\n{template}"
        );
        let schemas = template
            .lines()
            .filter(|l| l.starts_with("#:schema"))
            .count();
        assert_eq!(schemas, 1, "{lang}:\n{template}");
        let table: toml::Table = template.parse().expect("the template is TOML");
        let keys: Vec<&String> = table.keys().collect();
        assert_eq!(keys, ["audit", "indicators"], "{lang}:\n{template}");
        let indicators = table["indicators"].as_table().unwrap();
        assert_eq!(indicators.len(), parsed.indicators.len(), "{lang}");
        assert!(
            (indicators.values()).all(|value| value.as_str() == Some("?")),
            "{lang}: an indicator was filled in by the checklist:\n{template}"
        );
        assert!(
            template.contains("INJECT = 1"),
            "the text is shown, in its comment"
        );
    }
}

#[test]
fn a_custom_checklists_invisible_characters_are_escaped_in_the_schema() {
    let hidden = r#""x\u202ey\u2028z\u200bw""#;
    let dir = tempfile::tempdir().unwrap();
    let checklist = dir.path().join("c.toml");
    std::fs::write(&checklist, hostile_checklist(hidden, hidden)).unwrap();
    let output = bscore(&["schema", "--checklist", text(&checklist)]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let schema = String::from_utf8(output.stdout).unwrap();
    let raw = ['\u{202e}', '\u{2028}', '\u{200b}'];
    assert!(
        !schema.contains(raw),
        "raw invisible characters in the schema"
    );
    let escaped = "x\\u202ey\\u2028z\\u200bw";
    assert!(schema.contains(escaped), "no {escaped} in the schema");
    let parsed: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert!(
        parsed.to_string().contains('\u{202e}'),
        "the escapes read back as the text"
    );
}

#[test]
fn invisible_characters_are_shown_escaped_in_every_text_format() {
    let hidden = invisible_text();
    let texts = Texts {
        organization: &hidden,
        record: &hidden,
        note: &hidden,
        finding: &hidden,
        ..Texts::default()
    };
    let (_dir, audit) = audit_file(&audit_source(&texts));
    for format in ["table", "markdown", "csv", "html"] {
        let output = bscore(&["evaluate", text(&audit), "--detail", "--format", format]);
        assert_eq!(output.status.code(), Some(1), "{format}: {output:?}");
        let shown = String::from_utf8(output.stdout).unwrap();
        // A CSV starts with a byte order mark, for Excel.
        let shown = shown.strip_prefix('\u{feff}').unwrap_or(&shown);
        assert_no_raw_invisible(shown, format);
        // A terminal table keeps free text on one line: a line break
        // there is shown as ⏎ (docs/audit-format.md).
        let line_breaks = ['\u{2028}', '\u{2029}', '\u{85}'];
        for c in INVISIBLE {
            let escaped = format!("\\u{{{:x}}}", u32::from(c));
            let shown_as = match format == "table" && line_breaks.contains(&c) {
                true => "⏎".to_string(),
                false => escaped,
            };
            assert!(
                shown.contains(&shown_as),
                "{format}: no {shown_as} in\n{shown}"
            );
        }
    }
}

#[test]
fn json_escapes_invisible_characters_and_reads_back_the_same_text() {
    let hidden = invisible_text();
    let texts = Texts {
        organization: &hidden,
        record: &hidden,
        ..Texts::default()
    };
    let (_dir, audit) = audit_file(&audit_source(&texts));
    for several in [false, true] {
        let mut args = vec!["evaluate", text(&audit), "--format", "json"];
        if several {
            args.push(text(&audit));
        }
        let output = bscore(&args);
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let json = String::from_utf8(output.stdout.clone()).unwrap();
        assert_no_raw_invisible(&json, "json");
        assert!(
            json.contains("\\u202e") && json.contains("\\u2028"),
            "{json}"
        );
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let result = if several { &value[0] } else { &value };
        // Kept whole: a record is not trimmed (an organization is, and
        // U+0085 is white space).
        assert_eq!(
            result["indicators"][0]["record"].as_str(),
            Some(hidden.as_str())
        );
        assert_eq!(result["organization"].as_str(), Some(hidden.trim()));
    }
}

#[test]
fn xlsx_report_cells_show_invisible_characters_escaped() {
    let hidden = invisible_text();
    let texts = Texts {
        organization: &hidden,
        record: &hidden,
        note: &hidden,
        finding: &hidden,
        practice: &hidden,
        ..Texts::default()
    };
    let (dir, audit) = audit_file(&audit_source(&texts));
    let report = dir.path().join("r.xlsx");
    let output = bscore(&["evaluate", text(&audit), "-o", text(&report)]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let cells = xlsx_strings(&report);
    assert_no_raw_invisible(&cells.join("\n"), "xlsx");
    let escaped = cells
        .iter()
        .filter(|cell| cell.contains("\\u{200b}"))
        .count();
    assert!(escaped >= 4, "{cells:?}");
}

#[test]
fn an_error_excerpt_shows_invisible_characters_escaped() {
    let hidden = invisible_text();
    let source = audit_source(&Texts::default()).replace(
        "\"4.1.b\" = { excluded = \"该服务不提供线下渠道\" }",
        &format!("\"4.1.b\" = 2 # {hidden}"),
    );
    let (_dir, audit) = audit_file(&source);
    for lang in ["zh", "en"] {
        let output = bscore(&["validate", text(&audit), "--lang", lang]);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("4.1.b"), "{stderr}");
        assert_no_raw_invisible(&stderr, "error excerpt");
        assert!(
            stderr.contains("\\u{200b}") && stderr.contains("\\u{2028}"),
            "{stderr}"
        );
    }
}

/// Texts a spreadsheet would take for a formula or a name, though Rust
/// reads some of them as numbers.
const FORMULA_LIKE: [&str; 5] = ["-inf", "+NaN", "-infinity", "=1", "@x"];

#[test]
fn csv_and_xlsx_report_cells_neutralise_formula_like_text() {
    for risky in FORMULA_LIKE {
        let texts = Texts {
            organization: risky,
            record: risky,
            note: risky,
            finding: risky,
            practice: risky,
            ..Texts::default()
        };
        let (dir, audit) = audit_file(&audit_source(&texts));
        let output = bscore(&["evaluate", text(&audit), "--detail", "--format", "csv"]);
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let csv = String::from_utf8(output.stdout).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(csv.as_bytes());
        let fields: Vec<String> = (reader.records())
            .flat_map(|record| record.unwrap().iter().map(String::from).collect::<Vec<_>>())
            .collect();
        assert!(
            !fields.iter().any(|field| field.as_str() == risky),
            "CSV: {risky} left raw in\n{csv}"
        );
        assert!(
            fields.iter().any(|field| *field == format!("'{risky}")),
            "{csv}"
        );
        let report = dir.path().join("r.xlsx");
        let output = bscore(&["evaluate", text(&audit), "-o", text(&report)]);
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let cells = xlsx_strings(&report);
        assert!(
            !cells.iter().any(|cell| cell.starts_with(risky)),
            "XLSX: {risky} left raw in {cells:?}"
        );
        assert!(
            cells.iter().any(|cell| *cell == format!("'{risky}")),
            "{cells:?}"
        );
    }
}

/// Every text field of an audit, as parsed.
fn audit_texts(path: &Path) -> Vec<String> {
    let checklist = Checklist::builtin();
    let source = std::fs::read_to_string(path).unwrap();
    let audit = Audit::parse(text(path), &source, &checklist).unwrap();
    let meta = &audit.meta;
    let mut texts = vec![meta.organization.clone(), meta.service.clone()];
    texts.extend(meta.assessors.iter().cloned());
    for entry in &audit.entries {
        match &entry.status {
            Status::Excluded { reason } => texts.push(reason.clone()),
            Status::ExclusionRejected {
                reason, rejection, ..
            } => texts.extend([reason.clone(), rejection.clone()]),
            _ => {}
        }
        texts.extend(entry.record.iter().cloned());
        texts.extend(entry.note.iter().cloned());
    }
    texts.extend(audit.special_deductions.iter().map(|d| d.finding.clone()));
    texts.extend(audit.bonus.iter().map(|b| b.practice.clone()));
    texts
}

#[test]
fn a_toml_form_toml_round_trip_keeps_every_text_exactly() {
    let hostile = [
        "+1+cmd",
        "=1+1",
        "@x",
        "-inf",
        "a\u{1b}[31mb",
        "x\u{202e}y",
        "line\u{2028}next",
        "tab\there",
        "_x0041_ stays",
        "DEL\u{7f} and \u{85} inside",
        "two\nlines",
        "a\u{200b}b\u{feff}c\u{2066}d",
    ];
    for (index, sample) in hostile.iter().enumerate() {
        let rotate = |by: usize| hostile[(index + by) % hostile.len()];
        let texts = Texts {
            organization: rotate(0).trim(),
            service: rotate(1).trim(),
            record: rotate(2),
            note: rotate(3),
            reason: rotate(4).trim(),
            rejection: rotate(5).trim(),
            finding: rotate(6).trim(),
            practice: rotate(7).trim(),
        };
        let (dir, audit) = audit_file(&audit_source(&texts));
        let form = dir.path().join("f.xlsx");
        let back = dir.path().join("b.toml");
        let output = bscore(&["convert", text(&audit), "-o", text(&form)]);
        assert_eq!(output.status.code(), Some(0), "{sample:?}: {output:?}");
        let output = bscore(&["convert", text(&form), "-o", text(&back)]);
        assert_eq!(output.status.code(), Some(0), "{sample:?}: {output:?}");
        assert_eq!(audit_texts(&back), audit_texts(&audit), "{sample:?}");
    }
}

/// A record's and a note's own spaces at either end (a TOML audit keeps
/// them) come back too. The form's reader trims every cell; it has to
/// keep free text whole (the change is in the report of issue 20).
#[test]
fn a_round_trip_keeps_the_spaces_around_a_record_and_a_note() {
    let texts = Texts {
        record: "  spaced record  ",
        note: "\tnote ending in NEL\u{85}",
        ..Texts::default()
    };
    let (dir, audit) = audit_file(&audit_source(&texts));
    let form = dir.path().join("f.xlsx");
    let back = dir.path().join("b.toml");
    let output = bscore(&["convert", text(&audit), "-o", text(&form)]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let output = bscore(&["convert", text(&form), "-o", text(&back)]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(audit_texts(&back), audit_texts(&audit));
}

/// The footer of a workbook's first sheet, as its XML holds it.
fn first_footer(path: &Path) -> String {
    let xml = xlsx_part(path, "xl/worksheets/sheet1.xml");
    let start = xml.find("<oddFooter>").expect("a footer") + "<oddFooter>".len();
    let end = xml[start..].find("</oddFooter>").unwrap() + start;
    xml[start..end].replace("&amp;", "&")
}

#[test]
fn a_long_organization_shortens_the_footer_with_no_english_on_stderr() {
    let organization = format!("{}&{}", "很长的经营者名称".repeat(20), "x".repeat(140));
    let texts = Texts {
        organization: &organization,
        ..Texts::default()
    };
    let (dir, audit) = audit_file(&audit_source(&texts));
    let report = dir.path().join("r.xlsx");
    let form = dir.path().join("f.xlsx");
    for (args, path) in [
        (vec!["evaluate", text(&audit)], &report),
        (vec!["convert", text(&audit)], &form),
    ] {
        let output = bscore_command()
            .env_remove("BSCORE_LANG")
            .args(&args)
            .args(["-o", text(path)])
            .output()
            .unwrap();
        assert!(
            output.status.code().is_some_and(|code| code < 2),
            "{output:?}"
        );
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(!stderr.contains("Footer"), "{stderr}");
        let footer = first_footer(path);
        assert!(footer.encode_utf16().count() <= 255, "{footer}");
        assert!(
            footer.starts_with("&L很长的经营者名称") && footer.contains('…'),
            "{footer}"
        );
        assert!(footer.ends_with("&R&P / &N"), "{footer}");
    }
}

#[test]
fn a_text_too_long_for_a_cell_is_a_named_error_and_nothing_is_written() {
    let long = "记".repeat(40_000);
    let texts = Texts {
        record: &long,
        ..Texts::default()
    };
    let (dir, audit) = audit_file(&audit_source(&texts));
    let report = dir.path().join("r.xlsx");
    let form = dir.path().join("f.xlsx");
    for lang in ["zh", "en"] {
        let output = bscore(&[
            "evaluate",
            text(&audit),
            "-o",
            text(&report),
            "--lang",
            lang,
        ]);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("indicators.\"4.1.a\".record"), "{stderr}");
        assert!(
            stderr.contains("32767") && stderr.contains("40000"),
            "{stderr}"
        );
        let chinese = bscore::has_cjk(&stderr.replace(&long, ""));
        assert_eq!(chinese, lang == "zh", "{stderr}");
        assert!(!report.exists(), "{lang}: a report was written");
        let output = bscore(&["convert", text(&audit), "-o", text(&form), "--lang", lang]);
        assert_eq!(output.status.code(), Some(2), "{output:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("indicators.\"4.1.a\".record"), "{stderr}");
        assert!(stderr.contains("32767"), "{stderr}");
        assert!(!form.exists(), "{lang}: a form was written");
    }
}

/// The form's message is in the user's language too. `bscore convert`
/// turns the form writer's error into one language's text; it has to
/// keep the error (the change is in the report of issue 20).
#[test]
fn a_text_too_long_for_the_form_is_told_in_chinese() {
    let long = "记".repeat(40_000);
    let texts = Texts {
        record: &long,
        ..Texts::default()
    };
    let (dir, audit) = audit_file(&audit_source(&texts));
    let form = dir.path().join("f.xlsx");
    let output = bscore(&["convert", text(&audit), "-o", text(&form), "--lang", "zh"]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("indicators.\"4.1.a\".record 有 40000 个字符"),
        "{stderr}"
    );
    assert!(!stderr.contains("characters"), "{stderr}");
}

#[test]
fn a_huge_record_draws_a_bounded_terminal_table() {
    // As large as an input may be (4 MiB), as a literal string whose line
    // breaks are written as they are.
    let line = "短行\n";
    let record = line.repeat((4 * 1024 * 1024 - 2048) / line.len());
    let source = audit_source(&Texts::default())
        .replace(&quoted(Texts::default().record), &format!("'''{record}'''"));
    let (_dir, audit) = audit_file(&source);
    let started = std::time::Instant::now();
    let output = bscore(&["evaluate", text(&audit)]);
    let took = started.elapsed();
    assert_eq!(output.status.code(), Some(1), "{:?}", output.status);
    let table = String::from_utf8(output.stdout).unwrap();
    assert!(table.len() < 64 * 1024, "{} bytes of table", table.len());
    let count = record.chars().count();
    assert!(table.contains(&format!("({count} characters)")), "{table}");
    assert!(table.contains('⏎'), "{table}");
    assert!(took < std::time::Duration::from_secs(20), "{took:?}");
    // JSON keeps the whole text.
    let output = bscore(&["evaluate", text(&audit), "--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let kept = (json["indicators"].as_array().unwrap().iter())
        .any(|indicator| indicator["record"].as_str() == Some(record.as_str()));
    assert!(kept, "the JSON lost the record");
}
