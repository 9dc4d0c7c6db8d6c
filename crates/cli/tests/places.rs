//! Places end to end: GeoVirus floors and the seed article's reference
//! places, through the `dyad` binary.

mod common;
use common::{dyad, eval_seed, figure, shared};

use serde_json::Value;

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (p1, p2) = (a.0.to_radians(), b.0.to_radians());
    let h = ((p2 - p1) / 2.0).sin().powi(2)
        + p1.cos() * p2.cos() * ((b.1 - a.1).to_radians() / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

#[test]
fn geovirus_recall_and_accuracy_floors() {
    let Some(shared) = shared() else { return };
    let path = shared.join("eval/geo/GeoVirus.xml");
    let out = dyad(&["eval", "geo", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let line = stdout
        .lines()
        .find(|l| l.starts_with("geo: "))
        .expect("a geo: line");
    eprintln!("{line}");
    assert!(figure(line, "recall=") >= 0.8, "{line}");
    assert!(figure(line, "acc161=") >= 0.82, "{line}");
    assert!(figure(line, "mentions=") > 2000.0, "{line}");
}

#[test]
fn seed_article_places() {
    let Some(shared) = shared() else { return };
    let seed = shared.join("seed/000_0d6959d4305744fe.txt");
    let gold: Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("eval/seed/gold.json")).unwrap())
            .unwrap();
    let out = dyad(&["code", seed.to_str().unwrap()]);
    assert!(out.status.success());
    let d: Value = serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap())
        .expect("one JSON document");
    let places = d["places"].as_array().unwrap();
    let text: Vec<char> = d["text"].as_str().unwrap().chars().collect();
    let span = |p: &Value| -> String {
        text[p["start"].as_u64().unwrap() as usize..p["end"].as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    for p in places {
        assert_eq!(
            span(p),
            p["text"].as_str().unwrap(),
            "offsets are characters"
        );
    }
    for c in gold["places"]["cities"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap();
        let want = (c["lat"].as_f64().unwrap(), c["lon"].as_f64().unwrap());
        let found: Vec<&Value> = places.iter().filter(|p| p["text"] == name).collect();
        assert!(!found.is_empty(), "{name} not found");
        for p in found {
            assert_eq!(p["feature"], "city", "{p}");
            let got = (p["lat"].as_f64().unwrap(), p["lon"].as_f64().unwrap());
            assert!(km(got, want) <= 25.0, "{name}: {p}");
        }
    }
    let iso2 = |name: &str| match name {
        "Syria" => "SY",
        "Russia" => "RU",
        "Turkey" => "TR",
        "Iran" => "IR",
        "Ukraine" => "UA",
        "Afghanistan" => "AF",
        "Pakistan" => "PK",
        "Kazakhstan" => "KZ",
        "Israel" => "IL",
        other => panic!("unexpected gold country {other}"),
    };
    for c in gold["places"]["countries"].as_array().unwrap() {
        let cc = iso2(c.as_str().unwrap());
        assert!(
            places
                .iter()
                .any(|p| p["feature"] == "country" && p["country"] == cc),
            "country {c} not found"
        );
    }
    // Capitals standing for governments are metonyms; the place of talks
    // "in the Kazakh capital Astana" is Astana.
    for name in ["Ankara", "Moscow"] {
        assert!(
            places
                .iter()
                .any(|p| p["text"] == name && p["metonym"] == true),
            "{name} as its government"
        );
    }
    let astana_events = d["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["place"].as_u64())
        .filter(|&i| places[i as usize]["name"] == "Astana")
        .count();
    assert!(astana_events > 0, "some event takes place in Astana");
    let stdout = eval_seed(&shared);
    assert!(
        stdout
            .lines()
            .any(|l| l == "seed-places: cities=3/3 within25km=3/3 countries=9/9"),
        "{stdout}"
    );
}
