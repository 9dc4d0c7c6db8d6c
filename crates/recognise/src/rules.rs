//! The recognition rules over raw dictionary matches: titles, role
//! phrases, capitals, outlets, appositions and coreference.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use dyad_dict::{ActorEntry, ActorKind, NaiveDate};
use dyad_document::{Document, Mention, MentionKind, Span};

use crate::{case_ok, Hit, Raw, Recogniser, What};

mod index;
mod media;
mod orgs;
mod parts;
mod periods;
mod roles;

use index::{Cover, Ends, Items};

/// Titles that belong to a person's mention when written before the name
/// (lower case, without a final full stop).
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "presidents",
    "vice president",
    "prime minister",
    "deputy prime minister",
    "minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "interior minister",
    "finance minister",
    "secretary of state",
    "secretary",
    "secretary general",
    "secretary-general",
    "chancellor",
    "premier",
    "king",
    "queen",
    "emir",
    "crown prince",
    "prince",
    "sultan",
    "gen",
    "general",
    "lt",
    "col",
    "colonel",
    "maj",
    "major",
    "field marshal",
    "marshal",
    "admiral",
    "commander",
    "sheikh",
    "ayatollah",
    "imam",
    "pope",
    "senator",
    "sen",
    "rep",
    "governor",
    "mayor",
    "speaker",
    "judge",
    "sir",
    "lord",
    "dame",
];

/// Prepositions whose object is a place, not an actor.
const LOCATIVE: &[&str] = &[
    "in",
    "to",
    "from",
    "at",
    "near",
    "into",
    "towards",
    "toward",
    "around",
    "across",
    "outside",
    "inside",
    "within",
    "via",
    "through",
    "throughout",
    "along",
    "beyond",
    "onto",
    "out",
];

/// Role nouns (lemmas) that stand for people, so an unnamed phrase headed
/// by one is an anonymous source.
const PERSON_NOUNS: &[&str] = &[
    "official",
    "diplomat",
    "analyst",
    "source",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "envoy",
    "negotiator",
    "commander",
    "officer",
    "expert",
    "observer",
    "activist",
    "resident",
    "witness",
    "aide",
    "adviser",
    "advisor",
    "insider",
    "journalist",
    "lawmaker",
    "minister",
    "soldier",
    "fighter",
    "rebel",
    "militant",
    "delegate",
    "ambassador",
    "leader",
];

/// Kinship nouns (lemmas): "the brother of X" says whose relative a person
/// is, not their role.
const KIN: &[&str] = &[
    "brother",
    "sister",
    "son",
    "daughter",
    "wife",
    "husband",
    "father",
    "mother",
    "widow",
    "widower",
    "cousin",
    "nephew",
    "niece",
    "uncle",
    "aunt",
    "grandson",
    "granddaughter",
    "grandfather",
    "grandmother",
    "relative",
    "fiancee",
    "fiance",
    "girlfriend",
    "boyfriend",
    "stepson",
    "stepdaughter",
    "child",
    "parent",
    "sibling",
    "spouse",
];

const NUMBERS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "dozen",
];

/// Words after "X-" in one token that make X the sponsor of a role phrase.
const SPONSOR: &[&str] = &[
    "backed",
    "sponsored",
    "supported",
    "allied",
    "aligned",
    "funded",
    "linked",
    "affiliated",
    "led",
    "controlled",
];

/// A chosen dictionary match, with its token range.
#[derive(Debug, Clone)]
struct Item {
    start: usize,
    end: usize,
    /// First and last token (inclusive).
    t0: usize,
    t1: usize,
    hit: Hit,
}

/// A mention being built, with a stable id (its index in the build list).
#[derive(Debug, Clone)]
struct M {
    m: Mention,
    t0: usize,
    t1: usize,
    /// The role code alone (`GOV`) of a role phrase.
    role_code: Option<String>,
    /// The country prefix was the document's focus, not read in the text.
    guessed: bool,
}

impl M {
    fn new(m: Mention, t0: usize, t1: usize) -> M {
        M {
            m,
            t0,
            t1,
            role_code: None,
            guessed: false,
        }
    }
}

