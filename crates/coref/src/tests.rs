use super::*;

/// Segment, tag, recognise and resolve a text of one paragraph per blank
/// line.
fn run(text: &str) -> Document {
    run_with(Coref::default_english(), text)
}

fn run_with(c: &Coref, text: &str) -> Document {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        paragraphs.push(Span::new(start, start + part.len()));
        start += part.len() + 2;
    }
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        published: Some("2025-03-01".into()),
        paragraphs,
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    dyad_recognise::recognise(&mut d);
    c.resolve(&mut d);
    d
}

/// The text of what the n-th occurrence of `word` stands for.
fn resolved(d: &Document, word: &str, nth: usize) -> Option<String> {
    let at = d
        .text
        .match_indices(word)
        .filter(|(i, _)| {
            let before = d.text[..*i].chars().next_back();
            let after = d.text[i + word.len()..].chars().next();
            before.is_none_or(|c| !c.is_alphanumeric())
                && after.is_none_or(|c| !c.is_alphanumeric())
        })
        .nth(nth)?
        .0;
    let m = d.resolve(Span::new(at, at + word.len()))?;
    let m = &d.mentions[m];
    Some(
        m.entity
            .clone()
            .unwrap_or_else(|| d.slice(m.span).to_string()),
    )
}

#[test]
fn he_and_she_agree_in_gender() {
    let d = run("Karen Holt met Peter Vance in Oslo on Monday. She said the talks went well. He said nothing.");
    assert_eq!(resolved(&d, "She", 0).as_deref(), Some("Karen Holt"));
    assert_eq!(resolved(&d, "He", 0).as_deref(), Some("Peter Vance"));
}

#[test]
fn pronouns_prefer_the_subject_and_follow_chains() {
    let d = run("Daniel Okoro thanked Martin Lusk for his help. He later told reporters he would return. His office confirmed it.");
    assert_eq!(resolved(&d, "He", 0).as_deref(), Some("Daniel Okoro"));
    assert_eq!(resolved(&d, "he", 0).as_deref(), Some("Daniel Okoro"));
    assert_eq!(resolved(&d, "His", 0).as_deref(), Some("Daniel Okoro"));
}

#[test]
fn titles_give_gender_when_first_names_do_not() {
    let d = run("Ms Oyelaran and Mr Tanaka spoke after the vote. She said the count was fair.");
    assert_eq!(
        resolved(&d, "She", 0)
            .as_deref()
            .map(|s| s.contains("Oyelaran")),
        Some(true)
    );
}

#[test]
fn unknown_names_and_their_surnames() {
    let d = run(
        "The mayor, Ilse Marchetti, opened the bridge. Marchetti said it cost less than planned.",
    );
    assert_eq!(
        resolved(&d, "Marchetti", 1).as_deref(),
        Some("Ilse Marchetti")
    );
}

#[test]
fn descriptions_find_the_person_with_that_role() {
    let d = run(
        "Finance Minister Teodora Vasquez presented the budget on Tuesday. Opposition leader Rafael Ortiz rejected it.\n\nThe minister said the deficit would shrink.",
    );
    assert_eq!(
        resolved(&d, "minister", 0).as_deref(),
        Some("Teodora Vasquez")
    );
}

#[test]
fn a_description_before_the_name_in_apposition() {
    let d = run("Chile's deputy trade minister, Paula Sepulveda, said the deal was close.");
    let at = d.text.find("minister").unwrap();
    let m = d
        .resolve(Span::new(at, at + 8))
        .map(|m| d.mentions[m].entity.clone());
    assert_eq!(m.flatten().as_deref(), Some("Paula Sepulveda"));
}

#[test]
fn indefinite_descriptions_bring_someone_new() {
    let d = run("Governor Alan Reyes left early. A governor from the north said he was tired.");
    let at = d.text.find("governor from").unwrap();
    let r = d.resolve(Span::new(at, at + 8));
    assert!(r.is_none_or(|m| d.mentions[m].entity.as_deref() != Some("Alan Reyes")));
}

