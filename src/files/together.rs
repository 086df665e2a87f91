//! Files written together (the manual's pages): all of them or none.

use super::interrupt::Pending;
use super::output::Output;
use super::refusals::refuse_existing_output;
use super::write::{Prepared, Target, prepare, target, warn_of_broken_links};
use crate::failure::{Doing, Failure};
use crate::message::Lang;
use crate::message::t;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::files::interrupt::none_pending_in;
    use crate::files::write::tests::entries;

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
        assert!(none_pending_in(dir.path()));
    }
}
