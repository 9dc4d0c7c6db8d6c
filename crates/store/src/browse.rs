//! Browsing the store page by page: documents by search, and quotes with
//! their speakers (what `dyad serve` lists; `dyad ls` lists everything).

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;

use crate::{DocSummary, StoreError};

/// Which documents, and which page of them.
#[derive(Debug, Clone, Default)]
pub struct DocQuery {
    /// Words in the title, id or URL (any case).
    pub search: Option<String>,
    /// FTS5 query over the documents' sentences.
    pub text: Option<String>,
    pub outlet: Option<String>,
    /// Published on or after / before or on (`YYYY-MM-DD` prefix compare).
    pub since: Option<String>,
    pub until: Option<String>,
    pub offset: usize,
    /// At most this many (the caller bounds it).
    pub limit: usize,
}

/// A page of documents and how many the query selects in all.
#[derive(Debug, Clone, Serialize)]
pub struct DocPage {
    pub total: usize,
    pub offset: usize,
    pub documents: Vec<DocSummary>,
}

/// The documents a query selects, newest publication first.
pub fn documents(conn: &Connection, q: &DocQuery) -> Result<DocPage, StoreError> {
    let mut conds: Vec<String> = vec![];
    let mut params: Vec<Value> = vec![];
    let p = |v: String, params: &mut Vec<Value>| {
        params.push(Value::Text(v));
        format!("?{}", params.len())
    };
    if let Some(s) = q.search.as_deref().filter(|s| !s.trim().is_empty()) {
        let like = s
            .trim()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_");
        let x = p(format!("%{like}%"), &mut params);
        conds.push(format!(
            "(d.title LIKE {x} ESCAPE '\\' OR d.id LIKE {x} ESCAPE '\\' OR d.url LIKE {x} ESCAPE '\\')"
        ));
    }
    if let Some(t) = q.text.as_deref().filter(|s| !s.trim().is_empty()) {
        let x = p(t.to_string(), &mut params);
        conds.push(format!(
            "d.rowid IN (SELECT s.doc FROM sentences s WHERE s.rowid IN
                 (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH {x}))"
        ));
    }
    if let Some(o) = q.outlet.as_deref().filter(|s| !s.trim().is_empty()) {
        let x = p(o.trim().to_string(), &mut params);
        conds.push(format!("d.outlet = {x} COLLATE NOCASE"));
    }
    if let Some(s) = &q.since {
        let x = p(s.clone(), &mut params);
        conds.push(format!("d.published >= {x}"));
    }
    if let Some(u) = &q.until {
        // `2024-05` takes every day of May.
        let x = p(format!("{u}\u{10FFFF}"), &mut params);
        conds.push(format!("d.published <= {x}"));
    }
    let w = if conds.is_empty() {
        "1".to_string()
    } else {
        conds.join(" AND ")
    };
    let total: i64 = conn.query_row(
        &format!("SELECT count(*) FROM documents d WHERE {w}"),
        rusqlite::params_from_iter(params.iter()),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT d.id, d.url, d.title, d.outlet, d.published, d.source,
                (SELECT count(*) FROM links l WHERE l.doc = d.rowid),
                (SELECT count(*) FROM sentences s WHERE s.doc = d.rowid),
                d.chars,
                (SELECT count(*) FROM event_mentions m WHERE m.doc = d.rowid),
                (SELECT o.id FROM documents o WHERE o.rowid = d.copy_of),
                d.coded_by
         FROM (SELECT rowid FROM documents d WHERE {w}
               ORDER BY d.published DESC, d.id LIMIT {} OFFSET {}) sel
         JOIN documents d ON d.rowid = sel.rowid
         ORDER BY d.published DESC, d.id",
        q.limit, q.offset
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(params.iter()), crate::summary)?;
    Ok(DocPage {
        total: total as usize,
        offset: q.offset,
        documents: rows.collect::<Result<_, _>>()?,
    })
}

/// Which quotes.
#[derive(Debug, Clone, Default)]
pub struct QuoteQuery {
    /// The document's id.
    pub doc: Option<String>,
    /// The speaker: a code prefix (`USAGOV`) or a name (any case).
    pub speaker: Option<String>,
    /// `direct`, `indirect` or `belief`.
    pub kind: Option<String>,
    /// Only anonymous (true) or only named (false) speakers.
    pub anonymous: Option<bool>,
    pub offset: usize,
    pub limit: usize,
}

/// One stored quote with its speaker and document.
#[derive(Debug, Clone, Serialize)]
pub struct QuoteRow {
    pub doc: String,
    pub ord: i64,
    pub kind: String,
    pub text: String,
    pub start: i64,
    pub end: i64,
    pub cue: Option<String>,
    pub speaker_name: Option<String>,
    pub speaker_code: Option<String>,
    pub speaker_role: Option<String>,
    pub speaker_anonymous: Option<bool>,
    pub speaker_count: Option<i64>,
}

/// The quotes a query selects, by document then position.
pub fn quotes(conn: &Connection, q: &QuoteQuery) -> Result<Vec<QuoteRow>, StoreError> {
    let mut conds: Vec<String> = vec![];
    let mut params: Vec<Value> = vec![];
    if let Some(d) = &q.doc {
        params.push(Value::Text(d.clone()));
        conds.push(format!("d.id = ?{}", params.len()));
    }
    if let Some(s) = q.speaker.as_deref().filter(|s| !s.trim().is_empty()) {
        let s = s.trim();
        params.push(Value::Text(s.to_uppercase()));
        let lo = params.len();
        params.push(Value::Text(format!("{}\u{10FFFF}", s.to_uppercase())));
        let hi = params.len();
        params.push(Value::Text(s.to_string()));
        let name = params.len();
        conds.push(format!(
            "((q.speaker_code >= ?{lo} AND q.speaker_code < ?{hi})
              OR q.speaker_name = ?{name} COLLATE NOCASE)"
        ));
    }
    if let Some(k) = &q.kind {
        params.push(Value::Text(k.clone()));
        conds.push(format!("q.kind = ?{}", params.len()));
    }
    if let Some(a) = q.anonymous {
        conds.push(format!("coalesce(q.speaker_anonymous, 0) = {}", a as i64));
    }
    let w = if conds.is_empty() {
        "1".to_string()
    } else {
        conds.join(" AND ")
    };
    let sql = format!(
        "SELECT d.id, q.ord, q.kind, q.text, q.start, q.end, q.cue, q.speaker_name,
                q.speaker_code, q.speaker_role, q.speaker_anonymous, q.speaker_count
         FROM quotes q JOIN documents d ON d.rowid = q.doc WHERE {w}
         ORDER BY q.doc, q.ord LIMIT {} OFFSET {}",
        q.limit, q.offset
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(params.iter()), |r| {
        Ok(QuoteRow {
            doc: r.get(0)?,
            ord: r.get(1)?,
            kind: r.get(2)?,
            text: r.get(3)?,
            start: r.get(4)?,
            end: r.get(5)?,
            cue: r.get(6)?,
            speaker_name: r.get(7)?,
            speaker_code: r.get(8)?,
            speaker_role: r.get(9)?,
            speaker_anonymous: r.get::<_, Option<i64>>(10)?.map(|a| a != 0),
            speaker_count: r.get(11)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
