//! Speed of bscore: each stage for one audit, and a batch of 10,000 audits
//! against the toml crate's own parse of the same files, on one thread and
//! on two.
//! `cargo bench --bench bscore`; figures in BENCHMARKS.md.

mod generate;

/// The allocator the binary uses, so the figures are the binary's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use bscore::analyze;
use bscore::evaluate;
use bscore::{Audit, Checks};
use bscore::{Checklist, Grade};
use bscore::{Format, Lang, RenderOptions, Rendering, Report, render};
use bscore::{Source, evaluate_batch};
use criterion::{Criterion, criterion_group, criterion_main};
use rayon::prelude::*;
use std::hint::black_box;

const OPTIONS: RenderOptions = RenderOptions {
    lang: Lang::Zh,
    ascii: false,
    detail: false,
    bom: true,
    width: 100,
};

fn one_audit(c: &mut Criterion) {
    let checklist = Checklist::builtin();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/gold-supply-chain-finance.toml"
    ))
    .unwrap();
    let audit = Audit::parse("audit.toml", &text, &checklist).unwrap();
    let evaluation = evaluate(&checklist, &audit).unwrap();
    let analysis = analyze(&checklist, &audit, &evaluation);
    let digest = bscore::sha256(&text);
    let report = Report {
        file: "audit.toml",
        checklist: &checklist,
        rules: None,
        audit: &audit,
        evaluation: &evaluation,
        analysis: &analysis,
        audit_sha256: &digest,
    };

    let mut group = c.benchmark_group("one_audit");
    group.bench_function("load_checklist", |b| b.iter(Checklist::builtin));
    group.bench_function("parse_and_validate", |b| {
        b.iter(|| Audit::parse("audit.toml", black_box(&text), &checklist).unwrap())
    });
    group.bench_function("score", |b| {
        b.iter(|| evaluate(&checklist, black_box(&audit)).unwrap())
    });
    group.bench_function("analyze", |b| {
        b.iter(|| analyze(&checklist, &audit, black_box(&evaluation)))
    });
    let Rendering::Streamed(assembler) = Format::Json.rendering(OPTIONS, &checklist, true) else {
        unreachable!("JSON is streamed")
    };
    group.bench_function("render_json_batch_line", |b| {
        b.iter(|| assembler.piece(black_box(&report)).unwrap())
    });
    for format in [Format::Json, Format::Table, Format::Html] {
        group.bench_function(format!("render_{format:?}").to_lowercase(), |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(64 * 1024);
                render(format, OPTIONS, &[report], &mut out).unwrap();
                out
            })
        });
    }
    group.finish();
}

fn batch(c: &mut Criterion) {
    let checklist = Checklist::builtin();
    let sources: Vec<Source> = generate::audits(&checklist, 10_000, 7)
        .into_iter()
        .enumerate()
        .map(|(index, text)| Source::toml(format!("audit-{index:05}.toml"), text))
        .collect();
    let mut group = c.benchmark_group("batch_10000");
    group.sample_size(10);
    // Like with like: bscore's whole batch (parse, validate, score,
    // analyse, render JSON, as `bscore evaluate DIR --format json` does,
    // written to a sink as to /dev/null) against the toml crate's parse of
    // the same files alone, each on the same number of threads.
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        group.bench_function(format!("toml_parse_{threads}_thread"), |b| {
            b.iter(|| {
                pool.install(|| {
                    sources.par_iter().for_each(|source| {
                        black_box(source.text.parse::<toml::Table>().unwrap());
                    })
                })
            })
        });
        group.bench_function(format!("bscore_evaluate_to_json_{threads}_thread"), |b| {
            b.iter(|| {
                pool.install(|| {
                    let mut sink = std::io::sink();
                    evaluate_batch(
                        bscore::Basis::of(&checklist),
                        &sources,
                        &[],
                        true,
                        Format::Json,
                        OPTIONS,
                        &mut sink,
                    )
                    .unwrap()
                    .summaries
                    .len()
                })
            })
        });
    }
    group.finish();
}

