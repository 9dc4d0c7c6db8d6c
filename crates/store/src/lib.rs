//! Store: the embedded SQLite database, the analyst's centre of dyad.
//!
//! Every layer of a coded document is kept in its own table, keyed on the
//! document and the layer's position: documents (with their contract JSON),
//! sentences (with an FTS5 index), entities (one identity per canonical
//! name, code and kind, across documents), mentions, places, times, quotes
//! with speakers, links, and events. Events are merged across articles
//! (GDELT's Events and Mentions): one `events` row per event, one
//! `event_mentions` row per report of it, each keeping its document,
//! sentence, span and pattern ([`merge`] gives the rule); wire copies are
//! recognised by MinHash ([`wire`]).
//!
//! A document is known again by its id, its URL or the hash of its clean
//! text, so re-ingesting stores nothing twice. Writes go in transactions
//! ([`Store::batch`]), so an interrupted ingest leaves every committed
//! document whole. The schema is versioned ([`schema`]): an older database is
//! migrated in place, a newer one refused.
//!
//! Public API: [`Store`] (and [`Store::open_read_only`] for readers such
//! as `dyad serve`), [`Batch`], [`Put`], [`Stored`], [`DocSummary`],
//! [`StoreError`], [`MergeRule`], [`WireRule`], the [`query`] filters, rows,
//! network and places, [`browse`] (documents and quotes page by page), and
//! the [`export`] writers.

pub mod browse;
mod countries;
pub mod day;
pub mod export;
pub mod merge;
mod parquet_export;
pub mod plover;
mod put;
pub mod query;
pub mod schema;
pub mod wire;

use std::path::Path;

use dyad_document::{Contract, Document};
use rusqlite::{params, Connection, OptionalExtension};

pub use merge::{CodeLevel, MergeRule, PlaceLevel};
pub use parquet_export::parquet;
pub use put::Stored;

pub use schema::SCHEMA_VERSION;
pub use wire::WireRule;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("database error: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("stored document {id} is unreadable: {msg}")]
    Corrupt { id: String, msg: String },
    #[error(
        "database schema version {found} is newer than this dyad's ({expected}); \
         upgrade dyad to read it"
    )]
    Version { found: i64, expected: i64 },
    #[error("not a dyad database: it holds tables but no dyad schema version")]
    Foreign,
    #[error("stored merge rule is unreadable: {0}")]
    Rule(String),
    #[error(
        "the database is empty or was made by an older dyad: open it once for writing \
         (`dyad ls`) to create or migrate it"
    )]
    NotCurrent,
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// What storing one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Put {
    /// Stored under `id`: the document's own, or, when a file-derived id
    /// was taken by a different document, that id plus a hash of the text;
    /// `stats` says what became of its events.
    Stored { id: String, stats: Stored },
    /// Already there: `existing` is the stored id, `on` what matched.
    Duplicate { existing: String, on: &'static str },
}

/// One line of `dyad ls`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DocSummary {
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub source: Option<String>,
    pub links: usize,
    pub sentences: usize,
    pub chars: usize,
    pub events: usize,
    /// The id of the stored document this one is a wire copy of.
    pub copy_of: Option<String>,
    /// dyad's version and dictionaries that coded it.
    pub coded_by: Option<String>,
}

/// How a document is to be stored.
#[derive(Debug, Clone, Copy, Default)]
pub struct PutOptions<'a> {
    /// Where it came from (`path[:line]`), kept for `ls`.
    pub source: Option<&'a str>,
    /// The input gave the id: an equal id is then the same document.
    /// Otherwise the id was made from a file's path, and only the same URL
    /// or the same text makes a duplicate.
    pub id_given: bool,
    /// What coded it (`Pipeline::coded_by`).
    pub coded_by: Option<&'a str>,
}

pub struct Store {
    conn: Connection,
    rule: MergeRule,
    wire: WireRule,
}

