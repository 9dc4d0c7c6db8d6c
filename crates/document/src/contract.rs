//! The JSON output contract and the byte <-> character offset conversion.
//!
//! Field names here are the public contract other tools rely on; later stages
//! add to the arrays but never rename a field.

use serde::{Deserialize, Serialize};

use crate::{
    intern, Document, Event, Link, LinkKind, Mention, MentionKind, PublishedFrom, Sentence, Span,
    Token, RELS, TAGS,
};

/// Maps byte offsets of a string to character offsets and back.
pub struct CharIndex {
    /// `starts[i]` is the byte offset of character `i`; one extra entry for
    /// the end of the text.
    starts: Vec<usize>,
}

impl CharIndex {
    pub fn new(text: &str) -> Self {
        let mut starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        starts.push(text.len());
        CharIndex { starts }
    }

    /// Character offset of a byte offset (which must lie on a char boundary;
    /// one inside a character maps to that character).
    pub fn char_of(&self, byte: usize) -> usize {
        match self.starts.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of a character offset.
    pub fn byte_of(&self, ch: usize) -> Option<usize> {
        self.starts.get(ch).copied()
    }

    pub fn chars(&self) -> usize {
        self.starts.len() - 1
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ContractError {
    #[error("span {start}..{end} lies outside the text ({len} characters)")]
    SpanOutOfText {
        start: usize,
        end: usize,
        len: usize,
    },
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContractLink {
    pub text: String,
    pub url: String,
    pub kind: LinkKind,
    pub date: Option<String>,
    pub start: usize,
    pub end: usize,
}

/// A token with what the tagger and parser say of it (fields empty until
/// those stages have run). `head` is an index into `tokens`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContractToken {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub tag: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub lemma: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<usize>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub rel: String,
}

/// An actor mention: `{text, start, end, type, code, entity, role,
/// anonymous, count, refers_to, source}` (absent fields are omitted).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContractMention {
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: MentionKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refers_to: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code_as_of: Option<String>,
}

/// A coded event: `{source, target, code, root, quad_class, goldstein,
/// sentence, start, end, pattern, source_text, target_text}`; `start`/`end`
/// are character offsets of the verb phrase, `source_text`/`target_text` the
/// actors' mention texts.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContractEvent {
    pub source: Option<String>,
    pub target: Option<String>,
    pub code: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f32,
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub pattern: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_text: Option<String>,
    /// Indices in `mentions` of the actors' mentions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_mention: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target_mention: Option<usize>,
    /// Index in `places` of where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// `text` or `published`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_from: Option<String>,
    /// `shallow` or `nested` when the actors were not the verb's own
    /// arguments (see [`crate::Event::how`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub how: Option<String>,
}

#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq)]
pub struct ContractSpan {
    pub start: usize,
    pub end: usize,
}

/// One document as JSON: `{"id","url","title","outlet","published",
/// "published_from","text","links","sentences","mentions","events","quotes",
/// "places","times"}`; `tokens` and `paragraphs` are extra layers.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Contract {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub published_from: Option<PublishedFrom>,
    pub text: String,
    pub links: Vec<ContractLink>,
    pub sentences: Vec<ContractSpan>,
    #[serde(default)]
    pub paragraphs: Vec<ContractSpan>,
    /// Present only when asked for (`--tokens`): they triple the output size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<ContractToken>>,
    #[serde(default)]
    pub mentions: Vec<ContractMention>,
    #[serde(default)]
    pub events: Vec<ContractEvent>,
    #[serde(default)]
    pub quotes: Vec<crate::ContractQuote>,
    #[serde(default)]
    pub sources: crate::SourcesSummary,
    #[serde(default)]
    pub places: Vec<crate::ContractPlace>,
    #[serde(default)]
    pub times: Vec<crate::time::ContractTime>,
}

