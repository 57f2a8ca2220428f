"""Validate stage: every table against its Pandera schema, then the provenance rules across tables.

Validation is lazy (all failures at once). A failure writes a readable report (table,
column, check, failing values with their fact_id and evidence) and publishes nothing.
"""

from __future__ import annotations

import importlib
import logging
import sys
from pathlib import Path

import pandas as pd
import pandera.pandas as pa
import pandera.typing

from tipfacts import schemas
from tipfacts.errors import ValidationFailed

MAX_SHOWN = 5
# A failure in these columns is corruption (a fact that cannot be traced to its words): it stops the run.
# A failure elsewhere in a fact row is one rule's mistake on one sentence: that row is dropped, with a warning.
PROVENANCE_COLUMNS = frozenset({"fact_id", "doc_id", "sentence_id", "evidence", "extractor"})
log = logging.getLogger("tipfacts")
# Optional libraries Pandera imports where they are installed, for features these tables never use:
# dask.dataframe (to know dask's frame types when building a schema: 0.5 s of CPU) and hypothesis (data
# synthesis strategies, when validating first: 0.4 s; a test dependency). Every stage process would pay both.
UNUSED_PANDERA_EXTRAS = ("dask.dataframe", "hypothesis")


def _without_unused_extras() -> None:
    """Let Pandera set itself up as if UNUSED_PANDERA_EXTRAS were absent (pandas frames only, no strategies).

    Each extra not yet imported is hidden (`import` raises ImportError) while Pandera learns its frame
    types and loads its strategies module, then shown again: the Dask executor still imports dask.dataframe,
    and a process that already imported one (pytest loads hypothesis) is left as it is.
    """
    hidden = [name for name in UNUSED_PANDERA_EXTRAS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` raise ImportError
    try:
        pandera.typing.get_index_types()
        pandera.typing.get_series_types()
        importlib.import_module("pandera.strategies.pandas_strategies")
    finally:
        for name in hidden:
            del sys.modules[name]


_without_unused_extras()


def _describe(table: str, frame: pd.DataFrame, failures: pd.DataFrame) -> list[dict[str, object]]:
    """Pandera's failure cases, with the row's fact_id/evidence so a reader can find it."""
    rows = []
    for case in failures.to_dict("records"):
        index = case.get("index")
        row = frame.loc[index] if index is not None and not pd.isna(index) and index in frame.index else None
        rows.append(
            {
                "table": table,
                "column": case.get("column"),
                "check": case.get("check"),
                "value": case.get("failure_case"),
                "row": None if pd.isna(index) else index,
                "id": None if row is None else row.get("fact_id", row.get("sentence_id", row.get("doc_id"))),
                "evidence": None if row is None else row.get("evidence"),
                "sentence": None if row is None else row.get("sentence_id"),
            }
        )
    return rows


def _provenance(frames: dict[str, pd.DataFrame]) -> list[dict[str, object]]:
    """Offsets slice each document to its sentence; every fact's sentence exists and holds its evidence."""
    problems: list[dict[str, object]] = []
    docs, sents = frames["documents"], frames["sentences"]
    texts = dict(zip(docs["doc_id"].tolist(), docs["text"].tolist(), strict=True))
    # Plain lists, not itertuples: one Python pass over each column is what a 30,000-report corpus can afford.
    columns = [sents[c].tolist() for c in ("doc_id", "char_start", "char_end", "text", "sentence_id")]
    for index, doc_id, start, end, sentence, sentence_id in zip(sents.index.tolist(), *columns, strict=True):
        text = texts.get(doc_id)
        if text is None:
            problems.append(
                {
                    "table": "sentences",
                    "column": "doc_id",
                    "check": "foreign_key(documents)",
                    "value": doc_id,
                    "row": index,
                    "id": sentence_id,
                    "evidence": None,
                }
            )
        elif text[start:end] != sentence:
            problems.append(
                {
                    "table": "sentences",
                    "column": "text",
                    "check": "text_at_offsets",
                    "value": f"[{start}:{end}]",
                    "row": index,
                    "id": sentence_id,
                    "evidence": sentence[:80],
                }
            )
    sentence_text = dict(zip(columns[4], columns[3], strict=True))
    sentence_doc = dict(zip(columns[4], columns[0], strict=True))
    for table in [t for t in schemas.FACT_TABLES if t in frames]:  # those that passed their schema
        facts = frames[table]
        columns = [facts[c].tolist() for c in ("sentence_id", "doc_id", "evidence", "fact_id")]
        for index, sentence_id, doc_id, evidence, fact_id in zip(facts.index.tolist(), *columns, strict=True):
            sentence = sentence_text.get(sentence_id)
            if sentence is None or sentence_doc[sentence_id] != doc_id:
                problems.append(
                    {
                        "table": table,
                        "column": "sentence_id",
                        "check": "foreign_key(sentences)",
                        "value": sentence_id,
                        "row": index,
                        "id": fact_id,
                        "evidence": evidence,
                    }
                )
            elif evidence not in sentence:
                problems.append(
                    {
                        "table": table,
                        "column": "evidence",
                        "check": "evidence_in_sentence",
                        "value": evidence,
                        "row": index,
                        "id": fact_id,
                        "evidence": evidence,
                    }
                )
    return problems


def format_report(problems: list[dict[str, object]]) -> str:
    """One block per table and check: what failed, how often, and the first few rows."""
    frame = pd.DataFrame(problems)
    lines = []
    for (table, column, check), group in frame.groupby(["table", "column", "check"], sort=True, dropna=False):
        lines.append(f"- table {table}, column {column}, check {check}: {len(group)} failing row(s)")
        for case in group.head(MAX_SHOWN).to_dict("records"):
            ids = [str(case[key]) for key in ("id", "sentence") if _present(case.get(key))]
            where = f"row {case['row']}" + (f" ({', '.join(dict.fromkeys(ids))})" if ids else "")
            evidence = f"; evidence {str(case['evidence'])[:60]!r}" if _present(case.get("evidence")) else ""
            lines.append(f"    {where}: value {_short(case['value'])}{evidence}")
    return "\n".join(lines)


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and value != ""


def _short(value: object, limit: int = 100) -> str:
    """A failing value as the report shows it: its repr, cut to `limit` characters (a document text is long)."""
    shown = repr(value)
    return shown if len(shown) <= limit else f"{shown[:limit]}... ({len(shown):,} characters)"


def _rejected_rows(table: str, failures: list[dict[str, object]]) -> set[object]:
    """The rows to drop when every failure of a fact table is a row's own fact column; else none (stop the run)."""
    if table not in schemas.FACT_TABLES:
        return set()
    if any(not _present(f["row"]) or f["column"] in PROVENANCE_COLUMNS or not _present(f["column"]) for f in failures):
        return set()
    return {f["row"] for f in failures}


def _warn_dropped(table: str, frame: pd.DataFrame, failures: list[dict[str, object]]) -> None:
    """One warning naming each dropped row's report, sentence, column, check and words."""
    rows = sorted({f["row"] for f in failures}, key=str)
    lines = [
        f"warning: {table}: dropped {len(rows)} row(s) its schema rejects (a rule's mistake on one sentence; "
        "every other row is published):"
    ]
    for case in failures[:MAX_SHOWN]:
        row = frame.loc[case["row"]]
        lines.append(
            f"    report {row['doc_id']}, sentence {row['sentence_id']} ({row['fact_id']}): "
            f"column {case['column']} fails {case['check']} (value {_short(case['value'], 40)}); "
            f"evidence {str(row['evidence'])[:60]!r}"
        )
    if len(failures) > MAX_SHOWN:
        lines.append(f"    ... and {len(failures) - MAX_SHOWN} more failure(s)")
    log.warning("\n".join(lines))


def validate(frames: dict[str, pd.DataFrame], report_path: Path | None = None) -> dict[str, pd.DataFrame]:
    """Coerced, validated copies of every table; raises ValidationFailed with a readable report."""
    if report_path is not None:
        report_path.unlink(missing_ok=True)  # a report left by an earlier failed run is stale now
    problems: list[dict[str, object]] = []
    validated: dict[str, pd.DataFrame] = {}
    for table, model in schemas.TABLES.items():
        if table not in frames:
            continue
        frame = frames[table]
        try:
            validated[table] = model.validate(frame, lazy=True)
            continue
        except pa.errors.SchemaErrors as err:
            failures = _describe(table, frame, err.failure_cases)
        rejected = _rejected_rows(table, failures)
        if rejected:
            _warn_dropped(table, frame, failures)
            frame = frame.drop(index=sorted(rejected)).reset_index(drop=True)
            try:
                validated[table] = model.validate(frame, lazy=True)
                continue
            except pa.errors.SchemaErrors as err:
                failures = _describe(table, frame, err.failure_cases)
        problems += failures
    if {"documents", "sentences"} <= set(validated):  # provenance too, so one run reports every failure
        problems += _provenance(validated)
    if problems:
        report = format_report(problems)
        if report_path is not None:
            report_path.parent.mkdir(parents=True, exist_ok=True)
            report_path.write_text(report + "\n", encoding="utf-8")
        raise ValidationFailed(report, report_path)
    return validated
