//! The places layer: place mentions resolved to one gazetteer entry.

use serde::{Deserialize, Serialize};

use crate::{CharIndex, Span};

/// What kind of place a gazetteer entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceFeature {
    Country,
    /// A first-level region (state, province, governorate).
    Admin1,
    /// A second-level region (county, parish, district).
    Admin2,
    #[default]
    City,
    /// A region news names that is no administrative unit ("the West
    /// Bank", "the Sahel", a continent).
    Region,
}

/// A place mention and the place it was resolved to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Place {
    pub span: Span,
    /// The gazetteer's name for the place (`Astana`, `Israel`).
    pub name: String,
    /// ISO 3166-1 alpha-2 code; `None` for regions that span countries.
    pub country: Option<String>,
    /// Name of the first-level region the place lies in (or is).
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub feature: PlaceFeature,
    /// The name stands for a government ("Ankara blames ...").
    pub metonym: bool,
    /// The place is named inside an organisation's name ("Ohio Department
    /// of Health"): the organisation's location, not a place of an event.
    pub in_name: bool,
}

/// A place as the contract writes it: `{text, start, end, name, country,
/// admin1, lat, lon, feature, metonym}` (character offsets).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ContractPlace {
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub name: String,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub feature: PlaceFeature,
    #[serde(default)]
    pub metonym: bool,
    /// Written only when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_name: bool,
}

impl Place {
    pub(crate) fn to_contract(&self, text: &str, ix: &CharIndex) -> ContractPlace {
        ContractPlace {
            text: text[self.span.range()].to_string(),
            start: ix.char_of(self.span.start),
            end: ix.char_of(self.span.end),
            name: self.name.clone(),
            country: self.country.clone(),
            admin1: self.admin1.clone(),
            lat: self.lat,
            lon: self.lon,
            feature: self.feature,
            metonym: self.metonym,
            in_name: self.in_name,
        }
    }

    pub(crate) fn from_contract(c: ContractPlace, span: Span) -> Place {
        Place {
            span,
            name: c.name,
            country: c.country,
            admin1: c.admin1,
            lat: c.lat,
            lon: c.lon,
            feature: c.feature,
            metonym: c.metonym,
            in_name: c.in_name,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Place, PlaceFeature, Span};

    #[test]
    fn places_round_trip_with_character_offsets() {
        // "é" is two bytes: the contract's offsets are characters.
        let text = "Café talks in Astana.".to_string();
        let b = text.find("Astana").unwrap();
        let doc = Document {
            id: "p".into(),
            text: text.clone(),
            places: vec![Place {
                span: Span::new(b, b + 6),
                name: "Astana".into(),
                country: Some("KZ".into()),
                admin1: Some("Astana".into()),
                lat: 51.18,
                lon: 71.45,
                feature: PlaceFeature::City,
                metonym: false,
                in_name: false,
            }],
            ..Default::default()
        };
        let c = doc.to_contract(false);
        let js = serde_json::to_value(&c.places[0]).unwrap();
        assert_eq!(js["text"], "Astana");
        assert_eq!(js["start"], 14);
        assert_eq!(js["feature"], "city");
        assert_eq!(js["metonym"], false);
        assert_eq!(Document::from_contract(c).unwrap(), doc);
    }
}
