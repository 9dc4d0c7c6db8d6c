//! Quotes: who is quoted saying what. Fills [`Document::quotes`] and
//! [`Document::sources`] of a segmented, tagged, parsed and recognised
//! document.
//!
//! Public API:
//!
//! * [`attribute`]`(doc: &mut Document)`: finds direct quotes (in double
//!   marks, with quotes nested in single marks) and reported speech, and
//!   resolves their speakers to actor mentions (through `dyad_coref`'s
//!   links for descriptions and pronouns); run it after
//!   `dyad_coref::resolve` and before the event coder. It then marks "I"
//!   inside each attributed quote as its speaker (`dyad_coref::first_person`).
//!
//! How it works, in order:
//!
//! 1. **Marks** (`marks.rs`): every double mark is judged opening or closing
//!    from its shape and neighbours; marks pair up within a paragraph. An
//!    opening mark met while a quote is open ends that quote (a
//!    paragraph-style quote left open); a quote still open at the
//!    paragraph's end ends there, or after its first sentence when it
//!    would run on for more than three, so a stray mark never swallows the
//!    article. Single marks inside a direct quote make nested quotes.
//! 2. **Not quotes**: a short quoted phrase (five words or fewer, no
//!    sentence punctuation) in the middle of a sentence with no speech verb
//!    to attribute it, or after a naming word (`so-called`, `dubbed`), is a
//!    scare quote or a title and is left out.
//! 3. **Attribution of direct quotes**: a quote in the middle of a sentence
//!    takes the nearest speech verb before it in the sentence (`X said:
//!    "..."`, `said the move was, "a joint ..."`); a quote that opens a
//!    sentence takes the speech verb right after its closing mark, whose
//!    subject starts there (`"...," X, head of ..., told Y`) or follows it
//!    (`"...," said X`). A quote with neither continues the quote or
//!    reported speech of the sentence before (same speaker,
//!    `continuation`); a paragraph left open takes the speaker of the quote
//!    opening the next paragraph.
//! 4. **Reported speech** (outside direct quotes): a speech verb with its
//!    speaker at the sentence's end (`..., X said.`, `..., X told Y.`) or in
//!    its middle (`A, X said, B`) reports the sentence; one with its speaker
//!    before it reports its clause (`X said (that) ...`, the clause the
//!    verb governs: `said in an email to Y that ...`; `changed his account
//!    to say ...`, not `declined to say`). Also `..., X said
//!    in a statement on Tuesday.`, `, saying ...` and `a statement warning
//!    that ...` (the subject above), `accused Y of ...`, `warned of ...`,
//!    `urged Y (not) to ...`. A clause holding quoted words is one quote
//!    (mixed quotes), and the quoted words take its speaker; an
//!    interrupting `X said` is left out (`A, X said, B` gives A and B).
//!    Verbs of belief and intention (`believes`, `wants`, `hopes`) give
//!    quotes of kind `Belief`, which the sources summary counts apart.
//!    Short quoted phrases written like names or modifying a noun are
//!    titles, never quotes. Layouts: doubled apostrophes as double marks,
//!    `"..." ― Name`, and a colon after a noun of speech (`colon.rs`: "her
//!    message: "..."", "X had a reply: "..."", "In a statement: "..."").
//! 5. **Speakers** (`speaker.rs`): the verb's subject (or the phrase beside
//!    the verb when the parse has none) is resolved to the recogniser's
//!    mentions: a person by canonical name and role (short forms and
//!    `he`/`she` through their `refers_to`), `the spokesman` to the person
//!    given that role before (`the diplomat` to `a Brazilian diplomat`),
//!    role phrases as anonymous sources with their code and count (an
//!    unnamed person or group, plural or indefinite, is anonymous: "a
//!    judge", "health care providers"; one institution, "the ministry", is
//!    not; its code, when the role has none, is the affiliation named in
//!    its phrase), coordinated sources together (code only when they share
//!    it); a description with a name in apposition is that person ("his
//!    predecessor, Ana Ruiz,"). Names in no dictionary are read from the
//!    proper nouns (`[Energy Secretary Marta] Quiroga` -> Marta Quiroga); a
//!    bare surname or an unlinked `he`/`she` then names the person quoted
//!    before. The outlet is never a speaker.
//! 6. **Countries** (`country.rs`): an anonymous source whose phrase names
//!    no country (or one the recogniser only guessed) takes its owner's
//!    ("X's lawyer"), else the country last named as an actor in its
//!    sentence or the two before, outside what it says.
//! 7. **Institutions** (`institutions.rs`): "the attorney's office" after
//!    "the U.S. Attorney's Office for ..." is that office; "it said" is the
//!    institution quoted just before, else the organisation that was a
//!    subject in the two sentences before (reported speech whose "it"
//!    names none is dropped). An institution speaker is named as the story
//!    writes it ("the UK", "the US military"), unless the text is a short
//!    form of the dictionary's name ("Amnesty", "CBP"). "Both men" are the
//!    two people last named together ("Ana Ruiz and Lena Berg").
//!
//! A speech verb before a quote attributes it only when the verbs between
//! belong to what it says; a speaker phrase stops at commas, another
//! clause's verb and a trailing time (`the federation on Thursday`).

mod colon;
mod country;
mod institutions;
mod marks;
mod speaker;

use std::collections::{HashMap, HashSet};

use dyad_document::{
    Document, MentionKind, Quote, QuoteKind, SourceSpeaker, SourcesSummary, Span, SpanIndex,
    Speaker,
};

use marks::Raw;
use speaker::Cx;

/// Speech verbs (lemmas) that attribute a direct quote besides the
/// [`REPORT_CUES`] (which attribute both): ways of saying that rarely
/// introduce reported speech ("she replied", "he joked").
const QUOTE_ONLY_CUES: &[&str] = &[
    "ask", "reply", "recall", "continue", "conclude", "comment", "observe", "tweet", "remark",
    "respond", "shout", "yell", "scream", "whisper", "exclaim", "lament", "bemoan", "joke", "quip",
    "complain", "vow", "promise", "suggest", "answer", "agree", "pledge", "beg", "plead", "urge",
    "testify", "dub",
];

/// Speech verbs that report speech without quotation marks (a narrower
/// list: "asked to", "agreed to", "promised to" are not reports).
const REPORT_CUES: &[&str] = &[
    "say",
    "tell",
    "add",
    "warn",
    "urge",
    "state",
    "claim",
    "insist",
    "note",
    "explain",
    "argue",
    "stress",
    "announce",
    "declare",
    "confirm",
    "acknowledge",
    "admit",
    "allege",
    "assert",
    "write",
    "report",
    "predict",
    "caution",
    "emphasise",
    "emphasize",
    "maintain",
    "deny",
    "testify",
    "reiterate",
    "rule",
    "dispute",
    "point",
    "reveal",
    "disclose",
    "concede",
    "contend",
    "assure",
    "repeat",
    "recall",
    "accuse",
    "charge",
];

/// Words after a speech verb within which "that" may open its clause
/// ("said in an email to The Associated Press that ...").
const THAT_REACH: usize = 12;

/// Verbs whose reported content is what follows "of" ("accused X of
/// meddling", "warned of a crisis").
const OF_CUES: &[&str] = &["accuse", "charge", "warn"];

