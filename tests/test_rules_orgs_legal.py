"""Country roles, legal instruments and organizations in the general language of TIP narratives and
Wikipedia articles (issue 12, phase 2), each kind with negatives that must not fire.

The sentences are written for these tests in the style of those reports; none is copied from a report.
Expected rows come from reading each sentence against shared/CONTRACT.md.
"""

from __future__ import annotations

import pytest

# --- country roles -----------------------------------------------------------------------------------


def roles(extract_text, sentence: str, subject: str) -> set[tuple[str, str, str]]:
    got = extract_text(f"= Trafficking in persons: {subject} =\n\n{sentence}\n", subject=subject)
    return {(r["country_iso3"], r["role"], r["status"]) for r in got.rows("country_roles")}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Zambia remains a major source of trafficking victims in southern Africa.", {("ZMB", "source", "reported")}),
        (
            "The country is also a destination for women trafficked from neighbouring states.",
            {("ZMB", "destination", "reported")},
        ),
        ("Zambia is a destination for human trafficking from the region.", {("ZMB", "destination", "reported")}),
        (
            "Zambia is one of the main destinations for trafficked persons in the region.",
            {("ZMB", "destination", "reported")},
        ),
        ("Zambia serves as a transit hub for migrants moving south.", {("ZMB", "transit", "reported")}),
        (
            "Zambia is both a country of origin and of destination for victims of forced labour.",
            {("ZMB", "source", "reported"), ("ZMB", "destination", "reported")},
        ),
        (
            "Zambia is a country of origin, transit and destination for trafficked men, women and children.",
            {("ZMB", "source", "reported"), ("ZMB", "transit", "reported"), ("ZMB", "destination", "reported")},
        ),
        ("Zambia has been identified as a source country for forced labour.", {("ZMB", "source", "reported")}),
        ("Zambia is considered a transit country for victims bound for Europe.", {("ZMB", "transit", "reported")}),
        ("Zambia is reportedly a transit route for Ethiopian migrants.", {("ZMB", "transit", "reported")}),
        (
            "Zambia is primarily a source, and to a lesser extent a destination, for children in forced labour.",
            {("ZMB", "source", "reported"), ("ZMB", "destination", "reported")},
        ),
    ],
)
def test_role_phrases_of_reports(extract_text, sentence, expected):
    assert roles(extract_text, sentence, "Zambia") == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Zambia may be a transit point for migrants bound for South Africa.",
        "Zambia could become a destination for labour trafficking.",
        "Zambia is possibly a source of child victims of sex trafficking.",
    ],
)
def test_hedged_role_is_potential(extract_text, sentence):
    assert {status for _, _, status in roles(extract_text, sentence, "Zambia")} == {"potential"}


@pytest.mark.parametrize(
    "sentence",
    [
        "Remittances are a major source of income for rural families.",  # a source of something else
        "Poverty is the main source of vulnerability in rural districts.",
        "The churches were the only source of support for victims.",  # "support", not victims, is the object
        "Zambia is not a destination country for trafficking victims.",  # denied
        "Zambia has never been a major destination for migrant workers.",
        "Zambia is a popular destination for tourists.",  # no victims, no trafficking
        "Victims' countries of origin included Malawi and Zimbabwe.",  # no role stated of any country
    ],
)
def test_no_role_from_other_senses_or_denials(extract_text, sentence):
    assert roles(extract_text, sentence, "Zambia") == set()


def test_another_country_s_role_is_not_the_subject_s(extract_text):
    """A role stated of a neighbour is context, not the subject's role (and a report states its own roles)."""
    got = roles(extract_text, "Victims pass through Malawi, which is a transit country for Zambian women.", "Zambia")
    assert got == set()
    listed = "Angola, Namibia, and Botswana were the major destination countries for victims intercepted in Zambia."
    assert roles(extract_text, listed, "Zambia") == set()


