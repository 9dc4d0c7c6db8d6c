//! Selecting events: filters, rows (one per merged event, or one per
//! mention) and counts by period or by key.
//!
//! Actor filters take a CAMEO code or prefix (`SYR` matches `SYRGOV`,
//! `SYRREB`, ...) or a canonical name (`"Vladimir Putin"`, any case): a name
//! matches the events whose actor mention resolved to that entity in any
//! article. Text filters use SQLite FTS5 syntax and match the sentence an
//! event was coded from.

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;

use crate::{day, StoreError};

/// What to select. Empty fields select everything; several values of one
/// field are alternatives (OR), different fields all apply (AND).
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Actor as source: a code prefix or a canonical name.
    pub source: Vec<String>,
    /// Actor as target.
    pub target: Vec<String>,
    /// Actor on either side.
    pub actor: Vec<String>,
    /// Source and target together.
    pub dyad: Option<(String, String)>,
    /// CAMEO code or prefix (`19` = every code under root 19).
    pub code: Vec<String>,
    /// CAMEO root (two digits).
    pub root: Vec<String>,
    /// QuadClass 1-4.
    pub quad: Vec<u8>,
    /// PLOVER event type (`ASSAULT`, `CONSULT`, ...).
    pub plover: Vec<String>,
    /// First and last day, inclusive (`YYYY-MM-DD`, `YYYY-MM`, `YYYY`).
    pub since: Option<String>,
    pub until: Option<String>,
    /// ISO 3166-1 alpha-2 country of the event's place.
    pub country: Vec<String>,
    /// Place name or first-level region name.
    pub place: Vec<String>,
    /// Within `km` of (`lat`, `lon`).
    pub near: Option<(f64, f64, f64)>,
    /// Outlet of a reporting document.
    pub outlet: Vec<String>,
    /// FTS5 query over the event's sentence.
    pub text: Option<String>,
    /// Phoenix's one-a-day filter: of the events with the same day, source,
    /// target and code, only the first stored.
    pub one_a_day: bool,
}

/// Rows are merged events, or one per mention.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Events,
    Mentions,
}

/// One row of `dyad query` and of the flat exports. For a merged event the
/// mention fields are its first mention's (GDELT's SOURCEURL convention).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Row {
    pub event: i64,
    pub date: Option<String>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub code: String,
    pub root: String,
    pub quad_class: i64,
    pub goldstein: f64,
    pub plover: Option<String>,
    pub place: Option<String>,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: Option<f64>,
    pub lon: Option<f64>,
    pub feature: Option<String>,
    pub num_mentions: i64,
    pub num_sources: i64,
    pub num_articles: i64,
    pub added_at: String,
    pub doc: String,
    pub url: Option<String>,
    pub outlet: Option<String>,
    pub published: Option<String>,
    pub doc_chars: Option<i64>,
    pub sentence: i64,
    pub sentence_text: String,
    pub start: i64,
    pub end: i64,
    pub mention_code: String,
    pub pattern: String,
    pub source_text: Option<String>,
    pub target_text: Option<String>,
    pub source_name: Option<String>,
    pub target_name: Option<String>,
    pub source_start: Option<i64>,
    pub target_start: Option<i64>,
    pub mention_date: Option<String>,
    pub date_from: Option<String>,
}

/// What `--count-by` groups on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CountBy {
    Day,
    Week,
    Month,
    Root,
    Quad,
    Dyad,
    Source,
    Target,
}

impl std::str::FromStr for CountBy {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "day" => CountBy::Day,
            "week" => CountBy::Week,
            "month" => CountBy::Month,
            "root" => CountBy::Root,
            "quad" => CountBy::Quad,
            "dyad" => CountBy::Dyad,
            "source" => CountBy::Source,
            "target" => CountBy::Target,
            _ => {
                return Err(format!(
                    "{s:?}: expected day, week, month, root, quad, dyad, source or target"
                ))
            }
        })
    }
}

impl CountBy {
    fn is_period(self) -> bool {
        matches!(self, CountBy::Day | CountBy::Week | CountBy::Month)
    }
}

