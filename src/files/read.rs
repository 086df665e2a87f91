//! Reading inputs: files, `-` for standard input, directories of audits,
//! with a size limit checked before anything is read.

use crate::diagnostic::InputError;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// An input file's name, as the user gave it, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name shown in messages and reports.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// The audit files named on the command line: files as given, directories
/// as their `*.toml` files in name order. A directory without any, or that
/// cannot be listed, and every `*.toml` entry in it that is not a regular
/// file, are input errors, reported with the others.
/// Also returns how many audits were named: files, and every `*.toml`
/// entry of the directories, readable or not.
fn expand(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<InputError>, usize) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut named = 0;
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            named += 1;
            continue;
        }
        let name = path.display().to_string();
        match toml_entries(path) {
            Ok((found, unusable)) if found.is_empty() && unusable.is_empty() => {
                errors.push(InputError::whole_file(
                    name,
                    "directory has no *.toml files",
                ));
            }
            Ok((found, unusable)) => {
                named += found.len() + unusable.len();
                files.extend(found);
                errors.extend(unusable);
            }
            Err(error) => errors.push(InputError::whole_file(
                name,
                format!("cannot list: {error}"),
            )),
        }
    }
    (files, errors, named)
}

/// The `*.toml` entries of a directory, in name order: regular files and
/// links to them are read; every other entry (a dangling or looping link,
/// a FIFO, a socket, a directory) is reported, never waited on or skipped.
fn toml_entries(directory: &Path) -> io::Result<(Vec<PathBuf>, Vec<InputError>)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
    found.sort();
    let mut files = Vec::new();
    let mut unusable = Vec::new();
    for path in found {
        match std::fs::metadata(&path) {
            Ok(meta) if meta.is_file() => files.push(path),
            Ok(meta) => unusable.push(InputError::whole_file(
                path.display().to_string(),
                format!("is {}, not an audit file", kind_of(&meta.file_type())),
            )),
            Err(error) => unusable.push(InputError::whole_file(
                path.display().to_string(),
                format!("cannot be read: {error}"),
            )),
        }
    }
    Ok((files, unusable))
}

/// What a file that is not a regular file is, in words.
fn kind_of(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// Largest audit or checklist read: an audit is tens of kilobytes, so this
/// is a hundred times the largest real one. Bounded so that the worst file
/// that fits — a million broken lines, hundreds of thousands of unknown
/// ids — is still answered in about a second (BENCHMARKS.md).
pub const MAX_INPUT_BYTES: u64 = 4 * 1024 * 1024;

/// Largest JSON result `verify` reads: a batch of a few thousand audits.
pub const MAX_RESULT_BYTES: u64 = 64 * 1024 * 1024;

fn too_large(name: &str, bytes: u64, limit: u64) -> InputError {
    InputError::whole_file(
        name,
        format!(
            "is {:.1} MiB; inputs are limited to {} MiB (an audit is a few dozen KiB: is this the right file?)",
            bytes as f64 / (1024.0 * 1024.0),
            limit / (1024 * 1024)
        ),
    )
}

/// Reads one audit or checklist (`-` is standard input) as UTF-8 text,
/// refusing inputs over [`MAX_INPUT_BYTES`] before reading them whole.
pub fn read_source(path: &Path) -> Result<Source, InputError> {
    read_limited(path, MAX_INPUT_BYTES)
}

/// Reads a JSON result for `verify`, up to [`MAX_RESULT_BYTES`].
pub fn read_result(path: &Path) -> Result<Source, InputError> {
    read_limited(path, MAX_RESULT_BYTES)
}

fn read_limited(path: &Path, limit: u64) -> Result<Source, InputError> {
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let cannot_read =
        |error: io::Error| InputError::whole_file(&name, format!("cannot read: {error}"));
    let mut bytes = Vec::new();
    if stdin {
        io::stdin()
            .lock()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
    } else {
        if path.is_dir() {
            return Err(InputError::whole_file(
                name,
                "is a directory, expected a TOML file",
            ));
        }
        let file = std::fs::File::open(path).map_err(cannot_read)?;
        let size = file.metadata().map_err(cannot_read)?.len();
        if size > limit {
            return Err(too_large(&name, size, limit));
        }
        // The size can change while reading (a growing file): limit the read too.
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large(&name, bytes.len() as u64, limit));
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        InputError::whole_file(
            &name,
            format!("not UTF-8 text (byte {})", error.utf8_error().valid_up_to()),
        )
    })?;
    Ok(Source { name, text })
}

/// The audits named on a command line, read.
#[derive(Debug, Default)]
pub struct Audits {
    /// Every audit that could be read, in the order named.
    pub sources: Vec<Source>,
    /// Every file or directory that could not be read.
    pub errors: Vec<InputError>,
    /// Whether several audits were named (a directory counts its files),
    /// readable or not: this decides whether the output is one report or a
    /// batch, whatever could be read.
    pub several: bool,
}

/// Reads the audits named by `paths` (files, directories, `-`),
/// collecting every failure.
pub fn read_audits(paths: &[PathBuf]) -> Audits {
    let (files, mut errors, named) = expand(paths);
    let mut sources = Vec::new();
    for path in &files {
        match read_source(path) {
            Ok(source) => sources.push(source),
            Err(error) => errors.push(error),
        }
    }
    Audits {
        sources,
        errors,
        several: named > 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_over_the_limit_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.toml");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: no 17 MiB are written, none are read.
        file.set_len(MAX_INPUT_BYTES + 1024 * 1024).unwrap();
        let error = read_source(&path).unwrap_err().to_string();
        assert!(
            error.contains("is 5.0 MiB; inputs are limited to 4 MiB"),
            "{error}"
        );
    }
}
