"""The release's quality gate: a release whose blind-key scores dropped needs --accept-regression "reason".

The comparison is checked on hand-made quality.json pairs; the gate on a real git repository with a
tagged quality.json; and the whole command end to end (real git, DVC and rules) by breaking a rule
in a copy of the project between two releases.
"""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pytest
from test_release import FIXTURES, commit_all, dvc, git, make_project, tipfacts

from tipfacts.dataset import quality_gate

HOLDOUT_REPORT = FIXTURES.parent / "holdout" / "factbook-2015-ghana.txt"


def scores(blind_f1: float, dev_f1: float = 0.9, scored: int = 8) -> dict:
    def key_set(blind: bool, f1: float) -> dict:
        tables = {"flows": {"f1": f1}, "organizations": {"f1": 1.0}}
        return {"blind": blind, "reports_scored": scored, "micro": {"f1": f1}, "macro_f1": f1, "tables": tables}

    return {"key_sets": {"dev": key_set(False, dev_f1), "holdout": key_set(True, blind_f1)}}


# ---------------------------------------------------------------------------------------------- comparison


def test_a_blind_drop_is_named_a_dev_drop_is_not() -> None:
    drops = quality_gate.blind_drops(scores(0.95), scores(0.90, dev_f1=0.5))
    assert drops == [
        "holdout micro F1: 0.950 -> 0.900",
        "holdout macro F1: 0.950 -> 0.900",
        "holdout flows F1: 0.950 -> 0.900",
    ]
    assert quality_gate.blind_drops(scores(0.90), scores(0.95)) == []  # better is fine
    assert quality_gate.blind_drops(scores(0.90), scores(0.90)) == []


def test_a_blind_set_no_longer_measured_is_a_drop_one_not_measured_before_is_not() -> None:
    assert quality_gate.blind_drops(scores(0.9), scores(0.9, scored=0)) == [
        "holdout: no longer measured (was measured on 8 reports)"
    ]
    assert quality_gate.blind_drops(scores(0.9, scored=0), scores(0.1)) == []
    added = copy.deepcopy(scores(0.9))
    added["key_sets"]["blind"] = added["key_sets"]["holdout"] | {"micro": {"f1": 0.1}}
    assert quality_gate.blind_drops(scores(0.9), added) == []  # a new blind set has nothing to drop from


# ---------------------------------------------------------------------------------------------- the gate


def repo_with_release(tmp_path: Path, released: dict) -> Path:
    root = tmp_path / "repo"
    (root / "outputs").mkdir(parents=True)
    (root / "params.yaml").write_text("publish:\n  out_dir: outputs\n", encoding="utf-8")
    (root / "outputs" / "quality.json").write_text(json.dumps(released), encoding="utf-8")
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "release"], ["tag", "-a", "v1.0.0", "-m", "v1"]):
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@t.invalid", *args],
            cwd=root,
            check=True,
            capture_output=True,
        )
    return root


def test_the_gate_refuses_a_drop_unless_a_reason_is_given(tmp_path: Path) -> None:
    root = repo_with_release(tmp_path, scores(0.95))
    (root / "outputs" / "quality.json").write_text(json.dumps(scores(0.80)), encoding="utf-8")
    with pytest.raises(quality_gate.QualityRegression, match=r"holdout micro F1: 0\.950 -> 0\.800") as refused:
        quality_gate.check(root, "v1.0.0", None)
    assert "--accept-regression" in str(refused.value)
    note = quality_gate.check(root, "v1.0.0", "the flows rule now refuses vague regions")
    assert "Reason: the flows rule now refuses vague regions" in note
    assert "- holdout micro F1: 0.950 -> 0.800" in note
    (root / "outputs" / "quality.json").write_text(json.dumps(scores(0.95, dev_f1=0.1)), encoding="utf-8")
    assert quality_gate.check(root, "v1.0.0", None) == ""  # only the dev key fell
    assert quality_gate.check(root, None, None) == ""  # the first release has nothing to compare with


# ---------------------------------------------------------------------------------------------- end to end


RULE_DOCSTRING = (  # the docstring of organizations.mentions: the rule is broken right after it
    '    """Organization names in a sentence, left to right; `acronyms` the report defined count as names, and so do\n'
    '    acronyms it never defined (`defined`: every acronym it defines, bodies or not)."""\n'
)


@pytest.mark.slow
def test_release_refuses_a_blind_regression_and_records_an_accepted_one(tmp_path: Path) -> None:
    project = make_project(tmp_path / "project", tmp_path / "remote", [HOLDOUT_REPORT])
    dvc(project, "repro")
    commit_all(project, "Build the Ghana entry")
    tipfacts(project, "release", "1.0.0", "--no-push")
    released = json.loads(git(project, "show", "v1.0.0:outputs/quality.json"))
    assert released["key_sets"]["holdout"]["reports_scored"] == 1
    assert released["key_sets"]["holdout"]["tables"]["organizations"]["f1"] == 1.0

    rule = project / "pipeline" / "extraction" / "rules" / "organizations.py"
    text = rule.read_text(encoding="utf-8")
    assert RULE_DOCSTRING in text
    broken = RULE_DOCSTRING + "    return []  # broken on purpose by tests/test_quality_gate.py\n"
    rule.write_text(text.replace(RULE_DOCSTRING, broken, 1), encoding="utf-8")
    dvc(project, "repro")
    commit_all(project, "Rewrite the organizations rule")

    refused = tipfacts(project, "release", "1.1.0", "--no-push", check=False)
    assert refused.returncode == 4, refused.stdout + refused.stderr
    assert "blind-key scores dropped since v1.0.0" in refused.stderr
    assert "holdout organizations F1: 1.000 -> 0.000" in refused.stderr
    assert "v1.1.0" not in git(project, "tag", "--list")
    assert git(project, "status", "--porcelain") == ""  # nothing was changed by the refusal

    reason = "organization names move to a reviewed list"
    tipfacts(project, "release", "1.1.0", "--no-push", "--accept-regression", reason)
    assert "v1.1.0" in git(project, "tag", "--list")
    changelog = git(project, "show", "v1.1.0:CHANGELOG.md")
    entry = changelog.split("## v1.1.0", 1)[1].split("## v1.0.0", 1)[0]
    assert f"Reason: {reason}" in entry and "- holdout organizations F1: 1.000 -> 0.000" in entry
