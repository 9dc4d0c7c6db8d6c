"""Throughput of dyad from Python against the dyad binary, same articles, same run.

    python python/bench/bench.py [--dyad target/release/dyad] [--copies 40] [--rounds 3] [--spark]

The corpus is the example articles (examples/articles) repeated --copies times
with distinct ids, as one JSON-lines file for the CLI and as records for
Python. Runs alternate (CLI, code_many, CLI, ...) and the best of --rounds is
kept, since the machine may be shared. Prints:

    cli: N docs/s (T threads)
    code_many: N docs/s, overhead X % (target <= 10 %)
    spark local[2]: N docs/s per core, overhead X % against dyad per core (target <= 25 %)

The dyad binary and the wheel should be built with the same profile
(`cargo build --release -p dyad` and `pip install ./python` both use release).
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "python" / "tests"))

import dyad  # noqa: E402
from conftest import ARTICLES  # noqa: E402


def corpus(copies):
    """The example articles as JSON-lines records (`text` or `html`, as `dyad
    code` reads them), --copies times with distinct ids."""
    base = []
    for path in sorted(ARTICLES.iterdir()):
        if path.suffix in (".txt", ".html"):
            # A .txt with markup is an HTML fragment to `dyad code` (and to
            # dyad.spark, which tells them apart the same way).
            body = path.read_text()
            markup = path.suffix == ".html" or re.search(r"<(a\s+href|p|div)\b", body)
            base.append({"id": path.stem, "html" if markup else "text": body})
        elif path.suffix == ".jsonl":
            base.extend(json.loads(l) for l in path.read_text().splitlines() if l.strip())
    return [dict(r, id=f"{r['id']}-{c}") for c in range(copies) for r in base]


def spark_run(a, records, cli_events):
    """A function timing one Spark local[2] job over the corpus (session and
    Python workers started, dictionaries loaded, input cached beforehand)."""
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = sys.executable

    from dyad.spark import code_column

    spark = (SparkSession.builder.master("local[2]").appName("dyad-bench")
             .config("spark.ui.enabled", "false")
             .config("spark.driver.bindAddress", "127.0.0.1")
             .config("spark.driver.host", "127.0.0.1").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    rows = [{"id": r["id"], "content": r.get("html") or r.get("text"), "url": r.get("url"),
             "published": r.get("published"), "title": r.get("title")} for r in records]
    df = spark.createDataFrame(rows, "id string, content string, url string, "
                                     "published string, title string").repartition(2).cache()
    df.count()
    ev = code_column(df, text_col="content", url_col="url", published_col="published",
                     title_col="title", threads=a.spark_threads)
    # Start both Python workers and load the dictionaries in each.
    code_column(df.limit(4).repartition(2), text_col="content").count()

    def run():
        t = time.perf_counter()
        got = ev.count()
        assert got == cli_events, (got, cli_events)
        return time.perf_counter() - t

    return run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dyad", default=str(REPO / "target/release/dyad"))
    ap.add_argument("--copies", type=int, default=40)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--threads", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--spark", action="store_true", help="also Spark local[2]")
    ap.add_argument("--spark-threads", type=int, default=2, help="code_column's threads per task")
    a = ap.parse_args()

    records = corpus(a.copies)
    n = len(records)
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for r in records:
            f.write(json.dumps(r) + "\n")
        path = f.name
    # The same body kinds for both: check that the CLI and Python agree on events.
    cli_docs = subprocess.run([a.dyad, "code", path], capture_output=True, text=True, check=True).stdout
    cli_events = sum(len(json.loads(l)["events"]) for l in cli_docs.splitlines())
    py_events = sum(len(d["events"]) for d in dyad.code_many(records, threads=a.threads))
    assert cli_events == py_events, (cli_events, py_events)

    def cli():
        t = time.perf_counter()
        subprocess.run([a.dyad, "code", path], stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t

    def startup():
        # The CLI's fixed cost (loading the model and dictionaries), which the
        # warm Python pipeline does not pay again.
        t = time.perf_counter()
        subprocess.run([a.dyad, "code", "Peru recalled its ambassador."], stdout=subprocess.DEVNULL, check=True)
        return time.perf_counter() - t

    pipe = dyad.Pipeline(threads=a.threads)
    pipe.code("Warm up: Chile recalled its ambassador from Peru.")

    def py():
        t = time.perf_counter()
        for _ in pipe.code_many(records):
            pass
        return time.perf_counter() - t

    sp = spark_run(a, records, cli_events) if a.spark else None
    times = {"cli": [], "py": [], "spark": [], "startup": []}
    for _ in range(a.rounds):
        times["startup"].append(startup())
        times["cli"].append(cli())
        times["py"].append(py())
        if sp:
            times["spark"].append(sp())
    t_cli, t_py = min(times["cli"]), min(times["py"])
    print(f"corpus: {n} docs ({a.copies} copies of the example articles), {cli_events} events")
    print(f"cli: {n / t_cli:.1f} docs/s ({a.threads} threads, {a.dyad})")
    t_start = min(times["startup"])
    print(f"code_many: {n / t_py:.1f} docs/s, overhead {100 * (t_py / t_cli - 1):.1f} % (target <= 10 %); "
          f"against the CLI less its start-up ({t_start:.2f} s): {100 * (t_py / (t_cli - t_start) - 1):.1f} %")
    if sp:
        t_sp = min(times["spark"])
        # Per core: Spark's 2 task slots against the single dyad process's threads.
        per_core_spark = n / t_sp / 2
        per_core_cli = n / t_cli / a.threads
        print(f"spark local[2]: {per_core_spark:.1f} docs/s per core, dyad {per_core_cli:.1f} docs/s per core, "
              f"overhead {100 * (per_core_cli / per_core_spark - 1):.1f} % (target <= 25 %)")
    os.unlink(path)


if __name__ == "__main__":
    main()
