//! Argument finding: where a pattern's words and its `$`/`+` slots stand
//! in a head's dependency phrase, and the subjects the parse leaves wrong
//! or implicit.

use dyad_document::Document;
use dyad_tag::frames::Frame;

use crate::context::Cx;
use crate::patterns::{Compiled, Item};

/// Relations through which a pattern word may be found in a head's phrase.
const PHRASE_RELS: &[&str] = &[
    "prt", "prep", "agent", "pobj", "pcomp", "dobj", "dative", "attr", "oprd", "acomp", "xcomp",
    "compound", "amod", "nmod", "aux", "npadvmod", "nummod",
];

/// Adverbs that are a phrasal verb's particle when they hang on the verb.
const PARTICLES: &[&str] = &[
    "back", "off", "out", "down", "up", "away", "over", "in", "on", "forward",
];

/// What a pattern match found.
pub(crate) struct Match {
    pub(crate) matched: Vec<usize>,
    pub(crate) source: Option<usize>,
    pub(crate) target: Option<usize>,
}

/// Subjects the parse leaves wrong or implicit: of two subjects the one
/// nearest before the verb; a participle adjunct with no subject of its own
/// takes its main clause's ("Having seized the bases, the rebels pushed
/// on": the rebels seized); a conjoined verb with no subject of its own
/// shares its first conjunct's, and a conjoined passive with no agent its
/// agent ("was stopped by guards and sent back": the guards sent).
pub(crate) fn inherit_subjects(doc: &Document, fs: &mut [Frame]) {
    let toks = &doc.tokens;
    for f in fs.iter_mut() {
        let v = f.verb;
        let si = doc.sentences.partition_point(|s| s.last_token <= v);
        let first = doc.sentences.get(si).map_or(0, |s| s.first_token);
        let nearest = (first..v)
            .rev()
            .find(|&k| toks[k].head == Some(v) && toks[k].rel == "nsubj");
        if let (Some(n), Some(s)) = (nearest, f.subject) {
            if n != s && toks[s].rel == "nsubj" {
                f.subject = Some(n);
            }
        }
    }
    // "Last week, a coalition of rebels took ...": a subject the parser
    // hung as an apposition on a temporal modifier before the verb.
    for f in fs.iter_mut() {
        let v = f.verb;
        if f.subject.is_some() {
            continue;
        }
        let si = doc.sentences.partition_point(|s| s.last_token <= v);
        let first = doc.sentences.get(si).map_or(0, |s| s.first_token);
        f.subject = (first..v).rev().find(|&k| {
            toks[k].rel == "appos"
                && toks[k].tag.starts_with("NN")
                && toks[k]
                    .head
                    .is_some_and(|h| h < k && toks[h].rel == "npadvmod" && toks[h].head == Some(v))
        });
    }
    // "shows soldiers using tear gas", "police firing on the crowd": an
    // active participle on a noun is what that noun does.
    for f in fs.iter_mut() {
        let v = f.verb;
        if f.subject.is_none() && toks[v].rel == "acl" && toks[v].tag == "VBG" {
            f.subject = toks[v].head.filter(|&h| toks[h].tag.starts_with("NN"));
        }
    }
    // Frames are in token order, so a chain of conjuncts passes its
    // subject along.
    for k in 0..fs.len() {
        let v = fs[k].verb;
        if toks[v].rel != "conj" {
            continue;
        }
        let Some(h) = toks[v].head else { continue };
        let Ok(i) = fs[..k].binary_search_by_key(&h, |g| g.verb) else {
            continue;
        };
        let (subject, passive, agent) = (fs[i].subject, fs[i].passive, fs[i].agent);
        // "protesters who blocked a road and fought soldiers": whether the second
        // verb is the relative clause's or the main clause's is unknown.
        if subject.is_some_and(|s| matches!(toks[s].tag, "WDT" | "WP")) {
            continue;
        }
        // "were stopped by X and sent back": a participle conjoined to a
        // passive, with no auxiliary, object or subject of its own, is
        // passive too.
        if passive
            && !fs[k].passive
            && fs[k].subject.is_none()
            && fs[k].object.is_none()
            && fs[k].auxiliaries.is_empty()
            && toks[v].tag == "VBN"
        {
            fs[k].passive = true;
        }
        if fs[k].subject.is_none() {
            fs[k].subject = subject;
        }
        if fs[k].passive && fs[k].agent.is_none() && passive {
            fs[k].agent = agent;
        }
    }
    for k in 0..fs.len() {
        let v = fs[k].verb;
        if fs[k].subject.is_some()
            || toks[v].rel != "advcl"
            || !matches!(toks[v].tag, "VBN" | "VBG")
        {
            continue;
        }
        let Some(h) = toks[v].head else { continue };
        // A trailing participle may hang on the wrong verb ("accused X of
        // shelling Y, damaging Z"): only when no other verb stands between.
        if h < v && (h + 1..v).any(|k| toks[k].tag.starts_with("VB") && toks[k].rel != "aux") {
            continue;
        }
        // Frames are in token order.
        let head = fs.binary_search_by_key(&h, |g| g.verb).ok();
        if let Some(s) = head.and_then(|i| fs[i].subject) {
            fs[k].subject = Some(s);
        }
    }
}

