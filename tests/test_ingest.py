"""Ingest: reports -> documents and sentences with exact offsets, sections, years, pillars and metadata."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

import pytest
import yaml
from conftest import MAX_BYTES, SEED_ID, SEED_META, SEED_TXT, copy_reports, write_report

from tipfacts.stages.ingest import ingest


def only(folder: Path):
    (doc,) = ingest(folder, MAX_BYTES)
    return doc


def sentence_with(doc, fragment: str):
    hits = [s for s in doc.sentences if fragment in s.text]
    assert len(hits) == 1, f"{fragment!r} is in {len(hits)} sentences: {[s.text for s in hits]}"
    return hits[0]


def heading_lines(text: str) -> list[re.Match[str]]:
    return list(re.finditer(r"^(?:=+[^\n]*=+|#{1,6} [^\n]*)$", text, re.MULTILINE))


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    return only(copy_reports(tmp_path_factory.mktemp("seed"), SEED_TXT))


# --- the seed report -----------------------------------------------------------------------------


def test_every_seed_sentence_sits_at_its_offsets(seed):
    assert seed.sentences
    for s in seed.sentences:
        assert seed.text[s.char_start : s.char_end] == s.text
        assert s.text == s.text.strip() and s.text


def test_seed_sentences_are_numbered_in_reading_order(seed):
    assert [s.sentence_no for s in seed.sentences] == list(range(1, len(seed.sentences) + 1))
    assert len({s.sentence_id for s in seed.sentences}) == len(seed.sentences)
    assert all(s.doc_id == SEED_ID and s.sentence_id.startswith(SEED_ID) for s in seed.sentences)
    for before, after in zip(seed.sentences, seed.sentences[1:], strict=False):
        assert before.char_end <= after.char_start


def test_seed_sentences_cover_every_body_character_once_and_no_heading(seed):
    """Every non-space character outside heading lines is in exactly one sentence; headings in none."""
    cover = [0] * len(seed.text)
    for s in seed.sentences:
        for i in range(s.char_start, s.char_end):
            cover[i] += 1
    in_heading = [False] * len(seed.text)
    for m in heading_lines(seed.text):
        for i in range(m.start(), m.end()):
            in_heading[i] = True
    for i, char in enumerate(seed.text):
        if in_heading[i]:
            assert cover[i] == 0, f"heading character {i} {char!r} is inside a sentence"
        elif not char.isspace():
            assert cover[i] == 1, f"character {i} {char!r} is covered {cover[i]} times"


def test_title_line_is_not_a_sentence(seed):
    assert seed.text.startswith("= Human trafficking in Timor-Leste =\n")
    assert not any("Human trafficking in Timor-Leste =" in s.text or s.text.startswith("=") for s in seed.sentences)
    first = seed.sentences[0]
    assert first.text.startswith("Timor-Leste (officially the Democratic Republic of Timor-Leste")
    assert first.section == ""


@pytest.mark.parametrize(
    "sentence",
    [
        # "P.R.C." inside a sentence does not end it
        "Timor-Leste (officially the Democratic Republic of Timor-Leste, formerly known as East Timor) is a "
        "destination country for women from Indonesia, the People’s Republic of China (P.R.C.), Thailand, Malaysia "
        "and the Philippines, trafficked for the purpose of commercial sexual exploitation.",
        "They arrested 32 suspects, mainly women from the P.R.C., Indonesia, Malaysia, and Timor-Leste.",
        # nor does "U.S."
        "The U.S. State Department's Office to Monitor and Combat Trafficking in Persons placed the country in "
        '"Tier 2" in 2023.',
        "The country ratified the 2000 UN TIP Protocol in November 2009.",
    ],
)
def test_abbreviations_do_not_end_a_seed_sentence(seed, sentence):
    assert sentence in [s.text for s in seed.sentences]


def test_month_and_title_abbreviations_do_not_end_a_sentence(tmp_path):
    text = (
        "= Human trafficking in Nepal =\n\nOn Jan. 5, 2019, police raided a bar in Kathmandu. "
        "Dr. Sharma of the U.S. Embassy trained 40 officers in Feb. 2019. Victims were referred to shelters.\n"
    )
    doc = only(write_report(tmp_path, text))
    assert [s.text for s in doc.sentences] == [
        "On Jan. 5, 2019, police raided a bar in Kathmandu.",
        "Dr. Sharma of the U.S. Embassy trained 40 officers in Feb. 2019.",
        "Victims were referred to shelters.",
    ]


def test_seed_sections_years_and_pillars(seed):
    by_section = {}
    for s in seed.sentences:
        by_section.setdefault(s.section, set()).add((s.section_year, s.pillar))
    assert by_section == {
        "": {(None, None)},
        "Sex trafficking": {(None, None)},
        "Prosecution (2008)": {(2008, "prosecution")},
        "Protection (2008)": {(2008, "protection")},
        "Prevention (2008)": {(2008, "prevention")},
    }
    assert sentence_with(seed, "dismissed cases against suspected traffickers").section == "Prosecution (2008)"
    assert sentence_with(seed, "Citizen and foreign women and girls").section == "Sex trafficking"
    assert sentence_with(seed, "voluntary abandonment being forced").pillar == "protection"
    assert sentence_with(seed, "two-day anti-trafficking workshop").section_year == 2008


def test_seed_paragraphs_follow_blank_lines(seed):
    one = sentence_with(seed, "In 2008, the government of Timor-Leste did not fully comply")
    same = sentence_with(seed, "The January 2 and 17, 2008 raids")
    other = sentence_with(seed, "The country ratified the 2000 UN TIP Protocol")
    assert one.paragraph_no == same.paragraph_no
    assert other.paragraph_no == one.paragraph_no + 1


def test_seed_document_row_from_sidecar_and_file(seed):
    meta = yaml.safe_load(SEED_META.read_text(encoding="utf-8"))
    row = seed.row()
    assert row["doc_id"] == SEED_ID
    assert row["title"] == "Human trafficking in Timor-Leste"
    assert row["subject_iso3"] == "TLS"  # "subject: Timor-Leste"
    assert row["license"] == meta["license"] == "CC BY-SA 4.0"
    assert row["url"] == meta["url"] == "https://en.wikipedia.org/wiki/Human_trafficking_in_Timor-Leste"
    assert row["publisher"] == "Wikipedia"
    assert row["source_kind"] == "encyclopedia"
    assert row["report_year"] is None  # "report_year: null"
    assert row["retrieved_on"] == "2026-11-28"
    assert row["sha256"] == hashlib.sha256(SEED_TXT.read_bytes()).hexdigest()
    assert row["n_chars"] == len(seed.text)
    assert row["n_sentences"] == len(seed.sentences)


# --- metadata --------------------------------------------------------------------------------------


def test_sidecar_iso3_subject_year_and_license(tmp_path):
    write_report(
        tmp_path,
        "= Trafficking in persons: Kenya =\n\nKenya is a source country.\n",
        (
            "subject: KEN\nreport_year: 2014\nretrieved_on: 2016-11-06\n"
            "license: public domain (U.S. government work)\nurl: https://example.org/kenya\n"
        ),
        doc_id="factbook-2014-kenya",
    )
    doc = only(tmp_path)
    assert doc.doc_id == "factbook-2014-kenya"
    assert doc.subject_iso3 == "KEN"
    assert doc.report_year == 2014
    assert doc.retrieved_on == "2016-11-06"
    assert doc.license == "public domain (U.S. government work)"
    assert doc.url == "https://example.org/kenya"
    assert doc.title == "Trafficking in persons: Kenya"  # no title key: the `= Title =` line
    assert doc.publisher is None and doc.source_kind is None  # missing keys become nulls


def test_without_sidecar_title_and_subject_come_from_the_title_line(tmp_path):
    doc = only(write_report(tmp_path, "= Human trafficking in Thailand =\n\nThailand is a destination.\n"))
    assert doc.title == "Human trafficking in Thailand"
    assert doc.subject_iso3 == "THA"
    assert (doc.url, doc.license, doc.report_year, doc.retrieved_on) == (None, None, None, None)


def test_reports_come_in_doc_id_order_with_their_own_sidecars(tmp_path):
    write_report(tmp_path, "= Human trafficking in Fiji =\n\nText one.\n", {"license": "A"}, doc_id="b-fiji")
    write_report(tmp_path, "= Human trafficking in Chile =\n\nText two.\n", {"license": "B"}, doc_id="a-chile")
    docs = ingest(tmp_path, MAX_BYTES)
    assert [(d.doc_id, d.license, d.subject_iso3) for d in docs] == [("a-chile", "B", "CHL"), ("b-fiji", "A", "FJI")]


# --- formats and normalization ---------------------------------------------------------------------


def test_markdown_headings_open_sections(tmp_path):
    text = (
        "# Human trafficking in Nepal\n\nNepal is a source country for women.\n\n"
        "## Protection (2019)\n\nThe government identified 12 victims.\n\n"
        "### Partnerships\n\nNepal cooperates with India.\n"
    )
    doc = only(write_report(tmp_path, text, suffix=".md"))
    assert doc.title == "Human trafficking in Nepal"
    assert doc.subject_iso3 == "NPL"
    assert [(s.text, s.section, s.section_year, s.pillar) for s in doc.sentences] == [
        ("Nepal is a source country for women.", "", None, None),
        ("The government identified 12 victims.", "Protection (2019)", 2019, "protection"),
        ("Nepal cooperates with India.", "Partnerships", None, "partnership"),
    ]
    for s in doc.sentences:
        assert doc.text[s.char_start : s.char_end] == s.text


def test_html_becomes_text_with_headings_kept(tmp_path):
    html = (
        "<!DOCTYPE html><html><head><title>Page</title><style>p { color: red }</style></head><body>"
        "<h1>Human trafficking in Nepal</h1>"
        "<p>Nepal is a source country for men &amp; women.</p>"
        "<h2>Prosecution (2019)</h2>"
        "<p>Police arrested 12 suspects in Kathmandu.</p><p>They were charged.</p>"
        "<script>var tracking = 'Tier 3';</script></body></html>"
    )
    write_report(tmp_path, html, {"license": "CC BY-SA 4.0"}, suffix=".html")
    doc = only(tmp_path)
    assert doc.title == "Human trafficking in Nepal"
    assert doc.subject_iso3 == "NPL"
    assert "<" not in doc.text and "tracking" not in doc.text and "color" not in doc.text
    assert [(s.text, s.section, s.section_year, s.pillar) for s in doc.sentences] == [
        ("Nepal is a source country for men & women.", "", None, None),
        ("Police arrested 12 suspects in Kathmandu.", "Prosecution (2019)", 2019, "prosecution"),
        ("They were charged.", "Prosecution (2019)", 2019, "prosecution"),
    ]
    assert doc.sentences[1].paragraph_no != doc.sentences[2].paragraph_no  # two <p>, two paragraphs
    for s in doc.sentences:
        assert doc.text[s.char_start : s.char_end] == s.text
    assert doc.sha256 == hashlib.sha256((tmp_path / "report.html").read_bytes()).hexdigest()


def test_html_inline_markup_does_not_change_the_words(tmp_path):
    html = (
        "<html><body><h1>Human trafficking in Nepal</h1><p>Women from <a href='/i'>Indonesia</a>, "
        "<a href='/t'>Thailand</a> and the <a href='/p'>Philippines</a> are exploited in <i>Kathmandu</i>."
        "</p></body></html>"
    )
    doc = only(write_report(tmp_path, html, suffix=".html"))
    assert [s.text for s in doc.sentences] == [
        "Women from Indonesia, Thailand and the Philippines are exploited in Kathmandu."
    ]


def test_text_is_nfc_with_lf_line_ends_and_offsets_point_into_it(tmp_path):
    decomposed = "Cafe\u0301"  # "Café" written as e + combining acute accent
    raw = (
        "\ufeff= Human trafficking in Nepal =\r\n\r\n"
        f"The {decomposed} Royal was raided.\r\nIts owner was arrested.\r\n\r\n"
        "== Prosecution (2019) ==\r\nA second raid followed.\r\n"
    )
    write_report(tmp_path, raw)
    doc = only(tmp_path)
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    assert unicodedata.is_normalized("NFC", doc.text)
    assert "Caf\u00e9 Royal" in doc.text
    assert [s.text for s in doc.sentences] == [
        "The Caf\u00e9 Royal was raided.",
        "Its owner was arrested.",
        "A second raid followed.",
    ]
    assert doc.sentences[2].section == "Prosecution (2019)" and doc.sentences[2].section_year == 2019
    for s in doc.sentences:
        assert doc.text[s.char_start : s.char_end] == s.text
    assert doc.row()["n_chars"] == len(doc.text)
    # sha256 is of the raw file's bytes, not of the normalized text
    assert doc.sha256 == hashlib.sha256((tmp_path / "report.txt").read_bytes()).hexdigest()
    assert doc.sha256 != hashlib.sha256(doc.text.encode("utf-8")).hexdigest()
