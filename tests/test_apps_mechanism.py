"""Headless tests of the collagen-induction widget apps: set a control, assert the figure changed in place."""

from __future__ import annotations

import numpy as np

from microlib import healing, skin
from microlib.apps.mechanism import build_depth_app, build_healing_app
from microlib.plots import mechanism as plots


def test_depth_app_moves_the_depth_line_when_the_needle_changes():
    app = build_depth_app(needle_mm=1.5, site="forehead", penetration=0.5)
    figure = app.figure
    assert tuple(app.figure.data[-1].y) == (0.75, 0.75)
    app.needle.value = 2.5
    assert app.figure is figure  # updated in place, not replaced
    assert tuple(app.figure.data[-1].y) == (1.25, 1.25)
    assert "subcutis" in app.summary.value
    assert "2.50 mm" in app.figure.layout.title.text


def test_depth_app_site_and_penetration_change_layers_and_depth():
    app = build_depth_app()
    reticular_before = tuple(app.figure.data[2].y)
    app.site.value = "eyelid"
    assert tuple(app.figure.data[2].y) != reticular_before
    app.penetration.value = 0.2
    assert tuple(app.figure.data[-1].y) == (0.3, 0.3)


def test_every_control_is_labelled_with_units_or_choices():
    depth, heal = build_depth_app(), build_healing_app()
    for control in (depth.needle, depth.penetration, heal.sessions, heal.interval, heal.needle):
        assert "(" in control.description and ")" in control.description
    for control in (depth.site, depth.sex, heal.site, heal.variant):
        assert control.description


def test_healing_app_redraws_in_place_when_sessions_change():
    app = build_healing_app(sessions=3, interval_days=28, needle_mm=1.5, site="forehead")
    figure = app.figure
    n_traces = len(figure.data)
    before = np.array(figure.data[4].y)
    app.sessions.value = 6
    after = np.array(app.figure.data[4].y)
    assert app.figure is figure and len(app.figure.data) == n_traces
    assert after.max() > before.max()
    assert len(app.figure.data[8].x) == 6  # one session marker each
    expected = healing.simulate(6, 28, 1.5, "forehead", 365)["new_collagen_pct"].to_numpy()
    np.testing.assert_allclose(after, np.round(expected, 10))
    assert "6 session(s)" in app.figure.layout.title.text


def test_healing_app_variant_switch_changes_collagen_iii():
    app = build_healing_app()
    before = np.array(app.figure.data[7].y)
    app.variant.value = "textbook"
    assert np.array(app.figure.data[7].y).max() > before.max()
    assert "textbook" in app.figure.layout.title.text


def test_healing_app_summary_reports_the_band():
    app = build_healing_app()
    assert "band" in app.summary.value and "Day 365" in app.summary.value


def test_depth_app_shows_a_safety_note_only_at_the_eyelid():
    app = build_depth_app(site="forehead")
    assert app.safety.value == ""
    app.site.value = "eyelid"
    assert "Safety note" in app.safety.value and "muscle" in app.safety.value
    assert app.figure.data[3].name == "orbicularis oculi muscle"
    assert "orbicularis oculi muscle" in app.figure.data[4].text
    app.site.value = "neck"
    assert app.safety.value == "" and app.figure.data[3].name == "subcutis"


def test_healing_band_legend_matches_the_parameter_ranges():
    app = build_healing_app()
    assert app.figure.data[3].name == "uncertainty band (gain ±50%, penetration 0.2–1)"


def test_checks_stay_folded_and_plain_text_gives_nothing_away():
    from microlib.apps.mechanism import depth_check, schedule_check

    check = depth_check(1.0, "eyelid", "female")
    assert check._repr_html_().startswith("<details><summary>")
    assert "orbicularis oculi muscle" in check._repr_html_()
    assert "muscle" not in repr(check) and "mm" not in repr(check)
    schedule = schedule_check(4, (14, 28), 1.5, "forehead", 180)
    assert "every 28 days" in schedule._repr_html_() and "%" not in repr(schedule)


def test_static_builders_return_figures_with_unit_axis_titles():
    frames = {k: healing.simulate_protocol(k, days=200) for k in ("alam2014", "dogra2014", "eldomyati2015_acne")}
    comparison = plots.protocol_comparison(frames)
    assert len(comparison.data) == 3
    assert {t.line.dash for t in comparison.data} == {"solid", "dash", "dot"}
    section = plots.cross_section(skin.layer_boundaries("neck"), skin.needle_reach(1.0, "neck"))
    assert section.layout.yaxis.title.text == "depth below the surface (mm)"


def test_depth_explorer_draws_vessels_at_the_layer_borders_and_moves_them_with_the_site():
    app = build_depth_app(site="forehead")
    small, deep = app.figure.data[5], app.figure.data[6]
    assert small.name == "small blood vessels" and deep.name == "deeper blood vessels"
    bounds = skin.layer_boundaries("forehead").set_index("layer")
    assert set(small.y) == {bounds.loc["reticular dermis", "top_mm"]}
    assert set(deep.y) == {bounds.loc["reticular dermis", "bottom_mm"]}
    app.site.value = "eyelid"
    eyelid = skin.layer_boundaries("eyelid").set_index("layer")
    assert set(app.figure.data[6].y) == {eyelid.loc["reticular dermis", "bottom_mm"]}
