//! Reading inputs: files, `-` for standard input, directories of audits,
//! with a size limit checked before anything is read.

use crate::diagnostic::{Diagnostic, InputError};
use crate::message::t;
use crate::message::{Text, io_reason};
use crate::shown::Page;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// An input file's name, as the user gave it, and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The name shown in messages and reports.
    pub name: String,
    /// The file's text; for an XLSX form, the audit it holds as TOML.
    pub text: String,
    /// The SHA-256 of the file exactly as read (a form's workbook bytes).
    pub digest: String,
    /// For a form, which cell each value of `text` came from.
    pub form: Option<crate::form::FormAudit>,
}

impl Source {
    /// A TOML file's source.
    pub fn toml(name: impl Into<String>, text: impl Into<String>) -> Source {
        let text = text.into();
        Source {
            name: name.into(),
            digest: crate::trace::sha256(&text),
            text,
            form: None,
        }
    }

    /// The audit, validated against `checklist` and each finding put to
    /// `checks` (the 细则's, each draw's); a form's problems are named by
    /// sheet and cell.
    pub fn audit(
        &self,
        checklist: &crate::checklist::Checklist,
        checks: crate::audit::Checks<'_>,
    ) -> Result<crate::audit::Audit, InputError> {
        match &self.form {
            Some(form) => form.audit(&self.name, checklist, checks),
            None => crate::audit::Audit::parse_checked(&self.name, &self.text, checklist, checks),
        }
    }
}

/// Whether `path` names a TOML audit, in any case of its extension
/// (`GOLD.TOML`, as some Windows tools save names): what a folder is read
/// for, beside its forms.
fn is_toml(path: &Path) -> bool {
    path.extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("toml"))
}

use crate::input::is_form;

/// The audit files named on the command line: files as given, directories
/// as their `*.toml` files in name order. A directory without any, or that
/// cannot be listed, and every `*.toml` entry in it that is not a regular
/// file, are input errors, reported with the others.
/// Also returns how many audits were named: files, and every `*.toml`
/// entry of the directories, readable or not.
fn expand(paths: &[PathBuf]) -> (Vec<Result<PathBuf, InputError>>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if !path.is_dir() {
            files.push(Ok(path.clone()));
            continue;
        }
        let name = path.display().to_string();
        match toml_entries(path) {
            Ok(found) if found.is_empty() => {
                errors.push(InputError::whole_file(
                    name,
                    t!(
                        "该目录下没有 *.toml 评价文件",
                        "directory has no *.toml files"
                    ),
                ));
            }
            Ok(found) => files.extend(found),
            Err(error) => errors.push(InputError::whole_file(
                name,
                t!("无法列出目录内容：", "cannot list: ").joined(("", ""), &io_reason(&error)),
            )),
        }
    }
    (files, errors)
}

/// The `*.toml` entries of a directory (and forms, any case of either
/// extension), in name order: regular files and
/// links to them are read; every other entry (a dangling or looping link,
/// a FIFO, a socket, a directory) is reported, never waited on or skipped,
/// in its place among the others.
fn toml_entries(directory: &Path) -> io::Result<Vec<Result<PathBuf, InputError>>> {
    let mut found = Vec::new();
    let mut locks = Vec::new();
    for entry in std::fs::read_dir(directory)? {
        let path = entry?.path();
        if is_lock_file(&path) {
            locks.push(path);
        } else if is_toml(&path) || is_form(&path) {
            found.push(path);
        }
    }
    found.sort();
    skipped_locks(&mut locks);
    Ok(found.into_iter().map(audit_file).collect())
}

/// `path` if it is a regular file (or a link to one), else why not.
fn audit_file(path: PathBuf) -> Result<PathBuf, InputError> {
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => Ok(path),
        Ok(meta) => {
            let (zh, en) = kind_of(&meta.file_type());
            Err(InputError::whole_file(
                path.display().to_string(),
                t!("是{zh}，不是评价文件", "is {en}, not an audit file"),
            ))
        }
        Err(error) => Err(InputError::whole_file(
            path.display().to_string(),
            t!("无法读取：", "cannot be read: ").joined(("", ""), &io_reason(&error)),
        )),
    }
}

