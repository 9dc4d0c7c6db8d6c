use super::*;

/// Segment, tag, recognise and attribute a text (paragraphs split on blank
/// lines, as plain-text input is).
pub(crate) fn run(text: &str, outlet: Option<&str>) -> Document {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        let lead = part.len() - part.trim_start().len();
        let body = part.trim();
        if !body.is_empty() {
            paragraphs.push(Span::new(start + lead, start + lead + body.len()));
        }
        start += part.len() + 2;
    }
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        outlet: outlet.map(str::to_string),
        published: Some("2025-03-01".into()),
        paragraphs,
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    dyad_recognise::recognise(&mut d);
    dyad_coref::resolve(&mut d);
    attribute(&mut d);
    d
}

fn show(d: &Document) -> Vec<(QuoteKind, String, Option<String>, bool)> {
    d.quotes
        .iter()
        .map(|q| {
            (
                q.kind,
                d.slice(q.span).to_string(),
                q.speaker.as_ref().map(|s| s.name.clone()),
                q.continuation,
            )
        })
        .collect()
}

#[test]
fn said_after_and_before() {
    let d = run(
        "“We will not sign,” said Maria Lindqvist, head of the Swedish delegation. Officials said the talks would resume in May.",
        None,
    );
    let q = show(&d);
    assert_eq!(q.len(), 2, "{q:#?}");
    assert_eq!(q[0].1, "We will not sign");
    assert_eq!(q[0].2.as_deref(), Some("Maria Lindqvist"));
    assert_eq!(q[1].0, QuoteKind::Indirect);
    assert_eq!(q[1].1, "the talks would resume in May");
}

#[test]
fn a_stray_mark_never_swallows_the_paragraph() {
    // Run-together paragraphs (one block), an opening mark never closed.
    let d = run(
        "Officials met in Dakar on Monday. \"The talks went well. Delegates ate lunch. They met again in the evening. They left at noon. Nobody spoke to reporters.",
        None,
    );
    let q = show(&d);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].1, "The talks went well.");
    assert!(d.quotes[0].open);

    // A stray opening mark, then a real quote later in the sentence after.
    let d = run(
        "He called it a \"joint plan. Later the minister said the plan was \"a disaster for our farmers\" and left.",
        None,
    );
    let q = show(&d);
    assert!(q.iter().all(|x| !x.1.contains("Later")), "{q:#?}");
    let last = q.last().unwrap();
    assert_eq!(last.1, "a disaster for our farmers");
    assert_eq!(last.2.as_deref(), Some("the minister"));
}

#[test]
fn paragraphs_bound_quotes() {
    let d = run(
        "Mayor Ana Lopes said: \"We will rebuild the bridge.\n\nThe council meets on Friday to vote on the budget, which has been cut.",
        None,
    );
    let q = show(&d);
    assert_eq!(q.len(), 1, "{q:#?}");
    assert_eq!(q[0].1, "We will rebuild the bridge.");
    assert_eq!(q[0].2.as_deref(), Some("Ana Lopes"));
}

fn find<'a>(
    q: &'a [(QuoteKind, String, Option<String>, bool)],
    starts: &str,
) -> Option<&'a (QuoteKind, String, Option<String>, bool)> {
    q.iter().find(|x| x.1.starts_with(starts))
}

#[test]
fn pronouns_after_a_quote_agree_in_gender() {
    let d = run(
        "Ingrid Halvorsen met Tomas Varga at the border post.\n\n“We found no common ground,” she said.\n\n“The door stays open,” he said.",
        None,
    );
    let q = show(&d);
    assert_eq!(
        find(&q, "We found").and_then(|x| x.2.as_deref()),
        Some("Ingrid Halvorsen"),
        "{q:#?}"
    );
    assert_eq!(
        find(&q, "The door").and_then(|x| x.2.as_deref()),
        Some("Tomas Varga"),
        "{q:#?}"
    );
}

#[test]
fn descriptions_name_the_person() {
    let d = run(
        "Interior Minister Helga Brandt visited the camp on Monday.\n\nThe minister said the camp would close by June.",
        None,
    );
    let q = show(&d);
    let x = find(&q, "the camp would close").expect("reported");
    assert_eq!(x.2.as_deref(), Some("Helga Brandt"), "{q:#?}");
}

#[test]
fn reported_speech_without_marks() {
    let d = run(
        "Senator Dale Frick told lawmakers that the bill would fail. The governor accused the unions of blocking the talks. Frick urged voters not to sign the petition. The port authority said in a statement on Friday that the ships had left. The bridge will reopen in May, the transport ministry said on Tuesday, after months of repairs.",
        None,
    );
    let q = show(&d);
    for starts in [
        "the bill would fail",
        "blocking the talks",
        "not to sign the petition",
        "the ships had left",
        "The bridge will reopen",
    ] {
        let x = find(&q, starts).unwrap_or_else(|| panic!("{starts}: {q:#?}"));
        assert_eq!(x.0, QuoteKind::Indirect, "{starts}");
    }
}

