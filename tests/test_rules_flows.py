"""Flows rule, issue 12 kinds 5-8: pairing, hedges, the tier-rating paragraph, demonyms of origin.

Each case writes a made-up report in the language of TIP narratives, Wikipedia articles or Factbook
entries, runs the real ingest and extraction (`extract_text`), and reads the flows table. Every kind
has positives and a negative that must not fire. Expected rows come from reading the sentences
against shared/CONTRACT.md (one row per origin x destination x exploitation the text states).
"""

from __future__ import annotations

import pytest

# Sentences are written under a Factbook-style title; the subject comes from the sidecar.
ECUADOR = {"subject": "Ecuador", "report_year": 2021}
NEPAL = {"subject": "Nepal", "report_year": 2021}


def flows(extract_text, text: str, meta: dict, title: str = "Trafficking in persons") -> list[dict]:
    got = extract_text(f"= {title}: {meta['subject']} =\n\n{text}\n", meta=meta)
    return got.rows("flows")


def triples(rows: list[dict]) -> list[tuple]:
    return sorted((r["origin_iso3"], r["destination_iso3"], r["exploitation"]) for r in rows)


def by_triple(rows: list[dict]) -> dict[tuple, dict]:
    return {(r["origin_iso3"], r["destination_iso3"], r["exploitation"]): r for r in rows}


# --- 5. Pair what the clause pairs ---------------------------------------------------------------------


def test_coordinated_people_keep_their_own_destination_and_kind(extract_text):
    rows = flows(
        extract_text,
        "Traffickers exploit Ecuadorian women in sex trafficking in Spain and Ecuadorian men in forced labor "
        "in the United States.",
        ECUADOR,
    )
    assert triples(rows) == [("ECU", "ESP", "sexual_exploitation"), ("ECU", "USA", "forced_labour")]
    got = by_triple(rows)
    assert got["ECU", "ESP", "sexual_exploitation"]["victim_groups"] == "women"
    assert got["ECU", "USA", "forced_labour"]["victim_groups"] == "men"


def test_gapped_verb_pairs_people_with_kind_and_sector(extract_text):
    rows = flows(
        extract_text,
        "Boys are forced to work in gold mines and on banana plantations, and girls into domestic servitude "
        "in coastal cities.",
        ECUADOR,
    )
    got = by_triple(rows)
    assert sorted(got) == [("ECU", "ECU", "domestic_servitude"), ("ECU", "ECU", "forced_labour")]
    assert (got["ECU", "ECU", "forced_labour"]["victim_groups"], got["ECU", "ECU", "forced_labour"]["sector"]) == (
        "boys",
        "mining",
    )
    assert got["ECU", "ECU", "domestic_servitude"]["victim_groups"] == "girls"
    assert got["ECU", "ECU", "domestic_servitude"]["sector"] != "mining"


def test_each_origin_keeps_its_own_victim_group(extract_text):
    rows = flows(
        extract_text, "Colombian women and Venezuelan children are exploited in sex trafficking in Ecuador.", ECUADOR
    )
    assert {r["origin_iso3"]: r["victim_groups"] for r in rows} == {"COL": "women", "VEN": "children"}


def test_one_list_of_destinations_for_one_kind_still_gives_a_row_each(extract_text):
    # Negative of pairing: "and girls" is not a second flow, and both destinations stay.
    rows = flows(
        extract_text,
        "Nepali women and girls are exploited in sex trafficking in India, Malaysia, and Oman.",
        NEPAL,
    )
    assert triples(rows) == [(("NPL", iso3, "sexual_exploitation")) for iso3 in ["IND", "MYS", "OMN"]]
    assert {r["victim_groups"] for r in rows} == {"girls;women"}


def test_people_without_their_own_kind_share_the_clause_kinds(extract_text):
    # Negative: no gap break when the first people name no kind; nationals (persons) yield to men.
    rows = flows(
        extract_text,
        "Nepali nationals, mostly men, and children are subjected to forced labor and sex trafficking in Malaysia.",
        NEPAL,
    )
    assert triples(rows) == [("NPL", "MYS", "forced_labour"), ("NPL", "MYS", "sexual_exploitation")]
    assert {r["victim_groups"] for r in rows} == {"children;men"}


def test_gapped_people_share_the_destinations_named_before_the_kinds(extract_text):
    rows = flows(
        extract_text,
        "Nepali migrants travel to Qatar and Malaysia, where men are forced to work on construction sites and "
        "women are forced into domestic servitude.",
        NEPAL,
    )
    assert triples(rows) == [
        ("NPL", dest, kind) for dest in ["MYS", "QAT"] for kind in ["domestic_servitude", "forced_labour"]
    ]
    assert {r["victim_groups"] for r in rows if r["exploitation"] == "domestic_servitude"} == {"women"}


