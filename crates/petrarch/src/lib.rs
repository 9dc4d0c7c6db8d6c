//! PETRARCH/TABARI-compatible event coding: existing users bring their
//! dictionaries.
//!
//! [`Coder::new`] compiles a PETRARCH-1 verb dictionary (synsets, verb
//! blocks, `- upper * lower [CODE]` patterns), actor, agent and discard
//! dictionaries into lookup tables once; [`Coder::code_sentence`] then codes
//! one tagged and parsed sentence of a [`Document`] (the tag stage's tokens,
//! tags and heads) as of a date, under a [`Config`] (PETRARCH's
//! `require_dyad` and comma-clause settings), and returns [`Coded`] events,
//! each naming the pattern that produced it.
//!
//! The reading follows TABARI's shallow coder, which PETRARCH's validation
//! suite was written for:
//! - actors are longest dictionary matches; role nouns (agents) attach to the
//!   actor in their noun phrase (`Arnor cleric` → ARN+REL), across `of`,
//!   `in`, `from` (`ambassadors of A, B and C` → AGOV, BGOV, CGOV) and across
//!   compounds (`Danish media and government` → DNKMED, DNKGOV);
//! - a verb is a word of the verb dictionary in a verb position (not after
//!   a determiner); its patterns are tried longest first, the words before
//!   `*` matched backwards from the verb and the words after it forwards,
//!   with gaps allowed except across `_`; `$`, `+`, `^` and `%` take noun
//!   phrases with actors;
//! - without a `$` or `+`, the source is the verb's subject (climbing
//!   through `to`-clauses and coordinated verbs), the target the first actor
//!   phrase after the verb; a passive with a `by` agent swaps them;
//! - compounds give one event per pair; `[A:B]` codes give the paired event
//!   `B` from target to source; `---` codes nothing;
//! - comma-delimited clauses whose length lies in the configured bounds are
//!   set aside first, as PETRARCH does;
//! - a sentence containing a discard phrase codes nothing.
//!
//! [`Coder::events`] codes a whole document into dyad's event layer, so a
//! PETRARCH user's own dictionaries can replace dyad's (`dyad code
//! --petrarch DIR`); [`suite`] reads PETRARCH validation files.

mod load;
pub mod suite;

pub use load::{load_dir, load_files, LoadError, Loaded};
#[cfg(test)]
mod tests;

use std::collections::HashMap;

use dyad_dict::{
    ActorEntry, AgentEntry, Discard, NaiveDate, PatternToken, VerbDictionary, VerbPattern,
};
use dyad_document::{Document, Event, Span};

/// PETRARCH's per-run settings that the coder honours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// Code only events with both a source and a target; otherwise a missing
    /// one is written `---`.
    pub require_dyad: bool,
    /// Comma-delimited clause bounds (in words): internal, beginning, end.
    /// A clause is set aside when `min <= len <= max`.
    pub comma_min: usize,
    pub comma_max: usize,
    pub comma_bmin: usize,
    pub comma_bmax: usize,
    pub comma_emin: usize,
    pub comma_emax: usize,
    /// Uncoded noun phrases up to this many words become actors named by
    /// their text (0: never).
    pub new_actor_length: usize,
}

impl Default for Config {
    /// PETRARCH's defaults.
    fn default() -> Self {
        Config {
            require_dyad: true,
            comma_min: 2,
            comma_max: 8,
            comma_bmin: 0,
            comma_bmax: 0,
            comma_emin: 2,
            comma_emax: 8,
            new_actor_length: 0,
        }
    }
}

impl Config {
    /// Applies one `<Config option=".." value="..">` setting; unknown options
    /// are ignored (they concern PETRARCH's own running).
    pub fn set(&mut self, option: &str, value: &str) {
        let n = value.trim().parse::<usize>().ok();
        match option {
            "require_dyad" => self.require_dyad = value.trim().eq_ignore_ascii_case("true"),
            "comma_min" => self.comma_min = n.unwrap_or(self.comma_min),
            "comma_max" => self.comma_max = n.unwrap_or(self.comma_max),
            "comma_bmin" => self.comma_bmin = n.unwrap_or(self.comma_bmin),
            "comma_bmax" => self.comma_bmax = n.unwrap_or(self.comma_bmax),
            "comma_emin" => self.comma_emin = n.unwrap_or(self.comma_emin),
            "comma_emax" => self.comma_emax = n.unwrap_or(self.comma_emax),
            "new_actor_length" => self.new_actor_length = n.unwrap_or(0),
            _ => {}
        }
    }
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coded {
    pub source: String,
    pub target: String,
    pub code: String,
    /// Token index (in the document) of the verb.
    pub verb: usize,
    /// `file:line: pattern` that matched (or the verb line for its default).
    pub pattern: String,
    /// Where the source and target noun phrases stand in the text (byte
    /// spans), when the event names them.
    pub source_span: Option<Span>,
    pub target_span: Option<Span>,
}

/// Why a sentence produced nothing before any verb was tried.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Events(Vec<Coded>),
    /// A discard phrase matched (`story` for story-level ones).
    Discarded {
        phrase: String,
        story: bool,
    },
}

#[derive(Debug, Clone)]
enum Elem {
    Word(String),
    Synset(String),
    Source,
    Target,
    Compound,
    Skip,
}

/// A pattern element and whether it must touch the element before it (on
/// the verb's side).
#[derive(Debug, Clone)]
struct Step {
    elem: Elem,
    joined: bool,
}

#[derive(Debug, Clone)]
struct Pattern {
    upper: Vec<Step>,
    lower: Vec<Step>,
    code: String,
    provenance: String,
    weight: usize,
}

#[derive(Debug, Clone)]
struct VerbForm {
    words: Vec<String>,
    /// Index in `words` of the verb itself.
    head: usize,
    /// Every block the form is listed in (a verb may head several).
    blocks: Vec<usize>,
    code: Option<String>,
    provenance: String,
}

#[derive(Debug, Clone)]
struct Block {
    patterns: Vec<Pattern>,
}

#[derive(Debug, Clone)]
struct Phrase<T> {
    words: Vec<String>,
    value: T,
}

/// Longest-match phrase table keyed by first word.
#[derive(Debug, Clone)]
struct Table<T> {
    by_first: HashMap<String, Vec<Phrase<T>>>,
}

impl<T: Clone> Table<T> {
    fn new() -> Self {
        Table {
            by_first: HashMap::new(),
        }
    }

    fn insert(&mut self, words: Vec<String>, value: T) {
        if words.is_empty() {
            return;
        }
        let v = self.by_first.entry(words[0].clone()).or_default();
        if v.iter().any(|p| p.words == words) {
            return; // first entry wins, as in PETRARCH
        }
        v.push(Phrase { words, value });
        v.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }

