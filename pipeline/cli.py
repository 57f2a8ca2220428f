"""The `tipfacts` command line."""

from __future__ import annotations

import dataclasses
import logging
import sys
from pathlib import Path

import click

from tipfacts import params as params_module
from tipfacts.errors import TipfactsError
from tipfacts.stages import build as runner


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--params",
    "params_file",
    type=click.Path(path_type=Path),
    default=params_module.PARAMS_FILE,
    show_default=True,
    help="Knobs file (DVC's params.yaml); defaults apply if it is missing.",
)
@click.pass_context
def cli(ctx: click.Context, params_file: Path) -> None:
    """tipfacts: structured, cited facts from human-trafficking reports.

    \b
    Typical use:
      tipfacts build                          # raw/ -> outputs/, every stage
      tipfacts build --raw-dir R --out-dir O  # any folder of reports
      dvc repro                               # the same stages, tracked by DVC
    """
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    ctx.obj = params_module.load(params_file)


@cli.command()
@click.option("--raw-dir", type=click.Path(path_type=Path), help="Folder of reports (.txt, .md, .html + .meta.yaml).")
@click.option("--out-dir", type=click.Path(path_type=Path), help="Folder to publish the tables into.")
@click.option("--workers", type=int, help="Extraction processes (0: one per core). Output is the same for any.")
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Extract on the Dask cluster whose scheduler is at ADDRESS (tcp://HOST:8786). Output is the same.",
)
@click.option("--no-cache", is_flag=True, help="Re-extract every report instead of reusing unchanged results.")
@click.pass_obj
def build(
    params: params_module.Params,
    raw_dir: Path | None,
    out_dir: Path | None,
    workers: int | None,
    scheduler: str | None,
    no_cache: bool,
) -> None:
    """Read every report in RAW_DIR, extract, validate and publish every table to OUT_DIR.

    On bad input or a failed validation it exits non-zero with a message naming the file or
    rows, and OUT_DIR keeps its previous contents exactly.
    """
    changes = {"raw_dir": raw_dir, "out_dir": out_dir, "workers": workers, "scheduler": scheduler}
    params = dataclasses.replace(params, **{k: v for k, v in changes.items() if v is not None})
    if no_cache:
        params = dataclasses.replace(params, cache=False)
    summary = runner.build(params)
    timing = ", ".join(f"{k} {v:.1f}s" for k, v in summary.seconds.items())
    click.echo(f"built {params.out_dir}: {summary.reports} reports ({summary.extracted} extracted afresh); {timing}")
    click.echo("rows: " + ", ".join(f"{k} {v}" for k, v in summary.rows.items()))
    if summary.without_facts:
        shown = ", ".join(summary.without_facts[:10]) + (" ..." if len(summary.without_facts) > 10 else "")
        click.echo(f"warning: {len(summary.without_facts)} report(s) gave no facts: {shown}", err=True)


@cli.command()
@click.argument("name", type=click.Choice(["ingest", "extract", "validate", "publish"]))
@click.pass_obj
def stage(params: params_module.Params, name: str) -> None:
    """Run one pipeline stage through its files under build/ (what dvc.yaml calls)."""
    runner.run_stage(name, params)


@cli.group()
def cache() -> None:
    """Where the caches that spare unchanged reports' work are, and emptying them.

    \b
    The project's raw/ (under DVC, or a bare `tipfacts build`): <work_dir>/cache.
    Any other --raw-dir: one folder per corpus under the per-user cache directory,
    least recently used pruned beyond params.yaml's cache_max_mb.
    """


@cache.command("info")
@click.option("--raw-dir", type=click.Path(path_type=Path), help="The corpus a build would cache (default: params).")
@click.pass_obj
def cache_info(params: params_module.Params, raw_dir: Path | None) -> None:
    """Where the cache of a build from here is, and how big each cache folder is."""
    from tipfacts.caching import home

    if raw_dir is not None:
        params = dataclasses.replace(params, raw_dir=raw_dir)
    folder = params.cache_dir
    here = home.size(folder) if folder.is_dir() else 0
    click.echo(f"cache of a build of {params.raw_dir} from here: {folder} ({_mb(here)})")
    found = home.entries()
    total = sum(e.bytes for e in found)
    click.echo(
        f"per-user cache: {home.user_root()} ({_mb(total)} in {len(found)} corpus folder(s), "
        f"bound {params.cache_max_mb:g} MB)"
    )
    for entry in found:
        used = entry.last_used.isoformat(timespec="seconds")
        click.echo(f"  {entry.folder.name}  {_mb(entry.bytes):>10}  last used {used}  {entry.raw_dir or '?'}")


