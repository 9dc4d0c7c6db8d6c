//! The gazetteer's compact index, shared by `build.rs` (which builds it
//! from `data/gazetteer.tsv.gz` and `data/regions.txt` at compile time)
//! and the crate (which reads it in place, or builds one from texts of
//! one's own). Depends on `fst` and std only, so that `build.rs` can
//! include it as a module.
//!
//! Layout (all integers little-endian):
//! * `names`: an fst map from a normalised name to `offset << 16 | count`
//!   into `senses`;
//! * `senses`: `u32`s, `entry << 4 | kind | caps << 2 | needs_the << 3`
//!   (kind 0 primary, 1 alternate, 2 adjective, 3 abbreviation);
//! * `entries`: [`RECORD`]-byte records: name, iso3, admin1, admin2 (string
//!   ids, `u32` each), country (2 ASCII bytes, or 0 0), feature (`u8`, see
//!   [`FEATURES`]), flags (`u8`: 1 a seat of government), lat and lon (`f32`), population (`u32`);
//! * `strings`: `u32` count, then `count + 1` `u32` offsets into the UTF-8
//!   bytes that follow;
//! * `meta`: `u32` most words in any name.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::collections::HashMap;

/// Bytes per entry record.
pub const RECORD: usize = 32;

/// Feature codes in a record, in order: country, admin1, city, region,
/// admin2 (the TSV's kinds c, a, p, r, d).
pub const FEATURES: [u8; 5] = [b'c', b'a', b'p', b'r', b'd'];

