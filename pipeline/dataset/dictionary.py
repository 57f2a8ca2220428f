"""DATA_DICTIONARY.md, rendered from the Pandera schemas so the documentation cannot drift from the checks.

python -m tipfacts.dataset.dictionary > DATA_DICTIONARY.md   (a test fails when the file is stale)
"""

from __future__ import annotations

from tipfacts import schemas
from tipfacts.dataset import datapackage

INTRO = """# Data dictionary

Generated from the Pandera schemas in `schemas/` by `python -m tipfacts.dataset.dictionary`; a test fails
when this file and the schemas disagree. The contract these tables implement is `CONTRACT.md`
in the shared folder; columns beyond it are marked *(extra)*.

Conventions:
- Every table is published twice with the same rows: `outputs/<table>.parquet` (zstd) and
  `outputs/<table>.csv` (UTF-8, header, `\\n` line ends, empty field = null).
- *List* fields hold a sorted, `;`-separated string (`girls;women`).
- Dates are ISO 8601 and may be partial (`2008`, `2008-01`, `2008-01-17`).
- Countries are ISO 3166-1 alpha-3 codes. One non-ISO code is used: `XKX` (Kosovo), as the
  World Bank does. Places that are not countries ("Dili", "rural areas", "Southeast Asia",
  "abroad") go in the matching `*_area` column as written.
- Year rule for facts: a year stated in the sentence wins ("In 2008, ...", "... in 2023.", or a
  paragraph's closing "(2014)"); else the year in the section heading ("Prosecution (2008)");
  else the report's `report_year`; else null.
- Provenance: every fact row has `doc_id`, `sentence_id`, `evidence` (an exact substring of the
  sentence) and `extractor` (the rule's name). `documents.text[char_start:char_end]` equals
  `sentences.text`. One exception to "one sentence per fact": a minimum-standards finding with
  no tier is merged into the same country-year's tier row (extractor `tier_placement+finding`),
  whose evidence is the tier's words.
- `fact_id` is a hash of the report, the rule and the fact's columns: it does not change when
  other reports are added or removed.
- Beside the tables (not described here): `outputs/README.md` (the data card, with measured quality),
  `quality.json`, `figures/` and `tipfacts.sqlite` (every table, with primary and foreign keys).
- License: the tables quote CC BY-SA 4.0 text (Wikipedia) in `documents.text`, `sentences.text`
  and `evidence`, so the dataset is CC BY-SA 4.0. Each `documents` row keeps its own source's
  license and URL.

"""
CONTRACT_EXTRAS = {("sentences", "paragraph_no")}


def render() -> str:
    parts = [INTRO]
    for name, model in schemas.TABLES.items():
        schema = model.to_schema()
        parts.append(
            f"## {name}\n\n{schema.description or ''}. Key: "
            f"{', '.join(datapackage.table_schema(model).get('primaryKey', [])) or '-'}.\n\n"
        )
        parts.append("| column | type | null | allowed values / rule | description |\n|---|---|---|---|---|\n")
        for field in datapackage.table_schema(model)["fields"]:
            c = field["constraints"]
            rule = ", ".join(c["enum"]) if "enum" in c else (f"`{c['pattern']}`" if "pattern" in c else "")
            if "minimum" in c:
                rule = (
                    (rule + "; " if rule else "")
                    + f">= {c['minimum']}"
                    + (f", <= {c['maximum']}" if "maximum" in c else "")
                )
            extra = " *(extra)*" if (name, field["name"]) in CONTRACT_EXTRAS else ""
            rule = rule.replace("|", "\\|")
            parts.append(
                f"| `{field['name']}` | {field['type']} | {'no' if c['required'] else 'yes'} | {rule} "
                f"| {field['description']}{extra} |\n"
            )
        parts.append("\n")
    return "".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    print(render(), end="")
