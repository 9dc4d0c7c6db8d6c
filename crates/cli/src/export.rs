//! `dyad export`: what the filters select, in the field's formats.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use dyad_store::export;
use dyad_store::query::Unit;

use crate::query::{open, FilterArgs};

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// jsonl (documents, the output contract), csv (one row per event),
    /// gdelt (GDELT 2.0 Events, 61 columns), gdelt-mentions (16 columns),
    /// plover (PLOVER JSON lines), parquet (with --out DIR: events, mentions,
    /// quotes and documents tables) or graphml (the actor network).
    #[arg(long)]
    pub format: String,
    /// Write here instead of standard output.
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// plover: a CAMEO->PLOVER crosswalk file (`CODE: EVENT, MODE, CONTEXT`
    /// lines, as the PLOVER project publishes it) to use instead of dyad's
    /// own table; codes it drops are left out.
    #[arg(long, value_name = "FILE")]
    pub crosswalk: Option<PathBuf>,
    /// csv: one row per mention instead of per event.
    #[arg(long)]
    pub mentions: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[arg(long, default_value = "dyad.db", env = "DYAD_DB")]
    pub db: PathBuf,
}

pub fn run(a: &ExportArgs) -> Result<ExitCode> {
    let store = open(&a.db)?;
    let filter = a.filter.to_filter()?;
    if a.format == "parquet" {
        let dir = a.out.as_ref().ok_or_else(|| {
            anyhow::anyhow!("--format parquet needs --out DIR (one file per table)")
        })?;
        for (table, n) in dyad_store::parquet(store.conn(), &filter, dir)? {
            eprintln!(
                "{n} rows written to {}",
                dir.join(format!("{table}.parquet")).display()
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let mut w: Box<dyn Write> = match &a.out {
        Some(p) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let c = store.conn();
    let unit = if a.mentions {
        Unit::Mentions
    } else {
        Unit::Events
    };
    let (n, what) = match a.format.as_str() {
        "jsonl" => (export::jsonl(c, &filter, &mut w)?, "documents"),
        "csv" => (export::csv(c, &filter, unit, &mut w)?, "rows"),
        "gdelt" => (export::gdelt_events(c, &filter, &mut w)?, "events"),
        "gdelt-mentions" => (export::gdelt_mentions(c, &filter, &mut w)?, "mentions"),
        "plover" => {
            let cw = match &a.crosswalk {
                Some(p) => {
                    let text = std::fs::read_to_string(p)
                        .with_context(|| format!("reading {}", p.display()))?;
                    Some(
                        dyad_store::plover::Crosswalk::parse(&text)
                            .map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?,
                    )
                }
                None => None,
            };
            (export::plover(c, &filter, cw.as_ref(), &mut w)?, "events")
        }
        "graphml" => (export::graphml(c, &filter, &mut w)?, "dyads"),
        f => anyhow::bail!(
            "--format {f:?}: expected jsonl, csv, gdelt, gdelt-mentions, plover, parquet or graphml"
        ),
    };
    w.flush()?;
    if let Some(p) = &a.out {
        eprintln!("{n} {what} written to {}", p.display());
    }
    Ok(ExitCode::SUCCESS)
}
