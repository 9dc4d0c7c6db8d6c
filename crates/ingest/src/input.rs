//! Reading inputs: files, directories, gzip, JSON lines, stdin.
//!
//! Every failure becomes an [`IngestError`] that names the file (and line),
//! and reading goes on with the next file or line: one bad article never
//! stops a batch.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Where an article came from, for error messages and the store.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

impl Default for Body {
    fn default() -> Self {
        Body::Text(String::new())
    }
}

/// One article before any processing.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawArticle {
    pub origin: Origin,
    /// The id to store it under: given, or made from the file's path.
    pub id: String,
    /// True when the input itself gave the id (a JSON line's `id`): only
    /// then is an equal id the same document. A file-derived id that
    /// collides with another document's is made unique instead.
    pub id_given: bool,
    /// Things worth telling the user that did not stop the article (a
    /// repaired encoding, an unreadable `published`).
    pub warnings: Vec<String>,
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
    /// An input larger than the byte limit; reading stopped there.
    #[error("the {what} is over {limit} bytes, the limit (raise it with --max-bytes)")]
    TooBig { what: &'static str, limit: usize },
    /// A configured limit on work (see the pipeline's `Limits`).
    #[error("{what} is {found}, over the limit of {limit} (raise it with {option})")]
    Limit {
        what: &'static str,
        found: usize,
        limit: usize,
        option: &'static str,
    },
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

/// Limits on what reading one input may cost, before any extraction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadLimits {
    /// Bytes one article may have once decompressed: a whole HTML or text
    /// file, or one JSON line. A JSON file holding one array is read whole
    /// and may have 16 times as many.
    pub max_bytes: usize,
}

impl Default for ReadLimits {
    fn default() -> Self {
        ReadLimits {
            max_bytes: 32 << 20,
        }
    }
}

/// One input file and the id its articles take by default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    pub path: PathBuf,
    /// The path relative to the argument that named it, without its
    /// extensions (`site-a/2024/05/index`); a file named directly keeps
    /// its stem. Two arguments can still yield the same id: whoever stores
    /// the articles makes it unique (see [`RawArticle::id_given`]).
    pub id: String,
}

/// The input files named by `paths`: files as given, directories walked
/// recursively (sorted, hidden entries and files of other kinds skipped),
/// `-` for standard input.
pub fn expand_paths(paths: &[PathBuf]) -> Vec<Result<InputFile, IngestError>> {
    let mut out = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Ok(InputFile {
                path: p.clone(),
                id: "stdin".into(),
            }));
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
                        let rel = e.path().strip_prefix(p).unwrap_or(e.path());
                        let id = relative_id(rel);
                        out.push(Ok(InputFile {
                            path: e.into_path(),
                            id,
                        }))
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
            out.push(Ok(InputFile {
                path: p.clone(),
                id: file_stem(p),
            }));
        } else {
            out.push(Err(IngestError::at(
                &p.display().to_string(),
                ErrorKind::Missing,
            )));
        }
    }
    out
}

/// `a/b/index.html.gz` → `a/b/index`, with `/` whatever the platform.
fn relative_id(rel: &Path) -> String {
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        *last = file_stem(Path::new(last.as_str()));
    }
    parts.join("/")
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

/// Read one input (a file or `-`) into articles, with default limits and
/// the file's stem as the default id.
pub fn read_path(path: &Path) -> Vec<Result<RawArticle, IngestError>> {
    let input = InputFile {
        path: path.to_path_buf(),
        id: file_stem(path),
    };
    read_input(&input, &ReadLimits::default()).collect()
}

/// Read one input into articles, lazily: a JSON-lines file is read line by
/// line (memory stays bounded whatever its size), and one bad line spoils
/// only itself.
pub fn read_input(input: &InputFile, limits: &ReadLimits) -> Articles {
    let name = if input.path.as_os_str() == "-" {
        "-".to_string()
    } else {
        input.path.display().to_string()
    };
    match open_input(&input.path, &name, &input.id, limits) {
        Ok(a) => a,
        Err(e) => Articles::Done(Some(Err(e))),
    }
}

