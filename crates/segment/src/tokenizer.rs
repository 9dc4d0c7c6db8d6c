//! Penn-Treebank-style tokenizer over byte offsets.
//!
//! The text is cut at whitespace into chunks; each chunk is then scanned
//! left to right for words (letters and digits joined by the few connectors
//! that keep a unit whole: `pro-government`, `1,000`, `3.5`, `U.S`,
//! `don't`), URLs, e-mail addresses, handles, hashtags and single
//! punctuation marks. Words then lose their clitics (`do` `n't`) and may take
//! a following period when they are abbreviations (`Mr.`, `U.S.`).
//!
//! Everything is a byte scan with an ASCII fast path; no allocation besides
//! the caller's output, which keeps the stage well above 50 MB/s.

use crate::lexicon::{
    in_list, ABBREVIATIONS, CLITICS, DOMAIN_SUFFIXES, LIST_ENDERS, NEVER_FINAL, NUMBER_PREFIXES,
    TITLES,
};

/// The character at byte `i` and its length in bytes.
#[inline]
pub(crate) fn char_at(s: &str, i: usize) -> (char, usize) {
    let b = s.as_bytes()[i];
    if b < 0x80 {
        (b as char, 1)
    } else {
        let c = s[i..].chars().next().unwrap_or(' ');
        (c, c.len_utf8())
    }
}

/// The character ending at byte `i`, if any.
#[inline]
fn char_before(s: &str, i: usize) -> Option<char> {
    let b = *s.as_bytes().get(i.wrapping_sub(1))?;
    if b < 0x80 {
        Some(b as char)
    } else {
        s[..i].chars().next_back()
    }
}

/// Whitespace, including the zero-width characters that HTML extraction
/// leaves behind (they must not glue or split words).
#[inline]
pub(crate) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_whitespace() || c == '\u{0B}'
    } else {
        c.is_whitespace() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
    }
}

/// Letters and digits of any script; ZWNJ/ZWJ are part of Persian and
/// Indic words.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        // General Punctuation (curly quotes, dashes, `…`) is frequent in
        // news; skip the slow Unicode table lookup for it.
        matches!(c, '\u{200C}' | '\u{200D}')
    } else {
        c.is_alphanumeric()
    }
}

/// Calls `emit(start, end)` for every token of `text`, in order.
pub(crate) fn tokenize_with(text: &str, emit: &mut impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    while i < n {
        let (c, len) = char_at(text, i);
        if is_space(c) {
            i += len;
            continue;
        }
        // One whitespace-delimited chunk (ASCII fast path).
        let mut end = i + len;
        let mut has_at = c == '@';
        while end < n {
            let b = bytes[end];
            if b > b' ' && b < 0x80 {
                has_at |= b == b'@';
                end += 1;
                continue;
            }
            let (c, len) = char_at(text, end);
            if is_space(c) {
                break;
            }
            end += len;
        }
        let mut p = i;
        while p < end {
            p = next_token(text, p, end, has_at, emit);
        }
        i = end;
    }
}

/// Emits the token starting at `p` (inside a chunk ending at `end`) and
/// returns where the next one starts.
fn next_token(
    text: &str,
    p: usize,
    end: usize,
    has_at: bool,
    emit: &mut impl FnMut(usize, usize),
) -> usize {
    let bytes = text.as_bytes();
    let (c, len) = char_at(text, p);
    if is_word_char(c) {
        if let Some(e) = url_at(text, p, end) {
            emit(p, e);
            return e;
        }
        if has_at {
            if let Some(e) = email_at(text, p, end) {
                emit(p, e);
                return e;
            }
        }
        return word(text, p, end, emit);
    }
    let after = p + len;
    match c {
        // Handles and hashtags: `@UN`, `#Syria` (a tag needs a letter, so
        // `#1` stays `#` `1`).
        '@' | '#' => {
            let mut e = after;
            let mut letter = false;
            while e < end {
                let (d, l) = char_at(text, e);
                if !(is_word_char(d) || d == '_') {
                    break;
                }
                letter |= d.is_alphabetic();
                e += l;
            }
            if e > after && (c == '@' || letter) {
                emit(p, e);
                return e;
            }
        }
        // Runs of periods (`...`) and hyphens (`--`) are one token.
        '.' | '-' => {
            let mut e = after;
            while e < end && bytes[e] == c as u8 {
                e += 1;
            }
            emit(p, e);
            return e;
        }
        // `’s` after a closing bracket or quote: `(PKK)’s`.
        '\'' | '’'
            if p > 0
                && !is_space(char_before(text, p).unwrap_or(' '))
                && after < end
                && matches!(bytes[after], b's' | b'S')
                && (after + 1 == end || !is_word_char(char_at(text, after + 1).0)) =>
        {
            emit(p, after + 1);
            return after + 1;
        }
        _ => {}
    }
    emit(p, after);
    after
}