struct Ctx<'a> {
    r: &'a Recogniser,
    doc: &'a Document,
    /// The publication date; `None` codes dated entries by their latest
    /// period (and says so in `code_as_of`).
    date: Option<NaiveDate>,
    /// Token containing each byte (u32::MAX between tokens), in 32 bits
    /// as it is built for every byte: read with [`Ctx::token_at`].
    tok_of: Vec<u32>,
    /// Per token, asked of every token by several passes: worked out once
    /// here rather than read from the tokens each time. Whether it is a
    /// capitalised proper noun ([`is_name_token`]) ...
    name: Vec<bool>,
    /// ... and its sentence ([`Ctx::sentence_of`]).
    sentence: Vec<u32>,
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> &str {
        self.doc.slice(self.doc.tokens[i].span)
    }
    /// The word in lower case; borrowed when it has no capital (most words),
    /// so asking costs no allocation.
    fn lower(&self, i: usize) -> Cow<'_, str> {
        let w = self.word(i);
        if w.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) {
            Cow::Borrowed(w)
        } else {
            Cow::Owned(w.to_lowercase())
        }
    }
    /// The token containing byte `b`, or usize::MAX.
    fn token_at(&self, b: usize) -> usize {
        match self.tok_of[b] {
            u32::MAX => usize::MAX,
            t => t as usize,
        }
    }
    fn tag(&self, i: usize) -> &'static str {
        self.doc.tokens[i].tag
    }
    fn sentence_of(&self, t: usize) -> usize {
        match self.sentence.get(t) {
            Some(&s) => s as usize,
            None => self
                .doc
                .sentences
                .partition_point(|s| s.last_token <= t)
                .min(self.doc.sentences.len().saturating_sub(1)),
        }
    }
    fn code_of(&self, h: &Hit) -> (Option<String>, Option<String>, Option<String>) {
        let e = &self.r.actors[h.idx];
        let codes = self.codes(e);
        match codes.first() {
            Some(c) => (
                Some(c.code.clone()),
                c.note.clone(),
                Some(format!("{}:{}", e.origin.file, c.line)),
            ),
            None => match self.former_office(e) {
                // Between terms or after the last, a person who held a state
                // office is one of the elites (CAMEO ELI), not nobody.
                Some((code, line)) => (
                    Some(code),
                    Some("former office holder".into()),
                    Some(format!("{}:{}", e.origin.file, line)),
                ),
                None => (None, None, Some(format!("{}:{}", e.origin.file, h.line))),
            },
        }
    }
    /// `XXXELI` for a person whose last state office (GOV, LEG, MIL, JUD, and
    /// the police and intelligence chiefs' COP and SPY)
    /// ended before the document's date, with that office's line.
    fn former_office(&self, e: &ActorEntry) -> Option<(String, usize)> {
        let d = self.date?;
        if e.kind != ActorKind::Person {
            return None;
        }
        let last = e
            .codes
            .iter()
            .filter(|c| !c.default && c.to.is_some_and(|t| t < d))
            .filter(|c| {
                c.code.len() == 6
                    && matches!(
                        &c.code[3..],
                        "GOV" | "LEG" | "MIL" | "JUD" | "COP" | "SPY" | "ELI"
                    )
            })
            .max_by_key(|c| c.to)?;
        Some((format!("{}ELI", &last.code[..3]), last.line))
    }
    fn codes<'e>(&self, e: &'e ActorEntry) -> Vec<&'e dyad_dict::CodePeriod> {
        match self.date {
            Some(d) => e.codes_on(d),
            None => e.codes_latest(),
        }
    }
    /// Whether [`Ctx::codes`] would give a code of its own, not only the
    /// entry's default (without building the list: asked of every match).
    fn has_role_code(&self, e: &ActorEntry) -> bool {
        match self.date {
            Some(d) => e.codes.iter().any(|c| !c.default && c.holds_on(d)),
            None => e.codes.iter().any(|c| !c.default),
        }
    }
    /// `latest` when a dated entry was coded without a publication date.
    fn as_of(&self, h: &Hit) -> Option<String> {
        (self.date.is_none() && self.r.actors[h.idx].is_dated()).then(|| "latest".to_string())
    }
    fn country_code(&self, it: &Item) -> Option<String> {
        self.code_of(&it.hit).0
    }
    fn agent_code(&self, h: &Hit) -> String {
        self.r.agents[h.idx].code.trim_matches('~').to_string()
    }
}

/// The day the document speaks from, for office terms. A date known only
/// to the month (`2019-11`, from a URL filed by month) is taken at the
/// month's middle: at most about two weeks off.
fn date_of(doc: &Document) -> Option<NaiveDate> {
    let p = doc.published.as_deref()?;
    match p.get(..10) {
        Some(day) => NaiveDate::parse_from_str(day, "%Y-%m-%d").ok(),
        None => NaiveDate::parse_from_str(&format!("{}-15", p.get(..7)?), "%Y-%m-%d").ok(),
    }
}

fn is_country(w: What) -> bool {
    matches!(w, What::CountryName | What::CountryAdj | What::Demonym)
}

fn is_agentish(w: What) -> bool {
    matches!(w, What::Agent | What::Modifier | What::Anon)
}

/// Runs every rule and returns the mentions in text order.
pub(crate) fn recognise(r: &Recogniser, doc: &Document) -> Vec<Mention> {
    if doc.tokens.is_empty() {
        return Vec::new();
    }
    let n = doc.text.len();
    let mut start_ok = vec![false; n + 1];
    let mut end_ok = vec![false; n + 1];
    let mut tok_of = vec![u32::MAX; n + 1];
    for (i, t) in doc.tokens.iter().enumerate() {
        start_ok[t.span.start] = true;
        end_ok[t.span.end] = true;
        for b in t.span.range() {
            tok_of[b] = i as u32;
        }
        for (k, c) in doc.slice(t.span).char_indices() {
            if c == '-' {
                end_ok[t.span.start + k] = true;
                start_ok[t.span.start + k + 1] = true;
            }
        }
    }
    let name = (0..doc.tokens.len())
        .map(|t| {
            matches!(doc.tokens[t].tag, "NNP" | "NNPS")
                && doc
                    .slice(doc.tokens[t].span)
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
        })
        .collect();
    // The sentence of each token: the first whose last token is after it,
    // or the last sentence (as `sentence_of` answers past them).
    let mut sentence = Vec::with_capacity(doc.tokens.len());
    let mut s = 0;
    for t in 0..doc.tokens.len() {
        while s < doc.sentences.len() && doc.sentences[s].last_token <= t {
            s += 1;
        }
        sentence.push(s.min(doc.sentences.len().saturating_sub(1)) as u32);
    }
    let cx = Ctx {
        r,
        doc,
        date: date_of(doc),
        tok_of,
        name,
        sentence,
    };
    let raws = r.raw_matches(&doc.text, &start_ok, &end_ok);
    let mut items: Vec<Item> = raws.iter().filter_map(|raw| choose(&cx, raw)).collect();
    adjective_before_agent(&cx, &mut items);

    let mut out: Vec<M> = Vec::new();
    // The outlet: never an actor.
    outlets(&cx, &mut items, &mut out);

    // Focus country: the most-mentioned one.
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for (k, it) in items.iter().enumerate() {
        if is_country(it.hit.what) || it.hit.what == What::Capital {
            if let Some(c) = cx.country_code(it) {
                let e = counts.entry(c).or_insert((0, k));
                e.0 += 1;
            }
        }
    }
    let focus = counts
        .into_iter()
        .max_by_key(|(_, (c, first))| (*c, usize::MAX - first))
        .map(|(c, _)| c)
        .or_else(|| region_focus(&cx));

    let mut used = vec![false; items.len()];
    let ix = Items::new(&items, doc.tokens.len());
    people_and_orgs(&cx, &items, &ix, &mut used, &mut out);
    agents(&cx, &items, &ix, &mut used, focus.as_deref(), &mut out);
    places(&cx, &items, &mut used, &mut out);
    out.sort_by_key(|m| (m.m.span.start, m.m.span.end));
    let ranges = parts::parts(doc, parts::PART_TOKENS);
    let mut out: Vec<M> = parts::split(out, &ranges)
        .into_iter()
        .zip(ranges)
        .flat_map(|(mut part, tokens)| {
            roles::titled_people(&cx, &mut part, tokens.clone(), focus.as_deref());
            appositions(&cx, &mut part, tokens.clone(), focus.as_deref());
            orgs::unknown_orgs(&cx, &mut part, tokens, focus.as_deref());
            role_of_place(&cx, &mut part);
            roles::groups_from_evidence(&cx, &mut part, focus.as_deref());
            part
        })
        .collect();
    roles::bare_nouns_repeat_their_compound(&cx, &mut out);
    coreference(&cx, &mut out);
    periods::governments_named_apart(&cx, &mut out);
    media::outlets_by_role(&cx, &mut out);

    // Text order, with `refers_to` remapped.
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| (out[i].m.span.start, out[i].m.span.end));
    let mut pos = vec![0; out.len()];
    for (p, &i) in order.iter().enumerate() {
        pos[i] = p;
    }
    order
        .into_iter()
        .map(|i| {
            let mut m = out[i].m.clone();
            m.refers_to = m.refers_to.map(|r| pos[r]);
            // A country prefix the text did not give is said to be a guess.
            if out[i].guessed && m.code.is_some() {
                let s = m.source.take().unwrap_or_default();
                m.source = Some(format!("{s}; country: document focus (guess)"));
            }
            m
        })
        .collect()
}

