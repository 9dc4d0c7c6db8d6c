//! HTML by hand: every value goes through [`esc`]; the page frame and the
//! filter form every listing page shares.

use std::fmt::Write;

use crate::params::Params;

/// Text or an attribute value, escaped.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON inside `<script type="application/json">`: nothing in it may close
/// the element.
pub(crate) fn script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

const NAV: &[(&str, &str)] = &[
    ("/", "Documents"),
    ("/events", "Events"),
    ("/network", "Network"),
    ("/timeline", "Timeline"),
    ("/map", "Map"),
];

/// A whole page.
pub(crate) fn page(title: &str, active: &str, body: &str) -> String {
    let mut nav = String::new();
    for (href, name) in NAV {
        let cur = if *href == active {
            r#" aria-current="page""#
        } else {
            ""
        };
        let _ = write!(nav, r#"<a href="{href}"{cur}>{name}</a>"#);
    }
    format!(
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{t} · dyad</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head><body>
<header><a class="brand" href="/">dyad</a><nav>{nav}</nav></header>
<main>
<h1>{t}</h1>
{body}
</main>
</body></html>
"#,
        t = esc(title)
    )
}

fn field(out: &mut String, p: &Params, name: &str, label: &str, hint: &str) {
    let v = p
        .pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or("");
    let _ = write!(
        out,
        r#"<label>{label}<input name="{name}" value="{}" placeholder="{}"></label>"#,
        esc(v),
        esc(hint)
    );
}

/// The event filter form (`dyad query`'s filters), filled from the request;
/// `extra` are hidden fields the page keeps (e.g. `by`).
pub(crate) fn filter_form(action: &str, p: &Params, extra: &[(&str, String)]) -> String {
    let mut f = format!(r#"<form class="filters" method="get" action="{action}">"#);
    field(&mut f, p, "actor", "Actor", "code or name");
    field(&mut f, p, "source", "Source", "e.g. KEN");
    field(&mut f, p, "target", "Target", "e.g. UGAGOV");
    field(&mut f, p, "code", "CAMEO code", "e.g. 19");
    let quad = p.filter.quad.first().copied().unwrap_or(0);
    let _ = write!(
        f,
        r#"<label>QuadClass<select name="quad"><option value="">any</option>"#
    );
    for (q, name) in [
        (1, "1 verbal cooperation"),
        (2, "2 material cooperation"),
        (3, "3 verbal conflict"),
        (4, "4 material conflict"),
    ] {
        let sel = if q == quad { " selected" } else { "" };
        let _ = write!(f, r#"<option value="{q}"{sel}>{name}</option>"#);
    }
    f.push_str("</select></label>");
    field(&mut f, p, "since", "Since", "YYYY-MM-DD");
    field(&mut f, p, "until", "Until", "YYYY-MM-DD");
    f.push_str(r#"<details><summary>More filters</summary>"#);
    field(&mut f, p, "dyad", "Dyad", "SOURCE,TARGET");
    field(&mut f, p, "root", "CAMEO root", "01-20");
    field(&mut f, p, "plover", "PLOVER type", "e.g. ASSAULT");
    field(&mut f, p, "country", "Country", "ISO alpha-2");
    field(&mut f, p, "place", "Place", "name");
    field(&mut f, p, "near", "Near", "LAT,LON,KM");
    field(&mut f, p, "outlet", "Outlet", "name");
    field(&mut f, p, "text", "Text", "full-text query");
    f.push_str("</details>");
    for (k, v) in extra {
        let _ = write!(
            f,
            r#"<input type="hidden" name="{}" value="{}">"#,
            esc(k),
            esc(v)
        );
    }
    f.push_str(r#"<button type="submit">Apply</button></form>"#);
    f
}

/// An error as a page.
pub(crate) fn error_page(e: &crate::ApiError) -> axum::response::Response {
    use axum::response::IntoResponse;
    let body = format!(
        r#"<p class="error" role="alert">{}</p><p><a href="/">Back to the documents</a></p>"#,
        esc(&e.message)
    );
    (
        e.status,
        axum::response::Html(page(
            e.status.canonical_reason().unwrap_or("Error"),
            "",
            &body,
        )),
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_values_is_escaped() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        let v = serde_json::json!({"t": "</script><b>"});
        assert!(!script_json(&v).contains("</script"));
    }
}
