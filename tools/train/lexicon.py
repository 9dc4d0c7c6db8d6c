#!/usr/bin/env python3
"""Lexical resources for dyad's Rust tagger and lemmatiser, from the silver data.

    python3 tools/train/lexicon.py --train target/silver/train.conllu --out target/silver

Writes two files (inputs for a later compact model; what ships is decided on
the Rust side):

target/silver/lemmas.tsv    word<TAB>xpos<TAB>lemma
    From lemminflect (its whole dictionary: lemminflect ships no word
    frequencies, so "the most frequent words it knows" is all of them, about
    40k lemmas), plus every (word, xpos) pair of TRAIN that lemminflect can
    lemmatise: for the inflected tags (NNS VBZ VBD VBN VBG JJR JJS RBR RBS)
    out-of-vocabulary plain words included (its rule model); for base tags
    (NN VB VBP MD JJ RB) only a dictionary lemma of which the word is that
    very inflection (are/VBP -> be), or a clitic ('re/VBP -> be).  `word` is
    lower-cased; xpos is a Penn tag.  A line is kept only where the lemma is
    NOT what `rule_lemma(word, xpos)` below gives, i.e. not the lower-cased
    word and not the result of the simple suffix rules (-s, -es, -ies, -ed,
    -ied, -ing, -er, -ier, -est, -iest, with undoubling of a final doubled
    b/d/g/m/n/p/r/t).  Port `rule_lemma` exactly and use the table as its
    exception list.  Proper nouns (NNP, NNPS) are left out.  Where a pair has
    several lemmas, the one whose lemminflect inflection for that xpos is the
    word comes first; then lemminflect's own order; one lemma per pair.
    Sorted by word, then xpos.

target/silver/tagdict.tsv   word<TAB>tag:count,tag:count,...
    Every FORM (exact case) seen at least --min-count (5) times in TRAIN,
    with the counts of spaCy's XPOS for it, most frequent tag first (ties by
    tag).  Lines sorted by total count, most frequent first, then by word.

Also prints how often the lemma table (with rule_lemma) agrees with spaCy's
own lemma on TRAIN, as a sanity check.
"""

import argparse
import gzip
import sys
from collections import Counter, defaultdict
from pathlib import Path

INFLECTED = {"NNS", "VBZ", "VBD", "VBN", "VBG", "JJR", "JJS", "RBR", "RBS"}
UPOS_OF = {"NN": "NOUN", "NNS": "NOUN", "VB": "VERB", "VBD": "VERB", "VBG": "VERB",
           "VBN": "VERB", "VBP": "VERB", "VBZ": "VERB", "MD": "AUX", "JJ": "ADJ",
           "JJR": "ADJ", "JJS": "ADJ", "RB": "ADV", "RBR": "ADV", "RBS": "ADV"}
DOUBLED = set("bdgmnprt")


def undouble(stem):
    if len(stem) >= 3 and stem[-1] == stem[-2] and stem[-1] in DOUBLED:
        return stem[:-1]
    return stem


def rule_lemma(word, xpos):
    """The simple rules the lemma table is the exception list of.  Port as is."""
    w = word.lower()
    if xpos in ("NNS", "NNPS", "VBZ"):
        if w.endswith("ies") and len(w) > 4:
            return w[:-3] + "y"
        if w.endswith(("sses", "xes", "zes", "ches", "shes")):
            return w[:-2]
        if w.endswith("s") and not w.endswith("ss") and len(w) > 2:
            return w[:-1]
    elif xpos in ("VBD", "VBN"):
        if w.endswith("ied") and len(w) > 4:
            return w[:-3] + "y"
        if w.endswith("ed") and len(w) > 3:
            return undouble(w[:-2])
    elif xpos == "VBG":
        if w.endswith("ing") and len(w) > 4:
            return undouble(w[:-3])
    elif xpos in ("JJR", "RBR"):
        if w.endswith("ier") and len(w) > 4:
            return w[:-3] + "y"
        if w.endswith("er") and len(w) > 3:
            return undouble(w[:-2])
    elif xpos in ("JJS", "RBS"):
        if w.endswith("iest") and len(w) > 5:
            return w[:-4] + "y"
        if w.endswith("est") and len(w) > 4:
            return undouble(w[:-3])
    return w


