"""Issue 12, kinds 3 and 4: "not reported" is not zero; counts in words and counts for another year.

Sentences are written for these tests in the language of TIP narratives and Wikipedia articles (no
report's text). Each kind has positives and negatives that must not fire. Expected rows come from
reading the sentences against shared/CONTRACT.md and the issue's rules, not from the code.
"""

from __future__ import annotations

import pandas as pd
import pandera.errors
import pytest

from tipfacts.schemas.statistics import Statistics
from tipfacts.stages import panel

PERU = {"subject": "Peru", "report_year": 2021}


def stats(extract_text, sentence: str) -> list[tuple]:
    got = extract_text(f"= Trafficking in persons: Peru =\n\n{sentence}\n", meta=PERU)
    rows = got.rows("statistics")
    assert {r["country_iso3"] for r in rows} <= {"PER"}
    return sorted(
        ((r["indicator"], r["value"], r["qualifier"], r["year"]) for r in rows), key=lambda k: (k[0], k[3], str(k[1]))
    )


# --- kind 3: not reported is not zero -------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # figures the report did not give: a row with no value, never 0
        (
            "The government did not report investigating any trafficking cases.",
            [("investigations", None, "not_reported", 2021)],
        ),
        (
            "Authorities did not report prosecuting or convicting any traffickers during the year.",
            [("convictions", None, "not_reported", 2021), ("prosecutions", None, "not_reported", 2021)],
        ),
        (
            "The ministry did not report the number of prosecutions it initiated.",
            [("prosecutions", None, "not_reported", 2021)],
        ),
        # stated zeros stay zeros
        (
            "The government reported no prosecutions and no convictions in 2021.",
            [("convictions", 0, "exact", 2021), ("prosecutions", 0, "exact", 2021)],
        ),
        ("For the second year, authorities did not convict any traffickers.", [("convictions", 0, "exact", 2021)]),
        # a new denial after the unreported one is a stated zero again
        (
            "Officials did not report complete law enforcement data, nor did they identify any trafficking victims.",
            [("victims_identified", 0, "exact", 2021)],
        ),
    ],
)
def test_not_reported_is_not_zero(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a failure within a subgroup is not a count
        "Officials failed to identify victims among migrant workers in the garment sector.",
        "Labor inspectors failed to identify victims within the fishing industry.",
        # the verb belongs to a relative clause, not to the denial
        "The government did not report funding the shelters that identify and assist victims.",
        # a vague denial names no figure
        "The regional government did not report any enforcement or victim data.",
    ],
)
def test_failures_and_unrelated_denials_give_no_row(extract_text, sentence):
    assert stats(extract_text, sentence) == []


def frame(rows: list[dict]) -> pd.DataFrame:
    base = {"doc_id": "rep", "sentence_id": "rep-s1", "evidence": "x", "extractor": "test", "country_iso3": "PER"}
    data = [
        {**base, "fact_id": f"sta-{i:016x}", "year": 2021, "indicator": "prosecutions", "unit": None, **row}
        for i, row in enumerate(rows)
    ]
    columns = list(Statistics.to_schema().columns)
    return pd.DataFrame(data)[columns].astype({"year": "Int64", "value": "float64"})


def test_schema_allows_a_null_value_only_with_not_reported():
    Statistics.validate(frame([{"value": None, "qualifier": "not_reported"}, {"value": 0.0, "qualifier": "exact"}]))
    for bad in ({"value": None, "qualifier": "exact"}, {"value": 0.0, "qualifier": "not_reported"}):
        with pytest.raises(pandera.errors.SchemaErrors, match="null_value_iff_not_reported"):
            Statistics.validate(frame([bad]), lazy=True)