/// One row of a count: the key, the events and mentions selected under it,
/// the documents the mentions come from (counting by mentions only: over
/// merged events it would cost a join of every mention), and for a period
/// the number of documents published in it (what analysts normalise by).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct CountRow {
    pub key: String,
    pub events: i64,
    pub mentions: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents_ingested: Option<i64>,
}

/// Haversine distance in km, as the SQL function `dyad_km(lat1, lon1, lat2, lon2)`.
pub fn km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * a.sqrt().asin()
}

pub(crate) fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    conn.create_scalar_function(
        "dyad_km",
        4,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        |ctx| {
            let v: Vec<Option<f64>> = (0..4).map(|i| ctx.get(i)).collect::<Result<_, _>>()?;
            Ok(match (v[0], v[1], v[2], v[3]) {
                (Some(a), Some(b), Some(c), Some(d)) => Some(km(a, b, c, d)),
                _ => None,
            })
        },
    )
}

/// The first code that does not start with `p` (for an indexed prefix range).
fn after_prefix(p: &str) -> String {
    format!("{p}\u{10FFFF}")
}

/// A filter compiled to SQL: conditions on the event `e`, and conditions on
/// a mention `m` with its document `d`.
struct Sql {
    event: Vec<String>,
    mention: Vec<String>,
    params: Vec<Value>,
}

impl Sql {
    fn param(&mut self, v: impl Into<Value>) -> String {
        self.params.push(v.into());
        format!("?{}", self.params.len())
    }

    /// An actor on `side` (`source`/`target`): a code prefix on the event,
    /// or (when `who` names stored entities, looked up first so the query
    /// can use indexes) the entity of one of its mentions.
    fn actor(&mut self, side: &str, who: &str, entities: &[i64]) -> String {
        let code = who.trim().to_uppercase();
        let lo = self.param(code.clone());
        let hi = self.param(after_prefix(&code));
        let by_code = format!("(e.{side} >= {lo} AND e.{side} < {hi})");
        if entities.is_empty() {
            return by_code;
        }
        let ids: Vec<String> = entities.iter().map(|id| id.to_string()).collect();
        format!(
            "({by_code} OR e.id IN (SELECT m.event FROM event_mentions m
                                    WHERE m.{side}_entity IN ({})))",
            ids.join(", ")
        )
    }
}

fn period_days(s: &str, end: bool) -> Result<i64, StoreError> {
    let (d, p) = day::parse(s).ok_or_else(|| {
        StoreError::Rule(format!("{s:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"))
    })?;
    if !end {
        return Ok(d);
    }
    let (y, m, _) = day::to_ymd(d);
    Ok(match p {
        day::Precision::Day => d,
        day::Precision::Month => {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            day::from_ymd(ny, nm, 1) - 1
        }
        day::Precision::Year => day::from_ymd(y + 1, 1, 1) - 1,
    })
}

