//! People the story names but whose role no dictionary, title or
//! apposition gave: once every reference is resolved, the text may still
//! say what they are in a copular clause ("Ruiz and Okafor were the guards
//! on duty") or an apposition whose role phrase the recogniser coded
//! ("Ana Ruiz, a local shopkeeper,"); a person of whom the text says
//! nothing more and names only in passing (at most twice) is a private
//! person, coded `CVL` (CAMEO civilians and individuals) with the country of
//! the nearest evidence: their sentence, then their paragraph, then the
//! document. Someone a story keeps naming without ever saying what they are
//! is someone its readers are taken to know (a public figure), for whom
//! `CVL` would be a wrong guess: they stay uncoded. Every mention of the
//! person (surnames, pronouns) takes the code.

use std::collections::{HashMap, HashSet};

use dyad_document::{Document, MentionKind, Span};

/// Honorifics that are no role ("Ms Ruiz").
const HONORIFICS: &[&str] = &[
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "sir", "dame",
];

/// A person named more often than this without a role is taken to be a
/// public figure the readers know, not a private person.
const IN_PASSING: usize = 2;

/// Bytes each side of a person that stand for "the document" when the
/// nearest evidence is sought: more than nearly any news story.
const STORY_REACH: usize = 25_000;

/// What was decided for one person: the code and where it came from.
struct Decided {
    code: String,
    source: String,
}

/// Codes the people of `doc` that no rule coded (see the module docs).
pub(crate) fn code_unroled(doc: &mut Document) {
    let n = doc.mentions.len();
    if n == 0 {
        return;
    }
    // Roots in one pass: a mention that refers back takes its antecedent's
    // root (following each chain to its end would be quadratic in a long one).
    let mut roots: Vec<usize> = Vec::with_capacity(n);
    for i in 0..n {
        let root = match doc.mentions[i].refers_to {
            Some(r) if r < i => roots[r],
            _ => doc.antecedent(i),
        };
        roots.push(root);
    }
    let countries = country_codes(doc);
    // Tokens of each mention, and the mention covering each token.
    let tok_range = |span: Span| {
        let a = doc.tokens.partition_point(|t| t.span.start < span.start);
        let b = doc.tokens.partition_point(|t| t.span.end <= span.end);
        a..b.max(a)
    };
    let mut cover: Vec<Option<usize>> = vec![None; doc.tokens.len()];
    for (i, m) in doc.mentions.iter().enumerate() {
        for t in tok_range(m.span) {
            if cover[t].is_none_or(|o| doc.mentions[o].span.len() < m.span.len()) {
                cover[t] = Some(i);
            }
        }
    }
    // Each person's mentions, grouped once (a scan per person would be
    // quadratic in a long story).
    let mut by_root: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, &r) in roots.iter().enumerate() {
        by_root.entry(r).or_default().push(i);
    }
    let mut decided: HashMap<usize, Decided> = HashMap::new();
    // Public figures with no role and no nationality next to their name.
    let mut public: Vec<usize> = Vec::new();
    for (r, &root) in roots.iter().enumerate() {
        if root != r || !unroled(doc, r) {
            continue;
        }
        let mine: &[usize] = by_root.get(&r).map_or(&[], Vec::as_slice);
        // Any mention of theirs already coded (a linked description) says
        // what they are.
        if mine.iter().any(|&i| doc.mentions[i].code.is_some()) {
            continue;
        }
        // A credit line names the journalists who wrote the story.
        if mine
            .iter()
            .any(|&i| credit_line(doc, tok_range(doc.mentions[i].span).start))
        {
            let t = tok_range(doc.mentions[r].span).start;
            if let Some(c) = nearest_country(doc, &countries, t) {
                decided.insert(
                    r,
                    Decided {
                        code: format!("{c}MED"),
                        source: "named in the story's credit line: journalist (MED)".into(),
                    },
                );
            }
            continue;
        }
        // "his predecessor, Name": the office the possessor holds, before.
        let before_them = mine.iter().find_map(|&i| {
            predecessor_of(doc, &cover, &countries, tok_range(doc.mentions[i].span))
        });
        if let Some((code, whose)) = before_them {
            decided.insert(
                r,
                Decided {
                    code,
                    source: format!("predecessor of {whose}: a former office holder (ELI)"),
                },
            );
            continue;
        }
        let said = mine.iter().find_map(|&i| {
            let toks = tok_range(doc.mentions[i].span);
            copula_role(doc, &cover, toks.clone())
                .or_else(|| member_of(doc, &cover, toks.clone()))
                .or_else(|| apposition_role(doc, &cover, toks))
        });
        let d = match said {
            Some(a) => Decided {
                code: doc.mentions[a].code.clone().unwrap_or_default(),
                source: format!("role: {}", doc.slice(doc.mentions[a].span)),
            },
            None => {
                let named = mine
                    .iter()
                    .filter(|&&i| doc.mentions[i].kind == MentionKind::Person)
                    .count();
                if named > IN_PASSING {
                    // A public figure with no role, whose nationality the
                    // story gives ("Canadian-born Name"): the country alone.
                    let own = mine.iter().find_map(|&i| {
                        nationality_before(doc, &cover, tok_range(doc.mentions[i].span).start)
                    });
                    if let Some(c) = own {
                        decided.insert(
                            r,
                            Decided {
                                code: c,
                                source: "no role in the text; nationality given before the name"
                                    .into(),
                            },
                        );
                    } else {
                        public.push(r);
                    }
                    continue;
                }
                let t = tok_range(doc.mentions[r].span).start;
                // Their own nationality word ("Canadian Name") first.
                let Some(c) = nationality_before(doc, &cover, t)
                    .or_else(|| nearest_country(doc, &countries, t))
                else {
                    continue;
                };
                Decided {
                    code: format!("{c}CVL"),
                    source: "no role in the text: private person (CVL); country: nearest evidence"
                        .into(),
                }
            }
        };
        decided.insert(r, d);
    }
    // "the Kenyan national": when the story has one such figure, the
    // nationality it gives without a name is theirs.
    if let ([r], Some(c)) = (public.as_slice(), national_of(doc, &cover)) {
        decided.insert(
            *r,
            Decided {
                code: c,
                source:
                    "no role in the text; the story's one unnamed nationality (\"the X national\")"
                        .into(),
            },
        );
    }
    for (i, (m, &root)) in doc.mentions.iter_mut().zip(&roots).enumerate() {
        let Some(d) = decided.get(&root) else {
            continue;
        };
        if m.code.is_none() {
            m.code = Some(d.code.clone());
            if i == root {
                m.source = Some(d.source.clone());
            }
        }
    }
}

