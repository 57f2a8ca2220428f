"""Measured quality: the build scored against the project's own answer keys (tests/), per release.

The matching rules are the contract's (shared/CONTRACT.md, "Gold answer keys"), so these figures
agree with the shared scorer's on the same tables (tests/test_quality.py checks that):

- a key is one YAML file per report (`<doc_id>.yaml`), listing per fact table the facts a careful
  reader takes from it; rows marked `optional: true` absorb a matching prediction without counting;
- a predicted row matches a key row on the table's key columns (`KEY_COLUMNS`); in a key, a list
  as a value lists accepted alternatives, except in list-valued columns (`LIST_COLUMNS`), where it
  is the set; names (`FUZZY_COLUMNS`) match on their words; dates match when one is a prefix of
  the other; a key row without a `year` or `persons_count` leaves that column open;
- predictions with the same key in one report count once; each key row takes the first unused
  matching prediction, in table order.

Only reports present in the build are scored: a key whose report is not in `documents` is left
out (and counted in `reports_in_key` only), so the same keys serve a small raw/ and a large one.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from tipfacts import schemas
from tipfacts.errors import InputError
from tipfacts.params import KeySet

FILE = "quality.json"
KEY_COLUMNS = {
    "assessments": ("country_iso3", "year", "tier"),
    "country_roles": ("country_iso3", "role", "status"),
    "flows": ("origin_iso3", "destination_iso3", "exploitation"),
    "legal_instruments": ("instrument",),
    "events": ("event_type", "date", "persons_count"),
    "statistics": ("indicator", "value"),
    "organizations": ("canonical",),
}
FUZZY_COLUMNS = frozenset({"instrument", "canonical"})
LIST_COLUMNS = frozenset({"victim_groups", "exploitation_list", "covers", "agencies", "nationalities", "doc_ids"})
# A column that is a list in one table but a scalar key in another: compared as a set in this table.
LIST_IN_TABLE = frozenset({("country_roles", "exploitation")})
OPEN_IF_ABSENT = frozenset({"year", "persons_count"})
NAME_STOPWORDS = frozenset({"the", "of", "a", "an", "and", "in", "on", "for", "to", "its", "s"})
NULL_TEXTS = frozenset({"", "nan", "None", "<NA>", "null"})
INTEGRAL = re.compile(r"-?\d+(\.0+)?")
YEAR_TOKEN = re.compile(r"(19|20)\d\d")
DIGITS = 3  # figures are rounded as the shared scorer prints them
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, where PyYAML has it: 10x faster


# ---------------------------------------------------------------------------------------------- values


def text(scores: Mapping[str, Any]) -> str:
    """quality.json as written (sorted keys: `dvc metrics diff` compares it between versions)."""
    return json.dumps(scores, indent=2, sort_keys=True) + "\n"


def _missing(value: object) -> bool:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return True
    try:
        if pd.isna(value) is True:
            return True
    except (TypeError, ValueError):
        pass
    return isinstance(value, str) and value.strip() in NULL_TEXTS


def _canonical(value: object) -> str | None:
    """One spelling per value: null -> None, 3.0 and "3" -> "3", text lower-cased."""
    if _missing(value):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        number = float(value)
        return str(int(number)) if number.is_integer() else str(number)
    text = str(value).strip()
    return str(int(float(text))) if INTEGRAL.fullmatch(text) else text.lower()


def _items(value: object) -> set[str]:
    """A list value (a Python list, an array, or a `;`-separated string) as a set of lower-cased items."""
    if _missing(value):
        return set()
    if hasattr(value, "tolist"):
        value = value.tolist()
    parts = value if isinstance(value, list | tuple | set) else re.split(r"\s*;\s*", str(value))
    return {str(part).strip().lower() for part in parts if str(part).strip()}


def _alternatives(value: object) -> list[object]:
    return value if isinstance(value, list) else [value]


def _words(name: str) -> set[str]:
    text = name.lower().replace("’", "'").replace("'s", "")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    return {w for w in text.split() if w not in NAME_STOPWORDS and not YEAR_TOKEN.fullmatch(w)}


def _same_name(key: object, predicted: object) -> bool:
    """Names match when one's words contain the other's, or they share 60% of their words."""
    if _missing(predicted):
        return False
    got = _words(str(predicted))
    for option in _alternatives(key):
        want = _words(str(option))
        if want and got and (want <= got or got <= want or len(want & got) >= 0.6 * len(want | got)):
            return True
    return False


def _same_date(key: object, predicted: object) -> bool:
    """Partial dates agree when one is a prefix of the other ("2008" and "2008-01")."""
    want, got = _canonical(key), _canonical(predicted)
    if want is None or got is None:
        return want is None and got is None
    return want.startswith(got) or got.startswith(want)


def _agrees(column: str, key: object, predicted: object) -> bool:
    if column in FUZZY_COLUMNS:
        return _same_name(key, predicted)
    if column == "date":
        return any(_same_date(option, predicted) for option in _alternatives(key))
    if column in LIST_COLUMNS:
        return _items(key) == _items(predicted)
    got = _canonical(predicted)
    return any(_canonical(option) == got for option in _alternatives(key))


# ---------------------------------------------------------------------------------------------- matching


def _matches(table: str, key_row: Mapping[str, Any], row: Mapping[str, Any]) -> bool:
    for column in KEY_COLUMNS[table]:
        if column in OPEN_IF_ABSENT and column not in key_row:
            continue
        if _agrees(column, key_row.get(column), row.get(column)):
            continue
        # an organization's key name may be the name as written rather than the canonical one
        if not (
            table == "organizations" and column == "canonical" and _same_name(key_row.get(column), row.get("name"))
        ):
            return False
    return True


def _identity(table: str, row: Mapping[str, Any]) -> tuple:
    return tuple(str(row.get(c)).lower() if c in FUZZY_COLUMNS else _canonical(row.get(c)) for c in KEY_COLUMNS[table])


@dataclass
class Tally:
    """Counts behind precision and recall; `attr_*`: the key row's other columns that the match got right."""

    tp: int = 0
    n_pred: int = 0
    n_gold: int = 0
    n_optional: int = 0
    attr_ok: int = 0
    attr_n: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float]:
        precision = self.tp / self.n_pred if self.n_pred else (1.0 if self.n_gold == 0 else 0.0)
        recall = self.tp / self.n_gold if self.n_gold else 1.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": round(precision, DIGITS), "recall": round(recall, DIGITS), "f1": round(f1, DIGITS)}


