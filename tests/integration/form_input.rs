//! What an assessor types into the form is read or reported, never
//! dropped (a finding without a kind, inputs in a row without an id, text
//! where bscore reads nothing), and every problem of a form is told in the
//! form's own words: its sheets, cells and labels, never TOML's.

use crate::common::{bscore, bscore_command, example};
use rust_xlsxwriter::{Formula, Workbook, Worksheet};
use std::io::{Read, Write};
use std::path::Path;

/// The first row of the table's indicators (0-based) in [`write_form`]'s
/// forms; 4.1.a is on it, 1-based row 8.
const FIRST_ROW: u32 = 7;

/// The form's headings, in bscore's order (A to L).
const HEADINGS: [&str; 12] = [
    "编号",
    "检查内容",
    "小类分值",
    "扣分系数",
    "抽样数",
    "不符合数",
    "删减理由",
    "删减理由不成立",
    "现场评审记录",
    "说明",
    "实际得分",
    "涉及项分值",
];

/// A form as an assessor's spreadsheet saves it, values only: the fields
/// (`fields` may replace any of them), every indicator conforming
/// (coefficient 0), then `extra` writes what the test types in; the
/// second sheet holds `second`'s rows from A1 ("" is an empty cell);
/// `more` adds what follows the two sheets.
fn write_form_with(
    path: &Path,
    fields: &[(&str, &str)],
    extra: impl FnOnce(&mut Worksheet, u32),
    second: &[[&str; 2]],
    more: impl FnOnce(&mut Workbook),
) {
    let checklist = bscore::Checklist::builtin();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("评分表").unwrap();
    let mut values = vec![
        ("经营者", "某某科技有限公司"),
        ("服务", "某某区块链服务"),
        ("评价人员", "张三、李四"),
        ("评价日期", "2026-03-15"),
        ("评价类型", "初次评价"),
    ];
    for (label, value) in fields {
        match values.iter_mut().find(|(l, _)| l == label) {
            Some(field) => field.1 = value,
            None => values.push((label, value)),
        }
    }
    for (row, (label, value)) in (0u32..).zip(&values) {
        sheet.write_string(row, 0, *label).unwrap();
        if !value.is_empty() {
            sheet.write_string(row, 1, *value).unwrap();
        }
    }
    for (column, heading) in (0u16..).zip(HEADINGS) {
        sheet.write_string(FIRST_ROW - 1, column, heading).unwrap();
    }
    let mut row = FIRST_ROW;
    for indicator in &checklist.indicators {
        sheet.write_string(row, 0, &indicator.id).unwrap();
        sheet.write_number(row, 3, 0.0).unwrap();
        row += 1;
    }
    extra(sheet, row);
    let sheet = workbook.add_worksheet().set_name("特别扣分与加分").unwrap();
    write_rows(sheet, second);
    more(&mut workbook);
    workbook.save(path).unwrap();
}

/// Writes `rows` from A1, "" being an empty cell.
fn write_rows<const N: usize>(sheet: &mut Worksheet, rows: &[[&str; N]]) {
    for (row, cells) in (0u32..).zip(rows) {
        for (column, text) in (0u16..).zip(cells) {
            if !text.is_empty() {
                sheet.write_string(row, column, *text).unwrap();
            }
        }
    }
}

/// A form as [`write_form_with`] writes it, its second sheet holding
/// `adjustments` (kind, finding) under its headings, and no more sheets.
fn write_form(
    path: &Path,
    fields: &[(&str, &str)],
    extra: impl FnOnce(&mut Worksheet, u32),
    adjustments: &[(&str, &str)],
) {
    let mut rows = vec![["类型", "发现"]];
    rows.extend(adjustments.iter().map(|(kind, finding)| [*kind, *finding]));
    write_form_with(path, fields, extra, &rows, |_| {});
}

/// `validate` of the form: its exit code and what it says, in `lang`.
fn validate(form: &Path, lang: &str) -> (Option<i32>, String) {
    let output = bscore_command()
        .args(["validate", form.to_str().unwrap(), "--lang", lang])
        .output()
        .unwrap();
    let mut text = String::from_utf8(output.stdout).unwrap();
    text.push_str(&String::from_utf8(output.stderr).unwrap());
    (output.status.code(), text)
}

