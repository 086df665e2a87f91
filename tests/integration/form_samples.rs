//! Sites and sampled items on the form: the sites sheet (现场 / Sites) and
//! the samples sheet (样本 / Samples) carry an audit's `[[sites]]`, each
//! indicator's items, its population and its draw, so that every example
//! reads back from its form as the same audit; the checklist's 抽样数 and
//! 不符合数 count the items live, as LibreOffice and Gnumeric show them;
//! every problem on the new sheets is named by its cell, in either
//! language.

use crate::common::{bscore, evaluated, example};
use crate::opened::{
    EARNED, assert_shows_evaluation, cell, gnumeric_computes, libreoffice_recalculates,
    libreoffice_shows, row_of,
};
use bscore::{Audit, Checklist, Checks, Lang, Words};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const MULTI_SITE: &str = "gold-multi-site.toml";

/// The columns of the checklist sheet (0-based) of 抽样数, 不符合数 and
/// 总体数量 (docs/form.md: 编号, 检查内容, 小类分值, 扣分系数, then these).
const SAMPLED: usize = 4;
const NONCONFORMING: usize = 5;
const POPULATION: usize = 6;

/// Every audit file among the examples, `examples/surveillance/` and the
/// histories included.
fn every_example() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut found = Vec::new();
    let histories = [root.join("history/jiangnan"), root.join("history/breach")];
    for dir in [root.clone(), root.join("surveillance")]
        .into_iter()
        .chain(histories)
    {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                found.push(path);
            }
        }
    }
    found.sort();
    assert!(found.iter().any(|path| path.ends_with(MULTI_SITE)));
    found
}

/// The audit as the form holds it: the form names no standard (its title
/// does), so the audit's own is left out of the comparison.
fn as_on_form(mut audit: Audit) -> Audit {
    audit.meta.standard = None;
    audit
}

#[test]
fn every_example_is_the_same_audit_read_back_from_its_form() {
    let checklist = &Checklist::builtin();
    for path in every_example() {
        let text = std::fs::read_to_string(&path).unwrap();
        let audit = Audit::parse("audit.toml", &text, checklist).unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let form = bscore::form_workbook(checklist, Some(&audit), None, lang).unwrap();
            let held = bscore::read_form("form.xlsx", &form).unwrap();
            let back = held
                .audit("form.xlsx", checklist, Checks::default())
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            let what = format!("{} ({lang:?})", path.display());
            assert_eq!(back, as_on_form(audit.clone()), "{what}");
        }
    }
    // Not a comparison of two empty lists: the multi-site example has
    // three sites and three indicators of items, one drawn.
    let text = std::fs::read_to_string(example(MULTI_SITE)).unwrap();
    let audit = Audit::parse("audit.toml", &text, checklist).unwrap();
    assert_eq!(audit.sites.len(), 3);
    let sampled: Vec<usize> = (audit.entries.iter())
        .filter_map(|entry| entry.samples.as_ref())
        .map(|samples| samples.items.len())
        .collect();
    assert_eq!(sampled, [12, 6, 4]);
    let populations: Vec<u64> = audit.entries.iter().filter_map(|e| e.population).collect();
    assert_eq!(populations, [40, 48]);
}

/// The multi-site example and the list its draw was drawn from, in a new
/// directory, as an assessor keeps them.
fn multi_site_dir() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(example(MULTI_SITE), dir.path().join(MULTI_SITE)).unwrap();
    std::fs::create_dir(dir.path().join("pools")).unwrap();
    std::fs::copy(
        example("pools/test-cases.txt"),
        dir.path().join("pools/test-cases.txt"),
    )
    .unwrap();
    dir
}

