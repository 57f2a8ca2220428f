"""outputs/figures/: three PNG figures the data card embeds, drawn from the published tables.

- tier_heatmap.png: the U.S. TIP tier of each subject country by year (table `country_year`);
- flows.png: the flows most reports state, origin -> destination, by exploitation (table `flows`);
- enforcement.png: investigations, arrests, prosecutions and convictions stated per year (table `statistics`).

Drawn on matplotlib Figure objects (no pyplot state; PNG goes through the Agg renderer), with the PNG's
`Software` text dropped, so the same tables give the same bytes.

Each figure is computed in two steps: what it shows (`Chart.data`: a few plain values, cheap) and the
drawing (`Chart.draw`: matplotlib's layout and PNG encoding, most of a rerun's publish time). With a cache
folder, a figure whose values, drawing code and libraries are those of a PNG in the cache is copied from
there instead of drawn again: adding one report rarely changes the tier grid or the enforcement counts.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tipfacts.caching.fingerprint import source_fingerprint
from tipfacts.places import countries
from tipfacts.schemas.vocabularies import EXPLOITATIONS, TIERS

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

# matplotlib (0.7 s of CPU to import) is imported where a figure is drawn: a rerun whose figures all come
# from the cache does without it.

FOLDER = "figures"
DPI = 110
STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 11, "svg.hashsalt": "tipfacts"}
TIER_LABELS = {"1": "Tier 1", "2": "Tier 2", "2WL": "Tier 2 Watch List", "3": "Tier 3", "special_case": "Special case"}
TIER_COLOURS = {"1": "#1a9850", "2": "#a6d96a", "2WL": "#fdae61", "3": "#d73027", "special_case": "#6a51a3"}
ENFORCEMENT = ["investigations", "arrests", "prosecutions", "convictions"]
TOP_FLOWS = 20


@dataclass(frozen=True)
class Chart:
    """One figure: its file, what it shows, the table (and columns) it is drawn from, the values it shows
    (`data`: JSON-able, so they can key the cache) and how they are drawn."""

    file: str
    title: str
    source: str
    data: Callable[[Mapping[str, pd.DataFrame]], dict[str, Any]]
    draw: Callable[[dict[str, Any]], Figure]

    @property
    def caption(self) -> str:
        return f"{self.title}. Source: {self.source}."


def _name(iso3: str) -> str:
    return countries.country_name(iso3) or iso3


def _empty(message: str) -> Figure:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(6, 1.5))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center")
    return fig


def _new(width: float, height: float, title: str, source: str) -> tuple[Figure, Axes]:
    """A figure with its title on top and, under it, the table and columns it is drawn from."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    fig.suptitle(title, fontsize=11)
    ax = fig.add_subplot()
    ax.set_title(f"Source: tipfacts {source}", fontsize=7.5, color="#555555", loc="left")
    return fig, ax


def _cell_borders(ax: Axes, rows: int, columns: int, colour: str) -> None:
    """Lines between the cells of an image grid (two line collections: cheaper than minor ticks)."""
    ax.hlines(np.arange(-0.5, rows), -0.5, columns - 0.5, colors=colour, linewidth=0.8)
    ax.vlines(np.arange(-0.5, columns), -0.5, rows - 0.5, colors=colour, linewidth=0.8)


