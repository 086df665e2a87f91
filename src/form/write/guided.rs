//! The form under a 评分细则 (`template --rules`, `convert --rules`): each
//! coefficient cell offers only the levels its rule lists, the conditions
//! are printed beside the row, and the header names the 细则. The form is
//! read as before: nothing written here is read back (the reader applies
//! the 细则 itself when given `--rules`).

use super::layout::{LEVELS, Styles, column};
use crate::message::Lang;
use crate::number::{Exact, MAX_DECIMAL_DIGITS, trimmed};
use crate::rules::{Level, Rule, Rules};
use crate::spreadsheet::{CELL_LIMIT, cell, kept_text, to_f64, wrapped_height};
use rust_xlsxwriter::{DataValidation, DataValidationRule, Formula, Worksheet, XlsxError};

/// Excel's limits on a data validation's inline list (its items joined by
/// commas), its titles and its messages, in UTF-16 code units as Excel
/// counts them; rust_xlsxwriter refuses longer ones.
const LIST_LIMIT: usize = 255;
const TITLE_LIMIT: usize = 32;
const MESSAGE_LIMIT: usize = 255;

/// The most hidden level cells a row has room for: Excel's 16,384 columns
/// less those before them.
const LEVEL_CELLS: usize = 16_384 - LEVELS as usize;

/// The 细则 line of the header: its title and version, as written.
pub(super) fn header_line(rules: &Rules, lang: Lang) -> (String, &'static str) {
    let (title, version) = (kept_text(&rules.title), kept_text(&rules.version));
    match lang {
        Lang::Zh => (format!("{title}（版本 {version}）"), "评分细则"),
        Lang::En => (format!("{title}, version {version}"), "Scoring rules"),
    }
}

/// Writes the 细则 line on `row`: its label where the fields' labels are,
/// the title and version across the table, locked (it is not an input,
/// and bscore does not read it).
pub(super) fn write_header_line(
    sheet: &mut Worksheet,
    row: u32,
    rules: &Rules,
    lang: Lang,
    styles: &Styles,
) -> Result<(), XlsxError> {
    let (line, label) = header_line(rules, lang);
    let line = cut(&line, CELL_LIMIT);
    sheet.write_string_with_format(row, 0, label, &styles.label)?;
    let last = column("applicable");
    sheet.merge_range(row, 1, row, last, &line, &styles.rule)?;
    let across: f64 = super::layout::WIDTHS[1..=last as usize].iter().sum();
    sheet.set_row_height(row, wrapped_height(&[(&line, across)]))?;
    Ok(())
}

/// The conditions column's text for an indicator's rule: each level on
/// its line (`0：…`), or, when the rule lists none, that any coefficient
/// goes; then the sample it asks for, then whether it may not be
/// excluded. Cut to fit a cell: the 细则 itself holds the whole text.
pub(super) fn conditions(rule: Option<&Rule>, lang: Lang) -> String {
    let sampled_only = rule.is_some_and(|rule| rule.sample.is_some());
    let mut lines: Vec<String> = match rule.and_then(|rule| rule.levels.as_ref()) {
        Some(levels) => levels.iter().map(|level| level_line(level, lang)).collect(),
        None => vec![
            match (sampled_only, lang) {
                (true, Lang::Zh) => "只按抽样评价，不直接填扣分系数",
                (true, Lang::En) => "By sample only: no coefficient given directly",
                (false, Lang::Zh) => "细则未规定等级：可取 0 到 1 之间的任意扣分系数",
                (false, Lang::En) => "No levels in the rules: any coefficient from 0 to 1",
            }
            .to_string(),
        ],
    };
    if let Some(sample) = rule.and_then(|rule| rule.sample.as_ref()) {
        let unit = kept_text(&sample.unit);
        let minimum = sample.minimum;
        lines.push(match lang {
            Lang::Zh => format!("抽样：{unit}，至少 {minimum} 个，不足时全部抽查"),
            Lang::En => format!("Sample: {unit}, at least {minimum}, or all if fewer"),
        });
    }
    if rule.is_some_and(|rule| !rule.exclusion) {
        lines.push(match lang {
            Lang::Zh => "不可删减".to_string(),
            Lang::En => "May not be excluded".to_string(),
        });
    }
    cut(&lines.join("\n"), CELL_LIMIT)
}

/// One level's line: its coefficient as written, and its condition.
fn level_line(level: &Level, lang: Lang) -> String {
    match (&level.when, lang) {
        (Some(when), Lang::Zh) => format!("{}：{}", level.written, kept_text(when)),
        (Some(when), Lang::En) => format!("{}: {}", level.written, kept_text(when)),
        (None, _) => level.written.clone(),
    }
}

