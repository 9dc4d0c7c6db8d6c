//! `dyad query` and `dyad merge-rule`: read the store.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use dyad_store::query::{self, CountBy, Filter, Unit};
use dyad_store::{CodeLevel, MergeRule, PlaceLevel, Store};

/// The filters `query` and `export` share.
#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Actor as source or target: a CAMEO code or prefix (SYR, USAGOV) or a
    /// canonical name ("Vladimir Putin"). Repeat for alternatives.
    #[arg(long, value_name = "CODE|NAME")]
    pub actor: Vec<String>,
    /// Actor as source.
    #[arg(long, value_name = "CODE|NAME")]
    pub source: Vec<String>,
    /// Actor as target.
    #[arg(long, value_name = "CODE|NAME")]
    pub target: Vec<String>,
    /// Source and target: `RUS,UKR`.
    #[arg(long, value_name = "SOURCE,TARGET")]
    pub dyad: Option<String>,
    /// CAMEO code or prefix (`19` is every code under root 19).
    #[arg(long)]
    pub code: Vec<String>,
    /// CAMEO root, two digits.
    #[arg(long)]
    pub root: Vec<String>,
    /// QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal
    /// conflict, 4 material conflict.
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    pub quad: Vec<u8>,
    /// PLOVER event type (ASSAULT, CONSULT, ...).
    #[arg(long)]
    pub plover: Vec<String>,
    /// First day (YYYY-MM-DD, YYYY-MM or YYYY), inclusive.
    #[arg(long)]
    pub since: Option<String>,
    /// Last day (YYYY-MM-DD, YYYY-MM or YYYY), inclusive.
    #[arg(long)]
    pub until: Option<String>,
    /// Country of the event's place (ISO 3166-1 alpha-2).
    #[arg(long)]
    pub country: Vec<String>,
    /// Place or first-level region name.
    #[arg(long)]
    pub place: Vec<String>,
    /// Within a radius of a point: `LAT,LON,KM`.
    #[arg(long, value_name = "LAT,LON,KM", allow_hyphen_values = true)]
    pub near: Option<String>,
    /// Outlet of a reporting article.
    #[arg(long)]
    pub outlet: Vec<String>,
    /// Full-text query (SQLite FTS5 syntax) over the sentence an event was
    /// coded from.
    #[arg(long)]
    pub text: Option<String>,
    /// Phoenix's one-a-day filter: of events with the same day, source,
    /// target and code keep the first stored (a choice that discards
    /// repeated reports; merging already joins most of them).
    #[arg(long)]
    pub one_a_day: bool,
}

impl FilterArgs {
    pub fn to_filter(&self) -> Result<Filter> {
        let dyad = match &self.dyad {
            Some(d) => Some(query::parse_dyad(d).map_err(|e| anyhow::anyhow!("--dyad {e}"))?),
            None => None,
        };
        let near = match &self.near {
            Some(n) => Some(query::parse_near(n).map_err(|e| anyhow::anyhow!("--near {e}"))?),
            None => None,
        };
        Ok(Filter {
            source: self.source.clone(),
            target: self.target.clone(),
            actor: self.actor.clone(),
            dyad,
            code: self.code.clone(),
            root: self.root.clone(),
            quad: self.quad.clone(),
            plover: self.plover.clone(),
            since: self.since.clone(),
            until: self.until.clone(),
            country: self.country.clone(),
            place: self.place.clone(),
            near,
            outlet: self.outlet.clone(),
            text: self.text.clone(),
            one_a_day: self.one_a_day,
        })
    }
}

#[derive(Args, Debug)]
pub struct QueryArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// `table` (default on a terminal), `csv` or `jsonl` (default otherwise).
    #[arg(long)]
    pub format: Option<String>,
    /// Count instead of listing: day, week, month, root, quad, dyad, source
    /// or target. Periods also give the documents published in them.
    #[arg(long, value_name = "KEY")]
    pub count_by: Option<CountBy>,
    /// One row per mention (a report of an event in one article) instead of
    /// one per merged event.
    #[arg(long)]
    pub mentions: bool,
    /// At most this many rows (0: all).
    #[arg(long, default_value_t = 0)]
    pub limit: usize,
    #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
    pub db: PathBuf,
}

pub fn open(db: &Path) -> Result<Store> {
    anyhow::ensure!(
        db.exists(),
        "no database at {} (run `dyad ingest` first)",
        db.display()
    );
    Ok(Store::open(db)?)
}

