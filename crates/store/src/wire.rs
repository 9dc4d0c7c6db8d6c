//! Wire copies: the same agency story republished by several outlets,
//! near-identical but not byte-identical (another headline, a dateline, a
//! trimmed paragraph). Each document's word 5-shingles are summarised by a
//! MinHash signature; signatures are bucketed by LSH bands, so candidates
//! are found by index, and a candidate whose estimated Jaccard similarity
//! reaches [`WireRule::threshold`] makes the new document a copy of it.

/// Signature length (hash functions); 16 bands of 4 rows: a pair at
/// Jaccard 0.7 shares a band with probability 0.99, at 0.3 with 0.12.
pub const K: usize = 64;
pub const BANDS: usize = 16;
const ROWS: usize = K / BANDS;
const SHINGLE: usize = 5;

/// When a document is a wire copy of another.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WireRule {
    /// Estimated Jaccard similarity of word 5-shingles at or above which two
    /// documents are one story.
    pub threshold: f64,
    /// Documents with fewer shingles are never called copies (short briefs
    /// share too much boilerplate to tell).
    pub min_shingles: usize,
}

impl Default for WireRule {
    fn default() -> Self {
        WireRule {
            threshold: 0.7,
            min_shingles: 25,
        }
    }
}

fn mix(mut z: u64) -> u64 {
    // splitmix64's finaliser: a fixed, platform-independent hash.
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn fnv(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The MinHash signature of a text, or `None` when it has fewer shingles
/// than the rule asks.
pub fn signature(text: &str, rule: &WireRule) -> Option<Vec<u64>> {
    let words: Vec<u64> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| fnv(&w.to_lowercase()))
        .collect();
    if words.len() < SHINGLE {
        return None;
    }
    let mut shingles: Vec<u64> = words
        .windows(SHINGLE)
        .map(|w| w.iter().fold(0u64, |h, &x| mix(h ^ x)))
        .collect();
    shingles.sort_unstable();
    shingles.dedup();
    if shingles.len() < rule.min_shingles.max(1) {
        return None;
    }
    let mut sig = vec![u64::MAX; K];
    for &s in &shingles {
        for (i, slot) in sig.iter_mut().enumerate() {
            let h = mix(s ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d));
            if h < *slot {
                *slot = h;
            }
        }
    }
    Some(sig)
}

/// One hash per band, for the `doc_bands` index (as i64 for SQLite).
pub fn bands(sig: &[u64]) -> Vec<i64> {
    sig.chunks(ROWS)
        .map(|c| c.iter().fold(0u64, |h, &x| mix(h ^ x)) as i64)
        .collect()
}

/// Estimated Jaccard similarity of two signatures.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

pub fn to_blob(sig: &[u64]) -> Vec<u8> {
    sig.iter().flat_map(|x| x.to_le_bytes()).collect()
}

pub fn from_blob(b: &[u8]) -> Vec<u64> {
    b.chunks_exact(8)
        .map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Negotiators from the two coastal republics met in a lakeside hotel on \
        Tuesday to discuss the disputed fishing grounds, officials said. The talks, the \
        third round this year, ended without agreement but both delegations promised to \
        return next month. A spokeswoman for the northern delegation said the meeting had \
        been frank and useful, while the southern foreign ministry accused its neighbour of \
        sending patrol boats into the contested waters during the talks.";

    #[test]
    fn a_republished_copy_is_similar_and_another_story_is_not() {
        let rule = WireRule::default();
        let a = signature(STORY, &rule).unwrap();
        let copy = format!(
            "LAKESIDE (Wire) - {} Reporting by a staff correspondent.",
            STORY.replace("officials said", "officials told reporters")
        );
        let b = signature(&copy, &rule).unwrap();
        assert!(
            similarity(&a, &b) >= rule.threshold,
            "{}",
            similarity(&a, &b)
        );
        assert!(bands(&a).iter().zip(bands(&b)).any(|(x, y)| *x == y));
        let other = "The central bank raised its main interest rate by half a point on \
            Thursday, the fourth increase this year, citing stubborn inflation in food and \
            energy prices. Economists had expected a smaller move, and the currency rose \
            against the dollar after the announcement, traders in the capital said.";
        let c = signature(other, &rule).unwrap();
        assert!(similarity(&a, &c) < 0.2);
        assert_eq!(from_blob(&to_blob(&a)), a);
        assert!(signature("Too short to judge.", &rule).is_none());
    }
}
