"""outputs/README.md, the data card: written by the publish stage from the tables, the schemas and quality.json.

Every number in it is counted from the data being published; the words around them are fixed here.
What it covers: what the dataset is, coverage (reports by source kind and year, countries, what
each source leaves out), what `year` means per table, one line per table, measured quality per
table with the key's size, the figures, known limitations, the license and how to cite it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd

from tipfacts import schemas
from tipfacts.dataset import datapackage
from tipfacts.places import countries
from tipfacts.publishing.figures import Chart

FILE = "README.md"
# What the year (or date) column of each table means: the schemas say "year"; this says whose year.
YEAR_MEANING: dict[tuple[str, str], str] = {
    ("documents", "report_year"): "the year the report covers or was issued (for the Factbook: the edition)",
    ("sentences", "section_year"): "a year written in the section heading, as in `Prosecution (2008)`",
    ("assessments", "year"): "the year of the tier placement or finding: the year the sentence states (a "
    "Factbook paragraph's closing `(2014)`), else the heading's, else the report's",
    ("country_roles", "year"): "when the report says the country plays the role: the sentence's year, else the "
    "heading's, else the report's (not when the trafficking began)",
    ("flows", "year"): "when the report says the flow happens: the sentence's year, else the heading's, else "
    "the report's",
    ("legal_instruments", "date"): "when the action (ratified, enacted, drafted...) took place, as precisely as "
    "the sentence gives it (`2009`, `2009-11`)",
    ("events", "date"): "when the event took place, as precisely as stated (`date_precision`)",
    ("statistics", "year"): "the year the count refers to when the sentence states one, else the heading's, else "
    "the report's",
    ("country_year", "year"): "a year that any fact about the report's subject country speaks of",
    ("facts_consolidated", "first_year"): "the earliest `year` (or date's year) the reports stating the fact give",
    ("facts_consolidated", "last_year"): "the latest `year` (or date's year) the reports stating the fact give",
}
TIER_NAMES = {"1": "Tier 1", "2": "Tier 2", "2WL": "Tier 2 Watch List", "3": "Tier 3", "special_case": "special case"}
LIMITATIONS = [
    "Facts are read by hand-written rules, not by people: the quality figures above are the measure of how "
    "often they are right, on the reports that have an answer key.",
    "A report's words are taken as stated. Two reports may disagree (a count revised in a later edition); both "
    "rows are kept, each citing its sentence.",
    "`country_year` covers only the reports' subject countries; a country named only as an origin or "
    "destination has flows but no panel row.",
    "Tier placements are what the source says about the U.S. TIP report; they are not the official TIP list.",
]


def _table(header: Sequence[str], rows: Sequence[Sequence[object]], align: str = "") -> list[str]:
    """A Markdown table; `align` gives one character per column: l or r (default l)."""
    marks = [("---:" if (align[i : i + 1] == "r") else "---") for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join(marks) + "|"]
    lines += ["| " + " | ".join("" if v is None else str(v) for v in row) + " |" for row in rows]
    return lines


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _name(iso3: str) -> str:
    return countries.country_name(iso3) or iso3


def _year_label(value: object) -> str:
    return "no year" if pd.isna(value) else str(int(value))


def _source(row: pd.Series) -> str:
    return str(row["publisher"]) if pd.notna(row["publisher"]) else "unknown publisher"


# ---------------------------------------------------------------------------------------------- sections


def _tables(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    rows = [
        (f"`{name}`", f"{len(frames[name]):,}", model.to_schema().description or "")
        for name, model in schemas.TABLES.items()
    ]
    lines = ["## Tables", "", "Each as `<table>.parquet` (zstd) and `<table>.csv` (UTF-8), with the same rows.", ""]
    return [*lines, *_table(["table", "rows", "one row per"], rows, "lrl"), ""]


def _coverage(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    docs = frames["documents"]
    lines = ["## Coverage", ""]
    subjects = sorted({_name(c) + f" ({c})" for c in docs["subject_iso3"].dropna().unique().tolist()})
    years = docs["report_year"].dropna()
    span = f"report years {int(years.min())}–{int(years.max())}" if len(years) else "no report year stated"
    publishers = docs["publisher"].fillna("unknown publisher").value_counts().sort_index()
    lines += [
        f"{_count(len(docs), 'report')} about {_count(len(subjects), 'subject country', 'subject countries')}, "
        f"{span}, from " + ", ".join(f"{name} ({n:,})" for name, n in publishers.items()) + ".",
        "",
        "### Reports by source kind and year",
        "",
    ]
    counts = docs.assign(
        kind=docs["source_kind"].fillna("unknown"), year=docs["report_year"].map(_year_label)
    ).pivot_table(index="kind", columns="year", values="doc_id", aggfunc="count", fill_value=0)
    columns = sorted(counts.columns, key=lambda y: (y == "no year", y))
    rows = [(f"`{kind}`", *(counts.loc[kind, y] for y in columns), counts.loc[kind].sum()) for kind in counts.index]
    lines += [*_table(["source kind", *columns, "all"], rows, "l" + "r" * (len(columns) + 1)), ""]
    named = {
        c
        for table in schemas.FACT_TABLES
        for col in frames[table].columns
        if col.endswith("_iso3")
        for c in frames[table][col].dropna().unique().tolist()
    }
    lines += ["### Countries", ""]
    lines += [f"Subject countries ({len(subjects)}): " + (", ".join(subjects) or "none") + ".", ""]
    lines += [f"Countries named in any fact (as subject, origin, destination...): {len(named)}.", ""]
    return lines + _left_out(frames) + [""]


def _left_out(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    """What each source's reports do not give, as the data shows it."""
    docs, found = frames["documents"], []
    # each report's source and edition label, once (not per group: a corpus has thousands of reports)
    source = docs["publisher"].fillna("unknown publisher")
    edition = docs["report_year"].map(_year_label)
    labelled = pd.DataFrame(
        {"doc_id": docs["doc_id"], "subject_iso3": docs["subject_iso3"], "source": source, "edition": edition}
    )
    assessments = frames["assessments"].merge(labelled, on="doc_id", how="inner")
    own = assessments[(assessments["country_iso3"] == assessments["subject_iso3"]) & assessments["tier"].notna()]
    for (publisher, year), group in docs.groupby([source, edition]):
        placed = own[(own["source"] == publisher) & (own["edition"] == year)]
        tiers = placed.drop_duplicates("doc_id")["tier"].value_counts()
        if len(tiers) and not ({"1", "2"} & set(tiers.index)):
            stated = ", ".join(f"{TIER_NAMES[t]} {n}" for t, n in sorted(tiers.items()))
            found.append(
                f"- **{publisher}, {year}** ({_count(len(group), 'report')}): tier placements of the subject country: "
                f"{stated}; none at Tier 1 or Tier 2. This edition has a trafficking entry only for countries "
                "on the Tier 2 Watch List or Tier 3, so Tier 1 and Tier 2 countries are left out."
            )
    source_of = dict(zip(docs["doc_id"].tolist(), source.tolist(), strict=True))
    fact_docs = {t: set(frames[t]["doc_id"].unique().tolist()) for t in schemas.FACT_TABLES}
    with_rows = {t: {source_of.get(d) for d in ids} for t, ids in fact_docs.items()}  # sources giving rows
    for publisher, n in source.value_counts().sort_index().items():
        silent = [t for t in schemas.FACT_TABLES if publisher not in with_rows[t]]
        if silent:
            tables = ", ".join(f"`{t}`" for t in silent)
            found.append(f"- **{publisher}** ({_count(n, 'report')}) gives no rows for {tables}.")
    no_year = docs[docs["report_year"].isna()]
    for publisher, n in no_year["publisher"].fillna("unknown publisher").value_counts().sort_index().items():
        found.append(
            f"- **{publisher}**: {_count(n, 'report')} with no report year; their facts take the year the sentence or "
            "heading states, else none."
        )
    empty = sorted(set(docs["doc_id"].tolist()) - set().union(*fact_docs.values()))
    if empty:
        shown = ", ".join(f"`{d}`" for d in empty[:10]) + (" ..." if len(empty) > 10 else "")
        found.append(f"- {_count(len(empty), 'report')} gave no facts at all: {shown}")
    return ["### What each source leaves out", "", *(found or ["- nothing this build can tell"])]


