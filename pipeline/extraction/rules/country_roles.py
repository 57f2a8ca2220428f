"""Source, transit and destination roles ("X is a source, transit, and destination country")."""

from __future__ import annotations

import re

from tipfacts.extraction.context import Claims, SentenceContext
from tipfacts.extraction.facts import Fact, fact, join_list
from tipfacts.extraction.readings import ABROAD, exploitations, victim_groups
from tipfacts.lexicon.tables import table

_ROLE_WORDS = table("role_words")
ROLE = rf"(?:{_ROLE_WORDS.alternation()})"
MODIFIER = rf"(?:{table('role_modifiers').alternation()})"
LINK = rf"(?:{table('role_links').alternation()})"
HEAD = rf"(?:{table('role_heads').alternation()})"
OBJECT = rf"(?:{table('role_objects').alternation()})"
# Before a role, beside the modifiers: a capitalized adjective or possessive ("a European source", "one of the
# Western Hemisphere's major source countries").
PROPER = r"(?-i:[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*['’]s|[A-Z][a-z]+)"
PRE = rf"(?:(?:{MODIFIER}|{PROPER}),?\s+)*"
# One item of a list of roles ("transit", "point of transit"); a list may hold other words between roles
# ("a source, point of transit, organization and destination country").
ROLE_ITEM = rf"(?:(?:{HEAD})\s+of\s+)?{ROLE}\b"
OTHER_ITEM = r"(?-i:[a-z]+)(?=\s*,|\s+(?:and|or)\s)"
ROLE_LIST = rf"{ROLE_ITEM}(?:(?:\s*,\s*|\s+)(?:(?:and|or)\b,?\s*)?(?:(?:of|for)\s+)?{PRE}(?:{ROLE_ITEM}|{OTHER_ITEM}))*"
# What a role qualifies: a head noun ("country"), or an object after "of"/"for" within three words of one
# phrase ("of trafficking victims"; not "of information on victims").
FILLER = r"(?!(?:on|about|from|for|to|in|into|with|by|at|of)\b)[\w'’-]+\s+"
TAIL = rf"{HEAD}\b|(?:of|for)\s+(?:{FILLER}){{0,3}}?{OBJECT}\b"
LEAD = rf"\b(?P<verb>{LINK})\s+(?P<pre>{PRE})"
ROLE_PHRASES = [
    # "is a source, transit, and destination country", "remains a major source of trafficking victims"
    re.compile(rf"{LEAD}(?P<roles>{ROLE_LIST}),?\s+(?P<tail>{TAIL})", re.IGNORECASE),
    # "is a country of origin, transit and destination"
    re.compile(rf"{LEAD}(?:{HEAD})\s+of\s+(?P<roles>{ROLE_LIST})\b", re.IGNORECASE),
]
# The same subject's further roles after a role phrase: "is mainly a country of origin of trafficking victims, and to
# a lesser extent a country of transit and destination", "is a source country and, to a lesser extent, a transit
# and destination country for women" (the first phrase's object may stand between them).
CONTINUED_LEAD = rf"(?:\s+[^,;.]{{1,80}}?,?)?(?P<verb>,?\s+(?:and|but)\b),?\s*(?P<pre>{PRE})"
# (not the subject of a new clause: "and a transit route is used by smugglers")
NOT_A_SUBJECT = r"(?!\s+(?:is|are|was|were|has|have|had|remains?|serves?)\b)"
CONTINUED = [
    re.compile(rf"{CONTINUED_LEAD}(?P<roles>{ROLE_LIST}),?\s+(?P<tail>{TAIL}){NOT_A_SUBJECT}", re.IGNORECASE),
    re.compile(rf"{CONTINUED_LEAD}(?:{HEAD})\s+of\s+(?P<roles>{ROLE_LIST})\b{NOT_A_SUBJECT}", re.IGNORECASE),
]
# Where a role's object ends: an aside about some of its people, or a new clause about them.
OBJECT_ENDS = re.compile(r",\s+(?:some|many|most|several|all|one|none|few)\s+of\s+(?:whom|which)\b|,\s+(?:who|which)\b")
IN_PERSONS = re.compile(r"\b(?:trafficking|traffic)\s+in\s+(?:human\s+)?(?:persons|human\s+beings)\b", re.IGNORECASE)
ROLE_LABELS = [(re.compile(rf"^(?:{p})$", re.IGNORECASE), role) for role, p in _ROLE_WORDS.by_label().items()]
ROLE_WORD = re.compile(rf"\b(?:{ROLE})\b", re.IGNORECASE)
# The opening of recent TIP narratives: "traffickers exploit domestic and foreign victims in X, and traffickers
# exploit victims from X abroad" makes X a destination and a source.
FOREIGN_VICTIMS_IN = re.compile(
    r"\bexploit\w*\s+(?:both\s+)?(?:domestic\s+and\s+)?foreign\s+(?:and\s+domestic\s+)?(?:victims|nationals|workers)"
    r"(?:\s+in\s+(?P<place>[A-Z][^,;]*?))?(?=\s*(?:,|;|$|\s+and\b|\s+as\s+well|\s+along))",
    re.IGNORECASE,
)
EXPLOITED = re.compile(r"\bexploit\w*|\btraffick\w*", re.IGNORECASE)
EXPLOIT_VERB = re.compile(r"\bexploit(?:s|ed)?\b", re.IGNORECASE)
FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+)?$")
IN_BEFORE = re.compile(r"\bin\s+(?:the\s+)?$")
IN_COUNTRY = re.compile(r"\bin\s+(?:the\s+)?[A-Z][\w-]*")