fn entities_named(conn: &Connection, name: &str) -> Result<Vec<i64>, StoreError> {
    let mut st = conn.prepare_cached("SELECT id FROM entities WHERE name = ?1 COLLATE NOCASE")?;
    let ids = st.query_map([name.trim()], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

fn compile(conn: &Connection, f: &Filter) -> Result<Sql, StoreError> {
    let mut q = Sql {
        event: vec![],
        mention: vec![],
        params: vec![],
    };
    let mut actor_groups: Vec<Vec<String>> = vec![];
    for (side, list) in [("source", &f.source), ("target", &f.target)] {
        if !list.is_empty() {
            let mut g = vec![];
            for w in list {
                let ids = entities_named(conn, w)?;
                g.push(q.actor(side, w, &ids));
            }
            actor_groups.push(g);
        }
    }
    if !f.actor.is_empty() {
        let mut g = vec![];
        for w in &f.actor {
            let ids = entities_named(conn, w)?;
            g.push(q.actor("source", w, &ids));
            g.push(q.actor("target", w, &ids));
        }
        actor_groups.push(g);
    }
    if let Some((a, b)) = &f.dyad {
        let ids = entities_named(conn, a)?;
        actor_groups.push(vec![q.actor("source", a, &ids)]);
        let ids = entities_named(conn, b)?;
        actor_groups.push(vec![q.actor("target", b, &ids)]);
    }
    for g in actor_groups {
        q.event.push(format!("({})", g.join(" OR ")));
    }
    if !f.code.is_empty() {
        let mut alts = vec![];
        for c in &f.code {
            let lo = q.param(c.trim().to_string());
            let hi = q.param(after_prefix(c.trim()));
            alts.push(format!("(e.code >= {lo} AND e.code < {hi})"));
        }
        q.event.push(format!("({})", alts.join(" OR ")));
    }
    if !f.root.is_empty() {
        let ps: Vec<String> = f
            .root
            .iter()
            .map(|r| q.param(format!("{:0>2}", r.trim())))
            .collect();
        q.event.push(format!("e.root IN ({})", ps.join(", ")));
    }
    if !f.quad.is_empty() {
        let ps: Vec<String> = f.quad.iter().map(|&n| q.param(n as i64)).collect();
        q.event.push(format!("e.quad_class IN ({})", ps.join(", ")));
    }
    if !f.plover.is_empty() {
        let ps: Vec<String> = f
            .plover
            .iter()
            .map(|p| q.param(p.trim().to_uppercase()))
            .collect();
        q.event.push(format!("e.plover IN ({})", ps.join(", ")));
    }
    if let Some(s) = &f.since {
        let p = q.param(period_days(s, false)?);
        q.event.push(format!("e.day >= {p}"));
    }
    if let Some(s) = &f.until {
        let p = q.param(period_days(s, true)?);
        q.event.push(format!("e.day <= {p}"));
    }
    if !f.country.is_empty() {
        let ps: Vec<String> = f
            .country
            .iter()
            .map(|c| q.param(c.trim().to_uppercase()))
            .collect();
        q.event.push(format!("e.country IN ({})", ps.join(", ")));
    }
    if !f.place.is_empty() {
        let mut alts = vec![];
        for p in &f.place {
            let x = q.param(p.trim().to_string());
            alts.push(format!(
                "e.place_name = {x} COLLATE NOCASE OR e.admin1 = {x} COLLATE NOCASE"
            ));
        }
        q.event.push(format!("({})", alts.join(" OR ")));
    }
    if let Some((lat, lon, radius)) = f.near {
        // A bounding box the index can use, then the exact distance.
        let dlat = radius / 111.0;
        let dlon = radius / (111.0 * lat.to_radians().cos().abs().max(0.01));
        let (a, b) = (q.param(lat - dlat), q.param(lat + dlat));
        let (c, d) = (q.param(lon - dlon), q.param(lon + dlon));
        let (la, lo, r) = (q.param(lat), q.param(lon), q.param(radius));
        q.event.push(format!(
            "e.lat BETWEEN {a} AND {b} AND (e.lon BETWEEN {c} AND {d} OR {d} > 180 OR {c} < -180)
             AND dyad_km(e.lat, e.lon, {la}, {lo}) <= {r}"
        ));
    }
    if !f.outlet.is_empty() {
        let ps: Vec<String> = f
            .outlet
            .iter()
            .map(|o| q.param(o.trim().to_string()))
            .collect();
        let alts: Vec<String> = ps
            .iter()
            .map(|p| format!("d.outlet = {p} COLLATE NOCASE"))
            .collect();
        q.mention.push(format!("({})", alts.join(" OR ")));
    }
    if let Some(t) = &f.text {
        let p = q.param(t.clone());
        q.mention.push(format!(
            "(m.doc, m.sentence) IN (SELECT s.doc, s.ord FROM sentences s WHERE s.rowid IN
                 (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH {p}))"
        ));
    }
    if f.one_a_day {
        q.event
            .push("e.id IN (SELECT min(id) FROM events GROUP BY day, source, target, code)".into());
    }
    Ok(q)
}

/// The WHERE clause over `events e` (and, for mentions, `event_mentions m`
/// with `documents d`).
fn where_clause(q: &Sql, unit: Unit) -> String {
    let mut conds = q.event.clone();
    if !q.mention.is_empty() {
        match unit {
            Unit::Mentions => conds.extend(q.mention.iter().cloned()),
            // The mentions first (their conditions have indexes), then
            // their events.
            Unit::Events => conds.push(format!(
                "e.id IN (SELECT m.event FROM event_mentions m JOIN documents d ON d.rowid = m.doc
                          WHERE {})",
                q.mention.join(" AND ")
            )),
        }
    }
    if conds.is_empty() {
        "1".into()
    } else {
        conds.join(" AND ")
    }
}

