//! `bscore sample size | sites | draw`: how large a sample, how many
//! sites, which items. Each reads its inputs, calls the library, writes
//! what it returns and says how the run ends.

use super::args::{SampleArgs, SampleCommand, SampleDrawArgs, SampleSitesArgs, SampleSizeArgs};
use super::exit::Exit;
use super::values::SampleFormat;
use crate::failure::Failure;
use crate::files::{Output, emit, read_text};
use crate::message::{Lang, Text, t};
use crate::number::{Exact, parse_decimal, trimmed};
use crate::samples::{RateError, SizeMethod, drawn, listed_items, sample_size, site_count};
use crate::text::visible;
use serde_json::json;

/// Routes `bscore sample …`.
pub(super) fn sample(args: &SampleArgs, lang: Lang, stdout: &Output) -> Result<Exit, Failure> {
    let (text, format) = match &args.command {
        SampleCommand::Size(args) => (size(args, lang)?, args.format),
        SampleCommand::Sites(args) => (sites(args, lang)?, args.format),
        SampleCommand::Draw(args) => (draw(args, lang)?, args.format),
    };
    let text = match format {
        SampleFormat::Table => text.lines,
        // Escaped as results are: an item may hold invisible or direction
        // characters (U+202E), shown as \u escapes, never obeyed.
        SampleFormat::Json => {
            let json = crate::render::json_string(&text.json, true).map_err(|error| {
                Failure::Internal {
                    doing: t!("无法写出 JSON", "cannot write the JSON"),
                    cause: Text::verbatim(error.to_string()),
                }
            })?;
            format!("{json}\n")
        }
    };
    emit(stdout, text.as_bytes())?;
    Ok(Exit::Passed)
}

/// What a sample command says: lines for people, JSON for programs.
struct Said {
    lines: String,
    json: serde_json::Value,
}

/// A percentage given on the command line, as a share (95 → 0.95), of at
/// most one decimal place: sampling tables go no finer, and it bounds
/// the search (99.9 % against 0.1 % takes 6,905 items).
fn share(option: &str, written: &str) -> Result<Exact, Failure> {
    let invalid = |why: Text| {
        let head = t!(
            "{option} 的值 {written} 无效：",
            "invalid value {written} for {option}: "
        );
        Failure::Usage(head.joined(("", ""), &why))
    };
    let plain = t!(
        "应为最多一位小数的百分数，如 95 或 2.5",
        "a percentage of at most one decimal place, such as 95 or 2.5"
    );
    let number = written.trim();
    let number = number.strip_suffix(['%', '％']).unwrap_or(number);
    if let Some(slip) = percent_slip(number) {
        return Err(invalid(slip));
    }
    // Plain decimals only: parse_decimal also reads TOML's 9_5 and 1e1.
    if number.is_empty() || !number.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Err(invalid(plain));
    }
    let percent = parse_decimal(number).map_err(|_| invalid(plain.clone()))?;
    if crate::number::cut(&percent, 1) != percent {
        return Err(invalid(plain));
    }
    Ok(percent * Exact::ratio(1, 100))
}

/// A Chinese-keyboard slip in a percentage, named with the number meant:
/// full-width digits (９５) or a comma for the decimal point (2,5).
fn percent_slip(number: &str) -> Option<Text> {
    let half: String = (number.chars())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' | '。' => '.',
            c => c,
        })
        .collect();
    if half != number && half.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return Some(t!(
            "用了全角字符（中文输入法），请写 {half}",
            "full-width characters (typed with a Chinese input method): write {half}"
        ));
    }
    let point = number.replace(['，', ','], ".");
    (point != number && point.chars().all(|c| c.is_ascii_digit() || c == '.')).then(|| {
        t!(
            "小数点请用 . 而不是逗号，请写 {point}",
            "the decimal point is `.`, not a comma: write {point}"
        )
    })
}

