"""`organizations`: one row per mention of a body, with one canonical name per body and report."""

import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, FactModel
from tipfacts.schemas.vocabularies import ORG_KINDS


class Organizations(FactModel):
    name: Series[str] = pa.Field(description="Name as written")
    canonical: Series[str] = pa.Field(description="One name for all mentions of the body in a report")
    org_kind: Series[str] = pa.Field(isin=ORG_KINDS, description="Kind of body")
    country_iso3: Series[str] = pa.Field(nullable=True, description=f"{ISO3_DESCRIPTION}; null: international")

    class Config:
        title = "organizations"
        description = "Organizations named, one row per mention"
