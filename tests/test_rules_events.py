"""Events rules, issue 12 kinds 1 and 2, on sentences written in the language of TIP narratives.

Kind 1: the yearly actions a narrative reports without a day (trainings, campaigns, plan adoptions, task
force meetings, an investigation into one official, shelter referrals) are events dated by the contract's
year rule: the sentence's year, else the section heading's, else the report's, precision `year`.
Kind 2: a denied, advised or planned action is not an event, and a document "released" is no release from
detention. Each test has positives and negatives that must not fire. Expected rows come from reading the
sentences against shared/CONTRACT.md.
"""

from __future__ import annotations

import pytest

REPORT_YEAR = 2021


def events(extract_text, *sentences: str, heading: str = "Prevention") -> list[dict]:
    """The events of a TIP-style report on Peru (report year 2021) holding `sentences` under `heading`."""
    body = "\n\n".join(sentences)
    got = extract_text(f"= Peru =\n\n== {heading} ==\n\n{body}\n", subject="Peru", report_year=REPORT_YEAR)
    return got.rows("events")


def rows_of(rows: list[dict], *columns: str) -> list[tuple]:
    return sorted((tuple(row[c] for c in columns) for row in rows), key=lambda t: tuple(str(v) for v in t))


# --- kind 1: yearly actions without a day -----------------------------------------------------------------

COLUMNS = ("event_type", "date", "date_precision", "persons_count", "persons_description")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "With funding from an international organization, the government trained 250 labor inspectors and "
            "border guards on indicators of forced labor.",
            [("training", "2021", "year", 250, "labor inspectors and border guards")],
        ),
        (
            "The Ministry of Women continued to provide training on victim-centered interviewing to social workers.",
            [("training", "2021", "year", None, None)],
        ),
        (
            "The labor ministry held nine workshops for 430 employers on ethical recruitment.",
            [("training", "2021", "year", 430, "employers")],
        ),
        (
            "Authorities conducted a radio and television campaign warning young people about fraudulent job "
            "offers abroad.",
            [("awareness_campaign", "2021", "year", None, None)],
        ),
        (
            "In 2020, the council of ministers approved the country's third national action plan against "
            "trafficking, and the national anti-trafficking commission met three times.",
            [("policy_adoption", "2020", "year", None, None), ("task_force_meeting", "2020", "year", None, None)],
        ),
        (
            "Steps taken included finalizing a national referral mechanism and conducting awareness activities in "
            "border towns.",
            [("awareness_campaign", "2021", "year", None, None), ("policy_adoption", "2021", "year", None, None)],
        ),
        (
            "The interagency task force was convened by the Ministry of Interior to coordinate the response.",
            [("task_force_meeting", "2021", "year", None, None)],
        ),
        (
            "Prosecutors opened an investigation into a customs officer suspected of accepting bribes from a "
            "trafficking network.",
            [("investigation", "2021", "year", 1, "customs officer")],
        ),
        (
            "Police arrested a district official for issuing forged identity documents to child victims.",
            [("arrest", "2021", "year", 1, "district official")],
        ),
        (
            "Labor inspectors referred the workers they found on the fishing vessels to shelters run by NGOs.",
            [("shelter_referral", "2021", "year", None, None)],
        ),
        (
            "Victims identified during labor inspections were referred to NGO-run shelters.",
            [("shelter_referral", "2021", "year", None, None)],
        ),
        (
            "The government reported sentencing seven traffickers to prison terms of five to ten years.",
            [("conviction", "2021", "year", 7, "traffickers")],
        ),
        (
            "A second national strategy against forced labor was drafted and adopted in 2020.",
            [("policy_adoption", "2020", "year", None, None)],
        ),
        (
            "The foreign ministry facilitated the repatriation of 35 fishermen from Indonesia.",
            [("repatriation", "2021", "year", 35, "fishermen")],
        ),
        (
            "Border police intercepted 120 migrants bound for the capital; in 2019 they had intercepted 80.",
            [("intervention", "2019", "year", 80, None), ("intervention", "2021", "year", 120, "migrants")],
        ),
    ],
)
def test_yearly_actions_without_a_day_take_the_year_rule_year(extract_text, sentence, expected):
    assert rows_of(events(extract_text, sentence), *COLUMNS) == expected


