//! The database schema, its version (`PRAGMA user_version`) and migrations.
//!
//! Versions:
//! 1. documents (their contract JSON) and links; the version in a `meta` row;
//! 2. `documents.coded_by` (which dyad and dictionaries coded each);
//! 3. every layer in its own table, events merged across articles, wire
//!    copies; the version in `PRAGMA user_version` (and `meta`);
//! 4. `event_places`: the other places a wire copy gave an event it joined,
//!    so that the stories merging with it do not depend on which copy was
//!    stored first.
//!
//! Versions 1 and 2 are migrated in place: the new columns and tables are
//! created and every stored document's layers are filled from its JSON.
//! Version 3 gains the empty `event_places` (events stored before keep the
//! merges they had; `dyad` re-merges when the merge rule changes). A
//! database from a newer dyad, or a file that is not a dyad database, is
//! refused with a message saying so.

use rusqlite::{Connection, OptionalExtension};

use crate::StoreError;

/// The schema this dyad writes.
pub const SCHEMA_VERSION: i64 = 4;

/// Tables of version 2. Layers key on (document rowid, position in the
/// document's array), so `events[].place` and friends stay valid indexes.
pub(crate) const DDL: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
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
    doc TEXT NOT NULL,
    day INTEGER,
    chars INTEGER,
    copy_of INTEGER REFERENCES documents(rowid),
    minhash BLOB
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
CREATE INDEX IF NOT EXISTS links_url ON links(url);
";

