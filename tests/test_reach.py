"""Reaching released versions without tags or a remote, and the tables researchers join on.

- v1.0.0 of this very repository (commit "Release v1.0.0", never tagged here) from a fresh clone with
  an empty HOME and no DVC remote: rebuilt from its own raw/ and code (the old top-level `pipeline`
  layout) and checked against that commit's dvc.lock, whose hashes the test reads itself.
- A rebuild that does not match is refused; one whose Parquet bytes differ but whose CSV twin matches is
  accepted with a note.
- tipfacts harmonize on the Factbook's own country indicators (vendored in tests/fixtures/indicators).
- country_year's headline values, their reports and conflict flags; facts_consolidated's one row per fact.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml
from conftest import BIN, PROJECT, build_into, copy_reports, seed_corpus, write_report

from tipfacts.dataset import reach, versions
from tipfacts.places import harmonize as harmonizing
from tipfacts.stages import consolidate, panel

V100 = "e4e3cd89d0aed79d307f1a9a0a9332653afa0910"  # "Release v1.0.0"
INDICATORS = PROJECT / "tests" / "fixtures" / "indicators" / "factbook-country-indicators.csv"
FACTBOOK = PROJECT / "tests" / "fixtures" / "factbook"


def isolated_env(home: Path) -> dict[str, str]:
    """No user cache, no DVC remote data, no DVC config of this machine: what another machine has."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DVC_"))}
    env |= {"HOME": str(home), "PATH": f"{BIN}{os.pathsep}{env.get('PATH', '')}", "DVC_NO_ANALYTICS": "1"}
    return env


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh clone of this repository (full history, no tags, empty DVC cache)."""
    if subprocess.run(["git", "cat-file", "-e", f"{V100}^{{commit}}"], cwd=PROJECT, check=False).returncode != 0:
        pytest.skip(f"this checkout lacks the v1.0.0 commit {V100[:12]} (a shallow clone?)")
    dest = tmp_path_factory.mktemp("clone") / "tipfacts"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(PROJECT), str(dest)], check=True)
    return dest


def run_with(env: dict[str, str], cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a command as the isolated user would (its env), keeping its output for the assertions."""
    return subprocess.run(list(args), cwd=cwd, env=env, capture_output=True, text=True, check=False)


def lock_md5(root: Path, commit: str, path: str) -> str:
    """The md5 dvc.lock recorded for `path` at `commit`, read without tipfacts."""
    lock = yaml.safe_load(
        subprocess.run(
            ["git", "show", f"{commit}:dvc.lock"], cwd=root, capture_output=True, text=True, check=True
        ).stdout
    )
    return next(o["md5"] for o in lock["stages"]["publish"]["outs"] if o["path"] == path)


