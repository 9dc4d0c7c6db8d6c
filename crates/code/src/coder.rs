//! The coding pass: each verb frame, then each eventive noun, tried
//! against its candidate patterns; the first that yields a source and a
//! target actor emits one event per pair.

use std::collections::{HashMap, HashSet};

use dyad_document::{Document, Event};
use dyad_tag::frames::{frames, Frame};

use crate::actors::{implicit_target, is_bare_role, show_actors, Actor};
use crate::args::inherit_subjects;
use crate::context::Cx;
use crate::implied::{drop_extended, protest_target};
use crate::modality::{intent_code, refusal_code};
use crate::patterns::{Compiled, Item};
use crate::place_target::{place_of, PLACE_ROLE};
use crate::Coder;

impl Coder {
    /// Code the events of one tagged, parsed and recognised document.
    pub fn code(&self, doc: &mut Document) {
        doc.events = self.run(doc, None).0;
        crate::place_target::materialise(doc);
    }

    /// Code a document; with `trace`, also say what was tried in that
    /// sentence.
    pub(crate) fn run(&self, doc: &Document, trace: Option<usize>) -> (Vec<Event>, Vec<String>) {
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
        let mut used_nouns: HashSet<usize> = HashSet::new();
        // The events coded so far, by sentence.
        let mut by_sentence: HashMap<usize, Vec<usize>> = HashMap::new();
        for f in &fs {
            let mut cands = self.candidates(&self.verbs, &cx, f.verb);
            if cands.is_empty() {
                continue;
            }
            let blocked = cx.blocked(f.verb, &fs);
            if let Some(b) = blocked.filter(|b| !b.intent && !b.refusal) {
                cx.note(f.verb, || {
                    format!(
                        "verb «{}»: {} candidate pattern(s), none tried: {}",
                        cx.word(f.verb),
                        cands.len(),
                        b.why
                    )
                });
                continue;
            }
            if let Some(b) = blocked {
                cx.note(f.verb, || format!("verb «{}»: {}", cx.word(f.verb), b.why));
            }
            let before = out.len();
            // The parse's own arguments first; when no pattern finds its
            // actors there, the fallbacks (nested and shallow actors).
            let matched = self
                .code_verb(&cx, f, &mut cands, &fs, false, &mut out)
                .or_else(|| self.code_verb(&cx, f, &mut cands, &fs, true, &mut out));
            used_nouns.extend(matched.unwrap_or_default());
            if let Some(b) = blocked {
                self.recode_blocked(&mut out, before, &by_sentence, b.refusal);
            }
            for (k, e) in out.iter().enumerate().skip(before) {
                by_sentence.entry(e.sentence).or_default().push(k);
            }
        }
        for n in 0..doc.tokens.len() {
            if !doc.tokens[n].tag.starts_with("NN") || used_nouns.contains(&n) {
                continue;
            }
            let mut cands = self.candidates(&self.nouns, &cx, n);
            if cands.is_empty() {
                continue;
            }
            // A noun inherits its clause's negation, conditions and intent.
            // A noun that dates its clause took place whatever the clause.
            let blocked = cx
                .governing_verb(n)
                .filter(|_| !cx.time_anchor(n))
                .and_then(|v| Some((v, cx.blocked(v, &fs)?)));
            if let Some((v, b)) = blocked.filter(|(_, b)| !b.intent && !b.refusal) {
                cx.note(n, || {
                    format!(
                        "noun «{}»: {} candidate pattern(s), none tried: its clause («{}») is {}",
                        cx.word(n),
                        cands.len(),
                        cx.word(v),
                        b.why
                    )
                });
                continue;
            }
            let before = out.len();
            if !self.code_noun(&cx, n, &mut cands, &fs, false, &mut out) {
                self.code_noun(&cx, n, &mut cands, &fs, true, &mut out);
            }
            if let Some((_, b)) = blocked {
                self.recode_blocked(&mut out, before, &by_sentence, b.refusal);
            }
            for (k, e) in out.iter().enumerate().skip(before) {
                by_sentence.entry(e.sentence).or_default().push(k);
            }
        }
        self.code_speech_demands(&cx, &mut out);
        self.code_speech_acts(&cx, &mut out);
        out.sort_by_key(|e| (e.span.start, e.span.end));
        let mut seen = HashSet::new();
        out.retain(|e| {
            seen.insert((
                e.sentence,
                e.source.clone(),
                e.target.clone(),
                e.code.clone(),
            ))
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

    pub(crate) fn candidates<'a>(
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
        // A lemma cut short by the lemmatiser ("provoking" -> "provok",
        // "filed" -> "fil").
        if out.is_empty() && cx.doc.tokens[t].tag.starts_with("VB") {
            if let Some(v) = index.get(format!("{lemma}e").as_str()) {
                out.extend(v.iter().copied());
            }
        }
        // Most specific first, file order among equals.
        out.sort_by_key(|&k| (std::cmp::Reverse(self.patterns[k].specificity), k));
        out
    }

    /// Code one verb frame; the tokens its pattern matched, if it coded.
    pub(crate) fn code_verb(
        &self,
        cx: &Cx,
        f: &Frame,
        cands: &mut Vec<usize>,
        fs: &[Frame],
        fallback: bool,
        out: &mut Vec<Event>,
    ) -> Option<Vec<usize>> {
        let v = f.verb;
        cx.note(v, || {
            format!(
                "{}verb «{}» ({}){}: subject {}, object {}; {} candidate pattern(s)",
                if fallback { "fallback: " } else { "" },
                cx.word(v),
                cx.doc.tokens[v].lemma,
                if f.passive { ", passive" } else { "" },
                cx.opt_word(f.subject),
                cx.opt_word(f.object),
                cands.len()
            )
        });
        let phrase = cx.phrase(v);
        // The fallback pass retries only the patterns whose words matched.
        let list = std::mem::take(cands);
        for &k in &list {
            let p = &self.patterns[k];
            let m = match cx.match_items(p, v, &phrase, Some(f)) {
                Ok(m) => m,
                Err(why) => {
                    cx.note(v, || format!("  rejected  {}: {why}", p.provenance));
                    continue;
                }
            };
            if let Some(prt) = f.particle.filter(|&p| !cx.quantity_particle(p)) {
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
            if p.code == dyad_dict::NO_EVENT {
                // A more specific reading that is no event: the less
                // specific patterns of this verb are not tried.
                cx.note(v, || format!("  blocked   {}: no event", p.provenance));
                break;
            }
            if self.glosses_statement(cx, v, &p.code) {
                cx.note(v, || {
                    format!(
                        "  rejected  {}: a participle glossing the statement before it",
                        p.provenance
                    )
                });
                continue;
            }
            cands.push(k);
            let Some(cameo) = self.codes.get(&p.code) else {
                continue;
            };
            let quad = cameo.quad_class as u8;
            let mut sources = m.source.map(|s| cx.actors(s)).unwrap_or_default();
            let source_slot = p.items.contains(&Item::Source);
            // No subject, or one the parse lent from another clause
            // ("sent inspectors to investigate": "inspectors").
            let lent = m
                .source
                .is_some_and(|s| cx.doc.tokens[s].head != Some(v) && f.subject == Some(s));
            if fallback
                && sources.is_empty()
                && source_slot
                && (m.source.is_none() || lent)
                && !f.passive
            {
                sources = cx.shallow_source(v, fs);
            }
            if fallback && sources.is_empty() && source_slot && !f.passive {
                if let Some(s) = m.source {
                    sources = cx.doer_of_subject(s);
                }
            }
            // "He was arrested": a passive with no agent, whose doer is by
            // law one institution, found once the target is known.
            let implicit = (sources.is_empty()
                && f.passive
                && m.source.is_none()
                && source_slot
                && f.subject.is_some())
            .then(|| self.implicit_agents.get(cx.doc.tokens[v].lemma.as_str()))
            .flatten();
            if sources.is_empty() && implicit.is_none() {
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
            // "A and B attacked each other('s plans)": each the other.
            if targets.is_empty() && sources.len() > 1 && m.target.is_some_and(|t| cx.each_other(t))
            {
                targets = sources.clone();
            }
            if fallback && targets.is_empty() && target_slot {
                targets = match m.target {
                    Some(t) if crate::gloss::addressee_slot(cx, &p.code, t) => Vec::new(),
                    Some(t) => cx.nested_actors(t),
                    None if f.object.is_none() && f.dative.is_none() => cx.shallow_target(v),
                    None => Vec::new(),
                };
            }
            if targets.is_empty() && (m.target.is_none() || fallback) {
                // Only what two parties do together is mutual: consult
                // (04), cooperate (05, 06), break relations (16). An appeal
                // or a proposal by "A and B" is not to each other.
                // A commitment by "A and B" ("agreed to hold exercises")
                // is to each other too.
                let reciprocal = matches!(&p.code[..2], "03" | "04" | "05" | "06" | "16");
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
                if targets.is_empty() && p.code.starts_with("14") && !aimed {
                    targets = sources.iter().filter_map(protest_target).collect();
                }
            }
            // "called for a ceasefire in X" matching "call ceasefire in +":
            // a pattern word inside a "for" phrase is sought, not done.
            let toks = &cx.doc.tokens;
            let sought = cx.children[v].iter().any(|&c| {
                toks[c].rel == "prep"
                    && cx.lower(c) == "for"
                    && cx
                        .child(c, &["pobj"])
                        .is_some_and(|o| m.matched.contains(&o))
            });
            if targets.is_empty() && target_slot && !sought && self.place_targets.applies(&p.code) {
                // "took the city of X", "shelled X": the country the place
                // lies in.
                let pt = &self.place_targets;
                let found = m.target.and_then(|t| {
                    cx.place_target(t, pt).or_else(|| {
                        pt.thing_in(&p.code)
                            .then(|| cx.thing_place_target(v, t, pt))
                            .flatten()
                    })
                });
                if let Some(a) = found {
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
            if let (Some(agent), false) = (implicit, targets.is_empty()) {
                sources = cx.implicit_agents(v, agent, &targets);
                if sources.is_empty() {
                    cx.note(v, || {
                        format!(
                            "  rejected  {}: no agent, and no told passive with a place or a target's country to give one",
                            p.provenance
                        )
                    });
                    continue;
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
                return Some(m.matched);
            }
            cx.note(v, || {
                format!(
                    "  rejected  {}: source and target are the same actor",
                    p.provenance
                )
            });
        }
        None
    }

    pub(crate) fn code_noun(
        &self,
        cx: &Cx,
        n: usize,
        cands: &mut Vec<usize>,
        fs: &[Frame],
        fallback: bool,
        out: &mut Vec<Event>,
    ) -> bool {
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
                "{}noun «{}» ({}){}: {} candidate pattern(s)",
                if fallback { "fallback: " } else { "" },
                cx.word(n),
                toks[n].lemma,
                match acted_on {
                    Some(t) => format!(", by-agent of a passive whose subject is «{}»", cx.word(t)),
                    None => String::new(),
                },
                cands.len()
            )
        });
        let list = std::mem::take(cands);
        for &k in &list {
            let p = &self.patterns[k];
            let m = match cx.match_items(p, n, &phrase, None) {
                Ok(m) => m,
                Err(why) => {
                    cx.note(n, || format!("  rejected  {}: {why}", p.provenance));
                    continue;
                }
            };
            cands.push(k);
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
            } else if (cameo.quad_class as u8) <= 2 {
                // "talks between A and B" parsed as one phrase headed by
                // B: every actor the phrase names, in surface order.
                if fallback && targets.len() == 1 {
                    if let Some(t) = m.target {
                        targets = cx.phrase_actors(t);
                    }
                }
                // "talks between A, B and C": each with each.
                drop_extended(&mut targets);
                if targets.len() > 1 {
                    sources = targets.clone();
                }
            }
            if fallback && source_slot && sources.is_empty() {
                sources = cx.light_verb_subject(n, fs);
            }
            if fallback && target_slot && targets.is_empty() {
                if let Some(t) = m.target {
                    targets = cx.nested_actors(t);
                }
            }
            if target_slot && targets.is_empty() && self.place_targets.applies(&p.code) {
                // "air strikes on X", "a curfew in X": the place's country.
                targets.extend(
                    m.target
                        .and_then(|t| cx.place_target(t, &self.place_targets)),
                );
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
                return true;
            }
            cx.note(n, || {
                format!(
                    "  rejected  {}: source and target are the same actor",
                    p.provenance
                )
            });
        }
        false
    }

    /// Recode the events from `out[from..]` as the intent or the refusal
    /// to do them ([`intent_code`], [`refusal_code`]); drop those neither
    /// covers, or that the governing verb's own pattern coded already
    /// ("plans to meet", "refused to meet X"): an event of the same
    /// sentence and actors among `stated` (the earlier events by sentence,
    /// so that the check reads one sentence's events, not the document's).
    pub(crate) fn recode_blocked(
        &self,
        out: &mut Vec<Event>,
        from: usize,
        stated: &HashMap<usize, Vec<usize>>,
        refusal: bool,
    ) {
        type Recode = fn(&str) -> Option<&'static str>;
        let (recode, how, roots): (Recode, &str, &[&str]) = if refusal {
            (refusal_code, "refusal", &["12"])
        } else {
            (intent_code, "intent", &["03", "13"])
        };
        let mut k = from;
        while k < out.len() {
            let e = &out[k];
            let code = recode(&e.code).and_then(|c| Some((c, self.codes.get(c)?)));
            let said = stated.get(&e.sentence).is_some_and(|earlier| {
                earlier.iter().map(|&i| &out[i]).any(|o| {
                    o.source == e.source && o.target == e.target && roots.contains(&o.root.as_str())
                })
            });
            match code {
                Some((c, cameo)) if !said => {
                    let e = &mut out[k];
                    e.pattern = format!("{} (as {how}: {c})", e.pattern);
                    e.code = c.to_string();
                    e.root = c[..2].to_string();
                    e.quad_class = cameo.quad_class as u8;
                    e.goldstein = cameo.goldstein;
                    k += 1;
                }
                _ => {
                    out.remove(k);
                }
            }
        }
    }

    /// Events for every source-target pair with different codes; how many.
    pub(crate) fn emit(
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
                if (s.code == t.code && (p.code.starts_with("01") || !cx.different_people(s, t)))
                    || (s.mention.is_some() && s.mention == t.mention)
                {
                    continue;
                }
                // "told reporters", "said in an email to the AP": speaking
                // to the press is how news is sourced, not an event; nor is
                // speaking to, or of, a group named only by what its members
                // are ("told the teachers", "speaking of children").
                if p.code.starts_with("01") && (t.code.ends_with("MED") || is_bare_role(&t.code)) {
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
                    how: how_found(s, t),
                    place: place_of(t),
                    ..Default::default()
                });
            }
        }
        n
    }
}

/// `shallow` or `nested` when a fallback found either actor.
fn how_found(s: &Actor, t: &Actor) -> Option<String> {
    let how = |a: &Actor| a.how.split(':').next().unwrap_or("").to_string();
    let (hs, ht) = (how(s), how(t));
    if t.how.starts_with("place #") {
        Some(PLACE_ROLE.into())
    } else if hs == "shallow" || ht == "shallow" {
        Some("shallow".into())
    } else if hs == "nested" || ht == "nested" {
        Some("nested".into())
    } else {
        None
    }
}
