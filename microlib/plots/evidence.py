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

from .. import style
from ..evidence import LEVEL_SHORT, PIH_OUTCOME, study_labels


def _wrap(text: str, width: int = 26) -> str:
    """Break a long label over lines (``<br>``) so that no label needs rotating or cutting."""
    return "<br>".join(textwrap.wrap(text, width=width)) or text


def _footnote(text: str, width: int = 95) -> str:
    """A note under a figure, broken into lines short enough for a notebook-width figure."""
    return "<br>".join(textwrap.wrap(text, width=width)) if text else ""


def _title_at(px: float, height: float) -> dict:
    """The title placed ``px`` pixels below the top of a figure ``height`` pixels high."""
    return dict(y=1 - px / height, yref="container", yanchor="top")


def _key_at(px: float, height: float, **more: object) -> dict:
    """A horizontal legend (the key) starting at the left edge, ``px`` pixels below the top."""
    return dict(orientation="h", x=0, xref="container", y=1 - px / height, yref="container", yanchor="top", **more)


def _note_below(text: str, yshift: float, fs: int) -> dict:
    """A note under the plot, ``yshift`` pixels below its bottom edge (under the axis title)."""
    return dict(text=text, x=0, xref="paper", xanchor="left", y=0, yref="paper", yanchor="top", yshift=yshift,
                showarrow=False, align="left", font=dict(size=fs - 1))


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
    heatmap = dict(
        type="heatmap", z=z, x=[headings[lvl] for lvl in levels], y=row_labels, text=text, texttemplate="%{text}",
        textfont=dict(size=look.font_size + 1, color="#111"),
        colorscale=[[0.0, "#ffffff"], [1.0, "#6baed6"]], zmin=0, zmax=max(4, int(grid["studies"].max())),
        showscale=False, xgap=2, ygap=2,
        hovertemplate="%{y}<br>level %{x}: %{z} studies<extra></extra>",
    )
    row = round(look.font_size * 3.6)  # three lines of label text per row, at the active font size
    return style.figure([heatmap], dict(
        xaxis=dict(side="bottom", showline=False, ticks="", tickangle=0, automargin=True, title=dict(standoff=12)),
        yaxis=dict(autorange="reversed", showline=False, ticks="", automargin=True),
        height=8 * look.font_size + 100 + row * len(names), margin=dict(l=20, t=6 * look.font_size, r=20, b=20),
    ), title="Evidence map: number of studies<br>per claimed use and level of evidence",
        x_title="level of evidence (Oxford CEBM 2011; 1 = strongest design)", y_title="claimed use")


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
    x_max = 3.4
    shapes: list[dict] = []
    notes: list[dict] = []
    for i, layer in enumerate(layers.itertuples()):
        bottom = min(layer.bottom_mm, x_max)
        shapes.append(dict(type="rect", x0=layer.top_mm, x1=bottom, xref="x", y0=0, y1=1, yref="y domain",
                           fillcolor=style.PALETTE[(i + 4) % 7], opacity=0.12, line=dict(width=0)))
        shapes.append(dict(type="line", x0=layer.top_mm, x1=layer.top_mm, xref="x", y0=0, y1=1, yref="y domain",
                           line=dict(dash=style.DASHES[(i % 5) + 1], color="#444", width=1)))
        # Horizontal labels only: the thin upper layers are named on rows above, from their top edge rightwards,
        # so no label is rotated or overlaps another.
        step = max(0, 2 - i) if bottom - layer.top_mm < 0.6 else 0
        notes.append(dict(x=layer.top_mm if step else (layer.top_mm + bottom) / 2, y=1.0,
                          yshift=4 + 1.6 * fs * step, yref="paper", text=f"↓ {layer.layer}" if step else layer.layer,
                          showarrow=False, font=dict(size=fs - 1), xanchor="left" if step else "center",
                          yanchor="bottom"))
    reported = ranges.dropna(subset=["needle_mm_min"])
    names = list(reported["name"])
    missing = list(ranges[ranges["needle_mm_min"].isna()]["name"])
    width = 30 if wide else 22
    data = []
    for row in reported.itertuples():
        low, high = row.needle_mm_min, row.needle_mm_max
        data.append(dict(
            type="scatter", x=[low, high] if high > low else [low - 0.03, high + 0.03],
            y=[_wrap(row.name, width)] * 2,
            mode="lines+markers+text", text=["", f"{low:g}–{high:g} mm" if high > low else f"{low:g} mm"],
            textposition="middle right", cliponaxis=False,
            line=dict(width=8, color=style.PALETTE[0]), marker=dict(symbol="line-ns", size=14, line=dict(width=2)),
            showlegend=False, hovertemplate=f"{row.name}: {low:g}–{high:g} mm<extra></extra>",
        ))
    x_title = "nominal needle length, or depth below the skin surface (mm)"
    note = _footnote("Not drawn (no needle length reported in the studies read): " + "; ".join(missing) + "."
                     if missing else "", width=95 if wide else 60)
    note_px = (note.count("<br>") + 1) * fs * 1.4 if note else 0
    x_title_px = (1 if wide else 2) * fs * 1.3
    # Sizes in pixels, grown with the font: title (two lines), three rows of layer names, rows, axis, note.
    top_px = 12 + 2.6 * ts + 12 + 3 * 1.6 * fs + 8
    bottom_px = 2.2 * fs + x_title_px + 24 + note_px
    height = round(top_px + len(names) * 4.4 * fs + bottom_px)
    if note:
        notes.append(_note_below(note, -(2.2 * fs + x_title_px + 14), fs))
    return style.figure(data, dict(
        shapes=shapes, annotations=notes, xaxis=dict(range=[0, x_max], automargin=True),
        yaxis=dict(categoryorder="array", categoryarray=[_wrap(n, width) for n in names[::-1]], automargin=True),
        height=height, margin=dict(t=round(top_px), l=20, r=8 * fs, b=round(bottom_px)),
        title=_title_at(12 + 0.9 * ts, height),
    ), title=f"Nominal needle lengths in the studies (not depth reached),<br>beside the skin layers of the "
             f"{site_label}", x_title=x_title if wide else x_title.replace(", or ", ",<br>or "), y_title="claimed use")


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
    layout = style.column_subplots(panel_px or [1], titles=titles or None,
                                   vertical_spacing=gap_px / plot_px if len(panels) > 1 else 0.1)
    data = []
    for index, outcome in enumerate(panels, start=1):
        part = outcomes[outcomes["outcome"] == outcome]
        n = "" if index == 1 else index
        axes = dict(xaxis=f"x{n}", yaxis=f"y{n}")
        for row in part.itertuples():
            data.append(dict(type="scatter", x=[row.microneedling, row.comparator], y=[_wrap(row.study, 30)] * 2,
                             mode="lines", line=dict(color="#888", width=2), showlegend=False, hoverinfo="skip",
                             **axes))
        for name, column, symbol, colour in (("microneedling", "microneedling", "circle", style.PALETTE[0]),
                                             ("laser", "comparator", "square", style.PALETTE[5])):
            data.append(dict(
                type="scatter", x=list(part[column]), y=[_wrap(s, 30) for s in part["study"]], mode="markers+text",
                name=name, legendgroup=name,
                showlegend=index == 1, text=[f"{v:g}" for v in part[column]],
                textposition="bottom center", cliponaxis=False,
                marker=dict(symbol=symbol, size=look.marker_size + 5, color=colour, line=dict(width=1, color="#222")),
                hovertemplate="%{y}: %{x}<extra>" + name + "</extra>", **axes,
            ))
        axis = part["axis"].iloc[0]
        top = float(max(part["microneedling"].max(), part["comparator"].max()))
        upper = 10.0 if "0–10" in axis else (max(10.0, round(top * 1.25 + 1)))
        layout[f"xaxis{n}"].update(title=dict(text=axis), range=[-0.5 if upper <= 10 else -1, upper])
        # first study at the top; room under the last row for its value labels
        layout[f"yaxis{n}"].update(range=[len(part) - 0.35, -0.6])
    for key in [k for k in layout if k.startswith("yaxis")]:
        layout[key]["automargin"] = True
    # Panel titles start at the left edge, so a long outcome name is never cut at the right.
    notes = [style.merged(a, dict(x=0, xanchor="left", xref="paper", align="left", font=dict(size=fs)))
             for a in layout.get("annotations", [])]
    note = _footnote("Improvement not drawn (no number to plot; see the table): " + "; ".join(left_out) + "."
                     if left_out else "", width=95 if fs < 16 else 60)
    note_px = (note.count("<br>") + 1) * fs * 1.4 if note else 0
    if note:
        notes.append(_note_below(note, -(3.4 * fs + 16), fs))
    # Title (two lines), then the key, then the first panel's title: stacked in pixels from the top.
    legend_px = 12 + 3.4 * ts + 10
    top_px = legend_px + 1.8 * fs + 2.8 * fs + 12
    bottom_px = 3.6 * fs + 30 + note_px
    height = round(top_px + plot_px + bottom_px)
    layout.update(annotations=notes, height=height, margin=dict(l=20, t=round(top_px), r=30, b=round(bottom_px)),
                  title=_title_at(12 + 0.9 * ts, height),
                  legend=_key_at(legend_px, height, title=dict(text="marker: ")))
    return style.figure(data, layout,
                        title="Microneedling versus lasers:<br>one panel per outcome, each in its own unit")


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
    bar, edge = dict(type="bar", y=names, orientation="h"), dict(color="#222", width=1)
    data = [
        dict(bar, x=list(gaps["level_1_2"]), name="level 1–2 (randomised or better)",
             marker=dict(color=style.PALETTE[0], line=edge)),
        dict(bar, x=list(gaps["level_3_5"]), name="level 3–5 (weaker designs)",
             marker=dict(color=style.PALETTE[1], pattern=dict(shape="/"), line=edge)),
        dict(bar, x=list(gaps["radiofrequency_only"]), name="radiofrequency device only",
             marker=dict(color="white", pattern=dict(shape="x"), line=edge)),
    ]
    totals = gaps["level_1_2"] + gaps["level_3_5"] + gaps["radiofrequency_only"]
    notes = []
    for name, total, row in zip(names, totals, gaps.itertuples(), strict=True):
        # The trial status ("no trial found" …) is written beside the bar, so an empty row reads as a gap.
        status = "" if row.trial_status == "trials found" else f"<br><i>{row.trial_status}</i>"
        notes.append(dict(x=total, y=name, text=f"verdict: {row.verdict}{status}", showarrow=False,
                          xanchor="left", xshift=6, font=dict(size=fs - 1), align="left"))
    lines = max(n.count("<br>") + 1 for n in names) if names else 1
    row_px = lines * 1.3 * fs + 10
    legend_top = 12 + 1.6 * look.title_size
    top_px = legend_top + 3 * 1.6 * fs + 10  # the key (up to three lines) sits between the title and the bars
    bottom_px = 2.2 * fs + 1.6 * fs + 30
    height = round(top_px + row_px * len(names) + bottom_px)
    return style.figure(data, dict(
        annotations=notes, barmode="stack", height=height,
        margin=dict(l=20, t=round(top_px), b=round(bottom_px)), title=_title_at(12, height),
        legend=_key_at(legend_top, height, traceorder="normal"), showlegend=True,
        yaxis=dict(autorange="reversed", automargin=True), xaxis=dict(range=[0, max(12, int(totals.max()) + 6)]),
    ), title="Claimed uses with little or no trial evidence come first", x_title="number of studies",
        y_title="claimed use")


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
    bars = dict(type="bar", x=[], y=[], orientation="h", name="people analysed", textposition="outside",
                cliponaxis=False, marker=dict(color=style.PALETTE[0], line=dict(color="#222", width=1)))
    marks = dict(type="scatter", x=[], y=[], mode="markers", name="number not reported",
                 marker=dict(symbol="x", size=10, color="#222"))
    layout = dict(xaxis=dict(type="log", range=[0, 3.5], tickvals=[1, 10, 100, 1000], automargin=True),
                  yaxis=dict(categoryorder="array", automargin=True),
                  legend=dict(orientation="h", x=0, xref="container", yref="container", yanchor="top"))
    if rows is None:
        layout = style.merged(layout, _studies_layout(0))
    else:
        filled, unknown, changes = _studies_update(rows, name)
        bars.update(filled)
        marks.update(unknown)
        layout = style.merged(layout, changes)
    return style.figure([bars, marks], layout, title=name, x_title="people analysed (log scale)")


