//! Problems found in input files, collected rather than stopping at the
//! first, and printed like the compiler's and the toml crate's own errors:
//! the message, `--> file:line:column`, the source line and a caret under
//! the place, then a suggestion (rendered by annotate-snippets, which
//! aligns carets under Chinese text).

use crate::message::t;
use crate::message::{Lang, Text};
use crate::text::floor_char_boundary;
use annotate_snippets::{AnnotationKind, Group, Level, Origin, Renderer, Snippet};
use std::fmt;
use std::ops::Range;

/// Longest parser message kept: they can quote a whole (huge) line.
const MAX_PARSER_MESSAGE_CHARS: usize = 400;

/// One problem found in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Byte range in the file where the problem is, when known.
    pub span: Option<Range<usize>>,
    /// The TOML key path the problem concerns, such as `indicators."4.1.a"`.
    pub key: Option<String>,
    /// What is wrong and what was expected.
    pub message: Text,
    /// A suggestion, such as the nearest valid id or the corrected line
    /// (boxed: most problems have none, and results carrying a problem
    /// stay small).
    pub help: Option<Box<Text>>,
}

impl Diagnostic {
    /// A problem with no location yet.
    pub fn new(message: Text) -> Self {
        Diagnostic {
            span: None,
            key: None,
            message,
            help: None,
        }
    }

    /// Places the problem at a byte range of the file.
    pub fn at(mut self, span: Range<usize>) -> Self {
        self.span = Some(span);
        self
    }

    /// Places the problem at a byte range of the file, when one is known.
    pub fn at_opt(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    /// Names the key the problem concerns.
    pub fn key(mut self, key: impl Into<String>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// Adds a suggestion.
    pub fn help(mut self, help: Text) -> Self {
        self.help = Some(Box::new(help));
        self
    }
}

/// A [`Diagnostic`] with its line and column resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// 1-based line and character column, when the span is known.
    pub position: Option<(usize, usize)>,
    /// The source line the problem starts on, and the problem's byte range
    /// within it (kept so the error can be shown without the whole file).
    pub excerpt: Option<(String, Range<usize>)>,
    /// The problem.
    pub diagnostic: Diagnostic,
}

/// Longest source line shown under a message. The renderer shortens what
/// it shows of a long line itself, and gets the column right only when it
/// has the line from its start: a longer line is not shown, only its line
/// and column are (a window of it would give a wrong column, and a hundred
/// problems on lines of megabytes would copy and map each of them).
const MAX_EXCERPT_BYTES: usize = 64 * 1024;

/// The line holding `span.start`, and the span's range within it (cut to
/// the line); `None` for a line over [`MAX_EXCERPT_BYTES`].
fn excerpt(source: &str, span: &Range<usize>) -> Option<(String, Range<usize>)> {
    let start = floor_char_boundary(source, span.start.min(source.len()));
    let line_start = source[..start].rfind('\n').map_or(0, |at| at + 1);
    let line_end = source[start..]
        .find('\n')
        .map_or(source.len(), |at| start + at);
    if line_end - line_start > MAX_EXCERPT_BYTES {
        return None;
    }
    let (from, to) = (line_start, line_end);
    let line = source.get(from..to)?.trim_end_matches('\r').to_string();
    let local_start = start - from;
    let local_end = span
        .end
        .clamp(start, to)
        .saturating_sub(from)
        .max(local_start);
    let local_end = floor_char_boundary(&line, local_end.min(line.len()));
    let local_start = local_start.min(local_end);
    // The line is shown, not obeyed: control characters become visible, and
    // the caret moves with the text they turn into.
    let (line, map) = crate::text::visible_mapped(&line, false);
    Some((line, map[local_start]..map[local_end]))
}

/// Every problem found in one input file. Exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file as the user named it (`-` for standard input).
    pub file: String,
    /// The problems, in the order they occur in the file: the first
    /// [`MAX_REPORTED`] of them.
    pub problems: Vec<Located>,
    /// How many more problems the file has.
    pub omitted: usize,
}

