"""The files a publish writes beside the tables: quality.json, the data card, its figures, the SQLite copy."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from tipfacts.publishing import card, figures, quality, sqlite

QUALITY_FILE = quality.FILE
FILES = (QUALITY_FILE, card.FILE, sqlite.FILE)
FOLDERS = (figures.FOLDER,)


def write(
    folder: Path,
    frames: Mapping[str, pd.DataFrame],
    version: str,
    scores: Mapping[str, Any] | None,
    cache: Path | None = None,
    hashes: Mapping[str, np.ndarray] | None = None,
) -> None:
    """Every companion file into `folder` (the publish's staging folder); `scores`: quality.json's content;
    `cache`: the publish's cache folder, where figures whose values did not change (`figures/`,
    tipfacts.publishing.figures) and the SQLite working database (`sqlite/`) are kept; `hashes`: each table's
    row hashes (tipfacts.publishing.sqlite.row_hashes), if known."""
    if scores is not None:
        (folder / QUALITY_FILE).write_text(quality.text(scores), encoding="utf-8")
    charts = figures.write(frames, folder / figures.FOLDER, cache / "figures" if cache is not None else None)
    (folder / card.FILE).write_text(card.render(frames, version, scores, charts), encoding="utf-8")
    sqlite.write(frames, folder / sqlite.FILE, cache / "sqlite" if cache is not None else None, hashes)
