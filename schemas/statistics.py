"""`statistics`: counts a report gives, including zeros, and figures it says it did not report (value null)."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, FactModel
from tipfacts.schemas.vocabularies import INDICATORS, QUALIFIERS, UNITS

NOT_REPORTED = "not_reported"


class Statistics(FactModel):
    country_iso3: Series[str] = pa.Field(nullable=True, description=f"Country counted; {ISO3_DESCRIPTION}")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Year (the contract's year rule)")
    indicator: Series[str] = pa.Field(isin=INDICATORS, description="What is counted")
    value: Series[float] = pa.Field(
        nullable=True,
        ge=0,
        description="The count; 0 for 'no prosecutions' (a stated zero); null only with qualifier not_reported",
    )
    qualifier: Series[str] = pa.Field(
        isin=QUALIFIERS,
        description="exact | over | at_least | approximately | up_to | not_reported ('did not report investigating "
        "any cases': the report gives no figure, which is not a zero; value null)",
    )
    unit: Series[str] = pa.Field(
        nullable=True,
        isin=UNITS,
        description="What is counted, when stated: persons | cases | organizations (agencies, companies, shelters) "
        "| percent",
    )

    @pa.dataframe_check(name="null_value_iff_not_reported")
    def null_only_when_not_reported(cls, df: pd.DataFrame) -> pd.Series:
        """A figure the report did not give has no value, and every other count has one."""
        return df["value"].isna() == (df["qualifier"] == NOT_REPORTED)

    class Config:
        title = "statistics"
        description = "Counts of investigations, prosecutions, convictions, victims and more"
