"""Organizations described in lower case or by mixed-case acronyms, and the victims of each stated country role
(issue 12: TIP organizations recall, roles attributes), each with a negative that must not fire.

The sentences are written for these tests in the style of TIP narratives; none is copied from a report.
Expected rows come from reading each sentence against shared/CONTRACT.md and tests/gold/README.md (named bodies
required, descriptive references optional but one body under one canonical name).
"""

from __future__ import annotations

import pytest


def orgs(extract_text, text: str, subject: str = "Zambia") -> dict[str, tuple[str, str]]:
    got = extract_text(f"= Trafficking in persons: {subject} =\n\n{text}\n", subject=subject)
    return {r["name"]: (r["canonical"], r["org_kind"]) for r in got.rows("organizations")}


def roles(extract_text, text: str, subject: str = "Zambia") -> dict[tuple[str, str], tuple[str | None, str | None]]:
    got = extract_text(f"= Trafficking in persons: {subject} =\n\n{text}\n", subject=subject)
    return {(r["role"], r["status"]): (r["victim_groups"], r["exploitation"]) for r in got.rows("country_roles")}


# --- organizations described in lower case ---------------------------------------------------------------


def test_a_described_body_is_an_organization_of_its_head_words_kind(extract_text):
    got = orgs(extract_text, "The anti-trafficking police unit investigated 12 cases.")
    assert got == {"anti-trafficking police unit": ("anti-trafficking police unit", "law_enforcement")}
    got = orgs(extract_text, "The government's national anti-trafficking committee met four times.")
    assert got == {
        "national anti-trafficking committee": ("national anti-trafficking committee", "national_government")
    }


def test_a_described_body_takes_the_name_of_the_reports_body_with_its_head(extract_text):
    text = (
        "The National Committee to Combat Trafficking in Persons adopted a plan. "
        "Later the national anti-trafficking committee met twice."
    )
    got = orgs(extract_text, text)
    assert got["national anti-trafficking committee"][0] == "National Committee to Combat Trafficking in Persons"
    text = "The Child Protection Unit referred children. The anti-trafficking unit investigated 12 cases."
    assert orgs(extract_text, text)["anti-trafficking unit"][0] == "anti-trafficking unit"  # another unit


def test_an_undefined_acronym_spells_the_described_body(extract_text):
    text = (
        "The police anti-trafficking unit was under-resourced. "
        "Victims were identified by the ATU and the Ministry of Health."
    )
    got = orgs(extract_text, text)
    assert got["ATU"] == ("police anti-trafficking unit", "law_enforcement")
    assert got["Ministry of Health"] == ("Ministry of Health", "national_government")  # not "ATU and the Ministry ..."


@pytest.mark.parametrize(
    "text",
    [
        "The national committee met twice and the police arrested 12 suspects.",  # no trafficking word: no one body
        "Anti-trafficking units in the provinces investigated cases.",  # plural, general
        "The government did not establish the dedicated anti-trafficking agency required by law.",  # denied
        "Officials trained staff on the anti-trafficking law.",  # a law, not a body
    ],
)
def test_general_or_denied_descriptions_are_no_organization(extract_text, text):
    assert orgs(extract_text, text) == {}


def test_mixed_case_ministry_acronyms_name_bodies_but_a_mou_does_not(extract_text):
    got = orgs(extract_text, "The Ministry of Home Affairs chaired the meeting and the MoHA funded shelters.")
    assert got["MoHA"] == ("Ministry of Home Affairs", "national_government")
    assert orgs(extract_text, "The government signed an MoU with a neighboring country.") == {}


