//! The Appendix A form as input: an audit converted to the form and read
//! back gives the identical result; a form filled by another program is
//! read; every problem in a form names its sheet and cell, in either
//! language.

use crate::common::{EXAMPLES, bscore, bscore_command, example};
use rust_xlsxwriter::Workbook;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn result(path: &Path) -> Value {
    let output = bscore(&["evaluate", path.to_str().unwrap(), "--format", "json"]);
    assert!(
        output.status.code().is_some_and(|code| code < 2),
        "{output:?}"
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

/// What must survive a round trip: the audit's particulars (who, what,
/// when, which kind, the cycle's start), the exact score, the grade, and
/// each indicator's exact coefficient and earned points.
fn essentials(result: &Value) -> Value {
    let indicators: Vec<Value> = result["indicators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            serde_json::json!([
                i["id"],
                i["coefficient_exact"],
                i["earned_exact"],
                i["excluded"]
            ])
        })
        .collect();
    serde_json::json!({
        "particulars": [
            result["organization"],
            result["service"],
            result["assessors"],
            result["date"],
            result["kind"],
            result["schedule"],
        ],
        "score": result["score_exact"],
        "grade": result["grade"],
        "special": result["special_deductions"],
        "bonus": result["bonus"],
        "indicators": indicators,
    })
}

#[test]
fn every_example_survives_the_round_trip_through_the_form() {
    let dir = tempfile::tempdir().unwrap();
    crate::common::copy_pools(dir.path());
    for name in EXAMPLES {
        let toml = example(name);
        let form = dir.path().join("form.xlsx");
        let back = dir.path().join("back.toml");
        for (from, to) in [(Path::new(&toml), &form), (form.as_path(), &back)] {
            let output = bscore(&[
                "convert",
                from.to_str().unwrap(),
                "-o",
                to.to_str().unwrap(),
                "--force",
            ]);
            assert_eq!(output.status.code(), Some(0), "{name}: {output:?}");
        }
        let expected = essentials(&result(Path::new(&toml)));
        assert_eq!(essentials(&result(&form)), expected, "{name} as a form");
        assert_eq!(essentials(&result(&back)), expected, "{name} back as TOML");
        // Every command that reads an audit reads the form.
        let path = form.to_str().unwrap();
        for args in [
            vec!["gap", path],
            vec!["compare", toml.as_str(), path],
            vec!["validate", path],
        ] {
            let output = bscore(&args);
            assert_eq!(output.status.code(), Some(0), "{name}: {args:?} {output:?}");
        }
        // The provenance digest is of the file as read: the workbook.
        let digest = bscore::sha256_bytes(&std::fs::read(&form).unwrap());
        assert_eq!(result(&form)["provenance"]["audit_sha256"], digest.as_str());
    }
}

/// A form written by another program, values only (no formulas, no
/// styles), headings in another order and in English, the second sheet
/// with a special deduction.
fn other_program_form(path: &Path, coefficient_of_4_1_a: f64, extra_id: Option<&str>) {
    other_program_form_with(
        path,
        coefficient_of_4_1_a,
        extra_id,
        &[("法律法规", "未备案")],
    );
}

