//! Store tests: deduplication, transactions, layers, merging across
//! articles, wire copies, schema versions, queries.

use super::*;
use crate::plover;
use crate::query::{CountBy, Filter, Unit};
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

/// Options for a document whose id the input gave.
fn given() -> PutOptions<'static> {
    PutOptions {
        source: Some("test.jsonl:1"),
        id_given: true,
        coded_by: Some("dyad test"),
    }
}

fn stored(p: Put) -> Stored {
    match p {
        Put::Stored { stats, .. } => stats,
        other => panic!("expected stored, got {other:?}"),
    }
}

#[test]
fn duplicates_by_id_url_or_text_are_not_stored_twice() {
    let mut s = Store::in_memory().unwrap();
    stored(
        s.put(&doc("a", Some("https://x.example/1"), "One text."), given())
            .unwrap(),
    );
    let d = |e: &str, on| Put::Duplicate {
        existing: e.into(),
        on,
    };
    assert_eq!(
        s.put(&doc("a", None, "Other text."), given()).unwrap(),
        d("a", "id")
    );
    assert_eq!(
        s.put(
            &doc("b", Some("https://x.example/1"), "Third text."),
            given()
        )
        .unwrap(),
        d("a", "url")
    );
    assert_eq!(
        s.put(&doc("c", None, "One   text."), given()).unwrap(),
        d("a", "text")
    );
    stored(s.put(&doc("d", None, "New text."), given()).unwrap());
    assert_eq!(s.count().unwrap(), 2);
    let back = s.get("a").unwrap().unwrap();
    assert_eq!(back, doc("a", Some("https://x.example/1"), "One text."));
    assert_eq!(s.list().unwrap()[0].links, 1);
}

fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-store-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn an_uncommitted_batch_leaves_nothing() {
    let dir = scratch("batch");
    let path = dir.join("t.db");
    {
        let mut s = Store::open(&path).unwrap();
        s.put(&doc("kept", None, "Kept text."), given()).unwrap();
        let b = s.batch().unwrap();
        b.put(&doc("lost", None, "Lost text."), given()).unwrap();
        // Dropped without commit: as if the process were killed here.
    }
    let s = Store::open(&path).unwrap();
    let ids: Vec<String> = s.list().unwrap().into_iter().map(|d| d.id).collect();
    assert_eq!(ids, vec!["kept".to_string()]);
    std::fs::remove_dir_all(&dir).unwrap();
}

const LEAD: &str = "Norwegian troops shelled Swedish positions near Bergen, \
    Prime Minister Kari Nordmann said.";
const BODY_A: &str = "The shelling lasted for most of the night and damaged a bridge, \
    a school and two warehouses on the edge of the town. Residents said they had sheltered \
    in basements while the guns fired from the hills above the fjord. The defence ministry \
    in the capital gave no figure for casualties but said a statement would follow.";
const BODY_B: &str = "Farmers in the valley counted damage to barns and fences at first \
    light, and the regional hospital said it had treated several people for cuts. A local \
    councillor called for an inquiry into why the border posts had been left unmanned for \
    a week before the attack, and opposition parties demanded a debate in parliament.";

struct Story<'a> {
    id: &'a str,
    outlet: &'a str,
    published: &'a str,
    body: &'a str,
    code: &'a str,
    date: Option<&'a str>,
    placed: bool,
    /// The place's name and first-level region.
    place: (&'a str, &'a str),
}

impl Default for Story<'_> {
    fn default() -> Self {
        Story {
            id: "a",
            outlet: "Fjord Times",
            published: "2024-03-04",
            body: BODY_A,
            code: "190",
            date: None,
            placed: true,
            place: ("Bergen", "Vestland"),
        }
    }
}

