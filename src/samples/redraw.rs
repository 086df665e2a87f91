//! A recorded draw, drawn again: an indicator's samples that say they
//! were drawn with a seed from a list are checked against that list (its
//! SHA-256 as recorded) and the draw `bscore sample draw` makes of it, so
//! that an item picked by hand is named, never passed in silence.

use super::draw::ranking;
use super::listed_items;
use crate::audit::{DrawCheck, DrawPart, DrawProblem, Drawn, SampleItem};
use crate::message::{Text, t};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The most list items one audit's draws may rank in all: each draw
/// hashes every item of its list, so an audit of 86 indicators each
/// drawing with its own seed from a list of half a million would take
/// seconds. Draws with the same seed from the same list are ranked once.
pub const MAX_RANKED: usize = 4_000_000;

/// The check of the draws an audit records, reading each list relative
/// to the audit's folder, each at most once, and ranking each list once
/// for each seed.
pub struct Redraw {
    /// The folder the audit file is in.
    base: PathBuf,
    /// What was read and ranked so far.
    seen: Mutex<Seen>,
}

/// The lists read and the rankings made for one audit.
#[derive(Default)]
struct Seen {
    /// Each list read so far, by its path: the list, or why it cannot be
    /// drawn from.
    lists: HashMap<PathBuf, Result<Arc<List>, Text>>,
    /// The places of each list's items in the order a seed ranks them,
    /// by list and seed.
    rankings: HashMap<(PathBuf, String), Arc<Vec<usize>>>,
    /// The items ranked so far, against [`MAX_RANKED`].
    ranked: usize,
}

/// A list drawn from.
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
            seen: Mutex::new(Seen::default()),
        }
    }

    /// Where the list `from` is. A backslash separates folders as a
    /// slash does, on every system: an audit written on Windows
    /// (`pools\list.txt`) is read the same everywhere, years later.
    fn path(&self, from: &str) -> PathBuf {
        self.base.join(from.replace('\\', "/"))
    }

    /// The list at `path`, read once, and its ranking by `seed`, made
    /// once; why not, when the list cannot be read or the audit's draws
    /// rank too many items.
    fn ranked(&self, path: &Path, seed: &str) -> Result<(Arc<List>, Arc<Vec<usize>>), Text> {
        let mut seen = self
            .seen
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let list = (seen.lists.entry(path.to_path_buf()))
            .or_insert_with(|| read_list(path).map(Arc::new))
            .clone()?;
        let key = (path.to_path_buf(), seed.to_string());
        if let Some(ranking) = seen.rankings.get(&key) {
            return Ok((list, ranking.clone()));
        }
        seen.ranked += list.items.len();
        if seen.ranked > MAX_RANKED {
            return Err(t!(
                "这份评价的抽样要排序的清单项合计超过 {MAX_RANKED} 项：同一清单的抽样用同一个种子，或从较短的清单抽取",
                "the draws of this audit rank more than {MAX_RANKED} list items in all: draw from one list with one seed, or from shorter lists"
            ));
        }
        let ranking = Arc::new(ranking(seed, &list.items));
        seen.rankings.insert(key, ranking.clone());
        Ok((list, ranking))
    }
}

/// The list at `path`, or why it cannot be drawn from: only a regular
/// file is read (a named pipe would wait for a writer for ever, a device
/// never end), and its first problem is told with its line.
fn read_list(path: &Path) -> Result<List, Text> {
    let shown = path.display().to_string();
    let cannot = t!("无法使用清单 {shown}：", "cannot draw from {shown}: ");
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() && !meta.is_dir() => {
            return Err(cannot.joined(
                ("", ""),
                &t!(
                    "这不是普通文件（如命名管道或设备）：清单须是存好的文本文件",
                    "it is not a regular file (a named pipe, a device): a list is a saved text file"
                ),
            ));
        }
        _ => {}
    }
    let first_problem = |error: crate::diagnostic::InputError| {
        let count = error.problems.len() + error.omitted;
        let Some(first) = error.problems.into_iter().next() else {
            return cannot.clone();
        };
        let mut reason = first.diagnostic.message;
        if let Some((line, _)) = first.position {
            reason = t!("第 {line} 行：", "line {line}: ").joined(("", ""), &reason);
        }
        if count > 1 {
            let more = count - 1;
            reason = reason.joined(
                ("", ""),
                &t!("（另有 {more} 处问题）", " ({more} more problems)"),
            );
        }
        cannot.clone().joined(("", ""), &reason)
    };
    let source = crate::files::read_text(path).map_err(first_problem)?;
    let items = listed_items(&source.name, &source.text).map_err(first_problem)?;
    Ok(List {
        sha256: source.digest,
        items,
    })
}

