//! Token helpers over the parse, and speakers: the subject of a speech verb
//! (or the phrase beside it) resolved to the recogniser's mentions.

use std::collections::HashSet;
use std::sync::OnceLock;

use dyad_document::{Document, MentionKind, Sentence, Span, SpanIndex, Speaker};

use crate::marks::is_mark_str;

/// Head nouns (lemmas) of unnamed sources when no mention covers them.
const ANON_HEADS: &[&str] = &[
    "official",
    "source",
    "diplomat",
    "analyst",
    "expert",
    "observer",
    "resident",
    "witness",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "adviser",
    "advisor",
    "insider",
    "officer",
    "negotiator",
    "activist",
    "person",
    "people",
];

/// Head nouns of institutions (`data/institutions.txt`).
pub(crate) fn is_institution(w: &str) -> bool {
    static LIST: OnceLock<HashSet<&'static str>> = OnceLock::new();
    LIST.get_or_init(|| {
        include_str!("../data/institutions.txt")
            .lines()
            .map(|l| l.split('#').next().unwrap_or("").trim())
            .filter(|l| !l.is_empty())
            .collect()
    })
    .contains(w)
}

/// A word written before a name: a title (`dyad_document::names::TITLES`)
/// or one of [`ROLE_WORDS`].
pub(crate) fn is_role_word(w: &str) -> bool {
    dyad_document::names::TITLES.contains(&w) || ROLE_WORDS.contains(&w)
}

/// Role words written before a name besides the titles ("spokesman",
/// "chairman").
pub(crate) const ROLE_WORDS: &[&str] = &[
    "vice",
    "prime",
    "foreign",
    "deputy",
    "lt",
    "major",
    "maj",
    "admiral",
    "commander",
    "chief",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "king",
    "queen",
    "prince",
    "chancellor",
    "premier",
    "emir",
    "sultan",
    "speaker",
    "chairman",
    "chairwoman",
    "director",
    "head",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "founder",
    "co-founder",
    "executive",
    "leader",
    "team",
    "manager",
];

/// Verbs of saying that take no one as their object.
const NO_PERSON_OBJECT: &[&str] = &[
    "say",
    "add",
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
    "maintain",
    "deny",
    "reiterate",
    "emphasise",
    "emphasize",
];

/// Words of a time phrase that can trail a speaker phrase.
const TIME_WORDS: &[&str] = &["last", "this", "next", "earlier", "later"];

/// Subjects that name no one.
const EMPTY_SUBJECTS: &[&str] = &["it", "this", "that", "which", "what", "there", "who"];

pub(crate) struct Cx<'a> {
    pub doc: &'a Document,
    /// Per token: 0 outside quotes, 1 inside a direct quote, 2 nested.
    pub level: Vec<u8>,
    /// Dependents of each token, flat: those of `t` are
    /// `kids[kid_start[t]..kid_start[t + 1]]` (one allocation, not one per
    /// token: this runs on every document).
    kid_start: Vec<usize>,
    kids: Vec<usize>,
    /// Per token: the best mention covering it (the outlet left out), or
    /// `usize::MAX`.
    cover: Vec<usize>,
    /// The mentions' spans, to find those in a phrase without scanning
    /// them all (a scan per speech verb is quadratic in a long page).
    spans: SpanIndex,
}

/// How far back (bytes) "the official" may name a role phrase or person:
/// an article's length, so a long page costs time in proportion to it.
const ANAPHORA_REACH: usize = 25_000;

fn rank(k: MentionKind) -> u8 {
    match k {
        MentionKind::Person => 0,
        MentionKind::Pronoun => 1,
        MentionKind::Agent => 2,
        MentionKind::Org => 3,
        MentionKind::Capital => 4,
        MentionKind::Country => 5,
        MentionKind::Outlet => 6,
    }
}

