"""Inputs that mislead (issue 12): a report without metadata, an HTML page saved as .txt, a report whose
subject is unknown, and a link in raw/ to a file outside it. Each case has a negative that must not fire.
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import MAX_BYTES, SEED_META, SEED_TXT, write_report

from tipfacts.dataset import add as adding
from tipfacts.errors import InputError
from tipfacts.params import Params
from tipfacts.stages.build import build
from tipfacts.stages.ingest import ingest

BODY = (
    "{first}\n\n"
    "The government convicted 12 traffickers and identified 40 victims. "
    "Women from Nepal are exploited in India.\n"
)


def only(folder: Path):
    (doc,) = ingest(folder, MAX_BYTES)
    return doc


# --- a report without metadata ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, subject, year",
    [
        ("Human trafficking in Nepal", "NPL", None),
        ("Nepal 2023 Trafficking in Persons Report", "NPL", 2023),
        ("NEPAL: Tier 2 Watch List", "NPL", None),
        ("Nepal is a source, transit, and destination country for men, women, and children.", "NPL", None),
        ("The Government of Nepal does not fully meet the minimum standards.", "NPL", None),
        ("Traffickers exploit domestic and foreign victims in Nepal, and victims from Nepal abroad.", "NPL", None),
    ],
)
def test_a_bare_report_takes_its_subject_and_year_from_its_title_or_first_sentence(tmp_path, first, subject, year):
    doc = only(write_report(tmp_path, BODY.format(first=first)))
    assert (doc.subject_iso3, doc.report_year) == (subject, year)


def test_a_title_year_fills_a_sidecar_without_report_year_but_never_overrides_it(tmp_path):
    write_report(tmp_path / "a", "= Kenya 2015 Trafficking in Persons Report =\n\nText.\n", {"license": "A"})
    assert only(tmp_path / "a").report_year == 2015
    write_report(tmp_path / "b", "= Kenya 2015 Trafficking in Persons Report =\n\nText.\n", {"report_year": 2016})
    assert only(tmp_path / "b").report_year == 2016


@pytest.mark.parametrize(
    "first",
    [
        "Women from Nepal are exploited in India and in the Gulf.",  # Nepal is an origin, not the opening subject
        "Nepali women are exploited in India.",  # a demonym names victims, not the report's country
        "Police arrested 4 traffickers in 2020.",  # names no country; 2020 is not the report's year
    ],
)
def test_a_first_sentence_that_does_not_open_on_a_country_gives_no_subject(tmp_path, first, caplog):
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        doc = only(write_report(tmp_path, BODY.format(first=first)))
    assert (doc.subject_iso3, doc.report_year) == (None, None)
    assert "report.txt: subject and report_year unknown (no metadata file)" in caplog.text, caplog.text
    assert "add `subject:` and `report_year:` to report.meta.yaml" in caplog.text


def test_a_sidecar_that_gives_subject_and_year_raises_no_warning(tmp_path, caplog):
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        doc = only(write_report(tmp_path, BODY.format(first="Hello."), {"subject": "Peru", "report_year": 2019}))
    assert (doc.subject_iso3, doc.report_year) == ("PER", 2019)
    assert caplog.text == ""


def test_add_of_a_bare_file_warns_naming_the_file_and_the_missing_key(tmp_path, caplog):
    raw = tmp_path / "raw"
    raw.mkdir()
    source = tmp_path / "Nepal notes.txt"
    source.write_text(BODY.format(first="Human trafficking in Nepal"), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        added = adding.add_report(source, raw)
    assert f"{source}: report_year unknown" in caplog.text, caplog.text
    assert "subject" not in caplog.text.split("unknown")[0].split(str(source))[-1]  # the subject was found
    assert only(raw).subject_iso3 == "NPL" and added.doc_id == "nepal-notes"


def test_a_year_stated_as_null_is_deliberately_unknown_and_raises_no_warning(tmp_path, caplog):
    """A Wikipedia revision's year is often unknown: `report_year: null` says so; leaving the key out warns."""
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        doc = only(write_report(tmp_path / "a", BODY.format(first="Hello."), "subject: Peru\nreport_year: null\n"))
    assert (doc.subject_iso3, doc.report_year) == ("PER", None)
    assert caplog.text == ""
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        only(write_report(tmp_path / "b", BODY.format(first="Hello."), "subject: Peru\n"))
    assert "report.txt: report_year unknown (not in report.meta.yaml)" in caplog.text, caplog.text


