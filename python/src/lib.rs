//! dyad-python: the pipeline as a CPython extension module, `dyad._dyad`.
//!
//! The Python package `dyad` (python/dyad) wraps it; users never import it
//! directly. Documents cross the boundary as the JSON `dyad code` prints
//! (one serialiser for the CLI and Python, so the two cannot drift), and the
//! wrapper turns it into dicts.
//!
//! Public API (to Python): [`PyPipeline`] (`Pipeline(petrarch_dir=None,
//! dictionaries=None, *, max_bytes, max_depth, max_tokens,
//! max_sentence_tokens, threads)` with `code` and `code_many`),
//! `InputError`, and [`many::CodeMany`], the iterator `code_many` returns.

mod many;
mod records;

use std::path::PathBuf;
use std::sync::Arc;

use dyad_pipeline::{Config, Limits, Petrarch, Pipeline};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;

use many::{CodeMany, Coded, OnError};
use records::Failure;

pyo3::create_exception!(
    _dyad,
    InputError,
    PyValueError,
    "A record dyad cannot code (no body, an empty body, a field of the wrong type, over a limit). `index` and `id` name it."
);

/// An `InputError` naming the record, with `index`, `id` and `reason` set.
pub(crate) fn input_error(py: Python<'_>, f: &Failure) -> PyErr {
    let err = InputError::new_err(f.describe());
    let value = err.value(py);
    let _ = value.setattr("index", f.index);
    let _ = value.setattr("id", f.id.clone());
    let _ = value.setattr("reason", f.message.clone());
    err
}

/// dyad's pipeline, configured as the CLI's options configure it.
#[pyclass(module = "dyad._dyad", name = "Pipeline", frozen)]
pub struct PyPipeline {
    inner: Pipeline,
    threads: usize,
}

fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (petrarch_dir=None, dictionaries=None, *, max_bytes=None, max_depth=None,
                        max_tokens=None, max_sentence_tokens=None, threads=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        petrarch_dir: Option<PathBuf>,
        dictionaries: Option<String>,
        max_bytes: Option<usize>,
        max_depth: Option<usize>,
        max_tokens: Option<usize>,
        max_sentence_tokens: Option<usize>,
        threads: Option<usize>,
    ) -> PyResult<Self> {
        // dyad codes actors with its own embedded dictionaries; the CLI has no
        // option to replace them, so neither has this (PETRARCH event
        // dictionaries go in `petrarch_dir`, as `--petrarch`).
        if let Some(d) = dictionaries.filter(|d| d != "dyad") {
            return Err(PyValueError::new_err(format!(
                "dictionaries={d:?}: only dyad's own dictionaries (\"dyad\", the default) can be used; \
                 for PETRARCH/TABARI dictionaries pass petrarch_dir"
            )));
        }
        let d = Limits::default();
        let limits = Limits {
            max_bytes: max_bytes.unwrap_or(d.max_bytes),
            max_depth: max_depth.unwrap_or(d.max_depth),
            max_tokens: max_tokens.unwrap_or(d.max_tokens),
            max_sentence_tokens: max_sentence_tokens.unwrap_or(d.max_sentence_tokens),
        };
        let petrarch = match petrarch_dir {
            Some(dir) => Some(Arc::new(Petrarch::from_dir(&dir).map_err(|e| {
                PyOSError::new_err(format!("petrarch_dir {}: {e}", dir.display()))
            })?)),
            None => None,
        };
        let threads = threads.filter(|&t| t > 0).unwrap_or_else(cores);
        Ok(PyPipeline {
            inner: Pipeline::new(Config {
                limits,
                petrarch,
                threads,
            }),
            threads,
        })
    }

    /// One article (text or HTML) as `(json, warnings)`. The GIL is released
    /// while it is coded.
    #[pyo3(signature = (text_or_html, url=None, published=None, title=None, id=None, tokens=false))]
    #[allow(clippy::too_many_arguments)]
    fn code(
        &self,
        py: Python<'_>,
        text_or_html: String,
        url: Option<String>,
        published: Option<String>,
        title: Option<String>,
        id: Option<String>,
        tokens: bool,
    ) -> PyResult<Coded> {
        let fields = records::Fields {
            id,
            url,
            title,
            published,
            body: Some(records::sniffed(text_or_html)),
        };
        // The id `dyad code "some text"` gives a text argument.
        let raw = records::article(
            0,
            "text".into(),
            fields,
            self.inner.config().limits.max_bytes,
        )
        .map_err(|f| input_error(py, &f))?;
        let id = raw.id_given.then(|| raw.id.clone());
        let pipeline = &self.inner;
        py.allow_threads(|| many::code_one(pipeline, raw, tokens))
            .map_err(|message| {
                input_error(
                    py,
                    &Failure {
                        index: 0,
                        id,
                        message,
                    },
                )
            })
    }

    /// Records coded on `threads` threads (default: the pipeline's), handed
    /// back in input order as `(json, warnings)`.
    #[pyo3(signature = (records, threads=None, tokens=false, errors="raise"))]
    fn code_many(
        &self,
        records: &Bound<'_, PyAny>,
        threads: Option<usize>,
        tokens: bool,
        errors: &str,
    ) -> PyResult<CodeMany> {
        let on_error = match errors {
            "raise" => OnError::Raise,
            "skip" => OnError::Skip,
            other => {
                return Err(PyValueError::new_err(format!(
                    "errors={other:?}: expected \"raise\" or \"skip\""
                )))
            }
        };
        let it = records.try_iter()?.unbind();
        let threads = threads.filter(|&t| t > 0).unwrap_or(self.threads);
        Ok(CodeMany::start(it, &self.inner, threads, tokens, on_error))
    }

    /// The worker threads `code_many` uses by default.
    #[getter]
    fn threads(&self) -> usize {
        self.threads
    }

    /// What codes documents: dyad's version and the dictionaries' hash.
    #[getter]
    fn coded_by(&self) -> String {
        self.inner.coded_by()
    }
}

#[pymodule]
fn _dyad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPipeline>()?;
    m.add_class::<CodeMany>()?;
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
