//! PETRARCH verb pattern dictionaries.
//!
//! Both published files share one layout: synonym sets (`&NAME` then `+word`
//! lines), and verb blocks: a header `--- NAME [CODE] ---`, verb lines
//! (`GIVE {GAVE GIVEN GIVING} [070]`, multi-word verbs marking the verb with
//! `+`: `+BREAK_DOWN`), then pattern lines `- * &CURRENCY [903]`. A blank
//! line ends a block; a verb line outside a block starts one without header
//! (the TABARI layout, `### GRANT ###` being a comment). `CAMEO.2.0.txt` adds
//! `(...)` prepositional and `{...}` noun-phrase groups in patterns and a
//! closing section of `~` transformations.

use std::path::Path;

use crate::text::cut_hash;
use crate::{read_text, DictError, Loaded, Origin};

/// Which PETRARCH generation a verb file was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbFlavour {
    /// PETRARCH 1 (`PETR.Validate.verbs.txt`): `_` joins, `%`, `^`, `$`, `+`.
    Petrarch1,
    /// PETRARCH 2 (`CAMEO.2.0.txt`): adds `(...)`/`{...}` groups and `~`
    /// transformations.
    Petrarch2,
}

/// One element of a verb pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternToken {
    /// A literal word as written (upper case; a trailing `_` kept).
    Word(String),
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `*`: the slot where the verb itself stands.
    Any,
    /// `&NAME`: a synonym set (name without `&`).
    Synset(String),
    /// `%`: a compound actor (source and target in one phrase).
    Compound,
    /// `^`: skip the next noun phrase.
    Skip,
    /// `_` between two elements: they must be adjacent.
    Join,
    /// `(` or `{`: opens a prepositional (`(`) or noun-phrase (`{`) group.
    Open(char),
    /// `)` or `}`.
    Close(char),
    /// Anything else, as written (e.g. `*SCEPTICAL`).
    Other(String),
}

/// A `- ... [CODE]` line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbPattern {
    /// The line as written.
    pub raw: String,
    pub tokens: Vec<PatternToken>,
    /// The code in brackets as written: `042`, `042:043`, `:110`, `---`.
    pub code: String,
    pub origin: Origin,
}

/// A verb line of a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbWord {
    /// The verb as written: `GIVE`, `+BREAK_DOWN`, `WIRE_+TAP`.
    pub word: String,
    /// Irregular forms listed in `{...}` (`None` without braces; empty for
    /// `{}`).
    pub forms: Option<Vec<String>>,
    /// The verb's own code, if any.
    pub code: Option<String>,
    pub raw: String,
    pub origin: Origin,
}

/// A verb block: header, verbs, patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbBlock {
    /// The header's name (`ACCELERATE`); for a block without header, its
    /// first verb.
    pub name: String,
    /// The header's (first) code; for a block without header, the first
    /// verb's code.
    pub code: Option<String>,
    pub words: Vec<VerbWord>,
    pub patterns: Vec<VerbPattern>,
    /// The header line as written (the first verb line without header).
    pub raw: String,
    pub origin: Origin,
}

/// A synonym set `&NAME` and its `+` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Without `&` and without the trailing `_`.
    pub name: String,
    /// The label ended with `_`: PETRARCH makes no plurals of its phrases.
    pub no_plural: bool,
    /// The phrases as written, without `+` (may name other synsets:
    /// `&TIETYPES`).
    pub words: Vec<String>,
    /// The line of each phrase.
    pub word_lines: Vec<usize>,
    pub origin: Origin,
}

/// A PETRARCH 2 transformation line (`~ a (a b ATTACK) SAY = a b 015`), kept
/// as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    pub raw: String,
    pub origin: Origin,
}

/// A whole verb file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbDictionary {
    pub flavour: VerbFlavour,
    pub synsets: Vec<Synset>,
    pub blocks: Vec<VerbBlock>,
    pub transformations: Vec<Transformation>,
}

/// Reads a PETRARCH 1 verb file (`PETR.Validate.verbs.txt`).
pub fn read_verbs_petrarch1(path: impl AsRef<Path>) -> Result<Loaded<VerbDictionary>, DictError> {
    let (text, name) = read_text(path.as_ref())?;
    Ok(parse_verbs(&text, &name, VerbFlavour::Petrarch1))
}

