//! dyad-extract: HTML -> clean text, links and page metadata.
//!
//! The first stage of the pipeline. Everything after it (sentences, mentions,
//! events) reads plain text, so this stage decides what text an article *is*:
//! for a full web page it keeps only the main article body (navigation,
//! headers, ads, related links, comments, share widgets and footers would
//! otherwise become false events), and for an article-body fragment it keeps
//! everything. It also keeps every hyperlink of the kept text as a byte span
//! (links name the entities and stories an article cites) and the page's own
//! metadata (title, site, publication date ...), which later stages use to
//! anchor relative dates.
//!
//! Page extraction = a Readability pass ([`dom_smoothie`]) to find the
//! article container, then generic boilerplate pruning of that container
//! (link density, boilerplate class/id names, trailing link lists, short
//! call-to-action lines), then our own text rendering. On the shared
//! 121-page benchmark this scores F1 0.981 (P 0.980, R 0.982) against 0.940
//! for dom_smoothie alone, at about the same speed; see `NOTES.md` and
//! `examples/extract_bench.rs`. Set `DYAD_PRUNE_DEBUG=1` to log what the pruner drops.
//!
//! Public API: [`extract_page`], [`extract_fragment`], [`extract_limited`]
//! (with [`TooDeep`]), [`is_full_page`],
//! [`Extracted`], [`RawLink`], [`PageMeta`], and the benchmark [`evaluate`]
//! with [`Score`], [`PageScore`], [`EvalError`].

use dom_query::Document;
use url::Url;

mod clean;
mod eval;
mod meta;
mod render;

pub use eval::{evaluate, load_pages, shingle_counts, EvalError, PageScore, Score};
pub use meta::normalise_date;

/// The result of extraction.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Extracted {
    /// Clean text; paragraphs separated by `"\n\n"`.
    pub text: String,
    /// Byte ranges of each paragraph in `text` (trimmed, non-empty).
    pub paragraphs: Vec<(usize, usize)>,
    /// Every `<a href>` inside the kept content with non-empty text, in order.
    pub links: Vec<RawLink>,
    pub meta: PageMeta,
}

/// A hyperlink as found in the HTML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawLink {
    /// Anchor text; always `&text[start..end]`.
    pub text: String,
    /// Absolute when a base URL is known, otherwise as written.
    pub href: String,
    /// Byte offsets into [`Extracted::text`].
    pub start: usize,
    pub end: usize,
}

/// What the page says about itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    /// `og:title`, JSON-LD `headline`, `<title>` or the first `<h1>`, without
    /// a trailing `" | Site Name"`.
    pub title: Option<String>,
    /// `og:site_name`, JSON-LD `publisher.name` or `application-name`.
    pub site_name: Option<String>,
    /// `YYYY-MM-DD` or an RFC 3339 datetime, from meta tags, then JSON-LD,
    /// then `<time datetime>`.
    pub published: Option<String>,
    /// `<link rel=canonical>` or `og:url`.
    pub url: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
    pub description: Option<String>,
}

/// Whether `html` is a whole web page (doctype, `<html>`, `<head>` or
/// `<body>`) rather than a bare article-body fragment.
pub fn is_full_page(html: &str) -> bool {
    let head = &html.as_bytes()[..html.len().min(4096)];
    let lower = head.to_ascii_lowercase();
    let has = |needle: &[u8]| lower.windows(needle.len()).any(|w| w == needle);
    has(b"<!doctype") || has(b"<html") || has(b"<head") || has(b"<body")
        // a very long page may put <body> late; check the whole input cheaply
        || html.contains("<body") || html.contains("<BODY")
}

fn base_url(given: Option<&str>, meta: Option<&PageMeta>, doc: Option<&Document>) -> Option<Url> {
    let given = given.and_then(|b| Url::parse(b.trim()).ok());
    let tag = doc.and_then(|d| {
        d.select("base[href]")
            .nodes()
            .first()
            .and_then(|n| n.attr("href"))
            .map(|h| h.to_string())
    });
    if let Some(tag) = tag {
        if let Ok(u) = Url::parse(tag.trim()) {
            return Some(u);
        }
        if let Some(g) = &given {
            if let Ok(u) = g.join(tag.trim()) {
                return Some(u);
            }
        }
    }
    given.or_else(|| {
        meta.and_then(|m| m.url.as_deref())
            .and_then(|u| Url::parse(u).ok())
    })
}

fn render(root: &dom_query::NodeRef, base: Option<&Url>, meta: PageMeta) -> Extracted {
    let mut r = render::Renderer::new(base);
    r.node(root, 0);
    let (text, paragraphs, links) = r.finish();
    Extracted {
        text,
        paragraphs,
        links,
        meta,
    }
}

/// A page nested deeper than the limit: extraction's scoring is not linear
/// in depth, so such a page is refused rather than left to run for minutes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the HTML is nested {depth} elements deep, over the limit of {limit} (raise it with --max-depth)")]
pub struct TooDeep {
    pub depth: usize,
    pub limit: usize,
}