@pytest.mark.parametrize(
    "sentence",
    [
        # "child prostitution" is a kind, not other people
        "Nepali girls are subjected to domestic servitude and child prostitution in India and Bangladesh.",
        # a role statement: "and for men" adds people to the role, not a flow at home
        "Nepal is a source country for women and girls subjected to sex trafficking and for men subjected to "
        "forced labor.",
    ],
)
def test_no_gap_break_inside_a_compound_or_a_role_statement(extract_text, sentence):
    rows = flows(extract_text, sentence, NEPAL)
    assert ("NPL", "NPL", "forced_labour") not in triples(rows)
    by_kind: dict[str, set] = {}
    for r in rows:
        by_kind.setdefault(r["exploitation"], set()).add(r["destination_iso3"])
    assert len({frozenset(d) for d in by_kind.values()}) <= 1  # every kind goes to the same places


# --- 6. Hedges -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Nepali children working in brick kilns are vulnerable to forced labor.",
        "Street children in Kathmandu are at high risk of sex trafficking.",
        "Some Nepali women may be sent to India for sexual exploitation.",
        "Nepali migrant workers in Qatar are susceptible to debt bondage.",
    ],
)
def test_hedged_flow_is_potential(extract_text, sentence):
    rows = flows(extract_text, sentence, NEPAL)
    assert rows and {r["status"] for r in rows} == {"potential"}


def test_hedge_in_a_relative_clause_about_the_people_does_not_hedge_the_flow(extract_text):
    rows = flows(
        extract_text,
        "Traffickers exploited Indian migrants, who are vulnerable to exploitation, in forced labor on farms.",
        NEPAL,
    )
    assert triples(rows) == [("IND", "NPL", "forced_labour")]
    assert {r["status"] for r in rows} == {"reported"}


@pytest.mark.parametrize(
    "sentence",
    [
        "In May 2020, traffickers exploited Nepali women in sex trafficking in India.",
        "Traffickers exploited Nepali women in sex trafficking in India, and the mayor of one town condemned it.",
    ],
)
def test_month_may_and_words_beginning_with_may_are_no_hedge(extract_text, sentence):
    rows = flows(extract_text, sentence, NEPAL)
    assert triples(rows) == [("NPL", "IND", "sexual_exploitation")]
    assert {r["status"] for r in rows} == {"reported"}


# --- 7. Flows from the wrong paragraph -----------------------------------------------------------------

RATING = (
    "tier rating: Tier 2 — Nepal does not fully meet the minimum standards for the elimination of trafficking "
    "but is making significant efforts to do so; these efforts included identifying more Nepali victims of "
    "forced labor in Malaysia and prosecuting traffickers who exploited women in India (2021)"
)
PROFILE = "trafficking profile: traffickers exploit Nepali men in forced labor in Malaysia (2021)"


def test_tier_rating_paragraph_states_no_flow(extract_text):
    got = extract_text(f"= Trafficking in persons: Nepal =\n\n{RATING}\n", meta=NEPAL)
    assert got.rows("flows") == []
    assert [r["tier"] for r in got.rows("assessments")] == ["2"]


def test_tip_narrative_rating_paragraph_states_no_flow(extract_text):
    text = (
        "The Government of Nepal does not fully meet the minimum standards for the elimination of trafficking "
        "but is making significant efforts to do so. These efforts included identifying more victims of sex "
        "trafficking among Nepali women returning from India."
    )
    assert flows(extract_text, text, NEPAL, title="NEPAL: Tier 2") == []


def test_recommendations_state_no_flow(extract_text):
    text = "PRIORITIZED RECOMMENDATIONS: Increase efforts to identify Nepali victims of forced labor in Malaysia."
    assert flows(extract_text, text, NEPAL, title="NEPAL: Tier 2") == []


def test_profile_paragraph_after_the_rating_still_gives_its_flow(extract_text):
    # Negative: the same words outside the rating paragraph are a flow.
    rows = flows(extract_text, f"{RATING}\n\n{PROFILE}", NEPAL)
    assert triples(rows) == [("NPL", "MYS", "forced_labour")]