    /// The longest phrase starting at `i` of `words`.
    fn longest(&self, words: &[&str], i: usize) -> Option<&Phrase<T>> {
        self.by_first.get(words[i]).and_then(|v| {
            v.iter().find(|p| {
                i + p.words.len() <= words.len()
                    && p.words.iter().zip(&words[i..]).all(|(a, b)| a == b)
            })
        })
    }
}

fn upper_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '_')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_uppercase())
        .collect()
}

/// PETRARCH's regular plural (also its third person singular).
fn plural(s: &str) -> String {
    if let Some(stem) = s.strip_suffix('Y') {
        format!("{stem}IES")
    } else if s.ends_with('S') || s.ends_with("CH") || s.ends_with("SH") || s.ends_with('X') {
        format!("{s}ES")
    } else {
        format!("{s}S")
    }
}

fn regular_forms(w: &str) -> Vec<String> {
    let mut v = vec![w.to_string(), plural(w)];
    if let Some(stem) = w.strip_suffix('E') {
        v.push(format!("{w}D"));
        v.push(format!("{stem}ING"));
    } else {
        v.push(format!("{w}ED"));
        v.push(format!("{w}ING"));
    }
    v
}

/// The compiled dictionaries.
pub struct Coder {
    actors: Table<usize>,
    actor_entries: Vec<ActorEntry>,
    agents: Table<(bool, String)>,
    verbs: Table<VerbForm>,
    blocks: Vec<Block>,
    synsets: HashMap<String, Vec<Vec<String>>>,
    discards: Vec<(Vec<String>, bool, String)>,
}

/// An actor-bearing noun phrase: token positions (in the visible sequence)
/// and the codes it stands for (`---` for a role with no actor, or for a
/// null-coded actor).
#[derive(Debug, Clone)]
struct Ne {
    start: usize,
    end: usize,
    codes: Vec<String>,
}

/// A sentence as the coder sees it: the visible tokens after comma clauses
/// are set aside.
struct View<'a> {
    doc: &'a Document,
    /// Document token index of each visible position.
    tok: Vec<usize>,
    words: Vec<String>,
    tags: Vec<&'static str>,
}

impl Coder {
    /// Compiles dictionaries. PETRARCH lowercase codes (`[pse]`) are read in
    /// upper case.
    pub fn new(
        verbs: &VerbDictionary,
        actors: Vec<ActorEntry>,
        agents: &[AgentEntry],
        discards: &[Discard],
    ) -> Coder {
        let mut synsets: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for s in &verbs.synsets {
            let mut members = Vec::new();
            for w in &s.words {
                let words = upper_words(w);
                if words.len() == 1 && !s.no_plural && !words[0].starts_with('&') {
                    members.push(vec![plural(&words[0])]);
                }
                members.push(words);
            }
            synsets.insert(s.name.to_uppercase(), members);
        }
        // Nested synsets (`+&TIETYPES`) expand into their members.
        for _ in 0..3 {
            let snapshot = synsets.clone();
            for members in synsets.values_mut() {
                let mut out = Vec::new();
                for m in members.drain(..) {
                    match m.first().and_then(|w| w.strip_prefix('&')) {
                        Some(name) if m.len() == 1 => {
                            if let Some(inner) = snapshot.get(name) {
                                out.extend(inner.iter().cloned());
                            }
                        }
                        _ => out.push(m),
                    }
                }
                *members = out;
            }
        }

        let mut verb_table: Table<VerbForm> = Table::new();
        let mut blocks = Vec::new();
        for (bi, b) in verbs.blocks.iter().enumerate() {
            let mut patterns: Vec<Pattern> =
                b.patterns.iter().filter_map(compile_pattern).collect();
            // Longer patterns first; stable, so file order breaks ties.
            patterns.sort_by_key(|p| std::cmp::Reverse(p.weight));
            blocks.push(Block { patterns });
            for w in &b.words {
                let code = w.code.clone().or_else(|| b.code.clone());
                let provenance = format!("{}: {}", w.origin, w.raw.trim());
                let mut forms: Vec<String> = vec![w.word.clone()];
                if let Some(f) = &w.forms {
                    forms.extend(f.iter().cloned());
                }
                let mut all: Vec<(Vec<String>, usize)> = Vec::new();
                for f in &forms {
                    let parts: Vec<&str> = f.split(['_', ' ']).filter(|p| !p.is_empty()).collect();
                    let head = parts.iter().position(|p| p.starts_with('+')).unwrap_or(0);
                    let words: Vec<String> = parts
                        .iter()
                        .map(|p| p.trim_start_matches('+').to_uppercase())
                        .collect();
                    all.push((words, head));
                }
                // Regular forms of the base verb (multi-word: of its verb word).
                let (bw, bh) = all[0].clone();
                for rf in regular_forms(&bw[bh]) {
                    let mut ws = bw.clone();
                    ws[bh] = rf;
                    all.push((ws, bh));
                }
                for (words, head) in all {
                    if let Some(list) = verb_table.by_first.get_mut(&words[0]) {
                        if let Some(p) = list.iter_mut().find(|p| p.words == words) {
                            if !p.value.blocks.contains(&bi) {
                                p.value.blocks.push(bi);
                            }
                            let empty =
                                p.value.code.as_deref().is_none_or(|c| c.starts_with("---"));
                            if empty && code.as_deref().is_some_and(|c| !c.starts_with("---")) {
                                p.value.code = code.clone();
                                p.value.provenance = provenance.clone();
                            }
                            continue;
                        }
                    }
                    verb_table.insert(
                        words.clone(),
                        VerbForm {
                            words,
                            head,
                            blocks: vec![bi],
                            code: code.clone(),
                            provenance: provenance.clone(),
                        },
                    );
                }
            }
        }

        let mut actor_table = Table::new();
        for (i, a) in actors.iter().enumerate() {
            for n in &a.names {
                actor_table.insert(upper_words(n), i);
            }
        }
        let mut agent_table = Table::new();
        for g in agents {
            let code = g.code.trim();
            let (suffix, c) = if let Some(c) = code.strip_prefix('~') {
                (true, c.trim().to_string())
            } else if let Some(c) = code.strip_suffix('~') {
                (false, c.trim().to_string())
            } else {
                (true, code.to_string())
            };
            for n in &g.nouns {
                agent_table.insert(upper_words(n), (suffix, c.to_uppercase()));
            }
        }
        let discards = discards
            .iter()
            .map(|d| (upper_words(&d.phrase), d.story, d.phrase.clone()))
            .collect();
        Coder {
            actors: actor_table,
            actor_entries: actors,
            agents: agent_table,
            verbs: verb_table,
            blocks,
            synsets,
            discards,
        }
    }

