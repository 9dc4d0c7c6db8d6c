//! Article-sized parts of a long page. The passes that weigh the evidence
//! around a mention (titles, appositions, a role's country) look at the
//! sentence, the paragraph and the document; on a page much longer than any
//! news article, "the document" is taken to be the part around the mention,
//! so that each pass costs time in proportion to the page, not its square.

use std::ops::Range;

use dyad_document::Document;

use super::M;

/// Tokens in a part: longer than nearly every news article, so that an
/// article is one part and reads exactly as a whole document.
pub(super) const PART_TOKENS: usize = 4000;

/// The token ranges of the parts: whole sentences, cut at the first
/// paragraph end after `size` tokens, or at a sentence end after twice that.
pub(super) fn parts(doc: &Document, size: usize) -> Vec<Range<usize>> {
    let nt = doc.tokens.len();
    let mut paragraph_ends = doc.paragraphs.iter().map(|p| p.end).peekable();
    let mut out = Vec::new();
    let mut start = 0;
    for s in &doc.sentences {
        let end = s.last_token.max(s.first_token);
        let len = end.saturating_sub(start);
        while paragraph_ends.next_if(|&e| e < s.span.end).is_some() {}
        let at_paragraph_end = paragraph_ends.peek().is_some_and(|&e| e <= s.span.end + 1);
        if (len >= size && at_paragraph_end) || len >= 2 * size {
            out.push(start..end);
            start = end;
        }
    }
    if start < nt || out.is_empty() {
        out.push(start..nt);
    }
    out
}

/// Splits mentions sorted by first token into the parts that hold their
/// first tokens.
pub(super) fn split(out: Vec<M>, parts: &[Range<usize>]) -> Vec<Vec<M>> {
    let mut split: Vec<Vec<M>> = parts.iter().map(|_| Vec::new()).collect();
    let mut k = 0;
    for m in out {
        while k + 1 < parts.len() && m.t0 >= parts[k].end {
            k += 1;
        }
        split[k].push(m);
    }
    split
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segmented(text: &str) -> Document {
        // Paragraphs as ingest gives them: the text between blank lines.
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for p in text.split("\n\n") {
            paragraphs.push(dyad_document::Span::new(start, start + p.len()));
            start += p.len() + 2;
        }
        let mut d = Document {
            id: "t".into(),
            text: text.into(),
            paragraphs,
            ..Default::default()
        };
        dyad_segment::segment(&mut d);
        d
    }

    #[test]
    fn an_article_is_one_part() {
        let d = segmented("Chile recalled its envoy.\n\nPeru protested on Monday.");
        assert_eq!(parts(&d, PART_TOKENS), vec![0..d.tokens.len()]);
    }

    #[test]
    fn a_long_page_is_cut_at_paragraph_ends_into_whole_sentences() {
        let para = "Ghana and Togo signed a border accord. Officials in Accra welcomed it.";
        let text = vec![para; 40].join("\n\n");
        let d = segmented(&text);
        let ps = parts(&d, 30);
        assert!(ps.len() > 5, "{ps:?}");
        // Contiguous, covering every token, each starting a sentence and a paragraph.
        assert_eq!(ps[0].start, 0);
        assert_eq!(ps.last().unwrap().end, d.tokens.len());
        for w in ps.windows(2) {
            assert_eq!(w[0].end, w[1].start);
            let b = d.tokens[w[1].start].span.start;
            assert!(
                d.paragraphs.iter().any(|p| p.start == b),
                "cut inside a paragraph at {b}"
            );
            assert!(w[0].len() >= 30, "{ps:?}");
        }
    }

    #[test]
    fn a_page_without_paragraphs_is_cut_at_sentence_ends() {
        let text = vec!["Kenya and Uganda held talks in Nairobi."; 60].join(" ");
        let d = segmented(&text);
        let ps = parts(&d, 20);
        assert!(ps.len() > 5, "{ps:?}");
        for w in ps.windows(2) {
            let b = d.tokens[w[1].start].span.start;
            assert!(d.sentences.iter().any(|s| s.span.start == b));
            assert!(w[0].len() <= 2 * 20 + 10, "{ps:?}");
        }
    }
}
