//! What a URL says: the kind of page it points at, the date in it, its site.

use dyad_document::LinkKind;

/// Path segments that mark index pages rather than stories.
const INDEX_SEGMENTS: &[&str] = &[
    "tag",
    "tags",
    "topic",
    "topics",
    "category",
    "categories",
    "section",
    "sections",
    "author",
    "authors",
    "people",
    "person",
    "profile",
    "subject",
    "subjects",
    "keyword",
    "keywords",
    "hub",
    "label",
    "labels",
    "series",
    "search",
    "archive",
    "archives",
    "collections",
];

/// Hosts whose pages are never news stories of the outlet.
const SOCIAL_HOSTS: &[&str] = &[
    "twitter.com",
    "x.com",
    "facebook.com",
    "instagram.com",
    "t.me",
    "telegram.me",
    "youtube.com",
    "youtu.be",
    "tiktok.com",
    "linkedin.com",
    "whatsapp.com",
    "wa.me",
    "reddit.com",
];

/// The date written in a URL path: `/2024/12/04/`, `/2024/dec/04/`,
/// `/2024-12-04/`, `/20241204/` (validated, so ids and prices are not taken
/// for dates).
pub fn url_date(url: &str) -> Option<String> {
    let path = url_path(url);
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for w in segs.windows(3) {
        let month = num(w[1], 2).or_else(|| month_name(w[1]));
        if let (Some(y), Some(m), Some(d)) = (num(w[0], 4), month, num_day(w[2])) {
            if let Some(date) = ymd(y, m, d) {
                return Some(date);
            }
        }
    }
    for s in &segs {
        // 2024-12-04 or 20241204, alone or leading a slug.
        let b = s.as_bytes();
        if b.len() >= 10 && b[4] == b'-' && b[7] == b'-' {
            if let (Some(y), Some(m), Some(d)) =
                (num(&s[0..4], 4), num(&s[5..7], 2), num(&s[8..10], 2))
            {
                if b.len() == 10 || !b[10].is_ascii_digit() {
                    if let Some(date) = ymd(y, m, d) {
                        return Some(date);
                    }
                }
            }
        }
        if b.len() >= 8
            && b[..8].iter().all(u8::is_ascii_digit)
            && (b.len() == 8 || !b[8].is_ascii_digit())
        {
            if let (Some(y), Some(m), Some(d)) =
                (num(&s[0..4], 4), num(&s[4..6], 2), num(&s[6..8], 2))
            {
                if let Some(date) = ymd(y, m, d) {
                    return Some(date);
                }
            }
        }
    }
    None
}

/// The month a URL's path is filed under when it names no day:
/// `/2019/11/slug`, `/2019/nov/slug`, `/2019-11-slug` (`YYYY-MM`). Many
/// outlets file stories by month; the month is still the story's month.
pub fn url_month(url: &str) -> Option<String> {
    let path = url_path(url);
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let ym = |y: u32, m: u32| {
        ((1990..=2100).contains(&y) && (1..=12).contains(&m)).then(|| format!("{y}-{m:02}"))
    };
    for (i, w) in segs.iter().enumerate() {
        let Some(y) = num(w, 4) else {
            // 2019-11-some-slug (but not 2019-11-04, a day, nor 2019-1100).
            let b = w.as_bytes();
            if b.len() > 8 && b[4] == b'-' && b[7] == b'-' && !b[8].is_ascii_digit() {
                if let (Some(y), Some(m)) = (num(&w[0..4], 4), num(&w[5..7], 2)) {
                    return ym(y, m);
                }
            }
            continue;
        };
        let Some(next) = segs.get(i + 1) else {
            continue;
        };
        let m = num(next, 2).or_else(|| month_name(next));
        // A day after the month makes it a full date, which `url_date` reads.
        let day_follows = segs.get(i + 2).is_some_and(|d| num_day(d).is_some());
        if let (Some(m), false) = (m, day_follows) {
            return ym(y, m);
        }
    }
    None
}

