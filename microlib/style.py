"""The one shared look of every figure and widget, and the projector switch for trainers.

Figures use a colour-blind-safe palette (Okabe & Ito) and never rely on colour alone: builders also vary
markers, dashes or labels. Call :func:`set_projector` before building figures to get larger fonts for a
classroom projector.

Builders describe a figure as plain dicts and make it with :func:`figure`, which builds the ``go.Figure`` in one
step: plotly still checks every property, but once, instead of re-checking every earlier annotation and shape
each time one is added. :func:`styled` gives a figure that already exists the same look.

Example
-------
>>> import plotly.graph_objects as go
>>> from microlib.style import styled
>>> fig = styled(go.Figure(), title="Depth reached", x_title="needle length (mm)", y_title="depth (mm)")
>>> fig.layout.xaxis.title.text
'needle length (mm)'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import plotly.graph_objects as go

#: Okabe–Ito colour-blind-safe palette (black last, for reference lines).
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000")
#: Marker symbols and dash styles to pair with colours, so series differ without colour too.
SYMBOLS = ("circle", "square", "diamond", "triangle-up", "cross", "x", "star", "hexagon")
DASHES = ("solid", "dash", "dot", "dashdot", "longdash", "longdashdot")


@dataclass(frozen=True)
class Look:
    """Font sizes and line widths for one display setting."""

    font_size: int
    title_size: int
    line_width: float
    marker_size: int


SCREEN = Look(font_size=13, title_size=17, line_width=2.0, marker_size=8)
PROJECTOR = Look(font_size=20, title_size=26, line_width=3.5, marker_size=12)

_current: Look = SCREEN


def set_projector(on: bool = True) -> None:
    """Switch every figure built from now on to large, projector-friendly fonts (or back with ``on=False``)."""
    global _current
    _current = PROJECTOR if on else SCREEN


def projector_on() -> bool:
    """True while the projector look is active."""
    return _current is PROJECTOR


def current_look() -> Look:
    """The active :class:`Look` (screen or projector)."""
    return _current


def widget_css(look: Look | None = None) -> str:
    """CSS that sizes widget labels, controls and the lessons' HTML panels for ``look`` (default: the active one)."""
    look = look or _current
    return (
        "<style>"
        f".jupyter-widgets, .widget-label, .widget-readout, .widget-inline-hbox .widget-label, "
        f".widget-dropdown select, .widget-toggle-buttons .widget-toggle-button, .widget-button, "
        f".widget-radio-box label, .widget-checkbox label, .widget-html-content "
        f"{{font-size: {look.font_size}px !important; line-height: 1.4;}}"
        "</style>"
    )


def _template_layout(look: Look) -> dict[str, Any]:
    axis = dict(showline=True, linecolor="#444", ticks="outside", gridcolor="#e5e5e5", zeroline=False,
                title_font_size=look.font_size, tickfont_size=look.font_size)
    return dict(
        font=dict(family="Arial, Helvetica, sans-serif", size=look.font_size, color="#222"),
        title=dict(font_size=look.title_size, x=0.0, xanchor="left"),
        colorway=list(PALETTE),
        paper_bgcolor="white",
        plot_bgcolor="white",
        xaxis=axis,
        yaxis=axis,
        legend=dict(font_size=look.font_size),
        margin=dict(l=70, r=30, t=70, b=60),
        hoverlabel=dict(font_size=look.font_size),
    )


def template(look: Look | None = None) -> go.layout.Template:
    """A small plotly template: white background, the palette, readable fonts.

    It replaces plotly's default template instead of adding to it, so stored figures stay small.
    """
    return go.layout.Template(layout=_template_layout(look or _current))


def merged(*layers: Mapping[str, Any]) -> dict[str, Any]:
    """Nested dicts merged left to right, as plotly's ``update`` merges them: later values win, dicts merge by key.

    >>> merged({"margin": {"l": 20, "r": 30}}, {"margin": {"r": 8}, "height": 400})
    {'margin': {'l': 20, 'r': 8}, 'height': 400}
    """
    out: dict[str, Any] = {}
    for layer in layers:
        for key, value in layer.items():
            before = out.get(key)
            out[key] = merged(before, value) if isinstance(value, Mapping) and isinstance(before, Mapping) else value
    return out


def figure(data: Iterable[Mapping[str, Any]], layout: Mapping[str, Any] | None = None, *, title: str,
           x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """Build a styled figure once from plain dicts: what :func:`styled` gives, then ``layout`` on top.

    ``data`` holds one dict per trace (with its ``type``); axis titles go on every x (or y) axis in ``layout``.
    """
    layout = dict(layout or {})
    base: dict[str, Any] = {"template": {"layout": _template_layout(_current)}, "title": {"text": title}}
    for axis, text in (("xaxis", x_title), ("yaxis", y_title)):
        if text is not None:
            for key in [axis, *(k for k in layout if k.startswith(axis) and k != axis)]:
                base[key] = {"title": {"text": text}}
    return go.Figure(data=list(data), layout=merged(base, layout))


def column_subplots(row_heights: Sequence[float], *, vertical_spacing: float, titles: Sequence[str] | None = None,
                    shared_xaxes: bool = False) -> dict[str, Any]:
    """Layout of panels stacked in one column, top first: what plotly's ``make_subplots`` gives, without its figure.

    ``row_heights`` are relative; ``vertical_spacing`` is a fraction of the plot height. Panel ``k`` (from 1) uses
    axes ``xk``/``yk`` (``x``/``y`` for the first). ``shared_xaxes`` makes every x axis follow the bottom one and
    hides the upper tick labels; ``titles`` go above the panels. The arithmetic is plotly's, step for step.

    >>> column_subplots([1, 1], vertical_spacing=0.1)["yaxis"]
    {'domain': [0.55, 1.0], 'anchor': 'x'}
    """
    rows = len(row_heights)
    total = float(sum(row_heights))
    heights = [(1.0 - vertical_spacing * (rows - 1)) * (h / total) for h in row_heights][::-1]  # bottom first
    layout: dict[str, Any] = {}
    notes = []
    for r in range(rows):
        start = sum(heights[:rows - 1 - r]) + (rows - 1 - r) * vertical_spacing
        y_domain = [_snap(start + 0.0), _snap(start + heights[-1 - r] - 0.0)]
        n = "" if r == 0 else r + 1
        layout[f"xaxis{n}"] = {"domain": [0.0, 1.0], "anchor": f"y{n}"}
        layout[f"yaxis{n}"] = {"domain": y_domain, "anchor": f"x{n}"}
        if titles and titles[r]:
            notes.append({"y": y_domain[1], "xref": "paper", "x": 0.5, "yref": "paper", "text": titles[r],
                          "showarrow": False, "font": {"size": 16}, "xanchor": "center", "yanchor": "bottom"})
    if shared_xaxes and rows > 1:
        for r in range(rows - 1):
            layout[f"xaxis{'' if r == 0 else r + 1}"].update(matches=f"x{rows}", showticklabels=False)
    if titles:
        layout["annotations"] = notes
    return layout


def _snap(edge: float) -> float:
    """An edge within 0.01 outside [0, 1] is rounding: put it on the boundary (as plotly does)."""
    return 0.0 if -0.01 < edge < 0.0 else 1.0 if 1.0 < edge < 1.01 else edge


def styled(fig: go.Figure, *, title: str, x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """Apply the shared template, a title and axis titles (with units) to ``fig``, in place; return it."""
    fig.update_layout(template=template(), title_text=title)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig
