//! A recorded draw, drawn again: an indicator's samples that say they
//! were drawn with a seed from a list are checked against that list (its
//! SHA-256 as recorded) and the draw `bscore sample draw` makes of it, so
//! that an item picked by hand is named, never passed in silence.

use super::{drawn, listed_items};
use crate::audit::{DrawCheck, DrawPart, DrawProblem, Drawn, SampleItem};
use crate::message::{Text, t};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The check of the draws an audit records, reading each list relative
/// to the audit's folder, each at most once.
pub struct Redraw {
    /// The folder the audit file is in.
    base: PathBuf,
    /// Each list read so far, by its path: its digest and items, or why
    /// it cannot be drawn from.
    lists: Mutex<HashMap<PathBuf, Result<List, Text>>>,
}

/// A list drawn from.
#[derive(Clone)]
struct List {
    /// The SHA-256 of the file as read.
    sha256: String,
    /// Its items, in file order.
    items: Vec<String>,
}

impl Redraw {
    /// The check for the audit read from `audit_file` (as the user named
    /// it; `-` is standard input, whose lists are in the working folder).
    pub fn beside(audit_file: &str) -> Redraw {
        let parent = Path::new(audit_file).parent();
        let base = parent.map_or_else(PathBuf::new, Path::to_path_buf);
        Redraw {
            base,
            lists: Mutex::new(HashMap::new()),
        }
    }

    /// The list at `from`, read once.
    fn list(&self, from: &str) -> Result<List, Text> {
        let path = self.base.join(from);
        let mut lists = self
            .lists
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        (lists.entry(path.clone()))
            .or_insert_with(|| read_list(&path))
            .clone()
    }
}

/// The list at `path`, or why it cannot be drawn from.
fn read_list(path: &Path) -> Result<List, Text> {
    let first_problem = |error: crate::diagnostic::InputError| {
        let shown = path.display().to_string();
        let reason = (error.problems.into_iter().next())
            .map_or_else(|| t!("", ""), |problem| problem.diagnostic.message);
        t!("无法使用清单 {shown}：", "cannot draw from {shown}: ").joined(("", ""), &reason)
    };
    let source = crate::files::read_text(path).map_err(first_problem)?;
    let items = listed_items(&source.name, &source.text).map_err(first_problem)?;
    Ok(List {
        sha256: source.digest,
        items,
    })
}

impl DrawCheck for Redraw {
    fn problems(&self, recorded: &Drawn, items: &[SampleItem]) -> Vec<DrawProblem> {
        let list = match self.list(&recorded.from) {
            Ok(list) => list,
            Err(message) => {
                return vec![DrawProblem {
                    part: DrawPart::From,
                    message,
                    help: Some(t!(
                        "drawn.from 写抽样所用清单的文件名，相对于评价文件所在的目录",
                        "drawn.from names the list the sample was drawn from, relative to the audit file's folder"
                    )),
                }];
            }
        };
        if list.sha256 != recorded.sha256 {
            return vec![changed_list(recorded, &list)];
        }
        let draw: HashSet<&str> = drawn(&recorded.seed, &list.items, items.len())
            .into_iter()
            .collect();
        (items.iter().enumerate())
            .filter(|(_, item)| !draw.contains(item.item.as_str()))
            .map(|(index, item)| not_drawn(recorded, &list, items.len(), index, item))
            .collect()
    }
}

/// The list's digest differs from the one recorded.
fn changed_list(recorded: &Drawn, list: &List) -> DrawProblem {
    let (from, found, expected) = (&recorded.from, &list.sha256, &recorded.sha256);
    DrawProblem {
        part: DrawPart::Sha256,
        message: t!(
            "清单 {from} 的 SHA-256 是 {found}，与记录的 {expected} 不同：抽样后清单被改过，或不是抽样所用的那份",
            "the SHA-256 of {from} is {found}, not the {expected} recorded: the list changed after the draw, or is not the one drawn from"
        ),
        help: Some(t!(
            "找回抽样时所用的清单；若确是用这份清单抽样，核对记录的 SHA-256",
            "find the list the sample was drawn from; if it is this one, check the SHA-256 recorded"
        )),
    }
}

/// An item that the recorded draw does not give.
fn not_drawn(
    recorded: &Drawn,
    list: &List,
    size: usize,
    index: usize,
    item: &SampleItem,
) -> DrawProblem {
    let (seed, from) = (&recorded.seed, &recorded.from);
    let shown = crate::text::shortened(&item.item);
    let message = match list.items.contains(&item.item) {
        true => t!(
            "样本“{shown}”不在以种子“{seed}”从 {from} 抽取的 {size} 个样本中：它不是按记录的方式抽到的",
            "item \"{shown}\" is not among the {size} drawn from {from} with the seed \"{seed}\": it was not drawn as recorded"
        ),
        false => t!(
            "样本“{shown}”不在清单 {from} 中：它不是从这份清单抽到的",
            "item \"{shown}\" is not in the list {from}: it was not drawn from it"
        ),
    };
    DrawProblem {
        part: DrawPart::Item(index),
        message,
        help: Some(t!(
            "`bscore sample draw --from \"{from}\" --size {size} --seed \"{seed}\"` 列出应抽的样本；按它评价，或如实记录样本是如何选取的",
            "`bscore sample draw --from \"{from}\" --size {size} --seed \"{seed}\"` lists the items to sample: assess those, or record how the items were chosen"
        )),
    }
}
