//! The resolution rules: unknown names, their surnames, descriptions and
//! pronouns, in one pass over the text so that what is resolved early
//! (a pronoun, a description) keeps its actor salient for what follows.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use dyad_document::{names::TITLES, Document, Mention, MentionKind, Span};

use crate::{gender, Coref, Gender};

/// Sentences back a he/she may reach (the current one and three before).
const PERSON_REACH: usize = 3;
/// Sentences back an it/they may reach.
const THING_REACH: usize = 2;
/// Sentences back within which a person counts as recently mentioned.
const RECENT: usize = 5;
/// Tokens either side of a description within which its person is sought:
/// more than nearly any news story, so that a story is read whole, while a
/// page far longer pays per description only for the text around it.
const STORY_TOKENS: usize = 4000;

/// Last words of a capitalised run that make it a place or an institution,
/// not a person ("George Mason University").
const NOT_PERSON_ENDS: &[&str] = &[
    "university",
    "college",
    "school",
    "institute",
    "foundation",
    "street",
    "avenue",
    "road",
    "square",
    "bridge",
    "park",
    "airport",
    "hospital",
    "center",
    "centre",
    "church",
    "hall",
    // buildings ("the Indiana Statehouse", "Government Palace")
    "statehouse",
    "capitol",
    "palace",
    "building",
    "tower",
    "stadium",
    "arena",
    "cathedral",
    "mosque",
    "temple",
    "embassy",
    "consulate",
    "courthouse",
    "plaza",
    "museum",
    "house",
    "party",
    "company",
    "inc",
    "corp",
    "group",
    "bank",
    "fund",
    "council",
    "committee",
    "court",
    "prison",
    "station",
    "county",
    "city",
    "island",
    "river",
    "valley",
    "day",
    "award",
    "prize",
    // administrative units and bodies ("Southern District", "Interior
    // Ministry")
    "district",
    "circuit",
    "division",
    "province",
    "region",
    "state",
    "township",
    "borough",
    "parish",
    "municipality",
    "prefecture",
    "governorate",
    "oblast",
    "village",
    "town",
    "department",
    "ministry",
    "agency",
    "office",
    "commission",
    "authority",
    "administration",
    "police",
    "army",
    "force",
    "forces",
    "embassy",
    "consulate",
    "jail",
    "camp",
    "base",
    // geographic features and buildings
    "bay",
    "beach",
    "lake",
    "mountain",
    "mountains",
    "sea",
    "ocean",
    "coast",
    "desert",
    "peninsula",
    "strait",
    "canal",
    "harbor",
    "harbour",
    "highway",
    "boulevard",
    "lane",
    "plaza",
    "stadium",
    "arena",
    "museum",
    "library",
    "tower",
    "palace",
    "castle",
    "cathedral",
    "mosque",
    "temple",
];

/// First words of a capitalised run that make it a place, however many
/// people bear them as given names ("Santa Ana", "West Bank", "Fort
/// Worth", "Mount Kenya"): the generic parts of place names in the
/// gazetteers' naming conventions (saints, compass points, features).
const NOT_PERSON_STARTS: &[&str] = &[
    "san", "santa", "santo", "sao", "são", "saint", "st", "ste", "mount", "mt", "lake", "fort",
    "ft", "port", "porto", "puerto", "cape", "gulf", "north", "south", "east", "west", "northern",
    "southern", "eastern", "western", "central", "upper", "lower", "greater", "new", "rio",
];

struct Cx<'a> {
    c: &'a Coref,
    doc: &'a Document,
    /// Per token: its sentence.
    sent: Vec<usize>,
    /// Per token: inside double quotation marks.
    quoted: Vec<bool>,
}

/// A word in lower case, copied only when it has capitals (most words
/// have none: this runs on every token of every document).
fn lowered(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

impl Cx<'_> {
    fn word(&self, t: usize) -> &str {
        self.doc.slice(self.doc.tokens[t].span)
    }
    fn low(&self, t: usize) -> Cow<'_, str> {
        lowered(self.word(t))
    }
    fn tag(&self, t: usize) -> &'static str {
        self.doc.tokens[t].tag
    }
    fn is_cap_name(&self, t: usize) -> bool {
        matches!(self.tag(t), "NNP" | "NNPS")
            && self.word(t).chars().next().is_some_and(char::is_uppercase)
    }
    fn is_title(&self, t: usize) -> bool {
        TITLES.contains(&self.low(t).trim_end_matches('.'))
    }
    fn is_description(&self, t: usize) -> bool {
        self.c.descriptions.contains_key(self.low(t).as_ref())
            || self
                .c
                .descriptions
                .contains_key(lowered(&self.doc.tokens[t].lemma).as_ref())
    }
    fn head_noun(&self, t: usize) -> String {
        let l = lowered(&self.doc.tokens[t].lemma);
        if self.c.descriptions.contains_key(l.as_ref()) {
            l.into_owned()
        } else {
            self.low(t).into_owned()
        }
    }
}

