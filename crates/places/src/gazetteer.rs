//! The gazetteer: places by normalised name. The compiled-in one is an
//! index `build.rs` makes from `data/gazetteer.tsv.gz` (built by
//! `tools/gazetteer/build.py`) and the hand-written `data/regions.txt`
//! (see `index.rs` for its layout); it is read in place, so loading it
//! costs almost nothing.

use std::borrow::Cow;

use dyad_document::PlaceFeature;
use rustc_hash::FxHashMap;

pub use crate::index::normalise;
use crate::index::{self, RECORD};

const NAMES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names.fst"));
const SENSES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/senses.bin"));
const ENTRIES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/entries.bin"));
const STRINGS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/strings.bin"));
const ABBREVIATIONS: &str = include_str!("../data/abbreviations.txt");
const META: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/meta.bin"));

#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{file}:{line}: {why}")]
    Line {
        file: &'static str,
        line: usize,
        why: &'static str,
    },
    #[error("gazetteer index is corrupt: {0}")]
    Index(String),
}

/// One place (borrowed from the gazetteer).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Entry<'g> {
    pub name: &'g str,
    /// ISO 3166-1 alpha-2; empty for regions spanning countries.
    pub country: &'g str,
    /// ISO 3166-1 alpha-3 (countries only).
    pub iso3: &'g str,
    /// The first-level region it lies in (or is); may be empty.
    pub admin1: &'g str,
    /// The second-level region (county, parish, district) it lies in (or
    /// is); may be empty.
    pub admin2: &'g str,
    pub lat: f64,
    pub lon: f64,
    /// People living there (0 when unknown: regions, admin1, admin2).
    pub population: u64,
    pub feature: PlaceFeature,
    /// A city that is its country's seat of government (dyad's country
    /// dictionary's `capitals:`).
    pub seat: bool,
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
    /// A region's abbreviation ("Ky.", "NSW"): read after a town's name or
    /// with its full stop.
    Abbreviation,
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

impl Sense {
    fn unpack(v: u32) -> Sense {
        Sense {
            entry: v >> 4,
            kind: match v & 3 {
                0 => NameKind::Primary,
                1 => NameKind::Alternate,
                2 => NameKind::Adjective,
                _ => NameKind::Abbreviation,
            },
            caps: v & 4 != 0,
            needs_the: v & 8 != 0,
        }
    }
}

/// Places by normalised name.
pub struct Gazetteer {
    names: fst::Map<Cow<'static, [u8]>>,
    senses: Cow<'static, [u8]>,
    entries: Cow<'static, [u8]>,
    strings: Cow<'static, [u8]>,
    /// Offset of the string bytes in `strings`.
    string_base: usize,
    by_iso3: FxHashMap<String, u32>,
    by_iso2: FxHashMap<String, u32>,
    /// Most words in any name: how far a match may reach.
    pub(crate) max_words: usize,
}

