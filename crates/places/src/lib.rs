//! Places: where things happen. Finds place mentions in a tagged, parsed
//! and actor-recognised [`Document`], resolves each to one gazetteer entry,
//! and gives each coded event the place its sentence attaches to it.
//!
//! Public API:
//!
//! * [`recognise`]: fills [`Document::places`] (after `dyad_recognise`);
//! * [`locate_events`]: sets [`Event::place`](dyad_document::Event) (after
//!   `dyad_code`);
//! * [`Gazetteer`]: the compiled-in gazetteer ([`Gazetteer::embedded`],
//!   [`Gazetteer::lookup`]), with [`Entry`] and [`distance_km`];
//! * [`Places`]: recognition with a gazetteer of one's own.
//!
//! Scoring against reference places (GeoVirus, the seed article) lives in
//! `dyad-eval`.
//!
//! The gazetteer (274,653 places, 296k names; built into the binary by
//! `build.rs` as an fst read in place, so loading takes about a
//! millisecond): GeoNames countries, first-level regions, 33,371
//! second-level regions (counties, parishes, districts), the 234,908 places
//! of 500 people or more (other names for those of 100,000 or more) and
//! continents, from `data/gazetteer.tsv.gz` (built by
//! `tools/gazetteer/build.py`; the README says which registry packages and
//! what they lack); 73 regions news names (`data/regions.txt`) and state
//! and province abbreviations (`data/abbreviations.txt`), both written for
//! dyad. Country adjectives come from dyad's country dictionary ("Israeli
//! strikes" names Israel), and so do the seats of government.
//!
//! How a mention is found: names are looked up by token n-grams (leftmost
//! longest) in a hash map of normalised names; a match must be capitalised
//! like a name, tagged like one, and lie outside people's, organisations'
//! and outlets' names (the recogniser's mentions). "northern Syria" is a
//! region of Syria.
//!
//! Datelines ("MANSFIELD, Ohio (AP) --"), abbreviations after a town
//! ("Louisville, Ky.", "Dubbo, NSW") and county lists ("Linn and Benton
//! counties") are read too. A place inside an organisation's name ("Ohio
//! Department of Health") is kept as its location (`in_name`), never an
//! event's place.
//!
//! How it is resolved: each candidate scores a prior (population, feature:
//! a country before a city of the same name) plus context: an explicit
//! frame ("Kazakh capital Astana", "Paris, Texas", "Aleppo in Syria"), the
//! countries of the document's other places and of its actors (actor codes
//! begin with an ISO alpha-3 code), the regions it names (more in the same
//! sentence), nearness to its other places, and the dateline. A town of
//! fewer than 15,000 people is read only when the document supports it.
//! A seat of government is the city in a story about its government
//! ("lawmakers in Washington"). A capital the recogniser found standing
//! for its government ("Ankara blames") is marked `metonym`.

mod gazetteer;
mod home;
mod index;
mod locate;
mod recognise;

pub use dyad_document::{Document, Place, PlaceFeature};
pub use gazetteer::{distance_km, normalise, Entry, Gazetteer, GazetteerError, NameKind, Sense};
pub use locate::locate_events;
pub use recognise::Places;

/// Finds and resolves the places of a document with the compiled-in
/// gazetteer (replacing any there were).
pub fn recognise(doc: &mut Document) {
    Places::new(Gazetteer::embedded()).recognise(doc);
}

#[cfg(test)]
mod tests;
