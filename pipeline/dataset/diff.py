"""`tipfacts diff REV_A [REV_B]`: rows added, removed and changed per table between two versions.

A version is a release (`1.0.0` or `v1.0.0`, found in the history without tags), any git revision
(a branch, a commit), or `workspace` for the files in outputs/ now. Rows are matched on their key: `fact_id` in the fact
tables, `doc_id`, `sentence_id`, and `iso3` + `year` in `country_year`. The schemas
(datapackage.json) are compared too; `tipfacts release` uses both to check a version number.
"""

from __future__ import annotations

import io
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from tipfacts.dataset import reach, versions
from tipfacts.errors import RevisionUnreadable

WORKSPACE = "workspace"
KEYS = {"documents": ["doc_id"], "sentences": ["sentence_id"], "country_year": ["iso3", "year"]}
PACKAGE_FILE = "datapackage.json"
LEVELS = ("patch", "minor", "major")
MAX_EXAMPLES = 3
log = logging.getLogger("tipfacts")


class RevisionError(RevisionUnreadable):
    """A revision, or a file at it, cannot be read."""


# ---------------------------------------------------------------------------------------------- reading


class Snapshot:
    """The published files at one version (`1.0.0`), git revision, or the workspace: datapackage.json and tables.

    A version or revision is resolved from the history (tipfacts.dataset.versions, no tag needed) and its
    files come from DVC or, where no copy is reachable, a hash-checked rebuild (tipfacts.dataset.reach).
    """

    def __init__(self, root: Path, rev: str | None) -> None:
        self.root = Path(root).resolve()
        self.rev = None if rev in (None, "", WORKSPACE) else rev
        self.label = self.rev or WORKSPACE
        self.commit = versions.resolve(self.root, self.rev) if self.rev else None
        self.out_dir = versions.out_dir_at(self.root, self.commit) if self.commit else self._workspace_out_dir()
        self.package: dict[str, Any] = json.loads(self._read(PACKAGE_FILE).decode("utf-8"))

    def _workspace_out_dir(self) -> str:
        """publish.out_dir of the working tree's params.yaml (outputs/ by default)."""
        try:
            params = yaml.safe_load((self.root / "params.yaml").read_text(encoding="utf-8")) or {}
        except (FileNotFoundError, yaml.YAMLError):
            params = {}
        return str((params.get("publish") or {}).get("out_dir") or "outputs")

    def _read(self, name: str) -> bytes:
        if self.commit is None:
            path = self.root / self.out_dir / name
            if not path.exists():
                raise RevisionError(f"{path}: not built yet\n  what to do: run `dvc repro` (or `tipfacts build`)")
            return path.read_bytes()
        fetched = reach.fetch(self.root, self.commit, name)
        if fetched.note:
            log.warning("tipfacts: %s", fetched.note)
        return fetched.data

    @property
    def version(self) -> str | None:
        return self.package.get("version")

    @property
    def tables(self) -> list[str]:
        return [r["name"] for r in self.package.get("resources", [])]

    def table(self, name: str) -> pd.DataFrame:
        return pd.read_parquet(io.BytesIO(self._read(f"{name}.parquet")))


def key_of(table: str, frame: pd.DataFrame, package: dict[str, Any] | None = None) -> list[str]:
    """Columns that identify a row of `table`."""
    if "fact_id" in frame.columns:
        return ["fact_id"]
    if table in KEYS and set(KEYS[table]) <= set(frame.columns):
        return KEYS[table]
    for resource in (package or {}).get("resources", []):
        if resource.get("name") == table:
            primary = resource.get("schema", {}).get("primaryKey")
            if primary and set(primary) <= set(frame.columns):
                return list(primary)
    return list(frame.columns)


# ---------------------------------------------------------------------------------------------- rows