def test_a_place_after_a_preposition_does_not_play_the_role(extract_text):
    sentence = "Zambia is a transit country for Somalis en route to South Africa, and is also a destination country."
    assert roles(extract_text, sentence, "Zambia") == {
        ("ZMB", "transit", "reported"),
        ("ZMB", "destination", "reported"),
    }


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Zambia is a regional source, point of transit, and destination country for men and women.",
            {("ZMB", "source", "reported"), ("ZMB", "transit", "reported"), ("ZMB", "destination", "reported")},
        ),
        ("Zambia is one of Africa's major source countries for trafficked children.", {("ZMB", "source", "reported")}),
        (
            "In 2015 the country was a top destination for victims of forced labour.",
            {("ZMB", "destination", "reported")},
        ),
    ],
)
def test_role_lists_with_adjectives_and_possessives(extract_text, sentence, expected):
    assert roles(extract_text, sentence, "Zambia") == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Zambia is mainly a country of origin of trafficking victims, and to a lesser extent a country of "
            "transit and destination.",
            {("ZMB", "source", "reported"), ("ZMB", "transit", "reported"), ("ZMB", "destination", "reported")},
        ),
        (
            "Zambia is a source country for women and children and, to a lesser extent, a transit and "
            "destination country for men in forced labour.",
            {("ZMB", "source", "reported"), ("ZMB", "transit", "reported"), ("ZMB", "destination", "reported")},
        ),
        (
            "Zambia is a destination country for girls from Malawi and a transit country for migrants heading south.",
            {("ZMB", "destination", "reported"), ("ZMB", "transit", "reported")},
        ),
        # negatives: a new clause's subject, another country, a denial, another sense
        (
            "Zambia is a source country for trafficking victims, and a transit route is used by smugglers.",
            {("ZMB", "source", "reported")},
        ),
        (
            "Zambia is a source country for migrants, and Malawi is a destination country.",
            {("ZMB", "source", "reported")},
        ),
        (
            "Zambia is a source country for women, but not a destination country for trafficking victims.",
            {("ZMB", "source", "reported")},
        ),
        (
            "Zambia is a source country for women and a popular destination for tourists.",
            {("ZMB", "source", "reported")},
        ),
    ],
)
def test_the_same_subject_s_further_roles(extract_text, sentence, expected):
    assert roles(extract_text, sentence, "Zambia") == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Traffickers exploit Zambian women and children in sex trafficking in South Africa and Angola.",
            {("ZMB", "source", "reported")},
        ),
        ("Traffickers exploit victims from Zambia in Namibia and Botswana.", {("ZMB", "source", "reported")}),
        ("Traffickers exploit Malawian women in Zambia.", set()),
        ("Traffickers exploit Zambian children in forced begging in Lusaka.", set()),
        ("Traffickers exploit women in sex trafficking in South Africa.", set()),
    ],
)
def test_the_subject_s_people_exploited_in_another_country(extract_text, sentence, expected):
    assert roles(extract_text, sentence, "Zambia") == expected


# --- legal instruments -------------------------------------------------------------------------------


def laws(extract_text, sentence: str, subject: str = "Paraguay") -> set[tuple[str, str, str, str | None]]:
    got = extract_text(f"= Trafficking in persons: {subject} =\n\n{sentence}\n", subject=subject, report_year=2022)
    return {(r["instrument"], r["instrument_kind"], r["action"], r["date"]) for r in got.rows("legal_instruments")}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Paraguay's 2012 Law on Comprehensive Prevention of Trafficking in Persons criminalized sex and labor "
            "trafficking.",
            ("Law on Comprehensive Prevention of Trafficking in Persons", "statute", "in_force", "2012"),
        ),
        (
            "In May 2021, the Senate passed amendments to the Law on Domestic Employment.",
            ("Law on Domestic Employment", "statute", "amended", "2021-05"),
        ),
        (
            "Paraguay ratified the ILO Forced Labour Convention in 2007.",
            ("ILO Forced Labour Convention", "treaty", "ratified", "2007"),
        ),
        (
            "Paraguay has not ratified the Domestic Workers Convention.",
            ("Domestic Workers Convention", "treaty", "pending", None),
        ),
        (
            "Paraguay acceded to the Trafficking in Persons Protocol in 2004.",
            ("Trafficking in Persons Protocol", "treaty", "acceded", "2004"),
        ),
        (
            "In 2019 the government launched a national plan of action against trafficking in persons.",
            ("national plan of action against trafficking in persons", "action_plan", "enacted", "2019"),
        ),
        (
            "The cabinet approved a new national action plan for 2021-2025 in March 2021.",
            ("new national action plan for 2021-2025", "action_plan", "enacted", "2021-03"),
        ),
        (
            "The government adopted a National Programme on Trafficking Prevention in 2020.",
            ("National Programme on Trafficking Prevention", "action_plan", "enacted", "2020"),
        ),
        (
            "Prosecutors relied on the Labor Code to address forced labor.",
            ("Labor Code", "statute", "relied_on", None),
        ),
        (
            "The ministry issued Decree No. 41/2020 on the identification of victims.",
            ("Decree No. 41/2020", "regulation", "enacted", "2020"),
        ),
        (
            "The Constitution of Paraguay prohibits slavery and forced labour.",
            ("Constitution of Paraguay", "statute", "in_force", None),
        ),
    ],
)
def test_instruments_of_reports(extract_text, sentence, expected):
    assert expected in laws(extract_text, sentence)


