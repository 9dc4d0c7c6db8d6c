//! The event coder: who did what to whom, in CAMEO, with provenance.
//!
//! Reads a tagged, parsed and actor-recognised [`Document`] and fills
//! [`Document::events`]. Every [`Event`](dyad_document::Event) names the dictionary line that
//! produced it (`file:line: pattern`).
//!
//! Public API:
//!
//! * [`Coder::default_english`]: dyad's own event dictionaries
//!   (`dictionaries/events/cameo.tsv` and `*.verbs`), embedded in the binary;
//! * [`Coder::from_texts`]: the same from other texts;
//! * [`Coder::code`]: adds the events of one document;
//! * [`code`]: the same with the default coder, loaded once;
//! * [`Coder::explain`] / [`explain`]: what was tried in one sentence and why
//!   ([`Explanation`], printable);
//! * [`quad_goldstein`]: a code's QuadClass and Goldstein score.
//!
//! Modules, one step each: `patterns` (dictionaries compiled and indexed by
//! head lemma), `coder` (the pass over verb frames and eventive nouns),
//! `args` (where a pattern's words and slots stand in the parse),
//! `actors` (what actor an argument stands for), `implied` (actors a
//! phrase implies without naming them, met in real news), `fallback` (nested and
//! shallow actors when the parse gives none), `modality` (negation,
//! conditions, hypotheticals, intentions), `speech` (demands and speech acts in reported speech), `gloss` (participles that gloss a statement), `context` (per-document
//! lookups), `explain` (the trace).
//!
//! How it works, per verb frame ([`dyad_tag::frames::frames`]):
//!
//! 1. a verb is skipped when it, or a verb it is the infinitive complement
//!    of, is negated or refused ("did not meet", "refused to meet": the
//!    latter is coded from the `refuse` patterns), or when it stands inside a
//!    conditional clause (`if`/`unless`, reached through its clause heads),
//!    or carries `would`/`could`/`might` in a sentence with such a clause;
//! 2. the patterns whose head is the verb's lemma are tried; each further
//!    word of a pattern must stand in the verb's phrase (particle,
//!    preposition, object noun or its modifiers, infinitive complement and
//!    its phrase), matched against both the lemma and the lower-cased form
//!    (so plural pattern words such as "talks" match); a phrasal verb's
//!    particle must be named by the pattern;
//! 3. `$` before the head is the subject (the by-agent when passive); `+`
//!    after the head is the direct object (the grammatical subject when
//!    passive), after a preposition its object, after an infinitive
//!    complement that verb's object;
//! 4. an argument is an actor when a coded mention (never the outlet) covers
//!    it, else one of its compound/amod/poss modifiers; conjoined arguments
//!    give one actor each ("Russia, Iran and Turkey"), hence one event per
//!    pair. A cooperative pattern with no target whose subject is several
//!    actors codes them with each other;
//! 5. the most specific matching pattern (most words) that yields an event
//!    wins.
//!
//! Noun patterns (`~`) are indexed by their syntactic head (the last word
//! before the first preposition: "air strike on" -> "strike"); the source is
//! an actor among the noun's modifiers or a "by" phrase, the target the
//! object of the pattern's preposition. A noun's phrase takes in the
//! prepositions of the verb it is the object of ("launched strikes on X"),
//! of a relative clause on it ("talks that took place between A and B") and
//! the predicate it is the subject of ("pressure by X failed to convince
//! Y"). A pattern with no `$` ("~ talks between +") codes its several
//! targets with each other; a pattern with no `+` ("~ $ strike") takes as
//! target the subject of the passive verb whose by-agent the noun is
//! ("forces curbed by Israeli strikes").
//!
//! Arguments no mention covers may still be actors (each rule says so in
//! `dyad explain`):
//!
//! * "I", "we", "me", "us" inside a direct quote: the quote's speaker (from
//!   `doc.quotes`, attributed before coding);
//! * "it"/"they" as a subject: the subject of the clause it depends on
//!   ("X said it would ..."), else the previous sentence's subject, else the
//!   one actor of its number the previous sentence names; never across a
//!   paragraph or when another subject of its number stands before it;
//! * "the (two) countries": the last two countries named;
//! * "the (separatist) group/movement/...": the organisation last named;
//! * "civilian areas/targets": civilians (`CVL`) of the country most actors
//!   belong to;
//! * "Damascus ally Russia": the actor after the relational noun;
//! * "thousands/dozens/a group of X": X;
//! * "which"/"who" as a subject: the noun its clause modifies (not in the
//!   simple present, which describes: "an analyst who advises X");
//! * "dispersed the rally", "crushed protests": the protesters (`OPP`) of
//!   the country the phrase names, else of the document's focus;
//! * "each other", "one another" ("A and B attacked each other's plans"):
//!   each of the subject's actors is the other's target.
//!
//! Defaults: rebels' (`XXXREB`) material conflict with no target written
//! (and no "against/on/at" phrase but a time) is against their government
//! (`XXXGOV`); a pattern with no target whose subject is several actors and
//! which consults, cooperates or breaks relations codes them with each
//! other (roots 03, 04, 05, 06 and 16 only, and not within one country); a
//! participle clause with no subject before its main clause, or
//! right after it, takes the main clause's subject; of two subjects the
//! parser gives one verb, the nearest before it counts.
//!
//! When no pattern finds its actors among the verb's own arguments, a
//! second pass tries the patterns whose words matched with fallbacks
//! ([`Event::how`](dyad_document::Event::how)): `nested`, the first actor
//! inside the object's phrase ("denounced the Japanese export ban",
//! "dismissed the claims made by Ankara") or in the phrase of the verb
//! whose object names none; `shallow`, for a verb with no subject the
//! subject of the clause it hangs on ("issued a statement condemning X",
//! "is willing to provide") or else the nearest subject before it, and for
//! a verb with no object the first actor in its own phrase. An eventive
//! noun after a light verb ("launched an investigation into X") takes the
//! verb's subject as its source.
//!
//! A cooperative act its subject refuses or declines ("declined to meet X",
//! "refused to release X") is coded as the refusal (125, 1243, 12x); a
//! refused attack, and a failure, are not coded.
//!
//! A commitment of the subject's own ("will host", "agreed to release", "is
//! willing to provide", "said it would allow") is coded as the intent CAMEO
//! gives it (04 -> 036, 07x -> 033x, 084 -> 0353, 19 -> 138, ...); a request
//! ("urged X to", "the request to investigate"), a possibility
//! (would/could/may), a conditional, an inverted conditional ("had X
//! gone") and a would-question are not coded. Statements to the press
//! (01x with a news medium as target) are how news is sourced, not events.
//!
//! A passive with no agent whose doer is by law one institution ("was
//! arrested", "were charged", "was deported from X") takes that institution
//! as source (`dictionaries/events/implicit_agents.txt`): of the country its
//! "in"/"from" phrase names, else of the target's own country (never for
//! deporting). An obligation in what someone is quoted saying ("X must
//! stop", "Y should pay", "they would have to pay") is the speaker's
//! demand of X (100; `speech`), and so is "X has no choice but to". A
//! speech verb that is itself an act against whom the reported clause is
//! about ("Z alleged that X ...": 112; `dictionaries/events/speech_acts.txt`)
//! gives Z -> X.
//!
//! Protests (14) with no target written are addressed to the protesters'
//! own government. A conjoined verb with no subject shares its first
//! conjunct's (a conjoined passive participle its agent too); a noun in a
//! time phrase ("within weeks of the summit") and a past adverbial clause
//! ("after he was arrested") tell what happened, whatever the modality of
//! the clause they hang on.
//!
//! An event needs a source and a target actor, with different codes.
//! [`Coder::explain`] (`dyad explain FILE --sentence N`) shows, for one
//! sentence, the parse, the mentions, every pattern tried with why it was
//! accepted or rejected, and the events.

mod actors;
mod args;
mod by_agent;
mod coder;
mod compound;
mod context;
mod explain;
mod fallback;
mod gloss;
mod implied;
mod modality;
mod patterns;
mod place_target;
mod same_code;
mod speech;

use std::sync::OnceLock;

use dyad_document::Document;

pub use explain::Explanation;
pub use patterns::{Coder, DEFAULT_CAMEO, DEFAULT_PATTERNS};

fn default_coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(Coder::default_english)
}

/// Code a document with dyad's own dictionaries (loaded once).
pub fn code(doc: &mut Document) {
    default_coder().code(doc);
}

/// A CAMEO code's QuadClass (1-4) and Goldstein score from dyad's table.
pub fn quad_goldstein(code: &str) -> Option<(u8, f32)> {
    default_coder()
        .codes
        .get(code)
        .map(|c| (c.quad_class as u8, c.goldstein))
}

/// [`Coder::explain`] with dyad's own dictionaries.
pub fn explain(doc: &Document, sentence: usize) -> Option<Explanation> {
    default_coder().explain(doc, sentence)
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_news;
#[cfg(test)]
mod tests_place_target;
#[cfg(test)]
mod tests_wire;
