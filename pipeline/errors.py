"""Errors a user can act on: each names the file (and line or row) and what to do; and the exit codes.

EXIT_CODES is the one table of the `tipfacts` command's exit codes, one per class of failure: the
README's copy is rendered from it (a test compares), and each error class below carries its code.
"""

from __future__ import annotations

from enum import IntEnum
from pathlib import Path


class ExitCode(IntEnum):
    OK = 0
    BUG = 1
    INPUT = 2
    VALIDATION = 3
    OUTPUT_FOLDER = 4
    RELEASE = 5
    REVISION = 6
    SCHEDULER = 7
    USAGE = 64  # EX_USAGE of sysexits.h: click's own 2 would collide with bad input
    INTERRUPTED = 130  # 128 + SIGINT, as shells report it


EXIT_CODES: dict[ExitCode, str] = {
    ExitCode.OK: "done",
    ExitCode.BUG: "an unexpected error, shown with a Python traceback: a bug in tipfacts (please report it)",
    ExitCode.INPUT: "bad input: a report, its sidecar, `params.yaml` or the file given to `tipfacts add` cannot be "
    "read as given (the message names the file and line)",
    ExitCode.VALIDATION: "extracted rows broke a schema or a provenance rule; nothing was published",
    ExitCode.OUTPUT_FOLDER: "the output folder holds files tipfacts did not write, or cannot be one; nothing was "
    "published",
    ExitCode.RELEASE: "`tipfacts release` refused (working tree or `dvc status` not clean, version not greater "
    "or understating the changes) or one of its steps failed; no tag was made",
    ExitCode.REVISION: "`tipfacts diff`, `versions` or `get` (and `tipfacts.load`) cannot read a version or "
    "revision: not a version number, unknown release, tag, branch or commit, not a git repository, or tables not "
    "built, in neither the DVC cache nor the remote, or not matching that commit's dvc.lock",
    ExitCode.SCHEDULER: "the Dask scheduler given (`--scheduler`, `extract.scheduler`) is unreachable, has no "
    "workers, or its workers run other tipfacts code",
    ExitCode.USAGE: "the command line is wrong: unknown command or option, missing or invalid argument",
    ExitCode.INTERRUPTED: "interrupted (Ctrl-C); the output folder holds its old tables or the new ones, never a mix",
}


def exit_code_table() -> str:
    """EXIT_CODES as a Markdown table (the README holds this text)."""
    rows = "".join(f"| {int(code)} | {meaning} |\n" for code, meaning in EXIT_CODES.items())
    return "| exit | meaning |\n|---|---|\n" + rows


class TipfactsError(Exception):
    """A failure the command line reports in one message and a non-zero exit, without a traceback."""

    exit_code: int = ExitCode.BUG


class InputError(TipfactsError):
    """A report or its metadata cannot be read as given."""

    exit_code = ExitCode.INPUT

    def __init__(self, path: Path | str, problem: str, hint: str = "", line: int | None = None) -> None:
        self.path, self.problem, self.hint, self.line = Path(path), problem, hint, line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}" + (f"\n  what to do: {hint}" if hint else ""))


class ValidationFailed(TipfactsError):
    """Extracted tables broke their schemas; the report says which rows."""

    exit_code = ExitCode.VALIDATION

    def __init__(self, summary: str, report_path: Path | None) -> None:
        self.summary, self.report_path = summary, report_path
        tail = f"\n  full report: {report_path}" if report_path else ""
        super().__init__(f"validation failed; nothing was published.\n{summary}{tail}")


class OutputError(InputError):
    """The output folder cannot be replaced without losing files a publish did not write."""

    exit_code = ExitCode.OUTPUT_FOLDER


class ReleaseRefused(TipfactsError):
    """`tipfacts release` refused or could not finish (the release module's errors subclass this)."""

    exit_code = ExitCode.RELEASE


class RevisionUnreadable(TipfactsError):
    """A version or revision, or the tables published at it, cannot be read (diff, versions, get, load)."""

    exit_code = ExitCode.REVISION


class LexiconError(TipfactsError):
    """A vocabulary file of `tipfacts.lexicon` breaks its schema: the file, table and entry are named."""

    exit_code = ExitCode.INPUT

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path, self.problem = Path(path), problem
        super().__init__(f"{path}: {problem}")