/// `http://…`, `https://…` or `www.…` up to the end of the chunk, minus
/// trailing punctuation that belongs to the sentence.
fn url_at(text: &str, p: usize, end: usize) -> Option<usize> {
    let rest = &text.as_bytes()[p..end];
    if !matches!(rest[0], b'h' | b'H' | b'w' | b'W') {
        return None;
    }
    let starts = |pre: &[u8]| rest.len() > pre.len() && rest[..pre.len()].eq_ignore_ascii_case(pre);
    if !(starts(b"http://") || starts(b"https://") || starts(b"www.")) {
        return None;
    }
    let mut e = p;
    let mut depth = 0i32;
    while e < end {
        let (c, l) = char_at(text, e);
        match c {
            '"' | '<' | '>' | '“' | '”' | '«' | '»' => break,
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        e += l;
    }
    // Trailing `.,;:!?` and quotes end the sentence; a `)` only when it
    // closes nothing inside the URL (wiki-style `Foo_(bar)` keeps it).
    while e > p {
        let c = char_before(text, e).unwrap_or(' ');
        let strip = match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '’' | ']' | '}' => true,
            ')' if depth < 0 => {
                depth += 1;
                true
            }
            _ => false,
        };
        if !strip {
            break;
        }
        e -= c.len_utf8();
    }
    Some(e)
}

/// `name.surname@example.org`, or `None` when the chunk holds no address
/// starting at `p`.
fn email_at(text: &str, p: usize, end: usize) -> Option<usize> {
    let b = text.as_bytes();
    let local = |x: u8| x.is_ascii_alphanumeric() || matches!(x, b'.' | b'_' | b'%' | b'+' | b'-');
    let mut at = p;
    while at < end && local(b[at]) {
        at += 1;
    }
    if at >= end || b[at] != b'@' {
        return None;
    }
    let mut e = at + 1;
    while e < end && (b[e].is_ascii_alphanumeric() || matches!(b[e], b'.' | b'-')) {
        e += 1;
    }
    while e > at + 1 && matches!(b[e - 1], b'.' | b'-') {
        e -= 1;
    }
    let domain = &b[at + 1..e];
    let dot = domain.iter().rposition(|&x| x == b'.')?;
    (dot > 0 && dot + 1 < domain.len()).then_some(e)
}

