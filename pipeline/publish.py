"""Publish stage: validated tables -> Parquet (zstd) + CSV, datapackage.json and metrics.json.

Everything is written to a temporary sibling folder and swapped in only when complete, so
a failed or killed run never leaves a half-written output folder. Same inputs, same bytes.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from pipeline import datapackage

METRICS_FILE = "metrics.json"
PACKAGE_FILE = "datapackage.json"


def write_table(frame: pd.DataFrame, folder: Path, name: str) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
    frame.to_csv(folder / f"{name}.csv", index=False, encoding="utf-8", lineterminator="\n")


def metrics(frames: dict[str, pd.DataFrame]) -> dict[str, object]:
    """Row counts per table (what `dvc metrics diff` shows between versions)."""
    docs = frames["documents"]
    return {
        "rows": {name: len(frame) for name, frame in frames.items()},
        "reports_without_facts": int((docs["doc_id"].map(_facts_per_doc(frames)).fillna(0) == 0).sum()),
    }


def _facts_per_doc(frames: dict[str, pd.DataFrame]) -> pd.Series:
    fact_frames = [f["doc_id"] for name, f in frames.items() if "fact_id" in f.columns]
    return pd.concat(fact_frames).value_counts() if fact_frames else pd.Series(dtype="int64")


def recover(out_dir: Path) -> None:
    """Undo a run killed between the two renames of the swap: the previous outputs come back."""
    backups = sorted(out_dir.parent.glob(f".{out_dir.name}.previous-*"))
    if not out_dir.exists() and backups:
        backups[-1].rename(out_dir)
    for stale in [*out_dir.parent.glob(f".{out_dir.name}.previous-*"), *out_dir.parent.glob(f".{out_dir.name}.tmp-*")]:
        shutil.rmtree(stale, ignore_errors=True)


def publish(frames: dict[str, pd.DataFrame], out_dir: Path, version: str) -> dict[str, object]:
    """Write every table and the package into `out_dir`, replacing it as a whole."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    staging = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        for name, frame in frames.items():
            write_table(frame, staging, name)
        package = datapackage.build(frames["documents"], version)
        (staging / PACKAGE_FILE).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        summary = metrics(frames)
        (staging / METRICS_FILE).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        if out_dir.exists():
            for kept in out_dir.iterdir():  # e.g. the .gitignore DVC keeps beside its outputs
                if kept.is_file() and not (staging / kept.name).exists() and kept.name.startswith("."):
                    shutil.copy2(kept, staging / kept.name)
        _swap(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return summary


def _swap(staging: Path, out_dir: Path) -> None:
    previous = out_dir.parent / f".{out_dir.name}.previous-{os.getpid()}"
    if out_dir.exists():
        out_dir.rename(previous)
    staging.rename(out_dir)
    shutil.rmtree(previous, ignore_errors=True)
