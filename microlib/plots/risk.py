"""Side-effect timeline for the risk checklist (notebook 03): what to expect, and for how many days.

Expected effects and complications differ by marker, pattern and label, never by colour alone. Effects whose
duration the sources do not report get a row with words instead of a bar, so a missing number is visible as a gap.

Example
-------
>>> from microlib.risk import assess, timeline_rows
>>> from microlib.plots.risk import side_effect_timeline
>>> fig = side_effect_timeline(timeline_rows(assess({"darker_skin_type": "yes"})))
>>> fig.layout.xaxis.title.text
'days after treatment'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import plotly.graph_objects as go

from ..style import PALETTE, current_look, figure

X_MAX_DAYS = 10.0
NO_TIMING_TEXT = "timing not reported in the sources read"


def _label(row: Mapping[str, Any]) -> str:
    prefix = "Expected" if row["kind"] == "expected" else "Complication"
    return f"{prefix}: {row['name']}"


def _span_text(row: Mapping[str, Any]) -> str:
    low, high = row["end_day_min"], row["end_day_max"]
    if high is None and row["start_day"] is not None:
        text = f"starts on day {row['start_day']:g};<br>how long it lasts was not reported"
    elif high is None:
        text = NO_TIMING_TEXT
    elif low is None or low == high:
        text = f"resolves by day {high:g}"
    else:
        text = f"resolves by day {low:g}–{high:g}"
    if high is not None and row["start_day"] is None:
        text += "<br>(onset not reported; bar drawn from day 0)"
    if row["can_persist"]:
        text += "; can persist"
    if row["more_likely_because"]:
        text += f"<br>(more likely: {row['more_likely_because']})"
    return text


def side_effect_timeline(rows: Sequence[Mapping[str, Any]], title: str = "Side effects to expect") -> go.Figure:
    """Horizontal bars from onset to the latest reported resolution, in days after treatment.

    Parameters
    ----------
    rows:
        Tidy rows as returned by :func:`microlib.risk.timeline_rows`: ``name``, ``kind`` (expected or
        complication), ``start_day``, ``end_day_min``, ``end_day_max`` (days; ``None`` when not reported),
        ``can_persist`` and ``more_likely_because``.
    title:
        Figure title.

    Returns
    -------
    go.Figure
        Three traces in a fixed order (expected effects, complications with timing, effects without timing), so
        a FigureWidget can update them in place. A diamond marks the earliest reported resolution.
    """
    look = current_look()
    labels = [_label(r) for r in rows]
    timed = [r for r in rows if r["end_day_max"] is not None]
    untimed = [r for r in rows if r["end_day_max"] is None]
    data = []
    for name, kind, colour, pattern in (("Expected effect", "expected", PALETTE[0], ""),
                                        ("Complication", "complication", PALETTE[5], "/")):
        part = [r for r in timed if r["kind"] == kind]
        starts = [r["start_day"] or 0.0 for r in part]
        data.append(dict(
            type="bar",
            name=f"{name} (bar: reported days)",
            orientation="h",
            y=[_label(r) for r in part],
            base=starts,
            x=[r["end_day_max"] - s for r, s in zip(part, starts, strict=True)],
            text=[_span_text(r) for r in part],
            textposition="outside",
            cliponaxis=False,
            constraintext="none",
            marker=dict(color=colour, pattern=dict(shape=pattern), line=dict(color="#222", width=1)),
            hovertemplate="%{y}<br>%{text}<extra></extra>",
        ))
    data.append(dict(
        type="scatter",
        name="Timing not reported",
        y=[_label(r) for r in untimed],
        x=[0.0] * len(untimed),
        mode="markers+text",
        marker=dict(symbol="x", size=look.marker_size, color=PALETTE[7]),
        text=[_span_text(r) for r in untimed],
        textposition="middle right",
        cliponaxis=False,
        hovertemplate="%{y}<br>%{text}<extra></extra>",
    ))
    early = [r for r in timed if r["end_day_min"] is not None]
    data.append(dict(
        type="scatter",
        name="Earliest reported resolution",
        y=[_label(r) for r in early],
        x=[r["end_day_min"] for r in early],
        mode="markers",
        marker=dict(symbol="diamond", size=look.marker_size, color="white", line=dict(color="#222", width=2)),
        hovertemplate="%{y}<br>earliest reported resolution: day %{x}<extra></extra>",
    ))
    return figure(data, dict(
        barmode="overlay",
        height=int(12 * look.font_size) + int(2.6 * look.font_size) * max(len(rows), 1),
        # Measured from the bottom of the whole figure, so the legend never sits on the axis title; margins grow
        # with the font so the projector look keeps its labels (room on the right for "resolves by" labels).
        legend=dict(orientation="h", yref="container", yanchor="bottom", y=0.0, xanchor="left", x=0.0),
        margin=dict(l=20, r=int(20 * look.font_size), t=60, b=int(10 * look.font_size)),
        xaxis=dict(title=dict(standoff=int(0.8 * look.font_size)), range=[0, X_MAX_DAYS], dtick=1),
        yaxis=dict(categoryorder="array", categoryarray=list(reversed(labels)), automargin=True),
    ), title=title, x_title="days after treatment")