const ROW_COLUMNS: &str = "e.id, e.date, e.source, e.target, e.code, e.root, e.quad_class,
    e.goldstein, e.plover, e.place_name, e.country, e.admin1, e.lat, e.lon, e.feature,
    e.num_mentions, e.num_sources, e.num_articles, e.added_at,
    d.id, d.url, d.outlet, d.published, d.chars,
    m.sentence, s.text, m.start, m.end, m.code, m.pattern, m.source_text, m.target_text,
    se.name, te.name, sm.start, tm.start, m.date, m.date_from";

const ROW_JOINS: &str = "JOIN documents d ON d.rowid = m.doc
    LEFT JOIN sentences s ON s.doc = m.doc AND s.ord = m.sentence
    LEFT JOIN entities se ON se.id = m.source_entity
    LEFT JOIN entities te ON te.id = m.target_entity
    LEFT JOIN mentions sm ON sm.doc = m.doc AND sm.ord = m.source_mention
    LEFT JOIN mentions tm ON tm.doc = m.doc AND tm.ord = m.target_mention";

fn row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        event: r.get(0)?,
        date: r.get(1)?,
        source: r.get(2)?,
        target: r.get(3)?,
        code: r.get(4)?,
        root: r.get(5)?,
        quad_class: r.get(6)?,
        goldstein: r.get(7)?,
        plover: r.get(8)?,
        place: r.get(9)?,
        country: r.get(10)?,
        admin1: r.get(11)?,
        lat: r.get(12)?,
        lon: r.get(13)?,
        feature: r.get(14)?,
        num_mentions: r.get(15)?,
        num_sources: r.get(16)?,
        num_articles: r.get(17)?,
        added_at: r.get(18)?,
        doc: r.get(19)?,
        url: r.get(20)?,
        outlet: r.get(21)?,
        published: r.get(22)?,
        doc_chars: r.get(23)?,
        sentence: r.get(24)?,
        sentence_text: r.get::<_, Option<String>>(25)?.unwrap_or_default(),
        start: r.get(26)?,
        end: r.get(27)?,
        mention_code: r.get(28)?,
        pattern: r.get(29)?,
        source_text: r.get(30)?,
        target_text: r.get(31)?,
        source_name: r.get(32)?,
        target_name: r.get(33)?,
        source_start: r.get(34)?,
        target_start: r.get(35)?,
        mention_date: r.get(36)?,
        date_from: r.get(37)?,
    })
}

/// Call `each` for every selected row, by date then id. `limit` 0 = all.
pub fn rows(
    conn: &Connection,
    f: &Filter,
    unit: Unit,
    limit: usize,
    each: impl FnMut(Row) -> Result<(), StoreError>,
) -> Result<usize, StoreError> {
    page(conn, f, unit, 0, limit, each)
}

