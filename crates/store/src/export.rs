//! Exports of what a [`Filter`] selects, in the field's formats:
//! - [`jsonl`]: the documents that report a selected event, as the output
//!   contract (every document when nothing is filtered);
//! - [`csv`]: one flat row per event (or per mention);
//! - [`gdelt_events`] / [`gdelt_mentions`]: GDELT 2.0's Events (61 columns)
//!   and Mentions (16 columns) TSV, no header, columns in the official order,
//!   empty where dyad has nothing to say (tone, ADM2, feature ids; actor
//!   geography, since dyad places events, not actors);
//! - [`plover`]: PLOVER interchange records, one JSON object per line;
//! - [`crate::parquet`]: events, mentions, quotes and documents as typed
//!   Parquet tables, one file per table;
//! - [`graphml`]: the actor network, actors as nodes and dyads as edges with
//!   counts by QuadClass and mean Goldstein.

use std::collections::BTreeMap;
use std::io::Write;

use rusqlite::Connection;

use crate::query::{self, Filter, Row, Unit};
use crate::{countries, day, plover as plover_table, StoreError};

/// GDELT 2.0 Events columns, in order.
pub const GDELT_EVENT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// GDELT 2.0 Mentions columns, in order.
pub const GDELT_MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// A TSV field: GDELT has no quoting, so tabs and newlines become spaces.
fn tsv(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// `YYYYMMDDHHMMSS` of an ISO timestamp or date.
fn stamp(s: &str) -> String {
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    format!("{digits:0<14}").chars().take(14).collect()
}

/// CAMEO actor code -> (country code, known group code, type codes).
fn actor_parts(code: &str) -> (String, String, [String; 3]) {
    let chunks: Vec<&str> = (0..code.len())
        .step_by(3)
        .filter_map(|i| code.get(i..(i + 3).min(code.len())))
        .collect();
    let (country, rest) = match chunks.first() {
        Some(c) if countries::is_country_code(c) => (c.to_string(), &chunks[1..]),
        _ => (String::new(), &chunks[..]),
    };
    // IGO/NGO codes name the group after the type: IGOUNO -> group UNO.
    let (group, rest) = match rest {
        [t @ ("IGO" | "NGO" | "IMG" | "MNC"), g, more @ ..] => (g.to_string(), {
            let mut v = vec![*t];
            v.extend(more.iter().copied());
            v
        }),
        _ => (String::new(), rest.to_vec()),
    };
    let mut types: [String; 3] = Default::default();
    for (slot, t) in types.iter_mut().zip(rest) {
        *slot = t.to_string();
    }
    (country, group, types)
}

fn actor_columns(code: Option<&str>, name: Option<&str>) -> Vec<String> {
    let Some(code) = code else {
        return vec![String::new(); 10];
    };
    let (country, group, types) = actor_parts(code);
    let [t1, t2, t3] = types;
    vec![
        code.to_string(),
        tsv(&name.unwrap_or("").to_uppercase()),
        country,
        group,
        String::new(),
        String::new(),
        String::new(),
        t1,
        t2,
        t3,
    ]
}

/// ActionGeo: type, full name, FIPS country, ADM1 (the FIPS country for a
/// country; dyad has no FIPS region codes), ADM2, lat, long, feature id.
fn geo_columns(r: &Row) -> Vec<String> {
    let Some(place) = &r.place else {
        let mut v = vec![String::new(); 8];
        v[0] = "0".into();
        return v;
    };
    let cc = r.country.as_deref().unwrap_or("");
    let fips = countries::fips(cc).unwrap_or("").to_string();
    let us = cc == "US";
    let feature = r.feature.as_deref().unwrap_or("");
    let kind = match (feature, us) {
        ("country", _) => "1",
        ("admin1", true) => "2",
        ("city", true) => "3",
        ("city", false) => "4",
        ("admin1", false) => "5",
        _ => "4",
    };
    let country_name = countries::name(cc).unwrap_or(cc);
    let full = match feature {
        "country" => country_name.to_string(),
        "admin1" => format!("{place}, {country_name}"),
        _ => match &r.admin1 {
            Some(a) if a != place => format!("{place}, {a}, {country_name}"),
            _ => format!("{place}, {country_name}"),
        },
    };
    let num = |x: Option<f64>| x.map(|v| format!("{v:.4}")).unwrap_or_default();
    vec![
        kind.into(),
        tsv(full.trim_end_matches(", ")),
        fips.clone(),
        if feature == "country" {
            fips.clone()
        } else {
            String::new()
        },
        String::new(),
        num(r.lat),
        num(r.lon),
        if feature == "country" {
            fips
        } else {
            String::new()
        },
    ]
}

/// One GDELT Events line (61 fields).
pub fn gdelt_event_fields(r: &Row) -> Vec<String> {
    let mut f: Vec<String> = Vec::with_capacity(61);
    f.push(r.event.to_string());
    match r.date.as_deref().and_then(day::parse) {
        Some((d, _)) => {
            let (y, m, dd) = day::to_ymd(d);
            let doy = d - day::from_ymd(y, 1, 1);
            f.push(format!("{y:04}{m:02}{dd:02}"));
            f.push(format!("{y:04}{m:02}"));
            f.push(format!("{y:04}"));
            f.push(format!("{:.4}", y as f64 + doy as f64 / 365.0));
        }
        None => f.extend([String::new(), String::new(), String::new(), String::new()]),
    }
    let name = |n: &Option<String>, t: &Option<String>| n.clone().or_else(|| t.clone());
    f.extend(actor_columns(
        r.source.as_deref(),
        name(&r.source_name, &r.source_text).as_deref(),
    ));
    f.extend(actor_columns(
        r.target.as_deref(),
        name(&r.target_name, &r.target_text).as_deref(),
    ));
    // GDELT marks events from a story's lead; dyad's first mention in the
    // headline or first sentence.
    f.push(if r.sentence <= 1 { "1" } else { "0" }.into());
    f.push(r.code.clone());
    f.push(crate::merge::base_code(&r.code).to_string());
    f.push(r.root.clone());
    f.push(r.quad_class.to_string());
    f.push(format!("{:.1}", r.goldstein));
    f.push(r.num_mentions.to_string());
    f.push(r.num_sources.to_string());
    f.push(r.num_articles.to_string());
    f.push(String::new()); // AvgTone
    for _ in 0..2 {
        let mut v = vec![String::new(); 8];
        v[0] = "0".into();
        f.extend(v);
    }
    f.extend(geo_columns(r));
    f.push(stamp(&r.added_at));
    f.push(tsv(r.url.as_deref().unwrap_or(&r.doc)));
    debug_assert_eq!(f.len(), 61);
    f
}

/// One GDELT Mentions line (16 fields).
pub fn gdelt_mention_fields(r: &Row) -> Vec<String> {
    let host = r
        .url
        .as_deref()
        .and_then(|u| u.split("//").nth(1))
        .and_then(|h| h.split('/').next())
        .map(|h| h.trim_start_matches("www.").to_string());
    let opt = |x: Option<i64>| x.map(|v| v.to_string()).unwrap_or_else(|| "-1".into());
    vec![
        r.event.to_string(),
        stamp(&r.added_at),
        r.published
            .as_deref()
            .map(stamp)
            .unwrap_or_else(|| stamp(&r.added_at)),
        "1".into(),
        tsv(&host.or_else(|| r.outlet.clone()).unwrap_or_default()),
        tsv(r.url.as_deref().unwrap_or(&r.doc)),
        (r.sentence + 1).to_string(),
        opt(r.source_start),
        opt(r.target_start),
        r.start.to_string(),
        "1".into(),
        String::new(),
        r.doc_chars.map(|n| n.to_string()).unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

fn write_tsv(w: &mut dyn Write, fields: &[String]) -> std::io::Result<()> {
    w.write_all(fields.join("\t").as_bytes())?;
    w.write_all(b"\n")
}

/// GDELT 2.0 Events TSV of the selected events; returns the row count.
pub fn gdelt_events(conn: &Connection, f: &Filter, w: &mut dyn Write) -> Result<usize, StoreError> {
    query::rows(conn, f, Unit::Events, 0, |r| {
        Ok(write_tsv(w, &gdelt_event_fields(&r))?)
    })
}

/// GDELT 2.0 Mentions TSV of the selected mentions.
pub fn gdelt_mentions(
    conn: &Connection,
    f: &Filter,
    w: &mut dyn Write,
) -> Result<usize, StoreError> {
    query::rows(conn, f, Unit::Mentions, 0, |r| {
        Ok(write_tsv(w, &gdelt_mention_fields(&r))?)
    })
}

/// A CSV field (RFC 4180 quoting).
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Columns of the flat CSV.
pub const CSV_COLUMNS: [&str; 30] = [
    "event",
    "date",
    "source",
    "source_name",
    "source_text",
    "target",
    "target_name",
    "target_text",
    "code",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "place",
    "admin1",
    "country",
    "lat",
    "lon",
    "num_mentions",
    "num_sources",
    "num_articles",
    "doc",
    "url",
    "outlet",
    "published",
    "sentence",
    "sentence_text",
    "start",
    "end",
    "pattern",
];

/// The CSV fields of a row, in [`CSV_COLUMNS`] order.
pub fn csv_fields(r: &Row) -> Vec<String> {
    let o = |x: &Option<String>| x.clone().unwrap_or_default();
    let n = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    vec![
        r.event.to_string(),
        o(&r.date),
        o(&r.source),
        o(&r.source_name),
        o(&r.source_text),
        o(&r.target),
        o(&r.target_name),
        o(&r.target_text),
        r.code.clone(),
        r.root.clone(),
        r.quad_class.to_string(),
        r.goldstein.to_string(),
        o(&r.plover),
        o(&r.place),
        o(&r.admin1),
        o(&r.country),
        n(r.lat),
        n(r.lon),
        r.num_mentions.to_string(),
        r.num_sources.to_string(),
        r.num_articles.to_string(),
        r.doc.clone(),
        o(&r.url),
        o(&r.outlet),
        o(&r.published),
        r.sentence.to_string(),
        r.sentence_text.clone(),
        r.start.to_string(),
        r.end.to_string(),
        r.pattern.clone(),
    ]
}

/// CSV with a header, one row per event (or per mention).
pub fn csv(
    conn: &Connection,
    f: &Filter,
    unit: Unit,
    w: &mut dyn Write,
) -> Result<usize, StoreError> {
    writeln!(w, "{}", CSV_COLUMNS.join(","))?;
    query::rows(conn, f, unit, 0, |r| {
        let line: Vec<String> = csv_fields(&r).iter().map(|s| csv_field(s)).collect();
        writeln!(w, "{}", line.join(","))?;
        Ok(())
    })
}

/// The documents reporting the selected events (all documents for an
/// empty filter), one contract JSON per line.
pub fn jsonl(conn: &Connection, f: &Filter, w: &mut dyn Write) -> Result<usize, StoreError> {
    let mut n = 0;
    let mut emit = |json: String| -> Result<(), StoreError> {
        w.write_all(json.as_bytes())?;
        w.write_all(b"\n")?;
        n += 1;
        Ok(())
    };
    if query::is_empty(f) {
        let mut st = conn.prepare("SELECT doc FROM documents ORDER BY rowid")?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            emit(r.get(0)?)?;
        }
        return Ok(n);
    }
    let mut docs = std::collections::BTreeSet::new();
    query::rows(conn, f, Unit::Mentions, 0, |r| {
        docs.insert(r.doc);
        Ok(())
    })?;
    let mut st = conn.prepare_cached("SELECT doc FROM documents WHERE id = ?1")?;
    for id in docs {
        let json: String = st.query_row([&id], |r| r.get(0))?;
        emit(json)?;
    }
    Ok(n)
}

/// PLOVER interchange records (JSON lines): `id`, `date`, `event`, `mode`,
/// `context`, `actor`, `actor_code`, `recipient`, `recipient_code`,
/// `quad_code` (PLOVER's quad names), `goldstein`, `event_text`,
/// `event_loc`, `cite_info`, and the CAMEO code it came from.
///
/// With a crosswalk, its types, modes and contexts are used, and events
/// whose code it gives no type (CAMEO's 01 and 02 roots) are left out, as
/// PLOVER has no such events.
pub fn plover(
    conn: &Connection,
    f: &Filter,
    crosswalk: Option<&plover_table::Crosswalk>,
    w: &mut dyn Write,
) -> Result<usize, StoreError> {
    let mut n = 0;
    query::rows(conn, f, Unit::Events, 0, |r| {
        let (event, mode, context) = match crosswalk {
            Some(cw) => match cw.get(&r.code) {
                Some(p) => (Some(p.event.clone()), p.mode.clone(), p.context.clone()),
                None => return Ok(()),
            },
            None => (
                plover_table::event_type(&r.code).map(str::to_string),
                plover_table::mode(&r.code).map(str::to_string),
                vec![],
            ),
        };
        let quad = match r.quad_class {
            1 => "verbal cooperation",
            2 => "material cooperation",
            3 => "verbal conflict",
            _ => "material conflict",
        };
        let list = |name: &Option<String>, text: &Option<String>| -> Vec<String> {
            name.clone().or_else(|| text.clone()).into_iter().collect()
        };
        let rec = serde_json::json!({
            "id": format!("dyad-{}", r.event),
            "date": r.date,
            "event": event,
            "mode": mode,
            "context": context,
            "actor": list(&r.source_name, &r.source_text),
            "actor_code": r.source,
            "recipient": list(&r.target_name, &r.target_text),
            "recipient_code": r.target,
            "quad_code": quad,
            "goldstein": r.goldstein,
            "event_text": r.sentence_text,
            "event_loc": r.place.as_ref().map(|p| serde_json::json!({
                "name": p, "admin1": r.admin1, "country": r.country,
                "lat": r.lat, "lon": r.lon,
            })),
            "cite_info": {
                "url": r.url, "outlet": r.outlet, "published": r.published,
                "doc": r.doc, "sentence": r.sentence,
                "num_mentions": r.num_mentions, "num_sources": r.num_sources,
                "num_articles": r.num_articles,
            },
            "cameo": r.code,
        });
        serde_json::to_writer(&mut *w, &rec).map_err(std::io::Error::from)?;
        w.write_all(b"\n")?;
        n += 1;
        Ok(())
    })?;
    Ok(n)
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[derive(Default)]
struct Edge {
    events: i64,
    mentions: i64,
    quad: [i64; 4],
    goldstein: f64,
}

/// GraphML of the actor network of the selected events (events with both
/// actors): nodes are actor codes, edges source -> target with `events`,
/// `mentions`, `quad1`..`quad4` and `goldstein` (mean).
pub fn graphml(conn: &Connection, f: &Filter, w: &mut dyn Write) -> Result<usize, StoreError> {
    let mut edges: BTreeMap<(String, String), Edge> = BTreeMap::new();
    let mut names: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
    query::rows(conn, f, Unit::Events, 0, |r| {
        let (Some(s), Some(t)) = (&r.source, &r.target) else {
            return Ok(());
        };
        let e = edges.entry((s.clone(), t.clone())).or_default();
        e.events += 1;
        e.mentions += r.num_mentions;
        e.quad[(r.quad_class.clamp(1, 4) - 1) as usize] += 1;
        e.goldstein += r.goldstein;
        for (code, name) in [(s, &r.source_name), (t, &r.target_name)] {
            let m = names.entry(code.clone()).or_default();
            if let Some(n) = name {
                *m.entry(n.clone()).or_default() += 1;
            }
        }
        Ok(())
    })?;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        w,
        r#"  <key id="name" for="node" attr.name="name" attr.type="string"/>"#
    )?;
    writeln!(
        w,
        r#"  <key id="country" for="node" attr.name="country" attr.type="string"/>"#
    )?;
    for k in ["events", "mentions", "quad1", "quad2", "quad3", "quad4"] {
        writeln!(
            w,
            r#"  <key id="{k}" for="edge" attr.name="{k}" attr.type="int"/>"#
        )?;
    }
    writeln!(
        w,
        r#"  <key id="goldstein" for="edge" attr.name="goldstein" attr.type="double"/>"#
    )?;
    writeln!(w, r#"  <graph id="actors" edgedefault="directed">"#)?;
    for (code, ns) in &names {
        let name = ns
            .iter()
            .max_by_key(|(n, c)| (**c, std::cmp::Reverse((*n).clone())))
            .map(|(n, _)| n.as_str())
            .unwrap_or(code);
        let (country, _, _) = actor_parts(code);
        writeln!(
            w,
            r#"    <node id="{}"><data key="name">{}</data><data key="country">{}</data></node>"#,
            xml(code),
            xml(name),
            xml(&country)
        )?;
    }
    for (i, ((s, t), e)) in edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}"><data key="events">{}</data><data key="mentions">{}</data><data key="quad1">{}</data><data key="quad2">{}</data><data key="quad3">{}</data><data key="quad4">{}</data><data key="goldstein">{:.3}</data></edge>"#,
            xml(s),
            xml(t),
            e.events,
            e.mentions,
            e.quad[0],
            e.quad[1],
            e.quad[2],
            e.quad[3],
            e.goldstein / e.events as f64
        )?;
    }
    writeln!(w, "  </graph>\n</graphml>")?;
    Ok(edges.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actor_codes_split_into_gdelt_parts() {
        let (c, g, t) = actor_parts("SYRGOVMIL");
        assert_eq!((c.as_str(), g.as_str()), ("SYR", ""));
        assert_eq!(t, ["GOV".to_string(), "MIL".into(), String::new()]);
        let (c, g, t) = actor_parts("IGOUNO");
        assert_eq!((c.as_str(), g.as_str(), t[0].as_str()), ("", "UNO", "IGO"));
        assert_eq!(stamp("2026-12-07T19:47:08Z"), "20261207194708");
        assert_eq!(stamp("2024-12-04"), "20241204000000");
        assert_eq!(csv_field("a,\"b\""), "\"a,\"\"b\"\"\"");
    }
}
