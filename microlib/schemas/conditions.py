"""Schema of ``data/conditions.csv``: every condition microneedling is marketed for, with the evidence verdict."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .common import KEY_PATTERN, CitationKeys, Row, ShownVerification, TableSpec, TextList

#: Skin layers a condition can live in (the names notebook 01 uses).
SKIN_LAYERS = ("epidermis", "papillary dermis", "reticular dermis", "subcutis", "hair follicle")


class Condition(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the condition.")
    name: str = Field(min_length=3, description="Plain-language name.")
    what_it_is: str = Field(min_length=20, description="What the condition is, in our own words.")
    skin_layers: TextList = Field(description="Layer(s) where it lives (`;`-separated): " + ", ".join(SKIN_LAYERS))
    trial_status: Literal["trials found", "radiofrequency microneedling only", "no trial found"] = Field(
        description="Whether any study of plain microneedling was found; `no trial found` is the explicit marker.")
    typical_protocol: str = Field(min_length=3, description="Protocol range seen in the studies, in words.")
    verdict: Literal["good", "moderate", "limited", "none"] = Field(
        description="Plain-language verdict on the evidence for plain microneedling.")
    verdict_reason: str = Field(min_length=20, description="Why that verdict, in one or two sentences.")
    us_cleared: Literal["yes", "partly", "no"] = Field(
        description="Whether a US-authorised microneedling device is authorised for this use.")
    us_cleared_note: str = Field(min_length=10, description="What the authorisation covers and does not.")
    alternatives: str = Field(min_length=3, description="Comparators and alternatives named in the cited studies.")
    citations: CitationKeys = Field(description="Sources for the row (`;`-separated keys).")
    verification: ShownVerification = Field(description="How the row was checked against those sources.")
    note: str | None = Field(None, description="Caveats, e.g. that layer assignment is standard anatomy.")

    @field_validator("skin_layers")
    @classmethod
    def _known_layers(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("at least one skin layer is required")
        unknown = [v for v in value if v not in SKIN_LAYERS]
        if unknown:
            raise ValueError(f"skin_layers {unknown} not in the allowed layers: {', '.join(SKIN_LAYERS)}")
        return value


SPEC = TableSpec(
    file="conditions.csv",
    row_model=Condition,
    description="One row per condition that microneedling is claimed to treat, with its skin layer, the protocol "
    "range seen in studies, a plain-language evidence verdict and what US device authorisation covers.",
)