/// `bscore ARGS`, which must exit with `code`; its standard error.
fn run(args: &[&str], code: i32) -> String {
    let output = bscore(args);
    assert_eq!(output.status.code(), Some(code), "{args:?}: {output:?}");
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The multi-site form in `lang`, written by `convert` in `dir`.
fn multi_site_form(dir: &Path, lang: &str) -> PathBuf {
    let form = dir.join(format!("form-{lang}.xlsx"));
    let toml = dir.join(MULTI_SITE);
    let args = ["--lang", lang, "convert", toml.to_str().unwrap()];
    run(&[&args[..], &["-o", form.to_str().unwrap()]].concat(), 0);
    form
}

#[test]
fn the_multi_site_form_converts_back_to_the_same_audit_its_draw_drawn_again() {
    let checklist = &Checklist::builtin();
    let dir = multi_site_dir();
    let text = std::fs::read_to_string(dir.path().join(MULTI_SITE)).unwrap();
    let audit = as_on_form(Audit::parse("a.toml", &text, checklist).unwrap());
    for lang in ["zh", "en"] {
        let form = multi_site_form(dir.path(), lang);
        let back = dir.path().join(format!("back-{lang}.toml"));
        let (form, back) = (form.to_str().unwrap(), back.to_str().unwrap());
        run(&["validate", form], 0);
        run(&["convert", form, "-o", back], 0);
        let text = std::fs::read_to_string(back).unwrap();
        assert_eq!(Audit::parse("b.toml", &text, checklist).unwrap(), audit);
        // The score the example states: 94.64.
        let output = bscore(&["evaluate", form, "--format", "json"]);
        let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(result["score_exact"], "1325/14", "{lang}");
    }
    // Away from its list the draw cannot be drawn again: told at the
    // 清单文件 cell of 4.5.c's first item, row 14 (12 items of 4.4.e on
    // rows 2 to 13 before it), column G.
    let away = tempfile::tempdir().unwrap();
    let moved = away.path().join("form.xlsx");
    std::fs::copy(dir.path().join("form-zh.xlsx"), &moved).unwrap();
    let told = run(&["validate", moved.to_str().unwrap()], 2);
    assert!(told.contains("样本!G14"), "{told}");
}

/// The workbook `xlsx` with cells of its sheets replaced, as a spreadsheet
/// would save them (the stored results of the formulas unchanged): each
/// edit is (sheet number, cell, text; empty for a blank cell).
fn edited(xlsx: &Path, edits: &[(u32, &str, &str)], name: &str) -> PathBuf {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let target = xlsx.with_file_name(name);
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&target).unwrap());
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let part = entry.name().unwrap().to_string();
        let mut data = String::new();
        entry.read_to_string(&mut data).unwrap();
        for (sheet, reference, text) in edits {
            if part == format!("xl/worksheets/sheet{sheet}.xml") {
                data = with_text(&data, reference, text);
            }
        }
        let options = zip::write::SimpleFileOptions::default();
        writer.start_file(part, options).unwrap();
        writer.write_all(data.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
    target
}

/// A sheet's XML with the cell `reference` holding `text`, its style
/// kept; blank for an empty `text`. A cell bscore did not write is on a
/// new row after the others.
fn with_text(xml: &str, reference: &str, text: &str) -> String {
    let Some(start) = xml.find(&format!("<c r=\"{reference}\"")) else {
        // A new row after the others (rows are added at the end).
        let row: String = reference.chars().filter(char::is_ascii_digit).collect();
        let end = xml.find("</sheetData>").unwrap();
        let new = format!("<row r=\"{row}\"><c r=\"{reference}\"/></row>");
        let with_it = format!("{}{new}{}", &xml[..end], &xml[end..]);
        return with_text(&with_it, reference, text);
    };
    let tag_end = start + xml[start..].find('>').unwrap();
    let end = match xml[..=tag_end].ends_with("/>") {
        true => tag_end + 1,
        false => tag_end + xml[tag_end..].find("</c>").unwrap() + 4,
    };
    let style = xml[start..tag_end]
        .split_whitespace()
        .find(|attribute| attribute.starts_with("s="))
        .map(|attribute| format!(" {}", attribute.trim_end_matches('/')))
        .unwrap_or_default();
    let cell = match text {
        "" => format!("<c r=\"{reference}\"{style}/>"),
        text => format!("<c r=\"{reference}\"{style} t=\"inlineStr\"><is><t>{text}</t></is></c>"),
    };
    format!("{}{cell}{}", &xml[..start], &xml[end..])
}

