"""Extraction beyond one machine, and where the caches live.

- A real Dask cluster (distributed.LocalCluster: a scheduler and two worker processes on 127.0.0.1)
  extracts the vendored reports; every published file is byte-identical to the local executor's.
- The cache of a build lives in <work_dir>/cache for the project's own raw/, else in one folder per
  corpus under the per-user cache ($XDG_CACHE_HOME here), never under the directory a build is run
  from; the per-user cache is pruned least recently used first; `tipfacts cache info/clear`.
"""

from __future__ import annotations

import dataclasses
import os
import subprocess
import time
from pathlib import Path

import pytest
from conftest import BIN, PROJECT, SEED_TXT, copy_reports, params_for

from tipfacts import params as params_module
from tipfacts.caching import home
from tipfacts.stages import build

FIXTURE_REPORTS = sorted((PROJECT / "tests" / "fixtures" / "factbook").glob("*.txt"))


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.fixture
def user_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A per-user cache of this test's own (platformdirs reads XDG_CACHE_HOME on Linux)."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg-cache"))
    return tmp_path / "xdg-cache" / "tipfacts" / "corpora"


@pytest.mark.slow
def test_a_local_dask_cluster_gives_the_local_executors_bytes(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    raw = copy_reports(tmp_path / "raw", SEED_TXT, *FIXTURE_REPORTS)
    local = build.build(params_for(raw, tmp_path / "local", tmp_path / "work-local", workers=2))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        params = dataclasses.replace(
            params_for(raw, tmp_path / "dask", tmp_path / "work-dask"), scheduler=cluster.scheduler_address
        )
        on_dask = build.build(params)
        ran_on = client.run(os.getpid)
    assert len(ran_on) == 2 and os.getpid() not in ran_on.values()  # the workers are processes of their own
    assert on_dask.reports == local.reports == len(FIXTURE_REPORTS) + 1
    assert on_dask.rows == local.rows and local.rows["flows"] > 0
    files = _files(tmp_path / "local")
    assert len(files) >= 20
    assert _files(tmp_path / "dask") == files


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path: Path) -> None:
    raw = copy_reports(tmp_path / "raw", SEED_TXT)
    proc = subprocess.run(
        [
            BIN / "tipfacts",
            "build",
            "--raw-dir",
            raw,
            "--out-dir",
            tmp_path / "out",
            "--scheduler",
            "tcp://127.0.0.1:9",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert proc.returncode == 7, proc.stderr
    assert "cannot use the Dask scheduler at tcp://127.0.0.1:9" in proc.stderr
    assert not (tmp_path / "out").exists()


def test_a_build_of_any_folder_caches_per_corpus_in_the_user_cache_not_where_it_runs(
    tmp_path: Path, user_cache: Path
) -> None:
    here = tmp_path / "somewhere"
    here.mkdir()
    corpora = [copy_reports(tmp_path / name, SEED_TXT, FIXTURE_REPORTS[i]) for i, name in enumerate(["a", "b"])]
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "xdg-cache")}
    for raw in corpora:
        subprocess.run(
            [BIN / "tipfacts", "build", "--raw-dir", raw, "--out-dir", tmp_path / f"out-{raw.name}", "--workers", "1"],
            cwd=here,
            env=env,
            check=True,
            capture_output=True,
        )
    assert sorted(p.name for p in here.iterdir()) == []  # no build/cache where the command ran
    folders = sorted(p for p in user_cache.iterdir())
    assert len(folders) == 2  # one per corpus: they do not collide
    stamped = {home.entries(user_cache)[i].raw_dir for i in range(2)}
    assert stamped == {str(corpora[0].resolve()), str(corpora[1].resolve())}
    for folder in folders:
        assert (folder / "ingest" / "snapshot.json").is_file() and (folder / "extract" / "snapshot.json").is_file()

    info = subprocess.run([BIN / "tipfacts", "cache", "info"], cwd=here, env=env, check=True, capture_output=True)
    assert str(user_cache) in info.stdout.decode() and str(corpora[1].resolve()) in info.stdout.decode()
    cleared = subprocess.run([BIN / "tipfacts", "cache", "clear"], cwd=here, env=env, check=True, capture_output=True)
    assert f"removed {user_cache}" in cleared.stdout.decode()
    assert not user_cache.exists()


def test_a_build_in_the_project_drops_the_old_per_report_fact_files(tmp_path: Path, user_cache: Path) -> None:
    raw = copy_reports(tmp_path / "raw", SEED_TXT)
    params = dataclasses.replace(params_for(raw, tmp_path / "out", tmp_path / "work"), cache=True)
    params.cache_dir.mkdir(parents=True)
    legacy, other = params.cache_dir / f"{'ab' * 32}.json", params.cache_dir / "notes.json"
    legacy.write_text("{}", encoding="utf-8")
    other.write_text("{}", encoding="utf-8")
    build.build(params)
    assert not legacy.exists() and other.exists()  # only the old layout's files go
    assert (params.cache_dir / home.STAMP).is_file()


def test_the_projects_own_raw_dir_caches_in_its_work_dir(
    tmp_path: Path, user_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = tmp_path / "project"
    copy_reports(project / "raw", SEED_TXT)
    (project / "params.yaml").write_text((PROJECT / "params.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(project)  # as dvc runs the stages: paths in params.yaml are the project's
    own = params_module.load(Path("params.yaml"))
    assert own.cache_dir.resolve() == project / "build" / "cache"
    other = dataclasses.replace(own, raw_dir=tmp_path / "elsewhere")
    assert other.cache_dir.parent == user_cache
    assert dataclasses.replace(own, raw_dir=tmp_path / "elsewhere-too").cache_dir != other.cache_dir


def _corpus_folder(root: Path, name: str, megabytes: int, used: float) -> Path:
    folder = root / name
    home.mark_used(folder, Path("/reports") / name)
    (folder / "data.bin").write_bytes(b"\0" * megabytes * 1_000_000)
    os.utime(folder / home.STAMP, (used, used))
    return folder


def test_the_user_cache_is_pruned_least_recently_used_first(tmp_path: Path) -> None:
    now = time.time()
    old = _corpus_folder(tmp_path, "old", 2, now - 3000)
    middle = _corpus_folder(tmp_path, "middle", 2, now - 2000)
    recent = _corpus_folder(tmp_path, "recent", 2, now - 1000)
    current = _corpus_folder(tmp_path, "current", 3, now - 5000)  # the one being built: never removed

    removed = home.prune(5_100_000, keep=current, root=tmp_path)  # 5 MB of data + the stamps

    assert removed == [old, middle]  # 9 MB -> 5 MB: the two least recently used other corpora go
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current", "recent"]
    assert home.prune(1, keep=current, root=tmp_path) == [recent]
    assert [e.folder for e in home.entries(tmp_path)] == [current]  # alone over the bound, but kept