/// Says on standard error, once for a directory, in both languages (the
/// reader does not know the user's), which lock files it leaves out:
/// Excel and WPS keep one beside every open form, and it is no audit.
fn skipped_locks(locks: &mut [PathBuf]) {
    if locks.is_empty() {
        return;
    }
    locks.sort();
    let names: Vec<String> = locks
        .iter()
        .map(|path| path.display().to_string())
        .collect();
    let names = names.join(", ");
    eprintln!(
        "bscore: 已跳过 Excel/WPS 的锁定文件（打开评分表时自动生成，不是评分表）：{names}\nbscore: skipped Excel/WPS lock files (kept while a form is open, not forms): {names}"
    );
}

/// What a file that is not a regular file is, in Chinese and English.
fn kind_of(file_type: &std::fs::FileType) -> (&'static str, &'static str) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return ("命名管道", "a FIFO (named pipe)");
        }
        if file_type.is_socket() {
            return ("套接字", "a socket");
        }
        if file_type.is_char_device() || file_type.is_block_device() {
            return ("设备", "a device");
        }
    }
    if file_type.is_dir() {
        ("目录", "a directory")
    } else {
        ("特殊文件", "not a regular file")
    }
}

use crate::input::MAX_INPUT_BYTES;

/// Largest JSON result `verify` reads: a batch of a few thousand audits.
pub const MAX_RESULT_BYTES: u64 = 64 * 1024 * 1024;

/// What a file is read as: what its messages call it, and what text of
/// another encoding is recognised by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An audit, a checklist, a 细则 or a JSON result: TOML or JSON.
    Toml,
    /// A list of items to draw from, one a line.
    List,
}

fn too_large(name: &str, bytes: u64, limit: u64, kind: Kind) -> InputError {
    // Shown to one decimal: a size, not a figure that decides anything;
    // in bytes when that would read as the limit itself (4 MiB and a byte
    // is "4.0 MiB").
    let mebibytes = bytes as f64 / (1024.0 * 1024.0);
    let limit = limit / (1024 * 1024);
    let size = match format!("{mebibytes:.1}") {
        shown if shown == format!("{limit}.0") => format!("{mebibytes:.6}"),
        shown => shown,
    };
    InputError::whole_file(
        name,
        match kind {
            Kind::Toml => t!(
                "文件大小 {size} MiB，超过 {limit} MiB 的上限（评价文件通常只有几十 KiB：是不是选错了文件？）",
                "is {size} MiB; inputs are limited to {limit} MiB (an audit is a few dozen KiB: is this the right file?)"
            ),
            Kind::List => t!(
                "文件大小 {size} MiB，超过 {limit} MiB 的上限：清单每行一项，十万项也只有几 MiB，是不是选错了文件？",
                "is {size} MiB; lists are limited to {limit} MiB (a hundred thousand items are a few MiB: is this the right file?)"
            ),
        },
    )
}

/// Reads one audit or checklist (`-` is standard input) as UTF-8 text,
/// refusing inputs over [`MAX_INPUT_BYTES`] before reading them whole.
pub fn read_source(path: &Path) -> Result<Source, InputError> {
    read_limited(path, MAX_INPUT_BYTES)
}

/// Reads a TOML file that is never a form (a 评分细则), as UTF-8 text up
/// to [`MAX_INPUT_BYTES`]; a workbook or an HTML page given instead is
/// refused, named as what it is.
pub fn read_toml_text(path: &Path) -> Result<Source, InputError> {
    let text = read_text_refusing(
        path,
        t!(
            "这是一个 XLSX 工作簿，不是 TOML 文件：评分细则写成 TOML（bscore rules init 生成一份起始文件）",
            "this is an XLSX workbook, not a TOML file: scoring rules are written in TOML (bscore rules init writes a starter)"
        ),
        Kind::Toml,
    )?;
    if crate::embedded::is_html(&text.text) {
        return Err(html_given(&text.name, &text.text));
    }
    Ok(text)
}

/// Reads an evaluation plan (TOML, never a form) as UTF-8 text up to
/// [`MAX_INPUT_BYTES`]; a workbook or an HTML page given instead is
/// refused, named as what it is.
pub fn read_plan_text(path: &Path) -> Result<Source, InputError> {
    let text = read_text_refusing(
        path,
        t!(
            "这是一个 XLSX 工作簿，不是 TOML 文件：评价计划写成 TOML（见 examples/team/plan.toml）",
            "this is an XLSX workbook, not a TOML file: an evaluation plan is written in TOML (see examples/team/plan.toml)"
        ),
        Kind::Toml,
    )?;
    if crate::embedded::is_html(&text.text) {
        return Err(html_given(&text.name, &text.text));
    }
    Ok(text)
}

/// Reads a plain text file (a list of items to draw from), as UTF-8 up
/// to [`MAX_INPUT_BYTES`]; a workbook is refused (a line starting with
/// `<` is an item like any other).
pub fn read_text(path: &Path) -> Result<Source, InputError> {
    read_text_refusing(
        path,
        t!(
            "这是一个 XLSX 工作簿，不是文本文件：请另存为文本，每行一项",
            "this is an XLSX workbook, not a text file: save it as text, one item a line"
        ),
        Kind::List,
    )
}

/// A text file, or `workbook` when it is an XLSX workbook.
fn read_text_refusing(path: &Path, workbook: Text, kind: Kind) -> Result<Source, InputError> {
    if is_lock_file(path) {
        return Err(lock_file(path));
    }
    let (name, bytes) = read_bytes(path, MAX_INPUT_BYTES, kind)?;
    if is_form(path) || crate::embedded::is_zip(&bytes) {
        return Err(InputError::whole_file(name, workbook));
    }
    let text = String::from_utf8(bytes).map_err(|error| not_utf8(&name, error.as_bytes(), kind))?;
    Ok(Source::toml(name, text))
}

/// Reads a result for `verify`, up to [`MAX_RESULT_BYTES`]: a JSON
/// result, or the one an HTML, XLSX or DOCX report carries, told apart by
/// content (a ZIP archive is a DOCX when its parts name a document, else
/// a workbook; text starting with `<` is markup),
/// so that standard input and any file name work alike. The source's
/// text is the JSON; a report comes back too, so that what it shows can
/// be compared.
pub fn read_result(path: &Path) -> Result<(Source, Option<Page>), InputError> {
    let (name, bytes) = read_bytes(path, MAX_RESULT_BYTES, Kind::Toml)?;
    if crate::embedded::is_zip(&bytes) && crate::embedded::is_docx(&name, &bytes) {
        let json = crate::embedded::from_docx(&name, &bytes)?;
        return Ok((Source::toml(name, json), Some(Page::Docx)));
    }
    if crate::embedded::is_zip(&bytes) {
        let json = crate::embedded::from_xlsx(&name, &bytes)?;
        return Ok((Source::toml(name, json), Some(Page::Xlsx(bytes))));
    }
    let text =
        String::from_utf8(bytes).map_err(|error| not_utf8(&name, error.as_bytes(), Kind::Toml))?;
    if crate::embedded::is_html(&text) {
        let json = crate::embedded::from_html(&name, &text)?;
        return Ok((Source::toml(name, json), Some(Page::Html(text))));
    }
    Ok((Source::toml(name, text), None))
}

