//! PETRARCH/TABARI `.actors`, `.agents`, discard and issue files.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::text::{cut_hash, petrarch_date, petrarch_phrase};
use crate::{
    read_text, ActorEntry, ActorKind, AgentEntry, CodePeriod, DictError, Discard, IssueEntry,
    Loaded, Origin,
};

fn origin(file: &str, line: usize) -> Origin {
    Origin {
        file: file.to_string(),
        line,
    }
}

/// Reads a PETRARCH/TABARI `.actors` file.
///
/// Entries are a primary phrase (optionally with `[CODE]`s on the same
/// line), `+` synonym lines, and tab-indented `[CODE restriction]` lines;
/// restrictions are `<DATE`, `>DATE` or `DATE-DATE`. Lines starting with `#`
/// or `<` are comments, as is anything after `#`; `---STOP---` ends the file.
/// A malformed line gives one error; what it held that could be read is kept.
pub fn read_petrarch_actors(path: impl AsRef<Path>) -> Result<Loaded<Vec<ActorEntry>>, DictError> {
    let (text, name) = read_text(path.as_ref())?;
    Ok(parse_petrarch_actors(&text, &name))
}

/// [`read_petrarch_actors`] on text already read; `file` names it in errors.
pub fn parse_petrarch_actors(text: &str, file: &str) -> Loaded<Vec<ActorEntry>> {
    let mut entries: Vec<ActorEntry> = Vec::new();
    let mut errors = Vec::new();
    let mut open = false; // whether entries.last() takes synonyms and codes
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        if raw.contains("---STOP---") {
            break;
        }
        if raw.starts_with('<') {
            continue;
        }
        let line = cut_hash(raw).trim_end();
        if line.trim().is_empty() {
            continue;
        }
        let first = line.chars().next().unwrap_or(' ');
        if first.is_whitespace() {
            let body = line.trim_start();
            if !body.starts_with('[') {
                errors.push(DictError::new(
                    file,
                    n,
                    format!("indented line is not a [CODE] restriction: {:?}", body),
                ));
                continue;
            }
            if !open {
                errors.push(DictError::new(file, n, "code line before any actor"));
                continue;
            }
            let e = entries.last_mut().expect("open entry");
            codes_into(body, n, file, &mut e.codes, &mut errors);
        } else if let Some(syn) = line.strip_prefix('+') {
            if !open {
                errors.push(DictError::new(file, n, "synonym before any actor"));
                continue;
            }
            let (phrase, rest) = split_at_bracket(syn);
            let e = entries.last_mut().expect("open entry");
            e.add_name(petrarch_phrase(phrase));
            if !rest.is_empty() {
                // TABARI does not give synonyms their own codes.
                errors.push(DictError::new(
                    file,
                    n,
                    "a synonym (+) line cannot carry a code",
                ));
            }
        } else {
            let (phrase, rest) = split_at_bracket(line);
            let name = petrarch_phrase(phrase);
            if name.is_empty() {
                errors.push(DictError::new(file, n, "code without a name"));
                open = false;
                continue;
            }
            let mut e = ActorEntry::new(ActorKind::Petrarch, name, origin(file, n));
            codes_into(rest, n, file, &mut e.codes, &mut errors);
            entries.push(e);
            open = true;
        }
    }
    Loaded {
        value: entries,
        errors,
    }
}

/// Splits `NAME [CODE]...` at the first `[`.
fn split_at_bracket(s: &str) -> (&str, &str) {
    match s.find('[') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    }
}

