//! Recognise: the actor stage. Finds who is named in a tagged and parsed
//! [`Document`] and fills [`Document::mentions`] with typed [`Mention`]s
//! carrying CAMEO-style codes as of the document's publication date.
//!
//! Public API:
//!
//! * [`Recogniser::default_english`]: dyad's own dictionaries
//!   (`dictionaries/actors/`), embedded in the binary;
//! * [`Recogniser::from_files`]: dyad-format files (`.txt`) and PETRARCH
//!   `.actors` / `.agents` files (recognised by name), read with `dyad-dict`;
//! * [`Recogniser::recognise`]: adds the mentions of one document;
//! * [`recognise`]: the same with the default recogniser, loaded once;
//! * [`normalise_str`]: a name in the form the dictionaries are matched in.
//!
//! How it works: every surface name (country names, adjectives, demonyms,
//! capitals, people, organisations, agent nouns and modifiers) goes into one
//! byte trie, looked up in a normalised copy of the text (lower case, hyphens
//! and underscores as spaces, curly apostrophes straight, editorial brackets
//! dropped) with an offset map back to the original: at each place a word
//! may start, the longest name starting there. Matches must start and end on
//! token boundaries (or at a hyphen inside a token, so "Iran-backed" finds
//! Iran). All-capital
//! short forms (`US`, `HTS`) match only in capitals; capitalised names only
//! when the text is capitalised too (so "turkey" the bird and "may" the verb
//! are not actors).
//!
//! The rules on top (in `rules.rs`): titles before a person's name are part
//! of the mention; role phrases combine a country (adjective, name,
//! possessive, or "X-backed") with agent nouns into one code ("two senior
//! Syrian opposition officials" → SYROPP, anonymous, count 2); bare role
//! phrases take the document's focus country (its most-mentioned country);
//! capitals stand for their government unless they are the object of a
//! locative preposition; the document's outlet and media organisations that
//! are told something are [`MentionKind::Outlet`] with no code; unknown
//! people are found from appositions ("Name, spokesman for ...") and coded
//! from the role phrase; short forms ("Mr Name", a surname) and `he`/`she`
//! link back to the full mention (`refers_to`).

pub mod regions;
mod rules;
pub mod titles;
mod trie;

use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

use dyad_dict::{ActorEntry, ActorKind, AgentEntry, DictError, NaiveDate};
pub use dyad_document::{Document, Mention, MentionKind};

/// dyad's own actor dictionaries, embedded so the binary is self-contained.
pub const DEFAULT_FILES: &[(&str, &str)] = &[
    (
        "dictionaries/actors/countries.txt",
        include_str!("../../../dictionaries/actors/countries.txt"),
    ),
    (
        "dictionaries/actors/organisations.txt",
        include_str!("../../../dictionaries/actors/organisations.txt"),
    ),
    (
        "dictionaries/actors/agents.txt",
        include_str!("../../../dictionaries/actors/agents.txt"),
    ),
    (
        "dictionaries/actors/people/africa.txt",
        include_str!("../../../dictionaries/actors/people/africa.txt"),
    ),
    (
        "dictionaries/actors/people/americas.txt",
        include_str!("../../../dictionaries/actors/people/americas.txt"),
    ),
    (
        "dictionaries/actors/people/asia.txt",
        include_str!("../../../dictionaries/actors/people/asia.txt"),
    ),
    (
        "dictionaries/actors/people/europe.txt",
        include_str!("../../../dictionaries/actors/people/europe.txt"),
    ),
    (
        "dictionaries/actors/people/history.txt",
        include_str!("../../../dictionaries/actors/people/history.txt"),
    ),
    (
        "dictionaries/actors/people/international.txt",
        include_str!("../../../dictionaries/actors/people/international.txt"),
    ),
    (
        "dictionaries/actors/people/mena.txt",
        include_str!("../../../dictionaries/actors/people/mena.txt"),
    ),
    (
        "dictionaries/actors/people/us_congress_states.txt",
        include_str!("../../../dictionaries/actors/people/us_congress_states.txt"),
    ),
];

