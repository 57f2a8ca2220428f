"""The one matching pass: its gate never misses a term a rule's own pattern finds, in any part of a sentence."""

from __future__ import annotations

import random
import re
from pathlib import Path

from tipfacts.extraction.matcher import Matcher, gate_form, matcher

FIXTURES = Path(__file__).parent / "fixtures"


def test_gate_form_drops_assertions_and_widens_classes() -> None:
    assert gate_form(r"\bcharg(?:ed|ing)\b(?!\s+fees)") == "charg(?:ed|ing)"
    assert gate_form(r"(?<=\bby\s)arrest") == "arrest"
    assert gate_form(r"[^,;.()]+") == "[^,;.()]+"
    widened = gate_form(r"forced[\w\s,]{0,30}?into")
    assert re.fullmatch(widened.replace(r"\x{80}-\x{10FFFF}", "\x80-\U0010ffff"), "forced Ümit’s family into")


def test_spans_are_typed_and_positioned() -> None:
    text = "Men are subjected to forced labour on fishing vessels, authorities said."
    spans = matcher().spans(text)
    labour = next(s for s in spans if s.table == "exploitations" and s.label == "forced_labour")
    assert text[labour.start : labour.end] == "forced labour"
    assert any(s.table == "sectors" and s.label == "fishing" for s in spans)
    assert not any(s.table == "exploitations" and s.label == "organ_removal" for s in spans)


def test_a_term_found_in_any_stretch_of_a_sentence_is_present_in_the_sentence() -> None:
    """The superset property the rules rely on to skip absent terms, on real report text cut at random."""
    m = Matcher()
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "factbook").glob("*.txt"))[:6]]
    sentences = [s for t in texts for s in re.split(r"(?<=\.)\s+", t) if len(s) > 40]
    checked = 0
    for sentence in sentences:
        present = m.labels(sentence)
        for _ in range(3):
            a = rng.randrange(len(sentence))
            piece = sentence[a : rng.randrange(a, len(sentence) + 1)]
            for term in m.terms:
                rule_pattern = re.compile(term.pattern.pattern)  # case-sensitive, as some rules read it
                if rule_pattern.search(piece) or term.pattern.search(piece):
                    assert (term.table, term.label) in present, (term.term, piece)
                    checked += 1
    assert checked > 100


def test_every_instrument_name_holds_a_head_word_of_its_kind() -> None:
    """The legal-instruments rule skips a kind whose head words are absent: no name of that kind may lack one."""
    from tipfacts.extraction.rules.legal_instruments import INSTRUMENTS

    m = Matcher()
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*/*.txt"))]
    texts += ["Parliament passed amendments to the Republic Act 9208 and R.A. 10364 in 2012."]
    found = 0
    for sentence in (s for t in texts for s in re.split(r"(?<=\.)\s+", t)):
        present = m.labels(sentence)
        for kind, pattern in INSTRUMENTS:
            if kind != "treaty" and pattern.search(sentence):
                assert ("instrument_heads", kind) in present, (kind, sentence)
                found += 1
    assert found > 20


def test_gates_tell_which_slow_patterns_may_match_and_never_miss_one() -> None:
    """A rule tries only the patterns its Gates say may match: on real report text cut at random, every
    pattern that matches a piece is among them, and patterns absent from a piece are left out."""
    from tipfacts.extraction.matcher import Gates
    from tipfacts.extraction.rules.legal_instruments import INSTRUMENTS

    patterns = [p for _, p in INSTRUMENTS] + [re.compile(r"\b(?:vulnerable|at\s+risk)\b(?!\s+of)", re.IGNORECASE)]
    gates = Gates(patterns)
    other, risk = [k for k, _ in INSTRUMENTS].index("other"), len(INSTRUMENTS)
    assert gates.which("The two ministries signed an MOU.") == frozenset({other})
    assert gates.which("the two ministries signed an mou") == frozenset()  # as case-sensitive as `\bMOUs?\b`
    assert gates.which("Children are AT RISK.") == frozenset({risk})  # the pattern ignores case: so does its gate
    rng = random.Random(11)
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*/*.txt"))]
    matched = 0
    for sentence in (s for t in texts for s in re.split(r"(?<=\.)\s+", t) if s):
        for piece in (sentence, sentence[rng.randrange(len(sentence)) :]):
            possible = gates.which(piece)
            for i, pattern in enumerate(patterns):
                if pattern.search(piece):
                    assert i in possible, (pattern.pattern[:40], piece)
                    matched += 1
    assert matched > 50


def test_readings_gates_keep_every_kind_and_sector_found_one_pattern_at_a_time() -> None:
    """exploitations() and sector() try only the patterns their Gates allow: on report text, the answers are the
    ones every pattern tried in turn gives."""
    from tipfacts.extraction import readings

    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*/*.txt"))]
    kinds = 0
    for clause in (c for t in texts for s in re.split(r"(?<=\.)\s+", t) for c in s.split(";") if c.strip()):
        present = matcher().labels(clause)
        slow = {kind for p, kind in readings._EXPLOITATION if ("exploitations", kind) in present and p.search(clause)}
        assert set(readings.exploitations(clause, present)) == slow, clause
        found = [(k, p.search(clause)) for p, k in readings._SECTOR if ("sectors", k) in present]
        hits = [(m.start(), k) for k, m in found if m]
        assert readings.sector(clause, present) == (min(hits)[1] if hits else None), clause
        kinds += len(slow)
    assert kinds > 50


def test_spans_of_one_table_are_that_tables_spans_of_all() -> None:
    """Flows ask only for the exploitation spans: the same spans, in the same order, as filtering every span."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "factbook").glob("*.txt"))[:8]]
    checked = 0
    for sentence in (s for t in texts for s in re.split(r"(?<=\.)\s+", t)):
        every = matcher().spans(sentence)
        for table in ("exploitations", "victim_groups"):
            assert matcher().spans(sentence, table) == [s for s in every if s.table == table]
        checked += sum(s.table == "exploitations" for s in every)
    assert checked > 10
