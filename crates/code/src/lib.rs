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
//! * [`code`]: the same with the default coder, loaded once;
//! * [`Coder::explain`] / [`explain`]: what was tried in one sentence and why
//!   ([`Explanation`], printable).
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
//! object of the pattern's preposition. A noun's phrase takes in the
//! prepositions of the verb it is the object of ("launched strikes on X"),
//! of a relative clause on it ("talks that took place between A and B") and
//! the predicate it is the subject of ("pressure by X failed to convince
//! Y"). A pattern with no `$` ("~ talks between +") codes its several
//! targets with each other; a pattern with no `+` ("~ $ strike") takes as
//! target the subject of the passive verb whose by-agent the noun is
//! ("forces curbed by Israeli strikes").
//!
//! Arguments no mention covers may still be actors (each rule says so in
//! `dyad explain`):
//!
//! * "I", "we", "me", "us" inside a direct quote: the quote's speaker (from
//!   `doc.quotes`, attributed before coding);
//! * "it"/"they" as a subject: the subject of the clause it depends on
//!   ("X said it would ..."), else the previous sentence's subject, else the
//!   one actor of its number the previous sentence names; never across a
//!   paragraph or when another subject of its number stands before it;
//! * "the (two) countries": the last two countries named;
//! * "the (separatist) group/movement/...": the organisation last named;
//! * "civilian areas/targets": civilians (`CVL`) of the country most actors
//!   belong to;
//! * "Damascus ally Russia": the actor after the relational noun.
//!
//! Defaults: rebels' (`XXXREB`) material conflict with no target written
//! (and no "against/on/at" phrase but a time) is against their government
//! (`XXXGOV`); a pattern with no target whose subject is several actors and
//! which consults, cooperates or breaks relations codes them with each
//! other (roots 04, 05, 06 and 16 only, and not within one country); a participle clause with no subject before its main clause, or
//! right after it, takes the main clause's subject; of two subjects the
//! parser gives one verb, the nearest before it counts.
//!
//! An event needs a source and a target actor, with different codes.
//! [`Coder::explain`] (`dyad explain FILE --sentence N`) shows, for one
//! sentence, the parse, the mentions, every pattern tried with why it was
//! accepted or rejected, and the events.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_dict::{CameoCode, DictError, EventPattern};
use dyad_document::{Document, Event, MentionKind, PlaceFeature, QuoteKind};
use dyad_tag::frames::{frames, Frame};

/// dyad's own event dictionaries, embedded so the binary is self-contained.
pub const DEFAULT_CAMEO: (&str, &str) = (
    "dictionaries/events/cameo.tsv",
    include_str!("../../../dictionaries/events/cameo.tsv"),
);

