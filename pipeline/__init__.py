"""tipfacts: structured, cited facts from human-trafficking reports.

The package reads from the bottom up: `schemas` (the contract: tables, columns, vocabularies)
imports nothing else of ours; `places` (country names, demonyms, regions) and `lexicon` (report
words that map onto the contract's vocabularies) sit on it; `extraction` (sentence context and
rules) reads them; `stages` (ingest -> extract -> validate -> publish) run it, with `caching`
keeping unchanged reports' work; `dataset` holds the operations on published versions
(add, diff, release, versions, reach, datapackage, data dictionary); `cli` is the command line.

For researchers, two functions (imported on first use, so `import tipfacts` stays light):
`tipfacts.load(table, version=None, repo=".")` and `tipfacts.harmonize(values)`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from tipfacts.places.harmonize import Harmonized


def load(
    table: str, version: str | None = None, repo: str | os.PathLike[str] = ".", remote: str | None = None
) -> pd.DataFrame:
    """One table (`flows`, `country_year`, ...) of a release as a DataFrame.

    `version`: a release such as "1.0.0" (found in the git history, no tag needed), a branch or commit;
    None is the latest release. `repo`: a clone of tipfacts or its git URL. The data comes from DVC (cache,
    default remote, or `remote`, a DVC remote URL such as an HTTP server) or, where none is reachable, from
    a rebuild of that version's own raw/ and code, checked against the md5 hashes in its dvc.lock.
    """
    from tipfacts.dataset import reach

    return reach.load(table, version=version, repo=repo, remote=remote)


def harmonize(values: pd.Series, codes: str = "auto") -> Harmonized:
    """ISO3 codes for a column of country names or codes (ISO2, ISO3, FIPS), and the values not matched.

    Returns a `Harmonized` with `.iso3` (a Series aligned with `values`, null where unmatched) and
    `.unmatched` (value -> row count). `codes`: how two-letter codes are read, "fips", "iso" or "auto".
    """
    from tipfacts.places import harmonize as harmonizing

    return harmonizing.harmonize(values, codes=codes)
