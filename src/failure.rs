//! Why a command stopped before it finished. Each kind is exit code 2, and
//! each is told differently: input problems as located diagnostics, usage
//! problems as one sentence, environment failures with their cause chain.

use crate::diagnostic::InputError;

/// A command that could not finish.
#[derive(Debug)]
pub enum Failure {
    /// Problems in input files, each with its file, key, line and column.
    Input(Vec<InputError>),
    /// A request that cannot be carried out as asked: an existing
    /// `--output` without `--force`, `--target fail`, a binary format for a
    /// terminal.
    Usage(String),
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
