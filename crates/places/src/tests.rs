//! Hand-written sentences (invented for these tests).

use super::*;

fn doc(text: &str) -> Document {
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        published: Some("2024-06-01".into()),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    dyad_recognise::recognise(&mut d);
    recognise(&mut d);
    d
}

fn place<'a>(d: &'a Document, text: &str) -> Option<&'a Place> {
    d.places.iter().find(|p| d.slice(p.span) == text)
}

#[test]
fn gazetteer_loads_quickly_and_knows_the_world() {
    let t0 = std::time::Instant::now();
    let g = Gazetteer::load().unwrap();
    let ms = t0.elapsed().as_millis();
    assert!(ms <= 200, "loaded in {ms} ms");
    assert!(g.len() > 250_000);
    // Second-level regions.
    assert!(g
        .lookup("Cass County")
        .iter()
        .any(|e| e.feature == PlaceFeature::Admin2 && e.admin1 == "North Dakota"));
    assert!(g
        .lookup("Tangipahoa Parish")
        .iter()
        .any(|e| e.admin1 == "Louisiana"));
    eprintln!(
        "gazetteer: {} places, {} names, {ms} ms",
        g.len(),
        g.names()
    );
    assert!(ms <= 200, "loaded in {ms} ms");
    assert!(g.len() > 250_000);
    // Towns of a few hundred people, and second-level regions.
    assert!(g
        .lookup("Cass County")
        .iter()
        .any(|e| e.feature == PlaceFeature::Admin2 && e.admin1 == "North Dakota"));
    assert!(g
        .lookup("Tangipahoa Parish")
        .iter()
        .any(|e| e.admin1 == "Louisiana"));
    assert!(g.lookup("Aleppo").iter().any(|e| e.country == "SY"));
    assert!(g
        .lookup("West Bank")
        .iter()
        .any(|e| e.feature == PlaceFeature::Region));
    assert!(g.country_by_iso3("SYR").is_some());
}

#[test]
fn adjective_names_its_country() {
    let d = doc("Portuguese fishermen protested on Tuesday about the new quotas.");
    let p = place(&d, "Portuguese").expect("adjective found");
    assert_eq!(p.name, "Portugal");
    assert_eq!(p.feature, PlaceFeature::Country);
    assert_eq!(p.country.as_deref(), Some("PT"));
}

#[test]
fn country_capital_frame() {
    let d = doc("Ministers met in the Kenyan capital Nairobi to discuss the drought.");
    let p = place(&d, "Nairobi").expect("Nairobi found");
    assert_eq!(p.country.as_deref(), Some("KE"));
    assert!(distance_km(p.lat, p.lon, -1.29, 36.82) < 25.0);
    assert_eq!(place(&d, "Kenyan").unwrap().name, "Kenya");
}

#[test]
fn not_inside_a_persons_or_organisations_name() {
    // "Jordan" is a country and "Paris" a city, but here they are parts of
    // a person's and an organisation's name the recogniser knows.
    let d = doc("Jordan Bardella spoke to the Paris Club creditors in Brussels on Friday.");
    assert!(place(&d, "Jordan").is_none(), "{:?}", d.places);
    // Inside an organisation's name a place is where it is, not a place of
    // the story's events.
    assert!(d
        .places
        .iter()
        .filter(|p| d.slice(p.span).contains("Paris"))
        .all(|p| p.in_name));
    assert_eq!(
        place(&d, "Brussels").unwrap().country.as_deref(),
        Some("BE")
    );
    // Nor a town name used as a person's.
    let d = doc("Mr Franklin said the vote was fair, and Franklin said it again.");
    assert!(place(&d, "Franklin").is_none(), "{:?}", d.places);
    // Nor a piece of a longer name the gazetteer lacks.
    let d = doc("Visitors crowded the beach at Plum Island last summer.");
    assert!(place(&d, "Plum").is_none(), "{:?}", d.places);
}

#[test]
fn capital_standing_for_government_is_a_metonym() {
    let d = doc(
        "Ankara blamed the militants for the bombing, while officials in Ankara counted the dead.",
    );
    let ps: Vec<&Place> = d
        .places
        .iter()
        .filter(|p| d.slice(p.span) == "Ankara")
        .collect();
    assert_eq!(ps.len(), 2, "{:?}", d.places);
    assert!(ps[0].metonym);
    assert!(!ps[1].metonym);
    // A city heading a government phrase stands for the government too.
    let d = doc("Tehran's officials rejected the offer.");
    assert!(
        place(&d, "Tehran").is_some_and(|p| p.metonym),
        "{:?}",
        d.places
    );
    assert_eq!(ps[1].country.as_deref(), Some("TR"));
}

#[test]
fn context_disambiguates() {
    let d = doc("Storms hit Paris on Monday. Texas officials said roads near Dallas were closed.");
    let p = place(&d, "Paris").unwrap();
    assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
    assert_eq!(p.admin1.as_deref(), Some("Texas"));
    assert!(!p.metonym, "Paris, Texas stands for no government");
    let d = doc("Storms hit Paris on Monday. French officials said roads near Lyon were closed.");
    let p = place(&d, "Paris").unwrap();
    assert_eq!(p.country.as_deref(), Some("FR"), "{p:?}");
}

