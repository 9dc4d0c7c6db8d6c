//! Sentence boundaries over the tokens of one paragraph.
//!
//! A boundary candidate is a terminator token (`.`, `!`, `?`, `…`, or an
//! abbreviation carrying its period) plus any closing quotes and brackets
//! right after it. Whether the candidate is a real boundary depends on the
//! kind of terminator and on the next token, as described on
//! [`View::breaks`].

use dyad_document::Span;

use crate::lexicon::{
    in_list, INITIALISM_CONTINUATIONS, LIST_ENDERS, NEVER_FINAL, SENTENCE_STARTERS, SPEECH_VERBS,
    TITLES,
};
use crate::tokenizer::char_at;

/// What ends a candidate sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// A bare `.` token.
    Period,
    /// `!` or `?`.
    Exclaim,
    /// `…` or `...`.
    Ellipsis,
    /// A word with its period kept (`Mr.`, `U.S.`, `etc.`).
    Abbrev(Abbrev),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Abbrev {
    /// `Mr.`, `Gen.`, `vs.`, `e.g.`: a name or phrase must follow.
    Title,
    /// `W.` in `George W. Bush`.
    Initial,
    /// `U.S.`, `U.N.`, `a.m.`.
    Initialism,
    /// `etc.`
    ListEnder,
    /// `Inc.`, `Jr.`, `Jan.` and other listed words.
    Other,
}

fn stop_kind(t: &str) -> Option<Stop> {
    match t {
        "." => return Some(Stop::Period),
        "!" | "?" | "‼" | "⁇" | "⁈" | "⁉" | "！" | "？" => return Some(Stop::Exclaim),
        "…" => return Some(Stop::Ellipsis),
        _ => {}
    }
    let w = t.strip_suffix('.')?;
    if w.is_empty() {
        return None;
    }
    if w.bytes().all(|b| b == b'.') {
        return Some(Stop::Ellipsis);
    }
    let kind = if in_list(TITLES, w) || in_list(NEVER_FINAL, w) {
        Abbrev::Title
    } else if in_list(LIST_ENDERS, w) {
        Abbrev::ListEnder
    } else if w.contains('.') {
        Abbrev::Initialism
    } else if w.chars().count() == 1 {
        Abbrev::Initial
    } else {
        Abbrev::Other
    };
    Some(Stop::Abbrev(kind))
}

fn first_char(t: &str) -> char {
    char_at(t, 0).0
}

/// Capitalised for our purpose: upper case, or a letter of a script without
/// case (Arabic, Chinese ...).
fn is_capitalised(c: char) -> bool {
    c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
}

/// The sentence splitter's view of the paragraph's tokens.
struct View<'a> {
    text: &'a str,
    tokens: &'a [Span],
}