/// Verbs whose reported content is the infinitive ("urged voters not to
/// ...", "begged lawmakers to ...").
const TO_CUES: &[&str] = &["urge", "implore", "beg", "plead"];

/// Verbs of belief and intention: what they govern is reported apart, as
/// `belief`, so speech can be counted alone.
const BELIEF_CUES: &[&str] = &[
    "believe", "think", "want", "hope", "fear", "expect", "feel", "doubt", "suspect", "intend",
];

/// Words right before a quoted phrase that make it a name or title.
const NAMING: &[&str] = &[
    "so-called",
    "dubbed",
    "termed",
    "titled",
    "entitled",
    "nicknamed",
    "codenamed",
    "code-named",
    "branded",
];

/// A quote still open at this many sentences before its paragraph's end
/// is cut after its first sentence.
const MAX_OPEN_SENTENCES: usize = 3;

/// A next sentence this short after a closed quote can hold its
/// attribution (`"Why?" he asked.` split after `?"`).
const SHORT_ATTRIBUTION: usize = 10;

/// Finds the quotes of a tagged, parsed and recognised document and
/// summarises its sources (replacing any there were).
pub fn attribute(doc: &mut Document) {
    let quotes = if doc.tokens.is_empty() {
        Vec::new()
    } else {
        find(doc)
    };
    doc.sources = summarise(&quotes);
    doc.quotes = quotes;
    // "I" inside a quote is its speaker, for the event coder.
    dyad_coref::first_person(doc);
}

/// A direct quote being attributed.
#[derive(Debug, Clone)]
struct Direct {
    raw: Raw,
    /// Index in the direct list of the quote it is nested in.
    outer: Option<usize>,
    /// The region its attribution may be sought in: its paragraph, or the
    /// outer quote's words.
    limit: Span,
    quote: Quote,
    /// Token of the speech verb that attributed it.
    cue_tok: Option<usize>,
    /// Last sentence of the quote and its attribution.
    last_sentence: usize,
}

fn find(doc: &Document) -> Vec<Quote> {
    let cx = Cx::new(doc);
    let blocks: Vec<Span> = if doc.paragraphs.is_empty() {
        vec![Span::new(0, doc.text.len())]
    } else {
        doc.paragraphs.clone()
    };
    let sentence = |b: usize| {
        doc.sentences
            .get(cx.sentence_at(b))
            .map_or(Span::new(0, doc.text.len()), |s| s.span)
    };

    // 1. Marks, paired per paragraph; nested quotes inside each.
    let mut directs: Vec<Direct> = Vec::new();
    for &block in &blocks {
        let marks = marks::double_marks(&doc.text, block);
        for raw in marks::pair(&doc.text, block, &marks, &sentence, MAX_OPEN_SENTENCES) {
            let raw = cut_unclosed(&cx, raw);
            let outer = directs.len();
            directs.push(direct(raw, None, block));
            for n in marks::nested(&doc.text, raw.content) {
                let mut d = direct(n, Some(outer), raw.content);
                d.quote.nested = true;
                directs.push(d);
            }
        }
    }
    // Token levels: 0 outside quotes, 1 in a quote, 2 in a nested one.
    let mut level = vec![0u8; doc.tokens.len()];
    for d in &directs {
        let lv = if d.outer.is_some() { 2 } else { 1 };
        let end = d.raw.close.map_or(d.raw.content.end, |c| c.end);
        for t in cx.tokens_in(Span::new(d.raw.open.start, end)) {
            level[t] = level[t].max(lv);
        }
    }
    let mut cx = cx;
    cx.level = level;
    let cx = cx;

    // 2.-3. Direct quotes, in text order (outer before nested).
    let mut used_cues: HashSet<usize> = HashSet::new();
    let siblings = Siblings::new(&directs);
    for i in 0..directs.len() {
        attribute_direct(&cx, &mut directs, &siblings, i, &mut used_cues);
    }
    // Reported speech, then continuations (which may go on from it).
    let mut indirect = reported(&cx, &directs, &used_cues);
    // A belief inside someone's words is part of what they say.
    let said: Vec<Span> = indirect
        .iter()
        .filter(|q| q.kind == QuoteKind::Indirect)
        .map(|q| q.span)
        .chain(directs.iter().map(|d| d.quote.span))
        .collect();
    let said_at = SpanIndex::new(said.iter().copied());
    indirect.retain(|q| {
        q.kind != QuoteKind::Belief
            || q.cue
                .is_none_or(|c| !said_at.overlapping(c).any(|i| said[i].contains(c)))
    });
    continuations(&cx, &mut directs, &indirect, &blocks);

    // The reported speech around each quote, found without a scan of all of
    // it per quote (quadratic in a long page).
    let reported_at = SpanIndex::new(indirect.iter().map(|q| q.span));
    for d in directs.iter_mut().filter(|d| d.outer.is_none()) {
        let open = d.raw.open.start;
        let here = cx.sentence_at(open);
        let from = doc
            .sentences
            .get(here)
            .map_or(0, |s| s.span.start.min(open));
        let in_belief = reported_at.overlapping(Span::new(from, open)).any(|i| {
            let q = &indirect[i];
            q.kind == QuoteKind::Belief
                && q.span.start < open
                && cx.sentence_at(q.span.start) == here
        });
        if in_belief {
            d.quote.speaker = None;
            d.quote.cue = None;
        }
    }
    // Quoted words inside reported speech are that speaker's (mixed
    // quotes: `warned that the army "will not sit on its hands"`).
    for d in directs.iter_mut().filter(|d| d.outer.is_none()) {
        // Unless the quoted words have their own attribution inside the
        // clause ("..., he said, "...", the office said").
        let own_cue = d.quote.cue;
        let mut around: Vec<usize> = reported_at.overlapping(d.quote.span).collect();
        around.sort_unstable();
        if let Some(r) = around
            .into_iter()
            .map(|i| &indirect[i])
            .filter(|q| q.kind == QuoteKind::Indirect && q.span.contains(d.quote.span))
            .filter(|q| own_cue.is_none_or(|c| !q.span.contains(c) || q.cue == Some(c)))
            .min_by_key(|q| q.span.len())
        {
            d.quote.speaker = r.speaker.clone();
            d.quote.cue = r.cue;
            d.quote.partial = true;
            d.quote.continuation = false;
        }
    }

    // Not quotes: scare quotes and titles with no speaker.
    let keep: Vec<bool> = directs
        .iter()
        .map(|d| !title(&cx, d) && (d.quote.speaker.is_some() || !scare(&cx, d)))
        .collect();
    // Order: text order; a nested quote right after its outer one.
    let mut all: Vec<(Option<usize>, Quote)> = Vec::new();
    let mut pos = vec![usize::MAX; directs.len()];
    let mut order: Vec<(Span, usize, bool)> = Vec::new();
    for (i, d) in directs.iter().enumerate() {
        if keep[i] && d.outer.is_none_or(|o| keep[o]) {
            order.push((d.quote.span, i, true));
        }
    }
    for (i, q) in indirect.iter().enumerate() {
        order.push((q.span, i, false));
    }
    order.sort_by_key(|(s, _, _)| (s.start, std::cmp::Reverse(s.end)));
    for (_, i, is_direct) in order {
        if is_direct {
            pos[i] = all.len();
            all.push((directs[i].outer, directs[i].quote.clone()));
        } else {
            all.push((None, indirect[i].clone()));
        }
    }
    let mut quotes: Vec<Quote> = all
        .into_iter()
        .map(|(outer, mut q)| {
            q.outer = outer.map(|o| pos[o]).filter(|&p| p != usize::MAX);
            q
        })
        .collect();
    short_names(&mut quotes);
    pronouns(&cx, &mut quotes);
    documents(&cx, &mut quotes);
    institutions::short_references(&mut quotes);
    institutions::it_speakers(&cx, &mut quotes);
    institutions::pairs(&cx, &mut quotes);
    country::localise(&cx, &mut quotes);
    bodies_are_anonymous(doc, &mut quotes);
    quotes
}

