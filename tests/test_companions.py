"""What publish writes beside the tables: the data card, its figures, tipfacts.sqlite and CITATION.cff.

The card's numbers are checked against the published files themselves (not against the code that
wrote them); the figures and the SQLite file must be byte-identical when written again, also from
another process; the SQLite file must keep every row and the keys that link a fact to its sentence.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import jsonschema
import pandas as pd
import pytest
import yaml
from conftest import ALL_TABLES, FACT_TABLES, PROJECT

from tipfacts import schemas
from tipfacts.dataset import datapackage
from tipfacts.publishing import card, figures, sqlite

CITATION_SCHEMA = PROJECT / "tests" / "citation" / "cff-1.2.0.schema.json"


def read_frames(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in ALL_TABLES}


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# ---------------------------------------------------------------------------------------------- the card


def test_card_counts_every_table_from_the_published_files(mixed_out: Path) -> None:
    text = (mixed_out / "README.md").read_text(encoding="utf-8")
    for table in ALL_TABLES:
        rows = len(pd.read_parquet(mixed_out / f"{table}.parquet"))
        assert re.search(rf"^\| `{table}` \| {rows:,} \| .+ \|$", text, re.MULTILINE), table
    documents = pd.read_parquet(mixed_out / "documents.parquet")
    assert f"{len(documents)} reports about {documents['subject_iso3'].nunique()} subject countries" in text
    assert "version " + json.loads((mixed_out / "datapackage.json").read_text())["version"] in text.splitlines()[0]


def test_card_quality_section_is_quality_json(mixed_out: Path) -> None:
    text = (mixed_out / "README.md").read_text(encoding="utf-8")
    scores = json.loads((mixed_out / "quality.json").read_text(encoding="utf-8"))
    seed = scores["key_sets"]["seed"]
    assert seed["reports_scored"] == 1
    for table, v in seed["tables"].items():
        counts = f"| `{table}` | {v['n_gold']} | {v['n_pred']} | {v['tp']} |"
        row = f"{counts} {v['precision']:.3f} | {v['recall']:.3f} | {v['f1']:.3f} |"
        assert row in text, row
    dev = scores["key_sets"]["dev"]  # the mixed corpus holds one of the dev key's Factbook reports
    assert f"{dev['reports_scored']} of {dev['reports_in_key']} reports in this build" in text
    tiers = scores["tiers"]
    assert f"the right tier for {tiers['correct']} of {tiers['reports_scored']} reports" in text


def test_card_says_what_each_source_leaves_out(mixed_out: Path) -> None:
    frames = read_frames(mixed_out)
    text = (mixed_out / "README.md").read_text(encoding="utf-8")
    # the three Factbook entries (2014, 2020, 2022 editions) are all on the Tier 2 Watch List
    for year in (2014, 2020, 2022):
        assert f"- **CIA World Factbook, {year}** (1 report)" in text and "none at Tier 1 or Tier 2" in text
    assert "1 report gave no facts at all: `zz-editorial-note`" in text
    # a Tier 1 country in the 2014 edition: the claim about that edition goes, the others stay
    documents = frames["documents"]
    extra = documents[documents["doc_id"] == "factbook-2014-kenya"].assign(doc_id="factbook-2014-france")
    extra = extra.assign(subject_iso3="FRA")
    assessment = frames["assessments"][frames["assessments"]["doc_id"] == "factbook-2014-kenya"].head(1)
    assessment = assessment.assign(doc_id="factbook-2014-france", country_iso3="FRA", tier="1")
    changed = frames | {
        "documents": pd.concat([documents, extra], ignore_index=True),
        "assessments": pd.concat([frames["assessments"], assessment], ignore_index=True),
    }
    lines = "\n".join(card._left_out(changed))
    assert "**CIA World Factbook, 2014**" not in lines and "**CIA World Factbook, 2020**" in lines


def test_card_explains_the_year_of_every_table_with_a_year() -> None:
    dated = {
        (name, column)
        for name, model in schemas.TABLES.items()
        for column in model.to_schema().columns
        if column == "date" or column.endswith("year")
    }
    assert dated == set(card.YEAR_MEANING)


def test_card_embeds_every_figure_with_its_source_table(mixed_out: Path) -> None:
    text = (mixed_out / "README.md").read_text(encoding="utf-8")
    for chart in figures.FIGURES:
        assert f"](figures/{chart.file})" in text
        assert (mixed_out / "figures" / chart.file).read_bytes().startswith(b"\x89PNG")
        caption = next(line for line in text.splitlines() if line.startswith("*Figure") and chart.title in line)
        assert re.search(r"Source: table `(country_year|flows|statistics)`", caption), caption


# ---------------------------------------------------------------------------------------------- byte-identical


WRITE_AGAIN = """
import sys
from pathlib import Path
import json
import pandas as pd
from tipfacts.publishing import companions
out, dest = Path(sys.argv[1]), Path(sys.argv[2])
names = [p.stem for p in out.glob("*.parquet")]
frames = {n: pd.read_parquet(out / f"{n}.parquet") for n in names}
from tipfacts import schemas
frames = {n: frames[n] for n in schemas.TABLES}
dest.mkdir()
companions.write(dest, frames, sys.argv[3], json.loads((out / "quality.json").read_text()))
"""


def test_companions_are_byte_identical_when_written_again(mixed_out: Path, tmp_path: Path) -> None:
    version = json.loads((mixed_out / "datapackage.json").read_text())["version"]
    for attempt in ("a", "b"):  # two more processes, each with its own hash seed
        subprocess.run(
            [sys.executable, "-c", WRITE_AGAIN, str(mixed_out), str(tmp_path / attempt), version],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": "random"},
        )
    published = {k: v for k, v in digests(mixed_out).items() if k in digests(tmp_path / "a")}
    assert set(published) == {"quality.json", "README.md", "tipfacts.sqlite"} | {
        f"figures/{c.file}" for c in figures.FIGURES
    }
    assert digests(tmp_path / "a") == digests(tmp_path / "b") == published


def test_figures_from_the_cache_are_the_bytes_drawn_afresh_and_redrawn_when_their_values_change(
    mixed_out: Path, tmp_path: Path
) -> None:
    frames = read_frames(mixed_out)
    cache = tmp_path / "cache"
    figures.write(frames, tmp_path / "fresh")
    figures.write(frames, tmp_path / "first", cache)
    stored = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    figures.write(frames, tmp_path / "again", cache)

    assert digests(tmp_path / "fresh") == digests(tmp_path / "first") == digests(tmp_path / "again")
    assert len(stored) == len(figures.FIGURES)
    assert {p.name: p.stat().st_mtime_ns for p in cache.iterdir()} == stored  # copied, not drawn again

    flows = frames["flows"]
    fewer = frames | {"flows": flows[flows["doc_id"] != flows["doc_id"].iloc[0]]}  # one report's flows gone
    figures.write(fewer, tmp_path / "fewer", cache)
    figures.write(fewer, tmp_path / "fewer-fresh")

    assert digests(tmp_path / "fewer") == digests(tmp_path / "fewer-fresh")
    assert (tmp_path / "fewer" / "flows.png").read_bytes() != (tmp_path / "fresh" / "flows.png").read_bytes()
    assert len(list(cache.iterdir())) == len(figures.FIGURES)  # the old flows figure is gone from the cache


# ---------------------------------------------------------------------------------------------- SQLite


def test_sqlite_holds_every_row_with_keys_indexes_and_full_text(mixed_out: Path) -> None:
    conn = sqlite3.connect(f"file:{mixed_out / 'tipfacts.sqlite'}?mode=ro", uri=True)
    try:
        for table in ALL_TABLES:
            frame = pd.read_parquet(mixed_out / f"{table}.parquet")
            stored = pd.read_sql(f"SELECT * FROM [{table}]", conn)
            assert list(stored.columns) == list(frame.columns), table
            assert len(stored) == len(frame), table
        flows = pd.read_parquet(mixed_out / "flows.parquet")
        one = flows.iloc[0]
        row = conn.execute("SELECT evidence, year FROM flows WHERE fact_id = ?", [one.fact_id]).fetchone()
        assert row == (one.evidence, None if pd.isna(one.year) else int(one.year))
        for table in FACT_TABLES:
            links = {(r[3], r[2], r[4]) for r in conn.execute(f"PRAGMA foreign_key_list([{table}])")}
            assert links == {("doc_id", "documents", "doc_id"), ("sentence_id", "sentences", "sentence_id")}, table
            names = [i[1] for i in conn.execute(f"PRAGMA index_list([{table}])")]
            indexed = {r[2] for name in names for r in conn.execute(f"PRAGMA index_info([{name}])")}
            assert {"doc_id", "sentence_id"} <= indexed, table
            pk = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])") if r[5]]
            assert pk == ["fact_id"], table
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []  # every fact's sentence and report exist
        word = "trafficked"
        found = conn.execute(
            "SELECT count(*) FROM sentences WHERE rowid IN "
            "(SELECT rowid FROM sentences_fts WHERE sentences_fts MATCH ?)",
            [word],
        ).fetchone()[0]
        sentences = pd.read_parquet(mixed_out / "sentences.parquet")
        assert found >= sentences["text"].str.contains(word, case=False).sum() > 0
    finally:
        conn.close()


def _changed(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables after an edit: the first report gone from every table, one flow's evidence changed, a row of
    the composite-key panel changed, and a flow added under a new id."""
    first = frames["documents"]["doc_id"].iloc[0]
    out = {name: f[f["doc_id"] != first].reset_index(drop=True) if "doc_id" in f else f for name, f in frames.items()}
    flows = out["flows"].copy()
    flows.loc[0, "evidence"] = flows.loc[0, "evidence"] + " (edited)"
    added = flows.iloc[[1]].assign(fact_id="flw-added-row")
    out["flows"] = pd.concat([added, flows], ignore_index=True)  # a new row first: no position is its rowid
    panel = out["country_year"].copy()
    panel.loc[0, "doc_ids"] = "edited"
    out["country_year"] = panel
    return out


