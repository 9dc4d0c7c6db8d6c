use super::*;

fn doc(text: &str, date: &str) -> Document {
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        published: Some(date.into()),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    Recogniser::default_english().recognise(&mut d);
    d
}

fn find<'a>(d: &'a Document, s: &str) -> Option<&'a Mention> {
    d.mentions.iter().find(|m| d.slice(m.span) == s)
}

#[test]
fn normalise_maps_back() {
    let (n, map) = normalise("Al-Qaeda’s  [chief] X");
    assert_eq!(n, "al qaeda's chief x");
    assert_eq!(map[0], 0);
    // "’" (bytes 8 to 11) becomes "'": "s" comes from byte 11.
    assert_eq!(map[8], 8);
    assert_eq!(char_end("Al-Qaeda’s  [chief] X", map[8]), 11);
    assert_eq!(map[9], 11);
}

fn doc_outlet(text: &str, date: &str, outlet: &str) -> Document {
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        published: Some(date.into()),
        outlet: Some(outlet.into()),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    Recogniser::default_english().recognise(&mut d);
    d
}

fn dump(d: &Document) -> String {
    d.mentions
        .iter()
        .map(|m| format!("{:?}={:?}/{:?}", d.slice(m.span), m.kind, m.code))
        .collect::<Vec<_>>()
        .join("; ")
}

#[test]
fn titles_belong_to_the_person_and_codes_follow_the_date() {
    let d = doc(
        "French President Emmanuel Macron spoke to reporters on Monday.",
        "2023-05-01",
    );
    let m = find(&d, "French President Emmanuel Macron").unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(m.kind, MentionKind::Person);
    assert_eq!(m.code.as_deref(), Some("FRAGOV"));
    // The same man after leaving office is no longer coded as government.
    let d = doc("Bashar al-Assad spoke from Moscow.", "2025-03-01");
    let m = find(&d, "Bashar al-Assad").unwrap();
    assert_eq!(m.code.as_deref(), Some("SYRELI"));
}

#[test]
fn capitals_are_governments_unless_they_are_places() {
    let d = doc(
        "Paris blames Tehran for the crisis, the minister said in Berlin.",
        "2023-05-01",
    );
    let p = find(&d, "Paris").unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(p.kind, MentionKind::Capital);
    assert_eq!(p.code.as_deref(), Some("FRAGOV"));
    assert!(find(&d, "Berlin").is_none(), "{}", dump(&d));
}

#[test]
fn role_phrases_combine_country_count_and_agent() {
    let d = doc(
        "Three senior Egyptian government officials said the talks failed. Yemeni rebels fired missiles.",
        "2023-05-01",
    );
    let m = find(&d, "Three senior Egyptian government officials")
        .unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(m.code.as_deref(), Some("EGYGOV"));
    assert_eq!(m.count, Some(3));
    assert!(m.anonymous);
    let r = find(&d, "Yemeni rebels").unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(r.code.as_deref(), Some("YEMREB"));
}

#[test]
fn sponsors_and_focus_country() {
    let d = doc(
        "Libya is divided. Libyan officials said Russia-backed militias attacked pro-government forces near the coast.",
        "2023-05-01",
    );
    let m = find(&d, "Russia-backed militias").unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(m.code.as_deref(), Some("RUSUAF"));
    assert_eq!(m.role.as_deref(), Some("Russia-backed militia"));
    let f = find(&d, "pro-government forces").unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(f.code.as_deref(), Some("LBYMIL"));
}

#[test]
fn case_keeps_common_words_out() {
    let d = doc("They ate turkey with us in the morning.", "2023-05-01");
    assert!(d.mentions.is_empty(), "{}", dump(&d));
}

#[test]
fn the_outlet_is_never_an_actor() {
    let d = doc_outlet(
        "A Jordanian official told The Amman Herald that talks would resume.",
        "2023-05-01",
        "The Amman Herald",
    );
    let o = find(&d, "The Amman Herald").unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(o.kind, MentionKind::Outlet);
    assert!(o.code.is_none());
    let a = find(&d, "Jordanian official").unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(a.code.as_deref(), Some("JORGOV"));
}

#[test]
fn appositions_code_unknown_people_and_short_forms_link_back() {
    let d = doc(
        "Karim Haddad, spokesman for the Lebanese opposition delegation, said the talks were over. \
         Mr Haddad said the government had failed. He said more talks were needed.",
        "2023-05-01",
    );
    let k = d
        .mentions
        .iter()
        .position(|m| d.slice(m.span) == "Karim Haddad")
        .unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(d.mentions[k].kind, MentionKind::Person);
    assert_eq!(d.mentions[k].code.as_deref(), Some("LBNOPP"));
    assert!(d.mentions[k]
        .role
        .as_deref()
        .unwrap()
        .starts_with("spokesman for"));
    let mr = find(&d, "Mr Haddad").unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(mr.refers_to, Some(k));
    assert_eq!(mr.code.as_deref(), Some("LBNOPP"));
    let he = find(&d, "He").unwrap_or_else(|| panic!("{}", dump(&d)));
    assert_eq!(he.kind, MentionKind::Pronoun);
    assert_eq!(he.refers_to, Some(k));
}

