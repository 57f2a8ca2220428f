"""Saves the last publish's CSV text in pieces, each reused while its rows hash the same (unused ones removed).

CSV files written from cached pieces: a rerun formats only the rows that changed.

`frame.to_csv` formats each row on its own, so the CSV of a table is its header followed by the
CSV of consecutive runs of rows ("segments"). Segments end at report boundaries chosen by the
report id alone (content-defined, like rsync's chunks): adding or changing a report changes
the one segment it falls in, and every other segment's bytes come from the cache, keyed by a
hash of its rows' values, the table's columns and dtypes and the pandas version. The file is
byte-identical to `frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\\n")`.
"""

from __future__ import annotations

import hashlib
import itertools
import os
from pathlib import Path

import numpy as np
import pandas as pd

# A segment ends before a report whose id hashes to 0 modulo this: about 128 reports a segment.
SEGMENT_EVERY = 128
MIN_ROWS = 1024  # smaller tables are formatted whole


def _to_csv(frame: pd.DataFrame, header: bool) -> bytes:
    return frame.to_csv(index=False, header=header, lineterminator="\n").encode("utf-8")


def write_csv(frame: pd.DataFrame, path: Path, cache: Path | None, row_hash: np.ndarray | None = None) -> set[str]:
    """Write `frame` as CSV to `path`; returns the cache files it used (for `prune`). `row_hash`: the rows'
    `pd.util.hash_pandas_object(frame, index=False)`, if the caller has it."""
    if cache is None or "doc_id" not in frame.columns or len(frame) < MIN_ROWS:
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        return set()
    cache.mkdir(parents=True, exist_ok=True)
    doc_ids = frame["doc_id"]
    id_hash = pd.util.hash_pandas_object(doc_ids, index=False).to_numpy()
    new_doc = np.ones(len(frame), dtype=bool)
    new_doc[1:] = doc_ids.to_numpy()[1:] != doc_ids.to_numpy()[:-1]
    starts = np.flatnonzero(new_doc & (id_hash % SEGMENT_EVERY == 0))
    bounds = [0, *(int(s) for s in starts if s > 0), len(frame)]
    if row_hash is None:
        row_hash = pd.util.hash_pandas_object(frame, index=False).to_numpy()
    head = hashlib.sha256(repr((pd.__version__, list(frame.columns), [str(t) for t in frame.dtypes])).encode())
    used = set()
    with path.open("wb") as out:
        out.write(_to_csv(frame.iloc[:0], header=True))
        for a, b in itertools.pairwise(bounds):
            digest = head.copy()
            digest.update(row_hash[a:b].tobytes())
            name = f"{digest.hexdigest()[:40]}.csv"
            used.add(name)
            piece = cache / name
            try:
                data = piece.read_bytes()
            except OSError:
                data = _to_csv(frame.iloc[a:b], header=False)
                tmp = piece.with_name(f".{name}.{os.getpid()}")
                tmp.write_bytes(data)
                tmp.replace(piece)
            out.write(data)
    return used


def prune(cache: Path, used: set[str]) -> None:
    """Remove the pieces this publish did not use (the cache holds one output's worth)."""
    if not cache.is_dir():
        return
    for piece in cache.glob("*.csv"):
        if piece.name not in used:
            piece.unlink(missing_ok=True)
