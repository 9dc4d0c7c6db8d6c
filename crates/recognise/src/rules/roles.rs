//! People in no dictionary whose role the text states before their name
//! ("Sen. Jane Doe", "Energy Secretary John Roe", "White House press
//! secretary Ann Lee", "former special envoy to Peru Bob Tull"), and the
//! country of such people from the nearest evidence: the title's own
//! modifiers and organisation, the title itself (US news-style
//! abbreviations), a party-state tag after the name ("D-Minn."), then the
//! sentence, the paragraph and the document; the document's focus country
//! only as a last resort, marked as a guess.

use std::collections::HashMap;
use std::ops::Range;

use dyad_document::{MentionKind, Span};

use super::{covered, is_name_token, mention, words, Cover, Ctx, M};
use crate::case_ok;
use crate::titles::Title;

/// Head words of organisation names the dictionaries don't list, with the
/// role the organisation gives its people.
const ORG_HEADS: &[(&str, &str)] = &[
    ("university", "EDU"),
    ("college", "EDU"),
    ("school", "EDU"),
    ("academy", "EDU"),
    ("institute", "NGO"),
    ("institution", "NGO"),
    ("foundation", "NGO"),
    ("center", "NGO"),
    ("centre", "NGO"),
    ("fund", "NGO"),
    ("association", "NGO"),
    ("federation", "NGO"),
    ("society", "NGO"),
    ("union", "LAB"),
    ("company", "BUS"),
    ("corporation", "BUS"),
    ("corp", "BUS"),
    ("inc", "BUS"),
    ("group", "BUS"),
    ("bank", "BUS"),
    ("holdings", "BUS"),
    ("partners", "BUS"),
    ("hospital", "HLH"),
    ("clinic", "HLH"),
    ("church", "REL"),
    ("prosecution", "JUD"),
    ("prosecutions", "JUD"),
    ("prosecutor", "JUD"),
    ("court", "JUD"),
    ("party", "PTY"),
];

/// Roles a generic title takes from its organisation ("director", "CEO").
fn generic(role: &str) -> bool {
    matches!(role, "GOV" | "BUS")
}

/// The country of a code (`USAGOV` -> `USA`), if it starts with one.
pub(super) fn country_of(cx: &Ctx, code: &str) -> Option<String> {
    let c = code.get(..3)?;
    cx.r.country_codes.contains(c).then(|| c.to_string())
}

/// The role of an organisation name the dictionaries don't list, from its
/// last word ("Tulsa University" -> EDU).
pub(super) fn org_head_role(word: &str) -> Option<&'static str> {
    let w = word.trim_end_matches('.').to_lowercase();
    ORG_HEADS.iter().find(|(h, _)| *h == w).map(|(_, r)| *r)
}

/// Heads of organisation names whose members may be named in them
/// ("Ohio Nurses Association", "Federation of Retail Businesses").
const MEMBER_HEADS: &[&str] = &[
    "association",
    "federation",
    "society",
    "union",
    "guild",
    "league",
];

/// The role of the organisation whose name's head word is token `k`: an
/// association takes the role of the members its name names ("Teachers
/// Association" -> LAB, "Manufacturers Association" -> BUS), else the
/// head's own role.
pub(super) fn org_role_at(cx: &Ctx, k: usize) -> Option<String> {
    let head = org_head_role(cx.word(k))?;
    let w = cx.lower(k);
    if MEMBER_HEADS.contains(&w.trim_end_matches('.')) {
        let capital = |j: usize| cx.word(j).chars().next().is_some_and(char::is_uppercase);
        let before = (k.saturating_sub(4)..k).rev().take_while(|&j| capital(j));
        let nt = cx.doc.tokens.len();
        let after = (k + 2..(k + 5).min(nt)).take_while(|&j| cx.lower(k + 1) == "of" && capital(j));
        if let Some(r) = before
            .chain(after)
            .find_map(|j| cx.r.members.role(cx.word(j)))
        {
            return Some(r.to_string());
        }
    }
    Some(head.to_string())
}

/// The country of the party a capitalised word names ("Republican",
/// "Labour", "Democratic": the word, its plural or "WORD Party" is a party
/// in the dictionaries); `Some(None)` for a party of no one country.
fn party_word(cx: &Ctx, w: &str) -> Option<Option<String>> {
    [w.to_string(), format!("{w}s"), format!("{w} Party")]
        .iter()
        .filter_map(|n| cx.r.index.get(&crate::normalise_str(n)))
        .flat_map(|&p| &cx.r.hits[p])
        .filter(|h| h.what == crate::What::Actor && case_ok(h.case, w))
        .find_map(|h| {
            let e = &cx.r.actors[h.idx];
            let code = cx.code_of(h).0.unwrap_or_default();
            (e.org_type.as_deref() == Some("party")
                || code.ends_with("PTY")
                || code.ends_with("OPP"))
            .then(|| country_of(cx, &code))
        })
}