fn cut(s: &str, n: usize) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.chars().count() <= n {
        s
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

pub fn run(a: &QueryArgs) -> Result<ExitCode> {
    let store = open(&a.db)?;
    let filter = a.filter.to_filter()?;
    let unit = if a.mentions {
        Unit::Mentions
    } else {
        Unit::Events
    };
    let format = a.format.clone().unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            "table".into()
        } else {
            "jsonl".into()
        }
    });
    anyhow::ensure!(
        matches!(format.as_str(), "table" | "csv" | "jsonl"),
        "--format {format:?}: expected table, csv or jsonl"
    );
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(by) = a.count_by {
        let rows = query::count(store.conn(), &filter, unit, by)?;
        let rows = if a.limit > 0 {
            &rows[..a.limit.min(rows.len())]
        } else {
            &rows[..]
        };
        let periods = rows.iter().any(|r| r.documents_ingested.is_some());
        match format.as_str() {
            "jsonl" => {
                for r in rows {
                    serde_json::to_writer(&mut out, r)?;
                    writeln!(out)?;
                }
            }
            "csv" => {
                let docs = a.mentions;
                write!(out, "key,events,mentions")?;
                write!(out, "{}", if docs { ",documents" } else { "" })?;
                writeln!(out, "{}", if periods { ",documents_ingested" } else { "" })?;
                for r in rows {
                    write!(
                        out,
                        "{},{},{}",
                        dyad_store::export::csv_field(&r.key),
                        r.events,
                        r.mentions
                    )?;
                    if let Some(d) = r.documents {
                        write!(out, ",{d}")?;
                    }
                    match r.documents_ingested {
                        Some(n) => writeln!(out, ",{n}")?,
                        None => writeln!(out)?,
                    }
                }
            }
            _ => {
                write!(out, "{:<24} {:>8} {:>8}", "key", "events", "mentions")?;
                if a.mentions {
                    write!(out, " {:>9}", "documents")?;
                }
                writeln!(out, "{}", if periods { "  ingested" } else { "" })?;
                for r in rows {
                    write!(out, "{:<24} {:>8} {:>8}", r.key, r.events, r.mentions)?;
                    if let Some(d) = r.documents {
                        write!(out, " {d:>9}")?;
                    }
                    match r.documents_ingested {
                        Some(n) => writeln!(out, " {n:>9}")?,
                        None => writeln!(out)?,
                    }
                }
            }
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    match format.as_str() {
        "jsonl" => {
            query::rows(store.conn(), &filter, unit, a.limit, |r| {
                serde_json::to_writer(&mut out, &r).map_err(std::io::Error::from)?;
                writeln!(out)?;
                Ok(())
            })?;
        }
        "csv" => {
            writeln!(out, "{}", dyad_store::export::CSV_COLUMNS.join(","))?;
            query::rows(store.conn(), &filter, unit, a.limit, |r| {
                let f: Vec<String> = dyad_store::export::csv_fields(&r)
                    .iter()
                    .map(|s| dyad_store::export::csv_field(s))
                    .collect();
                writeln!(out, "{}", f.join(","))?;
                Ok(())
            })?;
        }
        _ => {
            writeln!(
                out,
                "{:>6} {:<10} {:<10} {:<10} {:<5} {:>1} {:>5} {:>4} {:>4} {:>4} {:<16} sentence",
                "event",
                "date",
                "source",
                "target",
                "code",
                "q",
                "gold",
                "ment",
                "src",
                "art",
                "place"
            )?;
            let n = query::rows(store.conn(), &filter, unit, a.limit, |r| {
                writeln!(
                    out,
                    "{:>6} {:<10} {:<10} {:<10} {:<5} {:>1} {:>5.1} {:>4} {:>4} {:>4} {:<16} {}",
                    r.event,
                    r.date.as_deref().unwrap_or("-"),
                    cut(r.source.as_deref().unwrap_or("-"), 10),
                    cut(r.target.as_deref().unwrap_or("-"), 10),
                    r.code,
                    r.quad_class,
                    r.goldstein,
                    r.num_mentions,
                    r.num_sources,
                    r.num_articles,
                    cut(r.place.as_deref().unwrap_or("-"), 16),
                    cut(&r.sentence_text, 70)
                )?;
                Ok(())
            })?;
            writeln!(
                out,
                "{n} {}",
                if a.mentions { "mentions" } else { "events" }
            )?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

#[derive(Args, Debug)]
pub struct MergeRuleArgs {
    /// Days two mentions' dates may lie apart.
    #[arg(long)]
    pub window_days: Option<u32>,
    /// How far places must agree: admin1, country or any.
    #[arg(long)]
    pub place: Option<PlaceLevel>,
    /// How far codes must agree: full, base (three digits) or root.
    #[arg(long)]
    pub code: Option<CodeLevel>,
    #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
    pub db: PathBuf,
}

/// Print the database's merge rule; with options, change it and re-merge.
pub fn merge_rule(a: &MergeRuleArgs) -> Result<ExitCode> {
    let mut store = Store::open(&a.db)?;
    let old = store.merge_rule();
    let rule = MergeRule {
        window_days: a.window_days.unwrap_or(old.window_days),
        place: a.place.unwrap_or(old.place),
        code: a.code.unwrap_or(old.code),
    };
    if rule != old {
        let n = store.set_merge_rule(rule)?;
        eprintln!("merged again: {n} events");
    }
    println!("{}", serde_json::to_string(&store.merge_rule())?);
    Ok(ExitCode::SUCCESS)
}