/// The worst inputs of their kinds that fit the 4 MiB input limit (and a
/// few smaller ones the issue that bounded them named): each must be
/// refused or evaluated in about a second at most.
fn worst_cases(c: &mut Criterion) {
    let checklist = Checklist::builtin();
    let audit = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/gold-supply-chain-finance.toml"
    ))
    .unwrap();
    let with_indicators =
        |extra: &str| audit.replacen("[indicators]\n", &format!("[indicators]\n{extra}"), 1);
    let sampled = |sites: usize, items: &dyn Fn(usize) -> String| {
        let sites: String = (0..sites)
            .map(|s| format!("[[sites]]\nid=\"s{s}\"\nname=\"现场{s}\"\n"))
            .collect();
        let items: String = (0..100_000).map(items).collect();
        audit
            .replacen("[indicators]\n", &format!("{sites}[indicators]\n"), 1)
            .replacen(
                "\"4.4.e\" = { sampled = 12, nonconforming = 5",
                &format!("\"4.4.e\" = {{ population = 1000000, samples = [\n{items}]"),
                1,
            )
    };
    let cases: Vec<(&str, String)> = vec![
        (
            "decimal_of_1m_digits",
            audit.replacen(
                "\"4.1.a\" = 0",
                &format!("\"4.1.a\" = 0.{}", "3".repeat(1_000_000)),
                1,
            ),
        ),
        (
            "unknown_ids_100k",
            with_indicators(
                &(0..100_000)
                    .map(|i| format!("\"9.{i}.x\" = 0\n"))
                    .collect::<String>(),
            ),
        ),
        (
            "duplicate_ids_100k",
            with_indicators(&"\"5.5.c\" = 0\n".repeat(100_000)),
        ),
        ("syntax_errors_200k_lines", "@\n".repeat(200_000)),
        ("syntax_errors_4mib", "@\n".repeat(2_090_000)),
        ("string_errors_4mib", "a = \"\\q\"\n".repeat(440_000)),
        ("duplicate_keys_4mib", "a = 1\n".repeat(690_000)),
        (
            "unknown_ids_4mib",
            with_indicators(
                &(0..260_000)
                    .map(|i| format!("\"9.{i}\" = 0\n"))
                    .collect::<String>(),
            ),
        ),
        // Suggestions measure only candidates of a similar length: a
        // mistyped id of a megabyte, or many of ten kilobytes, are not
        // compared in full with every id of the checklist.
        (
            "mistyped_id_of_1mib",
            with_indicators(&format!("\"4.1.{}\" = 0\n", "a".repeat(1 << 20))),
        ),
        (
            "mistyped_ids_400_of_10kb",
            with_indicators(
                &(0..400)
                    .map(|i| format!("\"4.{i}.{}\" = 0\n", "b".repeat(10_000)))
                    .collect::<String>(),
            ),
        ),
        (
            "mistyped_audit_keys_190k",
            audit.replacen(
                "[audit]\n",
                &format!(
                    "[audit]\n{}",
                    (0..190_000)
                        .map(|i| format!("organisaton{i} = 1\n"))
                        .collect::<String>()
                ),
                1,
            ),
        ),
        (
            "tables_400k",
            (0..400_000)
                .map(|i| format!("[t{i}]\n"))
                .collect::<String>(),
        ),
        (
            "nesting_100k",
            format!("[audit]\nassessors = {}\n", "[".repeat(100_000)),
        ),
        // An indicator's sample of the most items it may list, written
        // tightly to fit the 4 MiB an audit may be: valid, at three
        // sites; then at sites not among two thousand declared; then one
        // item repeated.
        (
            "sample_items_100k",
            sampled(3, &|i| {
                let conforms = i % 7 != 0;
                format!(
                    "{{item=\"R{i:05}\",site=\"s{}\",conforms={conforms}}},\n",
                    i % 3
                )
            }),
        ),
        (
            "sample_items_100k_unknown_sites",
            sampled(2_000, &|i| {
                format!("{{item=\"R{i:05}\",site=\"x{}\",conforms=true}},\n", i % 10)
            }),
        ),
        (
            "sample_items_100k_repeated",
            sampled(3, &|_| {
                "{item=\"R1\",site=\"s1\",conforms=true},\n".to_string()
            }),
        ),
        (
            "note_of_10mb",
            audit.replacen(
                "\"4.1.a\" = 0",
                &format!(
                    "\"4.1.a\" = {{ coefficient = 0, note = \"{}\" }}",
                    "备注".repeat(1_700_000)
                ),
                1,
            ),
        ),
    ];
    let mut group = c.benchmark_group("worst_cases");
    group.sample_size(10);
    for (name, text) in &cases {
        keep_for_timing(name, "toml", text.as_bytes());
        group.bench_function(*name, |b| {
            b.iter(|| {
                // Parse, validate and, when valid, score and render as a table.
                match Audit::parse("worst.toml", black_box(text), &checklist) {
                    Ok(audit) => {
                        let evaluation = evaluate(&checklist, &audit).unwrap();
                        let analysis = analyze(&checklist, &audit, &evaluation);
                        let report = Report {
                            file: "worst.toml",
                            checklist: &checklist,
                            rules: None,
                            audit: &audit,
                            evaluation: &evaluation,
                            analysis: &analysis,
                            audit_sha256: "",
                        };
                        let mut out = Vec::new();
                        render(Format::Table, OPTIONS, &[report], &mut out).unwrap();
                        out.len()
                    }
                    Err(error) => error.to_string().len(),
                }
            })
        });
    }
    // gap where its tie-break search is hardest: every indicator with its
    // own four-place coefficient, and every indicator sampled about 10^18
    // times (fractions whose sums would grow without a common
    // denominator). Both stop at the search budget.
    let mut random = fastrand::Rng::with_seed(7);
    let every_indicator = |value: &mut dyn FnMut() -> String| -> String {
        let lines: String = (checklist.indicators.iter())
            .map(|indicator| format!("\"{}\" = {}\n", indicator.id, value()))
            .collect();
        let header = &audit[..audit.find("[indicators]").unwrap()];
        format!("{header}[indicators]\n{lines}")
    };
    let gap_cases = [
        (
            "gap_86_four_place_coefficients",
            every_indicator(&mut || format!("0.{:04}", random.u32(1..2000))),
        ),
        (
            "gap_86_samples_of_10e18",
            every_indicator(&mut || {
                let sampled = 1_000_000_000_000_000_000u64 - random.u64(1..1_000_000);
                let nonconforming = random.u64(1..200_000_000_000_000_000);
                format!("{{ sampled = {sampled}, nonconforming = {nonconforming} }}")
            }),
        ),
    ];
    for (name, text) in &gap_cases {
        keep_for_timing(name, "toml", text.as_bytes());
        let audit = Audit::parse("gap.toml", text, &checklist).unwrap();
        let evaluation = evaluate(&checklist, &audit).unwrap();
        group.bench_function(*name, |b| {
            b.iter(|| bscore::plan(&checklist, black_box(&evaluation), Grade::Platinum))
        });
    }
    // Hostile forms (docs/form.md, "Limits"): the gold example's form with
    // parts spliced in, each read as `evaluate` reads it, refused at a
    // limit or read within them; and the largest within the limits.
    let parsed = Audit::parse("gold.toml", &audit, &checklist).unwrap();
    let form = bscore::form_workbook(&checklist, Some(&parsed), None, Lang::Zh).unwrap();
    let sheet = "xl/worksheets/sheet1.xml";
    let strings = "xl/sharedStrings.xml";
    let form_cases = [
        (
            "form_cell_at_xfd1048576",
            spliced_form(&form, sheet, |xml| with_form_rows(xml, XFD_ROW)),
        ),
        (
            "form_sheet_of_1gib",
            spliced_form(&form, sheet, |xml| {
                let at = xml.find("</sheetData>").unwrap();
                let cell = r#"<row r="200"><c r="J200" t="inlineStr"><is><t>"#;
                let text = "a".repeat(1 << 30);
                format!(
                    "{}{cell}{text}</t></is></c></row>{}",
                    &xml[..at],
                    &xml[at..]
                )
            }),
        ),
        (
            "form_cells_1m_over",
            spliced_form(&form, sheet, |xml| {
                with_form_rows(xml, &r#"<row><c s="3"/></row>"#.repeat(1_100_000))
            }),
        ),
        (
            "form_cells_990k_within",
            spliced_form(&form, sheet, |xml| {
                let row = format!("<row>{}</row>", r#"<c s="3"/>"#.repeat(10));
                with_form_rows(xml, &row.repeat(99_000))
            }),
        ),
        (
            "form_shared_strings_600k",
            spliced_form(&form, strings, |xml| {
                xml.replacen(
                    "</sst>",
                    &format!("{}</sst>", "<si><t>a</t></si>".repeat(600_000)),
                    1,
                )
            }),
        ),
        (
            "form_unique_count_1e15",
            spliced_form(&form, strings, |xml| {
                let at = xml.find("uniqueCount=\"").unwrap() + "uniqueCount=\"".len();
                let end = at + xml[at..].find('"').unwrap();
                format!("{}1000000000000000{}", &xml[..at], &xml[end..])
            }),
        ),
        (
            "form_date_nan",
            spliced_form(&form, sheet, |xml| {
                xml.replacen(
                    r#"<c r="B5" s="4"><v>46162</v></c>"#,
                    r#"<c r="B5" s="4"><v>NaN</v></c>"#,
                    1,
                )
            }),
        ),
        (
            "form_unknown_ids_49k_within",
            spliced_form(&form, sheet, |xml| {
                with_form_rows(xml, &unknown_id_rows(49_000))
            }),
        ),
        (
            "form_filled_cells_500k_over",
            spliced_form(&form, sheet, |xml| {
                with_form_rows(xml, &unknown_id_rows(250_000))
            }),
        ),
    ];
    for (name, bytes) in &form_cases {
        assert!(bytes.len() < 4 << 20, "{name} is within the input limit");
        keep_for_timing(name, "xlsx", bytes);
        group.bench_function(*name, |b| {
            b.iter(|| match bscore::read_form("form.xlsx", black_box(bytes)) {
                Ok(read) => match read.audit("form.xlsx", &checklist, Checks::default()) {
                    Ok(_) => 0,
                    Err(error) => error.count(),
                },
                Err(error) => error.count(),
            })
        });
    }
    // verify of the largest batch result: 3,000 results of one audit,
    // about 55 MB (a result may be 64 MiB), each read and compared.
    let gold = Source::toml("gold.toml", audit.clone());
    let evaluation = evaluate(&checklist, &parsed).unwrap();
    let analysis = analyze(&checklist, &parsed, &evaluation);
    let report = Report {
        file: "gold.toml",
        checklist: &checklist,
        rules: None,
        audit: &parsed,
        evaluation: &evaluation,
        analysis: &analysis,
        audit_sha256: &gold.digest,
    };
    let mut stored = Vec::new();
    render(Format::Json, OPTIONS, &vec![report; 3_000], &mut stored).unwrap();
    let stored = Source::toml("batch.json", String::from_utf8(stored).unwrap());
    keep_for_timing("verify_batch_of_3000", "json", stored.text.as_bytes());
    let verdict = bscore::verify(bscore::Basis::of(&checklist), &stored, None, &gold).unwrap();
    assert!(verdict.holds(), "the batch verifies");
    group.bench_function("verify_batch_of_3000", |b| {
        b.iter(|| {
            bscore::verify(
                bscore::Basis::of(&checklist),
                black_box(&stored),
                None,
                &gold,
            )
        })
    });
    sample_worst_cases(&mut group);
    merge_worst_case(&mut group);
    group.finish();
}

/// Two parts judging the same 100,000 items of one indicator (as many as
/// an audit may hold) each the other way: every item a disagreement,
/// found and listed in one pass.
fn merge_items_judged_two_ways(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    checklist: &Checklist,
) {
    let part = |member: &str, conforms: bool| {
        let items: Vec<String> = (0..100_000)
            .map(|n| format!("{{item=\"I{n}\",conforms={conforms}}}"))
            .collect();
        let text = format!(
            "[audit]\norganization = \"o\"\nservice = \"s\"\nassessors = [\"{member}\"]\ndate = 2026-05-18\nkind = \"initial\"\npart = \"{member}\"\n\n[indicators]\n\"4.4.e\" = {{ samples = [{}] }}\n",
            items.join(",")
        );
        bscore::Part {
            file: format!("{member}.toml"),
            sha256: bscore::sha256(&text),
            audit: Audit::parse("part.toml", &text, checklist).unwrap(),
        }
    };
    let parts = [part("A", true), part("B", false)];
    group.bench_function("merge_100k_items_judged_two_ways", |b| {
        b.iter(
            || match bscore::merge_parts(checklist, black_box(&parts), None, None) {
                Ok(bscore::MergeOutcome::Unmerged(unmerged)) => unmerged,
                _ => unreachable!("every item is disputed"),
            },
        )
    });
}

/// A team of 20, each part a full audit (every indicator in every part,
/// so each is compared 20 ways), merged and written as TOML.
fn merge_worst_case(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    let checklist = Checklist::builtin();
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/gold-supply-chain-finance.toml"
    ))
    .unwrap();
    let parts: Vec<bscore::Part> = (0..20)
        .map(|member| {
            let part = text.replacen("[audit]\n", &format!("[audit]\npart = \"M{member}\"\n"), 1);
            bscore::Part {
                file: format!("m{member}.toml"),
                sha256: bscore::sha256(&part),
                audit: Audit::parse("part.toml", &part, &checklist).unwrap(),
            }
        })
        .collect();
    merge_items_judged_two_ways(group, &checklist);
    let merged = bscore::merge_parts(&checklist, &parts, None, None).unwrap();
    assert!(
        matches!(merged, bscore::MergeOutcome::Merged(_)),
        "the parts agree"
    );
    group.bench_function("merge_20_full_parts", |b| {
        b.iter(
            || match bscore::merge_parts(&checklist, black_box(&parts), None, None) {
                Ok(bscore::MergeOutcome::Merged(merged)) => {
                    bscore::merged_toml(&checklist, &merged)
                }
                _ => unreachable!("the parts agree"),
            },
        )
    });
}

