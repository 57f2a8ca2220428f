"""Extract stage: each report's sentences -> rows of the seven fact tables.

`extract_document` is a pure function of one report, so reports can be processed in
any order, in parallel, and cached by content.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from tqdm import tqdm

import schemas
from pipeline.ingest import Document
from pipeline.rules import (
    assessments,
    country_roles,
    events,
    flows,
    legal_instruments,
    organizations,
    statistics,
)
from pipeline.rules.base import Fact
from pipeline.rules.context import SentenceContext, build_contexts

SENTENCE_RULES: dict[str, Callable[[SentenceContext], list[Fact]]] = {
    "country_roles": country_roles.extract,
    "flows": flows.extract,
    "legal_instruments": legal_instruments.extract,
    "statistics": statistics.extract,
}
DOCUMENT_RULES: dict[str, Callable[[list[SentenceContext]], list[Fact]]] = {
    "assessments": assessments.extract_document,
    "events": events.extract_document,
    "organizations": organizations.extract_document,
}


def fact_id(table: str, row: dict[str, Any]) -> str:
    """Stable id from the report, sentence, rule and the fact's own columns (not other reports)."""
    payload = {k: v for k, v in sorted(row.items()) if k not in ("fact_id", "sentence_no")}
    digest = hashlib.sha1(json.dumps([table, payload], sort_keys=True, default=str).encode()).hexdigest()
    return f"{schemas.FACT_PREFIX[table]}-{digest[:16]}"


def extract_document(doc: Document) -> dict[str, list[Fact]]:
    """All facts of one report, per table, in sentence order, duplicates removed."""
    contexts = build_contexts(doc)
    out: dict[str, list[Fact]] = {table: [] for table in schemas.FACT_TABLES}
    for ctx in contexts:
        if ctx.is_advice:
            continue
        for table, rule in SENTENCE_RULES.items():
            out[table].extend(rule(ctx))
    for table, rule in DOCUMENT_RULES.items():
        out[table].extend(rule(contexts))
    for table, rows in out.items():
        unique: dict[str, Fact] = {}
        for row in rows:
            row["fact_id"] = fact_id(table, row)
            unique.setdefault(row["fact_id"], row)
        out[table] = list(unique.values())
    return out


def to_frames(per_document: Iterable[dict[str, list[Fact]]]) -> dict[str, pd.DataFrame]:
    """Fact rows -> one frame per table, columns in schema order, rows in report and sentence order."""
    rows: dict[str, list[Fact]] = {table: [] for table in schemas.FACT_TABLES}
    for result in per_document:
        for table, facts in result.items():
            rows[table].extend(facts)
    frames = {}
    for table, model in schemas.FACT_TABLES.items():
        columns = list(model.to_schema().columns)
        frame = pd.DataFrame(rows[table], columns=[*columns, "sentence_no"])
        frame = frame.sort_values(["doc_id", "sentence_no", "fact_id"], kind="stable")
        frames[table] = frame[columns].reset_index(drop=True)
    return frames


@cache
def rules_fingerprint() -> str:
    """Hash of the code that decides what a report's facts are: a change invalidates the cache."""
    package = Path(__file__).parent
    files = sorted([*package.glob("rules/*.py"), package / "vocab.py", package / "countries.py",
                    package / "extract.py", package / "ingest.py"])
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:16]


def _cache_key(doc: Document) -> str:
    payload = json.dumps({k: v for k, v in doc.row().items()}, sort_keys=True, default=str)
    return hashlib.sha256((rules_fingerprint() + payload).encode()).hexdigest()


def extract_all(docs: list[Document], workers: int = 0, cache_dir: Path | None = None,
                progress: bool | None = None) -> tuple[list[dict[str, list[Fact]]], int]:
    """Facts of every report, in report order, and how many reports were extracted afresh.

    Reports whose text, metadata and rules are unchanged come from the cache; the rest are
    spread over `workers` processes (0: one per core). The result does not depend on either.
    """
    results: list[dict[str, list[Fact]] | None] = [None] * len(docs)
    todo = []
    for i, doc in enumerate(docs):
        cached = cache_dir / f"{_cache_key(doc)}.json" if cache_dir else None
        if cached is not None and cached.exists():
            results[i] = json.loads(cached.read_text(encoding="utf-8"))
        else:
            todo.append(i)
    workers = workers or os.cpu_count() or 1
    show = sys.stderr.isatty() if progress is None else progress
    with tqdm(total=len(todo), desc="extract", unit="report", disable=not show or len(todo) < 50) as bar:
        if workers > 1 and len(todo) > 1:
            with ProcessPoolExecutor(max_workers=workers) as pool:
                chunk = max(1, min(64, len(todo) // (workers * 4)))
                for i, result in zip(todo, pool.map(extract_document, [docs[i] for i in todo], chunksize=chunk),
                                     strict=True):
                    results[i] = result
                    bar.update()
        else:
            for i in todo:
                results[i] = extract_document(docs[i])
                bar.update()
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        for i in todo:
            path = cache_dir / f"{_cache_key(docs[i])}.json"
            tmp = path.with_suffix(f".tmp-{os.getpid()}")
            tmp.write_text(json.dumps(results[i]), encoding="utf-8")
            tmp.replace(path)
    return [r for r in results if r is not None], len(todo)
