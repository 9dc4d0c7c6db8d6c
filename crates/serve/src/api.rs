//! The JSON API under `/api/` (each route is described in [`crate::openapi`]).

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State as Ax};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use dyad_store::browse::{self, DocQuery, QuoteQuery};
use dyad_store::query::{self, CountBy, Filter, Unit};
use dyad_store::Store;
use serde_json::{json, Value};

use crate::error::ApiError;
use crate::params::{self, Params};
use crate::state::{blocking, read, Shared, State};

type Answer = Result<Json<Value>, ApiError>;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route(
            "/api/openapi.json",
            get(|| async { Json(crate::openapi::spec()) }),
        )
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/documents/{id}/explain", get(explain))
        .route("/api/events", get(events))
        .route("/api/quotes", get(quotes))
        .route("/api/actors", get(actors))
        .route("/api/actors/{code}", get(actor))
        .route("/api/network", get(network))
        .route("/api/timeline", get(timeline))
        .route("/api/places", get(places))
        .route("/api/code", post(code))
        .route("/api/ingest", post(ingest))
}

pub(crate) const DOC_PARAMS: &[&str] = &[
    "search", "text", "outlet", "since", "until", "limit", "offset",
];

/// The documents a page of `/api/documents` (and the documents page) shows.
pub(crate) fn doc_query(p: &Params, max: usize) -> Result<DocQuery, ApiError> {
    Ok(DocQuery {
        search: p.text("search"),
        text: p.text("text"),
        outlet: p.text("outlet"),
        since: p.date("since")?,
        until: p.date("until")?,
        offset: p.number("offset", 0, usize::MAX)?,
        limit: p.number("limit", 50, max)?,
    })
}

async fn documents(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Answer {
    let p = params::parse(q.as_deref(), false, DOC_PARAMS)?;
    let dq = doc_query(&p, st.limits.max_page)?;
    read(&st, move |_, s| {
        Ok(Json(json!(browse::documents(s.conn(), &dq)?)))
    })
    .await
}

/// A stored document, or 404.
pub(crate) fn get_doc(s: &Store, id: &str) -> Result<dyad_document::Document, ApiError> {
    s.get(id)?
        .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))
}

async fn document(Ax(st): Ax<Shared>, Path(id): Path<String>, RawQuery(q): RawQuery) -> Answer {
    params::parse(q.as_deref(), false, &[])?;
    read(&st, move |_, s| Ok(Json(doc_json(s, &id)?))).await
}

/// A stored document's contract JSON, or 404.
pub(crate) fn doc_json(s: &Store, id: &str) -> Result<Value, ApiError> {
    let json = s
        .get_json(id)?
        .ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))?;
    serde_json::from_str(&json).map_err(ApiError::internal)
}

/// What `dyad explain` prints for one sentence of a stored document, coded
/// again from its stored clean text with this server's dictionaries.
pub(crate) fn explanation(
    st: &State,
    s: &Store,
    id: &str,
    sentence: usize,
) -> Result<Value, ApiError> {
    let doc = get_doc(s, id)?;
    let n = doc.sentences.len();
    if sentence >= n {
        return Err(ApiError::bad_param(
            "sentence",
            format!("sentence: the document has {n} (numbered from 0)"),
        ));
    }
    let doc = st
        .pipeline()
        .recode(doc)
        .map_err(|e| ApiError::internal(e.to_string()))?;
    let e = dyad_code::explain(&doc, sentence)
        .ok_or_else(|| ApiError::bad_param("sentence", "no such sentence"))?;
    Ok(json!({
        "document": id,
        "sentence": e.sentence,
        "text": e.text,
        "parse_header": " id  word               tag   lemma            head  rel",
        "parse": e.tokens,
        "mentions": e.mentions,
        "tried": e.tried,
        "events": e.events,
        "printed": e.to_string(),
    }))
}