/// Parse bytes already read (`name` for messages, `stem` for default ids).
pub fn read_bytes_as(name: &str, stem: &str, bytes: &[u8]) -> Vec<Result<RawArticle, IngestError>> {
    let limits = ReadLimits::default();
    let reader: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(bytes.to_vec()));
    match open_reader(reader, name, stem, &limits) {
        Ok(a) => a.collect(),
        Err(e) => vec![Err(e)],
    }
}

/// The articles of one input, produced as they are read.
pub enum Articles {
    /// At most one more result (a whole-file article or an error).
    Done(Option<Result<RawArticle, IngestError>>),
    /// Several, already parsed (a JSON array file).
    Many(std::vec::IntoIter<Result<RawArticle, IngestError>>),
    /// One per non-blank line of a JSON-lines stream.
    Lines(Box<JsonLines>),
}

impl Iterator for Articles {
    type Item = Result<RawArticle, IngestError>;
    fn next(&mut self) -> Option<Self::Item> {
        match self {
            Articles::Done(one) => one.take(),
            Articles::Many(it) => it.next(),
            Articles::Lines(l) => l.next(),
        }
    }
}

/// A JSON-lines stream read one bounded line at a time.
pub struct JsonLines {
    reader: std::io::BufReader<Box<dyn Read + Send>>,
    name: String,
    stem: String,
    line: usize,
    max: usize,
    gzip: bool,
    done: bool,
}

impl JsonLines {
    /// The next line's bytes (without its newline), or `Err(len)` when it
    /// is longer than the limit: its bytes are skipped, never held.
    fn read_line(&mut self) -> Option<std::io::Result<Result<Vec<u8>, usize>>> {
        use std::io::BufRead;
        let mut buf = Vec::new();
        let mut len = 0usize;
        let mut any = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Some(Err(e)),
            };
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (take, end) = match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (chunk.len(), false),
            };
            if len + take <= self.max {
                buf.extend_from_slice(&chunk[..take]);
            }
            len += take;
            self.reader.consume(take + usize::from(end));
            if end {
                break;
            }
        }
        if !any {
            return None;
        }
        Some(Ok(if len > self.max { Err(len) } else { Ok(buf) }))
    }
}

impl Iterator for JsonLines {
    type Item = Result<RawArticle, IngestError>;
    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let line = match self.read_line() {
                None => {
                    self.done = true;
                    return None;
                }
                Some(Err(e)) => {
                    self.done = true;
                    let kind = if self.gzip {
                        ErrorKind::Gzip(e)
                    } else {
                        ErrorKind::Io(e)
                    };
                    return Some(Err(IngestError::new(
                        Origin {
                            path: self.name.clone(),
                            line: Some(self.line + 1),
                        },
                        kind,
                    )));
                }
                Some(Ok(l)) => l,
            };
            self.line += 1;
            let origin = Origin {
                path: self.name.clone(),
                line: Some(self.line),
            };
            let bytes = match line {
                Ok(b) => b,
                Err(len) => {
                    return Some(Err(IngestError::new(
                        origin,
                        ErrorKind::Limit {
                            what: "the line's size in bytes",
                            found: len,
                            limit: self.max,
                            option: "--max-bytes",
                        },
                    )))
                }
            };
            if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            let (text, repaired) = decode_lossy(&bytes);
            let default_id = format!("{}-{}", self.stem, self.line);
            let r = match serde_json::from_str::<Value>(text.trim_start_matches('\u{feff}')) {
                Ok(v) => article_from_json(origin.clone(), &default_id, v).map(|mut a| {
                    if let Some(w) = repaired {
                        a.warnings.push(w);
                    }
                    a
                }),
                Err(e) => Err(IngestError::new(origin, ErrorKind::Json(e.to_string()))),
            };
            return Some(r);
        }
        None
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

