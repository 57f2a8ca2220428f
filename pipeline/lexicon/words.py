"""Report words that map onto the contract's vocabularies (`tipfacts.schemas.vocabularies`).

This is the one place (with `tipfacts.places`) where names and words live; the rules
in `tipfacts.extraction.rules` only combine them.
"""

from __future__ import annotations

# --- Sentence splitting ----------------------------------------------------

# Abbreviations (lower case, without the final period) that never end a sentence.
ABBREVIATIONS = {
    "u.s",
    "u.k",
    "u.n",
    "p.r.c",
    "d.p.r.k",
    "r.o.k",
    "u.a.e",
    "r.a",
    "e.g",
    "i.e",
    "etc",
    "vs",
    "cf",
    "no",
    "nos",
    "art",
    "arts",
    "sec",
    "para",
    "ch",
    "vol",
    "p",
    "pp",
    "approx",
    "est",
    "govt",
    "dept",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "st",
    "gen",
    "col",
    "lt",
    "sgt",
    "capt",
    "gov",
    "sen",
    "rep",
    "hon",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "inc",
    "ltd",
    "co",
    "corp",
    "jr",
    "sr",
}

# --- Sections ---------------------------------------------------------------

# Heading word -> pillar of the TIP report's "3P" structure (plus partnership).
PILLAR_HEADINGS = {
    "prosecution": "prosecution",
    "law enforcement": "prosecution",
    "protection": "protection",
    "victim protection": "protection",
    "prevention": "prevention",
    "partnership": "partnership",
    "partnerships": "partnership",
}

# Headings whose sentences are advice or apparatus, not findings: no facts come from them.
ADVICE_HEADINGS = (
    "recommendation",
    "references",
    "see also",
    "external links",
    "further reading",
    "bibliography",
    "notes",
    "sources",
    "citations",
)

# Section names of TIP country narratives, recognised as headings when they stand alone on a line
# ("PROSECUTION", "Prioritized Recommendations:") even without `==` marks.
PLAIN_HEADINGS = (
    "prosecution",
    "protection",
    "prevention",
    "partnership",
    "partnerships",
    "trafficking profile",
    "prioritized recommendations",
    "recommendations",
    "recommendations for",
    "country narrative",
    "overview",
    "background",
    "law enforcement",
    "victim protection",
)

# --- Exploitation, victims, sectors ----------------------------------------

# Regex fragment -> exploitation kind. Order matters only for readability.
EXPLOITATION_PATTERNS = {
    r"sex(?:ual)?\s+trafficking|sex(?:ually)?\s+traffick|sex\s+and\s+labou?r\s+trafficking|commercial\s+sex(?:ual)?|sexual(?:ly)?\s+exploit"
    r"|sex\s+trade|sex\s+industry|sex\s+work|prostitution|sexual\s+slave|sexual\s+servitude"
    r"|sex\s+tourism|forced\s+sex|brothel": "sexual_exploitation",
    r"forced\s+lab(?:o|ou)r|labou?r\s+trafficking|labou?r\s+exploitation|bonded\s+lab(?:o|ou)r"
    r"|debt\s+bondage|forced\s+to\s+work|involuntary\s+servitude|forced\s+(?:\w+\s+)?(?:work|labou?r)"
    r"|(?:forced|coerced|defrauded|deceived)[\w\s,]{0,30}?\binto\s+(?:\w+\s+)?(?:labou?r|work)"
    r"|exploitative\s+labou?r|compulsory\s+labou?r|slave\s+labou?r": "forced_labour",
    r"domestic\s+servitude|domestic\s+slavery|forced\s+domestic|forced\s+into\s+domestic\s+(?:service|work)"
    r"": "domestic_servitude",
    r"forced\s+marriage|child\s+marriage|early\s+marriage|forced\s+to\s+marry|bride|arranged\s+marriage"
    r"|fraudulent\s+marriage|sold\s+into\s+marriages?|forc\w*\s+[\w\s-]{0,30}?into\s+(?:\w+\s+)?marriages?|forced\s+(?:child\s+)?(?:and\s+\W?\w+\W?\s+)?marriages?"
    r"": "forced_marriage",
    r"forced\s+(?:criminal|criminality)|forced\s+(?:to\s+commit\s+)?crim|drug\s+(?:smuggling|trafficking"
    r"|production|cultivation)|(?:forced|compelled)\s+to\s+(?:sell|steal|smuggle)|cyber\s*scam"
    r"|online\s+scam|scam\s+operations|forced\s+(?:theft|stealing)|petty\s+crime|(?:sell|transport|carry|smuggle)"
    r"(?:\s+and\s+\w+)?\s+(?:illicit\s+)?drugs|drug\s+(?:selling|dealing|couriers?)": "forced_criminality",
    r"forced\s+begging|begging|mendicancy|beggars|forced\s+to\s+beg\b|\bto\s+beg\b": "forced_begging",
    r"organ\s+(?:removal|harvesting|trafficking)|removal\s+of\s+organs|sell\s+(?:their|a)\s+kidney"
    r"|kidneys?": "organ_removal",
    r"child\s+soldier|child\s+combatant|armed\s+groups?\s+(?:recruit|use)|forcible\s+recruitment"
    r"|recruit\w*\s+(?:and\s+use\s+)?"
    r"(?:of\s+)?child(?:ren)?\s+(?:as\s+)?(?:soldiers|combatants)": "child_soldiering",
}

