//! Reading inputs and writing outputs: stdin as `-`, directories of audits,
//! and output files that are never overwritten without `--force` and never
//! left half-written.

use super::Failure;
use crate::batch::Source;
use crate::diagnostic::InputError;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Where output goes.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct OutputOptions {
    /// Write to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Overwrite the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
    /// Set by `--quiet`: standard output gets nothing.
    #[arg(skip)]
    pub quiet: bool,
}

/// The audit files named on the command line: files as given, directories
/// as their `*.toml` files in name order. A directory without any, or that
/// cannot be listed, is an input error, reported with the others.
pub fn expand(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<InputError>), Failure> {
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

/// Reads one input file (`-` is standard input) as UTF-8 text.
pub fn read_source(path: &Path) -> Result<Source, InputError> {
    let name = if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let mut bytes = Vec::new();
    let read = if path.as_os_str() == "-" {
        io::stdin().lock().read_to_end(&mut bytes).map(|_| ())
    } else if path.is_dir() {
        return Err(InputError::whole_file(
            name,
            "is a directory, expected a TOML file",
        ));
    } else {
        std::fs::File::open(path).and_then(|mut file| file.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|error| InputError::whole_file(&name, format!("cannot read: {error}")))?;
    let text = String::from_utf8(bytes).map_err(|error| {
        InputError::whole_file(
            &name,
            format!("not UTF-8 text (byte {})", error.utf8_error().valid_up_to()),
        )
    })?;
    Ok(Source { name, text })
}

/// Reads several inputs, collecting every failure.
pub fn read_all(paths: &[PathBuf]) -> (Vec<Source>, Vec<InputError>) {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match read_source(path) {
            Ok(source) => sources.push(source),
            Err(error) => errors.push(error),
        }
    }
    (sources, errors)
}

/// Checked before any work, so a refusal costs nothing and changes nothing.
pub fn refuse_existing_output(options: &OutputOptions) -> Result<(), Failure> {
    match &options.output {
        Some(path) if path.exists() && !options.force => Err(Failure::Usage(format!(
            "{} already exists; use --force to overwrite it",
            path.display()
        ))),
        _ => Ok(()),
    }
}

/// Writes `bytes` to standard output or, atomically, to the --output file.
pub fn emit(options: &OutputOptions, bytes: &[u8]) -> Result<(), Failure> {
    emit_with(options, |out| out.write_all(bytes).map(|()| true))
}

/// Lets `write` write to standard output or, atomically, to the --output
/// file, through a buffer. `write` says whether it wrote anything: an
/// --output file that would be empty is not created.
pub fn emit_with(
    options: &OutputOptions,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> Result<(), Failure> {
    let Some(path) = &options.output else {
        if options.quiet {
            return write(&mut io::sink())
                .map(|_| ())
                .map_err(|e| Failure::Usage(e.to_string()));
        }
        let mut stdout = io::BufWriter::new(io::stdout().lock());
        return match write(&mut stdout).and_then(|_| stdout.flush()) {
            // A reader that stopped early (`bscore … | head`) is not an error.
            Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(error) => Err(Failure::Usage(format!(
                "cannot write to standard output: {error}"
            ))),
            Ok(()) => Ok(()),
        };
    };
    refuse_existing_output(options)?;
    let cannot = |error: &dyn std::fmt::Display| {
        Failure::Usage(format!("cannot write {}: {error}", path.display()))
    };
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    // Write beside the target and rename, so the file is never half-written.
    let temporary = tempfile::NamedTempFile::new_in(directory).map_err(|e| cannot(&e))?;
    let mut buffered = io::BufWriter::new(temporary);
    let wrote = write(&mut buffered).map_err(|e| cannot(&e))?;
    let temporary = buffered.into_inner().map_err(|e| cannot(&e.into_error()))?;
    if !wrote {
        // Dropping the temporary file removes it.
        return Ok(());
    }
    // Temporary files are private (0600); a report is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let permissions = std::fs::Permissions::from_mode(0o644);
        std::fs::set_permissions(temporary.path(), permissions).map_err(|e| cannot(&e))?;
    }
    if options.force {
        temporary.persist(path).map_err(|e| cannot(&e.error))?;
    } else {
        temporary
            .persist_noclobber(path)
            .map_err(|e| cannot(&e.error))?;
    }
    Ok(())
}