def _years(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    lines = ["## What `year` means", ""]
    for (table, column), meaning in YEAR_MEANING.items():
        frame = frames[table]
        missing = int(frame[column].isna().sum())
        lines.append(f"- `{table}.{column}`: {meaning} (null in {missing:,} of {len(frame):,} rows).")
    return [*lines, ""]


def _figure(value: object) -> str:
    return "–" if value is None else f"{value:.3f}"


def _quality(quality: Mapping[str, Any] | None) -> list[str]:
    lines = [
        "## Quality",
        "",
        "Measured by the evaluate stage (`outputs/quality.json`) against the project's own answer keys in "
        "`tests/`, on the reports of each key that are in this build. A fact counts as found when the table's key "
        "columns match a key row; *key rows* are the required facts of the scored reports (optional ones neither "
        "help nor hurt). Blind keys were never used to tune the rules.",
        "",
    ]
    if not quality:
        return [*lines, "Not measured in this build (no quality.json).", ""]
    key_sets = quality.get("key_sets", {})
    for name, result in sorted(key_sets.items(), key=lambda item: (item[1]["blind"], item[0])):  # blind ones last
        kind = "blind" if result["blind"] else "development"
        head = (
            f"### `{name}` ({kind} key, `{result['path']}`): {result['reports_scored']} of "
            f"{result['reports_in_key']} reports in this build"
        )
        lines += [head, ""]
        if not result["reports_scored"]:
            lines += ["Not measured: none of this key's reports is in the build.", ""]
            continue
        rows = [
            (
                f"`{t}`",
                v["n_gold"],
                v["n_pred"],
                v["tp"],
                _figure(v["precision"]),
                _figure(v["recall"]),
                _figure(v["f1"]),
            )
            for t, v in ((t, result["tables"][t]) for t in schemas.FACT_TABLES)
        ]
        micro = result["micro"]
        rows.append(
            ("**all (micro)**", "", "", "", _figure(micro["precision"]), _figure(micro["recall"]), _figure(micro["f1"]))
        )
        lines += _table(["table", "key rows", "predicted", "found", "precision", "recall", "F1"], rows, "lrrrrrr")
        lines += ["", f"Macro F1 (mean over the seven fact tables): {_figure(result['macro_f1'])}.", ""]
    tiers = quality.get("tiers")
    if tiers:
        lines += ["### Tier placements", ""]
        if tiers["reports_scored"]:
            lines.append(
                f"`{tiers['path']}`: the right tier for {tiers['correct']} of {tiers['reports_scored']} reports in "
                f"this build ({tiers['accuracy']:.1%}); {tiers['wrong_rows']} of {tiers['tier_rows']} tier rows "
                "wrong."
            )
        else:
            lines.append(
                f"`{tiers['path']}`: not measured, none of its {tiers['reports_in_key']} reports is in this build."
            )
        lines.append("")
    return lines


def _measured_limits(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    """Limitations this build's rows show."""
    flows = frames["flows"]
    areas = int((flows["origin_iso3"].isna() | flows["destination_iso3"].isna()).sum())
    other = int((frames["statistics"]["indicator"] == "other").sum())
    return [
        f"{areas:,} of {len(flows):,} `flows` rows have a place that is not a country at one end (a region, "
        '"abroad"; in `origin_area`/`destination_area`): they are not in Figure 2.',
        f"{other:,} of {len(frames['statistics']):,} `statistics` rows are counts of something else than the named "
        "indicators (`indicator` = other; `unit` says what was counted).",
    ]


def _figures(charts: Sequence[Chart]) -> list[str]:
    lines = ["## Figures", ""]
    for number, chart in enumerate(charts, 1):
        lines += [f"![{chart.title}](figures/{chart.file})", "", f"*Figure {number}. {chart.caption}*", ""]
    return lines


def _license(frames: Mapping[str, pd.DataFrame]) -> list[str]:
    docs = frames["documents"]
    licence = datapackage.DATASET_LICENSE
    counts = docs["license"].fillna("not stated").value_counts().sort_index()
    lines = [
        "## License",
        "",
        f"[{licence['title']}]({licence['path']}) (`{licence['name']}`). {datapackage.LICENSE_NOTE}",
        "",
    ]
    return [*lines, *_table(["source license", "reports"], list(counts.items()), "lr"), ""]


def _cite(version: str) -> list[str]:
    return [
        "## How to cite",
        "",
        "Cite the release, its version and the table(s) you used; the repository's `CITATION.cff` has the same "
        "details for citation managers. For example:",
        "",
        f"> tipfacts: structured facts from human-trafficking reports, version {version} (git tag v{version}), "
        f"table `flows`. License {datapackage.DATASET_LICENSE['name']}.",
        "",
        "A fact's own source is `documents.url` of its `doc_id`: quote that report for the fact itself.",
        "",
    ]


def render(
    frames: Mapping[str, pd.DataFrame],
    version: str,
    quality: Mapping[str, Any] | None,
    charts: Sequence[Chart],
) -> str:
    """The whole card as Markdown."""
    package = datapackage.build(frames["documents"].head(0), version)
    what = package["description"].removesuffix(datapackage.LICENSE_NOTE).strip()
    lines = [
        f"# {package['title']}, version {version}",
        "",
        "*Written by the publish stage from the tables, the schemas and quality.json; do not edit by hand.*",
        "",
        what,
        "Every fact row carries `doc_id`, `sentence_id`, `evidence` (the exact words) and `extractor` (the rule). "
        "`datapackage.json` describes every column; `tipfacts.sqlite` holds every table with its keys, to browse "
        "with `tipfacts serve` or query with SQL.",
        "",
    ]
    lines += _tables(frames) + _coverage(frames) + _years(frames) + _quality(quality) + _figures(charts)
    lines += ["## Known limitations", "", *(f"- {text}" for text in [*LIMITATIONS, *_measured_limits(frames)]), ""]
    lines += _license(frames) + _cite(version)
    return "\n".join(lines).rstrip("\n") + "\n"
