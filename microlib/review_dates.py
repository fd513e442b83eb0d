"""When the evidence a lesson shows was last checked against its sources.

Every row of ``studies.csv``, ``checklist.yaml``, ``claims.csv`` and ``regulation.csv`` records ``checked_on``: the
date it was last compared with its source. A lesson shows some of those rows; :func:`evidence_last_reviewed`
gives a trainer the dates of the rows a lesson shows, so they can see how current the lesson is. A single date
means every row was checked that day; a range runs from the oldest check to the newest.

Which rows a lesson shows is declared once, in :data:`LESSON_ROWS`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from .loader import load_records

#: For each lesson: the tables whose rows it shows, each with a test saying which rows. Regulation rows marked
#: ``unverified`` are never shown, so they do not count.
LESSON_ROWS: dict[str, tuple[tuple[str, Callable[[Any], bool]], ...]] = {
    "00_start_here": (("claims", lambda r: r.notebook == "00_start_here"),),
    "01_collagen_induction": (("claims", lambda r: r.notebook == "01_collagen_induction"),),
    "02_conditions_compared": (
        ("studies", lambda r: True),
        ("regulation", lambda r: r.verification != "unverified"),
        ("claims", lambda r: r.notebook == "02_conditions_compared"),
    ),
    "03_side_effect_risk_checklist": (
        ("checklist", lambda r: True),
        ("claims", lambda r: r.notebook == "03_side_effect_risk_checklist"),
    ),
    "04_claims_vs_evidence": (("claims", lambda r: True),),
}

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _lesson_name(lesson: str) -> str:
    matches = [name for name in LESSON_ROWS if name == lesson or name.split("_", 1)[0] == lesson]
    if len(matches) != 1:
        allowed = ", ".join(f"{name.split('_', 1)[0]} ({name})" for name in LESSON_ROWS)
        raise ValueError(f"lesson={lesson!r} is not a lesson; expected one of {allowed}")
    return matches[0]


def _day(value: date) -> str:
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def describe_dates(dates: Iterable[date]) -> str:
    """Say in words when a set of rows was checked: one date, or the oldest and newest.

    Parameters
    ----------
    dates:
        The ``checked_on`` dates of the rows (at least one).

    Returns
    -------
    str
        ``"21 November 2026"`` when all rows share a date, otherwise
        ``"between 21 November 2026 and 1 December 2026"``.

    Example
    -------
    >>> describe_dates([date(2026, 12, 1), date(2026, 11, 21)])
    'between 21 November 2026 and 1 December 2026'
    """
    values = sorted(set(dates))
    if not values:
        raise ValueError("dates is empty; expected at least one checked_on date")
    if len(values) == 1:
        return _day(values[0])
    return f"between {_day(values[0])} and {_day(values[-1])}"


def review_dates(lesson: str, data_dir: Path | str | None = None) -> list[date]:
    """The ``checked_on`` dates of every row the lesson shows, oldest first (repeats kept).

    Parameters
    ----------
    lesson:
        The lesson number (``"02"``) or its full name (``"02_conditions_compared"``).
    data_dir:
        Another copy of ``data/`` (for tests); the package data by default.
    """
    name = _lesson_name(lesson)
    found: list[date] = []
    for table, shows in LESSON_ROWS[name]:
        found += [row.checked_on for row in load_records(table, data_dir) if shows(row)]
    return sorted(found)


def evidence_last_reviewed(lesson: str, data_dir: Path | str | None = None) -> str:
    """When the evidence shown in a lesson was last checked against its sources, in words.

    ``lesson`` and ``data_dir`` are as for :func:`review_dates`.

    Returns
    -------
    str
        One date, or the range from the oldest check to the newest, e.g.
        ``"between 21 November 2026 and 1 December 2026"``. A lesson lists it as
        "Evidence last reviewed: …".

    Example
    -------
    >>> evidence_last_reviewed("04")  # doctest: +SKIP
    '21 November 2026'
    """
    dates = review_dates(lesson, data_dir)
    if not dates:
        raise ValueError(f"lesson={lesson!r} shows no rows with a checked_on date")
    return describe_dates(dates)


@dataclass(frozen=True)
class ReviewNote:
    """The line a lesson shows above its references; Jupyter renders it as Markdown."""

    markdown: str

    def _repr_markdown_(self) -> str:
        return self.markdown

    def __repr__(self) -> str:
        return self.markdown


def review_note(lesson: str, data_dir: Path | str | None = None) -> ReviewNote:
    """"*Evidence last reviewed: …*" for a lesson, with what the date means.

    >>> review_note("04").markdown.startswith("**Evidence last reviewed:**")
    True
    """
    return ReviewNote(f"**Evidence last reviewed:** {evidence_last_reviewed(lesson, data_dir)} (the date each "
                      "study, checklist rule or claim shown in this lesson was last checked against its source).")
