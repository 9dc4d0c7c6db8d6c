//! Scoring quotes against the sample article's reference
//! (`../shared/eval/seed/gold.json`, section `quotes`).
//!
//! Matching rule: texts are compared after normalising (curly quotes and
//! apostrophes straight, brackets dropped, whitespace collapsed, lower
//! case). A found quote of the same kind matches a reference item when its
//! text starts with the item's `starts`, or, failing that, when the place
//! of `starts` in the article lies inside the quote; each found quote
//! matches at most one item (reference order, first free quote). The
//! speaker is right when the speaker's name (a person's canonical name, or
//! the words naming an unnamed source, with a leading article dropped)
//! equals the reference `speaker`, the `anonymous` flags agree and, when
//! the reference gives a `code`, the codes agree. A `not_quotes` phrase
//! counts as attributed when a quote with a speaker holds it.

use dyad_document::{Document, Quote, QuoteKind};
use serde_json::Value;

/// Found/expected counts; displays as the `seed-quotes:` line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedQuotes {
    pub matched: usize,
    pub total: usize,
    pub found: usize,
    /// Matched quotes whose speaker is right.
    pub speakers: usize,
    /// Reference not-quotes attributed to someone.
    pub not_quotes_attributed: usize,
    pub not_quotes: usize,
    /// Reference items missed or misattributed, for reports.
    pub misses: Vec<String>,
}

impl SeedQuotes {
    pub fn recall(&self) -> f64 {
        self.matched as f64 / self.total.max(1) as f64
    }
    pub fn precision(&self) -> f64 {
        self.matched as f64 / self.found.max(1) as f64
    }
    /// Right speakers among the matched quotes.
    pub fn speaker_accuracy(&self) -> f64 {
        self.speakers as f64 / self.matched.max(1) as f64
    }
}

impl std::fmt::Display for SeedQuotes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seed-quotes: recall={:.3} ({}/{}) precision={:.3} ({}/{}) speaker_acc={:.3} ({}/{}) not_quotes_attributed={}/{}",
            self.recall(),
            self.matched,
            self.total,
            self.precision(),
            self.matched,
            self.found,
            self.speaker_accuracy(),
            self.speakers,
            self.matched,
            self.not_quotes_attributed,
            self.not_quotes
        )
    }
}

/// Normal form for comparing texts.
fn norm(s: &str) -> String {
    let mapped: String = s
        .chars()
        .filter(|c| !matches!(c, '[' | ']'))
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' | '`' => '\'',
            c => c,
        })
        .collect();
    mapped
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A name without a leading article.
fn bare(s: &str) -> String {
    let n = norm(s);
    for a in ["a ", "an ", "the "] {
        if let Some(r) = n.strip_prefix(a) {
            return r.to_string();
        }
    }
    n
}

fn kind_of(v: &Value) -> QuoteKind {
    match v["kind"].as_str() {
        Some("indirect") => QuoteKind::Indirect,
        _ => QuoteKind::Direct,
    }
}

/// Scores `doc.quotes` against the reference's `quotes` section.
pub fn seed_quotes(doc: &Document, gold: &Value) -> SeedQuotes {
    let mut s = SeedQuotes {
        found: doc.quotes.len(),
        ..Default::default()
    };
    let texts: Vec<String> = doc.quotes.iter().map(|q| norm(doc.slice(q.span))).collect();
    let text = doc.text.as_str();
    let mut taken = vec![false; doc.quotes.len()];
    for item in gold["quotes"]["items"].as_array().into_iter().flatten() {
        s.total += 1;
        let starts = item["starts"].as_str().unwrap_or("");
        let key = norm(starts);
        let kind = kind_of(item);
        let free = |i: usize, q: &Quote| !taken[i] && q.kind == kind;
        let by_start = doc
            .quotes
            .iter()
            .enumerate()
            .position(|(i, q)| free(i, q) && texts[i].starts_with(&key));
        let at = find_loose(text, starts);
        let within = || {
            at.and_then(|b| {
                doc.quotes
                    .iter()
                    .enumerate()
                    .position(|(i, q)| free(i, q) && q.span.start <= b && b < q.span.end)
            })
        };
        let Some(i) = by_start.or_else(within) else {
            s.misses.push(format!("missing {:?}: {starts}", kind));
            continue;
        };
        taken[i] = true;
        s.matched += 1;
        let q = &doc.quotes[i];
        if speaker_ok(doc, q, item) {
            s.speakers += 1;
        } else {
            s.misses.push(format!(
                "speaker of {starts:?}: want {:?}, got {:?}",
                item["speaker"].as_str().unwrap_or(""),
                q.speaker.as_ref().map(|x| (&x.name, x.anonymous, &x.code))
            ));
        }
    }
    for nq in gold["quotes"]["not_quotes"]
        .as_array()
        .into_iter()
        .flatten()
    {
        let Some(nq) = nq.as_str() else { continue };
        s.not_quotes += 1;
        let key = norm(nq);
        if doc
            .quotes
            .iter()
            .zip(&texts)
            .any(|(q, t)| q.speaker.is_some() && t.contains(&key))
        {
            s.not_quotes_attributed += 1;
            s.misses.push(format!("not a quote, but attributed: {nq}"));
        }
    }
    s
}

fn speaker_ok(doc: &Document, q: &Quote, item: &Value) -> bool {
    let Some(sp) = &q.speaker else { return false };
    let want = bare(item["speaker"].as_str().unwrap_or(""));
    let entity = sp
        .mention
        .and_then(|m| doc.mentions.get(m))
        .and_then(|m| m.entity.as_deref())
        .map(bare);
    let name_ok = bare(&sp.name) == want || entity.as_deref() == Some(want.as_str());
    let anon_ok = item["anonymous"].as_bool().unwrap_or(false) == sp.anonymous;
    let code_ok = item["code"]
        .as_str()
        .is_none_or(|c| sp.code.as_deref() == Some(c));
    name_ok && anon_ok && code_ok
}

/// The byte offset of `needle` in `hay` compared in normal form (quotes
/// straight, brackets dropped, spaces collapsed, any case).
fn find_loose(hay: &str, needle: &str) -> Option<usize> {
    let key = norm(needle);
    let first = key.chars().next()?;
    hay.char_indices()
        .filter(|(_, c)| c.to_lowercase().next() == Some(first))
        .map(|(b, _)| b)
        .find(|&b| {
            let end = (b + needle.len() * 2).min(hay.len());
            let mut e = end;
            while !hay.is_char_boundary(e) {
                e -= 1;
            }
            norm(&hay[b..e]).starts_with(&key)
        })
}
