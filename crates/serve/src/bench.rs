//! The load generator (`dyad bench serve`): clients on loopback, each on
//! its own keep-alive connection, sending one request after another for a
//! bounded count and time; latency percentiles and requests per second.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use crate::client::Conn;

/// What one run measured.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Figures {
    pub name: String,
    pub path: String,
    pub clients: usize,
    pub requests: usize,
    pub errors: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub per_second: f64,
}

/// `clients` clients request `path` until `max_requests` (in all) are done
/// or `max_time` has passed. A response other than 200 is an error.
pub async fn run(
    addr: SocketAddr,
    name: &str,
    path: &str,
    clients: usize,
    max_requests: usize,
    max_time: Duration,
) -> Figures {
    let start = Instant::now();
    let left = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(max_requests));
    let mut tasks = vec![];
    for _ in 0..clients {
        let (left, path) = (left.clone(), path.to_string());
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![];
            let mut errors = 0;
            let mut conn: Option<Conn> = None;
            loop {
                if start.elapsed() >= max_time {
                    break;
                }
                let more = left
                    .fetch_update(
                        std::sync::atomic::Ordering::SeqCst,
                        std::sync::atomic::Ordering::SeqCst,
                        |n| n.checked_sub(1),
                    )
                    .is_ok();
                if !more {
                    break;
                }
                if conn.is_none() {
                    conn = Conn::connect(addr).await.ok();
                }
                let Some(c) = conn.as_mut() else {
                    errors += 1;
                    continue;
                };
                let t = Instant::now();
                match c.request("GET", &path, &[], b"").await {
                    Ok(r) if r.status == 200 => lat.push(t.elapsed()),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        conn = None;
                    }
                }
            }
            (lat, errors)
        }));
    }
    let mut lat: Vec<Duration> = vec![];
    let mut errors = 0;
    for t in tasks {
        if let Ok((l, e)) = t.await {
            lat.extend(l);
            errors += e;
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    lat.sort();
    let pct = |p: f64| {
        if lat.is_empty() {
            return 0.0;
        }
        let i = ((lat.len() as f64 * p).ceil() as usize).clamp(1, lat.len()) - 1;
        lat[i].as_secs_f64() * 1000.0
    };
    Figures {
        name: name.to_string(),
        path: path.to_string(),
        clients,
        requests: lat.len() + errors,
        errors,
        p50_ms: pct(0.50),
        p99_ms: pct(0.99),
        per_second: lat.len() as f64 / elapsed.max(1e-9),
    }
}

/// What `dyad bench --serve DB` runs: a server on loopback over `db`, and
/// for the document page, an events filter and the network, 1, 8 and 64
/// clients, each run bounded by `requests` and `seconds`. The requests are
/// chosen from the database: its most reported document; two event filters
/// (material conflict in its busiest month, and its most frequent source
/// country: a code-prefix range); and the network of its busiest month.
pub fn serve(
    db: &std::path::Path,
    requests: usize,
    seconds: f64,
    clients: &[usize],
) -> Result<Vec<Figures>, crate::ServeError> {
    let store = dyad_store::Store::open_read_only(db)?;
    let c = store.conn();
    let one = |sql: &str| -> Result<String, crate::ServeError> {
        Ok(c.query_row(sql, [], |r| r.get::<_, String>(0))
            .map_err(dyad_store::StoreError::from)?)
    };
    let doc = one("SELECT d.id FROM documents d ORDER BY
             (SELECT count(*) FROM event_mentions m WHERE m.doc = d.rowid) DESC, d.id LIMIT 1")?;
    // The most frequent source country among a sample of events (the
    // sample keeps the choice quick on a large database).
    let source = one(
        "SELECT substr(source, 1, 3) AS s FROM (SELECT source FROM events
             WHERE source IS NOT NULL LIMIT 20000) GROUP BY s ORDER BY count(*) DESC LIMIT 1",
    )?;
    // The busiest month (over the day index).
    let month = one(
        "SELECT strftime('%Y-%m', day * 86400, 'unixepoch') AS m FROM events
         WHERE day IS NOT NULL GROUP BY m ORDER BY count(*) DESC LIMIT 1",
    )?;
    drop(store);
    let targets = [
        (
            "document page",
            format!("/documents/{}", crate::pages::enc_path(&doc)),
        ),
        (
            "events: month+quad",
            format!("/api/events?since={month}&until={month}&quad=4&limit=100"),
        ),
        (
            "events: source",
            format!("/api/events?source={source}&limit=100"),
        ),
        (
            "network",
            format!("/api/network?since={month}&until={month}"),
        ),
    ];
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let config = crate::Config {
            db: db.to_path_buf(),
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            ingest_token: None,
            limits: crate::Limits::default(),
        };
        let server = crate::Server::bind(config).await?;
        let addr = server.local_addr()?;
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let handle = tokio::spawn(server.run(async move {
            let _ = stopped.await;
        }));
        let mut out = vec![];
        for (name, path) in &targets {
            // One request first, so the connection pool and caches are warm.
            let _ = crate::client::get(addr, path).await;
            for &n in clients {
                out.push(
                    run(
                        addr,
                        name,
                        path,
                        n,
                        requests,
                        Duration::from_secs_f64(seconds),
                    )
                    .await,
                );
            }
        }
        let _ = stop.send(());
        let _ = handle.await;
        Ok(out)
    })
}
