//! Reading and checking actor, agent and verb dictionaries.
//!
//! dyad codes political events in the CAMEO ontology: who (an actor code such
//! as `SYRGOV`) did what (a CAMEO event code such as `042`) to whom. The
//! knowledge behind those codes lives in plain-text dictionaries. This crate
//! turns those files into plain data and checks them; it does no matching
//! (a later stage compiles the entries into automata).
//!
//! Two families of files are read:
//!
//! * **dyad's own dictionaries** (`dictionaries/actors/*.txt`, format in
//!   `dictionaries/README.md`): [`read_dyad_actors`] gives [`ActorEntry`]s
//!   (countries, people, organisations) and [`AgentEntry`]s (role nouns). It
//!   applies the same rules as `tools/check_dictionary.py`.
//! * **PETRARCH/TABARI dictionaries**, as they are published:
//!   [`read_petrarch_actors`] (`.actors`), [`read_petrarch_agents`]
//!   (`.agents`), [`read_discards`], [`read_issues`], and the verb pattern
//!   files [`read_verbs_petrarch1`] (`PETR.Validate.verbs.txt`) and
//!   [`read_verbs_petrarch2`] (`CAMEO.2.0.txt`). The published files contain a
//!   few malformed lines; these readers collect one [`DictError`] per bad
//!   line (named `file:line: message`) and keep going, so they return a
//!   [`Loaded`] value: what parsed plus the list of errors. Only an unreadable
//!   file is a hard `Err`.
//!
//! * **dyad's event dictionaries** (`dictionaries/events/`): [`read_cameo`]
//!   gives the CAMEO code table ([`CameoCode`]: name, QuadClass, Goldstein,
//!   PLOVER type and mode) and [`read_event_patterns`] the verb and noun
//!   patterns ([`EventPattern`]).
//!
//! [`check`] validates a set of entries as `dyad dict check` will: duplicate
//! entries, one name with conflicting codes at the same time, overlapping
//! periods of one code, reversed ranges and malformed codes.
//!
//! Every item keeps its [`Origin`] (file and 1-based line), and verb patterns
//! keep their raw text, so that later stages can explain a match.
//!
//! Choices worth knowing:
//!
//! * Dates are inclusive at both ends (PETRARCH reads `<`, `>` and ranges as
//!   "or equal"). A dyad date written as `YYYY` or `YYYY-MM` starts on the
//!   first day of that period when it opens a range and ends on its last day
//!   when it closes one.
//! * PETRARCH two-digit years: `00`-`29` are 20xx, `30`-`99` are 19xx.
//! * PETRARCH names are given with spaces for `_`, and the trailing `_`
//!   ("whole word") is dropped; case is kept as written.
//! * Blanks inside a PETRARCH date restriction (`[EGYGOV > 140608]`,
//!   `[HOBGOV 19950601 - 19990815]`) are accepted, as PETRARCH accepts them:
//!   the reading is unambiguous. Dates with the wrong number of digits, a
//!   bare date with no `<`, `>` or range, impossible dates and ranges ending
//!   before they start are errors, and the code is left out.

mod check;
mod dyad;
mod events;
mod petrarch;
mod text;
mod verbs;

use std::fmt;
use std::path::Path;

pub use check::{check, Problem, ProblemKind};
pub use chrono::NaiveDate;
pub use dyad::{parse_dyad_actors, read_dyad_actors};
pub use events::{
    parse_cameo, parse_event_patterns, read_cameo, read_event_patterns, CameoCode, EventPattern,
    Part, QuadClass, NO_EVENT,
};
pub use petrarch::{
    parse_discards, parse_issues, parse_petrarch_actors, parse_petrarch_agents, read_discards,
    read_issues, read_petrarch_actors, read_petrarch_agents,
};
pub use verbs::{
    parse_verbs, read_verbs_petrarch1, read_verbs_petrarch2, PatternToken, Synset, Transformation,
    VerbBlock, VerbDictionary, VerbFlavour, VerbPattern, VerbWord,
};

