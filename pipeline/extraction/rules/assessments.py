"""Tier placements and findings on the TVPA minimum standards."""

from __future__ import annotations

import re

from tipfacts.extraction.context import YEAR, SentenceContext
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
# "the report also placed Malawi on Tier 3": the country a placement verb names, not the report's subject
PLACED_BEFORE_TIER = re.compile(
    r"\b(?:placed|ranked|put|moved|kept|listed|downgraded|upgraded)\s+(?P<name>[A-Z][^;:]{1,60}?)\s+"
    r"(?:on|in|at|as|to)\s+(?:the\s+)?[\"“]?$"
)
MOVEMENT = [(re.compile(p, re.IGNORECASE), kind) for kind, p in table("movements").by_label().items()]
MEETS_NO = re.compile(table("standards_not_met").alternation(), re.IGNORECASE)
MEETS_YES = re.compile(rf"(?<!\bnot\s)(?:{table('standards_met').alternation()})", re.IGNORECASE)
EFFORTS_NO = re.compile(table("efforts_not_made").alternation(), re.IGNORECASE)
EFFORTS_YES = re.compile(table("efforts_made").alternation(), re.IGNORECASE)
# Most sentences name no tier and no finding: one RE2 pass says which of these may match.
GATED = [TIER, MEETS_NO, MEETS_YES, EFFORTS_NO, EFFORTS_YES]
GATES = Gates(GATED)
# "if it were downgraded to Tier 3", "a waiver from an otherwise required downgrade to Tier 3": no placement
HYPOTHETICAL = re.compile(r"\b(?:would|could|might|if|otherwise|waiver)\b[^;]{0,40}$", re.IGNORECASE)
# "placed the country in "Tier 1" in 2018 and 2023", "In 2017 and 2023, ... Tier 2": one placement for each
# year listed right after the tier, or opening the sentence
YEAR_LIST = rf"(?P<years>{YEAR}(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+){YEAR})*)\b"
YEARS_AFTER = re.compile(rf"[\"”’')\s]*(?:in|for)\s+(?:both\s+)?{YEAR_LIST}")
YEARS_FIRST = re.compile(rf"\W*(?:In|During)\s+(?:both\s+)?{YEAR_LIST}", re.IGNORECASE)
# "upgraded from Tier 3 to Tier 2", "up from Tier 2 Watch List in 2018": the tier left behind is no placement
FROM_TIER = re.compile(r"\bfrom\s+(?:the\s+)?[\"“]?$", re.IGNORECASE)
# "Although the government meets the minimum standards, ...": a concession restating a finding, not a finding
CONCESSIVE = re.compile(r"^\W*(?:although|though|even\s+though|while|whereas|despite)\b[^,;]*$", re.IGNORECASE)


def _tier(m: re.Match[str]) -> str:
    if m.group("n") is None:
        return "special_case"
    number = TIER_NUMBERS[m.group("n").lower()]
    return "2WL" if number == "2" and m.group("wl") else number


def _country_before(ctx: SentenceContext, position: int) -> str | None:
    """A country named as the one placed: "X: Tier 2", "X (Tier 2)", "X was downgraded to Tier 3"."""
    lead = ctx.text[:position]
    placed = PLACED_BEFORE_TIER.search(lead)
    if placed:
        named = [p for p in ctx.places if p.iso3 and not p.is_demonym and placed.start("name") <= p.start < position]
        if named:
            return named[0].iso3
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
    if meets and CONCESSIVE.search(ctx.text[: meets.start()]):
        meets = None
    efforts = search(EFFORTS_NO) or search(EFFORTS_YES)
    if not tiers and not meets:
        return []
    facts = []
    findings = {
        "meets_minimum_standards": None if meets is None else meets.re is MEETS_YES,
        "significant_efforts": None if efforts is None else efforts.re is EFFORTS_YES,
    }
    for m, years in _placements(ctx, tiers):
        named = [p.iso3 for p in ctx.places if p.iso3 and not p.is_demonym]
        country = (_country_before(ctx, m.start()) if m else None) or ctx.subject or (named[0] if named else None)
        if country is None:  # a placement of no known country cannot be joined to anything
            continue
        # "therefore X remained on Tier 3" often follows the header's "Tier 3" in the same sentence
        windows = [ctx.text[max(0, t.start() - 60) : t.start()] for t in tiers]
        movement = next((name for window in windows for pattern, name in MOVEMENT if pattern.search(window)), None)
        spans = [x.span() for x in (m, meets, efforts) if x is not None]
        span = (min(a for a, _ in spans), max(b for _, b in spans))
        facts.extend(
            fact(
                ctx,
                "tier_placement" if m else "minimum_standards_finding",
                span,
                country_iso3=country,
                year=year,
                assessor="US-TIP",
                tier=_tier(m) if m else None,
                movement=movement if m else None,
                **findings,
            )
            for year in years
        )
    return facts