/// The same, with these (kind, finding) rows on the second sheet.
fn other_program_form_with(
    path: &Path,
    coefficient_of_4_1_a: f64,
    extra_id: Option<&str>,
    adjustments: &[(&str, &str)],
) {
    let checklist = bscore::Checklist::builtin();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let fields = [
        ("Organization", "另一家公司"),
        ("Service", "另一项服务"),
        ("Assessors", "张三, 李四"),
        ("Date", "2026-04-01"),
        ("Kind", "初次评价"),
    ];
    for (row, (label, value)) in (0u32..).zip(fields) {
        sheet.write_string(row, 0, label).unwrap();
        sheet.write_string(row, 1, value).unwrap();
    }
    let headings = [
        "Note",
        "Id",
        "Record",
        "Coefficient",
        "Sampled",
        "Nonconforming",
        "Exclusion reason",
        "Exclusion rejected",
    ];
    for (column, heading) in (0u16..).zip(headings) {
        sheet.write_string(6, column, heading).unwrap();
    }
    let mut row = 7;
    for indicator in &checklist.indicators {
        sheet.write_string(row, 1, &indicator.id).unwrap();
        let coefficient = if indicator.id == "4.1.a" {
            coefficient_of_4_1_a
        } else {
            0.0
        };
        sheet.write_number(row, 3, coefficient).unwrap();
        row += 1;
    }
    if let Some(id) = extra_id {
        sheet.write_string(row, 1, id).unwrap();
        sheet.write_number(row, 3, 0.0).unwrap();
    }
    let second = workbook.add_worksheet();
    second.write_string(0, 0, "类型").unwrap();
    second.write_string(0, 1, "发现").unwrap();
    for (row, (kind, finding)) in (1u32..).zip(adjustments) {
        second.write_string(row, 0, *kind).unwrap();
        second.write_string(row, 1, *finding).unwrap();
    }
    workbook.save(path).unwrap();
}

#[test]
fn a_form_filled_by_another_program_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("other.xlsx");
    other_program_form(&form, 1.0, None);
    let result = result(&form);
    // 4.1.a (1 point) lost: 99 of 100; one special deduction: 98, fail.
    assert_eq!(result["score_exact"], "98");
    assert_eq!(result["grade"], "fail");
    assert_eq!(result["assessors"], serde_json::json!(["张三", "李四"]));
    assert_eq!(result["special_deductions"][0]["kind"], "law");
}

