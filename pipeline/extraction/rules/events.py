"""Enforcement, protection and prevention actions: raids, arrests, trainings, campaigns.

An event without its own date takes the last date given earlier in the same paragraph
(reports narrate one operation over several sentences), else the year rule's year (the sentence's,
the section's, the report's): the yearly actions a narrative reports without a day ("trained 300
officials", "adopted a national action plan") are events of that year. An action that is denied,
hedged, advised or planned is not an event; the words for all of these are in `enforcement.yaml`.
"""

from __future__ import annotations

import re

from tipfacts.extraction.context import (
    COUNT,
    HEDGE_BREAK,
    LEADING_YEAR,
    MONTHS,
    POTENTIAL,
    QUALIFIER,
    REACH_BREAK,
    YEAR_LIKE,
    DateMention,
    SentenceContext,
    parse_number,
    qualifier_of,
)
from tipfacts.extraction.facts import Fact, fact, join_list
from tipfacts.extraction.matcher import Gates
from tipfacts.extraction.rules import organizations
from tipfacts.lexicon.tables import table
from tipfacts.lexicon.words import COUNTED_OBJECTS, ENFORCEMENT_VERBS, EVENT_TRIGGERS, NUMBER_WORD

TRIGGERS = [(re.compile(p, re.IGNORECASE), kind) for p, kind in EVENT_TRIGGERS.items()]
# Enforcement verbs report yearly totals as often as single actions; they make an event only when dated,
# counted or aimed at one person. Each with the lexicon label that must be present in a sentence for it to
# match there. "Not only did police arrest ..." puts the bare verb after its subject.
ENFORCEMENT = [
    (
        re.compile(
            rf"(?<!\bthose\s)(?:\b{stem}(?:ed|ated)|(?<=\bby\s){stem}(?:ing|ating)"
            rf"|(?<=\bdid\s)(?!not\b|never\b)(?:\w+\s+){{1,3}}?{stem}(?:e|y)?|(?P<gerund>\b{stem}(?:ing|ating)))\b",
            re.IGNORECASE,
        ),
        event,
        ("enforcement_verbs", labels),
    )
    for stem, labels in ENFORCEMENT_VERBS.items()
    if labels[1] and stem not in ("refer", "identif")
    for event in [labels[1]]
]
# "identified 40 children", "identifying, referring, and assisting more victims": the people an identification finds.
IDENTIFIED_PEOPLE = f"{table('victim_objects').alternation()}|{table('rescued_objects').alternation()}"
ENFORCEMENT += [
    (
        re.compile(
            rf"(?:(?:(?<!\bhas\s)(?<!\bhave\s)\bidentified|(?P<gerund>\bidentifying))\b"
            rf"(?=(?:(?!\bas\b)[^;]){{0,60}}\b(?:{IDENTIFIED_PEOPLE})\b)"
            r"|(?:(?<=\bwas\s)|(?<=\bwere\s))identified\b)"  # "one child victim was identified": the people before
            r"(?![^;,]{0,60}?\bas\s+(?!(?:[\w-]+\s+){0,3}victims\b))",  # "identified X as the groups most at risk"
            re.IGNORECASE,
        ),
        "victim_identification",
        ("enforcement_verbs", ENFORCEMENT_VERBS["identif"]),
    ),
    (
        re.compile(
            r"(?:\breferred|(?<=\breported\s)referring|(?<=\bby\s)referring|(?P<gerund>\breferring))\b"
            r"(?!\s+to\s+(?:as|in|above|earlier)\b)"
            rf"(?=[^;,]{{0,80}}\b(?:shelters?|services|care)\b|(?:\s*,?\s*(?:and\s+)?\w+ing)*\s+(?:[\w-]+\s+){{0,4}}?(?:{IDENTIFIED_PEOPLE})\b)",
            re.IGNORECASE,
        ),
        "shelter_referral",
        ("enforcement_verbs", ENFORCEMENT_VERBS["refer"]),
    ),
]
# A referral to a shelter is itself the protection action: it needs no date or count to be one (as a gerund, it
# still needs a list of efforts: "referring victims remained a challenge" reports none).
ALWAYS_SINGLE = {"shelter_referral"}
# Verbs coordinated after a trigger: "investigated, prosecuted, and convicted", "investigating and prosecuting".
COORDINATED = re.compile(r"(?:(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:\w+ly\s+)?[a-z]+(?:ed|ing)\b)*")
# "prosecuted fewer traffickers", "convicted few": a shortfall, not an action the report credits.
SHORTFALL = re.compile(rf"\s+(?:\w+ly\s+)?(?:{table('event_shortfall_words').alternation()})\b", re.IGNORECASE)
# "rarely proactively investigated or prosecuted": the lead governs the verbs coordinated after it too.
SHORTFALL_LEAD = re.compile(
    rf"\b(?:{table('event_shortfall_leads').alternation()})\s+(?:\w+ly\s+)?(?:[a-z]+(?:ed|ing)(?:\s*,)?\s+(?:(?:and|or)\s+)?)*$",
    re.IGNORECASE,
)
# "continued to arrest trafficking victims": victims punished, not an enforcement action against trafficking.
VICTIM_OBJECT = re.compile(rf"\b(?:{table('victim_objects').alternation()})\b", re.IGNORECASE)
VICTIM_SIDE = {"victim_identification", "shelter_referral", "repatriation", "intervention"}
# A noun trigger ("campaign", "training") is an event when something was done, not when it is lacking.
DONE = re.compile(rf"\b(?:{table('event_done_verbs').alternation()})\b", re.IGNORECASE)
DONE_REACH = 80  # characters between a noun trigger and its done verb
# The last item of an "or" list, whose negation stands before the list's first item.
LAST_OR_ITEM = re.compile(r"(?:,\s*|\s)n?or\s+[^,;]*$", re.IGNORECASE)
LIST_REACH = 200
AND = re.compile(r"\band\b", re.IGNORECASE)
# "due to lack of funding, the government only provided shelter": a new subject after the lacking noun phrase.
NEW_SUBJECT = re.compile(
    r",\s+(?:the\s+)?(?:government|authorities|police|officials|ministry|courts?|it|they)\s+(?!(?:did|does|has|have|had|was|were|could|would)\s+not\b)",
    re.IGNORECASE,
)
NEW_PREDICATE = re.compile(r"\band\s+(?:also\s+|still\s+)?continu(?:ed|es)\s+to\b", re.IGNORECASE)
NOUN_KINDS = {"training", "awareness_campaign"}
# "the Technical Intern Training Program", "the Act on ... Intern Training and Protection": a capitalized noun trigger
# inside the name of something else (before a name's head noun; a "Training" after a capitalized word).
NAME_PART = re.compile(
    r"\s+(?:Program(?:me)?|Cent(?:er|re)|Institute|Academy|School|College|Act|Law|Fund|Manual|Office|Department|Unit)\b"
)
NAME_BEFORE = re.compile(r"\b[A-Z][\w-]*\s+$")
# "NGOs operated the only shelter": a shelter or hotline run by another body than the government.
RUN_SERVICE = re.compile(r"(?:continu\w*\s+to\s+)?(?:operat|run|ran|manag|maintain)", re.IGNORECASE)
PRIVATE_SUBJECT = re.compile(
    rf"\b(?:{table('event_private_actors').alternation()})\b(?:(?!\b(?:government|ministry|authorities)\b)[^;,]){{0,60}}$",
    re.IGNORECASE,
)
# "launched a campaign to remove children from the streets": a campaign noun of another kind needs its done verb too.
NOUN_TRIGGER = re.compile(r"campaigns?\b", re.IGNORECASE)
COMPARISON = re.compile(
    rf"\b(?:{table('counted_comparisons').alternation()}|compared|comparison|similar\s+to)\b", re.IGNORECASE
)
# ", established in 2018,": a participle aside with its own date.
APPOSITION_DATE = re.compile(r",\s*(?:\w+ly\s+)?[a-z]+ed\s+(?:in|on|during)\s+$", re.IGNORECASE)
TRAILING_PAREN = re.compile(r"\((?:19|20)\d\d\)\W*$")
COMPARED_LEAD = re.compile(rf"(?:{COMPARISON.pattern})[^,;()]{{0,80}}$", re.IGNORECASE)
# "increased investigations", "stepped up prosecutions and convictions": more actions of each kind in the year.
GROWTH = re.compile(
    rf"\b(?:{table('event_growth_verbs').alternation()})\s+(?:(?:the\s+)?numbers?\s+of\s+|its\s+|their\s+)?",
    re.IGNORECASE,
)
NOUN_EVENT = {
    indicator: event
    for indicator, event in reversed(list(ENFORCEMENT_VERBS.values()))
    if indicator in table("indicator_nouns").by_label() and event
}
NOUN_ITEM = re.compile(
    r"(?:[\w-]+\s+){0,2}?(?:"
    + "|".join(f"(?P<{indicator}>{table('indicator_nouns').alternation(indicator)})" for indicator in NOUN_EVENT)
    + r")\b",
    re.IGNORECASE,
)
# "initiate more investigations of potential trafficking crimes and more prosecutions": a repeated "more" goes on
# the list after an item's complement.
NOUN_SEPARATOR = re.compile(
    r"\s*,\s*(?:and\s+)?|\s+and\s+|\s+(?:of|into|against|for)\s+[^,;]{0,60}?\s+and\s+more\s+", re.IGNORECASE
)
# "The number of investigations, prosecutions, and convictions all decreased": such actions were taken.
NUMBER_OF = re.compile(r"\b(?:the\s+)?numbers?\s+of\s+", re.IGNORECASE)
CHANGED = re.compile(
    r"\s+(?:all\s+|also\s+|both\s+)?(?:\w+ly\s+)?(?:increased|decreased|rose|fell|declined|doubled|tripled|dropped|grew)\b",
    re.IGNORECASE,
)
# "continued to investigate, prosecute, and convict traffickers": each verb an action of the year.
CONTINUED = re.compile(r"\bcontinu(?:ed|ing)\s+(?:its\s+efforts\s+|efforts\s+)?to\s+", re.IGNORECASE)
VERB_ITEM = re.compile(
    r"(?:\w+ly\s+)?(?:"
    + "|".join(f"(?P<{stem}>{stem})" for stem, (_, event) in ENFORCEMENT_VERBS.items() if event)
    + r")[a-z]*\b",
    re.IGNORECASE,
)
# "should train", "plans to adopt": advice or a plan, not an action taken.
UNREALIZED = re.compile(rf"\b(?:{table('event_unrealized').alternation()})\b", re.IGNORECASE)
# "released its annual report": a publication, not a release from detention.
RELEASED_DOCUMENT = re.compile(rf"\s+(?:{table('event_release_objects').alternation()})", re.IGNORECASE)
EVENT_PERSONS = rf"(?:{table('event_persons').alternation()})"
PERSON_WORD = re.compile(rf"\b{EVENT_PERSONS}\b", re.IGNORECASE)
# "training law enforcement and border officials": the people a training gerund names, a list of them allowed.
TRAINEES = re.compile(
    rf"\s+(?:(?!(?:on|in|for|to|of|about|at|with)\b)[\w-]+\s+){{0,5}}?{EVENT_PERSONS}\b", re.IGNORECASE
)
POTENTIAL_PEOPLE = re.compile(rf"\bpotential\s+(?:[\w-]+\s+){{0,3}}?{EVENT_PERSONS}\b", re.IGNORECASE)
# A participle between a determiner or preposition and people names a kind of people ("among identified victims").
ATTRIBUTIVE = re.compile(
    r"\b(?:the|these|those|all|any|some|other|no|of|for|among|with|to|included|including|includes|most|many|several"
    rf"|newly|previously|\d[\d,]*|{NUMBER_WORD})\s+$",
    re.IGNORECASE,
)
PERSON_AFTER = re.compile(rf"\s+(?:[\w-]+\s+(?:and\s+)?){{0,3}}{EVENT_PERSONS}\b", re.IGNORECASE)
# "migrant workers deported from X", "traffickers convicted in 2019": a participle right after the people it
# was done to, with no "were", describes them; it reports no action of the year.
AFFECTED_BEFORE = re.compile(rf"\b(?:{table('event_affected_persons').alternation()})\s+$", re.IGNORECASE)
# "of the 1,298 individuals convicted on prostitution charges in 2017": a participle after a counted group the
# sentence names with "the" describes that group, dated or not.
DEFINITE_GROUP_BEFORE = re.compile(
    rf"\bthe\s+(?:[\d,]+|{NUMBER_WORD})\s+(?:[\w-]+\s+){{0,2}}?(?:{table('event_affected_persons').alternation()})\s+$",
    re.IGNORECASE,
)
# "Law 985, which was enacted in 2005 and prescribes ...", "since it came into force in 1992": a report of one year
# describes its laws in a relative or "since" clause; an article without a report year (a history) narrates them so.
RELATIVE_LAW = re.compile(r"\b(?:which|that|since\s+(?:it|they|the\s+\w+))\s+(?:had\s+|has\s+)?$", re.IGNORECASE)
# "traffickers who had been detained since 2016": a relative clause that describes people, not an action.
RELATIVE_BEFORE = re.compile(
    r"\b(?:who|whom|that|which)\s+(?:(?:had|have|has)\s+)?(?:been|were|was|are|is)\s+(?:\w+ly\s+)?$", re.IGNORECASE
)
# "were investigated": a passive names no actor; without a number or a date it is no event.
PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# A gerund is an action taken inside a list of efforts or a report of one ("efforts included investigating ...",
# "reported convicting ..."), not as a subject ("prosecuting traffickers remained difficult").
GERUND_LEAD = re.compile(
    r"\b(?:includ(?:ed|ing|es)|such\s+as|by|reported|began|started|resumed|continued|through)\b", re.IGNORECASE
)
GERUND_REACH = 200
PURPOSE_BEFORE = re.compile(r"\b(?:for|of|on|about|to)\s+(?:[a-z]+ing\s+(?:and|or)\s+)?$", re.IGNORECASE)
LIST_ITEM = re.compile(r"\s*(?:and\s+)?(?:\w+ly\s+)?[a-z]+ing\b")
# Every trigger with a flag: enforcement verbs make an event only when dated, counted or aimed at one person.
ALL_TRIGGERS = [(p, kind, False, ("event_triggers", kind)) for p, kind in TRIGGERS] + [
    (p, kind, True, gate) for p, kind, gate in ENFORCEMENT
]
# Which triggers (and list leads) may match in a sentence: one RE2 pass instead of one search per pattern.
# A list's lead, its items, and what must close it: "increased investigations and prosecutions", "continued to
# investigate and prosecute", "the number of investigations and prosecutions decreased".
LISTS = ((GROWTH, NOUN_ITEM, None), (CONTINUED, VERB_ITEM, None), (NUMBER_OF, NOUN_ITEM, CHANGED))
GATES = Gates([p for p, *_ in ALL_TRIGGERS] + [lead for lead, _, _ in LISTS])
PERSONS = re.compile(
    rf"(?:(?P<qual>{QUALIFIER})\s+)?"
    rf"\b(?P<num>\d[\d,]*|(?!an?\b)[a-z]+(?:-[a-z]+)?)\s+(?P<obj>{COUNTED_OBJECTS})\b",
    re.IGNORECASE,
)
# "trained 300 police officers and prosecutors": a number, up to three plain words, people (and more people).
FUNCTION_WORDS = r"to|of|for|in|into|on|at|from|with|by|against|about|among|under|over|as|and|or|times"
PLAIN_WORDS = rf"(?:(?!(?:{FUNCTION_WORDS})\b)[A-Za-z-]+\s+){{0,3}}"
PEOPLE = re.compile(
    rf"{COUNT.pattern}\s+(?P<obj>{PLAIN_WORDS}{EVENT_PERSONS}(?:,?\s+(?:and|or)\s+{PLAIN_WORDS}{EVENT_PERSONS})?)\b",
    re.IGNORECASE,
)
PHRASE_END = re.compile(r"[,;](?!\d)|$")
# "prosecuted more cases", "convicting traffickers", "investigating inter-state trafficking": the verb's object,
# after the verbs coordinated with it. With one, a verb without a number or a date is an action of the year.
OBJECT_NOUN = rf"(?:{EVENT_PERSONS}|{COUNTED_OBJECTS}|{table('event_objects').alternation()})\b"
OBJECT = re.compile(rf"\s+(?:(?!(?:{FUNCTION_WORDS})\b)[\w'’-]+\s+){{0,4}}?{OBJECT_NOUN}", re.IGNORECASE)
FIRST_OBJECT = re.compile(rf"\b{OBJECT_NOUN}", re.IGNORECASE)
OBJECT_REACH = 80
# "an investigation into a border official", "arrested a police officer": one person the action is aimed at.
# "a" and "one" take a singular noun: one person ("a few", "a group of" are quantities, not one).
QUANTITY_NOUNS = r"few|dozen|couple|handful|total|number|group|series|lot|majority|minority|range|variety|record"
ONE_PERSON = re.compile(
    rf"\s+(?:(?:into|against|of)\s+)?(?:an?|one)\s+(?!(?:{QUANTITY_NOUNS})\b)(?P<obj>{PLAIN_WORDS}{EVENT_PERSONS})\b",
    re.IGNORECASE,
)
# "two traffickers were convicted", "In 2014, 12 men had been arrested": a passive's counted subject.
SUBJECT_COUNT = re.compile(
    rf"{COUNT.pattern}\s+(?P<obj>{PLAIN_WORDS}(?:{EVENT_PERSONS}|{COUNTED_OBJECTS}))\s+(?:were|was|had\s+been|have\s+been|has\s+been)\s+(?:\w+ly\s+)?"
    r"(?:[a-z]+ed(?:\s*,)?\s+(?:and\s+)?)*$",
    re.IGNORECASE,
)
SUBJECT_REACH = 80
# "... were prosecuted and five traffickers were convicted": people before "were" are another verb's subject.
SUBJECT_OF_NEXT = re.compile(r"\s+(?:were|was|had\s+been|have\s+been|has\s+been)\b", re.IGNORECASE)
# "... they also charged 9.": a bare number that ends the clause counts the people of the verb before it.
BARE_COUNT = re.compile(rf"\s+{COUNT.pattern}(?=\s*(?:[,.;:](?!\d)|$))", re.IGNORECASE)
# "identified a small number of victims": the verb's own phrase, not a later verb's ("convicted X and identified
# its lowest number of victims").
GROUP_OF = re.compile(rf"\s+(?:[\w-]+\s+){{0,3}}?(?:group|number)\s+of\s+(?P<obj>{COUNTED_OBJECTS})", re.IGNORECASE)
LOCATION = re.compile(r"\b(?:in|at)\s+(?:an?\s+|the\s+|another\s+)?(?P<loc>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")
ARREST_COUNT = re.compile(rf"\barrest\w*\s+(?P<count>{COUNT.pattern})", re.IGNORECASE)
PILLAR_OF = table("event_pillars").mapping()


