"""Who is trafficked from where to where, for what: one row per origin x destination x exploitation."""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from pipeline.countries import INTERNAL_PLACES, Place
from pipeline.rules import lexicon
from pipeline.rules.base import Fact, fact, join_list
from pipeline.rules.context import SentenceContext

CUE = re.compile(
    r"traffick|exploit|subject(?:ed)?\s+to|forced|servitude|prostitution|commercial\s+sex|victims?\b|bondage"
    r"|\bsold\b|enslav|slavery|coerc|debt|child\s+soldiers",
    re.IGNORECASE,
)
# Words before a destination list: people were moved or exploited there.
TOWARD_VERB = re.compile(
    r"traffick|\bsent\b|\btaken\b|\bmoved\b|transport|migrat|travel|recruit|lured|exploit|subject|forced|\bwork"
    r"|\bsold\b|brought|smuggl|victim|labou?r|employ|identified|servitude|prostitution|commercial\s+sex"
    r"|\bsex\b|begging|abroad|destined|bound",
    re.IGNORECASE,
)
LIST_GAP = re.compile(r"\s*\)?\s*(?:\([^()]{0,40}\)\s*)?(?:,\s*(?:(?:and|or)\s+)?|\s+(?:and|or)\s+)(?:the\s+)?$")
FROM_LEAD = re.compile(r"\b(?:from|of|out\s+of)\s+(?:the\s+)?$", re.IGNORECASE)
TO_LEAD = re.compile(r"\b(?:to|into|towards?|in|within|throughout|across|bound\s+for|destined\s+for)\s+(?:the\s+)?$",
                     re.IGNORECASE)
PEOPLE_OF = re.compile(r"\b(?:citizens|nationals|natives|residents|people|women|men|children|victims)\s+of\s+(?:the\s+)?$",
                       re.IGNORECASE)
