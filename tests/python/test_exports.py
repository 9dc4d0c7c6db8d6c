"""dyad's exports, read by the libraries analysts load them with.

`make_exports.sh` (run by the fixture below) codes the example articles into
a fresh database and writes every export format into a folder; these tests
load each one with pandas, DuckDB and networkx, and the GDELT files with
GDELT 2.0's own column lists, checking columns and types.

Run: DYAD=target/release/dyad python -m pytest tests/python
"""

import json
import os
import subprocess
from pathlib import Path

import pytest

pd = pytest.importorskip("pandas")
duckdb = pytest.importorskip("duckdb")
nx = pytest.importorskip("networkx")

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent

# GDELT 2.0 Event Codebook, in file order.
GDELT_EVENTS = (
    "GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
    "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
    "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
    "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
    "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
    "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale "
    "NumMentions NumSources NumArticles AvgTone "
    "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code "
    "Actor1Geo_ADM2Code Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
    "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code "
    "Actor2Geo_ADM2Code Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
    "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code "
    "ActionGeo_ADM2Code ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID "
    "DATEADDED SOURCEURL"
).split()

# GDELT 2.0 Mentions table.
GDELT_MENTIONS = (
    "GLOBALEVENTID EventTimeDate MentionTimeDate MentionType MentionSourceName "
    "MentionIdentifier SentenceID Actor1CharOffset Actor2CharOffset ActionCharOffset "
    "InRawText Confidence MentionDocLen MentionDocTone MentionDocTranslationInfo Extras"
).split()

# Codes are strings in GDELT loaders (leading zeros matter: 043).
GDELT_STR = {c: str for c in GDELT_EVENTS if c.endswith("Code")}


def dyad_binary():
    if os.environ.get("DYAD"):
        return os.environ["DYAD"]
    for profile in ("release", "fast", "debug"):
        p = REPO / "target" / profile / "dyad"
        if p.exists():
            return str(p)
    pytest.skip("no dyad binary: build it or set DYAD")


@pytest.fixture(scope="module")
def out(tmp_path_factory):
    d = tmp_path_factory.mktemp("exports")
    subprocess.run(
        ["bash", str(HERE / "make_exports.sh"), dyad_binary(), str(d)],
        check=True,
        cwd=REPO,
    )
    return d


def test_gdelt_events_load_with_gdelts_column_list(out):
    df = pd.read_csv(out / "events.gdelt.tsv", sep="\t", header=None,
                     names=GDELT_EVENTS, dtype=GDELT_STR)
    assert len(df.columns) == 61
    assert len(df) > 5
    assert df["GLOBALEVENTID"].dtype.kind == "i"
    assert df["GLOBALEVENTID"].is_unique
    for c in ("QuadClass", "NumMentions", "NumSources", "NumArticles", "IsRootEvent",
              "ActionGeo_Type"):
        assert df[c].dtype.kind == "i", c
    assert df["GoldsteinScale"].dtype.kind == "f"
    assert df["GoldsteinScale"].between(-10, 10).all()
    assert df["QuadClass"].between(1, 4).all()
    dated = df["SQLDATE"].dropna().astype(int).astype(str)
    assert pd.to_datetime(dated, format="%Y%m%d").notna().all()
    assert (df["EventRootCode"] == df["EventCode"].str[:2]).all()
    assert (df["EventBaseCode"] == df["EventCode"].str[:3]).all()
    assert (df["NumMentions"] >= df["NumArticles"]).all()
    assert (df["NumArticles"] >= df["NumSources"]).all()
    placed = df[df["ActionGeo_Type"] > 0]
    assert len(placed) > 0
    assert placed["ActionGeo_Lat"].between(-90, 90).all()
    # FIPS country codes; regions across countries ("the Sahel") have none.
    assert placed["ActionGeo_CountryCode"].dropna().str.len().eq(2).all()
    assert pd.to_datetime(df["DATEADDED"].astype(str), format="%Y%m%d%H%M%S").notna().all()


def test_gdelt_mentions_load_and_join_their_events(out):
    ev = pd.read_csv(out / "events.gdelt.tsv", sep="\t", header=None,
                     names=GDELT_EVENTS, dtype=GDELT_STR)
    me = pd.read_csv(out / "mentions.gdelt.tsv", sep="\t", header=None,
                     names=GDELT_MENTIONS)
    assert len(me.columns) == 16
    for c in ("GLOBALEVENTID", "MentionType", "SentenceID", "ActionCharOffset",
              "InRawText", "Actor1CharOffset"):
        assert me[c].dtype.kind == "i", c
    assert set(me["GLOBALEVENTID"]) == set(ev["GLOBALEVENTID"])
    per_event = me.groupby("GLOBALEVENTID").size()
    expected = ev.set_index("GLOBALEVENTID")["NumMentions"]
    assert (per_event.sort_index() == expected.sort_index()).all()


def test_csv_loads_in_pandas_and_duckdb(out):
    df = pd.read_csv(out / "events.csv", dtype={"code": str, "root": str})
    assert {"event", "date", "source", "target", "code", "sentence_text", "url"} <= set(df.columns)
    assert df["event"].is_unique
    assert df["sentence_text"].str.len().gt(0).all()
    con = duckdb.connect()
    n = con.execute(
        f"SELECT count(*) FROM read_csv_auto('{out / 'events.csv'}', header=true)"
    ).fetchone()[0]
    assert n == len(df)


def test_parquet_tables_load_in_pandas_and_duckdb(out):
    pq = out / "parquet"
    con = duckdb.connect()
    for table in ("events", "mentions", "quotes", "documents"):
        df = pd.read_parquet(pq / f"{table}.parquet")
        n = con.execute(f"SELECT count(*) FROM '{pq / (table + '.parquet')}'").fetchone()[0]
        assert n == len(df), table


def test_plover_and_jsonl_are_json_lines(out):
    recs = [json.loads(l) for l in (out / "events.plover.jsonl").read_text().splitlines()]
    assert recs
    for r in recs:
        assert {"id", "date", "event", "actor", "recipient", "event_text", "cite_info"} <= set(r)
    df = pd.read_json(out / "documents.jsonl", lines=True)
    assert {"id", "text", "events", "mentions", "quotes", "places"} <= set(df.columns)


def test_graphml_loads_in_networkx(out):
    g = nx.read_graphml(out / "actors.graphml")
    assert g.is_directed()
    assert g.number_of_edges() > 0
    for _, _, d in g.edges(data=True):
        assert d["events"] == d["quad1"] + d["quad2"] + d["quad3"] + d["quad4"]
        assert -10 <= d["goldstein"] <= 10
