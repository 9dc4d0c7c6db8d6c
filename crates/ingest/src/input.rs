//! Reading inputs: files, directories, gzip, JSON lines, stdin.
//!
//! Every failure becomes an [`IngestError`] that names the file (and line),
//! and reading goes on with the next file or line: one bad article never
//! stops a batch.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Where an article came from, for error messages and the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    /// The file path, or `-` for standard input.
    pub path: String,
    /// 1-based line in a JSON-lines file.
    pub line: Option<usize>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}", self.path, l),
            None => write!(f, "{}", self.path),
        }
    }
}

/// The body of an article as it arrived.
#[derive(Debug, Clone, PartialEq)]
pub enum Body {
    /// A full web page or an HTML fragment.
    Html(String),
    /// Plain text: paragraphs separated by blank lines.
    Text(String),
}

/// One article before any processing.
#[derive(Debug, Clone, PartialEq)]
pub struct RawArticle {
    pub origin: Origin,
    /// The id to store it under: given, or made from the file name.
    pub id: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub body: Body,
}

/// Why an input could not be read. Displayed as `path[:line]: message`.
#[derive(Debug, thiserror::Error)]
#[error("{origin}: {kind}")]
pub struct IngestError {
    pub origin: Origin,
    pub kind: ErrorKind,
}

#[derive(Debug, thiserror::Error)]
pub enum ErrorKind {
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    #[error("truncated or corrupt gzip data: {0}")]
    Gzip(std::io::Error),
    #[error("empty file")]
    Empty,
    #[error("binary data, not text (byte 0x{byte:02x} at offset {offset})")]
    Binary { byte: u8, offset: usize },
    #[error("not valid UTF-8 at line {line}, column {column} (byte offset {offset}); declare a charset in the HTML or convert the file to UTF-8")]
    Encoding {
        line: usize,
        column: usize,
        offset: usize,
    },
    #[error("unknown charset {0:?}")]
    Charset(String),
    #[error("invalid JSON: {0}")]
    Json(String),
    #[error("expected a JSON object, found {0}")]
    NotObject(&'static str),
    #[error("field {field:?} must be {expected}")]
    Field {
        field: &'static str,
        expected: &'static str,
    },
    #[error("article has neither \"text\" nor \"html\"")]
    NoBody,
    #[error("article body is empty")]
    EmptyBody,
    #[error("no such file or directory")]
    Missing,
}

impl IngestError {
    pub fn new(origin: Origin, kind: ErrorKind) -> Self {
        IngestError { origin, kind }
    }
    fn at(path: &str, kind: ErrorKind) -> Self {
        IngestError {
            origin: Origin {
                path: path.to_string(),
                line: None,
            },
            kind,
        }
    }
}

/// The input files named by `paths`: files as given, directories walked
/// recursively (sorted, hidden entries and files of other kinds skipped),
/// `-` for standard input.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<PathBuf, IngestError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(p.clone()));
        } else if p.is_dir() {
            let walker = walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| {
                    e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.')
                });
            for entry in walker {
                match entry {
                    Ok(e) if e.file_type().is_file() && is_article_file(e.path()) => {
                        out.push(Ok(e.into_path()))
                    }
                    Ok(_) => {}
                    Err(err) => {
                        let path = err
                            .path()
                            .map(|x| x.display().to_string())
                            .unwrap_or_else(|| p.display().to_string());
                        out.push(Err(IngestError::at(&path, ErrorKind::Io(err.into()))));
                    }
                }
            }
        } else if p.exists() {
            out.push(Ok(p.clone()));
        } else {
            out.push(Err(IngestError::at(
                &p.display().to_string(),
                ErrorKind::Missing,
            )));
        }
    }
    out
}

/// The kinds of file a directory walk picks up.
fn is_article_file(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    [".html", ".htm", ".txt", ".jsonl", ".ndjson", ".json"]
        .iter()
        .any(|ext| name.ends_with(ext))
}

