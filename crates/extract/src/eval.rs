//! The article-extraction benchmark: 4-gram shingle precision/recall.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use regex::Regex;

/// Per-page scores.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    pub id: String,
    pub precision: f64,
    pub recall: f64,
}

/// Benchmark result: means over pages and F1 of those means.
#[derive(Debug, Clone, PartialEq)]
pub struct Score {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub pages: usize,
    pub per_page: Vec<PageScore>,
}

/// Why the benchmark could not run.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("bad JSON in {path}: {source}")]
    Json {
        path: PathBuf,
        #[source]
        source: serde_json::Error,
    },
    #[error("{path}: {what}")]
    Format { path: PathBuf, what: String },
}

fn word_re() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\w+").expect("valid regex"))
}

/// Multiset of token 4-grams (tokens are the `\w+` runs of `text`).
pub fn shingle_counts(text: &str) -> HashMap<[&str; 4], usize> {
    let toks: Vec<&str> = word_re().find_iter(text).map(|m| m.as_str()).collect();
    let mut m = HashMap::new();
    for w in toks.windows(4) {
        *m.entry([w[0], w[1], w[2], w[3]]).or_insert(0) += 1;
    }
    m
}

/// (true positives, predicted, true) shingle counts.
pub(crate) fn compare(pred: &str, truth: &str) -> (usize, usize, usize) {
    let p = shingle_counts(pred);
    let t = shingle_counts(truth);
    let tp = p
        .iter()
        .map(|(k, c)| (*c).min(*t.get(k).unwrap_or(&0)))
        .sum();
    (tp, p.values().sum(), t.values().sum())
}

/// Load the pages of an article-extraction benchmark directory:
/// `(id, url, html, true body)`, sorted by id.
pub fn load_pages(dir: &Path) -> Result<Vec<(String, String, String, String)>, EvalError> {
    let gt_path = dir.join("ground-truth.json");
    let raw = std::fs::read_to_string(&gt_path).map_err(|source| EvalError::Io {
        path: gt_path.clone(),
        source,
    })?;
    let gt: serde_json::Value = serde_json::from_str(&raw).map_err(|source| EvalError::Json {
        path: gt_path.clone(),
        source,
    })?;
    let obj = gt.as_object().ok_or_else(|| EvalError::Format {
        path: gt_path.clone(),
        what: "not a JSON object".into(),
    })?;
    let mut ids: Vec<&String> = obj.keys().collect();
    ids.sort();
    let mut pages = Vec::with_capacity(ids.len());
    for id in ids {
        let v = &obj[id];
        let body = v["articleBody"].as_str().ok_or_else(|| EvalError::Format {
            path: gt_path.clone(),
            what: format!("{id}: no articleBody"),
        })?;
        let url = v["url"].as_str().unwrap_or_default();
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let f = std::fs::File::open(&path).map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(f)
            .read_to_end(&mut bytes)
            .map_err(|source| EvalError::Io {
                path: path.clone(),
                source,
            })?;
        let html = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        pages.push((id.clone(), url.to_string(), html, body.to_string()));
    }
    Ok(pages)
}

/// Run [`crate::extract_page`] on every page of the benchmark in `dir`
/// (`ground-truth.json` and `html/<id>.html.gz`) and score it.
pub fn evaluate(dir: &Path) -> Result<Score, EvalError> {
    let pages = load_pages(dir)?;
    let mut per_page = Vec::with_capacity(pages.len());
    let (mut ps, mut rs) = (Vec::new(), Vec::new());
    for (id, url, html, truth) in &pages {
        let url = (!url.is_empty()).then_some(url.as_str());
        let ex = crate::extract_page(html, url);
        let (tp, np, nt) = compare(&ex.text, truth);
        let p = if np > 0 { tp as f64 / np as f64 } else { 0.0 };
        let r = if nt > 0 { tp as f64 / nt as f64 } else { 0.0 };
        if np > 0 {
            ps.push(p);
        }
        if nt > 0 {
            rs.push(r);
        }
        per_page.push(PageScore {
            id: id.clone(),
            precision: p,
            recall: r,
        });
    }
    let mean = |v: &[f64]| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let (precision, recall) = (mean(&ps), mean(&rs));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Ok(Score {
        f1,
        precision,
        recall,
        pages: pages.len(),
        per_page,
    })
}
