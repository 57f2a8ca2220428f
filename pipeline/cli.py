"""The `tipfacts` command line."""

from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from tipfacts import params as params_module
from tipfacts.errors import ExitCode, RevisionUnreadable, TipfactsError
from tipfacts.stages import build as runner


@contextmanager
def failing_as(error: type[TipfactsError], *caught: type[Exception]) -> Iterator[None]:
    """Report another module's errors as `error`, the class of failure whose exit code they get (EXIT_CODES)."""
    try:
        yield
    except caught as err:
        raise error(str(err)) from None


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
@click.argument("name", type=click.Choice(["ingest", "extract", "validate", "evaluate", "publish"]))
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

    A revision is a release (1.0.0; found in the history, no tag needed), a branch or commit, or
    `workspace` (the default REV_B) for outputs/ as it is now. Data comes from DVC, or from a
    hash-checked rebuild where no DVC copy is reachable. Rows match on fact_id in the fact tables,
    doc_id, sentence_id, and iso3 + year in country_year.
    """
    import json

    from tipfacts.dataset import diff as diffing
    from tipfacts.dataset.release import ReleaseError, repo_root

    # diff's and versions' own errors already exit as RevisionUnreadable; finding the repository (a
    # release module step) means the same here
    with failing_as(RevisionUnreadable, ReleaseError):
        result = diffing.diff(repo_root(), rev_a, rev_b)
    click.echo(json.dumps(result.as_dict(), indent=2) if as_json else diffing.render(result))


@cli.command()
@click.argument("version")
@click.option("--no-push", is_flag=True, help="Skip `dvc push` (the data stays in the local cache only).")
@click.option(
    "--accept-regression",
    metavar="REASON",
    help="Release although blind-key scores dropped since the last release; REASON goes into CHANGELOG.md.",
)
def release(version: str, no_push: bool, accept_regression: str | None) -> None:
    """Release the dataset as VERSION (X.Y.Z): check, set params.yaml, dvc repro, CHANGELOG, commit, push, tag.

    Refused unless the git tree is clean, `dvc status` is clean and the published files equal a
    fresh build, VERSION is greater than the last release (found in the history; missing local tags
    are recreated), and it does not understate the changes since it: a removed or renamed table,
    column or vocabulary value needs a major version; new tables, columns or rows a minor one.
    Refused too when a blind answer key scores lower than at the last release (outputs/quality.json),
    unless --accept-regression says why.
    """
    from tipfacts.dataset import release as releasing

    releasing.release(version, push=not no_push, echo=click.echo, accept_regression=accept_regression)


@cli.command()
@click.option(
    "--out-dir", type=click.Path(path_type=Path), help="Output folder holding tipfacts.sqlite (default: outputs/)."
)
@click.option("--port", type=int, default=8001, show_default=True, help="Port to listen on.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (127.0.0.1: this machine).")
@click.pass_obj
def serve(params: params_module.Params, out_dir: Path | None, port: int, host: str) -> None:
    """Browse every fact in Datasette: OUT_DIR/tipfacts.sqlite, read-only, with a time limit on SQL.

    A fact's page (/tipfacts/flows/<fact_id>) links to its sentence, its report and the report's
    source URL; canned queries list every fact about a country and the flows into one.
    """
    from tipfacts.publishing import serve as serving

    serving.serve(out_dir or params.out_dir, host, port)


@cli.command()
@click.option("--repo", default=".", show_default=True, help="A clone of tipfacts (path) or its git URL.")
@click.option("--json", "as_json", is_flag=True, help="Print the releases as JSON.")
def versions(repo: str, as_json: bool) -> None:
    """Every release: version, commit, date and rows per table, from the git history alone (no tags needed)."""
    import json

    from tipfacts.dataset import reach
    from tipfacts.dataset import versions as versioning

    known = versioning.releases(reach.open_repo(repo))
    if as_json:
        listed = [{"version": str(r.version), "commit": r.commit, "date": r.date, "rows": r.rows} for r in known]
        click.echo(json.dumps(listed, indent=2))
    else:
        click.echo(versioning.render(known))


@cli.command()
@click.argument("table")
@click.option("--version", "version", help="Release (e.g. 1.0.0), branch or commit; default: the latest release.")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), help="File to write (.csv or .parquet).")
@click.option("--repo", default=".", show_default=True, help="A clone of tipfacts (path) or its git URL.")
@click.option("--remote", help="URL of a DVC remote to read from (e.g. https://...), instead of the default one.")
def get(table: str, version: str | None, out: Path | None, repo: str, remote: str | None) -> None:
    """Write TABLE (flows, country_year, datapackage.json, ...) of a release to a file.

    The file comes from DVC (cache, default remote or --remote) when reachable; otherwise that version
    is rebuilt from its own raw/ and code in a temporary git worktree and checked against the md5
    hashes in its dvc.lock (refused on a mismatch).
    """
    from tipfacts.dataset import reach

    out = out or Path(reach.file_name(table))
    fetched, where = reach.get(table, version, out, repo=repo, remote=remote)
    click.echo(
        f"wrote {out}: " + reach.describe(fetched, where, reach.file_name(table, out.suffix.lstrip(".") or "parquet"))
    )
    if fetched.note:
        click.echo(f"note: {fetched.note}", err=True)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--column", required=True, help="Column holding country names or codes (ISO2, ISO3, FIPS).")
@click.option("--out", "out", type=click.Path(path_type=Path), help="CSV to write (default: FILE-iso3.csv).")
@click.option(
    "--codes",
    type=click.Choice(["auto", "fips", "iso"]),
    default="auto",
    show_default=True,
    help="How to read two-letter codes: FIPS 10-4 (Factbook) or ISO 3166 alpha-2; auto decides per column.",
)
def harmonize(file: Path, column: str, out: Path | None, codes: str) -> None:
    """Add an `iso3` column to a CSV keyed by country names or codes; list every value it could not match."""
    import pandas as pd

    from tipfacts.places import harmonize as harmonizing

    frame = pd.read_csv(file, dtype=str, keep_default_na=False)
    if column not in frame.columns:
        raise click.UsageError(f"{file}: no column {column!r} (columns: {', '.join(frame.columns)})")
    result = harmonizing.harmonize(frame[column], codes=codes)
    frame["iso3"] = result.iso3
    out = out or file.with_name(f"{file.stem}-iso3.csv")
    frame.to_csv(out, index=False)
    matched = int(frame["iso3"].notna().sum())
    click.echo(f"wrote {out}: {matched} of {len(frame)} rows ({matched / max(len(frame), 1):.1%}) have an iso3")
    if result.unmatched:
        click.echo(f"{len(result.unmatched)} value(s) not matched (no iso3):")
        for value, count in result.unmatched.items():
            click.echo(f"  {value!r} ({count} row{'s' if count != 1 else ''})")
    if result.shared:
        click.echo(
            f"{len(result.shared)} iso3 code(s) given to several values (renamings, or parts of one ISO country; "
            "where two fall in the same year, a join on iso3 and year meets that row twice):"
        )
        for code, values in result.shared.items():
            click.echo(f"  {code}: {', '.join(values)}")


def main() -> None:
    try:
        cli(standalone_mode=False)
    except TipfactsError as err:
        click.echo(f"error: {err}", err=True)
        sys.exit(err.exit_code)
    except click.exceptions.Abort:
        sys.exit(ExitCode.INTERRUPTED)
    except click.ClickException as err:  # click's own: a wrong command line
        err.show()
        sys.exit(ExitCode.USAGE)


if __name__ == "__main__":
    main()