def test_a_plural_possessive_names_two_bodies_and_a_state_department_for_labour_is_domestic(extract_text):
    text = "The Directorate of Criminal Investigations’ Anti-Trafficking Unit investigated 20 cases."
    got = orgs(extract_text, text, subject="Kenya")
    assert got == {
        "Directorate of Criminal Investigations": ("Directorate of Criminal Investigations", "law_enforcement"),
        "Anti-Trafficking Unit": ("Anti-Trafficking Unit", "law_enforcement"),
    }
    got = orgs(extract_text, "The State Department for Labour inspected sites.", subject="Kenya")
    assert got == {"State Department for Labour": ("State Department for Labour", "national_government")}
    got = orgs(extract_text, "The State Department placed Kenya on Tier 2.", subject="Kenya")
    assert got == {"State Department": ("State Department", "foreign_government")}
    # a plural word before an apostrophe that is no possessive of a body stays in the name
    got = orgs(extract_text, "The Department of Children’s Services operated shelters.", subject="Kenya")
    assert set(got) == {"Department of Children’s Services"}


def test_a_body_named_in_the_recommendations_is_a_mention_but_one_in_the_references_is_not(extract_text):
    text = (
        "= Trafficking in persons: Zambia =\n\n== Prioritized Recommendations ==\n\n"
        "Increase resources for the Anti-Trafficking Unit.\n\n== References ==\n\n"
        "Annual report of the Ministry of Labour, 2019.\n"
    )
    got = extract_text(text, subject="Zambia")
    assert {r["name"] for r in got.rows("organizations")} == {"Anti-Trafficking Unit"}
    assert got.rows("events") == []  # the recommendation itself is still no finding


def test_ministries_of_two_portfolios_are_two_bodies_but_one_ministry_of_two_is_one(extract_text):
    got = extract_text(
        "= Trafficking in persons: Zambia =\n\nThe Ministries of Labor and Justice signed an agreement with the "
        "Ministry of Labor and Social Security.\n",
        subject="Zambia",
    )
    assert sorted(r["canonical"] for r in got.rows("organizations")) == [
        "Ministry of Justice",
        "Ministry of Labor",
        "Ministry of Labor and Social Security",
    ]


def test_every_ngo_of_a_list_is_named(extract_text):
    got = orgs(extract_text, "NGOs, including Hope House, Safe Haven, and Tiny Hands, ran shelters.", subject="Nepal")
    assert got == {n: (n, "ngo") for n in ("Hope House", "Safe Haven", "Tiny Hands")}
    got = orgs(extract_text, "The international NGO Hope for Justice trained police.", subject="Nepal")
    assert got == {"Hope for Justice": ("Hope for Justice", "ngo")}


@pytest.mark.parametrize(
    "text, names",
    [
        ("NGOs like Shakti Samuha and Kathmandu officials met.", {"Shakti Samuha"}),  # officials of a city
        ("NGOs such as Maiti Nepal and India ran campaigns.", {"Maiti Nepal"}),  # a country
        ("The local NGO Asha Kiran and Sunita Rai met officials.", {"Asha Kiran"}),  # no list: one NGO
    ],
)
def test_a_list_of_ngos_ends_where_its_names_do(extract_text, text, names):
    assert set(orgs(extract_text, text, subject="Nepal")) == names


# --- country roles: whom each role is for ------------------------------------------------------------------


def test_each_role_phrase_keeps_its_own_victims(extract_text):
    text = (
        "Zambia is primarily a source country for men and women trafficked for forced labor, "
        "and to a lesser extent a destination for girls subjected to sex trafficking."
    )
    assert roles(extract_text, text) == {
        ("source", "reported"): ("men;women", "forced_labour"),
        ("destination", "reported"): ("girls", "sexual_exploitation"),
    }


def test_trafficking_in_persons_and_asides_name_no_victim_group(extract_text):
    text = "Zambia is a source country for women and children subjected to trafficking in persons."
    assert roles(extract_text, text) == {("source", "reported"): ("children;women", None)}
    text = "Zambia is a transit country for Ethiopian migrants, some of whom are victims of forced labor."
    assert roles(extract_text, text) == {("transit", "reported"): ("migrants", None)}


