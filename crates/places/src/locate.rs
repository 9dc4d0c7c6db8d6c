//! Event locations: the place a sentence attaches to each coded event.

use std::collections::HashMap;

use dyad_document::{Document, PlaceFeature, Span};

use crate::gazetteer::{normalise, Gazetteer, NameKind};

/// Prepositions that say where something happened.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "inside",
    "across",
    "around",
    "throughout",
    "within",
    "into",
    "on",
    "over",
    "along",
    "towards",
    "toward",
    "to",
    "through",
    "off",
    "beyond",
];

/// Prepositions that set a scene ("in Lyon", "across France"), for the
/// article's setting: not those of movement ("to", "into", "from").
const SETTING: &[&str] = &[
    "in",
    "at",
    "across",
    "throughout",
    "within",
    "inside",
    "around",
    "near",
];

/// CAMEO roots of things said (statements, appeals, intents, consultation,
/// approval, demands, disapproval, rejection, threats): places in their
/// object are their topic.
const VERBAL_ROOTS: &[&str] = &["01", "02", "03", "04", "05", "10", "11", "12", "13"];

/// Is a token a locative preposition?
fn is_locative_prep(doc: &Document, t: usize) -> bool {
    let tok = &doc.tokens[t];
    tok.rel == "prep" && LOCATIVE.contains(&doc.slice(tok.span).to_lowercase().as_str())
}

/// How specific a feature is: a city says more than its country.
fn specificity(f: PlaceFeature) -> u8 {
    match f {
        PlaceFeature::City => 4,
        PlaceFeature::Admin2 => 3,
        PlaceFeature::Admin1 => 2,
        PlaceFeature::Region => 1,
        PlaceFeature::Country => 0,
    }
}