def test_an_undated_action_takes_the_section_year_before_the_report_year(extract_text):
    rows = events(
        extract_text, "The government launched a campaign against child begging.", heading="Prevention (2019)"
    )
    assert rows_of(rows, "event_type", "date", "date_precision") == [("awareness_campaign", "2019", "year")]


@pytest.mark.parametrize(
    "sentence",
    [
        "The government should train more prosecutors and judges on the anti-trafficking law.",  # advice
        "The ministry plans to launch a national awareness campaign next year.",  # a plan
        "Training for police and prosecutors remained limited and ad hoc.",  # a state
        "A lack of awareness among local officials hindered victim identification.",  # a state
        "The government has yet to adopt a national action plan.",  # still to come
        "It remained unclear whether the coordinating committee met during the year.",  # unknown
        "The interagency committee met four times.",  # an event, but "four times" counts no one
        "Shelter staff provided counseling to the identified victims.",  # a kind of victim, not an identification
    ],
)
def test_no_event_from_advice_plans_states_or_totals(extract_text, sentence):
    rows = events(extract_text, sentence)
    assert all(row["persons_count"] is None for row in rows)
    assert [row for row in rows if row["event_type"] != "task_force_meeting"] == []


# --- kind 2: negated actions and released documents --------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "No anti-trafficking awareness or education campaigns were carried out in the reporting period.",
        "The government did not provide anti-trafficking training to labor inspectors or consular staff.",
        "Awareness campaigns were not conducted in the border provinces.",
        "Authorities did not report investigating, prosecuting, or convicting traffickers, referring victims "
        "to shelters, or holding training for officials.",
        "The national anti-trafficking council did not convene during the reporting period.",
        "The government never adopted the draft national action plan.",
        "The Ministry of Justice released its annual report on human trafficking in June 2021.",
        "The government released new data on trafficking prosecutions.",
    ],
)
def test_denied_actions_and_released_documents_are_no_events(extract_text, sentence):
    assert events(extract_text, sentence, heading="Prosecution") == []


def test_actions_beside_a_negation_still_fire(extract_text):
    rows = events(
        extract_text,
        "Police released 23 women from a karaoke bar during a raid in April 2021.",
        "Not only did police arrest 14 suspects, they also charged 11.",
        "The government did not fund NGO shelters, but it conducted a campaign on forced labor in mining.",
        "Authorities failed to identify victims among migrants and continued to deport or detain them.",
        heading="Prosecution",
    )
    assert rows_of(rows, "event_type", "date", "persons_count") == [
        ("arrest", "2021", 14),
        ("awareness_campaign", "2021", None),
        ("charge", "2021", 11),
        ("deportation", "2021", None),
        ("detention", "2021", None),
        ("raid", "2021-04", None),
        ("release", "2021-04", 23),
    ]


# --- more actions in report language: noun forms, filed charges, shelters opened, acquittals reversed -------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Police initiated investigations of 17 suspected traffickers, including two labor recruiters.",
            [("investigation", "2021", "year", 17, "suspected traffickers")],
        ),
        (
            "For the first time in years, the government initiated prosecutions against four alleged traffickers.",
            [("prosecution", "2021", "year", 4, "alleged traffickers")],
        ),
        (
            "The special prosecutor's office obtained convictions against six traffickers.",
            [("conviction", "2021", "year", 6, "traffickers")],
        ),
        (
            "Prosecutors filed charges against five police officers for their complicity in a sex trafficking ring.",
            [("charge", "2021", "year", 5, "police officers")],
        ),
        (
            "The ministry inaugurated a new specialized shelter for child trafficking victims in the capital.",
            [("other", "2021", "year", None, None)],
        ),
        (
            "An appellate court overturned the acquittal of a labor trafficker.",
            [("other", "2021", "year", 1, "labor trafficker")],  # one person the action is aimed at
        ),
    ],
)
def test_actions_in_noun_form_and_institutional_actions(extract_text, sentence, expected):
    assert rows_of(events(extract_text, sentence, heading="Prosecution"), *COLUMNS) == expected


