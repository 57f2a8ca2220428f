"""`events`: enforcement, protection and prevention actions."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, FactModel, valid_iso3_list, valid_list
from tipfacts.schemas.legal_instruments import PARTIAL_DATE
from tipfacts.schemas.vocabularies import COUNT_QUALIFIERS, DATE_PRECISIONS, EVENT_TYPES, PILLARS


class Events(FactModel):
    country_iso3: Series[str] = pa.Field(nullable=True, description=f"Country acting; {ISO3_DESCRIPTION}")
    event_type: Series[str] = pa.Field(isin=EVENT_TYPES, description="Kind of action")
    date: Series[str] = pa.Field(nullable=True, str_matches=PARTIAL_DATE, description="ISO date, may be partial")
    date_precision: Series[str] = pa.Field(nullable=True, isin=DATE_PRECISIONS, description="day | month | year")
    location: Series[str] = pa.Field(nullable=True, description="Place named, as written")
    agencies: Series[str] = pa.Field(nullable=True, description="List of organization names")
    persons_count: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0, description="People the action concerned")
    count_qualifier: Series[str] = pa.Field(nullable=True, isin=COUNT_QUALIFIERS, description="exact | over | ...")
    persons_description: Series[str] = pa.Field(nullable=True, description='Who: "suspects", "minors", ...')
    nationalities: Series[str] = pa.Field(nullable=True, description="List of ISO3 codes of the people concerned")
    pillar: Series[str] = pa.Field(nullable=True, isin=PILLARS, description="TIP pillar")

    @pa.check("agencies", name="sorted_list")
    def agencies_listed(cls, series):
        return valid_list(series)

    @pa.check("nationalities", name="list_of_iso3")
    def nationalities_known(cls, series):
        return valid_iso3_list(series)

    class Config:
        title = "events"
        description = "Raids, arrests, trials, referrals, trainings, campaigns"
