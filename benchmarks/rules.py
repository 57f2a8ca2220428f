"""CPU time of each extraction rule over a folder of reports, in one process (a script, not a test).

    .venv/bin/python benchmarks/rules.py ../shared/corpus/factbook --passes 5

Every pass builds the sentence contexts afresh (their lexicon pass and places timed apart) and clears the
per-text caches, so each pass is a cold one over the text; the RE2 DFAs, built once per process, stay
(a first untimed pass builds them). The minimum over the passes is printed. Organizations run before
events, which reuse their mentions.
"""

from __future__ import annotations

import argparse
import functools
import gc
import sys
import time
from pathlib import Path

from tipfacts.extraction.context import build_contexts
from tipfacts.stages.extract import DOCUMENT_RULES, SENTENCE_RULES, extract_document, fact_id
from tipfacts.stages.ingest import ingest


def clear_caches() -> None:
    """Empty every bounded lru_cache of tipfacts (per-text answers a new corpus would not find there)."""
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("tipfacts"):
            for value in list(vars(module).values()):
                if isinstance(value, functools._lru_cache_wrapper) and value.cache_info().maxsize is not None:
                    value.cache_clear()


def one_pass(docs: list) -> dict[str, float]:
    clear_caches()
    gc.collect()
    times = {}
    start = time.process_time()
    contexts = [build_contexts(doc) for doc in docs]
    for ctx in (c for cs in contexts for c in cs):
        _ = ctx.present, ctx.places, ctx.is_advice
    times["contexts (present, places)"] = time.process_time() - start
    rows = {}
    for name, rule in SENTENCE_RULES.items():
        start = time.process_time()
        rows[name] = [rule(c) for cs in contexts for c in cs if not c.is_advice]
        times[name] = time.process_time() - start
    for name, document_rule in sorted(DOCUMENT_RULES.items(), key=lambda item: item[0] == "events"):
        start = time.process_time()
        rows[name] = [document_rule(cs) for cs in contexts]
        times[name] = time.process_time() - start
    start = time.process_time()
    for name, per_sentence in rows.items():
        for facts in per_sentence:
            for row in facts:
                fact_id(name, row)
    times["fact_id"] = time.process_time() - start
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("raw_dir", type=Path)
    parser.add_argument("--passes", type=int, default=5)
    args = parser.parse_args()
    docs = ingest(args.raw_dir, 50_000_000)
    for doc in docs:  # builds the RE2 DFAs and loads every table
        extract_document(doc)
    best: dict[str, float] = {}
    for _ in range(args.passes):
        for name, seconds in one_pass(docs).items():
            best[name] = min(best.get(name, seconds), seconds)
    total = sum(best.values())
    print(f"{len(docs)} reports, CPU seconds, min of {args.passes} passes")
    for name, seconds in sorted(best.items(), key=lambda item: -item[1]):
        print(f"  {name:28s} {seconds:6.3f}  {100 * seconds / total:4.1f}%")
    print(f"  {'sum':28s} {total:6.3f}")


if __name__ == "__main__":
    main()
