"""The `country_year` panel: one row per subject country and year the facts speak of."""

from __future__ import annotations

import re
from collections import Counter

import pandas as pd

from tipfacts.extraction.facts import join_list
from tipfacts.lexicon.words import TRAFFICKING_PROTOCOL
from tipfacts.places import countries

# An instrument is the UN Trafficking Protocol when its name is one of the protocol's names (the lexicon's).
PROTOCOL = re.compile(TRAFFICKING_PROTOCOL, re.IGNORECASE)
COUNTED = ["prosecutions", "convictions", "victims_identified"]


def _years(frame: pd.DataFrame, country_col: str, year_col: str = "year") -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=["doc_id", "iso3", "year"])
    years = frame[year_col] if year_col == "year" else frame[year_col].str[:4]
    out = pd.DataFrame(
        {"doc_id": frame["doc_id"], "iso3": frame[country_col], "year": pd.to_numeric(years, errors="coerce")}
    )
    return out.dropna()


def _mode(values: list) -> object:
    """What `Series.mode().sort_values().iloc[0]` gives: the most frequent value, the smallest on a tie."""
    counts = Counter(values)
    top = max(counts.values())
    return min(v for v, n in counts.items() if n == top)


def _by_key(frame: pd.DataFrame, keys: list[str], column: str) -> dict[tuple, list]:
    """Non-null values of `column` per key (rows with a null key left out), in row order."""
    rows = frame[[*keys, column]].dropna()
    out: dict[tuple, list] = {}
    for *key, value in zip(*(rows[c].tolist() for c in [*keys, column]), strict=True):
        out.setdefault(tuple(key), []).append(value)
    return out


def _partners(flows: pd.DataFrame, home: str, other: str) -> dict[tuple, int]:
    """Distinct `other` countries (not `home` itself) per (`home` country, year) among the flows."""
    f = flows[[home, other, "year"]].dropna()
    f = f[f[home] != f[other]]
    return {(iso3, year): n for (iso3, year), n in f.groupby([home, "year"])[other].nunique().items()}


def build(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Join-ready panel; counts are the largest stated for that year, tiers the one stated."""
    docs = frames["documents"]
    subjects = docs[["doc_id", "subject_iso3"]].dropna()
    flows, stats, asm, legal = frames["flows"], frames["statistics"], frames["assessments"], frames["legal_instruments"]
    mentions = pd.concat(
        [
            _years(asm, "country_iso3"),
            _years(frames["country_roles"], "country_iso3"),
            _years(stats, "country_iso3"),
            _years(flows, "origin_iso3"),
            _years(flows, "destination_iso3"),
            _years(legal, "country_iso3", "date"),
            _years(frames["events"], "country_iso3", "date"),
        ]
    )
    mentions = mentions.merge(subjects, on="doc_id")
    mentions = mentions[mentions["iso3"] == mentions["subject_iso3"]]
    # Each table grouped once by country and year (not filtered again for every panel row).
    tiers = _by_key(asm, ["country_iso3", "year"], "tier")
    meets = _by_key(asm, ["country_iso3", "year"], "meets_minimum_standards")
    counted = stats[stats["indicator"].isin(COUNTED)]
    largest = _by_key(counted, ["country_iso3", "year", "indicator"], "value")
    origins = _partners(flows, "destination_iso3", "origin_iso3")
    destinations = _partners(flows, "origin_iso3", "destination_iso3")
    ratified = legal[legal["instrument"].str.contains(PROTOCOL) & legal["action"].isin(["ratified", "acceded"])]
    ratified_years = pd.DataFrame(
        {"iso3": ratified["country_iso3"], "year": pd.to_numeric(ratified["date"].str[:4], errors="coerce")}
    ).dropna()
    first_ratified = ratified_years.groupby("iso3")["year"].min().to_dict()
    rows = []
    for (iso3, year), group in mentions.groupby(["iso3", "year"], sort=True):
        year = int(year)
        key = (iso3, year)
        rows.append(
            {
                "iso3": iso3,
                "year": year,
                "country_name": countries.country_name(iso3),
                "m49": countries.m49(iso3),
                "tier": _mode(tiers[key]) if key in tiers else None,
                "meets_minimum_standards": bool(_mode(meets[key])) if key in meets else None,
                **{ind: (max(largest[(iso3, year, ind)]) if (iso3, year, ind) in largest else None) for ind in COUNTED},
                "n_origin_countries": origins.get(key, 0),
                "n_destination_countries": destinations.get(key, 0),
                "protocol_ratified": bool(first_ratified[iso3] <= year) if iso3 in first_ratified else None,
                "doc_ids": join_list(group["doc_id"].tolist()),
            }
        )
    columns = [
        "iso3",
        "year",
        "country_name",
        "m49",
        "tier",
        "meets_minimum_standards",
        *COUNTED,
        "n_origin_countries",
        "n_destination_countries",
        "protocol_ratified",
        "doc_ids",
    ]
    return pd.DataFrame(rows, columns=columns)
