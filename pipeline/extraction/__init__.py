"""Extraction: the sentence context every rule reads, fact records, and the rules themselves."""
