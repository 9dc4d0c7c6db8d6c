//! `dyad serve` end to end: a server on 127.0.0.1:0 over a database coded
//! from articles written for these tests.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::Duration;

use dyad_serve::client::{self, Conn};
use dyad_serve::{Config, Limits, Server};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const ARTICLES: &str = r#"{"id": "t-harbour", "title": "Kenya and Uganda sign a <b>trade</b> pact", "published": "2031-03-04", "url": "https://news.example/2031/03/04/pact", "text": "Kenya and Uganda signed a trade agreement in Nairobi on Monday after two days of talks.\n\n\"We will open the border posts within a month,\" said Amina Odhiambo, a spokeswoman for the Kenyan trade ministry.\n\nUganda's president praised Kenya for the deal."}
{"id": "t-border", "title": "Police arrest protesters in Accra", "published": "2031-03-12", "text": "Police arrested dozens of protesters outside parliament in Accra on Friday.\n\nGhana's opposition condemned the arrests, officials said.\n\nThe European Union urged Ghana to release the detained activists."}
"#;

/// The database, made once per test binary.
fn database() -> PathBuf {
    static DB: OnceLock<PathBuf> = OnceLock::new();
    DB.get_or_init(|| {
        let path = std::env::temp_dir().join(format!("dyad-serve-test-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let pipeline = dyad_pipeline::Pipeline::default();
        let mut store = dyad_store::Store::open(&path).expect("creates the database");
        for raw in dyad_ingest::read_bytes_as("articles.jsonl", "articles", ARTICLES.as_bytes()) {
            let raw = raw.expect("a good line");
            let id_given = raw.id_given;
            let doc = pipeline.process(raw).expect("codes");
            store
                .put(
                    &doc,
                    dyad_store::PutOptions {
                        source: Some("test"),
                        id_given,
                        coded_by: None,
                    },
                )
                .expect("stores");
        }
        path
    })
    .clone()
}

/// A server on a free loopback port; it stops when the runtime ends.
async fn start(token: Option<&str>, limits: Limits) -> SocketAddr {
    let config = Config {
        db: database(),
        addr: SocketAddr::from(([127, 0, 0, 1], 0)),
        ingest_token: token.map(String::from),
        limits,
    };
    let server = Server::bind(config).await.expect("binds");
    let addr = server.local_addr().unwrap();
    tokio::spawn(server.run(std::future::pending()));
    addr
}

fn fill(template: &str) -> String {
    template
        .replace("{id}", "t-harbour")
        .replace("{code}", "KEN")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_route_the_description_names_answers_as_described() {
    let addr = start(None, Limits::default()).await;
    let served = client::get(addr, "/api/openapi.json").await.unwrap();
    assert_eq!(served.status, 200);
    let spec = served.json();
    assert_eq!(spec, dyad_serve::openapi::spec());
    let paths = spec["paths"].as_object().unwrap();
    for (method, route) in dyad_serve::openapi::ROUTES {
        let op = &paths[*route][*method];
        assert!(op.is_object(), "{method} {route} is not described");
        let mut path = fill(route);
        if route.ends_with("/explain") {
            path.push_str("?sentence=0");
        }
        let r = match *method {
            "get" => client::get(addr, &path).await.unwrap(),
            _ => client::send(
                addr,
                "POST",
                &path,
                &[("Content-Type", "text/plain")],
                b"Chile recalled its ambassador from Peru on Monday.",
            )
            .await
            .unwrap(),
        };
        let status = r.status.to_string();
        let described = op["responses"].get(&status).is_some()
            || (r.status >= 400 && op["responses"].get("default").is_some());
        assert!(
            described,
            "{method} {path}: {status} is not among its responses"
        );
        assert!(
            r.header("content-type")
                .unwrap_or("")
                .starts_with("application/json"),
            "{method} {path}: {:?}",
            r.header("content-type")
        );
        if *route == "/api/ingest" {
            assert_eq!(r.status, 403, "ingest is off without a token");
        } else {
            assert_eq!(r.status, 200, "{method} {path}: {}", r.text());
        }
    }
    // A route the description does not name does not exist.
    let r = client::get(addr, "/api/nothing-here").await.unwrap();
    assert_eq!(r.status, 404);
    assert_eq!(r.json()["error"]["status"], 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_serves_what_the_store_holds() {
    let addr = start(None, Limits::default()).await;
    let docs = client::get(addr, "/api/documents?search=accra")
        .await
        .unwrap()
        .json();
    assert_eq!(docs["total"], 1, "{docs}");
    assert_eq!(docs["documents"][0]["id"], "t-border");
    let doc = client::get(addr, "/api/documents/t-harbour")
        .await
        .unwrap()
        .json();
    assert!(doc["text"]
        .as_str()
        .unwrap()
        .starts_with("Kenya and Uganda"));
    let ev = client::get(addr, "/api/events?actor=KEN")
        .await
        .unwrap()
        .json();
    let events = ev["events"].as_array().unwrap();
    assert!(!events.is_empty(), "{ev}");
    for e in events {
        let s = e["source"].as_str().unwrap_or("");
        let t = e["target"].as_str().unwrap_or("");
        assert!(s.starts_with("KEN") || t.starts_with("KEN"), "{e}");
        assert!(
            !e["mentions"].as_array().unwrap().is_empty(),
            "each event has its mentions"
        );
    }
    let quotes = client::get(addr, "/api/quotes?doc=t-harbour")
        .await
        .unwrap()
        .json();
    assert!(
        quotes["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|q| q["speaker_name"] == "Amina Odhiambo"),
        "{quotes}"
    );
    assert!(quotes["sources"]["named"].as_i64().unwrap() >= 1);
    let net = client::get(addr, "/api/network").await.unwrap().json();
    assert!(!net["edges"].as_array().unwrap().is_empty(), "{net}");
    let tl = client::get(addr, "/api/timeline?by=month")
        .await
        .unwrap()
        .json();
    assert!(
        tl["periods"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["period"] == "2031-03"),
        "{tl}"
    );
    let ex = client::get(addr, "/api/documents/t-harbour/explain?sentence=0")
        .await
        .unwrap()
        .json();
    assert!(ex["text"].as_str().unwrap().contains("trade agreement"));
    assert!(!ex["parse"].as_array().unwrap().is_empty());
    let r = client::get(addr, "/api/documents/no-such-doc")
        .await
        .unwrap();
    assert_eq!(r.status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_filter_is_a_400_that_names_the_parameter() {
    let addr = start(None, Limits::default()).await;
    for (path, param) in [
        ("/api/events?quad=9", "quad"),
        ("/api/events?since=last%20spring", "since"),
        ("/api/network?near=1,2", "near"),
        ("/api/timeline?by=fortnight", "by"),
        ("/api/events?limit=lots", "limit"),
        ("/api/documents?until=soon", "until"),
        ("/api/actors?colour=red", "colour"),
        ("/api/documents/t-harbour/explain?sentence=999", "sentence"),
    ] {
        let r = client::get(addr, path).await.unwrap();
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        let e = r.json();
        assert_eq!(e["error"]["param"], param, "{path}: {e}");
        assert!(e["error"]["message"].as_str().unwrap().contains(param));
    }
    // Pages answer a bad filter with a page that says what was wrong.
    let r = client::get(addr, "/events?quad=9").await.unwrap();
    assert_eq!(r.status, 400);
    assert!(r.text().contains("quad"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ingest_needs_the_token() {
    let addr = start(Some("a-long-test-token"), Limits::default()).await;
    let body = br#"{"id": "t-posted", "title": "Talks in Oslo", "published": "2031-04-01", "text": "Norway hosted talks between Colombia and the rebels in Oslo on Tuesday."}"#;
    let r = client::send(addr, "POST", "/api/ingest", &[], body)
        .await
        .unwrap();
    assert_eq!(r.status, 401);
    assert_eq!(r.header("www-authenticate"), Some("Bearer"));
    let r = client::send(
        addr,
        "POST",
        "/api/ingest",
        &[("Authorization", "Bearer wrong-token-xx")],
        body,
    )
    .await
    .unwrap();
    assert_eq!(r.status, 401);
    let r = client::send(
        addr,
        "POST",
        "/api/ingest",
        &[("Authorization", "Bearer a-long-test-token")],
        body,
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["documents"][0]["id"], "t-posted");
    let r = client::get(addr, "/api/documents/t-posted").await.unwrap();
    assert_eq!(
        r.status, 200,
        "the read-only connections see what was ingested"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn static_routes_serve_only_their_files() {
    let addr = start(None, Limits::default()).await;
    let r = client::get(addr, "/static/app.css").await.unwrap();
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/css"));
    for path in [
        "/static/../Cargo.toml",
        "/static/..%2f..%2fCargo.toml",
        "/static/%2e%2e/%2e%2e/Cargo.toml",
        "/static/app.css/../../../Cargo.toml",
        "/static/....//....//etc/passwd",
        "/static/%2fetc%2fpasswd",
        "/static//etc/passwd",
        "/static/..\\..\\Cargo.toml",
        "/%2e%2e/%2e%2e/Cargo.toml",
    ] {
        let r = client::get(addr, path).await.unwrap();
        assert!(r.status == 404 || r.status == 400, "{path}: {}", r.status);
        let t = r.text();
        assert!(
            !t.contains("[workspace]") && !t.contains("root:"),
            "{path}: {t}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused() {
    let limits = Limits {
        max_body: 4096,
        ..Limits::default()
    };
    let addr = start(None, limits).await;
    let big = "Talks went on. ".repeat(1000);
    let r = client::send(addr, "POST", "/api/code", &[], big.as_bytes())
        .await
        .unwrap();
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["status"], 413);
    // A length declared too large is refused before the body is sent.
    let mut s = tokio::net::TcpStream::connect(addr).await.unwrap();
    s.write_all(b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\n")
        .await
        .unwrap();
    let mut buf = vec![0; 512];
    let n = tokio::time::timeout(Duration::from_secs(5), s.read(&mut buf))
        .await
        .expect("answers at once")
        .unwrap();
    assert!(String::from_utf8_lossy(&buf[..n]).starts_with("HTTP/1.1 413"));
    // A body within the limit is coded.
    let r = client::send(
        addr,
        "POST",
        "/api/code",
        &[],
        b"Chile recalled its ambassador from Peru on Monday.",
    )
    .await
    .unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(!r.json()["events"].as_array().unwrap().is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_clients_are_cut_off_and_others_served() {
    let limits = Limits {
        header_timeout: Duration::from_millis(400),
        request_timeout: Duration::from_millis(800),
        ..Limits::default()
    };
    let addr = start(None, limits).await;
    // Headers that never end: the connection is closed.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"GET /api/documents HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    // Meanwhile another client is served.
    let r = client::get(addr, "/api/documents").await.unwrap();
    assert_eq!(r.status, 200);
    let mut buf = vec![0; 512];
    let n = tokio::time::timeout(Duration::from_secs(5), slow.read(&mut buf))
        .await
        .expect("the server gives up on the slow client")
        .unwrap_or(0);
    let answer = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(n == 0 || answer.starts_with("HTTP/1.1 408"), "{answer}");
    // A body that trickles: the request times out with 408.
    let mut slow = tokio::net::TcpStream::connect(addr).await.unwrap();
    slow.write_all(b"POST /api/code HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nKenya")
        .await
        .unwrap();
    let n = tokio::time::timeout(Duration::from_secs(5), slow.read(&mut buf))
        .await
        .expect("the server gives up on the slow body")
        .unwrap_or(0);
    let answer = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    let mut c = Conn::connect(addr).await.unwrap();
    assert_eq!(
        c.request("GET", "/api/documents", &[], b"")
            .await
            .unwrap()
            .status,
        200
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_render_with_every_value_escaped() {
    let addr = start(None, Limits::default()).await;
    for path in [
        "/",
        "/documents/t-harbour",
        "/events",
        "/network",
        "/timeline",
        "/map",
        "/events?actor=KEN&quad=1",
    ] {
        let r = client::get(addr, path).await.unwrap();
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").unwrap().starts_with("text/html"));
        let t = r.text();
        assert!(
            !t.contains("<b>trade</b>"),
            "{path}: markup from the data is escaped"
        );
    }
    let t = client::get(addr, "/documents/t-harbour")
        .await
        .unwrap()
        .text();
    assert!(t.contains("&lt;b&gt;trade&lt;/b&gt;"));
    assert!(t.contains(r#"class="m"#), "actor mentions are marked");
    assert!(t.contains("data-ev="), "events are marked");
    assert!(t.contains("data-q="), "quotes are marked");
    assert!(t.contains("data-pl="), "places are marked");
    let t = client::get(addr, "/map").await.unwrap().text();
    assert!(t.contains(r#"class="land""#));
}