/// A coded document, built through the contract as a coder would emit it.
fn story(s: &Story<'_>) -> Document {
    let text = format!("{LEAD} {}", s.body);
    let at = |w: &str| {
        let i = text.find(w).unwrap();
        (i, i + w.len())
    };
    let (m0, m1, m2, p0, v) = (
        at("Norwegian troops"),
        at("Swedish"),
        at("Kari Nordmann"),
        at("Bergen"),
        at("shelled"),
    );
    let lead_end = LEAD.len();
    let c = serde_json::json!({
        "id": s.id, "url": format!("https://{}.example/{}", s.outlet.replace(' ', ""), s.id),
        "title": "Shelling", "outlet": s.outlet, "published": s.published,
        "published_from": "input", "text": text, "links": [],
        "sentences": [{"start": 0, "end": lead_end}, {"start": lead_end + 1, "end": text.len()}],
        "mentions": [
            {"text": "Norwegian troops", "start": m0.0, "end": m0.1, "type": "agent", "code": "NORMIL"},
            {"text": "Swedish", "start": m1.0, "end": m1.1, "type": "country", "code": "SWE",
             "entity": "Sweden"},
            {"text": "Kari Nordmann", "start": m2.0, "end": m2.1, "type": "person", "code": "NORGOV",
             "entity": "Kari Nordmann"}
        ],
        "events": [{"source": "NORMIL", "target": "SWE", "code": s.code, "root": &s.code[..2],
                    "quad_class": 4, "goldstein": -10.0, "sentence": 0,
                    "start": v.0, "end": v.1, "pattern": "test.verbs:1: SHELL",
                    "source_text": "Norwegian troops", "target_text": "Swedish",
                    "source_mention": 0, "target_mention": 1,
                    "place": if s.placed { Some(0) } else { None },
                    "date": s.date, "date_from": if s.date.is_some() { "text" } else { "published" }}],
        "quotes": [{"kind": "indirect", "text": "Norwegian troops shelled Swedish positions near Bergen",
                    "start": 0, "end": p0.1,
                    "speaker": {"name": "Kari Nordmann", "text": "Kari Nordmann", "start": m2.0,
                                "end": m2.1, "mention": 2, "code": "NORGOV", "anonymous": false},
                    "cue": "said"}],
        "places": [{"text": "Bergen", "start": p0.0, "end": p0.1, "name": s.place.0, "country": "NO",
                    "admin1": s.place.1, "lat": 60.39, "lon": 5.32, "feature": "city"}],
        "times": []
    });
    let c: Contract = serde_json::from_value(c).unwrap();
    Document::from_contract(c).unwrap()
}

fn one(conn: &Connection, sql: &str) -> i64 {
    conn.query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn every_layer_has_its_table_and_the_text_is_searchable() {
    let mut s = Store::in_memory().unwrap();
    stored(s.put(&story(&Story::default()), given()).unwrap());
    let c = s.conn();
    assert_eq!(one(c, "SELECT count(*) FROM sentences"), 2);
    assert_eq!(one(c, "SELECT count(*) FROM mentions"), 3);
    assert_eq!(one(c, "SELECT count(*) FROM places"), 1);
    assert_eq!(one(c, "SELECT count(*) FROM quotes"), 1);
    assert_eq!(one(c, "SELECT count(*) FROM events"), 1);
    assert_eq!(one(c, "SELECT count(*) FROM event_mentions"), 1);
    assert_eq!(
        one(
            c,
            "SELECT count(*) FROM quotes q JOIN entities e ON e.id = q.speaker_entity
             WHERE e.name = 'Kari Nordmann'"
        ),
        1
    );
    assert_eq!(
        one(
            c,
            "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'warehouses'"
        ),
        1
    );
    // Foreign keys hold.
    assert_eq!(one(c, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert_eq!(one(c, "PRAGMA user_version"), SCHEMA_VERSION);
}

#[test]
fn one_event_reported_by_many_articles_has_many_mentions() {
    let mut s = Store::in_memory().unwrap();
    let first = stored(s.put(&story(&Story::default()), given()).unwrap());
    assert_eq!((first.events, first.new_events, first.merged), (1, 1, 0));
    // Another outlet, its own words, the next day: the same event.
    let second = stored(
        s.put(
            &story(&Story {
                id: "b",
                outlet: "Valley Post",
                published: "2024-03-05",
                body: BODY_B,
                ..Default::default()
            }),
            given(),
        )
        .unwrap(),
    );
    assert_eq!((second.new_events, second.merged), (0, 1));
    assert!(second.copy_of.is_none());
    let c = s.conn();
    assert_eq!(one(c, "SELECT count(*) FROM events"), 1);
    assert_eq!(
        c.query_row(
            "SELECT num_mentions, num_articles, num_sources FROM events",
            [],
            |r| Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?
            ))
        )
        .unwrap(),
        (2, 2, 2)
    );
    // A week later, or another code, or no place: other events.
    for (id, st) in [
        (
            "c",
            Story {
                published: "2024-03-12",
                ..Default::default()
            },
        ),
        (
            "d",
            Story {
                code: "180",
                ..Default::default()
            },
        ),
        (
            "e",
            Story {
                placed: false,
                ..Default::default()
            },
        ),
    ] {
        let body = format!("Filed as {id}.");
        let r = stored(
            s.put(
                &story(&Story {
                    id,
                    outlet: "Other Outlet",
                    body: &body,
                    ..st
                }),
                given(),
            )
            .unwrap(),
        );
        assert_eq!(r.new_events, 1, "{id}");
    }
    assert_eq!(one(s.conn(), "SELECT count(*) FROM events"), 4);
    // A finer code under the same base code merges (1901 would be 190's).
    let r = stored(
        s.put(
            &story(&Story {
                id: "f",
                outlet: "Fourth Paper",
                body: "Short.",
                code: "1901",
                ..Default::default()
            }),
            given(),
        )
        .unwrap(),
    );
    assert_eq!(r.merged, 1);
}

#[test]
fn wire_copies_are_linked_and_count_as_one_source() {
    let mut s = Store::in_memory().unwrap();
    stored(s.put(&story(&Story::default()), given()).unwrap());
    // The agency story republished elsewhere with small edits, and a
    // mistaken event date that would otherwise make it another event.
    let copy_body = BODY_A
        .replace("most of the night", "much of the night")
        .replace("two warehouses", "several warehouses");
    let copy = stored(
        s.put(
            &story(&Story {
                id: "copy",
                outlet: "Republisher",
                body: &copy_body,
                date: Some("2024-02-20"),
                ..Default::default()
            }),
            given(),
        )
        .unwrap(),
    );
    assert_eq!(copy.copy_of.as_deref(), Some("a"));
    assert_eq!(copy.merged, 1);
    let c = s.conn();
    assert_eq!(
        c.query_row(
            "SELECT num_mentions, num_articles, num_sources FROM events",
            [],
            |r| Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?
            ))
        )
        .unwrap(),
        (2, 2, 1)
    );
    let ls = s.list().unwrap();
    assert_eq!(
        ls.iter()
            .find(|d| d.id == "copy")
            .unwrap()
            .copy_of
            .as_deref(),
        Some("a")
    );
}

