"""One matching pass per sentence over every lexicon term: typed spans the rules read.

All terms of the vocabulary tables the rules match (`TABLES`) are compiled into one RE2 set
(google-re2), run once per sentence. Chosen by measurement: "which of the 450 terms (then) occur" over the
601 sentences (567 kB) of the 300 Factbook reports, CPU time, 2-core VM, 2026-12-03: one Python `re`
search per term 3,368 ms; one combined Python alternation with named groups 49,348 ms (and it cannot
report overlapping terms); Hyperscan 14.5 ms (but ASCII-only classes gave wrong answers without its
UTF-8 mode, and no lookarounds); RE2 set 9.9 ms (75 ms on its first pass, while it builds its DFA). The set
tells which terms occur; only those terms' own patterns then run, for their positions: a
`Span(table, label, start, end, term)` per match. A rule reads the spans of its tables, and a rule
family runs only where its spans occur.

The set matches each term's *gate* form: the pattern without word boundaries and lookarounds
(`gate_form`), and case-insensitive. Dropping assertions only widens what matches, and without
them a match inside any part of a sentence is a match in the whole sentence: so a term absent
from a sentence's set is absent from every clause and window of it, whatever case or boundaries
the rule asks for. The gate may say yes where the rule's own pattern then says no; never the
reverse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

import re2

from tipfacts.lexicon.tables import Table, tables

# The tables rules read through the matcher.
TABLES = (
    "exploitations",
    "labour_victims",
    "victim_groups",
    "sectors",
    "statuses",
    "negations",
    "trends",
    "qualifiers",
    "enforcement_verbs",
    "indicator_nouns",
    "event_triggers",
    "trafficking_protocol",
    "treaties",
    "instrument_heads",
    "legal_actions",
    "covers",
    "org_heads",
    "org_names",
    "movements",
)


# (table, label) pairs that may occur in a sentence; (table, ...) when any of the table's labels may.
Present = frozenset[tuple[str, object]]


@dataclass(frozen=True, slots=True)
class Span:
    table: str
    label: object
    start: int
    end: int
    term: str


def _group_end(pattern: str, i: int) -> int:
    """Index just past the group that opens at `pattern[i]` ("(")."""
    depth, cls = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    raise ValueError(f"unbalanced group in {pattern!r}")


# Python's classes are Unicode-wide, RE2's ASCII: each is widened to every non-ASCII character, so the
# gate still matches wherever Python would.
NON_ASCII = r"\x{80}-\x{10FFFF}"
IN_CLASS = {"w": rf"0-9A-Za-z_{NON_ASCII}", "s": rf"\t-\r\x1c- {NON_ASCII}", "d": rf"0-9{NON_ASCII}"}
OUTSIDE = {k: f"[{v}]" for k, v in IN_CLASS.items()} | {"W": "[^0-9A-Za-z_]", "S": r"[^\t-\r\x1c- ]", "D": "[^0-9]"}


def gate_form(pattern: str) -> str:
    """The pattern without `\\b`, `\\B`, `^`, `$` and lookarounds, its classes widened to any non-ASCII
    character: it matches wherever the pattern matches in any stretch of a text, and in the whole text then too."""
    out, i = [], 0
    cls: str | None = None  # inside a class: "[" or "[^"
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            escape = pattern[i + 1 : i + 2]
            if cls is None and escape in "bB":
                pass
            elif cls is None and escape in OUTSIDE:
                out.append(OUTSIDE[escape])
            elif cls == "[" and escape in IN_CLASS:
                out.append(IN_CLASS[escape])
            elif cls is not None and escape in "wsdWSD":
                raise ValueError(f"{pattern!r}: no gate form for \\{escape} in {cls}...]")
            else:
                out.append(pattern[i : i + 2])
            i += 2
            continue
        if cls is not None:
            cls = None if c == "]" else cls
        elif c == "[":
            cls = "[^" if pattern.startswith("[^", i) else "["
            out.append(cls)
            i += len(cls)
            continue
        elif c in "^$":
            i += 1
            continue
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            i = _group_end(pattern, i)
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _pattern(table: Table, term: str) -> str:
    return term if table.match == "regex" else re.escape(term)


@dataclass(frozen=True)
class Term:
    table: str
    label: object
    term: str
    pattern: re.Pattern[str]  # the term itself, case-insensitive: where it may match


# RE2's memory budget for the set's lazily built DFA. At the default 8 MiB the 532 terms' DFA does not fit:
# RE2 flushes it again and again and falls back to its NFA, 40x slower (the 601 sentences of the 300 Factbook
# reports: 490 ms CPU per pass at 8 MiB, 12 ms at 32 MiB once built, 2026-12-03). Matches are the same.
DFA_MEMORY = 64 << 20


def _set(patterns: Iterable[str], case_sensitive: bool = False) -> re2.Set:
    """An RE2 set of the patterns' gate forms: which of them may occur, in one pass. Case-insensitive unless
    asked (then a pattern may still ask for itself, with a leading `(?i)`)."""
    options = re2.Options()
    options.case_sensitive = case_sensitive
    options.never_capture = True
    options.max_mem = DFA_MEMORY
    found = re2.Set.SearchSet(options)
    for i, pattern in enumerate(patterns):
        index = found.Add(gate_form(pattern))
        assert index == i
    found.Compile()
    return found


class Gates:
    """A rule's own slow patterns, gated together: `which(text)` tells, in one RE2 pass, which of them may match
    in `text` (their gate forms occur); the others cannot match there and need not be tried."""

    def __init__(self, patterns: Iterable[re.Pattern[str]]) -> None:
        # each gate as case-sensitive as its pattern: "UN" must not open the gate for every "country"
        self.set = _set((f"(?i){p.pattern}" if p.flags & re.IGNORECASE else p.pattern for p in patterns), True)

    def which(self, text: str) -> frozenset[int]:
        """Indexes (in the order given) of the patterns that may match somewhere in `text`."""
        return frozenset(self.set.Match(text) or ())  # None when nothing matches


class Matcher:
    """Every term of `names`, compiled into one RE2 set of gate forms."""

    def __init__(self, names: tuple[str, ...] = TABLES) -> None:
        loaded = tables()
        self.terms: list[Term] = []
        for name in names:
            table = loaded[name]
            for entry in table.entries:
                pattern = _pattern(table, entry.term)
                self.terms.append(Term(name, entry.label, entry.term, re.compile(pattern, re.IGNORECASE)))
        self.set = _set(t.pattern.pattern for t in self.terms)

    def present(self, text: str) -> list[Term]:
        """The terms whose gate form occurs in `text`, in table and file order."""
        return [self.terms[i] for i in sorted(self.set.Match(text) or ())]  # None when nothing matches

    def labels(self, text: str) -> Present:
        """(table, label) of every term that may occur in `text`, and (table, None) for each such table."""
        found = {(t.table, t.label) for t in self.present(text)}
        return frozenset(found | {(table, ...) for table, _ in found})

    def spans(self, text: str, table: str | None = None) -> list[Span]:
        """Every match of every present term (case-insensitive, as the term is written), by position; only
        `table`'s when one is given (the others' patterns are not run)."""
        found = [
            Span(t.table, t.label, m.start(), m.end(), t.term)
            for t in self.present(text)
            if table is None or t.table == table
            for m in t.pattern.finditer(text)
        ]
        return sorted(found, key=lambda s: (s.start, -s.end, s.table, s.term))


@cache
def matcher() -> Matcher:
    return Matcher()
