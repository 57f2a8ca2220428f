"""`sentences`: every sentence with its exact offsets into `documents.text`."""

import pandas as pd
import pandera.pandas as pa
from pandera.typing import Series

from tipfacts.schemas.vocabularies import PILLARS


class Sentences(pa.DataFrameModel):
    sentence_id: Series[str] = pa.Field(unique=True, description="`<doc_id>:<sentence_no>`, zero-padded")
    doc_id: Series[str] = pa.Field(description="Report (documents.doc_id)")
    section: Series[str] = pa.Field(
        description='Heading the sentence sits under ("" before the first)', metadata={"empty_allowed": True}
    )
    section_year: Series[pd.Int64Dtype] = pa.Field(nullable=True, description="Year in the heading (2008)")
    pillar: Series[str] = pa.Field(nullable=True, isin=PILLARS, description="TIP pillar named by the heading")
    sentence_no: Series[pd.Int64Dtype] = pa.Field(ge=1, description="1-based position in the report")
    char_start: Series[pd.Int64Dtype] = pa.Field(ge=0, description="Offset of the first character in documents.text")
    char_end: Series[pd.Int64Dtype] = pa.Field(ge=1, description="Offset after the last character")
    paragraph_no: Series[pd.Int64Dtype] = pa.Field(ge=1, description="1-based paragraph in the report")
    text: Series[str] = pa.Field(str_length={"min_value": 1}, description="documents.text[char_start:char_end]")

    @pa.dataframe_check(name="offsets_ordered")
    def offsets_ordered(cls, df):
        return df["char_end"] > df["char_start"]

    @pa.dataframe_check(name="length_matches_offsets")
    def length_matches_offsets(cls, df):
        return df["text"].str.len() == df["char_end"] - df["char_start"]

    class Config:
        strict = True
        coerce = True
        ordered = True
        unique = ["doc_id", "sentence_no"]
        title = "sentences"
        description = "Every sentence of every report, with offsets into documents.text"