pub(crate) fn to_contract(doc: &Document, with_tokens: bool) -> Contract {
    let ix = CharIndex::new(&doc.text);
    let cs = |s: Span| ContractSpan {
        start: ix.char_of(s.start),
        end: ix.char_of(s.end),
    };
    Contract {
        id: doc.id.clone(),
        url: doc.url.clone(),
        title: doc.title.clone(),
        outlet: doc.outlet.clone(),
        published: doc.published.clone(),
        published_from: doc.published_from,
        text: doc.text.clone(),
        links: doc
            .links
            .iter()
            .map(|l| ContractLink {
                text: l.text.clone(),
                url: l.url.clone(),
                kind: l.kind,
                date: l.date.clone(),
                start: ix.char_of(l.span.start),
                end: ix.char_of(l.span.end),
            })
            .collect(),
        sentences: doc.sentences.iter().map(|s| cs(s.span)).collect(),
        paragraphs: doc.paragraphs.iter().map(|&p| cs(p)).collect(),
        tokens: with_tokens.then(|| {
            doc.tokens
                .iter()
                .map(|t| ContractToken {
                    start: ix.char_of(t.span.start),
                    end: ix.char_of(t.span.end),
                    tag: t.tag.to_string(),
                    lemma: t.lemma.clone(),
                    head: t.head,
                    rel: t.rel.to_string(),
                })
                .collect()
        }),
        mentions: doc
            .mentions
            .iter()
            .map(|m| ContractMention {
                text: doc.text[m.span.range()].to_string(),
                start: ix.char_of(m.span.start),
                end: ix.char_of(m.span.end),
                kind: m.kind,
                code: m.code.clone(),
                entity: m.entity.clone(),
                role: m.role.clone(),
                anonymous: m.anonymous,
                count: m.count,
                refers_to: m.refers_to,
                source: m.source.clone(),
                code_as_of: m.code_as_of.clone(),
            })
            .collect(),
        events: doc
            .events
            .iter()
            .map(|e| {
                let text = |m: Option<usize>| {
                    m.and_then(|i| doc.mentions.get(i))
                        .map(|m| doc.text[m.span.range()].to_string())
                };
                ContractEvent {
                    source: e.source.clone(),
                    target: e.target.clone(),
                    code: e.code.clone(),
                    root: e.root.clone(),
                    quad_class: e.quad_class,
                    goldstein: e.goldstein,
                    sentence: e.sentence,
                    start: ix.char_of(e.span.start),
                    end: ix.char_of(e.span.end),
                    pattern: e.pattern.clone(),
                    source_text: text(e.source_mention),
                    target_text: text(e.target_mention),
                    source_mention: e.source_mention,
                    target_mention: e.target_mention,
                    place: e.place,
                    date: e.date.clone(),
                    date_from: e.date_from.clone(),
                    how: e.how.clone(),
                }
            })
            .collect(),
        quotes: doc
            .quotes
            .iter()
            .map(|q| q.to_contract(&doc.text, &ix))
            .collect(),
        sources: doc.sources.clone(),
        places: doc
            .places
            .iter()
            .map(|p| p.to_contract(&doc.text, &ix))
            .collect(),
        times: doc
            .times
            .iter()
            .map(|t| t.to_contract(&doc.text, &ix))
            .collect(),
    }
}