    /// Codes sentence `s` of `doc` (tokenised, tagged and parsed) as of
    /// `date`.
    pub fn code_sentence(
        &self,
        doc: &Document,
        s: usize,
        date: NaiveDate,
        cfg: &Config,
    ) -> Outcome {
        let sent = doc.sentences[s];
        let all: Vec<usize> = (sent.first_token..sent.last_token).collect();
        let words: Vec<String> = all
            .iter()
            .map(|&t| doc.text[doc.tokens[t].span.range()].to_uppercase())
            .collect();
        let wref: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        for (phrase, story, raw) in &self.discards {
            let n = phrase.len();
            if n > 0 && (0..wref.len().saturating_sub(n - 1)).any(|i| wref[i..i + n] == phrase[..])
            {
                return Outcome::Discarded {
                    phrase: raw.clone(),
                    story: *story,
                };
            }
        }
        // Phrases over the full sentence decide which commas are inside a
        // noun phrase (compound lists, appositions) and so are not clause
        // boundaries.
        let full = View::new(doc, all.clone(), &|_| true);
        let full_verbs = self.verbs_of(&full);
        let (full_nes, _) = self.phrases(&full, date, &full_verbs, cfg.new_actor_length);
        // A comma between adjectives ("complete, full ties") is inside a
        // noun phrase too.
        let protected: Vec<bool> = (0..all.len())
            .map(|i| {
                full_nes.iter().any(|n| n.start < i && i + 1 < n.end)
                    || (i > 0
                        && i + 1 < all.len()
                        && full.tags[i - 1].starts_with("JJ")
                        && full.tags[i + 1].starts_with("JJ")
                        && [i - 1, i + 1].iter().all(|&k| {
                            !full.words[k].is_empty()
                                && doc.text[doc.tokens[full.tok[k]].span.range()]
                                    .starts_with(|c: char| c.is_lowercase())
                        }))
            })
            .collect();
        let hidden = comma_clauses(&full, &protected, cfg);
        let view = View::new(doc, all, &|i| !hidden[i]);
        let verbs = self.verbs_of(&view);
        let (nes, chunks) = self.phrases(&view, date, &verbs, cfg.new_actor_length);
        let mut out: Vec<Coded> = Vec::new();
        let mut coded: Vec<usize> = Vec::new();
        for &(vstart, vend, vf) in &verbs {
            let verb_tok = view.tok[vstart + vf.head];
            // A verb in a clause below a coded verb was coded with it
            // (PETRARCH codes the highest verb phrase), unless it is only
            // coordinated with it ("condemned ... and promised").
            if coded
                .iter()
                .any(|&c| governed(doc, verb_tok, clause_head(doc, c)))
            {
                continue;
            }
            let cx = Cx {
                v: &view,
                nes: &nes,
                chunks: &chunks,
            };
            if self.code_verb(&cx, vf, (vstart, vend, verb_tok), cfg, &mut out) {
                coded.push(verb_tok);
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|c| seen.insert((c.source.clone(), c.target.clone(), c.code.clone())));
        Outcome::Events(out)
    }

    /// The dictionary verbs of a view: `(start, end, form)`.
    fn verbs_of<'s>(&'s self, v: &View) -> Vec<(usize, usize, &'s VerbForm)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < v.words.len() {
            match self.verb_at(v, i) {
                Some(vf) => {
                    out.push((i, i + vf.words.len(), vf));
                    i += vf.words.len();
                }
                None => i += 1,
            }
        }
        out
    }

    /// Every sentence of a tagged and parsed document, as dyad's event
    /// layer: `quad` gives a code's QuadClass and Goldstein score (a code
    /// it does not know takes its root's). Discarded sentences give none.
    pub fn events(
        &self,
        doc: &Document,
        date: NaiveDate,
        cfg: &Config,
        quad: &dyn Fn(&str) -> Option<(u8, f32)>,
    ) -> Vec<Event> {
        let mut out = Vec::new();
        for s in 0..doc.sentences.len() {
            let Outcome::Events(coded) = self.code_sentence(doc, s, date, cfg) else {
                continue;
            };
            for c in coded {
                let root = c.code.get(..2).unwrap_or(&c.code).to_string();
                let (quad_class, goldstein) =
                    quad(&c.code).or_else(|| quad(&root)).unwrap_or((0, 0.0));
                let known = |a: &str| (a != "---").then(|| a.to_string());
                let source_mention = c.source_span.and_then(|sp| mention_for(doc, sp, &c.source));
                let target_mention = c.target_span.and_then(|sp| mention_for(doc, sp, &c.target));
                out.push(Event {
                    sentence: s,
                    span: Span::new(doc.tokens[c.verb].span.start, doc.tokens[c.verb].span.end),
                    source: known(&c.source),
                    target: known(&c.target),
                    code: c.code,
                    root,
                    quad_class,
                    goldstein,
                    pattern: c.pattern,
                    source_mention,
                    target_mention,
                    ..Default::default()
                });
            }
        }
        out
    }

    /// A dictionary verb starting at visible position `i`, in a verb
    /// position.
    fn verb_at(&self, v: &View, i: usize) -> Option<&VerbForm> {
        let wref: Vec<&str> = v.words.iter().map(|s| s.as_str()).collect();
        let p = self.verbs.longest(&wref, i)?;
        let head = i + p.value.head;
        let tag = v.tags[head];
        let prev = if i > 0 { Some(v.tags[i - 1]) } else { None };
        // A word of the verb list after a determiner or possessive is a
        // noun ("an accord").
        let nominal = matches!(prev, Some("DT" | "PRP$" | "POS" | "JJ" | "CD"));
        // After a determiner a participle is an adjective ("the affected
        // villages") and a noun is a noun ("an accord").
        let ok = !nominal && (tag.starts_with("VB") || tag.starts_with("NN"));
        if ok {
            Some(&p.value)
        } else {
            None
        }
    }

    /// Actor-bearing noun phrases of the view, and every noun-phrase chunk
    /// (for `^`). Tokens of verbs headed by a verb-tagged word are not
    /// part of noun phrases.
    fn phrases(
        &self,
        v: &View,
        date: NaiveDate,
        verbs: &[(usize, usize, &VerbForm)],
        new_len: usize,
    ) -> (Vec<Ne>, Vec<(usize, usize)>) {
        let n = v.words.len();
        let wref: Vec<&str> = v.words.iter().map(|s| s.as_str()).collect();
        let mut in_verb = vec![false; n];
        for &(a, b, vf) in verbs {
            if v.tags[a + vf.head].starts_with("VB") {
                for f in in_verb.iter_mut().take(b).skip(a) {
                    *f = true;
                }
            }
        }
        // Longest matches: actors first, agents on what is left.
        #[derive(Clone)]
        enum M {
            None,
            Actor(Vec<String>),
            Agent(bool, String),
        }
        let mut mark: Vec<M> = vec![M::None; n];
        let mut starts: Vec<bool> = vec![false; n];
        let mut i = 0;
        while i < n {
            if let Some(p) = self.actors.longest(&wref, i) {
                let e = &self.actor_entries[p.value];
                // The first code that holds on the day (PETRARCH reads the
                // restrictions in order).
                let mut codes: Vec<String> = e
                    .codes_on(date)
                    .first()
                    .into_iter()
                    .flat_map(|c| c.code.split('/').map(|s| s.trim().to_uppercase()))
                    .filter(|c| !c.is_empty())
                    .collect();
                if codes.is_empty() {
                    codes.push("---".into());
                }
                starts[i] = true;
                for m in mark.iter_mut().skip(i).take(p.words.len()) {
                    *m = M::Actor(codes.clone());
                }
                i += p.words.len();
            } else {
                i += 1;
            }
        }
        let mut i = 0;
        while i < n {
            if !matches!(mark[i], M::None) {
                i += 1;
                continue;
            }
            match self.agents.longest(&wref, i) {
                Some(p) if (i..i + p.words.len()).all(|k| matches!(mark[k], M::None)) => {
                    starts[i] = true;
                    for m in mark.iter_mut().skip(i).take(p.words.len()) {
                        *m = M::Agent(p.value.0, p.value.1.clone());
                    }
                    i += p.words.len();
                }
                _ => i += 1,
            }
        }
        let np = |k: usize| {
            if in_verb[k] {
                return false;
            }
            if !matches!(mark[k], M::None) {
                return true;
            }
            let t = v.tags[k];
            matches!(
                t,
                "DT" | "JJ"
                    | "JJR"
                    | "JJS"
                    | "NN"
                    | "NNS"
                    | "NNP"
                    | "NNPS"
                    | "PRP$"
                    | "POS"
                    | "CD"
                    | "HYPH"
            ) || v.words[k] == "'S"
                || v.words[k] == "-"
        };
        // "awful and evil minister": a conjunction between adjectives stays
        // inside the noun phrase.
        let inner_conj = |k: usize| {
            k > 0
                && k + 1 < n
                && matches!(v.words[k].as_str(), "AND" | "OR" | ",")
                && matches!(v.tags[k - 1], "JJ" | "JJR" | "JJS")
                && matches!(mark[k - 1], M::None)
                && matches!(v.tags[k + 1], "JJ" | "JJR" | "JJS")
        };
        #[derive(Clone, Default)]
        struct Unit {
            start: usize,
            end: usize,
            actor: Option<Vec<String>>,
            pre: Vec<String>,
            suf: Vec<String>,
            /// Agents brought in across `of`/`in`/`from` from the left.
            merged: bool,
            former: bool,
            /// Where the actor phrase starts: a plain noun merged across
            /// `of` ("goats of Gondor") is not part of it.
            ne_start: usize,
            /// With `new_actor_length`, the phrase's own words as an actor
            /// name, and whether it has a proper noun.
            new_name: Option<(String, bool)>,
        }
        let mut units: Vec<Unit> = Vec::new();
        let mut chunks = Vec::new();
        let mut k = 0;
        while k < n {
            if !np(k) {
                k += 1;
                continue;
            }
            let s = k;
            while k < n && (np(k) || inner_conj(k)) {
                k += 1;
            }
            chunks.push((s, k));
            let mut u = Unit {
                start: s,
                end: k,
                ne_start: s,
                ..Default::default()
            };
            for j in s..k {
                if v.words[j] == "FORMER" {
                    u.former = true;
                }
                if !starts[j] {
                    continue;
                }
                match &mark[j] {
                    M::Actor(c) => {
                        if u.actor.is_none() {
                            u.actor = Some(c.clone());
                        }
                    }
                    M::Agent(suffix, c) => {
                        if *suffix {
                            u.suf.push(c.clone());
                        } else {
                            u.pre.push(c.clone());
                        }
                    }
                    M::None => {}
                }
            }
            units.push(u);
        }
        if new_len > 0 {
            let bare = |u: &Unit| u.actor.is_none() && u.pre.is_empty() && u.suf.is_empty();
            let mut joined: Vec<Unit> = Vec::new();
            for u in units {
                if let Some(last) = joined.last_mut() {
                    if bare(last)
                        && bare(&u)
                        && u.start == last.end + 1
                        && v.words[last.end] == "OF"
                    {
                        last.end = u.end;
                        continue;
                    }
                }
                joined.push(u);
            }
            for u in joined.iter_mut().filter(|u| bare(u)) {
                let words: Vec<&str> = (u.start..u.end)
                    .filter(|&k| v.tags[k] != "POS" && v.words[k] != "'S")
                    .map(|k| v.words[k].as_str())
                    .collect();
                let proper = (u.start..u.end).any(|k| v.tags[k].starts_with("NNP"));
                if words.len() <= new_len {
                    u.new_name = Some((words.join(" "), proper));
                }
            }
            units = joined;
        }
        // A role (or a plain noun) takes the actor across `of`, `in`,
        // `from`: "ambassadors of Arnor", "goats of Gondor".
        let mut merged: Vec<Unit> = Vec::new();
        for u in units {
            if let Some(last) = merged.last_mut() {
                let roles = !last.suf.is_empty() || !last.pre.is_empty();
                let prep = if last.end < n {
                    v.words[last.end].as_str()
                } else {
                    ""
                };
                if last.actor.is_none()
                    && u.actor.is_some()
                    && u.start == last.end + 1
                    && (matches!(prep, "OF" | "IN" | "FROM") && roles || prep == "OF")
                {
                    if !roles {
                        last.ne_start = u.start;
                    }
                    last.actor = u.actor.clone();
                    last.suf.extend(u.suf.iter().cloned());
                    last.pre.extend(u.pre.iter().cloned());
                    last.end = u.end;
                    last.merged = !last.suf.is_empty() || !last.pre.is_empty();
                    last.former |= u.former;
                    continue;
                }
            }
            merged.push(u);
        }
        // Compounds: units joined by `,`, `and`, `or`, `nor`. After an
        // `and`, a comma ends the compound ("A and B, and C and D").
        let mut groups: Vec<(Vec<Unit>, bool)> = Vec::new();
        for u in merged {
            if let Some((g, had_and)) = groups.last_mut() {
                let prev_end = g.last().expect("non-empty").end;
                let between: Vec<&str> = (prev_end..u.start).map(|j| v.words[j].as_str()).collect();
                let joins = !between.is_empty()
                    && between.len() <= 2
                    && between
                        .iter()
                        .all(|w| matches!(*w, "," | "AND" | "OR" | "NOR"));
                let comma = between.contains(&",");
                let coded = |u: &Unit| u.actor.is_some() || !u.pre.is_empty() || !u.suf.is_empty();
                // A comma joins only units that both name someone ("A, B
                // and C"), not an apposition ("Dagolath, its partner").
                let comma_ok = !comma || (coded(g.last().expect("non-empty")) && coded(&u));
                if joins && comma_ok && !(comma && *had_and) {
                    *had_and |= between.iter().any(|w| *w != ",");
                    g.push(u);
                    continue;
                }
            }
            groups.push((vec![u], false));
        }
        // Commas alone make no list ("Kestria, the government said"): a
        // compound needs its `and`, `or` or `nor`.
        let groups: Vec<Vec<Unit>> = groups
            .into_iter()
            .flat_map(|(g, had_and)| {
                if had_and {
                    vec![g]
                } else {
                    g.into_iter().map(|u| vec![u]).collect()
                }
            })
            .collect();
        let mut out = Vec::new();
        for mut g in groups {
            // New actors: a proper-noun phrase, or a phrase in a compound
            // with a coded one ("Eriador's death and injury toll").
            let any_coded = g.iter().any(|u| u.actor.is_some());
            for u in g.iter_mut() {
                if let Some((name, proper)) = u.new_name.take() {
                    if u.actor.is_none() && (proper || any_coded) {
                        u.actor = Some(vec![format!("\"{name}\"")]);
                    }
                }
            }
            // Units with neither actor nor role ("lions") drop out.
            let g: Vec<Unit> = g
                .into_iter()
                .filter(|u| u.actor.is_some() || !u.pre.is_empty() || !u.suf.is_empty())
                .collect();
            if g.is_empty() {
                continue;
            }
            let start = g[0].ne_start;
            let end = g.last().expect("non-empty").end;
            let mut codes: Vec<String> = Vec::new();
            let role = |u: &Unit, suf: &[String]| -> Vec<String> {
                if u.former {
                    vec!["ELI".to_string()]
                } else {
                    suf.to_vec()
                }
            };
            let mi = g.iter().position(|u| u.merged);
            let distribute = mi.is_some_and(|m| {
                g[..m].iter().all(|u| u.actor.is_none())
                    && g[m + 1..]
                        .iter()
                        .all(|u| u.pre.is_empty() && u.suf.is_empty())
            });
            if let (true, Some(m)) = (distribute, mi) {
                let roles: Vec<(Vec<String>, Vec<String>)> = g[..=m]
                    .iter()
                    .flat_map(|u| {
                        let mut v: Vec<(Vec<String>, Vec<String>)> = role(u, &u.suf)
                            .into_iter()
                            .map(|s| (vec![], vec![s]))
                            .collect();
                        v.extend(u.pre.iter().map(|p| (vec![p.clone()], vec![])));
                        v
                    })
                    .collect();
                let actors: Vec<String> = g[m..]
                    .iter()
                    .flat_map(|u| u.actor.clone().unwrap_or_default())
                    .collect();
                for (pre, suf) in &roles {
                    for a in &actors {
                        codes.push(combine(a, pre, suf));
                    }
                }
            } else {
                let mut inherited: Option<Vec<String>> = None;
                let mut inherited_roles: Vec<String> = Vec::new();
                for u in &g {
                    match &u.actor {
                        Some(a) => {
                            for c in a {
                                codes.push(combine(c, &u.pre, &role(u, &u.suf)));
                            }
                            inherited = Some(a.clone());
                            inherited_roles = u.suf[..u.suf.len().saturating_sub(1)].to_vec();
                        }
                        None => {
                            let base = inherited.clone().unwrap_or_else(|| vec!["---".into()]);
                            for c in base {
                                let mut suf = inherited_roles.clone();
                                suf.extend(role(u, &u.suf));
                                codes.push(combine(&c, &u.pre, &suf));
                            }
                        }
                    }
                }
            }
            codes.dedup();
            out.push(Ne { start, end, codes });
        }
        (out, chunks)
    }

    /// Codes one verb; whether it produced an event.
    fn code_verb(
        &self,
        cx: &Cx,
        vf: &VerbForm,
        (vstart, vend, verb_tok): (usize, usize, usize),
        cfg: &Config,
        out: &mut Vec<Coded>,
    ) -> bool {
        let nes = cx.nes;
        let mut chosen: Option<(&Pattern, Slots)> = None;
        'blocks: for &b in &vf.blocks {
            for p in &self.blocks[b].patterns {
                if let Some(slots) = self.match_pattern(cx, p, vstart, vend) {
                    chosen = Some((p, slots));
                    break 'blocks;
                }
            }
        }
        let (code, provenance, slots) = match chosen {
            Some((p, s)) => (p.code.clone(), p.provenance.clone(), s),
            None => match &vf.code {
                Some(c) => (c.clone(), vf.provenance.clone(), Slots::default()),
                None => return false,
            },
        };
        if code.trim().is_empty() || code.starts_with("---") {
            return false;
        }
        let (main, paired) = match code.split_once(':') {
            Some((a, b)) => (a.trim().to_string(), Some(b.trim().to_string())),
            None => (code.trim().to_string(), None),
        };
        let before = out.len();
        // The text span of a noun phrase (visible positions start..end).
        let span_of = |k: Option<usize>| {
            let n = &nes[k?];
            let (a, b) = (
                *cx.v.tok.get(n.start)?,
                *cx.v.tok.get(n.end.checked_sub(1)?)?,
            );
            let toks = &cx.v.doc.tokens;
            Some(Span::new(toks[a].span.start, toks[b].span.end))
        };
        let emit = |(s, ss): (&str, Option<Span>),
                    (t, ts): (&str, Option<Span>),
                    c: &str,
                    out: &mut Vec<Coded>| {
            if c.is_empty()
                || c.starts_with("---")
                || !c.chars().next().is_some_and(|x| x.is_ascii_digit())
            {
                return;
            }
            if s == t {
                return;
            }
            out.push(Coded {
                source: s.to_string(),
                target: t.to_string(),
                code: c.to_string(),
                verb: verb_tok,
                pattern: provenance.clone(),
                source_span: ss,
                target_span: ts,
            });
        };
        if let Some(ci) = slots.compound {
            let codes = &nes[ci].codes;
            let sp = span_of(Some(ci));
            for a in codes {
                for b in codes {
                    if a != b {
                        emit((a, sp), (b, sp), &main, out);
                        if let Some(pc) = &paired {
                            emit((b, sp), (a, sp), pc, out);
                        }
                    }
                }
            }
            return out.len() > before;
        }
        let sub = subtree(cx.v.doc, verb_tok);
        let mut source = slots.source;
        let mut target = slots.target;
        if source.is_none() && target.is_none() {
            // Passive with a `by` agent: the agent acts on the subject.
            if let Some(by) = self.by_agent(cx, vend, verb_tok) {
                source = Some(by);
                target = self.subject(cx, vstart, verb_tok, None);
            }
        }
        if source.is_none() {
            source = self.subject(cx, vstart, verb_tok, target);
        }
        // The verb's object: the first noun phrase right after the verb or
        // its pattern (a preposition or particle between), if not a time
        // word ("said today" has no object).
        let after = slots.lower_end.unwrap_or(vend);
        let object = cx.chunks.iter().find(|&&(s, e)| {
            s >= after
                && s <= after + 1
                && !(s..e).all(|p| {
                    matches!(
                        cx.v.words[p].as_str(),
                        "TODAY" | "TONIGHT" | "YESTERDAY" | "TOMORROW" | "NOW"
                    )
                })
        });
        let in_clause = cx.chunks.iter().any(|&(s, e)| {
            s >= vend
                && (s..e).any(|p| sub.contains(&cx.v.tok[p]))
                && !(s..e).all(|p| {
                    matches!(
                        cx.v.words[p].as_str(),
                        "TODAY" | "TONIGHT" | "YESTERDAY" | "TOMORROW" | "NOW"
                    )
                })
        });
        if target.is_none() {
            // The first actor after the verb in the verb's own clause.
            target = (0..nes.len()).find(|&k| {
                nes[k].start >= vend
                    && Some(k) != source
                    && (nes[k].start..nes[k].end).any(|p| sub.contains(&cx.v.tok[p]))
            });
            // With a parse that does not reach it, the next actor after
            // the verb, as TABARI reads; not past an object with no actor.
            let plain_object =
                object.is_some_and(|&(s, _)| !nes.iter().any(|n| n.start <= s && s < n.end));
            if target.is_none() && !plain_object {
                target = (0..nes.len()).find(|&k| nes[k].start >= vend && Some(k) != source);
            }
        }
        // Without require_dyad a missing target is written `---`, but only
        // where there is a noun phrase to stand for it.
        if target.is_none() && !cfg.require_dyad && !in_clause && object.is_none() {
            return false;
        }
        let null = vec!["---".to_string()];
        let scodes = source.map(|i| &nes[i].codes);
        let tcodes = target.map(|i| &nes[i].codes);
        if cfg.require_dyad && (scodes.is_none() || tcodes.is_none()) {
            return false;
        }
        let scodes = scodes.unwrap_or(&null);
        let tcodes = tcodes.unwrap_or(&null);
        let (ss, ts) = (span_of(source), span_of(target));
        for s in scodes {
            for t in tcodes {
                if cfg.require_dyad && (s == "---" || t == "---") {
                    continue;
                }
                emit((s, ss), (t, ts), &main, out);
                if let Some(pc) = &paired {
                    emit((t, ts), (s, ss), pc, out);
                }
            }
        }
        out.len() > before
    }

    /// The noun phrase after `by` following a passive verb.
    fn by_agent(&self, cx: &Cx, vend: usize, verb_tok: usize) -> Option<usize> {
        let v = cx.v;
        if v.doc.tokens[verb_tok].tag != "VBN" {
            return None;
        }
        let s = v.tok[0];
        let passive = (s..verb_tok)
            .any(|k| v.doc.tokens[k].head == Some(verb_tok) && v.doc.tokens[k].rel == "auxpass")
            || (s..verb_tok).rev().take(3).any(|k| {
                matches!(
                    v.doc.text[v.doc.tokens[k].span.range()]
                        .to_lowercase()
                        .as_str(),
                    "was" | "were" | "been" | "being" | "is" | "are" | "be"
                )
            });
        if !passive {
            return None;
        }
        // `by` within a few words of the verb ("opposed earlier by").
        for k in vend..(vend + 4).min(v.words.len()) {
            if v.words[k] == "BY" {
                return cx.nes.iter().position(|n| n.start == k + 1);
            }
            if v.words[k] == "," || v.tags[k].starts_with("VB") {
                break;
            }
        }
        None
    }

    /// The phrase of the verb's subject, climbing to governing verbs; with
    /// no subject anywhere, the first phrase before the verb. Never
    /// `not` (the phrase already taken as target).
    fn subject(
        &self,
        cx: &Cx,
        vstart: usize,
        verb_tok: usize,
        not: Option<usize>,
    ) -> Option<usize> {
        let (v, nes) = (cx.v, cx.nes);
        let doc = v.doc;
        let first = v.tok[0];
        let last = *v.tok.last().unwrap_or(&first);
        let visible = |k: usize| v.tok.binary_search(&k).is_ok();
        let linear = || (0..nes.len()).find(|&k| nes[k].end <= vstart && Some(k) != not);
        let mut cur = verb_tok;
        let mut pronoun = false;
        for _ in 0..6 {
            let subjects: Vec<usize> = (first..=last)
                .filter(|&k| {
                    doc.tokens[k].head == Some(cur)
                        && matches!(doc.tokens[k].rel, "nsubj" | "nsubjpass" | "csubj" | "expl")
                        && visible(k)
                })
                .collect();
            if let Some(&sk) = subjects.first() {
                // Any of the subjects ("Lions, tigers, and Gondor").
                let sub: Vec<usize> = subjects.iter().flat_map(|&s| subtree(doc, s)).collect();
                let hit = (0..nes.len()).find(|&k| {
                    Some(k) != not
                        && nes[k].end <= vstart
                        && (nes[k].start..nes[k].end).any(|p| sub.contains(&v.tok[p]))
                });
                if hit.is_some() {
                    return hit;
                }
                if nes.iter().enumerate().any(|(k, n)| {
                    Some(k) == not && (n.start..n.end).any(|p| sub.contains(&v.tok[p]))
                }) {
                    // The subject was taken by the pattern as target: the
                    // source is the actor before it.
                    return linear();
                }
                // A pronoun subject ("it would act") defers to the clause
                // above; a noun subject with no actor has none.
                if matches!(doc.tokens[sk].tag, "PRP" | "EX" | "WDT" | "WP") {
                    pronoun = true;
                } else {
                    return None;
                }
            }
            let t = &doc.tokens[cur];
            let Some(h) = t.head.filter(|&h| h != cur && visible(h)) else {
                break;
            };
            let climb = matches!(
                t.rel,
                "xcomp" | "conj" | "ccomp" | "advcl" | "pcomp" | "prep" | "acomp" | "aux" | "dep"
            ) || (doc.tokens[h].tag.starts_with("VB") && t.tag.starts_with("VB"));
            if !climb {
                break;
            }
            cur = h;
        }
        if pronoun {
            return None;
        }
        linear()
    }

    /// Tries one pattern around the verb at `[vstart, vend)`.
    fn match_pattern(&self, cx: &Cx, p: &Pattern, vstart: usize, vend: usize) -> Option<Slots> {
        let mut slots = Slots::default();
        let mut pos = vend;
        for step in &p.lower {
            pos = self.match_forward(cx, step, pos, &mut slots, true)?;
        }
        slots.lower_end = Some(pos);
        let mut pos = vstart;
        for step in &p.upper {
            pos = self.match_backward(cx, step, pos, &mut slots)?;
        }
        Some(slots)
    }

    fn members(&self, e: &Elem) -> Vec<Vec<String>> {
        match e {
            Elem::Word(w) => vec![vec![w.clone()]],
            Elem::Synset(s) => self.synsets.get(s).cloned().unwrap_or_default(),
            _ => vec![],
        }
    }

    fn match_forward(
        &self,
        cx: &Cx,
        step: &Step,
        from: usize,
        slots: &mut Slots,
        lower: bool,
    ) -> Option<usize> {
        let (v, nes) = (cx.v, cx.nes);
        let n = v.words.len();
        match &step.elem {
            Elem::Word(_) | Elem::Synset(_) => {
                let members = self.members(&step.elem);
                let last = if step.joined { from + 1 } else { n };
                for i in from..last.min(n) {
                    for m in &members {
                        if i + m.len() <= n && m.iter().zip(&v.words[i..]).all(|(a, b)| a == b) {
                            return Some(i + m.len());
                        }
                    }
                }
                None
            }
            Elem::Skip => {
                // `^` passes over one noun phrase, actor or not.
                let &(_, e) = cx
                    .chunks
                    .iter()
                    .find(|&&(s, e)| e > from && (!step.joined || s <= from))?;
                Some(e)
            }
            e => {
                let k = nes.iter().position(|ne| {
                    if step.joined {
                        ne.start == from
                            || (ne.start > from && (from..ne.start).all(|j| v.tags[j] == "DT"))
                    } else {
                        ne.start >= from
                    }
                })?;
                // After the verb, `%` is a compound target ("agrees with A
                // and B").
                let e = if lower && matches!(e, Elem::Compound) {
                    &Elem::Target
                } else {
                    e
                };
                slots.take(e, k);
                Some(nes[k].end)
            }
        }
    }

    fn match_backward(
        &self,
        cx: &Cx,
        step: &Step,
        before: usize,
        slots: &mut Slots,
    ) -> Option<usize> {
        let (v, nes) = (cx.v, cx.nes);
        match &step.elem {
            Elem::Word(_) | Elem::Synset(_) => {
                let members = self.members(&step.elem);
                let lowest = if step.joined { before } else { 0 };
                for end in (lowest..=before).rev() {
                    for m in &members {
                        if m.len() <= end
                            && m.iter()
                                .zip(&v.words[end - m.len()..end])
                                .all(|(a, b)| a == b)
                        {
                            return Some(end - m.len());
                        }
                    }
                }
                None
            }
            Elem::Skip => {
                let &(s, _) = cx
                    .chunks
                    .iter()
                    .rev()
                    .find(|&&(s, e)| s < before && (!step.joined || e >= before))?;
                Some(s)
            }
            e => {
                let k = nes.iter().rposition(|ne| {
                    if step.joined {
                        ne.end == before
                    } else {
                        ne.end <= before
                    }
                })?;
                slots.take(e, k);
                Some(nes[k].start)
            }
        }
    }
}

