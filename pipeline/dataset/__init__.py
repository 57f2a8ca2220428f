"""Operations on the published dataset: add a report, diff and release versions, describe the tables."""
