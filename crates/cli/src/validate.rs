//! `dyad validate SUITE.xml`: runs a PETRARCH validation suite with the
//! dictionaries its `<Environment>` names, coding each record's `<Text>`
//! with dyad's own tokens, tags and parse, and prints every failing record
//! (id, expected, got) and a last line `petrarch: correct=N total=M`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use dyad_document::{Document, Sentence, Span};
use dyad_petrarch::suite::{read_suite, Expected};
use dyad_petrarch::{Coder, Outcome};

/// The suite's score.
pub struct Score {
    pub correct: usize,
    pub total: usize,
}

type Triple = (String, String, String);

fn load(suite: &dyad_petrarch::suite::Suite) -> Result<Coder> {
    let verbs_path = suite
        .verbs
        .as_ref()
        .context("the suite names no <Verbfile>")?;
    load_files(verbs_path, &suite.actors, &suite.agents, &suite.discards)
}

/// A coder from PETRARCH dictionary files, saying how many lines could not
/// be read.
pub fn load_files(
    verbs_path: &Path,
    actor_files: &[PathBuf],
    agent_files: &[PathBuf],
    discard_files: &[PathBuf],
) -> Result<Coder> {
    let l = dyad_petrarch::load_files(verbs_path, actor_files, agent_files, discard_files)?;
    note_unreadable(l.unreadable_lines);
    Ok(l.coder)
}

fn note_unreadable(n: usize) {
    if n > 0 {
        eprintln!("note: {n} dictionary lines could not be read (run `dyad dict check` on them)");
    }
}

/// One record's text as a one-sentence document, tagged and parsed.
fn sentence_doc(id: &str, text: &str) -> Document {
    // PETRARCH texts join multi-word names with `_` now and then.
    let text = text.replace('_', " ");
    let mut doc = Document {
        id: id.to_string(),
        text,
        ..Default::default()
    };
    dyad_segment::segment(&mut doc);
    // A record is one sentence whatever our splitter thinks ("K.U. team").
    if doc.sentences.len() > 1 {
        let first = doc.sentences[0];
        let last = *doc.sentences.last().expect("non-empty");
        doc.sentences = vec![Sentence {
            span: Span::new(first.span.start, last.span.end),
            first_token: first.first_token,
            last_token: last.last_token,
        }];
    }
    dyad_tag::annotate(&mut doc);
    doc
}

pub fn run(path: &Path, verbose: bool) -> Result<Score> {
    let suite = read_suite(path)?;
    let coder = load(&suite)?;
    let mut correct = 0;
    for r in &suite.records {
        let doc = sentence_doc(&r.id, &r.text);
        let date = chrono::NaiveDate::parse_from_str(&r.date, "%Y%m%d").with_context(|| {
            format!("{}: record {}: bad date {:?}", path.display(), r.id, r.date)
        })?;
        let mut got: BTreeSet<Triple> = BTreeSet::new();
        let mut patterns = Vec::new();
        let mut discarded = None;
        for s in 0..doc.sentences.len() {
            match coder.code_sentence(&doc, s, date, &r.config) {
                Outcome::Events(v) => {
                    for c in v {
                        patterns.push(format!(
                            "{} {} {} <- {}",
                            c.source, c.target, c.code, c.pattern
                        ));
                        got.insert((c.source, c.target, c.code));
                    }
                }
                Outcome::Discarded { phrase, story } => {
                    discarded = Some(format!(
                        "{} discard {phrase:?}",
                        if story { "story" } else { "sentence" }
                    ))
                }
            }
        }
        let want: BTreeSet<Triple> = match &r.expected {
            Expected::Events(v) => v.iter().cloned().collect(),
            Expected::NoEvents | Expected::Error(_) => BTreeSet::new(),
        };
        let ok = got == want;
        if ok {
            correct += 1;
        }
        if !ok || verbose {
            let show = |s: &BTreeSet<Triple>| {
                if s.is_empty() {
                    "none".to_string()
                } else {
                    s.iter()
                        .map(|(a, b, c)| format!("{a}>{b}:{c}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                }
            };
            let want_s = match &r.expected {
                Expected::Error(e) => format!("none ({e})"),
                _ => show(&want),
            };
            println!(
                "{} {}: expected {} got {}{}",
                if ok { "ok" } else { "FAIL" },
                r.id,
                want_s,
                show(&got),
                discarded.map(|d| format!(" ({d})")).unwrap_or_default()
            );
            if verbose || !ok {
                println!("    text: {}", r.text);
                for p in &patterns {
                    println!("    {p}");
                }
            }
        }
    }
    Ok(Score {
        correct,
        total: suite.records.len(),
    })
}
