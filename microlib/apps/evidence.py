"""Condition explorer: pick a claimed use, read its evidence card, its studies and a chart of them.

Controls: condition, design group, minimum participants, verified-only, radiofrequency on/off, sort order.
Every change re-runs the pure functions in :mod:`microlib.evidence` and updates the card, the table (drawn by
:func:`microlib.tables.student_table`) and the ``FigureWidget`` in place (built and updated only by
:mod:`microlib.plots.evidence`; one ``batch_update``, never re-displayed).
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from ..evidence import (
    DESIGN_GROUPS,
    condition_card_html,
    filter_studies,
    load_conditions,
    load_studies,
    sort_studies,
    studies_table,
    summarise_condition,
)
from ..plots.evidence import studies_figure, update_studies_figure
from .figure import FigureWidget

ALL_DESIGNS = "all designs"
SORT_OPTIONS = [("strongest level first", "level"), ("newest first", "year"), ("largest first", "size")]


@dataclass
class EvidenceApp:
    """The controls, the views they drive, and the root box to display."""

    condition: widgets.Dropdown
    design: widgets.Dropdown
    min_n: widgets.IntSlider
    verified_only: widgets.Checkbox
    radiofrequency: widgets.Checkbox
    sort_by: widgets.Dropdown
    card: widgets.HTML
    table: widgets.HTML
    figure: FigureWidget
    widget: widgets.VBox
    studies: pd.DataFrame
    conditions: pd.DataFrame

    def current_rows(self) -> pd.DataFrame:
        """The study rows the controls select, in display order."""
        groups = None if self.design.value == ALL_DESIGNS else [self.design.value]
        rows = filter_studies(self.studies, self.condition.value, design_groups=groups, min_n=self.min_n.value,
                              verified_only=self.verified_only.value,
                              include_radiofrequency=self.radiofrequency.value)
        return sort_studies(rows, self.sort_by.value)

    def refresh(self, _change: object = None) -> None:
        """Recompute and redraw the card, the table and the figure from the current control values."""
        rows = self.current_rows()
        condition = self.conditions.set_index("key").loc[self.condition.value]
        condition = condition.copy()
        condition["key"] = self.condition.value
        summary = summarise_condition(self.studies, self.condition.value)
        self.card.value = condition_card_html(condition, summary, shown=len(rows))
        self.table.value = _table_html(rows, str(condition["name"]))
        update_studies_figure(self.figure, rows, str(condition["name"]))


def _table_html(rows: pd.DataFrame, name: str) -> str:
    if rows.empty:
        return ('<p class="mn-evidence-empty"><b>No study matches these filters.</b> '
                "Loosen a filter, or read the card above: no study is itself a result.</p>")
    caption = (f"Studies of {name.lower()} that pass the filters ({len(rows)} results; "
               "a study can report more than one).")
    table = studies_table(rows, caption=caption)
    return '<div class="mn-evidence-table">' + table.html + "</div>"


def build_evidence_app(initial: str = "acne_scars") -> EvidenceApp:
    """Build the condition explorer showing ``initial`` (a key of ``conditions.csv``) first."""
    studies = load_studies()
    conditions = load_conditions()
    keys = list(conditions["key"])
    if initial not in keys:
        raise ValueError(f"initial={initial!r} is not a condition; choose one of: {', '.join(keys)}")
    wide = {"description_width": "initial"}
    condition = widgets.Dropdown(options=list(zip(conditions["name"], keys, strict=True)), value=initial,
                                 description="Condition:", style=wide, layout=widgets.Layout(width="30rem"))
    design = widgets.Dropdown(options=[ALL_DESIGNS, *DESIGN_GROUPS], value=ALL_DESIGNS, description="Design:",
                              style=wide, layout=widgets.Layout(width="22rem"))
    min_n = widgets.IntSlider(value=0, min=0, max=200, step=10, description="Minimum participants (people):",
                              style=wide, continuous_update=False, layout=widgets.Layout(width="30rem"))
    verified_only = widgets.Checkbox(value=False, description="Only studies we read in the original",
                                     style=wide, indent=False)
    radiofrequency = widgets.Checkbox(value=True, description="Include radiofrequency microneedling (other technology)",
                                      style=wide, indent=False)
    sort_by = widgets.Dropdown(options=SORT_OPTIONS, value="level", description="Sort:", style=wide)
    card = widgets.HTML()
    card.add_class("mn-evidence")
    table = widgets.HTML()
    table.add_class("mn-evidence-studies")
    figure = FigureWidget(studies_figure())
    controls = widgets.VBox([condition, widgets.HBox([design, sort_by]), min_n,
                             widgets.HBox([verified_only, radiofrequency])])
    app = EvidenceApp(condition=condition, design=design, min_n=min_n, verified_only=verified_only,
                      radiofrequency=radiofrequency, sort_by=sort_by, card=card, table=table, figure=figure,
                      widget=widgets.VBox([controls, card, table, figure]), studies=studies, conditions=conditions)
    for control in (condition, design, min_n, verified_only, radiofrequency, sort_by):
        control.observe(app.refresh, names="value")
    app.refresh()
    return app


__all__ = ["EvidenceApp", "build_evidence_app"]
