//! Tag: the linguistic stage. Every token gets a Penn Treebank tag, a lemma,
//! a syntactic head and a dependency relation, so that the event coder and
//! quote attribution can find verbs, their subjects and objects,
//! prepositional phrases, negation, passives and reported-speech clauses.
//!
//! It runs in-process with no service beside it: an averaged-perceptron
//! tagger and a greedy arc-hybrid parser whose weights ship inside the
//! binary (`model/en.dyad.gz`, built by `tools/train/`).
//!
//! Public API: [`Annotator`] ([`Annotator::english`], [`Annotator::annotate`],
//! [`Annotator::sentence`]), [`Analysis`], [`frames`] (each verb's subject,
//! object, prepositions, negation, voice and clauses), [`conllu`] for reading and
//! writing CoNLL-U, and [`train`] for building models.

pub mod conllu;
pub mod frames;
pub mod lemma;
pub mod parser;
pub mod perceptron;
pub mod tagger;
pub mod train;

use std::io::{Read, Write};
use std::sync::OnceLock;

use dyad_document::{intern, Document, TAGS};
pub use perceptron::ModelError;

/// The English model built into the binary.
static ENGLISH: &[u8] = include_bytes!("../model/en.dyad.gz");

const MAGIC: &[u8; 8] = b"DYADNLP2";

/// A loaded tagger, lemmatiser and parser.
pub struct Annotator {
    pub tagger: tagger::Tagger,
    pub parser: parser::Parser,
    pub lemmas: lemma::Lemmatizer,
}

/// What the annotator says of one sentence's tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysis {
    pub tags: Vec<&'static str>,
    pub lemmas: Vec<String>,
    /// Head index within the sentence; None for the root.
    pub heads: Vec<Option<usize>>,
    pub rels: Vec<&'static str>,
}

