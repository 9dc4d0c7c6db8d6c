//! The `Document`: the one value that flows through every dyad stage.
//!
//! Each stage adds a layer (text and links, sentences and tokens, mentions,
//! events, quotes, places, times) and reads only the layers before it, as
//! spaCy's `Doc` or CoreNLP's annotation do.
//!
//! Inside Rust every [`Span`] is a **byte** range into [`Document::text`], so
//! stages can slice `&doc.text[span.range()]` directly. The output contract
//! speaks **characters** (Unicode scalar values, end exclusive, so that
//! `text[start:end]` in Python gives the span); [`Document::to_contract`] and
//! [`Document::from_contract`] convert in one place.
//!
//! Public API: [`Document`], [`Span`], [`Link`], [`LinkKind`], [`Sentence`],
//! [`Token`], [`TAGS`], [`RELS`], [`PublishedFrom`], [`Mention`],
//! [`MentionKind`], [`Event`], [`Place`], [`PlaceFeature`], [`Contract`];
//! coreference is read with [`Document::antecedent`] and
//! [`Document::resolve`].

use serde::{Deserialize, Serialize};

pub mod calendar;
mod contract;
mod coref;
pub mod dateline;
pub mod names;
mod span_index;
pub use span_index::SpanIndex;
mod quote;
pub use quote::{
    ContractQuote, ContractSpeaker, Quote, QuoteKind, SourceSpeaker, SourcesSummary, Speaker,
};
mod time;
pub use contract::{
    CharIndex, Contract, ContractError, ContractEvent, ContractMention, ContractSpan, ContractToken,
};
pub use time::{ContractTime, TimeExpr, TimeKind};
mod place;
pub use place::{ContractPlace, Place, PlaceFeature};

/// A byte range `[start, end)` into a document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    pub fn len(self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// What a hyperlink points at, judged from its URL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LinkKind {
    /// A news story or other dated/slugged page.
    Article,
    /// A tag, topic, section or author index page.
    Tag,
    /// Anything else (home pages, files, mailto, social media ...).
    Other,
}

/// A hyperlink kept from the body.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Anchor text as it stands in the clean text.
    pub text: String,
    pub url: String,
    pub kind: LinkKind,
    /// The date embedded in the URL (`/2024/12/04/`), ISO `YYYY-MM-DD`.
    pub date: Option<String>,
    pub span: Span,
}

/// Where the publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PublishedFrom {
    /// Given with the input (a JSON line's `published`).
    Input,
    /// Page metadata: meta tags, JSON-LD, `<time>`.
    Metadata,
    /// A date in the article's own URL.
    Url,
    /// Inferred: the newest date among the article's dated links.
    Links,
    /// Inferred from the article's own text: the newest full date it
    /// writes, or a weekday with a month and day whose year the text's
    /// years settle ("on Tuesday, November 19" beside "2019").
    Inferred,
}

/// What kind of actor a [`Mention`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MentionKind {
    /// A country, by name, adjective or demonym ("Syria", "Syrian").
    Country,
    /// A capital standing for its government ("Ankara blames ...").
    Capital,
    Person,
    Org,
    /// A role phrase ("Syrian opposition officials", "government forces").
    #[default]
    Agent,
    /// A pronoun linked to the actor it stands for ("he", "she", "it",
    /// "they"; "I" and "we" inside a quote), through `refers_to`.
    Pronoun,
    /// The news outlet that publishes the story: never an actor.
    Outlet,
}

