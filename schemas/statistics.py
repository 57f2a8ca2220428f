"""`statistics`: counts a report gives, including zeros."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, FactModel
from tipfacts.schemas.vocabularies import INDICATORS, QUALIFIERS, UNITS


class Statistics(FactModel):
    country_iso3: Series[str] = pa.Field(nullable=True, description=f"Country counted; {ISO3_DESCRIPTION}")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Year (the contract's year rule)")
    indicator: Series[str] = pa.Field(isin=INDICATORS, description="What is counted")
    value: Series[float] = pa.Field(ge=0, description="The count; 0 for 'no prosecutions'")
    qualifier: Series[str] = pa.Field(isin=QUALIFIERS, description="exact | over | at_least | approximately | up_to")
    unit: Series[str] = pa.Field(
        nullable=True,
        isin=UNITS,
        description="What is counted, when stated: persons | cases | organizations (agencies, companies, shelters) "
        "| percent",
    )

    class Config:
        title = "statistics"
        description = "Counts of investigations, prosecutions, convictions, victims and more"
