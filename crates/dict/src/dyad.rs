//! dyad's own actor and agent files (`dictionaries/README.md`), with the
//! rules of `tools/check_dictionary.py`.

use std::path::Path;

use crate::text::{dyad_range, is_code};
use crate::{read_text, ActorEntry, ActorKind, AgentEntry, CodePeriod, DictError, Loaded, Origin};

const ORG_TYPES: [&str; 8] = [
    "igo",
    "ngo",
    "party",
    "armed group",
    "company",
    "media",
    "religious",
    "other",
];

/// Reads one dyad actor file (countries, people, organisations, agents).
/// Fails with the first malformed line; use [`parse_dyad_actors`] to get
/// every error.
pub fn read_dyad_actors(
    path: impl AsRef<Path>,
) -> Result<(Vec<ActorEntry>, Vec<AgentEntry>), DictError> {
    let (text, name) = read_text(path.as_ref())?;
    let loaded = parse_dyad_actors(&text, &name);
    match loaded.errors.into_iter().next() {
        Some(e) => Err(e),
        None => Ok(loaded.value),
    }
}

/// Removes a dyad comment: `#` at the start of the line or after two blanks.
fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for (i, &c) in b.iter().enumerate() {
        if c != b'#' {
            continue;
        }
        if i == 0 {
            return "";
        }
        if i >= 2 && b[i - 1].is_ascii_whitespace() && b[i - 2].is_ascii_whitespace() {
            return &line[..i - 2];
        }
    }
    line
}

enum Current {
    None,
    Actor(usize),
    Agent(usize),
}

/// Parses the text of a dyad actor file named `file`, collecting every error.
pub fn parse_dyad_actors(text: &str, file: &str) -> Loaded<(Vec<ActorEntry>, Vec<AgentEntry>)> {
    let mut actors: Vec<ActorEntry> = Vec::new();
    let mut agents: Vec<AgentEntry> = Vec::new();
    let mut errors = Vec::new();
    let mut cur = Current::None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let mut err = |msg: String| errors.push(DictError::new(file, n, msg));
        let origin = Origin {
            file: file.to_string(),
            line: n,
        };
        if !line.starts_with(' ') {
            cur = Current::None;
            let mut parts = line.split_whitespace();
            let kind = parts.next().unwrap_or("");
            let rest = line.trim_start()[kind.len()..].trim();
            match kind {
                "country" | "org" | "agent" => {
                    let code = parts.next().unwrap_or("");
                    let label = rest[code.len()..].trim();
                    if !is_code(code) || label.is_empty() {
                        err(format!("{kind} header needs CODE and Name"));
                        continue;
                    }
                    if kind == "agent" {
                        agents.push(AgentEntry {
                            code: code.to_string(),
                            label: label.to_string(),
                            nouns: Vec::new(),
                            modifiers: Vec::new(),
                            prefix: true,
                            origin,
                        });
                        cur = Current::Agent(agents.len() - 1);
                    } else {
                        let k = if kind == "country" {
                            ActorKind::Country
                        } else {
                            ActorKind::Org
                        };
                        let mut e = ActorEntry::new(k, label.to_string(), origin);
                        e.codes.push(CodePeriod {
                            code: code.to_string(),
                            from: None,
                            to: None,
                            note: None,
                            line: n,
                            default: true,
                        });
                        actors.push(e);
                        cur = Current::Actor(actors.len() - 1);
                    }
                }
                "person" => {
                    if rest.is_empty() {
                        err("person header needs a name".into());
                        continue;
                    }
                    actors.push(ActorEntry::new(ActorKind::Person, rest.to_string(), origin));
                    cur = Current::Actor(actors.len() - 1);
                }
                _ => err(format!("unknown entry kind {kind:?}")),
            }
            continue;
        }
        let Some((key, value)) = line
            .strip_prefix("  ")
            .and_then(|l| l.trim().split_once(':'))
        else {
            err("attribute lines are indented two spaces and read 'key: value'".into());
            continue;
        };
        let v = value.trim();
        match cur {
            Current::None => err("attribute outside an entry".into()),
            Current::Agent(a) => {
                let a = &mut agents[a];
                match key {
                    "names" | "modifiers" => match split_list(v) {
                        Err(m) => err(m),
                        Ok(items) => {
                            let dst = if key == "names" {
                                &mut a.nouns
                            } else {
                                &mut a.modifiers
                            };
                            dst.extend(items);
                        }
                    },
                    _ => err(format!(
                        "agent entries have no {key:?} (allowed: modifiers, names)"
                    )),
                }
            }
            Current::Actor(a) => {
                let e = &mut actors[a];
                if let Err(m) = actor_attribute(e, key, v, n) {
                    err(m);
                }
            }
        }
    }
    Loaded {
        value: (actors, agents),
        errors,
    }
}

