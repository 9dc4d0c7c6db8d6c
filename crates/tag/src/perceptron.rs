//! The averaged perceptron, for training and for fast, compact inference.
//!
//! Features are 64-bit hashes of feature strings; a model keeps, per feature,
//! only the classes with a non-negligible averaged weight, so models stay a
//! few MB and load in milliseconds.

use std::io::{Read, Write};

use rustc_hash::FxHashMap;

/// Hash of a string, computed once per token so that feature hashes can be
/// made by mixing numbers instead of re-reading strings.
#[inline]
pub fn hstr(s: &str) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(s.as_bytes());
    h.write_u8(0xff);
    h.finish()
}

/// A feature hash from a template id and pre-hashed parts.
#[inline]
pub fn mix(template: u8, parts: &[u64]) -> u64 {
    let mut h = (template as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &p in parts {
        h = (h.rotate_left(23) ^ p).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    }
    h ^ (h >> 31)
}

/// A trained, averaged model ready to score.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub classes: usize,
    /// Keyed by the upper 32 bits of the feature hash: collisions among a
    /// few hundred thousand features are negligible, and keys half the size.
    index: FxHashMap<u32, (u32, u8)>,
    weights: Vec<(u8, f32)>,
}

#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("model data is not a dyad perceptron model (bad magic)")]
    Magic,
    #[error("model data is truncated or corrupt: {0}")]
    Io(#[from] std::io::Error),
}

const MAGIC: &[u8; 8] = b"DYADPC02";

#[inline]
fn key(f: u64) -> u32 {
    (f >> 32) as u32
}

impl Model {
    /// Add each feature's weights into `scores` (length `classes`).
    #[inline]
    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        // Two passes: all index look-ups first, then the weight rows, so the
        // processor can overlap the cache misses of independent features.
        let mut rows = [(0u32, 0u8); 160];
        let mut n = 0;
        for f in features {
            if let Some(&r) = self.index.get(&key(*f)) {
                if n == rows.len() {
                    self.add_rows(&rows[..n], scores);
                    n = 0;
                }
                rows[n] = r;
                n += 1;
            }
        }
        self.add_rows(&rows[..n], scores);
    }

    #[inline]
    fn add_rows(&self, rows: &[(u32, u8)], scores: &mut [f32]) {
        for &(start, len) in rows {
            for &(c, w) in &self.weights[start as usize..start as usize + len as usize] {
                scores[c as usize] += w;
            }
        }
    }

    pub fn features(&self) -> usize {
        self.index.len()
    }

    /// Serialise (uncompressed; callers gzip the model file).
    pub fn write(&self, w: &mut impl Write) -> std::io::Result<()> {
        w.write_all(MAGIC)?;
        w.write_all(&(self.classes as u32).to_le_bytes())?;
        w.write_all(&(self.index.len() as u32).to_le_bytes())?;
        // Sorted, so that the same model always gives the same bytes.
        let mut keys: Vec<_> = self.index.iter().collect();
        keys.sort_by_key(|(k, _)| **k);
        for (k, &(start, len)) in keys {
            w.write_all(&k.to_le_bytes())?;
            w.write_all(&[len])?;
            for &(c, wt) in &self.weights[start as usize..start as usize + len as usize] {
                w.write_all(&[c])?;
                w.write_all(&f16_bits(wt).to_le_bytes())?;
            }
        }
        Ok(())
    }

    pub fn read(r: &mut impl Read) -> Result<Model, ModelError> {
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(ModelError::Magic);
        }
        let classes = read_u32(r)? as usize;
        let n = read_u32(r)? as usize;
        let mut index = FxHashMap::with_capacity_and_hasher(n, Default::default());
        let mut weights = Vec::with_capacity(n * 2);
        let mut buf4 = [0u8; 4];
        for _ in 0..n {
            r.read_exact(&mut buf4)?;
            let key = u32::from_le_bytes(buf4);
            let mut len = [0u8; 1];
            r.read_exact(&mut len)?;
            let start = weights.len() as u32;
            for _ in 0..len[0] {
                let mut e = [0u8; 3];
                r.read_exact(&mut e)?;
                weights.push((e[0], f16_value(u16::from_le_bytes([e[1], e[2]]))));
            }
            index.insert(key, (start, len[0]));
        }
        Ok(Model {
            classes,
            index,
            weights,
        })
    }
}