/// [`rows`] from the `offset`-th selected row on (a page of results).
pub fn page(
    conn: &Connection,
    f: &Filter,
    unit: Unit,
    offset: usize,
    limit: usize,
    mut each: impl FnMut(Row) -> Result<(), StoreError>,
) -> Result<usize, StoreError> {
    let q = compile(conn, f)?;
    let w = where_clause(&q, unit);
    let lim = limit_clause(limit, offset);
    // The selection is made and ordered on keys alone; the joins that fill a
    // row are made for the rows kept (a page of 100 of a million costs the
    // sort of keys, not a million joins).
    let sql = match unit {
        Unit::Events => format!(
            "SELECT {ROW_COLUMNS}
             FROM (SELECT e.id AS id, e.day AS day FROM events e WHERE {w}
                   ORDER BY e.day, e.id {lim}) sel
             JOIN events e ON e.id = sel.id
             JOIN event_mentions m ON m.rowid =
                 (SELECT min(rowid) FROM event_mentions WHERE event = e.id)
             {ROW_JOINS}
             ORDER BY sel.day, sel.id"
        ),
        Unit::Mentions => format!(
            "SELECT {ROW_COLUMNS}
             FROM (SELECT m.rowid AS mid, e.day AS day, e.id AS id
                   FROM event_mentions m JOIN events e ON e.id = m.event
                   JOIN documents d ON d.rowid = m.doc
                   WHERE {w} ORDER BY e.day, e.id, m.rowid {lim}) sel
             JOIN event_mentions m ON m.rowid = sel.mid
             JOIN events e ON e.id = m.event
             {ROW_JOINS}
             ORDER BY sel.day, sel.id, sel.mid"
        ),
    };
    let mut st = conn.prepare(&sql)?;
    let mut it = st.query_map(rusqlite::params_from_iter(q.params.iter()), row)?;
    let mut n = 0;
    for r in it.by_ref() {
        each(r?)?;
        n += 1;
    }
    Ok(n)
}

