"""Reach any released version's tables from anywhere: `tipfacts.load` and `tipfacts get`.

In order, a table's file comes from:

1. DVC: the repository's cache, else its default remote (or the `remote` URL given, e.g. a public
   HTTP server), exactly as `dvc get` reads it;
2. this user's cache of earlier rebuilds (`<user cache>/tipfacts/releases/<commit>/`), hash-checked again;
3. a rebuild: that version's own `raw/` and code, checked out in a temporary git worktree and run with
   this interpreter (the old layout's top-level `pipeline` package or the `tipfacts` package mapping),
   then every published file is checked against the md5 that commit's dvc.lock recorded. A file whose
   bytes differ is refused, except a Parquet file whose CSV twin matches: a newer pyarrow may write other
   Parquet bytes for the same rows, and the caller is told so.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import pandas as pd
import platformdirs
import yaml

from tipfacts.dataset import versions
from tipfacts.errors import RevisionUnreadable

log = logging.getLogger("tipfacts")
VERIFIED = "verified.json"


class ReachError(RevisionUnreadable):
    """A version's file could not be had, or a rebuild did not match the release's hashes."""


@dataclass(frozen=True)
class Fetched:
    """A published file's bytes, where they came from, and what the hash check found."""

    data: bytes
    source: str  # dvc | rebuilt | rebuilt (cached)
    note: str = ""  # set when only the CSV twin's hash could vouch for a Parquet file


def cache_home() -> Path:
    """This user's cache for tipfacts (rebuilt releases, cloned repositories)."""
    return Path(platformdirs.user_cache_dir("tipfacts"))


