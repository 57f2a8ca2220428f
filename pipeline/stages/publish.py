"""Publish stage: validated tables -> Parquet (zstd) + CSV, datapackage.json and metrics.json, and beside
them (tipfacts.publishing.companions) quality.json, the data card README.md, figures/ and tipfacts.sqlite.

Everything is written to a temporary sibling folder, flushed to disk, and swapped in whole:
on Linux with one atomic exchange of the two folders (renameat2 RENAME_EXCHANGE), so the output
folder always holds either the previous or the new tables; elsewhere with two renames, and a run
killed between them is undone by the next run (`recover`). Same inputs, same bytes.

Test hook: with TIPFACTS_PAUSE_AT=<step> in the environment a run stops at that step of the swap
(`staged`, `swapped`, or `half-swapped` on the two-rename path), says
`tipfacts: paused at <step>` on stderr and sleeps, so a test can kill it there for real.
"""

from __future__ import annotations

import ctypes
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from tipfacts.caching import csvcache
from tipfacts.dataset import datapackage
from tipfacts.errors import OutputError
from tipfacts.publishing import companions, sqlite

METRICS_FILE = "metrics.json"
PACKAGE_FILE = "datapackage.json"
# What a publish writes (and so may replace): tables, the package, the metrics, the companions, and dot-files
# such as the .gitignore DVC keeps beside its outputs (those are carried over).
OWN_SUFFIXES = (".parquet", ".csv")
OWN_FILES = (METRICS_FILE, PACKAGE_FILE, *companions.FILES)
OWN_FOLDERS = companions.FOLDERS


def write_table(
    frame: pd.DataFrame, folder: Path, name: str, csv_cache: Path | None = None, row_hash: np.ndarray | None = None
) -> set[str]:
    """The table's Parquet and CSV files; with `csv_cache`, unchanged parts of the CSV come from there
    (the same bytes, see tipfacts.caching.csvcache; `row_hash`: its rows' hashes, if known). Returns the
    cache pieces used."""
    table = pa.Table.from_pandas(frame, preserve_index=False)
    pq.write_table(table, folder / f"{name}.parquet", compression="zstd")
    return csvcache.write_csv(frame, folder / f"{name}.csv", csv_cache, row_hash)


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


def _pid_alive(name: str) -> bool:
    """Whether the process whose id ends a staging folder's name still runs (then it is not stale)."""
    pid = name.rsplit("-", 1)[-1]
    if not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def recover(out_dir: Path) -> None:
    """Undo what a killed run left: the previous outputs come back, half-written staging folders go."""
    out_dir = out_dir.resolve()
    backups = sorted(out_dir.parent.glob(f".{out_dir.name}.previous-*"), key=lambda p: p.stat().st_mtime)
    if not out_dir.exists() and backups:
        backups[-1].rename(out_dir)
    stale = [*out_dir.parent.glob(f".{out_dir.name}.previous-*"), *out_dir.parent.glob(f".{out_dir.name}.tmp-*")]
    for path in stale:
        if not _pid_alive(path.name):
            shutil.rmtree(path, ignore_errors=True)


def check_out_dir(out_dir: Path, raw_dir: Path | None = None) -> None:
    """Refuse an output folder whose replacement would lose files that a publish did not write.

    Publishing replaces the folder as a whole, so `--out-dir ~` or `--out-dir raw` must not get that far.
    """
    out_dir = out_dir.resolve()
    if raw_dir is not None:
        raw = raw_dir.resolve()
        if raw == out_dir or out_dir in raw.parents:
            raise OutputError(
                out_dir,
                f"the output folder holds the reports folder {raw_dir}, and publishing "
                "replaces the output folder as a whole",
                "choose another --out-dir",
            )
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise OutputError(out_dir, "the output folder is a file", "choose another --out-dir")
    foreign = sorted(
        p.name
        for p in out_dir.iterdir()
        if not p.name.startswith(".")
        and not (p.is_dir() and p.name in OWN_FOLDERS)
        and (p.is_dir() or not (p.name in OWN_FILES or p.name.endswith(OWN_SUFFIXES)))
    )
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise OutputError(
            out_dir,
            f"the output folder holds {shown}, which tipfacts did not write; publishing "
            "replaces the folder as a whole, so they would be lost",
            "move them elsewhere, or choose another --out-dir",
        )


def publish(
    frames: dict[str, pd.DataFrame],
    out_dir: Path,
    version: str,
    cache: Path | None = None,
    quality: dict[str, object] | None = None,
) -> dict[str, object]:
    """Write every table, the package and the companions into `out_dir`, replacing it as a whole.

    `cache`: a folder for the next run's reuse (its `csv` pieces: see write_table; its `figures`: see
    tipfacts.publishing.figures), None to write everything afresh; `quality`: the evaluate stage's figures
    (quality.json), if it ran.
    """
    csv_cache = cache / "csv" if cache is not None else None
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover(out_dir)
    check_out_dir(out_dir)
    staging = out_dir.parent / f".{out_dir.name}.tmp-{os.getpid()}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        used: set[str] = set()
        # each row's hash, computed once: the CSV pieces and the SQLite update both key on it
        hashes = {name: sqlite.row_hashes(frame) for name, frame in frames.items()} if cache is not None else None
        for name, frame in frames.items():
            used |= write_table(frame, staging, name, csv_cache, hashes[name] if hashes else None)
        package = datapackage.build(frames["documents"], version)
        (staging / PACKAGE_FILE).write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        summary = metrics(frames)
        (staging / METRICS_FILE).write_text(json.dumps(summary, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        companions.write(staging, frames, version, quality, cache, hashes)
        if out_dir.exists():
            for kept in out_dir.iterdir():  # e.g. the .gitignore DVC keeps beside its outputs
                if kept.is_file() and not (staging / kept.name).exists() and kept.name.startswith("."):
                    shutil.copy2(kept, staging / kept.name)
        _flush(staging)
        _pause_point("staged")
        _swap(staging, out_dir)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if csv_cache is not None:
        csvcache.prune(csv_cache, used)
    return summary


def _flush(folder: Path) -> None:
    """Every file under `folder` on disk before the swap, so a crash cannot publish empty files."""
    for path in sorted(folder.rglob("*")):
        if path.is_dir():
            _fsync_dir(path)
            continue
        with path.open("rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _swap(staging: Path, out_dir: Path) -> None:
    """`staging` becomes `out_dir`; the previous contents end up in `staging` (or are removed)."""
    if out_dir.exists() and _exchange(staging, out_dir):
        _fsync_dir(out_dir.parent)
        _pause_point("swapped")
        return
    previous = out_dir.parent / f".{out_dir.name}.previous-{os.getpid()}"
    if out_dir.exists():
        out_dir.rename(previous)
        _pause_point("half-swapped")
    staging.rename(out_dir)
    _fsync_dir(out_dir.parent)
    shutil.rmtree(previous, ignore_errors=True)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two folders (Linux renameat2); False where the system cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0


def _pause_point(step: str) -> None:
    """The test hook described at the top: stop here if TIPFACTS_PAUSE_AT names this step."""
    if os.environ.get("TIPFACTS_PAUSE_AT") == step:
        print(f"tipfacts: paused at {step}", file=sys.stderr, flush=True)
        time.sleep(3600)
