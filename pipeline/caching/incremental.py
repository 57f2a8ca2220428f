"""Saves each report's rows (ingest, facts, validated rows); invalidated by its bytes, its sidecar or the stage
code changing.

Ingest, extract and validate redo only the reports that changed since the last run (cache on).

Every report gets an ingest key: the sha256 of its bytes, its sidecar's bytes, its id, the
limits that apply to it and the ingest code (`INGEST_FILES`, library versions). The last run's
`documents`/`sentences` rows and fact rows are kept per report key in snapshots under the cache
folder (tipfacts.caching.snapshot); a rerun reads and hashes every file, reads only the new or
changed ones, and extracts only those. Rows are put back in report order, so the tables are the
ones a full build makes.

Extraction keys are the ingest key plus `extract.rules_fingerprint()` and the ingest and schema
fingerprints: a rule change re-extracts every report. The snapshots hold the last run's reports
only (one corpus's worth); where they live: tipfacts.caching.home.

Validation keys are a hash of the report's rows in every table it is handed (values, columns,
dtypes) and of the validate code (`validate_fingerprint`): the same under `tipfacts build` and
under dvc's validate stage, which reads its tables from files. Only the new or changed reports'
rows go through Pandera and the provenance checks; uniqueness, the one rule that spans reports,
is checked on the whole tables. Any failure reruns the uncached validation of every row, so the
failure report, the dropped rows and the exit code are those of a run without the cache.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import shutil
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from tipfacts import schemas
from tipfacts.caching import snapshot
from tipfacts.caching.fingerprint import source_fingerprint
from tipfacts.errors import ValidationFailed
from tipfacts.params import Params
from tipfacts.stages import validate

if TYPE_CHECKING:
    from tipfacts.stages.ingest import Document

# tipfacts.stages.ingest and .extract (nltk, the lexicon, the rules) are imported where they run: `dvc repro`
# starts one process per stage, and validate need not pay for them.

log = logging.getLogger("tipfacts")
INGEST_LIBRARIES = ("nltk", "beautifulsoup4", "pyyaml", "pycountry", "countryinfo", "pandas")


# Snapshot table of one row per report: its id and key (and, for ingest, its files' stat).
REPORTS = "_reports"
STAT = "_stat"


class Ingested(dict):
    """The `documents` and `sentences` frames, with what extraction can reuse: the reports read
    in this run (`docs`, by id) and every report's ingest key (`report_keys`, None with the cache off)."""

    def __init__(self, frames: dict[str, pd.DataFrame], docs: dict[str, Document], keys: dict[str, str] | None) -> None:
        super().__init__(frames)
        self.docs = docs
        self.report_keys = keys


@dataclass
class Extracted:
    frames: dict[str, pd.DataFrame]
    fresh: int = 0
    without_facts: list[str] = field(default_factory=list)


@cache
def ingest_fingerprint() -> str:
    """What decides a report's documents and sentences rows: the code ingest can import, this file's
    snapshot format, and the libraries that read and split text."""
    digest = hashlib.sha256(source_fingerprint("tipfacts.stages.ingest", "tipfacts.caching.snapshot").encode())
    digest.update(Path(__file__).read_bytes())
    for lib in INGEST_LIBRARIES:
        try:
            digest.update(f"{lib}={metadata.version(lib)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{lib}=none".encode())
    return digest.hexdigest()[:16]


@cache
def schemas_fingerprint() -> str:
    """The tables' columns come from the schemas: the fact snapshot holds those columns only."""
    return source_fingerprint("tipfacts.schemas")


def _key(doc_id: str, path: Path, meta: Path | None, max_bytes: int, max_year: int) -> str | None:
    """The report's ingest key; None when it cannot be reused (too large, unreadable: read_document tells)."""
    try:
        if path.stat().st_size > max_bytes:
            return None
        digest = hashlib.sha256(f"{doc_id}\0{path.name}\0{max_bytes}\0{max_year}\0".encode())
        digest.update(path.read_bytes())
        if meta is not None:
            digest.update(f"\0{meta.name}\0".encode() + meta.read_bytes())
        return digest.hexdigest()
    except OSError:
        return None