/// With no country named, the country whose first-level regions the text
/// names most ("teachers rallied in Indiana ..."): a state or province says
/// whose story it is as a country's name would.
fn region_focus(cx: &Ctx) -> Option<String> {
    let regions = &cx.r.regions;
    let nt = cx.doc.tokens.len();
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut k = 0;
    while k < nt {
        if !is_name_token(cx, k) || !regions.may_start(cx.word(k)) {
            k += 1;
            continue;
        }
        // The longest region name starting here.
        let found = (k + 1..=nt.min(k + regions.longest)).rev().find_map(|e| {
            let ws: Vec<&str> = (k..e).map(|j| cx.word(j)).collect();
            regions.country(&ws).map(|c| (c, e))
        });
        match found {
            Some((c, e)) => {
                let entry = counts.entry(c).or_insert((0, k));
                entry.0 += 1;
                k = e;
            }
            None => k += 1,
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, (n, first))| (*n, usize::MAX - first))
        .map(|(c, _)| c.to_string())
}

/// Picks what a raw match stands for, or drops it.
fn choose(cx: &Ctx, raw: &Raw) -> Option<Item> {
    let surface = &cx.doc.text[raw.start..raw.end];
    let best = cx.r.hits[raw.pat]
        .iter()
        .filter(|h| case_ok(h.case, surface))
        .filter(|h| match cx.date {
            Some(d) => h.from.is_none_or(|f| d >= f) && h.to.is_none_or(|t| d <= t),
            // Undated: former names (Yugoslavia) and capitals still stand.
            None => true,
        })
        // Undated, a current name wins over a former one that is also
        // listed (Moscow: Russia before the Soviet Union).
        .min_by_key(|h| (priority(cx, h), h.to.is_some()))?;
    let t0 = cx.token_at(raw.start);
    let t1 = cx.token_at(raw.end - 1);
    if t0 == usize::MAX || t1 == usize::MAX {
        return None;
    }
    Some(Item {
        start: raw.start,
        end: raw.end,
        t0,
        t1,
        hit: best.clone(),
    })
}

