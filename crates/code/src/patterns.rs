//! Pattern compilation: dyad's dictionaries (CAMEO table, verb and noun
//! patterns, discard phrases) read into a [`Coder`], each pattern indexed
//! by the lemma of its syntactic head.

use crate::place_target::PlaceTargets;
use std::collections::HashMap;

use dyad_dict::{CameoCode, DictError, EventPattern};
use dyad_document::Document;

/// dyad's own event dictionaries, embedded so the binary is self-contained.
pub const DEFAULT_CAMEO: (&str, &str) = (
    "dictionaries/events/cameo.tsv",
    include_str!("../../../dictionaries/events/cameo.tsv"),
);

/// dyad's own discard phrases.
pub(crate) const DEFAULT_DISCARDS: (&str, &str) = (
    "dictionaries/events/discards.txt",
    include_str!("../../../dictionaries/events/discards.txt"),
);

/// Who does what an agentless passive reports ("was arrested": police).
pub(crate) const DEFAULT_IMPLICIT_AGENTS: (&str, &str) = (
    "dictionaries/events/implicit_agents.txt",
    include_str!("../../../dictionaries/events/implicit_agents.txt"),
);

/// Speech verbs that are an act against whom they speak of ("alleged
/// that X ...": 112).
pub(crate) const DEFAULT_SPEECH_ACTS: (&str, &str) = (
    "dictionaries/events/speech_acts.txt",
    include_str!("../../../dictionaries/events/speech_acts.txt"),
);

/// Codes whose target may be a place, and the countries' ISO codes.
const DEFAULT_PLACE_TARGETS: &str = include_str!("../../../dictionaries/events/place_targets.txt");
const DEFAULT_COUNTRIES: &str = include_str!("../../../dictionaries/actors/countries.txt");

/// dyad's own pattern files.
pub const DEFAULT_PATTERNS: &[(&str, &str)] = &[
    (
        "dictionaries/events/01-03.verbs",
        include_str!("../../../dictionaries/events/01-03.verbs"),
    ),
    (
        "dictionaries/events/04-08.verbs",
        include_str!("../../../dictionaries/events/04-08.verbs"),
    ),
    (
        "dictionaries/events/09-14.verbs",
        include_str!("../../../dictionaries/events/09-14.verbs"),
    ),
    (
        "dictionaries/events/15-20.verbs",
        include_str!("../../../dictionaries/events/15-20.verbs"),
    ),
];

/// Prepositions, to find a noun pattern's syntactic head.
pub(crate) const PREPOSITIONS: &[&str] = &[
    "of", "on", "against", "in", "into", "near", "to", "with", "by", "along", "from", "for", "at",
    "over", "across", "between", "toward", "towards", "upon", "onto", "around", "through",
    "inside", "within", "about", "among", "amid",
];

/// One item of a pattern, head included, in surface order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    Source,
    Target,
    Gap,
    Head,
    Word(String),
}

#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub(crate) code: String,
    pub(crate) items: Vec<Item>,
    /// Index of the head in `items`.
    pub(crate) head: usize,
    pub(crate) specificity: usize,
    pub(crate) noun: bool,
    /// `file:line: raw`.
    pub(crate) provenance: String,
}

/// The event coder.
pub struct Coder {
    /// Discard phrases (lower-case words) and whether they are story-level.
    pub(crate) discards: Vec<(Vec<String>, bool)>,
    pub(crate) codes: HashMap<String, CameoCode>,
    pub(crate) patterns: Vec<Compiled>,
    /// Head lemma -> patterns, verbs and nouns apart.
    pub(crate) verbs: HashMap<String, Vec<usize>>,
    pub(crate) nouns: HashMap<String, Vec<usize>>,
    /// Verb lemma -> the institution that does it when a passive names no
    /// agent ([`parse_implicit_agents`]).
    pub(crate) implicit_agents: HashMap<String, ImplicitAgent>,
    /// Speech verb lemma -> the CAMEO code of what its speaker does to
    /// whom the reported clause is about ([`parse_speech_acts`]).
    pub(crate) speech_acts: HashMap<String, String>,
    /// Codes whose target may be a place ("shelled <town>").
    pub(crate) place_targets: PlaceTargets,
}

