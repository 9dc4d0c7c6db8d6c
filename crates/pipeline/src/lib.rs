//! dyad-pipeline: the stages wired in order, as a library that the CLI, the
//! server and the Python package all call.
//!
//! One [`Document`] flows one way: ingest → segment → tag → recognise →
//! coref → quotes → places → times → code → event places and dates. Quotes come
//! before coding so that "I" and "we" inside a quote are its speaker.
//!
//! Everything that varies is a value in [`Config`]: which event coder
//! (dyad's dictionaries or a user's PETRARCH set), the [`Limits`] on what
//! one document may cost, and how many threads a batch uses. Nothing is
//! kept in process-wide statics, so two pipelines with different settings
//! can live in one process.
//!
//! Public API: [`Pipeline`] ([`Pipeline::process`] for one article,
//! [`Pipeline::run`] for files and folders), [`Config`], [`Limits`],
//! [`Petrarch`], [`Outcome`], [`Order`], [`RunStats`].

mod run;

use std::sync::Arc;

use dyad_document::Document;
use dyad_ingest::{ErrorKind, IngestError, RawArticle, ReadLimits};

pub use run::{Order, Outcome, RunStats};

/// Limits on the work one document may cost. A document over a limit is
/// refused with an error that names it and the limit; the rest of the batch
/// goes on. They bound work, never wall-clock time, so the same document is
/// stored or refused the same way on a loaded machine and an idle one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one input before extraction, decompressed (`--max-bytes`).
    pub max_bytes: usize,
    /// How deep HTML elements may nest (`--max-depth`).
    pub max_depth: usize,
    /// Tokens in one document's clean text (`--max-tokens`).
    pub max_tokens: usize,
    /// Tokens in one sentence for the parser and coder; longer ones are
    /// split at clause punctuation, not refused (`--max-sentence-tokens`).
    pub max_sentence_tokens: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: ReadLimits::default().max_bytes,
            max_depth: dyad_ingest::DEFAULT_MAX_DEPTH,
            max_tokens: 100_000,
            max_sentence_tokens: 200,
        }
    }
}

/// A user's PETRARCH/TABARI dictionaries, coding events in place of dyad's.
pub struct Petrarch {
    pub coder: dyad_petrarch::Coder,
    pub config: dyad_petrarch::Config,
    /// A hash of the dictionary files' bytes, recorded with what they code.
    pub fingerprint: String,
    /// Dictionary lines that could not be read (`dyad dict check` lists them).
    pub unreadable_lines: usize,
}

impl Petrarch {
    /// The dictionaries in a folder, found by name as PETRARCH finds them.
    pub fn from_dir(dir: &std::path::Path) -> Result<Petrarch, dyad_petrarch::LoadError> {
        let loaded = dyad_petrarch::load_dir(dir)?;
        let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| dyad_petrarch::LoadError::Folder(dir.display().to_string(), e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        let mut h = Fnv::default();
        for f in &files {
            h.add(
                f.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default()
                    .as_bytes(),
            );
            h.add(&std::fs::read(f).unwrap_or_default());
        }
        Ok(Petrarch {
            coder: loaded.coder,
            config: dyad_petrarch::Config::default(),
            fingerprint: format!("petrarch:{:016x}", h.0),
            unreadable_lines: loaded.unreadable_lines,
        })
    }
}

/// FNV-1a over bytes: stable across runs, platforms and Rust versions.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        // A separator, so that ("ab", "c") and ("a", "bc") differ.
        self.0 ^= 0xff;
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }
}

/// How the pipeline runs.
#[derive(Clone, Default)]
pub struct Config {
    pub limits: Limits,
    /// `None`: dyad's own event dictionaries.
    pub petrarch: Option<Arc<Petrarch>>,
    /// Worker threads for [`Pipeline::run`]; 0 means one per core.
    pub threads: usize,
}

/// The stages, configured. Cheap to clone and share between threads.
#[derive(Clone, Default)]
pub struct Pipeline {
    config: Config,
}

