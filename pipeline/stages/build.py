"""Run the stages: all at once (`tipfacts build`) or one at a time through files (`dvc repro`).

ingest   raw/                  -> build/ingest/{documents,sentences}.parquet
extract  build/ingest/         -> build/extract/<fact table>.parquet
validate build/ingest, extract -> build/validated/<every table>.parquet (with country_year)
evaluate build/validated/      -> build/evaluate/quality.json (scores against the answer keys in params.yaml)
publish  build/validated/, build/evaluate/ -> outputs/ (Parquet, CSV, datapackage.json, metrics.json,
         quality.json, README.md, figures/, tipfacts.sqlite)
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from tipfacts import schemas
from tipfacts.caching import home, incremental
from tipfacts.params import Params
from tipfacts.publishing import quality
from tipfacts.stages import validate

# What only one stage needs is imported where that stage runs: `dvc repro` starts one process per stage,
# and the others need not pay for it (tipfacts.stages.publish: matplotlib, sqlite-utils, the data card;
# panel and consolidate: the lexicon; ingest and extract, imported by tipfacts.caching.incremental: nltk, the rules).

log = logging.getLogger("tipfacts")


@dataclass
class Summary:
    """What a run did, for the closing message."""

    reports: int = 0
    extracted: int = 0
    validated: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    without_facts: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)


def _read(folder: Path, names: list[str]) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in names}


def _write(frames: dict[str, pd.DataFrame], folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False, compression="zstd")


def run_ingest(params: Params) -> dict[str, pd.DataFrame]:
    """`documents` and `sentences`; with the cache on, only new or changed reports are read (incremental.py)."""
    return incremental.run_ingest(params)


def run_extract(ingested: dict[str, pd.DataFrame], params: Params, summary: Summary) -> dict[str, pd.DataFrame]:
    """The fact tables; with the cache on, only new or changed reports are extracted (incremental.py)."""
    extracted = incremental.run_extract(ingested, params)
    summary.reports = len(ingested["documents"])
    summary.extracted = extracted.fresh
    summary.without_facts = extracted.without_facts
    return extracted.frames


def run_validate(
    frames: dict[str, pd.DataFrame],
    report_path: Path | None,
    params: Params | None = None,
    summary: Summary | None = None,
) -> dict[str, pd.DataFrame]:
    """Every table validated, with the derived ones; with the cache on, unchanged reports' validated rows
    are reused (incremental.py). The derived tables span reports: they are built and validated whole."""
    from tipfacts.stages import consolidate, panel

    cache_dir = params.cache_dir if params is not None and params.cache else None
    validated = incremental.run_validate(frames, cache_dir, report_path)
    if summary is not None:
        summary.validated = validated.fresh
    checked = validated.frames
    derived = {"country_year": panel.build(checked), "facts_consolidated": consolidate.build(checked)}
    checked |= validate.validate(derived, report_path)
    return {name: checked[name] for name in schemas.TABLES}


def run_evaluate(frames: dict[str, pd.DataFrame], params: Params) -> dict[str, object]:
    """quality.json: the validated tables scored against params' answer keys (only reports in the build)."""
    return quality.evaluate(frames, params.key_sets, params.tiers_key, params.keys_base)


def build(params: Params, stage: Callable[[str], AbstractContextManager[object]] | None = None) -> Summary:
    """Every stage in one process; nothing is published unless every table validated.

    `stage(name)`, if given, is a context manager wrapped around each stage (benchmarks/run.py measures with it).
    """
    from tipfacts.stages import publish

    publish.recover(params.out_dir)  # a killed run's swap is undone first, even if this run fails
    publish.check_out_dir(params.out_dir, params.raw_dir)  # before the work, not after it
    summary = Summary()
    stage = stage or (lambda name: contextlib.nullcontext())
    clock = time.perf_counter()
    with stage("ingest"):
        frames = run_ingest(params)
    summary.seconds["ingest"] = time.perf_counter() - clock
    clock = time.perf_counter()
    with stage("extract"):
        frames |= run_extract(frames, params, summary)
    summary.seconds["extract"] = time.perf_counter() - clock
    clock = time.perf_counter()
    with stage("validate"):
        frames = run_validate(frames, report_path(params), params, summary)
    summary.seconds["validate"] = time.perf_counter() - clock
    clock = time.perf_counter()
    with stage("evaluate"):
        scores = run_evaluate(frames, params)
    summary.seconds["evaluate"] = time.perf_counter() - clock
    clock = time.perf_counter()
    with stage("publish"):
        publish.publish(frames, params.out_dir, params.version, _publish_cache(params), scores)
    summary.seconds["publish"] = time.perf_counter() - clock
    summary.rows = {name: len(frame) for name, frame in frames.items()}
    _settle_cache(params)
    return summary


def _settle_cache(params: Params) -> None:
    """Stamp this corpus's cache folder as just used and keep the per-user cache within its bound."""
    if not params.cache:
        return
    for folder in home.settle(params.cache_dir, params.raw_dir, params.cache_max_bytes):
        log.info("cache: removed %s (least recently used; the cache is bounded to cache_max_mb)", folder)


def _publish_cache(params: Params) -> Path | None:
    """Where publish keeps CSV pieces and figures for the next run (csv/, figures/); none with the cache off."""
    return params.cache_dir if params.cache else None


def report_path(params: Params) -> Path:
    """Where a failed validation's full report goes: beside the output folder, never inside it."""
    return params.out_dir.parent / f"{params.out_dir.name}.validation-report.txt"


def run_stage(name: str, params: Params) -> None:
    """One stage through its files, as `dvc repro` runs it."""
    ingest_dir, extract_dir, validated_dir = (params.work_dir / d for d in ("ingest", "extract", "validated"))
    quality_file = params.work_dir / "evaluate" / quality.FILE
    if name == "ingest":
        _write(run_ingest(params), ingest_dir)
    elif name == "extract":
        summary = Summary()
        _write(run_extract(_read(ingest_dir, ["documents", "sentences"]), params, summary), extract_dir)
        log.info("extracted %d of %d reports (the rest from cache)", summary.extracted, summary.reports)
        if summary.without_facts:
            shown = ", ".join(summary.without_facts[:10]) + (" ..." if len(summary.without_facts) > 10 else "")
            log.warning("warning: %d report(s) gave no facts: %s", len(summary.without_facts), shown)
    elif name == "validate":
        frames = _read(ingest_dir, ["documents", "sentences"]) | _read(extract_dir, list(schemas.FACT_TABLES))
        _write(run_validate(frames, params.work_dir / "validation-report.txt", params), validated_dir)
    elif name == "evaluate":
        documents = pd.read_parquet(validated_dir / "documents.parquet", columns=["doc_id"])  # not the texts
        scores = run_evaluate(_read(validated_dir, list(schemas.FACT_TABLES)) | {"documents": documents}, params)
        quality_file.parent.mkdir(parents=True, exist_ok=True)
        quality_file.write_text(quality.text(scores), encoding="utf-8")
    elif name == "publish":
        scores = json.loads(quality_file.read_text(encoding="utf-8")) if quality_file.exists() else None
        frames = _read(validated_dir, list(schemas.TABLES))
        from tipfacts.stages import publish

        publish.publish(frames, params.out_dir, params.version, _publish_cache(params), scores)
        _settle_cache(params)
    else:
        raise ValueError(f"unknown stage {name!r}")
