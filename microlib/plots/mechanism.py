"""Figures for the collagen-induction lesson: skin cross-section, healing phases, model curves, protocols.

Every builder takes what :mod:`microlib.skin` and :mod:`microlib.healing` return and draws it; none computes
science. Each figure keeps a fixed number of traces so widget apps can update them in place.

Example
-------
>>> from microlib import skin
>>> from microlib.plots.mechanism import cross_section
>>> fig = cross_section(skin.layer_boundaries("forehead"), skin.needle_reach(1.5, "forehead"))
>>> fig.layout.yaxis.title.text
'depth below the surface (mm)'
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from ..skin import NeedleReach, author_year
from ..style import DASHES, PALETTE, SYMBOLS, column_subplots, current_look, figure, merged
from ..tables import StudentTable, student_table

#: Fill colours of the layers (light tints, so the needle and labels stay readable).
LAYER_FILLS = {"epidermis": "#F3D9C6", "papillary dermis": "#F6C7C7", "reticular dermis": "#E8A9A9",
               "subcutis": "#FBEFC5"}
SECTION_WIDTH_MM = 2.0
SUBCUTIS_SHOWN_MM = 0.4


def _r(values: np.ndarray | list[float]) -> list[float]:
    return [float(v) for v in np.round(np.asarray(values, dtype=float), 10)]


def section_title(reach: NeedleReach) -> str:
    """Title of the cross-section: needle, site and what it reaches."""
    return (f"{reach.needle_mm:.2f} mm needle at the {reach.site} ({reach.sex}): reaches {reach.depth_mm:.2f} mm, "
            f"the {reach.deepest_layer}")


def depth_label(reach: NeedleReach) -> str:
    """Legend label of the depth line."""
    return f"depth reached {reach.depth_mm:.2f} mm ({reach.deepest_layer})"


def cross_section_series(bounds: pd.DataFrame, reach: NeedleReach, depth_limit_mm: float = 2.5
                         ) -> list[tuple[list[float], list[float]]]:
    """(x, y) of the 10 traces of :func:`cross_section`, in trace order (for in-place updates).

    Order: the four layers, the layer labels, the small and the deeper blood vessels, the needle above the skin,
    the needle in the skin, the depth line (always last).
    """
    dermis_bottom = float(bounds["top_mm"].iloc[3])
    shown_bottom = max(dermis_bottom + SUBCUTIS_SHOWN_MM, depth_limit_mm)
    series = []
    mids = []
    for top, bottom in zip(bounds["top_mm"], bounds["bottom_mm"], strict=True):
        low = min(float(bottom), shown_bottom)
        series.append((_r([0, SECTION_WIDTH_MM, SECTION_WIDTH_MM, 0, 0]), _r([top, top, low, low, top])))
        mids.append((float(top) + min(float(bottom), dermis_bottom + SUBCUTIS_SHOWN_MM)) / 2)
    series.append((_r([SECTION_WIDTH_MM + 0.03] * 4), _r(mids)))
    vessels_x = _r(np.linspace(0.15, SECTION_WIDTH_MM - 0.15, 6))
    papillary_bottom = float(bounds["top_mm"].iloc[2])
    series.append((vessels_x, _r([papillary_bottom] * len(vessels_x))))  # small vessels: papillary/reticular border
    series.append((vessels_x, _r([dermis_bottom] * len(vessels_x))))     # deeper vessels: bottom of the dermis
    tip, x0 = reach.depth_mm, SECTION_WIDTH_MM / 2
    series.append((_r([x0, x0]), _r([-(reach.needle_mm - tip), 0.0])))
    series.append((_r([x0 - 0.03, x0 + 0.03, x0, x0 - 0.03]), _r([0.0, 0.0, tip, 0.0])))
    series.append((_r([0, SECTION_WIDTH_MM]), _r([tip, tip])))
    return series


def cross_section(bounds: pd.DataFrame, reach: NeedleReach, depth_limit_mm: float = 2.5) -> go.Figure:
    """A to-scale skin cross-section with the needle drawn in and the depth it reaches.

    Parameters
    ----------
    bounds:
        Output of :func:`microlib.skin.layer_boundaries` (layer, top_mm, bottom_mm).
    reach:
        Output of :func:`microlib.skin.needle_reach`.
    depth_limit_mm:
        Depth shown (mm); both axes use the same mm scale so thicknesses look as they are.
    """
    series = cross_section_series(bounds, reach, depth_limit_mm)
    data: list[dict] = [
        dict(type="scatter", x=x, y=y, fill="toself", fillcolor=layer_fill(layer), line=dict(color="#777", width=0.5),
             mode="lines", name=layer, hoverinfo="name", showlegend=False)
        for (x, y), layer in zip(series[:4], bounds["layer"], strict=True)]
    data += [
        dict(type="scatter", x=series[4][0], y=series[4][1], mode="text", text=list(bounds["layer"]),
             textposition="middle right", showlegend=False, hoverinfo="skip", name="layer labels"),
        dict(type="scatter", x=series[5][0], y=series[5][1], mode="markers", name="small blood vessels",
             marker=dict(symbol="circle", size=7, color="#C0392B"), hoverinfo="name"),
        dict(type="scatter", x=series[6][0], y=series[6][1], mode="markers", name="deeper blood vessels",
             marker=dict(symbol="circle", size=11, color="#8E2420"), hoverinfo="name"),
        dict(type="scatter", x=series[7][0], y=series[7][1], mode="lines",  # part left above the skin
             line=dict(color="#999", width=4, dash="dot"), name="needle not inserted"),
        dict(type="scatter", x=series[8][0], y=series[8][1], mode="lines", fill="toself", fillcolor="#444",
             line=dict(color="#000", width=1), name="needle in the skin"),
        dict(type="scatter", x=series[9][0], y=series[9][1], mode="lines+markers",
             line=dict(color=PALETTE[5], width=2, dash="dash"), marker=dict(symbol=SYMBOLS[5], size=8),
             name=depth_label(reach)),
    ]
    top = -1.0  # fixed, so the figure does not jump when updated in place
    return figure(data, dict(
        yaxis=dict(range=[depth_limit_mm, top], scaleanchor="x", scaleratio=1, zeroline=True, zerolinecolor="#000"),
        # constrain="domain": keep 1 mm = 1 mm by narrowing the plot, not by widening the x range
        xaxis=dict(range=[-0.1, SECTION_WIDTH_MM + 1.3], showgrid=False, constrain="domain"),
        height=600, legend=dict(orientation="h", y=-0.12), margin=dict(r=20),
    ), title=section_title(reach), x_title="width (mm)", y_title="depth below the surface (mm)")


#: Fill of the layer under the eyelid dermis (muscle) in the anatomy figures.
MUSCLE_FILL = "#D9A6A0"
_SECTION_X = (0.0, 4.2)     # the drawn section, in illustration units (width is not to scale)
_BARS_X0, _BAR_STEP, _BAR_W = 4.8, 1.0, 0.6


def layer_fill(layer: str) -> str:
    """Fill colour of a layer in the anatomy figures (the muscle under the eyelid has its own)."""
    return LAYER_FILLS.get(layer, MUSCLE_FILL)


def _layer_label(layer: str, top: float, bottom: float) -> str:
    names = {"epidermis": "epidermis {size}<br>(see inset)", "papillary dermis": "papillary<br>dermis",
             "reticular dermis": "reticular<br>dermis", "subcutis": "subcutis<br>(fat)",
             "orbicularis oculi<br>muscle": "", "orbicularis oculi muscle": "orbicularis<br>oculi muscle<br>(no fat "
             "layer)"}
    return names.get(layer, layer).format(size=f"{bottom - top:.2f} mm")


def skin_anatomy(bounds: pd.DataFrame, reaches: pd.DataFrame, site_label: str, penetration: float) -> go.Figure:
    """Annotated cross-section of facial skin with the depth that five needle lengths reach.

    Depth is to scale (mm, from :func:`microlib.skin.layer_boundaries`); width and the positions of vessels,
    nerves, fibroblasts and the hair follicle are illustrative. To the right, one pair of bars per needle length:
    the nominal length (dashed outline) and the depth reached at ``penetration`` (filled). An inset enlarges the
    top 0.15 mm, where the epidermis is too thin to see at full scale.

    Parameters
    ----------
    bounds:
        :func:`microlib.skin.layer_boundaries` for one site.
    reaches:
        :func:`microlib.skin.reach_table` for the same site (``needle_mm``, ``depth_mm``).
    site_label:
        Shown in the title, e.g. ``"forehead, woman"``.
    penetration:
        The penetration fraction the reached depths were computed with (shown in the legend).
    """
    data: list[dict] = []
    shapes: list[dict] = []
    notes: list[dict] = []
    tops = [float(v) for v in bounds["top_mm"]]
    epidermis, papillary, dermis_bottom = tops[1], tops[2], tops[3]
    longest = float(reaches["needle_mm"].max())
    bottom = max(longest, dermis_bottom) + 0.25
    x_right = _BARS_X0 + _BAR_STEP * len(reaches) - 0.2
    font = current_look().font_size
    for layer, top, low in zip(bounds["layer"], tops, [*tops[1:], bottom], strict=True):
        shapes.append(dict(type="rect", x0=_SECTION_X[0], x1=x_right, y0=top, y1=low, fillcolor=layer_fill(layer),
                           line=dict(width=0), layer="below"))
        shapes.append(dict(type="line", x0=_SECTION_X[0], x1=x_right, y0=top, y1=top,
                           line=dict(color="#777", width=1), layer="below"))
        middle = (top + min(low, top + 0.5)) / 2
        surface = layer == "epidermis"  # too thin to hold a label: write it above the skin surface instead
        notes.append(dict(x=x_right + 0.1, y=0.0 if surface else middle, text=_layer_label(layer, top, low),
                          showarrow=False, xanchor="left", align="left", yanchor="bottom" if surface else "middle",
                          font=dict(size=font - 1, color="#222")))
    if bounds["layer"].iloc[3] != "subcutis":  # muscle: a few fibre lines so it reads as muscle, not fat
        for k in range(4):
            y = dermis_bottom + 0.06 + 0.05 * k
            shapes.append(dict(type="line", x0=2.2, x1=_SECTION_X[1], y0=y, y1=y, line=dict(color="#a0524a", width=1)))
    # vessels: superficial plexus at the papillary/reticular border, deep plexus at the dermis bottom
    xs = np.linspace(0.5, 3.9, 7)
    data.append(dict(type="scatter", x=_r(xs), y=[papillary] * len(xs), mode="markers", name="small blood vessels",
                     marker=dict(symbol="circle", size=7, color="#C0392B"), showlegend=False, hoverinfo="name"))
    data.append(dict(type="scatter", x=_r(xs + 0.2), y=[dermis_bottom] * len(xs), mode="markers",
                     name="deeper vessels", marker=dict(symbol="circle", size=10, color="#8E2420"), showlegend=False,
                     hoverinfo="name"))
    for x in xs[1::2]:  # capillary loops rising into the papillary dermis
        data.append(dict(type="scatter", x=_r([x, x - 0.05, x + 0.05, x]),
                         y=_r([papillary, epidermis + 0.03, epidermis + 0.03, papillary]), mode="lines",
                         line=dict(color="#C0392B", width=1.5), showlegend=False, hoverinfo="skip"))
    # a nerve rising from below the dermis to endings under the epidermis
    nerve_x = [1.3, 1.45, 1.35, 1.5, 1.45]
    nerve_y = [dermis_bottom + 0.2, dermis_bottom, (papillary + dermis_bottom) / 2, papillary, epidermis + 0.02]
    data.append(dict(type="scatter", x=_r(nerve_x), y=_r(nerve_y), mode="lines", name="nerve",
                     line=dict(color="#B8860B", width=3), showlegend=False, hoverinfo="name"))
    for dx in (-0.12, 0.12):
        data.append(dict(type="scatter", x=_r([1.47, 1.47 + dx]), y=_r([papillary + 0.02, epidermis + 0.03]),
                         mode="lines", line=dict(color="#B8860B", width=2), showlegend=False, hoverinfo="skip"))
    # a hair follicle from the surface through the dermis, ending in the layer below with a bulb
    base = dermis_bottom + 0.12
    data += [
        dict(type="scatter", x=_r([2.75, 3.05, 3.25, 2.95, 2.75]), y=_r([0.0, base, base, 0.0, 0.0]), mode="lines",
             fill="toself", fillcolor="#F5E6D3", line=dict(color="#6B4F3A", width=1.5), name="hair follicle",
             showlegend=False, hoverinfo="name"),
        dict(type="scatter", x=_r([3.15]), y=_r([base]), mode="markers", marker=dict(size=16, color="#6B4F3A"),
             showlegend=False, hoverinfo="skip"),
        dict(type="scatter", x=_r([2.88, 3.12, 2.9]), y=_r([-0.25, base - 0.02, -0.25]), mode="lines",
             line=dict(color="#3B2A1E", width=2), showlegend=False, hoverinfo="skip"),
    ]
    # fibroblasts: small spindles scattered in the dermis (fixed positions, so the figure is reproducible)
    fx = [0.7, 2.1, 3.6, 1.0, 2.4, 3.7, 0.4, 2.0]
    fy = [0.55, 0.45, 0.6, 0.75, 0.8, 0.85, 0.95, 1.0]
    fy = [epidermis + f * (dermis_bottom - epidermis) for f in np.array(fy) - 0.35]
    data.append(dict(type="scatter", x=_r(fx), y=_r(fy), mode="markers", name="fibroblasts",
                     marker=dict(symbol="diamond-wide", size=9, color="#5B3F8C"), showlegend=False, hoverinfo="name"))
    targets = sorted((
        ("nerve endings", 1.47, epidermis + 0.03),
        ("small blood vessels", float(xs[0]), papillary),
        ("fibroblasts (make collagen)", fx[3], fy[3]),
        ("hair follicle", 2.95, (papillary + dermis_bottom) / 2 + 0.05),
        ("nerve", 1.4, (papillary + dermis_bottom) / 2 - 0.05),
        ("deeper blood vessels", float(xs[0]) + 0.2, dermis_bottom),
    ), key=lambda t: t[2])
    label_y = -1.0
    line_mm = 1.5 * font * (bottom + 0.32) / 540  # one text line, in mm of depth, at the figure's height
    for text, x, y in targets:  # one label per line, pushed down so none overlaps the one above
        label_y = max(y, label_y + line_mm)
        notes.append(dict(x=x, y=y, ax=-0.15, ay=label_y, xref="x", yref="y", axref="x", ayref="y", text="",
                          showarrow=True, arrowhead=2, arrowwidth=1.2, arrowcolor="#555", standoff=3))
        notes.append(dict(x=-0.2, y=label_y, text=text, showarrow=False, xanchor="right", font=dict(size=font - 1)))
    # nominal and reached depth, one pair of bars per needle length
    for i, row in enumerate(reaches.itertuples()):
        x0 = _BARS_X0 + _BAR_STEP * i
        shapes.append(dict(type="rect", x0=x0, x1=x0 + _BAR_W, y0=0, y1=float(row.needle_mm),
                           line=dict(color="#222", width=1.5, dash="dash"), fillcolor="rgba(0,0,0,0)"))
        shapes.append(dict(type="rect", x0=x0 + 0.1, x1=x0 + _BAR_W - 0.1, y0=0, y1=float(row.depth_mm),
                           line=dict(color="#000", width=1), fillcolor="#333"))
        notes.append(dict(x=x0 + _BAR_W / 2, y=0, text=f"{row.needle_mm:g}", showarrow=False, yanchor="bottom",
                          yshift=4, font=dict(size=font - 1)))
    notes.append(dict(x=_BARS_X0 + _BAR_STEP * len(reaches) / 2 - 0.2, y=-0.16, text="<b>needle length (mm)</b>",
                      showarrow=False, yanchor="bottom"))
    # The key to the two kinds of bar is written under the figure: a plotly legend built from placeholder traces
    # makes plotly.js log an SVG path error with this layout.
    notes.append(dict(xref="paper", yref="paper", x=0.0, y=-0.01, xanchor="left", yanchor="top", showarrow=False,
                      align="left", font=dict(size=font - 1),
                      text=("Key: dashed outline = nominal needle length; filled bar = depth reached "
                            f"if {penetration:.0%} of the length goes in")))
    # inset: the top 0.15 mm enlarged, so the epidermis can be seen
    inset_bottom = 0.15
    for layer, top, low in zip(bounds["layer"], tops, [*tops[1:], bottom], strict=True):
        if top >= inset_bottom:
            continue
        shapes.append(dict(type="rect", xref="x2", yref="y2", x0=0, x1=1, y0=top, y1=min(low, inset_bottom),
                           fillcolor=layer_fill(layer), line=dict(color="#777", width=0.5)))
        notes.append(dict(xref="x2", yref="y2", x=0.5, y=(top + min(low, inset_bottom)) / 2, text=layer,
                          showarrow=False, font=dict(size=font - 2)))
    notes.append(dict(xref="x2", yref="y2", x=0.0, y=-0.012, text="<b>enlarged: the top 0.15 mm</b>",
                      showarrow=False, xanchor="left", yanchor="bottom", font=dict(size=font - 2)))
    return figure(data, dict(
        shapes=shapes, annotations=notes,
        xaxis2=dict(domain=[0.33, 0.56], range=[0, 1], visible=False, anchor="y2"),
        yaxis2=dict(domain=[0.05, 0.30], range=[inset_bottom, -0.012], anchor="x2", showgrid=False,
                    tickvals=[0, epidermis, 0.1, inset_bottom],
                    ticktext=["0", f"{epidermis:.2f}", "0.10", f"{inset_bottom:.2f} mm"],
                    tickfont=dict(size=font - 3), showline=True, linecolor="#444", mirror=True),
        xaxis=dict(range=[-3.4, x_right + 2.8], visible=False),
        yaxis=dict(range=[bottom, -0.32], zeroline=False, showgrid=False,
                   title=dict(text="depth below the surface (mm)")),
        height=640, showlegend=False, margin=dict(l=70, r=20, t=60, b=50),
    ), title=f"Facial skin ({site_label}) and how deep five needle lengths reach")


#: Colours of the four healing phases (Okabe–Ito), used on the timeline and the collagen sketch.
PHASE_COLOURS = {"haemostasis": PALETTE[5], "inflammation": PALETTE[1], "proliferation": PALETTE[2],
                 "remodelling": PALETTE[0]}
PHASES = ("haemostasis", "inflammation", "proliferation", "remodelling")
#: Tick positions (days) and labels of the healing time axes: a log scale labelled in plain time words.
TIME_TICKS = ((0.06, "session"), (1, "1<br>day"), (3, "3<br>days"), (7, "1<br>week"), (28, "4<br>weeks"),
              (91, "3<br>months"), (182, "6<br>months"), (365, "1<br>year"))
_SESSION_X = 0.06  # where "day 0" sits on the log axis


def _time_axis(max_day: float) -> dict:
    """The x axis of the healing time figures: log scale from the session to ``max_day``, labelled in words."""
    return dict(type="log", range=[np.log10(0.04), np.log10(max_day)], tickmode="array",
                tickvals=[t for t, _ in TIME_TICKS if t <= max_day],
                ticktext=[label for t, label in TIME_TICKS if t <= max_day], tickangle=0,
                minor=dict(showgrid=False, ticks=""))


def _day(value: object) -> float | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    return max(float(value), _SESSION_X)


def healing_timeline(phases: pd.DataFrame, max_day: float = 450.0) -> go.Figure:
    """The four healing phases and what the patient sees, on one time axis (log scale, labelled in words).

    ``phases`` is ``load_table("healing_phases")``. Top block: one row per phase (``phase_window`` rows; a
    thick bar where the source gives the span, a thin bar for an uncertain end, a dotted arrow for "a year or
    more", a diamond where only the start is known). Bottom block: one row per ``patient_sign``, coloured by the
    phase it is linked to (dotted where the start was not reported; an open then a filled marker for the gradual
    change). Every row names its phase in words, so colour is never the only cue.
    """
    data: list[dict] = []
    notes: list[dict] = []
    small = current_look().font_size - 2
    windows = phases[phases["kind"] == "phase_window"]
    signs = phases[phases["kind"] == "patient_sign"]
    phase_rows = [f"<b>{p.capitalize()}</b>" for p in PHASES]
    sign_rows = [f"{r.label}<br><i>({r.phase})</i>" for r in signs.itertuples()]
    headers = ["<b>IN THE SKIN</b>", "<b>WHAT THE PATIENT SEES</b>"]  # rows that only carry a heading
    order = [headers[0], *phase_rows, headers[1], *sign_rows]

    def bar(x0: float, x1: float, y: str, colour: str, width: float, dash: str = "solid", text: str = "") -> None:
        data.append(dict(type="scatter", x=_r([x0, x1]), y=[y, y], mode="lines",
                         line=dict(color=colour, width=width, dash=dash), showlegend=False, hovertext=text,
                         hoverinfo="text"))

    def diamond(x: float, y: str, text: str, colour: str, hover: str) -> None:
        data.append(dict(type="scatter", x=[x], y=[y], mode="markers+text", text=[text], textposition="middle right",
                         marker=dict(symbol="diamond", size=14, color=colour), showlegend=False, hovertext=hover,
                         hoverinfo="text"))

    for row in windows.itertuples():
        y = phase_rows[PHASES.index(row.phase)]
        colour = PHASE_COLOURS[row.phase]
        start, end_min, end_max = _day(row.start_day), _day(row.end_min_day), _day(row.end_max_day)
        if start is None and end_min is not None:  # only "ends after a year or more" is known
            bar(end_min, max_day, y, colour, 4, "dot", row.description)
            notes.append(dict(x=np.log10(max_day), y=y, text="general texts: a year or more", showarrow=False,
                              xanchor="right", yshift=-15, font=dict(size=small)))
        elif end_min is None:  # only the start is known
            diamond(start, y, "at once (no duration given)", colour, row.description)
        else:
            bar(start, end_min, y, colour, 16, text=row.description)
            if end_max is not None and end_max > end_min:
                bar(end_min, end_max, y, colour, 6, text="uncertain end")
            if "maker" in row.scope:  # say where a commercial timing comes from, on the bar itself
                notes.append(dict(x=np.log10(np.sqrt(start * end_min)), y=y, text="device maker's timing",
                                  showarrow=False, yshift=15, font=dict(size=small)))
    for row, y in zip(signs.itertuples(), sign_rows, strict=True):
        colour = PHASE_COLOURS[row.phase]
        start, end_min, end_max = _day(row.start_day), _day(row.end_min_day), _day(row.end_max_day)
        if start is not None and end_min is not None and end_min > start and row.phase == "remodelling":
            data.append(dict(type="scatter", x=[start, end_min], y=[y, y], mode="lines+markers",
                             line=dict(color=colour, width=2, dash="dot"),
                             marker=dict(symbol=["circle-open", "circle"], size=13, color=colour,
                                         line=dict(width=2, color=colour)),
                             showlegend=False, hovertext=row.description, hoverinfo="text"))
        elif start is not None and (end_min is None or end_min <= start):  # a moment: during the session
            diamond(start, y, "during the session", colour, row.description)
        else:
            if start is None:  # start not reported: dotted up to the earliest end
                bar(_SESSION_X, end_min, y, colour, 3, "dot", "start not reported")
            else:
                bar(start, end_min, y, colour, 12, text=row.description)
            if end_max is not None and end_max > end_min:
                bar(end_min, end_max, y, colour, 5, text="settles by")
    for header in headers:  # invisible points so the heading rows exist on the category axis
        data.append(dict(type="scatter", x=[None], y=[header], mode="markers", showlegend=False, hoverinfo="skip"))
    row_px = 2.6 * current_look().font_size + 10  # room for a two-line row label at the current font size
    divider = len(sign_rows) + 0.5
    return figure(data, dict(
        annotations=notes, xaxis=dict(**_time_axis(max_day), automargin=True, title=dict(standoff=8)),
        yaxis=dict(categoryorder="array", categoryarray=order[::-1], automargin=True, showgrid=False, ticks=""),
        shapes=[dict(type="line", x0=0, x1=1, xref="x domain", y0=divider, y1=divider, yref="y",
                     line=dict(color="#888", width=1, dash="dash"))],
        height=int(170 + row_px * len(order)), margin=dict(l=10, r=20, t=60), showlegend=False,
    ), title="Four phases of healing, and what the patient sees", x_title="time after the session (log scale)")


def collagen_switch(curves: pd.DataFrame, markers: pd.DataFrame, max_day: float = 365.0) -> go.Figure:
    """Sketch of type III collagen laid down first and replaced by type I over weeks to months (illustrative).

    Parameters
    ----------
    curves:
        One row per day with ``type_iii`` and ``type_i`` (amounts of new collagen on any common scale), e.g.
        from :func:`collagen_switch_curves`.
    markers:
        ``healing_phases`` rows of kind ``marker`` to place on the time axis (histology observations).
    """
    day = curves.index.to_numpy(dtype=float)
    keep = day >= 1
    data: list[dict] = [
        dict(type="scatter", x=_r(day[keep]), y=_r(curves["type_iii"].to_numpy()[keep]),
             name="type III (laid down first)", line=dict(color=PALETTE[3], width=3, dash=DASHES[1])),
        dict(type="scatter", x=_r(day[keep]), y=_r(curves["type_i"].to_numpy()[keep]),
             name="type I (stronger, replaces it)", line=dict(color=PALETTE[0], width=3)),
    ]
    top = float(max(curves["type_iii"].max(), curves["type_i"].max()))
    for i, row in enumerate(markers.itertuples()):
        data.append(dict(type="scatter", x=[float(row.start_day)], y=[top * (1.12 + 0.11 * (i % 2))],
                         mode="markers+text", text=[row.label], textposition="top center" if i % 2 else "bottom center",
                         marker=dict(symbol="triangle-down", size=11, color="#444"), showlegend=False,
                         hovertext=row.description, hoverinfo="text", cliponaxis=False))
    return figure(data, dict(
        xaxis=_time_axis(max_day), yaxis=dict(range=[0, top * 1.35], showticklabels=False, ticks=""),
        height=430, legend=dict(orientation="h", y=-0.25, x=0), margin=dict(r=30),
    ), title="Collagen III first, then collagen I (sketch)", x_title="time after one session (log scale)",
        y_title="new collagen (relative amount)")


def collagen_switch_curves(frame: pd.DataFrame) -> pd.DataFrame:

    """Amounts of new type III and type I collagen from a model run (``new_collagen_pct`` × type III share)."""
    total = frame["new_collagen_pct"].to_numpy()
    share = frame["type_iii_share"].to_numpy()
    scale = float(np.max(total)) or 1.0
    return pd.DataFrame({"type_iii": np.round(total * share / scale, 10),
                         "type_i": np.round(total * (1 - share) / scale, 10)}, index=frame.index)


#: Boxes of the model diagram: (key, label, x, y); arrows join them in the order of the model's chain.
_DIAGRAM_BOXES = (
    ("session", "<b>Needle session</b><br>a small wound", 0.6, 3.0),
    ("injury", "<b>Injury signal</b><br>half-life {t_half_injury:g} day", 2.9, 3.0),
    ("inflammation", "<b>Inflammation</b><br>half-life {t_half_inflammation:g} days", 5.2, 3.0),
    ("fibroblasts", "<b>Active fibroblasts</b><br>half-life {t_half_fibroblast:g} days", 7.5, 3.0),
    ("collagen_iii", "<b>New collagen III</b><br>half-life {t_half_replacement:g} days", 4.7, 1.0),
    ("collagen_i", "<b>New collagen I</b><br>half-life {t_half_collagen:g} days", 8.1, 1.0),
    ("lost", "slowly broken<br>down again", 10.35, 1.0),
)
_DIAGRAM_ARROWS = (("session", "injury", ""), ("injury", "inflammation", ""), ("inflammation", "fibroblasts", ""),
                   ("fibroblasts", "collagen_iii", "share {f3_new:.0%}"),
                   ("fibroblasts", "collagen_i", "the rest"), ("collagen_iii", "collagen_i", "replaced by"),
                   ("collagen_i", "lost", ""))


def model_diagram(parameters: Mapping[str, float]) -> go.Figure:
    """Box-and-arrow diagram of the teaching model: session → injury → inflammation → fibroblasts → collagen.

    ``parameters`` maps parameter keys to values (e.g. :func:`microlib.healing.default_parameters`); the half-lives
    and the type III share shown in the boxes come from it, so the picture always matches the model.
    """
    shapes: list[dict] = []
    notes: list[dict] = []
    font = current_look().font_size
    where = {key: (x, y) for key, _, x, y in _DIAGRAM_BOXES}
    half_w, half_h = 1.05, 0.55
    for key, label, x, y in _DIAGRAM_BOXES:
        plain = key in ("session", "lost")
        shapes.append(dict(type="rect", x0=x - half_w, x1=x + half_w, y0=y - half_h, y1=y + half_h,
                           line=dict(color="#444", width=1.5, dash="dot" if plain else "solid"),
                           fillcolor="#ffffff" if plain else "#eef4fb"))
        notes.append(dict(x=x, y=y, text=label.format(**parameters), showarrow=False,
                          font=dict(size=min(font - 1, 15))))
    for start, end, label in _DIAGRAM_ARROWS:
        (x0, y0), (x1, y1) = where[start], where[end]
        if y0 == y1:
            tail, head = (x0 + half_w, y0), (x1 - half_w, y1)
        else:
            tail, head = (x0 - 0.2 if x1 < x0 else x0 + 0.2, y0 - half_h), (x1, y1 + half_h)
        notes.append(dict(x=head[0], y=head[1], ax=tail[0], ay=tail[1], xref="x", yref="y", axref="x", ayref="y",
                          showarrow=True, arrowhead=2, arrowsize=1.3, arrowwidth=2, arrowcolor="#333", text=""))
        if label:
            notes.append(dict(x=(head[0] + tail[0]) / 2, y=(head[1] + tail[1]) / 2, text=label.format(**parameters),
                              showarrow=False, yshift=12 if y0 == y1 else 0, xshift=0 if y0 == y1 else 34,
                              font=dict(size=min(font - 2, 14), color="#333"), bgcolor="white"))
    small = min(font - 2, 14)
    notes.append(dict(x=0.6, y=2.25, text="counts only if the needle<br>reaches the dermis", showarrow=False,
                      font=dict(size=small), yanchor="top"))
    notes.append(dict(x=1.5, y=1.0, text="<i>How much collagen one session<br>makes is fitted to one biopsy "
                      "study</i>", showarrow=False, font=dict(size=small)))
    return figure([], dict(
        shapes=shapes, annotations=notes, xaxis=dict(range=[-0.5, 11.5], visible=False),
        yaxis=dict(range=[0.2, 3.7], visible=False), height=330, margin=dict(l=10, r=10, t=60, b=10),
        showlegend=False,
    ), title="The teaching model in boxes and arrows")


def healing_series(df: pd.DataFrame, band: pd.DataFrame) -> list[tuple[list[float], list[float]]]:
    """The (x, y) data of the 9 traces of :func:`healing_curves`, in trace order (for in-place updates)."""
    day = [float(d) for d in df.index.to_numpy()]
    sessions = df.attrs.get("session_days", [])
    return [
        (day, _r(df["inflammation"])), (day, _r(df["fibroblasts"])), (day, _r(band["high"])),
        (day, _r(band["low"])), (day, _r(df["new_collagen_pct"])), (day, _r(df["new_collagen_dermis_pct"])),
        (day, _r(df["collagen_i"])), (day, _r(df["collagen_iii"])), (_r(sessions), [0.0] * len(sessions)),
    ]


def band_label(gain_range: tuple[float, float], penetration_range: tuple[float, float]) -> str:
    """Legend text of the uncertainty band, from the swept ranges (so it always matches the data)."""
    spread = round(100 * (gain_range[1] - 1))
    return (f"uncertainty band (gain ±{spread}%, penetration {penetration_range[0]:g}–{penetration_range[1]:g})")


def healing_curves(df: pd.DataFrame, band: pd.DataFrame, title: str,
                   band_name: str = "uncertainty band (gain and penetration over their ranges)") -> go.Figure:
    """Model curves for one schedule: inflammation and fibroblasts above, collagen below, with a band.

    ``df`` is :func:`microlib.healing.simulate` output and ``band`` is
    :func:`microlib.healing.uncertainty_band` for ``new_collagen_pct``; ``band_name`` is its legend text
    (see :func:`band_label`). Always 9 traces (for in-place updates).
    """
    day = df.index.to_numpy()
    top, low = dict(type="scatter", x=day, xaxis="x", yaxis="y"), dict(type="scatter", x=day, xaxis="x2", yaxis="y2")
    sessions = df.attrs.get("session_days", [])
    data = [
        dict(top, y=_r(df["inflammation"]), name="inflammation index (1 = its peak after one session)",
             line=dict(color=PALETTE[5], dash=DASHES[0])),
        dict(top, y=_r(df["fibroblasts"]), name="activated fibroblasts (index, 1 = peak after one session)",
             line=dict(color=PALETTE[2], dash=DASHES[1])),
        dict(low, y=_r(band["high"]), line=dict(width=0), showlegend=False, hoverinfo="skip", name="band high"),
        dict(low, y=_r(band["low"]), line=dict(width=0), fill="tonexty", fillcolor="rgba(0,114,178,0.18)",
             name=band_name),
        dict(low, y=_r(df["new_collagen_pct"]), name="new collagen, needled layer",
             line=dict(color=PALETTE[0], width=3, dash=DASHES[0])),
        dict(low, y=_r(df["new_collagen_dermis_pct"]), name="new collagen, whole dermis",
             line=dict(color=PALETTE[0], dash=DASHES[2])),
        # Shown from the legend on request: two more lines on other baselines would crowd the first reading.
        dict(low, y=_r(df["collagen_i"]), name="collagen I vs its baseline (click to show)",
             line=dict(color=PALETTE[7], dash=DASHES[3]), visible="legendonly"),
        dict(low, y=_r(df["collagen_iii"]), name="collagen III vs its baseline (click to show)",
             line=dict(color=PALETTE[3], dash=DASHES[4]), visible="legendonly"),
        dict(low, x=_r(sessions), y=[0.0] * len(sessions), mode="markers", name="sessions",
             marker=dict(symbol="triangle-up", size=11, color="#000")),
    ]
    font = current_look().font_size
    # Short axis titles, so they fit beside their panels in the projector look too; the legend says what the
    # indices are (1 = the peak after one session).
    return figure(data, merged(
        column_subplots([0.35, 0.65], vertical_spacing=0.08, shared_xaxes=True),
        dict(xaxis2=dict(title=dict(text="days after the first session")), yaxis=dict(title=dict(text="index")),
             yaxis2=dict(title=dict(text="change (%)")), height=int(620 + 8 * (font - 13)),
             legend=dict(orientation="h", yref="container", yanchor="bottom", y=0.0), margin=dict(b=int(16 * font))),
    ), title=title)


def protocol_comparison(frames: Mapping[str, pd.DataFrame], column: str = "new_collagen_pct") -> go.Figure:
    """Two or more study protocols side by side: one model curve each, distinguished by dash and marker."""
    data = [dict(type="scatter", x=df.index.to_numpy(), y=_r(df[column]), name=label, mode="lines+markers",
                 line=dict(color=PALETTE[i % len(PALETTE)], dash=DASHES[i % len(DASHES)]),
                 marker=dict(symbol=SYMBOLS[i % len(SYMBOLS)], size=7, maxdisplayed=12))
            for i, (label, df) in enumerate(frames.items())]
    return figure(data, dict(height=420, legend=dict(orientation="h", y=-0.2)),
                  title="Model new collagen (needled layer) for three published schedules",
                  x_title="days after the first session", y_title="new collagen, % of baseline")


# ------------------------------------------------------------------------------------------- tables for students
_BASIS = {"anchored": "chosen to match cited timings", "fitted": "fitted to one study",
          "modelling_choice": "a modelling choice (nothing measured pins it)"}
_ROLE = {"fit": "used to fit the model", "check_direction": "checks the direction only",
         "check_persistence": "checks how long activity lasts", "not_used": "not used (unverified)"}


def model_parameter_table(parameters: pd.DataFrame) -> StudentTable:
    """The model's kinetic, collagen and dose parameters for reading (``healing.parameter_table()``)."""
    rows = parameters[parameters["group"] != "depth"].copy()
    rows["range"] = [f"{r.min:g}–{r.max:g}" for r in rows.itertuples()]
    rows["basis_text"] = rows["basis"].map(_BASIS)
    rows["sources"] = rows["citations"].map(author_year)
    return student_table(
        rows, columns=["symbol", "meaning", "default", "range", "unit", "basis_text", "justification", "sources"],
        labels={"symbol": "Symbol", "meaning": "What it is", "default": "Value used", "range": "Plausible range",
                "unit": "Unit", "basis_text": "Basis", "justification": "Why", "sources": "Sources"},
        caption="Table 5. The model's parameters (the depth parameters are in Table 3).",
    )


def validation_student_table(validation: pd.DataFrame) -> StudentTable:
    """``healing.validation_table()`` for reading: study, what was observed, what the model gives, verdict."""
    rows = validation.copy()
    rows["role_text"] = rows["role"].map(_ROLE).fillna(rows["role"])
    rows["checked"] = rows["verification"].map({"primary": "read in the original",
                                                "secondary": "read in a copy or abstract",
                                                "commercial": "commercial material",
                                                "unverified": "not verified"})
    return student_table(
        rows, columns=["study", "observed", "model", "role_text", "verdict", "checked"],
        labels={"study": "Study", "observed": "Observed", "model": "Model", "role_text": "Used for",
                "verdict": "Verdict", "checked": "How checked"},
        caption="Table 6. Observations compared with the model.",
    )


def sensitivity_student_table(sensitivity: pd.DataFrame, parameter_label: str) -> StudentTable:
    """``healing.sensitivity(...)`` for reading: the parameter value, the re-fitted gain and the readout."""
    parameter = str(sensitivity.columns[0])
    return student_table(
        sensitivity, labels={parameter: parameter_label, "fitted_gain": "Fitted gain",
                             "new_collagen_pct": "New collagen at the biopsy (%)"},
        decimals={"fitted_gain": 2, "new_collagen_pct": 1},
        caption="Table 7. Changing one half-life: the gain is re-fitted, so the calibration study is still matched.",
    )
