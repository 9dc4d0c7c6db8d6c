//! Token patterns for time expressions, and their resolution against an
//! anchor date.
//!
//! Patterns work on the segmenter's tokens ("Dec.", "2024-12-04" and
//! "mid-2023" are one token each) compared case-insensitively, so nothing is
//! allocated per sentence; the part-of-speech tags only settle a few
//! ambiguous words ("May" the month or the modal, a year or a count).

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use dyad_document::{TimeKind, Token};

/// A calendar unit, as words name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Weekend,
    Month,
    Year,
    Decade,
}

/// What an expression says, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Core {
    /// "December 4", "4 December 2024", "2024-12-04".
    Day {
        y: Option<i32>,
        m: u32,
        d: u32,
    },
    /// "October", "December 2024", "last October" (`rel` -1 last, 1 next).
    Month {
        y: Option<i32>,
        m: u32,
        rel: i8,
    },
    Year(i32),
    /// "the 1990s" (the first year).
    Decade(i32),
    /// "Sunday", "last Sunday" (`rel` -1 last, 0 unmarked, 1 next, 2 this).
    Weekday {
        wd: Weekday,
        rel: i8,
    },
    /// "yesterday" (-1), "today" (0), "tomorrow" (1).
    Offset(i64),
    /// "last week" (-1), "this year" (0), "next month" (1).
    Calendar {
        unit: Unit,
        delta: i32,
    },
    /// "two weeks ago".
    Ago {
        n: u32,
        unit: Unit,
    },
    /// "the past year", "the last two weeks".
    Past {
        n: u32,
        unit: Unit,
    },
    /// "recent days".
    Recent(Unit),
}

impl Core {
    /// Whether the value depends on when the text was written.
    pub(crate) fn relative(self) -> bool {
        !matches!(
            self,
            Core::Day { y: Some(_), .. }
                | Core::Month { y: Some(_), .. }
                | Core::Year(_)
                | Core::Decade(_)
        )
    }

    /// Whether only the year is missing ("July 25", "in October"): a
    /// publication month resolves it, where a weekday needs the day.
    pub(crate) fn needs_only_year(self) -> bool {
        matches!(
            self,
            Core::Day { y: None, .. }
                | Core::Month {
                    y: None,
                    rel: 0,
                    ..
                }
        )
    }

    /// Whether tense can flip it between the past and the future.
    pub(crate) fn tense_sensitive(self) -> bool {
        matches!(
            self,
            Core::Day { y: None, .. }
                | Core::Month {
                    y: None,
                    rel: 0,
                    ..
                }
                | Core::Weekday { rel: 0, .. }
        )
    }
}

/// One expression found in a sentence: tokens `first..last` (indices into
/// the sentence's tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Match {
    pub first: usize,
    pub last: usize,
    pub core: Core,
    /// Introduced by "since": the start of an open stretch.
    pub since: bool,
    /// Hedged ("about", "a few") or loose by nature ("two weeks ago").
    pub approximate: bool,
}

