"""Schema of ``data/protocols.csv``: treatment schedules of named microneedling studies."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import KEY_PATTERN, CitationKeys, Row, TableSpec, Verification


class Protocol(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the protocol (usually study and year).")
    study: str = Field(min_length=3, description="Short name of the study shown in figures.")
    species: Literal["human", "rat"] = Field(description="Who was treated.")
    condition: str = Field(min_length=3, description="What was treated.")
    sessions: int = Field(ge=1, le=8, description="Number of sessions.")
    interval_days: int = Field(ge=1, le=90, description="Days between sessions (a month is taken as 30 days).")
    needle_mm: float | None = Field(
        None, gt=0, le=3, description="Nominal needle length in mm; empty when the sources read did not confirm it."
    )
    readout_day: int | None = Field(
        None, ge=0, le=720, description="Main readout, in days after the first session (empty if unclear)."
    )
    readout_note: str = Field(min_length=5, description="When the outcome was read, as the study describes it.")
    n_completed: int | None = Field(None, ge=1, description="People (or animals) with the outcome measured.")
    citations: CitationKeys = Field(description="Sources (`;`-separated keys).")
    verification: Verification = Field(
        description="How the schedule was checked. `unverified` only for a claimed schedule that is shown to explain "
        "why it is not used (tests check that only `not_used` calibration rows point to it)."
    )
    note: str | None = Field(None, description="Caveats.")


SPEC = TableSpec(
    file="protocols.csv",
    row_model=Protocol,
    description="One row per study protocol: sessions, interval, needle length (if confirmed) and readout time.",
)