# --- totals without a number: actions of the report year (decided with the integrator, session 4) ------------
# Independent annotators mark "prosecuted more cases", "increased investigations" and "continued to train
# officials" as events of the report year, count null; until session 4 a test here pinned them as trends.


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The government prosecuted more cases and increased investigations compared to the previous year.",
            [("investigation", "2021", "year", None, None), ("prosecution", "2021", "year", None, None)],
        ),
        ("Authorities stepped up prosecutions of sex traffickers.", [("prosecution", "2021", "year", None, None)]),
        (
            "Police opened investigations into forced labor in the fishing sector.",
            [("investigation", "2021", "year", None, None)],
        ),
        (
            "Prosecutors initiated prosecutions against traffickers in several provinces.",
            [("prosecution", "2021", "year", None, None)],
        ),
        ("The court convicted a few traffickers.", [("conviction", "2021", "year", None, None)]),
        (
            "Achievements included identifying and assisting more victims and convicting labor traffickers.",
            [("conviction", "2021", "year", None, None), ("victim_identification", "2021", "year", None, None)],
        ),
        (
            "The regional police also investigated and closed several unlicensed recruitment agencies.",
            [("investigation", "2021", "year", None, None)],
        ),
        (
            "The government increased the number of arrests, prosecutions, and convictions of traffickers.",
            [
                ("arrest", "2021", "year", None, None),
                ("conviction", "2021", "year", None, None),
                ("prosecution", "2021", "year", None, None),
            ],
        ),
        (
            "The labor ministry continued to investigate and prosecute employers who confiscated passports.",
            [("investigation", "2021", "year", None, None), ("prosecution", "2021", "year", None, None)],
        ),
        (
            "Police continued to arrest suspected traffickers at border crossings.",
            [("arrest", "2021", "year", None, None)],
        ),
        # fewer is still some: a smaller total is an action of the year too, as annotators mark it
        (
            "Authorities investigated, prosecuted, and convicted fewer traffickers.",
            [
                ("conviction", "2021", "year", None, None),
                ("investigation", "2021", "year", None, None),
                ("prosecution", "2021", "year", None, None),
            ],
        ),
        (
            "Authorities doubled investigations but convicted only three traffickers.",
            [("conviction", "2021", "year", 3, "traffickers"), ("investigation", "2021", "year", None, None)],
        ),
        (
            "The number of trafficking investigations and convictions both decreased.",
            [("conviction", "2021", "year", None, None), ("investigation", "2021", "year", None, None)],
        ),
        (
            "The unit began to initiate more investigations of labor trafficking.",
            [("investigation", "2021", "year", None, None)],
        ),
        (
            # the aside's date is the body's creation (an event of its own, tests/dev/README.md), not the meeting's
            "The national committee, established in 2018, convened twice.",
            [("other", "2018", "year", None, None), ("task_force_meeting", "2021", "year", None, None)],
        ),
        (
            "The government convicted fewer traffickers and identified its lowest number of victims since 2016.",
            [("conviction", "2021", "year", None, None), ("victim_identification", "2021", "year", None, "victims")],
        ),
        (
            "The government decreased investigations of forced labor.",
            [("investigation", "2021", "year", None, None)],
        ),
        (
            "Efforts included identifying and assisting more victims and opening a shelter for boys.",
            [("other", "2021", "year", None, None), ("victim_identification", "2021", "year", None, None)],
        ),
        (
            "Coordinating bodies met consistently and the cabinet adopted procedures to screen migrants.",
            [("policy_adoption", "2021", "year", None, None), ("task_force_meeting", "2021", "year", None, None)],
        ),
        (
            "Authorities continued to train border officials and conducted awareness campaigns in schools.",
            [("awareness_campaign", "2021", "year", None, None), ("training", "2021", "year", None, None)],
        ),
    ],
)
def test_totals_without_a_number_are_actions_of_the_year(extract_text, sentence, expected):
    assert rows_of(events(extract_text, sentence, heading="Prosecution"), *COLUMNS) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        # none done, or seldom
        "The court convicted no offenders.",
        "Police rarely investigated complaints of forced labor on farms.",
        "Labor officials continued to impose fines instead of prosecuting abusive employers.",
        # victims punished, not an action against trafficking
        "Police continued to arrest trafficking victims for immigration violations.",
        # denied, advised, planned or hypothetical
        "The government did not increase prosecutions of complicit officials.",
        "The government should increase investigations and prosecutions of labor trafficking.",
        "Authorities did not continue to investigate allegations against the recruitment agency.",
        "If the bill passes, police would investigate traffickers without a complaint from the victim.",
        # descriptions of people, not actions: a participle after the people or between a determiner and them
        "Most convicted traffickers received suspended sentences.",
        "Judges imposed prison terms on only two convicted traffickers.",
        "The majority of identified sex trafficking victims were women from rural provinces.",
        "Cases were investigated by local police with little coordination.",
        "The number of prosecutions reported by the ministry remained unclear.",
        "Prosecuting traffickers remained difficult because victims feared reprisals.",
        # denied, planned, or a mere state
        "The government did not open a shelter for male victims.",
        "The ministry plans to open a new shelter for child victims next year.",
        "NGOs operated the only shelter for trafficking victims.",
        "Victims did not file charges against their employers out of fear of reprisal.",
        "The court upheld the acquittal of two defendants.",
    ],
)
def test_shortfalls_descriptions_and_denials_are_no_events(extract_text, sentence):
    assert events(extract_text, sentence, heading="Prosecution") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Thousands of migrant workers deported from neighboring countries are vulnerable to re-trafficking.",
        "Women deported from the Gulf often return indebted to their recruiters.",
        "Two suspects who had been detained since 2016 remained without trial.",
    ],
)
def test_people_described_by_a_participle_are_no_action(extract_text, sentence):
    assert events(extract_text, sentence, heading="Protection") == []