/// Parses one or more `[CODE restriction]` groups; one error per line at most.
fn codes_into(
    s: &str,
    n: usize,
    file: &str,
    out: &mut Vec<CodePeriod>,
    errors: &mut Vec<DictError>,
) {
    let mut rest = s.trim();
    while !rest.is_empty() {
        let Some(body) = rest.strip_prefix('[') else {
            errors.push(DictError::new(
                file,
                n,
                format!("unexpected text after the code: {rest:?}"),
            ));
            return;
        };
        let Some(close) = body.find(']') else {
            errors.push(DictError::new(file, n, format!("unclosed [ in {s:?}")));
            return;
        };
        match code_restriction(&body[..close]) {
            Ok((code, from, to)) => out.push(CodePeriod {
                code,
                default: from.is_none() && to.is_none(),
                from,
                to,
                note: None,
                line: n,
            }),
            Err(msg) => {
                errors.push(DictError::new(file, n, msg));
                return;
            }
        }
        rest = body[close + 1..].trim_start();
    }
}

type Restricted = (String, Option<NaiveDate>, Option<NaiveDate>);

/// `CODE`, `CODE <DATE`, `CODE >DATE` or `CODE DATE-DATE` (blanks around
/// `<`, `>` and `-` allowed).
fn code_restriction(inner: &str) -> Result<Restricted, String> {
    let inner = inner.trim();
    let (code, restr) = match inner.find(char::is_whitespace) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    };
    if code.is_empty() {
        return Err("empty code []".into());
    }
    let code = code.to_string();
    if restr.is_empty() {
        return Ok((code, None, None));
    }
    let compact: String = restr.chars().filter(|c| !c.is_whitespace()).collect();
    if let Some(d) = compact.strip_prefix('<') {
        return Ok((code, None, Some(petrarch_date(d)?)));
    }
    if let Some(d) = compact.strip_prefix('>') {
        return Ok((code, Some(petrarch_date(d)?), None));
    }
    if let Some((a, b)) = compact.split_once('-') {
        let (from, to) = (petrarch_date(a)?, petrarch_date(b)?);
        if to < from {
            return Err(format!("date range ends before it starts: [{inner}]"));
        }
        return Ok((code, Some(from), Some(to)));
    }
    Err(format!(
        "bad date restriction [{inner}]: want <DATE, >DATE or DATE-DATE"
    ))
}

/// Reads a PETRARCH `.agents` file: `!MARKER! = A, B` substitution sets and
/// `PHRASE {plural} [CODE]` lines (`[~GOV]`, `[NGO~]`).
pub fn read_petrarch_agents(path: impl AsRef<Path>) -> Result<Loaded<Vec<AgentEntry>>, DictError> {
    let (text, name) = read_text(path.as_ref())?;
    Ok(parse_petrarch_agents(&text, &name))
}

/// PETRARCH's regular plural: `Y` → `IES`, `S` → `ES`, else `S` (on the
/// last letter of the phrase).
fn regular_plural(s: &str) -> String {
    if let Some(stem) = s.strip_suffix('Y').or_else(|| s.strip_suffix('y')) {
        format!("{stem}IES")
    } else if s.ends_with('S') || s.ends_with('s') {
        format!("{s}ES")
    } else {
        format!("{s}S")
    }
}