/// Whether token `p` is a name of one word right before the title at `ts`
/// ("Republican counsel"), not a word of a longer name ("Liberal Democrat
/// leader", whose words name other countries' parties).
fn lone_before(cx: &Ctx, p: usize, ts: usize) -> bool {
    p + 1 == ts
        && (p == 0
            || !cx
                .word(p - 1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase))
}

/// The paragraph holding token `t`.
fn paragraph_of(cx: &Ctx, t: usize) -> Option<Span> {
    cx.doc.paragraph_at(cx.doc.tokens[t].span.start)
}

/// The country most of the mentions in `[a, b)` (bytes) stand for, outside
/// tokens `t0..=t1`: people, organisations, capitals, role phrases with a
/// country read in the text, and countries that are not places ("in Peru").
fn majority(cx: &Ctx, out: &[M], a: usize, b: usize, t0: usize, t1: usize) -> Option<String> {
    // Code -> (weight, nearest distance, first mention): the first mention
    // breaks a tie of weight and distance, so the answer does not depend on
    // the map's iteration order (which changes from run to run).
    let mut counts: HashMap<String, (usize, usize, usize)> = HashMap::new();
    for (k, m) in out.iter().enumerate() {
        if m.m.span.start < a || m.m.span.end > b || (m.t0 <= t1 && m.t1 >= t0) {
            continue;
        }
        let Some(code) = m.m.code.as_deref() else {
            continue;
        };
        let ok = match m.m.kind {
            // News media report from anywhere: no evidence of a country.
            MentionKind::Org => m.m.role.as_deref() != Some("media"),
            MentionKind::Person | MentionKind::Capital => true,
            // "Russia-backed militias" are backed by Russia, not in it.
            MentionKind::Agent => !m.guessed && !sponsored(cx, m),
            // A country that acts or qualifies ("Ukraine said", "Ukrainian
            // officials"), not one acted on or met ("with the Ukrainians").
            MentionKind::Country => {
                !super::is_place(cx, m.t1)
                    && !matches!(cx.doc.tokens[m.t1].rel, "pobj" | "dobj" | "dative" | "attr")
            }
            _ => false,
        };
        if !ok {
            continue;
        }
        if let Some(c) = country_of(cx, code) {
            let dist = if m.t0 > t1 { m.t0 - t1 } else { t0 - m.t1 };
            // Actors (people, bodies, governments) say more of where a
            // person belongs than a country named as a topic does.
            let weight = if m.m.kind == MentionKind::Country {
                1
            } else {
                2
            };
            let e = counts.entry(c).or_insert((0, usize::MAX, k));
            e.0 += weight;
            e.1 = e.1.min(dist);
        }
    }
    counts
        .into_iter()
        .max_by_key(|(_, (n, d, first))| (*n, usize::MAX - d, usize::MAX - first))
        .map(|(c, _)| c)
}

/// A role phrase whose country is its sponsor ("Iran-backed").
fn sponsored(cx: &Ctx, m: &M) -> bool {
    let text = cx.doc.slice(m.m.span).to_lowercase();
    super::SPONSOR
        .iter()
        .any(|w| text.contains(&format!("-{w}")))
}

/// The country for a person at tokens `t0..=t1` from the text around:
/// sentence, paragraph, document, in that order.
pub(super) fn country_around(cx: &Ctx, out: &[M], t0: usize, t1: usize) -> Option<String> {
    if let Some(c) = country_in_sentence(cx, out, t0, t1) {
        return Some(c);
    }
    if let Some(p) = paragraph_of(cx, t0) {
        if let Some(c) = majority(cx, out, p.start, p.end, t0, t1) {
            return Some(c);
        }
    }
    majority(cx, out, 0, cx.doc.text.len(), t0, t1)
}

/// The country most mentions in the sentence of tokens `t0..=t1` stand for.
fn country_in_sentence(cx: &Ctx, out: &[M], t0: usize, t1: usize) -> Option<String> {
    let s = &cx.doc.sentences[cx.sentence_of(t0)];
    let toks = &cx.doc.tokens;
    let sa = toks[s.first_token].span.start;
    let sb = toks[s.last_token.max(s.first_token + 1) - 1].span.end;
    majority(cx, out, sa, sb, t0, t1)
}

/// A party-state tag after a name (", D-Minn." or "(R-Texas)"): a member of
/// the US Congress or a US state legislature.
fn party_state_tag(cx: &Ctx, b: usize) -> bool {
    let nt = cx.doc.tokens.len();
    if b + 2 >= nt || !matches!(cx.word(b + 1), "," | "(") {
        return false;
    }
    let w = cx.word(b + 2);
    let mut ch = w.chars();
    matches!(ch.next(), Some('D' | 'R' | 'I'))
        && ch.next() == Some('-')
        && ch.next().is_some_and(char::is_uppercase)
}

/// What stands before a title: modifiers that say whose it is.
#[derive(Default)]
struct Chain {
    start: usize,
    country: Option<String>,
    org_code: Option<String>,
    org_role: Option<String>,
    /// A country named inside an organisation's name the dictionaries
    /// lack ("the American X Institute").
    org_country: Option<String>,
    former: bool,
    /// A party is named before the title ("Republican counsel", "Labour
    /// leader").
    party: bool,
}

