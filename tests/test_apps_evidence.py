"""The condition explorer: set controls, check the card, the table and the figure data."""

from __future__ import annotations

import html
import re

import pytest

from microlib.apps.evidence import build_evidence_app
from microlib.evidence import study_labels
from microlib.tables import TABLE_CLASS


@pytest.fixture
def app():
    return build_evidence_app("acne_scars")


def test_picking_a_condition_changes_card_table_and_figure(app):
    assert "Atrophic acne scars" in app.card.value and "Alam et al. 2014" in app.table.value
    app.condition.value = "striae"
    assert "Stretch marks" in app.card.value
    assert "Naspolini et al. 2019" in app.table.value and "Alam et al. 2014" not in app.table.value
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
    assert app.figure.data[0].y[0].startswith(study_labels(app.current_rows().iloc[:1])[0])


def test_radiofrequency_switch_empties_hyperhidrosis(app):
    app.condition.value = "hyperhidrosis"
    assert len(app.current_rows()) == 2
    app.radiofrequency.value = False
    assert app.current_rows().empty and "No study matches" in app.table.value


def test_unknown_initial_condition_is_refused():
    with pytest.raises(ValueError, match="initial='warts'"):
        build_evidence_app("warts")


def test_the_studies_table_is_a_student_table_without_keys_or_index(app):
    for condition in ("acne_scars", "striae", "androgenetic_alopecia"):
        app.condition.value = condition
        rows = app.current_rows()
        assert f'class="{TABLE_CLASS}"' in app.table.value and re.search(r"<caption[^>]*>", app.table.value)
        # a header row and one row per study, and no index column
        assert len(re.findall(r"<tr[\s>]", app.table.value)) == len(rows) + 1
        assert not any(key in app.table.value for key in rows["key"] if "_" in key or key[-4:].isdigit())
        headers = re.findall(r"<th(?:\s[^>]*)?>(.*?)</th>", app.table.value)
        assert headers[:2] == ["Study", "Design"] and "Headline result" in headers
        assert all(html.escape(r) in app.table.value for r in rows["result"])  # full text, never cut


def test_the_card_and_figure_use_names_not_keys(app):
    rows = app.current_rows()
    assert not any(key in label for label in app.figure.data[0].y for key in rows["key"])
    assert "harris2015" not in app.card.value and "medical advice" not in app.card.value