/// What a file's content is to be read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Html,
    Text,
    JsonLines,
    /// Decide from the content (`.txt`, stdin, unknown extensions).
    Sniff,
}

fn format_of(path: &str) -> Format {
    let lower = path.to_lowercase();
    let name = lower.strip_suffix(".gz").unwrap_or(&lower);
    if name.ends_with(".html") || name.ends_with(".htm") {
        Format::Html
    } else if name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".json") {
        Format::JsonLines
    } else {
        Format::Sniff
    }
}

/// Read one input (a file or `-`) into articles. A JSON-lines file yields
/// one result per non-blank line, so one bad line spoils only itself.
pub fn read_path(path: &Path) -> Vec<Result<RawArticle, IngestError>> {
    let name = if path.as_os_str() == "-" {
        "-".to_string()
    } else {
        path.display().to_string()
    };
    let bytes = match read_bytes(path, &name) {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    let stem = file_stem(path);
    read_bytes_as(&name, &stem, &bytes)
}

/// Parse bytes already read (`name` for messages, `stem` for default ids).
pub fn read_bytes_as(name: &str, stem: &str, bytes: &[u8]) -> Vec<Result<RawArticle, IngestError>> {
    let origin = Origin {
        path: name.to_string(),
        line: None,
    };
    let fail = |kind| vec![Err(IngestError::new(origin.clone(), kind))];
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return fail(ErrorKind::Empty);
    }
    if let Some(kind) = binary_junk(bytes) {
        return fail(kind);
    }
    let mut format = format_of(name);
    let text = match decode(bytes, format) {
        Ok(t) => t,
        Err(kind) => return fail(kind),
    };
    if format == Format::Sniff {
        format = sniff(&text);
    }
    match format {
        Format::JsonLines => read_json_lines(name, stem, &text),
        Format::Html => vec![Ok(RawArticle {
            origin,
            id: stem.to_string(),
            url: None,
            title: None,
            published: None,
            body: Body::Html(text),
        })],
        Format::Text | Format::Sniff => vec![Ok(RawArticle {
            origin,
            id: stem.to_string(),
            url: None,
            title: None,
            published: None,
            body: Body::Text(text),
        })],
    }
}

fn file_stem(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".into();
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rfind('.') {
        Some(i) if i > 0 => name[..i].to_string(),
        _ => name.to_string(),
    }
}

fn read_bytes(path: &Path, name: &str) -> Result<Vec<u8>, IngestError> {
    let err = |kind| IngestError::at(name, kind);
    let mut raw = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin()
            .lock()
            .read_to_end(&mut raw)
            .map_err(|e| err(e.into()))?;
    } else {
        raw = std::fs::read(path).map_err(|e| err(e.into()))?;
    }
    // Gzip by magic number, whatever the file is called.
    if raw.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(&raw[..])
            .read_to_end(&mut out)
            .map_err(|e| err(ErrorKind::Gzip(e)))?;
        return Ok(out);
    }
    Ok(raw)
}

/// Binary data: a NUL byte, or many control characters, in the first 8 KiB.
/// (UTF-16 with a BOM is text and handled by `decode`.)
fn binary_junk(bytes: &[u8]) -> Option<ErrorKind> {
    if bytes.starts_with(&[0xff, 0xfe]) || bytes.starts_with(&[0xfe, 0xff]) {
        return None;
    }
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(offset) = head.iter().position(|&b| b == 0) {
        return Some(ErrorKind::Binary { byte: 0, offset });
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if controls * 20 > head.len() {
        let offset = head
            .iter()
            .position(|&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
            .unwrap_or(0);
        return Some(ErrorKind::Binary {
            byte: head[offset],
            offset,
        });
    }
    None
}

/// Bytes to text: a BOM wins, then an HTML charset declaration, then UTF-8.
/// Invalid UTF-8 without a declaration is an error, not a guess, so that
/// mojibake never reaches the store.
fn decode(bytes: &[u8], format: Format) -> Result<String, ErrorKind> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Ok(text.into_owned());
    }
    if format != Format::JsonLines {
        if let Some(label) = declared_charset(bytes) {
            let enc = encoding_rs::Encoding::for_label(label.as_bytes())
                .ok_or_else(|| ErrorKind::Charset(label.clone()))?;
            if enc != encoding_rs::UTF_8 {
                let (text, _, _) = enc.decode(bytes);
                return Ok(text.into_owned());
            }
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let offset = e.valid_up_to();
            let before = &bytes[..offset];
            let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = before
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&before[line_start..])
                .chars()
                .count()
                + 1;
            Err(ErrorKind::Encoding {
                line,
                column,
                offset,
            })
        }
    }
}