/// What one sentence's verbs are coded against.
struct Cx<'a> {
    v: &'a View<'a>,
    nes: &'a [Ne],
    chunks: &'a [(usize, usize)],
}

/// The mention that stands for an actor coded from the noun phrase at
/// `span`: among dyad's mentions inside or around it, one whose code agrees
/// with `code` (equal, or one extends the other), else the longest; so that
/// events from PETRARCH's dictionaries name their actors' words as dyad's
/// own do.
fn mention_for(doc: &Document, span: Span, code: &str) -> Option<usize> {
    if code == "---" {
        return None;
    }
    let agrees = |m: &str| m.starts_with(code) || code.starts_with(m);
    // Mentions are in text order: those starting inside the span, and the
    // few just before it that may reach into it.
    let at = doc.mentions.partition_point(|m| m.span.start < span.start);
    let near: Vec<usize> = (at.saturating_sub(4)..doc.mentions.len())
        .take_while(|&i| doc.mentions[i].span.start < span.end)
        .filter(|&i| doc.mentions[i].span.end > span.start)
        .collect();
    let len = |i: &usize| doc.mentions[*i].span.end - doc.mentions[*i].span.start;
    near.iter()
        .copied()
        .filter(|&i| doc.mentions[i].code.as_deref().is_some_and(agrees))
        .max_by_key(len)
        .or_else(|| near.iter().copied().max_by_key(len))
}