/// The worst a `bscore sample` input may ask: the largest list a draw
/// reads (4 MiB, some 117,000 items) drawn nearly whole, and the longest
/// size search (99.9 % confidence against 0.1 % of a billion items).
fn sample_worst_cases(group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>) {
    let list: String = (0..117_000)
        .map(|n| format!("ITEM-{n:07}-xxxxxxxxxxxxxxxxxxxx\n"))
        .collect();
    keep_for_timing("draw_4mib_list", "txt", list.as_bytes());
    group.bench_function("draw_4mib_list", |b| {
        b.iter(|| {
            let items = bscore::listed_items("pool.txt", black_box(&list)).unwrap();
            bscore::drawn("seed", &items, 100_000).len()
        })
    });
    let (confidence, tolerable) = (
        bscore::Exact::ratio(999, 1000),
        bscore::Exact::ratio(1, 1000),
    );
    group.bench_function("sample_size_longest_search", |b| {
        b.iter(|| bscore::sample_size(black_box(Some(1_000_000_000)), &confidence, &tolerable))
    });
}

/// Writes a worst case to `$BSCORE_WORST_CASES/NAME.EXT`, when that is
/// set, so that it can also be timed as a process (`bscore validate`,
/// `bscore gap`), as BENCHMARKS.md does: a process also pays for the
/// kernel's pages and the messages it prints.
fn keep_for_timing(name: &str, extension: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("BSCORE_WORST_CASES") {
        let path = std::path::Path::new(&dir).join(format!("{name}.{extension}"));
        std::fs::write(&path, bytes).unwrap();
    }
}