/// A problem of the multi-site form: the cells changed (sheet 3 the
/// sites, 4 the samples), the cell it must be told at (without the
/// sheet), and what the message must say in Chinese and in English.
struct Case {
    edits: &'static [(u32, &'static str, &'static str)],
    at: (u32, &'static str),
    zh: &'static str,
    en: &'static str,
}

/// The items of the multi-site form's samples sheet, by row: 4.4.e's
/// twelve on rows 2 to 13 (CR-2026-003 on row 2, CR-2026-007 on row 3,
/// sites sh, sh, sh, sh, sh, bj …), 4.5.c's six on 14 to 19, 7.2.d-3's
/// four on 20 to 23. The sites sheet: sh, bj, sz on rows 2 to 4.
const CASES: [Case; 9] = [
    Case {
        edits: &[(4, "A2", "9.9.z")],
        at: (4, "A2"),
        zh: "9.9.z",
        en: "unknown indicator id \"9.9.z\"",
    },
    Case {
        edits: &[(4, "B3", "")],
        at: (4, "B3"),
        zh: "样本未填写",
        en: "Item is not filled in",
    },
    Case {
        edits: &[(4, "B5", "CR-2026-003")],
        at: (4, "B5"),
        zh: "已在 样本!B2 列出",
        en: "is listed at Samples!B2 already",
    },
    Case {
        edits: &[(4, "C6", "gz")],
        at: (4, "C6"),
        zh: "现场“gz”没有在“现场”表中列出",
        en: "the Site \"gz\" is not listed on the sheet \"Sites\"",
    },
    Case {
        edits: &[(4, "D7", "maybe")],
        at: (4, "D7"),
        zh: "符合应为“是”或“否”，实际为“maybe”",
        en: "Conforms must be yes or no, found \"maybe\"",
    },
    Case {
        edits: &[(4, "A10", "")],
        at: (4, "A10"),
        zh: "但编号未填写",
        en: "but no Id",
    },
    Case {
        edits: &[(3, "B3", "")],
        at: (3, "B3"),
        zh: "现场名称未填写",
        en: "Site name is not filled in",
    },
    Case {
        edits: &[(3, "A5", "sh"), (3, "B5", "上海二")],
        at: (3, "A5"),
        zh: "现场编号“sh”已在 现场!A2 用过",
        en: "Site id \"sh\" is used at Sites!A2 already",
    },
    Case {
        edits: &[(4, "E3", "?")],
        at: (4, "E3"),
        zh: "占位",
        en: "placeholder",
    },
];

#[test]
fn every_problem_on_the_sites_and_samples_sheets_is_named_by_its_cell() {
    let dir = multi_site_dir();
    for (lang, sheets) in [("zh", ["现场", "样本"]), ("en", ["Sites", "Samples"])] {
        let form = multi_site_form(dir.path(), lang);
        for (index, case) in CASES.iter().enumerate() {
            let bad = edited(&form, case.edits, &format!("bad-{lang}-{index}.xlsx"));
            let told = run(&["--lang", lang, "validate", bad.to_str().unwrap()], 2);
            let sheet = sheets[case.at.0 as usize - 3];
            let at = format!("{sheet}!{}: ", case.at.1);
            let at_zh = format!("{sheet}!{}：", case.at.1);
            let (message, place) = match lang {
                "zh" => (case.zh, at_zh),
                _ => (case.en, at),
            };
            let line = (told.lines())
                .find(|line| line.contains(&place))
                .unwrap_or_else(|| panic!("{lang} case {index}: nothing at {place}: {told}"));
            assert!(line.contains(message), "{lang} case {index}: {line}");
            // One problem, at its cell: nothing else is told of it.
            let problem = |line: &&str| line.starts_with("error:") || line.starts_with("错误:");
            let count = told.lines().filter(problem).count();
            assert_eq!(count, 1, "{lang} case {index}: {told}");
            if lang == "en" {
                assert!(!bscore::has_cjk(line), "{line}");
            }
        }
    }
}

#[test]
fn yes_and_no_are_read_as_typed_on_either_keyboard() {
    let checklist = &Checklist::builtin();
    let dir = multi_site_dir();
    let form = multi_site_form(dir.path(), "zh");
    // Rows 2 and 3 of the samples sheet: CR-2026-003 conforms, CR-2026-007
    // does not; written the other ways, read the same.
    for (yes, no) in [("√", "×"), ("YES", "No"), ("true", "FALSE"), ("是", "否")] {
        let typed = edited(&form, &[(4, "D2", yes), (4, "D3", no)], "typed.xlsx");
        let back = dir.path().join("typed.toml");
        let (typed, back) = (typed.to_str().unwrap(), back.to_str().unwrap());
        run(&["convert", typed, "-o", back, "--force"], 0);
        let text = std::fs::read_to_string(back).unwrap();
        let audit = Audit::parse("typed.toml", &text, checklist).unwrap();
        let index = checklist.lookup("4.4.e").unwrap();
        let items = &audit.entries[index].samples.as_ref().unwrap().items;
        let read: Vec<bool> = items[..2].iter().map(|item| item.conforms).collect();
        assert_eq!(read, [true, false], "{yes} {no}");
    }
}

#[test]
fn a_count_typed_over_the_live_count_is_a_second_assessment() {
    let dir = multi_site_dir();
    let form = multi_site_form(dir.path(), "zh");
    let checklist = &Checklist::builtin();
    // 4.4.e's row: the heading is on row 11, the first category's rows
    // follow in checklist order from row 12, 4.4.e after 21 of them
    // (4.1.a–d, 4.2.a–d, the nine of 4.3, 4.4.a–d): row 33.
    assert_eq!(checklist.lookup("4.4.e"), Some(21));
    let typed = edited(&form, &[(1, "E33", "12"), (1, "F33", "5")], "typed.xlsx");
    let told = run(&["--lang", "zh", "validate", typed.to_str().unwrap()], 2);
    assert!(told.contains("评分表!E33：评价结果多于一项"), "{told}");
    // One of the two typed alone is half a sample, told at the row.
    let typed = edited(&form, &[(1, "E33", "12")], "half.xlsx");
    let told = run(&["--lang", "zh", "validate", typed.to_str().unwrap()], 2);
    assert!(
        told.contains("评分表!A33：抽样数和不符合数须一起填"),
        "{told}"
    );
}

/// The multi-site form as `open` shows it: bscore's figures, and each
/// sampled indicator's counts and population, hand-derived from the
/// example's items (4.4.e 12 items, 5 not conforming, of 40; 4.5.c 6, 2,
/// of 48; 7.2.d-3 4, 1).
fn shows_the_multi_site_counts(open: fn(&Path) -> Vec<Vec<String>>) {
    let (checklist, _, evaluation) = evaluated(MULTI_SITE);
    for lang in [Lang::Zh, Lang::En] {
        let words = Words::new(lang, &checklist);
        let dir = multi_site_dir();
        let code = if lang == Lang::Zh { "zh" } else { "en" };
        let rows = open(&multi_site_form(dir.path(), code));
        assert_shows_evaluation(&rows, (&checklist, &evaluation), &words, MULTI_SITE);
        for (id, counts) in [
            ("4.4.e", ["12", "5", "40"]),
            ("4.5.c", ["6", "2", "48"]),
            ("7.2.d-3", ["4", "1", ""]),
        ] {
            let row = row_of(&rows, 0, id);
            let shown = [SAMPLED, NONCONFORMING, POPULATION].map(|c| cell(row, c).to_string());
            assert_eq!(shown, counts, "{id} ({code})");
        }
        assert_eq!(cell(row_of(&rows, 0, words.labels.score), EARNED), "94.64");
    }
}

#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui) to run this test"
)]
fn the_multi_site_form_opened_in_libreoffice_shows_its_counts_and_score() {
    shows_the_multi_site_counts(libreoffice_shows);
    shows_the_multi_site_counts(libreoffice_recalculates);
}

