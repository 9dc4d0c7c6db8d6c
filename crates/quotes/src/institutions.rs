//! Institutions as speakers: a short reference to one named in full
//! before ("the attorney's office" after "the U.S. Attorney's Office for
//! ..."), and "it"/"they" as the subject of a speech verb ("it said", "it
//! pointed out that", "they said" for a group); and "both men" as the pair
//! named together before.

use dyad_document::{MentionKind, Quote, Span, Speaker};

use crate::speaker::{institution_name, is_institution, Cx};

/// Speakers before a short reference may stand this far back (quotes).
const INSTITUTION_REACH: usize = 30;

/// "the attorney's office said": the institution named in full by an
/// earlier speaker whose name holds every word of the reference ("the U.S.
/// Attorney's Office for the Western District" before "the U.S.
/// attorney's office", "the Federal Aviation Agency" before "the agency").
pub(crate) fn short_references(quotes: &mut [Quote]) {
    let key = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    for i in 0..quotes.len() {
        let Some(sp) = &quotes[i].speaker else {
            continue;
        };
        if sp.anonymous
            || sp.count.is_some()
            || matches!(sp.kind, Some(MentionKind::Person | MentionKind::Pronoun))
        {
            continue;
        }
        let ws = key(&sp.name);
        if ws.len() < 2 || ws[0] != "the" {
            continue;
        }
        let words = &ws[1..];
        let full = quotes[i.saturating_sub(INSTITUTION_REACH)..i]
            .iter()
            .rev()
            .filter_map(|q| q.speaker.as_ref())
            .find(|p| {
                let pw = key(&p.name);
                !p.anonymous
                    && p.kind == Some(MentionKind::Org)
                    && pw.len() > words.len()
                    && pw.first().is_some_and(|w| w != "the")
                    && words.iter().all(|w| pw.contains(w))
            })
            .cloned();
        if let (Some(full), Some(sp)) = (full, quotes[i].speaker.as_mut()) {
            sp.name = full.name;
            sp.code = sp.code.take().or(full.code);
            sp.antecedent = sp.antecedent.or(full.mention);
        }
    }
}

/// Sentences back within which "it" may name an institution.
const IT_REACH: usize = 2;

/// "It said ...": the institution quoted just before (its speaker, within
/// [`IT_REACH`] sentences), else the last organisation or country that was
/// a clause's subject there (not one named as a place). Reported speech
/// whose "it" names none of them is dropped (a direct quote keeps its
/// words, with no speaker).
pub(crate) fn it_speakers(cx: &Cx, quotes: &mut Vec<Quote>) {
    let doc = cx.doc;
    // Organisations, countries and institutions named by their kind ("the
    // Chilean navy"), not people or unnamed sources.
    let head_is_institution = |name: &str| {
        name.rsplit(' ')
            .next()
            .is_some_and(|w| is_institution(&w.to_lowercase()))
    };
    let institution = |sp: &Speaker| {
        !sp.anonymous
            && match sp.kind {
                Some(MentionKind::Org | MentionKind::Country | MentionKind::Capital) => true,
                Some(MentionKind::Agent) => head_is_institution(&sp.name),
                _ => false,
            }
    };
    // Groups: unnamed sources in the plural ("the rebels", "union
    // leaders").
    let plural_word = |w: &str| w.len() > 3 && w.ends_with('s') && !w.ends_with("ss");
    let group = |sp: &Speaker| {
        sp.anonymous
            && sp.kind == Some(MentionKind::Agent)
            && sp.count.is_none_or(|c| c > 1)
            && sp.name.rsplit(' ').next().is_some_and(plural_word)
    };
    let pronoun =
        |sp: &Speaker| sp.name.eq_ignore_ascii_case("it") || sp.name.eq_ignore_ascii_case("they");
    let mut drop = vec![false; quotes.len()];
    for i in 0..quotes.len() {
        let Some(sp) = &quotes[i].speaker else {
            continue;
        };
        if !pronoun(sp) || (sp.antecedent.is_some() || sp.mention.is_some()) {
            continue;
        }
        let they = sp.name.eq_ignore_ascii_case("they");
        let fits = |p: &Speaker| {
            if they {
                group(p) || institution(p)
            } else {
                institution(p)
            }
        };
        let span = sp.span;
        let here = cx.sentence_at(span.start);
        let within = |at: usize| cx.sentence_at(at) + IT_REACH >= here;
        // The speaker quoted just before, when an institution (or a group
        // for "they").
        let prev = quotes[..i]
            .iter()
            .rev()
            .filter_map(|q| q.speaker.as_ref())
            .find(|p| !pronoun(p) && p.span.end <= span.start)
            .filter(|p| within(p.span.start) && fits(p))
            .cloned();
        let found = prev.or_else(|| {
            let from = doc.sentences[here.saturating_sub(IT_REACH)].span.start;
            cx.mentions_near(Span::new(from, span.start))
                .into_iter()
                .rev()
                .find(|&m| {
                    let mm = &doc.mentions[m];
                    let toks = cx.tokens_in(mm.span);
                    mm.span.start >= from
                        && mm.span.end <= span.start
                        && match mm.kind {
                            MentionKind::Org | MentionKind::Country | MentionKind::Capital => true,
                            MentionKind::Agent if they => toks
                                .clone()
                                .last()
                                .is_some_and(|t| matches!(doc.tokens[t].tag, "NNS" | "NNPS")),
                            MentionKind::Agent => {
                                !mm.anonymous && head_is_institution(doc.slice(mm.span))
                            }
                            _ => false,
                        }
                        && !crate::country::place(cx, mm.span.start)
                        && toks
                            .clone()
                            .any(|t| matches!(doc.tokens[t].rel, "nsubj" | "nsubjpass"))
                })
                .map(|m| {
                    let mm = &doc.mentions[m];
                    let agent = mm.kind == MentionKind::Agent;
                    Speaker {
                        name: if agent && mm.entity.is_none() {
                            with_determiner(cx, mm.span)
                        } else {
                            institution_name(mm.kind, doc.slice(mm.span), mm.entity.as_deref())
                        },
                        span: mm.span,
                        mention: Some(m),
                        kind: Some(mm.kind),
                        anonymous: agent && mm.anonymous,
                        code: mm.code.clone(),
                        role: mm.role.clone(),
                        count: mm.count,
                        ..Default::default()
                    }
                })
        });
        match found {
            Some(p) => {
                let it = quotes[i].speaker.as_mut().expect("checked above");
                it.antecedent = p.antecedent.or(p.mention);
                it.name = p.name;
                it.code = p.code;
                it.role = p.role;
                it.kind = p.kind;
                it.anonymous = p.anonymous;
                it.count = p.count;
            }
            // An unresolved "they" stays as written.
            None if they => {}
            None if quotes[i].kind == dyad_document::QuoteKind::Direct => {
                quotes[i].speaker = None;
                quotes[i].cue = None;
            }
            None => drop[i] = true,
        }
    }
    if !drop.iter().any(|&d| d) {
        return;
    }
    // Drop, keeping the nested quotes' links to their outer ones.
    let mut pos = vec![usize::MAX; quotes.len()];
    let mut n = 0;
    for (i, d) in drop.iter().enumerate() {
        if !d {
            pos[i] = n;
            n += 1;
        }
    }
    let mut k = 0;
    quotes.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    for q in quotes.iter_mut() {
        q.outer = q.outer.map(|o| pos[o]).filter(|&p| p != usize::MAX);
    }
}

