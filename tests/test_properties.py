"""Properties of ingest and extract on any input: nothing crashes, and every provenance rule holds.

Hypothesis feeds arbitrary Unicode, arbitrary bytes, arbitrary sidecars, and real Factbook sentences
(`../shared/corpus/factbook`) with noise (every kind of line end, BOMs, headings, stray punctuation,
combining marks, odd spaces). Each example goes through the real normalize -> segment ->
extract_document (and read_document on a real file); the checks are the contract's:
`text[char_start:char_end] == sentence` and each fact's evidence is in its sentence.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
import unicodedata
from pathlib import Path

import pytest
from conftest import FACTBOOK, PROJECT, assert_fact_provenance
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tipfacts.errors import InputError
from tipfacts.stages import build, extract, ingest
from tipfacts.stages.ingest import MAX_SENTENCE_CHARS, Document

FEW = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SOME = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FACT_ID = re.compile(r"[a-z]{3}-[0-9a-f]{16}")


def clauses() -> list[str]:
    """Real report sentences (the Factbook separates its clauses with `;`), from the shared corpus."""
    folder = FACTBOOK if FACTBOOK.is_dir() else PROJECT / "tests" / "fixtures" / "factbook"
    found = []
    for path in sorted(folder.glob("*.txt"))[:150]:
        found += [
            c
            for c in re.split(r"(?<=[.!?;])\s+|\n+", path.read_text(encoding="utf-8"))
            if len(c) > 20 and not c.startswith("=")
        ]
    assert len(found) > 100
    return found


CLAUSES = clauses()
NOISE = st.text(max_size=4) | st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "\r\n\r\n",
        "\ufeff",
        "\u00a0",
        "\u2003",
        "\u200b",
        "\x85",
        "\u2028",
        "\t",
        "== Prosecution (2019) ==\n",
        "\n= Title =\n",
        "\n# Heading\n",
        "====",
        "###",
        ".",
        "U.S.",
        "e.g.",
        "...",
        "(",
        ")",
        ";",
        "e\u0301",
        "\ufb01",
        "\uff21",
        "Ä",
        "\U0001f600",
        "1,000",
        "2008",
        "Tier 3",
        "  ",
    ]
)
SEPARATORS = st.sampled_from([" ", "\n", "\n\n", "\r\n", "\r\n\r\n", "\r", ""])


@st.composite
def noisy_reports(draw: st.DrawFn) -> str:
    """A handful of real clauses, some with noise spliced in, joined by spaces or line ends of any style."""
    parts = []
    for clause in draw(st.lists(st.sampled_from(CLAUSES), min_size=1, max_size=8)):
        for _ in range(draw(st.integers(0, 2))):
            at = draw(st.integers(0, len(clause)))
            clause = clause[:at] + draw(NOISE) + clause[at:]
        parts += [clause, draw(SEPARATORS)]
    heading = draw(st.sampled_from(["", "= Trafficking in persons: Kenya =\n\n", "\ufeff= Report =\r\n\r\n"]))
    return heading + "".join(parts)


def document(text: str, doc_id: str = "doc") -> Document:
    """What read_document makes of a report's text, without the file."""
    text = ingest.normalize(text)
    doc = Document(
        doc_id=doc_id,
        title=None,
        subject_iso3="KEN",
        source_kind=None,
        publisher=None,
        url=None,
        report_year=2014,
        retrieved_on=None,
        license=None,
        sha256="0" * 64,
        text=text,
    )
    doc.sentences = ingest.segment(doc_id, text)
    return doc


def check_document(doc: Document) -> None:
    """The text is normalized, and each sentence is exactly the text at its offsets."""
    text = doc.text
    assert "\r" not in text and not text.startswith("\ufeff")
    assert unicodedata.is_normalized("NFC", text)
    end = 0
    for number, sentence in enumerate(doc.sentences, start=1):
        assert text[sentence.char_start : sentence.char_end] == sentence.text
        assert sentence.text and sentence.text == sentence.text.strip()
        assert len(sentence.text) <= MAX_SENTENCE_CHARS
        assert "\n\n" not in sentence.text  # a sentence never crosses a paragraph break
        assert sentence.char_start >= end  # in reading order, never overlapping
        end = sentence.char_end
        assert sentence.sentence_no == number and sentence.sentence_id == f"{doc.doc_id}:{number:05d}"
        assert sentence.doc_id == doc.doc_id


def check_facts(doc: Document, facts: dict[str, list[dict]]) -> None:
    """Every fact names a sentence of its report and quotes it exactly; ids are well formed and unique."""
    assert set(facts) == set(extract.SENTENCE_RULES) | set(extract.DOCUMENT_RULES)
    assert_fact_provenance(doc, facts)
    for table, rows in facts.items():
        assert len({row["fact_id"] for row in rows}) == len(rows), table
        assert all(FACT_ID.fullmatch(row["fact_id"]) for row in rows), table