/// Problems reported per file; past these a file is counted, not listed,
/// so that a broken or hostile file cannot flood the terminal or take
/// time in proportion to its problems squared.
pub const MAX_REPORTED: usize = 100;

impl InputError {
    /// Orders the problems by position and resolves the spans of the first
    /// [`MAX_REPORTED`] against `source`; the rest are only counted. Work is
    /// linear in the file's size whatever the number of problems.
    pub fn new(file: impl Into<String>, source: &str, mut diagnostics: Vec<Diagnostic>) -> Self {
        // By byte offset: line, then column. Problems without a place first.
        diagnostics.sort_by_key(|d| d.span.as_ref().map(|span| span.start));
        // The parser can report one unclosed bracket once per nesting level.
        diagnostics.dedup_by(|a, b| {
            a.span.as_ref().map(|s| s.start) == b.span.as_ref().map(|s| s.start)
                && a.key == b.key
                && a.message == b.message
        });
        let omitted = diagnostics.len().saturating_sub(MAX_REPORTED);
        diagnostics.truncate(MAX_REPORTED);
        let lines = LineIndex::new(source);
        let problems = diagnostics
            .into_iter()
            .map(|diagnostic| Located {
                position: (diagnostic.span.as_ref())
                    .map(|span| lines.line_column(source, span.start)),
                excerpt: (diagnostic.span.as_ref()).and_then(|span| excerpt(source, span)),
                diagnostic,
            })
            .collect();
        InputError {
            file: file.into(),
            problems,
            omitted,
        }
    }

    /// Adds problems that were counted but never built.
    pub fn with_omitted(mut self, more: usize) -> Self {
        self.omitted += more;
        self
    }

    /// A problem with the file as a whole (unreadable, not found).
    pub fn whole_file(file: impl Into<String>, message: Text) -> Self {
        InputError::new(file, "", vec![Diagnostic::new(message)])
    }

    /// Adds a suggestion to a whole-file problem.
    pub fn with_help(mut self, help: Text) -> Self {
        if let Some(problem) = self.problems.first_mut() {
            problem.diagnostic.help = Some(Box::new(help));
        }
        self
    }

    /// How many problems the file has, listed or not.
    pub fn count(&self) -> usize {
        self.problems.len() + self.omitted
    }

    /// The problems as the compiler prints its errors, in `lang`, ending
    /// with a line that counts them.
    pub fn render(&self, lang: Lang) -> String {
        let error = match lang {
            Lang::Zh => Level::ERROR.with_name("错误"),
            Lang::En => Level::ERROR,
        };
        let mut out = self.rendered(lang, error);
        out.push_str(self.count_line().get(lang));
        out
    }

    /// The problems as the compiler prints its warnings (警告 / warning),
    /// ending with a line that counts them: doubts about a file that is
    /// still read (a 评分细则's).
    pub fn render_as_warnings(&self, lang: Lang) -> String {
        let warning = match lang {
            Lang::Zh => Level::WARNING.with_name("警告"),
            Lang::En => Level::WARNING,
        };
        let mut out = self.rendered(lang, warning);
        out.push_str(self.warning_count_line().get(lang));
        out
    }

