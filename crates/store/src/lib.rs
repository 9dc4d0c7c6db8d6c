//! Store: the embedded SQLite database that keeps coded documents.
//!
//! One row per document (its contract JSON plus indexed columns) and one per
//! link. A document is known again by its id, its URL or the hash of its
//! clean text, so re-ingesting stores nothing twice. Writes go in
//! transactions ([`Store::batch`]), so an interrupted ingest leaves every
//! committed document whole and nothing half-written; the next run goes on.
//!
//! Public API: [`Store`], [`Batch`], [`Put`], [`DocSummary`], [`StoreError`].

use std::path::Path;

use dyad_document::{Contract, Document};
use rusqlite::{params, Connection, OptionalExtension};

/// 1: documents and links. 2: `documents.coded_by`.
const SCHEMA_VERSION: i64 = 2;

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
    #[error("database schema version {found} is newer than this dyad ({expected}); upgrade dyad")]
    Version { found: i64, expected: i64 },
}

/// What storing one document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Put {
    /// Stored under `id`: the document's own, or, when a file-derived id
    /// was taken by a different document, that id plus a hash of the text.
    Stored { id: String },
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
    /// dyad's version and dictionaries that coded it.
    pub coded_by: Option<String>,
}

pub struct Store {
    conn: Connection,
}

/// A transaction: documents put through it are committed together.
pub struct Batch<'a> {
    tx: rusqlite::Transaction<'a>,
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