DATE_GLUE = re.compile(r"\s*(?:,|,?\s*(?:and|or))\s*", re.IGNORECASE)
RANGE_LEAD = re.compile(r"\b(?:between|from)\s+$", re.IGNORECASE)


def _date(ctx: SentenceContext, at: int, carried: DateMention | None) -> list[DateMention]:
    """The time dates of the trigger's clause, nearest first; a day list counts as several. A date after a
    comparison ("identified six victims, compared with 32 in 2021") is the other figure's, not the action's."""
    lo, hi = ctx.clause_at(at)
    timed = [d for d in ctx.dates if lo <= d.start < hi and _event_date(ctx.text, d) and not _foreign(ctx, at, d)]
    if not timed:
        return [carried] if carried else []
    nearest = min(timed, key=lambda d: abs(d.start - at))
    starts = {d.start for d in _listed_with(ctx.text, sorted(timed, key=lambda d: d.start), nearest)}
    return [d for d in timed if d.start in starts]


def _listed_with(text: str, timed: list[DateMention], nearest: DateMention) -> list[DateMention]:
    """The dates listed with the nearest one ("renewed in 2003, 2006 and 2008": an action of each year); not the
    two ends of a range ("between 2016 and 2019")."""
    i = timed.index(nearest)
    lo = hi = i
    while lo > 0 and DATE_GLUE.fullmatch(text, timed[lo - 1].end, timed[lo].start):
        lo -= 1
    while hi + 1 < len(timed) and DATE_GLUE.fullmatch(text, timed[hi].end, timed[hi + 1].start):
        hi += 1
    if lo < hi and RANGE_LEAD.search(text, 0, timed[lo].start):
        return [nearest]
    return timed[lo : hi + 1]


