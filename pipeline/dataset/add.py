"""`tipfacts add`: copy one report into raw/ under a slug id, with its `<id>.meta.yaml` sidecar.

The report is read exactly as the ingest stage will read it (encoding, metadata, size, sha256)
before anything is written, so a bad file leaves raw/ as it was. A report whose bytes are
already in raw/ (under any id), or an id already taken, is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from slugify import slugify

from tipfacts.errors import InputError
from tipfacts.stages import ingest

# Order of the keys in a written sidecar; a key ingest accepts beyond these goes before sha256.
_FIRST = ("title", "url", "publisher", "source_kind", "subject", "report_year", "retrieved_on", "license")
META_ORDER = [*(k for k in _FIRST if k in ingest.META_KEYS), *sorted(ingest.META_KEYS - {*_FIRST, "sha256"}), "sha256"]


@dataclass(frozen=True)
class Added:
    doc_id: str
    report: Path
    sidecar: Path
    n_sentences: int


def slug_id(text: str) -> str:
    """A valid report id (`[a-z0-9][a-z0-9-]*`) from any name: "Factbook 2014: Algeria" -> factbook-2014-algeria."""
    return slugify(text, lowercase=True, separator="-", max_length=120, word_boundary=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _existing(raw_dir: Path) -> tuple[dict[str, Path], dict[str, Path]]:
    """(id -> a file named `<id>.<anything>`, sha256 -> file) of what raw/ already holds (ids hold no dot)."""
    taken: dict[str, Path] = {}
    hashes: dict[str, Path] = {}
    for path in sorted(raw_dir.iterdir()):
        if path.name.startswith(".") or not path.is_file():
            continue
        taken.setdefault(path.name.split(".", 1)[0], path)
        if not path.name.endswith(ingest.META_SUFFIX):
            hashes.setdefault(_sha256(path), path)
    return taken, hashes


def _read_sidecar(path: Path) -> dict[str, Any]:
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        raise InputError(
            path,
            f"the metadata file beside the report cannot be read: {err}",
            "fix it, or pass --no-sidecar and give the metadata as options",
        ) from None
    if not isinstance(meta, dict):
        raise InputError(path, "metadata must be a mapping of `key: value` lines")
    return meta


def _yaml_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def add_report(
    source: Path,
    raw_dir: Path,
    *,
    doc_id: str | None = None,
    meta: dict[str, Any] | None = None,
    use_sidecar: bool = True,
    max_bytes: int = 20_000_000,
    max_year: int | None = None,
) -> Added:
    """Check `source` as ingest will, then copy it (and a sidecar) into `raw_dir` as `<doc_id><suffix>`.

    Metadata comes from the sidecar beside `source` (`<stem>.meta.yaml`, if any) overridden by `meta`
    (options given on the command line); the sidecar written always carries the file's sha256.
    """
    source = Path(source)
    if not source.is_file():
        raise InputError(source, "no such file", "give the path of a .txt, .md or .html report")
    suffix = source.suffix.lower()
    if suffix not in ingest.REPORT_SUFFIXES:
        raise InputError(
            source,
            f"reports must end in {', '.join(ingest.REPORT_SUFFIXES)}, not {source.suffix!r}",
            "convert it to text (.txt), Markdown (.md) or HTML (.html) first",
        )
    if not raw_dir.is_dir():
        raise InputError(raw_dir, "no such folder of reports", "create it, or set ingest.raw_dir in params.yaml")

    wanted = doc_id if doc_id is not None else source.stem
    new_id = slug_id(wanted)
    if not new_id or not ingest.DOC_ID.fullmatch(new_id):
        raise InputError(source, f"cannot make a report id from {wanted!r}", "pass --id with letters or digits")

    sidecar_in = source.with_name(source.stem + ingest.META_SUFFIX)
    merged: dict[str, Any] = _read_sidecar(sidecar_in) if use_sidecar and sidecar_in.is_file() else {}
    merged.update({k: v for k, v in (meta or {}).items() if v is not None})
    unknown = sorted(set(map(str, merged)) - ingest.META_KEYS)
    if unknown:
        where = sidecar_in if use_sidecar and sidecar_in.is_file() else source
        raise InputError(
            where, f"unknown metadata key(s): {', '.join(unknown)}", f"use only: {', '.join(sorted(ingest.META_KEYS))}"
        )

    taken, hashes = _existing(raw_dir)
    digest = _sha256(source)
    if digest in hashes:
        raise InputError(
            source,
            f"the same report (same bytes, sha256 {digest[:12]}...) is already in {raw_dir} as {hashes[digest].name}",
            "nothing to add; it is already there",
        )
    if new_id in taken:
        raise InputError(
            source, f"the report id {new_id!r} is already taken by {taken[new_id]}", "choose another id with --id"
        )
    merged.setdefault("sha256", digest)  # a sha256 given in the sidecar is checked by ingest, not overwritten

    # Keys nobody gave stay out: a stated `null` means "deliberately unknown" and silences ingest's warning.
    record = {key: _yaml_value(merged[key]) for key in META_ORDER if key in merged}
    text = yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=1000)

    # Read the report exactly as the ingest stage will, from a scratch folder: raw/ is untouched until it passes.
    with tempfile.TemporaryDirectory(prefix="tipfacts-add-") as scratch:
        staged = Path(scratch) / f"{new_id}{suffix}"
        staged_meta = Path(scratch) / f"{new_id}{ingest.META_SUFFIX}"
        shutil.copyfile(source, staged)
        staged_meta.write_text(text, encoding="utf-8")
        year = max_year or dt.date.today().year + 1
        try:
            doc = ingest.read_document(new_id, staged, staged_meta, max_bytes, year, shown_as=source)
        except InputError as err:  # name the user's file, not the scratch copy
            if err.path != staged_meta:
                raise InputError(source, err.problem, err.hint, err.line) from None
            if use_sidecar and sidecar_in.is_file():
                raise InputError(sidecar_in, f"metadata (with the options given): {err.problem}", err.hint) from None
            raise InputError(source, f"metadata given as options: {err.problem}", err.hint) from None
        if not doc.sentences:
            raise InputError(
                source,
                "the report has no sentences to extract facts from",
                "check that it holds prose, not only headings",
            )
        report = raw_dir / staged.name
        sidecar = raw_dir / staged_meta.name
        _install({staged_meta: sidecar, staged: report})
    return Added(new_id, report, sidecar, len(doc.sentences))


def _install(moves: dict[Path, Path]) -> None:
    """Copy each file to a hidden temporary name in its target folder, then rename all; all or nothing."""
    done: list[Path] = []
    temps: list[tuple[Path, Path]] = []
    try:
        for src, dst in moves.items():
            tmp = dst.with_name(f".{dst.name}.tmp-{os.getpid()}")
            shutil.copyfile(src, tmp)
            temps.append((tmp, dst))
        for tmp, dst in temps:
            if dst.exists():
                raise InputError(dst, "appeared while adding the report", "run `tipfacts add` again")
            tmp.replace(dst)
            done.append(dst)
    except BaseException:
        for path in done:
            path.unlink(missing_ok=True)
        raise
    finally:
        for tmp, _ in temps:
            tmp.unlink(missing_ok=True)
