"""Which country codes the contract accepts: ISO 3166-1 alpha-3, plus the documented non-ISO codes."""

from __future__ import annotations

from functools import lru_cache

import pycountry

# Codes outside ISO 3166-1 that reports need; documented in DATA_DICTIONARY.md.
NON_ISO_CODES = {"XKX": ("Kosovo", None)}


def is_country_code(code: object) -> bool:
    """True for an ISO 3166-1 alpha-3 code (or one of the documented non-ISO codes)."""
    return isinstance(code, str) and _is_code(code)


@lru_cache(maxsize=1 << 12)
def _is_code(code: str) -> bool:
    return code in NON_ISO_CODES or pycountry.countries.get(alpha_3=code) is not None