async fn explain(Ax(st): Ax<Shared>, Path(id): Path<String>, RawQuery(q): RawQuery) -> Answer {
    let p = params::parse(q.as_deref(), false, &["sentence"])?;
    if !p.own.contains_key("sentence") {
        return Err(ApiError::bad_param("sentence", "sentence: required"));
    }
    let n = p.number("sentence", 0, usize::MAX)?;
    read(&st, move |st, s| explanation(st, s, &id, n).map(Json)).await
}

/// Rows of one page of events, each with its mentions (the reports that
/// were merged into it).
pub(crate) fn event_page(
    st: &State,
    s: &Store,
    f: &Filter,
    unit: Unit,
    offset: usize,
    limit: usize,
) -> Result<Vec<Value>, ApiError> {
    let mut rows = vec![];
    query::page(s.conn(), f, unit, offset, limit, |r| {
        rows.push(r);
        Ok(())
    })?;
    let ids: Vec<i64> = rows.iter().map(|r| r.event).collect();
    let mut by_event: BTreeMap<i64, Vec<query::EventMention>> = BTreeMap::new();
    for m in query::mentions_of(s.conn(), &ids)? {
        by_event.entry(m.event).or_default().push(m);
    }
    Ok(rows
        .into_iter()
        .map(|r| {
            let mut v = json!(r);
            v["code_name"] = json!(st.code_name(&r.code));
            v["mentions"] = json!(by_event.get(&r.event).cloned().unwrap_or_default());
            v
        })
        .collect())
}

pub(crate) const EVENT_PARAMS: &[&str] = &["limit", "offset", "mentions"];

