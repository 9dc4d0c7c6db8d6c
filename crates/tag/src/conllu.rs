//! Reading and writing CoNLL-U (the 10-column Universal Dependencies format).

use std::fmt::Write;

use dyad_document::{intern, Document, RELS, TAGS};

/// One sentence of a CoNLL-U file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sentence {
    /// `# doc = ...`
    pub doc: Option<String>,
    pub words: Vec<String>,
    pub lemmas: Vec<String>,
    pub tags: Vec<&'static str>,
    /// Head index within the sentence; None for the root.
    pub heads: Vec<Option<usize>>,
    pub rels: Vec<&'static str>,
    /// Character offsets from MISC `Start=..|End=..`, when present.
    pub offsets: Vec<Option<(usize, usize)>>,
}

#[derive(Debug, thiserror::Error)]
#[error("{file}:{line}: {msg}")]
pub struct ConlluError {
    pub file: String,
    pub line: usize,
    pub msg: String,
}

/// Parse CoNLL-U text (`file` names it in errors). Multi-word token lines
/// (`1-2`) and empty nodes (`1.1`) are skipped.
pub fn parse(text: &str, file: &str) -> Result<Vec<Sentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    let mut doc: Option<String> = None;
    for (n, line) in text.lines().enumerate() {
        let err = |msg: String| ConlluError {
            file: file.to_string(),
            line: n + 1,
            msg,
        };
        if line.trim().is_empty() {
            if !cur.words.is_empty() {
                cur.doc = doc.clone();
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(d) = c.trim().strip_prefix("doc = ") {
                doc = Some(d.trim().to_string());
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            )));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let id: usize = cols[0]
            .parse()
            .map_err(|_| err(format!("bad ID {:?}", cols[0])))?;
        if id != cur.words.len() + 1 {
            return Err(err(format!("ID {id} out of order")));
        }
        let head: usize = cols[6]
            .parse()
            .map_err(|_| err(format!("bad HEAD {:?}", cols[6])))?;
        cur.words.push(cols[1].to_string());
        cur.lemmas.push(cols[2].to_string());
        cur.tags.push(intern(TAGS, cols[4]));
        cur.heads.push(head.checked_sub(1));
        cur.rels.push(intern(RELS, cols[7]));
        let mut start = None;
        let mut end = None;
        for kv in cols[9].split('|') {
            if let Some(v) = kv.strip_prefix("Start=") {
                start = v.parse().ok();
            } else if let Some(v) = kv.strip_prefix("End=") {
                end = v.parse().ok();
            }
        }
        cur.offsets.push(start.zip(end));
    }
    if !cur.words.is_empty() {
        cur.doc = doc;
        out.push(cur);
    }
    for (i, s) in out.iter().enumerate() {
        if s.heads
            .iter()
            .any(|h| h.is_some_and(|h| h >= s.words.len()))
        {
            return Err(ConlluError {
                file: file.to_string(),
                line: 0,
                msg: format!("sentence {} has a head outside the sentence", i + 1),
            });
        }
    }
    Ok(out)
}

/// A tagged and parsed document as CoNLL-U, one block per sentence, with
/// character offsets in MISC.
pub fn write(doc: &Document) -> String {
    let ix = dyad_document::CharIndex::new(&doc.text);
    let mut out = String::new();
    let _ = writeln!(out, "# doc = {}", doc.id);
    for s in &doc.sentences {
        let _ = writeln!(out, "# text = {}", doc.slice(s.span).replace('\n', " "));
        for (k, t) in doc.tokens[s.first_token..s.last_token].iter().enumerate() {
            let head = t.head.map_or(0, |h| h - s.first_token + 1);
            let _ = writeln!(
                out,
                "{}\t{}\t{}\t_\t{}\t_\t{}\t{}\t_\tStart={}|End={}",
                k + 1,
                doc.slice(t.span),
                if t.lemma.is_empty() { "_" } else { &t.lemma },
                if t.tag.is_empty() { "_" } else { t.tag },
                head,
                if t.rel.is_empty() { "_" } else { t.rel },
                ix.char_of(t.span.start),
                ix.char_of(t.span.end)
            );
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sentences_and_reports_bad_lines() {
        let text = "# doc = d1\n1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\tStart=0|End=6\n2\tfled\tflee\tVERB\tVBD\t_\t0\tROOT\t_\tStart=7|End=11\n\n";
        let s = parse(text, "x").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].doc.as_deref(), Some("d1"));
        assert_eq!(s[0].heads, vec![Some(1), None]);
        assert_eq!(s[0].tags, vec!["NNS", "VBD"]);
        assert_eq!(s[0].offsets[1], Some((7, 11)));
        let e = parse("1\tx\tx\tX\tNN\t_\t0\n", "f.conllu").unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.conllu:1: expected 10 tab-separated columns, found 7"
        );
    }
}
