"""Documents to pandas DataFrames: one row per event, or per quote.

pandas is an optional extra (`pip install "dyad[pandas]"`); it is imported
only when a frame is asked for. The columns are those of dyad.spark's
schemas, so a notebook and a cluster job read the same table.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

# (name, pandas dtype) of one row per event.
EVENT_COLUMNS = [
    ("doc_id", "string"),
    ("published", "string"),
    ("source", "string"),
    ("target", "string"),
    ("code", "string"),
    ("root", "string"),
    ("quad_class", "Int8"),
    ("goldstein", "float64"),
    ("date", "string"),
    ("date_from", "string"),
    ("place", "string"),
    ("country", "string"),
    ("lat", "float64"),
    ("lon", "float64"),
    ("sentence", "Int32"),
    ("sentence_text", "string"),
    ("source_text", "string"),
    ("target_text", "string"),
    ("start", "Int32"),
    ("end", "Int32"),
    ("pattern", "string"),
]

# (name, pandas dtype) of one row per quote.
QUOTE_COLUMNS = [
    ("doc_id", "string"),
    ("published", "string"),
    ("kind", "string"),
    ("text", "string"),
    ("speaker", "string"),
    ("speaker_code", "string"),
    ("speaker_role", "string"),
    ("anonymous", "boolean"),
    ("cue", "string"),
    ("start", "Int32"),
    ("end", "Int32"),
]


def _chars(text: str, start: int, end: int) -> str:
    # Offsets are in Unicode scalar values, as Python indexes str.
    return text[start:end]


def event_rows(doc: Dict[str, Any]) -> List[Dict[str, Any]]:
    """One dict per event of a document, with EVENT_COLUMNS' keys."""
    text = doc.get("text") or ""
    sentences = doc.get("sentences") or []
    places = doc.get("places") or []
    rows = []
    for e in doc.get("events") or []:
        place: Optional[Dict[str, Any]] = None
        if e.get("place") is not None and 0 <= e["place"] < len(places):
            place = places[e["place"]]
        s = e.get("sentence")
        sentence_text = None
        if s is not None and 0 <= s < len(sentences):
            sentence_text = _chars(text, sentences[s]["start"], sentences[s]["end"])
        rows.append(
            {
                "doc_id": doc.get("id"),
                "published": doc.get("published"),
                "source": e.get("source"),
                "target": e.get("target"),
                "code": e.get("code"),
                "root": e.get("root"),
                "quad_class": e.get("quad_class"),
                "goldstein": e.get("goldstein"),
                "date": e.get("date"),
                "date_from": e.get("date_from"),
                "place": place.get("name") if place else None,
                "country": place.get("country") if place else None,
                "lat": place.get("lat") if place else None,
                "lon": place.get("lon") if place else None,
                "sentence": s,
                "sentence_text": sentence_text,
                "source_text": e.get("source_text"),
                "target_text": e.get("target_text"),
                "start": e.get("start"),
                "end": e.get("end"),
                "pattern": e.get("pattern"),
            }
        )
    return rows


def quote_rows(doc: Dict[str, Any]) -> List[Dict[str, Any]]:
    """One dict per quote of a document, with QUOTE_COLUMNS' keys."""
    rows = []
    for q in doc.get("quotes") or []:
        sp = q.get("speaker") or {}
        rows.append(
            {
                "doc_id": doc.get("id"),
                "published": doc.get("published"),
                "kind": q.get("kind"),
                "text": q.get("text"),
                "speaker": sp.get("name"),
                "speaker_code": sp.get("code"),
                "speaker_role": sp.get("role"),
                "anonymous": sp.get("anonymous") if sp else None,
                "cue": q.get("cue"),
                "start": q.get("start"),
                "end": q.get("end"),
            }
        )
    return rows


def _frame(rows: List[Dict[str, Any]], columns):
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the install
        raise ImportError(
            'dyad\'s frames need pandas: pip install "dyad[pandas]"'
        ) from e
    names = [c for c, _ in columns]
    df = pd.DataFrame.from_records(rows, columns=names)
    return df.astype(dict(columns))


def events_frame(docs: Iterable[Dict[str, Any]]):
    """A pandas DataFrame with one row per event of `docs` (dicts from code/code_many)."""
    return _frame([r for d in docs for r in event_rows(d)], EVENT_COLUMNS)


def quotes_frame(docs: Iterable[Dict[str, Any]]):
    """A pandas DataFrame with one row per quote of `docs`."""
    return _frame([r for d in docs for r in quote_rows(d)], QUOTE_COLUMNS)
