"""The statistics rule's faster searches find exactly what the plain `re` searches find (issue 11).

The rule gates its slow patterns with one RE2 pass per sentence and tries OTHER_COUNT only where a count may
start; both must give the very matches of `pattern.finditer`, so the extracted rows stay byte-identical. The
sentences are written for these tests: qualifiers inside words, counts in words, articles, spaces of other
scripts, digits of other scripts.
"""

from __future__ import annotations

import re

import pytest

from tipfacts.extraction.rules import statistics

SENTENCES = [
    "Officials identified more than 260,000 Syrian refugees and up to 30 percent of them were children.",
    "Moreover 300 migrants arrived; over\u00a0\u00a0450 workers left, and no fewer than 1,200 Nigerians returned.",
    "About a thousand workers and a million refugees crossed; a dozen victims and A dozen passengers were found.",
    "Twenty-five hundred refugees, roughly two thousand IDPs and nearly\n500 agencies took part.",
    "Some 120 shelters, almost 400 companies, approximately ninety percent of victims and 15% of travelers.",
    "The handsome 200 migrants, the setup to 300 workers, at least\u2003٣٠٠ victims and ſome 250 persons.",
    "A group of victims and a few thousand migrants; estimates were well over one million.",
    "Police investigated 12 cases and prosecuted 7 suspects, compared with 9 in 2019; courts convicted 5.",
    "The government did not report investigating any cases and provided shelter to 78 victims.",
    "",
    "no figure here at all",
    "Twelve Nigerians, Eighteen thousand IDPs, ſix hundred migrants and SEVENTY-FIVE percent of workers.",
]


@pytest.mark.parametrize("sentence", SENTENCES)
def test_other_counts_are_the_plain_search(sentence: str) -> None:
    expected = [(m.span(), m.groupdict()) for m in statistics.OTHER_COUNT.finditer(sentence)]
    assert [(m.span(), m.groupdict()) for m in statistics._other_counts(sentence)] == expected


@pytest.mark.parametrize("sentence", SENTENCES)
def test_number_starts_are_every_place_a_number_starts(sentence: str) -> None:
    plain = re.compile(rf"\b(?=(?i:{statistics.NUMBER})|a[\s%])")
    expected = [m.start() for m in plain.finditer(sentence)]
    assert [m.start() for m in statistics.COUNT_NUMBER_START.finditer(sentence)] == expected


def test_other_counts_start_at_their_qualifier() -> None:
    sentence = SENTENCES[1]
    found = {m.group(0) for m in statistics._other_counts(sentence)}
    assert {"over\u00a0\u00a0450 workers", "no fewer than 1,200 Nigerians"} <= found
    assert "300 migrants" in found  # "Moreover 300": a qualifier is a whole word


@pytest.mark.parametrize("sentence", SENTENCES)
def test_gates_never_hide_a_match(sentence: str) -> None:
    possible = statistics.GATES.which(sentence)
    for i, pattern in enumerate(statistics.GATED):
        if pattern.search(sentence):
            assert i in possible, pattern.pattern[:80]


def test_gates_close_on_a_sentence_without_counts() -> None:
    assert not statistics.GATES.which("The country is a destination for trafficking victims.") & {
        statistics.GATED.index(p) for p in (statistics.COUNT_NOUN, statistics.VERB_COUNT, statistics.CASE_COUNT)
    }
