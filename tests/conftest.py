"""Shared helpers of the core suite: paths, report folders written into tmp_path, real pipeline runs.

Nothing here is mocked: reports are real files, ingest and extraction are the pipeline's own
functions, and the built output folders come from the real stages (validate + publish included).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml

PROJECT = Path(__file__).resolve().parents[1]
RAW_DIR = PROJECT / "raw"
SEED_ID = "wikipedia-human-trafficking-in-timor-leste"
SEED_TXT = RAW_DIR / f"{SEED_ID}.txt"
SEED_META = RAW_DIR / f"{SEED_ID}.meta.yaml"
FIXTURES = PROJECT / "tests" / "fixtures"
SEED_GOLD = PROJECT / "tests" / "seed"  # the seed's answer key
# ../shared (the Factbook corpus, the scorer) lies beside the checkout in CI but not in a researcher's clone:
# the tests read byte-identical copies vendored into tests/ (VENDORED; test_fixtures.py compares them), and
# only the tests that need the whole corpus or the scorer skip without it (needs_shared).
SHARED = PROJECT.parent / "shared"
FACTBOOK = SHARED / "corpus" / "factbook"
SCORER = SHARED / "eval" / "score.py"
VENDORED = {
    FIXTURES / "factbook": FACTBOOK,
    FIXTURES / "holdout": FACTBOOK,
    FIXTURES / "rules": FACTBOOK,
    RAW_DIR: SHARED / "corpus" / "seed",
    SEED_GOLD: SHARED / "gold",
}
BIN = Path(sys.executable).parent  # the virtualenv's bin: tipfacts and dvc live beside its python

FACT_TABLES = ["assessments", "country_roles", "flows", "legal_instruments", "events", "statistics", "organizations"]
ALL_TABLES = ["documents", "sentences", *FACT_TABLES, "country_year"]
# Columns the contract (shared/CONTRACT.md) lists per table; the outputs must hold at least these.
PROVENANCE = ["fact_id", "doc_id", "sentence_id", "evidence", "extractor"]
CONTRACT_COLUMNS = {
    "documents": [
        "doc_id",
        "title",
        "subject_iso3",
        "source_kind",
        "publisher",
        "url",
        "report_year",
        "retrieved_on",
        "license",
        "sha256",
        "n_chars",
        "n_sentences",
        "text",
    ],
    "sentences": [
        "sentence_id",
        "doc_id",
        "section",
        "section_year",
        "pillar",
        "sentence_no",
        "char_start",
        "char_end",
        "text",
    ],
    "assessments": [
        *PROVENANCE,
        "country_iso3",
        "year",
        "assessor",
        "tier",
        "meets_minimum_standards",
        "significant_efforts",
        "movement",
    ],
    "country_roles": [*PROVENANCE, "country_iso3", "role", "status", "victim_groups", "exploitation", "year"],
    "flows": [
        *PROVENANCE,
        "origin_iso3",
        "origin_area",
        "destination_iso3",
        "destination_area",
        "victim_groups",
        "exploitation",
        "sector",
        "status",
        "year",
        "trend",
        "attributed_to",
    ],
    "legal_instruments": [*PROVENANCE, "country_iso3", "instrument", "instrument_kind", "action", "date", "covers"],
    "events": [
        *PROVENANCE,
        "country_iso3",
        "event_type",
        "date",
        "date_precision",
        "location",
        "agencies",
        "persons_count",
        "count_qualifier",
        "persons_description",
        "nationalities",
        "pillar",
    ],
    "statistics": [*PROVENANCE, "country_iso3", "year", "indicator", "value", "qualifier", "unit"],
    "organizations": [*PROVENANCE, "name", "canonical", "org_kind", "country_iso3"],
    "country_year": [
        "iso3",
        "year",
        "country_name",
        "m49",
        "tier",
        "meets_minimum_standards",
        "prosecutions",
        "convictions",
        "victims_identified",
        "n_origin_countries",
        "n_destination_countries",
        "protocol_ratified",
        "doc_ids",
    ],
}
# Multi-valued (*list*) columns of the contract.
LIST_COLUMNS = {
    "country_roles": ["victim_groups", "exploitation"],
    "flows": ["victim_groups"],
    "legal_instruments": ["covers"],
    "events": ["agencies", "nationalities"],
    "country_year": ["doc_ids"],
}
# A few Factbook entries (from tests/fixtures/factbook) used beside the seed.
FACTBOOK_SAMPLE = ["factbook-2014-kenya", "factbook-2020-nigeria", "factbook-2022-indonesia"]
MAX_BYTES = 20_000_000


def write_report(
    folder: Path, text: str, meta: dict[str, Any] | str | None = None, doc_id: str = "report", suffix: str = ".txt"
) -> Path:
    """A report file (and its sidecar) in `folder`, as a user would drop it into raw/."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{doc_id}{suffix}").write_text(text, encoding="utf-8", newline="")
    if meta is not None:
        body = meta if isinstance(meta, str) else yaml.safe_dump(meta, sort_keys=True, allow_unicode=True)
        (folder / f"{doc_id}.meta.yaml").write_text(body, encoding="utf-8")
    return folder


