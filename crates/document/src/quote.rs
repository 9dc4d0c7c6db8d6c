//! The quotes layer: who is quoted saying what, word for word (`direct`)
//! or in reported speech (`indirect`), and a per-document summary of the
//! sources. Filled by `dyad-quotes`; byte [`Span`]s inside, character
//! offsets in the contract ([`ContractQuote`]).

use serde::{Deserialize, Serialize};

use crate::{CharIndex, ContractError, Document, MentionKind, Span};

/// Word for word inside quotation marks, or reported speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    #[default]
    Direct,
    Indirect,
    /// What someone believes, wants, hopes or fears ("X believes that
    /// ..."): reported apart from speech, so speech can be counted alone.
    Belief,
}

/// Who a quote is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Speaker {
    /// A person's canonical name (`Ahmed Touma`, also for `Mr Touma` or
    /// `he`), else the words of the phrase naming the source (`two senior
    /// Syrian opposition officials`).
    pub name: String,
    /// Where the speaker is named at the cue (`Mr Touma`, `he`, the subject
    /// phrase).
    pub span: Span,
    /// Index in [`Document::mentions`] of the mention at `span`.
    pub mention: Option<usize>,
    /// Index of the mention that mention refers to (the full name of a
    /// short form or pronoun), when it is another one.
    pub antecedent: Option<usize>,
    pub kind: Option<MentionKind>,
    /// An unnamed source ("a government official", "analysts").
    pub anonymous: bool,
    /// Actor code (`SYROPP`, `TURGOV`); none when unknown or mixed.
    pub code: Option<String>,
    pub role: Option<String>,
    /// How many ("two senior officials" -> 2).
    pub count: Option<u32>,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Quote {
    pub kind: QuoteKind,
    /// The words quoted: inside the marks for a direct quote, the reported
    /// clause for an indirect one.
    pub span: Span,
    pub speaker: Option<Speaker>,
    /// The speech verb with its auxiliaries (`said`, `had said`, `told`).
    pub cue: Option<Span>,
    /// A direct quote with no attribution of its own that goes on from the
    /// previous one (same speaker).
    pub continuation: bool,
    /// Quoted inside another direct quote.
    pub nested: bool,
    /// A fragment quoted inside a sentence (`said the move was, "a joint
    /// decision"`).
    pub partial: bool,
    /// Index in [`Document::quotes`] of the quote a nested one lies in.
    pub outer: Option<usize>,
    /// The closing mark is missing: the quote ends at the next opening mark
    /// or at its paragraph's end.
    pub open: bool,
}

/// One distinct speaker and how often they are quoted.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourceSpeaker {
    pub name: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub anonymous: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Their role or title, when the story gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    pub quotes: usize,
}

/// Per-document summary of sources: quote counts and distinct speakers.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct SourcesSummary {
    pub quotes: usize,
    pub direct: usize,
    pub indirect: usize,
    /// Beliefs and intentions reported ("X believes ..."), not counted in
    /// `quotes` nor among the speakers.
    #[serde(default)]
    pub beliefs: usize,
    /// Quotes with no speaker found.
    pub unattributed: usize,
    /// Quotes attributed to named / anonymous sources.
    pub named_quotes: usize,
    pub anonymous_quotes: usize,
    /// Distinct named / anonymous speakers.
    pub named: usize,
    pub anonymous: usize,
    /// Distinct speakers, most quoted first.
    pub speakers: Vec<SourceSpeaker>,
}

/// A speaker in the contract (character offsets).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContractSpeaker {
    pub name: String,
    /// The words at the cue and their offsets.
    pub text: String,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antecedent: Option<usize>,
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<MentionKind>,
    #[serde(default)]
    pub anonymous: bool,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u32>,
}

/// A quote in the contract: `{kind, text, start, end, speaker, cue,
/// cue_start, cue_end, continuation, nested, partial, outer, open}`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContractQuote {
    pub kind: QuoteKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub speaker: Option<ContractSpeaker>,
    pub cue: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cue_end: Option<usize>,
    #[serde(default)]
    pub continuation: bool,
    #[serde(default)]
    pub nested: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub partial: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outer: Option<usize>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub open: bool,
}