# Victims described as workers: with no other exploitation named, labour exploitation is meant.
LABOUR_VICTIM_WORDS = r"labou?rers|workers|labou?r"

# Word -> contract victim group.
VICTIM_GROUP_WORDS = {
    "women": "women",
    "woman": "women",
    "females": "women",
    "female": "women",
    "men": "men",
    "man": "men",
    "males": "men",
    "girls": "girls",
    "girl": "girls",
    "boys": "boys",
    "boy": "boys",
    "children": "children",
    "child": "children",
    "minors": "children",
    "minor": "children",
    "youth": "children",
    "adolescents": "children",
    "juveniles": "children",
    "adults": "adults",
    "adult": "adults",
    "persons": "persons",
    "people": "persons",
    "individuals": "persons",
    "nationals": "persons",
    "citizens": "persons",
    "victims": "persons",
    "residents": "persons",
    "workers": "workers",
    "labourers": "workers",
    "laborers": "workers",
    "employees": "workers",
    "migrants": "migrants",
    "migrant": "migrants",
    "refugees": "migrants",
    "asylum-seekers": "migrants",
    "asylum seekers": "migrants",
    "immigrants": "migrants",
}

# Regex fragment -> sector.
SECTOR_PATTERNS = {
    r"agricultur\w*|farms?\b|farming|plantations?|cotton|cocoa|coffee|tea\s+estates?|sugar\s*cane|harvest\w*"
    r"|livestock|cattle|herding": "agriculture",
    r"construction|brick\s*kilns?|building\s+sites?": "construction",
    r"mines\b|mining|quarr(?:y|ies)|gold\s+mines?": "mining",
    r"fishing|fisheries|fishing\s+(?:boats|vessels|industry)|fish\s+processing|seafood": "fishing",
    r"factor(?:y|ies)|manufactur\w*|garment|textile|carpet\s+weaving|sweatshops?": "manufacturing",
    r"domestic\s+(?:service|work|workers|servants?|help|labou?r)|housemaids?|maids?\b": "domestic_work",
    r"hotels?|restaurants?|hospitality|tourism": "hospitality",
    r"bars?\b|nightclubs?|karaoke|massage\s+parlou?rs?|entertainment|dance\s+clubs?": "entertainment",
}

# --- Hedges, negation, trend -----------------------------------------------

HEDGE_POTENTIAL = r"\b(?:may|might|could|possibly|potential(?:ly)?|likely|at\s+risk|risk\s+of|vulnerable\s+to\s+becom)"
HEDGE_ALLEGED = r"\b(?:allegedly|alleged|reportedly|reports?\s+(?:indicate|suggest)|unconfirmed|suspected)\b"
PREVENTED = r"\b(?:prevent(?:ed)?|intercept(?:ed)?|stopp?(?:ed)?\s+\w+\s+from|thwart(?:ed)?|rescued\s+before)\b"
NEGATION = (
    r"\b(?:not|no|never|neither|nor|without|failed\s+to|none|lack\s+of|did\s+not|does\s+not|has\s+not"
    r"|have\s+not|had\s+not|was\s+not|were\s+not|cannot|n't)\b"
)
TREND_INCREASE = r"\b(?:increas\w*|ris(?:e|ing)\s+in|growing|grew|surge|spike|more\s+and\s+more)\b"
TREND_DECREASE = r"\b(?:decreas\w*|declin\w*|drop\s+in|fell|fewer|reduction\s+in)\b"