impl Store {
    /// Open (creating if needed) the database at `path`.
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
        // WAL: readers (ls, serve) never block the ingest, and a crash
        // leaves the last committed state.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS documents (
                 rowid INTEGER PRIMARY KEY,
                 id TEXT NOT NULL UNIQUE,
                 url TEXT UNIQUE,
                 text_hash TEXT NOT NULL UNIQUE,
                 title TEXT,
                 outlet TEXT,
                 published TEXT,
                 published_from TEXT,
                 source TEXT,
                 coded_by TEXT,
                 ingested_at TEXT NOT NULL,
                 doc TEXT NOT NULL
             );
             CREATE INDEX IF NOT EXISTS documents_published ON documents(published);
             CREATE TABLE IF NOT EXISTS links (
                 doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
                 ord INTEGER NOT NULL,
                 text TEXT NOT NULL,
                 url TEXT NOT NULL,
                 kind TEXT NOT NULL,
                 date TEXT,
                 start INTEGER NOT NULL,
                 end INTEGER NOT NULL,
                 PRIMARY KEY (doc, ord)
             );
             CREATE INDEX IF NOT EXISTS links_url ON links(url);",
        )?;
        let found: Option<i64> = conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .and_then(|v| v.parse().ok());
        match found {
            Some(v) if v > SCHEMA_VERSION => {
                return Err(StoreError::Version {
                    found: v,
                    expected: SCHEMA_VERSION,
                })
            }
            Some(1) => {
                // 1 → 2: which dyad and dictionaries coded each document
                // (unknown for what version 1 stored).
                conn.execute_batch(
                    "BEGIN IMMEDIATE;
                     ALTER TABLE documents ADD COLUMN coded_by TEXT;
                     UPDATE meta SET value = '2' WHERE key = 'schema_version';
                     COMMIT;",
                )?;
            }
            Some(_) => {}
            None => {
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?1)",
                    [SCHEMA_VERSION.to_string()],
                )?;
            }
        }
        Ok(Store { conn })
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
    /// own transaction. Returns false when no document has that id.
    pub fn replace(&mut self, doc: &Document, coded_by: Option<&str>) -> Result<bool, StoreError> {
        let contract = doc.to_contract(false);
        let json = serde_json::to_string(&contract).expect("a contract always serialises");
        let b = self.batch()?;
        let n = b.tx.execute(
            "UPDATE documents SET doc = ?2, coded_by = ?3 WHERE id = ?1",
            params![doc.id, json, coded_by],
        )?;
        b.commit()?;
        Ok(n == 1)
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

    /// Stored documents, oldest publication first.
    pub fn list(&self) -> Result<Vec<DocSummary>, StoreError> {
        let mut st = self.conn.prepare(
            "SELECT d.id, d.url, d.title, d.outlet, d.published, d.source,
                    (SELECT count(*) FROM links l WHERE l.doc = d.rowid),
                    json_array_length(d.doc, '$.sentences'),
                    length(json_extract(d.doc, '$.text')),
                    d.coded_by
             FROM documents d ORDER BY d.published, d.id",
        )?;
        let rows = st.query_map([], |r| {
            Ok(DocSummary {
                id: r.get(0)?,
                url: r.get(1)?,
                title: r.get(2)?,
                outlet: r.get(3)?,
                published: r.get(4)?,
                source: r.get(5)?,
                links: r.get::<_, i64>(6)? as usize,
                sentences: r.get::<_, Option<i64>>(7)?.unwrap_or(0) as usize,
                chars: r.get::<_, Option<i64>>(8)?.unwrap_or(0) as usize,
                coded_by: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
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
        let source = opts.source;
        // Tokens are cheap to recompute and triple the size: not stored.
        let mut contract = doc.to_contract(false);
        contract.id.clone_from(&id);
        let json = serde_json::to_string(&contract).expect("a contract always serialises");
        let published_from = contract
            .published_from
            .map(|p| serde_json::to_value(p).expect("enum serialises"))
            .and_then(|v| v.as_str().map(str::to_string));
        self.tx.execute(
            "INSERT INTO documents (id, url, text_hash, title, outlet, published, published_from,
                                    source, ingested_at, doc, coded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?9, ?10)",
            params![
                id,
                doc.url,
                hash,
                doc.title,
                doc.outlet,
                doc.published,
                published_from,
                source,
                json,
                opts.coded_by
            ],
        )?;
        let rowid = self.tx.last_insert_rowid();
        let mut st = self.tx.prepare_cached(
            "INSERT INTO links (doc, ord, text, url, kind, date, start, end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, l) in contract.links.iter().enumerate() {
            let kind = serde_json::to_value(l.kind).expect("enum serialises");
            st.execute(params![
                rowid,
                i as i64,
                l.text,
                l.url,
                kind.as_str(),
                l.date,
                l.start as i64,
                l.end as i64
            ])?;
        }
        Ok(Put::Stored { id })
    }

    pub fn commit(self) -> Result<(), StoreError> {
        Ok(self.tx.commit()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_document::{Link, LinkKind, Span};

    fn doc(id: &str, url: Option<&str>, text: &str) -> Document {
        Document {
            id: id.into(),
            url: url.map(str::to_string),
            text: text.into(),
            links: vec![Link {
                text: text[..3].into(),
                url: "https://x.example/a".into(),
                kind: LinkKind::Other,
                date: None,
                span: Span::new(0, 3),
            }],
            ..Default::default()
        }
    }

    fn given(source: &str) -> PutOptions<'_> {
        PutOptions {
            source: Some(source),
            id_given: true,
            coded_by: Some("dyad test"),
        }
    }

    fn stored(id: &str) -> Put {
        Put::Stored { id: id.into() }
    }

    fn tmp_db(name: &str) -> (std::path::PathBuf, std::path::PathBuf) {
        let dir = std::env::temp_dir().join(format!("dyad-store-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("t.db");
        (dir, path)
    }

    #[test]
    fn duplicates_by_given_id_url_or_text_are_not_stored_twice() {
        let mut s = Store::in_memory().unwrap();
        let g = given("x.jsonl:1");
        assert_eq!(
            s.put(&doc("a", Some("https://x.example/1"), "One text."), g)
                .unwrap(),
            stored("a")
        );
        let d = |e: &str, on| Put::Duplicate {
            existing: e.into(),
            on,
        };
        assert_eq!(
            s.put(&doc("a", None, "Other text."), g).unwrap(),
            d("a", "id")
        );
        assert_eq!(
            s.put(&doc("b", Some("https://x.example/1"), "Third text."), g)
                .unwrap(),
            d("a", "url")
        );
        assert_eq!(
            s.put(&doc("c", None, "One   text."), g).unwrap(),
            d("a", "text")
        );
        assert_eq!(s.put(&doc("d", None, "New text."), g).unwrap(), stored("d"));
        assert_eq!(s.count().unwrap(), 2);
        let back = s.get("a").unwrap().unwrap();
        assert_eq!(back, doc("a", Some("https://x.example/1"), "One text."));
        let list = s.list().unwrap();
        assert_eq!(list[0].links, 1);
        assert_eq!(list[0].coded_by.as_deref(), Some("dyad test"));
    }

    #[test]
    fn a_file_derived_id_taken_by_another_document_gets_a_hash() {
        let mut s = Store::in_memory().unwrap();
        let file = PutOptions::default();
        assert_eq!(
            s.put(&doc("report", None, "Chile text."), file).unwrap(),
            stored("report")
        );
        // Another run, another folder, another article with the same name.
        let other = doc("report", None, "Peru text.");
        let Put::Stored { id } = s.put(&other, file).unwrap() else {
            panic!("a different article must be stored")
        };
        assert!(id.starts_with("report-") && id != "report", "{id}");
        assert_eq!(s.get(&id).unwrap().unwrap().text, "Peru text.");
        assert_eq!(s.count().unwrap(), 2);
        // The same article again is a duplicate by its text, whatever its id.
        assert!(matches!(
            s.put(&doc("report", None, "Peru text."), file).unwrap(),
            Put::Duplicate { on: "text", .. }
        ));
    }

    #[test]
    fn a_version_1_database_is_migrated_and_a_newer_one_refused() {
        let (dir, path) = tmp_db("migrate");
        {
            let c = Connection::open(&path).unwrap();
            c.execute_batch(
                "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
                 INSERT INTO meta VALUES ('schema_version', '1');
                 CREATE TABLE documents (rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE,
                     url TEXT UNIQUE, text_hash TEXT NOT NULL UNIQUE, title TEXT, outlet TEXT,
                     published TEXT, published_from TEXT, source TEXT,
                     ingested_at TEXT NOT NULL, doc TEXT NOT NULL);",
            )
            .unwrap();
        }
        let mut s = Store::open(&path).unwrap();
        s.put(&doc("a", None, "Some text."), PutOptions::default())
            .unwrap();
        assert_eq!(s.list().unwrap().len(), 1);
        drop(s);
        {
            let c = Connection::open(&path).unwrap();
            c.execute(
                "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
                [],
            )
            .unwrap();
        }
        let e = Store::open(&path).err().expect("a newer schema is refused");
        assert!(e.to_string().contains("newer than this dyad"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn two_writers_both_complete() {
        let (dir, path) = tmp_db("writers");
        Store::open(&path).unwrap();
        let writer = |tag: &'static str| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut s = Store::open(&path).unwrap();
                for i in 0..150 {
                    let text = format!("Article {i} from writer {tag}.");
                    s.put(
                        &doc(&format!("{tag}{i}"), None, &text),
                        PutOptions::default(),
                    )
                    .unwrap();
                }
            })
        };
        let (a, b) = (writer("a"), writer("b"));
        a.join().unwrap();
        b.join().unwrap();
        assert_eq!(Store::open(&path).unwrap().count().unwrap(), 300);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn an_uncommitted_batch_leaves_nothing() {
        let (dir, path) = tmp_db("batch");
        {
            let mut s = Store::open(&path).unwrap();
            s.put(&doc("kept", None, "Kept text."), PutOptions::default())
                .unwrap();
            let b = s.batch().unwrap();
            b.put(&doc("lost", None, "Lost text."), PutOptions::default())
                .unwrap();
            // Dropped without commit: as if the process were killed here.
        }
        let s = Store::open(&path).unwrap();
        let ids: Vec<String> = s.list().unwrap().into_iter().map(|d| d.id).collect();
        assert_eq!(ids, vec!["kept".to_string()]);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn replace_recodes_in_place() {
        let mut s = Store::in_memory().unwrap();
        s.put(&doc("a", None, "Text."), PutOptions::default())
            .unwrap();
        let mut d = doc("a", None, "Text.");
        d.title = Some("New".into());
        assert!(s.replace(&d, Some("dyad 2")).unwrap());
        assert_eq!(s.get("a").unwrap().unwrap().title.as_deref(), Some("New"));
        assert_eq!(
            s.coded().unwrap(),
            vec![("a".to_string(), Some("dyad 2".to_string()))]
        );
        assert!(!s.replace(&doc("zz", None, "Xyz."), None).unwrap());
    }
}
