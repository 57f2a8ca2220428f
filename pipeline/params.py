"""Knobs from `params.yaml` (the file DVC tracks), with defaults so any folder can be built."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from tipfacts.caching import home
from tipfacts.errors import InputError

PARAMS_FILE = Path("params.yaml")


@dataclass(frozen=True)
class KeySet:
    """A folder of answer keys (`<doc_id>.yaml`); `blind` ones never steered the rules, and the release
    gate refuses a release whose scores on them dropped."""

    name: str
    path: Path
    blind: bool = False


@dataclass(frozen=True)
class Params:
    raw_dir: Path = Path("raw")
    work_dir: Path = Path("build")
    out_dir: Path = Path("outputs")
    max_report_mb: float = 20.0
    workers: int = 0  # 0: one per core
    cache: bool = True
    cache_max_mb: float = 2000.0  # bound of the per-user cache (tipfacts.caching.home)
    scheduler: str | None = None  # Dask scheduler address; None: local processes
    version: str = "0.0.0"
    license: str = "CC-BY-SA-4.0"
    key_sets: tuple[KeySet, ...] = ()  # answer keys the evaluate stage scores the build against
    tiers_key: Path | None = None  # CSV answer key for tier placements (doc_id, subject_iso3, year, tier)
    keys_base: Path = Path(".")  # the answer keys' paths are relative to this folder: params.yaml's own
    project_raw_dir: Path | None = None  # the raw_dir params.yaml names (None: no params.yaml was read)

    @property
    def max_report_bytes(self) -> int:
        return int(self.max_report_mb * 1_000_000)

    @property
    def cache_dir(self) -> Path:
        """<work_dir>/cache for the project's own raw/, else a per-user folder for this corpus (caching/home.py)."""
        return home.folder_for(self.raw_dir, self.work_dir, self.project_raw_dir)

    @property
    def cache_max_bytes(self) -> int:
        return int(self.cache_max_mb * 1_000_000)


def load(path: Path = PARAMS_FILE) -> Params:
    """`params.yaml` if there is one here, else the defaults."""
    if not path.exists():
        return Params()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise InputError(path, f"not valid YAML: {err}") from None
    ingest, extract, publish = raw.get("ingest", {}), raw.get("extract", {}), raw.get("publish", {})
    dataset, evaluate = raw.get("dataset", {}), raw.get("evaluate") or {}
    defaults = Params()
    return Params(
        raw_dir=Path(ingest.get("raw_dir", defaults.raw_dir)),
        project_raw_dir=path.parent / ingest.get("raw_dir", defaults.raw_dir),
        work_dir=Path(raw.get("work_dir", defaults.work_dir)),
        out_dir=Path(publish.get("out_dir", defaults.out_dir)),
        max_report_mb=float(ingest.get("max_report_mb", defaults.max_report_mb)),
        workers=int(extract.get("workers", defaults.workers)),
        cache=bool(extract.get("cache", defaults.cache)),
        cache_max_mb=float(raw.get("cache_max_mb", defaults.cache_max_mb)),
        scheduler=extract.get("scheduler") or None,
        version=str(dataset.get("version", defaults.version)),
        license=str(dataset.get("license", defaults.license)),
        key_sets=tuple(_key_set(path, entry) for entry in evaluate.get("key_sets") or []),
        tiers_key=Path(evaluate["tiers"]) if evaluate.get("tiers") else None,
        keys_base=path.parent,
    )


def _key_set(path: Path, entry: object) -> KeySet:
    if not isinstance(entry, dict) or not entry.get("name") or not entry.get("path"):
        raise InputError(
            path, f"evaluate.key_sets entry {entry!r} needs a name and a path", "e.g. {name: dev, path: tests/gold}"
        )
    return KeySet(str(entry["name"]), Path(entry["path"]), bool(entry.get("blind", False)))
