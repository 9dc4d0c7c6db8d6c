//! Actors a phrase implies without naming them, met in real news: the
//! ones a word of number counts ("thousands of farmers"), a relative
//! pronoun's antecedent, those protesting ("dispersed the rally"), the
//! legislature that impeaches, "each other"; and the defaults and
//! clean-ups of actor lists (a protest's target, a country adjective
//! beside its own party).

use crate::actors::{country_of_code, Actor};
use crate::context::Cx;

/// Verbs whose simple present tells a stance held now, an event in news
/// ("Slovakia, which blames him for ..."), not a habit that describes.
const STANCES: &[&str] = &[
    "accuse",
    "blame",
    "deny",
    "reject",
    "oppose",
    "condemn",
    "criticize",
    "criticise",
    "demand",
    "want",
    "seek",
    "urge",
    "threaten",
    "support",
    "back",
];

/// Words of number whose "of" phrase names who they count.
const QUANTITIES: &[&str] = &[
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "dozen",
    "dozens",
    "score",
    "scores",
    "million",
    "millions",
    "number",
    "group",
    "handful",
    "couple",
    "crowd",
    "crowds",
    "tens",
    "some",
    "many",
    "most",
    "all",
    "several",
    "few",
];

/// Nouns for a protest, which stand for those protesting when an act is
/// done to them.
const PROTESTS: &[&str] = &[
    "protest",
    "demonstration",
    "rally",
    "march",
    "sit-in",
    "uprising",
    "riot",
    "unrest",
];

/// Roles of a country's people, not its state: who protests (14) with no
/// target written protests to their government.
const PEOPLE_ROLES: &[&str] = &[
    "CVL", "OPP", "LAB", "EDU", "HLH", "REL", "AGR", "BUS", "ENV", "HRI", "NGO", "MOD", "RAD",
];

/// "Teachers rallied", "demonstrators blocked roads": a protest with no
/// target written is addressed to the protesters' own government.
pub(crate) fn protest_target(a: &Actor) -> Option<Actor> {
    let country = country_of_code(&a.code)?;
    let role = a.code.get(3..6)?;
    PEOPLE_ROLES.contains(&role).then(|| Actor {
        mention: None,
        code: format!("{country}GOV"),
        how: "implicit target: the government protesters address".into(),
    })
}