/// Asserts that `message` holds every one of `expected`.
fn assert_says(message: &str, expected: &[&str]) {
    for line in expected {
        assert!(message.contains(line), "no `{line}` in:\n{message}");
    }
}

/// A row of the second sheet with a finding but no kind, and one with a
/// kind but no finding, are reported at their empty cell: the audit is
/// refused, not passed with the row left out.
#[test]
fn a_finding_without_a_kind_and_a_kind_without_a_finding_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let rows = [("", "用户数据未经同意出境"), ("法律法规", ""), ("加分", "")];
    write_form(&form, &[], |_, _| {}, &rows);
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            "特别扣分与加分!A2：这一行写了发现，但类型未填写",
            "特别扣分与加分!B3：类型为“法律法规”，但发现未填写",
            "特别扣分与加分!B4：类型为“加分”，但发现未填写",
            "共 3 处错误",
        ],
    );
    let (code, english) = validate(&form, "en");
    assert_eq!(code, Some(2));
    assert_says(
        &english,
        &[
            "特别扣分与加分!A2: this row has a Finding, but no Kind",
            "特别扣分与加分!B3: Kind is \"法律法规\", but Finding is empty",
        ],
    );
    // Never scored as if the row were not there.
    let output = bscore(&["evaluate", form.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
}

/// A row inserted below the table with a coefficient and a record but no
/// 编号 is reported at its 编号 cell, naming what it holds.
#[test]
fn a_row_with_inputs_but_no_id_is_reported_at_its_id_cell() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let mut inserted = 0;
    write_form(
        &form,
        &[],
        |sheet, row| {
            inserted = row + 1;
            sheet.write_number(row, 3, 1.0).unwrap();
            sheet.write_string(row, 8, "未见备案材料").unwrap();
        },
        &[],
    );
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[&format!(
            "评分表!A{inserted}：这一行填了扣分系数、现场评审记录，但编号未填写"
        )],
    );
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &[&format!(
            "评分表!A{inserted}: this row has Coefficient, Record filled in, but no Id"
        )],
    );
}

/// Text typed under no heading (right of the table), or over a computed
/// column (实际得分) where bscore writes a formula, is not read, so it is
/// reported at its cell.
#[test]
fn text_where_bscore_reads_nothing_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    write_form(
        &form,
        &[],
        |sheet, _| {
            sheet.write_string(FIRST_ROW, 13, "需复查").unwrap();
            sheet.write_string(FIRST_ROW + 1, 10, "扣一半").unwrap();
        },
        &[("法律法规", "未备案")],
    );
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            "评分表!N8：这一列没有表头，bscore 不读取此处的内容",
            "评分表!K9：实际得分由公式计算，bscore 不读取此处填写的文字",
        ],
    );
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &[
            "评分表!N8: this column has no heading, so bscore does not read this cell",
            "评分表!K9: Earned is computed: bscore does not read text typed here",
        ],
    );
    // What bscore writes itself (check text, points, formulas, the
    // hidden exact column) is not input: its own form validates.
    let own = dir.path().join("own.xlsx");
    let output = bscore(&[
        "convert",
        &example("gold-supply-chain-finance.toml"),
        "-o",
        own.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(validate(&own, "zh").0, Some(0));
}

/// Beside the second sheet's 类型 and 发现, a cell is not read: reported.
#[test]
fn a_cell_beside_the_kind_and_finding_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let checklist = bscore::Checklist::builtin();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, (label, value)) in (0u32..).zip([
        ("经营者", "甲"),
        ("服务", "乙"),
        ("评价人员", "张三"),
        ("评价日期", "2026-03-15"),
        ("评价类型", "初次评价"),
    ]) {
        sheet.write_string(row, 0, label).unwrap();
        sheet.write_string(row, 1, value).unwrap();
    }
    for (column, heading) in (0u16..).zip(HEADINGS) {
        sheet.write_string(6, column, heading).unwrap();
    }
    for (row, indicator) in (7u32..).zip(&checklist.indicators) {
        sheet.write_string(row, 0, &indicator.id).unwrap();
        sheet.write_number(row, 3, 0.0).unwrap();
    }
    let second = workbook.add_worksheet();
    for (column, text) in [(0, "类型"), (1, "发现")] {
        second.write_string(0, column, text).unwrap();
    }
    second.write_string(1, 0, "加分").unwrap();
    second.write_string(1, 1, "链上审计").unwrap();
    second.write_string(1, 2, "另有一项双活容灾").unwrap();
    workbook.save(&form).unwrap();
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &["Sheet2!C2：bscore 只读取类型和发现两列，不读取此处的内容"],
    );
}

