//! End-to-end tests of the `dyad` binary: inputs, the contract, the store.

mod common;
use common::{dyad, shared};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn docs(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON document"))
        .collect()
}

/// `text[start:end]` by characters, as in Python.
fn chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

#[test]
fn seed_article_links_date_and_contract() {
    let Some(shared) = shared() else { return };
    let seed = shared.join("seed/000_0d6959d4305744fe.txt");
    let out = dyad(&["code", seed.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d = &docs(&out)[0];
    for key in [
        "id",
        "url",
        "title",
        "outlet",
        "published",
        "published_from",
        "text",
        "links",
        "sentences",
        "mentions",
        "events",
        "quotes",
        "places",
        "times",
    ] {
        assert!(d.get(key).is_some(), "contract field {key} missing");
    }
    let text = d["text"].as_str().unwrap();
    assert!(
        !text.contains('<') && !text.contains("href"),
        "tags left in text"
    );
    assert!(
        text.contains("Syrian rebels launched a lightning offensive"),
        "inline links must not break words"
    );
    let links = d["links"].as_array().unwrap();
    assert_eq!(links.len(), 13);
    let urls: std::collections::HashSet<&str> =
        links.iter().map(|l| l["url"].as_str().unwrap()).collect();
    assert_eq!(urls.len(), 12);
    let tag_pages: std::collections::HashSet<&str> = links
        .iter()
        .filter(|l| l["kind"] == "tag")
        .map(|l| l["url"].as_str().unwrap())
        .collect();
    assert_eq!(tag_pages.len(), 2, "two distinct tag pages");
    let dated = links
        .iter()
        .filter(|l| l["kind"] == "article" && l["date"].is_string())
        .count();
    assert_eq!(dated, 10);
    for l in links {
        let (s, e) = (l["start"].as_u64().unwrap(), l["end"].as_u64().unwrap());
        assert_eq!(chars(text, s, e), l["text"].as_str().unwrap());
    }
    assert_eq!(d["published"], "2024-12-04");
    assert_eq!(d["published_from"], "links");
    assert_eq!(d["outlet"], "The National");
    let sents = d["sentences"].as_array().unwrap();
    assert!(sents.len() > 30, "only {} sentences", sents.len());
    let sentence_texts: Vec<String> = sents
        .iter()
        .map(|s| {
            chars(
                text,
                s["start"].as_u64().unwrap(),
                s["end"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        sentence_texts
            .iter()
            .any(|s| s.starts_with("“The Russians made a great effort")
                && s.contains("said Ahmed Touma, head of the opposition delegation")),
        "a quote and its attribution are one sentence"
    );
    assert!(
        !sentence_texts.iter().any(|s| s.starts_with("Assad")),
        "no break after Mr"
    );
}

#[test]
fn bad_inputs_are_named_and_the_batch_goes_on() {
    let dir = scratch("bad");
    std::fs::write(
        dir.join("good.txt"),
        "Ministers met in Geneva on Monday. They agreed to talk again.\n",
    )
    .unwrap();
    std::fs::write(dir.join("empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("junk.html"),
        [0x7fu8, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3],
    )
    .unwrap();
    std::fs::write(dir.join("latin1.txt"), b"The caf\xe9 was shelled.").unwrap();
    std::fs::write(
        dir.join("lines.jsonl"),
        "{\"id\":\"j1\",\"text\":\"Troops withdrew from the border.\"}\n[\"not\",\"an\",\"object\"]\n{\"id\":\"j3\",\"html\":\"<p>Talks <i>resumed</i>.</p>\"}\n",
    )
    .unwrap();
    {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(
            "<p>Parliament voted on the budget.</p>"
                .repeat(40)
                .as_bytes(),
        )
        .unwrap();
        let gz = enc.finish().unwrap();
        std::fs::write(dir.join("cut.html.gz"), &gz[..gz.len() - 12]).unwrap();
    }
    let out = dyad(&["code", dir.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a failed input makes the exit code 1"
    );
    let err = String::from_utf8_lossy(&out.stderr);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(
        lines.len(),
        5,
        "one line per bad input, one per repaired one:\n{err}"
    );
    for needle in [
        "error: ",
        "empty.txt: empty file",
        "junk.html: binary data",
        "lines.jsonl:2: expected a JSON object",
        "cut.html.gz: truncated or corrupt gzip",
        // Repaired, not refused: news archives mix encodings.
        "warning: ",
        "latin1.txt: not valid UTF-8 at line 1, column 8; read as Windows-1252",
    ] {
        assert!(err.contains(needle), "missing {needle:?} in\n{err}");
    }
    let all = docs(&out);
    let ids: Vec<String> = all
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec!["good", "latin1", "j1", "j3"]);
    assert_eq!(all[1]["text"], "The café was shelled.");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn stdin_is_read_and_sniffed() {
    let out = common::dyad_stdin(
        &["code", "-"],
        b"<p>The <a href=\"https://n.example/tags/chad/\">Chadian</a> army withdrew.</p><p>Talks resumed.</p>",
    );
    assert!(out.status.success());
    let d = &docs(&out)[0];
    assert_eq!(d["text"], "The Chadian army withdrew.\n\nTalks resumed.");
    assert_eq!(d["links"][0]["kind"], "tag");
    assert_eq!(d["sentences"].as_array().unwrap().len(), 2);
}

#[test]
fn ingest_twice_stores_nothing_twice() {
    let dir = scratch("ingest");
    let db = dir.join("t.db");
    let examples = repo().join("examples/articles");
    let first = dyad(&[
        "ingest",
        examples.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let summary = String::from_utf8_lossy(&first.stdout);
    assert!(summary.contains(" 0 already there, 0 failed"), "{summary}");
    let ls = dyad(&["ls", "--json", "--db", db.to_str().unwrap()]);
    let n = docs(&ls).len();
    assert!(n >= 8, "the examples hold at least 8 articles, got {n}");

    // Same files again, and the same articles under another name.
    std::fs::copy(examples.join("caucasus-talks.txt"), dir.join("renamed.txt")).unwrap();
    let again = dyad(&[
        "ingest",
        examples.to_str().unwrap(),
        dir.join("renamed.txt").to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(again.status.success());
    let summary = String::from_utf8_lossy(&again.stdout);
    assert!(
        summary.starts_with(&format!("0 stored, {} already there", n + 1)),
        "{summary}"
    );
    assert_eq!(
        docs(&dyad(&["ls", "--json", "--db", db.to_str().unwrap()])).len(),
        n
    );

    let shown = dyad(&["show", "caucasus-talks", "--db", db.to_str().unwrap()]);
    assert!(shown.status.success());
    let d: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert!(!d["sentences"].as_array().unwrap().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn killed_ingest_leaves_a_consistent_store_and_the_next_run_goes_on() {
    let dir = scratch("kill");
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    let total = 2000;
    for i in 0..total {
        let body = format!(
            "The minister of region {i} met envoys on Monday and signed accord number {i}. "
        )
        .repeat(30);
        std::fs::write(
            input.join(format!("a{i:04}.txt")),
            format!("Article {i}. {body}\n"),
        )
        .unwrap();
    }
    let db = dir.join("k.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args([
            "ingest",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(150));
    let _ = child.kill(); // SIGKILL: no chance to clean up
    let _ = child.wait();
    if db.exists() {
        let partial = docs(&dyad(&["ls", "--json", "--db", db.to_str().unwrap()])).len();
        eprintln!("killed after storing {partial} of {total}");
        assert!(partial <= total);
    }
    let out = dyad(&[
        "ingest",
        input.to_str().unwrap(),
        "--db",
        db.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ls = docs(&dyad(&["ls", "--json", "--db", db.to_str().unwrap()]));
    let ids: std::collections::HashSet<String> = ls
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ls.len(), total, "every article stored once");
    assert_eq!(ids.len(), total);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn parse_prints_a_table_and_conllu() {
    let out = dyad(&["parse", "Turkish officials urged the rebels to withdraw."]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("# sentence 0: Turkish officials urged the rebels to withdraw."));
    let row = table
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some("urged"))
        .unwrap();
    assert!(
        row.contains("VBD") && row.contains("urge") && row.ends_with("ROOT"),
        "{row}"
    );
    let out = dyad(&["parse", "--format", "conllu", "Troops withdrew."]);
    let conllu = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<Vec<&str>> = conllu
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .map(|l| l.split('\t').collect())
        .collect();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.len() == 10));
    assert_eq!(rows[1][7], "ROOT");
}

/// Tagger and parser against the committed held-out reference. The issue's
/// goals are pos_acc >= 0.96 and uas >= 0.88; these floors hold what the
/// shipped model reaches so that it cannot silently get worse.
#[test]
fn tagger_and_parser_accuracy_floors() {
    let Some(shared) = shared() else { return };
    let reference = repo().join("tools/train/heldout-ref.tsv.gz");
    let out = dyad(&[
        "eval",
        "tagger",
        "--shared",
        shared.to_str().unwrap(),
        "--reference",
        reference.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    println!("{stdout}");
    let line = stdout
        .lines()
        .find(|l| l.starts_with("tagger: "))
        .unwrap()
        .to_string();
    let field = |k: &str| -> f64 {
        let v = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix(&format!("{k}=")))
            .unwrap();
        v.parse().unwrap()
    };
    assert!(field("tokens") > 30000.0, "{line}");
    assert!(field("pos_acc") >= 0.96, "{line}");
    assert!(field("uas") >= 0.88, "{line}");
}
