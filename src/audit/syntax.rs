//! Reading a TOML file that the parser cannot read: every syntax error in
//! it, worded for assessors (and the Chinese-keyboard slips among them
//! named and corrected, see [`super::slips`]), keys defined twice with
//! both lines, and the file with its broken lines set aside, so that the
//! rest of it can still be checked.

use super::slips;
use crate::diagnostic::{Diagnostic, LineIndex, MAX_REPORTED};
use crate::message::Text;
use crate::message::t;
use std::ops::Range;

/// What the syntax pass found.
pub(crate) struct Syntax {
    /// The first [`MAX_REPORTED`] syntax problems.
    pub(crate) problems: Vec<Diagnostic>,
    /// How many there are in all.
    pub(crate) count: usize,
    /// The file with every broken line blanked (offsets unchanged), when
    /// what is left is valid TOML and no table header was broken.
    pub(crate) repaired: Option<String>,
    /// The keys of the blanked lines: their values are wrong, not missing.
    pub(crate) set_aside: Vec<String>,
}

/// Rounds of setting lines aside before giving up on the rest of a file:
/// a line set aside can open the way to an error further on (an array
/// left open), rarely more than twice.
const REPAIR_ROUNDS: usize = 8;

/// Every syntax problem of `source`, and the rest of it to check.
pub(crate) fn check(source: &str) -> Syntax {
    let (errors, duplicates, count) = grammar_errors(source);
    described(source, &errors, duplicates, count)
}

/// The syntax problems of a large file when there are more than are
/// listed: then the file is not parsed in full.
pub(crate) fn too_many(source: &str) -> Option<Syntax> {
    let (errors, duplicates, count) = grammar_errors(source);
    (count > MAX_REPORTED).then(|| described(source, &errors, duplicates, count))
}

/// The problems found by the grammar pass in the assessor's words, with
/// what only the toml crate refuses and the file repaired, when there are
/// few enough to list.
fn described(
    source: &str,
    errors: &[toml_parser::ParseError],
    duplicates: Vec<Duplicate>,
    count: usize,
) -> Syntax {
    let lines = LineIndex::new(source);
    let mut problems = Vec::new();
    let mut broken: Vec<usize> = Vec::new();
    for error in errors {
        let span = error
            .unexpected()
            .map_or(0..0, |span| span.start()..span.end());
        let line = lines.line(span.start);
        // One problem a line: the parser's later ones on it follow from
        // the first.
        if broken.contains(&line) {
            continue;
        }
        broken.push(line);
        let section = section_of(source, &lines, line);
        match slips::on_broken_line(line_text(source, &lines, line), section.as_deref()) {
            Some(slip) => {
                let help = slip.help();
                problems.push(Diagnostic::new(slip.message).at(span).help(help));
            }
            None if let Some(slip) = slips::on_element_line(line_text(source, &lines, line)) => {
                let help = slip.help();
                problems.push(Diagnostic::new(slip.message).at(span).help(help));
            }
            None if let Some(fixed) = (line.checked_sub(1)).and_then(|before| {
                slips::full_width_comma_at_end(line_text(source, &lines, before))
            }) =>
            {
                problems.push(
                    Diagnostic::new(t!(
                        "上一行末尾用了全角逗号「，」（中文输入法）：列表的元素之间须用半角逗号 ,",
                        "the line before ends with a full-width comma `，` (typed with a Chinese input method): a list's elements are separated by a half-width `,`"
                    ))
                    .at(span)
                    .help(t!("上一行改为 {fixed}", "write the line before as {fixed}")),
                );
            }
            None => {
                let mut problem = Diagnostic::new(grammar_message(error));
                let help = match error.description() {
                    "invalid unquoted key" => key_in_chinese(&source[span.start..]),
                    "string values must be quoted" => flag_in_words(&source[..span.start]),
                    _ => None,
                };
                if let Some(help) = help {
                    problem = problem.help(help);
                }
                problems.push(problem.at(span));
            }
        }
    }
    for duplicate in duplicates {
        let key = source.get(duplicate.span.clone()).unwrap_or_default();
        let key = crate::input::shortened(key);
        let first_line = lines.line(duplicate.first);
        let line = lines.line(duplicate.span.start);
        broken.push(line);
        problems.push(
            Diagnostic::new(t!(
                "`{key}` 重复出现：第 {first_line} 行已经写过",
                "`{key}` is written twice: it is already on line {first_line}"
            ))
            .at(duplicate.span)
            .help(t!(
                "保留一处，删去另一处（第 {first_line} 行或第 {line} 行）",
                "keep one of them and delete the other (line {first_line} or line {line})"
            )),
        );
    }
    // What the toml crate refuses beyond the grammar (a date that is not
    // in the calendar, say), on lines not already reported.
    let toml_errors = match count <= MAX_REPORTED {
        true => toml::de::DeTable::parse_recoverable(source).1,
        false => Vec::new(),
    };
    let mut refused = 0;
    for error in &toml_errors {
        let Some(span) = error.span() else { continue };
        let line = lines.line(span.start);
        if broken.contains(&line) || error.message().contains("duplicate key") {
            continue;
        }
        broken.push(line);
        refused += 1;
        problems.push(Diagnostic::new(toml_message(error.message())).at(span));
    }
    let count = count + refused;
    let (repaired, set_aside) = if count <= MAX_REPORTED {
        repair(source, &lines, broken)
    } else {
        (None, Vec::new())
    };
    Syntax {
        problems,
        count,
        repaired,
        set_aside,
    }
}