/// What version 4 adds (run after [`DDL_V3`], also on a migrated 1, 2 or 3).
pub(crate) const DDL_V4: &str = "
CREATE TABLE IF NOT EXISTS event_places (
    event INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    place_key TEXT NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    -- The event's merge keys, copied so the lookup is as selective as
    -- the one on events.
    source TEXT,
    target TEXT,
    code_key TEXT NOT NULL,
    day INTEGER,
    PRIMARY KEY (event, place_key, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_places_merge
    ON event_places(source, target, code_key, place_key, day);
CREATE INDEX IF NOT EXISTS event_places_doc ON event_places(doc);
";

/// What version 3 adds (run after [`DDL`], also on a migrated version 1 or 2).
pub(crate) const DDL_V3: &str = "
CREATE INDEX IF NOT EXISTS documents_day ON documents(day);
CREATE INDEX IF NOT EXISTS documents_outlet ON documents(outlet COLLATE NOCASE);
CREATE INDEX IF NOT EXISTS documents_copy_of ON documents(copy_of);
CREATE TABLE IF NOT EXISTS doc_bands (
    band INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    PRIMARY KEY (band, hash, doc)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS doc_bands_doc ON doc_bands(doc);
CREATE TABLE IF NOT EXISTS sentences (
    rowid INTEGER PRIMARY KEY,
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    UNIQUE (doc, ord)
);
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts
    USING fts5(text, content='sentences', content_rowid='rowid');
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    code TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    UNIQUE (name, code, kind)
);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS mentions (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    code TEXT,
    entity INTEGER REFERENCES entities(id),
    role TEXT,
    anonymous INTEGER NOT NULL,
    count INTEGER,
    refers_to INTEGER,
    pattern TEXT,
    PRIMARY KEY (doc, ord)
);
CREATE INDEX IF NOT EXISTS mentions_code ON mentions(code);
CREATE INDEX IF NOT EXISTS mentions_entity ON mentions(entity);
CREATE TABLE IF NOT EXISTS places (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    name TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    feature TEXT NOT NULL,
    metonym INTEGER NOT NULL,
    PRIMARY KEY (doc, ord)
);
CREATE INDEX IF NOT EXISTS places_name ON places(name COLLATE NOCASE);
CREATE TABLE IF NOT EXISTS times (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT,
    approximate INTEGER NOT NULL,
    anchor TEXT,
    PRIMARY KEY (doc, ord)
);
CREATE TABLE IF NOT EXISTS quotes (
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    cue TEXT,
    continuation INTEGER NOT NULL,
    nested INTEGER NOT NULL,
    partial INTEGER NOT NULL,
    speaker_name TEXT,
    speaker_code TEXT,
    speaker_role TEXT,
    speaker_anonymous INTEGER,
    speaker_count INTEGER,
    speaker_mention INTEGER,
    speaker_entity INTEGER REFERENCES entities(id),
    PRIMARY KEY (doc, ord)
);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes(speaker_entity);
CREATE INDEX IF NOT EXISTS quotes_speaker_code ON quotes(speaker_code);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    source TEXT,
    target TEXT,
    code TEXT NOT NULL,
    base_code TEXT NOT NULL,
    code_key TEXT NOT NULL,
    root TEXT NOT NULL,
    quad_class INTEGER NOT NULL,
    goldstein REAL NOT NULL,
    plover TEXT,
    day INTEGER,
    date TEXT,
    place_key TEXT NOT NULL,
    place_name TEXT,
    country TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    feature TEXT,
    num_mentions INTEGER NOT NULL DEFAULT 0,
    num_articles INTEGER NOT NULL DEFAULT 0,
    num_sources INTEGER NOT NULL DEFAULT 0,
    first_doc INTEGER REFERENCES documents(rowid) ON DELETE SET NULL,
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_merge ON events(source, target, code_key, place_key, day);
CREATE INDEX IF NOT EXISTS events_target ON events(target, day);
CREATE INDEX IF NOT EXISTS events_day ON events(day, num_mentions);
CREATE INDEX IF NOT EXISTS events_code ON events(code, day);
CREATE INDEX IF NOT EXISTS events_root ON events(root, day, num_mentions);
CREATE INDEX IF NOT EXISTS events_quad ON events(quad_class, day, num_mentions);
CREATE INDEX IF NOT EXISTS events_plover ON events(plover, day);
CREATE INDEX IF NOT EXISTS events_country ON events(country, day);
CREATE INDEX IF NOT EXISTS events_place ON events(place_name COLLATE NOCASE, day);
CREATE INDEX IF NOT EXISTS events_admin1 ON events(admin1 COLLATE NOCASE, day);
CREATE INDEX IF NOT EXISTS events_latlon ON events(lat, lon);
CREATE TABLE IF NOT EXISTS event_mentions (
    rowid INTEGER PRIMARY KEY,
    event INTEGER NOT NULL REFERENCES events(id),
    doc INTEGER NOT NULL REFERENCES documents(rowid) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    sentence INTEGER NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    code TEXT NOT NULL,
    pattern TEXT NOT NULL,
    source_text TEXT,
    target_text TEXT,
    source_mention INTEGER,
    target_mention INTEGER,
    source_entity INTEGER REFERENCES entities(id),
    target_entity INTEGER REFERENCES entities(id),
    date TEXT,
    date_from TEXT,
    place INTEGER,
    source TEXT,
    target TEXT,
    day INTEGER,
    goldstein REAL NOT NULL,
    quad_class INTEGER NOT NULL,
    UNIQUE (doc, ord)
);
CREATE INDEX IF NOT EXISTS event_mentions_event ON event_mentions(event, doc);
CREATE INDEX IF NOT EXISTS event_mentions_source_entity ON event_mentions(source_entity);
CREATE INDEX IF NOT EXISTS event_mentions_target_entity ON event_mentions(target_entity);
";

/// What the file holds, judged before anything is written to it.
enum Found {
    Empty,
    Version(i64),
    Foreign,
}

fn found(conn: &Connection) -> Result<Found, StoreError> {
    let user_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if user_version > 0 {
        return Ok(Found::Version(user_version));
    }
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if tables == 0 {
        return Ok(Found::Empty);
    }
    let has_meta: bool = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |_| Ok(true),
        )
        .optional()?
        .unwrap_or(false);
    if !has_meta {
        return Ok(Found::Foreign);
    }
    let v: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'schema_version'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    Ok(match v.and_then(|v| v.parse().ok()) {
        Some(v) => Found::Version(v),
        None => Found::Foreign,
    })
}

/// Refuse a database that is not at this dyad's schema version (for a
/// read-only connection, which cannot create or migrate it).
pub(crate) fn check_current(conn: &Connection) -> Result<(), StoreError> {
    match found(conn)? {
        Found::Version(v) if v == SCHEMA_VERSION => Ok(()),
        Found::Version(v) if v > SCHEMA_VERSION => Err(StoreError::Version {
            found: v,
            expected: SCHEMA_VERSION,
        }),
        Found::Version(_) | Found::Empty => Err(StoreError::NotCurrent),
        Found::Foreign => Err(StoreError::Foreign),
    }
}

/// What opening did to the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Opened {
    Created,
    Current,
    /// Migrated in place from this version; its documents' layers must be
    /// filled from their JSON (the caller does it, it knows how to store).
    Migrated(i64),
}