/// Who does what an agentless passive of one verb reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ImplicitAgent {
    /// The institution's role code (`COP`, `JUD`, `GOV`).
    pub(crate) role: String,
    /// Never the target's own country's (one deports foreigners).
    pub(crate) abroad: bool,
}

/// Read an implicit-agents list: `lemma ROLE [abroad]` a line, `#` comments.
pub(crate) fn parse_implicit_agents(text: &str) -> HashMap<String, ImplicitAgent> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            let (lemma, role) = (w.next()?, w.next()?);
            let abroad = w.next().is_some_and(|x| x.eq_ignore_ascii_case("abroad"));
            Some((
                lemma.to_lowercase(),
                ImplicitAgent {
                    role: role.to_uppercase(),
                    abroad,
                },
            ))
        })
        .collect()
}

/// Read a speech-acts list: `lemma CODE` a line, `#` comments.
pub(crate) fn parse_speech_acts(text: &str) -> HashMap<String, String> {
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter_map(|l| {
            let mut w = l.split_whitespace();
            Some((w.next()?.to_lowercase(), w.next()?.to_string()))
        })
        .collect()
}

pub(crate) fn compile(p: &EventPattern) -> Compiled {
    let provenance = format!("{}:{}: {}", p.origin.file, p.origin.line, p.raw);
    // Re-read the pattern from its raw line, head in place.
    let line = p.raw.split('#').next().unwrap_or("").trim();
    let body = line
        .find('\t')
        .or_else(|| line.find("  "))
        .map(|k| &line[k..])
        .unwrap_or("")
        .trim();
    let mut items: Vec<Item> = Vec::new();
    let mut head_seen = false;
    for t in body.split_whitespace() {
        match t {
            "~" => {}
            "$" => items.push(Item::Source),
            "+" => items.push(Item::Target),
            "*" => items.push(Item::Gap),
            w if !head_seen => {
                head_seen = true;
                let _ = w;
                items.push(Item::Head);
            }
            w => items.push(Item::Word(w.to_string())),
        }
    }
    let mut head = items.iter().position(|i| *i == Item::Head).unwrap_or(0);
    if p.noun {
        // The syntactic head: the last word before the first preposition.
        let words: Vec<(usize, &str)> = items
            .iter()
            .enumerate()
            .filter_map(|(k, it)| match it {
                Item::Head => Some((k, p.head.as_str())),
                Item::Word(w) => Some((k, w.as_str())),
                _ => None,
            })
            .collect();
        let mut h = words.first().map(|x| x.0).unwrap_or(0);
        for &(k, w) in &words {
            if PREPOSITIONS.contains(&w) {
                break;
            }
            h = k;
        }
        // Make the syntactic head the `Head` item and the written head a word.
        if h != head {
            let syn = match &items[h] {
                Item::Word(w) => w.clone(),
                _ => unreachable!(),
            };
            items[head] = Item::Word(p.head.clone());
            items[h] = Item::Head;
            head = h;
            return Compiled {
                code: p.code.clone(),
                specificity: p.specificity(),
                items,
                head,
                noun: true,
                provenance: format!("{provenance}\u{0}{syn}"),
            };
        }
    }
    Compiled {
        code: p.code.clone(),
        specificity: p.specificity(),
        items,
        head,
        noun: p.noun,
        provenance,
    }
}

