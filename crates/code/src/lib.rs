//! The event coder: who did what to whom, in CAMEO, with provenance.
//!
//! Reads a tagged, parsed and actor-recognised [`Document`] and fills
//! [`Document::events`]. Every [`Event`] names the dictionary line that
//! produced it (`file:line: pattern`).
//!
//! Public API:
//!
//! * [`Coder::default_english`]: dyad's own event dictionaries
//!   (`dictionaries/events/cameo.tsv` and `*.verbs`), embedded in the binary;
//! * [`Coder::from_texts`]: the same from other texts;
//! * [`Coder::code`]: adds the events of one document;
//! * [`code`]: the same with the default coder, loaded once.
//!
//! How it works, per verb frame ([`dyad_tag::frames::frames`]):
//!
//! 1. a verb is skipped when it, or a verb it is the infinitive complement
//!    of, is negated or refused ("did not meet", "refused to meet": the
//!    latter is coded from the `refuse` patterns), or when it stands inside a
//!    conditional clause (`if`/`unless`, reached through its clause heads),
//!    or carries `would`/`could`/`might` in a sentence with such a clause;
//! 2. the patterns whose head is the verb's lemma are tried; each further
//!    word of a pattern must stand in the verb's phrase (particle,
//!    preposition, object noun or its modifiers, infinitive complement and
//!    its phrase), matched against both the lemma and the lower-cased form
//!    (so plural pattern words such as "talks" match); a phrasal verb's
//!    particle must be named by the pattern;
//! 3. `$` before the head is the subject (the by-agent when passive); `+`
//!    after the head is the direct object (the grammatical subject when
//!    passive), after a preposition its object, after an infinitive
//!    complement that verb's object;
//! 4. an argument is an actor when a coded mention (never the outlet) covers
//!    it, else one of its compound/amod/poss modifiers; conjoined arguments
//!    give one actor each ("Russia, Iran and Turkey"), hence one event per
//!    pair. A cooperative pattern with no target whose subject is several
//!    actors codes them with each other;
//! 5. the most specific matching pattern (most words) that yields an event
//!    wins.
//!
//! Noun patterns (`~`) are indexed by their syntactic head (the last word
//! before the first preposition: "air strike on" -> "strike"); the source is
//! an actor among the noun's modifiers or a "by" phrase, the target the
//! object of the pattern's preposition.
//!
//! An event needs a source and a target actor, with different codes.

use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_dict::{CameoCode, DictError, EventPattern};
use dyad_document::{Document, Event, MentionKind};
use dyad_tag::frames::{frames, Frame};

/// dyad's own event dictionaries, embedded so the binary is self-contained.
pub const DEFAULT_CAMEO: (&str, &str) = (
    "dictionaries/events/cameo.tsv",
    include_str!("../../../dictionaries/events/cameo.tsv"),
);

/// dyad's own pattern files.
pub const DEFAULT_PATTERNS: &[(&str, &str)] = &[
    (
        "dictionaries/events/01-03.verbs",
        include_str!("../../../dictionaries/events/01-03.verbs"),
    ),
    (
        "dictionaries/events/04-08.verbs",
        include_str!("../../../dictionaries/events/04-08.verbs"),
    ),
    (
        "dictionaries/events/09-14.verbs",
        include_str!("../../../dictionaries/events/09-14.verbs"),
    ),
    (
        "dictionaries/events/15-20.verbs",
        include_str!("../../../dictionaries/events/15-20.verbs"),
    ),
];

/// Prepositions, to find a noun pattern's syntactic head.
const PREPOSITIONS: &[&str] = &[
    "of", "on", "against", "in", "into", "near", "to", "with", "by", "along", "from", "for", "at",
    "over", "across", "between", "toward", "towards", "upon", "onto", "around", "through",
    "inside", "within", "about", "among", "amid",
];

