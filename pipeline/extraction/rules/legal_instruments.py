"""Laws, codes, treaties and action plans, with what was done to them and when."""

from __future__ import annotations

import re

from tipfacts.extraction.context import MONTH, YEAR, YEAR_LIKE, Claims, SentenceContext
from tipfacts.extraction.facts import Fact, fact, join_list
from tipfacts.extraction.matcher import Gates
from tipfacts.lexicon.tables import table, words_alternation
from tipfacts.lexicon.words import COVERS_PATTERNS, LEGAL_ACTION_PATTERNS, TREATY_PATTERNS

JOIN = rf"(?:{table('name_joiners').alternation()})"
CAP = r"(?:[A-Z][\w'’-]*|\([A-Z][\w'’-]*\))"  # "(Control) Act"
# The syntax of names the instrument_names table fills in: one word of a title, a whole title, a year.
SYNTAX = {
    "{word}": rf"(?:{CAP}|{JOIN})",
    "{title}": rf"{CAP}(?:,?\s+(?:{JOIN}\s+)*{CAP})*",
    "{year}": YEAR,
    "{month}": MONTH,
}
INSTRUMENTS: list[tuple[str, re.Pattern[str]]] = [
    ("treaty", re.compile("|".join(f"(?:{p})" for p in TREATY_PATTERNS))),
    *(
        (str(kind), re.compile(re.sub(r"\{\w+\}", lambda m: SYNTAX[m.group(0)], pattern)))
        for kind, pattern in table("instrument_names").by_label().items()
    ),
]
GATES = Gates(p for _, p in INSTRUMENTS)  # which kinds' names a clause may hold: one pass instead of one per kind
# "did not adopt the 2021-2022 National Action Plan", "failed to adopt its draft": still pending.
NOT_ADOPTED = re.compile(
    r"(?:\b(?:did|does|has|have|had)\s+not\s+(?:yet\s+)?|\bfailed\s+to\s+|\byet\s+to\s+|\black\s+of\s+(?:an?\s+)?"
    rf"(?:formally\s+)?)(?:{table('adoption_verbs').alternation()})\w*"
    rf"(?:\s+(?:the|its|a|an))?(?:\s+draft)?(?:\s+{YEAR_LIKE})?\s*$",
    re.IGNORECASE,
)
LEADING_NOISE = re.compile(rf"^(?:(?:{words_alternation(table('name_lead_words').terms())}|{YEAR})\s+)+")
YEAR_BEFORE = re.compile(rf"\b(?P<y>{YEAR})\s+(?:[\w'’-]+\s+){{0,1}}$")
YEAR_AFTER = re.compile(rf"^\s*(?:of\s+)?(?:\(\s*)?(?P<y>{YEAR})\b")
# An action on something done under or according to the instrument is not an action on the instrument.
ELSEWHERE = re.compile(r"\b(?:under|pursuant\s+to|according\s+to|in\s+line\s+with)\b", re.IGNORECASE)
# At most two words between an action word and the instrument it takes as its object ("developed another").
LEADS_TO = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}")
ARTICLE_OF = re.compile(r"(?P<article>Articles?\s+\d+[\w.]*)\s+of\b")
COVERS_VERBS = re.compile(table("covers_verbs").alternation(), re.IGNORECASE)
_ACTIONS = [(re.compile(p, re.IGNORECASE), a) for p, a in LEGAL_ACTION_PATTERNS.items()]
_COVERS = [(re.compile(p, re.IGNORECASE), c) for p, c in COVERS_PATTERNS.items()]


def _action(
    ctx: SentenceContext, offset: int, clause: str, start: int, end: int, others: list[tuple[int, int]]
) -> tuple[str | None, int | None]:
    """The action word nearest the instrument; "not yet enacted" is pending; other negations drop it. A word
    inside another instrument's name describes that one ("an updated national action plan and SOPs")."""
    best = None
    for pattern, action in _ACTIONS:
        if not ctx.has("legal_actions", action):
            continue
        for m in pattern.finditer(clause):
            distance = start - m.end() if m.end() <= start else (m.start() - end) * 1.5
            if distance < 0 or distance > 80:
                continue
            if action != "pending" and ctx.negated(offset + m.start(), 25):
                continue
            if any(a <= m.start() < b for a, b in others) or (
                m.end() <= start and ELSEWHERE.search(clause[m.end() : start])
            ):
                continue  # "approved regulations under the Act" acts on the regulations
            if m.start() >= end and any(m.end() <= a and LEADS_TO.fullmatch(clause[m.end() : a]) for a, _ in others):
                continue  # "implemented a plan ... and developed another plan": the word is the next one's
            if best is None or distance < best[0]:
                best = (distance, action, m.start())
    return (best[1], best[2]) if best else (None, None)


