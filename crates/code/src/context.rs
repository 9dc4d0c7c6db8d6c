//! Per-document lookups shared by the coding steps: the dependency
//! children of each token, the coded mention covering each token, the
//! document's focus country, and the trace kept for `dyad explain`.

use std::cell::RefCell;

use dyad_document::{Document, MentionKind, Span, SpanIndex};

/// Nouns of time, for telling "launched an offensive on Sunday" from one
/// aimed at something.
const TIME_WORDS: &[&str] = &["eve"];

/// Per-document lookups.
pub(crate) struct Cx<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) children: Vec<Vec<usize>>,
    /// The coded actor mention covering each token (the longest).
    pub(crate) mention_of: Vec<Option<usize>>,
    /// Tokens covered by the outlet, an uncoded mention or a dateline:
    /// never actors.
    pub(crate) barred: Vec<bool>,
    /// Tokens of a dateline, up to its dash.
    pub(crate) dateline: Vec<bool>,
    /// The country the document is most about (most country mentions).
    pub(crate) focus: Option<String>,
    /// The sentence to explain, and what was tried there.
    pub(crate) trace: Option<usize>,
    pub(crate) notes: RefCell<Vec<String>>,
    /// Per sentence: whether it has an `if`/`unless` clause (computed once:
    /// asking per verb made long sentences quadratic).
    pub(crate) has_if: Vec<bool>,
    /// Per token: whether a time expression holds it.
    in_time: Vec<bool>,
    /// The mentions' and places' spans, to find those around a token
    /// without scanning them all (quadratic in a long page).
    pub(crate) mention_spans: SpanIndex,
    pub(crate) place_spans: SpanIndex,
}

/// Per token, whether a time expression holds it: one walk over both.
fn in_time(doc: &Document) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    for x in &doc.times {
        let first = doc.tokens.partition_point(|t| t.span.start < x.span.start);
        for (k, t) in doc.tokens.iter().enumerate().skip(first) {
            if t.span.end > x.span.end {
                break;
            }
            out[k] = true;
        }
    }
    out
}

