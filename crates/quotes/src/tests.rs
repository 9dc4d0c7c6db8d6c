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
