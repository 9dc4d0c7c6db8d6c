//! Coreference: one stage that says, for every way a story refers to an
//! actor, which actor it is. Runs after `dyad_recognise::recognise` and
//! before `dyad_quotes::attribute`; the quotes and the event coder read its
//! result.
//!
//! Public API:
//!
//! * [`resolve`]`(doc: &mut Document)`: with dyad's own word lists, loaded
//!   once;
//! * [`Coref::default_english`], [`Coref::from_texts`] (a first-name list and
//!   a description list, as in `data/`), [`Coref::resolve`];
//! * [`first_person`]`(doc)`: "I", "me", "my" inside an attributed direct
//!   quote are its speaker (run once quotes are attributed);
//! * [`Gender`] and [`Coref::gender_of_first_name`].
//!
//! What it writes: every reference is a [`Mention`] whose `refers_to` points
//! at the mention naming the actor in full, so
//! [`Document::antecedent`](dyad_document::Document::antecedent) and
//! [`Document::resolve`](dyad_document::Document::resolve) give the actor
//! of any span:
//!
//! * **names** in no dictionary (a known first name or a title before
//!   capitalised words: "Ms Ilse Marchetti") become `person` mentions, and
//!   their bare surnames later link back to them, as does a family name of
//!   two words ("Hawk Sawyer" after "Kathleen Hawk Sawyer");
//! * **descriptions** ("the minister", "Norway's deputy finance minister",
//!   "the shop owner") link to the person given that role in the story
//!   (their title or apposition), the most specific and most recently
//!   mentioned first; a description right before a name in apposition
//!   ("the minister, Ilse Marchetti,") is that person; one met before the
//!   name ("Peru's finance minister said ... Finance Minister Ana Ruiz")
//!   links forward when two of its words agree;
//! * **pronouns**: he/him/his/himself and she/her/hers/herself go to a person
//!   of agreeing gender (first names from `data/first_names.tsv`, built by
//!   `tools/names/build_gender.py`; titles such as Mr/Ms; role nouns such as
//!   spokeswoman; what a copula says of them: "X is one of the first two
//!   women elected"), in this or the three sentences before, subjects and
//!   recent mentions first; with [`Coref::with_groups`], it/its go to an
//!   organisation, country or institution and they/their to a plural group,
//!   as subjects or possessors (off in [`Coref::default_english`]: the
//!   event coder would read each as an actor).
//!
//! * **people with no role**: a person named in full whom nothing coded
//!   takes the role a copular clause or a coded apposition gives ("Ruiz was
//!   the guard on duty"), else is a private person, `CVL` with the country
//!   of the nearest evidence (sentence, paragraph, document), said in
//!   `source`.
//!
//! Existing mentions keep their place; new ones are inserted in text order
//! and every index (`refers_to`, quote speakers) is remapped.

mod gender;
mod rules;
mod unroled;

use std::collections::HashMap;
use std::sync::OnceLock;

use dyad_document::{Document, Mention, MentionKind, QuoteKind, Span, SpanIndex};

pub use gender::Gender;

/// A list that would not load.
#[derive(Debug, thiserror::Error)]
pub enum CorefError {
    #[error("{file}:{line}: {message}")]
    BadLine {
        file: String,
        line: usize,
        message: String,
    },
}

/// The word lists coreference needs.
pub struct Coref {
    /// Lower-case first name -> gender.
    first_names: HashMap<String, Gender>,
    /// Head noun of a description -> the gender it says, if any.
    descriptions: HashMap<String, Option<Gender>>,
    /// Whether it/its and they/their are resolved to institutions and
    /// groups (off by default: the event coder reads every resolved
    /// pronoun as an actor, and these cost it precision until it weighs
    /// them).
    groups: bool,
}

const FIRST_NAMES: &str = include_str!("../data/first_names.tsv");
const DESCRIPTIONS: &str = include_str!("../data/descriptions.txt");

impl Coref {
    /// dyad's own lists (embedded), read once per process.
    pub fn default_english() -> &'static Coref {
        static C: OnceLock<Coref> = OnceLock::new();
        C.get_or_init(|| {
            Coref::from_texts(FIRST_NAMES, DESCRIPTIONS).expect("embedded coreference lists")
        })
    }

    /// Reads a first-name list (`name<TAB>f|m`) and a description list
    /// (`noun[<TAB>f|m]`); `#` starts a comment.
    pub fn from_texts(first_names: &str, descriptions: &str) -> Result<Coref, CorefError> {
        let mut names = HashMap::new();
        for (line, name, g) in gender::rows(first_names, "first_names.tsv")? {
            let g = g.ok_or_else(|| CorefError::BadLine {
                file: "first_names.tsv".into(),
                line,
                message: "a first name needs f or m".into(),
            })?;
            names.insert(name, g);
        }
        let mut desc = HashMap::new();
        for (_, noun, g) in gender::rows(descriptions, "descriptions.txt")? {
            desc.insert(noun, g);
        }
        Ok(Coref {
            first_names: names,
            descriptions: desc,
            groups: false,
        })
    }

    /// The same lists, resolving it/they to institutions and groups or not.
    pub fn with_groups(mut self, on: bool) -> Coref {
        self.groups = on;
        self
    }

    /// The gender most people with this first name have, if the list says.
    pub fn gender_of_first_name(&self, name: &str) -> Option<Gender> {
        let n = name.to_lowercase();
        self.first_names
            .get(&n)
            .or_else(|| self.first_names.get(n.split('-').next().unwrap_or("")))
            .copied()
    }

    /// Resolves every name, description and pronoun of a recognised
    /// document (see the crate docs).
    pub fn resolve(&self, doc: &mut Document) {
        if doc.tokens.is_empty() {
            return;
        }
        let (mentions, links) = rules::resolve(self, doc);
        install(doc, mentions, links);
        unroled::code_unroled(doc);
    }
}