/// A row holding one cell at XFD1048576, the last cell of a sheet.
const XFD_ROW: &str =
    r#"<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row>"#;

/// A sheet's XML with `rows` after its own.
/// `count` rows from row 200 on, each an unknown id with a coefficient:
/// two filled cells a row.
fn unknown_id_rows(count: u32) -> String {
    (200..200 + count)
        .map(|row| format!(r#"<row r="{row}"><c r="A{row}" t="inlineStr"><is><t>9.{row}.x</t></is></c><c r="D{row}"><v>0</v></c></row>"#))
        .collect()
}

fn with_form_rows(xml: &str, rows: &str) -> String {
    xml.replacen("</sheetData>", &format!("{rows}</sheetData>"), 1)
}

/// The workbook `form` with part `name` rewritten by `change`, deflated.
fn spliced_form(form: &[u8], name: &str, change: impl FnOnce(&str) -> String) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(form)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let mut change = Some(change);
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index).unwrap();
        let part = entry.name().unwrap().to_string();
        let mut text = String::new();
        entry.read_to_string(&mut text).unwrap();
        if part == name
            && let Some(change) = change.take()
        {
            text = change(&text);
        }
        out.start_file(part, options).unwrap();
        out.write_all(text.as_bytes()).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// `bscore history` over 100 evaluations of one service, a century of
/// yearly evaluations, each parsed, validated and scored, then their
/// history (cycle, regressions and follow-up at every step) drawn as JSON
/// and as the terminal's tables: the command's whole work but reading the
/// files.
fn history_of_100(c: &mut Criterion) {
    let checklist = Checklist::builtin();
    let initial = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/surveillance/2025-initial.toml"
    ))
    .unwrap();
    let mut random = fastrand::Rng::with_seed(11);
    let texts: Vec<String> = (0..100)
        .map(|year| {
            let date = format!("date = {}-06-01", 1926 + year);
            let kind = match year % 3 {
                0 => "kind = \"recertification\"".to_owned(),
                _ => format!(
                    "kind = \"surveillance\"\ncycle_start = {}-06-01",
                    1926 + year - year % 3
                ),
            };
            let kind = if year == 0 {
                "kind = \"initial\"".to_owned()
            } else {
                kind
            };
            // Every indicator's coefficient moves each year: regressions
            // and follow-ups at every step.
            let lines: String = (checklist.indicators.iter())
                .map(|indicator| format!("\"{}\" = 0.{}\n", indicator.id, random.u8(0..10)))
                .collect();
            let header = &initial[..initial.find("[indicators]").unwrap()];
            let header = header
                .replace("date = 2025-06-01", &date)
                .replace("kind = \"initial\"", &kind);
            format!("{header}[indicators]\n{lines}")
        })
        .collect();
    let mut group = c.benchmark_group("worst_cases");
    group.sample_size(10);
    group.bench_function("history_of_100_evaluations", |b| {
        b.iter(|| {
            let scored: Vec<(Audit, bscore::Evaluation)> = (texts.iter())
                .map(|text| {
                    let audit = Audit::parse("year.toml", black_box(text), &checklist).unwrap();
                    let evaluation = evaluate(&checklist, &audit).unwrap();
                    (audit, evaluation)
                })
                .collect();
            let series: Vec<bscore::Scored<'_>> = (scored.iter())
                .map(|(audit, evaluation)| bscore::Scored {
                    file: "year.toml",
                    audit,
                    evaluation,
                })
                .collect();
            let history = bscore::history(&checklist, &series).unwrap();
            assert_eq!(history.steps.len(), 100);
            let mut out = Vec::new();
            for format in [bscore::HistoryFormat::Json, bscore::HistoryFormat::Table] {
                bscore::render_history(format, OPTIONS, &checklist, &history, &mut out).unwrap();
            }
            out.len()
        })
    });
}

criterion_group!(benches, one_audit, batch, worst_cases, history_of_100);
criterion_main!(benches);
