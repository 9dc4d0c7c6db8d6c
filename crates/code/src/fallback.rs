//! Fallbacks for when the parse does not hand a pattern its actors.
//!
//! Tried only after every candidate pattern failed with the verb's own
//! arguments, so that what the parse gets right is coded as before:
//!
//! * **nested** target: the object is no actor, but its phrase names one
//!   ("denounced the Japanese export ban", "dismissed the claims by
//!   Ankara", "arrested dozens of protesters", "condemned the threats made
//!   by the government"): the first actor, breadth first, among the
//!   object's modifiers, prepositional phrases and participle clauses;
//! * **shallow** source: the verb has no subject (a participle, a purpose
//!   clause, a broken parse): the subject of the clause it hangs on
//!   ("issued a report accusing X", "sent experts to investigate X"), else
//!   the nearest actor before the verb in its sentence;
//! * **shallow** target: the verb has no object: the first actor after it
//!   in its sentence that is no subject of another clause.
//!
//! Eventive nouns after a light verb ("launched an investigation into X",
//! "filed a lawsuit against X") take the verb's subject as their source.

use dyad_tag::frames::Frame;

use crate::actors::Actor;
use crate::context::Cx;

/// Verbs that carry an eventive noun's action ("launched an attack",
/// "expressed condemnation"): their subject is the noun's source.
pub(crate) const LIGHT_VERBS: &[&str] = &[
    "launch",
    "open",
    "begin",
    "start",
    "file",
    "lodge",
    "bring",
    "express",
    "voice",
    "offer",
    "issue",
    "make",
    "conduct",
    "carry",
    "hold",
    "level",
    "impose",
    "stage",
    "mount",
    "deliver",
    "order",
    "initiate",
    "register",
    "announce",
    "release",
    "unleash",
    "step",
    "intensify",
    "escalate",
    "renew",
    "resume",
    "continue",
    "lead",
    "wage",
    "press",
    "pursue",
    "provide",
    "give",
    "send",
    "extend",
    "contribute",
    "grant",
    "allocate",
    "donate",
    "pledge",
    "approve",
    "authorize",
    "authorise",
    "prolong",
];

/// Relations followed into an object's phrase to find an actor in it.
const NESTED_RELS: &[&str] = &[
    "compound", "amod", "poss", "nmod", "prep", "pobj", "agent", "acl", "relcl", "appos", "conj",
    "dobj", "pcomp",
];

/// Prepositions whose object may be the target inside an object's phrase.
const NESTED_PREPS: &[&str] = &[
    "of", "by", "against", "on", "in", "into", "over", "from", "toward", "towards", "with", "to",
    "at", "upon", "about",
];

/// Prepositions that give what something is about ("asked about X").
const TOPIC_PREPS: &[&str] = &["about", "regarding", "concerning"];