def _foreign(ctx: SentenceContext, at: int, date: DateMention) -> bool:
    """A date that is not the action's: a compared figure's ("identified six victims, compared with 32 in
    2021"), a starting point ("the lowest number since 2016"), or an aside's ("the committee, established in
    2018, convened")."""
    text = ctx.text
    if date.start > at and COMPARISON.search(text, at, date.start):
        return True
    # "investigated 166 cases, compared to the 105 of 2016, of which six defendants were prosecuted": an aside's
    aside = date.end <= at and "," in text[date.end : at]
    if aside and COMPARED_LEAD.search(text, max(0, date.start - 80), date.start):
        return True
    if re.search(r"\bsince\s+$", text[max(0, date.start - 6) : date.start], re.IGNORECASE):
        return True
    aside = APPOSITION_DATE.search(text, 0, date.start)
    return bool(aside) and not aside.start() <= at < date.end


def _foreign_only(ctx: SentenceContext, at: int) -> bool:
    """Every time the trigger's clause states is another's: the action takes the surrounding year."""
    lo, hi = ctx.clause_at(at)
    timed = [
        d
        for d in ctx.dates
        if lo <= d.start < hi and d.is_time and not TRAILING_PAREN.match(ctx.text, max(0, d.start - 1))
    ]
    return bool(timed) and all(_foreign(ctx, at, d) for d in timed)


