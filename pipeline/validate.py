"""Validate stage: every table against its Pandera schema, then the provenance rules across tables.

Validation is lazy (all failures at once). A failure writes a readable report (table,
column, check, failing values with their fact_id and evidence) and publishes nothing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pandera.pandas as pa

import schemas
from pipeline.errors import ValidationFailed

MAX_SHOWN = 5


def _describe(table: str, frame: pd.DataFrame, failures: pd.DataFrame) -> list[dict[str, object]]:
    """Pandera's failure cases, with the row's fact_id/evidence so a reader can find it."""
    rows = []
    for case in failures.to_dict("records"):
        index = case.get("index")
        row = frame.loc[index] if index is not None and not pd.isna(index) and index in frame.index else None
        rows.append({
            "table": table, "column": case.get("column"), "check": case.get("check"),
            "value": case.get("failure_case"), "row": None if pd.isna(index) else index,
            "id": None if row is None else row.get("fact_id", row.get("sentence_id", row.get("doc_id"))),
            "evidence": None if row is None else row.get("evidence"),
        })
    return rows


def _provenance(frames: dict[str, pd.DataFrame]) -> list[dict[str, object]]:
    """Offsets slice each document to its sentence; every fact's sentence exists and holds its evidence."""
    problems: list[dict[str, object]] = []
    docs, sents = frames["documents"], frames["sentences"]
    texts = dict(zip(docs["doc_id"], docs["text"], strict=True))
    for row in sents.itertuples(index=True):
        text = texts.get(row.doc_id)
        if text is None:
            problems.append({"table": "sentences", "column": "doc_id", "check": "foreign_key(documents)",
                             "value": row.doc_id, "row": row.Index, "id": row.sentence_id, "evidence": None})
        elif text[row.char_start: row.char_end] != row.text:
            problems.append({"table": "sentences", "column": "text", "check": "text_at_offsets",
                             "value": f"[{row.char_start}:{row.char_end}]", "row": row.Index,
                             "id": row.sentence_id, "evidence": row.text[:80]})
    sentence_text = dict(zip(sents["sentence_id"], sents["text"], strict=True))
    sentence_doc = dict(zip(sents["sentence_id"], sents["doc_id"], strict=True))
    for table in schemas.FACT_TABLES:
        for row in frames[table].itertuples(index=True):
            sentence = sentence_text.get(row.sentence_id)
            if sentence is None or sentence_doc[row.sentence_id] != row.doc_id:
                problems.append({"table": table, "column": "sentence_id", "check": "foreign_key(sentences)",
                                 "value": row.sentence_id, "row": row.Index, "id": row.fact_id,
                                 "evidence": row.evidence})
            elif row.evidence not in sentence:
                problems.append({"table": table, "column": "evidence", "check": "evidence_in_sentence",
                                 "value": row.evidence, "row": row.Index, "id": row.fact_id,
                                 "evidence": row.evidence})
    return problems


def format_report(problems: list[dict[str, object]]) -> str:
    """One block per table and check: what failed, how often, and the first few rows."""
    frame = pd.DataFrame(problems)
    lines = []
    for (table, column, check), group in frame.groupby(["table", "column", "check"], sort=True, dropna=False):
        lines.append(f"- table {table}, column {column}, check {check}: {len(group)} failing row(s)")
        for case in group.head(MAX_SHOWN).to_dict("records"):
            where = f"row {case['row']}" + (f" ({case['id']})" if case.get("id") else "")
            evidence = f"; evidence {str(case['evidence'])[:60]!r}" if case.get("evidence") else ""
            lines.append(f"    {where}: value {case['value']!r}{evidence}")
    return "\n".join(lines)


def validate(frames: dict[str, pd.DataFrame], report_path: Path | None = None) -> dict[str, pd.DataFrame]:
    """Coerced, validated copies of every table; raises ValidationFailed with a readable report."""
    problems: list[dict[str, object]] = []
    validated: dict[str, pd.DataFrame] = {}
    for table, model in schemas.TABLES.items():
        if table not in frames:
            continue
        try:
            validated[table] = model.validate(frames[table], lazy=True)
        except pa.errors.SchemaErrors as err:
            problems += _describe(table, frames[table], err.failure_cases)
    if not problems and {"documents", "sentences"} <= set(validated):
        problems += _provenance(validated)
    if problems:
        report = format_report(problems)
        if report_path is not None:
            report_path.parent.mkdir(parents=True, exist_ok=True)
            report_path.write_text(report + "\n", encoding="utf-8")
        raise ValidationFailed(report, report_path)
    return validated