/// Relations through which a pattern word may be found in a head's phrase.
const PHRASE_RELS: &[&str] = &[
    "prt", "prep", "agent", "pobj", "pcomp", "dobj", "dative", "attr", "oprd", "acomp", "xcomp",
    "compound", "amod", "nmod", "aux", "npadvmod",
];

/// One item of a pattern, head included, in surface order.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Item {
    Source,
    Target,
    Gap,
    Head,
    Word(String),
}

#[derive(Debug, Clone)]
struct Compiled {
    code: String,
    items: Vec<Item>,
    /// Index of the head in `items`.
    head: usize,
    specificity: usize,
    noun: bool,
    /// `file:line: raw`.
    provenance: String,
}

/// The event coder.
pub struct Coder {
    codes: HashMap<String, CameoCode>,
    patterns: Vec<Compiled>,
    /// Head lemma -> patterns, verbs and nouns apart.
    verbs: HashMap<String, Vec<usize>>,
    nouns: HashMap<String, Vec<usize>>,
}

fn compile(p: &EventPattern) -> Compiled {
    let provenance = format!("{}:{}: {}", p.origin.file, p.origin.line, p.raw);
    // Re-read the pattern from its raw line, head in place.
    let line = p.raw.split('#').next().unwrap_or("").trim();
    let body = line
        .find('\t')
        .or_else(|| line.find("  "))
        .map(|k| &line[k..])
        .unwrap_or("")
        .trim();
    let mut items: Vec<Item> = Vec::new();
    let mut head_seen = false;
    for t in body.split_whitespace() {
        match t {
            "~" => {}
            "$" => items.push(Item::Source),
            "+" => items.push(Item::Target),
            "*" => items.push(Item::Gap),
            w if !head_seen => {
                head_seen = true;
                let _ = w;
                items.push(Item::Head);
            }
            w => items.push(Item::Word(w.to_string())),
        }
    }
    let mut head = items.iter().position(|i| *i == Item::Head).unwrap_or(0);
    if p.noun {
        // The syntactic head: the last word before the first preposition.
        let words: Vec<(usize, &str)> = items
            .iter()
            .enumerate()
            .filter_map(|(k, it)| match it {
                Item::Head => Some((k, p.head.as_str())),
                Item::Word(w) => Some((k, w.as_str())),
                _ => None,
            })
            .collect();
        let mut h = words.first().map(|x| x.0).unwrap_or(0);
        for &(k, w) in &words {
            if PREPOSITIONS.contains(&w) {
                break;
            }
            h = k;
        }
        // Make the syntactic head the `Head` item and the written head a word.
        if h != head {
            let syn = match &items[h] {
                Item::Word(w) => w.clone(),
                _ => unreachable!(),
            };
            items[head] = Item::Word(p.head.clone());
            items[h] = Item::Head;
            head = h;
            return Compiled {
                code: p.code.clone(),
                specificity: p.specificity(),
                items,
                head,
                noun: true,
                provenance: format!("{provenance}\u{0}{syn}"),
            };
        }
    }
    Compiled {
        code: p.code.clone(),
        specificity: p.specificity(),
        items,
        head,
        noun: p.noun,
        provenance,
    }
}

impl Coder {
    /// dyad's own dictionaries, embedded in the binary.
    pub fn default_english() -> Coder {
        Coder::from_texts(DEFAULT_CAMEO, DEFAULT_PATTERNS).expect("dyad's event dictionaries parse")
    }

