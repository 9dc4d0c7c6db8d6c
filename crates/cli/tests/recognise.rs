//! Actor recognition on the seed article, scored against its reference.

use std::process::Command;

#[test]
fn seed_actors_meet_the_floor() {
    let shared = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if !shared.join("seed").exists() {
        println!("skipped: ../shared not found");
        return;
    }
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["eval", "seed", "--shared"])
        .arg(&shared)
        .output()
        .expect("runs dyad");
    let stdout = String::from_utf8_lossy(&out.stdout);
    println!("{stdout}");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let line = stdout
        .lines()
        .find(|l| l.starts_with("seed-actors:"))
        .expect("a seed-actors line");
    for want in [
        "people=7/7",
        "codes=7/7",
        "countries=9/9",
        "outlet_as_actor=0",
    ] {
        assert!(line.contains(want), "{line}: want {want}");
    }
    // The outlet is never coded in the JSON either.
    let out = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .arg("code")
        .arg(shared.join("seed/000_0d6959d4305744fe.txt"))
        .output()
        .expect("runs dyad");
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
