//! Why a command stopped before it finished. Each kind is exit code 2, and
//! each is told differently: input problems as located diagnostics, usage
//! problems as one sentence, environment failures with their cause chain.

use crate::diagnostic::InputError;
use crate::message::{Lang, Text, io_reason};

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
    /// standard output): what bscore was doing, then why it failed.
    Io(anyhow::Error),
}

impl From<InputError> for Failure {
    fn from(error: InputError) -> Failure {
        Failure::Input(vec![error])
    }
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Failure {
        Failure::Io(error)
    }
}

impl Failure {
    /// What to print on standard error, in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let error = match lang {
            Lang::Zh => "错误",
            Lang::En => "error",
        };
        match self {
            Failure::Input(errors) => render_input_errors(errors, lang),
            Failure::Usage(message) => format!("{error}: {}", message.get(lang)),
            Failure::Io(failure) => format!("{error}: {}", io_chain(failure, lang)),
        }
    }
}

/// Every input error, a blank line between files.
pub fn render_input_errors(errors: &[InputError], lang: Lang) -> String {
    let rendered: Vec<String> = errors.iter().map(|error| error.render(lang)).collect();
    rendered.join("\n\n")
}

/// What bscore was doing, then why it failed: contexts written as
/// [`Text`] and system errors are said in `lang`, anything else as it
/// says itself.
fn io_chain(error: &anyhow::Error, lang: Lang) -> String {
    let separator = match lang {
        Lang::Zh => "：",
        Lang::En => ": ",
    };
    let outer = match error.downcast_ref::<Text>() {
        Some(text) => text.get(lang).to_string(),
        None => error.to_string(),
    };
    let causes = error
        .chain()
        .skip(1)
        .map(|cause| match cause.downcast_ref::<std::io::Error>() {
            Some(io) => io_reason(io).get(lang).to_string(),
            None => cause.to_string(),
        });
    std::iter::once(outer)
        .chain(causes)
        .collect::<Vec<_>>()
        .join(separator)
}