    /// Each problem headed at `level`, its place, excerpt and help, with a
    /// blank line after each, as compilers print them.
    fn rendered(&self, lang: Lang, level: Level<'_>) -> String {
        let renderer = Renderer::plain();
        let help = match lang {
            Lang::Zh => Level::HELP.with_name("提示"),
            Lang::En => Level::HELP,
        };
        let mut out = String::new();
        for problem in &self.problems {
            let diagnostic = &problem.diagnostic;
            let message = diagnostic.message.get(lang).trim_end();
            let title = match (&diagnostic.key, lang) {
                (Some(key), Lang::Zh) => format!("{key}：{message}"),
                (Some(key), Lang::En) => format!("{key}: {message}"),
                (None, _) => message.to_string(),
            };
            let mut group = Group::with_title(level.clone().primary_title(title));
            group = match (&problem.position, &problem.excerpt) {
                (Some((line, _)), Some((text, range))) => group.element(
                    Snippet::source(text.as_str())
                        .line_start(*line)
                        .path(self.file.as_str())
                        .annotation(AnnotationKind::Primary.span(range.clone())),
                ),
                (Some((line, column)), None) => group.element(
                    Origin::path(self.file.as_str())
                        .line(*line)
                        .char_column(*column),
                ),
                (None, _) => group.element(Origin::path(self.file.as_str())),
            };
            if let Some(text) = &diagnostic.help {
                group = group.element(help.clone().message(text.get(lang)));
            }
            out.push_str(&renderer.render(&[group]));
            out.push_str("\n\n");
        }
        out
    }

    /// "rules.toml：共 2 处警告" / "rules.toml: 2 warnings", saying how many
    /// are listed when not all are.
    fn warning_count_line(&self) -> Text {
        let (file, count) = (&self.file, self.count());
        let plural = if count == 1 { "" } else { "s" };
        let line = t!(
            "{file}：共 {count} 处警告",
            "{file}: {count} warning{plural}"
        );
        self.with_shown(line)
    }

    /// "audit.toml：共 7 处错误" / "audit.toml: 7 errors", saying how many
    /// are listed when not all are.
    fn count_line(&self) -> Text {
        let (file, count) = (&self.file, self.count());
        let plural = if count == 1 { "" } else { "s" };
        let line = t!("{file}：共 {count} 处错误", "{file}: {count} error{plural}");
        self.with_shown(line)
    }

    /// A count `line`, saying how many are listed when not all are.
    fn with_shown(&self, line: Text) -> Text {
        if self.omitted == 0 {
            return line;
        }
        let shown = self.problems.len();
        line.joined(
            ("", ""),
            &t!("（只列出前 {shown} 处）", " (the first {shown} are shown)"),
        )
    }
}

/// English: the command line prints [`InputError::render`] in the
/// chosen language.
impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

impl std::error::Error for InputError {}

/// Where each line of a file starts, found once, so that placing a problem
/// costs a binary search rather than a scan from the file's start.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// The index of `source`'s lines.
    pub fn new(source: &str) -> LineIndex {
        let after_newlines = source.match_indices('\n').map(|(at, _)| at + 1);
        LineIndex {
            starts: std::iter::once(0).chain(after_newlines).collect(),
        }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|start| *start <= offset)
    }

    /// Byte offset where 1-based line `line` starts.
    pub fn start(&self, line: usize) -> usize {
        self.starts[line.clamp(1, self.starts.len()) - 1]
    }

    /// 1-based line and column (in characters, as editors count) of a byte
    /// offset of `source`.
    pub fn line_column(&self, source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let line = self.line(offset);
        let start = self.starts[line - 1];
        (line, source[start..offset].chars().count() + 1)
    }
}

/// A parser's message on one line and of bounded length.
pub fn shorten_parser_message(message: &str) -> String {
    let single_line = message.trim_end().replace('\n', " ");
    if single_line.chars().count() <= MAX_PARSER_MESSAGE_CHARS {
        return single_line;
    }
    let kept: String = single_line.chars().take(MAX_PARSER_MESSAGE_CHARS).collect();
    format!("{kept}…")
}

/// Quotes a TOML key when it is not a bare key, as it would be written in
/// the file: `indicators."4.1.a"`.
pub fn quote_key(key: &str) -> String {
    let bare = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if bare {
        key.to_string()
    } else {
        format!("{key:?}")
    }
}