/// What the pass knows of one person.
#[derive(Default, Clone)]
struct Person {
    gender: Option<Gender>,
    /// Words of their titles, roles and appositions.
    roles: HashSet<String>,
    /// Token positions of their mentions.
    at: Vec<usize>,
}

/// Something a later pronoun or description may refer to.
#[derive(Clone, Copy)]
struct Ref {
    tok: usize,
    sent: usize,
    /// Index (existing mentions, then added ones) of the antecedent.
    target: usize,
    person: bool,
    plural: bool,
    subject: bool,
    gender: Option<Gender>,
    /// A named person (not an unnamed source).
    named: bool,
    /// Inside quotation marks: someone the quoted speaker talks about.
    quoted: bool,
    /// The subject of the sentence's main verb.
    main: bool,
}

/// Lower-case words of a text, abbreviated titles written out ("Gov." ->
/// "governor") so that a description can meet them.
fn words_of(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let w = w.to_lowercase();
            let full = match w.as_str() {
                "gov" => "governor",
                "sen" => "senator",
                "rep" => "representative",
                "gen" => "general",
                "amb" => "ambassador",
                "sec" => "secretary",
                "pres" => "president",
                "col" => "colonel",
                "capt" => "captain",
                "supt" => "superintendent",
                _ => return w,
            };
            full.to_string()
        })
}

