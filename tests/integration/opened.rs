//! The form as assessors open it: LibreOffice with its default settings
//! (which shows the results stored in an XLSX and does not recalculate
//! it), and Gnumeric recalculating (`ssconvert --recalc`), as a program
//! that computes the formulas itself. Nothing here strips the stored
//! results or forces a recalculating profile: every figure and grade the
//! program shows must be bscore's, and a form not yet finished must say
//! so instead of showing a band.
//!
//! Without LibreOffice or Gnumeric these tests are ignored (see
//! build.rs), except in CI, which installs both (`.ci/run`).

use crate::common::{EXAMPLES, evaluated, example, grade_name, lang_code};
use bscore::Checklist;
use bscore::Evaluation;
use bscore::{Exact, fixed};
use bscore::{Lang, Words};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The columns of the form that show a row's figures (0-based): 实际得分
/// and 涉及项分值; the labels of the totals are in the first.
pub(crate) const EARNED: usize = 11;
const APPLICABLE: usize = 12;

/// The fields above the table that an audit must have (docs/form.md): an
/// empty one is one more item to fill in.
pub(crate) const REQUIRED_FIELDS: [&str; 5] =
    ["经营者", "服务", "评价人员", "评价日期", "评价类型"];

/// A program found on PATH.
pub(crate) fn program(names: &[&str]) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| candidate.is_file())
        .unwrap_or_else(|| panic!("CI must install {names:?} (.ci/run does)"))
}

/// The first sheet as LibreOffice shows it when it opens the workbook
/// with a new profile, every setting its default: each cell's text as
/// displayed.
pub(crate) fn libreoffice_shows(xlsx: &Path) -> Vec<Vec<String>> {
    libreoffice_csv(xlsx, Profile::AsInstalled)
}

/// The first sheet as LibreOffice computes it once an assessor has typed
/// into the form (it then recalculates what depends on the cells changed):
/// a profile that recalculates every formula on load stands for that.
pub(crate) fn libreoffice_recalculates(xlsx: &Path) -> Vec<Vec<String>> {
    libreoffice_csv(xlsx, Profile::Recalculating)
}

/// A LibreOffice profile: its settings as installed, or set to recalculate
/// every formula of an XLSX it opens (its default is to show the stored
/// results).
#[derive(Clone, Copy)]
pub(crate) enum Profile {
    AsInstalled,
    Recalculating,
}

impl Profile {
    /// The profile's folder in `dir`, made, as LibreOffice's argument.
    pub(crate) fn argument(self, dir: &Path) -> String {
        let (name, recalculating) = match self {
            Profile::AsInstalled => ("default-profile", false),
            Profile::Recalculating => ("recalculating-profile", true),
        };
        let user = dir.join(name).join("user");
        std::fs::create_dir_all(&user).unwrap();
        if recalculating {
            let setting = |name: &str| {
                format!(
                    "<item oor:path=\"/org.openoffice.Office.Calc/Formula/Load\"><prop oor:name=\"{name}\" oor:op=\"fuse\"><value>0</value></prop></item>"
                )
            };
            std::fs::write(
                user.join("registrymodifications.xcu"),
                format!(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<oor:items xmlns:oor=\"http://openoffice.org/2001/registry\" xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">{}{}</oor:items>\n",
                    setting("OOXMLRecalcMode"),
                    setting("ODFRecalcMode")
                ),
            )
            .unwrap();
        }
        format!("-env:UserInstallation=file://{}", dir.join(name).display())
    }
}

/// The first sheet exported by LibreOffice with `profile`, each cell's text
/// as displayed.
fn libreoffice_csv(xlsx: &Path, profile: Profile) -> Vec<Vec<String>> {
    let dir = xlsx.parent().unwrap();
    let out = dir.join(match profile {
        Profile::AsInstalled => "libreoffice",
        Profile::Recalculating => "recalculated",
    });
    let output = Command::new(program(&["soffice", "libreoffice"]))
        .arg(profile.argument(dir))
        .args(["--headless", "--norestore", "--convert-to"])
        .arg("csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true")
        .arg("--outdir")
        .arg(&out)
        .arg(xlsx)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    read_csv(&out.join(xlsx.with_extension("csv").file_name().unwrap()))
}

