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


# --- session 4: count language of TIP narratives and Wikipedia articles ----------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # several figures for other periods, each with its own year
        (
            "Officials referred 64 victims to NGOs for reintegration, compared with 52 in 2019 and 30 in 2018.",
            [
                ("victims_assisted", 30, "exact", 2018),
                ("victims_assisted", 52, "exact", 2019),
                ("victims_assisted", 64, "exact", 2021),
            ],
        ),
        (
            "Police identified 19 victims (eleven in 2019 and seven in 2018).",
            [
                ("victims_identified", 7, "exact", 2018),
                ("victims_identified", 11, "exact", 2019),
                ("victims_identified", 19, "exact", 2021),
            ],
        ),
        # a stated "none" for another year is a zero of that year, and leaves the sentence's own year alone
        (
            "Courts convicted six traffickers, compared with none in 2019.",
            [("convictions", 0, "exact", 2019), ("convictions", 6, "exact", 2021)],
        ),
        # the period before the sentence's own: the year before
        (
            "In 2020, the government prosecuted five trafficking cases, compared with two cases the previous year.",
            [("prosecutions", 2, "exact", 2019), ("prosecutions", 5, "exact", 2020)],
        ),
        (
            "Authorities identified 2,300 victims, a sharp increase from 1,400 last year.",
            [("victims_identified", 1400, "exact", 2020), ("victims_identified", 2300, "exact", 2021)],
        ),
        # a list of figures for the period named at its end, each with its own noun
        (
            "The government reported 30 investigations and 9 convictions, compared with 21 investigations, "
            "13 prosecutions, and four convictions in the previous reporting period.",
            [
                ("convictions", 4, "exact", 2020),
                ("convictions", 9, "exact", 2021),
                ("investigations", 21, "exact", 2020),
                ("investigations", 30, "exact", 2021),
                ("prosecutions", 13, "exact", 2020),
            ],
        ),
    ],
)
def test_figures_for_other_periods(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a breakdown in parentheses names no other period: no count of another year, the total keeps its year
        (
            "The government investigated 41 cases (29 sex trafficking and 12 labor trafficking).",
            [("investigations", 41, "exact", 2021)],
        ),
        # "compared with" a year that is no figure
        ("Courts convicted 14 traffickers, compared with 2019 levels.", [("convictions", 14, "exact", 2021)]),
    ],
)
def test_breakdowns_and_bare_years_are_no_other_periods(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a bare count borrows the object of the count before it, whatever its verb
        (
            "Prosecutors charged 27 alleged traffickers and courts convicted 9.",
            [("convictions", 9, "exact", 2021), ("indictments", 27, "exact", 2021)],
        ),
        (
            "Police investigated 51 suspects, prosecutors prosecuted 33, and courts convicted 16.",
            [
                ("convictions", 16, "exact", 2021),
                ("investigations", 51, "exact", 2021),
                ("prosecutions", 33, "exact", 2021),
            ],
        ),
        (
            "The ministry referred 88 victims to care, and NGOs assisted an additional 40.",
            [("victims_assisted", 40, "exact", 2021), ("victims_assisted", 88, "exact", 2021)],
        ),
        # two figures of one object after one verb
        (
            "The government identified four confirmed and 97 potential trafficking victims.",
            [("victims_identified", 4, "exact", 2021), ("victims_identified", 97, "exact", 2021)],
        ),
        # two verbs share one count
        (
            "Officials identified and referred 23 trafficking victims to shelters.",
            [("victims_assisted", 23, "exact", 2021), ("victims_identified", 23, "exact", 2021)],
        ),
        ("Courts convicted and sentenced 12 traffickers.", [("convictions", 12, "exact", 2021)]),
        ("Authorities continued prosecutions of 21 defendants.", [("prosecutions", 21, "exact", 2021)]),
    ],
)
def test_counts_that_share_a_verb_or_an_object(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a bare number with no count before it to borrow from
        ("The court convicted 3.", []),
        # a bare count cannot borrow victims for an enforcement verb
        ("Police rescued 40 victims and arrested 6.", [("victims_identified", 40, "exact", 2021)]),
        # an enforcement noun before "and" is no verb sharing the count
        (
            "The unit increased its investigations and convicted one trafficker.",
            [("convictions", 1, "exact", 2021)],
        ),
        # "dozens of" is a vague quantity, no stated figure
        ("Police rescued dozens of children from brick kilns.", []),
    ],
)
def test_what_a_shared_count_does_not_reach(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The government provided shelter and counseling to 46 victims.", [("victims_assisted", 46, "exact", 2021)]),
        (
            "At least 35 victims received medical assistance from NGOs.",
            [("victims_assisted", 35, "at_least", 2021)],
        ),
        ("The shelter housed 18 child victims.", [("victims_assisted", 18, "exact", 2021)]),
        # cases counted without an enforcement verb
        ("Police registered 240 cases under the trafficking law.", [("investigations", 240, "exact", 2021)]),
        (
            "An NGO uncovered 60 cases of commercial sexual exploitation of children.",
            [("other", 60, "exact", 2021)],
        ),
        ("In 2019, 1,150 cases of human trafficking were reported.", [("other", 1150, "exact", 2019)]),
        # a range: the lower figure at least, the upper up to
        (
            "Between 400 and 600 women are exploited in the sex trade.",
            [("other", 400, "at_least", 2021), ("other", 600, "up_to", 2021)],
        ),
        (
            "An estimated 8,000-12,000 children work in the mines.",
            [("other", 12000, "up_to", 2021), ("other", 8000, "at_least", 2021)],
        ),
    ],
)
def test_victims_assisted_cases_and_ranges(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # help given to bodies, or what victims were given that is no help
        "The government provided funding to 12 NGOs.",
        "The government provided information to 40 journalists.",
        "Seven victims received threats from their traffickers.",
        # cases named within another count, or restated
        "Prosecutors charged the defendants in 11 cases.",
        "The task force reviewed the 14 cases.",
        # ranges of years and of penalties
        "The law prescribes penalties of three to 12 years' imprisonment.",
        "Between 2016 and 2019 the ministry drafted a plan.",
    ],
)
def test_no_count_of_help_cases_or_ranges(extract_text, sentence):
    assert stats(extract_text, sentence) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # percentages written with a sign or in two words; a qualifier opening the sentence
        (
            "Around 41% were exploited in domestic work and 12% in agriculture.",
            [("other", 12, "exact", 2021), ("other", 41, "approximately", 2021)],
        ),
        ("Only 38 per cent of missing girls were found.", [("other", 38, "exact", 2021)]),
        ("Some 14,500 children live on the streets.", [("other", 14500, "approximately", 2021)]),
        # one word (a demonym, "trafficked") may stand before a counted object
        ("Officials identified 36 Nepali victims in the Gulf.", [("victims_identified", 36, "exact", 2021)]),
        ("NGOs rescued 75 trafficked victims.", [("victims_identified", 75, "exact", 2021)]),
        # "the number of ..." gives a figure, and one for another year
        (
            "The number of identified victims rose from 310 in 2016 to 522 in 2017.",
            [("victims_identified", 310, "exact", 2016), ("victims_identified", 522, "exact", 2017)],
        ),
        ("The number of prosecutions fell to 38 in 2018.", [("prosecutions", 38, "exact", 2018)]),
        ("The number of migrant workers reached 1.4 million.", [("other", 1_400_000, "exact", 2021)]),
        # a figure for another year after a count of cases
        (
            "The bureau recorded 2,950 human trafficking cases in 2018, up from 2,410 in 2017.",
            [("other", 2410, "exact", 2017), ("other", 2950, "exact", 2018)],
        ),
    ],
)
def test_wikipedia_count_language(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a ratio or a change is no figure of "the number of"
        ("The number of victims was three times higher than in 2015.", []),
        ("The number of victims was not known.", []),
        # a number with a thousands comma is read whole, never as a bare count of its first digits
        (
            "Police arrested 12 suspects and rescued 2,104 people.",
            [("arrests", 12, "exact", 2021), ("victims_identified", 2104, "exact", 2021)],  # anyone rescued is a victim
        ),
    ],
)
def test_what_wikipedia_count_language_does_not_give(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # figures for another period closed by "respectively" follow the counts before them in order
        (
            "In 2020, courts heard 26 prosecutions and issued 9 convictions, compared with 31 and 7, respectively, "
            "in 2019.",
            [
                ("convictions", 7, "exact", 2019),
                ("convictions", 9, "exact", 2020),
                ("prosecutions", 31, "exact", 2019),
                ("prosecutions", 26, "exact", 2020),
            ],
        ),
        # each figure of a list for another period keeps its own noun
        (
            "Police convicted four traffickers, compared with 13 prosecutions and two convictions in 2019.",
            [("convictions", 2, "exact", 2019), ("convictions", 4, "exact", 2021), ("prosecutions", 13, "exact", 2019)],
        ),
        # victims a report gives as found, or with the verb after them
        ("The ministry recorded 312 victims of trafficking in 2020.", [("victims_identified", 312, "exact", 2020)]),
        ("There were 63 victims identified in 2020.", [("victims_identified", 63, "exact", 2020)]),
        ("Only one case investigated reached the courts.", [("investigations", 1, "exact", 2021)]),
        (
            "Nine child victims identified by an NGO received government assistance.",
            [("victims_assisted", 9, "exact", 2021), ("victims_identified", 9, "exact", 2021)],
        ),
        # victims given help, however it is said
        ("The government provided 28 victims with shelter.", [("victims_assisted", 28, "exact", 2021)]),
        ("Forty-one victims were placed in shelters.", [("victims_assisted", 41, "exact", 2021)]),
        # ongoing prosecutions are prosecutions; convictions handed down against traffickers are convictions
        ("Prosecutors reported 17 pending prosecutions.", [("prosecutions", 17, "exact", 2021)]),
        ("Courts handed down convictions against eight traffickers.", [("convictions", 8, "exact", 2021)]),
    ],
)
def test_more_tip_count_language(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # a figure restated with "the" is no new count
        "Prosecutors appealed the acquittal of the 12 traffickers convicted in 2019.",
        # the verb after them concerns officials, or the noun is a modifier
        "Investigators questioned 4 officials investigated for complicity.",
        "The ministry recorded two victim protection hotlines.",
        # help given to victims that is no service, and people who are no victims
        "The government issued 40 residence permits to foreign victims.",
        "The government provided 30 officers with training.",
    ],
)
def test_what_more_tip_count_language_does_not_give(extract_text, sentence):
    assert stats(extract_text, sentence) == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # other heads of a comparison
        (
            "The government identified 14 victims, similar to 12 in 2020, and 11 in 2019.",
            [
                ("victims_identified", 11, "exact", 2019),
                ("victims_identified", 12, "exact", 2020),
                ("victims_identified", 14, "exact", 2021),
            ],
        ),
        (
            "Officials identified 95 victims, still less than the 180 victims identified in 2018.",
            [("victims_identified", 180, "exact", 2018), ("victims_identified", 95, "exact", 2021)],
        ),
        # a figure for another period says what it counts by its own verb or service
        (
            "Police identified 240 victims, compared to 310 identified and 205 referred to shelters in 2019.",
            [
                ("victims_assisted", 205, "exact", 2019),
                ("victims_identified", 310, "exact", 2019),
                ("victims_identified", 240, "exact", 2021),
            ],
        ),
        # a part of a count with a verb of its own
        (
            "Police identified 88 victims, of which 61 were referred to shelters.",
            [("victims_assisted", 61, "exact", 2021), ("victims_identified", 88, "exact", 2021)],
        ),
        # prosecution "in" cases; actions counted at any figure
        ("Prosecutors initiated prosecution in 212 cases.", [("prosecutions", 212, "exact", 2021)]),
        ("Police conducted 16 anti-trafficking operations.", [("other", 16, "exact", 2021)]),
        ("The hotline received 640 calls during the reporting period.", [("other", 640, "exact", 2021)]),
    ],
)
def test_comparisons_parts_and_actions(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "more than" before a figure is a qualifier, not a comparison with another period
        ("Police identified more than 300 victims in 2020.", [("victims_identified", 300, "over", 2020)]),
        # a part the whole already counts by the same verb adds nothing; a restated total is no new count
        (
            "Police identified 70 victims, of which 12 were identified abroad.",
            [("victims_identified", 70, "exact", 2021)],
        ),
        ("All 264 were Ethiopian nationals.", []),
        # "among the" opens a first mention ("among the estimated 1.5 million refugees"), no restatement
        (
            "Children among the estimated 1.5 million Syrian refugees are at high risk.",
            [("other", 1_500_000, "approximately", 2021)],
        ),
        # "a year" is no figure of actions
        ("The inspectors visit 2019 operations sites.", []),
    ],
)
def test_what_comparisons_parts_and_actions_do_not_give(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # victims counted, then helped
        (
            "Officials identified 23 victims and provided them with shelter and medical care.",
            [("victims_assisted", 23, "exact", 2021), ("victims_identified", 23, "exact", 2021)],
        ),
        (
            "Police identified at least 40 victims and referred all of them to shelters.",
            [("victims_assisted", 40, "at_least", 2021), ("victims_identified", 40, "at_least", 2021)],
        ),
        # the people a counted action involved
        (
            "Police conducted 143 investigations involving 290 suspects.",
            [("investigations", 143, "exact", 2021), ("investigations", 290, "exact", 2021)],
        ),
        # ... but not officials, and not without a count before
        ("Police opened 12 investigations involving 3 officials.", [("investigations", 12, "exact", 2021)]),
        ("The government provided them with shelter.", []),
        ("Police arrested 9 suspects and provided them with legal aid.", [("arrests", 9, "exact", 2021)]),
    ],
)
def test_counts_referred_to_again(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a denial limited to some cases or to particular allegations is no figure of the year
        ("Officials did not report investigating any suspects in connection with those cases.", []),
        ("The government did not report investigations into several documented allegations.", []),
        # a figure restated with "the" and its verb
        ("Among the 166 victims identified, 70 were women.", []),
        # the year's own denial still counts
        (
            "The government did not report investigating any suspects.",
            [("investigations", None, "not_reported", 2021)],
        ),
    ],
)
def test_limited_denials_and_restated_figures(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # more counts sharing one verb
        (
            "Officials identified 5 victims of sex trafficking and 19 victims of forced labor.",
            [("victims_identified", 19, "exact", 2021), ("victims_identified", 5, "exact", 2021)],
        ),
        (
            "Police investigated 21 sex trafficking cases and 6 labor trafficking cases.",
            [("investigations", 21, "exact", 2021), ("investigations", 6, "exact", 2021)],
        ),
        (
            "The police identified 44 Nepali and 9 Indian victims.",
            [("victims_identified", 44, "exact", 2021), ("victims_identified", 9, "exact", 2021)],
        ),
        # a bare count sent to services borrows the victims counted before
        (
            "The government reported identifying 93 victims and referring 70 to services.",
            [("victims_assisted", 70, "exact", 2021), ("victims_identified", 93, "exact", 2021)],
        ),
        # the people investigated cases involved
        (
            "The government reported initiating investigations of 31 cases involving 47 suspects.",
            [("investigations", 31, "exact", 2021), ("investigations", 47, "exact", 2021)],
        ),
    ],
)
def test_counts_sharing_a_verb(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a count with a verb of its own does not share the first one's
        (
            "Courts convicted 8 traffickers, and 3 defendants were acquitted.",
            [("acquittals", 3, "exact", 2021), ("convictions", 8, "exact", 2021)],
        ),
        # an enforcement verb does not count victims after it
        ("Police arrested 12 suspects and 4 victims in the raid.", [("arrests", 12, "exact", 2021)]),
        # a negated or restated figure of help is no count
        ("The government did not report how many of the 96 victims received services.", []),
    ],
)
def test_what_a_shared_verb_does_not_count(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # people "identified as victims" are victims identified
        (
            "In 2016, 470 persons were identified as victims of trafficking.",
            [("victims_identified", 470, "exact", 2016)],
        ),
        # the people of a count before, again, with a verb of their own
        (
            "In 2013, 38 people were arrested for trafficking, and 12 were convicted.",
            [("arrests", 38, "exact", 2013), ("convictions", 12, "exact", 2013)],
        ),
        # ... but not persons identified as something else, nor the same verb again
        ("In 2016, 470 persons were identified as migrants.", [("other", 470, "exact", 2016)]),
        ("Police arrested 40 suspects, and 40 were arrested again.", [("arrests", 40, "exact", 2021)]),
    ],
)
def test_people_identified_as_victims_and_counted_again(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a list of years: each figure takes its own
        (
            "The police registered 64 trafficking cases in 2015 and 88 in 2016.",
            [("investigations", 64, "exact", 2015), ("investigations", 88, "exact", 2016)],
        ),
        # ... but a year list names no figure when what follows is no figure of a year
        ("In 2019, and again in 2020, police identified 40 victims.", [("victims_identified", 40, "exact", 2019)]),
    ],
)
def test_figures_in_a_list_of_years(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


# --- session 5: counts in history prose (made-up sentences) ---------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a qualifier is a whole word: "Moreover 300" is 300, not "over 300"
        ("Moreover 300 children were trafficked each year.", [("other", 300, "exact", 2021)]),
        ("Over 300 children were trafficked each year.", [("other", 300, "over", 2021)]),
        # a comparison "the N of YEAR" is that year's figure
        (
            "In 2017, police investigated 166 trafficking cases, compared to the 105 of 2016.",
            [("investigations", 105, "exact", 2016), ("investigations", 166, "exact", 2017)],
        ),
        # victims repatriated were given help, whatever the figure; anyone rescued is a victim
        ("Authorities repatriated 34 trafficking victims in 2019.", [("victims_assisted", 34, "exact", 2019)]),
        ("Forty-two victims were repatriated to their home countries.", [("victims_assisted", 42, "exact", 2021)]),
        ("Police rescued 40 workers from a fishing boat.", [("victims_identified", 40, "exact", 2021)]),
        # a range whose lower end is written in full keeps it; "one hundred" is a figure
        (
            "Between 700,000 and 2 million people are trafficked annually.",
            [("other", 2_000_000, "up_to", 2021), ("other", 700_000, "at_least", 2021)],
        ),
        ("One hundred children were found in brothels.", [("other", 100, "exact", 2021)]),
        # an enforcement noun a result opens: "led to the arrest of 30 suspects"
        ("The operation led to the arrest of 30 suspects.", [("arrests", 30, "exact", 2021)]),
        # a share written as a fraction of people is a percent
        ("One-third of victims were children.", [("other", 33, "exact", 2021)]),
        ("Almost half of the identified victims were men.", [("other", 50, "approximately", 2021)]),
        ("One in four victims is a child.", [("other", 25, "exact", 2021)]),
        # an estimate of "the number of victims" is no count of victims found
        ("The number of victims is estimated at 4,000.", [("other", 4000, "approximately", 2021)]),
        # an enforcement noun in the passive, with the people it was aimed at
        (
            "Prosecutions from 2016 were continued in 2017 by the authorities against 14 defendants.",
            [("prosecutions", 14, "exact", 2017)],
        ),
        # a second count of the sentence's verb list, with its charge after it
        (
            "In 2019, authorities arrested 25 people and charged 12 with trafficking.",
            [("arrests", 25, "exact", 2019), ("indictments", 12, "exact", 2019)],
        ),
    ],
)
def test_counts_in_history_prose(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # "several hundred" is a vague quantity
        ("Several hundred children were trafficked.", []),
        # no "over" inside another word, and no share without a group of people
        ("Moreover, the police arrested 12 suspects.", [("arrests", 12, "exact", 2021)]),
        ("Two-thirds are girls and one-third boys.", []),
        ("One-third of the population lives in poverty.", []),
        ("Half of convicted traffickers were not sentenced to any prison time.", []),
        ("In the first half of 2019, police arrested 12 suspects.", [("arrests", 12, "exact", 2019)]),
        # repatriated or rescued officials, or a repatriated worker count that is no victim, give no victim count
        ("Authorities repatriated 34 migrant workers from the Gulf.", []),
        ("Police rescued two officers held hostage.", []),
        # "the number of" that gives no figure, and a bare count whose words are no charge
        ("The number of prosecutions is unknown.", []),
        ("Police arrested 25 people and charged 12 with a fee for bail.", [("arrests", 25, "exact", 2021)]),
        # a passive enforcement noun without people counted; an arrest no action led to
        ("Prosecutions were initiated against the owners of two brothels.", []),
        ("The arrest of 30 suspects was reported in the press.", []),
    ],
)
def test_what_history_prose_does_not_give(extract_text, sentence, expected):
    assert stats(extract_text, sentence) == expected
