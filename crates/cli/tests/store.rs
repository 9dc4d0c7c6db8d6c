//! End-to-end tests of the analyst's database: ingest merges reports of one
//! event across articles, `query` filters and counts, `export` writes the
//! field's formats.

mod common;
use common::dyad;
use std::path::PathBuf;

use serde_json::Value;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-store-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

// Both stories, and the wire copy's dateline, set the story near Arica, the
// one place they name (an accusation's place is the story's setting, not a
// place in what it is about), so their reports of the accusation are one
// event in whatever order the workers store them. (A copy whose dateline
// named another place would join the first story only when stored after it.)
const FIRST: &str =
    "Chile accused Peru on Monday of moving troops towards the border near Arica.\n\n\
    The foreign ministry said the deployment broke a 2019 agreement and summoned the \
    Peruvian ambassador to explain it. Peruvian officials did not respond to requests for comment \
    on Monday evening, and the defence ministry declined to say how many soldiers had been moved.";
const SECOND: &str = "Chile accused Peru of moving troops towards the border near Arica, in the \
    sharpest exchange between the neighbours in years.\n\nAnalysts in both capitals said the row \
    could delay talks on a fishing treaty that had been due to resume next month, and business \
    groups warned of disruption at the busy crossing.";

fn article(id: &str, url: &str, published: &str, text: &str) -> String {
    serde_json::json!({"id": id, "url": url, "title": "Border row", "published": published,
                       "text": text})
    .to_string()
}

fn ok(args: &[&str]) -> String {
    let out = dyad(args);
    assert!(
        out.status.success(),
        "dyad {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn reports_of_one_event_merge_and_export_in_the_fields_formats() {
    let dir = scratch("merge");
    let input = dir.join("news.jsonl");
    // Two outlets in their own words, and the first story republished by a
    // third with a dateline and an edit: a wire copy.
    let copy = FIRST
        .replace("Chile accused", "ARICA, Chile (Wire) - Chile accused")
        .replace("declined to say", "would not say");
    std::fs::write(
        &input,
        [
            article(
                "one",
                "https://harbour.example/2024/03/04/border",
                "2024-03-04",
                FIRST,
            ),
            article(
                "two",
                "https://valley.example/news/chile-peru",
                "2024-03-05",
                SECOND,
            ),
            article(
                "three",
                "https://reprint.example/world/border-row",
                "2024-03-04",
                &copy,
            ),
        ]
        .join("\n"),
    )
    .unwrap();
    let db = dir.join("t.db");
    let db = db.to_str().unwrap();
    let summary = ok(&["ingest", input.to_str().unwrap(), "--db", db]);
    assert!(
        summary.contains(" 3 events,")
            && summary.contains("2 events merged into events already stored, 1 wire copies"),
        "{summary}"
    );
    let again = ok(&["ingest", input.to_str().unwrap(), "--db", db]);
    assert!(again.starts_with("0 stored, 3 already there"), "{again}");

    let rows: Vec<Value> = ok(&[
        "query", "--db", db, "--format", "jsonl", "--dyad", "CHL,PER",
    ])
    .lines()
    .map(|l| serde_json::from_str(l).unwrap())
    .collect();
    assert_eq!(rows.len(), 1, "one event: {rows:?}");
    assert_eq!(rows[0]["num_mentions"], 3);
    assert_eq!(rows[0]["num_articles"], 3);
    assert_eq!(
        rows[0]["num_sources"], 2,
        "the wire copy is not another source"
    );
    let mentions = ok(&["query", "--db", db, "--format", "csv", "--mentions"]);
    assert_eq!(mentions.lines().count(), 4, "{mentions}");
    assert!(ok(&["query", "--db", db, "--format", "jsonl", "--target", "CHL"]).is_empty());
    let by_day = ok(&[
        "query",
        "--db",
        db,
        "--format",
        "csv",
        "--count-by",
        "day",
        "--quad",
        "3",
    ]);
    // The event is dated by whichever report was stored first (ingest
    // stores documents as they finish); the documents ingested are those
    // published that day.
    let lines: Vec<&str> = by_day.lines().collect();
    assert_eq!(lines[0], "key,events,mentions,documents_ingested");
    assert!(
        lines[1..] == ["2024-03-04,1,3,2"] || lines[1..] == ["2024-03-05,1,3,1"],
        "{by_day}"
    );
    let gdelt = ok(&["export", "--db", db, "--format", "gdelt"]);
    let cols: Vec<&str> = gdelt.lines().next().unwrap().split('\t').collect();
    assert_eq!(cols.len(), 61);
    assert!(
        cols[1] == "20240304" || cols[1] == "20240305",
        "{}",
        cols[1]
    );
    assert_eq!((cols[5], cols[15], cols[26]), ("CHL", "PER", "112"));
    assert_eq!((cols[31], cols[32], cols[33]), ("3", "2", "3"));
    let mentions = ok(&["export", "--db", db, "--format", "gdelt-mentions"]);
    assert_eq!(mentions.lines().count(), 3);
    assert!(mentions.lines().all(|l| l.split('\t').count() == 16));
    let out = dir.join("net.graphml");
    ok(&[
        "export",
        "--db",
        db,
        "--format",
        "graphml",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .contains(r#"source="CHL" target="PER""#));
    let docs = ok(&[
        "export",
        "--db",
        db,
        "--format",
        "jsonl",
        "--outlet",
        "valley.example",
    ]);
    assert_eq!(docs.lines().count(), 1);
    let plover = ok(&["export", "--db", db, "--format", "plover"]);
    let rec: Value = serde_json::from_str(plover.lines().next().unwrap()).unwrap();
    assert_eq!(rec["event"], "ACCUSE");

    // A wider window changes nothing here; a stricter code level neither.
    let rule = ok(&["merge-rule", "--db", db, "--window-days", "0"]);
    assert!(rule.contains(r#""window_days":0"#), "{rule}");
    let rows = ok(&["query", "--db", db, "--format", "jsonl"]);
    assert_eq!(rows.lines().count(), 2, "one day apart: two events now");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn plover_export_follows_the_published_crosswalk_when_given() {
    let Some(shared) = common::shared() else {
        return;
    };
    let crosswalk = shared.join("eval/plover/CAMEO2PLOVER-2021.txt");
    let dir = scratch("plover");
    let input = dir.join("news.jsonl");
    std::fs::write(
        &input,
        article("one", "https://harbour.example/a", "2024-03-04", FIRST),
    )
    .unwrap();
    let db = dir.join("t.db");
    let db = db.to_str().unwrap();
    ok(&["ingest", input.to_str().unwrap(), "--db", db]);
    let out = ok(&[
        "export",
        "--db",
        db,
        "--format",
        "plover",
        "--crosswalk",
        crosswalk.to_str().unwrap(),
    ]);
    let rec: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(rec["cameo"], "112");
    assert_eq!(rec["event"], "ACCUSE");
    assert!(rec["context"].is_array());
    std::fs::remove_dir_all(&dir).unwrap();
}
