use super::*;

fn coded(text: &str) -> Document {
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        outlet: Some("The Daily Example".into()),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    dyad_recognise::recognise(&mut d);
    code(&mut d);
    d
}

fn triples(d: &Document) -> Vec<(String, String, String)> {
    d.events
        .iter()
        .map(|e| {
            (
                e.source.clone().unwrap_or_default(),
                e.target.clone().unwrap_or_default(),
                e.code.clone(),
            )
        })
        .collect()
}

#[test]
fn loads_the_dictionaries() {
    let c = Coder::default_english();
    assert!(c.len() > 3000, "{}", c.len());
    // Noun patterns are indexed by their syntactic head.
    assert!(c.nouns.contains_key("strike"));
    assert!(c.verbs.contains_key("visit"));
}

fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
    (s.into(), t.into(), c.into())
}

#[test]
fn active_passive_negated_conditional() {
    assert_eq!(
        triples(&coded("France attacked Germany on Monday.")),
        vec![t("FRA", "DEU", "190")]
    );
    assert_eq!(
        triples(&coded("Germany was attacked by France on Monday.")),
        vec![t("FRA", "DEU", "190")]
    );
    assert!(coded("France did not attack Germany.").events.is_empty());
    assert!(
        coded("If Brazil decides to pressure Argentina, talks will fail.")
            .events
            .is_empty()
    );
}

#[test]
fn compound_actors_and_noun_patterns() {
    assert_eq!(
        triples(&coded("Brazil, Chile and Peru condemned Argentina.")),
        vec![
            t("BRA", "ARG", "111"),
            t("CHL", "ARG", "111"),
            t("PER", "ARG", "111")
        ]
    );
    let d = coded("Russian air strikes on Ukraine continued overnight.");
    assert_eq!(triples(&d), vec![t("RUS", "UKR", "195")]);
    assert!(d.events[0]
        .pattern
        .starts_with("dictionaries/events/15-20.verbs:"));
}