def test_sqlite_updated_through_the_cache_is_the_file_written_afresh(mixed_out: Path, tmp_path: Path) -> None:
    frames = {name: pd.read_parquet(mixed_out / f"{name}.parquet") for name in schemas.TABLES}  # publishing order
    cache = tmp_path / "cache"
    sqlite.write(frames, tmp_path / "first.sqlite", cache)
    assert (tmp_path / "first.sqlite").read_bytes() == (mixed_out / "tipfacts.sqlite").read_bytes()
    changed = _changed(frames)

    sqlite.write(changed, tmp_path / "updated.sqlite", cache)  # from the cached working database
    sqlite.write(changed, tmp_path / "afresh.sqlite")

    updated = (tmp_path / "updated.sqlite").read_bytes()
    assert updated == (tmp_path / "afresh.sqlite").read_bytes()
    assert updated != (tmp_path / "first.sqlite").read_bytes()
    conn = sqlite3.connect(tmp_path / "updated.sqlite")
    try:
        assert conn.execute("SELECT count(*) FROM flows WHERE fact_id = 'flw-added-row'").fetchone() == (1,)
        assert conn.execute("SELECT count(*) FROM documents").fetchone() == (len(frames["documents"]) - 1,)
    finally:
        conn.close()

    # The update really starts from the cached file: a row altered there (and nowhere else) is published.
    work = sqlite3.connect(cache / sqlite.WORK)
    with work:
        work.execute(
            "UPDATE organizations SET evidence = 'altered in the cache' WHERE rowid IN "
            "(SELECT rowid FROM organizations LIMIT 1)"
        )
    work.close()
    sqlite.write(changed, tmp_path / "again.sqlite", cache)
    conn = sqlite3.connect(tmp_path / "again.sqlite")
    try:
        assert conn.execute(
            "SELECT count(*) FROM organizations WHERE evidence = 'altered in the cache'"
        ).fetchone() == (1,)
    finally:
        conn.close()
    (cache / sqlite.META).write_text("{}", encoding="utf-8")  # made by other code: built afresh
    sqlite.write(changed, tmp_path / "rebuilt.sqlite", cache)
    assert (tmp_path / "rebuilt.sqlite").read_bytes() == updated


