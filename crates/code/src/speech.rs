//! Demands in what someone is quoted saying: "X must stop", "Y should
//! resign", "they would have to pay", "X has no choice but to
//! leave", said or told by Z, is Z
//! demanding something of X (CAMEO 100) — the speaker -> content-actor
//! event CAMEO codes for reported speech. The speech and its speaker come
//! from the quotes stage (`doc.quotes`); a belief ("Z thinks X should") is
//! not speech, a question asks rather than demands, and a ruling ("the
//! court ruled that X should ...") decides rather than demands.

use dyad_dict::CameoCode;
use dyad_document::{Event, QuoteKind, Span};

use crate::actors::Actor;
use crate::context::Cx;
use crate::Coder;

/// The CAMEO code of a demand.
const DEMAND: &str = "100";

/// Verbs of deciding: "the court ruled that X should stay in jail" is the
/// decision itself, binding or not, not a demand of X.
const RULING: &[&str] = &[
    "rule",
    "decide",
    "determine",
    "find",
    "hold",
    "order",
    "conclude",
];

/// Whether a quote's cue is a verb of deciding.
fn ruled(cx: &Cx, cue: Option<Span>) -> bool {
    let Some(cue) = cue else {
        return false;
    };
    let toks = &cx.doc.tokens;
    let first = toks.partition_point(|t| t.span.start < cue.start);
    let last = toks.partition_point(|t| t.span.start < cue.end);
    (first..last).any(|t| toks[t].tag.starts_with("VB") && RULING.contains(&toks[t].lemma.as_str()))
}

impl Coder {
    /// Add a speaker -> subject demand for every clause of a quote whose
    /// verb is obliged ("must", "should", "need to", "has to").
    pub(crate) fn code_speech_demands(&self, cx: &Cx, out: &mut Vec<Event>) {
        let Some(cameo) = self.codes.get(DEMAND) else {
            return;
        };
        let doc = cx.doc;
        let toks = &doc.tokens;
        for q in &doc.quotes {
            if q.kind == QuoteKind::Belief {
                continue;
            }
            let Some(sp) = q.speaker.as_ref() else {
                continue;
            };
            let Some(scode) = sp.code.as_deref() else {
                continue;
            };
            if ruled(cx, q.cue) {
                continue;
            }
            let first = toks.partition_point(|t| t.span.start < q.span.start);
            let last = toks.partition_point(|t| t.span.start < q.span.end);
            for v in first..last {
                let Some(modal) = obliged(cx, v) else {
                    continue;
                };
                let sentence = cx.sentence_of(v);
                let end = doc.sentences[sentence].span.end;
                if doc.text[toks[v].span.end..end].contains('?') {
                    continue;
                }
                let Some(subj) = subject_up(cx, v) else {
                    continue;
                };
                let mut actors = cx.actors(subj);
                if actors.iter().all(|a| a.code == scode) && listener_pronoun(cx, subj) {
                    // "Z told Y they would need to ...": "they" is the one
                    // told, not the one telling.
                    actors = listener(cx, q.cue, q.span)
                        .map(|l| cx.actors(l))
                        .unwrap_or_default();
                }
                for a in actors {
                    // "We must ..." is the speaker's own resolve.
                    if a.code == scode || (a.mention.is_some() && a.mention == sp.mention) {
                        continue;
                    }
                    cx.note(v, || {
                        format!(
                            "  accepted  speech: «{}» in what {} said: {} -> {} (demand)",
                            cx.word(modal),
                            sp.name,
                            scode,
                            a.code
                        )
                    });
                    let (lo, hi) = (modal.min(v), modal.max(v));
                    out.push(Event {
                        sentence,
                        span: Span::new(toks[lo].span.start, toks[hi].span.end),
                        source: Some(scode.to_string()),
                        source_mention: sp.antecedent.or(sp.mention),
                        pattern: format!(
                            "speech: «{}» in what the speaker said ({DEMAND} demand)",
                            cx.word(modal)
                        ),
                        ..speech_event(DEMAND, cameo, &a)
                    });
                }
            }
        }
    }
}