# A place after a preposition is not the one that plays the role ("en route to South Africa, and is also a
# destination country").
GOVERNED = re.compile(r"\b(?:to|from|in|into|for|of|through|via|with|by|at|toward|towards|across)\s+(?:the\s+)?$")


# "... through Malawi, which is a transit country": a relative clause speaks of the place just before it.
RELATIVE = re.compile(r"\b(?:which|that)\s+(?:\w+\s+)?$")


def _country(ctx: SentenceContext, clause_start: int, verb_start: int, verb_end: int) -> str | None:
    """The country whose role a phrase states: the last free place before the link, or inside it ("lists Australia
    as")."""
    places = [p for p in ctx.places if p.iso3 and not p.is_demonym and clause_start <= p.start < verb_end]
    if ctx.text.startswith(",", verb_start):  # in apposition ("through Uganda, a transit country"): the place just
        # before the comma, else none ("In the capital, a destination for ...")
        return places[-1].iso3 if places and places[-1].end == verb_start else None
    if places and RELATIVE.search(ctx.text, max(0, verb_start - 20), verb_start):
        return places[-1].iso3
    free = [p for p in places if not GOVERNED.search(ctx.text, max(0, p.start - 12), p.start)]
    return free[-1].iso3 if free else ctx.subject


def _clause_status(ctx: SentenceContext, offset: int, clause: str) -> str:
    """A hedge anywhere in the clause makes its role potential (asked only once a role is found: it is slow)."""
    return "potential" if ctx.hedged(offset, offset + len(clause)) else "reported"


def _exploited_here_and_abroad(ctx: SentenceContext, offset: int, clause: str) -> list[Fact]:
    facts = []
    here = FOREIGN_VICTIMS_IN.search(clause)
    if here:
        named = (
            [p.iso3 for p in ctx.places if p.iso3 and here.start("place") <= p.start - offset < here.end("place")]
            if here.group("place")
            else []
        )
        facts.append(
            fact(
                ctx,
                "exploited_foreign_victims_in",
                (offset + here.start(), offset + here.end()),
                country_iso3=named[0] if named else ctx.subject,
                role="destination",
                status=_clause_status(ctx, offset, clause),
                victim_groups=None,
                exploitation=None,
                year=ctx.year,
            )
        )
    abroad = ABROAD.search(clause) or _exploited_in_another_country(ctx, offset, clause)
    if abroad and EXPLOITED.search(clause):
        people = [
            p
            for p in ctx.places
            if p.iso3
            and offset <= p.start < offset + abroad.start()
            and (p.is_demonym or re.search(r"\bfrom\s+$", ctx.text[max(0, p.start - 6) : p.start]))
        ]
        if people:
            start = min(people[-1].start - offset, abroad.start())
            facts.append(
                fact(
                    ctx,
                    "exploited_abroad",
                    (offset + start, offset + abroad.end()),
                    country_iso3=people[-1].iso3,
                    role="source",
                    status=_clause_status(ctx, offset, clause),
                    victim_groups=None,
                    exploitation=None,
                    year=ctx.year,
                )
            )
    return facts


