#!/usr/bin/env python3
"""Check dyad actor dictionary files (format: dictionaries/README.md).

Prints one line per problem as FILE:LINE: message, then a count of entries
per kind. Exit status 1 when anything is wrong.
"""
import re
import sys

KINDS = {"country", "person", "org", "agent"}
KEYS = {
    "country": {"names", "iso2", "adjectives", "demonyms", "capitals", "historic"},
    "person": {"names", "code", "country"},
    "org": {"names", "code", "country", "type"},
    "agent": {"names", "modifiers"},
}
DATE = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
CODE_LINE = re.compile(rf"^([A-Z]{{3,15}})(?:\s+({DATE})?\.\.({DATE})?)?(?:\s+what:\s*(.+))?$")
ORG_TYPES = {"igo", "ngo", "party", "armed group", "company", "media", "religious", "other"}


def check(path, counts, seen):
    bad = 0
    kind = None
    for n, raw in enumerate(open(path, encoding="utf-8"), 1):
        line = re.sub(r"(^|\s\s)#.*$", "", raw.rstrip("\n"))
        if not line.strip():
            continue

        def err(msg):
            nonlocal bad
            bad += 1
            print(f"{path}:{n}: {msg}")

        if not line.startswith(" "):
            parts = line.split(None, 2)
            kind = parts[0]
            if kind not in KINDS:
                err(f"unknown entry kind {kind!r}")
                kind = None
                continue
            if kind in ("country", "org", "agent"):
                if len(parts) < 3 or not re.fullmatch(r"[A-Z]{3,15}", parts[1]):
                    err(f"{kind} header needs CODE and Name")
                    continue
            elif len(parts) < 2:
                err("person header needs a name")
                continue
            counts[kind] = counts.get(kind, 0) + 1
            key = line.strip().lower()
            if key in seen:
                err(f"duplicate entry (also at {seen[key]})")
            seen[key] = f"{path}:{n}"
            continue
        if not line.startswith("  ") or ":" not in line:
            err("attribute lines are indented two spaces and read 'key: value'")
            continue
        if kind is None:
            err("attribute outside an entry")
            continue
        k, v = line.strip().split(":", 1)
        v = v.strip()
        if k not in KEYS[kind]:
            err(f"{kind} entries have no {k!r} (allowed: {', '.join(sorted(KEYS[kind]))})")
        elif not v:
            err(f"empty {k!r}")
        elif k == "code":
            m = CODE_LINE.match(v)
            if not m:
                err(f"bad code line {v!r}: want 'CODE [FROM..TO] [what: role]'")
            elif m.group(2) and m.group(3) and m.group(2) > m.group(3):
                err(f"range ends before it starts: {v!r}")
        elif k == "iso2" and not re.fullmatch(r"[A-Z]{2}", v):
            err("iso2 is two capital letters")
        elif k == "country" and not re.fullmatch(r"[A-Z]{3}", v):
            err("country is an ISO3 code")
        elif k == "type" and v not in ORG_TYPES:
            err(f"type is one of {sorted(ORG_TYPES)}")
        elif k == "historic":
            for h in v.split(" | "):
                if not re.fullmatch(rf".+ \(({DATE})?\.\.({DATE})?\)", h):
                    err(f"historic name needs a range: {h!r}")
        elif "  |" in v or "|  " in v or v.startswith("|") or v.endswith("|"):
            err("list items are separated by ' | '")
    return bad


def main():
    counts, seen, bad = {}, {}, 0
    for p in sys.argv[1:]:
        bad += check(p, counts, seen)
    print("entries: " + ", ".join(f"{k}={v}" for k, v in sorted(counts.items())) + f"; problems={bad}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
