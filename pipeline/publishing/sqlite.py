"""outputs/tipfacts.sqlite: every table in one SQLite file, to browse (`tipfacts serve`) or query with SQL.

Keys make the links: each fact's `sentence_id` and `doc_id` are foreign keys to `sentences` and
`documents`, and each sentence's `doc_id` to `documents`, so Datasette links a fact to its sentence
and report. Join columns are indexed, and `sentences_fts` is a full-text index of sentence text
(`SELECT * FROM sentences WHERE rowid IN (SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH 'brothel')`).

Same tables, same bytes, however the file was reached. sqlite-utils writes the schema into a working
database; the published file is `VACUUM INTO` of it, which copies the schema and then every table and
index in key order, so its bytes depend on the rows and their rowids only, not on the order or history
of the inserts. A row's rowid is a hash of its primary key (`rowids`), not its position, so it does not
move when other reports come or go. With a cache folder the working database is kept there with a hash
of each row: a rerun copies it, deletes and inserts only the rows whose hash changed (one transaction),
rebuilds the full-text index and vacuums it into the output; anything unexpected (another layout,
other library versions, a missing or half-written cache) makes it build the working database afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather
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
FTS_TABLE = "sentences_fts"
# The cache folder's files: the working database, each row's (table, rowid, hash), and what they were made by.
WORK, ROWS, META = "work.sqlite", "rows.arrow", "state.json"


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


def _rows(frame: pd.DataFrame, rowids: np.ndarray) -> Iterator[tuple]:
    """(rowid, values...) tuples sqlite3 takes: through Arrow, every missing value (NA, NaN, None) becomes None
    (bools are stored as 0/1 by sqlite3 itself)."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    return zip(rowids.tolist(), *(column.to_pylist() for column in table.columns), strict=True)


def indexed_columns(name: str, frame: pd.DataFrame) -> list[str]:
    """Join and filter keys: report, sentence, countries and year (the facets `tipfacts serve` offers)."""
    own_key = PRIMARY_KEYS[name]
    wanted = [c for c in frame.columns if c in ("doc_id", "sentence_id") or c.endswith("_iso3") or c.endswith("year")]
    return [c for c in wanted if c != own_key]


def rowids(name: str, frame: pd.DataFrame) -> np.ndarray:
    """Each row's rowid: 63 bits of a hash of its primary key's text (pandas' fixed-key SipHash), so a row keeps
    its rowid whatever else the table holds (a position would shift with every report added before it)."""
    key = PRIMARY_KEYS[name]
    columns = [key] if isinstance(key, str) else list(key)
    text = frame[columns[0]].astype(str)
    for column in columns[1:]:
        text = text + "\x1f" + frame[column].astype(str)
    return (pd.util.hash_pandas_object(text, index=False).to_numpy() >> np.uint64(1)).astype(np.int64)


def row_hashes(frame: pd.DataFrame) -> np.ndarray:
    """A hash of each row's values (what says a row is unchanged since the last run)."""
    return pd.util.hash_pandas_object(frame, index=False).to_numpy()


def _layout(frames: Mapping[str, pd.DataFrame]) -> str:
    """What the working database's schema and values depend on besides the rows: the tables, their columns and
    dtypes, this module's code and the libraries. Another layout: the working database is built afresh."""
    tables = [(name, list(frame.columns), [str(t) for t in frame.dtypes]) for name, frame in frames.items()]
    return hashlib.sha256(repr((tables, _code())).encode()).hexdigest()


@cache
def _code() -> str:
    libraries = [f"{lib}={metadata.version(lib)}" for lib in ("sqlite-utils", "pandas", "pyarrow")]
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest() + sqlite3.sqlite_version + ";".join(libraries)


def write(
    frames: Mapping[str, pd.DataFrame],
    path: Path,
    cache: Path | None = None,
    hashes: Mapping[str, np.ndarray] | None = None,
) -> None:
    """Every table of `frames` (publishing order) into a new SQLite file at `path`.

    `cache`: a folder for the working database and its rows' hashes (the next run updates it), None to build
    it afresh beside `path` and remove it; `hashes`: each table's `row_hashes`, if the caller has them.
    """
    ids = {name: rowids(name, frame) for name, frame in frames.items()}
    colliding = {name for name, i in ids.items() if len(np.unique(i)) != len(i)}
    # two keys' hashes collide: that table's rowids are 0..n-1 in hash order, and nothing is cached
    for name in colliding:
        ids[name] = np.argsort(np.argsort(ids[name], kind="stable"), kind="stable").astype(np.int64)
    reusable = not colliding
    path.unlink(missing_ok=True)
    if cache is None:
        work = path.with_name(f".{path.name}.work-{os.getpid()}")
        try:
            _fresh(frames, ids, work)
            _vacuum_into(work, path)
        finally:
            work.unlink(missing_ok=True)
        return
    hashes = {name: hashes[name] if hashes and name in hashes else row_hashes(f) for name, f in frames.items()}
    cache.mkdir(parents=True, exist_ok=True)
    layout = _layout(frames)
    with _locked(cache):
        work = cache / f".{WORK}.{os.getpid()}"
        try:
            if not (reusable and _update(cache, layout, frames, ids, hashes, work)):
                _fresh(frames, ids, work)
            _vacuum_into(work, path)
            (cache / META).unlink(missing_ok=True)  # the state is invalid until all of it is replaced
            if reusable:
                os.replace(work, cache / WORK)
                _save_rows(cache / ROWS, ids, hashes)
                _write_atomic(cache / META, json.dumps({"layout": layout}))
        finally:
            work.unlink(missing_ok=True)


