//! Modality filters: a verb that did not happen is not coded as done:
//! negated, refused, conditional, hypothetical, or the complement of a verb
//! of asking, planning or promising. A commitment of the subject's own
//! ("will release", "agreed to meet", "is willing to withdraw", "said it
//! would allow") is coded as the intent CAMEO gives it (03x, 13x; see
//! [`intent_code`]).

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

/// Nouns whose infinitive has not happened ("a request to investigate",
/// "efforts to oust", "a bid to broker").
const UNREALISED_NOUNS: &[&str] = &[
    "request",
    "effort",
    "attempt",
    "plan",
    "bid",
    "call",
    "demand",
    "proposal",
    "push",
    "campaign",
    "pressure",
    "offer",
    "threat",
    "promise",
    "pledge",
    "intention",
    "intent",
    "plea",
    "appeal",
    "ultimatum",
    "mandate",
    "order",
    "need",
    "wish",
    "desire",
    "hope",
    "goal",
    "aim",
    "action",
    "move",
    "way",
    "chance",
    "opportunity",
    "right",
    "power",
];

/// Heads whose infinitive complement is the subject's own commitment
/// ("agreed to meet", "is willing to withdraw", "vowed to retaliate").
const COMMITTING: &[&str] = &[
    "agree",
    "offer",
    "promise",
    "pledge",
    "vow",
    "threaten",
    "plan",
    "intend",
    "decide",
    "prepare",
    "commit",
    "willing",
    "ready",
    "prepared",
    "determined",
];

/// Verbs of saying whose "would" complement reports a commitment ("said it
/// would allow").
const REPORTING: &[&str] = &[
    "say", "announce", "state", "confirm", "tell", "add", "insist", "declare",
];

/// Why a verb is not coded as done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Blocked {
    pub(crate) why: &'static str,
    /// A commitment of the subject's own: coded as an intent.
    pub(crate) intent: bool,
    /// Refused by its subject ("refused to release X"): coded as the
    /// refusal ([`refusal_code`]).
    pub(crate) refusal: bool,
}

fn not_done(why: &'static str) -> Option<Blocked> {
    Some(Blocked {
        why,
        intent: false,
        refusal: false,
    })
}

fn intended(why: &'static str) -> Option<Blocked> {
    Some(Blocked {
        why,
        intent: true,
        refusal: false,
    })
}

/// The CAMEO refusal (12x) of a cooperative act refused ("refused to meet
/// X" -> 125, "refused to release X" -> 1243, "declined to provide aid to
/// X" -> 122); `None` for statements and appeals (01, 02) and for
/// conflict, whose refusal is no event.
pub(crate) fn refusal_code(code: &str) -> Option<&'static str> {
    let three = code.get(..3)?;
    Some(match three {
        "084" => "1243",
        "081" => "1241",
        "086" => "1245",
        _ => match &three[..2] {
            "03" | "05" => "120",
            "04" => "125",
            "06" => "121",
            "07" => "122",
            "08" => "124",
            _ => return None,
        },
    })
}

/// The CAMEO intent a commitment to do `code` is: meeting (04) -> 036,
/// diplomatic cooperation (05) -> 032, material cooperation (06) -> 031x,
/// aid (07) -> 033x, yielding (08) -> 035x/034; a commitment to reduce
/// relations, coerce or use force (16-20) is a threat (131, 137, 138); a
/// deployment to come (15) is neither.
/// `None` for what no intent code covers (statements, demands, criticism).
pub(crate) fn intent_code(code: &str) -> Option<&'static str> {
    let three = code.get(..3)?;
    Some(match three {
        "061" => "0311",
        "062" => "0312",
        "063" => "0313",
        "064" => "0314",
        "071" => "0331",
        "072" => "0332",
        "073" => "0333",
        "074" => "0334",
        "081" => "0351",
        "082" => "0352",
        "083" => "034",
        "084" => "0353",
        "085" => "0354",
        "086" => "0355",
        "087" => "0356",
        _ => match &three[..2] {
            "04" => "036",
            "05" => "032",
            "06" => "031",
            "07" => "033",
            "08" => "035",
            "16" => "131",
            "17" => "137",
            "18" | "19" | "20" => "138",
            _ => return None,
        },
    })
}

/// Prepositions that date a clause by an earlier event ("after the
/// summit").
const SINCE: &[&str] = &["after", "since", "following"];