/// Scans a word from `start`, emits it (split into clitics, with an
/// attached abbreviation period) and returns the end.
fn word(text: &str, start: usize, end: usize, emit: &mut impl FnMut(usize, usize)) -> usize {
    let b = text.as_bytes();
    let mut i = start;
    // Start of the segment after the last joined period, for `U.S` and
    // `bbc.co.uk`; `first_seg_end` is where the first segment ends.
    let mut seg_start = start;
    let mut first_seg_end = None;
    let mut has_apostrophe = false;
    loop {
        while i < end {
            let (c, l) = char_at(text, i);
            if !is_word_char(c) {
                break;
            }
            i += l;
        }
        if i >= end {
            break;
        }
        let (c, l) = char_at(text, i);
        let after = i + l;
        let next = (after < end).then(|| char_at(text, after).0);
        let prev_digit = i > start && b[i - 1].is_ascii_digit();
        let next_digit = next.is_some_and(|n| n.is_ascii_digit());
        let join = match c {
            // pro-government, 2024-12-04; soft hyphens too.
            '-' | '\u{2010}' | '\u{2011}' | '\u{AD}' => next.is_some_and(is_word_char),
            // don't, Assad's, O'Brien (clitics are split off below).
            '\'' | '’' => {
                let j = next.is_some_and(char::is_alphabetic);
                has_apostrophe |= j;
                j
            }
            '.' => match next {
                // 3.5, 1.2bn, version 2.0.1
                Some(n) if prev_digit && n.is_ascii_digit() => true,
                // U.S, a.m, e.g: every segment one letter.
                Some(n) if n.is_alphabetic() && single_letter(text, seg_start, i) => true,
                // Ph.D.: a short segment before a single letter and a dot.
                Some(n)
                    if n.is_uppercase()
                        && i - seg_start <= 2
                        && b.get(after + n.len_utf8()) == Some(&b'.') =>
                {
                    true
                }
                // U.S.-backed: let the hyphen rule take over after the dot.
                Some('-') if first_seg_end.is_some() && single_letter(text, seg_start, i) => {
                    after + 1 < end && is_word_char(char_at(text, after + 1).0)
                }
                // bbc.com, un.org
                Some(n) if n.is_ascii_lowercase() => is_domain_suffix(text, after, end),
                _ => false,
            },
            // 1,000 and 12,500,000 but not `2011,2012`.
            ',' => {
                prev_digit
                    && after + 3 <= end
                    && b[after..after + 3].iter().all(u8::is_ascii_digit)
                    && (after + 3 == end || !b[after + 3].is_ascii_digit())
            }
            // 10:30, 24/7, 9/11
            ':' | '/' => prev_digit && next_digit,
            // AT&T, S&P
            '&' => {
                i > start
                    && b[i - 1].is_ascii_uppercase()
                    && next.is_some_and(|n| n.is_ascii_uppercase())
            }
            _ => false,
        };
        if !join {
            break;
        }
        if c == '.' {
            first_seg_end.get_or_insert(i);
            seg_start = after;
        }
        i = after;
    }

    // A following period joins the word when the word is an abbreviation,
    // but never when it starts an ellipsis (`said...`).
    if i < end && b[i] == b'.' && !(i + 1 < end && b[i + 1] == b'.') {
        let attach = match first_seg_end {
            // U.S., a.m., Ph.D. but not bbc.co.uk or 3.5
            Some(f) => {
                f - start <= 2
                    && text[start..f].chars().all(char::is_alphabetic)
                    && i - seg_start <= 2
                    && text[seg_start..i].chars().all(char::is_alphabetic)
            }
            None => takes_period(text, start, i),
        };
        if attach {
            emit(start, i + 1);
            return i + 1;
        }
    }
    if has_apostrophe {
        emit_with_clitics(text, start, i, emit);
    } else {
        emit(start, i);
    }
    i
}

/// Whether `text[s..e]` is exactly one letter.
#[inline]
fn single_letter(text: &str, s: usize, e: usize) -> bool {
    e > s && {
        let (c, l) = char_at(text, s);
        s + l == e && c.is_alphabetic()
    }
}

/// Whether the lowercase run at `p` is a domain suffix ending the word.
fn is_domain_suffix(text: &str, p: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let mut e = p;
    while e < end && b[e].is_ascii_lowercase() {
        e += 1;
    }
    (e == end || !is_word_char(char_at(text, e).0)) && in_list(DOMAIN_SUFFIXES, &text[p..e])
}

/// Whether the plain word `text[s..dot]` keeps the period at `dot`.
fn takes_period(text: &str, s: usize, dot: usize) -> bool {
    let w = &text[s..dot];
    if in_list(NUMBER_PREFIXES, w) {
        // `No. 10`, but `The answer was no.`
        let rest = text[dot + 1..].trim_start();
        return rest.as_bytes().first().is_some_and(u8::is_ascii_digit);
    }
    // Single capital initials (`George W. Bush`); `I.` is the pronoun.
    if single_letter(text, s, dot) && w != "I" {
        return w.chars().all(char::is_uppercase);
    }
    [TITLES, ABBREVIATIONS, NEVER_FINAL, LIST_ENDERS]
        .iter()
        .any(|list| in_list(list, w))
}

/// Emits `text[s..e]` split before a clitic: `do` `n't`, `Assad` `'s`,
/// `they` `'re`. Other apostrophes (`O'Brien`, `Sana'a`) stay inside.
fn emit_with_clitics(text: &str, s: usize, e: usize, emit: &mut impl FnMut(usize, usize)) {
    let w = &text[s..e];
    let lower_ends = |suffix: &str| {
        w.len() >= suffix.len()
            && w.is_char_boundary(w.len() - suffix.len())
            && w[w.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    for nt in ["n't", "n’t"] {
        if lower_ends(nt) && w.len() > nt.len() {
            let cut = e - nt.len();
            emit(s, cut);
            emit(cut, e);
            return;
        }
    }
    if let Some(apos) = w.rfind(['\'', '’']) {
        let alen = if w.as_bytes()[apos] == b'\'' { 1 } else { 3 };
        let suffix = &w[apos + alen..];
        if apos > 0 && CLITICS.iter().any(|c| c.eq_ignore_ascii_case(suffix)) {
            emit(s, s + apos);
            emit(s + apos, e);
            return;
        }
    }
    emit(s, e);
}