/// The table header above 1-based line `line` (`indicators` for a line
/// under `[indicators]`, `special_deductions` under
/// `[[special_deductions]]`), quotes and spaces as written; `None` before
/// any header.
fn section_of(source: &str, lines: &LineIndex, line: usize) -> Option<String> {
    (1..line).rev().find_map(|above| {
        let text = line_text(source, lines, above).trim_start();
        let header = text.strip_prefix('[')?;
        let header = header.strip_prefix('[').unwrap_or(header);
        let end = header.find(']')?;
        let name: String = header[..end]
            .split('.')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join(".");
        Some(name)
    })
}

/// The text of 1-based line `line`, without its line break.
fn line_text<'s>(source: &'s str, lines: &LineIndex, line: usize) -> &'s str {
    let start = lines.start(line);
    let end = source[start..]
        .find('\n')
        .map_or(source.len(), |at| start + at);
    source[start..end].trim_end_matches('\r')
}

/// `source` with the `broken` lines blanked, and then whatever lines the
/// toml crate still cannot read, until it can; `None` when a table
/// header is among them (the keys under it would land in another table)
/// or it never settles.
fn repair(
    source: &str,
    lines: &LineIndex,
    mut broken: Vec<usize>,
) -> (Option<String>, Vec<String>) {
    let mut text = source.as_bytes().to_vec();
    let mut set_aside = Vec::new();
    for _ in 0..REPAIR_ROUNDS {
        broken.sort_unstable();
        broken.dedup();
        for &line in &broken {
            let original = line_text(source, lines, line);
            if original.trim_start().starts_with(['[', '［', '【']) {
                return (None, set_aside);
            }
            if let Some(key) = key_of(original) {
                set_aside.push(key);
            }
            let start = lines.start(line);
            for byte in &mut text[start..start + original.len()] {
                *byte = b' ';
            }
        }
        // Blanking whole lines of a valid UTF-8 text keeps it valid.
        let Ok(repaired) = String::from_utf8(text.clone()) else {
            return (None, set_aside);
        };
        let (_, errors) = toml::de::DeTable::parse_recoverable(&repaired);
        if errors.is_empty() {
            return (Some(repaired), set_aside);
        }
        let before = broken.len();
        broken.extend(
            errors
                .iter()
                .filter_map(|error| error.span())
                .map(|span| lines.line(span.start)),
        );
        broken.sort_unstable();
        broken.dedup();
        if broken.len() == before {
            break;
        }
    }
    (None, set_aside)
}

/// The key a broken `key = value` line assigns, as it would be read had
/// it been typed right: full-width quotes and all.
fn key_of(line: &str) -> Option<String> {
    let (key, _) = line.split_once(['=', '＝'])?;
    let key = key
        .trim()
        .trim_matches(['"', '\'', '“', '”', '‘', '’', '＂', '＇'])
        .trim();
    (!key.is_empty()).then(|| key.to_string())
}

