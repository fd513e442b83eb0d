"""Schema of ``data/calibration_targets.csv``: observations the healing model is fitted to or checked against."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .common import KEY_PATTERN, CitationKeys, ForeignKey, Row, TableSpec, Verification


class CalibrationTarget(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the target.")
    protocol: str = Field(description="Schedule that produced it (a key in `protocols.csv`).")
    observable: str = Field(min_length=5, description="What was measured.")
    observed_text: str = Field(min_length=5, description="The observation in words, including what was not read.")
    observed_pct: float | None = Field(
        None, description="Reported change from baseline in %, if a number exists (unverified rows are never used)."
    )
    model_output: Literal["new_collagen_pct", "fibroblasts", "type_iii_share"] = Field(
        description="Model output compared with the observation."
    )
    role: Literal["fit", "check_direction", "check_persistence", "not_used"] = Field(
        description="`fit`: the gain is fitted to it; `check_*`: compared only; `not_used`: shown to explain why not."
    )
    citations: CitationKeys = Field(description="Sources (`;`-separated keys).")
    verification: Verification = Field(description="How the observation was checked.")
    note: str | None = Field(None, description="Caveats.")

    @model_validator(mode="after")
    def _unverified_is_never_used(self) -> CalibrationTarget:
        # An unverified observation may be shown (to explain why it is not used), never fitted or checked against.
        if self.verification == "unverified" and self.role != "not_used":
            raise ValueError(f"role 'not_used' for an unverified observation, not {self.role!r}")
        return self


SPEC = TableSpec(
    file="calibration_targets.csv",
    row_model=CalibrationTarget,
    description="One row per observation compared with the model: fitted, checked, or shown and not used.",
    foreign_keys=(ForeignKey("protocol", "protocols", "key"),),
)
