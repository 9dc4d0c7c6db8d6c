//! Store benchmark (not a test): query latency on a large database.
//!
//! `cargo run --profile fast -p dyad-store --example bench -- COPY.db [EVENTS]`
//!
//! COPY.db is a database made by `dyad ingest` (a copy: it is enlarged in
//! place). Its events and their mentions are copied and re-dated in SQL
//! until there are EVENTS events (default 1,000,000), without coding again;
//! then each filter of `dyad query` is timed (first 100 rows, as a page of
//! results) and each count-by over the whole database, printing p50 and p99.

use std::time::Instant;

use dyad_store::query::{self, CountBy, Filter, Unit};
use dyad_store::Store;

fn grow(store: &Store, target: i64) -> rusqlite::Result<()> {
    let c = store.conn();
    let base: i64 = c.query_row("SELECT count(*) FROM events", [], |r| r.get(0))?;
    assert!(base > 0, "the database has no events to copy");
    if base >= target {
        return Ok(()); // grown by an earlier run
    }
    let max_id: i64 = c.query_row("SELECT max(id) FROM events", [], |r| r.get(0))?;
    let mut n = base;
    let mut k = 1i64;
    c.execute_batch("PRAGMA foreign_keys = OFF; BEGIN")?;
    while n < target {
        let take = (target - n).min(base);
        // Copy k: ids shifted by k*max_id, days shifted by k mod 3650 (ten
        // years of spread), mentions' ordinals shifted so (doc, ord) stays unique.
        c.execute(
            "INSERT INTO events (id, source, target, code, base_code, code_key, root, quad_class,
                 goldstein, plover, day, date, place_key, place_name, country, admin1, lat, lon,
                 feature, num_mentions, num_articles, num_sources, first_doc, added_at)
             SELECT id + ?1 * ?2, source, target, code, base_code, code_key, root, quad_class,
                 goldstein, plover, day + (?1 % 3650), date(date, '+' || (?1 % 3650) || ' days'),
                 place_key, place_name, country, admin1, lat, lon, feature, num_mentions,
                 num_articles, num_sources, first_doc, added_at
             FROM events WHERE id <= ?2 ORDER BY id LIMIT ?3",
            rusqlite::params![k, max_id, take],
        )?;
        c.execute(
            "INSERT INTO event_mentions (event, doc, ord, sentence, start, end, code, pattern,
                 source_text, target_text, source_mention, target_mention, source_entity,
                 target_entity, date, date_from, place, source, target, day, goldstein, quad_class)
             SELECT m.event + ?1 * ?2, m.doc, m.ord + ?1 * 1000000, m.sentence, m.start, m.end,
                 m.code, m.pattern, m.source_text, m.target_text, m.source_mention,
                 m.target_mention, m.source_entity, m.target_entity, m.date, m.date_from,
                 m.place, m.source, m.target, m.day, m.goldstein, m.quad_class
             FROM event_mentions m WHERE m.event IN
                 (SELECT id - ?1 * ?2 FROM events WHERE id > ?1 * ?2 AND id <= (?1 + 1) * ?2)",
            rusqlite::params![k, max_id],
        )?;
        n += take;
        k += 1;
    }
    c.execute_batch("COMMIT; PRAGMA foreign_keys = ON; ANALYZE;")?;
    Ok(())
}

fn pct(mut v: Vec<f64>, p: f64) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[((v.len() as f64 - 1.0) * p).round() as usize]
}