use dyad_document::calendar::MONTHS;
const MONTH_ABBR: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];
const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];
const NUMBERS: [&str; 12] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve",
];
/// Prepositions kept as part of an expression ("in 2011", "since 2017").
const PREPS: [&str; 6] = ["in", "on", "since", "during", "over", "throughout"];
/// Words before a bare year that make it a year rather than a count.
const YEAR_BEFORE: [&str; 18] = [
    "the", "of", "between", "and", "or", "to", "until", "till", "before", "after", "by", "from",
    "through", "around", "early", "late", ",", "(",
];
/// Words after a number that make it a clock time or a quantity.
const NOT_YEAR_AFTER: [&str; 8] = ["gmt", "utc", "gst", "est", "hours", "hrs", "local", "am"];

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn in_list(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

/// Month number and whether the word is the full name (abbreviations count
/// only beside a day or a year).
fn month(w: &str) -> Option<(u32, bool)> {
    if !capitalised(w) {
        return None;
    }
    let bare = w.strip_suffix('.').unwrap_or(w);
    if let Some(i) = MONTHS.iter().position(|m| bare.eq_ignore_ascii_case(m)) {
        return Some((i as u32 + 1, !w.ends_with('.')));
    }
    if bare.eq_ignore_ascii_case("sept") {
        return Some((9, false));
    }
    MONTH_ABBR
        .iter()
        .position(|m| bare.eq_ignore_ascii_case(m))
        .map(|i| (i as u32 + 1, false))
}

fn weekday(w: &str) -> Option<Weekday> {
    if !capitalised(w) {
        return None;
    }
    WEEKDAYS
        .iter()
        .find(|(n, _)| w.eq_ignore_ascii_case(n))
        .map(|&(_, d)| d)
}

fn all_digits(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// A plausible year: four digits, 1800-2100.
fn year(w: &str) -> Option<i32> {
    if w.len() != 4 || !all_digits(w) {
        return None;
    }
    w.parse().ok().filter(|y| (1800..=2100).contains(y))
}

/// "1990s" -> 1990.
fn decade(w: &str) -> Option<i32> {
    let y = year(w.strip_suffix('s')?)?;
    (y % 10 == 0).then_some(y)
}

/// A day of the month: "4", "04", "4th".
fn day(w: &str) -> Option<u32> {
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    if digits.len() > 2 || !all_digits(digits) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// `YYYY-MM-DD`.
fn iso(w: &str) -> Option<(i32, u32, u32)> {
    let b = w.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (year(&w[..4])?, &w[5..7], &w[8..]);
    if !all_digits(m) || !all_digits(d) {
        return None;
    }
    Some((y, m.parse().ok()?, d.parse().ok()?))
}

fn unit(w: &str) -> Option<Unit> {
    let s = w.strip_suffix('s').unwrap_or(w);
    [
        ("day", Unit::Day),
        ("week", Unit::Week),
        ("weekend", Unit::Weekend),
        ("month", Unit::Month),
        ("year", Unit::Year),
        ("decade", Unit::Decade),
    ]
    .iter()
    .find(|(n, _)| s.eq_ignore_ascii_case(n))
    .map(|&(_, u)| u)
}

/// Could this token be part of a time expression? Every expression holds
/// one such word, so a sentence without any is skipped at once.
pub(crate) fn is_anchor(w: &str) -> bool {
    w.as_bytes().first().is_some_and(u8::is_ascii_digit)
        || month(w).is_some()
        || weekday(w).is_some()
        || unit(w).is_some()
        || in_list(w, &["yesterday", "today", "tomorrow", "tonight"])
        || w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("mid-"))
}

/// A sentence's tokens with their words.
pub(crate) struct Words<'a> {
    pub text: &'a str,
    pub toks: &'a [Token],
}

impl Words<'_> {
    fn w(&self, j: usize) -> &str {
        self.toks.get(j).map_or("", |t| &self.text[t.span.range()])
    }
    fn is(&self, j: usize, s: &str) -> bool {
        self.w(j).eq_ignore_ascii_case(s)
    }
    fn any(&self, j: usize, list: &[&str]) -> bool {
        in_list(self.w(j), list)
    }
    fn tag(&self, j: usize) -> &str {
        self.toks.get(j).map_or("", |t| t.tag)
    }

    /// A count: "two", "3", "a", "a few", "several", "a couple of"; with
    /// whether it is vague and where it ends.
    fn count(&self, j: usize) -> Option<(u32, bool, usize)> {
        let w = self.w(j);
        if all_digits(w) && w.len() <= 3 {
            return Some((w.parse().ok()?, false, j + 1));
        }
        if let Some(i) = NUMBERS.iter().position(|n| w.eq_ignore_ascii_case(n)) {
            return Some((i as u32 + 1, false, j + 1));
        }
        if self.any(j, &["a", "an"]) {
            if self.is(j + 1, "few") {
                return Some((3, true, j + 2));
            }
            if self.is(j + 1, "couple") {
                let k = if self.is(j + 2, "of") { j + 3 } else { j + 2 };
                return Some((2, true, k));
            }
            return Some((1, false, j + 1));
        }
        if self.any(j, &["few", "several"]) {
            return Some((3, true, j + 1));
        }
        None
    }

    /// "[N] unit(s)" after "the past" / "the last".
    fn past_form(&self, j: usize) -> Option<(Core, bool, usize)> {
        let (n, vague, k) = self.count(j).unwrap_or((1, false, j));
        let u = unit(self.w(k))?;
        Some((Core::Past { n, unit: u }, vague, k + 1))
    }

    /// The expression proper at `j`: its meaning, whether it is vague, and
    /// where it ends.
    fn core(&self, j: usize) -> Option<(Core, bool, usize)> {
        let w = self.w(j);
        if w.is_empty() {
            return None;
        }
        let mid = w.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("mid-"));
        if let Some(rest) = w.get(4..).filter(|r| mid && !r.is_empty()) {
            if let Some(y) = year(rest) {
                return Some((Core::Year(y), false, j + 1));
            }
            let (m, _) = month(rest)?;
            let y = year(self.w(j + 1));
            let end = if y.is_some() { j + 2 } else { j + 1 };
            return Some((Core::Month { y, m, rel: 0 }, false, end));
        }
        if let Some((y, m, d)) = iso(w) {
            return Some((Core::Day { y: Some(y), m, d }, false, j + 1));
        }
        if self.is(j, "the") {
            if let Some(y) = decade(self.w(j + 1)) {
                return Some((Core::Decade(y), false, j + 2));
            }
            if self.any(j + 1, &["past", "last", "previous"]) {
                return self.past_form(j + 2);
            }
            if self.is(j + 1, "recent") {
                let u = unit(self.w(j + 2))?;
                return Some((Core::Recent(u), true, j + 3));
            }
            return None;
        }
        if self.any(j, &["last", "this", "next", "past", "previous", "coming"]) {
            if j > 0 && self.any(j - 1, &["the", "that", "a"]) {
                // "the next year", "that last week": relative to a time the
                // story tells of, not to the publication.
                return None;
            }
            let delta = if self.any(j, &["last", "past", "previous"]) {
                -1
            } else if self.is(j, "this") {
                0
            } else {
                1
            };
            let n = self.w(j + 1);
            if let Some(u) = unit(n) {
                if n.ends_with('s') || self.is(j, "past") {
                    // "last two weeks", "past year": a stretch up to now.
                    return self.past_form(j + 1);
                }
                return Some((Core::Calendar { unit: u, delta }, false, j + 2));
            }
            if self.count(j + 1).is_some() && !self.any(j + 1, &["a", "an"]) {
                return self.past_form(j + 1);
            }
            if let Some(wd) = weekday(n) {
                let rel = if delta == 0 { 2 } else { delta as i8 };
                return Some((Core::Weekday { wd, rel }, false, j + 2));
            }
            if let Some((m, true)) = month(n) {
                let rel = delta as i8;
                return Some((Core::Month { y: None, m, rel }, false, j + 2));
            }
            return None;
        }
        if self.is(j, "recent") {
            let u = unit(self.w(j + 1))?;
            return Some((Core::Recent(u), true, j + 2));
        }
        for (word, off) in [
            ("yesterday", -1),
            ("today", 0),
            ("tonight", 0),
            ("tomorrow", 1),
        ] {
            if w.eq_ignore_ascii_case(word) {
                return Some((Core::Offset(off), false, j + 1));
            }
        }
        if let Some(wd) = weekday(w) {
            if j > 0 && self.tag(j - 1).starts_with("NNP") {
                // A name: "Black Friday", "Super Tuesday".
                return None;
            }
            let end = if self.any(j + 1, &["morning", "afternoon", "evening", "night"]) {
                j + 2
            } else {
                j + 1
            };
            return Some((Core::Weekday { wd, rel: 0 }, false, end));
        }
        if let Some((m, full)) = month(w) {
            if let Some(d) = day(self.w(j + 1)) {
                let k = j + 2;
                if self.is(k, ",") && year(self.w(k + 1)).is_some() {
                    let y = year(self.w(k + 1));
                    return Some((Core::Day { y, m, d }, false, k + 2));
                }
                let y = year(self.w(k));
                let end = if y.is_some() { k + 1 } else { k };
                return Some((Core::Day { y, m, d }, false, end));
            }
            // "October 2006", "October of 2006".
            let of = usize::from(self.is(j + 1, "of"));
            if let Some(y) = year(self.w(j + 1 + of)) {
                return Some((
                    Core::Month {
                        y: Some(y),
                        m,
                        rel: 0,
                    },
                    false,
                    j + 2 + of,
                ));
            }
            // "May" and "March" are also a modal and a verb or noun.
            if full && (!matches!(m, 3 | 5) || self.tag(j) == "NNP") {
                return Some((Core::Month { y: None, m, rel: 0 }, false, j + 1));
            }
            return None;
        }
        if let Some(d) = day(w) {
            if let Some((m, _)) = month(self.w(j + 1)) {
                let y = year(self.w(j + 2));
                let end = if y.is_some() { j + 3 } else { j + 2 };
                return Some((Core::Day { y, m, d }, false, end));
            }
        }
        if let Some(y) = year(w) {
            return Some((Core::Year(y), false, j + 1));
        }
        if let Some(y) = decade(w) {
            return Some((Core::Decade(y), false, j + 1));
        }
        let (n, vague, k) = self.count(j)?;
        let u = unit(self.w(k))?;
        if !self.is(k + 1, "ago") {
            return None;
        }
        Some((Core::Ago { n, unit: u }, vague, k + 2))
    }

    /// The expression starting at token `i`, with its preposition and
    /// hedges.
    pub(crate) fn at(&self, i: usize) -> Option<Match> {
        let mut j = i;
        let prep = PREPS.iter().copied().find(|p| self.is(j, p));
        if prep.is_some() {
            j += 1;
        }
        let mut approximate = false;
        if self.any(
            j,
            &[
                "about",
                "around",
                "approximately",
                "roughly",
                "nearly",
                "almost",
            ],
        ) {
            approximate = true;
            j += 1;
        }
        if self.any(j, &["early", "late", "mid", "earlier", "later"]) {
            j += 1;
        }
        let (core, vague, end) = self.core(j)?;
        if matches!(core, Core::Calendar { .. } | Core::Past { .. }) && self.part_of(end) {
            return None;
        }
        if let Core::Year(_) = core {
            if !self.year_in_context(i, j, prep) {
                return None;
            }
        }
        let loose = matches!(
            core,
            Core::Ago {
                unit: Unit::Week | Unit::Decade,
                ..
            }
        );
        Some(Match {
            first: i,
            last: end,
            core,
            since: prep == Some("since"),
            approximate: approximate || vague || loose,
        })
    }

    /// "of the festival", "of October": the unit is a part of something
    /// named after it ("the last week of October"), not a stretch up to now.
    fn part_of(&self, end: usize) -> bool {
        self.is(end, "of")
            && (self.any(
                end + 1,
                &["the", "this", "that", "its", "his", "her", "their"],
            ) || month(self.w(end + 1)).is_some()
                || year(self.w(end + 1)).is_some())
    }

    /// A bare four-digit number at `j` is a year only in a year's company:
    /// "in 2011", "the 2011 uprising"; not "2000 fighters", "at 2000 GMT",
    /// "Resolution 2042".
    fn year_in_context(&self, i: usize, j: usize, prep: Option<&str>) -> bool {
        if self.any(j + 1, &NOT_YEAR_AFTER) {
            return false;
        }
        let year_prep = matches!(prep, Some("in" | "since" | "during" | "throughout"));
        if self.tag(j + 1).starts_with("NNS") && !year_prep {
            return false;
        }
        if j > i {
            // Hedges and "early"/"late" alone do not make a count a year.
            return year_prep || self.any(j - 1, &["early", "late", "mid"]);
        }
        i == 0 || self.any(i - 1, &YEAR_BEFORE) || self.tag(i - 1) == "``"
    }
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn ym(d: NaiveDate) -> String {
    d.format("%Y-%m").to_string()
}

fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(d.weekday().num_days_from_monday() as u64)
}

fn add_days(d: NaiveDate, n: i64) -> NaiveDate {
    if n >= 0 {
        d + Days::new(n as u64)
    } else {
        d - Days::new(n.unsigned_abs())
    }
}

fn add_months(d: NaiveDate, n: i32) -> Option<NaiveDate> {
    if n >= 0 {
        d.checked_add_months(Months::new(n as u32))
    } else {
        d.checked_sub_months(Months::new(n.unsigned_abs()))
    }
}

/// A resolved value: kind, value, and whether it is approximate by nature.
pub(crate) struct Value {
    pub kind: TimeKind,
    pub value: Option<String>,
    pub approximate: bool,
}

impl Value {
    fn of(kind: TimeKind, value: String) -> Value {
        Value {
            kind,
            value: Some(value),
            approximate: false,
        }
    }
    fn rough(self) -> Value {
        Value {
            approximate: true,
            ..self
        }
    }
}

/// Resolve `core` against `anchor` (the publication date); `future` when
/// the clause speaks of what will happen, so "in October" means the next
/// October rather than the last.
pub(crate) fn resolve(core: Core, anchor: Option<NaiveDate>, future: bool) -> Value {
    let unresolved = || Value {
        kind: TimeKind::Relative,
        value: None,
        approximate: false,
    };
    // An impossible date ("February 30, 2024") keeps its kind, no value.
    let absolute = |kind, v: Option<String>| match v {
        Some(v) => Value::of(kind, v),
        None => Value {
            kind,
            ..unresolved()
        },
    };
    match core {
        Core::Day { y: Some(y), m, d } => {
            absolute(TimeKind::Date, NaiveDate::from_ymd_opt(y, m, d).map(ymd))
        }
        Core::Month { y: Some(y), m, .. } => {
            absolute(TimeKind::Month, NaiveDate::from_ymd_opt(y, m, 1).map(ym))
        }
        Core::Year(y) => Value::of(TimeKind::Year, y.to_string()),
        Core::Decade(y) => Value::of(TimeKind::Decade, format!("{y}/{}", y + 9)),
        _ => {
            let Some(a) = anchor else {
                return unresolved();
            };
            relative(core, a, future).unwrap_or_else(unresolved)
        }
    }
}

