"""Extraction's faster searches give exactly what the plain ones give (issue 11: outputs stay byte-identical).

Each fast form adds a cheap test before a slow pattern (a class of first or last letters, an RE2 gate); each
test here compares it with the plain form on sentences written to reach its edges: every word of the
vocabulary the class is built from, other cases, letters `re` folds when ignoring case ("ſ" is an "s"),
digits of other scripts. A class built from the wrong letters fails them.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from tipfacts import schemas
from tipfacts.extraction import context, readings
from tipfacts.extraction.rules import legal_instruments, statistics
from tipfacts.lexicon.words import QUALIFIER_WORDS
from tipfacts.stages.extract import fact_id

FIXTURES = Path(__file__).parent / "fixtures"
FOLDERS = [FIXTURES / name for name in ("factbook", "holdout", "dev")]  # report text we may tune on


def _fixture_sentences() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for folder in FOLDERS for p in sorted(folder.glob("*.txt"))]
    return [s for t in texts for s in re.split(r"(?<=\.)\s+", t) if s]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], dict[str, str | None]]]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


DATE_SENTENCES = [
    *(f"On {m.capitalize()} 2, 2008 and {m.capitalize()} 2011; 17 {m.capitalize()}. 2009." for m in context.MONTHS),
    "In 2008, 2019 and 1950-2049 it acted (2014); January 2 and 17, 2008; May of 2010; the 2008 law.",
    "On ١٢ January 2008 and 3 Sept 2015, but not 1949 or 2050; x2008 2008x and 12008.",
    "june 2008 and JANUARY 2009 are no month dates; Jan. 2010 is.",
]


@pytest.mark.parametrize("text", DATE_SENTENCES)
def test_dates_are_the_plain_search(text: str) -> None:
    plain = re.compile(context.DATE.pattern.replace(f"(?={context.DATE_FIRST})", "", 1), context.DATE.flags)
    assert plain.pattern != context.DATE.pattern
    assert _found(context.DATE, text) == _found(plain, text)
    assert _found(context.DATE, text)


def test_dates_are_the_plain_search_on_report_text() -> None:
    plain = re.compile(context.DATE.pattern.replace(f"(?={context.DATE_FIRST})", "", 1), context.DATE.flags)
    found = 0
    for sentence in _fixture_sentences():
        fast = _found(context.DATE, sentence)
        assert fast == _found(plain, sentence), sentence
        found += len(fast)
    assert found > 50


def test_victim_groups_are_the_plain_search() -> None:
    forms = list(readings._VICTIM_FORMS)
    text = " ".join(f"{w}, ({w}) x{w} {w}s {w.upper()}" for w in forms) + " Ümit’s children; ſex workers."
    plain = re.compile(readings._VICTIM.pattern.replace(f"(?=[{readings._VICTIM_FIRST}])", "", 1))
    assert plain.pattern != readings._VICTIM.pattern
    assert _found(readings._VICTIM, text) == _found(plain, text)
    assert len(_found(readings._VICTIM, text)) >= len(forms)


def _plain_other_counts(text: str) -> list[re.Match[str]]:
    return list(statistics.OTHER_COUNT.finditer(text))


@pytest.mark.parametrize("case", [str, str.upper, str.title])
def test_other_counts_after_every_qualifier_are_the_plain_search(case) -> None:
    """Each qualifier, in each case, before a count: the last-letter class must let every one through."""
    text = " ".join(f"{case(q)} 300 migrants and {case(q)}\u00a0a million refugees;" for q in QUALIFIER_WORDS)
    text += " ſome 250 persons, aroundſ 12 women, and 40 IDPs."
    fast = [(m.span(), m.groupdict()) for m in statistics._other_counts(text)]
    assert fast == [(m.span(), m.groupdict()) for m in _plain_other_counts(text)]
    assert sum(m[1]["qual"] is not None for m in fast) >= len(QUALIFIER_WORDS)


def test_names_of_a_kind_are_found_in_every_sentence_its_gate_opens() -> None:
    """`_named` skips a sentence whose gate is closed for the kind: the names it finds are those of the plain
    search, in every fixture sentence, for every kind."""

    report = SimpleNamespace(shared={})  # what `_named` reads of a context: the report's shared work
    found = 0
    for i, sentence in enumerate(_fixture_sentences()):
        for kind, pattern in legal_instruments.INSTRUMENTS:
            names = legal_instruments._named(report, kind, f"s{i}", sentence)  # type: ignore[arg-type]
            plain = [
                legal_instruments.LEADING_NOISE.sub("", m.group(0)).strip(" ,.") for m in pattern.finditer(sentence)
            ]
            assert [name for name, _ in names] == plain, (kind, sentence)
            found += len(plain)
    assert found > 20


@pytest.mark.parametrize(
    "row",
    [
        {"doc_id": "d", "sentence_id": "d-s1", "sentence_no": 3, "fact_id": "old", "evidence": "“Ümit” 5%"},
        {"value": 2.0, "qualifier": None, "nan": float("nan"), "list": [1, "a"], "when": Path("x"), "zeta": True},
        {},
    ],
)
def test_fact_ids_are_the_plain_json_digest(row: dict) -> None:
    payload = {k: v for k, v in sorted(row.items()) if k not in ("fact_id", "sentence_no")}
    plain = hashlib.sha1(json.dumps(["flows", payload], sort_keys=True, default=str).encode()).hexdigest()[:16]
    assert fact_id("flows", row) == f"{schemas.FACT_PREFIX['flows']}-{plain}"


def test_legal_names_with_the_sentence_gate_are_those_clause_by_clause() -> None:
    """The legal rule reads a sentence's clauses only for the kinds its sentence gate and head words allow: the
    names are those every kind with its head words finds clause by clause."""
    from tipfacts.extraction.context import build_contexts
    from tipfacts.stages.ingest import ingest

    found = skipped = 0
    for folder in FOLDERS:
        for doc in ingest(folder, 50_000_000):
            for ctx in build_contexts(doc):
                heads = frozenset(  # the kinds the rule tried before: head words in the sentence, no sentence gate
                    i
                    for i, (kind, _) in enumerate(legal_instruments.INSTRUMENTS)
                    if (
                        (ctx.has("treaties") or ctx.has("trafficking_protocol"))
                        if kind == "treaty"
                        else ctx.has("instrument_heads", kind)
                    )
                )
                kinds = legal_instruments._kinds(ctx)
                for _, clause in ctx.clauses():
                    plain = legal_instruments._names(ctx, clause, heads)
                    assert (legal_instruments._names(ctx, clause, kinds) if kinds else []) == plain, clause
                    found += len(plain)
                skipped += not kinds
    assert found > 20 and skipped > 20


@pytest.mark.parametrize(
    "text",
    [
        "a few thousand migrants and a group of victims arrived; a million refugees and a dozen IDPs left.",
        "Around 300 workers and about 2,000 Nigerians, as many as 500 women, an estimated 40 percent and a% of them.",
        "and 40 percent are above 70 people; among\u2003a\tmillion refugees, aſ 12 women and A dozen children.",
        "Abuse and assistance; a\u00a0single victim; a5 persons; at least a thousand people; ابا 300 migrants.",
    ],
)
def test_other_counts_starting_at_an_a_are_the_plain_search(text: str) -> None:
    """Words opening with "a" are number starts of OTHER_NUMBER; only a bare "a" before spaces or "%" can be a
    count's (and still hide the figure after it: "a few thousand migrants" is no count of thousands)."""
    fast = [(m.span(), m.groupdict()) for m in statistics._other_counts(text)]
    assert fast == [(m.span(), m.groupdict()) for m in _plain_other_counts(text)]
    assert any(m[1]["num"] == "a" for m in fast)
