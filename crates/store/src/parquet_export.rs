//! Parquet export: events, mentions, quotes and documents as typed tables,
//! one file per table, written with the `parquet` crate's column writers
//! (no Arrow: the binary stays small).

use std::path::Path;
use std::sync::Arc;

use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use rusqlite::types::ValueRef;
use rusqlite::Connection;

use crate::query::{self, Filter};
use crate::StoreError;

#[derive(Clone, Copy)]
enum Kind {
    Int,
    Float,
    Str,
}

/// A table: its name and a SELECT whose columns match `columns`.
struct Table {
    name: &'static str,
    columns: &'static [(&'static str, Kind)],
    sql: &'static str,
}

use Kind::{Float as F, Int as I, Str as S};

const TABLES: [Table; 4] = [
    Table {
        name: "events",
        columns: &[
            ("event", I),
            ("date", S),
            ("source", S),
            ("target", S),
            ("code", S),
            ("base_code", S),
            ("root", S),
            ("quad_class", I),
            ("goldstein", F),
            ("plover", S),
            ("place", S),
            ("admin1", S),
            ("country", S),
            ("lat", F),
            ("lon", F),
            ("num_mentions", I),
            ("num_sources", I),
            ("num_articles", I),
            ("added_at", S),
        ],
        sql: "SELECT e.id, e.date, e.source, e.target, e.code, e.base_code, e.root,
                     e.quad_class, e.goldstein, e.plover, e.place_name, e.admin1, e.country,
                     e.lat, e.lon, e.num_mentions, e.num_sources, e.num_articles, e.added_at
              FROM events e JOIN temp.dyad_sel s ON s.id = e.id ORDER BY e.day, e.id",
    },
    Table {
        name: "mentions",
        columns: &[
            ("event", I),
            ("doc", S),
            ("sentence", I),
            ("start", I),
            ("end", I),
            ("code", S),
            ("source", S),
            ("target", S),
            ("source_text", S),
            ("target_text", S),
            ("date", S),
            ("date_from", S),
            ("pattern", S),
        ],
        sql: "SELECT m.event, d.id, m.sentence, m.start, m.end, m.code, m.source, m.target,
                     m.source_text, m.target_text, m.date, m.date_from, m.pattern
              FROM event_mentions m JOIN temp.dyad_sel s ON s.id = m.event
              JOIN documents d ON d.rowid = m.doc ORDER BY m.rowid",
    },
    Table {
        name: "quotes",
        columns: &[
            ("doc", S),
            ("ord", I),
            ("kind", S),
            ("start", I),
            ("end", I),
            ("text", S),
            ("cue", S),
            ("speaker", S),
            ("speaker_code", S),
            ("speaker_role", S),
            ("speaker_anonymous", I),
            ("speaker_count", I),
        ],
        sql: "SELECT d.id, q.ord, q.kind, q.start, q.end, q.text, q.cue, q.speaker_name,
                     q.speaker_code, q.speaker_role, q.speaker_anonymous, q.speaker_count
              FROM quotes q JOIN documents d ON d.rowid = q.doc
              WHERE q.doc IN (SELECT rowid FROM temp.dyad_docs) ORDER BY q.doc, q.ord",
    },
    Table {
        name: "documents",
        columns: &[
            ("id", S),
            ("url", S),
            ("title", S),
            ("outlet", S),
            ("published", S),
            ("published_from", S),
            ("chars", I),
            ("copy_of", S),
            ("ingested_at", S),
            ("source", S),
        ],
        sql: "SELECT d.id, d.url, d.title, d.outlet, d.published, d.published_from, d.chars,
                     (SELECT o.id FROM documents o WHERE o.rowid = d.copy_of), d.ingested_at,
                     d.source
              FROM documents d WHERE d.rowid IN (SELECT rowid FROM temp.dyad_docs)
              ORDER BY d.rowid",
    },
];

fn perr(e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Io(std::io::Error::other(e))
}

/// A column's values gathered before writing: non-null values and
/// definition levels (0 = null).
enum Col {
    Int(Vec<i64>, Vec<i16>),
    Float(Vec<f64>, Vec<i16>),
    Str(Vec<ByteArray>, Vec<i16>),
}