/// The first sheet as Gnumeric computes it: every formula recalculated,
/// each cell's text as displayed.
pub(crate) fn gnumeric_computes(xlsx: &Path) -> Vec<Vec<String>> {
    let csv = xlsx.with_extension("gnumeric.csv");
    let output = Command::new(program(&["ssconvert"]))
        .args(["--recalc", "--export-type=Gnumeric_stf:stf_assistant"])
        .args(["-O", "separator=, format=preserve"])
        .arg(xlsx)
        .arg(&csv)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    read_csv(&csv)
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    reader
        .records()
        .map(|record| record.unwrap().iter().map(String::from).collect())
        .collect()
}

/// A figure as a cell formatted to two places shows it.
fn figure(value: &Exact) -> String {
    fixed(value, 2)
}

pub(crate) fn cell(row: &[String], column: usize) -> &str {
    row.get(column).map_or("", String::as_str)
}

/// The row whose first or second cell is `label` (the id of an indicator,
/// the label of a total, a subtotal's name).
pub(crate) fn row_of<'a>(rows: &'a [Vec<String>], column: usize, label: &str) -> &'a [String] {
    rows.iter()
        .find(|row| cell(row, column) == label)
        .unwrap_or_else(|| panic!("no row {label}"))
}

/// Checks every figure the first sheet shows against bscore's evaluation:
/// each indicator's earned and applicable points, each category's
/// subtotal, the totals, the score and the grade.
pub(crate) fn assert_shows_evaluation(
    rows: &[Vec<String>],
    (checklist, evaluation): (&Checklist, &Evaluation),
    words: &Words<'_>,
    what: &str,
) {
    for (indicator, score) in checklist.indicators.iter().zip(&evaluation.indicators) {
        let row = row_of(rows, 0, &indicator.id);
        let (earned, applicable) = match score.applicable {
            true => (figure(&score.earned), figure(&score.points)),
            false => (String::new(), figure(&Exact::from_integer(0))),
        };
        assert_eq!(cell(row, EARNED), earned, "{what}: {} earned", indicator.id);
        assert_eq!(
            cell(row, APPLICABLE),
            applicable,
            "{what}: {}",
            indicator.id
        );
    }
    for (category, subtotal) in checklist.categories.iter().zip(&evaluation.categories) {
        let label = format!("{} {}", words.category(category), words.labels.total);
        let row = row_of(rows, 1, &label);
        assert_eq!(
            cell(row, EARNED),
            figure(&subtotal.earned),
            "{what}: {label}"
        );
        let applicable = figure(&subtotal.applicable);
        assert_eq!(cell(row, APPLICABLE), applicable, "{what}: {label}");
    }
    let labels = words.labels;
    let totals = [
        (labels.earned, &evaluation.earned),
        (labels.applicable, &evaluation.applicable),
        (labels.normalized, &evaluation.normalized),
        (labels.score, &evaluation.score),
    ];
    for (label, value) in totals {
        let row = row_of(rows, 0, label);
        assert_eq!(cell(row, EARNED), figure(value), "{what}: {label}");
    }
    let grade = grade_name(words, evaluation);
    assert_eq!(cell(row_of(rows, 0, labels.grade), EARNED), grade, "{what}");
}

/// A form written by `bscore convert` or `template`, in a new directory.
fn form(args: &[&str], dir: &Path) -> PathBuf {
    let xlsx = dir.join("form.xlsx");
    let output = crate::common::bscore(&[args, &["-o", xlsx.to_str().unwrap()]].concat());
    assert!(output.status.success(), "{output:?}");
    xlsx
}

