//! Event locations: the place a sentence attaches to each coded event.

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
/// said they attacked ..."); else none. Places standing for governments,
/// country adjectives ("Israeli strikes") and the actors' own mentions are
/// not locations. A country or region must be the object of a locative
/// preposition ("fighting in Syria"): elsewhere a country name is mostly an
/// actor ("pressure by Russia").
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
    // By head token, so that each event looks only at its sentence's places.
    usable.sort_by_key(|&(pi, t)| (t, pi));
    let mut places = Vec::with_capacity(doc.events.len());
    for ev in &doc.events {
        let Some(sent) = doc.sentences.get(ev.sentence) else {
            places.push(None);
            continue;
        };
        let actors: Vec<Span> = [ev.source_mention, ev.target_mention]
            .into_iter()
            .flatten()
            .filter_map(|m| doc.mentions.get(m).map(|m| m.span))
            .collect();
        let Some(verb) = event_head(doc, ev.span, sent.first_token, sent.last_token) else {
            places.push(None);
            continue;
        };
        let ancestors = path_up(doc, verb, sent.first_token, sent.last_token);
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
                Some((2u8, d))
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
        places.push(best.map(|(_, pi)| pi));
    }
    for (ev, p) in doc.events.iter_mut().zip(places) {
        ev.place = p;
    }
}

/// Is the phrase a token heads the object of a locative preposition ("in
/// the Kazakh capital Astana", "in Russia, Iran and Turkey")?
fn locative_object(doc: &Document, mut t: usize) -> bool {
    for _ in 0..8 {
        let tok = &doc.tokens[t];
        let Some(h) = tok.head else { return false };
        match tok.rel {
            "compound" | "appos" | "conj" | "amod" | "nmod" => t = h,
            "pobj" => {
                let prep = doc.slice(doc.tokens[h].span).to_lowercase();
                return LOCATIVE.contains(&prep.as_str());
            }
            _ => return false,
        }
    }
    false
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