pub(crate) fn resolve(c: &Coref, doc: &Document) -> (Vec<Mention>, Vec<(usize, usize)>) {
    let n = doc.tokens.len();
    let mut sent = vec![0; n];
    for (i, s) in doc.sentences.iter().enumerate() {
        for x in sent
            .iter_mut()
            .take(s.last_token.min(n))
            .skip(s.first_token)
        {
            *x = i;
        }
    }
    let quoted = quoted_tokens(doc);
    let cx = Cx {
        c,
        doc,
        sent,
        quoted,
    };
    let base = doc.mentions.len();
    let mut all: Vec<Mention> = doc.mentions.clone();
    // Per token: the mentions covering it.
    let mut cover: Vec<Option<usize>> = vec![None; n];
    let tok_range = |span: Span| {
        let a = doc.tokens.partition_point(|t| t.span.start < span.start);
        let b = doc.tokens.partition_point(|t| t.span.end <= span.end);
        a..b.max(a)
    };
    for (i, m) in all.iter().enumerate() {
        for t in tok_range(m.span) {
            if cover[t].is_none_or(|o| all[o].span.len() < m.span.len()) {
                cover[t] = Some(i);
            }
        }
    }

    unknown_names(&cx, &mut all, &mut cover, &tok_range);
    surnames(&cx, &mut all, &mut cover);
    let name_links = long_surnames(&mut all);

    let root = |all: &[Mention], m: usize| {
        let mut cur = m;
        for _ in 0..all.len() {
            match all[cur].refers_to {
                Some(r) if r != cur && r < all.len() => cur = r,
                _ => break,
            }
        }
        cur
    };
    let people = People::new(people(&cx, &all, &tok_range, &root));

    let mut links: Vec<(usize, usize)> = name_links;
    let mut unlink: Vec<usize> = Vec::new();
    let mut refs: Vec<Ref> = Vec::new();
    // Mentions by last token, to meet each once its words are read.
    let mut ends: Vec<(usize, usize)> = all
        .iter()
        .enumerate()
        .filter_map(|(i, m)| {
            let r = tok_range(m.span);
            (!r.is_empty()).then(|| (r.end - 1, i))
        })
        .collect();
    ends.sort_unstable();
    let subject = |t: usize| matches!(doc.tokens[t].rel, "nsubj" | "nsubjpass");
    let main = |t: usize| {
        subject(t)
            && doc.tokens[t]
                .head
                .is_some_and(|h| doc.tokens[h].rel == "ROOT" || doc.tokens[h].head.is_none())
    };
    for t in 0..n {
        let s = cx.sent[t];
        // A pronoun (the recogniser's or a new one).
        let w = cx.low(t);
        let w = w.as_ref();
        let pron_gender = gender::of_pronoun(w);
        let is_it = c.groups && matches!(w, "it" | "its");
        let is_they = c.groups && matches!(w, "they" | "their" | "them");
        if pron_gender.is_some() || is_it || is_they {
            let existing = cover[t].filter(|&m| {
                all[m].kind == MentionKind::Pronoun && tok_range(all[m].span) == (t..t + 1)
            });
            if cover[t].is_some() && existing.is_none() {
                continue;
            }
            let rel = doc.tokens[t].rel;
            let pick = if let Some(g) = pron_gender {
                let bound = clause_subject_of_object(doc, t).and_then(|k| {
                    refs.iter()
                        .rev()
                        .find(|r| r.tok == k)
                        .map(|r| root(&all, r.target))
                });
                pick_person(&refs, t, s, g, cx.quoted[t], |r| {
                    bound.is_some_and(|b| root(&all, r.target) == b)
                })
            } else if is_it {
                matches!(rel, "nsubj" | "nsubjpass" | "poss")
                    .then(|| pick_thing(&refs, s, false, cx.quoted[t]))
                    .flatten()
            } else {
                matches!(rel, "nsubj" | "nsubjpass" | "poss")
                    .then(|| pick_thing(&refs, s, true, cx.quoted[t]))
                    .flatten()
            };
            let Some(r) = pick else {
                // The recogniser's link ignores gender: drop one that
                // contradicts it ("she" -> a man).
                if let (Some(m), Some(g)) = (existing, pron_gender) {
                    let to = all[m].refers_to.map(|x| root(&all, x));
                    let theirs = to.and_then(|x| people.get(&x)).and_then(|p| p.gender);
                    if theirs.is_some_and(|x| x != g) {
                        unlink.push(m);
                    }
                }
                continue;
            };
            let target = root(&all, r.target);
            let idx = match existing {
                Some(m) => m,
                None => {
                    let tm = &all[target];
                    all.push(Mention {
                        span: doc.tokens[t].span,
                        kind: MentionKind::Pronoun,
                        code: tm.code.clone(),
                        entity: tm.entity.clone(),
                        role: tm.role.clone(),
                        anonymous: tm.anonymous,
                        ..Default::default()
                    });
                    cover[t] = Some(all.len() - 1);
                    all.len() - 1
                }
            };
            links.push((idx, target));
            refs.push(Ref {
                tok: t,
                sent: s,
                subject: subject(t) || rel == "poss",
                quoted: cx.quoted[t],
                main: main(t),
                ..r
            });
            continue;
        }
        // A description with no mention of its own ("the shop owner").
        if cover[t].is_none() && doc.tokens[t].tag == "NN" && cx.is_description(t) {
            if let Some(a) = definite_start(&cx, t) {
                if let Some(p) = describe(&cx, &all, &people, &cover, a, t, &root) {
                    let tm = &all[p];
                    all.push(Mention {
                        span: Span::new(doc.tokens[a].span.start, doc.tokens[t].span.end),
                        kind: MentionKind::Agent,
                        entity: tm.entity.clone(),
                        code: tm.code.clone(),
                        role: Some(cx.head_noun(t)),
                        ..Default::default()
                    });
                    let idx = all.len() - 1;
                    cover[a..=t].fill(Some(idx));
                    links.push((idx, p));
                    refs.push(Ref {
                        quoted: cx.quoted[t],
                        main: main(t),
                        ..person_ref(&people, p, t, s, subject(t))
                    });
                    continue;
                }
            }
        }
        // Mentions ending here.
        let lo = ends.partition_point(|e| e.0 < t);
        let hi = ends.partition_point(|e| e.0 <= t);
        for &(_, m) in &ends[lo..hi] {
            let mm = &all[m];
            let head = t;
            let subj = tok_range(mm.span).any(subject);
            match mm.kind {
                MentionKind::Person => {
                    let r = root(&all, m);
                    let mut pr = person_ref(&people, r, t, s, subj);
                    pr.quoted = cx.quoted[t];
                    pr.main = tok_range(mm.span).any(main);
                    refs.push(pr);
                }
                MentionKind::Agent => {
                    let plural = mm.count.is_some_and(|k| k > 1)
                        || matches!(doc.tokens[head].tag, "NNS" | "NNPS");
                    let described = (!plural && cx.is_description(head))
                        .then(|| {
                            let a = definite_start(&cx, head)?;
                            describe(&cx, &all, &people, &cover, a, head, &root)
                        })
                        .flatten();
                    if let Some(p) = described {
                        links.push((m, p));
                        refs.push(Ref {
                            quoted: cx.quoted[t],
                            main: tok_range(mm.span).any(main),
                            ..person_ref(&people, p, t, s, subj)
                        });
                        continue;
                    }
                    let person = cx.is_description(head) || person_noun(&cx.low(head));
                    let g =
                        cx.c.descriptions
                            .get(&cx.head_noun(head))
                            .copied()
                            .flatten();
                    refs.push(Ref {
                        tok: t,
                        sent: s,
                        target: m,
                        person: person && !plural,
                        plural,
                        subject: subj,
                        gender: g,
                        named: false,
                        quoted: cx.quoted[t],
                        main: tok_range(mm.span).any(main),
                    });
                }
                MentionKind::Org | MentionKind::Country | MentionKind::Capital => {
                    refs.push(Ref {
                        tok: t,
                        sent: s,
                        target: m,
                        person: false,
                        plural: doc.tokens[head].tag == "NNPS",
                        subject: subj,
                        gender: None,
                        named: false,
                        quoted: cx.quoted[t],
                        main: tok_range(mm.span).any(main),
                    });
                }
                MentionKind::Pronoun | MentionKind::Outlet => {}
            }
        }
    }
    let added = all.split_off(base);
    // Re-pointed existing mentions keep their index; added ones are
    // indexed after them, as `install` expects. An unlinked mention points
    // nowhere (`usize::MAX`).
    links.extend(unlink.into_iter().map(|m| (m, usize::MAX)));
    (added, links)
}

