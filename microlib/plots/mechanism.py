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
from plotly.subplots import make_subplots

from ..skin import NeedleReach
from ..style import DASHES, PALETTE, SYMBOLS, current_look, styled

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
    """(x, y) of the 8 traces of :func:`cross_section`, in trace order (for in-place updates)."""
    dermis_bottom = float(bounds["top_mm"].iloc[3])
    shown_bottom = max(dermis_bottom + SUBCUTIS_SHOWN_MM, depth_limit_mm)
    series = []
    mids = []
    for top, bottom in zip(bounds["top_mm"], bounds["bottom_mm"], strict=True):
        low = min(float(bottom), shown_bottom)
        series.append((_r([0, SECTION_WIDTH_MM, SECTION_WIDTH_MM, 0, 0]), _r([top, top, low, low, top])))
        mids.append((float(top) + min(float(bottom), dermis_bottom + SUBCUTIS_SHOWN_MM)) / 2)
    series.append((_r([SECTION_WIDTH_MM + 0.03] * 4), _r(mids)))
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
    fig = go.Figure()
    series = cross_section_series(bounds, reach, depth_limit_mm)
    for (x, y), layer in zip(series[:4], bounds["layer"], strict=True):
        fig.add_trace(go.Scatter(x=x, y=y, fill="toself", fillcolor=LAYER_FILLS[layer],
                                 line=dict(color="#777", width=0.5), mode="lines", name=layer, hoverinfo="name",
                                 showlegend=False))
    fig.add_trace(go.Scatter(x=series[4][0], y=series[4][1], mode="text", text=list(bounds["layer"]),
                             textposition="middle right", showlegend=False, hoverinfo="skip", name="layer labels"))
    fig.add_trace(go.Scatter(x=series[5][0], y=series[5][1], mode="lines",  # part left above the skin
                             line=dict(color="#999", width=4, dash="dot"), name="needle not inserted"))
    fig.add_trace(go.Scatter(x=series[6][0], y=series[6][1], mode="lines", fill="toself", fillcolor="#444",
                             line=dict(color="#000", width=1), name="needle in the skin"))
    fig.add_trace(go.Scatter(x=series[7][0], y=series[7][1], mode="lines+markers",
                             line=dict(color=PALETTE[5], width=2, dash="dash"),
                             marker=dict(symbol=SYMBOLS[5], size=8), name=depth_label(reach)))
    styled(fig, title=section_title(reach), x_title="width (mm)", y_title="depth below the surface (mm)")
    top = -1.0  # fixed, so the figure does not jump when updated in place
    fig.update_yaxes(range=[depth_limit_mm, top], scaleanchor="x", scaleratio=1, zeroline=True,
                     zerolinecolor="#000")
    # constrain="domain": keep 1 mm = 1 mm by narrowing the plot, not by widening the x range
    fig.update_xaxes(range=[-0.1, SECTION_WIDTH_MM + 1.3], showgrid=False, constrain="domain")
    fig.update_layout(height=560, legend=dict(orientation="h", y=-0.15), margin=dict(r=20))
    return fig


def healing_phases(phases: pd.DataFrame, max_day: float = 700.0) -> go.Figure:
    """Phase windows and histology markers on a log time axis, labelled with where each timing comes from.

    ``phases`` is ``load_table("healing_phases")``. Windows are bars (a thin part for an uncertain end),
    markers are points; rows of kind ``dissent`` or ``description`` have no times and are not drawn (the lesson
    quotes them).
    """
    fig = go.Figure()
    drawn = phases[phases["kind"].isin(["phase_window", "marker"])].reset_index(drop=True)
    labels = [f"{r.label} — {r.scope}" for r in drawn.itertuples()]
    for i, row in enumerate(drawn.itertuples()):
        y = labels[i]
        if row.kind == "phase_window":
            start = row.start_day if pd.notna(row.start_day) else None
            end_min = row.end_min_day
            end_max = row.end_max_day if pd.notna(row.end_max_day) else None
            if start is None:  # only the end is known
                fig.add_trace(go.Scatter(x=_r([end_min, max_day]), y=[y, y], mode="lines+markers",
                                         line=dict(color=PALETTE[2], width=6, dash="dot"),
                                         marker=dict(symbol=SYMBOLS[2], size=10), name=y, showlegend=False,
                                         hovertext=row.description, hoverinfo="text"))
                continue
            colour = PALETTE[1] if "maker" in row.scope else PALETTE[0]
            fig.add_trace(go.Scatter(x=_r([max(start, 0.1), end_min]), y=[y, y], mode="lines",
                                     line=dict(color=colour, width=14), name=y, showlegend=False,
                                     hovertext=row.description, hoverinfo="text"))
            if end_max is not None and end_max > end_min:
                fig.add_trace(go.Scatter(x=_r([end_min, end_max]), y=[y, y], mode="lines",
                                         line=dict(color=colour, width=5), name=y, showlegend=False,
                                         hovertext="uncertain end", hoverinfo="text"))
        else:
            end = row.end_max_day if pd.notna(row.end_max_day) else row.start_day
            fig.add_trace(go.Scatter(x=_r([row.start_day, end]), y=[y, y], mode="lines+markers",
                                     line=dict(color=PALETTE[3], width=3),
                                     marker=dict(symbol=[SYMBOLS[3], "line-ns"], size=12, color=PALETTE[3]),
                                     name=y, showlegend=False, hovertext=row.description, hoverinfo="text"))
    styled(fig, title="When things happen after a skin injury: general wound-healing windows, a device maker's "
                      "windows and histology markers (not microneedling measurements)",
           x_title="time after the injury (days, log scale)", y_title=None)
    fig.update_xaxes(type="log", range=[np.log10(0.3), np.log10(max_day)])
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_layout(height=160 + 45 * len(drawn), margin=dict(l=10), title_font_size=current_look().font_size)
    return fig


