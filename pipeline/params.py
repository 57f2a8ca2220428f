"""Knobs from `params.yaml` (the file DVC tracks), with defaults so any folder can be built."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from tipfacts.errors import InputError

PARAMS_FILE = Path("params.yaml")


@dataclass(frozen=True)
class Params:
    raw_dir: Path = Path("raw")
    work_dir: Path = Path("build")
    out_dir: Path = Path("outputs")
    max_report_mb: float = 20.0
    workers: int = 0  # 0: one per core
    cache: bool = True
    version: str = "0.0.0"
    license: str = "CC-BY-SA-4.0"

    @property
    def max_report_bytes(self) -> int:
        return int(self.max_report_mb * 1_000_000)

    @property
    def cache_dir(self) -> Path:
        return self.work_dir / "cache"


def load(path: Path = PARAMS_FILE) -> Params:
    """`params.yaml` if there is one here, else the defaults."""
    if not path.exists():
        return Params()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as err:
        raise InputError(path, f"not valid YAML: {err}") from None
    ingest, extract, publish = raw.get("ingest", {}), raw.get("extract", {}), raw.get("publish", {})
    dataset = raw.get("dataset", {})
    defaults = Params()
    return Params(
        raw_dir=Path(ingest.get("raw_dir", defaults.raw_dir)),
        work_dir=Path(raw.get("work_dir", defaults.work_dir)),
        out_dir=Path(publish.get("out_dir", defaults.out_dir)),
        max_report_mb=float(ingest.get("max_report_mb", defaults.max_report_mb)),
        workers=int(extract.get("workers", defaults.workers)),
        cache=bool(extract.get("cache", defaults.cache)),
        version=str(dataset.get("version", defaults.version)),
        license=str(dataset.get("license", defaults.license)),
    )
