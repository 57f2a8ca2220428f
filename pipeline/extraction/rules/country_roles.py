"""Source, transit and destination roles ("X is a source, transit, and destination country")."""

from __future__ import annotations

import re

from tipfacts.extraction.context import SentenceContext
from tipfacts.extraction.facts import Fact, fact, join_list
from tipfacts.extraction.readings import ABROAD, exploitations, victim_groups

ROLE = r"(?:source|transit|destination|origin)"
MODIFIER = (
    r"(?:to\s+a\s+(?:lesser|greater|limited|smaller|larger)\s+(?:extent|degree)|increasingly|also|mainly|primarily"
    r"|largely|possibly|potentially|sometimes|predominantly|principally|chiefly|both|now|still|major|significant"
    r"|primary|main|growing|key|important|potential|emerging|an?)"
)
ROLE_LIST = rf"{ROLE}(?:(?:\s*,\s*|\s+)(?:(?:and|or)\b,?\s*)?(?:{MODIFIER},?\s+)*{ROLE})*"
ROLE_PHRASE = re.compile(
    rf"\b(?P<verb>is|are|was|were|remains?|remained|serves?\s+as|has\s+become|have\s+become|becomes?|become"
    rf"|becoming)\s+(?P<pre>(?:{MODIFIER},?\s+)*)(?P<roles>{ROLE_LIST})\s+"
    rf"(?P<tail>countr(?:y|ies)|points?|hubs?|locations?|nations?|of\b|for\s+(?:\w+\s+)?(?:victims|women|men|children"
    rf"|girls|boys|persons|people|migrants|workers)\b)"
    rf"|\bcountry\s+of\s+(?P<roles2>{ROLE_LIST})\b",
    re.IGNORECASE,
)
ROLE_WORD = re.compile(ROLE, re.IGNORECASE)
# The opening of recent TIP narratives: "traffickers exploit domestic and foreign victims in X, and traffickers
# exploit victims from X abroad" makes X a destination and a source.
FOREIGN_VICTIMS_IN = re.compile(
    r"\bexploit\w*\s+(?:both\s+)?(?:domestic\s+and\s+)?foreign\s+(?:and\s+domestic\s+)?(?:victims|nationals|workers)"
    r"(?:\s+in\s+(?P<place>[A-Z][^,;]*?))?(?=\s*(?:,|;|$|\s+and\b|\s+as\s+well|\s+along))",
    re.IGNORECASE,
)
EXPLOITED = re.compile(r"\bexploit\w*|\btraffick\w*", re.IGNORECASE)


def _country(ctx: SentenceContext, clause_start: int, verb_start: int) -> str | None:
    before = [p for p in ctx.places if p.iso3 and not p.is_demonym and clause_start <= p.start < verb_start]
    return before[-1].iso3 if before else ctx.subject


def _exploited_here_and_abroad(ctx: SentenceContext, offset: int, clause: str) -> list[Fact]:
    facts = []
    hedged = "potential" if ctx.hedged(offset, offset + len(clause)) else "reported"
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
                status=hedged,
                victim_groups=None,
                exploitation=None,
                year=ctx.year,
            )
        )
    abroad = ABROAD.search(clause)
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
                    status=hedged,
                    victim_groups=None,
                    exploitation=None,
                    year=ctx.year,
                )
            )
    return facts


def extract(ctx: SentenceContext) -> list[Fact]:
    facts = []
    for offset, clause in ctx.clauses():
        facts += _exploited_here_and_abroad(ctx, offset, clause)
        for m in ROLE_PHRASE.finditer(clause):
            if m.group("tail") and m.group("tail").lower() == "of" and not m.group("verb").lower().startswith("becom"):
                continue
            roles_text = m.group("roles") or m.group("roles2")
            # a hedge anywhere before the roles in the clause ("may be a source") or just before one role
            clause_hedged = ctx.hedged(offset, offset + (m.end("pre") if m.group("pre") else m.start()))
            country = _country(ctx, offset, offset + m.start())
            rest = clause[m.end() :]
            for role_m in ROLE_WORD.finditer(roles_text):
                role = role_m.group(0).lower().replace("origin", "source")
                roles_at = offset + m.start("roles" if m.group("roles") else "roles2")
                at = roles_at + role_m.start()
                hedged = clause_hedged or ctx.hedged(max(roles_at, at - 30), at)
                status = "potential" if hedged else "reported"
                facts.append(
                    fact(
                        ctx,
                        "country_role_phrase",
                        (offset + m.start(), offset + m.end()),
                        country_iso3=country,
                        role=role,
                        status=status,
                        victim_groups=join_list(victim_groups(rest, ctx.present)),
                        exploitation=join_list(exploitations(rest, ctx.present)),
                        year=ctx.year,
                    )
                )
    return facts