/// [`read_petrarch_agents`] on text already read.
pub fn parse_petrarch_agents(text: &str, file: &str) -> Loaded<Vec<AgentEntry>> {
    let mut subs: HashMap<String, Vec<String>> = HashMap::new();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        if raw.starts_with('<') {
            continue;
        }
        let line = cut_hash(raw).trim();
        if line.is_empty() {
            continue;
        }
        let err = |m: String| DictError::new(file, n, m);
        if line.starts_with('!') && line.contains('=') {
            let (lhs, rhs) = line.split_once('=').expect("has =");
            let marker = lhs.trim();
            if marker.len() < 3
                || !marker.ends_with('!')
                || marker[1..marker.len() - 1].contains('!')
            {
                errors.push(err(format!("bad substitution set {marker:?}")));
                continue;
            }
            let items = rhs
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect();
            subs.insert(marker[1..marker.len() - 1].to_string(), items);
            continue;
        }
        let Some(open) = line.find('[') else {
            errors.push(err("agent without a [CODE]".into()));
            continue;
        };
        let Some(close) = line[open..].find(']').map(|c| c + open) else {
            errors.push(err("unclosed [".into()));
            continue;
        };
        let code: String = line[open + 1..close].trim().to_string();
        if code.is_empty() || code.contains(char::is_whitespace) {
            errors.push(err(format!("bad agent code [{code}]")));
            continue;
        }
        if !line[close + 1..].trim().is_empty() {
            errors.push(err(format!(
                "unexpected text after the code: {:?}",
                line[close + 1..].trim()
            )));
        }
        let mut phrase = line[..open].trim();
        let mut plural: Option<String> = None;
        if let Some(b) = phrase.find('{') {
            let Some(e) = phrase[b..].find('}').map(|e| e + b) else {
                errors.push(err("missing '}'".into()));
                continue;
            };
            plural = Some(phrase[b + 1..e].trim().to_string());
            phrase = phrase[..b].trim();
        }
        let label = petrarch_phrase(phrase);
        if label.is_empty() {
            errors.push(err("code without a phrase".into()));
            continue;
        }
        let mut nouns = Vec::new();
        if let Some(a) = phrase.find('!') {
            let Some(b) = phrase[a + 1..].find('!').map(|b| b + a + 1) else {
                errors.push(err("substitution marker without closing '!'".into()));
                continue;
            };
            let Some(items) = subs.get(&phrase[a + 1..b]) else {
                errors.push(err(format!(
                    "substitution set {} is not defined",
                    &phrase[a..=b]
                )));
                continue;
            };
            // As PETRARCH: every member replaces the marker, no plurals.
            for it in items {
                let p = format!("{}{}{}", &phrase[..a], it, &phrase[b + 1..]);
                nouns.push(petrarch_phrase(&p));
            }
        } else {
            nouns.push(label.clone());
            let pl = match plural {
                Some(p) => petrarch_phrase(&p),
                None => regular_plural(&label),
            };
            if !pl.is_empty() {
                nouns.push(pl);
            }
        }
        out.push(AgentEntry {
            prefix: code.starts_with('~'),
            code,
            label,
            nouns,
            modifiers: Vec::new(),
            origin: origin(file, n),
        });
    }
    Loaded { value: out, errors }
}

/// Reads a PETRARCH discard file: one phrase a line, `+` for story level.
pub fn read_discards(path: impl AsRef<Path>) -> Result<Loaded<Vec<Discard>>, DictError> {
    let (text, name) = read_text(path.as_ref())?;
    Ok(parse_discards(&text, &name))
}

/// [`read_discards`] on text already read.
pub fn parse_discards(text: &str, file: &str) -> Loaded<Vec<Discard>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if raw.starts_with('<') {
            continue;
        }
        let line = cut_hash(raw).trim();
        if line.is_empty() {
            continue;
        }
        let (story, phrase) = match line.strip_prefix('+') {
            Some(p) => (true, p.trim()),
            None => (false, line),
        };
        if phrase.is_empty() {
            errors.push(DictError::new(file, i + 1, "empty discard phrase"));
            continue;
        }
        out.push(Discard {
            phrase: phrase.to_string(),
            story,
            origin: origin(file, i + 1),
        });
    }
    Loaded { value: out, errors }
}

/// Reads a PETRARCH issue file: `<ISSUE CATEGORY="...">` sections of
/// `phrase [CODE]` lines and `~phrase` / `~~phrase` ignore lines.
pub fn read_issues(path: impl AsRef<Path>) -> Result<Loaded<Vec<IssueEntry>>, DictError> {
    let (text, name) = read_text(path.as_ref())?;
    Ok(parse_issues(&text, &name))
}

/// The most forms one issue phrase may generate.
const MAX_ISSUE_FORMS: usize = 256;

/// How many forms [`issue_forms`] would make, saturating.
fn variants(s: &str) -> usize {
    let lower = s.to_ascii_lowercase();
    let pow = |base: usize, k: usize| base.saturating_pow(k.min(64) as u32);
    pow(2, s.matches('+').count())
        .saturating_mul(pow(2, lower.matches("n:").count()))
        .saturating_mul(pow(4, lower.matches("v:").count()))
}

