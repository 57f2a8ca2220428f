"""The copies vendored into tests/ (and raw/) are byte-identical to their originals in ../shared.

A clone without ../shared tests on these copies alone, so a copy edited by hand would let the
tests pass on text no source ever said. Where ../shared is beside the checkout (CI), compare.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED, VENDORED, needs_shared

pytestmark = needs_shared("compares the vendored copies with their originals", SHARED)


@pytest.mark.parametrize("folder", sorted(VENDORED), ids=lambda folder: folder.name)
def test_vendored_files_equal_their_originals(folder: Path) -> None:
    copies = sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in {".txt", ".yaml"})
    assert copies, f"nothing vendored in {folder}"
    different = [p.name for p in copies if p.read_bytes() != (VENDORED[folder] / p.name).read_bytes()]
    assert not different, f"{folder} differs from {VENDORED[folder]}: {different}"
