"""The four pipeline stages (ingest -> extract -> validate -> publish) and `build`, which runs them all."""