def _exploited_in_another_country(ctx: SentenceContext, offset: int, clause: str) -> re.Match[str] | None:
    """ "Traffickers exploit Honduran women in sex trafficking in Mexico", "exploit victims from X in Spain": the
    "in <country>" after the exploited people, when that country is not theirs (like "abroad")."""
    verb = EXPLOIT_VERB.search(clause)
    if not verb:
        return None
    people = [p for p in ctx.places if p.iso3 and offset + verb.end() <= p.start < offset + len(clause)]
    origin = next(
        (p for p in people if p.is_demonym or FROM_BEFORE.search(ctx.text, max(0, p.start - 6), p.start)), None
    )
    if not origin:
        return None
    for p in people:
        another = p.start > origin.start and not p.is_demonym and p.iso3 != origin.iso3
        if another and IN_BEFORE.search(ctx.text, max(0, p.start - 8), p.start):
            return IN_COUNTRY.search(clause, p.start - offset - 8)
    return None


def _role(word: str) -> str:
    return next(role for pattern, role in ROLE_LABELS if pattern.match(word))


def _role_object(clause: str, start: int, end: int) -> str:
    """What a role phrase says its victims are: the words after the roles up to the next role phrase (`end`) or
    an aside about some of them (", some of whom may be victims")."""
    rest = clause[start:end]
    aside = OBJECT_ENDS.search(rest)
    return rest[: aside.start()] if aside else rest


def _stated_roles(ctx: SentenceContext, offset: int, clause: str, m: re.Match[str], end: int) -> list[Fact]:
    """One row per role a role phrase names; none when it is denied ("is not a destination country"). Its
    victims and exploitation are read up to `end`, where the clause's next role phrase starts."""
    verb_at, roles_at = offset + m.start("verb"), offset + m.start("roles")
    if ctx.negated(roles_at, roles_at - verb_at + 12):
        return []
    # a hedge anywhere before the roles in the clause ("may be a source") or just before one role
    clause_hedged = ctx.hedged(offset, roles_at)
    country = _country(ctx, offset, verb_at, offset + m.end("verb"))
    if ctx.subject and country != ctx.subject:
        return []  # a report states the roles of its own country; others' roles are context ("Oman and Kenya were
        # the major destination countries" in Uganda's report)
    rest = _role_object(clause, m.end("roles"), end)  # "a destination for women ...": the role's victims
    facts = []
    for role_m in ROLE_WORD.finditer(m.group("roles")):
        at = roles_at + role_m.start()
        hedged = clause_hedged or ctx.hedged(max(roles_at, at - 30), at)
        facts.append(
            fact(
                ctx,
                "country_role_phrase",
                (verb_at, offset + m.end()),
                country_iso3=country,
                role=_role(role_m.group(0)),
                status="potential" if hedged else "reported",
                # "subjected to trafficking in persons" names no group of persons
                victim_groups=join_list(victim_groups(IN_PERSONS.sub(" ", rest), ctx.present)),
                exploitation=join_list(exploitations(rest, ctx.present)),
                year=ctx.year,
            )
        )
    return facts


def extract(ctx: SentenceContext) -> list[Fact]:
    facts = []
    for offset, clause in ctx.clauses():
        facts += [
            f
            for f in _exploited_here_and_abroad(ctx, offset, clause)
            if not ctx.subject or f["country_iso3"] == ctx.subject
        ]
        if not ROLE_WORD.search(clause):
            continue  # every role phrase holds a role word (a quick test: the phrases are slow to try)
        taken = Claims()
        for pattern in ROLE_PHRASES:
            for m in pattern.finditer(clause):
                while m and not taken.overlaps(m.start("roles"), m.end("roles")):
                    taken.claim(m.start("roles"), m.end("roles"))
                    further = next(filter(None, (c.match(clause, m.end()) for c in CONTINUED)), None)
                    facts += _stated_roles(ctx, offset, clause, m, further.start("verb") if further else len(clause))
                    m = further
    return _fullest(facts)


def _fullest(facts: list[Fact]) -> list[Fact]:
    """A sentence that states one role twice ("X is a source and transit country for men and women ...; X is one of
    the main sources of human trafficking in the EU") gives one row: the one that says whom and what for."""

    def said(f: Fact) -> bool:
        return bool(f["victim_groups"] or f["exploitation"])

    fuller = {(f["country_iso3"], f["role"], f["status"]) for f in facts if said(f)}
    return [f for f in facts if said(f) or (f["country_iso3"], f["role"], f["status"]) not in fuller]
