"""dyad from Python: political event data (CAMEO) from news text.

    import dyad
    doc = dyad.code("Chile recalled its ambassador from Peru on Monday.")
    for doc in dyad.code_many(records, threads=4): ...
    dyad.events_frame(docs), dyad.quotes_frame(docs)   # pandas, optional

Each document is a dict, exactly the JSON object `dyad code` prints for the
same input (see "Output contract" in the README). Coding runs in Rust;
`code_many` codes on several threads with the GIL released and yields in
input order. Spark: `dyad.spark.code_column` (needs pyspark).
"""

from __future__ import annotations

import json
import threading
import warnings
from typing import Any, Dict, Iterable, Iterator, Optional, Union

from dyad._dyad import InputError, __version__
from dyad._dyad import Pipeline as _RustPipeline
from dyad.frames import events_frame, quotes_frame

__all__ = [
    "InputError",
    "Pipeline",
    "code",
    "code_many",
    "events_frame",
    "quotes_frame",
    "__version__",
]

Record = Union[str, Dict[str, Any]]


def _loaded(coded: "tuple[str, list[str]]") -> Dict[str, Any]:
    text, notes = coded
    for note in notes:
        warnings.warn(note, UserWarning, stacklevel=3)
    return json.loads(text)


class Pipeline:
    """dyad's pipeline with the CLI's options.

    petrarch_dir: a folder of PETRARCH/TABARI dictionaries that code events
        instead of dyad's own (the CLI's `--petrarch DIR`).
    dictionaries: the actor dictionaries; only "dyad" (dyad's own, embedded,
        the default) for now, as in the CLI.
    max_bytes, max_depth, max_tokens, max_sentence_tokens: the limits on one
        document (`--max-bytes` ...); defaults as the CLI's.
    threads: threads `code_many` uses by default (default: one per core).
    """

    def __init__(
        self,
        petrarch_dir: Optional[str] = None,
        dictionaries: Optional[str] = None,
        *,
        max_bytes: Optional[int] = None,
        max_depth: Optional[int] = None,
        max_tokens: Optional[int] = None,
        max_sentence_tokens: Optional[int] = None,
        threads: Optional[int] = None,
    ) -> None:
        self._p = _RustPipeline(
            None if petrarch_dir is None else str(petrarch_dir),
            dictionaries,
            max_bytes=max_bytes,
            max_depth=max_depth,
            max_tokens=max_tokens,
            max_sentence_tokens=max_sentence_tokens,
            threads=threads,
        )

    @property
    def threads(self) -> int:
        return self._p.threads

    @property
    def coded_by(self) -> str:
        """dyad's version and the dictionaries' hash, as the store records it."""
        return self._p.coded_by

    def code(
        self,
        text_or_html: str,
        url: Optional[str] = None,
        published: Optional[str] = None,
        title: Optional[str] = None,
        *,
        id: Optional[str] = None,
        tokens: bool = False,
    ) -> Dict[str, Any]:
        """One article (plain text or HTML, told apart as `dyad code` does)."""
        return _loaded(
            self._p.code(text_or_html, url, published, title, id=id, tokens=tokens)
        )

    def code_many(
        self,
        records: Iterable[Record],
        threads: Optional[int] = None,
        *,
        tokens: bool = False,
        errors: str = "raise",
    ) -> Iterator[Dict[str, Any]]:
        """Documents for `records`, in input order, coded on `threads` threads.

        A record is a str (text or HTML) or a dict with "text" (plain text),
        "html" or "content" (either), and optionally "id", "url", "title",
        "published" (a string, or a date/datetime). A record that cannot be
        coded raises InputError naming it (errors="raise"), or is skipped with
        a warning (errors="skip").
        """
        # Made now, so that a bad argument raises here, not at the first next().
        coded = self._p.code_many(records, threads, tokens, errors)
        return (_loaded(c) for c in coded)


_default: Optional[Pipeline] = None
_default_lock = threading.Lock()


def default_pipeline() -> Pipeline:
    """The pipeline `code` and `code_many` use: dyad's dictionaries, CLI defaults."""
    global _default
    with _default_lock:
        if _default is None:
            _default = Pipeline()
        return _default


def code(
    text_or_html: str,
    url: Optional[str] = None,
    published: Optional[str] = None,
    title: Optional[str] = None,
    *,
    id: Optional[str] = None,
    tokens: bool = False,
) -> Dict[str, Any]:
    """One article as a dict in the output contract (as `dyad code` prints it)."""
    return default_pipeline().code(
        text_or_html, url, published, title, id=id, tokens=tokens
    )


def code_many(
    records: Iterable[Record],
    threads: Optional[int] = None,
    *,
    tokens: bool = False,
    errors: str = "raise",
) -> Iterator[Dict[str, Any]]:
    """Many articles, coded in parallel in Rust, yielded in input order."""
    return default_pipeline().code_many(records, threads, tokens=tokens, errors=errors)