def test_sqlite_rowids_are_hashes_of_the_primary_key_not_positions(mixed_out: Path) -> None:
    frames = read_frames(mixed_out)
    flows = frames["flows"]
    ids = sqlite.rowids("flows", flows)
    assert len(set(ids.tolist())) == len(flows) and (ids >= 0).all()
    assert sqlite.rowids("flows", flows.iloc[::-1]).tolist() == ids[::-1].tolist()  # a row's own, wherever it is
    conn = sqlite3.connect(f"file:{mixed_out / 'tipfacts.sqlite'}?mode=ro", uri=True)
    try:
        stored = dict(conn.execute("SELECT fact_id, rowid FROM flows").fetchall())
    finally:
        conn.close()
    assert stored == dict(zip(flows["fact_id"], ids.tolist(), strict=True))


# ---------------------------------------------------------------------------------------------- CITATION.cff


def test_citation_cff_is_valid_cff_1_2_0_and_names_the_dataset() -> None:
    citation = yaml.safe_load((PROJECT / "CITATION.cff").read_text(encoding="utf-8"))
    schema = json.loads(CITATION_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker()).validate(citation)
    assert citation["cff-version"] == "1.2.0" and citation["type"] == "dataset"
    package = datapackage.build(pd.DataFrame(columns=["doc_id", "title", "url", "license"]), "0.0.0")
    assert citation["title"] == package["title"]
    assert citation["license"] == datapackage.DATASET_LICENSE["name"]


def test_the_schema_check_rejects_a_broken_citation() -> None:
    schema = json.loads(CITATION_SCHEMA.read_text(encoding="utf-8"))
    broken = yaml.safe_load((PROJECT / "CITATION.cff").read_text(encoding="utf-8"))
    del broken["authors"]
    with pytest.raises(jsonschema.ValidationError, match="authors"):
        jsonschema.Draft7Validator(schema).validate(broken)
