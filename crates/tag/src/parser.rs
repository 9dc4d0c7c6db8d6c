//! Dependency parsing: a greedy, labelled arc-hybrid transition parser
//! trained with a dynamic oracle (Goldberg & Nivre 2012) and scored by an
//! averaged perceptron. Features follow Honnibal's "Parsing English in 500
//! lines" plus the labels of already-attached children (Zhang & Nivre
//! 2011), which tell, say, a verb that it already has its subject.
//!
//! Positions: 0 is a start pad, 1..=n the words, n+1 the root.

use crate::perceptron::{argmax, hstr, mix, Model, Trainer};
use dyad_document::RELS;

/// Moves: SHIFT, then RIGHT with each label, then LEFT with each label.
const SHIFT: usize = 0;

fn right(l: usize) -> usize {
    1 + l
}

fn left(l: usize) -> usize {
    1 + RELS.len() + l
}

fn classes() -> usize {
    1 + 2 * RELS.len()
}

/// What kind of move a class is, and its label.
fn kind(mv: usize) -> (u8, usize) {
    if mv == SHIFT {
        (0, 0)
    } else if mv <= RELS.len() {
        (1, mv - 1)
    } else {
        (2, mv - 1 - RELS.len())
    }
}

struct State {
    stack: Vec<usize>,
    i: usize,
    heads: Vec<usize>,
    labels: Vec<usize>,
    lefts: Vec<Vec<usize>>,
    rights: Vec<Vec<usize>>,
}

impl State {
    fn new(len: usize) -> State {
        State {
            stack: vec![1],
            i: 2,
            heads: vec![usize::MAX; len],
            labels: vec![0; len],
            lefts: vec![Vec::new(); len],
            rights: vec![Vec::new(); len],
        }
    }

    fn add(&mut self, head: usize, child: usize, label: usize) {
        self.heads[child] = head;
        self.labels[child] = label;
        if child < head {
            self.lefts[head].push(child);
        } else {
            self.rights[head].push(child);
        }
    }

    /// Valid move kinds: [shift, right, left].
    fn valid(&self, n: usize) -> [bool; 3] {
        [
            self.i + 1 < n,
            self.stack.len() >= 2,
            !self.stack.is_empty(),
        ]
    }

    fn apply(&mut self, mv: usize) {
        match kind(mv) {
            (0, _) => {
                self.stack.push(self.i);
                self.i += 1;
            }
            (1, l) => {
                let s0 = self.stack.pop().expect("valid move");
                let s1 = *self.stack.last().expect("valid move");
                self.add(s1, s0, l);
            }
            (_, l) => {
                let s0 = self.stack.pop().expect("valid move");
                self.add(self.i, s0, l);
            }
        }
    }
}

/// Zero-cost move kinds under the gold tree (unlabelled).
fn gold_kinds(st: &State, n: usize, gold: &[usize]) -> [bool; 3] {
    let valid = st.valid(n);
    let n0 = st.i;
    let Some(&s0) = st.stack.last() else {
        return [true, false, false];
    };
    if valid[0] && gold[n0] == s0 {
        return [true, false, false];
    }
    if gold[s0] == n0 {
        return [false, false, true];
    }
    let mut ok = valid;
    if st.stack.len() >= 2 && gold[s0] == st.stack[st.stack.len() - 2] {
        ok[2] = false;
    }
    let linked = |a: usize, w: usize| gold[w] == a || gold[a] == w;
    if ok[0] && st.stack.iter().any(|&w| linked(n0, w)) {
        ok[0] = false;
    }
    if (n0 + 1..n - 1).any(|w| linked(s0, w)) {
        ok[1] = false;
        ok[2] = false;
    }
    if !ok.iter().any(|&b| b) {
        // Non-projective gold: any valid move is as good as another.
        return valid;
    }
    ok
}

