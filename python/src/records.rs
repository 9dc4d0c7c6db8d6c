//! Python records to raw articles, read the way `dyad code` reads a JSON
//! line: `text` is plain text, `html` is markup, and `content` (or a bare
//! string) is either, told apart as `dyad code` tells a text argument.

use dyad_ingest::{Body, Origin, RawArticle};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};

/// A record that could not be coded, and why.
#[derive(Debug)]
pub struct Failure {
    /// Its position in the input (0-based, as Python counts).
    pub index: usize,
    /// Its id, when it had one.
    pub id: Option<String>,
    pub message: String,
}

impl Failure {
    /// `records[3] (id 'a-12'): article body is empty`.
    pub fn describe(&self) -> String {
        match &self.id {
            Some(id) => format!("records[{}] (id {id:?}): {}", self.index, self.message),
            None => format!("records[{}]: {}", self.index, self.message),
        }
    }
}

/// An ingest or pipeline message in Python's terms: the CLI's `--max-tokens`
/// is the `max_tokens` argument here.
pub fn pythonic(message: &str) -> String {
    let mut m = message.to_string();
    for opt in ["bytes", "depth", "tokens", "sentence-tokens"] {
        m = m.replace(
            &format!("--max-{opt}"),
            &format!("max_{}", opt.replace('-', "_")),
        );
    }
    m
}

/// The body of a string that may be text or HTML.
pub fn sniffed(content: String) -> Body {
    if dyad_ingest::looks_like_html(&content) {
        Body::Html(content)
    } else {
        Body::Text(content)
    }
}

/// Fields given for one article.
#[derive(Default)]
pub struct Fields {
    pub id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub body: Option<Body>,
}

/// A raw article from its fields, with the checks `dyad code` makes on a
/// JSON line (a body, not empty, within the byte limit; an unreadable
/// `published` is a warning).
pub fn article(
    index: usize,
    default_id: String,
    f: Fields,
    max_bytes: usize,
) -> Result<RawArticle, Failure> {
    let fail = |message: String| Failure {
        index,
        id: f.id.clone(),
        message,
    };
    let body = f
        .body
        .ok_or_else(|| fail("article has neither \"text\" nor \"html\"".into()))?;
    let (Body::Html(s) | Body::Text(s)) = &body;
    if s.trim().is_empty() {
        return Err(fail("article body is empty".into()));
    }
    if s.len() > max_bytes {
        return Err(fail(format!(
            "the article is over {max_bytes} bytes, the limit (raise it with max_bytes)"
        )));
    }
    let mut warnings = Vec::new();
    if let Some(p) = f.published.as_deref() {
        if dyad_ingest::normalise_date(p).is_none() {
            warnings.push(format!(
                "\"published\": {p:?} is not a date dyad can read (YYYY-MM-DD or RFC 3339); ignored"
            ));
        }
    }
    Ok(RawArticle {
        origin: Origin {
            path: match &f.id {
                Some(id) => format!("records[{index}] (id {id:?})"),
                None => format!("records[{index}]"),
            },
            line: None,
        },
        id_given: f.id.is_some(),
        id: f.id.unwrap_or(default_id),
        warnings,
        url: f.url,
        title: f.title,
        published: f.published,
        body,
    })
}

/// One element of `code_many`'s input: a string (text or HTML), or a
/// mapping with `text`, `html` or `content`, and optionally `id`, `url`,
/// `title`, `published`.
pub fn fields(record: &Bound<'_, PyAny>, index: usize) -> Result<Fields, Failure> {
    let fail = |id: Option<String>, message: String| Failure { index, id, message };
    if let Ok(s) = record.downcast::<PyString>() {
        let s: String = s.extract().map_err(|e: PyErr| fail(None, e.to_string()))?;
        return Ok(Fields {
            body: Some(sniffed(s)),
            ..Default::default()
        });
    }
    let get = |key: &str| -> Result<Option<Bound<'_, PyAny>>, String> {
        let v = if let Ok(d) = record.downcast::<PyDict>() {
            d.get_item(key).map_err(|e| e.to_string())?
        } else if let Ok(m) = record.downcast::<PyMapping>() {
            if m.contains(key).map_err(|e| e.to_string())? {
                Some(m.get_item(key).map_err(|e| e.to_string())?)
            } else {
                None
            }
        } else {
            let kind = record
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "?".into());
            return Err(format!(
                "expected a str or a dict with \"text\" or \"html\", found {kind}"
            ));
        };
        Ok(v.filter(|v| !v.is_none()))
    };
    // The id first, so that every later message can name it.
    let id = match get("id").map_err(|m| fail(None, m))? {
        None => None,
        Some(v) => Some(
            if v.downcast::<PyString>().is_ok() || v.is_instance_of::<pyo3::types::PyInt>() {
                v.str().map_err(|e| fail(None, e.to_string()))?.to_string()
            } else {
                return Err(fail(
                    None,
                    "field \"id\" must be a string or an integer".into(),
                ));
            },
        ),
    };
    let string = |key: &'static str| -> Result<Option<String>, Failure> {
        match get(key).map_err(|m| fail(id.clone(), m))? {
            None => Ok(None),
            Some(v) => match v.downcast::<PyString>() {
                Ok(s) => Ok(Some(s.to_string())),
                // Dates from pandas, Arrow or Spark: date, datetime, Timestamp.
                Err(_) if key == "published" && v.hasattr("isoformat").unwrap_or(false) => v
                    .call_method0("isoformat")
                    .and_then(|s| s.extract::<String>())
                    .map(Some)
                    .map_err(|e| fail(id.clone(), e.to_string())),
                Err(_) => Err(fail(id.clone(), format!("field {key:?} must be a string"))),
            },
        }
    };
    let html = string("html")?;
    let text = string("text")?;
    let content = string("content")?;
    let nonempty = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
    // As a JSON line: a non-empty `html` wins, then `text`; `content` is sniffed.
    let body = if nonempty(&html) {
        html.map(Body::Html)
    } else if nonempty(&text) {
        text.map(Body::Text)
    } else if nonempty(&content) {
        content.map(sniffed)
    } else {
        // Empty, or none at all: `article` says which.
        html.or(text).or(content).map(Body::Text)
    };
    Ok(Fields {
        url: string("url")?,
        title: string("title")?,
        published: string("published")?,
        body,
        id,
    })
}
