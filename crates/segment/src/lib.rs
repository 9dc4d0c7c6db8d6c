//! Sentence segmentation and tokenisation for English news.
//!
//! This stage reads [`Document::text`] and [`Document::paragraphs`] and
//! fills [`Document::tokens`] and [`Document::sentences`]. Everything later
//! (POS tagging, parsing, actor and event coding) works sentence by sentence
//! on these tokens, so the tokens follow Penn Treebank conventions, which the
//! usual taggers and parsers were trained on, and the sentences follow
//! news-wire punctuation (quotes, titles, initialisms) rather than a generic
//! "split at every period".
//!
//! Public API: [`segment`] and [`tokenize`].
//!
//! # Tokens
//!
//! * Words and numbers stay whole: `pro-government`, `Iran-backed`,
//!   `1,000`, `3.5`, `2024-12-04`, `10:30`, `AT&T`; currency signs and `%`
//!   are separate (`$` `5bn`).
//! * Punctuation is one token per mark (`,` `(` `”` `—` ...); runs of
//!   periods (`...`) or hyphens (`--`) are one token.
//! * Clitics are split: `do` `n't`, `ca` `n't`, `Assad` `’s`, `they` `'re`;
//!   a trailing apostrophe is its own token (`Russians` `'`). Other
//!   apostrophes stay inside (`O'Brien`, `Sana'a`).
//! * Abbreviations keep their period: titles (`Mr.`, `Gen.`), months
//!   (`Jan.`), `Inc.`, `etc.`, `No.` before a number, single capital initials
//!   (`W.`) and dotted initialisms (`U.S.`, `U.N.`, `a.m.`, `U.S.-backed`).
//!   **Choice:** when such a word ends a sentence (`... based in the U.S.`)
//!   its period does double duty: `U.S.` stays one token and no extra `.`
//!   token is added, as in the Penn Treebank text itself.
//! * URLs, e-mail addresses, `@handles` and `#hashtags` are one token.
//!
//! # Sentences
//!
//! A sentence never crosses a paragraph (when `paragraphs` is empty, the
//! text is split at blank lines), so a headline or dateline without final
//! punctuation that stands as its own paragraph is its own sentence. Inside
//! a paragraph a sentence ends after `.` `!` `?` `…` or an abbreviation,
//! together with the closing quotes and brackets right after it (`he
//! said.”`, `(See below.)`), when the next token looks like a sentence
//! start:
//!
//! * never before a lowercase word (`“Why?” he asked.`), nor before `,`
//!   (`“We will stay,” said Ahmed Touma, ...` never breaks);
//! * after `.` `!` `?`: before a capitalised word, a number or an opening
//!   quote or bracket; a quoted `?`/`!` followed within a few words by a
//!   speech verb (`“Why?” Touma asked.`) does not break;
//! * after `…`: only before a capitalised word;
//! * after an abbreviation: before a common sentence starter (`The`, `He`,
//!   `In`, ... see `lexicon::SENTENCE_STARTERS`), except after titles
//!   (`Mr.`); after a dotted initialism also before any capitalised word that
//!   does not usually continue a name (`U.S. President` stays, `U.S. Russia`
//!   breaks); after `etc.` before any capitalised word.
//!
//! Sentence spans run from their first token to their last, so they are
//! trimmed. The word lists live in `lexicon.rs`.
//!
//! # Speed
//!
//! Both passes are single byte scans with an ASCII fast path and no
//! per-token allocation. `cargo test --release -p dyad-segment -- --ignored
//! --nocapture throughput` prints the rate over 64 MB of 8 KB articles: on
//! one core of the development machine 100-140 MB/s for [`segment`]
//! (tokens, sentences and the output vectors) and 250-290 MB/s for [`tokenize`]
//! alone.

use dyad_document::{Document, Sentence, Span, Token};

mod lexicon;
mod sentences;
mod tokenizer;

#[cfg(test)]
mod tests;