/// The selected event ids (for exports that read their own tables).
pub fn event_ids(conn: &Connection, f: &Filter) -> Result<Vec<i64>, StoreError> {
    let q = compile(conn, f)?;
    let w = where_clause(&q, Unit::Events);
    let mut st = conn.prepare(&format!(
        "SELECT e.id FROM events e WHERE {w} ORDER BY e.day, e.id"
    ))?;
    let ids = st.query_map(rusqlite::params_from_iter(q.params.iter()), |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// Whether a filter selects everything.
pub fn is_empty(f: &Filter) -> bool {
    f.source.is_empty()
        && f.target.is_empty()
        && f.actor.is_empty()
        && f.dyad.is_none()
        && f.code.is_empty()
        && f.root.is_empty()
        && f.quad.is_empty()
        && f.plover.is_empty()
        && f.since.is_none()
        && f.until.is_none()
        && f.country.is_empty()
        && f.place.is_empty()
        && f.near.is_none()
        && f.outlet.is_empty()
        && f.text.is_none()
        && !f.one_a_day
}

/// The SQL expression of a count key over `e` (events) and the same key
/// over `d.day` for documents, for periods.
fn key_sql(by: CountBy) -> (&'static str, Option<&'static str>) {
    match by {
        CountBy::Day => ("e.day", Some("d.day")),
        CountBy::Week => (
            "e.day - ((e.day + 3) % 7 + 7) % 7",
            Some("d.day - ((d.day + 3) % 7 + 7) % 7"),
        ),
        // From the day number, so the (day, num_mentions) index covers it.
        CountBy::Month => (
            "strftime('%Y-%m', e.day * 86400, 'unixepoch')",
            Some("strftime('%Y-%m', d.day * 86400, 'unixepoch')"),
        ),
        CountBy::Root => ("e.root", None),
        CountBy::Quad => ("e.quad_class", None),
        CountBy::Dyad => (
            "coalesce(e.source, '-') || '>' || coalesce(e.target, '-')",
            None,
        ),
        CountBy::Source => ("coalesce(e.source, '-')", None),
        CountBy::Target => ("coalesce(e.target, '-')", None),
    }
}

fn key_text(by: CountBy, v: Value) -> String {
    match (by, v) {
        (CountBy::Day | CountBy::Week, Value::Integer(d)) => day::iso(d),
        (_, Value::Integer(i)) => i.to_string(),
        (_, Value::Text(s)) => s,
        (_, Value::Null) => "-".into(),
        (_, v) => format!("{v:?}"),
    }
}

/// Counts of the selected events (or mentions) grouped by `by`, in key
/// order (periods by time, other keys by count, largest first).
pub fn count(
    conn: &Connection,
    f: &Filter,
    unit: Unit,
    by: CountBy,
) -> Result<Vec<CountRow>, StoreError> {
    let q = compile(conn, f)?;
    let (key, doc_key) = key_sql(by);
    let sql = match unit {
        Unit::Events => {
            let w = where_clause(&q, Unit::Events);
            format!(
                "SELECT {key} AS k, count(*), sum(e.num_mentions), 0
                 FROM events e WHERE {w} GROUP BY k"
            )
        }
        Unit::Mentions => {
            let w = where_clause(&q, Unit::Mentions);
            format!(
                "SELECT {key} AS k, count(DISTINCT e.id), count(*), count(DISTINCT m.doc)
                 FROM event_mentions m JOIN events e ON e.id = m.event
                 JOIN documents d ON d.rowid = m.doc
                 WHERE {w} GROUP BY k"
            )
        }
    };
    let mut out: Vec<(Value, CountRow)> = {
        let mut st = conn.prepare(&sql)?;
        let rows = st.query_map(rusqlite::params_from_iter(q.params.iter()), |r| {
            let k: Value = r.get(0)?;
            Ok((
                k.clone(),
                CountRow {
                    key: key_text(by, k),
                    events: r.get(1)?,
                    mentions: r.get::<_, Option<i64>>(2)?.unwrap_or(0),
                    documents: match unit {
                        Unit::Mentions => r.get(3)?,
                        Unit::Events => None,
                    },
                    documents_ingested: None,
                },
            ))
        })?;
        rows.collect::<Result<_, _>>()?
    };
    if let Some(dk) = doc_key {
        let sql = format!("SELECT {dk} AS k, count(*) FROM documents d GROUP BY k");
        let mut st = conn.prepare(&sql)?;
        let ingested: std::collections::HashMap<String, i64> = st
            .query_map([], |r| Ok((key_text(by, r.get(0)?), r.get(1)?)))?
            .collect::<Result<_, _>>()?;
        for (_, row) in &mut out {
            row.documents_ingested = Some(ingested.get(&row.key).copied().unwrap_or(0));
        }
    }
    if by.is_period() {
        out.sort_by(|a, b| a.1.key.cmp(&b.1.key));
    } else {
        let size = |r: &CountRow| match unit {
            Unit::Events => r.events,
            Unit::Mentions => r.mentions,
        };
        out.sort_by(|a, b| size(&b.1).cmp(&size(&a.1)).then(a.1.key.cmp(&b.1.key)));
    }
    Ok(out.into_iter().map(|(_, r)| r).collect())
}

/// A filter value that cannot be read: `param` names the filter (`since`,
/// `quad`, ...), so a caller can say which of its inputs was wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{param}: {msg}")]
pub struct FilterError {
    pub param: String,
    pub msg: String,
}

/// `SOURCE,TARGET` as given to `--dyad`.
pub fn parse_dyad(s: &str) -> Result<(String, String), String> {
    let (a, b) = s
        .split_once(',')
        .ok_or_else(|| format!("{s:?}: expected SOURCE,TARGET"))?;
    Ok((a.trim().to_string(), b.trim().to_string()))
}

/// `LAT,LON,KM` as given to `--near`.
pub fn parse_near(s: &str) -> Result<(f64, f64, f64), String> {
    let bad = || format!("{s:?}: expected LAT,LON,KM");
    let v: Vec<f64> = s
        .split(',')
        .map(|x| x.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| bad())?;
    if v.len() != 3 || v.iter().any(|x| !x.is_finite()) {
        return Err(bad());
    }
    Ok((v[0], v[1], v[2]))
}

impl Filter {
    /// The names of the filters [`Filter::set`] takes (the options of
    /// `dyad query`, without their dashes; `one_a_day` for `--one-a-day`).
    pub const PARAMS: &'static [&'static str] = &[
        "actor",
        "source",
        "target",
        "dyad",
        "code",
        "root",
        "quad",
        "plover",
        "since",
        "until",
        "country",
        "place",
        "near",
        "outlet",
        "text",
        "one_a_day",
    ];

    /// Set one filter from its text, as `dyad query --NAME VALUE` does
    /// (repeatable ones add an alternative). Dates, QuadClass, dyads and
    /// points are checked here, so a bad value is refused naming its filter
    /// before any query runs. Returns `Ok(false)` for a name that is no filter.
    pub fn set(&mut self, name: &str, value: &str) -> Result<bool, FilterError> {
        let err = |msg: String| FilterError {
            param: name.to_string(),
            msg,
        };
        let v = value.trim();
        if v.is_empty() && name != "one_a_day" {
            return Err(err("empty value".into()));
        }
        match name {
            "actor" => self.actor.push(v.into()),
            "source" => self.source.push(v.into()),
            "target" => self.target.push(v.into()),
            "dyad" => self.dyad = Some(parse_dyad(v).map_err(err)?),
            "code" => {
                if !v.bytes().all(|b| b.is_ascii_digit()) || v.len() > 4 {
                    return Err(err(format!("{v:?}: expected a CAMEO code or prefix")));
                }
                self.code.push(v.into())
            }
            "root" => {
                if !v.bytes().all(|b| b.is_ascii_digit()) || v.len() > 2 {
                    return Err(err(format!("{v:?}: expected a CAMEO root (01-20)")));
                }
                self.root.push(v.into())
            }
            "quad" => match v.parse::<u8>() {
                Ok(n @ 1..=4) => self.quad.push(n),
                _ => return Err(err(format!("{v:?}: expected a QuadClass, 1-4"))),
            },
            "plover" => self.plover.push(v.into()),
            "since" | "until" => {
                if day::parse(v).is_none() {
                    return Err(err(format!(
                        "{v:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"
                    )));
                }
                if name == "since" {
                    self.since = Some(v.into())
                } else {
                    self.until = Some(v.into())
                }
            }
            "country" => {
                if v.len() != 2 || !v.bytes().all(|b| b.is_ascii_alphabetic()) {
                    return Err(err(format!("{v:?}: expected an ISO 3166-1 alpha-2 code")));
                }
                self.country.push(v.into())
            }
            "place" => self.place.push(v.into()),
            "near" => self.near = Some(parse_near(v).map_err(err)?),
            "outlet" => self.outlet.push(v.into()),
            "text" => self.text = Some(v.into()),
            "one_a_day" => {
                self.one_a_day = match v {
                    "" | "1" | "true" | "yes" => true,
                    "0" | "false" | "no" => false,
                    _ => return Err(err(format!("{v:?}: expected true or false"))),
                }
            }
            _ => return Ok(false),
        }
        Ok(true)
    }
}

/// One actor of a [`Network`]: its code, the events it takes part in
/// (as source or target) and their mean Goldstein score.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Node {
    pub code: String,
    pub events: i64,
    pub goldstein: f64,
}

