//! Text that is not yet what the assessor must write: a placeholder left
//! as it was (`"?"`, `"（删减理由）"`, `"TODO"`), or an exclusion's reason
//! that only says it is one (`"不适用"`). Validation refuses them, and the
//! JSON Schema and the form's formulas are written from the same lists.

/// The words that say "excluded" with no reason (compared in lower case).
const EXCLUSION_WORDS: [&str; 9] = [
    "excluded",
    "exclude",
    "exclusion",
    "n/a",
    "na",
    "not applicable",
    "删减",
    "不适用",
    "排除",
];

/// Whether a value says "excluded" with no reason.
pub(super) fn means_excluded(value: &str) -> bool {
    EXCLUSION_WORDS.contains(&value.trim().to_lowercase().as_str())
}

/// The brackets a placeholder's description is written in: `（删减理由）`,
/// `(the reason)`, `【…】`, `<原因>`.
const PLACEHOLDER_BRACKETS: [(char, char); 9] = [
    ('（', '）'),
    ('(', ')'),
    ('【', '】'),
    ('<', '>'),
    ('＜', '＞'),
    ('〈', '〉'),
    ('[', ']'),
    ('［', '］'),
    ('〔', '〕'),
];

/// The marks that, alone, hold a place: `?`, `…`, `---`.
const PLACEHOLDER_MARKS: [char; 11] = ['?', '？', '…', '.', '。', '·', '-', '—', '_', '*', ' '];

/// Labels written where the text itself belongs (compared in lower case).
const PLACEHOLDER_LABELS: [&str; 12] = [
    "删减理由",
    "理由",
    "原因",
    "说明",
    "待填",
    "待填写",
    "待补充",
    "reason",
    "the reason",
    "todo",
    "tbd",
    "xxx",
];

/// Whether `text` is a placeholder left as it was, not words of the
/// assessor's: question marks or an ellipsis alone (`"?"`, `"…"`), the
/// template's and the hints' bracketed descriptions (`（删减理由）`,
/// `(the reason)`, `【…】`, `<…>`), or a bare label such as `删减理由`.
pub(crate) fn is_placeholder(text: &str) -> bool {
    let text = text.trim();
    let marks_only = !text.is_empty() && text.chars().all(|c| PLACEHOLDER_MARKS.contains(&c));
    let bracketed = PLACEHOLDER_BRACKETS.iter().any(|(open, close)| {
        text.strip_prefix(*open)
            .and_then(|inner| inner.strip_suffix(*close))
            .is_some_and(|inner| !inner.contains([*open, *close]))
    });
    marks_only || bracketed || PLACEHOLDER_LABELS.contains(&text.to_lowercase().as_str())
}

/// What [`is_placeholder`] refuses, for the form's formulas to refuse it
/// too: the marks that alone hold a place, the brackets of a description,
/// the bare labels; and the words an exclusion's reason may not be alone.
pub(crate) struct PlaceholderRules {
    /// `?`, `…`, `-` and the like.
    pub marks: &'static [char],
    /// `（` `）` and the other pairs.
    pub brackets: &'static [(char, char)],
    /// 删减理由, TODO and the like, in lower case.
    pub labels: &'static [&'static str],
    /// 不适用, N/A and the like, in lower case.
    pub exclusion_words: &'static [&'static str],
}

/// The lists behind [`is_placeholder`] and the exclusion words.
pub(crate) const PLACEHOLDER_RULES: PlaceholderRules = PlaceholderRules {
    marks: &PLACEHOLDER_MARKS,
    brackets: &PLACEHOLDER_BRACKETS,
    labels: &PLACEHOLDER_LABELS,
    exclusion_words: &EXCLUSION_WORDS,
};

/// The regular expressions (ECMA-262, as JSON Schema has them) of the
/// texts [`is_placeholder`] refuses, for the JSON Schema to refuse them
/// too: one for marks, one for each bracket, one for the labels.
pub(crate) fn placeholder_patterns() -> Vec<String> {
    let marks: String = PLACEHOLDER_MARKS.iter().map(|c| class_char(*c)).collect();
    let mut patterns = vec![format!("^\\s*[{marks}]+\\s*$")];
    for (open, close) in PLACEHOLDER_BRACKETS {
        let (o, c) = (literal(open), literal(close));
        let (io, ic) = (class_char(open), class_char(close));
        patterns.push(format!("^\\s*{o}[^{io}{ic}]*{c}\\s*$"));
    }
    let labels: Vec<String> = PLACEHOLDER_LABELS
        .iter()
        .map(|label| any_case(label))
        .collect();
    patterns.push(format!("^\\s*({})\\s*$", labels.join("|")));
    patterns
}

/// The pattern of the words an exclusion's reason may not be alone.
pub(crate) fn exclusion_word_pattern() -> String {
    let words: Vec<String> = EXCLUSION_WORDS.iter().map(|word| any_case(word)).collect();
    format!("^\\s*({})\\s*$", words.join("|"))
}

/// `word` matched in any case: `todo` → `[tT][oO][dD][oO]`.
fn any_case(word: &str) -> String {
    word.chars()
        .map(|c| match (c.to_ascii_lowercase(), c.to_ascii_uppercase()) {
            (lower, upper) if lower != upper => format!("[{lower}{upper}]"),
            _ => literal(c),
        })
        .collect()
}

/// `c` as itself in a pattern, outside a character class.
fn literal(c: char) -> String {
    match c {
        '^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|'
        | '/' => {
            format!("\\{c}")
        }
        ' ' => "\\x20".to_string(),
        c => c.to_string(),
    }
}

/// `c` as itself inside a character class.
fn class_char(c: char) -> String {
    match c {
        '\\' | ']' | '[' | '^' | '-' => format!("\\{c}"),
        ' ' => "\\x20".to_string(),
        c => c.to_string(),
    }
}

/// Whether an exclusion's reason only says that it is one (`不适用`,
/// `N/A`): the reason why is what the standard asks for (§8.2 a).
pub(super) fn says_only_excluded(reason: &str) -> bool {
    means_excluded(reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_for_excluded_are_known_in_both_languages() {
        for word in [
            "excluded",
            "N/A",
            " Not applicable ",
            "删减",
            "不适用",
            "排除",
        ] {
            assert!(means_excluded(word), "{word:?}");
        }
        for not in ["0.5", "excluded because", ""] {
            assert!(!means_excluded(not), "{not:?}");
        }
    }

    #[test]
    fn placeholders_are_marks_brackets_or_labels_alone() {
        for placeholder in [
            "?",
            "？",
            " ?? ",
            "…",
            "...",
            "（删减理由）",
            "(the reason)",
            "【…】",
            "<原因>",
            "[x]",
            "删减理由",
            "TODO",
        ] {
            assert!(is_placeholder(placeholder), "{placeholder:?}");
        }
        for text in ["", "张三（组长）", "(A) 与 (B)", "见附件 1", "x", "未备案?"] {
            assert!(!is_placeholder(text), "{text:?}");
        }
    }
}
