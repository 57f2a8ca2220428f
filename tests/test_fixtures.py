"""The copies vendored into tests/ (and raw/) are byte-identical to their originals in ../shared.

A clone without ../shared tests on these copies alone, so a copy edited by hand would let the
tests pass on text no source ever said. Where ../shared is beside the checkout (CI), compare.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FACTBOOK, RAW_DIR, SHARED, VENDORED, needs_shared

pytestmark = needs_shared("compares the vendored copies with their originals", SHARED)


@pytest.mark.parametrize("folder", sorted(VENDORED), ids=lambda folder: folder.name)
def test_vendored_files_equal_their_originals(folder: Path) -> None:
    copies = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in {".txt", ".yaml"})
    assert copies, f"nothing vendored in {folder}"
    # raw/ holds the seed and the Factbook entries: each compares with the corpus folder that has it
    originals = [VENDORED[folder], FACTBOOK] if folder == RAW_DIR else [VENDORED[folder]]
    source = {p.name: next((o / p.name for o in originals if (o / p.name).exists()), None) for p in copies}
    missing = [name for name, original in source.items() if original is None]
    assert not missing, f"{folder}: no original in {originals} for {missing}"
    different = [p.name for p in copies if p.read_bytes() != source[p.name].read_bytes()]
    assert not different, f"{folder} differs from {VENDORED[folder]}: {different}"
