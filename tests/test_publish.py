"""Publish: Parquet + CSV with the same rows, byte-identical reruns, a valid Data Package, metrics, lists.

The folders are built by the real stages (ingest, extract, validate, publish) from a small mixed
corpus: the seed, three Factbook entries, an HTML report and a report that states no facts.
"""

from __future__ import annotations

import hashlib
import json
import math
import re

import pandas as pd
import pyarrow.parquet as pq
import pytest
import yaml
from conftest import (
    ALL_TABLES,
    CONTRACT_COLUMNS,
    FACT_TABLES,
    LIST_COLUMNS,
    PROJECT,
    SEED_ID,
    build_into,
    mixed_corpus,
    read_table,
    seed_corpus,
    write_report,
)
from frictionless import Package
from frictionless import validate as frictionless_validate

from tipfacts.stages import build, publish

VICTIM_GROUPS = {"women", "men", "girls", "boys", "children", "adults", "persons", "workers", "migrants"}
EXPLOITATIONS = {
    "sexual_exploitation",
    "forced_labour",
    "domestic_servitude",
    "forced_marriage",
    "forced_criminality",
    "forced_begging",
    "organ_removal",
    "child_soldiering",
    "unspecified",
}
COVERS = {"sex_trafficking", "labour_trafficking", "child_trafficking", "all_forms"}


def tree_hashes(folder) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def read_csv(out, table: str) -> pd.DataFrame:
    return pd.read_csv(out / f"{table}.csv", dtype=str, keep_default_na=False, encoding="utf-8")


