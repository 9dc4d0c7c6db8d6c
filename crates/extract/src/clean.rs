//! Main-content selection and boilerplate pruning for full pages.
//!
//! Readability finds the article container; it still keeps captions,
//! galleries, "related" lists, share bars, bylines, date lines and the like.
//! [`prune`] removes those by generic signals (tag, hidden state, class/id
//! vocabulary, link density) and [`drop_boilerplate_lines`] removes whole
//! paragraphs that are call-to-action or date/credit lines.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};
use url::Url;

use crate::Extracted;

/// The article container of a full page, as a fragment document.
pub(crate) fn main_content(html: &str, doc: Document, base: Option<&Url>) -> Document {
    let cfg = Config {
        keep_classes: true,
        disable_json_ld: true,
        ..Default::default()
    };
    let base_s = base.map(|u| u.to_string());
    let article = Readability::with_document(doc, base_s.as_deref(), Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok());
    let content = match article {
        Some(a) => Document::fragment(a.content),
        None => Document::from(html),
    };
    let root = content.root();
    keep_first_article(&content);
    let total = text_len(&root);
    prune(&root, total, 0);
    content
}

fn text_len(n: &NodeRef) -> usize {
    n.text().chars().filter(|c| !c.is_whitespace()).count()
}

/// Class/id vocabulary of boilerplate blocks (matched as substrings).
const BAD_SUBSTR: &[&str] = &[
    "caption",
    "credit",
    "gallery",
    "slideshow",
    "carousel",
    "related",
    "share",
    "sharing",
    "social",
    "newsletter",
    "subscri",
    "signup",
    "sign-up",
    "comment",
    "footer",
    "promo",
    "advert",
    "sponsor",
    "byline",
    "author",
    "dateline",
    "timestamp",
    "breadcrumb",
    "popup",
    "popover",
    "modal",
    "tooltip",
    "hovercard",
    "rollover",
    "recommend",
    "outbrain",
    "taboola",
    "more-stories",
    "read-more",
    "readmore",
    "see-also",
    "toolbar",
    "sidebar",
    "masthead",
    "copyright",
    "paywall",
    "cookie",
    "pagination",
    "tags",
    "keywords",
];

/// Whole class/id tokens (after splitting on `-`, `_`, space) of boilerplate.
const BAD_TOKEN: &[&str] = &[
    "ad",
    "ads",
    "adv",
    "nav",
    "menu",
    "bio",
    "tag",
    "date",
    "time",
    "meta",
    "hidden",
    "hide",
    "print",
    "email",
    "follow",
    "widget",
    "rail",
    "photo",
    "image",
    "img",
    "video",
    "player",
    "media",
    "figure",
    "thumbnail",
    "thumb",
    "published",
    "updated",
    "posted",
    "disclaimer",
];

fn bad_names(node: &NodeRef) -> bool {
    let mut names = String::new();
    if let Some(c) = node.attr("class") {
        names.push_str(&c);
    }
    if let Some(i) = node.attr("id") {
        names.push(' ');
        names.push_str(&i);
    }
    if names.is_empty() {
        return false;
    }
    let names = names.to_ascii_lowercase();
    // embedded posts quoted by the article are content
    if names.contains("tweet") {
        return false;
    }
    names
        .split_ascii_whitespace()
        // state modifiers ("has-post-thumbnail", "is-video") say nothing
        .filter(|n| {
            !["has-", "is-", "with-", "no-", "has_", "is_"]
                .iter()
                .any(|p| n.starts_with(p))
        })
        .any(|n| {
            BAD_SUBSTR.iter().any(|b| n.contains(b))
                || n.split(|c: char| !c.is_ascii_alphanumeric())
                    .any(|t| BAD_TOKEN.contains(&t))
        })
}

fn hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node
        .attr("aria-hidden")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    node.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let s = s.to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// Remove boilerplate below `node`; returns (text chars, link text chars)