/// An error only the toml crate reports, in the assessor's words.
fn toml_message(message: &str) -> Text {
    let first = crate::diagnostic::shorten_parser_message(message);
    let lowered = first.to_lowercase();
    if ["date", "day", "month", "time", "offset"]
        .iter()
        .any(|word| lowered.contains(word))
    {
        return t!(
            "日期无效：日历上没有这一天，或不是 2026-03-15 这样的写法",
            "invalid date: no such day in the calendar, or not written like 2026-03-15"
        );
    }
    t!("此处不符合 TOML 语法", "TOML syntax error: {first}")
}

/// The key meant by a key written in Chinese at the start of `rest` (`现场
/// = "bj"`, `符合 = true`: the form's headings, typed as keys), by the
/// words people write for keys (`diagnostic::meant`), said as the line
/// to write: a bare Chinese key is refused by TOML, and quoting it, as
/// the error alone suggests, gives an unknown key.
fn key_in_chinese(rest: &str) -> Option<Text> {
    let written: String = (rest.chars())
        .take_while(|c| !matches!(c, '=' | ',' | '}' | '\n') && !c.is_whitespace())
        .collect();
    if written.is_ascii() {
        return None;
    }
    // An item's keys first: a bare Chinese key is most often one of the
    // samples sheet's headings.
    let tables = [
        &super::format::SAMPLE,
        &super::format::SITE,
        &super::format::DRAWN,
        &super::format::INDICATOR,
        &super::format::AUDIT,
    ];
    let keys = tables
        .iter()
        .flat_map(|table| table.keys.iter().map(|key| key.name));
    let name = crate::diagnostic::meant(&written, keys)?;
    Some(t!(
        "键名用英文：把 {written} 改为 {name}",
        "keys are written in English: write {name} for {written}"
    ))
}

/// The line meant by `conforms = 是` (a yes or no in words, unquoted),
/// when the text before the refused value ends with `conforms =`.
fn flag_in_words(before: &str) -> Option<Text> {
    let before = before.trim_end().strip_suffix('=')?.trim_end();
    let key = before.rsplit(['{', ',', ' ', '\n']).next()?;
    (key == "conforms").then(|| {
        t!(
            "是否符合写 true（符合）或 false（不符合），不加引号：如 conforms = true",
            "conforms is true or false, without quotes: conforms = true"
        )
    })
}