/// Reads leftwards from token `s` (exclusive): countries, organisations,
/// capitalised words (an organisation the dictionaries lack, named by its
/// head word), "former".
fn chain_before(cx: &Ctx, out: &[M], s: usize, limit: usize) -> Chain {
    let mut c = Chain {
        start: s,
        ..Default::default()
    };
    let sent = cx.sentence_of(s);
    let mut steps = 0;
    while c.start > 0 && steps < limit {
        steps += 1;
        let p = c.start - 1;
        if cx.sentence_of(p) != sent {
            break;
        }
        if let Some(m) = out.iter().find(|m| m.t0 <= p && p <= m.t1) {
            match m.m.kind {
                MentionKind::Country | MentionKind::Capital => {
                    if c.country.is_none() {
                        c.country = m.m.code.as_deref().and_then(|x| country_of(cx, x));
                    }
                }
                MentionKind::Org => {
                    let code = m.m.code.clone().unwrap_or_default();
                    let party = code.ends_with("PTY") || m.m.role.as_deref() == Some("party");
                    if c.country.is_none() {
                        c.country = country_of(cx, &code);
                    }
                    c.party |= party;
                    if !party && c.org_code.is_none() {
                        c.org_code = Some(code);
                    }
                }
                MentionKind::Agent if !m.guessed => {
                    if c.country.is_none() {
                        c.country = m.m.code.as_deref().and_then(|x| country_of(cx, x));
                    }
                }
                _ => break,
            }
            c.start = m.t0;
            continue;
        }
        let w = cx.lower(p);
        // "Sweden's deputy director": the possessor's country.
        if matches!(&*w, "'s" | "\u{2019}s") && p > 0 {
            if let Some(m) = out.iter().find(|m| {
                m.t1 == p - 1 && matches!(m.m.kind, MentionKind::Country | MentionKind::Capital)
            }) {
                if c.country.is_none() {
                    c.country = m.m.code.as_deref().and_then(|x| country_of(cx, x));
                }
                c.start = m.t0;
                continue;
            }
            break;
        }
        if matches!(&*w, "former" | "ex") {
            c.former = true;
            c.start = p;
            continue;
        }
        let word = cx.word(p);
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        if capital && matches!(cx.tag(p), "NNP" | "NNPS" | "NN" | "NNS" | "JJ") {
            if c.org_role.is_none() {
                c.org_role = org_role_at(cx, p);
            }
            if let Some(country) = party_word(cx, word) {
                c.party = true;
                if lone_before(cx, p, s) {
                    c.country = c.country.take().or(country);
                }
            }
            c.start = p;
            continue;
        }
        if !capital && matches!(cx.tag(p), "NN" | "JJ") && steps <= 2 {
            // "high school math teacher": lower-case words of the title.
            c.start = p;
            continue;
        }
        break;
    }
    c
}

/// The code of a titled or described person.
pub(super) struct RoleCode {
    pub code: Option<String>,
    pub guessed: bool,
}

/// Combines what a title and its surroundings say into one code.
#[allow(clippy::too_many_arguments)]
fn code_for(
    cx: &Ctx,
    out: &[M],
    role: &str,
    title_country: Option<&str>,
    chain: &Chain,
    name: (usize, usize),
    focus: Option<&str>,
) -> RoleCode {
    let mut role = role.to_string();
    // A generic title takes the role of its organisation.
    if let Some(o) = &chain.org_code {
        match country_of(cx, o) {
            None if generic(&role) && !o.is_empty() => {
                return RoleCode {
                    code: Some(o.clone()),
                    guessed: false,
                }
            }
            Some(_) if role == "GOV" && o.len() > 3 => role = o[3..].to_string(),
            _ => {}
        }
    } else if let Some(r) = &chain.org_role {
        if generic(&role) {
            role = r.clone();
        }
    }
    if chain.former
        && matches!(
            role.as_str(),
            "GOV" | "LEG" | "MIL" | "JUD" | "COP" | "SPY" | "PTY" | "OPP"
        )
    {
        role = "ELI".into();
    }
    // The organisation's country before a country that modifies the role:
    // "White House Russia adviser", "a China scholar at the American X
    // Institute" (the country there is the subject, not the employer).
    let country = chain
        .org_code
        .as_deref()
        .and_then(|o| country_of(cx, o))
        .or_else(|| chain.org_country.clone())
        .or_else(|| chain.country.clone())
        .or_else(|| title_country.map(str::to_string))
        .or_else(|| party_state_tag(cx, name.1).then(|| "USA".to_string()))
        .or_else(|| country_around(cx, out, name.0, name.1));
    match country {
        Some(c) => RoleCode {
            code: Some(format!("{c}{role}")),
            guessed: false,
        },
        None => RoleCode {
            code: Some(match focus {
                Some(f) => format!("{f}{role}"),
                None => role,
            }),
            guessed: focus.is_some(),
        },
    }
}