def test_amendments_to_a_named_law_are_that_law_amended(extract_text):
    """Not a second instrument called "amendments"."""
    got = laws(extract_text, "The Senate passed amendments to the Law on Domestic Employment in 2021.")
    assert {name for name, *_ in got} == {"Law on Domestic Employment"}


def test_a_named_article_keeps_its_code_later_in_the_report(extract_text):
    text = (
        "= Trafficking in persons: Paraguay =\n\nArticle 129 of the Penal Code prohibits sex trafficking.\n\n"
        "Prosecutors charged most suspects under Article 129.\n"
    )
    got = extract_text(text, subject="Paraguay", report_year=2022)
    assert {r["instrument"] for r in got.rows("legal_instruments")} == {"Article 129 of the Penal Code"}


def test_draft_bill_is_drafted(extract_text):
    got = laws(extract_text, "The government continued to work on its draft anti-trafficking bill.")
    assert got == {("anti-trafficking bill", "statute", "drafted", None)}


def test_a_draft_is_drafted(extract_text):
    got = laws(extract_text, "The ministry published draft standard operating procedures for victim referral.")
    assert got == {("standard operating procedures", "regulation", "drafted", None)}


def test_an_action_word_before_the_next_instrument_is_that_one_s(extract_text):
    got = laws(
        extract_text,
        "Paraguay implemented an action plan to protect child workers and developed another action plan to "
        "assist victims.",
    )
    assert got == {
        ("action plan to protect child workers", "action_plan", "in_force", None),
        ("action plan to assist victims", "action_plan", "drafted", None),
    }


def test_an_adjective_is_not_the_action(extract_text):
    """ "an updated plan and standard operating procedures": the procedures were finalized, not amended."""
    got = laws(extract_text, "Officials finalized an updated national action plan and standard operating procedures.")
    assert ("standard operating procedures", "regulation", "enacted", None) in got


def test_an_action_under_a_law_is_not_an_action_on_it(extract_text):
    got = laws(extract_text, "The cabinet approved regulations under the Migrant Workers Act.")
    assert ("Migrant Workers Act", "statute", "in_force", None) in got
    assert ("Migrant Workers Act", "statute", "enacted", None) not in got