/// A date written as assessors write dates is read as that date; the
/// result shows it as bscore writes dates.
#[test]
fn a_date_written_2026年11月20日_or_with_slashes_or_dots_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    for written in ["2026年11月20日", "2026/11/20", "2026.11.20", "2026年3月5日"] {
        write_form(&form, &[("评价日期", written)], |_, _| {}, &[]);
        let output = bscore(&["evaluate", form.to_str().unwrap(), "--format", "json"]);
        assert_eq!(output.status.code(), Some(0), "{written}: {output:?}");
        let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let expected = if written.contains('3') && written.contains('5') {
            "2026-03-05"
        } else {
            "2026-11-20"
        };
        assert_eq!(result["date"], expected, "{written}");
    }
}

/// The form writes the standard's 重新评价 (§8.1 b), as every report does,
/// and reads it, the form's earlier 再认证评价, and the English names.
#[test]
fn the_form_says_and_reads_重新评价() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    for written in ["重新评价", "再认证评价", "Re-evaluation", "recertification"] {
        write_form(&form, &[("评价类型", written)], |_, _| {}, &[]);
        let output = bscore(&["evaluate", form.to_str().unwrap(), "--format", "json"]);
        assert_eq!(output.status.code(), Some(0), "{written}: {output:?}");
        let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(result["kind"], "recertification", "{written}");
    }
    let converted = dir.path().join("converted.xlsx");
    let output = bscore(&[
        "convert",
        &example("fail-special-deduction.toml"),
        "-o",
        converted.to_str().unwrap(),
        "--lang",
        "zh",
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    use calamine::{DataType, Reader};
    let mut workbook = calamine::open_workbook_auto(&converted).unwrap();
    let sheet = workbook.worksheet_range_at(0).unwrap().unwrap();
    let kind = (0..10)
        .find(|row| sheet.get_value((*row, 0)).and_then(|v| v.get_string()) == Some("评价类型"))
        .and_then(|row| sheet.get_value((row, 1)))
        .and_then(|value| value.get_string().map(str::to_string));
    assert_eq!(kind.as_deref(), Some("重新评价"));
}

/// A 类型 not on the list is told with the list's own names in the
/// message's language, not the TOML ids.
#[test]
fn an_unknown_kind_on_the_second_sheet_lists_the_forms_names() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    write_form(&form, &[], |_, _| {}, &[("违法", "未备案")]);
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            "特别扣分与加分!A2：类型“违法”不在列表中：应为 法律法规、白皮书、欺骗、重大风险、加分 之一",
        ],
    );
    assert!(!chinese.contains("`law`"), "{chinese}");
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &[
            "特别扣分与加分!A2: Kind \"违法\" is not on the list: expected one of law, whitepaper, deception, risk, bonus",
        ],
    );
}

/// The 0-based row of indicator `id` in [`write_form`]'s forms.
fn row_of(id: &str) -> u32 {
    let checklist = bscore::Checklist::builtin();
    let index = checklist.lookup(id).unwrap();
    FIRST_ROW + index as u32
}

