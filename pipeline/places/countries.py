"""Country names, demonyms and regions: the one place where places are harmonized.

Names come from two libraries: `pycountry` (the ISO 3166-1 list: codes, official
and common names, numeric codes that equal UN M49 for countries) and
`countryinfo` (alternative spellings and demonyms). What they miss or get wrong
for trafficking reports is in the small named tables below.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache

import pycountry
from countryinfo import all_countries

from tipfacts.schemas.codes import NON_ISO_CODES

# Country names the libraries lack or spell otherwise.
NAME_ALIASES = {
    "P.R.C.": "CHN",
    "P.R.C": "CHN",  # "(P.R.C)" after the full name
    "PRC": "CHN",
    "People's Republic of China": "CHN",
    "Mainland China": "CHN",
    "Timor-Leste": "TLS",
    "East Timor": "TLS",
    "Burma": "MMR",
    "Laos": "LAO",
    "Lao": "LAO",
    "North Korea": "PRK",
    "DPRK": "PRK",
    "D.P.R.K.": "PRK",
    "South Korea": "KOR",
    "Republic of Korea": "KOR",
    "Russia": "RUS",
    "Syria": "SYR",
    "Iran": "IRN",
    "Vietnam": "VNM",
    "Viet Nam": "VNM",
    "Macau": "MAC",
    "Macao": "MAC",
    "Hong Kong": "HKG",
    "Cote d'Ivoire": "CIV",
    "Côte d'Ivoire": "CIV",
    "Ivory Coast": "CIV",
    "The Gambia": "GMB",
    "Gambia": "GMB",
    "Congo-Brazzaville": "COG",
    "Republic of the Congo": "COG",
    "Congo (Brazzaville)": "COG",
    "DRC": "COD",
    "Democratic Republic of the Congo": "COD",
    "Congo-Kinshasa": "COD",
    "Congo (Kinshasa)": "COD",
    "UAE": "ARE",
    "U.A.E.": "ARE",
    "United Arab Emirates": "ARE",
    "UK": "GBR",
    "U.K.": "GBR",
    "Britain": "GBR",
    "Great Britain": "GBR",
    "United Kingdom": "GBR",
    "England": "GBR",  # a nation of the United Kingdom, named as a destination ("to Canada, Ireland, and England")
    "Scotland": "GBR",
    "U.S.": "USA",
    "United States": "USA",
    "US": "USA",
    "USA": "USA",
    "Sint Maarten": "SXM",
    "Curacao": "CUW",
    "Curaçao": "CUW",
    "Eswatini": "SWZ",
    "Swaziland": "SWZ",
    "Cabo Verde": "CPV",
    "Cape Verde": "CPV",
    "Czechia": "CZE",
    "Czech Republic": "CZE",
    "Turkey": "TUR",
    "Türkiye": "TUR",
    "Moldova": "MDA",
    "Tanzania": "TZA",
    "Bolivia": "BOL",
    "Venezuela": "VEN",
    "Brunei": "BRN",
    "Dominican Republic": "DOM",
    "Micronesia": "FSM",
    "Bosnia": "BIH",
    "Kosovo": "XKX",
    "Palestinian Territories": "PSE",
    "West Bank": "PSE",
    "Gaza": "PSE",
    "Taiwan": "TWN",
    "Democratic Republic of Congo": "COD",
    "Republic of Congo": "COG",
    "DR Congo": "COD",
}

# Demonyms (people of a country) the libraries lack; None: a people, not a country.
DEMONYM_ALIASES = {
    "Timorese": "TLS",
    "East Timorese": "TLS",
    "Nepali": "NPL",
    "Nepalis": "NPL",
    "Burmese": "MMR",
    "Laotian": "LAO",
    "North Korean": "PRK",
    "South Korean": "KOR",
    "Korean": "KOR",
    "Vietnamese": "VNM",
    "Macanese": "MAC",
    "Ivoirian": "CIV",
    "Ivorian": "CIV",
    "Gambian": "GMB",
    "Emirati": "ARE",
    "British": "GBR",
    "Saudi": "SAU",
    "Saudis": "SAU",
    "Turkish": "TUR",
    "Moldovan": "MDA",
    "Tanzanian": "TZA",
    "Dominican": "DOM",
    "Bosnian": "BIH",
    "Kosovar": "XKX",
    "Palestinian": "PSE",
    "Taiwanese": "TWN",
    "Filipina": "PHL",
    "Filipinas": "PHL",
    "Filipinos": "PHL",
    "Filipino": "PHL",
    "Afghan": "AFG",
    "Afghans": "AFG",
    "Uzbek": "UZB",
    "Uzbeks": "UZB",
    "Tajik": "TJK",
    "Tajiks": "TJK",
    "Kyrgyz": "KGZ",
    "Kazakh": "KAZ",
    "Kazakhstani": "KAZ",
    "Turkmen": "TKM",
    "Thai": "THA",
    "Thais": "THA",
    "Lebanese": "LBN",
    "Malagasy": "MDG",
    "Sri Lankan": "LKA",
    "Sri Lankans": "LKA",
    "Bangladeshi": "BGD",
    "Bangladeshis": "BGD",
    "Pakistani": "PAK",
    "Pakistanis": "PAK",
    "Emiratis": "ARE",
    "Kuwaiti": "KWT",
    "Qatari": "QAT",
    "Bahraini": "BHR",
    "Omani": "OMN",
    "Yemeni": "YEM",
    "Iraqi": "IRQ",
    "Iraqis": "IRQ",
    "Syrian": "SYR",
    "Syrians": "SYR",
    "Iranian": "IRN",
    "Iranians": "IRN",
    "Rohingya": "MMR",
    "Eritrean": "ERI",
    "Eritreans": "ERI",
    "Ethiopian": "ETH",
    "Ethiopians": "ETH",
    "Somali": "SOM",
    "Somalis": "SOM",
    "Sudanese": "SDN",
    "South Sudanese": "SSD",
    "Nigerien": "NER",
    "Nigeriens": "NER",
    "Beninese": "BEN",
    "Togolese": "TGO",
    "Burkinabe": "BFA",
    "Burkinabè": "BFA",
    "Malian": "MLI",
    "Malians": "MLI",
    "Guinean": "GIN",
    "Bissau-Guinean": "GNB",
    "Equatoguinean": "GNQ",
    "Basotho": "LSO",
    "Mosotho": "LSO",
    "Motswana": "BWA",
    "Batswana": "BWA",
    "Zimbabwean": "ZWE",
    "Zimbabweans": "ZWE",
    "Mozambican": "MOZ",
    "Mozambicans": "MOZ",
    "Malawian": "MWI",
    "Zambian": "ZMB",
    "Congolese": "COD",
    "Haitian": "HTI",
    "Haitians": "HTI",
    "Cuban": "CUB",
    "Cubans": "CUB",
    "Venezuelan": "VEN",
    "Venezuelans": "VEN",
    "Colombian": "COL",
    "Colombians": "COL",
    "Salvadoran": "SLV",
    "Salvadorans": "SLV",
    "Guatemalan": "GTM",
    "Honduran": "HND",
    "Nicaraguan": "NIC",
    "Nicaraguans": "NIC",
    "Costa Rican": "CRI",
    "Panamanian": "PAN",
    "Guyanese": "GUY",
    "Surinamese": "SUR",
    "Trinidadian": "TTO",
    "Trinidad & Tobago": "TTO",
    "Jamaican": "JAM",
    "Belizean": "BLZ",
    "Dominicans": "DOM",
    "Bolivian": "BOL",
    "Ecuadorian": "ECU",  # countryinfo spells it "Ecuadorean"
    "Swati": "SWZ",  # Eswatini's people; countryinfo has only "Swazi"
    "Paraguayan": "PRY",
    "Uruguayan": "URY",
    "Brazilian": "BRA",
    "Brazilians": "BRA",
    "Chinese": "CHN",
    "Mongolian": "MNG",
    "Ukrainian": "UKR",
    "Ukrainians": "UKR",
    "Russian": "RUS",
    "Russians": "RUS",
    "Belarusian": "BLR",
    "Belarusians": "BLR",
    "Romanian": "ROU",
    "Bulgarian": "BGR",
    "Bulgarians": "BGR",
    "Serbian": "SRB",
    "Serbians": "SRB",
    "Montenegrin": "MNE",
    "Albanian": "ALB",
    "Albanians": "ALB",
    "Ghanian": "GHA",
    "Roma": None,
    "Romani": None,
    "Ashkali": None,
    "Balkan Egyptian": None,
    "Indonesian": "IDN",
    "Indonesians": "IDN",
    "Malaysian": "MYS",
    "Malaysians": "MYS",
    "Cambodian": "KHM",
    "Cambodians": "KHM",
    "Indian": "IND",
    "Indians": "IND",
    "Fijian": "FJI",
    "Papua New Guinean": "PNG",
    "Ni-Vanuatu": "VUT",
    "Solomon Islander": "SLB",
    "Tongan": "TON",
    "Palauan": "PLW",
    "Marshallese": "MHL",
    "Nigerian": "NGA",
    "Nigerians": "NGA",
    "Ghanaian": "GHA",
    "Kenyan": "KEN",
    "Kenyans": "KEN",
    "Ugandan": "UGA",
    "Ugandans": "UGA",
    "Rwandan": "RWA",
    "Burundian": "BDI",
    "Cameroonian": "CMR",
    "Chadian": "TCD",
    "Gabonese": "GAB",
    "Senegalese": "SEN",
    "Mauritanian": "MRT",
    "Moroccan": "MAR",
    "Moroccans": "MAR",
    "Algerian": "DZA",
    "Tunisian": "TUN",
    "Libyan": "LBY",
    "Egyptian": "EGY",
    "Egyptians": "EGY",
    "Djiboutian": "DJI",
    "Comorian": "COM",
    "Mauritian": "MUS",
    "Seychellois": "SYC",
    "Jordanian": "JOR",
    "Armenian": "ARM",
    "Azerbaijani": "AZE",
    "Georgian": "GEO",
    "Bhutanese": "BTN",
    "Maldivian": "MDV",
    "Bruneian": "BRN",
    "Singaporean": "SGP",
    "Japanese": "JPN",
    "Mexican": "MEX",
    "Mexicans": "MEX",
    "Sierra Leonean": "SLE",
    "Liberian": "LBR",
    "South African": "ZAF",
    "Namibian": "NAM",
    "Angolan": "AGO",
    "Kuwaitis": "KWT",
    "Saudi Arabian": "SAU",
    "Israeli": "ISR",
    "Vincentian": "VCT",
    "Antiguan": "ATG",
    "Barbadian": "BRB",
    "Bajan": "BRB",
    "Arubans": "ABW",
    "Aruban": "ABW",
    "Curacaoan": "CUW",
    "Lucian": "LCA",
    "Saint Lucian": "LCA",
    "Irish": "IRL",
    "Portuguese": "PRT",
    "Spanish": "ESP",
    "French": "FRA",
    "German": "DEU",
    "Italian": "ITA",
    "Greek": "GRC",
    "Dutch": "NLD",
    "Polish": "POL",
    "Hungarian": "HUN",
    "Slovak": "SVK",
    "Czech": "CZE",
}

# Library entries that are words of ordinary English, codes, or ambiguous in reports.
IGNORED_NAMES = {
    "American",
    "Americans",
    "Korea",
    "Congo",
    "Man",
    "Jersey",
    "Wales",
    "Welsh",
    "Virgin Islands",
    "Indian Ocean",
    "Federal",
    "Republic",
    "Islands",
    "Republic of China",
}
# Library spellings wanted back despite the rule that drops short all-caps codes.
KEPT_CODES = {"UAE", "DRC", "PRC", "USA", "DPRK", "UK", "US"}

# Regions and other non-country places reports name as origins or destinations.
REGIONS = [
    "Southeast Asia",
    "South-East Asia",
    "South Asia",
    "East Asia",
    "Central Asia",
    "Asia",
    "the Middle East",
    "Middle East",
    "the Gulf",
    "Gulf states",
    "Gulf countries",
    "Persian Gulf",
    "Gulf Cooperation Council countries",
    "GCC countries",
    "Europe",
    "Western Europe",
    "Eastern Europe",
    "Southern Europe",
    "Northern Europe",
    "Central Europe",
    "the European Union",
    "the Balkans",
    "Scandinavia",
    "Africa",
    "sub-Saharan Africa",
    "Sub-Saharan Africa",
    "West Africa",
    "East Africa",
    "North Africa",
    "Southern Africa",
    "Central Africa",
    "the Horn of Africa",
    "Latin America",
    "Central America",
    "South America",
    "North America",
    "the Caribbean",
    "Caribbean",
    "the Americas",
    "Oceania",
    "the Pacific",
    "Pacific Islands",
    "the Sahel",
    "Arab Gulf states",
    "the Levant",
    "Western countries",
    "neighboring countries",
    "neighbouring countries",
    "other countries",
    "abroad",
    "overseas",
]
# Region adjectives that describe people ("sub-Saharan adults") -> region named.
REGION_ADJECTIVES = {
    "sub-Saharan": "sub-Saharan Africa",
    "Sub-Saharan": "sub-Saharan Africa",
    "West African": "West Africa",
    "East African": "East Africa",
    "North African": "North Africa",
    "Central African": "Central Africa",
    "Southeast Asian": "Southeast Asia",
    "South Asian": "South Asia",
    "Central Asian": "Central Asia",
    "East Asian": "East Asia",
    "Asian": "Asia",
    "African": "Africa",
    "European": "Europe",
    "Eastern European": "Eastern Europe",
    "Latin American": "Latin America",
    "Central American": "Central America",
    "South American": "South America",
    "Caribbean": "the Caribbean",
    "Middle Eastern": "the Middle East",
    "Gulf": "the Gulf",
    "Arab": "the Middle East",
}
# Lower-case phrases that are the subject country itself ("domestically") or a place inside it.
INTERNAL_PLACES = [
    "rural areas",
    "urban areas",
    "urban centers",
    "urban centres",
    "cities",
    "the capital",
    "towns",
    "tourist areas",
    "border areas",
    "mining areas",
    "provinces",
    "villages",
    "camps",
]


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in a sentence: a country (iso3) or an area as written."""

    start: int
    end: int
    text: str
    iso3: str | None
    area: str | None
    is_demonym: bool


