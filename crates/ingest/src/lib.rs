//! Ingest: the first stage. Raw inputs become [`Document`]s with clean text,
//! paragraphs, links and metadata; later stages read nothing else.
//!
//! - [`expand_paths`] and [`read_path`] turn paths (files, directories,
//!   `.gz`, JSON lines, `-` for stdin) into [`RawArticle`]s, one
//!   [`IngestError`] per bad file or line, never stopping a batch;
//! - [`build_document`] extracts the article body (via `dyad-extract`),
//!   classifies links, and settles title, outlet and publication date, saying
//!   where the date came from ([`PublishedFrom`]); with no date given, the
//!   newest dated link, else the text's own dates ([`dating::infer_date`]).

pub mod dating;
mod input;
pub mod links;

pub use input::{
    expand_paths, looks_like_html, read_bytes_as, read_input, read_path, Articles, Body, ErrorKind,
    IngestError, InputFile, JsonLines, Origin, RawArticle, ReadLimits,
};

use dyad_document::{Document, Link, LinkKind, PublishedFrom, Span};
use dyad_extract::Extracted;

/// How deep HTML may nest by default; real pages stay well under 100.
pub const DEFAULT_MAX_DEPTH: usize = 512;

/// Turn one raw article into a document with text, paragraphs, links and
/// metadata. Fails only when no article text is left.
pub fn build_document(raw: RawArticle) -> Result<Document, IngestError> {
    build_document_limited(raw, DEFAULT_MAX_DEPTH)
}

/// [`build_document`], refusing HTML nested deeper than `max_depth`.
pub fn build_document_limited(raw: RawArticle, max_depth: usize) -> Result<Document, IngestError> {
    let ex = match &raw.body {
        Body::Html(h) => match dyad_extract::extract_limited(h, raw.url.as_deref(), max_depth) {
            Ok(ex) => ex,
            Err(e) => {
                return Err(IngestError::new(
                    raw.origin,
                    ErrorKind::Limit {
                        what: "the HTML's nesting depth",
                        found: e.depth,
                        limit: e.limit,
                        option: "--max-depth",
                    },
                ))
            }
        },
        Body::Text(t) => plain_text(t),
    };
    if ex.text.trim().is_empty() {
        return Err(IngestError::new(raw.origin, ErrorKind::EmptyBody));
    }
    let Extracted {
        text,
        paragraphs,
        links: raw_links,
        meta,
    } = ex;
    let url = raw.url.or(meta.url);
    let links: Vec<Link> = raw_links
        .into_iter()
        .map(|l| Link {
            kind: links::link_kind(&l.href),
            date: links::url_date(&l.href),
            text: l.text,
            url: l.href,
            span: Span::new(l.start, l.end),
        })
        .collect();

    let (published, published_from) =
        if let Some(d) = raw.published.as_deref().and_then(normalise_date) {
            (Some(d), Some(PublishedFrom::Input))
        } else if let Some(d) = meta.published.as_deref().and_then(normalise_date) {
            (Some(d), Some(PublishedFrom::Metadata))
        } else if let Some(d) = url.as_deref().and_then(links::url_date) {
            (Some(d), Some(PublishedFrom::Url))
        } else {
            // An article cannot link to a story newer than itself: the newest
            // dated link is the best lower bound, and usually the day itself.
            let linked = newest_linked_date(&links).map(|d| (d, PublishedFrom::Links));
            let inferred = || {
                dating::infer_date(&text, chrono::Local::now().date_naive())
                    .map(|d| (d, PublishedFrom::Inferred))
            };
            let day = linked.or_else(inferred);
            // A URL filed by month (`/2019/11/slug`) bounds the day: a day
            // guessed in that month is kept, one outside it gives way to the
            // month itself (`YYYY-MM`).
            match url.as_deref().and_then(links::url_month) {
                Some(m) => match day {
                    Some((d, from)) if d.starts_with(&m) => (Some(d), Some(from)),
                    _ => (Some(m), Some(PublishedFrom::Url)),
                },
                None => day.map_or((None, None), |(d, from)| (Some(d), Some(from))),
            }
        };

    let title = raw.title.or(meta.title).or_else(|| {
        matches!(raw.body, Body::Text(_))
            .then(|| headline(&text, &paragraphs))
            .flatten()
    });
    let outlet = meta.site_name.or_else(|| outlet_of(url.as_deref(), &links));

    Ok(Document {
        id: raw.id,
        url,
        title,
        outlet,
        published,
        published_from,
        paragraphs: paragraphs
            .into_iter()
            .map(|(a, b)| Span::new(a, b))
            .collect(),
        text,
        links,
        ..Default::default()
    })
}