/// One directed dyad of a [`Network`].
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Edge {
    pub source: String,
    pub target: String,
    pub events: i64,
    pub mentions: i64,
    /// Events of QuadClass 1..4.
    pub quad: [i64; 4],
    pub goldstein: f64,
}

/// SQL's LIMIT and OFFSET for a page (`limit` 0: no limit).
fn limit_clause(limit: usize, offset: usize) -> String {
    match (limit, offset) {
        (0, 0) => String::new(),
        (0, o) => format!("LIMIT -1 OFFSET {o}"),
        (l, 0) => format!("LIMIT {l}"),
        (l, o) => format!("LIMIT {l} OFFSET {o}"),
    }
}

/// The actor network of the selected events that have both actors.
#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Network {
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
}

/// The actor network of the selected events, aggregated in SQL (one pass
/// over the selected events, no joins), the `limit` largest dyads by
/// events (0: all) and their actors.
pub fn network(conn: &Connection, f: &Filter, limit: usize) -> Result<Network, StoreError> {
    let q = compile(conn, f)?;
    let w = where_clause(&q, Unit::Events);
    let lim = limit_clause(limit, 0);
    let sql = format!(
        "SELECT e.source, e.target, count(*), sum(e.num_mentions),
                sum(e.quad_class = 1), sum(e.quad_class = 2), sum(e.quad_class = 3),
                sum(e.quad_class = 4), avg(e.goldstein)
         FROM events e WHERE {w} AND e.source IS NOT NULL AND e.target IS NOT NULL
         GROUP BY e.source, e.target ORDER BY count(*) DESC, e.source, e.target {lim}"
    );
    let mut st = conn.prepare(&sql)?;
    let edges: Vec<Edge> = st
        .query_map(rusqlite::params_from_iter(q.params.iter()), |r| {
            Ok(Edge {
                source: r.get(0)?,
                target: r.get(1)?,
                events: r.get(2)?,
                mentions: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
                quad: [r.get(4)?, r.get(5)?, r.get(6)?, r.get(7)?],
                goldstein: r.get::<_, Option<f64>>(8)?.unwrap_or(0.0),
            })
        })?
        .collect::<Result<_, _>>()?;
    let mut nodes: std::collections::BTreeMap<&str, (i64, f64)> = Default::default();
    for e in &edges {
        for code in [&e.source, &e.target] {
            let n = nodes.entry(code).or_default();
            n.0 += e.events;
            n.1 += e.goldstein * e.events as f64;
        }
    }
    let mut nodes: Vec<Node> = nodes
        .into_iter()
        .map(|(code, (events, g))| Node {
            code: code.to_string(),
            events,
            goldstein: g / events.max(1) as f64,
        })
        .collect();
    nodes.sort_by(|a, b| b.events.cmp(&a.events).then(a.code.cmp(&b.code)));
    Ok(Network { nodes, edges })
}

