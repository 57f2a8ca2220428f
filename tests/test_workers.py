"""The output does not depend on the number of extraction processes, nor on the cache.

The 300 Factbook reports are built with 1 worker and with 2 workers (cache off): every output
file must be byte-identical. Then a cached build, one report added and the build rerun into the
same folder (only that report is extracted) must give the bytes of a full build of the same
folder; so must a rerun after one report and one sidecar changed (those two are extracted).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest
from conftest import FACTBOOK, needs_shared, params_for

pytestmark = needs_shared("builds the whole Factbook corpus", FACTBOOK)


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (figures/ too), by its path there."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_same(a: Path, b: Path) -> None:
    files_a, files_b = _files(a), _files(b)
    assert sorted(files_a) == sorted(files_b)
    different = [name for name in files_a if files_a[name] != files_b[name]]
    assert not different, f"files differ between {a.name} and {b.name}: {different}"


@pytest.fixture(scope="module")
def one_worker(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tipfacts.stages import build

    root = tmp_path_factory.mktemp("workers-1")
    build.build(params_for(FACTBOOK, root / "out", root / "work", workers=1))
    return root / "out"


def test_one_and_two_workers_give_identical_files(one_worker: Path, tmp_path: Path) -> None:
    from tipfacts.stages import build

    summary = build.build(params_for(FACTBOOK, tmp_path / "out", tmp_path / "work", workers=2))
    assert summary.reports == 300 and summary.extracted == 300
    assert len(_files(one_worker)) >= 20  # a Parquet and a CSV per table, the package, the metrics
    _assert_same(one_worker, tmp_path / "out")


def test_rerun_after_adding_a_report_extracts_it_alone_and_matches_a_full_build(tmp_path: Path) -> None:
    from tipfacts.stages import build

    raw = tmp_path / "raw"
    reports = sorted(FACTBOOK.glob("factbook-2014-*.txt"))[:40]
    raw.mkdir()
    for report in reports:
        for path in (report, report.with_name(report.stem + ".meta.yaml")):
            shutil.copy(path, raw / path.name)
    params = dataclasses.replace(params_for(raw, tmp_path / "out", tmp_path / "work", workers=2), cache=True)
    assert build.build(params).extracted == 40
    added = sorted(FACTBOOK.glob("factbook-2020-*.txt"))[0]
    shutil.copy(added, raw / "aaa-added.txt")
    shutil.copy(added.with_name(added.stem + ".meta.yaml"), raw / "aaa-added.meta.yaml")

    rerun = build.build(params)

    assert (rerun.reports, rerun.extracted) == (41, 1)
    build.build(params_for(raw, tmp_path / "full", tmp_path / "full-work", workers=1))
    _assert_same(tmp_path / "full", tmp_path / "out")

    changed = raw / reports[3].name  # a report edited in place
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nThe police arrested 12 suspects in March 2014.\n", encoding="utf-8"
    )
    sidecar = raw / "aaa-added.meta.yaml"
    sidecar.write_text(sidecar.read_text(encoding="utf-8").replace("title: '", "title: 'Edited: "), encoding="utf-8")

    rerun = build.build(params)

    assert (rerun.reports, rerun.extracted) == (41, 2)
    build.build(params_for(raw, tmp_path / "full", tmp_path / "full-work", workers=1))
    _assert_same(tmp_path / "full", tmp_path / "out")
