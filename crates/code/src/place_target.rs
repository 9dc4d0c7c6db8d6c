//! A place as an event's target: "shelled <town>", "visited <city>",
//! "attacked a base in <province>". Actors are mentions, so such a target
//! codes nothing by itself; CAMEO (and PETRARCH's country dictionaries,
//! which list cities and regions) code it as the country it lies in.
//!
//! Only for codes listed in `dictionaries/events/place_targets.txt` (verbs
//! whose object is naturally a place) and only in the pattern's target
//! slot: a place in a locative phrase ("met in X") is not a target. After
//! coding, each such target gets a mention of its own (see [`materialise`])
//! so that events keep their `target_text` and mention link.

use std::collections::HashMap;

use dyad_document::{Document, Mention, MentionKind};

use crate::actors::Actor;
use crate::context::Cx;

/// Prepositions that place a facility: "a base in X", "a camp near X".
/// A place word modifying it counts too ("the Kabul airport").
const FACILITY_PREPS: &[&str] = &["in", "near", "outside", "of"];

/// `role` of a mention made from a place.
pub(crate) const PLACE_ROLE: &str = "place";

/// Which codes take a place as target, and each country's actor code.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlaceTargets {
    /// CAMEO codes or prefixes, and whether a thing's place may hang on
    /// the verb (`thing-in`).
    codes: Vec<(String, bool)>,
    /// ISO 3166-1 alpha-2 -> the country's actor code.
    countries: HashMap<String, String>,
}

impl PlaceTargets {
    /// `codes`: the place-targets list; `countries`: dyad's country
    /// dictionary (`country CODE Name` blocks with an `iso2:` line).
    pub(crate) fn parse(codes: &str, countries: &str) -> PlaceTargets {
        let codes = codes
            .lines()
            .filter_map(|l| {
                let mut w = l.split('#').next()?.split_whitespace();
                let code = w.next()?.to_string();
                Some((code, w.any(|x| x == "thing-in")))
            })
            .collect();
        let mut map = HashMap::new();
        let mut current: Option<String> = None;
        for line in countries.lines() {
            let l = line.trim();
            if let Some(rest) = l.strip_prefix("country ") {
                current = rest.split_whitespace().next().map(str::to_string);
            } else if let (Some(iso2), Some(code)) = (l.strip_prefix("iso2:"), &current) {
                // The current state comes first; a former state's withdrawn
                // code never collides with a living one's.
                map.entry(iso2.trim().to_string())
                    .or_insert_with(|| code.clone());
            }
        }
        PlaceTargets {
            codes,
            countries: map,
        }
    }

    /// Whether a pattern of this code may take a place as its target.
    pub(crate) fn applies(&self, code: &str) -> bool {
        self.codes.iter().any(|(c, _)| code.starts_with(c.as_str()))
    }

    /// Whether a thing's place may hang on the verb for this code.
    pub(crate) fn thing_in(&self, code: &str) -> bool {
        self.codes
            .iter()
            .any(|(c, t)| *t && code.starts_with(c.as_str()))
    }
}

impl Cx<'_> {
    /// The country of the place the target word `t` is, or of the place a
    /// facility word is in ("a base in X"); a place inside an organisation's
    /// name or spanning countries gives none.
    pub(crate) fn place_target(&self, t: usize, pt: &PlaceTargets) -> Option<Actor> {
        let toks = &self.doc.tokens;
        let mut cands = vec![t];
        if self.place_at(t).is_none() {
            // Two steps down the modifiers ("the Kabul airport", "Aleppo's
            // old city", "a camp in X", "a post in the X region village").
            let mut frontier = vec![t];
            for _ in 0..2 {
                let mut next = Vec::new();
                for &h in &frontier {
                    for &c in &self.children[h] {
                        match toks[c].rel {
                            "compound" | "nmod" | "poss" => next.push(c),
                            "prep" if FACILITY_PREPS.contains(&self.lower(c).as_str()) => {
                                next.extend(self.child(c, &["pobj"]));
                            }
                            _ => {}
                        }
                    }
                }
                cands.extend(&next);
                frontier = next;
            }
        }
        cands.into_iter().find_map(|c| {
            let pi = self.place_at(c)?;
            let p = &self.doc.places[pi];
            let code = pt.countries.get(p.country.as_deref()?)?;
            Some(Actor {
                mention: None,
                code: code.clone(),
                how: format!("place #{pi}: the country {} lies in", p.name),
            })
        })
    }

    /// "stormed a camp in X" with "in X" hung on the verb `v`: the place
    /// of the phrase, when the object `t` is a thing (a common noun no
    /// actor covers).
    pub(crate) fn thing_place_target(
        &self,
        v: usize,
        t: usize,
        pt: &PlaceTargets,
    ) -> Option<Actor> {
        let toks = &self.doc.tokens;
        if toks[t].head != Some(v) || toks[t].rel != "dobj" || !toks[t].tag.starts_with("NN") {
            return None;
        }
        self.children[v]
            .iter()
            .filter(|&&c| {
                toks[c].rel == "prep" && matches!(self.lower(c).as_str(), "in" | "near" | "outside")
            })
            .filter_map(|&c| self.child(c, &["pobj"]))
            .find_map(|o| self.place_target(o, pt))
    }

    /// The place (not one named inside an organisation's name) that holds
    /// token `t`.
    fn place_at(&self, t: usize) -> Option<usize> {
        let span = self.doc.tokens[t].span;
        let mut holding: Vec<usize> = self.place_spans.overlapping(span).collect();
        holding.sort_unstable();
        holding.into_iter().find(|&i| {
            let p = &self.doc.places[i];
            p.span.contains(span) && !p.in_name
        })
    }
}