# --- 8. Demonyms of origin -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("meta", "sentence", "expected"),
    [
        # a neighbour's children inside the subject's entry: their origin, not the subject's
        (
            ECUADOR,
            "Ecuadorian women are exploited in sex trafficking in Ecuador, while Colombian children are subjected "
            "to forced labor in Ecuador's informal sector",
            [("COL", "ECU", "forced_labour"), ("ECU", "ECU", "sexual_exploitation")],
        ),
        # "Ecuadorian" (the library spells it "Ecuadorean")
        (
            {"subject": "Colombia", "report_year": 2021},
            "Ecuadorian children, often from indigenous communities, are subjected to forced labor.",
            [("ECU", "COL", "forced_labour")],
        ),
        # two demonyms, one noun: two origins
        (
            NEPAL,
            "Chinese and Indonesian workers are exploited on fishing vessels.",
            [("CHN", "NPL", "forced_labour"), ("IDN", "NPL", "forced_labour")],
        ),
        # negative: the subject's own people exploited in a named country are no home flow
        (
            ECUADOR,
            "Ecuadorian women are exploited in sex trafficking in Peru.",
            [("ECU", "PER", "sexual_exploitation")],
        ),
    ],
)
def test_demonyms_name_the_origin(extract_text, meta, sentence, expected):
    assert triples(flows(extract_text, sentence, meta)) == expected


# --- Negation through SentenceContext.negated ----------------------------------------------------------


def test_negated_verb_denies_the_flow_but_a_negated_noun_does_not(extract_text):
    denied = "Nepali women have not been trafficked to Oman for domestic servitude."
    assert flows(extract_text, denied, NEPAL) == []
    kept = "Nepali men are forced to work in Qatar for little or no pay or coerced into debt bondage."
    assert triples(flows(extract_text, kept, NEPAL)) == [("NPL", "QAT", "forced_labour")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "originate in" leads origins, like "from"
        (
            "Foreign victims originate in Nigeria and Ghana.",
            [("GHA", "NPL", "unspecified"), ("NGA", "NPL", "unspecified")],
        ),
        # "(P.R.C)" without its last period does not end the list
        (
            "Nepali women were trafficked to the People's Republic of China (P.R.C), Malaysia, and Oman.",
            [("NPL", iso3, "unspecified") for iso3 in ["CHN", "MYS", "OMN"]],
        ),
        # negative: where sex tourists come from is no flow
        ("Nepal is a destination for child sex tourism, with perpetrators from India and the United States.", []),
    ],
)
def test_origin_leads_and_offenders(extract_text, sentence, expected):
    assert triples(flows(extract_text, sentence, NEPAL)) == expected


def test_a_denial_reaches_two_words_back_exactly_as_the_pattern_did() -> None:
    """`_reach` reads from the end what `(?:\\S+\\s+){1,2}$` found by trying every start (the rule's old
    pattern): the same length, or None, for every end of random text with Unicode spaces and newlines."""
    import random
    import re

    from tipfacts.extraction.rules.flows import _reach

    pattern = re.compile(r"(?:\S+\s+){1,2}$")
    rng = random.Random(1)
    alphabet = ["a", "b", " ", "  ", "\n", "\t", "\u00a0", "\u2009", ",", "é", "\x1c"]
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(12)))
        for end in range(len(text) + 1):
            m = pattern.search(text, 0, end)
            assert _reach(text, end) == (len(m.group(0)) if m else None), (text, end)
    assert _reach("Women were not trafficked", len("Women were not ")) == len("were not ")


# --- Lists of countries a role word names; statements that name no flow -----------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Source countries for identified victims of trafficking in 2019 included Bhutan, Myanmar, and Thailand.",
            [(iso3, "NPL", "unspecified") for iso3 in ["BTN", "MMR", "THA"]],
        ),
        (
            "Malaysia, Qatar, and Saudi Arabia were the major destination countries for trafficking victims.",
            [("NPL", iso3, "unspecified") for iso3 in ["MYS", "QAT", "SAU"]],
        ),
        (
            "The main countries of origin of trafficking victims are India and Bangladesh.",
            [("BGD", "NPL", "unspecified"), ("IND", "NPL", "unspecified")],
        ),
        # negative: a relative clause between the list and the role word; no flow is stated
        (
            "The government signed agreements with Malaysia and Qatar, which are destination countries for many "
            "workers vulnerable to trafficking.",
            [],
        ),
    ],
)
def test_role_word_lists_name_origins_or_destinations(extract_text, sentence, expected):
    assert triples(flows(extract_text, sentence, NEPAL)) == expected


def test_role_list_keeps_a_year_stated_in_the_sentence(extract_text):
    rows = flows(extract_text, "Source countries for identified victims in 2016 included Bhutan and Myanmar.", NEPAL)
    assert sorted({r["year"] for r in rows}) == [2016]