def test_a_participle_after_people_with_a_date_still_reports_the_action(extract_text):
    rows = events(extract_text, "In March 2019, 45 migrants deported from the capital were screened by NGOs.")
    assert rows_of(rows, "event_type", "date") == [("deportation", "2019-03")]


def test_a_compared_figure_s_year_does_not_date_the_action(extract_text):
    rows = events(
        extract_text,
        "Police arrested 25 suspected traffickers (compared with arresting 40 suspects in 2019).",
        "The government identified nine victims, a decrease compared with 30 victims in 2020.",
        heading="Prosecution",
    )
    assert rows_of(rows, "event_type", "date", "persons_count") == [
        ("arrest", "2019", 40),
        ("arrest", "2021", 25),
        ("victim_identification", "2021", 9),
    ]


def test_an_undated_action_inside_a_comparison_is_the_other_period_s(extract_text):
    rows = events(
        extract_text,
        "Prosecutors initiated prosecution of 30 suspects, compared with initiating prosecution of 12 suspects in "
        "the previous reporting period.",
        heading="Prosecution",
    )
    assert rows_of(rows, "event_type", "date", "persons_count") == [("prosecution", "2021", 30)]


# --- the actions a list of efforts names, and protection actions in report language -------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "These efforts included identifying victims of forced begging; training police and border officials on "
            "victim screening; and convicting one trafficker.",
            [
                ("conviction", "2021", "year", 1, "trafficker"),
                ("training", "2021", "year", None, None),
                ("victim_identification", "2021", "year", None, None),
            ],
        ),
        (
            "Officials identified 40 children in forced begging.",
            [("victim_identification", "2021", "year", 40, "children")],
        ),
        (
            "Authorities identified 24 victims, as opposed to none in the previous year.",
            [("victim_identification", "2021", "year", 24, "victims")],
        ),
        (
            "The government provided shelter and medical services to 25 trafficking victims.",
            [("shelter_referral", "2021", "year", 25, "trafficking victims")],
        ),
        (
            "The attorney general's office initiated three prosecutions under the trafficking law.",
            [("prosecution", "2021", "year", None, None)],
        ),
        (
            "The labor ministry funded repatriation for 12 stranded migrant workers.",
            [("repatriation", "2021", "year", 12, "stranded migrant workers")],
        ),
    ],
)
def test_actions_a_list_of_efforts_names_and_protection_in_report_language(extract_text, sentence, expected):
    assert rows_of(events(extract_text, sentence, heading="Protection"), *COLUMNS) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Training border officials remained a challenge for the ministry.",  # a gerund as subject: no list
        "Referring victims to care remained difficult outside the capital.",
        "The government did not provide services to male victims.",
        "Victims were rarely provided with services.",
        # the purpose or topic of something else, a classification, a standing profile
        "The ministry drafted guidelines for identifying and referring victims to services.",
        "The government lacked procedures for identifying victims and referring them to care.",
        "The handbook gives advice on identifying victims among migrants.",
        "Officials identified street children and domestic workers as the groups most at risk.",
        "The government has identified victims from Vietnam, Nepal, and Nigeria in the country.",
    ],
)
def test_gerunds_outside_a_list_and_denied_services_are_no_events(extract_text, sentence):
    assert events(extract_text, sentence, heading="Protection") == []