#[test]
fn it_goes_to_an_institution_they_to_a_group() {
    let c = Coref::from_texts(FIRST_NAMES, DESCRIPTIONS)
        .unwrap()
        .with_groups(true);
    let d = run_with(&c, "The Norwegian foreign ministry summoned the envoy. It said its patience was over. Protesters gathered outside. They demanded his expulsion.");
    let it = resolved(&d, "It", 0).unwrap_or_default().to_lowercase();
    assert!(it.contains("ministry"), "{it}");
    let they = resolved(&d, "They", 0).unwrap_or_default().to_lowercase();
    assert!(they.contains("protesters"), "{they}");
}

#[test]
fn first_names_from_the_list() {
    let c = Coref::default_english();
    assert_eq!(c.gender_of_first_name("Margaret"), Some(Gender::Female));
    assert_eq!(c.gender_of_first_name("robert"), Some(Gender::Male));
    assert_eq!(c.gender_of_first_name("Anne-Sophie"), Some(Gender::Female));
    assert!(Coref::from_texts("ana\tx\n", "").is_err());
}

/// The codes of every mention whose entity is `name`.
fn codes_of(d: &Document, name: &str) -> Vec<Option<String>> {
    d.mentions
        .iter()
        .filter(|m| m.entity.as_deref() == Some(name))
        .map(|m| m.code.clone())
        .collect()
}

#[test]
fn a_person_named_in_passing_with_no_role_is_a_private_person_of_the_nearest_country() {
    let d = run("Chilean police questioned Maria Gonzalez about the fire in Valparaiso.");
    let c = codes_of(&d, "Maria Gonzalez");
    assert!(!c.is_empty(), "{:?}", d.mentions);
    assert!(c.iter().all(|x| x.as_deref() == Some("CHLCVL")), "{c:?}");
}

#[test]
fn a_person_named_again_and_again_without_a_role_is_left_uncoded() {
    let d = run(
        "Kenyan officials met Peter Mwangi on Monday. Peter Mwangi spoke first.\n\n\
         Later Mwangi left, and Mwangi's car was seen in Nairobi.",
    );
    let c = codes_of(&d, "Peter Mwangi");
    assert!(c.len() >= 3, "{:?}", d.mentions);
    assert!(c.iter().all(Option::is_none), "{c:?}");
}

#[test]
fn a_copular_clause_gives_the_role_before_any_default() {
    let d = run(
        "Brazilian prosecutors charged Ana Souza and Carlos Dias on Monday. \
         Souza and Dias were police officers in Recife.",
    );
    for name in ["Ana Souza", "Carlos Dias"] {
        let c = codes_of(&d, name);
        assert!(!c.is_empty(), "{name}: {:?}", d.mentions);
        assert!(
            c.iter().all(|x| x.as_deref() == Some("BRACOP")),
            "{name}: {c:?}"
        );
    }
}

#[test]
fn the_same_unknown_name_twice_is_one_person() {
    let d = run("Tomasz Wrobel arrived. Reporters asked Tomasz Wrobel about the vote.");
    let named: Vec<usize> = (0..d.mentions.len())
        .filter(|&i| d.mentions[i].entity.as_deref() == Some("Tomasz Wrobel"))
        .collect();
    assert_eq!(named.len(), 2, "{:?}", d.mentions);
    assert_eq!(d.antecedent(named[1]), named[0]);
}

#[test]
fn a_name_in_the_credit_line_is_a_journalist() {
    let d = run("U.S. police arrested two men in Ohio on Friday.\n\n\
         Contributing: Megan Torres");
    let c = codes_of(&d, "Megan Torres");
    assert_eq!(c, vec![Some("USAMED".to_string())], "{:?}", d.mentions);
}

#[test]
fn place_names_with_a_given_name_in_them_are_no_people() {
    let d = run("Officials in Santa Maria said the storm hit West Jordan and Fort Morgan.");
    for w in ["Santa Maria", "West Jordan", "Fort Morgan"] {
        assert!(
            d.mentions
                .iter()
                .all(|m| m.kind != MentionKind::Person || !d.slice(m.span).contains(w)),
            "{w}: {:?}",
            d.mentions
        );
    }
}