@pytest.mark.parametrize(
    "sentence",
    [
        "Paraguayan and Argentine law enforcement cooperated on two cases.",  # law enforcement is no law
        "The Trafficking in Persons Report placed Paraguay on Tier 2.",
        "The law enforcement response remained inadequate.",
        "Officials followed a code of conduct for interviews.",
        "The Convention was mentioned by officials.",  # no title, no body of law named
    ],
)
def test_no_instrument_from_other_senses(extract_text, sentence):
    assert laws(extract_text, sentence) == set()


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # decrees, by-laws and guidelines known by who issued them or what they are for
        (
            "The government repealed a 2016 presidential decree on compulsory labour.",
            ("presidential decree", "regulation", "in_force", "2016"),
        ),
        (
            "The ministry issued a decree that set minimum standards for shelters.",
            ("decree", "regulation", "enacted", None),
        ),
        ("The 2017 by-laws set working hours for domestic workers.", ("by-laws", "regulation", "in_force", "2017")),
        (
            "The government developed shelter guidelines in 2021.",
            ("shelter guidelines", "regulation", "drafted", "2021"),
        ),
        (
            "Officials drafted guidelines for labor inspectors on identifying victims.",
            ("guidelines for labor inspectors", "regulation", "drafted", None),
        ),
        (
            "The cabinet approved implementing regulations for the anti-trafficking law.",
            ("implementing regulations", "regulation", "enacted", None),
        ),
        (
            "In 2020 the minister signed a ministerial resolution on victim referral.",
            ("ministerial resolution", "regulation", "signed", "2020"),
        ),
        (
            "An Executive Order No. 12 created the task force.",
            ("Executive Order No. 12", "regulation", "in_force", None),
        ),
        # laws known by their number or by whom they protect
        (
            "In 2008 the enactment of law number 12.345 criminalized all forms of trafficking.",
            ("law number 12.345", "statute", "enacted", "2008"),
        ),
        (
            "The domestic workers law guaranteed one day off per week.",
            ("domestic workers law", "statute", "in_force", None),
        ),
        (
            "NGOs urged parliament to pass a long-stalled domestic worker protection bill.",
            ("domestic worker protection bill", "statute", "pending", None),
        ),
        (
            "Experts said new changes in the criminal procedure code hampered investigations.",
            ("criminal procedure code", "statute", "amended", None),
        ),
        (
            "The 2015 anti-trafficking proclamation criminalized labor trafficking.",
            ("anti-trafficking proclamation", "statute", "in_force", "2015"),
        ),
        # agreements, the referral mechanism's abbreviation, the protocol in Wikipedia's words
        (
            "In 2019, the ministry signed cooperation agreements with three NGOs.",
            ("cooperation agreements", "other", "signed", "2019"),
        ),
        ("The government finalized an NRM in May 2022.", ("NRM", "other", "enacted", "2022-05")),
        (
            "Paraguay signed the United Nations protocol against human trafficking.",
            ("United Nations protocol against human trafficking", "treaty", "signed", None),
        ),
        # the tier paragraph lists actions as gerunds; a nominal action counts too
        (
            "These efforts included adopting a national action plan and training judges.",
            ("national action plan", "action_plan", "enacted", None),
        ),
        (
            "These efforts included acceding to the 2000 UN TIP Protocol.",
            ("UN TIP Protocol", "treaty", "acceded", None),
        ),
        (
            "These efforts included updating the SOPs for victim identification.",
            ("SOPs", "regulation", "amended", None),
        ),
    ],
)
def test_instruments_of_tip_prevention_and_prosecution_paragraphs(extract_text, sentence, expected):
    assert expected in laws(extract_text, sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "The president ruled the region by labour inspectors' reports.",  # no instrument
        "The ministry followed international guidelines on interviewing.",  # guidelines of no named subject or users
        "Labour laws were weakly enforced in rural areas.",  # vague
        "Officials raised awareness of labor exploitation.",
        "Police restored public order after the raid.",  # an order of no issuer
        "The UN adopted a resolution on trafficking.",
    ],
)
def test_no_instrument_from_vague_references(extract_text, sentence):
    assert laws(extract_text, sentence) == set()


def test_a_law_number_in_apposition_is_the_same_law(extract_text):
    got = laws(
        extract_text, "Paraguay prohibits trafficking through an anti-trafficking law, Law 4788, enacted in 2012."
    )
    assert {name for name, *_ in got} == {"anti-trafficking law"}
    got = laws(extract_text, "The domestic workers law (Law 12/34) guaranteed a weekly day off.")
    assert {name for name, *_ in got} == {"domestic workers law"}


def test_pending_adoption_is_pending(extract_text):
    got = laws(extract_text, "Pending adoption of a new penal code, judges applied older laws.")
    assert ("new penal code", "penal_code", "pending", None) in got


def test_not_finalizing_and_implementing_is_pending(extract_text):
    got = laws(extract_text, "The government did not finalize and implement standard operating procedures.")
    assert got == {("standard operating procedures", "regulation", "pending", None)}


def test_a_gerund_after_the_instrument_is_the_next_item_s(extract_text):
    """ "implementing the act, convicting traffickers, developing a plan": the act is not drafted."""
    got = laws(
        extract_text, "Efforts included enforcing the anti-trafficking act, convicting traffickers, developing guides."
    )
    assert got == {("anti-trafficking act", "statute", "in_force", None)}


def test_an_action_word_belongs_to_the_nearer_instrument(extract_text):
    got = laws(extract_text, "The government issued a decree to develop a national action plan.")
    assert ("decree", "regulation", "enacted", None) in got
    assert ("national action plan", "action_plan", "enacted", None) not in got
    # coordinated or bracketed instruments share it
    got = laws(extract_text, "Officials adopted a National Action Plan (NAP) and standard operating procedures.")
    assert ("standard operating procedures", "regulation", "enacted", None) in got


def test_a_shorter_name_is_the_fuller_one_named_in_the_report(extract_text):
    """One instrument, one name: "the national action plan" and "the trafficking act" after their full names."""
    text = (
        "= Trafficking in persons: Paraguay =\n\nIn 2020 the government adopted a 2020-2024 national action plan. "
        "Officials prosecuted cases under the 2005 Trafficking in Persons Act.\n\n"
        "The national action plan lacked funding. Courts convicted two traffickers under the trafficking act.\n"
    )
    got = extract_text(text, subject="Paraguay", report_year=2022)
    assert {r["instrument"] for r in got.rows("legal_instruments")} == {
        "2020-2024 national action plan",
        "Trafficking in Persons Act",
    }