/// dyad's own discard phrases.
const DEFAULT_DISCARDS: (&str, &str) = (
    "dictionaries/events/discards.txt",
    include_str!("../../../dictionaries/events/discards.txt"),
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
    /// Discard phrases (lower-case words) and whether they are story-level.
    discards: Vec<(Vec<String>, bool)>,
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
        let mut c = Coder::from_texts(DEFAULT_CAMEO, DEFAULT_PATTERNS)
            .expect("dyad's event dictionaries parse");
        c.set_discards(&dyad_dict::parse_discards(DEFAULT_DISCARDS.1, DEFAULT_DISCARDS.0).value);
        c
    }

    /// Replaces the discard phrases (PETRARCH's discard format: `+` story
    /// level, else sentence level).
    pub fn set_discards(&mut self, discards: &[dyad_dict::Discard]) {
        self.discards = discards
            .iter()
            .map(|d| {
                let words = d.phrase.split_whitespace().map(str::to_lowercase).collect();
                (words, d.story)
            })
            .collect();
    }

    /// Which discard phrases a run of lower-case words holds.
    fn discards_in<'a>(&'a self, words: &[String]) -> Vec<&'a (Vec<String>, bool)> {
        self.discards
            .iter()
            .filter(|(p, _)| !p.is_empty() && words.windows(p.len()).any(|w| w == p.as_slice()))
            .collect()
    }

    /// Why a whole document codes nothing: a story-level discard phrase in
    /// its title, or three different ones in its text.
    fn story_discard(&self, doc: &Document) -> Option<String> {
        let lower = |t: &dyad_document::Token| doc.text[t.span.range()].to_lowercase();
        let words: Vec<String> = doc.tokens.iter().map(lower).collect();
        let found: Vec<String> = self
            .discards_in(&words)
            .into_iter()
            .filter(|(_, story)| *story)
            .map(|(p, _)| p.join(" "))
            .collect();
        if let Some(title) = &doc.title {
            // Titles are not tokenised: words with their edge punctuation off.
            let tw: Vec<String> = title
                .split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .collect();
            if let Some((p, _)) = self.discards_in(&tw).into_iter().find(|(_, story)| *story) {
                return Some(format!(
                    "story discarded: the title names «{}»",
                    p.join(" ")
                ));
            }
        }
        (found.len() >= 3).then(|| format!("story discarded: «{}»", found.join("», «")))
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
            discards: Vec::new(),
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
        doc.events = self.run(doc, None).0;
    }

    /// What the coder makes of one sentence (index into
    /// [`Document::sentences`]) of a tagged, parsed and recognised document:
    /// its parse, its actor mentions, every pattern tried and why it was
    /// taken or not, and the events. `None` when there is no such sentence.
    pub fn explain(&self, doc: &Document, sentence: usize) -> Option<Explanation> {
        let s = *doc.sentences.get(sentence)?;
        let (events, tried) = self.run(doc, Some(sentence));
        let toks = &doc.tokens;
        let tokens = (s.first_token..s.last_token)
            .map(|i| {
                let t = &toks[i];
                let head = t
                    .head
                    .map(|h| (h + 1).saturating_sub(s.first_token).to_string())
                    .unwrap_or_else(|| "0".into());
                format!(
                    "{:>3}  {:<18} {:<5} {:<16} {:>4}  {}",
                    i + 1 - s.first_token,
                    doc.slice(t.span),
                    t.tag,
                    t.lemma,
                    head,
                    t.rel
                )
            })
            .collect();
        let mentions = doc
            .mentions
            .iter()
            .enumerate()
            .filter(|(_, m)| s.span.contains(m.span))
            .map(|(k, m)| {
                let kind = format!("{:?}", m.kind).to_lowercase();
                let code = code_of(doc, k).unwrap_or_else(|| "-".into());
                let via = match m.refers_to {
                    Some(r) => format!(" (refers to mention {r})"),
                    None => String::new(),
                };
                format!("{k:>3}  «{}» {kind} {code}{via}", doc.slice(m.span))
            })
            .collect();
        let events = events
            .iter()
            .filter(|e| e.sentence == sentence)
            .map(|e| {
                format!(
                    "{} -> {} {} (root {}, quad {}, goldstein {}) «{}» [{}]",
                    e.source.as_deref().unwrap_or("-"),
                    e.target.as_deref().unwrap_or("-"),
                    e.code,
                    e.root,
                    e.quad_class,
                    e.goldstein,
                    doc.slice(e.span),
                    e.pattern
                )
            })
            .collect();
        Some(Explanation {
            sentence,
            text: doc.slice(s.span).to_string(),
            tokens,
            mentions,
            tried,
            events,
        })
    }

    /// Code a document; with `trace`, also say what was tried in that
    /// sentence.
    fn run(&self, doc: &Document, trace: Option<usize>) -> (Vec<Event>, Vec<String>) {
        if let Some(why) = self.story_discard(doc) {
            return (Vec::new(), vec![why]);
        }
        let cx = Cx::new(doc, trace);
        let mut out: Vec<Event> = Vec::new();
        let mut fs = frames(doc);
        debug_assert!(
            fs.windows(2).all(|w| w[0].verb < w[1].verb),
            "frames in token order"
        );
        inherit_subjects(doc, &mut fs);
        let mut used_nouns: Vec<usize> = Vec::new();
        for f in &fs {
            let cands = self.candidates(&self.verbs, &cx, f.verb);
            if cands.is_empty() {
                continue;
            }
            if let Some(why) = cx.blocked(f.verb, &fs) {
                cx.note(f.verb, || {
                    format!(
                        "verb «{}»: {} candidate pattern(s), none tried: {why}",
                        cx.word(f.verb),
                        cands.len()
                    )
                });
                continue;
            }
            self.code_verb(&cx, f, cands, &mut out, &mut used_nouns);
        }
        for n in 0..doc.tokens.len() {
            if !doc.tokens[n].tag.starts_with("NN") || used_nouns.contains(&n) {
                continue;
            }
            let cands = self.candidates(&self.nouns, &cx, n);
            if cands.is_empty() {
                continue;
            }
            // A noun inherits its clause's negation and conditions.
            if let Some(v) = cx.governing_verb(n) {
                if let Some(why) = cx.blocked(v, &fs) {
                    cx.note(n, || {
                        format!(
                            "noun «{}»: {} candidate pattern(s), none tried: its clause («{}») is {why}",
                            cx.word(n),
                            cands.len(),
                            cx.word(v)
                        )
                    });
                    continue;
                }
            }
            self.code_noun(&cx, n, cands, &fs, &mut out);
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
        // Sentences that name a game code nothing.
        let mut notes = cx.notes.into_inner();
        out.retain(|e| {
            let sent = doc.sentences[e.sentence];
            let words: Vec<String> = (sent.first_token..sent.last_token)
                .map(|t| doc.text[doc.tokens[t].span.range()].to_lowercase())
                .collect();
            let hit = self
                .discards_in(&words)
                .into_iter()
                .find(|(_, story)| !story);
            if let (Some((p, _)), Some(n)) = (hit, trace) {
                if n == e.sentence {
                    notes.push(format!("sentence discarded: «{}»", p.join(" ")));
                }
            }
            hit.is_none()
        });
        (out, notes)
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

    fn code_verb(
        &self,
        cx: &Cx,
        f: &Frame,
        cands: Vec<usize>,
        out: &mut Vec<Event>,
        used: &mut Vec<usize>,
    ) {
        let v = f.verb;
        cx.note(v, || {
            format!(
                "verb «{}» ({}){}: subject {}, object {}; {} candidate pattern(s)",
                cx.word(v),
                cx.doc.tokens[v].lemma,
                if f.passive { ", passive" } else { "" },
                cx.opt_word(f.subject),
                cx.opt_word(f.object),
                cands.len()
            )
        });
        let phrase = cx.phrase(v);
        for k in cands {
            let p = &self.patterns[k];
            let m = match cx.match_items(p, v, &phrase, Some(f)) {
                Ok(m) => m,
                Err(why) => {
                    cx.note(v, || format!("  rejected  {}: {why}", p.provenance));
                    continue;
                }
            };
            if let Some(prt) = f.particle {
                if !m.matched.contains(&prt) {
                    cx.note(v, || {
                        format!(
                            "  rejected  {}: the particle «{}» is not in the pattern",
                            p.provenance,
                            cx.word(prt)
                        )
                    });
                    continue;
                }
            }
            let Some(cameo) = self.codes.get(&p.code) else {
                continue;
            };
            let quad = cameo.quad_class as u8;
            let sources = m.source.map(|s| cx.actors(s)).unwrap_or_default();
            if sources.is_empty() {
                cx.note(v, || {
                    format!(
                        "  rejected  {}: {}",
                        p.provenance,
                        cx.slot_why("source", m.source)
                    )
                });
                continue;
            }
            let mut targets = m.target.map(|t| cx.actors(t)).unwrap_or_default();
            let target_slot = p.items.contains(&Item::Target);
            if targets.is_empty() && m.target.is_none() {
                // Only what two parties do together is mutual: consult
                // (04), cooperate (05, 06), break relations (16). An appeal
                // or a proposal by "A and B" is not to each other.
                let reciprocal = matches!(&p.code[..2], "04" | "05" | "06" | "16");
                let aimed = f.preps.iter().any(|&(pr, o)| {
                    matches!(cx.lower(pr).as_str(), "against" | "on" | "into" | "at")
                        && !o.is_some_and(|o| cx.is_time(o))
                });
                let countries: std::collections::HashSet<&str> = sources
                    .iter()
                    .map(|a| a.code.get(..3).unwrap_or(a.code.as_str()))
                    .collect();
                if reciprocal && sources.len() > 1 && countries.len() > 1 {
                    // "A and B met", "the two countries broke off
                    // relations": each with the other (not a country with
                    // its own government).
                    targets = sources.clone();
                } else if quad == 4 && !aimed {
                    // "Rebels launched an offensive": against their
                    // country's government.
                    targets = sources.iter().filter_map(implicit_target).collect();
                }
            }
            if targets.is_empty() && quad == 4 {
                // "took the city of X": the country the place lies in.
                if let Some(a) = m.target.and_then(|t| cx.place_country(t)) {
                    cx.note(v, || {
                        format!(
                            "  actor «{}» -> {} ({})",
                            cx.word(m.target.unwrap_or(v)),
                            a.code,
                            a.how
                        )
                    });
                    targets.push(a);
                }
            }
            if targets.is_empty() {
                cx.note(v, || {
                    let why = if target_slot {
                        cx.slot_why("target", m.target)
                    } else {
                        "no target: the pattern has none and no default applies".into()
                    };
                    format!("  rejected  {}: {why}", p.provenance)
                });
                continue;
            }
            let mut span_toks = m.matched.clone();
            span_toks.push(v);
            let n = self.emit(cx, p, &sources, &targets, &span_toks, out);
            if n > 0 {
                cx.note(v, || {
                    format!(
                        "  accepted  {}: {} -> {}",
                        p.provenance,
                        show_actors(&sources),
                        show_actors(&targets)
                    )
                });
                used.extend(m.matched.iter().copied());
                return;
            }
            cx.note(v, || {
                format!(
                    "  rejected  {}: source and target are the same actor",
                    p.provenance
                )
            });
        }
    }

    fn code_noun(&self, cx: &Cx, n: usize, cands: Vec<usize>, fs: &[Frame], out: &mut Vec<Event>) {
        let toks = &cx.doc.tokens;
        let mut phrase = cx.phrase(n);
        let add_preps_of = |h: usize, rels: &[&str], phrase: &mut Vec<usize>| {
            for &c in &cx.children[h] {
                if rels.contains(&toks[c].rel) {
                    phrase.push(c);
                    phrase.extend(cx.phrase(c));
                }
            }
        };
        if let Some(h) = toks[n].head {
            match toks[n].rel {
                // "launched strikes on X": the preposition may hang on the verb.
                "dobj" => add_preps_of(h, &["prep", "agent"], &mut phrase),
                // "pressure by X was unable to convince Y": the predicate.
                "nsubj" => add_preps_of(h, &["acomp", "xcomp"], &mut phrase),
                _ => {}
            }
        }
        // "negotiations that took place between A and B".
        for &c in &cx.children[n] {
            if toks[c].rel == "relcl" && toks[c].tag.starts_with("VB") {
                add_preps_of(c, &["prep"], &mut phrase);
            }
        }
        phrase.sort_unstable();
        phrase.dedup();
        // "Y, curbed by X's strikes": the noun is a passive verb's agent,
        // and what the verb's subject is what it acts on.
        let acted_on = cx.passive_subject_of_agent(n, fs);
        cx.note(n, || {
            format!(
                "noun «{}» ({}){}: {} candidate pattern(s)",
                cx.word(n),
                toks[n].lemma,
                match acted_on {
                    Some(t) => format!(", by-agent of a passive whose subject is «{}»", cx.word(t)),
                    None => String::new(),
                },
                cands.len()
            )
        });
        for k in cands {
            let p = &self.patterns[k];
            let m = match cx.match_items(p, n, &phrase, None) {
                Ok(m) => m,
                Err(why) => {
                    cx.note(n, || format!("  rejected  {}: {why}", p.provenance));
                    continue;
                }
            };
            let Some(cameo) = self.codes.get(&p.code) else {
                continue;
            };
            let source_slot = p.items.contains(&Item::Source);
            let target_slot = p.items.contains(&Item::Target);
            let mut targets = m.target.map(|t| cx.actors(t)).unwrap_or_default();
            if !target_slot {
                if let Some(t) = acted_on {
                    targets = cx.actors(t);
                }
            }
            let mut sources = Vec::new();
            if source_slot {
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
                        if matches!(toks[c].rel, "amod" | "compound" | "poss" | "nmod")
                            && !m.matched.contains(&c)
                        {
                            sources.extend(cx.actors(c));
                        }
                    }
                }
            } else if (cameo.quad_class as u8) <= 2 && targets.len() > 1 {
                // "talks between A, B and C": each with each.
                sources = targets.clone();
            }
            if sources.is_empty() || targets.is_empty() {
                cx.note(n, || {
                    let why = if sources.is_empty() {
                        "no source actor (no by-phrase, adjective, possessive or compound names one)"
                            .to_string()
                    } else if target_slot {
                        cx.slot_why("target", m.target)
                    } else {
                        "no target: the pattern has none".into()
                    };
                    format!("  rejected  {}: {why}", p.provenance)
                });
                continue;
            }
            let mut span_toks = m.matched.clone();
            span_toks.push(n);
            if self.emit(cx, p, &sources, &targets, &span_toks, out) > 0 {
                cx.note(n, || {
                    format!(
                        "  accepted  {}: {} -> {}",
                        p.provenance,
                        show_actors(&sources),
                        show_actors(&targets)
                    )
                });
                return;
            }
            cx.note(n, || {
                format!(
                    "  rejected  {}: source and target are the same actor",
                    p.provenance
                )
            });
        }
    }

    /// Events for every source-target pair with different codes; how many.
    fn emit(
        &self,
        cx: &Cx,
        p: &Compiled,
        sources: &[Actor],
        targets: &[Actor],
        span_toks: &[usize],
        out: &mut Vec<Event>,
    ) -> usize {
        let Some(cameo) = self.codes.get(&p.code) else {
            return 0;
        };
        let toks = &cx.doc.tokens;
        let start = span_toks.iter().map(|&t| toks[t].span.start).min();
        let end = span_toks.iter().map(|&t| toks[t].span.end).max();
        let (Some(start), Some(end)) = (start, end) else {
            return 0;
        };
        let sentence = cx.sentence_of(span_toks[0]);
        let mut n = 0;
        for s in sources {
            for t in targets {
                if s.code == t.code || (s.mention.is_some() && s.mention == t.mention) {
                    continue;
                }
                n += 1;
                out.push(Event {
                    sentence,
                    span: dyad_document::Span::new(start, end),
                    source: Some(s.code.clone()),
                    target: Some(t.code.clone()),
                    source_mention: s.mention,
                    target_mention: t.mention,
                    code: p.code.clone(),
                    root: p.code[..2].to_string(),
                    quad_class: cameo.quad_class as u8,
                    goldstein: cameo.goldstein,
                    pattern: p.provenance.clone(),
                    ..Default::default()
                });
            }
        }
        n
    }
}

