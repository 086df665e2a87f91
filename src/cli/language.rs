//! The language of messages, known before clap parses the arguments, so
//! that a mistake in them is explained in it too.

use crate::failure::Failure;
use crate::message::Lang;
use crate::message::t;
use crate::text::visible;
use std::ffi::OsString;

/// `--lang`, else `BSCORE_LANG`, else Chinese. `arguments` are the whole
/// command line, the program's name first.
pub(super) fn language(arguments: &[OsString]) -> Result<Lang, Failure> {
    // A wrong --lang value is clap's to explain, with the valid ones.
    if let Some(lang) = named(arguments).as_deref().and_then(Lang::from_name) {
        return Ok(lang);
    }
    match std::env::var("BSCORE_LANG") {
        Ok(value) if value.trim().is_empty() => Ok(Lang::Zh),
        Ok(value) => Lang::from_name(&value).ok_or_else(|| {
            let value = visible(&value, false);
            Failure::Usage(t!(
                "环境变量 BSCORE_LANG={value} 无效：应为 zh 或 en",
                "BSCORE_LANG={value} is not a language: expected zh or en"
            ))
        }),
        Err(_) => Ok(Lang::Zh),
    }
}

/// The value of the last `--lang` (or `--lang=…`) before any `--`.
fn named(arguments: &[OsString]) -> Option<String> {
    let mut named = None;
    let mut words = arguments.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == "--lang" {
            named = words.next().map(|value| value.to_string());
        } else if let Some(value) = word.strip_prefix("--lang=") {
            named = Some(value.to_string());
        }
    }
    named
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn the_last_lang_before_a_double_dash_counts() {
        assert_eq!(
            named(&words("bscore --lang en x --lang=zh")),
            Some("zh".into())
        );
        assert_eq!(named(&words("bscore evaluate -- --lang en")), None);
        assert_eq!(named(&words("bscore --lang")), None);
    }
}
