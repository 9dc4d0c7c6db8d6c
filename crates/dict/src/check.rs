//! Validation of a whole set of entries (`dyad dict check`).

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;

use crate::text::is_code;
use crate::{ActorEntry, ActorKind, AgentEntry, CodePeriod, Origin};

/// What is wrong.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// Two entries of the same kind and name (case-insensitive), or two
    /// agents with the same code and label.
    Duplicate,
    /// One surface name, two entries of the same kind, disagreeing codes
    /// (neither a prefix of the other) holding on a common day.
    NameConflict,
    /// One entry lists the same code twice, one period within the other.
    OverlappingCode,
    /// A range ends before it starts.
    ReversedRange,
    /// A code that is not 3 to 15 capital letters (agents: optionally with a
    /// leading or trailing `~`).
    MalformedCode,
    /// An agent noun listed under two different codes.
    AgentNounConflict,
}

/// One problem found by [`check`]; displays as `file:line: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub origin: Origin,
    pub msg: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.origin, self.msg)
    }
}

fn kind_word(k: ActorKind) -> &'static str {
    match k {
        ActorKind::Country => "country",
        ActorKind::Person => "person",
        ActorKind::Org => "org",
        ActorKind::Petrarch => "actor",
    }
}

/// Whether two inclusive periods share a day. Periods that only touch (one
/// ends on the day the other starts, the usual way a hand-over is written)
/// do not count, unless both are that single day.
fn overlap(a: &CodePeriod, b: &CodePeriod) -> bool {
    let lo = |d: Option<NaiveDate>| d.unwrap_or(NaiveDate::MIN);
    let hi = |d: Option<NaiveDate>| d.unwrap_or(NaiveDate::MAX);
    let start = lo(a.from).max(lo(b.from));
    let end = hi(a.to).min(hi(b.to));
    if start > end {
        return false;
    }
    if start == end {
        // touching: a.to == b.from or b.to == a.from
        let same = a.from == b.from && a.to == b.to;
        return same;
    }
    true
}

/// The codes compared between entries: the non-default ones, or the
/// defaults when there is nothing else.
fn effective(e: &ActorEntry) -> Vec<&CodePeriod> {
    let v: Vec<&CodePeriod> = e.codes.iter().filter(|c| !c.default).collect();
    if v.is_empty() {
        e.codes.iter().collect()
    } else {
        v
    }
}

/// Whether one period lies within the other (or they are equal): the same
/// code written twice for it says nothing new. Consecutive periods of one
/// code that overlap a little (a hand-over written at month precision) are
/// not reported.
fn nested(a: &CodePeriod, b: &CodePeriod) -> bool {
    let lo = |d: Option<NaiveDate>| d.unwrap_or(NaiveDate::MIN);
    let hi = |d: Option<NaiveDate>| d.unwrap_or(NaiveDate::MAX);
    let within = |x: &CodePeriod, y: &CodePeriod| lo(x.from) >= lo(y.from) && hi(x.to) <= hi(y.to);
    within(a, b) || within(b, a)
}

/// Whether two codes disagree: neither refines the other (`VAT` and
/// `VATGOV`, `IGOUNO` and `IGOUNOHCR` agree).
fn disagree(a: &str, b: &str) -> bool {
    !a.starts_with(b) && !b.starts_with(a)
}

fn at(e: &ActorEntry, line: usize) -> Origin {
    Origin {
        file: e.origin.file.clone(),
        line,
    }
}