def _event_date(text: str, date: DateMention) -> bool:
    """A time that can date an action: not "since 2014", not the "(2020)" that dates a whole paragraph."""
    if not date.is_time or re.search(r"\bsince\s+$", text[max(0, date.start - 6) : date.start], re.IGNORECASE):
        return False
    return not (text[date.start - 1 : date.start] == "(" and re.match(r"\)\W*$", text[date.end :]))


def _listed(ctx: SentenceContext, maybe: frozenset[int]) -> list[tuple[re.Match[str], int, int, str]]:
    """(lead, start, end, event type) of each item of "increased investigations, prosecutions, and convictions",
    "continued to investigate and prosecute" and "the number of investigations and prosecutions decreased": the
    lead is what a negation or a hedge would deny. `maybe`: the `GATES` the sentence opens."""
    found = []
    for i, (lead, item, close) in enumerate(LISTS):
        if len(ALL_TRIGGERS) + i not in maybe:
            continue
        for m in lead.finditer(ctx.text):
            pos, items = m.end(), []
            while found_item := item.match(ctx.text, pos):
                name = next(k for k, v in found_item.groupdict().items() if v)
                kind = NOUN_EVENT.get(name) or ENFORCEMENT_VERBS[name][1]
                if not _punishes_victims(ctx, found_item.end(), kind):
                    items.append((m, found_item.start(name), found_item.end(), kind))
                pos = found_item.end()
                sep = NOUN_SEPARATOR.match(ctx.text, pos)
                if not sep:
                    break
                pos = sep.end()
            if close is None or close.match(ctx.text, pos):
                found += items
    return found


