"""Field types and the base row model shared by every table schema.

Every table in ``data/`` is declared by a :class:`TableSpec` whose rows are validated by a pydantic
model derived from :class:`Row`. CSV cells arrive as text; empty cells become ``None`` so that optional
fields stay optional and required ones fail loudly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, model_validator

#: How a value was checked, as written in every data row (see README, "Where the data comes from").
Verification = Literal["primary", "secondary", "commercial", "unverified"]
#: For tables whose rows are shown to students as data: an unverified value is never shown, so it cannot load.
ShownVerification = Literal["primary", "secondary", "commercial"]
VERIFICATION_MEANING: dict[str, str] = {
    "primary": "read in the primary source (publisher, PubMed, regulator or the device label itself)",
    "secondary": "read in a secondary copy (a mirror, a reproduction or a news summary of the source)",
    "commercial": "read in commercial material (manufacturer, clinic or spa page): shows practice, not evidence",
    "unverified": "not confirmed against a readable source: never shown to students as data",
}


def _split_keys(value: Any) -> Any:
    """Turn ``"a; b"`` into ``("a", "b")``; leave lists and tuples alone."""
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(";") if part.strip())
    return value


def _require_one(keys: tuple[str, ...]) -> tuple[str, ...]:
    if not keys:
        raise ValueError("at least one citation key is required")
    return keys


#: One or more citation keys, written in CSV as ``key1; key2``. Each must resolve in references.csv.
CitationKeys = Annotated[tuple[str, ...], BeforeValidator(_split_keys), AfterValidator(_require_one)]
#: A ``;``-separated list of short strings (may be empty).
TextList = Annotated[tuple[str, ...], BeforeValidator(_split_keys)]


def _not_before_project(value: date) -> date:
    if value < date(2020, 1, 1):
        raise ValueError("a date from 2020-01-01 on (the project's sources were read from then)")
    return value


#: The date a row was last checked against its source (ISO ``YYYY-MM-DD``). Only a check really done counts:
#: rows not re-read keep the date of their previous check (from the project's history), never today's date.
CheckedOn = Annotated[date, AfterValidator(_not_before_project)]


#: Where a rule applies. ``any`` means the rule does not come from one country's law or regulator.
Jurisdiction = Literal["any", "US", "EU", "UK", "Australia"]
JURISDICTION_NAMES: dict[str, str] = {
    "any": "not tied to one country",
    "US": "United States",
    "EU": "European Union",
    "UK": "United Kingdom",
    "Australia": "Australia",
}

#: A lowercase identifier: letters, digits and underscores, starting with a letter.
KEY_PATTERN = r"^[a-z][a-z0-9_]*$"


class Row(BaseModel):
    """Base for a validated table row: unknown columns are errors, blank cells are missing values."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @model_validator(mode="before")
    @classmethod
    def _blank_cells_are_missing(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: (None if isinstance(v, str) and v.strip() == "" else v) for k, v in data.items()}
        return data


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values must appear in a column of another table."""

    column: str
    table: str
    target_column: str = "key"


@dataclass(frozen=True)
class TableSpec:
    """The declared schema of one data file.

    Parameters
    ----------
    file:
        File name inside ``data/`` (``.csv`` or ``.yaml``).
    row_model:
        Pydantic model every row must satisfy.
    description:
        What one row is, for the data dictionary.
    key:
        Columns whose combined value must be unique across rows.
    citation_columns:
        Columns holding citation keys that must resolve in ``references.csv``.
    foreign_keys:
        Other cross-table links to check.
    """

    file: str
    row_model: type[Row]
    description: str
    key: tuple[str, ...] = ("key",)
    citation_columns: tuple[str, ...] = ("citations",)
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def name(self) -> str:
        """Table name: the file name without its extension."""
        return self.file.rsplit(".", 1)[0]

    @property
    def columns(self) -> list[str]:
        """Declared column names, in declaration order."""
        return list(self.row_model.model_fields)
