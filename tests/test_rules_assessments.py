"""Tier placements and minimum-standards findings in the general language of TIP narratives and Wikipedia
articles (issue 12), each kind with negatives that must not fire.

The sentences are written for these tests in the style of those reports; none is copied from a report.
Expected rows come from reading each sentence against shared/CONTRACT.md and tests/dev/README.md.
"""

from __future__ import annotations

import pytest

COLUMNS = ("country_iso3", "year", "tier", "meets_minimum_standards", "significant_efforts", "movement")


def rows(extract_text, text: str, subject: str = "Zambia", report_year: int | None = None) -> list[tuple]:
    got = extract_text(f"= Trafficking in persons: {subject} =\n\n{text}\n", subject=subject, report_year=report_year)
    return sorted((tuple(r[c] for c in COLUMNS) for r in got.rows("assessments")), key=repr)


# --- one row per stated year -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, years",
    [
        ('The State Department placed the country in "Tier 2" in 2016 and 2021.', [2016, 2021]),
        ("The country was ranked Tier 2 Watch List in 2012, 2014 and 2019.", [2012, 2014, 2019]),
        ("The report placed Zambia on Tier 2 in both 2015 and 2020.", [2015, 2020]),
        ('The State Department placed the country in "Tier 2" in 2022.', [2022]),
    ],
)
def test_a_placement_for_each_listed_year(extract_text, sentence, years):
    tier = "2WL" if "Watch" in sentence else "2"
    assert rows(extract_text, sentence) == [("ZMB", y, tier, None, None, None) for y in years]


def test_years_elsewhere_in_the_sentence_are_not_listed_placements(extract_text):
    """Only years right after the tier are its years; "since 2010 and 2015" describes something else."""
    got = rows(extract_text, "Zambia was placed on Tier 2 after reforms adopted in 2010 and 2015.", report_year=2016)
    assert [(c, y, t) for c, y, t, *_ in got] == [("ZMB", 2016, "2")]


# --- findings without a tier -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "In 2011 the Government of Zambia was not complying with the minimum standards for the elimination of "
            "trafficking.",
            ("ZMB", 2011, None, False, None, None),
        ),
        (
            "In 2013, the government failed to meet the minimum standards for the elimination of trafficking.",
            ("ZMB", 2013, None, False, None, None),
        ),
        (
            "In 2014 the Government of Zambia complies with the minimum standards for the elimination of trafficking.",
            ("ZMB", 2014, None, True, None, None),
        ),
        (
            "In 2015 the government fully meets the minimum standards for the elimination of trafficking.",
            ("ZMB", 2015, None, True, None, None),
        ),
    ],
)
def test_a_compliance_sentence_without_a_tier(extract_text, sentence, expected):
    assert rows(extract_text, sentence) == [expected]


@pytest.mark.parametrize(
    "sentence",
    [
        # efforts "to meet" the standards are not a finding that the standards are met
        "The government drafted a plan that would constitute significant steps to meet the minimum standards.",
        # a concession restating a finding is not one
        "Although the government meets the minimum standards, it did not adequately address labor trafficking.",
        "While Zambia complies with the minimum standards, shelters remained underfunded.",
    ],
)
def test_no_finding_from_purposes_or_concessions(extract_text, sentence):
    assert rows(extract_text, sentence) == []


# --- movement ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, movement",
    [
        ("In 2017 Zambia had been lowered to Tier 2 Watch List.", "downgraded"),
        ("In 2017 Zambia dropped back to Tier 3.", "downgraded"),
        ("In 2017 Zambia was moved up to Tier 2.", "upgraded"),
        ("In 2017 Zambia was raised to Tier 1.", "upgraded"),
    ],
)
def test_movement_words(extract_text, sentence, movement):
    ((*_, got),) = rows(extract_text, sentence)
    assert got == movement


def test_raising_awareness_is_no_movement(extract_text):
    sentence = "In 2017 the government raised awareness of trafficking; therefore Zambia remained on Tier 2."
    ((*_, got),) = rows(extract_text, sentence)
    assert got == "remained"


# --- the TIP tier paragraph: one row per country, year and tier --------------------------------------------