@dataclass
class TableDiff:
    table: str
    key: list[str]
    rows_a: int | None  # None: the table is not in that version
    rows_b: int | None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    columns_added: list[str] = field(default_factory=list)
    columns_removed: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.changed
            or self.columns_added
            or self.columns_removed
            or self.rows_a is None
            or self.rows_b is None
        )

    def as_dict(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "rows_a": self.rows_a,
            "rows_b": self.rows_b,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
            "columns_added": self.columns_added,
            "columns_removed": self.columns_removed,
        }


def as_tuple(key: Any) -> tuple[Any, ...]:
    return key if isinstance(key, tuple) else (key,)


def _label(key: tuple[Any, ...]) -> str:
    return " ".join(str(k) for k in key)


def _short(value: Any, width: int = 70) -> str:
    text = "null" if value is None else str(value)
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= width else text[: width - 3] + "..."


def _describe_row(table: str, row: pd.Series) -> str:
    for column in ("evidence", "title", "text", "country_name"):
        if column in row.index and row[column] is not None:
            return _short(row[column])
    return ""


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """Object columns with None for every kind of missing value, so equal values compare equal across dtypes."""
    return frame.astype(object).where(frame.notna(), None)


def diff_table(
    table: str, a: pd.DataFrame | None, b: pd.DataFrame | None, package: dict[str, Any] | None = None
) -> TableDiff:
    """Rows of `b` not in `a` (added), of `a` not in `b` (removed), and in both with other values (changed)."""
    present = b if b is not None else a
    assert present is not None
    key = key_of(table, present, package)
    result = TableDiff(table, key, None if a is None else len(a), None if b is None else len(b))
    frames = {}
    for name, frame in (("a", a), ("b", b)):
        if frame is None:
            frame = pd.DataFrame(columns=present.columns)
        if not set(key) <= set(frame.columns):
            frame = frame.assign(**{k: None for k in key if k not in frame.columns})
        frames[name] = _plain(frame).drop_duplicates(subset=key).set_index(key, drop=False)
    fa, fb = frames["a"], frames["b"]
    if a is not None and b is not None:
        result.columns_added = [c for c in b.columns if c not in a.columns]
        result.columns_removed = [c for c in a.columns if c not in b.columns]
    keys_a, keys_b = set(fa.index), set(fb.index)
    added = sorted((k for k in keys_b - keys_a), key=lambda k: str(as_tuple(k)))
    removed = sorted((k for k in keys_a - keys_b), key=lambda k: str(as_tuple(k)))
    common = [k for k in fb.index if k in keys_a]
    columns = [c for c in fb.columns if c in fa.columns and c not in key]
    changed: list[tuple[Any, list[str]]] = []
    if common and columns:
        left, right = fa.loc[common, columns], fb.loc[common, columns]
        same = (left == right) | (left.isna() & right.isna())
        for k, row in zip(common, same.itertuples(index=False), strict=True):
            differing = [c for c, ok in zip(columns, row, strict=True) if not ok]
            if differing:
                changed.append((k, differing))
    changed.sort(key=lambda item: str(as_tuple(item[0])))
    result.added = [_label(as_tuple(k)) for k in added]
    result.removed = [_label(as_tuple(k)) for k in removed]
    result.changed = [_label(as_tuple(k)) for k, _ in changed]
    for sign, keys, frame in (("+", added, fb), ("-", removed, fa)):
        for k in keys[:MAX_EXAMPLES]:
            text = _describe_row(
                table, frame.loc[k] if not isinstance(frame.loc[k], pd.DataFrame) else frame.loc[k].iloc[0]
            )
            result.examples.append(f"{sign} {_label(as_tuple(k))}" + (f": {text}" if text else ""))
    for k, differing in changed[:MAX_EXAMPLES]:
        parts = [f"{c} {_short(fa.at[k, c], 30)!s} -> {_short(fb.at[k, c], 30)!s}" for c in differing[:3]]
        more = f" (+{len(differing) - 3} more)" if len(differing) > 3 else ""
        result.examples.append(f"~ {_label(as_tuple(k))}: " + "; ".join(parts) + more)
    return result


