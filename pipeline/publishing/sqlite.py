"""outputs/tipfacts.sqlite: every table in one SQLite file, to browse (`tipfacts serve`) or query with SQL.

Keys make the links: each fact's `sentence_id` and `doc_id` are foreign keys to `sentences` and
`documents`, and each sentence's `doc_id` to `documents`, so Datasette links a fact to its sentence
and report. Join columns are indexed, and `sentences_fts` is a full-text index of sentence text
(`SELECT * FROM sentences WHERE rowid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH 'brothel')`).

sqlite-utils writes the schema; rows go in through one `executemany` per table (in table order),
so the same tables give the same bytes.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping
from pathlib import Path

import pandas as pd
import pyarrow as pa
import sqlite_utils

from tipfacts import schemas

FILE = "tipfacts.sqlite"
PRIMARY_KEYS: dict[str, str | tuple[str, ...]] = {
    "documents": "doc_id",
    "sentences": "sentence_id",
    "country_year": ("iso3", "year"),
    "facts_consolidated": "consolidated_id",
    **dict.fromkeys(schemas.FACT_TABLES, "fact_id"),
}
FTS_TOKENIZER = "porter"  # "trafficked" finds "trafficking"


def references(table: str) -> dict[str, tuple[str, str]]:
    """Foreign keys, column -> (table, column): a fact names its sentence and report, a sentence its report."""
    out = {}
    if table in schemas.FACT_TABLES or table == "sentences":
        out["doc_id"] = ("documents", "doc_id")
    if table in schemas.FACT_TABLES:
        out["sentence_id"] = ("sentences", "sentence_id")
    return out


def _column_type(dtype: object) -> type:
    if pd.api.types.is_bool_dtype(dtype) or pd.api.types.is_integer_dtype(dtype):
        return int
    if pd.api.types.is_float_dtype(dtype):
        return float
    return str


def _rows(frame: pd.DataFrame) -> Iterator[tuple]:
    """Rows of values sqlite3 takes: through Arrow, every missing value (NA, NaN, None) becomes None (bools are
    stored as 0/1 by sqlite3 itself)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return zip(*(column.to_pylist() for column in table.columns), strict=True)


def indexed_columns(name: str, frame: pd.DataFrame) -> list[str]:
    """Join and filter keys: report, sentence, countries and year (the facets `tipfacts serve` offers)."""
    own_key = PRIMARY_KEYS[name]
    wanted = [c for c in frame.columns if c in ("doc_id", "sentence_id") or c.endswith("_iso3") or c.endswith("year")]
    return [c for c in wanted if c != own_key]


def write(frames: Mapping[str, pd.DataFrame], path: Path) -> None:
    """Every table of `frames` (publishing order) into a new SQLite file at `path`."""
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path)
    try:
        # a new file in the staging folder: no journal or syncs needed (publish flushes it before the swap)
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        db = sqlite_utils.Database(conn)
        for name, frame in frames.items():
            foreign_keys = [(column, *target) for column, target in references(name).items()]
            table = db.table(name)
            table.create(
                {c: _column_type(frame[c].dtype) for c in frame.columns},
                pk=PRIMARY_KEYS[name],
                foreign_keys=foreign_keys,
            )
            columns = ", ".join(f"[{c}]" for c in frame.columns)
            marks = ", ".join("?" for _ in frame.columns)
            with conn:
                conn.executemany(f"INSERT INTO [{name}] ({columns}) VALUES ({marks})", _rows(frame))
            for column in indexed_columns(name, frame):
                table.create_index([column])
        db.table("sentences").enable_fts(["text"], tokenize=FTS_TOKENIZER)
        conn.execute("VACUUM")
    finally:
        conn.close()
