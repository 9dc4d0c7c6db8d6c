#!/usr/bin/env python3
"""Write the tagger's word lexicon from TextBlob's copy of Brill's lexicon.

TextBlob (MIT) ships `en/en-lexicon.txt`: 94k English words with their
Penn Treebank tags (Brill 1992, Brown corpus and Penn Treebank, MIT licence;
additions from the CMU Twitter POS data, CC BY 3.0). dyad's tagger uses it
as a feature for words its training text never showed.

    pip install textblob==0.20.1
    python3 tools/train/brill_lexicon.py --out target/silver/lexicon.tsv
"""
import argparse
import os

import textblob


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default="target/silver/lexicon.tsv")
    args = ap.parse_args()
    src = os.path.join(os.path.dirname(textblob.__file__), "en", "en-lexicon.txt")
    n = 0
    with open(src, encoding="utf-8") as f, open(args.out, "w", encoding="utf-8") as out:
        out.write("# word<TAB>tags, from TextBlob's en-lexicon.txt (Brill lexicon)\n")
        for line in f:
            if line.startswith(";;;") or not line.strip():
                continue
            word, *tags = line.split()
            out.write(word + "\t" + " ".join(tags) + "\n")
            n += 1
    print(f"{n} words -> {args.out}")


if __name__ == "__main__":
    main()
