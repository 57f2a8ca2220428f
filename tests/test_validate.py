"""Validate: real Pandera schemas and provenance checks on the seed's real tables, each corrupted once.

The `frames` fixture is a private copy of what the ingest and extract stages hand to validate for
the seed report; each test breaks one value. Corruption (documents, sentences, a fact's provenance
columns) is a ValidationFailed naming table, column and check, with the failing value shown. A fact
row that breaks its schema in its own fact columns (one rule's mistake on one sentence) is dropped
with a warning naming report and sentence, and every other row is kept (issue 12).
"""

from __future__ import annotations

import logging
import re

import pandas as pd
import pytest
from conftest import FACT_TABLES, SEED_ID

from tipfacts.errors import ValidationFailed
from tipfacts.stages import panel
from tipfacts.stages.validate import validate


def failure_of(frames, tmp_path=None) -> ValidationFailed:
    report = None if tmp_path is None else tmp_path / "reports" / "validation-report.txt"
    with pytest.raises(ValidationFailed) as info:
        validate(frames, report)
    return info.value


def assert_names(message: str, table: str, column: str, check: str) -> None:
    pattern = rf"table {re.escape(table)}, column {re.escape(column)}, check {re.escape(check)}(?!\w)"
    assert re.search(pattern, message), message


def dropped(frames, caplog, table: str, row: int, column: str, check: str) -> None:
    """Validation passes without `row` of `table` (every other row kept) and warns naming its report and sentence."""
    fact, sentence = frames[table].loc[row, "fact_id"], frames[table].loc[row, "sentence_id"]
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        checked = validate(frames)
    assert fact not in set(checked[table]["fact_id"])
    assert len(checked[table]) == len(frames[table]) - 1
    for other in ("documents", "sentences", *FACT_TABLES):
        if other != table:
            assert len(checked[other]) == len(frames[other]), other
    warning = caplog.text
    assert f"{table}: dropped 1 row(s)" in warning, warning
    assert f"report {SEED_ID}, sentence {sentence}" in warning and fact in warning, warning
    assert f"column {column} fails {check}" in warning, warning


def first_row(frames, table: str, **where) -> int:
    frame = frames[table]
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    assert mask.any(), (table, where)
    return frame.index[mask][0]


def test_the_seed_frames_are_valid(frames):
    checked = validate(frames)
    for table in ["documents", "sentences", *FACT_TABLES]:
        assert table in checked
        assert len(checked[table]) == len(frames[table])
    # validated copies carry the contract's types
    assert str(checked["assessments"]["year"].dtype) == "Int64"
    assert str(checked["assessments"]["meets_minimum_standards"].dtype) == "boolean"
    assert checked["documents"].loc[0, "doc_id"] == SEED_ID


def test_the_seed_panel_is_valid(frames):
    checked = validate(frames)
    checked["country_year"] = panel.build(checked)
    assert len(validate({"country_year": checked["country_year"]})["country_year"]) > 0


def test_tier_outside_the_vocabulary_drops_that_row(frames, caplog):
    row = first_row(frames, "assessments", tier="2")
    frames["assessments"].loc[row, "tier"] = "4"
    dropped(frames, caplog, "assessments", row, "tier", "isin")


def test_statistics_unit_outside_the_vocabulary_drops_that_row(frames, caplog):
    row = frames["statistics"].index[0]
    frames["statistics"].loc[row, "unit"] = "refugees"
    dropped(frames, caplog, "statistics", row, "unit", "isin")
    assert "'refugees'" in caplog.text


def test_unknown_iso3_code_drops_that_row(frames, caplog):
    row = first_row(frames, "flows", origin_iso3="IDN")
    frames["flows"].loc[row, "origin_iso3"] = "XXX"
    dropped(frames, caplog, "flows", row, "origin_iso3", "iso3_known")
    assert "'XXX'" in caplog.text


def test_unknown_subject_iso3_in_documents(frames):
    frames["documents"].loc[0, "subject_iso3"] = "XXX"
    assert_names(str(failure_of(frames)), "documents", "subject_iso3", "iso3_known")