fn read_limited(path: &Path, limit: u64) -> Result<Source, InputError> {
    if is_lock_file(path) {
        return Err(lock_file(path));
    }
    let (name, bytes) = read_bytes(path, limit, Kind::Toml)?;
    if crate::embedded::is_zip(&bytes) && crate::embedded::is_docx(&name, &bytes) {
        return Err(docx_given(&name));
    }
    // A workbook is a form whatever it is called: standard input included.
    if is_form(path) || crate::embedded::is_zip(&bytes) {
        let form = crate::form::read_form(&name, &bytes)?;
        return Ok(Source {
            name,
            text: form.toml.clone(),
            digest: crate::trace::sha256_bytes(&bytes),
            form: Some(form),
        });
    }
    let text =
        String::from_utf8(bytes).map_err(|error| not_utf8(&name, error.as_bytes(), Kind::Toml))?;
    if crate::embedded::is_html(&text) {
        return Err(html_given(&name, &text));
    }
    Ok(Source::toml(name, text))
}

/// The error for markup where an audit is read: a bscore HTML report (it
/// embeds its result) is said to be one, with how to get an audit or a
/// form; any other page is said not to be an audit.
fn html_given(name: &str, text: &str) -> InputError {
    let how = t!(
        "评价的输入是 TOML 评价文件或评分表（.xlsx）：报告由 `bscore evaluate 评价文件 -o 报告.html` 生成；用 `bscore template -o form.xlsx` 得到空白评分表；核验这份报告用 `bscore verify 报告.html 评价文件`",
        "an audit is a TOML audit file or a form (.xlsx): reports come from `bscore evaluate AUDIT -o report.html`; `bscore template -o form.xlsx` writes an empty form; to check this report: `bscore verify report.html AUDIT`"
    );
    let message = if text.contains(crate::embedded::RESULT_NAME) {
        t!(
            "这是 bscore 的 HTML 评价报告，不是评价文件：报告不能再作为评价输入",
            "this is a bscore HTML report, not an audit: a report cannot be read as an audit"
        )
    } else {
        t!(
            "这是 HTML 网页，不是 TOML 评价文件",
            "this is an HTML page, not a TOML audit file"
        )
    };
    InputError::whole_file(name, message).with_help(how)
}

/// The error for a DOCX where an audit is read: a report is not an audit.
fn docx_given(name: &str) -> InputError {
    InputError::whole_file(
        name,
        t!(
            "这是 DOCX 文档（评价报告），不是评价文件：报告不能再作为评价输入",
            "this is a DOCX document (an evaluation report), not an audit: a report cannot be read as an audit"
        ),
    )
    .with_help(t!(
        "评价的输入是 TOML 评价文件或评分表（.xlsx）；核验这份报告用 `bscore verify 报告.docx 评价文件`",
        "an audit is a TOML audit file or a form (.xlsx); to check this report: `bscore verify report.docx AUDIT`"
    ))
}

/// Whether `path` is the lock file Excel or WPS keeps beside a workbook
/// while it is open (`~$form.xlsx`, a few hundred bytes): not a form.
fn is_lock_file(path: &Path) -> bool {
    is_form(path)
        && path
            .file_name()
            .and_then(|name| name.to_str())
            .is_some_and(|name| name.starts_with("~$"))
}

/// The error for a lock file named where an audit is read.
fn lock_file(path: &Path) -> InputError {
    let form = path
        .file_name()
        .and_then(|name| name.to_str())
        .map_or_else(String::new, |name| {
            name.trim_start_matches("~$").to_string()
        });
    InputError::whole_file(
        path.display().to_string(),
        t!(
            "这是 Excel 或 WPS 打开评分表时留下的锁定文件，不是评分表",
            "this is the lock file Excel or WPS keeps while a form is open, not a form"
        ),
    )
    .with_help(t!(
        "请改用评分表本身（{form}）；在 Excel 或 WPS 中关闭评分表后，锁定文件会自动删除",
        "name the form itself ({form}); the lock file goes away when the form is closed in Excel or WPS"
    ))
}