@dataclass
class Extracted:
    """One report after the real ingest and extract stages."""

    doc: Any
    facts: dict[str, list[dict[str, Any]]]

    def rows(self, table: str, containing: str | None = None) -> list[dict[str, Any]]:
        """Facts of a table, optionally only those from the sentence that contains `containing`."""
        if containing is None:
            return list(self.facts[table])
        ids = {s.sentence_id for s in self.doc.sentences if containing in s.text}
        assert ids, f"no sentence contains {containing!r}"
        return [f for f in self.facts[table] if f["sentence_id"] in ids]

    def total(self) -> int:
        return sum(len(rows) for rows in self.facts.values())


def assert_fact_provenance(doc: Any, facts: dict[str, list[dict[str, Any]]]) -> None:
    """The contract's provenance rules for facts of one report."""
    sentences = {s.sentence_id: s.text for s in doc.sentences}
    for table, rows in facts.items():
        for row in rows:
            assert row["doc_id"] == doc.doc_id, (table, row)
            assert row["sentence_id"] in sentences, (table, row)
            assert isinstance(row["evidence"], str) and row["evidence"], (table, row)
            assert row["evidence"] in sentences[row["sentence_id"]], (table, row)
            assert isinstance(row["extractor"], str) and row["extractor"].strip(), (table, row)


@pytest.fixture
def extract_text(tmp_path: Path) -> Callable[..., Extracted]:
    """Write one report into a fresh folder, ingest it and extract its facts (provenance checked)."""
    from tipfacts.stages.extract import extract_document
    from tipfacts.stages.ingest import ingest

    counter = iter(range(1_000_000))

    def run(
        text: str,
        meta: dict[str, Any] | None = None,
        subject: str | None = None,
        report_year: int | None = None,
        suffix: str = ".txt",
    ) -> Extracted:
        meta = dict(meta or {})
        if subject is not None:
            meta["subject"] = subject
        if report_year is not None:
            meta["report_year"] = report_year
        folder = write_report(tmp_path / f"reports-{next(counter)}", text, meta or None, suffix=suffix)
        (doc,) = ingest(folder, MAX_BYTES)
        facts = extract_document(doc)
        assert_fact_provenance(doc, facts)
        return Extracted(doc, facts)

    return run


def copy_reports(dest: Path, *sources: Path) -> Path:
    """Copy report files (with their sidecars) into `dest`."""
    dest.mkdir(parents=True, exist_ok=True)
    for source in sources:
        shutil.copy2(source, dest / source.name)
        sidecar = source.with_name(source.stem + ".meta.yaml")
        if sidecar.exists():
            shutil.copy2(sidecar, dest / sidecar.name)
    return dest


def seed_corpus(dest: Path) -> Path:
    return copy_reports(dest, SEED_TXT)


def mixed_corpus(dest: Path) -> Path:
    """Seed, three Factbook entries, an HTML report and a report that states no facts at all."""
    copy_reports(dest, SEED_TXT, *(FIXTURES / "factbook" / f"{doc_id}.txt" for doc_id in FACTBOOK_SAMPLE))
    write_report(
        dest,
        (
            "<html><head><title>ignored</title><style>p {color: red}</style></head><body>"
            "<h1>Human trafficking in Nepal</h1>"
            "<p>Nepal is a source, transit, and destination country for men, women, and children subjected to "
            "forced labor and sex trafficking.</p>"
            "<h2>Prosecution (2019)</h2>"
            "<p>In March 2019, police raided a dance bar in Kathmandu and arrested 14 suspects.</p>"
            "<script>var tracking = 1;</script></body></html>"
        ),
        {
            "subject": "Nepal",
            "report_year": 2019,
            "license": "CC BY-SA 4.0",
            "url": "https://example.org/nepal",
            "source_kind": "ngo_report",
        },
        doc_id="ngo-nepal-2019",
        suffix=".html",
    )
    write_report(
        dest,
        "= Editorial note =\n\nThis page lists the sources we read.\n",
        {"subject": "Nepal", "license": "CC0-1.0", "url": "https://example.org/notes"},
        doc_id="zz-editorial-note",
    )
    return dest