impl Pipeline {
    pub fn new(config: Config) -> Pipeline {
        Pipeline { config }
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    /// What codes documents: dyad's version and a hash of the dictionaries
    /// (`dyad 0.1.0; dictionaries 1f0e…`). The store keeps it with each
    /// document, so that `dyad recode` finds what older dictionaries coded.
    pub fn coded_by(&self) -> String {
        let dicts = match &self.config.petrarch {
            Some(p) => p.fingerprint.clone(),
            None => {
                let mut h = Fnv::default();
                let (name, text) = dyad_code::DEFAULT_CAMEO;
                h.add(name.as_bytes());
                h.add(text.as_bytes());
                for (name, text) in dyad_code::DEFAULT_PATTERNS
                    .iter()
                    .chain(dyad_recognise::DEFAULT_FILES)
                {
                    h.add(name.as_bytes());
                    h.add(text.as_bytes());
                }
                format!("{:016x}", h.0)
            }
        };
        format!("dyad {}; dictionaries {dicts}", env!("CARGO_PKG_VERSION"))
    }

    /// One article through every stage.
    pub fn process(&self, raw: RawArticle) -> Result<Document, IngestError> {
        let origin = raw.origin.clone();
        let doc = dyad_ingest::build_document_limited(raw, self.config.limits.max_depth)?;
        self.annotate(doc, origin)
    }

    /// A document that has its clean text (and links and metadata) through
    /// every later stage; what was annotated before is replaced. This is how
    /// stored documents are coded again after a dictionary change.
    pub fn recode(&self, mut doc: Document) -> Result<Document, IngestError> {
        let origin = dyad_ingest::Origin {
            path: doc.id.clone(),
            line: None,
        };
        doc.mentions.clear();
        doc.events.clear();
        doc.quotes.clear();
        doc.places.clear();
        doc.times.clear();
        doc.sources = Default::default();
        self.annotate(doc, origin)
    }

    fn annotate(
        &self,
        mut doc: Document,
        origin: dyad_ingest::Origin,
    ) -> Result<Document, IngestError> {
        let limits = &self.config.limits;
        let id = doc.id.clone();
        // Each stage's time, for `DYAD_LOG=dyad_pipeline=debug`: which stage a slow
        // document spends its time in.
        let timed = |stage: &str, doc: &mut Document, f: &dyn Fn(&mut Document)| {
            let t = std::time::Instant::now();
            f(doc);
            tracing::debug!(document = %id, stage, ms = t.elapsed().as_secs_f64() * 1e3, "stage done");
        };
        timed("segment", &mut doc, &dyad_segment::segment);
        if doc.tokens.len() > limits.max_tokens {
            return Err(IngestError::new(
                origin,
                ErrorKind::Limit {
                    what: "the number of tokens",
                    found: doc.tokens.len(),
                    limit: limits.max_tokens,
                    option: "--max-tokens",
                },
            ));
        }
        dyad_segment::cap_sentences(&mut doc, limits.max_sentence_tokens);
        timed("tag", &mut doc, &dyad_tag::annotate);
        timed("recognise", &mut doc, &dyad_recognise::recognise);
        timed("coref", &mut doc, &dyad_coref::resolve);
        timed("quotes", &mut doc, &dyad_quotes::attribute);
        timed("places", &mut doc, &dyad_places::recognise);
        timed("times", &mut doc, &dyad_times::recognise);
        timed("code", &mut doc, &|d| self.code_events(d));
        timed("locate", &mut doc, &dyad_places::locate_events);
        timed("date", &mut doc, &dyad_times::date_events);
        Ok(doc)
    }

    /// The event stage: dyad's coder, or the user's PETRARCH dictionaries.
    fn code_events(&self, doc: &mut Document) {
        match &self.config.petrarch {
            None => dyad_code::code(doc),
            Some(p) => {
                let date = doc
                    .published
                    .as_deref()
                    .and_then(|d| {
                        // A month alone (`YYYY-MM`) stands for its first day.
                        let day = if d.len() == 7 {
                            format!("{d}-01")
                        } else {
                            d.to_string()
                        };
                        chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d").ok()
                    })
                    .unwrap_or_else(|| chrono::Local::now().date_naive());
                doc.events = p
                    .coder
                    .events(doc, date, &p.config, &dyad_code::quad_goldstein);
            }
        }
    }

    /// What reading an input may cost.
    pub fn read_limits(&self) -> ReadLimits {
        ReadLimits {
            max_bytes: self.config.limits.max_bytes,
        }
    }
}

#[cfg(test)]
mod tests;