def _in_order(parts: list[pd.DataFrame], fresh: pd.DataFrame, order: dict[str, int]) -> pd.DataFrame:
    """The parts' rows as one frame in report order (a report's rows keep their order), with the dtypes
    that one frame made from all the rows at once would have had."""
    parts = [p for p in parts if len(p)]
    if not parts:
        return fresh
    frame = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
    for column in frame.columns:
        dtypes = {str(p[column].dtype) for p in parts}
        if len(dtypes) > 1:  # e.g. one part all None (object), the other text: infer from all values at once
            values = frame[column].astype(object).where(frame[column].notna(), None).tolist()
            rebuilt = pd.DataFrame({column: values})[column]
            frame[column] = rebuilt.astype("Int64") if "Int64" in dtypes else rebuilt
    if len(parts) == 1:
        return frame.reset_index(drop=True)  # one part is in report order already
    ids = pa.array(list(order))  # `order` lists the reports in report order
    position = pc.index_in(pa.array(frame["doc_id"]), value_set=ids).to_numpy(zero_copy_only=False)
    return frame.iloc[np.argsort(position, kind="stable")].reset_index(drop=True)


def _rows_of(frame: pd.DataFrame, reports: set[str], total: int) -> pd.DataFrame:
    """The rows of `frame` that belong to `reports` (all of them when `reports` is all `total` it has)."""
    if len(reports) == total:
        return frame
    keep = pc.is_in(pa.array(frame["doc_id"]), value_set=pa.array(sorted(reports), type=pa.string()))
    return frame[keep.to_numpy(zero_copy_only=False)]


def _save(folder: Path, fingerprint: str, frames: dict[str, pd.DataFrame]) -> None:
    """Keep the snapshot for the next run; a table Arrow cannot hold only costs that run its speed."""
    try:
        snapshot.save(folder, fingerprint, frames)
    except (pa.ArrowException, TypeError, ValueError, OSError) as err:
        log.warning("warning: the cache snapshot %s was not written (%s); the next run reads every report", folder, err)
        shutil.rmtree(folder, ignore_errors=True)


def _stat(path: Path, meta: Path | None, max_bytes: int, max_year: int) -> str | None:
    """What says a file is untouched since the last run (size, times, inode of report and sidecar)."""
    try:
        parts = [f"{max_bytes}:{max_year}"]
        for file in (path, meta):
            if file is not None:
                st = file.stat()
                parts.append(f"{file.name}:{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}")
        return "|".join(parts)
    except OSError:
        return None