/// Words that open a credit line ("Contributing: Ana Ruiz", "Additional
/// reporting by Ana Ruiz"); news style puts them at a story's end.
const CREDITS: &[&str] = &[
    "contributing",
    "contributors",
    "reporting by",
    "additional reporting by",
    "writing by",
    "editing by",
    "reported by",
    "compiled by",
];

/// Whether token `t` is in a credit line: a short paragraph that opens
/// with one of [`CREDITS`] ("Contributing: A, B and C").
fn credit_line(doc: &Document, t: usize) -> bool {
    let Some(p) = doc.paragraph_at(doc.tokens[t].span.start) else {
        return false;
    };
    if p.end - p.start >= 200 {
        return false;
    }
    let line = doc.text[p.start..p.end].trim_start().to_lowercase();
    CREDITS.iter().any(|c| {
        line.strip_prefix(c)
            .is_some_and(|rest| rest.starts_with([':', ' ']))
    })
}

/// A person named in full whom nothing coded and nothing gave a role.
fn unroled(doc: &Document, r: usize) -> bool {
    let m = &doc.mentions[r];
    m.kind == MentionKind::Person
        && m.code.is_none()
        && m.source.is_none()
        && m.role
            .as_deref()
            .is_none_or(|x| HONORIFICS.contains(&x.trim().to_lowercase().as_str()))
        && m.entity
            .as_deref()
            .is_some_and(|e| e.split_whitespace().count() >= 2)
}

/// Codes that start with three letters standing for no country.
const NOT_COUNTRIES: &[&str] = &["IGO", "NGO", "NGM", "IMG", "MNC", "UIS"];

/// Role codes that follow a country's code (`CHLCOP`).
const ROLES: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "SEP", "UAF", "SPY", "ELI",
    "CVL", "BUS", "MED", "EDU", "HLH", "REL", "LAB", "AGR", "CRM", "REF", "HRI", "NGO", "ENV",
    "IGO",
];

/// The ISO3 codes of the countries the document's codes name: countries
/// themselves, and the prefixes of codes that go on with a role.
fn country_codes(doc: &Document) -> HashSet<String> {
    doc.mentions
        .iter()
        .filter_map(|m| {
            let c = m.code.as_deref()?;
            let p = c.get(..3)?;
            let ok = p.chars().all(|x| x.is_ascii_uppercase())
                && !NOT_COUNTRIES.contains(&p)
                && (m.kind == MentionKind::Country && c.len() == 3
                    || c.get(3..6).is_some_and(|r| ROLES.contains(&r)));
            ok.then(|| p.to_string())
        })
        .collect()
}