#[test]
fn form_problems_name_their_sheet_and_cell_in_either_language() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("bad.xlsx");
    other_program_form(&form, 1.5, Some("4.1.x"));
    let run = |lang: &str| {
        let output = bscore_command()
            .args(["validate", form.to_str().unwrap(), "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        String::from_utf8(output.stderr).unwrap()
    };
    // 4.1.a is the first indicator: row 8, coefficient in column D.
    let chinese = run("zh");
    assert!(
        chinese.contains("错误: Sheet1!D8：扣分系数应在 0 到 1 之间，实际为 1.5"),
        "{chinese}"
    );
    let last = 8 + bscore::Checklist::builtin().indicators.len();
    assert!(
        chinese.contains(&format!("错误: Sheet1!B{last}：未知的指标编号“4.1.x”")),
        "{chinese}"
    );
    assert!(
        chinese.contains("--> bad.xlsx") || chinese.contains("bad.xlsx"),
        "{chinese}"
    );
    let english = run("en");
    assert!(
        english.contains("error: Sheet1!D8: deduction coefficient must be from 0 to 1, found 1.5"),
        "{english}"
    );
    assert!(
        english.contains(&format!(
            "error: Sheet1!B{last}: unknown indicator id \"4.1.x\""
        )),
        "{english}"
    );
}

#[test]
fn the_empty_form_is_written_only_to_a_file_and_refuses_to_score() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let output = bscore(&["template", "-o", form.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let output = bscore(&["template", "--format", "xlsx"]);
    assert_eq!(output.status.code(), Some(2));
    let output = bscore(&["validate", form.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    // In the form's words, at the field's own cell: not "[audit] is
    // missing organization".
    assert!(
        message.contains("Checklist!B2: Organization is not filled in"),
        "{message}"
    );
}

/// Every figure the form computes is shown snapped and cut, the grade
/// compares the snapped score. LibreOffice's own arithmetic rounds to 15
/// digits and so shows an exact 90 as 90.00 even without the snap (the
/// recalculation tests cannot tell); Excel's TRUNC works on the double
/// (89.99999999999999 → 89.99), so the formulas are checked as written.
#[test]
fn the_forms_figures_are_snapped_then_cut() {
    use calamine::{Reader, Xlsx, open_workbook_from_rs};
    let checklist = bscore::Checklist::builtin();
    let bytes = bscore::form_workbook(&checklist, None, None, bscore::Lang::Zh).unwrap();
    let mut workbook: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let formulas = workbook.worksheet_formula("评分表").unwrap();
    let shown: Vec<&String> = formulas
        .used_cells()
        .map(|(_, _, formula)| formula)
        .filter(|formula| formula.contains("TRUNC("))
        .collect();
    // A row's earned points, four subtotals' two figures, five totals.
    assert!(
        shown.len() >= checklist.indicators.len() + 8 + 4,
        "{}",
        shown.len()
    );
    for formula in &shown {
        assert_eq!(
            formula.matches("TRUNC(").count(),
            formula.matches("TRUNC(ROUND(").count(),
            "{formula}"
        );
        assert!(formula.contains(",9),2)"), "{formula}");
    }
    let grade = formulas
        .used_cells()
        .map(|(_, _, formula)| formula)
        .find(|formula| formula.contains("四星级"))
        .expect("a grade formula");
    assert!(grade.contains("IF(ROUND(MIN("), "{grade}");
}

/// A folder of audits takes its forms too: `*.xlsx` beside `*.toml`.
#[test]
fn a_folder_batch_reads_forms_beside_toml() {
    let dir = tempfile::tempdir().unwrap();
    let gold = example("gold-supply-chain-finance.toml");
    std::fs::copy(&gold, dir.path().join("a.toml")).unwrap();
    let form = dir.path().join("b.xlsx");
    let output = bscore(&[
        "convert",
        &example("silver-traceability.toml"),
        "-o",
        form.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0));
    let output = bscore(&["evaluate", dir.path().to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    let results: Vec<Value> = serde_json::from_str(&text).unwrap();
    let grades: Vec<&str> = results
        .iter()
        .map(|r| r["grade"].as_str().unwrap())
        .collect();
    assert_eq!(grades, ["gold", "silver"]);
}

/// Several special deductions beside the bonus on the second sheet: each
/// row is read as what its kind says.
#[test]
fn two_special_deductions_and_a_bonus_survive_the_form() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("audit.toml");
    let text = std::fs::read_to_string(example("fail-special-deduction.toml")).unwrap();
    let text = text.replacen(
        "[bonus]",
        "[[special_deductions]]\nkind = \"risk\"\nfinding = \"重大风险未披露\"\n\n[bonus]",
        1,
    );
    std::fs::write(&toml, text).unwrap();
    let form = dir.path().join("form.xlsx");
    let output = bscore(&[
        "convert",
        toml.to_str().unwrap(),
        "-o",
        form.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let expected = essentials(&result(&toml));
    assert_eq!(expected["special"].as_array().map(Vec::len), Some(2));
    assert!(expected["bonus"].is_object() || expected["bonus"].is_string());
    assert_eq!(essentials(&result(&form)), expected);
}

/// Two bonus rows are one too many, said in the standard's terms (§8.3 c 4)
/// at the second one's row, not as a TOML table written twice.
#[test]
fn two_bonus_rows_are_refused_as_more_than_one_bonus() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("other.xlsx");
    let rows = [
        ("加分", "链上审计"),
        ("法律法规", "未备案"),
        ("加分", "双活容灾"),
    ];
    other_program_form_with(&form, 0.0, None, &rows);
    let output = bscore(&["validate", form.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    // At the second bonus's row, not at a cell of the first sheet.
    assert!(
        message.contains("Sheet2!A4: at most one best-practice bonus counts"),
        "{message}"
    );
    assert!(!message.contains("[bonus]"), "{message}");
}

/// The table ends with the last category's subtotal, then one blank row,
/// then the totals block down to the grade: its formulas sum the indicator
/// rows up to that subtotal and no further.
#[test]
fn the_totals_follow_the_table_after_one_blank_row() {
    use calamine::Data;
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let output = bscore(&[
        "convert",
        &example("silver-traceability.toml"),
        "-o",
        form.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let sheet = first_sheet(&form);
    let text = |row: u32, column: u32| match sheet.get_value((row, column)) {
        None | Some(Data::Empty) => String::new(),
        Some(value) => value.to_string(),
    };
    let blank = |row: u32| (0..12).all(|column| text(row, column).is_empty());
    let last_indicator = (0..sheet.end().unwrap().0)
        .rev()
        .find(|&row| text(row, 0).starts_with(|c: char| c.is_ascii_digit()))
        .unwrap();
    let subtotal = last_indicator + 1;
    assert!(!text(subtotal, 1).is_empty() && text(subtotal, 0).is_empty());
    assert!(blank(subtotal + 1), "row {} is not blank", subtotal + 2);
    assert!(
        !blank(subtotal + 2),
        "the totals do not start at row {}",
        subtotal + 3
    );
    // The block runs without a gap down to the grade, its last row.
    let block_end = (subtotal + 2..).find(|&row| blank(row)).unwrap();
    assert_eq!(text(block_end - 1, 0), "Grade", "row {block_end}");
    // Each total's label spans the columns before its figure, not the
    // figure's cell (which a merge would hide).
    let heading = (0..subtotal).find(|&row| text(row, 0) == "Id").unwrap();
    let figure = (0..12).find(|&c| text(heading, c) == "Earned").unwrap();
    let figure_letter = char::from(b'A' + figure as u8);
    let xml = first_sheet_xml(&form);
    for row in subtotal + 3..=block_end {
        let merge = format!("<mergeCell ref=\"A{row}:");
        let at = xml.find(&merge).unwrap_or_else(|| panic!("row {row}"));
        let last_column = xml[at + merge.len()..].chars().next().unwrap();
        assert!(
            last_column < figure_letter,
            "row {row} merges {last_column}"
        );
        assert!(
            !text(row - 1, figure).is_empty(),
            "row {row} shows no figure"
        );
    }
}

/// The kind of audit is chosen from a list in its own cell, in either
/// language, named as every report names it (重新评价, the standard's word),
/// and the form shows the audit's kind there.
#[test]
fn the_kind_is_chosen_from_a_list_in_its_own_cell() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    for (lang, label, kinds, kind) in [
        ("zh", "评价类型", "初次评价,监督评价,重新评价", "监督评价"),
        (
            "en",
            "Kind",
            "Initial evaluation,Surveillance,Re-evaluation",
            "Surveillance",
        ),
    ] {
        let output = bscore(&[
            "convert",
            &example("silver-traceability.toml"),
            "-o",
            form.to_str().unwrap(),
            "--force",
            "--lang",
            lang,
        ]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let sheet = first_sheet(&form);
        let row = row_of(&sheet, label);
        let shown = sheet.get_value((row, 1)).map(|v| v.to_string());
        assert_eq!(shown.as_deref(), Some(kind), "{lang}");
        let xml = first_sheet_xml(&form);
        let list = format!("sqref=\"B{}\"><formula1>\"{kinds}\"</formula1>", row + 1);
        assert!(xml.contains(&list), "{lang}: no list {list}");
    }
}

/// The first sheet's XML, for what calamine does not report (data
/// validations, row heights).
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

/// The height written for 1-based row `row`, in points.
fn row_height(xml: &str, row: u32) -> f64 {
    let start = xml.find(&format!("<row r=\"{row}\"")).unwrap();
    let tag = &xml[start..start + xml[start..].find('>').unwrap()];
    let height = tag.split("ht=\"").nth(1).unwrap_or_else(|| panic!("{tag}"));
    height[..height.find('"').unwrap()].parse().unwrap()
}

/// A form converted from a small audit whose `[indicators]` table holds
/// `indicators` (the rest conform), in a temporary folder that lasts as
/// long as the returned guard.
fn form_of_indicators(indicators: &[String]) -> (tempfile::TempDir, PathBuf) {
    let audit = format!(
        "[audit]\norganization = \"测试\"\nservice = \"测试\"\nassessors = [\"张三\"]\ndate = 2026-03-15\nkind = \"initial\"\nunassessed = \"conform\"\n[indicators]\n{}\n",
        indicators.join("\n")
    );
    let dir = tempfile::tempdir().unwrap();
    let (toml, form) = (dir.path().join("audit.toml"), dir.path().join("form.xlsx"));
    std::fs::write(&toml, audit).unwrap();
    let output = bscore(&[
        "convert",
        toml.to_str().unwrap(),
        "-o",
        form.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    (dir, form)
}

/// The form's first sheet, as calamine reads it.
fn first_sheet(form: &Path) -> calamine::Range<calamine::Data> {
    use calamine::{Reader, open_workbook_auto};
    let mut workbook = open_workbook_auto(form).unwrap();
    workbook.worksheet_range_at(0).unwrap().unwrap()
}

/// The 0-based row of `sheet` whose first cell is `id` (or a label).
fn row_of(sheet: &calamine::Range<calamine::Data>, id: &str) -> u32 {
    use calamine::DataType;
    (0..sheet.end().unwrap().0)
        .find(|&row| {
            sheet
                .get_value((row, 0))
                .is_some_and(|v| v.get_string() == Some(id))
        })
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// A row is as tall as the longest text filled in on it, not only its
/// check text: a long record, exclusion reason or rejection each make it
/// taller (LibreOffice does not fit rows when it opens a file, so a short
/// row would hide what the assessor wrote).
#[test]
fn a_row_grows_with_the_text_filled_in() {
    let long = "现场抽查了八份合同，其中三份缺少签署日期，已要求整改。".repeat(4);
    let (_dir, form) = form_of_indicators(&[
        "\"4.1.a\" = 0".to_string(),
        format!("\"4.1.b\" = {{ coefficient = 0.5, record = \"{long}\" }}"),
        format!("\"4.1.c\" = {{ excluded = \"{long}\" }}"),
        format!(
            "\"4.1.d\" = {{ excluded = \"本服务不涉及该项\", rejected = \"{long}\", coefficient = 1 }}"
        ),
    ]);
    let xml = first_sheet_xml(&form);
    let sheet = first_sheet(&form);
    // row_height counts rows from 1.
    let height = |id: &str| row_height(&xml, row_of(&sheet, id) + 1);
    let plain = height("4.1.a");
    for id in ["4.1.b", "4.1.c", "4.1.d"] {
        assert!(
            height(id) > plain,
            "{id}: {} is not taller than {plain}",
            height(id)
        );
    }
}

/// A coefficient is a number cell when its double reads back as the same
/// decimal, so the live formulas use it; one of more digits than a double
/// holds is written as text and read back exactly.
#[test]
fn a_coefficient_is_a_number_cell_unless_a_double_would_change_it() {
    use calamine::Data;
    let long = "0.1234567890123456789";
    let (_dir, form) =
        form_of_indicators(&["\"4.1.a\" = 0.5".to_string(), format!("\"4.1.b\" = {long}")]);
    let sheet = first_sheet(&form);
    let coefficient = |id: &str| sheet.get_value((row_of(&sheet, id), 3)).cloned();
    assert_eq!(coefficient("4.1.a"), Some(Data::Float(0.5)));
    assert_eq!(coefficient("4.1.b"), Some(Data::String(long.to_string())));
    let read = result(&form);
    let exact = |id: &str| {
        let indicators = read["indicators"].as_array().unwrap();
        let entry = indicators.iter().find(|i| i["id"] == id).unwrap();
        entry["coefficient_exact"].as_str().unwrap().to_string()
    };
    assert_eq!(exact("4.1.a"), "1/2");
    assert_eq!(exact("4.1.b"), "1234567890123456789/10000000000000000000");
}

/// The input cells guide the assessor as the form's documentation says:
/// a coefficient from 0 to 1, at least one sampled, nonconforming from 0
/// to the number sampled, each over every indicator row, with the reason
/// in the form's language.
#[test]
fn the_input_cells_are_validated_over_every_indicator_row() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    for (lang, coefficient, sampled, nonconforming) in [
        (
            "zh",
            "扣分系数是 0 到 1 之间的小数",
            "抽样数是不小于 1 的整数",
            "不符合数是 0 到抽样数之间的整数",
        ),
        (
            "en",
            "a deduction coefficient is a decimal from 0 to 1",
            "the number sampled is a whole number of at least 1",
            "the number nonconforming is a whole number from 0 to the number sampled",
        ),
    ] {
        let output = bscore(&[
            "template",
            "--format",
            "xlsx",
            "-o",
            form.to_str().unwrap(),
            "--force",
            "--lang",
            lang,
        ]);
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let xml = first_sheet_xml(&form);
        let (first, last) = table_rows(&form);
        let rule = |kind: &str, error: &str, column: char| {
            let range = format!("{column}{first}:{column}{last}");
            xml.contains(&format!("type=\"{kind}\""))
                && xml.contains(&format!("error=\"{error}\" sqref=\"{range}\""))
        };
        assert!(rule("decimal", coefficient, 'D'), "{lang}: coefficient");
        assert!(rule("whole", sampled, 'E'), "{lang}: sampled");
        assert!(rule("custom", nonconforming, 'F'), "{lang}: nonconforming");
        assert!(
            xml.contains(&format!(
                "<formula1>AND(INT(F{first})=F{first},F{first}&gt;=0,F{first}&lt;=N(E{first}))</formula1>"
            )),
            "{lang}: the nonconforming rule"
        );
    }
}

/// The 1-based rows of the form's table: its first indicator and the last
/// category's subtotal.
fn table_rows(form: &Path) -> (u32, u32) {
    use calamine::DataType;
    let sheet = first_sheet(form);
    let is_indicator = |row: &u32| {
        (sheet.get_value((*row, 0)))
            .and_then(|v| v.get_string())
            .is_some_and(|id| id.starts_with(|c: char| c.is_ascii_digit()))
    };
    let rows = 0..sheet.end().unwrap().0;
    let first = rows.clone().find(is_indicator).unwrap();
    let last_indicator = rows.rev().find(is_indicator).unwrap();
    (first + 1, last_indicator + 2)
}

/// Excel's limit on the length of a formula ("Excel specifications and
/// limits": length of formula contents, 8,192 characters). Excel and WPS
/// refuse or "repair" a workbook holding a longer one, removing the
/// formula; LibreOffice and Gnumeric take it, so their recalculation tests
/// cannot tell.
const EXCEL_FORMULA_LIMIT: usize = 8_192;

/// Every cell formula (`<f>`) of every sheet of the XLSX at `path`, as
/// the file holds it (XML escapes undone), with its sheet and cell.
fn every_formula(path: &Path) -> Vec<(String, String, String)> {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let sheets: Vec<String> = (0..archive.len())
        .map(|index| {
            archive
                .by_index(index)
                .unwrap()
                .name()
                .unwrap()
                .into_owned()
        })
        .filter(|name| name.starts_with("xl/worksheets/") && name.ends_with(".xml"))
        .collect();
    let mut formulas = Vec::new();
    for sheet in sheets {
        let mut xml = String::new();
        archive
            .by_name(&sheet)
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        // Each cell's XML runs to the next cell's.
        for cell_xml in xml.split("<c r=\"").skip(1) {
            let reference = cell_xml.split('"').next().unwrap();
            let cell_xml = cell_xml.split("</c>").next().unwrap();
            let start = cell_xml.find("<f>").map(|at| at + "<f>".len()).or_else(|| {
                let open = cell_xml.find("<f ")?;
                Some(open + cell_xml[open..].find('>')? + 1)
            });
            let Some(start) = start else {
                continue;
            };
            let length = cell_xml[start..].find("</f>").unwrap();
            let formula = unescape(&cell_xml[start..start + length]);
            formulas.push((sheet.clone(), reference.to_string(), formula));
        }
    }
    formulas
}

/// XML's escapes undone: the five named ones and numeric ones.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let end = rest[at..].find(';').unwrap() + at;
        let name = &rest[at + 1..end];
        let character = match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            _ => {
                let code = match name.strip_prefix("#x") {
                    Some(hex) => u32::from_str_radix(hex, 16).unwrap(),
                    None => name[1..].parse().unwrap(),
                };
                char::from_u32(code).unwrap()
            }
        };
        out.push(character);
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    out
}

#[test]
fn the_unescaping_of_formulas_is_xmls() {
    assert_eq!(
        unescape("IF(A1&lt;&gt;&quot;&quot;,&amp;B&#12288;&#x3000;)"),
        "IF(A1<>\"\",&B\u{3000}\u{3000})"
    );
}

/// Every formula of every sheet of every form bscore writes (blank in
/// either language, filled from each example, under a 细则, the next
/// evaluation's with and without one, each team member's part with and
/// without one) is within Excel's limit. The totals' formulas were not:
/// the grade's held each header field's tests, written out per cell and
/// repeated for each count, 16,918 characters in the blank form.
#[test]
fn every_formula_of_every_form_fits_excels_limit() {
    let dir = tempfile::tempdir().unwrap();
    let rules = example("rules/example-rules.toml");
    let plan = example("team/plan.toml");
    let surveillance = example("surveillance");
    let mut forms: Vec<(String, Vec<String>)> = vec![
        ("blank".into(), vec!["template".into()]),
        (
            "rules".into(),
            vec!["template".into(), "--rules".into(), rules.clone()],
        ),
        ("next".into(), vec!["next".into(), surveillance.clone()]),
        (
            "next-rules".into(),
            vec!["next".into(), surveillance, "--rules".into(), rules.clone()],
        ),
    ];
    for assessor in ["赵六", "王五"] {
        let part = ["template", "--plan", &plan, "--assessor", assessor].map(String::from);
        forms.push((format!("part-{assessor}"), part.to_vec()));
        let ruled = [&part[..], &["--rules".into(), rules.clone()]].concat();
        forms.push((format!("part-{assessor}-rules"), ruled));
    }
    for name in EXAMPLES {
        let convert = vec!["convert".into(), example(name)];
        forms.push((name.replace('/', "-"), convert));
    }
    let in_either_language = forms.into_iter().flat_map(|(name, args)| {
        ["zh", "en"].map(|lang| {
            let args = [&args[..], &["--lang".into(), lang.into()]].concat();
            (format!("{name}-{lang}"), args)
        })
    });
    for (name, args) in in_either_language {
        let form = dir.path().join(format!("{name}.xlsx"));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = bscore(&[&args[..], &["-o", form.to_str().unwrap()]].concat());
        assert_eq!(output.status.code(), Some(0), "{name}: {output:?}");
        let formulas = every_formula(&form);
        // Every row's formulas at least: a part has a few rows, a form 90.
        assert!(formulas.len() > 20, "{name}: {} formulas", formulas.len());
        let too_long: Vec<String> = (formulas.iter())
            .map(|(sheet, cell, formula)| (sheet, cell, formula.encode_utf16().count()))
            .filter(|(_, _, length)| *length > EXCEL_FORMULA_LIMIT)
            .map(|(sheet, cell, length)| format!("{sheet} {cell}: {length}"))
            .collect();
        assert!(too_long.is_empty(), "{name}: {too_long:?}");
    }
}