fn byte_span(ix: &CharIndex, start: usize, end: usize) -> Result<Span, ContractError> {
    match (ix.byte_of(start), ix.byte_of(end)) {
        (Some(a), Some(b)) if a <= b => Ok(Span::new(a, b)),
        _ => Err(ContractError::SpanOutOfText {
            start,
            end,
            len: ix.chars(),
        }),
    }
}

impl Quote {
    pub(crate) fn to_contract(&self, text: &str, ix: &CharIndex) -> ContractQuote {
        ContractQuote {
            kind: self.kind,
            text: text[self.span.range()].to_string(),
            start: ix.char_of(self.span.start),
            end: ix.char_of(self.span.end),
            speaker: self.speaker.as_ref().map(|s| ContractSpeaker {
                name: s.name.clone(),
                text: text[s.span.range()].to_string(),
                start: ix.char_of(s.span.start),
                end: ix.char_of(s.span.end),
                mention: s.mention,
                antecedent: s.antecedent,
                kind: s.kind,
                anonymous: s.anonymous,
                code: s.code.clone(),
                role: s.role.clone(),
                count: s.count,
            }),
            cue: self.cue.map(|c| text[c.range()].to_string()),
            cue_start: self.cue.map(|c| ix.char_of(c.start)),
            cue_end: self.cue.map(|c| ix.char_of(c.end)),
            continuation: self.continuation,
            nested: self.nested,
            partial: self.partial,
            outer: self.outer,
            open: self.open,
        }
    }

    pub(crate) fn from_contract(c: ContractQuote, ix: &CharIndex) -> Result<Quote, ContractError> {
        let speaker = match c.speaker {
            Some(s) => Some(Speaker {
                span: byte_span(ix, s.start, s.end)?,
                name: s.name,
                mention: s.mention,
                antecedent: s.antecedent,
                kind: s.kind,
                anonymous: s.anonymous,
                code: s.code,
                role: s.role,
                count: s.count,
            }),
            None => None,
        };
        let cue = match (c.cue_start, c.cue_end) {
            (Some(a), Some(b)) => Some(byte_span(ix, a, b)?),
            _ => None,
        };
        Ok(Quote {
            kind: c.kind,
            span: byte_span(ix, c.start, c.end)?,
            speaker,
            cue,
            continuation: c.continuation,
            nested: c.nested,
            partial: c.partial,
            outer: c.outer,
            open: c.open,
        })
    }
}

impl Document {
    /// The innermost direct quote covering a byte offset, if any: whose
    /// words they are (for "I"/"we" inside quotes).
    pub fn quote_speaker_at(&self, byte: usize) -> Option<&Quote> {
        self.quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct && q.span.start <= byte && byte < q.span.end)
            .min_by_key(|q| q.span.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_round_trip_with_character_offsets() {
        let text = "“Ça va,” dit-il. “Non.”".to_string();
        let q = |a: &str| {
            let s = text.find(a).unwrap();
            Span::new(s, s + a.len())
        };
        let doc = Document {
            id: "q".into(),
            text: text.clone(),
            quotes: vec![Quote {
                kind: QuoteKind::Direct,
                span: q("Ça va"),
                speaker: Some(Speaker {
                    name: "Il".into(),
                    span: q("il"),
                    anonymous: true,
                    count: Some(2),
                    ..Default::default()
                }),
                cue: Some(q("dit")),
                ..Default::default()
            }],
            sources: SourcesSummary {
                quotes: 1,
                ..Default::default()
            },
            ..Default::default()
        };
        let c = doc.to_contract(false);
        assert_eq!((c.quotes[0].start, c.quotes[0].end), (1, 6));
        assert_eq!(c.quotes[0].cue.as_deref(), Some("dit"));
        assert_eq!(c.quotes[0].speaker.as_ref().unwrap().text, "il");
        assert_eq!(
            doc.quote_speaker_at(q("va").start).map(|q| q.span),
            Some(q("Ça va"))
        );
        assert!(doc.quote_speaker_at(q("Non").start).is_none());
        let js = serde_json::to_string(&c).unwrap();
        let back: crate::Contract = serde_json::from_str(&js).unwrap();
        assert_eq!(Document::from_contract(back).unwrap(), doc);
    }
}