/// An agent mention with a code that is the subject complement of the
/// person: "Ruiz was the guard on duty", "Ruiz and Okafor were guards".
fn copula_role(
    doc: &Document,
    cover: &[Option<usize>],
    toks: std::ops::Range<usize>,
) -> Option<usize> {
    let t = &doc.tokens;
    let be = toks.clone().find_map(|k| {
        let mut k = k;
        // "Ruiz and Okafor were": the second of a coordination.
        if t[k].rel == "conj" {
            k = t[k].head?;
        }
        (t[k].rel == "nsubj")
            .then_some(t[k].head)
            .flatten()
            .filter(|&h| t[h].lemma == "be")
    })?;
    (be + 1..t.len().min(be + 8)).find_map(|k| {
        if t[k].head != Some(be) || t[k].rel != "attr" {
            return None;
        }
        let m = cover[k]?;
        let mm = &doc.mentions[m];
        (mm.kind == MentionKind::Agent && mm.code.is_some()).then_some(m)
    })
}

/// A group that includes the person: "the freed prisoners included Ana
/// Ruiz" (the person, or one of a coordination, is the object of
/// "include" whose subject is a coded group).
fn member_of(
    doc: &Document,
    cover: &[Option<usize>],
    toks: std::ops::Range<usize>,
) -> Option<usize> {
    let t = &doc.tokens;
    let verb = toks.clone().find_map(|k| {
        let mut k = k;
        if t[k].rel == "conj" {
            k = t[k].head?;
        }
        (t[k].rel == "dobj")
            .then_some(t[k].head)
            .flatten()
            .filter(|&h| t[h].lemma == "include")
    })?;
    (verb.saturating_sub(12)..verb).find_map(|k| {
        if t[k].head != Some(verb) || t[k].rel != "nsubj" {
            return None;
        }
        let m = cover[k]?;
        let mm = &doc.mentions[m];
        (matches!(mm.kind, MentionKind::Agent | MentionKind::Org) && mm.code.is_some()).then_some(m)
    })
}

/// An agent mention with a code set off by a comma right after the
/// person: "Ana Ruiz, a local shopkeeper,".
fn apposition_role(
    doc: &Document,
    cover: &[Option<usize>],
    toks: std::ops::Range<usize>,
) -> Option<usize> {
    let t = &doc.tokens;
    let mut k = toks.end;
    if k >= t.len() || doc.slice(t[k].span) != "," {
        return None;
    }
    k += 1;
    for _ in 0..4 {
        if k >= t.len() {
            return None;
        }
        if let Some(m) = cover[k] {
            let mm = &doc.mentions[m];
            return (mm.kind == MentionKind::Agent
                && mm.code.is_some()
                && !mm.source.as_deref().is_some_and(|s| s.contains("(guess)")))
            .then_some(m);
        }
        if !matches!(t[k].tag, "DT" | "JJ" | "JJS" | "RB" | "NN" | "CD") {
            return None;
        }
        k += 1;
    }
    None
}

/// Nouns for whoever held someone's office before them.
const PREDECESSORS: &[&str] = &["predecessor", "forerunner"];

/// "his predecessor, Name" or "Name, her predecessor,": the person held
/// the possessor's office before them, so is one of that country's former
/// office holders (`ELI`). Returns the code and the possessor's words.
fn predecessor_of(
    doc: &Document,
    cover: &[Option<usize>],
    countries: &HashSet<String>,
    toks: std::ops::Range<usize>,
) -> Option<(String, String)> {
    let t = &doc.tokens;
    // The noun in apposition with the name, either way round.
    let noun = toks.clone().find_map(|k| {
        let h = t[k].head?;
        if t[k].rel == "appos" && !toks.contains(&h) {
            return Some(h);
        }
        (k + 1..t.len().min(toks.end + 6)).find(|&j| t[j].rel == "appos" && t[j].head == Some(k))
    })?;
    if !PREDECESSORS.contains(&t[noun].lemma.to_lowercase().as_str()) {
        return None;
    }
    let poss =
        (noun.saturating_sub(4)..noun).find(|&j| t[j].head == Some(noun) && t[j].rel == "poss")?;
    let m = cover[poss]?;
    let root = &doc.mentions[doc.antecedent(m)];
    let c = root.code.as_deref()?.get(..3)?;
    countries
        .contains(c)
        .then(|| (format!("{c}ELI"), doc.slice(root.span).to_string()))
}

