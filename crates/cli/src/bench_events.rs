//! `dyad bench`, the event-coding part: sentences per second from clean
//! text to coded events, on one thread stage by stage and on every thread
//! for the whole chain, against the cost of segmentation measured in the
//! same run.

use std::time::{Duration, Instant};

use dyad_document::Document;
use rayon::prelude::*;

/// A named stage.
type Stage = (&'static str, fn(&mut Document));

/// Every stage after ingest, in pipeline order.
fn stages() -> Vec<Stage> {
    vec![
        ("segment", dyad_segment::segment),
        ("tag+parse", dyad_tag::annotate),
        ("recognise", dyad_recognise::recognise),
        ("coref", dyad_coref::resolve),
        ("quotes", dyad_quotes::attribute),
        ("places", dyad_places::recognise),
        ("times", dyad_times::recognise),
        ("code", dyad_code::code),
        ("locate+date", |d| {
            dyad_places::locate_events(d);
            dyad_times::date_events(d);
        }),
    ]
}

/// CPU time of the calling thread: unlike the wall clock it leaves out the
/// time the thread waited while other processes ran, so per-stage figures
/// stay comparable on a shared machine.
fn thread_cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec the call writes into.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Prints the figures; `docs` are ingested documents (clean text).
pub fn report(docs: &[Document], rounds: usize) {
    let stages = stages();
    // Warm the lazily built models and automata outside the timings.
    if let Some(d) = docs.first() {
        let mut d = d.clone();
        for (_, f) in &stages {
            f(&mut d);
        }
    }
    let mut sentences = 0;
    let mut events = 0;
    let mut per_stage = vec![Duration::ZERO; stages.len()];
    let mut cpu_stage = vec![Duration::ZERO; stages.len()];
    for _ in 0..rounds {
        sentences = 0;
        events = 0;
        for d in docs {
            let mut d = d.clone();
            for (i, (_, f)) in stages.iter().enumerate() {
                let c = thread_cpu();
                let t = Instant::now();
                f(&mut d);
                per_stage[i] += t.elapsed();
                cpu_stage[i] += thread_cpu() - c;
            }
            sentences += d.sentences.len();
            events += d.events.len();
        }
    }
    let one: Duration = per_stage.iter().sum();
    let t = Instant::now();
    for _ in 0..rounds {
        let n: usize = docs
            .par_iter()
            .map(|d| {
                let mut d = d.clone();
                for (_, f) in &stages {
                    f(&mut d);
                }
                d.events.len()
            })
            .sum();
        assert_eq!(n, events);
    }
    let all = t.elapsed();
    let rate = |d: Duration| sentences as f64 * rounds as f64 / d.as_secs_f64().max(1e-9);
    println!(
        "events: {} sentences, {} events; text to events {:.0} sentences/s on 1 thread, {:.0} sentences/s on {} threads",
        sentences,
        events,
        rate(one),
        rate(all),
        rayon::current_num_threads()
    );
    let shares: Vec<String> = stages
        .iter()
        .zip(&per_stage)
        .map(|((name, _), d)| {
            format!(
                "{name} {:.0}% ({:.1} ms)",
                100.0 * d.as_secs_f64() / one.as_secs_f64().max(1e-9),
                d.as_secs_f64() * 1e3 / rounds as f64
            )
        })
        .collect();
    println!("events: time by stage (1 thread): {}", shares.join(", "));
    let cpu: Vec<String> = stages
        .iter()
        .zip(&cpu_stage)
        .map(|((name, _), d)| format!("{name} {:.1} ms", d.as_secs_f64() * 1e3 / rounds as f64))
        .collect();
    println!("events: CPU time by stage (1 thread): {}", cpu.join(", "));
}
