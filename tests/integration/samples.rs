//! `bscore sample size | sites | draw`: sizes checked against published
//! attribute-sampling tables and hand-worked products, site counts worked
//! by hand, and draws ranked independently (Python's hashlib).

use crate::common::{bscore, stdout};

/// Standard error as text.
fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The JSON a command prints, which must succeed.
fn json_of(args: &[&str]) -> serde_json::Value {
    let output = bscore(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{args:?}: {}",
        stderr(&output)
    );
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn sample_sizes_match_the_published_table_for_a_large_population() {
    // Zero expected deviations (AICPA attribute-sampling table).
    for (confidence, tolerable, size) in [
        ("95", "10", 29),
        ("95", "5", 59),
        ("90", "5", 45),
        ("99", "5", 90),
    ] {
        let args = [
            "sample",
            "size",
            "--confidence",
            confidence,
            "--tolerable",
            tolerable,
            "--format",
            "json",
        ];
        let json = json_of(&args);
        assert_eq!(json["size"], size, "{confidence} / {tolerable}");
        assert_eq!(json["method"], "binomial");
    }
    // The defaults are 95 % and 10 %; the table says how it was reached.
    let text = stdout(&bscore(&["sample", "size"]));
    assert!(text.starts_with("sample size: 29\n"), "{text}");
    assert!(text.contains("(1 − 10 %)^29, is at most 5 %"), "{text}");
}

#[test]
fn a_finite_population_takes_the_exact_hypergeometric_size() {
    // N = 40, 10 %: D = 4, and (40−n)(39−n)(38−n)(37−n) / (40·39·38·37)
    // first falls to 5 % or less at n = 21 (93,024 / 2,193,360).
    let json = json_of(&["sample", "size", "--population", "40", "--format", "json"]);
    assert_eq!(json["size"], 21);
    assert_eq!(json["nonconforming"], 4);
    assert_eq!(json["method"], "hypergeometric");
    let text = stdout(&bscore(&["sample", "size", "--population", "40"]));
    assert!(text.contains("C(36, 21) / C(40, 21)"), "{text}");
}

#[test]
fn out_of_range_or_too_fine_rates_are_usage_errors() {
    for args in [
        ["sample", "size", "--confidence", "100"],
        ["sample", "size", "--tolerable", "0"],
        ["sample", "size", "--tolerable", "0.01"],
        ["sample", "size", "--confidence", "九五"],
    ] {
        let output = bscore(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stdout(&output).is_empty());
        assert!(stderr(&output).contains("--"), "{}", stderr(&output));
    }
}

#[test]
fn site_counts_by_kind_of_audit() {
    // √10 = 3.16…, 0.6·√10 = 1.90…, 0.8·√10 = 2.53…
    for (kind, sites) in [("initial", 4), ("surveillance", 2), ("recertification", 3)] {
        let json = json_of(&[
            "sample", "sites", "--count", "10", "--kind", kind, "--format", "json",
        ]);
        assert_eq!(json["size"], sites, "{kind}");
        assert_eq!(json["sites"], sites, "{kind}");
    }
    let zh = crate::common::bscore_command()
        .env("BSCORE_LANG", "zh")
        .args(["sample", "sites", "--count", "10", "--kind", "surveillance"])
        .output()
        .unwrap();
    assert!(stdout(&zh).starts_with("现场数：2\n"), "{}", stdout(&zh));
    assert!(
        stdout(&zh).contains("监督评价取 ⌈0.6·√10⌉"),
        "{}",
        stdout(&zh)
    );
}

#[test]
fn a_draw_is_repeatable_and_a_larger_one_keeps_the_smaller() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.txt");
    let lines: Vec<String> = (1..=10).map(|n| format!("CR-{n:03}")).collect();
    std::fs::write(&pool, format!("{}\n\n", lines.join("\r\n"))).unwrap();
    let pool = pool.to_str().unwrap();
    let draw = |size: &str| {
        json_of(&[
            "sample",
            "draw",
            "--from",
            pool,
            "--size",
            size,
            "--seed",
            "2026-audit",
            "--format",
            "json",
        ])
    };
    let five = draw("5");
    // Ranked independently: sha256("2026-audit:CR-007") is the lowest.
    assert_eq!(
        five["items"],
        serde_json::json!(["CR-007", "CR-006", "CR-001", "CR-002", "CR-003"])
    );
    assert_eq!(five["seed"], "2026-audit");
    assert_eq!(five["population"], 10);
    assert_eq!(
        draw("3")["items"],
        serde_json::json!(["CR-007", "CR-006", "CR-001"])
    );
    let digest = {
        use sha2::Digest;
        let bytes = std::fs::read(pool).unwrap();
        let digest = sha2::Sha256::digest(&bytes);
        digest
            .iter()
            .map(|byte| format!("{byte:02x}"))
            .collect::<String>()
    };
    let text = stdout(&bscore(&[
        "sample",
        "draw",
        "--from",
        pool,
        "--size",
        "2",
        "--seed",
        "2026-audit",
    ]));
    assert_eq!(
        text,
        format!(
            "seed: 2026-audit (2 of the 10 items of {pool}, ranked by SHA-256(seed:item), lowest first)\n\
             list SHA-256: {digest}\n\
             record in the audit (from is the list's path relative to the audit file): \
             drawn = {{ seed = \"2026-audit\", from = \"{pool}\", sha256 = \"{digest}\" }}\n\
             CR-007\nCR-006\n"
        )
    );
}