/// The country of a region named by uncovered words between `from` and the
/// title at `ts` ("Ohio Attorney General", "Bavaria Interior Minister"),
/// the first and longest name.
pub(super) fn region_before(cx: &Ctx, out: &[M], from: usize, ts: usize) -> Option<String> {
    let longest = cx.r.regions.longest;
    (from..ts)
        .filter(|&k| cx.r.regions.may_start(cx.word(k)) && !covered(out, k))
        .find_map(|k| {
            (k + 1..=ts.min(k + longest)).rev().find_map(|e| {
                if (k..e).any(|j| covered(out, j)) {
                    return None;
                }
                let ws: Vec<&str> = (k..e).map(|j| cx.word(j)).collect();
                cx.r.regions.country(&ws).map(str::to_string)
            })
        })
}

/// The longest title ending at token `e` (within its sentence).
fn title_ending<'r>(cx: &'r Ctx, e: usize) -> Option<(&'r Title, usize)> {
    let sent = &cx.doc.sentences[cx.sentence_of(e)];
    let from = sent
        .first_token
        .max((e + 1).saturating_sub(cx.r.titles.longest));
    let ws: Vec<&str> = (from..=e).map(|k| cx.word(k)).collect();
    cx.r.titles.ending_at(&ws)
}

/// What the mentions found so far cover, kept up to date while
/// [`titled_people`] adds people and drops the mentions inside their titles:
/// the questions it asks at every capitalised word cost nothing, and only a
/// title that is found pays for a look through the mentions.
struct Seen {
    all: Cover,
    people: Cover,
    /// Where role phrases end.
    agent_ends: Cover,
    /// Where countries, organisations and capitals end.
    body_ends: Cover,
}

impl Seen {
    fn new(out: &[M], tokens: Range<usize>) -> Seen {
        Seen {
            all: Cover::of(out, tokens.clone()),
            people: Cover::of_kinds(out, tokens.clone(), &[MentionKind::Person]),
            agent_ends: Cover::ends_of(out, tokens.clone(), &[MentionKind::Agent]),
            body_ends: Cover::ends_of(
                out,
                tokens,
                &[MentionKind::Country, MentionKind::Org, MentionKind::Capital],
            ),
        }
    }
    fn add(&mut self, m: &M) {
        self.all.add(m);
        self.people.add(m);
        self.agent_ends.add(m);
        self.body_ends.add(m);
    }
    fn remove(&mut self, m: &M) {
        self.all.remove(m);
        self.people.remove(m);
        self.agent_ends.remove(m);
        self.body_ends.remove(m);
    }
}