    /// A coder from a code table and pattern files given as `(name, text)`.
    pub fn from_texts(cameo: (&str, &str), patterns: &[(&str, &str)]) -> Result<Coder, DictError> {
        let codes = dyad_dict::parse_cameo(cameo.1, cameo.0)?;
        let mut compiled = Vec::new();
        for (name, text) in patterns {
            for p in dyad_dict::parse_event_patterns(text, name, Some(&codes))? {
                compiled.push((p.head.clone(), compile(&p)));
            }
        }
        let mut coder = Coder {
            codes: codes.into_iter().map(|c| (c.code.clone(), c)).collect(),
            patterns: Vec::new(),
            verbs: HashMap::new(),
            nouns: HashMap::new(),
        };
        for (head, mut c) in compiled {
            let key = match c.provenance.split_once('\u{0}') {
                Some((prov, syn)) => {
                    let syn = syn.to_string();
                    c.provenance = prov.to_string();
                    syn
                }
                None => head,
            };
            let k = coder.patterns.len();
            let index = if c.noun {
                &mut coder.nouns
            } else {
                &mut coder.verbs
            };
            index.entry(key).or_default().push(k);
            coder.patterns.push(c);
        }
        Ok(coder)
    }

    /// How many patterns are loaded.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }

    /// Code the events of one tagged, parsed and recognised document.
    pub fn code(&self, doc: &mut Document) {
        let events = {
            let cx = Cx::new(doc);
            let mut out: Vec<Event> = Vec::new();
            let fs = frames(doc);
            let mut used_nouns: Vec<usize> = Vec::new();
            for f in &fs {
                if cx.blocked(f.verb, &fs) {
                    continue;
                }
                self.code_verb(&cx, f, &mut out, &mut used_nouns);
            }
            for n in 0..doc.tokens.len() {
                if !doc.tokens[n].tag.starts_with("NN") || used_nouns.contains(&n) {
                    continue;
                }
                // A noun inherits its clause's negation and conditions.
                if let Some(v) = cx.governing_verb(n) {
                    if cx.blocked(v, &fs) {
                        continue;
                    }
                }
                self.code_noun(&cx, n, &mut out);
            }
            out.sort_by_key(|e| (e.span.start, e.span.end));
            let mut seen = Vec::new();
            out.retain(|e| {
                let key = (
                    e.sentence,
                    e.source.clone(),
                    e.target.clone(),
                    e.code.clone(),
                );
                if seen.contains(&key) {
                    false
                } else {
                    seen.push(key);
                    true
                }
            });
            out
        };
        doc.events = events;
    }

