//! The DOCX evaluation report (`bscore report AUDIT -o report.docx`)
//! opened in a real word processor: LibreOffice, as installed, converts
//! it to PDF, and the pages show the organisation, the grade, the score,
//! every nonconforming indicator, the sign-off's roles and the audit's
//! digest, in both languages; saved again by LibreOffice, as a
//! certification body saves its edits, it still carries its result, and
//! `bscore verify` accepts it.

use crate::common::{EXAMPLES, bscore, evaluated, example, grade_name, lang_code};
use crate::opened::program;
use crate::printed::{joined, text_of};
use bscore::{Lang, Words, fixed};
use std::path::{Path, PathBuf};
use std::process::Command;

/// `bscore --lang LANG report AUDIT -o DIR/FILE`, checked to succeed.
fn report_docx(lang: Lang, name: &str, dir: &Path, file: &str) -> PathBuf {
    let docx = dir.join(file);
    let output = bscore(&[
        "--lang",
        lang_code(lang),
        "report",
        &example(name),
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    docx
}

/// Each of `docx` converted by LibreOffice, as set up out of the box (a
/// fresh profile in `dir`), with `filter` (`pdf`, `docx:…`) into `out`,
/// in one run: LibreOffice takes seconds to start.
fn converted_by_libreoffice(
    dir: &Path,
    docx: &[PathBuf],
    filter: &str,
    out: &Path,
) -> Vec<PathBuf> {
    std::fs::create_dir_all(out).unwrap();
    let output = Command::new(program(&["soffice", "libreoffice"]))
        .arg(crate::opened::Profile::AsInstalled.argument(dir))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            filter,
            "--outdir",
        ])
        .arg(out)
        .args(docx)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let extension = filter.split(':').next().unwrap();
    (docx.iter())
        .map(|docx| {
            let converted = out
                .join(docx.file_name().unwrap())
                .with_extension(extension);
            assert!(converted.is_file(), "{}: {output:?}", converted.display());
            converted
        })
        .collect()
}

/// The text of a PDF, every space and line break taken out, so that a
/// text wrapped inside its cell still reads whole.
fn joined_text_of(pdf: &Path) -> String {
    joined(&text_of(pdf))
}

/// The sign-off's roles, as the assessor's terms name them.
fn roles(lang: Lang) -> [&'static str; 4] {
    match lang {
        Lang::Zh => ["评价组长", "评价人员", "复核人", "经营者确认"],
        Lang::En => [
            "Team leader",
            "Assessor",
            "Reviewer",
            "Operator's confirmation",
        ],
    }
}

/// Every example's DOCX report, in both languages, printed by LibreOffice:
/// the organisation, the grade, the score (cut to two decimals), the id
/// of every indicator with a deduction, the sign-off's roles and the
/// audit's SHA-256, each whole.
#[test]
#[cfg_attr(
    not(has_writer),
    ignore = "no LibreOffice Writer on this machine: install it (apt-get install libreoffice-writer-nogui poppler-utils) to run this test"
)]
fn every_docx_report_prints_what_the_customer_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let mut reports = Vec::new();
    for lang in [Lang::Zh, Lang::En] {
        for (index, name) in EXAMPLES.iter().enumerate() {
            let file = format!("{}-{index}.docx", lang_code(lang));
            reports.push((lang, *name, report_docx(lang, name, dir.path(), &file)));
        }
    }
    let docx: Vec<PathBuf> = reports.iter().map(|(_, _, docx)| docx.clone()).collect();
    let pdfs = converted_by_libreoffice(dir.path(), &docx, "pdf", &dir.path().join("pdf"));
    for ((lang, name, _), pdf) in reports.into_iter().zip(pdfs) {
        let (checklist, audit, evaluation) = evaluated(name);
        let words = Words::new(lang, &checklist);
        let text = joined_text_of(&pdf);
        let digest = bscore::sha256_bytes(&std::fs::read(example(name)).unwrap());
        let mut wanted = vec![
            audit.meta.organization.clone(),
            grade_name(&words, &evaluation),
            fixed(&evaluation.score, 2),
            digest,
        ];
        wanted.extend(roles(lang).map(str::to_string));
        // An indicator is nonconforming when its deduction coefficient is
        // above zero.
        let nonconforming = (checklist.indicators.iter())
            .zip(&evaluation.indicators)
            .filter(|(_, score)| score.coefficient.as_ref().is_some_and(|c| c.is_positive()));
        wanted.extend(nonconforming.map(|(indicator, _)| indicator.id.clone()));
        for wanted in wanted {
            assert!(
                text.contains(&joined(&wanted)),
                "{lang:?} {name}: {wanted} is not printed whole"
            );
        }
    }
}

/// The DOCX report verifies (exit 0); saved again by LibreOffice, as a
/// certification body saves its edits, it still carries its result and
/// still verifies.
#[test]
#[cfg_attr(
    not(has_writer),
    ignore = "no LibreOffice Writer on this machine: install it (apt-get install libreoffice-writer-nogui) to run this test"
)]
fn a_docx_report_saved_again_by_libreoffice_still_verifies() {
    let name = "gold-supply-chain-finance.toml";
    let dir = tempfile::tempdir().unwrap();
    let docx = [Lang::Zh, Lang::En].map(|lang| {
        let file = format!("{}.docx", lang_code(lang));
        report_docx(lang, name, dir.path(), &file)
    });
    let saved = dir.path().join("saved");
    let resaved = converted_by_libreoffice(dir.path(), &docx, "docx:MS Word 2007 XML", &saved);
    for docx in docx.iter().chain(&resaved) {
        let output = bscore(&["verify", docx.to_str().unwrap(), &example(name)]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}: {output:?}",
            docx.display()
        );
    }
}
