//! Days as integers (days since 1970-01-01), so date windows and periods are
//! arithmetic in SQL.

/// Day number of a civil date (proleptic Gregorian).
pub fn from_ymd(y: i64, m: u32, d: u32) -> i64 {
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

/// The civil date of a day number.
pub fn to_ymd(z: i64) -> (i64, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// `YYYY-MM-DD` of a day number.
pub fn iso(z: i64) -> String {
    let (y, m, d) = to_ymd(z);
    format!("{y:04}-{m:02}-{d:02}")
}

/// A date value's precision and first day: `2024-12-04` (day), `2024-12`
/// (month), `2024` (year); anything longer (`2024-12-04T10:00Z`) is read by
/// its date part. Intervals (`a/b`) give their start.
pub fn parse(s: &str) -> Option<(i64, Precision)> {
    let s = s.split('/').next()?.trim();
    let date = s.get(..10.min(s.len()))?;
    let mut it = date.split('-');
    let y: i64 = it.next()?.parse().ok()?;
    if !(1..=9999).contains(&y) {
        return None;
    }
    let Some(m) = it.next() else {
        return Some((from_ymd(y, 1, 1), Precision::Year));
    };
    let m: u32 = m.get(..2)?.parse().ok()?;
    if !(1..=12).contains(&m) {
        return None;
    }
    let Some(d) = it.next() else {
        return Some((from_ymd(y, m, 1), Precision::Month));
    };
    let d: u32 = d.get(..2)?.parse().ok()?;
    if !(1..=31).contains(&d) {
        return None;
    }
    Some((from_ymd(y, m, d), Precision::Day))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    Day,
    Month,
    Year,
}

/// Last day of the period a value starts.
fn period_end(start: i64, p: Precision) -> i64 {
    let (y, m, _) = to_ymd(start);
    match p {
        Precision::Day => start,
        Precision::Month => {
            let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            from_ymd(ny, nm, 1) - 1
        }
        Precision::Year => from_ymd(y + 1, 1, 1) - 1,
    }
}

/// The day an event is counted on: its own date when that names a day;
/// for a month or a year, the publication day when it falls in that period
/// (a story about "this month" is dated when it is published), else the
/// period's first day; with no date, the publication day.
pub fn event_day(date: Option<&str>, published: Option<i64>) -> Option<i64> {
    match date.and_then(parse) {
        Some((d, Precision::Day)) => Some(d),
        Some((start, p)) => match published {
            Some(pd) if pd >= start && pd <= period_end(start, p) => Some(pd),
            _ => Some(start),
        },
        None => published,
    }
}

/// Monday of the ISO week a day is in (1970-01-01 was a Thursday).
pub fn week_start(z: i64) -> i64 {
    z - (z + 3).rem_euclid(7)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_trip_and_periods() {
        assert_eq!(from_ymd(1970, 1, 1), 0);
        assert_eq!(iso(from_ymd(2024, 2, 29)), "2024-02-29");
        for z in [-1000, 0, 19000, 20000, 30000] {
            let (y, m, d) = to_ymd(z);
            assert_eq!(from_ymd(y, m, d), z);
        }
        assert_eq!(parse("2024-12-04T08:00:00Z").unwrap().1, Precision::Day);
        assert_eq!(
            parse("2024-11-25/2024-12-01").unwrap().0,
            from_ymd(2024, 11, 25)
        );
        assert!(parse("yesterday").is_none());
        // 2024-12-04 was a Wednesday: its week starts on Monday the 2nd.
        assert_eq!(iso(week_start(from_ymd(2024, 12, 4))), "2024-12-02");
        assert_eq!(iso(week_start(from_ymd(2024, 12, 2))), "2024-12-02");
        let pub_day = from_ymd(2024, 7, 15);
        assert_eq!(event_day(Some("2024-07"), Some(pub_day)), Some(pub_day));
        assert_eq!(
            event_day(Some("2011"), Some(pub_day)),
            Some(from_ymd(2011, 1, 1))
        );
        assert_eq!(event_day(None, Some(pub_day)), Some(pub_day));
        assert_eq!(event_day(None, None), None);
    }
}