/// A calendar date (re-export of [`chrono::NaiveDate`]).
pub type Date = NaiveDate;

/// Where an item was written: file (as given to the reader) and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A problem in one line of a dictionary file. Displays as `file:line: msg`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {msg}")]
pub struct DictError {
    pub file: String,
    /// 1-based line; 0 when the whole file is concerned (unreadable).
    pub line: usize,
    pub msg: String,
}

impl DictError {
    pub(crate) fn new(file: &str, line: usize, msg: impl Into<String>) -> Self {
        DictError {
            file: file.to_string(),
            line,
            msg: msg.into(),
        }
    }
}

/// What a lenient reader produced: the value built from every line that
/// parsed, and one error per line that did not.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded<T> {
    pub value: T,
    pub errors: Vec<DictError>,
}

impl<T> Loaded<T> {
    /// The value if no line was malformed, else all the errors.
    pub fn strict(self) -> Result<T, Vec<DictError>> {
        if self.errors.is_empty() {
            Ok(self.value)
        } else {
            Err(self.errors)
        }
    }
}

/// One code and the period in which it holds (both ends inclusive; `None` is
/// open).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodePeriod {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    /// dyad's `what:` text; `None` for PETRARCH codes.
    pub note: Option<String>,
    /// Line on which the code was written.
    pub line: usize,
    /// A fallback: the code holds only on days when no other, non-default
    /// code of the entry holds. The header code of a dyad country or org
    /// and every undated PETRARCH code (`JOHN_DOE_ [USAGOV]` with dated
    /// lines below it) are defaults; an undated dyad `code:` line is not (it
    /// holds at all times).
    pub default: bool,
}

impl CodePeriod {
    /// Whether the code holds on day `d`.
    pub fn holds_on(&self, d: NaiveDate) -> bool {
        self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t)
    }
}

/// The kind of an actor entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    Country,
    Person,
    Org,
    /// An entry of a PETRARCH/TABARI `.actors` file (no kind is written there).
    Petrarch,
}

/// A name (capital, former name) that holds between two dates.
pub type DatedName = (String, Option<NaiveDate>, Option<NaiveDate>);

/// One actor: a country, person, organisation, or PETRARCH actor.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorEntry {
    pub kind: ActorKind,
    /// The primary name (dyad: the header's name; PETRARCH: the first phrase).
    pub name: String,
    /// Every surface form, primary first, as written (spaces, not
    /// underscores), without case-insensitive repeats, except that an
    /// all-capital short form and its spelling with one capital are both
    /// kept (`NATO` and `Nato`: matchers read all capitals strictly).
    pub names: Vec<String>,
    /// Codes with their periods. A country has its ISO3 code and an org its
    /// header code, both as defaults (see [`CodePeriod::default`]), then any
    /// `code:` lines.
    pub codes: Vec<CodePeriod>,
    /// ISO3 of the person's or organisation's country (dyad `country:`).
    pub country: Option<String>,
    pub iso2: Option<String>,
    pub adjectives: Vec<String>,
    pub demonyms: Vec<String>,
    /// Capitals that stand for the government, with the years they held.
    pub capitals: Vec<DatedName>,
    /// Former names of a country, each with its range.
    pub historic: Vec<DatedName>,
    /// dyad org `type:` (`igo`, `ngo`, `party`, ...).
    pub org_type: Option<String>,
    pub origin: Origin,
}

impl ActorEntry {
    pub(crate) fn new(kind: ActorKind, name: String, origin: Origin) -> Self {
        ActorEntry {
            kind,
            names: vec![name.clone()],
            name,
            codes: Vec::new(),
            country: None,
            iso2: None,
            adjectives: Vec::new(),
            demonyms: Vec::new(),
            capitals: Vec::new(),
            historic: Vec::new(),
            org_type: None,
            origin,
        }
    }