/// Nouns for unnamed sources that carry no role code of their own.
const ANON_NOUNS: &[&str] = &[
    "analyst",
    "analysts",
    "expert",
    "experts",
    "observer",
    "observers",
    "source",
    "sources",
    "witness",
    "witnesses",
    "insider",
    "insiders",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
];

/// What a surface name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum What {
    CountryName,
    CountryAdj,
    Demonym,
    Capital,
    Actor,
    Agent,
    Modifier,
    Anon,
}

/// How the text's case must agree with the name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Case {
    /// All capitals (`US`, `HTS`): only in capitals.
    Exact,
    /// Capitalised: the text must start with a capital.
    Capital,
    /// Any case.
    Any,
}

/// One thing a pattern may stand for.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub what: What,
    /// Index into `actors` or `agents`.
    pub idx: usize,
    pub case: Case,
    /// When the name holds (capitals and historic names).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// Line of the dictionary where the name was written.
    pub line: usize,
}

/// A compiled set of actor and agent dictionaries.
pub struct Recogniser {
    pub(crate) actors: Vec<ActorEntry>,
    pub(crate) agents: Vec<AgentEntry>,
    names: trie::Trie,
    pub(crate) hits: Vec<Vec<Hit>>,
    /// Normalised surface name -> pattern.
    pub(crate) index: HashMap<String, usize>,
    /// Titles before names ("Sen.", "Lt. Col."), for people in no dictionary.
    pub(crate) titles: titles::Titles,
    /// First-level regions ("Ohio", "Bavaria") and their countries, for
    /// a region named before a title.
    pub(crate) regions: regions::Regions,
    /// Words in an association's name that decide its role.
    pub(crate) members: titles::Members,
    /// The codes of countries (ISO3), to tell `USAGOV`'s country apart from
    /// `IGOUNO`'s tag.
    pub(crate) country_codes: std::collections::HashSet<String>,
}

/// A raw dictionary match in the original text.
#[derive(Debug, Clone)]
pub(crate) struct Raw {
    pub start: usize,
    pub end: usize,
    pub pat: usize,
}

