//! Page metadata: meta tags, JSON-LD, `<time>`, `<title>`.

use dom_query::Document;
use serde_json::Value;

use crate::PageMeta;

/// Meta keys giving the publication date, most trusted first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "og:published_time",
    "article:published",
    "datepublished",
    "published_time",
    "publishdate",
    "publish-date",
    "publish_date",
    "publication_date",
    "parsely-pub-date",
    "sailthru.date",
    "date",
    "pubdate",
    "dc.date.issued",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "dc.date.created",
    "article.published",
    "originalpublicationdate",
    "og:updated_time",
];

#[derive(Default)]
struct Metas(Vec<(String, String)>);

impl Metas {
    fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.trim())
    }
}

fn clean(s: &str) -> Option<String> {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() {
        None
    } else {
        Some(s)
    }
}

/// Everything the page says about itself. Call before any mutation.
pub(crate) fn page_meta(doc: &Document) -> PageMeta {
    let mut metas = Metas::default();
    for m in doc.select("meta").nodes() {
        let key = m
            .attr("property")
            .or_else(|| m.attr("name"))
            .or_else(|| m.attr("itemprop"))
            .or_else(|| m.attr("http-equiv"));
        let val = m.attr("content").or_else(|| m.attr("datetime"));
        if let (Some(k), Some(v)) = (key, val) {
            metas.0.push((k.trim().to_ascii_lowercase(), v.to_string()));
        }
    }
    let mut ld: Vec<Value> = Vec::new();
    for s in doc.select(r#"script[type="application/ld+json"]"#).nodes() {
        let t = s.text();
        if let Ok(v) = serde_json::from_str::<Value>(t.trim()) {
            ld.push(v);
        }
    }
    let ld_items = flatten_ld(&ld);

    let site_name = metas
        .get("og:site_name")
        .and_then(clean)
        .or_else(|| ld_find(&ld_items, &["publisher", "name"]))
        .or_else(|| metas.get("application-name").and_then(clean));

    let title_raw = metas
        .get("og:title")
        .and_then(clean)
        .or_else(|| ld_find(&ld_items, &["headline"]))
        .or_else(|| {
            doc.select("title")
                .nodes()
                .first()
                .and_then(|n| clean(&n.text()))
        })
        .or_else(|| {
            doc.select("h1")
                .nodes()
                .first()
                .and_then(|n| clean(&n.text()))
        });
    let title = title_raw.map(|t| strip_site(&t, site_name.as_deref()));

    let mut published = DATE_KEYS
        .iter()
        .filter_map(|k| metas.get(k))
        .find_map(normalise_date);
    if published.is_none() {
        published = ld_find(&ld_items, &["datePublished"])
            .or_else(|| ld_find(&ld_items, &["dateCreated"]))
            .and_then(|d| normalise_date(&d));
    }
    if published.is_none() {
        for sel in [
            "[itemprop=datePublished]",
            "article header time[datetime]",
            "header time[datetime]",
            "article time[datetime]",
            "time[pubdate]",
            "time[datetime]",
        ] {
            let found = doc.select(sel).nodes().iter().find_map(|n| {
                n.attr("datetime")
                    .or_else(|| n.attr("content"))
                    .and_then(|d| normalise_date(&d))
            });
            if found.is_some() {
                published = found;
                break;
            }
        }
    }

    let url = doc
        .select(r#"link[rel="canonical"]"#)
        .nodes()
        .iter()
        .find_map(|n| n.attr("href").and_then(|h| clean(&h)))
        .or_else(|| metas.get("og:url").and_then(clean));

    let author = metas
        .get("author")
        .filter(|a| !a.starts_with("http"))
        .and_then(clean)
        .or_else(|| ld_author(&ld_items))
        .or_else(|| {
            [
                "article:author",
                "dc.creator",
                "parsely-author",
                "sailthru.author",
            ]
            .iter()
            .filter_map(|k| metas.get(k))
            .find(|a| !a.starts_with("http"))
            .and_then(clean)
        });

    let lang = doc
        .select("html")
        .nodes()
        .first()
        .and_then(|n| n.attr("lang"))
        .and_then(|l| clean(&l))
        .or_else(|| metas.get("content-language").and_then(clean))
        .or_else(|| metas.get("og:locale").map(|l| l.replace('_', "-")));

    let description = metas
        .get("og:description")
        .or_else(|| metas.get("description"))
        .or_else(|| metas.get("twitter:description"))
        .and_then(clean)
        .or_else(|| ld_find(&ld_items, &["description"]));

    PageMeta {
        title,
        site_name,
        published,
        url,
        author,
        lang,
        description,
    }
}

/// All JSON-LD objects, with `@graph` members and arrays flattened.
fn flatten_ld(roots: &[Value]) -> Vec<&Value> {
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a Value>) {
        match v {
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            Value::Object(o) => {
                out.push(v);
                if let Some(g) = o.get("@graph") {
                    walk(g, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for r in roots {
        walk(r, &mut out);
    }
    // Article-typed objects first.
    out.sort_by_key(|v| !is_article(v));
    out
}

fn is_article(v: &Value) -> bool {
    let t = match v.get("@type") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        _ => return false,
    };
    t.contains("Article") || t.contains("Posting") || t.contains("Report")
}

fn ld_find(items: &[&Value], path: &[&str]) -> Option<String> {
    items.iter().find_map(|v| {
        let mut cur = *v;
        for p in path {
            cur = cur.get(p)?;
            if let Value::Array(a) = cur {
                cur = a.first()?;
            }
        }
        cur.as_str().and_then(clean)
    })
}

fn ld_author(items: &[&Value]) -> Option<String> {
    items.iter().find_map(|v| {
        let a = v.get("author")?;
        let a = match a {
            Value::Array(x) => x.first()?,
            x => x,
        };
        match a {
            Value::String(s) => clean(s),
            Value::Object(o) => o.get("name").and_then(|n| n.as_str()).and_then(clean),
            _ => None,
        }
    })
}

/// Remove a trailing " | Site" / " - Site" when it names the site.
fn strip_site(title: &str, site: Option<&str>) -> String {
    let Some(site) = site else {
        return title.to_string();
    };
    let site_l = site.to_lowercase();
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " : "] {
        if let Some(i) = title.rfind(sep) {
            let tail = title[i + sep.len()..].trim().to_lowercase();
            if !tail.is_empty() && (tail == site_l || site_l.starts_with(&tail)) && i > 0 {
                return title[..i].trim().to_string();
            }
        }
    }
    title.to_string()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

fn digits(s: &str) -> Option<u32> {
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if (1900..=2200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) {
        Some(format!("{y:04}-{m:02}-{d:02}"))
    } else {
        None
    }
}

/// Normalise a date string to `YYYY-MM-DD` or an RFC 3339 datetime.
pub fn normalise_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    // ISO 8601: YYYY-MM-DD[THH:MM[:SS[.fff]][Z|±HH[:]MM]] (also with '/' or '.')
    if b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && matches!(b[4], b'-' | b'/' | b'.')
        && b[7] == b[4]
    {
        // Byte positions may fall inside a multi-byte character in junk
        // input: `get` says None there instead of panicking.
        let date = ymd(
            digits(s.get(..4)?)?,
            digits(s.get(5..7)?)?,
            digits(s.get(8..10)?)?,
        )?;
        let rest = s.get(10..)?;
        if let Some(t) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) {
            if let Some(rfc) = rfc3339_time(t) {
                return Some(format!("{date}T{rfc}"));
            }
        }
        return Some(date);
    }
    // YYYYMMDD
    if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && (b.len() == 8 || !b[8].is_ascii_digit())
    {
        return ymd(digits(&s[..4])?, digits(&s[4..6])?, digits(&s[6..8])?);
    }
    // "Mon, 18 Nov 2019 ..." / "18 November 2019" / "November 18, 2019"
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect();
    let month_of = |w: &str| {
        MONTHS
            .iter()
            .position(|m| w.len() >= 3 && w.starts_with(m))
            .map(|i| i as u32 + 1)
    };
    for i in 0..words.len() {
        if let Some(m) = month_of(&words[i]) {
            let day_before = i
                .checked_sub(1)
                .and_then(|j| digits(words[j].trim_end_matches('.')));
            let after = words
                .get(i + 1)
                .map(|w| w.trim_end_matches(['.', 's', 't', 'h', 'n', 'd', 'r']));
            let (d, yidx) = match (day_before, after.and_then(digits)) {
                (Some(d), _) if d <= 31 => (d, i + 1),
                (_, Some(d)) if d <= 31 => (d, i + 2),
                _ => continue,
            };
            if let Some(y) = words.get(yidx).and_then(|w| digits(w)) {
                return ymd(y, m, d);
            }
        }
    }
    None
}

fn rfc3339_time(t: &str) -> Option<String> {
    let b = t.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let hh = digits(t.get(..2)?)?;
    let mm = digits(t.get(3..5)?)?;
    let mut i = 5;
    let mut ss = 0;
    if b.len() >= 8 && b[5] == b':' {
        ss = digits(t.get(6..8)?)?;
        i = 8;
    }
    if b.len() > i && b[i] == b'.' {
        i += 1;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let tz = t.get(i..)?.trim();
    let tz = if tz == "Z"
        || tz == "z"
        || tz.eq_ignore_ascii_case("utc")
        || tz.eq_ignore_ascii_case("gmt")
    {
        "Z".to_string()
    } else {
        let tb = tz.as_bytes();
        if tb.is_empty() || !matches!(tb[0], b'+' | b'-') {
            return None;
        }
        let sign = tb[0] as char;
        let rest: String = tz[1..].chars().filter(|c| c.is_ascii_digit()).collect();
        match rest.len() {
            4 => format!("{sign}{}:{}", &rest[..2], &rest[2..]),
            2 => format!("{sign}{rest}:00"),
            _ => return None,
        }
    };
    Some(format!("{hh:02}:{mm:02}:{ss:02}{tz}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn junk_with_multibyte_characters_is_no_date_and_no_panic() {
        for junk in [
            "2025-13-\u{fffd}5",
            "2025-01-0\u{fffd}",
            "2025-01-02T09:42:\u{fffd}\u{fffd}00+00:00",
            "2025-01-02T0\u{e9}:00",
        ] {
            let _ = normalise_date(junk);
        }
        assert_eq!(normalise_date("2025-13-\u{fffd}5"), None);
        assert_eq!(
            normalise_date("2025-01-02T09:42:\u{fffd}\u{fffd}00+00:00").as_deref(),
            Some("2025-01-02")
        );
    }

    #[test]
    fn dates() {
        assert_eq!(
            normalise_date("2019-11-18T14:05:00+0000").as_deref(),
            Some("2019-11-18T14:05:00+00:00")
        );
        assert_eq!(
            normalise_date("2019-11-18T14:05:00.123Z").as_deref(),
            Some("2019-11-18T14:05:00Z")
        );
        assert_eq!(normalise_date("2019-11-18").as_deref(), Some("2019-11-18"));
        assert_eq!(
            normalise_date("2019-11-18T14:05").as_deref(),
            Some("2019-11-18")
        );
        assert_eq!(normalise_date("20191118").as_deref(), Some("2019-11-18"));
        assert_eq!(
            normalise_date("Mon, 18 Nov 2019 14:05:00 GMT").as_deref(),
            Some("2019-11-18")
        );
        assert_eq!(
            normalise_date("November 18, 2019").as_deref(),
            Some("2019-11-18")
        );
        assert_eq!(normalise_date("soon"), None);
    }

    #[test]
    fn site_suffix() {
        assert_eq!(
            strip_site("Big news | The Site", Some("The Site")),
            "Big news"
        );
        assert_eq!(strip_site("Big news - Site", Some("Site")), "Big news");
        assert_eq!(strip_site("Big - news", Some("Other")), "Big - news");
    }
}