/// Finds "TITLE Name" for names no dictionary lists and adds them as coded
/// people.
pub(super) fn titled_people(cx: &Ctx, out: &mut Vec<M>, tokens: Range<usize>, focus: Option<&str>) {
    let nt = cx.doc.tokens.len();
    let mut seen = Seen::new(out, tokens.clone());
    let mut t = tokens.start;
    while t < tokens.end {
        if !is_name_token(cx, t) || seen.all.has(t) {
            t += 1;
            continue;
        }
        let a = t;
        let mut b = t;
        while b + 1 < nt
            && is_name_token(cx, b + 1)
            && !seen.all.has(b + 1)
            && cx.sentence_of(b + 1) == cx.sentence_of(a)
        {
            b += 1;
        }
        t = b + 1;
        // The last title inside the run that leaves a name after it, else a
        // title right before the run.
        let mut found: Option<(usize, usize, &Title)> = None;
        for e in (a.saturating_sub(1)..b).rev() {
            if let Some((ti, k)) = title_ending(cx, e) {
                if e + 1 - k < a && e >= a && !title_may_start_before(cx, &seen, e + 1 - k, a) {
                    continue;
                }
                if e < a && !ti.words[0].chars().all(char::is_lowercase) && seen.people.has(e) {
                    continue;
                }
                found = Some((e + 1 - k, e, ti));
                break;
            }
        }
        let (ts, mut names, role, tcountry, agent, title_words) = match found {
            Some((s, e, ti)) => (
                s,
                e + 1,
                ti.role.clone(),
                ti.country.clone(),
                None,
                Some(&ti.words),
            ),
            None => match title_or_role_before(cx, out, &seen, a) {
                Some((ts, role, c, agent)) => (ts, a, role, c, agent, None),
                None => continue,
            },
        };
        // "Director of Public Prosecution Name": the organisation's words
        // lead the run; the name follows its head word.
        if names == a {
            if let Some(k) = (a..b).rev().find(|&k| org_head_role(cx.word(k)).is_some()) {
                names = k + 1;
            }
        }
        // "commander of Kowloon West": the object of "of" is a place or a
        // body, not the title's holder; nor is a run a lower-case noun
        // goes on from ("Kowloon West district").
        let after_of = |k: usize| k > 0 && cx.lower(k - 1) == "of";
        if names == a && (after_of(a) || (a > 1 && cx.lower(a - 1) == "the" && after_of(a - 1))) {
            continue;
        }
        if b + 1 < nt
            && matches!(cx.tag(b + 1), "NN" | "NNS")
            && cx
                .word(b + 1)
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        {
            continue;
        }
        let n_names = b + 1 - names;
        let abbreviated = names > 0 && cx.word(names - 1).ends_with('.');
        if n_names == 0 || n_names > 4 || (n_names == 1 && !abbreviated) {
            continue;
        }
        if (names..=b).any(|k| not_a_name(cx.word(k))) {
            continue;
        }
        let mut chain = chain_before(cx, out, ts, 8);
        // Words of the run before the title ("Energy", "Acting Homeland
        // Security") belong to the title.
        for k in a..ts {
            if chain.org_role.is_none() {
                chain.org_role = org_role_at(cx, k);
            }
            if let Some(country) = party_word(cx, cx.word(k)) {
                chain.party = true;
                if lone_before(cx, k, ts) {
                    chain.country = chain.country.take().or(country);
                }
            }
        }
        // Between the title and the name: "of (the) [Swedish] ORGANISATION".
        let mut after_of = false;
        for k in ts..names {
            let w = cx.lower(k);
            if w == "of" {
                after_of = true;
                continue;
            }
            if after_of {
                if chain.org_role.is_none() {
                    chain.org_role = org_role_at(cx, k);
                }
                if chain.country.is_none() {
                    chain.country = out
                        .iter()
                        .find(|m| m.t0 == k && m.m.kind == MentionKind::Country)
                        .and_then(|m| m.m.code.as_deref())
                        .and_then(|c| country_of(cx, c));
                }
            }
        }
        // "Ohio Attorney General Name": a region before the title gives its
        // country, which no other mention around may contradict.
        if chain.country.is_none() && chain.org_code.is_none() {
            chain.country = region_before(cx, out, chain.start.min(a), ts);
        }
        if chain.country.is_none() && chain.org_code.is_none() && tcountry.is_none() {
            chain.country = title_words.and_then(|w| same_title_country(cx, out, ts, w));
        }
        let start_tok = chain.start.min(ts).min(a);
        let former_in_agent = agent.is_some_and(|i| {
            (out[i].t0..=out[i].t1).any(|k| matches!(&*cx.lower(k), "former" | "ex"))
        });
        chain.former |= former_in_agent;
        let role = party_title_role(cx, &role, &chain, ts, names);
        let rc = code_for(
            cx,
            out,
            &role,
            tcountry.as_deref(),
            &chain,
            (names, b),
            focus,
        );
        let span = Span::new(
            cx.doc.tokens[start_tok].span.start,
            cx.doc.tokens[b].span.end,
        );
        let name_span = Span::new(cx.doc.tokens[names].span.start, cx.doc.tokens[b].span.end);
        let role_span = Span::new(
            cx.doc.tokens[start_tok].span.start,
            cx.doc.tokens[names - 1].span.end,
        );
        let mut m = mention(span, MentionKind::Person);
        m.entity = Some(words(cx.doc.slice(name_span)));
        m.role = Some(words(cx.doc.slice(role_span)));
        m.code = rc.code;
        m.source = Some("dictionaries/actors/titles/en.txt".into());
        // The title's own mentions (a country, an organisation, a role
        // phrase) are now part of the person.
        let inside = |o: &M| o.t0 >= start_tok && o.t1 <= b;
        for o in out.iter().filter(|o| inside(o)) {
            seen.remove(o);
        }
        out.retain(|o| !inside(o));
        let mut built = M::new(m, start_tok, b);
        built.guessed = rc.guessed;
        seen.add(&built);
        out.push(built);
    }
}

/// The country of the nearest earlier role phrase that ends in the same
/// title and names its country ("Austria's interior minister said ...
/// Interior Minister Name said"): the same office, so the same country,
/// whatever else the text is about.
fn same_title_country(cx: &Ctx, out: &[M], ts: usize, words: &[String]) -> Option<String> {
    let n = words.len();
    out.iter()
        .filter(|m| m.m.kind == MentionKind::Agent && !m.guessed && m.t1 < ts)
        .filter(|m| m.t1 + 1 >= m.t0 + n)
        .filter(|m| {
            (0..n).all(|i| cx.lower(m.t1 + 1 - n + i).trim_end_matches('.') == words[i].as_str())
        })
        .max_by_key(|m| m.t1)
        .and_then(|m| m.m.code.as_deref())
        .and_then(|c| country_of(cx, c))
}

/// A title after a party's name: a counsel is the party's committee staff,
/// which CAMEO codes with the legislature (LEG), as it does committee
/// staff generally ("Democratic counsel", "minority counsel", "committee
/// counsel"); a leader is the party's (PTY, Phoenix PARTY_LEADER).
fn party_title_role(cx: &Ctx, role: &str, chain: &Chain, ts: usize, names: usize) -> String {
    let last = (ts..names)
        .rev()
        .map(|k| cx.lower(k))
        .find(|w| w.chars().any(char::is_alphabetic))
        .unwrap_or_default();
    let staff_word = (chain.start.min(ts)..names).any(|k| {
        matches!(
            &*cx.lower(k),
            "committee" | "minority" | "majority" | "subcommittee"
        )
    });
    match (role, &*last) {
        ("JUD", "counsel" | "counselor" | "counsellor") if chain.party || staff_word => {
            "LEG".into()
        }
        ("GOV", "leader") if chain.party => "PTY".into(),
        _ => role.to_string(),
    }
}

