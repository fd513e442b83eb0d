"""Schema of ``data/risk_outcomes.csv``: the ordered outcome scale of the side-effect risk checklist."""

from __future__ import annotations

from pydantic import Field

from .common import KEY_PATTERN, Row, TableSpec


class RiskOutcome(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the outcome, e.g. `postpone`.")
    rank: int = Field(ge=0, le=10, description="Position on the scale: 0 = no flags; higher = more restrictive.")
    label: str = Field(min_length=3, description="The outcome in words, as shown to students.")
    icon: str = Field(min_length=1, max_length=2, description="A symbol shown beside the words (never alone).")
    meaning: str = Field(min_length=20, description="What the outcome means in practice, in plain language.")


SPEC = TableSpec(
    file="risk_outcomes.csv",
    row_model=RiskOutcome,
    description="One row per outcome of the checklist, ordered by `rank`. A teaching convention of this package, "
    "so it carries no citations; the rules that lead to each outcome are cited in `checklist.yaml`.",
    citation_columns=(),
)
