"""Word-level readings shared by the rules: exploitation kinds, victim groups, sectors, hedges."""

from __future__ import annotations

import re
from functools import lru_cache

from tipfacts.extraction.matcher import Gates, Present
from tipfacts.lexicon.tables import words_alternation
from tipfacts.lexicon.words import (
    ABROAD_WORDS,
    EXPLOITATION_PATTERNS,
    HEDGE_ALLEGED,
    HEDGE_POTENTIAL,
    LABOUR_VICTIM_WORDS,
    PREVENTED,
    SECTOR_PATTERNS,
    TREND_DECREASE,
    TREND_INCREASE,
    VICTIM_GROUP_WORDS,
)

_EXPLOITATION = [(re.compile(p, re.IGNORECASE), kind) for p, kind in EXPLOITATION_PATTERNS.items()]
_SECTOR = [(re.compile(rf"\b(?:{p})", re.IGNORECASE), kind) for p, kind in SECTOR_PATTERNS.items()]
# Which of those may match a clause, in one pass (they have no literal prefix: slow to try one by one).
_EXPLOITATION_GATES = Gates(p for p, _ in _EXPLOITATION)
_SECTOR_GATES = Gates(p for p, _ in _SECTOR)
# Lower case only: "People's Republic" is not a victim group; sentence-initial forms are added.
_VICTIM_FORMS = {**VICTIM_GROUP_WORDS, **{w.capitalize(): g for w, g in VICTIM_GROUP_WORDS.items() if g != "persons"}}
# The class of the words' first letters, tried first, spares most word starts the whole alternation (1.6x faster).
_VICTIM_FIRST = "".join(sorted({re.escape(w[0]) for w in _VICTIM_FORMS}))
_VICTIM = re.compile(rf"\b(?=[{_VICTIM_FIRST}])({words_alternation(_VICTIM_FORMS)})\b")
ABROAD = re.compile(rf"\b(?:{ABROAD_WORDS})\b", re.IGNORECASE)
_LABOUR = re.compile(rf"\b(?:{LABOUR_VICTIM_WORDS})\b", re.IGNORECASE)
# In order: the first that a clause matches is its status; an increase wins over a decrease.
_STATUS = [
    (label, re.compile(p, re.IGNORECASE))
    for label, p in (("prevented", PREVENTED), ("alleged", HEDGE_ALLEGED), ("potential", HEDGE_POTENTIAL))
]
_TREND = [
    (label, re.compile(p, re.IGNORECASE)) for label, p in (("increase", TREND_INCREASE), ("decrease", TREND_DECREASE))
]


# Every reading takes `present`, the lexicon labels that may occur in the clause's sentence
# (SentenceContext.present): patterns of absent labels are not run.


@lru_cache(maxsize=4096)  # flows ask about the same clause several times
def exploitations(text: str, present: Present, labour_default: bool = False) -> tuple[str, ...]:
    """Exploitation kinds a clause names, sorted (a tuple: the cached answer is shared)."""
    possible = _EXPLOITATION_GATES.which(text)
    found = {
        kind
        for i, (pattern, kind) in enumerate(_EXPLOITATION)
        if i in possible and ("exploitations", kind) in present and pattern.search(text)
    }
    if (
        not found
        and labour_default
        and (
            (("labour_victims", ...) in present and _LABOUR.search(text))
            or sector(text, present) not in (None, "entertainment")
        )
    ):
        found.add("forced_labour")
    return tuple(sorted(found))


def victim_groups(text: str, present: Present) -> list[str]:
    if ("victim_groups", ...) not in present:
        return []
    return sorted({_VICTIM_FORMS[m.group(1)] for m in _VICTIM.finditer(text)})


@lru_cache(maxsize=4096)
def sector(text: str, present: Present) -> str | None:
    """The first sector a clause names (reports name the main one first)."""
    possible = _SECTOR_GATES.which(text)
    hits = [
        (m.start(), kind)
        for i, (pattern, kind) in enumerate(_SECTOR)
        if i in possible and ("sectors", kind) in present
        for m in [pattern.search(text)]
        if m
    ]
    return min(hits)[1] if hits else None


def status(text: str, present: Present) -> str:
    """reported | potential | prevented | alleged, from the clause's hedges."""
    for label, pattern in _STATUS:
        if ("statuses", label) in present and pattern.search(text):
            return label
    return "reported"


def trend(text: str, present: Present) -> str | None:
    for label, pattern in _TREND:
        if ("trends", label) in present and pattern.search(text):
            return label
    return None