def test_the_sidecar_add_writes_for_a_bare_file_keeps_warning_on_later_builds(tmp_path, caplog):
    raw = tmp_path / "raw"
    raw.mkdir()
    source = tmp_path / "Nepal notes.txt"
    source.write_text(BODY.format(first="Human trafficking in Nepal"), encoding="utf-8")
    added = adding.add_report(source, raw)
    assert "report_year" not in added.sidecar.read_text(encoding="utf-8")  # nobody gave it: no `null` stands in
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        only(raw)
    assert "nepal-notes.txt: report_year unknown" in caplog.text, caplog.text


# --- an HTML page saved as .txt ----------------------------------------------------------------------

PAGE = (
    "<!DOCTYPE html>\n<html lang='en'><head><title>Page</title><script>var tier = 3;</script></head><body>"
    "<h1>Human trafficking in Nepal</h1><p>Nepal is a source country for women &amp; girls.</p>"
    "<p>Police arrested 12 suspects.</p></body></html>\n"
)


@pytest.mark.parametrize(
    "page", [PAGE, "\n  <!-- saved -->\n<HTML><body><p>Nepal is a source country.</p></body></HTML>"]
)
def test_an_html_page_saved_as_txt_is_read_as_html(tmp_path, page, caplog):
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        doc = only(write_report(tmp_path, page))
    assert "<" not in doc.text and "tier" not in doc.text
    assert doc.sentences[0].text.startswith("Nepal is a source country")
    assert doc.subject_iso3 == "NPL"
    assert "report.txt: an HTML page saved as .txt; read as HTML" in caplog.text
    for s in doc.sentences:
        assert doc.text[s.char_start : s.char_end] == s.text


def test_prose_that_quotes_html_stays_prose(tmp_path, caplog):
    text = "= Web pages =\n\nA page starts with <!DOCTYPE html> and then <html>. Nepal is a source country.\n"
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        doc = only(write_report(tmp_path, text, {"subject": "Nepal", "report_year": 2020}))
    assert "<!DOCTYPE html>" in doc.sentences[0].text
    assert "HTML" not in caplog.text


# --- a report whose subject is unknown ---------------------------------------------------------------


def test_a_report_without_a_subject_does_not_stop_the_others_from_publishing(tmp_path, caplog):
    """Its role with no country is dropped with a warning naming it; the seed report publishes whole."""
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(SEED_TXT, raw)
    shutil.copy2(SEED_META, raw)
    (raw / "unnamed.txt").write_text(
        "The country is a source, transit, and destination country for women subjected to sex trafficking.\n",
        encoding="utf-8",
    )
    params = Params(raw_dir=raw, out_dir=tmp_path / "out", work_dir=tmp_path / "work", workers=1, cache=False)
    with caplog.at_level(logging.WARNING, logger="tipfacts"):
        build(params)
    roles = pd.read_parquet(tmp_path / "out" / "country_roles.parquet")
    assert "unnamed" not in set(roles.doc_id) and roles.country_iso3.notna().all()
    assert set(roles.doc_id) == {SEED_TXT.stem}
    assert "country_roles: dropped 3 row(s)" in caplog.text, caplog.text
    assert "report unnamed, sentence unnamed:00001" in caplog.text
    docs = pd.read_parquet(tmp_path / "out" / "documents.parquet")
    assert set(docs.doc_id) == {SEED_TXT.stem, "unnamed"}


# --- a symbolic link in raw/ ---------------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_to_a_file_outside_the_folder_is_refused_naming_the_link(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("The password is hunter2.\n", encoding="utf-8")
    raw = write_report(tmp_path / "raw", BODY.format(first="Human trafficking in Nepal"), doc_id="nepal")
    (raw / "leak.txt").symlink_to(secret)
    with pytest.raises(InputError) as info:
        ingest(raw, MAX_BYTES)
    assert info.value.path == raw / "leak.txt"
    assert f"a symbolic link to {secret}, outside the folder of reports" in str(info.value)
    (raw / "leak.txt").unlink()
    (raw / "nepal.meta.yaml").symlink_to(tmp_path / "elsewhere.meta.yaml")  # a sidecar too, even a dangling one
    with pytest.raises(InputError, match=r"nepal\.meta\.yaml: a symbolic link to .*elsewhere\.meta\.yaml, outside"):
        ingest(raw, MAX_BYTES)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_a_link_to_a_file_inside_the_folder_is_read(tmp_path):
    raw = write_report(tmp_path / "raw", BODY.format(first="= Human trafficking in Nepal ="), doc_id="nepal")
    (raw / "kept").mkdir()
    (raw / "kept" / "peru.txt").write_text("= Peru =\n\nPeru is a source country for women.\n", encoding="utf-8")
    (raw / "peru.txt").symlink_to(Path("kept") / "peru.txt")
    docs = ingest(raw, MAX_BYTES)
    assert [(d.doc_id, d.subject_iso3) for d in docs] == [("nepal", "NPL"), ("peru", "PER")]