def test_duplicate_fact_id(frames):
    stats = frames["statistics"]
    assert len(stats) >= 2
    stats.loc[stats.index[1], "fact_id"] = stats.loc[stats.index[0], "fact_id"]
    error = failure_of(frames)
    assert_names(str(error), "statistics", "fact_id", "field_uniqueness")
    assert stats.loc[stats.index[0], "fact_id"] in str(error)


def test_duplicate_sentence_id(frames):
    sents = frames["sentences"]
    sents.loc[sents.index[1], "sentence_id"] = sents.loc[sents.index[0], "sentence_id"]
    assert_names(str(failure_of(frames)), "sentences", "sentence_id", "field_uniqueness")


def test_null_in_a_required_column_drops_that_row(frames, caplog):
    row = first_row(frames, "statistics", indicator="arrests")
    frames["statistics"].loc[row, "indicator"] = None
    dropped(frames, caplog, "statistics", row, "indicator", "not_nullable")


def test_null_country_of_a_role_drops_that_row_only(frames, caplog):
    """A report whose subject is unknown made a role with no country; it must not block the build (issue 12)."""
    row = first_row(frames, "country_roles", role="destination")
    frames["country_roles"].loc[row, "country_iso3"] = None
    dropped(frames, caplog, "country_roles", row, "country_iso3", "not_nullable")


def test_a_fact_row_with_corrupt_provenance_still_stops_the_run_with_the_other_failures(frames):
    """A schema failure in a provenance column is corruption: nothing is dropped, every failure is reported."""
    roles = frames["country_roles"]
    roles.loc[roles.index[0], "country_iso3"] = None
    roles.loc[roles.index[1], "extractor"] = None
    message = str(failure_of(frames))
    assert_names(message, "country_roles", "extractor", "not_nullable")
    assert_names(message, "country_roles", "country_iso3", "not_nullable")


def test_empty_evidence(frames):
    frames["events"].loc[frames["events"].index[0], "evidence"] = ""
    assert_names(str(failure_of(frames)), "events", "evidence", "str_length")


def test_list_column_not_sorted_drops_that_row(frames, caplog):
    flows = frames["flows"]
    multi = flows.index[flows["victim_groups"].fillna("").str.contains(";")]
    assert len(multi), "the seed has a flow with several victim groups (women and children)"
    items = flows.loc[multi[0], "victim_groups"].split(";")
    flows.loc[multi[0], "victim_groups"] = ";".join(sorted(items, reverse=True))
    dropped(frames, caplog, "flows", multi[0], "victim_groups", "list_of_victim_groups")


def test_list_item_outside_the_vocabulary_drops_that_row(frames, caplog):
    row = first_row(frames, "country_roles", role="destination")
    frames["country_roles"].loc[row, "exploitation"] = "sexual_exploitation;slavery"
    dropped(frames, caplog, "country_roles", row, "exploitation", "list_of_exploitations")


@pytest.mark.parametrize(
    "column, value, check",
    [("nationalities", "IDN;XXX", "list_of_iso3"), ("agencies", "UNPOL;PNTL", "sorted_list")],
)
def test_event_list_columns_are_checked(frames, caplog, column, value, check):
    row = first_row(frames, "events", agencies="PNTL;UNPOL")
    frames["events"].loc[row, column] = value
    dropped(frames, caplog, "events", row, column, check)


def test_evidence_not_in_its_sentence(frames, tmp_path):
    row = first_row(frames, "legal_instruments", instrument="UN TIP Protocol")
    frames["legal_instruments"].loc[row, "evidence"] = "Palermo Protocol"
    error = failure_of(frames, tmp_path)
    assert_names(str(error), "legal_instruments", "evidence", "evidence_in_sentence")
    assert "Palermo Protocol" in str(error)


def test_evidence_from_another_sentence_of_the_same_report(frames):
    """Evidence must sit in *its* sentence, not merely somewhere in the report."""
    row = first_row(frames, "statistics", indicator="arrests")
    frames["statistics"].loc[row, "evidence"] = "Citizen and foreign women and girls"
    assert_names(str(failure_of(frames)), "statistics", "evidence", "evidence_in_sentence")