impl Recogniser {
    /// dyad's own dictionaries (embedded), compiled once per process.
    pub fn default_english() -> &'static Recogniser {
        static R: OnceLock<Recogniser> = OnceLock::new();
        R.get_or_init(|| Recogniser::from_texts(DEFAULT_FILES).expect("embedded dictionaries"))
    }

    /// Compiles dyad-format dictionary texts given as `(file name, text)`.
    pub fn from_texts(files: &[(&str, &str)]) -> Result<Recogniser, DictError> {
        let mut actors = Vec::new();
        let mut agents = Vec::new();
        for (name, text) in files {
            let loaded = dyad_dict::parse_dyad_actors(text, name);
            if let Some(e) = loaded.errors.into_iter().next() {
                return Err(e);
            }
            actors.extend(loaded.value.0);
            agents.extend(loaded.value.1);
        }
        Ok(Recogniser::new(actors, agents))
    }

    /// Reads dictionary files: PETRARCH `.actors` files (a name containing
    /// `actors`), PETRARCH `.agents` files (containing `agents` but not
    /// ending in `.txt` under a dyad `actors/` folder), else dyad format.
    /// Malformed lines of PETRARCH files are skipped (as PETRARCH does);
    /// dyad files must be clean.
    pub fn from_files<P: AsRef<Path>>(paths: &[P]) -> Result<Recogniser, DictError> {
        let mut actors = Vec::new();
        let mut agents = Vec::new();
        for p in paths {
            let p = p.as_ref();
            match file_format(p) {
                Format::PetrarchActors => {
                    actors.extend(dyad_dict::read_petrarch_actors(p)?.value);
                }
                Format::PetrarchAgents => {
                    agents.extend(dyad_dict::read_petrarch_agents(p)?.value);
                }
                Format::Dyad => {
                    let (a, g) = dyad_dict::read_dyad_actors(p)?;
                    actors.extend(a);
                    agents.extend(g);
                }
            }
        }
        Ok(Recogniser::new(actors, agents))
    }

    /// Compiles entries already read.
    pub fn new(actors: Vec<ActorEntry>, agents: Vec<AgentEntry>) -> Recogniser {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut pats: Vec<String> = Vec::new();
        let mut hits: Vec<Vec<Hit>> = Vec::new();
        let mut add = |surface: &str, hit: Hit| {
            let key = normalise_str(surface);
            if key.trim().is_empty() {
                return;
            }
            let i = *index.entry(key.clone()).or_insert_with(|| {
                pats.push(key);
                hits.push(Vec::new());
                pats.len() - 1
            });
            hits[i].push(hit);
        };
        for (i, e) in actors.iter().enumerate() {
            let petrarch = e.kind == ActorKind::Petrarch;
            let hit = |what, name: &str, from, to| Hit {
                what,
                idx: i,
                case: case_of(name, petrarch),
                from,
                to,
                line: e.origin.line,
            };
            match e.kind {
                ActorKind::Country => {
                    for n in &e.names {
                        let dated = e.historic.iter().find(|h| h.0 == *n);
                        let (f, t) = dated.map(|h| (h.1, h.2)).unwrap_or((None, None));
                        add(n, hit(What::CountryName, n, f, t));
                    }
                    for (n, f, t) in &e.historic {
                        if !e.names.contains(n) {
                            add(n, hit(What::CountryName, n, *f, *t));
                        }
                    }
                    for n in &e.adjectives {
                        add(n, hit(What::CountryAdj, n, None, None));
                    }
                    for n in &e.demonyms {
                        if !e.adjectives.contains(n) {
                            add(n, hit(What::Demonym, n, None, None));
                        }
                    }
                    for (n, f, t) in &e.capitals {
                        add(n, hit(What::Capital, n, *f, *t));
                    }
                }
                ActorKind::Person => {
                    for n in &e.names {
                        add(n, hit(What::Actor, n, None, None));
                    }
                    // "al-Assad" when the bare surname "Assad" is listed.
                    for n in &e.names {
                        if n.contains(' ') || n.contains('-') {
                            continue;
                        }
                        for full in &e.names {
                            let lower = full.to_lowercase();
                            for p in ["al-", "al ", "el-", "el "] {
                                let v = format!("{p}{}", n.to_lowercase());
                                if lower.ends_with(&v) {
                                    add(&format!("Al {n}"), hit(What::Actor, n, None, None));
                                }
                            }
                        }
                    }
                }
                ActorKind::Org | ActorKind::Petrarch => {
                    for n in &e.names {
                        add(n, hit(What::Actor, n, None, None));
                    }
                }
            }
        }
        for (i, a) in agents.iter().enumerate() {
            let hit = |what, name: &str| Hit {
                what,
                idx: i,
                case: case_of(name, !a.prefix || a.code.contains('~')),
                from: None,
                to: None,
                line: a.origin.line,
            };
            for n in &a.nouns {
                add(n, hit(What::Agent, n));
            }
            for n in &a.modifiers {
                add(n, hit(What::Modifier, n));
            }
        }
        for n in ANON_NOUNS {
            add(
                n,
                Hit {
                    what: What::Anon,
                    idx: 0,
                    case: Case::Any,
                    from: None,
                    to: None,
                    line: 0,
                },
            );
        }
        // Deduplicate identical hits, best first; two spellings of one
        // name that differ only in case ("NATO", "Nato") keep the looser
        // case rule.
        let looser = |a: Case, b: Case| match (a, b) {
            (Case::Any, _) | (_, Case::Any) => Case::Any,
            (Case::Capital, _) | (_, Case::Capital) => Case::Capital,
            _ => Case::Exact,
        };
        for h in &mut hits {
            h.sort_by_key(|x| (x.what, x.idx));
            h.dedup_by(|later, kept| {
                let same = (later.what, later.idx) == (kept.what, kept.idx);
                if same {
                    kept.case = looser(kept.case, later.case);
                }
                same
            });
        }
        let names = trie::Trie::new(&pats);
        let country_codes = actors
            .iter()
            .filter(|e| e.kind == ActorKind::Country)
            .flat_map(|e| e.codes.iter().map(|c| c.code.clone()))
            .filter(|c| c.len() == 3)
            .collect();
        Recogniser {
            actors,
            agents,
            names,
            hits,
            index,
            titles: titles::Titles::parse(titles::DEFAULT_TITLES).expect("embedded titles"),
            regions: regions::Regions::parse(regions::DEFAULT_REGIONS).expect("embedded regions"),
            members: titles::Members::parse(titles::DEFAULT_MEMBERS).expect("embedded members"),
            country_codes,
        }
    }

    /// Replaces the title list (`TITLE | ROLE | COUNTRY` lines).
    pub fn with_titles(mut self, text: &str) -> Result<Recogniser, String> {
        self.titles = titles::Titles::parse(text)?;
        Ok(self)
    }

    /// How many surface names are compiled.
    pub fn patterns(&self) -> usize {
        self.hits.len()
    }

    /// The actor entries (for `dyad dict lookup`).
    pub fn actors(&self) -> &[ActorEntry] {
        &self.actors
    }

    /// The agent entries.
    pub fn agents(&self) -> &[AgentEntry] {
        &self.agents
    }

    /// Raw dictionary matches on token (or hyphen) boundaries whose case
    /// agrees with a name, in text order, non-overlapping: at each place a
    /// word may start, the longest name that starts there; accepted, the
    /// search goes on after it, else at the next such place.
    pub(crate) fn raw_matches(&self, text: &str, start_ok: &[bool], end_ok: &[bool]) -> Vec<Raw> {
        let (norm, map) = normalise(text);
        let bytes = norm.as_bytes();
        let mut out = Vec::new();
        let mut pos = 0;
        while pos < bytes.len() {
            // A name is only accepted where a word may start: the first
            // normalised byte of a character that starts a token (or follows
            // a hyphen inside one).
            let may_start = norm.is_char_boundary(pos)
                && (pos == 0 || map[pos] != map[pos - 1])
                && start_ok[map[pos] as usize];
            if may_start {
                if let Some((me, pat)) = self.names.longest_at(bytes, pos) {
                    let (s, e) = (map[pos] as usize, char_end(text, map[me - 1]));
                    if end_ok[e] && self.hits[pat].iter().any(|h| case_ok(h.case, &text[s..e])) {
                        out.push(Raw {
                            start: s,
                            end: e,
                            pat,
                        });
                        pos = me;
                        continue;
                    }
                }
            }
            pos += 1;
        }
        out
    }

    /// Counts the names that start after a space (or at the start), the
    /// longest at each place, in a text (for benchmarks: the lookup's speed
    /// without the rules).
    pub fn count_matches(&self, text: &str) -> usize {
        let (norm, _) = normalise(text);
        let bytes = norm.as_bytes();
        let (mut n, mut pos) = (0, 0);
        while pos < bytes.len() {
            if pos == 0 || bytes[pos - 1] == b' ' {
                if let Some((end, _)) = self.names.longest_at(bytes, pos) {
                    n += 1;
                    pos = end;
                    continue;
                }
            }
            pos += 1;
        }
        n
    }

    /// Adds the actor mentions of a tagged and parsed document (replacing
    /// any there were).
    pub fn recognise(&self, doc: &mut Document) {
        let mentions = rules::recognise(self, doc);
        doc.mentions = mentions;
    }

    /// Every entry with a name equal (after normalisation) to `name`:
    /// actors, then agents.
    pub fn lookup(&self, name: &str) -> (Vec<&ActorEntry>, Vec<&AgentEntry>) {
        let key = normalise_str(name);
        let mut a: Vec<&ActorEntry> = Vec::new();
        let mut g: Vec<&AgentEntry> = Vec::new();
        if let Some(&p) = self.index.get(&key) {
            {
                for h in &self.hits[p] {
                    match h.what {
                        What::Agent | What::Modifier => {
                            let e = &self.agents[h.idx];
                            if !g.iter().any(|x| std::ptr::eq(*x, e)) {
                                g.push(e);
                            }
                        }
                        What::Anon => {}
                        _ => {
                            let e = &self.actors[h.idx];
                            if !a.iter().any(|x| std::ptr::eq(*x, e)) {
                                a.push(e);
                            }
                        }
                    }
                }
            }
        }
        (a, g)
    }
}

