"""Caches that spare unchanged reports' work between runs (on top of DVC's own)."""
