"""A corpus of N reports made from the Factbook reports: distinct ids, lightly varied text, same seed same bytes.

Report k is a copy of template k mod T (T templates, in file-name order) with its own id
(`<template>-c<k>`), the copy number in its title line, some counts changed and, in some
paragraphs, one middle `;` clause dropped or two swapped: no two reports have the same text
(no cache or hash can dedupe them), and the facts stay those of a real report.
The sidecar is copied as is (Factbook sidecars carry no sha256).
"""

from __future__ import annotations

import random
import re
from pathlib import Path

META_SUFFIX = ".meta.yaml"
# A count that is not a year nor a tier: 1-3 digits, or thousands with commas.
COUNT = re.compile(r"(?<![\d,.])(?<!Tier )(?:\d{1,3}(?:,\d{3})+|\d{1,3})(?![\d,.]|\s*(?:percent|%))")


def templates(source: Path) -> list[tuple[str, str, str | None]]:
    """(doc_id, text, sidecar text) of every .txt report of `source`, in name order."""
    out = []
    for path in sorted(source.glob("*.txt")):
        meta = path.with_name(path.stem + META_SUFFIX)
        out.append(
            (path.stem, path.read_text(encoding="utf-8"), meta.read_text(encoding="utf-8") if meta.exists() else None)
        )
    if not out:
        raise SystemExit(f"no .txt reports in {source}")
    return out


def vary(text: str, rng: random.Random) -> str:
    """Counts moved by a few, and in some paragraphs one middle `;` clause dropped; headings kept."""

    def count(m: re.Match[str]) -> str:
        value = int(m.group(0).replace(",", ""))
        if rng.random() < 0.5:
            return m.group(0)
        new = max(0, value + rng.randint(-3, 7))
        return f"{new:,}" if "," in m.group(0) else str(new)

    paragraphs = text.split("\n\n")
    for i, para in enumerate(paragraphs):
        if para.startswith(("=", "#")):
            continue
        clauses = para.split("; ")
        if len(clauses) > 3 and rng.random() < 0.3:
            del clauses[rng.randrange(1, len(clauses) - 1)]
        if len(clauses) > 3 and rng.random() < 0.5:
            j = rng.randrange(1, len(clauses) - 2)
            clauses[j], clauses[j + 1] = clauses[j + 1], clauses[j]
        paragraphs[i] = COUNT.sub(count, "; ".join(clauses))
    return "\n\n".join(paragraphs)


def retitle(text: str, copy: int) -> str:
    """The copy number in the title line, so that every report's text (and sha256) is its own."""
    title, sep, rest = text.partition("\n")
    m = re.fullmatch(r"(=+)[ \t]*(.+?)[ \t]*(=+)", title)
    if m:
        return f"{m.group(1)} {m.group(2)} (copy {copy}) {m.group(3)}{sep}{rest}"
    return f"= Copy {copy} =\n\n{text}"


def make_corpus(source: Path, dest: Path, n: int, seed: int = 0) -> int:
    """Write `n` reports (+ sidecars) into `dest`; returns the bytes of report text written."""
    dest.mkdir(parents=True, exist_ok=True)
    base = templates(source)
    written = 0
    for k in range(n):
        doc_id, text, meta = base[k % len(base)]
        rng = random.Random(f"{seed}:{k}")
        new_id = f"{doc_id}-c{k:05d}"
        data = retitle(vary(text, rng), k).encode("utf-8")
        (dest / f"{new_id}.txt").write_bytes(data)
        written += len(data)
        if meta is not None:
            (dest / f"{new_id}{META_SUFFIX}").write_text(meta, encoding="utf-8")
    return written
