//! The publication date inferred from an article's own text, for inputs
//! that carry none (no metadata, no date in the URL, no dated links).
//!
//! Two kinds of evidence, in this order:
//! 1. full dates the text writes ("November 19, 2019", "19 Nov 2019",
//!    "2019-11-19"), not after today;
//! 2. a weekday with a month and day but no year ("on Tuesday, November
//!    19"), when the text names years: the year near the newest one named in
//!    which that day is that weekday.
//!
//! The newest of these is a lower bound of the publication date and, in
//! news, usually the day itself or close to it.
//!
//! Nothing else is guessed: a lone weekday or a year alone is no date.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate, Weekday};
use regex::Regex;

const MONTH: &str = r"(?P<mon>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?|aug(?:ust|\.)?|sept?(?:ember|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)";
const WEEKDAY: &str = r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)";

fn month_number(m: &str) -> Option<u32> {
    let m = m.trim_end_matches('.');
    let p = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|x| m.starts_with(x))?;
    Some(p as u32 + 1)
}

fn weekday(w: &str) -> Option<Weekday> {
    w.parse::<Weekday>().ok()
}

/// "Month Day[, Year]" and "Day Month[ Year]", optionally after a weekday.
fn date_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| {
        let md = format!(
            r"(?i)\b(?:{WEEKDAY},?\s+)?(?:(?:the\s+)?{MONTH}\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y1>(?:19|20)\d\d)\b)?|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{m2}\b(?:,?\s+(?P<y2>(?:19|20)\d\d)\b)?)",
            m2 = MONTH.replace("?P<mon>", "?P<mon2>")
        );
        Regex::new(&md).expect("date pattern")
    })
}

fn iso_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)\b").expect("iso pattern"))
}

fn year_re() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(r"\b((?:19|20)\d\d)\b").expect("year pattern"))
}

/// The publication date a text implies (`YYYY-MM-DD`), if it implies one;
/// `today` bounds it (an article is never from the future).
pub fn infer_date(text: &str, today: NaiveDate) -> Option<String> {
    let mut full: Vec<NaiveDate> = Vec::new();
    let mut partial: Vec<(u32, u32, Weekday)> = Vec::new();
    for c in iso_re().captures_iter(text) {
        let (y, m, d) = (c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?);
        full.extend(NaiveDate::from_ymd_opt(y, m, d));
    }
    for c in date_re().captures_iter(text) {
        let mon = c.name("mon").or(c.name("mon2")).map(|m| m.as_str());
        let Some(mon) = mon.and_then(|m| month_number(&m.to_lowercase())) else {
            continue;
        };
        let day = c
            .name("d1")
            .or(c.name("d2"))
            .and_then(|d| d.as_str().parse().ok());
        let Some(day) = day else { continue };
        let year = c.name("y1").or(c.name("y2"));
        match year.and_then(|y| y.as_str().parse::<i32>().ok()) {
            Some(y) => full.extend(NaiveDate::from_ymd_opt(y, mon, day)),
            None => {
                if let Some(w) = c
                    .name("wd")
                    .and_then(|w| weekday(&w.as_str().to_lowercase()))
                {
                    partial.push((mon, day, w));
                }
            }
        }
    }
    full.retain(|d| *d <= today);
    let newest_year = year_re()
        .captures_iter(text)
        .filter_map(|c| c[1].parse::<i32>().ok())
        .filter(|y| *y <= today.year())
        .max();
    let resolved = newest_year.into_iter().flat_map(|y| {
        partial.iter().filter_map(move |&(m, d, w)| {
            [y, y + 1, y - 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
                .find(|date| date.weekday() == w && *date <= today)
        })
    });
    // The article is at least as new as the newest day it names.
    full.into_iter()
        .chain(resolved)
        .max()
        .map(|d| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 1).unwrap()
    }

    #[test]
    fn newest_full_date_wins() {
        let t = "The treaty of March 3, 2001 was cited. On 14 February 2011 the \
                 minister resigned, and the court sat on Feb. 2, 2011.";
        assert_eq!(infer_date(t, today()).as_deref(), Some("2011-02-14"));
    }

    #[test]
    fn iso_dates_count() {
        let t = "The filing (dated 2017-05-09) was released later.";
        assert_eq!(infer_date(t, today()).as_deref(), Some("2017-05-09"));
    }

    #[test]
    fn future_dates_are_no_evidence() {
        let t = "A vote is set for October 4, 2031. Talks began on May 2, 2022.";
        assert_eq!(infer_date(t, today()).as_deref(), Some("2022-05-02"));
    }

    #[test]
    fn weekday_with_month_and_day_takes_the_year_from_context() {
        // 12 March was a Thursday in 2015 (not in 2014 or 2016).
        let t = "The strike, which began in 2014, ended on Thursday, March 12, \
                 the union said.";
        assert_eq!(infer_date(t, today()).as_deref(), Some("2015-03-12"));
        let t = "Since 2015 the port has been closed. On Thursday, 12 March, it reopened.";
        assert_eq!(infer_date(t, today()).as_deref(), Some("2015-03-12"));
    }

    #[test]
    fn a_weekday_date_newer_than_the_full_dates_wins() {
        // 8 June 2021 was a Tuesday.
        let t = "The ceasefire of March 3, 2021 held until Tuesday, June 8.";
        assert_eq!(infer_date(t, today()).as_deref(), Some("2021-06-08"));
    }

    #[test]
    fn weekday_and_day_without_any_year_is_no_date() {
        let t = "The port reopened on Thursday, March 12, officials said.";
        assert_eq!(infer_date(t, today()), None);
    }

    #[test]
    fn no_dates_no_guess() {
        assert_eq!(
            infer_date("Officials met on Tuesday in 2012.", today()),
            None
        );
        assert_eq!(infer_date("Nothing dated here.", today()), None);
    }
}