impl Coder {
    /// Add a speaker -> subject event for every reported clause whose
    /// speech verb is itself an act against that subject ("alleged that X
    /// ...": 112; `dictionaries/events/speech_acts.txt`).
    pub(crate) fn code_speech_acts(&self, cx: &Cx, out: &mut Vec<Event>) {
        let doc = cx.doc;
        let toks = &doc.tokens;
        for q in &doc.quotes {
            if q.kind == QuoteKind::Belief {
                continue;
            }
            let (Some(sp), Some(cue)) = (q.speaker.as_ref(), q.cue) else {
                continue;
            };
            let Some(scode) = sp.code.as_deref() else {
                continue;
            };
            // The speech verb: the last verb of the cue ("had alleged").
            let lo = toks.partition_point(|t| t.span.start < cue.start);
            let hi = toks.partition_point(|t| t.span.start < cue.end);
            let Some(c) = (lo..hi).rev().find(|&k| toks[k].tag.starts_with("VB")) else {
                continue;
            };
            let Some(code) = self.speech_acts.get(toks[c].lemma.to_lowercase().as_str()) else {
                continue;
            };
            let Some(cameo) = self.codes.get(code) else {
                continue;
            };
            // "accused X of": the verb patterns code it; "did not allege".
            if cx.child(c, &["dobj", "neg"]).is_some() {
                continue;
            }
            let Some(v) = clause_verb(cx, q.span) else {
                continue;
            };
            let Some(subj) = subject_up(cx, v) else {
                continue;
            };
            for a in cx.actors(subj) {
                if a.code == scode || (a.mention.is_some() && a.mention == sp.mention) {
                    continue;
                }
                cx.note(c, || {
                    format!(
                        "  accepted  speech: «{}» what {} said of «{}»: {} -> {} ({code})",
                        cx.word(c),
                        sp.name,
                        cx.word(subj),
                        scode,
                        a.code
                    )
                });
                out.push(Event {
                    sentence: cx.sentence_of(c),
                    span: toks[c].span,
                    source: Some(scode.to_string()),
                    source_mention: sp.antecedent.or(sp.mention),
                    pattern: format!(
                        "dictionaries/events/speech_acts.txt: «{}» of the reported clause's subject ({code})",
                        toks[c].lemma
                    ),
                    ..speech_event(code, cameo, &a)
                });
            }
        }
    }
}

/// The parts of a speech event that come from its code and its target.
fn speech_event(code: &str, cameo: &CameoCode, target: &Actor) -> Event {
    Event {
        target: Some(target.code.clone()),
        target_mention: target.mention,
        code: code.to_string(),
        root: code[..2].to_string(),
        quad_class: cameo.quad_class as u8,
        goldstein: cameo.goldstein,
        ..Default::default()
    }
}

/// The main verb of a reported clause: its first verb whose head lies
/// outside the clause.
fn clause_verb(cx: &Cx, said: Span) -> Option<usize> {
    let toks = &cx.doc.tokens;
    let first = toks.partition_point(|t| t.span.start < said.start);
    let last = toks.partition_point(|t| t.span.start < said.end);
    (first..last).find(|&k| {
        toks[k].tag.starts_with("VB")
            && !matches!(toks[k].rel, "aux" | "auxpass")
            && toks[k].head.is_none_or(|h| h < first || h >= last)
    })
}

/// The subject of `v`, or of the verbs it is the infinitive complement of
/// ("X is going to have to pay": "X").
fn subject_up(cx: &Cx, mut v: usize) -> Option<usize> {
    let toks = &cx.doc.tokens;
    for _ in 0..4 {
        if let Some(s) = cx.child(v, &["nsubj"]) {
            return Some(s);
        }
        if toks[v].rel != "xcomp" {
            return None;
        }
        v = toks[v].head?;
    }
    None
}

/// "they", "he", "she", "you": a pronoun that, in what was told to
/// someone, may stand for the one told.
fn listener_pronoun(cx: &Cx, t: usize) -> bool {
    matches!(cx.lower(t).as_str(), "they" | "he" | "she" | "you")
}

/// The one a speech verb's cue addresses: the first actor between the cue
/// and what was said ("told visiting Y that ..."), read from the surface
/// because parsers often hang the listener elsewhere.
fn listener(cx: &Cx, cue: Option<Span>, said: Span) -> Option<usize> {
    let cue = cue?;
    let toks = &cx.doc.tokens;
    let at = toks.partition_point(|t| t.span.start < cue.end);
    (at..toks.len())
        .take_while(|&k| toks[k].span.end <= said.start)
        .find(|&k| cx.actor_at(k).is_some())
}

/// The word that makes verb `v` an obligation: its modal "must"/"should",
/// or `v` itself when it is "need"/"has to" before an infinitive ("would
/// need to deliver", "has to go"; not "had to", which tells what was).
fn obliged(cx: &Cx, v: usize) -> Option<usize> {
    let toks = &cx.doc.tokens;
    if !toks[v].tag.starts_with("VB") {
        return None;
    }
    let modal = cx.children[v]
        .iter()
        .copied()
        .find(|&c| toks[c].rel == "aux" && matches!(cx.lower(c).as_str(), "must" | "should"));
    if modal.is_some() {
        return modal;
    }
    // "X has no choice but to ...": an obligation put another way.
    let no_choice = toks[v].lemma == "have"
        && cx.children[v].iter().any(|&c| {
            toks[c].rel == "dobj"
                && matches!(cx.lower(c).as_str(), "option" | "choice" | "alternative")
                && cx.children[c].iter().any(|&d| cx.lower(d) == "no")
        });
    if no_choice {
        return Some(v);
    }
    let infinitive = cx.children[v]
        .iter()
        .any(|&c| toks[c].rel == "xcomp" && cx.children[c].iter().any(|&a| cx.lower(a) == "to"));
    let lemma = toks[v].lemma.as_str();
    let obliging = match lemma {
        "need" => true,
        "have" => matches!(toks[v].tag, "VBP" | "VBZ" | "VB"),
        _ => false,
    };
    (infinitive && obliging).then_some(v)
}
