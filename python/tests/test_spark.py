"""One Spark smoke test (local[2], the machine's Java): the events and quotes
dyad.spark gives for the example articles equal those `dyad code` prints."""

import os
import shutil
import sys

import pytest

from conftest import ARTICLES, example_records

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")

from dyad.frames import event_rows, quote_rows  # noqa: E402
from dyad.spark import code_column, quotes_column  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
        pytest.skip("no Java for Spark")
    from pyspark.sql import SparkSession

    # The workers run this interpreter, the one dyad is installed in.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    s = (SparkSession.builder.master("local[2]").appName("dyad-smoke")
         .config("spark.ui.enabled", "false")
         .config("spark.sql.shuffle.partitions", "2")
         .config("spark.driver.bindAddress", "127.0.0.1")
         .config("spark.driver.host", "127.0.0.1")
         .getOrCreate())
    yield s
    s.stop()


def _key(row):
    return tuple("" if v is None else str(v) for v in row.values())


def test_spark_events_and_quotes_equal_dyad_code(spark, dyad_cli):
    cli = dyad_cli(ARTICLES)
    records = example_records()
    df = spark.createDataFrame(records, "id string, content string, url string, "
                                        "published string, title string").repartition(2)
    events = code_column(df, text_col="content", id_col="id", url_col="url",
                         published_col="published", title_col="title")
    got = sorted((r.asDict() for r in events.collect()), key=_key)
    want = sorted((r for d in cli for r in event_rows(d)), key=_key)
    assert len(want) > 0
    assert got == want
    assert dict(events.dtypes)["goldstein"] == "double" and dict(events.dtypes)["lat"] == "double"

    quotes = quotes_column(df, text_col="content", id_col="id", url_col="url",
                           published_col="published", title_col="title")
    got_q = sorted((r.asDict() for r in quotes.collect()), key=_key)
    assert got_q == sorted((r for d in cli for r in quote_rows(d)), key=_key)
