"""Report words that map onto the contract's vocabularies (`tipfacts.schemas.vocabularies`), as the rules read them.

The words live in the vocabulary files beside this module (`*.yaml`, see `tipfacts.lexicon.tables`);
this module only gives them the shapes the rules combine (sets, mappings, regex alternations).
"""

from __future__ import annotations

from tipfacts.lexicon.tables import table


def _whole_words(name: str, label: object = ...) -> str:
    return rf"\b(?:{table(name).alternation(label)})\b"


# --- Sentence splitting and sections ----------------------------------------
ABBREVIATIONS = set(table("abbreviations").terms())
PILLAR_HEADINGS = table("pillar_headings").mapping()
ADVICE_HEADINGS = tuple(table("advice_headings").terms())
PLAIN_HEADINGS = tuple(table("plain_headings").terms())

# --- Exploitation, victims, sectors ----------------------------------------
EXPLOITATION_PATTERNS = {p: kind for kind, p in table("exploitations").by_label().items()}
LABOUR_VICTIM_WORDS = table("labour_victims").alternation()
VICTIM_GROUP_WORDS = table("victim_groups").mapping()
ABROAD_WORDS = table("abroad").alternation()
SECTOR_PATTERNS = {p: kind for kind, p in table("sectors").by_label().items()}

# --- Hedges, negation, trend -----------------------------------------------
HEDGE_POTENTIAL = _whole_words("statuses", "potential")
VULNERABILITY = _whole_words("vulnerabilities")
HEDGE_ALLEGED = _whole_words("statuses", "alleged")
PREVENTED = _whole_words("statuses", "prevented")
NEGATION = _whole_words("negations")
TREND_INCREASE = _whole_words("trends", "increase")
TREND_DECREASE = _whole_words("trends", "decrease")

# --- Numbers ----------------------------------------------------------------
QUALIFIER_WORDS = table("qualifiers").mapping()
EXTRA_NUMBER_WORDS = table("extra_number_words").mapping()
NUMBER_WORD = rf"(?:{table('number_words').alternation()})"

# --- Statistics and events -------------------------------------------------
ENFORCEMENT_VERBS = table("enforcement_verbs").mapping()
INDICATOR_NOUNS = table("indicator_nouns").mapping()
COUNTED_BODIES = tuple(table("counted_bodies").terms())
COUNTED_PEOPLE = tuple(table("counted_people").terms())
# The last word of an other count's noun -> statistics unit (schemas.vocabularies.UNITS). Every other noun
# those counts take names people ("refugees", "IDPs", "Venezuelans", "girls"): DEFAULT_COUNT_UNIT.
COUNT_UNITS = {"percent": "percent", "%": "percent", **dict.fromkeys(COUNTED_BODIES, "organizations")}
DEFAULT_COUNT_UNIT = "persons"

COUNTED_OBJECTS = (
    rf"(?:(?:{table('counted_object_modifiers').alternation()})\s+)*(?:{table('counted_objects').alternation()})"
)
NOT_REPORTED_LEADS = table("counted_not_reported").alternation()
SUBGROUP_WORDS = table("counted_subgroups").alternation()
COMPARISON_WORDS = table("counted_comparisons").alternation()
REPORT_PERIOD_WORDS = table("report_periods").alternation()
EVENT_TRIGGERS = {p: kind for kind, p in table("event_triggers").by_label().items()}

# --- Legal instruments ---------------------------------------------------
TRAFFICKING_PROTOCOL = table("trafficking_protocol").alternation()
TREATY_PATTERNS = table("trafficking_protocol").terms() + table("treaties").terms()
LEGAL_ACTION_PATTERNS = {p: action for action, p in table("legal_actions").by_label().items()}
COVERS_PATTERNS = {p: covers for covers, p in table("covers").by_label().items()}

# --- Organizations -------------------------------------------------------
ORG_HEADS = {p: kind for kind, p in table("org_heads").by_label().items()}
INTERGOVERNMENTAL = table("org_names").terms("intergovernmental")
ARMED_GROUPS = table("org_names").terms("other")
US_GOVERNMENT_MARKERS = table("us_government_markers").alternation()
NOT_ORG_NAMES = set(table("not_org_names").terms())
