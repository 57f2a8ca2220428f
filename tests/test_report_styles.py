"""The two other shapes reports come in, beside the seed and the Factbook: a Wikipedia country article
(2008-era TIP prose with `==` sections) and a State Department TIP narrative (bare section names,
a tier header line, prioritized recommendations). The fixtures in tests/fixtures/styles are written
in those styles; expected facts below are read off the text, per the contract."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tipfacts.params import Params
from tipfacts.stages.build import build

STYLES = Path(__file__).parent / "fixtures" / "styles"


@pytest.fixture(scope="module")
def out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("styles")
    build(Params(raw_dir=STYLES, out_dir=tmp / "out", work_dir=tmp / "work", workers=1, cache=False))
    return tmp / "out"


def rows(out: Path, table: str, doc_id: str) -> pd.DataFrame:
    frame = pd.read_parquet(out / f"{table}.parquet")
    return frame[frame["doc_id"] == doc_id]


WIKI, TIP = "wikipedia-human-trafficking-in-nepal", "tip-2023-nepal"


def test_wikipedia_flows_follow_each_part_of_the_sentence(out: Path) -> None:
    flows = {(r.origin_iso3, r.destination_iso3, r.exploitation) for r in rows(out, "flows", WIKI).itertuples()}
    # "Nepali children are trafficked within the country and to India ... for commercial sexual exploitation"
    assert {("NPL", "NPL", "sexual_exploitation"), ("NPL", "IND", "sexual_exploitation")} <= flows
    # "..., as well as to India, Pakistan, and within Nepal for involuntary servitude"
    assert ("NPL", "PAK", "forced_labour") in flows
    # Pakistan is only named for servitude, not for sexual exploitation
    assert ("NPL", "PAK", "sexual_exploitation") not in flows


def test_wikipedia_laws_and_treaties(out: Path) -> None:
    legal = rows(out, "legal_instruments", WIKI).set_index("instrument")
    assert legal.loc["Human Trafficking and Transportation (Control) Act", "action"] == "enacted"
    assert legal.loc["Human Trafficking and Transportation (Control) Act", "date"] == "2007"
    assert legal.loc["UN TIP Protocol", "action"] == "pending"  # "has not ratified"


def test_wikipedia_counts_and_bodies(out: Path) -> None:
    stats = {(r.indicator, r.value) for r in rows(out, "statistics", WIKI).itertuples()}
    assert {("convictions", 72), ("investigations", 109), ("arrests", 5), ("victims_identified", 30)} <= stats
    orgs = rows(out, "organizations", WIKI)
    canon = dict(zip(orgs["name"], orgs["canonical"], strict=True))
    assert canon["MWCSW"] == "Ministry of Women, Children and Social Welfare"
    assert orgs.loc[orgs["name"] == "Maiti Nepal", "org_kind"].tolist() == ["ngo"]


def test_tip_narrative_header_and_finding_make_one_placement(out: Path) -> None:
    asm = rows(out, "assessments", TIP)
    assert set(asm["tier"]) == {"2WL"}
    assert asm["meets_minimum_standards"].eq(False).all() and asm["significant_efforts"].eq(True).all()
    assert "remained" in set(asm["movement"].dropna())
    assert set(asm["year"]) == {2023}


def test_tip_narrative_recommendations_give_no_facts(out: Path) -> None:
    sentences = rows(out, "sentences", TIP)
    advice = set(sentences.loc[sentences["section"].str.contains("RECOMMENDATIONS"), "sentence_id"])
    assert advice
    for table in ("statistics", "legal_instruments", "events", "flows", "organizations"):
        assert not set(rows(out, table, TIP)["sentence_id"]) & advice, table


def test_tip_narrative_sections_and_counts(out: Path) -> None:
    sentences = rows(out, "sentences", TIP)
    assert set(sentences.loc[sentences["section"] == "PROSECUTION", "pillar"]) == {"prosecution"}
    stats = {(r.indicator, r.value) for r in rows(out, "statistics", TIP).itertuples()}
    assert {("prosecutions", 6), ("convictions", 2), ("investigations", 92), ("convictions", 0)} <= stats
    flows = {(r.origin_iso3, r.destination_iso3) for r in rows(out, "flows", TIP).itertuples()}
    assert {("NPL", "QAT"), ("NPL", "SAU"), ("NPL", "MYS")} <= flows


def test_reference_lists_give_no_facts(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "refs-nepal.txt").write_text(
        "= Human trafficking in Nepal =\n\n"
        "Nepal is a source country for women trafficked to India for sexual exploitation.\n\n"
        "== References ==\n\n"
        '"Trafficking in Persons Report 2017: Tier 2 Watch List". U.S. Department of State. '
        "Women from Bangladesh are trafficked to Qatar.\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    build(Params(raw_dir=raw, out_dir=out, work_dir=tmp_path / "work", workers=1, cache=False))
    flows = pd.read_parquet(out / "flows.parquet")
    assert {(r.origin_iso3, r.destination_iso3) for r in flows.itertuples()} == {("NPL", "IND")}
    assert pd.read_parquet(out / "assessments.parquet").empty  # the tier in a citation title is no placement
