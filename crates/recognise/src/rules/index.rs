//! Token indexes over the raw matches and the mentions being built, so that
//! a pass asking "what covers, starts or ends at this token?" pays for the
//! answer, not for a scan of every match or mention: a scan per token is
//! quadratic in a long document.

use std::collections::HashMap;
use std::ops::Range;

use super::{Item, M};
use dyad_document::MentionKind;

/// How many mentions cover (or end at) each token. Kept beside `out` by
/// the passes that add and drop mentions as they walk the tokens.
pub(super) struct Cover {
    /// Counts for the tokens `base..base + counts.len()`, the part of the
    /// document a pass walks; other tokens count as uncovered.
    base: usize,
    counts: Vec<u32>,
    /// Only mentions of these kinds count; every mention when `None`.
    kinds: Option<&'static [MentionKind]>,
    /// Count a mention at its last token only.
    ends: bool,
}

impl Cover {
    /// The tokens every mention covers.
    pub(super) fn of(out: &[M], tokens: Range<usize>) -> Cover {
        Cover::build(out, tokens, None, false)
    }

    /// The tokens the mentions of these kinds cover.
    pub(super) fn of_kinds(
        out: &[M],
        tokens: Range<usize>,
        kinds: &'static [MentionKind],
    ) -> Cover {
        Cover::build(out, tokens, Some(kinds), false)
    }

    /// The tokens where mentions of these kinds end.
    pub(super) fn ends_of(out: &[M], tokens: Range<usize>, kinds: &'static [MentionKind]) -> Cover {
        Cover::build(out, tokens, Some(kinds), true)
    }

    fn build(
        out: &[M],
        tokens: Range<usize>,
        kinds: Option<&'static [MentionKind]>,
        ends: bool,
    ) -> Cover {
        let mut c = Cover {
            base: tokens.start,
            counts: vec![0; tokens.len()],
            kinds,
            ends,
        };
        for m in out {
            c.add(m);
        }
        c
    }

    /// The indexes into `counts` of the tokens `m` covers (or ends at).
    fn tokens(&self, m: &M) -> Range<usize> {
        let end = self.base + self.counts.len();
        if self.kinds.is_some_and(|k| !k.contains(&m.m.kind)) {
            return 0..0;
        }
        let first = if self.ends { m.t1 } else { m.t0 };
        let (a, b) = (first.max(self.base), (m.t1 + 1).min(end));
        if a >= b {
            return 0..0;
        }
        a - self.base..b - self.base
    }

    pub(super) fn add(&mut self, m: &M) {
        for t in self.tokens(m) {
            self.counts[t] += 1;
        }
    }

    pub(super) fn remove(&mut self, m: &M) {
        for t in self.tokens(m) {
            self.counts[t] = self.counts[t].saturating_sub(1);
        }
    }

    pub(super) fn has(&self, t: usize) -> bool {
        t >= self.base && self.counts.get(t - self.base).is_some_and(|&n| n > 0)
    }
}

/// The raw matches by first and last token, and which tokens any covers.
/// The matches don't change once the outlet has been taken out of them.
pub(super) struct Items {
    by_t0: HashMap<usize, Vec<usize>>,
    by_t1: HashMap<usize, Vec<usize>>,
    covered: Vec<bool>,
}

impl Items {
    pub(super) fn new(items: &[Item], nt: usize) -> Items {
        let mut ix = Items {
            by_t0: HashMap::new(),
            by_t1: HashMap::new(),
            covered: vec![false; nt],
        };
        for (k, it) in items.iter().enumerate() {
            ix.by_t0.entry(it.t0).or_default().push(k);
            ix.by_t1.entry(it.t1).or_default().push(k);
            for t in it.t0..=it.t1.min(nt.saturating_sub(1)) {
                ix.covered[t] = true;
            }
        }
        ix
    }

    /// The matches starting at token `t`, in match order.
    pub(super) fn starting(&self, t: usize) -> &[usize] {
        self.by_t0.get(&t).map_or(&[], Vec::as_slice)
    }

    /// The matches ending at token `t`, in match order.
    pub(super) fn ending(&self, t: usize) -> &[usize] {
        self.by_t1.get(&t).map_or(&[], Vec::as_slice)
    }

    /// Whether any match covers token `t`.
    pub(super) fn covers(&self, t: usize) -> bool {
        self.covered.get(t).copied().unwrap_or(false)
    }
}

/// The mentions by last token, for a pass that removes some while it adds
/// others: a removed mention is marked, and [`Ends::compact`] drops the
/// marked ones at the end, keeping the order of the rest.
pub(super) struct Ends {
    by_t1: HashMap<usize, Vec<usize>>,
    gone: Vec<bool>,
}

impl Ends {
    pub(super) fn new(out: &[M]) -> Ends {
        let mut e = Ends {
            by_t1: HashMap::new(),
            gone: vec![false; out.len()],
        };
        for (i, m) in out.iter().enumerate() {
            e.by_t1.entry(m.t1).or_default().push(i);
        }
        e
    }

    /// The first mention still there that ends at `t` and satisfies `f`.
    pub(super) fn find(&self, out: &[M], t: usize, f: impl Fn(&M) -> bool) -> Option<usize> {
        self.by_t1
            .get(&t)?
            .iter()
            .copied()
            .find(|&i| !self.gone[i] && f(&out[i]))
    }

    pub(super) fn remove(&mut self, i: usize) {
        self.gone[i] = true;
    }

    /// `out` without the removed mentions (those pushed after [`Ends::new`]
    /// stay).
    pub(super) fn compact(self, out: &mut Vec<M>) {
        let mut i = 0;
        out.retain(|_| {
            let keep = !self.gone.get(i).copied().unwrap_or(false);
            i += 1;
            keep
        });
    }
}
