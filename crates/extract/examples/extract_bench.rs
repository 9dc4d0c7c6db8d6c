//! Benchmark page extraction: F1/precision/recall and single-thread MB/s.
//!
//! `cargo run -p dyad-extract --release --example extract_bench [-- DIR] [V=1 per-page] [DUMP=id]`
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../../../shared/eval/article-extraction")
        });
    let pages = dyad_extract::load_pages(&dir).expect("benchmark data");
    let verbose = std::env::var("V").is_ok();
    let dump = std::env::var("DUMP").ok();
    let (mut bytes, mut dur) = (0usize, Duration::ZERO);
    let (mut ps, mut rs) = (Vec::new(), Vec::new());
    for (id, url, html, truth) in &pages {
        if dump.as_deref().is_some_and(|d| !id.starts_with(d)) {
            continue;
        }
        let t0 = Instant::now();
        let ex = dyad_extract::extract_page(html, Some(url));
        dur += t0.elapsed();
        bytes += html.len();
        let p = dyad_extract::shingle_counts(&ex.text);
        let t = dyad_extract::shingle_counts(truth);
        let tp: usize = p
            .iter()
            .map(|(k, c)| (*c).min(*t.get(k).unwrap_or(&0)))
            .sum();
        let (np, nt): (usize, usize) = (p.values().sum(), t.values().sum());
        if np > 0 {
            ps.push(tp as f64 / np as f64);
        }
        if nt > 0 {
            rs.push(tp as f64 / nt as f64);
        }
        if verbose {
            println!(
                "{id} p={:.3} r={:.3} fp={} fn={} {url}",
                if np > 0 { tp as f64 / np as f64 } else { 0.0 },
                if nt > 0 { tp as f64 / nt as f64 } else { 0.0 },
                np - tp,
                nt - tp
            );
        }
        if dump.is_some() {
            for &(a, b) in &ex.paragraphs {
                let para = &ex.text[a..b];
                let ps = dyad_extract::shingle_counts(para);
                let n: usize = ps.values().sum();
                let hit: usize = ps.keys().filter(|k| t.contains_key(*k)).count();
                let mark = if n == 0 {
                    "?"
                } else if hit * 2 >= n {
                    "+"
                } else {
                    "-"
                };
                let short: String = para.chars().take(160).collect();
                println!("{mark} {short}");
            }
            for para in truth.split('\n').filter(|l| !l.trim().is_empty()) {
                let ts = dyad_extract::shingle_counts(para);
                let n = ts.len();
                let hit = ts.keys().filter(|k| p.contains_key(*k)).count();
                if n > 0 && hit * 2 < n {
                    let short: String = para.chars().take(160).collect();
                    println!("MISSING {short}");
                }
            }
        }
    }
    let p = ps.iter().sum::<f64>() / ps.len() as f64;
    let r = rs.iter().sum::<f64>() / rs.len() as f64;
    println!(
        "extraction: f1={:.4} precision={p:.4} recall={r:.4} pages={} MB/s={:.1}",
        2.0 * p * r / (p + r),
        ps.len(),
        bytes as f64 / 1e6 / dur.as_secs_f64()
    );
}