fn person_ref(people: &People, p: usize, t: usize, s: usize, subj: bool) -> Ref {
    Ref {
        tok: t,
        sent: s,
        target: p,
        person: true,
        plural: false,
        subject: subj,
        gender: people.get(&p).and_then(|x| x.gender),
        named: true,
        quoted: false,
        main: false,
    }
}

/// A noun for a person by its ending, when no list names it ("fisherman",
/// "activist").
fn person_noun(w: &str) -> bool {
    ["man", "woman", "ist", "er", "or", "ian"]
        .iter()
        .any(|s| w.ends_with(s))
        && !matches!(
            w,
            "government" | "border" | "order" | "power" | "center" | "headquarter" | "sector"
        )
}

/// The antecedent of he/she: a person of agreeing gender in this sentence
/// or the few before, subjects, named people and recent ones first.
fn pick_person(
    refs: &[Ref],
    t: usize,
    s: usize,
    g: Gender,
    quoted: bool,
    excluded: impl Fn(&Ref) -> bool,
) -> Option<Ref> {
    let mut best: Option<(usize, Ref)> = None;
    for r in refs.iter().rev() {
        if r.sent + PERSON_REACH < s {
            break;
        }
        if excluded(r) {
            continue;
        }
        // Someone named inside a quote is talked about, not the one who
        // talks around it.
        if !r.person || r.tok >= t || (r.quoted && !quoted) {
            continue;
        }
        if r.gender.is_some_and(|x| x != g) {
            continue;
        }
        let cost = (s - r.sent) * 5
            + usize::from(!r.subject)
            + usize::from(!r.main) * 2
            + usize::from(r.gender.is_none())
            + usize::from(!r.named);
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, *r));
        }
    }
    best.map(|(_, r)| r)
}

/// For an object pronoun ("him", "her" not possessive), the subject of its
/// own clause, which it cannot stand for ("he met him": two people; a
/// reflexive says "himself").
fn clause_subject_of_object(doc: &Document, t: usize) -> Option<usize> {
    let toks = &doc.tokens;
    let w = doc.slice(toks[t].span).to_lowercase();
    if !matches!(w.as_str(), "him" | "her") || !matches!(toks[t].rel, "dobj" | "pobj" | "dative") {
        return None;
    }
    let mut cur = t;
    for _ in 0..4 {
        cur = toks[cur].head?;
        if toks[cur].tag.starts_with("VB") {
            // Within a sentence's reach, not the whole document.
            let near = cur.saturating_sub(60)..(cur + 60).min(toks.len());
            return near
                .into_iter()
                .find(|&k| toks[k].head == Some(cur) && toks[k].rel == "nsubj");
        }
    }
    None
}

/// The antecedent of it (singular) or they (plural): an organisation,
/// country or group, subjects and recent ones first.
fn pick_thing(refs: &[Ref], s: usize, plural: bool, quoted: bool) -> Option<Ref> {
    let mut best: Option<(usize, Ref)> = None;
    for r in refs.iter().rev() {
        if r.sent + THING_REACH < s {
            break;
        }
        if r.person || r.plural != plural || (r.quoted && !quoted) {
            continue;
        }
        let cost = (s - r.sent) * 4 + usize::from(!r.subject) * 2 + usize::from(!r.main);
        if best.as_ref().is_none_or(|(c, _)| cost < *c) {
            best = Some((cost, *r));
        }
    }
    best.map(|(_, r)| r)
}

/// The first token of a definite description ending at head noun `h`
/// ("the", or a possessive: "Peru's", "the ministry's"), or `None` for an
/// indefinite one ("an official", "two aides"), which brings someone new.
fn definite_start(cx: &Cx, h: usize) -> Option<usize> {
    let doc = cx.doc;
    let first = doc.sentences[cx.sent[h]].first_token;
    let mut a = h;
    let mut possessive = false;
    while a > first {
        let p = a - 1;
        match cx.tag(p) {
            "JJ" | "NN" | "NNP" | "NNPS" | "HYPH" | "VBN" => a = p,
            "POS" => {
                possessive = true;
                a = p;
            }
            "DT" if cx.low(p) == "the" => return Some(p),
            "PRP$" => return Some(p),
            _ => break,
        }
    }
    // "Peru's minister": the possessor's words start it.
    possessive.then_some(a)
}