impl Cx<'_> {
    /// Tokens of a head's phrase where pattern words may stand.
    pub(crate) fn phrase(&self, head: usize) -> Vec<usize> {
        let mut out = Vec::new();
        let mut stack = vec![(head, 0)];
        while let Some((t, depth)) = stack.pop() {
            if depth >= 5 {
                continue;
            }
            for &c in &self.children[t] {
                let tok = &self.doc.tokens[c];
                // Conjoined nouns ("weapons and military bases"), not clauses.
                let noun_conj = tok.rel == "conj"
                    && tok.tag.starts_with("NN")
                    && self.doc.tokens[t].tag.starts_with("NN");
                // "wants X to lift": an infinitive with its own subject,
                // which the parser hangs as a clausal complement.
                let infinitive = tok.rel == "ccomp" && self.infinitive_subject_of(c).is_some();
                // "scaled back its tariffs": a particle the parser hung as an
                // adverb of the head.
                let particle = t == head
                    && tok.rel == "advmod"
                    && PARTICLES
                        .iter()
                        .any(|p| self.word(c).eq_ignore_ascii_case(p));
                if !PHRASE_RELS.contains(&tok.rel) && !noun_conj && !infinitive && !particle {
                    continue;
                }
                if tok.rel == "aux" && tok.tag != "TO" {
                    continue;
                }
                out.push(c);
                stack.push((c, depth + 1));
            }
        }
        out.sort_unstable();
        out
    }

    /// Match a pattern's items around `head`.
    pub(crate) fn match_items(
        &self,
        p: &Compiled,
        head: usize,
        phrase: &[usize],
        frame: Option<&Frame>,
    ) -> Result<Match, String> {
        let toks = &self.doc.tokens;
        let mut m = Match {
            matched: Vec::new(),
            source: None,
            target: None,
        };
        // Before the head: `$` is the subject (agent when passive), `+`
        // the subject of a passive-looking pattern; words are modifiers.
        for it in &p.items[..p.head] {
            match it {
                Item::Source => {
                    if let Some(f) = frame {
                        m.source = if f.passive { f.agent } else { f.subject };
                    }
                }
                Item::Target => {
                    if let Some(f) = frame {
                        m.target = f.subject;
                    }
                }
                Item::Word(w) => {
                    let t = phrase
                        .iter()
                        .copied()
                        .find(|&t| !m.matched.contains(&t) && self.is(t, w))
                        .ok_or_else(|| format!("no «{w}» in the phrase"))?;
                    m.matched.push(t);
                }
                _ => {}
            }
        }
        let mut prev = head;
        for it in &p.items[p.head + 1..] {
            match it {
                Item::Word(w) => {
                    let t = phrase
                        .iter()
                        .copied()
                        .filter(|&t| !m.matched.contains(&t) && self.is(t, w))
                        .min_by_key(|&t| (t < prev, t.abs_diff(prev)))
                        .ok_or_else(|| format!("no «{w}» in the phrase"))?;
                    m.matched.push(t);
                    prev = t;
                }
                Item::Target | Item::Source => {
                    let arg = if prev == head || toks[prev].rel == "prt" {
                        match frame {
                            Some(f) if f.passive => {
                                if *it == Item::Target {
                                    f.subject
                                } else {
                                    f.agent
                                }
                            }
                            Some(f) => f.dative.or(f.object).or_else(|| {
                                self.children[head].iter().find_map(|&c| match toks[c].rel {
                                    "ccomp" => self.infinitive_subject_of(c),
                                    _ => None,
                                })
                            }),
                            None => None,
                        }
                    } else if toks[prev].rel == "aux" && toks[prev].tag == "TO" {
                        // "agreed to free +": the infinitive's object.
                        toks[prev]
                            .head
                            .and_then(|h| self.child(h, &["dobj", "dative"]))
                    } else if matches!(toks[prev].rel, "prep" | "agent")
                        || matches!(toks[prev].tag, "IN" | "TO")
                    {
                        self.child(prev, &["pobj", "pcomp"])
                    } else if toks[prev].tag.starts_with("VB") {
                        self.child(prev, &["dobj", "dative"])
                    } else {
                        None
                    };
                    if *it == Item::Target {
                        m.target = arg;
                    } else {
                        m.source = arg;
                    }
                }
                _ => {}
            }
        }
        Ok(m)
    }

    /// The subject of an infinitive clause ("Peru" in "wants Peru to
    /// lift"): a verb with a `to` and a subject before it.
    fn infinitive_subject_of(&self, v: usize) -> Option<usize> {
        let toks = &self.doc.tokens;
        let to = self.children[v]
            .iter()
            .any(|&c| toks[c].tag == "TO" && toks[c].rel == "aux");
        if !to {
            return None;
        }
        self.children[v]
            .iter()
            .copied()
            .find(|&c| c < v && toks[c].rel == "nsubj")
    }

    /// For a noun that is the by-agent of a passive verb ("curbed by
    /// strikes"), what the verb's subject is: the grammatical subject, or
    /// the noun a passive participle modifies.
    pub(crate) fn passive_subject_of_agent(&self, n: usize, fs: &[Frame]) -> Option<usize> {
        let toks = &self.doc.tokens;
        if toks[n].rel != "pobj" {
            return None;
        }
        let by = toks[n].head?;
        if self.lower(by) != "by" || toks[by].rel != "agent" {
            return None;
        }
        let v = toks[by].head?;
        let f = fs.iter().find(|f| f.verb == v)?;
        if !f.passive {
            return None;
        }
        if let Some(s) = f.subject {
            return Some(s);
        }
        if matches!(toks[v].rel, "acl" | "relcl") && toks[v].tag == "VBN" {
            return toks[v].head;
        }
        None
    }
}
