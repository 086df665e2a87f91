//! Why a command stopped before it finished. Each kind is told
//! differently: input problems as located diagnostics, usage problems as
//! one sentence, failures of the environment as what bscore was doing and
//! why it failed; the command line gives each its exit code
//! (`cli::Exit`).

use crate::diagnostic::InputError;
use crate::message::{Lang, Text, io_reason};
use std::io;

/// A command that could not finish.
#[derive(Debug)]
pub enum Failure {
    /// Problems in input files, each with its file, key, line and column.
    Input(Vec<InputError>),
    /// A request that cannot be carried out as asked: an existing
    /// `--output` without `--force`, `--target fail`, a binary format for a
    /// terminal.
    Usage(Text),
    /// Reading or writing failed in the environment (a full disk, a closed
    /// standard output).
    Io {
        /// What bscore was doing (`cannot write report.json`).
        doing: Text,
        /// Why it failed, as the system said it.
        cause: io::Error,
    },
    /// Something bscore builds in memory could not be built: a fault of
    /// bscore's, not of its inputs or surroundings.
    Internal {
        /// What bscore was building (`cannot render the manual pages`).
        doing: Text,
        /// What went wrong.
        cause: Text,
    },
}

impl From<InputError> for Failure {
    fn from(error: InputError) -> Failure {
        Failure::Input(vec![error])
    }
}

impl Failure {
    /// A failure of the environment while `doing` something.
    pub fn io(doing: Text, cause: io::Error) -> Failure {
        Failure::Io { doing, cause }
    }

    /// What to print on standard error, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let error = match lang {
            Lang::Zh => "错误",
            Lang::En => "error",
        };
        let separator = match lang {
            Lang::Zh => "：",
            Lang::En => ": ",
        };
        let said = |doing: &Text, cause: &Text| {
            format!("{error}: {}{separator}{}", doing.get(lang), cause.get(lang))
        };
        match self {
            Failure::Input(errors) => render_input_errors(errors, lang),
            Failure::Usage(message) => format!("{error}: {}", message.get(lang)),
            Failure::Io { doing, cause } => said(doing, &io_reason(cause)),
            Failure::Internal { doing, cause } => said(doing, cause),
        }
    }
}

/// Every input error, a blank line between files.
pub fn render_input_errors(errors: &[InputError], lang: Lang) -> String {
    let rendered: Vec<String> = errors.iter().map(|error| error.render(lang)).collect();
    rendered.join("\n\n")
}

/// Adds what bscore was doing to an I/O error, making it a [`Failure`].
pub trait Doing<T> {
    /// The failure of `doing`, if this failed.
    fn doing(self, doing: impl FnOnce() -> Text) -> Result<T, Failure>;
}

impl<T> Doing<T> for io::Result<T> {
    fn doing(self, doing: impl FnOnce() -> Text) -> Result<T, Failure> {
        self.map_err(|cause| Failure::io(doing(), cause))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_failure_says_what_was_done_then_why_in_either_language() {
        let failure = Failure::io(
            Text::new("无法写入 r.json", "cannot write r.json"),
            io::Error::from(io::ErrorKind::PermissionDenied),
        );
        assert_eq!(failure.render(Lang::Zh), "错误: 无法写入 r.json：没有权限");
        assert_eq!(
            failure.render(Lang::En),
            "error: cannot write r.json: permission denied"
        );
    }
}