/// The verb heading the clause of verb token `c`: up through `to`-clauses
/// and auxiliaries ("is about to restore" → "is").
fn clause_head(doc: &Document, c: usize) -> usize {
    let mut cur = c;
    for _ in 0..6 {
        let t = &doc.tokens[cur];
        match t.head {
            Some(h) if h != cur && matches!(t.rel, "xcomp" | "acomp" | "aux" | "auxpass") => {
                cur = h
            }
            _ => break,
        }
    }
    cur
}

/// Whether verb token `w` lies in a clause below verb token `c` (in its
/// subtree), other than by coordination alone.
fn governed(doc: &Document, w: usize, c: usize) -> bool {
    let mut cur = w;
    let mut only_conj = true;
    for _ in 0..40 {
        let t = &doc.tokens[cur];
        let Some(h) = t.head else { return false };
        if h == cur {
            return false;
        }
        if t.rel != "conj" {
            only_conj = false;
        }
        if h == c {
            return !only_conj;
        }
        cur = h;
    }
    false
}

#[derive(Debug, Clone, Default)]
struct Slots {
    /// Where the pattern's words after the verb end.
    lower_end: Option<usize>,
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
}

impl Slots {
    fn take(&mut self, e: &Elem, k: usize) {
        match e {
            Elem::Source => self.source = Some(k),
            Elem::Target => self.target = Some(k),
            Elem::Compound => self.compound = Some(k),
            _ => {}
        }
    }
}