    fn candidates<'a>(
        &'a self,
        index: &'a HashMap<String, Vec<usize>>,
        cx: &Cx,
        t: usize,
    ) -> Vec<usize> {
        let lemma = &cx.doc.tokens[t].lemma;
        let lower = cx.lower(t);
        let mut out: Vec<usize> = index.get(lemma.as_str()).cloned().unwrap_or_default();
        if lower != *lemma {
            if let Some(v) = index.get(lower.as_str()) {
                for &k in v {
                    if !out.contains(&k) {
                        out.push(k);
                    }
                }
            }
        }
        // A lemma cut short by the lemmatiser ("provoking" -> "provok").
        if out.is_empty() && cx.doc.tokens[t].tag == "VBG" {
            if let Some(v) = index.get(format!("{lemma}e").as_str()) {
                out.extend(v.iter().copied());
            }
        }
        // Most specific first, file order among equals.
        out.sort_by_key(|&k| (std::cmp::Reverse(self.patterns[k].specificity), k));
        out
    }

    fn code_verb(&self, cx: &Cx, f: &Frame, out: &mut Vec<Event>, used: &mut Vec<usize>) {
        let cands = self.candidates(&self.verbs, cx, f.verb);
        if cands.is_empty() {
            return;
        }
        let phrase = cx.phrase(f.verb);
        for k in cands {
            let p = &self.patterns[k];
            let Some(m) = cx.match_items(p, f.verb, &phrase, Some(f)) else {
                continue;
            };
            if let Some(prt) = f.particle {
                if !m.matched.contains(&prt) {
                    continue;
                }
            }
            let sources = m.source.map(|s| cx.actors(s)).unwrap_or_default();
            let mut targets = m.target.map(|t| cx.actors(t)).unwrap_or_default();
            let mut span_toks = m.matched.clone();
            span_toks.push(f.verb);
            let cameo = self.codes.get(&p.code);
            let cooperative = cameo.is_some_and(|c| (c.quad_class as u8) <= 2);
            let before = out.len();
            if targets.is_empty() && m.target.is_none() && cooperative && sources.len() > 1 {
                // "A and B met": each with the other.
                targets = sources.clone();
            }
            self.emit(cx, p, &sources, &targets, &span_toks, out);
            if out.len() > before {
                used.extend(m.matched.iter().copied());
                return;
            }
        }
    }

    fn code_noun(&self, cx: &Cx, n: usize, out: &mut Vec<Event>) {
        let cands = self.candidates(&self.nouns, cx, n);
        if cands.is_empty() {
            return;
        }
        let mut phrase = cx.phrase(n);
        // "launched strikes on X": the preposition may hang on the verb.
        if let (Some(h), "dobj") = (cx.doc.tokens[n].head, cx.doc.tokens[n].rel) {
            for &c in &cx.children[h] {
                if matches!(cx.doc.tokens[c].rel, "prep" | "agent") {
                    phrase.push(c);
                    phrase.extend(cx.phrase(c));
                }
            }
        }
        for k in cands {
            let p = &self.patterns[k];
            let Some(m) = cx.match_items(p, n, &phrase, None) else {
                continue;
            };
            let mut sources = Vec::new();
            // A "by" phrase on the noun or on the target's noun.
            let mut by_holders = vec![n];
            by_holders.extend(m.target);
            for h in by_holders {
                for &c in &cx.children[h] {
                    if cx.lower(c) == "by" {
                        if let Some(o) = cx.child(c, &["pobj"]) {
                            sources.extend(cx.actors(o));
                        }
                    }
                }
            }
            if sources.is_empty() {
                for &c in &cx.children[n] {
                    if matches!(cx.doc.tokens[c].rel, "amod" | "compound" | "poss" | "nmod")
                        && !m.matched.contains(&c)
                    {
                        sources.extend(cx.actors(c));
                    }
                }
            }
            let targets = m.target.map(|t| cx.actors(t)).unwrap_or_default();
            let mut span_toks = m.matched.clone();
            span_toks.push(n);
            let before = out.len();
            self.emit(cx, p, &sources, &targets, &span_toks, out);
            if out.len() > before {
                return;
            }
        }
    }

    fn emit(
        &self,
        cx: &Cx,
        p: &Compiled,
        sources: &[usize],
        targets: &[usize],
        span_toks: &[usize],
        out: &mut Vec<Event>,
    ) {
        let Some(cameo) = self.codes.get(&p.code) else {
            return;
        };
        let toks = &cx.doc.tokens;
        let start = span_toks.iter().map(|&t| toks[t].span.start).min();
        let end = span_toks.iter().map(|&t| toks[t].span.end).max();
        let (Some(start), Some(end)) = (start, end) else {
            return;
        };
        let sentence = cx.sentence_of(span_toks[0]);
        for &s in sources {
            for &t in targets {
                let (sc, tc) = (cx.code_of(s), cx.code_of(t));
                if s == t || sc == tc {
                    continue;
                }
                out.push(Event {
                    sentence,
                    span: dyad_document::Span::new(start, end),
                    source: sc,
                    target: tc,
                    source_mention: Some(s),
                    target_mention: Some(t),
                    code: p.code.clone(),
                    root: p.code[..2].to_string(),
                    quad_class: cameo.quad_class as u8,
                    goldstein: cameo.goldstein,
                    pattern: p.provenance.clone(),
                    ..Default::default()
                });
            }
        }
    }
}

/// What a pattern match found.
struct Match {
    matched: Vec<usize>,
    source: Option<usize>,
    target: Option<usize>,
}

