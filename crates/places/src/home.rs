//! An outlet's home region, the weakest context a place has: from
//! `data/outlet_homes.tsv` (hosts with their home place: a table for users'
//! own outlets), else the country of the host's country-code domain
//! (`.co.uk`, `.com.au`, `.ca`).

use rustc_hash::FxHashMap;

use crate::Gazetteer;

const HOMES: &str = include_str!("../data/outlet_homes.tsv");

/// Where an outlet is at home.
#[derive(Debug, Clone, PartialEq)]
pub struct Home {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The gazetteer's admin1 name; empty for a national outlet.
    pub admin1: String,
}

fn table() -> &'static FxHashMap<&'static str, Home> {
    static T: std::sync::OnceLock<FxHashMap<&'static str, Home>> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        HOMES
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                (c.len() >= 3).then(|| {
                    (
                        c[0],
                        Home {
                            country: c[1].to_string(),
                            admin1: c[2].to_string(),
                        },
                    )
                })
            })
            .collect()
    })
}

/// The host of a URL, without "www.".
fn host(url: &str) -> Option<&str> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#', ':']).next()?;
    Some(host.strip_prefix("www.").unwrap_or(host)).filter(|h| h.contains('.'))
}

/// The home of the outlet that published at `url`.
pub fn home(g: &Gazetteer, url: &str) -> Option<Home> {
    let host = host(url)?.to_ascii_lowercase();
    // The host or a parent domain of it ("news.example.com").
    let mut h = host.as_str();
    loop {
        if let Some(home) = table().get(h) {
            return Some(home.clone());
        }
        match h.split_once('.') {
            Some((_, rest)) if rest.contains('.') => h = rest,
            _ => break,
        }
    }
    // A country-code domain names the country (".uk" is GB's).
    let tld = host.rsplit('.').next()?;
    let cc = match tld {
        "uk" => "GB".to_string(),
        t if t.len() == 2 => t.to_ascii_uppercase(),
        _ => return None,
    };
    g.country_by_iso2(&cc).map(|_| Home {
        country: cc,
        admin1: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_from_table_or_country_domain() {
        let g = Gazetteer::embedded();
        let h = home(g, "https://www.kentuckyherald.example/2024/01/02/story/").unwrap();
        assert_eq!((h.country.as_str(), h.admin1.as_str()), ("US", "Kentucky"));
        let h = home(g, "https://news.example.co.uk/a").unwrap();
        assert_eq!(h.country, "GB");
        assert_eq!(home(g, "https://example.com/a"), None);
    }
}
