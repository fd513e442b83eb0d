"""Figures for notebook 04: how the 82 checked claims fall across verdicts and topics."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from .. import style
from ..vocabulary import TOPIC_LABEL, VERDICT_ICON, VERDICTS

#: Fill patterns paired with colours so that verdicts differ without colour too.
PATTERNS = ("", "/", "x", "\\", ".")


def verdict_bar(counts: pd.DataFrame, title: str = "Verdicts on 82 marketing claims") -> go.Figure:
    """Horizontal bars: number of claims per verdict, each bar labelled with its count and icon.

    ``counts`` is the tidy table from :func:`microlib.claims.verdict_counts` (columns ``verdict``, ``claims``).
    """
    labels = [f"{VERDICT_ICON[v]} {v}" for v in counts["verdict"]]
    bar = dict(
        type="bar", x=counts["claims"].tolist(), y=labels, orientation="h", text=counts["claims"].tolist(),
        textposition="outside", hovertemplate="%{y}: %{x} claims<extra></extra>", cliponaxis=False,
        marker=dict(color=[style.PALETTE[VERDICTS.index(v)] for v in counts["verdict"]],
                    pattern=dict(shape=[PATTERNS[VERDICTS.index(v)] for v in counts["verdict"]])),
    )
    top = max(5, int(counts["claims"].max()) * 1.15 + 1)
    layout = style.merged(_room_for_labels(), dict(xaxis=dict(range=[0, top])))
    return style.figure([bar], layout, title=title, x_title="number of claims", y_title="verdict")


def _room_for_labels() -> dict:
    """Let plotly grow the left margin to fit every tick label and keep the axis title clear of them."""
    fs = style.current_look().font_size
    return dict(yaxis=dict(autorange="reversed", automargin=True, title=dict(standoff=14), ticklabelstandoff=4),
                xaxis=dict(automargin=True), margin=dict(l=20, r=30, b=round(3.6 * fs + 20)))


def verdicts_by_topic(counts: pd.DataFrame, title: str = "Verdicts by topic") -> go.Figure:
    """Stacked horizontal bars: for each topic, how many claims got each verdict.

    ``counts`` is ``verdict_counts(by_topic=True)`` (columns ``topic``, ``verdict``, ``claims``). Verdicts differ
    by colour *and* fill pattern, and the legend names them with their icons.
    """
    data = []
    for n, verdict in enumerate(VERDICTS):
        part = counts[counts["verdict"] == verdict]
        data.append(dict(
            type="bar", name=f"{VERDICT_ICON[verdict]} {verdict}", x=part["claims"].tolist(),
            y=[TOPIC_LABEL[t] for t in part["topic"]], orientation="h",
            marker=dict(color=style.PALETTE[n], pattern=dict(shape=PATTERNS[n])),
            hovertemplate="%{y}: %{x} claims " + verdict + "<extra></extra>",
        ))
    layout = style.merged(dict(barmode="stack", legend=dict(title=dict(text="verdict"))), _room_for_labels())
    return style.figure(data, layout, title=title, x_title="number of claims", y_title="topic")
