"""`country_year`: the panel for joins with World Bank, V-Dem or UN data on iso3 + year."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, valid_iso3
from tipfacts.schemas.vocabularies import TIERS


class CountryYear(pa.DataFrameModel):
    iso3: Series[str] = pa.Field(description=ISO3_DESCRIPTION)
    year: Series[pd.Int64Dtype] = pa.Field(in_range={"min_value": 1900, "max_value": 2100}, description="Year")
    country_name: Series[str] = pa.Field(nullable=True, description="English short name (pycountry)")
    m49: Series[str] = pa.Field(nullable=True, str_matches=r"^\d{3}$", description="UN M49 code")
    tier: Series[str] = pa.Field(nullable=True, isin=TIERS, description="Tier stated for that year")
    meets_minimum_standards: Series[pd.BooleanDtype] = pa.Field(nullable=True, description="From assessments")
    prosecutions: Series[float] = pa.Field(nullable=True, ge=0, description="Largest count stated")
    convictions: Series[float] = pa.Field(nullable=True, ge=0, description="Largest count stated")
    victims_identified: Series[float] = pa.Field(nullable=True, ge=0, description="Largest count stated")
    n_origin_countries: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Distinct origins of flows into the country")
    n_destination_countries: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Distinct destinations of flows out")
    protocol_ratified: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="UN TIP Protocol ratified in or before that year"
    )
    doc_ids: Series[str] = pa.Field(description="List of reports the row draws on")

    @pa.check("iso3", name="iso3_known")
    def country_known(cls, series):
        return valid_iso3(series)

    class Config:
        strict = True
        coerce = True
        ordered = True
        unique = ["iso3", "year"]
        title = "country_year"
        description = "One row per subject country x year any fact table speaks of"