def test_a_shorter_name_in_force_takes_the_year_it_was_named_with(extract_text):
    text = (
        "= Trafficking in persons: Paraguay =\n\nThe government approved a 2021-2024 national action plan.\n\n"
        "The national action plan lacked funding. Officials relied on the national action plan. "
        "The cabinet amended the national action plan in May 2023.\n"
    )
    got = extract_text(text, subject="Paraguay", report_year=2023)
    assert {(r["action"], r["date"]) for r in got.rows("legal_instruments")} == {
        ("enacted", "2021"),
        ("in_force", "2021"),
        ("relied_on", None),  # an action's own date only: "relied on" states none
        ("amended", "2023-05"),
    }


def test_a_new_version_or_another_title_is_another_instrument(extract_text):
    text = (
        "= Trafficking in persons: Paraguay =\n\nParliament debated a new anti-trafficking law. "
        "The Child Labour Act prohibits hazardous work.\n\n"
        "Prosecutors used the anti-trafficking law. The Labour Act sets working hours.\n"
    )
    got = extract_text(text, subject="Paraguay", report_year=2022)
    assert {r["instrument"] for r in got.rows("legal_instruments")} == {
        "new anti-trafficking law",
        "anti-trafficking law",
        "Child Labour Act",
        "Labour Act",
    }


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a law signed into law, given Royal Assent or that became law was enacted, on the sentence's date
        (
            "On April 11, 2021, the president signed the Domestic Workers Protection Act into law.",
            {("Domestic Workers Protection Act", "statute", "enacted", "2021-04-11")},
        ),
        (
            "The Trafficking in Persons Act 2019 received Royal Assent and became law on 26 March 2019.",
            {("Trafficking in Persons Act 2019", "statute", "enacted", "2019-03-26")},
        ),
        # renewals and reauthorizations change one law; coming into force dates it
        (
            "The Victims Protection Act was renewed in 2003, 2006 and 2008.",
            {("Victims Protection Act", "statute", "amended", "2003")},
        ),
        (
            "The Anti-Trafficking Act came into force in January 2010.",
            {("Anti-Trafficking Act", "statute", "in_force", "2010-01")},
        ),
        # the year after a name is the name's, not the amendment's
        (
            "The Act on Prevention of Trafficking of 2010 was amended in 2014.",
            {("Act on Prevention of Trafficking", "statute", "amended", "2014")},
        ),
        # an unnamed law known by what it does; a party to a treaty has ratified it
        (
            "In July 2011 the government passed a law criminalizing all forms of trafficking.",
            {("law criminalizing all forms of trafficking", "statute", "enacted", "2011-07")},
        ),
        (
            "A bill to criminalize forced labor has been pending in parliament since 2015.",
            {("bill to criminalize forced labor", "statute", "pending", "2015")},
        ),
        (
            "Paraguay has been a party to the Palermo Protocol since 2004.",
            {("Palermo Protocol", "treaty", "ratified", "2004")},
        ),
        # the law cases were brought under was relied on, dated by its name
        (
            "Authorities convicted one trafficker in 2019 under the 2005 Children's Act.",
            {("Children's Act", "statute", "relied_on", "2005")},
        ),
        # the UN convention by its full name
        (
            "Paraguay ratified the United Nations Convention against Transnational Organized Crime in 2004.",
            {("United Nations Convention against Transnational Organized Crime", "treaty", "ratified", "2004")},
        ),
    ],
)
def test_legal_steps_in_history_prose(extract_text, sentence, expected):
    assert laws(extract_text, sentence) == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # a treaty signed is still signed, and a strategy developed "for" a plan is no draft of the plan
        (
            "Paraguay signed the Palermo Protocol in December 2000.",
            {("Palermo Protocol", "treaty", "signed", "2000-12")},
        ),
        (
            "The government is developing a monitoring and evaluation strategy for its National Action Plan.",
            {("National Action Plan", "action_plan", "in_force", None)},
        ),
        (
            "The government launched for the first time its National Action Plan in 2019.",
            {("National Action Plan", "action_plan", "enacted", "2019")},
        ),
        # a duty "under" a law is no case brought under it
        (
            "The government failed to help victims, despite being required to do so under its 2004 trafficking law.",
            {("trafficking law", "statute", "in_force", "2004")},
        ),
        # nor is a law no case was brought under yet, or one named as not used
        (
            "The government has yet to convict anyone under its 2011 trafficking law.",
            {("trafficking law", "statute", "in_force", "2011")},
        ),
        (
            "Officials prosecuted trafficking cases under the procurement statute rather than the trafficking statute.",
            {("trafficking statute", "statute", "in_force", None)},
        ),
        # a law the country lacks is none in force; a description or a part of a law is no instrument of its own
        ("Paraguay lacks a law criminalizing forced labor.", set()),
        ("The law is an Act of the Parliament of Paraguay.", set()),
        ("Part IV of the Act creates an independent commissioner.", set()),
    ],
)
def test_what_legal_history_prose_does_not_give(extract_text, sentence, expected):
    assert laws(extract_text, sentence) == expected