/// The place index an actor found by [`Cx::place_target`] carries.
pub(crate) fn place_of(a: &Actor) -> Option<usize> {
    a.how
        .strip_prefix("place #")?
        .split(':')
        .next()?
        .parse()
        .ok()
}

/// Give each event whose target is a place (its `place` set by the coder
/// and no target mention) a mention of that place, coded as its country:
/// kind `Country`, role `place`, entity the gazetteer's name. One mention
/// per place, inserted in text order (the order `Document::mentions`
/// keeps), every index into the mentions renumbered.
pub(crate) fn materialise(doc: &mut Document) {
    // Place index -> its code, for the places some event targets.
    let mut wanted: Vec<(usize, Option<String>)> = Vec::new();
    for ev in &doc.events {
        if ev.target_mention.is_some() || ev.how.as_deref() != Some(PLACE_ROLE) {
            continue;
        }
        if let Some(pi) = ev.place {
            if !wanted.iter().any(|(p, _)| *p == pi) {
                wanted.push((pi, ev.target.clone()));
            }
        }
    }
    if wanted.is_empty() {
        return;
    }
    wanted.sort_by_key(|(pi, _)| doc.places[*pi].span.start);
    // Merge: old mention i goes to new[i]; each place to its own slot.
    let old = std::mem::take(&mut doc.mentions);
    let mut renumber = vec![0usize; old.len()];
    let mut slot_of_place: HashMap<usize, usize> = HashMap::new();
    let mut merged: Vec<Mention> = Vec::with_capacity(old.len() + wanted.len());
    let mut places = wanted.into_iter().peekable();
    for (i, m) in old.into_iter().enumerate() {
        while let Some((pi, code)) =
            places.next_if(|(pi, _)| doc.places[*pi].span.start < m.span.start)
        {
            slot_of_place.insert(pi, merged.len());
            merged.push(place_mention(doc, pi, code));
        }
        renumber[i] = merged.len();
        merged.push(m);
    }
    for (pi, code) in places {
        slot_of_place.insert(pi, merged.len());
        merged.push(place_mention(doc, pi, code));
    }
    let re = |x: &mut Option<usize>| {
        if let Some(i) = x {
            *i = renumber[*i];
        }
    };
    for m in &mut merged {
        re(&mut m.refers_to);
    }
    doc.mentions = merged;
    for q in &mut doc.quotes {
        if let Some(sp) = &mut q.speaker {
            re(&mut sp.mention);
            re(&mut sp.antecedent);
        }
    }
    for e in &mut doc.events {
        re(&mut e.source_mention);
        re(&mut e.target_mention);
        if e.target_mention.is_none() && e.how.as_deref() == Some(PLACE_ROLE) {
            e.target_mention = e.place.and_then(|pi| slot_of_place.get(&pi).copied());
        }
    }
}

fn place_mention(doc: &Document, pi: usize, code: Option<String>) -> Mention {
    let p = &doc.places[pi];
    Mention {
        span: p.span,
        kind: MentionKind::Country,
        code,
        entity: Some(p.name.clone()),
        role: Some(PLACE_ROLE.into()),
        source: Some(format!("place: {}", p.name)),
        ..Default::default()
    }
}
