//! `dyad bench`: throughput and memory of the ingest stages on real pages.
//!
//! Figures are relative to baselines measured in the same run (a plain byte
//! scan over the same HTML, and one thread against all), since absolute
//! times depend on the machine.

use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use dyad_ingest::{Body, Origin, RawArticle};
use rayon::prelude::*;

pub fn run(dir: &Path, rounds: usize) -> Result<()> {
    let html_dir = dir.join("html");
    let mut pages = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&html_dir)
        .with_context(|| format!("reading {} (is ../shared there?)", html_dir.display()))?
        .collect::<std::io::Result<_>>()?;
    entries.sort_by_key(|e| e.path());
    for e in entries {
        let p = e.path();
        let raw = std::fs::read(&p)?;
        let mut html = Vec::new();
        if raw.starts_with(&[0x1f, 0x8b]) {
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut html)
                .with_context(|| format!("{}", p.display()))?;
        } else {
            html = raw;
        }
        pages.push(String::from_utf8_lossy(&html).into_owned());
    }
    anyhow::ensure!(!pages.is_empty(), "no pages in {}", html_dir.display());
    let bytes: usize = pages.iter().map(String::len).sum();
    let mb = bytes as f64 / 1e6;
    let rounds = rounds.max(1);
    println!(
        "bench: {} pages, {:.1} MB of HTML, {} rounds, {} threads available",
        pages.len(),
        mb,
        rounds,
        rayon::current_num_threads()
    );

    let raw = |i: usize, html: &str| RawArticle {
        origin: Origin {
            path: format!("page{i}"),
            line: None,
        },
        id: format!("page{i}"),
        url: None,
        title: None,
        published: None,
        body: Body::Html(html.to_string()),
        ..Default::default()
    };

    // Baseline: a byte scan that touches every byte (counting tags).
    let scan = time(rounds, || {
        pages
            .par_iter()
            .map(|p| memchr_count(p.as_bytes()))
            .sum::<usize>()
    });

    // Extraction and segmentation: the ingest stages.
    let ingest = |i: usize, p: &str| {
        dyad_ingest::build_document(raw(i, p)).map(|mut d| {
            dyad_segment::segment(&mut d);
            d
        })
    };
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build()?;
    let single = time(rounds, || {
        one.install(|| {
            pages
                .par_iter()
                .enumerate()
                .map(|(i, p)| ingest(i, p).map_or(0, |d| d.tokens.len()))
                .sum::<usize>()
        })
    });
    let all = time(rounds, || {
        pages
            .par_iter()
            .enumerate()
            .map(|(i, p)| ingest(i, p).map_or(0, |d| d.tokens.len()))
            .sum::<usize>()
    });

    // Tagging and parsing, on the segmented documents, one thread.
    let t0 = Instant::now();
    let model = dyad_tag::Annotator::from_gzip(dyad_tag::Annotator::english_bytes())?;
    let load = t0.elapsed();
    let docs: Vec<_> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| ingest(i, p).ok())
        .collect();
    let tokens: usize = docs.iter().map(|d| d.tokens.len()).sum();
    // The same documents before segmentation, for the event chain.
    let docs_text: Vec<_> = pages
        .iter()
        .enumerate()
        .filter_map(|(i, p)| dyad_ingest::build_document(raw(i, p)).ok())
        .collect();
    let tag_time = time(rounds, || {
        let mut n = 0;
        for d in &docs {
            let mut d = d.clone();
            model.annotate(&mut d);
            n += d.tokens.len();
        }
        n
    });

    // Quote attribution against recognition+coding, one thread, on the
    // tagged documents (each stage replaces its own layer, so the same
    // documents serve every round).
    let mut tagged: Vec<_> = docs
        .iter()
        .map(|d| {
            let mut d = d.clone();
            model.annotate(&mut d);
            d
        })
        .collect();
    let rc_time = time(rounds, || {
        for d in tagged.iter_mut() {
            dyad_recognise::recognise(d);
            dyad_code::code(d);
        }
    });
    // Coreference rewrites the mentions it adds to, so each round starts
    // from a copy of the recognised documents (copied outside the timing).
    let _ = dyad_coref::Coref::default_english(); // lists read outside the timing
    let mut coref_time = Duration::ZERO;
    for _ in 0..rounds {
        let mut copies = tagged.clone();
        let t = Instant::now();
        for d in copies.iter_mut() {
            dyad_coref::resolve(d);
        }
        coref_time += t.elapsed();
    }
    for d in tagged.iter_mut() {
        dyad_coref::resolve(d);
    }
    let quote_time = time(rounds, || {
        tagged
            .iter_mut()
            .map(|d| {
                dyad_quotes::attribute(d);
                d.quotes.len()
            })
            .sum::<usize>()
    });
    let quotes: usize = tagged.iter().map(|d| d.quotes.len()).sum();

    crate::bench_events::report(&docs_text, rounds);

    let per = |d: Duration| d.as_secs_f64() / rounds as f64;
    let report = |name: &str, d: Duration| {
        println!(
            "{name:<32} {:>8.1} pages/s {:>8.1} MB/s",
            pages.len() as f64 / per(d),
            mb / per(d)
        );
    };
    report("byte scan (baseline, all threads)", scan);
    report("extract+segment, 1 thread", single);
    report("extract+segment, all threads", all);
    println!(
        "tag+parse, 1 thread: {:.0} tokens/s ({} tokens); model load {:.0} ms",
        tokens as f64 / per(tag_time),
        tokens,
        load.as_secs_f64() * 1e3
    );
    println!(
        "quotes, 1 thread: {:.1} ms for {} quotes = {:.1}% of recognise+code ({:.1} ms)",
        per(quote_time) * 1e3,
        quotes,
        100.0 * quote_time.as_secs_f64() / rc_time.as_secs_f64().max(1e-9),
        per(rc_time) * 1e3
    );
    println!(
        "coreference, 1 thread: {:.1} ms = {:.1}% of recognise+code",
        per(coref_time) * 1e3,
        100.0 * coref_time.as_secs_f64() / rc_time.as_secs_f64().max(1e-9),
    );
    // The gazetteer is decompressed and indexed once per process.
    let t0 = Instant::now();
    let gaz = dyad_places::Gazetteer::load()?;
    println!(
        "gazetteer load: {:.0} ms ({} places, {} names)",
        t0.elapsed().as_secs_f64() * 1e3,
        gaz.len(),
        gaz.names()
    );
    println!(
        "speed-up all threads / 1 thread: {:.2}x; byte scan / extract+segment: {:.0}x",
        single.as_secs_f64() / all.as_secs_f64(),
        scan_ratio(scan, all)
    );
    match peak_rss_kib() {
        Some(k) => println!("peak memory (VmHWM): {:.1} MiB", k as f64 / 1024.0),
        None => println!("peak memory: not available on this platform"),
    }
    Ok(())
}

fn scan_ratio(scan: Duration, all: Duration) -> f64 {
    all.as_secs_f64() / scan.as_secs_f64().max(1e-9)
}

fn time<T>(rounds: usize, mut f: impl FnMut() -> T) -> Duration {
    // One warm-up round, not counted.
    std::hint::black_box(f());
    let t0 = Instant::now();
    for _ in 0..rounds {
        std::hint::black_box(f());
    }
    t0.elapsed()
}

fn memchr_count(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'<').count()
}

/// Peak resident set size of this process, from /proc.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}
