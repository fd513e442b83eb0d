"""Schema of ``data/healing_phases.csv``: wound-healing time windows and histology markers, with their scope."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import KEY_PATTERN, CitationKeys, Row, ShownVerification, TableSpec


class HealingPhase(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the row.")
    label: str = Field(min_length=3, description="Short label drawn on the time axis.")
    kind: Literal["phase_window", "marker", "patient_sign", "dissent", "description"] = Field(
        description="`phase_window`: a phase with a time span; `marker`: an observed event; `patient_sign`: what "
        "the patient sees and when; `dissent`: a published view that disagrees with the windows; `description`: "
        "how a source describes the cascade, without times."
    )
    phase: Literal["haemostasis", "inflammation", "proliferation", "remodelling"] | None = Field(
        None,
        description="The healing phase the row belongs to or is linked with (empty for rows that are not tied to "
        "one phase). For a `patient_sign` the link is the lesson's reading of the biology, not a measurement.",
    )
    scope: str = Field(
        min_length=5,
        description="Where the timing comes from (general wound healing, a device maker, an animal model…); "
        "never presented as a microneedling measurement unless it is one.",
    )
    start_day: float | None = Field(None, ge=0, description="Start, in days after the injury (empty if not given).")
    end_min_day: float | None = Field(None, ge=0, description="Earliest end (or the event day), in days.")
    end_max_day: float | None = Field(None, ge=0, description="Latest end, in days (empty if open-ended).")
    description: str = Field(min_length=10, description="What the source says, in our own words.")
    citations: CitationKeys = Field(description="Sources (`;`-separated keys).")
    verification: ShownVerification = Field(description="How the timing was checked.")


SPEC = TableSpec(
    file="healing_phases.csv",
    row_model=HealingPhase,
    description="One row per healing phase window, histology marker or dissenting view, labelled with its scope.",
)