/// The forms PETRARCH generates from an issue phrase (see [`IssueEntry`]).
fn issue_forms(s: &str) -> Vec<String> {
    if let Some(i) = s.find('+') {
        let mut v = issue_forms(&format!("{} {}", &s[..i], &s[i + 1..]));
        v.extend(issue_forms(&format!("{}-{}", &s[..i], &s[i + 1..])));
        return v;
    }
    let lower = s.to_ascii_lowercase();
    if let Some(i) = lower.find("n:") {
        let (pre, rest) = (&s[..i], &s[i + 2..]);
        let (word, tail) = rest.split_at(rest.find(' ').unwrap_or(rest.len()));
        let plural = if let Some(stem) = word.strip_suffix('y').or(word.strip_suffix('Y')) {
            let ies = if word.ends_with('Y') { "IES" } else { "ies" };
            format!("{stem}{ies}")
        } else {
            let s_ = if word.chars().last().is_some_and(|c| c.is_uppercase()) {
                "S"
            } else {
                "s"
            };
            format!("{word}{s_}")
        };
        let mut v = issue_forms(&format!("{pre}{word}{tail}"));
        v.extend(issue_forms(&format!("{pre}{plural}{tail}")));
        return v;
    }
    if let Some(i) = lower.find("v:") {
        let (pre, rest) = (&s[..i], &s[i + 2..]);
        let (word, tail) = rest.split_at(rest.find(' ').unwrap_or(rest.len()));
        let upper = word.chars().last().is_some_and(|c| c.is_uppercase());
        let sfx = |x: &str| {
            if upper {
                x.to_ascii_uppercase()
            } else {
                x.to_string()
            }
        };
        let mut forms = vec![word.to_string(), format!("{word}{}", sfx("s"))];
        if let Some(stem) = word.strip_suffix('e').or(word.strip_suffix('E')) {
            forms.push(format!("{word}{}", sfx("d")));
            forms.push(format!("{stem}{}", sfx("ing")));
        } else {
            forms.push(format!("{word}{}", sfx("ed")));
            forms.push(format!("{word}{}", sfx("ing")));
        }
        return forms
            .iter()
            .flat_map(|w| issue_forms(&format!("{pre}{w}{tail}")))
            .collect();
    }
    vec![s.split_whitespace().collect::<Vec<_>>().join(" ")]
}

