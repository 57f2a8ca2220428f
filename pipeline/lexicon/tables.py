"""The vocabulary files beside this module (`*.yaml`): loaded once, checked on load.

Each file maps table names to tables:

    exploitations:                  # table name, unique over all files
      about: what the table is for  # shown in DATA_DICTIONARY.md
      match: regex                  # regex: each term is a pattern (it must compile); words: literal words
      labels: EXPLOITATIONS         # a list of tipfacts.schemas.vocabularies; or `number`; or [A, B]; or absent
      entries:                      # labels: VOCAB  -> label: [term, ...]
        forced_labour:              # labels: [A, B] -> term: [a, b] (null allowed)
          - 'debt\\s+bondage'       # no labels      -> [term, ...]

Checks: known keys, labels that are values of their vocabulary, no term twice in a table, patterns
that compile. A broken file fails with a LexiconError naming the file, the table and the entry.
The rules keep only syntax (how a clause, a list, a date is built); the words are here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from tipfacts.errors import LexiconError
from tipfacts.schemas import vocabularies

HERE = Path(__file__).parent
TABLE_KEYS = {"about", "match", "labels", "entries"}
MATCH_KINDS = ("regex", "words")
Label = str | int | tuple[str | None, ...] | None


@dataclass(frozen=True, slots=True)
class Entry:
    term: str
    label: Label


@dataclass(frozen=True)
class Table:
    """One term -> label table, in file order."""

    name: str
    path: Path
    about: str
    match: str  # regex | words
    labels: str | tuple[str, ...] | None
    entries: tuple[Entry, ...]

    def terms(self, label: Label = ...) -> list[str]:  # type: ignore[assignment]
        """Every term, or those of one label, in file order."""
        return [e.term for e in self.entries if label is ... or e.label == label]

    def alternation(self, label: Label = ...) -> str:  # type: ignore[assignment]
        """The terms (of one label) as one regex alternation, in file order; words are escaped."""
        terms = self.terms(label)
        return "|".join(terms if self.match == "regex" else map(re.escape, terms))

    def by_label(self) -> dict[Label, str]:
        """Label -> alternation of its terms, labels in file order."""
        return {label: self.alternation(label) for label in dict.fromkeys(e.label for e in self.entries)}

    def mapping(self) -> dict[str, Label]:
        """Term -> label, in file order."""
        return {e.term: e.label for e in self.entries}


def words_alternation(words: Any) -> str:
    """Literal words as one alternation, longest first so a longer phrase wins over its prefix."""
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


def _vocabulary(path: Path, where: str, name: object) -> list[Any]:
    values = getattr(vocabularies, str(name), None) if isinstance(name, str) else None
    if not isinstance(values, list):
        raise LexiconError(path, f"{where}: labels {name!r} is not a vocabulary of tipfacts.schemas.vocabularies")
    return values


def _check_label(path: Path, where: str, labels: Any, label: Any) -> Label:
    if labels == "number":
        if not isinstance(label, int) or isinstance(label, bool):
            raise LexiconError(path, f"{where}: label {label!r} is not a whole number")
        return label
    if isinstance(labels, list):
        if not isinstance(label, list) or len(label) != len(labels):
            raise LexiconError(path, f"{where}: needs one value for each of {labels}, got {label!r}")
        return tuple(
            None if value is None else _check_label(path, where, vocab, value)  # type: ignore[misc]
            for vocab, value in zip(labels, label, strict=True)
        )
    if label not in _vocabulary(path, where, labels):
        raise LexiconError(path, f"{where}: label {label!r} is not a value of {labels}")
    return label


def _entries(path: Path, name: str, spec: dict[str, Any]) -> tuple[Entry, ...]:
    labels, raw = spec.get("labels"), spec.get("entries")
    where = f"table {name!r}"
    if labels is None:
        if not isinstance(raw, list):
            raise LexiconError(path, f"{where}: entries must be a list of terms (the table has no labels)")
        pairs = [(term, None) for term in raw]
    elif isinstance(labels, list):
        if not isinstance(raw, dict):
            raise LexiconError(path, f"{where}: entries must map each term to its {labels}")
        pairs = [(term, _check_label(path, f"{where}, term {term!r}", labels, value)) for term, value in raw.items()]
    else:
        if not isinstance(raw, dict):
            raise LexiconError(path, f"{where}: entries must map each label to its list of terms")
        pairs = []
        for label, terms in raw.items():
            checked = _check_label(path, f"{where}, label {label!r}", labels, label)
            if not isinstance(terms, list) or not terms:
                raise LexiconError(path, f"{where}, label {label!r}: needs a non-empty list of terms")
            pairs += [(term, checked) for term in terms]
    seen: set[str] = set()
    out = []
    for term, label in pairs:
        if not isinstance(term, str) or not term.strip():
            raise LexiconError(path, f"{where}: entry {term!r} is not a non-empty text")
        if term in seen:
            raise LexiconError(path, f"{where}: term {term!r} is listed twice")
        seen.add(term)
        if spec["match"] == "regex":
            try:
                re.compile(term)
            except re.error as err:
                raise LexiconError(path, f"{where}: pattern {term!r} does not compile: {err}") from None
        out.append(Entry(term, label))
    return tuple(out)


def load_file(path: Path) -> dict[str, Table]:
    """The tables of one vocabulary file, checked."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise LexiconError(path, f"not valid YAML: {err}") from None
    if not isinstance(data, dict):
        raise LexiconError(path, "must map table names to tables")
    tables = {}
    for name, spec in data.items():
        if not isinstance(spec, dict) or not {"about", "match", "entries"} <= spec.keys() or spec.keys() - TABLE_KEYS:
            raise LexiconError(path, f"table {name!r}: needs keys about, match, entries (and may have labels)")
        if spec["match"] not in MATCH_KINDS:
            raise LexiconError(path, f"table {name!r}: match must be one of {MATCH_KINDS}, not {spec['match']!r}")
        labels = spec.get("labels")
        tables[name] = Table(
            name,
            path,
            str(spec["about"]),
            spec["match"],
            tuple(labels) if isinstance(labels, list) else labels,
            _entries(path, name, spec),
        )
    return tables


@cache
def tables(folder: Path = HERE) -> dict[str, Table]:
    """Every table of every `*.yaml` file in `folder`, by name; a name used twice is an error."""
    out: dict[str, Table] = {}
    for path in sorted(folder.glob("*.yaml")):
        for name, table in load_file(path).items():
            if name in out:
                raise LexiconError(path, f"table {name!r} is also defined in {out[name].path.name}")
            out[name] = table
    return out


def table(name: str) -> Table:
    return tables()[name]
