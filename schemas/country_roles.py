"""`country_roles`: source, transit and destination roles."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, FactModel, valid_list
from tipfacts.schemas.vocabularies import EXPLOITATIONS, ROLE_STATUSES, ROLES, VICTIM_GROUPS


class CountryRoles(FactModel):
    country_iso3: Series[str] = pa.Field(description=f"Country with the role; {ISO3_DESCRIPTION}")
    role: Series[str] = pa.Field(isin=ROLES, description="source | transit | destination")
    status: Series[str] = pa.Field(isin=ROLE_STATUSES, description="reported, or potential when hedged")
    victim_groups: Series[str] = pa.Field(
        nullable=True, description="List of victim groups", metadata={"list_of": VICTIM_GROUPS}
    )
    exploitation: Series[str] = pa.Field(
        nullable=True, description="List of exploitation kinds", metadata={"list_of": EXPLOITATIONS}
    )
    year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Year (the contract's year rule)")

    @pa.check("victim_groups", name="list_of_victim_groups")
    def groups_known(cls, series):
        return valid_list(series, VICTIM_GROUPS)

    @pa.check("exploitation", name="list_of_exploitations")
    def kinds_known(cls, series):
        return valid_list(series, EXPLOITATIONS)

    class Config:
        title = "country_roles"
        description = "Source, transit and destination roles of countries"
