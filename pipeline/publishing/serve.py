"""`tipfacts serve`: browse outputs/tipfacts.sqlite in Datasette, every fact one click from its sentence and source.

Datasette opens the file immutable (read-only, no locking), on 127.0.0.1 unless told otherwise, with
a time limit on every SQL query. Its metadata is generated here from the Pandera schemas: table and
column descriptions, the license, facets on country, year and kind columns, label columns (a fact's
`sentence_id` shows the sentence's words, its `doc_id` the report's title) and two canned queries.

The foreign keys of the SQLite file make Datasette link a fact to its sentence and report on table
pages; on a row page (/tipfacts/flows/<fact_id>) Datasette 0.65 shows them as plain text
(datasette#1592), so `render_cell` below draws every foreign key cell as a link to the row it
names, labelled with the sentence's words or the report's title, and a report's link is followed
by a "source" link to its `documents.url`.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Any

import markupsafe
from datasette import hookimpl
from datasette.plugins import pm
from datasette.utils import tilde_encode

from tipfacts import schemas
from tipfacts.dataset import datapackage
from tipfacts.errors import InputError
from tipfacts.publishing import sqlite

DATABASE = Path(sqlite.FILE).stem  # Datasette names a database after its file: /tipfacts/...
SQL_TIME_LIMIT_MS = 3000
KIND_COLUMNS = frozenset(
    {"source_kind", "tier", "role", "exploitation", "instrument_kind", "event_type", "indicator", "org_kind"}
)
YEAR_COLUMNS = ("year", "report_year")
LABEL_COLUMNS = {"documents": "title", "sentences": "text"}


def facets(table: str) -> list[str]:
    """Country, year and kind columns of a table, as the schema lists them."""
    columns = schemas.TABLES[table].to_schema().columns
    return [c for c in columns if c.endswith("_iso3") or c in YEAR_COLUMNS or c in KIND_COLUMNS]


def _year_expression(table: str) -> str:
    columns = schemas.TABLES[table].to_schema().columns
    return "year" if "year" in columns else ("CAST(substr(date, 1, 4) AS INTEGER)" if "date" in columns else "NULL")


def every_fact_about_a_country() -> str:
    """One UNION over the fact tables: each fact whose country columns name :iso3."""
    parts = []
    for table in schemas.FACT_TABLES:
        countries = [c for c in schemas.TABLES[table].to_schema().columns if c.endswith("_iso3")]
        where = " OR ".join(f"{c} = :iso3" for c in countries)
        parts.append(
            f"SELECT '{table}' AS fact_table, fact_id, {_year_expression(table)} AS year, evidence, sentence_id, doc_id"
            f" FROM {table} WHERE {where}"
        )
    return "\nUNION ALL\n".join(parts) + "\nORDER BY fact_table, year, fact_id"


FLOWS_INTO = """SELECT fact_id, origin_iso3, origin_area, exploitation, victim_groups, status, year, evidence,
  sentence_id, doc_id
FROM flows WHERE destination_iso3 = :iso3
ORDER BY exploitation, origin_iso3, year, fact_id"""


def metadata() -> dict[str, Any]:
    """Datasette's metadata for the database, from the schemas and the dataset's license."""
    tables: dict[str, Any] = {}
    for name, model in schemas.TABLES.items():
        schema = model.to_schema()
        entry: dict[str, Any] = {
            "description": schema.description or "",
            "columns": {c: col.description for c, col in schema.columns.items() if col.description},
            "facets": facets(name),
        }
        if name in LABEL_COLUMNS:
            entry["label_column"] = LABEL_COLUMNS[name]
        tables[name] = entry
    tables["sentences_fts"] = {"hidden": True}
    licence = datapackage.DATASET_LICENSE
    return {
        "title": "tipfacts: structured facts from human-trafficking reports",
        "description": "Every fact links to its sentence (sentence_id) and report (doc_id); a report's "
        "source is documents.url. " + datapackage.LICENSE_NOTE,
        "license": licence["name"],
        "license_url": licence["path"],
        "source": "the reports listed in the documents table (each with its URL and license)",
        "databases": {
            DATABASE: {
                "tables": tables,
                "queries": {
                    "every_fact_about_a_country": {
                        "title": "Every fact about a country",
                        "description": "Facts of every table that name the country (ISO3 code, e.g. TLS)",
                        "sql": every_fact_about_a_country(),
                    },
                    "flows_into_a_country": {
                        "title": "Flows into a country",
                        "description": "Flows whose destination is the country (ISO3 code, e.g. TLS)",
                        "sql": FLOWS_INTO,
                    },
                },
            }
        },
    }


@hookimpl
def render_cell(value: object, column: str, table: str | None, database: str, datasette: Any) -> object:
    """A foreign key cell as a link to the row it names, labelled with its words (Datasette 0.65 links
    foreign keys on table pages only, datasette#1592); a report's link is followed by its source URL."""
    target = sqlite.references(table or "").get(column)
    key = value.get("value") if isinstance(value, dict) else value
    if target is None or key is None:
        return None
    other, other_column = target
    label_column = LABEL_COLUMNS[other]

    async def cell() -> markupsafe.Markup:
        found = await datasette.get_database(database).execute(
            f"SELECT [{label_column}], {'url' if other == 'documents' else 'NULL'} FROM [{other}] "
            f"WHERE [{other_column}] = ?",
            [key],
        )
        row = found.first()
        page = datasette.urls.row(database, other, tilde_encode(str(key)))
        label = row[0] if row is not None and row[0] else key
        html = markupsafe.Markup('<a href="{}">{}</a>').format(page, label)
        if row is not None and row[1]:
            html += markupsafe.Markup(' (<a class="source-url" href="{}">source</a>)').format(row[1])
        return html

    return cell


def serve(out_dir: Path, host: str, port: int) -> None:
    """Run Datasette on `out_dir`/tipfacts.sqlite until interrupted."""
    from datasette import cli as datasette_cli

    database = out_dir / sqlite.FILE
    if not database.is_file():
        raise InputError(
            database, "no SQLite file to serve", "build the dataset first: `dvc repro` or `tipfacts build`"
        )
    plugin = sys.modules[__name__]
    if not pm.is_registered(plugin):
        pm.register(plugin, name="tipfacts")
    with tempfile.TemporaryDirectory(prefix="tipfacts-serve-") as folder:
        meta = Path(folder) / "metadata.json"
        meta.write_text(json.dumps(metadata(), indent=2), encoding="utf-8")
        args = ["serve", "--immutable", str(database), "--metadata", str(meta), "--host", host, "--port", str(port)]
        args += ["--setting", "sql_time_limit_ms", str(SQL_TIME_LIMIT_MS), "--setting", "suggest_facets", "off"]
        datasette_cli.cli.main(args=args, prog_name="tipfacts serve", standalone_mode=False)