/// Checks every example's form, in both languages, as `open` shows it.
fn every_form_shows_bscores_figures(open: fn(&Path) -> Vec<Vec<String>>) {
    for lang in [Lang::Zh, Lang::En] {
        for name in EXAMPLES {
            let (checklist, _, evaluation) = evaluated(name);
            let words = Words::new(lang, &checklist);
            let dir = tempfile::tempdir().unwrap();
            let args = ["--lang", lang_code(lang), "convert", &example(name)];
            let rows = open(&form(&args, dir.path()));
            let shown = (&checklist, &evaluation);
            assert_shows_evaluation(&rows, shown, &words, name);
        }
    }
}

/// Every example's form, opened in LibreOffice as it is set up out of the
/// box, shows bscore's figures and grade, in both languages.
#[test]
#[cfg_attr(
    not(has_libreoffice),
    ignore = "no LibreOffice on this machine: install it (apt-get install libreoffice-calc-nogui) to run this test"
)]
fn every_form_opened_in_libreoffice_shows_bscores_figures() {
    every_form_shows_bscores_figures(libreoffice_shows);
}

/// Every example's form, recalculated by Gnumeric, shows the same.
#[test]
#[cfg_attr(
    not(has_gnumeric),
    ignore = "no Gnumeric on this machine: install it (apt-get install gnumeric) to run this test"
)]
fn every_form_recalculated_by_gnumeric_shows_bscores_figures() {
    every_form_shows_bscores_figures(gnumeric_computes);
}

/// The normalized score, the score and the grade of a first sheet.
fn outcome(rows: &[Vec<String>], words: &Words<'_>) -> [String; 3] {
    let labels = words.labels;
    [labels.normalized, labels.score, labels.grade]
        .map(|label| cell(row_of(rows, 0, label), EARNED).to_string())
}

/// The empty template shows no score and no grade but how many rows are
/// still to fill in, whether the program shows stored results or
/// recalculates.
#[test]
#[cfg_attr(
    not(all(has_libreoffice, has_gnumeric)),
    ignore = "no LibreOffice or Gnumeric on this machine: install them (apt-get install libreoffice-calc-nogui gnumeric) to run this test"
)]
fn the_empty_form_says_how_much_is_left_instead_of_a_grade() {
    let checklist = Checklist::builtin();
    let (count, fields) = (checklist.indicators.len(), REQUIRED_FIELDS.len());
    for (lang, said) in [
        (
            Lang::Zh,
            format!("未完成：{count} 个指标未评价，{fields} 栏未填写"),
        ),
        (
            Lang::En,
            format!("Incomplete: {count} not assessed, {fields} fields empty"),
        ),
    ] {
        let words = Words::new(lang, &checklist);
        let dir = tempfile::tempdir().unwrap();
        let xlsx = form(&["--lang", lang_code(lang), "template"], dir.path());
        for rows in [libreoffice_shows(&xlsx), gnumeric_computes(&xlsx)] {
            assert_eq!(outcome(&rows, &words), [0, 1, 2].map(|_| said.clone()));
        }
    }
}