/// A title or role phrase ending right before token `a`, or before "to
/// (the) X" there ("ambassador to the European Union Name", "envoy to Peru
/// Name": X is where the office points, not whose it is). Gives the title's
/// first token, role, own country and the role phrase's index in `out`.
type Before = (usize, String, Option<String>, Option<usize>);

fn title_or_role_before(cx: &Ctx, out: &[M], seen: &Seen, a: usize) -> Option<Before> {
    let at = |e: usize| -> Option<Before> {
        let agent = seen.agent_ends.has(e).then(|| {
            out.iter()
                .position(|m| m.m.kind == MentionKind::Agent && m.t1 == e && m.role_code.is_some())
        });
        if let Some(i) = agent.flatten() {
            let m = &out[i];
            let role = m.role_code.clone().unwrap_or_default();
            let c = (!m.guessed)
                .then(|| m.m.code.as_deref().and_then(|x| country_of(cx, x)))
                .flatten();
            return Some((m.t0, role, c, Some(i)));
        }
        let (ti, k) = title_ending(cx, e)?;
        if seen.people.has(e) {
            return None;
        }
        Some((e + 1 - k, ti.role.clone(), ti.country.clone(), None))
    };
    if a == 0 {
        return None;
    }
    if let Some(r) = seen.agent_ends.has(a - 1).then(|| at(a - 1)).flatten() {
        return Some(r);
    }
    // "ROLE, Name,": a title set off by commas ("the interior minister,
    // Name, said").
    let nt = cx.doc.tokens.len();
    let mut e = a - 1;
    if cx.word(e) == "," && e > 0 && name_then_comma(cx, a, nt) {
        e -= 1;
        if let Some(r) = at(e) {
            return Some(r);
        }
    }
    // "ROLE of (the) ORGANISATION(,) Name": the title before "of".
    let first = cx.doc.sentences[cx.sentence_of(a)].first_token;
    if let Some(q) = (e.saturating_sub(5).max(first)..=e)
        .rev()
        .find(|&q| cx.lower(q) == "of")
    {
        let plain = (q + 1..=e).all(|k| {
            matches!(cx.tag(k), "NN" | "NNS" | "NNP" | "NNPS" | "JJ" | "DT") || seen.all.has(k)
        });
        if plain && q > 0 {
            if let Some(r) = at(q - 1) {
                return Some(r);
            }
        }
    }
    // "to (the) X" between the title and the name.
    if !seen.body_ends.has(a - 1) {
        return None;
    }
    let x = out.iter().find(|m| {
        m.t1 + 1 == a
            && matches!(
                m.m.kind,
                MentionKind::Country | MentionKind::Org | MentionKind::Capital
            )
    })?;
    let mut q = x.t0.checked_sub(1)?;
    if cx.lower(q) == "the" {
        q = q.checked_sub(1)?;
    }
    if !matches!(&*cx.lower(q), "to" | "for") || q == 0 {
        return None;
    }
    at(q - 1)
}

/// Whether the name starting at `a` ends before a comma (an apposition).
fn name_then_comma(cx: &Ctx, a: usize, nt: usize) -> bool {
    let mut k = a;
    while k < nt && is_name_token(cx, k) {
        k += 1;
    }
    k < nt && k > a && cx.word(k) == ","
}

/// Words that make a capitalised run an organisation or a date, not a name.
fn not_a_name(w: &str) -> bool {
    let l = w.trim_end_matches('.').to_lowercase();
    org_head_role(&l).is_some()
        || dyad_document::calendar::is_month_or_weekday(&l)
        || matches!(
            l.as_str(),
            "department"
                | "ministry"
                | "agency"
                | "office"
                | "committee"
                | "council"
                | "court"
                | "commission"
                | "board"
                | "service"
                | "bureau"
                | "authority"
                | "house"
                | "administration"
                | "force"
                | "forces"
                | "army"
                | "police"
                | "news"
                | "times"
                | "post"
                | "party"
                | "state"
                | "states"
                | "city"
                | "county"
                | "district"
        )
}

/// A lower-case title may begin before the run ("press secretary Name");
/// a capitalised one only when the words before are no mention.
fn title_may_start_before(cx: &Ctx, seen: &Seen, s: usize, a: usize) -> bool {
    (s..a).all(|k| !seen.all.has(k) && !is_name_token(cx, k) || cx.word(k).ends_with('.'))
}