/// The data validation of one indicator's coefficient cell: a list of the
/// rule's levels as written when it lists levels (inline, or the row's
/// hidden level cells when the list is longer than Excel keeps inline),
/// else a decimal from 0 to 1, as without a 细则.
pub(super) fn coefficient_rule(
    sheet: &mut Worksheet,
    (row, id): (u32, &str),
    rule: Option<&Rule>,
    rules_title: &str,
    lang: Lang,
) -> Result<DataValidation, XlsxError> {
    let Some(levels) = rule.and_then(|rule| rule.levels.as_ref()) else {
        return any_coefficient(lang);
    };
    let written: Vec<&str> = levels.iter().map(|level| level.written.as_str()).collect();
    // More levels than a row has columns left: the decimal, and the
    // reader's check under --rules.
    if levels.len() > LEVEL_CELLS {
        return any_coefficient(lang);
    }
    let validation = match fits_inline(levels) {
        true => DataValidation::new().allow_list_strings(&written)?,
        false => {
            for (offset, level) in (0u16..).zip(levels) {
                write_level(sheet, row, LEVELS + offset, &level.coefficient)?;
            }
            let last = LEVELS + (levels.len().max(1) as u16 - 1);
            let range = format!("={}:{}", absolute(row, LEVELS), absolute(row, last));
            DataValidation::new().allow_list_formula(Formula::new(range))
        }
    };
    let [input_title, input, error] = messages(id, &written, rules_title, lang);
    // Cut only when an id or a title is itself too long.
    validation
        .set_input_title(cut(&input_title, TITLE_LIMIT))?
        .set_input_message(cut(&input, MESSAGE_LIMIT))?
        .set_error_message(cut(&error, MESSAGE_LIMIT))
}

/// The input title, the input message and the error message of a list:
/// the levels named when the messages hold them whole with room to spare
/// (a level is never cut), else counted, the list itself offering them.
fn messages(id: &str, written: &[&str], rules_title: &str, lang: Lang) -> [String; 3] {
    let title = kept_text(rules_title);
    let named = written.join(list_separator(lang));
    // Chinese puts a space between a character and a number only.
    let listed = match utf16(&named) <= MESSAGE_LIMIT / 2 {
        true if lang == Lang::Zh => format!(" {named}"),
        true => named,
        false => match lang {
            Lang::Zh => format!("列表中的 {} 个等级", written.len()),
            Lang::En => format!("the {} levels in its list", written.len()),
        },
    };
    match lang {
        Lang::Zh => [
            format!("{id} 可取的扣分系数"),
            format!("按评分细则，{id} 只可取{listed}；各等级的条件见“细则条件”列"),
            format!("评分细则“{title}”为 {id} 规定的扣分系数只有{listed}"),
        ],
        Lang::En => [
            format!("{id}: coefficients allowed"),
            format!(
                "Under the scoring rules, {id} may take only {listed}; each level's condition is in the column Rule conditions"
            ),
            format!("The scoring rules \"{title}\" allow {id} only {listed}"),
        ],
    }
}

/// The validation without a 细则 (or for a rule without levels): any
/// decimal from 0 to 1.
pub(super) fn any_coefficient(lang: Lang) -> Result<DataValidation, XlsxError> {
    let message = match lang {
        Lang::Zh => "扣分系数是 0 到 1 之间的小数",
        Lang::En => "a deduction coefficient is a decimal from 0 to 1",
    };
    DataValidation::new()
        .allow_decimal_number(DataValidationRule::Between(0.0, 1.0))
        .set_error_message(message)
}

/// Whether the levels can go in an inline list: within Excel's 255
/// characters, commas included, and no comma or quote inside a level,
/// which would split it or end the list.
fn fits_inline(levels: &[Level]) -> bool {
    let written: Vec<&str> = levels.iter().map(|level| level.written.as_str()).collect();
    utf16(&written.join(",")) <= LIST_LIMIT && written.iter().all(|item| !item.contains([',', '"']))
}

/// The headings of the hidden level cells, in English as the other
/// hidden columns' are, for as many as the longest list needs: a cell
/// under no heading would be reported when the form is read.
pub(super) fn write_level_headings(
    sheet: &mut Worksheet,
    heading_row: u32,
    count: usize,
) -> Result<(), XlsxError> {
    for offset in 0..count.min(LEVEL_CELLS) as u16 {
        sheet.write_string(heading_row, LEVELS + offset, "levels")?;
        sheet.set_column_hidden(LEVELS + offset)?;
    }
    Ok(())
}

