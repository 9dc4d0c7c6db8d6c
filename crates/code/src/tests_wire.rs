//! Classes seen in wire sentences (issue 14's sentence-level set), tested
//! on sentences of our own.

use super::*;
use crate::tests::{coded, triples};

fn has(d: &Document, s: &str, t: &str, code_prefix: &str) -> bool {
    d.events.iter().any(|e| {
        e.source.as_deref() == Some(s)
            && e.target.as_deref() == Some(t)
            && e.code.starts_with(code_prefix)
    })
}

#[test]
fn a_negated_future_is_a_stated_refusal() {
    let d = coded("Argentina will not ease its sanctions against Uruguay.");
    assert!(has(&d, "ARG", "URY", "124"), "{:?}", triples(&d));
    let d = coded("Peru won't meet Chile's president.");
    assert!(has(&d, "PER", "CHLGOV", "125"), "{:?}", triples(&d));
    let d = coded("Japan said it would not release the two Chinese nationals.");
    assert!(has(&d, "JPN", "CHN", "124"), "{:?}", triples(&d));
}

#[test]
fn a_past_or_conditional_negation_stays_uncoded() {
    for s in [
        "Poland did not meet Czech officials.",
        "If the election goes badly for him, Argentina will not ease its sanctions against Uruguay.",
        // Refusing to fight is no event.
        "Chile will not attack Peru.",
    ] {
        let d = coded(s);
        assert!(d.events.is_empty(), "{s}: {:?}", triples(&d));
    }
}

#[test]
fn a_sum_of_money_given_to_an_actor_is_economic_aid() {
    for s in [
        "Sweden gave 12.5 million kronor to Mozambique.",
        "Qatar donated $3 million to Sudan.",
        "South Korea will lend 500 million dollars to Vietnam.",
    ] {
        let d = coded(s);
        assert!(
            d.events
                .iter()
                .any(|e| e.code.starts_with("071") || e.code == "0331"),
            "{s}: {:?}",
            triples(&d)
        );
    }
    let d = coded("Sweden gave 12.5 million kronor to Mozambique.");
    assert!(has(&d, "SWE", "MOZ", "071"), "{:?}", triples(&d));
}

#[test]
fn a_thing_handed_back_to_an_actor_is_returned_property() {
    let d = coded("Peru returned three seized fishing boats to Bolivian officials.");
    assert!(has(&d, "PER", "BOLGOV", "0842"), "{:?}", triples(&d));
}

#[test]
fn opening_borders_to_people_takes_them_in() {
    let d = coded("Chad has opened the border to Sudanese civilians fleeing the fighting.");
    assert!(has(&d, "TCD", "SDNCVL", "075"), "{:?}", triples(&d));
}