/// "nov" or "november" as a month number (URL segments are lower-cased by
/// most outlets; compared without case).
fn month_name(s: &str) -> Option<u32> {
    let s = s.to_ascii_lowercase();
    dyad_document::calendar::MONTHS
        .iter()
        .position(|m| {
            s == m.to_ascii_lowercase() || (s.len() == 3 && m.to_ascii_lowercase().starts_with(&s))
        })
        .map(|p| p as u32 + 1)
}

fn num(s: &str, len: usize) -> Option<u32> {
    (s.len() == len && s.bytes().all(|b| b.is_ascii_digit()))
        .then(|| s.parse().ok())
        .flatten()
}

fn num_day(s: &str) -> Option<u32> {
    // `/2024/12/04/` and also `/2024/12/4/`.
    (1..=2)
        .contains(&s.len())
        .then(|| s.parse().ok())
        .flatten()
        .filter(|_| s.bytes().all(|b| b.is_ascii_digit()))
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1990..=2100).contains(&y) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(y as i32, m, d).map(|d| d.format("%Y-%m-%d").to_string())
}

fn url_path(url: &str) -> &str {
    let no_scheme = url.split_once("://").map_or(url, |(_, r)| r);
    let path = if url.contains("://") {
        no_scheme.find('/').map_or("", |i| &no_scheme[i..])
    } else {
        no_scheme
    };
    path.split(['?', '#']).next().unwrap_or("")
}

/// The host of a URL without `www.`, lower-cased.
pub fn host(url: &str) -> Option<String> {
    let u = url::Url::parse(url).ok()?;
    let h = u.host_str()?.to_lowercase();
    Some(h.strip_prefix("www.").unwrap_or(&h).to_string())
}

/// Judge what a link points at from its URL alone.
pub fn link_kind(url: &str) -> LinkKind {
    let lower = url.to_lowercase();
    if lower.starts_with("mailto:") || lower.starts_with("tel:") || lower.starts_with("javascript:")
    {
        return LinkKind::Other;
    }
    if let Some(h) = host(&lower) {
        if SOCIAL_HOSTS
            .iter()
            .any(|s| h == *s || h.ends_with(&format!(".{s}")))
        {
            return LinkKind::Other;
        }
    }
    let path = url_path(&lower);
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs.is_empty() {
        return LinkKind::Other;
    }
    let last = *segs.last().unwrap_or(&"");
    if [
        ".pdf", ".jpg", ".jpeg", ".png", ".gif", ".mp3", ".mp4", ".zip", ".doc", ".docx", ".xls",
    ]
    .iter()
    .any(|e| last.ends_with(e))
    {
        return LinkKind::Other;
    }
    if segs.iter().any(|s| INDEX_SEGMENTS.contains(s)) && url_date(url).is_none() {
        return LinkKind::Tag;
    }
    let slug_words = last
        .trim_end_matches(".html")
        .trim_end_matches(".htm")
        .trim_end_matches(".shtml")
        .split(['-', '_'])
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .count();
    let long_id = last.chars().filter(|c| c.is_ascii_digit()).count() >= 5;
    if url_date(url).is_some() || slug_words >= 3 || long_id {
        LinkKind::Article
    } else {
        LinkKind::Other
    }
}

/// A human name for an outlet's host, from the outlets dictionary.
pub fn outlet_name(host: &str) -> Option<&'static str> {
    outlets()
        .iter()
        .find(|(h, _)| host == *h || host.ends_with(&format!(".{h}")))
        .map(|(_, n)| *n)
}