/// Zero-cost labelled moves: a move that makes a gold arc must carry its
/// gold label; a move that makes a wrong arc may carry any.
fn gold_moves(st: &State, n: usize, gold: &[usize], gold_labels: &[usize], out: &mut Vec<usize>) {
    out.clear();
    let ok = gold_kinds(st, n, gold);
    if ok[0] {
        out.push(SHIFT);
    }
    if let Some(&s0) = st.stack.last() {
        if ok[1] {
            let s1 = st.stack[st.stack.len() - 2];
            if gold[s0] == s1 {
                out.push(right(gold_labels[s0]));
            } else {
                out.extend((0..RELS.len()).map(right));
            }
        }
        if ok[2] {
            if gold[s0] == st.i {
                out.push(left(gold_labels[s0]));
            } else {
                out.extend((0..RELS.len()).map(left));
            }
        }
    }
}

/// The moves allowed in a state. Arcs to the root take the label ROOT and
/// only those do.
fn allowed(st: &State, n: usize, out: &mut Vec<usize>) {
    out.clear();
    let v = st.valid(n);
    if v[0] {
        out.push(SHIFT);
    }
    if v[1] {
        out.extend((1..RELS.len()).map(right));
    }
    if v[2] {
        if st.i == n - 1 {
            out.push(left(0));
        } else {
            out.extend((1..RELS.len()).map(left));
        }
    }
}

/// Feature extraction over a state: words and tags hashed once per
/// sentence, features made by mixing those numbers.
struct Ctx {
    words: Vec<u64>,
    tags: Vec<u64>,
}

impl Ctx {
    fn new(words: &[&str], tags: &[&str]) -> Ctx {
        Ctx {
            words: words.iter().map(|w| hstr(w)).collect(),
            tags: tags.iter().map(|t| hstr(t)).collect(),
        }
    }

