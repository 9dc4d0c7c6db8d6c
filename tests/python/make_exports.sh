#!/usr/bin/env bash
# Code the example articles into a fresh database and write every export
# format into OUT: make_exports.sh DYAD_BINARY OUT
set -euo pipefail
dyad="$1"
out="$2"
mkdir -p "$out"
db="$out/dyad.db"
rm -f "$db"
"$dyad" ingest examples/articles --db "$db" >/dev/null
"$dyad" export --db "$db" --format gdelt --out "$out/events.gdelt.tsv"
"$dyad" export --db "$db" --format gdelt-mentions --out "$out/mentions.gdelt.tsv"
"$dyad" export --db "$db" --format csv --out "$out/events.csv"
"$dyad" export --db "$db" --format plover --out "$out/events.plover.jsonl"
"$dyad" export --db "$db" --format jsonl --out "$out/documents.jsonl"
"$dyad" export --db "$db" --format graphml --out "$out/actors.graphml"
"$dyad" export --db "$db" --format parquet --out "$out/parquet"
