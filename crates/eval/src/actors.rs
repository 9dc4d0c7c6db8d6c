//! Scoring recognised mentions against the seed article's hand-made
//! reference (`../shared/eval/seed/gold.json`): people, organisations and
//! countries, matched on text since the reference gives no offsets.

use dyad_document::{Document, MentionKind};
use serde_json::Value;

/// Found/expected counts; displays as the `seed-actors:` line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedActors {
    pub people: usize,
    pub people_total: usize,
    /// People found with the reference code (or an alternative one).
    pub codes: usize,
    pub orgs: usize,
    pub orgs_total: usize,
    pub countries: usize,
    pub countries_total: usize,
    /// Mentions of the outlet that are not of kind Outlet or carry a code.
    pub outlet_as_actor: usize,
    /// Reference people not found or coded wrongly, for reports.
    pub misses: Vec<String>,
}

impl std::fmt::Display for SeedActors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "seed-actors: people={}/{} codes={}/{} orgs={}/{} countries={}/{} outlet_as_actor={}",
            self.people,
            self.people_total,
            self.codes,
            self.people_total,
            self.orgs,
            self.orgs_total,
            self.countries,
            self.countries_total,
            self.outlet_as_actor
        )
    }
}

fn norm(s: &str) -> String {
    dyad_recognise::normalise_str(s)
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().filter_map(|x| x.as_str().map(norm)).collect())
        .unwrap_or_default()
}

/// Scores a recognised document against the parsed `gold.json`.
pub fn seed_actors(doc: &Document, gold: &Value) -> SeedActors {
    let mut s = SeedActors::default();
    let texts: Vec<(String, &dyad_document::Mention)> = doc
        .mentions
        .iter()
        .map(|m| (norm(doc.slice(m.span)), m))
        .collect();
    for p in gold["people"].as_array().into_iter().flatten() {
        s.people_total += 1;
        let forms = strings(&p["mentions"]);
        let mut codes = strings(&p["alt_codes"]);
        if let Some(c) = p["code"].as_str() {
            codes.push(norm(c));
        }
        let found: Vec<&dyad_document::Mention> = texts
            .iter()
            .filter(|(t, m)| {
                m.kind == MentionKind::Person
                    && forms
                        .iter()
                        .any(|f| t == f || t.ends_with(&format!(" {f}")))
            })
            .map(|(_, m)| *m)
            .collect();
        let name = p["name"].as_str().unwrap_or("?");
        if found.is_empty() {
            s.misses.push(format!("{name}: not found"));
            continue;
        }
        s.people += 1;
        if found
            .iter()
            .any(|m| m.code.as_deref().is_some_and(|c| codes.contains(&norm(c))))
        {
            s.codes += 1;
        } else {
            s.misses
                .push(format!("{name}: code {:?}", found[0].code.as_deref()));
        }
    }
    for o in gold["organizations"].as_array().into_iter().flatten() {
        if o.get("kind").is_some() {
            continue;
        }
        s.orgs_total += 1;
        let forms = strings(&o["mentions"]);
        if texts
            .iter()
            .any(|(t, m)| m.kind == MentionKind::Org && forms.contains(t))
        {
            s.orgs += 1;
        }
    }
    for c in gold["places"]["countries"].as_array().into_iter().flatten() {
        let Some(name) = c.as_str() else { continue };
        s.countries_total += 1;
        if doc.mentions.iter().any(|m| {
            m.kind == MentionKind::Country && m.code.is_some() && m.entity.as_deref() == Some(name)
        }) {
            s.countries += 1;
        }
    }
    if let Some(o) = doc.outlet.as_deref() {
        s.outlet_as_actor = doc
            .mentions
            .iter()
            .filter(|m| {
                doc.slice(m.span) == o && (m.kind != MentionKind::Outlet || m.code.is_some())
            })
            .count();
    }
    s
}
