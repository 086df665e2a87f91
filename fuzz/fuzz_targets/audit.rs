//! Audit parsing, validation, scoring, analysis and rendering on arbitrary
//! input: never a panic, and on every audit that validates, the invariants
//! the property tests check.

#![no_main]

use bscore::analyze;
use bscore::Audit;
use bscore::{Checklist, Grade};
use bscore::evaluate;
use bscore::{next_grade, plan};
use bscore::Exact;
use bscore::{Format, Lang, RenderOptions, Report, render};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static CHECKLIST: LazyLock<Checklist> = LazyLock::new(Checklist::builtin);

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let checklist = &*CHECKLIST;
    let audit = match Audit::parse("fuzz.toml", text, checklist) {
        Ok(audit) => audit,
        Err(error) => {
            // Rendering the messages slices the source around each problem.
            let message = error.to_string();
            assert!(message.starts_with("error: "));
            return;
        }
    };
    let evaluation = evaluate(checklist, &audit).expect("validated audits have applicable points");
    assert!(evaluation.score >= Exact::from_integer(0) && evaluation.score <= Exact::from_integer(100));
    assert!(evaluation.normalized >= Exact::from_integer(0) && evaluation.normalized <= Exact::from_integer(100));
    if !audit.special_deductions.is_empty() {
        assert_eq!(evaluation.grade, Grade::Fail);
    }
    let analysis = analyze(checklist, &audit, &evaluation);
    if let Some(target) = next_grade(evaluation.grade) {
        let gap = plan(checklist, &evaluation, target);
        if gap.reachable {
            assert!(gap.score_after >= gap.target_score);
        }
    }
    let report = Report {
        file: "fuzz.toml",
        checklist,
        rules: None,
        audit: &audit,
        evaluation: &evaluation,
        analysis: &analysis,
        audit_sha256: "",
    };
    let options = RenderOptions {
        lang: Lang::En,
        ascii: true,
        detail: true,
        bom: true,
        width: 80,
    };
    for format in [
        Format::Table,
        Format::Json,
        Format::Markdown,
        Format::Csv,
        Format::Html,
    ] {
        let mut out = Vec::new();
        render(format, options, &[report], &mut out).expect("rendering to memory succeeds");
    }
});
