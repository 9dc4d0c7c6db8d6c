//! The bodies of dyad's fuzz targets. `fuzz/` (cargo-fuzz) calls them with
//! generated inputs; `tests/corpus.rs` replays the committed, minimised
//! corpus through them in every `cargo test`, so a crash found once stays
//! fixed. Each must never panic, whatever the bytes.

/// A target's body.
pub type Target = fn(&[u8]);

/// The targets by name, as in `fuzz/fuzz_targets/` and `fuzz/corpus/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("extract_html", extract_html),
    ("json_lines", json_lines),
    ("dyad_dict", dyad_dict),
    ("petrarch_dict", petrarch_dict),
    ("pipeline", pipeline),
];

/// The HTML extractor on arbitrary markup, page and fragment alike.
pub fn extract_html(data: &[u8]) {
    let html = String::from_utf8_lossy(data);
    let _ = dyad_extract::extract_limited(&html, Some("https://example.org/a/b"), 256);
}

/// The input reader on arbitrary bytes named as JSON lines (and as a
/// sniffed file), then each article it yields built into a document.
pub fn json_lines(data: &[u8]) {
    for name in ["in.jsonl", "in"] {
        for raw in dyad_ingest::read_bytes_as(name, "in", data)
            .into_iter()
            .flatten()
        {
            let _ = dyad_ingest::build_document(raw);
        }
    }
}

/// dyad's own dictionary formats: actors/agents and event patterns.
pub fn dyad_dict(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = dyad_dict::parse_dyad_actors(&text, "fuzz.txt");
    let _ = dyad_dict::parse_cameo(&text, "fuzz.tsv");
    let _ = dyad_dict::parse_event_patterns(&text, "fuzz.verbs", None);
}

/// PETRARCH/TABARI's formats: verbs (both flavours), actors, agents,
/// discards and issues.
pub fn petrarch_dict(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = dyad_dict::parse_verbs(&text, "fuzz", dyad_dict::VerbFlavour::Petrarch1);
    let _ = dyad_dict::parse_verbs(&text, "fuzz", dyad_dict::VerbFlavour::Petrarch2);
    let _ = dyad_dict::parse_petrarch_actors(&text, "fuzz");
    let _ = dyad_dict::parse_petrarch_agents(&text, "fuzz");
    let _ = dyad_dict::parse_discards(&text, "fuzz");
    let _ = dyad_dict::parse_issues(&text, "fuzz");
}

/// The whole pipeline on arbitrary text, with small limits so that one
/// input stays cheap.
pub fn pipeline(data: &[u8]) {
    thread_local! {
        static P: dyad_pipeline::Pipeline = dyad_pipeline::Pipeline::new(dyad_pipeline::Config {
            limits: dyad_pipeline::Limits {
                max_tokens: 5_000,
                max_sentence_tokens: 120,
                ..Default::default()
            },
            ..Default::default()
        });
    }
    let raw = dyad_ingest::RawArticle {
        id: "fuzz".into(),
        body: dyad_ingest::Body::Text(String::from_utf8_lossy(data).into_owned()),
        ..Default::default()
    };
    P.with(|p| {
        let _ = p.process(raw);
    });
}