#[test]
fn a_group_that_includes_a_person_gives_its_code() {
    let d = run("Colombian rebels freed four hostages on Monday. \
         The released rebels included Julio Arango, the brother of a commander.");
    let c = codes_of(&d, "Julio Arango");
    assert!(!c.is_empty(), "{:?}", d.mentions);
    assert!(c.iter().all(|x| x.as_deref() == Some("COLREB")), "{c:?}");
}

#[test]
fn a_family_name_after_another_given_name_is_someone_else() {
    // "Wang Lijun" written family name first: a later "Wang" alone is
    // him, but "Xiulan Wang" is another person.
    let d = run("\"We waited all night,\" said Wang Lijun, 24, from Hebei. Wang said the road was closed.\n\nXiulan Wang, another driver, said the border was open.");
    assert_eq!(resolved(&d, "Wang", 1).as_deref(), Some("Wang Lijun"));
    assert_ne!(resolved(&d, "Wang", 2).as_deref(), Some("Wang Lijun"));
}

#[test]
fn a_name_with_an_unlisted_first_name_is_a_person_when_it_speaks_or_is_described() {
    let person = |d: &Document, name: &str| {
        d.mentions
            .iter()
            .any(|m| m.kind == MentionKind::Person && d.slice(m.span) == name)
    };
    let d = run("Oluwaseun Adewale, a street vendor in Lagos, lost his stall in the fire.");
    assert!(person(&d, "Oluwaseun Adewale"), "{:?}", d.mentions);
    let d = run("Prices rose again in Lagos. Chinedu Okafor said the market had emptied.");
    assert!(person(&d, "Chinedu Okafor"), "{:?}", d.mentions);
    // A capitalised run set off before a noun for no person is no one.
    let d = run("Victoria Island, a business district of Lagos, flooded on Monday.");
    assert!(!person(&d, "Victoria Island"), "{:?}", d.mentions);
}

#[test]
fn a_country_gone_to_is_no_evidence_of_a_private_persons_country() {
    let d = run(
        "India's government said little about the travellers from Punjab.\n\nGurmeet Sandhuwal, \
         another traveller, said he had paid an agent to reach Canada.",
    );
    let m = d
        .mentions
        .iter()
        .find(|m| d.slice(m.span) == "Gurmeet Sandhuwal")
        .unwrap_or_else(|| panic!("{:?}", d.mentions));
    assert_eq!(m.code.as_deref(), Some("INDCVL"), "{:?}", d.mentions);
}

#[test]
fn a_private_persons_nationality_word_gives_their_country() {
    let d =
        run("American troops and American officials met Canadian Mark Dunn in Kabul on Monday.");
    let m = d
        .mentions
        .iter()
        .find(|m| d.slice(m.span) == "Mark Dunn")
        .unwrap_or_else(|| panic!("{:?}", d.mentions));
    assert_eq!(m.code.as_deref(), Some("CANCVL"), "{:?}", d.mentions);
}

#[test]
fn a_family_name_of_two_words_is_the_person_named_in_full() {
    // "Reed Barlow" ends "Kathleen Reed Barlow" (and is no other person
    // with the given name Reed): her, and so "she".
    let d = run("Kathleen Reed Barlow runs the port authority. Tova Ruiz and Peter Berg were suspended.\n\nReed Barlow acknowledged the shortages on Tuesday, telling lawmakers that officials are working on it.\n\nMost of the cranes, she said, are old.");
    assert_eq!(
        resolved(&d, "Reed Barlow", 1).as_deref(),
        Some("Kathleen Reed Barlow")
    );
    assert_eq!(
        resolved(&d, "she", 0).as_deref(),
        Some("Kathleen Reed Barlow")
    );
}

#[test]
fn a_title_word_after_a_given_name_is_a_surname() {
    let d =
        run("American Kevin King and Briton Paul Bishop were freed. King thanked the negotiators.");
    assert_eq!(resolved(&d, "King", 1).as_deref(), Some("Kevin King"));
    assert_eq!(resolved(&d, "Bishop", 0).as_deref(), Some("Paul Bishop"));
}

