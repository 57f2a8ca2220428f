"""DATA_DICTIONARY.md, rendered from the Pandera schemas so the documentation cannot drift from the checks.

python -m tipfacts.dataset.dictionary > DATA_DICTIONARY.md   (a test fails when the file is stale)
"""

from __future__ import annotations

from tipfacts import schemas
from tipfacts.dataset import datapackage
from tipfacts.lexicon import tables as lexicon

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


def cell(text: str) -> str:
    """Text for one Markdown table cell: a `|` in a description or pattern, or a line end, would end the cell."""
    return text.replace("|", "\\|").replace("\n", " ")


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
            parts.append(
                f"| `{field['name']}` | {field['type']} | {'no' if c['required'] else 'yes'} | {cell(rule)} "
                f"| {cell(field['description'])}{extra} |\n"
            )
        parts.append("\n")
    parts.append(render_lexicon())
    return "".join(parts).rstrip() + "\n"


LEXICON_INTRO = """## Lexicon: which report words yield which value

The rules read these words from the vocabulary files in `pipeline/lexicon/*.yaml` (checked when loaded:
labels must be values of the vocabulary named, no term twice, patterns that compile). A *regex* term is
a Python regular expression (matched case-insensitively unless the rule says otherwise); a *words* term
is matched as written.

"""


def _cell(text: object) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def render_lexicon() -> str:
    """One section per vocabulary table: its purpose, then each value with the words that yield it."""
    parts = [LEXICON_INTRO]
    for name, table in lexicon.tables().items():
        labels = table.labels if isinstance(table.labels, str) or table.labels is None else " x ".join(table.labels)
        parts.append(
            f"### `{name}` ({table.path.name}, {table.match}{f' -> {labels}' if labels else ''})\n\n{table.about}\n\n"
        )
        if table.labels is None:
            parts.append(", ".join(f"`{_cell(t)}`" for t in table.terms()) + "\n\n")
            continue
        parts.append("| value | words |\n|---|---|\n")
        for entry_label, terms in _grouped(table).items():
            parts.append(f"| {_cell(entry_label)} | {', '.join(f'`{_cell(t)}`' for t in terms)} |\n")
        parts.append("\n")
    return "".join(parts)


def _grouped(table: lexicon.Table) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for entry in table.entries:
        values = entry.label if isinstance(entry.label, tuple) else (entry.label,)
        out.setdefault(" / ".join("-" if v is None else str(v) for v in values), []).append(entry.term)
    return out


if __name__ == "__main__":
    print(render(), end="")
