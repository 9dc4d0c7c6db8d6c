//! Tests for roles read from titles and appositions: associations by their
//! members, party staff and leaders, crime nouns, and person nouns that take
//! their organisation's role. Sentences of our own, about other people.

use super::tests_news::run;
use super::*;

/// The code the mention whose entity is `name` carries.
fn code_of<'a>(d: &'a Document, name: &str) -> Option<&'a str> {
    let m = d
        .mentions
        .iter()
        .find(|m| m.entity.as_deref() == Some(name))
        .unwrap_or_else(|| {
            let all: Vec<String> = d
                .mentions
                .iter()
                .map(|m| format!("{:?}={:?}", d.slice(m.span), m.code))
                .collect();
            panic!("no mention of {name}: {}", all.join("; "))
        });
    m.code.as_deref()
}

#[test]
fn an_association_of_wage_earners_is_labour_and_one_of_firms_is_business() {
    let d = run(
        "Ohio Nurses Association President Maria Lopez said the strike would go on.",
        Some("2023-05-02"),
        None,
    );
    assert_eq!(code_of(&d, "Maria Lopez"), Some("USALAB"));
    let d = run(
        "German Machine Manufacturers Association chairman Karl Huber warned of tariffs.",
        Some("2023-05-02"),
        None,
    );
    assert_eq!(code_of(&d, "Karl Huber"), Some("DEUBUS"));
    // An association that names no members stays a civil-society body.
    let d = run(
        "Ohio Heritage Association President Maria Lopez opened the museum.",
        Some("2023-05-02"),
        None,
    );
    assert_eq!(code_of(&d, "Maria Lopez"), Some("USANGO"));
}

#[test]
fn a_party_counsel_is_legislative_staff_and_a_party_leader_the_party() {
    let d = run(
        "Democratic counsel Dana Whitfield questioned the ambassador for an hour.",
        Some("2021-03-02"),
        None,
    );
    assert_eq!(code_of(&d, "Dana Whitfield"), Some("USALEG"));
    // Without a party or a committee, a counsel is a lawyer.
    let d = run(
        "The company's counsel Dana Whitfield questioned the ambassador in Ohio.",
        Some("2021-03-02"),
        None,
    );
    assert_ne!(code_of(&d, "Dana Whitfield"), Some("USALEG"));
    let d = run(
        "Former Conservative Party leader Tom Hale criticised the budget in London.",
        Some("2021-03-02"),
        None,
    );
    assert_eq!(code_of(&d, "Tom Hale"), Some("GBRELI"));
}

#[test]
fn a_crime_noun_before_a_name_codes_a_criminal() {
    let d = run(
        "Mexican police arrested convicted drug trafficker Luis Ortega on Monday.",
        Some("2022-01-10"),
        None,
    );
    assert_eq!(code_of(&d, "Luis Ortega"), Some("MEXCRM"));
}

#[test]
fn a_person_noun_with_an_organisation_takes_its_role() {
    let d = run(
        "Mark Doyle, who is the Foreign Office Africa expert, said talks would resume.",
        Some("2022-01-10"),
        None,
    );
    assert_eq!(code_of(&d, "Mark Doyle"), Some("GBRGOV"));
    // A person noun alone says nothing of a role.
    let d = run(
        "Mark Doyle, an expert on the region, said talks would resume.",
        Some("2022-01-10"),
        None,
    );
    assert!(d
        .mentions
        .iter()
        .all(|m| m.entity.as_deref() != Some("Mark Doyle") || m.code.is_none()));
}

#[test]
fn a_commander_of_a_district_is_a_police_commander_and_of_a_brigade_an_officer() {
    let d = run(
        "Raj Malhotra, the commander of Andheri East district, said the march was banned.",
        Some("2022-01-10"),
        None,
    );
    assert!(
        code_of(&d, "Raj Malhotra").is_some_and(|c| c.ends_with("COP")),
        "{:?}",
        d.mentions
    );
    let d = run(
        "Raj Malhotra, the commander of the 4th Infantry Brigade, said the march was banned.",
        Some("2022-01-10"),
        None,
    );
    assert!(
        code_of(&d, "Raj Malhotra").is_some_and(|c| c.ends_with("MIL")),
        "{:?}",
        d.mentions
    );
}

#[test]
fn a_defence_minister_is_the_government_over_the_military() {
    let d = run(
        "Chile's defence minister met the commanders in Santiago.",
        Some("2022-01-10"),
        None,
    );
    let m = d
        .mentions
        .iter()
        .find(|m| d.slice(m.span).contains("defence minister"))
        .expect("a role phrase");
    assert_eq!(m.code.as_deref(), Some("CHLGOVMIL"));
}

#[test]
fn a_capital_coordinated_with_a_place_is_a_place_too() {
    let d = run(
        "He flew to Mexico via Madrid and Lisbon before he was caught.",
        Some("2022-01-10"),
        None,
    );
    assert!(
        d.mentions
            .iter()
            .all(|m| !matches!(d.slice(m.span), "Madrid" | "Lisbon")),
        "{:?}",
        d.mentions
    );
    // Two capitals that act stay governments.
    let d = run(
        "Madrid and Lisbon signed the treaty.",
        Some("2022-01-10"),
        None,
    );
    assert_eq!(
        d.mentions
            .iter()
            .filter(|m| m.kind == MentionKind::Capital)
            .count(),
        2,
        "{:?}",
        d.mentions
    );
}
