"""Caches that spare unchanged reports' work between runs (on top of DVC's own).

home.py says where they live (and bounds them); incremental.py (stored by snapshot.py) keeps each
report's rows, csvcache.py the CSV text; fingerprint.py keys them on the code that made them.
"""