VICTIM_AFTER = re.compile(
    r"^\s*(?:[a-z-]+\s+){0,3}?(?:women|men|girls|boys|children|minors|adults|persons|people|nationals|citizens"
    r"|victims|workers|labou?rers|migrants|refugees|individuals|youth|females|males)\b",
    re.IGNORECASE,
)
INTERNAL = re.compile(
    r"\binternal(?:ly)?\b|\bdomestically\b|\bdomestic\s+(?:and\s+foreign\s+)?victims\b|\bwithin\s+(?:the\s+)?"
    r"(?:country|its\s+borders)|\bthroughout\s+the\s+country|\bin\s+the\s+country\b|\bfrom\s+(?:rural|poor|remote)",
    re.IGNORECASE,
)
INTERNAL_FROM = re.compile(r"\bfrom\s+(?:the\s+)?(?P<area>" + "|".join(INTERNAL_PLACES) + r")\b", re.IGNORECASE)
INTERNAL_TO = re.compile(r"\bto\s+(?:the\s+)?(?P<area>" + "|".join(INTERNAL_PLACES) + r")\b", re.IGNORECASE)
CITY_TO = re.compile(r"\b(?:to|in)\s+(?P<area>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
FOREIGN = re.compile(r"\bforeign\b", re.IGNORECASE)
ABROAD = re.compile(r"\b(?:abroad|overseas)\b", re.IGNORECASE)
CREDITED = re.compile(
    r"(?:according\s+to|per)\s+(?:the\s+)?(?P<a>[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*)"
    r"|(?:the\s+)?(?P<b>[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)+)\s+(?:noted|reported|found|estimated|stated"
    r"|said|documented|observed|indicated)\b"
)
ROLE_DEST = re.compile(r"\bdestination\b", re.IGNORECASE)
ROLE_SOURCE = re.compile(r"\bsource\b", re.IGNORECASE)


@dataclass(frozen=True)
class End:
    """One end of a flow: a country, an area, or both (a city inside a country)."""

    iso3: str | None
    area: str | None


def _lists(clause: str, places: list[Place]) -> list[list[Place]]:
    """Places joined by commas/and/or into lists: "from Indonesia, the P.R.C. and Thailand"."""
    groups: list[list[Place]] = []
    for place in places:
        if (groups and LIST_GAP.fullmatch(clause[groups[-1][-1].end: place.start] + "")) or (groups and clause[groups[-1][-1].end: place.start].strip() in ("(", "")):
            groups[-1].append(place)
        else:
            groups.append([place])
    return groups


def _unique(ends: list[End]) -> list[End]:
    return list(dict.fromkeys(ends))


def _ends(ctx: SentenceContext, offset: int, clause: str) -> tuple[list[End], list[End]]:
    places = [Place(p.start - offset, p.end - offset, p.text, p.iso3, p.area, p.is_demonym)
              for p in ctx.places if offset <= p.start and p.end <= offset + len(clause)]
    origins: list[End] = []
    destinations: list[End] = []
    for group in _lists(clause, places):
        lead = clause[max(0, group[0].start - 30): group[0].start]
        ends = [End(p.iso3, p.area) for p in group]
        if (FROM_LEAD.search(lead) and not re.search(r"\bof\s+(?:the\s+)?$", lead, re.IGNORECASE)) or PEOPLE_OF.search(lead):
            origins += ends
        elif TO_LEAD.search(lead) and TOWARD_VERB.search(clause[: group[0].start]):
            destinations += ends
        else:
            for p in group:
                if p.is_demonym and VICTIM_AFTER.match(clause[p.end:]):
                    origins.append(End(p.iso3, p.area))
    return _unique(origins), _unique(destinations)


def _internal_areas(clause: str, subject: str | None, known: set[str]) -> tuple[str | None, str | None]:
    origin = INTERNAL_FROM.search(clause)
    dest = INTERNAL_TO.search(clause)
    city = next((m for m in CITY_TO.finditer(clause) if m.group("area") not in known), None)
    dest_area = dest.group("area") if dest else (city.group("area") if city and origin else None)
    return (origin.group("area") if origin else None), dest_area


def extract(ctx: SentenceContext) -> list[Fact]:
    facts = []
    subject = ctx.subject
    for offset, clause in ctx.clauses():
        if not CUE.search(clause):
            continue
        origins, destinations = _ends(ctx, offset, clause)
        known = {p.text for p in ctx.places}
        origin_area, dest_area = _internal_areas(clause, subject, known)
        internal = bool(INTERNAL.search(clause) or origin_area or dest_area)
        role_country = None
        if origins and not destinations and ROLE_DEST.search(clause):
            role_country = subject
        if not origins and not destinations and not internal and not ABROAD.search(clause):
            continue
        if origins and not destinations:
            if role_country or all(o.iso3 != subject for o in origins):
                destinations = [End(role_country or subject, None)]
            elif internal:
                destinations = [End(subject, dest_area)]
            else:
                continue
        elif destinations and not origins:
            if any(d.iso3 == subject for d in destinations):
                if internal:
                    origins = [End(subject, origin_area)]
                elif FOREIGN.search(clause):
                    origins = [End(None, None)]
                else:
                    continue
            else:
                origins = [End(subject, None)]
        elif not origins and not destinations:
            if ABROAD.search(clause) and not internal:
                origins, destinations = [End(subject, None)], [End(None, ABROAD.search(clause).group(0))]
            elif internal and lexicon.victim_groups(clause):
                origins, destinations = [End(subject, origin_area)], [End(subject, dest_area)]
            else:
                continue
        if internal and dest_area and all(d.iso3 == subject for d in destinations):
            destinations = [End(subject, dest_area)]
        kinds = lexicon.exploitations(clause, labour_default=True) or ["unspecified"]
        credited = CREDITED.search(ctx.text)
        columns = {
            "victim_groups": join_list(lexicon.victim_groups(clause)),
            "sector": lexicon.sector(clause),
            "status": lexicon.status(clause),
            "year": ctx.year,
            "trend": lexicon.trend(clause),
            "attributed_to": (credited.group("a") or credited.group("b")) if credited else None,
        }
        for origin, dest, kind in product(origins, destinations, kinds):
            if origin.iso3 is None and dest.iso3 is None:
                continue
            facts.append(fact(
                ctx, "flow_clause", (offset, offset + len(clause)),
                origin_iso3=origin.iso3, origin_area=origin.area, destination_iso3=dest.iso3,
                destination_area=dest.area, exploitation=kind, **columns,
            ))
    return facts
