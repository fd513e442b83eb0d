"""Schema of ``data/vignettes.yaml``: made-up case vignettes for class exercises and tests."""

from __future__ import annotations

from pydantic import Field

from .common import KEY_PATTERN, ForeignKey, Row, TableSpec, TextList


class Vignette(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the vignette.")
    title: str = Field(min_length=5, pattern=r"\(fictional\)", description="Title; must say `(fictional)`.")
    story: str = Field(min_length=40, description="The made-up case, told in a few sentences.")
    answered_yes: TextList = Field(default=(), description="Checklist ids answered yes (keys in `checklist.yaml`).")
    answered_unknown: TextList = Field(default=(), description="Checklist ids answered unknown; every other id is no.")
    expected_outcome: str = Field(description="Outcome the checklist should give (a key in `risk_outcomes.csv`).")
    teaching_point: str = Field(min_length=20, description="What the case is meant to teach.")


SPEC = TableSpec(
    file="vignettes.yaml",
    row_model=Vignette,
    description="One entry per fictional case: its answers and the outcome the checklist should give. Made up "
    "for teaching, so no citations; the rules it exercises are cited in `checklist.yaml`.",
    citation_columns=(),
    foreign_keys=(
        ForeignKey("answered_yes", "checklist"),
        ForeignKey("answered_unknown", "checklist"),
        ForeignKey("expected_outcome", "risk_outcomes"),
    ),
)