#[test]
fn a_wire_copy_placed_elsewhere_merges_alike_whichever_is_stored_first() {
    // A story set in Bergen, its wire copy whose dateline put the event in
    // Oslo, and another outlet's own story set in Bergen: one event, in
    // either order of story and copy.
    let copy_body = BODY_A.replace("most of the night", "much of the night");
    let a = Story::default();
    let copy = Story {
        id: "copy",
        outlet: "Republisher",
        body: &copy_body,
        place: ("Oslo", "Oslo"),
        ..Default::default()
    };
    let b = Story {
        id: "b",
        outlet: "Valley Post",
        body: BODY_B,
        ..Default::default()
    };
    for order in [[&a, &copy, &b], [&copy, &a, &b]] {
        let mut s = Store::in_memory().unwrap();
        for st in order {
            stored(s.put(&story(st), given()).unwrap());
        }
        let ids: Vec<&str> = order.iter().map(|st| st.id).collect();
        assert_eq!(one(s.conn(), "SELECT count(*) FROM events"), 1, "{ids:?}");
        assert_eq!(
            one(s.conn(), "SELECT num_articles FROM events"),
            3,
            "{ids:?}"
        );
        // Re-merging (a changed rule) replays the same.
        s.set_merge_rule(MergeRule {
            window_days: 2,
            ..MergeRule::default()
        })
        .unwrap();
        assert_eq!(one(s.conn(), "SELECT count(*) FROM events"), 1, "{ids:?}");
    }
    // Without the copy, the two stories' places decide alone: set apart,
    // they stay two events.
    let mut s = Store::in_memory().unwrap();
    stored(s.put(&story(&copy), given()).unwrap());
    stored(s.put(&story(&b), given()).unwrap());
    assert_eq!(one(s.conn(), "SELECT count(*) FROM events"), 2);
}

