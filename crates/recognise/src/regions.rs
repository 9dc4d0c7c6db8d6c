//! First-level regions (US states, Canadian provinces, ...) read from
//! `dictionaries/actors/titles/regions.txt`: a region named before a title says
//! which country the office belongs to ("Ohio Attorney General Name").

use std::collections::{HashMap, HashSet};

/// The embedded default region list.
pub const DEFAULT_REGIONS: &str = include_str!("../../../dictionaries/actors/titles/regions.txt");

/// Region names (lower case, hyphens as spaces) -> ISO3 country code.
#[derive(Debug, Clone, Default)]
pub struct Regions {
    by_name: HashMap<String, String>,
    /// First words of the names, so that a word no name starts with costs
    /// one lookup.
    first_words: HashSet<String>,
    /// Longest name, in words.
    pub longest: usize,
}

/// A name as regions compare it.
fn norm(s: &str) -> String {
    s.replace('-', " ")
        .split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

impl Regions {
    /// Reads `country ISO3` headers and one region name a line; `#`
    /// starts a comment. A name before any header is an error.
    pub fn parse(text: &str) -> Result<Regions, String> {
        let mut by_name = HashMap::new();
        let mut country: Option<String> = None;
        for (n, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(c) = line.strip_prefix("country ") {
                country = Some(c.trim().to_string());
                continue;
            }
            let Some(c) = &country else {
                return Err(format!(
                    "regions:{}: a name before any `country` line",
                    n + 1
                ));
            };
            by_name.insert(norm(line), c.clone());
        }
        let longest = by_name
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0);
        let first_words = by_name
            .keys()
            .filter_map(|k| k.split(' ').next())
            .map(str::to_string)
            .collect();
        Ok(Regions {
            by_name,
            first_words,
            longest,
        })
    }

    /// Whether some region's name starts with this word.
    pub fn may_start(&self, word: &str) -> bool {
        norm(word)
            .split(' ')
            .next()
            .is_some_and(|w| self.first_words.contains(w))
    }

    /// The country of the region whose name is exactly `words`.
    pub fn country(&self, words: &[&str]) -> Option<&str> {
        self.by_name
            .get(&norm(&words.join(" ")))
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_list_parses_and_names_match_without_case() {
        let r = Regions::parse(DEFAULT_REGIONS).unwrap();
        assert_eq!(r.country(&["Oregon"]), Some("USA"));
        assert_eq!(r.country(&["north", "RHINE-WESTPHALIA"]), Some("DEU"));
        assert_eq!(r.country(&["Nova", "Scotia"]), Some("CAN"));
        assert_eq!(r.country(&["Georgia"]), None);
        assert!(r.longest >= 3);
    }

    #[test]
    fn a_name_before_any_country_is_an_error() {
        assert!(Regions::parse("Ohio\n").is_err());
    }
}