impl Cx<'_> {
    /// A noun that dates its clause ("within weeks of the summit", "days
    /// after the talks", "since the meeting"): the event it names took
    /// place, whatever the clause's own modality.
    pub(crate) fn time_anchor(&self, n: usize) -> bool {
        let toks = &self.doc.tokens;
        let mut t = n;
        for _ in 0..8 {
            let Some(h) = toks[t].head else {
                return false;
            };
            if toks[h].tag.starts_with("VB") {
                return false;
            }
            let anchor = (toks[h].tag == "IN" && SINCE.contains(&self.lower(h).as_str()))
                || (toks[h].tag.starts_with("NN") && self.is_time(h));
            if anchor {
                return true;
            }
            t = h;
        }
        false
    }

    /// "At no time did X ...", "in no way", "under no circumstances": a
    /// phrase on the verb whose noun takes "no" negates it.
    fn no_phrase(&self, v: usize) -> bool {
        let toks = &self.doc.tokens;
        self.children[v].iter().any(|&p| {
            toks[p].rel == "prep"
                && self.children[p].iter().any(|&o| {
                    toks[o].rel == "pobj"
                        && self.children[o]
                            .iter()
                            .any(|&d| toks[d].rel == "det" && self.lower(d) == "no")
                })
        })
    }

    /// An adverbial clause in the past tense opened by "after", "since",
    /// "because", "when", "once" or "as".
    fn past_fact_clause(&self, v: usize) -> bool {
        let toks = &self.doc.tokens;
        let opened = self.children[v].iter().any(|&c| {
            toks[c].rel == "mark"
                && matches!(
                    self.lower(c).as_str(),
                    "after" | "since" | "because" | "when" | "once" | "as"
                )
        });
        let past = toks[v].tag == "VBD"
            || self.children[v]
                .iter()
                .any(|&c| matches!(toks[c].rel, "aux" | "auxpass") && toks[c].tag == "VBD");
        opened && past
    }

    /// Why a verb did not happen, if it did not: negated or refused (itself
    /// or the verb it complements), or inside a conditional.
    pub(crate) fn blocked(&self, verb: usize, fs: &[Frame]) -> Option<Blocked> {
        let toks = &self.doc.tokens;
        // Frames are in token order: a binary search finds a verb's.
        let frame = |v: usize| fs.binary_search_by_key(&v, |f| f.verb).ok().map(|i| &fs[i]);
        let has_if = self.has_if[self.sentence_of(verb)];
        // "What would have happened had X ...?": a hypothetical question.
        let sent = self.doc.sentences[self.sentence_of(verb)];
        if self.doc.slice(sent.span).trim_end().ends_with('?')
            && (sent.first_token..sent.last_token).any(|t| {
                toks[t].tag == "MD" && matches!(self.lower(t).as_str(), "would" | "could" | "might")
            })
        {
            return not_done("hypothetical (a would/could question)");
        }
        let mut cur = verb;
        let mut through_xcomp = true;
        for _ in 0..32 {
            if let Some(f) = frame(cur) {
                if through_xcomp && f.negated {
                    // "will not reopen the border", "won't meet the envoy",
                    // "said it would not free them": a stated refusal of
                    // the subject's own, coded as the refusal; a past
                    // negation ("did not meet") is no event.
                    let future = f.modals.iter().any(|&m| {
                        matches!(self.lower(m).as_str(), "will" | "wo" | "shall" | "'ll")
                    }) || (f
                        .modals
                        .iter()
                        .any(|&m| matches!(self.lower(m).as_str(), "would" | "'d"))
                        && toks[cur].rel == "ccomp"
                        && toks[cur]
                            .head
                            .is_some_and(|h| REPORTING.contains(&toks[h].lemma.as_str())));
                    if cur == verb && future && !has_if {
                        return Some(Blocked {
                            why: "negated future (will not): coded as the refusal",
                            intent: false,
                            refusal: true,
                        });
                    }
                    return not_done("negated");
                }
                if through_xcomp && f.refused {
                    // "refused to release X": the subject's own refusal, an
                    // event of its own; a failure or a denial is not.
                    let by = toks[cur].head.map(|h| toks[h].lemma.as_str());
                    if cur == verb && matches!(by, Some("refuse" | "decline")) {
                        return Some(Blocked {
                            why: "refused (coded as the refusal)",
                            intent: false,
                            refusal: true,
                        });
                    }
                    return not_done("refused or failed (complement of refuse/fail/decline)");
                }
                if has_if
                    && f.modals.iter().any(|&m| {
                        matches!(self.lower(m).as_str(), "would" | "could" | "might" | "'d")
                    })
                {
                    return not_done("hypothetical (would/could/might beside an if-clause)");
                }
                // "had X gone to ...", "were it to strike": an inverted
                // conditional, hypothetical.
                if f.auxiliaries.iter().chain(&f.modals).any(|&a| {
                    matches!(self.lower(a).as_str(), "had" | "were" | "should")
                        && f.subject.is_some_and(|s| a < s)
                }) && !self
                    .doc
                    .slice(self.doc.sentences[self.sentence_of(verb)].span)
                    .ends_with('?')
                {
                    return not_done(
                        "hypothetical (inverted conditional: had/were/should before the subject)",
                    );
                }
                let modal = |words: &[&str]| {
                    f.modals
                        .iter()
                        .any(|&m| words.contains(&self.lower(m).as_str()))
                };
                // "will release": a commitment, coded as the intent.
                if through_xcomp && modal(&["will", "shall", "'ll"]) {
                    return intended("to come (will/shall): coded as an intent");
                }
                // "said it would allow": a reported commitment.
                if through_xcomp
                    && modal(&["would", "'d"])
                    && toks[cur].rel == "ccomp"
                    && toks[cur]
                        .head
                        .is_some_and(|h| REPORTING.contains(&toks[h].lemma.as_str()))
                {
                    return intended("reported commitment (said it would): coded as an intent");
                }
                // "would impose sanctions", "could strike", "may meet": a
                // possibility, not an event.
                if through_xcomp && modal(&["would", "could", "might", "may", "should", "'d"]) {
                    return not_done("possible, not done (would/could/might/may/should)");
                }
            }
            if self.children[cur].iter().any(|&c| {
                toks[c].rel == "mark" && matches!(self.lower(c).as_str(), "if" | "unless")
            }) {
                return not_done("conditional (inside an if/unless clause)");
            }
            if self.no_phrase(cur) {
                return not_done("negated (at no time, in no way, under no circumstances)");
            }
            let rel = toks[cur].rel;
            // "In no way was I comfortable with or praised them": a verb conjoined
            // to a predicate adjective is in its copula's clause.
            let in_predicate = rel == "acomp" && cur != verb && !toks[cur].tag.starts_with("VB");
            if !in_predicate
                && !matches!(
                    rel,
                    "xcomp" | "ccomp" | "conj" | "advcl" | "relcl" | "acl" | "pcomp"
                )
            {
                return None;
            }
            // "wanted to suspend the talks after traders were detained": a clause in the
            // past that dates or explains another tells what happened.
            if rel == "advcl" && self.past_fact_clause(cur) {
                return None;
            }
            // "the request to investigate", "efforts to get X to act": an
            // infinitive on a noun of asking, trying or planning.
            if rel == "acl"
                && toks[cur].head.is_some_and(|h| {
                    toks[h].tag.starts_with("NN")
                        && UNREALISED_NOUNS.contains(&toks[h].lemma.to_lowercase().as_str())
                })
                && self.children[cur].iter().any(|&c| toks[c].tag == "TO")
            {
                return not_done("not done (infinitive on a noun of asking, trying or planning)");
            }
            // "urged X to attack", "plans to meet": asked for, planned or
            // promised, not done. The governing verb codes the request or
            // the intent from its own patterns.
            // An infinitive the parser hung as a ccomp ("wants X to
            // eliminate") is a complement like any other.
            let infinitive =
                rel == "ccomp" && self.children[cur].iter().any(|&c| toks[c].tag == "TO");
            if rel == "xcomp" || infinitive {
                if let Some(h) = toks[cur].head {
                    let lemma = toks[h].lemma.to_lowercase();
                    if COMMITTING.contains(&lemma.as_str()) {
                        // "did not agree to meet", "is not willing to": the
                        // head's (or its copula's) negation.
                        let holder = if frame(h).is_some() {
                            Some(h)
                        } else {
                            toks[h].head
                        };
                        if let Some(hf) = holder.and_then(frame) {
                            if hf.negated || hf.refused {
                                return not_done("negated (the commitment is)");
                            }
                            if has_if {
                                return not_done("conditional commitment (beside an if-clause)");
                            }
                        }
                        return intended("complement of a commitment (agree/promise/willing to): coded as an intent");
                    }
                    if UNREALISED.contains(&lemma.as_str()) {
                        return not_done(
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