/// Reads a PETRARCH 2 verb file (`CAMEO.2.0.txt`).
pub fn read_verbs_petrarch2(path: impl AsRef<Path>) -> Result<Loaded<VerbDictionary>, DictError> {
    let (text, name) = read_text(path.as_ref())?;
    Ok(parse_verbs(&text, &name, VerbFlavour::Petrarch2))
}

enum Open {
    None,
    Synset,
    Block,
}

/// Splits `TEXT [A] [B]` into the text before the first `[` and the bracket
/// contents; `Err` for an unclosed `[` or text after a `]`.
fn brackets(s: &str) -> Result<(&str, Vec<&str>), String> {
    let Some(first) = s.find('[') else {
        return Ok((s.trim(), Vec::new()));
    };
    let mut codes = Vec::new();
    let mut rest = &s[first..];
    while let Some(body) = rest.strip_prefix('[') {
        let Some(close) = body.find(']') else {
            return Err(format!("unclosed [ in {:?}", s.trim()));
        };
        codes.push(body[..close].trim());
        rest = body[close + 1..].trim_start();
    }
    if !rest.is_empty() {
        return Err(format!("unexpected text after the code: {rest:?}"));
    }
    Ok((s[..first].trim(), codes))
}

/// Tokenises a pattern body (the text between `-` and the code).
pub(crate) fn tokenize(body: &str) -> Vec<PatternToken> {
    let mut out = Vec::new();
    for chunk in body.split_whitespace() {
        let mut word = String::new();
        let chars: Vec<char> = chunk.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            match c {
                '(' | '{' | ')' | '}' | '_' => {
                    if c == '_' {
                        let next = chars.get(i + 1);
                        let ends = next.is_none_or(|n| matches!(n, ')' | '}'));
                        if ends && !word.is_empty() {
                            word.push('_'); // TABARI "whole word" marker
                            continue;
                        }
                    }
                    if !word.is_empty() {
                        out.push(classify(std::mem::take(&mut word)));
                    }
                    out.push(match c {
                        '(' | '{' => PatternToken::Open(c),
                        ')' | '}' => PatternToken::Close(c),
                        _ => PatternToken::Join,
                    });
                }
                _ => word.push(c),
            }
        }
        if !word.is_empty() {
            out.push(classify(word));
        }
    }
    out
}

fn classify(w: String) -> PatternToken {
    match w.as_str() {
        "*" => PatternToken::Any,
        "$" => PatternToken::Source,
        "+" => PatternToken::Target,
        "%" => PatternToken::Compound,
        "^" => PatternToken::Skip,
        _ => {
            if let Some(name) = w.strip_prefix('&') {
                if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric()) {
                    return PatternToken::Synset(name.to_string());
                }
            }
            let ok = w.chars().next().is_some_and(|c| c.is_alphanumeric())
                && w.chars()
                    .all(|c| c.is_alphanumeric() || "-'./,:_".contains(c));
            if ok {
                PatternToken::Word(w)
            } else {
                PatternToken::Other(w)
            }
        }
    }
}