# --- Numbers --------------------------------------------------------------

# Phrase before a count -> qualifier.
QUALIFIER_WORDS = {
    "over": "over",
    "more than": "over",
    "above": "over",
    "in excess of": "over",
    "upwards of": "over",
    "at least": "at_least",
    "no fewer than": "at_least",
    "no less than": "at_least",
    "a minimum of": "at_least",
    "approximately": "approximately",
    "about": "approximately",
    "around": "approximately",
    "roughly": "approximately",
    "nearly": "approximately",
    "almost": "approximately",
    "some": "approximately",
    "an estimated": "approximately",
    "estimated": "approximately",
    "close to": "approximately",
    "up to": "up_to",
    "as many as": "up_to",
    "fewer than": "up_to",
    "less than": "up_to",
    "under": "up_to",
    "a maximum of": "up_to",
}

# Count words the number-word library does not read as numbers.
EXTRA_NUMBER_WORDS = {"a dozen": 12, "dozens of": 24, "a pair of": 2, "a single": 1, "one": 1, "an": 1, "a": 1}

# --- Statistics and events -------------------------------------------------

# Verb stem -> (statistics indicator, event type).
ENFORCEMENT_VERBS = {
    "investigat": ("investigations", "investigation"),
    "prosecut": ("prosecutions", "prosecution"),
    "convict": ("convictions", "conviction"),
    "acquit": ("acquittals", "acquittal"),
    "indict": ("indictments", "charge"),
    "arrest": ("arrests", "arrest"),
    "identif": ("victims_identified", "victim_identification"),
    "sentenc": ("convictions", "conviction"),
    "assist": ("victims_assisted", None),
    "refer": ("victims_assisted", "shelter_referral"),
    "rescu": ("victims_identified", "victim_identification"),
}

# Nouns that name a count of enforcement results -> indicator.
INDICATOR_NOUNS = {
    r"investigations?": "investigations",
    r"prosecutions?": "prosecutions",
    r"convictions?": "convictions",
    r"acquittals?": "acquittals",
    r"indictments?": "indictments",
    r"arrests?": "arrests",
    r"(?:victims?\s+)?identifications?": "victims_identified",
}

# Bodies (not people) that a report counts: "almost 400 agencies".
COUNTED_BODIES = ("agencies", "companies", "firms", "businesses", "establishments", "shelters")
# The last word of an other count's noun -> statistics unit (schemas.vocabularies.UNITS). Every other noun
# those counts take names people ("refugees", "IDPs", "Venezuelans", "girls"): DEFAULT_COUNT_UNIT.
COUNT_UNITS = {"percent": "percent", "%": "percent", **dict.fromkeys(COUNTED_BODIES, "organizations")}
DEFAULT_COUNT_UNIT = "persons"

# Objects of an enforcement verb that make a count of people or cases.
COUNTED_OBJECTS = (
    r"(?:(?:alleged|suspected|potential|possible|presumed|new|additional|foreign|trafficking|sex|labou?r"
    r"|individual|child|adult|female|male|complicit|government|total)\s+)*"
    r"(?:traffickers?|suspects?|defendants?|perpetrators?|offenders?|individuals?|persons?|people|cases?"
    r"|victims?|officials?|officers?|survivors?|women|men|girls|boys|children|minors|adults|nationals"
    r"|citizens|workers|migrants|employers|recruiters)"
)

