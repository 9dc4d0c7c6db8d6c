//! Time expressions and event dates.
//!
//! Public API:
//!
//! - [`recognise`]`(&mut doc)` fills `doc.times` with the time expressions
//!   of every sentence, each with a normalised ISO-8601 style value resolved
//!   against the publication date (`doc.published`): absolute ones ("in
//!   2011" -> `2011`, "Dec. 4, 2024" -> `2024-12-04`, "the 1990s" ->
//!   `1990/1999`) and relative ones ("last week" -> the Monday-Sunday week
//!   before, `2024-11-25/2024-12-01`; "two weeks ago" -> about `2024-11-20`;
//!   "in October" -> the most recent October, or the next one when the
//!   clause is in the future tense; "on Sunday" -> the most recent Sunday,
//!   the publication day included). Without a publication date relative
//!   expressions are kept with kind `relative` and no value.
//! - [`date_events`]`(&mut doc)` dates every event: the time expression that
//!   governs it (attached to the event's verb in the dependency parse, or
//!   the only one its sentence has) with `date_from = "text"`, or the
//!   distance the text gives from another clause ("a day after ...",
//!   `offset`), else the publication date with `date_from = "published"`.
//!
//! It works on the segmenter's tokens and the parser's heads; a sentence
//! without a digit, month, weekday or calendar word is skipped at once.

mod offset;
mod scan;

use chrono::NaiveDate;
use dyad_document::{Document, Sentence, Span, TimeExpr, TimeKind, Token};

use scan::{is_anchor, resolve, Match, Words};

/// The publication date as a day, if there is one (`published` may be a
/// full RFC 3339 date-time).
fn publication_day(doc: &Document) -> Option<NaiveDate> {
    let p = doc.published.as_deref()?;
    NaiveDate::parse_from_str(p.get(..10)?, "%Y-%m-%d").ok()
}

/// The publication month, when only the month is known (`published` is
/// `YYYY-MM`, as from a URL filed by month): its last day, which gives a
/// month and day without a year ("on July 25") its year, and nothing finer.
fn publication_month_end(doc: &Document) -> Option<NaiveDate> {
    let p = doc.published.as_deref().filter(|p| p.len() == 7)?;
    let first = NaiveDate::parse_from_str(&format!("{p}-01"), "%Y-%m-%d").ok()?;
    first.checked_add_months(chrono::Months::new(1))?.pred_opt()
}

/// The publication date as events inherit it: the day, else the month.
fn publication_date_text(doc: &Document) -> Option<String> {
    publication_day(doc)
        .map(|a| a.format("%Y-%m-%d").to_string())
        .or_else(|| publication_month_end(doc).map(|a| a.format("%Y-%m").to_string()))
}

/// Find the time expressions of every sentence and resolve them against the
/// publication date; replaces `doc.times`.
pub fn recognise(doc: &mut Document) {
    let anchor = publication_day(doc);
    let month_anchor = anchor
        .is_none()
        .then(|| publication_month_end(doc))
        .flatten();
    let anchor_text = anchor.map(|a| a.format("%Y-%m-%d").to_string());
    let mut times = Vec::new();
    for s in &doc.sentences {
        let toks = &doc.tokens[s.first_token..s.last_token];
        if !toks.iter().any(|t| is_anchor(&doc.text[t.span.range()])) {
            continue;
        }
        let words = Words {
            text: &doc.text,
            toks,
        };
        let mut i = 0;
        while i < toks.len() {
            let Some(m) = words.at(i).filter(|m| m.last > i && m.last <= toks.len()) else {
                i += 1;
                continue;
            };
            let future = m.core.tense_sensitive() && future_tense(doc, s, &m);
            // A month alone anchors only what needs just a year.
            let anchor = anchor.or(month_anchor.filter(|_| m.core.needs_only_year()));
            let v = resolve(m.core, anchor, future);
            let resolved = v.value.is_some();
            let (kind, value) = if m.since && resolved {
                // "since 2017", "since last week": where the stretch begins.
                let start = v.value.as_deref().and_then(|x| x.split('/').next());
                (TimeKind::Since, start.map(str::to_string))
            } else {
                (v.kind, v.value)
            };
            times.push(TimeExpr {
                span: Span::new(toks[m.first].span.start, toks[m.last - 1].span.end),
                kind,
                value,
                approximate: m.approximate || v.approximate,
                anchor: (m.core.relative() && resolved)
                    .then(|| anchor_text.clone().or_else(|| publication_date_text(doc)))
                    .flatten(),
            });
            i = m.last;
        }
    }
    doc.times = times;
}

