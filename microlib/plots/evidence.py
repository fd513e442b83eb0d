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

import textwrap

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from .. import style
from ..evidence import LEVEL_SHORT, PIH_OUTCOME, study_labels


def _wrap(text: str, width: int = 26) -> str:
    """Break a long label over lines (``<br>``) so that no label needs rotating or cutting."""
    return "<br>".join(textwrap.wrap(text, width=width)) or text


def _footnote(text: str, width: int = 95) -> str:
    """A note under a figure, broken into lines short enough for a notebook-width figure."""
    return "<br>".join(textwrap.wrap(text, width=width)) if text else ""


def _cell_text(studies: int, radiofrequency: int) -> str:
    if studies == 0:
        return "–"
    return f"<b>{studies}</b>" if radiofrequency == 0 else f"<b>{studies}</b><br>({radiofrequency} RF)"


def evidence_map(grid: pd.DataFrame) -> go.Figure:
    """The evidence map: claimed uses (rows) against levels of evidence (columns), the count written in each cell.

    Shading darkens with the number of studies, but the number itself is written in every cell (a dash for
    none), so the map reads without colour. "(1 RF)" says how many of the cell's studies used a
    radiofrequency microneedling device (a different, heat-based technology). A use with no study at all
    has "no trial found" under its name.

    Parameters
    ----------
    grid:
        Output of :func:`microlib.evidence.evidence_grid` (one row per condition and level).
    """
    look = style.current_look()
    wide = not style.projector_on()  # larger projector fonts need narrower labels
    names = list(dict.fromkeys(grid["name"]))
    status = dict(zip(grid["name"], grid["trial_status"], strict=False))
    width = 26 if wide else 20
    # "no trial found" is written under the name; a radiofrequency-only use shows "(n RF)" in its cells instead.
    row_labels = [f"{_wrap(n, width)}<br><i>{status[n]}</i>" if status[n] == "no trial found" else _wrap(n, width)
                  for n in names]
    headings = {level: f"<b>{level}</b><br>" + "<br>".join(textwrap.wrap(name, width=14 if wide else 10))
                for level, name in LEVEL_SHORT.items()}
    levels = list(LEVEL_SHORT)
    z, text = [], []
    for name in names:
        mine = grid[grid["name"] == name].set_index("level")
        z.append([int(mine.loc[lvl, "studies"]) for lvl in levels])
        text.append([_cell_text(int(mine.loc[lvl, "studies"]), int(mine.loc[lvl, "radiofrequency"]))
                     for lvl in levels])
    fig = go.Figure(go.Heatmap(
        z=z, x=[headings[lvl] for lvl in levels], y=row_labels, text=text, texttemplate="%{text}",
        textfont=dict(size=look.font_size + 1, color="#111"),
        colorscale=[[0.0, "#ffffff"], [1.0, "#6baed6"]], zmin=0, zmax=max(4, int(grid["studies"].max())),
        showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y}<br>level %{x}: %{z} studies<extra></extra>",
    ))
    styled = style.styled(fig, title="Evidence map: number of studies<br>per claimed use and level of evidence",
                          x_title="level of evidence (Oxford CEBM 2011; 1 = strongest design)",
                          y_title="claimed use")
    styled.update_xaxes(side="bottom", showline=False, ticks="", tickangle=0, automargin=True, title_standoff=12)
    styled.update_yaxes(autorange="reversed", showline=False, ticks="", automargin=True)
    row = round(look.font_size * 3.6)  # three lines of label text per row, at the active font size
    styled.update_layout(height=8 * look.font_size + 100 + row * len(names),
                         margin=dict(l=20, t=6 * look.font_size, r=20, b=20))
    return styled


