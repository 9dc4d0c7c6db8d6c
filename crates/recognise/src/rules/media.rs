//! The outlet is never an actor. A news organisation (or a media role
//! phrase: "state media", "reporters") that is the source of the reporting
//! ("Reuters reported", "according to the agency", "told reporters", "in an
//! email to X", a "(XYZ)" dateline credit, a sign-off line) gets no code; one
//! that takes part in what happens ("the channel was banned", "police
//! detained two journalists") keeps its MED code.

use dyad_document::{MentionKind, Span};

use super::{Ctx, M};

/// Verbs and nouns (lemmas) of reporting: their subject, object or
/// prepositional object is a source, not a participant.
const REPORTING: &[&str] = &[
    "say",
    "report",
    "tell",
    "write",
    "publish",
    "broadcast",
    "air",
    "quote",
    "cite",
    "reveal",
    "confirm",
    "obtain",
    "learn",
    "add",
    "note",
    "claim",
    "announce",
    "show",
    "see",
    "review",
    "interview",
    "contact",
    "email",
    "e-mail",
    "ask",
    "reach",
    "carry",
    "post",
    "tweet",
    "speak",
    "explain",
    "describe",
    "accord",
    "according",
    "estimate",
    "count",
    "statement",
    "letter",
    "story",
    "article",
    "reporting",
    "coverage",
    "footage",
    "video",
    "photo",
    "analysis",
    "poll",
    "survey",
    "comment",
    "remark",
    "message",
    "investigation",
    "documentary",
    "source",
    "suggest",
    "indicate",
    "find",
    "give",
    "provide",
    "send",
];

/// Whether a mention is a news medium: an organisation typed `media` or a
/// role phrase coded MED.
fn is_media(m: &M) -> bool {
    match m.m.kind {
        MentionKind::Org => {
            m.m.role.as_deref() == Some("media")
                || m.m.code.as_deref().is_some_and(|c| c.ends_with("MED"))
        }
        MentionKind::Agent => m.m.code.as_deref().is_some_and(|c| c.ends_with("MED")),
        _ => false,
    }
}

/// The syntactic head of tokens `t0..=t1`: the one whose head lies outside.
fn head_of(cx: &Ctx, t0: usize, t1: usize) -> usize {
    let toks = &cx.doc.tokens;
    (t0..=t1)
        .rev()
        .find(|&k| toks[k].head.is_none_or(|h| h < t0 || h > t1))
        .unwrap_or(t1)
}

/// Whether the medium at `t0..=t1` is where the report comes from.
pub(super) fn is_source(cx: &Ctx, t0: usize, t1: usize) -> bool {
    let toks = &cx.doc.tokens;
    let nt = toks.len();
    // "CITY (XYZ) —": a credit in brackets.
    if t0 > 0 && t1 + 1 < nt && cx.word(t0 - 1) == "(" && cx.word(t1 + 1) == ")" {
        return true;
    }
    let mut h = head_of(cx, t0, t1);
    for _ in 0..5 {
        let Some(up) = toks[h].head else { return true };
        let up_lemma = toks[up].lemma.to_lowercase();
        match toks[h].rel {
            "conj" | "appos" | "compound" => h = up,
            "nsubj" | "nsubjpass" | "dobj" | "dative" | "attr" | "agent" => {
                return REPORTING.contains(&up_lemma.as_str());
            }
            "pobj" => {
                // The preposition's own head: "according to X", "an email to
                // X", "reported by X".
                let Some(gov) = toks[up].head else {
                    return true;
                };
                let gov_lemma = toks[gov].lemma.to_lowercase();
                return REPORTING.contains(&gov_lemma.as_str())
                    || REPORTING.contains(&up_lemma.as_str())
                    || matches!(toks[gov].rel, "agent")
                    || cx.lower(up) == "by";
            }
            "poss" => return REPORTING.contains(&up_lemma.as_str()),
            _ => return true,
        }
    }
    true
}

/// A sign-off: the mention is all of the document's last sentence ("XYZ",
/// "Contributing: XYZ" aside).
fn is_credit_line(cx: &Ctx, t0: usize, t1: usize) -> bool {
    let s = cx.sentence_of(t0);
    if s + 1 != cx.doc.sentences.len() {
        return false;
    }
    let sent = &cx.doc.sentences[s];
    (sent.first_token..sent.last_token)
        .all(|k| (t0..=t1).contains(&k) || !cx.word(k).chars().any(char::is_alphanumeric))
}

/// Turns media that report into outlets (no code), and sign-off credits
/// too, whatever they matched.
pub(super) fn outlets_by_role(cx: &Ctx, out: &mut [M]) {
    for m in out.iter_mut() {
        if m.m.kind == MentionKind::Outlet {
            continue;
        }
        let credit = matches!(m.m.kind, MentionKind::Org | MentionKind::Agent)
            && is_credit_line(cx, m.t0, m.t1);
        if credit || (is_media(m) && is_source(cx, m.t0, m.t1)) {
            let span: Span = m.m.span;
            m.m.kind = MentionKind::Outlet;
            m.m.code = None;
            m.m.code_as_of = None;
            m.m.entity = Some(cx.doc.slice(span).to_string());
            m.m.role = Some("news outlet".into());
            m.m.anonymous = false;
            m.m.count = None;
        }
    }
}