#[test]
fn saying_takes_the_subject_before_it() {
    let d = run(
        "Prime Minister Leona Marsh welcomed the ruling, saying the court had protected the vote. Her rival issued a statement warning that protests would follow.",
        None,
    );
    let q = show(&d);
    let x = find(&q, "the court had protected").expect("saying");
    assert_eq!(x.2.as_deref(), Some("Leona Marsh"), "{q:#?}");
    assert!(find(&q, "protests would follow").is_some(), "{q:#?}");
}

#[test]
fn beliefs_are_reported_apart_from_speech() {
    let d = run(
        "The finance minister believes the currency will recover. She said the bank would act.",
        None,
    );
    let q = show(&d);
    let b = find(&q, "the currency will recover").expect("belief");
    assert_eq!(b.0, QuoteKind::Belief, "{q:#?}");
    assert_eq!(d.sources.beliefs, 1);
    assert_eq!(d.sources.quotes, 1);
}

#[test]
fn mixed_quotes_keep_the_whole_clause() {
    let d = run(
        "Farah Idris said the deal was “a first step” toward peace.",
        None,
    );
    let q = show(&d);
    let x = find(&q, "the deal was").expect("clause");
    assert_eq!(x.0, QuoteKind::Indirect);
    assert_eq!(x.2.as_deref(), Some("Farah Idris"));
    let p = find(&q, "a first step").expect("partial");
    assert_eq!(p.2.as_deref(), Some("Farah Idris"));
}

#[test]
fn interrupting_attribution_is_not_content() {
    let d = run(
        "The harvest, union officials said, will be the smallest in a decade.",
        None,
    );
    let q = show(&d);
    assert!(q.iter().all(|x| !x.1.contains("union said")), "{q:#?}");
    assert!(find(&q, "The harvest").is_some(), "{q:#?}");
}

#[test]
fn doubled_apostrophes_and_dash_layouts() {
    let d = run(
        "''We will rebuild the school,'' Mayor Pia Lund said on Sunday.\n\n“Courage is contagious.” ― Oskar Nyberg",
        None,
    );
    let q = show(&d);
    let x = find(&q, "We will rebuild").unwrap_or_else(|| panic!("{q:#?}"));
    assert_eq!(x.2.as_deref(), Some("Pia Lund"));
    let y = find(&q, "Courage is contagious").unwrap_or_else(|| panic!("{q:#?}"));
    assert_eq!(y.2.as_deref(), Some("Oskar Nyberg"));
}

#[test]
fn titles_in_marks_are_not_quotes() {
    let d = run(
        "Lena Ortiz praised the new “Open Skies” agreement and its “zero waste” programme. Critics call the show “Kitchen Wars” a flop.",
        None,
    );
    let q = show(&d);
    for t in ["Open Skies", "zero waste", "Kitchen Wars"] {
        assert!(q.iter().all(|x| x.1 != t), "{t}: {q:#?}");
    }
}

#[test]
fn anonymous_institutional_sources_and_the_sources_summary() {
    let d = run(
        "A spokeswoman for the Polish foreign ministry said the ambassador had been summoned. “We expect an apology,” Pavel Novak said. Novak later said talks would go on.",
        None,
    );
    let q = show(&d);
    let a = find(&q, "the ambassador had been summoned").expect("anonymous");
    let sp = d
        .quotes
        .iter()
        .find(|x| d.slice(x.span) == a.1)
        .unwrap()
        .speaker
        .clone()
        .unwrap();
    assert!(sp.anonymous, "{sp:?}");
    assert_eq!(sp.code.as_deref(), Some("POLGOV"), "{sp:?}");
    // Each distinct speaker once, with their count.
    let novak = d
        .sources
        .speakers
        .iter()
        .find(|s| s.name == "Pavel Novak")
        .expect("named");
    assert_eq!(novak.quotes, 2, "{:?}", d.sources);
    assert_eq!(d.sources.anonymous, 1);
}

#[test]
fn a_statement_speaks_for_who_issued_it() {
    let d = run(
        "Three soldiers were wounded in an attack in the north, the Peruvian army said in a statement on Friday.\n\n\"The cause is under investigation,\" the statement said.",
        None,
    );
    let q = show(&d);
    let x = find(&q, "Three soldiers").expect("reported");
    assert_eq!(x.0, QuoteKind::Indirect);
    let y = find(&q, "The cause").expect("direct");
    assert_eq!(y.2, x.2, "{q:#?}");
}
