"""dvc.yaml covers the code: every source file a stage's command can import is a dependency of that stage.

Hand-kept dependency lists drift from the imports and let `dvc repro` skip a stage whose code
changed, publishing stale tables while `dvc status` says "up to date". These tests read the
stages as DVC itself parses them and the imports as Python source states them.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from conftest import PROJECT
from dvc.repo import Repo

from tipfacts.caching.fingerprint import closure


def stage_deps() -> dict[str, list[Path]]:
    """Each stage's dependency paths, from DVC's own reading of dvc.yaml (templating resolved)."""
    with Repo(str(PROJECT)) as repo:
        return {stage.name: [Path(dep.fs_path) for dep in stage.deps] for stage in repo.index.stages}


def covered(path: Path, deps: list[Path]) -> bool:
    return any(path == dep or dep in path.parents for dep in deps)


def package_sources() -> list[Path]:
    """Every tracked .py file of the package (pipeline/ and schemas/)."""
    listed = subprocess.run(
        ["git", "ls-files", "pipeline", "schemas"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [PROJECT / name for name in listed if name.endswith(".py")]


def test_every_stage_depends_on_everything_its_command_imports():
    deps = stage_deps()
    assert set(deps) >= {"ingest", "extract", "validate", "publish"}
    imported = closure("tipfacts.cli")  # `tipfacts stage NAME` runs through the command line
    assert any(p.name == "ingest.py" for p in imported) and any(p.parent.name == "rules" for p in imported)
    for name, paths in deps.items():
        missing = [str(p.relative_to(PROJECT)) for p in imported if not covered(p.resolve(), paths)]
        assert not missing, f"stage {name} runs code it does not depend on: {missing}"


def test_every_package_source_file_is_a_dependency_of_some_stage():
    deps = [dep for paths in stage_deps().values() for dep in paths]
    sources = package_sources()
    assert len(sources) > 30
    missing = [str(p.relative_to(PROJECT)) for p in sources if not covered(p, deps)]
    assert not missing, f"no stage depends on {missing}: editing them would leave outputs/ stale"


def test_no_source_file_is_hidden_by_dvcignore():
    with Repo(str(PROJECT)) as repo:
        hidden = [str(p.relative_to(PROJECT)) for p in package_sources() if repo.dvcignore.is_ignored_file(str(p))]
    assert not hidden, f".dvcignore hides source files from the stages' hashes: {hidden}"


def test_bytecode_is_not_a_dependency():
    """Importing the package writes __pycache__ into pipeline/; that must not look like a code change."""
    with Repo(str(PROJECT)) as repo:
        pyc = PROJECT / "pipeline" / "__pycache__" / "cli.cpython-311.pyc"
        assert repo.dvcignore.is_ignored_file(str(pyc))


@pytest.mark.parametrize("stage", ["ingest", "extract", "validate", "evaluate", "publish"])
def test_stage_paths_come_from_params(stage):
    """Stage folders are written once, in params.yaml; dvc.yaml refers to them."""
    text = (PROJECT / "dvc.yaml").read_text(encoding="utf-8")
    block = text.split(f"\n  {stage}:\n", 1)[1].split("\n\n", 1)[0]
    paths = [line.strip()[2:] for line in block.splitlines() if line.strip().startswith("- ")]
    assert paths and not [p for p in paths if p.startswith(("build", "outputs", "raw"))], paths
