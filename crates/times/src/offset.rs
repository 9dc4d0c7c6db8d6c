//! Events dated by their distance from another clause: "the crash comes a
//! day after the army released two prisoners" puts the release a day
//! before the crash; "two weeks before the vote was held" puts the vote two
//! weeks after the clause it hangs on.

use chrono::{Days, NaiveDate};
use dyad_document::{Document, Sentence};

/// For an event whose verb is `verb`: the clause it is measured from (the
/// verb its after/before clause hangs on) and the signed number of days
/// from that clause's date to the event's, or, for months and years (too
/// coarse to move a day by), `Err` with the token of "after"/"before".
/// Hours and minutes count as the same day.
pub(crate) fn measured_from(
    doc: &Document,
    s: &Sentence,
    verb: usize,
) -> Option<(usize, Result<i64, usize>)> {
    let tokens = &doc.tokens;
    let t = &tokens[verb];
    if t.rel != "advcl" {
        return None;
    }
    let head = t.head?;
    let children = (s.first_token..s.last_token).filter(|&k| tokens[k].head == Some(verb));
    let mut sign = None;
    let mut unit = None;
    for k in children {
        let word = doc.text[tokens[k].span.range()].to_ascii_lowercase();
        match (tokens[k].rel, word.as_str()) {
            ("mark", "after") => sign = Some((-1, k)),
            ("mark", "before") => sign = Some((1, k)),
            ("npadvmod", _) => unit = Some(k),
            _ => {}
        }
    }
    let (sign, mark) = sign?;
    // The parser may hang the distance on the other clause's verb ("resigned
    // on Monday, a week before parliament was dissolved"): it is then the
    // word just before "before".
    let unit = unit.or_else(|| {
        let k = mark.checked_sub(1)?;
        (tokens[k].head == Some(head) && tokens[k].rel == "npadvmod").then_some(k)
    })?;
    let per = match tokens[unit].lemma.to_ascii_lowercase().as_str() {
        "day" => 1,
        "week" => 7,
        "hour" | "minute" => 0,
        "month" | "year" | "decade" => return Some((head, Err(mark))),
        _ => return None,
    };
    let count = (s.first_token..s.last_token)
        .filter(|&k| tokens[k].head == Some(unit) && matches!(tokens[k].rel, "det" | "nummod"))
        .find_map(|k| count_word(&doc.text[tokens[k].span.range()]))
        // "hours after": no count, and none needed for the same day.
        .or((per == 0).then_some(0))?;
    Some((head, Ok(sign * per * count)))
}

fn count_word(w: &str) -> Option<i64> {
    const WORDS: &[&str] = &[
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let w = w.to_ascii_lowercase();
    if w == "a" || w == "an" {
        return Some(1);
    }
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as i64 + 1);
    }
    w.parse().ok().filter(|n| (1..=60).contains(n))
}

/// `day` moved by `days` (either way), as `YYYY-MM-DD`; only a full day
/// can be moved.
pub(crate) fn shift(day: &str, days: i64) -> Option<String> {
    let d = NaiveDate::parse_from_str(day.get(..10)?, "%Y-%m-%d").ok()?;
    let moved = if days >= 0 {
        d.checked_add_days(Days::new(days as u64))?
    } else {
        d.checked_sub_days(Days::new(days.unsigned_abs()))?
    };
    Some(moved.format("%Y-%m-%d").to_string())
}