/// An actor mention found by the recogniser.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Mention {
    pub span: Span,
    pub kind: MentionKind,
    /// CAMEO-style actor code as of the publication date (`SYRGOV`).
    pub code: Option<String>,
    /// Canonical name of the entity (`Bashar al-Assad`, `Syria`).
    pub entity: Option<String>,
    /// Role text (an apposition, a title, an agent label).
    pub role: Option<String>,
    /// A role phrase with no name ("a senior official").
    pub anonymous: bool,
    /// How many ("two senior officials" -> 2).
    pub count: Option<u32>,
    /// Index in [`Document::mentions`] of the mention this one corefers with
    /// (a short name, title, description or pronoun -> the full name);
    /// [`Document::antecedent`] follows the chain to its end.
    pub refers_to: Option<usize>,
    /// The dictionary `file:line` that matched.
    pub source: Option<String>,
    /// Set when the code is not as of the publication date: `latest` when
    /// the document has no date and a dated entry's latest period was used.
    pub code_as_of: Option<String>,
}

/// A coded event: `source` did `code` to `target`, as one sentence says.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Event {
    /// Index in [`Document::sentences`].
    pub sentence: usize,
    /// The verb phrase (or eventive noun phrase) the event was read from.
    pub span: Span,
    /// Actor codes.
    pub source: Option<String>,
    pub target: Option<String>,
    /// Indices in [`Document::mentions`] of the actors' mentions.
    pub source_mention: Option<usize>,
    pub target_mention: Option<usize>,
    /// CAMEO event code (`042`, `0241`, `190`).
    pub code: String,
    /// Its root: the first two digits.
    pub root: String,
    /// 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
    /// 4 material conflict.
    pub quad_class: u8,
    pub goldstein: f32,
    /// The dictionary line that matched: `file:line: raw pattern`.
    pub pattern: String,
    /// Index in [`Document::places`] of where it happened, if the sentence
    /// says.
    pub place: Option<usize>,
    /// When it happened (`2024-11-30`, `2024-10`, `2024-11-25/2024-12-01`).
    pub date: Option<String>,
    /// Where the date came from: `text` (a time expression that governs the
    /// event) or `published` (the publication date, for want of one).
    pub date_from: Option<String>,
    /// How the actors were found when the parse did not give them:
    /// `shallow` (the actors around the verb in surface order, as TABARI
    /// codes) or `nested` (an actor inside the object's phrase: "denounced
    /// the Japanese export ban"); `None` for a verb's own arguments.
    pub how: Option<String>,
}

/// A sentence; tokens are indices into [`Document::tokens`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    /// `tokens[first..last]` are this sentence's tokens.
    pub first_token: usize,
    pub last_token: usize,
}

/// A token (word, number or punctuation mark) and what the tagger and
/// parser say of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Token {
    pub span: Span,
    /// Penn Treebank part-of-speech tag (one of [`TAGS`]); empty until tagged.
    pub tag: &'static str,
    /// Dictionary form; empty until tagged.
    pub lemma: String,
    /// Index in [`Document::tokens`] of the syntactic head; `None` for a
    /// sentence's root and before parsing.
    pub head: Option<usize>,
    /// Dependency relation to the head (one of [`RELS`], the ClearNLP labels
    /// spaCy's English models use); empty until parsed.
    pub rel: &'static str,
}

impl Token {
    pub fn new(span: Span) -> Self {
        Token {
            span,
            ..Default::default()
        }
    }
}

/// The Penn Treebank tag set (as spaCy's English models write it).
pub const TAGS: &[&str] = &[
    "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW", "HYPH",
    "IN", "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT", "POS", "PRP",
    "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ",
    "WDT", "WP", "WP$", "WRB", "XX", "_SP", "``",
];

/// Dependency relations (ClearNLP style, as spaCy's English models).
pub const RELS: &[&str] = &[
    "ROOT",
    "acl",
    "acomp",
    "advcl",
    "advmod",
    "agent",
    "amod",
    "appos",
    "attr",
    "aux",
    "auxpass",
    "case",
    "cc",
    "ccomp",
    "compound",
    "conj",
    "csubj",
    "csubjpass",
    "dative",
    "dep",
    "det",
    "dobj",
    "expl",
    "intj",
    "mark",
    "meta",
    "neg",
    "nmod",
    "npadvmod",
    "nsubj",
    "nsubjpass",
    "nummod",
    "oprd",
    "parataxis",
    "pcomp",
    "pobj",
    "poss",
    "preconj",
    "predet",
    "prep",
    "prt",
    "punct",
    "quantmod",
    "relcl",
    "xcomp",
];

