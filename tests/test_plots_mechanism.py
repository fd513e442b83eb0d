"""Tests of the lesson-01 figure builders: what each figure draws and labels, read from the figure itself."""

from __future__ import annotations

import plotly.graph_objects as go
import pytest

from microlib import healing, skin
from microlib.loader import load_table
from microlib.plots import mechanism as plots

LENGTHS = [0.25, 0.5, 1.0, 1.5, 2.0]


def annotation_texts(fig: go.Figure) -> list[str]:
    return [a.text or "" for a in fig.layout.annotations]


def all_text(fig: go.Figure) -> str:
    parts = [*annotation_texts(fig), fig.layout.title.text or ""]
    for trace in fig.data:
        parts.append(trace.name or "")
        if getattr(trace, "text", None) is not None:
            parts.extend(str(t) for t in (trace.text if isinstance(trace.text, tuple) else [trace.text]))
    return " ".join(parts)


@pytest.fixture(params=["forehead", "eyelid"])
def anatomy(request) -> tuple[str, go.Figure]:
    site = request.param
    bounds = skin.layer_boundaries(site, "female")
    return site, plots.skin_anatomy(bounds, skin.reach_table(LENGTHS, site, "female"), f"{site}, woman", 0.5)


def test_anatomy_labels_every_layer_and_structure(anatomy):
    site, fig = anatomy
    text = all_text(fig)
    for word in ("epidermis", "papillary", "reticular", "small blood vessels", "deeper blood vessels",
                 "nerve endings", "hair follicle", "fibroblasts", "enlarged"):
        assert word in text, word
    below = "orbicularis" if site == "eyelid" else "subcutis"
    assert below in text
    assert ("subcutis" in text) == (site != "eyelid")


def test_anatomy_draws_the_layers_in_order_and_to_scale(anatomy):
    site, fig = anatomy
    bounds = skin.layer_boundaries(site, "female")
    layer_rects = [s for s in fig.layout.shapes if s.type == "rect" and s.xref in (None, "x") and s.x0 == 0.0]
    tops = [r.y0 for r in layer_rects]
    assert tops == sorted(tops) and tops == [float(t) for t in bounds["top_mm"]]
    assert fig.layout.yaxis.range[0] > fig.layout.yaxis.range[1]  # depth grows downwards
    assert fig.layout.yaxis.title.text == "depth below the surface (mm)"
    assert "five needle lengths" in fig.layout.title.text


def test_anatomy_has_a_nominal_and_a_reached_bar_for_each_of_five_lengths(anatomy):
    site, fig = anatomy
    dashed = [s for s in fig.layout.shapes if s.type == "rect" and s.line.dash == "dash"]
    filled = [s for s in fig.layout.shapes if s.type == "rect" and s.fillcolor == "#333"]
    assert [s.y1 for s in dashed] == LENGTHS
    reached = skin.reach_table(LENGTHS, site, "female")["depth_mm"].tolist()
    assert [s.y1 for s in filled] == pytest.approx(reached)
    assert all(f.y1 <= d.y1 for f, d in zip(filled, dashed, strict=True))
    key = " ".join(a.text for a in fig.layout.annotations if a.text.startswith("Key:"))
    assert "nominal needle length" in key and "50%" in key


def test_the_inset_enlarges_the_epidermis():
    bounds = skin.layer_boundaries("forehead", "female")
    fig = plots.skin_anatomy(bounds, skin.reach_table(LENGTHS, "forehead", "female"), "forehead, woman", 0.5)
    assert fig.layout.yaxis2.range[0] == pytest.approx(0.15)
    inset = [s for s in fig.layout.shapes if s.yref == "y2"]
    assert inset and inset[0].y1 == pytest.approx(float(bounds["bottom_mm"].iloc[0]))


