"""Counts a report gives, zeros included: "convicted two traffickers", "no prosecutions or convictions"."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from tipfacts.extraction.context import (
    NUMBER,
    NUMBER_WORD,
    QUALIFIER,
    YEAR,
    Claims,
    SentenceContext,
    find_dates,
    parse_number,
    qualifier_of,
    stated_year,
)
from tipfacts.extraction.facts import Fact, fact
from tipfacts.extraction.matcher import Gates
from tipfacts.lexicon.tables import table, words_alternation
from tipfacts.lexicon.words import (
    COMPARISON_WORDS,
    COUNT_UNITS,
    COUNTED_BODIES,
    COUNTED_OBJECTS,
    COUNTED_PEOPLE,
    DEFAULT_COUNT_UNIT,
    ENFORCEMENT_VERBS,
    INDICATOR_NOUNS,
    NOT_REPORTED_LEADS,
    QUALIFIER_WORDS,
    REPORT_PERIOD_WORDS,
    SUBGROUP_WORDS,
    VICTIM_GROUP_WORDS,
)
from tipfacts.schemas.statistics import NOT_REPORTED

MULTIPLIERS = table("multipliers").mapping()
MULTIPLIER = words_alternation(MULTIPLIERS)

VERB_STEMS = "|".join(ENFORCEMENT_VERBS)
VICTIM_WORDS = table("victim_objects").alternation()
SERVICES = table("victim_services").alternation()
# One more word may stand before a counted object: "45 Nepali victims", "640 trafficked victims".
ONE_WORD = r"(?:(?!(?:and|or|of|in|to|for|from|with|by)\b)[\w-]+\s+)?"
SINGULAR = rf"an?(?=\s+(?:\w+\s+)?(?:{table('counted_singular_objects').alternation()})\b)"
VERB_COUNT = re.compile(
    rf"\b(?P<verb>{VERB_STEMS})\w*\s+(?:(?:a\s+total\s+of|an?\s+additional|a\s+further)\s+)?"
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER}|{SINGULAR})\s+(?P<obj>{ONE_WORD}{COUNTED_OBJECTS})\b",
    re.IGNORECASE,
)
COUNT_PASSIVE = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?\b(?P<num>{NUMBER})\s+(?P<obj>{ONE_WORD}{COUNTED_OBJECTS})\s+(?:were|was|had\s+been"
    rf"|have\s+been)\s+(?:\w+\s+)?(?P<verb>{VERB_STEMS})\w*",
    re.IGNORECASE,
)
NOUN_PATTERN = "|".join(INDICATOR_NOUNS)
COUNT_NOUN = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?\b(?P<num>{NUMBER})\s+(?:(?:{table('count_noun_modifiers').alternation()})\s+)*"
    rf"(?P<noun>{NOUN_PATTERN})\b",
    re.IGNORECASE,
)
# A count of people an enforcement noun is aimed at: "initiated investigations of 17 suspects", "obtained
# convictions against six traffickers" (the noun needs an opening verb: "the convictions of four traffickers"
# an appeals court upheld may be another year's).
NOUN_OF_COUNT = re.compile(
    rf"\b(?:{table('count_opening_verbs').alternation()})\w*\s+"
    rf"(?:(?:criminal|new)\s+)?(?P<noun>{NOUN_PATTERN})\s+(?:into|of|against|involving|in)\s+"
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})\s+(?P<obj>{COUNTED_OBJECTS})\b",
    re.IGNORECASE,
)
# The same in the passive: "prosecutions were initiated against 14 defendants", "prosecutions from 2016 were
# continued in 2017 by the authorities against 14 defendants".
NOUN_PASSIVE_OF = re.compile(
    rf"\b(?P<noun>{NOUN_PATTERN})\s+(?:(?!(?:were|was|had|have)\b)[\w-]+\s+){{0,3}}?(?:were|was|had\s+been|have\s+been)\s+"
    rf"(?:\w+ly\s+)?(?:{table('count_opening_verbs').alternation()})\w*\s+(?:[^,;.()]{{0,40}}?\s)?(?:into|of|against|involving)\s+"
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})\s+(?P<obj>{COUNTED_OBJECTS})\b",
    re.IGNORECASE,
)
# Wikipedia's way of giving a figure: "the number of identified victims rose from 250 in 2017 to 427 in 2018",
# "the number of prosecutions fell to 43", "the number of victims identified in 2019 was 430".
NUMBER_OF = re.compile(
    rf"\bthe\s+(?:total\s+|annual\s+|official\s+)?number\s+of\s+"
    rf"(?P<what>(?:(?!(?:was|were|is|are|has|had|in|during)\b)[\w-]+\s+){{1,6}}?)"
    rf"(?:(?:in|during)\s+(?P<y0>{YEAR})\s+)?(?P<verb>{table('number_of_verbs').alternation()})\s+"
    rf"(?:from\s+(?:(?P<qual1>{QUALIFIER})\s+)?(?P<num1>{NUMBER})(?:\s+in\s+(?P<y1>{YEAR}))?\s+to\s+)?"
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})\b(?:\s+(?P<mult>{MULTIPLIER}))?"
    rf"(?!\s*(?:times|percent|%|per\s+cent|-?fold)\b)"
    rf"(?:\s+in\s+(?P<y2>{YEAR}))?",
    re.IGNORECASE,
)
ESTIMATED = re.compile(r"\b(?:estimated|thought|believed)\b", re.IGNORECASE)
ASSISTED_WORDS = re.compile(r"\b(?:assist|shelter|support|receiv|refer)", re.IGNORECASE)
# A count whose object an earlier count of the same verb gave: "they convicted 5."
# Or the count of another verb before it: "prosecuted 38 alleged traffickers and convicted 12."
BARE_COUNT = re.compile(
    rf"\b(?P<verb>{VERB_STEMS})\w*\s+(?:(?:an?\s+additional|a\s+further|another)\s+)?(?:(?P<qual>{QUALIFIER})\s+)?"
    rf"(?P<num>{NUMBER})(?=\s*(?:[;,.)](?!\d)|$)|\s+(?:to|for)\s+(?:[\w-]+\s+){{0,2}}?(?:{SERVICES}|shelter|care)s?\b"
    # "charged 12 with trafficking"
    rf"|\s+(?:with|for|of)\s+(?:[\w-]+\s+){{0,3}}?(?:trafficking|offen[cs]es?|crimes?|charges)\b)",
    re.IGNORECASE,
)
# Two counts of one object after one verb: "identified three confirmed and 118 potential victims".
LIST_COUNT = re.compile(
    rf"\b(?P<verb>{VERB_STEMS})\w*\s+(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})\s+"
    rf"(?:(?!(?:and|or)\b)(?!\d)[\w-]+\s+){{1,2}}(?P<sep>and|or)\s+(?:(?P<qual2>{QUALIFIER})\s+)?"
    rf"(?P<num2>{NUMBER})\s+(?P<obj>{ONE_WORD}{COUNTED_OBJECTS})\b",
    re.IGNORECASE,
)
# Another count of the same verb: "identified 3 victims of sex trafficking and 12 victims of forced labor",
# "investigated 17 sex trafficking cases and 9 labor trafficking cases" (not "... and 3 defendants were acquitted").
SHARED_VERB_COUNT = re.compile(
    rf"(?:\s+(?!(?:and|or|were|was|had|have)\b)(?!(?:{VERB_STEMS}))(?!\d)[\w'-]+){{0,6}}?"
    rf"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:(?P<qual>{QUALIFIER})\s+)?(?<![\d,.])\b(?P<num>{NUMBER})\s+"
    rf"(?P<obj>{ONE_WORD}{COUNTED_OBJECTS})\b(?!\s+(?:were|was|had|have)\b)",
    re.IGNORECASE,
)
# A part of a count before it: "identified 302 victims, of which 216 were referred to shelters"; or its people
# again: "38 people were arrested, and 12 were convicted".
PART_PASSIVE = re.compile(
    rf"(?:\b(?:of|among)\s+(?:which|whom|them|these|those)\s*,?|\band)\s+(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})\s+"
    rf"(?:were|was|had\s+been|have\s+been)\s+(?:\w+\s+)?(?P<verb>{VERB_STEMS})\w*",
    re.IGNORECASE,
)
AS_VICTIMS = re.compile(rf"\s+as\s+(?:[\w-]+\s+){{0,2}}?(?:{VICTIM_WORDS})\b", re.IGNORECASE)
# A verb joined to the counting one shares its count: "identified and referred 17 victims to care".
JOINED_VERB = re.compile(rf"\b(?P<verb>{VERB_STEMS})(?:r?ed|ied|r?ing|ying|e)?\s*,?\s+(?:and|or)\s+$", re.IGNORECASE)
BACKLOG = re.compile(rf"\bbacklog\b[^;]{{0,60}}?(?:(?P<qual>{QUALIFIER})\s+)?\b(?P<num>{NUMBER})\b", re.IGNORECASE)
# Other counts of people or bodies: "more than 260,000 Syrian refugees", "up to 30 percent", "almost 400 agencies",
# "Ninety percent of victims" (a number word may open the sentence), "599 travelers".
PEOPLE = words_alternation((*VICTIM_GROUP_WORDS, *COUNTED_PEOPLE))
OTHER_NUMBER = rf"(?i:{NUMBER})|a"
OTHER_COUNT = re.compile(
    rf"(?:(?P<qual>(?i:{QUALIFIER}))\s+)?\b(?P<num>{OTHER_NUMBER})(?:\s+(?P<mult>{MULTIPLIER}))?(?:\s*(?P<pct>%)|\s+"
    rf"(?P<unit>percent\b|per\s+cent\b|(?:(?!(?:and|or|to)\b)[A-Za-z-]+\s+){{0,2}}?(?:{PEOPLE}|IDPs|[A-Z][a-z]+(?:ns|is|ese|ans)"
    rf"|{'|'.join(COUNTED_BODIES)})\b))",
)
# A share written as a fraction of people: "one-third of victims", "almost half of the women", "one in four victims".
FRACTIONS = table("fractions").mapping()
FRACTION = re.compile(
    rf"(?:\b(?P<qual>(?i:{QUALIFIER}))\s+)?\b(?P<frac>(?i:{words_alternation(FRACTIONS)}))\s+(?P<of>of\s+)?"
    rf"(?:(?:the|all|these|those|identified)\s+)*(?:[\w-]+\s+){{0,2}}?(?:{VICTIM_WORDS}|{PEOPLE})\b",
)
# Where OTHER_COUNT may start: at a number (every place one starts, zero-width), or at a qualifier ending where
# the spaces before one begin. A number opens with a digit, a number word or "a" ("a dozen"): a class of their
# first letters, tried first, spares most words the alternation. A bare "a" is a count's number only before what
# OTHER_COUNT reads after it, spaces or "%": "and", "are", "as" never start one (they were half the starts tried).
NUMBER_FIRST = "".join(sorted({e.term[0].lower() for e in table("number_words").entries} | {"a"}))
COUNT_NUMBER_START = re.compile(rf"\b(?=(?i:[\d{NUMBER_FIRST}]))(?=(?i:{NUMBER})|a[\s%])")
QUALIFIER_ENDING = re.compile(rf"(?=(?:{QUALIFIER})\Z)", re.IGNORECASE)
QUALIFIER_LONGEST = max(map(len, QUALIFIER_WORDS))
# The qualifiers' last letters, as `re` reads them ignoring case: where the word before a number ends in another
# letter, no qualifier ends there and its alternation is not tried.
QUALIFIER_LAST = re.compile(rf"[{''.join(sorted({re.escape(w[-1]) for w in QUALIFIER_WORDS}))}]", re.IGNORECASE)


def _other_counts(text: str) -> Iterator[re.Match[str]]:
    """`OTHER_COUNT.finditer(text)`, tried only where a match may start: Python's `re` would try its qualifier and
    number alternations at every position of the sentence (one match starts at a qualifier or at its number, and a
    qualifier is followed by spaces, so it ends where the spaces before a number begin)."""
    starts = set()
    for number in COUNT_NUMBER_START.finditer(text):
        starts.add(number.start())
        spaces = number.start()
        while spaces and text[spaces - 1].isspace():  # str.isspace is `re`'s \s
            spaces -= 1
        if spaces < number.start() and QUALIFIER_LAST.match(text, spaces - 1):
            starts.update(
                q.start() for q in QUALIFIER_ENDING.finditer(text, max(0, spaces - QUALIFIER_LONGEST), spaces)
            )
    end = 0
    for start in sorted(starts):
        if start >= end and (m := OTHER_COUNT.match(text, start)) is not None:
            yield m
            end = m.end()


# Victims given help: "provided shelter and counseling to 78 victims", "45 victims received assistance".
SERVICE_TO = re.compile(
    rf"\b(?:provid|offer|g[ai]v|extend|render|deliver)\w*\s+(?P<what>[^;.]{{0,80}}?)\b(?:to|for)\s+"
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?:all\s+(?:of\s+)?)?(?:the\s+)?(?P<num>{NUMBER})\s+(?P<obj>{COUNTED_OBJECTS})\b",
    re.IGNORECASE,
)
SERVICE_WITH = re.compile(
    rf"\b(?:provid|offer|suppl)\w*\s+(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})\s+(?P<obj>{ONE_WORD}{COUNTED_OBJECTS})"
    rf"\s+with\s+(?:[\w-]+\s+){{0,3}}?(?:{SERVICES})s?\b",
    re.IGNORECASE,
)
# Victims counted before, then helped: "identified 11 victims and provided them with support services".
SERVICE_THEM = re.compile(
    rf"\b(?:provid|offer|refer|assist)\w*\s+(?:all\s+(?:of\s+)?|each\s+of\s+)?(?:them|these\s+victims|those\s+victims)\s+"
    rf"(?:with|to)\s+(?:[\w-]+\s+){{0,3}}?(?:{SERVICES}|shelter|care)s?\b",
    re.IGNORECASE,
)
# The people a counted enforcement action involved: "258 investigations involving 524 suspects".
INVOLVING = re.compile(
    rf"\s+(?:involving|against)\s+(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})\s+(?P<obj>{COUNTED_OBJECTS})\b",
    re.IGNORECASE,
)
SERVICE_NOUN = re.compile(rf"\b(?:{SERVICES})s?\b", re.IGNORECASE)
RECEIVED = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?\b(?P<num>{NUMBER})\s+(?P<obj>{COUNTED_OBJECTS})\s+(?:[\w-]+\s+){{0,5}}?"
    rf"(?:received|receiv(?:e|ing)|(?:were|was)\s+(?:provided|given|offered)(?:\s+with)?|benefit+(?:ed|ing)?\s+from"
    rf"|(?:were|was)\s+placed\s+in)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:{SERVICES})s?\b",
    re.IGNORECASE,
)
PARTICIPLE_NEXT = re.compile(rf"\s+(?:{VERB_STEMS})(?:r?ed|ied)\b", re.IGNORECASE)
# Victims a report gives as found: "the ministry reported 230 victims", "97 victims identified in 2020" (a verb
# after its object, unless the figure is restated: "the 12 victims identified").
REPORTED_VICTIMS = re.compile(
    rf"\b(?:{table('victim_reporting_verbs').alternation()})\w*\s+(?:(?P<qual>{QUALIFIER})\s+)?(?P<num>{NUMBER})\s+"
    rf"(?P<obj>{ONE_WORD}(?:(?:{table('counted_object_modifiers').alternation()})\s+)*(?:{VICTIM_WORDS}))\b",
    re.IGNORECASE,
)
PARTICIPLE_AFTER = re.compile(
    rf"(?<!\bthe\s)(?<!\bthese\s)(?<!\bthose\s)(?<!\bof\s)(?:(?P<qual>{QUALIFIER})\s+)?(?<![\d,.])\b(?P<num>{NUMBER})\s+"
    rf"(?P<obj>{ONE_WORD}{COUNTED_OBJECTS})\s+(?P<verb>{VERB_STEMS})(?:r?ed|ied)\b",
    re.IGNORECASE,
)
# Cases a report counts without an enforcement verb: "registered 385 cases" (police open them: investigations),
# "uncovered 80 cases of commercial sexual exploitation", "1,200 trafficking cases were reported" (other).
CASE_KINDS = table("case_kinds").alternation()
CASE_COUNT = re.compile(
    rf"(?:\b(?P<verb>{table('case_opening_verbs').alternation()})\w*\s+)?(?<!\bin\s)(?<!\bthe\s)(?<!\bthese\s)"
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?<![\d,.])\b(?P<num>{NUMBER})\s+(?:(?:reported|suspected|potential|alleged|new|separate|"
    rf"registered|confirmed|criminal)\s+)*(?P<kind_before>(?:{CASE_KINDS})\s+)?cases\b"
    rf"(?P<kind>\s+(?:of|involving)\s+(?:[\w-]+\s+){{0,2}}?(?:{CASE_KINDS})\b)?",
    re.IGNORECASE,
)
# Actions a report counts that are no enforcement result: "conducted 13 anti-trafficking operations", "the
# hotline received 921 calls" (other, whatever the figure; no unit of the contract's).
ACTION_COUNT = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?<![\d,.])\b(?P<num>{NUMBER})\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{table('counted_actions').alternation()})\b",
    re.IGNORECASE,
)
# A range: "between 500 and 700 women", "5,000-7,000 children": the lower figure at least, the upper up to.
RANGE_LEAD = re.compile(rf"(?:\bbetween\s+(?P<lo>{NUMBER})\s+and|\b(?P<lo2>{NUMBER})\s*(?:to|-|–))\s*$", re.IGNORECASE)
# A count in millions that ends its clause names people too ("estimates ... were well over one million"),
# unless it is money ("a budget of 2 million", "$1.5 million", "3 million rupees").
MILLIONS = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?(?<![$€£\d.,])\b(?P<num>(?i:{NUMBER}))\s+(?P<mult>{MULTIPLIER})(?=\s*(?:[,.;:)]|$))"
)
MONEY_BEFORE = re.compile(
    rf"(?:[$€£]|\b(?:{table('money_words').alternation()})\b)",
    re.IGNORECASE,
)
# "Of the 214 victims, 27 were children": a figure the report gave before, now split into parts.
RESTATED = re.compile(r"\b(?:of\s+(?:the|these|those)|all)\s+$", re.IGNORECASE)
AND_OR = r"(?:\s*,\s*(?:(?:or|and|nor)\s+)?|\s+(?:or|and|nor)\s+)"
NOUN_LIST = rf"(?:{NOUN_PATTERN})(?:{AND_OR}(?:{NOUN_PATTERN}))*"
ZERO_NOUNS = re.compile(
    rf"\b(?P<head>no|zero|not\s+(?:report|record|initiate|obtain|achieve|secure)\w*\s+any|without\s+any|nor\s+any"
    rf"|not\s+(?:{NOT_REPORTED_LEADS}))\s+"
    rf"(?:(?:{table('zero_noun_modifiers').alternation()})\s+)*"
    rf"(?P<nouns>{NOUN_LIST})",
    re.IGNORECASE,
)
# A denied action whose words say it went unreported: "did not report investigating", "nor did they report".
NOT_REPORTED_LEAD = re.compile(rf"^\s*(?:{NOT_REPORTED_LEADS})\s+(?:\w+ly\s+)?$", re.IGNORECASE)
NOT_REPORTED_HEAD = re.compile(rf"\bnot\s+(?:{NOT_REPORTED_LEADS})\b", re.IGNORECASE)
# Where a denied action's reach ends inside its clause: "did not prosecute anyone, but ...".
SCOPE_END = re.compile(r";|\bbut\b|\bhowever\b|\bwhile\b|\balthough\b|\bdespite\b", re.IGNORECASE)
# What may stand between a negation and the verb it denies ("made no efforts to identify"): a "to" after
# these words belongs to the negation, not to another governing word.
NEGATED_ATTEMPT = re.compile(r"^\s*(?:efforts?|attempts?)\s+(?:were\s+made\s+)?to\s+$", re.IGNORECASE)
# "employ procedures to proactively identify", "organizations that identify": governed by another word.
GOVERNED = re.compile(r"\b(?:to|for|of|on|in|about|without|that|which|who)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
SUBGROUP = re.compile(rf"^\s*(?:{SUBGROUP_WORDS})\b", re.IGNORECASE)
# Counts for another period: "(convicted eleven traffickers,) compared with seventeen in 2020", "compared with
# 60 in 2019 and 31 in 2018", "compared with none reported in 2019", "compared with three the previous year",
# "(nine in 2019 and six in 2018)", "compared with 18 investigations and five convictions in 2019".
# A list of years ("registered 73 cases in 2015 and 91 in 2016") opens one too, after its first year.
COMPARISON_HEAD = re.compile(
    rf"\b(?:{COMPARISON_WORDS})\s+|\(\s*|(?<=\bin\s(?:19|20)\d\d)(?P<years>\s*,\s*(?:and\s+)?|\s+and\s+)", re.IGNORECASE
)
FIGURE = rf"(?:(?P<qual>{QUALIFIER})\s+)?(?:the\s+)?(?P<num>{NUMBER}|none)\b"
NOT_WHEN = rf"(?!(?:in|during|last|the|compared|up|down|respectively|{NUMBER_WORD})\b)(?!\d)"
# A figure with its own period ("60 in 2019", "150 confirmed and potential victims in 2019", "two cases last year").
TIMED_FIGURE = re.compile(
    rf"{FIGURE}(?P<words>(?:\s+{NOT_WHEN}[\w-]+){{0,4}}?)(?P<respectively>\s*,?\s+respectively\s*,?)?\s+(?:(?:in|during|of)\s+(?:(?:fiscal\s+year|FY|calendar\s+year)\s+)?"
    rf"(?P<year>{YEAR})\b|(?:in\s+|during\s+)?(?P<prior>{table('prior_periods').alternation()})\b)",
    re.IGNORECASE,
)
# A figure that takes the period of a later one in its list ("18 investigations, 10 prosecutions, and five
# convictions in 2019").
UNTIMED_FIGURE = re.compile(
    rf"{FIGURE}(?P<words>(?:\s+(?!(?:and|or|nor)\b){NOT_WHEN}[\w-]+){{0,3}})(?=\s*,|\s+(?:and|or)\b)", re.IGNORECASE
)
FIGURE_SEPARATOR = re.compile(AND_OR, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class OtherPeriod:
    """One figure for another period: its span, words, and year (None: the period before the sentence's);
    `respective`: (its place, the list's length) in a list closed by "respectively"."""

    start: int
    end: int
    figure: re.Match[str]
    year: int | None
    lead: int  # where its comparison starts: the counts it compares with stand before
    respective: tuple[int, int] | None


def _other_periods(text: str) -> list[OtherPeriod]:
    """The figures a sentence gives for other periods, each with the year it takes (see COMPARISON_HEAD)."""
    found: list[OtherPeriod] = []
    for head in COMPARISON_HEAD.finditer(text):
        if found and head.start() < found[-1].end:  # inside the list of the comparison before
            continue
        pos, figures = head.end(), []
        while True:
            m = TIMED_FIGURE.match(text, pos) or UNTIMED_FIGURE.match(text, pos)
            if m is None or re.fullmatch(YEAR, m.group("num")):
                break
            figures.append(m)
            sep = FIGURE_SEPARATOR.match(text, m.end())
            if sep is None:
                break
            pos = sep.end()
        paren = head.group(0).startswith("(") or head.group("years") is not None  # strict: every figure timed
        while figures and figures[-1].re is UNTIMED_FIGURE:  # an untimed figure at the end is no other period's
            if paren:  # "(43 sex trafficking and 14 labor trafficking)": a breakdown, not other periods
                figures = []
            else:
                figures.pop()
        if head.group(0).startswith("(") and figures and not re.match(r"\s*\)", text[figures[-1].end() :]):
            figures = []
        respectively = bool(figures and figures[-1].group("respectively"))
        for i, m in enumerate(figures):
            timed = next(t for t in figures[i:] if t.re is TIMED_FIGURE)
            year = int(timed.group("year")) if timed.group("year") else None
            start = head.start() if i == 0 and not paren else m.start()
            place = (i, len(figures)) if respectively else None
            found.append(OtherPeriod(start, m.end(), m, year, head.start(), place))
    return found


REPORT_PERIOD = re.compile(rf"\b(?:{REPORT_PERIOD_WORDS})\b", re.IGNORECASE)
BASE_VERB = re.compile(rf"\b(?P<verb>{table('denied_verbs').alternation()})\b", re.IGNORECASE)
ZERO_OBJECT = re.compile(
    rf"^\s*(?:(?:or|and|nor)\s+\w+\s+)*(?:any|a\s+single)?\s*(?:(?:{table('zero_object_modifiers').alternation()})\s+)*"
    rf"(?:{table('zero_objects').alternation()}|$|[,;.])",
    re.IGNORECASE,
)
VICTIM_OBJECT = re.compile(rf"\b(?:{VICTIM_WORDS})\b", re.IGNORECASE)
# Whom a victim-side verb counts: "identified 65 potential victims", "rescued 30 girls".
RESCUED_OBJECT = re.compile(rf"\b(?:{VICTIM_WORDS}|{table('rescued_objects').alternation()})\b", re.IGNORECASE)
# Whom a rescue counts: anyone rescued is a victim ("rescued 40 workers").
RESCUE_STEMS = frozenset(table("rescue_verbs").terms())
OFFICIAL_OBJECT = re.compile(rf"\b(?:{table('official_objects').alternation()})\b", re.IGNORECASE)
SPECIFIC_AFTER = re.compile(
    rf"^\s+(?:into|of|on|regarding|concerning)\s+(?:[\w-]+\s+){{0,3}}?(?:{table('specific_objects').alternation()})\b",
    re.IGNORECASE,
)
OFFICIAL_AFTER = re.compile(
    r"^\s+(?:of|for|against|involving)\s+(?:\w+\s+){0,3}?(?:officials?|employees|complicit)", re.IGNORECASE
)
# Victim-side verbs count only victims ("identified 65 potential victims", "sheltered 30 women").
VICTIM_VERBS = {stem for stem, (indicator, _) in ENFORCEMENT_VERBS.items() if indicator.startswith("victims_")}


def _stem(word: str) -> str:
    word = word.lower()
    return next(s for s in ENFORCEMENT_VERBS if word.startswith(s))


def _indicator_for_noun(noun: str) -> str:
    return next(ind for pattern, ind in INDICATOR_NOUNS.items() if re.fullmatch(pattern, noun, re.IGNORECASE))


def _by_verb(verb: str, obj: str) -> str | None:
    """The indicator a verb counts, if its object fits: victims are identified, traffickers convicted."""
    stem = _stem(verb)
    if stem in VICTIM_VERBS:
        rescued = RESCUED_OBJECT.search(obj) or (stem in RESCUE_STEMS and not OFFICIAL_OBJECT.search(obj))
        return ENFORCEMENT_VERBS[stem][0] if rescued else None
    return None if VICTIM_OBJECT.search(obj) else ENFORCEMENT_VERBS[stem][0]


def _shared_verb_counts(m: re.Match[str], add: Callable[..., bool]) -> list[tuple[int, str]]:
    """Keep the counts that share the verb of count `m` (SHARED_VERB_COUNT), one after another; (end, object)
    of each."""
    kept, pos, text = [], m.end(), m.string
    while (c := SHARED_VERB_COUNT.match(text, pos)) is not None:
        obj = c.group("obj")
        if OFFICIAL_OBJECT.search(obj) or (value_of(c) != 1 and _singular(obj)):
            break
        start = c.start("qual") if c.group("qual") else c.start("num")
        indicator, unit = _by_verb(m.group("verb"), obj), _unit(obj)
        if not add("count_shared_verb", (start, c.end()), indicator, value_of(c), c.group("qual"), unit):
            break
        kept.append((c.end(), obj))
        pos = c.end()
    return kept


def value_of(m: re.Match[str]) -> int | float | None:
    return parse_number(m.group("num"))


def _singular(obj: str) -> bool:
    """A singular noun after a figure above one is a modifier of another noun, not the counted object."""
    last = obj.split()[-1].lower()
    return not last.endswith("s") and last not in ("people", "women", "men", "children")


def _unit(obj: str) -> str:
    return "cases" if re.search(r"\bcases?\b", obj, re.IGNORECASE) else "persons"


def _denied_verbs(ctx: SentenceContext) -> list[tuple[tuple[int, int], str, str | None]]:
    """(span, indicator, qualifier) for each enforcement verb a negation denies, with an object that counts:
    qualifier None for a stated zero ("did not convict any traffickers"), `not_reported` for a figure the
    report did not give ("did not report investigating any cases")."""
    text, found = ctx.text, []
    for lo, clause in ctx.clauses():
        for group in _coordinated(text, lo, lo + len(clause)):
            first = group[0].start()
            neg = ctx.negation_before(first, window=min(60, first - lo))
            if neg is None:
                continue
            lead = text[neg[1] : first]
            if SCOPE_END.search(lead) or (GOVERNED.search(lead) and not NEGATED_ATTEMPT.match(lead)):
                continue
            end = SCOPE_END.search(text, group[-1].end(), lo + len(clause))
            obj = text[group[-1].end() : end.start() if end else lo + len(clause)]
            if not ZERO_OBJECT.match(obj) or OFFICIAL_OBJECT.search(obj[:50]) or _subgroup(obj):
                continue
            qualifier = NOT_REPORTED if NOT_REPORTED_LEAD.match(lead) else None
            for v in group:
                stem = _stem(v.group("verb"))
                if stem in VICTIM_VERBS and not VICTIM_OBJECT.search(obj[:40]):
                    continue
                if stem not in VICTIM_VERBS and re.match(r"^\s*(?:the\s+)?victims", obj):
                    continue
                found.append(((neg[0], v.end()), ENFORCEMENT_VERBS[stem][0], qualifier))
    return found


def _subgroup(obj: str) -> bool:
    """ "victims among migrant workers": the object is limited to a subgroup, so the denial is no count."""
    m = re.match(r"^\s*(?:\w+\s+){0,3}?(?:victims?|traffickers?|cases|offenders|suspects)\b", obj, re.IGNORECASE)
    return bool(m and SUBGROUP.match(obj[m.end() :]))


def _coordinated(text: str, start: int, end: int) -> list[list[re.Match[str]]]:
    """Enforcement verbs in text[start:end], grouped when joined by commas/or/and: "prosecute or convict"."""
    groups: list[list[re.Match[str]]] = []
    previous: re.Match[str] | None = None
    for v in BASE_VERB.finditer(text, start, end):
        if previous is not None and groups and re.fullmatch(rf"\s*|{AND_OR}", text[previous.end() : v.start()]):
            groups[-1].append(v)
        else:
            groups.append([v])
        previous = v
    return groups


def _years(ctx: SentenceContext, others: list[OtherPeriod]) -> int | None:
    """The year the sentence's own counts take: a year named only for another period ("compared with
    seventeen in 2020") is not the sentence's."""
    if not others:
        return ctx.year
    masked = ctx.text
    for o in others:
        masked = masked[: o.start] + " " * (o.end - o.start) + masked[o.end :]
    own = stated_year(masked, find_dates(masked))
    return own if own is not None else ctx.surrounding_year


# Every rule below needs a number or a negation; most sentences have neither.
MAY_COUNT = re.compile(rf"\d|\b(?:{NUMBER_WORD}|no|not|never|nor|neither|failed|zero|none|a|an|half)\b", re.IGNORECASE)
# Python's `re` retries these at every position of a sentence (most open with an optional qualifier and a
# number): one RE2 pass says which of them may match at all, and only those run.
GATED = [
    LIST_COUNT, VERB_COUNT, COUNT_PASSIVE, PART_PASSIVE, BARE_COUNT, NOUN_OF_COUNT, NUMBER_OF, COUNT_NOUN, BACKLOG,
    ZERO_NOUNS, PARTICIPLE_AFTER, REPORTED_VICTIMS, SERVICE_TO, SERVICE_WITH, RECEIVED, SERVICE_THEM, CASE_COUNT,
    ACTION_COUNT, OTHER_COUNT, MILLIONS, FRACTION, NOUN_PASSIVE_OF,
]  # fmt: skip
GATES = Gates(GATED)


def extract(ctx: SentenceContext) -> list[Fact]:
    facts: list[Fact] = []
    text = ctx.text
    if not MAY_COUNT.search(text):
        return facts
    possible = GATES.which(text)

    def finditer(
        pattern: re.Pattern[str], matches: Callable[[str], Iterator[re.Match[str]]] | None = None
    ) -> Iterator[re.Match[str]]:
        """The pattern's matches in the sentence (found by `matches`, if given); none without running it where its
        gate says it cannot match."""
        return (matches or pattern.finditer)(text) if GATED.index(pattern) in possible else iter(())

    taken = Claims()
    others = _other_periods(text)
    base_year = _years(ctx, others)
    counted: list[tuple[tuple[int, int], str, str | None]] = []  # (span, indicator, unit) of each count kept
    verb_counts: dict[str, tuple[str, str | None]] = {}  # verb stem -> (indicator, unit) it counted

    def year_at(pos: int) -> int | None:
        """The sentence's year, unless the count's clause speaks of the reporting period."""
        return ctx.surrounding_year if REPORT_PERIOD.search(text, *ctx.clause_at(pos)) else base_year

    def add(
        rule: str,
        span: tuple[int, int],
        indicator: str | None,
        value: float | None,
        qual: str | None,
        unit: str | None,
        exclusive: bool = True,
        year: int | None = None,
        reread: bool = False,
    ) -> bool:
        """Keep a count unless a count before it claimed its words (`reread`: a second reading of a count kept
        before, which may share its words); True if kept."""
        if indicator is None or (value is None) != (qual == NOT_REPORTED) or (taken.overlaps(*span) and not reread):
            return False
        if exclusive:
            taken.claim(*span)
        counted.append((span, indicator, unit))
        facts.append(
            fact(
                ctx,
                rule,
                span,
                country_iso3=ctx.subject,
                year=year if year is not None else year_at(span[0]),
                indicator=indicator,
                value=None if value is None else float(value),
                qualifier=NOT_REPORTED if qual == NOT_REPORTED else qualifier_of(qual),
                unit=unit,
            )
        )
        return True

    def involving(m: re.Match[str], indicator: str | None) -> None:
        """The people a counted enforcement action involved: "258 investigations involving 524 suspects"."""
        involved = INVOLVING.match(text, m.end())
        if involved and not OFFICIAL_OBJECT.search(involved.group("obj")):
            unit = _unit(involved.group("obj"))
            add(
                "count_involving",
                (m.end(), involved.end()),
                indicator,
                value_of(involved),
                involved.group("qual"),
                unit,
            )

    for o in others:  # a count for another year is no count of this one ("seventeen in 2020")
        taken.claim(o.start, o.end)
    verbs, nouns = ctx.has("enforcement_verbs"), ctx.has("indicator_nouns")
    objects: list[tuple[int, str]] = []  # (end, object) of each verb count kept, for a bare count after it
    for m in finditer(LIST_COUNT) if verbs else ():
        if not OFFICIAL_OBJECT.search(m.group("obj")):
            indicator, unit = _by_verb(m.group("verb"), m.group("obj")), _unit(m.group("obj"))
            sep = m.start("sep")
            add("count_after_verb", (m.start(), sep), indicator, parse_number(m.group("num")), m.group("qual"), unit)
            add("count_after_verb", (sep, m.end()), indicator, parse_number(m.group("num2")), m.group("qual2"), unit)
    for pattern, rule in ((VERB_COUNT, "count_after_verb"), (COUNT_PASSIVE, "count_passive")):
        for m in finditer(pattern) if verbs else ():
            if OFFICIAL_OBJECT.search(m.group("obj")):
                continue
            obj, value, qual = m.group("obj"), parse_number(m.group("num")), m.group("qual")
            if value != 1 and _singular(obj):  # "identified two volunteer victim assistance specialists"
                continue
            indicator, unit = _by_verb(m.group("verb"), obj), _unit(obj)
            if indicator is None and _stem(m.group("verb")) in VICTIM_VERBS and AS_VICTIMS.match(text, m.end()):
                indicator = ENFORCEMENT_VERBS[_stem(m.group("verb"))][0]  # "470 persons were identified as victims"
            joined = JOINED_VERB.search(text, max(0, m.start() - 40), m.start()) if pattern is VERB_COUNT else None
            if joined and indicator is not None and _by_verb(joined.group("verb"), obj) not in (None, indicator):
                add(rule, (joined.start(), m.end()), _by_verb(joined.group("verb"), obj), value, qual, unit, False)
            if add(rule, m.span(), indicator, value, qual, unit):
                if unit == "cases" and pattern is VERB_COUNT:
                    involving(m, indicator)
                objects.append((m.end(), obj))
                verb_counts.setdefault(_stem(m.group("verb")), (indicator, unit))
                if pattern is VERB_COUNT:
                    objects += _shared_verb_counts(m, add)
    objects.sort()
    for m in finditer(PART_PASSIVE) if objects else ():
        earlier = [obj for end, obj in objects if end <= m.start()]
        if earlier:
            indicator = _by_verb(m.group("verb"), earlier[-1])
            # a part is counted only when its verb counts something else than the whole ("of which 216 were referred")
            if indicator not in (None, *(c[1] for c in counted if c[0][1] <= m.start())):
                add("count_part", m.span(), indicator, value_of(m), m.group("qual"), _unit(earlier[-1]))
    for m in finditer(BARE_COUNT) if objects else ():
        # "courts convicted 8 traffickers; ... they convicted 5": the object is the earlier count's;
        # "prosecuted 38 traffickers and convicted 12": the object of the count before it
        indicator, unit = verb_counts.get(_stem(m.group("verb")), (None, None))
        earlier = [obj for end, obj in objects if end <= m.start()]
        if indicator is None and earlier:
            indicator, unit = _by_verb(m.group("verb"), earlier[-1]), _unit(earlier[-1])
        add("count_after_verb", m.span(), indicator, parse_number(m.group("num")), m.group("qual"), unit)
    for m in (*finditer(NOUN_OF_COUNT), *finditer(NOUN_PASSIVE_OF)) if nouns else ():
        if not OFFICIAL_OBJECT.search(m.group("obj")) and not VICTIM_OBJECT.search(m.group("obj")):
            indicator = _indicator_for_noun(m.group("noun"))
            # "prosecutions from 2016 were continued in 2017 ... against 14 defendants": the year of the action
            dated = re.search(rf"\b(?:in|during)\s+({YEAR})\b", m.group(0)) if m.re is NOUN_PASSIVE_OF else None
            year = int(dated.group(1)) if dated else None
            obj, qual = m.group("obj"), m.group("qual")
            if add("count_noun_of", m.span(), indicator, value_of(m), qual, _unit(obj), year=year):
                involving(m, indicator)
    for m in finditer(NUMBER_OF):
        indicator, unit = _number_of_indicator(m.group("what"))
        qual = m.group("qual")
        if ESTIMATED.search(m.group("verb")):  # "the number of victims is estimated at 4,000": none found
            indicator, qual = "other", qual or "approximately"
        if m.group("num1"):
            year = int(m.group("y1")) if m.group("y1") else None
            value = parse_number(m.group("num1"))
            add("count_number_of", (m.start(), m.end("num1")), indicator, value, m.group("qual1"), unit, False, year)
        year = next((int(y) for y in (m.group("y2"), m.group("y0")) if y), None)
        value = parse_number(m.group("num"))
        if value is not None and m.group("mult"):
            value *= MULTIPLIERS[m.group("mult").lower()]
        add("count_number_of", m.span(), indicator, value, qual, unit, year=year)
    for m in finditer(COUNT_NOUN) if nouns else ():
        indicator = _indicator_for_noun(m.group("noun"))
        if add("count_noun", m.span(), indicator, value_of(m), m.group("qual"), "cases"):
            involving(m, indicator)
    for m in finditer(BACKLOG):
        add("court_backlog", m.span(), "court_case_backlog", parse_number(m.group("num")), m.group("qual"), "cases")
    for m in finditer(ZERO_NOUNS) if nouns else ():
        if OFFICIAL_AFTER.match(text[m.end() :]) or SPECIFIC_AFTER.match(text[m.end() :]):
            continue
        not_reported = bool(NOT_REPORTED_HEAD.match(m.group("head")))
        rule, value = ("not_reported_noun", None) if not_reported else ("zero_noun", 0)
        for noun in re.findall(NOUN_PATTERN, m.group("nouns"), re.IGNORECASE):
            qual = NOT_REPORTED if not_reported else None
            add(rule, m.span(), _indicator_for_noun(noun), value, qual, None, exclusive=False)
    for span, indicator, qual in _denied_verbs(ctx) if verbs else ():
        rule, value = ("not_reported_verb", None) if qual == NOT_REPORTED else ("zero_verb", 0)
        add(rule, span, indicator, value, qual, None, exclusive=False)
    participles: list[tuple[int, int]] = []
    for m in finditer(PARTICIPLE_AFTER) if verbs else ():
        obj = m.group("obj")
        if (value_of(m) != 1 and _singular(obj)) or OFFICIAL_OBJECT.search(obj):
            continue
        # "14 child victims identified by an NGO received assistance": identified, and assisted (below)
        if add(
            "count_participle",
            m.span(),
            _by_verb(m.group("verb"), obj),
            value_of(m),
            m.group("qual"),
            _unit(obj),
            False,
        ):
            participles.append(m.span())
    for m in finditer(REPORTED_VICTIMS):
        if value_of(m) == 1 or not _singular(m.group("obj")):
            add("count_reported_victims", m.span(), "victims_identified", value_of(m), m.group("qual"), "persons")
    for m in (*finditer(SERVICE_TO), *finditer(SERVICE_WITH), *finditer(RECEIVED)):
        if RESTATED.search(text, max(0, m.start() - 20), m.start()) or ctx.negated(m.start()):
            continue  # "did not report how many of the 96 victims received services"
        if RESCUED_OBJECT.search(m.group("obj")) and (m.re is not SERVICE_TO or SERVICE_NOUN.search(m.group("what"))):
            add(
                "count_assisted", m.span(), "victims_assisted", parse_number(m.group("num")), m.group("qual"), "persons"
            )
    for m in finditer(SERVICE_THEM):  # facts and counted are parallel: one entry per count kept
        found = [i for i, c in enumerate(counted) if c[1] == "victims_identified" and c[0][1] <= m.start()]
        if found and facts[found[-1]]["value"]:
            kept = facts[found[-1]]
            span = (counted[found[-1]][0][0], m.end())
            qual = kept["qualifier"].replace("_", " ")  # the kept count's qualifier, as the phrase that gives it
            add("count_assisted", span, "victims_assisted", kept["value"], qual, "persons", False, reread=True)
    for span in participles:
        taken.claim(*span)
    for m in finditer(CASE_COUNT):
        if m.group("verb") or m.group("kind") or m.group("kind_before"):
            indicator = "investigations" if m.group("verb") else "other"
            add("count_cases", m.span(), indicator, parse_number(m.group("num")), m.group("qual"), "cases")
    for m in finditer(ACTION_COUNT):
        if not re.fullmatch(YEAR, m.group("num")) and not RESTATED.search(text, max(0, m.start() - 20), m.start()):
            add("count_actions", m.span(), "other", value_of(m), m.group("qual"), None)
    for m in (*finditer(OTHER_COUNT, _other_counts), *finditer(MILLIONS)):
        number = m.group("num")
        if re.fullmatch(YEAR, number) or (number.lower() == "a" and not m.group("mult")):
            continue
        if RESTATED.search(text, max(0, m.start() - 20), m.start()) or (
            re.search(r"\bthe\s+$", text[max(0, m.start() - 5) : m.start()]) and PARTICIPLE_NEXT.match(text, m.end())
        ):  # "Of the 214 victims", "Among the 166 victims identified": a figure given before
            continue
        if m.re is MILLIONS and MONEY_BEFORE.search(text, ctx.clause_at(m.start())[0], m.start()):
            continue
        if number.lower() in ("hundred", *MULTIPLIERS):
            continue  # "several hundred children": a vague quantity, no figure
        value = parse_number(number)
        if value is not None and m.group("mult"):
            value *= MULTIPLIERS[m.group("mult")]
        unit_word = re.sub(r"^per\s+cent$", "percent", m.groupdict().get("unit") or m.groupdict().get("pct") or "")
        unit = COUNT_UNITS.get(unit_word.split()[-1].lower(), DEFAULT_COUNT_UNIT) if unit_word else DEFAULT_COUNT_UNIT
        if value is None or not (m.group("qual") or value >= 100 or unit == "percent"):
            continue
        lead = RANGE_LEAD.search(text, max(0, m.start() - 40), m.start())
        low = lead and parse_number(lead.group("lo") or lead.group("lo2"))
        if lead and low is not None and not re.fullmatch(YEAR, lead.group("lo") or lead.group("lo2")):
            # "20 to 65 million": both in millions; "between 700,000 and 2 million": the lower one as written
            low *= MULTIPLIERS[m.group("mult")] if m.group("mult") and low < (parse_number(number) or 0) else 1
            add("count_other", (lead.start(), m.end()), "other", low, "at least", unit, exclusive=False)
            add("count_other", (lead.start(), m.end()), "other", value, m.group("qual") or "up to", unit)
        else:
            add("count_other", m.span(), "other", value, m.group("qual"), unit)
    for m in finditer(FRACTION):
        if not m.group("of") and not re.match(r"one\s+in\b", m.group("frac"), re.IGNORECASE):
            continue  # "two-thirds are girls": no share of a group named
        share = FRACTIONS[next(f for f in FRACTIONS if f.lower() == re.sub(r"\s+", " ", m.group("frac").lower()))]
        add("count_fraction", m.span(), "other", share, m.group("qual"), "percent")
    for o in others:  # after every count: "no convictions, down from one in 2013"
        taken.release(o.start, o.end)
        indicator, unit = _other_period_indicator(ctx, o, counted)
        year = o.year if o.year is not None else (None if base_year is None else base_year - 1)
        value = 0 if o.figure.group("num").lower() == "none" else parse_number(o.figure.group("num"))
        add("count_other_year", (o.start, o.end), indicator, value, o.figure.group("qual"), unit, year=year)
        taken.claim(o.start, o.end)
    return _unique(facts)


def _number_of_indicator(what: str) -> tuple[str, str]:
    """What "the number of <what>" counts: an enforcement noun's indicator, victims identified (or assisted), or
    other; in cases or persons."""
    unit = _unit(what)
    noun = re.search(rf"\b(?:{NOUN_PATTERN})\b", what, re.IGNORECASE)
    if noun:
        return _indicator_for_noun(noun.group(0)), "cases"
    if VICTIM_OBJECT.search(what):
        return ("victims_assisted" if ASSISTED_WORDS.search(what) else "victims_identified"), unit
    return "other", unit


def _other_period_indicator(
    ctx: SentenceContext, o: OtherPeriod, counted: list[tuple[tuple[int, int], str, str | None]]
) -> tuple[str | None, str | None]:
    """What a figure for another period counts: its own enforcement noun ("five convictions in 2019"), else
    the count before its comparison in its clause ("convicted 11 traffickers, compared with 17 in 2020"), or
    the count in the same place of a list closed by "respectively"."""
    words = o.figure.group("words")
    noun = re.search(rf"\b(?:{NOUN_PATTERN})\b", words, re.IGNORECASE)
    if noun:
        return _indicator_for_noun(noun.group(0)), "cases"
    verb = re.search(rf"\b(?P<verb>{VERB_STEMS})\w*", words, re.IGNORECASE)
    if verb:  # "compared to 328 identified and 298 referred to shelters in 2017"
        return ENFORCEMENT_VERBS[_stem(verb.group("verb"))][0], _unit(words)
    if VICTIM_OBJECT.search(words) and SERVICE_NOUN.search(words):  # "256 victims provided services in 2021"
        return "victims_assisted", "persons"
    clause = ctx.clause_at(o.start)
    before = sorted((c for c in counted if c[0][1] <= o.lead and ctx.clause_at(c[0][0]) == clause), key=lambda c: c[0])
    if o.respective:  # "38 investigations and 12 convictions, compared with 45 and 10, respectively, in 2019"
        place, length = o.respective
        before = before[len(before) - length + place :][:1] if len(before) >= length else []
    if not before:
        return None, None
    _, indicator, unit = before[-1]
    return indicator, ("cases" if re.search(r"\bcases?\b", o.figure.group("words"), re.IGNORECASE) else unit)


def _unique(facts: list[Fact]) -> list[Fact]:
    seen, out = set(), []
    for f in facts:
        key = (f["indicator"], f["value"], f["evidence"])
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