/// Every problem of a form is told at its cell in the form's words: its
/// labels (扣分系数, 抽样数, 不符合数, 删减理由, 评价类型…), never TOML's keys,
/// tables, quotes or lines; a field left empty at its own cell.
#[test]
fn form_problems_speak_the_forms_words() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    write_form(
        &form,
        &[
            ("经营者", ""),
            ("评价日期", "2026年2月30日"),
            ("评价类型", "年度评价"),
        ],
        |sheet, _| {
            let row = row_of("4.1.b");
            sheet.write_string(row, 3, "半").unwrap();
            let row = row_of("4.1.c");
            sheet.write_blank(row, 3, &Default::default()).unwrap();
            sheet.write_number(row, 4, 3.0).unwrap();
            sheet.write_number(row, 5, 5.0).unwrap();
            let row = row_of("4.1.d");
            sheet.write_number(row, 4, 3.0).unwrap();
            sheet.write_string(row, 7, "理由不成立").unwrap();
        },
        &[
            ("加分", "链上审计"),
            ("法律法规", "未备案"),
            ("加分", "双活容灾"),
        ],
    );
    let (b, c, d) = (
        row_of("4.1.b") + 1,
        row_of("4.1.c") + 1,
        row_of("4.1.d") + 1,
    );
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            "评分表!B1：经营者未填写",
            "评分表!B4：评价日期应为日期：日期单元格，或写成 2026-03-15、2026/3/15、2026年3月15日，实际为“2026年2月30日”",
            "评分表!B5：评价类型应为初次评价、监督评价、重新评价之一，实际为“年度评价”",
            &format!("评分表!D{b}：扣分系数应为介于 0 到 1 之间的数，实际为“半”"),
            &format!("评分表!A{d}：填了删减理由不成立，却没有填被否定的删减理由"),
            &format!("评分表!F{c}：不符合数（5）不能大于抽样数（3）"),
            &format!("评分表!A{d}：抽样数和不符合数须一起填"),
            "特别扣分与加分!A4：最佳实践加分至多一项（8.3 c) 4)）：这是第二个“加分”行",
        ],
    );
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &[
            "评分表!B1: Organization is not filled in",
            "评分表!B5: Kind must be one of Initial evaluation, Surveillance, Re-evaluation, found \"年度评价\"",
            &format!("评分表!F{c}: Nonconforming (5) cannot exceed Sampled (3)"),
            "特别扣分与加分!A4: at most one best-practice bonus counts",
        ],
    );
    // Nothing of TOML: no keys, tables, quoting advice or TOML lines.
    for toml in [
        "[audit]",
        "[bonus]",
        "organization",
        "nonconforming",
        "sampled",
        "不加引号",
        "without quotes",
        " = {",
        " = \"",
        "评分表!D99",
    ] {
        assert!(!chinese.contains(toml), "`{toml}` in:\n{chinese}");
        assert!(!english.contains(toml), "`{toml}` in:\n{english}");
    }
}

/// A bscore XLSX report given where an audit is read is said to be a
/// report, with how to get the form, not "no heading row".
#[test]
fn a_report_read_as_an_audit_is_said_to_be_a_report() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.xlsx");
    let output = bscore(&[
        "evaluate",
        &example("gold-supply-chain-finance.toml"),
        "-o",
        report.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    for command in ["evaluate", "validate"] {
        for (lang, said) in [
            ("zh", "这是 bscore 的评价报告，不是评分表"),
            ("en", "this is a bscore report, not a form"),
        ] {
            let output = bscore_command()
                .args([command, report.to_str().unwrap(), "--lang", lang])
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(2), "{output:?}");
            let message = String::from_utf8(output.stderr).unwrap();
            assert_says(
                &message,
                &[
                    said,
                    "bscore convert audit.toml -o form.xlsx",
                    "bscore template -o form.xlsx",
                ],
            );
            assert!(
                !message.contains("表头") && !message.contains("heading"),
                "{message}"
            );
        }
    }
}