/// Recognises actors with dyad's default dictionaries.
pub fn recognise(doc: &mut Document) {
    Recogniser::default_english().recognise(doc);
}

enum Format {
    PetrarchActors,
    PetrarchAgents,
    Dyad,
}

fn file_format(p: &Path) -> Format {
    let name = p
        .file_name()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if name.ends_with(".actors") || name.contains(".actors.") {
        Format::PetrarchActors
    } else if name.ends_with(".agents") || name.contains(".agents.") {
        Format::PetrarchAgents
    } else {
        Format::Dyad
    }
}

pub(crate) fn case_of(name: &str, petrarch: bool) -> Case {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        if petrarch && (name.contains(' ') || letters.len() > 4) {
            Case::Capital
        } else {
            Case::Exact
        }
    } else if letters.first().is_some_and(|c| c.is_uppercase()) {
        Case::Capital
    } else {
        Case::Any
    }
}

pub(crate) fn case_ok(case: Case, surface: &str) -> bool {
    match case {
        Case::Any => true,
        Case::Capital => surface
            .chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(|c| c.is_uppercase()),
        Case::Exact => surface
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(|c| c.is_uppercase()),
    }
}

/// The normalised form of an ASCII character (none: dropped).
fn norm_ascii(c: u8) -> Option<u8> {
    match c {
        b'-' | b'_' => Some(b' '),
        b'`' => Some(b'\''),
        b'[' | b']' => None,
        c if (c as char).is_whitespace() => Some(b' '),
        c => Some(c.to_ascii_lowercase()),
    }
}