def test_a_role_restated_in_one_sentence_gives_the_fuller_row(extract_text):
    text = (
        "Zambia is a source country for men and women subjected to forced labor; "
        "Zambia is one of the main sources of human trafficking in the region."
    )
    assert roles(extract_text, text) == {("source", "reported"): ("men;women", "forced_labour")}


def test_used_as_a_transit_point_is_a_role_but_a_source_of_income_is_not(extract_text):
    assert set(roles(extract_text, "Zambia is used as a transit point for victims bound for South Africa.")) == {
        ("transit", "reported")
    }
    assert roles(extract_text, "The border market is used as a source of income by smugglers.") == {}


# --- two misreads of other tables met on the way (assessments, legal instruments) ------------------------------


def test_a_placement_verb_names_the_country_placed(extract_text):
    got = extract_text(
        "= Trafficking in persons: Zambia =\n\nThe 2019 report placed Zambia on Tier 2. "
        "The report also placed Malawi on Tier 3.\n",
        subject="Zambia",
    )
    assert {(r["country_iso3"], r["tier"]) for r in got.rows("assessments")} == {("ZMB", "2"), ("MWI", "3")}


def test_a_strategy_developed_for_a_plan_does_not_draft_the_plan(extract_text):
    def actions(sentence: str) -> set[str | None]:
        got = extract_text(f"= Trafficking in persons: Fiji =\n\n{sentence}\n", subject="Fiji")
        return {r["action"] for r in got.rows("legal_instruments")}

    assert "drafted" not in actions("The government was developing a monitoring strategy for its National Action Plan.")
    assert actions("The government was developing a new National Action Plan.") == {"drafted"}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Zambia has emerged as a destination for trafficked women.", {("destination", "reported")}),
        ("Zambia is emerging as a transit hub for human trafficking.", {("transit", "reported")}),
        (
            "Zambia, a source and destination country for trafficking victims, ratified the protocol.",
            {("source", "reported"), ("destination", "reported")},
        ),
    ],
)
def test_emerging_roles_and_roles_in_apposition(extract_text, sentence, expected):
    assert set(roles(extract_text, sentence)) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Traffickers moved women through Malawi, a transit country for victims, to Zambia.",  # Malawi's role
        "In the capital, a destination for trafficked women, police raided bars.",  # no country
        "In Zambia, a major destination for tourists, hotels grew.",  # no victims
        "The problem has emerged as a source of concern.",
    ],
)
def test_no_role_for_another_place_in_apposition(extract_text, sentence):
    assert roles(extract_text, sentence) == {}


def test_a_body_that_lists_the_country_as_a_destination_states_its_role(extract_text):
    text = "The UN Office on Drugs and Crime lists Zambia as one of 21 trafficking destination countries."
    assert set(roles(extract_text, text)) == {("destination", "reported")}
    assert set(roles(extract_text, "Zambia is a trafficking destination for women.")) == {("destination", "reported")}
    # another country listed is no role of the subject's
    assert (
        roles(extract_text, "The UN Office on Drugs and Crime lists Malawi as a destination country for women.") == {}
    )
    assert roles(extract_text, "The report named the Ministry of Labour as a source of data on victims.") == {}


def test_legislature_and_commissioner_offices_and_the_us_office_in_the_us_article(extract_text):
    text = "The bill went to the House of Commons and created an Independent Anti-Slavery Commissioner."
    got = orgs(extract_text, text, subject="United Kingdom")
    assert got == {
        "House of Commons": ("House of Commons", "legislature"),
        "Independent Anti-Slavery Commissioner": ("Independent Anti-Slavery Commissioner", "national_government"),
    }
    assert orgs(extract_text, "Commissioner Jane Doe opened a shelter.", subject="United Kingdom") == {}
    text = "U.S. State Department's Office to Monitor and Combat Trafficking in Persons placed the country in Tier 1."
    got = orgs(extract_text, text, subject="United States")
    assert {canonical for canonical, _ in got.values()} == {"U.S. State Department"}  # one body with its office