/// How many hidden level cells the longest list needs: none when every
/// list fits inline.
pub(super) fn level_cells(rules: &Rules, count: usize) -> usize {
    (0..count)
        .filter_map(|index| rules.rule(index)?.levels.as_ref())
        .filter(|levels| levels.len() <= LEVEL_CELLS && !fits_inline(levels))
        .map(Vec::len)
        .max()
        .unwrap_or(0)
}

/// A level in a hidden cell: a number when the double reads back as the
/// same decimal (a list compares numbers with numbers), else as text.
fn write_level(sheet: &mut Worksheet, row: u32, at: u16, value: &Exact) -> Result<(), XlsxError> {
    let decimal = trimmed(value, MAX_DECIMAL_DIGITS as u32);
    let double = to_f64(value);
    match double.to_string() == decimal {
        true => sheet.write_number(row, at, double)?,
        false => sheet.write_string(row, at, decimal)?,
    };
    Ok(())
}

/// `$A$1`: a list's range must not move with the cell it validates.
fn absolute(row: u32, at: u16) -> String {
    let relative = cell(row, at);
    let split = relative
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(relative.len());
    format!("${}${}", &relative[..split], &relative[split..])
}

fn list_separator(lang: Lang) -> &'static str {
    crate::render::Labels::of(lang).list_separator
}

/// Length as Excel counts it.
fn utf16(text: &str) -> usize {
    text.encode_utf16().count()
}

/// `text` within `limit` UTF-16 code units, cut with "…" when longer.
pub(super) fn cut(text: &str, limit: usize) -> String {
    if utf16(text) <= limit {
        return text.to_string();
    }
    let mut kept = String::new();
    let mut length = 0;
    for c in text.chars() {
        length += c.len_utf16();
        if length + 1 > limit {
            break;
        }
        kept.push(c);
    }
    kept.push('…');
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_is_cut_within_the_limit_with_an_ellipsis() {
        let text = "评".repeat(300);
        let kept = cut(&text, MESSAGE_LIMIT);
        assert_eq!(utf16(&kept), MESSAGE_LIMIT);
        assert!(kept.ends_with('…'));
        assert_eq!(cut("0,0.5,1", LIST_LIMIT), "0,0.5,1");
        // A character outside the BMP counts two, and is never split.
        let wide = "𝟙".repeat(20);
        assert!(utf16(&cut(&wide, TITLE_LIMIT)) <= TITLE_LIMIT);
    }

    fn rule(levels: Option<Vec<Level>>, sample: bool, exclusion: bool) -> Rule {
        Rule {
            methods: Vec::new(),
            evidence: Vec::new(),
            levels,
            sample: sample.then(|| crate::rules::Sampling {
                unit: "需求变更记录".to_string(),
                minimum: 5,
            }),
            exclusion,
            guidance: None,
        }
    }

    fn level(value: i64, tenths: bool, when: Option<&str>) -> Level {
        let coefficient = match tenths {
            true => Exact::new(value.into(), 10.into()),
            false => Exact::from_integer(value),
        };
        let written = match tenths {
            true => format!("0.{value}"),
            false => value.to_string(),
        };
        Level {
            coefficient,
            written,
            when: when.map(str::to_string),
        }
    }

    #[test]
    fn the_conditions_say_each_level_the_sample_and_the_exclusion() {
        let levels = vec![
            level(0, false, Some("齐全")),
            level(5, true, None),
            level(1, false, Some("未说明")),
        ];
        let both = rule(Some(levels), true, false);
        assert_eq!(
            conditions(Some(&both), Lang::Zh),
            "0：齐全\n0.5\n1：未说明\n抽样：需求变更记录，至少 5 个，不足时全部抽查\n不可删减"
        );
        assert_eq!(
            conditions(Some(&both), Lang::En),
            "0: 齐全\n0.5\n1: 未说明\nSample: 需求变更记录, at least 5, or all if fewer\nMay not be excluded"
        );
        let sampled = rule(None, true, true);
        assert!(conditions(Some(&sampled), Lang::Zh).starts_with("只按抽样评价"));
        let open = rule(None, false, true);
        assert_eq!(
            conditions(Some(&open), Lang::Zh),
            conditions(None, Lang::Zh)
        );
        assert!(conditions(None, Lang::En).contains("any coefficient from 0 to 1"));
    }

    #[test]
    fn a_range_is_absolute() {
        assert_eq!(absolute(11, 16), "$Q$12");
        assert_eq!(absolute(0, 27), "$AB$1");
    }
}
