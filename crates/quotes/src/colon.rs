//! The colon layout: a quote after a colon with no speech verb before it,
//! where a noun of speech says whose words follow ("Her message: "...",
//! "Ruiz had a blunt reply for the union: "...", "In a statement: "...").

use dyad_document::MentionKind;

use crate::speaker::Cx;
use dyad_document::Speaker;

/// Nouns for words someone said or wrote.
const SPEECH_NOUNS: &[&str] = &[
    "message",
    "statement",
    "reply",
    "response",
    "word",
    "answer",
    "warning",
    "comment",
    "remark",
    "tweet",
    "post",
    "note",
    "letter",
    "plea",
    "appeal",
    "advice",
    "explanation",
    "verdict",
    "retort",
    "view",
    "conclusion",
];

/// The speaker of a quote opening right after a colon, from the words of
/// its sentence before (`before`, tokens outside quotes, in order): the
/// owner of the noun of speech ("her message"), else the subject of its
/// clause ("Ruiz had a reply"), else, for a bare "In a statement:", the
/// subject of the sentence before. Returns the noun's token and the
/// speaker.
pub(crate) fn speaker(cx: &Cx, before: &[usize]) -> Option<(usize, Speaker)> {
    let doc = cx.doc;
    let toks = &doc.tokens;
    let (&colon, rest) = before.split_last()?;
    if cx.word(colon) != ":" {
        return None;
    }
    // The last noun of speech before the colon, in its clause.
    let noun = rest.iter().rev().copied().take(8).find(|&t| {
        toks[t].tag.starts_with("NN")
            && SPEECH_NOUNS.contains(&toks[t].lemma.to_lowercase().as_str())
    })?;
    // Its owner: "her message", "Ruiz's message".
    if let Some(sp) = cx
        .children(noun)
        .iter()
        .copied()
        .find(|&k| toks[k].rel == "poss")
        .and_then(|k| cx.person_at(k))
    {
        return Some((noun, sp));
    }
    // The subject of the verb it depends on.
    let mut v = noun;
    for _ in 0..3 {
        match toks[v].head {
            Some(h) if h != v => v = h,
            _ => break,
        }
        if toks[v].tag.starts_with("VB") {
            if let Some(sp) = cx.speaker_of(v, rest, None) {
                return Some((noun, sp));
            }
            break;
        }
    }
    // "In a statement:" alone: the subject of the sentence before.
    let s = cx.sentence_at(toks[noun].span.start);
    let alone = rest.iter().all(|&t| {
        cx.is_punct(t) || matches!(toks[t].tag, "IN" | "DT" | "JJ" | "PRP$") || t == noun
    });
    if !alone || s == 0 {
        return None;
    }
    let prev = &doc.sentences[s - 1];
    let region: Vec<usize> = (prev.first_token..prev.last_token)
        .filter(|&t| cx.level[t] == 0)
        .collect();
    let root = region
        .iter()
        .copied()
        .find(|&t| toks[t].head.is_none() || toks[t].rel == "ROOT")?;
    let sp = cx.speaker_of(root, &region, None)?;
    (!matches!(sp.kind, Some(MentionKind::Pronoun)) || sp.antecedent.is_some())
        .then_some((noun, sp))
}
