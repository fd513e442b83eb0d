"""Tables made for reading: the one way a table is shown to a student, in lessons and inside widget apps.

A raw ``DataFrame`` repr cuts cell text at 50 characters, shows a column of row numbers and prints as many
decimals as the float holds. :func:`student_table` turns tidy data into a :class:`StudentTable` that renders
as a plain HTML table: every cell in full, no index column, human column labels, numbers rounded to what the
source supports, and a caption. It imports no display library: notebooks show it through its
``_repr_html_`` and apps put ``.html`` into an ``ipywidgets.HTML``.

Example
-------
>>> import pandas as pd
>>> t = student_table(pd.DataFrame({"site": ["forehead"], "mm": [1.23456]}),
...                   labels={"site": "Site", "mm": "Dermis (mm)"}, decimals={"mm": 2}, caption="Table 1.")
>>> "1.23" in t.html and "1.2346" not in t.html
True
>>> '<th style="text-align: left">Site</th>' in t.html
True
"""

from __future__ import annotations

import html
import math
import re
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["TABLE_CLASS", "StudentTable", "student_table"]

TABLE_CLASS = "microlib-table"
_TAGS = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class StudentTable:
    """A table rendered for students; ``html`` is the full markup, ``text`` a plain-text fallback."""

    html: str
    text: str
    columns: tuple[str, ...]
    n_rows: int

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text


def _format_cell(value: object, decimals: int | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        if math.isnan(value):
            return "—"
        if decimals is not None:
            return f"{value:,.{decimals}f}" if abs(value) >= 10_000 else f"{value:.{decimals}f}"
        return f"{value:g}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    pandas = sys.modules.get("pandas")  # only a DataFrame's cells can be pandas NA / NaT, and then pandas is loaded
    try:
        if pandas is not None and pandas.isna(value):
            return "—"
    except (TypeError, ValueError):
        pass
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _columns_and_records(frame: pd.DataFrame | Sequence[Mapping[str, object]]
                         ) -> tuple[list[str], list[tuple[object, ...]], set[str]]:
    """Column names, rows as tuples and the numeric columns of a DataFrame or of a list of row dicts."""
    if hasattr(frame, "columns"):  # a DataFrame
        import pandas

        columns = [str(c) for c in frame.columns]
        numeric = {c for c in columns if pandas.api.types.is_numeric_dtype(frame[c].dtype)}
        return columns, list(frame.itertuples(index=False, name=None)), numeric
    rows = list(frame)
    columns = list(rows[0]) if rows else []
    for number, row in enumerate(rows, start=1):
        if list(row) != columns:
            raise KeyError(f"student_table: row {number} has keys {list(row)}; every row needs {columns}")
    numeric = {c for c in columns
               if rows and all(_is_number(r[c]) or r[c] is None for r in rows) and any(_is_number(r[c]) for r in rows)}
    return columns, [tuple(r[c] for c in columns) for r in rows], numeric


def student_table(
    frame: pd.DataFrame | Sequence[Mapping[str, object]],
    *,
    labels: Mapping[str, str] | None = None,
    decimals: Mapping[str, int] | None = None,
    caption: str | None = None,
    columns: Sequence[str] | None = None,
    html_columns: Sequence[str] = (),
) -> StudentTable:
    """Render ``frame`` for reading: full cell text, no index, human labels, rounded numbers, a caption.

    Parameters
    ----------
    frame:
        Tidy data: a DataFrame (its index is ignored; reset it first if it carries information) or a list of
        row dicts with the same keys in the same order (pandas is then not needed).
    labels:
        Column name → header shown to students. Columns without a label keep their name, so give every
        column a label in lesson code (a test rejects ``snake_case`` headers in stored outputs).
    decimals:
        Column name → number of decimals to show (round to what the source supports).
    caption:
        Shown above the table, e.g. ``"Table 2. Dermis thickness (mm) by site (Meng 2022)."``
    columns:
        Columns to show, in this order (default: all, in frame order).
    html_columns:
        Columns whose cells are already safe HTML (e.g. a link); all other cells are escaped.

    Raises
    ------
    KeyError
        A name in ``columns``, ``labels``, ``decimals`` or ``html_columns`` is not a column of ``frame``;
        the message lists the columns that exist.
    """
    labels = dict(labels or {})
    decimals = dict(decimals or {})
    available, records, numeric_columns = _columns_and_records(frame)
    shown = list(columns) if columns is not None else available
    for name, given in (("columns", shown), ("labels", labels), ("decimals", decimals),
                        ("html_columns", html_columns)):
        unknown = [c for c in given if c not in available]
        if unknown:
            raise KeyError(f"student_table({name}=...): unknown column(s) {unknown}; the table has {available}")
    headers = [labels.get(c, c) for c in shown]
    # Text reads best left-aligned and numbers right-aligned; JupyterLab's default right-aligns everything.
    numeric = {c for c in shown if c in decimals or c in numeric_columns}
    align = {c: "right" if c in numeric else "left" for c in shown}
    rows = []
    text_rows = []
    positions = [available.index(c) for c in shown]
    for full_record in records:
        record = tuple(full_record[i] for i in positions)
        cells = []
        text_cells = []
        for column, value in zip(shown, record, strict=True):
            shown_value = _format_cell(value, decimals.get(column))
            text_cells.append(_TAGS.sub("", shown_value) if column in html_columns else shown_value)
            cells.append(shown_value if column in html_columns else html.escape(shown_value))
        rows.append("<tr>" + "".join(f'<td style="text-align: {align[c]}">{v}</td>'
                                     for c, v in zip(shown, cells, strict=True)) + "</tr>")
        text_rows.append(" | ".join(text_cells))
    caption_html = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    markup = (
        f'<table class="{TABLE_CLASS}">{caption_html}<thead><tr>'
        + "".join(f'<th style="text-align: {align[c]}">{html.escape(h)}</th>'
                  for c, h in zip(shown, headers, strict=True))
        + "</tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )
    text = "\n".join(([caption] if caption else []) + [" | ".join(headers)] + text_rows)
    return StudentTable(html=markup, text=text, columns=tuple(headers), n_rows=len(rows))
