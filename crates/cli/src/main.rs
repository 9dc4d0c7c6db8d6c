//! `dyad`: the command line. Reads news, writes down who did what to whom.
//!
//! Commands: `code` (print documents as JSON lines), `ingest` (code and
//! store), `ls` and `show` (read the store), `explain` (how one sentence was
//! coded, pattern by pattern), `eval` (scores against reference data) and
//! `bench` (speed and memory figures).

mod bench;
mod bench_events;
mod bench_scale;
mod eval;
mod eval_geo;
mod export;
mod query;
mod validate;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Args, Parser, Subcommand};
use dyad_pipeline::{Config, Limits, Order, Outcome, Petrarch, Pipeline};
use dyad_store::{Put, PutOptions, Store};

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Political event data from news text: who did what to whom, when, where, and who said so"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Limits on what one document may cost; a document over one is refused
/// with an error naming it and the limit, and the rest of the batch goes on.
#[derive(Args, Clone)]
struct LimitArgs {
    /// Bytes one input may have, decompressed (an HTML or text file, or one JSON line).
    #[arg(long, default_value_t = Limits::default().max_bytes, value_name = "N")]
    max_bytes: usize,
    /// How deep HTML elements may nest.
    #[arg(long, default_value_t = Limits::default().max_depth, value_name = "N")]
    max_depth: usize,
    /// Tokens one document may have.
    #[arg(long, default_value_t = Limits::default().max_tokens, value_name = "N")]
    max_tokens: usize,
    /// Longer sentences are split at clause punctuation before parsing.
    #[arg(long, default_value_t = Limits::default().max_sentence_tokens, value_name = "N")]
    max_sentence_tokens: usize,
}

impl LimitArgs {
    fn limits(&self) -> Limits {
        Limits {
            max_bytes: self.max_bytes,
            max_depth: self.max_depth,
            max_tokens: self.max_tokens,
            max_sentence_tokens: self.max_sentence_tokens,
        }
    }
}

/// The pipeline the coding commands share.
#[derive(Args, Clone)]
struct PipelineArgs {
    /// Code events with the PETRARCH/TABARI dictionaries in this folder
    /// (one `*verbs*` or `CAMEO*` file, `*.actors*`, `*agents*`,
    /// `*discards*`) instead of dyad's own.
    #[arg(long, value_name = "DIR")]
    petrarch: Option<PathBuf>,
    #[command(flatten)]
    limits: LimitArgs,
}

impl PipelineArgs {
    fn pipeline(&self) -> Result<Pipeline> {
        let petrarch = match &self.petrarch {
            Some(dir) => {
                let p = Petrarch::from_dir(dir)?;
                if p.unreadable_lines > 0 {
                    eprintln!(
                        "note: {} dictionary lines could not be read (run `dyad dict check` on them)",
                        p.unreadable_lines
                    );
                }
                Some(Arc::new(p))
            }
            None => None,
        };
        Ok(Pipeline::new(Config {
            limits: self.limits.limits(),
            petrarch,
            threads: 0,
        }))
    }
}

