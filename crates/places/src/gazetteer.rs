//! The gazetteer: places by normalised name, loaded from the compiled-in
//! data (`data/gazetteer.tsv.gz`, built by `tools/gazetteer/build.py`, and
//! the hand-written `data/regions.txt`).

use std::io::Read;

use dyad_document::PlaceFeature;
use rustc_hash::FxHashMap;

/// The built gazetteer (GeoNames countries, admin1 regions, cities of
/// 15,000 people or more, continents).
const GAZETTEER: &[u8] = include_bytes!("../data/gazetteer.tsv.gz");
/// News regions written for dyad.
const REGIONS: &str = include_str!("../data/regions.txt");

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer data is not valid gzip: {0}")]
    Gzip(#[from] std::io::Error),
    #[error("gazetteer data is not UTF-8")]
    Utf8(#[from] std::string::FromUtf8Error),
    #[error("{file}:{line}: {why}")]
    Line {
        file: &'static str,
        line: usize,
        why: &'static str,
    },
}

/// One place.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    /// ISO 3166-1 alpha-2; empty for regions spanning countries.
    pub country: String,
    /// ISO 3166-1 alpha-3 (countries only).
    pub iso3: String,
    /// The first-level region it lies in (or is); may be empty.
    pub admin1: String,
    pub lat: f64,
    pub lon: f64,
    /// People living there (0 when unknown: regions, admin1).
    pub population: u64,
    pub feature: PlaceFeature,
}

/// How a surface name names an entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NameKind {
    /// Its own name.
    Primary,
    /// An alternate name (another spelling, an old name, a short form).
    Alternate,
    /// A country adjective ("Israeli").
    Adjective,
}

/// One thing a surface name may stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sense {
    pub entry: u32,
    pub kind: NameKind,
    /// The name is written in capitals (`UK`, `NSW`): match only in capitals.
    pub caps: bool,
    /// The name was written "the X": match only after "the".
    pub needs_the: bool,
}

/// Places by normalised name.
pub struct Gazetteer {
    pub(crate) entries: Vec<Entry>,
    names: FxHashMap<String, Vec<Sense>>,
    by_iso3: FxHashMap<String, u32>,
    by_iso2: FxHashMap<String, u32>,
    /// Most words in any name: how far a match may reach.
    pub(crate) max_words: usize,
}

