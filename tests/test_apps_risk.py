"""The checklist widget app: toggles drive the outcome, reasons and timeline exactly as the engine says."""

from __future__ import annotations

from pathlib import Path

import pytest

from microlib import risk
from microlib.apps.risk import build_checklist_app
from microlib.style import current_look


@pytest.fixture
def app():
    return build_checklist_app()


def timeline_labels(app) -> set[str]:
    return {label for trace in app.timeline.data for label in (trace.y or ())}


def test_starts_with_every_answer_unknown_and_a_provisional_result(app) -> None:
    assert set(app.answers().values()) == {"unknown"}
    assert "No flags from this checklist" in app.outcome.value
    assert "Provisional" in app.outcome.value


def test_every_item_has_a_toggle_grouped_by_category(app) -> None:
    assert set(app.toggles) == {i.key for i in risk.checklist_items()}
    text = app.widget.children[4].children[0].children
    titles = [group.children[0].value for group in text]
    assert titles == [f"<h4>{risk.CATEGORY_TITLES[c]}</h4>" for c in risk.CATEGORIES]
    for toggle in app.toggles.values():
        assert toggle.options == ("yes", "no", "unknown")
        assert toggle.description


def test_toggling_an_item_changes_outcome_reasons_and_timeline_as_the_engine_says(app) -> None:
    app.set_answers(risk.blank_answers("no"))
    assert "Complication: Dark marks (post-inflammatory hyperpigmentation)" not in timeline_labels(app)
    app.toggles["darker_skin_type"].value = "yes"
    expected = risk.assess(risk.blank_answers("no") | {"darker_skin_type": "yes"})
    assert app.assessment == expected
    assert f"Outcome: {expected.outcome.headline}" in app.outcome.value
    assert "Darker skin type" in app.reasons.value and "Dogra et al. 2014" in app.reasons.value
    assert "Complication: Dark marks (post-inflammatory hyperpigmentation)" in timeline_labels(app)
    app.toggles["bleeding_disorder"].value = "yes"
    assert "Outcome: ✖ Do not treat" in app.outcome.value
    app.toggles["bleeding_disorder"].value = "no"
    app.toggles["darker_skin_type"].value = "no"
    assert "No flags from this checklist" in app.outcome.value
    assert "Complication: Dark marks (post-inflammatory hyperpigmentation)" not in timeline_labels(app)


def test_timeline_traces_match_the_engine_rows(app) -> None:
    app.load_vignette("case_d_dev")
    rows = risk.timeline_rows(app.assessment)
    untimed = [r for r in rows if r["end_day_max"] is None]
    assert len(app.timeline.data[2].y) == len(untimed)
    fs = current_look().font_size  # the height grows with the rows and with the font (projector look)
    assert app.timeline.layout.height == int(12 * fs) + int(2.6 * fs) * len(rows)


@pytest.mark.parametrize("key", risk.vignette_keys())
def test_loading_a_vignette_shows_its_expected_outcome(app, key: str) -> None:
    app.vignette.value = key
    app.load_button.click()
    case = risk.vignette(key)
    outcome = next(o for o in risk.outcome_scale() if o.key == case.expected_outcome)
    assert f"Outcome: {outcome.headline}" in app.outcome.value
    assert case.title in app.vignette_story.value


def test_unknowns_from_a_vignette_are_listed_as_open_questions(app) -> None:
    app.load_vignette("case_h_hana")
    assert app.toggles["anticoagulants"].value == "unknown"
    assert "Blood thinners" in app.reasons.value.split("Open questions")[1]
    assert "Refer for medical assessment" in app.outcome.value  # what it could become


def test_reset_sets_everything_back_to_unknown(app) -> None:
    app.load_vignette("case_e_eli")
    app.reset_button.click()
    assert set(app.answers().values()) == {"unknown"}
    assert app.vignette.value == ""
    assert app.vignette_story.value == ""


def test_load_without_a_choice_says_so(app) -> None:
    app.load_button.click()
    assert "Choose a case" in app.vignette_story.value


def test_export_writes_only_when_asked_and_only_where_asked(app, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    app.load_vignette("case_b_ben")
    assert list(tmp_path.iterdir()) == []
    app.export_button.click()
    assert "Nothing was saved" in app.export_status.value
    assert list(tmp_path.iterdir()) == []
    app.export_path.value = "ben.html"
    app.export_button.click()
    assert [p.name for p in tmp_path.iterdir()] == ["ben.html"]
    assert "Proceed with precautions" in (tmp_path / "ben.html").read_text(encoding="utf-8")
    app.export_button.click()
    assert "Not saved" in app.export_status.value and "already exists" in app.export_status.value


def test_key_elements_carry_stable_css_classes(app) -> None:
    assert "mn-outcome" in app.outcome._dom_classes
    assert "mn-vignette" in app.vignette._dom_classes
    assert "mn-load" in app.load_button._dom_classes
    assert "mn-reset" in app.reset_button._dom_classes
    assert "mn-checklist-app" in app.widget._dom_classes


def test_the_result_panel_is_the_report_s_html(app) -> None:
    app.load_vignette("case_c_chloe")
    assert app.outcome.value == risk.outcome_html(app.assessment)
    assert app.reasons.value == risk.reasons_html(app.assessment, max_open=8)
    assert app.aftercare.value == risk.aftercare_html(app.assessment)
    assert app.outcome.value in risk.summary_html(app.assessment)


def test_every_control_has_an_accessible_name(app) -> None:
    """Screen readers announce a control by its description (or tooltip); none may be blank."""
    for key, toggle in app.toggles.items():
        item = next(i for i in risk.checklist_items() if i.key == key)
        assert toggle.description == item.label
        assert all(tip == item.question for tip in toggle.tooltips)
    for control in (app.vignette, app.load_button, app.reset_button, app.export_path, app.export_button):
        assert control.description.strip(), control
    assert not any(getattr(c, "disabled", False) for c in (app.vignette, app.load_button, app.reset_button))


def test_the_timeline_caption_lists_added_complications(app) -> None:
    app.set_answers(risk.blank_answers("no"))
    assert "No yes answer adds a complication" in app.timeline_caption.value
    app.toggles["darker_skin_type"].value = "yes"
    assert "Dark marks (post-inflammatory hyperpigmentation)" in app.timeline_caption.value


def test_the_stored_fallback_is_a_sentence_not_a_dump_of_widget_names(app) -> None:
    bundle = app._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].startswith("Side-effect checklist (interactive)")
    assert "VBox" not in bundle["text/plain"]