/// [`read_issues`] on text already read.
pub fn parse_issues(text: &str, file: &str) -> Loaded<Vec<IssueEntry>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut category: Option<String> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let t = raw.trim();
        if let Some(tag) = t.strip_prefix("<ISSUE") {
            category = tag
                .split_once("CATEGORY=\"")
                .and_then(|(_, r)| r.split_once('"'))
                .map(|(c, _)| c.to_string());
            continue;
        }
        if t.starts_with("</ISSUE") {
            category = None;
            continue;
        }
        if t.starts_with('<') {
            continue;
        }
        let line = cut_hash(raw).trim();
        if line.is_empty() {
            continue;
        }
        let (phrase, code) = if let Some(p) = line.strip_prefix("~~") {
            (p.trim(), "~~".to_string())
        } else if let Some(p) = line.strip_prefix('~') {
            (p.trim(), "~".to_string())
        } else {
            let Some(open) = line.find('[') else {
                errors.push(DictError::new(file, n, "issue phrase without a [CODE]"));
                continue;
            };
            let Some(close) = line[open..].find(']').map(|c| c + open) else {
                errors.push(DictError::new(file, n, "unclosed ["));
                continue;
            };
            let after = line[close + 1..].trim();
            if !after.is_empty() {
                errors.push(DictError::new(
                    file,
                    n,
                    format!("unexpected text after the code: {after:?}"),
                ));
            }
            (
                line[..open].trim(),
                line[open + 1..close].trim().to_string(),
            )
        };
        if phrase.is_empty() || code.is_empty() {
            errors.push(DictError::new(file, n, "empty issue phrase or code"));
            continue;
        }
        // Each `+` doubles the forms, `n:` doubles and `v:` quadruples them:
        // a phrase with many would take exponential time and memory.
        if variants(phrase) > MAX_ISSUE_FORMS {
            errors.push(DictError::new(
                file,
                n,
                format!(
                    "issue phrase has more than {MAX_ISSUE_FORMS} forms (too many +, n: or v:)"
                ),
            ));
            continue;
        }
        out.push(IssueEntry {
            phrase: phrase.to_string(),
            forms: issue_forms(phrase),
            code,
            category: category.clone(),
            origin: origin(file, n),
        });
    }
    Loaded { value: out, errors }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issue_phrase_with_too_many_variants_is_an_error_not_a_hang() {
        let line = format!("{} [ABC]\nFAIR+TRADE [TRD]\n", "+".repeat(60));
        let l = parse_issues(&line, "i.txt");
        assert_eq!(l.value.len(), 1);
        assert_eq!(l.value[0].forms.len(), 2);
        assert!(
            l.errors[0].to_string().contains("more than 256 forms"),
            "{:?}",
            l.errors
        );
    }

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    const ACTORS: &str = "\
<!-- header -->
# comment
AFGHANISTAN_  [AFG]
+AFGHAN_ 
+KABUL_  # capital

