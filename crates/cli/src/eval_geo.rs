//! `dyad eval geo`: place resolution against GeoVirus (gold place mentions
//! with coordinates in Wikinews articles). The scoring is
//! [`dyad_eval::GeoScore`]; this reads the XML and runs the pipeline.

use std::path::Path;

use anyhow::{bail, Context, Result};
use dyad_eval::{GeoGold, GeoScore};
use dyad_ingest::{Body, Origin, RawArticle};
use rayon::prelude::*;

/// One GeoVirus article: its text (untrimmed, as the offsets count) and
/// gold mentions.
pub struct GeoArticle {
    pub text: String,
    pub gold: Vec<GeoGold>,
}

/// Reads GeoVirus.xml: `<article><text>…</text><locations><location>
/// <name/><start/><end/><lat/><lon/>…`.
pub fn read_geovirus(path: &Path) -> Result<Vec<GeoArticle>> {
    use quick_xml::events::Event;
    let xml = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut out: Vec<GeoArticle> = Vec::new();
    let mut field: Option<String> = None;
    let mut cur = String::new();
    let mut loc: Vec<(String, String)> = Vec::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                match name.as_str() {
                    "article" => out.push(GeoArticle {
                        text: String::new(),
                        gold: Vec::new(),
                    }),
                    "location" => loc.clear(),
                    _ => {}
                }
                cur.clear();
                field = Some(name);
            }
            Ok(Event::Text(t)) if field.is_some() => {
                cur.push_str(&t.decode().with_context(|| format!("{}", path.display()))?);
            }
            Ok(Event::GeneralRef(e)) if field.is_some() => {
                let name = e.decode().with_context(|| format!("{}", path.display()))?;
                match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(s) => cur.push_str(s),
                    None => bail!("{}: unknown entity &{name};", path.display()),
                }
            }
            Ok(Event::End(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let Some(a) = out.last_mut() else { continue };
                match name.as_str() {
                    "text" => a.text = cur.clone(),
                    "name" | "start" | "lat" | "lon" => loc.push((name, cur.clone())),
                    "location" => {
                        let get = |k: &str| {
                            loc.iter()
                                .find(|(n, _)| n == k)
                                .map(|(_, v)| v.trim().to_string())
                                .unwrap_or_default()
                        };
                        let num = |k: &str| -> Result<f64> {
                            get(k).parse().with_context(|| {
                                format!("{}: bad <{k}> in a location", path.display())
                            })
                        };
                        a.gold.push(GeoGold {
                            name: get("name"),
                            start: num("start")? as usize,
                            lat: num("lat")?,
                            lon: num("lon")?,
                        });
                    }
                    _ => {}
                }
                field = None;
                cur.clear();
            }
            Ok(Event::Eof) => break,
            Err(e) => bail!("{}: {e} at byte {}", path.display(), r.error_position()),
            _ => {}
        }
    }
    Ok(out)
}

/// Runs the pipeline over every article and scores the places.
pub fn geo(path: &Path) -> Result<GeoScore> {
    let articles = read_geovirus(path)?;
    anyhow::ensure!(!articles.is_empty(), "no articles in {}", path.display());
    let docs: Vec<_> = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let raw = RawArticle {
                origin: Origin {
                    path: format!("geovirus-{i:03}"),
                    line: None,
                },
                id: format!("geovirus-{i:03}"),
                url: None,
                title: None,
                published: None,
                body: Body::Text(a.text.clone()),
                ..Default::default()
            };
            dyad_pipeline::Pipeline::default().process(raw)
        })
        .collect();
    let mut score = GeoScore::default();
    for (a, d) in articles.iter().zip(docs) {
        match d {
            Ok(d) => score.add(&d, &a.gold),
            // An article the pipeline rejects finds none of its places.
            Err(_) => {
                score.gold += a.gold.len();
                score.missed.extend(a.gold.iter().map(|g| g.name.clone()));
            }
        }
    }
    Ok(score)
}