/// A TOML audit writes the kinds' ids; its Chinese message names each
/// kind too, and a kind written by its name is told the id to write.
#[test]
fn a_toml_audits_unknown_kind_is_told_with_the_kinds_names() {
    let dir = tempfile::tempdir().unwrap();
    let audit = dir.path().join("audit.toml");
    let text = std::fs::read_to_string(example("fail-special-deduction.toml")).unwrap();
    let kind = text
        .lines()
        .find(|line| line.starts_with("kind = \"") && !line.contains("recertification"))
        .unwrap()
        .to_string();
    std::fs::write(&audit, text.replacen(&kind, "kind = \"法律法规\"", 1)).unwrap();
    let output = bscore_command()
        .args(["validate", audit.to_str().unwrap(), "--lang", "zh"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8(output.stderr).unwrap();
    assert_says(
        &message,
        &[
            "应为以下之一：`law`（法律法规）、`whitepaper`（白皮书）、`deception`（欺骗）、`risk`（重大风险）",
            "是否应为 `law`？",
        ],
    );
}

/// A field's label written on two rows is reported at the second: which
/// value holds would be a guess.
#[test]
fn a_field_written_twice_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let checklist = bscore::Checklist::builtin();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("评分表").unwrap();
    for (row, (label, value)) in (0u32..).zip([
        ("经营者", "甲公司"),
        ("服务", "乙服务"),
        ("经营者", "丙公司"),
        ("评价人员", "张三"),
        ("评价日期", "2026-03-15"),
        ("评价类型", "初次评价"),
    ]) {
        sheet.write_string(row, 0, label).unwrap();
        sheet.write_string(row, 1, value).unwrap();
    }
    for (column, heading) in (0u16..).zip(HEADINGS) {
        sheet.write_string(FIRST_ROW - 1, column, heading).unwrap();
    }
    for (row, indicator) in (FIRST_ROW..).zip(&checklist.indicators) {
        sheet.write_string(row, 0, &indicator.id).unwrap();
        sheet.write_number(row, 3, 0.0).unwrap();
    }
    workbook.save(&form).unwrap();
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(&chinese, &["评分表!A3：经营者已在 评分表!B1 填写过"]);
}

/// An indicator's row filled in twice is reported at the second, naming
/// the first: which one counts would be a guess.
#[test]
fn an_indicator_filled_in_twice_is_reported_at_the_second_row() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let mut second = 0;
    write_form(
        &form,
        &[],
        |sheet, row| {
            second = row + 1;
            sheet.write_string(row, 0, "4.1.a").unwrap();
            sheet.write_number(row, 3, 1.0).unwrap();
        },
        &[],
    );
    let first = row_of("4.1.a") + 1;
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[&format!(
            "评分表!A{second}：编号 4.1.a 已在第 {first} 行填写过"
        )],
    );
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &[&format!(
            "评分表!A{second}: Id 4.1.a is already filled in on row {first}"
        )],
    );
}

/// A report of an audit read from a form says what to fill in in the
/// form's terms: a surveillance audit without its cycle's start is told
/// to fill in 周期起始 on the form, not `cycle_start` in `[audit]`.
#[test]
fn a_report_of_a_form_says_what_to_fill_in_in_the_forms_terms() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    write_form(&form, &[("评价类型", "监督评价")], |_, _| {}, &[]);
    for (lang, said) in [
        ("zh", "请在评分表中填写周期起始"),
        ("en", "fill in Cycle start on the form"),
    ] {
        for format in ["html", "table", "markdown"] {
            let output = bscore_command()
                .args([
                    "evaluate",
                    form.to_str().unwrap(),
                    "--format",
                    format,
                    "--lang",
                    lang,
                ])
                .output()
                .unwrap();
            assert_eq!(output.status.code(), Some(0), "{output:?}");
            let report = String::from_utf8(output.stdout).unwrap();
            assert!(report.contains(said), "{lang} {format}: no `{said}`");
            // What a person reads: the HTML's embedded JSON result keeps
            // its keys.
            let shown = match report.find("<script type=\"application/json\"") {
                Some(start) => &report[..start],
                None => &report,
            };
            assert!(!shown.contains("cycle_start"), "{lang} {format}");
        }
    }
}

/// A second sheet whose heading row is renamed, deleted or moved down
/// under other rows: every cell on it is reported, never dropped, and
/// the heading asked for, so a 法律法规 finding never scores as if absent.
#[test]
fn a_second_sheet_without_its_heading_row_is_reported_cell_by_cell() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let layouts: [&[[&str; 2]]; 3] = [
        &[["类别", "发现"], ["法律法规", "未备案"]],
        &[["法律法规", "未备案"]],
        &[["特别扣分", ""], ["类型", "发现"], ["法律法规", "未备案"]],
    ];
    let expected: [&[&str]; 3] = [
        &[
            "特别扣分与加分!B1：找不到表头行：这一行有表头，但缺少“类型”",
            "特别扣分与加分!A2：本表没有“类型”“发现”表头行",
            "特别扣分与加分!B2：本表没有",
        ],
        &[
            "特别扣分与加分：找不到表头行：需要一行包含“类型”和“发现”",
            "特别扣分与加分!A1：本表没有",
            "特别扣分与加分!B1：本表没有",
        ],
        &["特别扣分与加分!A1：这一格在“类型”“发现”表头行的上方"],
    ];
    for (layout, expected) in layouts.iter().zip(expected) {
        write_form_with(&form, &[], |_, _| {}, layout, |_| {});
        let (code, chinese) = validate(&form, "zh");
        assert_eq!(code, Some(2), "{chinese}");
        assert_says(&chinese, expected);
    }
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &["特别扣分与加分!A1: this cell is above the \"Kind\" and \"Finding\" heading row"],
    );
}

