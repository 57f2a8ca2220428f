"""Bad input and failures never cost a researcher data.

Each case runs the installed `tipfacts build` (two of them also `dvc repro`) as a subprocess on a
real folder of reports, over an output folder that a good build filled first. A refused run exits
non-zero with ONE message naming the file (and line, byte offset or key) and what to do, and every
byte of the output folder is as it was. Nothing is mocked: a validation failure comes from a rule
broken on purpose in the subprocess, and a run is killed with a real SIGKILL while it publishes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
from conftest import BIN, FACT_TABLES, MAX_BYTES, PROJECT, SEED_ID, SEED_META, SEED_TXT, import_root

from tipfacts.errors import ExitCode, InputError
from tipfacts.stages.ingest import MAX_SENTENCE_CHARS, ingest

TIPFACTS = str(BIN / "tipfacts")
PARAMS = str(PROJECT / "params.yaml")
META = f"{SEED_ID}.meta.yaml"
OTHER_REPORT = PROJECT / "tests" / "fixtures" / "factbook" / "factbook-2014-kenya.txt"  # so a rebuild differs


def snapshot(folder: Path) -> dict[str, str]:
    """sha256 of every file under `folder` (dot-files too) and a marker for every folder, by relative path."""
    return {
        str(p.relative_to(folder)): "<dir>" if p.is_dir() else hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
    }


def leftovers(root: Path) -> list[str]:
    """Staging or backup folders a publish left beside the output folder."""
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".out."))


@dataclass
class Case:
    """A folder of reports (the seed and its sidecar) and an output folder holding a good build of it."""

    root: Path
    raw: Path
    out: Path

    def command(self, *extra: str) -> list[str]:
        return [
            TIPFACTS,
            "--params",
            PARAMS,
            "build",
            "--raw-dir",
            str(self.raw),
            "--out-dir",
            str(self.out),
            "--workers",
            "1",
            *extra,
        ]

    def build(self, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            self.command(), cwd=self.root, capture_output=True, text=True, timeout=timeout, check=False
        )

    def write(self, name: str, content: str | bytes) -> Path:
        path = self.raw / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path

    def fails(self, *words: str, code: int = ExitCode.INPUT) -> str:
        """Build, expect a refusal with exit `code` and one message holding `words`; the outputs keep every byte."""
        before = snapshot(self.out)
        done = self.build()
        message = done.stderr
        assert done.returncode == code, f"exit {done.returncode}\n{done.stdout}\n{message}"
        assert message.count("error:") == 1, message
        assert "Traceback" not in message, message
        assert "what to do:" in message, message
        for word in words:
            assert word in message, f"{word!r} not in:\n{message}"
        assert snapshot(self.out) == before
        assert leftovers(self.root) == []
        return message

    def refused(self, *words: str) -> str:
        """A variant of a case, checked in this process (ingest alone, no subprocess): the message holds `words`."""
        with pytest.raises(InputError) as info:
            ingest(self.raw, MAX_BYTES)
        message = str(info.value)
        for word in words:
            assert word in message, f"{word!r} not in:\n{message}"
        return message

    def succeeds(self) -> subprocess.CompletedProcess[str]:
        done = self.build()
        assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"
        return done

    def table(self, name: str) -> pd.DataFrame:
        return pd.read_parquet(self.out / f"{name}.parquet")


@pytest.fixture(scope="module")
def good_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A good build of the seed: the outputs every failing run must leave alone."""
    root = tmp_path_factory.mktemp("good")
    case = Case(root, root / "raw", root / "out")
    case.raw.mkdir()
    shutil.copy2(SEED_TXT, case.raw)
    shutil.copy2(SEED_META, case.raw)
    case.succeeds()
    assert len(snapshot(case.out)) >= 22  # ten tables in two formats, the package and the metrics
    return case.out


@pytest.fixture
def case(tmp_path: Path, good_out: Path) -> Case:
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy2(SEED_TXT, raw)
    shutil.copy2(SEED_META, raw)
    shutil.copytree(good_out, tmp_path / "out")
    return Case(tmp_path, raw, tmp_path / "out")