/// What an "unknown name" message says was expected.
#[derive(Debug, Clone)]
pub enum Expected {
    /// List the known names.
    OneOf,
    /// Too many to list: say where to find them when none is close.
    ListedBy(Text),
}

/// The one message for a name that is not among the known ones: "unknown
/// {what} `{name}`", what was expected, and the known name meant, by
/// meaning or by spelling. `what` is the kind of name in Chinese and in
/// English (`("键", "key")`); a suggestion is taken from `preferred` (the
/// ids an audit is missing, say) before the rest of `known`.
pub fn unknown<'a>(
    what: (&str, &str),
    name: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
    preferred: &[&'a str],
    expected: Expected,
) -> Diagnostic {
    let (what_zh, what_en) = what;
    let shown = crate::text::shortened(name);
    let message = match expected {
        Expected::OneOf => {
            let list: Vec<String> = known
                .clone()
                .into_iter()
                .map(|k| format!("`{k}`"))
                .collect();
            let (zh_list, en_list) = (list.join("、"), list.join(", "));
            t!(
                "未知的{what_zh} `{shown}`，应为以下之一：{zh_list}",
                "unknown {what_en} `{shown}`: expected one of {en_list}"
            )
        }
        Expected::ListedBy(_) => t!("未知的{what_zh} `{shown}`", "unknown {what_en} `{shown}`"),
    };
    let diagnostic = Diagnostic::new(message);
    let suggestion = suggestion(name, known, preferred);
    match (suggestion, expected) {
        (Some(suggestion), _) => diagnostic.help(t!(
            "是否应为 `{suggestion}`？",
            "did you mean `{suggestion}`?"
        )),
        (None, Expected::ListedBy(where_listed)) => diagnostic.help(where_listed),
        (None, Expected::OneOf) => diagnostic,
    }
}

/// The known name that `name` stands for: by meaning, else the closest
/// by spelling among `preferred`, else among all of `known`.
pub fn suggestion<'a>(
    name: &str,
    known: impl IntoIterator<Item = &'a str> + Clone,
    preferred: &[&'a str],
) -> Option<&'a str> {
    meant(name, known.clone())
        .or_else(|| did_you_mean(name, preferred.iter().copied()))
        .or_else(|| did_you_mean(name, known))
}