def md5(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


# ---------------------------------------------------------------------------------------------- repository


def open_repo(repo: str | os.PathLike[str]) -> Path:
    """The git repository's top folder: a local path, or a full clone of a git URL kept in the user cache."""
    path = Path(repo).expanduser()
    if path.exists():
        top = versions.git(path, "rev-parse", "--show-toplevel", check=False)
        if not top:
            raise ReachError(f"{path.resolve()} is not inside a git repository (a clone of tipfacts)")
        return Path(top)
    url = str(repo)
    clone = cache_home() / "repos" / hashlib.sha256(url.encode()).hexdigest()[:16]
    if (clone / ".git").exists():
        versions.git(clone, "fetch", "--quiet", "--tags", "origin", check=False)
        versions.git(clone, "reset", "--quiet", "--hard", "origin/HEAD", check=False)
    else:
        clone.parent.mkdir(parents=True, exist_ok=True)
        proc = subprocess.run(["git", "clone", "--quiet", url, str(clone)], capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise ReachError(f"{url}: neither a folder here nor a git repository to clone: {proc.stderr.strip()}")
    return clone


def published(root: Path, commit: str) -> dict[str, str]:
    """File name -> md5 of every file the publish stage wrote at that commit (from its dvc.lock)."""
    text = versions.show(root, commit, "dvc.lock")
    if text is None:
        raise ReachError(f"commit {commit[:12]} has no dvc.lock: it is not a built version")
    out_dir = PurePosixPath(versions.out_dir_at(root, commit))
    hashes = {}
    for stage in (yaml.safe_load(text) or {}).get("stages", {}).values():
        for out in stage.get("outs", []):
            path = PurePosixPath(out["path"])
            if path.parent == out_dir and "md5" in out:
                hashes[path.name] = out["md5"]
    return hashes


# ---------------------------------------------------------------------------------------------- fetching


def _from_dvc(root: Path, commit: str, rel: str, remote: str | None) -> bytes | None:
    from dvc.api import DVCFileSystem

    try:
        # a remote of its own (not the default's url overridden: DVC refuses a local remote's options on http)
        config = {"core": {"remote": "tipfacts-given"}, "remote": {"tipfacts-given": {"url": remote}}}
        fs = DVCFileSystem(str(root), rev=commit, config=config if remote else None)
        return fs.read_bytes(rel)
    except Exception as err:  # DVC's many errors for data in neither the cache nor a reachable remote
        log.debug("tipfacts: %s at %s is not in the DVC cache or remote (%s)", rel, commit[:12], type(err).__name__)
        return None


def fetch(root: Path, commit: str, name: str, remote: str | None = None) -> Fetched:
    """One published file (`flows.parquet`, `datapackage.json`, ...) of the version at `commit`."""
    hashes = published(root, commit)
    rel = f"{versions.out_dir_at(root, commit)}/{name}"
    if name not in hashes:
        in_git = versions.show(root, commit, rel)
        if in_git is not None:  # e.g. metrics.json, committed beside dvc.lock
            return Fetched(in_git.encode("utf-8"), "git")
        raise ReachError(f"{rel} is not published at commit {commit[:12]} (files: {', '.join(sorted(hashes))})")
    data = _from_dvc(root, commit, rel, remote)
    if data is not None:
        if md5(data) != hashes[name]:
            raise ReachError(f"{rel} from DVC has md5 {md5(data)}, but dvc.lock at {commit[:12]} says {hashes[name]}")
        return Fetched(data, "dvc")
    folder, how = rebuilt(root, commit)
    verdict = json.loads((folder / VERIFIED).read_text(encoding="utf-8"))
    status = verdict.get(name, "missing")
    if status not in ("ok", "csv-twin"):
        raise ReachError(
            f"the rebuild of {rel} at commit {commit[:12]} does not match its release: {status}\n"
            "  what to do: get the data from the project's DVC remote (`dvc pull`, or --remote URL); "
            "this machine's libraries produce other rows than the release's"
        )
    note = ""
    if status == "csv-twin":
        twin = name.removesuffix(".parquet") + ".csv"
        note = (
            f"{name}: this machine's pyarrow writes other Parquet bytes than the release's, but the rebuilt "
            f"rows' {twin} has the release's md5 ({hashes[twin]}), so the rows are the release's"
        )
    return Fetched((folder / name).read_bytes(), how, note)


def verify(folder: Path, hashes: dict[str, str]) -> dict[str, str]:
    """Per published file: ok, csv-twin (Parquet bytes differ but its CSV matches), or why it fails."""
    got = {name: md5((folder / name).read_bytes()) for name in hashes if (folder / name).is_file()}
    verdict = {}
    for name, expected in hashes.items():
        if name not in got:
            verdict[name] = "not rebuilt"
        elif got[name] == expected:
            verdict[name] = "ok"
        else:
            twin = name.removesuffix(".parquet") + ".csv"
            csv_ok = name.endswith(".parquet") and twin in hashes and got.get(twin) == hashes[twin]
            verdict[name] = "csv-twin" if csv_ok else f"md5 {got[name]}, the release's is {expected}"
    return verdict


def rebuilt(root: Path, commit: str) -> tuple[Path, str]:
    """The folder of that version's tables rebuilt from its own raw/ and code, with their hash verdicts."""
    target = cache_home() / "releases" / commit
    hashes = published(root, commit)
    if (target / VERIFIED).is_file() and verify(target, hashes) == json.loads((target / VERIFIED).read_text()):
        return target, "rebuilt (cached)"
    log.warning("tipfacts: rebuilding commit %s from its own raw/ and code (no DVC copy reachable) ...", commit[:12])
    with tempfile.TemporaryDirectory(prefix="tipfacts-rebuild-") as tmp:
        work = Path(tmp) / "worktree"
        versions.git(root, "worktree", "add", "--quiet", "--detach", str(work), commit)
        try:
            out = Path(tmp) / "out"
            run_build(work, out, Path(tmp))
            verdict = verify(out, hashes)
            (out / VERIFIED).write_text(json.dumps(verdict, indent=2, sort_keys=True) + "\n", encoding="utf-8")
            shutil.rmtree(target, ignore_errors=True)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copytree(out, target)
        finally:
            versions.git(root, "worktree", "remove", "--force", str(work), check=False)
            versions.git(root, "worktree", "prune", check=False)
    return target, "rebuilt"


def import_tree(project: Path, into: Path) -> Path:
    """A folder for PYTHONPATH under which the checked-out project's code imports as it was installed.

    pyproject's `[tool.setuptools] package-dir` maps folders to packages (pipeline/ -> tipfacts, schemas/ ->
    tipfacts.schemas); older versions had none and import from the project folder itself.
    """
    pyproject = project / "pyproject.toml"
    config = tomllib.loads(pyproject.read_text(encoding="utf-8")) if pyproject.exists() else {}
    mapping = config.get("tool", {}).get("setuptools", {}).get("package-dir") or {}
    if not mapping:
        return project
    for package, folder in sorted(mapping.items(), key=lambda item: item[0].count(".")):
        dest = into.joinpath(*package.split("."))
        dest.mkdir(parents=True, exist_ok=True)
        for child in (project / folder).iterdir():
            if child.name != "__pycache__" and not (dest / child.name).exists():
                (dest / child.name).symlink_to(child.resolve())
    return into


def entry_point(project: Path) -> str:
    """The module whose `main()` is the `tipfacts` command at that version (pyproject [project.scripts])."""
    pyproject = project / "pyproject.toml"
    config = tomllib.loads(pyproject.read_text(encoding="utf-8")) if pyproject.exists() else {}
    return config.get("project", {}).get("scripts", {}).get("tipfacts", "tipfacts.cli:main")


def run_build(project: Path, out: Path, scratch: Path) -> None:
    """`tipfacts build` of the checked-out version, its own code on the path, no extraction cache."""
    module, _, function = entry_point(project).partition(":")
    env = dict(os.environ)
    env["PYTHONPATH"] = str(import_tree(project, scratch / "import"))
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    program = f"import sys; from {module} import {function}; sys.argv[0] = 'tipfacts'; {function}()"
    args = [sys.executable, "-c", program, "build", "--out-dir", str(out), "--no-cache"]
    proc = subprocess.run(args, cwd=project, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise ReachError(
            f"rebuilding {project.name} failed (exit {proc.returncode}):\n{(proc.stderr or proc.stdout)[-2000:]}"
        )


# ---------------------------------------------------------------------------------------------- public


@dataclass(frozen=True)
class Located:
    root: Path
    commit: str
    label: str  # the version (1.0.0) or revision asked for


def locate(version: str | None, repo: str | os.PathLike[str]) -> Located:
    root = open_repo(repo)
    if version is None:
        release = versions.latest(root)
        return Located(root, release.commit, str(release.version))
    return Located(root, versions.resolve(root, version), version)


def file_name(table: str, fmt: str = "parquet") -> str:
    return table if "." in table else f"{table}.{fmt}"


def load(
    table: str, version: str | None = None, repo: str | os.PathLike[str] = ".", remote: str | None = None
) -> pd.DataFrame:
    """One table of a release as a DataFrame; `version=None` is the latest release (see the module doc)."""
    where = locate(version, repo)
    fetched = fetch(where.root, where.commit, file_name(table), remote)
    if fetched.note:
        log.warning("tipfacts: %s", fetched.note)
    return pd.read_parquet(io.BytesIO(fetched.data))


def get(
    table: str,
    version: str | None,
    out: Path,
    repo: str | os.PathLike[str] = ".",
    remote: str | None = None,
) -> tuple[Fetched, Located]:
    """Write one published file of a release to `out` (the CSV if `out` ends in .csv, else the Parquet)."""
    where = locate(version, repo)
    fmt = "csv" if out.suffix.lower() == ".csv" else "parquet"
    fetched = fetch(where.root, where.commit, file_name(table, fmt), remote)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(fetched.data)
    return fetched, where


def describe(fetched: Fetched, where: Located, name: str) -> str:
    """One line on what was written and how it was checked."""
    how = {
        "dvc": "from DVC (cache or remote)",
        "git": "from git",
        "rebuilt": "rebuilt from its raw/ and code",
        "rebuilt (cached)": "rebuilt earlier from its raw/ and code",
    }[fetched.source]
    check = "md5 checked against dvc.lock" if fetched.source != "git" else "committed file"
    return f"{name} of {where.label} (commit {where.commit[:12]}) {how}; {check}"
