//! Writing one document's layers: sentences (and their full-text index),
//! entities, mentions, places, times, quotes, links, the wire-copy
//! signature, and its events merged into the events already stored.

use std::collections::{HashMap, HashSet};

use dyad_document::Contract;
use rusqlite::{params, Connection, OptionalExtension};

use crate::merge::{MergeRule, PlaceKey};
use crate::wire::{self, WireRule};
use crate::{day, plover, StoreError};

/// What storing one document's events did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stored {
    /// Event mentions stored.
    pub events: usize,
    /// Of those, how many started a new event.
    pub new_events: usize,
    /// Of those, how many joined an event stored before this document
    /// (another article's report of the same event).
    pub merged: usize,
    /// The stored document this one is a wire copy of.
    pub copy_of: Option<String>,
}

pub(crate) fn name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(v) => v.to_string(),
        Err(_) => String::new(),
    }
}

/// Everything of a document but its `documents` row.
pub(crate) fn layers(
    conn: &Connection,
    doc: i64,
    c: &Contract,
    rule: &MergeRule,
    wire_rule: &WireRule,
) -> Result<Stored, StoreError> {
    let chars: Vec<char> = c.text.chars().collect();
    let slice = |a: usize, b: usize| -> String {
        chars[a.min(chars.len())..b.min(chars.len())]
            .iter()
            .collect()
    };
    {
        let mut st = conn.prepare_cached(
            "INSERT INTO links (doc, ord, text, url, kind, date, start, end)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?;
        for (i, l) in c.links.iter().enumerate() {
            st.execute(params![
                doc,
                i as i64,
                l.text,
                l.url,
                name(&l.kind),
                l.date,
                l.start as i64,
                l.end as i64
            ])?;
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO sentences (doc, ord, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
        )?;
        let mut fts =
            conn.prepare_cached("INSERT INTO sentences_fts (rowid, text) VALUES (?1, ?2)")?;
        for (i, s) in c.sentences.iter().enumerate() {
            let text = slice(s.start, s.end);
            st.execute(params![doc, i as i64, s.start as i64, s.end as i64, text])?;
            fts.execute(params![conn.last_insert_rowid(), text])?;
        }
    }

    // Entities: one row per canonical name, code and kind, shared by all
    // documents, so a person is the same actor in every article.
    let mut entity_of: Vec<Option<i64>> = vec![None; c.mentions.len()];
    {
        let mut get = conn.prepare_cached(
            "SELECT id FROM entities WHERE name = ?1 AND code = ?2 AND kind = ?3",
        )?;
        let mut add =
            conn.prepare_cached("INSERT INTO entities (name, code, kind) VALUES (?1, ?2, ?3)")?;
        let mut seen: HashMap<(String, String, String), i64> = HashMap::new();
        for (i, m) in c.mentions.iter().enumerate() {
            let Some(n) = &m.entity else { continue };
            let key = (n.clone(), m.code.clone().unwrap_or_default(), name(&m.kind));
            let id = match seen.get(&key) {
                Some(&id) => id,
                None => {
                    let id = match get
                        .query_row(params![key.0, key.1, key.2], |r| r.get(0))
                        .optional()?
                    {
                        Some(id) => id,
                        None => {
                            add.execute(params![key.0, key.1, key.2])?;
                            conn.last_insert_rowid()
                        }
                    };
                    seen.insert(key, id);
                    id
                }
            };
            entity_of[i] = Some(id);
        }
        // A pronoun is its antecedent's entity.
        for i in 0..c.mentions.len() {
            let mut j = i;
            let mut hops = 0;
            while entity_of[j].is_none() && hops < 8 {
                match c.mentions[j].refers_to {
                    Some(k) if k < c.mentions.len() => j = k,
                    _ => break,
                }
                hops += 1;
            }
            entity_of[i] = entity_of[j];
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO mentions (doc, ord, start, end, text, kind, code, entity, role,
                                   anonymous, count, refers_to, pattern)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        )?;
        for (i, m) in c.mentions.iter().enumerate() {
            st.execute(params![
                doc,
                i as i64,
                m.start as i64,
                m.end as i64,
                m.text,
                name(&m.kind),
                m.code,
                entity_of[i],
                m.role,
                m.anonymous,
                m.count,
                m.refers_to.map(|x| x as i64),
                m.source
            ])?;
        }
    }
    {
        let mut st = conn.prepare_cached(
            "INSERT INTO places (doc, ord, start, end, text, name, country, admin1, lat, lon,
                                 feature, metonym)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        )?;
        for (i, p) in c.places.iter().enumerate() {
            st.execute(params![
                doc,
                i as i64,
                p.start as i64,
                p.end as i64,
                p.text,
                p.name,
                p.country,
                p.admin1,
                p.lat,
                p.lon,
                name(&p.feature),
                p.metonym
            ])?;
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO times (doc, ord, start, end, text, kind, value, approximate, anchor)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?;
        for (i, t) in c.times.iter().enumerate() {
            st.execute(params![
                doc,
                i as i64,
                t.start as i64,
                t.end as i64,
                t.text,
                name(&t.kind),
                t.value,
                t.approximate,
                t.anchor
            ])?;
        }
        let mut st = conn.prepare_cached(
            "INSERT INTO quotes (doc, ord, kind, start, end, text, cue, continuation, nested,
                                 partial, speaker_name, speaker_code, speaker_role,
                                 speaker_anonymous, speaker_count, speaker_mention,
                                 speaker_entity)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
        )?;
        for (i, q) in c.quotes.iter().enumerate() {
            let sp = q.speaker.as_ref();
            let entity = sp
                .and_then(|s| s.mention)
                .and_then(|m| entity_of.get(m).copied().flatten());
            st.execute(params![
                doc,
                i as i64,
                name(&q.kind),
                q.start as i64,
                q.end as i64,
                q.text,
                q.cue,
                q.continuation,
                q.nested,
                q.partial,
                sp.map(|s| s.name.clone()),
                sp.and_then(|s| s.code.clone()),
                sp.and_then(|s| s.role.clone()),
                sp.map(|s| s.anonymous),
                sp.and_then(|s| s.count),
                sp.and_then(|s| s.mention).map(|m| m as i64),
                entity
            ])?;
        }
    }

    let copy_of = mark_wire_copy(conn, doc, &c.text, wire_rule)?;
    let mut stored = Stored {
        copy_of: match copy_of {
            Some(o) => Some(conn.query_row(
                "SELECT id FROM documents WHERE rowid = ?1",
                [o],
                |r| r.get(0),
            )?),
            None => None,
        },
        ..Default::default()
    };

    let published = c.published.as_deref().and_then(day::parse).map(|d| d.0);
    let mut touched = HashSet::new();
    let mut add = conn.prepare_cached(
        "INSERT INTO event_mentions (event, doc, ord, sentence, start, end, code, pattern,
             source_text, target_text, source_mention, target_mention, source_entity,
             target_entity, date, date_from, place, source, target, day, goldstein, quad_class)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, ?20, ?21, ?22)",
    )?;
    for (i, e) in c.events.iter().enumerate() {
        let place = e.place.and_then(|p| c.places.get(p));
        let m = Mention {
            doc,
            copy_of,
            source: e.source.clone(),
            target: e.target.clone(),
            code: e.code.clone(),
            quad_class: e.quad_class as i64,
            // Via its decimal text: -0.3f32 is stored as -0.3, not -0.30000001.
            goldstein: e
                .goldstein
                .to_string()
                .parse()
                .unwrap_or(e.goldstein as f64),
            day: day::event_day(e.date.as_deref(), published),
            place: place.map(|p| PlaceRow {
                name: p.name.clone(),
                country: p.country.clone(),
                admin1: p.admin1.clone(),
                lat: p.lat,
                lon: p.lon,
                feature: name(&p.feature),
            }),
        };
        let (event, new) = assign(conn, &m, rule)?;
        let ent = |x: Option<usize>| x.and_then(|k| entity_of.get(k).copied().flatten());
        add.execute(params![
            event,
            doc,
            i as i64,
            e.sentence as i64,
            e.start as i64,
            e.end as i64,
            e.code,
            e.pattern,
            e.source_text,
            e.target_text,
            e.source_mention.map(|x| x as i64),
            e.target_mention.map(|x| x as i64),
            ent(e.source_mention),
            ent(e.target_mention),
            e.date,
            e.date_from,
            e.place.map(|x| x as i64),
            e.source,
            e.target,
            m.day,
            m.goldstein,
            m.quad_class
        ])?;
        stored.events += 1;
        match new {
            Assigned::New => stored.new_events += 1,
            Assigned::Existing { first_doc } if first_doc != Some(doc) => stored.merged += 1,
            Assigned::Existing { .. } => {}
        }
        touched.insert(event);
    }
    for ev in touched {
        recount(conn, ev)?;
    }
    Ok(stored)
}