/// The person a definite description (tokens `a..=h`) stands for: a person
/// named right after it ("the minister, Ana Ruiz,", "ambassador to Peru Ana
/// Ruiz"), else the person given that role before, most specific and
/// salient first, else one given it later with two words agreeing.
fn describe(
    cx: &Cx,
    all: &[Mention],
    people: &People,
    cover: &[Option<usize>],
    a: usize,
    h: usize,
    root: &dyn Fn(&[Mention], usize) -> usize,
) -> Option<usize> {
    let doc = cx.doc;
    let s = cx.sent[h];
    let last = doc.sentences[s].last_token;
    // A name right after, in apposition or as the title's bearer.
    let mut k = h + 1;
    let mut steps = 0;
    while k < last && steps < 6 {
        if let Some(m) = cover[k] {
            if all[m].kind == MentionKind::Person {
                return Some(root(all, m));
            }
        }
        let w = cx.word(k);
        let ok = w == ","
            || matches!(cx.low(k).as_ref(), "of" | "to" | "for" | "the")
            || cx.is_cap_name(k);
        if !ok {
            break;
        }
        k += 1;
        steps += 1;
    }
    let head = cx.head_noun(h);
    let want: HashSet<String> = (a..=h)
        .flat_map(|t| words_of(cx.word(t)).collect::<Vec<_>>())
        .filter(|w| {
            !matches!(
                w.as_str(),
                "the" | "s" | "of" | "to" | "his" | "her" | "its"
            )
        })
        .collect();
    let at = h;
    let mut best: Option<((usize, usize, usize), usize)> = None;
    for p in people.with_role(&head, a.saturating_sub(STORY_TOKENS)..a) {
        let info = &people.of[&p];
        // Positions are sorted: the last before `a`, and how many of those
        // fall in the recent sentences, by binary search.
        let k = info.at.partition_point(|&x| x < a);
        let Some(&last_at) = k.checked_sub(1).and_then(|k| info.at.get(k)) else {
            continue;
        };
        let overlap = want.iter().filter(|w| info.roles.contains(*w)).count();
        let recent = k - info.at[..k].partition_point(|&x| cx.sent[x] + RECENT < s);
        let key = (overlap, recent.min(3), last_at);
        if best.as_ref().is_none_or(|(b, _)| key > *b) {
            best = Some((key, p));
        }
    }
    if let Some((_, p)) = best {
        return Some(p);
    }
    // Named later ("Peru's finance minister said ... Finance Minister Ana
    // Ruiz"): two words must agree.
    people
        .with_role(&head, at + 1..at + 1 + STORY_TOKENS)
        .into_iter()
        .filter_map(|p| {
            let info = &people.of[&p];
            let first = *info.at.get(info.at.partition_point(|&x| x <= at))?;
            let overlap = want.iter().filter(|w| info.roles.contains(*w)).count();
            (overlap >= 2).then_some((first, p))
        })
        .min()
        .map(|(_, p)| p)
}

/// The people of a story, and who bears each role word where.
struct People {
    /// Root mention -> the person.
    of: HashMap<usize, Person>,
    /// Role word -> (token, root) of every mention of a person whose roles
    /// hold it, in text order.
    by_role: HashMap<String, Vec<(usize, usize)>>,
}

impl People {
    fn new(mut of: HashMap<usize, Person>) -> People {
        let mut by_role: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (&p, info) in of.iter_mut() {
            info.at.sort_unstable();
            for w in &info.roles {
                by_role
                    .entry(w.clone())
                    .or_default()
                    .extend(info.at.iter().map(|&x| (x, p)));
            }
        }
        for v in by_role.values_mut() {
            v.sort_unstable();
        }
        People { of, by_role }
    }

    fn get(&self, p: &usize) -> Option<&Person> {
        self.of.get(p)
    }

    /// The people with role word `w` mentioned at a token in `range`, each once.
    fn with_role(&self, w: &str, range: std::ops::Range<usize>) -> Vec<usize> {
        let v = self.by_role.get(w).map_or(&[][..], Vec::as_slice);
        let lo = v.partition_point(|e| e.0 < range.start);
        let hi = v.partition_point(|e| e.0 < range.end);
        let mut ps: Vec<usize> = v[lo..hi.max(lo)].iter().map(|e| e.1).collect();
        ps.sort_unstable();
        ps.dedup();
        ps
    }
}