def test_country_year_tells_not_reported_from_a_stated_zero(extract_text):
    unreported = extract_text(
        "= Trafficking in persons: Peru =\n\nThe government did not report investigating or prosecuting any cases.\n",
        meta={**PERU, "report_year": 2020},
    )
    zero = extract_text("= Trafficking in persons: Peru =\n\nThe government reported no prosecutions.\n", meta=PERU)
    stated = extract_text(
        "= Trafficking in persons: Bolivia =\n\nIn 2021, the government prosecuted 4 traffickers.\n",
        meta={"subject": "Bolivia", "report_year": 2021},
    )
    tables = {t: [] for t in ("flows", "statistics", "assessments", "legal_instruments", "events", "country_roles")}
    docs = []
    for i, got in enumerate((unreported, zero, stated)):
        docs.append({"doc_id": f"doc-{i}", "subject_iso3": got.doc.subject_iso3})
        for table in tables:
            tables[table] += [{**r, "doc_id": f"doc-{i}"} for r in got.rows(table)]
    frames = {t: pd.DataFrame(rows) for t, rows in tables.items()} | {"documents": pd.DataFrame(docs)}
    frames["events"] = pd.DataFrame(columns=["doc_id", "country_iso3", "date"])
    frames["flows"] = pd.DataFrame(columns=["doc_id", "origin_iso3", "destination_iso3", "year"])
    frames["assessments"] = pd.DataFrame(columns=["doc_id", "country_iso3", "year", "tier", "meets_minimum_standards"])
    frames["legal_instruments"] = pd.DataFrame(columns=["doc_id", "country_iso3", "date", "instrument", "action"])
    frames["country_roles"] = pd.DataFrame(columns=["doc_id", "country_iso3", "year"])
    out = panel.build(frames).set_index(["iso3", "year"])
    not_reported, stated_zero, counted = out.loc[("PER", 2020)], out.loc[("PER", 2021)], out.loc[("BOL", 2021)]
    assert pd.isna(not_reported["prosecutions"]) and not_reported["prosecutions_not_reported"] == True  # noqa: E712
    assert not_reported["prosecutions_doc_ids"] == "doc-0"
    assert (stated_zero["prosecutions"], stated_zero["prosecutions_not_reported"]) == (0, False)
    assert (counted["prosecutions"], counted["prosecutions_not_reported"]) == (4, False)
    assert pd.isna(counted["convictions"]) and pd.isna(counted["convictions_not_reported"])  # nobody spoke of it


# --- kind 4: counts in words, and counts for another year ---------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Police identified two victims of forced labor and referred both to shelters.",
            [("victims_identified", 2, "exact", 2021)],
        ),
        ("Authorities identified more than a dozen victims.", [("victims_identified", 12, "over", 2021)]),
        ("Courts convicted twenty-three traffickers.", [("convictions", 23, "exact", 2021)]),
        (
            "The government convicted eleven traffickers, compared with seventeen in 2020.",
            [("convictions", 17, "exact", 2020), ("convictions", 11, "exact", 2021)],
        ),
        (
            "Prosecutors indicted 40 suspects, up from 25 in 2019.",
            [("indictments", 25, "exact", 2019), ("indictments", 40, "exact", 2021)],
        ),
        (
            "In 2019, courts convicted 8 traffickers; in the reporting period they convicted 5.",
            [("convictions", 8, "exact", 2019), ("convictions", 5, "exact", 2021)],
        ),
    ],
)
def test_counts_in_words_and_for_another_year(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The law prescribes penalties of two to ten years' imprisonment.",
        "Peru remained on Tier 2 Watch List for the third consecutive year.",
        "Police interviewed one of the victims at the border.",
        "The task force met four times and prosecutors visited two provinces.",
        "Officials said they visited 5.",  # a bare number with no earlier count to borrow an object from
    ],
)
def test_numbers_that_are_not_counts(extract_text, sentence):
    assert stats(extract_text, sentence) == []


# --- other counts in report language: number words opening a sentence, travelers, counts in millions ---------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Seventy percent of identified victims were women.", [("other", 70, "exact", 2021)]),
        (
            "Border officials intercepted 340 Peruvian travelers bound for high-risk destinations.",
            [("other", 340, "exact", 2021)],
        ),
        (
            "Estimates of children in forced mining vary, but were likely more than two million.",
            [("other", 2_000_000, "over", 2021)],
        ),
        (
            "The number of migrants stranded at the border reached an estimated 1.5 million.",
            [("other", 1_500_000, "approximately", 2021)],
        ),
    ],
)
def test_other_counts_in_report_language(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # money is no count of people
        "The ministry allocated a budget of more than two million.",
        "The government spent approximately $1.5 million.",
        # a figure the sentence restates to split it is no new count
        "Of the 300 potential victims, 40 were children.",
    ],
)
def test_money_and_restated_figures_are_no_other_counts(extract_text, sentence):
    assert stats(extract_text, sentence) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Police initiated investigations of 17 suspected traffickers.", [("investigations", 17, "exact", 2021)]),
        (
            "Prosecutors obtained convictions against at least six traffickers.",
            [("convictions", 6, "at_least", 2021)],
        ),
    ],
)
def test_counts_after_an_enforcement_noun(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The Supreme Court upheld the convictions of four traffickers.",  # no opening verb: maybe another year's
        "Police opened investigations into 3 officials suspected of complicity.",  # officials: no case count
        "The government prosecuted more cases than in the previous year.",  # a trend, no figure
    ],
)
def test_enforcement_nouns_without_a_count_of_their_own(extract_text, sentence):
    assert stats(extract_text, sentence) == []
