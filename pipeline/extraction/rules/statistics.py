"""Counts a report gives, zeros included: "convicted two traffickers", "no prosecutions or convictions"."""

from __future__ import annotations

import re

from tipfacts.extraction.context import (
    NUMBER,
    NUMBER_WORD,
    QUALIFIER,
    YEAR,
    Claims,
    SentenceContext,
    parse_number,
    qualifier_of,
)
from tipfacts.extraction.facts import Fact, fact
from tipfacts.lexicon.tables import table, words_alternation
from tipfacts.lexicon.words import (
    COUNT_UNITS,
    COUNTED_BODIES,
    COUNTED_OBJECTS,
    DEFAULT_COUNT_UNIT,
    ENFORCEMENT_VERBS,
    INDICATOR_NOUNS,
    VICTIM_GROUP_WORDS,
)

MULTIPLIERS = table("multipliers").mapping()

VERB_STEMS = "|".join(ENFORCEMENT_VERBS)
SINGULAR = r"an?(?=\s+(?:\w+\s+)?(?:trafficker|suspect|defendant|perpetrator|offender|individual|person|case|victim)\b)"
VERB_COUNT = re.compile(
    rf"\b(?P<verb>{VERB_STEMS})\w*\s+(?:(?:a\s+total\s+of|an?\s+additional|a\s+further)\s+)?"
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER}|{SINGULAR})\s+(?P<obj>{COUNTED_OBJECTS})\b",
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
# Other counts of people or bodies: "more than 260,000 Syrian refugees", "up to 30 percent", "almost 400 agencies".
PEOPLE = words_alternation(VICTIM_GROUP_WORDS)
OTHER_COUNT = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?\b(?P<num>{NUMBER}|a)(?:\s+(?P<mult>{words_alternation(MULTIPLIERS)}))?\s+"
    rf"(?P<unit>percent\b|%|(?:[\w-]+\s+){{0,2}}?(?:{PEOPLE}|IDPs|[A-Z][a-z]+(?:ns|is|ese|ans)"
    rf"|{'|'.join(COUNTED_BODIES)})\b)",
)
AND_OR = r"(?:\s*,\s*(?:(?:or|and|nor)\s+)?|\s+(?:or|and|nor)\s+)"
NOUN_LIST = rf"(?:{NOUN_PATTERN})(?:{AND_OR}(?:{NOUN_PATTERN}))*"
ZERO_NOUNS = re.compile(
    rf"\b(?:no|zero|not\s+(?:report|record|initiate|obtain|achieve|secure)\w*\s+any|without\s+any|nor\s+any)\s+"
    rf"(?:(?:reported|new|known|official|trafficking|human\s+trafficking|criminal|successful|such)\s+)*"
    rf"(?P<nouns>{NOUN_LIST})",
    re.IGNORECASE,
)
# Negation whose scope runs to the end of the clause: "did not reform the system, prosecute or convict any offenders".
NEGATION_SCOPE = re.compile(
    r"\b(?:did|does|do|has|have|had)\s+not\b|\bfailed\s+to\b|\bno\s+efforts\s+(?:were\s+made\s+)?to\b"
    r"|\bmade\s+no\s+efforts\s+to\b|\bnor\b",
    re.IGNORECASE,
)
SCOPE_END = re.compile(r";|\bbut\b|\bhowever\b|\bwhile\b|\balthough\b|\bdespite\b", re.IGNORECASE)
BASE_VERB = re.compile(
    r"\b(?P<verb>investigat(?:e|ing)|prosecut(?:e|ing)|convict(?:ing)?|identify(?:ing)?"
    r"|arrest(?:ing)?"
    r"|indict(?:ing)?)\b",
    re.IGNORECASE,
)
ZERO_OBJECT = re.compile(
    r"^\s*(?:(?:or|and|nor)\s+\w+\s+)*(?:any|a\s+single)?\s*(?:(?:suspected|alleged|sex|labou?r|human|trafficking|new)\s+)*"
    r"(?:traffickers?|trafficking\s+(?:cases|crimes|offen[cs]es)|cases|suspects|perpetrators|offenders|individuals"
    r"|victims|crimes|$|[,;.])",
    re.IGNORECASE,
)
VICTIM_OBJECT = re.compile(r"\b(?:victims?|survivors?)\b", re.IGNORECASE)
# Whom a victim-side verb counts: "identified 65 potential victims", "rescued 30 girls".
RESCUED_OBJECT = re.compile(r"\b(?:victims?|survivors?|girls|boys|women|children|minors)\b", re.IGNORECASE)
OFFICIAL_OBJECT = re.compile(
    r"\b(?:officials?|employees|officers|complicit|civil\s+servants|personnel)\b", re.IGNORECASE
)
OFFICIAL_AFTER = re.compile(
    r"^\s+(?:of|for|against|involving)\s+(?:\w+\s+){0,3}?(?:officials?|employees|complicit)", re.IGNORECASE
)
VICTIM_VERBS = {"identif", "assist", "refer", "rescu"}


def _stem(word: str) -> str:
    word = word.lower()
    return next(s for s in ENFORCEMENT_VERBS if word.startswith(s))


def _indicator_for_noun(noun: str) -> str:
    return next(ind for pattern, ind in INDICATOR_NOUNS.items() if re.fullmatch(pattern, noun, re.IGNORECASE))