fn open_input(
    path: &Path,
    name: &str,
    stem: &str,
    limits: &ReadLimits,
) -> Result<Articles, IngestError> {
    let err = |e: std::io::Error| IngestError::at(name, e.into());
    let reader: Box<dyn Read + Send> = if path.as_os_str() == "-" {
        Box::new(std::io::stdin())
    } else {
        if std::fs::metadata(path).map_err(err)?.is_dir() {
            return Err(IngestError::at(
                name,
                std::io::Error::other("is a directory").into(),
            ));
        }
        Box::new(std::fs::File::open(path).map_err(err)?)
    };
    open_reader(reader, name, stem, limits)
}

/// Reads up to `buf.len()` bytes (fewer only at the end).
fn read_full(r: &mut dyn Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(n)
}

/// Gzip by magic number, whatever the file is called; then the format,
/// from the name or the first bytes; then the articles, with every read
/// bounded by the limits (a gzip bomb stops at the byte limit).
fn open_reader(
    mut raw: Box<dyn Read + Send>,
    name: &str,
    stem: &str,
    limits: &ReadLimits,
) -> Result<Articles, IngestError> {
    let io = |e: std::io::Error| IngestError::at(name, e.into());
    let mut magic = [0u8; 2];
    let n = read_full(&mut raw, &mut magic).map_err(io)?;
    let rest: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(magic[..n].to_vec()).chain(raw));
    let gzip = n == 2 && magic == [0x1f, 0x8b];
    let mut reader: Box<dyn Read + Send> = if gzip {
        Box::new(flate2::read::MultiGzDecoder::new(std::io::BufReader::new(
            rest,
        )))
    } else {
        rest
    };
    let fail = |e: std::io::Error| {
        IngestError::at(
            name,
            if gzip {
                ErrorKind::Gzip(e)
            } else {
                ErrorKind::Io(e)
            },
        )
    };
    let mut head = vec![0u8; 64 << 10];
    let got = read_full(&mut reader, &mut head).map_err(fail)?;
    head.truncate(got);
    let mut format = format_of(name);
    if format == Format::Sniff {
        format = sniff(&String::from_utf8_lossy(&head));
    }
    let origin = Origin {
        path: name.to_string(),
        line: None,
    };
    if format == Format::JsonLines && !head.trim_ascii_start().starts_with(b"[") {
        if head.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(IngestError::new(origin, ErrorKind::Empty));
        }
        let stream: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(head).chain(reader));
        return Ok(Articles::Lines(Box::new(JsonLines {
            reader: std::io::BufReader::with_capacity(64 << 10, stream),
            name: name.to_string(),
            stem: stem.to_string(),
            line: 0,
            max: limits.max_bytes,
            gzip,
            done: false,
        })));
    }
    // A whole-file article (or a JSON array): read it all, but no more
    // than the limit allows.
    let max = if format == Format::JsonLines {
        limits.max_bytes.saturating_mul(16)
    } else {
        limits.max_bytes
    };
    let mut bytes = head;
    if bytes.len() <= max {
        (&mut reader)
            .take((max + 1 - bytes.len()) as u64)
            .read_to_end(&mut bytes)
            .map_err(fail)?;
    }
    if bytes.len() > max {
        // Stop here: nothing past the limit is read or kept (a gzip bomb
        // costs no more than the limit).
        return Err(IngestError::new(
            origin,
            ErrorKind::TooBig {
                what: if gzip { "decompressed size" } else { "size" },
                limit: max,
            },
        ));
    }
    parse_whole(name, stem, &bytes, format)
}

