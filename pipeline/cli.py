"""The `tipfacts` command line."""

from __future__ import annotations

import dataclasses
import logging
import sys
from pathlib import Path

import click

from pipeline import build as runner
from pipeline import params as params_module
from pipeline.errors import TipfactsError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--params", "params_file", type=click.Path(path_type=Path), default=params_module.PARAMS_FILE,
              show_default=True, help="Knobs file (DVC's params.yaml); defaults apply if it is missing.")
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
@click.option("--no-cache", is_flag=True, help="Re-extract every report instead of reusing unchanged results.")
@click.pass_obj
def build(params: params_module.Params, raw_dir: Path | None, out_dir: Path | None, workers: int | None,
          no_cache: bool) -> None:
    """Read every report in RAW_DIR, extract, validate and publish every table to OUT_DIR.

    On bad input or a failed validation it exits non-zero with a message naming the file or
    rows, and OUT_DIR keeps its previous contents exactly.
    """
    changes = {"raw_dir": raw_dir, "out_dir": out_dir, "workers": workers}
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
