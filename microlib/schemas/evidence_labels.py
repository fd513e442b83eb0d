"""Schema of ``data/evidence_labels.csv``: what each rating word in the lessons means (the evidence-labels card).

Six rating vocabularies meet in the lessons. Each has one *family* row (``value`` empty) saying what it rates and
where students meet it, then one row per value. The allowed values are not repeated here: they are read from the
schemas that define them, so the card cannot drift from the data. Two families keep their meanings in their own
tables and have only a family row: the evidence levels (``evidence_levels.csv``) and the checklist outcomes
(``risk_outcomes.csv``).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, model_validator

from .aftercare import AftercareStep
from .checklist import EvidenceKind
from .claims import VERDICTS, OptionalList
from .common import KEY_PATTERN, Row, ShownVerification, TableSpec
from .conditions import Condition
from .references import SourceKind

Family = Literal[
    "verification", "source_type", "evidence_level", "condition_verdict", "claim_verdict", "evidence_kind",
    "aftercare_kind", "outcome",
]
FAMILIES: tuple[str, ...] = get_args(Family)

#: The values each family allows, taken from the schemas that define them (``None``: the meanings live in
#: another data table, so only the family row belongs here).
ALLOWED_VALUES: dict[str, tuple[str, ...] | None] = {
    "verification": get_args(ShownVerification),
    "source_type": get_args(SourceKind),
    "evidence_level": None,
    "condition_verdict": get_args(Condition.model_fields["verdict"].annotation),
    "claim_verdict": VERDICTS,
    "evidence_kind": get_args(EvidenceKind),
    "aftercare_kind": get_args(AftercareStep.model_fields["evidence_kind"].annotation),
    "outcome": None,
}


class EvidenceLabel(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the row.")
    family: Family = Field(description="Which rating vocabulary the row belongs to: " + ", ".join(FAMILIES) + ".")
    value: str | None = Field(None, description="The value as written in the data; empty for the family row.")
    name: str = Field(min_length=3, description="What students read: the family's name, or the value in words.")
    meaning: str = Field(min_length=15,
                         description="What it rates (family row) or what the value means, in plain words.")
    where: str | None = Field(None, description="Family row only: where students meet this vocabulary.")
    basis: Literal["package convention", "published scale"] = Field(
        description="Whether the vocabulary is this package's own convention or a published scale (then cited)."
    )
    citations: OptionalList = Field(default=(), description="Sources for a published scale (`;`-separated keys).")
    verification: ShownVerification | None = Field(None, description="How a cited meaning was checked.")

    @model_validator(mode="after")
    def _consistent(self) -> EvidenceLabel:
        allowed = ALLOWED_VALUES[self.family]
        if self.value is None and not self.where:
            raise ValueError("a family row (empty value) needs `where`: the lessons where students meet it")
        if self.value is not None:
            if allowed is None:
                raise ValueError(f"family {self.family!r} keeps its values in its own table; only its family row "
                                 "(empty value) belongs here")
            if self.value not in allowed:
                raise ValueError(f"value for family {self.family!r} from: {', '.join(allowed)}")
        if self.basis == "published scale" and not (self.citations and self.verification):
            raise ValueError("a published scale needs citations and a verification label")
        if self.citations and not self.verification:
            raise ValueError("cited rows need a verification label")
        return self


SPEC = TableSpec(
    file="evidence_labels.csv",
    row_model=EvidenceLabel,
    description="The rating words of the lessons (verification label, source type, evidence level, condition and "
    "claim verdicts, evidence kinds, checklist outcomes): one family row each, then one row per value.",
)