@pytest.fixture(scope="session", autouse=True)
def _user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Builds of temporary folders cache in the per-user cache (tipfacts.caching.home): the suite's go to
    a temporary one, not ~/.cache (platformdirs reads XDG_CACHE_HOME; subprocesses inherit it)."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("xdg-cache"))
    yield Path(os.environ["XDG_CACHE_HOME"])
    if before is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = before


def params_for(raw_dir: Path, out_dir: Path, work_dir: Path, workers: int = 1):
    """The project's params.yaml knobs, pointed at temporary folders, without the extraction cache."""
    from tipfacts import params as params_module

    params = params_module.load(PROJECT / "params.yaml")
    return dataclasses.replace(
        params, raw_dir=raw_dir, out_dir=out_dir, work_dir=work_dir, workers=workers, cache=False
    )


def build_into(raw_dir: Path, out_dir: Path, workers: int = 1) -> Path:
    """Every stage in one process (what `tipfacts build` runs) into `out_dir`."""
    from tipfacts.stages import build

    build.build(params_for(raw_dir, out_dir, out_dir.parent / f"{out_dir.name}-work", workers))
    return out_dir


@pytest.fixture(scope="session")
def seed_frames(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pd.DataFrame]:
    """The seed's tables as the ingest and extract stages hand them to validate (not yet validated)."""
    from tipfacts.stages import build

    root = tmp_path_factory.mktemp("seed-frames")
    params = params_for(seed_corpus(root / "raw"), root / "out", root / "work")
    frames = build.run_ingest(params)
    frames |= build.run_extract(frames, params, build.Summary())
    return frames


@pytest.fixture
def frames(seed_frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """A private deep copy of the seed's frames, for a test to corrupt."""
    return {name: frame.copy(deep=True) for name, frame in seed_frames.items()}


@pytest.fixture(scope="session")
def mixed_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A published output folder built from the mixed corpus."""
    root = tmp_path_factory.mktemp("mixed")
    return build_into(mixed_corpus(root / "raw"), root / "out")


def read_table(out: Path, table: str) -> pd.DataFrame:
    return pd.read_parquet(out / f"{table}.parquet")


def needs_shared(what: str, path: Path) -> pytest.MarkDecorator:
    """Skip a test that needs `path` in ../shared (the whole corpus, the scorer) when a clone has none beside it."""
    return pytest.mark.skipif(not path.exists(), reason=f"{what}: ../shared is not beside this clone")


def factbook_report(doc_id: str) -> tuple[str, dict[str, Any]]:
    """Text and sidecar of one Factbook entry vendored into tests/fixtures."""
    (folder,) = [f for f in (FIXTURES / "factbook", FIXTURES / "rules") if (f / f"{doc_id}.txt").exists()]
    text = (folder / f"{doc_id}.txt").read_text(encoding="utf-8")
    meta = yaml.safe_load((folder / f"{doc_id}.meta.yaml").read_text(encoding="utf-8"))
    return text, meta


def import_root(project: Path) -> Path:
    """A folder to put on PYTHONPATH so that `import tipfacts` loads a copied project's own code, even edited.

    The package is installed from the checkout (pipeline/ as `tipfacts`, schemas/ as `tipfacts.schemas`);
    a copy gets the same shape as a tree of symbolic links beside it: <project>-import/tipfacts/...
    """
    root = project.parent / f"{project.name}-import"
    package = root / "tipfacts"
    package.mkdir(parents=True, exist_ok=True)
    for child in (project / "pipeline").iterdir():
        if child.name != "__pycache__" and not (package / child.name).exists():
            (package / child.name).symlink_to(child.resolve())
    if not (package / "schemas").exists():
        (package / "schemas").symlink_to((project / "schemas").resolve())
    return root