def test_a_generic_name_of_a_law_is_its_full_name(extract_text):
    # "the anti-trafficking law" is the report's one Anti-Trafficking in Persons Act; a labour act is another law
    text = (
        "The 2008 Anti-Trafficking in Persons Act criminalized sex and labor trafficking. The government amended the "
        "anti-trafficking law in 2022 to increase penalties. The Labour Act prohibits forced labor."
    )
    got = extract_text(f"= Trafficking in persons: Paraguay =\n\n{text}\n", subject="Paraguay", report_year=2022)
    assert {(r["instrument"], r["action"]) for r in got.rows("legal_instruments")} == {
        ("Anti-Trafficking in Persons Act", "in_force"),
        ("Anti-Trafficking in Persons Act", "amended"),
        ("Labour Act", "in_force"),
    }


def test_a_name_takes_the_year_the_report_names_it_with(extract_text):
    # "the anti-trafficking national action plan" is the report's one "2011 anti-trafficking national action plan"
    text = (
        "The government did not implement its 2011 anti-trafficking national action plan. The anti-trafficking "
        "national action plan lacked funding."
    )
    got = extract_text(f"= Trafficking in persons: Paraguay =\n\n{text}\n", subject="Paraguay", report_year=2022)
    assert {(r["instrument"], r["date"]) for r in got.rows("legal_instruments")} == {
        ("anti-trafficking national action plan", "2011")
    }
    # ... but not when the report names two editions
    text = (
        "The 2011 anti-trafficking national action plan expired. The 2021 anti-trafficking national action plan "
        "is in force. The anti-trafficking national action plan lacked funding."
    )
    got = extract_text(f"= Trafficking in persons: Paraguay =\n\n{text}\n", subject="Paraguay", report_year=2022)
    assert {r["date"] for r in got.rows("legal_instruments", containing="lacked funding")} == {None}


# --- organizations -----------------------------------------------------------------------------------


def orgs(extract_text, text: str, subject: str = "Honduras") -> dict[str, tuple[str, str, str | None]]:
    got = extract_text(f"= Trafficking in persons: {subject} =\n\n{text}\n", subject=subject, report_year=2022)
    return {r["name"]: (r["canonical"], r["org_kind"], r["country_iso3"]) for r in got.rows("organizations")}


def test_coordinated_names_are_two_bodies(extract_text):
    got = orgs(extract_text, "Save the Children and World Vision ran shelters with the Ministry of Health.")
    assert set(got) == {"Save the Children", "World Vision", "Ministry of Health"}


def test_and_inside_one_name_keeps_it_whole(extract_text):
    got = orgs(extract_text, "The Ministry of Labor and Social Security inspected farms.")
    assert set(got) == {"Ministry of Labor and Social Security"}


def test_two_ministries_joined_by_and_the(extract_text):
    got = orgs(
        extract_text,
        "The Ministry of Labor and Social Security and the Ministry of Foreign Affairs trained consular staff.",
    )
    assert set(got) == {"Ministry of Labor and Social Security", "Ministry of Foreign Affairs"}


def test_a_defined_acronym_does_not_swallow_its_neighbour(extract_text):
    got = orgs(
        extract_text,
        "The government partnered with Hope Foundation and the International Organization for Migration (IOM). "
        "IOM assisted returnees.",
    )
    assert got["Hope Foundation"][1] == "ngo"
    assert got["International Organization for Migration"] == (
        "International Organization for Migration",
        "intergovernmental",
        None,
    )
    assert got["IOM"][0] == "International Organization for Migration"


def test_plural_head_names_a_body(extract_text):
    got = orgs(extract_text, "Anti-Human Trafficking Units investigated 40 cases.")
    assert got["Anti-Human Trafficking Units"][1] == "law_enforcement"


def test_possessive_and_lead_words_are_trimmed(extract_text):
    got = orgs(
        extract_text,
        "According to the U.S. State Department, the National Police's trafficking unit lacked funding.",
    )
    assert set(got) == {"U.S. State Department", "National Police"}


