"""`tipfacts release X.Y.Z`: check, version, rebuild, record, commit, push and tag one dataset release.

The dataset's version lives in one place, params.yaml `dataset.version`; the publish stage
writes it into datapackage.json. A release:

1. refuses unless the git working tree is clean and `dvc status` says the outputs are current;
2. compares the outputs with the last release tag (schema in datapackage.json, rows per table)
   and refuses a version that is not greater than the tag, or that understates the change
   (a removed/renamed table or column or vocabulary value needs a major bump; new tables,
   columns, values or rows a minor one);
3. sets params.yaml dataset.version, runs `dvc repro`, writes the CHANGELOG.md entry;
4. commits params.yaml, dvc.lock and CHANGELOG.md, `dvc push`es the data to the default remote,
   and tags the commit vX.Y.Z.

Run again after a failed push, it picks up where it stopped.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tipfacts.dataset import diff as diffing
from tipfacts.dataset import quality_gate
from tipfacts.errors import TipfactsError

VERSION = re.compile(r"v?(\d+)\.(\d+)\.(\d+)")
CHANGELOG = "CHANGELOG.md"
PARAMS = "params.yaml"
MARKER = "<!-- tipfacts release inserts new entries below this line, newest first -->"
CHANGELOG_HEADER = f"""# Changelog

Releases of the tipfacts dataset (the tables in `outputs/`). Versions follow semantic versioning:
a removed or renamed table, column or vocabulary value is a **major** release; new tables,
columns, vocabulary values or rows a **minor** one; anything else a **patch**. Each release is
the git tag `vX.Y.Z`; its data is on the DVC remote (see README, "Using the data"). Entries are
written by `tipfacts release` from `tipfacts diff <previous tag> workspace`.