/// Words people write for bscore's keys: other spellings, other words for
/// the same thing, and the labels of the Appendix A form. A name is
/// suggested by meaning only when the key it stands for is a known one
/// where it was written.
const SYNONYMS: &[(&str, &[&str])] = &[
    (
        "organization",
        &[
            "organisation",
            "org",
            "company",
            "operator",
            "经营者",
            "组织",
        ],
    ),
    ("service", &["service_name", "服务", "服务名称"]),
    (
        "assessors",
        &[
            "assessor",
            "auditor",
            "auditors",
            "reviewers",
            "评价人员",
            "评价人",
        ],
    ),
    (
        "date",
        &["audit_date", "evaluation_date", "评价日期", "日期"],
    ),
    (
        "kind",
        &["type", "audit_type", "audit_kind", "评价类型", "类型"],
    ),
    (
        "cycle_start",
        &["cycle", "cycle_start_date", "start", "周期起始"],
    ),
    ("standard", &["standard_code", "code", "标准"]),
    (
        "coefficient",
        &["coef", "coeff", "deduction", "factor", "扣分系数", "系数"],
    ),
    (
        "sampled",
        &["sample", "samples", "sample_size", "抽样数", "抽样"],
    ),
    (
        "nonconforming",
        &[
            "nonconformity",
            "nonconformities",
            "nonconformance",
            "non_conforming",
            "failed",
            "不符合数",
            "不符合",
        ],
    ),
    (
        "excluded",
        &[
            "exclude",
            "exclusion",
            "excluded_reason",
            "exclusion_reason",
            "not_applicable",
            "删减理由",
            "删减",
            "删减项",
            "不适用理由",
        ],
    ),
    (
        "rejected",
        &[
            "reject",
            "rejection",
            "exclusion_rejected",
            "删减理由不成立",
        ],
    ),
    ("record", &["records", "evidence", "现场评审记录", "记录"]),
    (
        "note",
        &[
            "notes", "comment", "comments", "remark", "remarks", "说明", "备注",
        ],
    ),
    ("finding", &["findings", "description", "发现"]),
    ("practice", &["practices", "best_practice", "最佳实践"]),
    (
        "special_deductions",
        &["special_deduction", "deductions", "special", "特别扣分"],
    ),
    ("bonus", &["bonuses", "加分"]),
    ("indicators", &["indicator", "指标"]),
    // An item of a sample, and a site, as the form's sheets head them; a
    // word may stand for keys of two tables (现场编号: an item's site, a
    // site's id), the one known where it was written being meant.
    (
        "item",
        &["sample", "sample_id", "item_id", "样本", "样本编号"],
    ),
    ("site", &["site_id", "location", "现场", "现场编号"]),
    (
        "conforms",
        &[
            "conform",
            "conforming",
            "conformity",
            "ok",
            "pass",
            "符合",
            "是否符合",
        ],
    ),
    ("samples", &["items", "sample_items", "样本"]),
    (
        "population",
        &["population_size", "total", "总体", "总体数量", "总数"],
    ),
    ("drawn", &["draw", "drawing", "抽样方式"]),
    ("seed", &["random_seed", "种子"]),
    ("from", &["list", "pool", "file", "清单", "清单文件"]),
    (
        "sha256",
        &["sha", "sha_256", "digest", "hash", "清单_sha_256"],
    ),
    ("id", &["site_id", "编号", "现场编号"]),
    ("name", &["site_name", "名称", "现场名称"]),
    ("sites", &["site", "现场"]),
];

/// The known key that `name` means, by [`SYNONYMS`]: of the keys it
/// may stand for, the first that is known.
pub(crate) fn meant<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lowered = name.trim().to_lowercase().replace(['-', ' '], "_");
    let canonical: Vec<&str> = (SYNONYMS.iter())
        .filter(|(_, words)| words.contains(&lowered.as_str()))
        .map(|(key, _)| *key)
        .collect();
    let known: Vec<&'a str> = known.into_iter().collect();
    (canonical.iter()).find_map(|canonical| known.iter().copied().find(|key| key == canonical))
}

/// The candidate closest to `input` by edit distance (a swap of two
/// neighbouring letters counting as one edit), if it is close enough to
/// be a plausible typo.
///
/// The distance between two texts is at least the difference of their
/// lengths, so a candidate whose length alone puts it past the limit is
/// never measured: the edit distance costs the product of the lengths,
/// and a mistyped id of a megabyte would otherwise be compared in full
/// with every id of the checklist (seconds per id). What is measured is
/// therefore at most about one and a half times the longest candidate.
pub fn did_you_mean<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let length = input.chars().count();
    let limit = (length / 3).max(1);
    candidates
        .into_iter()
        .filter(|candidate| length.abs_diff(candidate.chars().count()) <= limit)
        .map(|candidate| (strsim::damerau_levenshtein(input, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, candidate)| candidate)
}