/// The code of a person described by an apposition ("Name, a professor at
/// Tulsa University"): the role phrase `r0..r1` (exclusive) and, inside it,
/// the most specific role (`best`, a role phrase's index in `out`, or a
/// title), an organisation ("at Amnesty International", "with the X
/// Institute") and "former"; the country as for titles.
pub(super) fn apposition_code(
    cx: &Ctx,
    out: &[M],
    best: Option<usize>,
    (r0, r1): (usize, usize),
    name: (usize, usize),
    focus: Option<&str>,
) -> Option<RoleCode> {
    let mut chain = Chain {
        start: r0,
        ..Default::default()
    };
    let (mut role, mut tcountry) = (None, None);
    if let Some(i) = best {
        let m = &out[i];
        role = m.role_code.clone();
        if !m.guessed {
            chain.country = m.m.code.as_deref().and_then(|x| country_of(cx, x));
        }
    } else {
        // A title inside the phrase: "a clinical psychologist".
        for e in r0..r1.min(r0 + 6) {
            if let Some((ti, _)) = title_ending(cx, e) {
                role = Some(ti.role.clone());
                tcountry = ti.country.clone();
                break;
            }
        }
    }
    let mut after_to = false;
    for k in r0..r1 {
        let w = cx.lower(k);
        if matches!(&*w, "former" | "ex") {
            chain.former = true;
        }
        if let Some(m) = out.iter().find(|m| m.t0 == k && m.t1 < r1) {
            match m.m.kind {
                MentionKind::Org => {
                    let code = m.m.code.clone().unwrap_or_default();
                    let party = code.ends_with("PTY") || m.m.role.as_deref() == Some("party");
                    if chain.country.is_none() && !after_to {
                        chain.country = country_of(cx, &code);
                    }
                    if !party && chain.org_code.is_none() && !code.is_empty() {
                        chain.org_code = Some(code);
                    }
                }
                MentionKind::Country if chain.country.is_none() && !after_to => {
                    chain.country = m.m.code.as_deref().and_then(|x| country_of(cx, x));
                }
                _ => {}
            }
        }
        if chain.org_role.is_none() && cx.word(k).chars().next().is_some_and(char::is_uppercase) {
            chain.org_role = org_role_at(cx, k);
            if chain.org_role.is_some() {
                // A country inside the organisation's capitalised name.
                let mut j = k;
                while j > r0
                    && cx
                        .word(j - 1)
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase)
                {
                    j -= 1;
                }
                chain.org_country = out
                    .iter()
                    .find(|m| m.m.kind == MentionKind::Country && m.t0 >= j && m.t1 < k)
                    .and_then(|m| m.m.code.as_deref())
                    .and_then(|c| country_of(cx, c));
            }
        }
        after_to = matches!(&*w, "to" | "in" | "from" | "on" | "about") || (after_to && w == "the");
    }
    // "Name, a Brookings Institution analyst", "who is the Foreign Office
    // Asia expert": a person noun with no role of its own takes the role of
    // the organisation named with it.
    let role = match role {
        Some(r) => r,
        None if (chain.org_code.is_some() || chain.org_role.is_some())
            && person_noun(cx, r1.saturating_sub(1)) =>
        {
            "GOV".to_string()
        }
        None => return None,
    };
    // "the commander of Kowloon West district", "the precinct commander":
    // police command territory (districts, precincts, stations), armies
    // command units; a commander of a territory with no military word is
    // a police commander (COP).
    let role = if role == "MIL" && police_command(cx, r0, r1) {
        "COP".to_string()
    } else {
        role
    };
    // An organisation the person works for decides a role that is not a
    // state office's.
    if !matches!(role.as_str(), "LEG" | "MIL" | "JUD" | "COP" | "SPY") {
        if let Some(r) = chain.org_role.clone() {
            if chain.org_code.is_none() {
                return Some(code_for(
                    cx,
                    out,
                    &r,
                    tcountry.as_deref(),
                    &chain,
                    name,
                    focus,
                ));
            }
        }
    }
    Some(code_for(
        cx,
        out,
        &role,
        tcountry.as_deref(),
        &chain,
        name,
        focus,
    ))
}

/// Whether the role phrase `r0..r1` commands a police territory: it names a
/// commander and a district, precinct or station, and nothing military.
fn police_command(cx: &Ctx, r0: usize, r1: usize) -> bool {
    let ws: Vec<String> = (r0..r1).map(|k| cx.lower(k).into_owned()).collect();
    let has = |xs: &[&str]| ws.iter().any(|w| xs.contains(&w.as_str()));
    has(&["commander", "commanders", "chief", "superintendent"])
        && has(&["district", "precinct", "station", "borough", "division"])
        && !has(&[
            "military",
            "army",
            "armed",
            "naval",
            "navy",
            "air",
            "brigade",
            "regiment",
            "battalion",
            "infantry",
            "armoured",
            "armored",
            "tank",
        ])
}

/// Whether token `t` is a noun for a person with no role of its own
/// ("expert", "analyst", "aide").
fn person_noun(cx: &Ctx, t: usize) -> bool {
    let l = cx.doc.tokens[t].lemma.to_lowercase();
    crate::ANON_NOUNS.contains(&l.as_str())
        || crate::ANON_NOUNS.contains(&&*cx.lower(t))
        || super::PERSON_NOUNS.contains(&l.as_str())
}

