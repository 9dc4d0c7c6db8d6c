//! The country of an anonymous source when its own phrase names none: the
//! person it belongs to ("Odhiambo's lawyer" takes Odhiambo's country),
//! else the country last named before it, in its sentence or the two
//! before ("... part of the Interior Ministry. A spokesperson said ...").
//! Countries named as places ("flew to Qatar", "a request from the US")
//! are passed over, and so are the actors inside what sources say (whom
//! they speak of, not whom they speak for; but a "local" source is of the
//! place its words are about). A country the recogniser
//! only guessed (the document's focus, or a private person's "nearest
//! evidence") gives way to the owner's, else to the affiliation of a person
//! or role named before (a country's bare name is as often what the story
//! is about).

use dyad_document::{MentionKind, Quote, Span, SpanIndex};

use crate::speaker::Cx;

/// Sentences before the source's own that may name its country.
const REACH: usize = 2;

/// Gives anonymous sources a country prefix where the text says it.
pub(crate) fn localise(cx: &Cx, quotes: &mut [Quote]) {
    let doc = cx.doc;
    // Country codes as this document writes them: countries' own, and the
    // prefix of a country and a sector ("KENGOV").
    let mut countries: Vec<&str> = doc
        .mentions
        .iter()
        .filter_map(|m| {
            let c = m.code.as_deref()?;
            let country = matches!(m.kind, MentionKind::Country | MentionKind::Capital);
            let p = c.get(..3)?;
            // International and transnational prefixes name no country.
            let global = matches!(p, "IGO" | "NGO" | "MNC" | "UAF" | "INT");
            (country || (c.len() == 6 && !global)).then_some(p)
        })
        .collect();
    countries.sort_unstable();
    countries.dedup();
    if countries.is_empty() {
        return;
    }
    let has_country = |c: &str| c.get(..3).is_some_and(|p| countries.contains(&p));
    let guessed = |m: usize| {
        doc.mentions[m]
            .source
            .as_deref()
            .is_some_and(|s| s.contains("(guess)") || s.contains("nearest evidence"))
    };
    let spans: Vec<Span> = quotes.iter().map(|q| q.span).collect();
    let said = SpanIndex::new(spans.iter().copied());
    for q in quotes.iter_mut() {
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        if !sp.anonymous {
            continue;
        }
        // "Some said": the group named before, its people civilians when
        // named by nationality ("150 Indians").
        if QUANTIFIERS.contains(&sp.name.to_lowercase().as_str()) {
            if let Some(c) = group_before(cx, sp.span.start, &spans).filter(|c| has_country(c)) {
                sp.code = Some(c);
                continue;
            }
        }
        let code = sp.code.clone().unwrap_or_default();
        let missing = !has_country(&code);
        let sector = if missing {
            code.clone()
        } else {
            code.get(3..).unwrap_or_default().to_string()
        };
        // The owner's country, unless the phrase names one itself
        // ("Odhiambo's Belgian lawyer").
        let span = sp.span;
        let content = q.span;
        let local = doc
            .slice(span)
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("local"));
        let own = cx.mentions_near(span).into_iter().any(|i| {
            let m = &doc.mentions[i];
            matches!(m.kind, MentionKind::Country | MentionKind::Capital) && span.contains(m.span)
        });
        let owner = owner_country(cx, span.start).filter(|c| has_country(c) && !own);
        let was_guess = !missing && sp.mention.is_some_and(guessed);
        if owner.is_none() && !missing && !was_guess {
            continue;
        }
        let country = owner.or_else(|| {
            if !missing && !was_guess {
                return None;
            }
            let here = cx.sentence_at(sp.span.start);
            let from = doc.sentences[here.saturating_sub(REACH)].span.start;
            cx.mentions_near(Span::new(from, sp.span.start))
                .into_iter()
                .map(|i| (i, &doc.mentions[i]))
                .filter(|(_, m)| m.span.start >= from && m.span.end <= sp.span.start)
                .filter(|(_, m)| m.kind != MentionKind::Outlet && !place_of(cx, m))
                // What sources say names whom they speak of, not whom they
                // speak for.
                // (A "local" source is of the place its words are about.)
                .filter(|(_, m)| {
                    !said
                        .overlapping(m.span)
                        .any(|k| spans[k].contains(m.span) && (spans[k] != content || !local))
                })
                .filter(|&(i, _)| !guessed(i))
                // Against a guess, only someone's affiliation counts: a
                // country's bare name is as often what the story is about,
                // and so is a person's bare nationality (a code with no
                // sector).
                .filter(|(_, m)| {
                    missing
                        || (matches!(
                            m.kind,
                            MentionKind::Person | MentionKind::Pronoun | MentionKind::Agent
                        ) && m.code.as_deref().is_some_and(|c| c.len() > 3))
                })
                .filter_map(|(_, m)| m.code.as_deref())
                .rfind(|c| has_country(c))
                .map(|c| c[..3].to_string())
        });
        if let Some(c) = country {
            sp.code = Some(format!("{}{}", c, sector));
        }
    }
}