/// Find the stored document this text copies; record the signature.
fn mark_wire_copy(
    conn: &Connection,
    doc: i64,
    text: &str,
    rule: &WireRule,
) -> Result<Option<i64>, StoreError> {
    let Some(sig) = wire::signature(text, rule) else {
        return Ok(None);
    };
    let bands = wire::bands(&sig);
    let mut best: Option<(f64, i64)> = None;
    {
        let mut cand = conn.prepare_cached(
            "SELECT DISTINCT b.doc, d.minhash, coalesce(d.copy_of, d.rowid)
             FROM doc_bands b JOIN documents d ON d.rowid = b.doc
             WHERE b.band = ?1 AND b.hash = ?2 AND b.doc != ?3",
        )?;
        let mut seen = HashSet::new();
        for (band, h) in bands.iter().enumerate() {
            let rows = cand.query_map(params![band as i64, h, doc], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, Vec<u8>>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            })?;
            for row in rows {
                let (other, blob, root) = row?;
                if !seen.insert(other) {
                    continue;
                }
                let s = wire::similarity(&sig, &wire::from_blob(&blob));
                if s >= rule.threshold && best.is_none_or(|(b, _)| s > b) {
                    best = Some((s, root));
                }
            }
        }
    }
    let copy_of = best.map(|(_, root)| root);
    conn.execute(
        "UPDATE documents SET minhash = ?2, copy_of = ?3 WHERE rowid = ?1",
        params![doc, wire::to_blob(&sig), copy_of],
    )?;
    let mut st =
        conn.prepare_cached("INSERT INTO doc_bands (band, hash, doc) VALUES (?1, ?2, ?3)")?;
    for (band, h) in bands.iter().enumerate() {
        st.execute(params![band as i64, h, doc])?;
    }
    Ok(copy_of)
}