impl Coder {
    /// dyad's own dictionaries, embedded in the binary.
    pub fn default_english() -> Coder {
        let mut c = Coder::from_texts(DEFAULT_CAMEO, DEFAULT_PATTERNS)
            .expect("dyad's event dictionaries parse");
        c.set_discards(&dyad_dict::parse_discards(DEFAULT_DISCARDS.1, DEFAULT_DISCARDS.0).value);
        c.implicit_agents = parse_implicit_agents(DEFAULT_IMPLICIT_AGENTS.1);
        c.speech_acts = parse_speech_acts(DEFAULT_SPEECH_ACTS.1);
        c.place_targets = PlaceTargets::parse(DEFAULT_PLACE_TARGETS, DEFAULT_COUNTRIES);
        c
    }

    /// Replaces the discard phrases (PETRARCH's discard format: `+` story
    /// level, else sentence level).
    pub fn set_discards(&mut self, discards: &[dyad_dict::Discard]) {
        self.discards = discards
            .iter()
            .map(|d| {
                let words = d.phrase.split_whitespace().map(str::to_lowercase).collect();
                (words, d.story)
            })
            .collect();
    }

    /// Which discard phrases a run of lower-case words holds.
    pub(crate) fn discards_in<'a>(&'a self, words: &[String]) -> Vec<&'a (Vec<String>, bool)> {
        self.discards
            .iter()
            .filter(|(p, _)| !p.is_empty() && words.windows(p.len()).any(|w| w == p.as_slice()))
            .collect()
    }

    /// Why a whole document codes nothing: a story-level discard phrase in
    /// its title, or three different ones in its text.
    pub(crate) fn story_discard(&self, doc: &Document) -> Option<String> {
        let lower = |t: &dyad_document::Token| doc.text[t.span.range()].to_lowercase();
        let words: Vec<String> = doc.tokens.iter().map(lower).collect();
        let found: Vec<String> = self
            .discards_in(&words)
            .into_iter()
            .filter(|(_, story)| *story)
            .map(|(p, _)| p.join(" "))
            .collect();
        if let Some(title) = &doc.title {
            // Titles are not tokenised: words with their edge punctuation off.
            let tw: Vec<String> = title
                .split_whitespace()
                .map(|w| {
                    w.trim_matches(|c: char| !c.is_alphanumeric())
                        .to_lowercase()
                })
                .collect();
            if let Some((p, _)) = self.discards_in(&tw).into_iter().find(|(_, story)| *story) {
                return Some(format!(
                    "story discarded: the title names «{}»",
                    p.join(" ")
                ));
            }
        }
        (found.len() >= 3).then(|| format!("story discarded: «{}»", found.join("», «")))
    }

    /// A coder from a code table and pattern files given as `(name, text)`.
    pub fn from_texts(cameo: (&str, &str), patterns: &[(&str, &str)]) -> Result<Coder, DictError> {
        let codes = dyad_dict::parse_cameo(cameo.1, cameo.0)?;
        let mut compiled = Vec::new();
        for (name, text) in patterns {
            for p in dyad_dict::parse_event_patterns(text, name, Some(&codes))? {
                compiled.push((p.head.clone(), compile(&p)));
            }
        }
        let mut coder = Coder {
            discards: Vec::new(),
            codes: codes.into_iter().map(|c| (c.code.clone(), c)).collect(),
            patterns: Vec::new(),
            verbs: HashMap::new(),
            nouns: HashMap::new(),
            implicit_agents: HashMap::new(),
            speech_acts: HashMap::new(),
            place_targets: PlaceTargets::default(),
        };
        for (head, mut c) in compiled {
            let key = match c.provenance.split_once('\u{0}') {
                Some((prov, syn)) => {
                    let syn = syn.to_string();
                    c.provenance = prov.to_string();
                    syn
                }
                None => head,
            };
            let k = coder.patterns.len();
            let index = if c.noun {
                &mut coder.nouns
            } else {
                &mut coder.verbs
            };
            index.entry(key).or_default().push(k);
            coder.patterns.push(c);
        }
        Ok(coder)
    }

    /// How many patterns are loaded.
    pub fn len(&self) -> usize {
        self.patterns.len()
    }

    pub fn is_empty(&self) -> bool {
        self.patterns.is_empty()
    }
}