def _punishes_victims(ctx: SentenceContext, end: int, kind: str) -> bool:
    """ "continued to arrest, detain, and abuse trafficking victims": the first people after the verb are
    victims and the action is not one done for them."""
    if kind in VICTIM_SIDE:
        return False
    first = FIRST_OBJECT.search(ctx.text, end, min(ctx.clause_at(end)[1], end + OBJECT_REACH))
    return bool(first and VICTIM_OBJECT.search(first.group(0)))


def _clause_dated(ctx: SentenceContext, at: int) -> bool:
    lo, hi = ctx.clause_at(at)
    return any(lo <= d.start < hi and _event_date(ctx.text, d) for d in ctx.dates)


def _is_action(ctx: SentenceContext, m: re.Match[str], kind: str, carried: tuple[DateMention, str] | None) -> bool:
    """ "In January 2008, police arrested 32 suspects", "convicting 19 traffickers", "arrested a police officer"
    and totals without a number ("prosecuted more cases", "efforts included convicting traffickers") are
    actions; "prosecuted fewer traffickers", "cases were investigated" and "most convicted traffickers" are not."""
    text = ctx.text
    after = COORDINATED.match(text, m.end()).end()
    if SHORTFALL.match(text, after) or SHORTFALL_LEAD.search(text, 0, m.start()):
        return False
    lo = ctx.clause_at(m.start())[0]
    dated = _clause_dated(ctx, m.start()) or carried is not None
    if _count(ctx, m.start(), m.end())[0] is not None:
        return True
    gerund = bool(m.groupdict().get("gerund"))
    # a bare gerund ("prosecuting traffickers remained difficult in 2019") needs its people: "convicting 19 traffickers"
    if dated and not gerund:
        return True
    if (kind not in VICTIM_SIDE and not OBJECT.match(text, after)) or _punishes_victims(ctx, m.end(), kind):
        return False
    if gerund:
        return _in_efforts_list(ctx, m.start())
    lead = text[lo : m.start()]
    return not (PASSIVE_BEFORE.search(lead) or ATTRIBUTIVE.search(lead))