/// The token (document index) of a span's tokens whose head lies outside
/// them: the expression's syntactic head.
fn span_head(tokens: &[Token], first: usize, last: usize) -> Option<usize> {
    (first..last).find(|&k| tokens[k].head.is_none_or(|h| h < first || h >= last))
}

/// The verb whose clause token `k` belongs to (`k` itself when a verb).
fn clause_verb(tokens: &[Token], s: &Sentence, mut k: usize) -> Option<usize> {
    for _ in s.first_token..s.last_token {
        if tokens[k].tag.starts_with("VB") {
            return Some(k);
        }
        k = tokens[k].head?;
    }
    None
}

/// Whether the clause an expression sits in speaks of the future ("will
/// meet in October", and in reported speech "would stay until Sunday").
fn future_tense(doc: &Document, s: &Sentence, m: &Match) -> bool {
    let (first, last) = (s.first_token + m.first, s.first_token + m.last);
    let Some(verb) = span_head(&doc.tokens, first, last)
        .and_then(|h| doc.tokens[h].head)
        .and_then(|h| clause_verb(&doc.tokens, s, h))
    else {
        return false;
    };
    (s.first_token..s.last_token).any(|k| {
        let t = &doc.tokens[k];
        t.head == Some(verb)
            && t.tag == "MD"
            && ["will", "shall", "'ll", "wo", "would"]
                .iter()
                .any(|w| doc.text[t.span.range()].eq_ignore_ascii_case(w))
    })
}

/// Give every event a date: the time expression that governs it, else the
/// publication date.
pub fn date_events(doc: &mut Document) {
    let published = publication_date_text(doc);
    let dates: Vec<(Option<String>, Option<String>)> = doc
        .events
        .iter()
        .map(|e| {
            let own_clause = match doc
                .sentences
                .get(e.sentence)
                .and_then(|s| measured_date(doc, s, e.span, published.as_deref()))
            {
                Some(Measured::Day(d)) => return (Some(d), Some("text".to_string())),
                // "Months after X": the other clause's time is not X's; only
                // a time inside X's own clause dates it.
                Some(Measured::Coarse(after)) => after,
                None => 0,
            };
            let governing = doc
                .sentences
                .get(e.sentence)
                .and_then(|s| governing_time(doc, s, e.span))
                .filter(|&t| doc.times[t].span.start >= own_clause);
            match governing {
                Some(t) => (doc.times[t].value.clone(), Some("text".to_string())),
                None => (
                    published.clone(),
                    published.as_ref().map(|_| "published".to_string()),
                ),
            }
        })
        .collect();
    for (e, (date, from)) in doc.events.iter_mut().zip(dates) {
        e.date = date;
        e.date_from = from;
    }
}

/// The date of an event told as a distance from another clause ("a day
/// after the army released ..."): that clause's day, from its own time
/// expression or else the publication day, moved by the distance.
fn measured_date(
    doc: &Document,
    s: &Sentence,
    event: Span,
    published: Option<&str>,
) -> Option<Measured> {
    let verb = (s.first_token..s.last_token)
        .find(|&k| event.contains(doc.tokens[k].span) && doc.tokens[k].tag.starts_with("VB"))?;
    let (from, days) = offset::measured_from(doc, s, verb)?;
    let days = match days {
        Ok(days) => days,
        Err(mark) => return Some(Measured::Coarse(doc.tokens[mark].span.start)),
    };
    let own = governing_time(doc, s, doc.tokens[from].span)
        .and_then(|t| doc.times[t].value.as_deref())
        .filter(|v| v.len() == 10);
    offset::shift(own.or(published)?, days).map(Measured::Day)
}

