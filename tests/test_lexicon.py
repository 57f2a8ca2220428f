"""The vocabulary files: every table loads and keeps its schema; a broken file is refused with its name and entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tipfacts.dataset import dictionary
from tipfacts.errors import LexiconError
from tipfacts.lexicon import tables
from tipfacts.schemas import vocabularies


def test_every_table_loads_with_known_labels() -> None:
    loaded = tables.tables()
    assert {"exploitations", "sectors", "victim_groups", "event_triggers", "enforcement_verbs", "org_heads"} <= set(
        loaded
    )
    for table in loaded.values():
        assert table.entries, table.name
        if isinstance(table.labels, str) and table.labels != "number":
            allowed = getattr(vocabularies, table.labels)
            assert all(e.label in allowed for e in table.entries), table.name


def test_labels_map_to_terms_in_file_order() -> None:
    exploitations = tables.table("exploitations")
    assert "debt\\s+bondage" in exploitations.terms("forced_labour")
    assert re.search(exploitations.alternation("forced_labour"), "held in debt bondage")
    assert tables.table("victim_groups").mapping()["girl"] == "girls"
    assert tables.table("enforcement_verbs").mapping()["assist"] == ("victims_assisted", None)


def test_words_alternation_prefers_the_longer_phrase() -> None:
    m = re.search(tables.words_alternation(["more", "more than"]), "more than 30")
    assert m is not None and m.group(0) == "more than"


GOOD = """
kinds:
  about: test
  match: regex
  labels: EXPLOITATIONS
  entries:
    forced_labour: ['forced\\s+labou?r']
"""


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (GOOD.replace("forced_labour:", "forced_work:"), ["kinds", "'forced_work'", "EXPLOITATIONS"]),
        (GOOD.replace("'forced\\s+labou?r'", "'forced', 'forced'"), ["kinds", "'forced'", "twice"]),
        (GOOD.replace("'forced\\s+labou?r'", "'forced(labour'"), ["kinds", "'forced(labour'", "does not compile"]),
        (GOOD.replace("EXPLOITATIONS", "KINDS_OF_THINGS"), ["kinds", "KINDS_OF_THINGS", "not a vocabulary"]),
        (GOOD.replace("match: regex", "match: glob"), ["kinds", "match must be one of"]),
        (GOOD.replace("  about: test\n", ""), ["kinds", "needs keys"]),
        ("kinds: [", ["not valid YAML"]),
    ],
)
def test_a_broken_file_is_refused_naming_file_and_entry(tmp_path: Path, text: str, words: list[str]) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(LexiconError) as err:
        tables.load_file(path)
    assert str(err.value).startswith(str(path))
    for word in words:
        assert word in str(err.value)


def test_a_table_name_used_in_two_files_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(LexiconError, match=r"b\.yaml: table 'kinds' is also defined in a\.yaml"):
        tables.tables(tmp_path)


def test_the_data_dictionary_shows_which_words_yield_which_value() -> None:
    text = dictionary.render()
    row = next(line for line in text.splitlines() if line.startswith("| forced_labour |"))
    assert "`debt\\s+bondage`" in row
    assert "| victims_assisted / - | `assist` |" in text