/// Sets each event's `place` to the most specific place its sentence
/// attaches to it: a place in the event verb's phrase ("took the city of
/// Aleppo", "talks in the Kazakh capital Astana"), else one a locative
/// preposition attaches to a word governing the verb ("In Idlib, rebels
/// said they attacked ..."). Places standing for governments, country
/// adjectives ("Israeli strikes") and the actors' own mentions are not
/// locations. A country or region must be the object of a locative
/// preposition ("fighting in Syria"): elsewhere a country name is mostly an
/// actor ("pressure by Russia").
///
/// When the sentence attaches no place to the event, the story's own
/// setting is where it happened, as a coder reading the whole article
/// records it: the dateline's place ("LYON, France (AP) —"), else the
/// article's scene, the place it most often puts things in ("in Lyon",
/// "across France"; not "to" or "from", which say where things go), when
/// it does so at least twice and more often than any other place. Else
/// none. A place elsewhere in the sentence is not taken: "X accused Y of
/// seizing land in Z" happened where X spoke, not in Z.
pub fn locate_events(doc: &mut Document) {
    let g = Gazetteer::embedded();
    let mentions = dyad_document::SpanIndex::new(doc.mentions.iter().map(|m| m.span));
    let mut key = String::new();
    // Places that may be locations, with their head token.
    let mut usable: Vec<(usize, usize)> = Vec::new();
    for (pi, p) in doc.places.iter().enumerate() {
        // A government's seat, or an organisation's home ("Ohio
        // Department of Health"), is not where the event happened.
        if p.metonym || p.in_name {
            continue;
        }
        normalise(doc.slice(p.span), &mut key);
        let senses = g.senses(&key);
        if !senses.is_empty() && senses.iter().all(|s| s.kind == NameKind::Adjective) {
            continue;
        }
        // The last token of a name is its head ("New York", "Gaza Strip").
        let Some(t) = token_at(doc, p.span.end) else {
            continue;
        };
        usable.push((pi, t));
    }
    let setting = Setting::new(doc, &usable);
    let g = &g;
    // By head token, so that each event looks only at its sentence's places.
    usable.sort_by_key(|&(pi, t)| (t, pi));
    let mut places = Vec::with_capacity(doc.events.len());
    for ev in &doc.events {
        let Some(sent) = doc.sentences.get(ev.sentence) else {
            places.push(setting.of(doc, g, ev));
            continue;
        };
        let actors: Vec<Span> = [ev.source_mention, ev.target_mention]
            .into_iter()
            .flatten()
            .filter_map(|m| doc.mentions.get(m).map(|m| m.span))
            .collect();
        let Some(verb) = event_head(doc, ev.span, sent.first_token, sent.last_token) else {
            places.push(setting.of(doc, g, ev));
            continue;
        };
        let ancestors = path_up(doc, verb, sent.first_token, sent.last_token);
        let verbal = VERBAL_ROOTS.contains(&ev.root.as_str());
        let mut best: Option<((u8, u8, usize, usize), usize)> = None;
        let lo = usable.partition_point(|&(_, t)| t < sent.first_token);
        let hi = usable.partition_point(|&(_, t)| t < sent.last_token);
        for &(pi, t) in &usable[lo..hi.max(lo)] {
            let p = &doc.places[pi];
            if actors
                .iter()
                .any(|a| a.start < p.span.end && p.span.start < a.end)
            {
                continue;
            }
            let locative = locative_object(doc, t);
            let is_actor = mentions
                .overlapping(p.span)
                .any(|i| doc.mentions[i].kind != dyad_document::MentionKind::Pronoun);
            let broad = matches!(p.feature, PlaceFeature::Country | PlaceFeature::Region);
            if !locative && (broad || is_actor) {
                continue;
            }
            let up = path_up(doc, t, sent.first_token, sent.last_token);
            // In the verb's own phrase?
            let attach = if let Some(d) = up.iter().position(|&x| x == verb) {
                // A statement's place is where it was made ("said in
                // Hanoi"), not a place in what it is about ("opposed
                // claims in the South China Sea").
                (!verbal || d >= 2 && is_locative_prep(doc, up[d - 1])).then_some((2u8, d))
            } else {
                // Attached by a locative preposition to a word above the verb.
                up.windows(2).enumerate().find_map(|(d, w)| {
                    let prep = &doc.tokens[w[1]];
                    let word = doc.slice(prep.span).to_lowercase();
                    (prep.rel == "prep"
                        && LOCATIVE.contains(&word.as_str())
                        && prep.head.is_some_and(|h| ancestors.contains(&h)))
                    .then_some((1u8, d + 1))
                })
            };
            let Some((how, depth)) = attach else { continue };
            let dist = t.abs_diff(verb);
            let rank = (
                how,
                specificity(p.feature),
                usize::MAX - depth,
                usize::MAX - dist,
            );
            if best.is_none_or(|(b, _)| rank > b) {
                best = Some((rank, pi));
            }
        }
        places.push(best.map(|(_, pi)| pi).or_else(|| setting.of(doc, g, ev)));
    }
    for (ev, p) in doc.events.iter_mut().zip(places) {
        ev.place = p;
    }
}

/// Where the story as a whole is set, for events whose sentence attaches
/// them to no place.
struct Setting {
    /// The first dateline's place.
    dateline: Option<usize>,
    /// The place the article most often puts things in.
    scene: Option<usize>,
    /// Each country's first mention as a country (by ISO alpha-2 code).
    countries: HashMap<String, usize>,
}

