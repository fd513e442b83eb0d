"""Figures for notebook 02: the evidence map, protocol ranges against skin depth, head-to-head and gap charts.

Every builder takes tidy tables from :mod:`microlib.evidence` and returns a styled ``go.Figure``. Series differ
by marker symbol, pattern or label as well as colour, so the figures read in greyscale too.

Example
-------
>>> from microlib.evidence import load_studies, load_conditions, gap_table
>>> from microlib.plots.evidence import gap_figure
>>> fig = gap_figure(gap_table(load_studies(), load_conditions()))
>>> fig.layout.xaxis.title.text
'number of studies'
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import style
from ..evidence import DESIGN_GROUPS

#: Marker symbol per design group (open symbols mark radiofrequency devices).
GROUP_SYMBOLS = dict(zip(DESIGN_GROUPS, ("diamond", "circle", "square", "triangle-up"), strict=True))
GROUP_OFFSETS = dict(zip(DESIGN_GROUPS, (-0.27, -0.09, 0.09, 0.27), strict=True))
LEVEL_LABELS = {1: "1 systematic review of RCTs", 2: "2 randomised trial", 3: "3 non-randomised controlled",
                4: "4 case series", 5: "5 opinion / reasoning"}


def marker_size(n: float | None) -> float:
    """Marker diameter (px) for a study of ``n`` participants: grows with √n up to 40 px; 7 px when unknown."""
    if n is None or (isinstance(n, float) and math.isnan(n)):
        return 7.0
    return float(np.round(min(40.0, 6 + 1.2 * math.sqrt(n)), 6))


def evidence_map(table: pd.DataFrame, conditions: pd.DataFrame) -> go.Figure:
    """Conditions (x) against level of evidence (y, best at the top); one marker per study.

    Marker size grows with participants, symbol shows the design group, an open symbol a radiofrequency device;
    conditions with no study carry the label "no trial found".

    Parameters
    ----------
    table:
        Output of :func:`microlib.evidence.evidence_map_table`.
    conditions:
        ``conditions.csv`` (gives the order and names on the x axis).
    """
    names = list(conditions["name"])
    position = {key: i for i, key in enumerate(conditions["key"])}
    fig = go.Figure()
    for index, (group, symbol) in enumerate(GROUP_SYMBOLS.items()):
        rows = table[table["group"] == group]
        symbols = [f"{symbol}-open" if rf else symbol for rf in rows["radiofrequency"]]
        fig.add_trace(go.Scatter(
            x=[position[c] + GROUP_OFFSETS[group] for c in rows["condition"]],
            y=list(rows["cebm_level"]),
            mode="markers", name=group,
            marker=dict(symbol=symbols, size=[marker_size(n) for n in rows["n"]], color=style.PALETTE[index],
                        line=dict(width=1, color="#222")),
            customdata=list(zip(rows["study"], rows["design"], rows["n"].fillna(-1).astype(int), strict=True)),
            hovertemplate="%{customdata[0]}<br>%{customdata[1]}, n=%{customdata[2]}<extra></extra>",
        ))
    studied = set(table["condition"])
    for key, i in position.items():
        if key not in studied:
            fig.add_annotation(x=i, y=3, text="no trial<br>found", showarrow=False, font=dict(size=11))
    styled = style.styled(fig, title="Evidence map: how strong is the evidence for each claimed use?",
                          x_title="condition", y_title="level of evidence (Oxford CEBM 2011)")
    styled.update_xaxes(tickmode="array", tickvals=list(range(len(names))), ticktext=names, tickangle=-35,
                        range=[-0.6, len(names) - 0.4])
    styled.update_yaxes(tickmode="array", tickvals=list(LEVEL_LABELS), ticktext=list(LEVEL_LABELS.values()),
                        range=[5.6, 0.4])
    styled.update_layout(height=600, margin=dict(l=230, b=170),
                         legend_title_text="design (open = radiofrequency device)")
    return styled


def protocol_depth_figure(ranges: pd.DataFrame, layers: pd.DataFrame, site_label: str) -> go.Figure:
    """Needle-length ranges used in studies per condition, drawn over the skin layers of one body site.

    Parameters
    ----------
    ranges:
        One row per condition with ``name``, ``needle_mm_min``, ``needle_mm_max`` (mm; NaN when no study
        reported a length).
    layers:
        Output of :func:`microlib.skin.layer_boundaries`: ``layer``, ``top_mm``, ``bottom_mm``.
    site_label:
        Body site and sex the layers describe (shown in the title).

    The bars are *nominal* needle lengths; only part of a needle enters the skin (notebook 01).
    """
    fig = go.Figure()
    x_max = 3.2
    for i, layer in enumerate(layers.itertuples()):
        bottom = min(layer.bottom_mm, x_max)
        fig.add_vrect(x0=layer.top_mm, x1=bottom, fillcolor=style.PALETTE[(i + 4) % 7], opacity=0.12, line_width=0)
        fig.add_vline(x=layer.top_mm, line=dict(dash=style.DASHES[(i % 5) + 1], color="#444", width=1))
        fig.add_annotation(x=(layer.top_mm + bottom) / 2 if layer.bottom_mm < x_max else layer.top_mm + 0.25,
                           y=1.02, yref="paper", text=layer.layer, showarrow=False, textangle=-30,
                           font=dict(size=11), xanchor="center", yanchor="bottom")
    reported = ranges.dropna(subset=["needle_mm_min"])
    missing = ranges[ranges["needle_mm_min"].isna()]
    names = list(ranges["name"])
    for row in reported.itertuples():
        low, high = row.needle_mm_min, row.needle_mm_max
        fig.add_trace(go.Scatter(
            x=[low, high] if high > low else [low - 0.03, high + 0.03], y=[row.name, row.name], mode="lines+markers",
            line=dict(width=8, color=style.PALETTE[0]), marker=dict(symbol="line-ns", size=14, line_width=2),
            showlegend=False, hovertemplate=f"{row.name}: {low:g}–{high:g} mm<extra></extra>",
        ))
    if not missing.empty:
        fig.add_trace(go.Scatter(x=[0.05] * len(missing), y=list(missing["name"]), mode="text",
                                 text=["needle length not reported"] * len(missing), textposition="middle right",
                                 showlegend=False, hoverinfo="skip"))
    styled = style.styled(fig, title=f"Needle lengths used in studies, over the skin layers ({site_label})",
                          x_title="depth below the surface / nominal needle length (mm)", y_title=None)
    styled.update_xaxes(range=[0, x_max])
    styled.update_yaxes(categoryorder="array", categoryarray=names[::-1])
    styled.update_layout(height=120 + 34 * len(names), margin=dict(t=120, l=300))
    return styled


def head_to_head_figure(table: pd.DataFrame) -> go.Figure:
    """Microneedling against lasers: headline effect (left) and dark marks after treatment (right).

    One row per comparison; microneedling is a circle, the laser a square, joined by a line. Comparisons with
    no number are listed with their verdict in the row label, so a missing bar is not read as "no effect".

    Parameters
    ----------
    table:
        Output of :func:`microlib.evidence.head_to_head`.
    """
    labels = []
    for row in table.itertuples():
        verdict = "significant" if row.significant == "yes" else (
            "no significant difference" if row.significant == "no" else "significance not reported")
        unit = row.effect_unit if isinstance(row.effect_unit, str) else "no number"
        labels.append(f"{row.key} ({row.condition.replace('_', ' ')}; {unit}): {verdict}")
    fig = make_subplots(rows=1, cols=2, shared_yaxes=True, column_widths=[0.55, 0.45],
                        subplot_titles=("headline effect, in the study's unit", "dark marks (PIH), % of patients"))
    for col, (mn, other, unit) in enumerate((("effect_mn", "effect_comparator", "effect_unit"),
                                             ("pih_mn_pct", "pih_comparator_pct", None)), start=1):
        for (label, row) in zip(labels, table.itertuples(), strict=True):
            a, b = getattr(row, mn), getattr(row, other)
            if pd.isna(a) or pd.isna(b):
                continue
            fig.add_trace(go.Scatter(x=[a, b], y=[label, label], mode="lines", line=dict(color="#888", width=2),
                                     showlegend=False, hoverinfo="skip"), row=1, col=col)
        for name, column, symbol, colour in (("microneedling", mn, "circle", style.PALETTE[0]),
                                             ("laser", other, "square", style.PALETTE[5])):
            values = table[column]
            units = [getattr(r, unit) if unit else "% of patients" for r in table.itertuples()]
            fig.add_trace(go.Scatter(
                x=list(values), y=labels, mode="markers", name=name, legendgroup=name, showlegend=col == 1,
                marker=dict(symbol=symbol, size=13, color=colour, line=dict(width=1, color="#222")),
                customdata=units, hovertemplate="%{x} %{customdata}<extra>" + name + "</extra>",
            ), row=1, col=col)
    styled = style.styled(fig, title="Microneedling versus lasers, where trials compared them directly")
    styled.update_xaxes(title_text="value (study's own unit)", row=1, col=1)
    styled.update_xaxes(title_text="patients with dark marks (%)", range=[-2, 35], row=1, col=2)
    styled.update_yaxes(autorange="reversed", automargin=True)  # room for the longest study label, whatever it is
    styled.update_layout(height=200 + 45 * len(table), margin=dict(l=40))
    return styled


def gap_figure(gaps: pd.DataFrame) -> go.Figure:
    """Number of studies per claimed condition: randomised-or-better (solid) vs weaker (hatched).

    Conditions with no study of plain microneedling are labelled with their status ("no trial found" or
    "radiofrequency microneedling only"), so an empty row reads as a gap, not as missing data.

    Parameters
    ----------
    gaps:
        Output of :func:`microlib.evidence.gap_table`.
    """
    names = list(gaps["name"])
    fig = go.Figure()
    fig.add_trace(go.Bar(y=names, x=list(gaps["level_1_2"]), orientation="h", name="level 1–2 (randomised or better)",
                         marker=dict(color=style.PALETTE[0], line=dict(color="#222", width=1))))
    fig.add_trace(go.Bar(y=names, x=list(gaps["level_3_5"]), orientation="h", name="level 3–5 (weaker designs)",
                         marker=dict(color=style.PALETTE[1], pattern_shape="/", line=dict(color="#222", width=1))))
    fig.add_trace(go.Bar(y=names, x=list(gaps["radiofrequency_only"]), orientation="h",
                         name="radiofrequency device only", marker=dict(color="white", pattern_shape="x",
                                                                        line=dict(color="#222", width=1))))
    totals = gaps["level_1_2"] + gaps["level_3_5"] + gaps["radiofrequency_only"]
    for name, total, row in zip(names, totals, gaps.itertuples(), strict=True):
        status = "" if row.trial_status == "trials found" else f"{row.trial_status}; "
        text = f"{status}verdict: {row.verdict}"
        fig.add_annotation(x=total, y=name, text=text, showarrow=False, xanchor="left", xshift=6, font=dict(size=11))
    styled = style.styled(fig, title="Claimed uses with little or no trial evidence come first",
                          x_title="number of studies", y_title=None)
    styled.update_layout(barmode="stack", height=160 + 36 * len(names), margin=dict(l=300),
                         legend=dict(orientation="h", y=-0.15))
    styled.update_yaxes(autorange="reversed")
    styled.update_xaxes(range=[0, max(12, int(totals.max()) + 6)])
    return styled
