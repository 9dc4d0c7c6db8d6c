//! The web pages, rendered on the server: documents, one article, events,
//! network, timeline, map. Each takes the same filters as the API.

use std::collections::BTreeMap;
use std::fmt::Write;

use axum::extract::{Path, RawQuery, State as Ax};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use dyad_store::browse;
use dyad_store::query::{self, CountBy, Unit};
use serde_json::{json, Value};

use crate::api::{self, DOC_PARAMS, EVENT_PARAMS};
use crate::error::ApiError;
use crate::html::{self, esc, page};
use crate::params;
use crate::state::{read, Shared, State};
use crate::svg;

pub(crate) fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(documents))
        .route("/documents/{id}", get(article))
        .route("/events", get(events))
        .route("/network", get(network))
        .route("/timeline", get(timeline))
        .route("/map", get(map))
}

fn respond(r: Result<String, ApiError>) -> Response {
    match r {
        Ok(s) => Html(s).into_response(),
        Err(e) => html::error_page(&e),
    }
}

fn pager(base: &str, p: &params::Params, offset: usize, limit: usize, total: usize) -> String {
    let mut s = String::from(r#"<nav class="pager">"#);
    if offset > 0 {
        let prev = offset.saturating_sub(limit).to_string();
        let _ = write!(
            s,
            r#"<a rel="prev" href="{base}?{}">← previous</a>"#,
            esc(&p.query_with(&[("offset", &prev)]))
        );
    }
    if offset + limit < total {
        let next = (offset + limit).to_string();
        let _ = write!(
            s,
            r#"<a rel="next" href="{base}?{}">next →</a>"#,
            esc(&p.query_with(&[("offset", &next)]))
        );
    }
    s.push_str("</nav>");
    s
}

async fn documents(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Response {
    respond(documents_page(&st, q).await)
}

async fn documents_page(st: &Shared, q: Option<String>) -> Result<String, ApiError> {
    let p = params::parse(q.as_deref(), false, DOC_PARAMS)?;
    let dq = api::doc_query(&p, 200)?;
    let pg = read(st, move |_, s| Ok(browse::documents(s.conn(), &dq)?)).await?;
    let v = |k: &str| esc(p.own.get(k).map(|s| s.as_str()).unwrap_or(""));
    let mut b = format!(
        r#"<form class="filters" method="get" action="/">
<label>Search<input name="search" value="{}" placeholder="title, id or URL"></label>
<label>Text<input name="text" value="{}" placeholder="full-text query"></label>
<label>Outlet<input name="outlet" value="{}"></label>
<label>Since<input name="since" value="{}" placeholder="YYYY-MM-DD"></label>
<label>Until<input name="until" value="{}" placeholder="YYYY-MM-DD"></label>
<button type="submit">Search</button></form>
<p class="counts" id="counts" data-total="{}">{} documents</p>
<div class="scroll"><table class="list"><thead><tr><th>Title</th><th class="wide">Outlet</th><th>Published</th><th>Events</th><th class="wide">Sentences</th></tr></thead><tbody>"#,
        v("search"),
        v("text"),
        v("outlet"),
        v("since"),
        v("until"),
        pg.total,
        pg.total
    );
    for d in &pg.documents {
        let title = d.title.clone().unwrap_or_else(|| d.id.clone());
        let _ = write!(
            b,
            r#"<tr><td class="title"><a href="/documents/{}">{}</a><div class="sub">{}</div></td><td class="wide">{}</td><td class="nowrap">{}</td><td>{}</td><td class="wide">{}</td></tr>"#,
            esc(&enc_path(&d.id)),
            esc(&title),
            esc(&d.id),
            esc(d.outlet.as_deref().unwrap_or("")),
            esc(d.published.as_deref().unwrap_or("")),
            d.events,
            d.sentences
        );
    }
    b.push_str("</tbody></table></div>");
    b.push_str(&pager("/", &p, pg.offset, dq_limit(&p)?, pg.total));
    Ok(page("Documents", "/", &b))
}

fn dq_limit(p: &params::Params) -> Result<usize, ApiError> {
    p.number("limit", 50, 200)
}

/// A document id in a URL path.
pub fn enc_path(id: &str) -> String {
    let mut out = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

async fn article(Ax(st): Ax<Shared>, Path(id): Path<String>) -> Response {
    respond(
        read(&st, move |st, s| {
            Ok(article_page(st, &api::doc_json(s, &id)?))
        })
        .await,
    )
}

fn span_of(v: &Value) -> (usize, usize) {
    (
        v["start"].as_u64().unwrap_or(0) as usize,
        v["end"].as_u64().unwrap_or(0) as usize,
    )
}

/// For each character, the innermost annotation of one kind covering it.
fn paint(n: usize, items: &[Value], keep: impl Fn(&Value) -> bool) -> Vec<Option<u32>> {
    let mut order: Vec<usize> = (0..items.len()).filter(|&i| keep(&items[i])).collect();
    order.sort_by_key(|&i| {
        let (s, e) = span_of(&items[i]);
        std::cmp::Reverse(e.saturating_sub(s))
    });
    let mut out = vec![None; n];
    for i in order {
        let (s, e) = span_of(&items[i]);
        for slot in out.iter_mut().take(e.min(n)).skip(s) {
            *slot = Some(i as u32);
        }
    }
    out
}

/// How a quote's speaker was found, in words.
fn resolution(c: &Value, q: &Value) -> String {
    let sp = &q["speaker"];
    let mut parts: Vec<String> = vec![];
    if q["continuation"].as_bool() == Some(true) {
        parts.push(
            "a continuation: no attribution of its own, the speaker carried from the quote before"
                .into(),
        );
    }
    if let Some(cue) = q["cue"].as_str() {
        parts.push(format!("attributed by the cue «{cue}»"));
    }
    if sp.is_null() {
        parts.push("no speaker found".into());
        return parts.join("; ");
    }
    if let Some(k) = sp["mention"].as_u64() {
        let ms = c["mentions"].as_array().cloned().unwrap_or_default();
        let mut chain = vec![];
        let mut cur = Some(k as usize);
        let mut seen = 0;
        while let Some(i) = cur {
            let Some(m) = ms.get(i) else { break };
            chain.push(format!(
                "«{}» ({}{})",
                m["text"].as_str().unwrap_or(""),
                m["type"].as_str().unwrap_or("mention"),
                m["code"]
                    .as_str()
                    .map(|c| format!(", {c}"))
                    .unwrap_or_default()
            ));
            cur = m["refers_to"].as_u64().map(|r| r as usize);
            seen += 1;
            if seen > 20 {
                break;
            }
        }
        parts.push(format!("speaker mention {}", chain.join(" → refers to ")));
    }
    if sp["anonymous"].as_bool() == Some(true) {
        parts.push(format!(
            "an anonymous source{}",
            sp["count"]
                .as_u64()
                .map(|n| format!(", {n} of them"))
                .unwrap_or_default()
        ));
    }
    parts.join("; ")
}

fn article_page(st: &State, c: &Value) -> String {
    let text: Vec<char> = c["text"].as_str().unwrap_or("").chars().collect();
    let n = text.len();
    let arr = |k: &str| c[k].as_array().cloned().unwrap_or_default();
    let (mentions, events, quotes, places) =
        (arr("mentions"), arr("events"), arr("quotes"), arr("places"));
    let sentences = arr("sentences");
    let slice = |s: usize, e: usize| -> String { text[s.min(n)..e.min(n)].iter().collect() };

    // Speakers in order of first quote: each gets a colour.
    let mut speakers: Vec<String> = vec![];
    let speaker_of = |q: &Value| -> String {
        q["speaker"]["name"]
            .as_str()
            .or(q["speaker"]["code"].as_str())
            .unwrap_or("unattributed")
            .to_string()
    };
    for q in &quotes {
        let s = speaker_of(q);
        if !speakers.contains(&s) {
            speakers.push(s);
        }
    }

    let m_at = paint(n, &mentions, |_| true);
    let e_at = paint(n, &events, |_| true);
    let q_at = paint(n, &quotes, |_| true);
    let p_at = paint(n, &places, |p| p["in_name"].as_bool() != Some(true));
    let mut sentence_starts: BTreeMap<usize, usize> = BTreeMap::new();
    for (i, s) in sentences.iter().enumerate() {
        sentence_starts.insert(span_of(s).0, i);
    }
    let mut paragraphs: Vec<(usize, usize)> = arr("paragraphs").iter().map(span_of).collect();
    if paragraphs.is_empty() {
        paragraphs.push((0, n));
    }

    let mut body = String::new();
    for (ps, pe) in paragraphs {
        body.push_str("<p>");
        let mut i = ps.min(n);
        let pe = pe.min(n);
        while i < pe {
            if let Some(s) = sentence_starts.get(&i) {
                let _ = write!(body, r#"<span class="s-anchor" id="s-{s}"></span>"#);
            }
            let key = (m_at[i], e_at[i], q_at[i], p_at[i]);
            let mut j = i + 1;
            while j < pe
                && (m_at[j], e_at[j], q_at[j], p_at[j]) == key
                && !sentence_starts.contains_key(&j)
            {
                j += 1;
            }
            let seg = esc(&slice(i, j));
            if key == (None, None, None, None) {
                body.push_str(&seg);
            } else {
                let mut classes = vec![];
                let mut data = String::new();
                if let Some(k) = key.0 {
                    classes.push("m".to_string());
                    let _ = write!(data, r#" data-m="{k}""#);
                }
                if let Some(k) = key.1 {
                    classes.push("ev".into());
                    let _ = write!(data, r#" data-ev="{k}" tabindex="0" role="button""#);
                }
                if let Some(k) = key.2 {
                    let who = speaker_of(&quotes[k as usize]);
                    let idx = speakers.iter().position(|s| *s == who).unwrap_or(0);
                    classes.push(format!("q q{}", idx % 8));
                    let _ = write!(data, r#" data-q="{k}""#);
                    if key.1.is_none() {
                        data.push_str(r#" tabindex="0" role="button""#);
                    }
                }
                if let Some(k) = key.3 {
                    let feature = places[k as usize]["feature"].as_str().unwrap_or("");
                    classes.push(
                        if svg::is_area(feature) {
                            "pl area"
                        } else {
                            "pl"
                        }
                        .into(),
                    );
                    let _ = write!(data, r#" data-pl="{k}""#);
                }
                let _ = write!(
                    body,
                    r#"<span class="{}"{data}>{seg}</span>"#,
                    classes.join(" ")
                );
            }
            i = j;
        }
        body.push_str("</p>\n");
    }

    // What the panel shows, per event and quote.
    let ev_data: Vec<Value> = events
        .iter()
        .map(|e| {
            let code = e["code"].as_str().unwrap_or("");
            let sent = e["sentence"].as_u64().unwrap_or(0) as usize;
            let sentence_text = sentences
                .get(sent)
                .map(|s| {
                    let (a, b) = span_of(s);
                    slice(a, b)
                })
                .unwrap_or_default();
            let place = e["place"]
                .as_u64()
                .and_then(|p| places.get(p as usize))
                .map(|p| {
                    json!({"name": p["name"], "country": p["country"], "feature": p["feature"],
                           "lat": p["lat"], "lon": p["lon"]})
                });
            let mut v = e.clone();
            v["code_name"] = json!(st.code_name(code));
            v["sentence_text"] = json!(sentence_text);
            v["place_info"] = json!(place);
            v["quad_name"] = json!(e["quad_class"]
                .as_u64()
                .and_then(|q| svg::QUAD_NAMES.get((q as usize).wrapping_sub(1))));
            v
        })
        .collect();
    let q_data: Vec<Value> = quotes
        .iter()
        .map(|q| {
            json!({"kind": q["kind"], "text": q["text"], "speaker": q["speaker"],
                        "cue": q["cue"], "how": resolution(c, q)})
        })
        .collect();
    let m_data: Vec<Value> = mentions
        .iter()
        .map(|m| {
            json!({"text": m["text"], "type": m["type"], "code": m["code"],
                        "role": m["role"], "refers_to": m["refers_to"], "source": m["source"]})
        })
        .collect();
    let p_data: Vec<Value> = places
        .iter()
        .map(|p| {
            json!({"text": p["text"], "name": p["name"], "country": p["country"],
                        "admin1": p["admin1"], "feature": p["feature"], "lat": p["lat"],
                        "lon": p["lon"], "metonym": p["metonym"]})
        })
        .collect();
    let data = json!({
        "id": c["id"], "events": ev_data, "quotes": q_data, "mentions": m_data, "places": p_data
    });

    let id = c["id"].as_str().unwrap_or("");
    let title = c["title"].as_str().unwrap_or(id);
    let mut meta = String::new();
    for (k, label) in [
        ("outlet", "Outlet"),
        ("published", "Published"),
        ("url", "URL"),
    ] {
        if let Some(v) = c[k].as_str() {
            let _ = write!(meta, "<dt>{label}</dt><dd>{}</dd>", esc(v));
        }
    }
    let mut legend = String::from(
        r#"<p class="legend"><span class="m">actor mention</span> <span class="ev">event</span> <span class="pl">place</span> <span class="pl area">area</span> quotes by speaker:"#,
    );
    for (i, s) in speakers.iter().enumerate() {
        let count = quotes.iter().filter(|q| speaker_of(q) == *s).count();
        let _ = write!(
            legend,
            r#" <span class="q q{}">{} ({count})</span>"#,
            i % 8,
            esc(s)
        );
    }
    legend.push_str("</p>");
    let counts = format!(
        r#"<p class="counts" id="counts">{} events · {} quotes · {} actor mentions · {} places</p>"#,
        events.len(),
        quotes.len(),
        mentions.len(),
        places.len()
    );
    let b = format!(
        r#"<dl class="meta">{meta}<dt>Id</dt><dd>{}</dd></dl>{counts}{legend}
<div class="reader"><article class="doc" id="doc">{body}</article>
<aside id="panel" class="panel" aria-live="polite"><p class="hint">Click an event (underlined) to see why it was coded, or a quote to see its speaker.</p></aside></div>
<script type="application/json" id="doc-data">{}</script>"#,
        esc(id),
        html::script_json(&data)
    );
    page(title, "", &b)
}

async fn events(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Response {
    respond(events_page(&st, q).await)
}

async fn events_page(st: &Shared, q: Option<String>) -> Result<String, ApiError> {
    let p = params::parse(q.as_deref(), true, EVENT_PARAMS)?;
    let limit = p.number("limit", 50, 500)?;
    let offset = p.number("offset", 0, usize::MAX)?;
    let f = p.filter.clone();
    let (by_quad, rows) = read(st, move |st, s| {
        let by_quad = query::count(s.conn(), &f, Unit::Events, CountBy::Quad)?;
        let rows = api::event_page(st, s, &f, Unit::Events, offset, limit)?;
        Ok((by_quad, rows))
    })
    .await?;
    let total: i64 = by_quad.iter().map(|r| r.events).sum();
    let mut quads = [0i64; 4];
    for r in &by_quad {
        if let Ok(q @ 1..=4) = r.key.parse::<usize>() {
            quads[q - 1] = r.events;
        }
    }
    let mut b = html::filter_form("/events", &p, &[]);
    let _ = write!(
        b,
        r#"<p class="counts" id="counts" data-total="{total}">{total} events: "#
    );
    for (i, n) in quads.iter().enumerate() {
        let _ = write!(
            b,
            r#"<span class="qc q{}" data-quad="{}">{n} {}</span> "#,
            i + 1,
            i + 1,
            svg::QUAD_NAMES[i]
        );
    }
    b.push_str("</p>");
    b.push_str(r#"<div class="scroll"><table class="list events"><thead><tr><th>Date</th><th>Source</th><th>Target</th><th>Event</th><th class="wide">Goldstein</th><th class="wide">Place</th><th>Sentence</th></tr></thead><tbody>"#);
    for r in &rows {
        let s = |k: &str| esc(r[k].as_str().unwrap_or("-"));
        let _ = write!(
            b,
            r#"<tr><td class="nowrap">{}</td><td>{}</td><td>{}</td><td><span class="qc q{}">{} {}</span></td><td class="wide">{:.1}</td><td class="wide">{}</td><td class="sentence"><a href="/documents/{}#s-{}">{}</a> <span class="sub">({} reports)</span></td></tr>"#,
            s("date"),
            s("source"),
            s("target"),
            r["quad_class"].as_i64().unwrap_or(0),
            s("code"),
            s("code_name"),
            r["goldstein"].as_f64().unwrap_or(0.0),
            s("place"),
            esc(&enc_path(r["doc"].as_str().unwrap_or(""))),
            r["sentence"].as_i64().unwrap_or(0),
            s("sentence_text"),
            r["num_mentions"].as_i64().unwrap_or(0)
        );
    }
    b.push_str("</tbody></table></div>");
    b.push_str(&pager("/events", &p, offset, limit, total as usize));
    Ok(page("Events", "/events", &b))
}

async fn network(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Response {
    respond(network_page(&st, q).await)
}

async fn network_page(st: &Shared, q: Option<String>) -> Result<String, ApiError> {
    let p = params::parse(q.as_deref(), true, &[])?;
    let f = p.filter.clone();
    let net = read(st, move |_, s| Ok(query::network(s.conn(), &f, 300)?)).await?;
    let fq = p.filter_query();
    let mut b = html::filter_form("/network", &p, &[]);
    let _ = write!(
        b,
        r#"<p class="counts" id="counts">{} actors · {} dyads · {} events{}. Size: events; colour: mean Goldstein (red conflict, green cooperation). Click an actor or an arrow for its events.</p>"#,
        net.nodes.len(),
        net.edges.len(),
        net.edges.iter().map(|e| e.events).sum::<i64>(),
        if net.nodes.len() > 30 {
            " (the 30 actors with most events drawn)"
        } else {
            ""
        }
    );
    b.push_str(r#"<div class="figure">"#);
    b.push_str(&svg::network(&net, &fq, 30));
    b.push_str("</div>");
    b.push_str(r#"<div class="scroll"><table class="list"><thead><tr><th>Dyad</th><th>Events</th><th>Mean Goldstein</th><th>By QuadClass</th></tr></thead><tbody>"#);
    for e in net.edges.iter().take(25) {
        let href = if fq.is_empty() {
            format!("/events?dyad={},{}", enc_q(&e.source), enc_q(&e.target))
        } else {
            format!(
                "/events?dyad={},{}&{fq}",
                enc_q(&e.source),
                enc_q(&e.target)
            )
        };
        let _ = write!(
            b,
            r#"<tr><td><a href="{}">{} → {}</a></td><td>{}</td><td>{:.1}</td><td>{} / {} / {} / {}</td></tr>"#,
            esc(&href),
            esc(&e.source),
            esc(&e.target),
            e.events,
            e.goldstein,
            e.quad[0],
            e.quad[1],
            e.quad[2],
            e.quad[3]
        );
    }
    b.push_str("</tbody></table></div>");
    Ok(page("Network", "/network", &b))
}

fn enc_q(s: &str) -> String {
    serde_urlencoded::to_string([("v", s)]).unwrap_or_default()[2..].to_string()
}

async fn timeline(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Response {
    respond(timeline_page(&st, q).await)
}

/// The last day of a period key, for a link that selects it.
fn period_end(by: CountBy, key: &str) -> String {
    match by {
        CountBy::Week => dyad_store::day::parse(key)
            .map(|(d, _)| dyad_store::day::iso(d + 6))
            .unwrap_or_else(|| key.to_string()),
        _ => key.to_string(),
    }
}

async fn timeline_page(st: &Shared, q: Option<String>) -> Result<String, ApiError> {
    let p = params::parse(q.as_deref(), true, &["by"])?;
    let by = api::period(&p)?;
    let by_name = p.choice("by", &["week", "day", "month"])?;
    let f = p.filter.clone();
    let rows = read(st, move |_, s| api::timeline_rows(s, &f, by)).await?;
    let periods: Vec<(String, [i64; 4], String)> = rows
        .iter()
        .map(|r| {
            let key = r["period"].as_str().unwrap_or("").to_string();
            let mut q = [0i64; 4];
            for (i, slot) in q.iter_mut().enumerate() {
                *slot = r["quad"][i].as_i64().unwrap_or(0);
            }
            let end = period_end(by, &key);
            (key, q, end)
        })
        .collect();
    // Links replace the period and QuadClass, and keep the other filters.
    let keep: Vec<(String, String)> = p
        .pairs
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "since" | "until" | "quad" | "by"))
        .cloned()
        .collect();
    let fq = serde_urlencoded::to_string(&keep).unwrap_or_default();
    let mut b = html::filter_form("/timeline", &p, &[]);
    let _ = write!(
        b,
        r#"<form class="by" method="get" action="/timeline">{}<label>Per<select name="by" onchange="this.form.submit()">"#,
        p.pairs
            .iter()
            .filter(|(k, _)| k != "by")
            .map(|(k, v)| format!(
                r#"<input type="hidden" name="{}" value="{}">"#,
                esc(k),
                esc(v)
            ))
            .collect::<String>()
    );
    for o in ["week", "day", "month"] {
        let sel = if o == by_name { " selected" } else { "" };
        let _ = write!(b, r#"<option{sel}>{o}</option>"#);
    }
    b.push_str(r#"</select></label><noscript><button>Show</button></noscript></form>"#);
    let total: i64 = periods.iter().map(|p| p.1.iter().sum::<i64>()).sum();
    let _ = write!(
        b,
        r#"<p class="counts" id="counts" data-total="{total}">{total} dated events in {} {by_name}s. Click a bar for its events.</p><p class="legend">"#,
        periods.len()
    );
    for (i, name) in svg::QUAD_NAMES.iter().enumerate() {
        let _ = write!(b, r#"<span class="qc q{}">{} {name}</span> "#, i + 1, i + 1);
    }
    b.push_str(r#"</p><div class="figure">"#);
    b.push_str(&svg::timeline(&periods, &fq));
    b.push_str("</div>");
    Ok(page("Timeline", "/timeline", &b))
}

async fn map(Ax(st): Ax<Shared>, RawQuery(q): RawQuery) -> Response {
    respond(map_page(&st, q).await)
}

async fn map_page(st: &Shared, q: Option<String>) -> Result<String, ApiError> {
    let p = params::parse(q.as_deref(), true, &[])?;
    let f = p.filter.clone();
    let places = read(st, move |_, s| Ok(query::places(s.conn(), &f, 2000)?)).await?;
    let fq = p.filter_query();
    let mut b = html::filter_form("/map", &p, &[]);
    let located: i64 = places.iter().map(|p| p.events).sum();
    let _ = write!(
        b,
        r#"<p class="counts" id="counts" data-total="{located}">{located} events at {} places.</p>
<p class="legend"><svg width="14" height="14" viewBox="0 0 14 14"><circle cx="7" cy="7" r="4" class="city-key"/></svg> a town or city (a location) <svg width="14" height="14" viewBox="0 0 14 14"><circle cx="7" cy="7" r="5" class="area-key"/></svg> a country or region (its representative point, not a location)</p><div class="figure">"#,
        places.len()
    );
    b.push_str(&svg::map(&places, &fq));
    b.push_str(r#"</div><div class="scroll"><table class="list"><thead><tr><th>Place</th><th>Precision</th><th>Events</th></tr></thead><tbody>"#);
    for pl in places.iter().take(25) {
        let _ = write!(
            b,
            r#"<tr><td>{}{}</td><td>{}</td><td>{}</td></tr>"#,
            esc(&pl.name),
            pl.country
                .as_deref()
                .map(|c| format!(" ({})", esc(c)))
                .unwrap_or_default(),
            esc(&pl.feature),
            pl.events
        );
    }
    b.push_str("</tbody></table></div>");
    Ok(page("Map", "/map", &b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_encoded_in_paths() {
        assert_eq!(enc_path("site/2031/a b"), "site%2F2031%2Fa%20b");
        assert_eq!(period_end(CountBy::Week, "2031-03-03"), "2031-03-09");
        assert_eq!(period_end(CountBy::Month, "2031-03"), "2031-03");
    }

    #[test]
    fn annotations_paint_the_innermost_span() {
        let items = vec![
            json!({"start": 0, "end": 10}),
            json!({"start": 2, "end": 4}),
        ];
        let at = paint(12, &items, |_| true);
        assert_eq!(at[0], Some(0));
        assert_eq!(at[3], Some(1));
        assert_eq!(at[5], Some(0));
        assert_eq!(at[11], None);
    }
}