def _in_efforts_list(ctx: SentenceContext, at: int) -> bool:
    """A gerund inside a list of efforts: "These efforts included identifying victims; training officials; and
    convicting one trafficker" (the list's items may be `;` clauses that each open with a gerund); not the
    purpose or topic of something else ("procedures for identifying and referring victims")."""
    if PURPOSE_BEFORE.search(ctx.text, 0, at):
        return False
    lo = ctx.clause_at(at)[0]
    while lo > 0 and LIST_ITEM.match(ctx.text, lo):
        lo = ctx.clause_at(lo - 1)[0]
    return bool(GERUND_LEAD.search(ctx.text, max(lo, at - GERUND_REACH), at))


def _done(ctx: SentenceContext, m: re.Match[str]) -> bool:
    """A noun trigger is an action taken when a done verb near it, in its clause, is not itself denied
    ("campaigns were not conducted")."""
    lo, hi = ctx.clause_at(m.start())
    return any(
        not _negated(ctx, d.start())
        for d in DONE.finditer(ctx.text, max(lo, m.start() - DONE_REACH), min(hi, m.end() + DONE_REACH))
    )


def _negated(ctx: SentenceContext, start: int) -> bool:
    """Denied: a negation just before, or one that governs the "or" list this item ends ("did not report
    prosecuting any traffickers, identifying victims, or conducting awareness campaigns"); "and continued to"
    or an "and" before the list starts a new predicate ("failed to identify victims and continued to deport
    or detain migrants")."""
    lo = ctx.clause_at(start)[0]
    fresh = max([lo] + [min(m.end(), start) for m in NEW_PREDICATE.finditer(ctx.text, lo) if m.start() < start])
    negation = ctx.negation_before(start, min(50, start - fresh))
    if negation and not (ctx.text.startswith("lack", negation[0]) and NEW_SUBJECT.search(ctx.text, negation[1], start)):
        return True
    item = LAST_OR_ITEM.search(ctx.text, fresh, start)
    if not item:
        return False
    reach = max(fresh, start - LIST_REACH)
    reach = max([reach] + [m.end() for m in AND.finditer(ctx.text, reach, item.start())])
    return item.start() > reach and ctx.negated(item.start(), item.start() - reach)