fn split_list(v: &str) -> Result<Vec<String>, String> {
    if v.is_empty() {
        return Err("empty list".into());
    }
    if v.contains("  |") || v.contains("|  ") || v.starts_with('|') || v.ends_with('|') {
        return Err("list items are separated by ' | '".into());
    }
    Ok(v.split(" | ").map(|s| s.trim().to_string()).collect())
}

/// `Name` or `Name (FROM..TO)`; with `need_range` the range is required.
fn dated_name(item: &str, need_range: bool) -> Result<crate::DatedName, String> {
    if let Some(open) = item.rfind(" (") {
        if let Some(inner) = item[open + 2..].strip_suffix(')') {
            if inner.contains("..") {
                let (from, to) = dyad_range(inner)?;
                return Ok((item[..open].trim().to_string(), from, to));
            }
        }
    }
    if need_range {
        return Err(format!("historic name needs a range: {item:?}"));
    }
    Ok((item.to_string(), None, None))
}

fn actor_attribute(e: &mut ActorEntry, key: &str, v: &str, line: usize) -> Result<(), String> {
    let allowed: &[&str] = match e.kind {
        ActorKind::Country => &[
            "adjectives",
            "capitals",
            "demonyms",
            "historic",
            "iso2",
            "names",
        ],
        ActorKind::Person => &["code", "country", "names"],
        _ => &["code", "country", "names", "type"],
    };
    let kind = match e.kind {
        ActorKind::Country => "country",
        ActorKind::Person => "person",
        _ => "org",
    };
    if !allowed.contains(&key) {
        return Err(format!(
            "{kind} entries have no {key:?} (allowed: {})",
            allowed.join(", ")
        ));
    }
    if v.is_empty() {
        return Err(format!("empty {key:?}"));
    }
    match key {
        "code" => e.codes.push(code_line(v, line)?),
        "iso2" => {
            if v.len() != 2 || !v.bytes().all(|b| b.is_ascii_uppercase()) {
                return Err("iso2 is two capital letters".into());
            }
            e.iso2 = Some(v.to_string());
        }
        "country" => {
            if v.len() != 3 || !is_code(v) {
                return Err("country is an ISO3 code".into());
            }
            e.country = Some(v.to_string());
        }
        "type" => {
            if !ORG_TYPES.contains(&v) {
                return Err(format!("type is one of {ORG_TYPES:?}"));
            }
            e.org_type = Some(v.to_string());
        }
        "historic" => {
            // The checker splits on " | " without the list-format check.
            for h in v.split(" | ") {
                e.historic.push(dated_name(h, true)?);
            }
        }
        _ => {
            let items = split_list(v)?;
            match key {
                "names" => items.into_iter().for_each(|n| e.add_name(n)),
                "adjectives" => e.adjectives.extend(items),
                "demonyms" => e.demonyms.extend(items),
                "capitals" => {
                    for c in items {
                        e.capitals.push(dated_name(&c, false)?);
                    }
                }
                _ => unreachable!("key checked above"),
            }
        }
    }
    Ok(())
}