#[test]
fn surnames_and_al_forms_link_to_the_first_mention() {
    let d = doc(
        "President Bashar al-Assad met envoys. Later Mr Al Assad left, and Assad said nothing.",
        "2020-01-01",
    );
    let first = d
        .mentions
        .iter()
        .position(|m| d.slice(m.span) == "President Bashar al-Assad")
        .unwrap_or_else(|| panic!("{}", dump(&d)));
    for s in ["Mr Al Assad", "Assad"] {
        let m = find(&d, s).unwrap_or_else(|| panic!("{s}: {}", dump(&d)));
        assert_eq!(m.refers_to, Some(first), "{s}");
        assert_eq!(m.code.as_deref(), Some("SYRGOV"));
    }
}

#[test]
fn build_and_match_speed() {
    let t = std::time::Instant::now();
    let r = Recogniser::from_texts(DEFAULT_FILES).unwrap();
    let build = t.elapsed();
    let text = "Turkish Foreign Minister Hakan Fidan met Syrian opposition officials in Doha, \
                while the government said rebels had advanced. "
        .repeat(20_000);
    let t = std::time::Instant::now();
    let n = r.count_matches(&text);
    let secs = t.elapsed().as_secs_f64();
    println!(
        "recognise: dyad dictionaries {} patterns built in {:.0} ms; matching {:.0} MB/s ({n} matches)",
        r.patterns(),
        build.as_secs_f64() * 1e3,
        text.len() as f64 / 1e6 / secs
    );
    let shared =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/eval/petrarch2");
    if !shared.exists() {
        println!("skipped: ../shared not found");
        return;
    }
    let files: Vec<_> = [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
    ]
    .iter()
    .map(|f| shared.join(f))
    .collect();
    let t = std::time::Instant::now();
    let p = Recogniser::from_files(&files).unwrap();
    println!(
        "recognise: Phoenix dictionaries {} patterns read and built in {:.0} ms",
        p.patterns(),
        t.elapsed().as_secs_f64() * 1e3
    );
    assert!(p.patterns() > 30_000);
    // dyad's own and the Phoenix dictionaries together, twice (nothing is
    // cached: the two loads should cost the same).
    let dyad_dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../dictionaries/actors");
    let mut all: Vec<std::path::PathBuf> = files.clone();
    for d in [dyad_dir.clone(), dyad_dir.join("people")] {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                all.push(p);
            }
        }
    }
    for round in ["first", "second"] {
        let t = std::time::Instant::now();
        let r = Recogniser::from_files(&all).unwrap();
        println!(
            "recognise: Phoenix + dyad dictionaries, {} patterns, {round} load {:.0} ms",
            r.patterns(),
            t.elapsed().as_secs_f64() * 1e3
        );
    }
}

#[test]
fn role_after_of_takes_that_country() {
    let d = doc(
        "In Kabul, the King of Jordan met the president of France.",
        "2024-05-01",
    );
    assert_eq!(
        find(&d, "King of Jordan").and_then(|m| m.code.as_deref()),
        Some("JORGOV")
    );
    assert_eq!(
        find(&d, "president of France").and_then(|m| m.code.as_deref()),
        Some("FRAGOV")
    );
}

#[test]
fn a_surname_is_not_a_role() {
    let d = doc(
        "Kevin King and Timothy Weeks taught in Kabul.\n\nKing and Weeks were freed by Afghan officials.",
        "2024-05-01",
    );
    assert!(
        !d.mentions
            .iter()
            .any(|m| d.slice(m.span) == "King" && m.kind == MentionKind::Agent),
        "{:?}",
        d.mentions
    );
    // A role word after a title or with a determiner is still a role.
    let d = doc("The king met Afghan officials in Kabul.", "2024-05-01");
    assert!(find(&d, "king").is_some() || find(&d, "The king").is_some());
}

#[test]
fn normalise_str_agrees_with_normalise() {
    // ASCII and other characters take different paths: both must give the
    // form the automaton matches, and the map must cover every byte.
    for s in [
        "  Ökonom\u{2013}Rat [sic] \u{2018}Quoted\u{2019}  ",
        "İstanbul_Gate-keeper\t\u{a0}x",
        "Pena`s -- DEPUTY",
    ] {
        let (n, map) = normalise(s.trim());
        assert_eq!(normalise_str(s), n.trim(), "{s}");
        assert_eq!(map.len(), n.len(), "{s}");
        assert!(!n.contains("  "), "{n}");
    }
    assert_eq!(normalise_str("İ-x"), "i\u{307} x");
}

#[test]
fn names_start_where_words_start() {
    // "Chile" inside a word is no match; "Iran" after a hyphen is one.
    let d = doc(
        "Diners in Xchilean Street ate. Iran-backed militias fired at Iraqi forces.",
        "2024-05-01",
    );
    assert!(
        d.mentions
            .iter()
            .any(|m| d.slice(m.span).starts_with("Iran-backed")),
        "{}",
        dump(&d)
    );
    assert!(
        !d.mentions.iter().any(|m| d.slice(m.span).contains("chile")),
        "{}",
        dump(&d)
    );
}