def tier_data(frames: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """The tier placed for each subject country and year: [iso3, year, tier] rows."""
    panel = frames["country_year"]
    placed = panel[panel["tier"].notna()]
    rows = zip(placed["iso3"].tolist(), placed["year"].astype(int).tolist(), placed["tier"].tolist(), strict=True)
    return {"placed": sorted(rows)}


def tier_heatmap(data: dict[str, Any]) -> Figure:
    """Rows: subject countries (by name); columns: years; colour: the tier that year."""
    import matplotlib.colors as mcolors
    from matplotlib.patches import Patch

    placed = data["placed"]
    if not placed:
        return _empty("No tier placements in this build")
    years = list(range(min(y for _, y, _ in placed), max(y for _, y, _ in placed) + 1))
    names = sorted({(_name(c), c) for c, _, _ in placed})
    row = {code: i for i, (_, code) in enumerate(names)}
    grid = np.full((len(names), len(years)), np.nan)
    for iso3, year, tier in placed:
        grid[row[iso3], year - years[0]] = TIERS.index(tier)
    fig, ax = _new(
        0.5 * len(years) + 5.5,
        0.2 * len(names) + 1.9,
        "U.S. TIP tier by country and year",
        "country_year (iso3, year, tier); grey: no tier stated",
    )
    cmap = mcolors.ListedColormap([TIER_COLOURS[t] for t in TIERS]).with_extremes(bad="#f2f2f2")
    ax.imshow(np.ma.masked_invalid(grid), cmap=cmap, vmin=-0.5, vmax=len(TIERS) - 0.5, aspect="auto")
    ax.set_xticks(range(len(years)), [str(y) for y in years], rotation=90 if len(years) > 8 else 0)
    ax.set_yticks(range(len(names)), [f"{n} ({c})" for n, c in names])
    _cell_borders(ax, len(names), len(years), "white")
    used = [t for t in TIERS if t in {tier for _, _, tier in placed}]
    ax.legend(
        handles=[Patch(color=TIER_COLOURS[t], label=TIER_LABELS[t]) for t in used],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        frameon=False,
    )
    return fig


def flows_data(frames: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """The origin -> destination pairs most reports state: their labels, report counts and reports per kind."""
    flows = frames["flows"]
    known = flows[flows["origin_iso3"].notna() & flows["destination_iso3"].notna()]
    if known.empty:
        return {"kinds": [], "labels": [], "grid": []}
    pairs = known.drop_duplicates(["doc_id", "origin_iso3", "destination_iso3", "exploitation"])
    per_kind = pairs.groupby(["origin_iso3", "destination_iso3", "exploitation"]).size()
    reports = known.drop_duplicates(["doc_id", "origin_iso3", "destination_iso3"])
    totals = reports.groupby(["origin_iso3", "destination_iso3"]).size().rename("reports").reset_index()
    origins, destinations = totals["origin_iso3"].tolist(), totals["destination_iso3"].tolist()
    names = {code: _name(code) for code in {*origins, *destinations}}  # one look-up per country, not per pair
    totals["label"] = [
        f"{names[o]} (within)" if o == d else f"{names[o]} → {names[d]}"
        for o, d in zip(origins, destinations, strict=True)
    ]
    top = totals.sort_values(["reports", "label"], ascending=[False, True]).head(TOP_FLOWS)
    stated = set(pairs["exploitation"].tolist())
    kinds = [k for k in EXPLOITATIONS if k in stated]
    grid = np.zeros((len(top), len(kinds)))
    for i, (o, d) in enumerate(zip(top["origin_iso3"].tolist(), top["destination_iso3"].tolist(), strict=True)):
        for j, kind in enumerate(kinds):
            grid[i, j] = per_kind.get((o, d, kind), 0)
    labels = [f"{label} [{n}]" for label, n in zip(top["label"].tolist(), top["reports"].tolist(), strict=True)]
    return {"kinds": kinds, "labels": labels, "grid": grid.astype(int).tolist()}


def flows_matrix(data: dict[str, Any]) -> Figure:
    """The origin -> destination pairs most reports state, with the reports per exploitation kind."""
    kinds, labels = data["kinds"], data["labels"]
    if not labels:
        return _empty("No country-to-country flows in this build")
    grid = np.array(data["grid"], dtype=float)
    fig, ax = _new(
        0.75 * len(kinds) + 4.2,
        0.3 * len(labels) + 2.4,
        f"Main trafficking flows: the {len(labels)} stated by the most reports, by kind",
        "flows (origin_iso3, destination_iso3, exploitation, doc_id); cells and [n]: reports",
    )
    top_count = max(2.0, grid.max())
    ax.imshow(np.ma.masked_equal(grid, 0), cmap="Blues", vmin=0, vmax=top_count * 1.15, aspect="auto")
    for i, j in zip(*np.nonzero(grid), strict=True):
        colour = "white" if grid[i, j] > 0.6 * top_count else "black"
        ax.text(j, i, str(int(grid[i, j])), ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(len(kinds)), [k.replace("_", " ") for k in kinds], rotation=35, ha="right")
    ax.set_yticks(range(len(labels)), labels)
    _cell_borders(ax, len(labels), len(kinds), "#dddddd")
    return fig


def enforcement_data(frames: Mapping[str, pd.DataFrame]) -> dict[str, Any]:
    """The count drawn per indicator, year and country: [indicator, year, iso3, value] rows."""
    stats = frames["statistics"]
    counts = stats[stats["indicator"].isin(ENFORCEMENT) & stats["year"].notna() & stats["country_iso3"].notna()]
    # the same count may be stated by several reports (editions): keep the largest per country, year, indicator
    one = counts.groupby(["indicator", "year", "country_iso3"])["value"].max().reset_index()
    columns = [one["indicator"].tolist(), one["year"].astype(int).tolist(), one["country_iso3"].tolist()]
    return {"counts": sorted(zip(*columns, one["value"].tolist(), strict=True))}


def enforcement(data: dict[str, Any]) -> Figure:
    """Per year and indicator, the sum over countries of the count stated (one per country, year and indicator)."""
    if not data["counts"]:
        return _empty("No enforcement counts with a year in this build")
    one = pd.DataFrame(data["counts"], columns=["indicator", "year", "country_iso3", "value"])
    fig, ax = _new(
        7.5,
        4.2,
        "Enforcement counts stated in the reports, by year",
        "statistics (indicator, value, year, country_iso3); the largest per country-year, summed",
    )
    stated = set(one["indicator"].tolist())
    for indicator in [i for i in ENFORCEMENT if i in stated]:
        rows = one[one["indicator"] == indicator]
        by_year = rows.groupby("year").agg(total=("value", "sum"), countries=("country_iso3", "nunique"))
        ax.plot(
            by_year.index.astype(int),
            by_year["total"],
            marker="o",
            label=f"{indicator} ({int(by_year['countries'].sum())} country-years)",
        )
    ax.set_xlabel("year")
    ax.set_ylabel("count stated (sum over countries)")
    years = sorted({int(y) for y in one["year"]})
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    if len(years) <= 15:  # label every year that has a count; else matplotlib's integer ticks
        ax.set_xticks(years, [str(y) for y in years])
    else:
        ax.xaxis.get_major_locator().set_params(integer=True)
    ax.grid(alpha=0.3)
    ax.legend(frameon=False)
    return fig


FIGURES = [
    Chart(
        "tier_heatmap.png", "U.S. TIP tier by country and year", "table `country_year` (tier)", tier_data, tier_heatmap
    ),
    Chart(
        "flows.png",
        f"Main trafficking flows (up to {TOP_FLOWS} origin → destination pairs stated by the most reports), "
        "reports per exploitation kind",
        "table `flows` (origin_iso3, destination_iso3, exploitation, doc_id)",
        flows_data,
        flows_matrix,
    ),
    Chart(
        "enforcement.png",
        "Investigations, arrests, prosecutions and convictions stated per year (sum over countries)",
        "table `statistics` (indicator, value, year, country_iso3)",
        enforcement_data,
        enforcement,
    ),
]


@cache
def _drawing_fingerprint() -> str:
    """What decides a figure's bytes besides its values: this module's code (and what it imports) and the
    libraries that draw and encode it."""
    libraries = [f"{lib}={metadata.version(lib)}" for lib in ("matplotlib", "numpy", "pillow")]
    return source_fingerprint("tipfacts.publishing.figures") + ";".join(libraries)


def _cache_key(chart: Chart, data: dict[str, Any]) -> str:
    text = json.dumps([_drawing_fingerprint(), chart.file, data], sort_keys=True, ensure_ascii=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:40]


def _draw(chart: Chart, data: dict[str, Any], path: Path) -> None:
    import matplotlib

    with matplotlib.rc_context(STYLE):
        chart.draw(data).savefig(
            path, dpi=DPI, format="png", metadata={"Software": None}, bbox_inches="tight", pad_inches=0.15
        )


def write(frames: Mapping[str, pd.DataFrame], folder: Path, cache: Path | None = None) -> list[Chart]:
    """Every figure into `folder` (created); returns them in card order. With `cache`, a figure whose values
    are those of a PNG kept there is copied from it (the same bytes), and the cache keeps this run's only."""
    folder.mkdir(parents=True, exist_ok=True)
    used = set()
    for chart in FIGURES:
        data = chart.data(frames)
        if cache is None:
            _draw(chart, data, folder / chart.file)
            continue
        cached = cache / f"{_cache_key(chart, data)}.png"
        used.add(cached.name)
        if not cached.is_file():
            cache.mkdir(parents=True, exist_ok=True)
            tmp = cached.with_name(f".{cached.name}.{os.getpid()}")
            _draw(chart, data, tmp)
            tmp.replace(cached)
        (folder / chart.file).write_bytes(cached.read_bytes())
    if cache is not None:
        for stale in cache.glob("*.png"):
            if stale.name not in used:
                stale.unlink(missing_ok=True)
    return FIGURES