def run_ingest(params: Params) -> Ingested:
    """`documents` and `sentences` of every report in raw_dir; with the cache on, unchanged reports'
    rows come from the last run's snapshot.

    A report is unchanged when its ingest key (a hash of its bytes) is; the bytes are not even read
    again when size, modification and change times and inode of report and sidecar are the same as
    at the last run (as git and make decide).
    """
    from tipfacts.stages import ingest

    max_year = dt.date.today().year + 1
    if not params.cache:
        docs = ingest.ingest(params.raw_dir, params.max_report_bytes, max_year)
        frames = {"documents": ingest.documents_frame(docs), "sentences": ingest.sentences_frame(docs)}
        return Ingested(frames, {d.doc_id: d for d in docs}, None)
    found = ingest.discover(params.raw_dir)
    folder = params.cache_dir / "ingest"
    old = snapshot.load(folder, ingest_fingerprint())
    old = old if old and REPORTS in old else None
    reports = old.pop(REPORTS) if old else pd.DataFrame({"doc_id": [], snapshot.KEY: [], STAT: []})
    old_keys = dict(zip(reports["doc_id"].tolist(), reports[snapshot.KEY].tolist(), strict=True))
    old_stats = dict(zip(reports["doc_id"].tolist(), reports[STAT].tolist(), strict=True))
    stats, keys = {}, {}
    for doc_id, path, meta in found:
        stats[doc_id] = _stat(path, meta, params.max_report_bytes, max_year)
        if stats[doc_id] is not None and old_stats.get(doc_id) == stats[doc_id]:
            keys[doc_id] = old_keys[doc_id]
        else:
            keys[doc_id] = _key(doc_id, path, meta, params.max_report_bytes, max_year)
    reused = {doc_id for doc_id, key in keys.items() if key is not None and old_keys.get(doc_id) == key}
    docs = [
        ingest.read_document(doc_id, path, meta, params.max_report_bytes, max_year)
        for doc_id, path, meta in found
        if doc_id not in reused
    ]
    fresh = {"documents": ingest.documents_frame(docs), "sentences": ingest.sentences_frame(docs)}
    order = {doc_id: i for i, (doc_id, _, _) in enumerate(found)}
    frames = {}
    for name, frame in fresh.items():
        kept = _rows_of(old[name], reused, len(old_keys)) if old else frame.iloc[:0]
        frames[name] = _in_order([kept, frame], frame, order)
    if docs or len(reused) != len(old_keys) or any(old_stats.get(i) != stats[i] for i in reused):
        ids = list(keys)
        _save(
            folder,
            ingest_fingerprint(),
            {
                **frames,
                REPORTS: pd.DataFrame(
                    {"doc_id": ids, snapshot.KEY: [keys[i] for i in ids], STAT: [stats[i] for i in ids]}
                ),
            },
        )
    return Ingested(frames, {d.doc_id: d for d in docs}, keys)


def _keys_from_snapshot(frames: dict[str, pd.DataFrame], params: Params) -> dict[str, str] | None:
    """The reports' ingest keys when `frames` are exactly the tables the last cached ingest made, as
    for dvc's extract stage, which reads them back from build/ingest; else None."""
    old = snapshot.load(params.cache_dir / "ingest", ingest_fingerprint())
    if not old or REPORTS not in old:
        return None
    for name in ("documents", "sentences"):
        if not old[name].reset_index(drop=True).equals(frames[name].reset_index(drop=True)):
            return None
    keys = dict(zip(old[REPORTS]["doc_id"].tolist(), old[REPORTS][snapshot.KEY].tolist(), strict=True))
    if keys.keys() != set(frames["documents"]["doc_id"].tolist()) or None in keys.values():
        return None
    return keys


