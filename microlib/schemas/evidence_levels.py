"""Schema of ``data/evidence_levels.csv``: the level-of-evidence scale used in ``studies.csv``."""

from __future__ import annotations

from pydantic import Field

from .common import CitationKeys, Row, ShownVerification, TableSpec, TextList


class EvidenceLevel(Row):
    level: int = Field(ge=1, le=5, description="Level on the Oxford CEBM 2011 scale (1 strongest).")
    name: str = Field(min_length=3, description="Short name of the level.")
    meaning: str = Field(min_length=20, description="What evidence sits at this level for treatment benefit, "
                         "in our own words.")
    rule: str = Field(min_length=20, description="The rule that places a row of `studies.csv` at this level, "
                      "in terms of its columns (`design`, `randomised`, `comparator_kind`, `pooled_studies`, "
                      "`studies_included`, `pooled_randomised`). A review with no randomised studies, or whose "
                      "randomised count was not read, is not levelled by the rule (see `level_basis`).")
    designs: TextList = Field(description="Designs in `studies.csv` usually placed at this level (`;`-separated).")
    citations: CitationKeys = Field(description="Source of the scale.")
    verification: ShownVerification = Field(description="How the scale was checked.")


SPEC = TableSpec(
    file="evidence_levels.csv",
    row_model=EvidenceLevel,
    description="The Oxford CEBM 2011 levels for 'does this intervention help?', as used in studies.csv.",
    key=("level",),
)