@pytest.mark.parametrize(
    "sentence",
    [
        # the nationality of identified victims is no flow without a kind or a movement
        "All victims were Nepalis.",
        "Of the victims identified, most were Nepali citizens.",
        # what the state did (or failed to do) about internal trafficking is no flow
        "The government maintained protection efforts, but did not adequately address internal child trafficking.",
    ],
)
def test_statements_about_victims_or_efforts_state_no_flow(extract_text, sentence):
    assert flows(extract_text, sentence, NEPAL) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # positives kept: a kind, or internal trafficking with its exploiters
        ("Nepali children are forced to work in brick kilns.", [("NPL", "NPL", "forced_labour")]),
        ("Traffickers exploit children in internal trafficking.", [("NPL", "NPL", "unspecified")]),
    ],
)
def test_home_flows_with_a_kind_or_exploiters_remain(extract_text, sentence, expected):
    assert triples(flows(extract_text, sentence, NEPAL)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # "traffic them to": the verb without its -k- moves people too; a place after "via" is on the way
        (
            "Organized rings lure Nepali women with false job offers, then traffic them to India via Bangladesh for "
            "sexual exploitation.",
            [("NPL", "IND", "sexual_exploitation")],
        ),
        # negative: road traffic moves no one
        ("Heavy traffic to India delayed the return of victims.", []),
        # the subject where travelers were intercepted is no destination of the listed countries
        (
            "India and Oman were the major destination countries for victims and travelers intercepted in Nepal.",
            [("NPL", "IND", "unspecified"), ("NPL", "OMN", "unspecified")],
        ),
        # children recruited "as soldiers" are child soldiers
        (
            "Armed groups forcibly recruited and exploited hundreds of children as soldiers.",
            [("NPL", "NPL", "child_soldiering")],
        ),
    ],
)
def test_traffic_verbs_transit_and_child_soldiers(extract_text, sentence, expected):
    assert triples(flows(extract_text, sentence, NEPAL)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # the subject named only as where victims are exploited: a flow at home
        (
            "Sex trafficking victims in Nepal are often sold in massage parlors and dance bars.",
            [("NPL", "NPL", "sexual_exploitation")],
        ),
        # negative: what the government did with victims in the subject is no flow
        ("The government identified sex trafficking victims in Nepal.", []),
        # a statement that trafficking is internal names no people, yet a flow at home
        ("In 2021, the index noted that most trafficking was internal.", [("NPL", "NPL", "unspecified")]),
        # negative: cross-border is not internal
        ("Most trafficking in the region is cross-border.", []),
        # England is in the United Kingdom
        (
            "NGOs reported trafficking of Nepali women abroad to Canada and England.",
            [("NPL", "CAN", "unspecified"), ("NPL", "GBR", "unspecified")],
        ),
    ],
)
def test_home_flows_named_by_place_or_statement(extract_text, sentence, expected):
    assert triples(flows(extract_text, sentence, NEPAL)) == expected


def test_these_workers_take_the_places_and_sector_of_the_clause_before(extract_text):
    rows = flows(
        extract_text,
        "Colombians and other foreign workers, mainly from South America, migrate to Ecuador for work in "
        "agriculture; traffickers exploit some of these workers in forced labor.",
        ECUADOR,
    )
    got = {(r["origin_iso3"] or r["origin_area"], r["destination_iso3"], r["exploitation"], r["sector"]) for r in rows}
    assert got == {
        ("COL", "ECU", "forced_labour", "agriculture"),
        ("South America", "ECU", "forced_labour", "agriculture"),
    }


@pytest.mark.parametrize(
    "sentence",
    [
        # negative: the state's screening of "these migrants" states no flow
        "Many refugees arrive from Colombia; the government screened these migrants for trafficking indicators.",
        # negative: "these victims" with a clause before that names no place
        "Police rescued 20 victims last year; officials referred these victims to shelters.",
    ],
)
def test_these_people_after_a_clause_without_a_flow_state_none(extract_text, sentence):
    assert flows(extract_text, sentence, ECUADOR) == []


def test_trafficked_into_the_country_leaves_the_origin_unstated(extract_text):
    rows = flows(
        extract_text,
        "Human trafficking in Ecuador includes the trafficking of men and women into the country for forced labor.",
        ECUADOR,
    )
    assert [(r["origin_iso3"], r["origin_area"], r["destination_iso3"], r["exploitation"]) for r in rows] == [
        (None, None, "ECU", "forced_labour")
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # a verb of exploitation without a kind: a flow at home
        ("Nepali girls are exploited in bars and massage parlors.", [("NPL", "NPL", "unspecified")]),
        # the subject stays a destination beside a foreign one
        (
            "Boys are forced into street vending in Nepal and manual labor in India.",
            [("NPL", "IND", "forced_labour"), ("NPL", "NPL", "forced_labour")],
        ),
        # negative: an origin the places do not name ("nearby countries") is not the subject
        ("Women from nearby countries are forced into prostitution in Nepal.", []),
        # negative: officials' part in entries into the country is no flow
        ("Some corrupt officials facilitate victims' entry into Nepal.", []),
    ],
)
def test_home_destinations_need_the_subjects_own_people(extract_text, sentence, expected):
    assert triples(flows(extract_text, sentence, NEPAL)) == expected


