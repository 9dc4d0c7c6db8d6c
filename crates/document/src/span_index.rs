//! Which spans overlap a given one, in logarithmic time: stages ask this of
//! every mention against every other, which is quadratic in a long document
//! when done by scanning.

use crate::Span;

/// Spans sorted by start, with the running maximum of their ends, so that a
/// query stops as soon as no earlier span can reach it.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    /// (span, the caller's index of it), by start.
    spans: Vec<(Span, usize)>,
    /// `max_end[i]`: the largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl SpanIndex {
    /// An index of `spans`; each keeps its position in the iterator.
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanIndex {
        let mut spans: Vec<(Span, usize)> = spans.into_iter().zip(0..).collect();
        spans.sort_by_key(|(s, i)| (s.start, s.end, *i));
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = 0;
        for (s, _) in &spans {
            m = m.max(s.end);
            max_end.push(m);
        }
        SpanIndex { spans, max_end }
    }

    /// The positions of the spans that share at least one byte with `s`,
    /// from the last-starting back.
    pub fn overlapping(&self, s: Span) -> impl Iterator<Item = usize> + '_ {
        let upto = self.spans.partition_point(|(x, _)| x.start < s.end);
        (0..upto)
            .rev()
            .take_while(move |&j| self.max_end[j] > s.start)
            .filter(move |&j| self.spans[j].0.end > s.start)
            .map(move |j| self.spans[j].1)
    }

    /// Whether any span shares a byte with `s`.
    pub fn overlaps(&self, s: Span) -> bool {
        self.overlapping(s).next().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_match_a_scan() {
        let spans: Vec<Span> = [(0, 5), (3, 40), (10, 12), (12, 15), (20, 21), (50, 60)]
            .iter()
            .map(|&(a, b)| Span::new(a, b))
            .collect();
        let idx = SpanIndex::new(spans.iter().copied());
        for a in 0..65 {
            for b in a..66 {
                let q = Span::new(a, b);
                let mut got: Vec<usize> = idx.overlapping(q).collect();
                got.sort();
                let want: Vec<usize> = (0..spans.len())
                    .filter(|&i| spans[i].start < q.end && q.start < spans[i].end)
                    .collect();
                assert_eq!(got, want, "{q:?}");
            }
        }
    }
}