def _hedged(ctx: SentenceContext, start: int, window: int = 80) -> bool:
    """A possibility before the trigger; not "potential" that only describes people ("identified potential forced
    labor victims through increased inspections": the inspections took place)."""
    if not ctx.hedged(start, window=window):
        return False
    lead = HEDGE_BREAK.split(ctx.text[max(0, start - window) : start])[-1]
    return bool(POTENTIAL.search(POTENTIAL_PEOPLE.sub(" ", lead)))


def _unrealized(ctx: SentenceContext, start: int, window: int = 60) -> bool:
    """Advice or a plan ("should train", "plans to adopt") before the trigger, within the same reach as a
    negation's."""
    lead = ctx.text[max(ctx.clause_at(start)[0], start - window) : start]
    return bool(UNREALIZED.search(REACH_BREAK.split(lead)[-1]))


def _taken(ctx: SentenceContext, m: re.Match[str], kind: str) -> bool:
    """The trigger reports an action that was taken: not denied, hedged, advised or planned, not half of a
    compound ("government-convened"), not a document released."""
    start = m.start()
    if _negated(ctx, start) or _hedged(ctx, start) or ctx.text.endswith("-", 0, start) or _unrealized(ctx, start):
        return False
    if ctx.negated(m.end(), m.end() - start):  # "the action plan was not adopted"
        return False
    lo = ctx.clause_at(start)[0]
    if COMPARED_LEAD.search(ctx.text, lo, start) and not _clause_dated(ctx, start):
        return False  # "compared with initiating prosecution of 24 suspects in the previous period": that period's
    if m.group(0).endswith("ed") and ATTRIBUTIVE.search(ctx.text, 0, start) and PERSON_AFTER.match(ctx.text, m.end()):
        return False  # "the figure included intercepted victims": a kind of victim, not an action
    if (
        m.group(0).endswith("ed")
        and (AFFECTED_BEFORE.search(ctx.text, 0, start) or RELATIVE_BEFORE.search(ctx.text, 0, start))
        and not _clause_dated(ctx, start)
    ):
        return False  # "migrant workers deported from X", "traffickers who had been detained": whom it describes
    if m.group(0).endswith("ed") and DEFINITE_GROUP_BEFORE.search(ctx.text, max(lo, start - 80), start):
        return False
    if RUN_SERVICE.match(m.group(0)) and PRIVATE_SUBJECT.search(ctx.text, lo, start):
        return False
    if kind == "policy_adoption" and ctx.doc.report_year is not None and RELATIVE_LAW.search(ctx.text, lo, start):
        return False
    if kind == "release":
        doc = RELEASED_DOCUMENT.match(ctx.text, m.end())
        if doc and not PERSON_WORD.search(doc.group(0)):
            return False
    if (
        kind in NOUN_KINDS
        and m.group(0)[:1].isupper()
        and start > 0
        and (NAME_PART.match(ctx.text, m.end()) or (kind == "training" and NAME_BEFORE.search(ctx.text, 0, start)))
    ):
        return False
    if (kind not in NOUN_KINDS and not NOUN_TRIGGER.match(m.group(0))) or _done(ctx, m):
        return True
    # "efforts included ...; training border officials": the gerund with its people, in a list of efforts
    return m.group(0).lower() == "training" and bool(TRAINEES.match(ctx.text, m.end())) and _in_efforts_list(ctx, start)