impl<'a> Cx<'a> {
    pub(crate) fn new(doc: &'a Document, trace: Option<usize>) -> Cx<'a> {
        let toks = &doc.tokens;
        let mut children = vec![Vec::new(); toks.len()];
        for (i, t) in toks.iter().enumerate() {
            if let Some(h) = t.head {
                children[h].push(i);
            }
        }
        let mut mention_of: Vec<Option<usize>> = vec![None; toks.len()];
        let mut barred = vec![false; toks.len()];
        for (mi, m) in doc.mentions.iter().enumerate() {
            let first = toks.partition_point(|t| t.span.end <= m.span.start);
            for (ti, t) in toks.iter().enumerate().skip(first) {
                if t.span.start >= m.span.end {
                    break;
                }
                let coded = m.kind != MentionKind::Outlet && code_of(doc, mi).is_some();
                if !coded {
                    if m.kind == MentionKind::Outlet {
                        barred[ti] = true;
                    }
                    continue;
                }
                let longer = match mention_of[ti] {
                    Some(o) => doc.mentions[o].span.len() < m.span.len(),
                    None => true,
                };
                if longer {
                    mention_of[ti] = Some(mi);
                }
            }
        }
        // A dateline ("CAIRO (AP) —") says where the story was filed; the
        // parser often makes it the subject of the first verb, but it is no
        // actor even when the name is a capital.
        let mut dateline = vec![false; toks.len()];
        for (a, b) in dyad_document::dateline::datelines(doc) {
            // Up to its dash: "HANOI, Vietnam (AP) —".
            let end = (b..toks.len().min(b + 12))
                .find(|&k| {
                    matches!(
                        &doc.text[toks[k].span.range()],
                        "--" | "—" | "–" | "-" | "―"
                    )
                })
                .map_or(b, |k| k + 1);
            for t in a..end {
                mention_of[t] = None;
                barred[t] = true;
                dateline[t] = true;
            }
        }
        let has_if = doc
            .sentences
            .iter()
            .map(|s| {
                (s.first_token..s.last_token).any(|t| {
                    toks[t].rel == "mark"
                        && matches!(
                            doc.text[toks[t].span.range()].to_lowercase().as_str(),
                            "if" | "unless"
                        )
                })
            })
            .collect();
        let mut cx = Cx {
            doc,
            children,
            mention_of,
            barred,
            dateline,
            focus: None,
            trace,
            notes: RefCell::new(Vec::new()),
            has_if,
            in_time: in_time(doc),
            mention_spans: SpanIndex::new(doc.mentions.iter().map(|m| m.span)),
            place_spans: SpanIndex::new(doc.places.iter().map(|p| p.span)),
        };
        // The country most actors belong to; the first named among equals.
        let mut counts: Vec<(String, usize)> = Vec::new();
        for mi in 0..doc.mentions.len() {
            if let Some(c) = cx.country_of(mi) {
                match counts.iter_mut().find(|x| x.0 == c) {
                    Some(x) => x.1 += 1,
                    None => counts.push((c, 1)),
                }
            }
        }
        cx.focus = counts
            .iter()
            .enumerate()
            .max_by_key(|(k, (_, n))| (*n, usize::MAX - k))
            .map(|(_, (c, _))| c.clone());
        cx
    }

    /// Record what was tried at token `t`, when explaining its sentence.
    pub(crate) fn note(&self, t: usize, what: impl FnOnce() -> String) {
        if self.trace.is_some_and(|s| self.sentence_of(t) == s) {
            let line = what();
            let mut notes = self.notes.borrow_mut();
            if !notes.contains(&line) {
                notes.push(line);
            }
        }
    }

    pub(crate) fn word(&self, t: usize) -> &str {
        self.doc.slice(self.doc.tokens[t].span)
    }

    pub(crate) fn opt_word(&self, t: Option<usize>) -> String {
        t.map_or("-".into(), |t| format!("«{}»", self.word(t)))
    }

    /// Why a slot gave no actor.
    pub(crate) fn slot_why(&self, slot: &str, t: Option<usize>) -> String {
        match t {
            None if slot == "source" => "no subject (or by-agent) for $".into(),
            None => format!("nothing fills the {slot} slot"),
            Some(t) => format!("no actor in the {slot} slot («{}»)", self.word(t)),
        }
    }

    pub(crate) fn lower(&self, t: usize) -> String {
        self.doc.slice(self.doc.tokens[t].span).to_lowercase()
    }

    pub(crate) fn is(&self, t: usize, w: &str) -> bool {
        self.doc.tokens[t].lemma == w || self.lower(t) == w
    }

    pub(crate) fn child(&self, t: usize, rels: &[&str]) -> Option<usize> {
        self.children[t]
            .iter()
            .copied()
            .find(|&c| rels.contains(&self.doc.tokens[c].rel))
    }

    pub(crate) fn sentence_of(&self, t: usize) -> usize {
        self.doc
            .sentences
            .partition_point(|s| s.last_token <= t)
            .min(self.doc.sentences.len().saturating_sub(1))
    }

    pub(crate) fn code_of(&self, m: usize) -> Option<String> {
        code_of(self.doc, m)
    }

    /// A time expression ("on Sunday", "in March", "at dawn").
    /// "up" in "lend up to $1 billion": a bound on a quantity that the
    /// parser takes for the verb's particle.
    pub(crate) fn quantity_particle(&self, t: usize) -> bool {
        let toks = &self.doc.tokens;
        self.lower(t) == "up"
            && toks.get(t + 1).is_some_and(|_| self.lower(t + 1) == "to")
            && toks
                .get(t + 2)
                .is_some_and(|n| n.tag == "CD" || n.tag == "$")
    }

    pub(crate) fn is_time(&self, t: usize) -> bool {
        self.in_time[t] || self.doc.tokens[t].tag == "CD" || {
            let l = self.doc.tokens[t].lemma.to_lowercase();
            TIME_WORDS.contains(&l.as_str()) || dyad_document::calendar::is_time_word(&l)
        }
    }

    /// The mentions that lie inside `span`, in text order.
    pub(crate) fn mentions_within(&self, span: Span) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .mention_spans
            .overlapping(span)
            .filter(|&i| span.contains(self.doc.mentions[i].span))
            .collect();
        v.sort_unstable();
        v
    }

    /// The mentions that hold `span`, in text order.
    pub(crate) fn mentions_holding(&self, span: Span) -> Vec<usize> {
        let mut v: Vec<usize> = self
            .mention_spans
            .overlapping(span)
            .filter(|&i| self.doc.mentions[i].span.contains(span))
            .collect();
        v.sort_unstable();
        v
    }

    /// How many mentions start before byte `at` (mentions are in text order).
    pub(crate) fn mentions_before(&self, at: usize) -> usize {
        self.doc.mentions.partition_point(|m| m.span.start < at)
    }

    /// The verb whose clause a token stands in.
    pub(crate) fn governing_verb(&self, mut t: usize) -> Option<usize> {
        for _ in 0..32 {
            let h = self.doc.tokens[t].head?;
            if self.doc.tokens[h].tag.starts_with("VB") {
                return Some(h);
            }
            t = h;
        }
        None
    }
}

pub(crate) fn code_of(doc: &Document, m: usize) -> Option<String> {
    let mention = &doc.mentions[m];
    if mention.kind == MentionKind::Outlet {
        return None;
    }
    mention.code.clone().or_else(|| {
        let r = mention.refers_to?;
        let target = doc.mentions.get(r)?;
        if target.kind == MentionKind::Outlet {
            return None;
        }
        target.code.clone()
    })
}