/// Gender, role words and positions of each person (by root mention).
fn people(
    cx: &Cx,
    all: &[Mention],
    tok_range: &dyn Fn(Span) -> std::ops::Range<usize>,
    root: &dyn Fn(&[Mention], usize) -> usize,
) -> HashMap<usize, Person> {
    let doc = cx.doc;
    let mut out: HashMap<usize, Person> = HashMap::new();
    for (i, m) in all.iter().enumerate() {
        if m.kind != MentionKind::Person {
            continue;
        }
        let r = root(all, i);
        let range = tok_range(m.span);
        if range.is_empty() {
            continue;
        }
        let p = out.entry(r).or_default();
        p.at.push(range.end - 1);
        if let Some(role) = &m.role {
            p.roles.extend(words_of(role));
        }
        // Titles inside the mention or right before it.
        let first = doc.sentences[cx.sent[range.start]].first_token;
        let mut k = range.start;
        let mut steps = 0;
        while k > first && steps < 8 {
            let b = k - 1;
            let ok = matches!(
                cx.tag(b),
                "NN" | "NNP" | "NNPS" | "JJ" | "POS" | "HYPH" | "NNS"
            ) || matches!(cx.low(b).as_ref(), "of" | "to" | "for");
            if !ok || cx.word(b) == "," {
                break;
            }
            p.roles.extend(words_of(cx.word(b)));
            if let Some(g) = gender::of_title(&cx.low(b)) {
                p.gender.get_or_insert(g);
            }
            k = b;
            steps += 1;
        }
        // Words of the mention beside the name ("Peruvian President").
        let name: HashSet<String> = m
            .entity
            .as_deref()
            .map(|e| words_of(e).collect())
            .unwrap_or_default();
        p.roles
            .extend(words_of(doc.slice(m.span)).filter(|w| !name.contains(w)));
        for t in range.clone() {
            if cx.is_title(t) || cx.is_description(t) {
                p.roles.extend(words_of(cx.word(t)));
                if let Some(g) = gender::of_title(&cx.low(t)) {
                    p.gender.get_or_insert(g);
                }
            }
        }
        // What a copula says of them: "Ruiz is one of the first two women
        // elected", "Ruiz is a mother of three".
        if let Some(g) = copula_gender(cx, range.end - 1) {
            p.gender.get_or_insert(g);
        }
        // An apposition after it: "Ana Ruiz, Peru's finance minister,".
        let last = doc.sentences[cx.sent[range.start]].last_token;
        if range.end + 1 < last && cx.word(range.end) == "," {
            let mut k = range.end + 1;
            while k < last && k < range.end + 12 {
                let w = cx.word(k);
                if matches!(w, "," | "." | ";" | ":" | "(" | ")")
                    || matches!(cx.tag(k), "VBD" | "VBZ" | "VBP" | "MD" | "WP" | "WDT")
                {
                    break;
                }
                p.roles.extend(words_of(w));
                k += 1;
            }
        }
    }
    // Gender from the first name of the full name.
    for (&r, p) in out.iter_mut() {
        if p.gender.is_some() {
            continue;
        }
        let m = &all[r];
        let name = m
            .entity
            .clone()
            .unwrap_or_else(|| doc.slice(m.span).to_string());
        let first = name
            .split_whitespace()
            .find(|w| !TITLES.contains(&w.to_lowercase().trim_end_matches('.')))
            .unwrap_or("");
        p.gender =
            cx.c.gender_of_first_name(first.trim_end_matches('.'))
                .or_else(|| p.roles.iter().find_map(|w| gender::of_title(w)));
    }
    out
}

/// The sex a copular clause gives its subject, the token `t`: the
/// predicate noun ("is a mother") or, after "one of", its plural ("is one
/// of the first two women").
fn copula_gender(cx: &Cx, t: usize) -> Option<Gender> {
    let toks = &cx.doc.tokens;
    if toks[t].rel != "nsubj" {
        return None;
    }
    let h = toks[t].head?;
    if toks[h].lemma != "be" {
        return None;
    }
    // Dependents of a token, within the sentence (bounded by it).
    let sent = &cx.doc.sentences[cx.sent[t]];
    let kids =
        |x: usize| (sent.first_token..sent.last_token).filter(move |&k| toks[k].head == Some(x));
    let attr = kids(h).find(|&k| toks[k].rel == "attr")?;
    let noun = if toks[attr].lemma.eq_ignore_ascii_case("one") {
        let of = kids(attr).find(|&k| cx.low(k).as_ref() == "of")?;
        kids(of).find(|&k| toks[k].rel == "pobj")?
    } else {
        attr
    };
    gender::of_noun(&toks[noun].lemma.to_lowercase()).or_else(|| gender::of_noun(&cx.low(noun)))
}

