//! Scoring time expressions against the sample article's reference
//! (`../shared/eval/seed/gold.json`, section `time_expressions`: pairs
//! `[text, value]`, no offsets). A reference expression is found when a
//! found expression overlaps one of its occurrences in the text (compared
//! without case), and resolved when one of those has its value; "about"
//! values compare without the word, and day values may be off by the
//! reference's publication-date tolerance.

use chrono::NaiveDate;
use dyad_document::{Document, Span};
use serde_json::Value;

#[derive(Debug, Default, Clone, PartialEq)]
pub struct SeedTimes {
    /// Reference expressions found in the text.
    pub found: usize,
    /// ... and resolved to the reference's value.
    pub resolved: usize,
    pub total: usize,
    /// Expressions dyad found in all.
    pub emitted: usize,
    pub misses: Vec<String>,
}

impl std::fmt::Display for SeedTimes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seed-times: found={}/{} resolved={}/{} emitted={}",
            self.found, self.total, self.resolved, self.total, self.emitted
        )
    }
}

/// Score `doc.times` against the reference's `time_expressions`.
pub fn seed_times(doc: &Document, gold: &Value) -> SeedTimes {
    let tolerance = gold["publication_date"]["tolerance_days"]
        .as_i64()
        .unwrap_or(0);
    // ASCII lowering keeps byte offsets, so spans compare directly.
    let text = doc.text.to_ascii_lowercase();
    let mut s = SeedTimes {
        emitted: doc.times.len(),
        ..Default::default()
    };
    for item in gold["time_expressions"].as_array().into_iter().flatten() {
        let (Some(want_text), Some(want)) = (item[0].as_str(), item[1].as_str()) else {
            continue;
        };
        s.total += 1;
        let needle = want_text.to_ascii_lowercase();
        let overlapping: Vec<&dyad_document::TimeExpr> = text
            .match_indices(&needle)
            .flat_map(|(at, _)| {
                let occ = Span::new(at, at + needle.len());
                doc.times
                    .iter()
                    .filter(move |t| t.span.start < occ.end && occ.start < t.span.end)
            })
            .collect();
        if overlapping.is_empty() {
            s.misses.push(format!("{want_text:?}: not found"));
            continue;
        }
        s.found += 1;
        if overlapping
            .iter()
            .any(|t| t.value.as_deref().is_some_and(|v| same(v, want, tolerance)))
        {
            s.resolved += 1;
        } else {
            let got: Vec<&str> = overlapping
                .iter()
                .map(|t| t.value.as_deref().unwrap_or("-"))
                .collect();
            s.misses.push(format!(
                "{want_text:?}: got {}, want {want}",
                got.join(" | ")
            ));
        }
    }
    s
}

/// Whether a value matches the reference's, ignoring "about" and allowing
/// days (and interval ends) to differ by `tolerance` days.
fn same(got: &str, want: &str, tolerance: i64) -> bool {
    let want = want.trim();
    let want = want.strip_prefix("about").map_or(want, str::trim);
    if got == want {
        return true;
    }
    let (g, w): (Vec<&str>, Vec<&str>) = (got.split('/').collect(), want.split('/').collect());
    let day = |x: &str| NaiveDate::parse_from_str(x, "%Y-%m-%d").ok();
    g.len() == w.len()
        && g.iter().zip(&w).all(|(a, b)| match (day(a), day(b)) {
            (Some(a), Some(b)) => (a - b).num_days().abs() <= tolerance,
            _ => a == b,
        })
}

#[cfg(test)]
mod tests {
    use super::same;

    #[test]
    fn values_compare_without_about_and_within_tolerance() {
        assert!(same("2024-11-20", "about 2024-11-20", 0));
        assert!(same("2024-11-21", "about 2024-11-20", 1));
        assert!(!same("2024-11-22", "about 2024-11-20", 1));
        assert!(same("2024-11-26/2024-12-02", "2024-11-25/2024-12-01", 1));
        assert!(!same("2024-10", "2024-11", 1));
        assert!(!same("2024", "2024-11-25/2024-12-01", 1));
    }
}