/// Actor code + agent codes, leaving out a role the code already has
/// (`USAGOV` + `GOV` stays `USAGOV`).
fn combine(actor: &str, pre: &[String], suf: &[String]) -> String {
    let mut code = actor.to_string();
    let has = |code: &str, r: &str| (3..code.len()).step_by(3).any(|i| code[i..].starts_with(r));
    for s in suf {
        if !has(&code, s) {
            code.push_str(s);
        }
    }
    for p in pre.iter().rev() {
        if !code.starts_with(p.as_str()) {
            code = format!("{p}{code}");
        }
    }
    code
}

/// The tokens of `root`'s subtree (root first), within its sentence.
fn subtree(doc: &Document, root: usize) -> Vec<usize> {
    let si = doc.sentences.partition_point(|s| s.last_token <= root);
    let (lo, hi) = doc
        .sentences
        .get(si)
        .map_or((root, root + 1), |s| (s.first_token, s.last_token));
    let mut inside = vec![false; hi - lo];
    inside[root - lo] = true;
    // A pass per level of the tree; trees are shallow.
    loop {
        let mut changed = false;
        for k in lo..hi {
            if inside[k - lo] {
                continue;
            }
            if let Some(h) = doc.tokens[k].head.filter(|&h| h >= lo && h < hi) {
                if inside[h - lo] {
                    inside[k - lo] = true;
                    changed = true;
                }
            }
        }
        if !changed {
            break;
        }
    }
    std::iter::once(root)
        .chain((lo..hi).filter(|&k| k != root && inside[k - lo]))
        .collect()
}