def test_healing_timeline_draws_four_phases_once_each_and_the_patient_signs():
    phases = load_table("healing_phases")
    fig = plots.healing_timeline(phases)
    rows = list(fig.layout.yaxis.categoryarray)[::-1]
    phase_rows = [r for r in rows if r.startswith("<b>") and "IN THE SKIN" not in r and "PATIENT" not in r]
    assert phase_rows == ["<b>Haemostasis</b>", "<b>Inflammation</b>", "<b>Proliferation</b>", "<b>Remodelling</b>"]
    signs = phases[phases["kind"] == "patient_sign"]
    for label in signs["label"]:
        assert any(r.startswith(label) for r in rows), label
    for needed in ("Pinpoint bleeding", "Redness", "Swelling", "Dryness and flaking"):
        assert needed in signs["label"].tolist()
    used = {t.y[0] for t in fig.data if t.y is not None and len(t.y) and t.y[0] is not None}
    assert set(phase_rows) <= used
    assert len(fig.layout.title.text.split()) <= 10
    assert fig.layout.xaxis.type == "log" and fig.layout.xaxis.tickmode == "array"
    assert "session" in fig.layout.xaxis.ticktext and fig.layout.xaxis.title.text.startswith("time after")


def test_every_patient_sign_is_cited_and_linked_to_a_phase():
    signs = load_table("healing_phases").query("kind == 'patient_sign'")
    assert len(signs) >= 5
    assert signs["phase"].notna().all()
    assert set(signs["phase"]) == {"haemostasis", "inflammation", "proliferation", "remodelling"}
    assert (signs["citations"].map(len) > 0).all()


def test_collagen_sketch_shows_type_iii_rising_before_type_i_and_is_labelled_a_sketch():
    frame = healing.simulate(1, 28, 1.5, "forehead", 365, variant="textbook")
    curves = plots.collagen_switch_curves(frame)
    assert curves["type_iii"].idxmax() < curves["type_i"].idxmax()
    phases = load_table("healing_phases")
    markers = phases[phases["key"].isin(["collagen_iii_seen", "collagen_i_seen", "collagen_switch_rat"])]
    fig = plots.collagen_switch(curves, markers)
    assert "sketch" in fig.layout.title.text
    assert fig.layout.xaxis.title.text and fig.layout.yaxis.title.text
    names = [t.name for t in fig.data[:2]]
    assert "III" in names[0] and "I " in names[1]


def test_model_diagram_boxes_follow_the_model_chain_and_its_parameters():
    values = healing.default_parameters()
    fig = plots.model_diagram(values)
    text = " ".join(annotation_texts(fig))
    order = ["Needle session", "Injury signal", "Inflammation", "Active fibroblasts", "New collagen III",
             "New collagen I"]
    positions = [text.index(word) for word in order]
    assert positions == sorted(positions)
    assert f"half-life {values['t_half_fibroblast']:g} days" in text
    assert f"half-life {values['t_half_collagen']:g} days" in text
    arrows = [a for a in fig.layout.annotations if a.showarrow]
    assert len(arrows) == 7


def test_going_deeper_tables_show_author_year_not_keys():
    for table in (plots.model_parameter_table(healing.parameter_table()),
                  plots.validation_student_table(healing.validation_table()),
                  plots.sensitivity_student_table(healing.sensitivity("t_half_fibroblast", [10.0, 20.0]),
                                                  "Fibroblast half-life (days)")):
        assert "<caption>" in table.html
        assert not any("_" in header for header in table.columns)
        for key in ("lotfi2013", "kalluri2011", "t_half_", "check_direction", "modelling_choice"):
            assert key not in table.html


def test_column_subplots_gives_the_layout_plotlys_make_subplots_gives() -> None:
    """`style.column_subplots` is kept instead of `make_subplots` (which builds a whole figure first); this pins it to
    plotly's own arithmetic, so a plotly upgrade that changes the layout is noticed here."""
    import itertools

    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from microlib.style import column_subplots

    for heights, spacing, titled, shared in itertools.product(
            ([1], [1, 1], [0.35, 0.65], [2, 1, 1], [3, 1, 2, 1]), (0.0, 0.08, 0.15), (False, True), (False, True)):
        titles = [f"panel {i}" for i in range(len(heights))] if titled else None
        theirs = make_subplots(rows=len(heights), cols=1, row_heights=list(heights), vertical_spacing=spacing,
                               subplot_titles=titles, shared_xaxes=shared, figure=go.Figure(layout={"template": {}}))
        expected = {k: v for k, v in theirs.to_plotly_json()["layout"].items() if k != "template"}
        ours = go.Figure(layout={"template": {}, **column_subplots(heights, vertical_spacing=spacing, titles=titles,
                                                                    shared_xaxes=shared)})
        got = {k: v for k, v in ours.to_plotly_json()["layout"].items() if k != "template"}
        assert got == expected, (heights, spacing, titled, shared)