/// Create, check or migrate the schema. A migration runs `fill` (which
/// fills the new tables from the stored documents) in the same
/// transaction, under the write lock, so two processes opening one old
/// database migrate it once.
pub(crate) fn prepare(
    conn: &Connection,
    fill: impl FnOnce(&Connection) -> Result<(), StoreError>,
) -> Result<Opened, StoreError> {
    if let Found::Version(v) = found(conn)? {
        if v == SCHEMA_VERSION {
            return Ok(Opened::Current);
        }
    }
    conn.execute_batch("BEGIN IMMEDIATE")?;
    let r = migrate(conn, fill);
    match r {
        Ok(o) => {
            conn.execute_batch("COMMIT")?;
            Ok(o)
        }
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn migrate(
    conn: &Connection,
    fill: impl FnOnce(&Connection) -> Result<(), StoreError>,
) -> Result<Opened, StoreError> {
    match found(conn)? {
        Found::Foreign => Err(StoreError::Foreign),
        Found::Version(v) if v > SCHEMA_VERSION => Err(StoreError::Version {
            found: v,
            expected: SCHEMA_VERSION,
        }),
        Found::Version(v) if v == SCHEMA_VERSION => Ok(Opened::Current),
        Found::Version(v @ (1 | 2)) => {
            if v == 1 {
                conn.execute_batch("ALTER TABLE documents ADD COLUMN coded_by TEXT;")?;
            }
            conn.execute_batch(
                "ALTER TABLE documents ADD COLUMN day INTEGER;
                 ALTER TABLE documents ADD COLUMN chars INTEGER;
                 ALTER TABLE documents ADD COLUMN copy_of INTEGER REFERENCES documents(rowid);
                 ALTER TABLE documents ADD COLUMN minhash BLOB;",
            )?;
            conn.execute_batch(DDL_V3)?;
            conn.execute_batch(DDL_V4)?;
            fill(conn)?;
            set_version(conn)?;
            Ok(Opened::Migrated(v))
        }
        Found::Version(3) => {
            conn.execute_batch(DDL_V4)?;
            set_version(conn)?;
            Ok(Opened::Migrated(3))
        }
        Found::Version(v) => Err(StoreError::Version {
            found: v,
            expected: SCHEMA_VERSION,
        }),
        Found::Empty => {
            conn.execute_batch(DDL)?;
            conn.execute_batch(DDL_V3)?;
            conn.execute_batch(DDL_V4)?;
            set_version(conn)?;
            Ok(Opened::Created)
        }
    }
}

fn set_version(conn: &Connection) -> Result<(), StoreError> {
    conn.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))?;
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?1)",
        [SCHEMA_VERSION.to_string()],
    )?;
    Ok(())
}

/// The version 1 schema, verbatim, for the migration test.
#[cfg(test)]
pub(crate) const DDL_V1: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    rowid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    url TEXT UNIQUE,
    text_hash TEXT NOT NULL UNIQUE,
    title TEXT,
    outlet TEXT,
    published TEXT,
    published_from TEXT,
    source TEXT,
    ingested_at TEXT NOT NULL,
    doc TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE TABLE links (
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
CREATE INDEX links_url ON links(url);
INSERT INTO meta (key, value) VALUES ('schema_version', '1');
";