/// People in no dictionary: capitalised words after a known first name or
/// a title ("Ms Ilse Marchetti", "Tomasz Wrobel") become person mentions.
fn unknown_names(
    cx: &Cx,
    all: &mut Vec<Mention>,
    cover: &mut [Option<usize>],
    tok_range: &dyn Fn(Span) -> std::ops::Range<usize>,
) {
    let doc = cx.doc;
    let n = doc.tokens.len();
    let mut first_named: HashMap<String, usize> = HashMap::new();
    let mut t = 0;
    // A given name the tagger read as a verb or modal ("Will", "Mark",
    // "Sue") opens a name when it is capitalised inside a sentence and a
    // capitalised name follows ("..., Will Okoro, chief executive of ...").
    let given_misread = |t: usize| {
        t + 1 < n
            && t > doc.sentences[cx.sent[t]].first_token
            && (cx.tag(t).starts_with("VB") || cx.tag(t) == "MD")
            && cx.word(t).chars().next().is_some_and(char::is_uppercase)
            && cx.c.gender_of_first_name(cx.word(t)).is_some()
            && cx.sent[t + 1] == cx.sent[t]
            && cx.is_cap_name(t + 1)
    };
    while t < n {
        if cover[t].is_some() || !(cx.is_cap_name(t) || given_misread(t)) {
            t += 1;
            continue;
        }
        let s = cx.sent[t];
        let mut b = t;
        while b + 1 < n && cx.sent[b + 1] == s && cover[b + 1].is_none() && cx.is_cap_name(b + 1) {
            b += 1;
        }
        // "Kenyan-born Name": where they were born is no part of the name.
        let a0 = if cx.low(t).ends_with("-born") {
            t + 1
        } else {
            t
        };
        t = b + 1;
        if a0 > b {
            continue;
        }
        // Titles and offices written before the name ("Finance Minister").
        let mut a = a0;
        for k in a0..=b {
            // A title word after a given name is a surname ("Kevin King").
            let after_given = k > a
                && cx
                    .c
                    .gender_of_first_name(cx.word(a).trim_end_matches('.'))
                    .is_some();
            if (cx.is_title(k) || cx.is_description(k)) && !after_given {
                a = k + 1;
            }
        }
        if a > b || b == a {
            continue;
        }
        let titled = a > a0
            || (a0.saturating_sub(4)..a0)
                .any(|k| cx.sent[k] == s && (cx.is_title(k) || cx.is_description(k)));
        let first_name =
            cx.c.gender_of_first_name(cx.word(a).trim_end_matches('.'))
                .is_some();
        if !(titled || first_name || speaker_or_apposed(cx, a, b))
            || NOT_PERSON_ENDS.contains(&cx.low(b).as_ref())
            || NOT_PERSON_STARTS.contains(&cx.low(a).trim_end_matches('.'))
        {
            continue;
        }
        let span = Span::new(doc.tokens[a].span.start, doc.tokens[b].span.end);
        let name: String = doc
            .slice(span)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let role = (a > a0).then(|| {
            doc.slice(Span::new(
                doc.tokens[a0].span.start,
                doc.tokens[a - 1].span.end,
            ))
            .to_string()
        });
        // The same name again is the same person.
        let same = first_named.get(&name).copied();
        if same.is_none() {
            first_named.insert(name.clone(), all.len());
        }
        all.push(Mention {
            span,
            kind: MentionKind::Person,
            entity: Some(name),
            role,
            refers_to: same,
            ..Default::default()
        });
        for k in tok_range(span) {
            cover[k] = Some(all.len() - 1);
        }
    }
}

/// Verbs of saying whose subject is a person.
const SAY: &[&str] = &[
    "say", "tell", "add", "explain", "recall", "insist", "testify",
];

/// A run of two or three capitalised words that reads as a person's name
/// even when the first name is in no list: the subject of a verb of saying
/// ("Harjit Dhillonwal said"), or set off by a comma before a noun for a
/// person ("Harjit Dhillonwal, another deportee,").
fn speaker_or_apposed(cx: &Cx, a: usize, b: usize) -> bool {
    let toks = &cx.doc.tokens;
    if !(2..=3).contains(&(b + 1 - a)) {
        return false;
    }
    let says = (a..=b).any(|k| {
        toks[k].rel == "nsubj"
            && toks[k]
                .head
                .is_some_and(|h| SAY.contains(&lowered(&toks[h].lemma).as_ref()))
    });
    if says {
        return true;
    }
    if b + 2 >= toks.len() || cx.word(b + 1) != "," {
        return false;
    }
    // The head of the noun phrase after the comma: its last noun.
    let mut head = None;
    for (k, tok) in toks.iter().enumerate().take(b + 7).skip(b + 2) {
        match tok.tag {
            "DT" | "JJ" | "CD" if head.is_none() => {}
            "NN" => head = Some(k),
            _ => break,
        }
    }
    head.is_some_and(|k| cx.is_description(k) || person_noun(&cx.low(k)))
}

