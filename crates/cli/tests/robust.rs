//! End-to-end tests of what keeps a batch going and nothing lost: ids in
//! crawl-shaped folders, limits, gzip bombs, two writers, re-coding, exit
//! codes and messages.

mod common;
use common::dyad;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-robust-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn ls(db: &Path) -> Vec<Value> {
    let out = dyad(&["ls", "--json", "--db", s(db)]);
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn write(path: PathBuf, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[test]
fn same_named_articles_in_a_crawl_are_all_stored_across_runs() {
    let dir = scratch("crawl");
    let db = dir.join("c.db");
    write(
        dir.join("site-a/2024/05/index.html"),
        "<p>Kenya and Uganda signed a trade accord.</p>",
    );
    write(
        dir.join("site-b/world/index.html"),
        "<p>Chile recalled its ambassador from Peru.</p>",
    );
    write(
        dir.join("a/report.txt"),
        "Norway hosted talks between the two sides.",
    );
    write(
        dir.join("b/report.txt"),
        "Brazil expelled a Bolivian diplomat on Friday.",
    );
    let out = dyad(&[
        "ingest",
        s(&dir.join("site-a")),
        s(&dir.join("site-b")),
        "--db",
        s(&db),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // A later run over another folder with a file of the same name.
    let out = dyad(&["ingest", s(&dir.join("a")), "--db", s(&db)]);
    assert!(out.status.success());
    let out = dyad(&["ingest", s(&dir.join("b")), "--db", s(&db)]);
    let summary = String::from_utf8_lossy(&out.stdout);
    assert!(
        summary.starts_with("1 stored, 0 already there"),
        "{summary}"
    );
    let docs = ls(&db);
    assert_eq!(docs.len(), 4, "{docs:?}");
    let mut ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    ids.sort();
    assert_eq!(ids[0], "2024/05/index");
    assert_eq!(ids[1], "report");
    assert!(ids[2].starts_with("report-"), "{ids:?}");
    assert_eq!(ids[3], "world/index");
    // The same again: nothing new, by text.
    let out = dyad(&[
        "ingest",
        s(&dir.join("b")),
        s(&dir.join("a")),
        "--db",
        s(&db),
    ]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("0 stored, 2 already there"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_page_over_a_limit_is_named_and_the_others_are_stored() {
    let dir = scratch("limit");
    let db = dir.join("l.db");
    write(dir.join("in/a.txt"), "Ghana thanked Togo for its help.");
    write(
        dir.join("in/big.html"),
        &format!("<p>{}</p>", "Lots of words here. ".repeat(2000)),
    );
    write(dir.join("in/c.txt"), "Peru and Chile held talks in Lima.");
    {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b' '; 8 << 20]).unwrap();
        enc.write_all(b"Text after the padding.").unwrap();
        std::fs::write(dir.join("in/bomb.txt.gz"), enc.finish().unwrap()).unwrap();
    }
    let out = dyad(&[
        "ingest",
        s(&dir.join("in")),
        "--db",
        s(&db),
        "--max-bytes",
        "20000",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(
            "big.html: the size is over 20000 bytes, the limit (raise it with --max-bytes)"
        ),
        "{err}"
    );
    assert!(
        err.contains("bomb.txt.gz: the decompressed size is over 20000 bytes"),
        "{err}"
    );
    assert_eq!(ls(&db).len(), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_concurrent_ingests_both_complete() {
    let dir = scratch("writers");
    let db = dir.join("w.db");
    for w in ["x", "y"] {
        for i in 0..60 {
            write(
                dir.join(format!("{w}/{i:03}.txt")),
                &format!(
                    "Delegation {i} of group {w} met the foreign minister of Chile on Monday."
                ),
            );
        }
    }
    let spawn = |w: &str| {
        Command::new(env!("CARGO_BIN_EXE_dyad"))
            .args(["ingest", s(&dir.join(w)), "--db", s(&db)])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (a, b) = (spawn("x"), spawn("y"));
    for c in [a, b] {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("60 stored"));
    }
    assert_eq!(ls(&db).len(), 120);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn recode_codes_stored_documents_again_and_ls_says_by_what() {
    let dir = scratch("recode");
    let db = dir.join("r.db");
    write(
        dir.join("in/a.txt"),
        "Chile recalled its ambassador from Peru on Monday.",
    );
    assert!(dyad(&["ingest", s(&dir.join("in")), "--db", s(&db)])
        .status
        .success());
    let docs = ls(&db);
    let by = docs[0]["coded_by"].as_str().unwrap().to_string();
    assert!(
        by.starts_with("dyad ") && by.contains("dictionaries "),
        "{by}"
    );
    // Nothing to do while the dictionaries are the same …
    let out = dyad(&["recode", "--db", s(&db)]);
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("0 recoded"));
    // … everything with --all, and what another set coded, by default.
    let out = dyad(&["recode", "--db", s(&db), "--all"]);
    let line = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(line.starts_with("1 recoded, 0 failed"), "{line}");
    let shown = dyad(&["show", "a", "--db", s(&db)]);
    let d: Value = serde_json::from_slice(&shown.stdout).unwrap();
    assert!(!d["mentions"].as_array().unwrap().is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_closed_pipe_ends_quietly() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/articles");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' code --pretty '{}' | head -c 10 >/dev/null",
            env!("CARGO_BIN_EXE_dyad"),
            examples.display()
        ))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.is_empty(), "{err}");
}

#[cfg(unix)]
#[test]
fn an_interrupted_ingest_says_so_and_exits_130() {
    let dir = scratch("interrupt");
    let db = dir.join("i.db");
    for i in 0..400 {
        write(
            dir.join(format!("in/{i:04}.txt")),
            &"The minister of Chile met envoys from Peru and signed an accord. ".repeat(40),
        );
    }
    let child = Command::new(env!("CARGO_BIN_EXE_dyad"))
        .args(["ingest", s(&dir.join("in")), "--db", s(&db)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until something is stored, then Ctrl-C.
    for _ in 0..200 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        if db.exists() && !ls(&db).is_empty() {
            break;
        }
    }
    // SAFETY: sending a signal to our own child process.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{err}");
    assert!(err.contains("interrupted"), "{err}");
    let stored = ls(&db).len();
    assert!(stored > 0 && stored < 400, "{stored}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn empty_folders_and_bad_dates_are_said() {
    let dir = scratch("said");
    std::fs::create_dir_all(dir.join("empty")).unwrap();
    write(dir.join("empty/notes.md"), "not an article");
    let out = dyad(&[
        "ingest",
        s(&dir.join("empty")),
        "--db",
        s(&dir.join("e.db")),
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("nothing to ingest"), "{err}");
    write(
        dir.join("d.jsonl"),
        "{\"id\":\"x\",\"text\":\"Chile thanked Peru.\",\"published\":\"2025-13-45\"}\n",
    );
    let out = dyad(&["code", s(&dir.join("d.jsonl"))]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("warning: ") && err.contains("d.jsonl:1") && err.contains("2025-13-45"),
        "{err}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn code_parse_and_explain_take_text_and_number_sentences_alike() {
    let text = "Chile recalled its ambassador. Peru protested on Monday.";
    let out = dyad(&["code", text]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let d: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(d["sentences"].as_array().unwrap().len(), 2);
    let parse = String::from_utf8(dyad(&["parse", text]).stdout).unwrap();
    assert!(parse.contains("# sentence 0: Chile"), "{parse}");
    assert!(parse.contains("# sentence 1: Peru"), "{parse}");
    let explain = dyad(&["explain", text, "--sentence", "1"]);
    assert!(explain.status.success());
    assert!(String::from_utf8_lossy(&explain.stdout).contains("Peru protested"));
    // A word that looks like a path and names no file is an error, as before.
    let out = dyad(&["code", "missing/file.txt"]);
    assert!(!out.status.success());
}