fn size(args: &SampleSizeArgs, lang: Lang) -> Result<Said, Failure> {
    let confidence = share("--confidence", &args.confidence)?;
    let tolerable = share("--tolerable", &args.tolerable)?;
    let found = sample_size(args.population, &confidence, &tolerable).map_err(|error| {
        Failure::Usage(match error {
            RateError::Confidence => t!(
                "--confidence 应大于 0 且小于 100",
                "--confidence must be above 0 and below 100"
            ),
            RateError::Tolerable => t!(
                "--tolerable 应大于 0 且不超过 100",
                "--tolerable must be above 0 and at most 100"
            ),
            RateError::Population => {
                let most = crate::samples::MAX_POPULATION;
                t!(
                    "--population 应为 1 到 {most} 之间的整数",
                    "--population must be a whole number from 1 to {most}"
                )
            }
        })
    })?;
    let shown = |share: &Exact| trimmed(&(share.clone() * Exact::ratio(100, 1)), 6);
    let (c, t) = (shown(&confidence), shown(&tolerable));
    let miss = shown(&(Exact::ratio(1, 1) - confidence.clone()));
    let n = found.size;
    let how = match &found.method {
        SizeMethod::Hypergeometric {
            population,
            nonconforming,
        } => {
            let rest = population - nonconforming;
            t!(
                "依据：总体 {population} 个，不符合率达到 {t}% 时至少 {nonconforming} 个不符合；抽 {n} 个全部符合的概率 C({rest}, {n}) / C({population}, {n}) 不超过 {miss}%（置信度 {c}%，超几何分布，精确计算）",
                "how: of a population of {population}, at least {nonconforming} are nonconforming at a rate of {t} %; the chance that {n} sampled all conform, C({rest}, {n}) / C({population}, {n}), is at most {miss} % (confidence {c} %, hypergeometric, exact)"
            )
        }
        SizeMethod::Binomial => t!(
            "依据：未给总体（视为很大）；不符合率为 {t}% 时抽 {n} 个全部符合的概率 (1 − {t}%)^{n} 不超过 {miss}%（置信度 {c}%），即 ⌈ln(1−C) / ln(1−t)⌉，精确计算",
            "how: no population given (taken as large); at a rate of {t} % the chance that {n} sampled all conform, (1 − {t} %)^{n}, is at most {miss} % (confidence {c} %), that is ⌈ln(1−C) / ln(1−t)⌉, exact"
        ),
    };
    let (population, nonconforming) = match found.method {
        SizeMethod::Hypergeometric {
            population,
            nonconforming,
        } => (Some(population), Some(nonconforming)),
        SizeMethod::Binomial => (None, None),
    };
    let method = match population {
        Some(_) => "hypergeometric",
        None => "binomial",
    };
    Ok(Said {
        lines: lines(t!("样本量：{n}", "sample size: {n}"), how, lang),
        json: json!({
            "size": n,
            "confidence": c,
            "tolerable": t,
            "population": population,
            "nonconforming": nonconforming,
            "method": method,
        }),
    })
}

fn sites(args: &SampleSitesArgs, lang: Lang) -> Result<Said, Failure> {
    if args.count == 0 {
        return Err(Failure::Usage(t!(
            "--count 应至少为 1：范围内至少有一个现场",
            "--count must be at least 1: there is at least one site in scope"
        )));
    }
    let kind = args.kind.into();
    let count = site_count(args.count, kind);
    let (sites, all) = (count.sites, args.count);
    let factor = match count.tenths {
        10 => String::new(),
        tenths => format!("0.{tenths}·"),
    };
    let name = crate::render::Labels::of(lang).kind(kind);
    let how = t!(
        "依据：范围内共 {all} 个现场，{name}取 ⌈{factor}√{all}⌉（IAF MD 1 的规则，作为默认做法），至少 1 个",
        "how: {all} sites in scope; {name}: ⌈{factor}√{all}⌉ (IAF MD 1's rule, as a default), at least 1"
    );
    Ok(Said {
        lines: lines(t!("现场数：{sites}", "sites to visit: {sites}"), how, lang),
        json: json!({
            "size": sites,
            "sites": sites,
            "count": all,
            "kind": kind.id(),
            "factor": trimmed(&Exact::ratio(count.tenths.into(), 10), 1),
        }),
    })
}

fn draw(args: &SampleDrawArgs, lang: Lang) -> Result<Said, Failure> {
    if args.size == 0 {
        return Err(Failure::Usage(t!(
            "--size 应至少为 1",
            "--size must be at least 1"
        )));
    }
    // A seed is retyped to repeat the draw: none, or one with spaces or a
    // line break at its ends (pasted) or an invisible character, could not
    // be (found by a probe).
    if !crate::text::is_retypable(&args.seed) {
        return Err(Failure::Usage(t!(
            "--seed 不能为空，首尾也不能有空格或换行，也不能含控制字符或看不见的字符：种子要能原样重输，才能重复这次抽样",
            "--seed must not be empty nor start or end with a space or line break, nor hold a control or invisible character: it is typed again to repeat the draw"
        )));
    }
    let source = read_text(&args.from)?;
    let items = listed_items(&source.name, &source.text)?;
    let chosen = drawn(&args.seed, &items, args.size);
    let (seed, from, total, taken) = (&args.seed, &source.name, items.len(), chosen.len());
    let head = t!(
        "种子：{seed}（从 {from} 的 {total} 项中抽取 {taken} 项，按 SHA-256(种子:样本) 由小到大）",
        "seed: {seed} ({taken} of the {total} items of {from}, ranked by SHA-256(seed:item), lowest first)"
    );
    let digest = &source.digest;
    let record = crate::text::toml_string(seed);
    let record = format!(
        "drawn = {{ seed = {record}, from = {}, sha256 = \"{digest}\" }}",
        crate::text::toml_string(from)
    );
    let after = t!(
        "清单 SHA-256：{digest}\n记入评价文件（from 写清单相对于评价文件的路径）：{record}",
        "list SHA-256: {digest}\nrecord in the audit (from is the list's path relative to the audit file): {record}"
    );
    let mut lines = format!(
        "{}\n{}\n",
        visible(head.get(lang), false),
        visible(after.get(lang), true)
    );
    for item in &chosen {
        lines.push_str(&visible(item, false));
        lines.push('\n');
    }
    Ok(Said {
        lines,
        json: json!({
            "seed": seed,
            "items": chosen,
            "from": from,
            "population": total,
            "sha256": source.digest,
        }),
    })
}

/// The answer and how it was reached, a line each.
fn lines(answer: Text, how: Text, lang: Lang) -> String {
    format!("{}\n{}\n", answer.get(lang), how.get(lang))
}