# Event trigger (regex) -> event type; enforcement verbs come from ENFORCEMENT_VERBS.
EVENT_TRIGGERS = {
    r"\braid(?:s|ed)?\b": "raid",
    r"\bdetain(?:ed|ing)?\b|\bdetention\s+of\b": "detention",
    r"\breleas(?:ed|ing)\b": "release",
    r"\bcharg(?:ed|ing)\b(?!\s+(?:\w+\s+){0,2}(?:fees|interest|prices|rent|money))": "charge",
    r"\bdismiss(?:ed|ing)\b": "case_dismissal",
    r"\bacquitted\b": "acquittal",
    r"\bintervened\b|\bintercepted\b": "intervention",
    r"\bdeport(?:ed|ing)\b": "deportation",
    r"\brepatriat(?:ed|ing)\b": "repatriation",
    r"\b(?:re)?convened\b|\bresumed\s+meetings\b|\bheld\s+(?:a\s+|its\s+)?meetings?\b|\bmet\s+(?:\w+\s+)?"
    r"(?:times|quarterly|monthly)\b": "task_force_meeting",
    r"\bworkshops?\b|\btrainings?\b|\btrained\b|\bseminars?\b": "training",
    r"\bcampaigns?\b": "awareness_campaign",
    r"\b(?:adopted|approved|launched|finali[sz]ed|passed)\s+(?:a|an|its|the)\s+(?:new\s+)?"
    r"(?:national\s+)?(?:action\s+plan|strategy|policy|plan)\b": "policy_adoption",
}

# --- Legal instruments ---------------------------------------------------

# Treaties known by many names: pattern -> name used in the `instrument` column when the text
# gives only a short form ("the Protocol") is not matched; the text's own words are kept.
TREATY_PATTERNS = [
    r"(?:\d{4}\s+)?(?:UN|U\.N\.|United\s+Nations)\s+(?:TIP|Trafficking\s+in\s+Persons|Trafficking)\s+Protocol",
    r"Palermo\s+Protocol",
    r"Protocol\s+to\s+Prevent,\s+Suppress,?\s+and\s+Punish\s+Trafficking\s+in\s+Persons[^,;.()]*",
    r"(?:UN\s+)?Convention\s+against\s+Transnational\s+Organi[sz]ed\s+Crime",
    r"(?:UN\s+)?Convention\s+on\s+the\s+Rights\s+of\s+the\s+Child",
    r"Optional\s+Protocol\s+to\s+the\s+Convention\s+on\s+the\s+Rights\s+of\s+the\s+Child[^,;.()]*",
    r"ILO\s+(?:Convention|Protocol)\s+(?:No\.\s*)?\d+[^,;.()]*?",
    r"(?:Council\s+of\s+Europe\s+)?Convention\s+on\s+Action\s+against\s+Trafficking\s+in\s+Human\s+Beings",
    r"ASEAN\s+Convention\s+Against\s+Trafficking\s+in\s+Persons[^,;.()]*",
    r"(?:2000\s+)?TIP\s+Protocol",
]

LEGAL_ACTION_PATTERNS = {
    r"\bratif(?:ied|ying|ication)\b": "ratified",
    r"\bacce(?:ded|ssion)\b": "acceded",
    r"\bsign(?:ed|ing)\b": "signed",
    r"\b(?:enacted|adopted|passed|promulgated|introduced)\b": "enacted",
    r"\bamend(?:ed|ing|ment|ments)\b": "amended",
    r"\bdraft(?:ed|ing)?\b": "drafted",
    r"\bpending\b|\bawait\w*\b|\bnot\s+yet\s+(?:been\s+)?(?:passed|enacted|adopted)\b": "pending",
    r"\brel(?:y|ies|ied|ying)\s+(?:\w+\s+)?on\b|\bdepends?\s+on\b|\bused?\s+(?:the\s+)?\w+\s+penal\b": "relied_on",
}

COVERS_PATTERNS = {
    r"all\s+forms\s+of\s+(?:human\s+)?trafficking|all\s+forms\s+of\s+trafficking": "all_forms",
    r"\bsex(?:ual)?\b(?:\s+(?:and|or)\s+labou?r)?\s+trafficking|sex\s+trafficking": "sex_trafficking",
    r"labou?r\s+trafficking|\bsex\s+and\s+labou?r\b|forced\s+labou?r": "labour_trafficking",
    r"child\s+trafficking|trafficking\s+(?:of|in)\s+children|\bminors\b": "child_trafficking",
}