def test_an_ngo_named_after_its_cue(extract_text):
    got = orgs(extract_text, "The local NGO Casa Esperanza sheltered 12 girls.")
    assert got["Casa Esperanza"][1] == "ngo"


@pytest.mark.parametrize(
    "text",
    [
        "The Honduran Government increased funding for shelters.",
        "Government Agencies and Civil Society Organizations met twice.",
        "The government funded NGOs and international organizations that assisted victims.",
        "An NGO reported that traffickers used social media.",
        "Provincial Courts heard few cases.",
        "The Trafficking in Persons Report placed Honduras on Tier 2 Watch List.",
    ],
)
def test_general_references_are_no_organization(extract_text, text):
    assert orgs(extract_text, text) == {}


def test_a_foreign_government_acts_in_its_own_right(extract_text):
    """ "the Cuban Government" in another country's report is a body; the subject's own is "the government"."""
    got = orgs(extract_text, "The Cuban Government may have forced doctors in the medical mission to work.")
    assert got["Cuban Government"][1:] == ("foreign_government", "CUB")
    assert orgs(extract_text, "The Cuban Government did not report prosecutions.", subject="Cuba") == {}


def test_a_body_owns_a_named_unit(extract_text):
    got = orgs(extract_text, "The Ministry of Interior's Counter-Trafficking Unit investigated 12 cases.")
    assert set(got) == {"Ministry of Interior", "Counter-Trafficking Unit"}
    assert got["Counter-Trafficking Unit"][1] == "law_enforcement"


@pytest.mark.parametrize(
    "text, name",
    [
        ("The Department of Children's Services placed children in care.", "Department of Children's Services"),
        ("The Special Prosecutor's Office against Trafficking filed charges.", "Special Prosecutor's Office"),
    ],
)
def test_a_possessive_inside_one_name_keeps_it_whole(extract_text, text, name):
    assert any(n.startswith(name) for n in orgs(extract_text, text))
    assert len(orgs(extract_text, text)) == 1


def test_a_titled_person_is_no_organization(extract_text):
    got = orgs(extract_text, "Prime Minister Juan Orlando chaired the National Anti-Trafficking Council.")
    assert set(got) == {"National Anti-Trafficking Council"}
    assert set(orgs(extract_text, "The Minister of Labour opened a shelter.")) == {"Minister of Labour"}


def test_a_lower_case_body_defined_by_an_acronym(extract_text):
    text = "Police expanded their anti-human trafficking units (AHTUs) to all districts. AHTUs rescued 40 children."
    got = orgs(extract_text, text, subject="India")
    assert got["AHTUs"] == ("anti-human trafficking units", "law_enforcement", "IND")


def test_the_authors_office_is_one_body_with_it(extract_text):
    """The scorer's keys (seed and dev) list the State Department and its TIP office as one body."""
    got = orgs(
        extract_text,
        "The U.S. State Department's Office to Monitor and Combat Trafficking in Persons placed the country in Tier 2.",
    )
    assert {canonical for canonical, _, _ in got.values()} == {"U.S. State Department"}


def test_a_body_s_name_inside_a_treaty_name_is_no_mention(extract_text):
    assert orgs(extract_text, "Honduras ratified the 2000 UN TIP Protocol in 2008.") == {}
    assert set(orgs(extract_text, "The UN and IOM funded two shelters.")) == {"UN", "IOM"}


def test_an_undefined_acronym_names_a_body(extract_text):
    """TIP narratives name bodies by acronyms an earlier year's report defined: "the CNLTP", "the MOL"."""
    got = orgs(extract_text, "The MOL conducted 300 inspections and the CNLTP held awareness campaigns.")
    assert got == {"MOL": ("MOL", "national_government", "HND"), "CNLTP": ("CNLTP", "national_government", "HND")}


@pytest.mark.parametrize(
    "text",
    [
        "The government did not finalize its NRM or SOPs and continued to implement the NAP.",
        "LGBTQI+ persons and persons with HIV/AIDS remained vulnerable during COVID-19.",
        "The government allocated 80 million FCFA to shelters.",
        "The 2009 HTTCA criminalized trafficking. Revisions to the HTTCA remained pending.",
        "The Criminal Code (COIP) criminalized sex trafficking. The COIP did not stipulate protection.",
        "TRAFFICKING PROFILE: As reported over the past five years, traffickers exploit victims in Honduras.",
        "Officials from the ROK and the PRC met in Tegucigalpa.",
    ],
)
def test_acronyms_of_other_things_are_no_body(extract_text, text):
    assert orgs(extract_text, text) == {}


