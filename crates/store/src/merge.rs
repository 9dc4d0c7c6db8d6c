//! Events across articles: one event, many mentions (GDELT's Events and
//! Mentions tables).
//!
//! Two event mentions are one event when they have
//! - the same source and the same target actor codes (both may be absent),
//! - the same base code (CAMEO's first three digits: `1712` and `171` merge,
//!   `171` and `172` do not; [`CodeLevel`] can make it the full code or the
//!   root),
//! - the same place at the level [`PlaceLevel`] says (by default the
//!   first-level region: two cities in one province merge, a city and its
//!   country do not; a mention without a place merges only with events
//!   without one),
//! - days at most [`MergeRule::window_days`] apart (default 1; the day is
//!   the event's own date when it names a day, else the publication day).
//!
//! A wire copy's mentions join the events of the story it copies when
//! source, target and base code agree, whatever the place and date found in
//! the copy, so one wire story is never counted as many events. A place the
//! copy gave that the event does not have is kept as another place of the
//! event (`event_places`): other stories set there merge with it as they
//! would with the story itself, so what merges does not depend on whether
//! the story or its copy was stored first.
//!
//! Counts, kept on each event: `num_mentions` (every mention), `num_articles`
//! (distinct documents), `num_sources` (distinct independent sources: a
//! document's outlet, and for a wire copy the outlet of the story it copies,
//! so an agency story republished by five sites counts once).
//!
//! The rule is stored in the database (`meta`), so every ingest into one
//! database merges alike; changing it re-merges what is stored
//! ([`crate::Store::set_merge_rule`]).

use serde::{Deserialize, Serialize};

/// How far places must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceLevel {
    /// Same first-level region (or the same place when it has none).
    Admin1,
    /// Same country.
    Country,
    /// Places are not compared.
    Any,
}

/// How far event codes must agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CodeLevel {
    Full,
    /// CAMEO's base code: the first three digits (GDELT's EventBaseCode).
    Base,
    Root,
}

/// When two event mentions are one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeRule {
    pub window_days: u32,
    pub place: PlaceLevel,
    pub code: CodeLevel,
}

impl Default for MergeRule {
    fn default() -> Self {
        MergeRule {
            window_days: 1,
            place: PlaceLevel::Admin1,
            code: CodeLevel::Base,
        }
    }
}

impl std::str::FromStr for PlaceLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "admin1" => Ok(PlaceLevel::Admin1),
            "country" => Ok(PlaceLevel::Country),
            "any" => Ok(PlaceLevel::Any),
            _ => Err(format!("{s:?}: expected admin1, country or any")),
        }
    }
}

impl std::str::FromStr for CodeLevel {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "full" => Ok(CodeLevel::Full),
            "base" => Ok(CodeLevel::Base),
            "root" => Ok(CodeLevel::Root),
            _ => Err(format!("{s:?}: expected full, base or root")),
        }
    }
}

/// GDELT's EventBaseCode: the first three digits (a root stays itself).
pub fn base_code(code: &str) -> &str {
    code.get(..3).unwrap_or(code)
}

impl MergeRule {
    /// The part of a code that must agree.
    pub fn code_key<'a>(&self, code: &'a str) -> &'a str {
        match self.code {
            CodeLevel::Full => code,
            CodeLevel::Base => base_code(code),
            CodeLevel::Root => code.get(..2).unwrap_or(code),
        }
    }

    /// The part of a place that must agree ('' for none).
    pub fn place_key(&self, p: Option<&PlaceKey<'_>>) -> String {
        let Some(p) = p else { return String::new() };
        let cc = p.country.unwrap_or("");
        match self.place {
            PlaceLevel::Any => String::new(),
            PlaceLevel::Country => match p.country {
                Some(c) => c.to_string(),
                None => format!("~{}", p.name),
            },
            PlaceLevel::Admin1 => match (p.feature, p.admin1) {
                ("country", _) => cc.to_string(),
                (_, Some(a)) => format!("{cc}/{a}"),
                (_, None) => format!("{cc}/~{}", p.name),
            },
        }
    }
}

/// What a place contributes to the merge key.
pub struct PlaceKey<'a> {
    pub name: &'a str,
    pub country: Option<&'a str>,
    pub admin1: Option<&'a str>,
    pub feature: &'a str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_rule() {
        let r = MergeRule::default();
        assert_eq!(r.code_key("1712"), "171");
        assert_eq!(r.code_key("04"), "04");
        let city = PlaceKey {
            name: "Lakeside",
            country: Some("NO"),
            admin1: Some("Vestland"),
            feature: "city",
        };
        let other_city = PlaceKey {
            name: "Hillside",
            ..city
        };
        let country = PlaceKey {
            name: "Norway",
            country: Some("NO"),
            admin1: None,
            feature: "country",
        };
        assert_eq!(r.place_key(Some(&city)), r.place_key(Some(&other_city)));
        assert_ne!(r.place_key(Some(&city)), r.place_key(Some(&country)));
        assert_ne!(r.place_key(Some(&city)), r.place_key(None));
        let by_country = MergeRule {
            place: PlaceLevel::Country,
            ..r
        };
        assert_eq!(
            by_country.place_key(Some(&city)),
            by_country.place_key(Some(&country))
        );
        let root = MergeRule {
            code: CodeLevel::Root,
            ..r
        };
        assert_eq!(root.code_key("173"), root.code_key("1712"));
        assert_ne!(root.code_key("173"), root.code_key("190"));
    }
}