def _placements(
    ctx: SentenceContext, tiers: list[re.Match[str]]
) -> list[tuple[re.Match[str] | None, list[int | None]]]:
    """(tier, years) of each placement a sentence states: its first tier (a tier left behind, "from Tier 3", is
    none), with the years listed after it or opening the sentence, else the year rule's; where every tier has
    its own years ("Tier 2 in 2017 and Tier 2 Watch List in 2023"), each tier with them."""
    placed = [m for m in tiers if not FROM_TIER.search(ctx.text[max(0, m.start() - 12) : m.start()])] or tiers
    if not placed:
        return [(None, [ctx.year])]
    listed = [YEARS_AFTER.match(ctx.text, m.end()) for m in placed]
    if len(placed) > 1 and all(listed):
        return [(m, _years(found)) for m, found in zip(placed, listed, strict=True)]
    opening = YEARS_FIRST.match(ctx.text)  # one opening year is the year rule's own ("In 2008, ...")
    first = listed[0] or (opening if opening and len(_years(opening)) > 1 else None)
    return [(placed[0], _years(first) if first else [ctx.year])]


def _years(found: re.Match[str]) -> list[int | None]:
    return [int(y) for y in re.findall(YEAR, found.group("years"))]


FLAGS = ("meets_minimum_standards", "significant_efforts")


def extract_document(contexts: list[SentenceContext]) -> list[Fact]:
    """Per-sentence placements and findings, joined into one row per country, year and tier.

    TIP narratives state the tier in a header, the finding in the next sentence and the movement in a later
    "therefore X remained on Tier 2"; researchers want one row per country, year and tier, so a restated
    placement fills the first one's blanks and a finding's flags are copied onto its country-year's tier row
    (extractor `tier_placement+finding`) instead of standing alone with a null tier. A Wikipedia paragraph
    dates its finding once ("In 2018, the Government ... did not meet the minimum standards ... had been lowered
    to Tier 2"): an undated placement takes the year of a finding before it in its paragraph.
    """
    paragraph = {ctx.sentence.sentence_id: ctx.sentence.paragraph_no for ctx in contexts}
    facts = [f for ctx in contexts if not ctx.is_advice for f in extract(ctx)]
    for i, f in enumerate(facts):
        if f["tier"] is not None and f["year"] is None:
            f["year"] = next(
                (
                    e["year"]
                    for e in reversed(facts[:i])
                    if e["tier"] is None
                    and e["year"] is not None
                    and e["country_iso3"] == f["country_iso3"]
                    and paragraph[e["sentence_id"]] == paragraph[f["sentence_id"]]
                ),
                None,
            )
    first: dict[tuple[object, ...], Fact] = {}  # (country, year, tier) -> the placement's first row
    for f in facts:
        if f["tier"] is not None:
            kept = first.setdefault((f["country_iso3"], f["year"], f["tier"]), f)
            if kept is not f:
                _fill(kept, f, ("movement",))
    merged = []
    for f in facts:
        if f["tier"] is not None:
            if first[(f["country_iso3"], f["year"], f["tier"])] is f:
                merged.append(f)
            continue
        same = [p for (country, year, _), p in first.items() if (country, year) == (f["country_iso3"], f["year"])]
        for p in same:
            _fill(p, f)
        if not same:
            merged.append(f)
    return merged


def _fill(into: Fact, other: Fact, columns: tuple[str, ...] = ()) -> None:
    """Copy `other`'s stated columns (the finding flags, and `columns`) where `into` states none."""
    for column in (*columns, *FLAGS):
        if into[column] is None and other[column] is not None:
            into[column] = other[column]
            if column in FLAGS:
                into["extractor"] = "tier_placement+finding"
