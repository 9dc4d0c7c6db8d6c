//! Organisations in no dictionary, named with a word that only an
//! organisation's name ends in: "Acme Mining Holdings Inc", "the Lagos
//! Stock Exchange", "the Riverside Tenants Association", "the National
//! Ports Authority". The run of capitalised words (with "of", "for", "and",
//! "&" between them) becomes an organisation coded with the role its last
//! word gives and the country a country or capital inside the name names,
//! else the nearest evidence around, else the document's focus (a guess).

use std::ops::Range;

use dyad_document::{MentionKind, Span};

use super::roles::{country_around, country_of, region_before};
use super::{is_name_token, mention, Cover, Ctx, M};

/// Last words of organisations' names and the role they give. Words that
/// also end place names ("Bank" in "West Bank", "Center", "Union", "Valley")
/// are left out.
const HEADS: &[(&str, &str)] = &[
    ("inc", "BUS"),
    ("corp", "BUS"),
    ("corporation", "BUS"),
    ("ltd", "BUS"),
    ("llc", "BUS"),
    ("plc", "BUS"),
    ("holdings", "BUS"),
    ("company", "BUS"),
    ("exchange", "BUS"),
    ("foundation", "NGO"),
    ("institute", "NGO"),
    ("association", "NGO"),
    ("federation", "NGO"),
    ("society", "NGO"),
    ("forum", "NGO"),
    ("commission", "GOV"),
    // Committees in political news are a legislature's ("the Judiciary
    // Committee").
    ("committee", "LEG"),
    ("agency", "GOV"),
    ("authority", "GOV"),
    ("ministry", "GOV"),
    ("department", "GOV"),
];

/// Words that may join the capitalised words of one name.
const JOINERS: &[&str] = &["of", "for", "and", "&", "on"];

/// Days and months: capitalised, but never part of an organisation's name.
fn is_calendar_word(w: &str) -> bool {
    use dyad_document::calendar::{MONTHS, WEEKDAYS};
    MONTHS
        .iter()
        .chain(WEEKDAYS.iter())
        .any(|m| m.eq_ignore_ascii_case(w))
}

fn head_role(w: &str) -> Option<&'static str> {
    // Asked of every word of every capitalised run: no allocation.
    let w = w.trim_end_matches('.');
    HEADS
        .iter()
        .find(|(h, _)| h.eq_ignore_ascii_case(w))
        .map(|(_, r)| *r)
}

/// Adds the organisations of tokens `tokens` that no mention covers yet.
pub(super) fn unknown_orgs(cx: &Ctx, out: &mut Vec<M>, tokens: Range<usize>, focus: Option<&str>) {
    const BLOCK: &[MentionKind] = &[
        MentionKind::Person,
        MentionKind::Org,
        MentionKind::Agent,
        MentionKind::Outlet,
    ];
    let cover = Cover::of_kinds(out, tokens.clone(), BLOCK);
    // Capitalised adjectives belong to names too ("the Federal Mining
    // Authority", "the Economic Crime Agency"), which taggers read as JJ.
    let named = |k: usize| {
        is_name_token(cx, k)
            || cx.tag(k) == "JJ" && cx.word(k).chars().next().is_some_and(char::is_uppercase)
    };
    let cap = |k: usize| named(k) && !cover.has(k) && !is_calendar_word(cx.word(k));
    let mut found: Vec<M> = Vec::new();
    let mut t = tokens.start;
    while t < tokens.end {
        if !cap(t) {
            t += 1;
            continue;
        }
        let s = cx.sentence_of(t);
        let a = t;
        let mut b = t;
        let mut k = t + 1;
        while k < tokens.end && cx.sentence_of(k) == s {
            if cap(k) {
                b = k;
                k += 1;
            } else if JOINERS.iter().any(|j| j.eq_ignore_ascii_case(cx.word(k)))
                && k + 1 < tokens.end
                && cap(k + 1)
            {
                k += 1;
            } else {
                break;
            }
        }
        t = b + 1;
        // The name ends at its last organisation word, or, when that word
        // leads ("Ministry of Water Resources", "Institute for Peace
        // Studies"), at the run's end.
        let Some(h) = (a..=b).rev().find(|&k| head_role(cx.word(k)).is_some()) else {
            continue;
        };
        let leads = !matches!(
            cx.lower(h).trim_end_matches('.'),
            "inc" | "corp" | "corporation" | "ltd" | "llc" | "plc" | "holdings"
        );
        let e = if leads && h < b && matches!(&*cx.lower(h + 1), "of" | "for" | "on") {
            b
        } else {
            h
        };
        // Right after an organisation's name, the run names a body of it
        // ("the U.S. House Intelligence Committee"): that name codes it.
        if e == a || (a > 0 && cover.has(a - 1)) {
            continue;
        }
        // A police word inside the name makes it the police's
        // ("Columbus Police Department").
        let police = (a..=e).any(|k| matches!(&*cx.lower(k), "police" | "sheriff's" | "sheriff"));
        let role = if police {
            "COP"
        } else {
            head_role(cx.word(h)).unwrap_or("GOV")
        };
        let inside = out
            .iter()
            .filter(|m| m.t0 >= a && m.t1 <= e)
            .filter(|m| matches!(m.m.kind, MentionKind::Country | MentionKind::Capital))
            .find_map(|m| m.m.code.as_deref().and_then(|c| country_of(cx, c)))
            // A region in the name ("California Public Utilities Commission").
            .or_else(|| region_before(cx, out, a, e));
        let (country, guessed) = match inside.or_else(|| country_around(cx, out, a, e)) {
            Some(c) => (Some(c), false),
            None => (focus.map(str::to_string), focus.is_some()),
        };
        let span = Span::new(cx.doc.tokens[a].span.start, cx.doc.tokens[e].span.end);
        let mut m = mention(span, MentionKind::Org);
        m.code = Some(format!("{}{role}", country.unwrap_or_default()));
        m.entity = Some(super::words(cx.doc.slice(span)));
        m.source = Some(format!(
            "organisation in no dictionary: {:?} heads its name",
            cx.word(h)
        ));
        let mut built = M::new(m, a, e);
        built.guessed = guessed;
        found.push(built);
    }
    // The countries and capitals inside a name are now part of it.
    out.retain(|o| !found.iter().any(|f| o.t0 >= f.t0 && o.t1 <= f.t1));
    out.extend(found);
}