impl DrawCheck for Redraw {
    fn problems(
        &self,
        recorded: &Drawn,
        items: &[SampleItem],
        population: Option<u64>,
    ) -> Vec<DrawProblem> {
        let path = self.path(&recorded.from);
        let (list, ranking) = match self.ranked(&path, &recorded.seed) {
            Ok(found) => found,
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
        let mut problems: Vec<DrawProblem> = population
            .filter(|population| *population != list.items.len() as u64)
            .map(|population| other_population(recorded, population, list.items.len()))
            .into_iter()
            .collect();
        let drawn: Vec<&str> = (ranking.iter().take(items.len()))
            .map(|at| list.items[*at].as_str())
            .collect();
        let draw = Draw {
            recorded,
            list: &list,
            path: &path,
            size: items.len(),
            drawn: &drawn,
        };
        problems.extend(draw.strays(items));
        problems
    }
}

/// A population other than the list's count of items.
fn other_population(recorded: &Drawn, population: u64, listed: usize) -> DrawProblem {
    let from = &recorded.from;
    DrawProblem {
        part: DrawPart::Population,
        message: t!(
            "总体数量 {population} 与清单 {from} 的 {listed} 项不符：抽样的总体就是这份清单",
            "the population of {population} is not the {listed} items of {from}: a draw's population is its list"
        ),
        help: Some(t!(
            "改为 population = {listed}",
            "write population = {listed}"
        )),
    }
}

/// A recorded draw drawn again: what it was said to be, the list and
/// where it is, how many items it takes, and those it gives.
struct Draw<'a> {
    recorded: &'a Drawn,
    list: &'a List,
    path: &'a Path,
    size: usize,
    drawn: &'a [&'a str],
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

impl Draw<'_> {
    /// A problem for each recorded item the draw does not give, or one
    /// at the seed when most of them are not: then the seed, not the
    /// items, is what differs.
    fn strays(&self, items: &[SampleItem]) -> Vec<DrawProblem> {
        let drawn: HashSet<&str> = self.drawn.iter().copied().collect();
        let strays: Vec<(usize, &SampleItem)> = (items.iter().enumerate())
            .filter(|(_, item)| !drawn.contains(item.item.as_str()))
            .collect();
        if strays.is_empty() {
            return Vec::new();
        }
        if strays.len() * 2 > items.len() {
            return vec![self.other_seed(strays.len())];
        }
        let recorded: HashSet<&str> = items.iter().map(|item| item.item.as_str()).collect();
        let left_out: Vec<&str> = (self.drawn.iter().copied())
            .filter(|item| !recorded.contains(item))
            .collect();
        let help = self.help(&left_out);
        let members: HashSet<&str> = self.list.items.iter().map(String::as_str).collect();
        (strays.into_iter())
            .map(|(index, item)| {
                let listed = members.contains(item.item.as_str());
                self.not_drawn(index, item, listed, help.clone())
            })
            .collect()
    }

    /// The command that lists the draw's items, with the list's path as
    /// it is from where bscore was run.
    fn command(&self) -> String {
        let (seed, size) = (&self.recorded.seed, self.size);
        let from = self.path.display();
        format!("bscore sample draw --from \"{from}\" --size {size} --seed \"{seed}\"")
    }

    /// What to do about items not drawn: the ones the draw gives that the
    /// audit lacks, named, and the command that lists them all.
    fn help(&self, left_out: &[&str]) -> Text {
        let command = self.command();
        if left_out.is_empty() {
            return t!(
                "`{command}` 列出应抽的样本",
                "`{command}` lists the items to sample"
            );
        }
        let mut named: Vec<String> = (left_out.iter().take(LEFT_OUT_NAMED))
            .map(|item| crate::text::shortened(item))
            .collect();
        if left_out.len() > LEFT_OUT_NAMED {
            named.push("…".to_string());
        }
        let missing = named.join(", ");
        t!(
            "这次抽样抽到而未记录的是 {missing}：按抽到的样本评价（无法检查的样本照实记为不符合并写明原因）；`{command}` 列出全部",
            "the draw gives {missing}, which the audit does not list: assess the items drawn (one that cannot be examined is recorded as not conforming, with why); `{command}` lists them all"
        )
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
    fn not_drawn(&self, index: usize, item: &SampleItem, listed: bool, help: Text) -> DrawProblem {
        let (seed, from, size) = (&self.recorded.seed, &self.recorded.from, self.size);
        let shown = crate::text::shortened(&item.item);
        let message = match listed {
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
            help: Some(help),
        }
    }
}

/// At most this many of the items a draw gives and the audit lacks are
/// named in a message.
const LEFT_OUT_NAMED: usize = 10;
