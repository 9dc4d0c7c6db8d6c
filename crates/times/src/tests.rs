use super::*;
use dyad_document::Event;

/// A parsed document published on `published`.
fn parsed(text: &str, published: Option<&str>) -> Document {
    let mut d = Document {
        id: "t".into(),
        text: text.into(),
        published: published.map(str::to_string),
        ..Default::default()
    };
    dyad_segment::segment(&mut d);
    dyad_tag::annotate(&mut d);
    d
}

/// `(text, value, kind)` of every time expression.
fn times(text: &str, published: &str) -> Vec<(String, Option<String>, TimeKind, bool)> {
    let mut d = parsed(text, Some(published));
    recognise(&mut d);
    d.times
        .iter()
        .map(|t| {
            (
                d.slice(t.span).to_string(),
                t.value.clone(),
                t.kind,
                t.approximate,
            )
        })
        .collect()
}

/// The value of the only time expression, which must contain `part`.
fn one(text: &str, published: &str, part: &str) -> (String, TimeKind, bool) {
    let t = times(text, published);
    assert_eq!(t.len(), 1, "{text}: {t:?}");
    assert!(
        t[0].0.to_lowercase().contains(&part.to_lowercase()),
        "{text}: found {:?}, want it to hold {part:?}",
        t[0].0
    );
    (t[0].1.clone().unwrap_or_default(), t[0].2, t[0].3)
}

fn value(text: &str, published: &str, part: &str) -> String {
    one(text, published, part).0
}

// Wednesday 2024-12-04: mid-week.
const WED: &str = "2024-12-04";

#[test]
fn absolute_years_months_and_days() {
    assert_eq!(
        one(
            "The ministry was founded in 2011 after the war.",
            WED,
            "in 2011"
        ),
        ("2011".into(), TimeKind::Year, false)
    );
    assert_eq!(
        one(
            "Exports have fallen since 2017, the bank said.",
            WED,
            "since 2017"
        ),
        ("2017".into(), TimeKind::Since, false)
    );
    assert_eq!(
        one(
            "The envoy arrived on Dec. 4, 2024 for talks.",
            WED,
            "Dec. 4, 2024"
        ),
        ("2024-12-04".into(), TimeKind::Date, false)
    );
    assert_eq!(
        value(
            "The vote was held on 4 December 2024 in the capital.",
            WED,
            "4 December 2024"
        ),
        "2024-12-04"
    );
    assert_eq!(
        value(
            "The decree, dated 2024-12-04, was published.",
            WED,
            "2024-12-04"
        ),
        "2024-12-04"
    );
    assert_eq!(
        value(
            "The strike began in February 2023 at the port.",
            WED,
            "February 2023"
        ),
        "2023-02"
    );
    assert_eq!(
        value("The will was drafted in June of 2006.", WED, "June of 2006"),
        "2006-06"
    );
    assert_eq!(
        one(
            "The airport reopened in mid-2023 under new rules.",
            WED,
            "mid-2023"
        ),
        ("2023".into(), TimeKind::Year, false)
    );
    assert_eq!(
        one("The border was closed for most of the 1990s.", WED, "1990s"),
        ("1990/1999".into(), TimeKind::Decade, false)
    );
}

#[test]
fn days_and_months_without_a_year_are_the_nearest_past_ones() {
    assert_eq!(
        value(
            "Ministers signed the accord on December 2 in Geneva.",
            WED,
            "December 2"
        ),
        "2024-12-02"
    );
    assert_eq!(
        one(
            "The committee met in October to review the budget.",
            WED,
            "in October"
        ),
        ("2024-10".into(), TimeKind::Month, false)
    );
    // A December after a December publication is last year's.
    assert_eq!(
        value("Envoys met on December 20 in Cairo.", WED, "December 20"),
        "2023-12-20"
    );
    // The future tense looks ahead.
    assert_eq!(
        value(
            "The parliament will vote in March on the budget.",
            WED,
            "March"
        ),
        "2025-03"
    );
}