#[test]
#[cfg_attr(
    not(has_gnumeric),
    ignore = "no Gnumeric on this machine: install it (apt-get install gnumeric) to run this test"
)]
fn the_multi_site_form_recalculated_by_gnumeric_shows_its_counts_and_score() {
    shows_the_multi_site_counts(gnumeric_computes);
}

/// An item changed in the spreadsheet changes the counts, the row's
/// points and the score: CR-2026-007 (samples sheet row 3) found to
/// conform after all leaves 4 of 12 of 4.4.e nonconforming: it earns
/// 1 × (1 − 4/12) = 0.66 (2/3 cut), and the score is (371/4 + 1/12) / 98
/// × 100 = 55700/588 = 94.7278…, shown 94.72.
fn recounts_an_item_changed(open: fn(&Path) -> Vec<Vec<String>>) {
    let dir = multi_site_dir();
    let form = multi_site_form(dir.path(), "zh");
    let changed = edited(&form, &[(4, "D3", "是")], "changed.xlsx");
    let rows = open(&changed);
    let row = row_of(&rows, 0, "4.4.e");
    assert_eq!(cell(row, SAMPLED), "12");
    assert_eq!(cell(row, NONCONFORMING), "4");
    assert_eq!(cell(row, EARNED), "0.66");
    let checklist = &Checklist::builtin();
    let words = Words::new(Lang::Zh, checklist);
    assert_eq!(cell(row_of(&rows, 0, words.labels.score), EARNED), "94.72");
    // bscore reads the items, not the stored counts: the same score.
    let output = bscore(&["evaluate", changed.to_str().unwrap(), "--format", "json"]);
    let result: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(result["score_exact"], "13925/147");
}