/// A value typed into a cell, as a spreadsheet saves it.
#[derive(Clone)]
enum Typed<'a> {
    Number(&'a str),
    Text(&'a str),
    /// TRUE or FALSE.
    Bool(bool),
    /// Nothing: the cell emptied.
    Blank,
}

/// The workbook with `cells` of its first sheet (or the second, for
/// references on `second`) filled in, as a spreadsheet would save them;
/// stored results stay as bscore wrote them, so only a program that
/// recalculates shows the change.
fn filled<R: AsRef<str>>(
    xlsx: &Path,
    first: &[(R, Typed<'_>)],
    second: &[(R, Typed<'_>)],
) -> PathBuf {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(xlsx).unwrap()).unwrap();
    let target = xlsx.with_file_name("filled.xlsx");
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&target).unwrap());
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = String::new();
        entry.read_to_string(&mut data).unwrap();
        let cells = match name.as_str() {
            "xl/worksheets/sheet1.xml" => first,
            "xl/worksheets/sheet2.xml" => second,
            _ => &[],
        };
        for (reference, value) in cells {
            data = with_cell(&data, reference.as_ref(), value);
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(data.as_bytes()).unwrap();
    }
    writer.finish().unwrap();
    target
}

/// A sheet's XML with the cell `reference` (written by bscore, blank or
/// not, or not at all: then on a row of its own after the others) holding
/// `value`, its style kept.
fn with_cell(xml: &str, reference: &str, value: &Typed<'_>) -> String {
    let Some(start) = xml.find(&format!("<c r=\"{reference}\"")) else {
        // A new cell: at the end of its row (cells are filled in left to
        // right), or on a new row after the others.
        let row: String = reference.chars().filter(char::is_ascii_digit).collect();
        let cell = format!("<c r=\"{reference}\"/>");
        let with_it = match xml.find(&format!("<row r=\"{row}\"")) {
            Some(row_start) => {
                let end = row_start + xml[row_start..].find("</row>").unwrap();
                format!("{}{cell}{}", &xml[..end], &xml[end..])
            }
            None => {
                let end = xml.find("</sheetData>").unwrap();
                format!(
                    "{}<row r=\"{row}\">{cell}</row>{}",
                    &xml[..end],
                    &xml[end..]
                )
            }
        };
        return with_cell(&with_it, reference, value);
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
    let opening = format!("<c r=\"{reference}\"{style}");
    let filled = match value {
        Typed::Number(number) => format!("{opening}><v>{number}</v></c>"),
        Typed::Text(text) => format!("{opening} t=\"inlineStr\"><is><t>{text}</t></is></c>"),
        Typed::Bool(truth) => format!("{opening} t=\"b\"><v>{}</v></c>", u8::from(*truth)),
        Typed::Blank => format!("{opening}/>"),
    };
    format!("{}{filled}{}", &xml[..start], &xml[end..])
}

/// The spreadsheet row (1-based) of an indicator on bscore's form.
fn row_number(rows: &[Vec<String>], id: &str) -> usize {
    1 + rows.iter().position(|row| cell(row, 0) == id).unwrap()
}

/// A form with some rows filled in, recalculated, still shows how many
/// are left; an input bscore would refuse is counted as one to correct,
/// on either sheet, and nothing shows a band until every row is right.
#[test]
#[cfg_attr(
    not(all(has_libreoffice, has_gnumeric)),
    ignore = "no LibreOffice or Gnumeric on this machine: install them (apt-get install libreoffice-calc-nogui gnumeric) to run this test"
)]
fn a_form_partly_filled_in_or_with_a_wrong_input_shows_no_grade() {
    let checklist = Checklist::builtin();
    let words = Words::new(Lang::Zh, &checklist);
    let count = checklist.indicators.len();
    let dir = tempfile::tempdir().unwrap();
    let template = form(&["--lang", "zh", "template"], dir.path());
    let rows = gnumeric_computes(&template);
    let at = |id: &str, column: &str| format!("{column}{}", row_number(&rows, id));
    let two = [
        (at("4.1.a", "D"), Typed::Number("0")),
        (at("4.1.b", "D"), Typed::Text("0.5")),
    ];
    let cells: Vec<(&str, Typed<'_>)> = two.iter().map(|(r, v)| (r.as_str(), v.clone())).collect();
    let partly = filled(&template, &cells, &[]);
    let said = format!(
        "未完成：{} 个指标未评价，{} 栏未填写",
        count - 2,
        REQUIRED_FIELDS.len()
    );
    assert_eq!(outcome(&gnumeric_computes(&partly), &words)[1], said);

    // Every row filled in from a complete audit, then one input changed at
    // a time.
    let dir = tempfile::tempdir().unwrap();
    let complete = form(
        &["--lang", "zh", "convert", &example("fail-low-score.toml")],
        dir.path(),
    );
    let rows = gnumeric_computes(&complete);
    assert!(!outcome(&rows, &words)[2].starts_with("未完成"));
    // A row assessed by a coefficient, not excluded.
    let by_coefficient = (checklist.indicators.iter())
        .map(|indicator| indicator.id.as_str())
        .find(|id| {
            let row = row_of(&rows, 0, id);
            !cell(row, 3).is_empty() && cell(row, 7).is_empty()
        })
        .unwrap();
    let at = |column: &str| format!("{column}{}", row_number(&rows, by_coefficient));
    for change in changes(&at) {
        let changed = filled(&complete, &change.first, &change.second);
        let shown = outcome(&gnumeric_computes(&changed), &words);
        let by_libreoffice = outcome(&libreoffice_recalculates(&changed), &words);
        assert_eq!(
            shown, by_libreoffice,
            "{}: Gnumeric and LibreOffice",
            change.what
        );
        let evaluated = crate::common::bscore(&["evaluate", changed.to_str().unwrap()]);
        let refused = evaluated.status.code() == Some(2);
        match change.shown {
            Some(said) => {
                assert!(refused, "{}: bscore accepts it: {evaluated:?}", change.what);
                assert_eq!(
                    shown,
                    [0, 1, 2].map(|_| said.to_string()),
                    "{}",
                    change.what
                );
            }
            None => {
                assert!(
                    !refused,
                    "{}: bscore refuses it: {evaluated:?}",
                    change.what
                );
                let grade = &shown[2];
                assert!(!grade.starts_with("未完成"), "{}: {grade}", change.what);
            }
        }
    }
}

/// An input changed on a complete form, and what the live score and grade
/// must then say: `None` when bscore accepts it (a grade is shown).
struct Change {
    what: &'static str,
    first: Vec<(String, Typed<'static>)>,
    second: Vec<(String, Typed<'static>)>,
    shown: Option<&'static str>,
}

/// Inputs bscore refuses and the form must not grade, and inputs bscore
/// accepts that the form must not call wrong; `at` names a cell of a row
/// assessed by a coefficient.
fn changes(at: &dyn Fn(&str) -> String) -> Vec<Change> {
    let wrong = Some("未完成：1 处有误");
    let first = |cells: &[(&str, Typed<'static>)]| -> Vec<(String, Typed<'static>)> {
        cells
            .iter()
            .map(|(column, value)| (at(column), value.clone()))
            .collect()
    };
    let second = |cells: &[(&str, Typed<'static>)]| -> Vec<(String, Typed<'static>)> {
        cells
            .iter()
            .map(|(reference, value)| (reference.to_string(), value.clone()))
            .collect()
    };
    let change = |what, first, second, shown| Change {
        what,
        first,
        second,
        shown,
    };
    vec![
        change(
            "a sample beside a coefficient",
            first(&[("E", Typed::Number("3")), ("F", Typed::Number("1"))]),
            vec![],
            wrong,
        ),
        change(
            "a rejection without an exclusion",
            first(&[("I", Typed::Text("不成立"))]),
            vec![],
            wrong,
        ),
        change(
            "a coefficient written 50%",
            first(&[("D", Typed::Text("50%"))]),
            vec![],
            wrong,
        ),
        change(
            "a coefficient written .5",
            first(&[("D", Typed::Text(".5"))]),
            vec![],
            wrong,
        ),
        change(
            "a coefficient TRUE",
            first(&[("D", Typed::Bool(true))]),
            vec![],
            wrong,
        ),
        change(
            "a sample written 4.0",
            first(&[
                ("D", Typed::Blank),
                ("E", Typed::Text("4.0")),
                ("F", Typed::Number("1")),
            ]),
            vec![],
            wrong,
        ),
        change(
            "a sample without its nonconforming count",
            first(&[("D", Typed::Blank), ("E", Typed::Number("4"))]),
            vec![],
            wrong,
        ),
        change(
            "an exclusion whose rejection is only a space",
            first(&[("H", Typed::Text("不涉及")), ("I", Typed::Text("\u{3000}"))]),
            vec![],
            wrong,
        ),
        change(
            "the id changed",
            first(&[("A", Typed::Text("9.9.9"))]),
            vec![],
            wrong,
        ),
        change(
            "a finding without a kind",
            vec![],
            second(&[("B30", Typed::Text("未备案"))]),
            wrong,
        ),
        change(
            "a kind without a finding",
            vec![],
            second(&[("A31", Typed::Text("法律法规"))]),
            wrong,
        ),
        change(
            "a cell beside the two columns",
            vec![],
            second(&[("C2", Typed::Text("另见附件"))]),
            wrong,
        ),
        change(
            "the organization emptied",
            vec![("B2".to_string(), Typed::Blank)],
            vec![],
            Some("未完成：1 栏未填写"),
        ),
        change(
            "an exclusion's reason left as the hint's placeholder",
            first(&[("D", Typed::Blank), ("H", Typed::Text("（删减理由）"))]),
            vec![],
            wrong,
        ),
        change(
            "an exclusion's reason that is only 不适用",
            first(&[("D", Typed::Blank), ("H", Typed::Text("不适用"))]),
            vec![],
            wrong,
        ),
        change(
            "a record left as ？",
            first(&[("J", Typed::Text("？"))]),
            vec![],
            wrong,
        ),
        change(
            "the organization left as a placeholder",
            vec![("B2".to_string(), Typed::Text("（经营者）"))],
            vec![],
            wrong,
        ),
        change(
            "a record in brackets with words after them",
            first(&[("J", Typed::Text("（见附件）现场核查通过"))]),
            vec![],
            None,
        ),
        change(
            "a coefficient written as text",
            first(&[("D", Typed::Text("0.5"))]),
            vec![],
            None,
        ),
        change(
            "a special deduction",
            vec![],
            second(&[
                ("A30", Typed::Text("法律法规")),
                ("B30", Typed::Text("未备案")),
            ]),
            None,
        ),
        change(
            "a record of only spaces",
            first(&[("J", Typed::Text("\u{3000} "))]),
            vec![],
            None,
        ),
    ]
}

/// Every example's XLSX report, opened in LibreOffice as installed and
/// recalculated by Gnumeric, shows bscore's score, grade and subtotals.
#[test]
#[cfg_attr(
    not(all(has_libreoffice, has_gnumeric)),
    ignore = "no LibreOffice or Gnumeric on this machine: install them (apt-get install libreoffice-calc-nogui gnumeric) to run this test"
)]
fn every_report_opened_in_a_spreadsheet_shows_bscores_score_and_grade() {
    // The report's columns: the check text (and labels) and 实际得分.
    let (label, earned) = (1, 4);
    for name in EXAMPLES {
        let (checklist, _, evaluation) = evaluated(name);
        let words = Words::new(Lang::Zh, &checklist);
        let dir = tempfile::tempdir().unwrap();
        let xlsx = dir.path().join("report.xlsx");
        let args = ["--lang", "zh", "evaluate", &example(name), "-o"];
        let output = crate::common::bscore(&[&args[..], &[xlsx.to_str().unwrap()]].concat());
        assert!(
            output.status.code().is_some_and(|code| code < 2),
            "{output:?}"
        );
        let grade = grade_name(&words, &evaluation);
        for rows in [libreoffice_shows(&xlsx), gnumeric_computes(&xlsx)] {
            let shown = |text: &str| cell(row_of(&rows, label, text), earned).to_string();
            assert_eq!(
                shown(words.labels.score),
                figure(&evaluation.score),
                "{name}"
            );
            assert_eq!(shown(words.labels.grade), grade, "{name}");
            for (category, subtotal) in checklist.categories.iter().zip(&evaluation.categories) {
                let row = rows
                    .iter()
                    .find(|row| {
                        cell(row, 0) == words.category(category)
                            && cell(row, label) == words.labels.total
                    })
                    .unwrap();
                assert_eq!(cell(row, earned), figure(&subtotal.earned), "{name}");
            }
        }
    }
}