/// How deep the element tree goes, stopping once past `limit`.
fn depth_over(root: &dom_query::NodeRef, limit: usize) -> Option<usize> {
    let mut stack = vec![(*root, 0usize)];
    let mut max = 0;
    while let Some((node, d)) = stack.pop() {
        max = max.max(d);
        if max > limit {
            return Some(max);
        }
        let mut child = node.first_child();
        while let Some(c) = child {
            if c.is_element() {
                stack.push((c, d + 1));
            }
            child = c.next_sibling();
        }
    }
    None
}

/// How deep the tags nest, read from the markup alone in one linear pass,
/// stopping once past `limit`. The HTML parser itself slows down on very
/// deep nesting, so this runs first. Void elements, and elements whose end
/// tag is optional and which the parser closes by itself (`p`, `li`, table
/// cells …), do not count; the parsed tree is measured exactly afterwards.
fn markup_depth_over(html: &str, limit: usize) -> Option<usize> {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "param", "!doctype",
    ];
    let bytes = html.as_bytes();
    let mut depth: usize = 0;
    let mut i = 0;
    while let Some(k) = memchr_lt(&bytes[i..]) {
        let at = i + k + 1;
        i = at;
        let closing = bytes.get(at) == Some(&b'/');
        let name_start = at + usize::from(closing);
        let name_end = bytes[name_start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'!' || *b == b'-'))
            .map_or(bytes.len(), |e| name_start + e);
        if name_end == name_start {
            continue;
        }
        let name = html[name_start..name_end].to_ascii_lowercase();
        if name.starts_with("!--") || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            // `<x/>` closes itself.
            let end = bytes[name_end..]
                .iter()
                .position(|&b| b == b'>')
                .map_or(bytes.len(), |e| name_end + e);
            if end > 0 && bytes.get(end - 1) == Some(&b'/') {
                continue;
            }
            depth += 1;
            if depth > limit {
                return Some(depth);
            }
        }
    }
    None
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// [`extract_page`] or [`extract_fragment`] (as [`is_full_page`] decides),
/// refusing HTML nested deeper than `max_depth`.
pub fn extract_limited(
    html: &str,
    base_url: Option<&str>,
    max_depth: usize,
) -> Result<Extracted, TooDeep> {
    if let Some(depth) = markup_depth_over(html, max_depth) {
        return Err(TooDeep {
            depth,
            limit: max_depth,
        });
    }
    let full = is_full_page(html);
    let doc = if full {
        Document::from(html)
    } else {
        Document::fragment(html)
    };
    if let Some(depth) = depth_over(&doc.root(), max_depth) {
        return Err(TooDeep {
            depth,
            limit: max_depth,
        });
    }
    Ok(if full {
        page(html, doc, base_url)
    } else {
        fragment(doc, base_url)
    })
}

/// Extract the main article of a full web page: the body text without
/// navigation, headers, ads, related links, comments or footers, its links,
/// and the page metadata. `base_url` (e.g. the URL the page was fetched from)
/// resolves relative links; without it the canonical URL is used.
pub fn extract_page(html: &str, base_url: Option<&str>) -> Extracted {
    page(html, Document::from(html), base_url)
}

fn page(html: &str, doc: Document, base_url: Option<&str>) -> Extracted {
    let meta = meta::page_meta(&doc);
    let base = self::base_url(base_url, Some(&meta), Some(&doc));
    let content = clean::main_content(html, doc, base.as_ref());
    let out = render(&content.root(), base.as_ref(), meta);
    clean::drop_boilerplate_lines(out)
}

/// Extract an article-body fragment: all its text and links, no
/// boilerplate removal. Metadata is whatever the fragment itself carries.
pub fn extract_fragment(html: &str, base_url: Option<&str>) -> Extracted {
    fragment(Document::fragment(html), base_url)
}

fn fragment(doc: Document, base_url: Option<&str>) -> Extracted {
    let meta = meta::page_meta(&doc);
    let base = self::base_url(base_url, None, Some(&doc));
    render(&doc.root(), base.as_ref(), meta)
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod depth_tests {
    use super::*;

    #[test]
    fn deep_nesting_is_refused_before_parsing_and_ordinary_pages_pass() {
        let deep = format!(
            "<html><body>{}x{}</body></html>",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        let e = extract_limited(&deep, None, 100).unwrap_err();
        assert_eq!(e.limit, 100);
        assert!(e.depth > 100);
        // Unclosed paragraphs and list items, void and self-closed elements
        // do not add up.
        let flat = format!(
            "<html><body><article>{}</article></body></html>",
            "<p>Talks resumed in Oslo.<br><img src=x><li>item<span/>".repeat(2000)
        );
        let ok = extract_limited(&flat, None, 100).unwrap();
        assert!(ok.text.contains("Talks resumed in Oslo."));
        // A parsed tree deeper than the limit is refused too.
        let spans = format!("<p>{}x{}</p>", "<b>".repeat(150), "</b>".repeat(150));
        assert!(extract_limited(&spans, None, 100).is_err());
        assert!(extract_limited(&spans, None, 1000).is_ok());
    }
}