@cache.command("clear")
@click.pass_obj
def cache_clear(params: params_module.Params) -> None:
    """Remove the project's cache (<work_dir>/cache) and the whole per-user cache. Outputs are not touched;
    the next build reads and extracts every report again."""
    import shutil

    from tipfacts.caching import home

    for folder in (params.work_dir / "cache", home.user_root()):
        if folder.is_dir():
            freed = home.size(folder)
            shutil.rmtree(folder)
            click.echo(f"removed {folder} ({_mb(freed)})")
        else:
            click.echo(f"{folder}: no cache there")


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--id", "doc_id", help="Report id (slugified; default: the file name without extension).")
@click.option("--url", help="Where the report was retrieved from (http/https).")
@click.option("--publisher", help="Who published it.")
@click.option("--source-kind", help="encyclopedia | government_report | ngo_report | news | other.")
@click.option("--subject", help="Country the report is about: English name or ISO3 code.")
@click.option("--report-year", type=int, help="Year the report covers or was issued.")
@click.option("--license", "license_", help="The source's license, e.g. 'CC BY-SA 4.0'.")
@click.option("--title", help="Title (default: the report's `= Title =` line).")
@click.option("--retrieved-on", help="ISO date the report was retrieved, YYYY-MM-DD.")
@click.option("--no-sidecar", is_flag=True, help="Ignore a <name>.meta.yaml lying beside FILE.")
@click.pass_obj
def add(
    params: params_module.Params,
    file: Path,
    doc_id: str | None,
    url: str | None,
    publisher: str | None,
    source_kind: str | None,
    subject: str | None,
    report_year: int | None,
    license_: str | None,
    title: str | None,
    retrieved_on: str | None,
    no_sidecar: bool,
) -> None:
    """Copy report FILE into raw/ under a slug id and write its <id>.meta.yaml (with its sha256).

    Metadata comes from a <name>.meta.yaml beside FILE, if there is one, and the options, which win.
    The report is checked as the ingest stage reads it first: bad input, the same bytes already in
    raw/ under any id, or an id already taken are refused and raw/ is left as it was.
    Then `dvc repro` (or `tipfacts build`) extracts only the new report.
    """
    from tipfacts.dataset import add as adding

    meta = {
        "url": url,
        "publisher": publisher,
        "source_kind": source_kind,
        "subject": subject,
        "report_year": report_year,
        "license": license_,
        "title": title,
        "retrieved_on": retrieved_on,
    }
    added = adding.add_report(
        file, params.raw_dir, doc_id=doc_id, meta=meta, use_sidecar=not no_sidecar, max_bytes=params.max_report_bytes
    )
    click.echo(f"added {added.doc_id}: {added.report} + {added.sidecar.name} ({added.n_sentences} sentences)")
    click.echo("next: `dvc repro` (or `tipfacts build`) extracts it; the other reports come from the cache")


@cli.command()
@click.argument("rev_a")
@click.argument("rev_b", required=False, default="workspace")
@click.option("--json", "as_json", is_flag=True, help="Print the full comparison (every key) as JSON.")
def diff(rev_a: str, rev_b: str, as_json: bool) -> None:
    """Rows added, removed and changed per table between REV_A and REV_B.

    A revision is a git tag (v1.0.0), branch or commit, read through DVC, or `workspace`
    (the default REV_B) for outputs/ as it is now. Rows match on fact_id in the fact tables,
    doc_id, sentence_id, and iso3 + year in country_year.
    """
    import json

    from tipfacts.dataset import diff as diffing
    from tipfacts.dataset.release import repo_root

    result = diffing.diff(repo_root(), rev_a, rev_b)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else diffing.render(result))


@cli.command()
@click.argument("version")
@click.option("--no-push", is_flag=True, help="Skip `dvc push` (the data stays in the local cache only).")
def release(version: str, no_push: bool) -> None:
    """Release the dataset as VERSION (X.Y.Z): check, set params.yaml, dvc repro, CHANGELOG, commit, push, tag.

    Refused unless the git tree is clean and `dvc status` is clean, VERSION is greater than the
    last vX.Y.Z tag, and it does not understate the changes since that tag: a removed or renamed
    table, column or vocabulary value needs a major version; new tables, columns or rows a minor one.
    """
    from tipfacts.dataset import release as releasing

    releasing.release(version, push=not no_push, echo=click.echo)


def main() -> None:
    try:
        cli(standalone_mode=False)
    except TipfactsError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        sys.exit(130)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)


if __name__ == "__main__":
    main()
