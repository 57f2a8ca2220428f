"""Keys and labels researchers join a country on: ISO2, UN M49, Gleditsch-Ward, Correlates of War, UN regions.

ISO codes and numeric M49 come from pycountry (ISO 3166-1; for countries the M49 code is the ISO numeric
code), Gleditsch-Ward and COW state numbers and the UN M49 region and subregion from countrycode (the
maintained port of R's countrycode codelist). Where those libraries are silent or wrong for a code the
reports use, a small named table says what we use instead, and why.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry
from countrycode import countrycode

from tipfacts.schemas.codes import NON_ISO_CODES

# Common short English names where pycountry's name is an official or inverted form
# ("Congo, The Democratic Republic of the"); otherwise pycountry's common_name, else its name.
SHORT_NAMES = {
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "FSM": "Micronesia",
    "PSE": "Palestine",
    "VAT": "Vatican City",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
    "FLK": "Falkland Islands",
    "MAF": "Saint Martin",
    "SXM": "Sint Maarten",
    "SHN": "Saint Helena",
    "BES": "Caribbean Netherlands",
    "BRN": "Brunei",
    "RUS": "Russia",
    "CCK": "Cocos Islands",
}
# Codes the codelist lacks or gives otherwise. Kosovo (XKX) is in neither ISO 3166 nor countrycode's codelist:
# GW and COW both number it 347; it has no M49 code. COW numbers Serbia 345 (the successor of Yugoslavia),
# which the codelist leaves empty for SRB. UN M49 places Kosovo in Southern Europe and leaves Taiwan out;
# we use Eastern Asia for Taiwan, as the UN statistics division's regional groupings would.
FIXES: dict[str, dict[str, object]] = {
    "XKX": {"iso2": "XK", "gw_code": 347, "cow_code": 347, "un_region": "Europe", "un_subregion": "Southern Europe"},
    "SRB": {"cow_code": 345},
    "TWN": {"un_region": "Asia", "un_subregion": "Eastern Asia"},
}
COLUMNS = ["country_name", "iso2", "m49", "gw_code", "cow_code", "un_region", "un_subregion"]
_CODELIST = {"gw_code": "gwn", "cow_code": "cown", "un_region": "un.region.name", "un_subregion": "un.regionsub.name"}


def short_name(iso3: str) -> str | None:
    """A common short English name ("Democratic Republic of the Congo", "Bolivia", "Laos")."""
    if iso3 in SHORT_NAMES:
        return SHORT_NAMES[iso3]
    if iso3 in NON_ISO_CODES:
        return NON_ISO_CODES[iso3][0]
    country = pycountry.countries.get(alpha_3=iso3)
    return None if country is None else getattr(country, "common_name", None) or country.name


def keys(iso3_codes: list[str]) -> dict[str, dict[str, object]]:
    """iso3 -> {country_name, iso2, m49 (int), gw_code, cow_code, un_region, un_subregion}; None where unknown."""
    codes = sorted(set(iso3_codes))
    return {code: dict(_keys(tuple(codes))[code]) for code in codes}


@lru_cache(maxsize=8)
def _keys(codes: tuple[str, ...]) -> dict[str, dict[str, object]]:
    looked_up = {
        name: countrycode(list(codes), origin="iso3c", destination=column) for name, column in _CODELIST.items()
    }
    out = {}
    for i, code in enumerate(codes):
        country = pycountry.countries.get(alpha_3=code)
        row: dict[str, object] = {
            "country_name": short_name(code),
            "iso2": None if country is None else country.alpha_2,
            "m49": None if country is None else int(country.numeric),
            **{name: _plain(values[i]) for name, values in looked_up.items()},
        }
        row.update(FIXES.get(code, {}))
        out[code] = row
    return out


def _plain(value: object) -> object:
    """countrycode returns numbers as int or digit strings, and None or NaN for nothing."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value