/// What [`Coder::explain`] says of one sentence; `Display` prints it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Explanation {
    /// Index in [`Document::sentences`].
    pub sentence: usize,
    pub text: String,
    /// One row per token: number, word, tag, lemma, head, relation.
    pub tokens: Vec<String>,
    /// The actor mentions in the sentence, with their codes.
    pub mentions: Vec<String>,
    /// Each verb or noun with candidate patterns, then each pattern tried
    /// and why it was accepted or rejected.
    pub tried: Vec<String>,
    /// The events coded from the sentence.
    pub events: Vec<String>,
}

impl std::fmt::Display for Explanation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "# sentence {}: {}", self.sentence, self.text)?;
        writeln!(
            f,
            "\n## parse\n id  word               tag   lemma            head  rel"
        )?;
        for t in &self.tokens {
            writeln!(f, "{t}")?;
        }
        writeln!(f, "\n## actor mentions")?;
        if self.mentions.is_empty() {
            writeln!(f, "(none)")?;
        }
        for m in &self.mentions {
            writeln!(f, "{m}")?;
        }
        writeln!(f, "\n## patterns tried")?;
        if self.tried.is_empty() {
            writeln!(f, "(no verb or noun with a candidate pattern)")?;
        }
        for t in &self.tried {
            writeln!(f, "{t}")?;
        }
        writeln!(f, "\n## events")?;
        if self.events.is_empty() {
            writeln!(f, "(none)")?;
        }
        for e in &self.events {
            writeln!(f, "{e}")?;
        }
        Ok(())
    }
}