fn time(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    f(); // warm the cache
    let v: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    (pct(v.clone(), 0.5), pct(v, 0.99))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let path = args.first().expect("usage: bench COPY.db [EVENTS]");
    let target: i64 = args.get(1).map(|s| s.parse().unwrap()).unwrap_or(1_000_000);
    let store = Store::open(std::path::Path::new(path)).expect("opens");
    let t = Instant::now();
    grow(&store, target).expect("grows");
    let (events, mentions) = store.event_counts().unwrap();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!(
        "database: {events} events, {mentions} mentions, {:.0} MB (built in {:.1} s)",
        size as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    // Values that exist in the data.
    let c = store.conn();
    let pick = |sql: &str| -> String { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    let source = pick("SELECT source FROM events WHERE source IS NOT NULL GROUP BY source ORDER BY count(*) DESC LIMIT 1");
    let target_c = pick("SELECT target FROM events WHERE target IS NOT NULL GROUP BY target ORDER BY count(*) DESC LIMIT 1");
    let country = pick("SELECT country FROM events WHERE country IS NOT NULL GROUP BY country ORDER BY count(*) DESC LIMIT 1");
    let place = pick("SELECT place_name FROM events WHERE place_name IS NOT NULL GROUP BY place_name ORDER BY count(*) DESC LIMIT 1");
    let (lat, lon): (f64, f64) = c
        .query_row(
            "SELECT lat, lon FROM events WHERE lat IS NOT NULL LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let outlet = pick(
        "SELECT d.outlet FROM documents d JOIN event_mentions m ON m.doc = d.rowid
         WHERE d.outlet IS NOT NULL GROUP BY d.outlet ORDER BY count(*) DESC LIMIT 1",
    );
    let word = pick("SELECT substr(text, 1, instr(text, ' ') - 1) FROM sentences LIMIT 1");
    let filters: Vec<(&str, Filter)> = vec![
        (
            "source prefix",
            Filter {
                source: vec![source[..3.min(source.len())].into()],
                ..Default::default()
            },
        ),
        (
            "target",
            Filter {
                target: vec![target_c.clone()],
                ..Default::default()
            },
        ),
        (
            "dyad",
            Filter {
                dyad: Some((source.clone(), target_c.clone())),
                ..Default::default()
            },
        ),
        (
            "root 19",
            Filter {
                root: vec!["19".into()],
                ..Default::default()
            },
        ),
        (
            "quad 4",
            Filter {
                quad: vec![4],
                ..Default::default()
            },
        ),
        (
            "plover ACCUSE",
            Filter {
                plover: vec!["ACCUSE".into()],
                ..Default::default()
            },
        ),
        (
            "one month",
            Filter {
                since: Some("2026-03".into()),
                until: Some("2026-03".into()),
                ..Default::default()
            },
        ),
        (
            "country",
            Filter {
                country: vec![country],
                ..Default::default()
            },
        ),
        (
            "place",
            Filter {
                place: vec![place],
                ..Default::default()
            },
        ),
        (
            "near 100 km",
            Filter {
                near: Some((lat, lon, 100.0)),
                ..Default::default()
            },
        ),
        (
            "outlet",
            Filter {
                outlet: vec![outlet],
                ..Default::default()
            },
        ),
        (
            "text",
            Filter {
                text: Some(word),
                ..Default::default()
            },
        ),
        (
            "quad 4 + month",
            Filter {
                quad: vec![4],
                since: Some("2026-03".into()),
                until: Some("2026-03".into()),
                ..Default::default()
            },
        ),
    ];
    println!(
        "{:<18} {:>9} {:>9}  (first 100 rows)",
        "filter", "p50 ms", "p99 ms"
    );
    for (name, f) in &filters {
        let (p50, p99) = time(30, || {
            query::rows(c, f, Unit::Events, 100, |_| Ok(())).unwrap();
        });
        println!("{name:<18} {p50:>9.1} {p99:>9.1}");
    }
    println!(
        "{:<18} {:>9} {:>9}  (whole database)",
        "count-by", "p50 ms", "p99 ms"
    );
    for by in [
        CountBy::Day,
        CountBy::Month,
        CountBy::Root,
        CountBy::Quad,
        CountBy::Dyad,
    ] {
        let (p50, p99) = time(5, || {
            query::count(c, &Filter::default(), Unit::Events, by).unwrap();
        });
        println!(
            "{:<18} {p50:>9.1} {p99:>9.1}",
            format!("{by:?}").to_lowercase()
        );
    }
}
