"""Schema of ``data/references.csv``: every source a number, claim or rule in the package cites."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import KEY_PATTERN, Row, TableSpec, Verification

SourceKind = Literal["primary", "review", "secondary copy", "commercial", "regulatory"]


class Reference(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Citation key used by every other table, e.g. `lotfi2013`.")
    authors: str = Field(min_length=2, description="Authors as published (first author et al. for long lists).")
    year: int = Field(ge=1950, le=2026, description="Year of publication or of the page version read.")
    title: str = Field(min_length=3, description="Title of the article, label, regulation or web page.")
    journal: str | None = Field(None, description="Journal, publisher or site; empty for a regulation.")
    doi: str | None = Field(None, pattern=r"^10\.\d{4,9}/\S+$", description="DOI without the https prefix.")
    pmid: int | None = Field(None, ge=1, description="PubMed identifier, where one was seen.")
    url: str | None = Field(None, pattern=r"^https?://\S+$", description="Address where the text was read.")
    source_kind: SourceKind = Field(description="What kind of source this is.")
    verification: Verification = Field(
        description="How the reference itself was checked: read at the primary source, in a secondary copy, "
        "in commercial material, or not confirmed (unverified)."
    )
    note: str | None = Field(None, description="What was and was not readable; caveats.")


SPEC = TableSpec(
    file="references.csv",
    row_model=Reference,
    description="One row per source cited anywhere in the package.",
    citation_columns=(),
)
