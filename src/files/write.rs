//! Writing outputs without destroying anything: a regular file is written
//! beside itself and renamed (never half-written, its permissions kept), a
//! symbolic link is written through to its target, a device, FIFO or socket
//! is written in place, and an output that is one of the command's inputs
//! is refused. Every failed write, standard output included, is an error.

use crate::failure::Failure;
use crate::message::Text;
use crate::t;
use anyhow::Context;
use std::fs::{self, Permissions};
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
        Output {
            file: output.filter(|_| !stdout_named).map(Path::to_path_buf),
            force,
            quiet,
            inputs,
            stdout_named,
        }
    }

    /// Checked before a binary format (XLSX) is written: to a file, or to
    /// a standard output named with `--output -` that is not a terminal (a
    /// pipe or a redirection). Bytes meant for a spreadsheet would only
    /// garble a terminal, and without `--output` the user may not know
    /// that the format is binary.
    pub fn refuse_binary_to_terminal(&self) -> Result<(), Failure> {
        binary_refusal(self, io::stdout().is_terminal()).map_or(Ok(()), |m| Err(Failure::Usage(m)))
    }
}

/// Why a binary format may not go to `output`, if it may not; `terminal`
/// says whether standard output is one.
fn binary_refusal(output: &Output, terminal: bool) -> Option<Text> {
    if output.file.is_some() {
        return None;
    }
    if !output.stdout_named {
        return Some(t!(
            "XLSX 是二进制文件：请用 --output 文件名.xlsx 指定输出文件（写到管道或重定向时用 --output -）",
            "XLSX is a binary file: name it with --output FILE.xlsx (or --output - to write it to a pipe or a redirection)"
        ));
    }
    terminal.then(|| {
        t!(
            "XLSX 是二进制文件，不能显示在终端上：请用 --output 文件名.xlsx，或把标准输出重定向到文件（> 文件名.xlsx）",
            "XLSX is a binary file and cannot be shown on a terminal: name a file with --output FILE.xlsx, or redirect standard output (> FILE.xlsx)"
        )
    })
}

/// Refuses an --output file whose extension names a format bscore never
/// writes: nothing is created. Each command checks its output name
/// first, with advice that fits it ([`super::output_kind`]); this is the
/// last guard, before any file is touched.
fn refuse_unwritten_format(path: &Path) -> Result<(), Failure> {
    if super::names::not_written(path).is_none() {
        return Ok(());
    }
    let extension = super::extension_of(path).unwrap_or_default();
    let path = path.display();
    Err(Failure::Usage(t!(
        "--output {path}：bscore 不生成 .{extension} 文件（未写入任何文件）",
        "--output {path}: bscore does not write .{extension} files (nothing was written)"
    )))
}

/// What an `--output` path names, once links are followed.
enum Target {
    /// A regular file, existing or not, at its real path (links followed),
    /// with the permissions of the file it replaces.
    Regular {
        path: PathBuf,
        replaces: Option<Permissions>,
    },
    /// A device, FIFO or socket: opened and written in place, never replaced.
    InPlace(PathBuf),
}

/// The longest chain of symbolic links followed to a file that does not
/// exist yet (as Linux's own limit).
const MAX_LINKS: usize = 40;

fn target(path: &Path) -> io::Result<Target> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::Error::from(io::ErrorKind::IsADirectory)),
        Ok(meta) if meta.is_file() => Ok(Target::Regular {
            path: fs::canonicalize(path)?,
            replaces: Some(meta.permissions()),
        }),
        Ok(_) => Ok(Target::InPlace(path.to_path_buf())),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(Target::Regular {
            path: dangling_target(path)?,
            replaces: None,
        }),
        Err(error) => Err(error),
    }
}

