//! The coder on dictionaries and sentences written for these tests, in
//! PETRARCH's formats.

use super::*;

const VERBS: &str = "\
&MONEY
+DOLLARS
+EUROS

--- MEET  [040] ---
MEET {MET MEETING}
- * WITH +  [042]
- % *  [043:043]

--- CRITICIZE [121] ---
CRITICIZE
- SHARPLY * [122]

--- DONATE [070] ---
DONATE
- * &MONEY [071]

--- PRAISE [051] ---
PRAISE

--- VISIT [042:043] ---
VISIT
";

const ACTORS: &str = "\
VALDORIA [VAL]
+VALDORIAN
KESTRIA [KES]
MARO_TELLEN
    [VALGOV 20100101-20151231]
    [VALELI > 20160101]
";

const AGENTS: &str = "\
GOVERNMENT [~GOV]
FOREIGN_MINISTER [~GOVFRM]
SOLDIER [~MIL]
";

const DISCARDS: &str = "FOOTBALL\n";

fn coder() -> Coder {
    let verbs = dyad_dict::parse_verbs(VERBS, "t.verbs", dyad_dict::VerbFlavour::Petrarch1);
    assert!(verbs.errors.is_empty(), "{:?}", verbs.errors);
    let actors = dyad_dict::parse_petrarch_actors(ACTORS, "t.actors");
    assert!(actors.errors.is_empty(), "{:?}", actors.errors);
    let agents = dyad_dict::parse_petrarch_agents(AGENTS, "t.agents");
    let discards = dyad_dict::parse_discards(DISCARDS, "t.discards");
    Coder::new(&verbs.value, actors.value, &agents.value, &discards.value)
}

fn run_with(text: &str, date: &str, cfg: &Config) -> Outcome {
    let mut doc = Document {
        text: text.to_string(),
        ..Default::default()
    };
    dyad_segment::segment(&mut doc);
    dyad_tag::annotate(&mut doc);
    assert_eq!(doc.sentences.len(), 1, "{text}");
    let d = NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    coder().code_sentence(&doc, 0, d, cfg)
}

fn triples(text: &str, date: &str, cfg: &Config) -> Vec<String> {
    match run_with(text, date, cfg) {
        Outcome::Events(v) => {
            let mut t: Vec<String> = v
                .iter()
                .map(|c| format!("{}>{}:{}", c.source, c.target, c.code))
                .collect();
            t.sort();
            t
        }
        Outcome::Discarded { .. } => vec!["discarded".into()],
    }
}

fn code(text: &str) -> Vec<String> {
    triples(text, "2012-05-01", &Config::default())
}

#[test]
fn verb_default_code_subject_and_object() {
    assert_eq!(
        code("Valdoria criticized Kestria on Monday."),
        ["VAL>KES:121"]
    );
}

#[test]
fn upper_pattern_words_before_the_verb() {
    assert_eq!(
        code("Valdoria sharply criticized Kestria on Monday."),
        ["VAL>KES:122"]
    );
}

#[test]
fn lower_pattern_with_a_synset() {
    assert_eq!(
        code("The Valdorian government donated ten million euros to Kestria."),
        ["VALGOV>KES:071"]
    );
    // Without the synset word the verb's own code.
    assert_eq!(
        code("The Valdorian government donated ten tanks to Kestria."),
        ["VALGOV>KES:070"]
    );
}

#[test]
fn passive_with_by_agent_swaps_the_actors() {
    assert_eq!(
        code("Kestria was criticized by Valdoria on Monday."),
        ["VAL>KES:121"]
    );
}

#[test]
fn compound_pattern_codes_both_directions() {
    assert_eq!(
        code("Valdoria and Kestria met on Monday."),
        ["KES>VAL:043", "VAL>KES:043"]
    );
}

#[test]
fn paired_code_gives_the_reverse_event() {
    assert_eq!(
        code("The Valdorian foreign minister visited Kestria."),
        ["KES>VALGOVFRM:043", "VALGOVFRM>KES:042"]
    );
}

#[test]
fn agent_across_of_and_compound_targets() {
    assert_eq!(
        code("Soldiers from Valdoria praised Kestria and Maro Tellen."),
        ["VALMIL>KES:051", "VALMIL>VALGOV:051"]
    );
}

#[test]
fn date_bounded_actor_codes() {
    let cfg = Config::default();
    assert_eq!(
        triples("Maro Tellen praised Kestria.", "2012-01-01", &cfg),
        ["VALGOV>KES:051"]
    );
    assert_eq!(
        triples("Maro Tellen praised Kestria.", "2018-01-01", &cfg),
        ["VALELI>KES:051"]
    );
}

#[test]
fn discard_phrase_codes_nothing() {
    assert_eq!(
        code("Valdoria praised the Kestria football team."),
        ["discarded"]
    );
}