{MARKER}
"""


class ReleaseError(TipfactsError):
    """The release was refused or could not finish; the message says why and what to do."""

    exit_code = 4


@dataclass(frozen=True, order=True)
class Version:
    major: int
    minor: int
    patch: int

    @classmethod
    def parse(cls, text: str) -> Version:
        match = VERSION.fullmatch(text.strip())
        if not match:
            raise ReleaseError(f"{text!r} is not a version number X.Y.Z (e.g. 1.2.0)")
        return cls(*map(int, match.groups()))

    def __str__(self) -> str:
        return f"{self.major}.{self.minor}.{self.patch}"

    @property
    def tag(self) -> str:
        return f"v{self}"

    def bump_over(self, older: Version) -> str:
        """Which part of the version grew: major, minor or patch (self must be greater)."""
        if self.major > older.major:
            return "major"
        if self.minor > older.minor:
            return "minor"
        return "patch"

    def smallest(self, level: str) -> Version:
        """The smallest version after this one at that level."""
        if level == "major":
            return Version(self.major + 1, 0, 0)
        if level == "minor":
            return Version(self.major, self.minor + 1, 0)
        return Version(self.major, self.minor, self.patch + 1)


# ---------------------------------------------------------------------------------------------- tools


def _run(args: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    # `dvc repro` runs `tipfacts stage ...`: make it this interpreter's tipfacts.
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        shown = " ".join(a if a else "''" for a in args)
        output = (proc.stderr.strip() or proc.stdout.strip())[-3000:]
        raise ReleaseError(f"`{shown}` failed (exit {proc.returncode}):\n{output}")
    return proc


def git(root: Path, *args: str, check: bool = True) -> str:
    return _run(["git", *args], root, check).stdout.strip()


def dvc(root: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "dvc", *args], root, check)


def repo_root(start: Path | None = None) -> Path:
    proc = _run(["git", "rev-parse", "--show-toplevel"], start or Path.cwd(), check=False)
    if proc.returncode != 0:
        raise ReleaseError(f"{(start or Path.cwd()).resolve()} is not inside a git repository")
    root = Path(proc.stdout.strip())
    if not (root / "dvc.yaml").exists():
        raise ReleaseError(f"{root} has no dvc.yaml: run `tipfacts release` in the tipfacts project")
    return root


def release_tags(root: Path) -> list[Version]:
    """Every vX.Y.Z tag, lowest first."""
    tags = [t for t in git(root, "tag", "--list", "v*").splitlines() if VERSION.fullmatch(t.strip())]
    return sorted(Version.parse(t) for t in tags)


def default_remote(root: Path) -> str | None:
    proc = dvc(root, "remote", "default", check=False)
    name = proc.stdout.strip()
    return name if proc.returncode == 0 and name else None


# ---------------------------------------------------------------------------------------------- checks


def check_clean(root: Path) -> None:
    dirty = git(root, "status", "--porcelain", "--untracked-files=normal").splitlines()
    if dirty:
        shown = "\n".join(f"    {line}" for line in dirty[:15]) + ("\n    ..." if len(dirty) > 15 else "")
        raise ReleaseError(
            f"the git working tree is not clean:\n{shown}\n"
            "  what to do: commit (or remove) these changes first, so the release is reproducible"
        )


def check_current(root: Path) -> None:
    proc = dvc(root, "status", "--json")
    try:
        status = json.loads(proc.stdout or "{}")
    except json.JSONDecodeError:
        status = {"dvc status": proc.stdout.strip()}
    if status:
        stages = ", ".join(sorted(status))
        raise ReleaseError(
            f"the outputs are not current (`dvc status`: {stages} changed)\n"
            "  what to do: run `dvc repro`, commit dvc.lock, then release"
        )


def check_version(new: Version, last: Version | None, changes: diffing.DatasetDiff | None) -> str:
    """The level of this release; refuses a number not above the last tag, or one that understates the change."""
    if last is None:
        return "first"
    if new <= last:
        raise ReleaseError(
            f"version {new} is not greater than the last release {last.tag}\n"
            f"  what to do: release {last.smallest('patch')} or higher"
        )
    given = new.bump_over(last)
    assert changes is not None
    needed = changes.level()
    if diffing.LEVELS.index(given) < diffing.LEVELS.index(needed):
        reasons = "\n".join(f"    - {r}" for r in changes.reasons(needed))
        raise ReleaseError(
            f"{new} is a {given} release after {last.tag}, but the changes need a {needed} one:\n"
            f"{reasons}\n  what to do: release {last.smallest(needed)} (the smallest {needed} "
            "version), or undo these changes"
        )
    return given


# ---------------------------------------------------------------------------------------------- files


def set_params_version(path: Path, version: Version) -> bool:
    """Set `dataset.version` in params.yaml in place, keeping its comments; True if it changed."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"dataset:\s*(#.*)?$", line.rstrip("\n"))), None)
    if start is None:
        lines += ([] if not lines or lines[-1].endswith("\n") else ["\n"]) + ["dataset:\n", f"  version: {version}\n"]
    else:
        end = next(
            (i for i in range(start + 1, len(lines)) if lines[i].strip() and not lines[i][0].isspace()), len(lines)
        )
        for i in range(start + 1, end):
            match = re.match(r"(\s+version:[ \t]*)([^\s#]+)(.*)", lines[i], re.DOTALL)
            if match:
                lines[i] = f"{match.group(1)}{version}{match.group(3)}"
                break
        else:
            lines.insert(start + 1, f"  version: {version}\n")
    new_text = "".join(lines)
    if new_text == text:
        return False
    path.write_text(new_text, encoding="utf-8")
    return True


def changelog_entry(
    version: Version,
    previous: Version | None,
    changes: diffing.DatasetDiff | None,
    rows: dict[str, int],
    level: str,
    today: dt.date | None = None,
) -> str:
    """One release's section of CHANGELOG.md (Markdown)."""
    today = today or dt.date.today()
    lines = [f"## {version.tag} ({today.isoformat()})", ""]
    if changes is None or previous is None:
        lines += ["First release.", "", "### Tables", "", "| table | rows |", "|---|---:|"]
        lines += [f"| `{name}` | {count} |" for name, count in rows.items()]
        return "\n".join(lines) + "\n"
    lines += [f"A {level} release; changes since {previous.tag} (`tipfacts diff {previous.tag} {version.tag}`).", ""]
    lines += ["### Schema changes", ""]
    lines += [f"- **{c.level}**: {c.text}" for c in changes.schema] or ["- none"]
    docs = changes.tables.get("documents")
    lines += ["", "### Reports", ""]
    if docs and (docs.added or docs.removed or docs.changed):
        lines += [f"- added: {', '.join(f'`{d}`' for d in docs.added)}"] if docs.added else []
        lines += [f"- removed: {', '.join(f'`{d}`' for d in docs.removed)}"] if docs.removed else []
        lines += [f"- changed: {', '.join(f'`{d}`' for d in docs.changed)}"] if docs.changed else []
    else:
        lines += ["- no reports added or removed"]
    lines += ["", "### Rows per table", "", "| table | rows | added | removed | changed |", "|---|---:|---:|---:|---:|"]
    for name, before, after, added, removed, changed in changes.summary_rows():
        lines.append(f"| `{name}` | {before} -> {after} | {added} | {removed} | {changed} |")
    return "\n".join(lines) + "\n"


def write_changelog(path: Path, version: Version, entry: str) -> None:
    """Insert (or replace) the entry for `version` at the top of the entries."""
    text = path.read_text(encoding="utf-8") if path.exists() else CHANGELOG_HEADER
    if MARKER not in text:
        text = text.rstrip("\n") + f"\n\n{MARKER}\n"
    head, _, entries = text.partition(MARKER)
    existing = re.compile(rf"^## {re.escape(version.tag)} .*?(?=^## v|\Z)", re.MULTILINE | re.DOTALL)
    entries = existing.sub("", entries).strip("\n")
    body = entry.rstrip("\n") + ("\n\n" + entries if entries else "")
    path.write_text(f"{head}{MARKER}\n\n{body}\n", encoding="utf-8")


# ---------------------------------------------------------------------------------------------- release


def release(
    version_text: str,
    root: Path | None = None,
    push: bool = True,
    echo: Callable[[str], None] = print,
    accept_regression: str | None = None,
) -> Version:
    """Check, then make release `version_text` in the project at `root` (default: the one around the cwd)."""
    version = Version.parse(version_text)
    root = repo_root(root)
    if version.tag in git(root, "tag", "--list", version.tag).splitlines():
        raise ReleaseError(f"tag {version.tag} already exists\n  what to do: choose the next version")
    remote = default_remote(root) if push else None
    if push and remote is None:
        raise ReleaseError(
            "no default DVC remote to push the data to\n"
            "  what to do: `dvc remote add -d localstore ~/.cache/tipfacts-dvc-remote` "
            "(see README, Releasing)"
        )
    check_clean(root)
    echo("working tree clean; checking that the outputs are current (dvc status) ...")
    check_current(root)

    tags = release_tags(root)
    previous = tags[-1] if tags else None
    changes = None
    if previous is not None and version > previous:
        echo(f"comparing the outputs with {previous.tag} ...")
        changes = diffing.diff(root, previous.tag, diffing.WORKSPACE)
    level = check_version(version, previous, changes)
    echo(f"{version.tag}: {level} release" + (f" after {previous.tag}" if previous else ""))
    quality_note = quality_gate.check(root, previous.tag if previous else None, accept_regression)

    params_path = root / PARAMS
    original = params_path.read_text(encoding="utf-8")
    set_params_version(params_path, version)
    echo("dvc repro ...")
    try:
        dvc(root, "repro")
    except ReleaseError:
        params_path.write_text(original, encoding="utf-8")
        raise

    snapshot = diffing.Snapshot(root, diffing.WORKSPACE)
    if snapshot.version != str(version):
        raise ReleaseError(f"datapackage.json says version {snapshot.version!r} after `dvc repro`, not {version}")
    rows = {name: len(snapshot.table(name)) for name in snapshot.tables}
    write_changelog(root / CHANGELOG, version, changelog_entry(version, previous, changes, rows, level) + quality_note)

    git(root, "add", PARAMS, "dvc.lock", CHANGELOG)
    leftover = [
        line[3:] for line in git(root, "status", "--porcelain", "--untracked-files=no").splitlines() if line[1] != " "
    ]
    if leftover:  # tracked files `dvc repro` rewrote (e.g. outputs/metrics.json): they belong to the release
        git(root, "add", "--", *leftover)
    if git(root, "diff", "--cached", "--name-only"):
        git(root, "commit", "-q", "-m", f"Release {version.tag}")
    commit = git(root, "rev-parse", "HEAD")
    if push:
        echo(f"dvc push (remote {remote}) ...")
        proc = dvc(root, "push", check=False)
        if proc.returncode != 0:
            raise ReleaseError(
                f"committed {commit[:12]} but `dvc push` failed, so {version.tag} is not tagged:\n"
                f"{(proc.stderr or proc.stdout).strip()[-2000:]}\n"
                f"  what to do: fix the remote (`dvc remote list`), then run "
                f"`tipfacts release {version}` again"
            )
    git(root, "tag", "-a", version.tag, "-m", f"tipfacts dataset {version}")
    echo(
        f"released {version.tag} at commit {commit[:12]}"
        + (f"; data pushed to DVC remote '{remote}'" if push else "; data NOT pushed (--no-push)")
    )
    echo("share it: git push --follow-tags origin HEAD")
    return version
