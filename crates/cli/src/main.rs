//! `dyad`: the command line. Reads news, writes down who did what to whom.
//!
//! Commands: `code` (print documents as JSON lines), `ingest` (code and
//! store), `ls` and `show` (read the store), `explain` (how one sentence was
//! coded, pattern by pattern), `eval` (scores against reference data) and
//! `bench` (speed and memory figures).

mod bench;
mod bench_events;
mod eval;
mod eval_geo;
mod export;
mod pipeline;
mod query;
mod validate;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use dyad_store::{Put, Store};

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

#[derive(Subcommand)]
enum Command {
    /// Code articles and print one JSON document per line.
    Code {
        /// Files or directories (.html, .htm, .txt, .jsonl, optionally .gz); `-` reads stdin.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Include token offsets.
        #[arg(long)]
        tokens: bool,
        /// Indent the JSON (one document is then several lines).
        #[arg(long)]
        pretty: bool,
        /// Code events with the PETRARCH/TABARI dictionaries in this folder
        /// (one `*verbs*` or `CAMEO*` file, `*.actors*`, `*agents*`,
        /// `*discards*`) instead of dyad's own.
        #[arg(long, value_name = "DIR")]
        petrarch: Option<PathBuf>,
    },
    /// Code articles and store them in the embedded database.
    Ingest {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The database file.
        #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
        db: PathBuf,
        /// Code events with the PETRARCH/TABARI dictionaries in this folder
        /// instead of dyad's own (as for `code`).
        #[arg(long, value_name = "DIR")]
        petrarch: Option<PathBuf>,
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
        /// The sentence, numbered as in the events' `sentence` field (0 is the first).
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
            petrarch,
        } => {
            if let Some(dir) = petrarch {
                pipeline::use_petrarch(validate::load_dir(&dir)?);
            }
            code(&paths, tokens, pretty)
        }
        Command::Ingest {
            paths,
            db,
            petrarch,
        } => {
            if let Some(dir) = petrarch {
                pipeline::use_petrarch(validate::load_dir(&dir)?);
            }
            ingest(&paths, &db)
        }
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
        Command::Bench { dir, rounds } => bench::run(&dir, rounds).map(|_| ExitCode::SUCCESS),
    }
}

/// `dyad eval seed`: recognise the seed article and score it.
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
    let doc = pipeline::process(raw)?;
    let s = dyad_recognise::score_seed(&doc, &gold);
    for m in &s.misses {
        println!("miss: {m}");
    }
    println!("{s}");
    let e = dyad_code::score_seed(&doc, &gold);
    for m in &e.misses {
        println!("miss event: {m}");
    }
    println!("{e}");
    let q = dyad_quotes::score_seed(&doc, &gold);
    for m in &q.misses {
        println!("miss quote: {m}");
    }
    println!("{q}");
    let t = dyad_times::score_seed(&doc, &gold);
    for m in &t.misses {
        println!("miss time: {m}");
    }
    println!("{t}");
    let p = dyad_places::score_seed(&doc, &gold);
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

fn code(paths: &[PathBuf], tokens: bool, pretty: bool) -> Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for (_, chunk) in pipeline::Batches::new(paths) {
        for o in chunk {
            match o.result {
                Ok(doc) => {
                    let c = doc.to_contract(tokens);
                    if pretty {
                        serde_json::to_writer_pretty(&mut out, &c)?;
                    } else {
                        serde_json::to_writer(&mut out, &c)?;
                    }
                    out.write_all(b"\n")?;
                }
                Err(e) => {
                    failed += 1;
                    out.flush()?;
                    eprintln!("error: {e}");
                }
            }
        }
    }
    out.flush()?;
    Ok(status(failed))
}

fn ingest(paths: &[PathBuf], db: &std::path::Path) -> Result<ExitCode> {
    let mut store = Store::open(db)?;
    // Ctrl-C finishes the chunk in hand and commits it; a harder kill loses
    // at most that uncommitted chunk, which the next run codes again.
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = stop.clone();
        let _ = ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst));
    }
    let mut batches = pipeline::Batches::new(paths);
    let bar = if std::io::stderr().is_terminal() {
        indicatif::ProgressBar::new(batches.files_left() as u64)
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} files {msg} [{elapsed}, {eta} left]",
        )
        .expect("valid template"),
    );
    let (mut stored, mut dups, mut failed, mut sentences, mut links) = (0, 0, 0, 0, 0);
    let (mut events, mut merged, mut copies) = (0, 0, 0);
    for (files, chunk) in batches.by_ref() {
        let batch = store.batch()?;
        for o in chunk {
            match o.result {
                Ok(doc) => match batch.put(&doc, Some(&o.source))? {
                    Put::Stored(s) => {
                        stored += 1;
                        events += s.events;
                        merged += s.merged;
                        copies += usize::from(s.copy_of.is_some());
                        sentences += doc.sentences.len();
                        links += doc.links.len();
                    }
                    Put::Duplicate { .. } => dups += 1,
                },
                Err(e) => {
                    failed += 1;
                    bar.suspend(|| eprintln!("error: {e}"));
                }
            }
        }
        batch.commit()?;
        bar.inc(files as u64);
        bar.set_message(format!("{stored} stored"));
        if stop.load(Ordering::SeqCst) {
            bar.abandon();
            eprintln!(
                "interrupted: what was coded so far is stored; run the same command again to go on"
            );
            break;
        }
    }
    bar.finish_and_clear();
    println!(
        "{stored} stored, {dups} already there, {failed} failed; {sentences} sentences and {links} links added; \
         {events} events, {merged} merged into events already stored, {copies} wire copies; {} documents in {}",
        store.count()?,
        db.display()
    );
    Ok(status(failed))
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
            "{:<28} {:<10} {:<20} {:>5} {:>5}  title",
            "id", "published", "outlet", "sents", "links"
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
            writeln!(
                out,
                "{:<28} {:<10} {:<20} {:>5} {:>5}  {}",
                d.id,
                d.published.as_deref().unwrap_or("-"),
                outlet,
                d.sentences,
                d.links,
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
        let doc = match raw.and_then(pipeline::process) {
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
                n + 1,
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

/// `dyad explain`: what the event coder did with one sentence.
/// `parse` and `explain` take a file, `-`, or the text itself. A single
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
        let doc = raw.and_then(pipeline::process)?;
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
