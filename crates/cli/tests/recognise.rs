//! Actor recognition on the seed article, scored against its reference.

mod common;
use common::{dyad, eval_seed, line, shared};

#[test]
fn seed_actors_meet_the_floor() {
    let Some(shared) = shared() else { return };
    let stdout = eval_seed(&shared);
    println!("{stdout}");
    let line = line(&stdout, "seed-actors:");
    for want in [
        "people=7/7",
        "codes=7/7",
        "countries=9/9",
        "outlet_as_actor=0",
    ] {
        assert!(line.contains(want), "{line}: want {want}");
    }
    // The outlet is never coded in the JSON either.
    let out = dyad(&[
        "code",
        shared
            .join("seed/000_0d6959d4305744fe.txt")
            .to_str()
            .unwrap(),
    ]);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    let mentions = doc["mentions"].as_array().expect("mentions");
    let outlets: Vec<_> = mentions
        .iter()
        .filter(|m| m["text"] == "The National")
        .collect();
    assert!(!outlets.is_empty());
    for m in outlets {
        assert_eq!(m["type"], "outlet");
        assert!(m.get("code").is_none());
    }
    for m in mentions.iter().filter(|m| m["type"] == "country") {
        assert!(m["code"].is_string(), "{m}");
    }
}
