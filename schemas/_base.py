"""Shared pieces of the table schemas: provenance columns every fact carries, and list checks."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas.codes import is_country_code

ISO3_DESCRIPTION = "ISO 3166-1 alpha-3 code (XKX for Kosovo)"


def valid_iso3(series: pd.Series) -> pd.Series:
    """Codes the country library knows; nulls pass (nullability is checked separately)."""
    known = {code for code in series.dropna().unique() if is_country_code(code)}  # each distinct code once
    return series.isna() | series.isin(known)


def valid_list(series: pd.Series, vocabulary: list[str] | None = None) -> pd.Series:
    """A `;`-separated, sorted, duplicate-free list whose items are in the vocabulary (if one is given)."""
    allowed = set(vocabulary) if vocabulary is not None else None

    def ok(value: object) -> bool:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return True
        items = str(value).split(";")
        return items == sorted(set(items)) and all(items) and (allowed is None or set(items) <= allowed)

    # Each distinct list once (a column holds few), then a vectorized lookup; nulls pass as in `ok`.
    good = {value for value in series.dropna().unique() if ok(value)}
    return series.isna() | series.isin(good)


def valid_iso3_list(series: pd.Series) -> pd.Series:
    """A sorted `;`-separated list of ISO3 codes."""
    codes = series.dropna().map(lambda v: all(is_country_code(c) for c in str(v).split(";")))
    return valid_list(series) & codes.reindex(series.index, fill_value=True).astype(bool)


class FactModel(pa.DataFrameModel):
    """Provenance columns of every fact table: which sentence, which words, which rule."""

    fact_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^[a-z]{3}-[0-9a-f]{16}$",
        description="Stable id: a hash of the report, sentence, rule and fact",
    )
    doc_id: Series[str] = pa.Field(str_matches=r"^[a-z0-9][a-z0-9-]*$", description="Report (documents.doc_id)")
    sentence_id: Series[str] = pa.Field(description="Sentence the fact comes from (sentences.sentence_id)")
    evidence: Series[str] = pa.Field(
        str_length={"min_value": 1}, description="Exact substring of the sentence that supports the fact"
    )
    extractor: Series[str] = pa.Field(description="Name of the rule that produced the fact")

    @pa.check(r".+_iso3$", regex=True, name="iso3_known")
    def iso3_known(cls, series: pd.Series) -> pd.Series:
        """Every `*_iso3` column of a fact table holds codes the country library knows."""
        return valid_iso3(series)

    class Config:
        strict = True
        coerce = True
        ordered = True