/// The country of a nationality word right before token `t` ("Canadian
/// Name").
fn nationality_before(doc: &Document, cover: &[Option<usize>], t: usize) -> Option<String> {
    let p = t.checked_sub(1)?;
    let m = match cover[p] {
        Some(m) => &doc.mentions[m],
        // "Kenyan-born Name": the country word inside the word before.
        None => {
            let tok = doc.tokens[p].span;
            let k = doc.mentions.partition_point(|m| m.span.start < tok.start);
            doc.mentions
                .get(k)
                .filter(|m| m.span.start == tok.start && m.span.end <= tok.end)?
        }
    };
    (m.kind == MentionKind::Country)
        .then_some(m.code.as_deref())
        .flatten()
        .filter(|c| c.len() == 3)
        .map(str::to_string)
}

/// Nouns that say only someone's nationality ("the Kenyan national").
const NATIONALS: &[&str] = &["national", "citizen"];

/// The country of the first "the DEMONYM national/citizen" in the story.
fn national_of(doc: &Document, cover: &[Option<usize>]) -> Option<String> {
    let toks = &doc.tokens;
    (1..toks.len().saturating_sub(1)).find_map(|t| {
        let m = &doc.mentions[cover[t]?];
        let noun = doc.slice(toks[t + 1].span).to_lowercase();
        let the = doc.slice(toks[t - 1].span).eq_ignore_ascii_case("the");
        (m.kind == MentionKind::Country && the && NATIONALS.contains(&noun.as_str()))
            .then(|| m.code.clone())
            .flatten()
            .filter(|c| c.len() == 3)
    })
}

/// The country most evidence around token `t` points to: its sentence,
/// then its paragraph, then the document.
fn nearest_country(doc: &Document, countries: &HashSet<String>, t: usize) -> Option<String> {
    let at = doc.tokens[t].span.start;
    let si = doc.sentences.partition_point(|s| s.last_token <= t);
    let sent = doc
        .sentences
        .get(si)
        .filter(|s| s.first_token <= t)
        .map(|s| {
            let a = doc.tokens[s.first_token].span.start;
            let b = doc.tokens[s.last_token.max(s.first_token + 1) - 1].span.end;
            (a, b)
        });
    let para = doc.paragraph_at(at).map(|p| (p.start, p.end));
    // "The document" is the text within reach of an article around `at`:
    // on a page far longer than any story, counting every mention for
    // each person would take time in the square of the page.
    let story = (
        at.saturating_sub(STORY_REACH),
        (at + STORY_REACH).min(doc.text.len()),
    );
    [sent, para]
        .into_iter()
        .flatten()
        .find_map(|(a, b)| majority(doc, countries, a, b, false))
        .or_else(|| majority(doc, countries, story.0, story.1, true))
}

/// The country most coded mentions in bytes `[a, b)` stand for; actors
/// (people, bodies, governments) count twice a country named. Countries
/// acted on or gone to count only when nothing else does and `objects` is
/// set (the whole document, the last resort).
fn majority(
    doc: &Document,
    countries: &HashSet<String>,
    a: usize,
    b: usize,
    objects: bool,
) -> Option<String> {
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut object_counts: HashMap<&str, usize> = HashMap::new();
    // Mentions are in text order: only those from `a` on are read.
    let lo = doc.mentions.partition_point(|m| m.span.start < a);
    for m in &doc.mentions[lo..] {
        if m.span.start >= b {
            break;
        }
        if m.span.end > b {
            continue;
        }
        let Some(code) = m.code.as_deref() else {
            continue;
        };
        if m.source.as_deref().is_some_and(|s| s.contains("(guess)"))
            || matches!(m.kind, MentionKind::Pronoun | MentionKind::Outlet)
        {
            continue;
        }
        let Some(c) = code.get(..3).filter(|c| countries.contains(*c)) else {
            continue;
        };
        // A country acted on or gone to ("to enter the US") is no evidence
        // of where a person is from, as in the recogniser's own count.
        if m.kind == MentionKind::Country {
            let last = doc.tokens.partition_point(|t| t.span.end < m.span.end);
            if doc
                .tokens
                .get(last)
                .is_some_and(|t| matches!(t.rel, "pobj" | "dobj" | "dative" | "attr"))
            {
                *object_counts.entry(c).or_default() += 1;
                continue;
            }
        }
        *counts.entry(c).or_default() += if m.kind == MentionKind::Country { 1 } else { 2 };
    }
    if counts.is_empty() && objects {
        counts = object_counts;
    }
    let best = counts.values().copied().max()?;
    let mut top: Vec<&str> = counts
        .iter()
        .filter(|(_, &n)| n == best)
        .map(|(c, _)| *c)
        .collect();
    // A tie says nothing.
    (top.len() == 1).then(|| top.pop().unwrap_or_default().to_string())
}