/// Bare surnames (and "Ms Surname") of people named in full before, that
/// no mention covers yet (people found above, or a surname the tagger did
/// not read as a name).
fn surnames(cx: &Cx, all: &mut Vec<Mention>, cover: &mut [Option<usize>]) {
    let doc = cx.doc;
    let found: Vec<(usize, String)> = (0..all.len())
        .filter(|&i| all[i].kind == MentionKind::Person && all[i].refers_to.is_none())
        .filter_map(|i| {
            let e = all[i].entity.as_deref()?;
            if !e.contains(' ') {
                return None;
            }
            let last = e.rsplit(' ').next()?.to_lowercase();
            Some((i, last))
        })
        .collect();
    // Two-word names whose first word is no given name may be written
    // family name first ("Wang Lijun" -> "Wang").
    let mut found = found;
    let family_first: Vec<(usize, String)> = found
        .iter()
        .filter_map(|&(i, _)| {
            let e = all[i].entity.as_deref()?;
            let ws: Vec<&str> = e.split_whitespace().collect();
            (ws.len() == 2 && cx.c.gender_of_first_name(ws[0]).is_none())
                .then(|| (i, ws[0].to_lowercase()))
        })
        .collect();
    let family_from = found.len();
    found.extend(family_first);
    if found.is_empty() {
        return;
    }
    // By surname, so that each capitalised word costs a lookup, not a scan
    // of every person in a long page.
    let mut by_last: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (k, (i, last)) in found.iter().enumerate() {
        by_last.entry(last.as_str()).or_default().push((k, *i));
    }
    for t in 0..doc.tokens.len() {
        let capital = cx.word(t).chars().next().is_some_and(char::is_uppercase);
        if cover[t].is_some() || !capital || cx.tag(t) == "PRP" {
            continue;
        }
        if t + 1 < doc.tokens.len() && cx.is_cap_name(t + 1) && cover[t + 1].is_none() {
            continue;
        }
        let at = doc.tokens[t].span.start;
        let low = cx.low(t);
        // "Lakshmi Wang" is someone else than "Wang Lijun": a capitalised
        // word before a family name makes another person's full name.
        let named_before = t > 0
            && cx.sent[t - 1] == cx.sent[t]
            && cx.is_cap_name(t - 1)
            && cover[t - 1].is_none()
            && !cx.is_title(t - 1)
            && !cx.is_description(t - 1);
        let Some(&(_, p)) = by_last
            .get(low.as_ref())
            .into_iter()
            .flatten()
            .filter(|&&(k, i)| all[i].span.end <= at && !(k >= family_from && named_before))
            .max_by_key(|&&(_, i)| all[i].span.start)
        else {
            continue;
        };
        let mut start = t;
        if t > 0 && cx.is_title(t - 1) && cover[t - 1].is_none() {
            start = t - 1;
        }
        let target = &all[p];
        all.push(Mention {
            span: Span::new(doc.tokens[start].span.start, doc.tokens[t].span.end),
            kind: MentionKind::Person,
            entity: target.entity.clone(),
            role: target.role.clone(),
            code: target.code.clone(),
            refers_to: Some(p),
            ..Default::default()
        });
        cover[start..=t].fill(Some(all.len() - 1));
    }
}

/// Honorifics that may open a person's name ("Mr Kovac").
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "dr", "mx"];

/// A name of two words or more that ends a longer name met before ("Hawk
/// Sawyer" after "Kathleen Hawk Sawyer") is that person: a family name of
/// two words. Returns the links made (also set in `all`).
fn long_surnames(all: &mut [Mention]) -> Vec<(usize, usize)> {
    let key = |m: &Mention| {
        m.entity.as_deref().map(|e| {
            e.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
    };
    // Every ending of two words or more of each full name: its first
    // holder.
    let mut endings: HashMap<String, (usize, usize)> = HashMap::new();
    // The last word of each full name: its first holder ("Mr Kovac" after
    // "Ivan Kovac").
    let mut lasts: HashMap<String, usize> = HashMap::new();
    let mut links = Vec::new();
    let mut order: Vec<usize> = (0..all.len())
        .filter(|&i| all[i].kind == MentionKind::Person && all[i].refers_to.is_none())
        .collect();
    order.sort_by_key(|&i| all[i].span.start);
    for i in order {
        let Some(name) = key(&all[i]) else { continue };
        let ws: Vec<&str> = name.split(' ').collect();
        if let Some(&(j, _)) = endings.get(&name).filter(|&&(j, n)| n > ws.len() && j != i) {
            all[i].refers_to = Some(j);
            links.push((i, j));
            continue;
        }
        let honorific = ws.len() == 2 && HONORIFICS.contains(&ws[0].trim_end_matches('.'));
        if honorific {
            if let Some(&j) = lasts.get(ws[1]).filter(|&&j| j != i) {
                all[i].refers_to = Some(j);
                links.push((i, j));
                continue;
            }
        } else if ws.len() >= 2 {
            lasts.entry(ws[ws.len() - 1].to_string()).or_insert(i);
        }
        for k in 1..ws.len().saturating_sub(1) {
            endings.entry(ws[k..].join(" ")).or_insert((i, ws.len()));
        }
    }
    links
}

/// Tokens inside double quotation marks, by toggling on each mark within a
/// paragraph (a rough reading; the quotes stage pairs marks properly later).
fn quoted_tokens(doc: &Document) -> Vec<bool> {
    let mut out = vec![false; doc.tokens.len()];
    let mut inside = false;
    let mut para = 0;
    for (t, tok) in doc.tokens.iter().enumerate() {
        while para + 1 < doc.paragraphs.len() && doc.paragraphs[para].end <= tok.span.start {
            para += 1;
            inside = false;
        }
        let w = doc.slice(tok.span);
        match w {
            "\u{201c}" => inside = true,
            "\u{201d}" => inside = false,
            "\"" | "\u{2019}\u{2019}" | "\'\'" | "``" => inside = !inside,
            _ => out[t] = inside,
        }
    }
    out
}
