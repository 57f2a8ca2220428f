"""`assessments`: tier placements and findings on the minimum standards."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, FactModel
from tipfacts.schemas.vocabularies import MOVEMENTS, TIERS


class Assessments(FactModel):
    country_iso3: Series[str] = pa.Field(description=f"Country assessed; {ISO3_DESCRIPTION}")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Year assessed (the year rule)")
    assessor: Series[str] = pa.Field(description="US-TIP for the State Department's TIP report, else the body named")
    tier: Series[str] = pa.Field(nullable=True, isin=TIERS, description="Tier placement; null when not stated")
    meets_minimum_standards: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="Fully meets the TVPA minimum standards"
    )
    significant_efforts: Series[pd.BooleanDtype] = pa.Field(nullable=True, description="Making significant efforts to")
    movement: Series[str] = pa.Field(nullable=True, isin=MOVEMENTS, description="Change from the year before")

    class Config:
        title = "assessments"
        description = "Tier placements and compliance findings"