#[test]
fn require_dyad_and_comma_clauses() {
    // No target: nothing unless require_dyad is off.
    assert!(code("Valdoria praised the effort.").is_empty());
    let mut cfg = Config {
        require_dyad: false,
        ..Default::default()
    };
    assert_eq!(
        triples("Valdoria praised the effort.", "2012-01-01", &cfg),
        ["VAL>---:051"]
    );
    // The closing ", a senior official said" is set aside (6 words within
    // the 2..8 default), so it codes nothing even without require_dyad.
    let t = triples(
        "Valdoria praised Kestria, the government said on Monday.",
        "2012-01-01",
        &cfg,
    );
    assert_eq!(t, ["VAL>KES:051"]);
    cfg.comma_emax = 0;
    let t = triples(
        "Valdoria praised Kestria, the government said on Monday.",
        "2012-01-01",
        &cfg,
    );
    assert!(t.contains(&"VAL>KES:051".to_string()), "{t:?}");
    assert!(
        t.len() == 1 || t.iter().any(|x| x.starts_with("---GOV")),
        "{t:?}"
    );
}

#[test]
fn agent_code_not_repeated() {
    assert_eq!(combine("USAGOV", &[], &["GOV".into()]), "USAGOV");
    assert_eq!(combine("GMWGOV", &[], &["WGO".into()]), "GMWGOVWGO");
    assert_eq!(
        combine("ARN", &["NGO".into()], &["GOV".into()]),
        "NGOARNGOV"
    );
}

#[test]
fn suite_files_read_and_bad_ones_name_the_problem() {
    let dir = std::env::temp_dir().join(format!("dyad-suite-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let good = dir.join("good.xml");
    std::fs::write(
        &good,
        r#"<Validation><Environment><Verbfile>v.txt</Verbfile><Actorfile>a.txt</Actorfile></Environment>
<Sentences>
<Config option="require_dyad" value="false"></Config>
<Sentence date="20120101" id="T-1" category="DEMO">
<EventCoding sourcecode="VAL" targetcode="KES" eventcode="051"></EventCoding>
<Text>Valdoria praised
Kestria.</Text>
<Parse>(ROOT (S ...))</Parse>
</Sentence>
<Sentence date="20120101" id="T-2" category="DEMO">
<EventCoding noevents="True"></EventCoding>
<Text>Nothing &amp; nobody.</Text>
</Sentence>
</Sentences></Validation>"#,
    )
    .unwrap();
    let s = suite::read_suite(&good).unwrap();
    assert_eq!(s.verbs.as_deref(), Some(dir.join("v.txt").as_path()));
    assert_eq!(s.records.len(), 2);
    assert_eq!(s.records[0].text, "Valdoria praised Kestria.");
    assert!(!s.records[0].config.require_dyad);
    assert_eq!(
        s.records[0].expected,
        suite::Expected::Events(vec![("VAL".into(), "KES".into(), "051".into())])
    );
    assert_eq!(s.records[1].expected, suite::Expected::NoEvents);
    assert_eq!(s.records[1].text, "Nothing & nobody.");
    let bad = dir.join("bad.xml");
    std::fs::write(
        &bad,
        r#"<Validation><Sentences><Sentence id="X-1"><Text>cut"#,
    )
    .unwrap();
    let e = suite::read_suite(&bad).unwrap_err().to_string();
    assert!(e.contains("bad.xml") && e.contains("X-1"), "{e}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn events_name_the_mentions_of_their_actors() {
    let text = "The Valdorian government sharply criticized Kestria on Monday.";
    let mut doc = Document {
        text: text.to_string(),
        ..Default::default()
    };
    dyad_segment::segment(&mut doc);
    dyad_tag::annotate(&mut doc);
    let mention = |words: &str, code: &str| {
        let at = text.find(words).unwrap();
        dyad_document::Mention {
            span: Span::new(at, at + words.len()),
            kind: dyad_document::MentionKind::Agent,
            code: Some(code.into()),
            ..Default::default()
        }
    };
    // dyad's recogniser read "Valdorian" alone as the country; the event's
    // source is the government the whole phrase names.
    doc.mentions = vec![
        mention("Valdorian", "VAL"),
        mention("Valdorian government", "VALGOV"),
        mention("Kestria", "KES"),
    ];
    doc.mentions
        .sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    let d = NaiveDate::from_ymd_opt(2012, 5, 1).unwrap();
    let events = coder().events(&doc, d, &Config::default(), &|_| None);
    assert_eq!(events.len(), 1, "{events:?}");
    let e = &events[0];
    assert_eq!(
        (e.source.as_deref(), e.target.as_deref()),
        (Some("VALGOV"), Some("KES"))
    );
    let text_of = |m: Option<usize>| m.map(|i| doc.slice(doc.mentions[i].span));
    assert_eq!(text_of(e.source_mention), Some("Valdorian government"));
    assert_eq!(text_of(e.target_mention), Some("Kestria"));
    // An actor dyad did not recognise has no mention to name.
    doc.mentions.truncate(2);
    let events = coder().events(&doc, d, &Config::default(), &|_| None);
    assert_eq!(events[0].target_mention, None);
}
