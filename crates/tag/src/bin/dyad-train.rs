//! Train dyad's tagger, lemmatiser and parser from silver CoNLL-U.
//!
//! `cargo run --release -p dyad-tag --bin dyad-train -- TRAIN.conllu HELDOUT.conllu OUT.dyad.gz
//!  [tagger-epochs] [parser-epochs] [folds]` (see tools/train/README.md).

use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    anyhow::ensure!(
        args.len() >= 3,
        "usage: dyad-train TRAIN.conllu HELDOUT.conllu OUT.dyad.gz [tagger-epochs=8] [parser-epochs=12] [folds=4]"
    );
    let num = |i: usize, d: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(d);
    let read = |p: &str| -> anyhow::Result<Vec<dyad_tag::conllu::Sentence>> {
        let text = std::fs::read_to_string(p).map_err(|e| anyhow::anyhow!("{p}: {e}"))?;
        Ok(dyad_tag::conllu::parse(&text, p)?)
    };
    let train = read(&args[0])?;
    let heldout = read(&args[1])?;
    eprintln!(
        "train: {} sentences, {} tokens; held out: {} sentences, {} tokens",
        train.len(),
        train.iter().map(|s| s.words.len()).sum::<usize>(),
        heldout.len(),
        heldout.iter().map(|s| s.words.len()).sum::<usize>()
    );
    let t0 = Instant::now();
    let lexicon = match std::env::var("DYAD_LEXICON") {
        Ok(p) => dyad_tag::train::read_lexicon(
            &std::fs::read_to_string(&p).map_err(|e| anyhow::anyhow!("{p}: {e}"))?,
        ),
        Err(_) => Default::default(),
    };
    eprintln!("lexicon: {} words", lexicon.len());
    let ann = dyad_tag::train::train(&train, lexicon, num(3, 8), num(4, 12), num(5, 4));
    eprintln!("trained in {:.1}s", t0.elapsed().as_secs_f64());
    let bytes = ann.to_gzip()?;
    std::fs::write(&args[2], &bytes)?;
    let reloaded = dyad_tag::Annotator::from_gzip(&bytes)?;
    let seen = dyad_tag::train::evaluate(&reloaded, &train[..train.len().min(1000)]);
    println!(
        "training data (first 1000 sentences): pos_acc={:.4} uas={:.4}",
        seen.pos_acc, seen.uas
    );
    let s = dyad_tag::train::evaluate(&reloaded, &heldout);
    println!(
        "model: {} bytes, tagger {} features, parser {} features, {} lemma exceptions",
        bytes.len(),
        ann.tagger.model.features(),
        ann.parser.model.features(),
        ann.lemmas.exceptions.len()
    );
    println!(
        "heldout (gold tokens): pos_acc={:.4} uas={:.4} las={:.4} uas_all={:.4} lemma_acc={:.4} tokens={}",
        s.pos_acc, s.uas, s.las, s.uas_all, s.lemma_acc, s.tokens
    );
    if std::env::var("DYAD_PER_DOC").is_ok() {
        let mut docs: Vec<(String, usize, usize)> = Vec::new();
        for sent in &heldout {
            let words: Vec<&str> = sent.words.iter().map(String::as_str).collect();
            let tags = reloaded.tagger.tag(&words);
            let ok = sent.tags.iter().zip(&tags).filter(|(g, p)| g == p).count();
            let d = sent.doc.clone().unwrap_or_default();
            match docs.last_mut() {
                Some(x) if x.0 == d => {
                    x.1 += ok;
                    x.2 += words.len();
                }
                _ => docs.push((d, ok, words.len())),
            }
        }
        for (d, ok, n) in docs {
            println!(
                "{:.3} {n:6} {}",
                ok as f64 / n as f64,
                &d[..12.min(d.len())]
            );
        }
    }
    if std::env::var("DYAD_CONFUSIONS").is_ok() {
        for ((g, p), n) in dyad_tag::train::confusions(&reloaded, &heldout, 25) {
            println!("{n:5} gold {g:<5} got {p}");
        }
    }
    Ok(())
}