# --- Organizations -------------------------------------------------------

# Head words of organization names -> kind (first match in a name wins, checked in this order).
ORG_HEADS = {
    r"Police|Gendarmerie|Border\s+Guard|Immigration\s+Service|Coast\s+Guard|Investigation\s+(?:Bureau|Unit)"
    r"|Anti-Trafficking\s+Unit|Law\s+Enforcement|Interpol|INTERPOL": "law_enforcement",
    r"Court|Prosecutor|Prosecution\s+Service|Judiciary|Attorney[- ]General|Public\s+Ministry"
    r"|Tribunal": "judiciary",
    r"Parliament|National\s+Assembly|Congress|Senate|Legislat\w+|House\s+of\s+Representatives": "legislature",
    r"Index|Barometer|Survey\b": "index_publisher",
    r"Party|Front|Movement|Militias?|Brigades?|Mobili[sz]ation\s+Forces|Liberation|Rebels?|Cartel|Gang"
    r"|Resistance\s+Army": "other",
    r"Foundation|Association|Network|Coalition|Alliance|Society|Trust|Mission|Caritas|Save\s+the\s+Children"
    r"|Walk\s+Free|La\s+Strada|World\s+Vision": "ngo",
    r"Ministry|Ministries|Minister|Office|Department|Task\s+Force|Commission|Committee|Council|Agency"
    r"|Bureau|Directorate|Secretariat|Authority|Government|Cabinet|Presidency|Institute|Centre|Center"
    r"|Service|Unit|Board|Military|Army|Armed\s+Forces|Ombudsman|Ombudsperson|Working\s+Groups?"
    r"|Inspectorate": "national_government",
}

# Intergovernmental bodies by name or acronym (matched as whole words).
INTERGOVERNMENTAL = [
    "United Nations",
    "UN",
    "UNPOL",
    "IOM",
    "International Organization for Migration",
    "ILO",
    "International Labour Organization",
    "International Labor Organization",
    "UNICEF",
    "UNODC",
    "UN Office on Drugs and Crime",
    "UNHCR",
    "UNDP",
    "UN Women",
    "UNFPA",
    "OSCE",
    "European Union",
    "EU",
    "ASEAN",
    "African Union",
    "ECOWAS",
    "SADC",
    "Council of Europe",
    "GRETA",
    "INTERPOL",
    "Interpol",
    "Europol",
    "World Bank",
    "Bali Process",
    "OAS",
    "Organization of American States",
    "SAARC",
]

# Non-state armed groups and gangs reports name as recruiters or exploiters (org_kind "other").
ARMED_GROUPS = [
    "ISIS",
    "ISIS-K",
    "ISIS-WA",
    "ISIL",
    "Islamic State",
    "Boko Haram",
    "al-Shabaab",
    "Al-Shabaab",
    "al-Shabaab",
    "Taliban",
    "Houthis",
    "Huthis",
    "FARC",
    "ELN",
    "MS-13",
    "Barrio 18",
    "Lord's Resistance Army",
    "Hizballah",
    "Hezbollah",
    "Hamas",
    "Wagner Group",
    "Janjaweed",
    "al-Qa'ida",
    "al-Qaeda",
    "Hayat Tahrir al-Sham",
    "Tren de Aragua",
    "Clan del Golfo",
    "Gulf Clan",
    "Sinaloa Cartel",
    "Jalisco New Generation Cartel",
    "M23",
    "Anti-Balaka",
    "Ex-Seleka",
    "Arakan Army",
    "Kachin Independence Army",
    "PKK",
    "Abu Sayyaf",
    "New People's Army",
]

# Words that make a name a foreign (U.S.) government body when the subject is not the United States.
US_GOVERNMENT_MARKERS = r"U\.S\.|US\b|United\s+States|American|State\s+Department|Department\s+of\s+State"

# Capitalized words that start a sentence or name a document, not a body.
NOT_ORG_NAMES = {
    "Trafficking in Persons Report",
    "Trafficking in Persons",
    "Tier",
    "Watch List",
    "Government",
    "The Government",
    "Prioritized Recommendations",
}
