//! Part-of-speech tagging: a greedy averaged perceptron over Penn Treebank
//! tags (after Collins 2002 and Honnibal's well-known tagger), with word,
//! affix, shape and neighbouring-tag features.

use crate::perceptron::{argmax, hstr, mix, Model, Trainer};

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

/// What the features need of one token, hashed once per sentence.
#[derive(Clone, Copy)]
pub struct Tok {
    word: u64,
    suf3: u64,
    suf2: u64,
    suf4: u64,
    pre1: u64,
    pre3: u64,
    shape: u64,
    lex: u64,
    cap: bool,
    hyphen: bool,
}

/// Hash the words of a sentence for [`features`].
pub fn prepare(words: &[&str], lex: &Lexicon) -> Vec<Tok> {
    words
        .iter()
        .map(|w| {
            let n = norm(w);
            Tok {
                word: hstr(&n),
                suf3: hstr(suffix(&n, 3)),
                suf2: hstr(suffix(&n, 2)),
                suf4: hstr(suffix(&n, 4)),
                pre1: hstr(prefix(&n, 1)),
                pre3: hstr(prefix(&n, 3)),
                shape: hstr(&shape(w)),
                lex: hstr(lex.get(n.as_str()).map_or("?", String::as_str)),
                cap: w.chars().next().is_some_and(char::is_uppercase),
                hyphen: w.contains('-'),
            }
        })
        .collect()
}

const START: u64 = 0x0053_5441_5254;
const END: u64 = 0x0045_4e44;

/// Features of token `i` given the tags (class indices) already chosen.
pub fn features(toks: &[Tok], tags: &[u8], i: usize, out: &mut Vec<u64>) {
    out.clear();
    let at = |k: isize| -> Option<&Tok> {
        let j = i as isize + k;
        (j >= 0).then(|| toks.get(j as usize)).flatten()
    };
    let w = |k: isize| at(k).map_or(if k < 0 { START } else { END }, |t| t.word);
    let l = |k: isize| at(k).map_or(START, |t| t.lex);
    let t = |k: usize| if i < k { START } else { tags[i - k] as u64 + 1 };
    let me = &toks[i];
    let (p1, p2) = (t(1), t(2));
    out.push(mix(0, &[]));
    out.push(mix(1, &[me.word]));
    out.push(mix(2, &[me.suf3]));
    out.push(mix(3, &[me.suf2]));
    out.push(mix(4, &[me.pre1]));
    out.push(mix(5, &[me.pre3]));
    out.push(mix(6, &[p1]));
    out.push(mix(7, &[p2]));
    out.push(mix(8, &[p1, p2]));
    out.push(mix(9, &[p1, me.word]));
    out.push(mix(10, &[w(-1)]));
    out.push(mix(11, &[at(-1).map_or(START, |t| t.suf3)]));
    out.push(mix(12, &[w(-2)]));
    out.push(mix(13, &[w(1)]));
    out.push(mix(14, &[at(1).map_or(END, |t| t.suf3)]));
    out.push(mix(15, &[w(2)]));
    out.push(mix(16, &[me.shape]));
    out.push(mix(17, &[me.word, w(1)]));
    out.push(mix(18, &[w(-1), me.word]));
    // Capitalised away from the sentence start is the strongest proper-noun cue.
    out.push(mix(19, &[me.cap as u64, (i == 0) as u64]));
    out.push(mix(20, &[me.cap as u64, p1]));
    if me.hyphen {
        out.push(mix(21, &[me.suf4]));
    }
    // What a dictionary says the word can be: the main help for words the
    // training text never showed.
    out.push(mix(22, &[me.lex]));
    out.push(mix(23, &[me.lex, p1]));
    out.push(mix(24, &[me.lex, l(1)]));
    out.push(mix(25, &[l(-1), me.lex]));
    out.push(mix(26, &[me.lex, me.suf3]));
}

/// A trained tagger.
pub struct Tagger {
    pub model: Model,
    pub lexicon: Lexicon,
}

impl Tagger {
    /// Tags for one sentence.
    pub fn tag(&self, words: &[&str]) -> Vec<&'static str> {
        let toks = prepare(words, &self.lexicon);
        let mut tags: Vec<u8> = Vec::with_capacity(words.len());
        let mut f = Vec::with_capacity(32);
        let mut scores = vec![0.0; self.model.classes];
        for i in 0..words.len() {
            features(&toks, &tags, i, &mut f);
            self.model.score(&f, &mut scores);
            tags.push(argmax(&scores, 0..TAGS.len()) as u8);
        }
        tags.into_iter().map(|t| TAGS[t as usize]).collect()
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
            let toks = prepare(&wref, lex);
            let mut tags: Vec<u8> = Vec::with_capacity(words.len());
            for (i, gold_tag) in gold.iter().enumerate() {
                features(&toks, &tags, i, &mut f);
                t.score(&f, &mut scores);
                let guess = argmax(&scores, 0..TAGS.len());
                let truth = TAGS.iter().position(|x| x == gold_tag).unwrap_or(guess);
                t.update(truth, guess, &f);
                right += (truth == guess) as usize;
                total += 1;
                // Train on the model's own history, as at run time.
                tags.push(guess as u8);
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
pub const MIN_WEIGHT: f32 = 1.5;

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