#[test]
fn the_merge_rule_is_configurable_and_remerges() {
    let mut s = Store::in_memory().unwrap();
    for (id, published, body) in [("a", "2024-03-04", BODY_A), ("b", "2024-03-07", BODY_B)] {
        stored(
            s.put(
                &story(&Story {
                    id,
                    published,
                    body,
                    outlet: id,
                    ..Default::default()
                }),
                given(),
            )
            .unwrap(),
        );
    }
    assert_eq!(s.event_counts().unwrap(), (2, 2));
    let wide = MergeRule {
        window_days: 3,
        ..Default::default()
    };
    assert_eq!(s.set_merge_rule(wide).unwrap(), 1);
    assert_eq!(s.event_counts().unwrap(), (1, 2));
    assert_eq!(one(s.conn(), "SELECT num_sources FROM events"), 2);
    assert_eq!(s.merge_rule(), wide);
    s.set_merge_rule(MergeRule::default()).unwrap();
    assert_eq!(s.event_counts().unwrap(), (2, 2));
}

#[test]
fn recoding_a_document_redoes_its_merge() {
    let mut s = Store::in_memory().unwrap();
    stored(s.put(&story(&Story::default()), given()).unwrap());
    stored(
        s.put(
            &story(&Story {
                id: "b",
                outlet: "b",
                body: BODY_B,
                ..Default::default()
            }),
            given(),
        )
        .unwrap(),
    );
    assert_eq!(s.event_counts().unwrap(), (1, 2));
    // b re-coded: now another code; the merged event loses a mention.
    let b = s.batch().unwrap();
    let r = b
        .replace(
            &story(&Story {
                id: "b",
                outlet: "b",
                body: BODY_B,
                code: "173",
                ..Default::default()
            }),
            Some("dyad test 2"),
        )
        .unwrap()
        .expect("b is stored");
    b.commit().unwrap();
    assert_eq!(r.new_events, 1);
    assert_eq!(s.event_counts().unwrap(), (2, 2));
    assert_eq!(
        one(
            s.conn(),
            "SELECT num_mentions FROM events WHERE code = '190'"
        ),
        1
    );
    assert_eq!(s.count().unwrap(), 2);
}