#[test]
fn a_copula_gives_the_subject_s_sex() {
    // "Adaeze" is in no first-name list; what is said of Okafor is.
    let d = run("Rep. Adaeze Okafor met Tomasz Wrobel on Monday. Wrobel spoke first. Okafor is one of the first two women elected to the board. He said the vote was fair.");
    assert_eq!(
        resolved(&d, "He", 0).as_deref(),
        Some("Tomasz Wrobel"),
        "{:#?}",
        d.mentions
    );
}

#[test]
fn a_predecessor_in_apposition_held_the_possessors_office_before() {
    let code_of = |d: &Document, name: &str| {
        d.mentions
            .iter()
            .find(|m| d.slice(m.span) == name)
            .and_then(|m| m.code.clone())
    };
    let d = run(
        "Peruvian Finance Minister Rafael Ortiz met bankers in Lima on Monday. He said his \
         predecessor, Lucia Campos, had left the budget in order.",
    );
    assert_eq!(
        code_of(&d, "Lucia Campos").as_deref(),
        Some("PERELI"),
        "{:?}",
        d.mentions
    );
    // Someone merely named beside the minister is no predecessor.
    let d = run(
        "Peruvian Finance Minister Rafael Ortiz met bankers in Lima on Monday. He said his \
         adviser, Lucia Campos, had left the budget in order.",
    );
    assert_ne!(
        code_of(&d, "Lucia Campos").as_deref(),
        Some("PERELI"),
        "{:?}",
        d.mentions
    );
}

#[test]
fn a_given_name_read_as_a_verb_still_opens_a_name() {
    let d = run(
        "\u{201c}The figures were wrong,\u{201d} Will Okoro, chief executive of a Lagos \
         research group, said on Monday.",
    );
    assert!(
        d.mentions
            .iter()
            .any(|m| m.kind == MentionKind::Person && d.slice(m.span) == "Will Okoro"),
        "{:?}",
        d.mentions
    );
}

#[test]
fn an_object_pronoun_is_not_its_own_clauses_subject() {
    let d = run(
        "Mr. Kovac flew to Split to see Mr. Horvat, and he quarrelled with him over the budget.",
    );
    assert_eq!(
        resolved(&d, "him", 0).as_deref(),
        Some("Mr. Horvat"),
        "{:?}",
        d.mentions
    );
}

#[test]
fn an_honorific_and_the_surname_is_the_person_named_in_full_before() {
    let d = run(
        "Tomas Brezina spoke in Brno on Monday. Two days later Mr Brezina withdrew from the mayoral race.",
    );
    let brezina: Vec<_> = d
        .mentions
        .iter()
        .filter(|m| d.slice(m.span).contains("Brezina"))
        .map(|m| m.refers_to)
        .collect();
    assert!(
        brezina.len() >= 2 && brezina[1].is_some(),
        "{:?}",
        d.mentions
    );
}

#[test]
fn a_public_figure_with_no_role_takes_the_nationality_the_story_gives() {
    let d = run(
        "Officials met Peter Mwangi on Monday. Peter Mwangi spoke first.\n\n\
         Later Mwangi left. Kenyan-born Mwangi faces a charge of fraud in Oslo.",
    );
    let c = codes_of(&d, "Peter Mwangi");
    assert!(
        c.iter().all(|x| x.as_deref() == Some("KEN")),
        "{c:?} {:?}",
        d.mentions
    );
}

#[test]
fn the_one_public_figure_is_the_national_the_story_names() {
    let d = run(
        "Officials met Peter Mwangi on Monday. Peter Mwangi spoke first.\n\n\
         Mwangi flew home on Friday. The Kenyan national did not speak to reporters.",
    );
    let c = codes_of(&d, "Peter Mwangi");
    assert!(
        c.iter().all(|x| x.as_deref() == Some("KEN")),
        "{c:?} {:?}",
        d.mentions
    );
}
