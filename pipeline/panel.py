"""The `country_year` panel: one row per subject country and year the facts speak of."""

from __future__ import annotations

import re

import pandas as pd

from pipeline import countries
from pipeline.rules.base import join_list

PROTOCOL = re.compile(r"\b(?:TIP|Trafficking\s+in\s+Persons|Palermo|Trafficking)\s+Protocol|Protocol\s+to\s+Prevent",
                      re.IGNORECASE)
COUNTED = ["prosecutions", "convictions", "victims_identified"]


def _years(frame: pd.DataFrame, country_col: str, year_col: str = "year") -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=["doc_id", "iso3", "year"])
    years = frame[year_col] if year_col == "year" else frame[year_col].str[:4]
    out = pd.DataFrame({"doc_id": frame["doc_id"], "iso3": frame[country_col],
                        "year": pd.to_numeric(years, errors="coerce")})
    return out.dropna()


def build(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Join-ready panel; counts are the largest stated for that year, tiers the one stated."""
    docs = frames["documents"]
    subjects = docs[["doc_id", "subject_iso3"]].dropna()
    flows, stats, asm, legal = frames["flows"], frames["statistics"], frames["assessments"], frames["legal_instruments"]
    mentions = pd.concat([
        _years(asm, "country_iso3"), _years(frames["country_roles"], "country_iso3"), _years(stats, "country_iso3"),
        _years(flows, "origin_iso3"), _years(flows, "destination_iso3"),
        _years(legal, "country_iso3", "date"), _years(frames["events"], "country_iso3", "date"),
    ])
    mentions = mentions.merge(subjects, on="doc_id")
    mentions = mentions[mentions["iso3"] == mentions["subject_iso3"]]
    rows = []
    for (iso3, year), group in mentions.groupby(["iso3", "year"], sort=True):
        year = int(year)
        a = asm[(asm["country_iso3"] == iso3) & (asm["year"] == year)]
        tiers = a["tier"].dropna()
        meets = a["meets_minimum_standards"].dropna()
        s = stats[(stats["country_iso3"] == iso3) & (stats["year"] == year)]
        f = flows[flows["year"] == year]
        ratified = legal[(legal["country_iso3"] == iso3) & legal["instrument"].str.contains(PROTOCOL)
                         & legal["action"].isin(["ratified", "acceded"])]
        ratified_years = pd.to_numeric(ratified["date"].str[:4], errors="coerce").dropna()
        rows.append({
            "iso3": iso3, "year": year, "country_name": countries.country_name(iso3), "m49": countries.m49(iso3),
            "tier": tiers.mode().sort_values().iloc[0] if not tiers.empty else None,
            "meets_minimum_standards": bool(meets.mode().iloc[0]) if not meets.empty else None,
            **{ind: (s.loc[s["indicator"] == ind, "value"].max() if (s["indicator"] == ind).any() else None)
               for ind in COUNTED},
            "n_origin_countries": f.loc[(f["destination_iso3"] == iso3) & (f["origin_iso3"] != iso3),
                                        "origin_iso3"].dropna().nunique(),
            "n_destination_countries": f.loc[(f["origin_iso3"] == iso3) & (f["destination_iso3"] != iso3),
                                             "destination_iso3"].dropna().nunique(),
            "protocol_ratified": bool((ratified_years <= year).any()) if not ratified_years.empty else None,
            "doc_ids": join_list(group["doc_id"]),
        })
    columns = ["iso3", "year", "country_name", "m49", "tier", "meets_minimum_standards", *COUNTED,
               "n_origin_countries", "n_destination_countries", "protocol_ratified", "doc_ids"]
    return pd.DataFrame(rows, columns=columns)