def _head_count(number: str) -> int | None:
    """A whole number of people, not a year ("in 2019")."""
    value = parse_number(number)
    return value if isinstance(value, int) and not re.fullmatch(YEAR_LIKE, number) else None


def _count(ctx: SentenceContext, start: int, end: int) -> tuple[int | None, str | None, str | None]:
    """A head count stated right after the trigger ("arrested over 87 suspects"), else the people it names."""
    lo = ctx.clause_at(start)[0]
    subject = SUBJECT_COUNT.search(ctx.text, max(lo, start - SUBJECT_REACH), start)
    if subject and (value := _head_count(subject.group("num"))) is not None:
        return value, qualifier_of(subject.group("qual")), subject.group("obj")
    window = ctx.text[: min(ctx.clause_at(start)[1], start + 100)]
    # the people of this verb's own phrase: "were convicted, two police officers were investigated" are not its
    found = [*PERSONS.finditer(window, start), *PEOPLE.finditer(window, start, PHRASE_END.search(window, end).start())]
    bare = BARE_COUNT.match(window, end)  # no people named: "they also charged 9."
    for m in found + ([bare] if bare else []):
        if SUBJECT_OF_NEXT.match(window, m.end()):
            continue
        value = _head_count(m.group("num"))
        if value is not None:
            return value, qualifier_of(m.group("qual")), m.groupdict().get("obj")
    group = GROUP_OF.match(window, end)
    if group:
        return None, None, group.group("obj")
    one = ONE_PERSON.match(window, end)
    return (1, "exact", one.group("obj")) if one else (None, None, None)


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
    # "In 2008, police raided a brothel. They arrested 12 suspects.": where no section or report year dates a
    # sentence (a history article), the year that opens an earlier sentence of its paragraph does.
    opening_year: int | None = None
    for i, ctx in enumerate(contexts):
        if ctx.sentence.paragraph_no != paragraph:
            carried, paragraph, opening_year = None, ctx.sentence.paragraph_no, None
        if opening := LEADING_YEAR.search(ctx.text):
            opening_year = int(opening.group("y"))
        if ctx.is_advice:
            continue
        found: list[tuple[int, int, str]] = []
        listed: set[int] = set()  # "increased investigations and prosecutions": totals, no count of their own
        if not (ctx.has("event_triggers") or ctx.has("enforcement_verbs") or ctx.has("indicator_nouns")):
            continue
        maybe = GATES.which(ctx.text)
        for index, (pattern, kind, enforcement, gate) in enumerate(ALL_TRIGGERS):
            if index not in maybe or gate not in ctx.present:
                continue
            for m in pattern.finditer(ctx.text):
                if not _taken(ctx, m, kind):
                    continue
                if (
                    enforcement
                    and (kind not in ALWAYS_SINGLE or m.groupdict().get("gerund"))
                    and not _is_action(ctx, m, kind, carried)
                ):
                    continue
                if not any(kind == k and abs(m.start() - a) < 40 for a, _, k in found):
                    found.append((m.start(), m.end(), kind))
        if ctx.has("indicator_nouns") or ctx.has("enforcement_verbs"):
            for lead, start, end, kind in _listed(ctx, maybe):
                if _taken(ctx, lead, kind) and not any(kind == k and abs(start - a) < 40 for a, _, k in found):
                    found.append((start, end, kind))
                    listed.add(start)
        # the agencies only where an event is found: most sentences report none
        agencies = [_agency(m.name, short) for m in organizations.sentence_mentions(ctx, short)] if found else []
        for start, end, kind in sorted(found):
            same_pillar = carried and carried[1] == PILLAR_OF.get(kind)
            dates = _date(ctx, start, carried[0] if same_pillar else None)
            count, qualifier, described = (None, None, None) if start in listed else _count(ctx, start, end)
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
            year = (ctx.surrounding_year if _foreign_only(ctx, start) else ctx.year_at(start)) or opening_year
            for date in dates or [None]:
                facts.append(
                    fact(
                        ctx,
                        f"event_{kind}",
                        (start, end),
                        country_iso3=ctx.subject,
                        event_type=kind,
                        date=date.value if date else (str(year) if year else None),
                        date_precision=date.precision if date else ("year" if year else None),
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
        # a narrated operation's date carries to the next sentences; a document's adoption date does not
        if timed and found and sorted(found)[-1][2] != "policy_adoption":
            carried = (timed[-1], PILLAR_OF.get(sorted(found)[-1][2], ""))
    return facts