/// Resolves coreference with dyad's own lists.
pub fn resolve(doc: &mut Document) {
    Coref::default_english().resolve(doc);
}

/// Applies the changes and puts the mentions back in text order, remapping
/// every index into them (mentions and quote speakers).
/// `links` are `(mention, antecedent)` pairs of indices into the existing
/// mentions followed by the added ones; `usize::MAX` as antecedent unlinks.
fn install(doc: &mut Document, added: Vec<Mention>, links: Vec<(usize, usize)>) {
    let mut all: Vec<Mention> = std::mem::take(&mut doc.mentions);
    all.extend(added);
    for (mention, to) in links {
        if to == usize::MAX && mention < all.len() {
            let m = &mut all[mention];
            m.refers_to = None;
            m.entity = None;
            m.code = None;
            m.role = None;
            continue;
        }
        if mention == to || to >= all.len() || mention >= all.len() {
            continue;
        }
        all[mention].refers_to = Some(to);
        if all[mention].kind != MentionKind::Person {
            let (entity, code, anonymous, person) = {
                let t = &all[to];
                (
                    t.entity.clone(),
                    t.code.clone(),
                    t.anonymous,
                    t.kind == MentionKind::Person,
                )
            };
            let m = &mut all[mention];
            m.entity = entity.or(m.entity.take());
            m.code = code.or(m.code.take());
            m.anonymous = anonymous;
            if person {
                m.count = None;
            }
        }
    }
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&i| (all[i].span.start, all[i].span.end, i));
    let mut pos = vec![0; all.len()];
    for (p, &i) in order.iter().enumerate() {
        pos[i] = p;
    }
    let mut slots: Vec<Option<Mention>> = all.into_iter().map(Some).collect();
    doc.mentions = order
        .iter()
        .filter_map(|&i| {
            let mut m = slots[i].take()?;
            m.refers_to = m.refers_to.map(|r| pos[r]);
            Some(m)
        })
        .collect();
    for q in &mut doc.quotes {
        if let Some(sp) = q.speaker.as_mut() {
            sp.mention = sp.mention.map(|m| pos[m]);
            sp.antecedent = sp.antecedent.map(|m| pos[m]);
        }
    }
}

/// "I", "me", "my", "mine", "myself" inside an attributed direct quote
/// stand for its speaker: each becomes a pronoun mention pointing at the
/// speaker's mention (quotes with a speaker found in no mention are left).
pub fn first_person(doc: &mut Document) {
    let mut added = Vec::new();
    // The direct quotes by span, so that finding the innermost quote around
    // each "I" costs a lookup, not a scan of every quote.
    let directs = SpanIndex::new(doc.quotes.iter().map(|q| match q.kind {
        QuoteKind::Direct => q.span,
        _ => Span::new(0, 0),
    }));
    let innermost = |byte: usize| {
        directs
            .overlapping(Span::new(byte, byte + 1))
            .map(|i| doc.quotes[i].span)
            .filter(|s| s.start <= byte && byte < s.end)
            .min_by_key(|s| (s.len(), s.start))
    };
    for q in &doc.quotes {
        if q.kind != QuoteKind::Direct {
            continue;
        }
        let Some(sp) = &q.speaker else { continue };
        let Some(target) = sp.antecedent.or(sp.mention) else {
            continue;
        };
        if target >= doc.mentions.len() || sp.anonymous && sp.count.is_some_and(|c| c > 1) {
            continue;
        }
        let target = doc.antecedent(target);
        let first = doc.tokens.partition_point(|t| t.span.start < q.span.start);
        for t in first..doc.tokens.len() {
            let span = doc.tokens[t].span;
            if span.end > q.span.end {
                break;
            }
            let w = &doc.text[span.range()];
            if !matches!(w, "I" | "me" | "my" | "My" | "mine" | "myself" | "Me") {
                continue;
            }
            // Only the innermost quote speaks: a nested quote has its own.
            let inner = innermost(span.start);
            if inner != Some(q.span) || doc.mention_covering(span).is_some() {
                continue;
            }
            let m = &doc.mentions[target];
            added.push(Mention {
                span: Span::new(span.start, span.end),
                kind: MentionKind::Pronoun,
                code: m.code.clone(),
                entity: m.entity.clone(),
                role: m.role.clone(),
                refers_to: Some(target),
                ..Default::default()
            });
        }
    }
    if !added.is_empty() {
        install(doc, added, Vec::new());
    }
}

#[cfg(test)]
mod tests;
