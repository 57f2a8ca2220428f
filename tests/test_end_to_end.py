"""End to end: the `tipfacts build` command, the shared scorer, and `dvc repro` in a fresh git repository.

These run real subprocesses (the installed `tipfacts`, `dvc`, `git`) on copies of the project's
files in temporary folders; nothing is written into the checkout.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from conftest import (
    ALL_TABLES,
    BIN,
    FACT_TABLES,
    PROJECT,
    SCORER,
    SEED_GOLD,
    SEED_ID,
    import_root,
    needs_shared,
    seed_corpus,
)

pytestmark = pytest.mark.slow


def tool_env(tmp: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["DVC_NO_ANALYTICS"] = "1"
    env["DVC_SITE_CACHE_DIR"] = str(tmp / "dvc-site-cache")
    env["DVC_GLOBAL_CONFIG_DIR"] = str(tmp / "dvc-global-config")
    env["DVC_SYSTEM_CONFIG_DIR"] = str(tmp / "dvc-system-config")
    env.update(extra)
    return env


def run(args: list[str], cwd: Path, env: dict[str, str], timeout: int = 300) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False)
    assert done.returncode == 0, f"{' '.join(args)} exited {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else (shutil.which(name) or name)


# --- tipfacts build ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    root = tmp_path_factory.mktemp("cli")
    raw = seed_corpus(root / "raw-copy")  # the seed alone: raw/ also holds the 300 Factbook entries
    out = root / "published"
    done = run(
        [
            tool("tipfacts"),
            "--params",
            str(PROJECT / "params.yaml"),
            "build",
            "--raw-dir",
            str(raw),
            "--out-dir",
            str(out),
        ],
        cwd=root,
        env=tool_env(root),
    )
    return out, done


def test_build_command_exits_zero_and_publishes_every_table(built):
    out, done = built
    assert f"built {out}" in done.stdout
    for table in ALL_TABLES:
        assert (out / f"{table}.parquet").is_file() and (out / f"{table}.csv").is_file(), table
    assert (out / "datapackage.json").is_file() and (out / "metrics.json").is_file()
    assert not (out.parent / f"{out.name}.validation-report.txt").exists()


def researcher_view(out: Path, fmt: str) -> dict[str, pd.DataFrame]:
    if fmt == "parquet":
        return {t: pd.read_parquet(out / f"{t}.parquet") for t in ALL_TABLES}
    return {t: pd.read_csv(out / f"{t}.csv", dtype=str, keep_default_na=False) for t in ALL_TABLES}


@pytest.mark.parametrize("fmt", ["parquet", "csv"])
def test_every_published_fact_traces_back_to_its_words(built, fmt):
    """The README's recipe, for every row of every fact table, in both formats."""
    out, _ = built
    tables = researcher_view(out, fmt)
    docs = tables["documents"].set_index("doc_id")
    sents = tables["sentences"].set_index("sentence_id")
    assert list(docs.index) == [SEED_ID]
    assert docs.loc[SEED_ID, "text"].startswith("= Human trafficking in Timor-Leste =")
    for sentence_id, sentence in sents.iterrows():
        text = docs.loc[sentence["doc_id"], "text"]
        start, end = int(sentence["char_start"]), int(sentence["char_end"])
        assert text[start:end] == sentence["text"], sentence_id
    checked = 0
    for table in FACT_TABLES:
        facts = tables[table]
        assert len(facts) > 0, table
        assert facts["fact_id"].is_unique, table
        for fact in facts.itertuples():
            sentence = sents.loc[fact.sentence_id]
            assert sentence["doc_id"] == fact.doc_id, (table, fact.fact_id)
            assert fact.evidence and fact.evidence in sentence["text"], (table, fact.fact_id)
            assert fact.extractor, (table, fact.fact_id)
            checked += 1
    assert checked >= 30


def test_country_year_panel_joins_on_subject_country(built):
    out, _ = built
    panel = pd.read_parquet(out / "country_year.parquet")
    assert set(panel["iso3"]) == {"TLS"}
    assert panel[["iso3", "year"]].duplicated().sum() == 0
    row_2023 = panel.set_index("year").loc[2023]
    assert row_2023["tier"] == "2"  # 'placed the country in "Tier 2" in 2023'
    assert row_2023["m49"] == 626  # UN M49 code of Timor-Leste, an integer
    assert (row_2023["iso2"], row_2023["gw_code"], row_2023["cow_code"]) == ("TL", 860, 860)
    assert (row_2023["un_region"], row_2023["un_subregion"]) == ("Asia", "South-eastern Asia")
    assert row_2023["tier_doc_ids"] == SEED_ID
    assert pd.notna(row_2023["tier_conflict"]) and not row_2023["tier_conflict"]
    assert bool(row_2023["protocol_ratified"]) is True  # ratified in November 2009
    assert bool(panel.set_index("year").loc[2008, "protocol_ratified"]) is False


