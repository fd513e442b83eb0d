"""Figures of notebook 02: what each draws, titles and axis titles with units, labels never rotated or cut."""

from __future__ import annotations

import pytest

from microlib.evidence import (
    evidence_grid,
    evidence_map_table,
    filter_studies,
    gap_table,
    head_to_head,
    head_to_head_outcomes,
    load_conditions,
    load_studies,
    protocol_ranges,
)
from microlib.plots.evidence import (
    evidence_map,
    gap_figure,
    head_to_head_figure,
    protocol_depth_figure,
    studies_figure,
    update_studies_figure,
)
from microlib.skin import layer_boundaries


@pytest.fixture(scope="module")
def data():
    return load_studies(), load_conditions()


def test_evidence_map_writes_every_count_in_its_cell(data):
    studies, conditions = data
    grid = evidence_grid(evidence_map_table(studies, conditions), conditions)
    fig = evidence_map(grid)
    (heat,) = fig.data
    assert heat.type == "heatmap" and heat.showscale is False
    assert len(heat.y) == len(conditions) and len(heat.x) == 5
    assert sum(map(sum, heat.z)) == int(grid["studies"].sum())
    # the number is written in each cell (a dash for none), so colour is never needed to read it
    for z_row, text_row in zip(heat.z, heat.text, strict=True):
        for z, text in zip(z_row, text_row, strict=True):
            assert (text == "–") if z == 0 else text.startswith(f"<b>{z}</b>")
    assert any("no trial found" in label for label in heat.y)
    assert fig.layout.xaxis.tickangle == 0  # never rotated
    assert "level of evidence" in fig.layout.xaxis.title.text and fig.layout.yaxis.title.text == "claimed use"
    assert fig.layout.title.text


def test_head_to_head_never_puts_two_units_on_one_axis(data):
    studies, _ = data
    outcomes = head_to_head_outcomes(head_to_head(studies))
    fig = head_to_head_figure(outcomes)
    panels = outcomes["outcome"].nunique()
    axes = [fig.layout[f"xaxis{'' if i == 1 else i}"] for i in range(1, panels + 1)]
    titles = [a.title.text for a in axes]
    assert len(set(titles)) == panels and all("(" in t for t in titles)  # each panel its own unit
    assert titles[0] == "patients with dark marks (%)"  # the comparable outcome first
    for trace in fig.data:
        if trace.mode and "markers" in trace.mode:
            axis = trace.xaxis or "x"
            index = 1 if axis == "x" else int(axis[1:])
            outcome = fig.layout.annotations[index - 1].text
            expected = outcomes[outcomes["outcome"].map(lambda o, t=outcome: f"<b>{o}</b>" in t)]
            assert len(trace.x) == len(expected)
    assert {t.name for t in fig.data if t.showlegend} == {"microneedling", "laser"}
    assert all(a.xanchor == "left" for a in fig.layout.annotations)


def test_protocol_depth_says_nominal_length_and_leaves_out_unreported(data):
    studies, conditions = data
    ranges = protocol_ranges(studies, conditions)
    fig = protocol_depth_figure(ranges, layer_boundaries("forehead"), "forehead")
    assert "nominal needle length" in fig.layout.xaxis.title.text and "(mm)" in fig.layout.xaxis.title.text
    assert "not depth reached" in fig.layout.title.text
    assert len(fig.data) == int(ranges["needle_mm_min"].notna().sum())
    assert all(a.textangle in (None, 0) for a in fig.layout.annotations)


def test_gap_figure_has_titles_and_names_the_gaps(data):
    studies, conditions = data
    fig = gap_figure(gap_table(studies, conditions))
    assert fig.layout.xaxis.title.text == "number of studies" and fig.layout.yaxis.title.text == "claimed use"
    assert any("no trial found" in a.text for a in fig.layout.annotations)
    assert fig.layout.yaxis.automargin


def test_studies_figure_updates_in_place_with_names_not_keys(data):
    studies, _ = data
    rows = filter_studies(studies, "acne_scars")
    fig = studies_figure(rows, "Atrophic acne scars")
    assert len(fig.data[0].y) == len(rows) and fig.layout.title.text.startswith("Atrophic acne scars")
    assert not any(k in label for label in fig.data[0].y for k in rows["key"])
    assert len(fig.data[1].y) == int(rows["n"].isna().sum())  # "not reported" marked, not drawn as zero
    update_studies_figure(fig, rows.iloc[:2], "Two")
    assert len(fig.data[0].y) == 2 and fig.layout.title.text.startswith("Two")
    update_studies_figure(fig, rows.iloc[0:0], "None")
    assert len(fig.data[0].y) == 0


def test_figures_name_what_they_leave_out(data):
    from microlib.evidence import head_to_head_left_out

    studies, conditions = data
    table = head_to_head(studies)
    left_out = head_to_head_left_out(table)
    fig = head_to_head_figure(head_to_head_outcomes(table), left_out=left_out)
    note = " ".join(a.text for a in fig.layout.annotations if "not drawn" in a.text).replace("<br>", " ")
    assert left_out and all(name.split()[0] in note for name in left_out)
    ranges = protocol_ranges(studies, conditions)
    depth = protocol_depth_figure(ranges, layer_boundaries("forehead"), "forehead")
    note = " ".join(a.text for a in depth.layout.annotations if "Not drawn" in a.text).replace("<br>", " ")
    for name in ranges[ranges["needle_mm_min"].isna()]["name"]:
        assert name.split()[0] in note


def test_figures_grow_with_the_projector_fonts(data):
    """Sizes are in pixels scaled by the font, so the projector look gets taller rows instead of overlaps."""
    from microlib import style

    studies, conditions = data
    grid = evidence_grid(evidence_map_table(studies, conditions), conditions)
    table = head_to_head(studies)
    builders = {
        "map": lambda: evidence_map(grid),
        "head_to_head": lambda: head_to_head_figure(head_to_head_outcomes(table)),
        "depth": lambda: protocol_depth_figure(protocol_ranges(studies, conditions), layer_boundaries("forehead"),
                                               "forehead"),
        "gap": lambda: gap_figure(gap_table(studies, conditions)),
        "studies": lambda: studies_figure(filter_studies(studies, "acne_scars"), "Acne scars"),
    }
    screen = {name: build().layout.height for name, build in builders.items()}
    style.set_projector(True)
    try:
        projector = {name: build() for name, build in builders.items()}
    finally:
        style.set_projector(False)
    for name, fig in projector.items():
        assert fig.layout.height > screen[name], name
    assert all("<br>" in label or len(label) <= 20 for label in projector["map"].data[0].y)