/// A file's name as shown (`<stdin>` for `-`) and its bytes, refused over
/// `limit` before it is read whole.
fn read_bytes(path: &Path, limit: u64, kind: Kind) -> Result<(String, Vec<u8>), InputError> {
    let stdin = path.as_os_str() == "-";
    let name = if stdin {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let cannot_read = |error: io::Error| {
        InputError::whole_file(
            &name,
            t!("无法读取：", "cannot read: ").joined(("", ""), &io_reason(&error)),
        )
    };
    // A standard input closed at startup reads as empty (/dev/null in its
    // place): said, not taken for an empty audit.
    let closed = if stdin {
        Some(super::streams::Stream::Input).filter(|input| input.is_closed())
    } else {
        super::streams::closed_stream_named(path)
    };
    if let Some(stream) = closed {
        return Err(InputError::whole_file(&name, stream.closed_message()));
    }
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
                match kind {
                    Kind::Toml => t!(
                        "这是一个目录，此处需要一个 TOML 文件",
                        "is a directory, expected a TOML file"
                    ),
                    Kind::List => t!(
                        "这是一个目录，此处需要一个清单文件（文本，每行一项）",
                        "is a directory, expected a list file (text, one item a line)"
                    ),
                },
            ));
        }
        let file = std::fs::File::open(path).map_err(cannot_read)?;
        let size = file.metadata().map_err(cannot_read)?.len();
        if size > limit {
            return Err(too_large(&name, size, limit, kind));
        }
        // The size can change while reading (a growing file): limit the read too.
        file.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(cannot_read)?;
    }
    if bytes.len() as u64 > limit {
        return Err(too_large(&name, bytes.len() as u64, limit, kind));
    }
    Ok((name, bytes))
}

/// The error for a file that is not UTF-8: which encoding it is in, if it
/// is one that Windows editors save Chinese text in (UTF-16, GBK or
/// GB18030), where its first character that UTF-8 cannot read is, shown
/// decoded, and how to save it as UTF-8.
fn not_utf8(name: &str, bytes: &[u8], kind: Kind) -> InputError {
    let save_as = t!(
        "请用 UTF-8 编码另存：记事本“另存为”→“编码”选 UTF-8；WPS、VS Code 同样在保存时选择 UTF-8",
        "save it as UTF-8: in Notepad, Save As → Encoding → UTF-8; in WPS or VS Code, choose UTF-8 when saving"
    );
    let (encoding, text) = match guess_encoding(bytes, kind) {
        Some(found) => found,
        None => {
            let at = std::str::from_utf8(bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
            let line = 1 + bytes[..at].iter().filter(|b| **b == b'\n').count();
            return InputError::whole_file(
                name,
                t!(
                    "不是 UTF-8 文本（第 {line} 行，第 {at} 字节起无法识别）",
                    "not UTF-8 text (line {line}, byte {at} cannot be read)"
                ),
            )
            .with_help(save_as);
        }
    };
    // Where the first character beyond ASCII is, in the decoded text: the
    // first one UTF-8 could not read.
    let offset = text
        .char_indices()
        .find(|(_, c)| !c.is_ascii())
        .map_or(0, |(at, _)| at);
    let diagnostic = Diagnostic::new(t!(
        "文件是 {encoding} 编码，不是 UTF-8：bscore 只读 UTF-8 文本",
        "the file is in {encoding}, not UTF-8: bscore reads UTF-8 text only"
    ))
    .at(offset..offset + text[offset..].chars().next().map_or(0, char::len_utf8))
    .help(save_as);
    InputError::new(name, &text, vec![diagnostic])
}

/// The encoding a non-UTF-8 text file is in and its text, when it is one
/// of those Chinese Windows editors save in: UTF-16 (by its byte order
/// mark, or by the zero bytes of ASCII text in it), else GB18030, the
/// superset of GBK, when the bytes are valid in it.
fn guess_encoding(bytes: &[u8], kind: Kind) -> Option<(&'static str, String)> {
    use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
    let (bom, _) = encoding_rs::Encoding::for_bom(bytes).unwrap_or((GB18030, 0));
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .take(512)
            .filter(|b| **b == 0)
            .count()
    };
    let encoding = if bom == UTF_16LE || bom == UTF_16BE {
        bom
    } else if zeros_at(1) > 0 && zeros_at(0) == 0 {
        UTF_16LE
    } else if zeros_at(0) > 0 && zeros_at(1) == 0 {
        UTF_16BE
    } else {
        GB18030
    };
    let (text, had_errors) = encoding.decode_with_bom_removal(bytes);
    // Only text that reads as TOML is named as such: binary data decodes
    // as something in most encodings.
    let control = |c: char| c.is_control() && !matches!(c, '\n' | '\r' | '\t');
    // A list has no syntax to tell it by: any text without control
    // characters is taken for one.
    let looks_like = kind == Kind::List || text.contains(['=', '[']);
    if had_errors || text.chars().any(control) || !looks_like {
        return None;
    }
    let name = if encoding == GB18030 {
        "GBK/GB18030"
    } else {
        encoding.name()
    };
    Some((name, text.into_owned()))
}

