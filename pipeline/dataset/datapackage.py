"""`datapackage.json` (Frictionless Data Package) derived from the Pandera schema objects.

Pandera has no Frictionless export (pandera#1826), so this reads each model's columns:
dtype -> field type, nullable -> required, `isin` -> enum, `str_matches` -> pattern,
`ge`/`in_range` -> minimum/maximum, `unique` -> primaryKey, list metadata -> pattern.
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import pandera.pandas as pa

from tipfacts import schemas

DATASET_LICENSE = {
    "name": "CC-BY-SA-4.0",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    "title": "Creative Commons Attribution-ShareAlike 4.0",
}
LICENSE_NOTE = (
    "documents.text, sentences.text and every evidence column quote the source reports. Wikipedia text is "
    "CC BY-SA 4.0, so the dataset as a whole is CC BY-SA 4.0 (share-alike); U.S. government works quoted "
    "(TIP reports, World Factbook) are public domain. Each documents row keeps its own source's license and URL."
)
FIELD_TYPES = {
    "str": "string",
    "string": "string",
    "Int64": "integer",
    "int64": "integer",
    "float64": "number",
    "boolean": "boolean",
    "bool": "boolean",
}


def _constraints(column: pa.Column) -> dict[str, Any]:
    # CSV writes null as "" (missingValues), so a column where "" is a real value cannot be "required" there
    empty_is_value = (column.metadata or {}).get("empty_allowed", False)
    constraints: dict[str, Any] = {"required": not column.nullable and not empty_is_value}
    if column.unique:
        constraints["unique"] = True
    for check in column.checks:
        stats = check.statistics or {}
        if check.name == "isin":
            constraints["enum"] = list(stats["allowed_values"])
        elif check.name == "str_matches":
            constraints["pattern"] = stats["pattern"].removeprefix("^").removesuffix("$")
        elif check.name == "greater_than_or_equal_to":
            constraints["minimum"] = stats["min_value"]
        elif check.name == "in_range":
            constraints["minimum"], constraints["maximum"] = stats["min_value"], stats["max_value"]
        elif check.name == "str_length" and stats.get("min_value"):
            constraints["minLength"] = stats["min_value"]
    vocabulary = (column.metadata or {}).get("list_of")
    if vocabulary:
        item = "(?:" + "|".join(map(re.escape, vocabulary)) + ")"
        constraints["pattern"] = f"{item}(?:;{item})*"
    return constraints


def table_schema(model: type[pa.DataFrameModel]) -> dict[str, Any]:
    schema = model.to_schema()
    fields = []
    for name, column in schema.columns.items():
        dtype = str(column.dtype)
        fields.append(
            {
                "name": name,
                "type": FIELD_TYPES.get(dtype, "string"),
                "description": column.description or "",
                "constraints": _constraints(column),
            }
        )
    keys = [name for name, column in schema.columns.items() if column.unique]
    out: dict[str, Any] = {"fields": fields, "missingValues": [""]}
    if keys:
        out["primaryKey"] = keys[:1]
    elif schema.unique:
        out["primaryKey"] = list(schema.unique)
    if "sentence_id" in schema.columns and model is not schemas.Sentences:
        out["foreignKeys"] = [
            {"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}},
            {"fields": ["sentence_id"], "reference": {"resource": "sentences", "fields": ["sentence_id"]}},
        ]
    elif model is schemas.Sentences:
        out["foreignKeys"] = [{"fields": ["doc_id"], "reference": {"resource": "documents", "fields": ["doc_id"]}}]
    return out


def build(documents: pd.DataFrame, version: str) -> dict[str, Any]:
    """The package descriptor: every table's CSV with its schema, the sources and their licenses."""
    resources = []
    for name, model in schemas.TABLES.items():
        config = model.to_schema()
        resources.append(
            {
                "name": name,
                "path": f"{name}.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "title": config.title or name,
                "description": (config.description or "") + f". The same rows are in {name}.parquet (zstd).",
                "schema": table_schema(model),
            }
        )
    sources = [
        {
            "title": row.title if pd.notna(row.title) else row.doc_id,
            "path": row.url,
            "license": row.license if pd.notna(row.license) else None,
            "doc_id": row.doc_id,
        }
        for row in documents.sort_values("doc_id").itertuples()
        if pd.notna(row.url)
    ]
    return {
        "name": "tipfacts",
        "title": "tipfacts: structured facts from human-trafficking reports",
        "description": "Tier placements, flows, laws, enforcement events, counts and organizations extracted from "
        "trafficking reports; every fact cites its sentence and evidence. " + LICENSE_NOTE,
        "version": version,
        "licenses": [DATASET_LICENSE],
        "sources": sources,
        "resources": resources,
    }