/// `CODE [FROM..TO] [what: role text]`.
fn code_line(v: &str, line: usize) -> Result<CodePeriod, String> {
    let bad = || format!("bad code line {v:?}: want 'CODE [FROM..TO] [what: role]'");
    let (code, mut rest) = match v.find(char::is_whitespace) {
        Some(i) => (&v[..i], v[i..].trim_start()),
        None => (v, ""),
    };
    if !is_code(code) {
        return Err(bad());
    }
    let (mut from, mut to) = (None, None);
    if !rest.is_empty() && !rest.starts_with("what:") {
        let (range, after) = match rest.find(char::is_whitespace) {
            Some(i) => (&rest[..i], rest[i..].trim_start()),
            None => (rest, ""),
        };
        if !range.contains("..") {
            return Err(bad());
        }
        (from, to) = dyad_range(range)?;
        rest = after;
    }
    let note = if rest.is_empty() {
        None
    } else {
        match rest.strip_prefix("what:").map(str::trim) {
            Some(t) if !t.is_empty() => Some(t.to_string()),
            _ => return Err(bad()),
        }
    };
    Ok(CodePeriod {
        code: code.to_string(),
        from,
        to,
        note,
        line,
        default: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    const SAMPLE: &str = "\
# comment
country SYR Syria
  iso2: SY
  names: Syria | Syrian Arab Republic | syria
  adjectives: Syrian
  demonyms: Syrian | Syrians
  capitals: Damascus  # the seat
  historic: United Arab Republic (1958-02..1961-09)

person Bashar al-Assad
  names: Bashar al-Assad | Bashar Assad | Assad
  country: SYR
  code: SYRGOV 2000-07-17..2024-12-08 what: President of Syria
  code: SYRELI 2024-12-08.. what: former President

org SYRREB Hayat Tahrir al-Sham
  names: HTS | Tahrir al-Sham
  type: armed group
  country: SYR

agent GOV government
  names: government | governments
  modifiers: pro-government
";

    #[test]
    fn reads_sample() {
        let l = parse_dyad_actors(SAMPLE, "s.txt");
        assert!(l.errors.is_empty(), "{:?}", l.errors);
        let (actors, agents) = l.value;
        assert_eq!(actors.len(), 3);
        let syr = &actors[0];
        assert_eq!(syr.kind, ActorKind::Country);
        assert_eq!(syr.names, ["Syria", "Syrian Arab Republic"]);
        assert_eq!(syr.codes[0].code, "SYR");
        assert_eq!(syr.iso2.as_deref(), Some("SY"));
        assert_eq!(syr.capitals, [("Damascus".to_string(), None, None)]);
        assert_eq!(syr.historic[0].0, "United Arab Republic");
        assert_eq!(syr.historic[0].2, NaiveDate::from_ymd_opt(1961, 9, 30));
        let assad = &actors[1];
        assert_eq!(assad.origin.line, 10);
        assert_eq!(assad.codes.len(), 2);
        assert_eq!(assad.codes[0].note.as_deref(), Some("President of Syria"));
        let d = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
        assert_eq!(
            assad
                .codes_on(d)
                .iter()
                .map(|c| &c.code[..])
                .collect::<Vec<_>>(),
            ["SYRGOV"]
        );
        assert_eq!(actors[2].org_type.as_deref(), Some("armed group"));
        assert_eq!(actors[2].codes[0].code, "SYRREB");
        assert_eq!(agents[0].code, "GOV");
        assert_eq!(agents[0].nouns, ["government", "governments"]);
        assert_eq!(agents[0].modifiers, ["pro-government"]);
        assert!(agents[0].prefix);
    }

    #[test]
    fn reports_every_bad_line() {
        let text = "\
widget XYZ Thing
person
org syr Lowercase
person A B
  code: SYRGOV 2001..2000
  code: SYRGOV 2001-13..
  code: SYRGOV what:
  code: SYRGOV 2000
  iso2: SY
  names: A |  B
   badly: indented
 one: space
agent GOV gov
  code: GOV
country SYR Syria
  historic: Old Syria
";
        let l = parse_dyad_actors(text, "bad.txt");
        let lines: Vec<usize> = l.errors.iter().map(|e| e.line).collect();
        assert_eq!(
            lines,
            [1, 2, 3, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16],
            "{:#?}",
            l.errors
        );
        assert_eq!(
            l.errors[0].to_string(),
            "bad.txt:1: unknown entry kind \"widget\""
        );
        assert!(l.errors[3].msg.contains("ends before it starts"));
        assert!(read_dyad_actors("/nonexistent/x.txt").is_err());
    }
}