/// The audits named on a command line, read.
#[derive(Debug, Default)]
pub struct Audits {
    /// Every audit that could be read, in the order named.
    pub sources: Vec<Source>,
    /// Every file or directory that could not be read.
    pub errors: Vec<InputError>,
    /// The name of every audit named or found in a directory, in order,
    /// readable or not (as in [`Source::name`] and [`InputError::file`]),
    /// so that a batch summary can list the ones refused in their place.
    pub names: Vec<String>,
    /// Whether several audits were named (a directory counts its files),
    /// readable or not: this decides whether the output is one report or a
    /// batch, whatever could be read.
    pub several: bool,
}

/// Reads the audits named by `paths` (files, directories, `-`),
/// collecting every failure.
pub fn read_audits(paths: &[PathBuf]) -> Audits {
    let (files, mut errors) = expand(paths);
    let mut sources = Vec::new();
    let mut names = Vec::new();
    for file in files {
        match file.and_then(|path| read_source(&path)) {
            Ok(source) => {
                names.push(source.name.clone());
                sources.push(source);
            }
            Err(error) => {
                names.push(error.file.clone());
                errors.push(error);
            }
        }
    }
    Audits {
        sources,
        errors,
        several: names.len() > 1,
        names,
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

    fn read_bytes(bytes: &[u8]) -> InputError {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.toml");
        std::fs::write(&path, bytes).unwrap();
        read_source(&path).unwrap_err()
    }

    const AUDIT_START: &str = "[audit]\norganization = \"测试科技\"\n";

    #[test]
    fn gbk_files_are_named_with_the_place_and_the_cure() {
        let (bytes, _, _) = encoding_rs::GBK.encode(AUDIT_START);
        let error = read_bytes(&bytes);
        let chinese = error.render(crate::message::Lang::Zh);
        assert!(
            chinese.contains("文件是 GBK/GB18030 编码，不是 UTF-8"),
            "{chinese}"
        );
        assert!(chinese.contains("audit.toml:2:17"), "{chinese}");
        assert!(chinese.contains("organization = \"测试科技\""), "{chinese}");
        assert!(chinese.contains("另存"), "{chinese}");
        let english = error.to_string();
        assert!(
            english.contains("the file is in GBK/GB18030, not UTF-8"),
            "{english}"
        );
        assert!(english.contains("save it as UTF-8"), "{english}");
    }

    #[test]
    fn utf16_files_are_named_with_or_without_a_byte_order_mark() {
        for with_bom in [true, false] {
            let mut bytes: Vec<u8> = if with_bom {
                vec![0xFF, 0xFE]
            } else {
                Vec::new()
            };
            bytes.extend(AUDIT_START.encode_utf16().flat_map(u16::to_le_bytes));
            let error = read_bytes(&bytes).to_string();
            assert!(
                error.contains("the file is in UTF-16LE, not UTF-8"),
                "{error}"
            );
            assert!(error.contains("audit.toml:2:17"), "{error}");
        }
    }
}