def test_these_girls_named_in_their_own_clause_keep_no_places_of_the_clause_before(extract_text):
    rows = flows(
        extract_text,
        "Women from Colombia and Peru are exploited in sex trafficking in Ecuador; child marriages remain a "
        "problem, and husbands subject these girls to domestic servitude.",
        ECUADOR,
    )
    assert triples(rows) == [
        ("COL", "ECU", "sexual_exploitation"),
        ("ECU", "ECU", "domestic_servitude"),
        ("ECU", "ECU", "forced_marriage"),  # a child marriage is a forced one (exploitation.yaml)
        ("PER", "ECU", "sexual_exploitation"),
    ]


def test_regions_after_from_and_a_compass_word_are_origins(extract_text):
    rows = flows(
        extract_text,
        "Traffickers subject men and women from South and Southeast Asia and East Africa to forced labor.",
        NEPAL,
    )
    assert sorted((r["origin_area"], r["destination_iso3"], r["exploitation"]) for r in rows) == [
        ("East Africa", "NPL", "forced_labour"),
        ("South Asia", "NPL", "forced_labour"),  # "South and Southeast Asia" names two regions
        ("Southeast Asia", "NPL", "forced_labour"),
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        # negative: people from elsewhere the places do not name are not the subject's own
        "Traffickers subject women from the Horn of Africa to forced labor in domestic service.",
        "Traffickers subject women from Francophone countries to forced labor.",
    ],
)
def test_people_from_an_unnamed_elsewhere_are_no_home_flow(extract_text, sentence):
    assert [r for r in flows(extract_text, sentence, NEPAL) if r["origin_iso3"] == "NPL"] == []


# --- Session 6: kinds with their own places, efforts statements, Wikipedia prose --------------------------


def test_a_second_kind_with_its_own_places_is_not_crossed_with_the_first(extract_text):
    rows = flows(
        extract_text,
        "Traffickers exploit Nepali men in forced labor in Qatar and Oman, and in sex trafficking in India.",
        NEPAL,
    )
    assert triples(rows) == [
        ("NPL", "IND", "sexual_exploitation"),
        ("NPL", "OMN", "forced_labour"),
        ("NPL", "QAT", "forced_labour"),
    ]
    assert {r["victim_groups"] for r in rows} == {"men"}  # the people of the verb before


def test_a_second_kind_without_its_own_places_shares_the_destination(extract_text):
    # Negative: "in brick kilns" names no place, so both kinds are exploitation in India, none at home.
    rows = flows(
        extract_text, "Nepali children are forced to work in brick kilns and in domestic servitude in India.", NEPAL
    )
    assert triples(rows) == [("NPL", "IND", "domestic_servitude"), ("NPL", "IND", "forced_labour")]


def test_the_same_subjects_next_verb_takes_its_own_people_kind_and_places(extract_text):
    rows = flows(
        extract_text,
        "Traffickers exploit Nepali women and girls in sex trafficking in India and in Nepal, and exploit Nepali men "
        "and boys in forced labor across the Middle East.",
        NEPAL,
    )
    got = {(r["origin_iso3"], r["destination_iso3"] or r["destination_area"], r["exploitation"]): r for r in rows}
    assert sorted(got) == [
        ("NPL", "IND", "sexual_exploitation"),
        ("NPL", "NPL", "sexual_exploitation"),
        ("NPL", "the Middle East", "forced_labour"),
    ]
    assert got["NPL", "the Middle East", "forced_labour"]["victim_groups"] == "boys;men"


def test_a_next_verb_naming_no_place_keeps_the_destination_before(extract_text):
    # Negative: "exploit them" names no place of its own: no cut, no flow at home.
    rows = flows(
        extract_text, "Traffickers recruit Nepali women for jobs in Kuwait, and exploit them in sex trafficking.", NEPAL
    )
    assert triples(rows) == [("NPL", "KWT", "sexual_exploitation")]


def test_coordinated_people_with_their_own_origins_keep_their_kind(extract_text):
    rows = flows(
        extract_text,
        "Traffickers exploit women from Bangladesh and India in sex trafficking in Nepal and men from Pakistan in "
        "forced labor in Nepal.",
        NEPAL,
    )
    assert triples(rows) == [
        ("BGD", "NPL", "sexual_exploitation"),
        ("IND", "NPL", "sexual_exploitation"),
        ("PAK", "NPL", "forced_labour"),
    ]


def test_women_and_girls_from_a_list_stay_one_group(extract_text):
    # Negative: "women and girls from ..." is one group, even where a kind word ("brothel") stands before it.
    rows = flows(
        extract_text,
        "Some brothel owners exploit women and girls from India, Bangladesh, and Russia in sex trafficking.",
        NEPAL,
    )
    assert triples(rows) == [(iso3, "NPL", "sexual_exploitation") for iso3 in ["BGD", "IND", "RUS"]]
    assert {r["victim_groups"] for r in rows} == {"girls;women"}