fn write_table(conn: &Connection, t: &Table, path: &Path) -> Result<usize, StoreError> {
    let fields: Vec<String> = t
        .columns
        .iter()
        .map(|(n, k)| match k {
            Kind::Int => format!("OPTIONAL INT64 {n};"),
            Kind::Float => format!("OPTIONAL DOUBLE {n};"),
            Kind::Str => format!("OPTIONAL BYTE_ARRAY {n} (UTF8);"),
        })
        .collect();
    let schema = Arc::new(
        parse_message_type(&format!("message {} {{ {} }}", t.name, fields.join(" ")))
            .map_err(perr)?,
    );
    let props = Arc::new(WriterProperties::builder().build());
    let file = std::fs::File::create(path)?;
    let mut w = SerializedFileWriter::new(file, schema, props).map_err(perr)?;
    let mut st = conn.prepare(t.sql)?;
    let mut rows = st.query([])?;
    let mut n = 0;
    let fresh = || -> Vec<Col> {
        t.columns
            .iter()
            .map(|(_, k)| match k {
                Kind::Int => Col::Int(vec![], vec![]),
                Kind::Float => Col::Float(vec![], vec![]),
                Kind::Str => Col::Str(vec![], vec![]),
            })
            .collect()
    };
    let mut cols = fresh();
    let mut in_group = 0;
    let mut flush = |cols: &mut Vec<Col>| -> Result<(), StoreError> {
        let mut rg = w.next_row_group().map_err(perr)?;
        for c in cols.iter() {
            let mut cw = rg
                .next_column()
                .map_err(perr)?
                .expect("one writer per column");
            match c {
                Col::Int(v, d) => cw
                    .typed::<Int64Type>()
                    .write_batch(v, Some(d), None)
                    .map(|_| ()),
                Col::Float(v, d) => cw
                    .typed::<DoubleType>()
                    .write_batch(v, Some(d), None)
                    .map(|_| ()),
                Col::Str(v, d) => cw
                    .typed::<ByteArrayType>()
                    .write_batch(v, Some(d), None)
                    .map(|_| ()),
            }
            .map_err(perr)?;
            cw.close().map_err(perr)?;
        }
        rg.close().map_err(perr)?;
        Ok(())
    };
    while let Some(r) = rows.next()? {
        for (i, c) in cols.iter_mut().enumerate() {
            let v = r.get_ref(i)?;
            match (c, v) {
                (Col::Int(_, d) | Col::Float(_, d) | Col::Str(_, d), ValueRef::Null) => d.push(0),
                (Col::Int(vals, d), ValueRef::Integer(x)) => {
                    vals.push(x);
                    d.push(1)
                }
                (Col::Float(vals, d), ValueRef::Real(x)) => {
                    vals.push(x);
                    d.push(1)
                }
                (Col::Float(vals, d), ValueRef::Integer(x)) => {
                    vals.push(x as f64);
                    d.push(1)
                }
                (Col::Str(vals, d), ValueRef::Text(s)) => {
                    vals.push(ByteArray::from(s.to_vec()));
                    d.push(1)
                }
                (Col::Str(vals, d), other) => {
                    let s = match other {
                        ValueRef::Integer(x) => x.to_string(),
                        ValueRef::Real(x) => x.to_string(),
                        _ => String::new(),
                    };
                    vals.push(ByteArray::from(s.into_bytes()));
                    d.push(1)
                }
                (Col::Int(_, d) | Col::Float(_, d), _) => d.push(0),
            }
        }
        n += 1;
        in_group += 1;
        if in_group == 100_000 {
            flush(&mut cols)?;
            cols = fresh();
            in_group = 0;
        }
    }
    if in_group > 0 || n == 0 {
        flush(&mut cols)?;
    }
    w.close().map_err(perr)?;
    Ok(n)
}

/// Write `events.parquet`, `mentions.parquet`, `quotes.parquet` and
/// `documents.parquet` into `dir` for what `f` selects (documents: those
/// reporting a selected event; all of them when nothing is filtered).
/// Returns the row count of each table.
pub fn parquet(
    conn: &Connection,
    f: &Filter,
    dir: &Path,
) -> Result<Vec<(&'static str, usize)>, StoreError> {
    std::fs::create_dir_all(dir)?;
    conn.execute_batch(
        "DROP TABLE IF EXISTS temp.dyad_sel; DROP TABLE IF EXISTS temp.dyad_docs;
         CREATE TEMP TABLE dyad_sel (id INTEGER PRIMARY KEY);
         CREATE TEMP TABLE dyad_docs (rowid INTEGER PRIMARY KEY);",
    )?;
    {
        let mut add = conn.prepare("INSERT INTO temp.dyad_sel (id) VALUES (?1)")?;
        for id in query::event_ids(conn, f)? {
            add.execute([id])?;
        }
    }
    if query::is_empty(f) {
        conn.execute("INSERT INTO temp.dyad_docs SELECT rowid FROM documents", [])?;
    } else {
        conn.execute(
            "INSERT INTO temp.dyad_docs SELECT DISTINCT doc FROM event_mentions
             WHERE event IN (SELECT id FROM temp.dyad_sel)",
            [],
        )?;
    }
    let mut out = vec![];
    for t in &TABLES {
        let n = write_table(conn, t, &dir.join(format!("{}.parquet", t.name)))?;
        out.push((t.name, n));
    }
    conn.execute_batch("DROP TABLE temp.dyad_sel; DROP TABLE temp.dyad_docs;")?;
    Ok(out)
}
