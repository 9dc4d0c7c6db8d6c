"""dyad on Spark: a DataFrame of articles to a DataFrame of events (or quotes).

    from dyad.spark import code_column, quotes_column
    events = code_column(articles, text_col="text", id_col="id",
                         url_col="url", published_col="published")
    events.write.partitionBy("published").parquet("s3://bucket/events")

The work runs in `mapInArrow`: each task streams its partition's Arrow
batches through `dyad.code_many` and yields one row per event, typed by
EVENT_SCHEMA (QUOTE_SCHEMA for quotes). The dictionaries are compiled once
per Python worker process (a module-level pipeline here, and the Rust
dictionaries are process-wide), and Spark reuses its Python workers, so an
executor loads them once per worker, never per row or batch.

Text columns may hold plain text or HTML (told apart as `dyad code` does).
A row dyad cannot code (empty text, over a limit) gives no rows and a
warning in the executor's log; it never fails the job.
"""

from __future__ import annotations

import threading
import warnings
from typing import Any, Dict, Iterator, List, Optional

import dyad
from dyad.frames import event_rows, quote_rows

# DDL of the schemas (Spark SQL types); the order of frames.EVENT_COLUMNS.
EVENT_SCHEMA = (
    "doc_id string, published string, source string, target string, code string, "
    "root string, quad_class int, goldstein double, date string, date_from string, "
    "place string, country string, lat double, lon double, sentence int, "
    "sentence_text string, source_text string, target_text string, start int, "
    "end int, pattern string"
)
QUOTE_SCHEMA = (
    "doc_id string, published string, kind string, text string, speaker string, "
    "speaker_code string, speaker_role string, anonymous boolean, cue string, "
    "start int, end int"
)

# Rows per Arrow batch handed back to Spark.
BATCH_ROWS = 4096

_pipeline: Optional["dyad.Pipeline"] = None
_lock = threading.Lock()


def worker_pipeline(threads: int) -> "dyad.Pipeline":
    """The executor's pipeline, made on first use in this Python worker."""
    global _pipeline
    with _lock:
        if _pipeline is None:
            _pipeline = dyad.Pipeline(threads=threads)
        return _pipeline


def _arrow_schema(ddl: str):
    import pyarrow as pa

    kinds = {
        "string": pa.string(),
        "int": pa.int32(),
        "double": pa.float64(),
        "boolean": pa.bool_(),
    }
    fields = []
    for part in ddl.split(","):
        name, kind = part.split()
        fields.append(pa.field(name, kinds[kind]))
    return pa.schema(fields)


def _mapper(cols: Dict[str, Optional[str]], rows_of, ddl: str, threads: int):
    """The function mapInArrow runs on each partition."""

    def run(batches: Iterator[Any]) -> Iterator[Any]:
        import pyarrow as pa

        schema = _arrow_schema(ddl)
        pipe = worker_pipeline(threads)

        def records() -> Iterator[Dict[str, Any]]:
            for batch in batches:
                data = {k: batch.column(c).to_pylist() for k, c in cols.items() if c}
                for i in range(batch.num_rows):
                    yield {k: v[i] for k, v in data.items()}

        out: List[Dict[str, Any]] = []
        with warnings.catch_warnings():
            # Bad rows are skipped; say so once per row in the worker's log.
            warnings.simplefilter("always")
            for doc in pipe.code_many(records(), threads=threads, errors="skip"):
                out.extend(rows_of(doc))
                if len(out) >= BATCH_ROWS:
                    yield pa.RecordBatch.from_pylist(out, schema=schema)
                    out = []
        if out:
            yield pa.RecordBatch.from_pylist(out, schema=schema)

    return run


def _columns(df, text_col, id_col, url_col, published_col, title_col) -> Dict[str, Optional[str]]:
    cols = {
        "content": text_col,
        "id": id_col,
        "url": url_col,
        "published": published_col,
        "title": title_col,
    }
    missing = [c for c in cols.values() if c and c not in df.columns]
    if missing:
        raise ValueError(f"no column {missing[0]!r} in the DataFrame ({', '.join(df.columns)})")
    return cols


def _select(df, cols: Dict[str, Optional[str]]):
    """Only the columns dyad reads cross to Python, as strings; a date or
    timestamp column as its day (YYYY-MM-DD), which is what dyad keeps."""
    from pyspark.sql import functions as F

    kinds = dict(df.dtypes)
    picked = []
    for c in dict.fromkeys(v for v in cols.values() if v):
        if kinds[c] in ("date", "timestamp", "timestamp_ntz"):
            picked.append(F.date_format(F.col(c), "yyyy-MM-dd").alias(c))
        else:
            picked.append(F.col(c).cast("string").alias(c))
    return df.select(*picked)


def code_column(
    df,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    url_col: Optional[str] = None,
    published_col: Optional[str] = None,
    title_col: Optional[str] = None,
    threads: int = 2,
):
    """A DataFrame of events, one row per event, typed by EVENT_SCHEMA.

    threads: coding threads per Spark task. Spark runs one task per core;
    two threads keep the core busy while the task's Python thread and the
    JVM move rows, and let the last task of a stage use the cores the
    others freed (measured: 17 % overhead against dyad per core with 2,
    29 % with 1; docs/python.md).
    """
    cols = _columns(df, text_col, id_col, url_col, published_col, title_col)
    return _select(df, cols).mapInArrow(_mapper(cols, event_rows, EVENT_SCHEMA, threads), EVENT_SCHEMA)


def quotes_column(
    df,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    url_col: Optional[str] = None,
    published_col: Optional[str] = None,
    title_col: Optional[str] = None,
    threads: int = 2,
):
    """A DataFrame of quotes, one row per quote, typed by QUOTE_SCHEMA."""
    cols = _columns(df, text_col, id_col, url_col, published_col, title_col)
    return _select(df, cols).mapInArrow(_mapper(cols, quote_rows, QUOTE_SCHEMA, threads), QUOTE_SCHEMA)
