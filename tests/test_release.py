"""New reports and versioned releases: `tipfacts add`, `tipfacts diff`, `tipfacts release`.

The end-to-end test runs real git and real DVC in a temporary copy of the project (three small
Factbook reports, one worker, a DVC remote in a temporary folder set in the copy's local config):
build, release v1.0.0, add a report, rebuild (only it is extracted), release v1.1.0, read both
versions back from another folder with `dvc get` and `dvc.api.read`, and check that releases
that understate a change, or start from a dirty tree or stale outputs, are refused.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import dvc.api as dvc_api
import pandas as pd
import pytest
import yaml
from conftest import import_root
from packaging.version import Version

from tipfacts.dataset import add as adding
from tipfacts.dataset import datapackage
from tipfacts.dataset import diff as diffing
from tipfacts.dataset import release as releasing
from tipfacts.errors import ExitCode, InputError
from tipfacts.stages import ingest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent  # the virtualenv's bin: tipfacts and dvc
FIXTURES = ROOT / "tests" / "fixtures" / "factbook"
SEED = ["factbook-2014-kenya", "factbook-2014-qatar"]
NEW = "factbook-2014-algeria"
FACT_TABLES = ["assessments", "country_roles", "flows", "legal_instruments", "events", "statistics", "organizations"]


# ---------------------------------------------------------------------------------------------- helpers


def new_report() -> Path:
    return ROOT / "tests" / "fixtures" / "rules" / f"{NEW}.txt"


def env_for(project: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '')}"
    env["PYTHONPATH"] = str(import_root(project))  # the copy's own pipeline/ and schemas/, even edited
    env["DVC_NO_ANALYTICS"] = "1"
    env.pop("DVC_REMOTE", None)
    return env


def run(
    args: list[str], cwd: Path, project: Path, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run a command with the project's environment (or `env`, a consumer's own); fail the test if it fails."""
    proc = subprocess.run(args, cwd=cwd, env=env or env_for(project), capture_output=True, text=True, check=False)
    if check and proc.returncode != 0:
        pytest.fail(f"`{' '.join(args)}` failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def git(project: Path, *args: str) -> str:
    return run(["git", *args], project, project).stdout.strip()


def dvc(project: Path, *args: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "dvc"), *args], cwd or project, project, check)