@pytest.mark.slow
def test_v1_0_0_loads_in_a_fresh_clone_with_an_empty_home_and_no_remote(clone: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = isolated_env(home)
    listed = subprocess.run(
        [str(BIN / "tipfacts"), "versions"], cwd=clone, env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert any(line.split()[:2] == ["1.0.0", V100[:12]] for line in listed), listed
    program = (
        "import sys, tipfacts; flows = tipfacts.load('flows', version='1.0.0', repo=sys.argv[1]); "
        "flows.to_parquet(sys.argv[2]); print(len(flows))"
    )
    loaded = tmp_path / "loaded.parquet"
    done = run_with(env, tmp_path, sys.executable, "-c", program, str(clone), str(loaded))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "10" and "rebuilding commit e4e3cd89d0ae" in done.stderr, done.stderr
    out = tmp_path / "flows-v1.0.0.parquet"
    got = run_with(
        env, tmp_path, str(BIN / "tipfacts"), "get", "flows", "--version", "1.0.0", "--repo", str(clone), "-o", str(out)
    )
    assert got.returncode == 0, got.stderr
    assert "rebuilt earlier from its raw/ and code; md5 checked against dvc.lock" in got.stdout, got.stdout
    assert hashlib.md5(out.read_bytes()).hexdigest() == lock_md5(clone, V100, "outputs/flows.parquet")
    pd.testing.assert_frame_equal(pd.read_parquet(loaded), pd.read_parquet(out))
    assert (
        subprocess.run(["git", "worktree", "list"], cwd=clone, capture_output=True, text=True, check=True).stdout.count(
            "\n"
        )
        == 1
    )  # the temporary worktree is gone
    assert subprocess.run(["git", "tag"], cwd=clone, capture_output=True, text=True, check=True).stdout == ""


@pytest.mark.slow
def test_a_rebuild_that_does_not_match_the_release_is_refused(clone: Path, tmp_path: Path, monkeypatch) -> None:
    """A commit whose dvc.lock names other hashes than its code builds: refused; Parquet alone: accepted."""
    repo = tmp_path / "repo"
    subprocess.run(["git", "clone", "-q", "--no-tags", str(clone), str(repo)], check=True)
    subprocess.run(["git", "checkout", "-q", V100], cwd=repo, check=True)
    lock = (repo / "dvc.lock").read_text(encoding="utf-8")
    parquet, csv = lock_md5(repo, V100, "outputs/flows.parquet"), lock_md5(repo, V100, "outputs/events.csv")
    (repo / "dvc.lock").write_text(lock.replace(parquet, "0" * 32).replace(csv, "1" * 32), encoding="utf-8")
    for args in (["add", "dvc.lock"], ["-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qm", "x"]):
        subprocess.run(["git", *args], cwd=repo, check=True)
    commit = versions.git(repo, "rev-parse", "HEAD")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    fetched = reach.fetch(repo, commit, "flows.parquet", remote=str(tmp_path / "no-such-remote"))
    assert fetched.source == "rebuilt" and "CSV" not in fetched.note and "flows.csv" in fetched.note
    assert "other Parquet bytes" in fetched.note
    with pytest.raises(reach.ReachError, match="does not match its release"):
        reach.fetch(repo, commit, "events.csv", remote=str(tmp_path / "no-such-remote"))
    assert reach.fetch(repo, commit, "documents.csv").source == "rebuilt (cached)"


def test_unknown_versions_are_refused_with_the_known_ones(tmp_path: Path) -> None:
    with pytest.raises(versions.VersionError, match=r"version 9.9.9 is not a release .*releases: 1\.0\.0"):
        versions.find(PROJECT, "9.9.9")
    with pytest.raises(versions.VersionError, match="not a version number"):
        versions.parse("1.0")
    assert versions.resolve(PROJECT, "v1.0.0") == versions.resolve(PROJECT, "1.0.0")


# ---------------------------------------------------------------------------------------------- harmonize


@pytest.fixture(scope="module")
def indicators() -> pd.DataFrame:
    return pd.read_csv(INDICATORS, dtype={"fips": str, "country": str}, keep_default_na=False)


def test_harmonize_gives_iso3_to_97_percent_of_the_indicator_rows(indicators: pd.DataFrame) -> None:
    by_name = harmonizing.harmonize(indicators["country"])
    by_fips = harmonizing.harmonize(indicators["fips"])  # the column's name says FIPS
    assert by_name.share >= 0.97 and by_fips.share >= 0.97, (by_name.share, by_fips.share)
    both = by_name.iso3.notna() & by_fips.iso3.notna()
    assert (by_name.iso3[both] == by_fips.iso3[both]).all()
    named = dict(zip(indicators["country"], by_name.iso3, strict=True))
    for name, iso3 in {
        "Burma": "MMR",
        "DRC": "COD",
        "The Gambia": "GMB",
        "C&ocirc;te d'Ivoire": "CIV",
        "Laos&nbsp;": "LAO",
        "Congo (Brazzaville)": "COG",
        "Kosovo": "XKX",
        "The Dominican": "DOM",
        "Virgin Islands": "VIR",
        "British Virgin Islands": "VGB",
    }.items():
        assert named[name] == iso3, name
    assert set(by_name.unmatched) == {
        "Ashmore and Cartier Islands",
        "Coral Sea Islands",
        "Paracel Islands",
        "Spratly Islands",
    }
    codes = harmonizing.harmonize(pd.Series(["KEN", "ke", "XK", "Atlantis"], name="code")).iso3
    assert harmonizing.harmonize(pd.Series(["West Bank", "Gaza Strip", "Kenya", "KENYA"])).shared == {
        "PSE": ["Gaza Strip", "West Bank"],
        "KEN": ["KENYA", "Kenya"],
    }
    assert codes.fillna("-").tolist() == [
        "KEN",
        "KEN",
        "XKX",
        "-",
    ]


def test_harmonize_command_writes_iso3_and_lists_what_it_could_not_match(tmp_path: Path) -> None:
    out = tmp_path / "with-iso3.csv"
    done = subprocess.run(
        [str(BIN / "tipfacts"), "harmonize", str(INDICATORS), "--column", "country", "--out", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(table.columns)[-1] == "iso3" and len(table) == len(pd.read_csv(INDICATORS))
    assert "'Spratly Islands' (1 row)" in done.stdout and "'Coral Sea Islands' (2 rows)" in done.stdout
    # two Factbook entries, one ISO country: the command says so instead of letting a join double the rows
    assert "PSE: Gaza Strip, Gaza, Gaza Strip, West Bank" in done.stdout, done.stdout


@pytest.mark.slow
def test_country_year_rows_with_a_tier_find_their_indicators(indicators: pd.DataFrame, tmp_path: Path) -> None:
    """The README's join: >= 90% of country_year rows of 2015-2023 with a tier find their indicators row."""
    raw_factbook = sorted((PROJECT / "raw").glob("factbook-*.txt"))
    if len(raw_factbook) < 300:
        pytest.skip("raw/ does not hold the 300 Factbook entries")
    out = build_into(copy_reports(tmp_path / "raw", *raw_factbook), tmp_path / "out", workers=2)
    panel_ = pd.read_parquet(out / "country_year.parquet")
    assert panel_["iso3"].nunique() >= 110
    indicators = indicators.assign(
        iso3=harmonizing.harmonize(indicators["country"]).iso3, year=indicators["year"].astype(int)
    )
    rows = panel_[panel_["year"].between(2015, 2023) & panel_["tier"].notna()]
    joined = rows.merge(indicators.dropna(subset=["iso3"]), on=["iso3", "year"], how="left", indicator=True)
    share = (joined["_merge"] == "both").mean()
    assert len(rows) >= 200 and share >= 0.9, (len(rows), share)


# ---------------------------------------------------------------------------------------------- panel


def test_country_year_flags_reports_that_disagree(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    for doc_id, tier, count in (("report-a", "2", 12), ("report-b", "2", 12), ("report-c", "3", 30)):
        write_report(
            raw,
            f"= Trafficking in Kenya =\n\nIn 2019, the government placed Kenya on Tier {tier}. "
            f"In 2019, the government prosecuted {count} traffickers.\n",
            {"subject": "Kenya", "report_year": 2019},
            doc_id=doc_id,
        )
    out = build_into(raw, tmp_path / "out")
    row = pd.read_parquet(out / "country_year.parquet").set_index(["iso3", "year"]).loc[("KEN", 2019)]
    assert (row["tier"], row["tier_doc_ids"], bool(row["tier_conflict"])) == ("2", "report-a;report-b", True)
    assert (row["prosecutions"], row["prosecutions_doc_ids"]) == (30.0, "report-c")
    assert bool(row["prosecutions_conflict"])
    assert (row["iso2"], row["m49"], row["gw_code"], row["un_subregion"]) == ("KE", 404, 501, "Sub-Saharan Africa")
    assert row["country_name"] == "Kenya"
    assert panel.most_reports([("3", "a"), ("3", "a"), ("2", "b"), ("2", "c")]) == "2"  # reports, not sentences


def test_short_names_for_joins_by_name() -> None:
    from tipfacts.places import keys

    named = keys.keys(["COD", "COG", "BOL", "XKX", "SRB"])
    assert named["COD"]["country_name"] == "Democratic Republic of the Congo"
    assert named["COG"]["country_name"] == "Republic of the Congo" and named["BOL"]["country_name"] == "Bolivia"
    assert (named["XKX"]["gw_code"], named["XKX"]["m49"], named["SRB"]["cow_code"]) == (347, None, 345)


# ---------------------------------------------------------------------------------------------- consolidated


def test_a_fact_stated_by_several_editions_is_one_consolidated_row(tmp_path: Path) -> None:
    raw = copy_reports(tmp_path / "raw", *sorted(FACTBOOK.glob("*.txt")))
    seed_corpus(raw)
    out = build_into(raw, tmp_path / "out")
    flows = pd.read_parquet(out / "flows.parquet")
    merged = pd.read_parquet(out / "facts_consolidated.parquet")
    assert merged["consolidated_id"].is_unique
    identity = consolidate.IDENTITY["flows"]
    view = merged[merged["table"] == "flows"]
    assert len(view) == len(flows[identity].drop_duplicates())  # one row per fact
    assert len(view) == len(view[identity].drop_duplicates())
    every = sorted(f for ids in view["fact_ids"] for f in ids.split(";"))
    assert every == sorted(flows["fact_id"])  # every flow row in exactly one consolidated row
    for row in view.itertuples():
        rows = flows[flows["fact_id"].isin(row.fact_ids.split(";"))]
        assert row.n_reports == rows["doc_id"].nunique() and row.doc_ids == ";".join(sorted(set(rows["doc_id"])))
        years = sorted({int(y) for y in rows["year"].dropna()})
        assert (row.years if pd.notna(row.years) else None) == (";".join(map(str, years)) or None)
    for table in ("assessments", "country_roles", "statistics"):
        facts = pd.read_parquet(out / f"{table}.parquet")
        part = merged[merged["table"] == table]
        assert sorted(f for ids in part["fact_ids"] for f in ids.split(";")) == sorted(facts["fact_id"]), table


def test_consolidated_ids_do_not_change_when_other_reports_come(tmp_path: Path) -> None:
    few = build_into(copy_reports(tmp_path / "a", *sorted(FACTBOOK.glob("*.txt"))[:4]), tmp_path / "out-a")
    more = build_into(copy_reports(tmp_path / "b", *sorted(FACTBOOK.glob("*.txt"))), tmp_path / "out-b")
    a = pd.read_parquet(few / "facts_consolidated.parquet")
    b = pd.read_parquet(more / "facts_consolidated.parquet")
    unchanged = a[a["table"] == "assessments"]["consolidated_id"]
    assert set(unchanged) <= set(b["consolidated_id"])
