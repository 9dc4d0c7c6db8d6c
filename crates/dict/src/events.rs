//! dyad's event dictionaries: the CAMEO code table (`cameo.tsv`) and the
//! verb and noun patterns (`*.verbs`); format in `dictionaries/README.md`.

use std::path::Path;

use crate::{DictError, Origin};

/// QuadClass of a CAMEO code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuadClass {
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

/// One CAMEO event code with what the field attaches to it.
#[derive(Debug, Clone, PartialEq)]
pub struct CameoCode {
    pub code: String,
    pub name: String,
    pub quad_class: QuadClass,
    pub goldstein: f32,
    pub plover_event: String,
    pub plover_mode: String,
    pub origin: Origin,
}

impl CameoCode {
    /// The root: the first two digits.
    pub fn root(&self) -> &str {
        &self.code[..2]
    }
}

/// A part of a pattern, in surface order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// `$`: the source.
    Source,
    /// `+`: the target.
    Target,
    /// `*`: up to four words may come between.
    Gap,
    /// A lemma that must stand in the head's phrase.
    Word(String),
}

/// One event pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPattern {
    pub code: String,
    /// The head lemma: a verb, or a noun when `noun` is set (`~`).
    pub head: String,
    pub noun: bool,
    pub parts: Vec<Part>,
    /// The line as written, to explain a match.
    pub raw: String,
    pub origin: Origin,
}

impl EventPattern {
    /// Words of the pattern besides the head: more words, more specific.
    pub fn specificity(&self) -> usize {
        self.parts
            .iter()
            .filter(|p| matches!(p, Part::Word(_)))
            .count()
    }
}

fn err(file: &str, line: usize, msg: impl Into<String>) -> DictError {
    DictError {
        file: file.to_string(),
        line,
        msg: msg.into(),
    }
}

/// Parse `cameo.tsv` text (`file` names it in errors).
pub fn parse_cameo(text: &str, file: &str) -> Result<Vec<CameoCode>, DictError> {
    let mut out: Vec<CameoCode> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() || line.starts_with('#') || line.starts_with("code\t") {
            continue;
        }
        let c: Vec<&str> = line.split('\t').collect();
        if c.len() != 6 {
            return Err(err(
                file,
                n,
                format!("want 6 tab-separated columns, found {}", c.len()),
            ));
        }
        let code = c[0].trim();
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(file, n, format!("bad CAMEO code {code:?}")));
        }
        if out.iter().any(|x| x.code == code) {
            return Err(err(file, n, format!("duplicate code {code}")));
        }
        let quad_class = match c[2].trim() {
            "1" => QuadClass::VerbalCooperation,
            "2" => QuadClass::MaterialCooperation,
            "3" => QuadClass::VerbalConflict,
            "4" => QuadClass::MaterialConflict,
            q => return Err(err(file, n, format!("quad_class is 1-4, not {q:?}"))),
        };
        let goldstein: f32 = c[3]
            .trim()
            .parse()
            .map_err(|_| err(file, n, format!("goldstein {:?} is not a number", c[3])))?;
        if !(-10.0..=10.0).contains(&goldstein) {
            return Err(err(file, n, "goldstein outside -10..10"));
        }
        out.push(CameoCode {
            code: code.to_string(),
            name: c[1].trim().to_string(),
            quad_class,
            goldstein,
            plover_event: c[4].trim().to_string(),
            plover_mode: c[5].trim().to_string(),
            origin: Origin {
                file: file.to_string(),
                line: n,
            },
        });
    }
    Ok(out)
}

/// The code of a pattern that codes no event (PETRARCH's `---`).
pub const NO_EVENT: &str = "---";