/// Every key of `table` (at `path`) not among `known`, told at its key in
/// file order: with `detailed`'s message (the key meant) while it gives
/// one, plainly after, so that a file of a million stray keys costs a
/// million short messages, not a million searches. The 细则 and the plan
/// read their tables' keys with it.
pub(crate) fn unknown_keys(
    table: &toml::de::DeTable<'_>,
    path: &str,
    known: &[&'static str],
    mut detailed: impl FnMut(&str) -> Option<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut strays: Vec<_> = (table.keys())
        .filter(|key| !known.contains(&key.get_ref().as_ref()))
        .collect();
    strays.sort_by_key(|key| key.span().start);
    (strays.into_iter())
        .map(|key| {
            let name = key.get_ref().as_ref();
            let problem = detailed(name).unwrap_or_else(|| {
                let shown = crate::text::shortened(name);
                Diagnostic::new(t!("未知的键 `{shown}`", "unknown key `{shown}`"))
            });
            problem
                .at(key.span())
                .key(format!("{path}.{}", quote_key(name)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let source = "a = 1\n经营者 = 2\n";
        let offset = source.find('2').unwrap();
        assert_eq!(LineIndex::new(source).line_column(source, offset), (2, 7));
    }

    #[test]
    fn problems_are_ordered_by_position() {
        let source = "a\nb\nc\n";
        let error = InputError::new(
            "f.toml",
            source,
            vec![
                Diagnostic::new(t!("第三", "third")).at(4..5),
                Diagnostic::new(t!("第一", "first")).at(0..1),
            ],
        );
        let text = error.to_string();
        assert!(
            text.find("first").unwrap() < text.find("third").unwrap(),
            "{text}"
        );
        assert!(text.starts_with("error: first\n --> f.toml:1:1"), "{text}");
        assert!(text.ends_with("f.toml: 2 errors"), "{text}");
        let chinese = error.render(Lang::Zh);
        assert!(
            chinese.starts_with("错误: 第一\n --> f.toml:1:1"),
            "{chinese}"
        );
        assert!(chinese.ends_with("f.toml：共 2 处错误"), "{chinese}");
    }

    #[test]
    fn problems_on_one_line_are_ordered_by_column() {
        let source = "a = 1, b = 2\n";
        let error = InputError::new(
            "f.toml",
            source,
            vec![
                Diagnostic::new(t!("右", "right")).at(7..8),
                Diagnostic::new(t!("左", "left")).at(0..1),
            ],
        );
        let text = error.to_string();
        assert!(
            text.find("left").unwrap() < text.find("right").unwrap(),
            "{text}"
        );
        assert_eq!(error.problems[0].position, Some((1, 1)));
        assert_eq!(error.problems[1].position, Some((1, 8)));
    }

    #[test]
    fn suggestions_are_close_ids_only() {
        let ids = ["4.1.a", "4.3.d.1", "5.8.1"];
        assert_eq!(did_you_mean("4.3.d1", ids), Some("4.3.d.1"));
        assert_eq!(did_you_mean("4.1.A", ids), Some("4.1.a"));
        assert_eq!(did_you_mean("zzzzzz", ids), None);
    }

    #[test]
    fn suggestions_by_meaning_and_by_swapped_letters() {
        let keys = ["coefficient", "sampled", "excluded", "record"];
        let help = |name: &str| {
            unknown(("键", "key"), name, keys, &[], Expected::OneOf)
                .help
                .map(|help| help.en)
        };
        assert_eq!(help("exclude").as_deref(), Some("did you mean `excluded`?"));
        assert_eq!(
            help("删减理由").as_deref(),
            Some("did you mean `excluded`?")
        );
        assert_eq!(help("recrod").as_deref(), Some("did you mean `record`?"));
        assert_eq!(help("organisation"), None, "not a key of this table");
        assert_eq!(did_you_mean("bouns", ["bonus", "audit"]), Some("bonus"));
    }

    #[test]
    fn suggestions_prefer_what_is_missing() {
        let ids = ["4.3.a", "4.3.b"];
        let help = unknown(
            ("指标编号", "indicator id"),
            "4.3.x",
            ids,
            &["4.3.b"],
            Expected::OneOf,
        )
        .help
        .unwrap();
        assert_eq!(help.en, "did you mean `4.3.b`?");
        assert_eq!(help.zh, "是否应为 `4.3.b`？");
    }

    #[test]
    fn keys_are_quoted_when_not_bare() {
        assert_eq!(quote_key("organization"), "organization");
        assert_eq!(quote_key("4.1.a"), "\"4.1.a\"");
    }
}
