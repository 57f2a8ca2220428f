"""`tipfacts release X.Y.Z`: check, version, rebuild, record, commit, push and tag one dataset release.

The dataset's version lives in one place, params.yaml `dataset.version`; the publish stage
writes it into datapackage.json. A release:

1. refuses unless the git working tree is clean and `dvc status` says the outputs are current;
2. finds the earlier releases in the history (commits `Release vX.Y.Z`, tipfacts.dataset.versions; tags
   are not needed, and missing local ones are recreated), compares the outputs with the last one (schema
   in datapackage.json, rows per table) and refuses a version that is not greater, or that understates
   the change (a removed/renamed table or column or vocabulary value needs a major bump; new tables,
   columns, values or rows a minor one);
3. sets params.yaml dataset.version (a round-trip YAML edit that keeps comments), runs `dvc repro`, and
   checks that every published file equals a fresh build from raw/ (no cache) byte for byte, so stale
   tables that `dvc status` missed are never released; writes the CHANGELOG.md entry;
4. commits params.yaml, dvc.lock and CHANGELOG.md as `Release vX.Y.Z` (how the release is found later),
   `dvc push`es the data to the default remote, and tags the commit vX.Y.Z.

Run again after a failed push, it picks up where it stopped.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pandas as pd
from packaging.version import Version
from ruamel.yaml import YAML

from tipfacts import params as params_module
from tipfacts.dataset import diff as diffing
from tipfacts.dataset import quality_gate, versions
from tipfacts.errors import ReleaseRefused
from tipfacts.stages import build as runner

CHANGELOG = "CHANGELOG.md"
PARAMS = "params.yaml"
MARKER = "<!-- tipfacts release inserts new entries below this line, newest first -->"
CHANGELOG_HEADER = f"""# Changelog

Releases of the tipfacts dataset (the tables in `outputs/`). Versions follow semantic versioning:
a removed or renamed table, column or vocabulary value is a **major** release; new tables,
columns, vocabulary values or rows a **minor** one; anything else a **patch**. Each release is
the commit `Release vX.Y.Z` (also tagged `vX.Y.Z` where the tags were pushed; `tipfacts versions`
lists them from the history alone); its data is on the DVC remote, or rebuilt and hash-checked by
`tipfacts get` (see README, "Using the data"). Entries are written by `tipfacts release` from
`tipfacts diff <previous version> workspace`.