/// A third sheet is not read: what is typed there (a 法律法规 row) is
/// reported at its cells, so it never scores as if absent.
#[test]
fn a_cell_on_a_sheet_bscore_does_not_read_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let rows = [["类型", "发现"]];
    write_form_with(
        &form,
        &[],
        |_, _| {},
        &rows,
        |workbook| {
            let third = workbook.add_worksheet().set_name("补充").unwrap();
            write_rows(third, &[["法律法规", "未备案"]]);
        },
    );
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            "补充!A1：bscore 只读取“评分表”“特别扣分与加分”“现场”“样本”四张工作表，不读取此处的内容",
            "补充!B1：bscore 只读取",
            "把它移到这四张工作表中相应的一张（同名的工作表只读第一张），或删除",
        ],
    );
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &[
            "补充!A1: bscore reads only the sheets \"评分表\", \"特别扣分与加分\", \"现场\" and \"样本\", not this cell",
        ],
    );
}

/// A heading written twice on the heading row (现场评审记录 relabelled 说明)
/// is refused at both cells, and the heading row is told the one heading
/// it lacks, not all of them: no record is dropped in silence.
#[test]
fn a_heading_written_twice_is_reported_at_both_cells() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let heading_row = FIRST_ROW; // 1-based row of the headings
    write_form(
        &form,
        &[],
        |sheet, _| {
            sheet.write_string(FIRST_ROW - 1, 8, "说明").unwrap();
            sheet.write_string(FIRST_ROW, 8, "未见备案材料").unwrap();
        },
        &[],
    );
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            &format!("评分表!A{heading_row}：表头行缺少现场评审记录\n"),
            &format!(
                "评分表!I{heading_row}：表头“说明”出现了不止一次（又见 评分表!J{heading_row}）"
            ),
            &format!(
                "评分表!J{heading_row}：表头“说明”出现了不止一次（又见 评分表!I{heading_row}）"
            ),
        ],
    );
    assert!(!chinese.contains("扣分系数、"), "{chinese}");
    // With every heading there, a second one is still refused.
    write_form(
        &form,
        &[],
        |sheet, _| {
            sheet
                .write_string(FIRST_ROW - 1, 12, "现场评审记录")
                .unwrap();
        },
        &[],
    );
    let (code, english) = validate(&form, "en");
    assert_eq!(code, Some(2), "{english}");
    assert_says(
        &english,
        &[&format!(
            "评分表!M{heading_row}: the heading \"Record\" appears more than once (also at 评分表!I{heading_row})"
        )],
    );
}

/// A text cell is read by the form's rules, not as a TOML literal: `1_0`
/// in 抽样数 is not 10, `0.2_5` or `0x1` in 扣分系数 not a number; each is
/// refused at its cell, and `convert` never writes them into an audit.
#[test]
fn a_number_typed_as_text_is_read_by_the_forms_rules_not_tomls() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let (first, second, third) = (row_of("4.1.a"), row_of("4.1.b"), row_of("4.1.c"));
    write_form(
        &form,
        &[],
        |sheet, _| {
            sheet.write_string(first, 3, "0.2_5").unwrap();
            sheet.write_string(third, 3, "0x1").unwrap();
            sheet.clear_cell(second, 3);
            sheet.write_string(second, 4, "1_0").unwrap();
            sheet.write_number(second, 5, 0.0).unwrap();
        },
        &[],
    );
    let (first, second, third) = (first + 1, second + 1, third + 1);
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            &format!("评分表!D{first}：扣分系数应为介于 0 到 1 之间的数，实际为“0.2_5”"),
            &format!("评分表!E{second}：抽样数应为整数，实际为“1_0”"),
            &format!("评分表!D{third}：扣分系数应为介于 0 到 1 之间的数，实际为“0x1”"),
        ],
    );
    let audit = dir.path().join("audit.toml");
    let output = bscore(&[
        "convert",
        form.to_str().unwrap(),
        "-o",
        audit.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    assert!(!audit.exists());
}

/// The workbook at `path` with every stored value of the formula `=1/2`
/// removed, as a program that writes formulas without calculating saves it.
fn without_stored_values(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = String::new();
        entry.read_to_string(&mut data).unwrap();
        let data = data.replace("<f>1/2</f><v>0</v>", "<f>1/2</f>");
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(data.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
}

/// A formula typed into an input cell whose value the file does not hold
/// reads as empty: it is reported at its cell, with how to store its value.
#[test]
fn a_formula_without_a_stored_value_is_reported_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let row = row_of("4.1.a");
    write_form(
        &form,
        &[],
        |sheet, _| {
            sheet.write_formula(row, 3, Formula::new("1/2")).unwrap();
        },
        &[],
    );
    without_stored_values(&form);
    let row = row + 1;
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            &format!("评分表!D{row}：这一格是公式（=1/2），但文件中没有保存它的值"),
            "在 Excel、WPS 或 LibreOffice 中打开并保存评分表",
        ],
    );
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &[&format!(
            "评分表!D{row}: this cell is a formula (=1/2) whose value the file does not hold"
        )],
    );
}

