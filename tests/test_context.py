"""The sentence context's shared readings: clauses, negation, hedges and overlap resolution, defined once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipfacts.extraction.context import COUNT, Claims, SentenceContext, build_contexts, parse_number
from tipfacts.stages.ingest import ingest


@pytest.fixture
def context(tmp_path: Path):
    """The context of the one sentence of a real ingested report."""

    def make(sentence: str) -> SentenceContext:
        (tmp_path / "r.txt").write_text(sentence + "\n", encoding="utf-8")
        (doc,) = ingest(tmp_path, 1_000_000)
        (ctx,) = build_contexts(doc)
        assert ctx.text == sentence
        return ctx

    return make


def test_clause_at_is_the_semicolon_clause_around_a_position(context) -> None:
    ctx = context("Police raided a bar; they arrested five men; nobody was charged.")
    at = ctx.text.index("arrested")
    start, end = ctx.clause_at(at)
    assert ctx.text[start:end] == " they arrested five men"
    assert ctx.clause_at(0) == (0, ctx.text.index(";"))
    assert ctx.text[slice(*ctx.clause_at(ctx.text.index("nobody")))].strip() == "nobody was charged."


def test_negated_reaches_back_within_its_clause_only(context) -> None:
    ctx = context("The government did not prosecute traffickers, but it convicted two officials.")
    assert ctx.negated(ctx.text.index("prosecute"))
    assert not ctx.negated(ctx.text.index("convicted"))  # ", but" ends the negation's reach
    assert not ctx.negated(ctx.text.index("traffickers"), window=5)  # too far back
    plain = context("The government prosecuted traffickers.")
    assert not plain.has("negations") and not plain.negated(plain.text.index("traffickers"))


def test_negation_before_names_the_last_negation_in_reach(context) -> None:
    ctx = context("Officials did not report data, nor did they identify any victims; police arrested two men.")
    start, end = ctx.negation_before(ctx.text.index("identify"))
    assert ctx.text[start:end] == "nor"  # the nearest denial, not the first
    assert ctx.negation_before(ctx.text.index("arrested")) is None  # the ";" ends the reach
    assert ctx.negation_before(ctx.text.index("identify"), window=3) is None


def test_not_only_does_not_deny(context) -> None:
    ctx = context("Not only did police arrest 12 suspects, they also charged nine of them.")
    assert not ctx.negated(ctx.text.index("arrest")) and not ctx.negated(ctx.text.index("charged"))
    denied = context("Police did not only fail to arrest suspects; they did not charge them.")
    assert denied.negated(denied.text.index("charge"))


def test_year_at_keeps_a_lone_year_in_its_own_clause(context) -> None:
    ctx = context("Police intercepted 120 migrants; in 2019 they had intercepted 80.")
    assert ctx.year == 2019  # the sentence's year rule
    assert ctx.year_at(ctx.text.index("120")) is None  # no year of its own, and the report has none
    assert ctx.year_at(ctx.text.index("80")) == 2019
    leading = context("In 2018, police intercepted 120 migrants; courts convicted 80 traffickers.")
    assert leading.year_at(leading.text.index("80")) == 2018  # "In 2018," dates every clause


def test_hedged_before_a_position_and_inside_a_span(context) -> None:
    ctx = context("Women may be exploited in bars: police raided two bars in 2019.")
    assert ctx.hedged(ctx.text.index("exploited"))
    assert not ctx.hedged(ctx.text.index("raided"))  # the ":" ends the hedge's reach
    assert ctx.hedged(0, ctx.text.index("be"))
    assert not ctx.hedged(ctx.text.index("police"), len(ctx.text))
    dismay = context("The dismay of officials was plain.")
    assert not dismay.hedged(dismay.text.index("may"), len(dismay.text))  # "may" inside a word is no hedge
    month = context("In May 2019 the mayor said women were exploited in bars.")
    assert not month.hedged(0, len(month.text))  # the month and "mayor" are no hedge


def test_vulnerability_hedges_only_when_asked(context) -> None:
    ctx = context("Migrant women are vulnerable to sex trafficking; children are susceptible to forced labor.")
    second = ctx.text.index("children")
    assert not ctx.hedged(0, second) and not ctx.hedged(second, len(ctx.text))  # roles and events: no doubt
    assert ctx.hedged(0, second, risk=True) and ctx.hedged(second, len(ctx.text), risk=True)  # flows: potential
    assert ctx.hedged(ctx.text.index("sex"), risk=True)  # before a position too
    plain = context("Migrant women are exploited in sex trafficking.")
    assert not plain.hedged(0, len(plain.text), risk=True)


def test_claims_let_the_first_claim_win() -> None:
    claims = Claims()
    claims.claim(10, 20)
    assert claims.overlaps(15, 25) and claims.overlaps(0, 11)
    assert not claims.overlaps(20, 30) and not claims.overlaps(0, 10)


@pytest.mark.parametrize(
    "text, acronym, full",
    [
        (
            "expand its police anti-human trafficking units (AHTUs) to all districts",
            "AHTUs",
            "anti-human trafficking units",
        ),
        ("the Office of the Prosecutor-General (OPG) charged them", "OPG", "Office of the Prosecutor-General"),
        ("the Department of Foreign Employment (DoFE) licensed agents", "DoFE", "Department of Foreign Employment"),
        ("the Anti-Trafficking Unit (ATU) investigated", "ATU", "Anti-Trafficking Unit"),
    ],
)
def test_acronym_letters_from_hyphenated_parts_and_lower_case_joiners(text, acronym, full) -> None:
    """Each part of a hyphenated word may give a letter; "of" gives one only where the acronym has it in lower
    case (before, "anti-human" gave none, and "of" could start a definition: "of the Prosecutor-General")."""
    from tipfacts.extraction.context import acronym_definitions

    assert acronym_definitions(text) == {acronym: full}


def test_clauses_are_split_once_and_handed_out_as_copies(context) -> None:
    ctx = context("Police raided a bar;  they arrested five men; nobody was charged.")
    clauses = ctx.clauses()
    assert clauses == [(0, "Police raided a bar"), (22, "they arrested five men"), (46, "nobody was charged.")]
    assert all(ctx.text[at : at + len(part)] == part for at, part in clauses)
    clauses.pop()  # a caller's list is its own: the next caller still gets every clause
    assert len(ctx.clauses()) == 3


@pytest.mark.parametrize(
    "phrase, value",
    [("a dozen", 12), ("a single", 1), ("twenty-three", 23), ("4,000", 4000), ("dozens of", None)],
)
def test_a_count_is_a_stated_figure_not_a_vague_quantity(phrase: str, value: int | None) -> None:
    """ "dozens of" names no figure: COUNT does not read it, so no rule turns it into 24."""
    m = COUNT.fullmatch(phrase)
    assert (parse_number(m.group("num")) if m else None) == value


def test_a_qualifier_is_a_whole_word() -> None:
    # "Moreover 300" has no qualifier "over"; "over 300" has
    assert COUNT.search("Moreover 300 children").group("qual") is None
    assert COUNT.search("Police found over 300 children").group("qual") == "over"