    fn features(&self, st: &State, out: &mut Vec<u64>) {
        out.clear();
        let n = self.words.len();
        let (w, t) = (&self.words, &self.tags);
        let depth = st.stack.len();
        let s = |k: usize| -> Option<usize> { (depth > k).then(|| st.stack[depth - 1 - k]) };
        let b = |k: usize| -> Option<usize> { (st.i + k < n).then_some(st.i + k) };
        let ws = |x: Option<usize>| x.map_or(0, |x| w[x]);
        let ts = |x: Option<usize>| x.map_or(0, |x| t[x]);
        let ls = |x: Option<usize>| x.map_or(0, |x| st.labels[x] as u64 + 1);
        let kids =
            |x: Option<usize>, list: &Vec<Vec<usize>>| -> (usize, Option<usize>, Option<usize>) {
                match x {
                    None => (0, None, None),
                    Some(x) => {
                        let d = &list[x];
                        (
                            d.len(),
                            d.last().copied(),
                            d.len().checked_sub(2).map(|k| d[k]),
                        )
                    }
                }
            };
        let (s0, s1, s2) = (s(0), s(1), s(2));
        let (n0, n1, n2) = (b(0), b(1), b(2));
        let (vn0b, n0b1, n0b2) = kids(n0, &st.lefts);
        let (vs0b, s0b1, s0b2) = kids(s0, &st.lefts);
        let (vs0f, s0f1, s0f2) = kids(s0, &st.rights);
        let (_, s1b1, _) = kids(s1, &st.lefts);
        let (_, s1f1, _) = kids(s1, &st.rights);
        let dist = match (s0, n0) {
            (Some(a), Some(c)) => (c - a).min(5) as u64,
            _ => 0,
        };
        out.push(mix(0, &[]));
        for (k, x) in [n0, n1, n2, s0, s1, s2, n0b1, n0b2, s0b1, s0b2, s0f1, s0f2]
            .into_iter()
            .enumerate()
        {
            if let Some(x) = x {
                out.push(mix(1, &[k as u64, w[x]]));
                out.push(mix(2, &[k as u64, t[x]]));
            }
        }
        for (k, x) in [n0, n1, n2, s0].into_iter().enumerate() {
            if x.is_some() {
                out.push(mix(3, &[k as u64, ws(x), ts(x)]));
            }
        }
        let (wn0, tn0, ws0, ts0) = (ws(n0), ts(n0), ws(s0), ts(s0));
        out.push(mix(4, &[ws0, wn0]));
        out.push(mix(5, &[wn0, tn0, ws0]));
        out.push(mix(6, &[wn0, tn0, ts0]));
        out.push(mix(7, &[tn0, ws0, ts0]));
        out.push(mix(8, &[wn0, ws0, ts0]));
        out.push(mix(9, &[wn0, tn0, ws0, ts0]));
        out.push(mix(10, &[tn0, ts0]));
        let tri = [
            (n0, n1, n2),
            (s0, n0, n1),
            (s0, s1, n0),
            (s0, s0f1, n0),
            (s0, n0, n0b1),
            (s0, s0b1, s0b2),
            (s0, s0f1, s0f2),
            (n0, n0b1, n0b2),
            (s0, s1, s2),
        ];
        for (k, (a, b2, c)) in tri.into_iter().enumerate() {
            if a.is_some() || b2.is_some() || c.is_some() {
                out.push(mix(11, &[k as u64, ts(a), ts(b2), ts(c)]));
            }
        }
        let vals: [(u64, usize); 6] = [
            (ws0, vs0f),
            (ws0, vs0b),
            (wn0, vn0b),
            (ts0, vs0f),
            (ts0, vs0b),
            (tn0, vn0b),
        ];
        for (k, (x, v)) in vals.into_iter().enumerate() {
            out.push(mix(12, &[k as u64, v as u64, x]));
        }
        for (k, x) in [ws0, wn0, ts0, tn0].into_iter().enumerate() {
            out.push(mix(13, &[k as u64, dist, x]));
        }
        out.push(mix(14, &[dist, tn0, ts0]));
        out.push(mix(15, &[dist, wn0, ws0]));
        // Labels of attached children, and label sets (Zhang & Nivre 2011).
        for (k, x) in [s0b1, s0b2, s0f1, s0f2, n0b1, n0b2].into_iter().enumerate() {
            if x.is_some() {
                out.push(mix(16, &[k as u64, ls(x)]));
                out.push(mix(17, &[k as u64, ls(x), ts0, tn0]));
            }
        }
        let set = |x: Option<usize>, list: &Vec<Vec<usize>>| -> u64 {
            x.map_or(0, |x| {
                list[x]
                    .iter()
                    .fold(0u64, |m, &c| m | 1u64 << (st.labels[c] % 64))
            })
        };
        let (l0, r0, ln) = (set(s0, &st.lefts), set(s0, &st.rights), set(n0, &st.lefts));
        out.push(mix(18, &[l0, ws0]));
        out.push(mix(19, &[l0, ts0]));
        out.push(mix(20, &[r0, ws0]));
        out.push(mix(21, &[r0, ts0]));
        out.push(mix(22, &[ln, wn0]));
        out.push(mix(23, &[ln, tn0]));
        // The second stack item's own children: what s1 already governs.
        let (ws1, ts1) = (ws(s1), ts(s1));
        out.push(mix(24, &[ts1, ts(s1b1), ts0]));
        out.push(mix(25, &[ts1, ts(s1f1), ts0]));
        out.push(mix(26, &[ts1, ls(s1f1), ts0, tn0]));
        out.push(mix(27, &[ws1, ws0]));
        out.push(mix(28, &[ws1, ts0, tn0]));
    }
}

/// A trained parser.
pub struct Parser {
    pub model: Model,
}

/// Parsed sentence: head of each word (None for the root) and its label.
pub struct Parse {
    pub heads: Vec<Option<usize>>,
    pub rels: Vec<&'static str>,
}

fn pad<'a>(words: &[&'a str], tags: &[&'a str]) -> (Vec<&'a str>, Vec<&'a str>) {
    let mut w = Vec::with_capacity(words.len() + 2);
    w.push("-START-");
    w.extend_from_slice(words);
    w.push("-ROOT-");
    let mut t = Vec::with_capacity(words.len() + 2);
    t.push("-START-");
    t.extend_from_slice(tags);
    t.push("-ROOT-");
    (w, t)
}

