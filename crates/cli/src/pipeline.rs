//! The pipeline: runs the stages in order over one article, and over many
//! in parallel, keeping input order and one result per article.

use std::path::PathBuf;
use std::sync::OnceLock;

use dyad_document::Document;
use dyad_ingest::{IngestError, RawArticle};
use rayon::prelude::*;

/// A PETRARCH user's own dictionaries, coding in place of dyad's
/// (`--petrarch DIR`); set once, before any article is processed.
static PETRARCH: OnceLock<(dyad_petrarch::Coder, dyad_petrarch::Config)> = OnceLock::new();

/// Codes events with PETRARCH dictionaries instead of dyad's own.
pub fn use_petrarch(coder: dyad_petrarch::Coder) {
    let _ = PETRARCH.set((coder, dyad_petrarch::Config::default()));
}

/// The event stage: dyad's coder, or PETRARCH's dictionaries when given.
fn code_events(doc: &mut Document) {
    match PETRARCH.get() {
        None => dyad_code::code(doc),
        Some((coder, cfg)) => {
            let date = doc
                .published
                .as_deref()
                .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
                .unwrap_or_else(|| chrono::Local::now().date_naive());
            doc.events = coder.events(doc, date, cfg, &dyad_code::quad_goldstein);
        }
    }
}

/// One article through every stage there is so far.
pub fn process(raw: RawArticle) -> Result<Document, IngestError> {
    let mut doc = dyad_ingest::build_document(raw)?;
    dyad_segment::segment(&mut doc);
    dyad_tag::annotate(&mut doc);
    dyad_recognise::recognise(&mut doc);
    dyad_coref::resolve(&mut doc);
    dyad_quotes::attribute(&mut doc);
    dyad_places::recognise(&mut doc);
    dyad_times::recognise(&mut doc);
    code_events(&mut doc);
    dyad_places::locate_events(&mut doc);
    dyad_times::date_events(&mut doc);
    Ok(doc)
}

/// An article's outcome with the name of where it came from.
pub struct Outcome {
    pub source: String,
    pub result: Result<Document, IngestError>,
}

/// Reads and processes inputs chunk by chunk, so memory stays bounded on
/// large batches while both cores work.
pub struct Batches {
    files: std::vec::IntoIter<Result<PathBuf, IngestError>>,
    pub chunk: usize,
}

impl Batches {
    pub fn new(paths: &[PathBuf]) -> Batches {
        Batches {
            files: dyad_ingest::expand_paths(paths).into_iter(),
            chunk: 64,
        }
    }

    /// How many input files there are (for the progress bar).
    pub fn files_left(&self) -> usize {
        self.files.len()
    }
}

impl Iterator for Batches {
    type Item = (usize, Vec<Outcome>);

    /// The next chunk of outcomes, with how many files it consumed.
    fn next(&mut self) -> Option<Self::Item> {
        let mut raws: Vec<Result<RawArticle, IngestError>> = Vec::new();
        let mut files = 0;
        while raws.len() < self.chunk {
            let Some(f) = self.files.next() else { break };
            files += 1;
            match f {
                Ok(path) => raws.extend(dyad_ingest::read_path(&path)),
                Err(e) => raws.push(Err(e)),
            }
        }
        if files == 0 {
            return None;
        }
        let out = raws
            .into_par_iter()
            .map(|r| match r {
                Ok(raw) => Outcome {
                    source: raw.origin.to_string(),
                    result: process(raw),
                },
                Err(e) => Outcome {
                    source: e.origin.to_string(),
                    result: Err(e),
                },
            })
            .collect();
        Some((files, out))
    }
}
