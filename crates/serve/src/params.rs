//! Query-string parameters: `dyad query`'s filters plus each route's own
//! (paging and the like). An unknown parameter or a bad value is a 400
//! naming it; an empty value (a blank form field) is no filter.

use std::collections::BTreeMap;

use dyad_store::query::Filter;

use crate::error::ApiError;

/// A request's parameters: the event filter and the route's own ones.
#[derive(Debug, Default)]
pub(crate) struct Params {
    pub filter: Filter,
    pub own: BTreeMap<String, String>,
    /// The non-empty pairs as given, to carry a filter into links.
    pub pairs: Vec<(String, String)>,
}

/// Read a raw query string. `filters`: whether the event filters apply;
/// `own`: the route's own parameters.
pub(crate) fn parse(raw: Option<&str>, filters: bool, own: &[&str]) -> Result<Params, ApiError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or(""))
        .map_err(|e| ApiError::new(axum::http::StatusCode::BAD_REQUEST, e.to_string()))?;
    let mut p = Params::default();
    for (k, v) in pairs {
        if v.trim().is_empty() && k != "one_a_day" {
            continue;
        }
        if own.contains(&k.as_str()) {
            p.own.insert(k.clone(), v.clone());
        } else if !(filters && p.filter.set(&k, &v)?) {
            return Err(ApiError::bad_param(
                &k,
                format!(
                    "{k}: unknown parameter (this route takes {})",
                    known(filters, own)
                ),
            ));
        }
        p.pairs.push((k, v));
    }
    Ok(p)
}

fn known(filters: bool, own: &[&str]) -> String {
    let mut all: Vec<&str> = own.to_vec();
    if filters {
        all.extend(Filter::PARAMS);
    }
    if all.is_empty() {
        "none".into()
    } else {
        all.join(", ")
    }
}

impl Params {
    /// A number parameter, at most `max`.
    pub fn number(&self, name: &str, default: usize, max: usize) -> Result<usize, ApiError> {
        match self.own.get(name) {
            None => Ok(default),
            Some(v) => match v.trim().parse::<usize>() {
                Ok(n) if n <= max => Ok(n),
                Ok(_) => Err(ApiError::bad_param(name, format!("{name}: at most {max}"))),
                Err(_) => Err(ApiError::bad_param(
                    name,
                    format!("{name}: {v:?} is not a whole number"),
                )),
            },
        }
    }

    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        match self.own.get(name).map(|s| s.trim()) {
            None | Some("0" | "false" | "no") => Ok(false),
            Some("" | "1" | "true" | "yes") => Ok(true),
            Some(v) => Err(ApiError::bad_param(
                name,
                format!("{name}: {v:?}: expected true or false"),
            )),
        }
    }

    pub fn text(&self, name: &str) -> Option<String> {
        self.own.get(name).map(|s| s.trim().to_string())
    }

    /// One of `choices`, else the first.
    pub fn choice(&self, name: &str, choices: &[&str]) -> Result<String, ApiError> {
        match self.own.get(name) {
            None => Ok(choices[0].to_string()),
            Some(v) if choices.contains(&v.as_str()) => Ok(v.clone()),
            Some(v) => Err(ApiError::bad_param(
                name,
                format!("{name}: {v:?}: expected {}", choices.join(", ")),
            )),
        }
    }

    /// A date parameter (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub fn date(&self, name: &str) -> Result<Option<String>, ApiError> {
        match self.own.get(name) {
            None => Ok(None),
            Some(v) if dyad_store::day::parse(v.trim()).is_some() => Ok(Some(v.trim().into())),
            Some(v) => Err(ApiError::bad_param(
                name,
                format!("{name}: {v:?} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)"),
            )),
        }
    }

    /// The pairs as a query string, with `set` replacing (or, with an empty
    /// value, removing) parameters.
    pub fn query_with(&self, set: &[(&str, &str)]) -> String {
        let mut pairs: Vec<(String, String)> = self
            .pairs
            .iter()
            .filter(|(k, _)| !set.iter().any(|(s, _)| s == k))
            .cloned()
            .collect();
        for (k, v) in set {
            if !v.is_empty() {
                pairs.push((k.to_string(), v.to_string()));
            }
        }
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }

    /// The filter's pairs alone (no paging), as a query string.
    pub fn filter_query(&self) -> String {
        let pairs: Vec<&(String, String)> = self
            .pairs
            .iter()
            .filter(|(k, _)| Filter::PARAMS.contains(&k.as_str()))
            .collect();
        serde_urlencoded::to_string(&pairs).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_filter_names_its_parameter() {
        let e = parse(Some("source=KEN&since=yesterday"), true, &[]).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("since"));
        let e = parse(Some("quad=7"), true, &[]).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("quad"));
        let e = parse(Some("colour=red"), true, &["limit"]).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("colour"));
        assert!(e.message.contains("limit"), "{}", e.message);
    }

    #[test]
    fn filters_and_own_parameters_are_read_and_blanks_skipped() {
        let p = parse(
            Some("source=KEN&source=UGA&quad=4&until=2031-05&limit=20&target="),
            true,
            &["limit"],
        )
        .unwrap();
        assert_eq!(p.filter.source, ["KEN", "UGA"]);
        assert_eq!(p.filter.quad, [4]);
        assert_eq!(p.filter.until.as_deref(), Some("2031-05"));
        assert!(p.filter.target.is_empty());
        assert_eq!(p.number("limit", 100, 1000).unwrap(), 20);
        let e = p.number("limit", 100, 10).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("limit"));
        assert_eq!(
            p.query_with(&[("limit", "")]),
            "source=KEN&source=UGA&quad=4&until=2031-05"
        );
    }

    #[test]
    fn a_route_without_filters_refuses_them() {
        let e = parse(Some("source=KEN"), false, &["search"]).unwrap_err();
        assert_eq!(e.param.as_deref(), Some("source"));
    }
}