impl Setting {
    fn new(doc: &Document, usable: &[(usize, usize)]) -> Setting {
        let locative: Vec<usize> = usable
            .iter()
            .filter(|&&(_, t)| locative_prep(doc, t).is_some_and(|p| SETTING.contains(&p.as_str())))
            .map(|&(pi, _)| pi)
            .collect();
        // A dateline names where the story was filed, even when the name is
        // a capital otherwise read as its government.
        let dateline = dyad_document::dateline::datelines(doc)
            .first()
            .and_then(|&(a, b)| {
                let (start, end) = (doc.tokens[a].span.start, doc.tokens[b - 1].span.end);
                doc.places
                    .iter()
                    .position(|p| p.span.start >= start && p.span.end <= end && !p.in_name)
            });
        // Count by place (name and country), first named first among equals.
        let mut counts: Vec<(usize, usize)> = Vec::new();
        let mut seen: HashMap<(&str, Option<&str>), usize> = HashMap::new();
        for &pi in &locative {
            let p = &doc.places[pi];
            match seen.entry((p.name.as_str(), p.country.as_deref())) {
                std::collections::hash_map::Entry::Occupied(e) => counts[*e.get()].1 += 1,
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(counts.len());
                    counts.push((pi, 1));
                }
            }
        }
        let mut countries = HashMap::new();
        for (pi, p) in doc.places.iter().enumerate() {
            if p.feature == PlaceFeature::Country && !p.in_name {
                if let Some(c) = &p.country {
                    countries.entry(c.clone()).or_insert(pi);
                }
            }
        }
        let top = counts.iter().map(|c| c.1).max().unwrap_or(0);
        let scene = (top >= 1 && counts.iter().filter(|c| c.1 == top).count() == 1)
            .then(|| counts.iter().find(|c| c.1 == top).map(|c| c.0))
            .flatten();
        Setting {
            dateline,
            scene,
            countries,
        }
    }

    /// An event's place from the setting: the dateline's, else the scene's;
    /// but an event within one country (both actors' codes begin with its
    /// ISO alpha-3 code: police and protesters, a court and a minister)
    /// happened in that country, so a setting abroad gives way to the
    /// article's mention of that country.
    fn of(&self, doc: &Document, g: &Gazetteer, ev: &dyad_document::Event) -> Option<usize> {
        let setting = self.dateline.or(self.scene);
        let Some(iso2) = domestic_country(g, ev) else {
            return setting;
        };
        if setting.is_some_and(|p| doc.places[p].country.as_deref() == Some(iso2)) {
            return setting;
        }
        self.countries.get(iso2).copied().or(setting)
    }
}

/// The ISO alpha-2 code of the one country both of an event's actors
/// belong to (their codes begin with its alpha-3 code), if any.
fn domestic_country<'g>(g: &'g Gazetteer, ev: &dyad_document::Event) -> Option<&'g str> {
    let (s, t) = (ev.source.as_deref()?, ev.target.as_deref()?);
    let (a, b) = (s.get(..3)?, t.get(..3)?);
    if a != b {
        return None;
    }
    let e = g.entry(g.country_by_iso3(a)?);
    (!e.country.is_empty()).then_some(e.country)
}

/// Is the phrase a token heads the object of a locative preposition ("in
/// the Kazakh capital Astana", "in Russia, Iran and Turkey")?
fn locative_object(doc: &Document, t: usize) -> bool {
    locative_prep(doc, t).is_some_and(|p| LOCATIVE.contains(&p.as_str()))
}

/// The preposition (lower-cased) whose object is the phrase a token heads.
fn locative_prep(doc: &Document, mut t: usize) -> Option<String> {
    for _ in 0..8 {
        let tok = &doc.tokens[t];
        let h = tok.head?;
        match tok.rel {
            "compound" | "appos" | "conj" | "amod" | "nmod" => t = h,
            "pobj" => return Some(doc.slice(doc.tokens[h].span).to_lowercase()),
            _ => return None,
        }
    }
    None
}

/// The token that ends at (or covers) byte `end`.
fn token_at(doc: &Document, end: usize) -> Option<usize> {
    let i = doc.tokens.partition_point(|t| t.span.end < end);
    (i < doc.tokens.len() && doc.tokens[i].span.start < end).then_some(i)
}

/// The head token of an event's phrase: its token whose head lies outside
/// it (the verb of "reached out to").
fn event_head(doc: &Document, span: Span, first: usize, last: usize) -> Option<usize> {
    let inside: Vec<usize> = (first..last)
        .filter(|&i| {
            let t = &doc.tokens[i].span;
            t.start < span.end && span.start < t.end
        })
        .collect();
    let within = |h: usize| inside.contains(&h);
    inside
        .iter()
        .copied()
        .find(|&i| doc.tokens[i].head.is_none_or(|h| !within(h)))
        .or_else(|| inside.first().copied())
}

/// A token and its heads up to the sentence root (bounded: a malformed
/// parse must not loop).
fn path_up(doc: &Document, mut t: usize, first: usize, last: usize) -> Vec<usize> {
    let mut out = vec![t];
    while let Some(h) = doc.tokens[t].head {
        if h < first || h >= last || out.contains(&h) || out.len() > 64 {
            break;
        }
        out.push(h);
        t = h;
    }
    out
}
