//! What is checked of an output before any work, so that a refusal
//! costs nothing and changes nothing: an output that is one of the
//! command's inputs, a name asking for a kind the command does not write
//! or contradicting `--format`, a binary format for a terminal, a format
//! bscore never writes, and an existing file without `--force`.

use super::names::{Device, Writes, Written, chosen_kind, windows_refusal};
use super::output::Output;
use crate::failure::Failure;
use crate::message::Text;
use crate::message::t;
use std::fs;
use std::io::{self, IsTerminal};
use std::path::{Path, PathBuf};

impl Output {
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
/// first, with advice that fits it ([`super::names::output_kind`]); this is the
/// last guard, before any file is touched.
fn refuse_unwritten_format(path: &Path) -> Result<(), Failure> {
    // A kind one command writes (`.docx`, `bscore report`'s) was checked
    // against the kinds of the command at hand when it chose its output.
    if super::names::not_written(path).is_none() || super::names::Written::of(path).is_some() {
        return Ok(());
    }
    let extension = super::names::extension_of(path).unwrap_or_default();
    let path = path.display();
    Err(Failure::Usage(t!(
        "--output {path}：bscore 不生成 .{extension} 文件（未写入任何文件）",
        "--output {path}: bscore does not write .{extension} files (nothing was written)"
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
            "--output {path} 是输入文件 {input}：请另选一个文件写入",
            "--output {path} is the input {input}: choose another file to write"
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