def test_sentence_offsets_that_do_not_slice_the_document(frames):
    sents = frames["sentences"]
    row = sents.index[3]
    # shift both ends: the length still matches, so only the cross-table check can see it
    sents.loc[row, "char_start"] += 1
    sents.loc[row, "char_end"] += 1
    error = failure_of(frames)
    assert_names(str(error), "sentences", "text", "text_at_offsets")
    assert sents.loc[row, "sentence_id"] in str(error)


def test_sentence_text_edited_after_ingest(frames):
    sents = frames["sentences"]
    row = sents.index[0]
    sents.loc[row, "text"] = sents.loc[row, "text"].replace("Timor-Leste", "Timor-Lest3", 1)
    assert_names(str(failure_of(frames)), "sentences", "text", "text_at_offsets")


def test_fact_pointing_at_an_unknown_sentence(frames):
    events = frames["events"]
    events.loc[events.index[0], "sentence_id"] = f"{SEED_ID}:99999"
    error = failure_of(frames)
    assert_names(str(error), "events", "sentence_id", "foreign_key(sentences)")
    assert f"{SEED_ID}:99999" in str(error)


def test_sentence_of_an_unknown_document(frames):
    frames["sentences"].loc[frames["sentences"].index[0], "doc_id"] = "no-such-report"
    assert_names(str(failure_of(frames)), "sentences", "doc_id", "foreign_key(documents)")


def test_every_failure_is_reported_at_once(frames):
    frames["documents"].loc[0, "subject_iso3"] = "XXX"
    frames["flows"].loc[frames["flows"].index[0], "evidence"] = ""
    message = str(failure_of(frames))
    assert_names(message, "documents", "subject_iso3", "iso3_known")
    assert_names(message, "flows", "evidence", "str_length")


def test_report_file_is_written_when_a_path_is_given(frames, tmp_path):
    frames["documents"].loc[0, "subject_iso3"] = "XXX"
    error = failure_of(frames, tmp_path)
    report = tmp_path / "reports" / "validation-report.txt"
    assert report.is_file()
    content = report.read_text(encoding="utf-8")
    assert_names(content, "documents", "subject_iso3", "iso3_known")
    assert error.report_path == report
    assert str(report) in str(error)


def test_no_report_file_without_a_path(frames):
    frames["documents"].loc[0, "subject_iso3"] = "XXX"
    error = failure_of(frames)
    assert error.report_path is None
    assert "full report" not in str(error)


def test_a_valid_run_writes_no_report(frames, tmp_path):
    validate(frames, tmp_path / "validation-report.txt")
    assert not (tmp_path / "validation-report.txt").exists()


PANDERA_SETUP = """
import sys
import tipfacts.stages.validate
from tipfacts import schemas
for model in schemas.TABLES.values():
    model.to_schema()
print(sorted(name for name in ("dask.dataframe", "hypothesis") if name in sys.modules))
import dask.dataframe  # still importable afterwards (the Dask executor)
"""


def printed_by_a_fresh_process(code: str) -> str:
    """What `code` prints in a new interpreter: which modules an import pulls in shows only in a fresh one."""
    import subprocess
    import sys

    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_schemas_are_built_without_importing_pandera_extras_we_do_not_use() -> None:
    """Building every schema in a stage process imports neither dask.dataframe nor hypothesis (1 s of CPU
    together), and dask.dataframe can still be imported afterwards."""
    pytest.importorskip("dask.dataframe", reason="dask is not installed: nothing to avoid")
    assert printed_by_a_fresh_process(PANDERA_SETUP) == "[]"


def test_the_validate_stage_does_not_import_the_extraction_context() -> None:
    """The validate stage reads fact frames; importing the sentence context would pull in ingest and nltk
    (about 0.6 s of CPU per `dvc repro` validate process) for a type hint."""
    stage = "import tipfacts.stages.validate, tipfacts.stages.panel, tipfacts.stages.consolidate"
    probe = f"import sys; {stage}; print([m for m in ('nltk', 'tipfacts.extraction.context') if m in sys.modules])"
    assert printed_by_a_fresh_process(probe) == "[]"