/// Parses a verb file of either flavour; `file` names it in errors.
pub fn parse_verbs(text: &str, file: &str, flavour: VerbFlavour) -> Loaded<VerbDictionary> {
    let mut d = VerbDictionary {
        flavour,
        synsets: Vec::new(),
        blocks: Vec::new(),
        transformations: Vec::new(),
    };
    let mut errors = Vec::new();
    let mut open = Open::None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let origin = Origin {
            file: file.to_string(),
            line: n,
        };
        if raw.starts_with('<') {
            continue;
        }
        let line = cut_hash(raw).trim();
        if line.is_empty() {
            if matches!(open, Open::Block) {
                open = Open::None;
            }
            continue;
        }
        let mut err = |m: String| errors.push(DictError::new(file, n, m));
        if line.starts_with("---") {
            // `--- NAME [CODE] ---`; a few headers read `[110]---  ---`.
            let inner = line.trim_start_matches('-');
            let inner = match inner.rfind(']') {
                Some(c)
                    if inner[c + 1..]
                        .chars()
                        .all(|ch| ch == '-' || ch.is_whitespace()) =>
                {
                    &inner[..=c]
                }
                _ => inner.trim_end_matches('-'),
            }
            .trim();
            match brackets(inner) {
                Ok((name, codes)) => {
                    d.blocks.push(VerbBlock {
                        name: name.to_string(),
                        code: codes.first().map(|c| c.to_string()),
                        words: Vec::new(),
                        patterns: Vec::new(),
                        raw: raw.to_string(),
                        origin,
                    });
                    open = Open::Block;
                }
                Err(m) => {
                    err(m);
                    open = Open::None;
                }
            }
        } else if let Some(label) = line.strip_prefix('&') {
            let label = label.trim();
            let name = label.trim_end_matches('_');
            if name.is_empty() || name.contains(char::is_whitespace) {
                err(format!("bad synset label &{label}"));
                open = Open::None;
                continue;
            }
            d.synsets.push(Synset {
                name: name.to_string(),
                no_plural: label.ends_with('_'),
                words: Vec::new(),
                word_lines: Vec::new(),
                origin,
            });
            open = Open::Synset;
        } else if line.starts_with('~') {
            d.transformations.push(Transformation {
                raw: raw.to_string(),
                origin,
            });
        } else if let Some(body) = line.strip_prefix('-') {
            if !matches!(open, Open::Block) && d.blocks.is_empty() {
                err("pattern before any verb block".into());
                continue;
            }
            if matches!(open, Open::Synset) {
                err("pattern inside a synonym set".into());
                continue;
            }
            let (body, code) = match body.rfind('[') {
                Some(o) => match body[o..].find(']') {
                    Some(c) if body[o + c + 1..].trim().is_empty() => {
                        (&body[..o], body[o + 1..o + c].trim())
                    }
                    Some(_) => {
                        err(format!("unexpected text after the code in {line:?}"));
                        continue;
                    }
                    None => {
                        err(format!("unclosed [ in pattern {line:?}"));
                        continue;
                    }
                },
                None => {
                    err(format!("pattern without a [CODE]: {line:?}"));
                    continue;
                }
            };
            if code.is_empty() {
                err("empty pattern code []".into());
                continue;
            }
            let block = d.blocks.last_mut().expect("a block exists");
            block.patterns.push(VerbPattern {
                raw: raw.to_string(),
                tokens: tokenize(body),
                code: code.to_string(),
                origin,
            });
        } else if matches!(open, Open::Synset) && line.starts_with('+') {
            let s = d.synsets.last_mut().expect("open synset");
            s.words.push(line[1..].trim().to_string());
            s.word_lines.push(n);
        } else {
            // a verb line
            let (head, codes) = match brackets(line) {
                Ok(x) => x,
                Err(m) => {
                    err(m);
                    continue;
                }
            };
            let (word, forms) = match head.find('{') {
                Some(b) => match head[b..].find('}') {
                    Some(e) if head[b + e + 1..].trim().is_empty() => (
                        head[..b].trim(),
                        Some(
                            head[b + 1..b + e]
                                .split_whitespace()
                                .map(str::to_string)
                                .collect(),
                        ),
                    ),
                    Some(_) => {
                        err(format!("unexpected text after '}}' in {line:?}"));
                        continue;
                    }
                    None => {
                        err(format!("missing '}}' in {line:?}"));
                        continue;
                    }
                },
                None => (head, None),
            };
            if word.is_empty() || codes.len() > 1 {
                err(format!("bad verb line {line:?}"));
                continue;
            }
            let code = codes.first().map(|c| c.to_string());
            if !matches!(open, Open::Block) {
                d.blocks.push(VerbBlock {
                    name: word.trim_start_matches('+').to_string(),
                    code: code.clone(),
                    words: Vec::new(),
                    patterns: Vec::new(),
                    raw: raw.to_string(),
                    origin: origin.clone(),
                });
                open = Open::Block;
            }
            let block = d.blocks.last_mut().expect("open block");
            block.words.push(VerbWord {
                word: word.to_string(),
                forms,
                code,
                raw: raw.to_string(),
                origin,
            });
        }
    }
    Loaded { value: d, errors }
}

#[cfg(test)]
mod tests {
    use super::*;
    use PatternToken::*;

    fn w(s: &str) -> PatternToken {
        Word(s.to_string())
    }