def _fold(name: str) -> str:
    """Case-, accent- and apostrophe-insensitive key for lookups of names given by users."""
    name = name.replace("’", "'").replace("‘", "'")
    name = unicodedata.normalize("NFKD", name)
    name = "".join(c for c in name if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9.' ]+", " ", name.casefold()).strip()


def _plural(demonym: str) -> str | None:
    if re.search(r"(?:ese|ish|ch|s|x|z)$", demonym):
        return None
    return demonym + "s"


@cache
def _names() -> dict[str, str | None]:
    """Surface form (case-sensitive, as it appears in prose) -> ISO3 (None: not a country)."""
    names: dict[str, str | None] = {}

    def add(name: str | None, iso3: str | None) -> None:
        if not name or name in IGNORED_NAMES or not re.match(r"[A-Z]", name):
            return
        if re.fullmatch(r"[A-Z]{2,4}", name) and name not in KEPT_CODES:
            return
        names.setdefault(name, iso3)

    for entry in (*NAME_ALIASES.items(), *DEMONYM_ALIASES.items()):
        add(*entry)
    for demonym, iso3 in DEMONYM_ALIASES.items():
        add(_plural(demonym), iso3)
    for country in pycountry.countries:
        for attr in ("common_name", "name", "official_name"):
            name = getattr(country, attr, None)
            if name and "," not in name:
                add(name, country.alpha_3)
    for info in (c.info() for c in all_countries()):
        iso3 = info.get("ISO", {}).get("alpha3")
        if not iso3 or pycountry.countries.get(alpha_3=iso3) is None:
            continue
        add(info.get("name"), iso3)
        for alt in info.get("altSpellings") or []:
            if "," not in alt:
                add(alt, iso3)
        demonym = info.get("demonym")
        if demonym:
            add(demonym, iso3)
            add(_plural(demonym), iso3)
    return names


@cache
def _place_pattern() -> re.Pattern[str]:
    """One compiled pattern for every name, grouped by first letter so matching stays fast."""
    forms = set(_names()) | set(REGIONS) | set(REGION_ADJECTIVES)
    by_initial: dict[str, list[str]] = {}
    for form in forms:
        by_initial.setdefault(form[0], []).append(form)
    branches = []
    for initial, group in sorted(by_initial.items()):
        tails = sorted({re.escape(f[1:]).replace("'", "['’]") for f in group}, key=lambda t: (-len(t), t))
        branches.append(re.escape(initial) + "(?:" + "|".join(tails) + ")")
    return re.compile(r"(?<![\w-])(?:" + "|".join(branches) + r")(?![\w-]|'s\w)")


def find_places(text: str) -> list[Place]:
    """Countries, demonyms and regions named in `text`, left to right, longest match first."""
    return list(_short_places(text) if len(text) <= SHORT else _find_places(text))


# Organization rules ask about the same short names in every report: those answers are remembered.
SHORT = 200


@lru_cache(maxsize=1 << 14)
def _short_places(text: str) -> tuple[Place, ...]:
    return _find_places(text)


def _find_places(text: str) -> tuple[Place, ...]:
    names = _names()
    places = []
    for m in _place_pattern().finditer(text):
        form = m.group(0).replace("’", "'")
        if form in REGION_ADJECTIVES or form in REGIONS:
            area = REGION_ADJECTIVES.get(form, form)
            places.append(Place(m.start(), m.end(), form, None, area, form in REGION_ADJECTIVES))
            continue
        iso3 = names.get(form)
        if iso3 is None:
            continue
        places.append(Place(m.start(), m.end(), form, iso3, None, _is_demonym(form, iso3)))
    return tuple(places)


def _is_demonym(form: str, iso3: str) -> bool:
    return form in _demonyms().get(iso3, set())


@cache
def _demonyms() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for info in (c.info() for c in all_countries()):
        iso3 = info.get("ISO", {}).get("alpha3")
        demonym = info.get("demonym")
        if iso3 and demonym:
            out.setdefault(iso3, set()).update({demonym, _plural(demonym) or demonym})
    for form, iso3 in DEMONYM_ALIASES.items():
        if iso3:
            out.setdefault(iso3, set()).update({form, _plural(form) or form})
    return out


@cache
def _folded_lookup() -> dict[str, str]:
    table = {_fold(name): iso3 for name, iso3 in _names().items() if iso3}
    for country in pycountry.countries:
        for attr in ("alpha_3", "name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                table.setdefault(_fold(value), country.alpha_3)
    for code, (name, _) in NON_ISO_CODES.items():
        table.setdefault(_fold(code), code)
        table.setdefault(_fold(name), code)
    return table


def resolve(name: str | None) -> str | None:
    """ISO3 for a country name, demonym or code given by a person (metadata, headers); None if unknown."""
    return _resolve_text(name) if isinstance(name, str) else _resolve(name)


@lru_cache(maxsize=1 << 16)
def _resolve_text(name: str) -> str | None:
    """`resolve` of a string, remembered: rules ask about the same names in every report."""
    return _resolve(name)


def _resolve(name: object) -> str | None:
    if not name or not str(name).strip():
        return None
    key = _fold(str(name))
    lookup = _folded_lookup()
    if key in lookup:
        return lookup[key]
    key = re.sub(r"^the ", "", key)
    if key not in lookup and "," in str(name):  # "Korea, North"
        head, _, tail = str(name).partition(",")
        key = _fold(f"{tail} {head}")
    return lookup.get(key)


def country_name(iso3: str) -> str | None:
    if iso3 in NON_ISO_CODES:
        return NON_ISO_CODES[iso3][0]
    country = pycountry.countries.get(alpha_3=iso3)
    return None if country is None else getattr(country, "common_name", None) or country.name


def m49(iso3: str) -> str | None:
    """UN M49 code: for countries it is the ISO 3166-1 numeric code."""
    if iso3 in NON_ISO_CODES:
        return NON_ISO_CODES[iso3][1]
    country = pycountry.countries.get(alpha_3=iso3)
    return None if country is None else country.numeric


def demonyms_of(iso3: str) -> set[str]:
    """Demonyms that name people of a country ("Timorese")."""
    return _demonyms().get(iso3, set())