def healing_series(df: pd.DataFrame, band: pd.DataFrame) -> list[tuple[list[float], list[float]]]:
    """The (x, y) data of the 9 traces of :func:`healing_curves`, in trace order (for in-place updates)."""
    day = [float(d) for d in df.index.to_numpy()]
    sessions = df.attrs.get("session_days", [])
    return [
        (day, _r(df["inflammation"])), (day, _r(df["fibroblasts"])), (day, _r(band["high"])),
        (day, _r(band["low"])), (day, _r(df["new_collagen_pct"])), (day, _r(df["new_collagen_dermis_pct"])),
        (day, _r(df["collagen_i"])), (day, _r(df["collagen_iii"])), (_r(sessions), [0.0] * len(sessions)),
    ]


def healing_curves(df: pd.DataFrame, band: pd.DataFrame, title: str) -> go.Figure:
    """Model curves for one schedule: inflammation and fibroblasts above, collagen below, with a band.

    ``df`` is :func:`microlib.healing.simulate` output and ``band`` is
    :func:`microlib.healing.uncertainty_band` for ``new_collagen_pct``. Always 9 traces (for in-place updates).
    """
    fig = make_subplots(rows=2, cols=1, shared_xaxes=True, vertical_spacing=0.08, row_heights=[0.35, 0.65])
    day = df.index.to_numpy()
    fig.add_trace(go.Scatter(x=day, y=_r(df["inflammation"]), name="inflammation index",
                             line=dict(color=PALETTE[5], dash=DASHES[0])), row=1, col=1)
    fig.add_trace(go.Scatter(x=day, y=_r(df["fibroblasts"]), name="activated fibroblasts",
                             line=dict(color=PALETTE[2], dash=DASHES[1])), row=1, col=1)
    fig.add_trace(go.Scatter(x=day, y=_r(band["high"]), line=dict(width=0), showlegend=False,
                             hoverinfo="skip", name="band high"), row=2, col=1)
    fig.add_trace(go.Scatter(x=day, y=_r(band["low"]), line=dict(width=0), fill="tonexty",
                             fillcolor="rgba(0,114,178,0.18)", name="uncertainty band (gain ±50 %, penetration "
                             "0.2–0.8)"), row=2, col=1)
    fig.add_trace(go.Scatter(x=day, y=_r(df["new_collagen_pct"]), name="new collagen, needled layer",
                             line=dict(color=PALETTE[0], width=3, dash=DASHES[0])), row=2, col=1)
    fig.add_trace(go.Scatter(x=day, y=_r(df["new_collagen_dermis_pct"]), name="new collagen, whole dermis",
                             line=dict(color=PALETTE[0], dash=DASHES[2])), row=2, col=1)
    fig.add_trace(go.Scatter(x=day, y=_r(df["collagen_i"]), name="collagen I vs its baseline",
                             line=dict(color=PALETTE[7], dash=DASHES[3])), row=2, col=1)
    fig.add_trace(go.Scatter(x=day, y=_r(df["collagen_iii"]), name="collagen III vs its baseline",
                             line=dict(color=PALETTE[3], dash=DASHES[4])), row=2, col=1)
    sessions = df.attrs.get("session_days", [])
    fig.add_trace(go.Scatter(x=_r(sessions), y=[0.0] * len(sessions), mode="markers", name="sessions",
                             marker=dict(symbol="triangle-up", size=11, color="#000")), row=2, col=1)
    styled(fig, title=title, x_title=None, y_title=None)
    fig.update_xaxes(title_text="days after the first session", row=2, col=1)
    fig.update_yaxes(title_text="index (1 = one-session peak)", row=1, col=1)
    fig.update_yaxes(title_text="change from baseline (%)", row=2, col=1)
    fig.update_layout(height=620, legend=dict(orientation="h", y=-0.12))
    return fig


def protocol_comparison(frames: Mapping[str, pd.DataFrame], column: str = "new_collagen_pct") -> go.Figure:
    """Two or more study protocols side by side: one model curve each, distinguished by dash and marker."""
    fig = go.Figure()
    for i, (label, df) in enumerate(frames.items()):
        day = df.index.to_numpy()
        fig.add_trace(go.Scatter(
            x=day, y=_r(df[column]), name=label, mode="lines+markers",
            line=dict(color=PALETTE[i % len(PALETTE)], dash=DASHES[i % len(DASHES)]),
            marker=dict(symbol=SYMBOLS[i % len(SYMBOLS)], size=7, maxdisplayed=12),
        ))
    styled(fig, title="Model new collagen (needled layer) for three published schedules",
           x_title="days after the first session", y_title="new collagen, % of baseline")
    fig.update_layout(height=420, legend=dict(orientation="h", y=-0.2))
    return fig