    #[test]
    fn tokens() {
        assert_eq!(
            tokenize(" * NEW_&TIETYPES_RELATIONS "),
            [
                Any,
                w("NEW"),
                Join,
                Synset("TIETYPES".into()),
                Join,
                w("RELATIONS")
            ]
        );
        assert_eq!(tokenize("IN_ *"), [w("IN_"), Any]);
        assert_eq!(
            tokenize("SUGGESTED_+ * $ % ^"),
            [w("SUGGESTED"), Join, Target, Any, Source, Compound, Skip]
        );
        assert_eq!(
            tokenize("* (OF {&WEAPON ATTACK}) +)"),
            [
                Any,
                Open('('),
                w("OF"),
                Open('{'),
                Synset("WEAPON".into()),
                w("ATTACK"),
                Close('}'),
                Close(')'),
                Target,
                Close(')')
            ]
        );
        assert_eq!(
            tokenize("*SCEPTICAL U.N. CEASE-FIRE"),
            [Other("*SCEPTICAL".into()), w("U.N."), w("CEASE-FIRE")]
        );
    }

    const P1: &str = "\
<!-- SYNSETS -->
&CURRENCY
+DOLLARS
+AUSTRIAN FLORIN  # note

&PREPOSIT1_
+AGAINST

--- ABANDON  [345]  ---
ABANDON    # pas
+ABC_DEF_GHI
KLM_NOP_+RST [002]
BREAK { BROKE BROKEN  }
- * NEW_&TIETYPES_RELATIONS [903] #  -PAS
- * DIPLXMATIC  [
- * EFFORT
- % * [030:030]

### GRANT ###
GRANT [070]
GIVE {GAVE GIVEN GIVING }  # jw
- * &CURRENCY [903]
FOO {BAR
";

    #[test]
    fn petrarch1() {
        let l = parse_verbs(P1, "v.txt", VerbFlavour::Petrarch1);
        let d = &l.value;
        assert_eq!(d.synsets.len(), 2);
        assert_eq!(d.synsets[0].words, ["DOLLARS", "AUSTRIAN FLORIN"]);
        assert_eq!(d.synsets[0].word_lines, [3, 4]);
        assert_eq!(d.synsets[1].name, "PREPOSIT1");
        assert!(d.synsets[1].no_plural);
        assert_eq!(d.blocks.len(), 2);
        let b = &d.blocks[0];
        assert_eq!(
            (b.name.as_str(), b.code.as_deref()),
            ("ABANDON", Some("345"))
        );
        assert_eq!(b.words.len(), 4);
        assert_eq!(b.words[2].code.as_deref(), Some("002"));
        assert_eq!(b.words[2].word, "KLM_NOP_+RST");
        assert_eq!(
            b.words[3].forms,
            Some(vec!["BROKE".into(), "BROKEN".into()])
        );
        assert_eq!(b.patterns.len(), 2);
        assert_eq!(b.patterns[1].code, "030:030");
        assert_eq!(b.patterns[1].origin.line, 17);
        assert_eq!(
            b.patterns[0].raw,
            "- * NEW_&TIETYPES_RELATIONS [903] #  -PAS"
        );
        let g = &d.blocks[1];
        assert_eq!((g.name.as_str(), g.code.as_deref()), ("GRANT", Some("070")));
        assert_eq!(g.words.len(), 2);
        assert_eq!(g.patterns.len(), 1);
        let lines: Vec<usize> = l.errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [15, 16, 23], "{:?}", l.errors);
        assert!(l.errors[0].to_string().starts_with("v.txt:15: unclosed ["));
    }

    #[test]
    fn petrarch2() {
        let text = "\
---  ANGER   [---]  ---
+ANGERED_BY {}
ANGER 
- * (TO BORDER) $   [154]         # RUSH

---  DELAY [120]  [031:031]---  ---
AIM [030]

- * LOST [010]
~ a (a b ATTACK) SAY = a b 015
";
        let l = parse_verbs(text, "c.txt", VerbFlavour::Petrarch2);
        let d = &l.value;
        assert_eq!(d.blocks.len(), 2);
        assert_eq!(d.blocks[0].words[0].forms, Some(vec![]));
        assert_eq!(d.blocks[0].patterns[0].tokens.len(), 6);
        assert_eq!(d.blocks[1].code.as_deref(), Some("120"));
        // a pattern after the blank line still belongs to the last block
        assert_eq!(d.blocks[1].patterns.len(), 1);
        assert_eq!(d.transformations.len(), 1);
        assert!(l.errors.is_empty());
    }
}
