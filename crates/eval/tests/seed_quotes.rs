//! The sample article against its reference, without the cli (the cli's
//! `dyad eval seed` test holds the floors end to end).

use std::path::{Path, PathBuf};

use dyad_document::Document;

/// `../shared` beside the repository, or None (and a note) when absent.
fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("seed").is_dir() {
        Some(p)
    } else {
        eprintln!("skipped: ../shared not found beside the repository");
        None
    }
}

fn seed_doc(shared: &Path) -> Document {
    let raw = dyad_ingest::read_path(&shared.join("seed/000_0d6959d4305744fe.txt"))
        .into_iter()
        .next()
        .expect("one article")
        .expect("readable");
    let mut doc = dyad_ingest::build_document(raw).expect("a document");
    dyad_segment::segment(&mut doc);
    dyad_tag::annotate(&mut doc);
    dyad_recognise::recognise(&mut doc);
    dyad_coref::resolve(&mut doc);
    dyad_quotes::attribute(&mut doc);
    doc
}

#[test]
fn seed_quotes_meet_the_floors() {
    let Some(shared) = shared() else { return };
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("eval/seed/gold.json")).unwrap())
            .unwrap();
    let doc = seed_doc(&shared);
    for q in &doc.quotes {
        eprintln!(
            "{:?} {:?} <- {:?} cue={:?} cont={} nested={} partial={}",
            q.kind,
            doc.slice(q.span).chars().take(60).collect::<String>(),
            q.speaker
                .as_ref()
                .map(|s| (&s.name, doc.slice(s.span), s.anonymous, &s.code, s.count)),
            q.cue.map(|c| doc.slice(c)),
            q.continuation,
            q.nested,
            q.partial
        );
    }
    eprintln!("{:?}", doc.sources);
    let s = dyad_eval::seed_quotes(&doc, &gold);
    for m in &s.misses {
        eprintln!("miss: {m}");
    }
    eprintln!("{s}");
    assert!(s.recall() >= 0.95, "{s}");
    assert!(s.speaker_accuracy() >= 0.95, "{s}");
    assert_eq!(s.not_quotes_attributed, 0, "{s}");
}