fn compile_pattern(p: &VerbPattern) -> Option<Pattern> {
    let mut upper: Vec<(Elem, bool)> = Vec::new();
    let mut lower: Vec<(Elem, bool)> = Vec::new();
    let mut seen_any = false;
    let mut join_pending = false;
    let mut weight = 0;
    for t in &p.tokens {
        let e = match t {
            PatternToken::Any => {
                seen_any = true;
                // A join right before `*` ties the last upper element to the
                // verb.
                if join_pending {
                    if let Some(last) = upper.last_mut() {
                        last.1 = true;
                    }
                }
                join_pending = false;
                continue;
            }
            PatternToken::Join => {
                join_pending = true;
                continue;
            }
            PatternToken::Word(w) | PatternToken::Other(w) => {
                Elem::Word(w.trim_end_matches('_').to_uppercase())
            }
            PatternToken::Synset(s) => Elem::Synset(s.to_uppercase()),
            PatternToken::Source => Elem::Source,
            PatternToken::Target => Elem::Target,
            PatternToken::Compound => Elem::Compound,
            PatternToken::Skip => Elem::Skip,
            PatternToken::Open(_) | PatternToken::Close(_) => continue,
        };
        weight += 1;
        if seen_any {
            lower.push((e, join_pending));
        } else {
            // A join ties the element before to this one: matched
            // backwards, that one must end where this one starts.
            if join_pending {
                if let Some(last) = upper.last_mut() {
                    last.1 = true;
                }
            }
            upper.push((e, false));
        }
        join_pending = false;
    }
    if !seen_any {
        return None;
    }
    // Upper elements are matched from the verb backwards.
    let upper: Vec<Step> = upper
        .into_iter()
        .rev()
        .map(|(elem, joined)| Step { elem, joined })
        .collect();
    let lower = lower
        .into_iter()
        .map(|(elem, joined)| Step { elem, joined })
        .collect();
    Some(Pattern {
        upper,
        lower,
        code: p.code.trim().to_string(),
        provenance: format!("{}: {}", p.origin, p.raw.trim()),
        weight,
    })
}