/// A transaction: documents put through it are committed together.
pub struct Batch<'a> {
    tx: rusqlite::Transaction<'a>,
    rule: MergeRule,
    wire: WireRule,
}

/// How long a connection waits for another's lock before it gives up.
const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Switch the database to write-ahead logging. SQLite answers "busy" to
/// the switch at once, without its busy handler, while another connection
/// is making the same new file; so the switch is tried again for as long
/// as a lock would be waited for. (It is stored in the file: once one
/// connection made it, the others find it done.)
fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
    let start = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy && start.elapsed() < BUSY_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            r => return r,
        }
    }
}

impl Store {
    /// Open an existing database for reading only (what `dyad serve`'s API
    /// uses): nothing can be written through it, and a database that must
    /// first be created or migrated is refused.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let open_err = |source| StoreError::Open {
            path: path.display().to_string(),
            source,
        };
        let conn = Connection::open_with_flags(
            path,
            rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(open_err)?;
        conn.busy_timeout(BUSY_WAIT).map_err(open_err)?;
        query::register_functions(&conn).map_err(open_err)?;
        schema::check_current(&conn)?;
        let mut store = Store {
            conn,
            rule: MergeRule::default(),
            wire: WireRule::default(),
        };
        if let Some(json) = store.meta("merge_rule")? {
            store.rule =
                serde_json::from_str(&json).map_err(|e| StoreError::Rule(e.to_string()))?;
        }
        Ok(store)
    }

    /// Open (creating if needed) the database at `path`; a database made by
    /// an older dyad is migrated in place.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: path.display().to_string(),
            source,
        })?;
        Self::init(conn).map_err(|e| match e {
            StoreError::Sql(source) => StoreError::Open {
                path: path.display().to_string(),
                source,
            },
            e => e,
        })
    }

    /// A private in-memory database (tests, one-off runs).
    pub fn in_memory() -> Result<Store, StoreError> {
        Self::init(Connection::open_in_memory()?)
    }

    fn init(conn: Connection) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_WAIT)?;
        // WAL: readers (ls, query, serve) never block the ingest, and a
        // crash leaves the last committed state.
        use_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        query::register_functions(&conn)?;
        schema::prepare(&conn, |c| {
            fill_layers(c, &MergeRule::default(), &WireRule::default())
        })?;
        let mut store = Store {
            conn,
            rule: MergeRule::default(),
            wire: WireRule::default(),
        };
        store.rule = match store.meta("merge_rule")? {
            Some(json) => {
                serde_json::from_str(&json).map_err(|e| StoreError::Rule(e.to_string()))?
            }
            None => MergeRule::default(),
        };
        Ok(store)
    }

    fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
            .optional()?)
    }

    /// The connection, for read-only queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// The rule that merges event mentions into events.
    pub fn merge_rule(&self) -> MergeRule {
        self.rule
    }

    /// Change the merge rule; every stored event mention is merged again
    /// under it. Returns the number of events after.
    pub fn set_merge_rule(&mut self, rule: MergeRule) -> Result<usize, StoreError> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('merge_rule', ?1)",
            [serde_json::to_string(&rule).expect("a rule serialises")],
        )?;
        let n = remerge(&tx, &rule)?;
        tx.commit()?;
        self.rule = rule;
        Ok(n)
    }

    /// The rule that finds wire copies (for documents stored from now on).
    pub fn set_wire_rule(&mut self, rule: WireRule) {
        self.wire = rule;
    }

    /// Start a transaction. Dropping the batch without [`Batch::commit`]
    /// rolls it back.
    /// The transaction takes the write lock at once (`BEGIN IMMEDIATE`):
    /// a second writer then waits for the busy timeout instead of failing
    /// with "database is locked" when its read turns into a write.
    pub fn batch(&mut self) -> Result<Batch<'_>, StoreError> {
        Ok(Batch {
            tx: self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?,
            rule: self.rule,
            wire: self.wire,
        })
    }

    /// Store one document in its own transaction.
    pub fn put(&mut self, doc: &Document, opts: PutOptions) -> Result<Put, StoreError> {
        let b = self.batch()?;
        let r = b.put(doc, opts)?;
        b.commit()?;
        Ok(r)
    }

    /// Replace a stored document by a new coding of it (same id), in its
    /// own transaction: its layers are replaced and its events merged
    /// again (events left without mentions go). Returns false when no
    /// document has that id.
    pub fn replace(&mut self, doc: &Document, coded_by: Option<&str>) -> Result<bool, StoreError> {
        let b = self.batch()?;
        let done = b.replace(doc, coded_by)?.is_some();
        b.commit()?;
        Ok(done)
    }

    /// Ids of stored documents, oldest first, with what coded each.
    pub fn coded(&self) -> Result<Vec<(String, Option<String>)>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT id, coded_by FROM documents ORDER BY rowid")?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    pub fn count(&self) -> Result<usize, StoreError> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM documents", [], |r| r.get::<_, i64>(0))?
            as usize)
    }

    /// Number of (merged) events and of event mentions stored.
    pub fn event_counts(&self) -> Result<(usize, usize), StoreError> {
        Ok(self.conn.query_row(
            "SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM event_mentions)",
            [],
            |r| Ok((r.get::<_, i64>(0)? as usize, r.get::<_, i64>(1)? as usize)),
        )?)
    }

    /// Stored documents, oldest publication first.
    pub fn list(&self) -> Result<Vec<DocSummary>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT d.id, d.url, d.title, d.outlet, d.published, d.source,
                    (SELECT count(*) FROM links l WHERE l.doc = d.rowid),
                    (SELECT count(*) FROM sentences s WHERE s.doc = d.rowid),
                    d.chars,
                    (SELECT count(*) FROM event_mentions m WHERE m.doc = d.rowid),
                    (SELECT o.id FROM documents o WHERE o.rowid = d.copy_of),
                    d.coded_by
             FROM documents d ORDER BY d.published, d.id",
        )?;
        let rows = st.query_map([], summary)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// One stored document's contract JSON as stored, by id (what
    /// [`Store::get`] reads, without building the [`Document`]: a server
    /// can send or render it as it is).
    pub fn get_json(&self, id: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT doc FROM documents WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }

    /// One stored document, by id.
    pub fn get(&self, id: &str) -> Result<Option<Document>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT doc FROM documents WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(json) = json else { return Ok(None) };
        let corrupt = |msg: String| StoreError::Corrupt {
            id: id.to_string(),
            msg,
        };
        let c: Contract = serde_json::from_str(&json).map_err(|e| corrupt(e.to_string()))?;
        Document::from_contract(c)
            .map(Some)
            .map_err(|e| corrupt(e.to_string()))
    }
}