def test_an_undefined_acronym_is_the_body_whose_initials_it_spells(extract_text):
    got = orgs(extract_text, "The Ministry of Interior trained police. Workers filed grievances at the MOI.")
    assert got["MOI"][0] == "Ministry of Interior"
    got = orgs(extract_text, "The Ministry of Labor trained inspectors. The MOI trained police.")
    assert got["MOI"][0] == "MOI"


def test_two_bodies_joined_by_to_the(extract_text):
    got = orgs(extract_text, "Enforcement shifted from the Immigration Agency to the Labor Inspection Office.")
    assert set(got) == {"Immigration Agency", "Labor Inspection Office"}
    got = orgs(extract_text, "The Office to Monitor and Combat Trafficking in Persons placed Honduras on Tier 2.")
    assert set(got) == {"Office to Monitor and Combat Trafficking in Persons"}


def test_a_shorter_name_is_the_fuller_one_of_the_same_body(extract_text):
    got = orgs(
        extract_text,
        "The Regional Center of Excellence for Combating Trafficking trained officials. The Regional Center also "
        "hosted workshops. The Anti-Trafficking-in-Persons Bureau investigated cases. The Anti-TIP Bureau referred "
        "victims. The National Police Academy trained cadets. The National Police investigated 12 cases.",
    )
    assert got["Regional Center"][0] == "Regional Center of Excellence for Combating Trafficking"
    assert got["Anti-TIP Bureau"][0] == "Anti-Trafficking-in-Persons Bureau"
    assert got["National Police"][0] == "National Police"


@pytest.mark.parametrize(
    "text, names",
    [
        ("The Deputy Prime Minister and Minister of Interior chaired the committee.", {"Minister of Interior"}),
        ("The Employment Services Act regulates brokers; the Labor Ministry enforces it.", {"Labor Ministry"}),
        ("Many victims came from the former Soviet Union.", set()),
        (
            "The Delegation for the Protection of Children placed 40 children in care.",
            {"Delegation for the Protection of Children"},
        ),
        ("A delegation from the Ministry of Justice visited the shelter.", {"Ministry of Justice"}),
    ],
)
def test_titles_laws_and_places_named_like_bodies(extract_text, text, names):
    assert set(orgs(extract_text, text)) == names


@pytest.mark.parametrize(
    "text, names",
    [
        (
            "The Ministry of Labor, Employment, and Social Protection trained inspectors.",
            {"Ministry of Labor, Employment, and Social Protection"},
        ),
        ("The Ministry of Justice, Interpol and Europol cooperated.", {"Ministry of Justice", "Interpol", "Europol"}),
        ("Officials from the Ministry of Interior, Guatemala, and Mexico met.", {"Ministry of Interior"}),
        (
            "The Ministry of Labor, the Ministry of Health, and the Ministry of Justice signed an agreement.",
            {"Ministry of Labor", "Ministry of Health", "Ministry of Justice"},
        ),
    ],
)
def test_a_ministry_s_list_of_portfolios_is_one_name(extract_text, text, names):
    assert set(orgs(extract_text, text)) == names


def test_charities_named_in_a_list(extract_text):
    got = orgs(extract_text, "Caritas, the Salvation Army and Catholic Relief Services ran shelters.")
    assert {name: kind for name, (_, kind, _) in got.items()} == {
        "Caritas": "ngo",
        "Salvation Army": "ngo",
        "Catholic Relief Services": "ngo",
    }


def test_kinds_of_investigators_and_prosecutors(extract_text):
    got = orgs(
        extract_text,
        "The Directorate of Public Prosecutions filed charges. The National Investigation Agency and the Anti-TIP "
        "Bureau investigated cases. The Anti-Trafficking Department of the ministry drafted a plan.",
    )
    assert {name: kind for name, (_, kind, _) in got.items()} == {
        "Directorate of Public Prosecutions": "judiciary",
        "National Investigation Agency": "law_enforcement",
        "Anti-TIP Bureau": "law_enforcement",
        "Anti-Trafficking Department": "national_government",
    }


def test_the_ngo_cue_is_no_part_of_the_name(extract_text):
    got = orgs(extract_text, "The NGO La Strada ran the hotline. The local NGO Casa Esperanza ran a shelter.")
    assert {name: kind for name, (_, kind, _) in got.items()} == {"La Strada": "ngo", "Casa Esperanza": "ngo"}