/// of what is left.
fn prune(node: &NodeRef, total: usize, depth: usize) -> (usize, usize) {
    if node.is_text() {
        let n = node.text().chars().filter(|c| !c.is_whitespace()).count();
        return (n, 0);
    }
    if !(node.is_element() || node.is_document() || node.is_fragment()) {
        return (0, 0);
    }
    let name = node
        .qual_name_ref()
        .map(|q| q.local.to_string())
        .unwrap_or_default();
    if node.is_element() && depth > 0 {
        let drop_tag = matches!(
            name.as_str(),
            "figure" | "figcaption" | "aside" | "nav" | "footer" | "form" | "button" | "header"
        );
        let table_part = matches!(name.as_str(), "tr" | "td" | "th" | "tbody" | "thead");
        if drop_tag
            || hidden(node)
            || (!table_part && bad_names(node) && text_len(node) * 2 < total)
        {
            debug_removed(node, "tag/hidden/names");
            node.remove_from_parent();
            return (0, 0);
        }
    }
    let (mut t, mut l) = (0, 0);
    for ch in node.children() {
        let (ct, cl) = prune(&ch, total, depth + 1);
        t += ct;
        l += cl;
    }
    if name == "a" {
        l = t;
    }
    // Link-heavy lists and blocks: "related stories", tag clouds, menus.
    if depth > 0
        && t > 0
        && matches!(
            name.as_str(),
            "ul" | "ol" | "div" | "section" | "table" | "dl"
        )
        && (l as f64) > 0.6 * t as f64
        && t * 3 < total
    {
        debug_removed(node, "links");
        node.remove_from_parent();
        return (0, 0);
    }
    (t, l)
}

/// Drop whole paragraphs that are boilerplate lines, fixing link offsets.
pub(crate) fn drop_boilerplate_lines(ex: Extracted) -> Extracted {
    let mut in_list = false;
    let mut li = 0;
    let keep: Vec<bool> = ex
        .paragraphs
        .iter()
        .map(|&(a, b)| {
            let p = &ex.text[a..b];
            let words = p.split_whitespace().count();
            // link coverage of this paragraph
            while li < ex.links.len() && ex.links[li].end <= a {
                li += 1;
            }
            let (mut linked, mut nlinks) = (0, 0);
            for l in ex.links[li..].iter().take_while(|l| l.start < b) {
                // Links can nest or overlap: a later one may end before `a`.
                linked += l.end.min(b).saturating_sub(l.start.max(a));
                nlinks += 1;
            }
            // "— Name (@handle) date" closes an embedded post: content
            let attribution = p.starts_with('—') || p.starts_with("- ");
            if !attribution && words < 40 && nlinks > 0 && linked * 10 >= (b - a) * 9 {
                return false;
            }
            if !attribution && nlinks >= 2 && linked * 10 >= (b - a) * 7 {
                return false;
            }
            if in_list {
                if words < 15 {
                    return false;
                }
                in_list = false;
            }
            if words <= 6 && list_heading(p) {
                in_list = true;
                return false;
            }
            attribution || !boilerplate_line(p, words)
        })
        .collect();
    if keep.iter().all(|k| *k) {
        return ex;
    }
    let mut text = String::with_capacity(ex.text.len());
    let mut paragraphs = Vec::new();
    // (old start, old end, new start) of kept paragraphs
    let mut map = Vec::new();
    for (&(a, b), k) in ex.paragraphs.iter().zip(&keep) {
        if !k {
            continue;
        }
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        map.push((a, b, text.len()));
        paragraphs.push((text.len(), text.len() + b - a));
        text.push_str(&ex.text[a..b]);
    }
    let locate = |pos: usize| {
        // last kept paragraph starting at or before `pos`, if `pos` is inside it
        let i = map.partition_point(|&(a, _, _)| a <= pos).checked_sub(1)?;
        (pos <= map[i].1).then_some(i)
    };
    let mut links = Vec::new();
    for l in ex.links {
        let (Some(i), Some(j)) = (locate(l.start), locate(l.end)) else {
            continue;
        };
        // every paragraph the link crosses must be kept and contiguous
        if map[j].0 - map[i].0 != map[j].2 - map[i].2 {
            continue;
        }
        let start = l.start - map[i].0 + map[i].2;
        let end = l.end - map[j].0 + map[j].2;
        links.push(crate::RawLink {
            text: text[start..end].to_string(),
            href: l.href,
            start,
            end,
        });
    }
    Extracted {
        text,
        paragraphs,
        links,
        meta: ex.meta,
    }
}

const CTA_PREFIXES: &[&str] = &[
    "related:",
    "related ",
    "read more",
    "see more",
    "see also",
    "more:",
    "sign up",
    "subscribe",
    "click here",
    "follow us",
    "follow him",
    "follow her",
    "share this",
    "share on",
    "image ",
    "photo:",
    "photos:",
    "picture:",
    "credit:",
    "(image",
    "(photo",
    "image credit",
    "published",
    "updated",
    "posted",
    "last updated",
    "copyright",
    "©",
    "all rights reserved",
    "advertisement",
    "get the",
    "download the",
    "email ",
    "watch:",
    "listen:",
    "citation:",
];