def tipfacts(project: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return run([str(BIN / "tipfacts"), *args], project, project, check)


def project_files() -> list[str]:
    """What a clone of the project needs to build and release: code, schemas, DVC and git config."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    keep = ("pipeline/", "schemas/", ".dvc/", "outputs/.gitignore", "outputs/metrics.json", "outputs/quality.json")
    keep += ("tests/seed/", "tests/gold/", "tests/holdout/", "tests/tiers/")  # the evaluate stage's answer keys
    return sorted(f for f in set(listed) if (f.startswith(keep) or "/" not in f) and (ROOT / f).is_file())


def make_project(dest: Path, remote: Path, reports: list[Path]) -> Path:
    """A git + DVC copy of the working tree with only `reports` in raw/ and a temporary DVC remote."""
    for name in project_files():
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    (dest / "raw").mkdir()
    for report in reports:
        shutil.copy2(report, dest / "raw" / report.name)
        shutil.copy2(report.with_name(report.stem + ".meta.yaml"), dest / "raw" / f"{report.stem}.meta.yaml")
    params = dest / "params.yaml"
    params.write_text(
        re.sub(r"(?m)^(\s+workers:\s*)\d+", r"\g<1>1", params.read_text(encoding="utf-8")), encoding="utf-8"
    )
    git(dest, "init", "-q")
    git(dest, "config", "user.name", "tipfacts test")
    git(dest, "config", "user.email", "test@tipfacts.invalid")
    git(dest, "add", "-A")
    git(dest, "commit", "-q", "-m", "Project at the start of the test")
    dvc(dest, "remote", "add", "-d", "--local", "testremote", str(remote))
    assert "remote = testremote" in (dest / ".dvc" / "config.local").read_text()  # never the user's real remote
    return dest


def commit_all(project: Path, message: str) -> None:
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", message)


def labels(frame: pd.DataFrame, key: list[str]) -> set[str]:
    """Row keys as `tipfacts diff` prints them."""
    return set(frame[key].astype(str).agg(" ".join, axis=1)) if len(frame) else set()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# ---------------------------------------------------------------------------------------------- end to end


@pytest.mark.slow
def test_add_rebuild_release_and_read_each_version_back(tmp_path: Path) -> None:
    algeria = new_report()
    remote = tmp_path / "remote"
    project = make_project(tmp_path / "project", remote, [FIXTURES / f"{name}.txt" for name in SEED])

    # --- build and the first release
    first = dvc(project, "repro")
    assert "extracted 2 of 2 reports" in first.stdout + first.stderr
    commit_all(project, "Build")
    out = tipfacts(project, "release", "1.0.0")
    assert "released v1.0.0" in out.stdout
    assert git(project, "tag", "--list") == "v1.0.0"
    assert git(project, "status", "--porcelain") == ""
    before = {t: pd.read_parquet(project / "outputs" / f"{t}.parquet") for t in FACT_TABLES}
    cache = project / "build" / "cache"  # the project's raw/: its cache is in work_dir (tipfacts.caching.home)

    def cached() -> set[str]:
        """The reports whose facts the extract snapshot keeps (tipfacts.caching.incremental)."""
        return set(pd.read_feather(cache / "extract" / "_reports.arrow")["doc_id"])

    cached_before = cached()
    assert len(cached_before) == 2

    # --- add a report: only it is extracted, and old facts keep their ids
    added = tipfacts(project, "add", str(algeria))
    assert f"added {NEW}" in added.stdout
    sidecar = yaml.safe_load((project / "raw" / f"{NEW}.meta.yaml").read_text(encoding="utf-8"))
    assert sidecar["sha256"] == hashlib.sha256(algeria.read_bytes()).hexdigest()
    assert sidecar["subject"] == "Algeria" and sidecar["report_year"] == 2014
    rebuilt = dvc(project, "repro")
    assert "extracted 1 of 3 reports" in rebuilt.stdout + rebuilt.stderr
    assert len(cached() - cached_before) == 1 and cached_before <= cached()
    gained = 0
    for table, old in before.items():
        new = pd.read_parquet(project / "outputs" / f"{table}.parquet")
        assert set(old["fact_id"]) <= set(new["fact_id"]), f"{table}: fact_ids of untouched reports changed"
        fresh = new[~new["fact_id"].isin(old["fact_id"])]
        assert set(fresh["doc_id"]) <= {NEW}, table
        gained += len(fresh)
        old_rows = old.set_index("fact_id").sort_index()
        assert new.set_index("fact_id").loc[old_rows.index].equals(old_rows), f"{table}: old rows changed"
    assert gained > 0
    commit_all(project, f"Add {NEW}")

    # --- tags do not travel with a plain `git push`: without v1.0.0 the release is still found in the history
    first_release = git(project, "rev-parse", "v1.0.0^{commit}")
    git(project, "tag", "-d", "v1.0.0")
    listed = tipfacts(project, "versions").stdout.splitlines()
    assert listed[0].split()[:3] == ["version", "commit", "date"], listed
    assert listed[1].split()[:2] == ["1.0.0", first_release[:12]], listed
    documents_column = listed[0].split().index("documents")
    assert listed[1].split()[documents_column] == "2"  # rows from that commit's metrics.json

    # --- a patch number understates new rows; the smallest minor is named
    refused = tipfacts(project, "release", "1.0.1", check=False)
    assert refused.returncode == ExitCode.RELEASE
    assert "need a minor" in refused.stderr and "release 1.1.0" in refused.stderr, refused.stderr
    assert git(project, "tag", "--list") == "v1.0.0"  # the missing tag was recreated, at its commit
    assert git(project, "rev-parse", "v1.0.0^{commit}") == first_release

    # --- `dvc status` says current, but a stage's output is not what raw/ builds (a stage's dependencies
    # missed a change): the release republishes it, compares with a fresh build, and refuses before any commit
    stale = project / "build" / "validated" / "flows.parquet"
    pristine = stale.read_bytes()
    pd.read_parquet(stale).iloc[:-1].to_parquet(stale, index=False)
    dvc(project, "commit", "--force")
    commit_all(project, "A stale flows table, recorded in dvc.lock")
    assert json.loads(dvc(project, "status", "--json").stdout or "{}") == {}
    head = git(project, "rev-parse", "HEAD")
    refused = tipfacts(project, "release", "1.1.0", check=False)
    assert refused.returncode != 0 and "differ from a fresh build of raw/: " in refused.stderr, refused.stderr
    assert "flows.csv" in refused.stderr and "flows.parquet" in refused.stderr, refused.stderr
    assert git(project, "rev-parse", "HEAD") == head and git(project, "status", "--porcelain") == ""
    assert git(project, "tag", "--list") == "v1.0.0"
    git(project, "revert", "--no-edit", "HEAD")
    dvc(project, "checkout", "--force")
    assert stale.read_bytes() == pristine
    assert json.loads(dvc(project, "status", "--json").stdout or "{}") == {}

    out = tipfacts(project, "release", "1.1.0")
    assert "minor release after v1.0.0" in out.stdout
    assert git(project, "tag", "--list").split() == ["v1.0.0", "v1.1.0"]
    assert git(project, "status", "--porcelain") == ""
    assert sorted(git(project, "show", "--name-only", "--format=", "v1.1.0^{commit}").split()) == [
        "CHANGELOG.md",
        "dvc.lock",
        "params.yaml",
    ]
    assert yaml.safe_load(git(project, "show", "v1.1.0:params.yaml"))["dataset"]["version"] == "1.1.0"
    changelog = (project / "CHANGELOG.md").read_text(encoding="utf-8")
    assert changelog.index("## v1.1.0") < changelog.index("## v1.0.0")
    assert f"- added 1: `{NEW}`" in changelog and changelog.count("First release.") == 1

    # --- the data of both tags is on the remote
    for tag in ("v1.0.0", "v1.1.0"):
        lock = yaml.safe_load(git(project, "show", f"{tag}:dvc.lock"))
        in_git = set(git(project, "ls-tree", "-r", "--name-only", tag).splitlines())  # cache: false outs
        for out_ in [o for o in lock["stages"]["publish"]["outs"] if o["path"] not in in_git]:
            md5 = out_["md5"]
            assert (remote / "files" / "md5" / md5[:2] / md5[2:]).is_file(), f"{tag}: {out_['path']} not pushed"

    # --- consumers: `dvc get` and dvc.api.read from another folder differ exactly as `tipfacts diff` says
    consumer = tmp_path / "consumer"
    consumer.mkdir()
    for tag in ("v1.0.0", "v1.1.0"):
        dvc(project, "get", str(project), "outputs", "--rev", tag, "-o", f"outputs-{tag}", cwd=consumer)
        package = json.loads((consumer / f"outputs-{tag}" / "datapackage.json").read_text(encoding="utf-8"))
        assert package["version"] == tag[1:]
    report = diffing.diff(project, "v1.0.0", "v1.1.0").as_dict()  # what `tipfacts diff --json` prints
    assert (report["version_a"], report["version_b"], report["level"]) == ("1.0.0", "1.1.0", "minor")
    assert report["tables"]["documents"]["added"] == [NEW]
    for table, change in report["tables"].items():
        a = pd.read_parquet(consumer / "outputs-v1.0.0" / f"{table}.parquet")
        b = pd.read_parquet(consumer / "outputs-v1.1.0" / f"{table}.parquet")
        assert (change["rows_a"], change["rows_b"]) == (len(a), len(b)), table
        assert sorted(labels(b, change["key"]) - labels(a, change["key"])) == change["added"], table
        assert sorted(labels(a, change["key"]) - labels(b, change["key"])) == change["removed"], table
        assert change["removed"] == [] and change["changed"] == [], table
    text = tipfacts(project, "diff", "v1.0.0", "v1.1.0").stdout
    flows = report["tables"]["flows"]
    assert re.search(rf"(?m)^flows\s+{flows['rows_a']}\s+{flows['rows_b']}\s+{len(flows['added'])}\s+0\s+0$", text)

    for tag, doc_ids in (("v1.0.0", SEED), ("v1.1.0", sorted([*SEED, NEW]))):
        data = dvc_api.read("outputs/documents.parquet", repo=str(project), rev=tag, mode="rb")
        assert sorted(pd.read_parquet(io.BytesIO(data))["doc_id"]) == doc_ids
        got = (consumer / f"outputs-{tag}" / "flows.parquet").read_bytes()
        assert dvc_api.read("outputs/flows.parquet", repo=str(project), rev=tag, mode="rb") == got

    # a fresh clone (empty DVC cache) gets v1.0.0 from the remote alone
    clone = tmp_path / "clone"
    git(project, "clone", "-q", str(project), str(clone))
    dvc(clone, "remote", "add", "-d", "--local", "testremote", str(remote))
    dvc(
        clone,
        "get",
        str(clone),
        "outputs/flows.parquet",
        "--rev",
        "v1.0.0",
        "-o",
        "flows-from-remote.parquet",
        cwd=consumer,
    )
    assert (consumer / "flows-from-remote.parquet").read_bytes() == (
        consumer / "outputs-v1.0.0" / "flows.parquet"
    ).read_bytes()

    # --- the public read-only path: the remote served over HTTP, read by `dvc get` and by the loader
    # from a fresh clone with no tags, an empty HOME and no remote of its own
    check_http_remote(project, remote, tmp_path, consumer)

    # --- refusals: a dirty tree, stale outputs, a rename as a minor release (numbers: test_version_must_grow_enough)
    (project / "notes.txt").write_text("draft\n", encoding="utf-8")
    refused = tipfacts(project, "release", "1.2.0", check=False)
    assert refused.returncode == ExitCode.RELEASE and "not clean" in refused.stderr and "notes.txt" in refused.stderr
    (project / "notes.txt").unlink()

    schema = project / "schemas" / "flows.py"
    source = schema.read_text(encoding="utf-8")
    assert "    trend: Series[str]" in source
    schema.write_text(source.replace("    trend: Series[str]", "    trend_direction: Series[str]"), encoding="utf-8")
    commit_all(project, "Rename flows.trend to flows.trend_direction")
    refused = tipfacts(project, "release", "2.0.0", check=False)
    assert refused.returncode == ExitCode.RELEASE and "not current" in refused.stderr, refused.stderr
    dvc(project, "repro", "-f", "-s", "extract")  # extract writes the schema's columns
    dvc(project, "repro")
    assert "trend_direction" in pd.read_parquet(project / "outputs" / "flows.parquet").columns
    commit_all(project, "Rebuild with the renamed column")
    head = git(project, "rev-parse", "HEAD")
    refused = tipfacts(project, "release", "1.2.0", check=False)
    assert refused.returncode == ExitCode.RELEASE
    assert "need a major" in refused.stderr and "`flows.trend` removed" in refused.stderr, refused.stderr
    assert "release 2.0.0" in refused.stderr
    assert git(project, "rev-parse", "HEAD") == head and git(project, "tag", "--list").split() == ["v1.0.0", "v1.1.0"]
    assert git(project, "status", "--porcelain") == ""


def check_http_remote(project: Path, remote: Path, tmp_path: Path, consumer: Path) -> None:
    clone = tmp_path / "http-clone"
    git(project, "clone", "-q", "--no-tags", str(project), str(clone))
    home = tmp_path / "empty-home"
    home.mkdir()
    env = env_for(clone) | {"HOME": str(home)}
    env.pop("XDG_CACHE_HOME", None)
    with serve(remote) as url:
        release_commit = git(project, "rev-parse", "v1.1.0^{commit}")
        dvc_get = [str(BIN / "dvc"), "get", str(clone), "outputs/flows.parquet", "--rev", release_commit]
        public = consumer / "public-remote.config"  # what the README tells a researcher to write
        public.write_text(f"[core]\n    remote = public\n['remote \"public\"']\n    url = {url}\n", encoding="utf-8")
        run([*dvc_get, "--config", str(public), "-o", "flows-over-http.parquet"], consumer, clone, env=env)
        tipfacts_get = [str(BIN / "tipfacts"), "get", "flows", "--version", "1.1.0", "--repo", str(clone)]
        out = str(consumer / "flows-loader-http.parquet")
        fetched = run([*tipfacts_get, "--remote", url, "-o", out], consumer, clone, env=env)
        assert "from DVC" in fetched.stdout and release_commit[:12] in fetched.stdout, fetched.stdout
    expected = (consumer / "outputs-v1.1.0" / "flows.parquet").read_bytes()
    assert (consumer / "flows-over-http.parquet").read_bytes() == expected
    assert (consumer / "flows-loader-http.parquet").read_bytes() == expected
    assert not (home / ".cache" / "tipfacts" / "releases").exists()  # nothing was rebuilt


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A read-only HTTP server on 127.0.0.1 for `folder` (python's http.server), as a public remote would be."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as client:
                if client.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


# ---------------------------------------------------------------------------------------------- tipfacts add


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    for name in SEED:
        for suffix in (".txt", ".meta.yaml"):
            shutil.copy2(FIXTURES / f"{name}{suffix}", folder / f"{name}{suffix}")
    return folder


def test_add_copies_the_report_and_writes_its_sidecar(raw: Path) -> None:
    algeria = new_report()
    added = adding.add_report(algeria, raw)
    assert added.doc_id == NEW and added.report == raw / f"{NEW}.txt"
    assert added.report.read_bytes() == algeria.read_bytes()
    meta = yaml.safe_load(added.sidecar.read_text(encoding="utf-8"))
    assert set(meta) <= ingest.META_KEYS
    assert meta["sha256"] == hashlib.sha256(algeria.read_bytes()).hexdigest()
    assert meta["publisher"] == "CIA World Factbook" and meta["retrieved_on"] == "2016-11-06"
    docs = ingest.ingest(raw, 20_000_000)
    assert [d.doc_id for d in docs] == sorted([*SEED, NEW])


def test_add_slugifies_the_id_and_options_override_the_sidecar(raw: Path, tmp_path: Path) -> None:
    source = tmp_path / "Some Report.md"
    source.write_text(
        "# Trafficking in Fiji\n\nFiji is a source country for children subjected to sex trafficking.\n",
        encoding="utf-8",
    )
    source.with_name("Some Report.meta.yaml").write_text("subject: Fiji\nreport_year: 2019\n", encoding="utf-8")
    added = adding.add_report(
        source,
        raw,
        doc_id="NGO Report: Fiji (2020)",
        meta={"report_year": 2020, "url": "https://example.org/fiji", "title": None},
    )
    assert added.doc_id == "ngo-report-fiji-2020" and added.report.suffix == ".md"
    meta = yaml.safe_load(added.sidecar.read_text(encoding="utf-8"))
    assert (meta["subject"], meta["report_year"], meta["url"]) == ("Fiji", 2020, "https://example.org/fiji")
    assert "title" not in meta  # nobody gave one: ingest reads it from the report's first line


def test_add_refuses_the_same_bytes_under_another_id(raw: Path, tmp_path: Path) -> None:
    copy_ = tmp_path / "renamed.txt"
    shutil.copy2(FIXTURES / f"{SEED[0]}.txt", copy_)
    before = snapshot(raw)
    with pytest.raises(InputError) as err:
        adding.add_report(copy_, raw, doc_id="kenya-again")
    assert err.value.path == copy_ and str(copy_) in str(err.value)
    assert f"{SEED[0]}.txt" in str(err.value) and "same bytes" in str(err.value)
    assert snapshot(raw) == before


def test_add_refuses_an_id_already_taken(raw: Path) -> None:
    algeria = new_report()
    before = snapshot(raw)
    with pytest.raises(InputError) as err:
        adding.add_report(algeria, raw, doc_id=SEED[1])
    assert err.value.path == algeria and f"{SEED[1]!r} is already taken" in str(err.value)
    assert snapshot(raw) == before


@pytest.mark.parametrize(
    ("content", "options", "problem"),
    [
        (b"= Report =\n\nCaf\xe9 workers in Kenya were trafficked.\n", {}, "not valid UTF-8"),
        (b"   \n\n", {}, "empty"),
        (b"%PDF-1.7 binary", {}, "a PDF file"),
        (b"= Report =\n\nKenya is a source country.\n", {"report_year": 1800}, "not a plausible year"),
        (b"= Report =\n\nKenya is a source country.\n", {"subject": "Atlantis"}, "not a country"),
        (b"= Report =\n\nKenya is a source country.\n", {"retrieved_on": "yesterday"}, "not an ISO date"),
        (b"= Only a heading =\n", {}, "no sentences"),
    ],
)
def test_add_bad_input_leaves_raw_unchanged(
    raw: Path, tmp_path: Path, content: bytes, options: dict, problem: str
) -> None:
    source = tmp_path / "incoming.txt"
    source.write_bytes(content)
    before = snapshot(raw)
    with pytest.raises(InputError) as err:
        adding.add_report(source, raw, meta=options)
    assert problem in str(err.value) and str(source) in str(err.value)
    assert snapshot(raw) == before


def test_add_names_the_sidecar_when_it_is_wrong(raw: Path, tmp_path: Path) -> None:
    source = tmp_path / "incoming.txt"
    source.write_text("= Report =\n\nKenya is a source country.\n", encoding="utf-8")
    sidecar = tmp_path / "incoming.meta.yaml"
    sidecar.write_text("subjet: Kenya\n", encoding="utf-8")
    before = snapshot(raw)
    with pytest.raises(InputError) as err:
        adding.add_report(source, raw)
    assert err.value.path == sidecar and "subjet" in str(err.value)
    sidecar.write_text("url: not-a-url\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        adding.add_report(source, raw)
    assert err.value.path == sidecar and "not an http(s) URL" in str(err.value)
    assert snapshot(raw) == before


def test_add_command_exits_non_zero_with_the_file_named(tmp_path: Path) -> None:
    (tmp_path / "raw").mkdir()
    shutil.copy2(FIXTURES / f"{SEED[0]}.txt", tmp_path / "raw" / "kenya.txt")
    proc = subprocess.run(
        [str(BIN / "tipfacts"), "add", str(FIXTURES / f"{SEED[0]}.txt")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == InputError.exit_code
    assert f"{SEED[0]}.txt" in proc.stderr and "already in" in proc.stderr and "kenya.txt" in proc.stderr
    assert sorted(p.name for p in (tmp_path / "raw").iterdir()) == ["kenya.txt"]


# ---------------------------------------------------------------------------------------------- rules


@pytest.fixture(scope="module")
def package() -> dict:
    return datapackage.build(pd.DataFrame(columns=["doc_id", "title", "url", "license"]), "1.0.0")


def fields_of(pkg: dict, table: str) -> list[dict]:
    return next(r for r in pkg["resources"] if r["name"] == table)["schema"]["fields"]


def field_of(pkg: dict, table: str, column: str) -> dict:
    return next(f for f in fields_of(pkg, table) if f["name"] == column)


def levels(old: dict, new: dict) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for change in diffing.schema_changes(old, new):
        out.setdefault(change.level, []).append(change.text)
    return out


def test_schema_changes_classify_major_and_minor(package: dict) -> None:
    assert diffing.schema_changes(package, copy.deepcopy(package)) == []

    renamed = copy.deepcopy(package)
    field_of(renamed, "flows", "trend")["name"] = "trend_direction"
    assert levels(package, renamed) == {
        "major": ["column `flows.trend` removed (renamed? new: `flows.trend_direction`)"],
        "minor": ["column `flows.trend_direction` added"],
    }

    fewer_values = copy.deepcopy(package)
    enum = field_of(fewer_values, "flows", "exploitation")["constraints"]["enum"]
    enum.remove("organ_removal")
    assert levels(package, fewer_values) == {"major": ["`flows.exploitation` no longer allows: organ_removal"]}
    assert levels(fewer_values, package) == {"minor": ["`flows.exploitation` now also allows: organ_removal"]}

    shorter_list = copy.deepcopy(package)
    groups = field_of(shorter_list, "flows", "victim_groups")["constraints"]
    item = "(?:" + "|".join(re.escape(v) for v in ["women", "men"]) + ")"
    groups["pattern"] = f"{item}(?:;{item})*"
    assert "major" in levels(package, shorter_list)
    assert "no longer allows: girls" in levels(package, shorter_list)["major"][0]

    no_table = copy.deepcopy(package)
    no_table["resources"] = [r for r in no_table["resources"] if r["name"] != "events"]
    assert levels(package, no_table) == {"major": ["table `events` removed"]}
    assert levels(no_table, package) == {"minor": ["table `events` added"]}

    retyped = copy.deepcopy(package)
    field_of(retyped, "statistics", "value")["type"] = "string"
    assert list(levels(package, retyped)) == ["major"]

    nullable = copy.deepcopy(package)
    assert field_of(package, "statistics", "indicator")["constraints"].get("required")
    field_of(nullable, "statistics", "indicator")["constraints"]["required"] = False
    assert levels(package, nullable) == {"major": ["column `statistics.indicator` may now be null"]}
    assert levels(nullable, package) == {"minor": ["column `statistics.indicator` is now always given"]}


def test_version_must_grow_enough() -> None:
    v = releasing.parse_version
    assert v("v1.2.3") == Version("1.2.3") and str(v("1.2.3")) == "1.2.3"
    for bad in ("1.2", "1.2.3rc1", "one"):
        with pytest.raises(releasing.ReleaseError, match="not a version number"):
            v(bad)
    assert v("1.10.0") > v("1.9.0")  # numbers, not text
    nothing = diffing.DatasetDiff("v1.0.0", "workspace", "1.0.0", "1.0.0", {}, [])
    more_rows = diffing.DatasetDiff(
        "v1.0.0",
        "workspace",
        "1.0.0",
        "1.0.0",
        {"flows": diffing.TableDiff("flows", ["fact_id"], 1, 2, added=["flw-1"])},
        [],
    )
    breaking = diffing.DatasetDiff(
        "v1.0.0", "workspace", "1.0.0", "1.0.0", {}, [diffing.SchemaChange("major", "column `flows.trend` removed")]
    )
    assert releasing.check_version(v("5.0.0"), None, None) == "first"
    assert releasing.check_version(v("1.0.1"), v("1.0.0"), nothing) == "patch"
    assert releasing.check_version(v("1.1.0"), v("1.0.0"), more_rows) == "minor"
    assert releasing.check_version(v("2.0.0"), v("1.0.0"), more_rows) == "major"
    assert releasing.check_version(v("2.0.0"), v("1.0.0"), breaking) == "major"
    for new, last, change, message in [
        ("1.0.0", "1.0.0", nothing, "not greater"),
        ("0.9.0", "1.0.0", nothing, "not greater"),
        ("1.0.1", "1.0.0", more_rows, "release 1.1.0"),
        ("1.9.0", "1.2.3", breaking, "release 2.0.0"),
    ]:
        with pytest.raises(releasing.ReleaseError, match=message):
            releasing.check_version(v(new), v(last), change)


def test_params_version_is_set_in_place(tmp_path: Path) -> None:
    params = tmp_path / "params.yaml"
    original = (ROOT / "params.yaml").read_text(encoding="utf-8")
    params.write_text(original, encoding="utf-8")
    assert releasing.set_params_version(params, Version("3.4.5"))
    text = params.read_text(encoding="utf-8")
    assert yaml.safe_load(text)["dataset"]["version"] == "3.4.5"
    assert yaml.safe_load(text)["extract"] == yaml.safe_load(original)["extract"]
    changed = [(a, b) for a, b in zip(original.splitlines(), text.splitlines(), strict=True) if a != b]
    assert len(changed) == 1 and "#" in changed[0][1]  # only that line; its comment kept
    assert not releasing.set_params_version(params, Version("3.4.5"))


def test_changelog_entries_newest_first_and_replaced_on_rerun(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    releasing.write_changelog(path, Version("1.0.0"), "## v1.0.0 (2025-01-01)\n\nFirst release.\n")
    releasing.write_changelog(path, Version("1.1.0"), "## v1.1.0 (2025-02-01)\n\nMore rows.\n")
    releasing.write_changelog(path, Version("1.1.0"), "## v1.1.0 (2025-02-02)\n\nMore rows, again.\n")
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Changelog") and text.count("## v1.1.0") == 1
    assert text.index("## v1.1.0 (2025-02-02)") < text.index("## v1.0.0")
    assert "More rows, again." in text and "More rows.\n" not in text


def test_a_release_takes_the_unreleased_notes_into_its_entry(tmp_path: Path) -> None:
    path = tmp_path / "CHANGELOG.md"
    releasing.write_changelog(path, Version("1.0.0"), "## v1.0.0 (2025-01-01)\n\nFirst release.\n")
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("## v1.0.0", "## Unreleased\n\n### Extraction\n\n- Hedged flows are potential.\n\n## v1.0.0"),
        encoding="utf-8",
    )
    releasing.write_changelog(path, Version("1.1.0"), "## v1.1.0 (2025-02-01)\n\nMore rows.\n")
    text = path.read_text(encoding="utf-8")
    assert "## Unreleased" not in text and text.count("Hedged flows are potential.") == 1
    entry = text[text.index("## v1.1.0") : text.index("## v1.0.0")]
    assert entry.index("More rows.") < entry.index("#### Extraction") < entry.index("- Hedged flows are potential.")


def test_diff_table_matches_rows_by_key() -> None:
    a = pd.DataFrame(
        {
            "iso3": ["KEN", "KEN", "QAT"],
            "year": pd.array([2013, 2014, 2014], dtype="Int64"),
            "tier": ["2", None, "2WL"],
            "prosecutions": [3.0, None, 1.0],
        }
    )
    b = pd.DataFrame(
        {
            "iso3": ["KEN", "KEN", "DZA"],
            "year": pd.array([2013, 2014, 2014], dtype="Int64"),
            "tier": ["2", "2WL", "3"],
            "prosecutions": [3, None, None],
        }
    )
    result = diffing.diff_table("country_year", a, b)
    assert result.key == ["iso3", "year"]
    assert (result.added, result.removed, result.changed) == (["DZA 2014"], ["QAT 2014"], ["KEN 2014"])
    assert "~ KEN 2014: tier null -> 2WL" in result.examples