impl Annotator {
    /// The built-in English model, loaded once per process.
    pub fn english() -> &'static Annotator {
        static MODEL: OnceLock<Annotator> = OnceLock::new();
        MODEL.get_or_init(|| Annotator::from_gzip(ENGLISH).expect("the built-in model is valid"))
    }

    /// The compressed bytes of the built-in English model.
    pub fn english_bytes() -> &'static [u8] {
        ENGLISH
    }

    /// Load a model file's bytes (gzip-compressed).
    pub fn from_gzip(bytes: &[u8]) -> Result<Annotator, ModelError> {
        // Inflate at once, then parse from memory: many small reads through
        // the decoder cost more than the inflating itself.
        let mut raw = Vec::with_capacity(bytes.len() * 3);
        flate2::read::GzDecoder::new(bytes).read_to_end(&mut raw)?;
        let mut r = &raw[..];
        let mut magic = [0u8; 8];
        r.read_exact(&mut magic)?;
        if &magic != MAGIC {
            return Err(ModelError::Magic);
        }
        let model = perceptron::Model::read(&mut r)?;
        let parser = parser::Parser {
            model: perceptron::Model::read(&mut r)?,
        };
        let mut rest = String::new();
        r.read_to_string(&mut rest)?;
        // Two tables follow as text: lexicon lines `L word tags` and lemma
        // exception lines `E word tag lemma`.
        let mut lemmas = lemma::Lemmatizer::default();
        let mut lexicon = tagger::Lexicon::default();
        for line in rest.lines() {
            let mut it = line.split('\t');
            match (it.next(), it.next(), it.next(), it.next()) {
                (Some("L"), Some(w), Some(tags), None) => {
                    lexicon.insert(w.to_string(), tags.to_string());
                }
                (Some("E"), Some(w), Some(t), Some(l)) => {
                    let t = intern(TAGS, t);
                    if !t.is_empty() {
                        lemmas.exceptions.insert((w.to_string(), t), l.to_string());
                    }
                }
                _ => {
                    return Err(ModelError::Io(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        format!("bad table line {line:?}"),
                    )))
                }
            }
        }
        let tagger = tagger::Tagger { model, lexicon };
        Ok(Annotator {
            tagger,
            parser,
            lemmas,
        })
    }

    /// Write the model as gzip-compressed bytes.
    pub fn to_gzip(&self) -> std::io::Result<Vec<u8>> {
        let mut w = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        w.write_all(MAGIC)?;
        self.tagger.model.write(&mut w)?;
        self.parser.model.write(&mut w)?;
        let mut lex: Vec<_> = self.tagger.lexicon.iter().collect();
        lex.sort();
        for (word, tags) in lex {
            writeln!(w, "L\t{word}\t{tags}")?;
        }
        let mut ex: Vec<_> = self.lemmas.exceptions.iter().collect();
        ex.sort();
        for ((word, tag), lemma) in ex {
            writeln!(w, "E\t{word}\t{tag}\t{lemma}")?;
        }
        w.finish()
    }

    /// Analyse one sentence given as words.
    pub fn sentence(&self, words: &[&str]) -> Analysis {
        let tags = self.tagger.tag(words);
        let lemmas = words
            .iter()
            .zip(&tags)
            .map(|(w, t)| self.lemmas.lemma(w, t))
            .collect();
        let normed: Vec<String> = words.iter().map(|w| tagger::norm(w)).collect();
        let nref: Vec<&str> = normed.iter().map(String::as_str).collect();
        let p = self.parser.parse(&nref, &tags);
        Analysis {
            tags,
            lemmas,
            heads: p.heads,
            rels: p.rels,
        }
    }

    /// Fill tag, lemma, head and relation of every token of a segmented
    /// document.
    pub fn annotate(&self, doc: &mut Document) {
        for si in 0..doc.sentences.len() {
            let s = doc.sentences[si];
            let words: Vec<&str> = doc.tokens[s.first_token..s.last_token]
                .iter()
                .map(|t| &doc.text[t.span.range()])
                .collect();
            if words.is_empty() {
                continue;
            }
            let a = self.sentence(&words);
            for (k, tok) in doc.tokens[s.first_token..s.last_token]
                .iter_mut()
                .enumerate()
            {
                tok.tag = a.tags[k];
                tok.lemma = a.lemmas[k].clone();
                tok.head = a.heads[k].map(|h| s.first_token + h);
                tok.rel = a.rels[k];
            }
        }
    }
}