/// A grammar error in the assessor's words.
// A table of wordings, one arm per error of the grammar, rather than
// logic: it stays one function so that each wording sits beside the
// error it translates.
fn grammar_message(error: &toml_parser::ParseError) -> Text {
    let (zh, en): (&str, &str) = match error.description() {
        "invalid unquoted key" => (
            "键名无效：含点号、空格或中文的键名须加英文双引号，如 \"4.1.a\"",
            "invalid key: a key with points, spaces or Chinese must be in double quotes, such as \"4.1.a\"",
        ),
        "string values must be quoted" => (
            "无法识别的值：文字须加英文双引号，数字和日期不加引号，一行只写一个值",
            "a value that cannot be read: text goes in double quotes, numbers and dates without, one value a line",
        ),
        "missing assignment between key-value pairs" | "key with no value" => (
            "缺少等号 =：每行写成 键 = 值",
            "missing `=`: write each line as key = value",
        ),
        "missing value" | "missing value for key" => ("等号后缺少值", "missing value after `=`"),
        "unclosed table" | "unclosed array table" => (
            "表头缺少右方括号 ]",
            "the table header is missing its closing `]`",
        ),
        "unclosed array" => ("数组缺少右方括号 ]", "the array is missing its closing `]`"),
        "unclosed inline table" => (
            "花括号 { } 须在同一行内闭合",
            "an inline table `{ }` must close on the same line",
        ),
        "missing comma between array elements" => (
            "数组元素之间缺少英文逗号 ,",
            "missing `,` between array elements",
        ),
        "missing comma between key-value pairs" => (
            "花括号内的各项之间缺少英文逗号 ,",
            "missing `,` between the entries of an inline table",
        ),
        "extra comma in inline table" => (
            "花括号内最后一项后面多了逗号",
            "a comma after the last entry of an inline table",
        ),
        "extra comma in array" => ("数组中多了逗号", "an extra comma in the array"),
        "invalid basic string" | "invalid multi-line basic string" | "missing escaped value" => (
            "字符串无效：缺少结尾的双引号，或反斜杠 \\ 后不是合法的转义（路径请写成 / 或 \\\\）",
            "invalid string: a closing quote is missing, or a backslash starts no valid escape (write paths with / or \\\\)",
        ),
        "unexpected leading zero" => ("数字不能以 0 开头", "a number cannot start with 0"),
        "unexpected key or value"
        | "unexpected content"
        | "unexpected content between comment and newline" => (
            "此处有多余的内容：每行只写一个 键 = 值",
            "unexpected content: write one key = value per line",
        ),
        "extra assignment between key-value pairs" | "extra `=`" => {
            ("多了一个等号 =", "an extra `=`")
        }
        "carriage return must be followed by newline" => (
            "行中有单独的回车符",
            "a carriage return not followed by a newline",
        ),
        "cannot recurse further; max recursion depth met" => ("嵌套层数过多", "nested too deeply"),
        "invalid mantissa"
        | "invalid fraction"
        | "invalid exponent"
        | "invalid float"
        | "invalid integer"
        | "`_` may only go between digits"
        | "redundant numeric sign"
        | "unexpected sign" => (
            "数字写得不完整或不对：小数点前后都要有数字，如 0.5",
            "an incomplete or malformed number: write digits on both sides of the point, such as 0.5",
        ),
        "invalid boolean" => ("应写 true 或 false", "write true or false"),
        "invalid key" | "unquoted keys cannot be empty" => {
            ("键名无效或为空", "an invalid or empty key")
        }
        "invalid table" => (
            "表头无效：写成 [表名]",
            "an invalid table header: write [name]",
        ),
        "invalid string" | "invalid value" | "missing opening quote" => (
            "值无效：文字用英文双引号括起来，数字和日期不加引号",
            "an invalid value: text goes in double quotes, numbers and dates without",
        ),
        "invalid comment character" | "missing comment start" => (
            "注释中有不允许的控制字符",
            "a control character that is not allowed in a comment",
        ),
        other => return t!("此处不符合 TOML 语法", "TOML syntax error: {other}"),
    };
    Text::new(zh, en)
}

/// The syntax errors of a document: the first [`MAX_REPORTED`] grammar
/// errors (grammar, malformed keys and scalars) and keys defined twice,
/// and how many there are in all. The toml crate's recoverable parse keeps
/// an error object for every broken line, which for a 4 MiB file of
/// millions of them costs seconds and gigabytes; this pass keeps only
/// what can be shown.
fn grammar_errors(text: &str) -> (Vec<toml_parser::ParseError>, Vec<Duplicate>, usize) {
    use toml_parser::parser::{RecursionGuard, ValidateWhitespace, parse_document};
    let source = toml_parser::Source::new(text);
    let tokens = source.lex().into_vec();
    let mut first = Vec::new();
    let mut count = 0;
    let mut sink = |error: toml_parser::ParseError| {
        count += 1;
        if first.len() < MAX_REPORTED {
            first.push(error);
        }
    };
    let mut events = Decoding::new(source);
    let mut receiver = ValidateWhitespace::new(&mut events, source);
    // The toml crate's own nesting limit.
    let mut receiver = RecursionGuard::new(&mut receiver, 80);
    parse_document(&tokens, &mut receiver, &mut sink);
    let duplicates = std::mem::take(&mut events.duplicates);
    (first, duplicates, count + events.duplicate_count)
}

/// A key or table defined a second time.
struct Duplicate {
    /// Where the second definition's key is.
    span: Range<usize>,
    /// Where the first one starts.
    first: usize,
}

/// Decodes every key and scalar as it is parsed, reporting malformed
/// strings, numbers and dates, and counts keys and tables defined twice,
/// without building the document.
struct Decoding<'s> {
    source: toml_parser::Source<'s>,
    /// Depth inside inline tables and arrays, whose keys are not tracked.
    depth: usize,
    /// Whether a `[table]` or `[[table]]` header is being read.
    in_header: bool,
    /// The current table: its header's decoded name (and, for an array of
    /// tables, the instance).
    table: String,
    /// The key being read, decoded, its parts joined.
    key: String,
    /// Where that key starts and ends.
    key_span: Option<(usize, usize)>,
    /// Every table and key defined so far, and where it was first.
    seen: std::collections::HashMap<String, usize>,
    /// Keys and tables defined twice: the first [`MAX_REPORTED`] of them.
    duplicates: Vec<Duplicate>,
    /// How many keys and tables are defined twice.
    duplicate_count: usize,
    /// Instances of arrays of tables, to tell their keys apart.
    instances: usize,
}

