//! Small shared helpers: dates, codes, comments.

use chrono::NaiveDate;

/// Whether `s` is 3 to 15 capital ASCII letters (a CAMEO code).
pub(crate) fn is_code(s: &str) -> bool {
    (3..=15).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_uppercase())
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn last_day_of_month(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

/// A dyad date `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. `end` picks the last day of
/// a year or month (for the closing end of a range), else the first.
pub(crate) fn dyad_date(s: &str, end: bool) -> Result<NaiveDate, String> {
    let bad = || format!("bad date {s:?}: want YYYY, YYYY-MM or YYYY-MM-DD");
    let parts: Vec<&str> = s.split('-').collect();
    let widths = [4, 2, 2];
    if parts.is_empty() || parts.len() > 3 {
        return Err(bad());
    }
    for (p, w) in parts.iter().zip(widths) {
        if p.len() != w || !all_digits(p) {
            return Err(bad());
        }
    }
    let y: i32 = parts[0].parse().map_err(|_| bad())?;
    let impossible = || format!("impossible date {s:?}");
    match parts.len() {
        1 => {
            let d = if end {
                NaiveDate::from_ymd_opt(y, 12, 31)
            } else {
                NaiveDate::from_ymd_opt(y, 1, 1)
            };
            d.ok_or_else(impossible)
        }
        2 => {
            let m: u32 = parts[1].parse().map_err(|_| bad())?;
            let d = if end {
                last_day_of_month(y, m).filter(|_| (1..=12).contains(&m))
            } else {
                NaiveDate::from_ymd_opt(y, m, 1)
            };
            d.ok_or_else(impossible)
        }
        _ => {
            let m: u32 = parts[1].parse().map_err(|_| bad())?;
            let d: u32 = parts[2].parse().map_err(|_| bad())?;
            NaiveDate::from_ymd_opt(y, m, d).ok_or_else(impossible)
        }
    }
}

/// A dyad range `[FROM]..[TO]`, dates as in [`dyad_date`].
pub(crate) type Range = (Option<NaiveDate>, Option<NaiveDate>);

pub(crate) fn dyad_range(s: &str) -> Result<Range, String> {
    let Some((a, b)) = s.split_once("..") else {
        return Err(format!("bad range {s:?}: want FROM..TO"));
    };
    let from = if a.is_empty() {
        None
    } else {
        Some(dyad_date(a, false)?)
    };
    let to = if b.is_empty() {
        None
    } else {
        Some(dyad_date(b, true)?)
    };
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("range ends before it starts: {s:?}"));
        }
    }
    Ok((from, to))
}

/// A PETRARCH date: `YYMMDD` (00-29 → 20xx, 30-99 → 19xx) or `YYYYMMDD`.
pub(crate) fn petrarch_date(s: &str) -> Result<NaiveDate, String> {
    if !all_digits(s) {
        return Err(format!("bad date {s:?}: want YYMMDD or YYYYMMDD"));
    }
    let (y, rest) = match s.len() {
        6 => {
            let yy: i32 = s[..2].parse().unwrap_or(0);
            (if yy < 30 { 2000 + yy } else { 1900 + yy }, &s[2..])
        }
        8 => (s[..4].parse().unwrap_or(0), &s[4..]),
        n => {
            return Err(format!(
                "date {s:?} has {n} digits: want YYMMDD or YYYYMMDD"
            ))
        }
    };
    let m: u32 = rest[..2].parse().unwrap_or(0);
    let d: u32 = rest[2..].parse().unwrap_or(0);
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("impossible date {s:?}"))
}

/// Cuts a PETRARCH comment: everything from the first `#`.
pub(crate) fn cut_hash(line: &str) -> &str {
    match line.find('#') {
        Some(i) => &line[..i],
        None => line,
    }
}

/// A PETRARCH phrase as dyad writes names: `_` becomes a space, a trailing
/// `_` (whole word) is dropped, runs of blanks become one space.
pub(crate) fn petrarch_phrase(s: &str) -> String {
    let s = s.trim().trim_end_matches('_');
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c == '_' || c.is_whitespace()) {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn dyad_dates() {
        assert_eq!(dyad_date("2000", false), Ok(d(2000, 1, 1)));
        assert_eq!(dyad_date("2000", true), Ok(d(2000, 12, 31)));
        assert_eq!(dyad_date("2024-02", true), Ok(d(2024, 2, 29)));
        assert_eq!(dyad_date("2024-12", true), Ok(d(2024, 12, 31)));
        assert_eq!(dyad_date("2024-12-08", true), Ok(d(2024, 12, 8)));
        assert!(dyad_date("2024-13", false).is_err());
        assert!(dyad_date("2024-02-30", false).is_err());
        assert!(dyad_date("24-02-03", false).is_err());
        assert_eq!(dyad_range("..1999"), Ok((None, Some(d(1999, 12, 31)))));
        assert_eq!(dyad_range(".."), Ok((None, None)));
        assert!(dyad_range("2001..2000").is_err());
        assert!(dyad_range("2000-05..2000").is_ok());
    }

    #[test]
    fn petrarch_dates() {
        assert_eq!(petrarch_date("290101"), Ok(d(2029, 1, 1)));
        assert_eq!(petrarch_date("300101"), Ok(d(1930, 1, 1)));
        assert_eq!(petrarch_date("000229"), Ok(d(2000, 2, 29)));
        assert_eq!(petrarch_date("19411207"), Ok(d(1941, 12, 7)));
        assert!(petrarch_date("2004017").is_err());
        assert!(petrarch_date("201005011").is_err());
        assert!(petrarch_date("100931").is_err());
        assert!(petrarch_date("1a0101").is_err());
    }

    #[test]
    fn phrases() {
        assert_eq!(petrarch_phrase("AFGHANISTAN_ "), "AFGHANISTAN");
        assert_eq!(petrarch_phrase("CARLOS SANTOS_CRUZ_"), "CARLOS SANTOS CRUZ");
        assert_eq!(petrarch_phrase("SAMOA,_AMERICAN_"), "SAMOA, AMERICAN");
        assert!(is_code("SYRGOV"));
        assert!(!is_code("SY"));
        assert!(!is_code("pse"));
        assert!(!is_code("NGOCHRPRO214"));
    }
}
