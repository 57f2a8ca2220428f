"""outputs/figures/: three PNG figures the data card embeds, drawn from the published tables.

- tier_heatmap.png: the U.S. TIP tier of each subject country by year (table `country_year`);
- flows.png: the flows most reports state, origin -> destination, by exploitation (table `flows`);
- enforcement.png: investigations, arrests, prosecutions and convictions stated per year (table `statistics`).

Drawn on matplotlib Figure objects (no pyplot state; PNG goes through the Agg renderer), with the PNG's
`Software` text dropped, so the same tables give the same bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.colors as mcolors
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from tipfacts.places import countries
from tipfacts.schemas.vocabularies import EXPLOITATIONS, TIERS

FOLDER = "figures"
DPI = 110
STYLE = {"font.family": "DejaVu Sans", "font.size": 9, "axes.titlesize": 11, "svg.hashsalt": "tipfacts"}
TIER_LABELS = {"1": "Tier 1", "2": "Tier 2", "2WL": "Tier 2 Watch List", "3": "Tier 3", "special_case": "Special case"}
TIER_COLOURS = {"1": "#1a9850", "2": "#a6d96a", "2WL": "#fdae61", "3": "#d73027", "special_case": "#6a51a3"}
ENFORCEMENT = ["investigations", "arrests", "prosecutions", "convictions"]
TOP_FLOWS = 20


@dataclass(frozen=True)
class Chart:
    """One figure: its file, what it shows, and the table (and columns) it is drawn from."""

    file: str
    title: str
    source: str
    draw: Callable[[Mapping[str, pd.DataFrame]], Figure]

    @property
    def caption(self) -> str:
        return f"{self.title}. Source: {self.source}."


def _name(iso3: str) -> str:
    return countries.country_name(iso3) or iso3


def _empty(message: str) -> Figure:
    fig = Figure(figsize=(6, 1.5))
    ax = fig.add_subplot()
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center")
    return fig


def _new(width: float, height: float, title: str, source: str) -> tuple[Figure, Axes]:
    """A figure with its title on top and, under it, the table and columns it is drawn from."""
    fig = Figure(figsize=(width, height), layout="constrained")
    fig.suptitle(title, fontsize=11)
    ax = fig.add_subplot()
    ax.set_title(f"Source: tipfacts {source}", fontsize=7.5, color="#555555", loc="left")
    return fig, ax


def _cell_borders(ax: Axes, rows: int, columns: int, colour: str) -> None:
    """Lines between the cells of an image grid (two line collections: cheaper than minor ticks)."""
    ax.hlines(np.arange(-0.5, rows), -0.5, columns - 0.5, colors=colour, linewidth=0.8)
    ax.vlines(np.arange(-0.5, columns), -0.5, rows - 0.5, colors=colour, linewidth=0.8)


def tier_heatmap(frames: Mapping[str, pd.DataFrame]) -> Figure:
    """Rows: subject countries (by name); columns: years; colour: the tier that year."""
    panel = frames["country_year"]
    placed = panel[panel["tier"].notna()][["iso3", "year", "tier"]]
    if placed.empty:
        return _empty("No tier placements in this build")
    years = list(range(int(placed["year"].min()), int(placed["year"].max()) + 1))
    names = sorted({(_name(c), c) for c in placed["iso3"]})
    row = {code: i for i, (_, code) in enumerate(names)}
    grid = np.full((len(names), len(years)), np.nan)
    for iso3, year, tier in placed.itertuples(index=False, name=None):
        grid[row[iso3], int(year) - years[0]] = TIERS.index(tier)
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
    used = [t for t in TIERS if t in set(placed["tier"])]
    ax.legend(
        handles=[Patch(color=TIER_COLOURS[t], label=TIER_LABELS[t]) for t in used],
        loc="upper left",
        bbox_to_anchor=(1.01, 1),
        frameon=False,
    )
    return fig


def flows_matrix(frames: Mapping[str, pd.DataFrame]) -> Figure:
    """The origin -> destination pairs most reports state, with the reports per exploitation kind."""
    flows = frames["flows"]
    known = flows[flows["origin_iso3"].notna() & flows["destination_iso3"].notna()]
    if known.empty:
        return _empty("No country-to-country flows in this build")
    pairs = known.drop_duplicates(["doc_id", "origin_iso3", "destination_iso3", "exploitation"])
    per_kind = pairs.groupby(["origin_iso3", "destination_iso3", "exploitation"]).size()
    reports = known.drop_duplicates(["doc_id", "origin_iso3", "destination_iso3"])
    totals = reports.groupby(["origin_iso3", "destination_iso3"]).size().rename("reports").reset_index()
    totals["label"] = [
        f"{_name(o)} (within)" if o == d else f"{_name(o)} → {_name(d)}"
        for o, d in zip(totals["origin_iso3"], totals["destination_iso3"], strict=True)
    ]
    top = totals.sort_values(["reports", "label"], ascending=[False, True]).head(TOP_FLOWS)
    kinds = [k for k in EXPLOITATIONS if k in set(pairs["exploitation"])]
    grid = np.zeros((len(top), len(kinds)))
    for i, (o, d) in enumerate(zip(top["origin_iso3"], top["destination_iso3"], strict=True)):
        for j, kind in enumerate(kinds):
            grid[i, j] = per_kind.get((o, d, kind), 0)
    fig, ax = _new(
        0.75 * len(kinds) + 4.2,
        0.3 * len(top) + 2.4,
        f"Main trafficking flows: the {len(top)} stated by the most reports, by kind",
        "flows (origin_iso3, destination_iso3, exploitation, doc_id); cells and [n]: reports",
    )
    top_count = max(2.0, grid.max())
    ax.imshow(np.ma.masked_equal(grid, 0), cmap="Blues", vmin=0, vmax=top_count * 1.15, aspect="auto")
    for i, j in zip(*np.nonzero(grid), strict=True):
        colour = "white" if grid[i, j] > 0.6 * top_count else "black"
        ax.text(j, i, str(int(grid[i, j])), ha="center", va="center", fontsize=8, color=colour)
    ax.set_xticks(range(len(kinds)), [k.replace("_", " ") for k in kinds], rotation=35, ha="right")
    ax.set_yticks(range(len(top)), [f"{label} [{n}]" for label, n in zip(top["label"], top["reports"], strict=True)])
    _cell_borders(ax, len(top), len(kinds), "#dddddd")
    return fig


def enforcement(frames: Mapping[str, pd.DataFrame]) -> Figure:
    """Per year and indicator, the sum over countries of the count stated (one per country, year and indicator)."""
    stats = frames["statistics"]
    counts = stats[stats["indicator"].isin(ENFORCEMENT) & stats["year"].notna() & stats["country_iso3"].notna()]
    if counts.empty:
        return _empty("No enforcement counts with a year in this build")
    # the same count may be stated by several reports (editions): keep the largest per country, year, indicator
    one = counts.groupby(["indicator", "year", "country_iso3"])["value"].max().reset_index()
    fig, ax = _new(
        7.5,
        4.2,
        "Enforcement counts stated in the reports, by year",
        "statistics (indicator, value, year, country_iso3); the largest per country-year, summed",
    )
    for indicator in [i for i in ENFORCEMENT if i in set(one["indicator"])]:
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
    Chart("tier_heatmap.png", "U.S. TIP tier by country and year", "table `country_year` (tier)", tier_heatmap),
    Chart(
        "flows.png",
        f"Main trafficking flows (up to {TOP_FLOWS} origin → destination pairs stated by the most reports), "
        "reports per exploitation kind",
        "table `flows` (origin_iso3, destination_iso3, exploitation, doc_id)",
        flows_matrix,
    ),
    Chart(
        "enforcement.png",
        "Investigations, arrests, prosecutions and convictions stated per year (sum over countries)",
        "table `statistics` (indicator, value, year, country_iso3)",
        enforcement,
    ),
]


def write(frames: Mapping[str, pd.DataFrame], folder: Path) -> list[Chart]:
    """Every figure into `folder` (created); returns them in card order."""
    folder.mkdir(parents=True, exist_ok=True)
    with matplotlib.rc_context(STYLE):
        for figure in FIGURES:
            drawn = figure.draw(frames)
            drawn.savefig(
                folder / figure.file,
                dpi=DPI,
                format="png",
                metadata={"Software": None},
                bbox_inches="tight",
                pad_inches=0.15,
            )
    return FIGURES
