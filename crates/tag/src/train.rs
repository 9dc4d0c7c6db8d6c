//! Training models from CoNLL-U and scoring them against a reference.

use crate::conllu::Sentence;
use crate::{lemma, parser, tagger, Annotator};

/// Accuracy figures. Attachment scores leave punctuation out, as is usual
/// (and as spaCy reports them); `uas_all` counts every token.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Score {
    pub tokens: usize,
    pub pos_acc: f64,
    pub uas: f64,
    pub las: f64,
    pub uas_all: f64,
    pub lemma_acc: f64,
}

/// Running counts behind a [`Score`].
#[derive(Debug, Clone, Default)]
pub struct Counts {
    pub tokens: usize,
    pub tags: usize,
    pub scored: usize,
    pub heads: usize,
    pub labelled: usize,
    pub heads_all: usize,
    pub lemma_total: usize,
    pub lemmas: usize,
}

pub fn is_punct(tag: &str) -> bool {
    matches!(
        tag,
        "," | "." | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "HYPH" | "NFP" | "$" | "SYM"
    )
}

impl Counts {
    /// Add one token: gold tag/head/rel against predicted ones.
    #[allow(clippy::too_many_arguments)]
    pub fn add(
        &mut self,
        gold_tag: &str,
        tag: &str,
        gold_head: Option<usize>,
        head: Option<usize>,
        gold_rel: &str,
        rel: &str,
    ) {
        self.tokens += 1;
        self.tags += (gold_tag == tag) as usize;
        self.heads_all += (gold_head == head) as usize;
        if !is_punct(gold_tag) {
            self.scored += 1;
            if gold_head == head {
                self.heads += 1;
                self.labelled += (gold_rel == rel) as usize;
            }
        }
    }

    pub fn score(&self) -> Score {
        let r = |a: usize, b: usize| a as f64 / b.max(1) as f64;
        Score {
            tokens: self.tokens,
            pos_acc: r(self.tags, self.tokens),
            uas: r(self.heads, self.scored),
            las: r(self.labelled, self.scored),
            uas_all: r(self.heads_all, self.tokens),
            lemma_acc: r(self.lemmas, self.lemma_total),
        }
    }
}

/// Score an annotator on gold sentences (their own tokenisation).
pub fn evaluate(ann: &Annotator, gold: &[Sentence]) -> Score {
    let mut c = Counts::default();
    for s in gold {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let a = ann.sentence(&words);
        for k in 0..words.len() {
            c.add(
                s.tags[k], a.tags[k], s.heads[k], a.heads[k], s.rels[k], a.rels[k],
            );
            if !s.lemmas[k].is_empty() && s.lemmas[k] != "_" {
                c.lemma_total += 1;
                c.lemmas += (s.lemmas[k] == a.lemmas[k]) as usize;
            }
        }
    }
    c.score()
}

/// Train tagger, lemmatiser and parser. The parser learns from the tags
/// the tagger predicts (jack-knifed over `folds` folds), so that it sees at
/// training time the kind of tags it will see at run time.
pub fn train(
    sentences: &[Sentence],
    lexicon: tagger::Lexicon,
    tagger_epochs: usize,
    parser_epochs: usize,
    folds: usize,
) -> Annotator {
    let tag_data: Vec<(Vec<String>, Vec<&'static str>)> = sentences
        .iter()
        .map(|s| (s.words.clone(), s.tags.clone()))
        .collect();
    let tagger = tagger::Tagger {
        model: tagger::train(&tag_data, &lexicon, tagger_epochs, 0x9e37_79b9_7f4a_7c15),
        lexicon: lexicon.clone(),
    };

    let mut predicted: Vec<Vec<&'static str>> = sentences.iter().map(|s| s.tags.clone()).collect();
    if folds > 1 {
        for f in 0..folds {
            let train_part: Vec<_> = tag_data
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != f)
                .map(|(_, x)| x.clone())
                .collect();
            let fold_tagger = tagger::Tagger {
                model: tagger::train(
                    &train_part,
                    &lexicon,
                    tagger_epochs,
                    0x2545_f491_4f6c_dd1d + f as u64,
                ),
                lexicon: lexicon.clone(),
            };
            for (i, s) in sentences.iter().enumerate().filter(|(i, _)| i % folds == f) {
                let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
                predicted[i] = fold_tagger.tag(&words);
            }
        }
    }

    let gold: Vec<parser::Gold> = sentences
        .iter()
        .zip(predicted)
        .map(|(s, tags)| parser::Gold {
            words: s.words.iter().map(|w| tagger::norm(w)).collect(),
            tags,
            heads: s.heads.clone(),
            rels: s.rels.clone(),
        })
        .collect();
    let parser = parser::train(&gold, parser_epochs, 0x853c_49e6_748f_ea9b);

    let lemmas = lemma::Lemmatizer::learn(
        sentences.iter().flat_map(|s| {
            s.words
                .iter()
                .zip(&s.tags)
                .zip(&s.lemmas)
                .map(|((w, t), l)| (w.as_str(), *t, l.as_str()))
        }),
        2,
    );
    Annotator {
        tagger,
        parser,
        lemmas,
    }
}

/// A lexicon file: `word<TAB>TAG[ TAG...]` lines (`#` comments); words are
/// lower-cased and their tags merged.
pub fn read_lexicon(text: &str) -> tagger::Lexicon {
    let mut lex: rustc_hash::FxHashMap<String, Vec<String>> = Default::default();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let Some((w, tags)) = line.split_once('\t') else {
            continue;
        };
        let e = lex.entry(tagger::norm(w)).or_default();
        for t in tags.split_whitespace() {
            if !e.iter().any(|x| x == t) {
                e.push(t.to_string());
            }
        }
    }
    lex.into_iter()
        .map(|(w, mut t)| {
            t.sort();
            (w, t.join("|"))
        })
        .collect()
}

/// The most frequent (gold, predicted) tag confusions, for error analysis.
pub fn confusions(
    ann: &Annotator,
    gold: &[Sentence],
    top: usize,
) -> Vec<((&'static str, &'static str), usize)> {
    let mut m: rustc_hash::FxHashMap<(&'static str, &'static str), usize> = Default::default();
    for s in gold {
        let words: Vec<&str> = s.words.iter().map(String::as_str).collect();
        let tags = ann.tagger.tag(&words);
        for (g, p) in s.tags.iter().zip(tags) {
            if *g != p {
                *m.entry((*g, p)).or_default() += 1;
            }
        }
    }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort_by_key(|x| std::cmp::Reverse(x.1));
    v.truncate(top);
    v
}