def test_a_turn_to_they_has_its_own_hedge(extract_text):
    rows = flows(
        extract_text,
        "Some Nepali migrants are exploited in forced labor in Qatar, and they are also vulnerable to trafficking "
        "at transit points.",
        NEPAL,
    )
    assert [(r["destination_iso3"], r["exploitation"], r["status"]) for r in rows] == [
        ("QAT", "forced_labour", "reported")
    ]
    hedged = flows(extract_text, "Some Nepali migrants are vulnerable to forced labor in Qatar.", NEPAL)
    assert [r["status"] for r in hedged] == ["potential"]  # negative: a hedge in its own clause still hedges


def tip_section(heading: str, text: str) -> str:
    return f"{heading}\n\n{text}"


@pytest.mark.parametrize(
    "sentence",
    [
        "Of these, 141 were foreign victims, including 111 Indian nationals.",
        "A judge adjourned the prosecution of four defendants charged with exploiting 59 women in Lebanon and Kuwait.",
        "Officials identified 40 Nepali victims of forced labor in Malaysia and repatriated them.",
        "The government screened Nepali migrant workers returning from employment in the Gulf states.",
    ],
)
def test_efforts_statements_state_no_flow(extract_text, sentence):
    assert flows(extract_text, tip_section("PROTECTION", sentence), NEPAL, title="NEPAL: Tier 2") == []


@pytest.mark.parametrize(
    "sentence, expected",
    [
        # negatives: a case with its kind, a list of destination countries, a prevented flow
        (
            "The trafficker sexually exploited two Nepali girls in India.",
            [("NPL", "IND", "sexual_exploitation", "reported")],
        ),
        (
            "Oman and Kenya were the major destination countries for victims.",
            [("NPL", "KEN", "unspecified", "reported"), ("NPL", "OMN", "unspecified", "reported")],
        ),
        (
            "Border officials intercepted 40 Nepali women bound for Oman and prevented their trafficking.",
            [("NPL", "OMN", "unspecified", "prevented")],
        ),
    ],
)
def test_efforts_sections_keep_cases_role_lists_and_prevented_flows(extract_text, sentence, expected):
    rows = flows(extract_text, tip_section("PROTECTION", sentence), NEPAL, title="NEPAL: Tier 2")
    assert sorted((r["origin_iso3"], r["destination_iso3"], r["exploitation"], r["status"]) for r in rows) == expected


def test_same_statement_outside_an_efforts_section_is_a_flow(extract_text):
    # Negative of the efforts rule: in the profile, "59 women in Lebanon" is where they were exploited.
    text = tip_section("TRAFFICKING PROFILE", "Traffickers exploited 59 Nepali women in Lebanon and Kuwait.")
    assert triples(flows(extract_text, text, NEPAL, title="NEPAL: Tier 2")) == [
        ("NPL", "KWT", "unspecified"),
        ("NPL", "LBN", "unspecified"),
    ]


def test_a_compass_word_shares_the_next_regions_name(extract_text):
    rows = flows(extract_text, "Traffickers exploit women from East and West Africa in Nepal.", NEPAL)
    assert sorted(r["origin_area"] for r in rows) == ["East Africa", "West Africa"]
    # Negative: a lower-case "south" is no region, and "Central and Eastern" shares only a known region name.
    rows = flows(extract_text, "Traffickers exploit women from the south and Southeast Asia in Nepal.", NEPAL)
    assert [r["origin_area"] for r in rows] == ["Southeast Asia"]


def test_an_origin_then_in_a_country_is_origin_and_destination(extract_text):
    rows = flows(
        extract_text, "Traffickers exploit women from Ethiopia in Egypt.", {"subject": "Egypt", "report_year": 2021}
    )
    assert triples(rows) == [("ETH", "EGY", "unspecified")]
    # Negative: "other countries in Europe" is one list of origins.
    rows = flows(extract_text, "Workers from other countries in Europe are subjected to forced labor in Nepal.", NEPAL)
    assert sorted((r["origin_area"], r["destination_iso3"]) for r in rows) == [
        ("Europe", "NPL"),
        ("other countries", "NPL"),
    ]


GERMANY = {"subject": "Germany", "report_year": 2010}