/// The built index's parts.
#[derive(Default)]
pub struct Built {
    pub names: Vec<u8>,
    pub senses: Vec<u8>,
    pub entries: Vec<u8>,
    pub strings: Vec<u8>,
    pub meta: Vec<u8>,
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

/// A name written in capitals (`UK`, `NSW`) matches only in capitals.
pub fn is_caps(name: &str) -> bool {
    let mut n = 0;
    for c in name.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// A line-numbered error.
#[derive(Debug)]
pub struct LineError {
    pub file: &'static str,
    pub line: usize,
    pub why: &'static str,
}

struct Builder {
    strings: Vec<String>,
    string_ids: HashMap<String, u32>,
    entries: Vec<u8>,
    names: BTreeMap<String, Vec<u32>>,
    max_words: usize,
    n: u32,
}

impl Builder {
    fn intern(&mut self, s: &str) -> u32 {
        if let Some(&id) = self.string_ids.get(s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.to_string());
        self.string_ids.insert(s.to_string(), id);
        id
    }

    #[allow(clippy::too_many_arguments)]
    fn entry(
        &mut self,
        name: &str,
        iso3: &str,
        admin1: &str,
        admin2: &str,
        country: &str,
        feature: u8,
        lat: f32,
        lon: f32,
        population: u32,
    ) -> u32 {
        let ids = [
            self.intern(name),
            self.intern(iso3),
            self.intern(admin1),
            self.intern(admin2),
        ];
        for id in ids {
            self.entries.extend_from_slice(&id.to_le_bytes());
        }
        let cc = country.as_bytes();
        self.entries
            .extend_from_slice(&[*cc.first().unwrap_or(&0), *cc.get(1).unwrap_or(&0)]);
        // Kind k is a city that is a seat of government.
        let f = FEATURES.iter().position(|&x| x == feature).unwrap_or(2) as u8;
        self.entries
            .extend_from_slice(&[f, (feature == b'k') as u8]);
        self.entries.extend_from_slice(&lat.to_le_bytes());
        self.entries.extend_from_slice(&lon.to_le_bytes());
        self.entries.extend_from_slice(&population.to_le_bytes());
        let id = self.n;
        self.n += 1;
        id
    }

    /// Adds a name of an entry; `kind` 0 primary, 1 alternate, 2 adjective.
    fn name(&mut self, key: &mut String, name: &str, entry: u32, kind: u32) {
        let (name, needs_the) = match name.strip_prefix("the ") {
            Some(rest) => (rest, true),
            None => (name, false),
        };
        normalise(name, key);
        if key.is_empty() {
            return;
        }
        self.max_words = self.max_words.max(key.split(' ').count());
        let sense = entry << 4 | kind | (is_caps(name) as u32) << 2 | (needs_the as u32) << 3;
        let v = self.names.entry(key.clone()).or_default();
        // One sense per entry: the best way the name names it (primary
        // before alternate before adjective, any case before capitals).
        let rank = |s: u32| (s & 3, (s >> 2) & 1);
        match v.iter_mut().find(|s| **s >> 4 == entry) {
            Some(s) if rank(sense) < rank(*s) => *s = sense,
            Some(_) => {}
            None => v.push(sense),
        }
    }
}

/// Builds the index from the gazetteer TSV, the regions file and the
/// abbreviations file.
pub fn build(tsv: &str, regions: &str, abbreviations: &str) -> Result<Built, LineError> {
    let mut admin1: HashMap<(String, String), u32> = HashMap::new();
    let mut b = Builder {
        strings: Vec::new(),
        string_ids: HashMap::new(),
        entries: Vec::new(),
        names: BTreeMap::new(),
        max_words: 1,
        n: 0,
    };
    b.intern("");
    let mut key = String::new();
    for (n, line) in tsv.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let bad = |why| LineError {
            file: "gazetteer.tsv",
            line: n + 1,
            why,
        };
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 11 {
            return Err(bad("want 11 columns"));
        }
        let kind = match c[0].as_bytes() {
            [k] if FEATURES.contains(k) || *k == b'k' => *k,
            _ => return Err(bad("unknown kind")),
        };
        let lat: f32 = c[6].parse().map_err(|_| bad("bad latitude"))?;
        let lon: f32 = c[7].parse().map_err(|_| bad("bad longitude"))?;
        let pop: u64 = c[8].parse().map_err(|_| bad("bad population"))?;
        let id = b.entry(
            c[1],
            c[3],
            c[4],
            c[5],
            c[2],
            kind,
            lat,
            lon,
            pop.min(u32::MAX as u64) as u32,
        );
        if kind == b'a' {
            admin1
                .entry((c[2].to_string(), c[1].to_string()))
                .or_insert(id);
        }
        b.name(&mut key, c[1], id, 0);
        for a in c[9].split('|').filter(|a| !a.is_empty()) {
            // "=Sao Paulo": the name itself, spelt without accents.
            match a.strip_prefix('=') {
                Some(v) => b.name(&mut key, v, id, 0),
                None => b.name(&mut key, a, id, 1),
            }
        }
        for a in c[10].split('|').filter(|a| !a.is_empty()) {
            b.name(&mut key, a, id, 2);
        }
    }
    for (n, line) in regions.lines().enumerate() {
        let line = line.trim_end();
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |why| LineError {
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
        let lat: f32 = c[1].trim().parse().map_err(|_| bad("bad latitude"))?;
        let lon: f32 = c[2].trim().parse().map_err(|_| bad("bad longitude"))?;
        let cc = if c[3] == "-" { "" } else { c[3] };
        let id = b.entry(canonical, "", "", "", cc, b'r', lat, lon, 0);
        for (k, name) in names.iter().enumerate() {
            b.name(&mut key, name, id, (k > 0) as u32);
        }
    }
    for (n, line) in abbreviations.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let bad = |why| LineError {
            file: "abbreviations.txt",
            line: n + 1,
            why,
        };
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 3 {
            return Err(bad("want 3 tab-separated columns"));
        }
        let Some(&id) = admin1.get(&(c[1].to_string(), c[2].to_string())) else {
            return Err(bad("no such first-level region"));
        };
        b.name(&mut key, c[0], id, 3);
        // "Ky." is often tokenised "Ky" + ".": the name without its stop
        // too (the recogniser asks for the stop after it).
        if let Some(bare) = c[0].strip_suffix('.') {
            b.name(&mut key, bare, id, 3);
        }
    }
    let mut out = Built {
        entries: b.entries,
        ..Default::default()
    };
    let mut map = fst::MapBuilder::memory();
    for (k, v) in &b.names {
        let off = (out.senses.len() / 4) as u64;
        for s in v {
            out.senses.extend_from_slice(&s.to_le_bytes());
        }
        map.insert(k, off << 16 | v.len().min(0xffff) as u64)
            .expect("keys are sorted");
    }
    out.names = map.into_inner().expect("an fst in memory");
    out.strings
        .extend_from_slice(&(b.strings.len() as u32).to_le_bytes());
    let mut off = 0u32;
    for s in &b.strings {
        out.strings.extend_from_slice(&off.to_le_bytes());
        off += s.len() as u32;
    }
    out.strings.extend_from_slice(&off.to_le_bytes());
    for s in &b.strings {
        out.strings.extend_from_slice(s.as_bytes());
    }
    out.meta
        .extend_from_slice(&(b.max_words as u32).to_le_bytes());
    Ok(out)
}
