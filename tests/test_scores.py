"""Extraction quality against answer keys, with the shared scorer (../shared/eval/score.py; skipped without it).

Bars from the issues: the seed at micro F1 >= 0.90 with no table below 0.75; the dev keys
(tests/gold, 14 Factbook reports) at micro F1 >= 0.80; the blind held-out keys (tests/holdout)
at the same bar; the TIP/Wikipedia-style dev keys (tests/dev, 37 reports, issue 12) at micro F1 >=
STYLE_BAR, a guard against regressions set just under the measured score (0.58 before issue 12's rules,
0.84 after on the first 8 keys; on 33, whose 25 newer keys are rich in events and statistics: 0.73
before session 4's rules, 0.93 after; 0.91 once four Wikipedia keys rich in dated actions joined, 0.96 after
session 5's rules). Provenance problems must be zero everywhere. The two blind TIP/Wikipedia sets
(tests/blind, tests/blind2; issue 12) carry no bar here: they are scored, never tuned on, and must only
build whole.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SCORER, SEED_GOLD, needs_shared

from tipfacts.params import Params
from tipfacts.stages.build import build

ROOT = Path(__file__).resolve().parents[1]
pytestmark = needs_shared("scores with ../shared/eval/score.py", SCORER)
STYLE_BAR = 0.93  # micro F1 on tests/dev (0.96 measured); raise it as the rules improve


def score(gold: Path, raw: Path, tmp: Path) -> dict:
    out = tmp / "out"
    build(Params(raw_dir=raw, out_dir=out, work_dir=tmp / "work", workers=1, cache=False))
    result = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(gold), "--out", str(out), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def test_seed_report_meets_the_bar(tmp_path: Path) -> None:
    summary = score(SEED_GOLD, ROOT / "raw", tmp_path)
    assert summary["reports_missing"] == []
    assert summary["provenance_problems"] == 0
    assert summary["micro"]["f1"] >= 0.90
    assert min(t["f1"] for t in summary["tables"].values()) >= 0.75


def test_dev_keys_meet_the_bar(tmp_path: Path) -> None:
    summary = score(ROOT / "tests" / "gold", ROOT / "tests" / "fixtures" / "factbook", tmp_path)
    assert summary["reports_missing"] == []
    assert summary["provenance_problems"] == 0
    assert summary["micro"]["f1"] >= 0.80


def test_held_out_keys_meet_the_bar(tmp_path: Path) -> None:
    summary = score(ROOT / "tests" / "holdout", ROOT / "tests" / "fixtures" / "holdout", tmp_path)
    assert summary["reports_missing"] == []
    assert summary["provenance_problems"] == 0
    assert summary["micro"]["f1"] >= 0.80


def test_report_style_dev_keys_meet_the_bar(tmp_path: Path) -> None:
    summary = score(ROOT / "tests" / "dev", ROOT / "tests" / "fixtures" / "dev", tmp_path)
    assert summary["reports_missing"] == []
    assert summary["provenance_problems"] == 0
    assert summary["micro"]["f1"] >= STYLE_BAR, summary["micro"]


@pytest.mark.parametrize("keys", ["blind", "blind2"])
def test_blind_keys_cover_every_report_with_clean_provenance(keys: str, tmp_path: Path) -> None:
    summary = score(ROOT / "tests" / keys, ROOT / "tests" / "fixtures" / keys, tmp_path)
    assert summary["reports_missing"] == []
    assert summary["provenance_problems"] == 0