@pytest.mark.parametrize(
    "sentence, expected",
    [
        (
            "Germany is a destination for women from Bulgaria, Romania and Nigeria.",
            [("BGR", "DEU", "unspecified"), ("NGA", "DEU", "unspecified"), ("ROU", "DEU", "unspecified")],
        ),
        (
            "In the 1990s many women from Ukraine ended up in brothels in Germany.",
            [("UKR", "DEU", "sexual_exploitation")],
        ),
        ("In the 1990s, women from Poland were trafficked to Germany.", [("POL", "DEU", "unspecified")]),
        (
            "Victims were trafficked across Germany to the Netherlands and Belgium.",
            [("DEU", "BEL", "unspecified"), ("DEU", "NLD", "unspecified")],
        ),
        ("German women have been found in brothels in the Netherlands.", [("DEU", "NLD", "sexual_exploitation")]),
        (
            "Women from Poland and Romania have been found working as prostitutes in Germany.",
            [("POL", "DEU", "sexual_exploitation"), ("ROU", "DEU", "sexual_exploitation")],
        ),
        ("Women are lured to Germany from Colombia with promises of jobs.", [("COL", "DEU", "unspecified")]),
        (
            "Victims originate from China, Korea and the Philippines.",
            [("CHN", "DEU", "unspecified"), ("PHL", "DEU", "unspecified")],
        ),
        # negatives: tourists are no victims, a brothel closed is no flow, "across Europe" with no onward place
        ("Traffickers exploit German men in forced labor across Europe.", [("DEU", None, "forced_labour")]),
        ("Germany is a popular destination for tourists from Japan.", []),
        ("Tourists are lured to Germany by its castles.", []),
        ("The police closed a brothel in Berlin in 2005.", []),
    ],
)
def test_wikipedia_history_prose_states_flows(extract_text, sentence, expected):
    rows = flows(extract_text, sentence, GERMANY, title="Human trafficking in Germany")
    assert triples(rows) == expected


def test_coordinated_people_with_their_own_verb_keep_their_own_status(extract_text):
    rows = flows(
        extract_text,
        "Nepali workers in Malaysia are at risk of forced labor, and women in Oman are exploited in sex trafficking.",
        NEPAL,
    )
    assert sorted((r["destination_iso3"], r["status"]) for r in rows) == [("MYS", "potential"), ("OMN", "reported")]
    # Negative: where their verb is elided ("and men to Malaysia"), its hedge is theirs too.
    rows = flows(
        extract_text,
        "Traffickers may send women to India for sexual exploitation and men to Malaysia for forced labor.",
        NEPAL,
    )
    assert sorted((r["destination_iso3"], r["status"]) for r in rows) == [("IND", "potential"), ("MYS", "potential")]


def test_as_well_as_a_kind_abroad_is_not_crossed_with_the_kinds_at_home(extract_text):
    rows = flows(
        extract_text,
        "Nepali women are exploited in sex and labor trafficking domestically, as well as sex trafficking in Oman "
        "and Kuwait.",
        NEPAL,
    )
    assert triples(rows) == [
        ("NPL", "KWT", "sexual_exploitation"),
        ("NPL", "NPL", "forced_labour"),
        ("NPL", "NPL", "sexual_exploitation"),
        ("NPL", "OMN", "sexual_exploitation"),
    ]
    # Negative: a list of kind nouns ("..., and forced labor within the country") is one kind list, not a verb.
    rows = flows(
        extract_text,
        "Nepali children are subjected to domestic servitude, forced begging, and forced labor within the country.",
        NEPAL,
    )
    assert triples(rows) == [("NPL", "NPL", k) for k in ["domestic_servitude", "forced_begging", "forced_labour"]]


def test_a_list_member_the_places_do_not_know_keeps_the_list(extract_text):
    rows = flows(
        extract_text,
        "Traffickers exploit Nepali men in forced labor in Qatar, the Mediterranean, Oman, and Kuwait.",
        NEPAL,
    )
    assert triples(rows) == [("NPL", iso3, "forced_labour") for iso3 in ["KWT", "OMN", "QAT"]]
    # Negative: words between commas that are no list member ("Amnesty International said") end the list.
    rows = flows(
        extract_text,
        "Traffickers exploit Nepali men in forced labor in Qatar, Amnesty International said, and Kuwait arrested "
        "them.",
        NEPAL,
    )
    assert triples(rows) == [("NPL", "QAT", "forced_labour")]


def test_a_kind_found_in_named_provinces_is_exploitation_at_home(extract_text):
    pakistan = {"subject": "Pakistan", "report_year": 2021}
    rows = flows(
        extract_text,
        "The largest trafficking problem was bonded labour, concentrated in the Sindh and Punjab provinces.",
        pakistan,
        title="Human trafficking in Pakistan",
    )
    assert [(r["origin_iso3"], r["destination_iso3"], r["destination_area"], r["exploitation"]) for r in rows] == [
        ("PAK", "PAK", "Sindh and Punjab provinces", "forced_labour")
    ]
    # Negatives: a region may lie abroad; the state's action there is an effort, not a flow.
    text = "Others are exploited in forced labour at factories in the Balkan region."
    assert flows(extract_text, text, pakistan, title="Human trafficking in Pakistan") == []
    text = "The government rescued victims of bonded labour in the Sindh and Punjab provinces."
    assert flows(extract_text, text, pakistan, title="Human trafficking in Pakistan") == []