#[test]
fn relative_expressions_mid_week() {
    let v = |text: &str, part: &str| value(text, WED, part);
    assert_eq!(
        v("Last week the army shelled two villages.", "Last week"),
        "2024-11-25/2024-12-01"
    );
    assert_eq!(
        v("The talks resume this week in Doha.", "this week"),
        "2024-12-02/2024-12-08"
    );
    assert_eq!(
        one(
            "Three officials resigned two weeks ago over the scandal.",
            WED,
            "two weeks ago"
        ),
        ("2024-11-20".into(), TimeKind::Date, true)
    );
    assert_eq!(
        v(
            "Prices rose sharply earlier this year.",
            "earlier this year"
        ),
        "2024"
    );
    assert_eq!(
        one(
            "Protests spread over the past year across the region.",
            WED,
            "over the past year"
        ),
        ("2023-12/2024-12".into(), TimeKind::Interval, false)
    );
    assert_eq!(
        v("Police detained the editor on Sunday.", "on Sunday"),
        "2024-12-01"
    );
    // The publication day itself, as news style names it.
    assert_eq!(
        v("The cabinet met on Wednesday.", "on Wednesday"),
        "2024-12-04"
    );
    assert_eq!(
        v("The cabinet met last Wednesday.", "last Wednesday"),
        "2024-11-27"
    );
    assert_eq!(
        v("The envoy will arrive on Friday.", "on Friday"),
        "2024-12-06"
    );
    assert_eq!(
        v("She said the delegation would stay until Sunday.", "Sunday"),
        "2024-12-08"
    );
    assert_eq!(
        v("The minister resigned yesterday.", "yesterday"),
        "2024-12-03"
    );
    assert_eq!(
        v(
            "Inflation slowed last month, the bureau said.",
            "last month"
        ),
        "2024-11"
    );
    assert_eq!(
        v("Elections are due next year under the deal.", "next year"),
        "2025"
    );
    assert_eq!(
        v(
            "The company opened its first plant three years ago.",
            "three years ago"
        ),
        "2021"
    );
    let (val, kind, approx) = one(
        "Fighting has intensified in recent days near the border.",
        WED,
        "in recent days",
    );
    assert_eq!(
        (val.as_str(), kind, approx),
        ("2024-11-27/2024-12-04", TimeKind::Interval, true)
    );
}

#[test]
fn month_and_year_boundaries() {
    // Thursday 2025-01-02.
    let jan = "2025-01-02";
    assert_eq!(
        value("Unemployment fell last month.", jan, "last month"),
        "2024-12"
    );
    assert_eq!(
        value(
            "The treaty was signed in November by both sides.",
            jan,
            "in November"
        ),
        "2024-11"
    );
    assert_eq!(
        value("Last week the court adjourned the case.", jan, "Last week"),
        "2024-12-23/2024-12-29"
    );
    assert_eq!(
        value("Growth was weak last year.", jan, "last year"),
        "2024"
    );
    assert_eq!(
        value("The mayor spoke on Monday.", jan, "Monday"),
        "2024-12-30"
    );
    // Saturday 2024-03-02: the month boundary, in a leap year.
    let mar = "2024-03-02";
    assert_eq!(
        value("Two days ago the bridge collapsed.", mar, "Two days ago"),
        "2024-02-29"
    );
    assert_eq!(
        value("Sales dropped last month.", mar, "last month"),
        "2024-02"
    );
    assert_eq!(
        value("Last week the strike ended.", mar, "Last week"),
        "2024-02-19/2024-02-25"
    );
}

#[test]
fn numbers_that_are_not_years_are_left_alone() {
    let t = times(
        "About 2,000 fighters joined after Resolution 2042 passed, and the convoy left at 2000 GMT with 1999 tents.",
        WED,
    );
    assert!(t.is_empty(), "{t:?}");
    // Words with letters beyond ASCII are read safely.
    assert!(times("Ramón and Björn, the mid-ólé band, sang.", WED).is_empty());
    // Names, narrative times and parts of named stretches are not dated
    // against the publication.
    let t = times(
        "Shoppers queued on Black Friday. The next year, prices fell in the last week of the sale.",
        WED,
    );
    assert!(t.is_empty(), "{t:?}");
    // A year as a modifier is still a year.
    assert_eq!(
        value("Veterans of the 2011 uprising marched.", WED, "2011"),
        "2011"
    );
}

