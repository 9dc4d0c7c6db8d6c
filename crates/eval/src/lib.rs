//! Evaluation: the one place where dyad's output is scored against
//! reference data. The stages know nothing of reference sets; they fill a
//! [`Document`](dyad_document::Document), and this crate compares it with
//! hand-made references. `dyad eval seed` and `dyad eval geo` are thin
//! commands over it.
//!
//! Public API:
//!
//! * the sample article against its reference
//!   (`../shared/eval/seed/gold.json`, parsed as a `serde_json::Value`),
//!   one scorer per layer, each displaying as its `seed-…:` line:
//!   [`seed_actors`] / [`SeedActors`] (people, organisations, countries,
//!   the outlet never an actor), [`seed_events`] / [`SeedEvents`],
//!   [`seed_quotes`] / [`SeedQuotes`], [`seed_times`] / [`SeedTimes`],
//!   [`seed_places`] / [`SeedPlaces`];
//! * GeoVirus (gold place mentions with coordinates): [`GeoGold`] for one
//!   gold mention, [`GeoScore`] (recall, accuracy within 161 km, the same
//!   for local places) filled document by document with [`GeoScore::add`]
//!   or at once with [`score_geo`].
//!
//! Each module's top comment states its matching rule.

mod actors;
mod events;
mod geo;
mod places;
mod quotes;
mod times;

pub use actors::{seed_actors, SeedActors};
pub use events::{seed_events, SeedEvents};
pub use geo::{score_geo, GeoGold, GeoScore};
pub use places::{seed_places, SeedPlaces};
pub use quotes::{seed_quotes, SeedQuotes};
pub use times::{seed_times, SeedTimes};
