//! An independent reference scorer, and bscore checked against it on
//! random audit *text* (through the parser): a few dozen lines over
//! num-rational that read the checklist and the audit as plain TOML values
//! with another TOML crate (toml_edit, which keeps each literal as
//! written; not bscore's loaders) and apply the rules of docs/scoring.md.
//! A share of the cases land exactly on a band edge or a millionth of a
//! point below it; special deductions of every kind, coefficients of up to
//! 40 digits and samples up to the 64-bit limit are drawn.

use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Zero};
use proptest::prelude::*;
use std::sync::LazyLock;
use toml_edit::{DocumentMut, Item, Value};

type Q = BigRational;

/// What the reference reads of the checklist.
struct Reference {
    /// Indicator ids in order, each with its points.
    indicators: Vec<(String, Q)>,
    full: Q,
    special: Q,
    bonus: Q,
    /// (minimum, grade id), passing bands only.
    bands: Vec<(Q, String)>,
    kinds: Vec<String>,
}

static REFERENCE: LazyLock<Reference> = LazyLock::new(|| {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/checklists/t-stic-130010-2022.toml"
    ))
    .unwrap();
    let checklist: DocumentMut = text.parse().unwrap();
    let list = |key: &str| checklist[key].as_array_of_tables().unwrap().clone();
    let number = |item: &Item| number(item.as_value().unwrap()).unwrap();
    Reference {
        indicators: list("indicators")
            .iter()
            .map(|i| (i["id"].as_str().unwrap().to_string(), number(&i["points"])))
            .collect(),
        full: number(&checklist["standard"]["full_score"]),
        special: number(&checklist["scoring"]["special_deduction_points"]),
        bonus: number(&checklist["scoring"]["bonus_points"]),
        bands: list("grades")
            .iter()
            .filter_map(|g| Some((number(g.get("min_score")?), g["id"].as_str()?.to_string())))
            .collect(),
        kinds: list("special_deduction_kinds")
            .iter()
            .map(|k| k["id"].as_str().unwrap().to_string())
            .collect(),
    }
});

/// A TOML number exactly as written (toml_edit keeps the literal), or
/// `None` if the value is not a number.
fn number(value: &Value) -> Option<Q> {
    match value {
        Value::Integer(i) => Some(Q::from_integer(BigInt::from(*i.value()))),
        Value::Float(f) => Some(decimal(&f.display_repr())),
        _ => None,
    }
}

/// A plain decimal literal, exactly: "0.375" is 375/1000.
fn decimal(text: &str) -> Q {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits: BigInt = format!("{whole}{fraction}").parse().unwrap();
    Q::new(digits, BigInt::from(10).pow(fraction.len() as u32))
}

/// One indicator's coefficient as the reference reads it: `None` when the
/// indicator is excluded (and the exclusion stands).
fn coefficient(finding: Option<&Item>) -> Option<Q> {
    let Some(finding) = finding.and_then(Item::as_value) else {
        return Some(Q::zero()); // unassessed = "conform"
    };
    if let Some(coefficient) = number(finding) {
        return Some(coefficient);
    }
    let table = finding.as_inline_table().unwrap();
    if table.contains_key("excluded") && !table.contains_key("rejected") {
        return None;
    }
    if let Some(coefficient) = table.get("coefficient") {
        return number(coefficient);
    }
    let count = |key: &str| BigInt::from(table.get(key).unwrap().as_integer().unwrap());
    Some(Q::new(count("nonconforming"), count("sampled")))
}