fn relative(core: Core, a: NaiveDate, future: bool) -> Option<Value> {
    use TimeKind::*;
    let y = a.year();
    Some(match core {
        Core::Day { m, d, .. } => {
            let this = NaiveDate::from_ymd_opt(y, m, d)?;
            let year = match (future, this > a, this < a) {
                (false, true, _) => y - 1,
                (true, _, true) => y + 1,
                _ => y,
            };
            Value::of(Date, ymd(NaiveDate::from_ymd_opt(year, m, d)?))
        }
        Core::Month { m, rel, .. } => {
            let am = a.month();
            let year = match (rel, future) {
                (-1, _) if m >= am => y - 1,
                (1, _) if m <= am => y + 1,
                (0, false) if m > am => y - 1,
                (0, true) if m < am => y + 1,
                _ => y,
            };
            Value::of(Month, format!("{year}-{m:02}"))
        }
        Core::Weekday { wd, rel } => {
            let (from, to) = (
                a.weekday().num_days_from_monday() as i64,
                wd.num_days_from_monday() as i64,
            );
            let off = match rel {
                2 => to - from,
                1 => (to - from + 6).rem_euclid(7) + 1,
                0 if future => (to - from + 6).rem_euclid(7) + 1,
                // Unmarked: the most recent one, the publication day itself
                // included, since news style names the day even for today
                // ("said on Tuesday" in Tuesday's paper).
                0 => -(from - to).rem_euclid(7),
                // "last Tuesday": strictly before.
                _ => -((from - to + 6).rem_euclid(7) + 1),
            };
            Value::of(Date, ymd(add_days(a, off)))
        }
        Core::Offset(n) => Value::of(Date, ymd(add_days(a, n))),
        Core::Calendar { unit, delta } => match unit {
            Unit::Day => Value::of(Date, ymd(add_days(a, delta as i64))),
            Unit::Week | Unit::Weekend => {
                let start = add_days(monday(a), 7 * delta as i64);
                let (s, e) = if unit == Unit::Week { (0, 6) } else { (5, 6) };
                Value::of(
                    Interval,
                    format!("{}/{}", ymd(add_days(start, s)), ymd(add_days(start, e))),
                )
            }
            Unit::Month => Value::of(Month, ym(add_months(a, delta)?)),
            Unit::Year => Value::of(Year, (y + delta).to_string()),
            Unit::Decade => {
                let d = y - y.rem_euclid(10) + 10 * delta;
                Value::of(Decade, format!("{d}/{}", d + 9))
            }
        },
        Core::Ago { n, unit } => {
            let n = n as i64;
            match unit {
                Unit::Day => Value::of(Date, ymd(add_days(a, -n))),
                Unit::Week | Unit::Weekend => Value::of(Date, ymd(add_days(a, -7 * n))),
                Unit::Month => Value::of(Month, ym(add_months(a, -(n as i32))?)),
                Unit::Year => Value::of(Year, (y - n as i32).to_string()),
                Unit::Decade => Value::of(Year, (y - 10 * n as i32).to_string()),
            }
        }
        Core::Year(_) | Core::Decade(_) => return None,
        Core::Past { n, unit } => past(a, n as i64, unit)?,
        Core::Recent(unit) => {
            // "In recent days" is about a week, "recent weeks" about a
            // month, "recent months" about half a year, "recent years" five.
            let (n, u) = match unit {
                Unit::Day | Unit::Weekend => (7, Unit::Day),
                Unit::Week => (1, Unit::Month),
                Unit::Month => (6, Unit::Month),
                Unit::Year | Unit::Decade => (5, Unit::Year),
            };
            past(a, n, u)?.rough()
        }
    })
}

/// "The past `n` units" up to `a`, at a grain that suits the unit: days for
/// days to months, months for years, years for decades.
fn past(a: NaiveDate, n: i64, unit: Unit) -> Option<Value> {
    let v = match unit {
        Unit::Day => format!("{}/{}", ymd(add_days(a, -n)), ymd(a)),
        Unit::Week | Unit::Weekend => format!("{}/{}", ymd(add_days(a, -7 * n)), ymd(a)),
        Unit::Month => format!("{}/{}", ymd(add_months(a, -(n as i32))?), ymd(a)),
        Unit::Year => format!("{}/{}", ym(add_months(a, -12 * n as i32)?), ym(a)),
        Unit::Decade => format!("{}/{}", a.year() - 10 * n as i32, a.year()),
    };
    Some(Value::of(TimeKind::Interval, v))
}
