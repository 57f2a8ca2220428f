"""`documents`: one row per report, with the normalized text every offset points into."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas._base import ISO3_DESCRIPTION, valid_iso3
from tipfacts.schemas.vocabularies import SOURCE_KINDS


class Documents(pa.DataFrameModel):
    doc_id: Series[str] = pa.Field(
        unique=True, str_matches=r"^[a-z0-9][a-z0-9-]*$", description="Report id: the file name without extension"
    )
    title: Series[str] = pa.Field(nullable=True, description="Title (sidecar, else the `= Title =` line)")
    subject_iso3: Series[str] = pa.Field(nullable=True, description=f"Country the report is about; {ISO3_DESCRIPTION}")
    source_kind: Series[str] = pa.Field(nullable=True, isin=SOURCE_KINDS, description="Kind of source")
    publisher: Series[str] = pa.Field(nullable=True, description="Who published the report")
    url: Series[str] = pa.Field(nullable=True, description="Where the report was retrieved from")
    report_year: Series[pd.Int64Dtype] = pa.Field(
        nullable=True,
        in_range={"min_value": 1990, "max_value": 2100},
        description="Year the report covers or was issued",
    )
    retrieved_on: Series[str] = pa.Field(
        nullable=True, str_matches=r"^\d{4}-\d{2}-\d{2}$", description="ISO date the report was retrieved"
    )
    license: Series[str] = pa.Field(nullable=True, description="The source's license (e.g. CC BY-SA 4.0)")
    sha256: Series[str] = pa.Field(str_matches=r"^[0-9a-f]{64}$", description="SHA-256 of the raw file's bytes")
    n_chars: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Characters in `text`")
    n_sentences: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Sentences in the report")
    text: Series[str] = pa.Field(description="Normalized text (NFC, \\n line ends) that offsets point into")

    @pa.check("subject_iso3", name="iso3_known")
    def subject_is_country(cls, series):
        return valid_iso3(series)

    class Config:
        strict = True
        coerce = True
        ordered = True
        title = "documents"
        description = "One row per report: metadata, license, hash and normalized text"