/// The static name of a tag or relation in `set`, or "" when unknown.
pub fn intern(set: &[&'static str], name: &str) -> &'static str {
    set.iter().copied().find(|t| *t == name).unwrap_or("")
}

/// One news article and every layer dyad has added to it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    /// The publication (site) the article came from, e.g. "The National".
    pub outlet: Option<String>,
    /// ISO date `YYYY-MM-DD` (or full RFC 3339 date-time when known).
    pub published: Option<String>,
    pub published_from: Option<PublishedFrom>,
    /// Clean text: paragraphs separated by a blank line, whitespace normalised.
    pub text: String,
    /// Paragraph spans; the segmenter never lets a sentence cross one.
    pub paragraphs: Vec<Span>,
    pub links: Vec<Link>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    /// Actor mentions (countries, people, organisations, role phrases), in
    /// text order.
    pub mentions: Vec<Mention>,
    /// Coded events (who did what to whom), in text order.
    pub events: Vec<Event>,
    /// Quotations (direct and reported), in text order; nested ones
    /// right after the quote they lie in.
    pub quotes: Vec<Quote>,
    /// Who the document quotes: counts of named and anonymous sources.
    pub sources: SourcesSummary,
    /// Place mentions resolved to gazetteer entries, in text order.
    pub places: Vec<Place>,
    /// Time expressions, in text order.
    pub times: Vec<TimeExpr>,
}

impl Document {
    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// A stable hash of the clean text: the key that finds the same article
    /// arriving twice under different ids or URLs.
    pub fn text_hash(&self) -> String {
        use sha2::{Digest, Sha256};
        let norm: String = self.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let digest = Sha256::digest(norm.as_bytes());
        digest[..16].iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The paragraph holding byte `at`, found by binary search (paragraphs
    /// are disjoint and in text order), so that asking per mention stays
    /// linear in a long page.
    pub fn paragraph_at(&self, at: usize) -> Option<Span> {
        let k = self.paragraphs.partition_point(|p| p.end <= at);
        self.paragraphs
            .get(k)
            .filter(|p| p.start <= at && at < p.end)
            .copied()
    }

    /// Tokens of one sentence.
    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.first_token..s.last_token]
    }

    /// The output contract (character offsets).
    pub fn to_contract(&self, with_tokens: bool) -> Contract {
        contract::to_contract(self, with_tokens)
    }

    /// Rebuild a document from its contract form (as read back from a store).
    pub fn from_contract(c: Contract) -> Result<Document, ContractError> {
        contract::from_contract(c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_hash_ignores_whitespace_layout() {
        let a = Document {
            text: "A  b\n\nc".into(),
            ..Default::default()
        };
        let b = Document {
            text: "A b c".into(),
            ..Default::default()
        };
        let c = Document {
            text: "A b d".into(),
            ..Default::default()
        };
        assert_eq!(a.text_hash(), b.text_hash());
        assert_ne!(a.text_hash(), c.text_hash());
    }

    #[test]
    fn paragraph_at_finds_the_paragraph_holding_a_byte() {
        let d = Document {
            text: "Quito.\n\nLima said no.\n\nBogota.".into(),
            paragraphs: vec![Span::new(0, 6), Span::new(8, 21), Span::new(23, 30)],
            ..Default::default()
        };
        assert_eq!(d.paragraph_at(0), Some(Span::new(0, 6)));
        assert_eq!(d.paragraph_at(10), Some(Span::new(8, 21)));
        assert_eq!(d.paragraph_at(29), Some(Span::new(23, 30)));
        // The blank line between paragraphs, and past the end: none.
        assert_eq!(d.paragraph_at(7), None);
        assert_eq!(d.paragraph_at(30), None);
    }
}