@needs_shared("scores with ../shared/eval/score.py", SCORER)
def test_scorer_accepts_the_output(built):
    """The issue's acceptance bar: micro F1 >= 0.9 against the seed's answer key, and no provenance problem."""
    out, _ = built
    done = run(
        [sys.executable, str(SCORER), "--gold", str(SEED_GOLD), "--out", str(out), "--json"],
        cwd=out.parent,
        env=tool_env(out.parent),
    )
    summary = json.loads(done.stdout)
    assert summary["provenance_problems"] == 0
    assert summary["reports_missing"] == []
    assert summary["micro"]["f1"] >= 0.9, summary
    assert all(not v.get("missing") for v in summary["tables"].values()), summary["tables"]


# --- dvc repro ------------------------------------------------------------------------------------


def tracked_files() -> list[str]:
    done = subprocess.run(["git", "-C", str(PROJECT), "ls-files", "-z"], capture_output=True, check=True)
    return [name for name in done.stdout.decode("utf-8").split("\0") if name]


def test_dvc_repro_in_a_fresh_repository(tmp_path, built):
    repo = tmp_path / "repo"
    files = tracked_files()
    assert "dvc.yaml" in files and "params.yaml" in files
    files = [f for f in files if not f.startswith("raw/") or SEED_ID in f]  # the seed alone: fast, as before
    for name in files:
        source = PROJECT / name
        if source.is_file():  # a tracked file someone deleted in the working tree is simply absent
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    # the copy's own code, not the checkout's editable install, runs the stages
    env = tool_env(
        tmp_path,
        PYTHONPATH=str(import_root(repo)),
        GIT_AUTHOR_NAME="tipfacts tests",
        GIT_AUTHOR_EMAIL="tests@tipfacts.invalid",
        GIT_COMMITTER_NAME="tipfacts tests",
        GIT_COMMITTER_EMAIL="tests@tipfacts.invalid",
    )
    run(["git", "init", "-q"], repo, env)
    if not (repo / ".dvc" / "config").exists():
        run([tool("dvc"), "init", "-q"], repo, env)
    run(["git", "add", "-A"], repo, env)
    run(["git", "commit", "-q", "-m", "project snapshot"], repo, env)

    first = run([tool("dvc"), "repro"], repo, env, timeout=600)
    assert "Running stage 'publish'" in first.stdout, first.stdout
    for table in ALL_TABLES:
        assert (repo / "outputs" / f"{table}.parquet").is_file(), table
        assert (repo / "outputs" / f"{table}.csv").is_file(), table
    metrics = json.loads((repo / "outputs" / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["rows"]["documents"] == 1
    assert metrics["rows"]["sentences"] == len(pd.read_parquet(repo / "outputs" / "sentences.parquet"))

    # the stages, run one by one through build/, publish what `tipfacts build` publishes in one go
    out, _ = built
    for table in ALL_TABLES:
        staged = pd.read_parquet(repo / "outputs" / f"{table}.parquet")
        pd.testing.assert_frame_equal(staged, pd.read_parquet(out / f"{table}.parquet"), obj=table)

    status = run([tool("dvc"), "status", "--json"], repo, env)
    assert json.loads(status.stdout or "{}") == {}, status.stdout

    stamps = {p.name: p.stat().st_mtime_ns for p in (repo / "outputs").glob("*.parquet")}
    second = run([tool("dvc"), "repro"], repo, env, timeout=600)
    for stage in ("ingest", "extract", "validate", "publish"):
        assert f"Stage '{stage}' didn't change, skipping" in second.stdout, second.stdout
    assert "Running stage" not in second.stdout, second.stdout
    assert "Data and pipelines are up to date." in second.stdout
    assert {p.name: p.stat().st_mtime_ns for p in (repo / "outputs").glob("*.parquet")} == stamps

    # touching any package source file makes a stage out of date (one file of every package folder here;
    # tests/test_dvc_stages.py checks statically that every file lies under a stage's dependencies)
    folders = sorted(
        {
            p.parent
            for p in [*(repo / "pipeline").rglob("*.py"), *(repo / "schemas").rglob("*.py")]
            if "__pycache__" not in p.parts
        }
    )
    assert len(folders) >= 8, folders
    for folder in folders:
        source = sorted(folder.glob("*.py"))[-1]
        original = source.read_bytes()
        source.write_bytes(original + b"\n# touched\n")
        try:
            status = json.loads(run([tool("dvc"), "status", "--json"], repo, env).stdout or "{}")
        finally:
            source.write_bytes(original)
        assert status, f"editing {source.relative_to(repo)} left every stage up to date"