/// One whole input's bytes into articles.
fn parse_whole(
    name: &str,
    stem: &str,
    bytes: &[u8],
    format: Format,
) -> Result<Articles, IngestError> {
    let origin = Origin {
        path: name.to_string(),
        line: None,
    };
    let fail = |kind| Err(IngestError::new(origin.clone(), kind));
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return fail(ErrorKind::Empty);
    }
    if format != Format::JsonLines {
        if let Some(kind) = binary_junk(bytes) {
            return fail(kind);
        }
    }
    let (text, repaired) = match decode(bytes, format) {
        Ok(t) => (t, None),
        Err(ErrorKind::Encoding { line, column, .. }) => {
            let (t, how) = decode_fallback(bytes);
            (
                t,
                Some(format!(
                    "not valid UTF-8 at line {line}, column {column}; read as {how}"
                )),
            )
        }
        Err(kind) => return fail(kind),
    };
    let one = |body: Body| {
        Ok(Articles::Done(Some(Ok(RawArticle {
            origin: origin.clone(),
            id: stem.to_string(),
            body,
            warnings: repaired.clone().into_iter().collect(),
            ..Default::default()
        }))))
    };
    match format {
        Format::JsonLines => Ok(Articles::Many(
            read_json_lines(name, stem, &text).into_iter(),
        )),
        Format::Html => one(Body::Html(text)),
        Format::Text | Format::Sniff => one(Body::Text(text)),
    }
}

/// A JSON line's bytes as text: JSON is UTF-8, so a stray byte is replaced
/// (and said), never a reason to lose the line.
fn decode_lossy(bytes: &[u8]) -> (String, Option<String>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), None),
        Err(e) => (
            String::from_utf8_lossy(bytes).into_owned(),
            Some(format!(
                "not valid UTF-8 at byte {}; invalid bytes replaced with U+FFFD",
                e.valid_up_to()
            )),
        ),
    }
}

