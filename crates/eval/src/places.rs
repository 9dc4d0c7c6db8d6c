//! Scoring places against the sample article's reference
//! (`../shared/eval/seed/gold.json`, section `places`: `countries` by name,
//! `cities` with coordinates).

use dyad_document::Document;
use dyad_places::{distance_km, Gazetteer};

/// Places on the seed article against its reference (`places` of
/// `gold.json`: `countries` by name, `cities` with coordinates).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SeedPlaces {
    pub cities: usize,
    pub cities_found: usize,
    /// Found and resolved within 25 km of the reference.
    pub cities_near: usize,
    pub countries: usize,
    pub countries_found: usize,
    pub misses: Vec<String>,
}

/// Scores a processed seed document's places against `gold.json`.
pub fn seed_places(doc: &Document, gold: &serde_json::Value) -> SeedPlaces {
    let g = Gazetteer::embedded();
    let mut s = SeedPlaces::default();
    let places = &gold["places"];
    for c in places["cities"].as_array().into_iter().flatten() {
        let name = c["name"].as_str().unwrap_or_default();
        let (lat, lon) = (
            c["lat"].as_f64().unwrap_or_default(),
            c["lon"].as_f64().unwrap_or_default(),
        );
        s.cities += 1;
        let found: Vec<_> = doc
            .places
            .iter()
            .filter(|p| doc.slice(p.span) == name && p.feature == dyad_document::PlaceFeature::City)
            .collect();
        if found.is_empty() {
            s.misses.push(format!("city {name} not found"));
            continue;
        }
        s.cities_found += 1;
        if found
            .iter()
            .all(|p| distance_km(p.lat, p.lon, lat, lon) <= 25.0)
        {
            s.cities_near += 1;
        } else {
            s.misses
                .push(format!("city {name} resolved farther than 25 km"));
        }
    }
    for c in places["countries"].as_array().into_iter().flatten() {
        let name = c.as_str().unwrap_or_default();
        s.countries += 1;
        let iso2: Vec<&str> = g
            .lookup(name)
            .into_iter()
            .filter(|e| e.feature == dyad_document::PlaceFeature::Country)
            .map(|e| e.country)
            .collect();
        let found = doc.places.iter().any(|p| {
            p.feature == dyad_document::PlaceFeature::Country
                && p.country.as_deref().is_some_and(|c| iso2.contains(&c))
        });
        if found {
            s.countries_found += 1;
        } else {
            s.misses.push(format!("country {name} not found"));
        }
    }
    s
}

impl std::fmt::Display for SeedPlaces {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seed-places: cities={}/{} within25km={}/{} countries={}/{}",
            self.cities_found,
            self.cities,
            self.cities_near,
            self.cities,
            self.countries_found,
            self.countries
        )
    }
}
