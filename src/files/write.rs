//! Writing outputs without destroying anything: a regular file is rendered
//! in memory, then written beside itself and renamed (never half-written,
//! no temporary file while the work goes on; its owner, group and
//! permissions kept, never setuid), a symbolic link is written through to
//! its target, a device or FIFO is written in place (a FIFO nobody reads
//! is refused after a short wait), files written together (the manual's
//! pages) are all written or none, and an output that is one of the
//! command's inputs is refused. Every failed write, standard output
//! included, is an error.

use super::names::{Device, Writes, Written, chosen_kind, windows_device, windows_refusal};
use super::streams::{MAX_LINKS, closed_stream_named};
use crate::failure::Doing;
use crate::failure::Failure;
use crate::message::{Lang, Text};
use crate::t;
use std::fs;
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

    /// The kind of file to write here, checked before any work: the
    /// output is none of the inputs ([`refuse_input_as_output`]), its
    /// name asks for a kind `writes` writes and agrees with `--format`
    /// ([`chosen_kind`]), a binary kind does not go to a terminal, and an
    /// existing file is replaced only with `--force`
    /// ([`refuse_existing_output`]).
    pub fn checked_kind(
        &self,
        writes: &Writes,
        asked: Option<(Written, String)>,
        default: Written,
    ) -> Result<Written, Failure> {
        refuse_input_as_output(self)?;
        let kind =
            chosen_kind(writes, asked, self.file.as_deref(), default).map_err(Failure::Usage)?;
        if kind.is_binary() {
            self.refuse_binary_to_terminal()?;
        }
        refuse_existing_output(self)?;
        Ok(kind)
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
/// says whether standard output is one. Not named (no `--output`), or
/// named but a terminal, the remedy is the same, so it is said once.
fn binary_refusal(output: &Output, terminal: bool) -> Option<Text> {
    let console = output.device == Some(Device::Console);
    if output.file.is_some() && !console {
        return None;
    }
    let named = output.stdout_named || console;
    (!named || terminal).then(binary_needs_output)
}

/// A binary format needs a file, or a named standard output that is no
/// terminal.
fn binary_needs_output() -> Text {
    t!(
        "XLSX 是二进制文件：请用 --output 文件名.xlsx 指定输出文件（写到管道或重定向时用 --output -）",
        "XLSX is a binary file and cannot be shown on a terminal: name it with --output FILE.xlsx (or --output - to write it to a pipe or a redirection)"
    )
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
    /// with what is known of the file it replaces.
    Regular {
        path: PathBuf,
        replaces: Option<fs::Metadata>,
    },
    /// A device, FIFO or socket: opened and written in place, never replaced.
    InPlace(PathBuf),
}

fn target(path: &Path) -> io::Result<Target> {
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

/// Checked before any work, so a refusal costs nothing and changes
/// nothing: a format bscore does not write (`.pdf`, `.docx`, `.xls` …) is
/// refused, an existing regular file needs `--force`, and no output may be
/// one of the command's inputs, even with `--force`.
pub fn refuse_existing_output(options: &Output) -> Result<(), Failure> {
    let Some(path) = &options.file else {
        return Ok(());
    };
    refuse_input_as_output(options)?;
    if cfg!(windows)
        && let Some(refusal) = windows_refusal(path)
    {
        return Err(Failure::Usage(refusal));
    }
    if options.device.is_some() {
        // NUL and CON: there is no file to keep.
        return Ok(());
    }
    refuse_unwritten_format(path)?;
    let existing = fs::metadata(path).ok().filter(|meta| meta.is_file());
    if existing.is_some() && !options.force {
        let path = path.display();
        return Err(Failure::Usage(t!(
            "{path} 已存在；确需覆盖请加 --force",
            "{path} already exists; use --force to overwrite it"
        )));
    }
    if cfg!(windows) && existing.is_some_and(|meta| meta.permissions().readonly()) {
        return Err(Failure::Usage(read_only(path)));
    }
    Ok(())
}

/// A read-only file asked to be replaced on Windows, where "read-only" is
/// a box the user ticked in the file's properties (and Windows would
/// refuse the write as "access denied", naming no cause): said, with
/// where to untick it. `--force` does not override it: the box was ticked
/// to keep the file.
fn read_only(path: &Path) -> Text {
    let path = path.display();
    t!(
        "{path} 是只读文件，未覆盖（未写入任何文件）：请在资源管理器中右键该文件→“属性”，取消勾选“只读”后重试，或另选文件名",
        "{path} is read-only and was not replaced (nothing was written): right-click it in Explorer, choose Properties, untick Read-only and try again, or choose another name"
    )
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
struct Prepared {
    path: PathBuf,
    temporary: tempfile::NamedTempFile,
    pending: Pending,
}

impl Prepared {
    /// Renames the temporary file into place: over an existing file only
    /// when `force`.
    fn persist(self, force: bool) -> io::Result<()> {
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
fn prepare(path: &Path, replaces: Option<&fs::Metadata>, bytes: &[u8]) -> io::Result<Prepared> {
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
fn warn_of_broken_links(path: &Path, replaced: &fs::Metadata, lang: Lang) {
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
fn warn_of_broken_links(_path: &Path, _replaced: &fs::Metadata, _lang: Lang) {}

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

/// Writes every file of `outputs` or none (the pages of the manual): each
/// is checked, then all are written to temporary files beside them, then
/// renamed into place one after another. If any step fails, the
/// temporary files are removed, the files already renamed are put back
/// as they were (the previous file, by a link kept to it) or removed (a
/// new one), and the error is returned: every existing file is left
/// untouched.
pub fn emit_all(outputs: &[(Output, &[u8])]) -> Result<(), Failure> {
    let mut planned = Vec::new();
    for (output, _) in outputs {
        refuse_existing_output(output)?;
        if let Some(path) = &output.file {
            planned.push(plan_regular(path)?);
        }
    }
    let mut prepared = Vec::new();
    for ((path, replaces), (_, bytes)) in planned.iter().zip(outputs) {
        let one = prepare(path, replaces.as_ref(), bytes).doing(|| {
            let shown = path.display();
            t!("无法写入 {shown}", "cannot write {shown}")
        })?;
        prepared.push(one);
    }
    let force = outputs.iter().all(|(output, _)| output.force);
    replace_all(prepared, force)?;
    let lang = outputs.first().map_or_else(Lang::default, |(o, _)| o.lang);
    for (path, replaces) in &planned {
        if let Some(replaced) = replaces {
            warn_of_broken_links(path, replaced, lang);
        }
    }
    Ok(())
}

/// The real path of a regular file to write and what it replaces; a
/// device, FIFO or socket is refused (it cannot be put back as it was).
fn plan_regular(path: &Path) -> Result<(PathBuf, Option<fs::Metadata>), Failure> {
    let shown = path.display();
    match target(path) {
        Ok(Target::Regular { path, replaces }) => Ok((path, replaces)),
        Ok(Target::InPlace(_)) => Err(Failure::Usage(t!(
            "无法写入 {shown}：它不是普通文件（而是设备、命名管道或套接字）；请删除它，或另选目录（未写入任何文件）",
            "cannot write {shown}: it is not a regular file (a device, FIFO or socket); remove it or choose another folder (nothing was written)"
        ))),
        Err(error) => Err(Failure::io(
            t!(
                "无法写入 {shown}（未写入任何文件）",
                "cannot write {shown} (nothing was written)"
            ),
            error,
        )),
    }
}

/// Renames every prepared file into place, or, if one rename fails, puts
/// back those already renamed and removes the rest.
fn replace_all(prepared: Vec<Prepared>, force: bool) -> Result<(), Failure> {
    let mut kept = Vec::new();
    for one in &prepared {
        kept.push(keep_previous(&one.path).doing(|| {
            let shown = one.path.display();
            t!(
                "无法为 {shown} 保留原文件以便出错时恢复（未写入任何文件）",
                "cannot keep {shown} aside to restore it on failure (nothing was written)"
            )
        })?);
    }
    let mut done: Vec<(PathBuf, Option<Previous>)> = Vec::new();
    for (one, previous) in prepared.into_iter().zip(kept) {
        let path = one.path.clone();
        if let Err(error) = one.persist(force) {
            for (path, previous) in done.into_iter().rev() {
                match previous {
                    Some(Previous(previous, _pending)) => {
                        let _ = previous.persist(&path);
                    }
                    None => {
                        let _ = fs::remove_file(&path);
                    }
                }
            }
            let shown = path.display();
            return Err(Failure::io(
                t!(
                    "无法写入 {shown}（所有文件均保持原样）",
                    "cannot write {shown} (every file was left as it was)"
                ),
                error,
            ));
        }
        done.push((path, previous));
    }
    Ok(())
}

/// A second name (a hard link) for a file about to be replaced, removed
/// when dropped (and on interrupt): what puts the file back if the files
/// written with it cannot all be written.
struct Previous(tempfile::TempPath, Pending);

/// The [`Previous`] of the file at `path`, if there is one.
fn keep_previous(path: &Path) -> io::Result<Option<Previous>> {
    if !fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file()) {
        return Ok(None);
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let reserved = tempfile::Builder::new()
        .prefix(".bscore-previous")
        .tempfile_in(directory)?
        .into_temp_path();
    fs::remove_file(&reserved)?;
    let pending = Pending::register(&reserved);
    fs::hard_link(path, &reserved)?;
    Ok(Some(Previous(reserved, pending)))
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

/// Removes the temporary files of writes under way.
fn remove_pending() {
    if let Ok(pending) = PENDING.lock() {
        for path in pending.iter() {
            let _ = fs::remove_file(path);
        }
    }
}

/// Removes the temporary files of interrupted writes when SIGINT, SIGTERM
/// or SIGHUP arrives, then exits with the shell's code for a command
/// killed by that signal: 128 + its number (130 for Ctrl-C, 143 for
/// SIGTERM, 129 for SIGHUP).
///
/// The three signals are blocked in every thread (threads started later
/// inherit that) and one thread waits for them: it learns which one came,
/// which a signal handler that only says "interrupted" cannot tell.
#[cfg(unix)]
pub fn clean_up_on_interrupt() {
    use nix::sys::signal::{SigSet, Signal};
    let mut signals = SigSet::empty();
    for signal in [Signal::SIGINT, Signal::SIGTERM, Signal::SIGHUP] {
        signals.add(signal);
    }
    // If they cannot be blocked, they keep their default action: the
    // temporary file is only left behind, as when the process is killed.
    if signals.thread_block().is_err() {
        return;
    }
    let waiting = std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            loop {
                match signals.wait() {
                    Ok(signal) => {
                        remove_pending();
                        std::process::exit(128 + signal as i32);
                    }
                    // sigwait fails only for a set it cannot wait on: try
                    // again later rather than spin.
                    Err(_) => std::thread::sleep(std::time::Duration::from_millis(100)),
                }
            }
        });
    if waiting.is_err() {
        let _ = signals.thread_unblock();
    }
}

/// Removes the temporary files of interrupted writes on Ctrl-C (or a
/// console closing), then exits with the shell's code for an interrupted
/// command (130).
#[cfg(not(unix))]
pub fn clean_up_on_interrupt() {
    // If no handler can be installed (one already is), the temporary file
    // is only left behind when the process is killed, as before.
    let _ = ctrlc::set_handler(|| {
        remove_pending();
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

    /// Whether no temporary file in `dir` is registered (other tests
    /// register theirs at the same time).
    fn no_pending_in(dir: &Path) -> bool {
        let pending = PENDING.lock().unwrap();
        !pending.iter().any(|path| path.starts_with(dir))
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
        let Err(Failure::Io { doing, cause }) = result else {
            panic!("expected an I/O failure")
        };
        assert!(doing.en.contains("report.json"), "{doing:?}");
        assert_eq!(cause.raw_os_error(), Some(28), "{cause:?}");
        assert!(entries(dir.path()).is_empty(), "{:?}", entries(dir.path()));
        assert!(no_pending_in(dir.path()));
    }

    #[test]
    fn a_binary_format_goes_to_a_file_or_a_named_standard_output_that_is_no_terminal() {
        let file = Output::named(Some(Path::new("r.xlsx")), false, false, Vec::new());
        assert!(binary_refusal(&file, true).is_none());
        let dash = Output::named(Some(Path::new("-")), false, false, Vec::new());
        assert_eq!(dash.file, None);
        assert!(binary_refusal(&dash, false).is_none());
        let terminal = binary_refusal(&dash, true).unwrap();
        let unnamed = binary_refusal(&Output::stdout(false), false).unwrap();
        assert_eq!(terminal, unnamed);
        assert!(unnamed.zh.contains("--output -"), "{unnamed:?}");
        assert!(unnamed.en.contains("--output FILE.xlsx"), "{unnamed:?}");
    }

    /// `-o CON` is standard output, so XLSX may go there only when it is
    /// no terminal; `-o NUL` takes anything.
    #[test]
    fn a_binary_format_goes_to_con_as_to_standard_output_and_anywhere_to_nul() {
        let device = |device| Output {
            file: Some(PathBuf::from("x.xlsx")),
            device: Some(device),
            ..Output::default()
        };
        let console = device(Device::Console);
        assert!(binary_refusal(&console, false).is_none());
        assert!(binary_refusal(&console, true).is_some());
        assert!(binary_refusal(&device(Device::Null), true).is_none());
    }

    /// The last of three files cannot be renamed into place (a folder of
    /// its name appeared): the first is put back as it was, the same file,
    /// and the second, new, is removed.
    #[test]
    fn a_failed_rename_puts_back_the_files_already_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let [first, second, third] = ["a.1", "b.1", "c.1"].map(|name| dir.path().join(name));
        fs::write(&first, "previous").unwrap();
        let replaced = fs::metadata(&first).unwrap();
        let prepared = vec![
            prepare(&first, Some(&replaced), b"new a").unwrap(),
            prepare(&second, None, b"new b").unwrap(),
            prepare(&third, None, b"new c").unwrap(),
        ];
        fs::create_dir(&third).unwrap();
        assert!(replace_all(prepared, true).is_err());
        assert_eq!(fs::read_to_string(&first).unwrap(), "previous");
        let mut left = entries(dir.path());
        left.sort();
        assert_eq!(left, ["a.1", "c.1"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            assert_eq!(fs::metadata(&first).unwrap().ino(), replaced.ino());
        }
        assert!(no_pending_in(dir.path()));
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
