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

    /// The list at `from`, read once. A backslash separates folders as a
    /// slash does, on every system: an audit written on Windows
    /// (`pools\list.txt`) is read the same everywhere, years later.
    fn list(&self, from: &str) -> Result<List, Text> {
        let path = self.base.join(from.replace('\\', "/"));
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
        let draw = drawn(&recorded.seed, &list.items, items.len());
        let recorded_items: HashSet<&str> = items.iter().map(|item| item.item.as_str()).collect();
        let drawn_set: HashSet<&str> = draw.iter().copied().collect();
        let strays: Vec<(usize, &SampleItem)> = (items.iter().enumerate())
            .filter(|(_, item)| !drawn_set.contains(item.item.as_str()))
            .collect();
        if strays.is_empty() {
            return Vec::new();
        }
        let left_out: Vec<&str> = (draw.iter().copied())
            .filter(|item| !recorded_items.contains(item))
            .collect();
        let draw = Draw {
            recorded,
            list: &list,
            size: items.len(),
            left_out: &left_out,
        };
        // Most items astray: the seed, not the items, is what differs.
        if strays.len() * 2 > items.len() {
            return vec![draw.other_seed(strays.len())];
        }
        (strays.into_iter())
            .map(|(index, item)| draw.not_drawn(index, item))
            .collect()
    }
}

/// A recorded draw drawn again: what it was said to be, the list, how
/// many items it takes, and those it gives that the audit does not list.
struct Draw<'a> {
    recorded: &'a Drawn,
    list: &'a List,
    size: usize,
    left_out: &'a [&'a str],
}

/// At most this many of the items a draw gives and the audit lacks are
/// named in a message.
const LEFT_OUT_NAMED: usize = 10;

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

impl Draw<'_> {
    /// The command that lists the draw's items.
    fn command(&self) -> String {
        let (seed, from, size) = (&self.recorded.seed, &self.recorded.from, self.size);
        format!("bscore sample draw --from \"{from}\" --size {size} --seed \"{seed}\"")
    }

    /// The items the draw gives that the audit does not list, named.
    fn left_out_named(&self) -> String {
        let mut named: Vec<String> = (self.left_out.iter().take(LEFT_OUT_NAMED))
            .map(|item| crate::text::shortened(item))
            .collect();
        if self.left_out.len() > LEFT_OUT_NAMED {
            named.push("…".to_string());
        }
        named.join(", ")
    }

    /// Most of the items are not the draw's: the seed, or the list, is
    /// another than the one drawn with.
    fn other_seed(&self, strays: usize) -> DrawProblem {
        let (seed, from, size) = (&self.recorded.seed, &self.recorded.from, self.size);
        let command = self.command();
        DrawProblem {
            part: DrawPart::Seed,
            message: t!(
                "以种子“{seed}”从 {from} 抽取 {size} 个样本，记录的样本中有 {strays} 个不在其中：种子不是抽样时所用的那个",
                "{strays} of the {size} items recorded are not among the {size} the seed \"{seed}\" draws from {from}: the seed is not the one drawn with"
            ),
            help: Some(t!(
                "照抄抽样时的种子；`{command}` 列出这个种子抽到的样本",
                "copy the seed the sample was drawn with; `{command}` lists the items this seed draws"
            )),
        }
    }

    /// An item that the recorded draw does not give.
    fn not_drawn(&self, index: usize, item: &SampleItem) -> DrawProblem {
        let (seed, from, size) = (&self.recorded.seed, &self.recorded.from, self.size);
        let shown = crate::text::shortened(&item.item);
        let message = match self.list.items.contains(&item.item) {
            true => t!(
                "样本“{shown}”不在以种子“{seed}”从 {from} 抽取的 {size} 个样本中：它不是按记录的方式抽到的",
                "item \"{shown}\" is not among the {size} drawn from {from} with the seed \"{seed}\": it was not drawn as recorded"
            ),
            false => t!(
                "样本“{shown}”不在清单 {from} 中：它不是从这份清单抽到的",
                "item \"{shown}\" is not in the list {from}: it was not drawn from it"
            ),
        };
        let (command, missing) = (self.command(), self.left_out_named());
        let help = match self.left_out.is_empty() {
            true => t!(
                "`{command}` 列出应抽的样本",
                "`{command}` lists the items to sample"
            ),
            false => t!(
                "这次抽样抽到而未记录的是 {missing}：按抽到的样本评价（无法检查的样本照实记为不符合并写明原因）；`{command}` 列出全部",
                "the draw gives {missing}, which the audit does not list: assess the items drawn (one that cannot be examined is recorded as not conforming, with why); `{command}` lists them all"
            ),
        };
        DrawProblem {
            part: DrawPart::Item(index),
            message,
            help: Some(help),
        }
    }
}
