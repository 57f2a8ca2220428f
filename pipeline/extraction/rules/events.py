"""Enforcement, protection and prevention actions: raids, arrests, trainings, campaigns.

An event without its own date takes the last date given earlier in the same paragraph
(reports narrate one operation over several sentences), else the year rule's year.
"""

from __future__ import annotations

import re

from tipfacts.extraction.context import (
    COUNT,
    MONTHS,
    YEAR_LIKE,
    DateMention,
    SentenceContext,
    parse_number,
    qualifier_of,
)
from tipfacts.extraction.facts import Fact, fact, join_list
from tipfacts.extraction.rules import organizations
from tipfacts.lexicon.tables import table
from tipfacts.lexicon.words import COUNTED_OBJECTS, ENFORCEMENT_VERBS, EVENT_TRIGGERS

TRIGGERS = [(re.compile(p, re.IGNORECASE), kind) for p, kind in EVENT_TRIGGERS.items()]
# Enforcement verbs report yearly totals as often as single actions; they make an event only when dated or counted.
# Each with the lexicon label that must be present in a sentence for it to match there.
ENFORCEMENT = [
    (
        re.compile(rf"(?<!\bthose\s)(?:\b{stem}(?:ed|ated)|(?<=\bby\s){stem}(?:ing|ating))\b", re.IGNORECASE),
        event,
        ("enforcement_verbs", labels),
    )
    for stem, labels in ENFORCEMENT_VERBS.items()
    if labels[1] and stem not in ("refer", "identif")
    for event in [labels[1]]
]
ENFORCEMENT += [
    (
        re.compile(r"\bidentified\b(?=[^;]{0,40}\bvictims?\b)", re.IGNORECASE),
        "victim_identification",
        ("enforcement_verbs", ENFORCEMENT_VERBS["identif"]),
    ),
    (
        re.compile(r"\breferred\b(?=[^;]{0,40}\bshelters?\b)", re.IGNORECASE),
        "shelter_referral",
        ("enforcement_verbs", ENFORCEMENT_VERBS["refer"]),
    ),
]
# "prosecuted fewer traffickers", "identified more victims": a comparison of totals, not an event.
AGGREGATE_AFTER = re.compile(
    r"^\s+(?:and\s+\w+\s+)?(?:fewer|more|less|some|few|several|many|numerous|any|additional|a\s+(?:similar\s+)?number"
    r"|a\s+record|the\s+(?:same|majority)|increas\w*|decreas\w*)\b",
    re.IGNORECASE,
)
# A noun trigger ("campaign", "training") is an event when something was done, not when it is lacking.
DONE = re.compile(
    r"\b(?:held|conducted|launched|organi[sz]ed|implement\w*|provided|produced|ran|carried\s+out"
    r"|delivered|hosted|began|started|completed|funded|trained|adopted|approved)\b",
    re.IGNORECASE,
)
NOUN_KINDS = {"training", "awareness_campaign"}
# Every trigger with a flag: enforcement verbs make an event only when dated or counted.
ALL_TRIGGERS = [(p, kind, False, ("event_triggers", kind)) for p, kind in TRIGGERS] + [
    (p, kind, True, gate) for p, kind, gate in ENFORCEMENT
]
PERSONS = re.compile(
    rf"(?:(?P<qual>over|more\s+than|at\s+least|about|approximately|nearly|up\s+to)\s+)?"
    rf"\b(?P<num>\d[\d,]*|(?!an?\b)[a-z]+(?:-[a-z]+)?)\s+(?P<obj>{COUNTED_OBJECTS})\b",
    re.IGNORECASE,
)
GROUP_OF = re.compile(rf"\b(?:group|number)\s+of\s+(?P<obj>{COUNTED_OBJECTS})", re.IGNORECASE)
LOCATION = re.compile(r"\b(?:in|at)\s+(?:an?\s+|the\s+|another\s+)?(?P<loc>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
ARREST_COUNT = re.compile(rf"\barrest\w*\s+(?P<count>{COUNT.pattern})", re.IGNORECASE)
PILLAR_OF = table("event_pillars").mapping()


def _date(ctx: SentenceContext, at: int, carried: DateMention | None) -> list[DateMention]:
    """The time dates of the trigger's clause, nearest first; a day list counts as several."""
    lo, hi = ctx.clause_at(at)
    timed = [d for d in ctx.dates if lo <= d.start < hi and _event_date(ctx.text, d)]
    if not timed:
        return [carried] if carried else []
    nearest = min(timed, key=lambda d: abs(d.start - at))
    return [d for d in timed if d.start == nearest.start]


def _event_date(text: str, date: DateMention) -> bool:
    """A time that can date an action: not "since 2014", not the "(2020)" that dates a whole paragraph."""
    if not date.is_time or re.search(r"\bsince\s+$", text[max(0, date.start - 6) : date.start], re.IGNORECASE):
        return False
    return not (text[date.start - 1 : date.start] == "(" and re.match(r"\)\W*$", text[date.end :]))


def _is_single_action(ctx: SentenceContext, m: re.Match[str], carried: tuple[DateMention, str] | None) -> bool:
    """ "In January 2008, police arrested 32 suspects" is an event; "prosecuted fewer traffickers" is not."""
    if AGGREGATE_AFTER.match(ctx.text[m.end() :]):
        return False
    lo, hi = ctx.clause_at(m.start())
    dated = any(lo <= d.start < hi and _event_date(ctx.text, d) for d in ctx.dates) or carried is not None
    counted = _count(ctx, m.start())[0] is not None
    return dated or counted


def _count(ctx: SentenceContext, start: int) -> tuple[int | None, str | None, str | None]:
    """A head count stated right after the trigger ("arrested over 87 suspects")."""
    window = ctx.text[: min(ctx.clause_at(start)[1], start + 100)]
    for m in PERSONS.finditer(window, start):
        value = parse_number(m.group("num"))
        if isinstance(value, int) and not re.fullmatch(YEAR_LIKE, m.group("num")):
            return value, qualifier_of(m.group("qual")), m.group("obj")
    group = GROUP_OF.search(window, start)
    return (None, None, group.group("obj")) if group else (None, None, None)


def _next_arrests(ctx: SentenceContext, following: SentenceContext | None) -> tuple[int | None, str | None]:
    """A raid's head count is often the next sentence's: "They arrested 32 suspects"."""
    if following is None or following.sentence.paragraph_no != ctx.sentence.paragraph_no:
        return None, None
    if following.has("event_triggers", "raid") and any(
        p.search(following.text) for p, kind in TRIGGERS if kind == "raid"
    ):
        return None, None
    m = ARREST_COUNT.search(following.text)
    if not m:
        return None, None
    return parse_number(m.group("num")), qualifier_of(m.group("qual"))


def _agency(name: str, short: dict[str, str]) -> str:
    """The form an agency list uses: the acronym the report defines, else the name."""
    full = organizations.canonical(name, short)
    return short.get(full, full) if len(short.get(full, full)) < len(full) else full


def extract_document(contexts: list[SentenceContext]) -> list[Fact]:
    facts: list[Fact] = []
    short = organizations.document_names(contexts)
    carried: tuple[DateMention, str] | None = None  # a dated event's date, and its pillar
    paragraph = None
    for i, ctx in enumerate(contexts):
        if ctx.sentence.paragraph_no != paragraph:
            carried, paragraph = None, ctx.sentence.paragraph_no
        if ctx.is_advice:
            continue
        agencies = [_agency(m.name, short) for m in organizations.sentence_mentions(ctx, short)]
        found: list[tuple[int, int, str]] = []
        for pattern, kind, enforcement, gate in ALL_TRIGGERS:
            if gate not in ctx.present:
                continue
            for m in pattern.finditer(ctx.text):
                # "victims may be charged ... and deported" is a possibility; "government-convened" no event
                if ctx.negated(m.start(), 50) or ctx.hedged(m.start()) or ctx.text.endswith("-", 0, m.start()):
                    continue
                if kind in NOUN_KINDS and not DONE.search(ctx.text, *ctx.clause_at(m.start())):
                    continue
                if enforcement and not _is_single_action(ctx, m, carried):
                    continue
                if not any(kind == k and abs(m.start() - a) < 40 for a, _, k in found):
                    found.append((m.start(), m.end(), kind))
        for start, end, kind in sorted(found):
            same_pillar = carried and carried[1] == PILLAR_OF.get(kind)
            dates = _date(ctx, start, carried[0] if same_pillar else None)
            count, qualifier, described = _count(ctx, start)
            if kind == "raid" and count is None:
                count, qualifier = _next_arrests(ctx, contexts[i + 1] if i + 1 < len(contexts) else None)
            location = next(
                (
                    m.group("loc")
                    for m in LOCATION.finditer(ctx.text)
                    if not any(p.start == m.start("loc") for p in ctx.places if p.iso3)
                    and m.group("loc").lower() not in MONTHS
                    and m.group("loc") not in agencies
                ),
                None,
            )
            nationalities = sorted(
                {
                    p.iso3
                    for p in ctx.places
                    if p.iso3
                    and kind in ("arrest", "raid", "deportation", "repatriation", "detention")
                    and p.start > start
                }
            )
            for date in dates or [None]:
                facts.append(
                    fact(
                        ctx,
                        f"event_{kind}",
                        (start, end),
                        country_iso3=ctx.subject,
                        event_type=kind,
                        date=date.value if date else (str(ctx.year) if ctx.year else None),
                        date_precision=date.precision if date else ("year" if ctx.year else None),
                        location=location,
                        agencies=join_list(agencies),
                        persons_count=count,
                        count_qualifier=qualifier if count is not None else None,
                        persons_description=described,
                        nationalities=join_list(nationalities),
                        pillar=ctx.sentence.pillar or PILLAR_OF.get(kind),
                    )
                )
        timed = [d for d in ctx.dates if d.is_time and d.precision != "year"]
        if timed and found:
            carried = (timed[-1], PILLAR_OF.get(sorted(found)[-1][2], ""))
    return facts
