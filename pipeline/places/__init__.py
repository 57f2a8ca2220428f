"""Places: country names, demonyms and regions to ISO3, harmonized in one place."""
