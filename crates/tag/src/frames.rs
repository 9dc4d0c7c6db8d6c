//! Verb frames: what the event coder and quote attribution ask of a parse.
//! For each verb: its subject, object, prepositional phrases, particle,
//! auxiliaries and modals, negation (including "refused to"), voice and
//! by-agent, and the clauses it governs ("said that ...", "urged X to ...").
//!
//! Indices are into `Document::tokens`.

use dyad_document::Document;

/// One verb and its arguments.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Frame {
    pub verb: usize,
    /// Active subject, or the passive's grammatical subject.
    pub subject: Option<usize>,
    pub object: Option<usize>,
    /// Second object or dative ("gave Iran a deadline").
    pub dative: Option<usize>,
    /// (preposition, its object).
    pub preps: Vec<(usize, Option<usize>)>,
    pub particle: Option<usize>,
    pub auxiliaries: Vec<usize>,
    pub modals: Vec<usize>,
    /// "not", "never", "n't" on the verb or its auxiliaries.
    pub negated: bool,
    /// The verb is the complement of "refused to", "declined to", "failed to".
    pub refused: bool,
    pub passive: bool,
    /// The by-agent of a passive ("was attacked by gunmen" -> gunmen).
    pub agent: Option<usize>,
    /// Clauses the verb governs: (relation, head of the clause).
    pub clauses: Vec<(&'static str, usize)>,
}

/// Verbs whose `xcomp` complement did not happen.
const REFUSAL: &[&str] = &["refuse", "decline", "fail", "reject", "deny"];

/// Frames for every verb of a tagged and parsed document, in text order.
pub fn frames(doc: &Document) -> Vec<Frame> {
    let toks = &doc.tokens;
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); toks.len()];
    for (i, t) in toks.iter().enumerate() {
        if let Some(h) = t.head {
            children[h].push(i);
        }
    }
    let word = |i: usize| doc.slice(toks[i].span).to_lowercase();
    let mut out = Vec::new();
    for (v, t) in toks.iter().enumerate() {
        if !t.tag.starts_with("VB") || matches!(t.rel, "aux" | "auxpass") {
            continue;
        }
        let mut f = Frame {
            verb: v,
            ..Default::default()
        };
        for &c in &children[v] {
            match toks[c].rel {
                "nsubj" | "csubj" | "expl" => f.subject = f.subject.or(Some(c)),
                "nsubjpass" | "csubjpass" => {
                    f.subject = Some(c);
                    f.passive = true;
                }
                "dobj" => f.object = Some(c),
                "dative" => f.dative = Some(c),
                "prep" => {
                    let pobj = children[c]
                        .iter()
                        .copied()
                        .find(|&k| toks[k].rel == "pobj" || toks[k].rel == "pcomp");
                    f.preps.push((c, pobj));
                }
                "agent" => {
                    f.passive = true;
                    // "accused of X by A and Y by B": the first by-agent.
                    f.agent = f
                        .agent
                        .or_else(|| children[c].iter().copied().find(|&k| toks[k].rel == "pobj"));
                }
                "prt" => f.particle = Some(c),
                "auxpass" => {
                    f.passive = true;
                    f.auxiliaries.push(c);
                }
                "aux" => {
                    if toks[c].tag == "MD" {
                        f.modals.push(c);
                    } else if toks[c].tag != "TO" {
                        f.auxiliaries.push(c);
                    }
                }
                "neg" => f.negated = true,
                "ccomp" | "xcomp" | "advcl" | "conj" | "parataxis" => {
                    f.clauses.push((toks[c].rel, c))
                }
                _ => {}
            }
        }
        if !f.negated {
            // "never" and "no longer" are often parsed as adverbs.
            f.negated = children[v].iter().any(|&c| {
                toks[c].rel == "advmod" && matches!(word(c).as_str(), "never" | "not" | "n't")
            });
        }
        // "refused to meet": the complement of a refusal did not happen.
        if t.rel == "xcomp" {
            if let Some(h) = t.head {
                if REFUSAL.contains(&toks[h].lemma.as_str()) {
                    f.refused = true;
                }
            }
        }
        out.push(f);
    }
    // An xcomp inherits its controller's subject when it has none
    // ("Iran refused to meet" -> Iran is who did not meet).
    for k in 0..out.len() {
        if out[k].subject.is_none() && toks[out[k].verb].rel == "xcomp" {
            let head = toks[out[k].verb].head;
            // Frames are in token order.
            let ctrl = head.and_then(|h| out.binary_search_by_key(&h, |g| g.verb).ok());
            if let Some(ctrl) = ctrl.map(|i| &out[i]) {
                let s = ctrl.object.or(ctrl.subject);
                // "urged X to ...": the object controls; "wants to ...": the subject.
                out[k].subject = s;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let mut d = Document {
            id: "t".into(),
            text: text.into(),
            ..Default::default()
        };
        dyad_segment::segment(&mut d);
        crate::annotate(&mut d);
        d
    }

    fn frame_of<'a>(d: &Document, fs: &'a [Frame], verb: &str) -> &'a Frame {
        fs.iter()
            .find(|f| d.slice(d.tokens[f.verb].span) == verb)
            .unwrap_or_else(|| panic!("no frame for {verb}"))
    }

    fn w(d: &Document, i: Option<usize>) -> Option<&str> {
        i.map(|i| d.slice(d.tokens[i].span))
    }

    #[test]
    fn passive_with_agent() {
        let d = doc("The convoy was attacked by gunmen near the border.");
        let fs = frames(&d);
        let f = frame_of(&d, &fs, "attacked");
        assert!(f.passive && !f.negated);
        assert_eq!(w(&d, f.subject), Some("convoy"));
        assert_eq!(w(&d, f.agent), Some("gunmen"));
    }

    #[test]
    fn negation_refusal_and_control() {
        let d = doc("Turkey has not publicly expressed support for the offensive.");
        let f = frame_of(&d, &frames(&d), "expressed").clone();
        assert!(f.negated);
        assert_eq!(
            (w(&d, f.subject), w(&d, f.object)),
            (Some("Turkey"), Some("support"))
        );
        assert_eq!(f.auxiliaries.len(), 1);

        let d = doc("Iran refused to meet the delegation.");
        let fs = frames(&d);
        let f = frame_of(&d, &fs, "meet");
        assert!(f.refused);
        assert_eq!(w(&d, f.subject), Some("Iran"));
        assert_eq!(w(&d, f.object), Some("delegation"));

        let d = doc("Officials urged the Russians to put pressure on the regime.");
        let fs = frames(&d);
        let f = frame_of(&d, &fs, "put");
        assert_eq!(
            w(&d, f.subject),
            Some("Russians"),
            "the object of 'urged' controls"
        );
        assert!(!f.refused);
    }

    #[test]
    fn particles_prepositions_modals_and_clauses() {
        let d = doc("He reached out to the president last year.");
        let fs = frames(&d);
        let f = frame_of(&d, &fs, "reached");
        assert_eq!(w(&d, f.particle), Some("out"));
        assert_eq!(
            f.preps.iter().map(|p| w(&d, p.1)).collect::<Vec<_>>(),
            vec![Some("president")]
        );

        let d = doc("The minister said that talks would resume.");
        let fs = frames(&d);
        let said = frame_of(&d, &fs, "said");
        assert_eq!(said.clauses.len(), 1);
        assert_eq!(w(&d, Some(said.clauses[0].1)), Some("resume"));
        assert_eq!(frame_of(&d, &fs, "resume").modals.len(), 1);
    }
}