MOHAMMAD_ZAHIR_SHAH_  # CountryInfo.txt
\t[AFGELI 320101-331108]
\t[AFGGOV >331108]
\t[AFGELI]
ANN_VENEMAN_\t[USAGOV 010120-050120] [IGOUNOKID >050501]# note
GOLLUM  # pas
+SMEAGOL
\t[HOB < 950601]
\t[HOBGOV 19950601 - 19990815]
\t[HOBREB > 990816]
\t
BAN_KI-MOON
\t[IGOUNO >20070101]
\t[KORGOVBUS 2004017-20061201]
\t[KORGOV 20121204]
\t[X 20100101-20090101]
\tJOHN_MCCLOY_\t[IGOUNODEVWBK 470301-490630]
ORTHOFIX_\t[MNCNLD] Antilles
+LATE [ABC
---STOP---
NEVER_READ [XXX]
";

    #[test]
    fn actors() {
        let l = parse_petrarch_actors(ACTORS, "t.actors");
        let e = &l.value;
        assert_eq!(e.len(), 6);
        assert_eq!(e[0].name, "AFGHANISTAN");
        assert_eq!(e[0].names, ["AFGHANISTAN", "AFGHAN", "KABUL"]);
        assert_eq!(e[0].codes[0].code, "AFG");
        assert_eq!(e[0].kind, ActorKind::Petrarch);
        let zahir = &e[1];
        assert_eq!(zahir.name, "MOHAMMAD ZAHIR SHAH");
        assert_eq!(zahir.codes.len(), 3);
        assert_eq!(zahir.codes[0].from, d(1932, 1, 1));
        assert_eq!(zahir.codes[0].to, d(1933, 11, 8));
        assert_eq!(zahir.codes[1].from, d(1933, 11, 8));
        assert_eq!(zahir.codes[1].to, None);
        assert_eq!(zahir.codes[2].line, 10);
        let ann = &e[2];
        assert_eq!(ann.codes.len(), 2);
        assert_eq!(ann.codes[1].code, "IGOUNOKID");
        assert_eq!(ann.codes[1].from, d(2005, 5, 1));
        let gollum = &e[3];
        assert_eq!(gollum.names, ["GOLLUM", "SMEAGOL"]);
        assert_eq!(gollum.codes[0].to, d(1995, 6, 1));
        assert_eq!(gollum.codes[1].from, d(1995, 6, 1));
        assert_eq!(gollum.codes[2].from, d(1999, 8, 16));
        let ban = &e[4];
        assert_eq!(ban.codes.len(), 1);
        assert_eq!(e[5].codes[0].code, "MNCNLD");
        let msgs: Vec<String> = l.errors.iter().map(|e| e.to_string()).collect();
        let lines: Vec<usize> = l.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [20, 21, 22, 23, 24, 25], "{msgs:#?}");
        assert!(msgs[0].starts_with("t.actors:20: date \"2004017\" has 7 digits"));
        assert!(msgs[1].contains("want <DATE, >DATE or DATE-DATE"));
        assert!(msgs[2].contains("ends before it starts"));
        assert!(msgs[3].contains("not a [CODE]"));
        assert!(msgs[4].contains("Antilles"));
    }

    #[test]
    fn agents() {
        let text = "\
<!-- agents -->
!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON
CONGRESS!PERSON! [~LEG] # x
POLICE {} [ ~COP]
ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]
MINISTRY [~GOV]
ACTRESS [~ART]
HUMAN_RIGHTS_BODY  [NGO~]
ISLAMIC_EXTREMIST
HOME_!MINIST! [~GOV]
FOO {BAR [~X]
";
        let l = parse_petrarch_agents(text, "a.txt");
        let a = &l.value;
        assert_eq!(a.len(), 6);
        assert_eq!(a[0].code, "~LEG");
        assert!(a[0].prefix);
        assert_eq!(a[0].label, "CONGRESS!PERSON!");
        assert_eq!(
            a[0].nouns,
            [
                "CONGRESSMAN",
                "CONGRESSMEN",
                "CONGRESSWOMAN",
                "CONGRESSWOMEN",
                "CONGRESSPERSON"
            ]
        );
        assert_eq!(a[1].nouns, ["POLICE"]);
        assert_eq!(a[1].code, "~COP");
        assert_eq!(a[2].nouns, ["ATTORNEY GENERAL", "ATTORNEYS GENERAL"]);
        assert_eq!(a[3].nouns, ["MINISTRY", "MINISTRIES"]);
        assert_eq!(a[4].nouns, ["ACTRESS", "ACTRESSES"]);
        assert_eq!(a[5].code, "NGO~");
        assert!(!a[5].prefix);
        let lines: Vec<usize> = l.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [9, 10, 11], "{:?}", l.errors);
    }

    #[test]
    fn discards_and_issues() {
        let l = parse_discards(
            "# c\nMONTHS LATER\n+Manchester United   # pas\n+\n",
            "d.txt",
        );
        assert_eq!(l.value.len(), 2);
        assert!(!l.value[0].story);
        assert_eq!(l.value[1].phrase, "Manchester United");
        assert!(l.value[1].story);
        assert_eq!(l.errors[0].to_string(), "d.txt:4: empty discard phrase");

        let text = "\
<ISSUE CATEGORY=\"EDUCATION\" TYPE=\"ALL\">
n:academy [SCHOOLS]
pre+n:school [EARLY]
ethnic v:purge [ATROCITY]
~~Armenian genocide  # historical
eurozone
a [X]b [X]
</ISSUE>
outside [Y]
";
        let l = parse_issues(text, "i.txt");
        let v = &l.value;
        assert_eq!(v.len(), 6);
        assert_eq!(v[0].forms, ["academy", "academies"]);
        assert_eq!(v[0].category.as_deref(), Some("EDUCATION"));
        assert_eq!(
            v[1].forms,
            ["pre school", "pre schools", "pre-school", "pre-schools"]
        );
        assert_eq!(
            v[2].forms,
            [
                "ethnic purge",
                "ethnic purges",
                "ethnic purged",
                "ethnic purging"
            ]
        );
        assert_eq!(v[3].code, "~~");
        assert_eq!(v[3].phrase, "Armenian genocide");
        assert_eq!(v[5].category, None);
        let lines: Vec<usize> = l.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [6, 7]);
    }
}