def read_conllu(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line[:1].isdigit():
                c = line.rstrip("\n").split("\t")
                yield c[1], c[2], c[3], c[4]  # form, lemma, upos, xpos


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", default="target/silver/train.conllu")
    ap.add_argument("--out", default="target/silver")
    ap.add_argument("--min-count", type=int, default=5)
    args = ap.parse_args()
    out = Path(args.out)

    import lemminflect
    from lemminflect import getAllInflections, getLemma

    train = list(read_conllu(args.train))

    # (a) lemma table.
    table = {}  # (word, xpos) -> lemma

    def choose(word, xpos, cands):
        for lemma in cands:  # prefer a lemma whose inflection for xpos is the word
            if word in (f.lower() for f in getAllInflections(lemma).get(xpos, ())):
                return lemma
        return cands[0] if cands else None

    # Dictionary: invert lemminflect's inflection lookup for the inflected tags.
    res = Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz"
    by_pair = defaultdict(list)
    with gzip.open(res, "rt", encoding="utf-8") as f:
        for line in f:
            lemma = line.split(",", 1)[0]
            for xpos, forms in sorted(getAllInflections(lemma).items()):
                if xpos in INFLECTED:
                    for form in forms:
                        if lemma not in by_pair[(form.lower(), xpos)]:
                            by_pair[(form.lower(), xpos)].append(lemma)
    for (word, xpos), lemmas in by_pair.items():
        upos = UPOS_OF[xpos]
        order = list(getLemma(word, upos, lemmatize_oov=False)) or []
        ranked = [l for l in order if l in lemmas] + [l for l in lemmas if l not in order]
        table[(word, xpos)] = choose(word, xpos, ranked)
    n_dict = len(table)

    # Training words: lemminflect's lemma for each (word, xpos) of TRAIN.
    for (form, xpos, upos) in sorted({(f.lower(), x, u) for f, _, u, x in train}):
        if xpos not in UPOS_OF or (form, xpos) in table or not any(c.isalpha() for c in form):
            continue
        base = xpos not in INFLECTED
        if not base and not all(c.isalpha() or c in "-'" for c in form):
            continue  # the rule model only for plain words of an inflected tag
        cands = ()
        for u in dict.fromkeys([UPOS_OF[xpos], upos]):
            if u in ("NOUN", "VERB", "ADJ", "ADV", "AUX"):
                cands = getLemma(form, u, lemmatize_oov=not base)
                if cands:
                    break
        if base and not form.startswith("'"):
            # A base-form tag keeps a different lemma only when lemminflect's
            # dictionary lists the word as that very inflection (are/VBP -> be).
            cands = [l for l in cands if form in
                     (f.lower() for f in getAllInflections(l).get(xpos, ()))]
        lemma = choose(form, xpos, list(cands))
        if lemma:
            table[(form, xpos)] = lemma

    rows = sorted((w, x, l) for (w, x), l in table.items()
                  if l and l.lower() != rule_lemma(w, x) and l.lower() != w
                  and "\t" not in w + l and " " not in w + l)
    with open(out / "lemmas.tsv", "w", encoding="utf-8") as f:
        for w, x, l in rows:
            f.write(f"{w}\t{x}\t{l}\n")
    exceptions = {(w, x): l for w, x, l in rows}

    # Sanity check against spaCy's own lemmas on TRAIN (open classes only).
    agree = total = 0
    for form, lemma, upos, xpos in train:
        if xpos in UPOS_OF:
            mine = exceptions.get((form.lower(), xpos), rule_lemma(form, xpos))
            total += 1
            agree += mine == lemma.lower()
    print(f"lemmas: {len(rows)} exceptions to rule_lemma (from {n_dict} dictionary pairs "
          f"and {len(table) - n_dict} TRAIN pairs) -> {out / 'lemmas.tsv'}")
    print(f"  rule_lemma + table agrees with spaCy's lemma on {agree}/{total} "
          f"({100 * agree / max(total, 1):.1f}%) TRAIN tokens tagged NN*/VB*/MD/JJ*/RB* "
          "(case-insensitive)")

    # (b) tag dictionary.
    tags = defaultdict(Counter)
    for form, _, _, xpos in train:
        tags[form][xpos] += 1
    kept = [(sum(c.values()), w, c) for w, c in tags.items() if sum(c.values()) >= args.min_count]
    kept.sort(key=lambda t: (-t[0], t[1]))
    with open(out / "tagdict.tsv", "w", encoding="utf-8") as f:
        for _, w, c in kept:
            f.write(w + "\t" + ",".join(f"{t}:{n}" for t, n in
                                       sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))) + "\n")
    covered = sum(t[0] for t in kept)
    print(f"tagdict: {len(kept)} forms seen >= {args.min_count} times, covering {covered}/"
          f"{len(train)} TRAIN tokens -> {out / 'tagdict.tsv'}")


if __name__ == "__main__":
    main()
