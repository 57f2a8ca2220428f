"""The release's quality gate: no release whose blind-key scores fell below the previous release's.

Blind key sets (params.yaml `evaluate.key_sets`, `blind: true`) were never used to tune the rules,
so their scores are the honest measure of a change. `tipfacts release` compares the workspace's
quality.json with the one committed at the last release tag: micro and macro F1 and every table's
F1 of each blind set, and whether each set is still measured at all. A drop refuses the release
unless `--accept-regression "reason"` is given; the reason and the drops go into CHANGELOG.md.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tipfacts import params as params_module
from tipfacts.errors import TipfactsError
from tipfacts.publishing.quality import FILE as QUALITY_FILE


class QualityRegression(TipfactsError):
    """A blind key set scores lower than at the previous release."""

    exit_code = 4


def _figures(result: dict[str, Any]) -> dict[str, float | None]:
    out = {"micro F1": result.get("micro", {}).get("f1"), "macro F1": result.get("macro_f1")}
    out |= {f"{table} F1": figures.get("f1") for table, figures in result.get("tables", {}).items()}
    return out


def blind_drops(previous: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Each blind set's figure that fell since `previous`, e.g. 'holdout flows F1: 0.950 -> 0.900'."""
    drops = []
    for name, before in previous.get("key_sets", {}).items():
        if not before.get("blind") or not before.get("reports_scored"):
            continue
        now = current.get("key_sets", {}).get(name)
        if not now or not now.get("reports_scored"):
            drops.append(f"{name}: no longer measured (was measured on {before['reports_scored']} reports)")
            continue
        was, is_ = _figures(before), _figures(now)
        for label, old in was.items():
            new = is_.get(label)
            if old is not None and (new is None or new < old):
                drops.append(f"{name} {label}: {old:.3f} -> {'none' if new is None else f'{new:.3f}'}")
    return drops


def _committed(root: Path, tag: str, path: str) -> dict[str, Any] | None:
    proc = subprocess.run(["git", "show", f"{tag}:{path}"], cwd=root, capture_output=True, text=True, check=False)
    return json.loads(proc.stdout) if proc.returncode == 0 else None


def check(root: Path, previous_tag: str | None, accept_reason: str | None, label: str | None = None) -> str:
    """Refuse (QualityRegression) a release whose blind scores dropped; returns the CHANGELOG lines to add."""
    out_dir = params_module.load(root / params_module.PARAMS_FILE).out_dir
    quality_path = (out_dir / QUALITY_FILE).as_posix()
    before = _committed(root, previous_tag, quality_path) if previous_tag else None
    if before is None:
        return ""
    current_file = root / quality_path
    if not current_file.exists():
        raise QualityRegression(f"{current_file} is missing\n  what to do: run `dvc repro`, commit, then release")
    drops = blind_drops(before, json.loads(current_file.read_text(encoding="utf-8")))
    if not drops:
        return ""
    listed = "\n".join(f"    - {d}" for d in drops)
    if not accept_reason:
        raise QualityRegression(
            f"blind-key scores dropped since {label or previous_tag}:\n{listed}\n"
            '  what to do: fix the rules, or release anyway with --accept-regression "<why>" '
            "(the reason goes into CHANGELOG.md)"
        )
    lines = ["", "### Quality regression accepted", "", f"Reason: {accept_reason}", ""]
    return "\n".join([*lines, *(f"- {d}" for d in drops)]) + "\n"