/// Sentences back within which "both men" may name a pair.
const PAIR_REACH: usize = 3;

/// "Both men said ...", "the two women": the two people last named
/// together ("Ana Ruiz and Lena Berg"), within [`PAIR_REACH`] sentences.
pub(crate) fn pairs(cx: &Cx, quotes: &mut [Quote]) {
    let doc = cx.doc;
    for q in quotes.iter_mut() {
        let Some(sp) = q.speaker.as_mut() else {
            continue;
        };
        let ws: Vec<String> = sp.name.split_whitespace().map(str::to_lowercase).collect();
        let ws: Vec<&str> = ws.iter().map(String::as_str).collect();
        let pair = match ws.as_slice() {
            ["both"] | ["the", "pair"] | ["the", "couple"] | ["the", "two"] => true,
            ["both", noun] | ["the", "two", noun] | ["both", "of", "the", noun] => {
                matches!(*noun, "men" | "women" | "brothers" | "sisters" | "leaders")
            }
            _ => false,
        };
        if !pair {
            continue;
        }
        let here = cx.sentence_at(sp.span.start);
        let from = doc.sentences[here.saturating_sub(PAIR_REACH)].span.start;
        let people: Vec<usize> = cx
            .mentions_near(Span::new(from, sp.span.start))
            .into_iter()
            .filter(|&m| {
                let mm = &doc.mentions[m];
                mm.kind == MentionKind::Person
                    && mm.span.start >= from
                    && mm.span.end <= sp.span.start
            })
            .collect();
        let found = people.windows(2).rev().find(|w| {
            let (a, b) = (&doc.mentions[w[0]], &doc.mentions[w[1]]);
            a.span.end <= b.span.start
                && doc.text[a.span.end..b.span.start].trim() == "and"
                && doc.antecedent(w[0]) != doc.antecedent(w[1])
        });
        let Some(w) = found else { continue };
        let name = |m: usize| {
            let r = &doc.mentions[doc.antecedent(m)];
            r.entity
                .clone()
                .unwrap_or_else(|| doc.slice(r.span).to_string())
        };
        let (a, b) = (&doc.mentions[w[0]], &doc.mentions[w[1]]);
        sp.name = format!("{} and {}", name(w[0]), name(w[1]));
        sp.anonymous = false;
        sp.code = a
            .code
            .clone()
            .filter(|c| b.code.as_deref() == Some(c.as_str()));
        sp.role = None;
        sp.count = Some(2);
        sp.kind = Some(MentionKind::Person);
    }
}

/// A mention's words with its head's modifiers and determiner before it
/// ("the rebels", "The Kenyan health ministry").
fn with_determiner(cx: &Cx, span: Span) -> String {
    let doc = cx.doc;
    let r = cx.tokens_in(span);
    let start = match r.clone().last() {
        Some(head) => {
            let t0 = cx.subtree(head).0.min(r.start);
            let t0 = (t0..r.start)
                .find(|&t| (t..r.start).all(|k| !cx.is_punct(k)))
                .unwrap_or(r.start);
            doc.tokens[t0].span.start
        }
        None => span.start,
    };
    doc.text[start..span.end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