#[test]
fn a_version_1_database_is_migrated_in_place() {
    let dir = scratch("v1");
    let path = dir.join("old.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(schema::DDL_V1).unwrap();
        let d = story(&Story::default());
        let json = serde_json::to_string(&d.to_contract(false)).unwrap();
        conn.execute(
            "INSERT INTO documents (id, url, text_hash, outlet, published, ingested_at, doc)
             VALUES (?1, ?2, ?3, ?4, ?5, '2024-03-04T00:00:00Z', ?6)",
            params![d.id, d.url, d.text_hash(), d.outlet, d.published, json],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    let c = s.conn();
    assert_eq!(one(c, "PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(one(c, "SELECT count(*) FROM events"), 1);
    assert_eq!(one(c, "SELECT count(*) FROM sentences"), 2);
    assert_eq!(
        one(c, "SELECT count(*) FROM documents WHERE day IS NOT NULL"),
        1
    );
    drop(s);
    // Opening again changes nothing.
    let s = Store::open(&path).unwrap();
    assert_eq!(one(s.conn(), "SELECT count(*) FROM sentences"), 2);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_version_3_database_gains_the_event_places_and_keeps_its_events() {
    let dir = scratch("v3");
    let path = dir.join("v3.db");
    {
        let mut s = Store::open(&path).unwrap();
        stored(s.put(&story(&Story::default()), given()).unwrap());
    }
    // Back to version 3, as an older dyad left it.
    Connection::open(&path)
        .unwrap()
        .execute_batch(
            "DROP TABLE event_places; PRAGMA user_version = 3;
             UPDATE meta SET value = '3' WHERE key = 'schema_version';",
        )
        .unwrap();
    let mut s = Store::open(&path).unwrap();
    assert_eq!(one(s.conn(), "PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(one(s.conn(), "SELECT count(*) FROM events"), 1);
    let copy_body = BODY_A.replace("most of the night", "much of the night");
    stored(
        s.put(
            &story(&Story {
                id: "copy",
                outlet: "Republisher",
                body: &copy_body,
                place: ("Oslo", "Oslo"),
                ..Default::default()
            }),
            given(),
        )
        .unwrap(),
    );
    assert_eq!(one(s.conn(), "SELECT count(*) FROM event_places"), 1);
    drop(s);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_newer_or_foreign_database_is_refused_with_a_clear_message() {
    let dir = scratch("newer");
    let path = dir.join("new.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path)
        .unwrap()
        .execute_batch("PRAGMA user_version = 99")
        .unwrap();
    let e = Store::open(&path).err().expect("refused");
    assert!(matches!(e, StoreError::Version { found: 99, .. }), "{e}");
    assert!(e.to_string().contains("newer than this dyad"), "{e}");

    let other = dir.join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE photos (id INTEGER)")
        .unwrap();
    let e = Store::open(&other).err().expect("refused");
    assert!(e.to_string().contains("not a dyad database"), "{e}");
    std::fs::remove_dir_all(&dir).unwrap();
}

fn sample() -> Store {
    let mut s = Store::in_memory().unwrap();
    let stories = [
        Story::default(),
        Story {
            id: "b",
            outlet: "Valley Post",
            published: "2024-03-05",
            body: BODY_B,
            ..Default::default()
        },
        Story {
            id: "c",
            outlet: "Valley Post",
            published: "2024-03-20",
            body: "Later that month.",
            code: "042",
            placed: false,
            ..Default::default()
        },
    ];
    for st in &stories {
        stored(s.put(&story(st), given()).unwrap());
    }
    s
}

fn ids(s: &Store, f: &Filter, unit: Unit) -> Vec<(i64, String)> {
    let mut v = vec![];
    query::rows(s.conn(), f, unit, 0, |r| {
        v.push((r.event, r.doc));
        Ok(())
    })
    .unwrap();
    v
}

#[test]
fn queries_filter_by_actor_code_date_place_outlet_and_text() {
    let s = sample();
    let all = ids(&s, &Filter::default(), Unit::Events);
    assert_eq!(all.len(), 2);
    assert_eq!(ids(&s, &Filter::default(), Unit::Mentions).len(), 3);
    let f = |f: Filter| ids(&s, &f, Unit::Events).len();
    assert_eq!(
        f(Filter {
            source: vec!["NOR".into()],
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        f(Filter {
            target: vec!["NOR".into()],
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        f(Filter {
            actor: vec!["sweden".into()],
            ..Default::default()
        }),
        2,
        "a canonical name, any case"
    );
    assert_eq!(
        f(Filter {
            dyad: Some(("NORMIL".into(), "SWE".into())),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        f(Filter {
            root: vec!["19".into()],
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        f(Filter {
            code: vec!["04".into()],
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        f(Filter {
            quad: vec![4],
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        f(Filter {
            plover: vec!["assault".into()],
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        f(Filter {
            since: Some("2024-03-10".into()),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        f(Filter {
            until: Some("2024-03".into()),
            ..Default::default()
        }),
        2
    );
    assert_eq!(
        f(Filter {
            country: vec!["no".into()],
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        f(Filter {
            place: vec!["vestland".into()],
            ..Default::default()
        }),
        1
    );
    // Bergen is ~300 km from Oslo, ~1,000 km from Helsinki.
    assert_eq!(
        f(Filter {
            near: Some((59.91, 10.75, 350.0)),
            ..Default::default()
        }),
        1
    );
    assert_eq!(
        f(Filter {
            near: Some((60.17, 24.94, 350.0)),
            ..Default::default()
        }),
        0
    );
    assert_eq!(
        ids(
            &s,
            &Filter {
                outlet: vec!["valley post".into()],
                ..Default::default()
            },
            Unit::Mentions
        )
        .len(),
        2
    );
    assert_eq!(
        f(Filter {
            text: Some("warehouses".into()),
            ..Default::default()
        }),
        0,
        "the text filter reads the event's sentence"
    );
    assert_eq!(
        f(Filter {
            text: Some("Bergen".into()),
            ..Default::default()
        }),
        2
    );
}

#[test]
fn counts_by_period_give_documents_ingested_too() {
    let s = sample();
    let rows = query::count(s.conn(), &Filter::default(), Unit::Events, CountBy::Month).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].key, "2024-03");
    assert_eq!((rows[0].events, rows[0].mentions), (2, 3));
    assert_eq!(rows[0].documents, None);
    assert_eq!(rows[0].documents_ingested, Some(3));
    let rows = query::count(s.conn(), &Filter::default(), Unit::Events, CountBy::Week).unwrap();
    assert_eq!(
        rows.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        ["2024-03-04", "2024-03-18"]
    );
    assert_eq!(rows[0].documents_ingested, Some(2));
    let rows = query::count(s.conn(), &Filter::default(), Unit::Mentions, CountBy::Root).unwrap();
    assert_eq!(rows[0].key, "19");
    assert_eq!(rows[0].documents, Some(2));
    assert_eq!((rows[0].events, rows[0].mentions), (1, 2));
    assert_eq!(rows[0].documents_ingested, None);
    let rows = query::count(s.conn(), &Filter::default(), Unit::Events, CountBy::Dyad).unwrap();
    assert_eq!(rows[0].key, "NORMIL>SWE");
}

#[test]
fn exports_write_gdelt_columns_csv_plover_and_graphml() {
    let s = sample();
    let f = Filter::default();
    let mut out = vec![];
    assert_eq!(export::gdelt_events(s.conn(), &f, &mut out).unwrap(), 2);
    let text = String::from_utf8(out).unwrap();
    for line in text.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 61, "{line}");
    }
    let first: Vec<&str> = text.lines().next().unwrap().split('\t').collect();
    let col = |name: &str| {
        first[export::GDELT_EVENT_COLUMNS
            .iter()
            .position(|c| *c == name)
            .unwrap()]
    };
    assert_eq!(col("SQLDATE"), "20240304");
    assert_eq!(col("Actor1Code"), "NORMIL");
    assert_eq!(col("Actor1CountryCode"), "NOR");
    assert_eq!(col("Actor1Type1Code"), "MIL");
    assert_eq!(col("Actor2Name"), "SWEDEN");
    assert_eq!(col("EventBaseCode"), "190");
    assert_eq!(col("NumArticles"), "2");
    assert_eq!(col("ActionGeo_CountryCode"), "NO");
    assert_eq!(col("ActionGeo_Type"), "4");
    assert!(col("SOURCEURL").starts_with("https://"));

    let mut out = vec![];
    assert_eq!(export::gdelt_mentions(s.conn(), &f, &mut out).unwrap(), 3);
    let text = String::from_utf8(out).unwrap();
    assert!(text.lines().all(|l| l.split('\t').count() == 16));

    let mut out = vec![];
    export::csv(s.conn(), &f, Unit::Events, &mut out).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 3);
    assert!(text
        .lines()
        .next()
        .unwrap()
        .starts_with("event,date,source"));

    let mut out = vec![];
    export::plover(s.conn(), &f, None, &mut out).unwrap();
    let recs: Vec<serde_json::Value> = String::from_utf8(out)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(recs[0]["event"], "ASSAULT");
    assert_eq!(recs[0]["actor"][0], "Norwegian troops");
    assert_eq!(recs[0]["recipient"][0], "Sweden");
    // With a crosswalk: its types; codes it drops are left out.
    let cw = plover::Crosswalk::parse("19: ASSAULT\n190: ASSAULT, , military\n").unwrap();
    let mut out = vec![];
    assert_eq!(
        export::plover(s.conn(), &f, Some(&cw), &mut out).unwrap(),
        1
    );
    let rec: serde_json::Value =
        serde_json::from_str(String::from_utf8(out).unwrap().trim()).unwrap();
    assert_eq!(rec["context"][0], "military");

    let mut out = vec![];
    assert_eq!(export::graphml(s.conn(), &f, &mut out).unwrap(), 1);
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(r#"<edge id="e0" source="NORMIL" target="SWE">"#));

    let mut out = vec![];
    let sel = Filter {
        outlet: vec!["Fjord Times".into()],
        ..Default::default()
    };
    assert_eq!(export::jsonl(s.conn(), &sel, &mut out).unwrap(), 1);
    let mut out = vec![];
    assert_eq!(export::jsonl(s.conn(), &f, &mut out).unwrap(), 3);
}

#[test]
fn parquet_writes_one_typed_file_per_table() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let s = sample();
    let dir = scratch("parquet");
    let counts = crate::parquet(s.conn(), &Filter::default(), &dir).unwrap();
    assert_eq!(
        counts,
        [
            ("events", 2),
            ("mentions", 3),
            ("quotes", 3),
            ("documents", 3)
        ]
    );
    let r = SerializedFileReader::new(std::fs::File::open(dir.join("events.parquet")).unwrap())
        .unwrap();
    let meta = r.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 2);
    let schema = meta.file_metadata().schema_descr();
    assert_eq!(schema.column(0).name(), "event");
    assert_eq!(
        schema.column(8).physical_type(),
        parquet::basic::Type::DOUBLE
    );
    // A filter selects its events and the documents that report them.
    let sel = Filter {
        outlet: vec!["Fjord Times".into()],
        ..Default::default()
    };
    let counts = crate::parquet(s.conn(), &sel, &dir).unwrap();
    assert_eq!(counts[0], ("events", 1));
    assert_eq!(counts[3], ("documents", 2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_file_derived_id_taken_by_another_document_gets_a_hash() {
    let mut s = Store::in_memory().unwrap();
    let file = PutOptions::default();
    assert!(matches!(
        s.put(&doc("report", None, "Chile text."), file).unwrap(),
        Put::Stored { ref id, .. } if id == "report"
    ));
    // Another run, another folder, another article with the same name.
    let other = doc("report", None, "Peru text.");
    let Put::Stored { id, .. } = s.put(&other, file).unwrap() else {
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
fn a_version_2_database_is_migrated_and_keeps_what_coded_it() {
    let dir = scratch("v2");
    let path = dir.join("v2.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(schema::DDL_V1).unwrap();
        conn.execute_batch(
            "ALTER TABLE documents ADD COLUMN coded_by TEXT;
             UPDATE meta SET value = '2' WHERE key = 'schema_version';",
        )
        .unwrap();
        let d = story(&Story::default());
        let json = serde_json::to_string(&d.to_contract(false)).unwrap();
        conn.execute(
            "INSERT INTO documents (id, url, text_hash, outlet, published, ingested_at, doc,
                                    coded_by)
             VALUES (?1, ?2, ?3, ?4, ?5, '2024-03-04T00:00:00Z', ?6, 'dyad 0.1.0 dict:abc')",
            params![d.id, d.url, d.text_hash(), d.outlet, d.published, json],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO links (doc, ord, text, url, kind, start, end)
             VALUES (1, 0, 'x', 'https://x.example', 'other', 0, 1)",
            [],
        )
        .unwrap();
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(one(s.conn(), "PRAGMA user_version"), SCHEMA_VERSION);
    assert_eq!(one(s.conn(), "SELECT count(*) FROM events"), 1);
    assert_eq!(
        s.coded().unwrap(),
        [("a".to_string(), Some("dyad 0.1.0 dict:abc".to_string()))]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn two_writers_both_complete() {
    let dir = scratch("writers");
    let path = dir.join("t.db");
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
fn recoding_through_the_store_keeps_the_row_and_replaces_layers() {
    let mut s = Store::in_memory().unwrap();
    stored(s.put(&story(&Story::default()), given()).unwrap());
    let recoded = story(&Story {
        code: "042",
        ..Default::default()
    });
    assert!(s.replace(&recoded, Some("dyad test 2")).unwrap());
    assert!(!s
        .replace(&doc("nobody", None, "No such text."), None)
        .unwrap());
    let c = s.conn();
    assert_eq!(one(c, "SELECT count(*) FROM events"), 1);
    assert_eq!(one(c, "SELECT count(*) FROM events WHERE code = '042'"), 1);
    assert_eq!(one(c, "SELECT count(*) FROM sentences"), 2);
    assert_eq!(
        one(
            c,
            "SELECT count(*) FROM sentences_fts WHERE sentences_fts MATCH 'warehouses'"
        ),
        1
    );
    assert_eq!(s.coded().unwrap()[0].1.as_deref(), Some("dyad test 2"));
}

#[test]
fn filters_are_set_from_text_and_a_bad_one_names_its_parameter() {
    let mut f = Filter::default();
    assert!(f.set("source", "NOR").unwrap());
    assert!(f.set("source", "Kari Nordmann").unwrap());
    assert!(f.set("quad", "4").unwrap());
    assert!(f.set("dyad", "NOR, SWE").unwrap());
    assert!(f.set("near", "60.4,5.3,50").unwrap());
    assert!(f.set("since", "2024-03").unwrap());
    assert!(!f.set("colour", "red").unwrap(), "not a filter");
    assert_eq!(f.source, ["NOR", "Kari Nordmann"]);
    assert_eq!(f.dyad, Some(("NOR".into(), "SWE".into())));
    assert_eq!(f.near, Some((60.4, 5.3, 50.0)));
    for (name, value) in [
        ("quad", "5"),
        ("since", "March"),
        ("until", "2024-13-01"),
        ("dyad", "NOR"),
        ("near", "60,5"),
        ("country", "Norway"),
        ("code", "shell"),
        ("one_a_day", "maybe"),
    ] {
        let e = Filter::default().set(name, value).unwrap_err();
        assert_eq!(e.param, name, "{value}");
    }
}

#[test]
fn network_places_and_pages_come_from_the_selected_events() {
    let s = sample();
    let net = query::network(s.conn(), &Filter::default(), 0).unwrap();
    assert_eq!(net.edges.len(), 1);
    let e = &net.edges[0];
    assert_eq!((e.source.as_str(), e.target.as_str()), ("NORMIL", "SWE"));
    assert_eq!((e.events, e.quad), (2, [0, 0, 0, 2]));
    let codes: Vec<&str> = net.nodes.iter().map(|n| n.code.as_str()).collect();
    assert_eq!(codes, ["NORMIL", "SWE"]);
    assert_eq!(net.nodes[0].goldstein, -10.0);
    let mut f = Filter::default();
    f.set("code", "04").unwrap();
    assert_eq!(query::network(s.conn(), &f, 0).unwrap().edges[0].events, 1);

    let places = query::places(s.conn(), &Filter::default(), 0).unwrap();
    assert_eq!(places.len(), 1, "the unplaced event has no point");
    assert_eq!(
        (places[0].name.as_str(), places[0].feature.as_str()),
        ("Bergen", "city")
    );

    let mut seen = vec![];
    query::page(s.conn(), &Filter::default(), Unit::Events, 1, 1, |r| {
        seen.push(r.code);
        Ok(())
    })
    .unwrap();
    assert_eq!(seen, ["042"], "the second event by date");
    let first = ids(&s, &Filter::default(), Unit::Events)[0].0;
    let ms = query::mentions_of(s.conn(), &[first]).unwrap();
    assert_eq!(ms.len(), 2, "reported by two articles");
    assert!(ms.iter().all(|m| m.pattern == "test.verbs:1: SHELL"));
}

#[test]
fn documents_and_quotes_are_browsed_page_by_page() {
    use crate::browse::{self, DocQuery, QuoteQuery};
    let s = sample();
    let q = DocQuery {
        search: Some("valleypost".into()),
        limit: 1,
        ..Default::default()
    };
    let page = browse::documents(s.conn(), &q).unwrap();
    assert_eq!(page.total, 2);
    assert_eq!(page.documents.len(), 1);
    assert_eq!(page.documents[0].id, "c", "newest first");
    let q = DocQuery {
        text: Some("barns".into()),
        limit: 10,
        ..Default::default()
    };
    let page = browse::documents(s.conn(), &q).unwrap();
    assert_eq!(
        page.documents
            .iter()
            .map(|d| d.id.as_str())
            .collect::<Vec<_>>(),
        ["b"]
    );
    let q = DocQuery {
        until: Some("2024-03-05".into()),
        limit: 10,
        ..Default::default()
    };
    assert_eq!(browse::documents(s.conn(), &q).unwrap().total, 2);

    let by = |speaker: &str| {
        browse::quotes(
            s.conn(),
            &QuoteQuery {
                speaker: Some(speaker.into()),
                limit: 10,
                ..Default::default()
            },
        )
        .unwrap()
        .len()
    };
    assert_eq!(by("NOR"), 3);
    assert_eq!(by("kari nordmann"), 3);
    assert_eq!(by("SWE"), 0);
    let one = browse::quotes(
        s.conn(),
        &QuoteQuery {
            doc: Some("a".into()),
            limit: 10,
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].speaker_name.as_deref(), Some("Kari Nordmann"));
}

#[test]
fn a_read_only_store_reads_and_cannot_write() {
    let dir = scratch("read-only");
    let path = dir.join("d.db");
    let mut s = Store::open(&path).unwrap();
    stored(s.put(&story(&Story::default()), given()).unwrap());
    drop(s);
    let r = Store::open_read_only(&path).unwrap();
    assert_eq!(r.count().unwrap(), 1);
    assert!(r.get_json("a").unwrap().unwrap().contains("\"Bergen\""));
    assert!(r.conn().execute("DELETE FROM documents", []).is_err());
    assert!(matches!(
        Store::open_read_only(&dir.join("none.db")),
        Err(StoreError::Open { .. })
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn processes_opening_a_new_database_at_once_wait_for_each_other() {
    // Each round, several connections create the same new file at the same
    // moment; switching it to WAL takes a lock, which they must wait for.
    let dir = scratch("open-at-once");
    for round in 0..20 {
        let path = dir.join(format!("{round}.db"));
        let start = std::sync::Arc::new(std::sync::Barrier::new(4));
        let opened: Vec<_> = (0..4)
            .map(|_| {
                let (path, start) = (path.clone(), start.clone());
                std::thread::spawn(move || {
                    start.wait();
                    Store::open(&path).map(|_| ())
                })
            })
            .collect();
        for o in opened {
            o.join().unwrap().unwrap();
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}
