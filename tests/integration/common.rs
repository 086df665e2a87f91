//! Helpers shared by the tests: the binary and the bundled examples, and
//! audits made in code, so that each test states exactly the findings it
//! scores.

use bscore::Checklist;
use bscore::Exact;
use bscore::{Audit, AuditKind, AuditMeta, Bonus, Entry, Measure, SpecialDeduction, Status};
use num_traits::{One, Zero};

/// `n/d` as an exact number.
pub fn ratio(n: i64, d: i64) -> Exact {
    Exact::ratio(n.into(), d.into())
}

/// An audit in which every indicator conforms.
pub fn conforming(checklist: &Checklist) -> Audit {
    Audit {
        meta: AuditMeta {
            standard: Some(checklist.code.clone()),
            organization: "测试科技有限公司".into(),
            service: "测试服务".into(),
            assessors: vec!["张三".into()],
            date: jiff::civil::date(2026, 3, 15),
            cycle_start: Some(jiff::civil::date(2026, 3, 15)),
            kind: AuditKind::Initial,
            unassessed_conform: false,
            part: None,
        },
        sites: Vec::new(),
        entries: checklist
            .indicators
            .iter()
            .map(|_| Entry::of(Status::Assessed(Measure::Coefficient(Exact::zero()))))
            .collect(),
        special_deductions: Vec::new(),
        bonus: None,
        merged: Vec::new(),
    }
}

/// Sets one indicator's finding.
pub fn set(audit: &mut Audit, checklist: &Checklist, id: &str, status: Status) {
    let index = checklist
        .lookup(id)
        .unwrap_or_else(|| panic!("no indicator {id}"));
    audit.entries[index].status = status;
}

/// A coefficient finding.
pub fn coefficient(value: Exact) -> Status {
    Status::Assessed(Measure::Coefficient(value))
}

/// A sampled finding.
pub fn sample(sampled: u64, nonconforming: u64) -> Status {
    Status::Assessed(Measure::Sample {
        sampled,
        nonconforming,
    })
}

/// An audit that loses exactly `lost` points (out of the full 100, nothing
/// excluded), spread over indicators in checklist order.
pub fn losing(checklist: &Checklist, lost: &Exact) -> Audit {
    let mut audit = conforming(checklist);
    let mut remaining = lost.clone();
    for (entry, indicator) in audit.entries.iter_mut().zip(&checklist.indicators) {
        if remaining.is_zero() {
            break;
        }
        if indicator.points.is_zero() {
            continue;
        }
        let take = remaining.clone().min(indicator.points.clone());
        entry.status = Status::Assessed(Measure::Coefficient(&take / &indicator.points));
        remaining -= take;
    }
    assert!(remaining.is_zero(), "cannot lose more than the full score");
    audit
}

/// Adds `count` special deductions.
pub fn with_deductions(mut audit: Audit, count: usize) -> Audit {
    audit.special_deductions = (0..count)
        .map(|_| SpecialDeduction {
            kind: "law".into(),
            finding: "未备案".into(),
            by: Vec::new(),
        })
        .collect();
    audit
}

/// Adds the bonus.
pub fn with_bonus(mut audit: Audit) -> Audit {
    audit.bonus = Some(Bonus {
        practice: "国密算法全链路加密".into(),
        by: Vec::new(),
        resolved: None,
    });
    audit
}

/// One.
pub fn one() -> Exact {
    Exact::one()
}

/// Runs the bscore binary with `args`.
pub fn bscore(args: &[&str]) -> std::process::Output {
    bscore_command().args(args).output().unwrap()
}

/// The binary, with messages in English (`BSCORE_LANG=en`), the language
/// most tests assert words of (the Chinese default has tests of its own,
/// which clear the variable), and tables 100 columns wide (no `COLUMNS`).
pub fn bscore_command() -> std::process::Command {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_bscore"));
    command
        .env("BSCORE_LANG", "en")
        .env_remove("COLUMNS")
        .env_remove("BSCORE_RULES");
    command
}

/// Every bundled example audit, as `example` names them.
pub const EXAMPLES: [&str; 9] = [
    "compliant-baas-startup.toml",
    "fail-low-score.toml",
    "fail-special-deduction.toml",
    "gold-multi-site.toml",
    "gold-supply-chain-finance.toml",
    "platinum-notary.toml",
    "silver-traceability.toml",
    "surveillance/2025-initial.toml",
    "surveillance/2026-surveillance.toml",
];

/// The path of a bundled example.
pub fn example(name: &str) -> String {
    format!("{}/examples/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// A command's standard output as text.
pub fn stdout(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `--lang`'s value for `lang`.
pub fn lang_code(lang: bscore::Lang) -> &'static str {
    match lang {
        bscore::Lang::Zh => "zh",
        bscore::Lang::En => "en",
    }
}

/// A bundled example, parsed and scored with the built-in checklist.
pub fn evaluated(name: &str) -> (Checklist, Audit, bscore::Evaluation) {
    let checklist = Checklist::builtin().clone();
    let text = std::fs::read_to_string(example(name)).unwrap();
    let audit = Audit::parse(name, &text, &checklist).unwrap_or_else(|e| panic!("{e}"));
    let evaluation = bscore::evaluate(&checklist, &audit).unwrap();
    (checklist, audit, evaluation)
}

/// The grade as reports name it, with the reason when special deductions
/// fail it.
pub fn grade_name(words: &bscore::Words<'_>, evaluation: &bscore::Evaluation) -> String {
    let mut grade = words.grade(evaluation.grade).to_string();
    if evaluation.failed_by_special_deduction() {
        grade.push_str(words.labels.failed_by_deduction);
    }
    grade
}

/// Runs bscore with `-o path` after `args`, checks that it evaluated or
/// wrote (exit 0 or 1), and returns the path.
pub fn written(args: &[&str], path: std::path::PathBuf) -> std::path::PathBuf {
    let output = bscore(&[args, &["-o", path.to_str().unwrap()]].concat());
    assert!(
        output.status.code().is_some_and(|code| code < 2),
        "{output:?}"
    );
    path
}

/// Copies the examples' lists (`examples/pools`) into `dir/pools`, so that
/// an example's form written to `dir` finds the lists its draws name.
pub fn copy_pools(dir: &std::path::Path) {
    let pools = dir.join("pools");
    std::fs::create_dir_all(&pools).unwrap();
    for entry in std::fs::read_dir(example("pools")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, pools.join(path.file_name().unwrap())).unwrap();
    }
}