def score_report(table: str, key_rows: list[dict], rows: list[dict]) -> Tally:
    """One report's predictions for one table against its key rows."""
    distinct: dict[tuple, dict] = {}
    for row in rows:
        distinct.setdefault(_identity(table, row), row)
    predictions = list(distinct.values())
    required = [k for k in key_rows if not k.get("optional")]
    optional = [k for k in key_rows if k.get("optional")]
    taken: set[int] = set()
    tally = Tally(n_gold=len(required), n_optional=len(optional))
    for key_row in required:
        hit = next((i for i, p in enumerate(predictions) if i not in taken and _matches(table, key_row, p)), None)
        if hit is None:
            continue
        taken.add(hit)
        tally.tp += 1
        for column, wanted in key_row.items():
            if column in KEY_COLUMNS[table] or column == "optional" or column not in predictions[hit]:
                continue
            tally.attr_n += 1
            got = predictions[hit][column]
            tally.attr_ok += (
                _items(wanted) == _items(got) if (table, column) in LIST_IN_TABLE else _agrees(column, wanted, got)
            )
    absorbed = 0
    for i, prediction in enumerate(predictions):
        if i not in taken and any(_matches(table, k, prediction) for k in optional):
            absorbed += 1
    tally.n_pred = len(predictions) - absorbed
    return tally


# ---------------------------------------------------------------------------------------------- key sets


def load_keys(folder: Path) -> list[dict]:
    """Every `<doc_id>.yaml` key in `folder`, by file name."""
    keys = []
    for path in sorted(folder.glob("*.yaml")):
        try:
            key = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        except yaml.YAMLError as err:
            raise InputError(path, f"answer key is not valid YAML: {err}") from None
        if not isinstance(key, dict) or not key.get("doc_id"):
            raise InputError(path, "answer key has no doc_id", "start it with `doc_id: <the report's id>`")
        keys.append(key)
    return keys


def _rows_by_report(frame: pd.DataFrame | None, doc_ids: set[str]) -> dict[str, list[dict]]:
    if frame is None or frame.empty:
        return {}
    chosen = frame[frame["doc_id"].astype(str).isin(doc_ids)]
    out: dict[str, list[dict]] = {}
    for row in chosen.to_dict("records"):
        out.setdefault(str(row["doc_id"]), []).append(row)
    return out