def _by_verb(verb: str, obj: str) -> str | None:
    """The indicator a verb counts, if its object fits: victims are identified, traffickers convicted."""
    stem = _stem(verb)
    if stem in VICTIM_VERBS:
        return ENFORCEMENT_VERBS[stem][0] if RESCUED_OBJECT.search(obj) else None
    return None if VICTIM_OBJECT.search(obj) else ENFORCEMENT_VERBS[stem][0]


def _unit(obj: str) -> str:
    return "cases" if re.search(r"\bcases?\b", obj, re.IGNORECASE) else "persons"


def _zero_verbs(text: str) -> list[tuple[tuple[int, int], str]]:
    """(span, indicator) for each enforcement verb under a negation, with an object that counts."""
    found = []
    for neg in NEGATION_SCOPE.finditer(text):
        end = SCOPE_END.search(text, neg.end())
        scope_end = end.start() if end else len(text)
        for group in _coordinated(text, neg, scope_end):
            obj = text[group[-1].end() : scope_end]
            if not ZERO_OBJECT.match(obj) or OFFICIAL_OBJECT.search(obj[:50]):
                continue
            for v in group:
                stem = _stem(v.group("verb"))
                if stem in VICTIM_VERBS and not VICTIM_OBJECT.search(obj[:40]):
                    continue
                if stem not in VICTIM_VERBS and re.match(r"^\s*(?:the\s+)?victims", obj):
                    continue
                found.append(((neg.start(), v.end()), ENFORCEMENT_VERBS[stem][0]))
    return found


def _coordinated(text: str, neg: re.Match[str], scope_end: int) -> list[list[re.Match[str]]]:
    """Verbs under one negation, grouped when joined by commas/or/and: "prosecute or convict"."""
    groups: list[list[re.Match[str]]] = []
    previous: re.Match[str] | None = None
    governed = False
    for v in BASE_VERB.finditer(text, neg.end(), scope_end):
        lead = text[neg.end() : v.start()]
        joined = previous is not None and re.fullmatch(rf"\s*|{AND_OR}", text[previous.end() : v.start()])
        # "employ procedures to proactively identify", "efforts to prosecute and convict", "procedures for
        # identifying": governed by another word, not by the negation
        if re.search(r"\b(?:to|for|of|on|in|about|without)\s+(?:\w+ly\s+)?$", lead) and lead.strip():
            governed = True
        elif not joined:
            governed = False
        previous = v
        if governed:
            continue
        if joined and groups:
            groups[-1].append(v)
        else:
            groups.append([v])
    return groups


# Every rule below needs a number or a negation; most sentences have neither.
MAY_COUNT = re.compile(rf"\d|\b(?:{NUMBER_WORD}|no|not|never|nor|neither|failed|zero|a|an|dozens?)\b", re.IGNORECASE)


def extract(ctx: SentenceContext) -> list[Fact]:
    facts: list[Fact] = []
    text = ctx.text
    if not MAY_COUNT.search(text):
        return facts
    taken = Claims()

    def add(
        rule: str,
        span: tuple[int, int],
        indicator: str | None,
        value: float | None,
        qual: str | None,
        unit: str | None,
        exclusive: bool = True,
    ) -> None:
        if indicator is None or value is None or taken.overlaps(*span):
            return
        if exclusive:
            taken.claim(*span)
        facts.append(
            fact(
                ctx,
                rule,
                span,
                country_iso3=ctx.subject,
                year=ctx.year,
                indicator=indicator,
                value=float(value),
                qualifier=qualifier_of(qual),
                unit=unit,
            )
        )

    verbs, nouns = ctx.has("enforcement_verbs"), ctx.has("indicator_nouns")
    for pattern, rule in ((VERB_COUNT, "count_after_verb"), (COUNT_PASSIVE, "count_passive")):
        for m in pattern.finditer(text) if verbs else ():
            if not OFFICIAL_OBJECT.search(m.group("obj")):
                add(
                    rule,
                    m.span(),
                    _by_verb(m.group("verb"), m.group("obj")),
                    parse_number(m.group("num")),
                    m.group("qual"),
                    _unit(m.group("obj")),
                )
    for m in COUNT_NOUN.finditer(text) if nouns else ():
        add(
            "count_noun",
            m.span(),
            _indicator_for_noun(m.group("noun")),
            parse_number(m.group("num")),
            m.group("qual"),
            "cases",
        )
    for m in BACKLOG.finditer(text):
        add("court_backlog", m.span(), "court_case_backlog", parse_number(m.group("num")), m.group("qual"), "cases")
    for m in ZERO_NOUNS.finditer(text) if nouns else ():
        if OFFICIAL_AFTER.match(text[m.end() :]):
            continue
        for noun in re.findall(NOUN_PATTERN, m.group("nouns"), re.IGNORECASE):
            add("zero_noun", m.span(), _indicator_for_noun(noun), 0, None, None, exclusive=False)
    for span, indicator in _zero_verbs(text) if verbs else ():
        add("zero_verb", span, indicator, 0, None, None, exclusive=False)
    for m in OTHER_COUNT.finditer(text):
        number = m.group("num")
        if re.fullmatch(YEAR, number) or (number.lower() == "a" and not m.group("mult")):
            continue
        value = parse_number(number)
        if value is not None and m.group("mult"):
            value *= MULTIPLIERS[m.group("mult")]
        unit = COUNT_UNITS.get(m.group("unit").split()[-1].lower(), DEFAULT_COUNT_UNIT)
        if value is not None and (m.group("qual") or value >= 100 or unit == "percent"):
            add("count_other", m.span(), "other", value, m.group("qual"), unit)
    return _unique(facts)


def _unique(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        key = (f["indicator"], f["value"], f["evidence"])
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
