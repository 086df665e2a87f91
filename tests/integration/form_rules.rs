//! The form under a 评分细则 (`template --rules`, `convert --rules`): each
//! coefficient cell offers only its rule's levels, the conditions are
//! beside each row, the header names the 细则, and the form reads back as
//! the same audit; a value outside the list is refused at its cell; a list
//! too long for Excel's inline limit is kept in hidden cells; LibreOffice,
//! as installed, prints the 细则's line and the conditions. Expected words
//! come from the example 细则's text, read by hand.

use crate::common::{EXAMPLES, bscore, example};
use crate::opened::{Profile, program};
use std::path::{Path, PathBuf};
use std::process::Command;

fn example_rules() -> String {
    example("rules/example-rules.toml")
}

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Runs bscore with `args`, which must succeed.
fn ok(args: &[&str]) {
    let output = bscore(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        stderr(&output)
    );
}

fn path(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// The first sheet's XML, for what calamine does not report (data
/// validations).
fn first_sheet_xml(form: &Path) -> String {
    use std::io::Read;
    let mut xml = String::new();
    zip::ZipArchive::new(std::fs::File::open(form).unwrap())
        .unwrap()
        .by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

fn first_sheet(form: &Path) -> calamine::Range<calamine::Data> {
    use calamine::Reader;
    let mut workbook: calamine::Xlsx<_> = calamine::open_workbook(form).unwrap();
    let name = workbook.sheet_names()[0].clone();
    workbook.worksheet_range(&name).unwrap()
}

/// The text of a cell, empty if none.
fn text(sheet: &calamine::Range<calamine::Data>, row: u32, column: u32) -> String {
    sheet
        .get_value((row, column))
        .map(ToString::to_string)
        .unwrap_or_default()
}

/// The 0-based row whose first cell is `id`.
fn row_of(sheet: &calamine::Range<calamine::Data>, id: &str) -> u32 {
    (0..sheet.height() as u32)
        .find(|row| text(sheet, *row, 0) == id)
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// The 0-based column whose heading (on `heading`'s row) is `label`.
fn column_of(sheet: &calamine::Range<calamine::Data>, heading: u32, label: &str) -> u32 {
    (0..sheet.width() as u32)
        .find(|column| text(sheet, heading, *column) == label)
        .unwrap_or_else(|| panic!("no column {label}"))
}

/// The `<dataValidation …>…</dataValidation>` whose range is exactly
/// `sqref`, if any.
fn validation_of<'x>(xml: &'x str, sqref: &str) -> Option<&'x str> {
    let marker = format!("sqref=\"{sqref}\"");
    let at = xml.find(&marker)?;
    let start = xml[..at].rfind("<dataValidation ")?;
    let end = at + xml[at..].find("</dataValidation>")?;
    Some(&xml[start..end])
}

/// Evaluated as JSON: the figures and each indicator's exact coefficient.
fn essentials(audit: &Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["evaluate", path(audit), "--format", "json"];
    args.extend_from_slice(extra);
    let output = bscore(&args);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let indicators: Vec<serde_json::Value> = (result["indicators"].as_array().unwrap().iter())
        .map(|i| {
            serde_json::json!([
                i["id"],
                i["coefficient_exact"],
                i["earned_exact"],
                i["excluded"],
                i["record"],
                i["note"]
            ])
        })
        .collect();
    serde_json::json!({
        "particulars": [result["organization"], result["service"], result["assessors"], result["date"], result["kind"]],
        "score": result["score_exact"],
        "grade": result["grade"],
        "special": result["special_deductions"],
        "bonus": result["bonus"],
        "indicators": indicators,
    })
}

#[test]
fn every_example_written_under_the_rules_reads_back_as_the_same_audit() {
    let rules = example_rules();
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_pools(dir.path());
    let (form, plain) = (dir.path().join("form.xlsx"), dir.path().join("plain.xlsx"));
    let (back, plain_back) = (dir.path().join("back.toml"), dir.path().join("plain.toml"));
    for name in EXAMPLES {
        let toml = PathBuf::from(example(name));
        ok(&[
            "convert",
            path(&toml),
            "--rules",
            &rules,
            "-o",
            path(&form),
            "--force",
        ]);
        ok(&["convert", path(&toml), "-o", path(&plain), "--force"]);
        ok(&["convert", path(&form), "-o", path(&back), "--force"]);
        ok(&["convert", path(&plain), "-o", path(&plain_back), "--force"]);
        let expected = essentials(&toml, &[]);
        assert_eq!(essentials(&form, &[]), expected, "{name} as a form");
        assert_eq!(essentials(&back, &[]), expected, "{name} back as TOML");
        assert_eq!(
            essentials(&form, &["--rules", &rules]),
            expected,
            "{name} under the rules"
        );
        // What the form holds is what it holds without the 细则.
        let read = |file: &Path| std::fs::read_to_string(file).unwrap();
        assert_eq!(read(&back), read(&plain_back), "{name}");
        ok(&["validate", "--rules", &rules, path(&form)]);
    }
}

#[test]
fn each_coefficient_cell_offers_only_its_rules_levels_with_the_conditions_beside() {
    let rules = example_rules();
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    for (lang, label, heading, condition, version, prompt) in [
        (
            "zh",
            "评分细则",
            "细则条件",
            "0.5：缺少其中一至两项",
            "（版本 2026.1）",
            "4.2.c 只可取 0、0.5、1",
        ),
        (
            "en",
            "Scoring rules",
            "Rule conditions",
            "0.5: 缺少其中一至两项",
            ", version 2026.1",
            "4.2.c may take only 0, 0.5, 1",
        ),
    ] {
        ok(&[
            "template",
            "--rules",
            &rules,
            "-o",
            path(&form),
            "--force",
            "--lang",
            lang,
        ]);
        let sheet = first_sheet(&form);
        // The header: the 细则's title and version, by their label.
        let line = (0..9)
            .find(|row| text(&sheet, *row, 0) == label)
            .expect(label);
        let title = "示例认证有限公司 区块链服务认证评分细则";
        assert_eq!(text(&sheet, line, 1), format!("{title}{version}"), "{lang}");
        let heading_row = row_of(&sheet, if lang == "zh" { "编号" } else { "Id" });
        let conditions = column_of(&sheet, heading_row, heading);
        let row = row_of(&sheet, "4.2.c");
        let beside = text(&sheet, row, conditions);
        assert!(beside.contains(condition), "{lang}: {beside}");
        assert!(beside.starts_with("0"), "{lang}: lowest first: {beside}");
        // 4.2.c's coefficient cell (column D) offers exactly its levels.
        let xml = first_sheet_xml(&form);
        let cell = format!("D{}", row + 1);
        let validation = validation_of(&xml, &cell).unwrap_or_else(|| panic!("{cell}"));
        assert!(validation.contains("type=\"list\""), "{validation}");
        assert!(
            validation.contains("<formula1>\"0,0.5,1\"</formula1>"),
            "{validation}"
        );
        assert!(validation.contains(prompt), "{lang}: {validation}");
        // 6.2.b has six levels, 5.8.2 quarters.
        let levels =
            |id: &str| validation_of(&xml, &format!("D{}", row_of(&sheet, id) + 1)).unwrap();
        assert!(levels("6.2.b").contains("\"0,0.2,0.4,0.6,0.8,1\""));
        assert!(levels("5.8.2").contains("\"0,0.25,0.5,0.75,1\""));
        // 7.1.a-2 is named without levels: any decimal from 0 to 1.
        let any = levels("7.1.a-2");
        assert!(any.contains("type=\"decimal\""), "{any}");
        let beside = text(&sheet, row_of(&sheet, "7.1.a-2"), conditions);
        assert!(
            beside.contains(if lang == "zh" { "任意" } else { "any" }),
            "{beside}"
        );
        // A sampled rule says its unit and minimum.
        let beside = text(&sheet, row_of(&sheet, "4.4.e"), conditions);
        assert!(
            beside.contains("需求变更记录") && beside.contains('5'),
            "{beside}"
        );
    }
}

#[test]
fn a_value_outside_the_list_is_refused_at_its_cell() {
    let rules = example_rules();
    let dir = tempfile::tempdir().unwrap();
    let gold = std::fs::read_to_string(example("gold-supply-chain-finance.toml")).unwrap();
    let from = "coefficient = 0.5, record";
    assert_eq!(gold.matches(from).count(), 1);
    let audit = dir.path().join("audit.toml");
    std::fs::write(&audit, gold.replace(from, "coefficient = 0.37, record")).unwrap();
    // Under the 细则 the audit itself is refused, before any form is written.
    let form = dir.path().join("form.xlsx");
    let output = bscore(&[
        "convert",
        path(&audit),
        "--rules",
        &rules,
        "-o",
        path(&form),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!form.exists());
    // The form written without it holds 0.37 where the list offers 0, 0.5, 1.
    ok(&["convert", path(&audit), "-o", path(&form)]);
    let row = row_of(&first_sheet(&form), "4.2.c") + 1;
    let output = bscore(&["validate", "--rules", &rules, path(&form), "--lang", "en"]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(said.contains(&format!("!D{row}")), "at its cell: {said}");
    assert!(said.contains("coefficient 0.37 is not a level"), "{said}");
    assert!(said.contains("0.5 (缺少其中一至两项)"), "{said}");
}

/// A 细则 whose rule for 4.1.a lists every hundredth from 0 to 1: 101
/// levels, more than 255 characters inline.
fn hundredths_rules(dir: &Path) -> PathBuf {
    // The most levels a list may hold (20), each written with trailing
    // zeros (exact as written, at most four places): too long for
    // Excel's 255 characters inline.
    let levels: Vec<String> = (0..20)
        .map(|n| match n {
            0 => "0".to_string(),
            n => format!("0.{:02}00000000000000", n * 5),
        })
        .collect();
    let text = format!(
        "[rules]\ntitle = \"百分位细则\"\nversion = \"1\"\n\n[indicators.\"4.1.a\"]\nlevels = [{}]\n",
        levels.join(", ")
    );
    let file = dir.join("hundredths.toml");
    std::fs::write(&file, text).unwrap();
    file
}

#[test]
fn a_list_too_long_to_write_inline_is_kept_in_hidden_cells_of_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let rules = hundredths_rules(dir.path());
    let rules = path(&rules);
    let audit = dir.path().join("audit.toml");
    std::fs::write(
        &audit,
        "[audit]\norganization = \"测试\"\nservice = \"测试\"\nassessors = [\"张三\"]\ndate = 2026-03-15\nkind = \"initial\"\nunassessed = \"conform\"\n[indicators]\n\"4.1.a\" = 0.35\n",
    )
    .unwrap();
    let form = dir.path().join("form.xlsx");
    ok(&[
        "convert",
        path(&audit),
        "--rules",
        rules,
        "-o",
        path(&form),
        "--lang",
        "zh",
    ]);
    let sheet = first_sheet(&form);
    let row = row_of(&sheet, "4.1.a");
    let xml = first_sheet_xml(&form);
    let validation = validation_of(&xml, &format!("D{}", row + 1)).unwrap();
    assert!(validation.contains("type=\"list\""), "{validation}");
    let range = format!("<formula1>$R${}:$AK${}</formula1>", row + 1, row + 1);
    assert!(validation.contains(&range), "{validation}");
    assert!(
        validation.contains("只可取列表中的 20 个等级"),
        "{validation}"
    );
    // The hidden cells hold the levels, lowest first, under a heading.
    let heading = row_of(&sheet, "编号");
    assert_eq!(text(&sheet, heading, 17), "levels");
    assert_eq!(text(&sheet, row, 17), "0");
    assert_eq!(text(&sheet, row, 18), "0.05");
    assert_eq!(text(&sheet, row, 17 + 19), "0.95");
    // They are not read: the form is the audit, under the 细则 too.
    ok(&["validate", "--rules", rules, path(&form)]);
    let result = essentials(&form, &["--rules", rules]);
    assert_eq!(result, essentials(&audit, &[]));
}

#[test]
fn the_toml_template_is_the_same_under_the_rules_and_says_so() {
    let rules = example_rules();
    let dir = tempfile::tempdir().unwrap();
    let (ruled, plain) = (dir.path().join("ruled.toml"), dir.path().join("plain.toml"));
    let output = bscore(&[
        "template",
        "--rules",
        &rules,
        "-o",
        path(&ruled),
        "--lang",
        "zh",
    ]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("评分细则不改变 TOML 模板"),
        "{}",
        stderr(&output)
    );
    ok(&["template", "-o", path(&plain), "--lang", "zh"]);
    let read = |file: &Path| std::fs::read_to_string(file).unwrap();
    assert_eq!(read(&ruled), read(&plain));
    // A broken 细则 is an input error, whichever the format.
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[rules]\ntitle = \"x\"\n").unwrap();
    let form = dir.path().join("form.xlsx");
    let output = bscore(&["template", "--rules", path(&broken), "-o", path(&form)]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(!form.exists());
}

/// `xlsx` printed to PDF by LibreOffice as installed, its text with every
/// space and line break taken out (a text wrapped in its cell reads whole).
fn printed_text(xlsx: &Path) -> String {
    let dir = xlsx.parent().unwrap();
    let output = Command::new(program(&["soffice", "libreoffice"]))
        .arg(Profile::AsInstalled.argument(dir))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir)
        .arg(xlsx)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let output = Command::new(program(&["pdftotext"]))
        .arg(xlsx.with_extension("pdf"))
        .arg("-")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui poppler-utils) to run this test"
)]
fn the_printed_form_shows_the_rules_title_version_and_conditions() {
    let rules = example_rules();
    let dir = tempfile::tempdir().unwrap();
    let gold = example("gold-supply-chain-finance.toml");
    for (lang, words) in [
        (
            "zh",
            [
                "评分细则",
                "示例认证有限公司区块链服务认证评分细则（版本2026.1）",
                "细则条件",
                "0.5：缺少其中一至两项",
                "6.2.b",
                "0.8：缺少四项",
            ],
        ),
        (
            "en",
            [
                "Scoringrules",
                "示例认证有限公司区块链服务认证评分细则,version2026.1",
                "Ruleconditions",
                "0.5:缺少其中一至两项",
                "6.2.b",
                "0.8:缺少四项",
            ],
        ),
    ] {
        let form = dir.path().join(format!("form-{lang}.xlsx"));
        ok(&[
            "convert",
            &gold,
            "--rules",
            &rules,
            "-o",
            path(&form),
            "--lang",
            lang,
        ]);
        let printed = printed_text(&form);
        for word in words {
            assert!(printed.contains(word), "{lang}: {word} not printed");
        }
    }
}