{MARKER}
"""


class ReleaseError(ReleaseRefused):
    """The release was refused or could not finish; the message says why and what to do."""


LEVEL_OF_PART = ("major", "minor", "patch")


def parse_version(text: str) -> Version:
    """`X.Y.Z` or `vX.Y.Z` (packaging.version); a refusal names the form to use."""
    try:
        return versions.parse(text)
    except versions.VersionError as err:
        raise ReleaseError(str(err)) from None


def bump_over(new: Version, older: Version) -> str:
    """Which part of the version grew: major, minor or patch (`new` must be greater)."""
    for level, a, b in zip(LEVEL_OF_PART, new.release, older.release, strict=False):
        if a != b:
            return level
    return "patch"


def smallest(version: Version, level: str) -> Version:
    """The smallest version after `version` at that level."""
    major, minor, patch = (*version.release, 0, 0)[:3]
    if level == "major":
        return Version(f"{major + 1}.0.0")
    if level == "minor":
        return Version(f"{major}.{minor + 1}.0")
    return Version(f"{major}.{minor}.{patch + 1}")


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


def tag(version: Version) -> str:
    return f"v{version}"


def check_version(new: Version, last: Version | None, changes: diffing.DatasetDiff | None) -> str:
    """The level of this release; refuses a number not above the last release, or one that understates the change."""
    if last is None:
        return "first"
    if new <= last:
        raise ReleaseError(
            f"version {new} is not greater than the last release {tag(last)}\n"
            f"  what to do: release {smallest(last, 'patch')} or higher"
        )
    given = bump_over(new, last)
    assert changes is not None
    needed = changes.level()
    if diffing.LEVELS.index(given) < diffing.LEVELS.index(needed):
        reasons = "\n".join(f"    - {r}" for r in changes.reasons(needed))
        raise ReleaseError(
            f"{new} is a {given} release after {tag(last)}, but the changes need a {needed} one:\n"
            f"{reasons}\n  what to do: release {smallest(last, needed)} (the smallest {needed} "
            "version), or undo these changes"
        )
    return given


def check_fresh(root: Path, echo: Callable[[str], None]) -> None:
    """Every published file equals a fresh build from raw/ with no cache, byte for byte.

    `dvc status` trusts dvc.lock; a stage whose dependencies missed a change would leave stale tables
    that it calls current. A fresh build in a temporary folder cannot be stale.
    """
    params = params_module.load(root / params_module.PARAMS_FILE)
    out_dir = root / params.out_dir
    echo("checking the outputs against a fresh build from raw/ (no cache) ...")
    with tempfile.TemporaryDirectory(prefix="tipfacts-release-") as tmp:
        fresh = Path(tmp) / "out"
        runner.build(
            dataclasses.replace(
                params, raw_dir=root / params.raw_dir, out_dir=fresh, work_dir=Path(tmp) / "work", cache=False
            )
        )
        names = sorted({p.name for p in fresh.iterdir()} | {p.name for p in out_dir.iterdir() if p.is_file()})
        stale = [n for n in names if not n.startswith(".") and _bytes(out_dir / n) != _bytes(fresh / n)]
    if stale:
        shown = ", ".join(stale[:8]) + (f" and {len(stale) - 8} more" if len(stale) > 8 else "")
        raise ReleaseError(
            f"the published files differ from a fresh build of raw/: {shown} (in {params.out_dir}/)\n"
            "  what to do: `dvc repro --force` (a stage's dependencies missed a change), commit, then release"
        )


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


# ---------------------------------------------------------------------------------------------- files


def set_params_version(path: Path, version: Version) -> bool:
    """Set `dataset.version` in params.yaml, keeping its comments and layout (ruamel round trip); True if changed."""
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)  # params.yaml's own list style
    text = path.read_text(encoding="utf-8")
    data = yaml.load(text) or {}
    if data.get("dataset") is None:
        data["dataset"] = {}
    if str(data["dataset"].get("version")) == str(version):
        return False
    data["dataset"]["version"] = str(version)
    buffer = io.StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return True


def changelog_entry(
    version: Version,
    previous: Version | None,
    changes: diffing.DatasetDiff | None,
    rows: dict[str, int],
    level: str,
    today: dt.date | None = None,
    documents: pd.DataFrame | None = None,
) -> str:
    """One release's section of CHANGELOG.md (Markdown); `documents` (the new version's) describes added reports."""
    today = today or dt.date.today()
    lines = [f"## {tag(version)} ({today.isoformat()})", ""]
    if changes is None or previous is None:
        lines += ["First release.", "", "### Tables", "", "| table | rows |", "|---|---:|"]
        lines += [f"| `{name}` | {count} |" for name, count in rows.items()]
        return "\n".join(lines) + "\n"
    lines += [
        f"A {level} release; changes since {tag(previous)} (`tipfacts diff {previous} {version}`).",
        "",
    ]
    lines += ["### Schema changes", ""]
    lines += [f"- **{c.level}**: {c.text}" for c in changes.schema] or ["- none"]
    docs = changes.tables.get("documents")
    lines += ["", "### Reports", ""]
    if docs and (docs.added or docs.removed or docs.changed):
        if docs.added:
            lines += [f"- added {len(docs.added)}: {_reports(docs.added, documents)}"]
        lines += [f"- removed: {', '.join(f'`{d}`' for d in docs.removed)}"] if docs.removed else []
        lines += [f"- changed: {', '.join(f'`{d}`' for d in docs.changed)}"] if docs.changed else []
    else:
        lines += ["- no reports added or removed"]
    lines += ["", "### Rows per table", "", "| table | rows | added | removed | changed |", "|---|---:|---:|---:|---:|"]
    for name, before, after, added, removed, changed in changes.summary_rows():
        lines.append(f"| `{name}` | {before} -> {after} | {added} | {removed} | {changed} |")
    return "\n".join(lines) + "\n"


MAX_LISTED = 12


def _reports(doc_ids: list[str], documents: pd.DataFrame | None) -> str:
    """Added reports: each id when few, else who published them, which countries and years they cover."""
    if len(doc_ids) <= MAX_LISTED or documents is None:
        return ", ".join(f"`{d}`" for d in doc_ids)
    added = documents[documents["doc_id"].isin(doc_ids)]
    publishers = added["publisher"].fillna("unknown publisher").value_counts()
    years = pd.to_numeric(added["report_year"], errors="coerce").dropna()
    parts = [", ".join(f"{n} from {p}" for p, n in publishers.items())]
    parts.append(f"{added['subject_iso3'].nunique()} countries")
    if len(years):
        parts.append(f"report years {int(years.min())}-{int(years.max())}")
    return "; ".join(parts) + " (`tipfacts diff` lists every id)"


UNRELEASED = re.compile(r"^## Unreleased[ \t]*\n(.*?)(?=^## v|\Z)", re.MULTILINE | re.DOTALL)


def write_changelog(path: Path, version: Version, entry: str) -> None:
    """Insert (or replace) the entry for `version` at the top of the entries.

    The hand-written `## Unreleased` section (why rules changed, what a reader must know) moves into the
    entry, below the generated lists, so the explanation ships with the release that contains the change.
    """
    text = path.read_text(encoding="utf-8") if path.exists() else CHANGELOG_HEADER
    if MARKER not in text:
        text = text.rstrip("\n") + f"\n\n{MARKER}\n"
    head, _, entries = text.partition(MARKER)
    unreleased = UNRELEASED.search(entries)
    if unreleased:
        notes = re.sub(r"^###", "####", unreleased.group(1).strip("\n"), flags=re.MULTILINE)
        entry = entry.rstrip("\n") + "\n\n### Notes written during development\n\n" + notes + "\n"
        entries = UNRELEASED.sub("", entries)
    existing = re.compile(rf"^## {re.escape(tag(version))} .*?(?=^## v|\Z)", re.MULTILINE | re.DOTALL)
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
    version = parse_version(version_text)
    root = repo_root(root)
    earlier = versions.releases(root)
    if any(r.version == version for r in earlier):
        done = next(r for r in earlier if r.version == version)
        raise ReleaseError(
            f"{tag(version)} is already released (commit {done.commit[:12]})\n  what to do: choose the next version"
        )
    remote = default_remote(root) if push else None
    if push and remote is None:
        raise ReleaseError(
            "no default DVC remote to push the data to\n"
            "  what to do: `dvc remote add -d localstore ~/.cache/tipfacts-dvc-remote` "
            "(see README, Releasing)"
        )
    check_clean(root)
    for restored in versions.restore_tags(root):
        echo(f"recreated the missing tag {restored.tag} at commit {restored.commit[:12]} (from the history)")
    echo("working tree clean; checking that the outputs are current (dvc status) ...")
    check_current(root)

    previous = max((r for r in earlier if r.version < version), key=lambda r: r.version, default=None)
    last = earlier[-1].version if earlier else None
    changes = None
    if previous is not None and last is not None and version > last:
        echo(f"comparing the outputs with {previous.tag} (commit {previous.commit[:12]}) ...")
        changes = diffing.diff(root, previous.commit, diffing.WORKSPACE)
    level = check_version(version, last, changes)
    echo(f"{tag(version)}: {level} release" + (f" after {previous.tag}" if previous else ""))
    quality_note = quality_gate.check(
        root, previous.commit if previous else None, accept_regression, previous.tag if previous else None
    )

    params_path = root / PARAMS
    original = params_path.read_text(encoding="utf-8")
    set_params_version(params_path, version)
    echo("dvc repro ...")
    try:
        dvc(root, "repro")
        check_fresh(root, echo)
    except ReleaseError:  # put back every tracked file `dvc repro` touched (dvc autostage may have staged them)
        params_path.write_text(original, encoding="utf-8")
        touched = git(root, "diff", "HEAD", "--name-only").splitlines()
        if touched:
            git(root, "reset", "-q", "--", *touched, check=False)
            git(root, "checkout", "HEAD", "--", *touched, check=False)
        dvc(root, "checkout", "--force", "--quiet", check=False)
        raise

    snapshot = diffing.Snapshot(root, diffing.WORKSPACE)
    if snapshot.version != str(version):
        raise ReleaseError(f"datapackage.json says version {snapshot.version!r} after `dvc repro`, not {version}")
    rows = {name: len(snapshot.table(name)) for name in snapshot.tables}
    entry = changelog_entry(
        version,
        previous.version if previous else None,
        changes,
        rows,
        level,
        documents=snapshot.table("documents"),
    )
    write_changelog(root / CHANGELOG, version, entry + quality_note)

    git(root, "add", PARAMS, "dvc.lock", CHANGELOG)
    leftover = [
        line[3:] for line in git(root, "status", "--porcelain", "--untracked-files=no").splitlines() if line[1] != " "
    ]
    if leftover:  # tracked files `dvc repro` rewrote (e.g. outputs/metrics.json): they belong to the release
        git(root, "add", "--", *leftover)
    if git(root, "diff", "--cached", "--name-only"):
        git(root, "commit", "-q", "-m", f"Release {tag(version)}")
    commit = git(root, "rev-parse", "HEAD")
    if push:
        echo(f"dvc push (remote {remote}) ...")
        proc = dvc(root, "push", check=False)
        if proc.returncode != 0:
            raise ReleaseError(
                f"committed {commit[:12]} but `dvc push` failed, so {tag(version)} is not tagged:\n"
                f"{(proc.stderr or proc.stdout).strip()[-2000:]}\n"
                f"  what to do: fix the remote (`dvc remote list`), then run "
                f"`tipfacts release {version}` again"
            )
    git(root, "tag", "-a", tag(version), "-m", f"tipfacts dataset {version}")
    echo(
        f"released {tag(version)} at commit {commit[:12]}"
        + (f"; data pushed to DVC remote '{remote}'" if push else "; data NOT pushed (--no-push)")
    )
    echo("share it: git push --follow-tags origin HEAD")
    return version