/// The newest date among links to dated articles.
fn newest_linked_date(links: &[Link]) -> Option<String> {
    links
        .iter()
        .filter(|l| l.kind == LinkKind::Article)
        .filter_map(|l| l.date.clone())
        .max()
}

/// The outlet: named from its own URL's host, or, for a body with no URL,
/// from the host most of its links point to (sites link to themselves).
fn outlet_of(url: Option<&str>, links: &[Link]) -> Option<String> {
    let host = match url.and_then(links::host) {
        Some(h) => h,
        None => {
            let mut counts: Vec<(String, usize)> = Vec::new();
            for h in links.iter().filter_map(|l| links::host(&l.url)) {
                match counts.iter_mut().find(|(x, _)| *x == h) {
                    Some(c) => c.1 += 1,
                    None => counts.push((h, 1)),
                }
            }
            let (h, n) = counts.into_iter().max_by_key(|c| c.1)?;
            if n * 2 <= links.len() {
                return None;
            }
            h
        }
    };
    Some(links::outlet_name(&host).map_or(host, str::to_string))
}

/// A date written in metadata (`2024-12-04`, `2024-12-04T10:00:00+04:00`,
/// `Wed, 04 Dec 2024 10:00:00 GMT`, `December 4, 2024`) as `YYYY-MM-DD`.
pub fn normalise_date(s: &str) -> Option<String> {
    // One date reader for the whole pipeline (metadata and input alike);
    // documents are dated to the day.
    dyad_extract::normalise_date(s).map(|d| d[..10].to_string())
}