/// No named person speaks when an institution, a country or a group does
/// ("the Japanese defence ministry said", "Russia said", "it said" for a
/// ministry): such a speaker is an anonymous source, named as the story
/// names the body and coded with its code, so that `sources` counts as
/// named only the people quoted by name.
fn bodies_are_anonymous(doc: &Document, quotes: &mut [Quote]) {
    for q in quotes.iter_mut() {
        // People (also two named together: "both men") speak as themselves.
        let Some(sp) = q
            .speaker
            .as_mut()
            .filter(|sp| sp.kind != Some(MentionKind::Person))
        else {
            continue;
        };
        let Some(m) = sp.antecedent.or(sp.mention) else {
            continue;
        };
        let body = doc.mentions.get(doc.antecedent(m)).is_some_and(|r| {
            matches!(
                r.kind,
                MentionKind::Org | MentionKind::Country | MentionKind::Capital | MentionKind::Agent
            )
        });
        if body {
            sp.anonymous = true;
        }
    }
}

/// Nouns for what carries someone's words rather than who says them.
pub(crate) const DOCUMENTS: &[&str] = &[
    "statement",
    "letter",
    "report",
    "release",
    "tweet",
    "post",
    "email",
    "memo",
    "filing",
];

/// Nouns for what someone counted or recounted ("according to figures
/// from X", "accounts by residents").
const ACCOUNTS: &[&str] = &[
    "account",
    "record",
    "estimate",
    "figure",
    "count",
    "tally",
    "data",
    "testimony",
    "survey",
    "study",
    "analysis",
    "assessment",
];

/// Participles by which an account comes from its author ("reports
/// received by X", "figures compiled by X").
const HANDED: &[&str] = &[
    "receive", "compile", "publish", "gather", "collect", "release", "issue", "provide", "obtain",
    "prepare", "write",
];

/// "the statement said": the source named with that statement before ("X
/// said in a statement ..."), a few sentences back at most.
fn documents(cx: &Cx, quotes: &mut [Quote]) {
    let doc = cx.doc;
    for i in 0..quotes.len() {
        let Some(sp) = &quotes[i].speaker else {
            continue;
        };
        let ws: Vec<String> = sp.name.split_whitespace().map(str::to_lowercase).collect();
        let (Some(first), Some(noun)) = (ws.first(), ws.last()) else {
            continue;
        };
        if ws.len() > 3
            || !matches!(first.as_str(), "the" | "this" | "that" | "its" | "their")
            || !DOCUMENTS.contains(&noun.as_str())
        {
            continue;
        }
        let here = cx.sentence_at(sp.span.start);
        let source = quotes[..i]
            .iter()
            .rev()
            .filter_map(|q| Some((q, q.speaker.as_ref()?)))
            .take_while(|(q, _)| cx.sentence_at(q.span.start) + PRONOUN_REACH >= here)
            .find(|(q, p)| {
                let s = &doc.sentences[cx.sentence_at(q.span.start)];
                p.name.to_lowercase() != sp.name.to_lowercase()
                    && doc.text[s.span.range()]
                        .to_lowercase()
                        .contains(noun.as_str())
            })
            .map(|(_, p)| p.clone());
        if let Some(p) = source {
            let span = sp.span;
            quotes[i].speaker = Some(Speaker { span, ..p });
        }
    }
}

/// Sentences within which an unlinked "he"/"she" may name the person
/// quoted before.
const PRONOUN_REACH: usize = 6;

/// A "he"/"she" the recogniser could not link (the person is in no
/// dictionary) is the person last quoted, a few sentences before at most.
fn pronouns(cx: &Cx, quotes: &mut [Quote]) {
    for i in 0..quotes.len() {
        let Some(sp) = &quotes[i].speaker else {
            continue;
        };
        let said = cx.doc.slice(sp.span).to_lowercase();
        let n = sp.name.to_lowercase();
        let linked = sp.antecedent.is_some();
        let pronoun = matches!(n.as_str(), "he" | "she");
        if !(pronoun || (linked && matches!(said.as_str(), "he" | "she"))) {
            continue;
        }
        let here = cx.sentence_at(sp.span.start);
        // Linked by coreference: only a person in no dictionary quoted
        // after the antecedent was last named ("Lakshiwnder Singh, another
        // deportee, said ... "...," he said") takes it over.
        let last_named = sp.antecedent.map(|r| last_mention_of(cx, r, sp.span.start));
        if last_named.is_some() && quotes[i].nested {
            // Inside someone's words, "he" is whom they speak of.
            continue;
        }
        let at = sp.span.start;
        // Quotes are in text order: the look back stops at the reach.
        let prev = quotes[..i]
            .iter()
            .rev()
            .take_while(|q| cx.sentence_at(q.span.end) + PRONOUN_REACH >= here)
            .filter_map(|q| q.speaker.as_ref())
            .find(|p| {
                p.span.end <= at
                    && !p.anonymous
                    && p.count.is_none()
                    && matches!(
                        p.kind,
                        None | Some(MentionKind::Person | MentionKind::Pronoun)
                    )
                    && proper_name(&p.name)
            })
            .filter(|p| cx.sentence_at(p.span.start) + PRONOUN_REACH >= here)
            .filter(|p| {
                last_named.is_none_or(|at| {
                    p.mention.is_none()
                        && p.antecedent.is_none()
                        && at.is_some_and(|at| p.span.start > at)
                })
            })
            .cloned();
        if let (Some(p), Some(sp)) = (prev, quotes[i].speaker.as_mut()) {
            sp.name = p.name;
            sp.antecedent = p.mention.or(p.antecedent);
            sp.code = p.code;
            sp.role = p.role;
            sp.kind = sp.kind.or(Some(MentionKind::Pronoun));
        }
    }
}

/// A person's name of two words or more, not a description ("The staff
/// member"): capitalised first and last words, no determiner.
fn proper_name(name: &str) -> bool {
    let ws: Vec<&str> = name.split_whitespace().collect();
    let cap = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
    ws.len() >= 2
        && ws.first().is_some_and(cap)
        && ws.last().is_some_and(cap)
        && !matches!(
            ws[0].to_lowercase().as_str(),
            "the" | "a" | "an" | "this" | "that" | "these" | "those" | "some" | "both" | "all"
        )
}