def update_studies_figure(fig: go.Figure, rows: pd.DataFrame, name: str) -> None:
    """Redraw ``fig`` (from :func:`studies_figure`, or a ``FigureWidget`` of it) for ``rows``, in place."""
    filled, unknown, changes = _studies_update(rows, name)
    with fig.batch_update():
        fig.data[0].update(filled)
        fig.data[1].update(unknown)
        fig.update_layout(changes)


def _studies_update(rows: pd.DataFrame, name: str) -> tuple[dict, dict, dict]:
    """What ``rows`` change in :func:`studies_figure`: the bars, the ✕ marks and the layout."""
    labels = _study_row_labels(rows)
    sizes = [float(n) if not pd.isna(n) else 0.0 for n in rows["n"]]
    unknown = [label for label, n in zip(labels, rows["n"], strict=True) if pd.isna(n)]
    filled = dict(x=sizes, y=labels, text=[f"{int(n)}" if n else "" for n in sizes])
    title = f"{name}: {len(rows)} result{'' if len(rows) == 1 else 's'} after the filters"
    return filled, dict(x=[1.0] * len(unknown), y=unknown), style.merged(
        dict(title=dict(text=title), yaxis=dict(categoryarray=labels[::-1])), _studies_layout(len(labels)))


def _studies_layout(rows: int) -> dict:
    """Height and the pixel positions of title and key for ``rows`` studies (two label lines each)."""
    look = style.current_look()
    fs, ts = look.font_size, look.title_size
    legend_top = 12 + 1.6 * ts
    top = legend_top + 2 * 1.6 * fs + 10  # the key may wrap to two lines
    bottom = 4 * fs + 30
    height = round(top + (2.9 * fs + 6) * max(rows, 1) + bottom)
    return dict(height=height, margin=dict(l=20, r=4 * fs, t=round(top), b=round(bottom)),
                title=_title_at(12, height), legend=dict(y=1 - legend_top / height))
