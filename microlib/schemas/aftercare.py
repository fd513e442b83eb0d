"""Schema of ``data/aftercare.csv``: the aftercare plan, each step with the kind of source behind it."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import KEY_PATTERN, CitationKeys, Row, ShownVerification, TableSpec


class AftercareStep(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the step.")
    order: int = Field(ge=1, le=50, description="Position in the plan.")
    day_from: float = Field(
        ge=0, le=60, description="First day the step applies (days after treatment; 0 = treatment day)."
    )
    day_to: float = Field(ge=0, le=60, description="Last day the step applies (days after treatment).")
    instruction: str = Field(min_length=15, description="The step, in plain language.")
    evidence_kind: Literal[
        "manufacturer instructions", "clinic convention", "trial practice", "case reports"
    ] = Field(description="What kind of source the step rests on (mostly manufacturer or clinic convention).")
    why: str = Field(min_length=20, description="The reasoning, and how strong it is.")
    clinics_vary: str | None = Field(None, description="How clinic instructions differ, where they do.")
    citations: CitationKeys = Field(description="Sources of the step (`;`-separated keys).")
    verification: ShownVerification = Field(description="How the step was checked against those sources.")


SPEC = TableSpec(
    file="aftercare.csv",
    row_model=AftercareStep,
    description="One row per aftercare step with the days after treatment it covers. No peer-reviewed aftercare "
    "protocol was found: most steps are manufacturer instructions or clinic convention, and say so.",
)