def protocol_depth_figure(ranges: pd.DataFrame, layers: pd.DataFrame, site_label: str) -> go.Figure:
    """Nominal needle-length ranges used in studies per condition, drawn beside the skin layers of one body site.

    Parameters
    ----------
    ranges:
        One row per condition with ``name``, ``needle_mm_min``, ``needle_mm_max`` (mm; NaN when no study
        reported a length).
    layers:
        Output of :func:`microlib.skin.layer_boundaries`: ``layer``, ``top_mm``, ``bottom_mm``.
    site_label:
        Body site and sex the layers describe (shown in the title).

    The bars are *nominal* needle lengths, not depths reached: only part of a needle enters the skin
    (notebook 01). Conditions whose studies reported no needle length are left out; name them in the caption
    (:func:`microlib.evidence.protocol_ranges` gives NaN for them).
    """
    look = style.current_look()
    fs, ts = look.font_size, look.title_size
    wide = not style.projector_on()
    fig = go.Figure()
    x_max = 3.4
    for i, layer in enumerate(layers.itertuples()):
        bottom = min(layer.bottom_mm, x_max)
        fig.add_vrect(x0=layer.top_mm, x1=bottom, fillcolor=style.PALETTE[(i + 4) % 7], opacity=0.12, line_width=0)
        fig.add_vline(x=layer.top_mm, line=dict(dash=style.DASHES[(i % 5) + 1], color="#444", width=1))
        # Horizontal labels only: the thin upper layers are named on rows above, from their top edge rightwards,
        # so no label is rotated or overlaps another.
        step = max(0, 2 - i) if bottom - layer.top_mm < 0.6 else 0
        fig.add_annotation(x=layer.top_mm if step else (layer.top_mm + bottom) / 2, y=1.0,
                           yshift=4 + 1.6 * fs * step, yref="paper", text=f"↓ {layer.layer}" if step else layer.layer,
                           showarrow=False, font=dict(size=fs - 1), xanchor="left" if step else "center",
                           yanchor="bottom")
    reported = ranges.dropna(subset=["needle_mm_min"])
    names = list(reported["name"])
    missing = list(ranges[ranges["needle_mm_min"].isna()]["name"])
    width = 30 if wide else 22
    for row in reported.itertuples():
        low, high = row.needle_mm_min, row.needle_mm_max
        fig.add_trace(go.Scatter(
            x=[low, high] if high > low else [low - 0.03, high + 0.03], y=[_wrap(row.name, width)] * 2,
            mode="lines+markers+text", text=["", f"{low:g}–{high:g} mm" if high > low else f"{low:g} mm"],
            textposition="middle right", cliponaxis=False,
            line=dict(width=8, color=style.PALETTE[0]), marker=dict(symbol="line-ns", size=14, line_width=2),
            showlegend=False, hovertemplate=f"{row.name}: {low:g}–{high:g} mm<extra></extra>",
        ))
    x_title = "nominal needle length, or depth below the skin surface (mm)"
    styled = style.styled(fig, title=f"Nominal needle lengths in the studies (not depth reached),<br>"
                                     f"beside the skin layers of the {site_label}",
                          x_title=x_title if wide else x_title.replace(", or ", ",<br>or "),
                          y_title="claimed use")
    styled.update_xaxes(range=[0, x_max], automargin=True)
    styled.update_yaxes(categoryorder="array", categoryarray=[_wrap(n, width) for n in names[::-1]],
                        automargin=True)
    note = _footnote("Not drawn (no needle length reported in the studies read): " + "; ".join(missing) + "."
                     if missing else "", width=95 if wide else 60)
    note_px = (note.count("<br>") + 1) * fs * 1.4 if note else 0
    x_title_px = (1 if wide else 2) * fs * 1.3
    # Sizes in pixels, grown with the font: title (two lines), three rows of layer names, rows, axis, note.
    top_px = 12 + 2.6 * ts + 12 + 3 * 1.6 * fs + 8
    bottom_px = 2.2 * fs + x_title_px + 24 + note_px
    height = round(top_px + len(names) * 4.4 * fs + bottom_px)
    styled.update_layout(height=height, margin=dict(t=round(top_px), l=20, r=8 * fs, b=round(bottom_px)),
                         title=dict(y=1 - (12 + 0.9 * ts) / height, yref="container", yanchor="top"))
    if note:
        styled.add_annotation(text=note, x=0, xref="paper", xanchor="left", y=0, yref="paper", yanchor="top",
                              yshift=-(2.2 * fs + x_title_px + 14), showarrow=False, align="left",
                              font=dict(size=fs - 1))
    return styled


