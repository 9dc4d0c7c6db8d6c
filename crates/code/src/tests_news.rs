//! Classes of event seen in real news, each on sentences of our own.

use dyad_document::Document;

use crate::explain;
use crate::tests::{coded, t, triples};

/// [`coded`] with the coreference stage run, as the pipeline does.
fn with_coref(text: &str) -> Document {
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    dyad_recognise::recognise(&mut d);
    dyad_coref::resolve(&mut d);
    dyad_quotes::attribute(&mut d);
    crate::code(&mut d);
    d
}

#[test]
fn conjoined_passive_shares_the_agent() {
    let d = coded(
        "A Moldovan truck driver was stopped by Romanian border guards at Galati and then detained for two days.",
    );
    let t = triples(&d);
    assert!(
        t.iter()
            .any(|(s, _, c)| s.starts_with("ROU") && c.starts_with("17")),
        "{t:?}"
    );
}

#[test]
fn verb_conjoined_to_an_object_noun_is_done_by_that_verbs_doer() {
    let d = coded("Chilean police were filmed chasing marchers and beating students with sticks.");
    let got = triples(&d);
    assert!(got.contains(&t("CHLCOP", "CHLEDU", "182")), "{got:?}");
}

#[test]
fn a_noun_that_dates_its_clause_took_place() {
    let d = coded(
        "Turkey could raise gas prices again in the weeks after a summit between Erdogan and Kenyan President William Ruto.",
    );
    let got = triples(&d);
    assert!(
        got.iter()
            .any(|(s, t, c)| s.starts_with("TUR") && t.starts_with("KEN") && c.starts_with("04")),
        "{got:?}"
    );
    // Without the time phrase the summit is only a possibility.
    let d = coded("Turkey could raise gas prices again at a summit between Erdogan and Kenyan President William Ruto.");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
}

#[test]
fn no_choice_but_to_in_speech_is_a_demand() {
    let d = coded(
        "The Bolivian government said the miners' union had no choice but to accept the new royalty rates.",
    );
    let got = triples(&d);
    assert!(
        got.iter().any(|(s, _, c)| s == "BOLGOV" && c == "100"),
        "{got:?}"
    );
}

#[test]
fn a_country_adjective_on_a_party_between_is_no_party_of_its_own() {
    let d = coded(
        "Talks between Macron and Chinese vice-premier Ding Xuexiang ended on Monday without a deal.",
    );
    let got = triples(&d);
    assert!(got.contains(&t("FRAGOV", "CHNGOV", "046")), "{got:?}");
    assert!(
        !got.iter().any(|(s, t, _)| s == "CHN" || t == "CHN"),
        "{got:?}"
    );
}