TIER_PARAGRAPH = (
    "ZAMBIA: Tier 2\n\n"
    "The Government of Zambia does not fully meet the minimum standards for the elimination of trafficking but is "
    "making significant efforts to do so. The government demonstrated overall increasing efforts compared with the "
    "previous reporting period; therefore Zambia remained on Tier 2. These efforts included training more judges."
)


def test_the_tier_paragraph_gives_one_row_with_its_movement(extract_text):
    assert rows(extract_text, TIER_PARAGRAPH, report_year=2021) == [("ZMB", 2021, "2", False, True, "remained")]


def test_a_tier_1_paragraph_meets_the_standards(extract_text):
    text = (
        "ZAMBIA: Tier 1\n\nZambian authorities fully meet the minimum standards for the elimination of trafficking. "
        "Authorities continued to demonstrate serious and sustained efforts; therefore Zambia remained on Tier 1."
    )
    assert rows(extract_text, text, report_year=2021) == [("ZMB", 2021, "1", True, None, "remained")]


def test_a_waiver_from_a_downgrade_is_no_second_placement(extract_text):
    text = TIER_PARAGRAPH.replace("Tier 2", "Tier 2 Watch List") + (
        " Because the government has devoted sufficient resources to a written plan, Zambia was granted a waiver "
        "from an otherwise required downgrade to Tier 3."
    )
    assert rows(extract_text, text, report_year=2021) == [("ZMB", 2021, "2WL", False, True, "remained")]


def test_a_different_tier_in_the_same_year_stays_its_own_row(extract_text):
    text = "In 2019 Zambia was placed on Tier 2. In 2019 Malawi was placed on Tier 3."
    assert [(c, y, t) for c, y, t, *_ in rows(extract_text, text)] == [("MWI", 2019, "3"), ("ZMB", 2019, "2")]


# --- a Wikipedia paragraph dates its finding once ---------------------------------------------------------


def test_an_undated_placement_takes_the_year_of_the_finding_before_it(extract_text):
    text = (
        "In 2016, the Government of Zambia did not meet the minimum standards for the elimination of trafficking. "
        "The government made some progress, but Zambia had been lowered to Tier 2 Watch List."
    )
    assert rows(extract_text, text) == [("ZMB", 2016, "2WL", False, None, "downgraded")]


def test_a_finding_in_another_paragraph_does_not_date_a_placement(extract_text):
    text = (
        "In 2016, the Government of Zambia did not meet the minimum standards for the elimination of trafficking.\n\n"
        "Zambia was placed on Tier 2 Watch List."
    )
    assert rows(extract_text, text) == [("ZMB", 2016, None, False, None, None), ("ZMB", None, "2WL", None, None, None)]


# --- several tiers in one sentence -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("In 2020 Zambia was upgraded from Tier 2 Watch List to Tier 2.", [("ZMB", 2020, "2", "upgraded")]),
        ("Zambia was placed on Tier 2 in 2019, up from Tier 2 Watch List in 2018.", [("ZMB", 2019, "2", None)]),
        (
            'The State Department placed the country in "Tier 2" in 2016 and on the "Tier 2 Watch List" in 2021.',
            [("ZMB", 2016, "2", None), ("ZMB", 2021, "2WL", None)],
        ),
        (
            "In 2016 and 2021, the State Department placed the country in Tier 2.",
            [("ZMB", 2016, "2", None), ("ZMB", 2021, "2", None)],
        ),
    ],
)
def test_the_tier_left_behind_and_tiers_with_their_own_years(extract_text, sentence, expected):
    assert [(c, y, t, mv) for c, y, t, _, _, mv in rows(extract_text, sentence)] == expected


def test_a_later_tier_without_its_own_year_is_the_same_placement(extract_text):
    """ "Tier 2 ... in 2019 ... therefore remained on Tier 2": one placement, not a row per tier."""
    sentence = "Zambia was placed on Tier 2 in 2019; the government made efforts, and Zambia remained on Tier 2."
    assert [(c, y, t) for c, y, t, *_ in rows(extract_text, sentence)] == [("ZMB", 2019, "2")]