impl Parser {
    /// Parse one tagged sentence; words normalised as the tagger's
    /// features ([`crate::tagger::norm`]).
    pub fn parse(&self, words: &[&str], tags: &[&str]) -> Parse {
        let (w, t) = pad(words, tags);
        let n = w.len();
        let ctx = Ctx::new(&w, &t);
        let mut st = State::new(n);
        let mut f = Vec::with_capacity(128);
        let mut scores = vec![0.0f32; self.model.classes];
        let mut moves = Vec::with_capacity(classes());
        while !st.stack.is_empty() || st.i + 1 < n {
            ctx.features(&st, &mut f);
            self.model.score(&f, &mut scores);
            allowed(&st, n, &mut moves);
            let mv = argmax(&scores, moves.iter().copied());
            st.apply(mv);
        }
        Parse {
            heads: st.heads[1..n - 1]
                .iter()
                .map(|&h| (h != n - 1 && h != usize::MAX).then(|| h - 1))
                .collect(),
            rels: st.labels[1..n - 1]
                .iter()
                .zip(&st.heads[1..n - 1])
                .map(|(&l, &h)| {
                    if h == n - 1 || h == usize::MAX {
                        "ROOT"
                    } else {
                        RELS[l]
                    }
                })
                .collect(),
        }
    }
}

/// One training sentence: words (normalised), tags, gold heads (None for
/// the root) and relations.
pub struct Gold {
    pub words: Vec<String>,
    pub tags: Vec<&'static str>,
    pub heads: Vec<Option<usize>>,
    pub rels: Vec<&'static str>,
}

pub fn train(sentences: &[Gold], epochs: usize, seed: u64) -> Parser {
    let mut model = Trainer::new(classes());
    let mut order: Vec<usize> = (0..sentences.len()).collect();
    let mut rng = seed;
    let mut f = Vec::with_capacity(128);
    let mut scores = vec![0.0f32; classes()];
    let (mut moves, mut golds) = (Vec::new(), Vec::new());
    for epoch in 0..epochs {
        let (mut right_heads, mut right_labels, mut total) = (0usize, 0usize, 0usize);
        for &s in &order {
            let g = &sentences[s];
            let wref: Vec<&str> = g.words.iter().map(String::as_str).collect();
            let (w, t) = pad(&wref, &g.tags);
            let n = w.len();
            let gold: Vec<usize> = std::iter::once(usize::MAX)
                .chain(g.heads.iter().map(|h| h.map_or(n - 1, |h| h + 1)))
                .chain(std::iter::once(usize::MAX))
                .collect();
            let gold_labels: Vec<usize> = std::iter::once(0)
                .chain(
                    g.rels
                        .iter()
                        .map(|r| RELS.iter().position(|x| x == r).unwrap_or(19)),
                )
                .chain(std::iter::once(0))
                .collect();
            let ctx = Ctx::new(&w, &t);
            let mut st = State::new(n);
            while !st.stack.is_empty() || st.i + 1 < n {
                ctx.features(&st, &mut f);
                model.score(&f, &mut scores);
                allowed(&st, n, &mut moves);
                let guess = argmax(&scores, moves.iter().copied());
                gold_moves(&st, n, &gold, &gold_labels, &mut golds);
                golds.retain(|m| moves.contains(m));
                let mut next = guess;
                if !golds.is_empty() {
                    let best = argmax(&scores, golds.iter().copied());
                    model.update(best, guess, &f);
                    // Explore the model's own mistakes only once it has
                    // learnt something, and not always (Goldberg & Nivre
                    // 2012: k = 1, p = 0.9).
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    if epoch == 0 || rng.is_multiple_of(10) {
                        next = best;
                    }
                }
                st.apply(next);
            }
            for c in 1..n - 1 {
                total += 1;
                if st.heads[c] == gold[c] {
                    right_heads += 1;
                    right_labels += (gold[c] == n - 1 || st.labels[c] == gold_labels[c]) as usize;
                }
            }
        }
        eprintln!(
            "parser epoch {epoch}: uas {:.4}, las {:.4} on training data",
            right_heads as f64 / total.max(1) as f64,
            right_labels as f64 / total.max(1) as f64
        );
        crate::tagger::shuffle(&mut order, &mut rng);
    }
    Parser {
        model: model.average(crate::tagger::MIN_WEIGHT),
    }
}