#[test]
fn an_allegation_in_reported_speech_accuses_its_subject() {
    let d = coded(
        "Kenyan prosecutors alleged that two Ugandan police officers took bribes from smugglers.",
    );
    let got = triples(&d);
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "KENJUD" && t.starts_with("UGA") && c == "112"),
        "{got:?}"
    );
    // Said, not alleged: no accusation.
    let d = coded(
        "Kenyan prosecutors said that two Ugandan police officers took bribes from smugglers.",
    );
    assert!(
        !triples(&d).iter().any(|(_, _, c)| c == "112"),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn a_reciprocal_object_gives_each_party_the_other() {
    let d = coded("Prime Minister Petteri Orpo and Russian President Vladimir Putin accused each other of lying about the border.");
    let got = triples(&d);
    let both = |s: &str, o: &str| {
        got.iter()
            .any(|(a, b, c)| a == s && b == o && c.starts_with("112"))
    };
    assert!(both("FINGOV", "RUSGOV"), "{got:?}");
    assert!(both("RUSGOV", "FINGOV"), "{got:?}");
}

#[test]
fn attacking_a_policy_is_criticism_attacking_positions_is_not() {
    let got = triples(&coded("Orpo attacked Putin's record on human rights."));
    assert!(got.contains(&t("FINGOV", "RUSGOV", "111")), "{got:?}");
    let got = triples(&coded(
        "Russian forces attacked Finnish positions near the border.",
    ));
    assert!(!got.iter().any(|(_, _, c)| c == "111"), "{got:?}");
}

#[test]
fn a_protest_with_no_target_is_addressed_to_the_protesters_government() {
    let got = triples(&coded(
        "Thousands of Peruvian farmers blocked roads across the south on Monday.",
    ));
    assert!(
        got.iter()
            .any(|(s, t, c)| s.starts_with("PER") && t == "PERGOV" && c.starts_with("14")),
        "{got:?}"
    );
}

#[test]
fn protests_an_act_is_done_to_are_the_protesters() {
    let got = triples(&coded(
        "Bolivian riot police fired rubber bullets to break up demonstrations outside the mines ministry.",
    ));
    assert!(got.contains(&t("BOLCOP", "BOLOPP", "175")), "{got:?}");
}

#[test]
fn a_relative_pronoun_stands_for_the_noun_its_clause_modifies() {
    let d = coded(
        "The report blames Belarusian riot police, which detained Lithuanian journalists at the border.",
    );
    let got = triples(&d);
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "BLRCOP" && t.starts_with("LTU") && c.starts_with("17")),
        "{got:?}"
    );
}

#[test]
fn a_relative_clause_in_the_simple_present_describes() {
    let d = coded(
        "Growth will slow, according to Mr. Varga, a Hungarian banker who meets Slovak ministers every month.",
    );
    assert!(d.events.is_empty(), "{:?}", triples(&d));
    // Told in the past, it is an event.
    let d = coded(
        "Growth will slow, according to Mr. Varga, a Hungarian banker who met Slovak ministers in May.",
    );
    assert!(
        triples(&d)
            .iter()
            .any(|(_, t, c)| t == "SVKGOV" && c.starts_with("04")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn dropping_an_investigation_yields_and_dragging_out_arrests() {
    let got = triples(&coded(
        "Norwegian prosecutors have abandoned an investigation into the Kenyan trade minister, citing a lack of evidence.",
    ));
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "NORJUD" && t == "KENGOV" && c == "080"),
        "{got:?}"
    );
    // Any verb of ending with any word for an inquiry.
    let got = triples(&coded(
        "In March the Danish police shelved their probe into a Kenyan diplomat.",
    ));
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "DNKCOP" && t.starts_with("KEN") && c == "080"),
        "{got:?}"
    );
    let got = triples(&coded(
        "Peruvian police dragged the Bolivian opposition leader away from the microphone.",
    ));
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "PERCOP" && t.starts_with("BOL") && c == "173"),
        "{got:?}"
    );
}

#[test]
fn of_two_by_agents_the_first_is_the_doer() {
    let got = triples(&coded(
        "Two Ugandan generals were accused of looting by a Norwegian aid group and of torture by a Danish one.",
    ));
    assert!(
        got.iter()
            .any(|(s, t, c)| s.starts_with("NOR") && t.starts_with("UGA") && c.starts_with("112")),
        "{got:?}"
    );
}

#[test]
fn a_past_clause_that_dates_an_intent_tells_what_happened() {
    let got = triples(&coded(
        "Kenya wanted to suspend the trade talks after two Kenyan traders were detained by Ugandan police last week.",
    ));
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "UGACOP" && t.starts_with("KEN") && c == "173"),
        "{got:?}"
    );
}

#[test]
fn explain_shows_the_coreference_steps_behind_an_event() {
    // A pronoun the coreference stage resolved, and a relative pronoun.
    let d = with_coref(
        "Kenyan President William Ruto met Ugandan President Yoweri Museveni on Monday. Later he criticized him over the border closure.",
    );
    let x = explain(&d, 1).expect("sentence 1").to_string();
    assert!(x.contains("(refers to mention"), "{x}");
    assert!(x.contains("KENGOV -> UGAGOV 11"), "{x}");
    let d = coded("The report blames Belarusian riot police, which detained Lithuanian journalists at the border.");
    let x = explain(&d, 0).expect("sentence 0").to_string();
    assert!(x.contains("coreference: «which» is «police»"), "{x}");
}

