//! Scoring place resolution against gold mentions with coordinates
//! (GeoVirus): mention recall, and accuracy within 161 km (100 miles) on
//! the gold mentions found.

use dyad_document::{CharIndex, Document, PlaceFeature};

use dyad_places::{distance_km, Gazetteer};

/// One gold place mention: character offsets into the article as the gold
/// file gives it, its text, and where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoGold {
    pub start: usize,
    pub name: String,
    pub lat: f64,
    pub lon: f64,
}

/// Counts over a set of documents.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GeoScore {
    /// Gold mentions.
    pub gold: usize,
    /// Gold mentions a place of ours overlaps.
    pub found: usize,
    /// Of those, resolved within 161 km of the gold coordinates.
    pub within161: usize,
    /// Gold mentions whose text could not be located in the document.
    pub unaligned: usize,
    /// `name: ours (lat, lon) vs gold (lat, lon)` for each resolution
    /// farther than 161 km, for inspection.
    pub far: Vec<String>,
    /// Gold mention names we did not find.
    pub missed: Vec<String>,
    /// The same counts for local gold mentions alone: those whose nearest
    /// gazetteer entry of the same name (within 161 km of the gold point)
    /// is a city, town or second-level region, so that local precision
    /// shows apart from countries and states.
    pub local_gold: usize,
    pub local_found: usize,
    pub local_within161: usize,
}

impl GeoScore {
    pub fn recall(&self) -> f64 {
        self.found as f64 / self.gold.max(1) as f64
    }
    pub fn acc161(&self) -> f64 {
        self.within161 as f64 / self.found.max(1) as f64
    }
    pub fn local_recall(&self) -> f64 {
        self.local_found as f64 / self.local_gold.max(1) as f64
    }
    pub fn local_acc161(&self) -> f64 {
        self.local_within161 as f64 / self.local_found.max(1) as f64
    }

    /// Adds one document. The gold offsets refer to the text the gold file
    /// holds; ingest may have moved it slightly (whitespace), so each gold
    /// mention is matched to the occurrence of its text nearest its offset.
    pub fn add(&mut self, doc: &Document, gold: &[GeoGold]) {
        let ix = CharIndex::new(&doc.text);
        let gaz = Gazetteer::embedded();
        for g in gold {
            self.gold += 1;
            let nearest = gaz
                .lookup(&g.name)
                .into_iter()
                .map(|e| (distance_km(e.lat, e.lon, g.lat, g.lon), e.feature))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            let local = nearest.is_some_and(|(d, f)| {
                d <= 161.0 && matches!(f, PlaceFeature::City | PlaceFeature::Admin2)
            });
            self.local_gold += local as usize;
            let occ: Vec<usize> = doc
                .text
                .match_indices(g.name.as_str())
                .map(|(b, _)| b)
                .collect();
            let Some(&b) = occ.iter().min_by_key(|&&b| ix.char_of(b).abs_diff(g.start)) else {
                self.unaligned += 1;
                self.missed.push(g.name.clone());
                continue;
            };
            let e = b + g.name.len();
            let hit = doc
                .places
                .iter()
                .find(|p| p.span.start < e && b < p.span.end);
            match hit {
                Some(p) => {
                    self.found += 1;
                    self.local_found += local as usize;
                    let d = distance_km(p.lat, p.lon, g.lat, g.lon);
                    if d <= 161.0 {
                        self.within161 += 1;
                        self.local_within161 += local as usize;
                    } else {
                        self.far.push(format!(
                            "{}: {} {:?} ({:.2}, {:.2}) vs gold ({:.2}, {:.2}), {d:.0} km",
                            g.name, p.name, p.country, p.lat, p.lon, g.lat, g.lon
                        ));
                    }
                }
                None => self.missed.push(g.name.clone()),
            }
        }
    }
}

/// Scores documents against their gold mentions.
pub fn score_geo<'a>(docs: impl IntoIterator<Item = (&'a Document, &'a [GeoGold])>) -> GeoScore {
    let mut s = GeoScore::default();
    for (d, g) in docs {
        s.add(d, g);
    }
    s
}

impl std::fmt::Display for GeoScore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "geo: recall={:.3} acc161={:.3} mentions={}",
            self.recall(),
            self.acc161(),
            self.gold
        )?;
        write!(
            f,
            "geo-local (city, town or admin2): recall={:.3} acc161={:.3} mentions={}",
            self.local_recall(),
            self.local_acc161(),
            self.local_gold
        )
    }
}
