"""Stores incremental.py's per-report tables as Arrow files; ignored if made by other code, replaced whole.

A snapshot is a set of tables (Arrow IPC files: fast to write and read, exact dtypes), one of
them with each report's key (`_key`; tipfacts.caching.incremental). A rerun keeps the rows of the
reports whose key is unchanged and computes the rest. A snapshot made by other code (another
fingerprint) is ignored; so is one replaced by another run while it was read. Writes go to a
temporary folder swapped in whole, so a killed run leaves the old one.
"""

from __future__ import annotations

import json
import os
import shutil
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.feather as feather

KEY = "_key"
META = "snapshot.json"


def load(folder: Path, fingerprint: str) -> dict[str, pd.DataFrame] | None:
    """The snapshot's tables, or None if there is none for this fingerprint."""
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
        if meta.get("fingerprint") != fingerprint:
            return None
        frames = {name: feather.read_table(folder / f"{name}.arrow").to_pandas() for name in meta["tables"]}
        if json.loads((folder / META).read_text(encoding="utf-8")) != meta:  # swapped by another run meanwhile
            return None
        return frames
    except (OSError, ValueError, KeyError, pa.ArrowException):
        return None


def save(folder: Path, fingerprint: str, frames: dict[str, pd.DataFrame]) -> None:
    """Replace the snapshot with `frames`."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = folder.with_name(f".{folder.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name, frame in frames.items():
            table = pa.Table.from_pandas(frame, preserve_index=False)
            feather.write_feather(table, staging / f"{name}.arrow", compression="uncompressed")
        (staging / META).write_text(
            json.dumps({"fingerprint": fingerprint, "tables": list(frames), "generation": uuid.uuid4().hex}),
            encoding="utf-8",
        )
        old = folder.with_name(f".{folder.name}.old-{os.getpid()}")
        if folder.exists():
            folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
