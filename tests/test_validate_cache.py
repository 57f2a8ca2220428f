"""The validate cache (tipfacts.caching.incremental.run_validate): a report's validated rows are reused only
while its rows in every table and the validate code are unchanged, and the tables are always the ones an
uncached validation gives: a changed report is validated again, a bad row fails as without the cache, a
duplicate across reports is caught, and a change to the schemas' code revalidates every report.
"""

from __future__ import annotations

import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import PROJECT, import_root, mixed_corpus, params_for

from tipfacts.caching import incremental
from tipfacts.errors import ValidationFailed
from tipfacts.stages import build, validate


@pytest.fixture(scope="module")
def mixed_frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The mixed corpus's tables as ingest and extract hand them to validate (six reports)."""
    root = tmp_path_factory.mktemp("validate-cache")
    params = params_for(mixed_corpus(root / "raw"), root / "out", root / "work")
    frames = build.run_ingest(params)
    return dict(frames) | build.run_extract(frames, params, build.Summary())


@pytest.fixture
def frames(mixed_frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    return {name: frame.copy(deep=True) for name, frame in mixed_frames.items()}


def _assert_uncached(result: dict[str, pd.DataFrame], frames: dict[str, pd.DataFrame]) -> None:
    """`result` holds exactly the tables a validation without cache gives for `frames`."""
    expected = validate.validate({name: frame.copy() for name, frame in frames.items()})
    assert sorted(result) == sorted(expected)
    for name, frame in expected.items():
        pd.testing.assert_frame_equal(result[name].reset_index(drop=True), frame.reset_index(drop=True), obj=name)


def _report_with_statistics(frames: dict[str, pd.DataFrame]) -> str:
    stats = frames["statistics"]
    assert stats["doc_id"].nunique() >= 2, "the test needs statistics from two reports"
    return str(stats["doc_id"].iloc[-1])


def test_unchanged_reports_are_reused_and_give_the_uncached_tables(frames, tmp_path: Path) -> None:
    reports = frames["documents"]["doc_id"].nunique()
    first = incremental.run_validate(frames, tmp_path / "cache", None)
    second = incremental.run_validate(frames, tmp_path / "cache", None)

    assert (first.fresh, second.fresh) == (reports, 0)
    _assert_uncached(second.frames, frames)


def test_a_changed_report_is_validated_again_and_its_new_rows_kept(frames, tmp_path: Path) -> None:
    incremental.run_validate(frames, tmp_path / "cache", None)
    doc_id = _report_with_statistics(frames)
    stats = frames["statistics"]
    row = stats.index[stats["doc_id"] == doc_id][0]
    stats.loc[row, "value"] = stats.loc[row, "value"] + 1000  # still a valid count

    rerun = incremental.run_validate(frames, tmp_path / "cache", None)

    assert rerun.fresh == 1
    assert stats.loc[row, "value"] in rerun.frames["statistics"]["value"].tolist()
    _assert_uncached(rerun.frames, frames)


def test_a_bad_row_in_a_changed_report_fails_as_without_the_cache(frames, tmp_path: Path) -> None:
    incremental.run_validate(frames, tmp_path / "cache", None)
    doc_id = _report_with_statistics(frames)
    stats = frames["statistics"]
    stats.loc[stats.index[stats["doc_id"] == doc_id][0], "evidence"] = "words the sentence never said"

    with pytest.raises(ValidationFailed) as uncached:
        validate.validate({name: frame.copy() for name, frame in frames.items()}, tmp_path / "uncached.txt")
    with pytest.raises(ValidationFailed) as cached:
        incremental.run_validate(frames, tmp_path / "cache", tmp_path / "cached.txt")

    assert "evidence_in_sentence" in cached.value.summary
    assert cached.value.summary == uncached.value.summary
    assert (tmp_path / "cached.txt").read_text(encoding="utf-8") == (tmp_path / "uncached.txt").read_text("utf-8")


def test_a_duplicate_across_reports_is_caught_though_each_report_is_valid_alone(frames, tmp_path: Path) -> None:
    incremental.run_validate(frames, tmp_path / "cache", None)
    stats = frames["statistics"]
    doc_id = _report_with_statistics(frames)
    mine, other = stats.index[stats["doc_id"] == doc_id][0], stats.index[stats["doc_id"] != doc_id][0]
    stats.loc[mine, "fact_id"] = stats.loc[other, "fact_id"]  # another report's fact id: unique within its own

    with pytest.raises(ValidationFailed, match="fact_id"):
        incremental.run_validate(frames, tmp_path / "cache", None)


def test_a_report_that_lost_a_row_is_validated_again_next_time(frames, tmp_path: Path, caplog) -> None:
    doc_id = _report_with_statistics(frames)
    stats = frames["statistics"]
    stats.loc[stats.index[stats["doc_id"] == doc_id][0], "unit"] = "bananas"  # not in the unit vocabulary

    first = incremental.run_validate(frames, tmp_path / "cache", None)
    caplog.clear()
    second = incremental.run_validate(frames, tmp_path / "cache", None)

    assert second.fresh == 1  # the report whose row was dropped; the others come from the cache
    assert "dropped 1 row" in caplog.text  # its warning is said again
    _assert_uncached(first.frames, frames)
    _assert_uncached(second.frames, frames)


FRESH_IN_COPY = """
import pickle, sys
from pathlib import Path
from tipfacts.caching import incremental
frames = pickle.loads(Path(sys.argv[1]).read_bytes())
print(incremental.run_validate(frames, Path(sys.argv[2]), None).fresh)
"""


@pytest.mark.slow
def test_a_change_to_the_schemas_code_revalidates_every_report(frames, tmp_path: Path) -> None:
    """The project's code copied and run in processes of their own: run again unchanged, it reuses the
    cache its first run filled; with one schema file edited, it validates every report again."""
    reports = frames["documents"]["doc_id"].nunique()
    (tmp_path / "frames.pickle").write_bytes(pickle.dumps(frames))
    project = tmp_path / "project"
    for folder in ("pipeline", "schemas"):
        shutil.copytree(PROJECT / folder, project / folder, ignore=shutil.ignore_patterns("__pycache__"))

    def fresh_in_copy() -> int:
        run = subprocess.run(
            [sys.executable, "-c", FRESH_IN_COPY, str(tmp_path / "frames.pickle"), str(tmp_path / "cache")],
            env={"PYTHONPATH": str(import_root(project)), "PATH": ""},
            capture_output=True,
            text=True,
            check=True,
        )
        return int(run.stdout.split()[-1])

    assert (fresh_in_copy(), fresh_in_copy()) == (reports, 0)
    documents = project / "schemas" / "documents.py"
    documents.write_text(documents.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert fresh_in_copy() == reports