/// Per-document lookups.
struct Cx<'a> {
    doc: &'a Document,
    children: Vec<Vec<usize>>,
    /// The coded actor mention covering each token (the longest).
    mention_of: Vec<Option<usize>>,
    /// Tokens covered by the outlet or an uncoded mention: never actors.
    barred: Vec<bool>,
}

impl<'a> Cx<'a> {
    fn new(doc: &'a Document) -> Cx<'a> {
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
        Cx {
            doc,
            children,
            mention_of,
            barred,
        }
    }

    fn lower(&self, t: usize) -> String {
        self.doc.slice(self.doc.tokens[t].span).to_lowercase()
    }

    fn is(&self, t: usize, w: &str) -> bool {
        self.doc.tokens[t].lemma == w || self.lower(t) == w
    }

    fn child(&self, t: usize, rels: &[&str]) -> Option<usize> {
        self.children[t]
            .iter()
            .copied()
            .find(|&c| rels.contains(&self.doc.tokens[c].rel))
    }

    fn sentence_of(&self, t: usize) -> usize {
        self.doc
            .sentences
            .partition_point(|s| s.last_token <= t)
            .min(self.doc.sentences.len().saturating_sub(1))
    }

    fn code_of(&self, m: usize) -> Option<String> {
        code_of(self.doc, m)
    }

    /// Tokens of a head's phrase where pattern words may stand.
    fn phrase(&self, head: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![(head, 0)];
        while let Some((t, depth)) = stack.pop() {
            if depth >= 5 {
                continue;
            }
            for &c in &self.children[t] {
                let tok = &self.doc.tokens[c];
                if !PHRASE_RELS.contains(&tok.rel) {
                    continue;
                }
                if tok.rel == "aux" && tok.tag != "TO" {
                    continue;
                }
                out.push(c);
                stack.push((c, depth + 1));
            }
        }
        out.sort_unstable();
        out
    }

    /// Match a pattern's items around `head`.
    fn match_items(
        &self,
        p: &Compiled,
        head: usize,
        phrase: &[usize],
        frame: Option<&Frame>,
    ) -> Option<Match> {
        let toks = &self.doc.tokens;
        let mut m = Match {
            matched: Vec::new(),
            source: None,
            target: None,
        };
        // Before the head: `$` is the subject (agent when passive), `+`
        // the subject of a passive-looking pattern; words are modifiers.
        for it in &p.items[..p.head] {
            match it {
                Item::Source => {
                    if let Some(f) = frame {
                        m.source = if f.passive { f.agent } else { f.subject };
                    }
                }
                Item::Target => {
                    if let Some(f) = frame {
                        m.target = f.subject;
                    }
                }
                Item::Word(w) => {
                    let t = phrase
                        .iter()
                        .copied()
                        .find(|&t| !m.matched.contains(&t) && self.is(t, w))?;
                    m.matched.push(t);
                }
                _ => {}
            }
        }
        let mut prev = head;
        for it in &p.items[p.head + 1..] {
            match it {
                Item::Word(w) => {
                    let t = phrase
                        .iter()
                        .copied()
                        .filter(|&t| !m.matched.contains(&t) && self.is(t, w))
                        .min_by_key(|&t| (t < prev, t.abs_diff(prev)))?;
                    m.matched.push(t);
                    prev = t;
                }
                Item::Target | Item::Source => {
                    let arg = if prev == head || toks[prev].rel == "prt" {
                        match frame {
                            Some(f) if f.passive => {
                                if *it == Item::Target {
                                    f.subject
                                } else {
                                    f.agent
                                }
                            }
                            Some(f) => f.dative.or(f.object),
                            None => None,
                        }
                    } else if matches!(toks[prev].rel, "prep" | "agent")
                        || matches!(toks[prev].tag, "IN" | "TO")
                    {
                        self.child(prev, &["pobj", "pcomp"])
                    } else if toks[prev].tag.starts_with("VB") {
                        self.child(prev, &["dobj", "dative"])
                    } else {
                        None
                    };
                    if *it == Item::Target {
                        m.target = arg;
                    } else {
                        m.source = arg;
                    }
                }
                _ => {}
            }
        }
        Some(m)
    }

    /// Actor mentions an argument stands for: the mention covering it, else
    /// one among its modifiers; conjoined arguments each give theirs.
    fn actors(&self, arg: usize) -> Vec<usize> {
        let mut heads = vec![arg];
        let mut k = 0;
        while k < heads.len() {
            let h = heads[k];
            for &c in &self.children[h] {
                if self.doc.tokens[c].rel == "conj" && !heads.contains(&c) {
                    heads.push(c);
                }
            }
            k += 1;
        }
        let mut out: Vec<usize> = Vec::new();
        for h in heads {
            if let Some(m) = self.actor_at(h) {
                if !out.contains(&m) {
                    out.push(m);
                }
            }
        }
        out
    }

    fn actor_at(&self, t: usize) -> Option<usize> {
        if self.barred[t] {
            return None;
        }
        if let Some(m) = self.mention_of[t] {
            return Some(m);
        }
        // Modifiers, breadth first, two levels deep.
        let mut level = vec![t];
        for _ in 0..2 {
            let mut next = Vec::new();
            for &x in &level {
                for &c in &self.children[x] {
                    if !matches!(
                        self.doc.tokens[c].rel,
                        "compound" | "amod" | "poss" | "nmod"
                    ) {
                        continue;
                    }
                    if self.barred[c] {
                        continue;
                    }
                    if let Some(m) = self.mention_of[c] {
                        return Some(m);
                    }
                    next.push(c);
                }
            }
            level = next;
        }
        None
    }

    /// The verb whose clause a token stands in.
    fn governing_verb(&self, mut t: usize) -> Option<usize> {
        for _ in 0..32 {
            let h = self.doc.tokens[t].head?;
            if self.doc.tokens[h].tag.starts_with("VB") {
                return Some(h);
            }
            t = h;
        }
        None
    }

    /// A verb that did not happen: negated or refused (itself or the verb
    /// it complements), or inside a conditional.
    fn blocked(&self, verb: usize, fs: &[Frame]) -> bool {
        let toks = &self.doc.tokens;
        let frame = |v: usize| fs.iter().find(|f| f.verb == v);
        let s = &self.doc.sentences[self.sentence_of(verb)];
        let has_if = (s.first_token..s.last_token)
            .any(|t| toks[t].rel == "mark" && matches!(self.lower(t).as_str(), "if" | "unless"));
        let mut cur = verb;
        let mut through_xcomp = true;
        for _ in 0..32 {
            if let Some(f) = frame(cur) {
                if through_xcomp && (f.negated || f.refused) {
                    return true;
                }
                if has_if
                    && f.modals.iter().any(|&m| {
                        matches!(self.lower(m).as_str(), "would" | "could" | "might" | "'d")
                    })
                {
                    return true;
                }
            }
            if self.children[cur].iter().any(|&c| {
                toks[c].rel == "mark" && matches!(self.lower(c).as_str(), "if" | "unless")
            }) {
                return true;
            }
            let rel = toks[cur].rel;
            if !matches!(
                rel,
                "xcomp" | "ccomp" | "conj" | "advcl" | "relcl" | "acl" | "pcomp"
            ) {
                return false;
            }
            if rel != "xcomp" {
                through_xcomp = false;
            }
            match toks[cur].head {
                Some(h) => cur = h,
                None => return false,
            }
        }
        false
    }
}

fn code_of(doc: &Document, m: usize) -> Option<String> {
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

/// Code a document with dyad's own dictionaries (loaded once).
pub fn code(doc: &mut Document) {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(Coder::default_english).code(doc);
}

mod seed;
pub use seed::{score_seed, SeedEvents};

#[cfg(test)]
mod tests;