impl<'a> View<'a> {
    fn new(doc: &'a Document, all: Vec<usize>, keep: &dyn Fn(usize) -> bool) -> View<'a> {
        let tok: Vec<usize> = all
            .iter()
            .enumerate()
            .filter(|(i, _)| keep(*i))
            .map(|(_, &t)| t)
            .collect();
        let words = tok
            .iter()
            .map(|&t| doc.text[doc.tokens[t].span.range()].to_uppercase())
            .collect();
        let tags = tok.iter().map(|&t| doc.tokens[t].tag).collect();
        View {
            doc,
            tok,
            words,
            tags,
        }
    }
}

/// Which positions of the full view are in a comma clause to set aside.
fn comma_clauses(v: &View, protected: &[bool], cfg: &Config) -> Vec<bool> {
    let n = v.words.len();
    let mut hidden = vec![false; n];
    let is_word = |k: usize| v.words[k].chars().any(|c| c.is_alphanumeric());
    let commas: Vec<usize> = (0..n)
        .filter(|&k| v.words[k] == "," && !protected[k])
        .collect();
    if commas.is_empty() {
        return hidden;
    }
    let count = |a: usize, b: usize| (a..b).filter(|&k| is_word(k)).count();
    // Beginning clause.
    let first = commas[0];
    let len = count(0, first);
    if cfg.comma_bmax > 0 && len >= cfg.comma_bmin && len <= cfg.comma_bmax {
        for h in hidden.iter_mut().take(first + 1) {
            *h = true;
        }
    }
    // End clause.
    let last = *commas.last().expect("non-empty");
    let len = count(last + 1, n);
    if cfg.comma_emax > 0 && len >= cfg.comma_emin && len <= cfg.comma_emax {
        for h in hidden.iter_mut().skip(last) {
            *h = true;
        }
        // Keep the final full stop out of the clause.
        if let Some(k) = (0..n)
            .rev()
            .find(|&k| v.words[k] == "." || v.words[k] == "?")
        {
            if k + 1 == n {
                hidden[k] = false;
            }
        }
    }
    // Internal clauses between consecutive commas.
    if cfg.comma_max > 0 {
        for w in commas.windows(2) {
            let (a, b) = (w[0], w[1]);
            // The second comma may open the end clause already set aside.
            if hidden[a] {
                continue;
            }
            let len = count(a + 1, b);
            // PETRARCH's count runs one over ours (it takes in a comma).
            if len >= cfg.comma_min && len <= cfg.comma_max + 1 {
                for h in hidden.iter_mut().take(b).skip(a) {
                    *h = true;
                }
            }
        }
    }
    hidden
}