/// Role phrases with no country of their own ("lawmakers", "the foreign
/// ministry", "protesters") take the country the text around them points
/// to in their sentence rather than the document's focus;
/// the focus stays only where the text gives nothing, marked as a guess.
pub(super) fn groups_from_evidence(cx: &Ctx, out: &mut [M], focus: Option<&str>) {
    let Some(focus) = focus else { return };
    for i in 0..out.len() {
        let m = &out[i];
        if m.m.kind != MentionKind::Agent || !m.guessed {
            continue;
        }
        let Some(code) = m.m.code.as_deref().filter(|c| c.starts_with(focus)) else {
            continue;
        };
        let rest = code[focus.len()..].to_string();
        // State institutions speak for a country the sentence names; crowds,
        // rebels and refugees are where things happen, which the focus is.
        if !matches!(
            rest.get(..3),
            Some("GOV" | "LEG" | "MIL" | "JUD" | "COP" | "SPY" | "ELI")
        ) {
            continue;
        }
        // Only the sentence: a group's country further off is more often
        // the place where things happen (the focus) than the speaker's.
        if let Some(c) = country_in_sentence(cx, out, m.t0, m.t1) {
            let m = &mut out[i];
            m.m.code = Some(format!("{c}{rest}"));
            m.guessed = false;
        }
    }
}

/// The code of a person whose role the text gives without a role noun
/// ("Name, 55, of Town": CVL; "Name, who represents X": JUD); a country
/// named after "of" or "from" in `r0..r1` is theirs.
pub(super) fn described_code(
    cx: &Ctx,
    out: &[M],
    role: &str,
    (r0, r1): (usize, usize),
    name: (usize, usize),
    focus: Option<&str>,
) -> RoleCode {
    let mut chain = Chain {
        start: r0,
        ..Default::default()
    };
    for k in r0..r1 {
        if matches!(&*cx.lower(k), "of" | "from") {
            chain.country = out
                .iter()
                .find(|m| {
                    m.t0 > k
                        && m.t0 <= k + 3
                        && matches!(m.m.kind, MentionKind::Country | MentionKind::Capital)
                })
                .and_then(|m| m.m.code.as_deref())
                .and_then(|c| country_of(cx, c));
            break;
        }
    }
    code_for(cx, out, role, None, &chain, name, focus)
}

/// A bare role noun repeats the role its compound gave it earlier in the
/// story: after "two prison officers", "the officers" are prison officers
/// (COP), not soldiers, and after "police officers" the same. Only a
/// compound whose role differs from the bare noun's changes it; its country
/// comes along when the bare noun's was a guess.
pub(super) fn bare_nouns_repeat_their_compound(cx: &Ctx, out: &mut [M]) {
    let toks = &cx.doc.tokens;
    let head = |m: &M| toks[m.t1].lemma.to_lowercase();
    // Whether the word before the head inside the mention qualifies it
    // ("prison officers", "police officers"): a noun, or an adjective that
    // is not a number or a determiner's kind ("two", "the only").
    let compound =
        |m: &M| m.t1 > m.t0 && matches!(toks[m.t1 - 1].tag, "NN" | "NNS" | "NNP" | "NNPS");
    // (country, role); a code with no country is a role alone ("COP").
    let split = |code: &str| -> Option<(String, String)> {
        let c = country_of(cx, code).unwrap_or_default();
        let role = code.get(c.len()..)?.to_string();
        (role.len() == 3).then_some((c, role))
    };
    let mut order: Vec<usize> = (0..out.len())
        .filter(|&i| out[i].m.kind == MentionKind::Agent && out[i].m.code.is_some())
        .collect();
    order.sort_by_key(|&i| out[i].t0);
    // A bare noun: before its head only determiners, numbers and
    // lower-case words ("the", "two", "only"), no country of its own.
    let bare = |m: &M| {
        (m.guessed
            || m.m
                .code
                .as_deref()
                .is_some_and(|c| country_of(cx, c).is_none()))
            && (m.t0..m.t1).all(|k| {
                matches!(toks[k].tag, "DT" | "CD" | "PDT" | "PRP$" | "RB" | "JJ")
                    && !cx.word(k).chars().next().is_some_and(char::is_uppercase)
                    || k == m.t0 && matches!(toks[k].tag, "DT" | "CD")
            })
    };
    let mut last: HashMap<String, usize> = HashMap::new();
    for &i in &order {
        let h = head(&out[i]);
        if compound(&out[i]) {
            last.insert(h, i);
            continue;
        }
        if !bare(&out[i]) {
            continue;
        }
        let Some(&j) = last.get(&h) else { continue };
        let (Some((ci, ri)), Some((cj, rj))) = (
            out[i].m.code.as_deref().and_then(split),
            out[j].m.code.as_deref().and_then(split),
        ) else {
            continue;
        };
        if ri == rj {
            continue;
        }
        let (country, guessed) = if out[i].guessed {
            (cj, out[j].guessed)
        } else {
            (ci, false)
        };
        let what = cx.doc.slice(out[j].m.span).to_string();
        let label = out[j].m.role.clone();
        let m = &mut out[i];
        m.m.role = label;
        m.m.code = Some(format!("{country}{rj}"));
        m.guessed = guessed;
        m.m.source = Some(format!("role: as {what:?} before"));
    }
}