/// Words that stand for part of a group as a whole subject ("Some said").
const QUANTIFIERS: &[&str] = &["some", "many", "several", "most", "others", "few", "all"];

/// The code of the last group named before byte `at` (its sentence or the
/// [`REACH`] before, outside what anyone says): a plural role ("the
/// miners", with its code) or a nationality in the plural ("Indians", its
/// civilians).
fn group_before(cx: &Cx, at: usize, said: &[Span]) -> Option<String> {
    let doc = cx.doc;
    let here = cx.sentence_at(at);
    let from = doc.sentences[here.saturating_sub(REACH)].span.start;
    cx.mentions_near(Span::new(from, at))
        .into_iter()
        .rev()
        .map(|i| &doc.mentions[i])
        .filter(|m| m.span.start >= from && m.span.end <= at)
        .filter(|m| !said.iter().any(|q| q.contains(m.span)))
        .find_map(|m| {
            let last = cx.tokens_in(m.span).last()?;
            if !matches!(doc.tokens[last].tag, "NNS" | "NNPS") {
                return None;
            }
            let code = m.code.as_deref()?;
            match m.kind {
                MentionKind::Country if code.len() == 3 => Some(format!("{code}CVL")),
                MentionKind::Agent => Some(code.to_string()),
                _ => None,
            }
        })
}

/// "Morrison's lawyer": the country of the person owning the phrase that
/// starts at byte `at`.
fn owner_country(cx: &Cx, at: usize) -> Option<String> {
    let doc = cx.doc;
    let (i, m) = cx
        .mentions_near(Span::new(at, at + 1))
        .into_iter()
        .map(|i| (i, &doc.mentions[i]))
        .find(|(_, m)| {
            m.span.start == at && matches!(m.kind, MentionKind::Person | MentionKind::Pronoun)
        })?;
    if !doc.text[m.span.end..].starts_with(['\'', '’']) && m.kind == MentionKind::Person {
        return None;
    }
    let r = doc.antecedent(i);
    let code = doc.mentions[r].code.as_deref().or(m.code.as_deref())?;
    Some(code.get(..3)?.to_string())
}

/// A mention standing as a place: after a preposition, or for a country
/// or capital after a comma ("in Doha, Qatar"; not "next month, officials
/// said").
fn place_of(cx: &Cx, m: &dyad_document::Mention) -> bool {
    let doc = cx.doc;
    let t = doc.tokens.partition_point(|x| x.span.end <= m.span.start);
    let comma = t > 0 && cx.word(t - 1) == ",";
    place(cx, m.span.start)
        && (!comma || matches!(m.kind, MentionKind::Country | MentionKind::Capital))
}

/// A country named as a place ("sent them to Qatar", "in Doha, Qatar"),
/// not as an actor.
pub(crate) fn place(cx: &Cx, at: usize) -> bool {
    let doc = cx.doc;
    let mut t = doc.tokens.partition_point(|x| x.span.end <= at);
    // (past a determiner: "a request from the US")
    if t > 0 && matches!(doc.tokens[t - 1].tag, "DT") {
        t -= 1;
    }
    t > 0
        && matches!(
            cx.lower(t - 1).as_str(),
            "in" | "to" | "from" | "at" | "into" | "across" | "near" | "via" | ","
        )
}
