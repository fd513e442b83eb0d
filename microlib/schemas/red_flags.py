"""Schema of ``data/red_flags.csv``: signals that a health text is advertising rather than information."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from .claims import ARTICLES, OptionalList
from .common import KEY_PATTERN, Row, ShownVerification, TableSpec


def _known_articles(codes: tuple[str, ...]) -> tuple[str, ...]:
    unknown = [c for c in codes if c not in ARTICLES]
    if unknown:
        raise ValueError(f"article codes from {', '.join(ARTICLES)} (unknown: {', '.join(unknown)})")
    return codes


class RedFlag(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the signal, used by `claims.csv`.")
    signal: str = Field(min_length=5, description="Short name of the signal, as shown to students.")
    looks_like: str = Field(min_length=20, description="What the signal looks like in a text (our own example).")
    why_it_matters: str = Field(min_length=20, description="Why it should lower a reader's trust.")
    how_to_check: str = Field(min_length=10, description="A question the reader can ask to check it.")
    seen_in: Annotated[OptionalList, AfterValidator(_known_articles)] = Field(
        default=(),
        description="Which of the four articles show it (`000`–`003`); empty when it is a general signal."
    )
    basis: Literal["observed", "literature"] = Field(
        description="`observed`: a feature of the page itself, seen in the articles; "
        "`literature`: why it misleads is shown by the cited sources."
    )
    citations: OptionalList = Field(
        default=(), description="Sources showing why the signal misleads (required when basis is literature).")
    verification: ShownVerification = Field(description="How the decisive source (or the article itself) was read.")

    @model_validator(mode="after")
    def _literature_needs_sources(self) -> RedFlag:
        if self.basis == "literature" and not self.citations:
            raise ValueError("at least one citation key when basis is 'literature'")
        if self.basis == "observed" and not self.seen_in:
            raise ValueError("the articles it was observed in (seen_in) when basis is 'observed'")
        return self


SPEC = TableSpec(
    file="red_flags.csv",
    row_model=RedFlag,
    description="One row per advertorial signal for the 'spot the red flags' exercise in notebook 04.",
)
