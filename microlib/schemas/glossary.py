"""Schema of ``data/glossary.csv``: the terms every lesson uses, defined in the package's own words."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import KEY_PATTERN, CitationKeys, Row, ShownVerification, TableSpec


class GlossaryTerm(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the term.")
    term: str = Field(min_length=2, description="The term as students meet it.")
    definition: str = Field(min_length=20, description="Plain-language definition, written for this package.")
    topic: Literal["anatomy", "procedure", "healing", "evidence", "safety", "regulation"] = Field(
        description="Which part of the course the term belongs to."
    )
    citations: CitationKeys = Field(description="Sources the definition was checked against (`;`-separated keys).")
    verification: ShownVerification = Field(description="How the definition was checked against those sources.")


SPEC = TableSpec(
    file="glossary.csv",
    row_model=GlossaryTerm,
    description="One row per term, defined in our own words and checked against the cited sources.",
)