def head_to_head_figure(outcomes: pd.DataFrame, left_out: list[str] | None = None) -> go.Figure:
    """Microneedling against lasers, one panel per outcome, so only numbers in the same unit share an axis.

    In each panel a row is one study: microneedling is a circle, the laser a square, joined by a line. Studies
    that compared the two without a number to draw are not plotted; name them in the caption
    (:func:`microlib.evidence.head_to_head_left_out`).

    Parameters
    ----------
    outcomes:
        Output of :func:`microlib.evidence.head_to_head_outcomes`.
    left_out:
        Studies whose improvement has no number to draw (:func:`microlib.evidence.head_to_head_left_out`);
        named in a note under the panels, so a missing row is never read as "no effect".
    """
    look = style.current_look()
    fs, ts = look.font_size, look.title_size
    found = list(dict.fromkeys(outcomes["outcome"]))
    # The comparable outcome (dark marks, in % of patients, reported by several studies) goes first.
    panels = [o for o in found if o == PIH_OUTCOME] + [o for o in found if o != PIH_OUTCOME]
    counts = [int((outcomes["outcome"] == o).sum()) for o in panels]
    titles = []
    for outcome in panels:
        part = outcomes[outcomes["outcome"] == outcome]
        conditions = ", ".join(dict.fromkeys(part["condition"].str.lower()))
        titles.append(f"<b>{outcome}</b><br>{conditions}")
    # Every size below is in pixels and grows with the font, so the projector look never overlaps either.
    panel_px = [max(c, 1) * fs * 4.5 + 30 for c in counts]
    gap_px = 6.5 * fs + 40  # the previous panel's ticks and axis title, then this panel's two-line title
    plot_px = sum(panel_px) + gap_px * max(len(panels) - 1, 0)
    fig = make_subplots(rows=max(len(panels), 1), cols=1, subplot_titles=titles or None,
                        vertical_spacing=gap_px / plot_px if len(panels) > 1 else 0.1,
                        row_heights=panel_px or None)
    for index, outcome in enumerate(panels, start=1):
        part = outcomes[outcomes["outcome"] == outcome]
        for row in part.itertuples():
            fig.add_trace(go.Scatter(x=[row.microneedling, row.comparator], y=[_wrap(row.study, 30)] * 2, mode="lines",
                                     line=dict(color="#888", width=2), showlegend=False, hoverinfo="skip"),
                          row=index, col=1)
        for name, column, symbol, colour in (("microneedling", "microneedling", "circle", style.PALETTE[0]),
                                             ("laser", "comparator", "square", style.PALETTE[5])):
            fig.add_trace(go.Scatter(
                x=list(part[column]), y=[_wrap(s, 30) for s in part["study"]], mode="markers+text", name=name,
                legendgroup=name,
                showlegend=index == 1, text=[f"{v:g}" for v in part[column]],
                textposition="bottom center", cliponaxis=False,
                marker=dict(symbol=symbol, size=look.marker_size + 5, color=colour, line=dict(width=1, color="#222")),
                hovertemplate="%{y}: %{x}<extra>" + name + "</extra>",
            ), row=index, col=1)
        axis = part["axis"].iloc[0]
        top = float(max(part["microneedling"].max(), part["comparator"].max()))
        upper = 10.0 if "0–10" in axis else (max(10.0, round(top * 1.25 + 1)))
        fig.update_xaxes(title_text=axis, range=[-0.5 if upper <= 10 else -1, upper], row=index, col=1)
        # first study at the top; room under the last row for its value labels
        fig.update_yaxes(automargin=True, range=[len(part) - 0.35, -0.6], row=index, col=1)
    styled = style.styled(fig, title="Microneedling versus lasers:<br>one panel per outcome, each in its own unit")
    styled.update_yaxes(automargin=True)
    # Panel titles start at the left edge, so a long outcome name is never cut at the right.
    styled.for_each_annotation(lambda a: a.update(x=0, xanchor="left", xref="paper", align="left",
                                                  font=dict(size=fs)))
    note = _footnote("Improvement not drawn (no number to plot; see the table): " + "; ".join(left_out) + "."
                     if left_out else "", width=95 if fs < 16 else 60)
    note_px = (note.count("<br>") + 1) * fs * 1.4 if note else 0
    if note:
        styled.add_annotation(text=note, x=0, xref="paper", xanchor="left", y=0, yref="paper", yanchor="top",
                              yshift=-(3.4 * fs + 16), showarrow=False, align="left", font=dict(size=fs - 1))
    # Title (two lines), then the key, then the first panel's title: stacked in pixels from the top.
    legend_px = 12 + 3.4 * ts + 10
    top_px = legend_px + 1.8 * fs + 2.8 * fs + 12
    bottom_px = 3.6 * fs + 30 + note_px
    height = round(top_px + plot_px + bottom_px)
    styled.update_layout(height=height, margin=dict(l=20, t=round(top_px), r=30, b=round(bottom_px)),
                         title=dict(y=1 - (12 + 0.9 * ts) / height, yref="container", yanchor="top"),
                         legend=dict(orientation="h", x=0, xref="container", y=1 - legend_px / height,
                                     yref="container", yanchor="top", title_text="marker: "))
    return styled


