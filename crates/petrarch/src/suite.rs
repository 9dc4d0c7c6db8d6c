//! PETRARCH validation suites (`PETR.UnitTest.records.xml`): the dictionary
//! files named in `<Environment>`, and each `<Sentence>` record with its
//! expected codings and the `<Config>` settings in force when it is read.
//! `<Parse>` trees are ignored: dyad parses the `<Text>` itself.

use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event};

use crate::Config;

/// An error reading a suite file; names the file and, where known, the byte
/// offset.
#[derive(Debug, thiserror::Error)]
pub enum SuiteError {
    #[error("{file}: cannot read")]
    Io {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}: byte {pos}: {msg}")]
    Xml { file: String, pos: u64, msg: String },
    #[error("{file}: {msg}")]
    Suite { file: String, msg: String },
}

/// What a record expects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// These `(source, target, code)` triples, as a set.
    Events(Vec<(String, String, String)>),
    /// `noevents="True"`: nothing may be coded.
    NoEvents,
    /// `error="..."` (a discard, a dateline, a bad parse): nothing is coded.
    Error(String),
}

/// One `<Sentence>` record.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub category: String,
    /// `YYYYMMDD` as written.
    pub date: String,
    pub text: String,
    pub expected: Expected,
    /// The settings in force for this record (`<Config>` lines persist).
    pub config: Config,
}

/// A whole suite.
#[derive(Debug, Clone, Default)]
pub struct Suite {
    pub verbs: Option<PathBuf>,
    pub actors: Vec<PathBuf>,
    pub agents: Vec<PathBuf>,
    pub discards: Vec<PathBuf>,
    pub records: Vec<Record>,
}

fn attrs(e: &BytesStart) -> Vec<(String, String)> {
    e.attributes()
        .flatten()
        .map(|a| {
            let k = String::from_utf8_lossy(a.key.as_ref()).trim().to_string();
            let v = a
                .unescape_value()
                .map(|v| v.into_owned())
                .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
            (k, v)
        })
        .collect()
}

fn get<'a>(a: &'a [(String, String)], k: &str) -> Option<&'a str> {
    a.iter().find(|(n, _)| n == k).map(|(_, v)| v.as_str())
}

/// Reads a suite; dictionary paths are resolved against the suite's folder.
pub fn read_suite(path: &Path) -> Result<Suite, SuiteError> {
    let file = path.display().to_string();
    let xml = std::fs::read_to_string(path).map_err(|source| SuiteError::Io {
        file: file.clone(),
        source,
    })?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut r = quick_xml::Reader::from_str(&xml);
    r.config_mut().check_end_names = false;
    let mut suite = Suite::default();
    let mut config = Config::default();
    let mut cur: Option<Record> = None;
    let mut codings: Vec<(String, String, String)> = Vec::new();
    let mut element = String::new();
    let mut text = String::new();
    loop {
        let ev = r.read_event().map_err(|e| SuiteError::Xml {
            file: file.clone(),
            pos: r.buffer_position(),
            msg: e.to_string(),
        })?;
        match ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let a = attrs(&e);
                match name.as_str() {
                    "Config" => {
                        if let (Some(o), Some(v)) = (get(&a, "option"), get(&a, "value")) {
                            config.set(o, v);
                        }
                    }
                    "Sentence" => {
                        codings.clear();
                        cur = Some(Record {
                            id: get(&a, "id").unwrap_or("").to_string(),
                            category: get(&a, "category").unwrap_or("").to_string(),
                            date: get(&a, "date").unwrap_or("").to_string(),
                            text: String::new(),
                            expected: Expected::Events(Vec::new()),
                            config: config.clone(),
                        });
                    }
                    "EventCoding" => {
                        if let Some(rec) = cur.as_mut() {
                            if let Some(e) = get(&a, "error") {
                                rec.expected = Expected::Error(e.to_string());
                            } else if get(&a, "noevents").is_some() {
                                rec.expected = Expected::NoEvents;
                            } else if let (Some(s), Some(t), Some(c)) = (
                                get(&a, "sourcecode"),
                                get(&a, "targetcode"),
                                get(&a, "eventcode"),
                            ) {
                                codings.push((s.to_string(), t.to_string(), c.to_string()));
                            }
                        }
                    }
                    _ => {}
                }
                element = name;
                text.clear();
            }
            Event::Text(t) => {
                let s = t.decode().map(|s| s.into_owned()).unwrap_or_default();
                text.push_str(&s);
            }
            Event::GeneralRef(g) => {
                // `&amp;` and friends inside text.
                let name = String::from_utf8_lossy(&g).into_owned();
                match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(s) => text.push_str(s),
                    None => {
                        text.push('&');
                        text.push_str(&name);
                        text.push(';');
                    }
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let body = text.split_whitespace().collect::<Vec<_>>().join(" ");
                match name.as_str() {
                    "Text" => {
                        if let Some(rec) = cur.as_mut() {
                            rec.text = body;
                        }
                    }
                    "Verbfile" => suite.verbs = Some(dir.join(body)),
                    "Actorfile" => suite.actors.push(dir.join(body)),
                    "Agentfile" => suite.agents.push(dir.join(body)),
                    "Discardfile" => suite.discards.push(dir.join(body)),
                    "Sentence" => {
                        if let Some(mut rec) = cur.take() {
                            if let Expected::Events(v) = &mut rec.expected {
                                v.append(&mut codings);
                            }
                            suite.records.push(rec);
                        }
                    }
                    _ => {}
                }
                if name == element {
                    text.clear();
                }
            }
            _ => {}
        }
    }
    if let Some(rec) = cur {
        return Err(SuiteError::Suite {
            file,
            msg: format!("the file ends inside record {:?} (truncated?)", rec.id),
        });
    }
    if suite.verbs.is_none() {
        return Err(SuiteError::Suite {
            file,
            msg: "no <Environment> naming a <Verbfile>: not a PETRARCH validation suite".into(),
        });
    }
    Ok(suite)
}
