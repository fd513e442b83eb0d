"""Schema of ``data/healing_parameters.csv``: every parameter of the teaching healing model."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import KEY_PATTERN, CitationKeys, Row, ShownVerification, TableSpec


class HealingParameter(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Python name of the parameter (a keyword of `simulate`).")
    symbol: str = Field(min_length=1, description="Symbol used in the equations shown to students.")
    group: Literal["kinetics", "collagen", "dose", "depth"] = Field(description="Part of the model it belongs to.")
    meaning: str = Field(min_length=10, description="What the parameter means, in plain words.")
    unit: Literal["day", "fraction", "multiplier", "mm"] = Field(description="Unit of default, min and max.")
    default: float = Field(gt=0, description="Value used unless overridden (in `unit`).")
    min: float = Field(gt=0, description="Lowest plausible value: overrides below it are refused (in `unit`).")
    max: float = Field(gt=0, description="Highest plausible value: overrides above it are refused (in `unit`).")
    basis: Literal["anchored", "fitted", "modelling_choice"] = Field(
        description="`anchored`: chosen to match cited kinetics; `fitted`: set by calibration; "
        "`modelling_choice`: no measurement pins it."
    )
    justification: str = Field(min_length=20, description="Why this value and range, in our own words.")
    citations: CitationKeys = Field(description="Sources behind the justification (`;`-separated keys).")
    verification: ShownVerification = Field(description="How the cited anchors were checked.")

    @model_validator(mode="after")
    def _default_inside_range(self) -> HealingParameter:
        if not self.min <= self.default <= self.max:
            raise ValueError(f"default {self.default} must lie within min {self.min} and max {self.max}")
        return self


SPEC = TableSpec(
    file="healing_parameters.csv",
    row_model=HealingParameter,
    description="One row per model parameter, with unit, default, plausible range, justification and sources.",
)
