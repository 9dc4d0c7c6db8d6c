//! Articles written for these tests (invented people, places and outlets),
//! each `articles/NAME.txt` with its expected quotes in `NAME.json`, run
//! through segment -> tag -> recognise -> quotes as `dyad code` would.
//!
//! Expected JSON: `{"outlet", "quotes": [{"kind", "starts", "ends"?,
//! "speaker" (name or null), "anonymous"?, "code"?, "count"?, "cue"?,
//! "continuation"?, "nested"?, "partial"?, "open"?}], "not_quotes": [...],
//! "sources"?: {"named", "anonymous"}}`. Every quote found must be
//! expected, in text order; absent flags must be false, an absent `cue` or
//! `code` is not checked.

use std::path::{Path, PathBuf};

use dyad_document::{Document, Quote, QuoteKind};
use serde_json::Value;

fn articles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/articles");
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn process(path: &Path, outlet: Option<&str>) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let raw = dyad_ingest::read_bytes_as(&path.display().to_string(), "text", &bytes)
        .into_iter()
        .next()
        .unwrap()
        .unwrap();
    let mut doc = dyad_ingest::build_document(raw).unwrap();
    doc.outlet = outlet.map(str::to_string);
    doc.published = Some("2025-03-01".into());
    dyad_segment::segment(&mut doc);
    dyad_tag::annotate(&mut doc);
    dyad_recognise::recognise(&mut doc);
    dyad_coref::resolve(&mut doc);
    dyad_quotes::attribute(&mut doc);
    doc
}

fn norm(s: &str) -> String {
    s.replace(['“', '”'], "\"")
        .replace(['‘', '’'], "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// What was found, in the expected file's shape (printed on failure, to
/// compare or to start a new expected file from).
fn found(doc: &Document, q: &Quote) -> Value {
    let text = doc.slice(q.span);
    let starts: String = text
        .split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ");
    let mut v = serde_json::json!({
        "kind": match q.kind { QuoteKind::Direct => "direct", QuoteKind::Indirect => "indirect", QuoteKind::Belief => "belief" },
        "starts": starts,
        "speaker": q.speaker.as_ref().map(|s| s.name.clone()),
    });
    if let Some(s) = &q.speaker {
        if s.anonymous {
            v["anonymous"] = true.into();
        }
        if let Some(c) = &s.code {
            v["code"] = c.clone().into();
        }
        if let Some(c) = s.count {
            v["count"] = c.into();
        }
    }
    if let Some(c) = q.cue {
        v["cue"] = doc.slice(c).into();
    }
    for (k, b) in [
        ("continuation", q.continuation),
        ("nested", q.nested),
        ("partial", q.partial),
        ("open", q.open),
    ] {
        if b {
            v[k] = true.into();
        }
    }
    v
}

fn check(doc: &Document, want: &Value) -> Vec<String> {
    let mut errs = Vec::new();
    let items = want["quotes"].as_array().cloned().unwrap_or_default();
    // Beliefs are reported apart from speech.
    let speech = doc
        .quotes
        .iter()
        .filter(|q| q.kind != QuoteKind::Belief)
        .count();
    if items.len() != speech {
        errs.push(format!("{} quotes found, {} expected", speech, items.len()));
    }
    for (k, w) in items.iter().enumerate() {
        let starts = norm(w["starts"].as_str().unwrap_or(""));
        let Some(q) = doc
            .quotes
            .iter()
            .find(|q| norm(doc.slice(q.span)).starts_with(&starts))
        else {
            errs.push(format!("#{k} not found: {starts}"));
            continue;
        };
        let got = found(doc, q);
        let text = norm(doc.slice(q.span));
        if let Some(e) = w["ends"].as_str() {
            if !text.ends_with(&norm(e)) {
                errs.push(format!("#{k} ends {:?}, want ...{e:?}", text));
            }
        }
        for key in [
            "kind",
            "speaker",
            "anonymous",
            "count",
            "continuation",
            "nested",
            "partial",
            "open",
        ] {
            let a = &got[key];
            let b = &w[key];
            let same = a == b || (a.is_null() && b == &Value::Bool(false));
            if !same {
                errs.push(format!("#{k} {starts:?}: {key} = {a}, want {b}"));
            }
        }
        for key in ["cue", "code"] {
            if !w[key].is_null() && got[key] != w[key] {
                errs.push(format!(
                    "#{k} {starts:?}: {key} = {}, want {}",
                    got[key], w[key]
                ));
            }
        }
    }
    for nq in want["not_quotes"].as_array().into_iter().flatten() {
        let nq = norm(nq.as_str().unwrap_or(""));
        if doc
            .quotes
            .iter()
            .any(|q| norm(doc.slice(q.span)).contains(&nq))
        {
            errs.push(format!("not a quote, but found: {nq}"));
        }
    }
    if let Some(s) = want.get("sources") {
        let got = (doc.sources.named, doc.sources.anonymous);
        let exp = (
            s["named"].as_u64().unwrap_or(0) as usize,
            s["anonymous"].as_u64().unwrap_or(0) as usize,
        );
        if got != exp {
            errs.push(format!(
                "sources (named, anonymous) = {got:?}, want {exp:?}"
            ));
        }
    }
    errs
}

#[test]
fn articles_give_the_expected_quotes() {
    let mut failures = Vec::new();
    for path in articles() {
        let json = path.with_extension("json");
        let want: Value = std::fs::read_to_string(&json)
            .ok()
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or(Value::Null);
        let doc = process(&path, want["outlet"].as_str());
        let errs = check(&doc, &want);
        if !errs.is_empty() {
            let got: Vec<Value> = doc.quotes.iter().map(|q| found(&doc, q)).collect();
            failures.push(format!(
                "{}:\n  {}\n  found: {}",
                path.display(),
                errs.join("\n  "),
                serde_json::to_string_pretty(&got).unwrap()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The contract carries the quotes with character offsets that slice the
/// text, and a sources summary.
#[test]
fn contract_offsets_slice_the_quote() {
    let path = articles().into_iter().next().unwrap();
    let doc = process(&path, Some("Daily Ledger"));
    let c = doc.to_contract(false);
    assert!(!c.quotes.is_empty());
    let chars: Vec<char> = c.text.chars().collect();
    for q in &c.quotes {
        let s: String = chars[q.start..q.end].iter().collect();
        assert_eq!(s, q.text);
        if let Some(sp) = &q.speaker {
            let s: String = chars[sp.start..sp.end].iter().collect();
            assert_eq!(s, sp.text);
        }
    }
    let js = serde_json::to_value(&c).unwrap();
    assert!(js["sources"]["named"].as_u64().is_some());
    assert!(js["quotes"][0]["continuation"].is_boolean());
}
