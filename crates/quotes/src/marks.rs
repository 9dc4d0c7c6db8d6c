//! Quotation marks: which way each one faces, and how they pair into
//! quoted spans, robust to marks that are missing or stray.

use dyad_document::Span;

/// Which way a mark faces, judged from the mark and its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Open,
    Close,
    /// A straight `"` glued on both sides or free on both: it toggles.
    Either,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Mark {
    pub span: Span,
    pub side: Side,
}

/// A quoted span as the marks delimit it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Raw {
    pub open: Span,
    /// `None` when the closing mark is missing.
    pub close: Option<Span>,
    /// The words between the marks (trimmed).
    pub content: Span,
}

pub(crate) fn is_double(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '‟' | '«' | '»')
}

pub(crate) fn is_mark_str(s: &str) -> bool {
    let mut cs = s.chars();
    matches!((cs.next(), cs.next()), (Some(c), None) if is_double(c) || matches!(c, '‘' | '’' | '\'' | '`'))
        || matches!(s, "``" | "''" | "’’" | "‘‘")
}

/// Before a mark: nothing, space, or an opening bracket or dash, so the mark
/// opens.
fn opens_after(prev: Option<char>) -> bool {
    prev.is_none_or(|p| p.is_whitespace() || "([{—–-/".contains(p) || is_double(p))
}

/// After a mark: nothing, space or punctuation, so the mark closes.
fn closes_before(next: Option<char>) -> bool {
    next.is_none_or(|n| {
        n.is_whitespace() || ".,;:!?)]}—–…".contains(n) || is_double(n) || matches!(n, '’' | '\'')
    })
}