impl<'a> Cx<'a> {
    pub fn new(doc: &'a Document) -> Cx<'a> {
        let n = doc.tokens.len();
        let mut kid_start = vec![0usize; n + 1];
        for t in &doc.tokens {
            if let Some(h) = t.head.filter(|&h| h < n) {
                kid_start[h + 1] += 1;
            }
        }
        for i in 0..n {
            kid_start[i + 1] += kid_start[i];
        }
        let mut fill = kid_start.clone();
        let mut kids = vec![0usize; kid_start[n]];
        for (i, t) in doc.tokens.iter().enumerate() {
            if let Some(h) = t.head.filter(|&h| h < n) {
                kids[fill[h]] = i;
                fill[h] += 1;
            }
        }
        let mut cx = Cx {
            doc,
            level: vec![0; n],
            kid_start,
            kids,
            cover: vec![usize::MAX; n],
            spans: SpanIndex::new(doc.mentions.iter().map(|m| m.span)),
        };
        for (i, m) in doc.mentions.iter().enumerate() {
            if m.kind == MentionKind::Outlet {
                continue;
            }
            for t in cx.tokens_in(m.span) {
                let c = cx.cover[t];
                if c == usize::MAX || rank(m.kind) < rank(doc.mentions[c].kind) {
                    cx.cover[t] = i;
                }
            }
        }
        cx
    }

    pub fn children(&self, t: usize) -> &[usize] {
        &self.kids[self.kid_start[t]..self.kid_start[t + 1]]
    }

    /// The best mention covering a token.
    fn covering(&self, t: usize) -> Option<usize> {
        Some(self.cover[t]).filter(|&c| c != usize::MAX)
    }

    pub fn word(&self, t: usize) -> &str {
        self.doc.slice(self.doc.tokens[t].span)
    }

    pub fn lower(&self, t: usize) -> String {
        self.word(t).to_lowercase()
    }

    /// The sentence holding (or next after) a byte offset.
    pub fn sentence_at(&self, byte: usize) -> usize {
        self.doc
            .sentences
            .partition_point(|s| s.span.end <= byte)
            .min(self.doc.sentences.len().saturating_sub(1))
    }

    /// Tokens lying wholly inside a span.
    pub fn tokens_in(&self, s: Span) -> std::ops::Range<usize> {
        let toks = &self.doc.tokens;
        let a = toks.partition_point(|t| t.span.start < s.start);
        let b = toks.partition_point(|t| t.span.end <= s.end);
        a..b.max(a)
    }

    pub fn is_mark(&self, t: usize) -> bool {
        is_mark_str(self.word(t))
    }

    /// Punctuation (including quotation marks and brackets).
    pub fn is_punct(&self, t: usize) -> bool {
        !self.word(t).chars().any(char::is_alphanumeric)
    }

    /// Where a speaker phrase stops: commas, colons, dashes, brackets that
    /// are not editorial, quotation marks.
    pub(crate) fn is_boundary(&self, t: usize) -> bool {
        let w = self.word(t);
        matches!(
            w,
            "," | ";" | ":" | "(" | ")" | "—" | "–" | "-" | "." | "!" | "?"
        ) || self.is_mark(t)
    }

    /// A speech verb of the list (by lemma, or by its common forms when the
    /// tagger missed the verb).
    /// A verb that attributes a direct quote: a reporting verb or one of
    /// the quote-only ones.
    pub fn is_quote_cue(&self, t: usize) -> bool {
        self.is_cue(t, crate::REPORT_CUES)
            || self.is_cue(t, crate::QUOTE_ONLY_CUES)
            // "X called it "a crisis"" reports words said once; "people
            // call it "a fresh start"" names it.
            || (self.doc.tokens[t].lemma == "call"
                && (self.doc.tokens[t].tag == "VBD" || self.called_after_apposition(t)))
    }

    /// "X, R-Neb., called his death "a crisis"", with "called" misread as
    /// a participle describing X: after a comma, with an object.
    fn called_after_apposition(&self, t: usize) -> bool {
        let toks = &self.doc.tokens;
        toks[t].tag == "VBN"
            && toks[t].rel == "acl"
            && t > 0
            && self.word(t - 1) == ","
            && self.children(t).iter().any(|&k| toks[k].rel == "dobj")
    }

    pub fn is_cue(&self, t: usize, list: &[&str]) -> bool {
        let tok = &self.doc.tokens[t];
        (tok.tag.starts_with("VB") && list.contains(&tok.lemma.as_str())) || self.said_form(t)
    }

    /// "said", "says", "told" whatever the tagger made of them.
    fn said_form(&self, t: usize) -> bool {
        let w = self.word(t);
        matches!(w.len(), 4 | 5)
            && ["said", "says", "told"]
                .iter()
                .any(|x| w.eq_ignore_ascii_case(x))
    }

    /// Whether a token can be a speech verb at all: a cheap test before
    /// the lists.
    pub fn maybe_cue(&self, t: usize) -> bool {
        self.doc.tokens[t].tag.starts_with("VB") || self.said_form(t)
    }

    /// A participle describing a statement, letter or message ("a
    /// statement saying ...").
    pub fn of_statement(&self, t: usize) -> bool {
        self.doc.tokens[t].head.is_some_and(|h| {
            matches!(
                self.doc.tokens[h].lemma.to_lowercase().as_str(),
                "statement" | "letter" | "message" | "release" | "note" | "post" | "tweet"
            )
        })
    }

    /// The verb with the auxiliaries right before it ("had said").
    pub fn cue_span(&self, t: usize) -> Span {
        let toks = &self.doc.tokens;
        let mut a = t;
        while a > 0
            && matches!(toks[a - 1].rel, "aux")
            && toks[a - 1].head == Some(t)
            && toks[a - 1].tag != "TO"
        {
            a -= 1;
        }
        Span::new(toks[a].span.start, toks[t].span.end)
    }

    pub fn negated(&self, t: usize) -> bool {
        self.children(t)
            .iter()
            .any(|&c| self.doc.tokens[c].rel == "neg")
    }

    /// A verb of saying that takes no one as its object ("said", "added";
    /// not "told", "asked", "warned").
    pub fn says_no_one(&self, t: usize) -> bool {
        (NO_PERSON_OBJECT.contains(&self.doc.tokens[t].lemma.to_lowercase().as_str())
            || self.said_form(t))
            && self.lower(t) != "told"
    }

    /// The verb's object is a clause the parser misread ("said [the two
    /// were ready]"): a verb of saying that takes no one as its object
    /// (not "told", "asked", "warned") whose object holds a finite verb or
    /// a participle describing it ("said [15,000 people registered]").
    pub fn object_is_clause(&self, t: usize) -> bool {
        let toks = &self.doc.tokens;
        if !self.says_no_one(t) || self.has_clause(t) {
            return false;
        }
        self.children(t).iter().any(|&o| {
            toks[o].rel == "dobj" && o > t && {
                let (x, y) = self.subtree(o);
                (x..=y).any(|v| {
                    v != o
                        && self.level[v] == 0
                        && (matches!(toks[v].tag, "VBD" | "VBZ" | "VBP" | "MD")
                            || (toks[v].tag == "VBN"
                                && toks[v].head == Some(o)
                                && matches!(toks[v].rel, "acl" | "relcl")))
                })
            }
        })
    }

    /// The verb governs a clause ("said (that) ...").
    pub fn has_clause(&self, t: usize) -> bool {
        self.children(t)
            .iter()
            .any(|&c| matches!(self.doc.tokens[c].rel, "ccomp" | "parataxis"))
    }

    /// Whether `t` lies under verb `v` other than as a coordinated verb
    /// ("said ... was" yes; "asked ..., called" no).
    pub fn governs(&self, v: usize, t: usize) -> bool {
        let toks = &self.doc.tokens;
        let mut x = t;
        for _ in 0..toks.len() {
            match toks[x].head {
                Some(h) if h == v => return toks[x].rel != "conj",
                Some(h) if h != x => x = h,
                _ => return false,
            }
        }
        false
    }

    /// Tokens of the verb's objects ("told The National", "told reporters").
    pub fn objects(&self, t: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for &c in self.children(t) {
            if matches!(self.doc.tokens[c].rel, "dobj" | "dative") {
                let (a, b) = self.subtree(c);
                out.extend(a..=b);
            }
        }
        out
    }

    /// The first and last token of a token's subtree (within its sentence).
    pub fn subtree(&self, h: usize) -> (usize, usize) {
        let (mut a, mut b) = (h, h);
        let mut stack = vec![h];
        while let Some(x) = stack.pop() {
            a = a.min(x);
            b = b.max(x);
            stack.extend(self.children(x).iter().copied());
        }
        (a, b)
    }

    /// One past the last word of a sentence (closing punctuation left out).
    pub fn last_word(&self, s: &Sentence) -> usize {
        let mut e = s.last_token;
        while e > s.first_token && self.is_punct(e - 1) {
            e -= 1;
        }
        e
    }

    /// The tokens `[a, b)` of a speaker's phrase.
    pub fn phrase_tokens(&self, sp: &Speaker) -> Option<(usize, usize)> {
        let r = self.tokens_in(sp.span);
        (!r.is_empty()).then_some((r.start, r.end))
    }

    /// The speaker of speech verb `cue`, sought among `region` (sorted
    /// tokens outside quotes). With `at` (the first word after a closing
    /// mark, `"...," X told Y`), the phrase starting there (the subject if
    /// it does, else the phrase's first mention); otherwise the subject
    /// when it is the phrase right before the verb or that phrase is empty,
    /// else the mention or noun right before it, else the subject, else
    /// the phrase right after it ("said X").
    pub fn speaker_of(&self, cue: usize, region: &[usize], at: Option<usize>) -> Option<Speaker> {
        let doc = self.doc;
        let toks = &doc.tokens;
        let inr = |t: usize| region.binary_search(&t).is_ok();
        // A first name read as a modal ("Will Moy", "May Chen").
        let name_modal = |t: usize| {
            toks[t].tag == "MD"
                && self.word(t).starts_with(char::is_uppercase)
                && toks.get(t + 1).is_some_and(|n| n.tag.starts_with("NNP"))
        };
        // A phrase stops at boundaries and at another clause's verb.
        let finite = |t: usize| {
            matches!(toks[t].tag, "VBD" | "VBZ" | "VBP" | "MD")
                && !(toks[t].rel == "aux" && toks[t].head == Some(cue))
                && !name_modal(t)
        };
        let stop = |t: usize| t == cue || !inr(t) || self.is_boundary(t) || finite(t);
        let mut subject = self
            .children(cue)
            .iter()
            .copied()
            .find(|&k| toks[k].rel == "nsubj" && inr(k));
        // The subject belongs to another verb ("accused X ... and warned")
        // or its phrase runs up to the cue ("the aide who met him said"):
        // it is the speaker even when other nouns stand between.
        if subject.is_none() && self.called_after_apposition(cue) {
            subject = toks[cue].head.filter(|&p| inr(p));
        }
        let own = subject;
        if subject.is_none() && toks[cue].rel == "conj" {
            // "moved troops ... and warned that": the first verb's subject.
            subject = toks[cue].head.and_then(|v| {
                self.children(v)
                    .iter()
                    .copied()
                    .find(|&k| toks[k].rel == "nsubj" && inr(k))
            });
        }
        // "it" names an institution only as the verb's own subject or its
        // coordinated verb's ("It did not say ... and said"), outside
        // quotes: not "it is fair to say".
        let it_ok = self.level[cue] == 0;
        let conj_subject = subject.is_some() && own.is_none();
        if subject.is_none()
            && matches!(toks[cue].rel, "advcl" | "xcomp" | "acl" | "conj" | "pcomp")
        {
            // ", saying ...", "issued a statement warning that ...": the
            // subject of the verb above; "X was known for telling others":
            // the passive's subject (not "accused Y of saying", where Y
            // speaks).
            let mut v = cue;
            for _ in 0..4 {
                let Some(h) = toks[v].head.filter(|&h| h != v) else {
                    break;
                };
                if toks[cue].rel == "pcomp"
                    && self.children(h).iter().any(|&k| toks[k].rel == "dobj")
                {
                    break;
                }
                if let Some(k) = self.children(h).iter().copied().find(|&k| {
                    (toks[k].rel == "nsubj"
                        || (toks[k].rel == "nsubjpass" && toks[cue].rel == "pcomp"))
                        && inr(k)
                }) {
                    subject = Some(k);
                    break;
                }
                // (A verb inside a quote is no clause of the text's own:
                // `said, "We are relieved" at the news, adding that ...`.)
                if !matches!(
                    toks[h].rel,
                    "advcl" | "xcomp" | "acl" | "conj" | "dobj" | "pobj" | "prep"
                ) && self.level[h] == 0
                {
                    break;
                }
                v = h;
            }
        }
        if let Some(x) = subject {
            let w = self.lower(x);
            if matches!(w.as_str(), "who" | "that" | "which") && toks[cue].rel == "relcl" {
                // "the United States, which accuses him of ...".
                subject = toks[cue].head.filter(|&p| inr(p));
            } else if EMPTY_SUBJECTS.contains(&w.as_str())
                // "it said": an institution, resolved after attribution
                // (`crate::it_speakers`).
                && !(w == "it" && x < cue && it_ok && (own == Some(x) || conj_subject))
            {
                return None;
            }
        }
        // The phrase right before the verb: [left, cue).
        let mut left = cue;
        while left > 0 && !stop(left - 1) {
            left -= 1;
        }
        let mut from_mention = false;
        let mut h;
        if let Some(at) = at.filter(|&a| a != cue) {
            // Only a noun phrase starting right there.
            if !matches!(
                toks[at].tag,
                "DT" | "CD" | "NNP" | "NNPS" | "NN" | "NNS" | "PRP" | "PRP$" | "JJ"
            ) && !name_modal(at)
            {
                return None;
            }
            let mut e = at;
            while e < toks.len() && !stop(e) {
                e += 1;
            }
            h = subject.filter(|&x| (at..e).contains(&x) || self.subtree(x).0 == at);
            if h.is_none() {
                h = self.head_in(at, e);
                from_mention = h.is_some();
            }
            h?;
        } else if subject.is_some_and(|x| {
            left == cue
                || (left..cue).contains(&x)
                || own.is_none()
                || (x < cue && self.subtree(x).1 + 1 >= cue)
                // "a spokesperson who did not wish to be named because of
                // agency policy said", the relative clause's end misread.
                || (x < cue
                    && (x..cue).all(|t| !self.is_boundary(t))
                    && self
                        .children(x)
                        .iter()
                        .any(|&k| matches!(toks[k].rel, "relcl" | "acl")))
        }) {
            h = subject;
        } else {
            h = self.head_in(left, cue);
            from_mention = h.is_some();
            if h.is_none() {
                h = subject;
                from_mention = false;
            }
        }
        if h.is_none() {
            // The phrase right after it, not what is told; but "..., said
            // another witness" has its speaker misread as the object.
            let inverted = cue > 0
                && self.says_no_one(cue)
                && (self.word(cue - 1) == "," || (self.is_mark(cue - 1) && cue > 1));
            let objects = if inverted {
                Vec::new()
            } else {
                self.objects(cue)
            };
            let mut b = cue + 1;
            while b < toks.len() && !stop(b) && !objects.contains(&b) {
                b += 1;
            }
            h = self.head_in(cue + 1, b);
            from_mention = h.is_some();
        }
        let h = h?;
        // The phrase around the head, between boundaries and the verb.
        let mut a = h;
        while a > 0 && !stop(a - 1) {
            a -= 1;
        }
        let mut b = h + 1;
        while b < toks.len() && !stop(b) && !matches!(toks[b].tag, "WDT" | "WP") {
            b += 1;
        }
        let ms = self.mentions_in(a, b);
        let prim = self.covering(h).or_else(|| self.first_speaker(h, &ms));
        if from_mention {
            if let Some(p) = prim {
                a = a.max(self.tokens_in(doc.mentions[p].span).start);
            }
        } else {
            a = a.max(self.subtree(h).0);
        }
        // Determiners and numbers before a role phrase ("a", "two").
        while a > 0 && !stop(a - 1) && matches!(toks[a - 1].tag, "DT" | "CD" | "PDT") {
            a -= 1;
        }
        // Adverbs and auxiliaries before the verb ("officials also said").
        while b > a + 1
            && (matches!(toks[b - 1].tag, "RB" | "MD")
                || matches!(toks[b - 1].rel, "aux" | "neg")
                || self.is_punct(b - 1))
        {
            b -= 1;
        }
        // A time after the speaker ("the federation on Thursday said").
        if let Some(p) = (h + 1..b).find(|&p| {
            toks[p].tag == "IN"
                && (p + 1..b).all(|t| {
                    matches!(toks[t].tag, "DT" | "CD")
                        || TIME_WORDS.contains(&self.lower(t).as_str())
                        || dyad_document::calendar::is_time_word(&self.lower(t))
                })
        }) {
            b = p;
        }
        if b <= a || b <= h {
            return None;
        }
        let mut sp = self.speaker(h, a, b, prim);
        if sp.anonymous && sp.code.is_none() {
            // "White House advisers", "a source close to the ministry": the
            // affiliation named inside the phrase.
            sp.code = self
                .mentions_in(a, b)
                .into_iter()
                .find_map(|m| doc.mentions[m].code.clone());
        }
        Some(sp)
    }

    /// The head of a speaker phrase in `[a, b)`: the first mention's last
    /// token, else the first noun or personal pronoun.
    fn head_in(&self, a: usize, b: usize) -> Option<usize> {
        if a >= b {
            return None;
        }
        let doc = self.doc;
        if let Some(&m) = self.mentions_in(a, b).iter().find(|&&m| {
            let kind = doc.mentions[m].kind;
            // "his office": the office speaks, not he.
            let possessive = self.possessor(m);
            matches!(
                kind,
                MentionKind::Person | MentionKind::Pronoun | MentionKind::Agent
            ) && !possessive
        }) {
            return Some(self.tokens_in(doc.mentions[m].span).end - 1);
        }
        // The last noun before a preposition ("residents of the town").
        let nounish = |t: usize| {
            let tag = doc.tokens[t].tag;
            tag.starts_with("NN")
                || (tag == "PRP" && !EMPTY_SUBJECTS.contains(&self.lower(t).as_str()))
        };
        let pp = (a..b)
            .find(|&t| matches!(doc.tokens[t].tag, "IN" | "TO"))
            .unwrap_or(b);
        (a..pp)
            .rev()
            .find(|&t| nounish(t))
            .or_else(|| (a..b).rev().find(|&t| nounish(t)))
    }

    /// The speaker named by the phrase in tokens `[a, b)` ("according to
    /// X").
    pub fn speaker_in(&self, a: usize, b: usize) -> Option<Speaker> {
        let h = self.head_in(a, b)?;
        let ms = self.mentions_in(a, b);
        let prim = self.covering(h).or_else(|| self.first_speaker(h, &ms));
        let mut a = a;
        while a < h && matches!(self.doc.tokens[a].tag, "IN" | "TO") {
            a += 1;
        }
        let mut sp = self.speaker(h, a, b, prim);
        if sp.anonymous && sp.code.is_none() {
            // "according to a Taliban representative": the affiliation
            // named inside the phrase.
            sp.code = ms
                .iter()
                .filter(|&&m| self.doc.mentions[m].span.end <= self.doc.tokens[h].span.start)
                .find_map(|&m| self.doc.mentions[m].code.clone());
        }
        Some(sp)
    }

    /// "he"/"she" the recogniser left unlinked: the last person, or
    /// person-like role phrase ("the minister"), in this or the previous
    /// sentence.
    fn pronoun_fallback(&self, h: usize, span: Span) -> Option<Speaker> {
        let doc = self.doc;
        if !matches!(self.lower(h).as_str(), "he" | "she") {
            return None;
        }
        let s = doc.sentences.partition_point(|x| x.last_token <= h);
        let from = doc.sentences[s.saturating_sub(1)].span.start;
        let at = doc.tokens[h].span.start;
        let mut near: Vec<usize> = self
            .spans
            .overlapping(Span::new(from, at))
            .filter(|&i| doc.mentions[i].span.start >= from && doc.mentions[i].span.end <= at)
            .collect();
        near.sort_unstable();
        let (i, m) = near
            .into_iter()
            .map(|i| (i, &doc.mentions[i]))
            .rfind(|(_, m)| match m.kind {
                MentionKind::Person | MentionKind::Pronoun => true,
                MentionKind::Agent => {
                    let t = self.tokens_in(m.span).end - 1;
                    m.count.is_none()
                        && doc.tokens[t].tag == "NN"
                        && person_like(&doc.tokens[t].lemma.to_lowercase())
                }
                _ => false,
            })?;
        if m.kind == MentionKind::Agent {
            let mut start = m.span.start;
            let t0 = self.tokens_in(m.span).start;
            if t0 > 0 && doc.tokens[t0 - 1].tag == "DT" {
                start = doc.tokens[t0 - 1].span.start;
            }
            return Some(Speaker {
                name: words(&doc.text[start..m.span.end]),
                span,
                antecedent: Some(i),
                kind: Some(MentionKind::Agent),
                anonymous: true,
                code: m.code.clone(),
                role: m.role.clone(),
                ..Default::default()
            });
        }
        let mut sp = self.person(i, span);
        sp.mention = None;
        sp.antecedent = Some(doc.mentions[i].refers_to.unwrap_or(i));
        Some(sp)
    }

    /// When no mention covers the head: the phrase's first person or role
    /// mention, unless the head is a name in no dictionary. A country or
    /// organisation modifying the head ("his Cambodian counterpart",
    /// "[Argentine ...] Quiroga") is not who speaks.
    fn first_speaker(&self, h: usize, ms: &[usize]) -> Option<usize> {
        let doc = self.doc;
        if doc.tokens[h].tag.starts_with("NNP") {
            return None;
        }
        ms.iter().copied().find(|&m| {
            let kind = doc.mentions[m].kind;
            let possessive = self.possessor(m);
            matches!(
                kind,
                MentionKind::Person | MentionKind::Pronoun | MentionKind::Agent
            ) && !possessive
        })
    }

    /// A mention that owns the noun after it ("his office", "the U.S.
    /// attorney's office", "Ruiz's lawyer"): the owner does not speak.
    fn possessor(&self, m: usize) -> bool {
        let doc = self.doc;
        let r = self.tokens_in(doc.mentions[m].span);
        if r.is_empty() {
            return false;
        }
        (doc.mentions[m].kind == MentionKind::Pronoun && doc.tokens[r.start].tag == "PRP$")
            || doc.tokens.get(r.end).is_some_and(|t| t.tag == "POS")
    }

    /// The mentions that share a byte with `span`, in text order.
    pub(crate) fn mentions_near(&self, span: Span) -> Vec<usize> {
        let mut v: Vec<usize> = self.spans.overlapping(span).collect();
        v.sort_unstable();
        v
    }

    /// Mentions (not the outlet) lying in tokens `[a, b)`, in text order.
    fn mentions_in(&self, a: usize, b: usize) -> Vec<usize> {
        if a >= b {
            return Vec::new();
        }
        let span = Span::new(
            self.doc.tokens[a].span.start,
            self.doc.tokens[b - 1].span.end,
        );
        let mut found: Vec<usize> = self
            .spans
            .overlapping(span)
            .filter(|&i| {
                let m = &self.doc.mentions[i];
                m.kind != MentionKind::Outlet && span.contains(m.span)
            })
            .collect();
        found.sort_unstable();
        found
    }

    fn speaker(&self, h: usize, a: usize, b: usize, prim: Option<usize>) -> Speaker {
        let doc = self.doc;
        let toks = &doc.tokens;
        let span = Span::new(toks[a].span.start, toks[b - 1].span.end);
        let text = words(doc.slice(span));
        let ms = self.mentions_in(a, b);
        // Coordinated sources ("officials and analysts").
        let coordinated = ms.len() >= 2 && (a..b).any(|t| toks[t].tag == "CC");
        // "his predecessor, Ana Ruiz, said": the person named beside the
        // description.
        // The name beats whatever coreference made of the description.
        let described = prim.is_none_or(|p| doc.mentions[p].kind == MentionKind::Agent);
        if described && !toks[h].tag.starts_with("NNP") {
            if let Some(pm) = self.appositive_person(h) {
                let mut sp = self.person(pm, span);
                sp.role = sp.role.or(Some(text));
                return sp;
            }
            // A name in no dictionary: two or more proper nouns.
            if let Some(c) = self
                .children(h)
                .iter()
                .copied()
                .find(|&c| toks[c].rel == "appos" && toks[c].tag == "NNP")
            {
                let (x, y) = self.subtree(c);
                if y == c && x < c && (x..=y).all(|t| toks[t].tag == "NNP") {
                    let mut sp = self.unknown_person(c, x);
                    sp.role = Some(text);
                    return sp;
                }
            }
        }
        let Some(p) = prim else {
            let lemma = toks[h].lemma.to_lowercase();
            if let Some(sp) = self.role_reference(a, &lemma, span, None) {
                return sp;
            }
            if toks[h].tag.starts_with("NNP") {
                if is_institution(&self.lower(h)) {
                    return self.institution(a, b, span);
                }
                return self.unknown_person(h, a);
            }
            if let Some(sp) = self.pronoun_fallback(h, span) {
                return sp;
            }
            if let Some(sp) = self.possessed(a, b, span) {
                return sp;
            }
            let unnamed = self.unnamed(h, a) && !crate::DOCUMENTS.contains(&lemma.as_str());
            return Speaker {
                name: text,
                span,
                anonymous: unnamed || ANON_HEADS.contains(&lemma.as_str()),
                role: self.apposition(h),
                ..Default::default()
            };
        };
        let m = &doc.mentions[p];
        if coordinated {
            let all = |f: &dyn Fn(&dyad_document::Mention) -> bool| {
                ms.iter().all(|&i| f(&doc.mentions[i]))
            };
            let code = m
                .code
                .clone()
                .filter(|c| all(&|x| x.code.as_deref() == Some(c.as_str())));
            return Speaker {
                name: text,
                span,
                mention: Some(p),
                kind: Some(m.kind),
                anonymous: all(&|x| x.anonymous),
                code,
                ..Default::default()
            };
        }
        match m.kind {
            MentionKind::Person | MentionKind::Pronoun => self.person(p, m.span),
            // A description coreference resolved ("the minister" -> the
            // person given that role).
            MentionKind::Agent
                if m.refers_to.is_some()
                    && doc.mentions[doc.antecedent(p)].kind == MentionKind::Person =>
            {
                self.person(p, span)
            }
            MentionKind::Agent => {
                let head = self.tokens_in(m.span).end - 1;
                let lemma = toks[head].lemma.to_lowercase();
                if let Some(sp) = self.role_reference(a, &lemma, span, Some(p)) {
                    return sp;
                }
                Speaker {
                    name: text,
                    span,
                    mention: Some(p),
                    kind: Some(m.kind),
                    // An unnamed person ("a fisherman") or group ("union
                    // leaders", "a court") is an anonymous source; one
                    // institution ("the ministry") is not.
                    anonymous: m.anonymous || person_like(&lemma) || self.unnamed(head, a),
                    code: m.code.clone(),
                    role: m.role.clone(),
                    count: m.count,
                    ..Default::default()
                }
            }
            _ => Speaker {
                name: institution_name(m.kind, doc.slice(m.span), m.entity.as_deref()),
                span: m.span,
                mention: Some(p),
                kind: Some(m.kind),
                code: m.code.clone(),
                role: m.role.clone(),
                ..Default::default()
            },
        }
    }

    /// "His office" with "his" resolved: "Ana Ruiz's office", with her
    /// code.
    fn possessed(&self, a: usize, b: usize, span: Span) -> Option<Speaker> {
        let doc = self.doc;
        // Only what speaks for the person ("his office"), not another
        // person ("his counterpart", "her lawyer").
        const FOR_THEM: &[&str] = &[
            "office",
            "campaign",
            "administration",
            "government",
            "team",
            "staff",
            "ministry",
            "department",
            "party",
            "company",
            "agency",
            "cabinet",
            "family",
            "foundation",
        ];
        if doc.tokens[a].tag != "PRP$"
            || b <= a + 1
            || !FOR_THEM.contains(&doc.tokens[b - 1].lemma.to_lowercase().as_str())
        {
            return None;
        }
        let m = self.covering(a)?;
        let r = doc.antecedent(m);
        let root = &doc.mentions[r];
        if r == m || root.kind != MentionKind::Person {
            return None;
        }
        let owner = strip_title(
            &root
                .entity
                .clone()
                .unwrap_or_else(|| words(doc.slice(root.span))),
        )
        .0;
        let rest = words(doc.slice(Span::new(
            doc.tokens[a + 1].span.start,
            doc.tokens[b - 1].span.end,
        )));
        Some(Speaker {
            name: format!("{owner}'s {rest}"),
            span,
            mention: Some(m),
            antecedent: Some(r),
            kind: Some(MentionKind::Pronoun),
            code: root.code.clone(),
            ..Default::default()
        })
    }

    /// The person (or resolved pronoun) whose mention covers token `t`
    /// ("her" in "her message").
    pub(crate) fn person_at(&self, t: usize) -> Option<Speaker> {
        let m = self.covering(t)?;
        let mm = &self.doc.mentions[m];
        match mm.kind {
            MentionKind::Person => Some(self.person(m, mm.span)),
            MentionKind::Pronoun if mm.refers_to.is_some() => Some(self.person(m, mm.span)),
            _ => None,
        }
    }

    /// A person (or a short form or pronoun of one) by canonical name.
    fn person(&self, p: usize, span: Span) -> Speaker {
        let doc = self.doc;
        let m = &doc.mentions[p];
        let r = doc.antecedent(p);
        let root = &doc.mentions[r];
        if root.kind != MentionKind::Person && r != p {
            // A pronoun standing for an institution or an unnamed source
            // ("it", "they", "he" for "an insurgent source").
            let mut start = root.span.start;
            let mut t0 = self.tokens_in(root.span).start;
            if t0 > 0 && doc.tokens[t0 - 1].tag == "DT" {
                t0 -= 1;
                start = doc.tokens[t0].span.start;
            }
            let head = self.tokens_in(root.span).end.saturating_sub(1);
            let lemma = doc.tokens[head].lemma.to_lowercase();
            let named = matches!(
                root.kind,
                MentionKind::Org | MentionKind::Country | MentionKind::Capital
            );
            return Speaker {
                name: if named {
                    institution_name(root.kind, doc.slice(root.span), root.entity.as_deref())
                } else {
                    words(&doc.text[start..root.span.end])
                },
                span,
                mention: Some(p),
                antecedent: Some(r),
                kind: Some(m.kind),
                anonymous: root.anonymous
                    || (!named && (person_like(&lemma) || self.unnamed(head, t0))),
                code: root.code.clone(),
                role: root.role.clone(),
                count: root.count,
            };
        }
        let full = root
            .entity
            .clone()
            .unwrap_or_else(|| words(doc.slice(root.span)));
        // A name the recogniser built from a title ("Governor Ramon Dizon").
        let (name, title) = strip_title(&full);
        Speaker {
            name,
            span,
            mention: Some(p),
            antecedent: (r != p).then_some(r),
            kind: Some(m.kind),
            anonymous: false,
            code: m.code.clone().or_else(|| root.code.clone()),
            role: root.role.clone().or(title),
            count: None,
        }
    }

    /// An organisation in no dictionary, named by a capitalised phrase
    /// ending in an institution's noun ("the Swedish Prosecution
    /// Authority"): the whole phrase without its determiner, with the code
    /// of what it names inside ("U.S. Attorney" in "the U.S. Attorney's
    /// Office for ...").
    fn institution(&self, a: usize, b: usize, span: Span) -> Speaker {
        let doc = self.doc;
        let mut x = a;
        while x + 1 < b && matches!(doc.tokens[x].tag, "DT" | "PDT") {
            x += 1;
        }
        let code = self
            .mentions_in(a, b)
            .into_iter()
            .find_map(|m| doc.mentions[m].code.clone());
        Speaker {
            name: words(doc.slice(Span::new(
                doc.tokens[x].span.start,
                doc.tokens[b - 1].span.end,
            ))),
            span,
            kind: Some(MentionKind::Org),
            code,
            ..Default::default()
        }
    }

    /// A name in no dictionary ("[Energy Secretary Marta] Quiroga"): the
    /// proper nouns ending at `h`, brackets passed over, titles before
    /// them as the role.
    fn unknown_person(&self, h: usize, a: usize) -> Speaker {
        let toks = &self.doc.tokens;
        let bracket = |t: usize| matches!(self.word(t), "[" | "]");
        let mut first = h;
        let mut k = h;
        while k > a {
            let p = k - 1;
            if bracket(p) {
                k = p;
                continue;
            }
            let w = self.lower(p);
            // (a first name read as a modal: "Will Moy")
            if (toks[p].tag.starts_with("NNP")
                || (toks[p].tag == "MD" && self.word(p).starts_with(char::is_uppercase)))
                && !is_role_word(w.trim_end_matches('.'))
                && self.covering(p).is_none()
            {
                first = p;
                k = p;
                continue;
            }
            break;
        }
        let mut last = h;
        let mut k = h + 1;
        while k < toks.len() && k <= h + 3 {
            if bracket(k) {
                k += 1;
                continue;
            }
            if toks[k].tag.starts_with("NNP") && self.covering(k).is_none() {
                last = k;
                k += 1;
                continue;
            }
            break;
        }
        let h = last;
        let join = |r: std::ops::Range<usize>| {
            r.filter(|&t| !bracket(t))
                .map(|t| self.word(t))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let role = join(a..first);
        Speaker {
            name: join(first..h + 1),
            span: Span::new(toks[first].span.start, toks[h].span.end),
            role: if role.is_empty() {
                self.apposition(h)
            } else {
                Some(role)
            },
            ..Default::default()
        }
    }

    /// A phrase headed by common noun `h` from token `a` stands for
    /// someone unnamed: a plural ("health care providers", "both sides")
    /// or an indefinite ("a judge", "one union").
    fn unnamed(&self, h: usize, a: usize) -> bool {
        let tag = self.doc.tokens[h].tag;
        // A quantifier standing for a group ("Some said", "some of the
        // strikers", "many of his supporters").
        let quantifier = matches!(tag, "DT" | "JJ" | "PDT" | "CD" | "RB")
            && matches!(
                self.lower(h).as_str(),
                "some" | "many" | "several" | "most" | "few" | "both" | "all" | "others"
            );
        tag == "NNS"
            || quantifier
            || (tag == "NN"
                && matches!(
                    self.lower(a).as_str(),
                    "a" | "an" | "one" | "some" | "another" | "several" | "many" | "any"
                ))
    }

    /// A person mention in the apposition of a head ("his predecessor,
    /// Ana Ruiz,").
    fn appositive_person(&self, h: usize) -> Option<usize> {
        let c = self
            .children(h)
            .iter()
            .copied()
            .find(|&c| self.doc.tokens[c].rel == "appos")?;
        let (a, b) = self.subtree(c);
        self.mentions_in(a, b + 1)
            .into_iter()
            .find(|&m| self.doc.mentions[m].kind == MentionKind::Person)
    }

    /// The apposition of a head ("X, head of the customs authority, said").
    fn apposition(&self, h: usize) -> Option<String> {
        let c = self
            .children(h)
            .iter()
            .copied()
            .find(|&c| self.doc.tokens[c].rel == "appos")?;
        let (a, b) = self.subtree(c);
        let mut e = a;
        while e <= b && !self.is_boundary(e) {
            e += 1;
        }
        (e > a).then(|| {
            words(self.doc.slice(Span::new(
                self.doc.tokens[a].span.start,
                self.doc.tokens[e - 1].span.end,
            )))
        })
    }

    /// "the spokesman": the last person named before with that role, else
    /// the last unnamed source with that head ("a Brazilian diplomat").
    fn role_reference(
        &self,
        a: usize,
        head: &str,
        span: Span,
        current: Option<usize>,
    ) -> Option<Speaker> {
        let doc = self.doc;
        if self.lower(a) != "the" || !ANON_HEADS.contains(&head) {
            return None;
        }
        let before = |m: &&dyad_document::Mention| m.span.end <= span.start;
        let mut earlier: Vec<usize> = self
            .spans
            .overlapping(Span::new(
                span.start.saturating_sub(ANAPHORA_REACH),
                span.start,
            ))
            .filter(|&i| before(&&doc.mentions[i]))
            .collect();
        earlier.sort_unstable();
        let earlier = || earlier.iter().map(|&i| (i, &doc.mentions[i]));
        let person = earlier()
            .filter(|(_, m)| m.kind == MentionKind::Person)
            .rfind(|(_, m)| {
                m.role.as_deref().is_some_and(|r| {
                    r.to_lowercase()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == head)
                })
            })
            .map(|(i, _)| i);
        if let Some(p) = person {
            let mut sp = self.person(p, span);
            sp.mention = current;
            sp.antecedent = Some(doc.mentions[p].refers_to.unwrap_or(p));
            return Some(sp);
        }
        // In number too: "the officials" are not "an airport official".
        let plural = |t: usize| self.doc.tokens[t].tag.ends_with('S');
        let here = self.tokens_in(span).end.checked_sub(1).map(plural);
        let (i, m) = earlier().rfind(|(i, m)| {
            m.kind == MentionKind::Agent
                && m.anonymous
                && Some(*i) != current
                && self
                    .tokens_in(m.span)
                    .last()
                    .is_none_or(|t| here.is_none_or(|p| p == plural(t)))
                && self
                    .tokens_in(m.span)
                    .last()
                    .is_some_and(|t| self.doc.tokens[t].lemma.to_lowercase() == head)
        })?;
        // With its determiner ("a Brazilian diplomat").
        let mut start = m.span.start;
        let t0 = self.tokens_in(m.span).start;
        if t0 > 0 && self.doc.tokens[t0 - 1].tag == "DT" {
            start = self.doc.tokens[t0 - 1].span.start;
        }
        Some(Speaker {
            name: words(&doc.text[start..m.span.end]),
            span,
            mention: current,
            antecedent: Some(i),
            kind: Some(MentionKind::Agent),
            anonymous: true,
            code: m.code.clone(),
            role: m.role.clone(),
            count: m.count,
        })
    }
}

/// A noun for a person rather than an institution, by its ending
/// ("fisherman", "farmer", "activist", "resident", "civilian").
fn person_like(lemma: &str) -> bool {
    const INSTITUTIONS: &[&str] = &[
        "government",
        "parliament",
        "department",
        "movement",
        "establishment",
        "management",
        "border",
        "order",
        "power",
        "center",
        "centre",
        "headquarter",
        "headquarters",
        "cabinet",
    ];
    if INSTITUTIONS.contains(&lemma) {
        return false;
    }
    ANON_HEADS.contains(&lemma)
        || [
            "man", "woman", "men", "women", "er", "ist", "ian", "ent", "ant", "or", "ee",
        ]
        .iter()
        .any(|s| lemma.ends_with(s))
}

/// Splits titles off the front of a name: ("Ramon Dizon", "Governor").
fn strip_title(name: &str) -> (String, Option<String>) {
    let ws: Vec<&str> = name.split_whitespace().collect();
    let n = ws
        .iter()
        .take_while(|w| is_role_word(w.to_lowercase().trim_end_matches('.')))
        .count();
    if n == 0 || n == ws.len() {
        return (name.to_string(), None);
    }
    (ws[n..].join(" "), Some(ws[..n].join(" ")))
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The name of a country or organisation speaker: as the story writes it
/// ("the UK", "the US military"), unless the text is a short form of the
/// dictionary's name ("Amnesty" for Amnesty International, "CBP" for
/// Customs and Border Protection). A dictionary name of another shape
/// ("United Kingdom" for "UK", "Pentagon" for "the US military") is the
/// entry's, not what the source was called. A capital is its country.
pub(crate) fn institution_name(kind: MentionKind, text: &str, entity: Option<&str>) -> String {
    let text = words(text);
    let Some(entity) = entity.filter(|e| !e.is_empty()) else {
        return text;
    };
    // A capital standing for its government is named by its country
    // ("Washington" -> United States), as the recogniser codes it.
    if kind == MentionKind::Capital {
        return entity.to_string();
    }
    if kind == MentionKind::Country || text.is_empty() {
        return text;
    }
    let key = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let (t, e) = (key(&text), key(entity));
    let inside = !t.is_empty() && t.iter().all(|w| e.contains(w));
    // An acronym of the entity's capitalised words ("CBP").
    let initials: String = entity
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    let letters: String = text.chars().filter(|c| c.is_alphanumeric()).collect();
    let acronym =
        letters.len() >= 2 && letters.chars().all(|c| c.is_uppercase()) && letters == initials;
    if inside || acronym {
        entity.to_string()
    } else {
        text
    }
}
