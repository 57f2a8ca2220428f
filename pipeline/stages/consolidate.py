"""`facts_consolidated`: one row per fact however many reports state it, listing its reports, fact_ids and years.

Yearly editions repeat themselves (a Factbook entry restates last year's flows), so the per-report tables
count one fact many times. Here a fact is its table's identity columns (IDENTITY): the same values from
several reports, or several sentences, are one row. Flows and country roles are facts about a country
whatever the edition, so their year is not part of the identity and `years` lists every year stated;
a tier or a count is a fact about one year, so the year is part of it. The per-report tables stay as
they are: they are the provenance, and `fact_ids` leads back to them.
"""

from __future__ import annotations

import hashlib

import pandas as pd

from tipfacts.extraction.facts import join_list, plain_values

# Per fact table: the columns that make two rows the same fact (the year where it is part of the fact).
IDENTITY = {
    "assessments": ["country_iso3", "year", "assessor", "tier", "meets_minimum_standards", "movement"],
    "country_roles": ["country_iso3", "role", "status"],
    "flows": ["origin_iso3", "origin_area", "destination_iso3", "destination_area", "exploitation", "status"],
    "statistics": ["country_iso3", "year", "indicator", "value", "qualifier", "unit"],
}
COLUMNS = [
    "consolidated_id",
    "table",
    "country_iso3",
    "origin_iso3",
    "origin_area",
    "destination_iso3",
    "destination_area",
    "role",
    "exploitation",
    "status",
    "assessor",
    "tier",
    "meets_minimum_standards",
    "movement",
    "indicator",
    "value",
    "qualifier",
    "unit",
    "years",
    "first_year",
    "last_year",
    "n_reports",
    "doc_ids",
    "fact_ids",
]


def _key(table: str, values: tuple) -> str:
    """A stable id: the table and the identity's values, hashed (unchanged when other reports come or go)."""
    text = "\x1f".join([table, *("" if v is None else str(v) for v in values)])
    return "cns-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def build(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The consolidated rows of every table in IDENTITY, sorted by table and id."""
    rows = []
    for table, identity in IDENTITY.items():
        facts = frames[table]
        # plain Python lists: one pass groups thousands of facts in milliseconds (pandas' groupby on
        # nullable object keys is far slower)
        keys = zip(*(plain_values(facts[c]) for c in identity), strict=True)
        groups: dict[tuple, list[tuple[str, str, object]]] = {}
        for key, doc_id, fact_id, year in zip(
            keys, facts["doc_id"].tolist(), facts["fact_id"].tolist(), plain_values(facts["year"]), strict=True
        ):
            groups.setdefault(key, []).append((doc_id, fact_id, year))
        for key, stated in groups.items():
            years = sorted({int(y) for _, _, y in stated if y is not None})
            rows.append(
                {
                    "consolidated_id": _key(table, key),
                    "table": table,
                    **{c: v for c, v in zip(identity, key, strict=True) if c != "year"},
                    "years": join_list(str(y) for y in years),
                    "first_year": years[0] if years else None,
                    "last_year": years[-1] if years else None,
                    "n_reports": len({doc for doc, _, _ in stated}),
                    "doc_ids": join_list(doc for doc, _, _ in stated),
                    "fact_ids": join_list(fact for _, fact, _ in stated),
                }
            )
    out = pd.DataFrame(rows, columns=COLUMNS)
    return out.sort_values(["table", "consolidated_id"], ignore_index=True)
