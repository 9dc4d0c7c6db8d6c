//! Batch runs: files and folders through the pipeline on every core, each
//! document handed on the moment it is finished.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

use dyad_document::Document;
use dyad_ingest::{IngestError, RawArticle};

use crate::Pipeline;

/// In what order [`Pipeline::run`] hands results over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Input order (for output a user reads or diffs). A slow document
    /// holds back the ones after it, never more than the work in flight.
    Input,
    /// As each finishes (for storing: a slow document holds nothing back).
    Finished,
}

/// One article's result, with where it came from.
pub struct Outcome {
    /// `path` or `path:line`.
    pub source: String,
    /// Whether the input gave the id itself (see `RawArticle::id_given`).
    pub id_given: bool,
    /// Things the user should hear about that did not stop the article.
    pub warnings: Vec<String>,
    pub result: Result<Document, IngestError>,
}

/// What a run went through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunStats {
    /// Input files found (a JSON-lines file is one).
    pub files: usize,
    /// Outcomes handed over (articles and errors).
    pub outcomes: usize,
    /// The run stopped early because `stop` was set.
    pub interrupted: bool,
}

impl Pipeline {
    /// Code every article of `paths` (files, folders, `-`), calling `sink`
    /// once per article or error. Reading runs on one thread, processing on
    /// the others; at most a few documents per worker are in memory at once,
    /// whatever the input size. Setting `stop` ends the run after the
    /// documents in flight. `on_file` is told when each input file has been
    /// read in full (for a progress bar).
    pub fn run(
        &self,
        paths: &[PathBuf],
        order: Order,
        stop: &AtomicBool,
        mut on_file: impl FnMut(),
        mut sink: impl FnMut(Outcome),
    ) -> RunStats {
        let inputs = dyad_ingest::expand_paths(paths);
        let files = inputs.len();
        let threads = match self.config.threads {
            0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
            n => n,
        };
        let in_flight = threads * 2;
        let (work_tx, work_rx) = crossbeam_channel::bounded::<(usize, Work)>(in_flight);
        let (done_tx, done_rx) = crossbeam_channel::bounded::<Message>(in_flight);
        let limits = self.read_limits();
        let mut stats = RunStats {
            files,
            ..Default::default()
        };
        std::thread::scope(|scope| {
            // The reader: inputs to raw articles, ids made unique in the run.
            {
                let done_tx = done_tx.clone();
                scope.spawn(move || {
                    let mut seen: HashSet<String> = HashSet::new();
                    let mut n = 0usize;
                    'files: for input in inputs {
                        let items: Box<dyn Iterator<Item = Result<RawArticle, IngestError>>> =
                            match input {
                                Ok(f) => Box::new(dyad_ingest::read_input(&f, &limits)),
                                Err(e) => Box::new(std::iter::once(Err(e))),
                            };
                        for item in items {
                            if stop.load(Ordering::SeqCst) {
                                break 'files;
                            }
                            let item = item.map(|mut raw| {
                                if raw.id_given {
                                    seen.insert(raw.id.clone());
                                } else {
                                    let origin = raw.origin.to_string();
                                    raw.id = first_free(&mut seen, raw.id, &origin);
                                }
                                raw
                            });
                            if work_tx.send((n, item)).is_err() {
                                break 'files;
                            }
                            n += 1;
                        }
                        if done_tx.send(Message::FileRead).is_err() {
                            break;
                        }
                    }
                    drop(work_tx);
                });
            }
            for _ in 0..threads {
                let work_rx = work_rx.clone();
                let done_tx = done_tx.clone();
                scope.spawn(move || {
                    for (n, item) in work_rx {
                        let outcome = match item {
                            Ok(mut raw) => {
                                let source = raw.origin.to_string();
                                let id_given = raw.id_given;
                                let warnings = std::mem::take(&mut raw.warnings);
                                Outcome {
                                    source,
                                    id_given,
                                    warnings,
                                    result: self.process(raw),
                                }
                            }
                            Err(e) => Outcome {
                                source: e.origin.to_string(),
                                id_given: false,
                                warnings: Vec::new(),
                                result: Err(e),
                            },
                        };
                        if done_tx.send(Message::Done(n, Box::new(outcome))).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(work_rx);
            drop(done_tx);
            let mut next = 0usize;
            let mut waiting: BTreeMap<usize, Outcome> = BTreeMap::new();
            for m in done_rx {
                match m {
                    Message::FileRead => on_file(),
                    Message::Done(n, o) => {
                        let o = *o;
                        stats.outcomes += 1;
                        match order {
                            Order::Finished => sink(o),
                            Order::Input => {
                                waiting.insert(n, o);
                                while let Some(o) = waiting.remove(&next) {
                                    sink(o);
                                    next += 1;
                                }
                            }
                        }
                    }
                }
            }
            // Only an interrupted run can leave gaps; hand over the rest.
            for (_, o) in std::mem::take(&mut waiting) {
                sink(o);
            }
        });
        stats.interrupted = stop.load(Ordering::SeqCst);
        stats
    }
}

type Work = Result<RawArticle, IngestError>;

enum Message {
    FileRead,
    Done(usize, Box<Outcome>),
}

/// `id`, or, when an earlier article of the run took it (`a/report.txt`
/// and `b/report.txt` named by two arguments), `id-` and a hash of where
/// this one came from: the same input gets the same id in every run.
pub(crate) fn first_free(seen: &mut HashSet<String>, id: String, origin: &str) -> String {
    if seen.insert(id.clone()) {
        return id;
    }
    let mut salt = 0u64;
    loop {
        let candidate = format!("{id}-{:08x}", fnv(origin, salt) as u32);
        if seen.insert(candidate.clone()) {
            return candidate;
        }
        salt += 1;
    }
}

/// FNV-1a: stable across runs and platforms, unlike `DefaultHasher`.
fn fnv(s: &str, salt: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ salt;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