async fn events(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Answer {
    let p = params::parse(q.as_deref(), true, EVENT_PARAMS)?;
    let limit = p.number("limit", 100, st.limits.max_page)?;
    let offset = p.number("offset", 0, usize::MAX)?;
    let unit = if p.flag("mentions")? {
        Unit::Mentions
    } else {
        Unit::Events
    };
    read(&st, move |st, s| {
        let events = event_page(st, s, &p.filter, unit, offset, limit)?;
        Ok(Json(
            json!({"offset": offset, "limit": limit, "events": events}),
        ))
    })
    .await
}

async fn quotes(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Answer {
    let p = params::parse(
        q.as_deref(),
        false,
        &["doc", "speaker", "kind", "anonymous", "limit", "offset"],
    )?;
    let kind = match p.text("kind") {
        Some(k) if !["direct", "indirect", "belief"].contains(&k.as_str()) => {
            return Err(ApiError::bad_param(
                "kind",
                format!("kind: {k:?}: expected direct, indirect or belief"),
            ))
        }
        k => k,
    };
    let qq = QuoteQuery {
        doc: p.text("doc"),
        speaker: p.text("speaker"),
        kind,
        anonymous: if p.own.contains_key("anonymous") {
            Some(p.flag("anonymous")?)
        } else {
            None
        },
        offset: p.number("offset", 0, usize::MAX)?,
        limit: p.number("limit", 100, st.limits.max_page)?,
    };
    read(&st, move |_, s| {
        let quotes = browse::quotes(s.conn(), &qq)?;
        // The sources of the quotes listed: each speaker once, as
        // `sources.speakers` does for one document; beliefs apart.
        let mut speakers: BTreeMap<(String, String), (bool, i64)> = BTreeMap::new();
        let (mut named, mut anonymous) = (0, 0);
        for q in quotes.iter().filter(|q| q.kind != "belief") {
            let key = (
                q.speaker_name.clone().unwrap_or_else(|| "?".into()),
                q.speaker_code.clone().unwrap_or_default(),
            );
            let anon = q.speaker_anonymous.unwrap_or(false);
            let e = speakers.entry(key).or_insert((anon, 0));
            if e.1 == 0 {
                if anon {
                    anonymous += 1
                } else {
                    named += 1
                }
            }
            e.1 += 1;
        }
        let speakers: Vec<Value> = speakers
            .into_iter()
            .map(|((name, code), (anon, n))| {
                json!({"name": name, "code": code, "anonymous": anon, "quotes": n})
            })
            .collect();
        Ok(Json(json!({
            "quotes": quotes,
            "sources": {"named": named, "anonymous": anonymous, "speakers": speakers}
        })))
    })
    .await
}

/// The actors of the selected events, most events first: code, events as
/// source, as target, in all.
pub(crate) fn top_actors(s: &Store, f: &Filter, limit: usize) -> Result<Vec<Value>, ApiError> {
    let mut by: BTreeMap<String, (i64, i64)> = BTreeMap::new();
    for r in query::count(s.conn(), f, Unit::Events, CountBy::Source)? {
        by.entry(r.key).or_default().0 += r.events;
    }
    for r in query::count(s.conn(), f, Unit::Events, CountBy::Target)? {
        by.entry(r.key).or_default().1 += r.events;
    }
    by.remove("-");
    let mut v: Vec<(String, (i64, i64))> = by.into_iter().collect();
    v.sort_by(|a, b| {
        (b.1 .0 + b.1 .1)
            .cmp(&(a.1 .0 + a.1 .1))
            .then(a.0.cmp(&b.0))
    });
    Ok(v.into_iter()
        .take(limit)
        .map(
            |(code, (s, t))| json!({"code": code, "as_source": s, "as_target": t, "events": s + t}),
        )
        .collect())
}

async fn actors(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Answer {
    let p = params::parse(q.as_deref(), true, &["limit"])?;
    let limit = p.number("limit", 50, st.limits.max_page)?;
    read(&st, move |_, s| {
        Ok(Json(json!({"actors": top_actors(s, &p.filter, limit)?})))
    })
    .await
}

async fn actor(Ax(st): Ax<Shared>, Path(code): Path<String>, RawQuery(q): RawQuery) -> Answer {
    let mut p = params::parse(q.as_deref(), true, EVENT_PARAMS)?;
    p.filter
        .set("actor", &code)
        .map_err(|e| ApiError::bad_param("code", e.msg))?;
    let limit = p.number("limit", 100, st.limits.max_page)?;
    let offset = p.number("offset", 0, usize::MAX)?;
    read(&st, move |st, s| {
        let by_quad = query::count(s.conn(), &p.filter, Unit::Events, CountBy::Quad)?;
        let events = event_page(st, s, &p.filter, Unit::Events, offset, limit)?;
        Ok(Json(json!({
            "actor": code,
            "by_quad": by_quad,
            "offset": offset,
            "limit": limit,
            "events": events,
        })))
    })
    .await
}

async fn network(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Answer {
    let p = params::parse(q.as_deref(), true, &["limit"])?;
    let limit = p.number("limit", 200, st.limits.max_page)?;
    read(&st, move |_, s| {
        Ok(Json(json!(query::network(s.conn(), &p.filter, limit)?)))
    })
    .await
}

/// Event counts by period and QuadClass: `[{period, quad: [q1..q4], events}]`.
pub(crate) fn timeline_rows(s: &Store, f: &Filter, by: CountBy) -> Result<Vec<Value>, ApiError> {
    let mut periods: BTreeMap<String, [i64; 4]> = BTreeMap::new();
    for q in 1..=4u8 {
        if !f.quad.is_empty() && !f.quad.contains(&q) {
            continue;
        }
        let mut fq = f.clone();
        fq.quad = vec![q];
        // Undated events ("-") have no place on a time axis.
        for r in query::count(s.conn(), &fq, Unit::Events, by)?
            .into_iter()
            .filter(|r| r.key != "-")
        {
            periods.entry(r.key).or_default()[q as usize - 1] += r.events;
        }
    }
    Ok(periods
        .into_iter()
        .map(|(k, q)| json!({"period": k, "quad": q, "events": q.iter().sum::<i64>()}))
        .collect())
}

pub(crate) fn period(p: &Params) -> Result<CountBy, ApiError> {
    Ok(match p.choice("by", &["week", "day", "month"])?.as_str() {
        "day" => CountBy::Day,
        "month" => CountBy::Month,
        _ => CountBy::Week,
    })
}

async fn timeline(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Answer {
    let p = params::parse(q.as_deref(), true, &["by"])?;
    let by = period(&p)?;
    let name = p.choice("by", &["week", "day", "month"])?;
    read(&st, move |_, s| {
        Ok(Json(
            json!({"by": name, "periods": timeline_rows(s, &p.filter, by)?}),
        ))
    })
    .await
}

async fn places(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Answer {
    let p = params::parse(q.as_deref(), true, &["limit"])?;
    let limit = p.number("limit", 500, st.limits.max_page)?;
    read(&st, move |_, s| {
        Ok(Json(
            json!({"places": query::places(s.conn(), &p.filter, limit)?}),
        ))
    })
    .await
}

/// The articles in a posted body: text, an HTML page or JSON lines (the
/// format is sniffed from the content, as `dyad code -` does).
fn articles(body: &[u8]) -> Result<Vec<dyad_ingest::RawArticle>, ApiError> {
    if body.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ApiError::new(StatusCode::BAD_REQUEST, "the body is empty"));
    }
    dyad_ingest::read_bytes_as("<body>", "posted", body)
        .into_iter()
        .map(|r| r.map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string())))
        .collect()
}

async fn code(Ax(st): Ax<Shared>, RawQuery(q): RawQuery, body: Bytes) -> Answer {
    params::parse(q.as_deref(), false, &[])?;
    blocking(&st, move |st| {
        let mut out = vec![];
        for raw in articles(&body)? {
            let doc = st
                .pipeline()
                .process(raw)
                .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
            out.push(json!(doc.to_contract(false)));
        }
        Ok(Json(if out.len() == 1 {
            out.pop().expect("one")
        } else {
            Value::Array(out)
        }))
    })
    .await
}

/// Whether the request brings the ingest token (compared in constant time).
fn authorised(token: &str, headers: &HeaderMap) -> bool {
    let Some(given) = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    else {
        return false;
    };
    let (a, b) = (given.trim().as_bytes(), token.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn ingest(
    Ax(st): Ax<Shared>,
    RawQuery(q): RawQuery,
    headers: HeaderMap,
    body: Bytes,
) -> Answer {
    let Some(token) = st.token.clone() else {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "ingest is disabled: start `dyad serve --allow-ingest` with DYAD_INGEST_TOKEN set",
        ));
    };
    if !authorised(&token, &headers) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "ingest needs `Authorization: Bearer TOKEN` with the server's ingest token",
        ));
    }
    params::parse(q.as_deref(), false, &[])?;
    blocking(&st, move |st| {
        let coded_by = st.pipeline().coded_by();
        let mut done = vec![];
        for raw in articles(&body)? {
            let (id_given, source) = (raw.id_given, "api".to_string());
            let doc = st
                .pipeline()
                .process(raw)
                .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, e.to_string()))?;
            let put = st.write(|w| {
                Ok(w.put(
                    &doc,
                    dyad_store::PutOptions {
                        source: Some(&source),
                        id_given,
                        coded_by: Some(&coded_by),
                    },
                )?)
            })?;
            done.push(match put {
                dyad_store::Put::Stored { id, stats } => json!({
                    "id": id, "stored": true, "events": doc.events.len(),
                    "merged": stats.merged
                }),
                dyad_store::Put::Duplicate { existing, on } => {
                    json!({"id": existing, "stored": false, "duplicate_on": on})
                }
            });
        }
        Ok(Json(json!({"documents": done})))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_must_match_exactly() {
        let mut h = HeaderMap::new();
        assert!(!authorised("s3cret", &h));
        h.insert("authorization", "Bearer s3cre".parse().unwrap());
        assert!(!authorised("s3cret", &h));
        h.insert("authorization", "Basic s3cret".parse().unwrap());
        assert!(!authorised("s3cret", &h));
        h.insert("authorization", "Bearer s3cret".parse().unwrap());
        assert!(authorised("s3cret", &h));
    }
}
