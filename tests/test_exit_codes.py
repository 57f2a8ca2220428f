"""Exit codes: one per class of failure, from the one table in tipfacts.errors, checked with real command runs.

Bad input (2), validation (3), the output folder (4) and an interrupt (130) are run in test_bad_input.py,
release refusals (5) also in test_release.py; here the README's copy of the table, and the rest.
1 (a bug: an unexpected exception) has no run that provokes it on purpose.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from conftest import BIN, PROJECT

from tipfacts.errors import EXIT_CODES, ExitCode, exit_code_table

TIPFACTS = str(BIN / "tipfacts")


def tipfacts(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    return subprocess.run([TIPFACTS, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A git repository that holds a dvc.yaml (what the dataset commands look for) and nothing published."""
    root = tmp_path / "project"
    root.mkdir()
    (root / "dvc.yaml").write_text("stages: {}\n", encoding="utf-8")
    for args in (
        ["init", "-q"],
        ["add", "dvc.yaml"],
        ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
    ):
        subprocess.run(["git", *args], cwd=root, check=True)
    return root


def test_the_readme_holds_the_table_of_exit_codes() -> None:
    assert exit_code_table() in (PROJECT / "README.md").read_text(encoding="utf-8")


def test_every_class_of_failure_has_its_own_code() -> None:
    assert len(set(EXIT_CODES)) == len(ExitCode) and len({int(c) for c in EXIT_CODES}) == len(EXIT_CODES)


def test_help_exits_0(tmp_path: Path) -> None:
    done = tipfacts("--help", cwd=tmp_path)
    assert done.returncode == 0 and "build" in done.stdout, done.stderr


@pytest.mark.parametrize("args", [["build", "--no-such-option"], ["diff"]])
def test_a_wrong_command_line_exits_64(tmp_path: Path, args: list[str]) -> None:
    done = tipfacts(*args, cwd=tmp_path)
    assert done.returncode == ExitCode.USAGE == 64, (done.returncode, done.stderr)
    assert "Usage:" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_release_refused_exits_5(project: Path) -> None:
    for args, words in (
        (["release", "one"], "is not a version number"),
        (["release", "1.0.0"], "no default DVC remote"),
    ):
        done = tipfacts(*args, cwd=project)
        assert done.returncode == ExitCode.RELEASE == 5, (args, done.returncode, done.stderr)
        assert words in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_release_outside_a_repository_exits_5(tmp_path: Path) -> None:
    done = tipfacts("release", "1.0.0", cwd=tmp_path)
    assert done.returncode == ExitCode.RELEASE, done.stderr
    assert "is not inside a git repository" in done.stderr


def test_diff_with_an_unknown_revision_exits_6(project: Path) -> None:
    done = tipfacts("diff", "v9.9.9", cwd=project)
    assert done.returncode == ExitCode.REVISION == 6, (done.returncode, done.stderr)
    assert "9.9.9 is not a release" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_diff_outside_a_repository_exits_6(tmp_path: Path) -> None:
    done = tipfacts("diff", "v1.0.0", cwd=tmp_path)
    assert done.returncode == ExitCode.REVISION, done.stderr
    assert "is not inside a git repository" in done.stderr


def test_versions_outside_a_repository_exits_6(tmp_path: Path) -> None:
    done = tipfacts("versions", cwd=tmp_path)
    assert done.returncode == ExitCode.REVISION, (done.returncode, done.stderr)
    assert "is not inside a git repository" in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_get_of_an_unknown_version_exits_6(project: Path) -> None:
    done = tipfacts("get", "flows", "--version", "9.9.9", cwd=project)
    assert done.returncode == ExitCode.REVISION, (done.returncode, done.stderr)
    assert "9.9.9 is not a release" in done.stderr and "Traceback" not in done.stderr, done.stderr
