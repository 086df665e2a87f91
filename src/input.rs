//! Helpers shared by the checklist and audit loaders: turning TOML values and
//! parser errors into exact numbers and [`Diagnostic`]s; and what every
//! reader of inputs agrees on: how large one may be, and which is a form.

use crate::diagnostic::{Diagnostic, shorten_parser_message};
use crate::message::Text;
use crate::message::t;
use crate::number::{Exact, NumberLiteral};
use std::path::Path;
use toml::Spanned;

/// A parser or deserializer error as a diagnostic at its span (for the
/// checklist, which engineers write; audits get their own words).
pub fn from_toml_error(error: &toml::de::Error, key: Option<String>) -> Diagnostic {
    let message = shorten_parser_message(error.message());
    let diagnostic =
        Diagnostic::new(t!("评分表文件有误：{message}", "{message}")).at_opt(error.span());
    match key {
        Some(key) => diagnostic.key(key),
        None => diagnostic,
    }
}

/// The exact value of a number as written in `source`.
pub fn exact_number(
    source: &str,
    literal: &Spanned<NumberLiteral>,
    key: &str,
) -> Result<Exact, Diagnostic> {
    let text = source.get(literal.span()).unwrap_or_default();
    literal.get_ref().exact(text).map_err(|error| {
        let shown = shortened(text);
        Diagnostic::new(Text::verbatim(format!("`{shown}` ")).joined(("", ""), &error.text()))
            .at(literal.span())
            .key(key)
    })
}

/// Largest audit or checklist read: an audit is tens of kilobytes, so this
/// is a hundred times the largest real one. Bounded so that the worst file
/// that fits — a million broken lines, hundreds of thousands of unknown
/// ids — is still answered in about a second (BENCHMARKS.md).
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Whether `path` names an XLSX form: what bscore reads as one.
pub fn is_form(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("xlsx"))
}

/// Where the literals of messages are cut, kept under this name for its
/// many callers: the helper lives in [`crate::text`], which
/// [`crate::diagnostic`] uses too, so that the two do not import each other.
pub use crate::text::shortened;

/// The text, trimmed, or a diagnostic when it is empty: reasons, findings and
/// names must say something. `what` names it in Chinese and English.
pub fn required_text(
    text: &Spanned<String>,
    key: &str,
    what: (&str, &str),
) -> Result<String, Diagnostic> {
    let trimmed = text.get_ref().trim();
    let (zh, en) = what;
    if trimmed.is_empty() {
        Err(
            Diagnostic::new(t!("{zh}不能为空", "{en} must not be empty"))
                .at(text.span())
                .key(key),
        )
    } else {
        Ok(trimmed.to_string())
    }
}