/// Where a path that does not exist will be created: itself, or, for a
/// link to a file not there yet, the end of its chain of links.
fn dangling_target(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let next = fs::read_link(&current)?;
                current = match current.parent() {
                    Some(parent) => parent.join(next),
                    None => next,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(io::Error::other(t!(
        "符号链接层级过多（超过 {MAX_LINKS} 层，可能是链接成环）",
        "too many levels of symbolic links (over {MAX_LINKS}; perhaps a loop)"
    )))
}

/// Checked before any work, so a refusal costs nothing and changes
/// nothing: a format bscore does not write (`.pdf`, `.docx`, `.xls` …) is
/// refused, an existing regular file needs `--force`, and no output may be
/// one of the command's inputs, even with `--force`.
pub fn refuse_existing_output(options: &Output) -> Result<(), Failure> {
    let Some(path) = &options.file else {
        return Ok(());
    };
    refuse_input_as_output(options)?;
    refuse_unwritten_format(path)?;
    let regular = fs::metadata(path).is_ok_and(|meta| meta.is_file());
    if regular && !options.force {
        let path = path.display();
        return Err(Failure::Usage(t!(
            "{path} 已存在；确需覆盖请加 --force",
            "{path} already exists; use --force to overwrite it"
        )));
    }
    Ok(())
}

/// Refuses an `--output` file that is one of the command's inputs, the
/// first thing checked: of all mistakes in an output name, it is the one
/// that would destroy the user's work.
pub fn refuse_input_as_output(options: &Output) -> Result<(), Failure> {
    let Some(path) = &options.file else {
        return Ok(());
    };
    if let Some(input) = same_as_input(path, &options.inputs) {
        let (path, input) = (path.display(), input.display());
        return Err(Failure::Usage(t!(
            "--output {path} 是输入文件 {input}：请为报告另选一个文件",
            "--output {path} is the input {input}: choose another file for the report"
        )));
    }
    Ok(())
}

/// The input that is the same file as `output` (same device and inode, or
/// file index on Windows), looking inside directories named as inputs.
/// Only regular files are compared: comparing opens them, and opening a
/// FIFO would wait for its writer.
fn same_as_input(output: &Path, inputs: &[PathBuf]) -> Option<PathBuf> {
    let regular = |path: &Path| fs::metadata(path).is_ok_and(|meta| meta.is_file());
    if !regular(output) {
        return None;
    }
    let output = same_file::Handle::from_path(output).ok()?;
    let is_output = |path: &Path| {
        regular(path) && same_file::Handle::from_path(path).is_ok_and(|h| h == output)
    };
    for input in inputs.iter().filter(|input| input.as_os_str() != "-") {
        if is_output(input) {
            return Some(input.clone());
        }
        if input.is_dir() {
            let entries = fs::read_dir(input).into_iter().flatten().flatten();
            if let Some(entry) = entries.map(|e| e.path()).find(|path| is_output(path)) {
                return Some(entry);
            }
        }
    }
    None
}

/// Writes `bytes` to standard output or to the --output file.
pub fn emit(options: &Output, bytes: &[u8]) -> Result<(), Failure> {
    emit_with(options, |out| out.write_all(bytes).map(|()| true))
}

/// Lets `write` write to standard output or to the --output file, through
/// a buffer. `write` says whether it wrote anything: an --output file that
/// would be empty is not created.
pub fn emit_with(
    options: &Output,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> Result<(), Failure> {
    let Some(path) = &options.file else {
        return write_stdout(options.quiet, write);
    };
    refuse_existing_output(options)?;
    let written = match target(path) {
        Ok(Target::InPlace(path)) => write_in_place(&path, write),
        Ok(Target::Regular { path, replaces }) => {
            write_atomically(&path, replaces, options.force, write)
        }
        Err(error) => Err(error.into()),
    };
    written.with_context(|| {
        let path = path.display();
        t!("无法写入 {path}", "cannot write {path}")
    })?;
    Ok(())
}

fn write_stdout(
    quiet: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> Result<(), Failure> {
    if quiet {
        write(&mut io::sink()).context(t!("无法生成输出", "cannot render the output"))?;
        return Ok(());
    }
    let written = stdout_writer().and_then(|mut out| {
        write(&mut out)?;
        out.flush()
    });
    match written {
        // A reader that stopped early (`bscore … | head`) is not an error.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(anyhow::Error::new(error)
            .context(t!("无法写入标准输出", "cannot write to standard output"))
            .into()),
        Ok(()) => Ok(()),
    }
}

/// Standard output, buffered, reporting every failure.
///
/// A process started with standard output closed (`bscore … >&-`) gets it
/// reopened on /dev/null by Rust's runtime, read-write, so the report would
/// vanish with exit 0. A shell's redirection to /dev/null opens it
/// write-only; that is how the two are told apart.
#[cfg(unix)]
pub fn stdout_writer() -> io::Result<io::BufWriter<fs::File>> {
    use std::os::fd::AsFd;
    let stdout = io::stdout();
    if reopened_on_dev_null(stdout.as_fd()) {
        return Err(io::Error::other(t!(
            "标准输出已关闭：请把它重定向到文件，或用 --output 指定输出文件",
            "standard output is closed: redirect it to a file, or use --output"
        )));
    }
    let descriptor = stdout.as_fd().try_clone_to_owned()?;
    Ok(io::BufWriter::new(fs::File::from(descriptor)))
}

#[cfg(unix)]
fn reopened_on_dev_null(descriptor: std::os::fd::BorrowedFd<'_>) -> bool {
    use rustix::fs::{OFlags, fcntl_getfl, fstat};
    use std::os::unix::fs::MetadataExt;
    let (Ok(flags), Ok(stat), Ok(null)) = (
        fcntl_getfl(descriptor),
        fstat(descriptor),
        fs::metadata("/dev/null"),
    ) else {
        return false;
    };
    flags & OFlags::RWMODE == OFlags::RDWR && stat.st_rdev == null.rdev() && null.rdev() != 0
}

/// Standard output, buffered.
#[cfg(not(unix))]
pub fn stdout_writer() -> io::Result<io::BufWriter<io::Stdout>> {
    Ok(io::BufWriter::new(io::stdout()))
}

/// A device, FIFO or socket: written as it is (`/dev/stdout`, `/dev/full`,
/// a pipe), never replaced by a regular file.
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> anyhow::Result<()> {
    let mut out = io::BufWriter::new(fs::OpenOptions::new().write(true).open(path)?);
    write(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Writes beside `path` and renames, so the file is never half-written; a
/// file that would be empty is not created. A replaced file keeps its
/// permissions; a new one gets 0666 less the umask, like any other.
fn write_atomically(
    path: &Path,
    replaces: Option<Permissions>,
    force: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> anyhow::Result<()> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let temporary = new_temporary(directory)?;
    let pending = Pending::register(temporary.path());
    let mut buffered = io::BufWriter::new(temporary);
    let wrote = write(&mut buffered)?;
    let temporary = buffered.into_inner().map_err(|e| e.into_error())?;
    if !wrote {
        // Dropping the temporary file removes it.
        return Ok(());
    }
    if let Some(permissions) = replaces {
        fs::set_permissions(temporary.path(), permissions)?;
    }
    if force {
        temporary.persist(path).map_err(|e| e.error)?;
    } else {
        temporary.persist_noclobber(path).map_err(|e| e.error)?;
    }
    drop(pending);
    Ok(())
}

#[cfg(unix)]
fn new_temporary(directory: &Path) -> io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .permissions(Permissions::from_mode(0o666))
        .tempfile_in(directory)
}

#[cfg(not(unix))]
fn new_temporary(directory: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::NamedTempFile::new_in(directory)
}

/// Temporary files being written, removed if the process is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file registered for removal on SIGINT or SIGTERM while it
/// lives (normal and error paths remove it by dropping it).
struct Pending(PathBuf);

impl Pending {
    fn register(path: &Path) -> Pending {
        if let Ok(mut pending) = PENDING.lock() {
            pending.push(path.to_path_buf());
        }
        Pending(path.to_path_buf())
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|path| path != &self.0);
        }
    }
}

/// Removes the temporary files of interrupted writes when SIGINT or SIGTERM
/// (Ctrl-C, or a console closing, on Windows) arrives, then exits with the
/// shell's code for an interrupted command (130).
pub fn clean_up_on_interrupt() {
    // If no handler can be installed (one already is), the temporary file
    // is only left behind when the process is killed, as before.
    let _ = ctrlc::set_handler(|| {
        if let Ok(pending) = PENDING.lock() {
            for path in pending.iter() {
                let _ = fs::remove_file(path);
            }
        }
        std::process::exit(130);
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output_in(dir: &Path, force: bool) -> Output {
        Output {
            file: Some(dir.join("report.json")),
            force,
            ..Output::default()
        }
    }

    fn entries(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
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
        assert!(PENDING.lock().unwrap().is_empty());
    }

    #[test]
    fn a_binary_format_goes_to_a_file_or_a_named_standard_output_that_is_no_terminal() {
        let file = Output::named(Some(Path::new("r.xlsx")), false, false, Vec::new());
        assert!(binary_refusal(&file, true).is_none());
        let dash = Output::named(Some(Path::new("-")), false, false, Vec::new());
        assert_eq!(dash.file, None);
        assert!(binary_refusal(&dash, false).is_none());
        let terminal = binary_refusal(&dash, true).unwrap();
        assert!(
            terminal.en.contains("cannot be shown on a terminal"),
            "{terminal:?}"
        );
        let unnamed = binary_refusal(&Output::stdout(false), false).unwrap();
        assert!(unnamed.zh.contains("--output -"), "{unnamed:?}");
    }

    #[test]
    fn a_failed_rewrite_keeps_the_previous_file() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("report.json"), "previous").unwrap();
        let result = emit_with(&output_in(dir.path(), true), |_| {
            Err(io::Error::from_raw_os_error(28))
        });
        assert!(result.is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("report.json")).unwrap(),
            "previous"
        );
        assert_eq!(entries(dir.path()), ["report.json"]);
    }
}