def run_extract(ingested: dict[str, pd.DataFrame], params: Params) -> Extracted:
    """The fact tables; with the cache on and ingest keys known, unchanged reports' rows come from the
    last run's snapshot and only the others are extracted."""
    from tipfacts.stages import extract, ingest

    cache_dir = params.cache_dir if params.cache else None
    keys = getattr(ingested, "report_keys", None)  # a plain dict (the dvc stage's files) has none
    if keys is None and cache_dir is not None:
        keys = _keys_from_snapshot(ingested, params)
        ingested = Ingested(ingested, getattr(ingested, "docs", {}), keys)
    if keys is None or cache_dir is None:
        known = getattr(ingested, "docs", {})
        ids = ingested["documents"]["doc_id"].tolist()
        docs = (
            [known[i] for i in ids]
            if known.keys() >= set(ids)
            else ingest.from_frames(ingested["documents"], ingested["sentences"])
        )
        frames, without = extract.extract_frames(docs, params.workers, params.scheduler)
        return Extracted(frames, len(docs), without)

    fingerprint = extract.rules_fingerprint() + ingest_fingerprint() + schemas_fingerprint()
    ids = ingested["documents"]["doc_id"].tolist()
    ekeys = {doc_id: hashlib.sha256(f"{fingerprint}\0{keys[doc_id]}".encode()).hexdigest() for doc_id in ids}
    folder = params.cache_dir / "extract"
    old = snapshot.load(folder, fingerprint)
    old = old if old and REPORTS in old else None
    reports = old.pop(REPORTS) if old else pd.DataFrame({"doc_id": [], snapshot.KEY: [], "n": []})
    old_keys = dict(zip(reports["doc_id"].tolist(), reports[snapshot.KEY].tolist(), strict=True))
    reused = {doc_id for doc_id in ids if old_keys.get(doc_id) == ekeys[doc_id]}
    todo_ids = [doc_id for doc_id in ids if doc_id not in reused]
    docs = [ingested.docs[i] for i in todo_ids if i in ingested.docs]
    if len(docs) < len(todo_ids):  # read in an earlier run, but not extracted with these rules: rebuild them
        missing = set(todo_ids) - set(ingested.docs)
        rebuilt = {
            d.doc_id: d
            for d in ingest.from_frames(
                ingested["documents"][ingested["documents"]["doc_id"].isin(missing)],
                ingested["sentences"][ingested["sentences"]["doc_id"].isin(missing)],
            )
        }
        docs = [ingested.docs.get(i) or rebuilt[i] for i in todo_ids]
    new, without = extract.extract_frames(docs, params.workers, params.scheduler, keep_sentence_no=True)
    order = {doc_id: i for i, doc_id in enumerate(ids)}
    frames = {}
    for table, frame in new.items():
        kept = _rows_of(old[table], reused, len(old_keys)) if old else frame.iloc[:0]
        frames[table] = _in_order([kept, frame], frame, order)
    counts = dict(zip(reports["doc_id"].tolist(), reports["n"].tolist(), strict=True))
    without_set = set(without)
    without = sorted([i for i in reused if counts.get(i) == 0] + [i for i in todo_ids if i in without_set])
    if todo_ids or len(reused) != len(old_keys):
        n = {i: 0 for i in ids}
        for frame in frames.values():
            for doc_id, count in frame["doc_id"].value_counts().to_dict().items():
                n[doc_id] += count
        _save(
            folder,
            fingerprint,
            {
                **frames,
                REPORTS: pd.DataFrame({"doc_id": ids, snapshot.KEY: [ekeys[i] for i in ids], "n": [n[i] for i in ids]}),
            },
        )
    columns = {table: list(model.to_schema().columns) for table, model in schemas.FACT_TABLES.items()}
    return Extracted({table: frame[columns[table]] for table, frame in frames.items()}, len(docs), without)


@dataclass
class Validated:
    frames: dict[str, pd.DataFrame]
    fresh: int = 0


@cache
def validate_fingerprint() -> str:
    """What decides a report's validated rows: the validate code, the schemas, this file's snapshot format,
    and pandas/pandera (coercion)."""
    digest = hashlib.sha256(source_fingerprint("tipfacts.stages.validate", "tipfacts.caching.snapshot").encode())
    digest.update(Path(__file__).read_bytes())
    for lib in ("pandas", "pandera", "pyarrow"):
        digest.update(f"{lib}={metadata.version(lib)}".encode())
    return digest.hexdigest()[:16]


def report_digests(frames: dict[str, pd.DataFrame]) -> dict[str, str] | None:
    """Each report's key for validation: a hash of its rows in every table (values, columns, dtypes) and of
    the validate code. None when a column mixes Python types (a hash of its values could hide a change
    of type): then nothing is reused."""
    head = hashlib.sha256(validate_fingerprint().encode())
    names = sorted(frames)
    hashes = []
    for name in names:
        frame = frames[name]
        kinds = [pd.api.types.infer_dtype(frame[c], skipna=True) if frame[c].dtype == object else "" for c in frame]
        if any(kind.startswith("mixed") for kind in kinds):
            return None
        head.update(repr((name, list(frame.columns), [str(t) for t in frame.dtypes], kinds)).encode())
        hashes.append(pd.util.hash_pandas_object(frame, index=False).to_numpy())
    # Every row of every table at once, grouped by report (then table, then row order): one slice per report.
    codes, ids = pd.factorize(
        np.concatenate([frames[name]["doc_id"].to_numpy(dtype=object) for name in names]), use_na_sentinel=False
    )
    table = np.repeat(np.arange(len(names)), [len(h) for h in hashes])
    order = np.lexsort((np.arange(len(codes)), table, codes))
    row_hash = np.concatenate(hashes)[order]
    counts = np.zeros((len(ids), len(names)), dtype=np.int64)  # a report's rows per table
    np.add.at(counts, (codes, table), 1)
    bounds = np.concatenate([[0], np.cumsum(counts.sum(axis=1))])
    digests = {}
    for i, doc_id in enumerate(ids.tolist()):
        digest = head.copy()
        digest.update(counts[i].tobytes() + row_hash[bounds[i] : bounds[i + 1]].tobytes())
        digests[doc_id] = digest.hexdigest()
    return digests