/// Headings that introduce a list of other stories.
fn list_heading(p: &str) -> bool {
    let lower = p.to_lowercase();
    let lower = lower.trim_end_matches(['.', ':', '…', '!', ' ']);
    [
        "you may also like",
        "you might also like",
        "related",
        "related stories",
        "related articles",
        "related content",
        "related coverage",
        "related links",
        "more stories",
        "more from",
        "recommended",
        "recommended for you",
        "most popular",
        "most read",
        "trending",
        "read more",
        "read next",
        "more on this story",
        "also read",
        "see also",
    ]
    .iter()
    .any(|h| lower == *h || (h.len() > 8 && lower.starts_with(h)))
}

/// Phrases that mark a short line as a call to action or a credit.
const CTA_ANYWHERE: &[&str] = &[
    "click here",
    "follow us on",
    "follow him on",
    "follow her on",
    "follow me on",
    "sign up for",
    "subscribe to our",
    "all rights reserved",
    "getty images",
    "shutterstock",
    "(ap photo",
    "image credit",
    "photo credit",
    "(image:",
];

/// A paragraph that is a call to action, credit or date line.
fn boilerplate_line(p: &str, words: usize) -> bool {
    if words > 30 {
        return false;
    }
    let lower = p.to_lowercase();
    if CTA_ANYWHERE.iter().any(|c| lower.contains(c)) {
        return true;
    }
    if words > 25 {
        return false;
    }
    if CTA_PREFIXES.iter().any(|c| lower.starts_with(c)) {
        return true;
    }
    if lower.starts_with("tags") || lower.starts_with("tagged") {
        return true;
    }
    // "By Jane Doe - 11/18/19 11:04 PM EST" style bylines.
    if words <= 12 && lower.starts_with("by ") {
        return true;
    }
    date_line(p, words)
}

/// A short line made mostly of a date or time.
fn date_line(p: &str, words: usize) -> bool {
    if words > 12 {
        return false;
    }
    let b = p.as_bytes();
    let has_time = b.windows(4).any(|w| {
        w[0].is_ascii_digit() && w[1] == b':' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    }) || b.windows(5).any(|w| {
        w[1].is_ascii_digit() && w[2] == b':' && w[3].is_ascii_digit() && w[4].is_ascii_digit()
    });
    let has_year = p
        .split(|c: char| !c.is_ascii_digit())
        .any(|d| d.len() == 4 && (d.starts_with("19") || d.starts_with("20")));
    if !(has_time || has_year) {
        return false;
    }
    // letters outside English month/weekday names and am/pm/time zones
    let letters: usize = p
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .filter(|w| {
            let l = w.to_lowercase();
            let date_word = (l.len() >= 3
                && [
                    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov",
                    "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
                ]
                .iter()
                .any(|m| l.starts_with(m)))
                || [
                    "am", "pm", "a", "p", "m", "gmt", "utc", "est", "edt", "cst", "cdt", "pst",
                    "pdt", "bst", "ist", "hst", "at", "on",
                ]
                .contains(&l.as_str());
            !date_word
        })
        .map(|w| w.chars().count())
        .sum();
    let digits = p.chars().filter(|c| c.is_ascii_digit()).count();
    digits >= 4 && digits * 3 >= letters
}

fn debug_removed(node: &NodeRef, why: &str) {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    if *ON.get_or_init(|| std::env::var_os("DYAD_PRUNE_DEBUG").is_some()) {
        let t: String = node.text().split_whitespace().collect::<Vec<_>>().join(" ");
        eprintln!(
            "PRUNE {why} <{} class={:?} id={:?}> {}",
            node.node_name().unwrap_or_default(),
            node.attr("class").unwrap_or_default(),
            node.attr("id").unwrap_or_default(),
            t.chars().take(100).collect::<String>()
        );
    }
}

/// A container holding several sibling `<article>`s is a story followed by
/// teasers of other stories: keep the first substantial one (at least a
/// tenth as long as the longest).
fn keep_first_article(content: &Document) {
    let arts = content.select("article").nodes().to_vec();
    if arts.len() < 2 {
        return;
    }
    let parent = arts[0].parent().map(|p| p.id);
    let siblings: Vec<_> = arts
        .iter()
        .filter(|a| a.parent().map(|p| p.id) == parent)
        .map(|a| (a, text_len(a)))
        .collect();
    if siblings.len() < 2 {
        return;
    }
    let max = siblings.iter().map(|s| s.1).max().unwrap_or(0);
    let Some(keep) = siblings.iter().position(|s| s.1 * 10 >= max) else {
        return;
    };
    for (i, (a, _)) in siblings.iter().enumerate() {
        if i != keep {
            debug_removed(a, "other article");
            a.remove_from_parent();
        }
    }
}
