"""Every dataset release, found from the git history alone: tags are welcome but never required.

A release is the commit `tipfacts release` makes, whose subject is `Release vX.Y.Z` and whose
params.yaml sets `dataset.version: X.Y.Z` (a tag `vX.Y.Z` on another commit wins, if someone made one by
hand). Tags travel only with `git push --follow-tags`, so a clone may have none: every command that takes
a version (`diff`, `get`, `tipfacts.load`, `release`) resolves it here.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from packaging.version import InvalidVersion, Version

from tipfacts.errors import RevisionUnreadable

RELEASE_SUBJECT = re.compile(r"Release v(\d+\.\d+\.\d+)")
VERSION_TEXT = re.compile(r"v?(\d+\.\d+\.\d+)")
FIELD = "\x1f"


class VersionError(RevisionUnreadable):
    """A version or revision that does not name a release or commit of this repository."""


@dataclass(frozen=True)
class Release:
    """One published version: where it is in the history and how many rows each table had."""

    version: Version
    commit: str
    date: str  # the commit's date, ISO 8601
    rows: dict[str, int] = field(default_factory=dict)
    tagged: bool = False  # whether the local repository has the tag vX.Y.Z

    @property
    def tag(self) -> str:
        return f"v{self.version}"


def parse(text: str) -> Version:
    """`X.Y.Z` or `vX.Y.Z` as a version; anything else is refused with the form to use."""
    match = VERSION_TEXT.fullmatch(str(text).strip())
    if not match:
        raise VersionError(f"{text!r} is not a version number X.Y.Z (e.g. 1.2.0)")
    try:
        return Version(match.group(1))
    except InvalidVersion:  # pragma: no cover - the pattern admits only valid versions
        raise VersionError(f"{text!r} is not a version number X.Y.Z") from None


def git(root: Path, *args: str, check: bool = True) -> str:
    proc = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        raise VersionError(f"`git {' '.join(args)}` failed in {root}: {proc.stderr.strip()}")
    return proc.stdout.strip()


def show(root: Path, commit: str, path: str) -> str | None:
    """A file's text at a commit, or None where it is absent."""
    proc = subprocess.run(["git", "show", f"{commit}:{path}"], cwd=root, capture_output=True, text=True, check=False)
    return proc.stdout if proc.returncode == 0 else None


def params_at(root: Path, commit: str) -> dict:
    text = show(root, commit, "params.yaml")
    try:
        return (yaml.safe_load(text) or {}) if text else {}
    except yaml.YAMLError:
        return {}


def out_dir_at(root: Path, commit: str) -> str:
    """publish.out_dir of params.yaml at that commit (outputs/ by default)."""
    return str((params_at(root, commit).get("publish") or {}).get("out_dir") or "outputs")


def rows_at(root: Path, commit: str) -> dict[str, int]:
    """Rows per table from that commit's metrics.json (committed beside dvc.lock); empty if it has none."""
    text = show(root, commit, f"{out_dir_at(root, commit)}/metrics.json")
    try:
        return dict((json.loads(text) or {}).get("rows", {})) if text else {}
    except json.JSONDecodeError:
        return {}


def _tags(root: Path) -> dict[Version, str]:
    """Local tags vX.Y.Z -> the commit each points to."""
    out = {}
    listed = git(root, "for-each-ref", "--format=%(refname:short)" + FIELD + "%(*objectname)%(objectname)", "refs/tags")
    for line in listed.splitlines():
        name, _, target = line.partition(FIELD)
        match = VERSION_TEXT.fullmatch(name)
        if match and name.startswith("v"):
            out[Version(match.group(1))] = target[:40]
    return out


def releases(root: Path) -> list[Release]:
    """Every release reachable in the repository (any branch or tag), oldest first."""
    root = Path(root)
    found: dict[Version, tuple[str, str]] = {}
    # HEAD's history first, so a release commit on the current branch wins over a copy elsewhere
    for refs in (["HEAD"], ["--all"]):
        log = git(root, "log", *refs, f"--format=%H{FIELD}%cI{FIELD}%s", "--grep=^Release v", check=False)
        for line in log.splitlines():
            commit, date, subject = line.split(FIELD, 2)
            match = RELEASE_SUBJECT.fullmatch(subject.strip())
            if not match:
                continue
            version = Version(match.group(1))
            stated = str((params_at(root, commit).get("dataset") or {}).get("version", ""))
            if version not in found and stated == match.group(1):
                found[version] = (commit, date)
    tags = _tags(root)
    for version, commit in tags.items():
        found[version] = (commit, git(root, "show", "-s", "--format=%cI", commit))
    return sorted(
        (Release(v, c, d, rows_at(root, c), v in tags) for v, (c, d) in found.items()), key=lambda r: r.version
    )


def find(root: Path, version: str | Version) -> Release:
    """The release of that version, or a refusal that lists the known ones."""
    wanted = version if isinstance(version, Version) else parse(version)
    known = releases(root)
    for release in known:
        if release.version == wanted:
            return release
    listed = ", ".join(str(r.version) for r in known) or "none"
    raise VersionError(
        f"version {wanted} is not a release of {Path(root).resolve()} (releases: {listed})\n"
        "  what to do: `tipfacts versions` lists them; a clone needs the full history (no --depth)"
    )


def latest(root: Path) -> Release:
    known = releases(root)
    if not known:
        raise VersionError(f"{Path(root).resolve()} has no release yet (no commit 'Release vX.Y.Z')")
    return known[-1]


def resolve(root: Path, rev: str | None) -> str:
    """A full commit id for a version (`1.0.0`, `v1.0.0`), or for any git revision (branch, commit)."""
    if rev is None:
        return latest(root).commit
    if VERSION_TEXT.fullmatch(rev.strip()):
        return find(root, rev).commit
    commit = git(root, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", check=False)
    if not commit:
        raise VersionError(
            f"unknown revision {rev!r} in {Path(root).resolve()}\n"
            "  what to do: give a version (`tipfacts versions`), a branch or a commit, or `workspace`"
        )
    return commit


def restore_tags(root: Path) -> list[Release]:
    """Create the local tag vX.Y.Z of every release that has none (e.g. in a clone); returns those tagged."""
    made = []
    for release in releases(root):
        if not release.tagged:
            git(root, "tag", "-a", release.tag, release.commit, "-m", f"tipfacts dataset {release.version}")
            made.append(release)
    return made


def render(known: list[Release]) -> str:
    """The table `tipfacts versions` prints: one line per release, rows per table."""
    if not known:
        return "no release yet"
    tables = list(dict.fromkeys(t for r in known for t in r.rows))
    header = ["version", "commit", "date", *tables]
    lines = [header] + [
        [str(r.version), r.commit[:12], r.date[:10], *(str(r.rows.get(t, "-")) for t in tables)] for r in known
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]

    def aligned(line: list[str]) -> str:
        cells = zip(line, widths, strict=True)
        return "  ".join(c.ljust(w) if i < 3 else c.rjust(w) for i, (c, w) in enumerate(cells)).rstrip()

    return "\n".join(aligned(line) for line in lines)