#[test]
fn at_no_time_negates() {
    let d = coded("At no time did the Peruvian army attack Bolivian villages.");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
    let d = coded(
        "\"In no way was I comfortable with or praised Bolivian rebels,\" the Peruvian minister said.",
    );
    assert!(d.events.is_empty(), "{:?}", triples(&d));
    let d = coded("At dawn the Peruvian army attacked Bolivian villages.");
    assert!(!d.events.is_empty(), "{:?}", triples(&d));
}

#[test]
fn a_relative_pronoun_stands_only_for_a_noun_that_names_an_actor_and_not_for_background() {
    // "ambush" names no actor: its clause's subject is not the rebels.
    let d = coded("The Colombian president flew home after a Colombian rebel ambush that wounded three Brazilian soldiers near the border.");
    assert!(
        !triples(&d)
            .iter()
            .any(|(s, _, c)| s.starts_with("COL") && c.starts_with("19")),
        "{:?}",
        triples(&d)
    );
    // The past perfect is the background to the story's event.
    let d = coded("Peru deported two Chilean fishermen who had been arrested by Peruvian police for poaching.");
    assert!(
        !triples(&d).iter().any(|(_, _, c)| c.starts_with("173")),
        "{:?}",
        triples(&d)
    );
    // In the simple past it is the story's event.
    let d = coded(
        "Peru deported two Chilean fishermen who were arrested by Peruvian police for poaching.",
    );
    assert!(
        triples(&d).iter().any(|(_, _, c)| c.starts_with("173")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn a_verb_conjoined_inside_a_relative_clause_takes_no_subject_from_it() {
    let d = coded("Kenyan police beat protesters who blocked a highway in Nakuru and fought with soldiers near the lake.");
    assert!(
        !triples(&d)
            .iter()
            .any(|(s, _, c)| s.ends_with("CVL") && c.starts_with("19")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn a_stance_in_the_simple_present_is_an_event_even_in_a_relative_clause() {
    let d = with_coref(
        "Slovakia, which blames the Hungarian economy minister for the collapse of a joint bank, recalled its ambassador.",
    );
    assert!(
        triples(&d)
            .iter()
            .any(|(s, _, c)| s.starts_with("SVK") && c.starts_with("112")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn impeachment_is_the_legislatures_act() {
    let d = coded(
        "The Peruvian president denounced the impeachment hearings as a plot by his rivals. Peru's economy shrank.",
    );
    assert!(
        triples(&d)
            .iter()
            .any(|(s, t, c)| s == "PERGOV" && t == "PERLEG" && c.starts_with("11")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn denying_something_to_someone_withholds_it() {
    let got = triples(&coded(
        "The Hungarian government is denying medical care to Syrian refugees in custody.",
    ));
    assert!(got.contains(&t("HUNGOV", "SYRREF", "122")), "{got:?}");
}

#[test]
fn an_impeachment_inquiry_is_the_legislature_of_the_one_impeached() {
    let d = coded(
        "Two Argentine bankers were called as witnesses in the impeachment inquiry against Brazilian President Jair Bolsonaro.",
    );
    let got = triples(&d);
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "BRALEG" && t.starts_with("BRA") && c == "090"),
        "{got:?}"
    );
}

#[test]
fn a_title_case_dateline_before_a_dash_is_no_subject_and_crowds_surround_seats_of_government() {
    let d = coded(
        "Harrisburg – Several hundred nurses in green scrubs surrounded the Pennsylvania Capitol on Friday, chanting for safer staffing.",
    );
    let got = triples(&d);
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "USAHLH" && t == "USAGOV" && c == "144"),
        "{got:?}"
    );
}

#[test]
fn health_care_providers_protest_to_their_government() {
    let got = triples(&coded(
        "Dutch healthcare providers have protested new limits on care for asylum seekers.",
    ));
    assert!(
        got.iter()
            .any(|(s, t, c)| s == "NLDHLH" && t == "NLDGOV" && c.starts_with("14")),
        "{got:?}"
    );
}

#[test]
fn a_participle_glossing_a_statement_is_no_second_statement() {
    let d = coded(
        "The Kenyan foreign minister said on Friday, referring to Uganda, that the border would stay open.",
    );
    let got = triples(&d);
    assert!(
        !got.iter()
            .any(|(s, t, c)| s.starts_with("KEN") && t.starts_with("UGA") && c.starts_with("01")),
        "{got:?}"
    );
    // Referring to someone as the main verb is still a statement.
    let d = coded("In his budget speech the Kenyan foreign minister referred to Uganda twice.");
    let got = triples(&d);
    assert!(
        got.iter()
            .any(|(s, t, c)| s.starts_with("KEN") && t.starts_with("UGA") && c.starts_with("01")),
        "{got:?}"
    );
}

#[test]
fn a_statement_is_to_the_addressee_not_to_an_actor_inside_the_to_phrase() {
    let d = coded(
        "The Brazilian labour leader said to cheers from the Argentine crowd that the strike would go on.",
    );
    let got = triples(&d);
    assert!(
        !got.iter()
            .any(|(s, t, _)| s.starts_with("BRA") && t.starts_with("ARG")),
        "{got:?}"
    );
}

#[test]
fn naming_someone_and_answering_to_someone_are_no_events() {
    let d =
        coded("The Venezuelan president has repeatedly dubbed the Colombian senator as a traitor.");
    let got = triples(&d);
    assert!(
        !got.iter()
            .any(|(s, t, c)| s.starts_with("VEN") && t.starts_with("COL") && c.starts_with("01")),
        "{got:?}"
    );
    let d = coded("Chile's top general reported to the Argentine defence minister every week.");
    let got = triples(&d);
    assert!(!got.iter().any(|(_, _, c)| c == "064"), "{got:?}");
}

#[test]
fn a_no_event_reading_blocks_the_less_specific_patterns() {
    // A question is no appeal; a request for something is.
    let d = coded("Canadian senators asked the Mexican ambassador about the delays at the border.");
    let got = triples(&d);
    assert!(!got.iter().any(|(_, _, c)| c.starts_with("02")), "{got:?}");
    let d = coded("Canadian senators asked the Mexican ambassador for an apology.");
    let got = triples(&d);
    assert!(got.contains(&t("CANLEG", "MEXGOV", "020")), "{got:?}");
}

#[test]
fn sheltering_in_an_embassy_is_no_aid_from_its_country() {
    let d = coded("Last winter the Bolivian opposition leader took refuge in a Brazilian consulate near the border.");
    let got = triples(&d);
    assert!(!got.iter().any(|(_, _, c)| c.starts_with("07")), "{got:?}");
}

#[test]
fn a_ruling_that_someone_should_do_something_is_no_demand() {
    let d =
        coded("A Kenyan judge ruled on Monday that the Ugandan activist should stay in custody.");
    let got = triples(&d);
    assert!(!got.iter().any(|(_, _, c)| c == "100"), "{got:?}");
    // Said, it is the speaker's demand.
    let d =
        coded("A Kenyan judge said on Monday that the Ugandan activist should stay in custody.");
    let got = triples(&d);
    assert!(got.contains(&t("KENJUD", "UGAHRI", "100")), "{got:?}");
}

#[test]
fn fighting_a_legal_proceeding_is_no_fight() {
    let d = coded(
        "The Peruvian banker is still fighting deportation to Brazil from his home in Miami.",
    );
    let got = triples(&d);
    assert!(!got.iter().any(|(_, _, c)| c.starts_with("19")), "{got:?}");
}
