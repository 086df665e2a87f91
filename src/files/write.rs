//! Writing outputs without destroying anything: a regular file is rendered
//! in memory, then written beside itself and renamed (never half-written,
//! no temporary file while the work goes on; its owner, group and
//! permissions kept, never setuid), a symbolic link is written through to
//! its target, a device or FIFO is written in place (a FIFO nobody reads
//! is refused after a short wait), files written together (the manual's
//! pages) are all written or none (`together.rs`), and an output is
//! checked before any work (`refusals.rs`). Every failed write, standard
//! output included, is an error.

use super::interrupt::Pending;
use super::names::{Device, windows_device};
use super::output::Output;
use super::refusals::refuse_existing_output;
use super::streams::{MAX_LINKS, closed_stream_named};
use crate::failure::{Doing, Failure};
use crate::message::t;
use crate::message::{Lang, Text};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What an `--output` path names, once links are followed.
pub(super) enum Target {
    /// A regular file, existing or not, at its real path (links followed),
    /// with what is known of the file it replaces.
    Regular {
        path: PathBuf,
        replaces: Option<fs::Metadata>,
    },
    /// A device, FIFO or socket: opened and written in place, never replaced.
    InPlace(PathBuf),
}

pub(super) fn target(path: &Path) -> io::Result<Target> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_dir() => Err(io::Error::from(io::ErrorKind::IsADirectory)),
        Ok(meta) if meta.is_file() => Ok(Target::Regular {
            path: fs::canonicalize(path)?,
            replaces: Some(meta),
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

/// Writes `bytes` to standard output or to the --output file.
pub fn emit(options: &Output, bytes: &[u8]) -> Result<(), Failure> {
    emit_with(options, |out| out.write_all(bytes).map(|()| true))
}

/// Lets `write` write to standard output or to the --output file. `write`
/// says whether it wrote anything: an --output file that would be empty
/// is not created.
///
/// A regular file is rendered in memory first and only then written to a
/// temporary file beside it and renamed: a run stopped or failing during
/// the work (a batch of thousands, its folder moved away, the process
/// killed) leaves no temporary file behind. Standard output, devices and
/// FIFOs get the output as it comes.
pub fn emit_with(
    options: &Output,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> Result<(), Failure> {
    let Some(path) = &options.file else {
        return write_stdout(options.quiet, write);
    };
    refuse_existing_output(options)?;
    match options.device {
        // Rendered all the same, so its errors are said, then dropped.
        Some(Device::Null) => return write_stdout(true, write),
        Some(Device::Console) => return write_stdout(options.quiet, write),
        _ => {}
    }
    let written = match target(path) {
        Ok(Target::InPlace(path)) => write_in_place(&path, write),
        Ok(Target::Regular { path, replaces }) => {
            render_then_replace(&path, replaces.as_ref(), options, write)
        }
        Err(error) => Err(error),
    };
    written.doing(|| {
        let path = path.display();
        t!("无法写入 {path}", "cannot write {path}")
    })
}

/// Renders into memory, then writes the regular file `path` at once.
fn render_then_replace(
    path: &Path,
    replaces: Option<&fs::Metadata>,
    options: &Output,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> io::Result<()> {
    let mut rendered = Vec::new();
    if !write(&mut rendered)? {
        return Ok(());
    }
    let prepared = prepare(path, replaces, &rendered)?;
    prepared.persist(options.force)?;
    if let Some(replaced) = replaces {
        // Named as the user named it, not by its real path.
        let named = options.file.as_deref().unwrap_or(path);
        warn_of_broken_links(named, replaced, options.lang);
    }
    Ok(())
}

fn write_stdout(
    quiet: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> Result<(), Failure> {
    if quiet {
        write(&mut io::sink()).doing(|| t!("无法生成输出", "cannot render the output"))?;
        return Ok(());
    }
    let written = stdout_writer().and_then(|mut out| {
        write(&mut out)?;
        out.flush()
    });
    match written {
        // A reader that stopped early (`bscore … | head`) is not an error.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(error) => Err(Failure::io(
            t!("无法写入标准输出", "cannot write to standard output"),
            error,
        )),
        Ok(()) => Ok(()),
    }
}

/// Standard output, buffered, reporting every failure.
///
/// A process started with standard output closed (`bscore … >&-`) gets it
/// reopened on /dev/null by Rust's runtime, so the report would vanish
/// with exit 0: that is an error ([`Stream::is_closed`]).
#[cfg(unix)]
pub fn stdout_writer() -> io::Result<io::BufWriter<fs::File>> {
    use super::streams::Stream;
    use std::os::fd::AsFd;
    if Stream::Output.is_closed() {
        return Err(io::Error::other(Stream::Output.closed_message()));
    }
    let descriptor = io::stdout().as_fd().try_clone_to_owned()?;
    Ok(io::BufWriter::new(fs::File::from(descriptor)))
}

/// Standard output, buffered.
#[cfg(not(unix))]
pub fn stdout_writer() -> io::Result<io::BufWriter<io::Stdout>> {
    Ok(io::BufWriter::new(io::stdout()))
}

/// A device, FIFO or socket: written as it is (`/dev/stdout`, `/dev/full`,
/// a pipe), never replaced by a regular file. A name for a standard
/// stream that was closed at startup (`-o /dev/stdout >&-`) is an error:
/// the runtime's /dev/null in its place would swallow the report.
fn write_in_place(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<bool>,
) -> io::Result<()> {
    if let Some(stream) = closed_stream_named(path) {
        return Err(io::Error::other(stream.closed_message()));
    }
    let mut out = io::BufWriter::new(open_in_place(path)?);
    write(&mut out)?;
    out.flush()?;
    Ok(())
}

/// How long a FIFO output may wait for a program to read it.
#[cfg(unix)]
const FIFO_WAIT: std::time::Duration = std::time::Duration::from_secs(3);

/// Opens a device or FIFO for writing. Opening a FIFO no program reads
/// would wait forever: it is opened without waiting, retried for
/// [`FIFO_WAIT`] while nobody reads it, then refused; once open it is
/// written as usual (waiting while the reader catches up).
#[cfg(unix)]
fn open_in_place(path: &Path) -> io::Result<fs::File> {
    use rustix::fs::{OFlags, fcntl_getfl, fcntl_setfl};
    use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
    let fifo = fs::metadata(path).is_ok_and(|meta| meta.file_type().is_fifo());
    if !fifo {
        return fs::OpenOptions::new().write(true).open(path);
    }
    let started = std::time::Instant::now();
    let no_reader = rustix::io::Errno::NXIO.raw_os_error();
    loop {
        let opened = fs::OpenOptions::new()
            .write(true)
            .custom_flags(OFlags::NONBLOCK.bits() as i32)
            .open(path);
        match opened {
            Ok(file) => {
                let flags = fcntl_getfl(&file)?;
                fcntl_setfl(&file, flags - OFlags::NONBLOCK)?;
                return Ok(file);
            }
            Err(error) if error.raw_os_error() == Some(no_reader) => {
                if started.elapsed() >= FIFO_WAIT {
                    let seconds = FIFO_WAIT.as_secs();
                    let shown = path.display();
                    return Err(io::Error::other(t!(
                        "这是命名管道（FIFO），等待 {seconds} 秒仍没有程序读取：请先启动读取它的程序（例如 cat {shown}），或改用普通文件名",
                        "it is a FIFO (named pipe) and no program read it within {seconds} s: start the program that reads it first (e.g. cat {shown}), or name a regular file"
                    )));
                }
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(error) => return Err(error),
        }
    }
}

/// Opens a device for writing.
#[cfg(not(unix))]
fn open_in_place(path: &Path) -> io::Result<fs::File> {
    fs::OpenOptions::new().write(true).open(path)
}

/// A file's new content, complete in a temporary file beside it and
/// registered for removal on interrupt, waiting to be renamed into place.
pub(super) struct Prepared {
    pub(super) path: PathBuf,
    temporary: tempfile::NamedTempFile,
    pending: Pending,
}

impl Prepared {
    /// Renames the temporary file into place: over an existing file only
    /// when `force`.
    pub(super) fn persist(self, force: bool) -> io::Result<()> {
        let Prepared {
            path,
            temporary,
            pending,
        } = self;
        let persisted = if force {
            temporary.persist(&path).map_err(|e| e.error)
        } else {
            temporary.persist_noclobber(&path).map_err(|e| e.error)
        };
        persisted.map_err(|error| held_open_or(&path, error))?;
        drop(pending);
        Ok(())
    }
}

/// Why Windows refused to replace `path`: replacing a file another
/// program holds open (Excel holds an open workbook, without sharing) is
/// "access denied", which names no cause. A file that cannot be opened
/// even for reading without sharing is held open: then the sharing
/// violation is the error, which the user is told in words
/// ([`crate::message::io_reason`]).
#[cfg(windows)]
fn held_open_or(path: &Path, error: io::Error) -> io::Error {
    use std::os::windows::fs::OpenOptionsExt;
    const ACCESS_DENIED: i32 = 5;
    const SHARING_VIOLATION: i32 = 32;
    const LOCK_VIOLATION: i32 = 33;
    if error.raw_os_error() != Some(ACCESS_DENIED) {
        return error;
    }
    match fs::OpenOptions::new().read(true).share_mode(0).open(path) {
        Err(probe)
            if matches!(
                probe.raw_os_error(),
                Some(SHARING_VIOLATION | LOCK_VIOLATION)
            ) =>
        {
            probe
        }
        _ => error,
    }
}

/// Elsewhere a file held open by another program can be replaced.
#[cfg(not(windows))]
fn held_open_or(_path: &Path, error: io::Error) -> io::Error {
    error
}

/// Writes `bytes` into a new temporary file beside `path`, with the owner,
/// group and permissions of the file it replaces, if any.
pub(super) fn prepare(
    path: &Path,
    replaces: Option<&fs::Metadata>,
    bytes: &[u8],
) -> io::Result<Prepared> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temporary = new_temporary(directory)?;
    let pending = Pending::register(temporary.path());
    temporary.write_all(bytes)?;
    temporary.flush()?;
    if let Some(replaced) = replaces {
        keep_owner_and_mode(temporary.as_file(), temporary.path(), replaced)?;
    }
    Ok(Prepared {
        path: path.to_path_buf(),
        temporary,
        pending,
    })
}

/// Gives the new file the owner and group of the one it replaces, where
/// the process may (only root may give a file away: otherwise the owner is
/// the user running bscore, and the group is kept if the user is in it),
/// and its permission bits, never setuid, setgid or sticky: those would
/// make a report, or a stranger's copy of a program, run with another's
/// rights.
#[cfg(unix)]
fn keep_owner_and_mode(file: &fs::File, _path: &Path, replaced: &fs::Metadata) -> io::Result<()> {
    use rustix::fs::{Gid, Mode, Uid, fchmod, fchown};
    use std::os::unix::fs::MetadataExt;
    let (owner, group) = (Uid::from_raw(replaced.uid()), Gid::from_raw(replaced.gid()));
    let not_allowed = |result: rustix::io::Result<()>| match result {
        Err(rustix::io::Errno::PERM) => Ok(false),
        other => other.map(|()| true),
    };
    if !not_allowed(fchown(file, Some(owner), Some(group)))? {
        not_allowed(fchown(file, None, Some(group)))?;
    }
    fchmod(file, Mode::from_raw_mode(replaced.mode() & 0o777))?;
    Ok(())
}

/// Gives the new file the permissions (read-only or not) of the one it
/// replaces.
#[cfg(not(unix))]
fn keep_owner_and_mode(_file: &fs::File, path: &Path, replaced: &fs::Metadata) -> io::Result<()> {
    fs::set_permissions(path, replaced.permissions())
}

/// Says, on standard error in `lang`, that the other names (hard links)
/// of a replaced file still hold the old content: the new file is a file
/// of its own, and they no longer follow it.
#[cfg(unix)]
pub(super) fn warn_of_broken_links(path: &Path, replaced: &fs::Metadata, lang: Lang) {
    use std::os::unix::fs::MetadataExt;
    let others = replaced.nlink().saturating_sub(1);
    if others == 0 {
        return;
    }
    let shown = path.display();
    warn(
        &t!(
            "{shown} 原有 {others} 个其他名称（硬链接）指向同一份内容：它们仍是旧内容，不再随 {shown} 更新；如需保持一致，请重新建立链接（ln -f {shown} 其他名称）",
            "{shown} had {others} other name(s) (hard links) for the same content: they keep the old content and no longer follow {shown}; to keep them the same, link them again (ln -f {shown} OTHER)"
        ),
        lang,
    );
}

/// Windows reports no link count through the standard library.
#[cfg(not(unix))]
pub(super) fn warn_of_broken_links(_path: &Path, _replaced: &fs::Metadata, _lang: Lang) {}

/// A warning on standard error, in `lang`; the command goes on.
fn warn(message: &Text, lang: Lang) {
    let label = match lang {
        Lang::Zh => "警告",
        Lang::En => "warning",
    };
    let message = crate::text::visible(message.get(lang), true);
    // Nothing sensible is left to do if standard error itself is gone.
    let _ = writeln!(io::stderr().lock(), "{label}: {message}");
}

/// Writes a file that goes beside the regular file `output` (the schema a
/// template names), named `name`, unless something of that name is
/// already there. Nothing is written beside a device, FIFO or socket
/// (`-o /dev/null` would put it in /dev), and never through a symbolic
/// link: a link of that name is left as it is, with a warning in `lang`.
pub fn write_beside(output: &Path, name: &str, bytes: &[u8], lang: Lang) -> Result<(), Failure> {
    if windows_device(output).is_some() {
        return Ok(());
    }
    let Some(real) = fs::canonicalize(output)
        .ok()
        .filter(|real| fs::metadata(real).is_ok_and(|meta| meta.is_file()))
    else {
        return Ok(());
    };
    let beside = real.with_file_name(name);
    match fs::symlink_metadata(&beside) {
        Ok(meta) if meta.file_type().is_symlink() => {
            let shown = beside.display();
            warn(
                &t!(
                    "{shown} 是符号链接，未写入（不会写到链接指向的位置）；需要时请删除该链接后重新生成，或用 bscore schema -o 文件名 另行生成",
                    "{shown} is a symbolic link and was not written (bscore does not write through it); remove the link and run again, or write the schema with bscore schema -o FILE"
                ),
                lang,
            );
            Ok(())
        }
        Ok(_) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            // Not replacing anything: a link or file made meanwhile is kept.
            prepare(&beside, None, bytes)
                .and_then(|prepared| prepared.persist(false))
                .doing(|| {
                    let shown = beside.display();
                    t!("无法写入 {shown}", "cannot write {shown}")
                })
        }
        Err(error) => {
            let shown = beside.display();
            Err(Failure::io(
                t!("无法写入 {shown}", "cannot write {shown}"),
                error,
            ))
        }
    }
}

#[cfg(unix)]
fn new_temporary(directory: &Path) -> io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt;
    tempfile::Builder::new()
        .permissions(fs::Permissions::from_mode(0o666))
        .tempfile_in(directory)
}

#[cfg(not(unix))]
fn new_temporary(directory: &Path) -> io::Result<tempfile::NamedTempFile> {
    tempfile::NamedTempFile::new_in(directory)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::files::interrupt::none_pending_in;

    fn output_in(dir: &Path, force: bool) -> Output {
        Output {
            file: Some(dir.join("report.json")),
            force,
            ..Output::default()
        }
    }

    /// The names in `dir`.
    pub(in crate::files) fn entries(dir: &Path) -> Vec<String> {
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
        let Err(Failure::Io { doing, cause }) = result else {
            panic!("expected an I/O failure")
        };
        assert!(doing.en.contains("report.json"), "{doing:?}");
        assert_eq!(cause.raw_os_error(), Some(28), "{cause:?}");
        assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
        assert!(none_pending_in(dir.path()));
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