/// A [`DocSummary`] from the columns `list` and `browse::documents` select.
pub(crate) fn summary(r: &rusqlite::Row<'_>) -> rusqlite::Result<DocSummary> {
    Ok(DocSummary {
        id: r.get(0)?,
        url: r.get(1)?,
        title: r.get(2)?,
        outlet: r.get(3)?,
        published: r.get(4)?,
        source: r.get(5)?,
        links: r.get::<_, i64>(6)? as usize,
        sentences: r.get::<_, i64>(7)? as usize,
        chars: r.get::<_, Option<i64>>(8)?.unwrap_or(0) as usize,
        events: r.get::<_, i64>(9)? as usize,
        copy_of: r.get(10)?,
        coded_by: r.get(11)?,
    })
}

/// Documents stored before their layers had tables (a migrated
/// database): fill the layers from each document's JSON.
fn fill_layers(conn: &Connection, rule: &MergeRule, wire: &WireRule) -> Result<(), StoreError> {
    let docs: Vec<(i64, String, String)> = {
        let mut st = conn.prepare(
            "SELECT rowid, id, doc FROM documents
             WHERE rowid NOT IN (SELECT doc FROM sentences) ORDER BY rowid",
        )?;
        let rows = st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (rowid, id, json) in docs {
        let c: Contract = serde_json::from_str(&json).map_err(|e| StoreError::Corrupt {
            id: id.clone(),
            msg: e.to_string(),
        })?;
        conn.execute(
            "UPDATE documents SET day = ?2, chars = ?3 WHERE rowid = ?1",
            params![rowid, published_day(&c), c.text.chars().count() as i64],
        )?;
        // The links table existed before: its rows are written again.
        conn.execute("DELETE FROM links WHERE doc = ?1", [rowid])?;
        put::layers(conn, rowid, &c, rule, wire)?;
    }
    Ok(())
}

fn published_day(c: &Contract) -> Option<i64> {
    c.published.as_deref().and_then(day::parse).map(|d| d.0)
}

/// Merge every stored event mention again, in the order stored.
fn remerge(conn: &Connection, rule: &MergeRule) -> Result<usize, StoreError> {
    conn.execute_batch(
        "PRAGMA defer_foreign_keys = ON; DELETE FROM event_places; DELETE FROM events;",
    )?;
    let rows: Vec<(i64, put::Mention)> = {
        let mut st = conn.prepare(
            "SELECT m.rowid, m.doc, d.copy_of, m.source, m.target, m.code, m.quad_class,
                    m.goldstein, m.day, p.name, p.country, p.admin1, p.lat, p.lon, p.feature
             FROM event_mentions m
             JOIN documents d ON d.rowid = m.doc
             LEFT JOIN places p ON p.doc = m.doc AND p.ord = m.place
             ORDER BY m.rowid",
        )?;
        let rows = st.query_map([], |r| {
            let place = match r.get::<_, Option<String>>(9)? {
                Some(name) => Some(put::PlaceRow {
                    name,
                    country: r.get(10)?,
                    admin1: r.get(11)?,
                    lat: r.get(12)?,
                    lon: r.get(13)?,
                    feature: r.get(14)?,
                }),
                None => None,
            };
            Ok((
                r.get(0)?,
                put::Mention {
                    doc: r.get(1)?,
                    copy_of: r.get(2)?,
                    source: r.get(3)?,
                    target: r.get(4)?,
                    code: r.get(5)?,
                    quad_class: r.get(6)?,
                    goldstein: r.get(7)?,
                    day: r.get(8)?,
                    place,
                },
            ))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    let mut touched = std::collections::HashSet::new();
    for (rowid, m) in rows {
        let (event, _) = put::assign(conn, &m, rule)?;
        conn.execute(
            "UPDATE event_mentions SET event = ?2 WHERE rowid = ?1",
            params![rowid, event],
        )?;
        touched.insert(event);
    }
    for ev in &touched {
        put::recount(conn, *ev)?;
    }
    Ok(touched.len())
}

impl Batch<'_> {
    /// Store a document unless the same one is there: the same URL, the
    /// same clean text, or (for an id the input gave) the same id.
    pub fn put(&self, doc: &Document, opts: PutOptions) -> Result<Put, StoreError> {
        let hash = doc.text_hash();
        let existing: Option<(String, Option<String>, String)> = self
            .tx
            .query_row(
                "SELECT id, url, text_hash FROM documents
                 WHERE (?4 AND id = ?1) OR (?2 IS NOT NULL AND url = ?2) OR text_hash = ?3
                 LIMIT 1",
                params![doc.id, doc.url, hash, opts.id_given],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        if let Some((id, url, h)) = existing {
            let on = if url.is_some() && url == doc.url {
                "url"
            } else if h == hash {
                "text"
            } else {
                "id"
            };
            return Ok(Put::Duplicate { existing: id, on });
        }
        // A file-derived id another document has: this one is different (no
        // URL or text matched), so it gets the id plus its text's hash.
        let mut id = doc.id.clone();
        let taken = |id: &str| -> Result<bool, StoreError> {
            Ok(self
                .tx
                .query_row("SELECT 1 FROM documents WHERE id = ?1", [id], |_| Ok(()))
                .optional()?
                .is_some())
        };
        if taken(&id)? {
            id = format!("{}-{}", doc.id, &hash[..8.min(hash.len())]);
            let mut k = 2;
            while taken(&id)? {
                id = format!("{}-{}-{k}", doc.id, &hash[..8.min(hash.len())]);
                k += 1;
            }
        }
        // Tokens are cheap to recompute and triple the size: not stored.
        let mut contract = doc.to_contract(false);
        contract.id.clone_from(&id);
        let json = serde_json::to_string(&contract).expect("a contract always serialises");
        let published_from = contract.published_from.as_ref().map(put::name);
        self.tx.execute(
            "INSERT INTO documents (id, url, text_hash, title, outlet, published, published_from,
                                    source, ingested_at, doc, day, chars, coded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?9,
                     ?10, ?11, ?12)",
            params![
                id,
                doc.url,
                hash,
                doc.title,
                doc.outlet,
                doc.published,
                published_from,
                opts.source,
                json,
                published_day(&contract),
                contract.text.chars().count() as i64,
                opts.coded_by
            ],
        )?;
        let rowid = self.tx.last_insert_rowid();
        let stats = put::layers(&self.tx, rowid, &contract, &self.rule, &self.wire)?;
        Ok(Put::Stored { id, stats })
    }

    /// Store a new coding of the stored document with the same id
    /// (re-coding): the row keeps its place, its layers are replaced and its
    /// events merged again; events left without mentions go. `None` when no
    /// document has that id.
    pub fn replace(
        &self,
        doc: &Document,
        coded_by: Option<&str>,
    ) -> Result<Option<Stored>, StoreError> {
        let rowid: Option<i64> = self
            .tx
            .query_row(
                "SELECT rowid FROM documents WHERE id = ?1",
                [&doc.id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(rowid) = rowid else { return Ok(None) };
        self.remove_layers(rowid)?;
        let contract = doc.to_contract(false);
        let json = serde_json::to_string(&contract).expect("a contract always serialises");
        self.tx.execute(
            "UPDATE documents SET doc = ?2, coded_by = ?3, day = ?4, chars = ?5 WHERE rowid = ?1",
            params![
                rowid,
                json,
                coded_by,
                published_day(&contract),
                contract.text.chars().count() as i64
            ],
        )?;
        Ok(Some(put::layers(
            &self.tx, rowid, &contract, &self.rule, &self.wire,
        )?))
    }

    /// Delete a document's layers (not its row), fixing the counts of the
    /// events it reported.
    fn remove_layers(&self, rowid: i64) -> Result<(), StoreError> {
        let tx = &self.tx;
        let events: Vec<i64> = {
            let mut st = tx.prepare("SELECT DISTINCT event FROM event_mentions WHERE doc = ?1")?;
            let rows = st.query_map([rowid], |r| r.get(0))?;
            rows.collect::<Result<_, _>>()?
        };
        tx.execute(
            "INSERT INTO sentences_fts (sentences_fts, rowid, text)
             SELECT 'delete', rowid, text FROM sentences WHERE doc = ?1",
            [rowid],
        )?;
        for table in [
            "event_mentions",
            "sentences",
            "mentions",
            "places",
            "times",
            "quotes",
            "links",
            "doc_bands",
            "event_places",
        ] {
            tx.execute(&format!("DELETE FROM {table} WHERE doc = ?1"), [rowid])?;
        }
        tx.execute(
            "UPDATE documents SET copy_of = NULL, minhash = NULL WHERE rowid = ?1",
            [rowid],
        )?;
        for ev in events {
            put::recount(tx, ev)?;
        }
        tx.execute("DELETE FROM events WHERE num_mentions = 0", [])?;
        Ok(())
    }

    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit()?)
    }
}

#[cfg(test)]
mod tests;
