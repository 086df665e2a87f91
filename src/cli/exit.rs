//! Exit codes (docs/cli.md), decided here and nowhere else.

use crate::failure::Failure;
use std::process::ExitCode;

/// How a run of bscore ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// Every audit evaluated, passed and met `--min-grade`.
    Passed = 0,
    /// An audit evaluated but failed or fell below `--min-grade`.
    Failed = 1,
    /// Input or usage error, or a file that could not be read or written.
    InputError = 2,
}

impl Exit {
    /// The code of a command that ran to its end: 2 when an input could
    /// not be used (the others were still used), else 1 when what was
    /// judged fell short (an audit failed or is below `--min-grade`, a
    /// result does not follow from its audit), else 0.
    pub fn of(unusable_input: bool, fell_short: bool) -> Exit {
        if unusable_input {
            Exit::InputError
        } else if fell_short {
            Exit::Failed
        } else {
            Exit::Passed
        }
    }
}

/// A command that could not finish: every kind of [`Failure`] is exit 2.
impl From<&Failure> for Exit {
    fn from(failure: &Failure) -> Exit {
        match failure {
            Failure::Input(_)
            | Failure::Usage(_)
            | Failure::Io { .. }
            | Failure::Internal { .. } => Exit::InputError,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_are_those_of_the_spec() {
        assert_eq!(Exit::Passed as u8, 0);
        assert_eq!(Exit::Failed as u8, 1);
        assert_eq!(Exit::InputError as u8, 2);
    }

    #[test]
    fn an_unusable_input_outweighs_a_result_that_fell_short() {
        assert_eq!(Exit::of(true, true), Exit::InputError);
        assert_eq!(Exit::of(false, true), Exit::Failed);
        assert_eq!(Exit::of(false, false), Exit::Passed);
    }
}
