//! Where a command's output goes: a file, standard output asked for by
//! name (`-o -`), or standard output; and the files the command reads,
//! which it may not be.

use super::names::{Device, windows_device};
use crate::message::Lang;
use std::path::{Path, PathBuf};

/// Where a command's output goes.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The `--output` file; standard output when `None`.
    pub file: Option<PathBuf>,
    /// Whether an existing `--output` file may be replaced.
    pub force: bool,
    /// `--quiet`: standard output gets nothing (files are still written).
    pub quiet: bool,
    /// The files and directories the command reads: the output may be none
    /// of them, whatever path or link names it.
    pub inputs: Vec<PathBuf>,
    /// `--output -`: standard output asked for by name, where a binary
    /// format may go (when it is not a terminal).
    pub stdout_named: bool,
    /// The language of warnings said while writing (a broken hard link).
    pub lang: Lang,
    /// The Windows device `file` names (`NUL`, `CON`, `PRN` …), on Windows.
    pub device: Option<Device>,
}

impl Output {
    /// Standard output, or nothing with `--quiet`.
    pub fn stdout(quiet: bool) -> Output {
        Output {
            quiet,
            ..Output::default()
        }
    }

    /// The destination `--output` names: a file, or standard output for
    /// `-` (as `-` is standard input among the inputs) or no `--output`.
    pub fn named(output: Option<&Path>, force: bool, quiet: bool, inputs: Vec<PathBuf>) -> Output {
        let stdout_named = output.is_some_and(|path| path.as_os_str() == "-");
        let file = output.filter(|_| !stdout_named);
        Output {
            file: file.map(Path::to_path_buf),
            force,
            quiet,
            inputs,
            stdout_named,
            lang: Lang::default(),
            device: file.and_then(windows_device),
        }
    }

    /// The same destination, its warnings said in `lang`.
    pub fn in_language(self, lang: Lang) -> Output {
        Output { lang, ..self }
    }
}