/// "The Australian Government", "The Nationalist Army": an organisation's
/// name (a newspaper called "The Australian") that ends in a country word
/// and runs on into a capitalised agent noun is that country's agent. The
/// item becomes the country word alone, which the agent rules join to the
/// noun after it.
fn adjective_before_agent(cx: &Ctx, items: &mut [Item]) {
    // A set, not a list: asked once per organisation on the page.
    let starts: std::collections::HashSet<usize> = items
        .iter()
        .filter(|it| is_agentish(it.hit.what))
        .map(|it| it.t0)
        .collect();
    for it in items.iter_mut() {
        if it.hit.what != What::Actor
            || cx.r.actors[it.hit.idx].kind == ActorKind::Person
            || !starts.contains(&(it.t1 + 1))
            || !cx
                .word(it.t1 + 1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
        {
            continue;
        }
        let shorter = (it.t0 + 1..=it.t1).find_map(|k| {
            let start = cx.doc.tokens[k].span.start;
            let pat = *cx
                .r
                .index
                .get(&crate::normalise_str(&cx.doc.text[start..it.end]))?;
            let item = choose(
                cx,
                &Raw {
                    start,
                    end: it.end,
                    pat,
                },
            )?;
            is_country(item.hit.what).then_some(item)
        });
        if let Some(s) = shorter {
            *it = s;
        }
    }
}

fn priority(cx: &Ctx, h: &Hit) -> u8 {
    match h.what {
        What::Actor => {
            let e = &cx.r.actors[h.idx];
            match e.kind {
                ActorKind::Person if cx.has_role_code(e) => 0,
                ActorKind::Person => 6,
                _ => 1,
            }
        }
        What::CountryName => 2,
        What::CountryAdj => 3,
        What::Demonym => 4,
        What::Capital => 5,
        What::Agent => 7,
        What::Modifier => 8,
        What::Anon => 9,
    }
}

fn mention(span: Span, kind: MentionKind) -> Mention {
    Mention {
        span,
        kind,
        ..Default::default()
    }
}

/// The document's outlet, and media organisations that are told things.
fn outlets(cx: &Ctx, items: &mut Vec<Item>, out: &mut Vec<M>) {
    let doc = cx.doc;
    let mut spans: Vec<(usize, usize)> = Vec::new();
    if let Some(o) = doc
        .outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
    {
        for (b, _) in doc.text.match_indices(o) {
            let e = b + o.len();
            let (t0, t1) = (cx.token_at(b), cx.token_at(e - 1));
            if t0 == usize::MAX
                || t1 == usize::MAX
                || doc.tokens[t0].span.start != b
                || doc.tokens[t1].span.end != e
            {
                continue;
            }
            spans.push((t0, t1));
        }
    }
    for it in items.iter() {
        if it.hit.what != What::Actor {
            continue;
        }
        let e = &cx.r.actors[it.hit.idx];
        if e.org_type.as_deref() == Some("media") && told(cx, it.t0, it.t1) {
            spans.push((it.t0, it.t1));
        }
    }
    // One pass over the matches, whatever the number of outlet mentions.
    let mut taken = vec![false; doc.tokens.len()];
    for &(t0, t1) in &spans {
        taken[t0..=t1].iter_mut().for_each(|x| *x = true);
    }
    items.retain(|it| !taken[it.t0..=it.t1].iter().any(|&x| x));
    let mut seen = std::collections::HashSet::new();
    for (t0, t1) in spans {
        let span = Span::new(doc.tokens[t0].span.start, doc.tokens[t1].span.end);
        if !seen.insert(span) {
            continue;
        }
        let mut m = mention(span, MentionKind::Outlet);
        m.entity = Some(doc.slice(span).to_string());
        m.role = Some("news outlet".into());
        out.push(M::new(m, t0, t1));
    }
}

/// Whether tokens `t0..=t1` are told something: the object of "tell", or
/// right after "told (the)".
fn told(cx: &Ctx, t0: usize, t1: usize) -> bool {
    let toks = &cx.doc.tokens;
    let object = (t0..=t1).any(|t| {
        matches!(toks[t].rel, "dobj" | "dative")
            && toks[t].head.is_some_and(|h| toks[h].lemma == "tell")
    });
    object
        || (t0 > 0 && toks[t0 - 1].lemma == "tell")
        || (t0 > 1 && cx.lower(t0 - 1) == "the" && toks[t0 - 2].lemma == "tell")
}

/// People (with titles) and organisations.
fn people_and_orgs(cx: &Ctx, items: &[Item], ix: &Items, used: &mut [bool], out: &mut Vec<M>) {
    for (k, it) in items.iter().enumerate() {
        if it.hit.what != What::Actor || used[k] {
            continue;
        }
        let e = &cx.r.actors[it.hit.idx];
        let (code, note, source) = cx.code_of(&it.hit);
        used[k] = true;
        if e.kind == ActorKind::Person {
            let (mut t0, mut start) = (it.t0, it.start);
            let mut title = false;
            while let Some(len) = title_before(cx, t0) {
                t0 -= len;
                start = cx.doc.tokens[t0].span.start;
                title = true;
            }
            for s in t0..it.t0 {
                for &j in ix.starting(s) {
                    if items[j].t1 < it.t0 {
                        used[j] = true;
                    }
                }
            }
            if title && t0 > 0 {
                if let Some(j) = ix
                    .ending(t0 - 1)
                    .iter()
                    .copied()
                    .find(|&j| items[j].hit.what == What::CountryAdj)
                {
                    if !used[j] {
                        used[j] = true;
                        t0 = items[j].t0;
                        start = items[j].start;
                    }
                }
            }
            let mut m = mention(Span::new(start, it.end), MentionKind::Person);
            m.code = code;
            m.code_as_of = cx.as_of(&it.hit);
            m.entity = Some(e.name.clone());
            m.role = note;
            m.source = source;
            out.push(M::new(m, t0, it.t1));
        } else {
            let mut m = mention(Span::new(it.start, it.end), MentionKind::Org);
            m.code = code;
            m.code_as_of = cx.as_of(&it.hit);
            m.entity = Some(e.name.clone());
            m.role = e.org_type.clone();
            m.source = source;
            out.push(M::new(m, it.t0, it.t1));
        }
    }
}

/// The length in tokens of a title ending just before token `t`.
fn title_before(cx: &Ctx, t: usize) -> Option<usize> {
    for k in (1..=3).rev() {
        if t < k {
            continue;
        }
        let first = cx.word(t - k);
        if !first.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let words: Vec<String> = (t - k..t).map(|i| cx.lower(i).into_owned()).collect();
        let joined = words.join(" ");
        let joined = joined.trim_end_matches('.');
        if TITLES.contains(&joined) {
            return Some(k);
        }
    }
    None
}

/// Role words that are also common surnames. Only these are read as
/// surnames: "California Governor" or "Polytechnic University" stay roles.
const SURNAME_ROLES: &[&str] = &[
    "king",
    "queen",
    "bishop",
    "major",
    "judge",
    "marshal",
    "prince",
    "duke",
    "knight",
    "dean",
    "pope",
    "cardinal",
    "priest",
    "sheriff",
    "mayor",
    "baron",
    "earl",
    "lord",
    "chancellor",
];

/// Role words written as the last word of a name in no dictionary ("Kevin
/// King", "John Major"): the capitalised role word right after a
/// capitalised proper noun that no dictionary entry covers and that is no
/// title.
fn surnames(cx: &Ctx, items: &[Item], ix: &Items) -> Vec<String> {
    let mut out = Vec::new();
    for it in items
        .iter()
        .filter(|it| it.t0 == it.t1 && is_agentish(it.hit.what))
    {
        let t = it.t0;
        if t == 0 || !cx.word(t).chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let p = t - 1;
        let known = ix.covers(p);
        let title = TITLES.contains(&cx.lower(p).trim_end_matches('.'));
        if is_name_token(cx, p)
            && !known
            && !title
            && cx.sentence_of(p) == cx.sentence_of(t)
            && SURNAME_ROLES.contains(&&*cx.lower(t))
        {
            out.push(cx.lower(t).into_owned());
        }
    }
    out
}

/// Role phrases: [count] [adjectives] [country] [modifiers] agent nouns.
fn agents(
    cx: &Ctx,
    items: &[Item],
    ix: &Items,
    used: &mut [bool],
    focus: Option<&str>,
    out: &mut Vec<M>,
) {
    let doc = cx.doc;
    let surnames = surnames(cx, items, ix);
    // The people and organisations found so far, by last token; an
    // organisation taken into a role phrase is removed at the end.
    let mut ends = Ends::new(out);
    let mut i = 0;
    while i < items.len() {
        if used[i] || !is_agentish(items[i].hit.what) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j + 1 < items.len()
            && !used[j + 1]
            && is_agentish(items[j + 1].hit.what)
            && doc.text[items[j].end..items[j + 1].start]
                .trim_matches(|c: char| c == ' ' || c == '-')
                .is_empty()
        {
            j += 1;
        }
        let next = j + 1;
        let mut last = j;
        while last > i && items[last].hit.what == What::Modifier {
            last -= 1;
        }
        if items[last].hit.what == What::Modifier {
            i = next;
            continue;
        }
        let head = items[last].t1;
        let ht = &doc.tokens[head];
        // An agent word used as a modifier of another noun ("military
        // bases", "government control") is no actor.
        let modifier_of_other = ht.tag.starts_with("JJ")
            || (matches!(ht.rel, "compound" | "amod" | "nmod")
                && ht.head.is_some_and(|h| {
                    h > head && doc.tokens[h].tag.starts_with("NN") && !cx.lower(h).is_empty()
                }));
        if modifier_of_other {
            i = next;
            continue;
        }
        // A role word that is someone's surname ("Kevin King", then "King
        // and Weeks were abducted") is no role.
        let capital = cx.word(head).chars().next().is_some_and(char::is_uppercase);
        let bare = items[i].t0 == 0 || !matches!(cx.tag(items[i].t0 - 1), "DT" | "PRP$" | "POS");
        if i == last && capital && bare && {
            let w = cx.lower(head);
            surnames.iter().any(|s| *s == *w)
        } {
            i = next;
            continue;
        }
        // Role code: specific roles win over MIL, MIL over GOV.
        let codes: Vec<(String, &Hit)> = (i..=last)
            .filter(|&k| items[k].hit.what != What::Anon)
            .map(|k| (cx.agent_code(&items[k].hit), &items[k].hit))
            .collect();
        let rank = |c: &str| match c {
            "GOV" => 2,
            "MIL" => 1,
            _ => 0,
        };
        let chosen = codes.iter().min_by_key(|(c, _)| rank(c));
        // Left extension: count, adjectives, one country.
        let mut t0 = items[i].t0;
        let mut start = items[i].start;
        let mut country: Option<String> = None;
        let mut sponsor: Option<String> = None;
        let mut count: Option<u32> = None;
        let mut steps = 0;
        let mut role_note: Option<&str> = None;
        // An organisation right before the role nouns ("Hamas officials").
        let mut org_code: Option<String> = None;
        // A sponsor inside the first token ("Iran-backed militias").
        loop {
            if t0 == 0 || steps > 6 {
                break;
            }
            steps += 1;
            let p = t0 - 1;
            if country.is_none() {
                let mut q = p;
                let possessive = matches!(&*cx.lower(p), "'s" | "\u{2019}s" | "'");
                if possessive && p > 0 {
                    q = p - 1;
                }
                if let Some(c) = ix.ending(q).iter().copied().find(|&c| {
                    let c = &items[c];
                    (is_country(c.hit.what) || (possessive && c.hit.what == What::Capital))
                        && c.end <= doc.tokens[q].span.end
                }) {
                    if !used[c] {
                        let tok = doc.tokens[q].span;
                        let rest = doc.text[items[c].end..tok.end].to_lowercase();
                        let rest = rest.trim_start_matches('-');
                        if items[c].end < tok.end && !SPONSOR.contains(&rest) {
                            break;
                        }
                        if items[c].end < tok.end {
                            sponsor = Some(cx.word(q).to_string());
                        }
                        used[c] = true;
                        country = cx.country_code(&items[c]);
                        if items[c].hit.what == What::Capital {
                            role_note = Some("capital");
                        }
                        t0 = items[c].t0;
                        start = tok.start.min(items[c].start);
                        if doc.tokens[t0].span.start < start {
                            start = doc.tokens[t0].span.start;
                        }
                        continue;
                    }
                }
            }
            if country.is_none() && org_code.is_none() {
                if let Some(o) = ends.find(out, p, |m| m.m.kind == MentionKind::Org) {
                    ends.remove(o);
                    let o = &out[o];
                    org_code = o.m.code.clone();
                    t0 = o.t0;
                    start = o.m.span.start;
                    break;
                }
                // A leader's name before an institution ("the Lula
                // government", "the Trump administration"): the leader's
                // country; the person stays a mention of their own.
                if let Some(o) = ends.find(out, p, |m| {
                    m.m.kind == MentionKind::Person
                        && m.m.code.as_deref().is_some_and(|c| c.len() >= 3)
                }) {
                    country = out[o].m.code.as_deref().map(|c| c[..3].to_string());
                    break;
                }
            }
            let w = cx.lower(p);
            let tag = cx.tag(p);
            let covered = ix.covers(p);
            if covered {
                break;
            }
            if tag == "CD" || NUMBERS.contains(&&*w) {
                count = number(&w);
                t0 = p;
                start = doc.tokens[p].span.start;
                continue;
            }
            if matches!(tag, "JJ" | "JJS" | "JJR" | "VBN")
                && w.chars().next().is_some_and(char::is_lowercase)
            {
                t0 = p;
                start = doc.tokens[p].span.start;
                continue;
            }
            break;
        }
        for u in used.iter_mut().take(j + 1).skip(i) {
            *u = true;
        }
        // The country after `of`: "the King of Jordan", "the president of
        // France".
        let mut end = items[last].end;
        if country.is_none()
            && org_code.is_none()
            && head + 2 < doc.tokens.len()
            && cx.sentence_of(head + 2) == cx.sentence_of(head)
            && cx.lower(head + 1) == "of"
        {
            let mut q = head + 2;
            if q + 1 < doc.tokens.len() && cx.lower(q) == "the" {
                q += 1;
            }
            if let Some(c) = ix
                .starting(q)
                .iter()
                .copied()
                .find(|&c| is_country(items[c].hit.what) && !used[c])
            {
                used[c] = true;
                country = cx.country_code(&items[c]);
                end = items[c].end;
            }
        }
        let span = Span::new(start, end);
        let mut m = mention(span, MentionKind::Agent);
        let lemma = &doc.tokens[head].lemma;
        if let Some((code, hit)) = chosen {
            let a = &cx.r.agents[hit.idx];
            let prefix = country.as_deref().or(focus);
            m.code = Some(match (&org_code, prefix) {
                (Some(o), _) if code == "GOV" => o.clone(),
                (Some(o), _) if o.len() >= 3 => format!("{}{code}", &o[..3]),
                (_, Some(p)) if a.prefix => format!("{p}{code}"),
                (_, Some(p)) => format!("{code}{p}"),
                _ => code.clone(),
            });
            let _ = role_note;
            m.role = Some(match &sponsor {
                Some(s) => format!("{s} {lemma}"),
                None => a.label.clone(),
            });
            m.source = Some(format!("{}:{}", a.origin.file, hit.line));
        }
        let anon_noun = items[last].hit.what == What::Anon;
        m.anonymous = anon_noun || PERSON_NOUNS.contains(&lemma.to_lowercase().as_str());
        m.count = count;
        let mut built = M::new(m, t0, head);
        built.role_code = chosen.map(|(c, _)| c.clone());
        built.guessed = country.is_none() && org_code.is_none() && focus.is_some();
        out.push(built);
        i = next;
    }
    ends.compact(out);
}

fn number(w: &str) -> Option<u32> {
    if let Ok(n) = w.replace(',', "").parse::<u32>() {
        return Some(n);
    }
    NUMBERS
        .iter()
        .position(|x| *x == w)
        .map(|p| if p == 12 { 12 } else { p as u32 + 1 })
}

/// Countries (names, adjectives, demonyms) and capitals acting as actors.
fn places(cx: &Ctx, items: &[Item], used: &mut [bool], out: &mut Vec<M>) {
    for (k, it) in items.iter().enumerate() {
        if used[k] {
            continue;
        }
        let e = &cx.r.actors[it.hit.idx];
        let (code, _, _) = cx.code_of(&it.hit);
        let kind = match it.hit.what {
            w if is_country(w) => MentionKind::Country,
            What::Capital => {
                if is_place(cx, it.t1) {
                    continue;
                }
                MentionKind::Capital
            }
            _ => continue,
        };
        used[k] = true;
        let mut m = mention(Span::new(it.start, it.end), kind);
        m.code = match kind {
            MentionKind::Capital => code.map(|c| format!("{c}GOV")),
            _ => code,
        };
        m.entity = Some(e.name.clone());
        m.source = Some(format!("{}:{}", e.origin.file, it.hit.line));
        if kind == MentionKind::Capital {
            m.role = Some("government".into());
        }
        out.push(M::new(m, it.t0, it.t1));
    }
}

/// Whether a token is a place: the object of a locative preposition,
/// directly or through compounds and appositions ("in the Kazakh capital
/// Astana").
fn is_place(cx: &Ctx, t: usize) -> bool {
    let toks = &cx.doc.tokens;
    let mut t = t;
    for _ in 0..4 {
        match toks[t].rel {
            // "via Moscow and Paris": a conjunct is where its head is.
            "compound" | "appos" | "flat" | "conj" => match toks[t].head {
                Some(h) => t = h,
                None => return false,
            },
            "pobj" => {
                return toks[t]
                    .head
                    .is_some_and(|h| LOCATIVE.contains(&&*cx.lower(h)));
            }
            _ => break,
        }
    }
    // Fallback when the parse is unsure: right after a locative word.
    t > 0 && LOCATIVE.contains(&&*cx.lower(t - 1)) && toks[t].rel != "nsubj"
}

/// "the mayor of Santa Ana", "the governor of New York": a role phrase
/// followed by "of (the) Name" is one anonymous agent of that place or
/// body. The name becomes part of the role phrase, so no later stage reads
/// it as a person (the places stage still finds the place inside it).
fn role_of_place(cx: &Ctx, out: &mut [M]) {
    let nt = cx.doc.tokens.len();
    for i in 0..out.len() {
        if out[i].m.kind != MentionKind::Agent || out[i].role_code.is_none() {
            continue;
        }
        let mut k = out[i].t1 + 1;
        // "troops from Uganda": the country the role comes from, not the
        // document's focus.
        if out[i].guessed && k + 1 < nt && cx.lower(k) == "from" {
            let c = out
                .iter()
                .find(|m| m.t0 == k + 1 && matches!(m.m.kind, MentionKind::Country))
                .and_then(|m| m.m.code.as_deref())
                .and_then(|c| roles::country_of(cx, c));
            if let (Some(c), Some(r)) = (c, out[i].role_code.clone()) {
                out[i].m.code = Some(format!("{c}{r}"));
                out[i].guessed = false;
            }
            continue;
        }
        if k >= nt || cx.lower(k) != "of" {
            continue;
        }
        k += 1;
        if k < nt && cx.lower(k) == "the" {
            k += 1;
        }
        let sent = cx.sentence_of(out[i].t0);
        let mut b = k;
        while b < nt
            && b < k + 4
            && cx.sentence_of(b) == sent
            && is_name_token(cx, b)
            && !covered(out, b)
        {
            b += 1;
        }
        // A name that goes on, or runs into another mention, is not this
        // pattern ("the head of Acme Holdings Ltd").
        if b == k || (b < nt && (is_name_token(cx, b) || covered(out, b))) {
            continue;
        }
        let span = Span::new(out[i].m.span.start, cx.doc.tokens[b - 1].span.end);
        out[i].m.span = span;
        out[i].t1 = b - 1;
    }
}

/// A person's own nationality word before the name ("Australian Name, a
/// professor at the American University") is nearer evidence of their
/// country than the organisation in their apposition: it replaces the
/// country of `code`, keeping the role.
fn with_nationality(cx: &Ctx, out: &[M], a: usize, code: Option<String>) -> Option<String> {
    let code = code?;
    let nat = (a > 0)
        .then(|| {
            out.iter()
                .find(|m| m.t1 + 1 == a && m.m.kind == MentionKind::Country)
        })
        .flatten()
        .and_then(|m| m.m.code.as_deref())
        .filter(|c| c.len() == 3);
    match (nat, roles::country_of(cx, &code)) {
        (Some(n), Some(c)) => Some(format!("{n}{}", &code[c.len()..])),
        _ => Some(code),
    }
}

fn covered(out: &[M], t: usize) -> bool {
    out.iter().any(|m| m.t0 <= t && t <= m.t1)
}

/// A capitalised proper noun (worked out for every token in [`recognise`]).
fn is_name_token(cx: &Ctx, t: usize) -> bool {
    cx.name[t]
}

/// People in no dictionary, named with an apposition: "Name, spokesman for
/// the X opposition delegation" -> a Person coded from the role phrase.
fn appositions(cx: &Ctx, out: &mut Vec<M>, tokens: Range<usize>, focus: Option<&str>) {
    let doc = cx.doc;
    let nt = doc.tokens.len();
    let mut cover = Cover::of(out, tokens.clone());
    let mut t = tokens.start;
    while t < tokens.end {
        if !is_name_token(cx, t) || cover.has(t) {
            t += 1;
            continue;
        }
        let a = t;
        let mut b = t;
        while b + 1 < nt && is_name_token(cx, b + 1) && !cover.has(b + 1) {
            b += 1;
        }
        t = b + 1;
        // Titles at the front are coreference, handled later.
        let mut a2 = a;
        while a2 <= b && TITLES.contains(&cx.lower(a2).trim_end_matches('.')) {
            a2 += 1;
        }
        if a2 > a || b - a2 < 1 || b + 2 >= nt || cx.word(b + 1) != "," {
            continue;
        }
        if cx.sentence_of(a) != cx.sentence_of(b + 2) {
            continue;
        }
        let mut r0 = b + 2;
        // "Name, who is the ...": a relative clause that only says the role.
        if r0 + 2 < nt && cx.lower(r0) == "who" && matches!(&*cx.lower(r0 + 1), "is" | "was") {
            r0 += 2;
        }
        let send = doc.sentences[cx.sentence_of(a)].last_token;
        // "Name, the younger brother of the group's leader": a relative,
        // whose role is not the one named after "of".
        if (r0..(r0 + 4).min(send)).any(|k| {
            KIN.contains(&doc.tokens[k].lemma.to_lowercase().as_str())
                && k + 1 < nt
                && cx.lower(k + 1) == "of"
        }) {
            continue;
        }
        // Roles said without a role noun: "Name, who represents X" (a
        // lawyer), "Name, 55, of Town" (a private person, as news style
        // introduces one).
        let age = cx.tag(r0) == "CD"
            && cx
                .word(r0)
                .parse::<u32>()
                .is_ok_and(|n| (1..=120).contains(&n))
            && r0 + 1 < nt
            && matches!(cx.word(r0 + 1), "," | ".");
        let lawyer =
            cx.lower(r0) == "who" && r0 + 1 < nt && doc.tokens[r0 + 1].lemma == "represent";
        if age || lawyer {
            let role = if lawyer { "JUD" } else { "CVL" };
            let rc = roles::described_code(cx, out, role, (r0, (r0 + 8).min(send)), (a, b), focus);
            let span = Span::new(doc.tokens[a].span.start, doc.tokens[b].span.end);
            let mut m = mention(span, MentionKind::Person);
            m.entity = Some(words(doc.slice(span)));
            m.role = Some(if lawyer { "lawyer" } else { "private person" }.into());
            m.code = rc.code;
            let mut built = M::new(m, a, b);
            built.guessed = rc.guessed;
            cover.add(&built);
            out.push(built);
            continue;
        }
        if !matches!(
            cx.tag(r0),
            "DT" | "JJ" | "JJS" | "NN" | "NNS" | "NNP" | "PRP$" | "CD"
        ) {
            continue;
        }
        let mut r1 = r0;
        while r1 < send && r1 - r0 < 25 {
            let w = cx.word(r1);
            let tag = cx.tag(r1);
            if matches!(
                w,
                "," | "." | ";" | ":" | "(" | "\u{201c}" | "\u{201d}" | "\""
            ) || matches!(tag, "WDT" | "WP" | "VBD" | "VBZ" | "VBP" | "MD")
            {
                break;
            }
            r1 += 1;
        }
        // The agent mentions inside the role phrase; the most specific wins.
        let inside: Vec<usize> = (0..out.len())
            .filter(|&i| {
                let m = &out[i];
                m.m.kind == MentionKind::Agent && m.t0 >= r0 && m.t1 < r1 && m.role_code.is_some()
            })
            .collect();
        let rank = |m: &M| {
            let c = m.m.code.as_deref().unwrap_or("");
            let role = c.get(3..).unwrap_or("");
            match role {
                "GOV" | "ELI" => 2,
                "MIL" => 1,
                _ if c.is_empty() => 3,
                _ => 0,
            }
        };
        let best = match inside.first() {
            Some(&f) if out[f].t0 > r0 + 5 => continue,
            Some(_) => inside.iter().copied().min_by_key(|&i| rank(&out[i])),
            None => None,
        };
        let Some(rc) = roles::apposition_code(cx, out, best, (r0, r1.max(r0 + 1)), (a, b), focus)
        else {
            continue;
        };
        let span = Span::new(doc.tokens[a].span.start, doc.tokens[b].span.end);
        let role_span = Span::new(
            doc.tokens[r0].span.start,
            doc.tokens[r1.max(r0 + 1) - 1].span.end,
        );
        let mut m = mention(span, MentionKind::Person);
        m.entity = Some(words(doc.slice(span)));
        m.role = Some(doc.slice(role_span).to_string());
        m.code = with_nationality(cx, out, a, rc.code);
        m.source = best.and_then(|i| out[i].m.source.clone());
        let mut built = M::new(m, a, b);
        built.guessed = rc.guessed;
        cover.add(&built);
        out.push(built);
    }
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn key(s: &str) -> String {
    crate::normalise_str(s)
}

/// Short forms ("Mr Name", a surname) and he/she linked to the full mention.
fn coreference(cx: &Ctx, out: &mut Vec<M>) {
    let doc = cx.doc;
    // Dictionary people: later mentions of the same entity link to the first.
    let mut first: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<usize> = (0..out.len()).collect();
    order.sort_by_key(|&i| out[i].m.span.start);
    for &i in &order {
        if out[i].m.kind != MentionKind::Person {
            continue;
        }
        let e = out[i].m.entity.clone().unwrap_or_default();
        match first.get(&e) {
            Some(&f) => out[i].m.refers_to = Some(f),
            None => {
                first.insert(e, i);
            }
        }
    }
    // "Mr Name" and bare surnames of people found earlier: each person by
    // the word endings of their name ("maria santos", "santos"), and by
    // position, so that finding the last one before a name costs a lookup.
    let nt = doc.tokens.len();
    let mut cover = Cover::of(out, 0..nt);
    let mut by_name: HashMap<String, BTreeMap<usize, usize>> = HashMap::new();
    let index_name =
        |out: &[M], i: usize, by_name: &mut HashMap<String, BTreeMap<usize, usize>>| {
            if out[i].m.kind != MentionKind::Person {
                return;
            }
            let e = key(out[i].m.entity.as_deref().unwrap_or(""));
            let mut ends: Vec<&str> = vec![e.as_str()];
            ends.extend(e.match_indices(' ').map(|(k, _)| &e[k + 1..]));
            for end in ends {
                by_name
                    .entry(end.to_string())
                    .or_default()
                    .insert(out[i].m.span.start, i);
            }
        };
    for i in 0..out.len() {
        index_name(out, i, &mut by_name);
    }
    let mut t = 0;
    while t < nt {
        if !is_name_token(cx, t) || cover.has(t) {
            t += 1;
            continue;
        }
        let a = t;
        let mut title_end = a;
        while title_end < nt && TITLES.contains(&cx.lower(title_end).trim_end_matches('.')) {
            title_end += 1;
        }
        let mut b = title_end;
        while b < nt && is_name_token(cx, b) && !cover.has(b) {
            b += 1;
        }
        t = b.max(a + 1);
        if b == title_end {
            continue;
        }
        let surname = key(doc.slice(Span::new(
            doc.tokens[title_end].span.start,
            doc.tokens[b - 1].span.end,
        )));
        let start = doc.tokens[a].span.start;
        let ante = by_name
            .get(&surname)
            .and_then(|at| at.range(..start).next_back())
            .map(|(_, &i)| i);
        if ante.is_none() && title_end == a {
            continue;
        }
        let span = Span::new(start, doc.tokens[b - 1].span.end);
        let mut m = mention(span, MentionKind::Person);
        match ante {
            Some(i) => {
                let root = out[i].m.refers_to.unwrap_or(i);
                m.refers_to = Some(root);
                m.code = out[root].m.code.clone();
                m.code_as_of = out[root].m.code_as_of.clone();
                m.entity = out[root].m.entity.clone();
                m.role = out[root].m.role.clone();
            }
            None => m.entity = Some(words(doc.slice(span))),
        }
        let built = M::new(m, a, b - 1);
        cover.add(&built);
        out.push(built);
        index_name(out, out.len() - 1, &mut by_name);
    }
    // he / she: the last person in this or the previous sentence,
    // preferring subjects; the people in text order, to walk back from the
    // pronoun only as far as two sentences.
    let mut people: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].m.kind == MentionKind::Person)
        .collect();
    people.sort_by_key(|&i| (out[i].m.span.start, i));
    for t in 0..nt {
        // Asked of every token: compared in place, not lower-cased into a
        // new string (no other character lower-cases to these letters).
        let w = cx.word(t);
        if !(w.eq_ignore_ascii_case("he") || w.eq_ignore_ascii_case("she")) || cover.has(t) {
            continue;
        }
        let s = cx.sentence_of(t);
        let start = doc.tokens[t].span.start;
        let before = people.partition_point(|&i| out[i].m.span.start < start);
        let near = people[..before]
            .iter()
            .rev()
            .take_while(|&&i| cx.sentence_of(out[i].t0) + 2 >= s)
            .count();
        let cands = &people[before - near..before];
        let is_subj = |i: usize| {
            (out[i].t0..=out[i].t1).any(|k| matches!(doc.tokens[k].rel, "nsubj" | "nsubjpass"))
        };
        let pick = cands
            .iter()
            .copied()
            .filter(|&i| is_subj(i))
            .max_by_key(|&i| out[i].m.span.start)
            .or_else(|| cands.iter().copied().max_by_key(|&i| out[i].m.span.start));
        let Some(i) = pick else { continue };
        let root = out[i].m.refers_to.unwrap_or(i);
        let mut m = mention(doc.tokens[t].span, MentionKind::Pronoun);
        m.refers_to = Some(root);
        m.code = out[root].m.code.clone();
        m.code_as_of = out[root].m.code_as_of.clone();
        m.entity = out[root].m.entity.clone();
        let built = M::new(m, t, t);
        cover.add(&built);
        out.push(built);
    }
}