/// Text that is not UTF-8 and declares no charset: news archives mix
/// encodings, and most such files are Windows-1252. When no byte sequence
/// in it is valid multi-byte UTF-8, read it as Windows-1252; otherwise it
/// is UTF-8 with a few bad bytes, replaced.
fn decode_fallback(bytes: &[u8]) -> (String, &'static str) {
    let mut utf8_sequences = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let len = match b {
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => 1,
        };
        if len > 1 && i + len <= bytes.len() && std::str::from_utf8(&bytes[i..i + len]).is_ok() {
            utf8_sequences += 1;
            i += len;
        } else {
            i += 1;
        }
    }
    if utf8_sequences == 0 {
        let (t, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
        (t.into_owned(), "Windows-1252")
    } else {
        (
            String::from_utf8_lossy(bytes).into_owned(),
            "UTF-8 with invalid bytes replaced by U+FFFD",
        )
    }
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
    let mut warnings = Vec::new();
    if let Some(p) = published.as_deref() {
        if crate::normalise_date(p).is_none() {
            warnings.push(format!(
                "\"published\": {p:?} is not a date dyad can read (YYYY-MM-DD or RFC 3339); ignored"
            ));
        }
    }
    Ok(RawArticle {
        origin,
        id_given: id.is_some(),
        id: id.unwrap_or_else(|| default_id.to_string()),
        url,
        title,
        published,
        body,
        warnings,
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
    fn invalid_utf8_is_repaired_with_a_warning_naming_the_place() {
        // Lone high bytes: Windows-1252, as news archives often are.
        let r = read("c.txt", b"first line\nsec\xe9ond caf\xe9");
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.body, Body::Text("first line\nsecéond café".into()));
        assert!(
            a.warnings[0].contains("line 2, column 4"),
            "{:?}",
            a.warnings
        );
        assert!(a.warnings[0].contains("Windows-1252"));
        // Real UTF-8 with one stray byte: UTF-8, the stray byte replaced.
        let r = read("c2.txt", b"na\xc3\xafve text\n\xff end");
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.body, Body::Text("naïve text\n\u{fffd} end".into()));
        assert!(a.warnings[0].contains("U+FFFD"));
        // A JSON line with a stray byte keeps its line.
        let r = read("j.jsonl", b"{\"text\":\"caf\xe9 talks\"}\n");
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.body, Body::Text("caf\u{fffd} talks".into()));
        assert_eq!(a.warnings.len(), 1);
    }

    #[test]
    fn an_unreadable_published_date_is_a_warning_naming_the_line() {
        let r = read(
            "p.jsonl",
            b"{\"text\":\"One.\",\"published\":\"2025-13-45\"}\n{\"text\":\"Two.\",\"published\":\"2025-01-02\"}\n",
        );
        let a = r[0].as_ref().unwrap();
        assert_eq!(a.origin.to_string(), "p.jsonl:1");
        assert!(a.warnings[0].contains("2025-13-45"), "{:?}", a.warnings);
        assert!(r[1].as_ref().unwrap().warnings.is_empty());
    }

    #[test]
    fn ids_are_paths_relative_to_the_argument_and_given_ids_are_marked() {
        let dir = std::env::temp_dir().join(format!("dyad-ids-{}", std::process::id()));
        for sub in ["site-a/2024/05", "site-b/news"] {
            std::fs::create_dir_all(dir.join(sub)).unwrap();
            std::fs::write(dir.join(sub).join("index.html"), "<p>Text.</p>").unwrap();
        }
        std::fs::write(dir.join("feed.jsonl.gz"), b"").unwrap();
        let files: Vec<InputFile> = expand_paths(std::slice::from_ref(&dir))
            .into_iter()
            .map(Result::unwrap)
            .collect();
        let ids: Vec<&str> = files.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["feed", "site-a/2024/05/index", "site-b/news/index"]);
        // A file named directly keeps its stem.
        let one = expand_paths(&[dir.join("site-b/news/index.html")]);
        assert_eq!(one[0].as_ref().unwrap().id, "index");
        std::fs::remove_dir_all(&dir).unwrap();

        let r = read(
            "g.jsonl",
            b"{\"id\":\"x1\",\"text\":\"A.\"}\n{\"text\":\"B.\"}\n",
        );
        assert!(r[0].as_ref().unwrap().id_given);
        let b = r[1].as_ref().unwrap();
        assert!(!b.id_given);
        assert_eq!(b.id, "x-2");
    }

    #[test]
    fn a_gzip_bomb_stops_at_the_byte_limit() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![b'a'; 1 << 20];
        for _ in 0..64 {
            enc.write_all(&zeros).unwrap();
        }
        let gz = enc.finish().unwrap();
        assert!(gz.len() < 1 << 20);
        let limits = ReadLimits { max_bytes: 4 << 20 };
        let reader: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(gz));
        let Err(e) = open_reader(reader, "bomb.txt.gz", "bomb", &limits) else {
            panic!("a bomb must fail")
        };
        assert_eq!(
            e.to_string(),
            "bomb.txt.gz: the decompressed size is over 4194304 bytes, the limit (raise it with --max-bytes)"
        );
    }

    #[test]
    fn an_overlong_json_line_fails_alone() {
        let big = format!("{{\"text\":\"{}\"}}", "word ".repeat(3000));
        let data = format!("{{\"text\":\"First.\"}}\n{big}\n{{\"text\":\"Last.\"}}\n");
        let limits = ReadLimits { max_bytes: 1000 };
        let reader: Box<dyn Read + Send> = Box::new(std::io::Cursor::new(data.into_bytes()));
        let r: Vec<_> = open_reader(reader, "l.jsonl", "l", &limits)
            .unwrap()
            .collect();
        assert_eq!(r.len(), 3);
        assert!(r[0].is_ok() && r[2].is_ok());
        let e = r[1].as_ref().unwrap_err().to_string();
        assert!(
            e.starts_with("l.jsonl:2: the line's size in bytes is 15011"),
            "{e}"
        );
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
