//! Country facts the exports need: CAMEO country codes and names (from
//! dyad's country dictionary) and FIPS 10-4 codes (`data/fips.tsv`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../../../dictionaries/actors/countries.txt");
const FIPS: &str = include_str!("../data/fips.tsv");

struct Tables {
    codes: HashSet<String>,
    name_of_iso2: HashMap<String, String>,
    fips_of_iso2: HashMap<String, String>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut t = Tables {
            codes: HashSet::new(),
            name_of_iso2: HashMap::new(),
            fips_of_iso2: HashMap::new(),
        };
        let mut current: Option<String> = None;
        for line in COUNTRIES.lines() {
            let line = line.split('#').next().unwrap_or("");
            if let Some(rest) = line.strip_prefix("country ") {
                let mut it = rest.splitn(2, ' ');
                if let Some(code) = it.next() {
                    t.codes.insert(code.to_string());
                }
                current = it.next().map(|n| n.trim().to_string());
            } else if let Some(iso2) = line.trim().strip_prefix("iso2:") {
                if let Some(name) = current.take() {
                    t.name_of_iso2.insert(iso2.trim().to_string(), name);
                }
            }
        }
        for line in FIPS.lines().filter(|l| !l.starts_with('#')) {
            if let Some((iso, fips)) = line.split_once('\t') {
                t.fips_of_iso2
                    .insert(iso.to_string(), fips.trim().to_string());
            }
        }
        t
    })
}

/// Whether a three-letter code is a country's (CAMEO/ISO alpha-3).
pub fn is_country_code(code: &str) -> bool {
    tables().codes.contains(code)
}

/// The country's name, by ISO alpha-2.
pub fn name(iso2: &str) -> Option<&'static str> {
    tables().name_of_iso2.get(iso2).map(String::as_str)
}

/// The FIPS 10-4 code, by ISO alpha-2.
pub fn fips(iso2: &str) -> Option<&'static str> {
    tables().fips_of_iso2.get(iso2).map(String::as_str)
}

#[cfg(test)]
mod tests {
    #[test]
    fn country_tables_load() {
        assert!(super::is_country_code("SYR"));
        assert!(!super::is_country_code("GOV"));
        assert_eq!(super::fips("DE"), Some("GM"));
        assert_eq!(super::fips("GB"), Some("UK"));
        assert_eq!(super::name("DZ"), Some("Algeria"));
    }
}