def gap_figure(gaps: pd.DataFrame) -> go.Figure:
    """Number of studies per claimed condition: randomised-or-better (solid) vs weaker (hatched).

    Conditions with no study of plain microneedling carry their status ("no trial found" or
    "radiofrequency microneedling only") under their name, so an empty row reads as a gap, not as missing data;
    each bar ends with the condition's evidence verdict.

    Parameters
    ----------
    gaps:
        Output of :func:`microlib.evidence.gap_table`.
    """
    look = style.current_look()
    fs = look.font_size
    width = 30 if not style.projector_on() else 22
    names = [_wrap(name, width) for name in gaps["name"]]
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
        # The trial status ("no trial found" …) is written beside the bar, so an empty row reads as a gap.
        status = "" if row.trial_status == "trials found" else f"<br><i>{row.trial_status}</i>"
        fig.add_annotation(x=total, y=name, text=f"verdict: {row.verdict}{status}", showarrow=False,
                           xanchor="left", xshift=6, font=dict(size=fs - 1), align="left")
    styled = style.styled(fig, title="Claimed uses with little or no trial evidence come first",
                          x_title="number of studies", y_title="claimed use")
    lines = max(n.count("<br>") + 1 for n in names) if names else 1
    row_px = lines * 1.3 * fs + 10
    legend_top = 12 + 1.6 * look.title_size
    top_px = legend_top + 3 * 1.6 * fs + 10  # the key (up to three lines) sits between the title and the bars
    bottom_px = 2.2 * fs + 1.6 * fs + 30
    height = round(top_px + row_px * len(names) + bottom_px)
    styled.update_layout(barmode="stack", height=height, margin=dict(l=20, t=round(top_px), b=round(bottom_px)),
                         title=dict(y=1 - 12 / height, yref="container", yanchor="top"),
                         legend=dict(orientation="h", x=0, xref="container", y=1 - legend_top / height,
                                     yref="container", yanchor="top", traceorder="normal"), showlegend=True)
    styled.update_yaxes(autorange="reversed", automargin=True)
    styled.update_xaxes(range=[0, max(12, int(totals.max()) + 6)])
    return styled


def _study_row_labels(rows: pd.DataFrame) -> list[str]:
    names = study_labels(rows) if not rows.empty else []
    return [f"{name}<br>{design}, level {level}"
            for name, design, level in zip(names, rows["design"], rows["cebm_level"], strict=True)]


def studies_figure(rows: pd.DataFrame | None = None, name: str = "studies") -> go.Figure:
    """Participants per study for one condition: a bar per study, its name, design and level in the label.

    Studies with no reported number of participants get an ✕ at 1 instead of a bar, so "not reported" is
    never read as "none". The condition explorer updates this figure in place with
    :func:`update_studies_figure`.

    Parameters
    ----------
    rows:
        Rows of ``data/studies.csv`` in display order (``None``: an empty figure to fill later).
    name:
        The condition's name, for the title.
    """
    base = go.Figure()
    base.add_trace(go.Bar(x=[], y=[], orientation="h", name="people analysed", textposition="outside",
                          cliponaxis=False, marker=dict(color=style.PALETTE[0], line=dict(color="#222", width=1))))
    base.add_trace(go.Scatter(x=[], y=[], mode="markers", name="number not reported",
                              marker=dict(symbol="x", size=10, color="#222")))
    style.styled(base, title=name, x_title="people analysed (log scale)", y_title=None)
    base.update_xaxes(type="log", range=[0, 3.5], tickvals=[1, 10, 100, 1000], automargin=True)
    base.update_yaxes(categoryorder="array", automargin=True)
    base.update_layout(legend=dict(orientation="h", x=0, xref="container", yref="container", yanchor="top"))
    _place_studies_layout(base, 0)
    if rows is not None:
        update_studies_figure(base, rows, name)
    return base


def update_studies_figure(fig: go.Figure, rows: pd.DataFrame, name: str) -> None:
    """Redraw ``fig`` (from :func:`studies_figure`, or a ``FigureWidget`` of it) for ``rows``, in place."""
    labels = _study_row_labels(rows)
    sizes = [float(n) if not pd.isna(n) else 0.0 for n in rows["n"]]
    unknown = [label for label, n in zip(labels, rows["n"], strict=True) if pd.isna(n)]
    with fig.batch_update():
        fig.data[0].x = sizes
        fig.data[0].y = labels
        fig.data[0].text = [f"{int(n)}" if n else "" for n in sizes]
        fig.data[1].x = [1.0] * len(unknown)
        fig.data[1].y = unknown
        fig.layout.title.text = f"{name}: {len(rows)} result{'' if len(rows) == 1 else 's'} after the filters"
        fig.layout.yaxis.categoryarray = labels[::-1]
        _place_studies_layout(fig, len(labels))


def _place_studies_layout(fig: go.Figure, rows: int) -> None:
    """Height and the pixel positions of title and key for ``rows`` studies (two label lines each)."""
    look = style.current_look()
    fs, ts = look.font_size, look.title_size
    legend_top = 12 + 1.6 * ts
    top = legend_top + 2 * 1.6 * fs + 10  # the key may wrap to two lines
    bottom = 4 * fs + 30
    height = round(top + (2.9 * fs + 6) * max(rows, 1) + bottom)
    fig.layout.height = height
    fig.layout.margin = dict(l=20, r=4 * fs, t=round(top), b=round(bottom))
    fig.layout.title.update(y=1 - 12 / height, yref="container", yanchor="top")
    fig.layout.legend.y = 1 - legend_top / height