def _duplicates(frames: dict[str, pd.DataFrame]) -> bool:
    """Whether any table breaks a uniqueness rule of its schema: the one check that spans reports."""
    for name, frame in frames.items():
        schema = schemas.TABLES[name].to_schema()
        unique = [[c] for c, column in schema.columns.items() if column.unique]
        unique += [list(schema.unique)] if schema.unique else []
        if any(frame.duplicated(subset=columns).any() for columns in unique):
            return True
    return False


def run_validate(frames: dict[str, pd.DataFrame], cache_dir: Path | None, report_path: Path | None) -> Validated:
    """The per-report tables (documents, sentences, facts) validated; with the cache on, the validated rows
    of reports whose rows are unchanged come from the last run and only the others go through Pandera and
    the provenance checks. Uniqueness across reports is checked on the whole tables. Any failure reruns the
    whole validation, so the report, the dropped rows and the exit code are those of a run without cache."""
    keys = report_digests(frames) if cache_dir is not None else None
    if keys is None:
        return Validated(validate.validate(frames, report_path), len(frames["documents"]))
    if report_path is not None:
        report_path.unlink(missing_ok=True)  # a report left by an earlier failed run is stale now
    folder = cache_dir / "validate"
    fingerprint = validate_fingerprint()
    old = snapshot.load(folder, fingerprint)
    old = old if old and REPORTS in old else None
    reports = old.pop(REPORTS) if old else pd.DataFrame({"doc_id": [], snapshot.KEY: []})
    old_keys = dict(zip(reports["doc_id"].tolist(), reports[snapshot.KEY].tolist(), strict=True))
    reused = {doc_id for doc_id, key in keys.items() if old_keys.get(doc_id) == key}
    todo = set(keys) - reused
    try:
        fresh = validate.validate({name: _rows_of(frame, todo, len(keys)) for name, frame in frames.items()})
    except ValidationFailed:
        return Validated(validate.validate(frames, report_path), len(keys))
    order = {doc_id: i for i, doc_id in enumerate([*frames["documents"]["doc_id"].tolist(), *keys])}
    out = {}
    for name, frame in fresh.items():
        kept = _rows_of(old[name], reused, len(old_keys)) if old else frame.iloc[:0]
        out[name] = _in_order([kept, frame], frame, order)
    if _duplicates(out):
        return Validated(validate.validate(frames, report_path), len(keys))
    # A report that lost rows (a rule's mistake its schema rejects) is validated again next time, so its
    # warning is said again.
    lost: set[str] = set()
    for name, frame in fresh.items():
        before = _rows_of(frames[name], todo, len(keys))["doc_id"].value_counts()
        lost.update(before.index[before != frame["doc_id"].value_counts().reindex(before.index, fill_value=0)])
    if todo or len(reused) != len(old_keys):
        ids = list(keys)
        saved = [None if i in lost else keys[i] for i in ids]
        _save(folder, fingerprint, {**out, REPORTS: pd.DataFrame({"doc_id": ids, snapshot.KEY: saved})})
    return Validated(out, len(todo))