/// Lower case, hyphens and dashes as spaces, curly apostrophes straight,
/// runs of spaces collapsed: the form names are looked up in.
pub fn normalise(s: &str, out: &mut String) {
    out.clear();
    for c in s.chars() {
        match c {
            '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{2014}' => push_space(out),
            '\u{2019}' | '\u{2018}' | '`' => out.push('\''),
            c if c.is_whitespace() => push_space(out),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
}

fn push_space(out: &mut String) {
    if !out.is_empty() && !out.ends_with(' ') {
        out.push(' ');
    }
}

fn is_caps(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase())
}

impl Gazetteer {
    /// The compiled-in gazetteer, loaded once per process.
    pub fn embedded() -> &'static Gazetteer {
        static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        G.get_or_init(|| Gazetteer::load().expect("the compiled-in gazetteer is valid"))
    }

    /// Decompresses and indexes the compiled-in data.
    pub fn load() -> Result<Gazetteer, GazetteerError> {
        let mut raw = Vec::with_capacity(4 << 20);
        flate2::read::GzDecoder::new(GAZETTEER).read_to_end(&mut raw)?;
        let text = String::from_utf8(raw)?;
        Gazetteer::from_texts(&text, REGIONS)
    }

    /// Builds a gazetteer from the TSV (see `tools/gazetteer/build.py`)
    /// and a regions file (see `data/regions.txt`).
    pub fn from_texts(tsv: &str, regions: &str) -> Result<Gazetteer, GazetteerError> {
        let mut g = Gazetteer {
            entries: Vec::with_capacity(40_000),
            names: FxHashMap::default(),
            by_iso3: FxHashMap::default(),
            by_iso2: FxHashMap::default(),
            max_words: 1,
        };
        g.names.reserve(160_000);
        let mut key = String::new();
        for (n, line) in tsv.lines().enumerate() {
            if line.starts_with('#') || line.is_empty() {
                continue;
            }
            let bad = |why| GazetteerError::Line {
                file: "gazetteer.tsv",
                line: n + 1,
                why,
            };
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() != 10 {
                return Err(bad("want 10 columns"));
            }
            let feature = match c[0] {
                "c" => PlaceFeature::Country,
                "a" => PlaceFeature::Admin1,
                "p" => PlaceFeature::City,
                "r" => PlaceFeature::Region,
                _ => return Err(bad("unknown kind")),
            };
            let e = Entry {
                name: c[1].to_string(),
                country: c[2].to_string(),
                iso3: c[3].to_string(),
                admin1: c[4].to_string(),
                lat: c[5].parse().map_err(|_| bad("bad latitude"))?,
                lon: c[6].parse().map_err(|_| bad("bad longitude"))?,
                population: c[7].parse().map_err(|_| bad("bad population"))?,
                feature,
            };
            let id = g.entries.len() as u32;
            if feature == PlaceFeature::Country {
                g.by_iso3.insert(e.iso3.clone(), id);
                g.by_iso2.insert(e.country.clone(), id);
            }
            g.entries.push(e);
            g.add(&mut key, c[1], id, NameKind::Primary);
            for a in c[8].split('|').filter(|a| !a.is_empty()) {
                // "=Sao Paulo": the name itself, spelt without accents.
                match a.strip_prefix('=') {
                    Some(v) => g.add(&mut key, v, id, NameKind::Primary),
                    None => g.add(&mut key, a, id, NameKind::Alternate),
                }
            }
            for a in c[9].split('|').filter(|a| !a.is_empty()) {
                g.add(&mut key, a, id, NameKind::Adjective);
            }
        }
        for (n, line) in regions.lines().enumerate() {
            let line = line.trim_end();
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |why| GazetteerError::Line {
                file: "regions.txt",
                line: n + 1,
                why,
            };
            let c: Vec<&str> = line.split('\t').collect();
            if c.len() != 4 {
                return Err(bad("want 4 tab-separated columns"));
            }
            let names: Vec<&str> = c[0].split('|').map(str::trim).collect();
            let canonical = names[0].strip_prefix("the ").unwrap_or(names[0]);
            let e = Entry {
                name: canonical.to_string(),
                country: if c[3] == "-" {
                    String::new()
                } else {
                    c[3].to_string()
                },
                iso3: String::new(),
                admin1: String::new(),
                lat: c[1].trim().parse().map_err(|_| bad("bad latitude"))?,
                lon: c[2].trim().parse().map_err(|_| bad("bad longitude"))?,
                population: 0,
                feature: PlaceFeature::Region,
            };
            let id = g.entries.len() as u32;
            g.entries.push(e);
            for (k, name) in names.iter().enumerate() {
                let kind = if k == 0 {
                    NameKind::Primary
                } else {
                    NameKind::Alternate
                };
                g.add(&mut key, name, id, kind);
            }
        }
        Ok(g)
    }

    fn add(&mut self, key: &mut String, name: &str, entry: u32, kind: NameKind) {
        let (name, needs_the) = match name.strip_prefix("the ") {
            Some(rest) => (rest, true),
            None => (name, false),
        };
        normalise(name, key);
        if key.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        let sense = Sense {
            entry,
            kind,
            caps: is_caps(name),
            needs_the,
        };
        let v = self.names.entry(key.clone()).or_default();
        // One sense per entry: the best way the name names it.
        match v.iter_mut().find(|s| s.entry == entry) {
            Some(s) if (kind, sense.caps) < (s.kind, s.caps) => *s = sense,
            Some(_) => {}
            None => v.push(sense),
        }
    }

    /// The senses of a normalised name.
    pub fn senses(&self, key: &str) -> &[Sense] {
        self.names.get(key).map_or(&[], Vec::as_slice)
    }

    /// Every entry a name (any case) may stand for.
    pub fn lookup(&self, name: &str) -> Vec<&Entry> {
        let mut key = String::new();
        normalise(name, &mut key);
        self.senses(&key)
            .iter()
            .map(|s| &self.entries[s.entry as usize])
            .collect()
    }

    pub fn entry(&self, id: u32) -> &Entry {
        &self.entries[id as usize]
    }

    /// The country entry of an ISO 3166-1 alpha-3 code (`SYR`).
    pub fn country_by_iso3(&self, iso3: &str) -> Option<u32> {
        self.by_iso3.get(iso3).copied()
    }

    /// The country entry of an ISO 3166-1 alpha-2 code (`SY`).
    pub fn country_by_iso2(&self, iso2: &str) -> Option<u32> {
        self.by_iso2.get(iso2).copied()
    }

    /// How many places there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many surface names are indexed.
    pub fn names(&self) -> usize {
        self.names.len()
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().min(1.0).asin()
}