#[test]
fn apposition_frame() {
    let d = doc("The festival in Paris, Texas drew a large crowd.");
    assert_eq!(place(&d, "Paris").unwrap().country.as_deref(), Some("US"));
}

#[test]
fn regions_and_directions() {
    let d = doc("Fighting spread across north-western Syria and the West Bank.");
    let p = place(&d, "north-western Syria").expect("directional region");
    assert_eq!(p.feature, PlaceFeature::Region);
    assert_eq!(p.country.as_deref(), Some("SY"));
    let p = place(&d, "West Bank").expect("news region");
    assert_eq!(p.feature, PlaceFeature::Region);
    // "the Gulf" only after "the".
    let d = doc("Tankers crossed the Gulf on Monday. Gulf Air resumed flights.");
    assert_eq!(
        d.places.iter().filter(|p| p.name == "Gulf").count(),
        1,
        "{:?}",
        d.places
    );
}

#[test]
fn event_takes_the_place_of_its_clause() {
    let mut d = doc("Turkish troops attacked Kurdish fighters in the city of Homs.");
    dyad_code::code(&mut d);
    locate_events(&mut d);
    let ev = d.events.first().expect("an event is coded");
    let p = &d.places[ev.place.expect("event located")];
    assert_eq!(p.name, "Homs");
    assert_eq!(p.feature, PlaceFeature::City);
}

#[test]
fn event_without_a_place_has_none() {
    // Country names that are actors are not where the event happened.
    let mut d = doc("Turkish troops attacked Kurdish fighters after pressure from Russia.");
    dyad_code::code(&mut d);
    locate_events(&mut d);
    assert!(!d.events.is_empty());
    for ev in &d.events {
        assert_eq!(ev.place, None, "{:?}", d.places);
    }
}

#[test]
fn small_towns_need_support() {
    // A village abroad that shares a word's name is not read with nothing
    // in the document pointing to its country.
    let d = doc("Tea planters on Sumba expect a poor harvest, growers said.");
    for p in &d.places {
        assert!(
            p.feature != PlaceFeature::City || p.country.as_deref() == Some("ID"),
            "{p:?}"
        );
    }
    // A small town framed by its state is that town.
    let d = doc("A tornado damaged homes in Paris, Kentucky on Sunday.");
    let p = place(&d, "Paris").unwrap();
    assert_eq!(p.country.as_deref(), Some("US"), "{p:?}");
    assert_eq!(p.admin1.as_deref(), Some("Kentucky"));
}

#[test]
fn abbreviations_of_states_and_provinces() {
    let d = doc("Police in Bowling Green, Ky., and Wheeling, W.Va., searched for the truck.");
    assert_eq!(place(&d, "Ky").unwrap().name, "Kentucky");
    assert_eq!(place(&d, "W.Va.").unwrap().name, "West Virginia");
    assert_eq!(
        place(&d, "Bowling Green").unwrap().admin1.as_deref(),
        Some("Kentucky")
    );
    assert_eq!(
        place(&d, "Wheeling").unwrap().admin1.as_deref(),
        Some("West Virginia")
    );
    let d = doc("Volunteers from Dubbo, NSW and Red Deer, Alta. helped.");
    assert_eq!(place(&d, "NSW").unwrap().name, "New South Wales");
    assert_eq!(place(&d, "Dubbo").unwrap().country.as_deref(), Some("AU"));
    assert_eq!(
        place(&d, "Red Deer").unwrap().admin1.as_deref(),
        Some("Alberta")
    );
    // A postal code is read only after "Town,": "IN" is a word elsewhere.
    let d = doc("Shops in Muncie, IN reopened. Officials stepped IN to help.");
    assert_eq!(
        d.places.iter().filter(|p| p.name == "Indiana").count(),
        1,
        "{:?}",
        d.places
    );
}

#[test]
fn dateline_anchors_the_article() {
    let d = doc(
        "ASHLAND, Ohio (AP) -- A fire closed the plant on Tuesday.\n\n\
         Crews from Lexington and Wooster helped.",
    );
    let p = place(&d, "ASHLAND").expect("dateline place");
    assert_eq!(p.admin1.as_deref(), Some("Ohio"), "{p:?}");
    // Lexington, Kentucky is far bigger; the dateline says Ohio.
    let p = place(&d, "Lexington").unwrap();
    assert_eq!(p.admin1.as_deref(), Some("Ohio"), "{p:?}");
    let d = doc("VIENNA — Diplomats resumed talks on Monday.");
    assert_eq!(place(&d, "VIENNA").unwrap().country.as_deref(), Some("AT"));
}

