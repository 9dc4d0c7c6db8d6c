//! A place in the target slot of a verb whose object is naturally a place
//! (`place_target`), on sentences of our own.

use dyad_document::MentionKind;
use dyad_document::PlaceFeature::{Admin1, City};

use crate::tests::{coded_with_places, triples};

#[test]
fn a_shelled_or_visited_town_is_its_country_with_a_mention_of_the_place() {
    let d = coded_with_places(
        "Ugandan artillery pounded Kisoro for a second night.",
        &[("Kisoro", "UG", City)],
    );
    let e = d
        .events
        .iter()
        .find(|e| e.target.as_deref() == Some("UGA") && e.root == "19")
        .unwrap_or_else(|| panic!("{:?}", triples(&d)));
    assert_eq!(e.how.as_deref(), Some("place"));
    let m = &d.mentions[e.target_mention.expect("a mention of the place")];
    assert_eq!(d.slice(m.span), "Kisoro");
    assert_eq!(m.kind, MentionKind::Country);
    assert_eq!(m.role.as_deref(), Some("place"));

    // Its mention is inserted in text order, before a mention named after
    // it, and the indices into the mentions (here a later event's source)
    // are renumbered.
    let d = coded_with_places(
        "Ugandan artillery pounded Kisoro overnight. Kenya condemned Uganda.",
        &[("Kisoro", "UG", City)],
    );
    assert!(
        d.mentions
            .iter()
            .any(|m| m.role.as_deref() == Some("place")),
        "{:?}",
        triples(&d)
    );
    assert!(d
        .mentions
        .windows(2)
        .all(|w| w[0].span.start <= w[1].span.start));
    let later = d
        .events
        .iter()
        .find(|e| e.source.as_deref() == Some("KEN"))
        .unwrap_or_else(|| panic!("{:?}", triples(&d)));
    let m = &d.mentions[later.source_mention.expect("the source's mention")];
    assert_eq!(d.slice(m.span), "Kenya");

    let d = coded_with_places(
        "The Danish foreign minister visited Tromso on Wednesday.",
        &[("Tromso", "NO", City)],
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.target.as_deref() == Some("NOR") && e.code == "042"),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn a_facility_in_a_place_is_the_place_country() {
    let d = coded_with_places(
        "Somali insurgents raided a police station in Baidoa.",
        &[("Baidoa", "SO", City)],
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.target.as_deref() == Some("SOM") && e.root.as_str() >= "18"),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn a_noun_of_attack_or_curfew_on_a_place_is_the_place_country() {
    let d = coded_with_places(
        "Kenyan police announced a dusk curfew in Garissa.",
        &[("Garissa", "KE", Admin1)],
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.target.as_deref() == Some("KEN") && e.root == "17"),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn a_place_where_people_met_is_no_target() {
    let d = coded_with_places(
        "The Chilean and Peruvian ministers met in Arica on Friday.",
        &[("Arica", "CL", City)],
    );
    assert!(
        d.events.iter().all(|e| e.how.as_deref() != Some("place")),
        "{:?}",
        triples(&d)
    );
    assert!(
        d.mentions
            .iter()
            .all(|m| m.role.as_deref() != Some("place")),
        "{:?}",
        d.mentions
    );
}

#[test]
fn a_thing_attacked_in_a_place_is_the_place_country_but_an_arrest_there_is_not() {
    // The parser hangs "in Gulu" on the verb; the object is a thing.
    let d = coded_with_places(
        "Ugandan militiamen raided a market in Gulu on Saturday.",
        &[("Gulu", "UG", City)],
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.target.as_deref() == Some("UGA") && e.how.as_deref() == Some("place")),
        "{:?}",
        triples(&d)
    );
    // An arrest is no attack: the place stays where it happened.
    let d = coded_with_places(
        "Ugandan police detained a trader in Gulu.",
        &[("Gulu", "UG", City)],
    );
    assert!(
        d.events.iter().all(|e| e.how.as_deref() != Some("place")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn a_ceasefire_in_a_place_is_with_its_country_but_a_call_for_one_is_not() {
    let d = coded_with_places(
        "The Sudanese army proclaimed a ceasefire in Kadugli.",
        &[("Kadugli", "SD", City)],
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.target.as_deref() == Some("SDN") && e.code.starts_with("087")),
        "{:?}",
        triples(&d)
    );
    for s in [
        "Norway called for a ceasefire in Kadugli.",
        "Khartoum brushed aside Norwegian pressure for a truce in Kadugli.",
        "Sudan turned down Norwegian demands for a ceasefire in Kadugli last week.",
        "Khartoum has rebuffed Norwegian calls for an immediate truce in the Kadugli area.",
        "Sudan ignored UN appeals for a ceasefire in Kadugli.",
    ] {
        let d = coded_with_places(s, &[("Kadugli", "SD", City)]);
        assert!(
            d.events.iter().all(|e| !e.code.starts_with("087")),
            "{s}: {:?}",
            triples(&d)
        );
    }
}

#[test]
fn a_place_two_modifiers_down_the_target_still_places_it() {
    // "depot" -> "in" -> "area" <- "Kismayo": the place modifies the
    // object of the facility's preposition.
    let d = coded_with_places(
        "Militants bombed a fuel depot in the Kismayo port area before dawn.",
        &[("Kismayo", "SO", City)],
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.target.as_deref() == Some("SOM") && e.how.as_deref() == Some("place")),
        "{:?}",
        triples(&d)
    );
}
