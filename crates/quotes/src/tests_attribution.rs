//! Attribution classes met in real news: misread clauses, speakers with
//! determiners and appositions, unnamed sources, nested attributions.

use crate::tests::run;
use dyad_document::{Document, QuoteKind};

/// (kind, content, speaker name, anonymous, code) of a quote.
type Q = (QuoteKind, String, Option<String>, bool, Option<String>);

fn quotes(d: &Document) -> Vec<Q> {
    d.quotes
        .iter()
        .map(|q| {
            let sp = q.speaker.as_ref();
            (
                q.kind,
                d.slice(q.span).to_string(),
                sp.map(|s| s.name.clone()),
                sp.is_some_and(|s| s.anonymous),
                sp.and_then(|s| s.code.clone()),
            )
        })
        .collect()
}

fn starting<'a>(q: &'a [Q], start: &str) -> &'a Q {
    q.iter()
        .find(|x| x.1.starts_with(start))
        .unwrap_or_else(|| panic!("no quote starting {start:?} in {q:#?}"))
}

#[test]
fn said_with_a_clause_misread_as_its_object() {
    let d = run(
        "Harbour pilots walked out in Gdansk.\n\nUnion lawyers said the two were ready to meet again.\n\nThe organisers said more than 4,000 people marched through the port.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "the two were ready");
    assert_eq!(x.0, QuoteKind::Indirect);
    let y = starting(&q, "more than 4,000 people marched");
    assert_eq!(y.2.as_deref(), Some("The organisers"), "{q:#?}");
}

#[test]
fn said_with_a_person_object_is_no_clause() {
    // "said nothing" and "told reporters" report no clause.
    let d = run(
        "The harbour master said nothing about the strike. Ilse Brandt told reporters the port was closed.",
        None,
    );
    let q = quotes(&d);
    assert!(q.iter().all(|x| !x.1.starts_with("nothing")), "{q:#?}");
    let x = starting(&q, "the port was closed");
    assert_eq!(x.2.as_deref(), Some("Ilse Brandt"));
}

#[test]
fn a_named_institution_after_the_clause_keeps_its_determiner() {
    let d = run(
        "Two Chilean sailors were hurt in a fire aboard a frigate near Valparaiso, the Chilean navy said in a statement on Monday.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "Two Chilean sailors were hurt");
    assert_eq!(x.0, QuoteKind::Indirect);
    assert!(x.2.is_some(), "{q:#?}");
}

#[test]
fn said_then_the_speaker_with_an_apposition() {
    let d = run(
        "Volunteers are giving their weekends to repair the roofs, said Okafor, a Lagos architect.\n\nMore than 20 families were moved, said Ngozi Eze, head of the tenants' association.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "Volunteers are giving");
    assert_eq!(x.2.as_deref(), Some("Okafor"), "{q:#?}");
    let y = starting(&q, "More than 20 families");
    assert_eq!(y.2.as_deref(), Some("Ngozi Eze"), "{q:#?}");
}

#[test]
fn unnamed_groups_and_roles_are_anonymous() {
    let d = run(
        "Dock workers have long warned that the cranes are unsafe.\n\nA magistrate ruled that the ship must stay in port.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "the cranes are unsafe");
    assert!(x.3, "{q:#?}");
    let y = starting(&q, "the ship must stay");
    assert!(y.3, "{q:#?}");
}

#[test]
fn a_description_with_a_named_apposition_is_that_person() {
    let d = run(
        "Marek Nowak chaired the session.\n\nHe said his predecessor, Agata Wrona, had warned the board that the budget was \"a house of cards.\"",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "a house of cards");
    assert_eq!(x.2.as_deref(), Some("Agata Wrona"), "{q:#?}");
}

#[test]
fn a_quote_inside_a_reported_sentence_is_the_inner_speaker_s() {
    let d = run(
        "Tomas Berg was charged on Friday.\n\nDuring the hearing, he shouted at the clerk, called the judge a \"traitor\" and said, \"you will all pay for this,\" the prosecutor's office said.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "you will all pay");
    assert_eq!(x.2.as_deref(), Some("Tomas Berg"), "{q:#?}");
}

#[test]
fn a_coordinated_verb_after_said_keeps_its_subject() {
    let d = run(
        "Lena Sorensen testified for six hours.\n\nSorensen said she never used the word \"cartel\" and added, \"I find it offensive.\"",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "I find it offensive");
    assert_eq!(x.2.as_deref(), Some("Lena Sorensen"), "{q:#?}");
}

#[test]
fn a_first_name_read_as_a_modal_still_names_the_speaker() {
    let d = run(
        "Critics were angry.\n\n“It was a stunt,’’ Will Okonjo, head of the watchdog Clear Count, told reporters. “And it misled voters.”",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "It was a stunt");
    assert!(
        x.2.as_deref().is_some_and(|n| n.ends_with("Okonjo")),
        "{q:#?}"
    );
    let y = starting(&q, "And it misled voters");
    assert_eq!(y.2, x.2, "{q:#?}");
}

#[test]
fn an_anonymous_source_takes_the_country_named_before_it() {
    // No country in "a spokesperson": the one the text named just before,
    // not a country named as a place.
    let d = run(
        "Canada's border agency turned the offer down and sent the crates to Mexico.\n\nA spokesperson said the agency had no budget for it.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "the agency had no budget");
    assert!(x.3, "{q:#?}");
    assert!(
        x.4.as_deref().is_some_and(|c| c.starts_with("CAN")),
        "{q:#?}"
    );
}

#[test]
fn a_person_s_lawyer_takes_that_person_s_country() {
    let d = run(
        "Kenyan Interior Minister Paul Odhiambo testified before a committee in Brussels about Belgian aid.\n\nBelgian deputies asked about the contracts, but Odhiambo's lawyer said the question was outside the inquiry.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "the question was outside");
    assert!(
        x.4.as_deref().is_none_or(|c| !c.starts_with("BEL")),
        "{q:#?}"
    );
}

#[test]
fn an_institution_speaker_is_named_as_the_story_writes_it() {
    // Not the dictionary's name of another shape ("United Kingdom").
    let d = run(
        "Fishing boats were stopped in the Channel.\n\nThe UK has urged an \"end to the blockade and for both sides to talk\".\n\nThree sailors were missing after the storm, the US Navy said on Friday.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "end to the blockade");
    assert_eq!(x.2.as_deref(), Some("UK"), "{q:#?}");
    let y = starting(&q, "Three sailors were missing");
    assert_eq!(y.2.as_deref(), Some("US Navy"), "{q:#?}");
}

#[test]
fn an_institution_in_no_dictionary_is_its_whole_name() {
    // A possessive or an "of" phrase inside the name, a mixed quote in its
    // clause, then a short reference to it with a closing mark before it.
    let d = run(
        "A farmer from Leeds pleaded guilty to fraud on Monday, the Crown Prosecution Office for North Yorkshire said in a statement.\n\nThe clerk who took the call recalled that he said, \"I will burn it down,\" the prosecution office said.\n\nChief Inspector Ola Berg took the decision to \"close the file on the grain fraud\", the Norwegian Economic Crime Authority said.",
        None,
    );
    let q = quotes(&d);
    let full = "Crown Prosecution Office for North Yorkshire";
    let x = starting(&q, "A farmer from Leeds");
    assert_eq!(x.2.as_deref(), Some(full), "{q:#?}");
    let y = starting(&q, "The clerk who took the call");
    assert_eq!(y.2.as_deref(), Some(full), "{q:#?}");
    let z = starting(&q, "Chief Inspector Ola Berg");
    assert!(
        z.2.as_deref()
            .is_some_and(|n| n.ends_with("Economic Crime Authority")),
        "{q:#?}"
    );
}

#[test]
fn the_owner_of_an_office_is_not_its_speaker() {
    let d = run(
        "Governor Rita Alvarez vetoed the bill.\n\nThe governor's office said the veto was final.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "the veto was final");
    assert!(
        x.2.as_deref().is_some_and(|n| n.contains("office")),
        "{q:#?}"
    );
}

#[test]
fn a_quantifier_subject_is_an_anonymous_group() {
    let d = run(
        "Nearly 200 miners came back to the surface after the strike ended. Some said they felt cheated by the deal.\n\nMany of the strikers' relatives said the mine was unsafe.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "they felt cheated");
    assert!(x.3, "{q:#?}");
    let y = starting(&q, "the mine was unsafe");
    assert!(y.3, "{q:#?}");
}

#[test]
fn that_after_a_long_prepositional_phrase_opens_the_clause() {
    let d = run(
        "Mara Ionescu said in a long email to the Romanian Press Agency that the mayor never saw the contract.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "the mayor never saw");
    assert_eq!(x.2.as_deref(), Some("Mara Ionescu"), "{q:#?}");
}

#[test]
fn said_with_the_clause_subject_misread_as_its_own() {
    let d = run(
        "Dr. Petra Lindqvist studies prison health.\n\nLindqvist said Okoro was still \"a danger to himself\" because of his history.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "Okoro was still");
    assert_eq!(x.0, QuoteKind::Indirect, "{q:#?}");
    assert!(
        x.2.as_deref().is_some_and(|n| n.ends_with("Lindqvist")),
        "{q:#?}"
    );
}

#[test]
fn adding_that_after_a_quote_takes_the_speaker_before_the_quote() {
    let d = run(
        "Canadian Prime Minister Mark Carney said in a statement, “We are deeply relieved” at the sailors’ release, adding that their families had asked for privacy.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "their families had asked");
    assert!(
        x.2.as_deref().is_some_and(|n| n.ends_with("Carney")),
        "{q:#?}"
    );
}

#[test]
fn the_officials_are_not_an_official_named_before() {
    let d = run(
        "The plane landed in Lagos at dawn, a port official said. The 90 passengers had overstayed their visas, the officials said.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "The 90 passengers");
    assert!(
        x.2.as_deref().is_some_and(|n| n.ends_with("officials")),
        "{q:#?}"
    );
}

#[test]
fn it_as_a_speaker_is_the_institution_before_it() {
    let d = run(
        "The Chilean navy said in a statement that a patrol boat sank off Arica.\n\nIt did not name the crew and said it was still searching the area.\n\nThe Audit Office, which checks public spending, issued a statement warning that \"the accounts are late.\" However, it pointed out that it has \"no power to fine ministries.\"\n\nSo it's fair to say you never read the 'grey report'?",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "it was still searching");
    assert!(x.2.as_deref().is_some_and(|n| n.contains("navy")), "{q:#?}");
    let y = starting(&q, "it has");
    assert!(
        x.2.is_some() && y.2.as_deref().is_some_and(|n| n.contains("Audit Office")),
        "{q:#?}"
    );
    // An "it" that names no one speaks for no one.
    assert!(
        q.iter()
            .all(|z| !z.1.starts_with("grey report") || z.2.is_none()),
        "{q:#?}"
    );
}

#[test]
fn a_source_with_a_relative_clause_is_the_subject() {
    let d = run(
        "The border agency turned the offer down. A spokeswoman who did not wish to be named because of agency rules said the agency had no budget for it.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "the agency had no budget");
    assert_eq!(x.2.as_deref(), Some("A spokeswoman"), "{q:#?}");
    assert!(x.3, "{q:#?}");
}

#[test]
fn said_then_a_speaker_misread_as_the_object() {
    let d = run(
        "Brandt was known for telling aides \"the port is mine\" despite being a junior minister, said another witness at the hearing, former harbour adviser Lena Voss.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "Brandt was known");
    assert!(
        x.2.as_deref().is_some_and(|n| n.ends_with("Voss")),
        "{q:#?}"
    );
    // The quoted words are the teller's, the passive's subject.
    let y = starting(&q, "the port is mine");
    assert!(
        y.2.as_deref().is_some_and(|n| n.ends_with("Brandt")),
        "{q:#?}"
    );
}

#[test]
fn said_then_the_speaker_then_a_time() {
    let d = run(
        "Security forces have killed at least 30 protesters in twelve towns since the fuel price rise, said Human Rights Watch on Monday, March 3.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "Security forces have killed");
    assert!(
        x.2.as_deref()
            .is_some_and(|n| n.contains("Human Rights Watch")),
        "{q:#?}"
    );
}

#[test]
fn called_after_an_apposition_and_which_as_a_speaker() {
    let d = run(
        "Sen. Maria Lopez, D-Ore., called the fire \"a failure of public duty\" at the hearing.\n\nHe is fighting extradition to Canada, which accuses him of selling stolen data.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "a failure of public duty");
    assert!(
        x.2.as_deref().is_some_and(|n| n.ends_with("Lopez")),
        "{q:#?}"
    );
    let y = starting(&q, "selling stolen data");
    assert!(
        y.2.as_deref().is_some_and(|n| n.contains("Canada")),
        "{q:#?}"
    );
}

#[test]
fn a_guessed_country_gives_way_to_the_actor_named_before() {
    // The story's focus (Sweden) is only a guess for "a judge"; the
    // British minister named just before is evidence, the US named as a
    // place is not.
    let d = run(
        "Swedish prosecutors have dropped their investigation into Karel Marek, the Swedish Prosecution Authority said. Sweden's deputy chief prosecutor said the evidence had weakened.\n\nIn June, the then UK Home Secretary, Priti Patel, approved an extradition request from the US. Marek was due to be released from prison in September.\n\nBut a judge ruled that Marek should remain in jail until his hearing.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "Marek should remain in jail");
    assert!(x.3, "{q:#?}");
    assert!(
        x.4.as_deref().is_some_and(|c| c.starts_with("GBR")),
        "{q:#?}"
    );
}

#[test]
fn what_an_anonymous_source_says_does_not_give_its_country() {
    let d = run(
        "On Monday, the border was calm, Nepal's army chief said.\n\nThe two men flown in from Tibet were handed over to Indian police at the border post, an insurgent source told reporters.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "The two men flown in");
    assert!(
        x.4.as_deref().is_none_or(|c| !c.starts_with("IND")),
        "{q:#?}"
    );
}

#[test]
fn he_after_a_person_in_no_dictionary_is_that_person() {
    // Coreference links "he" to the man named first; the man quoted since,
    // whose given name no list knows, is the one who speaks.
    let d = run(
        "Paul Mercer spent his savings on four attempts. \"I was caught twice,\" he said.\n\nOkwuosa Adeyemi, another migrant, said he had paid an agent in Lagos. \"He sent me through Spain and France,\" he said.\n\nThe staff member who took the call said the flight was late. \"It landed at noon,\" he said.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "He sent me through Spain");
    assert_eq!(x.2.as_deref(), Some("Okwuosa Adeyemi"), "{q:#?}");
    let y = starting(&q, "I was caught twice");
    assert_eq!(y.2.as_deref(), Some("Paul Mercer"), "{q:#?}");
    // A description is no name to hand on.
    let z = starting(&q, "It landed at noon");
    assert_ne!(z.2.as_deref(), Some("The staff member"), "{q:#?}");
}

#[test]
fn according_to_an_account_from_someone_is_that_someone() {
    let d = run(
        "At least 40 miners have died in the floods, according to figures compiled by Human Rights Watch.\n\nAccording to witness accounts confirmed by satellite images, the dam broke at night.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "At least 40 miners");
    assert!(
        x.2.as_deref()
            .is_some_and(|n| n.contains("Human Rights Watch")),
        "{q:#?}"
    );
    // The images confirm; they say nothing.
    let y = starting(&q, "the dam broke at night");
    assert!(
        y.2.as_deref().is_none_or(|n| !n.starts_with("satellite")),
        "{q:#?}"
    );
}

#[test]
fn both_men_are_the_two_people_named_together() {
    let d = run(
        "Briton Adam Kettle and Canadian Jon Mercer, both engineers, were freed on Monday.\n\nKettle and Mercer were seized by gunmen in 2021. Both men said at the time that they were being fed well.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "they were being fed well");
    assert_eq!(x.2.as_deref(), Some("Adam Kettle and Jon Mercer"), "{q:#?}");
    assert!(!x.3, "{q:#?}");
}

#[test]
fn some_is_part_of_the_group_named_before() {
    let d = run(
        "Nearly 90 Peruvians flew home on Friday after being deported from the United States. Some said they had paid smugglers twice.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "they had paid smugglers");
    assert!(x.3, "{q:#?}");
    assert_eq!(x.4.as_deref(), Some("PERCVL"), "{q:#?}");
}

#[test]
fn to_say_after_the_speaker_s_own_verb_reports_speech() {
    let d = run(
        "Former envoy Rosa Lind changed her account of the May meeting to say Ortega did, in fact, raise the loans.\n\nThe minister declined to say whether the loans were repaid.\n\nLind disputed the notion that she had run a private channel.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "Ortega did, in fact");
    assert!(
        x.2.as_deref().is_some_and(|n| n.ends_with("Lind")),
        "{q:#?}"
    );
    // Declining to say says nothing.
    assert!(q.iter().all(|z| !z.1.starts_with("whether")), "{q:#?}");
    let y = starting(&q, "she had run a private channel");
    assert!(
        y.2.as_deref().is_some_and(|n| n.ends_with("Lind")),
        "{q:#?}"
    );
}

#[test]
fn a_quote_after_a_colon_and_a_noun_of_speech() {
    let d = run(
        "Governor Ana Ruiz posted a video on Sunday. Her message: “We will rebuild every school.”\n\nThe ministry responded within hours. In a statement: “The claims are false and we reject them.”\n\nMayor Tom Baker had a blunt reply for the union: “Go back to work.”\n\nThe crowd carried one banner: “Bread and water.”",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "We will rebuild");
    assert_eq!(x.2.as_deref(), Some("Ana Ruiz"), "{q:#?}");
    let y = starting(&q, "The claims are false");
    assert_eq!(y.2.as_deref(), Some("The ministry"), "{q:#?}");
    let z = starting(&q, "Go back to work");
    assert!(
        z.2.as_deref().is_some_and(|n| n.ends_with("Baker")),
        "{q:#?}"
    );
    // A banner is no noun of speech.
    assert!(
        q.iter()
            .all(|w| !w.1.starts_with("Bread and water") || w.2.is_none()),
        "{q:#?}"
    );
}

#[test]
fn he_inside_someone_s_words_is_whom_they_speak_of() {
    let d = run(
        "Lena Park said the minister told her that the budget would be cut.\n\n“He told me, ‘We have no money left,’” Park said.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "We have no money left");
    assert_ne!(x.2, starting(&q, "He told me").2, "{q:#?}");
}

#[test]
fn they_as_a_speaker_is_the_group_before_it() {
    let d = run(
        "Rebel fighters seized the airport on Monday. They said the city would fall within days.\n\nThe Kenyan health ministry issued new rules. It said clinics must close by 8pm.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "the city would fall");
    assert_eq!(x.2.as_deref(), Some("Rebel fighters"), "{q:#?}");
    assert!(x.3, "{q:#?}");
    let y = starting(&q, "clinics must close");
    assert!(
        y.2.as_deref()
            .is_some_and(|n| n.ends_with("health ministry")),
        "{q:#?}"
    );
}

#[test]
fn according_to_a_member_of_a_group_takes_the_group_s_code() {
    let d = run(
        "The prisoners were freed in Beirut, according to a Hezbollah representative.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "The prisoners were freed");
    assert!(x.3, "{q:#?}");
    let hamas = d
        .mentions
        .iter()
        .find(|m| d.slice(m.span) == "Hezbollah")
        .and_then(|m| m.code.clone());
    assert!(hamas.is_some(), "{:#?}", d.mentions);
    assert_eq!(x.4, hamas, "{q:#?}");
}

#[test]
fn lead_ins_and_framing_clauses_are_nobody_s_words() {
    let d = run(
        "As the charges were read in Lima, Ana Ruiz testified before the Senate committee in Quito.\n\nLater, in remarks at the port authority's offices, Ruiz said, “We will not close the harbour.”",
        None,
    );
    let q = quotes(&d);
    assert!(
        q.iter()
            .all(|x| !x.1.starts_with("As the charges") && !x.1.starts_with("Later")),
        "{q:#?}"
    );
    let x = starting(&q, "We will not close");
    assert!(
        x.2.as_deref().is_some_and(|n| n.ends_with("Ruiz")),
        "{q:#?}"
    );
}

#[test]
fn that_after_a_participle_before_a_noun_opens_the_clause() {
    let d = run(
        "Governor Rita Alvarez told cheering nurses that they were not “asking for the moon.”",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "they were not");
    assert!(
        x.2.as_deref().is_some_and(|n| n.ends_with("Alvarez")),
        "{q:#?}"
    );
}

#[test]
fn said_after_a_quote_then_a_participle_reports_no_more() {
    let d = run(
        "“The border is quiet, and then the shells fell on the village,” Mr Sarkis said, referring to a report he received from a commander.",
        None,
    );
    let q = quotes(&d);
    assert!(q.iter().all(|x| !x.1.starts_with("referring")), "{q:#?}");
}

#[test]
fn a_local_source_is_of_the_place_its_words_are_about() {
    let d = run(
        "Sudan's army accepted a ten-day truce on Sunday, a local medical group said.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "Sudan's army accepted");
    assert!(
        x.4.as_deref().is_some_and(|c| c.starts_with("SDN")),
        "{q:#?}"
    );
}

#[test]
fn a_speaker_at_the_document_s_first_word_is_safe() {
    // The speaker starts the text: nothing before it to read.
    for text in [
        "Officials said, however, the talks had failed.",
        "Ruiz said, “We will not close the port,” on Monday.",
    ] {
        let d = run(text, None);
        assert!(!d.quotes.is_empty(), "{text}");
    }
}

#[test]
fn an_institution_or_country_speaking_is_an_anonymous_source() {
    let d = run(
        "The Kenyan interior ministry said the border would reopen on Monday.\n\nUganda said it welcomed the decision.\n\n\"We are ready,\" said Grace Achieng, a trader in Busia.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "the border would reopen");
    assert!(x.3, "{q:#?}");
    assert!(
        x.2.as_deref().is_some_and(|n| n.contains("ministry")),
        "{q:#?}"
    );
    assert_eq!(x.4.as_deref(), Some("KENGOV"), "{q:#?}");
    let y = starting(&q, "it welcomed the decision");
    assert!(y.3, "{q:#?}");
    assert_eq!(y.4.as_deref(), Some("UGA"), "{q:#?}");
    // A person quoted by name stays named, and only people count as named.
    let z = starting(&q, "We are ready");
    assert!(!z.3, "{q:#?}");
    assert_eq!(d.sources.named, 1, "{:?}", d.sources);
}

#[test]
fn a_persons_bare_nationality_is_no_affiliation_for_a_guessed_source() {
    // Visser, named again and again, is only given a nationality
    // ("Belgian-born Visser"): that is no body a judge could belong to.
    let d = run(
        "Dutch prosecutors have charged Jan Visser with smuggling, a Dutch police spokesman said. Belgian-born Visser says the cargo was not his. A Heathrow official said the crates held forged passports.\n\nIn March, the UK Home Secretary, James Cleverly, signed an order sending Visser to the Netherlands. Visser had hoped to leave custody in April.\n\nOn Tuesday a judge ruled that Visser must stay in custody until his appeal.",
        None,
    );
    let q = quotes(&d);
    let x = starting(&q, "Visser must stay in custody");
    assert!(
        x.4.as_deref().is_some_and(|c| c.starts_with("GBR")),
        "{q:#?}"
    );
}
