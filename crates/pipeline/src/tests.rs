use std::sync::atomic::AtomicBool;

use super::*;

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("dyad-pipeline-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run_all(p: &Pipeline, paths: &[std::path::PathBuf], order: Order) -> Vec<Outcome> {
    let mut out = Vec::new();
    p.run(
        paths,
        order,
        &AtomicBool::new(false),
        || {},
        |o| out.push(o),
    );
    out
}

#[test]
fn same_named_files_in_a_crawl_get_distinct_ids() {
    let dir = tmp("crawl");
    for (sub, text) in [
        (
            "site-a/2024/05",
            "Kenya and Uganda signed a trade deal on Monday.",
        ),
        (
            "site-b/politics",
            "Chile recalled its ambassador from Peru.",
        ),
    ] {
        std::fs::create_dir_all(dir.join(sub)).unwrap();
        std::fs::write(dir.join(sub).join("index.html"), format!("<p>{text}</p>")).unwrap();
    }
    std::fs::create_dir_all(dir.join("x")).unwrap();
    std::fs::create_dir_all(dir.join("y")).unwrap();
    std::fs::write(dir.join("x/report.txt"), "Norway hosted talks.").unwrap();
    std::fs::write(dir.join("y/report.txt"), "Brazil expelled a diplomat.").unwrap();
    let p = Pipeline::default();
    let out = run_all(&p, &[dir.join("site-a"), dir.join("site-b")], Order::Input);
    let ids: Vec<String> = out
        .iter()
        .map(|o| o.result.as_ref().unwrap().id.clone())
        .collect();
    assert_eq!(ids, ["2024/05/index", "politics/index"]);
    // Two arguments whose files have the same relative path.
    let out = run_all(&p, &[dir.join("x"), dir.join("y")], Order::Input);
    let ids: Vec<String> = out
        .iter()
        .map(|o| o.result.as_ref().unwrap().id.clone())
        .collect();
    assert_eq!(ids[0], "report");
    assert!(
        ids[1].starts_with("report-") && ids[1].len() == "report-".len() + 8,
        "{ids:?}"
    );
    // The same in every run.
    let again = run_all(&p, &[dir.join("x"), dir.join("y")], Order::Finished);
    let mut again: Vec<String> = again
        .iter()
        .map(|o| o.result.as_ref().unwrap().id.clone())
        .collect();
    again.sort();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(again, sorted);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_document_over_a_limit_fails_alone_and_names_the_limit() {
    let dir = tmp("limits");
    std::fs::write(dir.join("a.txt"), "Peru and Chile held talks in Lima.").unwrap();
    std::fs::write(dir.join("b.txt"), "w ".repeat(1200)).unwrap();
    let deep = format!(
        "<html><body>{}x{}</body></html>",
        "<b>".repeat(150),
        "</b>".repeat(150)
    );
    std::fs::write(dir.join("c.html"), deep).unwrap();
    std::fs::write(dir.join("d.txt"), "x".repeat(3000)).unwrap();
    std::fs::write(dir.join("e.txt"), "Ghana thanked Togo.").unwrap();
    let p = Pipeline::new(Config {
        limits: Limits {
            max_tokens: 1000,
            max_depth: 100,
            max_bytes: 2500,
            ..Limits::default()
        },
        ..Config::default()
    });
    let out = run_all(&p, std::slice::from_ref(&dir), Order::Input);
    assert_eq!(out.len(), 5);
    assert!(out[0].result.is_ok());
    let err = |i: usize| out[i].result.as_ref().unwrap_err().to_string();
    assert!(err(1).ends_with("b.txt: the number of tokens is 1200, over the limit of 1000 (raise it with --max-tokens)"), "{}", err(1));
    assert!(
        err(2).contains("c.html: the HTML's nesting depth is"),
        "{}",
        err(2)
    );
    assert!(err(2).contains("--max-depth"));
    assert!(
        err(3)
            .ends_with("d.txt: the size is over 2500 bytes, the limit (raise it with --max-bytes)"),
        "{}",
        err(3)
    );
    assert!(out[4].result.is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn long_sentences_are_split_for_the_parser() {
    let p = Pipeline::new(Config {
        limits: Limits {
            max_sentence_tokens: 20,
            ..Limits::default()
        },
        ..Config::default()
    });
    let text = format!("{} and then Peru protested.", "Chile, Bolivia".repeat(40));
    let raw = RawArticle {
        id: "x".into(),
        body: dyad_ingest::Body::Text(text),
        ..Default::default()
    };
    let doc = p.process(raw).unwrap();
    assert!(doc
        .sentences
        .iter()
        .all(|s| s.last_token - s.first_token <= 20));
}

#[test]
fn a_stop_ends_the_run_early() {
    let dir = tmp("stop");
    for i in 0..20 {
        std::fs::write(dir.join(format!("{i:02}.txt")), format!("Text number {i}.")).unwrap();
    }
    let stop = AtomicBool::new(false);
    let mut seen = 0;
    let stats = Pipeline::default().run(
        std::slice::from_ref(&dir),
        Order::Finished,
        &stop,
        || {},
        |_| {
            seen += 1;
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
        },
    );
    assert!(stats.interrupted);
    assert!(seen < 20, "{seen}");
    std::fs::remove_dir_all(&dir).unwrap();
}