/// "Not assessed" names where to fill each indicator in: its row's
/// 扣分系数 cell, or the cell that holds only spaces (a space, a no-break
/// space, an ideographic space), said to hold only spaces.
#[test]
fn an_unassessed_indicator_is_named_with_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let rows = [row_of("4.1.a"), row_of("4.1.b"), row_of("4.1.c")];
    write_form(
        &form,
        &[],
        |sheet, _| {
            sheet.clear_cell(rows[0], 3);
            sheet.write_string(rows[1], 3, "\u{3000}").unwrap();
            sheet.write_string(rows[2], 3, "\u{a0} ").unwrap();
        },
        &[],
    );
    let [a, b, c] = rows.map(|row| row + 1);
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[&format!(
            "评分表：有 3 个指标未评价：4.1.a（评分表!D{a}）、4.1.b（评分表!D{b} 只有空格）、4.1.c（评分表!D{c} 只有空格）"
        )],
    );
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &[&format!(
            "4.1.a (评分表!D{a}), 4.1.b (评分表!D{b} holds only spaces), 4.1.c (评分表!D{c} holds only spaces)"
        )],
    );
}

/// A sheet's name with a `!` in it (Excel allows it) is quoted in every
/// cell reference, as Excel writes it, and problems on it are still
/// ordered by cell, never a crash.
#[test]
fn a_sheet_named_with_an_exclamation_mark_is_quoted_in_references() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let row = row_of("4.1.a");
    let rows = [["类型", "发现"], ["", "未备案"]];
    write_form_with(
        &form,
        &[],
        |sheet, _| {
            sheet.clear_cell(row, 3);
        },
        &rows,
        |workbook| {
            workbook
                .worksheet_from_index(0)
                .unwrap()
                .set_name("评分!表")
                .unwrap();
        },
    );
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    let row = row + 1;
    assert_says(
        &chinese,
        &[
            &format!("'评分!表'：有 1 个指标未评价：4.1.a（'评分!表'!D{row}）"),
            "特别扣分与加分!A2：这一行写了发现，但类型未填写",
        ],
    );
    assert!(!chinese.contains("panicked"), "{chinese}");
}

