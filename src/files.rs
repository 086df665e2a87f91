//! Reading inputs and writing outputs: stdin as `-`, directories of audits,
//! and output files that are never overwritten without `--force` and never
//! left half-written.

use crate::diagnostic::InputError;
use crate::failure::Failure;
use anyhow::Context;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// An input file's name, as the user gave it, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name shown in messages and reports.
    pub name: String,
    /// The file's text.
    pub text: String,
}

/// Where a command's output goes.
#[derive(Debug, Clone, Default)]
pub struct Output {
    /// The `--output` file; standard output when `None`.
    pub file: Option<PathBuf>,
    /// Whether an existing `--output` file may be replaced.
    pub force: bool,
    /// `--quiet`: standard output gets nothing (files are still written).
    pub quiet: bool,
}

impl Output {
    /// Standard output, or nothing with `--quiet`.
    pub fn stdout(quiet: bool) -> Output {
        Output {
            quiet,
            ..Output::default()
        }
    }
}

/// The audit files named on the command line: files as given, directories
/// as their `*.toml` files in name order. A directory without any, or that
/// cannot be listed, is an input error, reported with the others.
fn expand(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<InputError>), Failure> {
    if paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        return Err(Failure::Usage(
            "standard input (`-`) can be read only once".into(),
        ));
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let name = path.display().to_string();
        match toml_files_in(path) {
            Ok(found) if found.is_empty() => {
                errors.push(InputError::whole_file(
                    name,
                    "directory has no *.toml files",
                ));
            }
            Ok(found) => files.extend(found),
            Err(error) => errors.push(InputError::whole_file(
                name,
                format!("cannot list: {error}"),
            )),
        }
    }
    Ok((files, errors))
}

fn toml_files_in(directory: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let path = entry?.path();
        if path.is_file() && path.extension().is_some_and(|e| e == "toml") {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Largest input read: an audit is tens of kilobytes; anything this big is
/// a wrong file, refused before it is read whole.
pub const MAX_INPUT_BYTES: u64 = 16 * 1024 * 1024;

fn too_large(name: &str, bytes: u64) -> InputError {
    InputError::whole_file(
        name,
        format!(
            "is {:.1} MiB; inputs are limited to {} MiB (an audit is a few dozen KiB: is this the right file?)",
            bytes as f64 / (1024.0 * 1024.0),
            MAX_INPUT_BYTES / (1024 * 1024)
        ),
    )
}

/// Reads one input file (`-` is standard input) as UTF-8 text, refusing
/// inputs over [`MAX_INPUT_BYTES`] before reading them whole.
pub fn read_source(path: &Path) -> Result<Source, InputError> {
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
            .take(MAX_INPUT_BYTES + 1)
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
        if size > MAX_INPUT_BYTES {
            return Err(too_large(&name, size));
        }
        // The size can change while reading (a growing file): limit the read too.
        file.take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
    }
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_large(&name, bytes.len() as u64));
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
pub fn read_audits(paths: &[PathBuf]) -> Result<Audits, Failure> {
    let (files, mut errors) = expand(paths)?;
    let mut sources = Vec::new();
    for path in &files {
        match read_source(path) {
            Ok(source) => sources.push(source),
            Err(error) => errors.push(error),
        }
    }
    Ok(Audits {
        sources,
        errors,
        several: files.len() > 1,
    })
}

/// Checked before any work, so a refusal costs nothing and changes nothing.
pub fn refuse_existing_output(options: &Output) -> Result<(), Failure> {
    match &options.file {
        Some(path) if path.exists() && !options.force => Err(Failure::Usage(format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// Writes `bytes` to standard output or, atomically, to the --output file.
pub fn emit(options: &Output, bytes: &[u8]) -> Result<(), Failure> {
    emit_with(options, |out| out.write_all(bytes).map(|()| true))
}

/// Lets `write` write to standard output or, atomically, to the --output
/// file, through a buffer. `write` says whether it wrote anything: an
/// --output file that would be empty is not created.
pub fn emit_with(
    options: &Output,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> Result<(), Failure> {
    let Some(path) = &options.file else {
        if options.quiet {
            write(&mut io::sink()).context("cannot render the output")?;
            return Ok(());
        }
        let mut stdout = io::BufWriter::new(io::stdout().lock());
        return match write(&mut stdout).and_then(|_| stdout.flush()) {
            // A reader that stopped early (`bscore … | head`) is not an error.
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(error) => Err(anyhow::Error::new(error)
                .context("cannot write to standard output")
                .into()),
            Ok(()) => Ok(()),
        };
    };
    refuse_existing_output(options)?;
    write_atomically(path, options.force, write)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Writes beside `path` and renames, so the file is never half-written; a
/// file that would be empty is not created.
fn write_atomically(
    path: &Path,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> anyhow::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let temporary = tempfile::NamedTempFile::new_in(directory)?;
    let mut buffered = io::BufWriter::new(temporary);
    let wrote = write(&mut buffered)?;
    let temporary = buffered.into_inner().map_err(|e| e.into_error())?;
    if !wrote {
        // Dropping the temporary file removes it.
        return Ok(());
    }
    // Temporary files are private (0600); a report is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::Permissions::from_mode(0o644);
        std::fs::set_permissions(temporary.path(), permissions)?;
    }
    if force {
        temporary.persist(path).map_err(|e| e.error)?;
    } else {
        temporary.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output_in(dir: &Path, force: bool) -> Output {
        Output {
            file: Some(dir.join("report.json")),
            force,
            quiet: false,
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    /// A disk that fills up half way through the report: a clear error,
    /// and neither the report nor the temporary file is left behind.
    #[test]
    fn a_full_disk_leaves_no_half_written_output() {
        let dir = tempfile::tempdir().unwrap();
        let result = emit_with(&output_in(dir.path(), false), |out| {
            out.write_all(b"{ \"score\": ")?;
            Err(io::Error::from_raw_os_error(28)) // ENOSPC
        });
        let Err(Failure::Io(error)) = result else {
            panic!("expected an I/O failure")
        };
        let message = format!("{error:#}");
        assert!(
            message.contains("report.json") && message.contains("No space left on device"),
            "{message}"
        );
        assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
    }

    #[test]
    fn a_failed_rewrite_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("report.json"), "previous").unwrap();
        let result = emit_with(&output_in(dir.path(), true), |_| {
            Err(io::Error::from_raw_os_error(28))
        });
        assert!(result.is_err());
        assert_eq!(
            std::fs::read_to_string(dir.path().join("report.json")).unwrap(),
            "previous"
        );
        assert_eq!(entries(dir.path()), ["report.json"]);
    }

    #[test]
    fn inputs_over_the_limit_are_refused_unread() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.toml");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: no 17 MiB are written, none are read.
        file.set_len(MAX_INPUT_BYTES + 1024 * 1024).unwrap();
        let error = read_source(&path).unwrap_err().to_string();
        assert!(
            error.contains("is 17.0 MiB; inputs are limited to 16 MiB"),
            "{error}"
        );
    }
}
