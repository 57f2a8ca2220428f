"""Counts a report gives, zeros included: "convicted two traffickers", "no prosecutions or convictions"."""

from __future__ import annotations

import re

from pipeline.rules.base import Fact, fact
from pipeline.rules.context import COUNT, NUMBER, QUALIFIER, SentenceContext, parse_number, qualifier_of
from pipeline.vocab import COUNTED_OBJECTS, ENFORCEMENT_VERBS, INDICATOR_NOUNS

VERB_STEMS = "|".join(ENFORCEMENT_VERBS)
VERB_COUNT = re.compile(
    rf"\b(?P<verb>{VERB_STEMS})\w*\s+(?:(?:a\s+total\s+of|an?\s+additional|a\s+further)\s+)?"
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})\s+(?P<obj>{COUNTED_OBJECTS})\b",
    re.IGNORECASE,
)
COUNT_PASSIVE = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?\b(?P<num>{NUMBER})\s+(?P<obj>{COUNTED_OBJECTS})\s+(?:were|was|had\s+been"
    rf"|have\s+been)\s+(?:\w+\s+)?(?P<verb>{VERB_STEMS})\w*",
    re.IGNORECASE,
)
NOUN_PATTERN = "|".join(INDICATOR_NOUNS)
COUNT_NOUN = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?\b(?P<num>{NUMBER})\s+(?:(?:new|trafficking|human\s+trafficking|sex\s+trafficking"
    rf"|labou?r\s+trafficking|TIP|criminal|total|separate|reported)\s+)*(?P<noun>{NOUN_PATTERN})\b",
    re.IGNORECASE,
)
BACKLOG = re.compile(rf"\bbacklog\b[^;]{{0,60}}?(?:(?P<qual>{QUALIFIER})\s+)?\b(?P<num>{NUMBER})\b", re.IGNORECASE)
NOUN_LIST = rf"(?:{NOUN_PATTERN})(?:\s*,\s*(?:(?:or|and|nor)\s+)?(?:{NOUN_PATTERN})|\s+(?:or|and|nor)\s+(?:{NOUN_PATTERN}))*"
ZERO_NOUNS = re.compile(
    rf"\b(?:no|zero|not\s+(?:report|record|initiate|obtain|achieve|secure)\w*\s+any|without\s+any|nor\s+any)\s+"
    rf"(?:(?:reported|new|known|official|trafficking|human\s+trafficking|criminal|successful|such)\s+)*"
    rf"(?P<nouns>{NOUN_LIST})",
    re.IGNORECASE,
)
VERB_LIST = rf"(?:{VERB_STEMS})\w*(?:\s*,\s*(?:(?:or|and|nor)\s+)?(?:{VERB_STEMS})\w*|\s+(?:or|and|nor)\s+(?:{VERB_STEMS})\w*)*"
ZERO_VERBS = re.compile(
    rf"\b(?:did\s+not|does\s+not|do\s+not|has\s+not|have\s+not|had\s+not|failed\s+to|no\s+efforts\s+were\s+made\s+to"
    rf"|made\s+no\s+efforts\s+to|never|neither)\s+(?:report\s+|(?:\w+ly\s+))?(?P<verbs>{VERB_LIST})"
    rf"(?P<obj>\s+(?:any\s+)?[\w\s-]{{0,40}})?",
    re.IGNORECASE,
)
VICTIM_OBJECT = re.compile(r"\b(?:victims?|survivors?)\b", re.IGNORECASE)
OFFICIAL_OBJECT = re.compile(r"\b(?:officials?|employees|officers|complicit|civil\s+servants)\b", re.IGNORECASE)
VICTIM_VERBS = {"identif", "assist", "refer", "rescu"}
UNITS = {"case": "cases", "cases": "cases"}


def _stem(word: str) -> str:
    word = word.lower()
    return next(s for s in ENFORCEMENT_VERBS if word.startswith(s))


def _indicator_for_noun(noun: str) -> str:
    return next(ind for pattern, ind in INDICATOR_NOUNS.items() if re.fullmatch(pattern, noun, re.IGNORECASE))


def _by_verb(verb: str, obj: str) -> str | None:
    """The indicator a verb counts, if its object fits: victims are identified, traffickers convicted."""
    stem = _stem(verb)
    about_victims = bool(VICTIM_OBJECT.search(obj))
    if (stem in VICTIM_VERBS) != about_victims:
        return None
    return ENFORCEMENT_VERBS[stem][0]


def extract(ctx: SentenceContext) -> list[Fact]:
    facts: list[Fact] = []
    text = ctx.text
    taken: list[tuple[int, int]] = []

    def add(rule: str, span: tuple[int, int], indicator: str | None, value: float | None, qual: str | None,
            unit: str | None) -> None:
        if indicator is None or value is None or any(a < span[1] and span[0] < b for a, b in taken):
            return
        taken.append(span)
        facts.append(fact(ctx, rule, span, country_iso3=ctx.subject, year=ctx.year, indicator=indicator,
                          value=float(value), qualifier=qualifier_of(qual), unit=unit))

    for m in VERB_COUNT.finditer(text):
        if not OFFICIAL_OBJECT.search(m.group("obj")):
            add("count_after_verb", m.span(), _by_verb(m.group("verb"), m.group("obj")), parse_number(m.group("num")),
                m.group("qual"), _unit(m.group("obj")))
    for m in COUNT_PASSIVE.finditer(text):
        if not OFFICIAL_OBJECT.search(m.group("obj")):
            add("count_passive", m.span(), _by_verb(m.group("verb"), m.group("obj")), parse_number(m.group("num")),
                m.group("qual"), _unit(m.group("obj")))
    for m in COUNT_NOUN.finditer(text):
        add("count_noun", m.span(), _indicator_for_noun(m.group("noun")), parse_number(m.group("num")),
            m.group("qual"), "cases")
    for m in BACKLOG.finditer(text):
        add("court_backlog", m.span(), "court_case_backlog", parse_number(m.group("num")), m.group("qual"), "cases")
    for m in ZERO_NOUNS.finditer(text):
        tail = text[m.end(): m.end() + 50]
        if OFFICIAL_OBJECT.search(tail.split(";")[0][:40]):
            continue
        for noun in re.findall(NOUN_PATTERN, m.group("nouns"), re.IGNORECASE):
            add("zero_noun", m.span(), _indicator_for_noun(noun), 0, None, None)
            taken.pop()
    for m in ZERO_VERBS.finditer(text):
        obj = (m.group("obj") or "").split(";")[0]
        if OFFICIAL_OBJECT.search(obj):
            continue
        for verb in re.findall(rf"(?:{VERB_STEMS})\w*", m.group("verbs"), re.IGNORECASE):
            stem = _stem(verb)
            if stem in VICTIM_VERBS and not VICTIM_OBJECT.search(obj):
                continue
            if stem not in VICTIM_VERBS and VICTIM_OBJECT.search(obj) and not re.search(r"traffickers|cases", obj):
                continue
            add("zero_verb", m.span(), ENFORCEMENT_VERBS[stem][0], 0, None, None)
            taken.pop()
    return _unique(facts)


def _unit(obj: str) -> str:
    return "cases" if re.search(r"\bcases?\b", obj, re.IGNORECASE) else "persons"


def _unique(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        key = (f["indicator"], f["value"], f["evidence"])
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


__all__ = ["COUNT", "extract"]