/// A form on standard input is read as a form; a bscore HTML report given
/// as an audit is said to be a report; an Excel/WPS lock file (`~$…xlsx`)
/// in a folder is skipped with a note, and refused when named.
#[test]
fn a_form_on_standard_input_a_report_and_a_lock_file_are_told_apart() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    write_form(&form, &[], |_, _| {}, &[]);
    let output = bscore_command()
        .args(["validate", "-"])
        .stdin(std::fs::File::open(&form).unwrap())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");

    let report = dir.path().join("report.html");
    let example = example("gold-supply-chain-finance.toml");
    let output = bscore(&["evaluate", &example, "-o", report.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let (code, chinese) = validate(&report, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            "这是 bscore 的 HTML 评价报告，不是评价文件",
            "bscore template -o form.xlsx",
        ],
    );
    let (_, english) = validate(&report, "en");
    assert_says(&english, &["this is a bscore HTML report, not an audit"]);

    let lock = dir.path().join("~$form.xlsx");
    std::fs::write(&lock, [0u8; 165]).unwrap();
    let output = bscore(&["validate", dir.path().to_str().unwrap()]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(
        stderr.matches("已跳过 Excel/WPS 的锁定文件").count(),
        1,
        "{stderr}"
    );
    assert!(stderr.contains("skipped Excel/WPS lock files"), "{stderr}");
    let (code, named) = validate(&lock, "zh");
    assert_eq!(code, Some(2), "{named}");
    assert_says(
        &named,
        &[
            "这是 Excel 或 WPS 打开评分表时留下的锁定文件，不是评分表",
            "请改用评分表本身（form.xlsx）",
        ],
    );
}

/// Form messages quote a cell as the spreadsheet shows it (1E+308, TRUE,
/// #N/A), never as TOML reads it, set what was typed in “”, not TOML's
/// backticks, and name the cells to clear.
#[test]
fn form_messages_quote_cells_as_the_spreadsheet_shows_them() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let rows = ["4.1.a", "4.1.b", "4.1.c", "4.1.d"].map(row_of);
    write_form(
        &form,
        &[],
        |sheet, _| {
            sheet.write_number(rows[0], 3, 1e308).unwrap();
            sheet.write_boolean(rows[1], 3, true).unwrap();
            let na = Formula::new("NA()").set_result("#N/A");
            sheet.write_formula(rows[2], 3, na).unwrap();
            sheet.write_string(rows[3], 0, "４.1.d").unwrap();
        },
        &[],
    );
    let [a, b, c, d] = rows.map(|row| row + 1);
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &[
            &format!("评分表!D{a}：扣分系数应在 0 到 1 之间，实际为 1E+308"),
            &format!("评分表!D{b}：扣分系数应为介于 0 到 1 之间的数，实际为“TRUE”"),
            &format!("评分表!D{c}：扣分系数应为介于 0 到 1 之间的数，实际为“#N/A”"),
            &format!("评分表!A{d}：未知的指标编号“４.1.d”"),
            "是否应为“4.1.d”？",
        ],
    );
    for toml in ["整数", "`", "NA”", "true"] {
        assert!(!chinese.contains(toml), "{toml} in:\n{chinese}");
    }
    let (_, english) = validate(&form, "en");
    assert_says(
        &english,
        &["unknown indicator id \"４.1.d\"", "did you mean \"4.1.d\"?"],
    );

    // An excluded row with an assessment: the hint names the cells.
    write_form(
        &form,
        &[],
        |sheet, _| {
            sheet
                .write_string(rows[0], 6, "本服务不涉及跨境数据")
                .unwrap();
        },
        &[],
    );
    let (_, chinese) = validate(&form, "zh");
    assert_says(&chinese, &["否则清空这一行的扣分系数、抽样数和不符合数"]);

    // A date cell no calendar holds is refused as the number it is.
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    write_form(
        &form,
        &[],
        |sheet, _| {
            sheet.write_number_with_format(3, 1, 1e10, &date).unwrap();
        },
        &[],
    );
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &["评分表!B4：评价日期应为日期", "实际为“10000000000”"],
    );
}

/// Two sites sheets (现场 and Sites): the first is read, the second is
/// reported at its cells, never passed over (found by a review: a site
/// typed on the second was dropped without a word).
#[test]
fn a_second_sheet_of_the_sites_sheets_name_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("form.xlsx");
    let rows = [["类型", "发现"]];
    write_form_with(
        &form,
        &[],
        |_, _| {},
        &rows,
        |workbook| {
            let sites = workbook.add_worksheet().set_name("现场").unwrap();
            write_rows(sites, &[["现场编号", "现场名称"], ["sh", "上海"]]);
            let again = workbook.add_worksheet().set_name("Sites").unwrap();
            write_rows(again, &[["Site id", "Site name"], ["zz", "Elsewhere"]]);
        },
    );
    let (code, chinese) = validate(&form, "zh");
    assert_eq!(code, Some(2), "{chinese}");
    assert_says(
        &chinese,
        &["Sites!A2：bscore 只读取", "Sites!B2：bscore 只读取"],
    );
}