impl<'s> Decoding<'s> {
    fn new(source: toml_parser::Source<'s>) -> Self {
        Decoding {
            source,
            depth: 0,
            in_header: false,
            table: String::new(),
            key: String::new(),
            key_span: None,
            seen: std::collections::HashMap::new(),
            duplicates: Vec::new(),
            duplicate_count: 0,
            instances: 0,
        }
    }

    fn raw(
        &self,
        span: toml_parser::Span,
        encoding: Option<toml_parser::decoder::Encoding>,
    ) -> Option<toml_parser::Raw<'s>> {
        let text = self.source.input().get(span.start()..span.end())?;
        Some(toml_parser::Raw::new_unchecked(text, encoding, span))
    }

    /// Records a name defined twice (allocating only for new names: a
    /// file of a million repeats is the case this pass exists for).
    fn once(&mut self, name: &str, span: (usize, usize)) {
        if let Some(first) = self.seen.get(name) {
            self.duplicate_count += 1;
            if self.duplicates.len() < MAX_REPORTED {
                self.duplicates.push(Duplicate {
                    span: span.0..span.1,
                    first: *first,
                });
            }
        } else {
            self.seen.insert(name.to_string(), span.0);
        }
    }
}

impl toml_parser::parser::EventReceiver for Decoding<'_> {
    fn std_table_open(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.in_header = true;
        self.key.clear();
        self.key_span = None;
    }

    fn std_table_close(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.in_header = false;
        // Within the current array-of-tables instance: `[x.y]` may follow
        // every `[[x]]`.
        self.table = format!("{}#{}", std::mem::take(&mut self.key), self.instances);
        if let Some(span) = self.key_span.take() {
            let name = format!("[{}]", self.table);
            self.once(&name, span);
        }
    }

    fn array_table_open(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.in_header = true;
        self.key.clear();
        self.key_span = None;
    }

    fn array_table_close(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.in_header = false;
        self.instances += 1;
        self.table = format!("{}#{}", std::mem::take(&mut self.key), self.instances);
        self.key_span = None;
    }

    fn inline_table_open(
        &mut self,
        _: toml_parser::Span,
        _: &mut dyn toml_parser::ErrorSink,
    ) -> bool {
        self.depth += 1;
        true
    }

    fn inline_table_close(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn array_open(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) -> bool {
        self.depth += 1;
        true
    }

    fn array_close(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        self.depth = self.depth.saturating_sub(1);
    }

    fn simple_key(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<toml_parser::decoder::Encoding>,
        error: &mut dyn toml_parser::ErrorSink,
    ) {
        let Some(raw) = self.raw(span, encoding) else {
            return;
        };
        let mut name = String::new();
        raw.decode_key(&mut name, error);
        if self.depth == 0 {
            if !self.key.is_empty() {
                self.key.push('\u{0}');
            }
            self.key.push_str(&name);
            let start = self.key_span.map_or(span.start(), |(start, _)| start);
            self.key_span = Some((start, span.end()));
        }
    }

    fn key_val_sep(&mut self, _: toml_parser::Span, _: &mut dyn toml_parser::ErrorSink) {
        if self.depth == 0 && !self.in_header {
            if let Some(span) = self.key_span.take() {
                let mut name = std::mem::take(&mut self.table);
                let table_length = name.len();
                name.push('\u{1}');
                name.push_str(&self.key);
                self.once(&name, span);
                name.truncate(table_length);
                self.table = name;
            }
            self.key.clear();
        }
    }

    fn scalar(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<toml_parser::decoder::Encoding>,
        error: &mut dyn toml_parser::ErrorSink,
    ) {
        if let Some(raw) = self.raw(span, encoding) {
            let _ = raw.decode_scalar(&mut (), error);
        }
    }
}