/// Fill `doc.sentences` and `doc.tokens` from `doc.text` and
/// `doc.paragraphs` (if `paragraphs` is empty, split on blank lines
/// `"\n\n"`). A sentence never crosses a paragraph. Existing sentences and
/// tokens are replaced; `doc.paragraphs` is left as it is.
pub fn segment(doc: &mut Document) {
    let text = doc.text.as_str();
    let paragraphs = if doc.paragraphs.is_empty() {
        blank_line_paragraphs(text)
    } else {
        clean_paragraphs(text, &doc.paragraphs)
    };
    let tokens = &mut doc.tokens;
    let sentences = &mut doc.sentences;
    tokens.clear();
    sentences.clear();
    tokens.reserve(text.len() / 5);
    let mut spans = Vec::new();
    for p in paragraphs {
        spans.clear();
        tokenizer::tokenize_with(&text[p.range()], &mut |s, e| {
            spans.push(Span::new(p.start + s, p.start + e))
        });
        let base = tokens.len();
        tokens.extend(spans.iter().map(|&span| Token::new(span)));
        sentences::split(text, &spans, &mut |first, last| {
            sentences.push(Sentence {
                span: Span::new(spans[first].start, spans[last - 1].end),
                first_token: base + first,
                last_token: base + last,
            })
        });
    }
}

/// Split every sentence longer than `max_tokens` into pieces of at most
/// that many, each ending at the last `;`, `:`, `,` or dash of its window
/// where there is one (else at the window's end). The parser and the coder
/// read one sentence at a time; a run-on "sentence" of thousands of tokens
/// (a list, a table, text without stops) would otherwise cost them far
/// more than its length. Returns how many sentences were split.
pub fn cap_sentences(doc: &mut Document, max_tokens: usize) -> usize {
    let max_tokens = max_tokens.max(2);
    if doc
        .sentences
        .iter()
        .all(|s| s.last_token - s.first_token <= max_tokens)
    {
        return 0;
    }
    let mut split = 0;
    let mut out = Vec::with_capacity(doc.sentences.len());
    for s in std::mem::take(&mut doc.sentences) {
        if s.last_token - s.first_token <= max_tokens {
            out.push(s);
            continue;
        }
        split += 1;
        let mut first = s.first_token;
        while first < s.last_token {
            let mut last = (first + max_tokens).min(s.last_token);
            if last < s.last_token {
                // Break after the last clause punctuation in the back half.
                let lo = first + max_tokens / 2;
                if let Some(k) = (lo..last).rev().find(|&k| {
                    matches!(
                        &doc.text[doc.tokens[k].span.range()],
                        ";" | ":" | "," | "—" | "–" | "--"
                    )
                }) {
                    last = k + 1;
                }
            }
            out.push(Sentence {
                span: Span::new(doc.tokens[first].span.start, doc.tokens[last - 1].span.end),
                first_token: first,
                last_token: last,
            });
            first = last;
        }
    }
    doc.sentences = out;
    split
}

/// Lower-level, for other stages and tests: tokens of a piece of text as
/// byte spans (relative to `text`).
pub fn tokenize(text: &str) -> Vec<Span> {
    let mut out = Vec::with_capacity(text.len() / 5);
    tokenizer::tokenize_with(text, &mut |s, e| out.push(Span::new(s, e)));
    out
}

/// Paragraphs separated by lines that are empty or blank.
fn blank_line_paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    for (i, b) in text.bytes().enumerate() {
        if b != b'\n' {
            continue;
        }
        if text[line_start..i].trim().is_empty() && line_start > start {
            out.push(Span::new(start, line_start));
            start = i + 1;
        }
        line_start = i + 1;
    }
    out.push(Span::new(start, text.len()));
    out.retain(|p| !text[p.range()].trim().is_empty());
    out
}

/// Given paragraphs, sorted and clipped so that they lie inside the text,
/// on char boundaries and do not overlap (a bad span must not panic).
fn clean_paragraphs(text: &str, paragraphs: &[Span]) -> Vec<Span> {
    let mut ps: Vec<Span> = paragraphs.to_vec();
    ps.sort();
    let mut out = Vec::with_capacity(ps.len());
    let mut prev_end = 0;
    for p in ps {
        let start = p.start.max(prev_end);
        let end = p.end.min(text.len());
        if start >= end || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
            continue;
        }
        out.push(Span::new(start, end));
        prev_end = end;
    }
    out
}
