"""Measured quality (outputs/quality.json): the in-package scorer, the evaluate stage and its DVC wiring.

The scorer must give the shared scorer's figures on the same outputs (checked when ../shared is
here); its matching rules are also checked on small hand-made cases whose answers follow from the
contract's rules, and the evaluate stage must score only the reports that are in the build.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import BIN, FACTBOOK, PROJECT, SCORER, SEED_ID, build_into, copy_reports, seed_corpus
from dvc.repo import Repo

from tipfacts import params as params_module
from tipfacts import schemas
from tipfacts.publishing import quality

DEV, HOLDOUT = PROJECT / "tests" / "gold", PROJECT / "tests" / "holdout"
FIXTURES = PROJECT / "tests" / "fixtures"
TIERS = PROJECT / "tests" / "tiers" / "factbook.csv"


def read_frames(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in schemas.TABLES}


def shared_scores(keys: Path, out: Path, tiers: Path) -> dict:
    done = subprocess.run(
        [sys.executable, str(SCORER), "--gold", str(keys), "--out", str(out), "--tiers", str(tiers), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout)


# ---------------------------------------------------------------------------------------------- agreement


@pytest.mark.slow
@pytest.mark.skipif(not SCORER.exists(), reason="needs ../shared/eval/score.py beside the checkout (CI has it)")
def test_quality_json_equals_the_shared_scorer_on_the_dev_and_blind_keys(tmp_path: Path) -> None:
    """Build the 22 keyed Factbook reports; the evaluate stage's quality.json and score.py must agree."""
    raw = copy_reports(tmp_path / "raw", *sorted((FIXTURES / "factbook").glob("*.txt")))
    copy_reports(raw, *sorted((FIXTURES / "holdout").glob("*.txt")))
    out = build_into(raw, tmp_path / "out")  # with params.yaml's key sets: tests/gold, tests/holdout, ...
    ours = json.loads((out / "quality.json").read_text(encoding="utf-8"))
    for name, keys in (("dev", DEV), ("holdout", HOLDOUT)):
        theirs = shared_scores(keys, out, TIERS)
        mine = ours["key_sets"][name]
        assert theirs["reports_missing"] == [] and mine["reports_scored"] == theirs["reports"] > 0
        for table, figures in theirs["tables"].items():
            assert {k: mine["tables"][table][k] for k in figures} == figures, (name, table)
        assert mine["micro"] == theirs["micro"] and mine["macro_f1"] == theirs["macro_f1"], name
    # tiers: the shared scorer divides by every report of the key (300), ours by those in the build (22)
    shared_tiers = shared_scores(DEV, out, TIERS)["tiers"]
    assert ours["tiers"]["reports_scored"] == 22 and shared_tiers["reports"] == ours["tiers"]["reports_in_key"]
    for field in ("correct", "tier_rows", "wrong_rows"):
        assert ours["tiers"][field] == shared_tiers[field], field
    assert ours["tiers"]["accuracy"] == round(shared_tiers["correct"] / 22, 3)


# ---------------------------------------------------------------------------------------------- matching rules


def frames_with(table: str, rows: list[dict], doc_id: str = "r1") -> dict[str, pd.DataFrame]:
    documents = pd.DataFrame({"doc_id": [doc_id]})
    empty = {t: pd.DataFrame({"doc_id": pd.Series(dtype="string")}) for t in schemas.FACT_TABLES}
    return empty | {"documents": documents, table: pd.DataFrame([{"doc_id": doc_id, **r} for r in rows])}


def test_alternatives_optional_rows_and_duplicates() -> None:
    key = {
        "doc_id": "r1",
        "flows": [
            {"origin_iso3": ["IDN", "MYS"], "destination_iso3": "TLS", "exploitation": "sexual_exploitation"},
            {"origin_iso3": "TLS", "destination_iso3": "PRT", "exploitation": "forced_labour"},
            {"origin_iso3": "TLS", "destination_iso3": None, "exploitation": "unspecified", "optional": True},
        ],
    }
    predicted = [
        {"origin_iso3": "MYS", "destination_iso3": "TLS", "exploitation": "sexual_exploitation"},  # an alternative
        {"origin_iso3": "MYS", "destination_iso3": "TLS", "exploitation": "sexual_exploitation"},  # same key: once
        {"origin_iso3": "TLS", "destination_iso3": None, "exploitation": "unspecified"},  # absorbed by optional
        {"origin_iso3": "CHN", "destination_iso3": "TLS", "exploitation": "sexual_exploitation"},  # a false fact
    ]
    flows = quality.score_keys(frames_with("flows", predicted), [key])["tables"]["flows"]
    # found 1 of 2 required; 2 distinct predictions count (the optional match neither helps nor hurts)
    assert (flows["tp"], flows["n_gold"], flows["n_pred"], flows["n_optional"]) == (1, 2, 2, 1)
    assert (flows["precision"], flows["recall"], flows["f1"]) == (0.5, 0.5, 0.5)


