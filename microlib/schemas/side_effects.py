"""Schema of ``data/side_effects.csv``: expected effects and complications of microneedling, with time course."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import KEY_PATTERN, CitationKeys, Row, ShownVerification, TableSpec


class SideEffect(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the side effect.")
    name: str = Field(min_length=3, description="Name shown to students.")
    kind: Literal["expected", "complication"] = Field(
        description="`expected`: a normal, short-lived response; `complication`: an adverse event."
    )
    onset_day: float | None = Field(
        None, ge=0, le=365, description="Days after treatment when it is reported to start (0 = treatment day); "
        "empty when not reported."
    )
    resolves_by_day_min: float | None = Field(
        None, ge=0, le=365, description="Shortest reported time to resolution (days after treatment); empty when "
        "not reported."
    )
    resolves_by_day_max: float | None = Field(
        None, ge=0, le=365, description="Longest reported time to resolution (days after treatment); empty when not "
        "reported or when it can persist."
    )
    can_persist: Literal["yes", "no"] = Field(description="Whether a source describes it as persistent.")
    how_often: str = Field(
        min_length=20, description="How often it is reported: counts or ranges from named studies, never a pooled "
        "rate unless one was read."
    )
    severity: Literal["mild", "moderate", "serious"] = Field(description="How much harm it usually does.")
    what_to_do: str = Field(min_length=20, description="What the person or practitioner does about it.")
    timing_note: str = Field(min_length=20, description="Where the timing comes from, and what is not known.")
    citations: CitationKeys = Field(description="Sources of the timing and frequency (`;`-separated keys).")
    verification: ShownVerification = Field(description="How the values were checked against those sources.")


SPEC = TableSpec(
    file="side_effects.csv",
    row_model=SideEffect,
    description="One row per side effect: expected effects apart from complications, with reported timing "
    "(days after treatment) and frequencies from single named studies (no pooled rates were available).",
)
