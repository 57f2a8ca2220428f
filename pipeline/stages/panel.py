"""The `country_year` panel: one row per subject country and year the facts speak of.

Each value says which reports back it and whether reports disagree. The rule that picks the headline
value where several are stated for the same country and year:

- `tier`, `meets_minimum_standards`: the value stated by the most reports (a report counts once however
  often it repeats it); on a tie, the smallest value ("2" before "2WL", False before True);
- `prosecutions`, `convictions`, `victims_identified`: the largest count stated (reports often give a
  partial count first, the full one later).

`<column>_doc_ids` lists the reports that state the headline value; `<column>_conflict` is true where any
report states another value for that country and year (null where no value is stated).

A count a report says it did not report (`statistics.qualifier` `not_reported`, value null) is not a zero:
the count stays null, `<count>_not_reported` is true and `<count>_doc_ids` lists those reports. It is false
where a report states the count (0 included), null where no report speaks of it. The join keys
(iso2, m49, gw_code, cow_code, UN regions, a short English name) come from tipfacts.places.keys.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

import pandas as pd

from tipfacts.extraction.facts import join_list
from tipfacts.lexicon.words import TRAFFICKING_PROTOCOL
from tipfacts.places import keys as join_keys
from tipfacts.schemas.statistics import NOT_REPORTED

# An instrument is the UN Trafficking Protocol when its name is one of the protocol's names (the lexicon's).
PROTOCOL = re.compile(TRAFFICKING_PROTOCOL, re.IGNORECASE)
COUNTED = ["prosecutions", "convictions", "victims_identified"]
SOURCED = ["tier", "meets_minimum_standards", *COUNTED]  # each with <column>_doc_ids and <column>_conflict


def _years(frame: pd.DataFrame, country_col: str, year_col: str = "year") -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=["doc_id", "iso3", "year"])
    years = frame[year_col] if year_col == "year" else frame[year_col].str[:4]
    out = pd.DataFrame(
        {"doc_id": frame["doc_id"], "iso3": frame[country_col], "year": pd.to_numeric(years, errors="coerce")}
    )
    return out.dropna()


def _by_key(frame: pd.DataFrame, keys: list[str], column: str) -> dict[tuple, list[tuple[object, str]]]:
    """Non-null (value, doc_id) pairs of `column` per key (rows with a null key left out), in row order."""
    rows = frame[[*keys, column, "doc_id"]].dropna()
    out: dict[tuple, list[tuple[object, str]]] = {}
    for *key, value, doc_id in zip(*(rows[c].tolist() for c in [*keys, column, "doc_id"]), strict=True):
        out.setdefault(tuple(key), []).append((value, doc_id))
    return out


def most_reports(stated: list[tuple[object, str]]) -> object:
    """The value stated by the most reports; the smallest on a tie."""
    reports = Counter(value for value, _ in set(stated))
    top = max(reports.values())
    return min(v for v, n in reports.items() if n == top)


def largest(stated: list[tuple[object, str]]) -> object:
    return max(value for value, _ in stated)


Stated = list[tuple[object, str]]  # (value, doc_id) pairs


def headline(stated: Stated | None, rule: Callable[[Stated], object]) -> tuple[object, str | None, bool | None]:
    """The headline value by `rule`, the reports stating it, and whether any report states another value."""
    if not stated:
        return None, None, None
    value = rule(stated)
    backing = join_list([doc for v, doc in stated if v == value])
    return value, backing, len({v for v, _ in stated}) > 1


def _not_reported(row: dict[str, object], ind: str, unreported: Stated | None) -> bool | None:
    """True (and the reports saying so as `<ind>_doc_ids`) when reports say `ind` was not reported and none
    states it; False when a count is stated; None when no report speaks of it."""
    if row[ind] is not None:
        return False
    if not unreported:
        return None
    row[f"{ind}_doc_ids"] = join_list([doc for _, doc in unreported])
    return True


def _partners(flows: pd.DataFrame, home: str, other: str) -> dict[tuple, int]:
    """Distinct `other` countries (not `home` itself) per (`home` country, year) among the flows."""
    f = flows[[home, other, "year"]].dropna()
    f = f[f[home] != f[other]]
    return {(iso3, year): n for (iso3, year), n in f.groupby([home, "year"])[other].nunique().items()}


def build(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Join-ready panel: keys, headline values (rule in the module doc) with their reports and conflict flags."""
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
    largest_ = _by_key(counted, ["country_iso3", "year", "indicator"], "value")
    unreported = _by_key(
        counted[counted["qualifier"] == NOT_REPORTED], ["country_iso3", "year", "indicator"], "qualifier"
    )
    origins = _partners(flows, "destination_iso3", "origin_iso3")
    destinations = _partners(flows, "origin_iso3", "destination_iso3")
    ratified = legal[legal["instrument"].str.contains(PROTOCOL) & legal["action"].isin(["ratified", "acceded"])]
    ratified_years = pd.DataFrame(
        {"iso3": ratified["country_iso3"], "year": pd.to_numeric(ratified["date"].str[:4], errors="coerce")}
    ).dropna()
    first_ratified = ratified_years.groupby("iso3")["year"].min().to_dict()
    looked_up = join_keys.keys(sorted(set(mentions["iso3"])))
    stated = {"tier": (tiers, most_reports), "meets_minimum_standards": (meets, most_reports)}
    rows = []
    for (iso3, year), group in mentions.groupby(["iso3", "year"], sort=True):
        year = int(year)
        key = (iso3, year)
        row: dict[str, object] = {"iso3": iso3, "year": year, **looked_up[iso3]}
        for column, (values, rule) in stated.items():
            row[column], row[f"{column}_doc_ids"], row[f"{column}_conflict"] = headline(values.get(key), rule)
        for ind in COUNTED:
            row[ind], row[f"{ind}_doc_ids"], row[f"{ind}_conflict"] = headline(largest_.get((*key, ind)), largest)
            row[f"{ind}_not_reported"] = _not_reported(row, ind, unreported.get((*key, ind)))
        row["n_origin_countries"] = origins.get(key, 0)
        row["n_destination_countries"] = destinations.get(key, 0)
        row["protocol_ratified"] = bool(first_ratified[iso3] <= year) if iso3 in first_ratified else None
        row["doc_ids"] = join_list(group["doc_id"].tolist())
        rows.append(row)
    suffixes = ("", "_doc_ids", "_conflict")
    sourced = [f"{c}{s}" for c in SOURCED for s in (*suffixes, "_not_reported") if c in COUNTED or s in suffixes]
    columns = ["iso3", "year", *join_keys.COLUMNS, *sourced]
    columns += ["n_origin_countries", "n_destination_countries", "protocol_ratified", "doc_ids"]
    return pd.DataFrame(rows, columns=columns)
