"""Condition explorer: pick a claimed use, read its evidence card, its studies and a chart of them.

Controls: condition, design group, minimum participants, verified-only, radiofrequency on/off, sort order.
Every change re-runs the pure functions in :mod:`microlib.evidence` and updates the card, the table and the
``FigureWidget`` in place (one ``batch_update``, never re-displayed).
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
import plotly.graph_objects as go

from .. import style
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
from ..plots.evidence import GROUP_SYMBOLS

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
    figure: go.FigureWidget
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
        self.table.value = _table_html(rows)
        _draw(self.figure, rows, str(condition["name"]))


def _table_html(rows: pd.DataFrame) -> str:
    if rows.empty:
        return ('<p class="mn-evidence-empty"><b>No study matches these filters.</b> '
                "Loosen a filter, or read the card: a gap is a finding too.</p>")
    table = studies_table(rows)
    return '<div class="mn-evidence-table">' + table.to_html(index=False, escape=True, border=0) + "</div>"


def _labels(rows: pd.DataFrame) -> list[str]:
    triples = zip(rows["key"], rows["design"], rows["cebm_level"], strict=True)
    return [f"{k} ({d}, level {lvl})" for k, d, lvl in triples]


def _draw(fig: go.FigureWidget, rows: pd.DataFrame, name: str) -> None:
    labels = _labels(rows)
    sizes = [float(n) if not pd.isna(n) else 0.0 for n in rows["n"]]
    unknown = [label for label, n in zip(labels, rows["n"], strict=True) if pd.isna(n)]
    symbols = [GROUP_SYMBOLS[g] for g in rows["design"].map(
        lambda d: next(g for g, ds in DESIGN_GROUPS.items() if d in ds))]
    with fig.batch_update():
        fig.data[0].x = sizes
        fig.data[0].y = labels
        fig.data[0].text = [f"n={int(n)}" if n else "" for n in sizes]
        fig.data[1].x = [1.0] * len(unknown)
        fig.data[1].y = unknown
        fig.data[1].marker.symbol = "x"
        fig.data[2].x = sizes
        fig.data[2].y = labels
        fig.data[2].marker.symbol = symbols
        fig.layout.title.text = f"{name}: {len(rows)} study rows after filters"
        fig.layout.yaxis.categoryarray = labels[::-1]
        fig.layout.height = 180 + 28 * max(len(labels), 1)


def _empty_figure() -> go.FigureWidget:
    base = go.Figure()
    base.add_trace(go.Bar(x=[], y=[], orientation="h", name="participants (n)", textposition="outside",
                          marker=dict(color=style.PALETTE[0], line=dict(color="#222", width=1))))
    base.add_trace(go.Scatter(x=[], y=[], mode="markers", name="n not reported",
                              marker=dict(symbol="x", size=10, color="#222")))
    base.add_trace(go.Scatter(x=[], y=[], mode="markers", name="design (symbol)",
                              marker=dict(size=9, color="white", line=dict(color="#222", width=1.5))))
    style.styled(base, title="studies", x_title="participants analysed (n, log scale)", y_title=None)
    base.update_xaxes(type="log", range=[0, 3.5])
    base.update_yaxes(categoryorder="array")
    base.update_layout(margin=dict(l=330), legend=dict(orientation="h", y=-0.25), height=400)
    return go.FigureWidget(base)


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
    verified_only = widgets.Checkbox(value=False, description="Only rows checked in the primary source",
                                     style=wide, indent=False)
    radiofrequency = widgets.Checkbox(value=True, description="Include radiofrequency microneedling (other technology)",
                                      style=wide, indent=False)
    sort_by = widgets.Dropdown(options=SORT_OPTIONS, value="level", description="Sort:", style=wide)
    card = widgets.HTML()
    card.add_class("mn-evidence")
    table = widgets.HTML()
    table.add_class("mn-evidence-studies")
    figure = _empty_figure()
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
