//! Modality filters: a verb that did not happen is not coded: negated,
//! refused, conditional, hypothetical, or the complement of a verb of
//! asking, planning or promising (an intention, not an event).

use dyad_tag::frames::Frame;

use crate::context::Cx;

/// Verbs whose infinitive complement has not happened: requests ("urged
/// Russia to press"), plans and intentions ("plans to meet"), promises and
/// threats ("vowed to retaliate"). Not "forced to" or "began to": those
/// happened.
const UNREALISED: &[&str] = &[
    "urge",
    "encourage",
    "ask",
    "call",
    "press",
    "push",
    "persuade",
    "convince",
    "invite",
    "advise",
    "tell",
    "want",
    "wish",
    "plan",
    "intend",
    "hope",
    "aim",
    "seek",
    "try",
    "attempt",
    "expect",
    "propose",
    "offer",
    "threaten",
    "vow",
    "pledge",
    "promise",
    "agree",
    "decide",
    "prepare",
    "need",
    "demand",
];

impl Cx<'_> {
    /// Why a verb did not happen, if it did not: negated or refused (itself
    /// or the verb it complements), or inside a conditional.
    pub(crate) fn blocked(&self, verb: usize, fs: &[Frame]) -> Option<&'static str> {
        let toks = &self.doc.tokens;
        // Frames are in token order: a binary search finds a verb's.
        let frame = |v: usize| fs.binary_search_by_key(&v, |f| f.verb).ok().map(|i| &fs[i]);
        let has_if = self.has_if[self.sentence_of(verb)];
        let mut cur = verb;
        let mut through_xcomp = true;
        for _ in 0..32 {
            if let Some(f) = frame(cur) {
                if through_xcomp && f.negated {
                    return Some("negated");
                }
                if through_xcomp && f.refused {
                    return Some("refused or failed (complement of refuse/fail/decline)");
                }
                if has_if
                    && f.modals.iter().any(|&m| {
                        matches!(self.lower(m).as_str(), "would" | "could" | "might" | "'d")
                    })
                {
                    return Some("hypothetical (would/could/might beside an if-clause)");
                }
                // "would impose sanctions", "could strike", "may meet": a
                // possibility or an intention, not an event.
                if through_xcomp
                    && f.modals.iter().any(|&m| {
                        matches!(
                            self.lower(m).as_str(),
                            "would"
                                | "could"
                                | "might"
                                | "may"
                                | "should"
                                | "'d"
                                | "will"
                                | "shall"
                                | "'ll"
                        )
                    })
                {
                    return Some("possible, intended or to come, not done (would/could/might/may/should/will)");
                }
            }
            if self.children[cur].iter().any(|&c| {
                toks[c].rel == "mark" && matches!(self.lower(c).as_str(), "if" | "unless")
            }) {
                return Some("conditional (inside an if/unless clause)");
            }
            let rel = toks[cur].rel;
            if !matches!(
                rel,
                "xcomp" | "ccomp" | "conj" | "advcl" | "relcl" | "acl" | "pcomp"
            ) {
                return None;
            }
            // "urged X to attack", "plans to meet": asked for, planned or
            // promised, not done. The governing verb codes the request or
            // the intent from its own patterns.
            if rel == "xcomp" {
                if let Some(h) = toks[cur].head {
                    if UNREALISED.contains(&toks[h].lemma.to_lowercase().as_str()) {
                        return Some(
                            "not done (complement of a verb of asking, planning or promising)",
                        );
                    }
                }
            }
            if rel != "xcomp" {
                through_xcomp = false;
            }
            match toks[cur].head {
                Some(h) => cur = h,
                None => return None,
            }
        }
        None
    }
}
