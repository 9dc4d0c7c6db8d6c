//! Classes of event seen in real news, each on sentences of our own.

use crate::tests::{coded, t, triples};

#[test]
fn conjoined_passive_shares_the_agent() {
    let d = coded(
        "Hundreds of Moldovan migrants were caught by Romanian police and deported from Constanta.",
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
    let d = coded(
        "Footage shows Chilean police using water cannon to disperse crowds and beating students with sticks.",
    );
    let got = triples(&d);
    assert!(got.contains(&t("CHLCOP", "CHLEDU", "182")), "{got:?}");
}