/// `<meta charset="...">` or `content="text/html; charset=..."` near the top.
fn declared_charset(bytes: &[u8]) -> Option<String> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]).to_lowercase();
    let i = head.find("charset=")?;
    let rest = head[i + 8..].trim_start_matches(['"', '\'', ' ']);
    let label: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        .collect();
    (!label.is_empty()).then_some(label)
}

/// Content-based choice for `.txt`, stdin and unknown extensions.
fn sniff(text: &str) -> Format {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        let first = t.lines().next().unwrap_or("");
        if serde_json::from_str::<Value>(first).is_ok_and(|v| v.is_object()) {
            return Format::JsonLines;
        }
    }
    if looks_like_html(t) {
        Format::Html
    } else {
        Format::Text
    }
}

/// True when text carries HTML markup (a tag we know, or a doctype).
pub fn looks_like_html(text: &str) -> bool {
    static TAG: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
    let re = TAG.get_or_init(|| {
        regex::Regex::new(
            r"(?i)<(!doctype|html|head|body|a\s+href|p|div|span|i|b|em|strong|br|h[1-6]|ul|ol|li|article|section|blockquote|table|img)\b[^>]*>",
        )
        .expect("valid regex")
    });
    re.is_match(text)
}

fn read_json_lines(name: &str, stem: &str, text: &str) -> Vec<Result<RawArticle, IngestError>> {
    let trimmed = text.trim_start();
    // A .json file holding one array of article objects.
    if trimmed.starts_with('[') {
        return match serde_json::from_str::<Vec<Value>>(trimmed) {
            Ok(items) => items
                .into_iter()
                .enumerate()
                .map(|(i, v)| {
                    let origin = Origin {
                        path: name.to_string(),
                        line: None,
                    };
                    article_from_json(origin, &format!("{stem}-{}", i + 1), v)
                })
                .collect(),
            Err(e) => vec![Err(IngestError::at(name, ErrorKind::Json(e.to_string())))],
        };
    }
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, line)| {
            let origin = Origin {
                path: name.to_string(),
                line: Some(i + 1),
            };
            match serde_json::from_str::<Value>(line.trim_start_matches('\u{feff}')) {
                Ok(v) => article_from_json(origin, &format!("{stem}-{}", i + 1), v),
                Err(e) => Err(IngestError::new(origin, ErrorKind::Json(e.to_string()))),
            }
        })
        .collect()
}

