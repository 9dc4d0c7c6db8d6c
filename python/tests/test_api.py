"""The Python API: dicts equal to `dyad code`'s JSON, parallel coding in
input order with the GIL released, typed errors naming the record, options,
frames and stubs.

Run: python -m pytest python/tests (after `pip install ./python`)."""

import threading
import time
import warnings
from pathlib import Path

import pytest

import dyad
from conftest import ARTICLES, example_records

NEWS = [
    "Brazil expelled two Argentine diplomats on Friday, the foreign ministry said.",
    "Kenyan police arrested dozens of protesters in Nairobi on Monday.",
    "The Japanese prime minister met the South Korean president in Seoul.",
    "Norway condemned the missile test carried out by North Korea.",
]


def test_code_is_the_cli_json_for_text(dyad_cli):
    text = NEWS[0]
    assert dyad.code(text) == dyad_cli(text)[0]


def test_code_is_the_cli_json_for_html_with_metadata(dyad_cli):
    path = ARTICLES / "sahel-withdrawal.html"
    cli = dyad_cli(path)[0]
    doc = dyad.code(path.read_text(encoding="utf-8"), id=path.stem)
    assert doc == cli
    assert doc["events"], "the example has events"


def test_code_passes_url_published_and_title():
    doc = dyad.code(NEWS[1], url="https://news.example/a", published="2023-04-02",
                    title="Arrests in Nairobi")
    assert (doc["url"], doc["published"], doc["published_from"], doc["title"]) == (
        "https://news.example/a", "2023-04-02", "input", "Arrests in Nairobi")


def test_code_many_equals_the_cli_on_the_examples_in_input_order(dyad_cli):
    cli = {d["id"]: d for d in dyad_cli(ARTICLES)}
    records = example_records()
    docs = list(dyad.code_many(records, threads=2))
    assert [d["id"] for d in docs] == [r["id"] for r in records]
    for d in docs:
        assert d["events"] == cli[d["id"]]["events"], d["id"]
        assert d["quotes"] == cli[d["id"]]["quotes"], d["id"]


def test_code_many_keeps_order_and_equals_code_one_at_a_time():
    records = [{"id": f"n{i}", "text": t} for i, t in enumerate(NEWS * 3)]
    many = list(dyad.code_many(iter(records), threads=3))
    assert [d["id"] for d in many] == [r["id"] for r in records]
    one = [dyad.code(r["text"], id=r["id"]) for r in records]
    assert many == one


def test_code_many_takes_strings_and_default_ids():
    docs = list(dyad.code_many(NEWS[:2]))
    assert [d["id"] for d in docs] == ["record-1", "record-2"]


def test_the_gil_is_released_while_dyad_codes():
    # A long article: while another thread codes it in Rust, this thread runs.
    text = "\n\n".join(NEWS * 60)
    state = {"inside": False, "done": False}

    def work():
        state["inside"] = True
        dyad.code(text)
        state["done"] = True

    t = threading.Thread(target=work)
    t.start()
    while not state["inside"]:
        time.sleep(0)
    ticks = 0
    while not state["done"]:
        ticks += 1
    t.join()
    # Holding the GIL for the whole call would leave this loop a handful of
    # ticks at most (one switch interval before the call began).
    assert ticks > 10_000


@pytest.mark.parametrize(
    "bad, reason",
    [
        (42, "expected a str or a dict"),
        ({"id": "x-1", "url": "https://a.example"}, "neither \"text\" nor \"html\""),
        ({"id": "x-1", "text": "   "}, "article body is empty"),
        ({"id": "x-1", "text": 3.5}, "field \"text\" must be a string"),
    ],
)
def test_a_bad_record_raises_input_error_naming_it(bad, reason):
    records = [NEWS[0], NEWS[1], bad, NEWS[2]]
    got = []
    with pytest.raises(dyad.InputError) as e:
        for d in dyad.code_many(records, threads=2):
            got.append(d["id"])
    assert got == ["record-1", "record-2"], "the records before it are yielded first"
    assert e.value.index == 2
    assert reason in str(e.value) and "records[2]" in str(e.value)
    if isinstance(bad, dict):
        assert e.value.id == "x-1" and "x-1" in str(e.value)
    assert isinstance(e.value, ValueError)


def test_errors_skip_warns_and_goes_on():
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        docs = list(dyad.code_many([NEWS[0], {"id": "empty", "text": ""}, NEWS[1]],
                                   errors="skip"))
    assert [d["id"] for d in docs] == ["record-1", "record-3"]
    assert any("empty" in str(x.message) for x in w)


def test_limits_are_options_like_the_cli():
    p = dyad.Pipeline(max_tokens=5)
    with pytest.raises(dyad.InputError, match="max_tokens"):
        p.code(NEWS[0], id="long")
    with pytest.raises(dyad.InputError, match="max_bytes"):
        dyad.Pipeline(max_bytes=10).code(NEWS[0])
    assert dyad.Pipeline(threads=3).threads == 3


def test_bad_options_raise():
    with pytest.raises(OSError):
        dyad.Pipeline(petrarch_dir="/nonexistent/petrarch")
    with pytest.raises(ValueError):
        dyad.Pipeline(dictionaries="/some/other/dictionaries")
    with pytest.raises(ValueError):
        dyad.code_many(NEWS, errors="ignore-me")


def test_a_failing_iterable_raises_its_own_error():
    def records():
        yield NEWS[0]
        raise KeyError("source broke")

    with pytest.raises(KeyError):
        list(dyad.code_many(records()))


def test_an_unreadable_published_is_a_warning():
    with pytest.warns(UserWarning, match="not a date"):
        doc = dyad.code(NEWS[0], published="sometime soon")
    assert doc["published_from"] != "input"


def test_frames_have_typed_columns_and_one_row_per_event_and_quote():
    pd = pytest.importorskip("pandas")
    docs = list(dyad.code_many(example_records()))
    ev = dyad.events_frame(docs)
    assert len(ev) == sum(len(d["events"]) for d in docs) > 0
    assert list(ev.columns)[:5] == ["doc_id", "published", "source", "target", "code"]
    assert str(ev["goldstein"].dtype) == "float64" and str(ev["quad_class"].dtype) == "Int8"
    first = docs[0]["events"][0]
    s = docs[0]["sentences"][first["sentence"]]
    assert ev.iloc[0]["sentence_text"] == docs[0]["text"][s["start"]:s["end"]]
    q = dyad.quotes_frame(docs)
    assert len(q) == sum(len(d["quotes"]) for d in docs) > 0
    empty = dyad.events_frame([])
    assert len(empty) == 0 and "goldstein" in empty.columns
    assert isinstance(ev, pd.DataFrame)


def test_the_package_ships_type_stubs():
    pkg = Path(dyad.__file__).parent
    assert (pkg / "py.typed").is_file()
    assert (pkg / "__init__.pyi").is_file()


def test_spark_schemas_have_the_frames_columns():
    # dyad.spark imports pyspark only when a DataFrame is coded.
    from dyad import frames, spark

    def names(ddl):
        return [part.split()[0] for part in ddl.split(",")]

    assert names(spark.EVENT_SCHEMA) == [c for c, _ in frames.EVENT_COLUMNS]
    assert names(spark.QUOTE_SCHEMA) == [c for c, _ in frames.QUOTE_COLUMNS]