# ---------------------------------------------------------------------------------------------- schema


@dataclass(frozen=True)
class SchemaChange:
    level: str  # patch | minor | major: the smallest version bump the change needs
    text: str


_LIST_PATTERN = re.compile(r"\(\?:(?P<items>.*)\)\(\?:;\(\?:(?P=items)\)\)\*")


def _vocabulary(field_: dict[str, Any]) -> list[str] | None:
    """Allowed values of a field: its enum, or the items of a `;`-list pattern (see tipfacts.dataset.datapackage)."""
    constraints = field_.get("constraints") or {}
    if "enum" in constraints:
        return [str(v) for v in constraints["enum"]]
    match = _LIST_PATTERN.fullmatch(constraints.get("pattern") or "")
    if match:
        return [re.sub(r"\\(.)", r"\1", item) for item in match.group("items").split("|")]
    return None


def schema_changes(old: dict[str, Any], new: dict[str, Any]) -> list[SchemaChange]:
    """What changed in the tables' public shape between two datapackage.json descriptors.

    Removing (or renaming) a table or column, changing a column's type, or removing a value from a
    vocabulary breaks users' code: major. New tables, columns or values: minor.
    """
    changes: list[SchemaChange] = []
    old_tables = {r["name"]: r for r in old.get("resources", [])}
    new_tables = {r["name"]: r for r in new.get("resources", [])}
    for name in old_tables.keys() - new_tables.keys():
        changes.append(SchemaChange("major", f"table `{name}` removed"))
    for name in new_tables.keys() - old_tables.keys():
        changes.append(SchemaChange("minor", f"table `{name}` added"))
    for name in [t for t in old_tables if t in new_tables]:
        old_fields = {f["name"]: f for f in old_tables[name].get("schema", {}).get("fields", [])}
        new_fields = {f["name"]: f for f in new_tables[name].get("schema", {}).get("fields", [])}
        gone = [f for f in old_fields if f not in new_fields]
        came = [f for f in new_fields if f not in old_fields]
        for column in gone:
            hint = f" (renamed? new: {', '.join(f'`{name}.{c}`' for c in came)})" if came else ""
            changes.append(SchemaChange("major", f"column `{name}.{column}` removed{hint}"))
        for column in came:
            changes.append(SchemaChange("minor", f"column `{name}.{column}` added"))
        for column in [c for c in old_fields if c in new_fields]:
            before, after = old_fields[column], new_fields[column]
            if before.get("type") != after.get("type"):
                changes.append(
                    SchemaChange(
                        "major", f"column `{name}.{column}` changed type {before.get('type')} -> {after.get('type')}"
                    )
                )
            vocab_before, vocab_after = _vocabulary(before), _vocabulary(after)
            if vocab_before is not None and vocab_after is not None:
                dropped = [v for v in vocab_before if v not in vocab_after]
                new_values = [v for v in vocab_after if v not in vocab_before]
                if dropped:
                    changes.append(SchemaChange("major", f"`{name}.{column}` no longer allows: {', '.join(dropped)}"))
                if new_values:
                    changes.append(SchemaChange("minor", f"`{name}.{column}` now also allows: {', '.join(new_values)}"))
            elif vocab_before is not None and vocab_after is None:
                changes.append(SchemaChange("minor", f"`{name}.{column}` is no longer limited to a vocabulary"))
            elif vocab_before is None and vocab_after is not None:
                changes.append(SchemaChange("major", f"`{name}.{column}` is now limited to: {', '.join(vocab_after)}"))
            required_before = (before.get("constraints") or {}).get("required")
            required_after = (after.get("constraints") or {}).get("required")
            if required_before and not required_after:
                # code written against the old version may read every value as present (issue 12's
                # statistics.value): a reader's code breaks, so a major change
                changes.append(SchemaChange("major", f"column `{name}.{column}` may now be null"))
            elif required_after and not required_before:
                changes.append(SchemaChange("minor", f"column `{name}.{column}` is now always given"))
    return changes