# --- institutional steps and inspections, dated as Wikipedia articles date them ------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "In 2012, the government established a national anti-trafficking commission.",
            [("other", "2012", "year", None, None)],
        ),
        (
            "In 2013, an anti-trafficking division was created within the police.",
            [("other", "2013", "year", None, None)],
        ),
        (
            "In 2016, the country signed a memorandum of understanding with Thailand on labour migration.",
            [("other", "2016", "year", None, None)],
        ),
        (
            "In 2014, the Ministry of Labour conducted 1,200 labour inspections.",
            [("other", "2014", "year", None, None)],
        ),
        ("In 2017, almost 400 recruitment agencies were inspected.", [("other", "2017", "year", None, None)]),
        (
            "In May 2018, police conducted 13 anti-trafficking operations and arrested 18 suspects.",
            [("arrest", "2018-05", "month", 18, "suspects"), ("raid", "2018-05", "month", 18, "suspects")],
        ),
    ],
)
def test_institutional_steps_inspections_and_operations_are_events(extract_text, sentence, expected):
    assert rows_of(events(extract_text, sentence), *COLUMNS) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The government did not establish a specialized anti-trafficking unit.",
        "The government plans to sign a memorandum of understanding with Malaysia.",
        "Labor inspections remained rare in the informal sector.",
        "Recruitment agencies were not inspected during the reporting period.",
        "The law requires that a national commission be established.",
    ],
)
def test_steps_denied_planned_or_required_are_no_events(extract_text, sentence):
    assert events(extract_text, sentence) == []


# --- history prose (issue 12: no event was found on the Wikipedia half) -------------------------------------


def history_events(extract_text, *paragraphs: str) -> list[dict]:
    """The events of a Wikipedia-style article on Peru: no report year (as the encyclopedia sidecars give)."""
    body = "\n\n".join(paragraphs)
    got = extract_text(
        f"= Human trafficking in Peru =\n\n{body}\n",
        meta={"title": "Human trafficking in Peru", "publisher": "Wikipedia", "source_kind": "encyclopedia"},
        subject="Peru",
    )
    return got.rows("events")


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "In July 2011, the government passed a law banning advertisements for sexual services.",
            [("policy_adoption", "2011-07", "month", None, None)],
        ),
        (
            "In 2005 Congress passed the Trafficking Victims Protection Act.",
            [("policy_adoption", "2005", "year", None, None)],
        ),
        (
            "In July 2011 the government issued an order that banned explicit advertisements.",
            [("policy_adoption", "2011-07", "month", None, None)],
        ),
        ("The Anti-Trafficking Act was enacted in 2008.", [("policy_adoption", "2008", "year", None, None)]),
        ("In 2004 prostitution was criminalized.", [("policy_adoption", "2004", "year", None, None)]),
        (
            "Reforms followed, including the Supreme Court's abolition of the sponsorship system in 2006.",
            [("policy_adoption", "2006", "year", None, None)],
        ),
        (
            "In 2019, authorities rescued 40 women from a mining camp.",
            [("victim_identification", "2019", "year", 40, "women")],
        ),
        (
            "In 2014, two traffickers were convicted and sentenced to 10 years in prison.",
            [("conviction", "2014", "year", 2, "traffickers")],
        ),
        ("Three men were convicted in 2014 of exploiting 40 women.", [("conviction", "2014", "year", 3, "men")]),
        (
            "In 2012 the government established an anti-trafficking task force.",
            [("other", "2012", "year", None, None)],
        ),
        (
            "In March 2015 the ministry launched a national awareness campaign.",
            [("awareness_campaign", "2015-03", "month", None, None)],
        ),
        (
            "In 2010 Peru and Bolivia signed a bilateral agreement to combat trafficking.",
            [("other", "2010", "year", None, None)],
        ),
        (
            "In 2012, Operation Sunrise led to the arrest of 30 people.",
            [("arrest", "2012", "year", 30, "people")],
        ),
        (
            "The investigation resulted in the conviction of three traffickers in 2015.",
            [("conviction", "2015", "year", 3, "traffickers")],
        ),
        (
            "In 2016, the government set up an anti-trafficking hotline.",
            [("other", "2016", "year", None, None)],
        ),
        (
            "In 2010 the government introduced a national referral mechanism.",
            [("policy_adoption", "2010", "year", None, None)],
        ),
        (
            "A special court for trafficking cases was established in 2010.",
            [("other", "2010", "year", None, None)],
        ),
        ("In 2005, a shelter for child victims was opened in Lima.", [("other", "2005", "year", None, None)]),
        (
            "In 2006, parliament passed the Prevention of Trafficking Act.",  # "of" inside the name
            [("policy_adoption", "2006", "year", None, None)],
        ),
        (
            "In 2008, the government reported 45 prosecutions for trafficking.",
            [("prosecution", "2008", "year", None, None)],
        ),
        ("In 2019, there were 30 convictions for trafficking.", [("conviction", "2019", "year", None, None)]),
        # no year anywhere: the action stays undated
        ("Police arrested 12 suspects.", [("arrest", None, None, 12, "suspects")]),
    ],
)
def test_dated_actions_in_history_prose_are_events(extract_text, sentence, expected):
    assert rows_of(history_events(extract_text, sentence), *COLUMNS) == expected