/// An actor an argument stands for: a mention's code, or a code a rule
/// infers (a pronoun's antecedent, "the two countries", an implicit target).
#[derive(Debug, Clone, PartialEq)]
struct Actor {
    mention: Option<usize>,
    code: String,
    /// How it was found, when not directly from a mention.
    how: String,
}

fn show_actors(actors: &[Actor]) -> String {
    actors
        .iter()
        .map(|a| {
            if a.how.is_empty() {
                a.code.clone()
            } else {
                format!("{} ({})", a.code, a.how)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rebels' material conflict with no target named is with their country's
/// government ("Syrian rebels launched an offensive": SYRREB -> SYRGOV).
fn implicit_target(a: &Actor) -> Option<Actor> {
    let c = &a.code;
    if c.len() == 6 && c.ends_with("REB") && c[..3].chars().all(|x| x.is_ascii_uppercase()) {
        Some(Actor {
            mention: None,
            code: format!("{}GOV", &c[..3]),
            how: "implicit target: the government rebels fight".into(),
        })
    } else {
        None
    }
}

/// Subjects the parse leaves wrong or implicit: of two subjects the one
/// nearest before the verb; a participle adjunct with no subject of its own
/// takes its main clause's ("Having seized the bases, the rebels pushed
/// on": the rebels seized).
fn inherit_subjects(doc: &Document, fs: &mut [Frame]) {
    let toks = &doc.tokens;
    for f in fs.iter_mut() {
        let v = f.verb;
        let si = doc.sentences.partition_point(|s| s.last_token <= v);
        let first = doc.sentences.get(si).map_or(0, |s| s.first_token);
        let nearest = (first..v)
            .rev()
            .find(|&k| toks[k].head == Some(v) && toks[k].rel == "nsubj");
        if let (Some(n), Some(s)) = (nearest, f.subject) {
            if n != s && toks[s].rel == "nsubj" {
                f.subject = Some(n);
            }
        }
    }
    // "Last week, a coalition of rebels took ...": a subject the parser
    // hung as an apposition on a temporal modifier before the verb.
    for f in fs.iter_mut() {
        let v = f.verb;
        if f.subject.is_some() {
            continue;
        }
        let si = doc.sentences.partition_point(|s| s.last_token <= v);
        let first = doc.sentences.get(si).map_or(0, |s| s.first_token);
        f.subject = (first..v).rev().find(|&k| {
            toks[k].rel == "appos"
                && toks[k].tag.starts_with("NN")
                && toks[k]
                    .head
                    .is_some_and(|h| h < k && toks[h].rel == "npadvmod" && toks[h].head == Some(v))
        });
    }
    for k in 0..fs.len() {
        let v = fs[k].verb;
        if fs[k].subject.is_some()
            || toks[v].rel != "advcl"
            || !matches!(toks[v].tag, "VBN" | "VBG")
        {
            continue;
        }
        let Some(h) = toks[v].head else { continue };
        // A trailing participle may hang on the wrong verb ("accused X of
        // shelling Y, damaging Z"): only when no other verb stands between.
        if h < v && (h + 1..v).any(|k| toks[k].tag.starts_with("VB") && toks[k].rel != "aux") {
            continue;
        }
        if let Some(s) = fs.iter().find(|g| g.verb == h).and_then(|g| g.subject) {
            fs[k].subject = Some(s);
        }
    }
}

/// Verbs whose infinitive complement has not happened: requests ("urged
/// Russia to press"), plans and intentions ("plans to meet"), promises and
/// threats ("vowed to retaliate"). Not "forced to" or "began to": those
/// happened.
const UNREALISED: &[&str] = &[
    "urge",
    "encourage",
    "ask",
    "call",
    "press",
    "push",
    "persuade",
    "convince",
    "invite",
    "advise",
    "tell",
    "want",
    "wish",
    "plan",
    "intend",
    "hope",
    "aim",
    "seek",
    "try",
    "attempt",
    "expect",
    "propose",
    "offer",
    "threaten",
    "vow",
    "pledge",
    "promise",
    "agree",
    "decide",
    "prepare",
    "need",
    "demand",
];

/// Relational nouns between two actors: "Damascus ally Russia" is Russia.
const RELATIONAL: &[&str] = &[
    "ally",
    "allies",
    "partner",
    "neighbour",
    "neighbor",
    "rival",
    "foe",
    "backer",
    "patron",
    "proxy",
];

/// Nouns a definite description of an armed or political group ends in
/// ("the separatist group"): the organisation last named.
const GROUP_NOUNS: &[&str] = &[
    "group",
    "organisation",
    "organization",
    "movement",
    "faction",
    "militia",
];

/// Nouns of time, for telling "launched an offensive on Sunday" from one
/// aimed at something.
const TIME_WORDS: &[&str] = &["eve"];

/// Collective nouns whose "of" phrase names the actors ("a coalition of
/// rebels").
const COLLECTIVES: &[&str] = &[
    "coalition",
    "alliance",
    "bloc",
    "group",
    "grouping",
    "union",
    "front",
    "umbrella",
];

/// Code prefixes that are no country.
const NOT_COUNTRY: &[&str] = &["IGO", "NGO", "IMG", "MNC", "NGM", "UIS"];

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
    /// The country the document is most about (most country mentions).
    focus: Option<String>,
    /// The sentence to explain, and what was tried there.
    trace: Option<usize>,
    notes: RefCell<Vec<String>>,
    /// Per sentence: whether it has an `if`/`unless` clause (computed once:
    /// asking per verb made long sentences quadratic).
    has_if: Vec<bool>,
}

impl<'a> Cx<'a> {
    fn new(doc: &'a Document, trace: Option<usize>) -> Cx<'a> {
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
            focus: None,
            trace,
            notes: RefCell::new(Vec::new()),
            has_if,
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
    fn note(&self, t: usize, what: impl FnOnce() -> String) {
        if self.trace.is_some_and(|s| self.sentence_of(t) == s) {
            let line = what();
            let mut notes = self.notes.borrow_mut();
            if !notes.contains(&line) {
                notes.push(line);
            }
        }
    }

    fn word(&self, t: usize) -> &str {
        self.doc.slice(self.doc.tokens[t].span)
    }

    fn opt_word(&self, t: Option<usize>) -> String {
        t.map_or("-".into(), |t| format!("«{}»", self.word(t)))
    }

    /// Why a slot gave no actor.
    fn slot_why(&self, slot: &str, t: Option<usize>) -> String {
        match t {
            None if slot == "source" => "no subject (or by-agent) for $".into(),
            None => format!("nothing fills the {slot} slot"),
            Some(t) => format!("no actor in the {slot} slot («{}»)", self.word(t)),
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
                // Conjoined nouns ("weapons and military bases"), not clauses.
                let noun_conj = tok.rel == "conj"
                    && tok.tag.starts_with("NN")
                    && self.doc.tokens[t].tag.starts_with("NN");
                if !PHRASE_RELS.contains(&tok.rel) && !noun_conj {
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
    ) -> Result<Match, String> {
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
                        .find(|&t| !m.matched.contains(&t) && self.is(t, w))
                        .ok_or_else(|| format!("no «{w}» in the phrase"))?;
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
                        .min_by_key(|&t| (t < prev, t.abs_diff(prev)))
                        .ok_or_else(|| format!("no «{w}» in the phrase"))?;
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
        Ok(m)
    }

    /// Actors an argument stands for: the mention covering it, else one
    /// among its modifiers, else what a rule infers; conjoined arguments
    /// each give theirs.
    fn actors(&self, arg: usize) -> Vec<Actor> {
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
        let mut out: Vec<Actor> = Vec::new();
        for h in heads {
            let found = match self.actor_at(h) {
                Some(a) => vec![a],
                None => self.inferred(h),
            };
            for a in found {
                if !out
                    .iter()
                    .any(|o| o.code == a.code && o.mention == a.mention)
                {
                    out.push(a);
                }
            }
        }
        out
    }

    fn mention_actor(&self, m: usize) -> Option<Actor> {
        Some(Actor {
            mention: Some(m),
            code: self.code_of(m)?,
            how: String::new(),
        })
    }

    fn actor_at(&self, t: usize) -> Option<Actor> {
        if self.barred[t] {
            return None;
        }
        if let Some(m) = self.mention_of[t] {
            return self.mention_actor(self.beyond_relational(m));
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
                        return self.mention_actor(self.beyond_relational(m));
                    }
                    next.push(c);
                }
            }
            level = next;
        }
        None
    }

    /// "Damascus ally Russia", "Tehran's proxy Hezbollah": the actor named
    /// after the relational noun, not the one before it.
    fn beyond_relational(&self, m: usize) -> usize {
        let toks = &self.doc.tokens;
        let span = self.doc.mentions[m].span;
        let mut k = toks.partition_point(|t| t.span.end <= span.end);
        if k < toks.len() && matches!(self.lower(k).as_str(), "'s" | "\u{2019}s" | "'") {
            k += 1;
        }
        if k + 1 >= toks.len()
            || !RELATIONAL.contains(&self.lower(k).as_str())
            || self.sentence_of(k + 1) != self.sentence_of(k)
        {
            return m;
        }
        match self.mention_of[k + 1] {
            Some(n) if n != m && self.doc.mentions[n].span.start == toks[k + 1].span.start => n,
            _ => m,
        }
    }

    /// Actors for an argument no mention covers: a subject pronoun, "the
    /// two countries", "the separatist group", civilian targets.
    fn inferred(&self, t: usize) -> Vec<Actor> {
        if self.barred[t] {
            return Vec::new();
        }
        let found: Vec<Actor> = if let Some(a) = self.quote_speaker(t) {
            vec![a]
        } else if let Some(a) = self.pronoun(t) {
            vec![a]
        } else if let Some(found) = self.collective_of(t) {
            found
        } else if let Some(pair) = self.pair_of_countries(t) {
            pair
        } else if let Some(a) = self.definite_group(t) {
            vec![a]
        } else if let Some(a) = self.civilian(t) {
            vec![a]
        } else {
            Vec::new()
        };
        for a in &found {
            self.note(t, || {
                format!("  actor «{}» -> {} ({})", self.word(t), a.code, a.how)
            });
        }
        found
    }

    /// "I", "we", "me", "us" inside a direct quote: its speaker (the
    /// innermost quote's, as quote attribution found it).
    fn quote_speaker(&self, t: usize) -> Option<Actor> {
        let tok = &self.doc.tokens[t];
        if tok.tag != "PRP" || !matches!(self.lower(t).as_str(), "i" | "we" | "me" | "us") {
            return None;
        }
        let q = self
            .doc
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct && q.span.contains(tok.span))
            .min_by_key(|q| q.span.len())?;
        let sp = q.speaker.as_ref()?;
        let mention = sp.antecedent.or(sp.mention);
        if mention.is_some_and(|m| self.doc.mentions[m].kind == MentionKind::Outlet) {
            return None;
        }
        let code = sp
            .code
            .clone()
            .or_else(|| mention.and_then(|m| self.code_of(m)))?;
        Some(Actor {
            mention,
            code,
            how: format!("the speaker of the quote, {}", sp.name),
        })
    }

    /// The last token of mention `m`.
    fn mention_head(&self, m: usize) -> usize {
        let span = self.doc.mentions[m].span;
        self.doc
            .tokens
            .partition_point(|t| t.span.end <= span.end)
            .saturating_sub(1)
    }

    /// "It"/"they" as a clause's subject: the previous sentence's subject
    /// when an actor of the right number, else the one actor of the right
    /// number that sentence names (same paragraph only).
    fn pronoun(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        if toks[t].tag != "PRP" || !matches!(toks[t].rel, "nsubj" | "nsubjpass") {
            return None;
        }
        let plural = match self.lower(t).as_str() {
            "it" => false,
            "they" => true,
            _ => return None,
        };
        let fits = |m: usize| -> bool {
            let mm = &self.doc.mentions[m];
            if self.code_of(m).is_none() {
                return false;
            }
            let pl = matches!(toks[self.mention_head(m)].tag, "NNS" | "NNPS");
            match mm.kind {
                MentionKind::Country | MentionKind::Agent => pl == plural,
                MentionKind::Capital => !plural,
                MentionKind::Org => true,
                _ => false,
            }
        };
        let s = self.sentence_of(t);
        // "X said it would ...": the subject of a clause the pronoun's
        // clause depends on.
        let mut v = toks[t].head;
        while let Some(h) = v {
            if !matches!(
                toks[h].rel,
                "ccomp" | "advcl" | "conj" | "xcomp" | "ROOT" | ""
            ) {
                break;
            }
            let subj = self.children[h]
                .iter()
                .copied()
                .find(|&c| c < t && matches!(toks[c].rel, "nsubj" | "nsubjpass"));
            if let Some(a) = subj.and_then(|x| self.actor_at(x)) {
                if a.mention.is_some_and(fits) {
                    return Some(Actor {
                        how: "pronoun: the subject of the clause it depends on".into(),
                        ..a
                    });
                }
            }
            v = toks[h].head;
        }
        // Another actor of its number as a subject before it: ambiguous.
        let first = self.doc.sentences[s].first_token;
        let rival = (first..t).any(|k| {
            matches!(toks[k].rel, "nsubj" | "nsubjpass")
                && self
                    .actor_at(k)
                    .is_some_and(|a| a.mention.is_some_and(fits))
        });
        if s == 0 || rival {
            return None;
        }
        let (cur, prev) = (self.doc.sentences[s], self.doc.sentences[s - 1]);
        if self
            .doc
            .paragraphs
            .iter()
            .any(|p| p.contains(cur.span) != p.contains(prev.span))
        {
            return None;
        }
        let range = prev.first_token..prev.last_token;
        let root = range.clone().find(|&k| toks[k].head.is_none());
        let mut subjects: Vec<usize> = root
            .map(|r| {
                self.children[r]
                    .iter()
                    .copied()
                    .filter(|&c| matches!(toks[c].rel, "nsubj" | "nsubjpass"))
                    .collect()
            })
            .unwrap_or_default();
        for k in range.clone() {
            if matches!(toks[k].rel, "nsubj" | "nsubjpass") && !subjects.contains(&k) {
                subjects.push(k);
            }
        }
        for x in subjects {
            if let Some(a) = self.actor_at(x) {
                if a.mention.is_some_and(fits) {
                    return Some(Actor {
                        how: format!(
                            "pronoun: the previous sentence's subject «{}»",
                            self.word(x)
                        ),
                        ..a
                    });
                }
            }
        }
        // Else the one actor of the right number named there (not as a
        // modifier of another noun).
        let mut found: Option<(usize, String)> = None;
        for (mi, mm) in self.doc.mentions.iter().enumerate() {
            if !prev.span.contains(mm.span) || !fits(mi) {
                continue;
            }
            let h = self.mention_head(mi);
            if matches!(toks[h].rel, "compound" | "amod" | "nmod" | "poss") {
                continue;
            }
            let code = self.code_of(mi)?;
            match &found {
                Some((_, c)) if *c != code => return None,
                Some(_) => {}
                None => found = Some((mi, code)),
            }
        }
        let (mi, code) = found?;
        Some(Actor {
            mention: Some(mi),
            code,
            how: "pronoun: the one actor of its number in the previous sentence".into(),
        })
    }

    /// "a coalition of Syrian rebels": the actors the collective is made of.
    fn collective_of(&self, t: usize) -> Option<Vec<Actor>> {
        let toks = &self.doc.tokens;
        if !toks[t].tag.starts_with("NN") || !COLLECTIVES.contains(&toks[t].lemma.as_str()) {
            return None;
        }
        let of = self.children[t]
            .iter()
            .copied()
            .find(|&c| toks[c].rel == "prep" && self.lower(c) == "of")?;
        let members = self.actors(self.child(of, &["pobj"])?);
        if members.is_empty() {
            return None;
        }
        Some(
            members
                .into_iter()
                .map(|a| Actor {
                    how: format!("member of the {}", self.word(t)),
                    ..a
                })
                .collect(),
        )
    }

    /// The country (as an actor) a place lies in ("the city of Aleppo",
    /// "Aleppo"), when the document names that country itself, so that its
    /// ISO code maps to a CAMEO one.
    fn place_country(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        let mut cands = vec![t];
        if let Some(of) = self.children[t]
            .iter()
            .copied()
            .find(|&c| toks[c].rel == "prep" && self.lower(c) == "of")
        {
            cands.extend(self.child(of, &["pobj"]));
        }
        for c in cands {
            let span = toks[c].span;
            let Some(p) = self
                .doc
                .places
                .iter()
                .find(|p| p.span.contains(span) && p.feature != PlaceFeature::Country)
            else {
                continue;
            };
            let iso2 = p.country.as_ref()?;
            for q in &self.doc.places {
                if q.feature != PlaceFeature::Country || q.country.as_ref() != Some(iso2) {
                    continue;
                }
                for (mi, m) in self.doc.mentions.iter().enumerate() {
                    if m.kind == MentionKind::Country && m.span.contains(q.span) {
                        if let Some(code) = self.country_of(mi) {
                            return Some(Actor {
                                mention: None,
                                code,
                                how: format!("the country {} lies in", p.name),
                            });
                        }
                    }
                }
            }
        }
        None
    }

    /// The country a mention stands for or belongs to.
    fn country_of(&self, m: usize) -> Option<String> {
        let c = self.code_of(m)?;
        match self.doc.mentions[m].kind {
            MentionKind::Country if c.len() == 3 => Some(c),
            MentionKind::Country | MentionKind::Capital | MentionKind::Agent
                if c.len() >= 6
                    && c[..3].chars().all(|x| x.is_ascii_uppercase())
                    && !NOT_COUNTRY.contains(&&c[..3]) =>
            {
                Some(c[..3].to_string())
            }
            _ => None,
        }
    }

    /// "the (two) countries", "both countries": the last two countries named
    /// before it, in this sentence or the one before.
    fn pair_of_countries(&self, t: usize) -> Option<Vec<Actor>> {
        let toks = &self.doc.tokens;
        if toks[t].lemma != "country" || toks[t].tag != "NNS" {
            return None;
        }
        let definite = self.children[t].iter().any(|&c| {
            matches!(toks[c].rel, "det" | "nummod" | "predet" | "amod")
                && matches!(
                    self.lower(c).as_str(),
                    "the" | "both" | "two" | "these" | "those"
                )
        });
        if !definite {
            return None;
        }
        let s = self.sentence_of(t);
        let from = self.doc.sentences[s.saturating_sub(1)].span.start;
        let mut found: Vec<(String, usize)> = Vec::new();
        for (mi, m) in self.doc.mentions.iter().enumerate().rev() {
            if m.span.end > toks[t].span.start {
                continue;
            }
            if m.span.start < from {
                break;
            }
            if let Some(c) = self.country_of(mi) {
                if !found.iter().any(|x| x.0 == c) {
                    found.push((c, mi));
                    if found.len() == 2 {
                        break;
                    }
                }
            }
        }
        if found.len() < 2 {
            return None;
        }
        found.reverse();
        Some(
            found
                .into_iter()
                .map(|(code, mi)| Actor {
                    mention: Some(mi),
                    code,
                    how: "one of the two countries last named".into(),
                })
                .collect(),
        )
    }

    /// "the separatist group": the organisation named last, in this
    /// sentence or the two before.
    fn definite_group(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        if toks[t].tag != "NN" || !GROUP_NOUNS.contains(&toks[t].lemma.as_str()) {
            return None;
        }
        let definite = self.children[t]
            .iter()
            .any(|&c| toks[c].rel == "det" && matches!(self.lower(c).as_str(), "the" | "this"));
        if !definite {
            return None;
        }
        let s = self.sentence_of(t);
        let from = self.doc.sentences[s.saturating_sub(2)].span.start;
        let (mi, _) = self.doc.mentions.iter().enumerate().rev().find(|(mi, m)| {
            m.span.end <= toks[t].span.start
                && m.span.start >= from
                && m.kind == MentionKind::Org
                && self.code_of(*mi).is_some()
        })?;
        Some(Actor {
            how: format!(
                "the organisation last named, «{}»",
                self.doc.slice(self.doc.mentions[mi].span)
            ),
            ..self.mention_actor(mi)?
        })
    }

    /// "civilian areas", "civilian targets": the civilians of the country
    /// the document is about.
    fn civilian(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        if !toks[t].tag.starts_with("NN") {
            return None;
        }
        let civilian = self.children[t]
            .iter()
            .any(|&c| toks[c].rel == "amod" && self.lower(c) == "civilian");
        if !civilian {
            return None;
        }
        Some(Actor {
            mention: None,
            code: format!("{}CVL", self.focus.as_ref()?),
            how: "civilians of the country the article is about".into(),
        })
    }

    /// For a noun that is the by-agent of a passive verb ("curbed by
    /// strikes"), what the verb's subject is: the grammatical subject, or
    /// the noun a passive participle modifies.
    fn passive_subject_of_agent(&self, n: usize, fs: &[Frame]) -> Option<usize> {
        let toks = &self.doc.tokens;
        if toks[n].rel != "pobj" {
            return None;
        }
        let by = toks[n].head?;
        if self.lower(by) != "by" || toks[by].rel != "agent" {
            return None;
        }
        let v = toks[by].head?;
        let f = fs.iter().find(|f| f.verb == v)?;
        if !f.passive {
            return None;
        }
        if let Some(s) = f.subject {
            return Some(s);
        }
        if matches!(toks[v].rel, "acl" | "relcl") && toks[v].tag == "VBN" {
            return toks[v].head;
        }
        None
    }

    /// A time expression ("on Sunday", "in March", "at dawn").
    fn is_time(&self, t: usize) -> bool {
        let span = self.doc.tokens[t].span;
        self.doc.times.iter().any(|x| x.span.contains(span)) || self.doc.tokens[t].tag == "CD" || {
            let l = self.doc.tokens[t].lemma.to_lowercase();
            TIME_WORDS.contains(&l.as_str()) || dyad_document::calendar::is_time_word(&l)
        }
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

    /// Why a verb did not happen, if it did not: negated or refused (itself
    /// or the verb it complements), or inside a conditional.
    fn blocked(&self, verb: usize, fs: &[Frame]) -> Option<&'static str> {
        let toks = &self.doc.tokens;
        // Frames are in token order: a binary search finds a verb's.
        let frame = |v: usize| fs.binary_search_by_key(&v, |f| f.verb).ok().map(|i| &fs[i]);
        let has_if = self.has_if[self.sentence_of(verb)];
        let mut cur = verb;
        let mut through_xcomp = true;
        for _ in 0..32 {
            if let Some(f) = frame(cur) {
                if through_xcomp && f.negated {
                    return Some("negated");
                }
                if through_xcomp && f.refused {
                    return Some("refused or failed (complement of refuse/fail/decline)");
                }
                if has_if
                    && f.modals.iter().any(|&m| {
                        matches!(self.lower(m).as_str(), "would" | "could" | "might" | "'d")
                    })
                {
                    return Some("hypothetical (would/could/might beside an if-clause)");
                }
                // "would impose sanctions", "could strike", "may meet": a
                // possibility or an intention, not an event.
                if through_xcomp
                    && f.modals.iter().any(|&m| {
                        matches!(
                            self.lower(m).as_str(),
                            "would" | "could" | "might" | "may" | "should" | "'d"
                        )
                    })
                {
                    return Some("possible or intended, not done (would/could/might/may/should)");
                }
            }
            if self.children[cur].iter().any(|&c| {
                toks[c].rel == "mark" && matches!(self.lower(c).as_str(), "if" | "unless")
            }) {
                return Some("conditional (inside an if/unless clause)");
            }
            let rel = toks[cur].rel;
            if !matches!(
                rel,
                "xcomp" | "ccomp" | "conj" | "advcl" | "relcl" | "acl" | "pcomp"
            ) {
                return None;
            }
            // "urged X to attack", "plans to meet": asked for, planned or
            // promised, not done. The governing verb codes the request or
            // the intent from its own patterns.
            if rel == "xcomp" {
                if let Some(h) = toks[cur].head {
                    if UNREALISED.contains(&toks[h].lemma.to_lowercase().as_str()) {
                        return Some(
                            "not done (complement of a verb of asking, planning or promising)",
                        );
                    }
                }
            }
            if rel != "xcomp" {
                through_xcomp = false;
            }
            match toks[cur].head {
                Some(h) => cur = h,
                None => return None,
            }
        }
        None
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

fn default_coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(Coder::default_english)
}

/// Code a document with dyad's own dictionaries (loaded once).
pub fn code(doc: &mut Document) {
    default_coder().code(doc);
}

/// A CAMEO code's QuadClass (1-4) and Goldstein score from dyad's table.
pub fn quad_goldstein(code: &str) -> Option<(u8, f32)> {
    default_coder()
        .codes
        .get(code)
        .map(|c| (c.quad_class as u8, c.goldstein))
}

/// [`Coder::explain`] with dyad's own dictionaries.
pub fn explain(doc: &Document, sentence: usize) -> Option<Explanation> {
    default_coder().explain(doc, sentence)
}

mod seed;
pub use seed::{score_seed, SeedEvents};

#[cfg(test)]
mod tests;
