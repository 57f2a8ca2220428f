"""Where the caches live: <work_dir>/cache for the project's raw/, else a per-user folder per corpus, LRU-bounded.

A build of the project's raw/ (params.yaml's `ingest.raw_dir`, as `dvc repro` and a bare `tipfacts build`
run it) keeps its cache beside its stage folders in `work_dir`. Any other folder of reports
(`tipfacts build --raw-dir A`) gets a folder of its own under `platformdirs.user_cache_dir("tipfacts")`,
named by a hash of A's absolute path, so corpora never share or overwrite each other's cache and
no run writes a cache into the directory it happens to be started from. After each build the
per-user cache is pruned to `cache_max_mb`, least recently used corpus first (the one just built is
kept even if it alone is larger). `tipfacts cache info` shows both places; `tipfacts cache clear`
empties them.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import platformdirs

STAMP = "corpus.json"  # in each corpus folder: which raw folder it caches; its mtime is the last use


def user_root() -> Path:
    """The per-user cache folder (on Linux $XDG_CACHE_HOME/tipfacts, by default ~/.cache/tipfacts)."""
    return Path(platformdirs.user_cache_dir("tipfacts")) / "corpora"


def folder_for(raw_dir: Path, work_dir: Path, project_raw_dir: Path | None) -> Path:
    """The cache folder of a build of `raw_dir` (see the module docstring)."""
    if project_raw_dir is not None and raw_dir.resolve() == project_raw_dir.resolve():
        return work_dir / "cache"
    return user_root() / hashlib.sha256(str(raw_dir.resolve()).encode()).hexdigest()[:16]


def size(folder: Path) -> int:
    """Bytes of the files under `folder`."""
    total = 0
    for root, _, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(root, name)).st_size
    return total


@dataclass(frozen=True)
class Entry:
    folder: Path
    raw_dir: str | None
    bytes: int
    last_used: dt.datetime


def entries(root: Path | None = None) -> list[Entry]:
    """The corpus folders of the per-user cache, most recently used first."""
    root = root or user_root()
    if not root.is_dir():
        return []
    found = []
    for folder in (p for p in root.iterdir() if p.is_dir()):
        stamp = folder / STAMP
        try:
            raw = json.loads(stamp.read_text(encoding="utf-8")).get("raw_dir")
            used = stamp.stat().st_mtime
        except (OSError, ValueError, AttributeError):
            raw, used = None, folder.stat().st_mtime
        found.append(Entry(folder, raw, size(folder), dt.datetime.fromtimestamp(used)))
    return sorted(found, key=lambda e: e.last_used, reverse=True)


def mark_used(folder: Path, raw_dir: Path) -> None:
    """Record that `folder` caches `raw_dir` and was used now (what pruning orders by)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / STAMP).write_text(json.dumps({"raw_dir": str(raw_dir.resolve())}) + "\n", encoding="utf-8")


def prune(max_bytes: int, keep: Path, root: Path | None = None) -> list[Path]:
    """Remove the least recently used corpus folders until the per-user cache holds at most `max_bytes`
    (never `keep`); returns the removed folders."""
    found = entries(root)
    total = sum(e.bytes for e in found)
    removed = []
    for entry in reversed(found):  # oldest first
        if total <= max_bytes:
            break
        if entry.folder.resolve() == keep.resolve():
            continue
        shutil.rmtree(entry.folder, ignore_errors=True)
        total -= entry.bytes
        removed.append(entry.folder)
    return removed


LEGACY = re.compile(r"[0-9a-f]{64}\.json")  # the per-report fact files of tipfacts <= 1.0 (now in the snapshot)


def settle(folder: Path, raw_dir: Path, max_bytes: int) -> list[Path]:
    """After a build with the cache on: stamp its folder, drop the old per-report fact files (nothing reads
    them any more) and, if the folder is in the per-user cache, prune that."""
    for legacy in folder.glob("*.json"):
        if LEGACY.fullmatch(legacy.name):
            legacy.unlink(missing_ok=True)
    mark_used(folder, raw_dir)
    if folder.parent.resolve() == user_root().resolve():
        return prune(max_bytes, keep=folder)
    return []
