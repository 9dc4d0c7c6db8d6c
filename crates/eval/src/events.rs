//! Scoring coded events against the sample article's reference
//! (`../shared/eval/seed/gold.json`, section `events`): an emitted event
//! matches a reference event when source and target codes agree (order
//! matters; the reference's `alt_sources`/`alt_targets` also count) and the
//! root agrees (or one of `alt_roots`). Stricter than the reference asks,
//! the event must also come from the sentence that holds the reference's
//! text (its words before any `...`), so a lucky match elsewhere does not
//! count.

use dyad_document::{Document, MentionKind};
use serde_json::Value;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct SeedEvents {
    pub matched: usize,
    pub total: usize,
    pub emitted: usize,
    /// Emitted events the reference says no coder should emit.
    pub must_not: usize,
    pub misses: Vec<String>,
}

impl std::fmt::Display for SeedEvents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seed-events: recall={:.3} ({}/{}) emitted={} must_not={}",
            self.matched as f64 / self.total.max(1) as f64,
            self.matched,
            self.total,
            self.emitted,
            self.must_not
        )
    }
}

fn list(v: &Value, one: &str, alts: &str) -> Vec<String> {
    let mut out: Vec<String> = v[one].as_str().map(str::to_string).into_iter().collect();
    out.extend(
        v[alts]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str().map(str::to_string)),
    );
    out
}

/// Score `doc.events` against the reference's `events` section.
pub fn seed_events(doc: &Document, gold: &Value) -> SeedEvents {
    let mut s = SeedEvents {
        emitted: doc.events.len(),
        ..Default::default()
    };
    for item in gold["events"]["items"].as_array().into_iter().flatten() {
        s.total += 1;
        let (sources, targets, roots) = (
            list(item, "source", "alt_sources"),
            list(item, "target", "alt_targets"),
            list(item, "root", "alt_roots"),
        );
        let text = item["text"].as_str().unwrap_or("");
        let head: Vec<String> = text
            .split("...")
            .next()
            .unwrap_or("")
            .split_whitespace()
            .map(|w| w.to_lowercase())
            .collect();
        let holds = |si: usize| {
            let words: Vec<String> = doc
                .sentences
                .get(si)
                .map_or("", |x| doc.slice(x.span))
                .split_whitespace()
                .map(|w| w.to_lowercase())
                .collect();
            !head.is_empty() && words.windows(head.len()).any(|w| w == head.as_slice())
        };
        let located = (0..doc.sentences.len()).any(holds);
        let hit = doc.events.iter().any(|e| {
            (!located || holds(e.sentence))
                && e.source.as_ref().is_some_and(|x| sources.contains(x))
                && e.target.as_ref().is_some_and(|x| targets.contains(x))
                && roots.contains(&e.root)
        });
        if hit {
            s.matched += 1;
        } else {
            s.misses.push(format!(
                "{}->{} root {}: {}",
                sources.join("/"),
                targets.join("/"),
                roots.join("/"),
                item["text"].as_str().unwrap_or("")
            ));
        }
    }
    // Must-not: events with the outlet as an actor, or read from a sentence
    // holding a fragment the reference quotes ('...') as never to be coded.
    let fragments: Vec<String> = gold["events"]["must_not"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|v| v.as_str())
        .filter_map(|t| t.split('\'').nth(1).map(str::to_string))
        .filter(|f| f.len() > 8)
        .collect();
    for e in &doc.events {
        let outlet = [e.source_mention, e.target_mention]
            .into_iter()
            .flatten()
            .any(|m| {
                doc.mentions
                    .get(m)
                    .is_some_and(|m| m.kind == MentionKind::Outlet)
            });
        let sentence = doc
            .sentences
            .get(e.sentence)
            .map_or("", |x| doc.slice(x.span));
        let words: Vec<&str> = sentence.split_whitespace().collect();
        let banned = fragments.iter().any(|f| {
            // Fragments quote the text loosely; all of their words in order.
            let fw: Vec<&str> = f.split_whitespace().collect();
            words.windows(fw.len()).any(|w| w == fw.as_slice())
        });
        if outlet || banned {
            s.must_not += 1;
        }
    }
    s
}