def test_a_paragraph_s_opening_year_dates_its_later_sentences_when_no_report_year_does(extract_text):
    rows = history_events(
        extract_text,
        "In 2008, police raided a brothel in Lima. They arrested 12 suspects, including the owner.",
        "Police later arrested 30 suspects in Cusco.",  # a new paragraph: the year does not reach it
    )
    assert rows_of(rows, "event_type", "date", "persons_count") == [
        ("arrest", "2008", 12),
        ("arrest", None, 30),
        ("raid", "2008", 12),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "The 2008 Anti-Trafficking Act criminalized sex trafficking and labor trafficking.",  # what a law says
        "NGOs argue that buying sex should be criminalized.",
        "The bill was not passed by parliament.",
        "Parliament did not ratify the protocol.",
        "The government plans to pass a new anti-trafficking law.",
        "Activists called for the abolition of the sponsorship system.",
        "Victims passed through the country on their way to Europe.",
        # a treaty ratified, acceded to or signed is a legal_instruments row, not an event (seed and dev keys)
        "Peru ratified the 2000 UN TIP Protocol in January 2002.",
        "Peru acceded to the UN TIP Protocol in 2010.",
        "In 2006, Peru signed the Council of Europe Convention on Action against Trafficking.",
        "There were no convictions for trafficking in 2019.",
        "The government did not report 45 prosecutions as trafficking cases.",
        "The shelter for male victims was not opened.",
        "Victims were kept in the custody of the police.",  # "of" before a lower-case word ends a treaty's name
        "The operation did not lead to the arrest of any traffickers.",
    ],
)
def test_laws_described_denied_or_demanded_are_no_events(extract_text, sentence):
    assert history_events(extract_text, sentence) == []