/// The reference's exact score and grade of an audit's text.
fn reference_score(text: &str) -> (Q, String) {
    let reference = &*REFERENCE;
    let audit: DocumentMut = text.parse().unwrap();
    let findings = audit["indicators"].as_table().unwrap();
    let (mut earned, mut applicable) = (Q::zero(), Q::zero());
    for (id, points) in &reference.indicators {
        if let Some(coefficient) = coefficient(findings.get(id)) {
            earned += (Q::one() - coefficient) * points;
            applicable += points.clone();
        }
    }
    let deductions = audit
        .get("special_deductions")
        .and_then(Item::as_array_of_tables)
        .map_or(0, |tables| tables.len());
    let bonus = audit.get("bonus").is_some();
    let mut score = &earned / &applicable * &reference.full
        - Q::from_integer(BigInt::from(deductions)) * &reference.special;
    if bonus {
        score += reference.bonus.clone();
    }
    let score = score.clamp(Q::zero(), reference.full.clone());
    let grade = if deductions > 0 {
        "fail".to_string()
    } else {
        (reference.bands.iter())
            .filter(|(minimum, _)| &score >= minimum)
            .max_by(|a, b| a.0.cmp(&b.0))
            .map_or("fail".to_string(), |(_, id)| id.clone())
    };
    (score, grade)
}

/// bscore's exact score and grade of the same text, through its parser.
fn bscore_score(text: &str) -> (String, String) {
    let checklist = bscore::Checklist::builtin();
    let audit = bscore::Audit::parse("audit.toml", text, &checklist)
        .unwrap_or_else(|error| panic!("{error}\n{text}"));
    let evaluation = bscore::evaluate(&checklist, &audit).unwrap();
    (
        evaluation.score.to_string(),
        evaluation.grade.id().to_string(),
    )
}

const HEADER: &str = "[audit]\norganization = \"参考\"\nservice = \"参考\"\nassessors = [\"张三\"]\ndate = 2026-03-15\nkind = \"initial\"\nunassessed = \"conform\"\n\n[indicators]\n";

/// One indicator's finding, as written in an audit: everyday coefficients
/// of three places, tiny and long ones up to the 40 digits bscore reads,
/// samples of up to a million items and up to the 64-bit limit, exclusions
/// and rejected exclusions.
pub(super) fn finding() -> impl Strategy<Value = Option<String>> {
    let coefficient = (0u32..=1000).prop_map(|n| decimal_text(n, 1000));
    let long_coefficient = prop_oneof![
        proptest::string::string_regex("0\\.[0-9]{1,38}").unwrap(),
        Just("1.000000000000000000000000000000000000000".to_string()),
        Just("0.000000000000000000000000000000000000001".to_string()),
    ];
    let sample = |largest: u64| {
        (1u64..=largest)
            .prop_flat_map(|s| (0..=s, Just(s)))
            .prop_map(|(k, s)| format!("{{ sampled = {s}, nonconforming = {k} }}"))
    };
    prop_oneof![
        5 => Just(None),
        3 => coefficient.prop_map(Some),
        1 => long_coefficient.prop_map(|c| Some(format!("{{ coefficient = {c} }}"))),
        3 => sample(1_000_000).prop_map(Some),
        1 => sample(i64::MAX as u64).prop_map(Some),
        1 => Just(Some("{ excluded = \"本服务不涉及该项\" }".to_string())),
        1 => Just(Some("{ excluded = \"本服务不涉及该项\", rejected = \"不成立\", coefficient = 1 }".to_string())),
    ]
}

/// n/d as a decimal literal (d a power of ten).
pub(super) fn decimal_text(n: u32, d: u32) -> String {
    let places = d.ilog10() as usize;
    let text = format!("{:0>width$}", n, width = places + 1);
    let (whole, fraction) = text.split_at(text.len() - places);
    format!("{whole}.{fraction}")
}

/// A random audit before it is written out, so that a property can change
/// one part of it and compare the two texts.
#[derive(Debug, Clone)]
pub(super) struct AuditParts {
    /// Each indicator's finding in checklist order; `None` is not listed.
    pub findings: Vec<Option<String>>,
    /// Special deductions, as indexes into the checklist's kinds.
    pub deductions: Vec<usize>,
    pub bonus: bool,
}