fn article_from_json(
    origin: Origin,
    default_id: &str,
    v: Value,
) -> Result<RawArticle, IngestError> {
    let err = |kind| IngestError::new(origin.clone(), kind);
    let obj = match v {
        Value::Object(o) => o,
        Value::Array(_) => return Err(err(ErrorKind::NotObject("an array"))),
        Value::String(_) => return Err(err(ErrorKind::NotObject("a string"))),
        Value::Number(_) => return Err(err(ErrorKind::NotObject("a number"))),
        Value::Bool(_) => return Err(err(ErrorKind::NotObject("a boolean"))),
        Value::Null => return Err(err(ErrorKind::NotObject("null"))),
    };
    let string = |field: &'static str| -> Result<Option<String>, IngestError> {
        match obj.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            // Numeric ids are common in exports; accept them as text.
            Some(Value::Number(n)) if field == "id" => Ok(Some(n.to_string())),
            Some(_) => Err(err(ErrorKind::Field {
                field,
                expected: "a string",
            })),
        }
    };
    let id = string("id")?;
    let url = string("url")?;
    let title = string("title")?;
    let published = string("published")?;
    let body = match (string("html")?, string("text")?) {
        (Some(h), _) if !h.trim().is_empty() => Body::Html(h),
        (_, Some(t)) if !t.trim().is_empty() => Body::Text(t),
        (None, None) => return Err(err(ErrorKind::NoBody)),
        _ => return Err(err(ErrorKind::EmptyBody)),
    };
    Ok(RawArticle {
        origin,
        id: id.unwrap_or_else(|| default_id.to_string()),
        url,
        title,
        published,
        body,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, bytes: &[u8]) -> Vec<Result<RawArticle, IngestError>> {
        read_bytes_as(name, "x", bytes)
    }

    fn only_err(r: Vec<Result<RawArticle, IngestError>>) -> String {
        assert_eq!(r.len(), 1);
        r.into_iter().next().unwrap().unwrap_err().to_string()
    }

    #[test]
    fn empty_and_binary_inputs_are_named_errors() {
        assert_eq!(only_err(read("a.txt", b"  \n")), "a.txt: empty file");
        let e = only_err(read("b.html", b"<p>x\0\x01\x02</p>"));
        assert!(e.starts_with("b.html: binary data"), "{e}");
    }

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let e = only_err(read("c.txt", b"first line\nsec\xffond"));
        assert!(e.contains("line 2, column 4"), "{e}");
    }

    #[test]
    fn declared_charset_is_honoured() {
        let page =
            b"<html><head><meta charset=\"windows-1252\"></head><body><p>caf\xe9</p></body></html>";
        let r = read("d.html", page);
        match &r[0].as_ref().unwrap().body {
            Body::Html(h) => assert!(h.contains("café")),
            b => panic!("{b:?}"),
        }
    }

    #[test]
    fn json_lines_errors_name_the_line_and_the_rest_goes_on() {
        let data = "{\"id\":\"a\",\"text\":\"One.\"}\n[1,2]\n\nnot json\n{\"id\":\"b\"}\n{\"html\":\"<p>Two</p>\",\"published\":\"2024-01-02\"}\n";
        let r = read("e.jsonl", data.as_bytes());
        assert_eq!(r.len(), 5);
        assert_eq!(r[0].as_ref().unwrap().id, "a");
        assert_eq!(
            r[1].as_ref().unwrap_err().to_string(),
            "e.jsonl:2: expected a JSON object, found an array"
        );
        assert!(r[2]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("e.jsonl:4: invalid JSON"));
        assert!(r[3]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("e.jsonl:5: article has neither"));
        let last = r[4].as_ref().unwrap();
        assert_eq!(last.id, "x-6");
        assert!(matches!(last.body, Body::Html(_)));
    }

    #[test]
    fn txt_with_tags_is_html_and_without_is_text() {
        let r = read("f.txt", b"Rebels <a href=\"/x\">took</a> the city.");
        assert!(matches!(r[0].as_ref().unwrap().body, Body::Html(_)));
        let r = read("g.txt", b"Rebels took the city. 3 < 4 and a<b.");
        assert!(matches!(r[0].as_ref().unwrap().body, Body::Text(_)));
    }

    #[test]
    fn truncated_gzip_is_an_error() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(
            "<p>Some article text that is long enough.</p>"
                .repeat(50)
                .as_bytes(),
        )
        .unwrap();
        let gz = enc.finish().unwrap();
        let dir = std::env::temp_dir().join(format!("dyad-gz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("t.html.gz");
        std::fs::write(&p, &gz[..gz.len() / 2]).unwrap();
        let e = only_err(read_path(&p));
        assert!(e.contains("truncated or corrupt gzip"), "{e}");
        std::fs::write(&p, &gz).unwrap();
        assert!(read_path(&p)[0].is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