fn outlets() -> &'static [(&'static str, &'static str)] {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, &'static str)>> =
        std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        include_str!("../data/outlets.tsv")
            .lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .filter_map(|l| l.split_once('\t'))
            .map(|(h, n)| (h.trim(), n.trim()))
            .collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_urls() {
        assert_eq!(
            url_date("https://ex.example/news/mena/2024/12/02/some-slug/").as_deref(),
            Some("2024-12-02")
        );
        assert_eq!(
            url_date("https://ex.example/2023-03-09-talks-resume").as_deref(),
            Some("2023-03-09")
        );
        assert_eq!(
            url_date("https://ex.example/world/20220131/story.html").as_deref(),
            Some("2022-01-31")
        );
        assert_eq!(
            url_date("https://ex.example/2024/02/30/x"),
            None,
            "no 30 February"
        );
        assert_eq!(url_date("https://ex.example/item/12345678901"), None);
        assert_eq!(url_date("https://ex.example/tags/syria/"), None);
        assert_eq!(
            url_date("https://ex.example/2024/12/04/x?d=2025/01/01").as_deref(),
            Some("2024-12-04")
        );
    }

    #[test]
    fn month_names_in_dated_paths() {
        assert_eq!(
            url_date("https://ex.example/world/2021/mar/07/ferry-sinks").as_deref(),
            Some("2021-03-07")
        );
        assert_eq!(
            url_date("https://ex.example/a/2021/September/7/b").as_deref(),
            Some("2021-09-07")
        );
        assert_eq!(url_date("https://ex.example/2021/mars/07/b"), None);
    }

    #[test]
    fn months_in_urls() {
        assert_eq!(
            url_month("https://ex.example/politics/2016/03/vote-delayed/").as_deref(),
            Some("2016-03")
        );
        assert_eq!(
            url_month("https://ex.example/2016/03/vote-delayed.html").as_deref(),
            Some("2016-03")
        );
        assert_eq!(
            url_month("https://ex.example/news/2016/dec/vote-delayed").as_deref(),
            Some("2016-12")
        );
        assert_eq!(
            url_month("https://ex.example/news/2016-12-vote-delayed.html").as_deref(),
            Some("2016-12")
        );
        // Not months: a full date is url_date's; a year alone, ids, no 13th month.
        assert_eq!(url_month("https://ex.example/2016/03/04/x"), None);
        assert_eq!(url_month("https://ex.example/2016-03-04-x"), None);
        assert_eq!(url_month("https://ex.example/review-2016/x"), None);
        assert_eq!(url_month("https://ex.example/2016/13/x"), None);
        assert_eq!(url_month("https://ex.example/item/4417/12/x"), None);
        assert_eq!(url_month("https://ex.example/2016/x/03"), None);
    }

    #[test]
    fn kinds_of_links() {
        assert_eq!(link_kind("https://ex.example/tags/syria/"), LinkKind::Tag);
        assert_eq!(
            link_kind("https://ex.example/topic/elections"),
            LinkKind::Tag
        );
        assert_eq!(
            link_kind("https://ex.example/author/jane-doe"),
            LinkKind::Tag
        );
        assert_eq!(
            link_kind("https://ex.example/news/2024/12/02/rebels-take-the-city/"),
            LinkKind::Article
        );
        assert_eq!(
            link_kind("https://ex.example/world/rebels-take-the-city-of-x"),
            LinkKind::Article
        );
        assert_eq!(link_kind("https://ex.example/"), LinkKind::Other);
        assert_eq!(link_kind("https://ex.example/report.pdf"), LinkKind::Other);
        assert_eq!(link_kind("mailto:desk@ex.example"), LinkKind::Other);
        assert_eq!(
            link_kind("https://twitter.com/someone/status/123456789"),
            LinkKind::Other
        );
    }

    #[test]
    fn outlets_by_host() {
        assert_eq!(
            host("https://www.Reuters.com/world/x").as_deref(),
            Some("reuters.com")
        );
        assert_eq!(outlet_name("reuters.com"), Some("Reuters"));
        assert_eq!(outlet_name("edition.cnn.com"), Some("CNN"));
        assert_eq!(outlet_name("unknown.example"), None);
    }
}
