"""The condition explorer: set controls, check the card, the table and the figure data."""

from __future__ import annotations

import pytest

from microlib.apps.evidence import build_evidence_app


@pytest.fixture
def app():
    return build_evidence_app("acne_scars")


def test_picking_a_condition_changes_card_table_and_figure(app):
    assert "Atrophic acne scars" in app.card.value and "alam2014" in app.table.value
    app.condition.value = "striae"
    assert "Stretch marks" in app.card.value
    assert "naspolini2019" in app.table.value and "alam2014" not in app.table.value
    assert app.figure.layout.title.text.startswith("Stretch marks")
    assert len(app.figure.data[0].y) == len(app.current_rows())


def test_a_condition_without_trials_shows_the_gap(app):
    app.condition.value = "enlarged_pores"
    assert "no trial found" in app.card.value
    assert "No study matches" in app.table.value
    assert len(app.figure.data[0].y) == 0


def test_filters_and_sort_change_rows_and_figure(app):
    app.design.value = "randomised trials"
    keys = list(app.current_rows()["key"])
    assert set(keys) == {"alam2014", "cachafeiro2016"}
    app.design.value = "all designs"
    app.min_n.value = 100
    assert list(app.current_rows()["key"]) == ["kang2022"]
    assert list(app.figure.data[0].x) == [472.0]
    app.min_n.value = 0
    app.verified_only.value = True
    assert set(app.current_rows()["verification"]) == {"primary"}
    app.verified_only.value = False
    app.sort_by.value = "year"
    years = list(app.current_rows()["year"])
    assert years == sorted(years, reverse=True)
    assert app.figure.data[0].y[0].startswith(app.current_rows()["key"].iloc[0])


def test_radiofrequency_switch_empties_hyperhidrosis(app):
    app.condition.value = "hyperhidrosis"
    assert len(app.current_rows()) == 2
    app.radiofrequency.value = False
    assert app.current_rows().empty and "No study matches" in app.table.value


def test_unknown_initial_condition_is_refused():
    with pytest.raises(ValueError, match="initial='warts'"):
        build_evidence_app("warts")
