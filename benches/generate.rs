//! Realistic audit files for benchmarks: coefficients, samples of up to 40,
//! exclusions (some rejected), records, special deductions and bonuses,
//! generated deterministically from a seed.

use bscore::Checklist;
use std::fmt::Write;

/// `count` audit files' texts.
pub fn audits(checklist: &Checklist, count: usize, seed: u64) -> Vec<String> {
    let mut rng = fastrand::Rng::with_seed(seed);
    (0..count)
        .map(|index| audit(checklist, index, &mut rng))
        .collect()
}

fn audit(checklist: &Checklist, index: usize, rng: &mut fastrand::Rng) -> String {
    let mut text = String::with_capacity(8 * 1024);
    let _ = write!(
        text,
        "[audit]\nstandard = \"{}\"\norganization = \"示例科技有限公司 {index}\"\nservice = \"供应链金融区块链服务\"\nassessors = [\"张三\", \"李四\"]\ndate = 2026-{:02}-{:02}\nkind = \"initial\"\n\n[indicators]\n",
        checklist.code,
        rng.u8(1..=12),
        rng.u8(1..=28),
    );
    for indicator in &checklist.indicators {
        let value = match rng.u8(0..100) {
            0..=64 => "0".to_string(),
            65..=74 => "1".to_string(),
            75..=82 => ["0.25", "0.5", "0.3", "0.75"][rng.usize(0..4)].to_string(),
            83..=96 => {
                let sampled = rng.u32(1..=40);
                let nonconforming = rng.u32(0..=sampled);
                format!(
                    "{{ sampled = {sampled}, nonconforming = {nonconforming}, record = \"抽查 {sampled} 份记录\" }}"
                )
            }
            97..=98 => "{ excluded = \"不适用于本服务\" }".to_string(),
            _ => "{ excluded = \"不适用\", rejected = \"现场发现适用\", coefficient = 1 }"
                .to_string(),
        };
        let _ = writeln!(text, "\"{}\" = {value}", indicator.id);
    }
    if rng.u8(0..10) == 0 {
        text.push_str("\n[[special_deductions]]\nkind = \"law\"\nfinding = \"未按规定备案\"\n");
    }
    if rng.u8(0..5) == 0 {
        text.push_str("\n[bonus]\npractice = \"国密算法全链路加密\"\n");
    }
    text
}
