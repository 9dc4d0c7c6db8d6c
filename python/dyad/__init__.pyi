from typing import Any, Dict, Iterable, Iterator, Optional, Union

import pandas

__version__: str

Record = Union[str, Dict[str, Any]]
Document = Dict[str, Any]

class InputError(ValueError):
    """A record dyad cannot code; `index` (0-based) and `id` name it."""

    index: int
    id: Optional[str]
    reason: str

class Pipeline:
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
    ) -> None: ...
    @property
    def threads(self) -> int: ...
    @property
    def coded_by(self) -> str: ...
    def code(
        self,
        text_or_html: str,
        url: Optional[str] = None,
        published: Optional[str] = None,
        title: Optional[str] = None,
        *,
        id: Optional[str] = None,
        tokens: bool = False,
    ) -> Document: ...
    def code_many(
        self,
        records: Iterable[Record],
        threads: Optional[int] = None,
        *,
        tokens: bool = False,
        errors: str = "raise",
    ) -> Iterator[Document]: ...

def default_pipeline() -> Pipeline: ...
def code(
    text_or_html: str,
    url: Optional[str] = None,
    published: Optional[str] = None,
    title: Optional[str] = None,
    *,
    id: Optional[str] = None,
    tokens: bool = False,
) -> Document: ...
def code_many(
    records: Iterable[Record],
    threads: Optional[int] = None,
    *,
    tokens: bool = False,
    errors: str = "raise",
) -> Iterator[Document]: ...
def events_frame(docs: Iterable[Document]) -> pandas.DataFrame: ...
def quotes_frame(docs: Iterable[Document]) -> pandas.DataFrame: ...