/// Normalises a name for comparison as the recogniser matches it:
/// case-insensitive, hyphens and spaces interchangeable.
fn name_key(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| c == '-' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn range_text(c: &CodePeriod) -> String {
    let f = c.from.map(|d| d.to_string()).unwrap_or_default();
    let t = c.to.map(|d| d.to_string()).unwrap_or_default();
    if f.is_empty() && t.is_empty() {
        "always".into()
    } else {
        format!("{f}..{t}")
    }
}

/// Validates entries and agents together (several files at once):
///
/// * duplicate entries (same kind and name, ignoring case), agents with the
///   same code and label;
/// * one surface name in two entries of the same kind whose codes disagree
///   on a common day (matching ignores case and treats `-` as a space;
///   `SYR` and `SYRGOV` agree, one refining the other). Names shared by a
///   country and an org (a de facto state and its separatist movement) are
///   left to the recogniser's priority between kinds;
/// * one entry listing the same code twice with one period within the
///   other (different codes may overlap: a person can be GOV and LEG at
///   once; consecutive periods of one code that overlap at the hand-over are
///   tolerated; default codes are fallbacks and are not compared);
/// * ranges (of codes, capitals, former names) that end before they start;
/// * malformed codes: not 3-15 capital letters; agent codes may have a
///   leading `~` (or trailing, PETRARCH `NGO~`);
/// * an agent noun listed under two different codes.
///
/// Problems come in the order of the entries.
pub fn check(entries: &[ActorEntry], agents: &[AgentEntry]) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut seen: HashMap<(ActorKind, String), &Origin> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        let key = (e.kind, e.name.to_lowercase());
        if let Some(first) = seen.get(&key) {
            out.push(Problem {
                kind: ProblemKind::Duplicate,
                origin: e.origin.clone(),
                msg: format!(
                    "duplicate {} entry {:?} (also at {first})",
                    kind_word(e.kind),
                    e.name
                ),
            });
        } else {
            seen.insert(key, &e.origin);
        }
        let mut keys: Vec<String> = e.names.iter().map(|n| name_key(n)).collect();
        keys.sort();
        keys.dedup();
        for k in keys {
            by_name.entry(k).or_default().push(i);
        }
        for c in &e.codes {
            if !is_code(&c.code) {
                out.push(Problem {
                    kind: ProblemKind::MalformedCode,
                    origin: at(e, c.line),
                    msg: format!("malformed code {:?}: want 3-15 capital letters", c.code),
                });
            }
            if let (Some(f), Some(t)) = (c.from, c.to) {
                if f > t {
                    out.push(Problem {
                        kind: ProblemKind::ReversedRange,
                        origin: at(e, c.line),
                        msg: format!("{} range ends before it starts ({f}..{t})", c.code),
                    });
                }
            }
        }
        for (name, f, t) in e.capitals.iter().chain(&e.historic) {
            if let (Some(f), Some(t)) = (f, t) {
                if f > t {
                    out.push(Problem {
                        kind: ProblemKind::ReversedRange,
                        origin: e.origin.clone(),
                        msg: format!("{name:?} range ends before it starts ({f}..{t})"),
                    });
                }
            }
        }
        for (a, ca) in e.codes.iter().enumerate() {
            for cb in &e.codes[a + 1..] {
                if ca.code == cb.code && !ca.default && !cb.default && nested(ca, cb) {
                    out.push(Problem {
                        kind: ProblemKind::OverlappingCode,
                        origin: at(e, cb.line),
                        msg: format!(
                            "{} {} repeats {} {} (line {}) in {:?}",
                            cb.code,
                            range_text(cb),
                            ca.code,
                            range_text(ca),
                            ca.line,
                            e.name
                        ),
                    });
                }
            }
        }
    }
    // Name conflicts, reported once per pair of entries and name.
    let mut names: Vec<(&String, &Vec<usize>)> =
        by_name.iter().filter(|(_, v)| v.len() > 1).collect();
    names.sort_by_key(|(_, v)| v[0]);
    let mut conflicts = Vec::new();
    for (name, idx) in names {
        for (x, &i) in idx.iter().enumerate() {
            for &j in &idx[x + 1..] {
                let (a, b) = (&entries[i], &entries[j]);
                if a.kind != b.kind {
                    continue;
                }
                let (ea, eb) = (effective(a), effective(b));
                let clash = ea.iter().find_map(|ca| {
                    eb.iter()
                        .find(|cb| disagree(&ca.code, &cb.code) && overlap(ca, cb))
                        .map(|cb| (*ca, *cb))
                });
                if let Some((ca, cb)) = clash {
                    conflicts.push((
                        j,
                        Problem {
                            kind: ProblemKind::NameConflict,
                            origin: b.origin.clone(),
                            msg: format!(
                                "name {name:?} gives {} ({}) here but {} ({}) in {:?} at {}",
                                cb.code,
                                range_text(cb),
                                ca.code,
                                range_text(ca),
                                a.name,
                                a.origin
                            ),
                        },
                    ));
                }
            }
        }
    }
    conflicts.sort_by_key(|(j, p)| (*j, p.msg.clone()));
    out.extend(conflicts.into_iter().map(|(_, p)| p));

    let mut agent_keys: HashMap<(&str, String), &Origin> = HashMap::new();
    let mut nouns: HashMap<String, (&str, &Origin)> = HashMap::new();
    for a in agents {
        let bare = a.code.trim_start_matches('~').trim_end_matches('~');
        let tildes = a.code.len() - bare.len();
        if !is_code(bare) || tildes > 1 {
            out.push(Problem {
                kind: ProblemKind::MalformedCode,
                origin: a.origin.clone(),
                msg: format!(
                    "malformed agent code {:?}: want 3-15 capital letters, optionally with ~",
                    a.code
                ),
            });
        }
        let key = (a.code.as_str(), a.label.to_lowercase());
        if let Some(first) = agent_keys.get(&key) {
            out.push(Problem {
                kind: ProblemKind::Duplicate,
                origin: a.origin.clone(),
                msg: format!("duplicate agent {} {:?} (also at {first})", a.code, a.label),
            });
        } else {
            agent_keys.insert(key, &a.origin);
        }
        for n in &a.nouns {
            match nouns.get(&name_key(n)) {
                Some((code, first)) if *code != a.code => out.push(Problem {
                    kind: ProblemKind::AgentNounConflict,
                    origin: a.origin.clone(),
                    msg: format!("agent noun {n:?} is {} here but {code} at {first}", a.code),
                }),
                Some(_) => {}
                None => {
                    nouns.insert(name_key(n), (&a.code, &a.origin));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse_dyad_actors;

    #[test]
    fn finds_problems() {
        let text = "\
person A One
  names: A One | Al-Big
  code: XXXGOV 2000..2010
  code: XXXGOV 2005..2008
  code: XXXLEG 2000..2010
  code: XXXELI 2010..

person B Two
  names: B Two | Al Big
  code: XXXMIL 2008..2009

person C Three
  names: Al Big
  code: XXXMIL 2011..

person a one
  names: Someone

agent GOV government
  names: minister | officials
agent MIL military
  names: Minister
";
        let l = parse_dyad_actors(text, "p.txt");
        assert!(l.errors.is_empty(), "{:?}", l.errors);
        let (mut actors, agents) = l.value;
        actors[2].codes[0].from = NaiveDate::from_ymd_opt(2020, 1, 1);
        actors[2].codes[0].to = NaiveDate::from_ymd_opt(2019, 1, 1);
        actors[2].codes[0].code = "xxMIL".into();
        let p = check(&actors, &agents);
        let got: Vec<(ProblemKind, usize)> = p.iter().map(|p| (p.kind, p.origin.line)).collect();
        assert_eq!(
            got,
            [
                (ProblemKind::OverlappingCode, 4),
                (ProblemKind::MalformedCode, 14),
                (ProblemKind::ReversedRange, 14),
                (ProblemKind::Duplicate, 16),
                (ProblemKind::NameConflict, 8),
                (ProblemKind::AgentNounConflict, 21),
            ],
            "{p:#?}"
        );
        assert!(p[3]
            .to_string()
            .starts_with("p.txt:16: duplicate person entry"));
        assert!(p[4].msg.contains("\"al big\""), "{}", p[4]);
    }

    #[test]
    fn touching_periods_do_not_overlap() {
        let c = |f: Option<(i32, u32, u32)>, t: Option<(i32, u32, u32)>| CodePeriod {
            code: "X".into(),
            from: f.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            to: t.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            note: None,
            line: 0,
            default: false,
        };
        assert!(!overlap(
            &c(None, Some((2000, 1, 1))),
            &c(Some((2000, 1, 1)), None)
        ));
        assert!(overlap(
            &c(None, Some((2000, 1, 2))),
            &c(Some((2000, 1, 1)), None)
        ));
        assert!(overlap(&c(None, None), &c(None, None)));
        assert!(!overlap(
            &c(None, Some((1999, 1, 1))),
            &c(Some((2000, 1, 1)), None)
        ));
        let day = c(Some((2000, 1, 1)), Some((2000, 1, 1)));
        assert!(overlap(&day, &day.clone()));
    }
}

#[cfg(test)]
mod more_tests {
    use super::*;
    use crate::parse_dyad_actors;

    #[test]
    fn tolerated() {
        let text = "\
country VAT Holy See
  names: Vatican

org VATGOV Holy See government
  names: Vatican

org AZESEP Artsakh
  names: Nagorno-Karabakh Republic
  code: AZESEP 1991..2024

country NKR Nagorno-Karabakh
  names: Nagorno Karabakh Republic

person P Q
  code: XXXGOV 2000..2010-06
  code: XXXGOV 2010-05..2012
  code: XXXELI
";
        let l = parse_dyad_actors(text, "t.txt");
        assert!(l.errors.is_empty(), "{:?}", l.errors);
        let p = check(&l.value.0, &l.value.1);
        assert!(p.is_empty(), "{p:#?}");
    }
}
