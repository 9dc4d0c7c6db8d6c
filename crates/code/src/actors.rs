//! Actor inference: the actors an argument stands for, from the mention
//! covering it, its modifiers, or a rule (a quote's speaker, a pronoun's
//! antecedent, "the two countries", "the separatist group", civilians,
//! a place's country, an implicit target).

use dyad_document::{MentionKind, PlaceFeature, QuoteKind, Span};

use crate::context::Cx;
use crate::patterns::ImplicitAgent;

/// An actor an argument stands for: a mention's code, or a code a rule
/// infers (a pronoun's antecedent, "the two countries", an implicit target).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Actor {
    pub(crate) mention: Option<usize>,
    pub(crate) code: String,
    /// How it was found, when not directly from a mention.
    pub(crate) how: String,
}

pub(crate) fn show_actors(actors: &[Actor]) -> String {
    actors
        .iter()
        .map(|a| {
            if a.how.is_empty() {
                a.code.clone()
            } else {
                format!("{} ({})", a.code, a.how)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rebels' material conflict with no target named is with their country's
/// government ("Syrian rebels launched an offensive": SYRREB -> SYRGOV).
pub(crate) fn implicit_target(a: &Actor) -> Option<Actor> {
    let c = &a.code;
    if c.len() == 6 && c.ends_with("REB") && c[..3].chars().all(|x| x.is_ascii_uppercase()) {
        Some(Actor {
            mention: None,
            code: format!("{}GOV", &c[..3]),
            how: "implicit target: the government rebels fight".into(),
        })
    } else {
        None
    }
}

/// Three-letter codes that stand for no country (`IGO`, `NGO`, ...).
const NOT_COUNTRIES: &[&str] = &["IGO", "NGO", "NGM", "IMG", "MNC", "UIS"];

/// Role codes, which follow a country's code (`KENCOP`) or stand alone.
const ROLES: &[&str] = &[
    "GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "INS", "SEP", "UAF", "SPY", "ELI",
    "CVL", "BUS", "MED", "EDU", "HLH", "REL", "LAB", "AGR", "CRM", "REF", "HRI", "NGO", "ENV",
    "IGO", "MOD", "RAD",
];

/// The country an actor code belongs to: `KEN` for `KEN` and `KENCOP`,
/// none for a bare role (`CVL`) or a body of no country (`IGOUNO`).
pub(crate) fn country_of_code(code: &str) -> Option<&str> {
    let p = code.get(..3)?;
    let ok = p.chars().all(|c| c.is_ascii_uppercase())
        && !NOT_COUNTRIES.contains(&p)
        && !ROLES.contains(&p)
        && (code.len() == 3 || code.get(3..6).is_some_and(|r| ROLES.contains(&r)));
    ok.then_some(p)
}

/// A role with no country or organisation (`CVL`, `EDU`): a group the text
/// names only by what its members are ("teachers", "the crowd").
pub(crate) fn is_bare_role(code: &str) -> bool {
    code.len() == 3 && ROLES.contains(&code) && !NOT_COUNTRIES.contains(&code)
}

/// Relational nouns between two actors: "Damascus ally Russia" is Russia.
const RELATIONAL: &[&str] = &[
    "ally",
    "allies",
    "partner",
    "neighbour",
    "neighbor",
    "rival",
    "foe",
    "backer",
    "patron",
    "proxy",
];

/// Nouns a definite description of an armed or political group ends in
/// ("the separatist group"): the organisation last named.
const GROUP_NOUNS: &[&str] = &[
    "group",
    "organisation",
    "organization",
    "movement",
    "faction",
    "militia",
];

/// Collective and partitive nouns whose "of" phrase names the actors ("a
/// coalition of rebels", "members of the rebel army").
const COLLECTIVES: &[&str] = &[
    "coalition",
    "alliance",
    "bloc",
    "group",
    "grouping",
    "union",
    "front",
    "umbrella",
    // Parts that stand for the whole ("members of the rebel army").
    "member",
    "unit",
    "wing",
    "faction",
    "branch",
    "delegation",
    "contingent",
    "representative",
    "official",
    "fighter",
    "militant",
];

/// Code prefixes that are no country.
pub(crate) const NOT_COUNTRY: &[&str] = &["IGO", "NGO", "IMG", "MNC", "NGM", "UIS"];

impl Cx<'_> {
    /// Actors an argument stands for: the mention covering it, else one
    /// among its modifiers, else what a rule infers; conjoined arguments
    /// each give theirs.
    pub(crate) fn actors(&self, arg: usize) -> Vec<Actor> {
        // "HANOI (AP) — The defence minister said ...": the parser makes
        // the dateline the subject and the real one its apposition.
        let arg = if self.dateline[arg] || self.dash_opening(arg) {
            match self.children[arg]
                .iter()
                .copied()
                .find(|&c| !self.dateline[c] && self.doc.tokens[c].rel == "appos")
            {
                Some(c) => c,
                None => return Vec::new(),
            }
        } else {
            arg
        };
        let mut heads = vec![arg];
        let mut k = 0;
        while k < heads.len() {
            let h = heads[k];
            for &c in &self.children[h] {
                if self.doc.tokens[c].rel == "conj" && !heads.contains(&c) {
                    heads.push(c);
                }
            }
            k += 1;
        }
        let mut out: Vec<Actor> = Vec::new();
        for h in heads {
            let found = match self.actor_at(h) {
                Some(a) => vec![a],
                None => self.inferred(h),
            };
            for a in found {
                if !out
                    .iter()
                    .any(|o| o.code == a.code && o.mention == a.mention)
                {
                    out.push(a);
                }
            }
        }
        let shared: Vec<Actor> = out.iter().filter_map(|a| self.shared_role(a)).collect();
        for a in shared {
            match out.iter().position(|o| o.mention == a.mention) {
                Some(i) => out[i] = a,
                None => out.insert(0, a),
            }
        }
        out
    }

    /// "Harrisburg – Several hundred nurses surrounded ...": a name
    /// in title case opening the sentence and set off by a dash, which
    /// the parser makes the subject, is a dateline too when it stands for
    /// no actor.
    fn dash_opening(&self, arg: usize) -> bool {
        let toks = &self.doc.tokens;
        let s = &self.doc.sentences[self.sentence_of(arg)];
        arg + 1 < toks.len()
            && (s.first_token..arg).all(|k| toks[k].tag == "NNP")
            && matches!(self.doc.slice(toks[arg + 1].span), "–" | "—" | "--")
            && self.mention_of[arg].is_none()
            && self.children[arg].iter().any(|&c| toks[c].rel == "appos")
    }

    pub(crate) fn mention_actor(&self, m: usize) -> Option<Actor> {
        Some(Actor {
            mention: Some(m),
            code: self.code_of(m)?,
            how: String::new(),
        })
    }

    pub(crate) fn actor_at(&self, t: usize) -> Option<Actor> {
        if self.barred[t] {
            return None;
        }
        if let Some(m) = self.mention_of[t] {
            return self.mention_actor(self.beyond_relational(m));
        }
        // Modifiers, breadth first, two levels deep.
        let mut level = vec![t];
        for _ in 0..2 {
            let mut next = Vec::new();
            for &x in &level {
                for &c in &self.children[x] {
                    if !matches!(
                        self.doc.tokens[c].rel,
                        "compound" | "amod" | "poss" | "nmod"
                    ) {
                        continue;
                    }
                    if self.barred[c] {
                        continue;
                    }
                    if let Some(m) = self.mention_of[c] {
                        return self.mention_actor(self.beyond_relational(m));
                    }
                    next.push(c);
                }
            }
            level = next;
        }
        None
    }

    /// "Damascus ally Russia", "Tehran's proxy Hezbollah": the actor named
    /// after the relational noun, not the one before it.
    pub(crate) fn beyond_relational(&self, m: usize) -> usize {
        let toks = &self.doc.tokens;
        let span = self.doc.mentions[m].span;
        let mut k = toks.partition_point(|t| t.span.end <= span.end);
        if k < toks.len() && matches!(self.lower(k).as_str(), "'s" | "\u{2019}s" | "'") {
            k += 1;
        }
        if k + 1 >= toks.len()
            || !RELATIONAL.contains(&self.lower(k).as_str())
            || self.sentence_of(k + 1) != self.sentence_of(k)
        {
            return m;
        }
        match self.mention_of[k + 1] {
            Some(n) if n != m && self.doc.mentions[n].span.start == toks[k + 1].span.start => n,
            _ => m,
        }
    }

    /// Actors for an argument no mention covers: a subject pronoun, "the
    /// two countries", "the separatist group", civilian targets.
    pub(crate) fn inferred(&self, t: usize) -> Vec<Actor> {
        if self.barred[t] {
            return Vec::new();
        }
        let found: Vec<Actor> = if let Some(a) = self.quote_speaker(t) {
            vec![a]
        } else if let Some(a) = self.pronoun(t) {
            vec![a]
        } else if let Some(found) = self.collective_of(t) {
            found
        } else if let Some(pair) = self.pair_of_countries(t) {
            pair
        } else if let Some(a) = self.the_country(t) {
            vec![a]
        } else if let Some(a) = self.definite_group(t) {
            vec![a]
        } else if let Some(a) = self.civilian(t) {
            vec![a]
        } else if let Some(a) = self.protesters(t) {
            vec![a]
        } else if let Some(found) = self.quantity_of(t) {
            found
        } else if let Some(a) = self.impeaching(t) {
            vec![a]
        } else {
            self.relative_antecedent(t).unwrap_or_default()
        };
        for a in &found {
            self.note(t, || {
                format!("  actor «{}» -> {} ({})", self.word(t), a.code, a.how)
            });
        }
        found
    }

    /// "I", "we", "me", "us" inside a direct quote: its speaker (the
    /// innermost quote's, as quote attribution found it).
    pub(crate) fn quote_speaker(&self, t: usize) -> Option<Actor> {
        let tok = &self.doc.tokens[t];
        if tok.tag != "PRP" || !matches!(self.lower(t).as_str(), "i" | "we" | "me" | "us") {
            return None;
        }
        let q = self
            .doc
            .quotes
            .iter()
            .filter(|q| q.kind == QuoteKind::Direct && q.span.contains(tok.span))
            .min_by_key(|q| q.span.len())?;
        let sp = q.speaker.as_ref()?;
        let mention = sp.antecedent.or(sp.mention);
        if mention.is_some_and(|m| self.doc.mentions[m].kind == MentionKind::Outlet) {
            return None;
        }
        let code = sp
            .code
            .clone()
            .or_else(|| mention.and_then(|m| self.code_of(m)))?;
        Some(Actor {
            mention,
            code,
            how: format!("the speaker of the quote, {}", sp.name),
        })
    }

    /// The last token of mention `m`.
    pub(crate) fn mention_head(&self, m: usize) -> usize {
        let span = self.doc.mentions[m].span;
        self.doc
            .tokens
            .partition_point(|t| t.span.end <= span.end)
            .saturating_sub(1)
    }

    /// "It"/"they" as a clause's subject: the previous sentence's subject
    /// when an actor of the right number, else the one actor of the right
    /// number that sentence names (same paragraph only).
    pub(crate) fn pronoun(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        if toks[t].tag != "PRP" || !matches!(toks[t].rel, "nsubj" | "nsubjpass") {
            return None;
        }
        let plural = match self.lower(t).as_str() {
            "it" => false,
            "they" => true,
            _ => return None,
        };
        let fits = |m: usize| -> bool {
            let mm = &self.doc.mentions[m];
            if self.code_of(m).is_none() {
                return false;
            }
            let pl = matches!(toks[self.mention_head(m)].tag, "NNS" | "NNPS");
            match mm.kind {
                MentionKind::Country | MentionKind::Agent => pl == plural,
                MentionKind::Capital => !plural,
                MentionKind::Org => true,
                _ => false,
            }
        };
        let s = self.sentence_of(t);
        // "X said it would ...": the subject of a clause the pronoun's
        // clause depends on.
        let mut v = toks[t].head;
        while let Some(h) = v {
            if !matches!(
                toks[h].rel,
                "ccomp" | "advcl" | "conj" | "xcomp" | "ROOT" | ""
            ) {
                break;
            }
            let subj = self.children[h]
                .iter()
                .copied()
                .find(|&c| c < t && matches!(toks[c].rel, "nsubj" | "nsubjpass"));
            if let Some(a) = subj.and_then(|x| self.actor_at(x)) {
                if a.mention.is_some_and(fits) {
                    return Some(Actor {
                        how: "pronoun: the subject of the clause it depends on".into(),
                        ..a
                    });
                }
            }
            v = toks[h].head;
        }
        // Another actor of its number as a subject before it: ambiguous.
        let first = self.doc.sentences[s].first_token;
        let rival = (first..t).any(|k| {
            matches!(toks[k].rel, "nsubj" | "nsubjpass")
                && self
                    .actor_at(k)
                    .is_some_and(|a| a.mention.is_some_and(fits))
        });
        if s == 0 || rival {
            return None;
        }
        let (cur, prev) = (self.doc.sentences[s], self.doc.sentences[s - 1]);
        // Only within one paragraph (found by binary search, not a scan).
        let holding = |sp: Span| self.doc.paragraph_at(sp.start).filter(|p| p.contains(sp));
        if holding(cur.span) != holding(prev.span) {
            return None;
        }
        let range = prev.first_token..prev.last_token;
        let root = range.clone().find(|&k| toks[k].head.is_none());
        let mut subjects: Vec<usize> = root
            .map(|r| {
                self.children[r]
                    .iter()
                    .copied()
                    .filter(|&c| matches!(toks[c].rel, "nsubj" | "nsubjpass"))
                    .collect()
            })
            .unwrap_or_default();
        for k in range.clone() {
            if matches!(toks[k].rel, "nsubj" | "nsubjpass") && !subjects.contains(&k) {
                subjects.push(k);
            }
        }
        for x in subjects {
            if let Some(a) = self.actor_at(x) {
                if a.mention.is_some_and(fits) {
                    return Some(Actor {
                        how: format!(
                            "pronoun: the previous sentence's subject «{}»",
                            self.word(x)
                        ),
                        ..a
                    });
                }
            }
        }
        // Else the one actor of the right number named there (not as a
        // modifier of another noun).
        let mut found: Option<(usize, String)> = None;
        for mi in self.mentions_within(prev.span) {
            if !fits(mi) {
                continue;
            }
            let h = self.mention_head(mi);
            if matches!(toks[h].rel, "compound" | "amod" | "nmod" | "poss") {
                continue;
            }
            let code = self.code_of(mi)?;
            match &found {
                Some((_, c)) if *c != code => return None,
                Some(_) => {}
                None => found = Some((mi, code)),
            }
        }
        let (mi, code) = found?;
        Some(Actor {
            mention: Some(mi),
            code,
            how: "pronoun: the one actor of its number in the previous sentence".into(),
        })
    }

    /// "a coalition of Syrian rebels": the actors the collective is made of.
    pub(crate) fn collective_of(&self, t: usize) -> Option<Vec<Actor>> {
        let toks = &self.doc.tokens;
        if !toks[t].tag.starts_with("NN") || !COLLECTIVES.contains(&toks[t].lemma.as_str()) {
            return None;
        }
        let of = self.children[t]
            .iter()
            .copied()
            .find(|&c| toks[c].rel == "prep" && self.lower(c) == "of")?;
        let members = self.actors(self.child(of, &["pobj"])?);
        if members.is_empty() {
            return None;
        }
        Some(
            members
                .into_iter()
                .map(|a| Actor {
                    how: format!("member of the {}", self.word(t)),
                    ..a
                })
                .collect(),
        )
    }

    /// The country (as an actor) a place lies in ("the city of Aleppo",
    /// "Aleppo"), when the document names that country itself, so that its
    /// ISO code maps to a CAMEO one.
    /// The implicit agent of an agentless passive ("was arrested in
    /// Lagos"): the institution of the country its "in" or "from" phrase
    /// names, else (unless it acts only abroad) of each target's own country.
    pub(crate) fn implicit_agents(
        &self,
        v: usize,
        agent: &ImplicitAgent,
        targets: &[Actor],
    ) -> Vec<Actor> {
        let toks = &self.doc.tokens;
        let told = self.children[v].iter().any(|&c| {
            toks[c].rel == "auxpass" && matches!(toks[c].tag, "VBD" | "VBZ" | "VBP" | "VBN")
        });
        let sent = self.doc.sentences[self.sentence_of(v)].span;
        let asked = self.doc.text[toks[v].span.end..sent.end].contains('?');
        if !told || asked {
            return Vec::new();
        }
        let located = self.children[v]
            .iter()
            .copied()
            .filter(|&c| toks[c].rel == "prep" && matches!(self.lower(c).as_str(), "from" | "in"))
            .filter_map(|c| self.child(c, &["pobj"]))
            .find_map(|o| {
                let named = self.actors(o).into_iter().map(|a| a.code);
                let placed = self.place_country(o).map(|a| a.code);
                named
                    .chain(placed)
                    .find_map(|c| country_of_code(&c).map(str::to_string))
            });
        let countries: Vec<String> = match located {
            Some(c) => vec![c],
            None if agent.abroad => Vec::new(),
            None => targets
                .iter()
                .filter_map(|t| country_of_code(&t.code).map(str::to_string))
                .collect(),
        };
        let mut out: Vec<Actor> = Vec::new();
        for c in countries {
            let code = format!("{c}{}", agent.role);
            if !out.iter().any(|a| a.code == code) {
                out.push(Actor {
                    mention: None,
                    code,
                    how: format!("implicit agent: «{}» names no agent", self.word(v)),
                });
            }
        }
        out
    }

    pub(crate) fn place_country(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        let mut cands = vec![t];
        if let Some(of) = self.children[t]
            .iter()
            .copied()
            .find(|&c| toks[c].rel == "prep" && self.lower(c) == "of")
        {
            cands.extend(self.child(of, &["pobj"]));
        }
        for c in cands {
            let span = toks[c].span;
            let mut holding: Vec<usize> = self.place_spans.overlapping(span).collect();
            holding.sort_unstable();
            let Some(p) = holding
                .into_iter()
                .map(|i| &self.doc.places[i])
                .find(|p| p.span.contains(span) && p.feature != PlaceFeature::Country)
            else {
                continue;
            };
            let iso2 = p.country.as_ref()?;
            for q in &self.doc.places {
                if q.feature != PlaceFeature::Country || q.country.as_ref() != Some(iso2) {
                    continue;
                }
                for mi in self.mentions_holding(q.span) {
                    if self.doc.mentions[mi].kind == MentionKind::Country {
                        if let Some(code) = self.country_of(mi) {
                            return Some(Actor {
                                mention: None,
                                code,
                                how: format!("the country {} lies in", p.name),
                            });
                        }
                    }
                }
            }
        }
        None
    }

    /// The country a mention stands for or belongs to.
    pub(crate) fn country_of(&self, m: usize) -> Option<String> {
        let c = self.code_of(m)?;
        match self.doc.mentions[m].kind {
            MentionKind::Country if c.len() == 3 => Some(c),
            MentionKind::Country | MentionKind::Capital | MentionKind::Agent
                if c.len() >= 6
                    && c[..3].chars().all(|x| x.is_ascii_uppercase())
                    && !NOT_COUNTRY.contains(&&c[..3]) =>
            {
                Some(c[..3].to_string())
            }
            _ => None,
        }
    }

    /// "the (two) countries", "both countries": the last two countries named
    /// before it, in this sentence or the one before.
    pub(crate) fn pair_of_countries(&self, t: usize) -> Option<Vec<Actor>> {
        let toks = &self.doc.tokens;
        if toks[t].lemma != "country" || toks[t].tag != "NNS" {
            return None;
        }
        let definite = self.children[t].iter().any(|&c| {
            matches!(toks[c].rel, "det" | "nummod" | "predet" | "amod")
                && matches!(
                    self.lower(c).as_str(),
                    "the" | "both" | "two" | "these" | "those"
                )
        });
        if !definite {
            return None;
        }
        let s = self.sentence_of(t);
        let from = self.doc.sentences[s.saturating_sub(1)].span.start;
        let mut found: Vec<(String, usize)> = Vec::new();
        let before = self.mentions_before(toks[t].span.start);
        for (mi, m) in self.doc.mentions[..before].iter().enumerate().rev() {
            if m.span.end > toks[t].span.start {
                continue;
            }
            if m.span.start < from {
                break;
            }
            if let Some(c) = self.country_of(mi) {
                if !found.iter().any(|x| x.0 == c) {
                    found.push((c, mi));
                    if found.len() == 2 {
                        break;
                    }
                }
            }
        }
        if found.len() < 2 {
            return None;
        }
        found.reverse();
        Some(
            found
                .into_iter()
                .map(|(code, mi)| Actor {
                    mention: Some(mi),
                    code,
                    how: "one of the two countries last named".into(),
                })
                .collect(),
        )
    }

    /// "the country": the country last named by its name, in this
    /// sentence or the one before ("troops remain in Chad, years after
    /// France entered the country").
    pub(crate) fn the_country(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        if toks[t].lemma != "country" || toks[t].tag != "NN" {
            return None;
        }
        let definite = self.children[t]
            .iter()
            .any(|&c| toks[c].rel == "det" && self.lower(c) == "the");
        if !definite || !self.children[t].iter().all(|&c| toks[c].rel == "det") {
            return None;
        }
        // Not the country of the clause's own subject ("France invaded
        // the country" is not France).
        let own: Vec<String> = self
            .governing_verb(t)
            .map(|v| {
                self.children[v]
                    .iter()
                    .filter(|&&c| matches!(toks[c].rel, "nsubj" | "nsubjpass"))
                    .filter_map(|&c| self.mention_of[c])
                    .filter_map(|m| self.code_of(m))
                    .map(|c| c.chars().take(3).collect())
                    .collect()
            })
            .unwrap_or_default();
        let s = self.sentence_of(t);
        let from = self.doc.sentences[s.saturating_sub(1)].span.start;
        let (mi, code) = self
            .doc
            .mentions
            .iter()
            .enumerate()
            .rev()
            .find_map(|(mi, m)| {
                if m.span.end > toks[t].span.start || m.span.start < from {
                    return None;
                }
                let name = m.kind == MentionKind::Country
                    && self
                        .doc
                        .tokens
                        .iter()
                        .any(|k| k.span.end == m.span.end && k.tag == "NNP");
                let code = self.code_of(mi)?;
                (name && code.len() == 3 && !own.contains(&code)).then_some((mi, code))
            })?;
        Some(Actor {
            mention: Some(mi),
            code,
            how: "the country last named".into(),
        })
    }

    /// "the separatist group": the organisation named last, in this
    /// sentence or the two before.
    pub(crate) fn definite_group(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        if toks[t].tag != "NN" || !GROUP_NOUNS.contains(&toks[t].lemma.as_str()) {
            return None;
        }
        let definite = self.children[t]
            .iter()
            .any(|&c| toks[c].rel == "det" && matches!(self.lower(c).as_str(), "the" | "this"));
        if !definite {
            return None;
        }
        let s = self.sentence_of(t);
        let from = self.doc.sentences[s.saturating_sub(2)].span.start;
        let before = self.mentions_before(toks[t].span.start);
        let (mi, _) = self.doc.mentions[..before]
            .iter()
            .enumerate()
            .rev()
            .find(|(mi, m)| {
                m.span.end <= toks[t].span.start
                    && m.span.start >= from
                    && m.kind == MentionKind::Org
                    && self.code_of(*mi).is_some()
            })?;
        Some(Actor {
            how: format!(
                "the organisation last named, «{}»",
                self.doc.slice(self.doc.mentions[mi].span)
            ),
            ..self.mention_actor(mi)?
        })
    }

    /// "civilian areas", "civilian targets": the civilians of the country
    /// the document is about.
    pub(crate) fn civilian(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        if !toks[t].tag.starts_with("NN") {
            return None;
        }
        let civilian = self.children[t]
            .iter()
            .any(|&c| toks[c].rel == "amod" && self.lower(c) == "civilian");
        if !civilian {
            return None;
        }
        Some(Actor {
            mention: None,
            code: format!("{}CVL", self.focus.as_ref()?),
            how: "civilians of the country the article is about".into(),
        })
    }
}
