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
//! * [`Places`]: recognition with a gazetteer of one's own;
//! * [`score_geo`] / [`GeoScore`]: recall and accuracy within 161 km
//!   against gold place mentions (GeoVirus); [`score_seed`] /
//!   [`SeedPlaces`]: the seed article's reference places.
//!
//! The gazetteer (39,660 places, 135k names, loaded in about 0.1 s): 250
//! GeoNames countries; 5,324 first-level regions, the ISO 3166-2
//! subdivisions that have coordinates in countries-states-cities, 3,124 of
//! them under their GeoNames admin1 name (GeoNames admin1 regions with no
//! coordinate anywhere are left out; some countries' lists hold second-level
//! units too, e.g. Philippine provinces); the 34,006 GeoNames cities of
//! 15,000 people or more, with other names for those of 100,000 or more;
//! continents (all built by `tools/gazetteer/build.py` into
//! `data/gazetteer.tsv.gz`); and 73 regions news names (`data/regions.txt`,
//! written for dyad). Country adjectives come from dyad's country
//! dictionary ("Israeli strikes" names Israel).
//!
//! How a mention is found: names are looked up by token n-grams (leftmost
//! longest) in a hash map of normalised names; a match must be capitalised
//! like a name, tagged like one, and lie outside people's, organisations'
//! and outlets' names (the recogniser's mentions). "northern Syria" is a
//! region of Syria.
//!
//! How it is resolved: each candidate scores a prior (population, feature:
//! a country before a city of the same name) plus context: an explicit
//! frame ("Kazakh capital Astana", "Paris, Texas", "Aleppo in Syria"), the
//! countries of the document's other places and of its actors (actor codes
//! begin with an ISO alpha-3 code), the first-level regions it names, and
//! nearness to its other places. A capital the recogniser found standing
//! for its government ("Ankara blames") is marked `metonym`.

mod dateline;
mod gazetteer;
mod index;
mod locate;
mod recognise;
mod score;

pub use dyad_document::{Document, Place, PlaceFeature};
pub use gazetteer::{distance_km, normalise, Entry, Gazetteer, GazetteerError, NameKind, Sense};
pub use locate::locate_events;
pub use recognise::Places;
pub use score::{score_geo, score_seed, GeoGold, GeoScore, SeedPlaces};

/// Finds and resolves the places of a document with the compiled-in
/// gazetteer (replacing any there were).
pub fn recognise(doc: &mut Document) {
    Places::new(Gazetteer::embedded()).recognise(doc);
}

#[cfg(test)]
mod tests;