/// Tag and parse a segmented document with the built-in English model.
pub fn annotate(doc: &mut Document) {
    Annotator::english().annotate(doc);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel_of<'a>(words: &[&'a str], a: &Analysis, word: &str) -> (&'static str, Option<&'a str>) {
        let i = words.iter().position(|w| *w == word).unwrap();
        (a.rels[i], a.heads[i].map(|h| words[h]))
    }

    #[test]
    fn the_built_in_model_tags_and_parses() {
        let ann = Annotator::english();
        let words = [
            "Rebels", "seized", "the", "airport", "of", "Aleppo", "on", "Friday", ".",
        ];
        let a = ann.sentence(&words);
        assert_eq!(a.tags[1], "VBD");
        assert_eq!(a.lemmas[1], "seize");
        assert_eq!(rel_of(&words, &a, "seized"), ("ROOT", None));
        assert_eq!(rel_of(&words, &a, "Rebels"), ("nsubj", Some("seized")));
        assert_eq!(rel_of(&words, &a, "airport"), ("dobj", Some("seized")));
        assert_eq!(rel_of(&words, &a, "Aleppo"), ("pobj", Some("of")));

        let words = ["The", "talks", "were", "not", "attended", "by", "Iran", "."];
        let a = ann.sentence(&words);
        assert_eq!(rel_of(&words, &a, "talks").0, "nsubjpass");
        assert_eq!(rel_of(&words, &a, "not"), ("neg", Some("attended")));
        assert_eq!(rel_of(&words, &a, "by"), ("agent", Some("attended")));
    }

    /// Words of a sentence as dyad's tokenizer makes them.
    fn words(s: &str) -> Vec<&str> {
        let spans = dyad_segment_free_tokens(s);
        spans.into_iter().map(|(a, b)| &s[a..b]).collect()
    }

    /// A whitespace-and-punctuation split good enough for these sentences
    /// (the tag crate does not depend on the segmenter).
    fn dyad_segment_free_tokens(s: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in s.char_indices() {
            let punct = matches!(c, ',' | '.' | '“' | '”' | '"');
            if c.is_whitespace() || punct {
                if let Some(a) = start.take() {
                    out.push((a, i));
                }
                if punct {
                    out.push((i, i + c.len_utf8()));
                }
            } else if start.is_none() {
                start = Some(i);
            }
        }
        if let Some(a) = start {
            out.push((a, s.len()));
        }
        out
    }

    fn check(sentence: &str, expect: &[(&str, &str, Option<&str>)]) {
        let w = words(sentence);
        let a = Annotator::english().sentence(&w);
        for (word, rel, head) in expect {
            let got = rel_of(&w, &a, word);
            assert_eq!(
                (got.0, got.1),
                (*rel, *head),
                "{word} in {sentence:?}: {:?}",
                a
            );
        }
    }

    #[test]
    fn passive_with_by_agent() {
        check(
            "The convoy was attacked by gunmen near the border.",
            &[
                ("convoy", "nsubjpass", Some("attacked")),
                ("was", "auxpass", Some("attacked")),
                ("by", "agent", Some("attacked")),
                ("gunmen", "pobj", Some("by")),
            ],
        );
    }

    #[test]
    fn negation_with_auxiliaries() {
        check(
            "Turkey has not publicly expressed support for the offensive.",
            &[
                ("Turkey", "nsubj", Some("expressed")),
                ("has", "aux", Some("expressed")),
                ("not", "neg", Some("expressed")),
                ("support", "dobj", Some("expressed")),
            ],
        );
    }

    #[test]
    fn verb_with_particle() {
        check(
            "The president reached out to the opposition last year.",
            &[
                ("out", "prt", Some("reached")),
                ("president", "nsubj", Some("reached")),
            ],
        );
    }

    #[test]
    fn reported_speech_with_inverted_attribution() {
        check(
            "“We will return to the table,” said Ahmed Touma, head of the opposition delegation.",
            &[
                ("said", "ROOT", None),
                ("return", "ccomp", Some("said")),
                ("Touma", "nsubj", Some("said")),
                ("head", "appos", Some("Touma")),
            ],
        );
    }

    #[test]
    fn compound_subject() {
        let s = "Russia, Iran and Turkey met in Astana.";
        check(
            s,
            &[
                ("Russia", "nsubj", Some("met")),
                ("Iran", "conj", Some("Russia")),
            ],
        );
        let w = words(s);
        let a = Annotator::english().sentence(&w);
        let (rel, head) = rel_of(&w, &a, "Turkey");
        assert_eq!(rel, "conj");
        assert!(matches!(head, Some("Iran" | "Russia")), "{head:?}");
    }

    #[test]
    fn relative_clause() {
        check(
            "The rebels, who seized the city last week, are pushing south.",
            &[
                ("seized", "relcl", Some("rebels")),
                ("who", "nsubj", Some("seized")),
                ("rebels", "nsubj", Some("pushing")),
            ],
        );
    }

    #[test]
    fn a_model_round_trips_and_bad_bytes_are_an_error() {
        let ann = Annotator::english();
        let bytes = ann.to_gzip().unwrap();
        let back = Annotator::from_gzip(&bytes).unwrap();
        let words = ["Officials", "said", "talks", "would", "resume", "."];
        assert_eq!(back.sentence(&words), ann.sentence(&words));
        assert!(Annotator::from_gzip(b"not a model").is_err());
    }
}
