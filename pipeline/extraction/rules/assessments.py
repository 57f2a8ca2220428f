"""Tier placements and findings on the TVPA minimum standards."""

from __future__ import annotations

import re

from tipfacts.extraction.context import SentenceContext
from tipfacts.extraction.facts import Fact, fact
from tipfacts.extraction.matcher import Gates
from tipfacts.lexicon.tables import table, words_alternation
from tipfacts.places import countries

TIER_NUMBERS = table("tiers").mapping()
TIER = re.compile(
    rf"\bTier\s*(?P<n>{words_alternation(TIER_NUMBERS)})\b(?P<wl>\s*(?:-\s*)?(?:Watch\s*-?\s*List|WL)\b)?"
    r"|\bSpecial\s+Cases?\b",
    re.IGNORECASE,
)
# "TIMOR-LESTE: Tier 2", "Timor-Leste (Tier 2)", "Vietnam was downgraded to Tier 3"
HEADER_BEFORE_TIER = re.compile(
    r"(?P<name>[A-Z][\w'’ .,-]{1,60}?)\s*(?::|\(|—|–|-|\bis\b|\bwas\b|\bremains\b|\bremained\b|\bhas\s+been\b)"
    r"[^;:]{0,40}?$"
)
MOVEMENT = [(re.compile(p, re.IGNORECASE), kind) for kind, p in table("movements").by_label().items()]
MEETS_NO = re.compile(table("standards_not_met").alternation(), re.IGNORECASE)
MEETS_YES = re.compile(rf"(?<!\bnot\s){table('standards_met').alternation()}", re.IGNORECASE)
EFFORTS_NO = re.compile(table("efforts_not_made").alternation(), re.IGNORECASE)
EFFORTS_YES = re.compile(table("efforts_made").alternation(), re.IGNORECASE)
# Most sentences name no tier and no finding: one RE2 pass says which of these may match.
GATED = [TIER, MEETS_NO, MEETS_YES, EFFORTS_NO, EFFORTS_YES]
GATES = Gates(GATED)
HYPOTHETICAL = re.compile(r"\b(?:would|could|might|if)\b[^;]{0,40}$", re.IGNORECASE)


def _tier(m: re.Match[str]) -> str:
    if m.group("n") is None:
        return "special_case"
    number = TIER_NUMBERS[m.group("n").lower()]
    return "2WL" if number == "2" and m.group("wl") else number


def _country_before(ctx: SentenceContext, position: int) -> str | None:
    """A country named as the one placed: "X: Tier 2", "X (Tier 2)", "X was downgraded to Tier 3"."""
    lead = ctx.text[:position]
    m = HEADER_BEFORE_TIER.search(lead)
    if not m:
        return None
    iso3 = countries.resolve(m.group("name").strip(" ,"))
    if iso3:
        return iso3
    named = [p for p in ctx.places if p.iso3 and not p.is_demonym and m.start() <= p.start < position]
    return named[-1].iso3 if named else None


def extract(ctx: SentenceContext) -> list[Fact]:
    possible = GATES.which(ctx.text)

    def search(pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.search(ctx.text) if GATED.index(pattern) in possible else None

    found = TIER.finditer(ctx.text) if GATED.index(TIER) in possible else ()
    tiers = [m for m in found if not HYPOTHETICAL.search(ctx.text[max(0, m.start() - 40) : m.start()])]
    meets = search(MEETS_NO) or search(MEETS_YES)
    efforts = search(EFFORTS_NO) or search(EFFORTS_YES)
    if not tiers and not meets:
        return []
    facts = []
    findings = {
        "meets_minimum_standards": None if meets is None else meets.re is MEETS_YES,
        "significant_efforts": None if efforts is None else efforts.re is EFFORTS_YES,
    }
    for m in tiers[:1] or [None]:
        named = [p.iso3 for p in ctx.places if p.iso3 and not p.is_demonym]
        country = (_country_before(ctx, m.start()) if m else None) or ctx.subject or (named[0] if named else None)
        if country is None:  # a placement of no known country cannot be joined to anything
            continue
        # "therefore X remained on Tier 3" often follows the header's "Tier 3" in the same sentence
        windows = [ctx.text[max(0, t.start() - 60) : t.start()] for t in tiers]
        movement = next((name for window in windows for pattern, name in MOVEMENT if pattern.search(window)), None)
        spans = [x.span() for x in (m, meets, efforts) if x is not None]
        span = (min(a for a, _ in spans), max(b for _, b in spans))
        facts.append(
            fact(
                ctx,
                "tier_placement" if m else "minimum_standards_finding",
                span,
                country_iso3=country,
                year=ctx.year,
                assessor="US-TIP",
                tier=_tier(m) if m else None,
                movement=movement if m else None,
                **findings,
            )
        )
    return facts


def extract_document(contexts: list[SentenceContext]) -> list[Fact]:
    """Per-sentence placements and findings; a finding without a tier joins its country-year's tier row.

    TIP narratives state the tier in a header and the finding in the next sentence; researchers want one
    row per country, year and tier, so the finding's flags are copied onto that row (extractor
    `tier_placement+finding`) instead of standing alone with a null tier.
    """
    facts = [f for ctx in contexts if not ctx.is_advice for f in extract(ctx)]
    placed = [f for f in facts if f["tier"] is not None]
    merged = []
    for f in facts:
        same = [p for p in placed if (p["country_iso3"], p["year"]) == (f["country_iso3"], f["year"])]
        if f["tier"] is not None or not same:
            merged.append(f)
            continue
        for p in same:
            for flag in ("meets_minimum_standards", "significant_efforts"):
                if p[flag] is None and f[flag] is not None:
                    p[flag] = f[flag]
                    p["extractor"] = "tier_placement+finding"
    return merged
