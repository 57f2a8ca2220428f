"""`facts_consolidated`: one row per fact across reports and editions, listing its reports, fact_ids and years.

Which columns make a fact (the rest are null for that table): assessments: country_iso3, year, assessor,
tier, meets_minimum_standards, movement; country_roles: country_iso3, role, status; flows: origin and
destination (iso3 or area), exploitation, status; statistics: country_iso3, year, indicator, value, qualifier,
unit. The year is part of a tier's or a count's identity, not of a flow's or a role's.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, valid_iso3, valid_list
from tipfacts.schemas.vocabularies import (
    EXPLOITATIONS,
    FLOW_STATUSES,
    INDICATORS,
    MOVEMENTS,
    QUALIFIERS,
    ROLE_STATUSES,
    ROLES,
    TIERS,
)

CONSOLIDATED_TABLES = ["assessments", "country_roles", "flows", "statistics"]


class FactsConsolidated(pa.DataFrameModel):
    consolidated_id: Series[str] = pa.Field(
        unique=True,
        str_matches=r"^cns-[0-9a-f]{16}$",
        description="Stable id: a hash of the table and the fact's identity columns",
    )
    table: Series[str] = pa.Field(isin=CONSOLIDATED_TABLES, description="Fact table the rows come from")
    country_iso3: Series[str] = pa.Field(
        nullable=True, description=f"assessments, country_roles, statistics: the country; {ISO3_DESCRIPTION}"
    )
    origin_iso3: Series[str] = pa.Field(nullable=True, description="flows: country of origin")
    origin_area: Series[str] = pa.Field(nullable=True, description="flows: origin that is not a country")
    destination_iso3: Series[str] = pa.Field(nullable=True, description="flows: destination country")
    destination_area: Series[str] = pa.Field(nullable=True, description="flows: destination that is not a country")
    role: Series[str] = pa.Field(nullable=True, isin=ROLES, description="country_roles: the role")
    exploitation: Series[str] = pa.Field(nullable=True, isin=EXPLOITATIONS, description="flows: form of exploitation")
    status: Series[str] = pa.Field(
        nullable=True,
        isin=sorted(set(FLOW_STATUSES) | set(ROLE_STATUSES)),
        description="flows and country_roles: reported, potential, ...",
    )
    assessor: Series[str] = pa.Field(nullable=True, description="assessments: who assessed")
    tier: Series[str] = pa.Field(nullable=True, isin=TIERS, description="assessments: tier placement")
    meets_minimum_standards: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="assessments: fully meets the minimum standards"
    )
    movement: Series[str] = pa.Field(
        nullable=True, isin=MOVEMENTS, description="assessments: change from the year before"
    )
    indicator: Series[str] = pa.Field(nullable=True, isin=INDICATORS, description="statistics: what is counted")
    value: Series[float] = pa.Field(nullable=True, ge=0, description="statistics: the count")
    qualifier: Series[str] = pa.Field(nullable=True, isin=QUALIFIERS, description="statistics: exact, over, ...")
    unit: Series[str] = pa.Field(nullable=True, description="statistics: unit, when stated")
    years: Series[str] = pa.Field(nullable=True, description="List of the years the reports give for the fact")
    first_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Earliest of `years`")
    last_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Latest of `years`")
    n_reports: Series[pd.Int64Dtype] = pa.Field(ge=1, description="How many reports state the fact")
    doc_ids: Series[str] = pa.Field(description="List of the reports (documents.doc_id) that state it")
    fact_ids: Series[str] = pa.Field(description="List of its rows in the per-report table (fact_id)")

    @pa.check(r".+_iso3$", regex=True, name="iso3_known")
    def iso3_known(cls, series):
        return valid_iso3(series)

    @pa.check("years", "doc_ids", "fact_ids", name="sorted_list")
    def lists(cls, series):
        return valid_list(series)

    class Config:
        strict = True
        coerce = True
        ordered = True
        title = "facts_consolidated"
        description = "One row per fact however many reports or editions state it, with its reports and years"