pub(crate) struct PlaceRow {
    pub name: String,
    pub country: Option<String>,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub feature: String,
}

/// One event mention as the merge sees it.
pub(crate) struct Mention {
    pub doc: i64,
    pub copy_of: Option<i64>,
    pub source: Option<String>,
    pub target: Option<String>,
    pub code: String,
    pub quad_class: i64,
    pub goldstein: f64,
    pub day: Option<i64>,
    pub place: Option<PlaceRow>,
}

pub(crate) enum Assigned {
    New,
    Existing { first_doc: Option<i64> },
}

/// The event a mention belongs to, made if there is none.
pub(crate) fn assign(
    conn: &Connection,
    m: &Mention,
    rule: &MergeRule,
) -> Result<(i64, Assigned), StoreError> {
    let code_key = rule.code_key(&m.code);
    let place_key = rule.place_key(
        m.place
            .as_ref()
            .map(|p| PlaceKey {
                name: &p.name,
                country: p.country.as_deref(),
                admin1: p.admin1.as_deref(),
                feature: &p.feature,
            })
            .as_ref(),
    );
    // A wire copy's events are the story's events.
    if let Some(orig) = m.copy_of {
        type Found = (i64, Option<i64>, String, Option<i64>);
        let found: Option<Found> = conn
            .prepare_cached(
                "SELECT e.id, e.first_doc, e.place_key, e.day
                 FROM event_mentions em JOIN events e ON e.id = em.event
                 WHERE em.doc = ?1 AND e.source IS ?2 AND e.target IS ?3 AND e.code_key = ?4
                 ORDER BY e.id LIMIT 1",
            )?
            .query_row(params![orig, m.source, m.target, code_key], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .optional()?;
        if let Some((id, first_doc, event_place, day)) = found {
            // The copy's own place becomes another place of the event:
            // whichever of story and copy is stored first, a story set
            // where either is merges with it.
            if event_place != place_key {
                conn.prepare_cached(
                    "INSERT OR IGNORE INTO event_places
                         (event, place_key, doc, source, target, code_key, day)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![
                    id, place_key, m.doc, m.source, m.target, code_key, day
                ])?;
            }
            return Ok((id, Assigned::Existing { first_doc }));
        }
    }
    let w = rule.window_days as i64;
    // The event set at this place, else one a wire copy placed here too.
    let found = match find_event(conn, EVENTS, m, code_key, &place_key, w)? {
        Some(f) => Some(f),
        None => find_event(conn, OTHER_PLACES, m, code_key, &place_key, w)?,
    };
    if let Some((id, first_doc)) = found {
        return Ok((id, Assigned::Existing { first_doc }));
    }
    insert_event(conn, m, code_key, &place_key)
}

/// Where an event's merge keys are read from: the events themselves, or
/// the other places wire copies gave them.
const EVENTS: &str = "SELECT x.id, x.first_doc FROM events x";
const OTHER_PLACES: &str =
    "SELECT e.id, e.first_doc FROM event_places x JOIN events e ON e.id = x.event";

/// The event with the mention's actors, code and place (in `from`), its day
/// nearest.
fn find_event(
    conn: &Connection,
    from: &str,
    m: &Mention,
    code_key: &str,
    place_key: &str,
    w: i64,
) -> Result<Option<(i64, Option<i64>)>, StoreError> {
    let keys = "x.source IS ?1 AND x.target IS ?2 AND x.code_key = ?3 AND x.place_key = ?4";
    let row = |r: &rusqlite::Row<'_>| Ok((r.get(0)?, r.get(1)?));
    Ok(match m.day {
        Some(d) => conn
            .prepare_cached(&format!(
                "{from} WHERE {keys} AND x.day BETWEEN ?5 AND ?6 ORDER BY abs(x.day - ?7), 1 LIMIT 1"
            ))?
            .query_row(
                params![m.source, m.target, code_key, place_key, d - w, d + w, d],
                row,
            )
            .optional()?,
        None => conn
            .prepare_cached(&format!(
                "{from} WHERE {keys} AND x.day IS NULL ORDER BY 1 LIMIT 1"
            ))?
            .query_row(params![m.source, m.target, code_key, place_key], row)
            .optional()?,
    })
}

/// A new event for the mention.
fn insert_event(
    conn: &Connection,
    m: &Mention,
    code_key: &str,
    place_key: &str,
) -> Result<(i64, Assigned), StoreError> {
    let p = m.place.as_ref();
    let root = m.code.get(..2).unwrap_or(&m.code);
    conn.prepare_cached(
        "INSERT INTO events (source, target, code, base_code, code_key, root, quad_class,
             goldstein, plover, day, date, place_key, place_name, country, admin1, lat, lon,
             feature, first_doc, added_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                 ?18, ?19, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))",
    )?
    .execute(params![
        m.source,
        m.target,
        m.code,
        crate::merge::base_code(&m.code),
        code_key,
        root,
        m.quad_class,
        m.goldstein,
        plover::event_type(&m.code),
        m.day,
        m.day.map(day::iso),
        place_key,
        p.map(|p| &p.name),
        p.and_then(|p| p.country.as_ref()),
        p.and_then(|p| p.admin1.as_ref()),
        p.map(|p| p.lat),
        p.map(|p| p.lon),
        p.map(|p| &p.feature),
        m.doc
    ])?;
    Ok((conn.last_insert_rowid(), Assigned::New))
}

/// Recount an event's mentions, articles and independent sources.
pub(crate) fn recount(conn: &Connection, event: i64) -> Result<(), StoreError> {
    conn.prepare_cached(
        "UPDATE events SET
             num_mentions = (SELECT count(*) FROM event_mentions WHERE event = ?1),
             num_articles = (SELECT count(DISTINCT doc) FROM event_mentions WHERE event = ?1),
             num_sources = (SELECT count(DISTINCT coalesce(lower(o.outlet), 'doc:' || o.rowid))
                            FROM event_mentions m
                            JOIN documents d ON d.rowid = m.doc
                            JOIN documents o ON o.rowid = coalesce(d.copy_of, d.rowid)
                            WHERE m.event = ?1)
         WHERE id = ?1",
    )?
    .execute([event])?;
    Ok(())
}