/// Where the actor of mention `r` was last named (a person or agent
/// mention of its chain, not a pronoun) before byte `at`, within
/// [`PRONOUN_REACH`] sentences.
fn last_mention_of(cx: &Cx, r: usize, at: usize) -> Option<usize> {
    let doc = cx.doc;
    let root = doc.antecedent(r);
    let here = cx.sentence_at(at);
    let from = doc.sentences[here.saturating_sub(PRONOUN_REACH)].span.start;
    cx.mentions_near(Span::new(from, at))
        .into_iter()
        .rev()
        .find(|&m| {
            doc.mentions[m].span.end <= at
                && doc.mentions[m].kind != MentionKind::Pronoun
                && doc.antecedent(m) == root
        })
        .map(|m| doc.mentions[m].span.start)
}

/// A bare surname ("Mr Tesfaye" with the title split off) names the
/// speaker quoted before under a full name ending with it, when the
/// recogniser knew neither.
fn short_names(quotes: &mut [Quote]) {
    // The last full name quoted so far, by its last word: kept as the
    // quotes are read, so that each bare surname costs a lookup.
    let mut by_surname: HashMap<String, usize> = HashMap::new();
    for i in 0..quotes.len() {
        let full = quotes[i].speaker.as_ref().and_then(|sp| {
            if sp.anonymous || sp.antecedent.is_some() || sp.name.contains(' ') {
                return None;
            }
            by_surname
                .get(&sp.name)
                .and_then(|&j| quotes[j].speaker.clone())
        });
        if let (Some(full), Some(sp)) = (full, quotes[i].speaker.as_mut()) {
            sp.name = full.name;
            sp.antecedent = full.mention.or(full.antecedent);
            sp.code = sp.code.take().or(full.code);
            if sp.role.as_deref().is_none_or(|r| !r.contains(' ')) {
                sp.role = full.role;
            }
        }
        if let Some(sp) = quotes[i].speaker.as_ref() {
            if !sp.anonymous && sp.name.contains(' ') {
                if let Some(last) = sp.name.rsplit(' ').next() {
                    by_surname.insert(last.to_string(), i);
                }
            }
        }
    }
}

fn direct(raw: Raw, outer: Option<usize>, limit: Span) -> Direct {
    Direct {
        raw,
        outer,
        limit,
        quote: Quote {
            kind: QuoteKind::Direct,
            span: raw.content,
            open: raw.close.is_none_or(|c| c.is_empty()),
            ..Default::default()
        },
        cue_tok: None,
        last_sentence: 0,
    }
}

/// A quote left open that holds its own attribution (`"We tried, said X.`,
/// the closing mark forgotten) ends at the comma before it; the closing
/// mark is then an empty span there.
fn cut_unclosed(cx: &Cx, raw: Raw) -> Raw {
    if raw.close.is_some() {
        return raw;
    }
    let doc = cx.doc;
    let toks: Vec<usize> = cx.tokens_in(raw.content).collect();
    for (n, &k) in toks.iter().enumerate() {
        if cx.word(k) != "," || n + 1 >= toks.len() {
            continue;
        }
        let s = &doc.sentences[cx.sentence_at(doc.tokens[k].span.start)];
        let region: Vec<usize> = toks[n + 1..]
            .iter()
            .copied()
            .filter(|&t| t < s.last_token)
            .collect();
        let Some(&first) = region.first() else {
            continue;
        };
        let Some(&t) = region.iter().find(|&&t| cx.is_quote_cue(t)) else {
            continue;
        };
        // Nothing but the attribution: no other finite verb.
        let finite = region
            .iter()
            .any(|&x| x != t && matches!(doc.tokens[x].tag, "VBD" | "VBZ" | "VBP" | "MD"));
        if finite {
            continue;
        }
        if cx.speaker_of(t, &region, Some(first)).is_none() {
            continue;
        }
        let at = doc.tokens[k].span.start;
        return Raw {
            open: raw.open,
            close: Some(Span::new(at, at)),
            content: marks::trim(&doc.text, Span::new(raw.open.end, at)),
        };
    }
    raw
}

/// Attributes direct quote `i` from the text before or after it.
/// For each direct quote, where the quote before it at its level ends and
/// where the next one opens, computed once: asking per quote would scan all
/// of them, quadratic in a long page.
struct Siblings {
    prev_end: Vec<usize>,
    next_open: Vec<Option<usize>>,
}

impl Siblings {
    fn new(directs: &[Direct]) -> Siblings {
        let close_end = |d: &Direct| d.raw.close.map_or(d.raw.content.end, |c| c.end);
        // Quotes at one level (the outer ones, or those nested in one quote)
        // are in text order.
        let mut levels: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (i, d) in directs.iter().enumerate() {
            levels.entry(d.outer).or_default().push(i);
        }
        let mut prev_end = vec![0; directs.len()];
        let mut next_open = vec![None; directs.len()];
        for members in levels.values() {
            let mut ends: Vec<(usize, usize)> = Vec::new(); // (content end, running max close end)
            for (k, &i) in members.iter().enumerate() {
                let d = &directs[i];
                let done = ends.partition_point(|&(e, _)| e <= d.raw.open.start);
                prev_end[i] = if done == 0 { 0 } else { ends[done - 1].1 };
                let m = ends.last().map_or(0, |x| x.1).max(close_end(d));
                ends.push((d.raw.content.end, m));
                let after = d.raw.close.map_or(d.raw.content.end, |c| c.end);
                let rest = &members[k + 1..];
                let n = rest.partition_point(|&j| directs[j].raw.open.start < after);
                next_open[i] = rest.get(n).map(|&j| directs[j].raw.open.start);
            }
        }
        Siblings {
            prev_end,
            next_open,
        }
    }
}