#[test]
fn without_a_publication_date_relative_expressions_have_no_value() {
    let mut d = parsed("Last week the army took the town, as it did in 2019.", None);
    recognise(&mut d);
    let got: Vec<(&str, Option<&str>, TimeKind)> = d
        .times
        .iter()
        .map(|t| (d.slice(t.span), t.value.as_deref(), t.kind))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Last week", None, TimeKind::Relative),
            ("in 2019", Some("2019"), TimeKind::Year),
        ]
    );
    assert_eq!(d.times[0].anchor, None);
}

/// A document with one event on `verb` (its first occurrence), dated.
fn dated(text: &str, verb: &str) -> (Option<String>, Option<String>) {
    dated_on(text, verb, WED)
}

/// [`dated`] for a document published on `published`.
fn dated_on(text: &str, verb: &str, published: &str) -> (Option<String>, Option<String>) {
    let mut d = parsed(text, Some(published));
    recognise(&mut d);
    let at = text.find(verb).unwrap();
    d.events.push(Event {
        sentence: d
            .sentences
            .iter()
            .position(|s| s.span.start <= at && at < s.span.end)
            .unwrap(),
        span: Span::new(at, at + verb.len()),
        code: "190".into(),
        root: "19".into(),
        ..Default::default()
    });
    date_events(&mut d);
    let e = &d.events[0];
    (e.date.clone(), e.date_from.clone())
}

#[test]
fn events_take_the_time_attached_to_their_verb() {
    assert_eq!(
        dated(
            "Troops shelled the village on Sunday, officials said.",
            "shelled"
        ),
        (Some("2024-12-01".into()), Some("text".into()))
    );
    // Two expressions: the one on the event's verb wins.
    assert_eq!(
        dated(
            "The rebels, who have held the valley since 2016, attacked the garrison last week.",
            "attacked"
        ),
        (Some("2024-11-25/2024-12-01".into()), Some("text".into()))
    );
    assert_eq!(
        dated(
            "In 2019 the two leaders met in Oslo, and last month they signed a deal.",
            "met"
        ),
        (Some("2019".into()), Some("text".into()))
    );
}

#[test]
fn events_without_a_time_take_the_publication_date() {
    assert_eq!(
        dated("Troops shelled the village, officials said.", "shelled"),
        (Some(WED.into()), Some("published".into()))
    );
    // "since" says when a state began, not when the event happened.
    assert_eq!(
        dated("The army has besieged the town since 2016.", "besieged"),
        (Some(WED.into()), Some("published".into()))
    );
    // An event told in the present is as of publication: the sentence's
    // one year dates something else.
    assert_eq!(
        dated(
            "Canada is seeking the banker's extradition over frauds he committed in 2011.",
            "seeking"
        ),
        (Some(WED.into()), Some("published".into()))
    );
    assert_eq!(
        dated(
            "Norway wants Sweden to return the paintings over a theft in 2008.",
            "wants"
        ),
        (Some(WED.into()), Some("published".into()))
    );
    // In the past, it still does.
    assert_eq!(
        dated(
            "Rebels shelled the town, officials said in 2011.",
            "shelled"
        ),
        (Some("2011".into()), Some("text".into()))
    );
}

#[test]
fn times_round_trip_through_the_contract() {
    let mut d = parsed("Two weeks ago the envoy visited Ankara.", Some(WED));
    recognise(&mut d);
    let c = d.to_contract(false);
    let js = serde_json::to_value(&c.times).unwrap();
    assert_eq!(js[0]["text"], "Two weeks ago");
    assert_eq!(js[0]["value"], "2024-11-20");
    assert_eq!(js[0]["kind"], "date");
    assert_eq!(js[0]["approximate"], true);
    assert_eq!(js[0]["start"], 0);
    let back = Document::from_contract(c).unwrap();
    assert_eq!(back.times, d.times);
}

/// Speed of [`recognise`] alone on a parsed article (run with
/// `cargo test -p dyad-times --release -- --ignored --nocapture speed`).
#[test]
#[ignore]
fn speed() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/articles");
    let mut text = String::new();
    for e in std::fs::read_dir(path).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            text.push_str(&std::fs::read_to_string(p).unwrap());
            text.push_str("\n\n");
        }
    }
    let mut d = parsed(&text, Some(WED));
    let rounds = 2000;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        recognise(&mut d);
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "times: {:.0} sentences/s ({:.2} µs per sentence), {} expressions in {} sentences",
        (rounds * d.sentences.len()) as f64 / secs,
        secs * 1e6 / (rounds * d.sentences.len()) as f64,
        d.times.len(),
        d.sentences.len()
    );
}