#[derive(Subcommand)]
enum Command {
    /// Code articles and print one JSON document per line.
    Code {
        /// Files or directories (.html, .htm, .txt, .jsonl, optionally .gz); `-`
        /// reads stdin; anything else with a space in it is the text itself.
        #[arg(required = true)]
        paths: Vec<String>,
        /// Include token offsets.
        #[arg(long)]
        tokens: bool,
        /// Indent the JSON (one document is then several lines).
        #[arg(long)]
        pretty: bool,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// Code articles and store them in the embedded database.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The database file.
        #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
        db: PathBuf,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// Code stored documents again (after a dictionary or dyad change),
    /// from their stored clean text: by default those that other
    /// dictionaries or another dyad coded.
    Recode {
        #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
        db: PathBuf,
        /// Only these documents.
        #[arg(long = "id", value_name = "ID")]
        ids: Vec<String>,
        /// Every document, even those the current dictionaries coded.
        #[arg(long)]
        all: bool,
        #[command(flatten)]
        pipeline: PipelineArgs,
    },
    /// List stored documents.
    Ls {
        #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
        db: PathBuf,
        /// One JSON object per line instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Select stored events: one row per merged event (an event reported
    /// by many articles is one row with its mention, article and source
    /// counts), or with --mentions one row per report; --count-by for time
    /// series and tallies.
    Query(query::QueryArgs),
    /// Write what the filters select as jsonl, csv, gdelt, gdelt-mentions,
    /// plover, parquet or graphml.
    Export(export::ExportArgs),
    /// Show the rule that merges reports into events; with options, change
    /// it and merge everything stored again.
    MergeRule(query::MergeRuleArgs),
    /// Print one stored document as JSON.
    Show {
        id: String,
        #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
        db: PathBuf,
        #[arg(long)]
        pretty: bool,
    },
    /// Show the tags, lemmas and dependency parse of a text or a file.
    Parse {
        /// The text itself, or a path to an article file.
        input: String,
        /// `table` (readable) or `conllu`.
        #[arg(long, default_value = "table")]
        format: String,
    },
    /// Explain how one sentence was coded: parse, actor mentions, every
    /// pattern tried and why it was accepted or rejected, events.
    Explain {
        /// The text itself, or a path to an article file.
        input: String,
        /// The sentence, numbered from 0 as in `parse` and the events' `sentence` field.
        #[arg(long)]
        sentence: usize,
    },
    /// Score dyad against reference data.
    Eval {
        #[command(subcommand)]
        what: Eval,
    },
    /// Check actor dictionaries or look a name up in them.
    Dict {
        #[command(subcommand)]
        what: Dict,
    },
    /// Run a PETRARCH validation suite (`PETR.UnitTest.records.xml`) with the
    /// dictionaries it names; prints each failing record and
    /// `petrarch: correct=N total=M`.
    Validate {
        file: PathBuf,
        /// Print every record, not only failures.
        #[arg(long)]
        verbose: bool,
    },
    /// Measure speed and memory of extraction and segmentation.
    Bench {
        /// A folder of web pages (`html/*.html.gz`, as in the article-extraction set).
        #[arg(default_value = "../shared/eval/article-extraction")]
        dir: PathBuf,
        /// Times to run over the pages in each measurement.
        #[arg(long, default_value_t = 3)]
        rounds: usize,
        /// Instead: how time and peak memory grow with one document's size
        /// (generated pages of these many MB, and 10k/100k nested elements),
        /// against the first size in the same run.
        #[arg(long, value_delimiter = ',', num_args = 0.., value_name = "MB,MB,…")]
        scale: Option<Vec<usize>>,
        /// Instead: load `dyad serve` on loopback over this database (e.g.
        /// the store benchmark's 1,000,000-event one): p50/p99 latency and
        /// requests/s of the document page, an events filter and the network
        /// at 1, 8 and 64 clients.
        #[arg(long, value_name = "DB")]
        serve: Option<PathBuf>,
        /// With --serve: at most this many requests per run.
        #[arg(long, default_value_t = 2000)]
        requests: usize,
        /// With --serve: at most this many seconds per run.
        #[arg(long, default_value_t = 20.0)]
        seconds: f64,
    },
    /// Serve a database: a JSON API under /api/ (described at
    /// /api/openapi.json) and web pages (documents, articles with every
    /// event explained, network, timeline, map). Read-only unless
    /// --allow-ingest.
    Serve {
        #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
        db: PathBuf,
        /// Address to listen on; loopback by default (another address
        /// exposes the database to the network).
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Enable POST /api/ingest. Requests must bring the token in the
        /// environment variable DYAD_INGEST_TOKEN as `Authorization: Bearer
        /// TOKEN` (401 without it).
        #[arg(long)]
        allow_ingest: bool,
        /// Largest request body, bytes.
        #[arg(long, default_value_t = 10 * 1024 * 1024)]
        max_body: usize,
        /// Requests handled at once.
        #[arg(long, default_value_t = 64)]
        concurrency: usize,
        /// Seconds to answer one request.
        #[arg(long, default_value_t = 30)]
        timeout: u64,
    },
}

#[derive(Subcommand)]
enum Dict {
    /// Validate dictionaries (default: dyad's own); exit 1 on problems.
    Check {
        /// dyad `.txt` files, PETRARCH `.actors`/`.agents` files.
        files: Vec<PathBuf>,
    },
    /// Show every entry a name matches and its codes on a date.
    Lookup {
        name: String,
        /// `YYYY-MM-DD` (default: today).
        #[arg(long)]
        date: Option<String>,
        /// Dictionary files instead of dyad's own.
        #[arg(long = "dict")]
        files: Vec<PathBuf>,
    },
}

#[derive(Subcommand)]
enum Eval {
    /// Main-content extraction against a folder with html/ and ground-truth.json.
    Extraction {
        #[arg(default_value = "../shared/eval/article-extraction")]
        dir: PathBuf,
        /// Also print each page's precision and recall.
        #[arg(long)]
        pages: bool,
    },
    /// Place recognition and resolution against GeoVirus: prints
    /// `geo: recall=… acc161=… mentions=N`.
    Geo {
        #[arg(default_value = "../shared/eval/geo/GeoVirus.xml")]
        path: PathBuf,
        /// Also print each missed gold mention and each resolution farther
        /// than 161 km.
        #[arg(long)]
        errors: bool,
    },
    /// Actor recognition on the seed article against its reference.
    Seed {
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
    },
    /// Tagger and parser against the held-out silver reference.
    Tagger {
        /// The shared data folder (texts of the held-out documents).
        #[arg(long, default_value = "../shared")]
        shared: PathBuf,
        /// The reference annotation (tags and heads by offsets, no text).
        #[arg(long, default_value = "tools/train/heldout-ref.tsv.gz")]
        reference: PathBuf,
    },
}

fn main() -> ExitCode {
    // Die quietly on a closed pipe (`dyad show … | head`), as Unix tools do,
    // instead of panicking in println!.
    #[cfg(unix)]
    // SAFETY: restoring the default action of one signal, before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // Diagnostics (stage times and the like) on standard error, off unless asked for:
    // `DYAD_LOG=debug dyad code page.html`.
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::from_env("DYAD_LOG"))
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Code {
            paths,
            tokens,
            pretty,
            pipeline,
        } => code(&pipeline.pipeline()?, &paths, tokens, pretty),
        Command::Ingest {
            paths,
            db,
            pipeline,
        } => ingest(&pipeline.pipeline()?, &paths, &db),
        Command::Recode {
            db,
            ids,
            all,
            pipeline,
        } => recode(&pipeline.pipeline()?, &db, &ids, all),
        Command::Ls { db, json } => ls(&db, json),
        Command::Show { id, db, pretty } => show(&id, &db, pretty),
        Command::Query(a) => query::run(&a),
        Command::Export(a) => export::run(&a),
        Command::MergeRule(a) => query::merge_rule(&a),
        Command::Eval {
            what: Eval::Extraction { dir, pages },
        } => {
            let s = dyad_extract::evaluate(&dir)
                .with_context(|| format!("evaluating extraction on {}", dir.display()))?;
            if pages {
                for p in &s.per_page {
                    println!(
                        "{} precision={:.3} recall={:.3}",
                        p.id, p.precision, p.recall
                    );
                }
            }
            println!(
                "extraction: f1={:.3} precision={:.3} recall={:.3} pages={}",
                s.f1, s.precision, s.recall, s.pages
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what: Eval::Tagger { shared, reference },
        } => {
            let s = eval::tagger(&shared, &reference)?;
            println!(
                "tagger: pos_acc={:.3} uas={:.3} las={:.3} tokens={}",
                s.pos_acc, s.uas, s.las, s.tokens
            );
            println!(
                "(attachment scores leave punctuation out; uas over every token: {:.3})",
                s.uas_all
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval {
            what: Eval::Seed { shared },
        } => eval_seed(&shared),
        Command::Eval {
            what: Eval::Geo { path, errors },
        } => {
            let s = eval_geo::geo(&path)?;
            if errors {
                for m in &s.missed {
                    println!("missed: {m}");
                }
                for f in &s.far {
                    println!("far: {f}");
                }
            }
            println!("{s}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Dict {
            what: Dict::Check { files },
        } => dict_check(&files),
        Command::Dict {
            what: Dict::Lookup { name, date, files },
        } => dict_lookup(&name, date.as_deref(), &files),
        Command::Parse { input, format } => parse(&input, &format),
        Command::Explain { input, sentence } => explain(&input, sentence),
        Command::Validate { file, verbose } => {
            let s = validate::run(&file, verbose)?;
            println!("petrarch: correct={} total={}", s.correct, s.total);
            Ok(ExitCode::SUCCESS)
        }
        Command::Bench {
            serve: Some(db),
            requests,
            seconds,
            ..
        } => bench_serve(&db, requests, seconds),
        Command::Serve {
            db,
            addr,
            allow_ingest,
            max_body,
            concurrency,
            timeout,
        } => serve(db, addr, allow_ingest, max_body, concurrency, timeout),
        Command::Bench {
            scale: Some(sizes), ..
        } => {
            let sizes = if sizes.is_empty() {
                vec![1, 5, 50]
            } else {
                sizes
            };
            bench_scale::run(&sizes).map(|_| ExitCode::SUCCESS)
        }
        Command::Bench { dir, rounds, .. } => bench::run(&dir, rounds).map(|_| ExitCode::SUCCESS),
    }
}

/// `dyad serve`: until Ctrl-C or SIGTERM.
fn serve(
    db: PathBuf,
    addr: std::net::SocketAddr,
    allow_ingest: bool,
    max_body: usize,
    concurrency: usize,
    timeout: u64,
) -> Result<ExitCode> {
    let ingest_token = if allow_ingest {
        let t = std::env::var("DYAD_INGEST_TOKEN").unwrap_or_default();
        anyhow::ensure!(
            t.trim().len() >= 8,
            "--allow-ingest needs a token of 8 characters or more in DYAD_INGEST_TOKEN"
        );
        Some(t.trim().to_string())
    } else {
        None
    };
    let limits = dyad_serve::Limits {
        max_body,
        concurrency: concurrency.max(1),
        request_timeout: std::time::Duration::from_secs(timeout.max(1)),
        ..Default::default()
    };
    let config = dyad_serve::Config {
        db: db.clone(),
        addr,
        ingest_token,
        limits,
    };
    dyad_serve::serve_blocking(config, |a| {
        eprintln!(
            "dyad serve: http://{a}/ on {} ({}); Ctrl-C stops",
            db.display(),
            if allow_ingest {
                "ingest enabled"
            } else {
                "read-only"
            }
        );
    })?;
    Ok(ExitCode::SUCCESS)
}

/// `dyad bench --serve DB`: the server's latency under load.
fn bench_serve(db: &std::path::Path, requests: usize, seconds: f64) -> Result<ExitCode> {
    let (events, _) = Store::open(db)?.event_counts()?;
    println!("dyad serve on {} ({events} events), loopback; at most {requests} requests or {seconds} s per run", db.display());
    println!(
        "{:<18} {:>7} {:>8} {:>6} {:>9} {:>9} {:>8}  request",
        "what", "clients", "requests", "errors", "p50 ms", "p99 ms", "req/s"
    );
    let figures = dyad_serve::bench::serve(db, requests, seconds, &[1, 8, 64])?;
    let mut errors = 0;
    for f in &figures {
        errors += f.errors;
        println!(
            "{:<18} {:>7} {:>8} {:>6} {:>9.1} {:>9.1} {:>8.0}  {}",
            f.name, f.clients, f.requests, f.errors, f.p50_ms, f.p99_ms, f.per_second, f.path
        );
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// `dyad eval seed`: run the pipeline on the seed article and score it
/// with `dyad_eval`.
fn eval_seed(shared: &std::path::Path) -> Result<ExitCode> {
    let path = shared.join("seed/000_0d6959d4305744fe.txt");
    let gold_path = shared.join("eval/seed/gold.json");
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&gold_path)
            .with_context(|| format!("reading {}", gold_path.display()))?,
    )?;
    let raw = dyad_ingest::read_path(&path)
        .into_iter()
        .next()
        .context("no article in the seed file")??;
    let doc = Pipeline::default().process(raw)?;
    let s = dyad_eval::seed_actors(&doc, &gold);
    for m in &s.misses {
        println!("miss: {m}");
    }
    println!("{s}");
    let e = dyad_eval::seed_events(&doc, &gold);
    for m in &e.misses {
        println!("miss event: {m}");
    }
    println!("{e}");
    let q = dyad_eval::seed_quotes(&doc, &gold);
    for m in &q.misses {
        println!("miss quote: {m}");
    }
    println!("{q}");
    let t = dyad_eval::seed_times(&doc, &gold);
    for m in &t.misses {
        println!("miss time: {m}");
    }
    println!("{t}");
    let p = dyad_eval::seed_places(&doc, &gold);
    for m in &p.misses {
        println!("miss place: {m}");
    }
    println!("{p}");
    Ok(ExitCode::SUCCESS)
}

/// `dyad dict check`: parse errors and [`dyad_dict::check`] problems.
fn dict_check(files: &[PathBuf]) -> Result<ExitCode> {
    let mut actors = Vec::new();
    let mut agents = Vec::new();
    let mut errors: Vec<String> = Vec::new();
    let mut nfiles = 0;
    let mut take = |a: Vec<dyad_dict::ActorEntry>,
                    g: Vec<dyad_dict::AgentEntry>,
                    e: Vec<dyad_dict::DictError>| {
        nfiles += 1;
        actors.extend(a);
        agents.extend(g);
        errors.extend(e.into_iter().map(|e| e.to_string()));
    };
    if files.is_empty() {
        for (name, text) in dyad_recognise::DEFAULT_FILES {
            let l = dyad_dict::parse_dyad_actors(text, name);
            take(l.value.0, l.value.1, l.errors);
        }
    } else {
        for f in files {
            let name = f.to_string_lossy().to_lowercase();
            if name.contains(".actors") {
                let l = dyad_dict::read_petrarch_actors(f)?;
                take(l.value, Vec::new(), l.errors);
            } else if name.contains(".agents") {
                let l = dyad_dict::read_petrarch_agents(f)?;
                take(Vec::new(), l.value, l.errors);
            } else {
                let text = std::fs::read_to_string(f)
                    .with_context(|| format!("reading {}", f.display()))?;
                let l = dyad_dict::parse_dyad_actors(&text, &f.display().to_string());
                take(l.value.0, l.value.1, l.errors);
            }
        }
    }
    let problems = dyad_dict::check(&actors, &agents);
    for e in &errors {
        println!("{e}");
    }
    for p in &problems {
        println!("{p}");
    }
    let n = errors.len() + problems.len();
    println!(
        "dict check: {nfiles} files, {} actors, {} agents, {n} problems",
        actors.len(),
        agents.len()
    );
    Ok(if n > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `dyad dict lookup`: every entry a name matches and its codes on a date.
fn dict_lookup(name: &str, date: Option<&str>, files: &[PathBuf]) -> Result<ExitCode> {
    let owned;
    let r = if files.is_empty() {
        dyad_recognise::Recogniser::default_english()
    } else {
        owned = dyad_recognise::Recogniser::from_files(files)?;
        &owned
    };
    let d = match date {
        Some(d) => dyad_dict::NaiveDate::parse_from_str(d, "%Y-%m-%d")
            .with_context(|| format!("bad date {d:?}: want YYYY-MM-DD"))?,
        None => chrono_today(),
    };
    let (actors, agents) = r.lookup(name);
    for e in &actors {
        let codes: Vec<String> = e
            .codes_on(d)
            .iter()
            .map(|c| match &c.note {
                Some(n) => format!("{} ({n}) [line {}]", c.code, c.line),
                None => format!("{} [line {}]", c.code, c.line),
            })
            .collect();
        println!(
            "{:?} {:?} on {d}: {}  ({})",
            e.kind,
            e.name,
            if codes.is_empty() {
                "no code".to_string()
            } else {
                codes.join(", ")
            },
            e.origin
        );
    }
    for a in &agents {
        println!("agent {} {:?}  ({})", a.code, a.label, a.origin);
    }
    if actors.is_empty() && agents.is_empty() {
        println!("no entry matches {name:?}");
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn chrono_today() -> dyad_dict::NaiveDate {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    // 1970-01-01 is day 719 163 of the common era.
    dyad_dict::NaiveDate::from_num_days_from_ce_opt(719_163 + (secs / 86_400) as i32)
        .unwrap_or_default()
}

/// Exit status for a batch: 1 when any input failed.
fn status(failed: usize) -> ExitCode {
    if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Warnings that did not stop an article, on stderr, each naming it.
fn warn(o: &Outcome, bar: &indicatif::ProgressBar) {
    for w in &o.warnings {
        bar.suspend(|| eprintln!("warning: {}: {w}", o.source));
    }
}

/// `dyad code`: arguments that name no file and contain a space are text.
fn code(pipeline: &Pipeline, args: &[String], tokens: bool, pretty: bool) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    let mut write = |o: Outcome, out: &mut std::io::BufWriter<std::io::StdoutLock>| -> Result<()> {
        warn(&o, &indicatif::ProgressBar::hidden());
        match o.result {
            Ok(doc) => {
                let c = doc.to_contract(tokens);
                if pretty {
                    serde_json::to_writer_pretty(&mut *out, &c)?;
                } else {
                    serde_json::to_writer(&mut *out, &c)?;
                }
                out.write_all(b"\n")?;
            }
            Err(e) => {
                failed += 1;
                out.flush()?;
                eprintln!("error: {e}");
            }
        }
        Ok(())
    };
    let mut paths = Vec::new();
    for a in args {
        if is_text_argument(a) {
            for raw in text_or_file(a)? {
                let o = match raw {
                    Ok(mut raw) => Outcome {
                        source: raw.origin.to_string(),
                        id_given: false,
                        warnings: std::mem::take(&mut raw.warnings),
                        result: pipeline.process(raw),
                    },
                    Err(e) => Outcome {
                        source: e.origin.to_string(),
                        id_given: false,
                        warnings: Vec::new(),
                        result: Err(e),
                    },
                };
                write(o, &mut out)?;
            }
        } else {
            paths.push(PathBuf::from(a));
        }
    }
    let mut result = Ok(());
    let stats = pipeline.run(
        &paths,
        Order::Input,
        &AtomicBool::new(false),
        || {},
        |o| {
            if result.is_ok() {
                result = write(o, &mut out);
            }
        },
    );
    result?;
    out.flush()?;
    if stats.files == 0 && !paths.is_empty() {
        eprintln!("nothing to code: no .html, .htm, .txt, .jsonl, .ndjson or .json files (optionally .gz) in {}", shown(&paths));
        return Ok(ExitCode::from(1));
    }
    Ok(status(failed))
}

/// Paths for a message.
fn shown(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Exit status of an interrupted command (128 + SIGINT), as shells expect.
const INTERRUPTED: u8 = 130;

fn ingest(pipeline: &Pipeline, paths: &[PathBuf], db: &std::path::Path) -> Result<ExitCode> {
    let mut store = Store::open(db)?;
    // Ctrl-C stops reading; the documents in flight are finished and stored.
    // Each document is committed as it finishes, so a harder kill loses at
    // most those in flight, which the next run codes again.
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let files = dyad_ingest::expand_paths(paths).len();
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(files as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files {msg} [{elapsed}, {eta} left]",
        )
        .expect("valid template"),
    );
    let coded_by = pipeline.coded_by();
    let mut t = Tally::default();
    let mut fatal: Option<anyhow::Error> = None;
    let stats = pipeline.run(
        paths,
        Order::Finished,
        &stop,
        || bar.inc(1),
        |o| {
            if fatal.is_some() {
                return;
            }
            warn(&o, &bar);
            match &o.result {
                Ok(doc) => {
                    let opts = PutOptions {
                        source: Some(&o.source),
                        id_given: o.id_given,
                        coded_by: Some(&coded_by),
                    };
                    match store.put(doc, opts) {
                        Ok(Put::Stored { stats, .. }) => {
                            t.add(doc);
                            t.merged += stats.merged;
                            t.copies += usize::from(stats.copy_of.is_some());
                        }
                        Ok(Put::Duplicate { .. }) => t.dups += 1,
                        Err(e) => {
                            // A full disk or a broken database stops the run:
                            // every later write would fail the same way.
                            fatal = Some(anyhow::Error::new(e).context(format!(
                                "storing {} in {}",
                                o.source,
                                db.display()
                            )));
                            stop.store(true, Ordering::SeqCst);
                        }
                    }
                }
                Err(e) => {
                    t.failed += 1;
                    bar.suspend(|| eprintln!("error: {e}"));
                }
            }
            bar.set_message(format!("{} stored", t.stored));
        },
    );
    bar.finish_and_clear();
    if let Some(e) = fatal {
        eprintln!(
            "{} stored before the error; run the same command again to go on",
            t.stored
        );
        return Err(e);
    }
    if stats.files == 0 {
        eprintln!(
            "nothing to ingest: no .html, .htm, .txt, .jsonl, .ndjson or .json files (optionally .gz) in {}",
            shown(paths)
        );
        return Ok(ExitCode::from(1));
    }
    println!(
        "{} stored, {} already there, {} failed; {} sentences, {} links, {} events, {} quotes and {} places added; \
         {} events merged into events already stored, {} wire copies; {} documents in {}",
        t.stored,
        t.dups,
        t.failed,
        t.sentences,
        t.links,
        t.events,
        t.quotes,
        t.places,
        t.merged,
        t.copies,
        store.count()?,
        db.display()
    );
    if stats.interrupted {
        eprintln!(
            "interrupted: what was coded so far is stored; run the same command again to go on"
        );
        return Ok(ExitCode::from(INTERRUPTED));
    }
    if t.stored > 0 {
        println!(
            "next: `dyad ls --db {0}` lists them; `dyad show ID --db {0}` prints one; `dyad explain FILE --sentence N` shows how a sentence was coded",
            db.display()
        );
    }
    Ok(status(t.failed))
}

/// What an ingest or recode did, for its summary line.
#[derive(Default)]
struct Tally {
    stored: usize,
    dups: usize,
    failed: usize,
    sentences: usize,
    links: usize,
    events: usize,
    quotes: usize,
    places: usize,
    /// Event mentions that joined an event stored from another document.
    merged: usize,
    /// Documents found to be wire copies of stored ones.
    copies: usize,
}

impl Tally {
    fn add(&mut self, doc: &dyad_document::Document) {
        self.stored += 1;
        self.sentences += doc.sentences.len();
        self.links += doc.links.len();
        self.events += doc.events.len();
        self.quotes += doc.quotes.len();
        self.places += doc.places.len();
    }
}

/// `dyad recode`: stored documents coded again from their clean text.
fn recode(
    pipeline: &Pipeline,
    db: &std::path::Path,
    ids: &[String],
    all: bool,
) -> Result<ExitCode> {
    anyhow::ensure!(
        db.exists(),
        "no database at {} (run `dyad ingest` first)",
        db.display()
    );
    let mut store = Store::open(db)?;
    let coded_by = pipeline.coded_by();
    let todo: Vec<String> = if ids.is_empty() {
        store
            .coded()?
            .into_iter()
            .filter(|(_, by)| all || by.as_deref() != Some(coded_by.as_str()))
            .map(|(id, _)| id)
            .collect()
    } else {
        ids.to_vec()
    };
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let mut t = Tally::default();
    let mut before_events = 0;
    for id in &todo {
        if stop.load(Ordering::SeqCst) {
            eprintln!(
                "interrupted: {} recoded; run the same command again to go on",
                t.stored
            );
            return Ok(ExitCode::from(INTERRUPTED));
        }
        let Some(doc) = store.get(id)? else {
            eprintln!("error: no document {id:?} in {}", db.display());
            t.failed += 1;
            continue;
        };
        before_events += doc.events.len();
        match pipeline.recode(doc) {
            Ok(doc) => {
                store
                    .replace(&doc, Some(&coded_by))
                    .with_context(|| format!("storing {id} in {}", db.display()))?;
                t.add(&doc);
            }
            Err(e) => {
                t.failed += 1;
                eprintln!("error: {e}");
            }
        }
    }
    println!(
        "{} recoded, {} failed; {} events (were {before_events}), {} quotes, {} places; coded by {coded_by}",
        t.stored, t.failed, t.events, t.quotes, t.places
    );
    Ok(status(t.failed))
}

fn ls(db: &std::path::Path, json: bool) -> Result<ExitCode> {
    anyhow::ensure!(
        db.exists(),
        "no database at {} (run `dyad ingest` first)",
        db.display()
    );
    let store = Store::open(db)?;
    let docs = store.list()?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        for d in &docs {
            serde_json::to_writer(&mut out, d)?;
            writeln!(out)?;
        }
    } else {
        writeln!(
            out,
            "{:<28} {:<10} {:<20} {:>5} {:>5} {:<12}  title",
            "id", "published", "outlet", "sents", "links", "dictionaries"
        )?;
        for d in &docs {
            let title: String = d.title.as_deref().unwrap_or("-").chars().take(60).collect();
            let outlet: String = d
                .outlet
                .as_deref()
                .unwrap_or("-")
                .chars()
                .take(20)
                .collect();
            // The dictionaries' hash, short: enough to see what differs.
            let dicts: String = d
                .coded_by
                .as_deref()
                .and_then(|c| c.rsplit(' ').next())
                .unwrap_or("-")
                .chars()
                .take(12)
                .collect();
            writeln!(
                out,
                "{:<28} {:<10} {:<20} {:>5} {:>5} {:<12}  {}",
                d.id,
                d.published.as_deref().unwrap_or("-"),
                outlet,
                d.sentences,
                d.links,
                dicts,
                title
            )?;
        }
        writeln!(out, "{} documents", docs.len())?;
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn show(id: &str, db: &std::path::Path, pretty: bool) -> Result<ExitCode> {
    anyhow::ensure!(db.exists(), "no database at {}", db.display());
    let store = Store::open(db)?;
    let Some(doc) = store.get(id)? else {
        anyhow::bail!("no document {id:?} in {}", db.display());
    };
    let c = doc.to_contract(false);
    let s = if pretty {
        serde_json::to_string_pretty(&c)?
    } else {
        serde_json::to_string(&c)?
    };
    println!("{s}");
    Ok(ExitCode::SUCCESS)
}

fn parse(input: &str, format: &str) -> Result<ExitCode> {
    anyhow::ensure!(
        format == "table" || format == "conllu",
        "--format is `table` or `conllu`, not {format:?}"
    );
    let raws = text_or_file(input)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for raw in raws {
        let doc = match raw.and_then(|r| Pipeline::default().process(r)) {
            Ok(d) => d,
            Err(e) => {
                failed += 1;
                eprintln!("error: {e}");
                continue;
            }
        };
        if format == "conllu" {
            write!(out, "{}", dyad_tag::conllu::write(&doc))?;
            continue;
        }
        for (n, s) in doc.sentences.iter().enumerate() {
            writeln!(
                out,
                "# sentence {}: {}",
                n,
                doc.slice(s.span).replace('\n', " ")
            )?;
            writeln!(
                out,
                "{:>3}  {:<18} {:<5} {:<16} {:>4}  rel",
                "id", "word", "tag", "lemma", "head"
            )?;
            for (k, t) in doc.tokens[s.first_token..s.last_token].iter().enumerate() {
                let head = t.head.map_or(0, |h| h - s.first_token + 1);
                writeln!(
                    out,
                    "{:>3}  {:<18} {:<5} {:<16} {:>4}  {}",
                    k + 1,
                    doc.slice(t.span),
                    t.tag,
                    t.lemma,
                    head,
                    t.rel
                )?;
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(status(failed))
}

/// Whether a `code` argument is text rather than a path: it names no file
/// and holds white space (a path with a space in it that exists is a path).
fn is_text_argument(a: &str) -> bool {
    a != "-" && !std::path::Path::new(a).exists() && a.contains(char::is_whitespace)
}

/// `parse`, `explain` and `code` take a file, `-`, or the text itself. A single
/// word that looks like a path but names no file is an error, not text.
fn text_or_file(
    input: &str,
) -> Result<Vec<Result<dyad_ingest::RawArticle, dyad_ingest::IngestError>>> {
    let path = std::path::Path::new(input);
    if path.is_file() || input == "-" {
        return Ok(dyad_ingest::read_path(path));
    }
    let looks_like_path = !input.contains(char::is_whitespace)
        && (input.contains('/')
            || path.extension().is_some_and(|e| {
                matches!(
                    e.to_str(),
                    Some("txt" | "html" | "htm" | "json" | "jsonl" | "ndjson" | "gz")
                )
            }));
    anyhow::ensure!(
        !looks_like_path,
        "{input}: no such file (to give text, write a sentence, in quotes)"
    );
    Ok(dyad_ingest::read_bytes_as(
        "<argument>",
        "text",
        input.as_bytes(),
    ))
}

fn explain(input: &str, sentence: usize) -> Result<ExitCode> {
    for raw in text_or_file(input)? {
        let doc = raw.and_then(|r| Pipeline::default().process(r))?;
        let e = dyad_code::explain(&doc, sentence).with_context(|| {
            format!(
                "no sentence {sentence}: the text has {} (numbered from 0)",
                doc.sentences.len()
            )
        })?;
        print!("{e}");
    }
    Ok(ExitCode::SUCCESS)
}
