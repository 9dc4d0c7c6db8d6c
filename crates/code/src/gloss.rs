//! Participles that gloss a statement: "..., she said, referring to X",
//! "he added, speaking of Y". The participle tells what the words were
//! about; the statement is the one act, and the reference is no second
//! statement to or about X.

use crate::context::Cx;
use crate::patterns::Coder;

impl Coder {
    /// Whether verb `v`, with a statement pattern (01x), is a present
    /// participle hanging after a verb that is itself a statement verb
    /// (one with a 01x pattern in the dictionary).
    pub(crate) fn glosses_statement(&self, cx: &Cx, v: usize, code: &str) -> bool {
        let tok = &cx.doc.tokens[v];
        if !code.starts_with("01") || tok.tag != "VBG" || tok.rel != "advcl" {
            return false;
        }
        let Some(h) = tok.head.filter(|&h| h < v) else {
            return false;
        };
        self.verbs
            .get(cx.doc.tokens[h].lemma.as_str())
            .is_some_and(|ks| ks.iter().any(|&k| self.patterns[k].code.starts_with("01")))
    }
}

/// Whether the target slot `t` of a statement (01x) is the object of "to":
/// one speaks to an addressee itself, so an actor nested inside that
/// phrase ("said to applause from the delegates") is no addressee.
pub(crate) fn addressee_slot(cx: &Cx, code: &str, t: usize) -> bool {
    code.starts_with("01")
        && cx.doc.tokens[t]
            .head
            .is_some_and(|h| cx.doc.tokens[h].rel == "prep" && cx.lower(h) == "to")
}