fn attribute_direct(
    cx: &Cx,
    directs: &mut [Direct],
    siblings: &Siblings,
    i: usize,
    used: &mut HashSet<usize>,
) {
    let doc = cx.doc;
    let d = directs[i].clone();
    let lv = if d.outer.is_some() { 2 } else { 1 };
    // Tokens outside this quote (and its siblings) at the quote's level.
    let free = |t: usize| cx.level[t] < lv;
    let open_s = cx.sentence_at(d.raw.open.start);
    let s_span = doc.sentences[open_s].span;
    let lo = s_span.start.max(d.limit.start);
    // The previous quote at this level in the same sentence ends the
    // region before this one.
    let prev_end = siblings.prev_end[i];
    let before: Vec<usize> = cx
        .tokens_in(Span::new(lo.max(prev_end), d.raw.open.start))
        .filter(|&t| free(t))
        .collect();
    // The whole sentence before the quote, where the subject of a verb
    // right before it may stand ("he asked about X, called Y a "..." and
    // said, "..."").
    let sentence_before: Vec<usize> = cx
        .tokens_in(Span::new(lo, d.raw.open.start))
        .filter(|&t| free(t))
        .collect();
    let mid = sentence_before.iter().any(|&t| !cx.is_punct(t));
    let mut last_sentence = cx.sentence_at(d.raw.content.end.saturating_sub(1));

    let mut found: Option<(usize, Speaker)> = None;
    let mut partial = false;
    let try_before = |found: &mut Option<(usize, Speaker)>| {
        // The nearest speech verb before the quote in its sentence.
        for &t in before.iter().rev() {
            if cx.is_quote_cue(t) {
                // Verbs between belong to what it says ("said the move was,
                // "..."), not to a clause of their own ("asked about X,
                // called him a "...").
                let governed = before
                    .iter()
                    .filter(|&&v| v > t && doc.tokens[v].tag.starts_with("VB"))
                    .all(|&v| cx.governs(t, v));
                if governed {
                    if let Some(sp) = cx.speaker_of(t, &sentence_before, None) {
                        *found = Some((t, sp));
                    }
                }
                break;
            }
        }
    };
    let try_after = |found: &mut Option<(usize, Speaker)>, last: &mut usize| {
        let Some(close) = d.raw.close else { return };
        let cs = cx.sentence_at(close.start);
        let mut end = doc.sentences[cs].span.end.min(d.limit.end);
        // Stop at the next mark at this level.
        if let Some(n) = siblings.next_open[i] {
            end = end.min(n);
        }
        let mut after: Vec<usize> = cx
            .tokens_in(Span::new(close.end, end))
            .filter(|&t| free(t))
            .collect();
        let mut short = false;
        if after.iter().all(|&t| cx.is_punct(t)) && cs + 1 < doc.sentences.len() {
            // `"Why?" he asked.`: the next short sentence.
            let ns = doc.sentences[cs + 1];
            let toks: Vec<usize> = cx.tokens_in(ns.span).collect();
            if ns.span.end <= d.limit.end
                && toks.len() <= SHORT_ATTRIBUTION
                && toks.iter().all(|&t| !cx.is_mark(t))
                && d.outer.is_none()
            {
                after = toks;
                short = true;
            }
        }
        // "“…” ― Name": a dash and the speaker's name, no verb.
        if let Some(&d0) = after.first() {
            if matches!(cx.word(d0), "―" | "—" | "–" | "--") && after.len() > 1 {
                let last = after.iter().rposition(|&t| !cx.is_punct(t));
                if let Some(l) = last.filter(|&l| l >= 1) {
                    if doc.tokens[after[1]].tag.starts_with("NNP") {
                        if let Some(sp) = cx.speaker_in(after[1], after[l] + 1) {
                            *found = Some((d0, sp));
                            return;
                        }
                    }
                }
            }
        }
        let Some(first) = after.iter().copied().find(|&t| !cx.is_punct(t)) else {
            return;
        };
        for &t in &after {
            if !cx.is_quote_cue(t) {
                continue;
            }
            if short && cx.has_clause(t) {
                break;
            }
            if let Some(sp) = cx.speaker_of(t, &after, Some(first)) {
                // The verb, or its subject, must come first after the mark.
                {
                    *found = Some((t, sp));
                    *last = cx.sentence_at(doc.tokens[t].span.start);
                }
            }
            break;
        }
    };
    if mid {
        try_before(&mut found);
        if found.is_some() {
            partial = doc.text[d.raw.content.range()]
                .chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_lowercase);
        } else {
            try_after(&mut found, &mut last_sentence);
        }
        if found.is_none() {
            // "Her message: "..."".
            found = colon::speaker(cx, &sentence_before);
        }
    } else {
        try_after(&mut found, &mut last_sentence);
    }
    let q = &mut directs[i];
    q.last_sentence = last_sentence;
    if let Some((t, sp)) = found {
        q.quote.continuation = used.contains(&t) && d.outer.is_none();
        q.quote.speaker = Some(sp);
        q.quote.cue = Some(cx.cue_span(t));
        q.quote.partial = partial;
        q.cue_tok = Some(t);
        used.insert(t);
    }
}