def test_temporary_or_summer_marriages_are_forced_marriage(extract_text):
    egypt = {"subject": "Egypt", "report_year": 2021}
    rows = flows(extract_text, "Egyptian girls are sold into “temporary” or “summer marriages” in Egypt.", egypt)
    assert triples(rows) == [("EGY", "EGY", "forced_marriage")]
    # Negative: a temporary work permit is no marriage.
    rows = flows(extract_text, "Egyptian workers are exploited after temporary work permits expire in Jordan.", egypt)
    assert "forced_marriage" not in {r["exploitation"] for r in rows}


def test_plural_demonym_and_coordinated_demonyms_keep_their_own_kind_and_place(extract_text):
    rows = flows(
        extract_text,
        "Nepalis are exploited in forced labor in Qatar and Oman, and some Indian women are forced into "
        "prostitution in Nepal.",
        NEPAL,
    )
    assert triples(rows) == [
        ("IND", "NPL", "sexual_exploitation"),
        ("NPL", "OMN", "forced_labour"),
        ("NPL", "QAT", "forced_labour"),
    ]
    rows = flows(
        extract_text,
        "Bangladeshi and Indian women are subjected to domestic servitude in Nepal, and Chinese and possibly Thai "
        "women are forced into prostitution in Nepal.",
        NEPAL,
    )
    assert triples(rows) == [
        ("BGD", "NPL", "domestic_servitude"),
        ("CHN", "NPL", "sexual_exploitation"),
        ("IND", "NPL", "domestic_servitude"),
        ("THA", "NPL", "sexual_exploitation"),
    ]


def test_a_demonym_list_of_one_group_with_one_kind_list_is_crossed(extract_text):
    # Negative: "Chinese and Thai women" with "forced labor and sex trafficking" is one statement: every pair.
    rows = flows(
        extract_text, "Chinese and Thai women are exploited in forced labor and sex trafficking in Nepal.", NEPAL
    )
    assert triples(rows) == [(o, "NPL", k) for o in ["CHN", "THA"] for k in ["forced_labour", "sexual_exploitation"]]


def test_region_adjectives_before_countries_are_destinations(extract_text):
    rows = flows(
        extract_text,
        "Nepali women are taken to other West and Central African countries and Europe for commercial sex.",
        NEPAL,
    )
    assert sorted(r["destination_area"] for r in rows) == ["Central Africa", "Europe", "West Africa"]
    # Negative: a demonym before people names their origin, not a destination.
    rows = flows(extract_text, "Traffickers take Nepali women to India and East African men to Nepal.", NEPAL)
    assert "East Africa" not in {r["destination_area"] for r in rows}


def test_with_small_numbers_of_others_abroad_keeps_the_home_flow(extract_text):
    rows = flows(
        extract_text,
        "Nepali children are forced into street begging and sex trafficking, with small numbers of Nepali girls "
        "sex trafficked in India.",
        NEPAL,
    )
    assert triples(rows) == [
        ("NPL", "IND", "sexual_exploitation"),
        ("NPL", "NPL", "forced_begging"),
        ("NPL", "NPL", "sexual_exploitation"),
    ]
    # Negative: "with" that turns to no people is no new flow.
    rows = flows(extract_text, "Nepali women are forced into domestic servitude in India, with wages withheld.", NEPAL)
    assert triples(rows) == [("NPL", "IND", "domestic_servitude")]


def test_one_woman_lured_and_enslaved_as_a_domestic_servant(extract_text):
    rows = flows(
        extract_text,
        "In 2010, two traffickers were convicted after luring a Thai woman to Germany and enslaving her as a "
        "domestic servant.",
        GERMANY,
        title="Human trafficking in Germany",
    )
    assert [(r["origin_iso3"], r["destination_iso3"], r["exploitation"], r["victim_groups"]) for r in rows] == [
        ("THA", "DEU", "domestic_servitude", "women")
    ]
    # Negative: a Thai nurse hired in Germany is no victim.
    assert (
        flows(extract_text, "A Thai nurse was hired in Germany.", GERMANY, title="Human trafficking in Germany") == []
    )


def test_a_definition_of_trafficking_states_no_flow(extract_text):
    text = (
        "Human trafficking is a form of slavery, involving the trade of people for forced labor or sexual exploitation."
    )
    assert flows(extract_text, text, GERMANY, title="Human trafficking in Germany") == []
    # Negative: a statement of what gangs do at home is a flow.
    rows = flows(extract_text, "Gangs force women into prostitution.", GERMANY, title="Human trafficking in Germany")
    assert triples(rows) == [("DEU", "DEU", "sexual_exploitation")]
