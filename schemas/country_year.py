"""`country_year`: the panel for joins with World Bank, V-Dem, UCDP or UN data on iso3 (or another key) + year.

Headline rule (see tipfacts.stages.panel): tier and meets_minimum_standards are the value stated by the most
reports (the smallest on a tie); counts are the largest stated. `<column>_doc_ids` lists the reports that state
the headline value; `<column>_conflict` is true where another report states another value. A count a report
says was not reported stays null, with `<count>_not_reported` true: "0 stated" and "not reported" differ.
"""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, valid_iso3, valid_list
from tipfacts.schemas.vocabularies import TIERS

BACKING = "List of reports (doc_id) that state the headline {column}"
CONFLICT = "True where reports state different {column} values for this country and year (null: none stated)"
COUNT = "Largest count stated (0 when a report states none); null when none is stated, also when not reported"
NOT_REPORTED = (
    "True where reports say the {column} figure was not reported and none states it ({column}_doc_ids lists them); "
    "false where a count is stated, 0 included; null where no report speaks of it"
)


def _backing(column: str) -> pa.Field:
    return pa.Field(nullable=True, description=BACKING.format(column=column))


def _conflict(column: str) -> pa.Field:
    return pa.Field(nullable=True, description=CONFLICT.format(column=column))


def _not_reported(column: str) -> pa.Field:
    return pa.Field(nullable=True, description=NOT_REPORTED.format(column=column))


class CountryYear(pa.DataFrameModel):
    iso3: Series[str] = pa.Field(description=ISO3_DESCRIPTION)
    year: Series[pd.Int64Dtype] = pa.Field(in_range={"min_value": 1900, "max_value": 2100}, description="Year")
    country_name: Series[str] = pa.Field(
        nullable=True, description="Common short English name (Democratic Republic of the Congo, Bolivia, Laos)"
    )
    iso2: Series[str] = pa.Field(
        nullable=True, str_matches=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code (XK for Kosovo)"
    )
    m49: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        in_range={"min_value": 1, "max_value": 999},
        description="UN M49 code as an integer (4 for Afghanistan; null for Kosovo, which has none)",
    )
    gw_code: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Gleditsch-Ward state number (countrycode; null for non-members)"
    )
    cow_code: Series[pd.Int64Dtype] = pa.Field(
        nullable=True, ge=0, description="Correlates of War state number (countrycode; null for non-members)"
    )
    un_region: Series[str] = pa.Field(nullable=True, description="UN M49 region (Africa, Americas, Asia, ...)")
    un_subregion: Series[str] = pa.Field(nullable=True, description="UN M49 sub-region (South-eastern Asia, ...)")
    tier: Series[str] = pa.Field(
        nullable=True, isin=TIERS, description="Tier for that year: the one stated by the most reports"
    )
    tier_doc_ids: Series[str] = _backing("tier")
    tier_conflict: Series[pd.BooleanDtype] = _conflict("tier")
    meets_minimum_standards: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="From assessments: the finding stated by the most reports"
    )
    meets_minimum_standards_doc_ids: Series[str] = _backing("meets_minimum_standards")
    meets_minimum_standards_conflict: Series[pd.BooleanDtype] = _conflict("meets_minimum_standards")
    prosecutions: Series[float] = pa.Field(nullable=True, ge=0, description=COUNT)
    prosecutions_doc_ids: Series[str] = _backing("prosecutions")
    prosecutions_conflict: Series[pd.BooleanDtype] = _conflict("prosecutions")
    prosecutions_not_reported: Series[pd.BooleanDtype] = _not_reported("prosecutions")
    convictions: Series[float] = pa.Field(nullable=True, ge=0, description=COUNT)
    convictions_doc_ids: Series[str] = _backing("convictions")
    convictions_conflict: Series[pd.BooleanDtype] = _conflict("convictions")
    convictions_not_reported: Series[pd.BooleanDtype] = _not_reported("convictions")
    victims_identified: Series[float] = pa.Field(nullable=True, ge=0, description=COUNT)
    victims_identified_doc_ids: Series[str] = _backing("victims_identified")
    victims_identified_conflict: Series[pd.BooleanDtype] = _conflict("victims_identified")
    victims_identified_not_reported: Series[pd.BooleanDtype] = _not_reported("victims_identified")
    n_origin_countries: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Distinct origins of flows into the country")
    n_destination_countries: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Distinct destinations of flows out")
    protocol_ratified: Series[pd.BooleanDtype] = pa.Field(
        nullable=True, description="UN TIP Protocol ratified in or before that year"
    )
    doc_ids: Series[str] = pa.Field(description="List of reports the row draws on")

    @pa.check("iso3", name="iso3_known")
    def country_known(cls, series):
        return valid_iso3(series)

    @pa.check(r".*doc_ids$", regex=True, name="list_of_doc_ids")
    def doc_id_lists(cls, series):
        return valid_list(series)

    class Config:
        strict = True
        coerce = True
        ordered = True
        unique = ["iso3", "year"]
        title = "country_year"
        description = "One row per subject country x year any fact table speaks of"