/// Quotes with no attribution of their own go on from the quote or
/// reported speech of the sentence before; a paragraph left open takes the
/// speaker of the quote that opens the next paragraph.
fn continuations(cx: &Cx, directs: &mut [Direct], indirect: &[Quote], blocks: &[Span]) {
    let doc = cx.doc;
    // Sorted by end, so that the last one ending before a quote is found
    // by binary search.
    let mut reported: Vec<(usize, usize, &Quote)> = indirect
        .iter()
        .map(|q| (q.span.end, cx.sentence_at(q.span.end.saturating_sub(1)), q))
        .collect();
    reported.sort_by_key(|r| r.0);
    // The last outer quote with a speaker before each direct quote, kept
    // as the quotes are read (speakers given here count too).
    let mut last_spoken: Option<usize> = None;
    for i in 0..directs.len() {
        if i > 0 && directs[i - 1].outer.is_none() && directs[i - 1].quote.speaker.is_some() {
            last_spoken = Some(i - 1);
        }
        if directs[i].quote.speaker.is_some() || directs[i].outer.is_some() {
            continue;
        }
        let open = directs[i].raw.open.start;
        let s = cx.sentence_at(open);
        // Only a quote that opens its sentence.
        let starts = cx
            .tokens_in(Span::new(doc.sentences[s].span.start, open))
            .all(|t| cx.is_punct(t));
        if !starts {
            continue;
        }
        let prev_direct = last_spoken
            .map(|j| &directs[j])
            .map(|p| (p.raw.content.end, p.last_sentence, &p.quote));
        let prev_reported = reported[..reported.partition_point(|r| r.0 <= open)]
            .last()
            .copied();
        let prev = match (prev_direct, prev_reported) {
            (Some(a), Some(b)) => Some(if a.0 >= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        if let Some((_, ps, q)) = prev {
            if ps + 1 >= s && ps <= s {
                let speaker = q.speaker.clone();
                let last = directs[i].last_sentence;
                let d = &mut directs[i];
                d.quote.speaker = speaker;
                d.quote.continuation = true;
                d.last_sentence = last.max(s);
            }
        }
    }
    // A paragraph left open: the speaker of the next paragraph's opening
    // quote.
    for i in (0..directs.len()).rev() {
        let d = &directs[i];
        if d.quote.speaker.is_some() || d.outer.is_some() || d.raw.close.is_some() {
            continue;
        }
        let b = blocks.partition_point(|b| b.end <= d.raw.open.start);
        if !blocks.get(b).is_some_and(|x| x.contains(d.raw.open)) {
            continue;
        }
        if d.raw.content.end + 1 < blocks[b].end.saturating_sub(1) {
            continue;
        }
        let Some(next) = blocks.get(b + 1) else {
            continue;
        };
        // Directs are in text order by their opening marks.
        let from = directs.partition_point(|n| n.raw.open.start < next.start);
        let opener = directs[from..]
            .iter()
            .position(|n| n.outer.is_none())
            .map(|k| from + k)
            .filter(|&n| {
                doc.text[next.start..directs[n].raw.open.start]
                    .trim()
                    .is_empty()
            });
        if let Some(n) = opener {
            if let Some(sp) = directs[n].quote.speaker.clone() {
                directs[i].quote.speaker = Some(sp);
                directs[i].quote.continuation = true;
            }
        }
    }
}

/// A short phrase in quotes that names something (a title, a show, a
/// slogan, a nickname) rather than quoting anyone, speaker or not: in the
/// middle of a sentence, either written like a name ("Hanoi Hilton",
/// "factcheckUK") or modifying the noun after it ("a "phase one" deal").
fn title(cx: &Cx, d: &Direct) -> bool {
    let doc = cx.doc;
    let content = &doc.text[d.raw.content.range()];
    let words: Vec<&str> = content.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || content.trim_end().ends_with(['.', '!', '?']) {
        return false;
    }
    let s = &doc.sentences[cx.sentence_at(d.raw.open.start)];
    let before: Vec<usize> = cx
        .tokens_in(Span::new(
            s.span.start.min(d.raw.open.start),
            d.raw.open.start,
        ))
        .collect();
    let Some(&prev) = before.iter().rev().find(|&&t| !cx.is_mark(t)) else {
        return false;
    };
    if cx.is_punct(prev) || cx.is_quote_cue(prev) {
        return false;
    }
    let alpha: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let name_like = !alpha.is_empty()
        && words.len() <= 4
        && (alpha
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            || (alpha.len() == 1 && alpha[0].chars().skip(1).any(char::is_uppercase)));
    let close = d.raw.close.map_or(d.raw.content.end, |c| c.end);
    let next = cx
        .tokens_in(Span::new(close.min(s.span.end), s.span.end))
        .find(|&t| !cx.is_mark(t));
    let determiner = matches!(doc.tokens[prev].tag, "DT" | "PRP$");
    let modifier = determiner && next.is_some_and(|t| matches!(doc.tokens[t].tag, "NN" | "NNS"));
    // "the "reset"": one word named, not said.
    let term =
        determiner && words.len() == 1 && matches!(cx.lower(prev).as_str(), "the" | "a" | "an");
    name_like || modifier || term
}

/// A short phrase in quotes with no speaker: a scare quote or a title.
fn scare(cx: &Cx, d: &Direct) -> bool {
    let doc = cx.doc;
    let words = doc.text[d.raw.content.range()].split_whitespace().count();
    let before: Vec<usize> = cx
        .tokens_in(Span::new(
            doc.sentences[cx.sentence_at(d.raw.open.start)].span.start,
            d.raw.open.start,
        ))
        .collect();
    if let Some(&t) = before.last() {
        if NAMING.contains(&cx.lower(t).as_str()) {
            return true;
        }
    }
    let sentence_like = doc.text[d.raw.content.range()]
        .trim_end_matches(['’', '\'', '"', '”'])
        .ends_with(['.', '!', '?']);
    let mid = before.iter().any(|&t| !cx.is_punct(t));
    words <= 5 && !sentence_like && mid
}

/// Reported speech outside direct quotes, and beliefs.
fn reported(cx: &Cx, directs: &[Direct], used: &HashSet<usize>) -> Vec<Quote> {
    let doc = cx.doc;
    let mut out = Vec::new();
    let marked: Vec<Span> = directs
        .iter()
        .filter(|d| d.outer.is_none())
        .map(|d| {
            Span::new(
                d.raw.open.start,
                d.raw.close.map_or(d.raw.content.end, |c| c.end),
            )
        })
        .collect();
    // Each sentence looks only at the quotes that reach into it.
    let marked_at = SpanIndex::new(marked.iter().copied());
    let outer: Vec<&Direct> = directs.iter().filter(|d| d.outer.is_none()).collect();
    let opens = SpanIndex::new(outer.iter().map(|d| d.raw.open));
    for s in &doc.sentences {
        let mut near: Vec<usize> = marked_at.overlapping(s.span).collect();
        near.sort_unstable();
        let marked: Vec<Span> = near.into_iter().map(|i| marked[i]).collect();
        let mut near: Vec<usize> = opens.overlapping(s.span).collect();
        near.sort_unstable();
        let directs_here: Vec<&Direct> = near.into_iter().map(|i| outer[i]).collect();
        let toks: Vec<usize> = (s.first_token..s.last_token).collect();
        if let Some(q) = according_to(cx, s, &marked) {
            out.push(q);
        }
        let free: Vec<usize> = toks.iter().copied().filter(|&t| cx.level[t] == 0).collect();
        for &c in &toks {
            if !cx.maybe_cue(c) {
                continue;
            }
            let belief = cx.is_cue(c, BELIEF_CUES) && !cx.is_cue(c, REPORT_CUES);
            if cx.level[c] > 0
                || !(cx.is_cue(c, REPORT_CUES) || cx.is_cue(c, TO_CUES) || belief)
                || cx.negated(c)
                || matches!(doc.tokens[c].rel, "amod" | "pcomp" | "csubj")
                || (doc.tokens[c].rel == "xcomp"
                    && doc.tokens[c].tag != "VBG"
                    && !said_in_purpose(cx, c))
                || (doc.tokens[c].rel == "acl" && !cx.of_statement(c))
            {
                continue;
            }
            let Some(sp) = cx.speaker_of(c, &free, None) else {
                continue;
            };
            let Some((mut a, b)) = cx.phrase_tokens(&sp) else {
                continue;
            };
            // A named speaker's span is its name: its determiner ("the
            // French military") belongs to the phrase all the same.
            while a > s.first_token && matches!(doc.tokens[a - 1].tag, "DT" | "PDT") {
                a -= 1;
            }
            // So do the words before it in the subject's phrase ("the
            // Swedish [Prosecution Authority]", "the [U.S. Attorney]'s
            // Office"), when no comma or quote stands between.
            if let Some(x) = cx
                .children(c)
                .iter()
                .copied()
                .find(|&k| doc.tokens[k].rel == "nsubj")
            {
                let (x0, x1) = cx.subtree(x);
                if x0 < a
                    && a <= x1
                    && x1 < c
                    && (x0..a).all(|t| cx.level[t] == 0 && !cx.is_boundary(t))
                {
                    a = x0;
                }
            }
            let Some((ca, cb)) = reported_clause(cx, s, c, a, b, belief) else {
                continue;
            };
            // A verb that attributed a direct quote reports no more, unless
            // its clause holds the quoted words (a mixed quote).
            if used.contains(&c) {
                let (sa, sb) = (doc.tokens[ca].span.start, doc.tokens[cb - 1].span.end);
                if !marked.iter().any(|m| sa <= m.start && m.start < sb) {
                    continue;
                }
            }
            // "A, X said, B": the interrupting attribution is no content.
            let parts: Vec<(usize, usize)> = if ca < a && b <= c && c < cb && cb > c + 1 {
                let mut k = c + 1;
                let objects = cx.objects(c);
                while k < cb && (objects.contains(&k) || cx.is_punct(k)) {
                    k += 1;
                }
                vec![(ca, a - 1), (k, cb)]
            } else {
                vec![(ca, cb)]
            };
            if !(ca..cb).any(|t| doc.tokens[t].tag.starts_with("VB")) {
                continue;
            }
            let two = parts.len() == 2;
            for (n, (pa, pb)) in parts.into_iter().enumerate() {
                // "Later, in remarks at X, Y said, "..."": with the words
                // after it quoted, a lead-in with no verb says nothing.
                if two
                    && n == 0
                    && used.contains(&c)
                    && !(pa..pb).any(|t| doc.tokens[t].tag.starts_with("VB"))
                {
                    continue;
                }
                let Some(mut span) = reported_content(cx, pa, pb, &marked, false) else {
                    continue;
                };
                // A title in marks ends the clause before it ("known as the
                // "Three Amigos""); so does any quote inside a belief (what
                // someone imagines others would say is nobody's quote).
                for d in &directs_here {
                    let at = d.raw.open.start;
                    if span.start < at && at < span.end && (belief || title(cx, d)) {
                        span = marks::trim(&doc.text, Span::new(span.start, at));
                    }
                }
                let span = span;
                if span.is_empty() {
                    continue;
                }
                out.push(Quote {
                    kind: if belief {
                        QuoteKind::Belief
                    } else {
                        QuoteKind::Indirect
                    },
                    span,
                    speaker: Some(sp.clone()),
                    cue: Some(cx.cue_span(c)),
                    continuation: n > 0,
                    ..Default::default()
                });
            }
        }
    }
    out
}

/// Verbs after which "to say" is not yet said ("refused to say", "wants
/// to say", "was asked to say").
const NOT_YET_SAID: &[&str] = &[
    "refuse",
    "decline",
    "fail",
    "hesitate",
    "want",
    "wish",
    "plan",
    "intend",
    "hope",
    "expect",
    "ask",
    "agree",
    "promise",
    "try",
    "seek",
    "need",
    "have",
    "be",
    "seem",
    "appear",
    "begin",
    "start",
    "decide",
    "choose",
    "prefer",
    "like",
    "dare",
    "afford",
    "urge",
    "allow",
    "force",
    "order",
    "tell",
    "invite",
    "encourage",
    "get",
    "let",
    "make",
    "pressure",
    "push",
];

/// "shifted his account to say ...", "went on to say ...": an infinitive
/// of saying after a verb of the speaker's own that did the saying, not
/// one of refusing, wanting or being asked.
fn said_in_purpose(cx: &Cx, c: usize) -> bool {
    let toks = &cx.doc.tokens;
    let Some(h) = toks[c].head.filter(|&h| h != c) else {
        return false;
    };
    toks[c].lemma == "say"
        && cx
            .children(c)
            .iter()
            .any(|&k| toks[k].tag == "TO" && toks[k].rel == "aux")
        && matches!(toks[h].tag, "VBD" | "VBZ" | "VBP" | "VBN")
        && !NOT_YET_SAID.contains(&toks[h].lemma.to_lowercase().as_str())
        && !cx.negated(h)
        && cx.level[h] == 0
}

/// The tokens `[ca, cb)` that speech verb `c`, its speaker in `[a, b)`,
/// reports in sentence `s`, if any.
fn reported_clause(
    cx: &Cx,
    s: &dyad_document::Sentence,
    c: usize,
    a: usize,
    b: usize,
    belief: bool,
) -> Option<(usize, usize)> {
    let doc = cx.doc;
    let first = s.first_token;
    let last = cx.last_word(s);
    let lemma = doc.tokens[c].lemma.to_lowercase();
    let lemma = lemma.as_str();
    // "accused X of meddling", "warned of a crisis".
    if OF_CUES.contains(&lemma) {
        // "of" under the verb or, misparsed, under its object.
        let objects: Vec<usize> = cx
            .children(c)
            .iter()
            .copied()
            .filter(|&k| doc.tokens[k].rel == "dobj")
            .collect();
        if let Some(of) = std::iter::once(c)
            .chain(objects)
            .flat_map(|h| cx.children(h).iter().copied())
            .filter(|&k| k > c && cx.lower(k) == "of")
            .min()
        {
            let (x, y) = cx.subtree(of);
            if x == of && y > of && y < last + 1 {
                return Some((of + 1, y + 1));
            }
        }
    }
    // "urged voters not to ...": the infinitive.
    if TO_CUES.contains(&lemma) {
        let x = cx
            .children(c)
            .iter()
            .copied()
            .find(|&k| k > c && doc.tokens[k].rel == "xcomp")?;
        let (x0, x1) = cx.subtree(x);
        let start = (x0..=x)
            .find(|&k| matches!(cx.lower(k).as_str(), "not" | "to"))
            .unwrap_or(x0);
        return Some((start, x1 + 1));
    }
    if b <= c {
        // Speaker before the verb. Skip what is told ("told The National",
        // "told reporters").
        let mut k = c + 1;
        // "said the two were ready", with the clause misread as the verb's
        // object: a verb that takes no one as its object reports it.
        let object_clause = cx.object_is_clause(c);
        let objects = if object_clause {
            Vec::new()
        } else {
            cx.objects(c)
        };
        // "told lawmakers that ...", even when the clause is misread as the
        // object's.
        while k < last && objects.contains(&k) && cx.lower(k) != "that" {
            k += 1;
        }
        // (A closing mark may stand between: `..., "…," the office said.`)
        let comma_before = a > first
            && (cx.word(a - 1) == ","
                || (cx.is_mark(a - 1) && a - 1 > first && cx.word(a - 2) == ","));
        // The clause the verb governs, after it.
        let clause = cx
            .children(c)
            .iter()
            .copied()
            .filter(|&k| k > c && matches!(doc.tokens[k].rel, "ccomp" | "parataxis"))
            .min();
        if k >= last && comma_before {
            // "..., X said."
            return Some((first, a - 1));
        }
        // Only when the speaker stands right before the verb: "During the
        // talks, she asked ... and said, ..." is no interruption.
        let adjacent = (b..c).all(|t| !doc.tokens[t].tag.starts_with("VB"));
        // (Not after a closing mark: `"…," X said, referring to …` quotes
        // no more.)
        if k < last
            && cx.word(k) == ","
            && comma_before
            && cx.word(a - 1) == ","
            && a - 1 > first
            && adjacent
        {
            // "A, X said, B": the whole sentence.
            return Some((first, last));
        }
        if k < last {
            // "X said (on Tuesday) (that) ...", "said in an email to Y that".
            // (Participles pass: "told cheering teachers that", "said in
            // a statement issued Tuesday that".)
            let that = (k..last.min(k + THAT_REACH))
                .take_while(|&t| {
                    !doc.tokens[t].tag.starts_with("VB")
                        || (matches!(doc.tokens[t].tag, "VBG" | "VBN")
                            && (!cx.has_clause(t)
                                || doc
                                    .tokens
                                    .get(t + 1)
                                    .is_some_and(|n| n.tag.starts_with("NN"))))
                })
                .find(|&t| matches!(cx.lower(t).as_str(), "that" | ":"));
            if let Some(t) = that {
                return (t + 1 < last).then_some((t + 1, last));
            }
            if let Some(x) = clause {
                let mut x0 = cx.subtree(x).0.max(k);
                if cx.lower(x0) == "that" {
                    x0 += 1;
                }
                return (x0 < last).then_some((x0, last));
            }
            if comma_before && !belief && !subordinate(cx, first) {
                // "..., the ministry said in a statement on Tuesday." (not
                // "As the charges were read, she testified before ...").
                return Some((first, a - 1));
            }
            // "said Epstein was still ...", with the clause's subject
            // misread as a second subject of the verb: a noun phrase
            // right after a verb that takes no one as its object, then a
            // finite verb.
            if cx.says_no_one(c) && doc.tokens[k].tag.starts_with("NN") {
                let mut v = k;
                while v < last && doc.tokens[v].tag.starts_with("NN") {
                    v += 1;
                }
                if v < last
                    && v <= k + 4
                    && cx.level[v] == 0
                    && matches!(doc.tokens[v].tag, "VBD" | "VBZ" | "VBP" | "MD")
                {
                    return Some((k, last));
                }
            }
            let adverbial = matches!(doc.tokens[k].tag, "IN" | "RB" | "TO" | "WRB")
                && !matches!(cx.lower(k).as_str(), "whether" | "if");
            // "urged X to ..." has no clause: no report; nor has "said
            // while visiting ...".
            return ((cx.has_clause(c) || object_clause) && !adverbial).then_some((k, last));
        }
        return None;
    }
    // The speaker may carry an apposition to the end ("said Ana Ruiz, a
    // family doctor").
    let tail = (a..b)
        .map(|t| cx.subtree(t).1 + 1)
        .max()
        .unwrap_or(b)
        .max(b);
    // And a time or place of the verb's after it ("said X on Tuesday,
    // November 19").
    let mut end = cx.last_word(s);
    let trailing = cx
        .children(c)
        .iter()
        .copied()
        .filter(|&k| {
            k >= tail && matches!(doc.tokens[k].rel, "prep" | "npadvmod" | "tmod" | "advmod")
        })
        .map(|k| cx.subtree(k))
        .min();
    if let Some((x, y)) = trailing {
        if x <= tail + 1 && y + 1 >= end {
            end = tail;
        }
    }
    if c > first && cx.word(c - 1) == "," && end <= tail + 1 && !belief {
        // "..., said X."
        return Some((first, c - 1));
    }
    None
}

/// A sentence opening with a subordinate clause ("As the charges were
/// read, ...", "When the vote ended, ..."), which frames what follows and
/// is nobody's words.
fn subordinate(cx: &Cx, first: usize) -> bool {
    cx.doc.tokens[first].rel == "mark"
        || matches!(
            cx.lower(first).as_str(),
            "as" | "when"
                | "while"
                | "after"
                | "before"
                | "although"
                | "though"
                | "because"
                | "since"
                | "once"
                | "until"
                | "whenever"
        )
}

/// The span of reported content over tokens `ca..cb`: it must hold a verb
/// and must not overlap a direct quote already found.
fn reported_content(
    cx: &Cx,
    ca: usize,
    cb: usize,
    marked: &[Span],
    need_verb: bool,
) -> Option<Span> {
    let doc = cx.doc;
    let mut ca = ca;
    while ca < cb && cx.is_punct(ca) {
        ca += 1;
    }
    if cb <= ca || (need_verb && !(ca..cb).any(|t| doc.tokens[t].tag.starts_with("VB"))) {
        return None;
    }
    let span = marks::trim(
        &doc.text,
        Span::new(doc.tokens[ca].span.start, doc.tokens[cb - 1].span.end),
    );
    // Quoted words inside the clause are part of it (mixed quotes); a
    // clause inside or across a direct quote is that quote's.
    // (a quote opening inside the clause may close after its last word).
    (!marked
        .iter()
        .any(|m| m.start < span.end && span.start < m.end && m.start <= span.start))
    .then_some(span)
}

/// "According to X, ..." and "..., according to X.": X reports the rest.
fn according_to(cx: &Cx, s: &dyad_document::Sentence, marked: &[Span]) -> Option<Quote> {
    let doc = cx.doc;
    let (first, last) = (s.first_token, cx.last_word(s));
    let k = (first..last.saturating_sub(1)).find(|&k| {
        cx.level[k] == 0
            && cx.word(k).eq_ignore_ascii_case("according")
            && cx.word(k + 1).eq_ignore_ascii_case("to")
    })?;
    let mut e = k + 2;
    while e < last && cx.word(e) != "," {
        e += 1;
    }
    // "according to reports received by X", "... figures from X": X.
    let mut from = k + 2;
    // (Not "accounts corroborated by footage": the footage confirms,
    // the accounts' authors speak.)
    let account = |u: usize| {
        let l = doc.tokens[u].lemma.to_lowercase();
        DOCUMENTS.contains(&l.as_str()) || ACCOUNTS.contains(&l.as_str())
    };
    if let Some(by) = (k + 3..e).find(|&t| {
        let p = t - 1;
        matches!(cx.lower(t).as_str(), "by" | "from")
            && (account(p)
                || (doc.tokens[p].tag == "VBN"
                    && p > k + 2
                    && account(p - 1)
                    && HANDED.contains(&doc.tokens[p].lemma.to_lowercase().as_str())))
    }) {
        if by + 1 < e {
            from = by + 1;
        }
    }
    let sp = cx.speaker_in(from, e)?;
    let (ca, cb) = if k == first && e < last {
        (e + 1, last)
    } else if k > first && cx.word(k - 1) == "," && e >= last {
        (first, k - 1)
    } else {
        return None;
    };
    let span = reported_content(cx, ca, cb, marked, true)?;
    Some(Quote {
        kind: QuoteKind::Indirect,
        span,
        speaker: Some(sp),
        cue: Some(Span::new(
            doc.tokens[k].span.start,
            doc.tokens[k + 1].span.end,
        )),
        ..Default::default()
    })
}

/// Counts of quotes and distinct speakers, named and anonymous.
fn summarise(quotes: &[Quote]) -> SourcesSummary {
    let mut s = SourcesSummary {
        quotes: quotes
            .iter()
            .filter(|q| q.kind != QuoteKind::Belief)
            .count(),
        ..Default::default()
    };
    // Each speaker's place in the list, by name and anonymity: a lookup per
    // quote, not a scan of every speaker.
    let mut index: HashMap<(String, bool), usize> = HashMap::new();
    for q in quotes {
        match q.kind {
            QuoteKind::Direct => s.direct += 1,
            QuoteKind::Indirect => s.indirect += 1,
            // Beliefs are counted apart and name no source.
            QuoteKind::Belief => {
                s.beliefs += 1;
                continue;
            }
        }
        let Some(sp) = &q.speaker else {
            s.unattributed += 1;
            continue;
        };
        if sp.anonymous {
            s.anonymous_quotes += 1;
        } else {
            s.named_quotes += 1;
        }
        let key = (sp.name.to_lowercase(), sp.anonymous);
        match index.get(&key).map(|&k| &mut s.speakers[k]) {
            Some(x) => {
                x.quotes += 1;
                // The first quote may name them without role or code.
                if x.role.is_none() {
                    x.role = sp.role.clone();
                }
                if x.code.is_none() {
                    x.code = sp.code.clone();
                }
            }
            None => {
                index.insert(key, s.speakers.len());
                s.speakers.push(SourceSpeaker {
                    name: sp.name.clone(),
                    anonymous: sp.anonymous,
                    code: sp.code.clone(),
                    role: sp.role.clone(),
                    quotes: 1,
                })
            }
        }
    }
    s.named = s.speakers.iter().filter(|x| !x.anonymous).count();
    s.anonymous = s.speakers.len() - s.named;
    // Most quoted first; ties in order of first quote (stable sort).
    s.speakers.sort_by_key(|x| std::cmp::Reverse(x.quotes));
    s
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_attribution;