def cell(value) -> str:
    """One spelling for a value in either format: nulls '', whole floats without '.0', booleans True/False."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return text[:-2] if re.fullmatch(r"-?\d+\.0", text) else text


def rows_of(frame: pd.DataFrame) -> list[tuple[str, ...]]:
    return [tuple(cell(v) for v in row) for row in frame.astype(object).itertuples(index=False, name=None)]


@pytest.fixture(scope="module")
def package(mixed_out):
    return json.loads((mixed_out / "datapackage.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def frictionless_report(mixed_out):
    return frictionless_validate(str(mixed_out / "datapackage.json"))


# --- files -------------------------------------------------------------------------------------------


def test_every_table_is_published_in_both_formats(mixed_out):
    names = {p.name for p in mixed_out.iterdir()}
    expected = {f"{t}.{ext}" for t in ALL_TABLES for ext in ("parquet", "csv")} | {"datapackage.json", "metrics.json"}
    assert expected <= names
    leftovers = [p.name for p in mixed_out.parent.iterdir() if p.name.startswith(f".{mixed_out.name}.")]
    assert leftovers == []  # no staging or backup folder left beside the output


def test_parquet_files_are_zstd_compressed(mixed_out):
    for table in ALL_TABLES:
        meta = pq.ParquetFile(mixed_out / f"{table}.parquet").metadata
        if meta.num_rows:
            assert meta.row_group(0).column(0).compression == "ZSTD", table


@pytest.mark.parametrize("table", ALL_TABLES)
def test_parquet_and_csv_hold_the_same_rows(mixed_out, table):
    parquet = read_table(mixed_out, table)
    csv = read_csv(mixed_out, table)
    assert list(csv.columns) == list(parquet.columns)
    assert len(parquet) > 0, f"the mixed corpus gives {table} rows"
    assert rows_of(csv) == rows_of(parquet)


@pytest.mark.parametrize("table", ALL_TABLES)
def test_tables_have_the_contract_columns(mixed_out, table):
    columns = list(read_table(mixed_out, table).columns)
    missing = [c for c in CONTRACT_COLUMNS[table] if c not in columns]
    assert missing == []


def test_csv_is_utf8_with_a_header(mixed_out):
    raw = (mixed_out / "documents.csv").read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8")  # strict: raises on anything else
    assert text.split("\n", 1)[0] == ",".join(read_table(mixed_out, "documents").columns)
    assert "People’s Republic of China" in text  # the seed's curly apostrophe survives


def test_documents_keep_metadata_and_hashes(mixed_out):
    docs = read_table(mixed_out, "documents").set_index("doc_id")
    assert docs.loc[SEED_ID, "license"] == "CC BY-SA 4.0"
    assert docs.loc["factbook-2014-kenya", "license"] == "public domain (U.S. government work)"
    assert docs.loc["factbook-2014-kenya", "report_year"] == 2014
    assert docs.loc["ngo-nepal-2019", "subject_iso3"] == "NPL"
    assert docs.loc["ngo-nepal-2019", "source_kind"] == "ngo_report"
    raw = mixed_out.parent / "raw"
    for doc_id, row in docs.iterrows():
        (path,) = [p for p in raw.iterdir() if p.stem == doc_id and not p.name.endswith(".meta.yaml")]
        assert row["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


# --- determinism and stable ids --------------------------------------------------------------------------


def test_rebuilding_the_same_input_is_byte_identical(tmp_path, mixed_out):
    raw = mixed_corpus(tmp_path / "raw")
    first = build_into(raw, tmp_path / "one", workers=1)
    second = build_into(raw, tmp_path / "two", workers=3)  # several extraction processes: same bytes
    hashes = tree_hashes(first)
    assert len(hashes) >= 2 * len(ALL_TABLES) + 2
    assert tree_hashes(second) == hashes
    assert tree_hashes(mixed_out) == hashes  # and the session's build, from another folder, too


def test_fact_ids_do_not_change_when_other_reports_are_added(tmp_path, mixed_out):
    alone = build_into(seed_corpus(tmp_path / "raw"), tmp_path / "out")
    for table in FACT_TABLES:
        seed_only = read_table(alone, table)
        mixed = read_table(mixed_out, table)
        assert len(seed_only) > 0, table
        assert set(seed_only["fact_id"]) == set(mixed.loc[mixed["doc_id"] == SEED_ID, "fact_id"]), table


# --- datapackage.json --------------------------------------------------------------------------------


def test_datapackage_descriptor_is_valid(frictionless_report, mixed_out):
    assert [e.message for e in frictionless_report.errors] == []  # package-level: the descriptor itself
    assert {t.name for t in frictionless_report.tasks} >= set(ALL_TABLES)
    assert set(Package(str(mixed_out / "datapackage.json")).resource_names) >= set(ALL_TABLES)


@pytest.mark.parametrize("table", ALL_TABLES)
def test_datapackage_data_validates_with_frictionless(frictionless_report, table):
    (task,) = [t for t in frictionless_report.tasks if t.name == table]
    problems = [(e.type, getattr(e, "field_name", None), e.note) for e in task.errors][:5]
    assert task.valid, problems


def test_datapackage_lists_every_table_and_its_fields(package, mixed_out):
    resources = {r["name"]: r for r in package["resources"]}
    assert set(resources) >= set(ALL_TABLES)
    for table, resource in resources.items():
        assert resource["path"] == f"{table}.csv"
        fields = [f["name"] for f in resource["schema"]["fields"]]
        assert fields == list(read_table(mixed_out, table).columns), table
        assert fields == read_csv(mixed_out, table).columns.tolist(), table
        assert all(f.get("description") for f in resource["schema"]["fields"]), table


def test_datapackage_vocabularies_match_the_contract(package):
    fields = {(r["name"], f["name"]): f for r in package["resources"] for f in r["schema"]["fields"]}
    assert set(fields["assessments", "tier"]["constraints"]["enum"]) == {"1", "2", "2WL", "3", "special_case"}
    assert set(fields["flows", "exploitation"]["constraints"]["enum"]) == EXPLOITATIONS
    assert set(fields["statistics", "qualifier"]["constraints"]["enum"]) == {
        "exact",
        "over",
        "at_least",
        "approximately",
        "up_to",
        "not_reported",  # issue 12: a figure the report does not give (value null), not a zero
    }
    assert fields["flows", "fact_id"]["constraints"]["required"] is True


def test_datapackage_license_and_sources(package, mixed_out):
    assert [lic["name"] for lic in package["licenses"]] == ["CC-BY-SA-4.0"]
    released = yaml.safe_load((PROJECT / "params.yaml").read_text(encoding="utf-8"))["dataset"]["version"]
    assert package["version"] == str(released)  # dataset.version in params.yaml, set by `tipfacts release`
    sources = {s.get("doc_id"): s for s in package["sources"]}
    docs = read_table(mixed_out, "documents")
    with_url = docs[docs["url"].notna()]
    assert len(with_url) >= 5
    for row in with_url.itertuples():
        assert sources[row.doc_id]["path"] == row.url
        assert sources[row.doc_id]["license"] == row.license


def strict_json(text: str):
    """JSON as RFC 8259 has it: NaN and Infinity are not JSON."""

    def refuse(constant):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=refuse)


def test_datapackage_is_strict_json(mixed_out):
    strict_json((mixed_out / "datapackage.json").read_text(encoding="utf-8"))
    strict_json((mixed_out / "metrics.json").read_text(encoding="utf-8"))


def test_report_without_url_still_gives_a_valid_datapackage(tmp_path):
    raw = seed_corpus(tmp_path / "raw")
    write_report(
        raw,
        "= Human trafficking in Nepal =\n\nNepal is a source country for women.\n",
        {"subject": "Nepal", "license": "CC0-1.0"},
        doc_id="local-notes",
    )
    out = build_into(raw, tmp_path / "out")
    strict_json((out / "datapackage.json").read_text(encoding="utf-8"))
    report = frictionless_validate(str(out / "datapackage.json"))
    assert [e.message for e in report.errors] == []
    assert {t.name for t in report.tasks} >= set(ALL_TABLES)


# --- metrics.json ---------------------------------------------------------------------------------------


def test_metrics_row_counts_equal_the_tables(mixed_out):
    metrics = json.loads((mixed_out / "metrics.json").read_text(encoding="utf-8"))
    assert set(metrics["rows"]) >= set(ALL_TABLES)
    for table in ALL_TABLES:
        assert metrics["rows"][table] == len(read_table(mixed_out, table)) == len(read_csv(mixed_out, table)), table
    assert metrics["rows"]["documents"] == 6
    assert metrics["reports_without_facts"] == 1  # zz-editorial-note states nothing


# --- list columns --------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_list_columns_are_sorted_semicolon_joined_strings(mixed_out, fmt):
    documents = set(read_table(mixed_out, "documents")["doc_id"])
    several = 0
    for table, columns in LIST_COLUMNS.items():
        frame = read_table(mixed_out, table) if fmt == "parquet" else read_csv(mixed_out, table)
        for column in columns:
            for value in frame[column]:
                if value is None or (isinstance(value, float) and math.isnan(value)) or value == "":
                    continue
                assert isinstance(value, str), (table, column, value)
                items = value.split(";")
                assert items == sorted(set(items)), (table, column, value)
                assert all(item and item == item.strip() for item in items), (table, column, value)
                several += len(items) > 1
                allowed = {
                    ("flows", "victim_groups"): VICTIM_GROUPS,
                    ("country_roles", "victim_groups"): VICTIM_GROUPS,
                    ("country_roles", "exploitation"): EXPLOITATIONS,
                    ("legal_instruments", "covers"): COVERS,
                    ("country_year", "doc_ids"): documents,
                }.get((table, column))
                if allowed is not None:
                    assert set(items) <= allowed, (table, column, value)
                if column == "nationalities":
                    assert all(re.fullmatch(r"[A-Z]{3}", item) for item in items), value
    assert several >= 3  # the corpus does have multi-valued cells ("PNTL;UNPOL", "children;men;women")


# --- publish on its own --------------------------------------------------------------------------------


def test_publish_replaces_the_folder_as_a_whole(tmp_path, seed_frames):
    frames = build.run_validate({k: v.copy() for k, v in seed_frames.items()}, tmp_path / "report.txt")
    out = tmp_path / "outputs"
    out.mkdir()
    (out / ".gitignore").write_text("/documents.csv\n", encoding="utf-8")
    (out / "stale-table.csv").write_text("old\n", encoding="utf-8")
    summary = publish.publish(frames, out, "9.9.9")
    names = {p.name for p in out.iterdir()}
    assert "stale-table.csv" not in names
    assert (out / ".gitignore").read_text(encoding="utf-8") == "/documents.csv\n"  # DVC's file beside outputs
    assert names >= {".gitignore", "datapackage.json", "metrics.json"} | {
        f"{t}.{ext}" for t in ALL_TABLES for ext in ("parquet", "csv")
    }
    assert json.loads((out / "datapackage.json").read_text(encoding="utf-8"))["version"] == "9.9.9"
    assert {t: summary["rows"][t] for t in ALL_TABLES} == {t: len(frames[t]) for t in ALL_TABLES}


def test_publish_into_a_new_nested_folder(tmp_path, seed_frames):
    frames = build.run_validate({k: v.copy() for k, v in seed_frames.items()}, tmp_path / "report.txt")
    out = tmp_path / "a" / "b" / "out"
    publish.publish(frames, out, "1.0.0")
    assert len(pd.read_parquet(out / "sentences.parquet")) == len(frames["sentences"])
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == ["out"]
