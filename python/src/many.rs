//! `code_many`: records pulled from a Python iterable on the caller's
//! thread (which needs the GIL), coded on Rust threads (which do not), and
//! handed back in input order. Only a few documents per thread are in
//! flight, so memory stays bounded whatever the input's size.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use crossbeam_channel::{Receiver, RecvTimeoutError, Sender};
use dyad_ingest::RawArticle;
use dyad_pipeline::Pipeline;
use pyo3::prelude::*;
use pyo3::types::PyIterator;

use crate::records::{self, Failure};

/// A coded document as the JSON `dyad code` prints, with its warnings.
pub type Coded = (String, Vec<String>);

/// One article through the pipeline, as JSON. A panic inside dyad becomes
/// an error for this record; the interpreter and the batch go on.
pub fn code_one(pipeline: &Pipeline, mut raw: RawArticle, tokens: bool) -> Result<Coded, String> {
    let warnings = std::mem::take(&mut raw.warnings);
    match std::panic::catch_unwind(AssertUnwindSafe(|| pipeline.process(raw))) {
        Ok(Ok(doc)) => serde_json::to_string(&doc.to_contract(tokens))
            .map(|json| (json, warnings))
            .map_err(|e| e.to_string()),
        Ok(Err(e)) => Err(records::pythonic(&e.kind.to_string())),
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            Err(format!("internal error in dyad (please report it): {what}"))
        }
    }
}

struct Job {
    index: usize,
    id: String,
    raw: RawArticle,
}

struct Finished {
    index: usize,
    id: Option<String>,
    result: Result<Coded, String>,
}

/// What `code_many` does with a record that cannot be coded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum OnError {
    /// Raise `InputError` naming it.
    Raise,
    /// Warn (`UserWarning` naming it) and go on.
    Skip,
}

/// The iterator `Pipeline.code_many` returns: `(json, warnings)` per record,
/// in input order.
#[pyclass(module = "dyad._dyad")]
pub struct CodeMany {
    records: Py<PyIterator>,
    exhausted: bool,
    /// Records read so far; the next one read gets this index.
    read: usize,
    /// The index handed back next.
    given: usize,
    /// Records read but not yet handed back, at most.
    in_flight: usize,
    ready: BTreeMap<usize, Finished>,
    work: Option<Sender<Job>>,
    done: Receiver<Finished>,
    on_error: OnError,
    max_bytes: usize,
}

impl CodeMany {
    pub fn start(
        records: Py<PyIterator>,
        pipeline: &Pipeline,
        threads: usize,
        tokens: bool,
        on_error: OnError,
    ) -> CodeMany {
        let (work_tx, work_rx) = crossbeam_channel::unbounded::<Job>();
        let (done_tx, done_rx) = crossbeam_channel::unbounded::<Finished>();
        for _ in 0..threads.max(1) {
            let (rx, tx, p) = (work_rx.clone(), done_tx.clone(), pipeline.clone());
            std::thread::spawn(move || {
                for job in rx {
                    let result = code_one(&p, job.raw, tokens);
                    let f = Finished {
                        index: job.index,
                        id: Some(job.id),
                        result,
                    };
                    if tx.send(f).is_err() {
                        break;
                    }
                }
            });
        }
        CodeMany {
            records,
            exhausted: false,
            read: 0,
            given: 0,
            in_flight: threads.max(1) * 4,
            ready: BTreeMap::new(),
            work: Some(work_tx),
            done: done_rx,
            on_error,
            max_bytes: pipeline.config().limits.max_bytes,
        }
    }

    /// Reads records until enough are in flight or the input ends.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let mut it = self.records.bind(py).clone();
        while !self.exhausted && self.read - self.given < self.in_flight {
            let Some(record) = it.next() else {
                self.exhausted = true;
                break;
            };
            let record = record?;
            let index = self.read;
            self.read += 1;
            let raw = records::fields(&record, index).and_then(|f| {
                records::article(index, format!("record-{}", index + 1), f, self.max_bytes)
            });
            match raw {
                Ok(raw) => {
                    let job = Job {
                        index,
                        id: raw.id.clone(),
                        raw,
                    };
                    if let Some(w) = &self.work {
                        // Workers end only when `work` is dropped.
                        let _ = w.send(job);
                    }
                }
                Err(Failure { index, id, message }) => {
                    self.ready.insert(
                        index,
                        Finished {
                            index,
                            id,
                            result: Err(message),
                        },
                    );
                }
            }
        }
        Ok(())
    }

    fn take_ready(&mut self) {
        while let Ok(f) = self.done.try_recv() {
            self.ready.insert(f.index, f);
        }
    }
}

#[pymethods]
impl CodeMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(mut slf: PyRefMut<'_, Self>, py: Python<'_>) -> PyResult<Option<Coded>> {
        loop {
            slf.fill(py)?;
            let next = slf.given;
            if let Some(f) = slf.ready.remove(&next) {
                slf.given += 1;
                match f.result {
                    Ok(coded) => return Ok(Some(coded)),
                    Err(message) => {
                        let failure = Failure {
                            index: f.index,
                            id: f.id,
                            message,
                        };
                        match slf.on_error {
                            OnError::Raise => return Err(crate::input_error(py, &failure)),
                            OnError::Skip => {
                                let category = py.get_type::<pyo3::exceptions::PyUserWarning>();
                                PyErr::warn(py, &category, &failure.describe_c(), 1)?;
                                continue;
                            }
                        }
                    }
                }
            }
            if slf.given == slf.read && slf.exhausted {
                slf.work = None;
                return Ok(None);
            }
            // Wait for the workers without the GIL, waking to let Ctrl-C in.
            let done = slf.done.clone();
            match py.allow_threads(|| done.recv_timeout(Duration::from_millis(50))) {
                Ok(f) => {
                    slf.ready.insert(f.index, f);
                    slf.take_ready();
                }
                Err(RecvTimeoutError::Timeout) => py.check_signals()?,
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(pyo3::exceptions::PyRuntimeError::new_err(
                        "dyad's worker threads stopped",
                    ))
                }
            }
        }
    }
}

impl Failure {
    fn describe_c(&self) -> std::ffi::CString {
        std::ffi::CString::new(self.describe().replace('\0', " ")).unwrap_or_default()
    }
}
