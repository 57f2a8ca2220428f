"""`flows`: who is trafficked from where to where, for what."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, FactModel, valid_list
from tipfacts.schemas.vocabularies import EXPLOITATIONS, FLOW_STATUSES, SECTORS, TRENDS, VICTIM_GROUPS


class Flows(FactModel):
    origin_iso3: Series[str] = pa.Field(nullable=True, description=f"Country of origin; {ISO3_DESCRIPTION}")
    origin_area: Series[str] = pa.Field(nullable=True, description="Origin that is not a country, as written")
    destination_iso3: Series[str] = pa.Field(nullable=True, description=f"Destination country; {ISO3_DESCRIPTION}")
    destination_area: Series[str] = pa.Field(nullable=True, description="Destination not a country (a city, a region)")
    victim_groups: Series[str] = pa.Field(
        nullable=True, description="List of victim groups", metadata={"list_of": VICTIM_GROUPS}
    )
    exploitation: Series[str] = pa.Field(isin=EXPLOITATIONS, description="Form of exploitation")
    sector: Series[str] = pa.Field(nullable=True, isin=SECTORS, description="Economic sector")
    status: Series[str] = pa.Field(isin=FLOW_STATUSES, description="reported | potential | prevented | alleged")
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Year (the contract's year rule)")
    trend: Series[str] = pa.Field(nullable=True, isin=TRENDS, description="increase | decrease, if stated")
    attributed_to: Series[str] = pa.Field(nullable=True, description="Source the sentence credits")

    @pa.check("victim_groups", name="list_of_victim_groups")
    def groups_known(cls, series):
        return valid_list(series, VICTIM_GROUPS)

    @pa.dataframe_check(name="origin_or_destination_known")
    def has_an_end(cls, df):
        return df["origin_iso3"].notna() | df["destination_iso3"].notna()

    class Config:
        title = "flows"
        description = "One row per origin x destination x exploitation"