/// The double quotation marks inside `within`, with their sides.
pub(crate) fn double_marks(text: &str, within: Span) -> Vec<Mark> {
    let mut out = Vec::new();
    let part = &text[within.range()];
    let mut skip_to = 0;
    for (i, c) in part.char_indices() {
        if i < skip_to {
            continue;
        }
        // Doubled apostrophes (''like this'', ‘‘this’’) as some papers
        // write double marks.
        let single = matches!(c, '\'' | '‘' | '’' | '`');
        let doubled = single && part[i + c.len_utf8()..].starts_with(['\'', '‘', '’', '`']);
        if !is_double(c) && !doubled {
            continue;
        }
        let at = within.start + i;
        let width = if doubled {
            c.len_utf8()
                + part[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .map_or(0, char::len_utf8)
        } else {
            c.len_utf8()
        };
        skip_to = i + width;
        let prev = text[..at].chars().next_back();
        let next = text[at + width..].chars().next();
        let (lo, rc) = (opens_after(prev), closes_before(next));
        let side = match c {
            '‘' | '`' if doubled => Side::Open,
            '’' if doubled => Side::Close,
            '\'' if doubled => match (lo, rc) {
                (true, false) => Side::Open,
                (false, true) => Side::Close,
                _ => Side::Either,
            },
            // A curly opening mark with a space after it and a word before
            // it is a typo for a closing one.
            '“' | '„' | '‟' | '«' => {
                if !lo && next.is_none_or(char::is_whitespace) {
                    Side::Close
                } else {
                    Side::Open
                }
            }
            '”' | '»' => {
                if lo && !rc {
                    Side::Open
                } else {
                    Side::Close
                }
            }
            _ => match (lo, rc) {
                (true, false) => Side::Open,
                (false, true) => Side::Close,
                _ => Side::Either,
            },
        };
        out.push(Mark {
            span: Span::new(at, at + width),
            side,
        });
    }
    out
}

/// Pairs the marks of one block (a paragraph). An opening mark met while a
/// quote is open ends that quote just before it when it opens a sentence
/// (a paragraph-style quote left open, as when paragraphs were run
/// together), else at the end of the open quote's first sentence (the
/// first mark was stray). A quote still open at the block's end ends there,
/// or, if it would run over more than `max_open` sentences, at the end of
/// its first sentence, so a stray mark never swallows the rest of a long
/// block. `sentence` gives the span of the sentence holding a byte offset.
pub(crate) fn pair(
    text: &str,
    block: Span,
    marks: &[Mark],
    sentence: &dyn Fn(usize) -> Span,
    max_open: usize,
) -> Vec<Raw> {
    let mut out = Vec::new();
    let mut open: Option<Span> = None;
    let first_end = |o: Span| sentence(o.end).end.max(o.end).min(block.end);
    for m in marks {
        match (open, m.side) {
            (None, Side::Open | Side::Either) => open = Some(m.span),
            // A closing mark with nothing open: a stray, ignored.
            (None, Side::Close) => {}
            (Some(o), Side::Close | Side::Either) => {
                out.extend(raw(text, o, Some(m.span), m.span.start));
                open = None;
            }
            (Some(o), Side::Open) => {
                let s = sentence(m.span.start);
                let starts = text[s.start.min(m.span.start)..m.span.start]
                    .trim()
                    .is_empty();
                let end = if starts {
                    m.span.start
                } else {
                    first_end(o).min(m.span.start)
                };
                out.extend(raw(text, o, None, end));
                open = Some(m.span);
            }
        }
    }
    if let Some(o) = open {
        let mut sentences = 0;
        let mut pos = o.end;
        while pos < block.end && sentences <= max_open {
            sentences += 1;
            pos = sentence(pos).end.max(pos + 1);
        }
        let end = if sentences > max_open {
            first_end(o)
        } else {
            block.end
        };
        out.extend(raw(text, o, None, end));
    }
    out
}

fn raw(text: &str, open: Span, close: Option<Span>, end: usize) -> Option<Raw> {
    let content = trim(text, Span::new(open.end, end.max(open.end)));
    (!content.is_empty()).then_some(Raw {
        open,
        close,
        content,
    })
}

/// Trims spaces at both ends and a trailing comma (the attribution's, not
/// the speaker's).
pub(crate) fn trim(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let lead = t.len() - t.trim_start().len();
    let rest = t.trim_start().trim_end();
    let rest = rest.strip_suffix(',').unwrap_or(rest).trim_end();
    Span::new(s.start + lead, s.start + lead + rest.len())
}

/// Quotes in single marks inside a direct quote's words (`‘...’` or
/// `'...'`): an opening mark after a space (or at the start) before a
/// letter; its closing mark is the first later `’`/`'` that ends a sentence
/// or the words (so apostrophes in "don't" or "Workers’ Party" are passed
/// over), else the first one followed by a space, else the end of the words.
pub(crate) fn nested(text: &str, content: Span) -> Vec<Raw> {
    let part = &text[content.range()];
    let chars: Vec<(usize, char)> = part.char_indices().collect();
    let mut out = Vec::new();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = if k == 0 { None } else { Some(chars[k - 1].1) };
        let next = chars.get(k + 1).map(|x| x.1);
        let opener = matches!(c, '‘' | '\'')
            && opens_after(prev)
            && next.is_some_and(|n| n.is_alphanumeric());
        if !opener {
            k += 1;
            continue;
        }
        let mut strong = None;
        let mut weak = None;
        for j in k + 2..chars.len() {
            let (_, d) = chars[j];
            if !matches!(d, '’' | '\'') {
                continue;
            }
            let p = chars[j - 1].1;
            let n = chars.get(j + 1).map(|x| x.1);
            if p.is_whitespace() || n.is_some_and(|n| n.is_alphanumeric()) {
                continue;
            }
            if ".,!?;:".contains(p) || n.is_none_or(|n| ".,!?;:".contains(n)) {
                strong = Some(j);
                break;
            }
            if weak.is_none() && n.is_some_and(char::is_whitespace) {
                weak = Some(j);
            }
        }
        let open = Span::new(content.start + i, content.start + i + c.len_utf8());
        let close = strong.or(weak).map(|j| {
            let (b, d) = chars[j];
            Span::new(content.start + b, content.start + b + d.len_utf8())
        });
        let end = close.map_or(content.end, |c| c.start);
        if let Some(r) = raw(text, open, close, end) {
            out.push(r);
        }
        k = strong.or(weak).map_or(chars.len(), |j| j + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(text: &str) -> Vec<(&str, bool)> {
        let all = Span::new(0, text.len());
        let marks = double_marks(text, all);
        pair(text, all, &marks, &|_| all, 3)
            .into_iter()
            .map(|r| (&text[r.content.range()], r.close.is_some()))
            .collect()
    }

    #[test]
    fn curly_straight_and_missing_marks() {
        assert_eq!(
            pairs("“Yes,” she said. \"No,\" he said."),
            vec![("Yes", true), ("No", true)]
        );
        // Left open, then a new opening mark: the first ends before it.
        assert_eq!(pairs("“One. “Two.”"), vec![("One.", false), ("Two.", true)]);
        // A stray closing mark is ignored.
        assert_eq!(pairs("a” “b” c"), vec![("b", true)]);
        assert_eq!(pairs("so-called \"zones\" here"), vec![("zones", true)]);
    }

    #[test]
    fn nested_single_marks_skip_apostrophes() {
        let t = "He said ‘the Workers’ Party won’t talk. Never.’ and left";
        let r = nested(t, Span::new(0, t.len()));
        assert_eq!(r.len(), 1);
        assert_eq!(
            &t[r[0].content.range()],
            "the Workers’ Party won’t talk. Never."
        );
        let t = "it's 'fine' now";
        let r = nested(t, Span::new(0, t.len()));
        assert_eq!(&t[r[0].content.range()], "fine");
    }
}
