"""tipfacts: structured, cited facts from human-trafficking reports.

The package reads from the bottom up: `schemas` (the contract: tables, columns, vocabularies)
imports nothing else of ours; `places` (country names, demonyms, regions) and `lexicon` (report
words that map onto the contract's vocabularies) sit on it; `extraction` (sentence context and
rules) reads them; `stages` (ingest -> extract -> validate -> publish) run it, with `caching`
keeping unchanged reports' work; `dataset` holds the operations on published versions
(add, diff, release, datapackage, data dictionary); `cli` is the command line.
"""