impl Cx<'_> {
    /// "riot police, which detained reporters": a relative pronoun stands for the
    /// noun its clause modifies.
    pub(crate) fn relative_antecedent(&self, t: usize) -> Option<Vec<Actor>> {
        let toks = &self.doc.tokens;
        if !matches!(toks[t].tag, "WDT" | "WP") || !matches!(toks[t].rel, "nsubj" | "nsubjpass") {
            return None;
        }
        let v = toks[t].head?;
        if toks[v].rel != "relcl" {
            return None;
        }
        // "an analyst who consults with officials", "forces who kill
        // protesters": a clause in the simple present describes, it tells
        // of no event.
        let aux = self.children[v]
            .iter()
            .any(|&c| matches!(toks[c].rel, "aux" | "auxpass"));
        if matches!(toks[v].tag, "VBZ" | "VBP")
            && !aux
            && !STANCES.contains(&toks[v].lemma.to_lowercase().as_str())
        {
            return None;
        }
        // "journalists who had been arrested": the past perfect tells the
        // background to the story's event, not an event of its own.
        if self.children[v]
            .iter()
            .any(|&c| toks[c].rel == "aux" && self.lower(c) == "had")
        {
            return None;
        }
        let n = toks[v].head?;
        // Only a noun that names an actor itself ("police, which ...", "an
        // economist who ..."), not one an actor modifies ("a rebel attack
        // that killed ...").
        let lemma = toks[n].lemma.to_lowercase();
        let someone = ["er", "or", "ist", "ian", "man", "woman", "ant", "ent"]
            .iter()
            .any(|e| lemma.ends_with(e));
        if self.mention_of[n].is_none() && !someone {
            return None;
        }
        self.actors_saying_how(
            n,
            format!("coreference: «{}» is «{}»", self.word(t), self.word(n)),
        )
    }

    /// The actors at token `n`, each saying how it was reached (shown by
    /// `dyad explain`); none when there are none.
    fn actors_saying_how(&self, n: usize, how: String) -> Option<Vec<Actor>> {
        let found: Vec<Actor> = self
            .actors(n)
            .into_iter()
            .map(|a| Actor {
                how: how.clone(),
                ..a
            })
            .collect();
        (!found.is_empty()).then_some(found)
    }

    /// "the impeachment inquiry", "impeachment hearings": impeachment is
    /// the legislature's act, of the country the document is about.
    pub(crate) fn impeaching(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        let impeachment = |k: usize| toks[k].lemma.to_lowercase() == "impeachment";
        let named = impeachment(t)
            || self.children[t]
                .iter()
                .any(|&c| matches!(toks[c].rel, "compound" | "amod") && impeachment(c));
        if !toks[t].tag.starts_with("NN") || !named {
            return None;
        }
        // The country of the one impeached ("the impeachment inquiry
        // against X"), else the one the article is about.
        let noun = match toks[t].head {
            Some(h) if toks[t].rel == "compound" => h,
            _ => t,
        };
        let impeached = self.children[noun]
            .iter()
            .filter(|&&p| {
                toks[p].rel == "prep" && matches!(self.lower(p).as_str(), "against" | "into" | "of")
            })
            .filter_map(|&p| self.child(p, &["pobj"]))
            .find_map(|o| {
                let a = self.actor_at(o)?;
                country_of_code(&a.code).map(str::to_string)
            });
        let country = impeached.or_else(|| self.focus.clone())?;
        Some(Actor {
            mention: None,
            code: format!("{country}LEG"),
            how: "impeachment: the legislature of the country of the one impeached".into(),
        })
    }

    /// "thousands of farmers", "a group of activists": the actors the
    /// "of" phrase of a word of number names.
    pub(crate) fn quantity_of(&self, t: usize) -> Option<Vec<Actor>> {
        let toks = &self.doc.tokens;
        let lemma = toks[t].lemma.to_lowercase();
        if toks[t].tag != "CD" && !QUANTITIES.contains(&lemma.as_str()) {
            return None;
        }
        let of = self.children[t]
            .iter()
            .copied()
            .find(|&c| toks[c].rel == "prep" && self.lower(c) == "of")?;
        let o = self.child(of, &["pobj"])?;
        self.actors_saying_how(
            o,
            format!("counted: «{}» of «{}»", self.word(t), self.word(o)),
        )
    }

    /// "crushed the protests", "dispersed a rally": those protesting
    /// (`OPP`) of the country named in the phrase ("protests in Iran"),
    /// else of the country the document is about.
    pub(crate) fn protesters(&self, t: usize) -> Option<Actor> {
        let toks = &self.doc.tokens;
        // Only what is done to them ("dispersed the rally"), not where
        // one goes ("left for the rally").
        if toks[t].rel != "dobj"
            || !toks[t].tag.starts_with("NN")
            || !PROTESTS.contains(&toks[t].lemma.to_lowercase().as_str())
        {
            return None;
        }
        let named = self
            .nested_actors(t)
            .into_iter()
            .find_map(|a| country_of_code(&a.code).map(str::to_string));
        let country = named.or_else(|| self.focus.clone())?;
        Some(Actor {
            mention: None,
            code: format!("{country}OPP"),
            how: "those protesting".into(),
        })
    }
}

/// Drop an actor whose code another in the list extends: in "A and Chinese
/// vice-premier X", "Chinese" is X's country, not a party of its own.
pub(crate) fn drop_extended(actors: &mut Vec<Actor>) {
    let codes: Vec<String> = actors.iter().map(|a| a.code.clone()).collect();
    actors.retain(|a| {
        !codes
            .iter()
            .any(|c| c.len() > a.code.len() && c.starts_with(&a.code))
    });
}

impl Cx<'_> {
    /// "each other", "one another", or a phrase they own ("each other's
    /// plans"): what the subject's actors did to one another.
    pub(crate) fn each_other(&self, t: usize) -> bool {
        let reciprocal = |k: usize| {
            let w = self.lower(k);
            let det = self.children[k]
                .iter()
                .map(|&c| self.lower(c))
                .collect::<Vec<_>>();
            (w == "other" && det.iter().any(|d| d == "each"))
                || (w == "another" && det.iter().any(|d| d == "one"))
        };
        reciprocal(t)
            || self.children[t]
                .iter()
                .any(|&c| self.doc.tokens[c].rel == "poss" && reciprocal(c))
    }
}