/// What a distance from another clause says of an event's date.
enum Measured {
    Day(String),
    /// Months or years: where X's own clause starts (its "after").
    Coarse(usize),
}

/// Index in `doc.times` of the expression that dates an event read from
/// `event` in sentence `s`.
fn governing_time(doc: &Document, s: &Sentence, event: Span) -> Option<usize> {
    let tokens = &doc.tokens;
    // Only points and stretches date an event: "since 2017" says when a
    // state began, and an unresolved expression has nothing to give.
    // Times are in text order: only the sentence's are looked at.
    let lo = doc.times.partition_point(|t| t.span.start < s.span.start);
    let candidates: Vec<usize> = doc
        .times
        .iter()
        .enumerate()
        .skip(lo)
        .take_while(|(_, t)| t.span.start < s.span.end)
        .filter(|(_, t)| {
            s.span.contains(t.span)
                && t.value.is_some()
                && !matches!(t.kind, TimeKind::Since | TimeKind::Relative)
        })
        .map(|(i, _)| i)
        .collect();
    let in_event = |k: usize| event.contains(tokens[k].span);
    // The event's verbs, and the verbs it hangs from as a complement or a
    // conjunct ("began to shell", "took Aleppo and advanced"), which share
    // its time.
    let mut verbs: Vec<usize> = (s.first_token..s.last_token)
        .filter(|&k| in_event(k))
        .collect();
    let mut n = 0;
    while n < verbs.len() && verbs.len() < 16 {
        let k = verbs[n];
        if let (Some(h), "xcomp" | "conj") = (tokens[k].head, tokens[k].rel) {
            if !verbs.contains(&h) {
                verbs.push(h);
            }
        }
        n += 1;
    }
    let head_of = |t: usize| {
        let span = doc.times[t].span;
        let first = s.first_token
            + doc
                .sentence_tokens(s)
                .partition_point(|x| x.span.start < span.start);
        let last = s.first_token
            + doc
                .sentence_tokens(s)
                .partition_point(|x| x.span.start < span.end);
        span_head(tokens, first, last)
    };
    // A phrase on a noun inside a modifier ("over his role in the theft in
    // 2011"): it dates what that noun names, not the event.
    let noun_bound = |t: usize| {
        head_of(t).and_then(|k| tokens[k].head).is_some_and(|h| {
            tokens[h].tag.starts_with("NN") && tokens[h].rel == "pobj" && !in_event(h)
        })
    };
    let candidates: Vec<usize> = candidates.into_iter().filter(|&t| !noun_bound(t)).collect();
    let attached = candidates.iter().copied().find(|&t| {
        let Some(mut k) = head_of(t) else {
            return false;
        };
        for _ in s.first_token..s.last_token {
            let Some(h) = tokens[k].head else {
                return false;
            };
            if verbs.contains(&h) {
                return true;
            }
            if tokens[h].tag.starts_with("VB") {
                // Another clause's verb: the expression dates that clause.
                return false;
            }
            k = h;
        }
        false
    });
    // The one time of the sentence dates the event too, unless the event is
    // told in the present ("wants", "is seeking", "has dropped"): then it
    // is as of publication, and a stray "in 2010" dates something else.
    let present = verbs.iter().any(|&v| {
        matches!(tokens[v].tag, "VBZ" | "VBP")
            || (s.first_token..s.last_token).any(|k| {
                tokens[k].head == Some(v)
                    && tokens[k].rel == "aux"
                    && matches!(tokens[k].tag, "VBZ" | "VBP")
            })
    });
    attached.or_else(|| (candidates.len() == 1 && !present).then(|| candidates[0]))
}

#[cfg(test)]
mod tests;
