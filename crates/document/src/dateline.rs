//! Datelines: "MANSFIELD, Ohio (AP) --", "BRUSSELS —" at the head of an
//! article's first paragraphs. The capitalised run names where the story
//! was filed; it anchors the article's other places.

use crate::{Document, Token};

/// Dashes that end a dateline.
const DASHES: &[&str] = &["--", "—", "–", "-", "―", ":"];

/// Is a token a word written in capitals ("MANSFIELD", "ST.", "D.C.")?
fn caps_word(w: &str) -> bool {
    w.chars().any(|c| c.is_alphabetic())
        && w.chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '\'' || c == '-' || c == '’')
}

/// The token range `[a, b)` (document token indices) of each dateline's
/// capitalised place name: the leading run of capitalised words of a
/// paragraph's first sentence (one of the first three paragraphs), when
/// within a few tokens a dash follows it, with only a region (", Ohio"),
/// an agency ("(AP)") or a date between.
pub fn datelines(doc: &Document) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // Sentences that open a line (a paragraph), among the first few.
    let heads = doc
        .sentences
        .iter()
        .filter(|s| {
            doc.text[..s.span.start]
                .trim_end_matches([' ', '\t'])
                .chars()
                .next_back()
                .is_none_or(|c| c == '\n')
        })
        .take(3);
    for sent in heads {
        let toks: &[Token] = &doc.tokens[sent.first_token..sent.last_token];
        let word = |i: usize| doc.slice(toks[i].span);
        let mut b = 0;
        while b < toks.len() && b < 5 && caps_word(word(b)) {
            b += 1;
        }
        if b == 0 || b == toks.len() {
            continue;
        }
        // A lone capital letter or a two-letter acronym opening a sentence
        // ("A", "US") is no dateline by itself.
        let letters: usize = (0..b)
            .map(|i| word(i).chars().filter(|c| c.is_alphabetic()).count())
            .sum();
        if letters < 3 {
            continue;
        }
        // What may stand between the name and the dash.
        let mut k = b;
        let mut depth = 0i32;
        let mut dashed = false;
        while k < toks.len() && k < b + 10 {
            let w = word(k);
            if DASHES.contains(&w) && depth == 0 {
                dashed = true;
                break;
            }
            match w {
                "(" => depth += 1,
                ")" => depth -= 1,
                "," | "." => {}
                _ if depth > 0 => {}
                _ if w
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()) => {}
                _ => break,
            }
            k += 1;
        }
        if dashed {
            out.push((sent.first_token, sent.first_token + b));
        }
    }
    out
}
