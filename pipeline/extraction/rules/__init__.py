"""Extraction rules, one module per fact table; each rule is small, named, and recorded in `extractor`."""
