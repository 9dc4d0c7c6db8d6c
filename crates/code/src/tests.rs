use super::*;

pub(crate) fn coded(text: &str) -> Document {
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        outlet: Some("The Daily Example".into()),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    dyad_recognise::recognise(&mut d);
    dyad_quotes::attribute(&mut d);
    code(&mut d);
    d
}

pub(crate) fn triples(d: &Document) -> Vec<(String, String, String)> {
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

pub(crate) fn t(s: &str, t: &str, c: &str) -> (String, String, String) {
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

fn has(d: &Document, s: &str, t: &str, root: &str) -> bool {
    d.events
        .iter()
        .any(|e| e.source.as_deref() == Some(s) && e.target.as_deref() == Some(t) && e.root == root)
}

#[test]
fn rebels_military_action_without_target_is_against_their_government() {
    let d = coded("Malian rebels launched a major offensive on Sunday.");
    assert!(has(&d, "MLIREB", "MLIGOV", "19"), "{:?}", triples(&d));
    // Only rebels get the default; an aimed offensive needs its target.
    let d = coded("France launched a major offensive on Sunday.");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
}

#[test]
fn eventive_noun_with_by_agent_and_relational_noun() {
    // "by Berlin ally France": France, not Berlin; the target from the
    // predicate's "convince Y".
    let d = coded("Pressure by Berlin ally France was unable to convince Poland to change course.");
    assert!(has(&d, "FRA", "POL", "10"), "{:?}", triples(&d));
    assert!(
        !d.events
            .iter()
            .any(|e| e.source.as_deref() == Some("DEUGOV")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn talks_between_several_actors_give_each_pair() {
    let d = coded("Talks that began in March between Chile, Peru and Bolivia in Lima stalled.");
    for (s, t) in [("CHL", "PER"), ("PER", "BOL"), ("CHL", "BOL")] {
        assert!(
            has(&d, s, t, "04") && has(&d, t, s, "04"),
            "{s}-{t}: {:?}",
            triples(&d)
        );
    }
}

#[test]
fn participle_clause_subject_and_they() {
    let d = coded(
        "Colombian rebels overran two towns in the south last week.\n\n\
         Having seized military bases from government forces, they are now advancing on the coast.",
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.source.as_deref() == Some("COLREB")
                && e.target.as_deref() == Some("COLMIL")
                && e.root == "19"
                && e.sentence == 1),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn trailing_participle_after_another_verb_inherits_nothing() {
    // "damaging" may hang on "accused": Kenya did not damage the school.
    let d = coded("Kenya accused Ugandan forces of shelling two villages, damaging a school.");
    assert!(
        !d.events.iter().any(|e| e.code.starts_with("17")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn it_after_said_is_the_speaker() {
    let d = coded(
        "Japan's defence ministry said it held joint air drills with the United States on Friday.",
    );
    assert!(has(&d, "JPNMIL", "USA", "06"), "{:?}", triples(&d));
}

#[test]
fn demonym_plural_provokes() {
    let d = coded("The Egyptians were directly provoking the Libyan government.");
    assert!(has(&d, "EGY", "LBYGOV", "11"), "{:?}", triples(&d));
}

#[test]
fn noun_as_by_agent_of_a_passive() {
    let d = coded(
        "With Armenian forces' ability to move curbed by intensified Azerbaijani strikes, the talks stalled.",
    );
    assert!(has(&d, "AZE", "ARMMIL", "19"), "{:?}", triples(&d));
}

#[test]
fn it_is_the_previous_sentence_subject() {
    let d = coded(
        "Kenya sent more envoys to the region last week. It directly backs the Somali government.",
    );
    assert!(has(&d, "KEN", "SOMGOV", "05"), "{:?}", triples(&d));
    // Several candidates and no subject to choose: no guess.
    let d = coded("Talks with Kenya and Uganda went on. It directly backs the Somali government.");
    assert!(
        d.events.iter().all(|e| e.sentence == 0),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn the_separatist_group_is_the_organisation_last_named() {
    let d = coded(
        "Officials said the Houthis were behind the raid. \
         Riyadh blames the militant group for years of attacks on its soil.",
    );
    assert!(has(&d, "SAUGOV", "YEMREB", "11"), "{:?}", triples(&d));
}

#[test]
fn the_two_countries_broke_off_relations() {
    let d = coded(
        "Peru's last ambassador to Bolivia left before the countries broke off diplomatic relations in 2019.",
    );
    assert!(has(&d, "PER", "BOL", "16"), "{:?}", triples(&d));
    assert!(has(&d, "BOL", "PER", "16"), "{:?}", triples(&d));
}

#[test]
fn attacks_on_civilian_areas_by_government_forces() {
    let d = coded(
        "Yemen's war goes on. Attacks on civilian areas by government forces continued in Yemen, Yemeni officials said.",
    );
    assert!(has(&d, "YEMMIL", "YEMCVL", "19"), "{:?}", triples(&d));
}

#[test]
fn explain_says_what_was_tried() {
    let d = coded("France did not attack Germany. Italy attacked Austria.");
    let e = explain(&d, 0).expect("sentence 0");
    let text = e.to_string();
    assert!(
        text.contains("## parse") && text.contains("attack"),
        "{text}"
    );
    assert!(e.tried.iter().any(|l| l.contains("negated")), "{text}");
    assert!(e.events.is_empty(), "{text}");
    let e = explain(&d, 1).expect("sentence 1");
    assert!(e.tried.iter().any(|l| l.contains("accepted")), "{e}");
    assert_eq!(e.events.len(), 1, "{e}");
    assert!(e.mentions.iter().any(|m| m.contains("ITA")), "{e}");
    assert!(explain(&d, 2).is_none());
}

#[test]
fn i_in_a_direct_quote_is_its_speaker() {
    let d = coded(
        "\u{201c}Last month I personally urged the French delegation to put strong pressure on the Malian junta,\u{201d} a senior Chadian government official said.",
    );
    assert!(
        d.events
            .iter()
            .any(|e| e.target.as_deref() == Some("FRAGOV")
                && e.source.as_deref().is_some_and(|s| s.starts_with("TCD"))
                && e.root == "02"),
        "{:?} {:?}",
        triples(&d),
        d.quotes
    );
}

/// Code `text` with places given by hand (as the places stage would find
/// them): `(words, ISO2, feature)`, each at its first occurrence.
pub(crate) fn coded_with_places(
    text: &str,
    places: &[(&str, &str, dyad_document::PlaceFeature)],
) -> Document {
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    dyad_recognise::recognise(&mut d);
    for &(words, iso2, feature) in places {
        let start = text.find(words).expect("in the text");
        d.places.push(dyad_document::Place {
            span: dyad_document::Span::new(start, start + words.len()),
            name: words.into(),
            country: Some(iso2.into()),
            feature,
            ..Default::default()
        });
    }
    d.places.sort_by_key(|p| p.span.start);
    code(&mut d);
    d
}

#[test]
fn a_coalition_takes_a_city_of_a_named_country() {
    use dyad_document::PlaceFeature::{City, Country};
    let text = "Fighting spread across Mali.\n\nLast week, in fewer than three days, a coalition \
                of Malian rebels including local militias, took the city of Gao, which had been \
                under army control since 2013.";
    let d = coded_with_places(text, &[("Mali", "ML", Country), ("Gao", "ML", City)]);
    assert!(has(&d, "MLIREB", "MLI", "19"), "{:?}", triples(&d));
    // Without the country named anywhere, the place's ISO code gives it
    // (see `place_target`).
    let text = "Last week, a coalition of Malian rebels took the city of Gao.";
    let d = coded_with_places(text, &[("Gao", "ML", City)]);
    assert!(has(&d, "MLIREB", "MLI", "19"), "{:?}", triples(&d));
}

#[test]
fn refusal_is_its_own_code_and_negated_support_is_none() {
    let d = coded("Venezuela refused to meet Colombia on Monday.");
    assert_eq!(triples(&d), vec![t("VEN", "COL", "125")]);
    assert!(coded("Chile has not publicly expressed support for Peru.")
        .events
        .is_empty());
}

#[test]
fn reported_speech_codes_what_was_reported() {
    let d = coded("Brazil said Argentina attacked Chile on Monday.");
    assert!(has(&d, "ARG", "CHL", "19"), "{:?}", triples(&d));
    // The speaker is not made the attacker.
    assert!(!has(&d, "BRA", "CHL", "19"), "{:?}", triples(&d));
}

#[test]
fn leader_codes_as_of_the_publication_date() {
    let at = |date: &str| {
        let mut d = Document {
            id: "t".into(),
            text: "Barack Obama criticized Vladimir Putin on Monday.".into(),
            published: Some(date.into()),
            ..Default::default()
        };
        dyad_segment::segment(&mut d);
        dyad_tag::annotate(&mut d);
        dyad_recognise::recognise(&mut d);
        code(&mut d);
        triples(&d)
    };
    assert_eq!(at("2012-03-01"), vec![t("USAGOV", "RUSGOV", "111")]);
    assert_eq!(at("2020-03-01"), vec![t("USAELI", "RUSGOV", "111")]);
}

#[test]
fn what_was_urged_or_planned_is_not_coded_as_done() {
    let d = coded("Brazil urged Argentina to attack Chile.");
    assert!(!has(&d, "ARG", "CHL", "19"), "{:?}", triples(&d));
    assert!(has(&d, "BRA", "ARG", "02"), "{:?}", triples(&d));
    let d = coded("Argentina plans to attack Chile next week.");
    assert!(!has(&d, "ARG", "CHL", "19"), "{:?}", triples(&d));
    // Forced to: it happened.
    let d = coded("Chile forced Argentina to retreat, and Argentina began to attack Peru.");
    assert!(has(&d, "ARG", "PER", "19"), "{:?}", triples(&d));
}

#[test]
fn sports_stories_and_games_code_nothing() {
    let mut d = Document {
        id: "t".into(),
        title: Some("Brazil reach the World Cup final".into()),
        text: "Brazil beat Argentina on Sunday.".into(),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    dyad_recognise::recognise(&mut d);
    code(&mut d);
    assert!(d.events.is_empty(), "{:?}", triples(&d));
    // Without the title it is coded, as the coder cannot tell.
    d.title = None;
    code(&mut d);
    assert!(!d.events.is_empty());
    // Three competition words in the text discard the story too.
    let d =
        coded("Peru attacked Chile in the semi-final of the tournament. The striker was injured.");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
    // A sentence naming a game codes nothing; the next one does.
    let d = coded("Japan beat China in a football match. Japan condemned China.");
    assert_eq!(triples(&d), vec![t("JPN", "CHN", "111")]);
}

#[test]
fn possible_or_intended_codes_nothing() {
    assert!(coded("Peru would impose sanctions on Chile.")
        .events
        .is_empty());
    assert!(coded("Peru said it could strike Chile.").events.is_empty());
    // The same verb, done: coded.
    assert!(!coded("Peru imposed sanctions on Chile.").events.is_empty());
}

#[test]
fn only_mutual_acts_pair_a_compound_subject() {
    // Meeting is mutual: each with the other.
    let d = coded("Peru and Chile met on Monday.");
    assert!(
        has(&d, "PER", "CHL", "04") && has(&d, "CHL", "PER", "04"),
        "{:?}",
        triples(&d)
    );
    // An appeal by two countries is not to each other.
    let d = coded("France and Germany urged both sides to show restraint.");
    assert!(
        !has(&d, "FRA", "DEU", "02") && !has(&d, "DEU", "FRA", "02"),
        "{:?}",
        triples(&d)
    );
}

/// Events as (source, target, code, how).
fn with_how(d: &Document) -> Vec<(String, String, String, Option<String>)> {
    d.events
        .iter()
        .map(|e| {
            (
                e.source.clone().unwrap_or_default(),
                e.target.clone().unwrap_or_default(),
                e.code.clone(),
                e.how.clone(),
            )
        })
        .collect()
}

#[test]
fn participle_on_a_noun_takes_the_subject_of_the_verb_it_is_object_of() {
    // "condemning" has no subject of its own: the senate issued it.
    let d =
        coded("The Chilean senate issued a statement condemning Bolivia over the border dispute.");
    let ev = with_how(&d);
    assert!(
        ev.iter().any(|(s, t, c, how)| s == "CHLLEG"
            && t == "BOL"
            && c.starts_with("11")
            && how.as_deref() == Some("shallow")),
        "{ev:?}"
    );
}

#[test]
fn purpose_clause_takes_the_main_subject() {
    let d = coded("Argentina dispatched inspectors to investigate the Uruguayan paper mills.");
    let ev = with_how(&d);
    assert!(
        ev.iter()
            .any(|(s, t, c, _)| s == "ARG" && t == "URY" && c.starts_with("09")),
        "{ev:?}"
    );
}

#[test]
fn target_named_inside_the_object_by_phrase_or_of_phrase() {
    let d = coded("Ghana rejected the accusations made by Togo.");
    let ev = with_how(&d);
    assert!(
        ev.iter().any(|(s, t, c, how)| s == "GHA"
            && t == "TGO"
            && c.starts_with("12")
            && how.as_deref() == Some("nested")),
        "{ev:?}"
    );
    // "dozens of X" stands for X itself (a word of number), no fallback.
    let d = coded("Police in Nairobi arrested dozens of Somali refugees.");
    let ev = with_how(&d);
    assert!(
        ev.iter().any(|(_, t, c, _)| t == "SOMREF" && c == "173"),
        "{ev:?}"
    );
}

#[test]
fn object_with_no_actor_anywhere_codes_nothing() {
    let d = coded("Portugal condemned the decision.");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
}

#[test]
fn eventive_noun_after_a_light_verb_takes_the_verb_subject() {
    // The noun pattern "~ $ lawsuit against +" has no modifier naming the
    // source: the subject of "filed" is.
    let d = coded("Norway filed a lawsuit against Iceland over the fishing quota.");
    let ev = with_how(&d);
    assert!(
        ev.iter()
            .any(|(s, t, c, _)| s == "NOR" && t == "ISL" && c.starts_with("11")),
        "{ev:?}"
    );
}

#[test]
fn future_with_will_is_not_done() {
    // A deployment to come is neither done nor a threat.
    let d = coded("Canada will send troops to Latvia.");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
}

#[test]
fn speaking_to_reporters_is_no_event() {
    let d =
        coded("The Peruvian foreign minister told reporters on Monday that the talks had failed.");
    assert!(
        !d.events
            .iter()
            .any(|e| e.target.as_deref().is_some_and(|t| t.ends_with("MED"))),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn explain_shows_the_fallback() {
    let d =
        coded("The Chilean senate issued a statement condemning Bolivia over the border dispute.");
    let x = explain(&d, 0).expect("sentence 0").to_string();
    assert!(x.contains("fallback: verb «condemning»"), "{x}");
    assert!(x.contains("shallow: the subject of «issued»"), "{x}");
    assert!(x.contains("how: shallow"), "{x}");
}

#[test]
fn will_is_coded_as_the_intent() {
    // "will host": not a visit done (043) but the intent to meet (036).
    let d = coded("Peru will host the Ecuadorian president next week.");
    let t = triples(&d);
    assert!(t.iter().any(|(s, _, c)| s == "PER" && c == "036"), "{t:?}");
    assert!(!t.iter().any(|(_, _, c)| c.starts_with("04")), "{t:?}");
}

#[test]
fn a_commitment_by_two_parties_is_to_each_other() {
    let d = coded("Chile and Argentina have agreed to hold joint naval exercises.");
    let t = triples(&d);
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "CHL" && g == "ARG" && c.starts_with("03")),
        "{t:?}"
    );
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "ARG" && g == "CHL" && c.starts_with("03")),
        "{t:?}"
    );
}

#[test]
fn reported_would_is_a_commitment_and_negated_agreement_is_none() {
    let d = coded("Kenya said it would release the Tanzanian fishermen.");
    let t = triples(&d);
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "KEN" && g.starts_with("TZA") && c == "0353"),
        "{t:?}"
    );
    let d = coded("Kenya did not agree to release the Tanzanian fishermen.");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
}

#[test]
fn willing_to_takes_the_copula_subject_and_the_verb_phrase_target() {
    let d = coded("Finland is willing to provide medical supplies to Estonia.");
    let t = triples(&d);
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "FIN" && g == "EST" && c.starts_with("03")),
        "{t:?}"
    );
}

#[test]
fn object_of_a_light_verb_noun_takes_the_verb_prepositions() {
    // "its borders" names no actor; "to Malian refugees" hangs on "opened".
    let d = coded("Senegal agreed to open its borders to Malian refugees.");
    let t = triples(&d);
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "SEN" && g.starts_with("MLI") && c.starts_with("03")),
        "{t:?}"
    );
}

#[test]
fn members_of_an_actor_stand_for_it() {
    let d = coded("Members of the Peruvian army attacked Bolivian smugglers.");
    let t = triples(&d);
    assert!(
        t.iter()
            .any(|(s, _, c)| s == "PERMIL" && c.starts_with("19")),
        "{t:?}"
    );
}

#[test]
fn infinitive_on_a_noun_of_asking_is_not_done() {
    let d = coded("Brazil rejected the Argentine request to investigate Paraguayan banks.");
    let t = triples(&d);
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "BRA" && g == "ARG" && c == "120"),
        "{t:?}"
    );
    assert!(!t.iter().any(|(_, _, c)| c.starts_with("09")), "{t:?}");
}

#[test]
fn shallow_source_is_a_subject_not_an_actor_in_another_phrase() {
    let d = coded(
        "During the meeting, he asked about the Bolivian army, called Chile a \"bully\" and left.",
    );
    let t = triples(&d);
    assert!(!t.iter().any(|(s, _, _)| s.starts_with("BOL")), "{t:?}");
}

#[test]
fn passive_participle_takes_no_shallow_source() {
    let d = coded("Nurses visited Malian refugees held in Nigerien custody.");
    let t = triples(&d);
    assert!(!t.iter().any(|(_, _, c)| c.starts_with("17")), "{t:?}");
}

#[test]
fn inverted_conditional_is_hypothetical() {
    let d = coded("The crisis would have ended had Peru attacked Ecuador in 1995.");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
}

#[test]
fn would_question_is_hypothetical() {
    let d = coded("What would Chile have said if Peru had attacked Bolivia?");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
    let d = coded("How would Chile react had Peru sent a phone call to Bolivia's president?");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
}

#[test]
fn a_legislature_summoning_an_official_is_an_inquiry() {
    let d = coded(
        "The Ghanaian parliament summoned Ghana's finance minister to testify about the loan.",
    );
    let t = triples(&d);
    assert!(
        t.iter()
            .any(|(s, g, c)| s == "GHALEG" && g.starts_with("GHA") && c == "090"),
        "{t:?}"
    );
}

#[test]
fn wanting_someone_to_act_is_not_the_act() {
    let d = coded("Bolivia also wants Peru to lift the tariffs on Chilean copper.");
    let t = triples(&d);
    assert!(!t.iter().any(|(_, _, c)| c.starts_with("08")), "{t:?}");
    // It is a demand of the one who is to act, whose subject the parser
    // gives the infinitive.
    assert!(has(&d, "BOL", "PER", "10"), "{t:?}");
    let d = coded("The Kenyan government wants Uganda to extradite the journalist.");
    assert!(has(&d, "KENGOV", "UGA", "10"), "{:?}", triples(&d));
    // Wanting to act oneself demands nothing of anyone.
    assert!(coded("Peru wants to lift the tariffs.").events.is_empty());
}

#[test]
fn nouns_of_meeting_name_both_parties() {
    // "A's call with B": the possessor calls B.
    let d = coded("The Kenyan president's March 3 call with Ugandan President Yoweri Museveni lasted an hour.");
    assert!(has(&d, "KENGOV", "UGAGOV", "04"), "{:?}", triples(&d));
    // "a meeting between A and B": each with the other.
    let d = coded("The deal followed a meeting in Oslo between Colombia's foreign minister and Venezuelan officials.");
    assert!(
        has(&d, "COLGOV", "VENGOV", "04") && has(&d, "VENGOV", "COLGOV", "04"),
        "{:?}",
        triples(&d)
    );
    // "A and B held talks": talks with each other; one party alone talks
    // with no one the sentence names.
    let d = coded("Colombia and Venezuela had been holding direct talks for weeks.");
    assert!(
        has(&d, "COL", "VEN", "04") && has(&d, "VEN", "COL", "04"),
        "{:?}",
        triples(&d)
    );
    assert!(coded("Peru held talks on Monday.").events.is_empty());
}

#[test]
fn a_dateline_is_no_actor() {
    // The parser makes the dateline the subject and the minister its
    // apposition; the capital is where the story was filed.
    let d = coded(
        "NAIROBI, Kenya (AP) — Ethiopian Foreign Minister Abebe Tadesse on Monday accused Eritrea of arming rebels.",
    );
    assert!(
        d.events
            .iter()
            .all(|e| !e.source.as_deref().unwrap_or("").starts_with("KEN")),
        "{:?}",
        triples(&d)
    );
    assert!(has(&d, "ETHGOV", "ERI", "11"), "{:?}", triples(&d));
    // A dateline may end in a colon.
    let d = coded("UNITED NATIONS: Brazil and India on Friday vetoed a Chinese resolution.");
    assert!(
        d.events
            .iter()
            .all(|e| e.source.as_deref() != Some("IGOUNO")),
        "{:?}",
        triples(&d)
    );
}

#[test]
fn what_a_verb_is_about_is_no_target() {
    // "asked about X" asks nothing of X; "asked X" does.
    let d = coded("During the interview, the Peruvian minister asked about Chile.");
    assert!(!has(&d, "PERGOV", "CHL", "02"), "{:?}", triples(&d));
}

#[test]
fn the_country_is_the_one_last_named() {
    let d =
        coded("Some 900 French troops remain in Mali, ten years after France invaded the country.");
    assert!(has(&d, "FRA", "MLI", "19"), "{:?}", triples(&d));
}

#[test]
fn granting_an_extradition_request_is_judicial_cooperation() {
    let d = coded("Spain's government granted the extradition request by Mexico on Friday.");
    assert!(has(&d, "ESPGOV", "MEX", "06"), "{:?}", triples(&d));
}

#[test]
fn an_agentless_passive_of_the_law_has_its_institution_as_source() {
    assert!(has(
        &coded("A Kenyan police officer was charged on Monday with taking bribes."),
        "KENJUD",
        "KENCOP",
        "11"
    ));
    assert_eq!(
        triples(&coded("A Nigerian journalist was arrested on Friday.")),
        vec![t("NGACOP", "NGAMED", "173")]
    );
    // Deporting is done by the country one is deported from, never one's own.
    assert_eq!(
        triples(&coded(
            "Dozens of Ghanaian migrants were deported from Libya."
        )),
        vec![t("LBYGOV", "GHAREF", "174")]
    );
    assert!(coded("Dozens of Ghanaian migrants have been deported.")
        .events
        .is_empty());
    // Not told as done: the future, a gerund, a question.
    assert!(
        coded("The Kenyan officers are going to be charged with fraud.")
            .events
            .is_empty()
    );
    assert!(coded("Will the Kenyan officers be arrested?")
        .events
        .is_empty());
    assert!(
        coded("The Ghanaian migrants feared being deported from Libya.")
            .events
            .is_empty()
    );
    // An attack names no doer.
    assert!(coded("A Nigerian journalist was attacked on Friday.")
        .events
        .is_empty());
}

#[test]
fn implicit_agents_read_from_their_list() {
    let a = crate::patterns::parse_implicit_agents("# c\narrest COP\ndeport  gov abroad # x\n\n");
    assert_eq!(a["arrest"].role, "COP");
    assert!(!a["arrest"].abroad);
    assert_eq!(a["deport"].role, "GOV");
    assert!(a["deport"].abroad);
    assert_eq!(a.len(), 2);
}

#[test]
fn an_obligation_in_reported_speech_is_the_speakers_demand() {
    let demands = |text: &str| -> Vec<(String, String, String)> {
        triples(&coded(text))
            .into_iter()
            .filter(|e| e.2 == "100")
            .collect()
    };
    assert_eq!(
        demands("\"Chile must withdraw its troops now,\" the Peruvian foreign minister said."),
        vec![t("PERGOV", "CHL", "100")]
    );
    assert_eq!(
        demands("The Peruvian foreign minister said Chile should pay compensation."),
        vec![t("PERGOV", "CHL", "100")]
    );
    assert_eq!(
        demands("The Peruvian foreign minister told reporters that Chile would need to apologise."),
        vec![t("PERGOV", "CHL", "100")]
    );
    assert_eq!(
        demands("The Peruvian president said on Monday that Chile is going to have to pay."),
        vec![t("PERGOV", "CHL", "100")]
    );
    // "they" in what was told to someone is the one told.
    assert_eq!(
        demands(
            "The Peruvian foreign minister told visiting Chilean officials they would need to apologise."
        ),
        vec![t("PERGOV", "CHLGOV", "100")]
    );
    // The speaker's own resolve, a question, and what had to be done once.
    assert!(
        demands("\"We must defend our borders,\" the Peruvian foreign minister said.").is_empty()
    );
    assert!(demands("\"Should Chile pay?\" the Peruvian foreign minister asked.").is_empty());
    assert!(demands(
        "The Peruvian foreign minister said Chile had to withdraw its troops in 1990."
    )
    .is_empty());
}

#[test]
fn up_to_before_a_quantity_is_no_particle() {
    assert!(has(
        &coded("Norway will lend up to 300 million dollars to Kenya."),
        "NOR",
        "KEN",
        "03"
    ));
}

#[test]
fn swapping_people_for_others_releases_them() {
    assert!(has(
        &coded("The Houthis swapped three Saudi pilots for five of their fighters."),
        "YEMREB",
        "SAU",
        "08"
    ));
    let d = coded("A prisoner swap between Russia and Ukraine took place on Friday.");
    assert!(has(&d, "RUS", "UKR", "08") && has(&d, "UKR", "RUS", "08"));
}

#[test]
fn speaking_to_a_group_named_by_what_its_members_are_is_no_event() {
    // With no country in the text, "teachers" are EDU and no more.
    let d = coded("The Peruvian president told the teachers that the budget was fair.");
    assert!(has(&d, "PERGOV", "PEREDU", "01"), "{:?}", triples(&d));
    let d = coded("The president told the teachers that the budget was fair.");
    assert!(d.events.is_empty(), "{:?}", triples(&d));
    let d = coded("The Peruvian president told Chilean officials that the budget was fair.");
    assert!(has(&d, "PERGOV", "CHLGOV", "01"), "{:?}", triples(&d));
}

#[test]
fn an_active_participle_on_a_noun_is_what_the_noun_does() {
    let d =
        coded("Video footage shows Bolivian soldiers using tear gas to disperse demonstrators.");
    assert!(has(&d, "BOLMIL", "BOLCVL", "17"), "{:?}", triples(&d));
}

#[test]
fn refusing_a_cooperative_act_is_a_refusal() {
    assert_eq!(
        triples(&coded("Peru declined to meet Chilean officials.")),
        vec![t("PER", "CHLGOV", "125")]
    );
    assert!(has(
        &coded("Iran refused to release the British sailors."),
        "IRN",
        "GBRMIL",
        "12"
    ));
    // Refusing to fight is no event; failing to is not refusing.
    assert!(coded("Chile refused to attack Peru.").events.is_empty());
    assert!(coded("Peru failed to meet Chilean officials.")
        .events
        .is_empty());
}

#[test]
fn welcoming_a_decision_or_a_proposal_praises_its_author() {
    assert_eq!(
        triples(&coded("Japan welcomed the Chinese proposal.")),
        vec![t("JPN", "CHN", "051")]
    );
    // Welcoming a person to a place is hosting them.
    assert_eq!(
        triples(&coded(
            "Egypt welcomed the Israeli prime minister to Cairo."
        )),
        vec![t("EGY", "ISRGOV", "043")]
    );
}

#[test]
fn a_scathing_attack_is_criticism() {
    assert_eq!(
        triples(&coded(
            "The Peruvian president launched a scathing attack on Chile's foreign minister."
        )),
        vec![t("PERGOV", "CHLGOV", "111")]
    );
    assert_eq!(
        triples(&coded("Peru launched an attack on Chile.")),
        vec![t("PER", "CHL", "190")]
    );
}