@FEW
@given(st.text(max_size=2000))
@example("= T =\n\n" + "=" * 5000)  # the heading regex was cubic on a run of `=`
@example("a\x85b. \u2028c")  # NEL and LINE SEPARATOR are whitespace to str.strip, not to the splitter
@example("\ufeff\r\n\r\n== A ==\r\rB.")
def test_any_unicode_text_is_segmented_and_extracted_with_exact_offsets(text):
    doc = document(text)
    check_document(doc)
    check_facts(doc, extract.extract_document(doc))


@SOME
@given(noisy_reports())
def test_real_sentences_with_noise_keep_every_provenance_rule(text):
    doc = document(text)
    check_document(doc)
    facts = extract.extract_document(doc)
    check_facts(doc, facts)


@FEW
@given(noisy_reports())
def test_line_end_style_and_bom_do_not_change_the_text_or_the_sentences(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    expected = document(text)
    for variant in ("\ufeff" + text, text.replace("\n", "\r\n"), text.replace("\n", "\r")):
        doc = document(variant)
        assert doc.text == expected.text
        assert doc.sentences == expected.sentences


@pytest.fixture(scope="module")
def scratch():
    with tempfile.TemporaryDirectory(prefix="tipfacts-properties-") as folder:
        yield Path(folder)


@FEW
@given(
    data=st.binary(max_size=400) | noisy_reports().map(lambda t: t.encode("utf-8")),
    suffix=st.sampled_from([".txt", ".md", ".html"]),
)
def test_any_bytes_are_read_as_a_report_or_refused_with_a_message(scratch, data, suffix):
    path = scratch / f"report{suffix}"
    path.write_bytes(data)
    try:
        doc = ingest.read_document("report", path, None, 1_000_000, 2030)
    except InputError as err:
        assert str(err).startswith(str(path)) and err.problem, err
        return
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    if suffix != ".html":
        assert doc.text == ingest.normalize(data.decode("utf-8"))
    check_document(doc)


YAML_VALUES = st.text(max_size=20) | st.sampled_from(
    [
        "2023",
        "null",
        "~",
        "true",
        "[1, 2]",
        "{a: 1}",
        "2026-13-45",
        "2024-02-30",
        "2024-01-01",
        "1e309",
        "0x1F",
        "https://example.org/x",
        "TLS",
        "Kenya",
        "'",
        '"',
        "&a [*a]",
        "!!python/object:os.system",
        "!!binary aGk=",
        "|\n  two\n  lines",
        "- a\n- b",
    ]
)
SIDECARS = st.lists(
    st.tuples(st.sampled_from([*sorted(ingest.META_KEYS), "year", "Title"]), YAML_VALUES), max_size=6
).map(lambda pairs: "".join(f"{key}: {value}\n" for key, value in pairs))


@FEW
@given(SIDECARS | st.text(max_size=200))
def test_any_sidecar_is_read_with_checked_types_or_refused_with_a_message(scratch, content):
    path = scratch / "report.meta.yaml"
    path.write_text(content, encoding="utf-8")
    try:
        meta = ingest.read_meta(path, 2030)
    except InputError as err:
        assert str(err).startswith(str(path)) and err.problem, err
        return
    assert set(meta) <= ingest.META_KEYS
    for key in ingest.TEXT_META_KEYS:
        assert meta.get(key) is None or (isinstance(meta[key], str) and meta[key] == meta[key].strip())
    year = meta.get("report_year")
    assert year is None or (type(year) is int and 1990 <= year <= 2030)
    assert meta.get("retrieved_on") is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta["retrieved_on"])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(noisy_reports(), min_size=1, max_size=3))
def test_noisy_reports_pass_the_real_validation(texts):
    """What ingest and extract make of noisy reports passes every Pandera schema and provenance check."""
    logger = logging.getLogger("tipfacts")
    level = logger.level
    logger.setLevel(logging.ERROR)  # quiet for these examples only: later tests in this process read warnings
    try:
        docs = [document(text, f"doc-{i}") for i, text in enumerate(texts)]
        frames = {"documents": ingest.documents_frame(docs), "sentences": ingest.sentences_frame(docs)}
        frames |= extract.to_frames([extract.extract_document(doc) for doc in docs])
        build.run_validate(frames, None)  # raises ValidationFailed with the rows if any rule breaks
    finally:
        logger.setLevel(level)


def test_a_report_without_a_subject_that_states_a_tier_passes_validation():
    doc = document("tier rating: Tier 2 Watch List; the government does not fully meet the minimum standards.\n")
    doc.subject_iso3 = None
    frames = {"documents": ingest.documents_frame([doc]), "sentences": ingest.sentences_frame([doc])}
    frames |= extract.to_frames([extract.extract_document(doc)])
    build.run_validate(frames, None)