/// Plain text: paragraphs at blank lines, whitespace inside one collapsed.
fn plain_text(raw: &str) -> Extracted {
    let raw = raw.replace("\r\n", "\n").replace('\r', "\n");
    let mut text = String::with_capacity(raw.len());
    let mut paragraphs = Vec::new();
    let mut para = String::new();
    let mut flush = |para: &mut String, text: &mut String| {
        let p = para.split_whitespace().collect::<Vec<_>>().join(" ");
        para.clear();
        if p.is_empty() {
            return;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        let start = text.len();
        text.push_str(&p);
        paragraphs.push((start, text.len()));
    };
    for line in raw.lines() {
        if line.trim().is_empty() {
            flush(&mut para, &mut text);
        } else {
            para.push(' ');
            para.push_str(line);
        }
    }
    flush(&mut para, &mut text);
    Extracted {
        text,
        paragraphs,
        links: Vec::new(),
        meta: Default::default(),
    }
}

/// The first paragraph of a plain-text article when it reads as a headline:
/// short, one line, no closing full stop.
fn headline(text: &str, paragraphs: &[(usize, usize)]) -> Option<String> {
    let &(a, b) = paragraphs.first()?;
    let first = &text[a..b];
    let ends_like_sentence = first.ends_with(['.', '!', '?', '"', '”', ':']);
    (paragraphs.len() > 1 && first.chars().count() <= 200 && !ends_like_sentence)
        .then(|| first.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(body: Body) -> RawArticle {
        RawArticle {
            origin: Origin {
                path: "t".into(),
                line: None,
            },
            id: "t".into(),
            body,
            ..Default::default()
        }
    }

    #[test]
    fn plain_text_paragraphs_and_headline() {
        let d = build_document(raw(Body::Text(
            "Ministers meet in Geneva\n\nThe talks\nbegan on   Monday.\r\n\r\n\nThey ended late.\n"
                .into(),
        )))
        .unwrap();
        assert_eq!(
            d.text,
            "Ministers meet in Geneva\n\nThe talks began on Monday.\n\nThey ended late."
        );
        assert_eq!(d.paragraphs.len(), 3);
        assert_eq!(d.slice(d.paragraphs[1]), "The talks began on Monday.");
        assert_eq!(d.title.as_deref(), Some("Ministers meet in Geneva"));
        assert_eq!(d.published, None);
    }

    #[test]
    fn published_date_precedence() {
        let mut r = raw(Body::Html(
            "<p>See <a href=\"https://news.example/world/2024/03/02/older-story-here/\">this</a> and \
             <a href=\"https://news.example/world/2024/03/05/newer-story-here/\">that</a>.</p>"
                .into(),
        ));
        let d = build_document(r.clone()).unwrap();
        assert_eq!(d.published.as_deref(), Some("2024-03-05"));
        assert_eq!(d.published_from, Some(PublishedFrom::Links));
        assert_eq!(d.outlet.as_deref(), Some("news.example"));

        r.url = Some("https://news.example/world/2024/03/06/this-story/".into());
        let d = build_document(r.clone()).unwrap();
        assert_eq!(d.published.as_deref(), Some("2024-03-06"));
        assert_eq!(d.published_from, Some(PublishedFrom::Url));

        r.published = Some("2024-03-07T09:00:00Z".into());
        let d = build_document(r).unwrap();
        assert_eq!(d.published.as_deref(), Some("2024-03-07"));
        assert_eq!(d.published_from, Some(PublishedFrom::Input));
    }

    #[test]
    fn undated_text_is_dated_from_its_own_dates_else_left_undated() {
        // Dated links win over the text; with none, the text's dates.
        let d = build_document(raw(Body::Text(
            "Talks resumed\n\nThe ceasefire of March 3, 2021 held until Tuesday, \
             June 8, when fighting resumed."
                .into(),
        )))
        .unwrap();
        assert_eq!(d.published.as_deref(), Some("2021-06-08"));
        assert_eq!(d.published_from, Some(PublishedFrom::Inferred));
        let d = build_document(raw(Body::Text(
            "Talks resumed\n\nFighting resumed on Tuesday.".into(),
        )))
        .unwrap();
        assert_eq!(d.published, None);
        assert_eq!(d.published_from, None);
    }

    #[test]
    fn a_url_filed_by_month_dates_to_the_month_unless_a_day_in_it_is_known() {
        let mut r = raw(Body::Text(
            "Port strike ends\n\nDockers went back to work on Monday.".into(),
        ));
        r.url = Some("https://news.example/2017/04/port-strike-ends/".into());
        let d = build_document(r.clone()).unwrap();
        assert_eq!(d.published.as_deref(), Some("2017-04"));
        assert_eq!(d.published_from, Some(PublishedFrom::Url));
        // A full date in the text within that month is the better date.
        r.body = Body::Text("Port strike ends\n\nThe strike ended on April 11, 2017.".into());
        let d = build_document(r.clone()).unwrap();
        assert_eq!(d.published.as_deref(), Some("2017-04-11"));
        assert_eq!(d.published_from, Some(PublishedFrom::Inferred));
        // One outside it is an earlier event, not the publication day.
        r.body = Body::Text("Port strike ends\n\nThe strike began on May 2, 2016.".into());
        let d = build_document(r).unwrap();
        assert_eq!(d.published.as_deref(), Some("2017-04"));
    }

    #[test]
    fn dates_normalise() {
        assert_eq!(
            normalise_date("2024-12-04T10:00:00+04:00").as_deref(),
            Some("2024-12-04")
        );
        assert_eq!(
            normalise_date("Wed, 04 Dec 2024 10:00:00 GMT").as_deref(),
            Some("2024-12-04")
        );
        assert_eq!(
            normalise_date("December 4, 2024").as_deref(),
            Some("2024-12-04")
        );
        assert_eq!(normalise_date("yesterday"), None);
    }

    #[test]
    fn empty_extraction_is_an_error() {
        let e =
            build_document(raw(Body::Html("<script>var x;</script><p>  </p>".into()))).unwrap_err();
        assert_eq!(e.to_string(), "t: article body is empty");
    }
}
