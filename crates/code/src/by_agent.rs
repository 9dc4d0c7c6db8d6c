//! A subject that is a thing done or used, with its doer in a by-phrase:
//! "a raid by the militia wounded ...", "rockets launched by the navy
//! struck ...", "a report by the agency accused ...". The doer is the
//! source (a fallback: tried only when no pattern found the source).

use crate::actors::Actor;
use crate::context::Cx;

impl Cx<'_> {
    /// The actors of the by-phrase on `subject` or on a passive participle
    /// that modifies it.
    pub(crate) fn doer_of_subject(&self, subject: usize) -> Vec<Actor> {
        let toks = &self.doc.tokens;
        let by_object = |p: usize| {
            (matches!(toks[p].rel, "prep" | "agent") && self.lower(p) == "by")
                .then(|| self.child(p, &["pobj"]))
                .flatten()
        };
        let direct = self.children[subject].iter().find_map(|&c| by_object(c));
        let through_participle = || {
            self.children[subject]
                .iter()
                .filter(|&&c| matches!(toks[c].rel, "acl" | "relcl") && toks[c].tag == "VBN")
                .find_map(|&c| self.children[c].iter().find_map(|&g| by_object(g)))
        };
        let Some(doer) = direct.or_else(through_participle) else {
            return Vec::new();
        };
        self.actors(doer)
            .into_iter()
            .map(|a| Actor {
                how: format!("the doer of «{}» (by-phrase)", self.word(subject)),
                ..a
            })
            .collect()
    }
}