def score_keys(frames: Mapping[str, pd.DataFrame], keys: list[dict]) -> dict[str, Any]:
    """Per table and overall figures for the keys whose report is in `frames["documents"]`."""
    present = set(frames["documents"]["doc_id"].astype(str))
    scored = [k for k in keys if str(k["doc_id"]) in present]
    result: dict[str, Any] = {"reports_in_key": len(keys), "reports_scored": len(scored), "tables": {}}
    doc_ids = {str(k["doc_id"]) for k in scored}
    total = Tally()
    for table in schemas.FACT_TABLES:
        by_report = _rows_by_report(frames.get(table), doc_ids)
        tally = Tally()
        for key in scored:
            tally.add(score_report(table, key.get(table) or [], by_report.get(str(key["doc_id"]), [])))
        entry: dict[str, Any] = {
            "tp": tally.tp,
            "n_pred": tally.n_pred,
            "n_gold": tally.n_gold,
            "n_optional": tally.n_optional,
        }
        entry |= tally.figures() if scored else dict.fromkeys(("precision", "recall", "f1"))
        entry["attr"] = round(tally.attr_ok / tally.attr_n, DIGITS) if tally.attr_n else None
        result["tables"][table] = entry
        total.add(tally)
    if scored:
        result["micro"] = total.figures()
        # the mean of the table F1s as shown (rounded), as the shared scorer computes it
        result["macro_f1"] = round(sum(t["f1"] for t in result["tables"].values()) / len(schemas.FACT_TABLES), DIGITS)
    else:
        result["micro"] = dict.fromkeys(("precision", "recall", "f1"))
        result["macro_f1"] = None
    return result


def score_tiers(frames: Mapping[str, pd.DataFrame], key_csv: Path) -> dict[str, Any]:
    """Tier placements against a CSV key (doc_id, subject_iso3, year, tier), for the reports in the build.

    A report is right when one of its tier rows names the key's country, year and tier;
    `wrong_rows` counts the tier rows that do not.
    """
    with key_csv.open(encoding="utf-8", newline="") as handle:
        key = list(csv.DictReader(handle))
    missing = {"doc_id", "subject_iso3", "year", "tier"} - set(key[0] if key else {})
    if missing:
        raise InputError(key_csv, f"tier key lacks column(s) {', '.join(sorted(missing))}")
    present = set(frames["documents"]["doc_id"].astype(str))
    scored = [k for k in key if k["doc_id"] in present]
    by_report = _rows_by_report(frames.get("assessments"), {k["doc_id"] for k in scored})
    correct = stated = wrong = 0
    for k in scored:
        tiers = [r for r in by_report.get(k["doc_id"], []) if _canonical(r.get("tier")) is not None]
        right = [
            r
            for r in tiers
            if (_canonical(r.get("tier")), _canonical(r.get("country_iso3")), _canonical(r.get("year")))
            == (_canonical(k["tier"]), _canonical(k["subject_iso3"]), _canonical(k["year"]))
        ]
        correct += bool(right)
        stated += len(tiers)
        wrong += len(tiers) - len(right)
    return {
        "reports_in_key": len(key),
        "reports_scored": len(scored),
        "correct": correct,
        "accuracy": round(correct / len(scored), DIGITS) if scored else None,
        "tier_rows": stated,
        "wrong_rows": wrong,
    }


def evaluate(
    frames: Mapping[str, pd.DataFrame], key_sets: Iterable[KeySet], tiers: Path | None, base: Path = Path(".")
) -> dict[str, Any]:
    """quality.json: every key set's figures (with its path and whether it is blind) and tier accuracy.

    Paths are read relative to `base` (the folder of params.yaml) and shown as given.
    """
    out: dict[str, Any] = {"key_sets": {}}
    for key_set in key_sets:
        folder = base / key_set.path
        if not folder.is_dir():
            raise InputError(folder, f"answer-key folder of key set {key_set.name!r} is missing")
        figures = score_keys(frames, load_keys(folder))
        out["key_sets"][key_set.name] = {"path": key_set.path.as_posix(), "blind": key_set.blind, **figures}
    if tiers is not None:
        out["tiers"] = {"path": tiers.as_posix(), **score_tiers(frames, base / tiers)}
    return out
