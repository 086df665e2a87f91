//! Temporary files being written are removed when the run is
//! interrupted (Ctrl-C, SIGTERM, SIGHUP), which then ends with the
//! shell's code for the signal.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Temporary files being written, removed if the process is interrupted.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file registered for removal on SIGINT or SIGTERM while it
/// lives (normal and error paths remove it by dropping it).
pub(super) struct Pending(PathBuf);

impl Pending {
    pub(super) fn register(path: &Path) -> Pending {
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

/// Whether no temporary file in `dir` is registered (other tests
/// register theirs at the same time).
#[cfg(test)]
pub(super) fn none_pending_in(dir: &Path) -> bool {
    let pending = PENDING.lock().unwrap();
    !pending.iter().any(|path| path.starts_with(dir))
}