def _fresh(frames: Mapping[str, pd.DataFrame], ids: Mapping[str, np.ndarray], work: Path) -> None:
    """A new working database: the schema, every row (in rowid order), the indexes and the full-text index."""
    work.unlink(missing_ok=True)
    conn = sqlite3.connect(work)
    try:
        # a scratch file: no journal or syncs needed (the published copy is flushed before the swap)
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
            _insert(conn, name, frame, ids[name], in_rowid_order=True)
            for column in indexed_columns(name, frame):
                table.create_index([column])
        db.table("sentences").enable_fts(["text"], tokenize=FTS_TOKENIZER)
        conn.commit()
    finally:
        conn.close()


def _insert(
    conn: sqlite3.Connection, name: str, frame: pd.DataFrame, ids: np.ndarray, in_rowid_order: bool = False
) -> None:
    """The rows of `frame` into table `name` with rowids `ids`; `in_rowid_order`: sorted first (appending to the
    table's b-tree is the cheapest insert; the rows are reordered as Python tuples, not as Arrow columns)."""
    columns = ", ".join(["rowid", *(f"[{c}]" for c in frame.columns)])
    marks = ", ".join("?" for _ in range(len(frame.columns) + 1))
    rows = _rows(frame, ids)
    if in_rowid_order:
        listed = list(rows)
        rows = iter([listed[i] for i in np.argsort(ids, kind="stable").tolist()])
    with conn:
        conn.executemany(f"INSERT INTO [{name}] ({columns}) VALUES ({marks})", rows)


def _update(
    cache: Path,
    layout: str,
    frames: Mapping[str, pd.DataFrame],
    ids: Mapping[str, np.ndarray],
    hashes: Mapping[str, np.ndarray],
    work: Path,
) -> bool:
    """A copy of the cached working database at `work`, brought to `frames` by deleting and inserting the rows
    whose hash changed; False (and nothing at `work`) when the cache cannot be used."""
    try:
        meta = json.loads((cache / META).read_text(encoding="utf-8"))
        old = feather.read_table(cache / ROWS).to_pandas() if meta.get("layout") == layout else None
    except (OSError, ValueError, pa.ArrowException):
        return False
    if old is None or not (cache / WORK).is_file():
        return False
    shutil.copyfile(cache / WORK, work)
    conn = sqlite3.connect(work)
    try:
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        tables = old["table"].to_numpy()
        for name, frame in frames.items():
            fresh, gone = _changes(
                old["rowid"].to_numpy()[tables == name], old["hash"].to_numpy()[tables == name], ids[name], hashes[name]
            )
            with conn:
                conn.executemany(f"DELETE FROM [{name}] WHERE rowid = ?", [(rowid,) for rowid in gone.tolist()])
            _insert(conn, name, frame[fresh], ids[name][fresh])
        conn.execute(f"INSERT INTO [{FTS_TABLE}] ([{FTS_TABLE}]) VALUES ('rebuild')")
        conn.commit()
    except sqlite3.Error:
        conn.close()
        work.unlink(missing_ok=True)
        return False
    conn.close()
    return True


def _changes(
    old_ids: np.ndarray, old_hashes: np.ndarray, ids: np.ndarray, hashes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Which rows to insert (a mask over the new rows: rowid new or hash changed) and which rowids to delete (gone,
    or changed). Rowids are unique on either side."""
    order = np.argsort(old_ids)
    old_ids, old_hashes = old_ids[order], old_hashes[order]
    at = np.minimum(np.searchsorted(old_ids, ids), max(len(old_ids) - 1, 0))
    same = (old_ids[at] == ids) & (old_hashes[at] == hashes) if len(old_ids) else np.zeros(len(ids), dtype=bool)
    return ~same, old_ids[~np.isin(old_ids, ids[same])]


def _vacuum_into(work: Path, path: Path) -> None:
    """The published file: the working database copied table by table in key order (no free pages, no history)."""
    conn = sqlite3.connect(work)
    try:
        conn.execute("VACUUM INTO ?", [str(path)])
    finally:
        conn.close()


def _save_rows(path: Path, ids: Mapping[str, np.ndarray], hashes: Mapping[str, np.ndarray]) -> None:
    names = list(ids)
    table = pa.table(
        {
            "table": pa.array(np.repeat(names, [len(ids[n]) for n in names]).tolist(), pa.string()),
            "rowid": pa.array(np.concatenate([ids[n] for n in names]), pa.int64()),
            "hash": pa.array(np.concatenate([hashes[n] for n in names]), pa.uint64()),
        }
    )
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    feather.write_feather(table, tmp, compression="uncompressed")
    os.replace(tmp, path)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


@contextlib.contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """One publish at a time updates the cached working database (an advisory lock where the system has one)."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: no lock
        yield
        return
    with (folder / "lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