/// Parse a `.verbs` file's text. `codes` (when given) is the set of known
/// codes: a pattern with another code is an error.
pub fn parse_event_patterns(
    text: &str,
    file: &str,
    codes: Option<&[CameoCode]>,
) -> Result<Vec<EventPattern>, DictError> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = match raw.find('#') {
            Some(k) => &raw[..k],
            None => raw,
        }
        .trim();
        if line.is_empty() {
            continue;
        }
        let split = line
            .find('\t')
            .or_else(|| line.find("  "))
            .ok_or_else(|| err(file, n, "want 'CODE  PATTERN'"))?;
        let code = line[..split].trim();
        let pattern = line[split..].trim();
        // `---` is PETRARCH's "no event": a reading that blocks the less
        // specific patterns of its verb ("asked X about" is no appeal).
        let null = code == NO_EVENT;
        if !null && (!(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit())) {
            return Err(err(file, n, format!("bad CAMEO code {code:?}")));
        }
        if let Some(codes) = codes.filter(|_| !null) {
            if !codes.iter().any(|c| c.code == code) {
                return Err(err(
                    file,
                    n,
                    format!("code {code} is not in the CAMEO table"),
                ));
            }
        }
        let mut toks: Vec<&str> = pattern.split_whitespace().collect();
        let noun = toks.first() == Some(&"~");
        if noun {
            toks.remove(0);
        }
        let mut parts = Vec::new();
        let mut head = None;
        for t in toks {
            let p = match t {
                "$" => Part::Source,
                "+" => Part::Target,
                "*" => Part::Gap,
                "~" => return Err(err(file, n, "~ goes first")),
                w if w.chars().all(|c| c.is_lowercase() || c == '\'' || c == '-') => {
                    if head.is_none() {
                        head = Some(w.to_string());
                        continue;
                    }
                    Part::Word(w.to_string())
                }
                w => return Err(err(file, n, format!("{w:?}: words are lower-case lemmas"))),
            };
            parts.push(p);
        }
        let Some(head) = head else {
            return Err(err(file, n, "a pattern needs a head word"));
        };
        let count = |p: &Part| parts.iter().filter(|x| *x == p).count();
        if count(&Part::Source) > 1 || count(&Part::Target) > 1 {
            return Err(err(file, n, "at most one $ and one +"));
        }
        if count(&Part::Source) + count(&Part::Target) == 0 {
            return Err(err(file, n, "a pattern needs $ or +"));
        }
        out.push(EventPattern {
            code: code.to_string(),
            head,
            noun,
            parts,
            raw: raw.trim().to_string(),
            origin: Origin {
                file: file.to_string(),
                line: n,
            },
        });
    }
    Ok(out)
}

/// Read `cameo.tsv`.
pub fn read_cameo(path: &Path) -> Result<Vec<CameoCode>, DictError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| err(&name, 0, e.to_string()))?;
    parse_cameo(&text, &name)
}

/// Read a `.verbs` file.
pub fn read_event_patterns(
    path: &Path,
    codes: Option<&[CameoCode]>,
) -> Result<Vec<EventPattern>, DictError> {
    let name = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| err(&name, 0, e.to_string()))?;
    parse_event_patterns(&text, &name, codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLE: &str = "code\tname\tquad_class\tgoldstein\tplover_event\tplover_mode\n042\tMake a visit\t1\t1.9\tCONSULT\tvisit\n190\tUse conventional military force\t4\t-10\tASSAULT\t-\n";

    #[test]
    fn reads_the_code_table() {
        let t = parse_cameo(TABLE, "cameo.tsv").unwrap();
        assert_eq!(t.len(), 2);
        assert_eq!(t[1].quad_class, QuadClass::MaterialConflict);
        assert_eq!(t[0].root(), "04");
        assert_eq!(t[0].goldstein, 1.9);
        let e = parse_cameo("042\tVisit\t7\t1\tCONSULT\tvisit\n", "c.tsv").unwrap_err();
        assert_eq!(e.to_string(), "c.tsv:1: quad_class is 1-4, not \"7\"");
    }

    #[test]
    fn reads_patterns_and_names_bad_lines() {
        let codes = parse_cameo(TABLE, "cameo.tsv").unwrap();
        let text = "# visits\n042  $ pay visit to +\n190\t~ $ offensive against +  # noun\n";
        let p = parse_event_patterns(text, "x.verbs", Some(&codes)).unwrap();
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].head, "pay");
        assert_eq!(
            p[0].parts,
            vec![
                Part::Source,
                Part::Word("visit".into()),
                Part::Word("to".into()),
                Part::Target
            ]
        );
        assert_eq!(p[0].specificity(), 2);
        assert!(p[1].noun && p[1].head == "offensive");
        assert_eq!(p[1].origin.line, 3);
        for (bad, msg) in [
            ("042 $ visit +", "want 'CODE  PATTERN'"),
            ("043  $ host +", "code 043 is not in the CAMEO table"),
            ("042  $ Visit +", "\"Visit\": words are lower-case lemmas"),
            ("042  $ +", "a pattern needs a head word"),
            ("042  visit", "a pattern needs $ or +"),
        ] {
            let e = parse_event_patterns(bad, "y.verbs", Some(&codes)).unwrap_err();
            assert_eq!(e.to_string(), format!("y.verbs:1: {msg}"));
        }
    }

    #[test]
    fn no_event_code_needs_no_table_entry() {
        let codes = parse_cameo(TABLE, "cameo.tsv").unwrap();
        let p = parse_event_patterns(
            "---  $ pay visit to + about\n042  $ pay visit to +\n",
            "x.verbs",
            Some(&codes),
        )
        .unwrap();
        assert_eq!(p[0].code, NO_EVENT);
        assert!(parse_event_patterns("--  $ pay visit to +\n", "x.verbs", Some(&codes)).is_err());
    }
}
