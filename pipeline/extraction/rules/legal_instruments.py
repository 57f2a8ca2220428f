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
    rf"(?:formally\s+)?)(?:{table('adoption_verbs').alternation()})\w*(?:\s+(?:and|or)\s+\w+)?"
    rf"(?:\s+(?:the|its|a|an))?(?:\s+draft)?(?:\s+{YEAR_LIKE})?\s*$",
    re.IGNORECASE,
)
LEADING_NOISE = re.compile(rf"^(?:(?:{words_alternation(table('name_lead_words').terms())}|{YEAR})\s+)+")
YEAR_BEFORE = re.compile(rf"\b(?P<y>{YEAR})\s+(?:[\w'’-]+\s+){{0,1}}$")
YEAR_AFTER = re.compile(rf"^\s*(?:of\s+)?(?:\(\s*)?(?P<y>{YEAR})\b")
# An action on something done under or according to the instrument is not an action on the instrument.
# So is an action on another thing instead of it ("prosecuted under the procurement statute rather than the
# trafficking statute").
ELSEWHERE = re.compile(
    r"\b(?:under|pursuant\s+to|according\s+to|in\s+line\s+with|rather\s+than|instead\s+of)\b", re.IGNORECASE
)
# "adopting a NAP and SOPs", "finalized a National Action Plan (NAP)": instruments joined by "and", "or" or a comma,
# or one in brackets after another, share the action word before them.
COORDINATED = re.compile(r"\s*\)?\s*(?:,\s*)?(?:(?:and|or|as\s+well\s+as)\b|,|\()", re.IGNORECASE)
# "developing a monitoring and evaluation strategy for its National Action Plan": the action word's object is the
# thing made for the instrument, not the instrument.
MADE_FOR = re.compile(r"\s+(?:[\w'’-]+\s+){1,5}for\s+(?:the|its|their|a|an)\s+", re.IGNORECASE)
# At most two words between an action word and the instrument it takes as its object ("developed another").
LEADS_TO = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}")
ARTICLE_OF = re.compile(r"(?P<article>Articles?\s+\d+[\w.]*)\s+of\b")
# "a comprehensive anti-trafficking statute, Law 985," and "the domestic labor law (Law 68/15)": a number
# in apposition is the same law, not a second one.
NUMBERED = re.compile(r"(?:Law|Act)\s+(?:No\.\s*|number\s+)?\d", re.IGNORECASE)
APPOSITION = re.compile(r"\s*[,(]\s*")
# Words a report's shorter name of an instrument leaves out ("the NAP" for "the 2021-2024 national action
# plan"); a name with a word of a new version ("the new anti-trafficking law") is another instrument.
NAME_STOP_WORDS = frozenset({"the", "of", "a", "an", "and", "in", "on", "for", "to", "its", "s"})
VERSION_WORDS = frozenset({"new", "draft", "proposed", "revised", "updated", "amended"})
# Head words a report uses for one law ("the anti-trafficking law" for "the Anti-Trafficking in Persons Act").
SAME_HEAD = {"act": "law", "legislation": "law", "statute": "law"}
HEADS = ("law", *SAME_HEAD)
PATTERN_OF = dict(INSTRUMENTS)
NON_NAME = re.compile(table("instrument_non_names").alternation(), re.IGNORECASE)
GATE_OF = {kind: i for i, (kind, _) in enumerate(INSTRUMENTS)}  # a kind's index in GATES
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
                m.end() <= start
                and (ELSEWHERE.search(clause[m.end() : start]) or MADE_FOR.fullmatch(clause, m.end(), start))
            ):
                continue  # "approved regulations under the Act" acts on the regulations, "developed a strategy for the
                # Plan" on the strategy
            if m.start() >= end and any(m.end() <= a and LEADS_TO.fullmatch(clause[m.end() : a]) for a, _ in others):
                continue  # "implemented a plan ... and developed another plan": the word is the next one's
            if m.start() >= end and action != "pending" and m.group(0).lower().endswith("ing"):
                continue  # "implementing the act, convicting traffickers, developing a plan": the next item's
            if m.end() <= start and any(
                m.end() <= a and b <= start and not COORDINATED.match(clause, b) for a, b in others
            ):
                continue  # "issuing a decree to develop a national action plan": the nearer instrument's word
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
    after = YEAR_AFTER.match(clause[end : end + 12])  # "the Act of 2003 was amended in 2013": the name's year
    named_end = end + after.end("y") if after else end
    timed = [
        d
        for d in ctx.dates
        if d.is_time
        and clause_offset <= d.start < clause_offset + len(clause)
        and not start <= d.start - clause_offset < named_end
    ]
    if action_at is not None and timed:
        anchor = clause_offset + action_at
        return min(timed, key=lambda d: abs(d.start - anchor)).value
    return None if kind == "treaty" else _own_year(clause, start, end)


def _own_year(text: str, start: int, end: int) -> str | None:
    """The year in an instrument's name, or right beside it ("its 2003 Act", "the Act of 2003")."""
    inside = re.search(rf"\b{YEAR}\b", text[start:end])
    beside = YEAR_BEFORE.search(text[max(0, start - 12) : start]) or YEAR_AFTER.match(text[end : end + 12])
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


def _kinds(ctx: SentenceContext) -> frozenset[int]:
    """Indexes (in INSTRUMENTS) of the kinds whose names the sentence may hold: their head words occur in it, and
    their gate opens on it (two thirds of sentences have none: their clauses need not be read)."""
    possible = GATES.which(ctx.text)  # a clause's gate opens only where its sentence's does
    return frozenset(
        i
        for i, (kind, _) in enumerate(INSTRUMENTS)
        if i in possible
        and (
            ctx.has("treaties") or ctx.has("trafficking_protocol")
            if kind == "treaty"
            else ctx.has("instrument_heads", kind)
        )
    )


