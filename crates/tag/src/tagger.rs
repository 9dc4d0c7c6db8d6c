//! Part-of-speech tagging: a greedy averaged perceptron over Penn Treebank
//! tags (after Collins 2002 and Honnibal's well-known tagger), with word,
//! affix, shape and neighbouring-tag features.

use crate::perceptron::{argmax, feat, Model, Trainer};

/// Tags in class order; index = class.
pub use dyad_document::TAGS;

/// The word form the features see: lower-cased, digits folded, so that
/// "2024" and "1999" share statistics.
pub fn norm(word: &str) -> String {
    if word.bytes().all(|b| b.is_ascii_digit()) {
        return if word.len() == 4 {
            "!YEAR".into()
        } else {
            "!DIGITS".into()
        };
    }
    if word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word.chars().any(|c| c.is_ascii_digit())
    {
        return "!NUM".into();
    }
    word.to_lowercase()
}

/// Word shape: X for upper, x for lower, d for digit, runs collapsed.
fn shape(word: &str) -> String {
    let mut s = String::new();
    for c in word.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if !s.ends_with(k) {
            s.push(k);
        }
    }
    s
}

fn suffix(w: &str, n: usize) -> &str {
    let mut it = w.char_indices().rev().skip(n.saturating_sub(1));
    match it.next() {
        Some((i, _)) => &w[i..],
        None => w,
    }
}

fn prefix(w: &str, n: usize) -> &str {
    match w.char_indices().nth(n) {
        Some((i, _)) => &w[..i],
        None => w,
    }
}

/// Tags a lexicon gives a word ("" when it is not listed).
pub type Lexicon = rustc_hash::FxHashMap<String, String>;

/// Features of token `i` given the words and the tags already chosen.
pub fn features(
    words: &[&str],
    normed: &[String],
    lex: &Lexicon,
    tags: &[&str],
    i: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    let w = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 {
            "-START-"
        } else if j as usize >= normed.len() {
            "-END-"
        } else {
            &normed[j as usize]
        }
    };
    let t = |k: usize| -> &str {
        if i < k {
            "-START-"
        } else {
            tags[i - k]
        }
    };
    let word = words[i];
    let n0 = w(0);
    let (p1, p2) = (t(1), t(2));
    out.push(feat(0, &[]));
    out.push(feat(1, &[n0.as_bytes()]));
    out.push(feat(2, &[suffix(n0, 3).as_bytes()]));
    out.push(feat(3, &[suffix(n0, 2).as_bytes()]));
    out.push(feat(4, &[prefix(n0, 1).as_bytes()]));
    out.push(feat(5, &[prefix(n0, 3).as_bytes()]));
    out.push(feat(6, &[p1.as_bytes()]));
    out.push(feat(7, &[p2.as_bytes()]));
    out.push(feat(8, &[p1.as_bytes(), p2.as_bytes()]));
    out.push(feat(9, &[p1.as_bytes(), n0.as_bytes()]));
    out.push(feat(10, &[w(-1).as_bytes()]));
    out.push(feat(11, &[suffix(w(-1), 3).as_bytes()]));
    out.push(feat(12, &[w(-2).as_bytes()]));
    out.push(feat(13, &[w(1).as_bytes()]));
    out.push(feat(14, &[suffix(w(1), 3).as_bytes()]));
    out.push(feat(15, &[w(2).as_bytes()]));
    out.push(feat(16, &[shape(word).as_bytes()]));
    out.push(feat(17, &[n0.as_bytes(), w(1).as_bytes()]));
    out.push(feat(18, &[w(-1).as_bytes(), n0.as_bytes()]));
    // Capitalised away from the sentence start is the strongest proper-noun cue.
    let cap = word.chars().next().is_some_and(char::is_uppercase);
    out.push(feat(19, &[&[cap as u8, (i == 0) as u8]]));
    out.push(feat(20, &[&[cap as u8], p1.as_bytes()]));
    if word.contains('-') {
        out.push(feat(21, &[suffix(n0, 4).as_bytes()]));
    }
    // What a dictionary says the word can be: the main help for words the
    // training text never showed.
    let l = |k: isize| -> &str {
        let j = i as isize + k;
        if j < 0 || j as usize >= normed.len() {
            "-"
        } else {
            lex.get(normed[j as usize].as_str())
                .map_or("?", String::as_str)
        }
    };
    let l0 = l(0);
    out.push(feat(22, &[l0.as_bytes()]));
    out.push(feat(23, &[l0.as_bytes(), p1.as_bytes()]));
    out.push(feat(24, &[l0.as_bytes(), l(1).as_bytes()]));
    out.push(feat(25, &[l(-1).as_bytes(), l0.as_bytes()]));
    out.push(feat(26, &[l0.as_bytes(), suffix(n0, 3).as_bytes()]));
}

/// A trained tagger.
pub struct Tagger {
    pub model: Model,
    pub lexicon: Lexicon,
}

impl Tagger {
    /// Tags for one sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<&'static str> {
        let normed: Vec<String> = words.iter().map(|w| norm(w)).collect();
        let mut tags: Vec<&'static str> = Vec::with_capacity(words.len());
        let mut f = Vec::with_capacity(32);
        let mut scores = vec![0.0; self.model.classes];
        for i in 0..words.len() {
            features(words, &normed, &self.lexicon, &tags, i, &mut f);
            self.model.score(&f, &mut scores);
            tags.push(TAGS[argmax(&scores, 0..TAGS.len())]);
        }
        tags
    }
}

/// Train on sentences of (words, gold tags).
pub fn train(
    sentences: &[(Vec<String>, Vec<&'static str>)],
    lex: &Lexicon,
    epochs: usize,
    seed: u64,
) -> Model {
    let mut t = Trainer::new(TAGS.len());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut f = Vec::with_capacity(32);
    let mut scores = vec![0.0; TAGS.len()];
    let mut rng = seed;
    for epoch in 0..epochs {
        let (mut right, mut total) = (0usize, 0usize);
        for &s in &order {
            let (words, gold) = &sentences[s];
            let wref: Vec<&str> = words.iter().map(String::as_str).collect();
            let normed: Vec<String> = words.iter().map(|w| norm(w)).collect();
            let mut tags: Vec<&'static str> = Vec::with_capacity(words.len());
            for (i, gold_tag) in gold.iter().enumerate() {
                features(&wref, &normed, lex, &tags, i, &mut f);
                t.score(&f, &mut scores);
                let guess = argmax(&scores, 0..TAGS.len());
                let truth = TAGS.iter().position(|x| x == gold_tag).unwrap_or(guess);
                t.update(truth, guess, &f);
                right += (truth == guess) as usize;
                total += 1;
                // Train on the model's own history, as at run time.
                tags.push(TAGS[guess]);
            }
        }
        eprintln!(
            "tagger epoch {epoch}: {:.4} on training data",
            right as f64 / total.max(1) as f64
        );
        shuffle(&mut order, &mut rng);
    }
    t.average(MIN_WEIGHT)
}

/// Averaged weights smaller than this are dropped from the model.
pub const MIN_WEIGHT: f32 = 1.0;

/// Deterministic Fisher-Yates with a xorshift generator.
pub fn shuffle(v: &mut [usize], state: &mut u64) {
    for i in (1..v.len()).rev() {
        *state ^= *state << 13;
        *state ^= *state >> 7;
        *state ^= *state << 17;
        let j = (*state % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}
