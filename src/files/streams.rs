//! Standard input, output and error when they were closed before bscore
//! started (`bscore … >&-`, `<&-`): Rust's runtime reopens each closed one
//! on /dev/null, so a report would vanish and an audit read as empty, both
//! without a word. Such a stream is told from one redirected to /dev/null
//! by its open mode: the runtime opens /dev/null for reading and writing, a
//! shell's `> /dev/null` for writing only and `< /dev/null` for reading
//! only. The names that lead to one of them (`/dev/stdout`, `/dev/fd/1`,
//! `/proc/self/fd/0` …) are caught too. And how wide standard output is,
//! when it is a terminal.

use crate::message::Text;
use crate::message::t;
use std::io::IsTerminal;
use std::path::Path;

/// The longest chain of symbolic links followed to a file that does not
/// exist yet (as Linux's own limit).
pub(super) const MAX_LINKS: usize = 40;

/// One of the three standard streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// On Windows no name leads to standard output or error.
#[cfg_attr(not(unix), allow(dead_code))]
pub enum Stream {
    /// Standard input (descriptor 0).
    Input,
    /// Standard output (descriptor 1).
    Output,
    /// Standard error (descriptor 2).
    Error,
}

impl Stream {
    /// The stream a descriptor number names, if it names one.
    #[cfg(unix)]
    fn of_descriptor(name: &str) -> Option<Stream> {
        match name {
            "0" => Some(Stream::Input),
            "1" => Some(Stream::Output),
            "2" => Some(Stream::Error),
            _ => None,
        }
    }

    /// Why nothing can be read from or written to it, and what to do.
    pub fn closed_message(self) -> Text {
        match self {
            Stream::Input => t!(
                "标准输入已关闭：请用 < 文件名 把评价文件送入，或直接写出文件名代替 -",
                "standard input is closed: feed the audit with < FILE, or name the file instead of -"
            ),
            Stream::Output => t!(
                "标准输出已关闭：请把它重定向到文件，或用 --output 指定输出文件",
                "standard output is closed: redirect it to a file, or use --output"
            ),
            Stream::Error => t!(
                "标准错误输出已关闭：请把它重定向到文件，或用 --output 指定输出文件",
                "standard error is closed: redirect it to a file, or use --output"
            ),
        }
    }

    /// Whether this stream was closed when bscore started (and reopened on
    /// /dev/null by Rust's runtime).
    #[cfg(unix)]
    pub fn is_closed(self) -> bool {
        use std::os::fd::AsFd;
        match self {
            Stream::Input => reopened_on_dev_null(std::io::stdin().as_fd()),
            Stream::Output => reopened_on_dev_null(std::io::stdout().as_fd()),
            Stream::Error => reopened_on_dev_null(std::io::stderr().as_fd()),
        }
    }

    /// Windows gives a closed stream no descriptor to mistake for a file.
    #[cfg(not(unix))]
    pub fn is_closed(self) -> bool {
        false
    }
}

/// Whether `descriptor` is /dev/null opened for reading and writing: how
/// Rust's runtime fills a standard stream that was closed at startup.
#[cfg(unix)]
pub fn reopened_on_dev_null(descriptor: std::os::fd::BorrowedFd<'_>) -> bool {
    use rustix::fs::{OFlags, fcntl_getfl, fstat};
    use std::os::unix::fs::MetadataExt;
    let (Ok(flags), Ok(stat), Ok(null)) = (
        fcntl_getfl(descriptor),
        fstat(descriptor),
        std::fs::metadata("/dev/null"),
    ) else {
        return false;
    };
    flags & OFlags::RWMODE == OFlags::RDWR && stat.st_rdev == null.rdev() && null.rdev() != 0
}

/// The standard stream `path` leads to, if its chain of links goes
/// through a descriptor of this process (`/dev/stdout` is a link to
/// `/proc/self/fd/1`, `/dev/fd` one to `/proc/self/fd`).
#[cfg(unix)]
pub fn stream_named(path: &Path) -> Option<Stream> {
    let descriptors = std::fs::canonicalize("/proc/self/fd").ok()?;
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        let parent = match current.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => std::path::PathBuf::from("."),
        };
        let in_descriptors = std::fs::canonicalize(&parent).is_ok_and(|dir| dir == descriptors);
        let name = current.file_name().and_then(|name| name.to_str());
        if in_descriptors && let Some(stream) = name.and_then(Stream::of_descriptor) {
            return Some(stream);
        }
        let next = std::fs::read_link(&current).ok()?;
        current = parent.join(next);
    }
    None
}

/// Windows has no paths that name a standard stream's descriptor.
#[cfg(not(unix))]
pub fn stream_named(_path: &Path) -> Option<Stream> {
    None
}

/// The closed standard stream `path` names, if it names one that was
/// closed at startup.
pub fn closed_stream_named(path: &Path) -> Option<Stream> {
    stream_named(path).filter(|stream| stream.is_closed())
}

/// The width terminal tables fit in: `asked` (`--width`), else the
/// terminal's, else `COLUMNS` (what shells export to programs whose
/// output is piped), else 100.
pub fn table_width(asked: Option<u16>) -> u16 {
    const PIPED: u16 = 100;
    if let Some(width) = asked {
        return width;
    }
    if std::io::stdout().is_terminal()
        && let Some(width) = comfy_table::Table::new().width()
    {
        return width;
    }
    std::env::var("COLUMNS")
        .ok()
        .and_then(|columns| columns.trim().parse::<u16>().ok())
        .filter(|columns| *columns >= 20)
        .unwrap_or(PIPED)
}