/// Where the selected events took place: one row per place, with its
/// precision (`feature`: a `country` or `admin1` point is a representative
/// point of an area, a `city` a location).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaceCount {
    pub name: String,
    pub country: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub feature: String,
    pub events: i64,
}

/// The places of the selected events, most events first (`limit` 0: all).
pub fn places(conn: &Connection, f: &Filter, limit: usize) -> Result<Vec<PlaceCount>, StoreError> {
    let q = compile(conn, f)?;
    let w = where_clause(&q, Unit::Events);
    let lim = limit_clause(limit, 0);
    let sql = format!(
        "SELECT coalesce(e.place_name, '?'), e.country, e.lat, e.lon,
                coalesce(e.feature, 'city'), count(*)
         FROM events e WHERE {w} AND e.lat IS NOT NULL AND e.lon IS NOT NULL
         GROUP BY e.place_name, e.country, e.lat, e.lon, e.feature
         ORDER BY count(*) DESC, e.place_name {lim}"
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map(rusqlite::params_from_iter(q.params.iter()), |r| {
        Ok(PlaceCount {
            name: r.get(0)?,
            country: r.get(1)?,
            lat: r.get(2)?,
            lon: r.get(3)?,
            feature: r.get(4)?,
            events: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One report of a merged event: the article, sentence and span it was
/// coded from, and the dictionary line that matched.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventMention {
    pub event: i64,
    pub doc: String,
    pub sentence: i64,
    pub start: i64,
    pub end: i64,
    pub code: String,
    pub pattern: String,
    pub source_text: Option<String>,
    pub target_text: Option<String>,
    pub date: Option<String>,
    pub date_from: Option<String>,
}

/// The mentions of the given events, by event then storage order.
pub fn mentions_of(conn: &Connection, events: &[i64]) -> Result<Vec<EventMention>, StoreError> {
    if events.is_empty() {
        return Ok(vec![]);
    }
    let ids: Vec<String> = events.iter().map(|id| id.to_string()).collect();
    let sql = format!(
        "SELECT m.event, d.id, m.sentence, m.start, m.end, m.code, m.pattern, m.source_text,
                m.target_text, m.date, m.date_from
         FROM event_mentions m JOIN documents d ON d.rowid = m.doc
         WHERE m.event IN ({}) ORDER BY m.event, m.rowid",
        ids.join(", ")
    );
    let mut st = conn.prepare(&sql)?;
    let rows = st.query_map([], |r| {
        Ok(EventMention {
            event: r.get(0)?,
            doc: r.get(1)?,
            sentence: r.get(2)?,
            start: r.get(3)?,
            end: r.get(4)?,
            code: r.get(5)?,
            pattern: r.get(6)?,
            source_text: r.get(7)?,
            target_text: r.get(8)?,
            date: r.get(9)?,
            date_from: r.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