impl AuditParts {
    /// The audit file.
    pub fn text(&self) -> String {
        let mut text = HEADER.to_string();
        for ((id, _), finding) in REFERENCE.indicators.iter().zip(&self.findings) {
            if let Some(finding) = finding {
                text.push_str(&format!("\"{id}\" = {finding}\n"));
            }
        }
        for &kind in &self.deductions {
            let kind = &REFERENCE.kinds[kind % REFERENCE.kinds.len()];
            text.push_str(&format!(
                "\n[[special_deductions]]\nkind = \"{kind}\"\nfinding = \"x\"\n"
            ));
        }
        if self.bonus {
            text.push_str("\n[bonus]\npractice = \"x\"\n");
        }
        text
    }
}

pub(super) fn audit_parts() -> impl Strategy<Value = AuditParts> {
    let reference = &*REFERENCE;
    (
        proptest::collection::vec(finding(), reference.indicators.len()),
        proptest::collection::vec(0..reference.kinds.len(), 0..3),
        any::<bool>(),
    )
        .prop_map(|(findings, deductions, bonus)| AuditParts {
            findings,
            deductions,
            bonus,
        })
}

fn random_audit() -> impl Strategy<Value = String> {
    audit_parts().prop_map(|parts| parts.text())
}

/// Findings that lose exactly `loss` of the points: whole indicators in
/// order, the last as a sample for what is left.
fn losing(loss: Q) -> String {
    let mut text = HEADER.to_string();
    let mut left = loss;
    for (id, points) in &REFERENCE.indicators {
        if left.is_zero() {
            break;
        }
        if points <= &left {
            text.push_str(&format!("\"{id}\" = 1\n"));
            left -= points;
        } else {
            let ratio = &left / points;
            text.push_str(&format!(
                "\"{id}\" = {{ sampled = {}, nonconforming = {} }}\n",
                ratio.denom(),
                ratio.numer()
            ));
            left = Q::zero();
        }
    }
    text
}

fn band_edge_audit() -> impl Strategy<Value = String> {
    let edges: Vec<Q> = REFERENCE
        .bands
        .iter()
        .map(|(minimum, _)| minimum.clone())
        .collect();
    (proptest::sample::select(edges), any::<bool>()).prop_map(|(edge, below)| {
        let mut loss = &REFERENCE.full - edge;
        if below {
            loss += Q::new(BigInt::one(), BigInt::from(1_000_000));
        }
        losing(loss)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn bscore_agrees_with_the_reference_on_random_audits(text in random_audit()) {
        let (score, grade) = reference_score(&text);
        prop_assert_eq!(bscore_score(&text), (score.to_string(), grade));
    }

    #[test]
    fn bscore_agrees_with_the_reference_at_band_edges(text in band_edge_audit()) {
        let (score, grade) = reference_score(&text);
        prop_assert_eq!(bscore_score(&text), (score.to_string(), grade));
    }
}

#[test]
fn the_reference_is_right_by_hand() {
    // 4.1.a (one point) lost: 99; a special deduction: 98 and fail.
    let text = format!(
        "{HEADER}\"4.1.a\" = 1\n\n[[special_deductions]]\nkind = \"law\"\nfinding = \"x\"\n"
    );
    assert_eq!(
        reference_score(&text),
        (Q::from_integer(BigInt::from(98)), "fail".into())
    );
    // Exactly ten points lost: 90, gold; a millionth more: silver.
    let ninety = losing(Q::from_integer(BigInt::from(10)));
    assert_eq!(reference_score(&ninety).1, "gold");
    let below =
        losing(Q::from_integer(BigInt::from(10)) + Q::new(BigInt::one(), BigInt::from(1_000_000)));
    assert_eq!(reference_score(&below).1, "silver");
    // A 39-place coefficient is read as written, not as the nearest double.
    let tiny = format!(
        "{HEADER}\"4.1.a\" = {{ coefficient = 0.000000000000000000000000000000000000003 }}\n"
    );
    let expected =
        Q::from_integer(BigInt::from(100)) - Q::new(BigInt::from(3), BigInt::from(10).pow(39));
    assert_eq!(reference_score(&tiny), (expected, "platinum".into()));
    assert_eq!(decimal_text(5, 1000), "0.005");
    assert_eq!(decimal_text(1000, 1000), "1.000");
}
