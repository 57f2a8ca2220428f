"""Extract stage: each report's sentences -> rows of the seven fact tables.

`extract_document` is a pure function of one report, so reports can be processed in
any order, in parallel, and cached by content.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

import pandas as pd
from tqdm import tqdm

from tipfacts import schemas
from tipfacts.caching.fingerprint import source_fingerprint
from tipfacts.extraction.context import SentenceContext, build_contexts
from tipfacts.extraction.facts import Fact
from tipfacts.extraction.rules import (
    assessments,
    country_roles,
    events,
    flows,
    legal_instruments,
    organizations,
    statistics,
)
from tipfacts.stages import executor
from tipfacts.stages.ingest import Document

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


# What `json.dumps(..., sort_keys=True, default=str)` makes a new encoder for on every call: made once.
_ENCODE = json.JSONEncoder(sort_keys=True, default=str).encode


def fact_id(table: str, row: dict[str, Any]) -> str:
    """Stable id from the report, sentence, rule and the fact's own columns (not other reports)."""
    payload = {k: v for k, v in row.items() if k != "fact_id" and k != "sentence_no"}  # the encoder sorts the keys
    digest = hashlib.sha1(_ENCODE([table, payload]).encode()).hexdigest()
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


class FrameBuilder:
    """Fact rows gathered column by column as each report's facts arrive (no dict per row is kept)."""

    def __init__(self) -> None:
        self.columns = {
            table: [*model.to_schema().columns, "sentence_no"] for table, model in schemas.FACT_TABLES.items()
        }
        self.data: dict[str, dict[str, list[Any]]] = {
            table: {c: [] for c in columns} for table, columns in self.columns.items()
        }

    def add(self, result: dict[str, list[Fact]]) -> int:
        """One report's facts; returns how many."""
        n = 0
        for table, facts in result.items():
            if not facts:
                continue
            data = self.data[table]
            for column, values in data.items():
                values.extend([row.get(column) for row in facts])
            n += len(facts)
        return n

    def frames(self, keep_sentence_no: bool = False) -> dict[str, pd.DataFrame]:
        """One frame per table, columns in schema order, rows in report and sentence order."""
        frames = {}
        for table, columns in self.columns.items():
            frame = pd.DataFrame(self.data.pop(table), columns=columns)
            frame = frame.sort_values(["doc_id", "sentence_no", "fact_id"], kind="stable")
            frames[table] = frame[columns if keep_sentence_no else columns[:-1]].reset_index(drop=True)
        return frames


def to_frames(per_document: Iterable[dict[str, list[Fact]]]) -> dict[str, pd.DataFrame]:
    """Fact rows -> one frame per table, columns in schema order, rows in report and sentence order."""
    builder = FrameBuilder()
    for result in per_document:
        builder.add(result)
    return builder.frames()


@cache
def rules_fingerprint() -> str:
    """Hash of the code that decides what a report's facts are: a change invalidates the cache."""
    return source_fingerprint("tipfacts.stages.extract")


def iter_extract(
    docs: list[Document], workers: int = 0, scheduler: str | None = None, progress: bool | None = None
) -> Iterator[dict[str, list[Fact]]]:
    """The facts of every report, in report order, as they come.

    Reports are spread over an executor (tipfacts.stages.executor): `workers` local processes
    (0: one per core), or the Dask cluster at `scheduler`. The result depends on neither.
    """
    if not docs:  # nothing new: no processes to start, no cluster to reach
        return
    show = sys.stderr.isatty() if progress is None else progress
    with contextlib.ExitStack() as stack:
        bar = stack.enter_context(
            tqdm(total=len(docs), desc="extract", unit="report", dynamic_ncols=True, disable=not show or len(docs) < 50)
        )
        run = executor.executor(stack, len(docs), workers, scheduler, fingerprint=rules_fingerprint)
        for result in run.map(extract_document, docs):
            bar.update()
            yield result


def extract_frames(
    docs: list[Document],
    workers: int = 0,
    scheduler: str | None = None,
    progress: bool | None = None,
    keep_sentence_no: bool = False,
) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The fact tables of `docs`, streamed into columns as reports finish; also the ids of the reports
    that gave no fact."""
    builder = FrameBuilder()
    without = []
    for doc, result in zip(docs, iter_extract(docs, workers, scheduler, progress), strict=True):
        if builder.add(result) == 0:
            without.append(doc.doc_id)
    return builder.frames(keep_sentence_no), without