# --- TIP wordings: adjourned cases, joint arrests, services run, campaigns that remove children ---------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "A judge adjourned indefinitely the prosecution of four defendants charged with exploiting 59 women.",
            [("case_dismissal", "2021", "year", 4, "defendants")],
        ),
        (
            "These efforts included coordinating with foreign counterparts to arrest traffickers.",
            [("arrest", "2021", "year", None, None)],
        ),
        (
            "The government continued to operate a hotline for trafficking victims.",
            [("other", "2021", "year", None, None)],
        ),
        ("The ministry funded and operated two shelters for victims.", [("other", "2021", "year", None, None)]),
        (
            "The government did not support NGOs that assisted victims but continued to refer child victims to NGOs.",
            [("shelter_referral", "2021", "year", None, None)],
        ),
        (
            "Due to a lack of funding, the government only provided shelter to a subset of female trafficking victims.",
            [("shelter_referral", "2021", "year", None, None)],
        ),
        (
            "The ministry held a public photo exhibition on the exploitation of child beggars in June 2020.",
            [("awareness_campaign", "2020-06", "month", None, None)],
        ),
        (
            "The labor ministry increased inspections of entertainment businesses.",
            [("other", "2021", "year", None, None)],
        ),
        (
            "In 2020, the government launched an emergency campaign to place vulnerable children in shelters.",
            [("intervention", "2020", "year", None, None)],
        ),
        (
            "The ministry launched a campaign to raise awareness of forced labor.",
            [("awareness_campaign", "2021", "year", None, None)],
        ),
    ],
)
def test_adjourned_cases_joint_arrests_services_run_and_campaigns_that_remove_children(
    extract_text, sentence, expected
):
    assert rows_of(events(extract_text, sentence, heading="Protection"), *COLUMNS) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials did not coordinate with foreign counterparts to arrest traffickers.",
        "The government did not fund shelters for male victims.",
        "Due to a lack of funding for shelters, victims stayed in hotels.",
        "Due to a lack of funding, the government did not provide shelter to victims.",
        "Due to a lack of funding for shelters, the government provided no services to male victims.",
        "There was no exhibition on trafficking.",
        "Civil society organizations ran a hotline with support from the government.",
        "The agency lacked the staff to assess victims, coordinate care, and run the shelter.",
        "No awareness campaigns were conducted during the reporting period.",
        "The government did not report conducting awareness campaigns or operating a hotline.",
        "The government rarely proactively investigated or prosecuted traffickers exploiting children.",
    ],
)
def test_denied_private_or_seldom_actions_are_no_events(extract_text, sentence):
    assert events(extract_text, sentence, heading="Protection") == []


# --- bodies, appointments, operations and plans in TIP language ----------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Officials identified more potential forced labor victims through increased inspections.",
            [("other", "2021", "year", None, None), ("victim_identification", "2021", "year", None, None)],
        ),
        (
            "The ministry provided some potential victims with shelter.",
            [("shelter_referral", "2021", "year", None, None)],
        ),
        (
            "Police conducted some ad hoc law enforcement actions on commercial sex establishments.",
            [("raid", "2021", "year", None, None)],
        ),
        ("The government appointed a new chair in March 2020.", [("other", "2020-03", "month", None, None)]),
        (
            "The government established a new mobile group with a total of eight members to find children at risk.",
            [("other", "2021", "year", 8, "members")],
        ),
        (
            "The ministry updated its SOPs for victim identification and finalized an updated NRM in November 2020.",
            [("policy_adoption", "2020-11", "month", None, None), ("policy_adoption", "2020-11", "month", None, None)],
        ),
        (
            "These efforts included formalizing a screening protocol to identify child victims at border crossings.",
            [("policy_adoption", "2021", "year", None, None)],
        ),
        (
            "The unit initiated more investigations of potential trafficking crimes and more prosecutions and "
            "convictions under the trafficking law.",
            [
                ("conviction", "2021", "year", None, None),
                ("investigation", "2021", "year", None, None),
                ("prosecution", "2021", "year", None, None),
            ],
        ),
    ],
)
def test_bodies_appointments_operations_and_plans_are_events(extract_text, sentence, expected):
    assert rows_of(events(extract_text, sentence, heading="Protection"), *COLUMNS) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The government may have conducted inspections of farms.",  # a hedge on the action itself stays one
        "The government did not appoint a new chair for the committee.",
        "The ministry plans to establish a mobile group for street children.",
        "The government did not formalize a screening protocol.",
        # a complement without "and more" ends the list: the acquittal rate is no action
        "The government decreased prosecutions of traffickers, and the acquittal rate increased.",
    ],
)
def test_hedged_denied_and_planned_steps_and_rates_are_no_events(extract_text, sentence):
    rows = events(extract_text, sentence, heading="Protection")
    assert [r for r in rows if r["event_type"] != "prosecution"] == []


