"""The vocabulary files: every table loads and keeps its schema; a broken file is refused with its name and entry."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import MAX_BYTES, PROJECT, import_root, write_report

from tipfacts.dataset import dictionary
from tipfacts.errors import LexiconError
from tipfacts.lexicon import tables
from tipfacts.schemas import vocabularies


def test_every_table_loads_with_known_labels() -> None:
    loaded = tables.tables()
    assert {"exploitations", "sectors", "victim_groups", "event_triggers", "enforcement_verbs", "org_heads"} <= set(
        loaded
    )
    # issue 11: the count and assessment rules' words are tables too
    assert {"zero_objects", "rescued_objects", "denied_verbs", "standards_not_met", "efforts_made"} <= set(loaded)
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
    assert "| victims_assisted / - | `assist`, `shelter`" in text  # verbs that count victims helped, no event


VICTIMS_IDENTIFIED = """
from pathlib import Path
import sys
from tipfacts.stages.extract import extract_document
from tipfacts.stages.ingest import ingest
(doc,) = ingest(Path(sys.argv[1]), int(sys.argv[2]))
print(sorted(int(f["value"]) for f in extract_document(doc)["statistics"] if f["indicator"] == "victims_identified"))
"""


def test_a_word_added_to_a_table_changes_what_the_rule_counts(tmp_path: Path) -> None:
    """The count rule reads whom a victim-side verb counts from `rescued_objects`, not from its own code."""
    reports = write_report(
        tmp_path / "reports",
        "= Trafficking in persons: Peru =\n\nIn 2021, labor inspectors identified 30 workers on fishing vessels.\n",
        {"subject": "Peru", "report_year": 2021},
    )
    project = tmp_path / "project"
    for part in ("pipeline", "schemas"):
        shutil.copytree(PROJECT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))

    def identified() -> str:
        run = [sys.executable, "-c", VICTIMS_IDENTIFIED, str(reports), str(MAX_BYTES)]
        env = {"PYTHONPATH": str(import_root(project)), "PATH": "/usr/bin:/bin"}
        return subprocess.run(run, capture_output=True, text=True, check=True, env=env, cwd=tmp_path).stdout.strip()

    assert identified() == "[]"  # workers are not victims as the lexicon stands
    path = project / "pipeline" / "lexicon" / "enforcement.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["rescued_objects"]["entries"].append("workers")
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    assert identified() == "[30]"