# ---------------------------------------------------------------------------------------------- both


@dataclass
class DatasetDiff:
    rev_a: str
    rev_b: str
    version_a: str | None
    version_b: str | None
    tables: dict[str, TableDiff]
    schema: list[SchemaChange]

    def data_level(self) -> str:
        """minor if any table gained rows (or appeared), patch otherwise (rows removed or changed, or nothing)."""
        return "minor" if any(t.added for t in self.tables.values()) else "patch"

    def level(self) -> str:
        """The smallest version bump the differences need: major, minor or patch."""
        levels = [c.level for c in self.schema] + [self.data_level()]
        return max(levels, key=LEVELS.index)

    def reasons(self, level: str) -> list[str]:
        out = [c.text for c in self.schema if c.level == level]
        if level == "minor" and self.data_level() == "minor":
            out.append(
                "rows added: " + ", ".join(f"{t.table} +{len(t.added)}" for t in self.tables.values() if t.added)
            )
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "rev_a": self.rev_a,
            "rev_b": self.rev_b,
            "version_a": self.version_a,
            "version_b": self.version_b,
            "level": self.level(),
            "schema": [{"level": c.level, "change": c.text} for c in self.schema],
            "tables": {name: t.as_dict() for name, t in self.tables.items()},
        }

    def summary_rows(self) -> list[tuple[str, str, str, int, int, int]]:
        def count(n: int | None) -> str:
            return "-" if n is None else str(n)

        return [
            (t.table, count(t.rows_a), count(t.rows_b), len(t.added), len(t.removed), len(t.changed))
            for t in self.tables.values()
        ]


def diff(root: Path, rev_a: str, rev_b: str | None = None) -> DatasetDiff:
    """Compare every table published at `rev_a` with `rev_b` (default: the workspace)."""
    snap_a, snap_b = Snapshot(root, rev_a), Snapshot(root, rev_b)
    names = [*snap_a.tables, *(t for t in snap_b.tables if t not in snap_a.tables)]
    tables = {}
    for name in names:
        a = snap_a.table(name) if name in snap_a.tables else None
        b = snap_b.table(name) if name in snap_b.tables else None
        tables[name] = diff_table(name, a, b, snap_b.package if b is not None else snap_a.package)
    return DatasetDiff(
        snap_a.label,
        snap_b.label,
        snap_a.version,
        snap_b.version,
        tables,
        schema_changes(snap_a.package, snap_b.package),
    )


def render(result: DatasetDiff) -> str:
    """The text `tipfacts diff` prints."""

    def version(v: str | None) -> str:
        return f" (version {v})" if v else ""

    lines = [
        f"tipfacts diff {result.rev_a}{version(result.version_a)} -> {result.rev_b}{version(result.version_b)}",
        "",
    ]
    header = ("table", "rows_a", "rows_b", "added", "removed", "changed")
    rows = [header, *[tuple(map(str, r)) for r in result.summary_rows()]]
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    for row in rows:
        lines.append(
            "  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths, strict=True)))
        )
    for table in result.tables.values():
        notes = []
        if table.rows_a is None:
            notes.append("  table added")
        if table.rows_b is None:
            notes.append("  table removed")
        notes += [f"  column added: {c}" for c in table.columns_added]
        notes += [f"  column removed: {c}" for c in table.columns_removed]
        if notes or table.examples:
            lines += ["", f"{table.table} (by {' + '.join(table.key)}):", *notes, *(f"  {e}" for e in table.examples)]
    if result.schema:
        lines += ["", "schema (datapackage.json):", *(f"  [{c.level}] {c.text}" for c in result.schema)]
    lines += ["", f"smallest version bump these changes need: {result.level()}"]
    return "\n".join(lines)
