"""Schema of ``data/checklist.yaml``: the questions of the side-effect risk checklist and what a yes means."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import (
    KEY_PATTERN,
    CheckedOn,
    CitationKeys,
    ForeignKey,
    Jurisdiction,
    Row,
    ShownVerification,
    TableSpec,
    TextList,
)

#: The kinds of source a checklist rule can rest on, strongest first.
EvidenceKind = Literal[
    "device labelling", "regulation", "systematic review", "study", "case reports", "expert review",
    "manufacturer or clinic convention",
]


class ChecklistItem(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Question id, used in answers and vignettes.")
    label: str = Field(min_length=3, max_length=45, description="Short name shown beside the yes/no/unknown buttons.")
    question: str = Field(min_length=10, description="The question as asked of the person.")
    explanation: str = Field(min_length=10, description="What counts as a yes, in plain language.")
    category: Literal["contraindication", "precaution", "risk_factor", "information"] = Field(
        description="Group in the checklist: contraindication, precaution, risk factor or information."
    )
    outcome_if_yes: str = Field(description="Outcome a yes leads to (a key in `risk_outcomes.csv`).")
    side_effects: TextList = Field(
        default=(), description="Side effects a yes makes more likely (keys in `side_effects.csv`); may be empty."
    )
    rationale: str = Field(min_length=40, description="Why a yes matters: the mechanism and what the sources say.")
    evidence_kind: EvidenceKind = Field(description="The strongest kind of source behind the rule.")
    disagreement: str | None = Field(None, description="Where sources disagree about this rule, if they do.")
    citations: CitationKeys = Field(description="Sources of the rule (`;`-separated keys).")
    verification: ShownVerification = Field(description="How the rule was checked against those sources.")
    jurisdiction: Jurisdiction = Field("any", description="Where the rule comes from: `any` for rules that do not "
                                       "rest on one country's regulator; otherwise the country (e.g. `US` for a "
                                       "rule taken from what the FDA has authorised).")
    checked_on: CheckedOn = Field(description="Date the rule was last checked against its sources (ISO date).")


SPEC = TableSpec(
    file="checklist.yaml",
    row_model=ChecklistItem,
    description="One entry per checklist question: the question, its category, the outcome a yes leads to, the "
    "side effects it makes more likely, the rationale and its sources. Teaching material, not a clinical tool.",
    foreign_keys=(
        ForeignKey("outcome_if_yes", "risk_outcomes"),
        ForeignKey("side_effects", "side_effects"),
    ),
)