impl Cx<'_> {
    /// The actors named inside an argument's phrase (not the argument
    /// itself), the nearest first: breadth first, surface order within a
    /// level, three levels deep.
    pub(crate) fn nested_actors(&self, arg: usize) -> Vec<Actor> {
        let found = self.nested_from(arg, NESTED_RELS, "nested: named inside");
        if !found.is_empty() {
            return found;
        }
        // "opened its borders to refugees": the prepositions of the verb
        // the object belongs to.
        let toks = &self.doc.tokens;
        match toks[arg].head {
            Some(h) if toks[arg].rel == "dobj" && toks[h].tag.starts_with("VB") => {
                self.nested_from(h, &["prep", "dative"], "nested: in the phrase of")
            }
            _ => Vec::new(),
        }
    }

    /// The first actor breadth first under `arg`, through `first` at the
    /// first level and [`NESTED_RELS`] below.
    fn nested_from(&self, arg: usize, first: &[&str], how: &str) -> Vec<Actor> {
        self.nested_except(arg, first, &[], how)
    }

    /// [`Self::nested_from`], skipping the prepositions `skip` at the first
    /// level.
    fn nested_except(&self, arg: usize, first: &[&str], skip: &[&str], how: &str) -> Vec<Actor> {
        let toks = &self.doc.tokens;
        let mut level = vec![arg];
        for depth in 0..4 {
            let rels = if depth == 0 { first } else { NESTED_RELS };
            let mut next = Vec::new();
            for &x in &level {
                for &c in &self.children[x] {
                    let rel = toks[c].rel;
                    if !rels.contains(&rel) || self.barred[c] {
                        continue;
                    }
                    if rel == "prep"
                        && (!NESTED_PREPS.contains(&self.lower(c).as_str())
                            || depth == 0 && skip.contains(&self.lower(c).as_str()))
                    {
                        continue;
                    }
                    if self.is_time(c) {
                        continue;
                    }
                    next.push(c);
                }
            }
            next.sort_unstable();
            for &c in &next {
                if let Some(a) = self.actor_at(c) {
                    let found = self.actors(c);
                    let found = if found.is_empty() { vec![a] } else { found };
                    return found
                        .into_iter()
                        .map(|a| Actor {
                            how: format!("{how} «{}»", self.word(arg)),
                            ..a
                        })
                        .collect();
                }
            }
            level = next;
        }
        Vec::new()
    }

    /// Every actor named in `arg`'s subtree, once each, in surface order
    /// (`shallow`): for a list the parse nests ("Macron and Chinese
    /// vice-premier Ding Xuexiang" headed by "Xuexiang").
    pub(crate) fn phrase_actors(&self, arg: usize) -> Vec<Actor> {
        let mut stack = vec![arg];
        let mut toks = Vec::new();
        while let Some(t) = stack.pop() {
            toks.push(t);
            stack.extend(
                self.children[t]
                    .iter()
                    .copied()
                    .filter(|&c| !self.barred[c]),
            );
        }
        toks.sort_unstable();
        let mut seen = Vec::new();
        let mut out: Vec<Actor> = Vec::new();
        for t in toks {
            let Some(m) = self.mention_of[t] else {
                continue;
            };
            if seen.contains(&m) {
                continue;
            }
            seen.push(m);
            if let Some(a) = self.actor_at(t) {
                out.push(Actor {
                    how: format!("shallow: named in «{}»", self.word(arg)),
                    ..a
                });
            }
        }
        out
    }

    /// The subject of the light verb an eventive noun is the object of
    /// ("Ankara launched an investigation into ...").
    pub(crate) fn light_verb_subject(&self, n: usize, fs: &[Frame]) -> Vec<Actor> {
        let toks = &self.doc.tokens;
        if toks[n].rel != "dobj" {
            return Vec::new();
        }
        let Some(h) = toks[n].head else {
            return Vec::new();
        };
        let lemma = toks[h].lemma.as_str();
        let cut_short = format!("{lemma}e");
        if !LIGHT_VERBS.contains(&lemma) && !LIGHT_VERBS.contains(&cut_short.as_str()) {
            return Vec::new();
        }
        let Some(f) = fs.binary_search_by_key(&h, |f| f.verb).ok().map(|i| &fs[i]) else {
            return Vec::new();
        };
        let found = match f.subject {
            Some(s) if !f.passive => self.actors(s),
            Some(_) => Vec::new(),
            None => self.shallow_source(h, fs),
        };
        found
            .into_iter()
            .map(|a| Actor {
                how: if a.how.starts_with("shallow") {
                    a.how.clone()
                } else {
                    format!("the subject of «{}»", self.word(h))
                },
                ..a
            })
            .collect()
    }

    /// A source for a verb with no subject: the subject of the clause it
    /// hangs on, else the nearest actor before it in its sentence.
    pub(crate) fn shallow_source(&self, v: usize, fs: &[Frame]) -> Vec<Actor> {
        let toks = &self.doc.tokens;
        let frame = |v: usize| fs.binary_search_by_key(&v, |f| f.verb).ok().map(|i| &fs[i]);
        // "migrant families held in custody": a participle's noun is
        // what is done to, not the doer.
        if toks[v].tag == "VBN" && matches!(toks[v].rel, "acl" | "relcl" | "amod") {
            return Vec::new();
        }
        // "to disperse the crowd and beating demonstrators": a verb the
        // parse conjoins to another verb's object noun is that verb's
        // conjunct, done by its doer.
        if let Some(h) = toks[v].head.filter(|&h| {
            toks[v].rel == "conj" && toks[h].tag.starts_with("NN") && toks[h].rel == "dobj"
        }) {
            if let Some(g) = toks[h].head.filter(|&g| toks[g].tag.starts_with("VB")) {
                let own = frame(g)
                    .filter(|f| !f.passive)
                    .and_then(|f| f.subject)
                    .map(|s| self.actors(s))
                    .unwrap_or_default();
                let found = if own.is_empty() {
                    self.shallow_source(g, fs)
                } else {
                    own
                };
                return found
                    .into_iter()
                    .map(|a| Actor {
                        how: format!("shallow: the doer of «{}»", self.word(g)),
                        ..a
                    })
                    .collect();
            }
        }
        let mut cur = v;
        for _ in 0..6 {
            let rel = toks[cur].rel;
            let Some(h) = toks[cur].head else { break };
            let via_noun = rel == "acl" && toks[h].tag.starts_with("NN");
            // "is willing to provide": through the adjective to its copula.
            if !matches!(
                rel,
                "advcl" | "xcomp" | "conj" | "acl" | "pcomp" | "prep" | "acomp"
            ) {
                break;
            }
            // A trailing participle may hang on the wrong verb ("accused X
            // of shelling Y, damaging Z"): whose it is stays unknown.
            if rel == "advcl"
                && h < cur
                && (h + 1..cur).any(|k| toks[k].tag.starts_with("VB") && toks[k].rel != "aux")
            {
                return Vec::new();
            }
            // "issued a report accusing X": the verb the noun is object of.
            let h = if via_noun {
                match toks[h].head {
                    Some(g) if toks[g].tag.starts_with("VB") => g,
                    _ => break,
                }
            } else {
                h
            };
            // "forced Israel to withdraw": the object controls the
            // infinitive when it is an actor ("sent inspectors to
            // investigate": the sender).
            let Some(f) = frame(h) else {
                cur = h;
                continue;
            };
            // "protesters who blocked a road and fought soldiers": the second
            // verb may be the main clause's; whose it is stays unknown.
            if rel == "conj"
                && f.subject
                    .is_some_and(|s| matches!(toks[s].tag, "WDT" | "WP"))
            {
                return Vec::new();
            }
            let mut controllers = Vec::new();
            if rel == "xcomp" && !via_noun {
                controllers.extend(f.object);
            }
            controllers.extend(f.subject);
            for s in &controllers {
                let found = self.actors(*s);
                if !found.is_empty() {
                    return found
                        .into_iter()
                        .map(|a| Actor {
                            how: format!("shallow: the subject of «{}»", self.word(h)),
                            ..a
                        })
                        .collect();
                }
            }
            // "to disperse crowds and beating students": a conjunct's
            // subject no actor stands for may be one the parse passed down
            // wrongly; the doer is then the first conjunct's.
            if rel == "conj" {
                cur = h;
                continue;
            }
            if !controllers.is_empty() {
                // The clause has its own, unrecognised, subject.
                return Vec::new();
            }
            cur = h;
        }
        let s = self.doc.sentences[self.sentence_of(v)];
        let mut found = None;
        for k in (s.first_token..v).rev() {
            if let Some(m) = self.mention_of[k] {
                // Only a subject ("X, meanwhile, condemned"), not an actor
                // in another phrase ("asked about X, called Y ...").
                let head = self.mention_head(m);
                if matches!(toks[head].rel, "nsubj" | "nsubjpass" | "ROOT" | "appos") {
                    found = self.actor_at(k);
                }
                break;
            }
            // Not across another clause that has its own subject.
            if frame(k).is_some_and(|f| f.subject.is_some()) {
                break;
            }
        }
        found
            .map(|a| Actor {
                how: "shallow: the nearest actor before the verb".into(),
                ..a
            })
            .into_iter()
            .collect()
    }

    /// A target for a verb with no object: the first actor in the verb's
    /// own phrase (its prepositions, objects and their modifiers), where a
    /// broken parse may have hung it.
    pub(crate) fn shallow_target(&self, v: usize) -> Vec<Actor> {
        // What a verb is about is its topic, not its target: "asked about
        // the Muslim Brotherhood" asks nothing of it.
        self.nested_except(
            v,
            &[
                "prep", "dobj", "dative", "attr", "oprd", "npadvmod", "advmod",
            ],
            TOPIC_PREPS,
            "shallow: in the phrase of",
        )
    }
}
