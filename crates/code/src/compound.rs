//! Compound actors the parse splits: "Kenyan and Ugandan police",
//! "Chile and Peru's navies", "Ghana and Togo's border guards". A country named just before "and" and a role phrase shares
//! that phrase's role; the parser hangs it on the phrase or makes it a
//! second subject, and the role phrase's mention covers only the last one.

use dyad_document::MentionKind;

use crate::actors::{Actor, NOT_COUNTRY};
use crate::context::Cx;

impl Cx<'_> {
    /// The actor of the country named before "and" ahead of the role
    /// phrase `first` was found in, with the same role.
    pub(crate) fn shared_role(&self, first: &Actor) -> Option<Actor> {
        let m = first.mention?;
        let toks = &self.doc.tokens;
        let span = self.doc.mentions[m].span;
        // The phrase's first and last tokens (tokens are in text order).
        let start = toks.partition_point(|t| t.span.start < span.start);
        let end = toks.partition_point(|t| t.span.start < span.end);
        if start >= end || self.mention_of[start] != Some(m) {
            return None;
        }
        let last = end - 1;
        // A role noun ("navies", "police"), not a name ("the Shining Path").
        if !matches!(toks[last].tag, "NN" | "NNS") {
            return None;
        }
        let mut k = start.checked_sub(1)?;
        if self.word(k).eq_ignore_ascii_case("the") {
            k = k.checked_sub(1)?;
        }
        if !self.word(k).eq_ignore_ascii_case("and") {
            return None;
        }
        let c = k.checked_sub(1)?;
        let cm = self.mention_of[c]?;
        if cm == m || self.doc.mentions[cm].kind != MentionKind::Country {
            return None;
        }
        // It modifies the phrase, is a subject of the same verb, or has the
        // phrase conjoined to it.
        let in_phrase = |t: usize| (start..end).contains(&t);
        let on_phrase = toks[c].head.is_some_and(in_phrase);
        let co_subject = toks[c].rel == "nsubj" && toks[c].head == toks[last].head;
        let conjoined = toks[last].rel == "conj" && toks[last].head == Some(c);
        if !on_phrase && !co_subject && !conjoined {
            return None;
        }
        let country = self.country_of(cm)?;
        let code = &first.code;
        let state_role = code.len() == 6
            && code.bytes().all(|b| b.is_ascii_uppercase())
            && !NOT_COUNTRY.contains(&&code[..3]);
        let role = if state_role { &code[3..] } else { "" };
        let shared = format!("{country}{role}");
        (shared != first.code).then(|| Actor {
            mention: Some(cm),
            code: shared,
            how: format!("shares the role of «{}»", self.word(last)),
        })
    }
}