def _names(ctx: SentenceContext, clause: str, kinds: frozenset[int]) -> list[tuple[str, int, int, str]]:
    """(kind, start, end, name) of each instrument a clause names; an earlier kind's name wins an overlap.
    `kinds`: the sentence's (_kinds)."""
    taken, found = Claims(), []
    possible = GATES.which(clause) & kinds
    for i, (kind, pattern) in enumerate(INSTRUMENTS):
        if i not in possible:
            continue
        for m in pattern.finditer(clause):
            start, end = m.span()
            if taken.overlaps(start, end):
                continue
            name = LEADING_NOISE.sub("", m.group(0)).strip(" ,.")
            name = ctx.acronyms.get(name, name)
            if kind == "penal_code":
                name = _articles(ctx).get(name, name)
            if name and re.search(r"[A-Za-z]{3}", name) and not NON_NAME.fullmatch(name):
                taken.claim(start, end)
                found.append((kind, start, end, name))
    return found


def _word_list(name: str) -> list[str]:
    """The words that tell one name from another, in order: no articles, possessives or years."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]s\b", "", name.lower()))
    return [SAME_HEAD.get(w, w) for w in words if w not in NAME_STOP_WORDS and not re.fullmatch(YEAR_LIKE, w)]


def _within(short: list[str], full: list[str]) -> bool:
    """The short name's words stand in the full name in their order ("trafficking act" in "Trafficking in Persons
    Act"), and the full name adds no word of a new version ("new anti-trafficking law" is another law)."""
    rest = iter(full)
    return all(word in rest for word in short) and not (set(full) - set(short)) & VERSION_WORDS


def _fuller(ctx: SentenceContext, kind: str, name: str) -> tuple[str, str | None]:
    """The one fuller name the report gives the instrument a shorter name stands for ("the national action plan"
    after "the 2021-2024 national action plan", "the 2007 trafficking act" for "the Trafficking in Persons Act"),
    so one instrument is one row, with the year it is named with; the name itself where there is none, or several
    (computed once per report)."""
    if kind in ("treaty", "penal_code") or name != name.lower():
        return name, None  # treaties have their own aliases, articles their code; a capitalized title is a name
    known = ctx.shared.setdefault("legal_fuller", {})
    if (kind, name) not in known:
        words, fuller, dated = _word_list(name), {}, {}
        lowered = ctx.shared.setdefault("legal_lower", {})
        for sentence in ctx.doc.sentences:
            lower = lowered.get(sentence.sentence_id) or lowered.setdefault(sentence.sentence_id, sentence.text.lower())
            if not all(w in lower if w != "law" else any(h in lower for h in HEADS) for w in words):
                continue  # the cheap test first: a fuller name holds every word of this one
            for other, year in _named(ctx, kind, sentence.sentence_id, sentence.text):
                if len(other) > len(name) and _within(words, _word_list(other)):
                    fuller.setdefault(other.lower(), (other, year))
                elif year and other == name:  # else the same name with a year: "the 2011 anti-trafficking plan"
                    dated.setdefault(year, (other, year))
        only = fuller if fuller else dated
        known[(kind, name)] = next(iter(only.values())) if len(only) == 1 else (name, None)
    return known[(kind, name)]


def _named(ctx: SentenceContext, kind: str, sentence_id: str, text: str) -> list[tuple[str, str | None]]:
    """(name, year) of each name of a kind in a sentence of the report, found once per report and kind."""
    found = ctx.shared.setdefault("legal_named", {})
    if (kind, sentence_id) not in found:
        found[(kind, sentence_id)] = [
            (LEADING_NOISE.sub("", m.group(0)).strip(" ,."), _own_year(text, m.start(), m.end()))
            for m in (PATTERN_OF[kind].finditer(text) if GATE_OF[kind] in GATES.which(text) else ())
        ]
    return found[(kind, sentence_id)]


def extract(ctx: SentenceContext) -> list[Fact]:
    facts = []
    kinds = _kinds(ctx)
    for offset, clause in ctx.clauses() if kinds else ():
        names = _names(ctx, clause, kinds)
        appositions = {
            (a, b)
            for kind, start, end, written in names
            for other_kind, a, b, other in names
            if other_kind == kind
            and NUMBERED.match(other)
            and not NUMBERED.match(written)
            and end < a
            and APPOSITION.fullmatch(clause[end:a])
        }
        for kind, start, end, written in names:
            if (start, end) in appositions:
                continue
            others = [(a, b) for _, a, b, _ in names if (a, b) != (start, end)]
            action, action_at = _action(ctx, offset, clause, start, end, others)
            name, named_year = _fuller(ctx, kind, re.sub(r"^draft\s+", "", written))
            if action is None and re.match(r"draft\s", written):
                action = "drafted"  # "published draft standard operating procedures"
            if NOT_ADOPTED.search(clause[max(0, start - 60) : start]):
                action, action_at = "pending", None
            if action is None and ctx.negated(offset + start, 30):
                continue
            # a law cases were brought under is dated by its name, not by the cases ("convicted ... in 2019 under")
            date = _date(ctx, offset, clause, (start, end), kind, None if action == "relied_on" else action_at)
            if date is None and action is None:
                date = named_year  # "the plan" in force is the "2021-2024 plan" named earlier: its year, as its own
            facts.append(
                fact(
                    ctx,
                    f"legal_{kind}",
                    (offset + start, offset + end),
                    country_iso3=ctx.subject,
                    instrument=name,
                    instrument_kind=kind,
                    action=action or "in_force",
                    date=date,
                    covers=_covers(ctx, clause) if kind in ("statute", "penal_code") else None,
                )
            )
    return facts
