"""Schema of ``data/regulation.csv``: how microneedling devices are regulated, one row per jurisdiction and rule.

Rules differ by country, so every row names its jurisdiction and the regulator's own page it was read on.
A row whose source has no entry in ``references.csv`` yet, or whose regulator page could not be read, is
``unverified``: it is kept so the gap is visible to maintainers, and it is never shown to students as data.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator

from .common import KEY_PATTERN, CheckedOn, Jurisdiction, Row, TableSpec, TextList, Verification


def _none_is_empty(value: object) -> object:
    return () if value is None else value


#: Citation keys that may be left blank, but only on an unverified row (checked below).
OptionalCitations = Annotated[TextList, BeforeValidator(_none_is_empty)]


class RegulationRow(Row):
    key: str = Field(pattern=KEY_PATTERN, description="Identifier of the row.")
    jurisdiction: Jurisdiction = Field(description="Where the rule applies (`US`, `EU`, `UK`, `Australia`).")
    regulator: str = Field(min_length=2, description="The body that sets or enforces the rule.")
    instrument: str = Field(min_length=5, description="The law, regulation, page or proposal the rule comes from.")
    status: str = Field(min_length=20, description="What applies to microneedling devices, in plain words.")
    device_class: str | None = Field(None, description="Risk class given to microneedling devices, where one "
                                     "is stated for them; empty when the source states none.")
    authorised_uses: str | None = Field(None, description="Uses the regulator has authorised devices for, "
                                        "where it lists them; empty when none are listed.")
    min_age_years: int | None = Field(None, ge=0, le=99, description="Lowest age (years) covered by the "
                                      "authorised uses; empty when the source states no age.")
    in_force: bool = Field(description="`true` for rules in force; `false` for proposals or consultations.")
    citations: OptionalCitations = Field(default=(), description="Sources (`;`-separated keys in "
                                         "`references.csv`); may be empty only on an unverified row.")
    source_url: str = Field(pattern=r"^https://", description="The regulator's own page the row was read on "
                            "(or, for a secondary row, the copy read).")
    verification: Verification = Field(description="How the row was checked; `unverified` rows are never shown.")
    checked_on: CheckedOn = Field(description="Date the row was last checked against its source (ISO date).")
    note: str | None = Field(None, description="What was and was not read; what is missing.")

    @model_validator(mode="after")
    def _shown_rows_are_cited(self) -> RegulationRow:
        if self.verification != "unverified" and not self.citations:
            raise ValueError(f"a citation key for a row marked {self.verification!r} (or mark it 'unverified', "
                             "which keeps it out of what students see)")
        return self


SPEC = TableSpec(
    file="regulation.csv",
    row_model=RegulationRow,
    description="One row per jurisdiction and rule: how microneedling devices are regulated in the US, the EU, "
    "the UK and Australia, each read on the regulator's own page. Rows marked `unverified` are never shown.",
)