impl View<'_> {
    fn tok(&self, i: usize) -> &str {
        &self.text[self.tokens[i].range()]
    }

    /// Straight quotes close when glued to the previous token (`said."`)
    /// and open when whitespace precedes them (`. "We`).
    fn glued(&self, i: usize) -> bool {
        i > 0 && self.tokens[i - 1].end == self.tokens[i].start
    }

    fn is_closer(&self, i: usize) -> bool {
        match self.tok(i) {
            "”" | "’" | "»" | "›" | ")" | "]" | "}" => true,
            "\"" | "'" => self.glued(i),
            _ => false,
        }
    }

    fn is_opener(&self, i: usize) -> bool {
        match self.tok(i) {
            "“" | "‘" | "«" | "‹" | "„" | "(" | "[" | "{" => true,
            "\"" | "'" => !self.glued(i),
            _ => false,
        }
    }

    /// `"Why?" Touma asked.`: a speech verb closing the clause within a few
    /// words after a quoted question keeps the quote in the sentence.
    fn speech_verb_follows(&self, from: usize) -> bool {
        for k in from..(from + 5).min(self.tokens.len()) {
            let t = self.tok(k);
            if in_list(SPEECH_VERBS, t) {
                return match self.tokens.get(k + 1) {
                    None => true,
                    Some(_) => matches!(self.tok(k + 1), "." | "," | ";" | "!" | "?"),
                };
            }
            if !first_char(t).is_alphabetic() {
                return false;
            }
        }
        false
    }

    /// Whether a sentence ends after the stop group whose last terminator
    /// is `stop`, given the next token `next`.
    ///
    /// * A lowercase next word never starts a sentence (`"Why?" he asked`).
    /// * `.` breaks before a capitalised word, a number or an opening quote
    ///   or bracket, except after a lone list number (`1. The ...`).
    /// * `!` `?` break likewise unless a closing quote is followed by a
    ///   speech verb (`"Why?" Touma asked.`).
    /// * `…` breaks only before a capitalised word.
    /// * An abbreviation breaks before a sentence starter (`The`, `He`,
    ///   ...); a dotted initialism also before any capitalised word that is
    ///   not a usual name continuation (`U.S. President` does not break,
    ///   `U.S. Russia` does); `etc.` before any capitalised word. Titles
    ///   (`Mr.`, `vs.`, `e.g.`) never break, not even before a starter. If a closing quote or
    ///   bracket follows the abbreviation, its period is read as a full stop.
    fn breaks(&self, stop: Stop, closed: bool, quoted: bool, next: usize, sent_len: usize) -> bool {
        let t = self.tok(next);
        let c = first_char(t);
        if c.is_lowercase() {
            return false;
        }
        let opener = self.is_opener(next);
        let cap = is_capitalised(c);
        let strong = cap || c.is_ascii_digit() || opener;
        // After an abbreviation only an opening quote (not a bracket, as in
        // `the U.N. (UNHCR) said`) signals a new sentence.
        let quote = opener && !matches!(t, "(" | "[" | "{");
        match stop {
            Stop::Period => {
                // `1. The first ...` at the start of a paragraph item.
                let list_item = sent_len == 2 && {
                    let w = self.tok(next - 2);
                    w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit())
                };
                // `a .45-caliber handgun`: a decimal point with no
                // leading zero, glued to the number after it and not to
                // the word before.
                let decimal = c.is_ascii_digit()
                    && self.tok(next - 1) == "."
                    && self.glued(next)
                    && !self.glued(next - 1);
                strong && !list_item && !decimal
            }
            Stop::Exclaim => strong && !(quoted && cap && self.speech_verb_follows(next)),
            Stop::Ellipsis => cap || (opener && self.next_word_capitalised(next)),
            Stop::Abbrev(_) if closed => strong,
            Stop::Abbrev(kind) => {
                if in_list(SENTENCE_STARTERS, t) {
                    return kind != Abbrev::Title;
                }
                match kind {
                    Abbrev::Title | Abbrev::Initial | Abbrev::Other => false,
                    Abbrev::Initialism => {
                        (cap && !in_list(INITIALISM_CONTINUATIONS, t.trim_end_matches('.')))
                            || quote
                    }
                    Abbrev::ListEnder => cap || quote,
                }
            }
        }
    }

    fn next_word_capitalised(&self, mut i: usize) -> bool {
        while i < self.tokens.len() && self.is_opener(i) {
            i += 1;
        }
        i < self.tokens.len() && is_capitalised(first_char(self.tok(i)))
    }
}

/// Splits a paragraph's tokens into sentences; calls `emit(first, last)`
/// with token index ranges `first..last` covering all tokens in order.
pub(crate) fn split(text: &str, tokens: &[Span], emit: &mut impl FnMut(usize, usize)) {
    let v = View { text, tokens };
    let n = tokens.len();
    let mut start = 0;
    let mut i = 0;
    while i < n {
        let Some(mut stop) = stop_kind(v.tok(i)) else {
            i += 1;
            continue;
        };
        // Absorb further stops and closing quotes/brackets: `?!`, `.”`,
        // `.)`, `.’”`.
        let mut j = i + 1;
        let mut closed = false;
        let mut quoted = false;
        while j < n {
            if v.is_closer(j) {
                closed = true;
                quoted |= !matches!(v.tok(j), ")" | "]" | "}");
            } else if let Some(s) = stop_kind(v.tok(j)) {
                stop = s;
                closed = false;
            } else {
                break;
            }
            j += 1;
        }
        if j < n && v.breaks(stop, closed, quoted, j, j - start) {
            emit(start, j);
            start = j;
        }
        i = j;
    }
    if start < n {
        emit(start, n);
    }
}
