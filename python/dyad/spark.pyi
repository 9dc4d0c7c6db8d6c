from typing import Optional

from pyspark.sql import DataFrame

EVENT_SCHEMA: str
QUOTE_SCHEMA: str
BATCH_ROWS: int

def code_column(
    df: DataFrame,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    url_col: Optional[str] = None,
    published_col: Optional[str] = None,
    title_col: Optional[str] = None,
    threads: int = 2,
) -> DataFrame: ...
def quotes_column(
    df: DataFrame,
    text_col: str = "text",
    id_col: Optional[str] = "id",
    url_col: Optional[str] = None,
    published_col: Optional[str] = None,
    title_col: Optional[str] = None,
    threads: int = 2,
) -> DataFrame: ...