pub(crate) fn from_contract(c: Contract) -> Result<Document, ContractError> {
    let ix = CharIndex::new(&c.text);
    let bs = |s: ContractSpan| -> Result<Span, ContractError> {
        match (ix.byte_of(s.start), ix.byte_of(s.end)) {
            (Some(a), Some(b)) if a <= b => Ok(Span::new(a, b)),
            _ => Err(ContractError::SpanOutOfText {
                start: s.start,
                end: s.end,
                len: ix.chars(),
            }),
        }
    };
    let tokens: Vec<Token> = c
        .tokens
        .unwrap_or_default()
        .into_iter()
        .map(|t| {
            bs(ContractSpan {
                start: t.start,
                end: t.end,
            })
            .map(|span| Token {
                span,
                tag: intern(TAGS, &t.tag),
                lemma: t.lemma,
                head: t.head,
                rel: intern(RELS, &t.rel),
            })
        })
        .collect::<Result<_, _>>()?;
    let mut sentences = Vec::with_capacity(c.sentences.len());
    for s in c.sentences {
        let span = bs(s)?;
        // Recover each sentence's token range from the offsets.
        let first = tokens.partition_point(|t| t.span.start < span.start);
        let last = tokens.partition_point(|t| t.span.start < span.end);
        sentences.push(Sentence {
            span,
            first_token: first,
            last_token: last,
        });
    }
    let links = c
        .links
        .into_iter()
        .map(|l| {
            Ok(Link {
                span: bs(ContractSpan {
                    start: l.start,
                    end: l.end,
                })?,
                text: l.text,
                url: l.url,
                kind: l.kind,
                date: l.date,
            })
        })
        .collect::<Result<_, ContractError>>()?;
    let paragraphs = c.paragraphs.into_iter().map(bs).collect::<Result<_, _>>()?;
    let mentions = c
        .mentions
        .into_iter()
        .map(|m| {
            Ok(Mention {
                span: bs(ContractSpan {
                    start: m.start,
                    end: m.end,
                })?,
                kind: m.kind,
                code: m.code,
                entity: m.entity,
                role: m.role,
                anonymous: m.anonymous,
                count: m.count,
                refers_to: m.refers_to,
                source: m.source,
                code_as_of: m.code_as_of,
            })
        })
        .collect::<Result<_, ContractError>>()?;
    let events = c
        .events
        .into_iter()
        .map(|e| {
            Ok(Event {
                sentence: e.sentence,
                span: bs(ContractSpan {
                    start: e.start,
                    end: e.end,
                })?,
                source: e.source,
                target: e.target,
                source_mention: e.source_mention,
                target_mention: e.target_mention,
                code: e.code,
                root: e.root,
                quad_class: e.quad_class,
                goldstein: e.goldstein,
                pattern: e.pattern,
                place: e.place,
                date: e.date,
                date_from: e.date_from,
                how: e.how,
            })
        })
        .collect::<Result<_, ContractError>>()?;
    Ok(Document {
        id: c.id,
        url: c.url,
        title: c.title,
        outlet: c.outlet,
        published: c.published,
        published_from: c.published_from,
        text: c.text,
        paragraphs,
        links,
        sentences,
        tokens,
        mentions,
        events,
        quotes: c
            .quotes
            .into_iter()
            .map(|q| crate::Quote::from_contract(q, &ix))
            .collect::<Result<_, _>>()?,
        sources: c.sources,
        places: c
            .places
            .into_iter()
            .map(|p| {
                let span = bs(ContractSpan {
                    start: p.start,
                    end: p.end,
                })?;
                Ok(crate::Place::from_contract(p, span))
            })
            .collect::<Result<_, ContractError>>()?,
        times: c
            .times
            .into_iter()
            .map(|t| {
                let span = bs(ContractSpan {
                    start: t.start,
                    end: t.end,
                })?;
                Ok(crate::time::TimeExpr::from_contract(t, span))
            })
            .collect::<Result<_, ContractError>>()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_are_characters_in_the_contract() {
        // "é" and "’" are multi-byte: byte and char offsets differ after them.
        let text = "Café’s owner said “no”.".to_string();
        let b = text.find("owner").unwrap();
        let doc = Document {
            id: "x".into(),
            text: text.clone(),
            links: vec![Link {
                text: "owner".into(),
                url: "https://example.org/a".into(),
                kind: LinkKind::Other,
                date: None,
                span: Span::new(b, b + 5),
            }],
            tokens: vec![Token {
                span: Span::new(b, b + 5),
                tag: "NN",
                lemma: "owner".into(),
                head: None,
                rel: "ROOT",
            }],
            sentences: vec![Sentence {
                span: Span::new(0, text.len()),
                first_token: 0,
                last_token: 1,
            }],
            mentions: vec![Mention {
                span: Span::new(b, b + 5),
                kind: MentionKind::Person,
                code: Some("FRAGOV".into()),
                anonymous: true,
                count: Some(2),
                ..Default::default()
            }],
            events: vec![Event {
                sentence: 0,
                span: Span::new(b, b + 5),
                source: Some("FRAGOV".into()),
                target: Some("DEU".into()),
                source_mention: Some(0),
                target_mention: None,
                code: "042".into(),
                root: "04".into(),
                quad_class: 1,
                goldstein: 1.9,
                pattern: "x.verbs:3: 042  $ visit +".into(),
                place: None,
                date: Some("2024-10".into()),
                date_from: Some("text".into()),
                how: None,
            }],
            ..Default::default()
        };
        let c = doc.to_contract(true);
        assert_eq!(c.mentions[0].text, "owner");
        let js = serde_json::to_value(&c.mentions[0]).unwrap();
        assert_eq!(js["type"], "person");
        assert_eq!(js["start"], c.links[0].start);
        assert!(js.get("entity").is_none());
        let ev = serde_json::to_value(&c.events[0]).unwrap();
        assert_eq!(ev["start"], c.links[0].start);
        assert_eq!(ev["source_text"], "owner");
        assert!(ev.get("target_text").is_none());
        let chars: Vec<char> = text.chars().collect();
        let got: String = chars[c.links[0].start..c.links[0].end].iter().collect();
        assert_eq!(got, "owner");
        assert_eq!(c.sentences[0].end, chars.len());
        let back = Document::from_contract(c).unwrap();
        assert_eq!(back, doc);
    }

    #[test]
    fn out_of_range_span_is_an_error() {
        let c = Contract {
            id: "x".into(),
            url: None,
            title: None,
            outlet: None,
            published: None,
            published_from: None,
            text: "abc".into(),
            links: vec![],
            sentences: vec![ContractSpan { start: 1, end: 9 }],
            paragraphs: vec![],
            tokens: None,
            mentions: vec![],
            events: vec![],
            quotes: vec![],
            sources: Default::default(),
            places: vec![],
            times: vec![],
        };
        assert!(Document::from_contract(c).is_err());
    }
}
