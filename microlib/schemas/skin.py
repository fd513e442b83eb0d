"""Schema of ``data/skin_sites.csv``: measured thickness of the epidermis and dermis, per site and sex."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import KEY_PATTERN, CitationKeys, Row, ShownVerification, TableSpec


class SkinMeasurement(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the measurement row.")
    site: str = Field(min_length=2, description="Body site as the source names it (e.g. `forehead`).")
    site_group: Literal["face", "neck", "body"] = Field(description="Broad region of the site.")
    sex: Literal["female", "male", "both"] = Field(description="Sex of the people measured (`both` = pooled).")
    layer: Literal["epidermis", "dermis"] = Field(description="Which skin layer was measured.")
    statistic: Literal["site_mean", "lowest_site_mean", "highest_site_mean"] = Field(
        description="`site_mean`: the mean at this site. `lowest_site_mean` / `highest_site_mean`: the source "
        "reports only the range across its sites; this row is one end of that range."
    )
    thickness_mm: float = Field(gt=0, le=10, description="Mean thickness of the layer, in mm.")
    sd_mm: float | None = Field(None, ge=0, description="Standard deviation across people, in mm, if reported.")
    method: Literal["ultrasound", "histology (cadaver)", "histology (archival)"] = Field(
        description="How the thickness was measured (ultrasound reads the epidermis thicker than histology)."
    )
    population: str = Field(min_length=3, description="Who was measured (sample and population).")
    in_model: bool = Field(description="True for the per-site rows the depth model uses.")
    beneath: Literal["subcutis", "orbicularis oculi muscle"] | None = Field(
        None,
        description="What lies directly under the dermis at this site (model rows only): `subcutis` (fat) or, at "
        "the eyelid, `orbicularis oculi muscle` (eyelid skin has almost no fat under it).",
    )
    citations: CitationKeys = Field(description="Source of the value (`;`-separated keys).")
    verification: ShownVerification = Field(description="How the value was checked against its source.")
    note: str | None = Field(None, description="Caveats: what the source did and did not say.")

    @model_validator(mode="after")
    def _model_rows_say_what_lies_beneath(self) -> SkinMeasurement:
        if self.in_model and self.beneath is None:
            raise ValueError("rows with in_model true need `beneath` (subcutis or orbicularis oculi muscle)")
        return self


SPEC = TableSpec(
    file="skin_sites.csv",
    row_model=SkinMeasurement,
    description="One row per reported layer thickness: a per-site mean, or one end of a range across sites.",
)