#[test]
fn a_list_with_an_item_twice_is_refused_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.txt");
    std::fs::write(&pool, "CR-001\nCR-002\nCR-001\n").unwrap();
    let output = bscore(&[
        "sample",
        "draw",
        "--from",
        pool.to_str().unwrap(),
        "--size",
        "1",
        "--seed",
        "s",
    ]);
    assert_eq!(output.status.code(), Some(2));
    let said = stderr(&output);
    assert!(
        said.contains("\"CR-001\" is listed on line 1 already"),
        "{said}"
    );
    assert!(said.contains(":3:1"), "{said}");
    let zero = bscore(&[
        "sample",
        "draw",
        "--from",
        pool.to_str().unwrap(),
        "--size",
        "0",
        "--seed",
        "s",
    ]);
    assert_eq!(zero.status.code(), Some(2));
}

#[test]
fn a_byte_order_mark_is_dropped_and_the_draw_stays_the_documented_one() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.txt");
    let lines: Vec<String> = (1..=10).map(|n| format!("CR-{n:03}")).collect();
    std::fs::write(&pool, format!("\u{feff}{}\n", lines.join("\n"))).unwrap();
    let args = [
        "sample",
        "draw",
        "--from",
        pool.to_str().unwrap(),
        "--size",
        "3",
        "--seed",
        "2026-audit",
        "--format",
        "json",
    ];
    assert_eq!(
        json_of(&args)["items"],
        serde_json::json!(["CR-007", "CR-006", "CR-001"])
    );
}

#[test]
fn keyboard_slips_and_seeds_that_cannot_be_retyped_are_named() {
    let slip = bscore(&["sample", "size", "--confidence", "９５"]);
    assert_eq!(slip.status.code(), Some(2));
    assert!(
        stderr(&slip)
            .contains("full-width characters (typed with a Chinese input method): write 95"),
        "{}",
        stderr(&slip)
    );
    let comma = bscore(&["sample", "size", "--tolerable", "2,5"]);
    assert!(
        stderr(&comma).contains("not a comma: write 2.5"),
        "{}",
        stderr(&comma)
    );
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.txt");
    std::fs::write(&pool, "CR-001\n").unwrap();
    for seed in ["", " s", "s\n"] {
        let output = bscore(&[
            "sample",
            "draw",
            "--from",
            pool.to_str().unwrap(),
            "--size",
            "1",
            "--seed",
            seed,
        ]);
        assert_eq!(output.status.code(), Some(2), "{seed:?}");
    }
    let none = bscore(&["sample", "sites", "--count", "0", "--kind", "initial"]);
    assert_eq!(none.status.code(), Some(2));
}

#[test]
fn a_drawn_item_s_direction_control_is_escaped_in_json() {
    let dir = tempfile::tempdir().unwrap();
    let pool = dir.path().join("pool.txt");
    std::fs::write(&pool, "rtl\u{202e}evil\nok\n").unwrap();
    let output = bscore(&[
        "sample",
        "draw",
        "--from",
        pool.to_str().unwrap(),
        "--size",
        "2",
        "--seed",
        "s",
        "--format",
        "json",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("rtl\\u202eevil"), "{text}");
    assert!(!text.contains('\u{202e}'), "{text}");
}

#[test]
fn a_list_in_another_encoding_or_not_a_list_is_named_as_a_list() {
    let dir = tempfile::tempdir().unwrap();
    let draw = |path: &std::path::Path| {
        let args = ["sample", "draw", "--size", "1", "--seed", "s", "--from"];
        let output = crate::common::bscore_command()
            .args(args)
            .arg(path)
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        stderr(&output)
    };
    // 中文，测试 as Notepad's ANSI (GBK) saves it, and "AB" as UTF-16.
    let gbk = dir.path().join("gbk.txt");
    std::fs::write(&gbk, b"\xd6\xd0\xce\xc4\xa3\xac\xb2\xe2\xca\xd4\n").unwrap();
    assert!(
        draw(&gbk).contains("in GBK/GB18030, not UTF-8"),
        "{}",
        draw(&gbk)
    );
    let utf16 = dir.path().join("utf16.txt");
    std::fs::write(&utf16, b"\xff\xfeA\x00B\x00").unwrap();
    assert!(draw(&utf16).contains("in UTF-16LE, not UTF-8"));
    let folder = draw(dir.path());
    assert!(folder.contains("expected a list file"), "{folder}");
    let large = dir.path().join("large.txt");
    std::fs::write(&large, "a\n".repeat(2_200_000)).unwrap();
    let large = draw(&large);
    assert!(large.contains("lists are limited to 4 MiB"), "{large}");
    assert!(!large.contains("audit"), "{large}");
}

#[test]
fn the_sample_command_alone_lists_its_own_commands() {
    for lang in ["zh", "en"] {
        let output = crate::common::bscore_command()
            .args(["sample", "--lang", lang])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2));
        let text = stderr(&output);
        for command in ["size", "sites", "draw"] {
            assert!(text.contains(command), "{lang}: {text}");
        }
        assert!(!text.contains("evaluate"), "{lang}: {text}");
    }
}

#[test]
fn an_item_listed_again_in_full_width_characters_is_a_repeat() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("list.txt");
    std::fs::write(&list, "CR-001\nCR-002\nＣＲ－００１\n").unwrap();
    let output = crate::common::bscore_command()
        .args(["sample", "draw", "--size", "1", "--seed", "s", "--from"])
        .arg(&list)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains("\"ＣＲ－００１\" is \"CR-001\" of line 1 typed in full-width characters"),
        "{text}"
    );
    assert!(text.contains(":3:1"), "{text}");
}