    /// Adds a name unless it is already there (ignoring case, but not
    /// whether it is written in all capitals).
    pub(crate) fn add_name(&mut self, name: String) {
        let caps = |s: &str| {
            let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
            letters.peek().is_some() && letters.all(char::is_uppercase)
        };
        if !name.is_empty()
            && !self
                .names
                .iter()
                .any(|n| n.eq_ignore_ascii_case(&name) && caps(n) == caps(&name))
        {
            self.names.push(name);
        }
    }

    /// The codes that hold on day `d`, in the order written: the
    /// non-default codes whose period holds, or, when there are none, the
    /// default codes.
    /// The codes of the entry's latest period, for a document with no date:
    /// the non-default code that ends last (an open end is latest; ties go
    /// to the later start), else the defaults. Knowing someone's codes is
    /// better than erasing them for want of a date.
    pub fn codes_latest(&self) -> Vec<&CodePeriod> {
        let key = |c: &CodePeriod| {
            (
                c.to.unwrap_or(NaiveDate::MAX),
                c.from.unwrap_or(NaiveDate::MIN),
            )
        };
        match self
            .codes
            .iter()
            .filter(|c| !c.default)
            .max_by_key(|c| key(c))
        {
            Some(best) => vec![best],
            None => self.codes.iter().filter(|c| c.default).collect(),
        }
    }

    /// Whether the entry has codes bounded in time (so that its code
    /// depends on the date).
    pub fn is_dated(&self) -> bool {
        self.codes
            .iter()
            .any(|c| !c.default && (c.from.is_some() || c.to.is_some()))
    }

    pub fn codes_on(&self, d: NaiveDate) -> Vec<&CodePeriod> {
        let v: Vec<&CodePeriod> = self
            .codes
            .iter()
            .filter(|c| !c.default && c.holds_on(d))
            .collect();
        if v.is_empty() {
            self.codes.iter().filter(|c| c.default).collect()
        } else {
            v
        }
    }
}

/// A role noun ("government", "FOREIGN MINISTER") and the agent code it gives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// The code as written: dyad `GOV`; PETRARCH `~GOV` or `NGO~`.
    pub code: String,
    /// dyad: the header's label; PETRARCH: the phrase as written (spaces for
    /// `_`, substitution markers not expanded).
    pub label: String,
    /// Every noun form: dyad `names:`; PETRARCH the phrase with substitution
    /// sets (`!PERSON!`) expanded and plurals added (regular ones, or the
    /// `{...}` override; `{}` means none).
    pub nouns: Vec<String>,
    /// dyad `modifiers:` (PETRARCH has none).
    pub modifiers: Vec<String>,
    /// Whether the agent code goes after a country code (`~GOV`: USA +
    /// GOV = USAGOV). dyad agents always do. `false` for PETRARCH codes
    /// without a leading `~`: `NGO~` (agent code placed before the actor
    /// code) or a bare code that stands alone.
    pub prefix: bool,
    pub origin: Origin,
}

/// A PETRARCH discard phrase: a sentence (or, with `story`, a whole story)
/// containing it is not coded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// The phrase as written, without the leading `+`.
    pub phrase: String,
    /// `+` lines discard the whole story.
    pub story: bool,
    pub origin: Origin,
}

/// A PETRARCH issue phrase and its code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueEntry {
    /// The phrase as written, markers (`n:`, `v:`, `+`) included.
    pub phrase: String,
    /// The issue code; `~` (sentence) or `~~` (story) for ignore phrases.
    pub code: String,
    /// The surface forms PETRARCH generates: `+` gives a space and a hyphen
    /// version, `n:` a regular plural, `v:` regular verb forms.
    pub forms: Vec<String>,
    /// The `<ISSUE CATEGORY="...">` section the phrase is in.
    pub category: Option<String>,
    pub origin: Origin,
}

/// Reads a file as UTF-8 (invalid bytes are replaced).
pub(crate) fn read_text(path: &Path) -> Result<(String, String), DictError> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => Ok((String::from_utf8_lossy(&bytes).into_owned(), name)),
        Err(e) => Err(DictError::new(&name, 0, format!("cannot read: {e}"))),
    }
}
