"""The data dictionary is generated from the schemas; the committed copy must match them."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

from tipfacts.dataset import dictionary

ROOT = Path(__file__).resolve().parents[1]


def test_data_dictionary_is_current() -> None:
    committed = (ROOT / "DATA_DICTIONARY.md").read_text(encoding="utf-8")
    assert committed == dictionary.render(), "run `python -m tipfacts.dataset.dictionary > DATA_DICTIONARY.md`"


def test_dictionary_lists_every_contract_table() -> None:
    text = dictionary.render()
    for table in (
        "documents",
        "sentences",
        "assessments",
        "country_roles",
        "flows",
        "legal_instruments",
        "events",
        "statistics",
        "organizations",
        "country_year",
    ):
        assert f"## {table}\n" in text


def test_license_files_named_in_pyproject_exist() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert isinstance(project["license"], str), "an SPDX expression, not the deprecated table"
    missing = [name for name in project["license-files"] if not (ROOT / name).is_file()]
    assert not missing, f"pyproject.toml names license files that do not exist: {missing}"


def test_every_dictionary_table_row_has_the_header_s_columns() -> None:
    """A `|` left unescaped in a description splits its row into too many cells (GitHub shows them shifted)."""
    broken, rows = [], 0
    header: int | None = None
    for number, line in enumerate((ROOT / "DATA_DICTIONARY.md").read_text(encoding="utf-8").splitlines(), 1):
        if not line.startswith("|"):
            header = None
            continue
        cells = len(re.split(r"(?<!\\)\|", line.strip())) - 2  # the outer pipes open and close the row
        if header is None:
            header = cells
        rows += 1
        if cells != header:
            broken.append(f"line {number}: {cells} cells, the header has {header}: {line}")
    assert rows > 100
    assert not broken, "\n".join(broken)


def test_activating_the_venv_puts_tipfacts_and_dvc_on_path(tmp_path: Path) -> None:
    """The README's `source .venv/bin/activate`, in a shell whose PATH lacks the virtualenv."""
    venv = Path(sys.executable).parent.parent
    assert "source .venv/bin/activate" in (ROOT / "README.md").read_text(encoding="utf-8")
    done = subprocess.run(
        ["bash", "-c", f"source {venv}/bin/activate && command -v tipfacts dvc && tipfacts --help"],
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[:2] == [str(venv / "bin" / "tipfacts"), str(venv / "bin" / "dvc")]