/// The normalised form of any other character.
fn norm_char(c: char, out: &mut String) {
    match c {
        '\u{2010}' | '\u{2011}' | '\u{2013}' => out.push(' '),
        '\u{2019}' | '\u{2018}' => out.push('\''),
        c if c.is_whitespace() => out.push(' '),
        c => out.extend(c.to_lowercase()),
    }
}

/// A normalised copy of `text` and, for each of its bytes, where the
/// original character it came from starts (its end: [`char_end`]; four
/// bytes a byte, not sixteen for both ends, as this is built for every
/// byte of every text). Runs of spaces are collapsed.
pub(crate) fn normalise(text: &str) -> (String, Vec<u32>) {
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len());
    normalise_into(text, &mut out, Some(&mut map));
    (out, map)
}

/// [`normalise`] into `out`, filling `map` when one is given.
fn normalise_into(text: &str, out: &mut String, mut map: Option<&mut Vec<u32>>) {
    // Offsets are kept in 32 bits (a document's cap is far below).
    assert!(u32::try_from(text.len()).is_ok(), "a text of 4 GiB or more");
    let mut buf = String::new();
    for (b, c) in text.char_indices() {
        // Most of the text: one byte in, one byte or none out, without the
        // buffer a character with a longer lower case needs.
        if c.is_ascii() {
            let Some(n) = norm_ascii(c as u8) else {
                continue;
            };
            if n == b' ' && (out.is_empty() || out.ends_with(' ')) {
                continue;
            }
            out.push(n as char);
            if let Some(map) = map.as_deref_mut() {
                map.push(b as u32);
            }
            continue;
        }
        buf.clear();
        norm_char(c, &mut buf);
        if buf == " " && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push_str(&buf);
        if let Some(map) = map.as_deref_mut() {
            map.extend(std::iter::repeat_n(b as u32, buf.len()));
        }
    }
}

/// Where the character of `text` that starts at byte `start` ends.
pub(crate) fn char_end(text: &str, start: u32) -> usize {
    let s = start as usize;
    s + text[s..].chars().next().map_or(0, char::len_utf8)
}

/// The normalised form of a name (trimmed), as the trie matches it:
/// lower case, hyphens and underscores as spaces, curly apostrophes
/// straight, editorial brackets dropped. Public so that a name from
/// elsewhere (a reference file, a user's list) compares with a mention's
/// text the way the recogniser compares it.
pub fn normalise_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    normalise_into(s.trim(), &mut out, None);
    out.trim().to_string()
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_news;
#[cfg(test)]
mod tests_periods;
#[cfg(test)]
mod tests_roles;