fn read_u32(r: &mut impl Read) -> std::io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_le_bytes(b))
}

/// Weights are stored as IEEE half floats: plenty for a perceptron's
/// decisions, and half the size.
fn f16_bits(x: f32) -> u16 {
    half::f16::from_f32(x).to_bits()
}

fn f16_value(b: u16) -> f32 {
    half::f16::from_bits(b).to_f32()
}

/// A perceptron being trained, with lazily averaged weights.
pub struct Trainer {
    pub classes: usize,
    /// Per feature: current weights and the accumulators for averaging
    /// (sum of step * delta), so the average is `w - acc / steps`.
    weights: FxHashMap<u64, Box<[(f32, f64)]>>,
    steps: u64,
}

impl Trainer {
    pub fn new(classes: usize) -> Trainer {
        Trainer {
            classes,
            weights: FxHashMap::default(),
            steps: 1,
        }
    }

    pub fn score(&self, features: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in features {
            if let Some(row) = self.weights.get(f) {
                for (c, (w, _)) in row.iter().enumerate() {
                    scores[c] += w;
                }
            }
        }
    }

    /// Reward `truth`, punish `guess` (no change when they agree).
    pub fn update(&mut self, truth: usize, guess: usize, features: &[u64]) {
        self.steps += 1;
        if truth == guess {
            return;
        }
        let step = self.steps as f64;
        for f in features {
            let row = self
                .weights
                .entry(*f)
                .or_insert_with(|| vec![(0.0, 0.0); self.classes].into_boxed_slice());
            row[truth].0 += 1.0;
            row[truth].1 += step;
            row[guess].0 -= 1.0;
            row[guess].1 -= step;
        }
    }

    /// The averaged model, keeping weights whose magnitude is at least
    /// `min_weight` (pruning trades a little accuracy for size).
    pub fn average(&self, min_weight: f32) -> Model {
        let min_weight = std::env::var("DYAD_MIN_WEIGHT")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(min_weight);
        let steps = self.steps as f64;
        let mut keys: Vec<&u64> = self.weights.keys().collect();
        keys.sort();
        let mut index = FxHashMap::default();
        let mut weights = Vec::new();
        for k in keys {
            let row = &self.weights[k];
            let start = weights.len();
            for (c, &(w, acc)) in row.iter().enumerate() {
                let avg = (w as f64 - acc / steps) as f32;
                if avg.abs() >= min_weight && avg != 0.0 {
                    weights.push((c as u8, avg));
                }
            }
            let len = weights.len() - start;
            if len > 0 {
                index.insert(key(*k), (start as u32, len as u8));
            }
        }
        Model {
            classes: self.classes,
            index,
            weights,
        }
    }
}

/// The best class among those `allowed`.
#[inline]
pub fn argmax(scores: &[f32], allowed: impl Iterator<Item = usize>) -> usize {
    let mut best = usize::MAX;
    let mut best_score = f32::NEG_INFINITY;
    for c in allowed {
        if best == usize::MAX || scores[c] > best_score {
            best = c;
            best_score = scores[c];
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_round_trips() {
        // Class = which of three marker features is present.
        let data: Vec<(Vec<u64>, usize)> = (0..300)
            .map(|i| {
                let c = i % 3;
                (
                    vec![mix(0, &[]), mix(1, &[c as u64]), mix(2, &[(i % 7) as u64])],
                    c,
                )
            })
            .collect();
        let mut t = Trainer::new(3);
        let mut scores = [0.0; 3];
        for _ in 0..5 {
            for (f, c) in &data {
                t.score(f, &mut scores);
                let g = argmax(&scores, 0..3);
                t.update(*c, g, f);
            }
        }
        let m = t.average(0.0);
        let mut bytes = Vec::new();
        m.write(&mut bytes).unwrap();
        let m2 = Model::read(&mut &bytes[..]).unwrap();
        for (f, c) in &data {
            m2.score(f, &mut scores);
            assert_eq!(argmax(&scores, 0..3), *c);
        }
        assert!(Model::read(&mut &b"nonsense"[..]).is_err());
        assert!(Model::read(&mut &bytes[..bytes.len() - 2]).is_err());
    }
}
