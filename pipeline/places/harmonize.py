"""ISO3 codes for a researcher's own table keyed by country names or codes (`tipfacts harmonize`).

Each distinct value is cleaned (HTML entities such as `C&ocirc;te`, non-breaking spaces) and tried in order:
a three-letter ISO code; a two-letter code, read as FIPS 10-4 (the Factbook's `aa`, `ri`) or ISO 3166 alpha-2;
the names and codes the reports use (tipfacts.places.countries: "Burma", "DRC", "The Gambia"); countrycode's
name patterns; and last a small table of names and FIPS codes that both libraries miss. Whatever is left
is listed, never guessed.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

import pandas as pd
import pycountry
from countrycode import countrycode

from tipfacts.places import countries
from tipfacts.schemas.codes import is_country_code

# FIPS 10-4 codes the countrycode codelist lacks (entities newer than its FIPS column, or non-ISO ones).
FIPS_FIXES = {
    "GZ": "PSE",  # Gaza Strip: part of ISO's Palestine, as the West Bank (WE) is
    "KV": "XKX",  # Kosovo
    "NN": "SXM",  # Sint Maarten
    "OD": "SSD",  # South Sudan
    "RN": "MAF",  # Saint Martin
    "UC": "CUW",  # Curaçao
    "WQ": "UMI",  # Wake Island: one of the United States Minor Outlying Islands
}
# Names both libraries leave unmatched (or ambiguous) that the Factbook uses.
NAME_FIXES = {
    "virgin islands": "VIR",  # the Factbook's entry for the U.S. Virgin Islands (the British ones say so)
    "saint martin": "MAF",
    "wake island": "UMI",
}
ISO2_FIXES = {"XK": "XKX"}  # Kosovo's user-assigned code, as the EU and the World Bank use it
CODE = re.compile(r"[A-Za-z]{2,3}")


@dataclass
class Harmonized:
    """`iso3` aligned with the input (null where unmatched), the unmatched values with their row counts, and
    the codes several distinct values share: renamings (Czech Republic, Czechia) are harmless, but parts of
    one ISO country (West Bank and Gaza Strip are both PSE) in the same year make a join on iso3 and year
    meet that row twice unless the researcher aggregates or picks one first."""

    iso3: pd.Series
    unmatched: dict[str, int] = field(default_factory=dict)
    shared: dict[str, list[str]] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return float(self.iso3.notna().mean()) if len(self.iso3) else 0.0


def clean(value: object) -> str:
    """The value as a person would read it: entities decoded, spaces normalized."""
    text = html.unescape(str(value)).replace("\xa0", " ")
    return re.sub(r"\s+", " ", text).strip()


@lru_cache(maxsize=1)
def _fips() -> dict[str, str]:
    codelist = countrycode([c.alpha_3 for c in pycountry.countries], origin="iso3c", destination="fips")
    table = {fips: iso3 for iso3, fips in zip((c.alpha_3 for c in pycountry.countries), codelist, strict=True) if fips}
    return table | FIPS_FIXES


def _one(text: str, codes: str) -> str | None:
    if not text:
        return None
    if CODE.fullmatch(text):
        upper = text.upper()
        if len(upper) == 3 and is_country_code(upper):
            return upper
        if len(upper) == 2:
            if codes == "fips":
                return _fips().get(upper)
            country = pycountry.countries.get(alpha_2=upper)
            return country.alpha_3 if country is not None else ISO2_FIXES.get(upper)
    found = countries.resolve(text)
    if found:
        return found
    found = countrycode(text, origin="country.name.en.regex", destination="iso3c")
    if isinstance(found, str) and found:
        return found
    return NAME_FIXES.get(text.casefold())


def harmonize(values: pd.Series | list, codes: str = "auto", name: str | None = None) -> Harmonized:
    """ISO3 per value. `codes`: how two-letter codes are read: "fips", "iso", or "auto" (FIPS where the
    column's name says so, e.g. `fips`, else ISO 3166 alpha-2)."""
    series = values if isinstance(values, pd.Series) else pd.Series(values)
    if codes == "auto":
        label = str(name if name is not None else series.name or "")
        codes = "fips" if "fips" in label.casefold() else "iso"
    if codes not in ("fips", "iso"):
        raise ValueError(f"codes must be 'auto', 'fips' or 'iso', not {codes!r}")
    distinct = {v: _one(clean(v), codes) for v in series.dropna().unique()}
    iso3 = series.map(distinct).astype("string").rename("iso3")
    counts = series[iso3.isna() & series.notna() & (series.astype(str).str.strip() != "")].value_counts()
    unmatched = {str(v): int(n) for v, n in sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))}
    by_code: dict[str, set[str]] = {}
    for value, code in distinct.items():
        if code:
            by_code.setdefault(code, set()).add(clean(value))
    shared = {code: sorted(names) for code, names in sorted(by_code.items()) if len(names) > 1}
    return Harmonized(iso3, unmatched, shared)
