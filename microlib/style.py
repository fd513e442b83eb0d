"""The one shared look of every figure and widget, and the projector switch for trainers.

Figures use a colour-blind-safe palette (Okabe & Ito) and never rely on colour alone: builders also vary
markers, dashes or labels. Call :func:`set_projector` before building figures to get larger fonts for a
classroom projector.

Example
-------
>>> import plotly.graph_objects as go
>>> from microlib.style import styled
>>> fig = styled(go.Figure(), title="Depth reached", x_title="needle length (mm)", y_title="depth (mm)")
>>> fig.layout.xaxis.title.text
'needle length (mm)'
"""

from __future__ import annotations

from dataclasses import dataclass

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


def template(look: Look | None = None) -> go.layout.Template:
    """A small plotly template: white background, the palette, readable fonts.

    It replaces plotly's default template instead of adding to it, so stored figures stay small.
    """
    look = look or _current
    axis = dict(showline=True, linecolor="#444", ticks="outside", gridcolor="#e5e5e5", zeroline=False,
                title_font_size=look.font_size, tickfont_size=look.font_size)
    return go.layout.Template(
        layout=dict(
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
    )


def styled(fig: go.Figure, *, title: str, x_title: str | None = None, y_title: str | None = None) -> go.Figure:
    """Apply the shared template, a title and axis titles (with units) to ``fig``, in place; return it."""
    fig.update_layout(template=template(), title_text=title)
    if x_title is not None:
        fig.update_xaxes(title_text=x_title)
    if y_title is not None:
        fig.update_yaxes(title_text=y_title)
    return fig