#[test]
#[cfg_attr(
    not(all(has_libreoffice, has_gnumeric)),
    ignore = "no LibreOffice or Gnumeric on this machine: install them (apt-get install libreoffice-calc-nogui gnumeric) to run this test"
)]
fn an_item_changed_in_the_spreadsheet_is_counted_live() {
    recounts_an_item_changed(libreoffice_recalculates);
    recounts_an_item_changed(gnumeric_computes);
}

#[test]
fn a_samples_sheet_past_the_filled_cells_limit_is_refused_at_its_cell() {
    // 25,001 rows of four filled cells pass the 100,000 filled cells a
    // sheet may hold: refused at the cell where the limit is passed,
    // naming the sheet, never read further.
    let dir = multi_site_dir();
    let form = multi_site_form(dir.path(), "zh");
    let mut rows = String::new();
    for row in 2..=25_002u32 {
        rows.push_str(&format!(
            "<row r=\"{row}\"><c r=\"A{row}\" t=\"inlineStr\"><is><t>4.4.e</t></is></c><c r=\"B{row}\" t=\"inlineStr\"><is><t>X{row}</t></is></c><c r=\"C{row}\" t=\"inlineStr\"><is><t>sh</t></is></c><c r=\"D{row}\" t=\"inlineStr\"><is><t>是</t></is></c></row>"
        ));
    }
    let mut archive = zip::ZipArchive::new(std::fs::File::open(&form).unwrap()).unwrap();
    let target = dir.path().join("huge.xlsx");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&target).unwrap());
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let part = entry.name().unwrap().to_string();
        let mut data = String::new();
        entry.read_to_string(&mut data).unwrap();
        if part == "xl/worksheets/sheet4.xml" {
            let start = data.find("<row r=\"2\"").unwrap();
            let end = data.find("</sheetData>").unwrap();
            data = format!("{}{rows}{}", &data[..start], &data[end..]);
        }
        let options = zip::write::SimpleFileOptions::default();
        writer.start_file(part, options).unwrap();
        writer.write_all(data.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
    let told = run(&["validate", target.to_str().unwrap()], 2);
    assert!(told.contains("样本!"), "{told}");
    assert!(told.contains("100000"), "{told}");
}

/// In the empty form too, items listed on the samples sheet are counted
/// on their indicator's row: two items of 4.1.a (1 point), one not
/// conforming, make 抽样数 2, 不符合数 1 and 实际得分 1 × (1 − 1/2) = 0.50
/// once recalculated; bscore reads 4.1.a as assessed by them.
#[test]
#[cfg_attr(
    not(has_gnumeric),
    ignore = "no Gnumeric on this machine: install it (apt-get install gnumeric) to run this test"
)]
fn the_empty_form_counts_items_listed_for_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let template = dir.path().join("template.xlsx");
    run(
        &["--lang", "zh", "template", "-o", template.to_str().unwrap()],
        0,
    );
    let items = [
        (4, "A2", "4.1.a"),
        (4, "B2", "X-1"),
        (4, "D2", "否"),
        (4, "A3", "4.1.a"),
        (4, "B3", "X-2"),
        (4, "D3", "是"),
    ];
    let listed = edited(&template, &items, "listed.xlsx");
    let rows = gnumeric_computes(&listed);
    let row = row_of(&rows, 0, "4.1.a");
    let shown = [SAMPLED, NONCONFORMING, EARNED].map(|c| cell(row, c).to_string());
    assert_eq!(shown, ["2", "1", "0.50"]);
    // Another row counts none: its cells stay empty.
    let other = row_of(&rows, 0, "4.1.b");
    assert_eq!([cell(other, SAMPLED), cell(other, NONCONFORMING)], ["", ""]);
    let told = run(&["--lang", "zh", "validate", listed.to_str().unwrap()], 2);
    assert!(told.contains("有 85 个指标未评价"), "{told}");
    assert!(!told.contains("4.1.a（"), "{told}");
}

/// The sites sheet (the third) of `xlsx` as LibreOffice and Gnumeric,
/// each recalculating, show it.
fn sites_sheet_as_opened(xlsx: &Path) -> [Vec<Vec<String>>; 2] {
    let dir = xlsx.parent().unwrap();
    let stem = xlsx.file_stem().unwrap().to_str().unwrap();
    let out = dir.join(format!("sites-of-{stem}"));
    let output = std::process::Command::new(crate::opened::program(&["soffice", "libreoffice"]))
        .arg(crate::opened::Profile::Recalculating.argument(dir))
        .args(["--headless", "--norestore", "--convert-to"])
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,3")
        .arg("--outdir")
        .arg(&out)
        .arg(xlsx)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let libreoffice = std::fs::read_dir(&out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let pattern = dir.join(format!("{stem}.gnumeric.%n.csv"));
    let output = std::process::Command::new(crate::opened::program(&["ssconvert"]))
        .args(["--recalc", "-S"])
        .arg(xlsx)
        .arg(&pattern)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let read = |path: &Path| -> Vec<Vec<String>> {
        let text = std::fs::read_to_string(path).unwrap();
        (text.lines())
            .map(|line| line.split(',').map(String::from).collect())
            .collect()
    };
    [
        read(&libreoffice),
        read(&dir.join(format!("{stem}.gnumeric.2.csv"))),
    ]
}

#[test]
#[cfg_attr(
    not(all(has_libreoffice, has_gnumeric)),
    ignore = "no LibreOffice or Gnumeric on this machine: install them (apt-get install libreoffice-calc-nogui gnumeric) to run this test"
)]
fn the_sites_sheet_shows_each_sites_part_live() {
    // Counted by hand from the example's items, every indicator together:
    // 上海 4.4.e 5 (3 nonconforming) + 4.5.c 2 (1) + 7.2.d-3 2 (0) = 9 (4);
    // 北京 4 (1) + 2 (0) + 2 (1) = 8 (2); 深圳 3 (1) + 2 (1) = 5 (2).
    let dir = multi_site_dir();
    let form = multi_site_form(dir.path(), "zh");
    for rows in sites_sheet_as_opened(&form) {
        assert_eq!(rows[0], ["现场编号", "现场名称", "抽样数", "不符合数"]);
        assert_eq!(rows[1], ["sh", "上海数据中心", "9", "4"]);
        assert_eq!(rows[2], ["bj", "北京运营中心", "8", "2"]);
        assert_eq!(rows[3], ["sz", "深圳灾备中心", "5", "2"]);
    }
    // CR-2026-007 (samples sheet row 3, at 上海) found to conform: 9 (3).
    let changed = edited(&form, &[(4, "D3", "是")], "changed.xlsx");
    for rows in sites_sheet_as_opened(&changed) {
        assert_eq!(rows[1], ["sh", "上海数据中心", "9", "3"]);
    }
}

#[test]
fn an_audit_with_more_items_than_a_form_holds_is_not_converted() {
    // 20,001 items: one row more than the samples sheet's live counts
    // count, so the form would count wrong.
    let text = std::fs::read_to_string(example("gold-supply-chain-finance.toml")).unwrap();
    let items: String = (0..20_001)
        .map(|i| format!("{{item=\"R{i:05}\",conforms=true}},\n"))
        .collect();
    let text = text.replacen(
        "\"4.4.e\" = { sampled = 12, nonconforming = 5",
        &format!("\"4.4.e\" = {{ samples = [\n{items}]"),
        1,
    );
    let dir = tempfile::tempdir().unwrap();
    let (audit, form) = (dir.path().join("audit.toml"), dir.path().join("form.xlsx"));
    std::fs::write(&audit, text).unwrap();
    let args = [
        "convert",
        audit.to_str().unwrap(),
        "-o",
        form.to_str().unwrap(),
        "--lang",
        "en",
    ];
    let output = bscore(&args);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("the audit lists 20001 sampled items")
            && stderr.contains("at most 20000 rows"),
        "{stderr}"
    );
    assert!(!form.exists(), "nothing is written");
}

/// A part's form holds its member's rows alone: items on its samples
/// sheet for an indicator without a row there are no one's to take, and
/// are refused at their id cell rather than read as the member's
/// assessment (found by a hostile probe).
#[test]
fn a_parts_items_for_an_indicator_without_a_row_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("zhao.xlsx");
    let part = crate::common::example("team/zhao.toml");
    let convert = ["convert", part.as_str(), "-o", form.to_str().unwrap()];
    assert_eq!(run(&convert, 0), "");
    let stray = edited(
        &form,
        &[(4, "A2", "4.1.a"), (4, "B2", "X1"), (4, "D2", "否")],
        "stray.xlsx",
    );
    let told = run(&["--lang", "zh", "validate", stray.to_str().unwrap()], 2);
    assert!(
        told.contains("!A2：分工部分的评分表中没有 4.1.a 这一行"),
        "{told}"
    );
}
