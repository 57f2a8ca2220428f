"""`legal_instruments`: laws, codes, treaties and plans, and what was done to them."""

import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, FactModel, valid_list
from tipfacts.schemas.vocabularies import COVERS, INSTRUMENT_KINDS, LEGAL_ACTIONS

PARTIAL_DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"


class LegalInstruments(FactModel):
    country_iso3: Series[str] = pa.Field(nullable=True, description=f"Country acting; {ISO3_DESCRIPTION}")
    instrument: Series[str] = pa.Field(str_length={"min_value": 2}, description="Name as written, trimmed")
    instrument_kind: Series[str] = pa.Field(isin=INSTRUMENT_KINDS, description="Kind of instrument")
    action: Series[str] = pa.Field(isin=LEGAL_ACTIONS, description="What was done to it")
    date: Series[str] = pa.Field(nullable=True, str_matches=PARTIAL_DATE, description="ISO date, may be partial")
    covers: Series[str] = pa.Field(
        nullable=True, description="List of forms of trafficking covered", metadata={"list_of": COVERS}
    )

    @pa.check("covers", name="list_of_covers")
    def covers_known(cls, series):
        return valid_list(series, COVERS)

    class Config:
        title = "legal_instruments"
        description = "Laws, codes, treaties and action plans"