#[test]
fn counties_and_parishes() {
    let d = doc(
        "Crews from Linn, Benton and Johnson counties cleared roads in Iowa. \
         Jefferson Parish closed its schools.",
    );
    for name in ["Linn", "Benton", "Johnson"] {
        let p = place(&d, name).unwrap_or_else(|| panic!("{name}: {:?}", d.places));
        assert_eq!(p.feature, PlaceFeature::Admin2, "{p:?}");
        assert_eq!(p.admin1.as_deref(), Some("Iowa"), "{p:?}");
    }
    let p = place(&d, "Jefferson Parish").unwrap();
    assert_eq!(p.feature, PlaceFeature::Admin2);
    assert_eq!(p.admin1.as_deref(), Some("Louisiana"));
}

#[test]
fn places_inside_organisation_names() {
    let mut d = doc(
        "The Kansas Department of Transportation closed the highway near Topeka. \
         The Oregon National Guard attacked the fire in Bend.",
    );
    let p = place(&d, "Kansas").expect("kept as the organisation's place");
    assert!(p.in_name, "{p:?}");
    assert!(place(&d, "Oregon").is_some_and(|p| p.in_name));
    assert!(place(&d, "Topeka").is_some_and(|p| !p.in_name));
    dyad_code::code(&mut d);
    locate_events(&mut d);
    for ev in &d.events {
        if let Some(i) = ev.place {
            assert!(!d.places[i].in_name, "{:?}", d.places[i]);
        }
    }
}

#[test]
fn seat_of_government_in_a_political_story() {
    let d = doc("Senators in Washington voted on the spending bill.");
    let p = place(&d, "Washington").unwrap();
    assert_eq!(p.feature, PlaceFeature::City, "{p:?}");
    let d = doc("Orchards in Washington and Oregon lost their cherries to frost.");
    let p = place(&d, "Washington").unwrap();
    assert_eq!(p.feature, PlaceFeature::Admin1, "{p:?}");
}

#[test]
fn the_framing_name_is_the_region() {
    // "Rochester, New York": the second name is the state, not the city.
    let d = doc("A nurse from Rochester, New York flew home on Friday.");
    let p = place(&d, "New York").unwrap();
    assert_eq!(p.feature, PlaceFeature::Admin1, "{p:?}");
    let d = doc("The Ohio Governor signed the order.");
    assert_eq!(place(&d, "Ohio").unwrap().feature, PlaceFeature::Admin1);
}

#[test]
fn hyphenated_twin_places() {
    let d = doc("Fans flew in from Tampa-St. Petersburg and Raleigh-Durham on Sunday.");
    for (name, admin1) in [
        ("Tampa", "Florida"),
        ("Raleigh", "North Carolina"),
        ("Durham", "North Carolina"),
    ] {
        let p = place(&d, name).unwrap_or_else(|| panic!("{name}: {:?}", d.places));
        assert_eq!(p.admin1.as_deref(), Some(admin1), "{p:?}");
    }
}

#[test]
fn outlet_home_region_is_the_last_resort() {
    let text = "Firefighters in Winchester put out a barn fire on Tuesday.";
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        url: Some("https://www.kentuckyherald.example/2024/05/01/fire/".into()),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    dyad_recognise::recognise(&mut d);
    recognise(&mut d);
    let p = place(&d, "Winchester").unwrap();
    assert_eq!(p.admin1.as_deref(), Some("Kentucky"), "{p:?}");
    // Without the outlet, the bigger English namesake.
    let d = doc(text);
    assert_eq!(
        place(&d, "Winchester").unwrap().country.as_deref(),
        Some("GB")
    );
}

#[test]
fn event_without_a_place_takes_the_dateline() {
    let mut d = doc(
        "OSLO, Norway (AP) -- The Danish foreign minister met his Swedish counterpart on Friday.\n\n\
         He thanked Sweden for its help.",
    );
    dyad_code::code(&mut d);
    locate_events(&mut d);
    assert!(!d.events.is_empty());
    for ev in &d.events {
        let p = &d.places[ev.place.expect("the dateline's place")];
        assert_eq!(p.name, "Oslo", "{ev:?}");
    }
}

#[test]
fn domestic_event_happens_in_its_country() {
    // No dateline; the scene is set once ("across Chile"), and a domestic
    // event of another country keeps to that country.
    let mut d = doc(
        "Thousands marched across Chile on Sunday. Chilean police arrested protesters. \
         Peru's police also detained Peruvian protesters.",
    );
    dyad_code::code(&mut d);
    locate_events(&mut d);
    let by_source = |code: &str| {
        d.events
            .iter()
            .find(|e| e.source.as_deref().is_some_and(|s| s.starts_with(code)))
            .and_then(|e| e.place)
            .map(|p| d.places[p].name.clone())
    };
    assert_eq!(by_source("CHL").as_deref(), Some("Chile"), "{:?}", d.events);
    assert_eq!(by_source("PER").as_deref(), Some("Peru"), "{:?}", d.events);
}

#[test]
fn a_statement_is_not_where_its_topic_is() {
    let mut d = doc(
        "CANBERRA, Australia (AP) -- Japan's foreign minister denounced Russian attacks on ships in the Black Sea.",
    );
    dyad_code::code(&mut d);
    locate_events(&mut d);
    let ev = d.events.first().expect("an event is coded");
    let p = &d.places[ev.place.expect("located")];
    assert_eq!(p.name, "Canberra", "{:?}", d.events);
}