def test_a_document_s_adoption_date_does_not_date_the_next_sentence_s_training(extract_text):
    rows = events(
        extract_text,
        "The ministry finalized an updated NRM in November 2020. "
        "It provided regular trainings to front-line officials.",  # one paragraph: a date may carry within it
    )
    assert rows_of(rows, "event_type", "date") == [("policy_adoption", "2020-11"), ("training", "2021")]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "These achievements included identifying victims; training law enforcement and border officials on "
            "screening; and convicting one trafficker.",
            [
                ("conviction", "2021", "year", 1, "trafficker"),
                ("training", "2021", "year", None, None),
                ("victim_identification", "2021", "year", None, None),
            ],
        ),
        (
            "Three criminal investigations were initiated as a result of the calls.",
            [("investigation", "2021", "year", None, None)],
        ),
        (
            "The government allocated 80 million CFA francs to the commission in 2019.",
            [("other", "2019", "year", None, None)],
        ),
    ],
)
def test_trainees_listed_investigations_initiated_and_budgets_allocated(extract_text, sentence, expected):
    assert rows_of(events(extract_text, sentence, heading="Prevention"), *COLUMNS) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Funds allocated to the commission remained insufficient.",
        "The government did not allocate funding for victim services.",
        "The ministry funded the Police Training Academy.",  # "Training" inside a name
        "The government implemented the Act on Technical Intern Training and Protection of Trainees.",
        # a participle after a group named with "the": it describes the group, dated or not
        "Of the 1,298 individuals convicted on prostitution charges in 2017, none were trafficking victims.",
    ],
)
def test_money_described_or_denied_names_and_described_groups_are_no_events(extract_text, sentence):
    assert events(extract_text, sentence, heading="Prevention") == []


# --- a law's passage told as history; counts and dates in narrative sentences ---------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "The bill was introduced to parliament in draft form in October 2013 by the interior minister.",
            [("policy_adoption", "2013-10", "month", None, None)],
        ),
        (
            "It received Royal Assent and became law on 26 March 2015.",
            [("policy_adoption", "2015-03-26", "day", None, None)],
        ),
        (
            "The act is a statute passed into law in 2000 by Congress.",
            [("policy_adoption", "2000", "year", None, None)],
        ),
        ("The law entered into force in 2010.", [("policy_adoption", "2010", "year", None, None)]),
        (
            "Amendments to the Criminal Code were made in 2005 to implement the Protocol.",
            [("policy_adoption", "2005", "year", None, None)],
        ),
        (
            "The Protection Act was renewed in 2003, 2006 and 2008.",
            [
                ("policy_adoption", "2003", "year", None, None),
                ("policy_adoption", "2006", "year", None, None),
                ("policy_adoption", "2008", "year", None, None),
            ],
        ),
        (
            "In 2013, the whole text was attached as an amendment to another act and passed.",
            [("policy_adoption", "2013", "year", None, None)],
        ),
        (
            "In 2017, police investigated 166 cases, compared to the 105 of 2016, of which six defendants were "
            "prosecuted and five traffickers were convicted.",
            [
                ("conviction", "2017", "year", 5, "traffickers"),
                ("investigation", "2017", "year", 166, "cases"),
                ("prosecution", "2017", "year", 6, "defendants"),
            ],
        ),
        (
            "Between 2016 and 2019, police arrested 40 suspects.",  # a range's ends are no list of years
            [("arrest", "2019", "year", 40, "suspects")],
        ),
        (
            "Peru prohibits trafficking through Law 985, which was enacted in 2005.",  # a history narrates it
            [("policy_adoption", "2005", "year", None, None)],
        ),
    ],
)
def test_a_law_s_passage_and_narrated_counts_are_events(extract_text, sentence, expected):
    assert rows_of(history_events(extract_text, sentence), *COLUMNS) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The law lapsed in 2011.",
        "The bill was not introduced before the elections.",
        "The law has not entered into force.",
        "No amendments to the Criminal Code were made.",
    ],
)
def test_a_law_lapsed_or_not_passed_is_no_event(extract_text, sentence):
    assert history_events(extract_text, sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        "Peru prohibits trafficking through Law 985, which was enacted in 2005.",
        "Courts have yet to convict any offenders under the Bonded Labor Act since it came into force in 1992.",
    ],
)
def test_a_report_of_one_year_describes_its_laws_in_relative_clauses(extract_text, sentence):
    assert events(extract_text, sentence) == []


def test_a_counted_singular_subject_counts_its_passive(extract_text):
    rows = events(extract_text, "More victims were identified, but only one child victim was identified.")
    assert rows_of(rows, "event_type", "persons_count", "persons_description") == [
        ("victim_identification", 1, "child victim")
    ]
