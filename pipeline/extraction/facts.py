"""The shape every rule returns: a fact row with its provenance."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # a hint only: validate imports this module, and the context would pull in ingest and nltk
    from tipfacts.extraction.context import SentenceContext

Fact = dict[str, Any]


def fact(ctx: SentenceContext, extractor: str, span: tuple[int, int], **columns: Any) -> Fact:
    """A fact from one sentence; `span` is the evidence's offsets in that sentence."""
    start, end = span
    evidence = ctx.text[start:end].strip() or ctx.text
    return {
        "doc_id": ctx.doc.doc_id,
        "sentence_id": ctx.sentence.sentence_id,
        "sentence_no": ctx.sentence.sentence_no,
        "evidence": evidence,
        "extractor": extractor,
        **columns,
    }


def join_list(values: Iterable[object]) -> str | None:
    """The contract's list encoding: sorted, unique, `;`-separated; None when empty."""
    return ";".join(sorted({str(v) for v in values if v is not None and str(v) != ""})) or None


def plain_values(series: pd.Series) -> list[object]:
    """The column as plain Python values with every missing value (None, NaN, pd.NA) as None: one vectorized
    null test instead of a test per value (publishing and consolidating walk every cell of every table)."""
    values = series.tolist()
    for i in np.flatnonzero(series.isna().to_numpy()).tolist():
        values[i] = None
    return values
