#!/usr/bin/env python3
"""Check dyad event files: dictionaries/events/cameo.tsv and *.verbs patterns.

Usage: python3 tools/check_verbs.py [dictionaries/events]
Prints FILE:LINE: problem lines, then counts; exit 1 on problems.
"""
import re
import sys
from pathlib import Path

PLOVER = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
          "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "dictionaries/events")
    bad = 0

    def err(f, n, msg):
        nonlocal bad
        bad += 1
        print(f"{f}:{n}: {msg}")

    codes = {}
    cameo = root / "cameo.tsv"
    for n, line in enumerate(cameo.read_text("utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#") or line.startswith("code\t"):
            continue
        cols = line.split("\t")
        if len(cols) != 6:
            err(cameo, n, f"want 6 tab-separated columns, found {len(cols)}")
            continue
        code, name, quad, gold, pe, pm = cols
        if not re.fullmatch(r"\d{2,4}", code):
            err(cameo, n, f"bad code {code!r}")
        if code in codes:
            err(cameo, n, f"duplicate code {code}")
        if quad not in "1234" or len(quad) != 1:
            err(cameo, n, f"quad_class is 1-4, not {quad!r}")
        try:
            g = float(gold)
            if not -10 <= g <= 10:
                err(cameo, n, "goldstein outside -10..10")
        except ValueError:
            err(cameo, n, f"goldstein {gold!r} is not a number")
        if pe not in PLOVER:
            err(cameo, n, f"unknown PLOVER event {pe!r}")
        if not name.strip() or not pm.strip():
            err(cameo, n, "empty name or mode")
        codes[code] = name
    roots = {c[:2] for c in codes}
    if roots and roots != {f"{i:02d}" for i in range(1, 21)}:
        err(cameo, 0, f"roots missing: {sorted({f'{i:02d}' for i in range(1, 21)} - roots)}")

    patterns = 0
    seen = {}
    per_root = {}
    for f in sorted(root.glob("*.verbs")):
        for n, raw in enumerate(f.read_text("utf-8").splitlines(), 1):
            line = re.sub(r"(^|\s)#.*$", "", raw).rstrip()
            if not line.strip():
                continue
            m = re.fullmatch(r"(\d{2,4})(?:\t|\s{2,})(.+)", line.strip())
            if not m:
                err(f, n, "want 'CODE  PATTERN'")
                continue
            code, pat = m.group(1), m.group(2).strip()
            if code not in codes:
                err(f, n, f"code {code} is not in cameo.tsv")
            toks = pat.split()
            words = [t for t in toks if t not in ("$", "+", "*", "~")]
            if not words:
                err(f, n, "a pattern needs a head word")
            if "$" not in toks and "+" not in toks:
                err(f, n, "a pattern needs $ or +")
            if toks.count("$") > 1 or toks.count("+") > 1:
                err(f, n, "at most one $ and one +")
            if "~" in toks and toks[0] != "~":
                err(f, n, "~ goes first")
            for t in words:
                if not re.fullmatch(r"[a-z][a-z'\-]*", t):
                    err(f, n, f"{t!r}: words are lower-case lemmas")
            key = " ".join(toks)
            if key in seen and seen[key][0] != code:
                err(f, n, f"same pattern with another code at {seen[key][1]}")
            elif key in seen:
                err(f, n, f"duplicate pattern (also {seen[key][1]})")
            seen[key] = (code, f"{f.name}:{n}")
            patterns += 1
            per_root[code[:2]] = per_root.get(code[:2], 0) + 1
    print(f"codes={len(codes)} patterns={patterns} by root: " +
          " ".join(f"{r}:{per_root.get(r, 0)}" for r in sorted({f'{i:02d}' for i in range(1, 21)})) +
          f"; problems={bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