def seed_meta(**changes: str) -> str:
    """The seed's sidecar with some `key: value` lines replaced (or added)."""
    lines = dict(line.split(": ", 1) for line in SEED_META.read_text(encoding="utf-8").splitlines() if line)
    lines.update(changes)
    return "".join(f"{key}: {value}\n" for key, value in lines.items())


# --- the report file itself ------------------------------------------------------------------------


def test_empty_report(case):
    case.write("empty.txt", b"")
    case.fails("empty.txt", "empty", "add the report's text")


def test_whitespace_only_report(case):
    case.write("blank.txt", " \n\t\r\n\u00a0\u2003\n")  # Unicode spaces are whitespace too
    case.fails("blank.txt", "only whitespace")


def test_binary_file_renamed_txt(case):
    case.write("scan.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    case.fails("scan.txt", "a PDF file, not text", "convert it")
    case.write("scan.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01")
    case.refused("scan.txt", "a PNG image, not text")
    case.write("scan.txt", "= Report =\n\nText.\n".encode("utf-16"))
    case.refused("scan.txt", "UTF-16 text, not UTF-8")
    case.write("scan.txt", b"= Report =\n\nText \x00\x01\x02 more.\n")
    case.refused("scan.txt:3", "NUL byte at byte offset 17")


def test_text_that_is_not_utf8_names_the_byte_offset(case):
    data = "= Human trafficking in Timor-Leste =\n\nWomen were exploited in Dili. The café owner".encode("latin-1")
    case.write("latin.txt", data + b" was arrested.\n")
    offset = data.index(b"\xe9")
    message = case.fails("latin.txt:3", f"byte offset {offset}", "0xe9", "not valid UTF-8", "UTF-8")
    assert "guess" not in message


def test_bom_and_crlf_or_cr_line_ends_are_accepted_and_normalized(case):
    body = "= Human trafficking in Nepal =\n\nWomen from Nepal were trafficked to India.\nA second line.\n\nMore.\n"
    variants = {
        "with-bom": "\ufeff" + body,
        "with-crlf": body.replace("\n", "\r\n"),
        "with-cr": body.replace("\n", "\r"),
        "with-bom-and-crlf": "\ufeff" + body.replace("\n", "\r\n"),
    }
    raw_bytes = {doc_id: text.encode("utf-8") for doc_id, text in variants.items()}
    for doc_id, data in raw_bytes.items():
        case.write(f"{doc_id}.txt", data)
    case.succeeds()
    docs = case.table("documents").set_index("doc_id")
    sentences = case.table("sentences")
    for doc_id, data in raw_bytes.items():
        doc = docs.loc[doc_id]
        assert doc.text == body, doc_id  # one text for all four files: no BOM, "\n" line ends
        assert doc.sha256 == hashlib.sha256(data).hexdigest()  # the hash is of the bytes as given
        assert doc.title == "Human trafficking in Nepal"
        rows = sentences[sentences.doc_id == doc_id]
        assert list(rows.text) == ["Women from Nepal were trafficked to India.", "A second line.", "More."]
        for row in rows.itertuples():
            assert doc.text[row.char_start : row.char_end] == row.text


# --- names and sidecars ----------------------------------------------------------------------------


def test_file_name_that_is_not_a_valid_id(case):
    shutil.copy2(SEED_TXT, case.raw / "Bad Name.txt")
    case.fails("Bad Name.txt", "not a valid report id", "rename the file")
    (case.raw / "Bad Name.txt").rename(case.raw / "report_2020.md")
    case.refused("report_2020.md", "not a valid report id")


def test_report_with_an_upper_case_suffix_is_not_silently_skipped(case):
    shutil.copy2(SEED_TXT, case.raw / "second-report.TXT")
    case.fails("second-report.TXT", "lower case", "rename it to second-report.txt")


def test_folder_without_reports_does_not_publish_empty_tables(case):
    for path in case.raw.iterdir():
        path.unlink()
    case.write("tiers.csv", "doc_id,tier\n")
    case.fails("raw: no reports in this folder", "check --raw-dir")


def test_two_files_with_one_id(case):
    shutil.copy2(SEED_TXT, case.raw / f"{SEED_ID}.md")
    case.fails(f"{SEED_ID}.md", f"{SEED_ID}.txt", "two files share the id", "keep one of them")


def test_sidecar_without_its_report(case):
    case.write("orphan.meta.yaml", "title: Human trafficking in Nepal\n")
    case.fails("orphan.meta.yaml", "metadata without its report", "add the report or remove the sidecar")


def test_sidecar_that_is_not_valid_yaml(case):
    case.write(META, "title: Human trafficking in Timor-Leste\nsubject: Timor-Leste\n  license: CC BY-SA 4.0\n")
    case.fails(f"{META}:3", "not valid YAML", "mapping values are not allowed here", "fix the YAML syntax")
    case.write(META, "title: Human trafficking: Timor-Leste\n")
    case.refused(f"{META}:1", "mapping values are not allowed here")
    case.write(META, "title: Human trafficking in Timor-Leste\nsubject: TLS\ntitle: Timor-Leste\n")
    case.refused(f"{META}:3", "the key 'title' appears twice (lines 1 and 3)", "keep one of the two lines")
    case.write(META, "title: caf\xe9\n".encode("latin-1"))
    case.refused(f"{META}:1", "not UTF-8 text (byte offset 10)")


def test_sidecar_with_an_unknown_key(case):
    case.write(META, seed_meta(year="2020"))
    case.fails(META, "unknown metadata key(s): year", "use only: license, publisher, report_year")
    for key in ("Title", "subject_iso3"):
        case.write(META, seed_meta(**{key: "x"}))
        case.refused(META, f"unknown metadata key(s): {key}")


def test_report_year_that_is_not_a_plausible_year(case):
    case.write(META, seed_meta(report_year="20231"))
    case.fails(META, "report_year 20231 is not a plausible year", "four-digit year")
    for value in ("1850", "twenty", "true", "2023.5", "[2022, 2023]"):
        case.write(META, seed_meta(report_year=value))
        case.refused(META, "report_year", "not a plausible year")


def test_subject_that_is_no_country(case):
    case.write(META, seed_meta(subject="Atlantis"))
    case.fails(META, "subject 'Atlantis' is not a country", "ISO3")
    for value in ("XXX", "Southeast Asia"):
        case.write(META, seed_meta(subject=value))
        case.refused(META, f"subject {value!r} is not a country")


def test_malformed_retrieved_on_date(case):
    case.write(META, seed_meta(retrieved_on="2026-13-45"))  # YAML's own date parser would crash on it
    case.fails(META, "retrieved_on '2026-13-45' is not an ISO date", "YYYY-MM-DD")
    for value in ("2024-02-30", "yesterday", "28/11/2026", "2026-11-28T10:00:00"):
        case.write(META, seed_meta(retrieved_on=value))
        case.refused(META, "retrieved_on", value, "not an ISO date")


def test_malformed_url(case):
    case.write(META, seed_meta(url="en.wikipedia.org/wiki/Timor-Leste"))
    case.fails(META, "url 'en.wikipedia.org/wiki/Timor-Leste' is not an http(s) URL", "https://")
    for value in ("https://exa mple.org/report", "ftp://example.org/report.txt", "https://", "http://example.org:x/"):
        case.write(META, seed_meta(url=f'"{value}"'))
        case.refused(META, f"url {value!r} is not an http(s) URL")


def test_sidecar_value_that_is_not_text(case):
    case.write(META, seed_meta(title="[Human, trafficking]"))
    case.fails(META, "title must be one line of text", "list")


# --- reports with nothing to extract, and very large ones ------------------------------------------


def test_report_with_nothing_to_extract_is_a_warning_and_a_documents_row(case):
    case.write("recipes.txt", "= Bread =\n\nMix the flour with water and salt. Bake it for an hour.\n")
    case.write("recipes.meta.yaml", "subject: Nepal\nlicense: CC0-1.0\n")
    done = case.succeeds()
    assert "error" not in done.stderr
    assert re.search(r"warning: 1 report\(s\) gave no facts: recipes\b", done.stderr), done.stderr
    docs = case.table("documents").set_index("doc_id")
    assert docs.loc["recipes", "n_sentences"] == 2
    for table in FACT_TABLES:
        assert "recipes" not in set(case.table(table).doc_id), table
    assert len(case.table("flows")) > 0  # the seed's facts are still there
    metrics = json.loads((case.out / "metrics.json").read_text(encoding="utf-8"))
    assert metrics["reports_without_facts"] == 1


def test_enormous_report_is_refused_at_once_with_its_limit(case):
    case.write("enormous.txt", b"Women were trafficked to Dili in 2008. " * 1_300_000)  # 50 MB
    clock = time.monotonic()
    case.fails("enormous.txt", "50.7 MB", "over the limit of", "max_report_mb")
    assert time.monotonic() - clock < 60


def test_one_megabyte_line_is_cut_with_a_warning_not_a_hang(case):
    """A 1 MB line without a sentence end goes through every stage in pieces, with a warning naming it."""
    line = "victims were found " * 55_000
    case.write("run-on.txt", f"= Human trafficking in Nepal =\n\n{line}\n\nThe police arrested 3 suspects.\n")
    clock = time.monotonic()
    done = case.succeeds()
    assert time.monotonic() - clock < 240
    assert re.search(
        rf"warning: \S*run-on\.txt:3: a sentence of 1,044,999 characters is over the limit "
        rf"of {MAX_SENTENCE_CHARS:,}; it was cut",
        done.stderr,
    ), done.stderr
    text = case.table("documents").set_index("doc_id").loc["run-on", "text"]
    sentences = case.table("sentences")
    rows = sentences[sentences.doc_id == "run-on"]
    assert len(rows) > 1_000_000 // MAX_SENTENCE_CHARS
    assert (rows.char_end - rows.char_start).max() <= MAX_SENTENCE_CHARS
    assert all(text[r.char_start : r.char_end] == r.text for r in rows.itertuples())
    assert " ".join(rows.text[:-1]) == line.strip()  # cut at spaces: every word kept, in order
    assert rows.text.iloc[-1] == "The police arrested 3 suspects."


# Run in a subprocess with a timeout, so that a regression fails the test instead of hanging the suite.
SEGMENT_LONG_LINES = """
import json, sys, time
from tipfacts.stages.ingest import segment
out = {}
for name, line in {"one-word": "a" * 1_000_000, "equals": "=" * 1_000_000, "spaced-heading": "= x" + " " * 1_000_000
                   + "y =", "hashes": "# " + "#" * 1_000_000}.items():
    text = f"= Title =\\n\\n{line}\\n"
    clock = time.monotonic()
    sentences = segment("x", text)
    out[name] = {"seconds": time.monotonic() - clock, "line": line, "lengths": [len(s.text) for s in sentences],
                 "sliced": all(text[s.char_start:s.char_end] == s.text == s.text.strip() for s in sentences),
                 "joined": "".join(s.text for s in sentences), "sections": sorted({s.section for s in sentences})}
json.dump(out, sys.stdout)
"""


def test_one_megabyte_line_without_spaces_or_of_heading_marks_is_split_fast():
    """The shapes that made the splitter or the heading regex hang (10,000 `=` took a minute; 1 MB, forever)."""
    done = subprocess.run(
        [sys.executable, "-c", SEGMENT_LONG_LINES], capture_output=True, text=True, timeout=120, check=True
    )
    for name, result in json.loads(done.stdout).items():
        assert result["seconds"] < 10, name
        assert result["lengths"] and max(result["lengths"]) <= MAX_SENTENCE_CHARS, name
        assert result["sliced"], name
        assert result["joined"].replace(" ", "") == result["line"].replace(" ", ""), name  # every character kept
        assert result["sections"] == [""], name  # a 1 MB line is never a heading


# --- validation ------------------------------------------------------------------------------------

# A rule broken on purpose inside the real `tipfacts build`: Pandera, Parquet and publish stay real.
BROKEN_RULES = """
import sys
from tipfacts.stages import extract
flows, statistics = extract.SENTENCE_RULES["flows"], extract.SENTENCE_RULES["statistics"]
extract.SENTENCE_RULES["flows"] = lambda ctx: [dict(f, exploitation="slavery") for f in flows(ctx)]
extract.SENTENCE_RULES["statistics"] = lambda ctx: [dict(f, evidence=f["evidence"] + " [edited]")
                                                    for f in statistics(ctx)]
from tipfacts.cli import main
sys.argv[0] = "tipfacts"
main()
"""


def test_validation_failure_reports_rows_and_publishes_nothing(case):
    shutil.copy2(OTHER_REPORT, case.raw)
    before = snapshot(case.out)
    done = subprocess.run(
        [sys.executable, "-c", BROKEN_RULES, *case.command()[1:]],
        cwd=case.root,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    message = done.stderr
    assert done.returncode == ExitCode.VALIDATION, message
    assert message.count("error:") == 1 and "Traceback" not in message, message
    assert "validation failed; nothing was published." in message
    # a fact column outside its vocabulary is one rule's mistake: those rows are dropped with a warning
    # naming report, sentence, fact, column, check and value, and are not what stops the run
    assert re.search(r"warning: flows: dropped \d+ row\(s\) its schema rejects", message), message
    assert re.search(
        r"report [a-z0-9-]+, sentence [a-z0-9-]+:\d{5} \(flw-[0-9a-f]{16}\): column exploitation fails isin\(.*\) "
        r"\(value 'slavery'\); evidence '",
        message,
    ), message
    assert "- table flows" not in message, message
    # the provenance rule stops it
    assert re.search(r"- table statistics, column evidence, check evidence_in_sentence: \d+ failing", message)
    assert re.search(r"row \d+ \(sta-[0-9a-f]{16}\): value '.*\[edited\]'", message), message
    # the full report is in the file the message names, beside (not in) the output folder
    named = re.search(r"full report: (.+)$", message, re.MULTILINE)
    assert named, message
    report = (case.root / named.group(1).strip()).resolve()
    assert report == (case.root / "out.validation-report.txt").resolve()
    written = report.read_text(encoding="utf-8")
    assert "evidence_in_sentence" in written and "table flows" not in written
    assert written.strip() in message
    assert snapshot(case.out) == before
    assert leftovers(case.root) == []
    # the next good run publishes and removes the stale report (without the broken rule's cached facts)
    cleared = subprocess.run([BIN / "tipfacts", "cache", "clear"], cwd=case.root, capture_output=True, check=True)
    assert b"removed" in cleared.stdout  # the broken run's facts were cached (per-user cache: caching/home.py)
    case.succeeds()
    assert not report.exists()
    assert snapshot(case.out) != before


# --- the output folder ------------------------------------------------------------------------------


def test_output_folder_with_files_tipfacts_did_not_write_is_refused(case):
    (case.out / "my-analysis.ipynb").write_text("{}", encoding="utf-8")
    case.fails("my-analysis.ipynb", "did not write", "would be lost", code=ExitCode.OUTPUT_FOLDER)


def test_output_folder_that_is_the_reports_folder_is_refused(case):
    before = snapshot(case.raw)
    done = subprocess.run(
        [TIPFACTS, "--params", PARAMS, "build", "--raw-dir", str(case.raw), "--out-dir", str(case.raw)],
        cwd=case.root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == ExitCode.OUTPUT_FOLDER, done.stderr
    assert done.stderr.count("error:") == 1 and "reports folder" in done.stderr, done.stderr
    assert snapshot(case.raw) == before


# --- killed while publishing ------------------------------------------------------------------------


def _ctrl_c_as_at_a_terminal() -> None:
    """A test run started in the background (`cmd &` in a script) passes SIGINT on ignored, and Python then
    installs no Ctrl-C handler: the build would sleep through the signal. A user at a terminal has the default."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_build(case: Case, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        case.command(),
        cwd=case.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, **env},
        preexec_fn=_ctrl_c_as_at_a_terminal,
    )


def kill_when_paused(
    process: subprocess.Popen[str], step: str, timeout: float = 240, sig: signal.Signals = signal.SIGKILL
) -> int:
    """Wait for the run to say it paused at `step` (TIPFACTS_PAUSE_AT), then send it `sig`; its exit code."""
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.extend(iter(process.stderr.readline, "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + timeout
    while not any(f"paused at {step}" in line for line in seen):
        assert process.poll() is None, f"the run ended before {step}: {''.join(seen)}"
        assert time.monotonic() < deadline, f"no pause at {step}: {''.join(seen)}"
        time.sleep(0.01)
    process.send_signal(sig)
    return process.wait(timeout=30)


@pytest.mark.parametrize("step", ["staged", "swapped"])
def test_killed_at_a_step_of_the_publish(case, step):
    """Killed before the swap: the old outputs, every byte. After it: the new ones, complete."""
    old = snapshot(case.out)
    shutil.copy2(OTHER_REPORT, case.raw)
    assert kill_when_paused(start_build(case, TIPFACTS_PAUSE_AT=step), step) == -signal.SIGKILL
    after_kill = snapshot(case.out)
    assert leftovers(case.root)  # the half-written (or swapped-out) staging folder is still there
    case.succeeds()
    new = snapshot(case.out)
    assert new != old and leftovers(case.root) == []
    assert after_kill == (new if step == "swapped" else old)


def test_interrupted_while_publishing_exits_130_and_keeps_the_old_outputs(case):
    """Ctrl-C (SIGINT) before the swap: exit 130, and the old outputs, every byte."""
    old = snapshot(case.out)
    shutil.copy2(OTHER_REPORT, case.raw)
    process = start_build(case, TIPFACTS_PAUSE_AT="staged")
    assert kill_when_paused(process, "staged", sig=signal.SIGINT) == ExitCode.INTERRUPTED == 130
    assert snapshot(case.out) == old


KILL_DELAYS = [0.0, 0.02, 0.06]


def test_killed_at_random_moments_while_publishing(case):
    """No pause points: SIGKILL at several moments after the staging folder appears. Old or new, never a mix."""
    old = snapshot(case.out)
    shutil.copy2(OTHER_REPORT, case.raw)
    states, killed = [], 0
    for delay in KILL_DELAYS:
        process = start_build(case)
        staging = case.root / f".out.tmp-{process.pid}"
        while process.poll() is None and not staging.exists():
            time.sleep(0.0005)
        time.sleep(delay)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            killed += process.wait(timeout=30) == -signal.SIGKILL
        process.communicate(timeout=30)
        states.append(snapshot(case.out))
    assert killed >= 2  # most kills landed while the run was publishing
    case.succeeds()
    new = snapshot(case.out)
    assert new != old and leftovers(case.root) == []
    for state in states:
        assert state in (old, new)


# Without RENAME_EXCHANGE (not Linux, or a file system without it) the swap is two renames.
TWO_RENAMES = """
import sys
from tipfacts.stages import publish
publish._exchange = lambda a, b: False
from tipfacts.cli import main
sys.argv[0] = "tipfacts"
main()
"""


def test_killed_between_the_two_renames_the_next_run_restores_the_outputs(case):
    old = snapshot(case.out)
    shutil.copy2(OTHER_REPORT, case.raw)
    process = subprocess.Popen(
        [sys.executable, "-c", TWO_RENAMES, *case.command()[1:]],
        cwd=case.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TIPFACTS_PAUSE_AT": "half-swapped"},
    )
    assert kill_when_paused(process, "half-swapped") == -signal.SIGKILL
    assert not case.out.exists()  # the worst moment: the old outputs moved aside, the new not yet in place
    # the next run puts the old outputs back first, even though it then fails on bad input
    case.write("empty.txt", b"")
    done = case.build()
    assert done.returncode == ExitCode.INPUT and "empty.txt" in done.stderr, done.stderr
    assert snapshot(case.out) == old
    assert leftovers(case.root) == []
    (case.raw / "empty.txt").unlink()
    case.succeeds()
    assert snapshot(case.out) != old


# --- dvc repro ---------------------------------------------------------------------------------------


def dvc_env(tmp: Path, repo: Path | None) -> dict[str, str]:
    """The tools' environment; with `repo`, its own code is what `import tipfacts` loads."""
    return {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
        **({"PYTHONPATH": str(import_root(repo))} if repo else {}),
        "DVC_NO_ANALYTICS": "1",
        "DVC_SITE_CACHE_DIR": str(tmp / "dvc-site"),
        "DVC_GLOBAL_CONFIG_DIR": str(tmp / "dvc-global"),
        "DVC_SYSTEM_CONFIG_DIR": str(tmp / "dvc-system"),
        "GIT_AUTHOR_NAME": "tests",
        "GIT_AUTHOR_EMAIL": "tests@tipfacts.invalid",
        "GIT_COMMITTER_NAME": "tests",
        "GIT_COMMITTER_EMAIL": "tests@tipfacts.invalid",
        "GIT_CONFIG_GLOBAL": os.devnull,
    }


def git_repo_of_the_project(repo: Path, env: dict[str, str]) -> None:
    """A fresh git repository holding the project's tracked files as they are in the working tree."""
    listed = subprocess.run(["git", "-C", str(PROJECT), "ls-files", "-z"], capture_output=True, check=True)
    for name in filter(None, listed.stdout.decode("utf-8").split("\0")):
        if (PROJECT / name).is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(PROJECT / name, repo / name)
    for args in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "snapshot"]):
        subprocess.run(args, cwd=repo, env=env, check=True, capture_output=True)
    if not (repo / ".dvc").is_dir():
        subprocess.run([str(BIN / "dvc"), "init", "-q"], cwd=repo, env=env, check=True, capture_output=True)


def test_dvc_repro_refuses_bad_input_and_keeps_outputs_and_cache(tmp_path):
    repo = tmp_path / "repo"
    git_repo_of_the_project(repo, dvc_env(tmp_path, None))
    env = dvc_env(tmp_path, repo)
    first = subprocess.run(
        [str(BIN / "dvc"), "repro"], cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
    )
    assert first.returncode == 0, first.stdout + first.stderr
    meta = repo / "raw" / META
    good_meta = meta.read_bytes()
    cases = {
        "binary": (
            lambda: (repo / "raw" / "scan.txt").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"),
            ["scan.txt", "a PDF file, not text"],
        ),
        "bad yaml": (
            lambda: meta.write_text("title: Human trafficking: Timor-Leste\n", encoding="utf-8"),
            [f"{META}:1", "not valid YAML"],
        ),
    }
    for name, (break_input, words) in cases.items():
        outputs, cache = snapshot(repo / "outputs"), snapshot(repo / ".dvc" / "cache")
        break_input()
        done = subprocess.run(
            [str(BIN / "dvc"), "repro"], cwd=repo, env=env, capture_output=True, text=True, timeout=600, check=False
        )
        assert done.returncode != 0, (name, done.stdout, done.stderr)
        ours = [line for line in done.stderr.splitlines() if line.startswith("error:")]
        assert len(ours) == 1, (name, done.stderr)
        for word in words:
            assert word in done.stderr, (name, word, done.stderr)
        assert "what to do:" in done.stderr
        assert snapshot(repo / "outputs") == outputs, name
        assert snapshot(repo / ".dvc" / "cache") == cache, name
        (repo / "raw" / "scan.txt").unlink(missing_ok=True)
        meta.write_bytes(good_meta)