def _covers(ctx: SentenceContext, clause: str) -> str | None:
    if not ctx.has("covers") or not COVERS_VERBS.search(clause):
        return None
    return join_list(c for p, c in _COVERS if ctx.has("covers", c) and p.search(clause))


def _date(
    ctx: SentenceContext, clause_offset: int, clause: str, span: tuple[int, int], kind: str, action_at: int | None
) -> str | None:
    """When the action happened ("ratified ... in November 2009"); for a law, else the year in its
    name ("its 2003 Act"). A treaty's own year ("the 2000 Protocol") is not when a country acted."""
    start, end = span
    timed = [
        d
        for d in ctx.dates
        if d.is_time
        and clause_offset <= d.start < clause_offset + len(clause)
        and not start <= d.start - clause_offset < end
    ]
    if action_at is not None and timed:
        anchor = clause_offset + action_at
        return min(timed, key=lambda d: abs(d.start - anchor)).value
    if kind == "treaty":
        return None
    inside = re.search(rf"\b{YEAR}\b", clause[start:end])
    beside = YEAR_BEFORE.search(clause[max(0, start - 12) : start]) or YEAR_AFTER.match(clause[end : end + 12])
    if inside:
        return inside.group(0)
    return beside.group("y") if beside else None


def _articles(ctx: SentenceContext) -> dict[str, str]:
    """ "Article 80" -> "Article 80 of the Penal Code" where the report names the article's code once: a later
    "under Article 80" is the same instrument (computed once per report)."""
    if "legal_articles" not in ctx.shared:
        penal = next(p for kind, p in INSTRUMENTS if kind == "penal_code")
        ctx.shared["legal_articles"] = {
            m.group("article"): LEADING_NOISE.sub("", found.group(0))
            for found in penal.finditer(ctx.doc.text)
            for m in [ARTICLE_OF.match(found.group(0))]
            if m
        }
    return ctx.shared["legal_articles"]


def _names(ctx: SentenceContext, clause: str) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, name) of each instrument a clause names; an earlier kind's name wins an overlap."""
    taken, found = Claims(), []
    possible = GATES.which(clause)
    for i, (kind, pattern) in enumerate(INSTRUMENTS):
        if i not in possible or not (
            ctx.has("treaties") or ctx.has("trafficking_protocol")
            if kind == "treaty"
            else ctx.has("instrument_heads", kind)
        ):
            continue
        for m in pattern.finditer(clause):
            start, end = m.span()
            if taken.overlaps(start, end):
                continue
            name = LEADING_NOISE.sub("", m.group(0)).strip(" ,.")
            name = ctx.acronyms.get(name, name)
            if kind == "penal_code":
                name = _articles(ctx).get(name, name)
            if name and re.search(r"[A-Za-z]{3}", name):
                taken.claim(start, end)
                found.append((kind, start, end, name))
    return found


def extract(ctx: SentenceContext) -> list[Fact]:
    facts = []
    for offset, clause in ctx.clauses():
        names = _names(ctx, clause)
        for kind, start, end, written in names:
            others = [(a, b) for _, a, b, _ in names if (a, b) != (start, end)]
            action, action_at = _action(ctx, offset, clause, start, end, others)
            name = re.sub(r"^draft\s+", "", written)
            if action is None and name != written:
                action = "drafted"  # "published draft standard operating procedures"
            if NOT_ADOPTED.search(clause[max(0, start - 60) : start]):
                action, action_at = "pending", None
            if action is None and ctx.negated(offset + start, 30):
                continue
            facts.append(
                fact(
                    ctx,
                    f"legal_{kind}",
                    (offset + start, offset + end),
                    country_iso3=ctx.subject,
                    instrument=name,
                    instrument_kind=kind,
                    action=action or "in_force",
                    date=_date(ctx, offset, clause, (start, end), kind, action_at),
                    covers=_covers(ctx, clause) if kind in ("statute", "penal_code") else None,
                )
            )
    return facts