def test_names_match_on_their_words_and_dates_on_a_prefix() -> None:
    key = {
        "doc_id": "r1",
        "legal_instruments": [{"instrument": "UN TIP Protocol"}, {"instrument": "Immigration and Asylum Act"}],
        "events": [{"event_type": "raid", "date": "2008-01"}, {"event_type": "training", "date": "2008-03-05"}],
    }
    laws = [{"instrument": "the UN TIP Protocol"}, {"instrument": "Labour Code of 2012"}]
    events = [{"event_type": "raid", "date": "2008-01-17"}, {"event_type": "training", "date": "2007"}]
    frames = frames_with("legal_instruments", laws) | {"events": pd.DataFrame([{"doc_id": "r1", **e} for e in events])}
    tables = quality.score_keys(frames, [key])["tables"]
    assert tables["legal_instruments"]["tp"] == 1  # stop words dropped; the Labour Code matches nothing
    assert tables["events"]["tp"] == 1  # 2008-01 is a prefix of 2008-01-17; 2007 is no prefix of 2008-03-05


def test_only_reports_in_the_build_are_scored(frames: dict[str, pd.DataFrame]) -> None:
    seed_key = yaml.safe_load((PROJECT / "tests" / "seed" / f"{SEED_ID}.yaml").read_text(encoding="utf-8"))
    kenya_key = yaml.safe_load((DEV / "factbook-2014-kenya.yaml").read_text(encoding="utf-8"))
    alone = quality.score_keys(frames, [seed_key])
    both = quality.score_keys(frames, [seed_key, kenya_key])
    assert (both["reports_in_key"], both["reports_scored"]) == (2, 1)
    assert both["tables"] == alone["tables"] and both["micro"] == alone["micro"]
    none = quality.score_keys(frames, [kenya_key])
    assert none["reports_scored"] == 0 and none["micro"]["f1"] is None and none["macro_f1"] is None


def test_a_missing_key_folder_is_named(frames: dict[str, pd.DataFrame], tmp_path: Path) -> None:
    from tipfacts.errors import InputError

    with pytest.raises(InputError, match="answer-key folder of key set 'blind' is missing"):
        quality.evaluate(frames, [params_module.KeySet("blind", tmp_path / "nowhere", blind=True)], None)


# ---------------------------------------------------------------------------------------------- the stage


def test_the_build_writes_quality_json_for_the_seed(tmp_path: Path) -> None:
    out = build_into(seed_corpus(tmp_path / "raw"), tmp_path / "out")
    result = json.loads((out / "quality.json").read_text(encoding="utf-8"))
    configured = params_module.load(PROJECT / "params.yaml")
    assert set(result["key_sets"]) == {k.name for k in configured.key_sets}
    seed = result["key_sets"]["seed"]
    assert (seed["reports_in_key"], seed["reports_scored"]) == (1, 1)
    assert seed["micro"]["f1"] >= 0.9  # the seed's bar (tests/test_scores.py)
    assert result["key_sets"]["holdout"]["blind"] is True
    assert result["key_sets"]["dev"]["reports_scored"] == 0  # its Factbook reports are not in this build
    assert result["tiers"]["reports_scored"] == 0 and result["tiers"]["reports_in_key"] == 300


def test_every_answer_key_of_params_is_a_dependency_of_the_evaluate_stage() -> None:
    configured = params_module.load(PROJECT / "params.yaml")
    with Repo(str(PROJECT)) as repo:
        (stage,) = [s for s in repo.index.stages if s.name == "evaluate"]
        deps = {Path(dep.fs_path) for dep in stage.deps}
        publish_deps = {Path(d.fs_path) for s in repo.index.stages if s.name == "publish" for d in s.deps}
    wanted = {PROJECT / k.path for k in configured.key_sets} | {PROJECT / str(configured.tiers_key)}
    assert wanted <= deps, f"add to the evaluate stage's deps in dvc.yaml: {sorted(map(str, wanted - deps))}"
    assert any(p.name == "evaluate" for p in publish_deps)  # the card reads quality.json


def test_dvc_metrics_show_reads_quality_json() -> None:
    done = subprocess.run(
        [str(BIN / "dvc"), "metrics", "show", "--json"], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    shown = json.dumps(json.loads(done.stdout))
    assert "outputs/quality.json" in shown and "key_sets" in shown


def test_vendored_tier_key_is_the_shared_one() -> None:
    shared = FACTBOOK / "tiers.csv"
    if not shared.exists():
        pytest.skip("needs ../shared/corpus/factbook/tiers.csv beside the checkout (CI has it)")
    assert TIERS.read_bytes() == shared.read_bytes()
