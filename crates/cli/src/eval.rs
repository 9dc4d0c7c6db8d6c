//! Evaluation harnesses that need the whole pipeline: the tagger and parser
//! against the committed held-out reference (tools/train/heldout-ref.tsv.gz).
//!
//! The reference holds tags and heads by character offsets and no text; the
//! texts are rebuilt here from ../shared with dyad's own ingest and
//! segmentation, exactly as tools/train/silver.py fed them to spaCy.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use anyhow::{bail, Context, Result};
use dyad_ingest::{Body, Origin, RawArticle};
use dyad_tag::train::{Counts, Score};

/// One reference token.
struct RefToken {
    start: usize,
    end: usize,
    tag: String,
    /// Start offset of the head; None for a root.
    head: Option<usize>,
    rel: String,
}

/// Score dyad's tagger and parser on the held-out documents.
pub fn tagger(shared: &Path, reference: &Path) -> Result<Score> {
    let mut raw = Vec::new();
    let file =
        std::fs::File::open(reference).with_context(|| format!("{}", reference.display()))?;
    flate2::read::GzDecoder::new(file)
        .read_to_end(&mut raw)
        .with_context(|| format!("{}: not gzip", reference.display()))?;
    let text =
        String::from_utf8(raw).with_context(|| format!("{}: not UTF-8", reference.display()))?;
    let mut by_doc: Vec<(String, Vec<RefToken>)> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        let bad = || {
            anyhow::anyhow!(
                "{}:{}: malformed reference line",
                reference.display(),
                n + 1
            )
        };
        if c.len() != 7 {
            return Err(bad());
        }
        let head: i64 = c[5].parse().map_err(|_| bad())?;
        let tok = RefToken {
            start: c[1].parse().map_err(|_| bad())?,
            end: c[2].parse().map_err(|_| bad())?,
            tag: c[3].to_string(),
            head: (head >= 0).then_some(head as usize),
            rel: c[6].to_string(),
        };
        match by_doc.last_mut() {
            Some((d, toks)) if d == c[0] => toks.push(tok),
            _ => by_doc.push((c[0].to_string(), vec![tok])),
        }
    }
    let texts = source_texts(shared)?;
    let mut counts = Counts::default();
    for (id, reference) in &by_doc {
        let Some(body) = texts.get(id) else {
            bail!("held-out document {id} is not in {}", shared.display());
        };
        let raw = RawArticle {
            origin: Origin {
                path: id.clone(),
                line: None,
            },
            id: id.clone(),
            url: None,
            title: None,
            published: None,
            body: Body::Text(body.clone()),
            ..Default::default()
        };
        let doc = dyad_pipeline::Pipeline::default().process(raw)?;
        let ix = dyad_document::CharIndex::new(&doc.text);
        // Our tokens by character offsets; a reference token we did not
        // produce counts as wrong on every score.
        let ours: HashMap<(usize, usize), usize> = doc
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| ((ix.char_of(t.span.start), ix.char_of(t.span.end)), i))
            .collect();
        for r in reference {
            match ours.get(&(r.start, r.end)) {
                Some(&i) => {
                    let t = &doc.tokens[i];
                    let head = t.head.map(|h| ix.char_of(doc.tokens[h].span.start));
                    counts.add(&r.tag, t.tag, r.head, head, &r.rel, t.rel);
                }
                None => counts.add(&r.tag, "", r.head, Some(usize::MAX), &r.rel, ""),
            }
        }
    }
    Ok(counts.score())
}

/// Texts of the held-out sources by the ids silver.py gave them.
fn source_texts(shared: &Path) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    let gt_path = shared.join("eval/article-extraction/ground-truth.json");
    let gt: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(&gt_path).with_context(|| format!("{}", gt_path.display()))?,
    )
    .with_context(|| format!("{}", gt_path.display()))?;
    for (id, v) in gt.as_object().into_iter().flatten() {
        if let Some(body) = v["articleBody"].as_str() {
            out.insert(id.clone(), body.to_string());
        }
    }
    let geo = shared.join("eval/geo/GeoVirus.xml");
    for (i, text) in geovirus_texts(&geo)?.into_iter().enumerate() {
        if let Some(t) = text {
            out.insert(format!("geovirus-{i:03}"), t);
        }
    }
    Ok(out)
}

/// The `<text>` of each `<article>` of GeoVirus.xml, in order (trimmed).
pub fn geovirus_texts(path: &Path) -> Result<Vec<Option<String>>> {
    use quick_xml::events::Event;
    let xml = std::fs::read_to_string(path).with_context(|| format!("{}", path.display()))?;
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut out = Vec::new();
    let mut in_text = false;
    let mut cur = String::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) if e.name().as_ref() == b"article" => out.push(None),
            Ok(Event::Start(e)) if e.name().as_ref() == b"text" => {
                in_text = true;
                cur.clear();
            }
            Ok(Event::Text(t)) if in_text => {
                cur.push_str(&t.decode().with_context(|| format!("{}", path.display()))?);
            }
            Ok(Event::GeneralRef(e)) if in_text => {
                let name = e.decode().with_context(|| format!("{}", path.display()))?;
                match quick_xml::escape::resolve_predefined_entity(&name) {
                    Some(s) => cur.push_str(s),
                    None => bail!("{}: unknown entity &{name};", path.display()),
                }
            }
            Ok(Event::CData(t)) if in_text => cur.push_str(&String::from_utf8_lossy(&t)),
            Ok(Event::End(e)) if e.name().as_ref() == b"text" => {
                in_text = false;
                let t = cur.trim();
                if let Some(last) = out.last_mut() {
                    if !t.is_empty() {
                        *last = Some(t.to_string());
                    }
                }
            }
            Ok(Event::Eof) => break,
            Err(e) => bail!("{}: {e} at byte {}", path.display(), r.error_position()),
            _ => {}
        }
    }
    Ok(out)
}
