"""The contract's closed vocabularies: changing one is a breaking change (a major version).

The report words that map onto these values live in `tipfacts.lexicon`.
"""

from __future__ import annotations

SOURCE_KINDS = ["encyclopedia", "government_report", "ngo_report", "news", "other"]
PILLARS = ["prosecution", "protection", "prevention", "partnership"]
TIERS = ["1", "2", "2WL", "3", "special_case"]
MOVEMENTS = ["upgraded", "downgraded", "remained"]
ROLES = ["source", "transit", "destination"]
ROLE_STATUSES = ["reported", "potential"]
VICTIM_GROUPS = ["women", "men", "girls", "boys", "children", "adults", "persons", "workers", "migrants"]
EXPLOITATIONS = [
    "sexual_exploitation",
    "forced_labour",
    "domestic_servitude",
    "forced_marriage",
    "forced_criminality",
    "forced_begging",
    "organ_removal",
    "child_soldiering",
    "unspecified",
]
SECTORS = [
    "agriculture",
    "construction",
    "mining",
    "fishing",
    "manufacturing",
    "domestic_work",
    "hospitality",
    "entertainment",
    "other",
]
FLOW_STATUSES = ["reported", "potential", "prevented", "alleged"]
TRENDS = ["increase", "decrease"]
INSTRUMENT_KINDS = ["treaty", "statute", "penal_code", "regulation", "action_plan", "other"]
LEGAL_ACTIONS = [
    "ratified",
    "acceded",
    "signed",
    "enacted",
    "amended",
    "in_force",
    "drafted",
    "pending",
    "relied_on",
]
COVERS = ["sex_trafficking", "labour_trafficking", "child_trafficking", "all_forms"]
EVENT_TYPES = [
    "raid",
    "arrest",
    "detention",
    "release",
    "charge",
    "investigation",
    "prosecution",
    "conviction",
    "acquittal",
    "case_dismissal",
    "intervention",
    "deportation",
    "repatriation",
    "victim_identification",
    "shelter_referral",
    "task_force_meeting",
    "training",
    "awareness_campaign",
    "policy_adoption",
    "other",
]
DATE_PRECISIONS = ["day", "month", "year"]
# How a stated count relates to the true number (statistics.qualifier, events.count_qualifier).
COUNT_QUALIFIERS = ["exact", "over", "at_least", "approximately", "up_to"]
# statistics.qualifier: also `not_reported`, a figure the report says was not reported (value null, not 0).
QUALIFIERS = [*COUNT_QUALIFIERS, "not_reported"]
INDICATORS = [
    "investigations",
    "prosecutions",
    "convictions",
    "acquittals",
    "indictments",
    "arrests",
    "victims_identified",
    "victims_assisted",
    "court_case_backlog",
    "other",
]
# What a statistics value counts; the rules map the nouns they read onto these (tipfacts.lexicon.words.COUNT_UNITS).
UNITS = ["persons", "cases", "organizations", "percent"]
ORG_KINDS = [
    "national_government",
    "law_enforcement",
    "judiciary",
    "legislature",
    "intergovernmental",
    "ngo",
    "foreign_government",
    "index_publisher",
    "other",
]