#[test]
fn a_publication_month_gives_years_but_no_days() {
    // Published some day in March 2023 (a URL filed by month).
    let t = times(
        "The minister met his counterpart on January 9 and again in February; \
         on Tuesday he flew home, and in 2021 he had resigned.",
        "2023-03",
    );
    let got: Vec<(&str, Option<&str>)> = t
        .iter()
        .map(|(s, v, _, _)| (s.as_str(), v.as_deref()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("on January 9", Some("2023-01-09")),
            ("in February", Some("2023-02")),
            ("on Tuesday", None),
            ("in 2021", Some("2021")),
        ]
    );
    // A month and day after the publication month is last year's.
    assert_eq!(
        value(
            "Rebels seized the pass on December 2.",
            "2023-03",
            "December"
        ),
        "2022-12-02"
    );
    // Undated events take the month.
    assert_eq!(
        dated_on(
            "Troops shelled the village, officials said.",
            "shelled",
            "2023-03"
        ),
        (Some("2023-03".into()), Some("published".into()))
    );
    assert_eq!(
        dated_on(
            "Troops shelled the village on Tuesday.",
            "shelled",
            "2023-03"
        ),
        (Some("2023-03".into()), Some("published".into()))
    );
}

#[test]
fn a_time_on_a_noun_in_a_modifier_dates_that_noun_not_the_event() {
    // "in 2011" dates the theft, not the seeking.
    assert_eq!(
        dated(
            "Separately, Canada is seeking the banker's extradition from Peru over his alleged role \
             in the release of classified banking and tax records by Anonymous in 2011.",
            "seeking"
        ),
        (Some(WED.into()), Some("published".into()))
    );
    // Told in the past, the accusation is not of 2015 either: the release is.
    assert_eq!(
        dated(
            "Norway accused Russia of a role in the release of secret military and naval files by hackers in 2015.",
            "accused"
        ),
        (Some(WED.into()), Some("published".into()))
    );
    // A date before the noun, or the end of a month, still dates the event.
    assert_eq!(
        dated(
            "Twelve years after Paris invaded the island in the wake of the May 4, 2011 bombings, few troops remain.",
            "invaded"
        ),
        (Some("2011-05-04".into()), Some("text".into()))
    );
    assert_eq!(
        dated(
            "She first raised the dispute with the Danes at the end of March.",
            "raised"
        ),
        (Some("2024-03".into()), Some("text".into()))
    );
    // On the event's own object it still dates the event.
    assert_eq!(
        dated(
            "The rebels released the hostages in 2019, officials said.",
            "released"
        ),
        (Some("2019".into()), Some("text".into()))
    );
}

#[test]
fn an_event_a_distance_after_or_before_another_clause_moves_by_it() {
    // Published Wednesday 4 December 2024.
    assert_eq!(
        dated(
            "The ceasefire collapses a day after the Ugandan army freed three Congolese fishermen.",
            "freed"
        ),
        (Some("2024-12-03".into()), Some("text".into()))
    );
    // From the clause's own day, not the publication's.
    assert_eq!(
        dated(
            "The rally on Sunday came two days after police detained the union leader.",
            "detained"
        ),
        (Some("2024-11-29".into()), Some("text".into()))
    );
    assert_eq!(
        dated(
            "The minister resigned on Monday, a week before parliament was dissolved.",
            "dissolved"
        ),
        (Some("2024-12-09".into()), Some("text".into()))
    );
    // Hours after: the same day. Months are too coarse to move a day.
    assert_eq!(
        dated(
            "The talks ended on Monday, hours after rebels shelled the port.",
            "shelled"
        ),
        (Some("2024-12-02".into()), Some("text".into()))
    );
    assert_eq!(
        dated(
            "The embassy reopens this week, months after protesters stormed it.",
            "stormed"
        ),
        (Some("2024-12-04".into()), Some("published".into()))
    );
}