#[test]
fn a_truce_declared_in_a_country_is_toward_that_country() {
    let d = coded("Maoist rebels announced a truce in Nepal for the festival season.");
    assert!(
        d.events
            .iter()
            .any(|e| e.code == "0871" && e.target.as_deref() == Some("NPL")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn a_country_before_and_shares_the_role_phrase_after_it() {
    let d = coded("Chile and Peru's navies agreed to hold joint exercises.");
    assert!(has(&d, "CHLMIL", "PERMIL", "03"), "{:?}", triples(&d));
    let d = coded("Ghanaian and Togolese police agreed to cooperate.");
    assert!(
        d.events.iter().any(|e| e.source.as_deref() == Some("GHACOP")
            || e.target.as_deref() == Some("GHACOP")),
        "{:?}",
        triples(&d)
    );
    // A named group is no role to share.
    let d = coded("Colombia and the Shining Path signed a pact on Monday.");
    assert!(
        d.events.iter().all(|e| e.source.as_deref() != Some("COLREB")
            && e.target.as_deref() != Some("COLREB")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn two_people_with_one_code_are_two_actors_except_in_statements() {
    let d = coded("Barack Obama criticized George W. Bush on Monday.");
    assert_eq!(
        triples(&d),
        vec![("USAELI".into(), "USAELI".into(), "111".into())]
    );
    // Telling a colleague is how news is told.
    assert!(coded("Barack Obama told George W. Bush about the plan.")
        .events
        .is_empty());
    // One person named twice is one actor.
    assert!(coded("Barack Obama criticized Obama's own record.")
        .events
        .is_empty());
}

#[test]
fn a_subject_done_by_an_actor_gives_that_actor() {
    let d = coded("A suicide bombing by the Pakistani Taliban killed 12 Afghan soldiers.");
    assert!(has(&d, "PAKREB", "AFGMIL", "19"), "{:?}", triples(&d));
    let d = coded("Rockets launched by the Turkish navy struck Syrian government troops.");
    assert!(has(&d, "TURMIL", "SYRMIL", "19"), "{:?}", triples(&d));
}

#[test]
fn dictionary_families_seen_missing_in_wire_copy() {
    // A state of siege declared in a country.
    let d = coded(
        "The Honduran army imposed a state of siege in Honduras on Sunday as gang violence spread.",
    );
    assert!(has(&d, "HNDMIL", "HND", "1724"), "{:?}", triples(&d));
    // Joint exercises by several actors are with each other.
    let d = coded("Japan and India began joint naval exercises on Monday.");
    assert!(has(&d, "JPN", "IND", "062"), "{:?}", triples(&d));
    assert!(has(&d, "IND", "JPN", "062"), "{:?}", triples(&d));
    // Attending a body's meeting meets it; a summit in a country visits it.
    let d = coded("The Kenyan president attended a meeting of the African Union.");
    assert!(has(&d, "KENGOV", "IGOAFRAU", "040"), "{:?}", triples(&d));
    let d = coded("Peru's president attended a summit in Chile.");
    assert!(has(&d, "PERGOV", "CHL", "042"), "{:?}", triples(&d));
}

#[test]
fn a_particle_parsed_as_an_adverb_is_still_the_verbs_particle() {
    let d = coded("Facing a trade war, Canada finally rolled back its sanctions on Mexico.");
    assert!(has(&d, "CAN", "MEX", "085"), "{:?}", triples(&d));
}

#[test]
fn an_agreement_signed_by_several_actors_is_with_each_other() {
    let d = coded("Ghana and the World Bank signed a financing agreement on Tuesday.");
    assert!(has(&d, "GHA", "IGOWBK", "057"), "{:?}", triples(&d));
    assert!(has(&d, "IGOWBK", "GHA", "057"), "{:?}", triples(&d));
    // One actor alone has signed with no one the sentence names.
    assert!(coded("Ghana signed a financing agreement on Tuesday.")
        .events
        .is_empty());
}

#[test]
fn relief_goods_alerts_peacekeeping_and_demands_by_a_group() {
    let d = coded("Cuba sent medical supplies to Haiti.");
    assert!(has(&d, "CUB", "HTI", "073"), "{:?}", triples(&d));
    let d = coded("Chile halted food shipments to Bolivia after the border incident.");
    assert!(has(&d, "CHL", "BOL", "1623"), "{:?}", triples(&d));
    let d = coded("Finnish troops stayed on high alert in Lebanon during the night.");
    assert!(has(&d, "FINMIL", "LBN", "152"), "{:?}", triples(&d));
    let d =
        coded("The Thai government gave in to demands from rice farmers after a week of sit-ins.");
    assert!(has(&d, "THAGOV", "THAAGR", "080"), "{:?}", triples(&d));
    let d = coded("Some 900 Uruguayan soldiers serve in the UN peacekeeping mission in Congo.");
    assert!(has(&d, "URYMIL", "COD", "074"), "{:?}", triples(&d));
}

#[test]
fn an_investigation_against_an_actor_investigates_it() {
    let d = coded(
        "Kenya's attorney general launched a probe against two Ugandan diplomats over visa fraud.",
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.code == "090" && e.target.as_deref().is_some_and(|t| t.starts_with("UGA"))),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn people_taken_in_are_the_target_and_a_stated_refusal_rejects_them() {
    let d = coded("Norway took in 3,000 Afghan refugees in 2022.");
    assert!(has(&d, "NOR", "AFGREF", "075"), "{:?}", triples(&d));
    let d = coded("Poland will not admit Eritrean migrants, its interior minister said.");
    assert!(has(&d, "POL", "ERIREF", "12"), "{:?}", triples(&d));
    assert!(coded("Norway accepted the proposal.").events.is_empty());
}
