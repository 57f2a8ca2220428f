"""Errors a user can act on: each names the file (and line or row) and what to do."""

from __future__ import annotations

from pathlib import Path


class TipfactsError(Exception):
    """A failure the command line reports in one message and a non-zero exit, without a traceback."""

    exit_code = 1


class InputError(TipfactsError):
    """A report or its metadata cannot be read as given."""

    exit_code = 2

    def __init__(self, path: Path | str, problem: str, hint: str = "", line: int | None = None) -> None:
        self.path, self.problem, self.hint, self.line = Path(path), problem, hint, line
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}" + (f"\n  what to do: {hint}" if hint else ""))


class ValidationFailed(TipfactsError):
    """Extracted tables broke their schemas; the report says which rows."""

    exit_code = 3

    def __init__(self, summary: str, report_path: Path | None) -> None:
        self.summary, self.report_path = summary, report_path
        tail = f"\n  full report: {report_path}" if report_path else ""
        super().__init__(f"validation failed; nothing was published.\n{summary}{tail}")


class OutputError(InputError):
    """The output folder cannot be replaced without losing files a publish did not write."""

    exit_code = 4


class LexiconError(TipfactsError):
    """A vocabulary file of `tipfacts.lexicon` breaks its schema: the file, table and entry are named."""

    exit_code = 5

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path, self.problem = Path(path), problem
        super().__init__(f"{path}: {problem}")
