"""The apps' figure widget: plotly.js travels as data and is evaluated once per page (issue 9)."""

from __future__ import annotations

import ast
from pathlib import Path

import plotly.graph_objects as go

from microlib.apps import figure
from microlib.apps.figure import FigureWidget

APPS = Path(figure.__file__).resolve().parent


def test_the_widget_opens_with_plotly_code_in_its_state_and_a_small_module() -> None:
    widget = FigureWidget(go.Figure(go.Bar(x=["a"], y=[1])))
    state = widget.get_state()
    # The code must be in the opening state: anywidget holds later messages back until initialisation ends.
    assert state["_plotly_bundle"] == figure.plotly_bundle()
    assert len(state["_plotly_bundle"]) > 1_000_000
    assert len(state["_esm"]) < 2_000
    assert "_plotly_bundle" in state["_esm"] and "globalThis" in state["_esm"]


def test_it_is_still_a_plotly_figure_widget_that_updates_in_place() -> None:
    widget = FigureWidget(go.Figure(go.Bar(x=["a"], y=[1])))
    assert isinstance(widget, go.FigureWidget)
    with widget.batch_update():
        widget.data[0].y = [3]
    assert list(widget.data[0].y) == [3]


def test_every_app_creates_its_figures_through_the_shared_widget() -> None:
    """No app may create plotly's own FigureWidget: each would carry and re-evaluate plotly.js on its own."""
    offenders = []
    for path in sorted(APPS.glob("*.py")):
        if path.name == "figure.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "FigureWidget":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == [], f"use microlib.apps.figure.FigureWidget instead of go.FigureWidget at {offenders}"


def test_the_depth_explorer_uses_the_shared_widget() -> None:
    from microlib.apps.mechanism import build_depth_app

    app = build_depth_app(needle_mm=1.0, site="forehead", sex="female", penetration=0.5)
    assert isinstance(app.figure, FigureWidget)