fn u32_at(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

fn f32_at(b: &[u8], i: usize) -> f32 {
    f32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

impl Gazetteer {
    /// The compiled-in gazetteer, loaded once per process.
    pub fn embedded() -> &'static Gazetteer {
        static G: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        G.get_or_init(|| Gazetteer::load().expect("the compiled-in gazetteer is valid"))
    }

    /// Opens the compiled-in index (no copy: it is read in place).
    pub fn load() -> Result<Gazetteer, GazetteerError> {
        Gazetteer::from_parts(index::Built {
            names: Vec::new(),
            senses: Vec::new(),
            entries: Vec::new(),
            strings: Vec::new(),
            meta: Vec::new(),
        })
    }

    /// Builds a gazetteer from the TSV (see `tools/gazetteer/build.py`)
    /// and a regions file (see `data/regions.txt`), with the compiled-in
    /// abbreviations (`data/abbreviations.txt`) of the regions it has.
    pub fn from_texts(tsv: &str, regions: &str) -> Result<Gazetteer, GazetteerError> {
        let abbreviations: String = ABBREVIATIONS
            .lines()
            .filter(|l| {
                let c: Vec<&str> = l.split('\t').collect();
                c.len() == 3
                    && tsv.lines().any(|t| {
                        let mut f = t.split('\t');
                        f.next() == Some("a") && f.next() == Some(c[2]) && f.next() == Some(c[1])
                    })
            })
            .flat_map(|l| [l, "\n"])
            .collect();
        let built =
            index::build(tsv, regions, &abbreviations).map_err(|e| GazetteerError::Line {
                file: e.file,
                line: e.line,
                why: e.why,
            })?;
        Gazetteer::from_parts(built)
    }

    /// Empty parts stand for the compiled-in ones.
    fn from_parts(b: index::Built) -> Result<Gazetteer, GazetteerError> {
        let pick = |v: Vec<u8>, fixed: &'static [u8]| -> Cow<'static, [u8]> {
            if v.is_empty() {
                Cow::Borrowed(fixed)
            } else {
                Cow::Owned(v)
            }
        };
        let (names, senses, entries, strings, meta) = if b.names.is_empty() {
            (
                Cow::Borrowed(NAMES),
                Cow::Borrowed(SENSES),
                Cow::Borrowed(ENTRIES),
                Cow::Borrowed(STRINGS),
                Cow::Borrowed(META),
            )
        } else {
            (
                Cow::Owned(b.names),
                pick(b.senses, &[]),
                pick(b.entries, &[]),
                pick(b.strings, &[]),
                pick(b.meta, &[]),
            )
        };
        let bad = |why: &str| GazetteerError::Index(why.to_string());
        if strings.len() < 8 || meta.len() < 4 || entries.len() % RECORD != 0 {
            return Err(bad("truncated"));
        }
        let count = u32_at(&strings, 0) as usize;
        let string_base = 4 + 4 * (count + 1);
        if strings.len() < string_base {
            return Err(bad("truncated string table"));
        }
        let names = fst::Map::new(names).map_err(|e| bad(&e.to_string()))?;
        let mut g = Gazetteer {
            names,
            senses,
            entries,
            strings,
            string_base,
            by_iso3: FxHashMap::default(),
            by_iso2: FxHashMap::default(),
            max_words: u32_at(&meta, 0) as usize,
        };
        for id in 0..g.len() as u32 {
            if g.entries[id as usize * RECORD + 18] == 0 {
                let e = g.entry(id);
                let (iso3, cc) = (e.iso3.to_string(), e.country.to_string());
                g.by_iso3.insert(iso3, id);
                g.by_iso2.insert(cc, id);
            }
        }
        Ok(g)
    }

    fn string(&self, id: u32) -> &str {
        let i = 4 + 4 * id as usize;
        let (a, b) = (u32_at(&self.strings, i), u32_at(&self.strings, i + 4));
        let bytes = &self.strings[self.string_base + a as usize..self.string_base + b as usize];
        // The builder wrote these bytes from `&str`s.
        std::str::from_utf8(bytes).unwrap_or("")
    }

    /// The senses of a normalised name.
    pub fn senses(&self, key: &str) -> Vec<Sense> {
        let Some(v) = self.names.get(key) else {
            return Vec::new();
        };
        let (off, n) = ((v >> 16) as usize, (v & 0xffff) as usize);
        (off..off + n)
            .map(|i| Sense::unpack(u32_at(&self.senses, 4 * i)))
            .collect()
    }

    /// Is some indexed name longer than `key` and begins with it and a
    /// space (may a longer name be matched)?
    pub fn has_longer(&self, key: &str) -> bool {
        use fst::{IntoStreamer, Streamer};
        let mut lo = key.to_string();
        lo.push(' ');
        let mut hi = key.to_string();
        hi.push('!');
        let mut s = self.names.range().ge(&lo).lt(&hi).into_stream();
        s.next().is_some()
    }

    /// Every entry a name (any case) may stand for.
    pub fn lookup(&self, name: &str) -> Vec<Entry<'_>> {
        let mut key = String::new();
        normalise(name, &mut key);
        self.senses(&key)
            .iter()
            .map(|s| self.entry(s.entry))
            .collect()
    }

    pub fn entry(&self, id: u32) -> Entry<'_> {
        let r = &self.entries[id as usize * RECORD..(id as usize + 1) * RECORD];
        let cc = match &r[16..18] {
            [0, _] => "",
            b => std::str::from_utf8(b).unwrap_or(""),
        };
        Entry {
            name: self.string(u32_at(r, 0)),
            iso3: self.string(u32_at(r, 4)),
            admin1: self.string(u32_at(r, 8)),
            admin2: self.string(u32_at(r, 12)),
            country: cc,
            feature: match r[18] {
                0 => PlaceFeature::Country,
                1 => PlaceFeature::Admin1,
                3 => PlaceFeature::Region,
                4 => PlaceFeature::Admin2,
                _ => PlaceFeature::City,
            },
            lat: f32_at(r, 20) as f64,
            lon: f32_at(r, 24) as f64,
            population: u32_at(r, 28) as u64,
            seat: r[19] & 1 != 0,
        }
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
        self.entries.len() / RECORD
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// How many surface names are indexed.
    pub fn names(&self) -> usize {
        self.names.len()
    }

    /// Bytes of the index (the binary-size cost of the compiled-in one).
    pub fn index_bytes(&self) -> usize {
        self.names.as_fst().as_bytes().len()
            + self.senses.len()
            + self.entries.len()
            + self.strings.len()
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
