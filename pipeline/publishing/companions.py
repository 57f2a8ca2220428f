"""The files a publish writes beside the tables: quality.json, the data card, its figures, the SQLite copy."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

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
    figure_cache: Path | None = None,
) -> None:
    """Every companion file into `folder` (the publish's staging folder); `scores`: quality.json's content;
    `figure_cache`: where figures whose values did not change are kept (tipfacts.publishing.figures)."""
    if scores is not None:
        (folder / QUALITY_FILE).write_text(quality.text(scores), encoding="utf-8")
    charts = figures.write(frames, folder / figures.FOLDER, figure_cache)
    (folder / card.FILE).write_text(card.render(frames, version, scores, charts), encoding="utf-8")
    sqlite.write(frames, folder / sqlite.FILE)
